"""Gates from perceptrons: hand-set and learned truth tables, the NAND networks, the gates data
set, the sigmoid limit, XOR by backprop, and what ``neurokit gates`` prints."""

from __future__ import annotations

import io
import itertools
import json
from pathlib import Path

import numpy as np
import pytest

from neurokit import api, cli
from neurokit.core import logic
from neurokit.core.errors import SpecError
from neurokit.lessons import gates
from neurokit.pipeline.builder import build_network
from neurokit.pipeline.registry import load_registry
from neurokit.pipeline.runs import load_run
from neurokit.spec import load_spec, parse_spec

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "gates"
INPUTS = [(0, 0), (0, 1), (1, 0), (1, 1)]

# The truth tables, written out by hand: what every net must reproduce.
EXPECTED = {
    "and": {(0, 0): (0,), (0, 1): (0,), (1, 0): (0,), (1, 1): (1,)},
    "or": {(0, 0): (0,), (0, 1): (1,), (1, 0): (1,), (1, 1): (1,)},
    "nand": {(0, 0): (1,), (0, 1): (1,), (1, 0): (1,), (1, 1): (0,)},
    "nor": {(0, 0): (1,), (0, 1): (0,), (1, 0): (0,), (1, 1): (0,)},
    "not": {(0,): (1,), (1,): (0,)},
    "xor": {(0, 0): (0,), (0, 1): (1,), (1, 0): (1,), (1, 1): (0,)},
    # (sum, carry) of x1 + x2
    "adder": {(0, 0): (0, 0), (0, 1): (1, 0), (1, 0): (1, 0), (1, 1): (0, 1)},
}
FILES = {
    "and": "and.json",
    "or": "or.json",
    "nand": "nand.json",
    "nor": "nor.json",
    "not": "not.json",
    "xor": "xor-nand-network.json",
    "adder": "adder.json",
}


@pytest.fixture(scope="module")
def registry():
    return load_registry()


def run_example(name: str, registry) -> dict:
    """The net of an example file, run on every 0/1 input the way a user would."""
    spec = load_spec(EXAMPLES / name, registry)
    network = build_network(spec, registry)
    rows = list(itertools.product((0, 1), repeat=network.sizes[0]))
    outputs = network.feedforward(np.array(rows, dtype=float))
    return {row: tuple(int(v) for v in out) for row, out in zip(rows, outputs, strict=True)}


def as_dict(table) -> dict:
    rows = zip(table.x.tolist(), table.outputs.tolist(), strict=True)
    return {tuple(x): tuple(out) for x, out in rows}


# --- hand-set nets ---------------------------------------------------------------------------


@pytest.mark.parametrize("gate", sorted(FILES))
def test_every_example_net_computes_its_truth_table(gate, registry):
    assert run_example(FILES[gate], registry) == EXPECTED[gate]


@pytest.mark.parametrize("gate", sorted(FILES))
def test_check_gate_agrees_with_the_hand_written_table(gate, registry):
    table = api.check_gate(gate, registry)
    assert table.all_correct
    got = as_dict(table)
    assert got == EXPECTED[gate]


def test_nand_is_the_classic_perceptron():
    spec = json.loads((EXAMPLES / "nand.json").read_text())
    layer = spec["layers"][1]
    assert layer["neuron"] == "perceptron"
    assert layer["weights"] == [[-2, -2]] and layer["biases"] == [3]


def test_example_files_are_the_specs_defined_in_neurokit_gates():
    # One definition: the files must be exactly what neurokit.lessons.gates builds (regenerate them
    # with neurokit.lessons.gates.write_example_specs("examples/gates") after changing a gate).
    specs = gates.example_specs()
    assert sorted(p.name for p in EXAMPLES.glob("*.json")) == sorted(specs)
    for name, data in specs.items():
        on_disk = parse_spec((EXAMPLES / name).read_bytes(), source=name)
        assert on_disk == parse_spec(data, source=name), name


