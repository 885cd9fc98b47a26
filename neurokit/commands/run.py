"""neurokit run SPEC_OR_RUN --input 1,0: feed inputs forward and print the output layer a^L."""

from __future__ import annotations

NAME = "run"
HELP = "print the outputs a^L of a hand-set net (a spec with weights) or a trained run"
ORDER = 15

#: --truth-table lists 2^n rows; beyond this many inputs that is no longer a table to read.
MAX_TRUTH_TABLE_INPUTS = 12


def add_arguments(parser) -> None:
    parser.add_argument(
        "source",
        metavar="SPEC_OR_RUN",
        help="a spec whose layers all have hand-set weights and biases, or a run directory",
    )
    parser.add_argument(
        "--input",
        action="append",
        default=[],
        metavar="X",
        help="one input x as numbers separated by commas, e.g. 1,0 (repeatable; "
        "write --input=-1,0 for a leading minus)",
    )
    parser.add_argument("--truth-table", action="store_true", help="run every 0/1 input (2^n rows)")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    parser.add_argument(
        "--plain",
        action="store_true",
        help="a plain text table (the default when output is not a terminal)",
    )


def run(args) -> int:
    import numpy as np

    from neurokit.commands._common import load_registry, print_json
    from neurokit.core.errors import NeurokitError

    if not args.input and not args.truth_table:
        raise NeurokitError("give at least one --input X (e.g. --input 1,0) or --truth-table")
    registry = load_registry(args)
    name, network = load_network(args.source, registry)
    n_inputs = network.n_inputs
    rows = [parse_input(text, n_inputs) for text in args.input]
    if args.truth_table:
        rows += truth_table_inputs(n_inputs)
    x = np.array(rows, dtype=network.dtype)
    outputs = network.predict(np.asarray(x, dtype=network.dtype))
    if args.json:
        print_json(
            {
                "network": name,
                "sizes": _sizes(network),
                "rows": [
                    {"input": [float(v) for v in x_row], "output": [float(v) for v in a_row]}
                    for x_row, a_row in zip(x, outputs, strict=True)
                ],
            }
        )
        return 0
    show(name, network, x, outputs, plain=True if args.plain else None)
    return 0


def load_network(source, registry):
    """(name, network) from a run directory or a spec whose every layer has w^l and b^l."""
    from pathlib import Path

    from neurokit.core.errors import NeurokitError
    from neurokit.pipeline.builder import build_model
    from neurokit.pipeline.runs import load_run
    from neurokit.spec import load_spec

    path = Path(source)
    if path.is_dir():
        spec, network = load_run(path, registry)
        return spec.name, network
    spec = load_spec(path, registry)
    for l, layer in enumerate(spec.layers[1:], start=1):
        missing = [key for key in ("weights", "biases") if getattr(layer, key) is None]
        if not missing:
            continue
        if spec.training is not None:
            raise NeurokitError(
                f"{path.name}: layers[{l}] has no hand-set {' or '.join(missing)}: this spec is "
                f"for training; train it (neurokit train {source} --out DIR), then run DIR"
            )
        raise NeurokitError(
            f"{path.name}: layers[{l}].{missing[0]}: not set; a spec without 'training' runs "
            "only with hand-set weights and biases in every layer"
        )
    return spec.name, build_model(spec, registry)


def parse_input(text: str, n_inputs: int) -> list[float]:
    """'1,0' → [1.0, 0.0], checked to be n_inputs finite numbers."""
    from neurokit.commands._common import finite_numbers
    from neurokit.core.errors import NeurokitError

    values = finite_numbers(text, "--input")
    if len(values) != n_inputs:
        raise NeurokitError(
            f"--input {text!r}: the network has {_count(n_inputs, 'input')}, "
            f"got {_count(len(values), 'number')}"
        )
    return values


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def truth_table_inputs(n_inputs: int) -> list[list[float]]:
    """Every 0/1 input, in counting order: (0, 0), (0, 1), (1, 0), (1, 1) for two inputs."""
    import itertools

    from neurokit.core.errors import NeurokitError

    if n_inputs > MAX_TRUTH_TABLE_INPUTS:
        raise NeurokitError(
            f"--truth-table: the network has {n_inputs} inputs, which would be 2^{n_inputs} "
            f"rows (at most {MAX_TRUTH_TABLE_INPUTS} inputs); use --input"
        )
    return [list(map(float, bits)) for bits in itertools.product((0, 1), repeat=n_inputs)]


def show(name, network, x, outputs, plain=None) -> None:
    from neurokit.commands._tables import Printer, number

    n_in, n_out = x.shape[1], outputs.shape[1]
    headers = [f"x{k}" for k in range(1, n_in + 1)]
    headers += ["a^L"] if n_out == 1 else [f"a^L_{j}" for j in range(1, n_out + 1)]
    rows = [
        [number(v) for v in x_row] + [number(v) for v in a_row]
        for x_row, a_row in zip(x, outputs, strict=True)
    ]
    neurons = getattr(network, "neurons", [])
    kinds = (
        ", ".join(sorted({getattr(n, "name", type(n).__name__) for n in neurons})) or network.name
    )
    title = f"{name} ({'-'.join(map(str, _sizes(network)))}, {kinds})"
    Printer(plain=plain).table(title, headers, rows)


def _sizes(model) -> list[int]:
    """Layer sizes of a layered net; inputs and outputs for any other model."""
    return list(getattr(model, "sizes", [model.n_inputs, model.n_outputs]))
