"""Helpers shared by the CLI commands."""

from __future__ import annotations

import sys


def load_registry(args):
    """The registry with the built-ins, configured plugins and ``-p`` plugins; problems with
    any plugin are printed as warnings and the rest keeps working."""
    from neurokit.pipeline.registry import load_registry as load

    registry = load(getattr(args, "plugin", []) or [])
    registry.components("neuron")  # collect now, so duplicate names are warned about too
    warn_plugin_problems(registry)
    return registry


def warn_plugin_problems(registry, already: int = 0) -> int:
    for problem in registry.problems[already:]:
        print(f"neurokit: warning: {problem}", file=sys.stderr)
    return len(registry.problems)


def make_console(**kwargs):
    from rich.console import Console

    return Console(**kwargs)


def print_json(data) -> None:
    import json

    print(json.dumps(data, indent=2))


def require_feedforward(spec, registry, command: str) -> None:
    """Refuse, in one line, a spec whose model this lesson cannot trace: the lessons that walk
    through BP1–BP4 need the layered feedforward net."""
    from neurokit.core.errors import NeurokitError
    from neurokit.spec import model_sections
    from neurokit.spec.models import DEFAULT_MODEL

    name = spec.model_name
    if name == DEFAULT_MODEL:
        return
    if model_sections(spec, registry).learning == "rule":
        raise NeurokitError(f"{command}: model {name!r} learns without gradients")
    raise NeurokitError(
        f"{command}: model {name!r} is not a layered feedforward net; {command} follows "
        "BP1–BP4 through the lecture's layers"
    )


def finite_numbers(text: str, flag: str) -> list[float]:
    """'1,0' → [1.0, 0.0]: numbers separated by commas or spaces, each finite. Every command
    that takes numbers on its command line reads them here, so all refuse NaN and ±inf alike
    (as the spec's own numbers are refused)."""
    import math
    import re

    from neurokit.core.errors import NeurokitError

    values = []
    for part in (part for part in re.split(r"[,\s]+", text.strip()) if part):
        try:
            value = float(part)
        except ValueError:
            raise NeurokitError(f"{flag} {text!r}: {part!r} is not a number") from None
        if not math.isfinite(value):
            raise NeurokitError(f"{flag} {text!r}: {part!r} is not a finite number")
        values.append(value)
    return values


def require_gradients(spec, registry, command: str) -> None:
    """Refuse, in one line, a spec whose model learns by its own rule."""
    from neurokit.core.errors import NeurokitError
    from neurokit.spec import model_sections

    if model_sections(spec, registry).learning == "rule":
        raise NeurokitError(f"{command}: model {spec.model_name!r} learns without gradients")
