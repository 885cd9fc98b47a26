"""How long ``neurokit evaluate RUN --json`` takes from a cold command line, against the
interpreter's own start with numpy.

    python benchmarks/bench_evaluate_startup.py --run RUN_DIR [--data-dir DIR] [--dataset NAME]
    python benchmarks/bench_evaluate_startup.py ... --rounds 15 --tables --json FILE
    python benchmarks/bench_evaluate_startup.py ... --against /tmp/venv-old/bin/python

The performance issue asks that ``neurokit evaluate RUN`` on the 10,000-image test split take
at most twice ``python -c "import numpy"`` plus the scoring itself. Each round starts both
processes, in alternating order, so a burst of load from elsewhere moves both alike; the
figures are medians over the rounds, of wall time and of the children's user+sys CPU time
(less disturbed by other jobs on a shared machine). The command is run as
``python -m neurokit`` with this interpreter, from the temporary directory, so it times
whichever neurokit that interpreter imports (an editable or a regular install), never a
checkout in the current directory. ``--tables`` also times the rich tables form (without
``--json``); ``--against PYTHON`` also times the neurokit that another interpreter imports (a
virtual environment with an earlier version, say) in the same rounds. ``--floor`` also times
numpy with one small Pydantic model and nothing of neurokit: the least that any start-up
validating the run's spec with Pydantic can take.

The scoring itself (the network's outputs on the split, the cost, the confusion matrix) is
timed in this process on the loaded run and split, so the limit the issue sets is printed
with its verdict.

Bytecode caches are what a user has: ``PYTHONDONTWRITEBYTECODE`` is dropped from the
children's environment and one warm-up round writes the caches before timing starts.
It exits 0 whatever it measures (a benchmark measures, the tests decide).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

BASELINE = [sys.executable, "-c", "import numpy"]
#: The least any start-up pays that validates a saved spec with Pydantic, before neurokit's
#: own code, the data or the scoring: numpy, Pydantic, and one three-field model built and
#: used once. ``--floor`` times it beside the others.
PYDANTIC_FLOOR = [
    sys.executable,
    "-c",
    "import numpy\n"
    "from pydantic import BaseModel, ConfigDict\n"
    "class Layer(BaseModel):\n"
    "    model_config = ConfigDict(extra='forbid')\n"
    "    sizes: list[int]\n"
    "    neuron: str = 'sigmoid'\n"
    "    seed: int = 0\n"
    "Layer.model_validate({'sizes': [784, 30, 10]})",
]
LIMIT = 2.0
#: The children's working directory. ``python -m`` puts it first on ``sys.path``: run from a
#: checkout, every interpreter (``--against`` too) would import the checkout's neurokit.
NEUTRAL = tempfile.gettempdir()


def run_once(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, user+sys CPU seconds) of one child process running ``argv``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        argv, env=env, cwd=NEUTRAL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({done.returncode}): {done.stderr.decode()}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def evaluate_argv(options, json_output: bool, python: str = sys.executable) -> list[str]:
    argv = [python, "-m", "neurokit", "evaluate", os.path.abspath(options.run)]
    if options.data_dir:
        argv += ["--data-dir", os.path.abspath(options.data_dir)]
    if options.dataset:
        argv += ["--dataset", options.dataset]
    return argv + (["--json"] if json_output else [])


def measure(commands: dict[str, list[str]], rounds: int, env: dict[str, str]) -> dict:
    """Medians of wall and CPU time per command, run interleaved (order rotating per round)."""
    for argv in commands.values():  # warm-up: bytecode caches, the page cache
        run_once(argv, env)
    names = list(commands)
    walls: dict[str, list[float]] = {name: [] for name in names}
    cpus: dict[str, list[float]] = {name: [] for name in names}
    for number in range(rounds):
        shift = number % len(names)
        for name in names[shift:] + names[:shift]:
            wall, cpu = run_once(commands[name], env)
            walls[name].append(wall)
            cpus[name].append(cpu)
    return {
        name: {
            "median_wall_ms": round(1000 * statistics.median(walls[name]), 1),
            "median_cpu_ms": round(1000 * statistics.median(cpus[name]), 1),
            "wall_ms": [round(1000 * t, 1) for t in walls[name]],
        }
        for name in names
    }


def scoring_ms(options, repeats: int = 9) -> float:
    """Median milliseconds of ``evaluation.evaluate`` alone, on the run and split loaded once."""
    from neurokit.pipeline import builder, evaluation, runs
    from neurokit.pipeline.registry import load_registry

    registry = load_registry()
    spec, network = runs.load_run(options.run, registry)
    data = evaluation.load_data_for(
        spec, network, registry, dataset=options.dataset, data_dir=options.data_dir
    )
    split, cost = data.split("test"), builder.build_cost(spec, registry)
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        evaluation.evaluate(network, split, cost=cost, class_names=data.class_names)
        times.append(time.perf_counter() - started)
    return 1000 * statistics.median(times)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--run", required=True, help="a run directory written by train")
    parser.add_argument("--data-dir", help="passed on to neurokit evaluate")
    parser.add_argument("--dataset", help="passed on to neurokit evaluate")
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--tables", action="store_true", help="also time the rich tables form")
    parser.add_argument("--against", metavar="PYTHON", help="also time this interpreter's neurokit")
    parser.add_argument(
        "--floor", action="store_true", help="also time numpy plus one Pydantic model alone"
    )
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    options = parser.parse_args(argv)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    commands = {"import numpy": BASELINE, "evaluate --json": evaluate_argv(options, True)}
    if options.floor:
        commands["numpy + Pydantic"] = PYDANTIC_FLOOR
    if options.tables:
        commands["evaluate (tables)"] = evaluate_argv(options, False)
    if options.against:
        commands["against: --json"] = evaluate_argv(options, True, options.against)
        if options.tables:
            commands["against: tables"] = evaluate_argv(options, False, options.against)
    figures = measure(commands, options.rounds, env)
    base = figures["import numpy"]
    for name, row in figures.items():
        wall_ratio = row["median_wall_ms"] / base["median_wall_ms"]
        cpu_ratio = row["median_cpu_ms"] / base["median_cpu_ms"]
        row["wall_ratio"], row["cpu_ratio"] = round(wall_ratio, 2), round(cpu_ratio, 2)
        print(
            f"{name:>18}: wall {row['median_wall_ms']:7.1f} ms ({wall_ratio:4.2f}x), "
            f"user+sys {row['median_cpu_ms']:7.1f} ms ({cpu_ratio:4.2f}x)"
        )
    scoring = scoring_ms(options)
    limit = LIMIT * base["median_wall_ms"] + scoring
    evaluated = figures["evaluate --json"]["median_wall_ms"]
    print(
        f"medians of {options.rounds} interleaved rounds; scoring alone {scoring:.1f} ms, so the "
        f"issue's limit is {LIMIT:g} x {base['median_wall_ms']:.1f} + {scoring:.1f} = "
        f"{limit:.1f} ms: evaluate --json {'meets' if evaluated <= limit else 'misses'} it"
    )
    if options.json:
        with open(options.json, "w", encoding="utf-8") as handle:
            summary = {"scoring_ms": round(scoring, 1), "limit_ms": round(limit, 1)}
            json.dump({"rounds": options.rounds, "figures": figures, **summary}, handle, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
