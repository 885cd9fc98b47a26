"""Loading plugins: from a file, a module, $NEUROKIT_PLUGINS and entry points; and what a
broken plugin does (a problem naming it, while everything else keeps working)."""

from __future__ import annotations

import json
import textwrap

import pytest

from neurokit.cli import main
from neurokit.core.errors import PluginError
from neurokit.pipeline.registry import (
    DISABLE_AUTOLOAD_ENV,
    PLUGINS_ENV,
    load_registry,
    unknown_name_message,
)

NEURON_PLUGIN = """
from neurokit import hookimpl
from neurokit.core.neurons import Linear
from neurokit.core.components import NeuronType

@hookimpl
def neurokit_register_neurons():
    return [NeuronType({name!r}, lambda params: Linear(), summary="test neuron")]
"""


@pytest.fixture(autouse=True)
def _no_configured_plugins(monkeypatch):
    monkeypatch.delenv(PLUGINS_ENV, raising=False)
    monkeypatch.delenv(DISABLE_AUTOLOAD_ENV, raising=False)


def write_plugin(folder, filename, body):
    path = folder / filename
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def neuron_plugin(folder, filename, name):
    return write_plugin(folder, filename, NEURON_PLUGIN.format(name=name))


def problems_of(registry):
    registry.names("neuron")  # collecting calls every register hook
    return [str(problem) for problem in registry.problems]


# --- where plugins come from -----------------------------------------------------------------


def test_plugin_from_a_file(tmp_path):
    path = neuron_plugin(tmp_path, "my_neuron.py", "wobble")
    registry = load_registry([str(path)], autoload=False)
    assert registry.get("neuron", "wobble").plugin == "my_neuron"
    info = registry.plugins["my_neuron"]
    assert (info.source, info.location) == ("file", str(path.resolve()))
    assert problems_of(registry) == []


def test_plugin_from_a_module(tmp_path, monkeypatch):
    neuron_plugin(tmp_path, "wobble_module.py", "wobble")
    monkeypatch.syspath_prepend(str(tmp_path))
    registry = load_registry(["wobble_module"], autoload=False)
    assert registry.get("neuron", "wobble").plugin == "wobble_module"
    assert registry.plugins["wobble_module"].source == "module"


def test_plugins_from_the_environment_variable(tmp_path, monkeypatch):
    first = neuron_plugin(tmp_path, "first.py", "one")
    neuron_plugin(tmp_path, "second_module.py", "two")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setenv(PLUGINS_ENV, f"{first},second_module")
    registry = load_registry(autoload=False)
    assert {"one", "two", "sigmoid"} <= set(registry.names("neuron"))


@pytest.fixture
def installed_plugin(tmp_path, monkeypatch):
    """A plugin 'installed' as pip would: a module plus a dist-info with its entry point."""
    site = tmp_path / "site"
    site.mkdir()
    neuron_plugin(site, "fakeplug.py", "fake-neuron")
    dist_info = site / "fakeplug-1.2.3.dist-info"
    dist_info.mkdir()
    (dist_info / "METADATA").write_text("Metadata-Version: 2.1\nName: fakeplug\nVersion: 1.2.3\n")
    (dist_info / "entry_points.txt").write_text("[neurokit]\nfakeplug = fakeplug\n")
    monkeypatch.syspath_prepend(str(site))
    return site


def test_entry_points_are_loaded_with_their_version(installed_plugin):
    registry = load_registry()
    assert registry.get("neuron", "fake-neuron").plugin == "fakeplug"
    info = registry.plugins["fakeplug"]
    assert (info.source, info.version) == ("entry point", "1.2.3")
    assert "fakeplug" in info.location


def test_autoload_can_be_switched_off(installed_plugin, monkeypatch):
    monkeypatch.setenv(DISABLE_AUTOLOAD_ENV, "1")
    registry = load_registry()
    assert "fake-neuron" not in registry.names("neuron")
    assert "sigmoid" in registry.names("neuron")


