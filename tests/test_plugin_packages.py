"""The example plugin packages under plugins/: each passes the conformance kit from its source
folder (nothing installed), is laid out as an installable package, trains its example spec,
and does what its README says, checked against hand-computed numbers."""

from __future__ import annotations

import importlib.util
import json
import sys
import tomllib
from pathlib import Path

import numpy as np
import pytest

from neurokit.core.errors import SpecError
from neurokit.core.neurons import Linear, Sigmoid
from neurokit.pipeline.registry import PluginInfo, Registry
from neurokit.spec import parse_spec
from neurokit.testing import checks_for

pytest_plugins = ["pytester"]

ROOT = Path(__file__).resolve().parent.parent
PLUGINS = ROOT / "plugins"
PACKAGES = {
    "neurokit-tanh": "neurokit_tanh",
    "neurokit-leaky-relu": "neurokit_leaky_relu",
    "neurokit-cross-entropy": "neurokit_cross_entropy",
    "neurokit-momentum": "neurokit_momentum",
    "neurokit-jsonl-logger": "neurokit_jsonl_logger",
}


def import_from_source(folder: str):
    """Import a package's module from plugins/<folder>/ under its own name, as if installed.

    The folder is not put on sys.path, so nothing in it (say an egg-info left by a build)
    can look like an installed distribution to the other tests.
    """
    name = PACKAGES[folder]
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, PLUGINS / folder / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


def registry_with(*folders: str) -> Registry:
    registry = Registry()
    registry.load_builtins()
    for folder in folders:
        module = import_from_source(folder)
        registry.register(module, PluginInfo(folder, "module"))
    return registry


#: Packages in a src layout, each tested by installing it (the file named) rather than here.
SRC_LAYOUT = {"neurokit-mgu": "tests/test_mgu_plugin_install.py"}


def test_every_folder_under_plugins_is_listed_here():
    folders = sorted(p.name for p in PLUGINS.iterdir() if p.is_dir())
    assert folders == sorted([*PACKAGES, *SRC_LAYOUT])
    assert all((ROOT / test).is_file() for test in SRC_LAYOUT.values())


def _package_checks():
    return [check for folder in PACKAGES for check in checks_for(import_from_source(folder))]


@pytest.mark.parametrize("check", _package_checks(), ids=lambda check: check.id)
def test_every_package_passes_the_kit(check):
    check()


@pytest.mark.parametrize("folder", PACKAGES)
def test_package_layout(folder):
    base = PLUGINS / folder
    project = tomllib.loads((base / "pyproject.toml").read_text("utf-8"))
    assert project["project"]["name"] == folder
    assert project["project"]["entry-points"]["neurokit"] == {folder: PACKAGES[folder]}
    assert project["tool"]["setuptools"]["py-modules"] == [PACKAGES[folder]]
    assert (base / f"{PACKAGES[folder]}.py").is_file()
    assert f"pip install ./plugins/{folder}" in (base / "README.md").read_text("utf-8")
    kit_test = base / "tests" / f"test_{PACKAGES[folder]}_conformance.py"
    code = [line for line in kit_test.read_text("utf-8").splitlines() if line.strip()]
    assert code == [
        "from neurokit.testing import conformance_test",
        f'test_conformance = conformance_test("{PACKAGES[folder]}")',
    ]


def test_each_package_tests_pass_when_run_by_pytest(pytester):
    for folder in PACKAGES:
        import_from_source(folder)
    test_files = sorted(str(p) for f in PACKAGES for p in (PLUGINS / f).glob("tests/test_*.py"))
    assert len(test_files) == len(PACKAGES) + 1  # the logger also has an events test
    result = pytester.runpytest_inprocess(
        *test_files, "-q", "-p", "neurokit.testing.pytest_plugin", "-p", "no:cacheprovider"
    )
    result.assert_outcomes(passed=len(_package_checks()) + 1)


@pytest.mark.parametrize("folder", PACKAGES)
def test_example_spec_trains(folder, tmp_path):
    from neurokit.api import train_spec

    (spec_path,) = (PLUGINS / folder / "examples").glob("*.json")
    data = json.loads(spec_path.read_text("utf-8"))
    registry = registry_with(folder)
    spec = parse_spec(data, registry, source=spec_path.name)
    if data["data"]["name"] == "mnist-sample":
        # two epochs are enough to show it learning; the full example runs ten
        data["training"]["epochs"] = 2
        spec = parse_spec(data, registry, source=spec_path.name)
    run = train_spec(spec, registry, out_dir=tmp_path / "run", progress="none")
    last = run.history[-1]
    if "validation_accuracy" in last:
        assert last["validation_accuracy"] > 0.5
    else:
        assert last["train_accuracy"] == 1.0
    assert run.history[-1]["train_cost"] < run.history[0]["train_cost"]


