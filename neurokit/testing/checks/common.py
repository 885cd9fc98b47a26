"""The checks every component gets, whatever its kind: its name, its params model, and a spec
that names it."""

from __future__ import annotations

import json
import re

from pydantic import BaseModel

from neurokit.core.components import ComponentType
from neurokit.testing.checks.base import CheckContext
from neurokit.testing.checks.model import model_example_spec

#: Component names a spec can carry: lower case, digits, '.', '_' and '-'.
NAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


def check_name_is_unique(ctx: CheckContext) -> None:
    """The name fits in a spec and no other plugin registers the same one."""
    name = ctx.descriptor.name
    if not isinstance(name, str) or not NAME_PATTERN.match(name):
        raise ctx.fail(
            f"expected a name matching {NAME_PATTERN.pattern} (lower case, digits, '.', '_', "
            f"'-'), got {name!r}"
        )
    from neurokit.core.errors import PluginError

    try:
        ctx.registry.get(ctx.descriptor.kind, name)
    except PluginError as exc:
        raise ctx.fail(f"expected a name no other plugin uses, got: {exc}") from None


def check_params_model(ctx: CheckContext) -> None:
    """The params model is a Pydantic model that exports JSON Schema and forbids unknown keys."""
    model = ctx.descriptor.params
    if not (isinstance(model, type) and issubclass(model, BaseModel)):
        raise ctx.fail(f"expected params to be a pydantic.BaseModel subclass, got {model!r}")
    try:
        schema = json.loads(json.dumps(model.model_json_schema()))
    except Exception as exc:  # noqa: BLE001
        raise ctx.fail(f"expected a JSON Schema, got {type(exc).__name__}: {exc}") from exc
    if schema.get("type") != "object":
        raise ctx.fail(f"expected a JSON Schema of type 'object', got {schema.get('type')!r}")
    if model.model_config.get("extra") != "forbid":
        raise ctx.fail(
            "expected unknown keys to be rejected (a typo in a spec must not be ignored); "
            "set model_config = ConfigDict(extra='forbid'), got "
            f"extra={model.model_config.get('extra', 'ignore')!r}"
        )


def check_spec_round_trip(ctx: CheckContext) -> None:
    """A spec naming the component passes checking, and survives JSON → Spec → JSON."""
    from neurokit.core.errors import SpecError
    from neurokit.spec import parse_spec

    data = _spec_naming(ctx.descriptor, ctx.params())
    try:
        spec = parse_spec(data, ctx.registry, source="kit-spec")
        again = parse_spec(spec.to_json(), ctx.registry, source="kit-spec")
    except SpecError as exc:
        raise ctx.fail(f"expected the spec {json.dumps(data)} to be valid, got: {exc}") from None
    first, second = spec.model_dump(mode="json"), again.model_dump(mode="json")
    if first != second:
        raise ctx.fail(f"expected {first} after a JSON round trip, got {second}")
    params_model = ctx.descriptor.params
    validated = params_model.model_validate(ctx.params())
    restored = params_model.model_validate_json(validated.model_dump_json())
    if restored != validated:
        raise ctx.fail(f"expected params {validated!r} after a JSON round trip, got {restored!r}")


def _spec_naming(descriptor: ComponentType, params: dict) -> dict:
    component = {"name": descriptor.name, "params": params}
    if descriptor.kind == "model":
        return model_example_spec(descriptor, params)
    data: dict = {
        "schema_version": 1,
        "name": "kit-spec",
        "layers": [{"size": 2}, {"size": 3, "neuron": "sigmoid"}],
    }
    if descriptor.kind == "neuron":
        data["layers"][1]["neuron"] = component
    elif descriptor.kind == "dataset":
        data["data"] = component
    else:
        data[descriptor.kind] = component
    return data


COMMON_CHECKS = [check_name_is_unique, check_params_model, check_spec_round_trip]
