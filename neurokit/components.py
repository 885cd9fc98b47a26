"""The plugin author's import: the public names of ``neurokit.core.components``, kept stable.

Inside the package, code imports ``neurokit.core.components``; plugins import this module.
"""

from neurokit.core.components import (
    CommandType,
    ComponentType,
    Cost,
    CostType,
    DatasetType,
    Executor,
    ExecutorType,
    ModelContext,
    ModelType,
    Neuron,
    NeuronType,
    NoParams,
    Optimizer,
    OptimizerType,
    Sections,
)

__all__ = [
    "Sections",
    "ModelType",
    "ModelContext",
    "CommandType",
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
