"""Spec loading: the exact path and message of each kind of mistake, all problems at once,
the string shorthand for components, and the exported JSON Schema."""

from __future__ import annotations

import copy
import json
import tracemalloc
from pathlib import Path

import pytest

from neurokit.cli import main
from neurokit.core.errors import Problem, SpecError
from neurokit.pipeline.registry import load_registry
from neurokit.spec import MAX_PARAMETER_BYTES, SCHEMA_ID, SCHEMA_VERSION, load_spec, parse_spec

EXAMPLES = Path(__file__).parent.parent / "examples"
XOR = json.loads((EXAMPLES / "xor.json").read_text())


@pytest.fixture(scope="module")
def registry():
    return load_registry(autoload=False)


def xor(**edits) -> dict:
    """The XOR example with ``edits`` applied. Keys are field paths with ``__`` for the dot
    and ``_N<i>`` for an index: ``layers_N1__neuron="sigmod"`` sets layers[1].neuron."""
    spec = copy.deepcopy(XOR)
    for dotted, value in edits.items():
        keys = [int(k[1:]) if k.startswith("_") else k for k in _keys(dotted)]
        node = spec
        for key in keys[:-1]:
            node = node[key]
        if value is DELETE:
            del node[keys[-1]]
        else:
            node[keys[-1]] = value
    return spec


DELETE = object()


def _keys(dotted: str) -> list[str]:
    keys = []
    for part in dotted.split("__"):
        name, *indices = part.split("_N")
        keys.append(name)
        keys += [f"_{i}" for i in indices]
    return keys


def problems(data, registry) -> list[tuple[str, str]]:
    with pytest.raises(SpecError) as caught:
        parse_spec(data, registry, source="s.json")
    return [(p.path, p.message) for p in caught.value.problems]


def only_problem(data, registry) -> tuple[str, str]:
    found = problems(data, registry)
    assert len(found) == 1, found
    return found[0]


def test_the_examples_are_valid(registry):
    for path in sorted(EXAMPLES.glob("*.json")):
        spec = load_spec(path, registry)
        assert spec.source == path.name


# --- unknown keys --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("edit", "path", "message"),
    [
        ({"author": "me"}, "author", "unknown key 'author'; allowed here: schema_version, name,"),
        (
            {"layers_N1__act": "relu"},
            "layers[1].act",
            "allowed here: size, neuron, weights, biases",
        ),
        ({"training__shuffle": 1}, "training.shuffle", "allowed here: epochs, batch_size, seed,"),
        ({"optimizer__lr": 0.1}, "optimizer.lr", "unknown key 'lr'; allowed here: name, params"),
        ({"data__path": "x.csv"}, "data.path", "unknown key 'path'; allowed here: name, params"),
        (
            {"optimizer__params__momentum": 0.9},
            "optimizer.params.momentum",
            "unknown parameter 'momentum' for optimizer 'sgd'; it takes: eta",
        ),
        ({"data__params__train__z": [[1]]}, "data.params.train.z", "unknown key 'z'; allowed"),
    ],
)
def test_unknown_key_at_every_level_names_its_path_and_the_allowed_keys(
    registry, edit, path, message
):
    found_path, found_message = only_problem(xor(**edit), registry)
    assert found_path == path
    assert message in found_message


def test_a_misspelt_key_gets_a_suggestion_and_the_missing_field_is_named(registry):
    spec = xor(training__epoch=3, training__epochs=DELETE)
    assert problems(spec, registry) == [
        ("training.epochs", "required field is missing (passes over the training data)"),
        (
            "training.epoch",
            "unknown key 'epoch' (did you mean 'epochs'?); "
            "allowed here: epochs, batch_size, seed, dtype, backend, threads, metrics_rows, init, "
            "early_stopping",
        ),
    ]


