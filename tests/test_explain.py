"""explain: the lecture-2-2-2 example's numbers against arithmetic done by hand in floats."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from neurokit.cli import main
from neurokit.lessons.explain import explain, render_text
from neurokit.pipeline import builder
from neurokit.pipeline.registry import load_registry
from neurokit.pipeline.runs import read_model_arrays
from neurokit.spec import load_spec

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "lecture-2-2-2.json"


def sigma(z):
    return 1.0 / (1.0 + math.exp(-z))


def by_hand():
    """The whole 2-2-2 computation with plain Python floats, one named number at a time."""
    x1, x2, y1, y2, eta = 0.05, 0.10, 0.01, 0.99, 0.5
    w2 = [[0.15, 0.20], [0.25, 0.30]]  # w^2_jk: from input k to hidden j
    b2 = [0.35, 0.35]
    w3 = [[0.40, 0.45], [0.50, 0.55]]  # w^3_jk: from hidden k to output j
    b3 = [0.60, 0.60]
    h = {}
    h["z2"] = [w2[j][0] * x1 + w2[j][1] * x2 + b2[j] for j in range(2)]
    h["a2"] = [sigma(z) for z in h["z2"]]
    h["z3"] = [w3[j][0] * h["a2"][0] + w3[j][1] * h["a2"][1] + b3[j] for j in range(2)]
    h["a3"] = [sigma(z) for z in h["z3"]]
    a3 = h["a3"]
    h["C"] = 0.5 * ((a3[0] - y1) ** 2 + (a3[1] - y2) ** 2)
    # BP1 with σ'(z) = σ(z)(1 − σ(z))
    h["d3"] = [(a3[0] - y1) * a3[0] * (1 - a3[0]), (a3[1] - y2) * a3[1] * (1 - a3[1])]
    # BP2: δ^2_k = Σ_j w^3_jk δ^3_j σ'(z^2_k)
    a2 = h["a2"]
    h["d2"] = [
        (w3[0][k] * h["d3"][0] + w3[1][k] * h["d3"][1]) * a2[k] * (1 - a2[k]) for k in range(2)
    ]
    # BP4: ∂C/∂w^l_jk = a^{l−1}_k δ^l_j
    h["gw3"] = [[a2[k] * h["d3"][j] for k in range(2)] for j in range(2)]
    h["gw2"] = [[(x1, x2)[k] * h["d2"][j] for k in range(2)] for j in range(2)]
    h["new_w3"] = [[w3[j][k] - eta * h["gw3"][j][k] for k in range(2)] for j in range(2)]
    h["new_w2"] = [[w2[j][k] - eta * h["gw2"][j][k] for k in range(2)] for j in range(2)]
    h["new_b3"] = [b3[j] - eta * h["d3"][j] for j in range(2)]
    h["new_b2"] = [b2[j] - eta * h["d2"][j] for j in range(2)]
    # The slide: c_o1 = ½(a^3_1 − y_1)², derivatives through output 1 only.
    h["c_o1"] = 0.5 * (a3[0] - y1) ** 2
    h["dco1_dw3_11"] = (a3[0] - y1) * a3[0] * (1 - a3[0]) * a2[0]
    h["dco1_dw2_11"] = (a3[0] - y1) * a3[0] * (1 - a3[0]) * w3[0][0] * a2[0] * (1 - a2[0]) * x1
    return h


@pytest.fixture
def trace():
    registry = load_registry(autoload=False)
    spec = load_spec(EXAMPLE, registry)
    network = builder.build_network(spec, registry)
    cost = builder.build_cost(spec, registry)
    return explain(network, cost, [0.05, 0.10], [0.01, 0.99], eta=0.5)


def test_forward_pass_numbers(trace):
    h = by_hand()
    assert trace.value("a^1") == pytest.approx([0.05, 0.10])
    assert trace.value("z^2") == pytest.approx(h["z2"], rel=1e-12)
    assert trace.value("a^2") == pytest.approx(h["a2"], rel=1e-12)
    assert trace.value("z^3") == pytest.approx(h["z3"], rel=1e-12)
    assert trace.value("a^3") == pytest.approx(h["a3"], rel=1e-12)
    assert trace.value("C_x") == pytest.approx(h["C"], rel=1e-12)


def test_bp1_to_bp4_numbers(trace):
    h = by_hand()
    assert trace.value("δ^3") == pytest.approx(h["d3"], rel=1e-12)
    assert trace.value("δ^2") == pytest.approx(h["d2"], rel=1e-12)
    assert trace.value("∂C/∂b^3") == pytest.approx(h["d3"], rel=1e-12)
    assert trace.value("∂C/∂b^2") == pytest.approx(h["d2"], rel=1e-12)
    np.testing.assert_allclose(trace.value("∂C/∂w^3"), h["gw3"], rtol=1e-12)
    np.testing.assert_allclose(trace.value("∂C/∂w^2"), h["gw2"], rtol=1e-12)


def test_updated_weights_after_one_sgd_step(trace):
    h = by_hand()
    np.testing.assert_allclose(trace.value("w^3 (new)"), h["new_w3"], rtol=1e-12)
    np.testing.assert_allclose(trace.value("w^2 (new)"), h["new_w2"], rtol=1e-12)
    np.testing.assert_allclose(trace.value("b^3 (new)"), h["new_b3"], rtol=1e-12)
    np.testing.assert_allclose(trace.value("b^2 (new)"), h["new_b2"], rtol=1e-12)
    assert float(trace.value("C_x (new)")) < h["C"]


def test_the_chain_rule_slide(trace):
    h = by_hand()
    assert float(trace.value("c_o1")) == pytest.approx(h["c_o1"], rel=1e-12)
    assert float(trace.value("∂c_o1/∂w^3_11")) == pytest.approx(h["dco1_dw3_11"], rel=1e-12)
    assert float(trace.value("∂c_o1/∂w^2_11")) == pytest.approx(h["dco1_dw2_11"], rel=1e-12)
    # w^3_11 only reaches output 1, so c_o1's derivative is the whole ∂C/∂w^3_11 ...
    assert float(trace.value("∂C/∂w^3")[0, 0]) == pytest.approx(h["dco1_dw3_11"], rel=1e-12)
    # ... but w^2_11 reaches both outputs: ∂C/∂w^2_11 adds the path through output 2.
    assert float(trace.value("∂C/∂w^2")[0, 0]) != pytest.approx(h["dco1_dw2_11"], rel=1e-3)


def test_steps_come_in_the_lecture_order_and_name_their_equations(trace):
    order = trace.symbols
    assert order.index("a^3") < order.index("C_x") < order.index("δ^3") < order.index("δ^2")
    assert order.index("δ^2") < order.index("∂C/∂w^2") < order.index("w^2 (new)")
    labels = {step.symbol: step.label for step in trace.steps}
    assert labels["δ^3"] == "BP1" and labels["δ^2"] == "BP2"
    assert labels["∂C/∂b^3"] == "BP3" and labels["∂C/∂w^3"] == "BP4"
    text = render_text(trace)
    for marker in ("[BP1] δ^3 = ∇_a C ⊙ σ'(z^3)", "[BP2] δ^2 = ((w^3)^T δ^3) ⊙ σ'(z^2)"):
        assert marker in text
    assert "C_x = 0.298371109" in text


def test_cli_prints_plain_text_with_the_numbers(capsys):
    assert main(["explain", str(EXAMPLE)]) == 0
    out = capsys.readouterr().out
    h = by_hand()
    assert f"{h['new_w3'][0][0]:.9g}" in out  # 0.35891648
    assert f"{h['C']:.9g}" in out
    assert "[BP3]" in out and "[BP4]" in out and "c_o1" in out


def test_cli_rich_format_renders_tables(capsys):
    assert main(["explain", str(EXAMPLE), "--format", "rich"]) == 0
    out = capsys.readouterr().out
    assert "BP1" in out and "δ^3" in out and "┃" in out


def test_cli_input_and_target_override_the_spec_example(capsys):
    assert main(["explain", str(EXAMPLE), "--input", "1,0", "--target", "0,1", "--eta", "1"]) == 0
    out = capsys.readouterr().out
    # z^2 = w^2 (1, 0) + b^2 = (0.15 + 0.35, 0.25 + 0.35)
    assert "z^2 = [0.5, 0.6]" in out and "η = 1" in out


def test_explain_update_matches_training_one_step(tmp_path, capsys):
    # The same example trained by `neurokit train` for one epoch (m = 1) takes the same step.
    out_dir = tmp_path / "run"
    assert main(["train", str(EXAMPLE), "--out", str(out_dir), "--progress", "none"]) == 0
    capsys.readouterr()
    saved = read_model_arrays(out_dir / "model.npz")
    h = by_hand()
    np.testing.assert_allclose(saved["w3"], h["new_w3"], rtol=1e-12)
    np.testing.assert_allclose(saved["w2"], h["new_w2"], rtol=1e-12)


def test_cli_refuses_wide_nets_politely(capsys):
    mnist = EXAMPLE.parent / "mnist.json"
    assert main(["explain", str(mnist)]) == 2
    err = capsys.readouterr().err
    assert "784 neurons" in err and "at most 12" in err and "Traceback" not in err


def test_cli_rejects_wrong_input_sizes(capsys):
    assert main(["explain", str(EXAMPLE), "--input", "1,2,3", "--target", "0,1"]) == 2
    assert "--input has 3 numbers" in capsys.readouterr().err
    assert main(["explain", str(EXAMPLE), "--input", "1,2"]) == 2
    assert "both --input and --target" in capsys.readouterr().err


def test_a_deeper_nets_trace_matches_finite_differences():
    # Four layers, mixed neurons: every BP4 gradient in the trace against central differences.
    from neurokit.core.network import Network
    from neurokit.lessons.gradcheck import central_difference

    registry = load_registry(autoload=False)
    sigmoid = registry.get("neuron", "sigmoid").build()
    linear = registry.get("neuron", "linear").build()
    cost = registry.get("cost", "quadratic").build()
    net = Network([3, 4, 3, 2], [sigmoid, linear, sigmoid], seed=4)
    x, y = np.array([0.2, 0.9, 0.4]), np.array([1.0, 0.0])
    trace = explain(net, cost, x, y, eta=0.1)
    assert [s.symbol for s in trace.steps if s.label == "BP2"] == ["δ^3", "δ^2"]
    assert "c_o1" not in trace.symbols  # the slide's products are for the 2-2-2 shape
    for l in (2, 3, 4):
        weights = net.weights[l - 2]
        numerical = [
            [central_difference(net, cost, x[None, :], y[None, :], weights, (j, k)) for k in
             range(weights.shape[1])]
            for j in range(weights.shape[0])
        ]  # fmt: skip
        np.testing.assert_allclose(trace.value(f"∂C/∂w^{l}"), numerical, rtol=1e-6, atol=1e-9)
