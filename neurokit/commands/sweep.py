"""neurokit sweep SPEC --grid PATH=V1,V2: train every combination of values, over seeds."""

from __future__ import annotations

NAME = "sweep"
HELP = "train a spec over a grid or random ranges of values and seeds, on all cores or on Dask"
ORDER = 15


def add_arguments(parser) -> None:
    parser.add_argument("spec", metavar="SPEC", nargs="?", help="the JSON spec file to vary")
    parser.add_argument(
        "--grid",
        action="append",
        default=[],
        metavar="PATH=V1,V2,...",
        help="values to try at a field path, e.g. optimizer.params.eta=0.5,3.0 (repeatable)",
    )
    parser.add_argument(
        "--random", type=int, default=0, metavar="N", help="draw N configurations from --range"
    )
    parser.add_argument(
        "--range",
        action="append",
        default=[],
        dest="ranges",
        metavar="PATH=LOW..HIGH[:log]",
        help="a range to draw from, uniformly or log-uniformly (repeatable; int bounds draw ints)",
    )
    parser.add_argument(
        "--sample-seed", type=int, default=0, metavar="S", help="seed of the --random draws"
    )
    parser.add_argument(
        "--seeds", type=int, default=1, metavar="K", help="train each configuration with K seeds"
    )
    parser.add_argument(
        "--metric",
        default="",
        help="metric to rank by (default: validation_accuracy, else train_accuracy)",
    )
    parser.add_argument(
        "--executor", default="local", help="where trials run: local (default) or dask"
    )
    parser.add_argument(
        "--workers", type=int, metavar="N", help="trials at once (default: number of cores)"
    )
    parser.add_argument(
        "--scheduler", metavar="ADDRESS", help="a running Dask scheduler, e.g. tcp://host:8786"
    )
    parser.add_argument("--out", metavar="SWEEP_DIR", help="default sweeps/NAME-TIME/")
    parser.add_argument(
        "--resume", metavar="SWEEP_DIR", help="run what has not finished in SWEEP_DIR"
    )
    parser.add_argument("--data-dir", metavar="DIR", help="where data set files are")
    parser.add_argument(
        "--progress",
        choices=("auto", "rich", "plain", "none"),
        default="auto",
        help="live display on a terminal (auto), or one line per finished trial (plain)",
    )
    parser.add_argument("--json", action="store_true", help="print the results table as JSON")


def run(args) -> int:
    from pathlib import Path

    from neurokit.commands._common import load_registry
    from neurokit.pipeline.interrupts import StopRequests, exit_status
    from neurokit.pipeline.sweep import run_sweep
    from neurokit.pipeline.sweep_progress import make_sweep_reporter

    registry = load_registry(args)
    plan, sweep_dir, new = _plan_and_dir(args, registry)
    params = {"workers": args.workers, "scheduler": args.scheduler}
    with StopRequests.holding():  # a signal while the executor starts stops the sweep, too
        outcome = run_sweep(
            plan,
            sweep_dir,
            registry,
            executor=args.executor,
            executor_params={k: v for k, v in params.items() if v is not None},
            plugins=getattr(args, "plugin", []) or [],
            data_dir=Path(args.data_dir) if args.data_dir else None,
            reporter=make_sweep_reporter("none" if args.json else args.progress),
            new=new,
        )
    _report(outcome, args.json)
    # 128 + the signal, as for train: a script tells a stopped sweep from a finished one
    return exit_status(outcome.stop_signal) if outcome.stop_signal else 0


def _plan_and_dir(args, registry):
    from pathlib import Path

    from neurokit.core.errors import NeurokitError
    from neurokit.pipeline.sweep import check_new_sweep_dir, check_same_sweep, load_plan

    if args.workers is not None and args.workers < 1:
        raise NeurokitError("--workers must be at least 1")
    if args.resume:
        sweep_dir = Path(args.resume)
        stored = load_plan(sweep_dir)
        if args.spec or args.grid or args.ranges or args.out:
            # Given a definition too: it must be the stored one, or this is the wrong directory.
            check_same_sweep(stored, _plan(args, registry), sweep_dir)
        if args.metric:
            stored.metric = args.metric
        return stored, sweep_dir, False
    if not args.spec:
        raise NeurokitError("give a SPEC to sweep, or --resume SWEEP_DIR")
    plan = _plan(args, registry)
    from neurokit.api import default_sweep_dir

    sweep_dir = Path(args.out) if args.out else default_sweep_dir(plan)
    check_new_sweep_dir(plan, sweep_dir)
    return plan, sweep_dir, True


def _plan(args, registry):
    from neurokit.pipeline.sweep_plan import make_plan

    if not args.spec:
        from neurokit.core.errors import NeurokitError

        raise NeurokitError("give the sweep's SPEC with its grid, or only --resume SWEEP_DIR")
    return make_plan(
        args.spec,
        registry,
        grid=args.grid,
        ranges=args.ranges,
        random=args.random,
        seeds=args.seeds,
        sample_seed=args.sample_seed,
        metric=args.metric,
    )


def _report(outcome, as_json: bool) -> None:
    from neurokit.commands._common import print_json
    from neurokit.commands._tables import Printer
    from neurokit.pipeline.sweep_results import format_mean_std, summary_rows

    if as_json:
        print_json(summary_rows(outcome.summaries, outcome.metric))
        return
    printer = Printer()
    paths = [axis.path for axis in outcome.plan.grid] + [a.path for a in outcome.plan.ranges]
    rows = [
        [
            *(_cell(s.values.get(p)) for p in paths),
            format_mean_std(s),
            str(len(s.scores)),
            str(s.failed),
        ]
        for s in outcome.summaries
    ]
    printer.table(
        f"{outcome.metric} over seeds (mean ± sd), best first",
        [*paths, outcome.metric, "seeds", "failed"],
        rows,
    )
    if outcome.best_spec is not None:
        printer.text(f"best configuration's spec: {outcome.best_spec}")
    if outcome.stopped or outcome.pending:
        printer.text(
            f"stopped with {outcome.pending} trial(s) to go; "
            f"continue with: neurokit sweep --resume {outcome.sweep_dir}"
        )
    else:
        printer.text(f"saved sweep to {outcome.sweep_dir}")
    if outcome.failed:
        printer.text(
            f"{outcome.failed} trial(s) failed; try them again with: "
            f"neurokit sweep --resume {outcome.sweep_dir}"
        )


def _cell(value) -> str:
    import json

    return value if isinstance(value, str) else json.dumps(value)
