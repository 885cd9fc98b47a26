"""BP4 and the SGD update in one BLAS call for the compiled fast path: w ← w − δ^T a.

numpy has no way to ask BLAS for C ← C + α·A·B (``?gemm`` with β = 1): ``w -= δ.T @ a``
computes the product into a new array and subtracts it in a second pass over w. SciPy ships
the BLAS routines themselves (``scipy.linalg.cython_blas``, the library numba's ``np.dot``
already uses), and a numba kernel can call them through their addresses, so the fast path
writes the update straight into w: one pass instead of two, no gradient buffer
(benchmarks/bench_layout.py measures the difference).

BLAS is column-major: the row-major w (n_out × n_in) is, to it, w^T (n_in × n_out), a
(m × n_in) is a^T and δ (m × n_out) is δ^T. So the call is w^T ← w^T − a^T δ:
``?gemm('N', 'T', n_in, n_out, m, −1, a, n_in, δ, n_out, 1, w, n_in)``.
"""

from __future__ import annotations

from typing import Any

import llvmlite.binding as llvm  # type: ignore[import-untyped]
import numpy as np
from numba import njit, types
from numba.extending import get_cython_function_address


def _external(name: str) -> Any:
    """SciPy's ``name`` as a function the kernels call by symbol: every Fortran argument is
    passed by reference (13 pointers, no return value). A symbol, not a ctypes pointer, so
    numba can cache the compiled kernels (the address is registered again at each import)."""
    symbol = f"neurokit_scipy_{name}"
    llvm.add_symbol(symbol, get_cython_function_address("scipy.linalg.cython_blas", name))
    return types.ExternalFunction(symbol, types.void(*([types.voidptr] * 13)))


_dgemm = _external("dgemm")
_sgemm = _external("sgemm")


@njit(cache=True)
def subtract_product(w, delta, a):
    """w ← w − δ^T a in place (all C-contiguous, one dtype: float32 or float64)."""
    chars = np.array([ord("N"), ord("T")], dtype=np.uint8)  # a as is, δ transposed
    m, n_in, n_out = a.shape[0], a.shape[1], delta.shape[1]
    dims = np.array([n_in, n_out, m, n_in, n_out, n_in], dtype=np.int32)  # M N K lda ldb ldc
    scalars = np.array([-1.0, 1.0], dtype=w.dtype)  # α = −1, β = 1
    if w.itemsize == 8:
        _dgemm(chars[0:].ctypes, chars[1:].ctypes, dims[0:].ctypes, dims[1:].ctypes,
               dims[2:].ctypes, scalars[0:].ctypes, a.ctypes, dims[3:].ctypes, delta.ctypes,
               dims[4:].ctypes, scalars[1:].ctypes, w.ctypes, dims[5:].ctypes)  # fmt: skip
    else:
        _sgemm(chars[0:].ctypes, chars[1:].ctypes, dims[0:].ctypes, dims[1:].ctypes,
               dims[2:].ctypes, scalars[0:].ctypes, a.ctypes, dims[3:].ctypes, delta.ctypes,
               dims[4:].ctypes, scalars[1:].ctypes, w.ctypes, dims[5:].ctypes)  # fmt: skip
