"""The RBF network (model ``rbf``): its forward pass and least-squares solve against direct
computations, its gradients against finite differences, XOR and MNIST through the CLI."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest

from neurokit.builtins.rbf import RBF_EXAMPLE, LeastSquaresRBF, RBFNetwork, RbfParams, kmeans
from neurokit.cli import main
from neurokit.core.datasets import Split
from neurokit.core.errors import SpecError
from neurokit.core.model import LearningStep
from neurokit.spec import parse_spec
from neurokit.testing import check_plugin

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_forward_pass_equals_the_formula_example_by_example():
    params = RbfParams(output="sigmoid", solver="gradient")
    net = RBFNetwork(params, [3, 4, 2], dtype="float64", rng=np.random.default_rng(1))
    net.widths[...] = [0.5, 1.0, 1.5, 2.0]
    x = np.random.default_rng(2).random((5, 3))
    got = net.predict(x)
    for m in range(5):
        phi = [
            math.exp(
                -sum((x[m, i] - net.centres[j, i]) ** 2 for i in range(3))
                / (2 * net.widths[j] ** 2)
            )
            for j in range(4)
        ]
        for k in range(2):
            z = sum(net.w[k, j] * phi[j] for j in range(4)) + net.b[k]
            assert got[m, k] == pytest.approx(1 / (1 + math.exp(-z)), rel=1e-12)


def test_least_squares_matches_numpy_lstsq_without_ridge():
    net = LeastSquaresRBF(
        RbfParams(ridge=0.0), [2, 3, 1], dtype="float64", rng=np.random.default_rng(0)
    )
    x = np.random.default_rng(3).random((20, 2))
    y = np.sin(3 * x[:, :1]) + x[:, 1:]
    net.learn(x, y, LearningStep(1, 1, 1, 1, np.random.default_rng(0)))
    phi = np.exp(-((x[:, None, :] - net.centres[None]) ** 2).sum(2) / (2 * net.widths**2))
    solution, *_ = np.linalg.lstsq(np.hstack([phi, np.ones((20, 1))]), y, rcond=None)
    np.testing.assert_allclose(net.w, solution[:-1].T, rtol=1e-6)
    np.testing.assert_allclose(net.b, solution[-1], rtol=1e-6)


def test_kmeans_finds_three_separate_clusters():
    rng = np.random.default_rng(0)
    true = np.array([[0.0, 0.0], [5.0, 5.0], [0.0, 5.0]])
    x = np.vstack([c + 0.1 * rng.standard_normal((30, 2)) for c in true])
    found = kmeans(x, 3, 50, np.random.default_rng(4))
    gaps = np.linalg.norm(true[:, None, :] - found[None, :, :], axis=2)
    assert sorted(gaps.argmin(axis=1)) == [0, 1, 2]  # one centre per cluster
    assert gaps.min(axis=1).max() < 0.1


def test_the_kit_passes_the_rbf_including_its_gradients():
    assert check_plugin("builtin.rbf") == []


def test_gradcheck_command_passes_a_trainable_rbf(write_spec, capsys):
    path = write_spec(RBF_EXAMPLE)
    assert main(["gradcheck", str(path)]) == 0
    out = capsys.readouterr().out
    assert "centres" in out and "widths" in out and "all layers pass" in out


def test_xor_is_solved_with_four_centres(tmp_path, capsys):
    spec = json.loads((EXAMPLES / "rbf-xor.json").read_text())
    assert spec["layers"][1]["size"] <= 4
    out = tmp_path / "xor"
    assert (
        main(["train", str(EXAMPLES / "rbf-xor.json"), "--out", str(out), "--progress", "none"])
        == 0
    )
    capsys.readouterr()
    assert main(["evaluate", str(out), "--split", "train", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["accuracy"] == 1.0
    assert main(["plot", str(out)]) == 0
    assert (out / "decision-regions.png").read_bytes()[:4] == b"\x89PNG"


def test_mnist_example_reaches_88_percent_on_the_sample_test_split(tmp_path, capsys):
    spec = json.loads((EXAMPLES / "rbf-mnist.json").read_text())
    assert spec["layers"][1]["size"] >= 100
    out = tmp_path / "mnist"
    assert (
        main(["train", str(EXAMPLES / "rbf-mnist.json"), "--out", str(out), "--progress", "none"])
        == 0
    )
    capsys.readouterr()
    assert main(["evaluate", str(out), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["accuracy"] >= 0.88
    assert main(["plot", str(out)]) == 0
    assert (out / "rbf-centres.png").read_bytes()[:4] == b"\x89PNG"


def test_more_centres_than_examples_is_one_line_and_writes_nothing(write_spec, tmp_path, capsys):
    spec = json.loads((EXAMPLES / "rbf-xor.json").read_text())
    spec["layers"][1]["size"] = 5
    out = tmp_path / "run"
    assert main(["train", str(write_spec(spec)), "--out", str(out), "--progress", "none"]) == 2
    err = capsys.readouterr().err
    assert err == (
        "neurokit: error: layers[1].size: 5 centres but only 4 training examples; use at "
        "most 4 hidden units\n"
    )
    assert not out.exists() or not any(out.iterdir())


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"width": 0}, "s.json: model.params.width: must be greater than 0"),
        ({"output": "sigmoid"}, "s.json: model.params: least squares fits a linear output"),
    ],
)
def test_bad_params_are_refused_at_their_path(registry, change, expected):
    spec = json.loads((EXAMPLES / "rbf-xor.json").read_text())
    spec["model"]["params"].update(change)
    with pytest.raises(SpecError) as caught:
        parse_spec(spec, registry, source="s.json")
    assert str(caught.value).startswith(expected)


def test_least_squares_takes_no_cost(registry):
    spec = json.loads((EXAMPLES / "rbf-xor.json").read_text())
    spec["cost"] = "quadratic"
    with pytest.raises(SpecError) as caught:
        parse_spec(spec, registry, source="s.json")
    assert str(caught.value) == "s.json: cost: model 'rbf' learns by its own rule and takes no cost"


def test_coinciding_centres_refuse_a_width_of_zero():
    net = LeastSquaresRBF(
        RbfParams(centres="sample"), [2, 2, 1], dtype="float64", rng=np.random.default_rng(0)
    )
    same = Split(np.ones((3, 2)), np.zeros((3, 1)))
    with pytest.raises(Exception, match="width of 0"):
        net.begin(same, np.random.default_rng(0))
