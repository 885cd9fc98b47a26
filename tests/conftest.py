"""Shared fixtures: a registry without third-party plugins, and small specs."""

import json
from pathlib import Path

import pytest

from neurokit.pipeline.registry import load_registry

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


@pytest.fixture(autouse=True)
def _no_data_cache(monkeypatch):
    """Tests must not fill the user's cache of decompressed data (tests/test_idx_cache.py
    turns it on, in a temporary directory)."""
    monkeypatch.setenv("NEUROKIT_DISABLE_DATA_CACHE", "1")


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


@pytest.fixture(scope="session")
def trained_mnist_run(tmp_path_factory):
    """``trained_mnist_run(epochs)``: a run directory of examples/mnist.json trained for that
    many epochs on the embedded sample, made once per session and shared by the tests."""
    from neurokit import api

    made: dict[int, Path] = {}

    def make(epochs: int) -> Path:
        if epochs not in made:
            out = tmp_path_factory.mktemp("runs") / f"mnist-{epochs}"
            registry = load_registry(autoload=False)
            spec = api.load_spec_with_overrides(
                EXAMPLES / "mnist.json", registry, {"training": {"epochs": epochs}}
            )
            api.train_spec(spec, registry, out_dir=out, progress="none")
            made[epochs] = out
        return made[epochs]

    return make
