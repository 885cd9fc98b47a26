"""A single-file data set plugin: n-bit parity, every n-bit input with y = 1 when an odd
number of its bits are 1. Parity of 2 bits is XOR; more bits need more hidden neurons.
"""

import itertools

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from neurokit import hookimpl
from neurokit.components import DatasetType
from neurokit.datasets import Dataset, Split


class ParityParams(BaseModel):
    model_config = ConfigDict(extra="forbid")

    bits: int = Field(default=3, ge=1, le=12, description="n, the number of input bits")


def load_parity(params, *, dtype, data_dir=None):
    x = np.array(list(itertools.product([0, 1], repeat=params.bits)), dtype=dtype)
    y = (x.sum(axis=1, keepdims=True) % 2).astype(dtype)
    return Dataset(f"parity-{params.bits}", {"train": Split(x, y)})


@hookimpl
def neurokit_register_datasets():
    return [
        DatasetType(
            "parity",
            load_parity,
            ParityParams,
            summary="all 2^n n-bit inputs; y = 1 when an odd number of bits are 1",
        )
    ]
