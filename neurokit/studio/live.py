"""The live view: an observer plugin that watches one training and keeps what the page shows.

It implements the training-event hooks (``neurokit_train_start``, ``neurokit_batch_start``,
``neurokit_epoch_end``, ``neurokit_train_end``) and nothing else, so the training itself is
the very loop ``neurokit train`` runs. Pictures are made at most every ``interval`` seconds
(the per-batch hook looks at the clock and returns), which keeps the view's cost small.

Pause and Step also live here: while paused, ``neurokit_batch_start`` waits before the next
mini-batch; Step lets exactly one mini-batch through and records its BP1–BP4.
"""

from __future__ import annotations

import threading
import time

from neurokit.core.hookspecs import hookimpl
from neurokit.studio import pictures, stepping

#: Seconds between two pictures sent to the page while training runs.
DEFAULT_INTERVAL = 0.25


class LiveView:
    """What one training looks like right now, updated from the training thread."""

    def __init__(self, *, paused: bool = False, interval: float = DEFAULT_INTERVAL) -> None:
        self.interval = interval
        self.lock = threading.Condition()
        self.version = 0  # bumped on every change; the event stream sends on a new version
        self.status = "starting"  # "paused" only once the training thread is held at a batch
        self.paused = paused
        self.steps_allowed = 0
        self.history: list[dict] = []
        self.picture: dict = {}
        self.step: dict | None = None
        self.position = {"epoch": 0, "batch": 0}
        self.run = None
        self.points: dict | None = None
        self.confusion: dict | None = None
        self._pending_step: dict | None = None
        self._last_picture = 0.0
        self._bounds: list[float] | None = None

    # --- the page's controls (any thread) ----------------------------------------------------

    def pause(self) -> None:
        with self.lock:
            self.paused = True
            self.lock.notify_all()

    def resume(self) -> None:
        with self.lock:
            self.paused, self.steps_allowed = False, 0
            self._set_status("running")
            self.lock.notify_all()

    def single_step(self) -> None:
        with self.lock:
            self.paused = True
            self.steps_allowed += 1
            self.lock.notify_all()

    def wake(self) -> None:
        """Let a paused training thread see a stop request."""
        with self.lock:
            self.lock.notify_all()

    # --- the training events (training thread) -----------------------------------------------

    @hookimpl
    def neurokit_train_start(self, run) -> None:
        self.run = run
        split = run.dataset.train
        if split.x.shape[1] == 2:
            self._bounds = pictures.plane_bounds(split.x)
            self.points = pictures.points(split)
        with self.lock:
            self.history = list(run.history)
            if not self.paused:
                self._set_status("running")
            self._draw(force=True)

    @hookimpl
    def neurokit_batch_start(self, run, epoch, batch, x, y) -> None:
        if self._pending_step is not None:
            self._finish_step(run)
        self.position = {"epoch": epoch, "batch": batch}  # before any "paused" status
        if self.paused:
            self._wait_while_paused(run, x, y)
        elif time.perf_counter() - self._last_picture >= self.interval:
            with self.lock:
                self._draw()

    @hookimpl
    def neurokit_epoch_end(self, run, epoch, metrics) -> None:
        with self.lock:
            self.history.append(metrics)
            self.version += 1
            if time.perf_counter() - self._last_picture >= self.interval:
                self.confusion = pictures.confusion(run)
                self._draw()

    @hookimpl
    def neurokit_train_end(self, run, history, stopped_early) -> None:
        if self._pending_step is not None:
            self._finish_step(run)
        with self.lock:
            self.history = list(history)
            self.confusion = pictures.confusion(run)
            self._draw(force=True)
            self._set_status("stopped" if stopped_early else "done")

    # --- inside -----------------------------------------------------------------------------

    def _wait_while_paused(self, run, x, y) -> None:
        with self.lock:
            self._set_status("paused")
            self._draw(force=True)
            while self.paused and self.steps_allowed == 0 and not run.stop.is_set():
                self.lock.wait(0.5)
            if run.stop.is_set():
                return
            if self.paused:  # a Step: this mini-batch goes through, its BP1–BP4 recorded
                self.steps_allowed -= 1
                eta = getattr(run.optimizer, "gradient_scale", None)
                self._pending_step = stepping.before_step(run.model, run.cost, x, y, eta)
                self._pending_step["position"] = dict(self.position)

    def _finish_step(self, run) -> None:
        record = self._pending_step
        if record is None:
            return
        with self.lock:
            self.step = stepping.after_step(record, run.model)
            self._pending_step = None
            self._draw(force=True)

    def _draw(self, force: bool = False) -> None:
        """Make the pictures of the model as it is now (the caller holds the lock)."""
        run = self.run
        if run is None:
            return
        now = time.perf_counter()
        if not force and now - self._last_picture < self.interval:
            return
        picture = {"network": pictures.network_picture(run.model)}
        if self._bounds is not None:
            picture["plane"] = pictures.plane_picture(run.model, self._bounds)
        images = pictures.weight_images(run.model, run.dataset.image_shape)
        if images is not None:
            picture["weight_images"] = images
        if self.confusion is not None:
            picture["confusion"] = self.confusion
        picture["position"] = dict(self.position)
        self.picture = picture
        self._last_picture = time.perf_counter()
        self.version += 1
        self.lock.notify_all()

    def _set_status(self, status: str) -> None:
        if status != self.status:
            self.status = status
            self.version += 1
            self.lock.notify_all()
