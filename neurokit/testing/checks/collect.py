"""Collecting the checks of a plugin: load it beside the built-ins, find the components it
registers, and bind the common checks and those of each component's kind to each one."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from neurokit.core.components import ComponentType
from neurokit.core.hookspecs import hookimpl
from neurokit.pipeline.registry import COMPONENT_HOOKS, PluginInfo, Registry
from neurokit.testing.checks.base import Check, CheckContext, CheckFailure, one_line
from neurokit.testing.checks.common import COMMON_CHECKS
from neurokit.testing.checks.cost import COST_CHECKS
from neurokit.testing.checks.dataset import DATASET_CHECKS
from neurokit.testing.checks.model import MODEL_CHECKS
from neurokit.testing.checks.neuron import NEURON_CHECKS
from neurokit.testing.checks.optimizer import OPTIMIZER_CHECKS

KIND_CHECKS: dict[str, Sequence[Callable[[CheckContext], None]]] = {
    "model": MODEL_CHECKS,
    "neuron": NEURON_CHECKS,
    "cost": COST_CHECKS,
    "optimizer": OPTIMIZER_CHECKS,
    "dataset": DATASET_CHECKS,
}


class _DescriptorPlugin:
    """Wraps loose descriptors so they register through the hooks like any plugin."""

    def __init__(self, descriptors: Iterable[ComponentType]):
        self.descriptors = list(descriptors)

    def _of(self, kind: str) -> list[ComponentType]:
        return [d for d in self.descriptors if d.kind == kind]

    @hookimpl
    def neurokit_register_neurons(self):
        return self._of("neuron")

    @hookimpl
    def neurokit_register_costs(self):
        return self._of("cost")

    @hookimpl
    def neurokit_register_optimizers(self):
        return self._of("optimizer")

    @hookimpl
    def neurokit_register_datasets(self):
        return self._of("dataset")

    @hookimpl
    def neurokit_register_models(self):
        return self._of("model")


def load_for_checking(plugin: Any) -> tuple[Registry, str]:
    """A registry of the built-ins plus ``plugin``, and the name the plugin is loaded under.

    ``plugin`` is a module (or any object with hook implementations), a module name, a path
    to a ``.py`` file, one descriptor, a list of descriptors, or the name of a built-in
    plugin (``"builtin.neurons"``). Installed plugins are not loaded, so the check sees the
    plugin exactly as written.
    """
    registry = Registry()
    registry.load_builtins()
    before = set(registry.plugins)
    if isinstance(plugin, ComponentType):
        plugin = [plugin]
    if isinstance(plugin, str) and plugin in registry.plugins:
        return registry, plugin  # a built-in by its plugin name, e.g. "builtin.neurons"
    if not isinstance(plugin, str | Path | list | tuple) and registry.pm.get_name(plugin):
        return registry, str(registry.pm.get_name(plugin))  # a built-in module
    if isinstance(plugin, str | Path):
        registry.load_plugin(str(plugin))
        text = str(plugin)
        name = Path(text).stem if text.endswith(".py") or "/" in text else text
    elif isinstance(plugin, list | tuple):
        name = "checked-components"
        registry.register(_DescriptorPlugin(plugin), PluginInfo(name, "module"))
    else:
        name = getattr(plugin, "__name__", type(plugin).__name__)
        location = getattr(plugin, "__file__", "") or ""
        registry.register(plugin, PluginInfo(name, "module", "", location))
    added = set(registry.plugins) - before
    return registry, (added.pop() if added else name)


def checks_for(
    plugin: Any,
    *,
    params: Mapping[str, Mapping] | None = None,
    exclude: Iterable[str] = (),
) -> list[Check]:
    """Every check that applies to ``plugin``'s components (see ``load_for_checking``).

    ``params`` maps a component name to the params to build it with; without it a component
    is built from its params model's defaults and ``Field(examples=[...])``. ``exclude``
    names checks to leave out, as ``"check"`` or ``"component:check"``.
    """
    registry, plugin_name = load_for_checking(plugin)
    checks = [_plugin_loads_check(registry, plugin_name)]
    for descriptor in registry_descriptors(registry, plugin_name):
        given = (params or {}).get(descriptor.name)
        checks += component_checks(registry, descriptor, given)
    excluded = set(exclude)
    return [c for c in checks if c.name not in excluded and c.id not in excluded]


def registry_descriptors(registry: Registry, plugin_name: str) -> list[ComponentType]:
    """The descriptors ``plugin_name`` registers, duplicates included (they fail a check)."""
    found = []
    for _kind, (hook_name, descriptor_class) in COMPONENT_HOOKS.items():
        for impl in getattr(registry.pm.hook, hook_name).get_hookimpls():
            if impl.plugin_name != plugin_name:
                continue
            try:
                returned = impl.function()
            except Exception:  # noqa: BLE001 - reported by plugin_loads_cleanly
                continue
            for item in returned or []:
                if isinstance(item, descriptor_class):
                    found.append(item)
    return found


def component_checks(
    registry: Registry, descriptor: ComponentType, params: Mapping | None = None
) -> list[Check]:
    """The checks for one registered component: common ones plus those of its kind."""
    subject = f"{descriptor.kind} {descriptor.name!r}"
    functions = list(COMMON_CHECKS) + list(KIND_CHECKS.get(descriptor.kind, ()))
    checks = []
    for function in functions:
        check_name = function.__name__.removeprefix("check_")

        def run(function=function, check_name=check_name):
            context = CheckContext(registry, descriptor, params, check_name, subject)
            # NumPy warnings are the business of the *_extreme_* checks, which turn them on
            with np.errstate(all="ignore"):
                try:
                    function(context)
                except CheckFailure:
                    raise
                except Exception as exc:  # noqa: BLE001 - a crash is a finding, not a kit bug
                    raise CheckFailure(
                        check_name, subject, f"expected no exception, got {one_line(exc)}"
                    ) from exc

        checks.append(Check(check_name, subject, run, f"{descriptor.name}:{check_name}"))
    return checks


def _plugin_loads_check(registry: Registry, plugin_name: str) -> Check:
    def run() -> None:
        registry.components("neuron")  # collecting calls every register hook
        mine = [p.message for p in registry.problems if p.plugin == plugin_name]
        if plugin_name not in registry.plugins or mine:
            raise CheckFailure(
                "plugin_loads_cleanly",
                f"plugin {plugin_name!r}",
                "expected no problems, got: " + "; ".join(mine or ["it was not registered"]),
            )

    subject = f"plugin {plugin_name!r}"
    return Check("plugin_loads_cleanly", subject, run, f"{plugin_name}:plugin_loads_cleanly")
