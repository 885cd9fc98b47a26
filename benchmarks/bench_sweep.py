"""How much faster a sweep runs on 2 workers than serially, and what a trial costs on Dask.

    python benchmarks/bench_sweep.py                         # the issue's benchmark
    python benchmarks/bench_sweep.py --markdown sweep.md     # also the table for docs/sweeps.md
    python benchmarks/bench_sweep.py --quick                 # 4 trials of 1 epoch: does it run?

The issue's benchmark: a 16-trial sweep of the MNIST sample spec (``examples/mnist.json``:
η ∈ {0.5, 1, 3, 6} × hidden size ∈ {15, 30} × 2 seeds) run three ways: serially in this
process (``run_trial`` one after another, one BLAS thread, as in a worker), with the ``local``
executor on 2 worker processes, and with the ``dask`` executor on a 2-worker ``LocalCluster``
(started beforehand; its start-up is reported apart). For each it gives the wall time, the
ratio to serial (the target: ≤ 0.6 with 2 workers on 2 cores) and the overhead per trial:
the worker time not spent inside trials, (wall × workers − Σ trial seconds) / trials. For
``local`` that includes starting its worker processes; for ``dask`` the cluster is already
up, so its overhead is the executor's own cost per trial (scheduling, shipping the task and
its result, waiting on the last trials) and is stated as such. It checks that
the three give the same final training costs, and exits 1 if they do not.

``--quick`` (2 η × 2 sizes × 1 seed, 1 epoch) only shows that the benchmark runs; its figures
are not the issue's. On a shared machine timings are noisy: the report gives the load average
before and after, and the figures are worth quoting only when the cores were quiet.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = "examples/mnist.json"
#: The issue's grid: 4 × 2 configurations, each over 2 seeds, 16 trials.
GRID = ["optimizer.params.eta=0.5,1,3,6", "layers[1].size=15,30"]
SEEDS = 2
QUICK_GRID = ["optimizer.params.eta=0.5,3", "layers[1].size=15,30"]
QUICK_SEEDS = 1
#: The issue's target for 2 workers on a 2-core machine.
TARGET_RATIO = 0.6


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="4 trials of 1 epoch: a smoke run")
    parser.add_argument("--epochs", type=int, help="epochs per trial (default 3; 1 with --quick)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--markdown", metavar="FILE", help="also write the table as Markdown")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    args = parser.parse_args(argv)
    epochs = args.epochs or (1 if args.quick else 3)
    grid, seeds = (QUICK_GRID, QUICK_SEEDS) if args.quick else (GRID, SEEDS)

    from neurokit.pipeline.registry import load_registry
    from neurokit.pipeline.sweep_plan import make_plan

    registry = load_registry(autoload=False)
    load_before = _load_average()
    with tempfile.TemporaryDirectory() as scratch:
        spec = json.loads((ROOT / SPEC).read_text())
        spec["training"]["epochs"] = epochs
        spec_path = Path(scratch) / "mnist.json"
        spec_path.write_text(json.dumps(spec))
        plan = make_plan(spec_path, registry, grid=grid, seeds=seeds)
        rows = [
            serial(plan, Path(scratch) / "serial"),
            with_executor(plan, Path(scratch) / "local", registry, "local", args.workers),
            with_dask(plan, Path(scratch) / "dask", registry, args.workers),
        ]
    trials = len(plan.trials())
    figures(rows, trials)
    conditions = {
        "trials": trials,
        "epochs": epochs,
        "workers": args.workers,
        "cores": _cores(),
        "load_before": load_before,
        "load_after": _load_average(),
        "quick": args.quick,
    }
    table = markdown(rows, conditions)
    print(table)
    finals = [row.pop("finals") for row in rows]
    if args.markdown:
        Path(args.markdown).write_text(table)
    if args.json:
        Path(args.json).write_text(json.dumps({"conditions": conditions, "rows": rows}, indent=2))
    if any(f != finals[0] for f in finals):
        print("FAIL: the executors disagree on the trials' results", file=sys.stderr)
        return 1
    return 0


# --- the three ways ---------------------------------------------------------------------------


def serial(plan, out: Path) -> dict:
    from neurokit.pipeline.sweep_trial import run_trial

    started = time.perf_counter()
    finals, busy = {}, 0.0
    for trial in plan.trials():
        result = run_trial({"spec": plan.trial_spec(trial), "out_dir": str(out / trial.id)})
        finals[trial.id] = result["final"]["train_cost"]
        busy += result["seconds"]
    wall = time.perf_counter() - started
    return {"how": "serial", "wall": wall, "busy": busy, "workers": 1, "finals": finals}


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
    finals = {r["trial"]: r["final"].get("train_cost") for r in outcome.records}
    busy = sum(r["seconds"] for r in outcome.records)
    how = f"local, {workers} workers"
    return {"how": how, "wall": wall, "busy": busy, "workers": workers, "finals": finals}


def with_dask(plan, out: Path, registry, workers: int) -> dict:
    import dask
    from distributed import LocalCluster

    from neurokit.builtins.executors import TRIAL_WORKER_CONFIG

    started = time.perf_counter()
    with (
        dask.config.set(TRIAL_WORKER_CONFIG),
        LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
    ):  # as the dask executor starts its own
        startup = time.perf_counter() - started
        row = with_executor(
            plan, out, registry, "dask", workers, {"scheduler": cluster.scheduler_address}
        )
    row["how"] = f"dask LocalCluster, {workers} workers (started in {startup:.1f} s beforehand)"
    row["startup"] = startup
    return row


# --- the figures and the table ----------------------------------------------------------------


def figures(rows: list[dict], trials: int) -> None:
    """Add each row's ratio to serial (the first row) and its overhead per trial."""
    serial_wall = rows[0]["wall"]
    for row in rows:
        row["ratio"] = row["wall"] / serial_wall
        # worker time not spent inside a trial: start-up, shipping, waiting on stragglers
        row["overhead_per_trial"] = (row["wall"] * row["workers"] - row["busy"]) / trials


def markdown(rows: list[dict], conditions: dict) -> str:
    """The results as the Markdown that docs/sweeps.md quotes."""
    c = conditions
    kind = "a quick run, not the issue's benchmark" if c["quick"] else "the issue's benchmark"
    lines = [
        f"{c['trials']} trials of `{SPEC}` on the MNIST sample, {c['epochs']} epoch(s) each, "
        f"{c['workers']} workers on {c['cores']} cores ({kind}); load average "
        f"{_load_text(c['load_before'])} before, {_load_text(c['load_after'])} after.",
        "",
        "| executor | wall (s) | × serial | overhead per trial (s) |",
        "| --- | ---: | ---: | ---: |",
    ]
    for row in rows:
        lines.append(
            f"| {row['how']} | {row['wall']:.1f} | {row['ratio']:.2f} | "
            f"{row['overhead_per_trial']:.3f} |"
        )
    best = min(row["ratio"] for row in rows[1:])
    verdict = "met" if best <= TARGET_RATIO else "not met"
    lines += [
        "",
        f"Target ≤ {TARGET_RATIO} × serial with {c['workers']} workers: {verdict} "
        f"(best {best:.2f}). The Dask executor's overhead per trial, its cluster already "
        f"running: {rows[2]['overhead_per_trial']:.3f} s.",
        "",
    ]
    return "\n".join(lines)


def _load_average() -> list[float] | None:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except (AttributeError, OSError):  # not on every platform
        return None


def _load_text(load) -> str:
    return "unknown" if load is None else " / ".join(f"{x:.2f}" for x in load)


def _cores() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


if __name__ == "__main__":
    sys.exit(main())
