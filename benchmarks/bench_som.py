"""neurokit's Kohonen map against MiniSom, side by side: quantization error, topographic
error and training time on the same data, grid, neighbourhood, schedule and updates.

    pip install -e '.[bench]'        # or: pip install minisom
    python benchmarks/bench_som.py           # colours and 2,000 MNIST digits, both topologies
    python benchmarks/bench_som.py --quick   # colours only

Both maps: a 10×10 grid, Gaussian neighbourhood, σ(0) = 3 and η(0) = 0.5 decaying by MiniSom's
default asymptotic schedule x0 / (1 + 2t/T), initial prototypes drawn from the training inputs,
and T = epochs × examples updates, each on one example (neurokit: every example once per epoch
in a shuffled order; MiniSom: ``train(..., random_order=True)``). Errors are measured on the
training inputs by each library's own code. Times are wall-clock seconds of the training
updates alone, medians over ``--repeat`` runs; on a shared machine they are noisy, the errors
are not.
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np

from neurokit.builtins.colours_data import ColoursParams, load_colours
from neurokit.builtins.som import SelfOrganizingMap, SomParams
from neurokit.core.datasets import Split
from neurokit.core.model import LearningStep
from neurokit.data.sample import load_mnist_sample

GRID = 10
SIGMA, ETA = 3.0, 0.5


def data_sets(quick: bool) -> dict[str, tuple[np.ndarray, np.ndarray, int]]:
    """name → (x, y, epochs)."""
    colours = load_colours(ColoursParams(count=500), dtype="float64").train
    found = {"colours (500 × 3)": (colours.x, colours.y, 10)}
    if not quick:
        images, labels = load_mnist_sample()["train"]
        x = images[:2000].astype(np.float64) / 255
        found["MNIST sample (2,000 × 784)"] = (x, np.eye(10)[labels[:2000]], 3)
    return found


def train_neurokit(x, y, epochs: int, topology: str, seed: int):
    params = SomParams(rows=GRID, cols=GRID, sigma=SIGMA, eta=ETA, topology=topology)
    rng = np.random.default_rng(seed)
    som = SelfOrganizingMap(params, x.shape[1], y.shape[1], dtype="float64", rng=rng)
    started = time.perf_counter()
    som.begin(Split(x, y), rng)
    for epoch in range(1, epochs + 1):
        order = rng.permutation(len(x))
        som.learn(x[order], y[order], LearningStep(epoch, epochs, 1, 1, rng))
    seconds = time.perf_counter() - started
    return som.quantization_error(x), som.topographic_error(x), seconds


def train_minisom(x, epochs: int, topology: str, seed: int):
    from minisom import MiniSom

    som = MiniSom(
        GRID,
        GRID,
        x.shape[1],
        sigma=SIGMA,
        learning_rate=ETA,
        neighborhood_function="gaussian",
        topology=topology,
        random_seed=seed,
    )
    started = time.perf_counter()
    som.random_weights_init(x)
    som.train(x, epochs * len(x), random_order=True)
    seconds = time.perf_counter() - started
    return som.quantization_error(x), som.topographic_error(x), seconds


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="the colours only")
    parser.add_argument("--repeat", type=int, default=3, help="runs per cell (seeds 0, 1, …)")
    args = parser.parse_args(argv)
    header = (
        f"{'data':<28} {'grid':<12} {'QE neurokit':>11} {'QE MiniSom':>10} {'ratio':>6} "
        f"{'TE neurokit':>11} {'TE MiniSom':>10} {'s neurokit':>10} {'s MiniSom':>9}"
    )
    print(header)
    print("-" * len(header))
    for name, (x, y, epochs) in data_sets(args.quick).items():
        for topology in ("rectangular", "hexagonal"):
            ours = [train_neurokit(x, y, epochs, topology, s) for s in range(args.repeat)]
            theirs = [train_minisom(x, epochs, topology, s) for s in range(args.repeat)]
            qe, te, sec = (statistics.median(v) for v in zip(*ours, strict=True))
            qe_m, te_m, sec_m = (statistics.median(v) for v in zip(*theirs, strict=True))
            print(
                f"{name:<28} {topology:<12} {qe:>11.4f} {qe_m:>10.4f} {qe / qe_m:>6.3f} "
                f"{te:>11.3f} {te_m:>10.3f} {sec:>10.2f} {sec_m:>9.2f}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
