"""Built-in model ``esn``: an echo state network whose readout is learnt by ridge regression."""

from __future__ import annotations

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from neurokit.core.components import ModelContext, ModelType, Sections
from neurokit.core.esn import EchoStateNetwork
from neurokit.core.hookspecs import hookimpl


class EchoStateParams(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, defer_build=True)

    spectral_radius: float = Field(
        default=1.25, gt=0, description="largest |eigenvalue| of the reservoir's weights"
    )
    input_scaling: float = Field(default=1.0, gt=0, description="scale of w_in and b_res")
    leak_rate: float = Field(default=0.3, gt=0, le=1, description="α: how fast units follow")
    sparsity: float = Field(
        default=0.9, ge=0, lt=1, description="share of reservoir weights that are zero"
    )
    ridge: float = Field(default=1e-6, ge=0, description="λ of the ridge regression")
    washout: int = Field(default=100, ge=0, description="first steps left out of learning")
    seed: int | None = Field(
        default=None, description="seed of the reservoir (default: the run's generator)"
    )


def build_esn(params: EchoStateParams, context: ModelContext) -> EchoStateNetwork:
    rng = context.rng if params.seed is None else np.random.default_rng(params.seed)
    return EchoStateNetwork(
        context.sizes,
        spectral_radius=params.spectral_radius,
        input_scaling=params.input_scaling,
        leak_rate=params.leak_rate,
        sparsity=params.sparsity,
        ridge=params.ridge,
        washout=params.washout,
        dtype=context.dtype,
        rng=rng,
    )


ESN_EXAMPLE = {
    "schema_version": 1,
    "name": "esn-mackey-glass",
    "layers": [{"size": 1}, {"size": 50}, {"size": 1}],
    "model": {"name": "esn", "params": {"washout": 50}},
    "training": {"epochs": 1, "seed": 0},
    "data": {"name": "mackey-glass", "params": {"train": 400, "validation": 100, "test": 0}},
}


@hookimpl
def neurokit_register_models():
    return [
        ModelType(
            "esn",
            build_esn,
            EchoStateParams,
            summary="echo state net: a fixed random leaky-tanh reservoir, a ridge-regression "
            "readout",
            sections=Sections(
                layers=(3, 3),
                neurons=False,
                hand_set=False,
                learning="rule",
                training=frozenset({"epochs", "seed", "dtype"}),
            ),
            example=ESN_EXAMPLE,
        )
    ]
