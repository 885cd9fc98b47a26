"""Built-in cost: the quadratic cost (mean squared error)."""

from __future__ import annotations

import numpy as np

from neurokit.core.components import Cost, CostType
from neurokit.core.hookspecs import hookimpl


class Quadratic(Cost):
    """C = 1/(2n) Σ_x ‖y(x) − a^L(x)‖²."""

    name = "quadratic"

    def value(self, a, y):
        diff = np.asarray(a) - y
        return float(0.5 * np.einsum("ij,ij->", diff, diff) / diff.shape[0])

    def gradient(self, a, y):
        # ∂C_x/∂a^L_j = a^L_j − y_j
        return a - y


@hookimpl
def neurokit_register_costs():
    return [CostType("quadratic", lambda params: Quadratic(), summary="C = 1/(2n) Σ ‖y − a^L‖²")]
