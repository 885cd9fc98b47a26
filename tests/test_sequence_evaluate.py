"""evaluate on sequence runs: embedded Reber's string criterion and the NRMSE of a series,
on small cases checked by hand, then through the CLI on trained runs."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from neurokit.cli import main
from neurokit.core.datasets import Dataset, Split
from neurokit.pipeline import runs
from neurokit.pipeline.evaluation import load_data_for
from neurokit.pipeline.sequence_measures import nrmse, sequence_measures

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "recurrent"


class Fixed:
    """A stand-in model whose outputs are given."""

    sequences = True

    def __init__(self, outputs):
        self.outputs = np.asarray(outputs, dtype=float)

    def predict(self, x):
        return self.outputs


def reber_like():
    """Two strings over 3 symbols, 4 steps; the first is 3 symbols long (pre-padded by one
    step). Legal next sets: string 0 {0}, {1, 2}, {} (its last symbol: nothing is scored);
    string 1 {1}, {0}, {2}, {}."""
    y = np.zeros((2, 4, 3))
    y[0, 1, 0] = 1
    y[0, 2, [1, 2]] = 1
    y[1, 0, 1] = y[1, 1, 0] = y[1, 2, 2] = 1
    data = Dataset(
        "embedded-reber",
        {"test": Split(np.zeros((2, 4, 3)), y)},
        notes={"lengths": {"test": np.array([3, 4])}},
    )
    return data, y


def test_a_string_counts_when_every_steps_set_above_threshold_is_the_legal_set():
    data, y = reber_like()
    outputs = np.where(y > 0.5, 0.6, 0.4)  # right side of 0.5 everywhere
    outputs[0, 0] = 0.9  # the padding step is not scored
    outputs[1, 3] = 0.9  # nor the step after the last symbol
    measures = sequence_measures(Fixed(outputs), data, "test")
    assert measures["strings_correct"] == 1.0
    outputs[1, 1, 2] = 0.51  # string 1 predicts an illegal symbol at one step: wrong string
    assert sequence_measures(Fixed(outputs), data, "test")["strings_correct"] == 0.5
    outputs[0, 2, 1] = 0.49  # string 0 misses a legal symbol: both wrong
    assert sequence_measures(Fixed(outputs), data, "test")["strings_correct"] == 0.0


def test_nrmse_by_hand():
    # y = 1, 2, 3: std √(2/3); a = 1, 2, 4: RMSE √(1/3); NRMSE √(1/2)
    assert nrmse(np.array([1.0, 2.0, 4.0]), np.array([1.0, 2.0, 3.0])) == pytest.approx(
        np.sqrt(0.5), rel=1e-12
    )
    y = np.array([[[1.0], [2.0], [3.0]]])
    data = Dataset("sine", {"test": Split(y, y)})
    measured = sequence_measures(Fixed(y + [[[0.0], [0.0], [1.0]]]), data, "test")
    assert measured == {"nrmse": pytest.approx(np.sqrt(0.5), rel=1e-12)}


def train(spec: dict, tmp_path: Path, capsys) -> Path:
    path, out = tmp_path / "spec.json", tmp_path / "run"
    path.write_text(json.dumps(spec))
    assert main(["train", str(path), "--out", str(out), "--progress", "none"]) == 0
    capsys.readouterr()
    return out


def evaluate_json(out: Path, capsys) -> dict:
    assert main(["evaluate", str(out), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_evaluate_reports_the_reber_criterion(tmp_path, capsys, registry):
    spec = json.loads((EXAMPLES / "lstm-reber.json").read_text())
    spec["training"]["epochs"] = 3
    out = train(spec, tmp_path, capsys)
    result = evaluate_json(out, capsys)
    run_spec, model = runs.load_run(out, registry)
    data = load_data_for(run_spec, model, registry)
    test, lengths = data.splits["test"], data.notes["lengths"]["test"]
    outputs = model.predict(test.x)
    # by the definition, string by string, independent of the library's vectorised version
    right = 0
    for i, n in enumerate(lengths):
        steps = range(test.y.shape[1] - n, test.y.shape[1] - 1)
        right += all(
            set(np.flatnonzero(outputs[i, t] > 0.5)) == set(np.flatnonzero(test.y[i, t]))
            for t in steps
        )
    assert result["strings_correct"] == right / len(lengths)
    assert 0 <= result["long_range_correct"] <= 1
    assert main(["evaluate", str(out)]) == 0
    assert "strings correct" in capsys.readouterr().out


def test_evaluate_reports_the_nrmse_of_a_sine_run(tmp_path, capsys, registry):
    spec = json.loads((EXAMPLES / "elman-temporal-xor.json").read_text())
    spec["name"] = "elman-sine"
    spec["layers"][2]["neuron"] = "linear"
    spec["training"]["epochs"] = 2
    spec["optimizer"]["params"]["eta"] = 0.5
    spec["data"] = {"name": "sine", "params": {"train": 20, "validation": 5, "test": 5}}
    out = train(spec, tmp_path, capsys)
    result = evaluate_json(out, capsys)
    run_spec, model = runs.load_run(out, registry)
    test = load_data_for(run_spec, model, registry).splits["test"]
    error = model.predict(test.x) - test.y
    expected = np.sqrt(np.mean(error**2)) / np.std(test.y)
    assert result["task"] == "regression"
    assert result["n"] == test.y.shape[0] * test.y.shape[1]  # one row per (sequence, step)
    assert result["nrmse"] == pytest.approx(expected, rel=1e-6)
    assert result["rmse"] == pytest.approx(np.sqrt(np.mean(error**2)), rel=1e-6)


def test_evaluate_an_echo_state_run_without_a_cost(tmp_path, capsys):
    spec = json.loads((EXAMPLES / "esn-mackey-glass.json").read_text())
    out = train(spec, tmp_path, capsys)
    result = evaluate_json(out, capsys)
    assert result["cost"] is None
    assert result["nrmse"] < 0.01  # the model's own, after the washout
    assert main(["evaluate", str(out)]) == 0
    assert "NRMSE" in capsys.readouterr().out
