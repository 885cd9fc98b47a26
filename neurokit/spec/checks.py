"""What a spec means, checked against a registry: component names (with a suggestion) and
their params, shapes of hand-set weights, the memory the parameters would need (from the sizes
alone, before anything is allocated), whether backprop can train it, and whether it fits a
data set.
"""

from __future__ import annotations

import json
import math
from typing import Any

from pydantic import ValidationError

from neurokit.core.components import FEEDFORWARD_SECTIONS as _FEEDFORWARD_SECTIONS
from neurokit.core.components import Sections
from neurokit.core.dtypes import DEFAULT_DTYPE
from neurokit.core.errors import PluginError, Problem
from neurokit.core.shapes import parameter_bytes, parameter_count
from neurokit.spec.messages import problems_from_validation
from neurokit.spec.models import DEFAULT_MODEL, Layer, Spec, Training
from neurokit.spec.paths import split_path

#: What a spec that names no model reads: the feedforward net's sections (with training.init).
FEEDFORWARD_SECTIONS = _FEEDFORWARD_SECTIONS

#: Refuse nets whose parameters alone would take more than this (bytes).
MAX_PARAMETER_BYTES = 4 * 1024**3


def check_spec(spec: Spec, registry) -> list[Problem]:
    """Every problem a registry-aware reading of ``spec`` finds (empty when it is valid)."""
    problems: list[Problem] = []
    sections: Sections | None = FEEDFORWARD_SECTIONS
    if spec.model is not None:
        problems += check_component(registry, "model", spec.model.name, spec.model.params, "model")
        sections = model_sections(spec, registry) if not problems else None
    if sections is None:
        # The model is unknown or its params are wrong: what it reads cannot be known, so
        # only the parts every model shares are checked.
        return problems + _check_shared_components(spec, registry)
    if spec.model_name == DEFAULT_MODEL:
        problems += check_memory(spec)
    problems += check_sections(spec, sections)
    for i, layer in enumerate(spec.layers):
        problems += _check_layer(spec, i, layer, registry, sections)
    problems += _check_shared_components(spec, registry)
    if spec.training is not None:
        problems += _check_trainable(spec, registry, sections)
    return problems


def model_sections(spec: Spec, registry) -> Sections:
    """What the spec's model reads (its params already checked)."""
    if spec.model is None:
        return FEEDFORWARD_SECTIONS
    return registry.get("model", spec.model.name).sections_for(spec.model.params)


def check_sections(spec: Spec, sections: Sections) -> list[Problem]:
    """Problems with the parts of the spec a model does not read, or reads and lacks: the
    number of layers, a cost or optimizer for a model that learns by its own rule, training
    keys it does not use."""
    name = spec.model_name
    problems = _check_layer_count(spec, sections)
    if sections.learning == "rule":
        for field in ("cost", "optimizer"):
            if getattr(spec, field) is not None:
                problems.append(
                    Problem(field, f"model {name!r} learns by its own rule and takes no {field}")
                )
    if spec.training is not None:
        given = spec.training.model_fields_set
        for key in Training.model_fields:
            if key in given and key not in sections.training:
                problems.append(
                    Problem(f"training.{key}", f"model {name!r} does not use training.{key}")
                )
        if "batch_size" in sections.training and spec.training.batch_size is None:
            description = Training.model_fields["batch_size"].description
            problems.append(
                Problem("training.batch_size", f"required field is missing ({description})")
            )
    return problems


def _check_layer_count(spec: Spec, sections: Sections) -> list[Problem]:
    least, most = sections.layers
    count = len(spec.layers)
    if spec.model is None and count < least:
        return [
            Problem("layers", f"a network needs at least 2 layers (input and output), got {count}")
        ]
    if count < least or (most is not None and count > most):
        wanted = (
            f"exactly {least}"
            if least == most
            else f"at least {least}"
            if most is None
            else f"{least} to {most}"
        )
        return [Problem("layers", f"model {spec.model_name!r} takes {wanted} layers, got {count}")]
    return []


def _check_shared_components(spec: Spec, registry) -> list[Problem]:
    problems: list[Problem] = []
    for field in ("cost", "optimizer"):
        component = getattr(spec, field)
        if component is not None:
            problems += check_component(registry, field, component.name, component.params, field)
    if spec.data is not None:
        problems += check_component(registry, "dataset", spec.data.name, spec.data.params, "data")
    return problems


