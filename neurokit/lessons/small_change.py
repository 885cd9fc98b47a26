"""Why sigmoid neurons: a small change in the weights flips a perceptron, but moves a sigmoid
neuron's output by a small, predictable amount.

For one neuron with weights w, bias b and input x, change w by Δw and b by Δb. The
perceptron's output (1 if w·x + b > 0) can jump from 1 to 0. The sigmoid neuron's output
σ(w·x + b) changes by about

    Δoutput ≈ Σ_j ∂output/∂w_j Δw_j + ∂output/∂b Δb = σ'(z) (Σ_j x_j Δw_j + Δb),

the lecture's linear estimate, since ∂output/∂w_j = σ'(z) x_j and ∂output/∂b = σ'(z).
``small_change`` computes both and the real change, so the estimate can be compared with it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from neurokit.core.neurons import Perceptron, Sigmoid

#: The default example: AND's weights with the threshold moved so that z = 0.1 at x = (1, 1),
#: then each weight lowered by 0.1: z becomes −0.1 and the perceptron flips.
DEFAULT_W, DEFAULT_B, DEFAULT_X = (2.0, 2.0), -3.9, (1.0, 1.0)
DEFAULT_DW, DEFAULT_DB = (-0.1, -0.1), 0.0


@dataclass(frozen=True)
class SmallChange:
    """One neuron before and after w → w + Δw, b → b + Δb, as a perceptron and as a sigmoid."""

    z_before: float
    z_after: float
    perceptron_before: float
    perceptron_after: float
    sigmoid_before: float
    sigmoid_after: float
    linear_estimate: float

    @property
    def sigmoid_change(self) -> float:
        return self.sigmoid_after - self.sigmoid_before

    @property
    def estimate_error(self) -> float:
        """|real change − linear estimate|: second order in the change of z."""
        return abs(self.sigmoid_change - self.linear_estimate)


def small_change(w=DEFAULT_W, b=DEFAULT_B, x=DEFAULT_X, dw=DEFAULT_DW, db=DEFAULT_DB):
    """The outputs of both neurons before and after the change, and the linear estimate."""
    w, x, dw = (np.asarray(v, dtype=np.float64) for v in (w, x, dw))
    z_before = float(w @ x + b)
    z_after = float((w + dw) @ x + b + db)
    prime = float(Sigmoid().sigma_prime(z_before))
    # Σ_j ∂output/∂w_j Δw_j + ∂output/∂b Δb, with ∂output/∂w_j = σ'(z) x_j, ∂output/∂b = σ'(z)
    estimate = prime * float(x @ dw) + prime * db
    step, sigmoid = Perceptron(), Sigmoid()
    return SmallChange(
        z_before=z_before,
        z_after=z_after,
        perceptron_before=float(step.sigma(z_before)),
        perceptron_after=float(step.sigma(z_after)),
        sigmoid_before=float(sigmoid.sigma(z_before)),
        sigmoid_after=float(sigmoid.sigma(z_after)),
        linear_estimate=estimate,
    )


def format_small_change(c: SmallChange, w, b, x, dw, db) -> str:
    return "\n".join(
        [
            f"one neuron, w = {tuple(w)}, b = {b:g}, input x = {tuple(x)}; "
            f"change Δw = {tuple(dw)}, Δb = {db:g}",
            f"z = w·x + b goes from {c.z_before:.6g} to {c.z_after:.6g}",
            "",
            f"perceptron:     output {c.perceptron_before:g} → {c.perceptron_after:g}"
            + (
                "   (flipped by a small change)"
                if c.perceptron_before != c.perceptron_after
                else ""
            ),
            f"sigmoid neuron: output {c.sigmoid_before:.6f} → {c.sigmoid_after:.6f}, "
            f"a change of {c.sigmoid_change:+.6f}",
            f"linear estimate Σ_j ∂output/∂w_j Δw_j + ∂output/∂b Δb = σ'(z)(Σ_j x_j Δw_j + Δb) "
            f"= {c.linear_estimate:+.6f}",
            f"the estimate is off by {c.estimate_error:.2g}: second order in Δz = "
            f"{c.z_after - c.z_before:+.3g}",
        ]
    )
