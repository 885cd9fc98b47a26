"""Reading a spec file's JSON: encoding and byte-order marks, syntax errors with a hint, and
what Python's ``json`` reads but no student meant to write (NaN, Infinity, repeated keys,
lone surrogates), each reported at its field path.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from neurokit.core.errors import Problem, SpecError
from neurokit.spec.paths import format_path

#: What a string or key holding a lone surrogate is told (also for Pydantic's own finding).
SURROGATE_MESSAGE = "holds half of a UTF-16 surrogate pair (\\ud800-\\udfff), not a character"
_SURROGATE = re.compile("[\ud800-\udfff]")


class JsonObject(dict):
    """A JSON object as parsed, remembering keys it had more than once (JSON keeps the last)."""

    duplicates: tuple[str, ...] = ()


def _object_from_pairs(pairs: list[tuple[str, Any]]) -> JsonObject:
    obj = JsonObject(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()
        repeated = []
        for key, _ in pairs:
            if key in seen:
                repeated.append(key)
            seen.add(key)
        obj.duplicates = tuple(dict.fromkeys(repeated))
    return obj


def parse_json(raw: bytes | str, source: str) -> Any:
    """The JSON value in ``raw`` (objects as ``JsonObject``); ``SpecError`` naming ``source``
    when it is not UTF-8, starts with a byte-order mark, is empty or is not JSON.

    NaN and Infinity are let through, to be reported at their path by ``non_json_values``.
    """
    if isinstance(raw, bytes):
        if raw.startswith(b"\xef\xbb\xbf"):
            raise SpecError(
                [
                    Problem(
                        "",
                        "file starts with a UTF-8 byte-order mark (BOM); "
                        "save it as UTF-8 without one",
                    )
                ],
                source,
            )
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise SpecError(
                [Problem("", f"not UTF-8 text (byte {exc.start}); save it as UTF-8 JSON")], source
            ) from None
    if raw.startswith("\ufeff"):
        raise SpecError(
            [Problem("", "text starts with a byte-order mark (BOM); remove it")], source
        )
    if not raw.strip():
        raise SpecError([Problem("", "file is empty; a spec is a JSON object {...}")], source)
    try:
        # NaN and Infinity are let through here so they are reported with their field path.
        return json.loads(raw, object_pairs_hook=_object_from_pairs)
    except json.JSONDecodeError as exc:
        raise SpecError(
            [Problem("", f"line {exc.lineno}, column {exc.colno}: {_json_hint(exc, raw)}")],
            source,
        ) from None
    except (ValueError, RecursionError) as exc:
        # Integers of more than 4300 digits, or nesting deeper than Python can follow.
        message = str(exc) if isinstance(exc, ValueError) else "nested too deeply"
        raise SpecError([Problem("", f"invalid JSON: {message}")], source) from None


def non_json_values(value: Any, loc: tuple = ()) -> list[Problem]:
    """NaN, Infinity, repeated keys and (in a dict built in Python) values JSON cannot hold,
    anywhere in ``value``, each with its path.

    Python's ``json`` reads NaN, Infinity and repeated keys, but none is JSON a student meant
    to write.
    """
    problems = []
    if isinstance(value, str):
        if _SURROGATE.search(value):
            problems.append(Problem(format_path(loc), SURROGATE_MESSAGE))
    elif value is None or isinstance(value, bool | int):
        pass
    elif isinstance(value, float) and not math.isfinite(value):
        word = "NaN" if math.isnan(value) else "Infinity"
        problems.append(
            Problem(format_path(loc), f"{word} is not a number JSON allows; write a finite number")
        )
    elif isinstance(value, dict):
        for key in value:
            if not isinstance(key, str):
                problems.append(Problem(format_path(loc), f"key {key!r} is not a string"))
            elif _SURROGATE.search(key):
                problems.append(Problem(format_path((*loc, key)), f"this key {SURROGATE_MESSAGE}"))
        for key in getattr(value, "duplicates", ()):
            problems.append(
                Problem(
                    format_path((*loc, key)),
                    "key appears more than once in this object; keep only one",
                )
            )
        for key, item in value.items():
            problems += non_json_values(item, (*loc, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            problems += non_json_values(item, (*loc, i))
    elif not isinstance(value, float):
        problems.append(
            Problem(format_path(loc), f"a Python {type(value).__name__} is not a JSON value")
        )
    return problems


def _json_hint(exc: json.JSONDecodeError, text: str) -> str:
    rest = text[exc.pos :].lstrip()
    if exc.msg.startswith("Expecting property name") or (
        exc.msg.startswith("Expecting value") and rest[:1] in ("]", "}")
    ):
        return f"invalid JSON: {exc.msg} (is there a trailing comma?)"
    if exc.msg.startswith("Expecting value") and exc.pos == len(text) - len(text.lstrip()):
        return f"not JSON: {exc.msg}; a spec is a JSON object {{...}}"
    return f"invalid JSON: {exc.msg}"
