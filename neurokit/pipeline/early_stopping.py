"""Early stopping: end training when a validation metric has not improved for ``patience``
epochs, optionally putting back the weights of the best epoch.

The spec's ``training.early_stopping`` is ``{"metric": "validation_accuracy", "patience": 5,
"restore_best": true}``. Costs and RMSE improve by falling, accuracy and R² by rising. The
decision is recorded in the last row of ``metrics.jsonl`` under ``early_stopping`` and told
to the progress reporter. (The count of epochs without improvement is not kept in a
checkpoint: a resumed run starts counting again.)
"""

from __future__ import annotations

import numpy as np

from neurokit.core.errors import TrainingError

#: Metrics that improve by getting smaller; the rest improve by getting larger.
FALLING = ("validation_cost", "validation_rmse")


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
