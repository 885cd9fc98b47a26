"""Built-in data set ``inline``: examples written in the spec itself (small demos, tests)."""

from __future__ import annotations

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, model_validator

from neurokit.core.components import DatasetType
from neurokit.core.datasets import Dataset, Split
from neurokit.core.hookspecs import hookimpl


class InlineSplit(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, defer_build=True)

    x: list[list[float]] = Field(min_length=1, description="input rows")
    y: list[list[float]] = Field(min_length=1, description="desired output rows")

    @model_validator(mode="after")
    def _rectangular(self):
        for key in ("x", "y"):
            rows = getattr(self, key)
            if len({len(row) for row in rows}) != 1:
                raise ValueError(f"every row of {key} must have the same length")
        if len(self.x) != len(self.y):
            raise ValueError(f"{len(self.x)} rows of x but {len(self.y)} rows of y")
        return self


class InlineParams(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)

    train: InlineSplit
    validation: InlineSplit | None = None
    test: InlineSplit | None = None


def load_inline(params: InlineParams, *, dtype: str, data_dir=None) -> Dataset:
    splits = {}
    for name in ("train", "validation", "test"):
        part = getattr(params, name)
        if part is not None:
            splits[name] = Split(np.array(part.x, dtype=dtype), np.array(part.y, dtype=dtype))
    return Dataset("inline", splits)


@hookimpl
def neurokit_register_datasets():
    return [
        DatasetType(
            "inline",
            load_inline,
            InlineParams,
            summary="examples written in the spec: {'train': {'x': [...], 'y': [...]}}",
        )
    ]
