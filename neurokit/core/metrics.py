"""How well a network does on a split: cost, accuracy, confusion matrix."""

from __future__ import annotations

import numpy as np

from neurokit.core.datasets import Split, class_of

#: Rows per forward pass when evaluating, so evaluation memory stays small on 60,000 images.
CHUNK = 10_000


def outputs(network, x: np.ndarray) -> np.ndarray:
    """a^L for every row of x, computed in chunks."""
    if x.shape[0] <= CHUNK:
        return network.feedforward(x)
    return np.concatenate(
        [network.feedforward(x[k : k + CHUNK]) for k in range(0, x.shape[0], CHUNK)]
    )


def evaluate_split(network, cost, split: Split) -> dict:
    """Cost C and accuracy on one split, with the count of correct examples."""
    a = outputs(network, split.x)
    correct = int((class_of(a) == class_of(split.y)).sum())
    return {
        "cost": cost.value(a, split.y) if cost is not None else None,
        "accuracy": correct / len(split),
        "correct": correct,
        "n": len(split),
    }


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
