"""The lecture's exercise 2, measured: in what sense is backpropagation a fast algorithm?

The obvious way to get ∂C/∂w_j for every weight is a finite difference per parameter,

    ∂C/∂θ ≈ (C(θ + ε) − C(θ)) / ε,

one extra forward pass for each of the P parameters: P + 1 forward passes in all. Backprop
gets all P derivatives from one forward pass and one backward pass, which costs about as
much as a forward pass (the same matrix products, transposed). So the speed-up is about
P / 2 — tens of thousands for the lecture's 784-30-10 net.

``compare(network, cost, x, y)`` does both, checks they agree, counts the forward passes
and times them; ``estimate`` predicts the finite-difference time from one timed forward
pass, so a caller can refuse a run that would take hours.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from neurokit.core import numeric
from neurokit.core.network import Network

#: Step of the forward differences; about √(machine ε), where truncation and rounding balance.
EPSILON = 1e-7
#: Backprop and finite differences "agree" when ‖g_bp − g_fd‖ / ‖g_bp‖ is below this.
AGREEMENT = 1e-4
#: Refuse nets with more parameters than this unless the caller raises the limit.
MAX_PARAMS = 100_000


@dataclass
class Estimate:
    """What the finite-difference gradient will cost, from one timed forward pass."""

    parameters: int
    forward_seconds: float

    @property
    def forward_passes(self) -> int:
        return self.parameters + 1

    @property
    def seconds(self) -> float:
        return self.forward_passes * self.forward_seconds

    def __repr__(self) -> str:
        return (
            f"Estimate({self.forward_passes:,} forward passes × "
            f"{self.forward_seconds * 1e6:.1f} µs ≈ {self.seconds:.2f} s)"
        )


@dataclass
class Comparison:
    """Both gradients, how many forward passes each needed, and how long each took."""

    parameters: int
    examples: int
    backprop_seconds: float
    finite_difference_seconds: float
    finite_difference_forward_passes: int
    relative_difference: float
    backprop_gradient: np.ndarray
    finite_difference_gradient: np.ndarray

    #: Backprop: one forward pass (keeping every z^l and a^l) and one backward pass.
    backprop_forward_passes: int = 1
    backprop_backward_passes: int = 1

    @property
    def agree(self) -> bool:
        return self.relative_difference < AGREEMENT

    @property
    def speedup(self) -> float:
        """How many times longer finite differences took than backprop."""
        return self.finite_difference_seconds / self.backprop_seconds

    def __repr__(self) -> str:
        return (
            f"Comparison(P={self.parameters:,}, finite differences "
            f"{self.finite_difference_forward_passes:,} forward passes in "
            f"{self.finite_difference_seconds:.3g} s, backprop 1 forward + 1 backward in "
            f"{self.backprop_seconds:.3g} s, ×{self.speedup:,.0f}, agree={self.agree})"
        )


def flat_gradient(nabla_w, nabla_b) -> np.ndarray:
    """[∂C/∂w^2, …, ∂C/∂w^L, ∂C/∂b^2, …, ∂C/∂b^L] as one vector, the order of ``parameters``."""
    return np.concatenate([g.ravel() for g in list(nabla_w) + list(nabla_b)])


def forward_difference_gradient(
    network: Network, cost, x: np.ndarray, y: np.ndarray, eps: float = EPSILON
) -> tuple[np.ndarray, int]:
    """(∂C/∂θ for every parameter θ by forward differences, forward passes used).

    C(θ) is computed once; then each parameter in turn is nudged by ε, C is computed again
    (one forward pass), and the parameter restored.
    """

    def c() -> float:
        return cost.value(network.feedforward(x), y)

    base = c()
    gradient = []
    for param in network.parameters:
        flat = param.reshape(-1)  # a view: writing to it nudges the network's own array
        for k in range(flat.size):
            gradient.append(numeric.partial(c, flat, (k,), eps, f_at_theta=base))
    return np.array(gradient), 1 + len(gradient)


def _best_time(function, minimum_seconds: float = 0.05, max_repeats: int = 1000) -> float:
    """The shortest of several runs of ``function`` (the least disturbed by other work)."""
    best = float("inf")
    started = time.perf_counter()
    for _ in range(max_repeats):
        t0 = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - t0)
        if time.perf_counter() - started >= minimum_seconds:
            break
    return best


def estimate(network: Network, x: np.ndarray) -> Estimate:
    """Time one forward pass and scale it to the P + 1 the finite differences need."""
    return Estimate(network.parameter_count(), _best_time(lambda: network.feedforward(x)))


def compare(network: Network, cost, x: np.ndarray, y: np.ndarray) -> Comparison:
    """The gradient of C (mean over the rows of x) by backprop and by forward differences.

    The network is float64 for this (float32 rounding swamps a forward difference) and is
    left as it was.
    """
    x = np.asarray(x, dtype=network.dtype)
    y = np.asarray(y, dtype=network.dtype)
    backprop_seconds = _best_time(lambda: network.backprop(x, y, cost, 1.0))
    g_bp = flat_gradient(*network.backprop(x, y, cost, 1.0))
    started = time.perf_counter()
    g_fd, passes = forward_difference_gradient(network, cost, x, y)
    fd_seconds = time.perf_counter() - started
    scale = max(float(np.linalg.norm(g_bp)), float(np.linalg.norm(g_fd)), 1e-12)
    return Comparison(
        parameters=network.parameter_count(),
        examples=x.shape[0],
        backprop_seconds=backprop_seconds,
        finite_difference_seconds=fd_seconds,
        finite_difference_forward_passes=passes,
        relative_difference=float(np.linalg.norm(g_bp - g_fd)) / scale,
        backprop_gradient=g_bp,
        finite_difference_gradient=g_fd,
    )


def format_comparison(comparison: Comparison, sizes: list[int]) -> str:
    c = comparison
    lines = [
        f"net {'-'.join(map(str, sizes))}: P = {c.parameters:,} weights and biases; "
        f"C is the mean cost over {c.examples} examples",
        "",
        f"finite differences: {c.finite_difference_forward_passes:,} forward passes "
        f"(C once, then once per parameter)  {c.finite_difference_seconds:.4g} s",
        f"backprop:           1 forward pass + 1 backward pass  {c.backprop_seconds:.4g} s",
        "",
        f"backprop was {c.speedup:,.0f} times faster here "
        f"(the pass count alone predicts about P/2 = {c.parameters / 2:,.0f})",
        f"the two gradients {'agree' if c.agree else 'DISAGREE'}: "
        f"‖g_bp − g_fd‖ / ‖g_bp‖ = {c.relative_difference:.2e} (forward differences with "
        f"ε = {EPSILON:g} are accurate to about 1e-6)",
    ]
    return "\n".join(lines)
