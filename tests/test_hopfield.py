"""The Hopfield net (model ``hopfield``): energy never rises under asynchronous updates,
stored patterns are fixed points, storage rules against their formulas, capacity, and the
commands from train to predict --noise."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from neurokit.builtins.hopfield import (
    HopfieldNetwork,
    HopfieldParams,
    async_sweep,
    capacity,
    energy,
    recall_verdict,
    store,
)
from neurokit.cli import main
from neurokit.testing import check_plugin

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def random_patterns(p, n, seed=0):
    return np.random.default_rng(seed).choice([-1.0, 1.0], (p, n))


@pytest.fixture(scope="module")
def digits_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("hopfield") / "run"
    assert (
        main(
            [
                "train",
                str(EXAMPLES / "hopfield-digits.json"),
                "--out",
                str(out),
                "--progress",
                "none",
            ]
        )
        == 0
    )
    return out


def test_hebbian_storage_is_the_sum_of_outer_products():
    xi = random_patterns(3, 6)
    w = store(xi, "hebbian")
    for i in range(6):
        for j in range(6):
            expected = 0.0 if i == j else sum(xi[m, i] * xi[m, j] for m in range(3)) / 6
            assert w[i, j] == pytest.approx(expected, abs=1e-15)


def test_storkey_storage_matches_the_rule_written_with_loops():
    xi = random_patterns(3, 5, seed=3)
    n = 5
    w = np.zeros((n, n))
    for pattern in xi:
        old = w.copy()
        for i in range(n):
            for j in range(n):
                if i == j:
                    continue
                h_ij = sum(old[i, k] * pattern[k] for k in range(n) if k not in (i, j))
                h_ji = sum(old[j, k] * pattern[k] for k in range(n) if k not in (i, j))
                w[i, j] = (
                    old[i, j]
                    + (pattern[i] * pattern[j] - pattern[i] * h_ji - h_ij * pattern[j]) / n
                )
    np.testing.assert_allclose(store(xi, "storkey"), w, atol=1e-12)


@pytest.mark.parametrize("rule", ["hebbian", "pseudo-inverse", "storkey"])
def test_weights_are_symmetric_with_zero_diagonal_and_patterns_are_fixed_points(rule):
    xi = random_patterns(5, 100, seed=1)  # P/N = 0.05: well within every rule's capacity
    w = store(xi, rule)
    np.testing.assert_array_equal(w, w.T)
    assert not np.diag(w).any()
    for pattern in xi:
        s = pattern.copy()
        assert async_sweep(w, np.zeros(100), s, np.arange(100)) == 0
        np.testing.assert_array_equal(np.sign(w @ pattern), pattern)


@pytest.mark.parametrize("seed", range(5))
def test_energy_never_increases_under_asynchronous_updates(seed):
    rng = np.random.default_rng(seed)
    w = store(random_patterns(20, 60, seed), "hebbian")  # overloaded: many spurious minima
    theta = 0.1 * rng.standard_normal(60)
    s = rng.choice([-1.0, 1.0], 60)
    energies = [energy(w, theta, s)]
    for _ in range(5):
        for i in rng.permutation(60):
            async_sweep(w, theta, s, np.array([i]))
            # E = −½ sᵀWs − θᵀs, computed afresh after each single-unit update
            energies.append(float(-0.5 * s @ w @ s - theta @ s))
    assert np.all(np.diff(energies) <= 1e-12)
    assert energies[-1] < energies[0]


def test_the_verdict_tells_recall_inverse_other_and_spurious():
    xi = random_patterns(2, 8)
    assert recall_verdict(xi[0], xi[0], xi).startswith("recalled")
    assert recall_verdict(-xi[0], xi[0], xi).startswith("inverse")
    assert recall_verdict(xi[1], xi[0], xi) == "another pattern: stored pattern #1"
    odd = xi[0].copy()
    odd[:2] *= -1
    assert recall_verdict(odd, xi[0], xi).startswith("spurious: a state that is no stored")


def test_capacity_drops_near_0_138_n_for_hebbian_but_not_for_storkey():
    loads = (0.06, 0.25)
    hebbian = capacity(100, loads, "hebbian", trials=2, seed=0)
    storkey = capacity(100, loads, "storkey", trials=2, seed=0)
    assert hebbian[0]["recall"] >= 0.9 and hebbian[1]["recall"] <= 0.5
    assert storkey[1]["recall"] >= 0.9


def test_synchronous_updates_recall_too():
    xi = random_patterns(4, 64, seed=2)
    net = HopfieldNetwork(HopfieldParams(update="sync"), 64, dtype="float64")
    net.w[...] = store(xi, "hebbian")
    noisy = xi[0].copy()
    noisy[:4] *= -1
    np.testing.assert_array_equal(net.predict(noisy[None, :])[0], xi[0])


def test_the_kit_passes_the_hopfield_net():
    assert check_plugin("builtin.hopfield") == []


def test_train_evaluate_and_plot_the_digit_memory(digits_run, capsys):
    capsys.readouterr()
    assert main(["evaluate", str(digits_run), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["accuracy"] == 1.0  # every clean pattern is a fixed point
    assert result["recall_at_0.1"] == 1.0 and result["recall_at_0.3"] >= 0.8
    assert main(["evaluate", str(digits_run)]) == 0
    assert "recall at 0.2" in capsys.readouterr().out
    assert main(["plot", str(digits_run)]) == 0
    assert "confusion matrix: the model's outputs are patterns" in capsys.readouterr().out


def test_predict_with_noise_shows_each_sweep_and_the_recall(digits_run, capsys):
    assert main(["predict", str(digits_run), "--index", "1", "--noise", "0.2", "--json"]) == 0
    story = json.loads(capsys.readouterr().out)["story"]
    assert story["recall"] == "recalled" and story["flipped_at_start"] == round(0.2 * 784)
    energies = [step["energy"] for step in story["steps"]]
    assert energies == sorted(energies, reverse=True) and len(energies) >= 2
    assert story["steps"][-1]["flipped"] == 0
    assert main(["predict", str(digits_run), "--index", "1", "--noise", "0.2"]) == 0
    out = capsys.readouterr().out
    assert "after sweep 1: energy" in out and "recalled: the right pattern" in out


def test_non_binary_data_is_refused_with_how_to_binarise(write_spec, tmp_path, capsys):
    from neurokit.builtins.hopfield import HOPFIELD_EXAMPLE

    spec = json.loads(json.dumps(HOPFIELD_EXAMPLE))
    pixels = [[0.0, 0.5, 1.0, 1.0] * 4, [1.0, 0.0, 0.0, 1.0] * 4]  # grey levels, not ±1
    spec["data"]["params"]["train"] = {"x": pixels, "y": pixels}
    out = tmp_path / "run"
    assert main(["train", str(write_spec(spec)), "--out", str(out), "--progress", "none"]) == 2
    err = capsys.readouterr().err
    assert err == (
        "neurokit: error: data: model 'hopfield' stores patterns of −1 and +1, but the data "
        "set has 0 at example 0, input 0; binarise the inputs first, e.g. s = +1 where pixel "
        "≥ 0.5 else −1 (data set 'digit-patterns' does this for MNIST digits)\n"
    )
    assert not out.exists() or not any(out.iterdir())
