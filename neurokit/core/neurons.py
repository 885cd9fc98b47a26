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
    """σ(z) = 1 / (1 + e^{−z}), to a few ulps for every float z and without overflow.

    Both σ and σ' are written with e = e^{−|z|} ∈ [0, 1], which never overflows:
    σ(z) = 1/(1 + e) for z ≥ 0 and e/(1 + e) for z < 0, so a tiny σ(−40) ≈ 4.2e-18 keeps its
    digits instead of cancelling in 1 − (something near 1); σ'(z) = e/(1 + e)², because
    σ'(z) = σ(z)σ(−z) is even in z. σ(z)(1 − σ(z)) would lose every digit once σ(z) rounds
    to 1, so σ' is computed from z and the ``a`` passed in is not needed.
    """

    name = "sigmoid"

    def sigma(self, z):
        z = np.asarray(z)
        e = _exp_minus_abs(z)
        a = np.where(z >= 0, 1.0, e).astype(e.dtype, copy=False)
        e += 1.0
        a /= e
        return a[()]  # a NumPy scalar for a scalar z, the array itself otherwise

    def sigma_prime(self, z, a=None):
        e = _exp_minus_abs(np.asarray(z))
        # σ'(z) = e/(1 + e)²
        denominator = e + 1.0
        denominator *= denominator
        e /= denominator
        return e[()]


def _exp_minus_abs(z: np.ndarray) -> np.ndarray:
    """e^{−|z|} in z's float dtype (float64 for integers): in [0, 1], so it cannot overflow."""
    # Called twice per layer per mini-batch: dtype.kind and ndim are attribute reads, where
    # np.issubdtype and np.atleast_1d cost a few µs (7% of an m = 1 epoch).
    dtype = z.dtype if z.dtype.kind == "f" else np.float64
    e = np.abs(z if z.ndim else z.reshape(1), dtype=dtype)  # a new array, reused below
    np.negative(e, out=e)
    np.exp(e, out=e)
    return e if z.ndim else e.reshape(())


class Linear(Neuron):
    """σ(z) = z, so σ'(z) = 1: the lecture's exercise 3."""

    name = "linear"

    def sigma(self, z):
        return np.asarray(z)

    def sigma_prime(self, z, a=None):
        return np.ones_like(z)


class Tanh(Neuron):
    """σ(z) = tanh(z) = 2·sigmoid(2z) − 1: outputs in (−1, 1), the recurrent nets' squash."""

    name = "tanh"

    def sigma(self, z):
        return np.tanh(z)

    def sigma_prime(self, z, a=None):
        if a is None:
            a = np.tanh(z)
        # tanh'(z) = 1 − tanh²(z)
        return 1.0 - a * a
