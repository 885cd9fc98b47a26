"""Logic gates from perceptrons: the lecture's exercise 1 and its "network of perceptrons".

Everything a gate demo needs, callable from a notebook:

* ``LOGIC`` and ``truth_table`` (from ``neurokit.core.logic``): the gates' truth tables;
* ``PERCEPTRONS``: one hand-set perceptron per gate, e.g. NAND with w = (−2, −2), b = 3;
* ``NETWORKS``: XOR and the one-bit adder as layered networks of NAND perceptrons;
* ``example_specs``: all of them (and a sigmoid XOR net to train) as neurokit specs; the
  files in ``examples/gates/`` are these specs, checked equal by the tests;
* ``check_network``: run a built net on every row of a gate's truth table;
* ``learn_gate``: the perceptron learning rule on a gate's truth table;
* ``sigmoid_limit``: a sigmoid neuron with c·w, c·b approaches the perceptron as c grows.

Building a gate's net from its spec needs the registry, so ``neurokit.api.check_gate`` does
that part: ``api.check_gate("nand").all_correct`` is True.
"""

from __future__ import annotations

import copy
import itertools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from neurokit.core.logic import LOGIC, truth_table
from neurokit.core.neurons import Perceptron, Sigmoid
from neurokit.core.perceptron import MAX_EPOCHS, PerceptronResult, learn_perceptron

# --- hand-set perceptrons and networks of them ----------------------------------------------


@dataclass(frozen=True)
class Unit:
    """One perceptron in a hand-built net: what it computes, its w (one per unit of the layer
    below) and its b."""

    label: str
    weights: tuple[float, ...]
    bias: float


#: One perceptron per gate. z = w·x + b is never 0 on a 0/1 input, so the sigmoid limit holds.
PERCEPTRONS: dict[str, Unit] = {
    "and": Unit("AND(x1, x2)", (2, 2), -3),
    "or": Unit("OR(x1, x2)", (2, 2), -1),
    "nand": Unit("NAND(x1, x2)", (-2, -2), 3),
    "nor": Unit("NOR(x1, x2)", (-2, -2), 1),
    "not": Unit("NOT(x1)", (-2,), 1),
}


def _nand(label: str, n_below: int, i: int, j: int) -> Unit:
    """NAND of units i and j of the layer below (i == j: NOT, one input counted twice)."""
    weights = [0] * n_below
    weights[i] -= 2
    weights[j] -= 2
    return Unit(label, tuple(weights), 3)


def _copy(label: str, n_below: int, i: int) -> Unit:
    """Pass unit i of the layer below through unchanged: z = 2x − 1 is −1 for 0 and 1 for 1.

    A layered net only connects neighbouring layers, so a value needed two layers up rides
    along on one of these."""
    weights = [0] * n_below
    weights[i] = 2
    return Unit(label, tuple(weights), -1)


#: Layers (above the input) of hand-built networks of perceptrons, unit by unit.
NETWORKS: dict[str, list[list[Unit]]] = {
    # XOR(a, b) = NAND(NAND(a, n), NAND(n, b)) with n = NAND(a, b): four NAND perceptrons.
    "xor": [
        [_copy("x1", 2, 0), _nand("n = NAND(x1, x2)", 2, 0, 1), _copy("x2", 2, 1)],
        [_nand("p = NAND(x1, n)", 3, 0, 1), _nand("q = NAND(n, x2)", 3, 1, 2)],
        [_nand("XOR = NAND(p, q)", 2, 0, 1)],
    ],
    # The adder adds carry = AND(x1, x2) = NAND(n, n) to the XOR network: five NANDs.
    "adder": [
        [_copy("x1", 2, 0), _nand("n = NAND(x1, x2)", 2, 0, 1), _copy("x2", 2, 1)],
        [
            _nand("p = NAND(x1, n)", 3, 0, 1),
            _nand("q = NAND(n, x2)", 3, 1, 2),
            _nand("carry = NAND(n, n)", 3, 1, 1),
        ],
        [_nand("sum = NAND(p, q)", 3, 0, 1), _copy("carry", 3, 2)],
    ],
}

#: Where a gate's hand-set net lives in ``examples/gates/``.
SPEC_FILES: dict[str, str] = {
    **{gate: f"{gate}.json" for gate in PERCEPTRONS},
    "xor": "xor-nand-network.json",
    "adder": "adder.json",
}
XOR_SIGMOID_FILE = "xor-sigmoid.json"
AND_LEARN_FILE = "and-learn.json"

