"""Sequences as the models see them: x of shape (n, T, n_in), targets per step (n, T, n_out)
or per sequence (n, n_out).

Costs, accuracy and the conformance kit work on rows of outputs; a per-step output is one row
per (sequence, time step), so C is the mean of C_{x,t} over every scored step.
"""

from __future__ import annotations

import numpy as np

#: The two ways a sequence is scored: a target at every step, or one after the last step.
TARGETS = ("every_step", "last_step")


def is_sequence(array: np.ndarray) -> bool:
    """True for a batch of sequences (n, T, width); False for rows (n, width)."""
    return np.ndim(array) == 3


def as_rows(array: np.ndarray) -> np.ndarray:
    """(n, T, width) → (n·T, width), one row per step; rows (n, width) are returned as they are."""
    if np.ndim(array) == 3:
        return array.reshape(-1, array.shape[-1])
    return array


def targets_of(y: np.ndarray) -> str:
    """Which way a split's desired outputs score its sequences."""
    return "every_step" if is_sequence(y) else "last_step"


def describe(x: np.ndarray) -> str:
    """'sequences of 20 steps' or 'single examples', for messages."""
    return f"sequences of {x.shape[1]} steps" if is_sequence(x) else "single examples"
