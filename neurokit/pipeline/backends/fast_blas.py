"""The compiled fast path's calls into its math library: three matrix products, each one BLAS
``?gemm`` call, and the exponential of σ over a whole layer at once.

- the feedforward product z^l = a^{l−1} (w^l)^T (``feedforward_product``),
- BP2's product δ^{l+1} w^{l+1} (``backward_product``),
- BP4 and the SGD update at once, w^l ← w^l − δ^T a^{l−1} (``subtract_product``): numpy has
  no way to ask BLAS for C ← C + α·A·B (``?gemm`` with β = 1), so ``w -= δ.T @ a`` computes
  the product into a new array and subtracts it in a second pass over w; here it is one pass;
- e^x over a layer (``exponential_in_place``): MKL's vectorised exponential, about twice as
  fast per neuron as a loop over the C library's ``exp``.

Which library: Intel's MKL when the ``mkl`` package is installed (``pip install
'neurokit[fast]'`` installs it on Linux x86-64; it is the library PyTorch's CPU builds use),
otherwise SciPy's OpenBLAS (``scipy.linalg.cython_blas``) and a compiled exponential loop. On
the thin shapes of these nets (m of 1 to 100 rows against 784 inputs) MKL's products are up
to twice as fast as OpenBLAS's (docs/performance.md). ``NEUROKIT_BLAS=scipy`` or ``=mkl``
picks one by hand.

The products go through the Fortran entry points, which take every argument by reference
(13 pointers, no return value), and the exponential through one signature, MKL's
``vm?Exp``'s, so the compiled kernels are the same machine code for either library: they
call symbols that this module points at one library's functions at each import, and numba
can cache them.

BLAS is column-major: a row-major (r × c) array is, to it, its transpose (c × r) with leading
dimension c. So each row-major product C = A·B is asked for as C^T = B^T·A^T.
"""

from __future__ import annotations

import ctypes
import glob
import os
import sys
from typing import Any

import llvmlite.binding as llvm  # type: ignore[import-untyped]
import numpy as np
from numba import carray, cfunc, njit, types
from numba.extending import get_cython_function_address

#: ``NEUROKIT_BLAS`` values: "mkl" and "scipy" pick one; anything else (or unset) is "auto".
BLAS_VARIABLE = "NEUROKIT_BLAS"


def _mkl_runtime() -> ctypes.CDLL | None:
    """MKL's single dynamic library as the ``mkl`` wheel installs it, or None."""
    for folder in dict.fromkeys((sys.prefix, sys.base_prefix)):
        for path in sorted(glob.glob(os.path.join(folder, "lib", "libmkl_rt.so*"))):
            try:
                return ctypes.CDLL(path)
            except OSError:
                continue
    return None


def _choose_library() -> tuple[str, Any]:
    """("mkl", its library) or ("scipy", None), from ``NEUROKIT_BLAS`` and what is installed."""
    wanted = os.environ.get(BLAS_VARIABLE, "auto").strip().lower()
    if wanted != "scipy":
        runtime = _mkl_runtime()
        if runtime is not None:
            return "mkl", runtime
    return "scipy", None


#: Which library the products go to: "mkl" or "scipy".
LIBRARY, _RUNTIME = _choose_library()


def _address(name: str) -> int:
    if _RUNTIME is not None:
        return ctypes.cast(getattr(_RUNTIME, name), ctypes.c_void_p).value or 0
    return get_cython_function_address("scipy.linalg.cython_blas", name)


def _external(name: str) -> Any:
    """The chosen library's ``name`` as a function the kernels call by symbol. A symbol, not
    a ctypes pointer, so numba can cache the kernels (the address is registered at import)."""
    symbol = f"neurokit_blas_{name}"
    llvm.add_symbol(symbol, _address(name))
    return types.ExternalFunction(symbol, types.void(*([types.voidptr] * 13)))


_dgemm = _external("dgemm")
_sgemm = _external("sgemm")

#: Arguments of MKL's vector exponentials ``vmdExp``/``vmsExp``: (n, a, r, mode), r = e^a.
_EXP_SIGNATURE = types.void(types.int32, types.voidptr, types.voidptr, types.int64)
#: Their mode: high accuracy (VML_HA, under 1 ulp) and no error status (VML_ERRMODE_NOERR):
#: an exponential that underflows to 0 is what a saturated neuron should give.
_EXP_MODE = 0x2 | 0x2000


