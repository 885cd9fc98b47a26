"""The spec's JSON Schema (draft 2020-12), exported from the models; given a registry, the
registered component and data set names become enums so an editor can complete them.
"""

from __future__ import annotations

import json

from neurokit.spec.models import SCHEMA_ID, SCHEMA_VERSION, Spec


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
