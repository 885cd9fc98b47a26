"""The pytest plugin of the conformance kit: fixtures only, nothing autouse.

Installed with neurokit (``pytest11`` entry point), or load it with
``pytest -p neurokit.testing.pytest_plugin``. Fixtures:

- ``neurokit_registry``: the built-ins only, no installed plugins, no ``$NEUROKIT_PLUGINS``;
- ``neurokit_make_registry(*plugins)``: the built-ins plus the given plugins (modules,
  module names or ``.py`` paths);
- ``neurokit_train(spec, *plugins, **training)``: train a spec (a dict or a file) quietly
  into a temporary run directory and return the finished ``Run``.
"""

from __future__ import annotations

import pytest


def _registry(plugins):
    from neurokit.pipeline.registry import PluginInfo, Registry

    registry = Registry()
    registry.load_builtins()
    for plugin in plugins:
        if isinstance(plugin, str) or hasattr(plugin, "__fspath__"):
            registry.load_plugin(str(plugin))
        else:
            name = getattr(plugin, "__name__", type(plugin).__name__)
            registry.register(
                plugin, PluginInfo(name, "module", "", getattr(plugin, "__file__", ""))
            )
    return registry


@pytest.fixture
def neurokit_registry():
    """A registry of the built-in components only, unaffected by what is installed."""
    return _registry(())


@pytest.fixture
def neurokit_make_registry():
    """``neurokit_make_registry(my_plugin, "other.py")``: built-ins plus these plugins."""
    return lambda *plugins: _registry(plugins)


@pytest.fixture
def neurokit_train(tmp_path):
    """``neurokit_train(spec, my_plugin, epochs=3)``: the trained ``Run``, saved under tmp_path."""
    counter = iter(range(1_000_000))

    def train(spec, *plugins, **training):
        import json
        from pathlib import Path

        from neurokit.pipeline.launch import train_spec
        from neurokit.spec import parse_spec

        registry = _registry(plugins)
        data = spec if isinstance(spec, dict) else json.loads(Path(spec).read_text("utf-8"))
        if training:
            data = {**data, "training": {**data.get("training", {}), **training}}
        checked = parse_spec(data, registry, source=getattr(spec, "name", "<spec>"))
        out_dir = tmp_path / f"run-{next(counter)}"
        return train_spec(checked, registry, out_dir=out_dir, progress="none")

    return train
