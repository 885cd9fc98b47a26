"""The benchmark matrix: neurokit as users run it against three peers, cell by cell.

    python benchmarks/bench_matrix.py                 # the whole matrix (about 10 minutes)
    python benchmarks/bench_matrix.py --quick         # 784-30-10 and 784-300-100-10, m = 10, 100
    python benchmarks/bench_matrix.py --markdown FILE # also write the tables as Markdown

Cells: m ∈ {1, 10, 100} × nets {784-15-10, 784-30-10, 784-100-10, 784-300-100-10,
784-1000-1000-10} × {float32, float64}; sigmoid neurons, quadratic cost, SGD with η = 3.0,
on Fashion-MNIST images (the embedded MNIST sample where those files are missing).

Columns, all timed on the same number of samples per cell, in interleaved rounds (the column
that goes first rotates; a 300 ms pause before each lets the other columns' thread pools go
idle: the workers of the Intel OpenMP under neurokit's MKL spin for 200 ms after their last
product, and torch's OpenMP workers for a while too), medians:

- neurokit: ``training.train``'s own epoch function with its own choices, exactly as
  ``neurokit train`` runs the textbook's experiment (30 epochs of 50,000 images): the backend
  ``"auto"`` picks for that run (compiled when numba is installed) and the default BLAS
  thread count (chosen by shape);
- neurokit numpy: the same with ``training.backend = "numpy"``, the readable path;
- neurokit 1 thread / 2 threads: the default backend with the thread count fixed, to check
  that the default is never more than 10% slower than the better fixed choice;
- per-example: ``benchmarks/reference.py``, the lecture's loop one example at a time;
- torch autograd: ``benchmarks/torch_reference.py`` (nn.Linear, loss.backward, optim.SGD);
- torch hand-written: ``benchmarks/torch_handwritten.py``, the same matrix-form backprop as
  neurokit in torch tensors without autograd.
  Both torch columns run with flush-denormal on (for their own epochs only: it is a mode of
  the thread, and neurokit's columns run without it, as users run neurokit; the fast path sets
  it for its own steps), at 1 and at 2 threads, and count the faster.

The FLOP floor of a cell is its multiply-adds (feedforward, BP2, BP4) at the single-thread
rate of a large GEMM (2048 × 2048, same dtype), measured in the same run.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]

_GIVEN_THREADS = os.environ.get("OPENBLAS_NUM_THREADS")
import numpy as np  # noqa: E402
from bench_training import load_samples, machine_description, spec_for  # noqa: E402

if _GIVEN_THREADS is None:  # bench_training pins its own process; this one runs as users do
    os.environ.pop("OPENBLAS_NUM_THREADS", None)
from reference import PerExampleNetwork  # noqa: E402

from neurokit.core.datasets import Dataset, Split  # noqa: E402
from neurokit.pipeline import backends, training  # noqa: E402
from neurokit.pipeline.progress import Reporter  # noqa: E402
from neurokit.pipeline.registry import load_registry  # noqa: E402
from neurokit.pipeline.threads import blas_threads  # noqa: E402
from neurokit.spec import parse_spec  # noqa: E402

ETA = 3.0
NETS = ["784-15-10", "784-30-10", "784-100-10", "784-300-100-10", "784-1000-1000-10"]
BATCH_SIZES = [1, 10, 100]
DTYPES = ["float32", "float64"]
QUICK = {"nets": ["784-30-10", "784-300-100-10"], "batch_sizes": [10, 100]}
#: Seconds before each timed run: longer than Intel OpenMP's spin-wait (KMP_BLOCKTIME, 200 ms).
PAUSE = 0.3
#: Multiply-adds each column should take per timed run (sets the samples per cell).
WORK_PER_RUN = 3e9
#: Fewest examples per timed run with mini-batches (m > 1). After the pause every column's
#: first few dozen mini-batches run slower (threads woken, caches refilled); a user's epoch
#: of 50,000 examples hardly sees that, but a slice of 1,000 examples at m = 100 (ten
#: mini-batches) measured mostly that, 8-15% below the same code's steady rate.
MIN_SLICE = 5000
#: Targets of issue 18: neurokit ÷ hand-written torch, ÷ autograd at m = 10, default
#: threads ÷ the better fixed count, × the FLOP floor for 784-30-10 m = 10 float32.
TARGET_HAND, TARGET_AUTOGRAD, TARGET_THREADS, TARGET_FLOOR = 1.0, 5.0, 0.9, 5.0


def multiply_adds(sizes: list[int]) -> int:
    """Per example: feedforward and BP4 for every layer, BP2 for all but the first."""
    pairs = list(zip(sizes[:-1], sizes[1:], strict=False))
    return sum(2 * a * b for a, b in pairs) + sum(a * b for a, b in pairs[1:])


def gemm_rate(dtype: str) -> float:
    """Multiply-adds per second of a large single-thread GEMM in ``dtype``."""
    a = np.random.default_rng(0).standard_normal((2048, 2048)).astype(dtype)
    with blas_threads(1):
        a @ a
        best = min(_seconds(lambda: a @ a) for _ in range(3))
    return 2048**3 / best


def _seconds(work) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


@dataclass
class Column:
    name: str
    epoch: object  # epoch() trains once over the cell's samples
    samples: int
    seconds: list[float] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.samples / statistics.median(self.seconds)


def users_backend(sizes: list[int]) -> str:
    """The backend ``"auto"`` picks for the textbook's experiment with this net (30 epochs of
    50,000 images): each timed run here is a slice of an epoch, which on its own would stay
    under ``AUTO_MIN_WORK`` and on the numpy path."""
    per_example = 3 * sum(a * b for a, b in zip(sizes[:-1], sizes[1:], strict=False))
    full_run = per_example * 50_000 * 30
    return "fast" if backends.fast_available() and full_run >= backends.AUTO_MIN_WORK else "numpy"


def neurokit_column(name, registry, sizes, m, dtype, x, y, *, backend=None, threads=None):
    spec_data = spec_for(sizes, m, dtype)
    spec_data["training"]["backend"] = backend or users_backend(sizes)
    if threads:
        spec_data["training"]["threads"] = threads
    spec = parse_spec(spec_data, registry)
    run = training.prepare(spec, registry, dataset=Dataset("bench", {"train": Split(x, y)}))
    chosen = backends.choose(run)
    train_epoch = chosen.train_epoch or training._train_epoch
    count = training.run_threads(run)
    reporter, interrupted = Reporter(), threading.Event()

    def epoch():
        with blas_threads(count), np.errstate(over="ignore", invalid="ignore"):
            train_epoch(run, 1, reporter, interrupted)

    label = f"{name} [{chosen.name}, {count} thr]"
    return Column(label, epoch, len(x))


def reference_column(registry, sizes, m, dtype, x, y):
    spec = parse_spec(spec_for(sizes, m, dtype), registry)
    run = training.prepare(spec, registry, dataset=Dataset("bench", {"train": Split(x, y)}))
    net = PerExampleNetwork(run.model.weights, run.model.biases, ETA)
    order = np.arange(len(x))

    def epoch():
        with blas_threads(1):
            net.train_epoch(x, y, order, m)

    return Column("per-example", epoch, len(x))


def torch_columns(torch, registry, sizes, m, dtype, x, y):
    from torch_handwritten import HandWrittenTorchNetwork
    from torch_reference import TorchNetwork

    spec = parse_spec(spec_for(sizes, m, dtype), registry)
    run = training.prepare(spec, registry, dataset=Dataset("bench", {"train": Split(x, y)}))
    tx, ty = torch.from_numpy(x), torch.from_numpy(y)
    order = torch.randperm(len(x))
    columns = []
    kinds = (("torch autograd", TorchNetwork), ("torch hand-written", HandWrittenTorchNetwork))
    for label, kind in kinds:
        for threads in (1, 2):
            net = kind(run.model.weights, run.model.biases, ETA, dtype)

            def epoch(net=net, threads=threads):
                torch.set_num_threads(threads)
                # flush-denormal for torch's own epochs only: it sets this thread's
                # floating-point mode, which neurokit's columns must not inherit
                torch.set_flush_denormal(True)
                try:
                    net.train_epoch(tx, ty, order, m)
                finally:
                    torch.set_flush_denormal(False)

            columns.append(Column(f"{label} {threads} thr", epoch, len(x)))
    return columns


def time_columns(columns: list[Column], repeats: int) -> None:
    for column in columns:  # warm up: compilation, caches, thread pools
        column.epoch()
    for repeat in range(repeats):
        shift = repeat % len(columns)
        for column in columns[shift:] + columns[:shift]:
            time.sleep(PAUSE)
            column.seconds.append(_seconds(column.epoch))


def cell(torch, registry, data, net, m, dtype, repeats):
    sizes = [int(n) for n in net.split("-")]
    work = multiply_adds(sizes)
    samples = int(np.clip(WORK_PER_RUN / work, 1000, 20000)) // 100 * 100
    # m = 1 runs at a fraction of the rate
    samples = max(500, samples // 4) if m == 1 else max(samples, MIN_SLICE)
    x, y = data[dtype]
    x, y = x[:samples], y[:samples]
    few = max(100, samples // 20)  # the per-example loop is ten times slower or more
    # The default thread count is chosen now, from the cores busy at this moment: let the
    # previous cell's spinning threads settle first, as a user's new run would find them.
    time.sleep(PAUSE)
    columns = [
        neurokit_column("neurokit", registry, sizes, m, dtype, x, y),
        neurokit_column("neurokit numpy", registry, sizes, m, dtype, x, y, backend="numpy"),
        neurokit_column("neurokit 1 thread", registry, sizes, m, dtype, x, y, threads=1),
        neurokit_column("neurokit 2 threads", registry, sizes, m, dtype, x, y, threads=2),
        reference_column(registry, sizes, m, dtype, x[:few], y[:few]),
    ]
    if torch is not None:
        columns += torch_columns(torch, registry, sizes, m, dtype, x, y)
    time_columns(columns, repeats)
    return {column.name.split(" [")[0]: column for column in columns}, samples, work


def best(columns: dict, prefix: str) -> float | None:
    rates = [c.rate for name, c in columns.items() if name.startswith(prefix)]
    return max(rates) if rates else None


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="a subset of the matrix")
    parser.add_argument("--nets", nargs="+", default=None)
    parser.add_argument("--batch-sizes", nargs="+", type=int, default=None)
    parser.add_argument("--dtypes", nargs="+", default=DTYPES)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--no-torch", action="store_true")
    parser.add_argument("--markdown", metavar="FILE")
    args = parser.parse_args(argv)
    nets = args.nets or (QUICK["nets"] if args.quick else NETS)
    batch_sizes = args.batch_sizes or (QUICK["batch_sizes"] if args.quick else BATCH_SIZES)
    torch = None
    if not args.no_torch:
        try:
            import torch
        except ImportError:
            print("torch is not installed (pip install torch==2.13.0): its columns are skipped")
    registry = load_registry()
    data, source = {}, ""
    for dtype in args.dtypes:
        x, y, source = load_samples(registry, dtype, 20000)
        data[dtype] = (x, y)
    load_before = os.getloadavg()
    rates = {dtype: gemm_rate(dtype) for dtype in args.dtypes}
    started = time.perf_counter()
    lines = [
        f"Run on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; "
        f"`python benchmarks/bench_matrix.py {' '.join(argv or sys.argv[1:])}`".rstrip(),
        "",
        *machine_description(torch),
        f"- numba: {_numba_version()}; data: {source}; η = {ETA}",
        f"- the fast path's BLAS: {_fast_blas()}",
        "- single-thread GEMM 2048²: "
        + ", ".join(f"{d} {r / 1e9:.1f} G multiply-adds/s" for d, r in rates.items()),
        "",
        f"samples/s, median of {args.repeats} interleaved runs; ratios are neurokit ÷ the column",
        "",
        "| net | m | dtype | neurokit | numpy path | per-example | torch autograd | "
        "torch hand-written | × hand-written (≥ 1) | × autograd | threads: default ÷ best "
        "fixed (≥ 0.9) | × FLOP floor |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    misses = []
    for net in nets:
        for m in batch_sizes:
            for dtype in args.dtypes:
                columns, samples, work = cell(torch, registry, data, net, m, dtype, args.repeats)
                ours = columns["neurokit"]
                hand, auto = best(columns, "torch hand"), best(columns, "torch autograd")
                fixed = max(columns["neurokit 1 thread"].rate, columns["neurokit 2 threads"].rate)
                floor = (ours.rate**-1) / (work / rates[dtype])
                row = [
                    net, str(m), dtype, f"{ours.rate:,.0f} ({ours.name.split('[')[1][:-1]})",
                    f"{columns['neurokit numpy'].rate:,.0f}", f"{columns['per-example'].rate:,.0f}",
                    _rate(auto), _rate(hand), _ratio(ours.rate, hand), _ratio(ours.rate, auto),
                    f"{ours.rate / fixed:.2f}", f"{floor:.1f}×",
                ]  # fmt: skip
                lines.append("| " + " | ".join(row) + " |")
                print(lines[-1], flush=True)
                where = f"{net} m={m} {dtype}"
                if hand and ours.rate < TARGET_HAND * hand:
                    misses.append(f"{where}: {ours.rate / hand:.2f}× hand-written torch")
                if auto and m == 10 and ours.rate < TARGET_AUTOGRAD * auto:
                    misses.append(f"{where}: {ours.rate / auto:.2f}× torch autograd")
                if ours.rate < TARGET_THREADS * fixed:
                    misses.append(f"{where}: default threads {ours.rate / fixed:.2f}× the best")
                if (net, m, dtype) == ("784-30-10", 10, "float32") and floor > TARGET_FLOOR:
                    misses.append(f"{where}: {floor:.1f}× the FLOP floor")
    load_after = os.getloadavg()
    lines += [
        "",
        f"Load average (1 min) {load_before[0]:.1f} before and {load_after[0]:.1f} after; "
        f"{time.perf_counter() - started:.0f} s.",
        "",
        "Missed targets: " + ("; ".join(misses) if misses else "none"),
    ]
    report = "\n".join(lines) + "\n"
    print(report)
    if args.markdown:
        from neurokit.core import atomic

        atomic.write_text(Path(args.markdown), report)
    return 0


def _numba_version() -> str:
    try:
        import numba
    except ImportError:
        return "not installed (the numpy path only)"
    return numba.__version__


def _fast_blas() -> str:
    if not backends.fast_available():
        return "– (numba not installed)"
    from neurokit.pipeline.backends import fast_blas

    return {"mkl": "Intel MKL (the mkl package)", "scipy": "SciPy's OpenBLAS"}[fast_blas.LIBRARY]


def _rate(value: float | None) -> str:
    return f"{value:,.0f}" if value else "–"


def _ratio(ours: float, theirs: float | None) -> str:
    return f"{ours / theirs:.2f}×" if theirs else "–"


if __name__ == "__main__":
    print(platform.python_version(), file=sys.stderr)
    sys.exit(main())
