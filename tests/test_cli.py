import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from neurokit.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def test_train_writes_the_run_and_says_where(tmp_path, capsys):
    out = tmp_path / "xor-run"
    status = main(
        [
            "train",
            str(EXAMPLES / "xor.json"),
            "--epochs",
            "5",
            "--out",
            str(out),
            "--progress",
            "plain",
        ]
    )
    assert status == 0
    printed = capsys.readouterr().out
    assert f"saved run to {out}" in printed
    assert printed.count("epoch ") == 5
    spec = json.loads((out / "spec.json").read_text())
    assert spec["training"]["epochs"] == 5  # the resolved spec, with the override
    assert np.load(out / "model.npz", allow_pickle=False)["w2"].shape == (3, 2)


def test_train_without_out_uses_runs_directory(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["train", str(EXAMPLES / "xor.json"), "--epochs", "1", "--progress", "none"]) == 0
    (run_dir,) = (tmp_path / "runs").iterdir()
    assert run_dir.name.startswith("xor-")
    assert f"saved run to runs/{run_dir.name}" in capsys.readouterr().out


def test_overrides_reach_the_spec(tmp_path):
    out = tmp_path / "run"
    main(
        [
            "train",
            str(EXAMPLES / "xor.json"),
            "--epochs",
            "2",
            "--eta",
            "0.5",
            "--batch-size",
            "2",
            "--seed",
            "4",
            "--dtype",
            "float32",
            "--out",
            str(out),
            "--progress",
            "none",
        ]
    )
    spec = json.loads((out / "spec.json").read_text())
    assert spec["optimizer"] == {"name": "sgd", "params": {"eta": 0.5}}
    assert spec["training"] == {"epochs": 2, "batch_size": 2, "seed": 4, "dtype": "float32"}
    assert np.load(out / "model.npz")["w2"].dtype == np.float32


