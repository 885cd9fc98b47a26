"""The hook that registers ``mgu``: three layers in the spec (inputs per step, hidden units
with the gate's neuron, outputs per step with theirs) and the BPTT options."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from neurokit.components import ModelContext, ModelType, Sections
from neurokit.hookspecs import hookimpl
from neurokit_mgu.cell import MGU


class MGUParams(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    targets: Literal["every_step", "last_step"] = Field(
        default="every_step",
        description="score the output at every step, or only after the last step",
    )
    truncate: int | None = Field(
        default=None, gt=0, description="truncated BPTT: no gradient crosses chunks this long"
    )
    clip: float | None = Field(
        default=None, gt=0, description="clip the gradient's norm to this (exploding gradients)"
    )


def build(params: MGUParams, context: ModelContext) -> MGU:
    n_in, n_hidden, n_out = context.sizes
    return MGU(
        n_in,
        n_hidden,
        n_out,
        context.neurons,
        context.dtype,
        context.rng,
        targets=params.targets,
        truncate=params.truncate,
        clip=params.clip,
    )


#: A spec that trains in a second: the running parity of a bit string.
EXAMPLE = {
    "schema_version": 1,
    "name": "mgu-parity",
    "model": {"name": "mgu", "params": {}},
    "layers": [{"size": 1}, {"size": 4, "neuron": "sigmoid"}, {"size": 1, "neuron": "sigmoid"}],
    "cost": "quadratic",
    "optimizer": {"name": "sgd", "params": {"eta": 2.0}},
    "training": {"epochs": 3, "batch_size": 10, "seed": 1},
    "data": {
        "name": "bit-parity",
        "params": {"train": 40, "validation": 10, "test": 0, "steps": 6},
    },
}


@hookimpl
def neurokit_register_models():
    return [
        ModelType(
            "mgu",
            build,
            MGUParams,
            summary="minimal gated units (one forget gate) and a dense output layer, by BPTT",
            sections=Sections(layers=(3, 3), hand_set=False),
            example=EXAMPLE,
        )
    ]
