"""The lecture's neurons: the perceptron, the sigmoid neuron and the linear neuron.

They are registered by ``neurokit.builtins.neurons`` through the same hook a plugin uses."""

from __future__ import annotations

import numpy as np

from neurokit.core.components import Neuron
from neurokit.core.errors import NeurokitError


class Perceptron(Neuron):
    """output = 1 if w·x + b > 0 else 0, with the bias b = −threshold."""

    name = "perceptron"
    differentiable = False

    def sigma(self, z):
        z = np.asarray(z)
        dtype = z.dtype if np.issubdtype(z.dtype, np.floating) else np.float64
        return (z > 0).astype(dtype)

    def sigma_prime(self, z, a=None):
        raise NeurokitError(
            "the perceptron's step function has no useful derivative (0 everywhere, undefined "
            "at z = 0), so backprop cannot train it; use the perceptron learning rule "
            "(the gates lesson learns its gates so) or hand-set weights"
        )


class Sigmoid(Neuron):
    """σ(z) = 1 / (1 + e^{−z}), computed as (1 + tanh(z/2)) / 2 so no |z| overflows."""

    name = "sigmoid"

    def sigma(self, z):
        a = np.multiply(z, 0.5)
        if a.ndim == 0:
            # a scalar in gives a NumPy scalar, which cannot be written in place (an attribute,
            # not np.ndim(): this runs four times per training step)
            return 0.5 * (1.0 + np.tanh(a))
        np.tanh(a, out=a)
        a += 1.0
        a *= 0.5
        return a

    def sigma_prime(self, z, a=None):
        if a is None:
            a = self.sigma(z)
        # σ'(z) = σ(z)(1 − σ(z))
        prime = 1.0 - a
        prime *= a
        return prime


class Linear(Neuron):
    """σ(z) = z, so σ'(z) = 1: the lecture's exercise 3."""

    name = "linear"

    def sigma(self, z):
        return np.asarray(z)

    def sigma_prime(self, z, a=None):
        return np.ones_like(z)
