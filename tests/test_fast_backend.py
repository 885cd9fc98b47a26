"""The compiled fast path (numba): the numpy path's numbers to 1e-12 in float64 on every net
of the benchmark, bit-identical to itself for a seed, and a fallback to numpy, with one line
saying why, for what it does not implement."""

from __future__ import annotations

import numpy as np
import pytest

from neurokit.builtins.models import PERCEPTRON_EXAMPLE
from neurokit.core.datasets import Dataset, Split
from neurokit.core.hookspecs import hookimpl
from neurokit.pipeline import backends, training
from neurokit.pipeline.progress import Reporter
from neurokit.pipeline.registry import PluginInfo, load_registry
from neurokit.spec import parse_spec

#: The nets of benchmarks/bench_matrix.py.
BENCHMARK_NETS = [
    [784, 15, 10],
    [784, 30, 10],
    [784, 100, 10],
    [784, 300, 100, 10],
    [784, 1000, 1000, 10],
]


class Messages(Reporter):
    def __init__(self):
        self.lines = []

    def message(self, text):
        self.lines.append(text)


def spec_for(sizes, m, backend, neuron="sigmoid", dtype="float64", eta=3.0):
    layers = [{"size": sizes[0]}] + [{"size": n, "neuron": neuron} for n in sizes[1:]]
    return {
        "schema_version": 1,
        "name": "fast",
        "layers": layers,
        "cost": "quadratic",
        "optimizer": {"name": "sgd", "params": {"eta": eta}},
        "training": {"epochs": 2, "batch_size": m, "seed": 4, "dtype": dtype, "backend": backend},
        "data": {"name": "mnist-sample"},
    }


def pixels(n: int, n_in: int = 784, n_out: int = 10) -> Dataset:
    """n MNIST-like examples: x in [0, 1], one-hot y."""
    rng = np.random.default_rng(n)
    x = rng.random((n, n_in))
    y = np.eye(n_out)[rng.integers(0, n_out, n)]
    return Dataset("pixels", {"train": Split(x, y)})


def trained(registry, spec_data, data) -> tuple[list[np.ndarray], list[str]]:
    run = training.prepare(parse_spec(spec_data, registry), registry, dataset=data)
    reporter = Messages()
    training.train(run, reporter)
    return [p.copy() for p in run.model.parameters], reporter.lines


@pytest.mark.parametrize("sizes", BENCHMARK_NETS, ids=lambda s: "-".join(map(str, s)))
@pytest.mark.parametrize("m", [1, 10])
def test_fast_equals_numpy_to_1e_12_in_float64(registry, sizes, m):
    # 2 epochs of 13 (or 4) examples: full mini-batches, a shorter last one at m = 10, a second
    # epoch's shuffle drawn from the same generator after the first
    data = pixels(13 if m == 10 else 4)
    fast, notes = trained(registry, spec_for(sizes, m, "fast"), data)
    reference, _ = trained(registry, spec_for(sizes, m, "numpy"), data)
    assert notes == []
    for ours, theirs in zip(fast, reference, strict=True):
        assert np.abs(ours - theirs).max() <= 1e-12
    # and the compiled path did run: its sums are in another order, so not all bits agree
    assert any((ours != theirs).any() for ours, theirs in zip(fast, reference, strict=True))


def changes(registry, spec_data, data, weights, biases) -> list[np.ndarray]:
    """θ_after − θ_before for one training run started from the given w^l, b^l."""
    run = training.prepare(parse_spec(spec_data, registry), registry, dataset=data)
    run.model.set_parameters(weights, biases)
    before = [p.copy() for p in run.model.parameters]
    training.train(run, Messages())
    return [after - start for after, start in zip(run.model.parameters, before, strict=True)]