def test_write_example_specs_round_trips(tmp_path):
    written = gates.write_example_specs(tmp_path)
    assert {p.name for p in written} == set(gates.example_specs())
    for path in written:
        assert json.loads(path.read_text()) == gates.example_specs()[path.name]


def test_networks_are_nand_perceptrons_and_copies():
    # Every unit of the XOR and adder nets is NAND (w = −2 on two inputs, or −4 on one input
    # counted twice, b = 3) or a copy (w = 2 on one input, b = −1).
    for gate in ("xor", "adder"):
        for layer in gates.NETWORKS[gate]:
            for unit in layer:
                weights = sorted(w for w in unit.weights if w != 0)
                assert (weights, unit.bias) in (([-2, -2], 3), ([-4], 3), ([2], -1)), unit
    nands = sum(unit.bias == 3 for layer in gates.NETWORKS["adder"] for unit in layer)
    assert nands == 5


def test_a_broken_network_is_reported_row_by_row(registry):
    network = api.gate_network("nand", registry)
    network.biases[0][0] = 5.0  # now z > 0 for every input: always 1
    table = gates.check_network(network, "nand")
    assert not table.all_correct
    assert table.row_correct.tolist() == [True, True, True, False]
    assert repr(table) == "TruthTable('nand', 4 rows, 1 of 4 rows wrong)"


# --- learned perceptrons ---------------------------------------------------------------------


@pytest.mark.parametrize("gate", ["and", "or", "nand", "nor", "not"])
def test_learned_perceptrons_compute_the_truth_table_exactly(gate):
    for seed in range(20):
        result = gates.learn_gate(gate, seed=seed)
        assert result.converged, f"{gate} seed {seed}"
        table = gates.check_learned(result, gate)
        got = as_dict(table)
        assert got == EXPECTED[gate], f"{gate} seed {seed}"


def test_learning_xor_does_not_converge_and_says_why():
    result = gates.learn_gate("xor", max_epochs=30)
    assert not result.converged and result.epochs == 30
    reason = gates.why_not_separable("xor")
    assert "XOR is not linearly separable" in reason
    assert "w1 + w2 + 2b" in reason


def test_separability_reasons_match_a_brute_force_search():
    # A second, independent check: search small integer perceptrons for each 2-input gate.
    # (For two inputs these suffice: every separable gate has one with |w|, |b| ≤ 3.)
    grid = range(-3, 4)
    x = np.array(INPUTS)
    for gate in ("and", "or", "nand", "nor", "xor", "xnor"):
        y = logic.truth_table(gate)[1][:, 0]
        found = any(
            np.array_equal((x @ np.array([w1, w2]) + b > 0).astype(int), y)
            for w1, w2, b in itertools.product(grid, grid, grid)
        )
        assert found == (gates.why_not_separable(gate) is None), gate


def test_adder_cannot_be_learned_by_one_perceptron():
    with pytest.raises(Exception, match="2 outputs"):
        gates.learn_gate("adder")


# --- the gates data set ------------------------------------------------------------------------


def test_gates_data_set_holds_the_truth_table(registry):
    dataset = registry.get("dataset", "gates").load({"gate": "xor"}, dtype="float32")
    assert dataset.train.x.tolist() == [[0, 0], [0, 1], [1, 0], [1, 1]]
    assert dataset.train.y.tolist() == [[0], [1], [1], [0]]
    assert dataset.train.x.dtype == np.float32
    adder = registry.get("dataset", "gates").load({"gate": "adder"}, dtype="float64")
    assert adder.train.y.tolist() == [[0, 0], [1, 0], [1, 0], [0, 1]]
    assert adder.notes["outputs"] == ["sum", "carry"]
    nand = registry.get("dataset", "gates").load({"gate": "NAND"}, dtype="float64")
    assert nand.train.y.tolist() == [[1], [1], [1], [0]]


def test_a_spec_naming_an_unknown_gate_is_refused(registry):
    data = gates.example_specs()["xor-sigmoid.json"] | {
        "data": {"name": "gates", "params": {"gate": "xro"}}
    }
    with pytest.raises(SpecError) as info:
        parse_spec(data, registry, source="bad.json")
    message = str(info.value)
    assert "data.params.gate" in message and "'xor'" in message


