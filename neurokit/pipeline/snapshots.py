"""The state of a run at one instant: parameters, optimizer state, random generator state.

Training takes one at the start of every epoch (O(model)): to replay an epoch that ended
non-finite, to checkpoint the last epoch boundary when stopped mid-epoch, and to put back the
last finished epoch when plugin code fails part-way through one.
"""

from __future__ import annotations

import contextlib
import copy
from dataclasses import dataclass

import numpy as np


@dataclass
class Snapshot:
    arrays: dict[str, np.ndarray]  # the model's named arrays
    optimizer_state: dict
    rng_state: dict

    @classmethod
    def take(cls, run) -> Snapshot:
        optimizer = run.optimizer
        return cls(
            arrays={k: np.copy(v) for k, v in run.model.arrays().items()},
            optimizer_state={k: np.copy(v) for k, v in optimizer.state_dict().items()}
            if optimizer is not None
            else {},
            rng_state=copy.deepcopy(run.rng.bit_generator.state),
        )

    def restore(self, run, rng: bool = True) -> None:
        run.model.load_arrays({k: np.copy(v) for k, v in self.arrays.items()})
        if run.optimizer is not None:
            run.optimizer.load_state_dict({k: np.copy(v) for k, v in self.optimizer_state.items()})
        if rng:
            run.rng.bit_generator.state = copy.deepcopy(self.rng_state)

    @contextlib.contextmanager
    def applied(self, run):
        """The run holds this state inside the block and its own state again after it."""
        current = Snapshot.take(run)
        self.restore(run)
        try:
            yield
        finally:
            current.restore(run)
