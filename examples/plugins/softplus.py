"""A single-file neuron plugin: softplus, σ(z) = ln(1 + e^z), a smooth ReLU.

    neurokit train examples/plugins/parity.json -p examples/plugins/softplus.py ...

Its derivative is the sigmoid: σ'(z) = e^z / (1 + e^z) = 1 / (1 + e^{−z}).
"""

import numpy as np

from neurokit import hookimpl
from neurokit.components import Neuron, NeuronType


class Softplus(Neuron):
    name = "softplus"

    def sigma(self, z):
        # ln(1 + e^z) = logaddexp(0, z), which never overflows for large z
        return np.logaddexp(0, z)

    def sigma_prime(self, z, a=None):
        # σ'(z) = 1 / (1 + e^{−z}), written with tanh so no |z| overflows
        return 0.5 * (1.0 + np.tanh(np.multiply(z, 0.5)))


@hookimpl
def neurokit_register_neurons():
    return [NeuronType("softplus", lambda params: Softplus(), summary="σ(z) = ln(1 + e^z)")]