# --- the sigmoid limit -------------------------------------------------------------------------


def test_sigmoid_limit_values_by_hand():
    limit = gates.sigmoid_limit(gates.PERCEPTRONS["nand"], cs=(1, 10, 100))
    assert limit.z.tolist() == [3, 1, 1, -1]
    assert limit.perceptron.tolist() == [1, 1, 1, 0]
    # σ(1) = 1 / (1 + e^−1) and σ(10) = 1 / (1 + e^−10), computed here directly
    assert limit.sigmoid[1, 0] == pytest.approx(1 / (1 + np.exp(-1)), rel=1e-12)
    assert limit.sigmoid[1, 1] == pytest.approx(1 / (1 + np.exp(-10)), rel=1e-12)
    assert limit.sigmoid[3, 1] == pytest.approx(1 / (1 + np.exp(10)), rel=1e-9)
    gaps = np.abs(limit.sigmoid - limit.perceptron[:, None])
    assert (np.diff(gaps, axis=1) < 0).all()  # closer to the perceptron as c grows
    assert gaps[:, -1].max() < 1e-40
    assert not limit.edge_rows.any()


def test_sigmoid_limit_fails_where_z_is_zero():
    limit = gates.sigmoid_limit(gates.EDGE_CASE, cs=(1, 10, 100))
    assert limit.edge_rows.tolist() == [False, True, True, False]
    assert limit.perceptron.tolist() == [0, 0, 0, 1]  # still AND
    assert (limit.sigmoid[limit.edge_rows] == 0.5).all()


# --- XOR by backprop -------------------------------------------------------------------------


def test_backprop_sigmoid_net_learns_xor_with_the_examples_seed(tmp_path, capsys):
    out = tmp_path / "run"
    status = cli.main(
        ["train", str(EXAMPLES / "xor-sigmoid.json"), "--out", str(out), "--progress", "none"]
    )
    assert status == 0
    _, network = load_run(out, load_registry())
    a = network.feedforward(np.array(INPUTS, dtype=float))[:, 0]
    assert (a > 0.5).tolist() == [False, True, True, False]


def test_examples_xor_json_still_matches_the_gates_version():
    # examples/xor.json (inline data) and examples/gates/xor-sigmoid.json (gates data) are
    # the same net and training; keep them from drifting apart.
    inline = json.loads((ROOT / "examples" / "xor.json").read_text())
    gated = gates.XOR_SIGMOID
    for key in ("layers", "cost", "optimizer", "training"):
        assert inline[key] == gated[key], key
    assert inline["data"]["params"]["train"]["y"] == [[0], [1], [1], [0]]


# --- the command ---------------------------------------------------------------------------------


def table_after(output: str, title_start: str) -> list[list[str]]:
    """The rows (split into cells) of the plain table whose title starts with title_start."""
    lines = output.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(title_start))
    rows = []
    for line in lines[start + 2 :]:
        if not line.strip():
            break
        rows.append(line.split())
    return rows


def test_gates_prints_every_truth_table_in_plain_mode(capsys):
    assert cli.main(["gates", "--plain"]) == 0
    out = capsys.readouterr().out
    assert table_after(out, "AND: one perceptron, w = (2, 2), b = -3") == [
        ["0", "0", "-3", "0", "0", "✓"],
        ["0", "1", "-1", "0", "0", "✓"],
        ["1", "0", "-1", "0", "0", "✓"],
        ["1", "1", "1", "1", "1", "✓"],
    ]
    assert table_after(out, "OR: one perceptron")[0] == ["0", "0", "-1", "0", "0", "✓"]
    assert table_after(out, "NAND: one perceptron, w = (-2, -2), b = 3") == [
        ["0", "0", "3", "1", "1", "✓"],
        ["0", "1", "1", "1", "1", "✓"],
        ["1", "0", "1", "1", "1", "✓"],
        ["1", "1", "-1", "0", "0", "✓"],
    ]
    assert table_after(out, "NOT: one perceptron") == [
        ["0", "1", "1", "1", "✓"],
        ["1", "-1", "0", "0", "✓"],
    ]
    xor = table_after(out, "XOR: a 2-3-2-1 network")
    assert [row[2] for row in xor] == ["0", "1", "1", "0"]
    adder = table_after(out, "ADDER: a 2-3-3-2 network")
    assert [row[2:4] for row in adder] == [["0", "0"], ["1", "0"], ["1", "0"], ["0", "1"]]
    backprop = table_after(out, "XOR by backprop")
    assert [row[5] for row in backprop] == ["0", "1", "1", "0"]
    assert "✗" not in out
    assert out.count("every row matches") == 6


