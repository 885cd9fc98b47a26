"""Per-layer A/B of two numpy-path choices: the weight layout, and fusing BP4 into the update.

    python benchmarks/bench_layout.py            # every layer of the matrix's nets, m = 10, 100
    python benchmarks/bench_layout.py --quick    # 784×300 and 784×1000 only

For one layer (n_in → n_out) and one mini-batch size m it times the three products of a step
and the update, each variant in interleaved rounds (the order reverses every round), medians:

- layout "w": w^l stored as (n_out, n_in), C-contiguous, as ``Network`` keeps it:
  feedforward ``A @ w.T``, BP2 ``δ @ w``, BP4 + update ``w -= δ.T @ A``;
- layout "wT": the contiguous transpose stored, w^l its ``.T`` view (what a student would read
  is unchanged): feedforward ``A @ S``, BP2 ``δ @ S.T``, BP4 + update
  ``w -= (A.T @ δ).T`` (the gradient in the storage's own order, so the subtraction is one
  contiguous pass);
- update "out=": BP4 into a reused buffer (``np.matmul(δ.T, A, out=g)``), then ``w -= g``;
- update "gemm": BP4 and the update in one BLAS call, w ← w − δ^T A (SciPy's ``?gemm`` with
  β = 1; skipped without SciPy), the fusion numpy itself does not offer.

Times are the calling thread's CPU time (``time.thread_time``) with BLAS held to one thread,
so other processes on a shared machine slow the run down but do not enter the figures (their
cache traffic still does, a little).
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

import numpy as np

try:  # loaded now, so that the one-thread limit below holds SciPy's BLAS too
    from scipy.linalg import blas
except ImportError:
    blas = None

LAYERS = [(784, 15), (784, 30), (784, 100), (784, 300), (300, 100), (784, 1000), (1000, 1000)]
QUICK_LAYERS = [(784, 300), (784, 1000)]


def _seconds(op: Callable[[], object], reps: int) -> float:
    started = time.thread_time()
    for _ in range(reps):
        op()
    return (time.thread_time() - started) / reps


def _gemm_update(dtype: np.dtype):
    """w ← w − δ^T A in one BLAS call, or None without SciPy."""
    if blas is None:
        return None
    gemm = blas.sgemm if dtype == np.float32 else blas.dgemm

    def update(w: np.ndarray, delta: np.ndarray, a: np.ndarray) -> None:
        # Fortran order sees w (n_out, n_in) as w^T: w^T ← w^T − A^T δ, all without copies
        gemm(-1.0, a.T, delta.T, beta=1.0, c=w.T, trans_b=1, overwrite_c=1)

    return update


def variants(n_in: int, n_out: int, m: int, dtype: str) -> dict[str, Callable[[], object]]:
    rng = np.random.default_rng(0)
    a = rng.random((m, n_in)).astype(dtype)
    delta = rng.random((m, n_out)).astype(dtype) * 1e-6  # small: w barely moves over the reps
    w = rng.standard_normal((n_out, n_in)).astype(dtype)
    storage = np.ascontiguousarray(w.T)
    w_view = storage.T
    g = np.empty_like(w)
    ops: dict[str, Callable[[], object]] = {
        "forward w": lambda: a @ w.T,
        "forward wT": lambda: a @ storage,
        "BP2 w": lambda: delta @ w,
        "BP2 wT": lambda: delta @ storage.T,
        "update w": lambda: np.subtract(w, delta.T @ a, out=w),
        "update wT": lambda: np.subtract(w_view, (a.T @ delta).T, out=w_view),
        "update out=": lambda: np.subtract(w, np.matmul(delta.T, a, out=g), out=w),
    }
    gemm = _gemm_update(np.dtype(dtype))
    if gemm is not None:
        ops["update gemm"] = lambda: gemm(w, delta, a)
    return ops


def measure(n_in: int, n_out: int, m: int, dtype: str, rounds: int) -> dict[str, float]:
    ops = variants(n_in, n_out, m, dtype)
    reps = max(3, int(2e7 / (m * n_in * n_out)))
    times: dict[str, list[float]] = {name: [] for name in ops}
    for round_ in range(rounds):
        names = list(ops) if round_ % 2 == 0 else list(ops)[::-1]
        for name in names:
            times[name].append(_seconds(ops[name], reps))
    return {name: statistics.median(values) for name, values in times.items()}


def report(n_in: int, n_out: int, m: int, dtype: str, t: dict[str, float]) -> str:
    step_w = t["forward w"] + t["BP2 w"] + t["update w"]
    step_wt = t["forward wT"] + t["BP2 wT"] + t["update wT"]
    fused = [f"out= {t['update out='] / t['update w']:.2f}"]
    if "update gemm" in t:
        fused.append(f"gemm {t['update gemm'] / t['update w']:.2f}")
    return (
        f"| {n_in}×{n_out} | {m} | {dtype} | {step_w * 1e6:,.0f} µs "
        f"| {t['forward wT'] / t['forward w']:.2f} | {t['BP2 wT'] / t['BP2 w']:.2f} "
        f"| {step_wt / step_w:.2f} | {', '.join(fused)} |"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="two wide layers only")
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args(argv)
    from threadpoolctl import threadpool_limits

    print("Ratios are the variant's time ÷ the current code's (< 1: the variant is faster).")
    print("| layer | m | dtype | step now | forward wT | BP2 wT | step wT | update fused |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    with threadpool_limits(limits=1, user_api="blas"):
        for n_in, n_out in QUICK_LAYERS if args.quick else LAYERS:
            for m in (10, 100):
                for dtype in ("float32", "float64"):
                    times = measure(n_in, n_out, m, dtype, args.rounds)
                    print(report(n_in, n_out, m, dtype, times), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
