"""The floating-point types a network can compute in, and the default: one definition for the
spec's ``training.dtype``, ``Network(dtype=...)`` and the ``train`` command."""

from __future__ import annotations

from typing import Literal, get_args

#: A dtype's name as a spec writes it.
DTypeName = Literal["float64", "float32"]
#: Every dtype a network can have, the default first.
DTYPES: tuple[str, ...] = get_args(DTypeName)
#: float64 unless a spec asks for float32 (half the memory, about twice as fast on MNIST).
DEFAULT_DTYPE: DTypeName = "float64"
