"""Calibrate ``SPLIT_WORTH``: for which products does a second BLAS thread pay on this machine?

    python benchmarks/bench_threads.py            # the whole grid (about 10–15 minutes)
    python benchmarks/bench_threads.py --quick    # a smaller grid, within 3 minutes

Run it on a quiet machine (the report prints the load average before and after): the answer
is only as good as the timings, and another job on the cores makes the second thread look
worse than it is.

Grid: the nets of ``bench_matrix.py`` × m ∈ {1, 10, 100} × {float32, float64}; sigmoid
neurons, quadratic cost, SGD with η = 3.0, random 784-pixel images. For each cell it times a
slice of an epoch (``training._train_epoch``, or the compiled path's with ``--backend fast``)
with the BLAS libraries held to 1 and to 2 threads exactly as training holds them
(``neurokit.pipeline.threads.HeldThreads``): interleaved rounds, the order alternating, a
50 ms pause before each timing so the other count's worker threads go idle, medians.

For each cell it prints ``largest_product`` (the multiply-adds of the widest feedforward
product, what ``choose_threads`` looks at) and the time with 2 threads ÷ the time with 1.
Then the values of ``SPLIT_WORTH`` for which ``choose_threads`` (1 thread below it, 2 from
it on, with a core free) is within 10% of the better fixed count in every cell, and one
value to set. The tool only reports; changing ``neurokit/pipeline/threads.py`` is up to you.
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]

import numpy as np  # noqa: E402  (before bench_matrix: BLAS starts with its default threads)
from bench_matrix import BATCH_SIZES, DTYPES, NETS  # noqa: E402
from bench_training import spec_for  # noqa: E402

from neurokit.core.datasets import Dataset, Split  # noqa: E402
from neurokit.pipeline import backends, training  # noqa: E402
from neurokit.pipeline.progress import Reporter  # noqa: E402
from neurokit.pipeline.registry import load_registry  # noqa: E402
from neurokit.pipeline.threads import (  # noqa: E402
    SPLIT_WORTH,
    HeldThreads,
    largest_product,
    worth_splitting,
)
from neurokit.spec import parse_spec  # noqa: E402

#: ``choose_threads`` within this factor of the better fixed count, in every cell.
TOLERANCE = 1.10
QUICK = {"nets": ["784-30-10", "784-300-100-10", "784-1000-1000-10"], "rounds": 3, "seconds": 0.15}
FULL = {"nets": NETS, "rounds": 5, "seconds": 0.5}
#: Rows of random images per dtype: an epoch slice repeats them when it needs more.
ROWS = 10_000


@dataclass
class Cell:
    net: str
    m: int
    dtype: str
    product: int  # largest_product(sizes, m)
    seconds: dict[int, list[float]] = field(default_factory=lambda: {1: [], 2: []})

    def median(self, threads: int) -> float:
        return statistics.median(self.seconds[threads])

    @property
    def ratio(self) -> float:
        """Time with 2 threads ÷ time with 1 (< 1: the second thread pays)."""
        return self.median(2) / self.median(1)


def chosen_seconds(cell: Cell, split_worth: float) -> float:
    """The cell's time under ``choose_threads`` with this threshold (a core free to split)."""
    return cell.median(2) if cell.product >= split_worth else cell.median(1)


def worst_ratio(cells: list[Cell], split_worth: float) -> float:
    """The largest (chosen time ÷ the better fixed count's time) over the cells."""
    return max(
        chosen_seconds(cell, split_worth) / min(cell.median(1), cell.median(2)) for cell in cells
    )


def valid_ranges(cells: list[Cell]) -> list[tuple[float, float]]:
    """The ranges (low, high] of thresholds that keep every cell within ``TOLERANCE``.

    Only the products themselves matter: every threshold in (p_k−1, p_k] splits the same
    cells, so each candidate p_k stands for that range (and +inf for "never split")."""
    products = sorted({cell.product for cell in cells})
    candidates = [*products, math.inf]
    ranges: list[tuple[float, float]] = []
    for index, high in enumerate(candidates):
        if worst_ratio(cells, high) > TOLERANCE:
            continue
        low = candidates[index - 1] if index else 0.0
        if ranges and ranges[-1][1] == low:
            ranges[-1] = (ranges[-1][0], high)  # adjoining: one wider range
        else:
            ranges.append((low, high))
    return ranges


def suggestion(cells: list[Cell], current: float) -> tuple[float, str]:
    """A threshold to set, and why."""
    ranges = valid_ranges(cells)
    for low, high in ranges:
        if low < current <= high:
            return current, "the current value is within a valid range: keep it"
    if ranges:
        low, high = ranges[0]
        if math.isinf(high):
            return math.inf, "a second thread never pays enough: never split"
        middle = high if low == 0 else math.sqrt(low * high)  # the middle on a log scale
        return float(f"{middle:.1g}"), "the middle (log scale) of the lowest valid range"
    candidates = [*sorted({cell.product for cell in cells}), math.inf]
    best = min(candidates, key=lambda value: worst_ratio(cells, value))
    return (
        best,
        f"no value keeps every cell within 10%; this one's worst is {worst_ratio(cells, best):.2f}",
    )


def images(dtype: str, n_in: int = 784, n_out: int = 10) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    x = rng.random((ROWS, n_in)).astype(dtype)
    y = np.eye(n_out, dtype=dtype)[rng.integers(0, n_out, ROWS)]
    return x, y


