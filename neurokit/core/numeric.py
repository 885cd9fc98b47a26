"""Finite differences: the one numerical derivative that gradcheck, why-backprop and the
conformance kit share.

For a function f and a step h,

    central:  f'(θ) ≈ (f(θ + h) − f(θ − h)) / 2h     error O(h²), two evaluations
    forward:  f'(θ) ≈ (f(θ + h) − f(θ)) / h           error O(h), one more evaluation
                                                        when f(θ) is already known

``difference`` applies either to a function of θ (θ and h may be arrays, element by
element, as for σ'(z)); ``partial`` to one entry of an array that a function reads, such
as one weight w^l_jk of a network for ∂C/∂w^l_jk. The entry is nudged in place and always
restored.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np


def difference(f: Callable[[Any], Any], theta: Any, step: Any, *, f_at_theta: Any = None) -> Any:
    """(f(θ + h) − f(θ − h)) / 2h, or with ``f_at_theta`` = f(θ) the forward difference
    (f(θ + h) − f(θ)) / h, which costs one evaluation instead of two."""
    if f_at_theta is not None:
        return (f(theta + step) - f_at_theta) / step
    return (f(theta + step) - f(theta - step)) / (2 * step)


def partial(
    f: Callable[[], Any],
    array: np.ndarray,
    index: tuple[int, ...],
    step: float,
    *,
    f_at_theta: Any = None,
) -> Any:
    """∂f/∂θ for θ = ``array[index]``, by ``difference``: ``f()`` reads ``array``, whose
    entry is set to θ ± h for each evaluation and restored afterwards, even on error."""
    saved = array[index]

    def f_with(theta):
        array[index] = theta
        return f()

    try:
        return difference(f_with, saved, step, f_at_theta=f_at_theta)
    finally:
        array[index] = saved
