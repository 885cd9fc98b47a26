"""The logical functions of the gate demos and their truth tables: pure data, no neurons.

``LOGIC`` maps a gate's name to its number of inputs, its output names and its function;
``truth_table`` lists every 0/1 input row with the gate's outputs. The gate lessons and the
``gates`` data set both read them from here.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

import numpy as np

from neurokit.core.errors import NeurokitError

# --- the logical functions ------------------------------------------------------------------

#: gate → (number of inputs, names of its outputs, function of the input bits → output bits)
LOGIC: dict[str, tuple[int, tuple[str, ...], Callable[..., tuple[int, ...]]]] = {
    "and": (2, ("AND",), lambda a, b: (a & b,)),
    "or": (2, ("OR",), lambda a, b: (a | b,)),
    "nand": (2, ("NAND",), lambda a, b: (1 - (a & b),)),
    "nor": (2, ("NOR",), lambda a, b: (1 - (a | b),)),
    "xor": (2, ("XOR",), lambda a, b: (a ^ b,)),
    "xnor": (2, ("XNOR",), lambda a, b: (1 - (a ^ b),)),
    "not": (1, ("NOT",), lambda a: (1 - a,)),
    # The one-bit (half) adder: a + b written in binary is (carry, sum).
    "adder": (2, ("sum", "carry"), lambda a, b: (a ^ b, a & b)),
}


def truth_table(gate: str) -> tuple[np.ndarray, np.ndarray]:
    """(x, y): every 0/1 input row in counting order, and the gate's outputs for each row."""
    n_inputs, _, function = _logic(gate)
    rows = list(itertools.product((0, 1), repeat=n_inputs))
    x = np.array(rows, dtype=np.int64)
    y = np.array([function(*row) for row in rows], dtype=np.int64)
    return x, y


def output_names(gate: str) -> tuple[str, ...]:
    return _logic(gate)[1]


def _logic(gate: str):
    try:
        return LOGIC[gate]
    except KeyError:
        raise NeurokitError(f"unknown gate {gate!r}; known: {', '.join(LOGIC)}") from None
