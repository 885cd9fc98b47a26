"""A student's tanh neuron with a classic mistake, for the instructor's check in docs/plugins.md:

    neurokit plugins --check -p examples/plugins/tutorial/student.py     # exit status 2

σ'(z) should be 1 − tanh²(z); this one forgets to square and doubles it instead.
"""

import numpy as np

from neurokit import hookimpl
from neurokit.components import Neuron, NeuronType


class StudentTanh(Neuron):
    name = "student-tanh"

    def sigma(self, z):
        return np.tanh(z)

    def sigma_prime(self, z, a=None):
        return 2.0 * (1.0 - np.tanh(z) ** 2)  # wrong: the factor 2 is a bug


@hookimpl
def neurokit_register_neurons():
    return [NeuronType("student-tanh", lambda params: StudentTanh(), summary="tanh, buggy σ'")]
