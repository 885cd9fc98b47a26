"""Plugin code that fails mid-training: which plugin, in which function, said on one line.

Neurokit calls plugin code from the training loop (a neuron's σ, a cost, an optimizer's step,
an observer's hook). When such code raises — an exception, ``SystemExit`` or a
``KeyboardInterrupt`` of its own — the traceback's innermost frame that belongs to a loaded
plugin names the culprit.
"""

from __future__ import annotations

import types

import numpy as np

from neurokit.core.errors import PluginFault

MESSAGE_LIMIT = 160


def culprit(exc: BaseException, registry) -> tuple[str, str] | None:
    """(plugin name, function name) where neurokit last called into plugin code on the way
    to ``exc``: the function neurokit called (``sigma``), not the plugin's own helpers."""
    owners = _module_owners(registry)
    frames = []
    tb = exc.__traceback__
    while tb is not None:
        frames.append(tb.tb_frame)
        tb = tb.tb_next
    found, caller_owner = None, None
    for frame in frames:  # outermost first
        owner = _owner(frame, owners, registry)
        if owner is not None and owner != caller_owner:
            found = owner, frame.f_code.co_name
        caller_owner = owner
    return found


def _module_owners(registry) -> dict[str, str]:
    owners = {}
    for plugin in registry.pm.get_plugins():
        name = registry.pm.get_name(plugin)
        module = plugin if isinstance(plugin, types.ModuleType) else None
        if module is not None:
            owners[module.__name__] = name
    return owners


def _owner(frame, owners: dict[str, str], registry) -> str | None:
    module_name = frame.f_globals.get("__name__", "")
    if module_name in owners:
        return owners[module_name]
    this = frame.f_locals.get("self")
    if this is not None and registry.pm.is_registered(this):
        return registry.pm.get_name(this)
    return None


def describe(exc: BaseException) -> str:
    if isinstance(exc, SystemExit):
        return f"SystemExit({exc.code!r})"
    text = " ".join(str(exc).split())
    line = f"{type(exc).__name__}: {text}" if text else type(exc).__name__
    return line if len(line) <= MESSAGE_LIMIT else line[: MESSAGE_LIMIT - 1] + "…"


def plugin_fault(exc: BaseException, registry, where: str) -> PluginFault | None:
    """A ``PluginFault`` naming the plugin that raised ``exc``, or None if none did."""
    found = culprit(exc, registry)
    if found is None:
        return None
    plugin, function = found
    return PluginFault(f"plugin {plugin!r} failed in {function}() {where}: {describe(exc)}")


# --- values plugins hand back -----------------------------------------------------------------

JSON_SCALARS = (str, int, float, bool, type(None))


def _numbers_by_name(value: object) -> bool:
    """A flat JSON object of numbers, e.g. ``{"2": 0.41}``."""
    return isinstance(value, dict) and all(
        isinstance(k, str) and isinstance(v, int | float) and not isinstance(v, bool)
        for k, v in value.items()
    )


def json_safe_metrics(row: dict) -> list[str]:
    """Make ``row`` JSON-safe in place: numpy scalars become Python numbers; other values are
    removed. Returns the keys removed."""
    removed = []
    for key in list(row):
        value = row[key]
        if isinstance(value, np.generic) and value.dtype.kind in "biuf":
            row[key] = value.item()
        elif _numbers_by_name(value):  # neurokit's own per-layer columns ("saturated")
            continue
        elif not isinstance(key, str) or not isinstance(value, JSON_SCALARS):
            del row[key]
            removed.append(str(key))
    return removed
