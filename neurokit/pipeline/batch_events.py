"""The per-mini-batch event: ``neurokit_batch_start``, called only when a plugin watches it.

Plain training (no observer) pays one look-up per epoch; with an observer, one call per
mini-batch, which the observer keeps cheap by throttling itself (the studio's live view).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

BatchObserver = Callable[[int, np.ndarray, np.ndarray], None]


def batch_observer(run, epoch: int) -> BatchObserver | None:
    """``notify(batch, x, y)`` for this epoch, or None when no plugin implements the hook."""
    hook = run.registry.pm.hook.neurokit_batch_start
    if not hook.get_hookimpls():
        return None

    def notify(batch: int, x: np.ndarray, y: np.ndarray) -> None:
        run.registry.notify("neurokit_batch_start", run=run, epoch=epoch, batch=batch, x=x, y=y)

    return notify