def _exp_loop(dtype: Any) -> int:
    """Without MKL: the address of a compiled loop with ``vm?Exp``'s arguments, so the kernels
    call the same symbol either way."""
    pointer = types.CPointer(dtype)

    @cfunc(types.void(types.int32, pointer, pointer, types.int64), cache=True)
    def exp_loop(n, a, r, mode):
        source, target = carray(a, n), carray(r, n)
        for i in range(n):
            target[i] = np.exp(source[i])

    return exp_loop.address or 0


def _exponential(mkl_name: str, dtype: Any) -> Any:
    """The vector exponential as a function the kernels call by symbol (as ``_external``)."""
    symbol = f"neurokit_vector_{mkl_name}"
    llvm.add_symbol(symbol, _address(mkl_name) if _RUNTIME is not None else _exp_loop(dtype))
    return types.ExternalFunction(symbol, _EXP_SIGNATURE)


_vdexp = _exponential("vmdExp", types.float64)
_vsexp = _exponential("vmsExp", types.float32)


@njit(cache=True)
def exponential_in_place(x):
    """x ← e^x for every entry of a C-contiguous float32 or float64 array: MKL's vectorised
    (and, above some length, threaded) exponential, or a compiled loop without MKL."""
    if x.itemsize == 8:
        _vdexp(np.int32(x.size), x.ctypes, x.ctypes, np.int64(_EXP_MODE))
    else:
        _vsexp(np.int32(x.size), x.ctypes, x.ctypes, np.int64(_EXP_MODE))


_N, _T = ord("N"), ord("T")


@njit(cache=True)
def _gemm(trans_a, trans_b, rows, cols, inner, alpha, a, lda, b, ldb, beta, c, ldc):
    """C ← α·op(A)·op(B) + β·C, column-major, in C's dtype (float32 or float64)."""
    chars = np.array([trans_a, trans_b], dtype=np.uint8)
    dims = np.array([rows, cols, inner, lda, ldb, ldc], dtype=np.int32)
    scalars = np.array([alpha, beta], dtype=c.dtype)
    if c.itemsize == 8:
        _dgemm(chars[0:].ctypes, chars[1:].ctypes, dims[0:].ctypes, dims[1:].ctypes,
               dims[2:].ctypes, scalars[0:].ctypes, a.ctypes, dims[3:].ctypes, b.ctypes,
               dims[4:].ctypes, scalars[1:].ctypes, c.ctypes, dims[5:].ctypes)  # fmt: skip
    else:
        _sgemm(chars[0:].ctypes, chars[1:].ctypes, dims[0:].ctypes, dims[1:].ctypes,
               dims[2:].ctypes, scalars[0:].ctypes, a.ctypes, dims[3:].ctypes, b.ctypes,
               dims[4:].ctypes, scalars[1:].ctypes, c.ctypes, dims[5:].ctypes)  # fmt: skip


@njit(cache=True)
def feedforward_product(a, w, out):
    """out ← a w^T: a (m × n_in), w (n_out × n_in), out (m × n_out), all C-contiguous.
    To BLAS: out^T (n_out × m) = w · a^T, w stored as its transpose."""
    m, n_in, n_out = a.shape[0], a.shape[1], w.shape[0]
    _gemm(_T, _N, n_out, m, n_in, 1.0, w, n_in, a, n_in, 0.0, out, n_out)


@njit(cache=True)
def backward_product(delta, w, out):
    """out ← δ w: δ (m × n_out), w (n_out × n_in), out (m × n_in), all C-contiguous.
    To BLAS: out^T (n_in × m) = w^T · δ^T, both stored as such."""
    m, n_out, n_in = delta.shape[0], delta.shape[1], w.shape[1]
    _gemm(_N, _N, n_in, m, n_out, 1.0, w, n_in, delta, n_out, 0.0, out, n_in)


@njit(cache=True)
def subtract_product(w, delta, a):
    """w ← w − δ^T a in place: δ (m × n_out), a (m × n_in), w (n_out × n_in).
    To BLAS: w^T (n_in × n_out) ← w^T − a^T · δ, with α = −1 and β = 1."""
    m, n_in, n_out = a.shape[0], a.shape[1], delta.shape[1]
    _gemm(_N, _T, n_in, n_out, m, -1.0, a, n_in, delta, n_out, 1.0, w, n_in)