def epoch_slice(registry, sizes, m, dtype, x, y, backend):
    """``run(samples)``: trains on that many samples (whole slices of x), as training does."""
    spec_data = spec_for(sizes, m, dtype)
    spec_data["training"]["backend"] = backend
    spec = parse_spec(spec_data, registry)
    reporter, interrupted = Reporter(), threading.Event()
    runs: dict[int, object] = {}

    def run(samples: int, threads: int) -> float:
        rows = min(samples, len(x))
        if rows not in runs:
            data = Dataset("bench", {"train": Split(x[:rows], y[:rows])})
            runs[rows] = training.prepare(spec, registry, dataset=data)
        trained = runs[rows]
        train_epoch = backends.choose(trained).train_epoch or training._train_epoch
        held = HeldThreads(threads)  # after the backend has loaded its BLAS
        repeats = max(1, samples // rows)
        started = time.perf_counter()
        with held, np.errstate(over="ignore", invalid="ignore"):
            for _ in range(repeats):
                train_epoch(trained, 1, reporter, interrupted)
        return time.perf_counter() - started

    return run


def measure(registry, net: str, m: int, dtype: str, data, backend: str, rounds: int, seconds):
    sizes = [int(n) for n in net.split("-")]
    x, y = data
    run = epoch_slice(registry, sizes, m, dtype, x, y, backend)
    run(m, 1), run(m, 2)  # warm-up: compilation, caches, both thread pools
    probe = m
    while (took := run(probe, 1)) < 0.02 and probe < len(x):
        probe *= 4  # until a timing is long enough to estimate the rate from
    samples = max(m, int(probe / took * seconds) // m * m)
    if samples > len(x):
        samples = samples // len(x) * len(x)  # whole passes over the rows
    cell = Cell(net, m, dtype, largest_product(sizes, m))
    for round_ in range(rounds):
        for threads in (1, 2) if round_ % 2 == 0 else (2, 1):
            time.sleep(0.05)
            cell.seconds[threads].append(run(samples, threads))
    return cell


def load_line() -> str:
    try:
        return "load average " + ", ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "load average not available"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="3 nets, 3 rounds, shorter slices")
    parser.add_argument("--nets", nargs="+", help=f"nets to time (default: {' '.join(NETS)})")
    parser.add_argument("--rounds", type=int, help="timings per thread count (median)")
    parser.add_argument("--backend", choices=["numpy", "fast"], default="numpy")
    args = parser.parse_args(argv)
    settings = QUICK if args.quick else FULL
    nets, rounds = args.nets or settings["nets"], args.rounds or settings["rounds"]
    registry = load_registry([], autoload=False)
    started = time.perf_counter()
    print(f"Before: {load_line()} on {os.cpu_count()} logical cores; backend {args.backend}")
    print("| net | m | dtype | largest product | 1 thread | 2 threads | 2 ÷ 1 |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    cells = []
    for dtype in DTYPES:
        data = images(dtype)
        for net in nets:
            for m in BATCH_SIZES:
                cell = measure(
                    registry, net, m, dtype, data, args.backend, rounds, settings["seconds"]
                )
                cells.append(cell)
                print(
                    f"| {net} | {m} | {dtype} | {cell.product:.3g} | {cell.median(1) * 1e3:.1f} ms "
                    f"| {cell.median(2) * 1e3:.1f} ms | {cell.ratio:.2f} |",
                    flush=True,
                )
    print(f"After: {load_line()}; {time.perf_counter() - started:.0f} s")
    ranges = valid_ranges(cells)
    shown = ", ".join(f"({low:.3g}, {high:.3g}]" for low, high in ranges) or "none"
    print(f"SPLIT_WORTH values within 10% of the best fixed count in every cell: {shown}")
    value, why = suggestion(cells, SPLIT_WORTH)
    print(f"Suggested SPLIT_WORTH: {value:.3g} ({why}); now {SPLIT_WORTH:.3g}, worst cell "
          f"{worst_ratio(cells, SPLIT_WORTH):.2f}× the better fixed count")  # fmt: skip
    print(rule_verdict(cells, products_library(args.backend)))
    return 0


def products_library(backend: str) -> str:
    """The BLAS library of the backend's products: "mkl" or "openblas"."""
    if backend == "fast" and backends.fast_available():
        from neurokit.pipeline.backends import fast

        return fast.BLAS
    return "openblas"


def rule_verdict(cells: list[Cell], blas: str) -> str:
    """How ``worth_splitting`` for ``blas`` (the whole rule, weights included) fares per cell."""
    ratios = []
    for cell in cells:
        sizes = [int(n) for n in cell.net.split("-")]
        chosen = cell.median(2) if worth_splitting(sizes, cell.m, blas) else cell.median(1)
        ratios.append((chosen / min(cell.median(1), cell.median(2)), cell))
    over = [f"{c.net} m={c.m} {c.dtype} {r:.2f}×" for r, c in ratios if r > TOLERANCE]
    worst = max(r for r, _ in ratios)
    return (
        f"The rule for {blas} (neurokit.pipeline.threads.worth_splitting): worst cell {worst:.2f}× "
        f"the better fixed count; over 10%: {', '.join(over) or 'none'}"
    )


if __name__ == "__main__":
    raise SystemExit(main())
