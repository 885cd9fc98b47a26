"""neurokit why-backprop SPEC: the lecture's exercise 2, measured on the spec's net."""

from __future__ import annotations

NAME = "why-backprop"
HELP = "measure how much faster backprop is than finite differences (the lecture's exercise 2)"
ORDER = 37


def add_arguments(parser) -> None:
    parser.add_argument("spec", metavar="SPEC", help="the JSON spec file")
    parser.add_argument(
        "--examples",
        type=int,
        help="examples the cost averages over (default: the spec's mini-batch size m, or 10)",
    )
    parser.add_argument(
        "--max-params",
        type=int,
        default=100_000,
        help="refuse nets with more weights and biases than this (default 100,000)",
    )
    parser.add_argument("--data-dir", metavar="DIR", help="where data set files are")


def run(args) -> int:
    from neurokit.commands._common import load_registry, require_feedforward
    from neurokit.core.errors import NeurokitError
    from neurokit.lessons.why_backprop import compare, estimate, format_comparison
    from neurokit.pipeline.lesson_inputs import float64_setup, spec_examples
    from neurokit.spec import load_spec

    registry = load_registry(args)
    spec = load_spec(args.spec, registry)
    require_feedforward(spec, registry, "why-backprop")
    setup = float64_setup(spec, registry)
    network, cost = setup.network, setup.cost
    for l, neuron in enumerate(network.neurons, start=2):
        if not getattr(neuron, "differentiable", True):
            raise NeurokitError(
                f"layer {l} uses {neuron.name!r}, which is not differentiable: "
                "backprop has no gradient to compare"
            )
    default = spec.training.batch_size if spec.training and spec.training.batch_size else 10
    count: int = args.examples or default
    if count < 1:
        raise NeurokitError("--examples must be at least 1")
    x, y, source = spec_examples(spec, registry, count, args.data_dir)
    guess = estimate(network, x)
    print(
        f"estimate: {guess.forward_passes:,} forward passes for the finite differences "
        f"× {guess.forward_seconds * 1e6:,.1f} µs each ≈ {guess.seconds:,.3g} s"
    )
    if guess.parameters > args.max_params:
        raise NeurokitError(
            f"the net has {guess.parameters:,} parameters, more than --max-params "
            f"{args.max_params:,}; the finite differences would take about {guess.seconds:,.2g} s. "
            f"Pass --max-params {guess.parameters} to run them anyway"
        )
    print(f"using {source}")
    comparison = compare(network, cost, x, y)
    print(format_comparison(comparison, network.sizes))
    return 0 if comparison.agree else 2
