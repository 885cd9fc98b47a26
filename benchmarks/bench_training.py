"""How fast neurokit trains, against the lecture's per-example algorithm and PyTorch.

    python benchmarks/bench_training.py            # the full table (a few minutes)
    python benchmarks/bench_training.py --quick    # 10,000 samples, 3 runs: under a minute

For 784-30-10 and 784-15-10 sigmoid nets with the quadratic cost and SGD (η = 3.0), at m = 10
and m = 100, in float64 and float32, it times one epoch of

* neurokit: ``neurokit.pipeline.training._train_epoch``, the batch loop ``neurokit train`` runs;
* the per-example reference (``reference.py``): the lecture's algorithm as written;
* PyTorch on the CPU (``torch_reference.py``), with torch's default thread count and with one
  thread; the ratio is taken against the faster of the two.

All columns train the same initial weights on the same permutation of the same 50,000 samples
(Fashion-MNIST's training split when its files are found, else the embedded MNIST sample
repeated to 50,000). Every figure is the median over runs, interleaved column by column so
machine noise hits every column alike. Before timing it checks that one mini-batch step of
neurokit equals the per-example reference (max |Δ| ≤ 1e-12 in float64) and fails otherwise.

It also reports what neurokit's own machinery costs against calling ``Network.backprop`` and
``Optimizer.step`` in a bare loop, the peak memory (RSS) of ``neurokit train`` on the full
Fashion-MNIST set, and the start-up time of ``neurokit --help`` against ``import numpy``.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
# Benchmark the neurokit next to this file, even when another copy is installed.
sys.path[:0] = [str(ROOT), str(HERE)]
#: The environment as given, for the child processes (memory, start-up): they run as a user would.
USER_ENV = dict(
    os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
)
# numpy's OpenBLAS and torch's OpenMP/MKL each keep a pool of spinning worker threads. In one
# process on a 2-core machine the two pools starve each other: a numpy step at m = 100 ran
# 15x slower once torch had run. So numpy gets one BLAS thread here (set OPENBLAS_NUM_THREADS
# yourself to choose otherwise); torch is timed with its default thread count and with one.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402
from reference import PerExampleNetwork  # noqa: E402

from neurokit import api  # noqa: E402
from neurokit.core import atomic  # noqa: E402
from neurokit.core.datasets import Split  # noqa: E402
from neurokit.pipeline import training  # noqa: E402
from neurokit.spec import parse_spec  # noqa: E402

ETA = 3.0
N_SAMPLES = 50_000
EQUALITY_TOLERANCE = 1e-12
#: What the issue asks for, per (m, dtype): (× the per-example reference, × PyTorch).
TARGETS = {
    (10, "float32"): (10.0, 5.0),
    (10, "float64"): (8.0, 4.0),
    (100, "float32"): (None, 1.5),
    (100, "float64"): (None, 1.5),
}
OVERHEAD_TARGET = 0.10
STARTUP_TARGET = 2.5
MEMORY_SLACK_BYTES = 150 * 1024**2


# --- setting up ------------------------------------------------------------------------------


def spec_for(sizes, batch_size: int, dtype: str, data: str = "mnist-sample"):
    layers = [{"size": sizes[0]}] + [{"size": n, "neuron": "sigmoid"} for n in sizes[1:]]
    return {
        "schema_version": 1,
        "name": "bench-" + "-".join(map(str, sizes)),
        "layers": layers,
        "cost": "quadratic",
        "optimizer": {"name": "sgd", "params": {"eta": ETA}},
        "training": {"epochs": 1, "batch_size": batch_size, "seed": 0, "dtype": dtype},
        "data": {"name": data},
    }


def load_samples(registry, dtype: str, n_samples: int):
    """(x, y, description): Fashion-MNIST's training split, or the MNIST sample repeated."""
    from neurokit.core.errors import NeurokitError

    try:
        dataset = registry.get("dataset", "fashion-mnist").load({}, dtype=dtype)
        source = "Fashion-MNIST training split"
    except NeurokitError:
        dataset = registry.get("dataset", "mnist-sample").load({}, dtype=dtype)
        source = "embedded MNIST sample, repeated"
    x, y = dataset.train.x, dataset.train.y
    if len(x) < n_samples:
        x = np.resize(x, (n_samples, x.shape[1]))
        y = np.resize(y, (n_samples, y.shape[1]))
    return np.ascontiguousarray(x[:n_samples]), np.ascontiguousarray(y[:n_samples]), source


