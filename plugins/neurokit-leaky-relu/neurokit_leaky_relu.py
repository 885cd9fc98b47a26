"""A leaky ReLU neuron: σ(z) = z for z > 0 and αz otherwise, α given in the spec.

Shows a component with parameters: the spec writes
``{"name": "leaky-relu", "params": {"alpha": 0.01}}`` and neurokit validates the params
with ``LeakyReLUParams`` before the neuron is built, so ``{"alpha": -1}`` or a typo such as
``{"alpah": 0.01}`` is an error naming the field.
"""

from __future__ import annotations

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from neurokit import hookimpl
from neurokit.components import Neuron, NeuronType


class LeakyReLUParams(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    alpha: float = Field(
        default=0.01, ge=0, lt=1, description="α, the slope for z ≤ 0 (0 gives the plain ReLU)"
    )


class LeakyReLU(Neuron):
    """σ(z) = max(z, αz) for 0 ≤ α < 1; σ'(z) = 1 for z > 0, α otherwise (σ'(0) := α)."""

    name = "leaky-relu"

    def __init__(self, alpha: float = 0.01):
        self.alpha = alpha

    def __repr__(self) -> str:
        return f"LeakyReLU(alpha={self.alpha})"

    def sigma(self, z):
        z = np.asarray(z)
        return np.where(z > 0, z, self.alpha * z)

    def sigma_prime(self, z, a=None):
        z = np.asarray(z)
        one, alpha = z.dtype.type(1), z.dtype.type(self.alpha)  # keep z's dtype
        return np.where(z > 0, one, alpha)


@hookimpl
def neurokit_register_neurons():
    return [
        NeuronType(
            "leaky-relu",
            lambda params: LeakyReLU(params.alpha),
            LeakyReLUParams,
            summary="σ(z) = z if z > 0 else αz",
        )
    ]
