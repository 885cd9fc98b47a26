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
checkout in the current directory. ``--tables`` also times the rich
tables form (without ``--json``); ``--against PYTHON`` also times the neurokit that another
interpreter imports (a virtual environment with an earlier version, say) in the same rounds.

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


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--run", required=True, help="a run directory written by train")
    parser.add_argument("--data-dir", help="passed on to neurokit evaluate")
    parser.add_argument("--dataset", help="passed on to neurokit evaluate")
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--tables", action="store_true", help="also time the rich tables form")
    parser.add_argument("--against", metavar="PYTHON", help="also time this interpreter's neurokit")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    options = parser.parse_args(argv)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    commands = {"import numpy": BASELINE, "evaluate --json": evaluate_argv(options, True)}
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
    print(
        f"medians of {options.rounds} interleaved rounds; the issue asks evaluate --json for "
        f"at most {LIMIT:g}x import numpy plus the scoring"
    )
    if options.json:
        with open(options.json, "w", encoding="utf-8") as handle:
            json.dump({"rounds": options.rounds, "figures": figures}, handle, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