def test_saturated_sigmoids_learn_as_on_the_numpy_path(registry):
    # x = (1, 1): z^2 = (−40, 40), so a^2 ≈ (4.2e-18, 1); z^3 = (−40, 40). σ'(±40) ≈ 4.2e-18.
    # (1 + tanh(z/2))/2 rounds σ(−40) to 0 and σ(40) to 1, and σ(z)(1 − σ(z)) then makes
    # σ'(±40) 0: the changes below, all tiny, would be 0. Both paths must give them to 1e-9.
    x = np.ones((4, 2))
    y = np.array([[1.0, 0.0]] * 4)
    data = Dataset("saturated", {"train": Split(x, y)})
    weights = [np.array([[-20.0, -20.0], [20.0, 20.0]]), np.array([[0.0, -40.0], [0.0, 40.0]])]
    biases = [np.zeros(2), np.zeros(2)]
    fast = changes(registry, spec_for([2, 2, 2], 4, "fast"), data, weights, biases)
    reference = changes(registry, spec_for([2, 2, 2], 4, "numpy"), data, weights, biases)
    for ours, theirs in zip(fast, reference, strict=True):
        np.testing.assert_allclose(ours, theirs, rtol=1e-9, atol=0)
    # two epochs of b^3 → b^3 − η δ^3: δ^3 = (a^3 − y) ⊙ σ'(z^3) ≈ (−4.2e-18, 4.2e-18)
    np.testing.assert_allclose(reference[3], [2 * 3.0 * 4.248e-18, -2 * 3.0 * 4.248e-18], rtol=1e-3)
    # and BP2 reached the hidden layer through σ'(40) ≈ 4.2e-18: b^2_2 moved (by about 1e-33)
    assert reference[2][1] != 0.0


def test_linear_neurons_and_float32(registry):
    data = pixels(30, n_in=5, n_out=3)
    fast, _ = trained(registry, spec_for([5, 4, 3], 4, "fast", "linear", eta=0.05), data)
    reference, _ = trained(registry, spec_for([5, 4, 3], 4, "numpy", "linear", eta=0.05), data)
    for ours, theirs in zip(fast, reference, strict=True):
        np.testing.assert_allclose(ours, theirs, rtol=0, atol=1e-12)
    data32 = Dataset("p", {"train": Split(data.train.x.astype("f4"), data.train.y.astype("f4"))})
    fast, _ = trained(registry, spec_for([5, 4, 3], 4, "fast", dtype="float32"), data32)
    reference, _ = trained(registry, spec_for([5, 4, 3], 4, "numpy", dtype="float32"), data32)
    for ours, theirs in zip(fast, reference, strict=True):
        assert ours.dtype == np.float32
        np.testing.assert_allclose(ours, theirs, rtol=0, atol=1e-5)


def test_the_fast_path_is_bit_identical_to_itself_for_a_seed(registry):
    data = pixels(57)
    first, _ = trained(registry, spec_for([784, 30, 10], 10, "fast"), data)
    second, _ = trained(registry, spec_for([784, 30, 10], 10, "fast"), data)
    for a, b in zip(first, second, strict=True):
        np.testing.assert_array_equal(a, b)


PLUGIN = """
from neurokit import hookimpl
from neurokit.core.components import NeuronType
from neurokit.core.neurons import Sigmoid


class PluginSigmoid(Sigmoid):
    name = "plugin-sigmoid"


@hookimpl
def neurokit_register_neurons():
    return [NeuronType("plugin-sigmoid", lambda params: PluginSigmoid())]
"""


def test_a_plugin_component_falls_back_to_numpy_with_one_line(tmp_path, monkeypatch):
    monkeypatch.setattr(backends, "AUTO_MIN_WORK", 0)  # "auto" would compile even this run
    path = tmp_path / "plugin_sigmoid.py"
    path.write_text(PLUGIN)
    registry = load_registry([str(path)], autoload=False)
    data = pixels(12, n_in=5, n_out=3)
    for backend in ("fast", "auto"):
        _, notes = trained(registry, spec_for([5, 4, 3], 4, backend, "plugin-sigmoid"), data)
        assert notes == ["the fast path has no neuron 'plugin-sigmoid'; training on the numpy path"]
    _, notes = trained(registry, spec_for([5, 4, 3], 4, "numpy", "plugin-sigmoid"), data)
    assert notes == []


def test_without_numba_auto_is_silent_and_fast_says_what_to_install(registry, monkeypatch):
    monkeypatch.setattr(backends, "fast_available", lambda: False)
    data = pixels(12, n_in=5, n_out=3)
    _, notes = trained(registry, spec_for([5, 4, 3], 4, "auto"), data)
    assert notes == []
    _, notes = trained(registry, spec_for([5, 4, 3], 4, "fast"), data)
    assert notes == [
        "numba is not installed (pip install 'neurokit[fast]'); training on the numpy path"
    ]


