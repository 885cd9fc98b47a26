"""The plugin author's import: the public names of ``neurokit.core.components``, kept stable.

Inside the package, code imports ``neurokit.core.components``; plugins import this module.
"""

from neurokit.core.components import (
    ComponentType,
    Cost,
    CostType,
    DatasetType,
    Executor,
    ExecutorType,
    Neuron,
    NeuronType,
    NoParams,
    Optimizer,
    OptimizerType,
)

__all__ = [
    "ComponentType",
    "Cost",
    "CostType",
    "DatasetType",
    "Executor",
    "ExecutorType",
    "Neuron",
    "NeuronType",
    "NoParams",
    "Optimizer",
    "OptimizerType",
]
