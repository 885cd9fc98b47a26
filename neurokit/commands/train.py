"""neurokit train SPEC: train a network and save the run."""

from __future__ import annotations

NAME = "train"
HELP = "train the network a spec describes and save the run (spec, model, metrics)"
ORDER = 10
#: This command's advice for a library error's setting (see neurokit.cli).
ADVICE = {
    "overwrite": "pass --overwrite to replace it or choose another --out",
    "checkpoint_every": "train with --checkpoint-every N",
}


def add_arguments(parser) -> None:
    from neurokit.core.dtypes import DTYPES

    parser.add_argument("spec", metavar="SPEC", nargs="?", help="the JSON spec file")
    parser.add_argument("--epochs", type=int, help="override training.epochs")
    parser.add_argument("--eta", type=float, help="override optimizer.params.eta (η)")
    parser.add_argument("--batch-size", type=int, help="override training.batch_size (m)")
    parser.add_argument("--seed", type=int, help="override training.seed")
    parser.add_argument("--dtype", choices=DTYPES, help="override training.dtype")
    parser.add_argument("--out", metavar="DIR", help="run directory (default runs/NAME-TIME/)")
    parser.add_argument("--overwrite", action="store_true", help="replace a run already in DIR")
    parser.add_argument("--data-dir", metavar="DIR", help="where data set files are")
    parser.add_argument(
        "--checkpoint-every",
        type=int,
        metavar="N",
        help="save a checkpoint every N epochs so the run can be resumed",
    )
    parser.add_argument(
        "--resume",
        metavar="RUN_DIR",
        help="continue a run from its last checkpoint (bit-identical to an uninterrupted run)",
    )
    parser.add_argument(
        "--progress",
        choices=("auto", "rich", "plain", "none"),
        default="auto",
        help="live display on a terminal (auto), or one line per epoch (plain)",
    )


def run(args) -> int:
    from neurokit.commands._common import load_registry, warn_plugin_problems
    from neurokit.core.errors import NeurokitError

    if args.checkpoint_every is not None and args.checkpoint_every < 1:
        raise NeurokitError("--checkpoint-every must be at least 1")
    if args.epochs is not None and args.epochs < 1:
        raise NeurokitError(f"--epochs must be at least 1, not {args.epochs}")
    if args.resume:
        _check_resume_flags(args)
    from neurokit.pipeline.interrupts import StopRequests

    registry = load_registry(args)
    already_warned = len(registry.problems)
    with StopRequests.holding():  # a signal from here on stops training, never the process
        try:
            result, out_dir = _train_or_resume(args, registry)
        finally:
            # an observer that raised during training was muted; say which and why
            warn_plugin_problems(registry, already_warned)
        status = _report(result, out_dir)
    if result.stop_signal:
        ignore_stop_signals()  # the run is saved and the status decided: a late signal is moot
    return status


def _report(result, out_dir) -> int:
    import sys

    from neurokit.pipeline.interrupts import exit_status, signal_name

    test = result.dataset.splits.get("test")
    if test is not None and not result.stopped_early:
        from neurokit.core.metrics import evaluate_split

        scores = evaluate_split(result.model, result.cost, test)
        if "accuracy" in scores:
            print(f"test accuracy {scores['accuracy']:.1%} ({scores['correct']}/{scores['n']})")
        else:  # a regression: targets that are not class codes
            print(f"test RMSE {scores['rmse']:.4g}  R² {scores['r2']:.4g} (n = {scores['n']})")
    summary = result.note or f"saved run to {out_dir}"
    if result.stopped_early:
        summary = f"stopped early ({result.stop_reason}); {summary}"
    if result.stop_signal:
        # stderr too: stdout may be a file nobody reads, and the exit status says "interrupted"
        where = f"; continue it with --resume {out_dir}" if not result.note else ""
        print(
            f"neurokit: stopped by {signal_name(result.stop_signal)} after "
            f"{len(result.history)} finished epoch(s); {result.note or f'saved run to {out_dir}'}"
            f"{where}",
            file=sys.stderr,
        )
    print(summary)
    return exit_status(result.stop_signal) if result.stop_signal else 0


def ignore_stop_signals() -> None:
    import signal

    from neurokit.pipeline.interrupts import STOP_SIGNALS

    for signum in STOP_SIGNALS:
        signal.signal(signum, signal.SIG_IGN)


def _check_resume_flags(args) -> None:
    from neurokit.core.errors import NeurokitError

    fixed = [
        flag
        for flag, value in (
            ("--eta", args.eta),
            ("--batch-size", args.batch_size),
            ("--seed", args.seed),
            ("--dtype", args.dtype),
            ("--overwrite", args.overwrite or None),
        )
        if value is not None
    ]
    if fixed:
        raise NeurokitError(
            f"--resume continues a run with the settings it was trained with; "
            f"{', '.join(fixed)} cannot change a resumed run (only --epochs can)"
        )


def _train_or_resume(args, registry):
    from pathlib import Path

    from neurokit import api
    from neurokit.core.errors import NeurokitError

    if args.resume:
        if args.spec or args.out:
            raise NeurokitError("--resume continues RUN_DIR with its own spec; drop SPEC/--out")
        out_dir = Path(args.resume)
        result = api.resume_run(
            out_dir,
            registry,
            epochs=args.epochs,
            progress=args.progress,
            data_dir=args.data_dir,
            checkpoint_every=args.checkpoint_every,
        )
        return result, out_dir
    if not args.spec:
        raise NeurokitError("give a SPEC to train, or --resume RUN_DIR")
    spec = api.load_spec_with_overrides(args.spec, registry, overrides_from(args))
    out_dir = Path(args.out) if args.out else api.default_run_dir(spec)
    result = api.train_spec(
        spec,
        registry,
        out_dir=out_dir,
        overwrite=args.overwrite,
        progress=args.progress,
        data_dir=args.data_dir,
        checkpoint_every=args.checkpoint_every,
    )
    return result, out_dir


def overrides_from(args) -> dict:
    """Command-line options as a partial spec to merge over the file's (one option per
    setting of ``neurokit.spec.overrides.OVERRIDES``, named alike)."""
    from neurokit.spec.overrides import OVERRIDES, partial_spec

    return partial_spec({name: getattr(args, name) for name in OVERRIDES})
