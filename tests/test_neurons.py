import warnings

import numpy as np
import pytest

from neurokit.builtins.costs import Quadratic
from neurokit.core.errors import NeurokitError
from neurokit.core.neurons import Linear, Perceptron, Sigmoid


def test_sigmoid_matches_its_definition():
    z = np.linspace(-30, 30, 121)
    assert np.allclose(Sigmoid().sigma(z), 1 / (1 + np.exp(-z)), rtol=1e-12, atol=1e-15)


def test_sigmoid_is_quiet_and_finite_at_extremes():
    z = np.array([-1000.0, -745.0, 0.0, 745.0, 1000.0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        a = Sigmoid().sigma(z)
        prime = Sigmoid().sigma_prime(z)
    # σ(−745) = e^{−745}/(1 + e^{−745}) is the smallest subnormal, not 0; σ' is even
    assert a.tolist() == [0.0, 5e-324, 0.5, 1.0, 1.0]
    assert prime.tolist() == [0.0, 5e-324, 0.25, 5e-324, 0.0]


def test_sigmoid_prime_is_sigma_times_one_minus_sigma():
    z = np.array([-2.0, 0.0, 3.0])
    s = 1 / (1 + np.exp(-z))
    assert np.allclose(Sigmoid().sigma_prime(z), s * (1 - s), rtol=1e-12)


def test_perceptron_follows_the_lecture_rule():
    # output 1 if w·x + b > 0, 0 if w·x + b ≤ 0: z = 0 gives 0
    assert Perceptron().sigma(np.array([-1.0, 0.0, 1e-9, 2.0])).tolist() == [0, 0, 1, 1]


def test_perceptron_has_no_derivative_for_backprop():
    with pytest.raises(NeurokitError, match="perceptron learning rule"):
        Perceptron().sigma_prime(np.zeros(3))


def test_linear_is_identity_with_unit_derivative():
    z = np.array([[-3.0, 2.5]], dtype=np.float32)
    assert Linear().sigma(z).tolist() == z.tolist()
    assert Linear().sigma_prime(z).tolist() == [[1.0, 1.0]]
    assert Linear().sigma_prime(z).dtype == np.float32


def test_quadratic_cost_by_hand():
    a = np.array([[0.5, 0.0], [1.0, 1.0]])
    y = np.array([[1.0, 0.0], [0.0, 1.0]])
    # C = 1/(2n) Σ ‖y − a‖² = 1/4 (0.25 + 1)
    assert Quadratic().value(a, y) == pytest.approx(0.3125)
    assert Quadratic().gradient(a, y).tolist() == [[-0.5, 0.0], [1.0, 0.0]]
