"""The per-mini-batch event: ``neurokit_batch_start``, called only when a plugin watches it.

Plain training (no observer) pays one look-up per epoch; with an observer, one call per
mini-batch. That call is on the hot path (at m = 1 an SGD step is a few microseconds), so the
implementations are bound once per epoch and called directly with the hook's arguments in
their order; the observer keeps its own work cheap by throttling itself (the studio's live
view). A failing observer is a ``PluginFault`` naming it, as for every other event.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from neurokit.pipeline.interrupts import StopNow

BatchObserver = Callable[[int, np.ndarray, np.ndarray], None]

EVENT = "neurokit_batch_start"
#: The hook's arguments in the order its specification declares them.
ARGUMENTS = ("run", "epoch", "batch", "x", "y")


def batch_observer(run, epoch: int) -> BatchObserver | None:
    """``notify(batch, x, y)`` for this epoch, or None when no plugin implements the hook."""
    bound = run.registry.bound_impls(EVENT)
    if not bound:
        return None
    calls = [(function, names == ARGUMENTS, names, plugin) for function, names, plugin in bound]

    def notify(batch: int, x: np.ndarray, y: np.ndarray) -> None:
        for function, takes_all, names, plugin in calls:
            try:
                if takes_all:
                    function(run, epoch, batch, x, y)
                else:  # an implementation may ask for only some of the arguments
                    given = {"run": run, "epoch": epoch, "batch": batch, "x": x, "y": y}
                    function(*[given[name] for name in names])
            except StopNow:
                raise  # a second stop signal, not the plugin's doing
            except (Exception, SystemExit, KeyboardInterrupt) as exc:
                raise run.registry.plugin_fault(plugin, EVENT, exc) from exc

    return notify
