"""From a checked spec to live objects: the model, its cost, its optimizer, its data."""

from __future__ import annotations

import numpy as np

from neurokit.core.components import ModelContext
from neurokit.core.dtypes import DEFAULT_DTYPE
from neurokit.core.errors import DataError
from neurokit.core.model import Model
from neurokit.spec import Spec, model_sections


def build_neurons(spec: Spec, registry) -> list:
    """One built neuron per layer after the input (none for a model that takes no neurons)."""
    return [
        registry.get("neuron", layer.neuron.name).build(layer.neuron.params)
        for layer in spec.layers[1:]
        if layer.neuron is not None
    ]


def build_model(spec: Spec, registry, rng: np.random.Generator | None = None) -> Model:
    """The spec's model, its initial values drawn from ``rng`` (default: one seeded with the
    spec's seed), with every hand-set value the spec gives."""
    training = spec.training
    dtype = training.dtype if training else DEFAULT_DTYPE
    if rng is None:
        rng = np.random.default_rng(training.seed if training else 0)
    sections = model_sections(spec, registry)
    context = ModelContext(
        sizes=spec.sizes,
        neurons=build_neurons(spec, registry) if sections.neurons else [],
        layers=list(spec.layers),
        dtype=dtype,
        rng=rng,
        init=(training.init if training else None) or "normal",
    )
    model_type = registry.get("model", spec.model_name)
    model = model_type.build(spec.model.params if spec.model else None, context)
    model.name = spec.model_name
    return model


#: The feedforward net is the default model; older callers build it by this name.
build_network = build_model


def build_cost(spec: Spec, registry):
    return (
        None if spec.cost is None else registry.get("cost", spec.cost.name).build(spec.cost.params)
    )


def build_optimizer(spec: Spec, registry):
    component = spec.optimizer
    return (
        None
        if component is None
        else registry.get("optimizer", component.name).build(component.params)
    )


def load_dataset(spec: Spec, registry, data_dir=None):
    """The spec's data set, loaded in the spec's dtype."""
    if spec.data is None:
        raise DataError(f"{spec.source}: the spec names no data set ('data')")
    dtype = spec.training.dtype if spec.training else DEFAULT_DTYPE
    descriptor = registry.get("dataset", spec.data.name)
    return descriptor.load(spec.data.params, dtype=dtype, data_dir=data_dir)
