"""Built-in data sets: ``mnist-sample`` (embedded), ``mnist`` and ``fashion-mnist`` (IDX files).

x is the 784 pixels scaled to [0, 1] (pixel / 255), y the one-hot 10-vector, as in the lecture.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from neurokit.core.components import DatasetType
from neurokit.core.datasets import Dataset, Split, one_hot, pixels_to_inputs
from neurokit.core.hookspecs import hookimpl

DIGITS = [str(d) for d in range(10)]
FASHION_CLASSES = [
    "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
    "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
]  # fmt: skip


class ImageDataParams(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)

    train_limit: int | None = Field(
        default=None, ge=1, description="use only the first N training images (quick runs)"
    )


def to_dataset(name, raw_splits, params: ImageDataParams, dtype, class_names) -> Dataset:
    """uint8 images and labels per split → a ``Dataset`` of x in [0, 1] and one-hot y."""
    splits = {}
    for split_name, (images, labels) in raw_splits.items():
        if split_name == "train" and params.train_limit is not None:
            images, labels = images[: params.train_limit], labels[: params.train_limit]
        splits[split_name] = Split(pixels_to_inputs(images, dtype), one_hot(labels, 10, dtype))
    return Dataset(name, splits, class_names=class_names, image_shape=(28, 28))


def load_sample(params, *, dtype, data_dir=None) -> Dataset:
    from neurokit.data.sample import load_mnist_sample

    return to_dataset("mnist-sample", load_mnist_sample(), params, dtype, DIGITS)


def load_mnist(params, *, dtype, data_dir=None, splits=None) -> Dataset:
    from neurokit.data.locate import load_idx_splits

    raw = load_idx_splits("mnist", data_dir, splits=splits)
    return to_dataset("mnist", raw, params, dtype, DIGITS)


def load_fashion(params, *, dtype, data_dir=None, splits=None) -> Dataset:
    from neurokit.data.locate import load_idx_splits

    raw = load_idx_splits("fashion-mnist", data_dir, splits=splits)
    return to_dataset("fashion-mnist", raw, params, dtype, FASHION_CLASSES)


@hookimpl
def neurokit_register_datasets():
    return [
        DatasetType(
            "mnist-sample",
            load_sample,
            ImageDataParams,
            summary="5,000 real MNIST digits shipped with neurokit (4,000/500/500)",
        ),
        DatasetType(
            "mnist",
            load_mnist,
            ImageDataParams,
            summary="full MNIST from IDX files (50,000/10,000/10,000); neurokit data download",
        ),
        DatasetType(
            "fashion-mnist",
            load_fashion,
            ImageDataParams,
            summary="Fashion-MNIST from IDX files (50,000/10,000/10,000)",
        ),
    ]
