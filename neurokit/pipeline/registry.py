"""The plugin registry: loads plugins with pluggy and collects the components they register.

Plugins come from four places, in this order:
1. the built-ins, ``neurokit.builtins.*`` modules, registered exactly like any other plugin;
2. the ``neurokit`` entry-point group of installed packages (skipped when
   ``NEUROKIT_DISABLE_PLUGIN_AUTOLOAD=1``);
3. the ``NEUROKIT_PLUGINS`` environment variable (comma-separated modules or ``.py`` files);
4. ``-p/--plugin`` on the command line (``extra_plugins`` here).

A plugin that fails to import or raises in a hook becomes a ``PluginProblem`` naming it;
everything else keeps working. A name registered twice is a problem naming both plugins,
and using that name is an error.
"""

from __future__ import annotations

import dataclasses
import difflib
import importlib
import importlib.util
import os
import pkgutil
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import pluggy

from neurokit.core import hookspecs
from neurokit.core.components import (
    CommandType,
    ComponentType,
    CostType,
    DatasetType,
    ExecutorType,
    ModelType,
    NeuronType,
    OptimizerType,
)
from neurokit.core.errors import PluginError, PluginFault

#: What plugin code may raise while it is imported or registers its components: reported as
#: a problem of that plugin. ``sys.exit`` there must not end neurokit with no word said.
PLUGIN_FAILURES = (Exception, SystemExit)

#: A descriptor class a register hook returns instances of.
D = TypeVar("D", ComponentType, CommandType)

ENTRY_POINT_GROUP = "neurokit"
DISABLE_AUTOLOAD_ENV = "NEUROKIT_DISABLE_PLUGIN_AUTOLOAD"
PLUGINS_ENV = "NEUROKIT_PLUGINS"

#: kind → (hook name, descriptor class)
COMPONENT_HOOKS: dict[str, tuple[str, type[ComponentType]]] = {
    "neuron": ("neurokit_register_neurons", NeuronType),
    "cost": ("neurokit_register_costs", CostType),
    "optimizer": ("neurokit_register_optimizers", OptimizerType),
    "dataset": ("neurokit_register_datasets", DatasetType),
    "executor": ("neurokit_register_executors", ExecutorType),
    "model": ("neurokit_register_models", ModelType),
}


@dataclass(frozen=True)
class PluginInfo:
    """Where a plugin came from: shown by ``neurokit plugins``."""

    name: str
    source: str  # "builtin", "entry point", "file", "module"
    version: str = ""
    location: str = ""


@dataclass(frozen=True)
class PluginProblem:
    """Something wrong with one plugin; reported, never fatal to the others."""

    plugin: str
    message: str

    def __str__(self) -> str:
        return f"plugin {self.plugin!r}: {self.message}"