def make_run(registry, sizes, batch_size, dtype, x, y) -> training.Run:
    """What ``training.prepare`` builds, on data already loaded (to load it once per dtype)."""
    from neurokit.core.datasets import Dataset

    spec = parse_spec(spec_for(sizes, batch_size, dtype), registry)
    return training.prepare(spec, registry, dataset=Dataset("bench", {"train": Split(x, y)}))


def load_torch(enabled: bool):
    if not enabled:
        return None, "disabled with --no-torch"
    try:
        import torch
    except ImportError:
        return None, "torch is not installed (pip install torch==2.13.0): column skipped"
    return torch, f"torch {torch.__version__}"


# --- the columns -----------------------------------------------------------------------------


@dataclass
class Column:
    """One way of training an epoch: ``epoch(order)`` runs it on that permutation."""

    name: str
    epoch: object
    seconds: list[float] = field(default_factory=list)
    stop: object = lambda: None

    def rate(self, n: int) -> float:
        return n / statistics.median(self.seconds)


def neurokit_column(run: training.Run, reporter) -> Column:
    interrupted = threading.Event()

    def epoch(order):
        # _train_epoch draws its permutation from run.rng: hand it the one every column uses.
        run.rng = _generator_that_permutes_to(order)
        training._train_epoch(run, 1, reporter, interrupted)

    return Column("neurokit", epoch)


def bare_column(run: training.Run) -> Column:
    """Network.backprop and Optimizer.step in the plainest loop: no reporter, no checks."""
    network, optimizer, cost = run.network, run.optimizer, run.cost
    x, y = run.dataset.train.x, run.dataset.train.y
    m = run.spec.training.batch_size

    def epoch(order):
        params, scale = network.parameters, optimizer.gradient_scale
        for start in range(0, len(order), m):
            rows = order[start : start + m]
            nabla_w, nabla_b = network.backprop(x[rows], y[rows], cost, scale)
            optimizer.step(params, nabla_w + nabla_b)

    return Column("bare loop", epoch)


def reference_column(run: training.Run) -> Column:
    reference = PerExampleNetwork(run.network.weights, run.network.biases, ETA)
    x, y = run.dataset.train.x, run.dataset.train.y
    m = run.spec.training.batch_size
    return Column("per-example", lambda order: reference.train_epoch(x, y, order, m))


def torch_columns(torch, run: training.Run) -> list[Column]:
    from torch_reference import TorchNetwork

    x = torch.from_numpy(run.dataset.train.x)
    y = torch.from_numpy(run.dataset.train.y)
    m = run.spec.training.batch_size
    default_threads = torch.get_num_threads()
    columns = []
    for threads in dict.fromkeys((default_threads, 1)):
        net = TorchNetwork(run.network.weights, run.network.biases, ETA, run.network.dtype)

        def epoch(order, net=net, threads=threads):
            torch.set_num_threads(threads)
            try:
                net.train_epoch(x, y, torch.from_numpy(order), m)
            finally:
                torch.set_num_threads(default_threads)

        label = "thread" if threads == 1 else "threads"
        columns.append(Column(f"torch {threads} {label}", epoch))
    return columns


def _generator_that_permutes_to(order: np.ndarray):
    """A stand-in for ``run.rng`` whose ``permutation(n)`` returns ``order``."""

    class Fixed:
        def permutation(self, n):
            assert n == len(order)
            return order

    return Fixed()


def time_columns(columns: list[Column], n: int, repeats: int, seed: int) -> None:
    """Run every column ``repeats`` times, interleaved, rotating which column goes first."""
    rng = np.random.default_rng(seed)
    for repeat in range(repeats):
        order = rng.permutation(n)
        shift = repeat % len(columns)
        for column in columns[shift:] + columns[:shift]:
            time.sleep(0.05)  # let other thread pools' spinning workers go to sleep
            started = time.perf_counter()
            column.epoch(order)
            column.seconds.append(time.perf_counter() - started)


# --- equality --------------------------------------------------------------------------------


