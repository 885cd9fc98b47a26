"""gradcheck: backprop against central finite differences, in the library and on the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from neurokit.api import gradcheck_spec
from neurokit.cli import main
from neurokit.core.errors import NeurokitError
from neurokit.core.network import Network
from neurokit.lessons.gradcheck import (
    FLOOR,
    central_difference,
    check_gradients,
    random_examples,
    relative_error,
)
from neurokit.pipeline import builder
from neurokit.pipeline.registry import load_registry
from neurokit.spec import load_spec, parse_spec

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

BAD_NEURON_PLUGIN = '''
import numpy as np

from neurokit import hookimpl
from neurokit.core.components import Neuron, NeuronType


class HalfSlopeSigmoid(Neuron):
    """σ is the sigmoid, but σ' is off by a factor of 2: the bug gradcheck must catch."""

    name = "half-slope"

    def sigma(self, z):
        return 1.0 / (1.0 + np.exp(-z))

    def sigma_prime(self, z, a=None):
        s = 1.0 / (1.0 + np.exp(-z))
        return 2.0 * s * (1.0 - s)


@hookimpl
def neurokit_register_neurons():
    return [NeuronType("half-slope", lambda params: HalfSlopeSigmoid())]
'''


@pytest.fixture
def registry():
    return load_registry(autoload=False)


def write_spec(path, hidden_neuron, output_neuron="sigmoid", sizes=(3, 4, 2)):
    spec = {
        "schema_version": 1,
        "name": "check",
        "layers": [
            {"size": sizes[0]},
            {"size": sizes[1], "neuron": hidden_neuron},
            {"size": sizes[2], "neuron": output_neuron},
        ],
        "cost": "quadratic",
    }
    path.write_text(json.dumps(spec))
    return path


def test_relative_error_follows_its_documented_definition():
    g_bp = np.array([1.0, 2.0, 0.0, 1e-9, -1.0])
    g_fd = np.array([1.0, 1.0, 0.0, 2e-9, 1.0])
    # |g_bp − g_fd| / max(|g_bp|, |g_fd|, FLOOR): equal → 0, 2 vs 1 → 1/2, both 0 → 0,
    # both below the floor → difference / FLOOR, opposite signs → 2.
    expected = [0.0, 0.5, 0.0, 1e-9 / FLOOR, 2.0]
    assert relative_error(g_bp, g_fd) == pytest.approx(expected)


def test_central_difference_of_a_one_weight_net_matches_the_derivative_by_hand(registry):
    # One sigmoid neuron, one input: C = ½(σ(w x + b) − y)², so ∂C/∂w = (a − y) σ'(z) x.
    sigmoid = registry.get("neuron", "sigmoid").build()
    cost = registry.get("cost", "quadratic").build()
    net = Network([1, 1], [sigmoid])
    net.set_parameters([[[0.7]]], [[-0.2]])
    x, y = np.array([[0.5]]), np.array([[1.0]])
    z = 0.7 * 0.5 - 0.2
    a = 1 / (1 + np.exp(-z))
    by_hand = (a - 1.0) * a * (1 - a) * 0.5
    assert central_difference(net, cost, x, y, net.weights[0], (0, 0)) == pytest.approx(
        by_hand, rel=1e-8
    )
    assert net.weights[0][0, 0] == 0.7  # restored


def test_a_correct_sigmoid_net_passes_every_layer_and_is_left_unchanged(registry):
    sigmoid = registry.get("neuron", "sigmoid").build()
    cost = registry.get("cost", "quadratic").build()
    net = Network([4, 5, 3, 2], [sigmoid] * 3, seed=7)
    before = [p.copy() for p in net.parameters]
    x, y = random_examples(4, 2, 5, seed=1)
    report = check_gradients(net, cost, x, y, samples=None)
    assert report.passed, report
    assert [layer.layer for layer in report.layers] == [2, 3, 4]
    assert all(layer.max_error < 1e-6 for layer in report.layers)
    # every entry was checked
    assert [len(layer.weights.indices) for layer in report.layers] == [20, 15, 6]
    assert all(np.array_equal(p, q) for p, q in zip(before, net.parameters, strict=True))


def test_the_spec_path_checks_hand_set_weights_and_the_small_variant(registry, tmp_path):
    spec = load_spec(EXAMPLES / "lecture-2-2-2.json", registry)
    report = gradcheck_spec(spec, registry)
    assert report.passed and report.sizes == [2, 2, 2]
    mnist = load_spec(EXAMPLES / "mnist.json", registry)
    small = gradcheck_spec(mnist, registry, small=True)
    assert small.sizes == [4, 4, 4] and small.passed
    assert "small random net" in small.note


def test_gradcheck_cli_passes_a_correct_net(capsys):
    assert main(["gradcheck", str(EXAMPLES / "xor.json")]) == 0
    out = capsys.readouterr().out
    assert "all layers pass" in out
    assert out.count("pass") >= 4  # w^2, b^2, w^3, b^3


def test_a_plugin_neuron_with_a_wrong_derivative_makes_gradcheck_exit_2(tmp_path, capsys):
    plugin = tmp_path / "half_slope.py"
    plugin.write_text(BAD_NEURON_PLUGIN)
    spec = write_spec(tmp_path / "spec.json", "half-slope")
    status = main(["gradcheck", "-p", str(plugin), str(spec)])
    out = capsys.readouterr().out
    assert status == 2
    rows = {line.split()[2]: line for line in out.splitlines() if line[:5].strip() in ("2", "3")}
    # σ' is doubled, so both of layer 2's gradients come out twice as large: error 1/2.
    assert "FAIL" in rows["w^2"] and "5.00e-01" in rows["w^2"]
    assert "FAIL" in rows["b^2"]
    # Layer 3's neuron is a correct sigmoid, and BP1 does not involve layer 2's σ'.
    assert rows["w^3"].rstrip().endswith("pass")
    assert "layer 2 (half-slope)" in out


def test_gradcheck_refuses_a_perceptron_layer_clearly(tmp_path, capsys):
    spec = write_spec(tmp_path / "spec.json", "perceptron")
    assert main(["gradcheck", str(spec)]) == 2
    err = capsys.readouterr().err
    assert "layer 2" in err and "'perceptron'" in err and "not differentiable" in err
    assert "Traceback" not in err


def test_gradcheck_refuses_float32_networks(registry):
    sigmoid = registry.get("neuron", "sigmoid").build()
    net = Network([2, 2], [sigmoid], dtype="float32")
    x, y = random_examples(2, 2, 2)
    with pytest.raises(NeurokitError, match="float64"):
        check_gradients(net, registry.get("cost", "quadratic").build(), x, y)


def test_linear_and_mixed_nets_pass(registry):
    spec = parse_spec(
        {
            "schema_version": 1,
            "name": "mixed",
            "layers": [
                {"size": 3},
                {"size": 4, "neuron": "linear"},
                {"size": 3, "neuron": "sigmoid"},
                {"size": 2, "neuron": "linear"},
            ],
            "cost": "quadratic",
        },
        registry,
    )
    report = gradcheck_spec(spec, registry, samples=None)
    assert report.passed
    assert builder.build_network(spec, registry).sizes == report.sizes


BAD_COST_PLUGIN = '''
from neurokit import hookimpl
from neurokit.core.components import Cost, CostType


