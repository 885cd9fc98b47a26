"""What the per-epoch evaluation costs against the epoch it follows, and where its time goes.

    python benchmarks/bench_evaluation.py             # 784-30-10, m = 10 and 100, both dtypes
    python benchmarks/bench_evaluation.py --cpu       # thread CPU time, 1 BLAS thread

After every epoch ``training.train`` scores the first 5,000 training examples and the whole
validation split (``training._epoch_metrics``). For each cell this times, in interleaved
rounds with medians, one epoch of learning steps (as training runs it, threads held as
training holds them) and one ``_epoch_metrics``, and splits the latter into

- products: the feedforward matrix products a^{l−1} (w^l)^T of the scored rows, alone;
- σ: the neurons' σ on the same z^l;
- the rest: + b^l, the cost, argmax and counting, the saturation share, Python.

With ``--backend fast`` the epoch is the compiled path's, and so is the evaluation's
feedforward (``backends.fast.predict``): "products" is then that whole feedforward (products,
+ b^l and σ in one compiled call) and σ is 0.

Data: ``examples/mnist.json``'s embedded MNIST sample (4,000 training and 500 validation
images), and 50,000 + 10,000 images in the proportions of MNIST (Fashion-MNIST's where its
files are installed, random pixels otherwise).

By default the times are wall-clock, with the process's own BLAS setting, as a user's run
has them; on a machine shared with other jobs use ``--cpu``: the calling thread's CPU time
with every BLAS library held to one thread, so the load does not enter the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import threading
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent)]

from neurokit.core.datasets import Dataset, Split  # noqa: E402
from neurokit.core.errors import NeurokitError  # noqa: E402
from neurokit.pipeline import backends, training  # noqa: E402
from neurokit.pipeline.progress import Reporter  # noqa: E402
from neurokit.pipeline.registry import load_registry  # noqa: E402
from neurokit.pipeline.threads import HeldThreads  # noqa: E402
from neurokit.spec import parse_spec  # noqa: E402

EXAMPLE = HERE.parent / "examples" / "mnist.json"
#: Seconds between timed parts: MKL's OpenMP workers spin for 200 ms after their last product
#: (KMP_BLOCKTIME) and would take a core from the next part (see bench_matrix.py).
PAUSE = 0.3


def full_size(registry, dtype: str) -> tuple[Dataset, str]:
    """50,000 training and 10,000 validation images: Fashion-MNIST's, or random pixels."""
    try:
        loaded = registry.get("dataset", "fashion-mnist").load({}, dtype=dtype)
        train, held_out = loaded.train, loaded.splits["validation"]
        return Dataset("fashion", {"train": train, "validation": held_out}), "Fashion-MNIST"
    except (NeurokitError, KeyError):
        rng = np.random.default_rng(0)

        def split(n: int) -> Split:
            x = rng.random((n, 784)).astype(dtype)
            return Split(x, np.eye(10, dtype=dtype)[rng.integers(0, 10, n)])

        return Dataset("pixels", {"train": split(50_000), "validation": split(10_000)}), "random"


def scored_splits(run) -> list[Split]:
    """The rows ``_epoch_metrics`` scores: the training probe and the validation split."""
    probe = training._train_probe(run.dataset.train, run.training.metrics_rows)
    held_out = run.dataset.splits.get("validation")
    return [probe] + ([held_out] if held_out is not None else [])


def products_and_sigmas(run, predict):
    """Two functions: the scored rows' feedforward products alone, and σ on their z^l; on the
    compiled path (``predict``), its whole feedforward of the scored rows instead, and
    nothing."""
    network = run.model
    splits = scored_splits(run)
    if predict is not None:
        return (lambda: [predict(network, split.x) for split in splits]), (lambda: None)
    zs = [network.forward(split.x)[0] for split in splits]

    def products() -> None:
        for split in splits:
            a = split.x
            for w in network.weights:
                a = a @ w.T  # the product only; its values do not matter here

    def sigmas() -> None:
        for layers in zs:
            for z, neuron in zip(layers, network.neurons, strict=True):
                neuron.sigma(z)

    return products, sigmas


def measure(registry, data: Dataset | None, m: int, dtype: str, backend: str, clock, rounds):
    raw = json.loads(EXAMPLE.read_text())
    raw["training"].update(batch_size=m, dtype=dtype, backend=backend)
    spec = parse_spec(raw, registry)
    run = (
        training.prepare(spec, registry, dataset=data) if data else training.prepare(spec, registry)
    )
    chosen = backends.choose(run)
    train_epoch = chosen.train_epoch or training._train_epoch
    held = HeldThreads(training.run_threads(run))
    reporter, stop = Reporter(), threading.Event()
    products, sigmas = products_and_sigmas(run, chosen.predict)
    parts = {
        "epoch": lambda: train_epoch(run, 1, reporter, stop),
        "metrics": lambda: training._epoch_metrics(run, 1, 1.0, chosen),
        "products": products,
        "sigma": sigmas,
    }
    times: dict[str, list[float]] = {name: [] for name in parts}
    with np.errstate(over="ignore", invalid="ignore"):
        parts["epoch"]()  # warm-up (and the compiled path's compilation)
        parts["metrics"]()
        for round_ in range(rounds):
            names = list(parts) if round_ % 2 == 0 else list(parts)[::-1]
            for name in names:
                time.sleep(PAUSE)
                started = clock()
                if name == "epoch":
                    with held:
                        parts[name]()
                else:
                    parts[name]()
                times[name].append(clock() - started)
    return {name: statistics.median(values) for name, values in times.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cpu", action="store_true", help="thread CPU time, 1 BLAS thread")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--backend", choices=["numpy", "fast"], default="numpy")
    args = parser.parse_args(argv)
    from threadpoolctl import threadpool_limits

    registry = load_registry([], autoload=False)
    clock = time.thread_time if args.cpu else time.perf_counter
    limit = threadpool_limits(limits=1, user_api="blas") if args.cpu else None
    how = "thread CPU time, 1 BLAS thread" if args.cpu else "wall time"
    print(f"load average {os.getloadavg()[0]:.2f}; {how}")
    print("| data | m | dtype | epoch | metrics | ÷ epoch (≤ 5%) | products | σ | rest |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    try:
        for dtype in ("float32", "float64"):
            full, name = full_size(registry, dtype)
            for label, data in (("MNIST sample", None), (f"50k+10k {name}", full)):
                for m in (10, 100):
                    t = measure(registry, data, m, dtype, args.backend, clock, args.rounds)
                    rest = t["metrics"] - t["products"] - t["sigma"]
                    print(
                        f"| {label} | {m} | {dtype} | {t['epoch'] * 1e3:.0f} ms "
                        f"| {t['metrics'] * 1e3:.1f} ms | {t['metrics'] / t['epoch']:.1%} "
                        f"| {t['products'] / t['metrics']:.0%} | {t['sigma'] / t['metrics']:.0%} "
                        f"| {rest / t['metrics']:.0%} |",
                        flush=True,
                    )
    finally:
        if limit is not None:
            limit.restore_original_limits()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