# --- component names -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("edit", "path", "message"),
    [
        (
            {"layers_N1__neuron": "sigmod"},
            "layers[1].neuron",
            "unknown neuron 'sigmod' (did you mean 'sigmoid'?); "
            "registered neurons: linear, perceptron, sigmoid",
        ),
        ({"cost": "quadratc"}, "cost", "unknown cost 'quadratc' (did you mean 'quadratic'?)"),
        ({"optimizer__name": "sdg"}, "optimizer", "unknown optimizer 'sdg' (did you mean 'sgd'?)"),
        (
            {"data": {"name": "mnist_sample"}},
            "data",
            "unknown dataset 'mnist_sample' (did you mean 'mnist-sample'?)",
        ),
        ({"cost": "hinge"}, "cost", "unknown cost 'hinge'; registered costs: quadratic"),
    ],
)
def test_unknown_component_names_get_the_closest_registered_name(registry, edit, path, message):
    found_path, found_message = only_problem(xor(**edit), registry)
    assert found_path == path
    assert found_message.startswith(message)


def test_the_brief_example_reads_exactly_as_promised(tmp_path, capsys):
    spec_file = tmp_path / "xor.json"
    spec_file.write_text(json.dumps(xor(layers_N1__neuron="sigmod")))
    assert main(["validate", str(spec_file)]) == 2
    assert capsys.readouterr().err.startswith(
        "neurokit: error: xor.json: layers[1].neuron: unknown neuron 'sigmod' "
        "(did you mean 'sigmoid'?)"
    )


def test_parameters_are_checked_by_the_components_own_model(registry):
    assert only_problem(xor(optimizer__params__eta=0), registry) == (
        "optimizer.params.eta",
        "must be greater than 0, got 0",
    )
    assert only_problem(xor(optimizer__params={}), registry) == (
        "optimizer.params.eta",
        "required field is missing (learning rate η)",
    )
    sigmoid_with_params = {"name": "sigmoid", "params": {"slope": 2}}
    assert only_problem(xor(layers_N1__neuron=sigmoid_with_params), registry) == (
        "layers[1].neuron.params",
        "neuron 'sigmoid' takes no parameters",
    )


# --- types and sizes ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("edit", "path", "message"),
    [
        ({"layers_N1__size": "3"}, "layers[1].size", 'must be a whole number, got the string "3"'),
        ({"layers_N1__size": 3.0}, "layers[1].size", "must be a whole number, got the number 3"),
        ({"layers_N1__size": True}, "layers[1].size", "must be a whole number, got true"),
        ({"layers": "2-3-1"}, "layers", 'must be a list [...], got the string "2-3-1"'),
        ({"layers_N2": 1}, "layers[2]", "must be a JSON object {...}, got the number 1"),
        ({"training": [1, 2]}, "training", "must be a JSON object {...}, got a list"),
        ({"name": 7}, "name", "must be a string in quotes, got the number 7"),
        ({"training__dtype": "float16"}, "training.dtype", "must be 'float64' or 'float32'"),
        ({"optimizer__params__eta": "0.5"}, "optimizer.params.eta", "must be a number, got the"),
        ({"cost": 3}, "cost", 'must be a component name like "sigmoid" or an object'),
        ({"schema_version": 2}, "schema_version", "unknown schema_version 2; this neurokit reads"),
    ],
)
def test_wrong_types_say_what_was_expected_and_what_was_found(registry, edit, path, message):
    found_path, found_message = only_problem(xor(**edit), registry)
    assert found_path == path
    assert found_message.startswith(message)


@pytest.mark.parametrize(
    ("size", "message"),
    [
        (0, "must be at least 1, got 0"),
        (-3, "must be at least 1, got -3"),
        (2.5, "must be a whole number, got the number 2.5"),
    ],
)
def test_bad_layer_sizes(registry, size, message):
    assert only_problem(xor(layers_N1__size=size), registry) == ("layers[1].size", message)


def test_one_layer_is_not_a_network(registry):
    assert only_problem(xor(layers=[{"size": 2}]), registry) == (
        "layers",
        "a network needs at least 2 layers (input and output), got 1",
    )


