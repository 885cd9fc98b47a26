"""SIGINT, SIGTERM and SIGHUP while training: finish the mini-batch, save, then stop.

Ctrl-C (SIGINT), ``timeout``/``docker stop``/a scheduler's pre-emption (SIGTERM) and a closed
terminal (SIGHUP) all mean "stop soon": the handler only records the signal, training checks
after each mini-batch, saves the run and a checkpoint, and the CLI exits with 128 + the
signal's number (130 for Ctrl-C), so a script can tell an interrupted run from a finished one.

A second signal while training means "stop now" (``StopNow`` is raised where the program is);
a second signal while saving is held until the save is complete, so it cannot tear the files.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from typing import Any

STOP_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)


class StopNow(KeyboardInterrupt):
    """A second stop signal arrived while training: stop without finishing the batch."""

    def __init__(self, signum: int):
        super().__init__(signal_name(signum))
        self.signum = signum


def signal_name(signum: int) -> str:
    try:
        return signal.Signals(signum).name
    except ValueError:
        return f"signal {signum}"


def exit_status(signum: int) -> int:
    """The shell's convention for a process ended by a signal: 128 + its number."""
    return 128 + int(signum)


class StopRequests:
    """Installed for the whole of training (and its final saves); ``signum`` is 0 until a
    stop signal arrives. Outside the main thread nothing is installed."""

    #: The ``holding()`` block around a whole training, if one is active.
    outer: StopRequests | None = None

    def __init__(self, external: threading.Event | None = None) -> None:
        #: Set by another thread (a studio's Stop button) to ask for the same stop.
        self.external = external
        outer = StopRequests.outer
        self.signum: int = outer.signum if outer is not None else 0  # came while preparing
        self._saving = 0
        self._held = 0
        #: True only inside ``stoppable()``: the one place a second signal may cut training
        #: short. Anywhere else (after the loop, while a stop is being handled) it is held.
        self._stoppable = False
        self._previous: dict[int, Any] = {}

    def is_set(self) -> bool:
        return self.signum != 0 or (self.external is not None and self.external.is_set())

    def __enter__(self) -> StopRequests:
        if threading.current_thread() is threading.main_thread():
            for signum in STOP_SIGNALS:
                self._previous[signum] = signal.signal(signum, self._handle)
        return self

    def __exit__(self, *exc_info) -> None:
        for signum, previous in self._previous.items():
            signal.signal(signum, previous)
        self._previous.clear()

    def _handle(self, signum, frame) -> None:
        if not self.signum:
            self.signum = signum
        elif self._saving or not self._stoppable:
            self._held = signum  # acted on after the save: never in the middle of one
        else:
            self._stoppable = False  # one StopNow: the code handling it must not get another
            raise StopNow(signum)

    @contextlib.contextmanager
    def stoppable(self):
        """Around the epoch loop: a second signal here stops at once (``StopNow``)."""
        self._stoppable = True
        try:
            yield
        finally:
            self._stoppable = False

    @classmethod
    @contextlib.contextmanager
    def holding(cls):
        """Around preparing, training and finishing a run: a stop signal outside the training
        loop is remembered (the loop then stops at once) instead of killing the process while
        it loads data or swaps the run directory."""
        if cls.outer is not None:  # already held further out
            yield cls.outer
            return
        requests = cls()
        requests._saving = 1
        with requests:
            cls.outer = requests
            try:
                yield requests
            finally:
                cls.outer = None

    @contextlib.contextmanager
    def saving(self):
        """Signals inside the block only mark the run as stopping."""
        self._saving += 1
        try:
            yield
        finally:
            self._saving -= 1
