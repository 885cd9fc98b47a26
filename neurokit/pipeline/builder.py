"""From a checked spec to live objects: the network, its cost, its optimizer, its data."""

from __future__ import annotations

import numpy as np

from neurokit.core.dtypes import DEFAULT_DTYPE
from neurokit.core.network import Network
from neurokit.spec import Spec


def build_neurons(spec: Spec, registry) -> list:
    return [
        registry.get("neuron", layer.neuron.name).build(layer.neuron.params)
        for layer in spec.layers[1:]
    ]


def build_network(spec: Spec, registry, rng: np.random.Generator | None = None) -> Network:
    """A network with the spec's sizes and neurons, N(0, 1) initial weights from the seed,
    then every hand-set w^l and b^l the spec gives."""
    training = spec.training
    dtype = training.dtype if training else DEFAULT_DTYPE
    seed = training.seed if training else 0
    network = Network(spec.sizes, build_neurons(spec, registry), dtype=dtype, seed=seed, rng=rng)
    for i, layer in enumerate(spec.layers[1:]):
        if layer.weights is not None:
            network.weights[i][...] = np.array(layer.weights, dtype=network.dtype)
        if layer.biases is not None:
            network.biases[i][...] = np.array(layer.biases, dtype=network.dtype)
    return network


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
    dtype = spec.training.dtype if spec.training else DEFAULT_DTYPE
    descriptor = registry.get("dataset", spec.data.name)
    return descriptor.load(spec.data.params, dtype=dtype, data_dir=data_dir)
