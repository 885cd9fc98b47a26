"""neurokit plot RUN_DIR: learning curves, hidden-neuron weights, confusion matrix, mistakes."""

from __future__ import annotations

NAME = "plot"
HELP = (
    "draw a run's learning curves, hidden-neuron weights, confusion matrix and mistakes as PNGs;"
    " for a sweep, the metric against each swept value and a heat map"
)
ORDER = 38


def add_arguments(parser) -> None:
    parser.add_argument(
        "run_dir", metavar="RUN_DIR", help="a run directory written by train, or a sweep's"
    )
    parser.add_argument(
        "--split",
        choices=("train", "validation", "test"),
        help="split for the confusion matrix and mistakes (default: test, else validation)",
    )
    parser.add_argument("--data-dir", metavar="DIR", help="where data set files are")
    parser.add_argument("--metric", default="", help="for a sweep: the metric to plot")


def run(args) -> int:
    from neurokit.commands._common import load_registry
    from neurokit.pipeline.plotting import plot_run, require_matplotlib

    require_matplotlib()
    if _is_sweep(args.run_dir):
        from neurokit.pipeline.sweep_plots import plot_sweep

        for path in plot_sweep(args.run_dir, args.metric).values():
            print(f"wrote {path}")
        return 0
    registry = load_registry(args)
    result = plot_run(args.run_dir, registry, data_dir=args.data_dir, split=args.split)
    for path in result.files.values():
        print(f"wrote {path}")
    for reason in result.skipped:
        print(f"skipped {reason}")
    if result.gradient_norms is not None:
        from neurokit.pipeline.sequence_plots import describe_norms

        print(describe_norms(result.gradient_norms))
    return 0


def _is_sweep(directory) -> bool:
    from pathlib import Path

    from neurokit.pipeline.sweep import SWEEP_FILE

    return (Path(directory) / SWEEP_FILE).is_file()
