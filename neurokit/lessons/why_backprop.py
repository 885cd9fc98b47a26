"""The lecture's exercise 2, measured: in what sense is backpropagation a fast algorithm?

The obvious way to get ∂C/∂w_j for every weight is a finite difference per parameter,

    ∂C/∂θ ≈ (C(θ + ε) − C(θ)) / ε,

one extra forward pass for each of the P parameters: P + 1 forward passes in all. Backprop
gets all P derivatives from one forward pass and one backward pass. The backward pass needs
two matrix products per layer where the forward pass needs one — BP2's (w^{l+1})^T δ^{l+1}
and BP4's δ^l (a^{l−1})^T — except at l = 2, where no δ^1 is needed. So it costs up to twice
a forward pass: close to 2× for deep nets of equal widths, but about 1× for the lecture's
784-15-10 net, whose 784 × 15 first layer is almost all of the arithmetic.
``multiply_adds`` counts both; the speed-up is about (P + 1) / (1 + that ratio): thousands
for the lecture's 784-15-10 net (P = 11,935), more for the textbook's 784-30-10 (P = 23,860).

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
    #: One forward pass keeping every z^l and a^l, timed alone: backprop's first half.
    forward_seconds: float = float("nan")

    #: Backprop: one forward pass (keeping every z^l and a^l) and one backward pass.
    backprop_forward_passes: int = 1
    backprop_backward_passes: int = 1

    @property
    def agree(self) -> bool:
        return self.relative_difference < AGREEMENT

    #: Multiply-adds per example of the forward and the backward pass (``multiply_adds``).
    forward_multiply_adds: int = 0
    backward_multiply_adds: int = 0

    @property
    def backward_over_forward(self) -> float:
        """The backward pass in forward passes, counted in multiply-adds."""
        return self.backward_multiply_adds / self.forward_multiply_adds

    @property
    def measured_backward_over_forward(self) -> float:
        """The same, timed: backprop's time less its forward pass, over the forward pass."""
        return (self.backprop_seconds - self.forward_seconds) / self.forward_seconds

    @property
    def predicted_speedup(self) -> float:
        """(P + 1) forward passes against 1 forward + 1 backward pass, counted."""
        return self.finite_difference_forward_passes / (1 + self.backward_over_forward)

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


def multiply_adds(sizes: list[int]) -> tuple[int, int]:
    """(forward, backward) multiply-adds per example of a net with these layer sizes.

    Forward: z^l = w^l a^{l−1}, n_l·n_{l−1} for each l = 2 … L. Backward: BP4's
    δ^l (a^{l−1})^T is as many again, and BP2's (w^{l+1})^T δ^{l+1} as many again for
    l = 3 … L (δ^1 is never needed). The elementwise ⊙ σ'(z) and the biases are left out.
    """
    products = [n_in * n_out for n_in, n_out in zip(sizes[:-1], sizes[1:], strict=False)]
    return sum(products), sum(products) + sum(products[1:])


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
    forward_seconds = _best_time(lambda: network.forward(x))
    g_bp = flat_gradient(*network.backprop(x, y, cost, 1.0))
    started = time.perf_counter()
    g_fd, passes = forward_difference_gradient(network, cost, x, y)
    fd_seconds = time.perf_counter() - started
    scale = max(float(np.linalg.norm(g_bp)), float(np.linalg.norm(g_fd)), 1e-12)
    return Comparison(
        parameters=network.parameter_count(),
        examples=x.shape[0],
        backprop_seconds=backprop_seconds,
        forward_seconds=forward_seconds,
        forward_multiply_adds=multiply_adds(network.sizes)[0],
        backward_multiply_adds=multiply_adds(network.sizes)[1],
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
        f"backward pass: {c.backward_multiply_adds:,} multiply-adds per example against the "
        f"forward pass's {c.forward_multiply_adds:,} ({c.backward_over_forward:.2f}×: BP4 and "
        f"BP2 for every layer but l = 2); timed here {c.measured_backward_over_forward:.2f}×",
        "",
        f"backprop was {c.speedup:,.0f} times faster here (the pass counts predict about "
        f"(P + 1)/(1 + {c.backward_over_forward:.2g}) = {c.predicted_speedup:,.0f})",
        f"the two gradients {'agree' if c.agree else 'DISAGREE'}: "
        f"‖g_bp − g_fd‖ / ‖g_bp‖ = {c.relative_difference:.2e} (forward differences with "
        f"ε = {EPSILON:g} are accurate to about 1e-6)",
    ]
    return "\n".join(lines)
