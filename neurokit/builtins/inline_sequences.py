"""Built-in data set ``inline-sequences``: sequences written in the spec itself.

Every sequence is a list of steps, each a list of inputs. ``y`` holds either a list of targets
per step for each sequence, or one target row per sequence (scored after the last step).
Sequences of different lengths need ``padding``: they are padded at the start with that value,
so every sequence ends at the last step.
"""

from __future__ import annotations

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from neurokit.core.components import DatasetType
from neurokit.core.datasets import Dataset, Split
from neurokit.core.errors import DataError
from neurokit.core.hookspecs import hookimpl

Steps = list[list[float]]


class InlineSequences(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, defer_build=True)

    x: list[Steps] = Field(min_length=1, description="input sequences: steps of input rows")
    y: list[Steps] | list[list[float]] = Field(
        min_length=1, description="per step targets for each sequence, or one row per sequence"
    )


class InlineSequenceParams(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, defer_build=True)

    train: InlineSequences
    validation: InlineSequences | None = None
    test: InlineSequences | None = None
    padding: float | None = Field(
        default=None, description="pad shorter sequences at the start with this value"
    )


def _stack(rows: list, path: str, padding: float | None, dtype: str) -> np.ndarray:
    """Sequences → (n, T, width), padded at the start when lengths differ and padding is set."""
    lengths = [len(sequence) for sequence in rows]
    steps = max(lengths)
    widths = {len(step) for sequence in rows for step in sequence}
    if len(widths) != 1:
        raise DataError(f"{path}: every step must have the same number of values")
    if len(set(lengths)) != 1 and padding is None:
        short = lengths.index(min(lengths))
        raise DataError(
            f"{path}[{short}]: has {lengths[short]} step(s) but the longest has {steps}; ragged "
            "sequences need data.params.padding (a value to pad them with at the start)"
        )
    out = np.full((len(rows), steps, widths.pop()), padding or 0.0, dtype=dtype)
    for i, sequence in enumerate(rows):
        if sequence:
            out[i, steps - len(sequence) :] = sequence
    return out


def load_inline_sequences(params: InlineSequenceParams, *, dtype: str, data_dir=None) -> Dataset:
    splits = {}
    for name in ("train", "validation", "test"):
        part = getattr(params, name)
        if part is None:
            continue
        base = f"data.params.{name}"
        x = _stack(part.x, f"{base}.x", params.padding, dtype)
        per_step = isinstance(part.y[0][0], list)
        if per_step:
            y = _stack(part.y, f"{base}.y", params.padding, dtype)
        else:
            y = np.array(part.y, dtype=dtype)
        if len(y) != len(x):
            raise DataError(f"{base}.y: {len(y)} targets for {len(x)} sequences")
        if per_step and y.shape[1] != x.shape[1]:
            raise DataError(f"{base}.y: {y.shape[1]} target steps for {x.shape[1]} input steps")
        splits[name] = Split(x, y)
    return Dataset("inline-sequences", splits)


@hookimpl
def neurokit_register_datasets():
    return [
        DatasetType(
            "inline-sequences",
            load_inline_sequences,
            InlineSequenceParams,
            summary="sequences written in the spec: {'train': {'x': [[[...], ...]], 'y': ...}}",
        )
    ]