def test_auto_keeps_small_runs_on_the_numpy_path(registry):
    run = training.prepare(parse_spec(spec_for([5, 4, 3], 4, "auto"), registry), registry,
                           dataset=pixels(12, n_in=5, n_out=3))  # fmt: skip
    assert backends.choose(run).name == "numpy"
    big = spec_for([784, 30, 10], 10, "auto")
    big["training"]["epochs"] = 500
    run = training.prepare(parse_spec(big, registry), registry, dataset=pixels(2_000))
    assert backends.choose(run).name == "fast"  # 500 epochs of 2,000 images: about 7e10


class BatchWatcher:
    def __init__(self):
        self.batches = []

    @hookimpl
    def neurokit_batch_start(self, run, epoch, batch, x, y):
        self.batches.append((epoch, batch, len(x)))


def test_a_per_batch_observer_gets_every_mini_batch_on_the_numpy_path(registry):
    """The compiled path makes no Python call per mini-batch, so an observer (the studio's
    live view) sends training down the numpy path, with one line saying why."""
    data = pixels(13)
    reference, _ = trained(registry, spec_for([784, 30, 10], 10, "numpy"), data)
    watcher = BatchWatcher()
    registry.register(watcher, PluginInfo("watcher", "test"))
    watched, notes = trained(registry, spec_for([784, 30, 10], 10, "fast"), data)
    assert notes == [
        "the fast path has no per-mini-batch hook (neurokit_batch_start); "
        "training on the numpy path"
    ]
    assert watcher.batches == [(1, 1, 10), (1, 2, 3), (2, 1, 10), (2, 2, 3)]
    for ours, theirs in zip(watched, reference, strict=True):
        np.testing.assert_array_equal(ours, theirs)  # bit for bit: the numpy path itself


def test_a_model_other_than_feedforward_trains_on_the_numpy_path(registry):
    def perceptron(backend):
        training_section = dict(PERCEPTRON_EXAMPLE["training"], backend=backend)
        spec = dict(PERCEPTRON_EXAMPLE, model={"name": "perceptron"}, training=training_section)
        run = training.prepare(parse_spec(spec, registry), registry)
        reporter = Messages()
        training.train(run, reporter)
        return run, reporter.lines

    fast, notes = perceptron("fast")
    numpy_run, numpy_notes = perceptron("numpy")
    assert notes == ["the fast path has no model 'perceptron'; training on the numpy path"]
    assert numpy_notes == []
    assert fast.history[-1]["train_accuracy"] == 1.0  # the AND gate, learnt
    for ours, theirs in zip(fast.model.parameters, numpy_run.model.parameters, strict=True):
        np.testing.assert_array_equal(ours, theirs)


# --- the compiled feedforward that scores each epoch ------------------------------------------


def network_for(registry, sizes, neuron="sigmoid", dtype="float64"):
    run = training.prepare(parse_spec(spec_for(sizes, 10, "fast", neuron, dtype), registry),
                           registry, dataset=pixels(10, sizes[0], sizes[-1]))  # fmt: skip
    return run.model


@pytest.mark.parametrize("sizes", BENCHMARK_NETS[:4], ids=lambda s: "-".join(map(str, s)))
def test_the_compiled_feedforward_equals_the_networks(registry, sizes):
    from neurokit.pipeline.backends import fast

    network = network_for(registry, sizes)
    x = np.random.default_rng(1).random((37, sizes[0]))
    ours, theirs = fast.predict(network, x), network.predict(x)
    assert ours.shape == theirs.shape == (37, sizes[-1]) and ours.dtype == np.float64
    assert np.abs(ours - theirs).max() <= 1e-13
    np.testing.assert_allclose(fast.predict(network, x[5]), theirs[5], rtol=0, atol=1e-13)
    assert fast.predict(network, x[:0]).shape == (0, sizes[-1])