def test_plugins_command_shows_origin_version_and_file(installed_plugin, tmp_path, capsys):
    path = neuron_plugin(tmp_path, "student.py", "homework")
    observer = write_plugin(
        tmp_path,
        "watcher.py",
        """
        from neurokit import hookimpl

        @hookimpl
        def neurokit_epoch_end(run, epoch):
            pass
        """,
    )
    assert main(["plugins", "--json", "-p", str(path), "-p", str(observer)]) == 0
    listing = json.loads(capsys.readouterr().out)
    rows = {row["name"]: row for row in listing["components"]}
    plugins = {row["plugin"]: row for row in listing["plugins"]}
    # an observer registers no component but is listed among the plugins, with its hooks
    assert plugins["watcher"] == {
        "plugin": "watcher",
        "source": "file",
        "version": "",
        "location": str(observer.resolve()),
        "hooks": ["neurokit_epoch_end"],
    }
    assert plugins["fakeplug"]["version"] == "1.2.3"
    assert plugins["builtin.neurons"]["hooks"] == ["neurokit_register_neurons"]
    assert rows["fake-neuron"]["plugin"] == "fakeplug"
    assert rows["fake-neuron"]["source"] == "entry point"
    assert rows["fake-neuron"]["version"] == "1.2.3"
    assert rows["homework"]["source"] == "file"
    assert rows["homework"]["location"] == str(path.resolve())
    assert rows["sigmoid"]["plugin"] == "builtin.neurons"


# --- broken plugins --------------------------------------------------------------------------


def test_duplicate_names_are_a_problem_naming_both_and_an_error_when_used(tmp_path):
    first = neuron_plugin(tmp_path, "first.py", "wobble")
    second = neuron_plugin(tmp_path, "second.py", "wobble")
    registry = load_registry([str(first), str(second)], autoload=False)
    assert problems_of(registry) == [
        "plugin 'second': neuron name 'wobble' is already registered by plugin 'first'"
    ]
    with pytest.raises(PluginError) as caught:
        registry.get("neuron", "wobble")
    assert str(caught.value) == (
        "neuron 'wobble' is registered by two plugins, 'first' and 'second'; "
        "uninstall or disable one of them"
    )
    assert registry.get("neuron", "sigmoid").plugin == "builtin.neurons"


def test_a_plugin_that_shadows_a_builtin_is_reported(tmp_path):
    path = neuron_plugin(tmp_path, "shadow.py", "sigmoid")
    registry = load_registry([str(path)], autoload=False)
    assert problems_of(registry) == [
        "plugin 'shadow': neuron name 'sigmoid' is already registered by plugin 'builtin.neurons'"
    ]


def test_using_a_duplicate_name_in_a_spec_exits_2_naming_both(tmp_path, capsys):
    first = neuron_plugin(tmp_path, "first.py", "wobble")
    second = neuron_plugin(tmp_path, "second.py", "wobble")
    spec = tmp_path / "spec.json"
    spec.write_text(
        json.dumps(
            {
                "schema_version": 1,
                "name": "dup",
                "layers": [{"size": 1}, {"size": 1, "neuron": "wobble"}],
            }
        )
    )
    assert main(["validate", str(spec), "-p", str(first), "-p", str(second)]) == 2
    err = capsys.readouterr().err
    assert "neuron 'wobble' is registered by two plugins, 'first' and 'second'" in err
    assert "warning: plugin 'second': neuron name 'wobble' is already registered" in err


def test_a_plugin_raising_on_import_is_a_problem_naming_it(tmp_path):
    path = write_plugin(tmp_path, "broken.py", "raise RuntimeError('oops at import')\n")
    registry = load_registry([str(path)], autoload=False)
    assert problems_of(registry) == [
        f"plugin 'broken': failed to import {path}: RuntimeError: oops at import"
    ]
    assert "sigmoid" in registry.names("neuron")


def test_a_missing_module_is_a_problem_naming_it():
    registry = load_registry(["no_such_neurokit_plugin"], autoload=False)
    assert problems_of(registry) == [
        "plugin 'no_such_neurokit_plugin': failed to import: ModuleNotFoundError: "
        "No module named 'no_such_neurokit_plugin'"
    ]


