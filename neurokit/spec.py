"""The JSON spec of a network and its training: Pydantic models, loading and checking.

Checking happens in two passes, and every problem of both is reported at once:
1. structure (``Spec.model_validate``): types, required fields, unknown keys;
2. meaning (``check_spec``): component names against the registry, each component's params
   against its own model, shapes of hand-set weights, memory, perceptrons and backprop.

Loading a spec never runs code: it is pure data.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from neurokit.errors import NeurokitError, Problem, SpecError

SCHEMA_VERSION = 1
SCHEMA_ID = f"https://neurokit.invalid/schema/spec-v{SCHEMA_VERSION}.json"
#: Refuse nets whose parameters alone would take more than this (bytes).
MAX_PARAMETER_BYTES = 4 * 1024**3


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)


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


class Training(_Strict):
    """How to train: epochs, mini-batch size m, the seed and the dtype."""

    epochs: int = Field(ge=1, description="passes over the training data")
    batch_size: int = Field(ge=1, description="m, examples per mini-batch")
    seed: int = Field(default=0, ge=0, description="seeds initial weights and shuffling")
    dtype: Literal["float64", "float32"] = "float64"


class Data(_Strict):
    """A registered data set by name, with its options."""

    name: str = Field(min_length=1, description="a registered data set name")
    params: dict[str, Any] = Field(default_factory=dict)


class Spec(_Strict):
    """A network and how to train it."""

    schema_version: int = Field(description=f"must be {SCHEMA_VERSION}")
    name: str = Field(min_length=1, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
    description: str = ""
    layers: Annotated[list[Layer], Field(min_length=2)]
    cost: Component | None = None
    optimizer: Component | None = None
    training: Training | None = None
    data: Data | None = None

    @field_validator("schema_version")
    @classmethod
    def _known_version(cls, value: int) -> int:
        if value != SCHEMA_VERSION:
            raise ValueError(
                f"unknown schema_version {value}; this neurokit reads version {SCHEMA_VERSION}"
            )
        return value

    @property
    def sizes(self) -> list[int]:
        return [layer.size for layer in self.layers]

    def to_json(self) -> str:
        return json.dumps(self.model_dump(mode="json", exclude_none=True), indent=2) + "\n"


# --- loading ------------------------------------------------------------------------------


def load_spec(path: str | Path, registry=None) -> Spec:
    """Read, parse and check a spec file; raise ``SpecError`` listing every problem."""
    path = Path(path)
    source = path.name
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise NeurokitError(f"{path}: no such spec file") from None
    except IsADirectoryError:
        raise NeurokitError(f"{path}: is a directory, not a spec file") from None
    except OSError as exc:
        raise NeurokitError(f"{path}: cannot read: {exc.strerror}") from None
    return parse_spec(raw, registry, source=source)


def parse_spec(raw: bytes | str | dict, registry=None, *, source: str = "<spec>") -> Spec:
    """Parse JSON text (or an already-parsed dict) into a checked ``Spec``."""
    data = raw if isinstance(raw, dict) else _parse_json(raw, source)
    if not isinstance(data, dict):
        raise SpecError(
            [Problem("", f"the top level must be a JSON object, got {_json_type(data)}")],
            source,
        )
    try:
        spec = Spec.model_validate(data)
    except ValidationError as exc:
        raise SpecError(problems_from_validation(exc), source) from None
    if registry is not None:
        problems = check_spec(spec, registry)
        if problems:
            raise SpecError(problems, source)
    return spec


def _parse_json(raw: bytes | str, source: str) -> Any:
    if isinstance(raw, bytes):
        if raw.startswith(b"\xef\xbb\xbf"):
            raise SpecError(
                [Problem("", "file starts with a UTF-8 byte-order mark; save it without one")],
                source,
            )
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise SpecError(
                [Problem("", f"not UTF-8 text (byte {exc.start}); save it as UTF-8 JSON")], source
            ) from None
    if not raw.strip():
        raise SpecError([Problem("", "file is empty; a spec is a JSON object")], source)
    try:
        return json.loads(raw, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise SpecError(
            [Problem("", f"line {exc.lineno}, column {exc.colno}: {_json_hint(exc, raw)}")],
            source,
        ) from None
    except ValueError as exc:
        raise SpecError([Problem("", str(exc))], source) from None


def _reject_constant(name: str) -> float:
    raise ValueError(f"{name} is not valid JSON; write a finite number")


def _json_hint(exc: json.JSONDecodeError, text: str) -> str:
    rest = text[exc.pos :].lstrip()
    if exc.msg.startswith("Expecting property name") or (
        exc.msg.startswith("Expecting value") and rest[:1] in ("]", "}")
    ):
        return f"invalid JSON: {exc.msg} (is there a trailing comma?)"
    return f"invalid JSON: {exc.msg}"


def _json_type(value: Any) -> str:
    names = {list: "a list", str: "a string", int: "a number", float: "a number", bool: "a boolean"}
    return names.get(type(value), "null" if value is None else type(value).__name__)


# --- error paths --------------------------------------------------------------------------


def format_path(loc: tuple) -> str:
    """('layers', 1, 'neuron') → 'layers[1].neuron'."""
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else str(part)
    return path


def problems_from_validation(exc: ValidationError, prefix: tuple = ()) -> list[Problem]:
    """Turn Pydantic's errors into one ``Problem`` per error with a readable path."""
    problems = []
    for error in exc.errors(include_url=False):
        loc = tuple(part for part in error["loc"] if not _is_union_tag(part))
        problems.append(Problem(format_path(prefix + loc), _friendly(error)))
    return problems


