"""A single-file optimizer plugin: AdaGrad, a learning rate per weight.

G → G + (∇C)², θ → θ − η ∇C / (√G + ε): weights whose gradients have been large take
smaller steps. G is the optimizer's state, saved through ``state_dict``.
"""

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from neurokit import hookimpl
from neurokit.components import Optimizer, OptimizerType


class AdaGradParams(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    eta: float = Field(gt=0, description="learning rate η", examples=[0.1])
    epsilon: float = Field(default=1e-8, gt=0, description="ε, keeps the division finite")


class AdaGrad(Optimizer):
    name = "adagrad"

    def __init__(self, eta, epsilon=1e-8):
        self.eta, self.epsilon = eta, epsilon
        self.sums = None  # G: per parameter, the running sum of squared gradients

    def __repr__(self):
        return f"AdaGrad(eta={self.eta}, epsilon={self.epsilon})"

    def step(self, params, grads):
        if self.sums is None:
            self.sums = [np.zeros_like(p) for p in params]
        for param, grad, total in zip(params, grads, self.sums, strict=True):
            total += grad * grad
            param -= self.eta * grad / (np.sqrt(total) + self.epsilon)

    def state_dict(self):
        return {} if self.sums is None else {f"G_{i}": g.copy() for i, g in enumerate(self.sums)}

    def load_state_dict(self, state):
        self.sums = [np.array(state[f"G_{i}"]) for i in range(len(state))] if state else None


@hookimpl
def neurokit_register_optimizers():
    return [
        OptimizerType(
            "adagrad",
            lambda params: AdaGrad(params.eta, params.epsilon),
            AdaGradParams,
            summary="θ → θ − η ∇C / (√G + ε), G the sum of squared gradients",
        )
    ]
