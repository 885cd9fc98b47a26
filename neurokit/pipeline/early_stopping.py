"""Early stopping: end training when a validation metric has not improved for ``patience``
epochs, optionally putting back the weights of the best epoch.

The spec's ``training.early_stopping`` is ``{"metric": "validation_accuracy", "patience": 5,
"restore_best": true}``. Costs and RMSE improve by falling, accuracy and R² by rising. The
decision is recorded in the last row of ``metrics.jsonl`` under ``early_stopping`` and told
to the progress reporter. The best value, its epoch (from which the count of epochs without
improvement follows) and, with ``restore_best``, its weights are kept in the checkpoint
(``checkpoint_state``/``restore_state``), so a run stopped by a signal and resumed counts on
and stops at the epoch an uninterrupted run stops at, with the same best weights.
"""

from __future__ import annotations

import numpy as np

from neurokit.core.errors import ModelFileError, TrainingError

#: Metrics that improve by getting smaller; the rest improve by getting larger.
FALLING = ("validation_cost", "validation_rmse")
#: The checkpoint's arrays of the best epoch's parameters: ``early_stopping/best/0``, ….
BEST_PREFIX = "early_stopping/best/"


class EarlyStopping:
    """Watches one metric per epoch; ``update`` says when to stop."""

    def __init__(self, metric: str, patience: int, restore_best: bool):
        self.metric, self.patience, self.restore_best = metric, patience, restore_best
        self.best: float | None = None
        self.best_epoch = 0
        self.best_parameters: list[np.ndarray] | None = None

    @classmethod
    def for_run(cls, run) -> EarlyStopping | None:
        """The run's early stopping, or None when its spec asks for none."""
        config = getattr(run.spec.training, "early_stopping", None)
        if config is None:
            return None
        if "validation" not in run.dataset.splits:
            raise TrainingError(
                f"training.early_stopping watches {config.metric}, but data set "
                f"{run.dataset.name!r} has no validation split"
            )
        return cls(config.metric, config.patience, config.restore_best)

    def improved(self, value: float) -> bool:
        if self.best is None:
            return True
        return value < self.best if self.metric in FALLING else value > self.best

    def update(self, run, row: dict) -> bool:
        """Note this epoch's row; True when training should stop now."""
        value = row.get(self.metric)
        if value is None:
            raise TrainingError(
                f"training.early_stopping: the metrics have no {self.metric!r} "
                f"(they have: {', '.join(k for k in row if k.startswith('validation_'))})"
            )
        if self.improved(value):
            self.best, self.best_epoch = value, row["epoch"]
            if self.restore_best:
                self.best_parameters = [p.copy() for p in run.model.parameters]
            return False
        return row["epoch"] - self.best_epoch >= self.patience

    def stop(self, run, row: dict) -> str:
        """Restore the best weights if asked, record the decision in ``row``; the message."""
        best_parameters = self.best_parameters if self.restore_best else None
        restored = best_parameters is not None
        if best_parameters is not None:
            for param, best in zip(run.model.parameters, best_parameters, strict=True):
                param[...] = best
        row["early_stopping"] = {
            "metric": self.metric,
            "best": self.best,
            "best_epoch": self.best_epoch,
            "patience": self.patience,
            "restored_best": bool(restored),
        }
        return (
            f"early stopping after epoch {row['epoch']}: {self.metric} has not improved for "
            f"{self.patience} epochs; best {self.best:.4g} at epoch {self.best_epoch}"
            + ("; the weights of that epoch were put back" if restored else "")
        )

    def checkpoint_state(self) -> tuple[dict, dict[str, np.ndarray]]:
        """(JSON state, arrays) for the checkpoint: the best value, its epoch and weights."""
        state = {"metric": self.metric, "best": self.best, "best_epoch": self.best_epoch}
        best = self.best_parameters if self.restore_best else None
        arrays = {f"{BEST_PREFIX}{i}": p for i, p in enumerate(best or [])}
        return state, arrays

    def restore_state(self, path, state: object, arrays: dict, run) -> None:
        """Continue from a checkpoint's state; one line naming ``path`` when it is damaged.

        A state written for another metric (the spec changed it) is not continued."""
        if not isinstance(state, dict) or state.get("metric") != self.metric:
            return
        best, best_epoch = state.get("best"), state.get("best_epoch")
        if not (
            (best is None or (isinstance(best, int | float) and not isinstance(best, bool)))
            and isinstance(best_epoch, int)
            and not isinstance(best_epoch, bool)
            and 0 <= best_epoch <= len(run.history)
        ):
            raise ModelFileError(f"{path}: damaged training state (early stopping)")
        self.best, self.best_epoch = (None if best is None else float(best)), best_epoch
        saved = [arrays[k] for k in sorted(arrays, key=_index) if k.startswith(BEST_PREFIX)]
        if not self.restore_best or not saved:
            return
        current = run.model.parameters
        if len(saved) != len(current) or any(
            s.shape != p.shape for s, p in zip(saved, current, strict=False)
        ):
            raise ModelFileError(f"{path}: damaged training state (early stopping's best weights)")
        self.best_parameters = [
            np.array(s, dtype=p.dtype) for s, p in zip(saved, current, strict=True)
        ]


def _index(key: str) -> int:
    tail = key[len(BEST_PREFIX) :] if key.startswith(BEST_PREFIX) else ""
    return int(tail) if tail.isdecimal() else -1
