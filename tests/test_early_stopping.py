"""training.early_stopping: stop when a validation metric stalls, record it, restore the best."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from neurokit import api
from neurokit.core.errors import TrainingError
from neurokit.pipeline.progress import Reporter
from neurokit.pipeline.training import prepare, resume, train

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


class StopAfter(Reporter):
    """Asks the run to stop after epoch ``epoch``, as the studio's Stop or a signal would."""

    def __init__(self, run, epoch: int):
        self.run, self.epoch = run, epoch

    def epoch_end(self, metrics: dict) -> None:
        if metrics["epoch"] == self.epoch:
            self.run.stop.set()


@pytest.mark.parametrize("restore_best", [True, False])
def test_a_stopped_and_resumed_run_counts_on_to_the_same_epoch(registry, tmp_path, restore_best):
    early = {"metric": "validation_accuracy", "patience": 3, "restore_best": restore_best}
    whole = api.train_spec(mnist_spec(registry, **early), registry, progress="none")
    record = whole.history[-1]["early_stopping"]
    stop_epoch, best_epoch = len(whole.history), record["best_epoch"]
    assert stop_epoch == best_epoch + 3 < 30
    # Stopped one epoch after the best: one epoch of patience used, two left. A resumed run
    # that forgot the count (or the best) would stop later, or keep other weights.
    run = prepare(mnist_spec(registry, **early), registry, out_dir=tmp_path / "run")
    train(run, StopAfter(run, best_epoch + 1))
    assert len(run.history) == best_epoch + 1 and "early_stopping" not in run.history[-1]
    resumed = train(resume(tmp_path / "run", registry))
    assert len(resumed.history) == stop_epoch
    assert resumed.history[-1]["early_stopping"] == record
    for got, want in zip(resumed.model.parameters, whole.model.parameters, strict=True):
        assert np.array_equal(got, want)


def test_a_damaged_early_stopping_state_is_one_line(registry, tmp_path):
    from neurokit.core.errors import ModelFileError
    from neurokit.pipeline.checkpoints import restore_checkpoint, save_checkpoint

    early = {"metric": "validation_cost", "patience": 3, "restore_best": True}
    run = prepare(mnist_spec(registry, epochs=2, **early), registry, out_dir=tmp_path / "run")
    train(run)
    path = save_checkpoint(run)  # beside the run's metrics.jsonl
    with np.load(path) as saved:
        arrays = dict(saved)
    state = json.loads(arrays["state_json"].tobytes())
    assert state["early_stopping"]["best_epoch"] in (1, 2)
    state["early_stopping"]["best_epoch"] = "soon"
    arrays["state_json"] = np.frombuffer(json.dumps(state).encode(), dtype=np.uint8)
    np.savez(path, **arrays)
    fresh = prepare(mnist_spec(registry, epochs=2, **early), registry)
    with pytest.raises(ModelFileError, match=r"damaged training state \(early stopping\)"):
        restore_checkpoint(fresh, path)
