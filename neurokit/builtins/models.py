"""Built-in models: the layered feedforward net and the perceptron rule, registered through
the same hook a third-party model uses."""

from __future__ import annotations

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from neurokit.core.components import (
    FEEDFORWARD_SECTIONS,
    ModelContext,
    ModelType,
    NoParams,
    Sections,
)
from neurokit.core.hookspecs import hookimpl
from neurokit.core.network import Network
from neurokit.core.perceptron import PerceptronLayer


def build_feedforward(params: NoParams, context: ModelContext) -> Network:
    """The lecture's net: the spec's sizes and neurons, N(0, 1) initial weights from the run's
    generator, then every hand-set w^l and b^l the spec gives."""
    network = Network(
        context.sizes, context.neurons, dtype=context.dtype, rng=context.rng, init=context.init
    )
    _hand_set(context, network.weights, network.biases)
    return network


class PerceptronParams(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, defer_build=True)

    eta: float = Field(default=1.0, gt=0, description="learning rate η of the perceptron rule")


def build_perceptron(params: PerceptronParams, context: ModelContext) -> PerceptronLayer:
    n_inputs, n_outputs = context.sizes
    layer = PerceptronLayer(n_inputs, n_outputs, params.eta, dtype=context.dtype, rng=context.rng)
    _hand_set(context, [layer.weights], [layer.biases])
    return layer


def _hand_set(context: ModelContext, weights: list, biases: list) -> None:
    """Overwrite initial values with the w^l, b^l a spec's layers give (already shape-checked)."""
    for i, layer in enumerate(context.layers[1:]):
        if getattr(layer, "weights", None) is not None:
            weights[i][...] = np.array(layer.weights, dtype=weights[i].dtype)
        if getattr(layer, "biases", None) is not None:
            biases[i][...] = np.array(layer.biases, dtype=biases[i].dtype)


XOR = {"x": [[0, 0], [0, 1], [1, 0], [1, 1]], "y": [[0], [1], [1], [0]]}

#: Small complete specs the conformance kit trains (and ``docs/plugins.md`` shows).
FEEDFORWARD_EXAMPLE = {
    "schema_version": 1,
    "name": "feedforward-xor",
    "layers": [{"size": 2}, {"size": 3, "neuron": "sigmoid"}, {"size": 1, "neuron": "sigmoid"}],
    "cost": "quadratic",
    "optimizer": {"name": "sgd", "params": {"eta": 4.0}},
    "training": {"epochs": 20, "batch_size": 2, "seed": 1},
    "data": {"name": "inline", "params": {"train": XOR}},
}
PERCEPTRON_EXAMPLE = {
    "schema_version": 1,
    "name": "perceptron-and",
    "layers": [{"size": 2}, {"size": 1}],
    "training": {"epochs": 10, "seed": 0},
    "data": {"name": "gates", "params": {"gate": "and"}},
}


@hookimpl
def neurokit_register_models():
    return [
        ModelType(
            "feedforward",
            build_feedforward,
            summary="layers of neurons, trained by backprop (BP1–BP4) and a registered optimizer",
            sections=FEEDFORWARD_SECTIONS,
            example=FEEDFORWARD_EXAMPLE,
        ),
        ModelType(
            "perceptron",
            build_perceptron,
            PerceptronParams,
            summary="one layer of perceptrons, trained by the perceptron learning rule",
            sections=Sections(
                layers=(2, 2),
                neurons=False,
                learning="rule",
                training=frozenset({"epochs", "seed", "dtype"}),
            ),
            example=PERCEPTRON_EXAMPLE,
        ),
    ]
