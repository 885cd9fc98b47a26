"""An observer: writes every training event as one JSON object per line.

It implements the three event hooks and nothing else, so it never changes how a network
trains. Events go to ``events.jsonl`` in the run directory, or to the file named by
``$NEUROKIT_JSONL_LOG`` when set (then also for runs that write no directory)::

    {"event": "train_start", "spec": "xor", "sizes": [2, 3, 1], "epochs": 2000, ...}
    {"event": "epoch_end", "epoch": 1, "train_cost": 0.1248, ...}
    {"event": "train_end", "epochs_done": 2000, "stopped_early": false, ...}

The file is rewritten atomically (never half-written) at most once a second and always at
the end, so thousands of tiny epochs cost no more than a few writes. A run that starts
from epoch 1 starts a new log; a resumed run continues the one it has.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from neurokit import hookimpl
from neurokit.core import atomic

LOG_ENV = "NEUROKIT_JSONL_LOG"
LOG_FILE = "events.jsonl"
#: Seconds between rewrites of the log while training.
FLUSH_INTERVAL = 1.0


class EventLog:
    """The lines of one run's log, written to ``path`` atomically."""

    def __init__(self, path: Path, *, resume: bool = False):
        self.path = path
        keep = resume and path.exists()
        self.lines = path.read_text("utf-8").splitlines() if keep else []
        self.last_flush = time.monotonic()

    def __repr__(self) -> str:
        return f"EventLog({str(self.path)!r}, lines={len(self.lines)})"

    def add(self, event: str, fields: dict, *, flush: bool = False) -> None:
        record = {"event": event, "time": round(time.time(), 3), **fields}
        self.lines.append(json.dumps(record, default=str))
        if flush or time.monotonic() - self.last_flush >= FLUSH_INTERVAL:
            self.flush()

    def flush(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        atomic.write_text(self.path, "\n".join(self.lines) + "\n")
        self.last_flush = time.monotonic()


#: The open log of each run being trained, by id(run).
_logs: dict[int, EventLog] = {}


def log_path(run) -> Path | None:
    """Where this run's events go: $NEUROKIT_JSONL_LOG, else the run directory, else nowhere."""
    if os.environ.get(LOG_ENV):
        return Path(os.environ[LOG_ENV])
    if run.out_dir is not None:
        return Path(run.out_dir) / LOG_FILE
    return None


@hookimpl
def neurokit_train_start(run):
    path = log_path(run)
    if path is None:
        return
    log = _logs[id(run)] = EventLog(path, resume=bool(run.history))
    training = run.spec.training
    log.add(
        "train_start",
        {
            "spec": run.spec.name,
            "sizes": list(run.network.sizes),
            "epochs": training.epochs,
            "batch_size": training.batch_size,
            "cost": repr(run.cost),
            "optimizer": repr(run.optimizer),
        },
        flush=True,
    )


@hookimpl
def neurokit_epoch_end(run, epoch, metrics):
    log = _logs.get(id(run))
    if log is not None:
        log.add("epoch_end", dict(metrics))


@hookimpl
def neurokit_train_end(run, history, stopped_early):
    log = _logs.pop(id(run), None)
    if log is not None:
        log.add(
            "train_end", {"epochs_done": len(history), "stopped_early": stopped_early}, flush=True
        )
