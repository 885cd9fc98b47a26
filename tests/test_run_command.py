"""``neurokit run``: feed inputs through a hand-set net or a trained run and print a^L."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from neurokit import cli
from neurokit.pipeline.registry import load_registry
from neurokit.pipeline.runs import load_run

ROOT = Path(__file__).resolve().parent.parent
GATES = ROOT / "examples" / "gates"


def rows_of(output: str) -> list[list[str]]:
    """The body of a plain table: the lines after the title and header, split into cells."""
    return [line.split() for line in output.splitlines()[2:] if line.strip()]


def test_nand_on_one_input(capsys):
    assert cli.main(["run", str(GATES / "nand.json"), "--input", "1,0"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "nand (2-1, perceptron)"
    assert out.splitlines()[1].split() == ["x1", "x2", "a^L"]
    assert rows_of(out) == [["1", "0", "1"]]


def test_several_inputs_in_order(capsys):
    argv = ["run", str(GATES / "nand.json"), "--input", "1,1", "--input", "0 1", "--input", "1, 0"]
    assert cli.main(argv) == 0
    assert rows_of(capsys.readouterr().out) == [["1", "1", "0"], ["0", "1", "1"], ["1", "0", "1"]]


def test_truth_table_of_the_adder(capsys):
    assert cli.main(["run", str(GATES / "adder.json"), "--truth-table"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[1].split() == ["x1", "x2", "a^L_1", "a^L_2"]
    # (sum, carry) of x1 + x2, by hand
    assert rows_of(out) == [
        ["0", "0", "0", "0"],
        ["0", "1", "1", "0"],
        ["1", "0", "1", "0"],
        ["1", "1", "0", "1"],
    ]


def test_truth_table_of_not_and_of_the_xor_network(capsys):
    assert cli.main(["run", str(GATES / "not.json"), "--truth-table"]) == 0
    assert rows_of(capsys.readouterr().out) == [["0", "1"], ["1", "0"]]
    assert cli.main(["run", str(GATES / "xor-nand-network.json"), "--truth-table"]) == 0
    assert [row[2] for row in rows_of(capsys.readouterr().out)] == ["0", "1", "1", "0"]


def test_json_output(capsys):
    argv = ["run", str(GATES / "or.json"), "--input", "0,0", "--input=1,0", "--json"]
    assert cli.main(argv) == 0
    data = json.loads(capsys.readouterr().out)
    assert data == {
        "network": "or",
        "sizes": [2, 1],
        "rows": [{"input": [0.0, 0.0], "output": [0.0]}, {"input": [1.0, 0.0], "output": [1.0]}],
    }


def test_non_binary_and_negative_inputs_are_fine(capsys):
    # z = −2·(−1) − 2·0.25 + 3 = 4.5 > 0
    argv = ["run", str(GATES / "nand.json"), "--input=-1,0.25", "--json"]
    assert cli.main(argv) == 0
    assert json.loads(capsys.readouterr().out)["rows"][0]["output"] == [1.0]


def test_a_trained_run_directory(tmp_path, capsys):
    out_dir = tmp_path / "xor"
    argv = ["train", str(ROOT / "examples" / "xor.json"), "--epochs", "3", "--out", str(out_dir)]
    assert cli.main([*argv, "--progress", "none"]) == 0
    capsys.readouterr()
    assert cli.main(["run", str(out_dir), "--truth-table", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)["rows"]
    _, network = load_run(out_dir, load_registry())
    expected = network.feedforward(np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float))
    assert [row["output"] for row in rows] == expected.tolist()


@pytest.mark.parametrize(
    "extra, message",
    [
        (["--input", "1,0,1"], "--input '1,0,1': the network has 2 inputs, got 3 numbers"),
        (["--input", "1"], "--input '1': the network has 2 inputs, got 1 number"),
        (["--input", "1,x"], "--input '1,x': 'x' is not a number"),
        (["--input", "nan,0"], "'nan' is not a finite number"),
        (["--input", ""], "got 0 numbers"),
        ([], "give at least one --input X"),
    ],
)
def test_bad_inputs_exit_2_with_one_line(extra, message, capsys):
    assert cli.main(["run", str(GATES / "nand.json"), *extra]) == 2
    captured = capsys.readouterr()
    assert captured.err.startswith("neurokit: error: --input" if extra else "neurokit: error:")
    assert message in captured.err and len(captured.err.strip().splitlines()) == 1
    assert captured.out == ""


def test_a_spec_to_train_is_refused_with_the_way_to_run_it(capsys):
    assert cli.main(["run", str(ROOT / "examples" / "xor.json"), "--input", "1,0"]) == 2
    err = capsys.readouterr().err
    assert "xor.json: layers[1] has no hand-set weights or biases" in err
    assert "neurokit train" in err and len(err.strip().splitlines()) == 1


def test_a_fixed_spec_without_weights_is_refused(tmp_path, capsys):
    spec = json.loads((GATES / "and.json").read_text())
    del spec["layers"][1]["biases"]
    path = tmp_path / "half.json"
    path.write_text(json.dumps(spec))
    assert cli.main(["run", str(path), "--input", "1,1"]) == 2
    assert "half.json: layers[1].biases: not set" in capsys.readouterr().err


def test_truth_table_of_too_many_inputs_is_refused(tmp_path, capsys):
    spec = {
        "schema_version": 1,
        "name": "wide",
        "layers": [
            {"size": 13},
            {"size": 1, "neuron": "perceptron", "weights": [[1] * 13], "biases": [0]},
        ],
    }
    path = tmp_path / "wide.json"
    path.write_text(json.dumps(spec))
    assert cli.main(["run", str(path), "--truth-table"]) == 2
    assert "2^13 rows" in capsys.readouterr().err


def test_missing_spec_exits_2(tmp_path, capsys):
    assert cli.main(["run", str(tmp_path / "nope.json"), "--input", "1,0"]) == 2
    assert "no such spec file" in capsys.readouterr().err


def test_as_a_subprocess():
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "neurokit", "run", str(GATES / "and.json"), "--input", "1,1"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert rows_of(done.stdout) == [["1", "1", "1"]]
