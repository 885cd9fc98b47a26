"""What checkpointing every epoch costs: ``--checkpoint-every 1`` against no checkpoint.

    python benchmarks/bench_checkpoint.py              # 7 interleaved rounds of each run
    python benchmarks/bench_checkpoint.py --rounds 3   # quicker
    python benchmarks/bench_checkpoint.py --json FILE  # also write the figures as JSON

Two trainings, each timed with and without a checkpoint every epoch, both saving the run
into a fresh directory (spec.json, model.npz, metrics.jsonl: what every trained run pays):
XOR (examples/xor.json, 2000 epochs of 4 examples) and the MNIST sample
(examples/mnist.json, 30 epochs of 784-30-10). Issue 11 asks that checkpointing every epoch
add at most 10% to each. A round runs the two settings back to back, in alternating order,
in this process (``neurokit train`` without interpreter start-up); the figure is the ratio
of the medians over the rounds, so a burst of load from elsewhere moves both alike.

On a shared machine the timings are noisy: run it when the cores are quiet, or run it twice.
It prints the medians, the overhead and whether it is within the 10% asked for; it exits 0
either way (a benchmark measures, the tests decide).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = {"xor-2000": ("xor.json", 2000), "mnist-sample-30": ("mnist.json", 30)}
LIMIT = 0.10


def train_seconds(spec: Path, epochs: int, checkpoint: bool, home: Path) -> float:
    """Wall time of one ``neurokit train`` into a new directory under ``home``."""
    from neurokit.cli import main

    out = Path(tempfile.mkdtemp(dir=home)) / "run"
    argv = ["train", str(spec), "--out", str(out), "--epochs", str(epochs), "--progress", "none"]
    argv += ["--checkpoint-every", "1"] if checkpoint else []
    sink = io.StringIO()
    started = time.perf_counter()
    with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
        status = main(argv)
    seconds = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"training failed ({status}): {sink.getvalue()}")
    return seconds


def measure(name: str, rounds: int, home: Path) -> dict:
    spec_name, epochs = RUNS[name]
    spec = ROOT / "examples" / spec_name
    train_seconds(spec, epochs, False, home)  # warm-up: imports, the data set's first load
    times: dict[bool, list[float]] = {False: [], True: []}
    for number in range(rounds):
        order = (False, True) if number % 2 == 0 else (True, False)
        for checkpoint in order:
            times[checkpoint].append(train_seconds(spec, epochs, checkpoint, home))
    without, with_ = statistics.median(times[False]), statistics.median(times[True])
    return {
        "run": name,
        "epochs": epochs,
        "rounds": rounds,
        "median_without_s": round(without, 4),
        "median_with_s": round(with_, 4),
        "overhead": round(with_ / without - 1, 4),
        "within_limit": with_ / without - 1 <= LIMIT,
        "seconds_without": [round(t, 4) for t in times[False]],
        "seconds_with": [round(t, 4) for t in times[True]],
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in RUNS:
            result = measure(name, args.rounds, Path(tmp))
            results.append(result)
            verdict = "within" if result["within_limit"] else "OVER"
            print(
                f"{name:16s} without {result['median_without_s']:8.3f} s   with checkpoint "
                f"every epoch {result['median_with_s']:8.3f} s   overhead "
                f"{100 * result['overhead']:+6.1f}%  ({verdict} the {LIMIT:.0%} asked for; "
                f"medians of {args.rounds} interleaved rounds)"
            )
    if args.json:
        from neurokit.core import atomic

        atomic.write_text(args.json, json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