def test_gates_without_a_terminal_is_plain(capsys):
    # capsys's stdout is not a terminal, so the default is the plain text tables.
    assert cli.main(["gates", "nand"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("NAND: one perceptron, w = (-2, -2), b = 3\n")
    assert "AND: one" not in out.replace("NAND: one", "")
    assert "─" not in out


def test_gates_learn_reports_weights_epochs_and_xor(capsys):
    assert cli.main(["gates", "--learn", "--seed", "2"]) == 0
    out = capsys.readouterr().out
    for gate in ("AND", "OR", "NAND", "NOT"):
        assert f"{gate} learned (η = 1, seed 2): w = (" in out
        title = next(line for line in out.splitlines() if line.startswith(f"{gate} learned"))
        result = gates.learn_gate(gate.lower(), seed=2)
        assert f"converged in {result.epochs} epochs" in title
        assert f"b = {result.bias:.4g}" in title
    assert "XOR (η = 1, seed 2): the perceptron rule did not converge" in out
    assert "XOR is not linearly separable" in out
    assert [row[2] for row in table_after(out, "XOR: a 2-3-2-1 network")] == ["0", "1", "1", "0"]
    adder = table_after(out, "ADDER: a 2-3-3-2 network")
    assert [row[2:4] for row in adder] == [["0", "0"], ["1", "0"], ["1", "0"], ["0", "1"]]


def test_gates_sigmoid_limit_shows_the_approach_and_the_edge_case(capsys):
    assert cli.main(["gates", "--sigmoid-limit", "--plain"]) == 0
    out = capsys.readouterr().out
    nand = table_after(out, "NAND(x1, x2): w = (-2, -2), b = 3")
    assert nand[3] == ["1", "1", "-1", "0", "0.268941", "0.000045", "0.000000"]
    edge = table_after(out, gates.EDGE_CASE.label)
    assert edge[1] == ["0", "1", "0", "0", "0.500000", "0.500000", "0.500000", "←", "z", "=", "0"]
    assert "σ(c·0) = 0.5 for every c" in out


@pytest.mark.parametrize(
    "argv, message",
    [
        (["gates", "--learn", "adder"], "two outputs"),
        (["gates", "--sigmoid-limit", "xor"], "needs a single perceptron"),
        (["gates", "--learn", "--max-epochs", "0"], "--max-epochs must be at least 1"),
        (["gates", "--learn", "--eta", "-1"], "--eta must be a positive number"),
        (["gates", "--learn", "--eta", "nan"], "--eta must be a positive number"),
        (["gates", "--learn", "--seed", "-3"], "--seed must be 0 or more"),
    ],
)
def test_gates_bad_requests_exit_2_with_one_line(argv, message, capsys):
    assert cli.main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1


def test_gates_unknown_gate_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as info:
        cli.main(["gates", "nope"])
    assert info.value.code == 2
    assert "unknown gate 'nope'" in capsys.readouterr().err


def test_rich_tables_render_the_same_rows():
    from neurokit.commands._tables import Printer

    stream = io.StringIO()
    Printer(plain=False, stream=stream).table("NAND", ["x1", "x2", "out"], [["1", "1", "0"]])
    text = stream.getvalue()
    assert "NAND" in text and "x1" in text and "─" in text
    assert ["1", "1", "0"] in [line.split() for line in text.splitlines()]
