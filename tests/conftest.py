"""Shared fixtures: a registry without third-party plugins, and small specs."""

import json
from pathlib import Path

import pytest

from neurokit.registry import load_registry

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


@pytest.fixture
def registry():
    """Built-ins only, so tests do not depend on what happens to be installed."""
    return load_registry(autoload=False)


@pytest.fixture(autouse=True)
def _no_plugin_autoload(monkeypatch):
    monkeypatch.setenv("NEUROKIT_DISABLE_PLUGIN_AUTOLOAD", "1")
    monkeypatch.delenv("NEUROKIT_PLUGINS", raising=False)


@pytest.fixture
def xor_spec_dict():
    return json.loads((EXAMPLES / "xor.json").read_text())


@pytest.fixture
def write_spec(tmp_path):
    """Write a spec dict (or raw text) to a file and return its path."""

    def write(content, name="spec.json"):
        path = tmp_path / name
        path.write_text(content if isinstance(content, str) else json.dumps(content))
        return path

    return write
