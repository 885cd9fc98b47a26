"""The plugin author's import: the public names of ``neurokit.core.datasets``, kept stable.

Inside the package, code imports ``neurokit.core.datasets``; plugins import this module.
"""

from neurokit.core.datasets import (
    SPLITS,
    Dataset,
    Split,
    class_of,
    one_hot,
    pixels_to_inputs,
)

__all__ = [
    "SPLITS",
    "Dataset",
    "Split",
    "class_of",
    "one_hot",
    "pixels_to_inputs",
]
