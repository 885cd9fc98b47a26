"""How well a model does on a split: cost, accuracy, confusion matrix, and its own measures."""

from __future__ import annotations

import numpy as np

from neurokit.core.datasets import Split, class_of
from neurokit.core.sequences import as_rows
from neurokit.core.task import REGRESSION, r_squared, rmse, task_of

#: Rows per forward pass when evaluating, so evaluation memory stays small on 60,000 images.
CHUNK = 10_000


def outputs(model, x: np.ndarray, predict=None) -> np.ndarray:
    """The model's outputs (a^L for a network) for every row of x, computed in chunks;
    ``predict(model, x)`` computes them instead of ``model.predict`` when given (training's
    compiled path scores its epochs with its own feedforward)."""
    if predict is not None:
        return predict(model, x)
    if x.shape[0] <= CHUNK:
        return model.predict(x)
    return np.concatenate([model.predict(x[k : k + CHUNK]) for k in range(0, x.shape[0], CHUNK)])


def evaluate_split(model, cost, split: Split, predict=None) -> dict:
    """Cost C (when the model has one) on one split and the scores of its task: accuracy with
    the count of correct examples for a classification, RMSE and R² for a regression
    (``neurokit.core.task``); ``model`` holds the model's own measures (``Model.metrics``).

    Outputs per time step are scored one row per (sequence, step): ``n`` counts those rows."""
    a, y = as_rows(outputs(model, split.x, predict)), as_rows(split.y)
    scores = {"cost": cost.value(a, y) if cost is not None else None, "n": len(y)}
    if not getattr(model, "classifies", True):
        # Outputs that are whole patterns (a Hopfield net): right means equal to the target.
        correct = count_correct(model, a, y)
        scores.update(accuracy=correct / len(y), correct=correct)
    elif task_of(y) == REGRESSION:
        scores.update(rmse=rmse(a, y), r2=r_squared(a, y))
    else:
        correct = int((class_of(a) == class_of(y)).sum())
        scores.update(accuracy=correct / len(y), correct=correct)
    own = model.metrics(split) if hasattr(model, "metrics") else {}
    if own:
        scores["model"] = own
    return scores


def count_correct(model, a: np.ndarray, y: np.ndarray) -> int:
    """Examples whose output picks the right class; for a model whose outputs are patterns
    (``classifies`` False, a Hopfield net), examples whose output equals the target exactly."""
    if not getattr(model, "classifies", True):
        return int(np.all(a == y, axis=1).sum())
    return int((class_of(a) == class_of(y)).sum())


def task_columns(prefix: str, scores: dict) -> dict:
    """The metrics.jsonl columns of a split's task scores: ``train_accuracy``, or
    ``validation_accuracy`` with ``validation_correct``, or ``…_rmse`` and ``…_r2``."""
    if "rmse" in scores:
        return {f"{prefix}_rmse": scores["rmse"], f"{prefix}_r2": scores["r2"]}
    columns = {f"{prefix}_accuracy": scores["accuracy"]}
    if prefix != "train":
        columns[f"{prefix}_correct"] = scores["correct"]
    return columns


def confusion_matrix(true: np.ndarray, predicted: np.ndarray, n_classes: int) -> np.ndarray:
    """``matrix[t, p]`` counts examples of class t predicted as p."""
    matrix = np.zeros((n_classes, n_classes), dtype=np.int64)
    np.add.at(matrix, (true, predicted), 1)
    return matrix


def precision_recall(matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per-class precision (column-wise) and recall (row-wise); 0 where undefined."""
    diagonal = np.diag(matrix).astype(float)
    predicted = matrix.sum(axis=0)
    actual = matrix.sum(axis=1)
    precision = np.divide(diagonal, predicted, out=np.zeros_like(diagonal), where=predicted > 0)
    recall = np.divide(diagonal, actual, out=np.zeros_like(diagonal), where=actual > 0)
    return precision, recall