class Registry:
    """All loaded plugins and the components they registered, looked up by kind and name."""

    def __init__(self) -> None:
        self.pm = pluggy.PluginManager(hookspecs.PROJECT_NAME)
        self.pm.add_hookspecs(hookspecs)
        self.plugins: dict[str, PluginInfo] = {}
        self.problems: list[PluginProblem] = []
        self._components: dict[str, dict[str, ComponentType]] | None = None
        self._ambiguous: dict[tuple[str, str], list[str]] = {}

    def __repr__(self) -> str:
        return f"<Registry plugins={list(self.plugins)} problems={len(self.problems)}>"

    # --- loading ------------------------------------------------------------------------

    def register(self, plugin: object, info: PluginInfo) -> None:
        """Register a plugin object (usually a module) under ``info.name``."""
        if info.name in self.plugins:
            self._problem(info.name, "a plugin with this name is already loaded; skipped")
            return
        try:
            self.pm.register(plugin, name=info.name)
            self.pm.check_pending()
        except PLUGIN_FAILURES as exc:  # noqa: BLE001 - report any plugin failure by name
            if self.pm.is_registered(plugin):
                self.pm.unregister(plugin)
            self._problem(info.name, _one_line(exc))
            return
        self.plugins[info.name] = info
        self._components = None

    def load_builtins(self) -> None:
        import neurokit.builtins as package

        for module_info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
            module_name = f"{package.__name__}.{module_info.name}"
            info = PluginInfo(f"builtin.{module_info.name}", "builtin", _own_version())
            self._load_module(module_name, info)

    def load_entry_points(self) -> None:
        from importlib.metadata import entry_points

        for ep in entry_points(group=ENTRY_POINT_GROUP):
            version = ep.dist.version if ep.dist is not None else ""
            dist = ep.dist.name if ep.dist is not None else ""
            info = PluginInfo(ep.name, "entry point", version, f"{dist} ({ep.value})")
            try:
                plugin = ep.load()
            except PLUGIN_FAILURES as exc:  # noqa: BLE001
                self._problem(ep.name, f"failed to import {ep.value}: {_one_line(exc)}")
                continue
            self.register(plugin, info)

    def load_plugin(self, spec: str) -> None:
        """Load one plugin named as a module (``pkg.mod``) or a file (``path/to/file.py``)."""
        spec = spec.strip()
        if not spec:
            return
        if spec.endswith(".py") or os.sep in spec or "/" in spec or Path(spec).is_file():
            self._load_file(Path(spec))
        else:
            self._load_module(spec, PluginInfo(spec, "module", _module_version(spec)))

    def _load_module(self, module_name: str, info: PluginInfo) -> None:
        try:
            module = importlib.import_module(module_name)
        except PLUGIN_FAILURES as exc:  # noqa: BLE001
            self._problem(info.name, f"failed to import: {_one_line(exc)}")
            return
        location = info.location or getattr(module, "__file__", "") or ""
        self.register(module, dataclasses.replace(info, location=location))

    def _load_file(self, path: Path) -> None:
        name = path.stem
        if not path.is_file():
            self._problem(name, f"no such plugin file: {path}")
            return
        if path.suffix != ".py":
            self._problem(name, f"{path}: a plugin file must be a Python file ending in .py")
            return
        module_name = f"neurokit_plugin_{name}"
        try:
            spec = importlib.util.spec_from_file_location(module_name, path)
            if spec is None or spec.loader is None:
                raise ImportError(f"{path} is not a Python module")
            module = importlib.util.module_from_spec(spec)
            sys.modules[module_name] = module
            spec.loader.exec_module(module)
        except PLUGIN_FAILURES as exc:  # noqa: BLE001
            sys.modules.pop(module_name, None)
            self._problem(name, f"failed to import {path}: {_one_line(exc)}")
            return
        self.register(module, PluginInfo(name, "file", "", str(path.resolve())))

    def _problem(self, plugin: str, message: str) -> None:
        self.problems.append(PluginProblem(plugin, message))

    # --- components ---------------------------------------------------------------------

    def components(self, kind: str) -> dict[str, ComponentType]:
        """Every registered component of ``kind`` ('neuron', 'cost', ...) by name."""
        if self._components is None:
            self._components = self._collect()
        return self._components[kind]

    def names(self, kind: str) -> list[str]:
        return sorted(self.components(kind))

    def get(self, kind: str, name: str) -> ComponentType:
        """The descriptor called ``name``; unknown names get the list and the closest match."""
        found = self.components(kind).get(name)
        if found is not None:
            return found
        if (kind, name) in self._ambiguous:
            first, second = self._ambiguous[(kind, name)]
            raise PluginError(
                f"{kind} {name!r} is registered by two plugins, {first!r} and {second!r}; "
                "uninstall or disable one of them"
            )
        raise PluginError(unknown_name_message(kind, name, self.names(kind)))

    def _collect(self) -> dict[str, dict[str, ComponentType]]:
        self._ambiguous = {}
        collected: dict[str, dict[str, ComponentType]] = {}
        for kind, (hook_name, descriptor_class) in COMPONENT_HOOKS.items():
            collected[kind] = {}
            hook = getattr(self.pm.hook, hook_name)
            # get_hookimpls() lists plugins in the order they were registered (pluggy *calls*
            # them in reverse), so built-ins come first and a later plugin is the duplicate.
            for impl in hook.get_hookimpls():
                for descriptor in self._call_register_hook(impl, hook_name, descriptor_class):
                    self._add(collected[kind], kind, descriptor)
        return collected

    def _call_register_hook(self, impl, hook_name: str, descriptor_class: type[D]) -> list[D]:
        try:
            returned = impl.function()
        except PLUGIN_FAILURES as exc:  # noqa: BLE001
            self._problem(impl.plugin_name, f"{hook_name}() raised {_one_line(exc)}")
            return []
        if returned is None:
            return []
        if not isinstance(returned, list | tuple):
            self._problem(
                impl.plugin_name,
                f"{hook_name}() must return a list of {descriptor_class.__name__}, "
                f"got {type(returned).__name__}",
            )
            return []
        good: list[D] = []
        for item in returned:
            if not isinstance(item, descriptor_class):
                self._problem(
                    impl.plugin_name,
                    f"{hook_name}() returned {item!r}, not a {descriptor_class.__name__}",
                )
                continue
            good.append(dataclasses.replace(item, plugin=impl.plugin_name))
        return good

    def _add(self, table: dict[str, ComponentType], kind: str, descriptor: ComponentType) -> None:
        name = descriptor.name
        if (kind, name) in self._ambiguous:
            return
        if name in table:
            first = table.pop(name).plugin
            self._ambiguous[(kind, name)] = [first, descriptor.plugin]
            self._problem(
                descriptor.plugin,
                f"{kind} name {name!r} is already registered by plugin {first!r}",
            )
            return
        table[name] = descriptor

    def commands(self) -> list[CommandType]:
        """Every ``CommandType`` that plugins registered, in load order; duplicates reported."""
        seen: dict[str, CommandType] = {}
        hook = self.pm.hook.neurokit_register_commands
        for impl in hook.get_hookimpls():
            for command in self._call_register_hook(impl, hook.name, CommandType):
                if command.name in seen:
                    first = seen[command.name].plugin
                    self._problem(
                        command.plugin,
                        f"command {command.name!r} is already registered by plugin {first!r}",
                    )
                    continue
                seen[command.name] = command
        return list(seen.values())

    # --- events -------------------------------------------------------------------------

    def notify(self, event: str, after_each=None, **kwargs) -> None:
        """Call every implementation of an event hook, in the order the plugins were loaded.

        One that raises (an exception, ``sys.exit``, a ``KeyboardInterrupt`` of its own) stops
        the event with a ``PluginFault`` naming the plugin and the hook: a broken observer
        must not pass unnoticed while the run goes on (the training saves what it has
        finished and exits 1). ``after_each(plugin_name)`` runs after each implementation
        (to check what it did).
        """
        self.caller(event, after_each)(**kwargs)

    def caller(self, event: str, after_each=None) -> Callable[..., None]:
        """``notify`` for one event, with its implementations looked up once, here."""
        from neurokit.pipeline.interrupts import StopNow

        bound = self.bound_impls(event)

        def call(**kwargs: object) -> None:
            for function, argnames, plugin_name in bound:
                try:
                    function(*[kwargs[arg] for arg in argnames])
                except StopNow:
                    raise  # a second stop signal, not the plugin's doing
                except (Exception, SystemExit, KeyboardInterrupt) as exc:
                    raise self.plugin_fault(plugin_name, event, exc) from exc
                if after_each is not None:
                    after_each(plugin_name)

        return call

    def bound_impls(self, event: str) -> list[tuple[Callable[..., object], tuple[str, ...], str]]:
        """(function, argument names, plugin name) of each implementation of ``event``, in the
        order they are called. Plugins registered later are not in it."""
        hook = getattr(self.pm.hook, event)
        return [(i.function, tuple(i.argnames), i.plugin_name) for i in hook.get_hookimpls()]

    @staticmethod
    def plugin_fault(plugin_name: str, event: str, exc: BaseException) -> PluginFault:
        """The ``PluginFault`` for ``exc`` raised by ``plugin_name``'s ``event``."""
        from neurokit.pipeline.faults import describe

        fault = PluginFault(f"plugin {plugin_name!r} failed in {event}(): {describe(exc)}")
        fault.plugin, fault.hook = plugin_name, event
        return fault


