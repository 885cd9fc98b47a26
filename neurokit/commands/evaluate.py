"""neurokit evaluate RUN_DIR: accuracy, per-class precision/recall and the confusion matrix."""

from __future__ import annotations

NAME = "evaluate"
HELP = "score a trained run on a split: accuracy, per-class precision/recall, confusion matrix"
ORDER = 15
#: This command\'s advice for a library error\'s setting (see neurokit.cli).
ADVICE = {"dataset": "choose one with --dataset NAME"}


def add_arguments(parser) -> None:
    parser.add_argument("run_dir", metavar="RUN_DIR", help="a run directory written by train")
    parser.add_argument(
        "--split",
        choices=("test", "validation", "train"),
        default="test",
        help="which split to score (default: test)",
    )
    parser.add_argument(
        "--dataset",
        metavar="NAME",
        help="score on another registered data set of the same shape (e.g. fashion-mnist)",
    )
    parser.add_argument("--data-dir", metavar="DIR", help="where data set files are")
    parser.add_argument("--json", action="store_true", help="print one JSON object")


def run(args) -> int:
    from neurokit.commands._common import load_registry, make_console, print_json
    from neurokit.core.errors import DataError
    from neurokit.pipeline.evaluation import evaluate_run

    registry = load_registry(args)
    try:
        result = evaluate_run(
            args.run_dir, registry, split=args.split, dataset=args.dataset, data_dir=args.data_dir
        )
    except DataError as exc:
        raise DataError(_with_split_hint(str(exc), args.split)) from None
    if args.json:
        print_json(result.to_dict())
        return 0
    console = make_console()
    if result.task == "regression":  # no classes: no accuracy, no confusion matrix
        cost = f"cost C = {result.cost:.4g}, " if result.cost is not None else ""
        console.print(
            f"[bold]{result.dataset}[/] {result.split} split, a regression over "
            f"{result.n:,} examples: {cost}RMSE {result.rmse:.4g}, R² {result.r2:.4f}",
            soft_wrap=True,
        )
        _print_measures(console, result)
        return 0
    console.print(
        f"[bold]{result.dataset}[/] {result.split} split: accuracy "
        f"[bold]{result.accuracy:.2%}[/] ({result.correct:,}/{result.n:,} correct)"
        + (f", cost C = {result.cost:.4g}" if result.cost is not None else ""),
        soft_wrap=True,
    )
    _print_measures(console, result)
    if result.class_names:
        console.print(per_class_table(result))
        console.print(confusion_table(result))
    return 0


#: What the sequence measures are, where a bare key would not say.
MEASURE_LABELS = {
    "strings_correct": "strings correct (every step: symbols above 0.5 = the legal next)",
    "long_range_correct": "long-range symbol correct (T or P, recalled before the end)",
    "nrmse": "NRMSE (RMSE / std of the targets)",
}


def _print_measures(console, result) -> None:
    for key, value in result.measures.items():
        label = MEASURE_LABELS.get(key, key.replace("_", " "))
        console.print(f"{label}: [bold]{value:.4g}[/]", highlight=False)


def _with_split_hint(message: str, asked: str) -> str:
    """A missing split's message, with the flag that picks one the data set has."""
    import re

    have = re.search(r"has no '(\w+)' split \(it has: ([\w, ]+)\)", message)
    if not have or have.group(1) != asked:
        return message
    splits = have.group(2).split(", ")
    choice = next((s for s in ("validation", "train") if s in splits), splits[0])
    return f"{message}; try --split {choice}"


def per_class_table(result):
    from rich.table import Table

    table = Table(title="per class")
    for column in ("class", "precision", "recall", "examples"):
        table.add_column(column, justify="left" if column == "class" else "right")
    for c, name in enumerate(result.class_names):
        table.add_row(
            _label(c, name),
            f"{result.precision[c]:.3f}",
            f"{result.recall[c]:.3f}",
            f"{int(result.support[c]):,}",
        )
    return table


def confusion_table(result):
    """Rows: the true class; columns: the predicted class; the diagonal is what was right."""
    from rich.table import Table

    table = Table(title="confusion matrix (rows: true class, columns: predicted)")
    table.add_column("true \\ predicted")
    for c in range(len(result.class_names)):
        table.add_column(str(c), justify="right")
    for t, name in enumerate(result.class_names):
        cells = []
        for p in range(len(result.class_names)):
            count = int(result.confusion[t, p])
            if t == p:
                cells.append(f"[bold green]{count}[/]")
            elif count:
                cells.append(f"[red]{count}[/]")
            else:
                cells.append("[dim]0[/]")
        table.add_row(_label(t, name), *cells)
    return table


def _label(index: int, name: str) -> str:
    return name if name == str(index) else f"{index} {name}"