#: AND learned by the perceptron rule (the model ``perceptron``) through ``neurokit train``.
AND_LEARN = {
    "schema_version": 1,
    "name": "and-learn",
    "description": (
        "One perceptron learns AND by Rosenblatt's perceptron rule, w ← w + η (y − ŷ) x, "
        "b ← b + η (y − ŷ), trained, saved and evaluated like any other run"
    ),
    "model": {"name": "perceptron", "params": {"eta": 1.0}},
    "layers": [{"size": 2}, {"size": 1}],
    "training": {"epochs": 10, "seed": 0},
    "data": {"name": "gates", "params": {"gate": "and"}},
}

#: A sigmoid net that learns XOR with backprop: η and seed checked by the tests.
XOR_SIGMOID: dict[str, Any] = {
    "schema_version": 1,
    "name": "xor-sigmoid",
    "description": (
        "A 2-3-1 sigmoid network learns XOR with backprop and mini-batch SGD, where a single "
        "perceptron cannot: compare with xor-nand-network.json."
    ),
    "layers": [
        {"size": 2},
        {"size": 3, "neuron": "sigmoid"},
        {"size": 1, "neuron": "sigmoid"},
    ],
    "cost": "quadratic",
    "optimizer": {"name": "sgd", "params": {"eta": 4.0}},
    "training": {"epochs": 2000, "batch_size": 4, "seed": 1},
    "data": {"name": "gates", "params": {"gate": "xor"}},
}


def network_layers(gate: str) -> list[list[Unit]]:
    """The hand-set layers of a gate: one perceptron, or a network of them."""
    if gate in PERCEPTRONS:
        return [[PERCEPTRONS[gate]]]
    if gate in NETWORKS:
        return NETWORKS[gate]
    from neurokit.core.errors import NeurokitError

    known = ", ".join([*PERCEPTRONS, *NETWORKS])
    raise NeurokitError(f"no hand-set perceptron net for {gate!r}; there is one for: {known}")


def spec_dict(gate: str) -> dict:
    """The neurokit spec (as JSON data) of a gate's hand-set perceptron net."""
    layers = network_layers(gate)
    n_inputs = LOGIC[gate][0]
    sizes = [n_inputs] + [len(layer) for layer in layers]
    units = "; ".join(
        f"layer {l}: " + ", ".join(unit.label for unit in layer)
        for l, layer in enumerate(layers, start=2)
    )
    kind = "A perceptron" if len(layers) == 1 else "A network of perceptrons"
    what = "the one-bit adder: outputs (sum, carry)" if gate == "adder" else gate.upper()
    return {
        "schema_version": 1,
        "name": Path(SPEC_FILES[gate]).stem,
        "description": f"{kind} computing {what} ({'-'.join(map(str, sizes))}). {units}",
        "layers": [{"size": n_inputs}]
        + [
            {
                "size": len(layer),
                "neuron": "perceptron",
                "weights": [list(unit.weights) for unit in layer],
                "biases": [unit.bias for unit in layer],
            }
            for layer in layers
        ],
        "data": {"name": "gates", "params": {"gate": gate}},
    }


def example_specs() -> dict[str, dict]:
    """file name → spec data, for every file of ``examples/gates/``."""
    specs = {SPEC_FILES[gate]: spec_dict(gate) for gate in SPEC_FILES}
    specs[XOR_SIGMOID_FILE] = copy.deepcopy(XOR_SIGMOID)
    specs[AND_LEARN_FILE] = copy.deepcopy(AND_LEARN)
    return specs


def write_example_specs(directory: str | Path) -> list[Path]:
    """(Re)write ``examples/gates/`` from the definitions above: one layer per line."""
    from neurokit.core import atomic

    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, spec in example_specs().items():
        atomic.write_text(directory / name, format_spec(spec))
        written.append(directory / name)
    return written


