"""What the studio's live view costs a training: MNIST with and without it, same seed.

    python benchmarks/bench_studio.py               # examples/mnist.json, 2 epochs, 3 rounds
    python benchmarks/bench_studio.py --batch-size 1 --rounds 5

The issue's budget is 10% of training speed. Each round trains the spec twice in this
process, alternating which goes first: plain (no observer, so ``neurokit_batch_start`` is
never called) and with a ``LiveView`` registered exactly as the studio registers it (its
per-batch hook checks the clock, and every 0.25 s it draws the weight images; after epochs,
the confusion matrix). It reports the best wall time of each over the rounds and the
slowdown, and checks the two ended with bit-identical weights (the view only watches).

On a shared machine timings are noisy: take the best of several rounds, and run it twice.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent


def train_once(spec, with_view: bool) -> tuple[float, list[np.ndarray], int]:
    from neurokit.pipeline.progress import Reporter
    from neurokit.pipeline.registry import PluginInfo, load_registry
    from neurokit.pipeline.training import prepare, train
    from neurokit.studio.live import LiveView

    registry = load_registry(autoload=False)
    view = LiveView()
    if with_view:
        registry.register(view, PluginInfo("studio.live", "studio"))
    run = prepare(spec, registry)
    started = time.perf_counter()
    train(run, Reporter())
    seconds = time.perf_counter() - started
    return seconds, [p.copy() for p in run.model.parameters], view.version


def main(argv=None) -> int:
    from neurokit.pipeline.registry import load_registry
    from neurokit.spec import parse_spec

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spec", default=str(ROOT / "examples" / "mnist.json"))
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=None)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)

    raw = json.loads(Path(args.spec).read_text())
    raw["training"]["epochs"] = args.epochs
    if args.batch_size is not None:
        raw["training"]["batch_size"] = args.batch_size
    spec = parse_spec(raw, load_registry(autoload=False), source=args.spec)
    best = {False: float("inf"), True: float("inf")}
    finals = {}
    updates = 0
    for round_number in range(args.rounds):
        order = (False, True) if round_number % 2 == 0 else (True, False)
        for with_view in order:
            seconds, params, versions = train_once(spec, with_view)
            best[with_view] = min(best[with_view], seconds)
            finals[with_view] = params
            if with_view:
                updates = versions
    identical = all(np.array_equal(a, b) for a, b in zip(finals[False], finals[True], strict=True))
    slowdown = best[True] / best[False] - 1
    print(f"spec {spec.name}: {args.epochs} epochs, m = {spec.training.batch_size}")
    print(f"plain training      best of {args.rounds}: {best[False]:.3f} s")
    print(f"with the live view  best of {args.rounds}: {best[True]:.3f} s ({updates} updates)")
    print(f"slowdown: {slowdown:+.1%} (budget +10%)")
    print(f"bit-identical weights: {identical}")
    return 0 if identical else 1


if __name__ == "__main__":
    sys.exit(main())
