"""neurokit generate RUN: free-running output of a trained sequence model."""

from __future__ import annotations

NAME = "generate"
HELP = "let a trained sequence model run free: a series continued, or text from characters"
ORDER = 18


def add_arguments(parser) -> None:
    parser.add_argument("run_dir", metavar="RUN", help="a run directory written by train")
    parser.add_argument("--steps", type=int, default=200, help="steps to generate (default 200)")
    parser.add_argument("--prime", metavar="TEXT", help="for a character model: text to start")
    parser.add_argument("--seed", type=int, default=0, help="seed for drawing characters")
    parser.add_argument("--out", metavar="PNG", help="where to plot a series (default RUN/...)")


def run(args) -> int:
    from pathlib import Path

    from neurokit.commands._common import load_registry
    from neurokit.pipeline.generation import ascii_chart, generate_run, plot_generation

    registry = load_registry(args)
    result = generate_run(
        args.run_dir, registry, steps=args.steps, prime=args.prime, seed=args.seed
    )
    if result.text is not None:
        print(result.text)
        return 0
    print(ascii_chart(result.outputs[:, 0], None if result.truth is None else result.truth[:, 0]))
    print("* generated (free running)   . what really followed")
    path = Path(args.out) if args.out else Path(args.run_dir) / "generate.png"
    try:
        plot_generation(result, path)
    except Exception as exc:  # matplotlib missing: the terminal chart is still there
        print(f"neurokit: note: no plot: {exc}")
        return 0
    print(f"plotted to {path}")
    return 0
