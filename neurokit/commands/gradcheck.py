"""neurokit gradcheck SPEC: backprop's gradients against central finite differences."""

from __future__ import annotations

NAME = "gradcheck"
HELP = "check backprop's gradients against finite differences, layer by layer (exit 2 if wrong)"
ORDER = 36


def add_arguments(parser) -> None:
    parser.add_argument("spec", metavar="SPEC", help="the JSON spec file")
    parser.add_argument(
        "--small",
        action="store_true",
        help="check a small random net (≤ 4 neurons per layer) of the spec's neuron kinds",
    )
    parser.add_argument(
        "--examples", type=int, default=3, help="random examples the cost averages (default 3)"
    )
    parser.add_argument(
        "--samples",
        type=int,
        default=200,
        help="check at most this many random entries of each w^l and b^l (0: all; default 200)",
    )
    parser.add_argument(
        "--epsilon", type=float, default=1e-4, help="finite-difference step ε (default 1e-4)"
    )
    parser.add_argument(
        "--threshold", type=float, default=1e-4, help="largest relative error that passes"
    )
    parser.add_argument("--seed", type=int, default=0, help="seeds the examples and samples")


def run(args) -> int:
    import sys

    from neurokit.api import gradcheck_spec
    from neurokit.commands._common import load_registry, require_gradients
    from neurokit.core.errors import NeurokitError
    from neurokit.lessons.gradcheck import format_report
    from neurokit.spec import load_spec

    if args.examples < 1 or args.samples < 0 or args.epsilon <= 0 or args.threshold <= 0:
        raise NeurokitError(
            "--examples must be ≥ 1, --samples ≥ 0, --epsilon and --threshold positive"
        )
    registry = load_registry(args)
    spec = load_spec(args.spec, registry)
    require_gradients(spec, registry, "gradcheck")
    report = gradcheck_spec(
        spec,
        registry,
        small=args.small,
        examples=args.examples,
        samples=args.samples or None,
        epsilon=args.epsilon,
        threshold=args.threshold,
        seed=args.seed,
    )
    text = format_report(report)
    if sys.stdout.isatty():
        from neurokit.commands._common import make_console

        console = make_console()
        for line in text.splitlines():
            style = "bold red" if "FAIL" in line else ("green" if "pass" in line else None)
            console.print(line, style=style, highlight=False, markup=False)
    else:
        print(text)
    return 0 if report.passed else 2
