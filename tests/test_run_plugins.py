"""A run remembers the plugins it was trained with (plugins.json): entry-point plugins are
loaded again by themselves, any other missing plugin is named with how to load it."""

from __future__ import annotations

import json
import sys
import types
from pathlib import Path

import pytest

from neurokit.cli import main
from neurokit.pipeline import runs
from neurokit.pipeline.registry import load_registry
from neurokit.pipeline.run_plugins import MissingPluginError, ensure_plugins

ROOT = Path(__file__).resolve().parents[1]

XENT = """
import numpy as np
from neurokit import hookimpl
from neurokit.components import Cost, CostType


class CrossEntropy(Cost):
    name = "xent"

    def value(self, a, y):
        a = np.clip(a, 1e-7, 1 - 1e-7)
        return float(-(y * np.log(a) + (1 - y) * np.log1p(-a)).sum() / len(a))

    def gradient(self, a, y):
        a = np.clip(a, 1e-7, 1 - 1e-7)
        return (a - y) / (a * (1 - a))


@hookimpl
def neurokit_register_costs():
    return [CostType("xent", lambda p: CrossEntropy())]
"""


@pytest.fixture
def xent_run(tmp_path, capsys):
    plugin = tmp_path / "xent.py"
    plugin.write_text(XENT)
    spec = json.loads((ROOT / "examples" / "xor.json").read_text(encoding="utf-8"))
    spec["cost"] = "xent"
    spec["training"]["epochs"] = 3
    spec_path = tmp_path / "xor-xent.json"
    spec_path.write_text(json.dumps(spec))
    out = tmp_path / "run"
    argv = ["train", str(spec_path), "-p", str(plugin), "--out", str(out), "--progress", "none"]
    assert main(argv) == 0
    capsys.readouterr()
    return out, plugin


def test_plugins_json_records_the_file_and_what_it_supplied(xent_run):
    out, plugin = xent_run
    record = json.loads((out / "plugins.json").read_text(encoding="utf-8"))
    assert record == {
        "plugins": [
            {
                "name": "xent",
                "source": "file",
                "version": "",
                "location": str(plugin.resolve()),
                "components": ["cost:xent"],
            }
        ]
    }


def test_a_run_of_built_ins_records_no_plugins(tmp_path, capsys):
    out = tmp_path / "run"
    assert main(["train", str(ROOT / "examples" / "xor.json"), "--epochs", "1", "--out",
                 str(out), "--progress", "none"]) == 0  # fmt: skip
    assert json.loads((out / "plugins.json").read_text(encoding="utf-8")) == {"plugins": []}


def test_a_missing_file_plugin_is_named_with_how_to_load_it(xent_run, capsys):
    out, plugin = xent_run
    assert main(["evaluate", str(out), "--split", "train"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"neurokit: error: {out} was trained with plugin 'xent' (file {plugin.resolve()}), "
        "which is not loaded; it supplies cost xent: load that file as a plugin",
        f"neurokit: hint: pass -p {plugin.resolve()}",
    ]
    assert main(["evaluate", str(out), "--split", "train", "-p", str(plugin)]) == 0


def test_a_missing_entry_point_plugin_is_loaded_by_itself(xent_run, monkeypatch):
    out, plugin = xent_run
    record = json.loads((out / "plugins.json").read_text(encoding="utf-8"))
    record["plugins"][0].update(name="xent-pkg", source="entry point", location="xent-pkg")
    (out / "plugins.json").write_text(json.dumps(record))
    module = types.ModuleType("fake_xent")
    exec(compile(XENT, "fake_xent", "exec"), module.__dict__)  # noqa: S102 - our own test code
    monkeypatch.setitem(sys.modules, "fake_xent", module)

    class EntryPoint:
        name, value, dist = "xent-pkg", "fake_xent", None

        def load(self):
            return module

    import importlib.metadata

    monkeypatch.setattr(
        importlib.metadata,
        "entry_points",
        lambda group, name=None: [EntryPoint()] if name in (None, "xent-pkg") else [],
    )
    registry = load_registry(autoload=False)
    assert "xent" not in registry.components("cost")
    spec, network = runs.load_run(out, registry)
    assert spec.cost.name == "xent" and "xent-pkg" in registry.plugins


def test_an_uninstalled_entry_point_plugin_says_to_install_it(xent_run):
    out, _ = xent_run
    record = json.loads((out / "plugins.json").read_text(encoding="utf-8"))
    record["plugins"][0].update(name="gone-pkg", source="entry point", version="1.2")
    (out / "plugins.json").write_text(json.dumps(record))
    with pytest.raises(MissingPluginError, match="'gone-pkg' 1.2 .*install its package again"):
        ensure_plugins(out, load_registry(autoload=False))


def test_a_broken_plugins_json_is_one_line(xent_run, capsys):
    out, _ = xent_run
    (out / "plugins.json").write_text("[1, 2]")
    assert main(["evaluate", str(out)]) == 2
    assert capsys.readouterr().err == (
        f"neurokit: error: {out / 'plugins.json'}: not a plugins record "
        '(expected {"plugins": [...]})\n'
    )
