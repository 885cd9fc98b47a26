"""Progress reporters: a live rich display on a terminal, one plain line per epoch elsewhere.

A reporter is told when training starts, every ``batch_interval`` mini-batches, after each
epoch and at the end. ``make_reporter("auto")`` picks rich for a terminal and plain otherwise.
"""

from __future__ import annotations

import sys
import time
from typing import Any

MODES = ("auto", "rich", "plain", "none")


class Reporter:
    """Does nothing; the interface every reporter implements."""

    #: How many progress updates per epoch a reporter wants (0: none).
    updates_per_epoch = 0

    def start(self, run, epochs: int, batches_per_epoch: int, first_epoch: int = 1) -> None:
        pass

    def batch(self, epoch: int, batches_done: int, samples_per_second: float) -> None:
        pass

    def epoch_end(self, metrics: dict) -> None:
        pass

    def message(self, text: str) -> None:
        pass

    def end(self) -> None:
        pass


#: Per-epoch metrics every model has; any other ``train_*`` key is a model's own measure.
STANDARD_METRICS = {
    "train_cost",
    "train_accuracy",
    "train_n",
    "train_correct",
    "train_rmse",
    "train_r2",
}


def training_measures(metrics: dict) -> str:
    """``train cost 0.0412`` for a model with a cost, then the model's own measures
    (``quantization error 0.318``); a model without a cost shows only its own."""
    parts = []
    if metrics.get("train_cost") is not None:
        # Significant digits, not decimals: a regression's 3e-6 is not 0.0000, a diverging
        # 1e229 is not 230 digits.
        parts.append(f"train cost {metrics['train_cost']:.4g}")
    for key, value in metrics.items():
        if key.startswith("train_") and key not in STANDARD_METRICS:
            parts.append(f"{key.removeprefix('train_').replace('_', ' ')} {value:.4g}")
    return "  ".join(parts)


def format_epoch(metrics: dict, epochs: int) -> str:
    """``epoch 3/30  train cost 0.0412  validation accuracy 91.2% (456/500)  1.2 s  40,000/s``"""
    parts = [f"epoch {metrics['epoch']}/{epochs}"]
    if measures := training_measures(metrics):
        parts.append(measures)
    if "validation_rmse" in metrics:
        parts.append(f"validation RMSE {metrics['validation_rmse']:.4g}")
        parts.append(f"R² {_r2(metrics['validation_r2'])}")
    elif "train_rmse" in metrics:
        parts.append(f"train RMSE {metrics['train_rmse']:.4g}")
        parts.append(f"R² {_r2(metrics['train_r2'])}")
    if "validation_accuracy" in metrics:
        parts.append(
            f"validation accuracy {metrics['validation_accuracy']:.1%} "
            f"({metrics['validation_correct']}/{metrics['validation_n']})"
        )
    elif "train_accuracy" in metrics:
        parts.append(f"train accuracy {metrics['train_accuracy']:.1%}")
    parts.append(f"{metrics['seconds']:.2f} s")
    parts.append(f"{metrics['samples_per_second']:,.0f} samples/s")
    return "  ".join(parts)


def _r2(value: float) -> str:
    """R² with four decimals near its usual range (≤ 1), significant digits when it diverges."""
    return f"{value:.4f}" if abs(value) < 1e4 else f"{value:.4g}"


class PlainReporter(Reporter):
    """One line per epoch: for CI logs, files and pipes."""

    def __init__(self, stream=None):
        self.stream = stream if stream is not None else sys.stdout
        self.epochs = 0

    def start(self, run, epochs, batches_per_epoch, first_epoch=1):
        self.epochs = epochs

    def epoch_end(self, metrics):
        print(format_epoch(metrics, self.epochs), file=self.stream, flush=True)

    def message(self, text):
        print(text, file=self.stream, flush=True)


