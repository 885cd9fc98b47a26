"""The MNIST examples train to a meaningful accuracy, and a saved run reloads exactly."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from neurokit import api
from neurokit.cli import main
from neurokit.data.idx import write_idx
from neurokit.data.sample import load_mnist_sample
from neurokit.pipeline import runs
from neurokit.pipeline.evaluation import evaluate_run
from neurokit.pipeline.run_plugins import PLUGINS_FILE
from neurokit.spec import load_spec

#: Fewer than the examples' 30 epochs keeps the test fast; the sample plateaus near 90%
#: after about 15, and 10 epochs are already well above the bound asserted here.
EPOCHS = 10

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def textbook_settings(spec) -> tuple:
    return (spec.optimizer.name, spec.optimizer.params, spec.training.batch_size, spec.cost.name)


def test_example_specs_have_the_documented_settings():
    registry = api.registry()
    sample = load_spec(str(EXAMPLES / "mnist.json"), registry)
    lecture = load_spec(str(EXAMPLES / "mnist-784-15-10.json"), registry)
    full = load_spec(str(EXAMPLES / "mnist-full-784-30-10.json"), registry)
    assert sample.sizes == full.sizes == [784, 30, 10]
    assert lecture.sizes == [784, 15, 10]
    for spec in (sample, lecture, full):
        assert textbook_settings(spec) == ("sgd", {"eta": 3.0}, 10, "quadratic")
        assert [layer.neuron.name for layer in spec.layers[1:]] == ["sigmoid", "sigmoid"]
    assert sample.data.name == lecture.data.name == "mnist-sample"
    assert full.data.name == "mnist" and full.data.params == {}
    assert full.training.epochs == 30


@pytest.mark.parametrize("example", ["mnist", "mnist-784-15-10"])
def test_example_reaches_85_percent_on_the_sample_test_split(example, tmp_path):
    registry = api.registry()
    spec = api.load_spec_with_overrides(
        EXAMPLES / f"{example}.json", registry, {"training": {"epochs": EPOCHS}}
    )
    trained = api.train_spec(spec, registry, out_dir=tmp_path / "run", progress="none")
    result = evaluate_run(tmp_path / "run", registry, split="test")
    assert result.n == 500
    assert result.accuracy >= 0.85, result
    # The validation accuracy recorded while training is that of the final weights too.
    last = trained.history[-1]
    assert (
        evaluate_run(tmp_path / "run", registry, split="validation").correct
        == last["validation_correct"]
    )


def test_saved_model_reloads_to_identical_predictions(tmp_path):
    registry = api.registry()
    spec = api.load_spec_with_overrides(
        str(EXAMPLES / "mnist.json"), registry, {"training": {"epochs": 2}}
    )
    trained = api.train_spec(spec, registry, out_dir=tmp_path / "run", progress="none")
    assert sorted(p.name for p in (tmp_path / "run").iterdir()) == sorted(
        [runs.SPEC_FILE, runs.MODEL_FILE, runs.METRICS_FILE, "run.json", PLUGINS_FILE]
    )
    reloaded_spec, reloaded = runs.load_run(tmp_path / "run", registry)
    assert reloaded_spec == spec
    x = load_mnist_sample()["test"][0] / 255
    before, after = trained.network.feedforward(x), reloaded.feedforward(x)
    assert np.array_equal(before, after)  # bit for bit, not merely close
    assert np.array_equal(before.argmax(axis=1), after.argmax(axis=1))
    for saved, loaded in zip(trained.network.parameters, reloaded.parameters, strict=True):
        assert saved.dtype == loaded.dtype and np.array_equal(saved, loaded)
    history = [json.loads(line) for line in (tmp_path / "run" / "metrics.jsonl").open()]
    assert [row["epoch"] for row in history] == [1, 2]


@pytest.fixture(scope="module")
def small_mnist(tmp_path_factory):
    """MNIST-format files with 10,040 training images: 40 to train on after the 10,000
    validation images are held out, so the full-MNIST spec runs an epoch in moments."""
    directory = tmp_path_factory.mktemp("mnist")
    digits = load_mnist_sample()["train"]
    for split, n in (("train", 10_040), ("t10k", 25)):
        picks = np.arange(n) % len(digits[1])
        write_idx(directory / f"{split}-images-idx3-ubyte", digits[0][picks].reshape(n, 28, 28))
        write_idx(directory / f"{split}-labels-idx1-ubyte", digits[1][picks])  # plain, fast
    return directory


def test_full_mnist_example_trains_from_idx_files(small_mnist, tmp_path, capsys):
    out = tmp_path / "full"
    argv = [
        str(EXAMPLES / "mnist-full-784-30-10.json"),
        "--epochs",
        "1",
        "--data-dir",
        str(small_mnist),
    ]
    assert main(["train", *argv, "--out", str(out), "--progress", "plain"]) == 0
    assert "validation accuracy" in capsys.readouterr().out
    (row,) = runs.read_metrics(out / runs.METRICS_FILE)
    assert row["validation_n"] == 10_000
    assert main(["evaluate", str(out), "--data-dir", str(small_mnist), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["dataset"] == "mnist" and result["n"] == 25
    # Where the files are missing, the one-line error says how to get them.
    assert main(["evaluate", str(out), "--data-dir", str(tmp_path / "empty")]) == 2
    assert "neurokit data download mnist" in capsys.readouterr().err