def one_step_difference(registry, sizes, batch_size, x, y, torch=None) -> dict:
    """Max |Δ| over all w^l, b^l after one float64 mini-batch step: neurokit vs the references."""
    run = make_run(registry, sizes, batch_size, "float64", x, y)
    network = run.network
    reference = PerExampleNetwork(network.weights, network.biases, ETA)
    torch_net = None
    if torch is not None:
        from torch_reference import TorchNetwork

        torch_net = TorchNetwork(network.weights, network.biases, ETA, "float64")
    rows = np.random.default_rng(1).permutation(len(x))[:batch_size]
    nabla_w, nabla_b = network.backprop(x[rows], y[rows], run.cost, run.optimizer.gradient_scale)
    run.optimizer.step(network.parameters, nabla_w + nabla_b)
    reference.update_mini_batch(x[rows], y[rows])
    ours = network.weights + network.biases
    result = {"per-example": _max_difference(ours, reference.weights + reference.biases)}
    if torch_net is not None:
        torch_net.update_mini_batch(torch.from_numpy(x[rows]), torch.from_numpy(y[rows]))
        weights, biases = torch_net.parameters()
        result["torch"] = _max_difference(ours, weights + biases)
    return result


def _max_difference(ours, theirs) -> float:
    return max(
        float(np.max(np.abs(a - np.asarray(b).reshape(a.shape))))
        for a, b in zip(ours, theirs, strict=True)
    )


# --- overhead --------------------------------------------------------------------------------