def test_nan_infinity_and_repeated_keys_are_reported_at_their_paths(registry):
    text = (
        json.dumps(xor())
        .replace('"eta": 4.0', '"eta": NaN')
        .replace('"seed": 1', '"seed": 1, "seed": 2')
    )
    assert problems(text, registry) == [
        ("optimizer.params.eta", "NaN is not a number JSON allows; write a finite number"),
        ("training.seed", "key appears more than once in this object; keep only one"),
    ]
    assert only_problem(xor(layers_N1__weights=[[1, float("inf")], [1, 2], [3, 4]]), registry) == (
        "layers[1].weights[0][1]",
        "Infinity is not a number JSON allows; write a finite number",
    )


def test_a_net_too_big_for_memory_is_refused_before_anything_is_allocated(registry):
    spec = xor(layers_N1__size=10**9)
    tracemalloc.start()
    try:
        found = only_problem(spec, registry)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # 2·10⁹ + 10⁹ + 10⁹ + 1 weights and biases, 8 bytes each = 29.8 GiB
    assert found == (
        "layers",
        "the 4,000,000,001 weights and biases alone would need 29.8 GB of memory as float64 "
        f"(limit {MAX_PARAMETER_BYTES // 1024**3:.1f} GB); use smaller layers",
    )
    assert peak < 10 * 1024**2
    # and without a registry too: the estimate needs only the sizes
    with pytest.raises(SpecError, match="would need 29.8 GB"):
        parse_spec(spec)


def test_hand_set_weights_of_the_wrong_shape(registry):
    assert only_problem(xor(layers_N1__weights=[[1, 2]] * 2), registry) == (
        "layers[1].weights",
        "must be 3 rows of 2 numbers (n_l × n_(l-1)), got 2 rows of 2 numbers",
    )


def test_a_perceptron_cannot_be_trained_by_backprop_but_can_be_hand_set(registry):
    path, message = only_problem(xor(layers_N1__neuron="perceptron"), registry)
    assert path == "layers[1].neuron"
    assert "'perceptron' is not differentiable, so backprop cannot train it" in message
    gate = xor(layers_N1__neuron="perceptron", training=DELETE)
    assert parse_spec(gate, registry).layers[1].neuron.name == "perceptron"


# --- all at once -----------------------------------------------------------------------------


