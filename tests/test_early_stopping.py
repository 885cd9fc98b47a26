"""training.early_stopping: stop when a validation metric stalls, record it, restore the best."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from neurokit import api
from neurokit.core.errors import TrainingError

ROOT = Path(__file__).resolve().parents[1]


def mnist_spec(registry, epochs=30, **early):
    overrides = {"training": {"epochs": epochs}}
    if early:
        overrides["training"]["early_stopping"] = early
    return api.load_spec_with_overrides(ROOT / "examples" / "mnist.json", registry, overrides)


def test_stops_when_the_metric_stalls_and_puts_back_the_best_epoch(registry, tmp_path):
    spec = mnist_spec(registry, metric="validation_accuracy", patience=2, restore_best=True)
    run = api.train_spec(spec, registry, out_dir=tmp_path / "run", progress="none")
    history = run.history
    record = history[-1]["early_stopping"]
    accuracies = [row["validation_accuracy"] for row in history]
    best_epoch = record["best_epoch"]
    # the best is the first maximum, and the two epochs after it did not beat it
    assert accuracies[best_epoch - 1] == max(accuracies) == record["best"]
    assert len(history) == best_epoch + 2 < 30 and record["restored_best"] is True
    # the weights are those of a run trained for exactly best_epoch epochs
    shorter = api.train_spec(mnist_spec(registry, epochs=best_epoch), registry, progress="none")
    for got, want in zip(run.network.parameters, shorter.network.parameters, strict=True):
        assert np.array_equal(got, want)
    saved = [
        json.loads(line) for line in (tmp_path / "run" / "metrics.jsonl").read_text().splitlines()
    ]
    assert saved[-1]["early_stopping"] == record


def test_without_restore_the_last_weights_stay(registry):
    spec = mnist_spec(registry, metric="validation_cost", patience=1, restore_best=False)
    run = api.train_spec(spec, registry, progress="none")
    assert run.history[-1]["early_stopping"]["restored_best"] is False
    longer = api.train_spec(
        mnist_spec(registry, epochs=len(run.history)), registry, progress="none"
    )
    for got, want in zip(run.network.parameters, longer.network.parameters, strict=True):
        assert np.array_equal(got, want)


def test_a_data_set_without_validation_split_is_refused(registry):
    spec = api.load_spec_with_overrides(
        ROOT / "examples" / "xor.json",
        registry,
        {"training": {"early_stopping": {"metric": "validation_cost", "patience": 3}}},
    )
    with pytest.raises(TrainingError, match="'inline' has no validation split"):
        api.train_spec(spec, registry, progress="none")
