"""The tutorial's first plugin (docs/plugins.md, step 1): a tanh neuron in one file.

neurokit train examples/plugins/tutorial/tanh-xor.json -p examples/plugins/tutorial/my_neuron.py
"""

import numpy as np

from neurokit import hookimpl
from neurokit.components import Neuron, NeuronType


class Tanh(Neuron):
    name = "tanh"

    def sigma(self, z):
        return np.tanh(z)

    def sigma_prime(self, z, a=None):
        if a is None:
            a = np.tanh(z)
        return 1.0 - a * a  # σ'(z) = 1 − tanh²(z), cheapest from a = σ(z)


@hookimpl
def neurokit_register_neurons():
    return [NeuronType("tanh", lambda params: Tanh(), summary="σ(z) = tanh(z)")]