class RichReporter(Reporter):
    """A live display: epoch bar and batch bar with samples/s, cost, accuracy and ETA."""

    updates_per_epoch = 50

    def __init__(self, console=None):
        from rich.console import Console

        self.console = console if console is not None else Console()
        self.progress: Any = None  # a rich Progress once started (rich is imported lazily)
        self.epochs = 0

    def start(self, run, epochs, batches_per_epoch, first_epoch=1):
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )

        self.epochs = epochs
        self.progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[info]}"),
            TimeRemainingColumn(),
            console=self.console,
        )
        self.progress.start()
        self.epoch_task = self.progress.add_task(
            "epochs", total=epochs, completed=first_epoch - 1, info=""
        )
        self.batch_task = self.progress.add_task("batches", total=batches_per_epoch, info="")

    def batch(self, epoch, batches_done, samples_per_second):
        self.progress.update(
            self.batch_task,
            completed=batches_done,
            description=f"epoch {epoch}",
            info=f"{samples_per_second:,.0f} samples/s",
        )

    def epoch_end(self, metrics):
        info = training_measures(metrics)
        if "validation_accuracy" in metrics:
            info += f"  validation accuracy {metrics['validation_accuracy']:.1%}"
        self.progress.update(self.epoch_task, completed=metrics["epoch"], info=info)
        if metrics["epoch"] < self.epochs:
            self.progress.reset(self.batch_task)
        else:  # the last epoch's bar ends full, not reset to 0/N
            total = self.progress.tasks[self.batch_task].total
            self.progress.update(self.batch_task, completed=total)
        self.progress.console.print(format_epoch(metrics, self.epochs), highlight=False)

    def message(self, text):
        self.console.print(text, highlight=False)

    def end(self):
        if self.progress is not None:
            self.progress.stop()


class QuietOnFailure(Reporter):
    """Passes everything to ``inner`` until writing to the terminal fails (a closed pipe, a
    vanished terminal, a full disk behind stdout); then goes quiet so training still saves."""

    def __init__(self, inner: Reporter):
        self.inner = inner
        self.updates_per_epoch = inner.updates_per_epoch
        self.failed = False

    def _call(self, method: str, *args) -> None:
        if self.failed:
            return
        try:
            getattr(self.inner, method)(*args)
        except (OSError, ValueError):  # ValueError: "I/O operation on closed file"
            self.failed = True
            self.updates_per_epoch = 0

    def start(self, run, epochs, batches_per_epoch, first_epoch=1):
        self._call("start", run, epochs, batches_per_epoch, first_epoch)

    def batch(self, epoch, batches_done, samples_per_second):
        self._call("batch", epoch, batches_done, samples_per_second)

    def epoch_end(self, metrics):
        self._call("epoch_end", metrics)

    def message(self, text):
        self._call("message", text)

    def end(self):
        self._call("end")


def make_reporter(mode: str = "auto", console=None, stream=None) -> Reporter:
    """A reporter for ``mode``; "auto" means rich on an interactive terminal, else plain."""
    if mode == "none":
        return Reporter()
    if mode == "plain":
        return PlainReporter(stream)
    if mode == "rich":
        return RichReporter(console)
    if mode != "auto":
        raise ValueError(f"progress mode must be one of {', '.join(MODES)}, not {mode!r}")
    out = stream if stream is not None else sys.stdout
    if _is_notebook() and stream is None:
        from neurokit.pipeline.notebook_progress import NotebookReporter

        return NotebookReporter()
    if not getattr(out, "isatty", lambda: False)():
        return PlainReporter(stream)
    return RichReporter(console)


def _is_notebook() -> bool:
    shell = sys.modules.get("IPython")
    if shell is None:
        return False
    ip = shell.get_ipython() if hasattr(shell, "get_ipython") else None
    return ip is not None and type(ip).__name__ == "ZMQInteractiveShell"


class Throughput:
    """Samples per second since the start of an epoch."""

    def __init__(self):
        self.started = time.perf_counter()

    def rate(self, samples: int) -> float:
        elapsed = time.perf_counter() - self.started
        return samples / elapsed if elapsed > 0 else 0.0
