"""The JSON spec of a network and its training: Pydantic models, loading and checking.

Checking happens in three passes, and every problem found is reported at once, in the order
the fields appear in the file, each as a field path (``layers[1].neuron``) and a message:
1. the JSON itself: NaN, Infinity, repeated keys and lone surrogates, which Python's ``json``
   reads but no student meant to write;
2. structure (``Spec.model_validate``, strict): types, required fields, unknown keys (with
   the keys allowed there and the closest one);
3. meaning (``check_spec``): component names against the registry (with a suggestion), each
   component's params against its own model, shapes of hand-set weights, memory (from the
   sizes alone, before anything is allocated), perceptrons and backprop. When the structure
   is broken, every component that can still be read gets its name and params checked.

Loading a spec never runs code: it is pure data.
"""

from __future__ import annotations

import difflib
import json
import math
import re
import types
import typing
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
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
    """Parse JSON text (or an already-parsed dict) into a checked ``Spec``.

    Without a registry only the structure and the memory estimate are checked; with one,
    every component name and its parameters too (``check_spec``).
    """
    data = raw if isinstance(raw, dict) else _parse_json(raw, source)
    if not isinstance(data, dict):
        raise SpecError(
            [Problem("", f"the top level must be a JSON object {{...}}, got {_json_type(data)}")],
            source,
        )
    problems = _non_json_values(data)
    spec = None
    try:
        # strict: JSON has no "3" that means 3, and a size of 2.0 or true is a mistake.
        spec = Spec.model_validate(data, strict=True)
    except ValidationError as exc:
        # NaN and surrogates were reported above, at their paths; Pydantic would repeat them.
        flagged = {problem.path for problem in problems}
        problems += [
            p
            for p in problems_from_validation(exc)
            if p.path not in flagged and p.message != _SURROGATE_MESSAGE
        ]
    if spec is not None and not problems:
        problems = check_spec(spec, registry) if registry is not None else _check_memory(spec)
        if not problems:
            spec._source = source
            return spec
    elif registry is not None:
        # The structure is broken somewhere, but every component that can be read is still
        # checked, so a typo'd key and a typo'd neuron name are reported together.
        problems += _component_problems(data, registry, [p.path for p in problems])
    raise SpecError(_in_document_order(problems, data), source)


def _in_document_order(problems: list[Problem], data: dict) -> list[Problem]:
    """Sort problems as their fields appear in the file; a missing field goes with its parent."""
    order: dict[str, int] = {}

    def walk(value: Any, loc: tuple) -> None:
        order.setdefault(format_path(loc), len(order))
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, (*loc, key))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                walk(item, (*loc, i))

    walk(data, ())

    def position(problem: Problem) -> int:
        path = problem.path
        while path not in order:
            path = path[: max(path.rfind("."), path.rfind("["), 0)]
        return order[path]

    return sorted(problems, key=position)


def _component_problems(data: dict, registry, flagged: list[str]) -> list[Problem]:
    """Name and params problems of every component in raw spec data, skipping any component
    that already has a structural problem."""
    found: list[tuple[str, Any, str]] = []
    layers = data.get("layers")
    if isinstance(layers, list):
        for i, layer in enumerate(layers[1:], start=1):
            if isinstance(layer, dict) and "neuron" in layer:
                found.append(("neuron", layer["neuron"], f"layers[{i}].neuron"))
    for field, kind in (("cost", "cost"), ("optimizer", "optimizer"), ("data", "dataset")):
        if data.get(field) is not None:
            found.append((kind, data[field], field))
    problems = []
    for kind, value, path in found:
        if any(p == path or p.startswith((f"{path}.", f"{path}[")) for p in flagged):
            continue
        if isinstance(value, str):
            name, params = value, {}
        elif isinstance(value, dict):
            name, params = value.get("name"), value.get("params", {})
        else:
            continue
        if isinstance(name, str) and name and isinstance(params, dict):
            problems += check_component(registry, kind, name, params, path)
    return problems


class _Object(dict):
    """A JSON object as parsed, remembering keys it had more than once (JSON keeps the last)."""

    duplicates: tuple[str, ...] = ()


