"""Built-in data set ``gates``: the truth table of a logic gate, e.g. XOR's four rows.

``{"name": "gates", "params": {"gate": "xor"}}`` gives x = (0,0), (0,1), (1,0), (1,1) and
y = 0, 1, 1, 0 as the training split. ``adder`` has two outputs per row: (sum, carry).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from neurokit.core.components import DatasetType
from neurokit.core.datasets import Dataset, Split
from neurokit.core.hookspecs import hookimpl
from neurokit.core.logic import LOGIC, output_names, truth_table

#: The gates the logic table knows, so the JSON Schema and errors list every choice.
GateName = Literal[tuple(LOGIC)]  # type: ignore[valid-type]


class GatesParams(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)

    # the Literal is built at run time from LOGIC, which a static checker cannot follow
    gate: GateName = Field(  # type: ignore[valid-type]
        description="which truth table: " + ", ".join(LOGIC)
    )

    @field_validator("gate", mode="before")
    @classmethod
    def _any_case(cls, value):
        # "XOR" and "Nand" are what people write in prose; accept them.
        return value.lower() if isinstance(value, str) else value


def load_gates(params: GatesParams, *, dtype: str, data_dir=None) -> Dataset:
    x, y = truth_table(params.gate)
    split = Split(x.astype(dtype), y.astype(dtype))
    names = list(output_names(params.gate))
    return Dataset(
        f"gates-{params.gate}",
        {"train": split},
        notes={"gate": params.gate, "outputs": names},
    )


@hookimpl
def neurokit_register_datasets():
    return [
        DatasetType(
            "gates",
            load_gates,
            GatesParams,
            summary="truth table of a logic gate: {'gate': 'xor'} (and, or, nand, nor, ...)",
        )
    ]