def test_a_plugin_raising_in_a_hook_is_a_problem_and_others_still_load(tmp_path):
    path = write_plugin(
        tmp_path,
        "raises.py",
        """
        from neurokit import hookimpl

        @hookimpl
        def neurokit_register_costs():
            raise ValueError("bad cost table")
        """,
    )
    registry = load_registry([str(path)], autoload=False)
    assert registry.names("cost") == ["quadratic"]
    assert problems_of(registry) == [
        "plugin 'raises': neurokit_register_costs() raised ValueError: bad cost table"
    ]


def test_malformed_descriptors_are_problems_naming_the_plugin(tmp_path):
    path = write_plugin(
        tmp_path,
        "malformed.py",
        """
        from neurokit import hookimpl
        from neurokit.core.neurons import Linear
        from neurokit.core.components import NeuronType

        @hookimpl
        def neurokit_register_neurons():
            return [{"name": "dict-neuron"}, NeuronType("good", lambda p: Linear())]

        @hookimpl
        def neurokit_register_costs():
            return "quadratic"
        """,
    )
    registry = load_registry([str(path)], autoload=False)
    assert "good" in registry.names("neuron")
    assert problems_of(registry) == [
        "plugin 'malformed': neurokit_register_neurons() returned {'name': 'dict-neuron'}, "
        "not a NeuronType",
        "plugin 'malformed': neurokit_register_costs() must return a list of CostType, got str",
    ]


def test_a_misspelled_hook_is_a_problem_naming_it(tmp_path):
    path = write_plugin(
        tmp_path,
        "typo.py",
        """
        from neurokit import hookimpl

        @hookimpl
        def neurokit_register_neuron():
            return []
        """,
    )
    registry = load_registry([str(path)], autoload=False)
    (problem,) = problems_of(registry)
    assert problem.startswith("plugin 'typo': ")
    assert "neurokit_register_neuron" in problem
    assert "typo" not in registry.plugins


def test_an_observer_raising_stops_training_saved_exit_1_naming_it(tmp_path, capsys):
    path = write_plugin(
        tmp_path,
        "noisy.py",
        """
        from neurokit import hookimpl

        calls = []

        @hookimpl
        def neurokit_epoch_end(run, epoch, metrics):
            calls.append(epoch)
            raise KeyError("no such column")
        """,
    )
    spec = tmp_path / "and.json"
    spec.write_text(
        json.dumps(
            {
                "schema_version": 1,
                "name": "and",
                "layers": [{"size": 2}, {"size": 1, "neuron": "sigmoid"}],
                "cost": "quadratic",
                "optimizer": {"name": "sgd", "params": {"eta": 3}},
                "training": {"epochs": 3, "batch_size": 2},
                "data": {
                    "name": "inline",
                    "params": {"train": {"x": [[0, 0], [1, 1]], "y": [[0], [1]]}},
                },
            }
        )
    )
    out = tmp_path / "run"
    code = main(["train", str(spec), "-p", str(path), "--out", str(out), "--progress", "none"])
    assert code == 1  # a plugin fault: not 0, as if the run had gone as asked
    assert len((out / "metrics.jsonl").read_text().splitlines()) == 1  # epoch 1 is kept
    import sys

    assert sys.modules["neurokit_plugin_noisy"].calls == [1]
    assert capsys.readouterr().err.splitlines() == [
        "neurokit: error: plugin 'noisy' failed in neurokit_epoch_end() after epoch 1: "
        "KeyError: 'no such column'; the 1 finished epoch(s) were saved"
    ]


# --- names -----------------------------------------------------------------------------------


def test_an_unknown_name_suggests_the_closest_match():
    registry = load_registry(autoload=False)
    with pytest.raises(PluginError) as caught:
        registry.get("neuron", "sigmod")
    assert str(caught.value) == (
        "unknown neuron 'sigmod' (did you mean 'sigmoid'?); "
        "registered neurons: linear, perceptron, sigmoid"
    )


def test_an_unknown_name_far_from_all_lists_them_without_a_guess():
    assert unknown_name_message("cost", "xyzzy", ["quadratic"]) == (
        "unknown cost 'xyzzy'; registered costs: quadratic"
    )
