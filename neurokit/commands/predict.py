"""neurokit predict RUN_DIR: show one image, the 10 output activations and the prediction."""

from __future__ import annotations

import argparse

NAME = "predict"
HELP = "feed one image (a PNG file or a data set example) through a trained run and show a^L"
ORDER = 16
#: This command\'s advice for a library error\'s setting (see neurokit.cli).
ADVICE = {"dataset": "choose one with --dataset NAME"}

#: Grey levels for terminals without colour, darkest first: ink is white as in MNIST.
SHADES = " ░▒▓█"
BAR_WIDTH = 20
#: More outputs than this are a pattern, not class scores: no table of a^L_j.
MAX_TABLE_OUTPUTS = 50


def add_arguments(parser) -> None:
    parser.add_argument("run_dir", metavar="RUN_DIR", help="a run directory written by train")
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument(
        "--image",
        metavar="FILE",
        help="a picture (28×28 grey PNG; others are converted with a warning; needs Pillow)",
    )
    source.add_argument("--index", type=int, metavar="N", help="example N of a data set split")
    parser.add_argument(
        "--split",
        choices=("test", "validation", "train"),
        default="test",
        help="the split --index counts in (default: test)",
    )
    parser.add_argument("--dataset", metavar="NAME", help="take --index from another data set")
    parser.add_argument("--data-dir", metavar="DIR", help="where data set files are")
    parser.add_argument(
        "--invert",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="invert the picture's grey levels; default: only when it is mostly white "
        "(MNIST digits are white on black)",
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="refuse a picture that is not already 28×28 greyscale instead of converting it",
    )
    parser.add_argument(
        "--noise",
        type=float,
        default=0.0,
        metavar="P",
        help="corrupt a share P of the example first (a Hopfield net then recalls it)",
    )
    parser.add_argument(
        "--seed", type=int, default=0, help="seeds the noise and any random update order"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")


def run(args) -> int:
    import sys

    from neurokit.commands._common import load_registry, make_console, print_json
    from neurokit.pipeline.prediction import AUTO_INVERTED, predict_run

    registry = load_registry(args)
    prediction = predict_run(
        args.run_dir,
        registry,
        image=args.image,
        index=args.index,
        split=args.split,
        dataset=args.dataset,
        data_dir=args.data_dir,
        invert=args.invert,
        noise=args.noise,
        seed=args.seed,
    )
    if args.strict and prediction.picture_size not in (None, (28, 28)):
        prediction.warnings.insert(0, _not_28_by_28(args.image, prediction.picture_size))
    if args.strict and prediction.warnings:
        from neurokit.core.errors import DataError

        raise DataError(f"{prediction.warnings[0]} (refused: --strict takes 28×28 grey only)")
    for text in prediction.warnings:
        print(f"neurokit: warning: {text}", file=sys.stderr)
    for text in prediction.notes:
        if text == AUTO_INVERTED:
            text += " (--no-invert keeps it as it is)"
        print(f"neurokit: note: {text}", file=sys.stderr)
    if args.json:
        print_json(prediction.to_dict())
        return 0
    console = make_console()
    colour = console.color_system is not None
    console.print(f"[bold]{prediction.source}[/]", highlight=False)
    if prediction.story is not None:
        print_story(console, prediction.story, colour)
        if len(prediction.activations) > MAX_TABLE_OUTPUTS:
            return 0  # the outputs are a whole pattern: the story has shown it
    elif prediction.pixels is not None:
        console.print(digit_art(prediction.pixels, colour=colour))
    console.print(activation_table(prediction))
    console.print(verdict(prediction), highlight=False)
    return 0


def print_story(console, story, colour: bool) -> None:
    """Each step of a model's account: its title and numbers, its state as art, then the
    outcome."""
    for step in story.steps:
        numbers = ", ".join(f"{k} {v:.6g}" for k, v in step.values.items())
        console.print(
            f"[bold]{step.title}[/]" + (f": {numbers}" if numbers else ""), highlight=False
        )
        if step.pixels is not None:
            console.print(digit_art(step.pixels, colour=colour))
    console.print(story.outcome, highlight=False)


def _not_28_by_28(image, size) -> str:
    from pathlib import Path

    return f"{Path(image).name} is {size[0]}×{size[1]} pixels, not 28×28"


def digit_art(pixels, colour: bool):
    """The image in the terminal: half blocks in true grey on a colour terminal (two pixel
    rows per line), shaded blocks two characters wide otherwise."""
    from rich.panel import Panel
    from rich.style import Style
    from rich.text import Text

    lines = []
    grey = (pixels.clip(0, 1) * 255).round().astype(int)
    if colour:
        if len(grey) % 2:
            grey = [*grey, grey[-1] * 0]
        for top, bottom in zip(grey[0::2], grey[1::2], strict=True):
            line = Text()
            for upper, lower in zip(top, bottom, strict=True):
                line.append("▀", Style(color=_rgb(upper), bgcolor=_rgb(lower)))
            lines.append(line)
    else:
        levels = len(SHADES) - 1
        for row in pixels.clip(0, 1):
            lines.append(Text("".join(SHADES[round(v * levels)] * 2 for v in row)))
    # Joined rather than ended with newlines, so blank bottom rows of the image are kept.
    art = Text("\n").join(lines)
    return Panel(art, expand=False, padding=0)


def _rgb(value: int) -> str:
    return f"rgb({value},{value},{value})"


def activation_table(prediction):
    """One row per output neuron j: a^L_j as a number and as a bar."""
    from rich.table import Table

    table = Table(title="output activations a^L")
    table.add_column("j", justify="right")
    table.add_column("class")
    table.add_column("a^L_j", justify="right")
    table.add_column("", min_width=BAR_WIDTH)
    table.add_column("")
    for j, value in enumerate(prediction.activations):
        marks = []
        if j == prediction.predicted:
            marks.append("◀ predicted")
        if j == prediction.label:
            marks.append("true class")
        style = "bold green" if j == prediction.predicted else ""
        table.add_row(
            str(j + 1),  # the lecture's j counts output neurons from 1
            prediction.class_names[j] if j < len(prediction.class_names) else str(j),
            f"{value:.4f}",
            _bar(float(value)),
            ", ".join(marks),
            style=style,
        )
    return table


def _bar(value: float) -> str:
    """A horizontal bar of ``value`` in [0, 1], in eighths of a character."""
    eighths = round(max(0.0, min(1.0, value)) * BAR_WIDTH * 8)
    full, part = divmod(eighths, 8)
    return "█" * full + (" ▏▎▍▌▋▊▉"[part] if part else "")


def verdict(prediction) -> str:
    value = prediction.activations[prediction.predicted]
    text = f"prediction: [bold]{prediction.predicted_name}[/] (a^L = {value:.4f})"
    if prediction.label is not None:
        truth = prediction.class_names[prediction.label]
        mark = "[green]right[/]" if prediction.correct else "[red]wrong[/]"
        text += f"; true class {truth}: {mark}"
    return text
