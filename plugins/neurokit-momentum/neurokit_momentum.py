"""SGD with momentum: a velocity v per parameter, v → μv − η∇C, then w → w + v.

The velocity is the optimizer's state: ``state_dict`` returns it, so a run saved mid-way
and resumed continues exactly as if it had never stopped. μ = 0 is plain SGD.
"""

from __future__ import annotations

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from neurokit import hookimpl
from neurokit.components import Optimizer, OptimizerType


class MomentumParams(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    eta: float = Field(gt=0, description="learning rate η", examples=[0.5])
    mu: float = Field(default=0.9, ge=0, lt=1, description="momentum coefficient μ")


class Momentum(Optimizer):
    """v^l → μv^l − η ∂C/∂w^l, w^l → w^l + v^l (and the same for every b^l)."""

    name = "momentum"

    def __init__(self, eta: float, mu: float = 0.9):
        self.eta = eta
        self.mu = mu
        #: one velocity per parameter array, created at the first step
        self.velocities: list[np.ndarray] | None = None

    def __repr__(self) -> str:
        return f"Momentum(eta={self.eta}, mu={self.mu})"

    # gradient_scale stays 1: the velocity needs ∇C itself, η is applied inside step

    def step(self, params, grads):
        if self.velocities is None:
            self.velocities = [np.zeros_like(p) for p in params]
        for param, grad, velocity in zip(params, grads, self.velocities, strict=True):
            velocity *= self.mu
            velocity -= self.eta * grad  # v → μv − η∇C
            param += velocity  # w → w + v

    def state_dict(self):
        if self.velocities is None:
            return {}
        return {f"velocity_{i}": v.copy() for i, v in enumerate(self.velocities)}

    def load_state_dict(self, state):
        if not state:
            self.velocities = None
            return
        count = len(state)
        self.velocities = [np.array(state[f"velocity_{i}"]) for i in range(count)]


@hookimpl
def neurokit_register_optimizers():
    return [
        OptimizerType(
            "momentum",
            lambda params: Momentum(params.eta, params.mu),
            MomentumParams,
            summary="SGD with momentum: v → μv − η∇C, θ → θ + v",
        )
    ]
