"""Data sets as the network sees them: x rows of inputs, y rows of desired outputs y(x).

Each split is loaded once into one contiguous array of the training dtype, so the training
loop only gathers rows and never converts.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

SPLITS = ("train", "validation", "test")


@dataclass
class Split:
    """n examples: inputs ``x`` with shape (n, n_1) and desired outputs ``y`` with (n, n_L).

    For sequences ``x`` has shape (n, T, n_1) and ``y`` either (n, T, n_L) (a target at every
    step) or (n, n_L) (one after the last step); see ``neurokit.core.sequences``."""

    x: np.ndarray
    y: np.ndarray

    def __post_init__(self) -> None:
        if self.x.shape[0] != self.y.shape[0]:
            raise ValueError(f"{self.x.shape[0]} inputs but {self.y.shape[0]} desired outputs")

    def __len__(self) -> int:
        return self.x.shape[0]

    def __repr__(self) -> str:
        return f"Split(n={len(self)}, x={self.x.shape} {self.x.dtype}, y={self.y.shape})"

    @property
    def labels(self) -> np.ndarray:
        """The class of each example: argmax of y, or y > 0.5 for a single output."""
        return class_of(self.y)


@dataclass
class Dataset:
    """Named splits ('train', and where available 'validation' and 'test')."""

    name: str
    splits: dict[str, Split]
    class_names: list[str] | None = None
    #: (height, width) when the inputs are images, e.g. (28, 28) for MNIST.
    image_shape: tuple[int, int] | None = None
    notes: dict = field(default_factory=dict)

    def __repr__(self) -> str:
        sizes = ", ".join(f"{k}={len(v)}" for k, v in self.splits.items())
        return f"Dataset({self.name!r}, {sizes}, inputs={self.n_inputs}, outputs={self.n_outputs})"

    @property
    def train(self) -> Split:
        return self.splits["train"]

    @property
    def n_inputs(self) -> int:
        """Inputs per example, or per time step when the examples are sequences."""
        return self.train.x.shape[-1]

    @property
    def n_outputs(self) -> int:
        return self.train.y.shape[-1]

    def split(self, name: str) -> Split:
        from neurokit.core.errors import DataError

        if name not in self.splits:
            have = ", ".join(self.splits)
            raise DataError(f"data set {self.name!r} has no {name!r} split (it has: {have})")
        return self.splits[name]


def class_of(outputs: np.ndarray) -> np.ndarray:
    """Predicted (or desired) class per row: argmax, or output > 0.5 for one output neuron.

    Outputs per time step (n, T, width) give one class per step, flattened to n·T."""
    if outputs.ndim == 3:
        outputs = outputs.reshape(-1, outputs.shape[-1])
    if outputs.shape[1] == 1:
        return (outputs[:, 0] > 0.5).astype(np.int64)
    return outputs.argmax(axis=1)


def one_hot(labels: np.ndarray, n_classes: int, dtype) -> np.ndarray:
    """y(x) as in the lecture: a digit 6 becomes (0, 0, 0, 0, 0, 0, 1, 0, 0, 0)."""
    y = np.zeros((labels.shape[0], n_classes), dtype=dtype)
    y[np.arange(labels.shape[0]), labels] = 1
    return y


def pixels_to_inputs(pixels: np.ndarray, dtype) -> np.ndarray:
    """uint8 pixels 0…255 → x in [0, 1], one contiguous array of ``dtype``."""
    x = np.empty(pixels.shape, dtype=dtype)
    np.divide(pixels, 255, out=x, casting="unsafe")
    return x
