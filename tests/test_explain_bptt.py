"""explain on an Elman net: backprop through time, each δ^{h,t} and each summed gradient
against an independent loop written here and a numerical gradient."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from neurokit.cli import main
from neurokit.lessons.explain import format_value
from neurokit.lessons.explain_bptt import explain_elman
from neurokit.pipeline import builder
from neurokit.pipeline.registry import load_registry
from neurokit.spec import load_spec

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "recurrent" / "elman-explain.json"


def sigma(z):
    return 1.0 / (1.0 + np.exp(-z))


@pytest.fixture(scope="module")
def setup():
    registry = load_registry(autoload=False)
    spec = load_spec(EXAMPLE, registry)
    spec.training = spec.training.model_copy(update={"dtype": "float64"})
    model = builder.build_model(spec, registry)
    cost = builder.build_cost(spec, registry)
    train = builder.load_dataset(spec, registry).train
    return model, cost, train.x[0], train.y[0]


def by_hand(model, x, y):
    """BPTT for C = (1/T) Σ_t ½‖a^{o,t} − y^t‖² with plain loops, independent of the model's
    backward pass: the δ^{h,t} at each step and the summed gradients."""
    w_hx, w_hh, b_h, w_o, b_o = (model.w2, model.u2, model.b2, model.w3, model.b3)
    steps = len(x)
    a_h, a_o = [np.zeros(len(b_h))], []
    for t in range(steps):
        a_h.append(sigma(w_hx @ x[t] + w_hh @ a_h[-1] + b_h))
        a_o.append(sigma(w_o @ a_h[-1] + b_o))
    d_h, d_o = {}, {}
    after = np.zeros(len(b_h))
    for t in reversed(range(steps)):
        d_o[t] = (a_o[t] - y[t]) * a_o[t] * (1 - a_o[t]) / steps
        d_h[t] = (w_hh.T @ after + w_o.T @ d_o[t]) * a_h[t + 1] * (1 - a_h[t + 1])
        after = d_h[t]
    grads = {
        "w3": sum(np.outer(d_o[t], a_h[t + 1]) for t in range(steps)),
        "b3": sum(d_o.values()),
        "w2": sum(np.outer(d_h[t], x[t]) for t in range(steps)),
        "u2": sum(np.outer(d_h[t], a_h[t]) for t in range(steps)),
        "b2": sum(d_h.values()),
    }
    return d_h, grads


def numerical(model, cost, x, y, h=1e-6):
    """∂C/∂θ by central differences on every parameter of the live model."""
    grads = {}
    for name, param in model.named_parameters().items():
        grad = np.zeros_like(param)
        for i in np.ndindex(param.shape):
            saved = param[i]
            param[i] = saved + h
            plus = cost.value(model.predict(x[None])[0], y)
            param[i] = saved - h
            minus = cost.value(model.predict(x[None])[0], y)
            param[i] = saved
            grad[i] = (plus - minus) / (2 * h)
        grads[name] = grad
    return grads


def test_each_delta_through_time_matches_an_independent_loop(setup):
    model, cost, x, y = setup
    trace = explain_elman(model, cost, x, y)
    deltas, _ = by_hand(model, x, y)
    assert len(x) == 3
    for t in range(3):
        np.testing.assert_allclose(trace.value(f"δ^{{h,{t + 1}}}"), deltas[t], rtol=0, atol=1e-10)


def test_summed_gradients_equal_the_models_and_a_numerical_gradient(setup):
    model, cost, x, y = setup
    trace = explain_elman(model, cost, x, y)
    model_grads = dict(
        zip(model.named_parameters(), model.gradients(x[None], y[None], cost), strict=True)
    )
    _, hand = by_hand(model, x, y)
    finite = numerical(model, cost, x, y)
    symbols = {"w2": "w^{hx}", "u2": "w^{hh}", "b2": "b^h", "w3": "w^o", "b3": "b^o"}
    for name, symbol in symbols.items():
        traced = trace.value(f"∂C/∂{symbol}")
        np.testing.assert_allclose(traced, model_grads[name], rtol=0, atol=1e-10)
        np.testing.assert_allclose(traced, hand[name], rtol=0, atol=1e-10)
        np.testing.assert_allclose(traced, finite[name], rtol=0, atol=1e-9)


def test_the_trace_leaves_the_model_unchanged(setup):
    model, cost, x, y = setup
    before = {k: v.copy() for k, v in model.named_parameters().items()}
    explain_elman(model, cost, x, y)
    for name, value in model.named_parameters().items():
        np.testing.assert_array_equal(value, before[name])


def test_cli_prints_the_steps_through_time(capsys):
    assert main(["explain", str(EXAMPLE), "--format", "plain"]) == 0
    out = capsys.readouterr().out
    for label in (
        "z^{h,1}",
        "a^{h,3}",
        "δ^{o,3}",
        "δ^{h,1} = ((w^{hh})^T δ^{h,2} + (w^o)^T δ^{o,1}) ⊙ σ'(z^{h,1})",
        "∂C/∂w^{hh} = Σ_t δ^{h,t} (a^{h,t−1})^T",
        "[BP2]",
    ):
        assert label in out
    # backward runs from t = T down: δ^{h,3} is printed before δ^{h,1}
    assert out.index("δ^{h,3} =") < out.index("δ^{h,1} =")


def test_cli_input_and_target_give_the_sequence(capsys):
    code = main(["explain", str(EXAMPLE), "--input", "1,0", "--target", "0,1", "--format", "plain"])
    assert code == 0
    out = capsys.readouterr().out
    assert "x^2 = [0]" in out.replace("x^2, the input at step 2\n    ", "")
    assert "    δ^{h,3} =" not in out and "    δ^{h,2} =" in out  # a 2-step sequence


def test_cli_refuses_other_recurrent_models_in_one_line(tmp_path, capsys):
    spec = EXAMPLE.read_text().replace('"elman"', '"lstm"')
    path = tmp_path / "lstm.json"
    path.write_text(spec)
    assert main(["explain", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert "'lstm' is not supported" in err and "'elman'" in err


def test_cli_traces_a_trained_run_with_its_trained_weights(tmp_path, capsys):
    out = tmp_path / "run"
    assert main(["train", str(EXAMPLE), "--out", str(out), "--progress", "none"]) == 0
    capsys.readouterr()
    registry = load_registry(autoload=False)
    spec = load_spec(out / "spec.json", registry)
    spec.training = spec.training.model_copy(update={"dtype": "float64"})
    model = builder.build_model(spec, registry)
    from neurokit.pipeline.runs import read_model_arrays

    model.load_arrays(read_model_arrays(out / "model.npz"))
    cost = builder.build_cost(spec, registry)
    x, y = (
        builder.load_dataset(spec, registry).train.x[0],
        builder.load_dataset(spec, registry).train.y[0],
    )
    _, hand = by_hand(model, x, y)
    assert main(["explain", str(out), "--format", "plain"]) == 0
    printed = capsys.readouterr().out
    # the trained weights' gradient, not the starting weights'
    line = printed.split("    ∂C/∂w^{hh} = ")[1].splitlines()[0]
    expected = explain_elman(model, cost, x, y).value("∂C/∂w^{hh}")
    np.testing.assert_allclose(expected, hand["u2"], atol=1e-10)
    assert line == format_value(expected)