# --- what each package promises ------------------------------------------------------------


def test_tanh_values_and_derivative():
    tanh = import_from_source("neurokit-tanh").Tanh()
    z = np.array([-1.0, 0.0, 0.5])
    # tanh(0.5) = (e − 1)/(e + 1) with e = e^{1} … computed from exponentials instead:
    expected = (np.exp(z) - np.exp(-z)) / (np.exp(z) + np.exp(-z))
    np.testing.assert_allclose(tanh.sigma(z), expected, rtol=1e-15)
    np.testing.assert_allclose(tanh.sigma_prime(z), 1 - expected**2, rtol=1e-15)
    assert tanh.sigma_prime(np.float32([2.0])).dtype == np.float32


def test_leaky_relu_alpha_comes_from_the_spec_and_is_validated():
    registry = registry_with("neurokit-leaky-relu")
    neuron = registry.get("neuron", "leaky-relu").build({"alpha": 0.2})
    np.testing.assert_array_equal(neuron.sigma(np.array([-2.0, 0.0, 3.0])), [-0.4, 0.0, 3.0])
    np.testing.assert_array_equal(neuron.sigma_prime(np.array([-2.0, 3.0])), [0.2, 1.0])
    spec = {
        "schema_version": 1,
        "name": "bad",
        "layers": [
            {"size": 2},
            {"size": 2, "neuron": {"name": "leaky-relu", "params": {"alpha": -1}}},
            {"size": 1, "neuron": {"name": "leaky-relu", "params": {"alpah": 0.1}}},
        ],
    }
    with pytest.raises(SpecError) as caught:
        parse_spec(spec, registry, source="bad.json")
    assert str(caught.value).splitlines() == [
        "bad.json: layers[1].neuron.params.alpha: must be at least 0, got -1",
        "bad.json: layers[2].neuron.params.alpah: unknown parameter 'alpah' "
        "(did you mean 'alpha'?) for neuron 'leaky-relu'; it takes: alpha",
    ]


def test_cross_entropy_value_by_hand():
    cost = import_from_source("neurokit-cross-entropy").CrossEntropy()
    a = np.array([[0.8, 0.1], [0.5, 0.5]])
    y = np.array([[1.0, 0.0], [0.0, 1.0]])
    # C = −(1/2)[ln 0.8 + ln 0.9 + ln 0.5 + ln 0.5]
    expected = -(np.log(0.8) + np.log(0.9) + 2 * np.log(0.5)) / 2
    assert cost.value(a, y) == pytest.approx(expected, rel=1e-12)
    # saturated and wrong: clipped to ε = 1e-12, so C = −ln(1e-12) ≈ 27.63, finite
    assert cost.value(np.array([[0.0]]), np.array([[1.0]])) == pytest.approx(27.631021, rel=1e-6)


def test_cross_entropy_output_error_is_a_minus_y_for_sigmoids_else_bp1():
    cost = import_from_source("neurokit-cross-entropy").CrossEntropy()
    z = np.array([[-30.0, 2.0]])
    y = np.array([[1.0, 0.0]])
    a = Sigmoid().sigma(z)
    # δ^L = a − y exactly; BP1 would give ≈ −σ'(−30) ≈ −9e-14, the learning slowdown
    np.testing.assert_array_equal(cost.output_error(a, y, z, Sigmoid()), a - y)
    linear_a = np.array([[0.25, 0.5]])
    bp1 = (linear_a - y) / (linear_a * (1 - linear_a))  # ∇_a C ⊙ 1
    np.testing.assert_allclose(cost.output_error(linear_a, y, linear_a, Linear()), bp1)


