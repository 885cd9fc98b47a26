"""plot on a sequence run: predictions against targets over time, and the gradient norm
‖∂C_T/∂h_{T−lag}‖ by lag, checked against finite differences on a tiny net."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from neurokit.cli import main
from neurokit.core.elman import Elman
from neurokit.core.lstm import LSTM
from neurokit.core.neurons import Sigmoid
from neurokit.pipeline.sequence_plots import gradient_norms_figure, sequences_figure

ROOT = Path(__file__).resolve().parents[1]


class Quadratic:
    name = "quadratic"

    def value(self, a, y):
        return float(0.5 * np.sum((a - y) ** 2) / a.shape[0])

    def output_error(self, a, y, z, neuron):
        return (a - y) * neuron.sigma_prime(z, a)


def last_cost_from(model, x, y, t, h_t):
    """C_T of one sequence when the hidden state after step t is replaced by h_t: the rest of
    the sequence run forward by the model's own cell (no backward pass involved)."""
    state = model.initial_state(1)
    for s in range(x.shape[0]):
        state, _ = model.cell_forward(x[None, s], state)
        if s == t:
            state = (h_t[None], *state[1:])
    a = model.output_neuron.sigma(state[0] @ model.w3.T + model.b3)[0]
    return 0.5 * float(np.sum((a - y[-1]) ** 2))


def numerical_norms(model, x, y, h=1e-6):
    """‖∂C_T/∂h_t‖ by central differences, lag = T−1−t, for one sequence."""
    steps, n_hidden = x.shape[0], model.sizes[1]
    state, hidden = model.initial_state(1), []
    for s in range(steps):
        state, _ = model.cell_forward(x[None, s], state)
        hidden.append(state[0][0].copy())
    norms = np.zeros(steps)
    for t in range(steps):
        grad = np.zeros(n_hidden)
        for i in range(n_hidden):
            bump = np.zeros(n_hidden)
            bump[i] = h
            plus = last_cost_from(model, x, y, t, hidden[t] + bump)
            minus = last_cost_from(model, x, y, t, hidden[t] - bump)
            grad[i] = (plus - minus) / (2 * h)
        norms[steps - 1 - t] = np.linalg.norm(grad)
    return norms


@pytest.mark.parametrize("cell", [Elman, LSTM])
def test_gradient_norms_match_finite_differences(cell):
    rng = np.random.default_rng(4)
    model = cell(2, 3, 1, (Sigmoid(), Sigmoid()), "float64", rng)
    x = rng.normal(size=(2, 5, 2))
    y = rng.uniform(size=(2, 5, 1))
    measured = model.hidden_gradient_norms(x, y, Quadratic())
    expected = np.mean([numerical_norms(model, x[i], y[i]) for i in range(2)], axis=0)
    np.testing.assert_allclose(measured, expected, rtol=1e-6, atol=1e-12)
    assert measured[0] > 0 and measured[-1] > 0


def test_figures_have_their_panels():
    rng = np.random.default_rng(0)
    model = Elman(1, 2, 1, (Sigmoid(), Sigmoid()), "float64", rng)
    x = rng.uniform(size=(5, 4, 1))
    y = rng.uniform(size=(5, 4, 1))
    figure, shown = sequences_figure(model, x, y)
    assert shown == 3
    titles = [axes.get_title() for axes in figure.axes]
    assert titles[0] == "sequence 1: outputs against targets over time"
    assert all(axes.get_xlabel() == "time step t" for axes in figure.axes)
    target, prediction = figure.axes[0].lines
    np.testing.assert_allclose(target.get_ydata(), y[0, :, 0])
    np.testing.assert_allclose(prediction.get_ydata(), model.predict(x[:1])[0, :, 0])
    norms = np.array([1.0, 0.5, 0.25])
    axes = gradient_norms_figure(norms, "elman").axes[0]
    assert axes.get_yscale() == "log"
    assert axes.get_xlabel().startswith("time lag")
    np.testing.assert_allclose(axes.lines[0].get_ydata(), norms)


def test_plot_command_on_a_sequence_run(tmp_path, capsys):
    spec = json.loads((ROOT / "examples" / "recurrent" / "elman-temporal-xor.json").read_text())
    spec["training"]["epochs"] = 2
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(spec))
    out = tmp_path / "run"
    assert main(["train", str(path), "--out", str(out), "--progress", "none"]) == 0
    capsys.readouterr()
    assert main(["plot", str(out)]) == 0
    printed = capsys.readouterr().out
    for name in ("learning-curves.png", "sequences.png", "gradient-norms.png"):
        assert (out / name).read_bytes()[:4] == b"\x89PNG"
        assert f"wrote {out / name}" in printed
    assert "‖∂C_T/∂h_(T−lag)‖ lag 0:" in printed


def test_plot_command_on_an_esn_run_skips_gradients(tmp_path, capsys):
    spec = json.loads((ROOT / "examples" / "recurrent" / "esn-mackey-glass.json").read_text())
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(spec))
    out = tmp_path / "run"
    assert main(["train", str(path), "--out", str(out), "--progress", "none"]) == 0
    capsys.readouterr()
    assert main(["plot", str(out)]) == 0
    printed = capsys.readouterr().out
    assert (out / "sequences.png").is_file()
    assert not (out / "gradient-norms.png").exists()
    assert "skipped gradient norms" in printed