def _object_from_pairs(pairs: list[tuple[str, Any]]) -> _Object:
    obj = _Object(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()
        obj.duplicates = tuple(dict.fromkeys(k for k, _ in pairs if k in seen or seen.add(k)))
    return obj


def _parse_json(raw: bytes | str, source: str) -> Any:
    if isinstance(raw, bytes):
        if raw.startswith(b"\xef\xbb\xbf"):
            raise SpecError(
                [
                    Problem(
                        "",
                        "file starts with a UTF-8 byte-order mark (BOM); "
                        "save it as UTF-8 without one",
                    )
                ],
                source,
            )
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise SpecError(
                [Problem("", f"not UTF-8 text (byte {exc.start}); save it as UTF-8 JSON")], source
            ) from None
    if raw.startswith("\ufeff"):
        raise SpecError(
            [Problem("", "text starts with a byte-order mark (BOM); remove it")], source
        )
    if not raw.strip():
        raise SpecError([Problem("", "file is empty; a spec is a JSON object {...}")], source)
    try:
        # NaN and Infinity are let through here so they are reported with their field path.
        return json.loads(raw, object_pairs_hook=_object_from_pairs)
    except json.JSONDecodeError as exc:
        raise SpecError(
            [Problem("", f"line {exc.lineno}, column {exc.colno}: {_json_hint(exc, raw)}")],
            source,
        ) from None
    except (ValueError, RecursionError) as exc:
        # Integers of more than 4300 digits, or nesting deeper than Python can follow.
        message = str(exc) if isinstance(exc, ValueError) else "nested too deeply"
        raise SpecError([Problem("", f"invalid JSON: {message}")], source) from None


def _non_json_values(value: Any, loc: tuple = ()) -> list[Problem]:
    """NaN, Infinity, repeated keys and (in a dict built in Python) values JSON cannot hold,
    anywhere in ``value``, each with its path.

    Python's ``json`` reads NaN, Infinity and repeated keys, but none is JSON a student meant
    to write.
    """
    problems = []
    if isinstance(value, str):
        if _SURROGATE.search(value):
            problems.append(Problem(format_path(loc), _SURROGATE_MESSAGE))
    elif value is None or isinstance(value, bool | int):
        pass
    elif isinstance(value, float) and not math.isfinite(value):
        word = "NaN" if math.isnan(value) else "Infinity"
        problems.append(
            Problem(format_path(loc), f"{word} is not a number JSON allows; write a finite number")
        )
    elif isinstance(value, dict):
        for key in value:
            if not isinstance(key, str):
                problems.append(Problem(format_path(loc), f"key {key!r} is not a string"))
            elif _SURROGATE.search(key):
                problems.append(Problem(format_path((*loc, key)), f"this key {_SURROGATE_MESSAGE}"))
        for key in getattr(value, "duplicates", ()):
            problems.append(
                Problem(
                    format_path((*loc, key)),
                    "key appears more than once in this object; keep only one",
                )
            )
        for key, item in value.items():
            problems += _non_json_values(item, (*loc, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            problems += _non_json_values(item, (*loc, i))
    elif not isinstance(value, float):
        problems.append(
            Problem(format_path(loc), f"a Python {type(value).__name__} is not a JSON value")
        )
    return problems


_SURROGATE = re.compile("[\ud800-\udfff]")
_SURROGATE_MESSAGE = "holds half of a UTF-16 surrogate pair (\\ud800-\\udfff), not a character"


def _json_hint(exc: json.JSONDecodeError, text: str) -> str:
    rest = text[exc.pos :].lstrip()
    if exc.msg.startswith("Expecting property name") or (
        exc.msg.startswith("Expecting value") and rest[:1] in ("]", "}")
    ):
        return f"invalid JSON: {exc.msg} (is there a trailing comma?)"
    if exc.msg.startswith("Expecting value") and exc.pos == len(text) - len(text.lstrip()):
        return f"not JSON: {exc.msg}; a spec is a JSON object {{...}}"
    return f"invalid JSON: {exc.msg}"


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return f"{json.dumps(value)} (a boolean)"
    if isinstance(value, int | float):
        return f"the number {_short(value)}"
    if isinstance(value, str):
        return f"the string {_short(value)}"
    names = {list: "a list", dict: "an object", _Object: "an object"}
    return names.get(type(value), "null" if value is None else type(value).__name__)


def _short(value: Any) -> str:
    """A value as the student wrote it in JSON, cut to 40 characters (0.0 shows as 0)."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)
    text = json.dumps(value, default=repr)
    return text if len(text) <= 40 else text[:37] + "..."


# --- error paths --------------------------------------------------------------------------


def format_path(loc: tuple) -> str:
    """('layers', 1, 'neuron') → 'layers[1].neuron'; an odd key is quoted: 'data["a b"]'."""
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        elif not _PLAIN_KEY.fullmatch(str(part)):
            # JSON escapes keep a key with a newline or a space from breaking the one-line error.
            path += f"[{json.dumps(str(part))}]"
        else:
            path += f".{part}" if path else str(part)
    return path


_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")


def problems_from_validation(
    exc: ValidationError, prefix: tuple = (), model: type[BaseModel] | None = Spec
) -> list[Problem]:
    """Turn Pydantic's errors into one ``Problem`` per error with a readable path.

    ``model`` is the model validated (``Spec`` by default), used to list the keys allowed
    where an unknown one was found and to describe a missing field.
    """
    problems = []
    for error in exc.errors(include_url=False):
        loc = tuple(part for part in error["loc"] if not _is_union_tag(part))
        problems.append(Problem(format_path(prefix + loc), _friendly(error, loc, model)))
    return problems


def _is_union_tag(part: Any) -> bool:
    # Pydantic inserts model/type names into paths of union members; users never wrote them.
    return isinstance(part, str) and (part.startswith("function-") or part in ("Component",))


def _friendly(error: dict, loc: tuple, model: type[BaseModel] | None) -> str:
    """One sentence a student can act on, for one Pydantic error."""
    kind, got, ctx = error["type"], error.get("input"), error.get("ctx", {})
    if kind == "extra_forbidden":
        return _unknown_key(str(loc[-1]), _model_at(model, loc[:-1]))
    if kind == "missing":
        field = _field_at(model, loc)
        about = f" ({field.description})" if field is not None and field.description else ""
        return f"required field is missing{about}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        if loc and loc[-1] in ("neuron", "cost", "optimizer"):
            return (
                f'must be a component name like "sigmoid" or an object '
                f'{{"name": ..., "params": {{...}}}}, got {_json_type(got)}'
            )
        return f"must be a JSON object {{...}}, got {_json_type(got)}"
    if kind in ("int_type", "int_from_float", "int_parsing"):
        return f"must be a whole number, got {_json_type(got)}"
    if kind in ("float_type", "float_parsing"):
        return f"must be a number, got {_json_type(got)}"
    if kind in ("string_type", "str_type"):
        return f"must be a string in quotes, got {_json_type(got)}"
    if kind in ("list_type", "tuple_type"):
        return f"must be a list [...], got {_json_type(got)}"
    if kind in ("bool_type", "bool_parsing"):
        return f"must be true or false, got {_json_type(got)}"
    if kind == "greater_than_equal":
        return f"must be at least {_short(ctx['ge'])}, got {_short(got)}"
    if kind == "greater_than":
        return f"must be greater than {_short(ctx['gt'])}, got {_short(got)}"
    if kind == "less_than_equal":
        return f"must be at most {_short(ctx['le'])}, got {_short(got)}"
    if kind == "less_than":
        return f"must be less than {_short(ctx['lt'])}, got {_short(got)}"
    if kind == "too_short":
        if loc == ("layers",):
            return (
                f"a network needs at least 2 layers (input and output), "
                f"got {ctx.get('actual_length')}"
            )
        return f"must have at least {ctx['min_length']} item(s), got {ctx.get('actual_length')}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_pattern_mismatch":
        return (
            f"{_short(got)} is not a valid name; start with a letter or digit and use only "
            "letters, digits, '.', '_' and '-'"
        )
    if kind == "literal_error":
        return f"must be {ctx['expected']}, got {_short(got)}"
    if kind == "string_unicode":
        return _SURROGATE_MESSAGE
    if kind == "finite_number":
        return "must be a finite number"
    if kind == "value_error":
        return str(ctx["error"]) if "error" in ctx else error["msg"]
    return error["msg"][0].lower() + error["msg"][1:]


def _unknown_key(key: str, model: type[BaseModel] | None) -> str:
    if model is None:
        return f"unknown key {key!r}"
    allowed = list(model.model_fields)
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return f"unknown key {key!r}{hint}; allowed here: {', '.join(allowed) or 'none'}"


def _model_at(model: type[BaseModel] | None, loc: tuple) -> type[BaseModel] | None:
    """The model that validates the object at ``loc`` inside ``model``, if one does."""
    annotation: Any = model
    for part in loc:
        annotation = _unwrap(annotation)
        if isinstance(part, int):
            args = typing.get_args(annotation)
            if typing.get_origin(annotation) is not list or not args:
                return None
            annotation = args[0]
        else:
            if not (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
                return None
            field = annotation.model_fields.get(part)
            if field is None:
                return None
            annotation = field.annotation
    annotation = _unwrap(annotation)
    return (
        annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None
    )


def _field_at(model: type[BaseModel] | None, loc: tuple):
    parent = _model_at(model, loc[:-1]) if loc else None
    return parent.model_fields.get(loc[-1]) if parent is not None else None


def _unwrap(annotation: Any) -> Any:
    """``X | None`` → ``X``; ``Annotated[X, ...]`` → ``X``."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            options = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(options) != 1:
                return annotation
            annotation = options[0]
        else:
            return annotation


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
    # Pure integer arithmetic on the sizes: nothing is allocated to find out it is too big.
    needed = parameter_bytes(spec.sizes, dtype)
    if needed <= MAX_PARAMETER_BYTES:
        return []
    count = sum(
        n_in * n_out + n_out for n_in, n_out in zip(spec.sizes[:-1], spec.sizes[1:], strict=True)
    )
    return [
        Problem(
            "layers",
            f"the {_count_words(count)} weights and biases alone would need "
            f"{_human_bytes(needed)} of memory as {dtype} (limit "
            f"{_human_bytes(MAX_PARAMETER_BYTES)}); use smaller layers",
        )
    ]


def _count_words(count: int) -> str:
    return f"{count:,}" if count < 10**15 else _scientific(count)


def _scientific(n: int) -> str:
    """4.0e+30 for a huge int, without float(), which overflows past 1e308."""
    exponent = int(math.log10(n))
    leading = n // 10 ** (exponent - 1)  # the two leading digits (log10 may be off by one)
    while leading >= 100:
        exponent, leading = exponent + 1, leading // 10
    while leading < 10:
        exponent, leading = exponent - 1, n // 10 ** (exponent - 2)
    return f"{leading // 10}.{leading % 10}e+{exponent}"


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
        problems.append(
            Problem(
                f"{path}.neuron",
                "required field is missing (every layer after the input needs a neuron, "
                'e.g. "sigmoid")',
            )
        )
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
    model = descriptor.params
    try:
        # Strict JSON-mode validation: a plugin's Path or enum fields still take JSON strings,
        # but "0.5" is not silently taken for 0.5.
        model.model_validate_json(json.dumps(params), strict=True)
    except ValidationError as exc:
        if not model.model_fields:
            return [Problem(f"{path}.params", f"{kind} {name!r} takes no parameters")]
        problems = problems_from_validation(exc, (*_split(path), "params"), model)
        return [_name_component(problem, kind, name) for problem in problems]
    return []


def _name_component(problem: Problem, kind: str, name: str) -> Problem:
    """Say whose parameter it is: "unknown key 'lr'" → "unknown parameter 'lr' of sgd"."""
    message = problem.message
    key = problem.path.rpartition(".params.")[2]
    if message.startswith("unknown key ") and "." not in key and "[" not in key:
        message = message.replace("unknown key ", "unknown parameter ", 1)
        message = message.replace("; allowed here:", f" for {kind} {name!r}; it takes:", 1)
    return Problem(problem.path, message)


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
        try:
            neuron = descriptor.build(layer.neuron.params)
        except (ValidationError, TypeError, ValueError):
            continue  # bad params: check_component has already reported them
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


def _human_bytes(n: int) -> str:
    """Binary units (1 GB = 1024³ bytes); beyond exabytes, a power of ten of bytes."""
    if n >= 1024**7:
        return f"{_scientific(n)} bytes"
    value = float(n)
    for unit in ("B", "KB", "MB", "GB", "TB", "PB", "EB"):
        if value < 1024 or unit == "EB":
            return f"{int(value)} B" if unit == "B" else f"{value:,.1f} {unit}"
        value /= 1024
    raise AssertionError("unreachable")


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
                f"{spec.data.name!r} has {_plural(n_inputs, 'input')} per example",
            )
        )
    last = len(spec.layers) - 1
    if spec.layers[-1].size != n_outputs:
        problems.append(
            Problem(
                f"layers[{last}].size",
                f"the output layer has {spec.layers[-1].size} neurons but data set "
                f"{spec.data.name!r} has {_plural(n_outputs, 'output')} per example",
            )
        )
    if spec.training is not None and spec.training.batch_size > n_train:
        problems.append(
            Problem(
                "training.batch_size",
                f"mini-batch size {spec.training.batch_size} is larger than the "
                f"{_plural(n_train, 'training example')}",
            )
        )
    return problems


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