def format_spec(spec: dict) -> str:
    """JSON with each layer on its own line, so a net's weights read like the lecture's w^l."""
    lines = ["{"]
    items = list(spec.items())
    for i, (key, value) in enumerate(items):
        comma = "," if i < len(items) - 1 else ""
        if key == "layers":
            lines.append('  "layers": [')
            lines += [
                f"    {json.dumps(layer)}{',' if j < len(value) - 1 else ''}"
                for j, layer in enumerate(value)
            ]
            lines.append(f"  ]{comma}")
        else:
            lines.append(f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"


# --- running and checking -------------------------------------------------------------------


@dataclass(frozen=True, repr=False)
class TruthTable:
    """A net's outputs on every row of a gate's truth table, next to the right answers."""

    gate: str
    x: np.ndarray
    expected: np.ndarray
    outputs: np.ndarray
    #: w·x + b of the output unit, for a single perceptron (None for a network).
    z: np.ndarray | None = None

    def __repr__(self) -> str:
        wrong = len(self.x) - int(self.row_correct.sum())
        verdict = "every row right" if not wrong else f"{wrong} of {len(self.x)} rows wrong"
        return f"TruthTable({self.gate!r}, {len(self.x)} rows, {verdict})"

    @property
    def row_correct(self) -> np.ndarray:
        return (self.outputs == self.expected).all(axis=1)

    @property
    def all_correct(self) -> bool:
        return bool(self.row_correct.all())


def check_network(network, gate: str) -> TruthTable:
    """Run a 0/1 network on every input of ``gate`` and compare with the logical function."""
    x, y = truth_table(gate)
    zs, activations = network.forward(x.astype(network.dtype))
    z = zs[-1][:, 0] if len(zs) == 1 and zs[-1].shape[1] == 1 else None
    return TruthTable(gate, x, y, activations[-1].astype(np.int64), z)


def check_learned(result: PerceptronResult, gate: str) -> TruthTable:
    """The truth table of a learned perceptron, checked row by row."""
    x, y = truth_table(gate)
    return TruthTable(gate, x, y, result.predict(x)[:, None], result.z(x))


# --- learning -------------------------------------------------------------------------------


def learn_gate(
    gate: str, *, eta: float = 1.0, max_epochs: int = MAX_EPOCHS, seed: int = 0
) -> PerceptronResult:
    """The perceptron learning rule on a one-output gate's truth table."""
    x, y = truth_table(gate)
    if y.shape[1] != 1:
        from neurokit.core.errors import NeurokitError

        raise NeurokitError(f"{gate!r} has {y.shape[1]} outputs; a perceptron has one")
    return learn_perceptron(x, y[:, 0], eta=eta, max_epochs=max_epochs, seed=seed)


def why_not_separable(gate: str) -> str | None:
    """The proof that no single perceptron computes a 2-input gate, when there is one.

    For any w, b: z(0,0) + z(1,1) = z(0,1) + z(1,0) = w1 + w2 + 2b. So one pair of opposite
    corners cannot both be 1 (z > 0) while the other pair are both 0 (z ≤ 0).
    """
    x, y = truth_table(gate)
    if x.shape[1] != 2 or y.shape[1] != 1:
        return None
    out = {tuple(row): int(v) for row, v in zip(x.tolist(), y[:, 0], strict=True)}
    diagonal, anti = (out[0, 0], out[1, 1]), (out[0, 1], out[1, 0])
    if {diagonal, anti} != {(0, 0), (1, 1)}:
        return None
    ones, zeros = (
        ("(0,1), (1,0)", "(0,0), (1,1)") if anti == (1, 1) else ("(0,0), (1,1)", "(0,1), (1,0)")
    )
    return (
        f"{gate.upper()} is not linearly separable: it needs z = w·x + b > 0 at {ones} and "
        f"z ≤ 0 at {zeros}, but both pairs of z add up to w1 + w2 + 2b, which cannot be "
        "both > 0 and ≤ 0. No single perceptron computes it; a network of them does."
    )


# --- the sigmoid neuron as a smoothed perceptron ---------------------------------------------

#: AND by a perceptron with z = 0 on (0,1) and (1,0): the edge case of the sigmoid limit.
EDGE_CASE = Unit("AND with z = 0 on (0,1), (1,0)", (1, 1), -1)


@dataclass(frozen=True, repr=False)
class SigmoidLimit:
    """σ(c·z) for each c, beside the perceptron's output, on every input of a perceptron."""

    unit: Unit
    x: np.ndarray
    z: np.ndarray
    perceptron: np.ndarray
    cs: tuple[float, ...]
    #: sigmoid[i, k] = σ(c_k · z_i): the sigmoid neuron with weights c·w and bias c·b.
    sigmoid: np.ndarray

    def __repr__(self) -> str:
        return f"SigmoidLimit({self.unit.label!r}, c={list(self.cs)})"

    @property
    def edge_rows(self) -> np.ndarray:
        """Rows where w·x + b = 0: σ stays 1/2 for every c while the perceptron says 0."""
        return self.z == 0


def sigmoid_limit(unit: Unit, cs=(1, 10, 100)) -> SigmoidLimit:
    """Multiply a perceptron's w and b by c and feed every 0/1 input to a sigmoid neuron."""
    x = np.array(list(itertools.product((0, 1), repeat=len(unit.weights))), dtype=float)
    z = x @ np.array(unit.weights, dtype=float) + unit.bias
    # (c·w)·x + c·b = c·z, so the scaled sigmoid neuron outputs σ(c·z).
    sigmoid = Sigmoid().sigma(np.outer(z, np.array(cs, dtype=float)))
    perceptron = Perceptron().sigma(z).astype(np.int64)
    return SigmoidLimit(unit, x.astype(np.int64), z, perceptron, tuple(cs), sigmoid)
