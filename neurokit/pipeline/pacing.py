"""How often a checkpoint may be written: its cost bounded as a share of training time.

A checkpoint is an fsync'd write of the model (and, with it, the run's model.npz and new
metrics rows): O(model), but on a busy disk tens of milliseconds each. A tiny net's epoch
takes microseconds, and even the MNIST sample's takes a fifth of a second, so writing one
after every epoch asked for would double the training. The pacer lets one through only when
the time since the last is at least ``MIN_SECONDS`` and at least ``1 / SHARE`` times what the
last one took: checkpointing then costs at most about ``SHARE`` of the training, and a
SIGKILL loses at most that interval of training (docs/reliability.md).
"""

from __future__ import annotations

import math
import time

#: Seconds at least between two checkpoints.
MIN_SECONDS = 0.25
#: The largest share of the training's wall time that checkpoints may take.
SHARE = 0.04


class CheckpointPacer:
    """``due()``: may a checkpoint be written now? ``written(seconds)``: one just took that."""

    def __init__(self) -> None:
        self.last_end = -math.inf  # the first checkpoint is always written
        self.last_cost = 0.0

    def due(self) -> bool:
        wait = max(MIN_SECONDS, self.last_cost / SHARE)
        return time.perf_counter() - self.last_end >= wait

    def written(self, seconds: float) -> None:
        self.last_end = time.perf_counter()
        self.last_cost = seconds
