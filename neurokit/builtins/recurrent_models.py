"""Built-in recurrent models trained by backpropagation through time: ``elman``, ``jordan``,
``lstm`` and ``gru``, and the time-delay net ``tdnn``.

Each reads three layers from the spec — inputs per step, hidden units with their neuron (the
units' σ for elman, jordan and tdnn; the gates' σ for lstm and gru, whose squash is tanh as in
PyTorch) and outputs per step with their neuron — and trains with any registered cost and
optimizer.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from neurokit.core.components import ModelContext, ModelType, Sections
from neurokit.core.elman import Elman
from neurokit.core.gru import GRU
from neurokit.core.hookspecs import hookimpl
from neurokit.core.jordan import Jordan
from neurokit.core.lstm import LSTM
from neurokit.core.tdnn import TimeDelay


class RecurrentParams(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, defer_build=True)

    targets: Literal["every_step", "last_step"] = Field(
        default="every_step",
        description="score the output at every step, or only after the last step",
    )
    truncate: int | None = Field(
        default=None,
        gt=0,
        description="truncated BPTT: no gradient flows back across chunks of this many steps "
        "(default: the whole sequence)",
    )
    clip: float | None = Field(
        default=None, gt=0, description="clip the gradient's norm to this (exploding gradients)"
    )


#: Three layers: inputs per step, hidden units, outputs per step; weights drawn, never hand-set.
RECURRENT_SECTIONS = Sections(layers=(3, 3), hand_set=False)


class TimeDelayParams(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, defer_build=True)

    targets: Literal["every_step", "last_step"] = Field(
        default="every_step",
        description="score the output at every step, or only after the last step",
    )
    delays: int = Field(default=3, ge=1, description="D: the window of past inputs each step sees")
    clip: float | None = Field(
        default=None, gt=0, description="clip the gradient's norm to this (exploding gradients)"
    )


def build_tdnn(params: TimeDelayParams, context: ModelContext) -> TimeDelay:
    n_in, n_hidden, n_out = context.sizes
    return TimeDelay(
        n_in,
        n_hidden,
        n_out,
        context.neurons,
        context.dtype,
        context.rng,
        delays=params.delays,
        targets=params.targets,
        clip=params.clip,
    )


def _cell_builder(cls):
    def build(params: RecurrentParams, context: ModelContext):
        n_in, n_hidden, n_out = context.sizes
        return cls(
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

    return build


def example_spec(name: str, hidden_neuron: str = "sigmoid") -> dict:
    """A small spec on the parity stream (parity so far at every step): trains in a second."""
    return {
        "schema_version": 1,
        "name": f"{name}-parity",
        "layers": [
            {"size": 1},
            {"size": 4, "neuron": hidden_neuron},
            {"size": 1, "neuron": "sigmoid"},
        ],
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
    cells = [
        ("elman", Elman, "Elman's net: hidden activations fed back as context, trained by BPTT"),
        ("lstm", LSTM, "long short-term memory cells and a dense output layer, trained by BPTT"),
        ("gru", GRU, "gated recurrent units and a dense output layer, trained by BPTT"),
        ("jordan", Jordan, "Jordan's net: the previous output fed back as state, trained by BPTT"),
    ]
    return [
        ModelType(
            name,
            _cell_builder(cls),
            RecurrentParams,
            summary=summary,
            sections=RECURRENT_SECTIONS,
            example=example_spec(name),
        )
        for name, cls, summary in cells
    ] + [
        ModelType(
            "tdnn",
            build_tdnn,
            TimeDelayParams,
            summary="time-delay net: weights shared over a window of past inputs, then a "
            "dense layer",
            sections=RECURRENT_SECTIONS,
            example=example_spec("tdnn"),
        )
    ]
