"""neurokit's echo state network against ReservoirPy's on Mackey-Glass: the same series, the
same hyperparameters, one-step NRMSE on the held-out continuation and the time to fit.

    python benchmarks/bench_esn.py [--units 300] [--seeds 9]

Needs ``reservoirpy`` (the bench extra). Each library draws its own random reservoir, so the
errors are compared as the median over several reservoir seeds.
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np

from neurokit import api

#: The hyperparameters both libraries get.
HYPER = {
    "units": 300,
    "spectral_radius": 1.25,
    "leak_rate": 0.3,
    "input_scaling": 1.0,
    "sparsity": 0.9,  # ReservoirPy: rc_connectivity = 1 − sparsity
    "ridge": 1e-6,
    "washout": 100,
}


def series(train: int = 2000, test: int = 500):
    data = (
        api.registry()
        .get("dataset", "mackey-glass")
        .load({"train": train, "validation": 0, "test": test}, dtype="float64")
    )
    return data.train, data.splits["test"]


def nrmse(predicted: np.ndarray, target: np.ndarray, washout: int) -> float:
    error = predicted[washout:] - target[washout:]
    return float(np.sqrt(np.mean(error**2)) / np.std(target[washout:]))


def run_neurokit(train, test, seed: int, hyper=HYPER) -> tuple[float, float]:
    from neurokit.core.esn import EchoStateNetwork

    started = time.perf_counter()
    model = EchoStateNetwork(
        (1, hyper["units"], 1),
        spectral_radius=hyper["spectral_radius"],
        input_scaling=hyper["input_scaling"],
        leak_rate=hyper["leak_rate"],
        sparsity=hyper["sparsity"],
        ridge=hyper["ridge"],
        washout=hyper["washout"],
        dtype="float64",
        rng=np.random.default_rng(seed),
    )
    model.learn(train.x, train.y, None)
    predicted = model.predict(test.x)[0]
    seconds = time.perf_counter() - started
    return nrmse(predicted, test.y[0], hyper["washout"]), seconds


def run_reservoirpy(train, test, seed: int, hyper=HYPER) -> tuple[float, float]:
    from reservoirpy.mat_gen import uniform
    from reservoirpy.nodes import Reservoir, Ridge

    started = time.perf_counter()
    # Built as neurokit builds it: dense U(−1, 1) input weights and input bias (ReservoirPy's
    # defaults are a 10 % Bernoulli input matrix and no bias), N(0, 1) sparse recurrent weights.
    reservoir = Reservoir(
        hyper["units"],
        input_connectivity=1.0,
        Win=uniform(low=-1.0, high=1.0),
        bias=uniform(low=-1.0, high=1.0),
        lr=hyper["leak_rate"],
        sr=hyper["spectral_radius"],
        input_scaling=hyper["input_scaling"],
        rc_connectivity=1 - hyper["sparsity"],
        seed=seed,
    )
    esn = reservoir >> Ridge(ridge=hyper["ridge"])
    esn.fit(train.x[0], train.y[0], warmup=hyper["washout"])
    reservoir.reset()
    predicted = esn.run(test.x[0])
    seconds = time.perf_counter() - started
    return nrmse(np.asarray(predicted), test.y[0], hyper["washout"]), seconds


def compare(seeds: int = 5, hyper=HYPER) -> dict[str, dict[str, float]]:
    """Median one-step NRMSE and fit-and-predict seconds of each library over ``seeds``."""
    train, test = series()
    results = {}
    for name, runner in (("neurokit", run_neurokit), ("reservoirpy", run_reservoirpy)):
        runs = [runner(train, test, seed, hyper) for seed in range(seeds)]
        results[name] = {
            "nrmse": statistics.median(r[0] for r in runs),
            "seconds": statistics.median(r[1] for r in runs),
        }
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=HYPER["units"])
    parser.add_argument("--seeds", type=int, default=9)
    args = parser.parse_args()
    results = compare(args.seeds, {**HYPER, "units": args.units})
    print(f"Mackey-Glass (τ = 17), one-step prediction, {args.units} units, median of "
          f"{args.seeds} reservoir seeds")  # fmt: skip
    print(f"{'library':<12} {'NRMSE':>10} {'seconds':>9}")
    for name, row in results.items():
        print(f"{name:<12} {row['nrmse']:>10.2e} {row['seconds']:>9.3f}")
    ratio = results["neurokit"]["nrmse"] / results["reservoirpy"]["nrmse"]
    print(f"neurokit / reservoirpy NRMSE: {ratio:.2f}")


if __name__ == "__main__":
    main()
