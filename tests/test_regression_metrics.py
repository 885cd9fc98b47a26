"""Metrics follow the task: a regression (examples/linear.json) gets cost, RMSE and R², no
accuracy or confusion matrix; numbers print with significant digits."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from neurokit.cli import main
from neurokit.core.task import r_squared, rmse, task_of
from neurokit.pipeline.progress import format_epoch

ROOT = Path(__file__).resolve().parents[1]


def test_task_of_the_targets():
    assert task_of(np.eye(3)) == "classification"  # one-hot
    assert task_of(np.array([[0.0], [1.0]])) == "classification"  # one 0/1 output
    assert task_of(np.array([[0.5], [-0.5]])) == "regression"
    assert task_of(np.array([[1.0, 1.0], [0.0, 1.0]])) == "regression"  # 0/1 but not one-hot


def test_rmse_and_r_squared_by_hand():
    y = np.array([[1.0], [2.0], [3.0]])
    a = np.array([[1.0], [2.0], [5.0]])
    # residuals 0, 0, −2: RMSE = √(4/3); Σ(y − ȳ)² = 2, so R² = 1 − 4/2 = −1
    assert rmse(a, y) == pytest.approx(np.sqrt(4 / 3))
    assert r_squared(a, y) == pytest.approx(-1.0)
    assert r_squared(y, y) == 1.0


@pytest.fixture(scope="module")
def linear_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("linear") / "run"
    spec = str(ROOT / "examples" / "linear.json")
    assert main(["train", spec, "--out", str(out), "--progress", "none"]) == 0
    return out


def test_a_regression_run_records_rmse_and_r2_not_accuracy(linear_run):
    from neurokit import api

    rows = [json.loads(line) for line in (linear_run / "metrics.jsonl").read_text().splitlines()]
    last = rows[-1]
    assert "train_accuracy" not in last and {"train_rmse", "train_r2"} <= last.keys()
    spec, network = api.load_run(linear_run)
    data = json.loads((ROOT / "examples" / "linear.json").read_text())["data"]["params"]["train"]
    x, y = np.array(data["x"]), np.array(data["y"])
    a = network.feedforward(x)
    assert last["train_rmse"] == pytest.approx(np.sqrt(np.mean((a - y) ** 2)), rel=1e-9)
    assert last["train_r2"] > 0.999


def test_evaluate_a_regression_shows_cost_rmse_r2_and_no_classes(linear_run, capsys):
    assert main(["evaluate", str(linear_run), "--split", "train", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["task"] == "regression" and result["n"] == 8
    assert {"rmse", "r2", "cost"} <= result.keys()
    assert "confusion" not in result and "accuracy" not in result
    assert main(["evaluate", str(linear_run), "--split", "train"]) == 0
    out = capsys.readouterr().out
    assert "a regression over 8 examples" in out and "accuracy" not in out
    assert "confusion" not in out


def test_costs_print_with_significant_digits():
    row = {"epoch": 1, "train_cost": 1.33e-07, "train_rmse": 5.158e-4, "train_r2": 0.9999997,
           "seconds": 0.01, "samples_per_second": 800.0}  # fmt: skip
    line = format_epoch(row, 200)
    assert "train cost 1.33e-07" in line and "train RMSE 0.0005158" in line
    assert "R² 1.0000" in line
    diverged = dict(row, train_cost=2.649e235, train_rmse=7.279e117, train_r2=-6.056e235)
    line = format_epoch(diverged, 200)
    assert "train cost 2.649e+235" in line and "R² -6.056e+235" in line
    assert len(line) < 120
