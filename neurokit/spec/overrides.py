"""Overrides: a few named settings laid over a spec file's, as ``api.train("xor.json",
epochs=100)`` and the ``train`` command's options give them.

``OVERRIDES`` is the one mapping from a setting's name to where it lives in the spec;
``partial_spec`` turns named values into a partial spec and ``merge`` lays it over a spec's
JSON data, object by object.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

#: A setting's name → its path in the spec.
OVERRIDES: dict[str, tuple[str, ...]] = {
    "epochs": ("training", "epochs"),
    "batch_size": ("training", "batch_size"),
    "seed": ("training", "seed"),
    "dtype": ("training", "dtype"),
    "backend": ("training", "backend"),
    "threads": ("training", "threads"),
    "metrics_rows": ("training", "metrics_rows"),
    "eta": ("optimizer", "params", "eta"),  # η
}


def partial_spec(values: Mapping[str, Any]) -> dict:
    """The named values as a partial spec; a value of None means not given and is left out.

    Raises ``KeyError`` naming the settings that are not in ``OVERRIDES``.
    """
    unknown = [name for name in values if name not in OVERRIDES]
    if unknown:
        raise KeyError(", ".join(unknown))
    partial: dict = {}
    for name, value in values.items():
        if value is None:
            continue
        *parents, key = OVERRIDES[name]
        target = partial
        for parent in parents:
            target = target.setdefault(parent, {})
        target[key] = value
    return partial


def merge(base: dict, overrides: dict) -> dict:
    """``base`` with ``overrides`` laid over it: objects merge key by key, anything else is
    replaced. Neither argument is changed."""
    merged = dict(base)
    for key, value in overrides.items():
        current = merged.get(key)
        if isinstance(current, dict) and isinstance(value, dict):
            merged[key] = merge(current, value)
        else:
            merged[key] = value
    return merged
