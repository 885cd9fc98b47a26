"""The echo state network: its reservoir is what the params say, its readout is the ridge
solution, and on Mackey-Glass it predicts about as well as ReservoirPy's."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import numpy as np
import pytest

from neurokit.core.esn import EchoStateNetwork
from neurokit.core.sequences import as_rows

ROOT = Path(__file__).resolve().parents[1]


def esn(units=40, **options):
    params = dict(spectral_radius=0.9, input_scaling=0.5, leak_rate=0.5, sparsity=0.8)
    params.update(ridge=1e-4, washout=10, dtype="float64", rng=np.random.default_rng(0))
    params.update(options)
    return EchoStateNetwork((1, units, 1), **params)


def test_reservoir_has_the_spectral_radius_and_sparsity_asked_for():
    model = esn(units=200, spectral_radius=0.7, sparsity=0.9)
    assert np.max(np.abs(np.linalg.eigvals(model.w_res))) == pytest.approx(0.7)
    assert np.mean(model.w_res == 0) == pytest.approx(0.9, abs=0.01)


def test_readout_is_the_ridge_regression_solution(registry):
    data = registry.get("dataset", "mackey-glass").load({"train": 200}, dtype="float64")
    model = esn()
    model.learn(data.train.x, data.train.y, None)
    states = model.states(data.train.x)[0, 10:]
    design = np.hstack([states, np.ones((len(states), 1))])
    penalty = 1e-4 * np.eye(design.shape[1])
    penalty[-1, -1] = 0
    expected = np.linalg.inv(design.T @ design + penalty) @ design.T @ data.train.y[0, 10:]
    np.testing.assert_allclose(model.w3, expected[:-1].T, atol=1e-8)
    np.testing.assert_allclose(model.b3, expected[-1], atol=1e-8)


def test_leaky_update_by_hand():
    model = esn(units=5)
    x = np.array([[[0.3], [-0.2]]])
    r1 = 0.5 * np.tanh(model.w_in @ [0.3] + model.b_res)
    r2 = 0.5 * r1 + 0.5 * np.tanh(model.w_in @ [-0.2] + model.w_res @ r1 + model.b_res)
    np.testing.assert_allclose(model.states(x)[0], [r1, r2], atol=1e-14)


def test_free_running_generation_follows_the_series(registry):
    data = registry.get("dataset", "mackey-glass").load(
        {"train": 1500, "test": 300}, dtype="float64"
    )
    model = esn(units=200, spectral_radius=1.25, leak_rate=0.3, input_scaling=1.0,
                sparsity=0.9, ridge=1e-7, washout=100)  # fmt: skip
    model.learn(data.train.x, data.train.y, None)
    prime = data.splits["test"].x[0, :200]
    future = data.splits["test"].y[0, 199:229, 0]
    generated = model.generate(prime, 30, np.random.default_rng(0))[:, 0]
    assert np.sqrt(np.mean((generated - future) ** 2)) < 0.05  # the series' std is ≈ 0.23
    assert as_rows(generated[:, None]).shape == (30, 1)


def test_within_20_percent_of_reservoirpy():
    if os.environ.get("CI") != "true":
        pytest.importorskip("reservoirpy")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import bench_esn
    finally:
        sys.path.pop(0)
    results = bench_esn.compare(seeds=9, hyper={**bench_esn.HYPER, "units": 100})
    ours, theirs = results["neurokit"]["nrmse"], results["reservoirpy"]["nrmse"]
    assert ours < 0.05  # one-step prediction: far below the series' own spread
    assert abs(ours - theirs) <= 0.2 * theirs, results
