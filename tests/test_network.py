"""Backprop checked three independent ways: finite differences, the lecture's chain-rule slide
by hand, and the lecture's per-example algorithm summed over a mini-batch."""

import math

import numpy as np
import pytest

from neurokit.builtins.costs import Quadratic
from neurokit.builtins.optimizers import SGD
from neurokit.core.network import Network
from neurokit.core.neurons import Linear, Sigmoid


def mean_cost(network, x, y, cost):
    return cost.value(network.feedforward(x), y)


def finite_difference_gradients(network, x, y, cost, h=1e-6):
    """Central differences (C(θ + h) − C(θ − h)) / 2h for every parameter, one at a time."""
    grads = []
    for param in network.parameters:
        grad = np.zeros_like(param)
        for index in np.ndindex(param.shape):
            saved = param[index]
            param[index] = saved + h
            plus = mean_cost(network, x, y, cost)
            param[index] = saved - h
            minus = mean_cost(network, x, y, cost)
            param[index] = saved
            grad[index] = (plus - minus) / (2 * h)
        grads.append(grad)
    return grads


@pytest.mark.parametrize(
    "sizes, kinds",
    [
        ([3, 4, 2], ["sigmoid", "sigmoid"]),
        ([5, 3, 4, 2], ["sigmoid", "linear", "sigmoid"]),
        ([2, 6, 1], ["linear", "linear"]),
        ([4, 3, 3, 3, 3], ["sigmoid", "sigmoid", "sigmoid", "linear"]),
    ],
)
def test_backprop_equals_central_finite_differences(sizes, kinds):
    neurons = [Sigmoid() if kind == "sigmoid" else Linear() for kind in kinds]
    rng = np.random.default_rng(sum(sizes))
    network = Network(sizes, neurons, seed=len(sizes))
    x = rng.uniform(0, 1, size=(7, sizes[0]))
    y = rng.uniform(0, 1, size=(7, sizes[-1]))
    cost = Quadratic()

    nabla_w, nabla_b = network.backprop(x, y, cost)
    numeric = finite_difference_gradients(network, x, y, cost)

    for analytic, estimate in zip(nabla_w + nabla_b, numeric, strict=True):
        scale = np.maximum(np.abs(analytic), np.abs(estimate)).max()
        relative = np.abs(analytic - estimate).max() / scale
        assert relative < 1e-6


def sigma(z):
    return 1 / (1 + math.exp(-z))


def test_lecture_chain_rule_slide_by_hand():
    """The lecture's 2-2-2 net: c_o1 = ½(a^3_1 − y_1)², its derivatives by the chain rule.

    The slide's w^2_11 feeds the output layer and w^1_11 the hidden layer; in the project's
    convention (w^l feeds layer l) they are weights[1][0, 0] and weights[0][0, 0].
    """
    w_hidden = [[0.15, 0.20], [0.25, 0.30]]
    b_hidden = [0.35, 0.35]
    w_out = [[0.40, 0.45], [0.50, 0.55]]
    b_out = [0.60, 0.60]
    x = [0.05, 0.10]
    y = [0.01, 0.99]

    network = Network([2, 2, 2], [Sigmoid(), Sigmoid()])
    network.set_parameters([w_hidden, w_out], [b_hidden, b_out])

    # Forward, by hand.
    z2 = [sum(w_hidden[j][k] * x[k] for k in range(2)) + b_hidden[j] for j in range(2)]
    a2 = [sigma(z) for z in z2]
    z3 = [sum(w_out[j][k] * a2[k] for k in range(2)) + b_out[j] for j in range(2)]
    a3 = [sigma(z) for z in z3]
    # ∂c_o1/∂w^2_11 = ∂c_o1/∂a^3_1 · ∂a^3_1/∂z^3_1 · ∂z^3_1/∂w^2_11
    d_out = (a3[0] - y[0]) * a3[0] * (1 - a3[0])
    dc_dw_out_11 = d_out * a2[0]
    # ∂c_o1/∂w^1_11 = [∂c_o1/∂a^3_1 · ∂a^3_1/∂z^3_1]
    #               · [∂z^3_1/∂a^2_1 · ∂a^2_1/∂z^2_1] · ∂z^2_1/∂w^1_11
    dc_dw_hidden_11 = d_out * (w_out[0][0] * a2[0] * (1 - a2[0])) * x[0]

    # c_o1 is the cost of output 1 alone: a cost that ignores output 2.
    class OutputOneOnly(Quadratic):
        def gradient(self, a, y):
            grad = a - y
            grad[:, 1] = 0
            return grad

    nabla_w, _ = network.backprop(np.array([x]), np.array([y]), OutputOneOnly())
    assert nabla_w[1][0, 0] == pytest.approx(dc_dw_out_11, rel=1e-12)
    assert nabla_w[0][0, 0] == pytest.approx(dc_dw_hidden_11, rel=1e-12)
    # Published value for this classic example: ∂E/∂w5 ≈ 0.082167041.
    assert dc_dw_out_11 == pytest.approx(0.082167041, abs=1e-9)


