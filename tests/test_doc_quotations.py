"""Code quoted in the docs stays equal to the code it quotes.

Two kinds of quotation are checked:

* a table column headed "in `Name.attr`" (a name the same doc links to its file, as in
  [`Network.backprop`](../neurokit/core/network.py)): every code span in that column must
  appear in the source of that function (``...`` stands for an omitted part);
* an index formula, "w^l_jk is `EXPR`" or "b^l_j is `EXPR`", in the docs or in a module
  docstring: EXPR is evaluated for every l, j, k of the lecture's hand-set 2-2-2 net and must
  give the weight the spec file sets at that place, counted from 1 as the lecture does.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import numpy as np
import pytest

from neurokit.core.network import Network
from neurokit.core.neurons import Sigmoid

ROOT = Path(__file__).resolve().parents[1]
DOCS = sorted((ROOT / "docs").glob("*.md")) + [ROOT / "README.md"]
MODULES = sorted((ROOT / "neurokit").rglob("*.py"))
LINK = re.compile(r"\[`([A-Za-z_][\w.]*)(?:\(\))?`\]\((\.\./neurokit/[\w/]+\.py)\)")
COLUMN_HEAD = re.compile(r"^in `([A-Za-z_][\w.]*)`$")
SPAN = re.compile(r"`([^`]+)`")
INDEX_FORMULA = re.compile(r"\b([wb])\^l_(jk|j) is ``?([^`]+?)``?(?=[\s.,;:)]|$)")


def defined_source(path: Path, qualified: str) -> str:
    """The source text of ``Class.method`` or ``function`` in a Python file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parts, nodes = qualified.split("."), tree.body
    node = None
    for part in parts:
        node = next(
            n for n in nodes if isinstance(n, ast.FunctionDef | ast.ClassDef) and n.name == part
        )
        nodes = getattr(node, "body", [])
    return ast.get_source_segment(path.read_text(encoding="utf-8"), node)


def table_quotations() -> list[tuple[str, str, Path, str]]:
    """(doc, quoted code, file, qualified name) for every code span in an "in `X`" column."""
    found = []
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        files = {name: (doc.parent / file).resolve() for name, file in LINK.findall(text)}
        column, name = None, None
        for line in text.splitlines():
            if not line.startswith("|"):
                column = None
                continue
            cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
            heads = [COLUMN_HEAD.match(cell) for cell in cells]
            if any(heads):
                column = next(i for i, head in enumerate(heads) if head)
                name = heads[column].group(1)
                continue
            if column is not None and column < len(cells):
                found += [
                    (doc.name, span, files[name], name) for span in SPAN.findall(cells[column])
                ]
    return found


def squeeze(code: str) -> str:
    return re.sub(r"\s+", "", code)


TABLE_QUOTATIONS = table_quotations()


def test_the_tables_quote_something():
    # BP1–BP4 in the tutorial at least; an empty list would make the next test vacuous
    assert len(TABLE_QUOTATIONS) >= 4


@pytest.mark.parametrize(
    ("doc", "quoted", "path", "name"), TABLE_QUOTATIONS, ids=[q[1] for q in TABLE_QUOTATIONS]
)
def test_table_quotation_is_in_the_code(doc, quoted, path, name):
    source = squeeze(defined_source(path, name))
    for part in quoted.split("..."):
        assert squeeze(part) in source, f"{doc} quotes `{quoted}` from {name}, which lacks {part!r}"


def index_formulas() -> list[tuple[str, str, str]]:
    """(where, symbol w or b, expression) for every "w^l_jk is `EXPR`" in docs and docstrings."""
    found = []
    for path in DOCS + MODULES:
        text = path.read_text(encoding="utf-8")
        for symbol, _, expression in INDEX_FORMULA.findall(text):
            found.append((path.relative_to(ROOT).as_posix(), symbol, expression))
    return found


INDEX_FORMULAS = index_formulas()


def test_index_formulas_are_found_where_the_issue_saw_them():
    places = {where for where, _, _ in INDEX_FORMULAS}
    assert {"neurokit/__init__.py", "docs/tutorial.md", "docs/architecture.md"} <= places


@pytest.mark.parametrize(("where", "symbol", "expression"), INDEX_FORMULAS)
def test_index_formula_picks_the_lectures_weight(where, symbol, expression):
    spec = json.loads((ROOT / "examples" / "lecture-2-2-2.json").read_text(encoding="utf-8"))
    layers = spec["layers"]
    network = Network([2, 2, 2], [Sigmoid(), Sigmoid()])
    network.set_parameters(
        [np.array(layer["weights"]) for layer in layers[1:]],
        [np.array(layer["biases"]) for layer in layers[1:]],
    )
    checked = 0
    for l in (2, 3):  # 1-based, as in the lecture: w^2 and w^3
        for j in (1, 2):
            for k in (1, 2):
                scope = {
                    "network": network,
                    "weights": network.weights,
                    "biases": network.biases,
                    "l": l,
                    "j": j,
                    "k": k,
                }
                got = eval(expression, {}, scope)  # noqa: S307 - our own docs, a test
                want = layers[l - 1]["weights" if symbol == "w" else "biases"][j - 1]
                want = want[k - 1] if symbol == "w" else want
                assert got == want, f"{where}: {symbol}^{l}_{j}{k if symbol == 'w' else ''}"
                checked += 1
    assert checked == 8
