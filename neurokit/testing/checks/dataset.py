"""The checks of a data set: it loads, with a train split of finite 2-D arrays in the asked
dtype."""

from __future__ import annotations

import numpy as np

from neurokit.testing.checks.base import CheckContext, CheckFailure


def check_dataset_loads(ctx: CheckContext) -> None:
    """``load`` returns a Dataset with a train split; x, y are 2-D, finite, in the asked dtype."""
    from neurokit.core.components import DatasetType
    from neurokit.core.datasets import Dataset

    descriptor = ctx.descriptor
    assert isinstance(descriptor, DatasetType)  # KIND_CHECKS gives these checks data sets only
    for dtype in ("float32", "float64"):
        try:
            dataset = descriptor.load(ctx.params(), dtype=dtype)
        except CheckFailure:
            raise
        except Exception as exc:  # noqa: BLE001
            raise ctx.fail(f"load(dtype={dtype!r}) raised {type(exc).__name__}: {exc}") from exc
        if not isinstance(dataset, Dataset) or "train" not in dataset.splits:
            raise ctx.fail(
                f"load(dtype={dtype!r}): expected a Dataset with a 'train' split, got {dataset!r}"
            )
        for split_name, split in dataset.splits.items():
            for part in ("x", "y"):
                array = getattr(split, part)
                where = f"load(dtype={dtype!r}).splits[{split_name!r}].{part}"
                if array.ndim != 2 or array.dtype != np.dtype(dtype) or len(array) == 0:
                    raise ctx.fail(
                        f"{where}: expected a non-empty 2-D {dtype} array, got "
                        f"shape {array.shape} {array.dtype.name}"
                    )
                if not np.all(np.isfinite(array)):
                    raise ctx.fail(f"{where}: expected finite numbers, got NaN or infinity")
            if split.x.shape[1] != dataset.n_inputs or split.y.shape[1] != dataset.n_outputs:
                raise ctx.fail(
                    f"split {split_name!r}: expected {dataset.n_inputs} inputs and "
                    f"{dataset.n_outputs} outputs like 'train', got "
                    f"{split.x.shape[1]} and {split.y.shape[1]}"
                )


DATASET_CHECKS = [check_dataset_loads]
