"""Exercise 3: linear neurons σ(z) = z throughout — the net is one affine map, and backprop
reduces to δ^L = a^L − y, δ^l = (w^{l+1})^T δ^{l+1}."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from neurokit.cli import main
from neurokit.core.network import Network
from neurokit.pipeline.registry import load_registry
from neurokit.pipeline.runs import read_metrics

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "linear.json"
SIZES = [3, 5, 4, 2]


@pytest.fixture
def linear_net():
    registry = load_registry(autoload=False)
    linear = registry.get("neuron", "linear").build()
    return Network(SIZES, [linear] * (len(SIZES) - 1), seed=3), registry


def collapse(weights, biases):
    """One affine map x ↦ W x + b: W = w^L ⋯ w^2 and b folded through the later layers."""
    W, b = weights[0], biases[0]
    for w_next, b_next in zip(weights[1:], biases[1:], strict=True):
        W = w_next @ W
        b = w_next @ b + b_next
    return W, b


def test_a_multi_layer_linear_net_is_one_affine_map(linear_net):
    net, _ = linear_net
    W, b = collapse(net.weights, net.biases)
    assert W.shape == (SIZES[-1], SIZES[0])
    x = np.random.default_rng(0).standard_normal((7, SIZES[0]))
    np.testing.assert_allclose(net.feedforward(x), x @ W.T + b, rtol=1e-12, atol=1e-12)
    # W written out for 3 layers of weights: W = w^4 w^3 w^2
    w2, w3, w4 = net.weights
    np.testing.assert_allclose(W, w4 @ w3 @ w2, rtol=1e-12)


def test_backprop_equals_the_simplified_equations(linear_net):
    net, registry = linear_net
    cost = registry.get("cost", "quadratic").build()
    rng = np.random.default_rng(1)
    x = rng.standard_normal((6, SIZES[0]))
    y = rng.standard_normal((6, SIZES[-1]))
    nabla_w, nabla_b = net.backprop(x, y, cost)

    # Independently, one example (column vector) at a time, with σ(z) = z and σ'(z) = 1:
    expected_w = [np.zeros_like(w) for w in net.weights]
    expected_b = [np.zeros_like(b) for b in net.biases]
    for xi, yi in zip(x, y, strict=True):
        activations = [xi]
        for w, b in zip(net.weights, net.biases, strict=True):
            activations.append(w @ activations[-1] + b)  # a^l = z^l
        delta = activations[-1] - yi  # δ^L = a^L − y
        for i in range(len(net.weights) - 1, -1, -1):
            expected_b[i] += delta / len(x)  # BP3, averaged over the examples
            expected_w[i] += np.outer(delta, activations[i]) / len(x)  # BP4
            delta = net.weights[i].T @ delta  # δ^l = (w^{l+1})^T δ^{l+1}
    for got, want in zip(nabla_w + nabla_b, expected_w + expected_b, strict=True):
        np.testing.assert_allclose(got, want, rtol=1e-10, atol=1e-12)


def test_output_error_is_a_minus_y_for_a_linear_output(linear_net):
    net, registry = linear_net
    cost = registry.get("cost", "quadratic").build()
    a = np.array([[0.3, -1.2]])
    y = np.array([[1.0, 0.5]])
    delta = cost.output_error(a, y, a, net.neurons[-1])
    np.testing.assert_array_equal(delta, a - y)


def test_the_linear_example_trains_with_the_same_code(tmp_path, capsys):
    out = tmp_path / "run"
    assert main(["train", str(EXAMPLE), "--out", str(out), "--progress", "none"]) == 0
    capsys.readouterr()
    rows = read_metrics(out / "metrics.jsonl")
    assert len(rows) == 200
    assert rows[-1]["train_cost"] < 1e-6 < rows[0]["train_cost"]
    # The learned net is the affine map the data came from: y = 2 x1 − x2 + 0.5.
    arrays = np.load(out / "model.npz")
    W, b = collapse([arrays["w2"], arrays["w3"]], [arrays["b2"], arrays["b3"]])
    np.testing.assert_allclose(W, [[2.0, -1.0]], atol=1e-2)
    np.testing.assert_allclose(b, [0.5], atol=1e-2)


def test_the_linear_example_spec_uses_linear_neurons_throughout():
    spec = json.loads(EXAMPLE.read_text())
    assert {layer["neuron"] for layer in spec["layers"][1:]} == {"linear"}