def per_example_gradients(network, x, y):
    """The lecture's algorithm for one x, with column vectors and explicit loops over layers."""
    activation = x.reshape(-1, 1)
    activations, zs = [activation], []
    for w, b in zip(network.weights, network.biases, strict=True):
        z = w @ activation + b.reshape(-1, 1)
        activation = 1 / (1 + np.exp(-z))
        zs.append(z)
        activations.append(activation)
    sp = [a * (1 - a) for a in activations[1:]]
    delta = (activations[-1] - y.reshape(-1, 1)) * sp[-1]
    nabla_w = [None] * len(zs)
    nabla_b = [None] * len(zs)
    nabla_w[-1], nabla_b[-1] = delta @ activations[-2].T, delta
    for i in range(len(zs) - 2, -1, -1):
        delta = (network.weights[i + 1].T @ delta) * sp[i]
        nabla_w[i], nabla_b[i] = delta @ activations[i].T, delta
    return nabla_w, [b.ravel() for b in nabla_b]


def test_one_sgd_step_equals_the_lecture_update_rule_example_by_example():
    network = Network([4, 5, 3], [Sigmoid(), Sigmoid()], seed=3)
    x = np.array([[0.1, 0.9, 0.2, 0.0], [1.0, 0.5, 0.3, 0.7], [0.0, 0.0, 1.0, 0.4]])
    y = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]])
    eta, m = 3.0, len(x)

    expected_w = [w.copy() for w in network.weights]
    expected_b = [b.copy() for b in network.biases]
    sums = [per_example_gradients(network, x[i], y[i]) for i in range(m)]
    for layer in range(2):
        # w^l → w^l − (η/m) Σ_x δ^{x,l}(a^{x,l−1})^T ;  b^l → b^l − (η/m) Σ_x δ^{x,l}
        expected_w[layer] -= eta / m * sum(s[0][layer] for s in sums)
        expected_b[layer] -= eta / m * sum(s[1][layer] for s in sums)

    sgd = SGD(eta)
    nabla_w, nabla_b = network.backprop(x, y, Quadratic(), sgd.gradient_scale)
    sgd.step(network.parameters, nabla_w + nabla_b)

    for got, want in zip(network.weights + network.biases, expected_w + expected_b, strict=True):
        assert np.abs(got - want).max() <= 1e-12


def test_float32_network_stays_float32():
    network = Network([3, 2, 1], [Sigmoid(), Sigmoid()], dtype="float32")
    x = np.ones((4, 3), dtype=np.float32)
    nabla_w, nabla_b = network.backprop(x, np.zeros((4, 1), np.float32), Quadratic(), 3.0)
    assert network.feedforward(x).dtype == np.float32
    assert {g.dtype for g in nabla_w + nabla_b} == {np.dtype(np.float32)}


def test_initialisation_is_seeded_standard_normal():
    a = Network([784, 30, 10], [Sigmoid(), Sigmoid()], seed=7)
    b = Network([784, 30, 10], [Sigmoid(), Sigmoid()], seed=7)
    c = Network([784, 30, 10], [Sigmoid(), Sigmoid()], seed=8)
    assert all(np.array_equal(p, q) for p, q in zip(a.parameters, b.parameters, strict=True))
    assert not np.array_equal(a.weights[0], c.weights[0])
    assert a.weights[0].shape == (30, 784) and a.biases[0].shape == (30,)
    # N(0, 1): 23,520 draws have mean ≈ 0 and standard deviation ≈ 1.
    assert abs(a.weights[0].mean()) < 0.03 and abs(a.weights[0].std() - 1) < 0.03


def test_weight_indices_follow_the_lecture():
    """w[j, k] is w^l_jk: the weight from neuron k of layer l−1 to neuron j of layer l."""
    network = Network([3, 2], [Linear()])
    w = np.zeros((2, 3))
    w[1, 2] = 5.0  # from input 3 (k=2) to output 2 (j=1)
    network.set_parameters([w], [np.zeros(2)])
    assert network.feedforward([0.0, 0.0, 1.0]).tolist() == [0.0, 5.0]
