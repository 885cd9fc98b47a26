"""neurokit gates: AND, OR, NAND, NOT from perceptrons; learning them; XOR and the adder."""

from __future__ import annotations

NAME = "gates"
HELP = "AND, OR, NAND, NOT as perceptrons, --learn them; XOR and the adder from NAND perceptrons"
ORDER = 50

CHOICES = ("and", "or", "nand", "nor", "not", "xor", "adder")
DEFAULT_SHOW = ("and", "or", "nand", "not", "xor", "adder")
DEFAULT_LEARN = ("and", "or", "nand", "not", "xor")


def _gate_name(text: str) -> str:
    # argparse's own choices check rejects an empty nargs="*" on Python 3.11, so check here.
    import argparse

    name = text.lower()
    if name not in CHOICES:
        raise argparse.ArgumentTypeError(f"unknown gate {text!r}; choose from {', '.join(CHOICES)}")
    return name


def add_arguments(parser) -> None:
    parser.add_argument(
        "gate",
        nargs="*",
        type=_gate_name,
        metavar="GATE",
        help=f"gates to show: {', '.join(CHOICES)} (default: all but nor)",
    )
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--learn",
        action="store_true",
        help="learn each gate with the perceptron rule w ← w + η (y − ŷ) x, b ← b + η (y − ŷ)",
    )
    mode.add_argument(
        "--sigmoid-limit",
        action="store_true",
        help="show σ(c·(w·x + b)) approach the perceptron as c = 1, 10, 100 grows",
    )
    mode.add_argument(
        "--small-change",
        action="store_true",
        help="why sigmoid neurons: a small Δw flips a perceptron but moves a sigmoid neuron "
        "by about σ'(z)(Σ x_j Δw_j + Δb)",
    )
    parser.add_argument("--eta", type=float, default=1.0, help="η for --learn (default 1)")
    parser.add_argument("--seed", type=int, default=0, help="seed for --learn (default 0)")
    parser.add_argument(
        "--max-epochs",
        type=int,
        default=100,
        help="give up after this many epochs with mistakes (default 100)",
    )
    parser.add_argument(
        "--plain",
        action="store_true",
        help="plain text tables (the default when output is not a terminal)",
    )


def run(args) -> int:
    import math

    from neurokit.commands._common import load_registry
    from neurokit.commands._tables import Printer
    from neurokit.core.errors import NeurokitError

    if args.max_epochs < 1:
        raise NeurokitError(f"--max-epochs must be at least 1, got {args.max_epochs}")
    if not (args.eta > 0 and math.isfinite(args.eta)):
        raise NeurokitError(f"--eta must be a positive number, got {args.eta}")
    if args.seed < 0:
        raise NeurokitError(f"--seed must be 0 or more, got {args.seed}")
    registry = load_registry(args)
    out = Printer(plain=True if args.plain else None)
    if args.small_change:
        from neurokit.lessons import small_change as lesson

        change = lesson.small_change()
        args_shown = (lesson.DEFAULT_W, lesson.DEFAULT_B, lesson.DEFAULT_X)
        print(lesson.format_small_change(change, *args_shown, lesson.DEFAULT_DW, lesson.DEFAULT_DB))
    elif args.sigmoid_limit:
        show_sigmoid_limit(out, args.gate or ["nand"])
    elif args.learn:
        gates = args.gate or DEFAULT_LEARN
        if "adder" in gates:
            raise NeurokitError(
                "the adder has two outputs (sum, carry); --learn trains one perceptron per gate"
            )
        for gate in gates:
            show_learned(out, gate, args, registry)
    else:
        for gate in args.gate or DEFAULT_SHOW:
            show_hand_set(out, gate, registry)
    return 0


# --- hand-set gates ---------------------------------------------------------------------------


def show_hand_set(out, gate: str, registry) -> None:
    from neurokit import api
    from neurokit.lessons import gates

    table = api.check_gate(gate, registry)
    layers = gates.network_layers(gate)
    if len(layers) == 1:
        unit = layers[0][0]
        title = f"{gate.upper()}: one perceptron, w = {_vector(unit.weights)}, b = {unit.bias}"
        out.table(title, *_truth_rows(table))
    else:
        sizes = [table.x.shape[1]] + [len(layer) for layer in layers]
        title = (
            f"{gate.upper()}: a {'-'.join(map(str, sizes))} network of perceptrons "
            f"({gates.SPEC_FILES[gate]})"
        )
        out.table(title, *_truth_rows(table))
        _verdict(out, table)
        for l, layer in enumerate(layers, start=2):
            out.text(f"  layer {l}: " + ", ".join(_unit_text(unit) for unit in layer))
        out.text()
        if gate == "xor":
            show_xor_comparison(out, table, registry)
        return
    _verdict(out, table)


def _unit_text(unit) -> str:
    return f"{unit.label} [w = {_vector(unit.weights)}, b = {unit.bias}]"


def _truth_rows(table) -> tuple[list[str], list[list[str]]]:
    from neurokit.commands._tables import number
    from neurokit.core import logic

    n_inputs = table.x.shape[1]
    names = logic.output_names(table.gate)
    headers = [f"x{k}" for k in range(1, n_inputs + 1)]
    if table.z is not None:
        headers.append("z = w·x + b")
    headers += [f"output {name}" if len(names) > 1 else "output" for name in names]
    headers += [f"{name} wanted" if len(names) > 1 else name for name in names]
    headers.append("ok")
    rows = []
    for i in range(len(table.x)):
        row = [str(v) for v in table.x[i]]
        if table.z is not None:
            row.append(number(table.z[i]))
        row += [str(v) for v in table.outputs[i]]
        row += [str(v) for v in table.expected[i]]
        row.append("✓" if table.row_correct[i] else "✗ WRONG")
        rows.append(row)
    return headers, rows