def test_backprop_with_cross_entropy_matches_finite_differences_through_the_network():
    """The core needs no special case: a whole network's ∂C/∂w by backprop equals the
    finite difference of the cost computed by feedforward."""
    from neurokit.core.network import Network

    cost = import_from_source("neurokit-cross-entropy").CrossEntropy()
    net = Network([3, 4, 2], [Sigmoid(), Sigmoid()], seed=3)
    rng = np.random.default_rng(0)
    x, y = rng.uniform(size=(5, 3)), np.eye(2)[[0, 1, 1, 0, 1]]
    nabla_w, nabla_b = net.backprop(x, y, cost)
    h = 1e-6
    for layer, (j, k) in ((0, (2, 1)), (1, (1, 3))):
        w = net.weights[layer]
        w[j, k] += h
        up = cost.value(net.feedforward(x), y)
        w[j, k] -= 2 * h
        down = cost.value(net.feedforward(x), y)
        w[j, k] += h
        assert nabla_w[layer][j, k] == pytest.approx((up - down) / (2 * h), rel=1e-6)


def test_momentum_two_steps_by_hand():
    momentum = import_from_source("neurokit-momentum").Momentum(eta=0.1, mu=0.9)
    w = np.array([1.0])
    for _ in range(2):
        momentum.step([w], [np.array([0.5])])
    # v1 = −0.1·0.5 = −0.05, w1 = 0.95; v2 = 0.9·(−0.05) − 0.05 = −0.095, w2 = 0.855
    assert w[0] == pytest.approx(0.855, abs=1e-15)
    np.testing.assert_allclose(momentum.state_dict()["velocity_0"], [-0.095])


def test_momentum_gives_the_same_weights_resumed_from_its_state():
    module = import_from_source("neurokit-momentum")
    rng = np.random.default_rng(1)
    grads = [[rng.normal(size=(2, 3)), rng.normal(size=3)] for _ in range(6)]
    straight, resumed = module.Momentum(0.2, 0.8), module.Momentum(0.2, 0.8)
    w1, w2 = [np.zeros((2, 3)), np.zeros(3)], [np.zeros((2, 3)), np.zeros(3)]
    for g in grads[:3]:
        straight.step(w1, g)
        resumed.step(w2, g)
    saved = {key: value.copy() for key, value in resumed.state_dict().items()}
    resumed = module.Momentum(0.2, 0.8)
    resumed.load_state_dict(saved)
    for g in grads[3:]:
        straight.step(w1, g)
        resumed.step(w2, g)
    for a, b in zip(w1, w2, strict=True):
        np.testing.assert_array_equal(a, b)


# --- single-file plugins: examples/plugins/ ------------------------------------------------

SINGLE_FILES = sorted((ROOT / "examples" / "plugins").glob("*.py"))


@pytest.mark.parametrize("path", SINGLE_FILES, ids=lambda path: path.name)
def test_single_file_example_passes_the_kit(path):
    from neurokit.testing import check_plugin

    assert [str(failure) for failure in check_plugin(path)] == []


def test_one_single_file_example_per_kind():
    from neurokit.pipeline.registry import load_registry

    registry = load_registry([str(path) for path in SINGLE_FILES], autoload=False)
    kinds = {
        kind: [d.plugin for d in registry.components(kind).values() if d.plugin in registry.plugins]
        for kind in ("neuron", "cost", "optimizer", "dataset")
    }
    files = {path.stem for path in SINGLE_FILES}
    assert {kind: sorted(set(p) & files) for kind, p in kinds.items()} == {
        "neuron": ["softplus"],
        "cost": ["log_cosh"],
        "optimizer": ["adagrad"],
        "dataset": ["parity"],
    }
    observers = [impl.plugin_name for impl in registry.pm.hook.neurokit_train_end.get_hookimpls()]
    assert observers == ["best_epoch"]


def test_parity_spec_trains_with_every_single_file_plugin(tmp_path, capsys):
    from neurokit.cli import main

    spec = ROOT / "examples" / "plugins" / "parity.json"
    plugin_args = [arg for path in SINGLE_FILES for arg in ("-p", str(path))]
    out = tmp_path / "run"
    code = main(["train", str(spec), *plugin_args, "--out", str(out), "--progress", "none"])
    assert code == 0
    history = [json.loads(line) for line in (out / "metrics.jsonl").read_text().splitlines()]
    assert history[-1]["train_accuracy"] == 1.0  # all 8 three-bit inputs
    best = min(history, key=lambda row: row["train_cost"])
    assert f"best epoch: {best['epoch']} with train_cost" in capsys.readouterr().err
