"""The model plugin point: models registered through the hook, the spec's "model" section,
the perceptron rule as a trainable model, a third-party model and command from single files,
and the feedforward path unchanged bit for bit."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from neurokit import cli
from neurokit.core.errors import SpecError
from neurokit.core.model import LearningStep
from neurokit.core.perceptron import PerceptronLayer
from neurokit.core.sgd import sgd_update, update_mini_batch
from neurokit.pipeline import runs
from neurokit.pipeline.builder import build_model
from neurokit.pipeline.registry import load_registry
from neurokit.pipeline.training import prepare, train
from neurokit.spec import load_spec, parse_spec
from neurokit.testing import check_plugin, checks_for

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
REFERENCE_RUNS = Path(__file__).resolve().parent / "reference_runs"
ADALINE = EXAMPLES / "plugins" / "adaline.py"


@pytest.fixture(scope="module")
def registry():
    return load_registry(autoload=False)


def error_lines(data: dict, registry) -> list[str]:
    with pytest.raises(SpecError) as caught:
        parse_spec(data, registry, source="s.json")
    return str(caught.value).splitlines()


def and_learn() -> dict:
    return json.loads((EXAMPLES / "gates" / "and-learn.json").read_text())


# --- registration -------------------------------------------------------------------------


def test_built_in_models_come_through_the_hook(registry):
    models = registry.components("model")
    assert {"feedforward", "perceptron"} <= set(models)
    assert models["feedforward"].plugin == "builtin.models"


def test_every_built_in_model_passes_the_conformance_kit():
    checks = checks_for("builtin.models")
    assert {"feedforward:model_gradients", "perceptron:model_save_load"} <= {c.id for c in checks}
    assert check_plugin("builtin.models") == []


def test_the_kit_catches_wrong_gradients(registry):
    import neurokit.builtins.models as built_in
    from neurokit.components import ModelType
    from neurokit.core.network import Network

    class Wrong(Network):
        def gradients(self, x, y, cost, scale=1.0):
            return [2 * g for g in super().gradients(x, y, cost, scale)]

    def build(params, context):
        return Wrong(context.sizes, context.neurons, dtype=context.dtype, rng=context.rng)

    descriptor = ModelType("wrong", build, example=built_in.FEEDFORWARD_EXAMPLE)
    failures = check_plugin(descriptor)
    assert [f.check for f in failures] == ["model_gradients"]
    assert "finite differences" in str(failures[0])


# --- the spec's "model" section ------------------------------------------------------------


def test_a_spec_without_model_is_feedforward(registry):
    spec = load_spec(EXAMPLES / "xor.json", registry)
    assert spec.model is None and spec.model_name == "feedforward"
    assert "model" not in json.loads(spec.to_json())


def test_every_example_spec_still_validates(registry):
    paths = sorted(EXAMPLES.glob("*.json")) + sorted((EXAMPLES / "gates").glob("*.json"))
    assert len(paths) >= 14
    for path in paths:
        load_spec(path, registry)


def test_a_rule_model_refuses_cost_optimizer_and_unused_training_keys(registry):
    data = and_learn()
    data["cost"] = "quadratic"
    data["optimizer"] = {"name": "sgd", "params": {"eta": 1.0}}
    data["training"]["batch_size"] = 2
    assert error_lines(data, registry) == [  # in the order the keys appear in the file
        "s.json: training.batch_size: model 'perceptron' does not use training.batch_size",
        "s.json: cost: model 'perceptron' learns by its own rule and takes no cost",
        "s.json: optimizer: model 'perceptron' learns by its own rule and takes no optimizer",
    ]


def test_model_params_and_names_are_checked_at_their_paths(registry):
    data = and_learn()
    data["model"]["params"] = {"eta": -1, "radius": 2}
    lines = error_lines(data, registry)
    assert any(
        line.startswith("s.json: model.params.eta: must be greater than 0") for line in lines
    )
    assert any("model.params.radius: unknown parameter 'radius'" in line for line in lines)
    data["model"] = {"name": "perceptorn"}
    (line,) = error_lines(data, registry)
    assert line.startswith("s.json: model: unknown model 'perceptorn' (did you mean 'perceptron'?)")


def test_a_model_states_its_layers_and_neurons(registry):
    data = and_learn()
    data["layers"] = [{"size": 2}, {"size": 2, "neuron": "sigmoid"}, {"size": 1}]
    assert error_lines(data, registry) == [
        "s.json: layers: model 'perceptron' takes exactly 2 layers, got 3",
        "s.json: layers[1].neuron: model 'perceptron' takes no neuron",
    ]


def test_feedforward_still_needs_two_layers_and_a_batch_size(registry):
    data = json.loads((EXAMPLES / "xor.json").read_text())
    data["layers"] = data["layers"][:1]
    del data["training"]["batch_size"]
    assert error_lines(data, registry) == [
        "s.json: layers: a network needs at least 2 layers (input and output), got 1",
        "s.json: training.batch_size: required field is missing (m, examples per mini-batch)",
    ]


# --- the perceptron rule as a model ----------------------------------------------------------


def test_perceptron_learn_is_the_rule_by_hand():
    layer = PerceptronLayer(2, 1, eta=0.5, dtype="float64", rng=np.random.default_rng(0))
    layer.weights[...] = [[0.0, 0.0]]
    layer.biases[...] = [0.0]
    x = np.array([[1.0, 1.0], [1.0, 0.0]])
    y = np.array([[1.0], [0.0]])
    layer.learn(x, y, LearningStep(1, 1, 1, 1, np.random.default_rng(0)))
    # (1,1): z = 0 → ŷ = 0, y = 1: w = (0.5, 0.5), b = 0.5.
    # (1,0): z = 0.5 + 0.5 = 1 → ŷ = 1, y = 0: w = (0, 0.5), b = 0.
    assert layer.weights.tolist() == [[0.0, 0.5]]
    assert layer.biases.tolist() == [0.0]
    assert layer.last_mistakes == 2


def test_train_learns_and_through_the_cli(tmp_path, capsys):
    out = tmp_path / "and"
    spec = EXAMPLES / "gates" / "and-learn.json"
    assert cli.main(["train", str(spec), "--out", str(out), "--progress", "plain"]) == 0
    printed = capsys.readouterr().out
    assert "mistakes 0" in printed and "train accuracy 100.0%" in printed
    assert cli.main(["evaluate", str(out), "--split", "train", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["accuracy"] == 1.0
    assert cli.main(["run", str(out), "--truth-table", "--json"]) == 0
    table = json.loads(capsys.readouterr().out)
    assert [row["output"] for row in table["rows"]] == [[0.0], [0.0], [0.0], [1.0]]


def test_lessons_refuse_a_model_without_gradients(capsys):
    spec = str(EXAMPLES / "gates" / "and-learn.json")
    for command in ("gradcheck", "explain", "why-backprop"):
        assert cli.main([command, spec]) == 2
        assert f"{command}: model 'perceptron' learns without gradients" in capsys.readouterr().err


# --- one readable SGD step -------------------------------------------------------------------


def test_update_mini_batch_is_the_lecture_update(registry):
    spec = load_spec(EXAMPLES / "xor.json", registry)
    run = prepare(spec, registry)
    model, cost = run.model, run.cost
    x, y = run.dataset.train.x, run.dataset.train.y
    sums = model.gradients(x, y, cost, scale=len(x))  # Σ_x ∂C_x/∂θ
    expected = [p.copy() for p in model.parameters]
    sgd_update(expected, sums, run.optimizer.eta, len(x))
    update_mini_batch(model, cost, run.optimizer, x, y)
    for got, want in zip(model.parameters, expected, strict=True):
        np.testing.assert_allclose(got, want, rtol=0, atol=1e-14)


# --- bit-identical to the code before the redesign --------------------------------------------


@pytest.mark.parametrize("name", ["xor", "mnist", "mnist-f32", "lecture-2-2-2", "linear"])
def test_feedforward_training_is_bit_identical_to_the_stored_reference(name, registry, tmp_path):
    """tests/reference_runs/ were trained by neurokit before the model plugin point existed.

    When σ became accurate to a few ulps (issue 15) their weights and metrics were trained
    again, after checking that the merged code with the old σ still matched them bit for bit;
    linear.json, which has no sigmoid, kept its weights (its metrics gained RMSE and R²)."""
    reference = REFERENCE_RUNS / name
    spec = load_spec(reference / "spec.json", registry)
    run = train(prepare(spec, registry))
    stored = runs.read_model_arrays(reference / "model.npz")
    for key, array in run.model.arrays().items():
        assert stored[key].dtype == array.dtype
        assert np.array_equal(stored[key], array), key
    old_rows = runs.read_metrics(reference / "metrics.jsonl")
    for old, new in zip(old_rows, run.history, strict=True):
        for key in ("train_cost", "train_accuracy", "validation_cost", "validation_accuracy"):
            assert old.get(key) == new.get(key), key


@pytest.mark.parametrize("name", ["xor", "mnist", "lecture-2-2-2"])
def test_runs_saved_before_the_redesign_load_and_evaluate(name, registry, tmp_path, capsys):
    run_dir = tmp_path / name
    shutil.copytree(REFERENCE_RUNS / name, run_dir)
    spec, model = runs.load_run(run_dir, registry)
    assert spec.model_name == "feedforward"
    assert cli.main(["evaluate", str(run_dir), "--split", "train"]) == 0


# --- a third-party model and command from single files ----------------------------------------


def test_a_single_file_model_plugin_trains_saves_reloads_and_evaluates(tmp_path, capsys):
    out = tmp_path / "adaline"
    spec = EXAMPLES / "plugins" / "adaline.json"
    plugin = ["-p", str(ADALINE)]
    assert cli.main(["train", str(spec), "--out", str(out), "--progress", "none", *plugin]) == 0
    capsys.readouterr()
    assert cli.main(["evaluate", str(out), "--split", "train", "--json", *plugin]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["accuracy"] == 1.0
    registry = load_registry([str(ADALINE)], autoload=False)
    loaded_spec, model = runs.load_run(out, registry)
    assert sorted(model.named_parameters()) == ["b", "w"]
    # OR is learnt: the least-squares line puts (0,0) below 1/2 and the rest above.
    corners = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    assert (model.predict(corners)[:, 0] > 0.5).tolist() == [False, True, True, True]


def test_the_single_file_model_passes_the_kit():
    assert check_plugin(str(ADALINE)) == []


def test_a_plugin_adds_a_command(tmp_path, capsys):
    plugin = tmp_path / "hello_command.py"
    plugin.write_text(
        "from neurokit import hookimpl\n"
        "from neurokit.components import CommandType\n\n"
        "def add_arguments(parser):\n"
        "    parser.add_argument('who')\n\n"
        "def run(args):\n"
        "    print(f'hello {args.who}')\n"
        "    return 3\n\n"
        "@hookimpl\n"
        "def neurokit_register_commands():\n"
        "    return [CommandType('hello', 'say hello', add_arguments, run),\n"
        "            CommandType('train', 'a clash', add_arguments, run)]\n"
    )
    assert cli.main(["hello", "-p", str(plugin), "world"]) == 3
    captured = capsys.readouterr()
    assert captured.out == "hello world\n"
    assert "command 'train' is a built-in command; skipped" in captured.err


def test_build_model_without_a_generator_uses_the_spec_seed(registry):
    spec = load_spec(EXAMPLES / "xor.json", registry)
    first = build_model(spec, registry)
    second = build_model(spec, registry, rng=np.random.default_rng(spec.training.seed))
    assert all(
        np.array_equal(a, b) for a, b in zip(first.parameters, second.parameters, strict=True)
    )


# --- gradcheck for any model that learns by gradients ---------------------------------------

LINEAR_MODEL = '''
import numpy as np
from neurokit import hookimpl
from neurokit.components import ModelType, Sections
from neurokit.model import Model


class Affine(Model):
    """a = W x + b: a gradient model that is not a layered Network."""

    def __init__(self, n_in, n_out, dtype, rng, wrong):
        self.dtype = np.dtype(dtype)
        self.W = rng.standard_normal((n_out, n_in)).astype(self.dtype)
        self.c = rng.standard_normal(n_out).astype(self.dtype)
        self.wrong = wrong

    def named_parameters(self):
        return {"W": self.W, "c": self.c}

    n_inputs = property(lambda self: self.W.shape[1])
    n_outputs = property(lambda self: self.W.shape[0])

    def predict(self, x):
        return x @ self.W.T + self.c

    def gradients(self, x, y, cost, scale=1.0):
        # ∂C/∂W = (1/m) Σ_x ∇_a C (x)^T, ∂C/∂c = (1/m) Σ_x ∇_a C
        g = cost.gradient(self.predict(x), y) * (scale / len(x))
        factor = 3.0 if self.wrong else 1.0
        return [factor * g.T @ x, g.sum(axis=0)]


@hookimpl
def neurokit_register_models():
    sections = Sections(layers=(2, 2), neurons=False, hand_set=False)
    make = lambda wrong: lambda p, c: Affine(*c.sizes, c.dtype, c.rng, wrong)
    return [ModelType("affine", make(False), sections=sections),
            ModelType("affine-wrong", make(True), sections=sections)]
'''


def _affine_spec(tmp_path, name: str) -> Path:
    spec = json.loads((EXAMPLES / "xor.json").read_text())
    spec["model"] = {"name": name}
    spec["layers"] = [{"size": 2}, {"size": 1}]
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(spec))
    return path


def test_gradcheck_checks_any_gradient_model_array_by_array(tmp_path, capsys):
    plugin = tmp_path / "affine.py"
    plugin.write_text(LINEAR_MODEL)
    spec = _affine_spec(tmp_path, "affine")
    assert cli.main(["gradcheck", str(spec), "-p", str(plugin)]) == 0
    out = capsys.readouterr().out
    assert " W " in out and " c " in out and "all layers pass" in out
    wrong = _affine_spec(tmp_path, "affine-wrong")
    assert cli.main(["gradcheck", str(wrong), "-p", str(plugin)]) == 2
    out = capsys.readouterr().out
    assert "FAIL" in out and "layer W (affine-wrong)" in out
