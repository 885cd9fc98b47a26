"""The classic measures of the sequence benchmarks, for ``evaluate``:

- embedded Reber (Hochreiter and Schmidhuber, 1997): a string counts as correct when, at every
  step, the set of symbols whose output is above ``THRESHOLD`` equals the set the grammar
  allows next; and the share of strings whose long-range symbol (T or P, recalled across the
  inner string) is predicted right;
- a regression over sequences (``sine``, ``mackey-glass``): the normalised root-mean-square
  error NRMSE = √(mean (a − y)²) / std(y), the error in units of the series' own spread
  (0: perfect; 1: no better than predicting the mean).
"""

from __future__ import annotations

import numpy as np

from neurokit.core.datasets import Dataset
from neurokit.core.sequences import as_rows, is_sequence
from neurokit.core.task import REGRESSION, task_of
from neurokit.data import reber

#: An output above this predicts "this symbol may come next" (the criterion's 0.5).
THRESHOLD = 0.5


def nrmse(a: np.ndarray, y: np.ndarray) -> float:
    """√(mean (a − y)²) / std(y) over every sequence, step and output."""
    a, y = np.asarray(a, dtype=float), np.asarray(y, dtype=float)
    spread = float(np.std(y))
    error = float(np.sqrt(np.mean((a - y) ** 2)))
    return error / spread if spread > 0 else float("inf") if error else 0.0


def sequence_measures(model, data: Dataset, split_name: str) -> dict[str, float]:
    """The measures that fit ``data``'s task on one split: Reber's two, or the NRMSE."""
    split = data.split(split_name)
    if not len(split) or not is_sequence(split.y):
        return {}
    outputs = np.asarray(model.predict(split.x), dtype=float)
    lengths = (
        data.notes.get("lengths", {}).get(split_name) if data.name == "embedded-reber" else None
    )
    if lengths is not None and len(lengths) == len(split):
        return {
            "strings_correct": reber.strings_correct(outputs, split.y, lengths, THRESHOLD),
            "long_range_correct": reber.recall_correct(outputs, split.y),
        }
    if task_of(as_rows(split.y)) == REGRESSION:
        return {"nrmse": nrmse(outputs, split.y)}
    return {}
