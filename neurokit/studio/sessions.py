"""Trainings started from the page: the real training loop in a background thread each.

Each training gets its own registry (the built-ins and the configured plugins) with a
``LiveView`` registered as one more observer plugin, then runs ``prepare`` and ``train`` from
``neurokit.pipeline.training`` exactly as ``neurokit train`` does: the same run directory
files and, for a seed, the same bit-identical numbers. Stop sets the run's stop event, which
the loop checks after each mini-batch just like Ctrl-C, and the run is saved.
"""

from __future__ import annotations

import itertools
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from neurokit.core.errors import NeurokitError
from neurokit.pipeline.registry import PluginInfo, load_registry
from neurokit.spec import Spec
from neurokit.studio.live import DEFAULT_INTERVAL, LiveView

if TYPE_CHECKING:
    from neurokit.pipeline.training import Run

#: Trainings that may run at once unless the server is told otherwise.
DEFAULT_MAX_TRAININGS = 2

#: Seconds a training keeps going after its last page closed (a reload reconnects in time).
ORPHAN_GRACE = 3.0


class TooManyTrainings(NeurokitError):
    """The server already runs as many trainings as it allows."""


@dataclass
class Training:
    """One training started from the page."""

    id: str
    spec: Spec
    out_dir: Path
    view: LiveView
    stop: threading.Event = field(default_factory=threading.Event)
    thread: threading.Thread | None = None
    run: Run | None = None
    error: str = ""
    watchers: int = 0

    @property
    def alive(self) -> bool:
        return self.thread is not None and self.thread.is_alive()

    @property
    def status(self) -> str:
        if self.error:
            return "failed"
        status = self.view.status
        if status in ("done", "stopped") and self.alive:
            return "saving"  # the loop's last save_run comes after neurokit_train_end
        return status

    def request_stop(self) -> None:
        """Stop after the current mini-batch and save, as Ctrl-C does."""
        self.stop.set()
        self.view.wake()

    def summary(self) -> dict:
        return {
            "id": self.id,
            "name": self.spec.name,
            "run": self.out_dir.name,
            "status": self.status,
            "error": self.error,
            "epochs": self.spec.training.epochs if self.spec.training else None,
            "epochs_done": len(self.view.history),
        }


class Trainings:
    """Every training the server started, and the limit on how many run at once."""

    def __init__(
        self,
        runs_dir: Path,
        plugins=(),
        *,
        max_running: int = DEFAULT_MAX_TRAININGS,
        interval: float = DEFAULT_INTERVAL,
    ) -> None:
        self.runs_dir = Path(runs_dir)
        self.plugins = tuple(plugins)
        self.max_running = max_running
        self.interval = interval
        self._all: dict[str, Training] = {}
        self._ids = itertools.count(1)
        self._lock = threading.Lock()

    def registry(self):
        return load_registry(self.plugins)

    def get(self, training_id: str) -> Training | None:
        return self._all.get(training_id)

    def all(self) -> list[Training]:
        return list(self._all.values())

    def running(self) -> list[Training]:
        return [t for t in self._all.values() if t.alive]

    def start(self, spec: Spec, *, paused: bool = False, registry=None) -> Training:
        """Start training ``spec`` into a new run directory under ``runs_dir``."""
        from neurokit import api

        registry = registry or self.registry()
        view = LiveView(paused=paused, interval=self.interval)
        registry.register(view, PluginInfo("studio.live", "studio"))
        with self._lock:
            if len(self.running()) >= self.max_running:
                raise TooManyTrainings(
                    f"{self.max_running} trainings are already running (the most this studio "
                    "allows at once); stop one first"
                )
            training = Training(
                id=str(next(self._ids)),
                spec=spec,
                out_dir=api.default_run_dir(spec, self.runs_dir),
                view=view,
            )
            training.thread = threading.Thread(
                target=self._train, args=(training, registry), name=f"studio-train-{training.id}"
            )
            self._all[training.id] = training
            training.thread.start()
        return training

    def _train(self, training: Training, registry) -> None:
        from neurokit.pipeline.progress import Reporter
        from neurokit.pipeline.training import prepare, train

        try:
            run = prepare(training.spec, registry, out_dir=training.out_dir)
            run.stop = training.stop  # the page's Stop is this run's Ctrl-C
            training.run = run
            train(run, Reporter())
        except NeurokitError as exc:
            training.error = str(exc)
        except Exception as exc:  # noqa: BLE001 - shown on the page, the server goes on
            training.error = f"{type(exc).__name__}: {exc}"
        finally:
            with training.view.lock:
                training.view.version += 1
                training.view.lock.notify_all()

    def watch(self, training: Training) -> None:
        with self._lock:
            training.watchers += 1

    def unwatch(self, training: Training) -> None:
        """A page stopped watching; with none left after the grace time, stop and save."""
        with self._lock:
            training.watchers -= 1
        timer = threading.Timer(ORPHAN_GRACE, self._stop_if_orphaned, args=(training,))
        timer.daemon = True
        timer.start()

    def _stop_if_orphaned(self, training: Training) -> None:
        if training.watchers <= 0 and training.alive:
            training.request_stop()

    def stop_all(self, timeout: float = 30.0) -> None:
        """Stop every training (each saves its run) and wait for them to finish."""
        for training in self.all():
            training.request_stop()
        for training in self.all():
            if training.thread is not None:
                training.thread.join(timeout)
