"""The JSON spec of a network and its training: loading and checking it.

Checking happens in three passes, and every problem found is reported at once, in the order
the fields appear in the file, each as a field path (``layers[1].neuron``) and a message:
1. the JSON itself: NaN, Infinity, repeated keys and lone surrogates, which Python's ``json``
   reads but no student meant to write;
2. structure (``Spec.model_validate``, strict): types, required fields, unknown keys (with
   the keys allowed there and the closest one);
3. meaning (``check_spec``): component names against the registry (with a suggestion), each
   component's params against its own model, shapes of hand-set weights, memory (from the
   sizes alone, before anything is allocated), perceptrons and backprop. When the structure
   is broken, every component that can still be read gets its name and params checked.

Loading a spec never runs code: it is pure data.

This package holds ``load_spec`` and ``parse_spec``, which run the passes, and re-exports the
public names of its modules, one concept each:

- ``models``: the Pydantic models (``Spec``, ``Layer``, ``Component``, ``Training``, ``Data``);
- ``jsonfile``: reading the file's JSON (encoding, BOM, syntax hints, NaN, repeated keys);
- ``paths``: field paths such as ``layers[1].neuron``;
- ``messages``: Pydantic's errors as friendly ``Problem``s;
- ``checks``: the registry-aware meaning checks, memory, trainability, fit to a data set;
- ``schema``: the JSON Schema export.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from neurokit.core.errors import NeurokitError, Problem, SpecError
from neurokit.core.files import check_regular_file
from neurokit.spec.checks import (
    FEEDFORWARD_SECTIONS,
    MAX_PARAMETER_BYTES,
    check_against_data,
    check_component,
    check_memory,
    check_readable_components,
    check_sections,
    check_spec,
    model_sections,
)
from neurokit.spec.jsonfile import SURROGATE_MESSAGE, non_json_values, parse_json
from neurokit.spec.messages import describe_json_value, problems_from_validation
from neurokit.spec.models import SCHEMA_ID, SCHEMA_VERSION, Component, Data, Layer, Spec, Training
from neurokit.spec.paths import format_path
from neurokit.spec.schema import json_schema

__all__ = [
    "MAX_PARAMETER_BYTES",
    "SCHEMA_ID",
    "SCHEMA_VERSION",
    "Component",
    "Data",
    "Layer",
    "Spec",
    "Training",
    "check_against_data",
    "check_component",
    "check_sections",
    "check_spec",
    "format_path",
    "model_sections",
    "json_schema",
    "load_spec",
    "parse_spec",
    "problems_from_validation",
]


def load_spec(path: str | Path, registry=None, *, source: str = "") -> Spec:
    """Read, parse and check a spec file; raise ``SpecError`` listing every problem.

    Problems name the file as ``source`` (default its name: the user just typed the path)."""
    path = Path(path)
    source = source or path.name
    if path.exists() and not path.is_dir():  # a FIFO would block the read below
        check_regular_file(path, "spec file")
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise NeurokitError(f"{path}: no such spec file") from None
    except IsADirectoryError:
        raise NeurokitError(f"{path}: is a directory, not a spec file") from None
    except OSError as exc:
        raise NeurokitError(f"{path}: cannot read: {exc.strerror}") from None
    return parse_spec(raw, registry, source=source)


def parse_spec(raw: bytes | str | dict, registry=None, *, source: str = "<spec>") -> Spec:
    """Parse JSON text (or an already-parsed dict) into a checked ``Spec``.

    Without a registry only the structure and the memory estimate are checked; with one,
    every component name and its parameters too (``check_spec``).
    """
    data = raw if isinstance(raw, dict) else parse_json(raw, source)
    if not isinstance(data, dict):
        message = f"the top level must be a JSON object {{...}}, got {describe_json_value(data)}"
        raise SpecError([Problem("", message)], source)
    problems = non_json_values(data)
    spec = None
    try:
        # strict: JSON has no "3" that means 3, and a size of 2.0 or true is a mistake.
        spec = Spec.model_validate(data, strict=True)
    except ValidationError as exc:
        # NaN and surrogates were reported above, at their paths; Pydantic would repeat them.
        flagged = {problem.path for problem in problems}
        problems += [
            p
            for p in problems_from_validation(exc)
            if p.path not in flagged and p.message != SURROGATE_MESSAGE
        ]
    if spec is not None and not problems:
        problems = check_spec(spec, registry) if registry is not None else _check_structure(spec)
        if not problems:
            spec.remember_source(source)
            return spec
    elif registry is not None:
        # The structure is broken somewhere, but every component that can be read is still
        # checked, so a typo'd key and a typo'd neuron name are reported together.
        problems += check_readable_components(data, registry, [p.path for p in problems])
    raise SpecError(_in_document_order(problems, data), source)


def _check_structure(spec: Spec) -> list[Problem]:
    """Without a registry: the memory estimate and, for the default model, what it reads."""
    if spec.model is not None:
        return []
    return check_memory(spec) + check_sections(spec, FEEDFORWARD_SECTIONS)


def _in_document_order(problems: list[Problem], data: dict) -> list[Problem]:
    """Sort problems as their fields appear in the file; a missing field goes with its parent."""
    order: dict[str, int] = {}

    def walk(value: Any, loc: tuple) -> None:
        order.setdefault(format_path(loc), len(order))
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, (*loc, key))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                walk(item, (*loc, i))

    walk(data, ())

    def position(problem: Problem) -> int:
        path = problem.path
        while path not in order:
            path = path[: max(path.rfind("."), path.rfind("["), 0)]
        return order[path]

    return sorted(problems, key=position)
