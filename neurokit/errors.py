"""The plugin author's import: the public names of ``neurokit.core.errors``, kept stable.

Inside the package, code imports ``neurokit.core.errors``; plugins import this module.
"""

from neurokit.core.errors import (
    DataError,
    ModelFileError,
    NeurokitError,
    PluginError,
    Problem,
    SpecError,
    TrainingError,
)

__all__ = [
    "DataError",
    "ModelFileError",
    "NeurokitError",
    "PluginError",
    "Problem",
    "SpecError",
    "TrainingError",
]
