"""Saving a run while it trains: which files, in which order, at what cost.

Each save writes into the run's current write directory (see ``neurokit.pipeline.rundir``):
``spec.json`` and ``run.json`` at the first save, then the new rows of ``metrics.jsonl``
(appended, not rewritten: O(new rows)), the checkpoint when asked (O(model)), and
``model.npz`` last. Metrics are written before the checkpoint so the checkpoint's epoch is
never ahead of them; a resume takes the first ``epoch`` rows.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from neurokit.core import atomic
from neurokit.pipeline import runinfo, runs
from neurokit.pipeline.checkpoints import save_checkpoint
from neurokit.pipeline.run_plugins import save_plugins


@dataclass
class RunStore:
    """What has been written for one run, and where the next save goes."""

    directory: Any = None  # a rundir.RunDirectory, or None to write ``out_dir`` in place
    run_id: str = ""
    #: (rows, bytes) of metrics.jsonl as this process last wrote it; None before the first save.
    metrics_on_disk: tuple[int, int] | None = None

    def target(self, run) -> Path:
        return self.directory.write_dir if self.directory is not None else Path(run.out_dir)


def store_of(run) -> RunStore:
    if run.store is None:
        run.store = RunStore(run_id=runinfo.new_run_id())
    return run.store


def save(run, checkpoint: bool = False, at_epoch_start=None) -> None:
    """Write the run's files; with ``at_epoch_start`` (a snapshot taken at the start of the
    current epoch) the checkpoint holds that state, so a resume redoes the epoch exactly."""
    store = store_of(run)
    target = store.target(run)
    target.mkdir(parents=True, exist_ok=True)
    if store.metrics_on_disk is None:
        atomic.write_text(target / runs.SPEC_FILE, run.spec.to_json())
        runinfo.write_run_info(target, store.run_id, run.spec)
        save_plugins(run, target)
    write_new_metrics(store, target / runs.METRICS_FILE, run.history)
    if checkpoint:
        if at_epoch_start is None:
            save_checkpoint(run, target, store.run_id)
        else:
            with at_epoch_start.applied(run):
                save_checkpoint(run, target, store.run_id)
    runs.save_model(target / runs.MODEL_FILE, run.model)
    if store.directory is not None:
        store.directory.after_save()


def write_new_metrics(store: RunStore, path: Path, history: list[dict]) -> None:
    """Append the rows not yet on disk; rewrite atomically when the file is not as we left it."""
    known = store.metrics_on_disk
    size = _size(path)
    if known is not None and known[1] == size and known[0] <= len(history):
        text = "".join(json.dumps(row) + "\n" for row in history[known[0] :])
        if text:
            atomic.append_text(path, text)
        store.metrics_on_disk = (len(history), size + len(text.encode("utf-8")))
        return
    text = "".join(json.dumps(row) + "\n" for row in history)
    atomic.write_text(path, text)
    store.metrics_on_disk = (len(history), len(text.encode("utf-8")))


def _size(path: Path) -> int:
    try:
        return os.stat(path).st_size
    except FileNotFoundError:
        return 0
