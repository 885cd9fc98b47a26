"""Built-in optimizer: mini-batch stochastic gradient descent."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from neurokit.core.components import Optimizer, OptimizerType
from neurokit.core.hookspecs import hookimpl


class SGDParams(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, defer_build=True)

    eta: float = Field(gt=0, description="learning rate η")


class SGD(Optimizer):
    """w^l → w^l − (η/m) Σ_x δ^{x,l}(a^{x,l−1})^T and b^l → b^l − (η/m) Σ_x δ^{x,l}."""

    name = "sgd"

    def __init__(self, eta: float):
        self.eta = eta

    def __repr__(self) -> str:
        return f"SGD(eta={self.eta})"

    @property
    def gradient_scale(self) -> float:
        # η is folded into δ^L once, so each gradient arrives as (η/m) Σ_x ∂C_x/∂θ.
        return self.eta

    def step(self, params, grads):
        for param, grad in zip(params, grads, strict=True):
            param -= grad


@hookimpl
def neurokit_register_optimizers():
    return [
        OptimizerType(
            "sgd",
            lambda params: SGD(params.eta),
            SGDParams,
            summary="mini-batch SGD: θ → θ − (η/m) Σ_x ∇C_x",
        )
    ]
