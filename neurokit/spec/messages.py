"""Pydantic's validation errors turned into friendly ``Problem``s: one sentence a student can
act on, at a readable field path, naming the keys allowed where an unknown one was found.
"""

from __future__ import annotations

import difflib
import json
import types
import typing
from typing import Annotated, Any

from pydantic import BaseModel, ValidationError

from neurokit.core.errors import Problem
from neurokit.spec.jsonfile import SURROGATE_MESSAGE, JsonObject
from neurokit.spec.models import Spec
from neurokit.spec.paths import format_path


def problems_from_validation(
    exc: ValidationError, prefix: tuple = (), model: type[BaseModel] | None = Spec
) -> list[Problem]:
    """Turn Pydantic's errors into one ``Problem`` per error with a readable path.

    ``model`` is the model validated (``Spec`` by default), used to list the keys allowed
    where an unknown one was found and to describe a missing field.
    """
    problems = []
    for error in exc.errors(include_url=False):
        loc = tuple(part for part in error["loc"] if not _is_union_tag(part))
        problems.append(Problem(format_path(prefix + loc), _friendly(dict(error), loc, model)))
    return problems


def describe_json_value(value: Any) -> str:
    """What a JSON value is, as a message says it: 'the number 3', 'a list', 'null', …"""
    if isinstance(value, bool):
        return f"{json.dumps(value)} (a boolean)"
    if isinstance(value, int | float):
        return f"the number {_short(value)}"
    if isinstance(value, str):
        return f"the string {_short(value)}"
    names: dict[type, str] = {list: "a list", dict: "an object", JsonObject: "an object"}
    return names.get(type(value), "null" if value is None else type(value).__name__)


def _short(value: Any) -> str:
    """A value as the student wrote it in JSON, cut to 40 characters (0.0 shows as 0)."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)
    text = json.dumps(value, default=repr)
    return text if len(text) <= 40 else text[:37] + "..."


def _is_union_tag(part: Any) -> bool:
    # Pydantic inserts model/type names into paths of union members; users never wrote them.
    return isinstance(part, str) and (part.startswith("function-") or part in ("Component",))


def _friendly(error: dict, loc: tuple, model: type[BaseModel] | None) -> str:
    """One sentence a student can act on, for one Pydantic error."""
    kind, got, ctx = error["type"], error.get("input"), error.get("ctx", {})
    if kind == "extra_forbidden":
        return _unknown_key(str(loc[-1]), _model_at(model, loc[:-1]))
    if kind == "missing":
        field = _field_at(model, loc)
        about = f" ({field.description})" if field is not None and field.description else ""
        return f"required field is missing{about}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        if loc and loc[-1] in ("neuron", "cost", "optimizer"):
            return (
                f'must be a component name like "sigmoid" or an object '
                f'{{"name": ..., "params": {{...}}}}, got {describe_json_value(got)}'
            )
        return f"must be a JSON object {{...}}, got {describe_json_value(got)}"
    if kind in ("int_type", "int_from_float", "int_parsing"):
        return f"must be a whole number, got {describe_json_value(got)}"
    if kind in ("float_type", "float_parsing"):
        return f"must be a number, got {describe_json_value(got)}"
    if kind in ("string_type", "str_type"):
        return f"must be a string in quotes, got {describe_json_value(got)}"
    if kind in ("list_type", "tuple_type"):
        return f"must be a list [...], got {describe_json_value(got)}"
    if kind in ("bool_type", "bool_parsing"):
        return f"must be true or false, got {describe_json_value(got)}"
    if kind == "greater_than_equal":
        return f"must be at least {_short(ctx['ge'])}, got {_short(got)}"
    if kind == "greater_than":
        return f"must be greater than {_short(ctx['gt'])}, got {_short(got)}"
    if kind == "less_than_equal":
        return f"must be at most {_short(ctx['le'])}, got {_short(got)}"
    if kind == "less_than":
        return f"must be less than {_short(ctx['lt'])}, got {_short(got)}"
    if kind == "too_short":
        if loc == ("layers",):
            return (
                f"a network needs at least 2 layers (input and output), "
                f"got {ctx.get('actual_length')}"
            )
        return f"must have at least {ctx['min_length']} item(s), got {ctx.get('actual_length')}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_pattern_mismatch":
        return (
            f"{_short(got)} is not a valid name; start with a letter or digit and use only "
            "letters, digits, '.', '_' and '-'"
        )
    if kind == "literal_error":
        return f"must be {ctx['expected']}, got {_short(got)}"
    if kind == "string_unicode":
        return SURROGATE_MESSAGE
    if kind == "finite_number":
        return "must be a finite number"
    if kind == "value_error":
        return str(ctx["error"]) if "error" in ctx else error["msg"]
    return error["msg"][0].lower() + error["msg"][1:]


def _unknown_key(key: str, model: type[BaseModel] | None) -> str:
    if model is None:
        return f"unknown key {key!r}"
    allowed = list(model.model_fields)
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return f"unknown key {key!r}{hint}; allowed here: {', '.join(allowed) or 'none'}"


def _model_at(model: type[BaseModel] | None, loc: tuple) -> type[BaseModel] | None:
    """The model that validates the object at ``loc`` inside ``model``, if one does."""
    annotation: Any = model
    for part in loc:
        annotation = _unwrap(annotation)
        if isinstance(part, int):
            args = typing.get_args(annotation)
            if typing.get_origin(annotation) is not list or not args:
                return None
            annotation = args[0]
        else:
            if not (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
                return None
            field = annotation.model_fields.get(part)
            if field is None:
                return None
            annotation = field.annotation
    annotation = _unwrap(annotation)
    return (
        annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None
    )


def _field_at(model: type[BaseModel] | None, loc: tuple):
    parent = _model_at(model, loc[:-1]) if loc else None
    return parent.model_fields.get(loc[-1]) if parent is not None else None


def _unwrap(annotation: Any) -> Any:
    """``X | None`` → ``X``; ``Annotated[X, ...]`` → ``X``."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            options = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(options) != 1:
                return annotation
            annotation = options[0]
        else:
            return annotation
