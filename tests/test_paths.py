"""explain --paths: the sum over every path from w^l_jk to C equals backprop's ∂C/∂w^l_jk."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import numpy as np
import pytest

from neurokit.cli import main
from neurokit.core.errors import NeurokitError
from neurokit.core.network import Network
from neurokit.lessons.paths import MAX_PATHS, path_count, render_paths, weight_paths
from neurokit.pipeline import builder
from neurokit.pipeline.registry import load_registry
from neurokit.spec import load_spec

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "lecture-2-2-2.json"
X, Y = [0.05, 0.10], [0.01, 0.99]


def lecture_net():
    registry = load_registry(autoload=False)
    spec = load_spec(EXAMPLE, registry)
    return builder.build_network(spec, registry), builder.build_cost(spec, registry)


def net_2_3_3_2(mixed=False):
    registry = load_registry(autoload=False)
    neurons = [registry.get("neuron", "sigmoid").build() for _ in range(3)]
    if mixed:  # a tanh hidden layer: the rate factors use each layer's own σ'
        from neurokit.core.neurons import Tanh

        neurons[1] = Tanh()
    network = Network([2, 3, 3, 2], neurons, dtype="float64", seed=7)
    return network, registry.get("cost", "quadratic").build()


def every_weight(sizes):
    for l in range(2, len(sizes) + 1):
        for j in range(1, sizes[l - 1] + 1):
            for k in range(1, sizes[l - 2] + 1):
                yield l, j, k


def test_the_first_path_is_the_lecture_slides_chain_rule():
    # The path through a^3_1 is the slide's ∂c_o1/∂w^2_11, multiplied out by hand:
    # (a^3_1 − y_1) σ'(z^3_1) w^3_11 σ'(z^2_1) x_1, with σ' = σ(1 − σ).
    network, cost = lecture_net()
    s = lambda z: 1 / (1 + math.exp(-z))  # noqa: E731
    a2 = [s(0.15 * 0.05 + 0.20 * 0.10 + 0.35), s(0.25 * 0.05 + 0.30 * 0.10 + 0.35)]
    a31 = s(0.40 * a2[0] + 0.45 * a2[1] + 0.60)
    by_hand = (a31 - 0.01) * a31 * (1 - a31) * 0.40 * a2[0] * (1 - a2[0]) * 0.05
    result = weight_paths(network, cost, X, Y, 2, 1, 1)
    assert [p.neurons for p in result.paths] == [(1, 1), (1, 2)]
    assert result.paths[0].product == pytest.approx(by_hand, rel=1e-12)


@pytest.mark.parametrize("make", [lecture_net, net_2_3_3_2, lambda: net_2_3_3_2(mixed=True)])
def test_the_sum_over_paths_is_backprops_gradient_for_every_weight(make):
    network, cost = make()
    x, y = np.array([0.3, 0.8]), np.array([0.2, 0.9])
    nabla_w, _ = network.backprop(x[None, :], y[None, :], cost)
    for l, j, k in every_weight(network.sizes):
        result = weight_paths(network, cost, x, y, l, j, k)
        assert result.backprop == nabla_w[l - 2][j - 1, k - 1]
        assert abs(result.total - result.backprop) <= 1e-12
        assert len(result.paths) == math.prod(network.sizes[l:])
        assert len(set(p.neurons for p in result.paths)) == len(result.paths)


def test_path_count_is_the_product_of_the_later_layers():
    assert path_count([2, 3, 3, 2], 2) == 6
    assert path_count([2, 3, 3, 2], 3) == 2
    assert path_count([2, 3, 3, 2], 4) == 1


def test_the_measured_change_agrees_with_the_estimate_to_second_order():
    network, cost = net_2_3_3_2()
    before = [w.copy() for w in network.weights]
    errors = []
    for dw in (1e-2, 1e-3):
        result = weight_paths(network, cost, X, Y, 2, 2, 1, dw=dw)
        errors.append(abs(result.real_change - result.estimate))
        assert result.real_change == pytest.approx(result.estimate, rel=0.05)
    # second order: ten times smaller a Δw, about a hundred times smaller an error
    assert 50 < errors[0] / errors[1] < 200
    for w, w0 in zip(network.weights, before, strict=True):
        np.testing.assert_array_equal(w, w0)  # the net itself is left unchanged


def test_the_cost_after_is_the_cost_of_the_changed_net():
    network, cost = lecture_net()
    result = weight_paths(network, cost, X, Y, 3, 2, 1, dw=0.25)
    changed = Network(network.sizes, network.neurons, dtype="float64")
    weights = [w.copy() for w in network.weights]
    weights[1][1, 0] += 0.25
    changed.set_parameters(weights, network.biases)
    expected = cost.value(changed.feedforward(np.array([X])), np.array([Y]))
    assert result.cost_after == pytest.approx(expected, rel=1e-15)


@pytest.mark.parametrize(
    "l, j, k, message",
    [
        (1, 1, 1, "l = 1 is out of range: the weights are w^l for l = 2 … 3"),
        (4, 1, 1, "l = 4 is out of range"),
        (2, 3, 1, "j = 3 is out of range: layer 2 has neurons j = 1 … 2"),
        (3, 1, 0, "k = 0 is out of range: layer 2 has neurons k = 1 … 2"),
    ],
)
def test_bad_indices_name_the_valid_range(l, j, k, message):
    network, cost = lecture_net()
    with pytest.raises(NeurokitError, match=re.escape(message)):
        weight_paths(network, cost, X, Y, l, j, k)


def test_a_perceptron_layer_has_no_paths_to_follow():
    registry = load_registry(autoload=False)
    neurons = [registry.get("neuron", n).build() for n in ("perceptron", "sigmoid")]
    network = Network([2, 2, 2], neurons, dtype="float64")
    cost = registry.get("cost", "quadratic").build()
    with pytest.raises(NeurokitError) as caught:
        weight_paths(network, cost, X, Y, 3, 1, 1)
    assert str(caught.value) == (
        "layer 2 uses 'perceptron', which is not differentiable: no rate of change flows through it"
    )


def test_too_many_paths_suggests_a_smaller_net():
    registry = load_registry(autoload=False)
    sizes = [2, 25, 25, 25, 25, 2]
    neurons = [registry.get("neuron", "sigmoid").build() for _ in sizes[1:]]
    network = Network(sizes, neurons, dtype="float64")
    cost = registry.get("cost", "quadratic").build()
    assert path_count(sizes, 2) > MAX_PATHS
    with pytest.raises(NeurokitError, match="31,250 paths.*smaller net"):
        weight_paths(network, cost, X, Y, 2, 1, 1)
    assert len(weight_paths(network, cost, X, Y, 4, 1, 1).paths) == 50  # later layers are fine


def test_cli_prints_paths_sum_and_measured_change(capsys):
    assert main(["explain", str(EXAMPLE), "--paths", "2,1,1"]) == 0
    out = capsys.readouterr().out
    network, cost = lecture_net()
    result = weight_paths(network, cost, X, Y, 2, 1, 1)
    assert "path 1: w^2_11 → z^2_1 → a^2_1 → a^3_1 → C" in out
    assert "path 2: w^2_11 → z^2_1 → a^2_1 → a^3_2 → C" in out
    assert f"sum over the paths               = {result.total:.9g}" in out
    assert f"∂C/∂w^2_11 by backprop (BP1–BP4) = {result.backprop:.9g}" in out
    assert f"ΔC measured (cost recomputed) = {result.real_change:.9g}" in out
    assert out == render_paths(result) + "\n"


def test_cli_paths_of_a_trained_run(tmp_path, capsys):
    run = tmp_path / "run"
    assert main(["train", str(EXAMPLE), "--out", str(run), "--progress", "none"]) == 0
    capsys.readouterr()
    assert main(["explain", str(run), "--paths", "3,1,2"]) == 0
    out = capsys.readouterr().out
    assert "path 1: w^3_12 → z^3_1 → a^3_1 → C" in out and "difference" in out


@pytest.mark.parametrize(
    "arg, message",
    [
        ("2,1", "--paths '2,1': give the weight w^l_jk as three whole numbers l,j,k"),
        ("2,a,1", "three whole numbers"),
        ("2,-1,1", "three whole numbers"),
        ("5,1,1", "l = 5 is out of range: the weights are w^l for l = 2 … 3"),
        ("2,1,3", "k = 3 is out of range: layer 1 has neurons k = 1 … 2"),
    ],
)
def test_cli_bad_indices_exit_2_with_one_line(arg, message, capsys):
    assert main(["explain", str(EXAMPLE), "--paths", arg]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err and err.count("\n") == 1


def test_cli_too_many_paths_exit_2(tmp_path, capsys):
    layers = [{"size": 2}] + [{"size": 25, "neuron": "sigmoid"}] * 4 + [{"size": 2}]
    layers[-1]["neuron"] = "sigmoid"
    spec = {"schema_version": 1, "name": "wide", "layers": layers, "cost": "quadratic"}
    path = tmp_path / "wide.json"
    path.write_text(json.dumps(spec))
    args = ["explain", str(path), "--input", "0,1", "--target", "1,0", "--paths", "2,1,1"]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "31,250 paths" in err and "smaller net" in err and "Traceback" not in err


def test_notebook_api_paths_renders_as_text():
    import neurokit as nk

    result = nk.paths(str(EXAMPLE), 2, 1, 1)
    assert abs(result.total - result.backprop) <= 1e-12
    assert "PathSum(w^2_11: 2 paths" in repr(result)
    html = result._repr_html_()
    assert html.startswith("<pre>") and "a^3_2 → C" in html