def _is_union_tag(part: Any) -> bool:
    # Pydantic inserts model/type names into paths of union members; users never wrote them.
    return isinstance(part, str) and (part.startswith("function-") or part in ("Component",))


def _friendly(error: dict) -> str:
    kind = error["type"]
    if kind == "extra_forbidden":
        return "unknown key"
    if kind == "missing":
        return "required field is missing"
    if kind == "model_type":
        return f"must be a JSON object, got {_json_type(error.get('input'))}"
    if kind in ("int_from_float", "int_parsing", "int_type"):
        return f"must be a whole number, got {json.dumps(error.get('input'))}"
    if kind == "value_error":
        return str(error["ctx"]["error"]) if "ctx" in error else error["msg"]
    if kind == "finite_number":
        return "must be a finite number"
    return error["msg"][0].lower() + error["msg"][1:]


# --- meaning ------------------------------------------------------------------------------


def check_spec(spec: Spec, registry) -> list[Problem]:
    """Every problem a registry-aware reading of ``spec`` finds (empty when it is valid)."""
    problems: list[Problem] = []
    problems += _check_memory(spec)
    for i, layer in enumerate(spec.layers):
        problems += _check_layer(spec, i, layer, registry)
    for field in ("cost", "optimizer"):
        component = getattr(spec, field)
        if component is not None:
            problems += check_component(registry, field, component.name, component.params, field)
    if spec.data is not None:
        problems += check_component(registry, "dataset", spec.data.name, spec.data.params, "data")
    if spec.training is not None:
        problems += _check_trainable(spec, registry)
    return problems


def _check_memory(spec: Spec) -> list[Problem]:
    from neurokit.network import parameter_bytes

    dtype = spec.training.dtype if spec.training else "float64"
    needed = parameter_bytes(spec.sizes, dtype)
    if needed <= MAX_PARAMETER_BYTES:
        return []
    return [
        Problem(
            "layers",
            f"the weights and biases alone would need {_human_bytes(needed)} "
            f"(limit {_human_bytes(MAX_PARAMETER_BYTES)}); use smaller layers",
        )
    ]


def _check_layer(spec: Spec, i: int, layer: Layer, registry) -> list[Problem]:
    path = f"layers[{i}]"
    if i == 0:
        extra = [k for k in ("neuron", "weights", "biases") if getattr(layer, k) is not None]
        return [
            Problem(f"{path}.{key}", "the input layer has no neurons, weights or biases")
            for key in extra
        ]
    problems = []
    if layer.neuron is None:
        problems.append(Problem(f"{path}.neuron", "required field is missing"))
    else:
        problems += check_component(
            registry, "neuron", layer.neuron.name, layer.neuron.params, f"{path}.neuron"
        )
    n_in, n_out = spec.layers[i - 1].size, layer.size
    if layer.weights is not None:
        shape = (len(layer.weights), *{len(row) for row in layer.weights})
        if shape != (n_out, n_in):
            problems.append(
                Problem(
                    f"{path}.weights",
                    f"must be {n_out} rows of {n_in} numbers (n_l × n_(l-1)), "
                    f"got {_describe_rows(layer.weights)}",
                )
            )
    if layer.biases is not None and len(layer.biases) != n_out:
        problems.append(
            Problem(f"{path}.biases", f"must have {n_out} numbers, got {len(layer.biases)}")
        )
    return problems


