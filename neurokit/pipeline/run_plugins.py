"""Which plugins a run was trained with, kept in its directory as ``plugins.json``.

A run trained with a cost from a plugin file could not be evaluated, plotted or predicted
later without naming the plugin again ("unknown cost 'xent'"). ``save_plugins`` records, for
every plugin that supplied a component the spec uses, its name, source ("entry point",
"file", "module"), version, location and those components. ``ensure_plugins`` then loads an
installed (entry point) plugin by itself when it is missing, and otherwise names the missing
plugin and where it was loaded from. Files and modules are not loaded from a run directory on
their own: a run directory from elsewhere must not be able to run code.
"""

from __future__ import annotations

import json
from pathlib import Path

from neurokit.core import atomic
from neurokit.core.errors import ModelFileError, PluginError

PLUGINS_FILE = "plugins.json"


class MissingPluginError(PluginError):
    """A run needs a plugin that is not loaded; ``load_as`` is what would load it."""

    def __init__(self, message: str, load_as: str = ""):
        super().__init__(message)
        self.load_as = load_as


def used_components(spec) -> list[tuple[str, str]]:
    """(kind, name) of every component the spec names: neurons, cost, optimizer, data set."""
    used = [("neuron", layer.neuron.name) for layer in spec.layers[1:] if layer.neuron]
    used += [
        (kind, part.name)
        for kind, part in (("cost", spec.cost), ("optimizer", spec.optimizer))
        if part
    ]
    if spec.data is not None:
        used.append(("dataset", spec.data.name))
    return list(dict.fromkeys(used))


def plugin_record(spec, registry) -> list[dict]:
    """One entry per non-built-in plugin that supplied a component of the spec."""
    records: dict[str, dict] = {}
    for kind, name in used_components(spec):
        descriptor = registry.components(kind).get(name)
        info = registry.plugins.get(descriptor.plugin) if descriptor is not None else None
        if info is None or info.source == "builtin":
            continue
        entry = records.setdefault(
            info.name,
            {
                "name": info.name,
                "source": info.source,
                "version": info.version,
                "location": info.location,
                "components": [],
            },
        )
        entry["components"].append(f"{kind}:{name}")
    return list(records.values())


def save_plugins(run, directory: Path) -> None:
    """Write ``plugins.json`` into ``directory`` (an empty list for built-ins only)."""
    record = {"plugins": plugin_record(run.spec, run.registry)}
    atomic.write_text(directory / PLUGINS_FILE, json.dumps(record, indent=2) + "\n")


def read_plugins(run_dir: Path) -> list[dict]:
    """The recorded plugins; [] for a run saved before plugins were recorded."""
    path = Path(run_dir) / PLUGINS_FILE
    if not path.is_file():
        return []
    bad = ModelFileError(f'{path}: not a plugins record (expected {{"plugins": [...]}})')
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except ValueError:
        raise bad from None
    plugins = record.get("plugins") if isinstance(record, dict) else None
    if not isinstance(plugins, list) or not all(isinstance(p, dict) for p in plugins):
        raise bad
    return plugins


def ensure_plugins(run_dir: Path, registry) -> None:
    """Load the run's missing entry-point plugins; name any other plugin it still needs."""
    for plugin in read_plugins(run_dir):
        if _provided(plugin, registry):
            continue
        if plugin.get("source") == "entry point":
            _load_entry_point(registry, plugin.get("name", ""))
            if _provided(plugin, registry):
                continue
        raise _missing(run_dir, plugin)


def _provided(plugin: dict, registry) -> bool:
    """Every component the plugin supplied is registered (by it or by another plugin)."""
    for component in plugin.get("components", []):
        kind, _, name = str(component).partition(":")
        if name not in registry.components(kind):
            return False
    return True


def _load_entry_point(registry, name: str) -> None:
    from importlib.metadata import entry_points

    from neurokit.pipeline.registry import ENTRY_POINT_GROUP, PluginInfo

    if name in registry.plugins:
        return
    for ep in entry_points(group=ENTRY_POINT_GROUP, name=name):
        version = ep.dist.version if ep.dist is not None else ""
        dist = ep.dist.name if ep.dist is not None else ""
        try:
            plugin = ep.load()
        except Exception:  # noqa: BLE001 - reported below as the missing plugin
            return
        registry.register(
            plugin, PluginInfo(ep.name, "entry point", version, f"{dist} ({ep.value})")
        )


def _missing(run_dir: Path, plugin: dict) -> MissingPluginError:
    name, source = plugin.get("name", "?"), plugin.get("source", "")
    location = plugin.get("location", "")
    components = ", ".join(c.replace(":", " ", 1) for c in plugin.get("components", []))
    version = f" {plugin['version']}" if plugin.get("version") else ""
    where = f" {location}" if location else ""
    if source == "entry point":
        how = "install its package again"
        load_as = ""
    elif source == "file":
        how = "load that file as a plugin"
        load_as = location
    else:
        how = "load that module as a plugin"
        load_as = name
    message = (
        f"{run_dir} was trained with plugin {name!r}{version} ({source}{where}), which is not "
        f"loaded; it supplies {components}: {how}"
    )
    return MissingPluginError(message, load_as)
