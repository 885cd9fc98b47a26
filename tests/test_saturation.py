"""The share of saturated hidden neurons: by hand, in metrics.jsonl, and as a plot panel;
and the regression learning curves (cost, RMSE, R², no accuracy)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest

from neurokit.cli import main
from neurokit.core.errors import ModelFileError
from neurokit.core.network import Network
from neurokit.core.neurons import Linear, Sigmoid, Tanh
from neurokit.pipeline import plotting
from neurokit.pipeline.metricsfile import read_metrics
from neurokit.pipeline.saturation import saturated_shares, saturating

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def tiny_net():
    """2-3-2-1, every weight and bias set by hand so each z is easy to read off."""
    network = Network([2, 3, 2, 1], [Sigmoid(), Sigmoid(), Sigmoid()], dtype="float64")
    # z^2 = (10 x_1, −x_2, 0) and z^3 = (5 a^2_1, 0): only neurons with |z| > 3.64 saturate.
    network.set_parameters(
        [np.array([[10.0, 0], [0, -1.0], [0, 0]]), np.array([[5.0, 0, 0], [0, 0, 0]]),
         np.array([[1.0, 1.0]])],
        [np.zeros(3), np.zeros(2), np.zeros(1)],
    )  # fmt: skip
    return network


def test_the_share_by_hand_on_a_tiny_net():
    x = np.array([[1.0, 0.0], [0.0, 5.0], [0.2, 0.0], [1.0, 4.0]])
    # layer 2, z^2 per row: (10, 0, 0), (0, −5, 0), (2, 0, 0), (10, −4, 0)
    # saturated where |z| > ln((1 + √0.9)/(1 − √0.9)) ≈ 3.64: 1, 1, 0, 2 of 3 neurons
    # layer 3, a^2_1 = σ(10), σ(0), σ(2), σ(10) → z^3_1 = 5 a^2_1 ≈ 5, 2.5, 4.40, 5: 3 of 4 rows
    shares = saturated_shares(tiny_net(), x)
    assert shares == {"2": pytest.approx(4 / 12), "3": pytest.approx(3 / 8)}


def test_the_threshold_is_a_tenth_of_the_steepest_slope():
    edge = math.log((1 + math.sqrt(0.9)) / (1 - math.sqrt(0.9)))  # σ'(edge) = 0.025 = σ'(0)/10
    a = 1 / (1 + math.exp(-edge))
    assert a * (1 - a) == pytest.approx(0.025)
    network = Network([1, 2, 1], [Sigmoid(), Sigmoid()], dtype="float64")
    network.set_parameters([np.array([[1.0], [-1.0]]), np.array([[1.0, 1.0]])], [np.zeros(2), [0]])
    assert saturated_shares(network, np.array([[edge + 1e-6]])) == {"2": 1.0}
    assert saturated_shares(network, np.array([[edge - 1e-6]])) == {"2": 0.0}


def test_only_saturating_hidden_layers_are_measured():
    assert saturating(Sigmoid()) and saturating(Tanh()) and not saturating(Linear())
    linear_hidden = Network([2, 3, 1], [Linear(), Sigmoid()], dtype="float64")
    assert saturated_shares(linear_hidden, np.ones((2, 2))) == {}
    no_hidden = Network([2, 1], [Sigmoid()], dtype="float64")
    assert saturated_shares(no_hidden, np.ones((2, 2))) == {}


@pytest.fixture(scope="module")
def mnist_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("saturation") / "mnist"
    args = ["train", str(EXAMPLES / "mnist.json"), "--out", str(out), "--epochs", "2"]
    assert main([*args, "--progress", "none"]) == 0
    return out


def test_metrics_rows_hold_the_share_of_the_scored_rows(mnist_run):
    from neurokit.api import load_run

    rows = read_metrics(mnist_run / "metrics.jsonl")
    assert [sorted(row["saturated"]) for row in rows] == [["2"], ["2"]]
    # recomputed independently for the trained net on the first 1,000 scored training rows
    run = load_run(mnist_run)
    from neurokit.pipeline import builder

    train = builder.load_dataset(run.spec, run.registry).train
    x = train.x[: min(1000, rows[-1]["train_n"])].astype(run.network.dtype)
    zs, activations = run.network.forward(x)
    a = activations[1].astype(np.float64)
    expected = float(np.mean(a * (1 - a) < 0.025))
    assert rows[-1]["saturated"]["2"] == pytest.approx(expected, abs=1e-6)


def test_plot_adds_the_saturation_panel(mnist_run, capsys):
    rows = read_metrics(mnist_run / "metrics.jsonl")
    figure, drawn = plotting.learning_curves_figure(rows)
    titles = [axes.get_title() for axes in figure.axes]
    assert titles == [
        "cost C per epoch",
        "accuracy per epoch",
        "saturated hidden neurons per epoch",
    ]
    assert drawn["saturated_2"] == ([1.0, 2.0], [row["saturated"]["2"] for row in rows])
    assert main(["plot", str(mnist_run)]) == 0
    assert "learning-curves.png" in capsys.readouterr().out


def test_old_runs_without_the_key_still_plot():
    rows = [{"epoch": 1, "train_cost": 0.5, "train_accuracy": 0.5}, {"epoch": 2, "train_cost": 0.4}]
    figure, drawn = plotting.learning_curves_figure(rows)
    assert [axes.get_title() for axes in figure.axes] == ["cost C per epoch", "accuracy per epoch"]
    assert "saturated_2" not in drawn


def test_a_tampered_share_is_one_line(tmp_path):
    path = tmp_path / "metrics.jsonl"
    path.write_text(json.dumps({"epoch": 1, "saturated": {"2": "many"}}) + "\n")
    with pytest.raises(ModelFileError, match=r"line 1: saturated\['2'\] must be a share"):
        read_metrics(path)
    path.write_text(json.dumps({"epoch": 1, "saturated": [0.5]}) + "\n")
    with pytest.raises(ModelFileError, match="saturated must be an object, not a list"):
        read_metrics(path)


def test_regression_curves_are_cost_rmse_and_r2(tmp_path, capsys):
    run = tmp_path / "linear"
    args = ["train", str(EXAMPLES / "linear.json"), "--out", str(run), "--epochs", "5"]
    assert main([*args, "--progress", "none"]) == 0
    assert main(["plot", str(run)]) == 0
    capsys.readouterr()
    rows = read_metrics(run / "metrics.jsonl")
    figure, drawn = plotting.learning_curves_figure(rows)
    titles = [axes.get_title() for axes in figure.axes]
    assert titles == ["cost C per epoch", "RMSE per epoch", "R² per epoch"]
    assert drawn["train_rmse"][1] == [row["train_rmse"] for row in rows]
    assert drawn["train_r2"][1] == [row["train_r2"] for row in rows]
    # RMSE of the quadratic cost C = (1/2n) Σ‖y − a‖² with one output: √(2C)
    for row in rows:
        assert row["train_rmse"] == pytest.approx(math.sqrt(2 * row["train_cost"]))
    assert (run / "learning-curves.png").read_bytes()[:4] == b"\x89PNG"