def _verdict(out, table) -> None:
    if table.all_correct:
        out.text(f"every row matches {table.gate.upper()}")
    else:
        wrong = int((~table.row_correct).sum())
        out.text(f"{wrong} of {len(table.x)} rows do NOT match {table.gate.upper()}")
    out.text()


def _vector(values) -> str:
    from neurokit.commands._tables import number

    return "(" + ", ".join(number(v) for v in values) + ")"


# --- XOR: NAND network beside a sigmoid net trained with backprop ------------------------------


def show_xor_comparison(out, nand_table, registry) -> None:
    from neurokit import api
    from neurokit.commands._tables import number
    from neurokit.lessons import gates

    network = api.train_xor_sigmoid(registry)
    sigmoid = network.feedforward(nand_table.x.astype(network.dtype))[:, 0]
    spec = gates.XOR_SIGMOID
    training = spec["training"]
    title = (
        f"XOR by backprop: the 2-3-1 sigmoid net of {gates.XOR_SIGMOID_FILE} "
        f"(η = {number(spec['optimizer']['params']['eta'])}, {training['epochs']} epochs, "
        f"seed {training['seed']})"
    )
    headers = ["x1", "x2", "XOR", "NAND network", "sigmoid net a^L", "a^L > 0.5", "ok"]
    rows = []
    for i in range(len(nand_table.x)):
        above = int(sigmoid[i] > 0.5)
        rows.append(
            [
                *(str(v) for v in nand_table.x[i]),
                str(nand_table.expected[i, 0]),
                str(nand_table.outputs[i, 0]),
                f"{sigmoid[i]:.4f}",
                str(above),
                "✓" if above == nand_table.expected[i, 0] else "✗ WRONG",
            ]
        )
    out.table(title, headers, rows)


# --- learning with the perceptron rule ---------------------------------------------------------


def show_learned(out, gate: str, args, registry) -> None:
    from neurokit.lessons import gates

    result = gates.learn_gate(gate, eta=args.eta, max_epochs=args.max_epochs, seed=args.seed)
    rule = f"η = {args.eta:g}, seed {args.seed}"
    if result.converged:
        table = gates.check_learned(result, gate)
        title = (
            f"{gate.upper()} learned ({rule}): w = {_rounded(result.weights)}, "
            f"b = {result.bias:.4g}, converged in {result.epochs} epochs"
        )
        out.table(title, *_truth_rows(table))
        _verdict(out, table)
        return
    last = ", ".join(map(str, result.mistakes[-5:]))
    out.text(
        f"{gate.upper()} ({rule}): the perceptron rule did not converge: no epoch without a "
        f"mistake in {result.epochs} epochs (mistakes in the last epochs: {last})."
    )
    reason = gates.why_not_separable(gate)
    out.text(
        reason or "The gate may not be linearly separable, or need more epochs (--max-epochs)."
    )
    out.text()
    if gate == "xor":
        # What a single perceptron cannot do, a network of them can: XOR, then the adder.
        show_hand_set(out, "xor", registry)
        show_hand_set(out, "adder", registry)


def _rounded(values) -> str:
    return "(" + ", ".join(f"{v:.4g}" for v in values) + ")"


# --- the sigmoid limit ---------------------------------------------------------------------------


def show_sigmoid_limit(out, gate_names, cs=(1, 10, 100)) -> None:
    from neurokit.core.errors import NeurokitError
    from neurokit.lessons import gates

    units = []
    for gate in gate_names:
        if gate not in gates.PERCEPTRONS:
            raise NeurokitError(
                f"--sigmoid-limit needs a single perceptron; {gate!r} is a network "
                f"(choose from {', '.join(gates.PERCEPTRONS)})"
            )
        units.append(gates.PERCEPTRONS[gate])
    out.text(
        "A sigmoid neuron with weights c·w and bias c·b outputs σ(c·z), z = w·x + b. As c grows "
        "it approaches the perceptron: σ(c·z) → 1 for z > 0 and → 0 for z < 0."
    )
    out.text()
    for unit in [*units, gates.EDGE_CASE]:
        limit = gates.sigmoid_limit(unit, cs)
        _limit_table(out, limit)
    out.text(
        "Where z = 0 the limit fails: σ(c·0) = 0.5 for every c, while the perceptron outputs 0 "
        "(it fires only for z > 0)."
    )


def _limit_table(out, limit) -> None:
    from neurokit.commands._tables import number

    n_inputs = limit.x.shape[1]
    headers = [f"x{k}" for k in range(1, n_inputs + 1)]
    headers += ["z = w·x + b", "perceptron"] + [f"σ({number(c)}·z)" for c in limit.cs]
    edge = limit.edge_rows.any()
    if edge:
        headers.append("")
    rows = []
    for i in range(len(limit.x)):
        row = [str(v) for v in limit.x[i]] + [number(limit.z[i]), str(limit.perceptron[i])]
        row += [f"{s:.6f}" for s in limit.sigmoid[i]]
        if edge:
            row.append("← z = 0" if limit.edge_rows[i] else "")
        rows.append(row)
    title = f"{limit.unit.label}: w = {_vector(limit.unit.weights)}, b = {number(limit.unit.bias)}"
    out.table(title, headers, rows)
