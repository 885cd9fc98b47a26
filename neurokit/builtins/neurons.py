"""Registers the lecture's neurons (``neurokit.core.neurons``): perceptron, sigmoid, linear."""

from neurokit.core.components import NeuronType
from neurokit.core.hookspecs import hookimpl
from neurokit.core.neurons import Linear, Perceptron, Sigmoid


@hookimpl
def neurokit_register_neurons():
    return [
        NeuronType(
            "perceptron",
            lambda params: Perceptron(),
            summary="step: 1 if w·x + b > 0 else 0 (train with the perceptron rule)",
        ),
        NeuronType("sigmoid", lambda params: Sigmoid(), summary="σ(z) = 1 / (1 + e^(−z))"),
        NeuronType("linear", lambda params: Linear(), summary="σ(z) = z"),
    ]