class SloppyQuadratic(Cost):
    """C = ½‖a − y‖², but its ∇_a C is 10 % too large."""

    name = "sloppy"

    def value(self, a, y):
        return float(0.5 * ((a - y) ** 2).sum() / a.shape[0])

    def gradient(self, a, y):
        return 1.1 * (a - y)


@hookimpl
def neurokit_register_costs():
    return [CostType("sloppy", lambda params: SloppyQuadratic())]
'''


def test_a_cost_plugin_with_a_wrong_gradient_fails_every_layer(tmp_path, capsys):
    plugin = tmp_path / "sloppy.py"
    plugin.write_text(BAD_COST_PLUGIN)
    spec_path = write_spec(tmp_path / "spec.json", "sigmoid")
    spec = json.loads(spec_path.read_text())
    spec["cost"] = "sloppy"
    spec_path.write_text(json.dumps(spec))
    assert main(["gradcheck", "-p", str(plugin), str(spec_path)]) == 2
    out = capsys.readouterr().out
    # BP1 is off by 10 %, and BP2 carries the error into every layer: relative error 0.1/1.1.
    assert out.count("FAIL at") == 4 and "9.09e-02" in out


def test_on_a_terminal_the_table_is_printed_through_rich(monkeypatch, capsys):
    import sys

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("COLUMNS", "140")
    assert main(["gradcheck", str(EXAMPLES / "xor.json")]) == 0
    out = capsys.readouterr().out
    assert "all layers pass" in out and "w^2" in out
    assert "\x1b[" in out  # rich styled the pass lines (green) for the terminal


def test_the_library_refuses_a_model_that_learns_without_gradients(registry):
    spec = load_spec(EXAMPLES / "gates" / "and-learn.json", registry)
    with pytest.raises(NeurokitError, match="model 'perceptron' learns without gradients"):
        gradcheck_spec(spec, registry)