def _describe_rows(rows: list[list[float]]) -> str:
    lengths = sorted({len(row) for row in rows})
    return f"{len(rows)} rows of {'/'.join(map(str, lengths)) or 0} numbers"


def check_component(registry, kind: str, name: str, params: dict, path: str) -> list[Problem]:
    """Check a component name against the registry and its params against its own model."""
    from neurokit.errors import PluginError

    try:
        descriptor = registry.get(kind, name)
    except PluginError as exc:
        return [Problem(path, str(exc))]
    try:
        descriptor.params.model_validate(params)
    except ValidationError as exc:
        problems = problems_from_validation(exc, (*_split(path), "params"))
        if not descriptor.params.model_fields:
            problems = [Problem(f"{path}.params", f"{kind} {name!r} takes no parameters")]
        return problems
    return []


def _split(path: str) -> tuple:
    parts: list = []
    for chunk in path.split("."):
        name, _, rest = chunk.partition("[")
        parts.append(name)
        if rest:
            parts.append(int(rest.rstrip("]")))
    return tuple(parts)


def _check_trainable(spec: Spec, registry) -> list[Problem]:
    problems = []
    for i, layer in enumerate(spec.layers[1:], start=1):
        if layer.neuron is None:
            continue
        descriptor = registry.components("neuron").get(layer.neuron.name)
        if descriptor is None:
            continue
        neuron = descriptor.build(layer.neuron.params)
        if not getattr(neuron, "differentiable", True):
            problems.append(
                Problem(
                    f"layers[{i}].neuron",
                    f"{layer.neuron.name!r} is not differentiable, so backprop cannot train it; "
                    "drop 'training' and hand-set its weights, or learn them with the "
                    "perceptron learning rule (neurokit gates --learn)",
                )
            )
    for field in ("cost", "optimizer", "data"):
        if getattr(spec, field) is None:
            problems.append(Problem(field, "required to train (the spec has 'training')"))
    return problems


def _human_bytes(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB", "TB", "PB"):
        if n < 1024 or unit == "PB":
            return f"{n:,.1f} {unit}" if unit != "B" else f"{int(n)} B"
        n /= 1024
    return f"{n} B"  # pragma: no cover


# --- JSON Schema --------------------------------------------------------------------------


def json_schema(registry=None) -> dict:
    """The spec's JSON Schema, with registered component names as enums when given a registry."""
    schema = Spec.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = SCHEMA_ID
    schema["properties"]["schema_version"]["const"] = SCHEMA_VERSION
    if registry is None:
        return schema
    defs = schema["$defs"]
    for kind in ("neuron", "cost", "optimizer"):
        defs[f"{kind.capitalize()}Ref"] = _named_ref(defs["Component"], registry.names(kind))
    defs["Data"]["properties"]["name"]["enum"] = registry.names("dataset")
    _retarget(schema["properties"]["cost"], "Cost")
    _retarget(schema["properties"]["optimizer"], "Optimizer")
    _retarget(defs["Layer"]["properties"]["neuron"], "Neuron")
    return schema


def _named_ref(component: dict, names: list[str]) -> dict:
    obj = json.loads(json.dumps(component))
    obj["properties"]["name"]["enum"] = names
    return {"anyOf": [{"type": "string", "enum": names}, obj], "description": obj["description"]}


def _retarget(prop: dict, kind: str) -> None:
    for option in prop.get("anyOf", [prop]):
        if option.get("$ref") == "#/$defs/Component":
            option["$ref"] = f"#/$defs/{kind}Ref"


def check_against_data(spec: Spec, n_inputs: int, n_outputs: int, n_train: int) -> list[Problem]:
    """Problems fitting the spec's net and mini-batch to a data set of this shape."""
    problems = []
    if spec.layers[0].size != n_inputs:
        problems.append(
            Problem(
                "layers[0].size",
                f"the input layer has {spec.layers[0].size} neurons but data set "
                f"{spec.data.name!r} has {n_inputs} inputs per example",
            )
        )
    last = len(spec.layers) - 1
    if spec.layers[-1].size != n_outputs:
        problems.append(
            Problem(
                f"layers[{last}].size",
                f"the output layer has {spec.layers[-1].size} neurons but data set "
                f"{spec.data.name!r} has {n_outputs} outputs per example",
            )
        )
    if spec.training is not None and spec.training.batch_size > n_train:
        problems.append(
            Problem(
                "training.batch_size",
                f"mini-batch size {spec.training.batch_size} is larger than the "
                f"{n_train} training examples",
            )
        )
    return problems
