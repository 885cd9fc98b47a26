"""neurokit explain SPEC: one example through a small net, every step of BP1–BP4 shown."""

from __future__ import annotations

NAME = "explain"
HELP = "show one example's forward pass, BP1–BP4 and one SGD step in the lecture's symbols"
ORDER = 35


def add_arguments(parser) -> None:
    parser.add_argument(
        "spec",
        metavar="SPEC",
        help="the JSON spec file (≤ 12 neurons a layer), or a run directory to trace its "
        "trained net",
    )
    parser.add_argument(
        "--input", metavar="X", help="the input x as comma-separated numbers, e.g. 0.05,0.10"
    )
    parser.add_argument("--target", metavar="Y", help="the desired output y(x), e.g. 0.01,0.99")
    parser.add_argument(
        "--example",
        type=int,
        default=0,
        help="without --input/--target: which training example of the spec's data (default 0)",
    )
    parser.add_argument(
        "--paths",
        metavar="L,J,K",
        help="instead of the trace: every path from w^l_jk to the cost, their sum beside "
        "backprop's ∂C/∂w^l_jk, and ΔC measured for a small Δw (l = 2 … L; j, k from 1)",
    )
    parser.add_argument("--eta", type=float, help="learning rate η (default: the spec's)")
    parser.add_argument("--digits", type=int, default=9, help="significant digits shown")
    parser.add_argument(
        "--format",
        choices=("auto", "rich", "plain"),
        default="auto",
        help="rich tables on a terminal (auto), or plain text",
    )


def run(args) -> int:
    import sys
    from pathlib import Path

    from neurokit.commands._common import load_registry, make_console, require_feedforward
    from neurokit.core.errors import NeurokitError
    from neurokit.lessons.explain import check_small, explain, render_rich, render_text
    from neurokit.pipeline import builder
    from neurokit.pipeline.lesson_inputs import feedforward_network
    from neurokit.spec import load_spec

    registry = load_registry(args)
    from neurokit.commands._explain_recurrent import explain_if_recurrent

    recurrent = explain_if_recurrent(args, registry)  # backprop through time, for elman
    if recurrent is not None:
        return recurrent
    if Path(args.spec).is_dir():  # a run directory: its trained weights, traced in float64
        from neurokit.api import load_run_float64

        spec, network = load_run_float64(args.spec, registry)
        require_feedforward(spec, registry, "explain")
    else:
        spec = load_spec(args.spec, registry)
        require_feedforward(spec, registry, "explain")
        spec.training = (
            spec.training.model_copy(update={"dtype": "float64"}) if spec.training else None
        )
        network = feedforward_network(builder.build_model(spec, registry), spec)
    # --eta goes through the spec's own checks, exactly as train's --eta does (η > 0, finite).
    checked = _with_eta(spec, args.eta, registry, Path(args.spec).name)
    if args.paths is None:
        check_small(spec.sizes)
    cost = builder.build_cost(spec, registry)
    if cost is None:
        raise NeurokitError(f"{args.spec}: the spec has no 'cost'; explain needs one for BP1")
    x, y = _example(args, spec, registry)
    if args.paths is not None:
        return _print_paths(network, cost, x, y, args.paths, args.digits)
    eta = _spec_eta(checked)
    if eta is None:
        raise NeurokitError(
            f"{args.spec}: no η to take the SGD step with; give --eta or an sgd optimizer"
        )
    trace = explain(network, cost, x, y, eta)
    fancy = args.format == "rich" or (args.format == "auto" and sys.stdout.isatty())
    if fancy:
        render_rich(trace, make_console(), args.digits)
    else:
        print(render_text(trace, args.digits))
    return 0


def _print_paths(network, cost, x, y, text: str, digits: int) -> int:
    from neurokit.lessons.paths import render_paths, weight_paths

    l, j, k = _indices(text)
    print(render_paths(weight_paths(network, cost, x, y, l, j, k), digits))
    return 0


def _indices(text: str) -> tuple[int, int, int]:
    """--paths l,j,k as three whole numbers, or one line saying what it takes."""
    from neurokit.core.errors import NeurokitError

    parts = [part.strip() for part in text.split(",")]
    if len(parts) != 3 or not all(part.isdecimal() for part in parts):
        raise NeurokitError(
            f"--paths {text!r}: give the weight w^l_jk as three whole numbers l,j,k, e.g. 2,1,1"
        )
    l, j, k = (int(part) for part in parts)
    return l, j, k


def _with_eta(spec, eta, registry, source: str):
    """``spec`` with ``eta`` as its η, checked as train checks its --eta (η > 0, finite)."""
    if eta is None:
        return spec
    from neurokit.spec import parse_spec
    from neurokit.spec.overrides import merge, partial_spec

    base = spec.model_dump(mode="json", exclude_none=True)
    return parse_spec(merge(base, partial_spec({"eta": eta})), registry, source=source)


def _numbers(text: str, flag: str) -> list[float]:
    from neurokit.commands._common import finite_numbers

    return finite_numbers(text, flag)


def _example(args, spec, registry):
    """(x, y) from --input/--target, or from the spec's training data."""
    from neurokit.core.errors import NeurokitError

    if (args.input is None) != (args.target is None):
        raise NeurokitError("give both --input and --target, or neither (to use the spec's data)")
    if args.input is not None:
        x, y = _numbers(args.input, "--input"), _numbers(args.target, "--target")
        for flag, numbers, layer, n in (
            ("--input", x, "input", spec.sizes[0]),
            ("--target", y, "output", spec.sizes[-1]),
        ):
            if len(numbers) != n:
                raise NeurokitError(f"{flag} has {len(numbers)} numbers; the {layer} layer has {n}")
        return x, y
    return spec_example(args, spec, registry)


def spec_example(args, spec, registry):
    """(x, y) of the spec's training example --example (a sequence, for a sequence model)."""
    from neurokit.core.errors import NeurokitError
    from neurokit.pipeline import builder

    if spec.data is None:
        raise NeurokitError(f"{args.spec}: the spec has no data; give --input and --target")
    train = builder.load_dataset(spec, registry).train
    if not 0 <= args.example < len(train):
        raise NeurokitError(
            f"--example {args.example}: the training data has examples 0 … {len(train) - 1}"
        )
    return train.x[args.example], train.y[args.example]


def _spec_eta(spec):
    if spec.optimizer is None:
        return None
    eta = spec.optimizer.params.get("eta")
    return float(eta) if isinstance(eta, int | float) else None
