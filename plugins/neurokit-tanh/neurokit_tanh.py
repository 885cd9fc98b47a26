"""A tanh neuron: σ(z) = tanh(z), with outputs in (−1, 1) instead of the sigmoid's (0, 1).

tanh is a stretched sigmoid, tanh(z) = 2σ(2z) − 1, so a tanh layer can learn whatever a
sigmoid layer can; its outputs are centred on 0, which often speeds up learning in hidden
layers.
"""

from __future__ import annotations

import numpy as np

from neurokit import hookimpl
from neurokit.components import Neuron, NeuronType


class Tanh(Neuron):
    """σ(z) = tanh(z) = (e^z − e^{−z}) / (e^z + e^{−z})."""

    name = "tanh"

    def sigma(self, z):
        # np.tanh saturates to ±1 without overflowing, however large |z| is
        return np.tanh(z)

    def sigma_prime(self, z, a=None):
        if a is None:
            a = np.tanh(z)
        # σ'(z) = 1 − tanh²(z), cheapest from a = σ(z), which backprop already has
        return 1.0 - a * a


@hookimpl
def neurokit_register_neurons():
    return [NeuronType("tanh", lambda params: Tanh(), summary="σ(z) = tanh(z), outputs in (−1, 1)")]
