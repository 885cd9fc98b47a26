"""What every check works with: ``CheckFailure``, ``Check``, the ``CheckContext`` a check
function receives, and the helpers the checks of every kind share (tolerances, warnings,
formatting numbers for messages)."""

from __future__ import annotations

import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from neurokit.core.components import ComponentType
from neurokit.pipeline.registry import Registry

#: Tolerance of an analytic derivative against a central finite difference.
ATOL, RTOL = 1e-6, 1e-4


class CheckFailure(AssertionError):
    """A component failed one conformance check; the message says where and by how much."""

    def __init__(self, check: str, subject: str, message: str):
        self.check = check
        self.subject = subject
        super().__init__(f"{check} failed for {subject}: {message}")


@dataclass(frozen=True)
class Check:
    """One conformance check bound to one component; call it to run it."""

    name: str
    subject: str
    function: Callable[[], None] = field(repr=False, compare=False)
    id: str = ""

    def __call__(self) -> None:
        self.function()

    def __repr__(self) -> str:
        return f"<Check {self.name} of {self.subject}>"


@dataclass
class CheckContext:
    """What a check function works with: the registry, the descriptor, how to build it."""

    registry: Registry
    descriptor: ComponentType
    given_params: Mapping | None
    check: str
    subject: str

    def fail(self, message: str) -> CheckFailure:
        return CheckFailure(self.check, self.subject, message)

    def params(self) -> dict:
        if self.given_params is not None:
            return dict(self.given_params)
        # A model's example spec may set its params (an RBF net trained by gradients): the
        # kit then checks the model the example describes.
        example = getattr(self.descriptor, "example", None) or {}
        section = example.get("model")
        if isinstance(section, dict) and isinstance(section.get("params"), dict):
            return dict(section["params"])
        return example_params(self.descriptor.params, self.fail)

    def build(self):
        try:
            return self.descriptor.build(self.params())
        except CheckFailure:
            raise
        except Exception as exc:  # noqa: BLE001 - any failure to build is this check's finding
            raise self.fail(
                f"building it with params {self.params()} raised {type(exc).__name__}: {exc}"
            ) from exc


def example_params(model: type[BaseModel], fail: Callable[[str], Exception]) -> dict:
    """Params to build a component with: each field's default, else its first example."""
    params = {}
    for key, info in model.model_fields.items():
        if info.default is not PydanticUndefined or info.default_factory is not None:
            continue
        if info.examples:
            params[key] = info.examples[0]
            continue
        raise fail(
            f"param {key!r} has no default and no example, so the kit cannot build the "
            f"component; give it Field(examples=[...]) or pass params={{name: {{...}}}}"
        )
    return params


def one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def quietly(ctx: CheckContext, what: str, function: Callable[[], Any]) -> Any:
    """Run ``function`` and fail if NumPy (or anything) warned."""
    with (
        warnings.catch_warnings(record=True) as caught,
        np.errstate(over="warn", divide="warn", invalid="warn", under="ignore"),
    ):
        warnings.simplefilter("always")
        result = function()
    if caught:
        raise ctx.fail(
            f"{what}: expected no warnings, got {caught[0].category.__name__}: {caught[0].message}"
        )
    return result


def missing_methods(obj, names: tuple[str, ...]) -> list[str]:
    """The names in ``names`` that ``obj`` has no callable attribute for."""
    return [name for name in names if not callable(getattr(obj, name, None))]


def fmt(value) -> str:
    array = np.asarray(value)
    if array.ndim == 0:
        return f"{float(array):.6g}"
    return np.array2string(array, precision=6, separator=", ")