def load_registry(extra_plugins: Iterable[str] = (), *, autoload: bool | None = None) -> Registry:
    """Build a registry with the built-ins and every configured third-party plugin."""
    registry = Registry()
    registry.load_builtins()
    if autoload is None:
        autoload = os.environ.get(DISABLE_AUTOLOAD_ENV, "") not in ("1", "true", "yes")
    if autoload:
        registry.load_entry_points()
    for spec in os.environ.get(PLUGINS_ENV, "").split(","):
        registry.load_plugin(spec)
    for spec in extra_plugins:
        registry.load_plugin(spec)
    return registry


def unknown_name_message(kind: str, name: str, known: list[str]) -> str:
    """``unknown neuron 'sigmod' (did you mean 'sigmoid'?); registered: linear, sigmoid``"""
    message = f"unknown {kind} {name!r}"
    close = difflib.get_close_matches(str(name), known, n=1, cutoff=0.5)
    if close:
        message += f" (did you mean {close[0]!r}?)"
    listed = ", ".join(known) if known else "none"
    return f"{message}; registered {kind}s: {listed}"


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _own_version() -> str:
    from neurokit.core.version import __version__

    return __version__


def _module_version(module_name: str) -> str:
    from importlib.metadata import PackageNotFoundError, packages_distributions, version

    top = module_name.split(".")[0]
    for dist in packages_distributions().get(top, []):
        try:
            return version(dist)
        except PackageNotFoundError:
            continue
    return ""
