"""neurokit plot RUN_DIR: learning curves, hidden-neuron weights, confusion matrix, mistakes."""

from __future__ import annotations

NAME = "plot"
HELP = "draw a run's learning curves, hidden-neuron weights, confusion matrix and mistakes as PNGs"
ORDER = 38


def add_arguments(parser) -> None:
    parser.add_argument("run_dir", metavar="RUN_DIR", help="a run directory written by train")
    parser.add_argument(
        "--split",
        choices=("train", "validation", "test"),
        help="split for the confusion matrix and mistakes (default: test, else validation)",
    )
    parser.add_argument("--data-dir", metavar="DIR", help="where data set files are")


def run(args) -> int:
    from neurokit.commands._common import load_registry
    from neurokit.pipeline.plotting import plot_run, require_matplotlib

    require_matplotlib()
    registry = load_registry(args)
    result = plot_run(args.run_dir, registry, data_dir=args.data_dir, split=args.split)
    for path in result.files.values():
        print(f"wrote {path}")
    for reason in result.skipped:
        print(f"skipped {reason}")
    return 0
