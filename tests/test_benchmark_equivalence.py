"""What the benchmark relies on, asserted without timing anything.

1. One mini-batch step of neurokit's training path equals the lecture's per-example algorithm
   (``benchmarks/reference.py``) to 1e-12 in float64: the benchmark compares like with like.
2. ``neurokit train`` keeps its peak memory within 1.5 × the training images in the training
   dtype + 150 MiB, checked on a proportional, smaller IDX data set so it runs in seconds.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pytest
from benchmark_files import load_benchmark

from neurokit.core.datasets import Dataset, Split
from neurokit.data.idx import write_idx
from neurokit.pipeline import backends, training
from neurokit.pipeline.progress import Reporter
from neurokit.pipeline.registry import load_registry
from neurokit.spec import parse_spec

ROOT = Path(__file__).resolve().parent.parent
ETA = 3.0


reference = load_benchmark("reference.py", "benchmark_reference")


def _one_batch_run(sizes, m, seed=3) -> training.Run:
    """A run whose training set is exactly one mini-batch, so one epoch is one SGD step."""
    registry = load_registry(autoload=False)
    layers = [{"size": sizes[0]}] + [{"size": n, "neuron": "sigmoid"} for n in sizes[1:]]
    spec = parse_spec(
        {
            "schema_version": 1,
            "name": "one-step",
            "layers": layers,
            "cost": "quadratic",
            "optimizer": {"name": "sgd", "params": {"eta": ETA}},
            "training": {"epochs": 1, "batch_size": m, "seed": seed, "dtype": "float64"},
            "data": {"name": "mnist-sample"},
        },
        registry,
    )
    data_rng = np.random.default_rng(seed + 100)
    x = data_rng.random((m, sizes[0]))
    y = np.eye(sizes[-1])[data_rng.integers(0, sizes[-1], m)]
    return training.prepare(spec, registry, dataset=Dataset("one-batch", {"train": Split(x, y)}))


@pytest.mark.parametrize(
    ("sizes", "m"),
    [([784, 30, 10], 10), ([784, 15, 10], 100), ([6, 5, 4, 3], 7), ([3, 2], 1)],
)
def test_one_training_step_equals_the_per_example_reference(sizes, m):
    run = _one_batch_run(sizes, m)
    per_example = reference.PerExampleNetwork(run.network.weights, run.network.biases, ETA)
    # The shuffle _train_epoch will draw, drawn from a copy of the run's generator.
    twin = np.random.default_rng()
    twin.bit_generator.state = run.rng.bit_generator.state
    order = twin.permutation(m)
    before = [p.copy() for p in run.network.parameters]

    training._train_epoch(run, 1, Reporter(), threading.Event())
    x, y = run.dataset.train.x, run.dataset.train.y
    per_example.update_mini_batch(x[order], y[order])

    ours = run.network.weights + run.network.biases
    theirs = per_example.weights + [b.reshape(-1) for b in per_example.biases]
    moved = max(float(np.max(np.abs(a - b))) for a, b in zip(ours, before, strict=True))
    difference = max(float(np.max(np.abs(a - b))) for a, b in zip(ours, theirs, strict=True))
    assert moved > 1e-6  # the step did something
    assert difference <= 1e-12


@pytest.mark.parametrize(("sizes", "m"), [([784, 30, 10], 10), ([6, 5, 4, 3], 7), ([3, 2], 1)])
def test_the_hand_written_torch_peer_takes_the_same_step(sizes, m):
    torch = pytest.importorskip("torch", reason="the torch peer needs torch (the bench extra)")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from torch_handwritten import HandWrittenTorchNetwork
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    run = _one_batch_run(sizes, m)
    peer = HandWrittenTorchNetwork(run.network.weights, run.network.biases, ETA, "float64")
    per_example = reference.PerExampleNetwork(run.network.weights, run.network.biases, ETA)
    x, y = run.dataset.train.x, run.dataset.train.y
    peer.train_epoch(torch.from_numpy(x), torch.from_numpy(y), torch.arange(m), m)
    per_example.update_mini_batch(x, y)
    weights, biases = peer.parameters()
    theirs = per_example.weights + [b.reshape(-1) for b in per_example.biases]
    difference = max(
        float(np.max(np.abs(a - b))) for a, b in zip(weights + biases, theirs, strict=True)
    )
    assert difference <= 1e-12
    assert float(np.max(np.abs(weights[0] - run.network.weights[0]))) > 1e-6  # it moved


def test_reference_gradient_matches_finite_differences():
    # The reference is only worth comparing against if it is right on its own.
    rng = np.random.default_rng(0)
    weights = [rng.standard_normal((4, 3)), rng.standard_normal((2, 4))]
    biases = [rng.standard_normal(4), rng.standard_normal(2)]
    net = reference.PerExampleNetwork(weights, biases, ETA)
    x, y = rng.random((3, 1)), np.array([[1.0], [0.0]])

    def cost():
        a = x
        for w, b in zip(net.weights, net.biases, strict=True):
            a = reference.sigmoid(w @ a + b)
        return 0.5 * float(np.sum((a - y) ** 2))

    nabla_w, _ = net.backprop(x, y)
    w, (j, k), h = net.weights[0], (2, 1), 1e-6
    w[j, k] += h
    up = cost()
    w[j, k] -= 2 * h
    down = cost()
    w[j, k] += h
    assert nabla_w[0][j, k] == pytest.approx((up - down) / (2 * h), rel=1e-6)


def test_training_peak_memory_stays_within_one_and_a_half_datasets(tmp_path):
    # 12,000 images stand in for Fashion-MNIST's 60,000: 10,000 become the validation split
    # as with the real files, 2,000 are trained on; the bound is the issue's, on this size.
    n_train, n_test = 12_000, 2_000
    rng = np.random.default_rng(0)
    data = tmp_path / "data"
    data.mkdir()
    write_idx(data / "train-images-idx3-ubyte", rng.integers(0, 256, (n_train, 28, 28), np.uint8))
    write_idx(data / "train-labels-idx1-ubyte", rng.integers(0, 10, n_train, np.uint8))
    write_idx(data / "t10k-images-idx3-ubyte", rng.integers(0, 256, (n_test, 28, 28), np.uint8))
    write_idx(data / "t10k-labels-idx1-ubyte", rng.integers(0, 10, n_test, np.uint8))
    spec = {
        "schema_version": 1,
        "name": "memory",
        "layers": [
            {"size": 784},
            {"size": 30, "neuron": "sigmoid"},
            {"size": 10, "neuron": "sigmoid"},
        ],
        "cost": "quadratic",
        "optimizer": {"name": "sgd", "params": {"eta": ETA}},
        "training": {"epochs": 1, "batch_size": 10, "seed": 0, "dtype": "float64"},
        "data": {"name": "fashion-mnist"},
    }
    spec_path = tmp_path / "memory.json"
    spec_path.write_text(json.dumps(spec))
    command = [sys.executable, "-m", "neurokit", "train", str(spec_path), "--data-dir", str(data)]
    command += ["--out", str(tmp_path / "run"), "--progress", "none"]
    env = dict(
        os.environ,
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    )
    # Linux carries peak RSS across fork and exec: a child forked from this pytest process
    # would report pytest's peak. A small launcher forks it instead and reports its peak.
    launcher = (
        "import resource, subprocess, sys\n"
        "done = subprocess.run(sys.argv[1:], capture_output=True)\n"
        "sys.stderr.buffer.write(done.stdout + done.stderr)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
        "sys.exit(done.returncode)\n"
    )

    def peak_of(command):
        done = subprocess.run(
            [sys.executable, "-c", launcher, *command], env=env, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        return int(done.stdout.split()[-1]) * (1 if sys.platform == "darwin" else 1024)

    peak = peak_of(command)
    dataset_bytes = n_train * 784 * 8
    # The compiled fast path (chosen when numba is installed) loads numba, LLVM and SciPy's
    # BLAS: a fixed cost, whatever the data, measured here as the import alone costs it.
    libraries = 0
    if backends.fast_available():
        fast = "import numpy, numba, scipy.linalg.cython_blas"
        libraries = peak_of([sys.executable, "-c", fast]) - peak_of(
            [sys.executable, "-c", "import numpy"]
        )
    assert peak <= 1.5 * dataset_bytes + 150 * 2**20 + libraries
