"""Issue 11, items 13–15: plugins that exit while loading, one validation of η and inputs for
every command, and a NaN stop that names where the first non-finite number came from.

(Item 10, held-out splits of the wrong width, is in the bad-spec corpus:
``tests/bad_specs/validation_split_too_wide.json`` and ``test_split_two_outputs.json``.)
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from neurokit.cli import main
from neurokit.core.datasets import Dataset, Split
from neurokit.core.errors import TrainingError
from neurokit.pipeline.training import prepare, train
from neurokit.spec import parse_spec

# --- item 13: plugins that call sys.exit while loading, -p on a file without .py ------------

EXIT_AT_IMPORT = "import sys\nsys.exit(3)\n"
EXIT_IN_REGISTER = """
import sys
from neurokit import hookimpl

@hookimpl
def neurokit_register_neurons():
    sys.exit(4)
"""


@pytest.mark.parametrize(
    ("source", "said"),
    [
        (EXIT_AT_IMPORT, "plugin 'quitter': failed to import"),
        (EXIT_IN_REGISTER, "plugin 'quitter': neurokit_register_neurons() raised SystemExit: 4"),
    ],
)
def test_sys_exit_in_a_plugin_is_a_problem_of_that_plugin_not_neurokits_exit(
    source, said, tmp_path, capsys
):
    plugin = tmp_path / "quitter.py"
    plugin.write_text(source)
    spec = "examples/xor.json"
    assert main(["validate", spec, "-p", str(plugin)]) == 0  # neurokit went on without it
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].startswith("neurokit: warning: ") and said in err[0], err


def test_a_plugin_file_without_py_is_named_as_a_plugin_problem(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "myplugin").write_text("from neurokit import hookimpl\n")
    for given in ("myplugin", "./myplugin"):
        assert main(["plugins", "-p", given]) == 0
        err = capsys.readouterr().err
        assert "plugin 'myplugin': " in err and "must be a Python file ending in .py" in err
        assert "AttributeError" not in err and "Traceback" not in err


# --- item 14: explain refuses what train refuses ----------------------------------------


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["--eta=-1"], "optimizer.params.eta: must be greater than 0, got -1"),
        (["--eta", "0"], "optimizer.params.eta: must be greater than 0, got 0"),
        (["--eta", "nan"], "optimizer.params.eta: NaN is not a number JSON allows"),
        (["--eta", "inf"], "optimizer.params.eta: Infinity is not a number JSON allows"),
        (["--input", "nan,1", "--target", "1"], "--input 'nan,1': 'nan' is not a finite number"),
        (["--input", "0,1", "--target", "inf"], "--target 'inf': 'inf' is not a finite number"),
    ],
)
def test_explain_refuses_what_train_refuses(argv, said, capsys):
    assert main(["explain", "examples/xor.json", "--format", "plain", *argv]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.splitlines() == [f"neurokit: error: {err.splitlines()[0][17:]}"]
    assert said in err
    eta = [a for a in argv if a.startswith("--eta")]
    if eta:  # the very same line as train's for the same η
        value = eta[0].partition("=")[2] or argv[argv.index("--eta") + 1]
        assert main(["train", "examples/xor.json", f"--eta={value}", "--progress", "none"]) == 2
        assert capsys.readouterr().err == err


def test_explain_takes_a_good_eta_as_before(capsys):
    assert main(["explain", "examples/xor.json", "--format", "plain", "--eta", "0.5"]) == 0
    assert "η = 0.5" in capsys.readouterr().out


# --- item 15: the NaN stop names the first non-finite quantity ------------------------------

NAN_SIGMA = """
import numpy as np
from neurokit import hookimpl
from neurokit.builtins.neurons import Sigmoid
from neurokit.core.components import NeuronType

class NaNAfterAWhile(Sigmoid):
    calls = 0
    def sigma(self, z):
        NaNAfterAWhile.calls += 1
        out = super().sigma(z)
        return out * np.nan if NaNAfterAWhile.calls > 20 else out

@hookimpl
def neurokit_register_neurons():
    return [NeuronType("nan-sigmoid", lambda params: NaNAfterAWhile())]
"""


def _train_line(tmp_path, spec: dict, capsys, *plugin) -> str:
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(spec))
    argv = ["train", str(path), "--out", str(tmp_path / "run"), "--progress", "none", *plugin]
    assert main(argv) == 2
    [line] = capsys.readouterr().err.splitlines()
    return line


def test_a_plugin_sigma_that_returns_nan_is_named_not_eta(tmp_path, xor_spec_dict, capsys):
    plugin = tmp_path / "nanplug.py"
    plugin.write_text(NAN_SIGMA)
    xor_spec_dict["layers"][1]["neuron"] = "nan-sigmoid"
    line = _train_line(tmp_path, xor_spec_dict, capsys, "-p", str(plugin))
    assert "σ of layer 2 (neuron 'nan-sigmoid' of plugin 'nanplug') returned NaN" in line
    assert "lower η" not in line


def test_hand_set_weights_that_overflow_float32_are_named(tmp_path, xor_spec_dict, capsys):
    xor_spec_dict["training"].update(dtype="float32", epochs=5)
    xor_spec_dict["layers"][1].update(weights=[[3e38, 3e38], [1, 1], [1, -1]], biases=[0, 0, 0])
    line = _train_line(tmp_path, xor_spec_dict, capsys)
    assert "z^2 = w^2 a^1 + b^2 overflowed float32 (largest |w^2| is 3e+38)" in line
    assert "the hand-set weights are too large for the dtype" in line
    assert "lower η" not in line


def test_nan_in_the_data_is_named(registry, xor_spec_dict):
    spec = parse_spec(xor_spec_dict, registry)
    x = np.array([[0, 0], [0, 1], [1, np.nan], [1, 1]], dtype=float)
    y = np.array([[0], [1], [1], [0]], dtype=float)
    run = prepare(spec, registry, dataset=Dataset("plugin-data", {"train": Split(x, y)}))
    with pytest.raises(TrainingError, match=r"training inputs x hold NaN or ±inf") as caught:
        train(run)
    assert "lower η" not in str(caught.value)


def test_a_step_too_large_still_says_lower_eta(registry, xor_spec_dict):
    xor_spec_dict["optimizer"]["params"]["eta"] = 1e300
    xor_spec_dict["layers"][1]["neuron"] = "linear"
    xor_spec_dict["layers"][2]["neuron"] = "linear"
    run = prepare(parse_spec(xor_spec_dict, registry), registry)
    with pytest.raises(TrainingError, match=r"the weights grew too large; lower η"):
        train(run)
