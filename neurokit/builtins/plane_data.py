"""Built-in data set ``plane``: two-class points in the plane, drawn from a seed.

The playground's data sets (the TensorFlow Playground's kinds, plus the gates): ``xor``,
``circles``, ``spiral``, ``blobs`` and the gates ``and``, ``or``, ``nand``, ``nor`` as four
noisy clusters at the truth table's corners. x is a point (x_1, x_2), y is one output: 1 for
the first class, 0 for the other. The same params give the same points on every machine, so
a spec naming ``plane`` is a complete, reproducible record of the data it trained on.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from neurokit.core.components import DatasetType
from neurokit.core.datasets import Dataset, Split
from neurokit.core.hookspecs import hookimpl
from neurokit.core.logic import truth_table

SHAPES = ("xor", "circles", "spiral", "blobs", "and", "or", "nand", "nor")
Shape = Literal["xor", "circles", "spiral", "blobs", "and", "or", "nand", "nor"]


class PlaneParams(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, defer_build=True)

    shape: Shape = Field("xor", description="which points: " + ", ".join(SHAPES))
    n: int = Field(200, ge=4, le=5000, description="number of points, train and validation")
    noise: float = Field(0.1, ge=0.0, le=1.0, description="spread of the points")
    seed: int = Field(0, ge=0, description="seed of the points' generator")
    validation: float = Field(
        0.25, ge=0.0, lt=1.0, description="fraction of the points held out for validation"
    )


def _corners(gate: str, n: int, noise: float, rng: np.random.Generator):
    """Noisy copies of a gate's truth table: points near (0,0), (0,1), (1,0), (1,1)."""
    table_x, table_y = truth_table(gate)
    corner = rng.integers(0, len(table_x), size=n)
    x = table_x[corner] + rng.normal(0.0, noise * 0.5, size=(n, 2))
    return x, table_y[corner][:, :1]


def _circles(n: int, noise: float, rng: np.random.Generator):
    """Class 1 inside radius 0.5, class 0 on a ring from 0.7 to 1."""
    label = rng.integers(0, 2, size=n)
    radius = np.where(label == 1, rng.uniform(0, 0.5, n), rng.uniform(0.7, 1.0, n))
    angle = rng.uniform(0, 2 * np.pi, n)
    x = np.stack([radius * np.cos(angle), radius * np.sin(angle)], axis=1)
    return x + rng.normal(0, noise * 0.5, size=(n, 2)), label[:, None].astype(float)


def _spiral(n: int, noise: float, rng: np.random.Generator):
    """Two arms r = t, angle = 1.75·2π·t (+π for the second), t from 0 to 1."""
    label = rng.integers(0, 2, size=n)
    t = rng.uniform(0.05, 1.0, n)
    angle = 1.75 * 2 * np.pi * t + np.pi * label
    x = np.stack([t * np.sin(angle), t * np.cos(angle)], axis=1)
    return x + rng.normal(0, noise * 0.5, size=(n, 2)), label[:, None].astype(float)


def _blobs(n: int, noise: float, rng: np.random.Generator):
    """Two Gaussian clouds centred at (0.5, 0.5) (class 1) and (−0.5, −0.5) (class 0)."""
    label = rng.integers(0, 2, size=n)
    centre = np.where(label[:, None] == 1, 0.5, -0.5)
    x = centre + rng.normal(0, 0.15 + noise, size=(n, 2))
    return x, label[:, None].astype(float)


def plane_points(params: PlaneParams) -> tuple[np.ndarray, np.ndarray]:
    """All ``n`` points (x, y) of ``params``, before the train/validation split."""
    rng = np.random.default_rng(params.seed)
    if params.shape == "circles":
        return _circles(params.n, params.noise, rng)
    if params.shape == "spiral":
        return _spiral(params.n, params.noise, rng)
    if params.shape == "blobs":
        return _blobs(params.n, params.noise, rng)
    return _corners(params.shape, params.n, params.noise, rng)


def load_plane(params: PlaneParams, *, dtype: str, data_dir=None) -> Dataset:
    x, y = plane_points(params)
    held_out = int(round(params.n * params.validation))
    cut = params.n - held_out
    splits = {"train": Split(x[:cut].astype(dtype), y[:cut].astype(dtype))}
    if held_out:
        splits["validation"] = Split(x[cut:].astype(dtype), y[cut:].astype(dtype))
    return Dataset(f"plane-{params.shape}", splits, notes={"shape": params.shape})


@hookimpl
def neurokit_register_datasets():
    return [
        DatasetType(
            "plane",
            load_plane,
            PlaneParams,
            summary="two-class points in the plane: {'shape': 'spiral', 'n': 200, 'seed': 0}",
        )
    ]