def test_the_compiled_feedforward_in_chunks_saturated_linear_and_float32(registry, monkeypatch):
    from neurokit.pipeline.backends import fast

    monkeypatch.setattr(fast, "PREDICT_ENTRIES", 12)  # 3 rows of the 4-wide layer per call
    network = network_for(registry, [5, 4, 3])
    network.weights[0][:] *= 60.0  # |z^2| up to ~100: σ(−100) ≈ 3.7e-44 keeps its digits
    x = np.random.default_rng(2).random((11, 5)) - 0.5
    ours, theirs = fast.predict(network, x), network.predict(x)
    np.testing.assert_allclose(ours, theirs, rtol=1e-13, atol=0)
    linear = network_for(registry, [5, 4, 3], neuron="linear")
    np.testing.assert_allclose(fast.predict(linear, x), linear.predict(x), rtol=0, atol=1e-13)
    narrow = network_for(registry, [5, 4, 3], dtype="float32")
    ours = fast.predict(narrow, x)  # float64 rows, converted as the network converts them
    assert ours.dtype == np.float32
    np.testing.assert_allclose(ours, narrow.predict(x), rtol=1e-6, atol=1e-7)


def test_a_fast_run_scores_its_epochs_with_the_compiled_feedforward(registry, monkeypatch):
    from neurokit.core import metrics
    from neurokit.pipeline.backends import fast
    from neurokit.pipeline.saturation import saturated_shares

    calls = []

    def counted(network, x):
        calls.append(len(x))
        return compiled(network, x)

    compiled = fast.predict
    monkeypatch.setattr(fast, "predict", counted)
    data = pixels(40)
    data = Dataset("pixels", {"train": data.train, "validation": pixels(15).train})
    run = training.prepare(parse_spec(spec_for([784, 30, 10], 10, "fast"), registry), registry,
                           dataset=data)  # fmt: skip
    training.train(run, Messages())
    assert calls == [40, 15, 40, 15]  # each epoch: the training probe, then validation
    last = run.history[-1]
    train = metrics.evaluate_split(run.model, run.cost, data.train)  # numpy's feedforward
    held_out = metrics.evaluate_split(run.model, run.cost, data.splits["validation"])
    assert abs(last["train_cost"] - train["cost"]) <= 1e-13
    assert abs(last["validation_cost"] - held_out["cost"]) <= 1e-13
    assert last["train_accuracy"] == train["accuracy"]
    assert last["validation_correct"] == held_out["correct"]
    assert last["saturated"] == saturated_shares(run.model, data.train.x)  # numpy's layers


def test_the_compiled_sigma_primes_equal_the_numpy_paths(registry):
    from neurokit.pipeline.backends import fast
    from neurokit.pipeline.saturation import _sigma_primes

    network = network_for(registry, [784, 300, 100, 10])
    network.weights[0][:] *= 8.0  # |z^2| up to ~50: some saturated, some not
    x = np.random.default_rng(4).random((23, 784))
    ours, theirs = fast.sigma_primes(network, x), _sigma_primes(network, x)
    assert [p.shape for p in ours] == [(23, 300), (23, 100)]
    for mine, reference in zip(ours, theirs, strict=True):
        # e^{−|z|} carries z's rounding (the products sum in another order) as a relative error
        np.testing.assert_allclose(mine, reference, rtol=1e-11, atol=0)
    assert 0 < np.mean(ours[0] < 0.025) < 1


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_the_kernels_sigma_is_the_numpy_paths_formula_in_the_layers_dtype(dtype):
    """Given the same e^{−|z|}, the compiled σ and σ' are numpy's float32 (or float64)
    arithmetic bit for bit: a float64 constant would turn float32 layers into float64 sums."""
    from neurokit.pipeline.backends import fast_kernels as kernels

    z = (8 * np.random.default_rng(3).standard_normal((7, 33))).astype(dtype)
    a, e = z.copy(), np.empty_like(z)
    kernels._activate(a, np.zeros(33, dtype=dtype), kernels.SIGMOID, e)
    assert a.dtype == e.dtype == np.dtype(dtype)
    np.testing.assert_allclose(e, np.exp(-np.abs(z)), rtol=2 * np.finfo(dtype).eps)
    np.testing.assert_array_equal(a, np.where(z >= 0, 1, e).astype(dtype) / (e + 1))
    back = np.ones_like(z)
    kernels._times_sigma_prime(back, e, kernels.SIGMOID)
    np.testing.assert_array_equal(back, e / ((e + 1) * (e + 1)))
