"""why-backprop: the gradient by backprop and by forward differences, counted and compared."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from neurokit.cli import main
from neurokit.core.network import Network
from neurokit.lessons.gradcheck import random_examples
from neurokit.lessons.why_backprop import (
    compare,
    estimate,
    flat_gradient,
    forward_difference_gradient,
)
from neurokit.pipeline.registry import load_registry

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture
def net_and_cost():
    registry = load_registry(autoload=False)
    sigmoid = registry.get("neuron", "sigmoid").build()
    return Network([5, 4, 3], [sigmoid, sigmoid], seed=2), registry.get("cost", "quadratic").build()


class CountingNetwork(Network):
    """Counts forward passes, the unit exercise 2 is measured in."""

    feedforward_calls = 0

    def feedforward(self, x):
        self.feedforward_calls += 1
        return super().feedforward(x)


def test_finite_differences_need_one_forward_pass_per_parameter_plus_one():
    registry = load_registry(autoload=False)
    sigmoid = registry.get("neuron", "sigmoid").build()
    cost = registry.get("cost", "quadratic").build()
    net = CountingNetwork([4, 3, 2], [sigmoid, sigmoid])
    x, y = random_examples(4, 2, 3)
    _, passes = forward_difference_gradient(net, cost, x, y)
    assert net.parameter_count() == 4 * 3 + 3 + 3 * 2 + 2 == 23
    assert passes == net.feedforward_calls == 24


def test_both_gradients_agree_and_the_network_is_restored(net_and_cost):
    net, cost = net_and_cost
    before = [p.copy() for p in net.parameters]
    x, y = random_examples(5, 3, 4, seed=5)
    result = compare(net, cost, x, y)
    assert result.agree and result.relative_difference < 1e-5
    assert result.parameters == 5 * 4 + 4 + 4 * 3 + 3
    assert result.finite_difference_forward_passes == result.parameters + 1
    assert (result.backprop_forward_passes, result.backprop_backward_passes) == (1, 1)
    np.testing.assert_allclose(
        result.finite_difference_gradient, result.backprop_gradient, rtol=1e-4, atol=1e-7
    )
    assert all(np.array_equal(p, q) for p, q in zip(before, net.parameters, strict=True))


def test_flat_gradient_is_in_the_order_of_the_parameters(net_and_cost):
    net, cost = net_and_cost
    x, y = random_examples(5, 3, 2)
    nabla_w, nabla_b = net.backprop(x, y, cost)
    flat = flat_gradient(nabla_w, nabla_b)
    assert flat[0] == nabla_w[0][0, 0] and flat[-1] == nabla_b[-1][-1]
    assert flat.size == net.parameter_count()


def test_estimate_scales_one_forward_pass_to_p_plus_one(net_and_cost):
    net, _ = net_and_cost
    guess = estimate(net, random_examples(5, 3, 2)[0])
    assert guess.forward_passes == net.parameter_count() + 1
    assert guess.seconds == pytest.approx(guess.forward_passes * guess.forward_seconds)


def test_cli_reports_counts_and_agreement(capsys):
    assert main(["why-backprop", str(EXAMPLES / "xor.json")]) == 0
    out = capsys.readouterr().out
    assert "P = 13 weights and biases" in out
    assert "finite differences: 14 forward passes" in out
    assert "1 forward pass + 1 backward pass" in out
    assert "the two gradients agree" in out
    assert "times faster" in out and "estimate:" in out


def test_cli_guard_refuses_big_nets_with_an_estimate(capsys):
    status = main(["why-backprop", str(EXAMPLES / "mnist.json"), "--max-params", "1000"])
    captured = capsys.readouterr()
    assert status == 2
    assert "estimate: 23,861 forward passes" in captured.out
    assert "23,860 parameters, more than --max-params 1,000" in captured.err
    assert "--max-params 23860" in captured.err


def test_multiply_adds_by_hand():
    from neurokit.lessons.why_backprop import multiply_adds

    # forward 784·15 + 15·10; backward BP4 the same again, BP2 only for l = 3: 15·10
    assert multiply_adds([784, 15, 10]) == (11_910, 11_910 + 150)
    # five equal layers of 100: four products forward; backward 4 (BP4) + 3 (BP2)
    assert multiply_adds([100] * 5) == (40_000, 70_000)
