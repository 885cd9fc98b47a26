"""The cross-entropy cost, C = −(1/n) Σ_x Σ_j [y_j ln a_j + (1 − y_j) ln(1 − a_j)].

With sigmoid output neurons its output error simplifies to δ^L = a^L − y: the σ'(z^L) of
BP1 cancels against the cost's own denominator, so learning does not slow down when an
output neuron is saturated and badly wrong. ``output_error`` returns that closed form when
the output neuron is the sigmoid, and BP1 for any other neuron.

a is clipped to [ε, 1 − ε] before taking logarithms, so a = 0 or a = 1 (a saturated sigmoid
in floating point) gives a large finite cost instead of infinity or NaN. ε is 10⁻¹² or the
dtype's machine epsilon, whichever is larger (float32 cannot represent 1 − 10⁻¹²).
"""

from __future__ import annotations

import numpy as np

from neurokit import hookimpl
from neurokit.components import Cost, CostType

EPSILON = 1e-12


def _clipped(a: np.ndarray) -> np.ndarray:
    a = np.asarray(a)
    eps = max(EPSILON, float(np.finfo(a.dtype).eps))
    return np.clip(a, eps, 1.0 - eps)


class CrossEntropy(Cost):
    """C = −(1/n) Σ_x Σ_j [y_j ln a_j + (1 − y_j) ln(1 − a_j)]; δ^L = a − y for sigmoids."""

    name = "cross-entropy"

    def value(self, a, y):
        a = _clipped(a)
        per_output = y * np.log(a) + (1 - y) * np.log1p(-a)
        return float(-per_output.sum() / a.shape[0])

    def gradient(self, a, y):
        a = _clipped(a)
        # ∂C_x/∂a_j = −y_j/a_j + (1 − y_j)/(1 − a_j) = (a_j − y_j) / (a_j (1 − a_j))
        return (a - y) / (a * (1 - a))

    def output_error(self, a, y, z, neuron):
        if getattr(neuron, "name", None) == "sigmoid":
            # σ'(z) = a(1 − a) cancels the denominator of ∇_a C: δ^L = a^L − y
            return a - y
        return super().output_error(a, y, z, neuron)


@hookimpl
def neurokit_register_costs():
    return [
        CostType(
            "cross-entropy",
            lambda params: CrossEntropy(),
            summary="C = −(1/n) Σ [y ln a + (1−y) ln(1−a)]; δ^L = a − y with sigmoid outputs",
        )
    ]
