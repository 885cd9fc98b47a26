"""``neurokit evaluate``: its numbers against a direct computation from the saved weights."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from neurokit import api
from neurokit.builtins.mnist_data import FASHION_CLASSES
from neurokit.cli import main
from neurokit.core.metrics import precision_recall
from neurokit.data.idx import write_idx
from neurokit.data.sample import load_mnist_sample
from neurokit.pipeline import runs
from neurokit.pipeline.evaluation import evaluate_run

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture(scope="module")
def run_dir(trained_mnist_run):
    """The examples/mnist.json net trained for 2 epochs on the sample: good, not perfect."""
    return trained_mnist_run(2)


def direct(run_dir, images: np.ndarray, labels: np.ndarray) -> dict:
    """Accuracy, confusion, precision and recall by hand from model.npz, one image at a time."""
    with np.load(run_dir / runs.MODEL_FILE) as model:
        w2, b2, w3, b3 = (model[name] for name in ("w2", "b2", "w3", "b3"))
    confusion = [[0] * 10 for _ in range(10)]
    for pixels, label in zip(images, labels, strict=True):
        x = pixels.astype(np.float64) / 255
        hidden = 1 / (1 + np.exp(-(w2 @ x + b2)))
        output = 1 / (1 + np.exp(-(w3 @ hidden + b3)))
        confusion[int(label)][int(np.argmax(output))] += 1
    correct = sum(confusion[c][c] for c in range(10))
    precision = [
        confusion[c][c] / sum(row[c] for row in confusion)
        if sum(row[c] for row in confusion)
        else 0.0
        for c in range(10)
    ]
    recall = [confusion[c][c] / sum(confusion[c]) for c in range(10)]
    return {
        "n": len(labels),
        "correct": correct,
        "accuracy": correct / len(labels),
        "confusion": confusion,
        "precision": precision,
        "recall": recall,
    }


def evaluate_json(capsys, *argv) -> dict:
    assert main(["evaluate", *map(str, argv), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("split", ["test", "validation"])
def test_json_equals_a_direct_computation_from_the_weights(run_dir, split, capsys):
    images, labels = load_mnist_sample()[split]
    result = evaluate_json(capsys, run_dir, "--split", split)
    expected = direct(run_dir, images, labels)
    assert result["n"] == expected["n"] == 500
    assert result["confusion"] == expected["confusion"]
    assert result["correct"] == expected["correct"]
    assert result["accuracy"] == expected["accuracy"]
    np.testing.assert_allclose(result["precision"], expected["precision"], rtol=1e-12)
    np.testing.assert_allclose(result["recall"], expected["recall"], rtol=1e-12)
    assert 0.5 < result["accuracy"] < 1  # trained, and not trivially perfect
    assert result["dataset"] == "mnist-sample" and result["split"] == split
    assert result["classes"] == [str(d) for d in range(10)]


def test_json_cost_is_the_quadratic_cost_of_the_outputs(run_dir, capsys):
    images, labels = load_mnist_sample()["test"]
    result = evaluate_json(capsys, run_dir)
    _, network = api.load_run(run_dir)
    a = network.feedforward(images / 255)
    y = np.eye(10)[labels]
    # C = (1/2n) Σ_x ||y(x) − a^L(x)||²
    assert result["cost"] == pytest.approx(((y - a) ** 2).sum() / (2 * len(labels)), rel=1e-12)


def test_table_output_shows_accuracy_per_class_scores_and_the_matrix(run_dir, capsys):
    images, labels = load_mnist_sample()["test"]
    expected = direct(run_dir, images, labels)
    assert main(["evaluate", str(run_dir)]) == 0
    out = capsys.readouterr().out
    assert f"accuracy {expected['accuracy']:.2%} ({expected['correct']}/500 correct)" in out
    matrix_rows = [line for line in out.splitlines() if line.count("│") == 12]
    assert len(matrix_rows) == 10
    for digit, line in enumerate(matrix_rows):
        cells = [cell.strip() for cell in line.split("│")[1:-1]]
        assert cells[0] == str(digit)
        assert [int(cell) for cell in cells[1:]] == expected["confusion"][digit]
    score_rows = [line for line in out.splitlines() if line.count("│") == 5]
    assert len(score_rows) == 10
    assert f"{expected['recall'][7]:.3f}" in score_rows[7]


def test_precision_and_recall_by_hand():
    # rows: true class, columns: predicted
    confusion = np.array([[3, 1, 0], [2, 4, 0], [1, 0, 0]])
    precision, recall = precision_recall(confusion)
    np.testing.assert_allclose(precision, [3 / 6, 4 / 5, 0])  # class 2 never predicted: 0
    np.testing.assert_allclose(recall, [3 / 4, 4 / 6, 0])


@pytest.fixture(scope="module")
def fashion_dir(tmp_path_factory):
    """Fashion-MNIST-shaped IDX files: 10,005 training and 30 test images."""
    directory = tmp_path_factory.mktemp("fashion")
    rng = np.random.default_rng(1)
    for split, n in (("train", 10_005), ("t10k", 30)):
        images = np.zeros((n, 28, 28), dtype=np.uint8)
        if split == "t10k":  # only the test images are looked at; blank ones compress fast
            images[:, 6:22, 6:22] = rng.integers(0, 256, size=(n, 16, 16), dtype=np.uint8)
        write_idx(directory / f"{split}-images-idx3-ubyte.gz", images)
        write_idx(directory / f"{split}-labels-idx1-ubyte.gz", (np.arange(n) % 10).astype(np.uint8))
    return directory


def test_another_data_set_of_the_same_shape(run_dir, fashion_dir, capsys):
    from neurokit.data.idx import read_idx

    result = evaluate_json(capsys, run_dir, "--dataset", "fashion-mnist", "--data-dir", fashion_dir)
    images = read_idx(fashion_dir / "t10k-images-idx3-ubyte.gz").reshape(30, -1)
    labels = read_idx(fashion_dir / "t10k-labels-idx1-ubyte.gz")
    expected = direct(run_dir, images, labels)
    assert result["dataset"] == "fashion-mnist" and result["n"] == 30
    assert result["confusion"] == expected["confusion"]
    assert result["classes"] == FASHION_CLASSES
    assert main(["evaluate", str(run_dir), "--dataset", "fashion-mnist", "--data-dir",
                 str(fashion_dir)]) == 0  # fmt: skip
    assert "0 T-shirt/top" in capsys.readouterr().out


def test_the_data_cache_changes_no_number(run_dir, fashion_dir, tmp_path, monkeypatch, capsys):
    """Scored from the gzipped files, then from the cache of their decompressed bytes."""
    argv = (run_dir, "--dataset", "fashion-mnist", "--data-dir", fashion_dir)
    uncached = evaluate_json(capsys, *argv)
    monkeypatch.delenv("NEUROKIT_DISABLE_DATA_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    filling = evaluate_json(capsys, *argv)
    assert list((tmp_path / "neurokit" / "decompressed").iterdir())
    assert filling == uncached
    assert evaluate_json(capsys, *argv) == uncached


def test_a_data_set_that_does_not_fit_the_network(run_dir, capsys):
    xor = run_dir.parent / "xor"
    registry = api.registry()
    spec = api.load_spec_with_overrides(
        str(EXAMPLES / "xor.json"), registry, {"training": {"epochs": 1}}
    )
    api.train_spec(spec, registry, out_dir=xor, progress="none")
    assert main(["evaluate", str(xor), "--dataset", "mnist-sample"]) == 2
    err = capsys.readouterr().err
    assert "'mnist-sample' has 784 inputs and 10 outputs" in err and "needs 2 and 1" in err
    # Its own data set has no test split; the error lists the splits it has.
    assert main(["evaluate", str(xor)]) == 2
    assert "has no 'test' split (it has: train)" in capsys.readouterr().err
    assert main(["evaluate", str(xor), "--split", "train", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["n"] == 4 and np.array(result["confusion"]).shape == (2, 2)


def test_unknown_data_set_and_missing_files(run_dir, tmp_path, capsys):
    assert main(["evaluate", str(run_dir), "--dataset", "mnist-smaple"]) == 2
    assert "did you mean 'mnist-sample'" in capsys.readouterr().err
    assert main(["evaluate", str(run_dir), "--dataset", "mnist", "--data-dir", str(tmp_path)]) == 2
    assert "mnist data not found" in capsys.readouterr().err


def test_library_call_returns_a_printable_result(run_dir):
    result = evaluate_run(run_dir, split="validation")
    assert repr(result).startswith("Evaluation('mnist-sample' validation: accuracy ")
    assert result.support.tolist() == [50] * 10
    assert result.to_dict()["n"] == 500


def test_scoring_the_test_split_reads_only_the_test_files(run_dir, tmp_path, capsys):
    """The training image file here is not an IDX file at all: scoring the test split never
    opens it, while scoring the validation split (held out of the training file) must."""
    rng = np.random.default_rng(2)
    images = rng.integers(0, 256, size=(20, 28, 28), dtype=np.uint8)
    labels = (np.arange(20) % 10).astype(np.uint8)
    write_idx(tmp_path / "t10k-images-idx3-ubyte", images)
    write_idx(tmp_path / "t10k-labels-idx1-ubyte", labels)
    (tmp_path / "train-images-idx3-ubyte").write_bytes(b"not an IDX file")
    (tmp_path / "train-labels-idx1-ubyte").write_bytes(b"not an IDX file")

    result = evaluate_json(capsys, run_dir, "--dataset", "mnist", "--data-dir", tmp_path)
    assert result["n"] == 20
    assert result["confusion"] == direct(run_dir, images.reshape(20, -1), labels)["confusion"]
    args = ["evaluate", str(run_dir), "--dataset", "mnist", "--data-dir", str(tmp_path)]
    assert main([*args, "--split", "validation"]) == 2
    assert "train-images-idx3-ubyte" in capsys.readouterr().err


def test_a_data_set_without_a_test_split_suggests_one_it_has(tmp_path, capsys):
    from neurokit.cli import main

    out = tmp_path / "xor"
    assert main(["train", str(EXAMPLES / "xor.json"), "--out", str(out), "--progress", "none"]) == 0
    capsys.readouterr()
    assert main(["evaluate", str(out)]) == 2
    assert capsys.readouterr().err.strip() == (
        "neurokit: error: data set 'inline' has no 'test' split (it has: train); try --split train"
    )
    assert main(["evaluate", str(out), "--split", "train"]) == 0
