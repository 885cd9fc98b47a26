"""Flush-to-zero for the compiled fast path's steps.

A subnormal number (below 2^−126 ≈ 1.2e-38 in float32, 2^−1022 in float64) costs an x86 core
a microcode assist of a hundred cycles or more for every operation that reads or writes one.
Saturated sigmoid neurons make them in bulk: e^{−|z|} underflows into that range for
|z| > 87 in float32, and δ^l, and then BLAS's products, inherit them. On a 784-1000-1000-10 net
at η = 3 this made a float32 epoch 2–4.5× slower. PyTorch offers the same switch
(``torch.set_flush_denormal``).

``FlushDenormals`` sets the processor's flush-to-zero (FTZ: results that would be subnormal
become 0) and denormals-are-zero (DAZ: subnormal inputs are read as 0) bits for the calling
thread inside the block, and puts the whole floating-point environment back after it. The
numbers this changes are all below 1.2e-38 (float32) or 2.2e-308 (float64). Only the compiled
path uses it: the numpy path, the one a student reads against the lecture, keeps IEEE
arithmetic whole.

The bits live in the SSE control register MXCSR, reached through C's ``fegetenv`` and
``fesetenv``; on other processors or C libraries the block does nothing.
"""

from __future__ import annotations

import ctypes
import platform
import sys

#: MXCSR bits: FTZ (flush results to zero) and DAZ (read subnormal inputs as zero).
FTZ, DAZ = 0x8000, 0x0040

#: glibc's fenv_t on x86-64: the x87 environment (28 bytes), then MXCSR: eight 32-bit words,
#: MXCSR the last.
_ENV_WORDS, _MXCSR = 8, 7


def _libc() -> ctypes.CDLL | None:
    if sys.platform != "linux" or platform.machine() not in ("x86_64", "AMD64"):
        return None
    try:
        libc = ctypes.CDLL(None)
        libc.fegetenv, libc.fesetenv  # noqa: B018  (both present, or no flushing)
    except (OSError, AttributeError):
        return None
    return libc


_LIBC = _libc()

#: Whether ``FlushDenormals`` can change anything on this machine.
AVAILABLE = _LIBC is not None


class FlushDenormals:
    """``with FlushDenormals():`` flush subnormal numbers to zero in this thread."""

    def __init__(self) -> None:
        self._saved = (ctypes.c_uint32 * _ENV_WORDS)()
        self._changed = False

    def __enter__(self) -> FlushDenormals:
        if _LIBC is not None and _LIBC.fegetenv(self._saved) == 0:
            flushing = (ctypes.c_uint32 * _ENV_WORDS)(*self._saved)
            flushing[_MXCSR] |= FTZ | DAZ
            self._changed = _LIBC.fesetenv(flushing) == 0
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._changed and _LIBC is not None:
            _LIBC.fesetenv(self._saved)
            self._changed = False
