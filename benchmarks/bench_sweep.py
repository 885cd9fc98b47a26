"""How much faster a sweep runs on 2 workers than serially, and what a trial costs on Dask.

    python benchmarks/bench_sweep.py              # 16 trials of examples/mnist.json, 3 epochs
    python benchmarks/bench_sweep.py --epochs 1   # quicker

A 16-trial sweep of the MNIST sample spec (η ∈ {0.5, 1, 3, 6} × hidden size ∈ {15, 30} × 2
seeds) runs three ways: serially in this process (``run_trial`` one after another, one BLAS
thread, as in a worker), with the ``local`` executor on 2 worker processes, and with the
``dask`` executor on a 2-worker ``LocalCluster`` (started beforehand; its start-up is
reported apart). For each it prints the wall time, the ratio to serial, and the overhead per
trial: the worker time not spent inside trials, (wall × workers − Σ trial seconds) / trials.
It checks that all three give the same final training costs.

On a shared machine the timings are noisy: run it when the cores are quiet, or run it twice.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GRID = ["optimizer.params.eta=0.5,1,3,6", "layers[1].size=15,30"]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    args = parser.parse_args(argv)

    from neurokit.pipeline.registry import load_registry
    from neurokit.pipeline.sweep_plan import make_plan

    registry = load_registry(autoload=False)
    with tempfile.TemporaryDirectory() as scratch:
        spec = json.loads((ROOT / "examples" / "mnist.json").read_text())
        spec["training"]["epochs"] = args.epochs
        spec_path = Path(scratch) / "mnist.json"
        spec_path.write_text(json.dumps(spec))
        plan = make_plan(spec_path, registry, grid=GRID, seeds=2)
        rows = [
            serial(plan, Path(scratch) / "serial"),
            with_executor(plan, Path(scratch) / "local", registry, "local", args.workers),
            with_dask(plan, Path(scratch) / "dask", registry, args.workers),
        ]
    report(rows, len(plan.trials()), args.workers)
    finals = [row.pop("finals") for row in rows]
    if any(f != finals[0] for f in finals):
        print("FAIL: the executors disagree on the trials' results", file=sys.stderr)
        return 1
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=2))
    return 0


def serial(plan, out: Path) -> dict:
    from neurokit.pipeline.sweep_trial import run_trial

    started = time.perf_counter()
    finals, busy = {}, 0.0
    for trial in plan.trials():
        result = run_trial({"spec": plan.trial_spec(trial), "out_dir": str(out / trial.id)})
        finals[trial.id] = result["final"]["train_cost"]
        busy += result["seconds"]
    return {
        "how": "serial",
        "wall": time.perf_counter() - started,
        "busy": busy,
        "workers": 1,
        "finals": finals,
    }


def with_executor(plan, out: Path, registry, executor: str, workers: int, params=None) -> dict:
    from neurokit.pipeline.sweep import run_sweep

    started = time.perf_counter()
    outcome = run_sweep(
        plan,
        out,
        registry,
        executor=executor,
        executor_params=params or {"workers": workers},
        new=True,
    )
    wall = time.perf_counter() - started
    finals = {r["trial"]: r["final"]["train_cost"] for r in outcome.records}
    busy = sum(r["seconds"] for r in outcome.records)
    return {"how": executor, "wall": wall, "busy": busy, "workers": workers, "finals": finals}


def with_dask(plan, out: Path, registry, workers: int) -> dict:
    from distributed import LocalCluster

    started = time.perf_counter()
    with LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as cluster:
        startup = time.perf_counter() - started
        row = with_executor(
            plan, out, registry, "dask", workers, {"scheduler": cluster.scheduler_address}
        )
    row["how"] = f"dask (LocalCluster started in {startup:.1f} s beforehand)"
    return row


def report(rows, trials: int, workers: int) -> None:
    serial_wall = rows[0]["wall"]
    print(f"{trials} trials of examples/mnist.json on the MNIST sample, {workers} workers")
    print(f"{'executor':<48} {'wall s':>8} {'× serial':>9} {'overhead/trial s':>17}")
    for row in rows:
        overhead = (row["wall"] * row["workers"] - row["busy"]) / trials
        row["ratio"] = row["wall"] / serial_wall
        row["overhead_per_trial"] = overhead
        print(f"{row['how']:<48} {row['wall']:8.2f} {row['ratio']:9.2f} {overhead:17.3f}")


if __name__ == "__main__":
    sys.exit(main())
