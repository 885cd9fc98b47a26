"""Built-in data set ``colours``: random RGB colours, the classic first data set for a
Kohonen map (three inputs, so the prototypes can be drawn as the colours they are).

Each colour is named after the nearest corner of the RGB cube: black, red, green, yellow,
blue, magenta, cyan or white (each channel rounded to 0 or 1).
"""

from __future__ import annotations

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from neurokit.core.components import DatasetType
from neurokit.core.datasets import Dataset, Split, one_hot
from neurokit.core.hookspecs import hookimpl

#: Corner k of the cube has red = bit 0, green = bit 1, blue = bit 2 of k.
COLOUR_NAMES = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]


class ColoursParams(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)

    count: int = Field(default=500, ge=1, le=100_000, description="training colours")
    test_count: int = Field(default=200, ge=1, le=100_000, description="test colours")
    seed: int = Field(default=0, ge=0, description="seeds the random colours")


def corner_names(rgb: np.ndarray) -> np.ndarray:
    """The class of each colour: the index of its nearest cube corner."""
    bits = (rgb >= 0.5).astype(np.int64)
    return bits[:, 0] + 2 * bits[:, 1] + 4 * bits[:, 2]


def load_colours(params: ColoursParams, *, dtype: str, data_dir=None) -> Dataset:
    rng = np.random.default_rng(params.seed)
    splits = {}
    for name, count in (("train", params.count), ("test", params.test_count)):
        rgb = rng.random((count, 3))
        splits[name] = Split(rgb.astype(dtype), one_hot(corner_names(rgb), 8, dtype))
    return Dataset("colours", splits, class_names=list(COLOUR_NAMES))


@hookimpl
def neurokit_register_datasets():
    return [
        DatasetType(
            "colours",
            load_colours,
            ColoursParams,
            summary="random RGB colours named by the nearest of 8 cube corners (SOM demos)",
        )
    ]
