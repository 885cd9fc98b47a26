"""Counting a layered net's parameters from its sizes [n_1, …, n_L], without building it:
w^l has n_l × n_{l−1} entries and b^l has n_l, for l = 2 … L."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from neurokit.core.dtypes import DEFAULT_DTYPE


def parameter_count(sizes: Sequence[int]) -> int:
    """P = Σ_l (n_l n_{l−1} + n_l), the weights and biases together (exact for any size)."""
    return sum(n_in * n_out + n_out for n_in, n_out in zip(sizes[:-1], sizes[1:], strict=True))


def parameter_bytes(sizes: Sequence[int], dtype: str = DEFAULT_DTYPE) -> int:
    """Memory the weights and biases of a net with these sizes would take."""
    return parameter_count(sizes) * np.dtype(dtype).itemsize