def test_every_problem_is_reported_at_once_in_file_order(registry, tmp_path, capsys):
    spec = xor(
        layers_N1__neuron="sigmod",
        layers_N2__size=0,
        cost={"name": "quadratic", "params": {"x": 1}},
        optimizer__params__eta="fast",
        training__epoch=3,
        training__epochs=DELETE,
    )
    expected_paths = [
        "layers[1].neuron",
        "layers[2].size",
        "cost.params",
        "optimizer.params.eta",
        "training.epochs",
        "training.epoch",
    ]
    assert [path for path, _ in problems(spec, registry)] == expected_paths
    spec_file = tmp_path / "many.json"
    spec_file.write_text(json.dumps(spec))
    assert main(["validate", str(spec_file)]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert [line.split(": ")[3] for line in lines] == expected_paths
    assert all(line.startswith("neurokit: error: many.json: ") for line in lines)


def test_semantic_problems_are_all_reported_too(registry):
    spec = xor(layers_N1__neuron="sigmod", cost="hinge", optimizer__name="adam")
    assert [path for path, _ in problems(spec, registry)] == [
        "layers[1].neuron",
        "cost",
        "optimizer",
    ]


def test_problems_render_as_one_line_each_with_the_source():
    error = SpecError([Problem("a.b", "bad"), Problem("", "worse")], "f.json")
    assert str(error) == "f.json: a.b: bad\nf.json: worse"


# --- shorthand --------------------------------------------------------------------------------


def test_a_component_name_is_shorthand_for_an_object_with_that_name(registry):
    short = parse_spec(xor(cost="quadratic"), registry)
    full = parse_spec(xor(cost={"name": "quadratic", "params": {}}), registry)
    assert short == full
    assert short.cost.name == "quadratic" and short.cost.params == {}
    assert parse_spec(short.to_json(), registry) == short


def test_load_spec_names_the_file_and_refuses_missing_files(tmp_path):
    with pytest.raises(Exception, match="no such spec file"):
        load_spec(tmp_path / "nope.json")
    with pytest.raises(Exception, match="is a directory"):
        load_spec(tmp_path)


# --- schema export ------------------------------------------------------------------------------


def test_schema_command_prints_the_json_schema_with_registered_names(capsys):
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["$id"] == SCHEMA_ID
    assert schema["properties"]["schema_version"]["const"] == SCHEMA_VERSION
    assert set(schema["required"]) == {"schema_version", "name", "layers"}
    defs = schema["$defs"]
    for name in ("Layer", "Training", "Data", "Component"):
        assert defs[name]["additionalProperties"] is False, name
    neuron_names = defs["NeuronRef"]["anyOf"][0]["enum"]
    assert neuron_names == ["linear", "perceptron", "sigmoid"]
    assert defs["CostRef"]["anyOf"][0]["enum"] == ["quadratic"]
    assert defs["OptimizerRef"]["anyOf"][0]["enum"] == ["sgd"]
    assert defs["Data"]["properties"]["name"]["enum"] == [
        "bit-parity",
        "colours",
        "digit-patterns",
        "embedded-reber",
        "fashion-mnist",
        "gates",
        "inline",
        "inline-sequences",
        "mackey-glass",
        "mnist",
        "mnist-sample",
        "pattern-spotting",
        "plane",
        "sine",
        "temporal-xor",
        "text",
    ]


def test_the_examples_use_only_keys_and_names_the_schema_allows(registry):
    """A structural check of the examples against the schema (no jsonschema package here)."""
    from neurokit.spec import json_schema

    schema = json_schema(registry)
    defs = schema["$defs"]
    for path in sorted(EXAMPLES.glob("*.json")):
        spec = json.loads(path.read_text())
        assert set(spec) <= set(schema["properties"]), path
        assert set(schema["required"]) <= set(spec), path
        assert spec["schema_version"] == schema["properties"]["schema_version"]["const"]
        for layer in spec["layers"]:
            assert set(layer) <= set(defs["Layer"]["properties"]), path
            if "neuron" in layer:
                assert _name(layer["neuron"]) in defs["NeuronRef"]["anyOf"][0]["enum"]
        # A model that learns by its own rule (a map, a Hopfield net) takes neither.
        if "cost" in spec or "model" not in spec:
            assert _name(spec["cost"]) in defs["CostRef"]["anyOf"][0]["enum"]
        if "optimizer" in spec or "model" not in spec:
            assert _name(spec["optimizer"]) in defs["OptimizerRef"]["anyOf"][0]["enum"]
        assert set(spec["training"]) <= set(defs["Training"]["properties"])
        assert spec["data"]["name"] in defs["Data"]["properties"]["name"]["enum"]


def _name(component) -> str:
    return component if isinstance(component, str) else component["name"]


# --- odd input ----------------------------------------------------------------------------------


def test_an_odd_key_is_quoted_in_the_path_so_the_error_stays_on_one_line(registry):
    path, message = only_problem(xor(training={**XOR["training"], "a\nb": 1}), registry)
    assert path == 'training["a\\nb"]'
    assert "\n" not in path + message


def test_python_values_json_cannot_hold_are_refused_with_their_path(registry):
    assert only_problem(xor(layers_N1__weights=((1, 2), (3, 4), (5, 6))), registry) == (
        "layers[1].weights",
        "a Python tuple is not a JSON value",
    )


def test_command_line_overrides_are_checked_like_the_file(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    argv = ["train", str(EXAMPLES / "xor.json"), "--eta", "0", "--progress", "none"]
    assert main(argv) == 2
    assert capsys.readouterr().err == (
        "neurokit: error: xor.json: optimizer.params.eta: must be greater than 0, got 0\n"
    )
    assert list(tmp_path.iterdir()) == []
