"""Built-in data set ``digit-patterns``: a handful of MNIST digits from the embedded sample,
binarised to ±1 (s = +1 where pixel / 255 ≥ threshold, else −1), for a Hopfield net to store.

The net recalls what it stored, so every split holds the same patterns and y = x: recall is
measured by corrupting them (``neurokit evaluate``, ``neurokit predict --noise``).
"""

from __future__ import annotations

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from neurokit.core.components import DatasetType
from neurokit.core.datasets import Dataset, Split
from neurokit.core.hookspecs import hookimpl


class PatternParams(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)

    digits: list[int] = Field(
        default=[0, 1, 2, 3, 4],
        min_length=1,
        max_length=10,
        description="which digits to store, one pattern each",
    )
    threshold: float = Field(default=0.5, gt=0, lt=1, description="ink where pixel/255 ≥ this")
    example: int = Field(default=0, ge=0, le=99, description="which example of each digit")


def binarise(inputs: np.ndarray, threshold: float) -> np.ndarray:
    """±1: +1 where the input is at least ``threshold``, else −1."""
    return np.where(inputs >= threshold, 1.0, -1.0)


def load_patterns(params: PatternParams, *, dtype: str, data_dir=None) -> Dataset:
    from neurokit.data.sample import load_mnist_sample

    images, labels = load_mnist_sample()["train"]
    rows = []
    for digit in params.digits:
        if not 0 <= digit <= 9:
            raise ValueError(f"digits are 0 to 9, got {digit}")
        rows.append(np.flatnonzero(labels == digit)[params.example])
    x = binarise(images[rows].astype(np.float64) / 255, params.threshold).astype(dtype)
    split = Split(x, x.copy())
    return Dataset(
        "digit-patterns",
        {"train": split, "test": split},
        class_names=[str(d) for d in params.digits],
        image_shape=(28, 28),
    )


@hookimpl
def neurokit_register_datasets():
    return [
        DatasetType(
            "digit-patterns",
            load_patterns,
            PatternParams,
            summary="a few MNIST sample digits as ±1 patterns (Hopfield storage and recall)",
        )
    ]
