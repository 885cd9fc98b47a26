"""Classification or regression: which the targets ask for, and the scores each one gets.

A data set is a classification when every target is a class code: one-hot rows (n_L > 1) or
0/1 (one output). Anything else — ``examples/linear.json``'s y = 2 x1 − x2 + 0.5 — is a
regression, where accuracy and a confusion matrix mean nothing; it is scored by the cost, the
root-mean-square error and R².
"""

from __future__ import annotations

import numpy as np

CLASSIFICATION, REGRESSION = "classification", "regression"


def task_of(y: np.ndarray) -> str:
    """``"classification"`` when every row of y is a class code, else ``"regression"``."""
    y = np.asarray(y)
    if y.size == 0 or not np.isin(y, (0, 1)).all():
        return REGRESSION
    if y.shape[1] > 1 and not (y.sum(axis=1) == 1).all():
        return REGRESSION  # 0/1 targets that are not one-hot: several labels, not a class
    return CLASSIFICATION


def rmse(a: np.ndarray, y: np.ndarray) -> float:
    """√(mean over examples and outputs of (a − y)²)."""
    return float(np.sqrt(np.mean((np.asarray(a, float) - np.asarray(y, float)) ** 2)))


def r_squared(a: np.ndarray, y: np.ndarray) -> float:
    """R² = 1 − Σ(y − a)² / Σ(y − ȳ)², ȳ per output; 1 is a perfect fit, 0 the mean's."""
    a, y = np.asarray(a, float), np.asarray(y, float)
    spread = float(((y - y.mean(axis=0)) ** 2).sum())
    residual = float(((y - a) ** 2).sum())
    if spread == 0:
        return 1.0 if residual == 0 else float("-inf")
    return 1.0 - residual / spread
