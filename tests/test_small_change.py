"""neurokit gates --small-change: a small Δw flips a perceptron; a sigmoid neuron moves by about
the linear estimate σ'(z)(Σ_j x_j Δw_j + Δb)."""

import math

import pytest

from neurokit.cli import main
from neurokit.lessons.small_change import small_change


def sigma(z):
    return 1 / (1 + math.exp(-z))


def test_the_default_example_by_hand():
    c = small_change()  # w = (2, 2), b = −3.9, x = (1, 1), Δw = (−0.1, −0.1): z 0.1 → −0.1
    assert (c.perceptron_before, c.perceptron_after) == (1.0, 0.0)
    assert c.sigmoid_before == pytest.approx(sigma(0.1), rel=1e-12)
    assert c.sigmoid_change == pytest.approx(sigma(-0.1) - sigma(0.1), rel=1e-9)
    # σ'(0.1) (x·Δw + Δb) = σ(0.1)(1 − σ(0.1)) · (−0.2)
    assert c.linear_estimate == pytest.approx(sigma(0.1) * (1 - sigma(0.1)) * -0.2, rel=1e-12)
    assert c.estimate_error < 0.01 * abs(c.sigmoid_change)


def test_the_estimate_improves_quadratically_as_the_change_shrinks():
    # at z = 1 (b = −3), where σ'' is far from 0: halving Δw quarters a first-order error
    errors = [small_change(b=-3.0, dw=(-h, -h)).estimate_error for h in (0.1, 0.05, 0.025)]
    assert errors[0] / errors[1] == pytest.approx(4, rel=0.15)
    assert errors[1] / errors[2] == pytest.approx(4, rel=0.15)


def test_the_command_prints_the_flip_and_the_estimate_beside_the_real_change(capsys):
    assert main(["gates", "--small-change"]) == 0
    out = capsys.readouterr().out
    assert "perceptron:     output 1 → 0   (flipped by a small change)" in out
    assert "a change of -0.049958" in out and "= -0.049875" in out