def overhead_columns(registry, sizes, batch_size, dtype, x, y):
    """Bare loop; the epoch loop with the live progress display; a whole ``train()`` epoch
    (hooks, progress, NaN check and the per-epoch evaluation of the metrics)."""
    from rich.console import Console

    from neurokit.pipeline.progress import PlainReporter, RichReporter

    bare = bare_column(make_run(registry, sizes, batch_size, dtype, x, y))
    looped = make_run(registry, sizes, batch_size, dtype, x, y)
    # The live display of a terminal, started once as `neurokit train` does for all epochs.
    live = RichReporter(Console(file=io.StringIO(), force_terminal=True, width=100))
    live.start(looped, 10**6, -(-len(x) // batch_size))

    def epoch_loop(order):
        looped.rng = _generator_that_permutes_to(order)
        training._train_epoch(looped, 1, live, threading.Event())

    whole = make_run(registry, sizes, batch_size, dtype, x, y)
    # Hold out 10,000 rows as a validation split, as the MNIST data sets do, so the
    # per-epoch evaluation covers as many images as `neurokit train` evaluates.
    whole.dataset.splits["validation"] = Split(x[:10_000], y[:10_000])

    def whole_epoch(order):
        whole.history.clear()
        whole.rng = _generator_that_permutes_to(order)
        training.train(whole, PlainReporter(io.StringIO()))

    return [
        bare,
        Column("epoch loop + live progress", epoch_loop, stop=live.end),
        Column("train(): + hooks + evaluation", whole_epoch),
    ]


# --- memory and start-up -----------------------------------------------------------------------


def peak_rss_of_training(dtype: str, batch_size: int = 10) -> tuple[int, int] | None:
    """(peak RSS in bytes, dataset bytes) of ``neurokit train`` for one epoch on the full
    Fashion-MNIST set in ``dtype``, measured on the child process; None without the files."""
    from neurokit.core.errors import NeurokitError
    from neurokit.data.locate import find_idx_files

    try:
        find_idx_files("fashion-mnist")
    except NeurokitError:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        spec_path = Path(tmp) / "fashion.json"
        spec = spec_for([784, 30, 10], batch_size, dtype, data="fashion-mnist")
        spec_path.write_text(json.dumps(spec))
        command = [sys.executable, "-m", "neurokit", "train", str(spec_path)]
        command += ["--out", str(Path(tmp) / "run"), "--progress", "none"]
        peak = peak_rss_of(command)
    dataset_bytes = 60_000 * 784 * np.dtype(dtype).itemsize
    return peak, dataset_bytes


#: Runs a command and prints its peak RSS. Linux carries a process's peak RSS across fork and
#: exec, so a child forked straight from this (large) process would report this process's
#: peak; forked from this small launcher instead, it reports its own.
LAUNCHER = (
    "import resource, subprocess, sys\n"
    "done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)\n"
    "sys.stderr.buffer.write(done.stderr)\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    "sys.exit(done.returncode)\n"
)


def peak_rss_of(command: list[str]) -> int:
    """Peak resident memory of ``command``, in bytes (Linux reports ru_maxrss in KiB)."""
    done = subprocess.run(
        [sys.executable, "-c", LAUNCHER, *command], env=USER_ENV, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr}")
    scale = 1 if sys.platform == "darwin" else 1024
    return int(done.stdout.split()[-1]) * scale


def startup_ratio(runs: int) -> tuple[float, float]:
    """Median seconds of ``neurokit --help`` and of ``python -c "import numpy"``, interleaved."""
    script = Path(sys.executable).with_name("neurokit")
    help_command = (
        [str(script), "--help"] if script.exists() else [sys.executable, "-m", "neurokit", "--help"]
    )
    numpy_command = [sys.executable, "-c", "import numpy"]
    times: dict[str, list[float]] = {"help": [], "numpy": []}
    for _ in range(runs):
        for key, command in (("help", help_command), ("numpy", numpy_command)):
            started = time.perf_counter()
            subprocess.run(command, env=USER_ENV, stdout=subprocess.DEVNULL, check=True)
            times[key].append(time.perf_counter() - started)
    return statistics.median(times["help"]), statistics.median(times["numpy"])


# --- reporting -------------------------------------------------------------------------------


def machine_description(torch) -> list[str]:
    lines = [f"- Python {platform.python_version()}, numpy {np.__version__}"]
    if torch is not None:
        lines[0] += f", torch {torch.__version__} (default {torch.get_num_threads()} threads)"
    cpu = _cpu_model()
    lines.append(
        f"- CPU: {cpu}, {os.cpu_count()} logical cores, {platform.system()} {platform.machine()}"
    )
    lines.append(f"- BLAS under numpy: {_blas_description()}")
    names = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS")
    env = ", ".join(f"{k}={os.environ[k]}" for k in names if k in os.environ)
    lines.append(f"- BLAS environment: {env or 'none of ' + ', '.join(names) + ' set'}")
    return lines


def _cpu_model() -> str:
    with contextlib.suppress(OSError):
        info = dict(
            line.split(":", 1)
            for line in Path("/proc/cpuinfo").read_text().split("\n\n")[0].splitlines()
            if ":" in line
        )
        info = {key.strip(): value.strip() for key, value in info.items()}
        flags = info.get("flags", "").split()
        simd = next((f for f in ("avx512f", "avx2", "avx") if f in flags), "no AVX")
        return (
            f"{info.get('model name', 'unknown')} (family {info.get('cpu family')}, "
            f"model {info.get('model')}, {simd})"
        )
    return platform.processor() or "unknown"


def _blas_description() -> str:
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return "(install threadpoolctl to see which kernel runs)"
    pools = [p for p in threadpool_info() if p.get("user_api") == "blas"]
    return (
        "; ".join(
            f"{p.get('internal_api')} {p.get('version')}, kernel {p.get('architecture')}, "
            f"{p.get('num_threads')} thread(s)"
            for p in pools
        )
        or "not found"
    )


def fmt_rate(value: float | None) -> str:
    return "—" if value is None else f"{value:,.0f}"


def fmt_ratio(value: float | None, target: float | None) -> str:
    if value is None:
        return "—"
    text = f"{value:.1f}×"
    if target is not None:
        text += f" {'✓' if value >= target else '✗'} (≥ {target:g})"
    return text


class Report:
    """Prints as it goes and keeps the Markdown for --markdown."""

    def __init__(self):
        self.lines: list[str] = []
        self.failures: list[str] = []

    def __call__(self, text: str = "") -> None:
        print(text, flush=True)
        self.lines.append(text)

    def table(self, header: list[str], rows: list[list[str]]) -> None:
        self("| " + " | ".join(header) + " |")
        self("|" + "|".join(" --- " for _ in header) + "|")
        for row in rows:
            self("| " + " | ".join(row) + " |")
        self()


# --- main ------------------------------------------------------------------------------------


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="10,000 samples, 3 runs per figure")
    parser.add_argument("--samples", type=int, help=f"samples per epoch (default {N_SAMPLES:,})")
    parser.add_argument("--repeats", type=int, help="runs per figure (default 5; 3 with --quick)")
    parser.add_argument("--nets", default="784-30-10,784-15-10", help="comma-separated sizes")
    parser.add_argument("--batch-sizes", default="10,100", help="comma-separated m values")
    parser.add_argument("--dtypes", default="float64,float32")
    parser.add_argument("--no-torch", action="store_true", help="skip the PyTorch columns")
    parser.add_argument("--no-memory", action="store_true", help="skip the peak-RSS runs")
    parser.add_argument("--no-startup", action="store_true", help="skip the start-up timing")
    parser.add_argument("--markdown", metavar="FILE", help="also write the report as Markdown")
    args = parser.parse_args(argv)
    args.samples = args.samples or (10_000 if args.quick else N_SAMPLES)
    args.repeats = args.repeats or (3 if args.quick else 5)
    args.nets = [[int(n) for n in net.split("-")] for net in args.nets.split(",")]
    args.batch_sizes = [int(m) for m in args.batch_sizes.split(",")]
    args.dtypes = args.dtypes.split(",")
    return args


def main(argv=None) -> int:
    args = parse_args(argv)
    report = Report()
    torch, torch_note = load_torch(not args.no_torch)
    registry = api.registry()
    command = "python benchmarks/bench_training.py " + " ".join(
        sys.argv[1:] if argv is None else argv
    )
    report("## Machine")
    report()
    for line in machine_description(torch):
        report(line)
    report(f"- PyTorch: {torch_note}")
    report(f"- Command: `{command.strip()}`; {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    report()

    data = {}
    for dtype in args.dtypes:
        data[dtype] = load_samples(registry, dtype, args.samples)
    n = args.samples
    report(
        f"Data: {n:,} samples of the {data[args.dtypes[0]][2]}; η = {ETA}, sigmoid, quadratic cost."
    )
    report()

    report("## One mini-batch step, float64: max |Δw|, |Δb| against the references")
    report()
    x64, y64 = (
        data["float64"][:2] if "float64" in data else load_samples(registry, "float64", n)[:2]
    )
    rows = []
    for sizes in args.nets:
        for m in args.batch_sizes:
            diff = one_step_difference(registry, sizes, m, x64, y64, torch)
            ok = diff["per-example"] <= EQUALITY_TOLERANCE
            if not ok:
                report.failures.append(
                    f"{sizes} m={m}: differs from the reference by {diff['per-example']:.3g}"
                )
            rows.append(
                [
                    "-".join(map(str, sizes)),
                    str(m),
                    f"{diff['per-example']:.2e} {'✓' if ok else '✗'}",
                    f"{diff['torch']:.2e}" if "torch" in diff else "—",
                ]
            )
    report.table(["net", "m", f"vs per-example (≤ {EQUALITY_TOLERANCE:g})", "vs torch"], rows)
    if report.failures:
        report("Stopped: neurokit's step does not equal the per-example reference.")
        return 1

    report(f"## One epoch, samples/s (median of {args.repeats} interleaved runs)")
    report()
    rows = []
    for sizes in args.nets:
        for m in args.batch_sizes:
            for dtype in args.dtypes:
                x, y, _ = data[dtype]
                run = make_run(registry, sizes, m, dtype, x, y)
                from neurokit.pipeline.progress import Reporter

                ours = neurokit_column(run, Reporter())
                columns = [ours, reference_column(run)]
                if torch is not None:
                    columns += torch_columns(torch, run)
                time_columns(columns, n, args.repeats, seed=m)
                rates = {c.name: c.rate(n) for c in columns}
                torch_rates = [r for name, r in rates.items() if name.startswith("torch")]
                best_torch = max(torch_rates) if torch_rates else None
                vs_ref = rates["neurokit"] / rates["per-example"]
                vs_torch = rates["neurokit"] / best_torch if best_torch else None
                target_ref, target_torch = TARGETS.get((m, dtype), (None, None))
                _check(report, f"{sizes} m={m} {dtype} vs per-example", vs_ref, target_ref)
                _check(report, f"{sizes} m={m} {dtype} vs torch", vs_torch, target_torch)
                torch_cells = [fmt_rate(r) for name, r in rates.items() if name.startswith("torch")]
                if torch is None:
                    torch_cells = ["—"]
                rows.append(
                    [
                        "-".join(map(str, sizes)),
                        str(m),
                        dtype,
                        fmt_rate(rates["neurokit"]),
                        fmt_rate(rates["per-example"]),
                        *torch_cells,
                        fmt_ratio(vs_ref, target_ref),
                        fmt_ratio(vs_torch, target_torch),
                    ]
                )
                print(f"  … {rows[-1]}", file=sys.stderr, flush=True)
    torch_headers = (
        ["torch"]
        if torch is None
        else [
            f"torch {t} thread{'s' if t != 1 else ''}"
            for t in dict.fromkeys((torch.get_num_threads(), 1))
        ]
    )
    report.table(
        [
            "net",
            "m",
            "dtype",
            "neurokit",
            "per-example",
            *torch_headers,
            "× per-example",
            "× torch (faster column)",
        ],
        rows,
    )

    report("## neurokit's own machinery against a bare backprop/step loop (784-30-10)")
    report()
    rows = []
    for m in args.batch_sizes:
        for dtype in args.dtypes:
            x, y, _ = data[dtype]
            columns = overhead_columns(registry, [784, 30, 10], m, dtype, x, y)
            time_columns(columns, n, max(args.repeats, 7), seed=m + 1)
            columns[1].stop()
            bare, loop, whole = (statistics.median(c.seconds) for c in columns)
            loop_overhead = loop / bare - 1
            _check(report, f"m={m} {dtype} epoch-loop overhead", -loop_overhead, -OVERHEAD_TARGET)
            rows.append(
                [
                    str(m),
                    dtype,
                    f"{bare * 1e3:.0f} ms",
                    f"{loop * 1e3:.0f} ms",
                    f"{loop_overhead:+.1%} {'✓' if loop_overhead <= OVERHEAD_TARGET else '✗'}",
                    f"{whole * 1e3:.0f} ms",
                    f"{whole / bare - 1:+.1%}",
                ]
            )
    report.table(
        [
            "m",
            "dtype",
            "bare loop",
            "epoch loop + live progress",
            "overhead (≤ 10%)",
            "train(): + hooks, evaluation",
            "overhead incl. evaluation",
        ],
        rows,
    )
    report(
        "The epoch loop is `_train_epoch` with the live display `neurokit train` shows on a "
        "terminal; `train()` adds the events for plugins and, after every epoch, evaluates cost "
        "and accuracy on the first 5,000 training examples and on 10,000 held-out rows."
    )
    report()

    if not args.no_memory:
        report(
            "## Peak memory of `neurokit train` on the full Fashion-MNIST set (one epoch, m = 10)"
        )
        report()
        rows = []
        for dtype in args.dtypes:
            measured = peak_rss_of_training(dtype)
            if measured is None:
                report("Fashion-MNIST files not found: memory not measured.")
                report()
                break
            peak, size = measured
            limit = 1.5 * size + MEMORY_SLACK_BYTES
            ok = peak <= limit
            if not ok:
                report.failures.append(
                    f"peak RSS {dtype}: {peak / 2**20:.0f} MiB > {limit / 2**20:.0f} MiB"
                )
            rows.append(
                [
                    dtype,
                    f"{size / 2**20:.0f} MiB",
                    f"{peak / 2**20:.0f} MiB",
                    f"{limit / 2**20:.0f} MiB {'✓' if ok else '✗'}",
                ]
            )
        if rows:
            report.table(
                ["dtype", "60,000 × 784 images", "peak RSS", "limit 1.5 × size + 150 MiB"], rows
            )

    if not args.no_startup:
        help_seconds, numpy_seconds = startup_ratio(runs=7 if args.quick else 15)
        ratio = help_seconds / numpy_seconds
        _check(report, "neurokit --help start-up", -ratio, -STARTUP_TARGET)
        report("## Start-up")
        report()
        report(
            f'`neurokit --help` {help_seconds * 1e3:.0f} ms, `python -c "import numpy"` '
            f"{numpy_seconds * 1e3:.0f} ms: {ratio:.2f}× {'✓' if ratio <= STARTUP_TARGET else '✗'} "
            f"(≤ {STARTUP_TARGET:g}×)"
        )
        report()

    if report.failures:
        report("Targets missed:")
        for failure in report.failures:
            report(f"- {failure}")
    else:
        report("Every target met.")
    if args.markdown:
        atomic.write_text(Path(args.markdown), "\n".join(report.lines) + "\n")
    return 0


def _check(report: Report, what: str, value: float | None, target: float | None) -> None:
    if value is not None and target is not None and value < target:
        report.failures.append(f"{what}: {abs(value):.2f} (target {abs(target):g})")


if __name__ == "__main__":
    sys.exit(main())