def check_readable_components(data: dict, registry, flagged: list[str]) -> list[Problem]:
    """Name and params problems of every component in raw spec data, skipping any component
    that already has a structural problem (a path in ``flagged`` at or under it).

    For a spec whose structure is broken: a typo'd key and a typo'd neuron name are then
    reported together.
    """
    found: list[tuple[str, Any, str]] = []
    layers = data.get("layers")
    if isinstance(layers, list):
        for i, layer in enumerate(layers[1:], start=1):
            if isinstance(layer, dict) and "neuron" in layer:
                found.append(("neuron", layer["neuron"], f"layers[{i}].neuron"))
    for field, kind in (
        ("model", "model"),
        ("cost", "cost"),
        ("optimizer", "optimizer"),
        ("data", "dataset"),
    ):
        if data.get(field) is not None:
            found.append((kind, data[field], field))
    problems = []
    for kind, value, path in found:
        if any(p == path or p.startswith((f"{path}.", f"{path}[")) for p in flagged):
            continue
        if isinstance(value, str):
            name, params = value, {}
        elif isinstance(value, dict):
            name, params = str(value.get("name", "")), value.get("params", {})
        else:
            continue
        if isinstance(name, str) and name and isinstance(params, dict):
            problems += check_component(registry, kind, name, params, path)
    return problems


def check_memory(spec: Spec) -> list[Problem]:
    """A problem when the spec's weights and biases alone would need more than
    ``MAX_PARAMETER_BYTES``; found from the sizes, without allocating anything."""
    dtype = spec.training.dtype if spec.training else DEFAULT_DTYPE
    # Pure integer arithmetic on the sizes: nothing is allocated to find out it is too big.
    needed = parameter_bytes(spec.sizes, dtype)
    if needed <= MAX_PARAMETER_BYTES:
        return []
    count = parameter_count(spec.sizes)
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


def _check_layer(
    spec: Spec, i: int, layer: Layer, registry, sections: Sections = FEEDFORWARD_SECTIONS
) -> list[Problem]:
    path = f"layers[{i}]"
    if i == 0:
        extra = [k for k in ("neuron", "weights", "biases") if getattr(layer, k) is not None]
        return [
            Problem(f"{path}.{key}", "the input layer has no neurons, weights or biases")
            for key in extra
        ]
    problems = []
    name = spec.model_name
    if not sections.hand_set:
        problems += [
            Problem(f"{path}.{key}", f"model {name!r} takes no hand-set {key}")
            for key in ("weights", "biases")
            if getattr(layer, key) is not None
        ]
    if not sections.neurons:
        if layer.neuron is not None:
            problems.append(Problem(f"{path}.neuron", f"model {name!r} takes no neuron"))
    elif layer.neuron is None:
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
        problems = problems_from_validation(exc, (*split_path(path), "params"), model)
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


def _check_trainable(
    spec: Spec, registry, sections: Sections = FEEDFORWARD_SECTIONS
) -> list[Problem]:
    problems = []
    if sections.learning == "rule":
        if spec.data is None:
            problems.append(Problem("data", "required to train (the spec has 'training')"))
        return problems
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
                    "perceptron learning rule, as the gates lesson does",
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


def check_against_data(spec: Spec, n_inputs: int, n_outputs: int, n_train: int) -> list[Problem]:
    """Problems fitting the spec's net and mini-batch to a data set of this shape."""
    problems = []
    data_name = spec.data.name if spec.data is not None else "(none)"
    if spec.layers[0].size != n_inputs:
        problems.append(
            Problem(
                "layers[0].size",
                f"the input layer has {spec.layers[0].size} neurons but data set "
                f"{data_name!r} has {_plural(n_inputs, 'input')} per example",
            )
        )
    last = len(spec.layers) - 1
    if spec.layers[-1].size != n_outputs:
        problems.append(
            Problem(
                f"layers[{last}].size",
                f"the output layer has {spec.layers[-1].size} neurons but data set "
                f"{data_name!r} has {_plural(n_outputs, 'output')} per example",
            )
        )
    batch_size = spec.training.batch_size if spec.training is not None else None
    if batch_size is not None and batch_size > n_train:
        problems.append(
            Problem(
                "training.batch_size",
                f"mini-batch size {batch_size} is larger than the "
                f"{_plural(n_train, 'training example')}",
            )
        )
    return problems


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
