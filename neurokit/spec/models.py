"""The Pydantic models of a spec: ``Spec`` and its parts ``Layer``, ``Component``,
``Training`` and ``Data``, with the schema version they describe.

The models check structure only (types, required fields, unknown keys, bounds); what the
names mean is checked against a registry in ``neurokit.spec.checks``.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator

from neurokit.core.dtypes import DEFAULT_DTYPE, DTypeName

SCHEMA_VERSION = 1
#: The model of a spec that names none: the lecture's layered net.
DEFAULT_MODEL = "feedforward"
SCHEMA_ID = f"https://neurokit.invalid/schema/spec-v{SCHEMA_VERSION}.json"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, defer_build=True)


class Component(_Strict):
    """A registered component by name, with the parameters its own params model accepts.

    ``"sigmoid"`` is shorthand for ``{"name": "sigmoid"}``.
    """

    name: str = Field(min_length=1, description="a registered component name")
    params: dict[str, Any] = Field(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, value: Any) -> Any:
        return {"name": value} if isinstance(value, str) else value


class Layer(_Strict):
    """One layer: its size n_l; for l ≥ 2 also its neuron, and optionally hand-set w^l, b^l."""

    size: int = Field(ge=1, description="n_l, the number of neurons")
    neuron: Component | None = Field(
        default=None, description="the neuron of every unit in this layer (not for the input)"
    )
    weights: list[list[float]] | None = Field(
        default=None, description="hand-set w^l as n_l rows of n_(l-1) numbers"
    )
    biases: list[float] | None = Field(default=None, description="hand-set b^l, n_l numbers")


class EarlyStoppingSpec(_Strict):
    """Stop when a validation metric has not improved for ``patience`` epochs."""

    metric: Literal["validation_accuracy", "validation_cost", "validation_rmse", "validation_r2"]
    patience: int = Field(ge=1, description="epochs without improvement before stopping")
    restore_best: bool = Field(default=True, description="put back the best epoch's weights")


class Training(_Strict):
    """How to train: epochs, mini-batch size m, the seed and the dtype."""

    epochs: int = Field(ge=1, description="passes over the training data")
    batch_size: int | None = Field(default=None, ge=1, description="m, examples per mini-batch")
    seed: int = Field(default=0, ge=0, description="seeds initial weights and shuffling")
    dtype: DTypeName = DEFAULT_DTYPE
    backend: Literal["auto", "numpy", "fast"] | None = Field(
        default=None,
        description='"numpy" (the readable path), "fast" (compiled; needs neurokit[fast]) '
        'or "auto" (fast when installed and the components allow); absent means "auto"',
    )
    threads: int | None = Field(
        default=None, ge=1, description="BLAS threads; absent: chosen by the products' shape"
    )
    metrics_rows: int | None = Field(
        default=None,
        ge=1,
        description="score at most this many examples of each split after every epoch "
        "(the first ones); absent: 5,000 training examples and the whole validation split",
    )
    # None (left out) is "normal", so specs that do not choose are written as before.
    init: Literal["normal", "scaled"] | None = Field(
        default=None,
        description="initial weights: N(0, 1) (normal, the default) or N(0, 1/n_in) (scaled)",
    )
    early_stopping: EarlyStoppingSpec | None = Field(
        default=None, description="stop when a validation metric stops improving"
    )


class Data(_Strict):
    """A registered data set by name, with its options."""

    name: str = Field(min_length=1, description="a registered data set name")
    params: dict[str, Any] = Field(default_factory=dict)


class Spec(_Strict):
    """A network (a model, its layers and components) and how to train it."""

    schema_version: int = Field(description=f"must be {SCHEMA_VERSION}")
    name: str = Field(min_length=1, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
    description: str = ""
    model: Component | None = Field(
        default=None, description='a registered model; absent means "feedforward"'
    )
    layers: Annotated[list[Layer], Field(min_length=1)]
    cost: Component | None = None
    optimizer: Component | None = None
    training: Training | None = None
    data: Data | None = None

    #: The file (or "<spec>") this spec was read from, for error messages found later.
    _source: str = PrivateAttr(default="<spec>")

    @field_validator("schema_version")
    @classmethod
    def _known_version(cls, value: int) -> int:
        if value != SCHEMA_VERSION:
            raise ValueError(
                f"unknown schema_version {value}; this neurokit reads version {SCHEMA_VERSION}"
            )
        return value

    def __eq__(self, other: object) -> bool:
        # Two specs are equal when they say the same thing, whichever file they came from.
        if not isinstance(other, Spec):
            return NotImplemented
        return self.__dict__ == other.__dict__

    @property
    def source(self) -> str:
        """The file name this spec came from: errors found later (fit to data) name it."""
        return self._source

    def remember_source(self, source: str) -> None:
        """Record the file name this spec was read from (``parse_spec`` does, once it is valid)."""
        self._source = source

    @property
    def model_name(self) -> str:
        """The model this spec builds: its ``model.name``, or the default ``feedforward``."""
        return self.model.name if self.model is not None else DEFAULT_MODEL

    @property
    def sizes(self) -> list[int]:
        return [layer.size for layer in self.layers]

    def to_json(self) -> str:
        return json.dumps(self.model_dump(mode="json", exclude_none=True), indent=2) + "\n"
