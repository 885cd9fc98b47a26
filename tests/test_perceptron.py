"""The perceptron learning rule: hand-computed updates, convergence, and XOR's non-convergence."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from neurokit.core.errors import NeurokitError
from neurokit.core.perceptron import MAX_EPOCHS, learn_perceptron, perceptron_output

X2 = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
# Written out by hand, not taken from neurokit.lessons.gates.
TARGETS = {
    "and": (X2, [0, 0, 0, 1]),
    "or": (X2, [0, 1, 1, 1]),
    "nand": (X2, [1, 1, 1, 0]),
    "not": (np.array([[0], [1]]), [1, 0]),
}
SEEDS = range(20)


def test_one_mistake_updates_w_and_b_by_the_rule():
    # z = 0 at w = 0, b = 0, so ŷ = 0 ≠ y = 1: w ← 0 + 1·(1 − 0)·(1, 0), b ← 0 + 1·(1 − 0).
    # Then z = 1 + 1 = 2 > 0: the second epoch makes no mistake.
    result = learn_perceptron([[1, 0]], [1], initial=((0, 0), 0))
    np.testing.assert_array_equal(result.weights, [1.0, 0.0])
    assert result.bias == 1.0
    assert result.mistakes == (1, 0)
    assert result.epochs == 2
    assert result.converged


def test_eta_scales_each_update():
    # From w = 0, b = 0 every update is η (y − ŷ) x, so with one example the whole run scales.
    result = learn_perceptron([[1, 0]], [1], eta=0.25, initial=((0, 0), 0))
    np.testing.assert_array_equal(result.weights, [0.25, 0.0])
    assert result.bias == 0.25


def test_a_wrong_one_moves_w_and_b_down():
    # w = (1, 1), b = 0 says 1 for x = (1, 1) but y = 0: w ← (1, 1) − (1, 1) = (0, 0), b ← −1.
    result = learn_perceptron([[1, 1]], [0], initial=((1, 1), 0))
    np.testing.assert_array_equal(result.weights, [0.0, 0.0])
    assert result.bias == -1.0
    assert result.mistakes == (1, 0)


def test_already_right_weights_need_one_epoch_without_mistakes():
    result = learn_perceptron(X2, [1, 1, 1, 0], initial=((-2, -2), 3))
    assert result.mistakes == (0,)
    np.testing.assert_array_equal(result.weights, [-2.0, -2.0])


@pytest.mark.parametrize("gate", sorted(TARGETS))
def test_converges_on_linearly_separable_gates_from_20_seeds(gate):
    x, y = TARGETS[gate]
    for seed in SEEDS:
        result = learn_perceptron(x, y, seed=seed)
        assert result.converged, f"{gate} seed {seed}: {result!r}"
        assert result.epochs <= MAX_EPOCHS
        assert result.mistakes[-1] == 0
        # Checked with a second computation of the perceptron, not result.predict.
        z = x @ result.weights + result.bias
        assert [int(v > 0) for v in z] == y, f"{gate} seed {seed}"


def test_xor_never_converges_within_the_bound_from_20_seeds():
    for seed in SEEDS:
        result = learn_perceptron(X2, [0, 1, 1, 0], seed=seed, max_epochs=50)
        assert not result.converged
        assert result.epochs == 50
        assert all(mistakes > 0 for mistakes in result.mistakes)


def test_same_seed_same_result_and_seeds_differ():
    a = learn_perceptron(X2, [0, 0, 0, 1], seed=3)
    b = learn_perceptron(X2, [0, 0, 0, 1], seed=3)
    c = learn_perceptron(X2, [0, 0, 0, 1], seed=4)
    np.testing.assert_array_equal(a.weights, b.weights)
    assert (a.bias, a.epochs) == (b.bias, b.epochs)
    assert not np.array_equal(a.weights, c.weights)


def test_repr_says_what_was_found():
    result = learn_perceptron([[1, 0]], [1], initial=((0, 0), 0))
    assert repr(result) == "PerceptronResult(w=(1, 0), b=1, converged in 2 epochs, η=1.0, seed=0)"
    xor = learn_perceptron(X2, [0, 1, 1, 0], max_epochs=7)
    assert "did not converge in 7 epochs" in repr(xor)


def test_perceptron_output_is_zero_at_z_equal_zero():
    assert list(perceptron_output([1, 1], -1, X2)) == [0, 0, 0, 1]


@pytest.mark.parametrize(
    "x, y, kwargs, message",
    [
        (X2, [0, 1, 2, 0], {}, "0 or 1"),
        (X2, [0, 1, 1], {}, "4 rows of x but 3 targets"),
        (X2, [[0, 1]] * 4, {}, "one output"),
        (X2, [0, 0, 0, 1], {"eta": 0}, "η must be a positive number"),
        (X2, [0, 0, 0, 1], {"eta": float("inf")}, "η must be a positive number"),
        (X2, [0, 0, 0, 1], {"seed": -1}, "seed must be 0 or more"),
        (X2, [0, 0, 0, 1], {"max_epochs": 0}, "max_epochs"),
        (X2, [0, 0, 0, 1], {"initial": ((0,), 0)}, r"one number per input \(2\), got 1"),
        ([], [], {}, "non-empty"),
    ],
)
def test_bad_examples_are_refused_with_a_message(x, y, kwargs, message):
    with pytest.raises(NeurokitError, match=message):
        learn_perceptron(x, y, **kwargs)


def test_converges_exactly_on_the_104_threshold_functions_of_three_inputs():
    # Of the 256 Boolean functions of 3 inputs, 104 are linearly separable (a published
    # count). A grid of small integer perceptrons finds all 104; the rule must converge on
    # each of them and on none of the other 152.
    x = np.array(list(itertools.product((0, 1), repeat=3)))
    separable = {
        tuple(int(v) for v in (x @ np.array(w) + b > 0))
        for w in itertools.product(range(-2, 3), repeat=3)
        for b in np.arange(-5.5, 6)
    }
    assert len(separable) == 104
    for y in itertools.product((0, 1), repeat=8):
        result = learn_perceptron(x, list(y), seed=0, max_epochs=60)
        assert result.converged == (y in separable), y
