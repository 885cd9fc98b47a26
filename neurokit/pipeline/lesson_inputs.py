"""What the gradient lessons (gradcheck, why-backprop) take from a spec: its net in float64,
a cost, and examples.

The lessons themselves work on objects passed in; building them from a spec and the
registry happens here, in the pipeline, so the lessons import only the core.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from neurokit.core.components import Cost
from neurokit.core.errors import NeurokitError
from neurokit.core.model import Model
from neurokit.core.network import Network
from neurokit.pipeline import builder
from neurokit.pipeline.registry import Registry
from neurokit.spec import Spec

#: The cost a spec without one is checked with (the lecture's C = ½‖y − a‖²).
FALLBACK_COST = "quadratic"


@dataclass
class GradientSetup:
    """A float64 network (the spec's own weights when it sets them), its cost, and a note
    saying when the cost was not the spec's."""

    network: Network
    cost: Cost
    note: str = ""


def feedforward_network(model: Model, spec: Spec) -> Network:
    """``model`` as the layered feedforward ``Network`` the lessons trace, or a one-line
    refusal naming the spec's model."""
    if not isinstance(model, Network):
        raise NeurokitError(
            f"{spec.source}: model {spec.model_name!r} is not a layered feedforward net; "
            "the gradient lessons trace backprop through one"
        )
    return model


def float64_setup(spec: Spec, registry: Registry) -> GradientSetup:
    """The spec's net in float64 (rounding in float32 swamps a finite difference) and its
    cost, or the quadratic cost when the spec names none. The spec is left unchanged."""
    spec = spec.model_copy(deep=True)
    if spec.training is not None:
        spec.training.dtype = "float64"
    network = feedforward_network(builder.build_model(spec, registry), spec)
    cost = builder.build_cost(spec, registry)
    if cost is not None:
        return GradientSetup(network, cost)
    fallback = registry.get("cost", FALLBACK_COST).build()
    return GradientSetup(network, fallback, f"the spec has no cost: checked with {FALLBACK_COST}")


def float64_model_setup(spec: Spec, registry: Registry) -> tuple[Model, Cost, str]:
    """Any model of a spec in float64, its cost (or the quadratic one), and a note when the
    cost was not the spec's."""
    spec = spec.model_copy(deep=True)
    if spec.training is not None:
        spec.training.dtype = "float64"
    model = builder.build_model(spec, registry)
    cost = builder.build_cost(spec, registry)
    if cost is not None:
        return model, cost, ""
    fallback = registry.get("cost", FALLBACK_COST).build()
    return model, fallback, f"the spec has no cost: checked with {FALLBACK_COST}"


def spec_examples(
    spec: Spec, registry: Registry, count: int, data_dir=None, seed: int = 0
) -> tuple[np.ndarray, np.ndarray, str]:
    """The first ``count`` training examples of the spec's data set, or random ones in
    [0, 1) when the spec names no data set. Returns (x, y, where they came from)."""
    from neurokit.lessons.gradcheck import random_examples

    if spec.data is None:
        x, y = random_examples(spec.sizes[0], spec.sizes[-1], count, seed)
        return x, y, f"{count} random examples"
    train = builder.load_dataset(spec, registry, data_dir).train
    count = min(count, len(train))
    return (
        train.x[:count],
        train.y[:count],
        f"the first {count} training examples of {spec.data.name}",
    )