def test_typo_in_a_spec_is_one_line_with_path_and_suggestion(write_spec, xor_spec_dict, capsys):
    xor_spec_dict["layers"][1]["neuron"] = "sigmod"
    path = write_spec(xor_spec_dict, "xor.json")
    assert main(["train", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.splitlines() == [
        "neurokit: error: xor.json: layers[1].neuron: unknown neuron 'sigmod' "
        "(did you mean 'sigmoid'?); registered neurons: linear, perceptron, sigmoid"
    ]


def test_bad_override_is_reported_against_the_field(capsys):
    assert main(["train", str(EXAMPLES / "xor.json"), "--eta", "-1"]) == 2
    assert "xor.json: optimizer.params.eta:" in capsys.readouterr().err


def test_missing_spec_file_is_exit_2(tmp_path, capsys):
    assert main(["validate", str(tmp_path / "nope.json")]) == 2
    assert "nope.json: no such spec file" in capsys.readouterr().err


def test_validate_json(capsys):
    assert main(["validate", str(EXAMPLES / "xor.json"), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result == {
        "valid": True,
        "file": str(EXAMPLES / "xor.json"),
        "name": "xor",
        "sizes": [2, 3, 1],
        "parameters": 13,
    }


def test_validate_json_reports_every_problem(write_spec, xor_spec_dict, capsys):
    xor_spec_dict["layers"][1]["neuron"] = "tanh"
    xor_spec_dict["training"]["epochs"] = 0
    path = write_spec(xor_spec_dict)
    assert main(["validate", str(path), "--json"]) == 2
    result = json.loads(capsys.readouterr().out)
    assert result["valid"] is False
    assert [e["path"] for e in result["errors"]] == ["layers[1].neuron", "training.epochs"]


def test_schema_lists_registered_names(capsys):
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["$id"].endswith("spec-v1.json")
    assert schema["properties"]["schema_version"]["const"] == 1
    neuron_names = schema["$defs"]["NeuronRef"]["anyOf"][0]["enum"]
    assert neuron_names == ["linear", "perceptron", "sigmoid"]
    assert "mnist-sample" in schema["$defs"]["Data"]["properties"]["name"]["enum"]


def test_plugins_json_names_origin(capsys):
    assert main(["plugins", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)["components"]
    sgd = next(r for r in rows if r["name"] == "sgd")
    assert sgd["kind"] == "optimizer" and sgd["plugin"] == "builtin.optimizers"
    assert sgd["params"] == ["eta"]


def test_a_plugin_bug_mid_training_is_a_plugin_fault_exit_1(
    write_spec, xor_spec_dict, tmp_path, capsys
):
    plugin = tmp_path / "bad_neuron.py"
    plugin.write_text(
        "from neurokit import hookimpl\n"
        "from neurokit.core.components import Neuron, NeuronType\n"
        "class Bad(Neuron):\n"
        "    def sigma(self, z):\n"
        "        return 1 / 0\n"
        "@hookimpl\n"
        "def neurokit_register_neurons():\n"
        "    return [NeuronType('bad', lambda params: Bad())]\n"
    )
    xor_spec_dict["layers"][1]["neuron"] = "bad"
    path = write_spec(xor_spec_dict)
    assert (
        main(
            [
                "train",
                str(path),
                "-p",
                str(plugin),
                "--progress",
                "none",
                "--out",
                str(tmp_path / "r"),
            ]
        )
        == 1
    )
    err = capsys.readouterr().err
    assert err.splitlines() == [
        "neurokit: error: plugin 'bad_neuron' failed in sigma() during epoch 1: "
        "ZeroDivisionError: division by zero; no epoch had finished"
    ]
    assert not (tmp_path / "r" / "model.npz").exists()


def test_python_dash_m_and_help():
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-m", "neurokit", "--help"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0
    for command in ("train", "validate", "schema", "plugins"):
        assert command in result.stdout


def test_usage_error_is_exit_2(capsys):
    try:
        main(["train"])
    except SystemExit as exc:
        assert exc.code == 2
    assert "SPEC" in capsys.readouterr().err


def _command_plugin(tmp_path):
    """A plugin file adding the command ``greet``; each import of it adds a line to a log."""
    log = tmp_path / "imports.log"
    plugin = tmp_path / "greeter.py"
    plugin.write_text(
        "import pathlib\n"
        "from neurokit import hookimpl\n"
        "from neurokit.components import CommandType\n"
        f"with pathlib.Path({str(log)!r}).open('a') as log:\n"
        "    log.write('imported\\n')\n"
        "def add_arguments(parser):\n"
        "    parser.add_argument('--loud', action='store_true')\n"
        "def run(args):\n"
        "    print('HELLO' if args.loud else 'hello')\n"
        "    return 0\n"
        "@hookimpl\n"
        "def neurokit_register_commands():\n"
        "    return [CommandType('greet', 'say hello', add_arguments, run)]\n"
    )
    return plugin, log


def test_a_configured_plugin_command_runs(tmp_path, monkeypatch, capsys):
    plugin, _ = _command_plugin(tmp_path)
    monkeypatch.setenv("NEUROKIT_PLUGINS", str(plugin))
    assert main(["greet", "--loud"]) == 0
    assert capsys.readouterr().out == "HELLO\n"
    assert main(["greet", "-p", str(plugin)]) == 0  # named on the command line as well
    assert capsys.readouterr().out == "hello\n"


def test_help_and_an_unknown_command_list_plugin_commands(tmp_path, monkeypatch, capsys):
    plugin, _ = _command_plugin(tmp_path)
    monkeypatch.setenv("NEUROKIT_PLUGINS", str(plugin))
    with pytest.raises(SystemExit) as shown:
        main(["--help"])
    assert shown.value.code == 0
    assert "greet" in capsys.readouterr().out
    with pytest.raises(SystemExit) as refused:
        main(["greeet"])
    assert refused.value.code == 2
    assert "'greet'" in capsys.readouterr().err


def test_a_built_in_command_loads_a_configured_plugin_once(tmp_path, monkeypatch, capsys):
    plugin, log = _command_plugin(tmp_path)
    monkeypatch.setenv("NEUROKIT_PLUGINS", str(plugin))
    assert main(["plugins", "--json"]) == 0
    assert "greeter" in capsys.readouterr().out
    assert log.read_text() == "imported\n"
