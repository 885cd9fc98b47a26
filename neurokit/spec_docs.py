"""``docs/spec.md``: the spec reference, rendered from the Pydantic models in ``neurokit.spec``
and the params models of the built-in components, so it cannot drift from the code.

Regenerate it with ``python -m neurokit.spec_docs`` (writes ``docs/spec.md``); check it with
``python -m neurokit.spec_docs --check`` (exit 1 when the file is out of date).
"""

from __future__ import annotations

import sys
from pathlib import Path

from pydantic import BaseModel

from neurokit.spec import SCHEMA_VERSION, Component, Data, Layer, Spec, Training

DEFAULT_PATH = Path("docs") / "spec.md"
REGENERATE = "python -m neurokit.spec_docs"
#: The spec's models, in the order a reader meets them.
MODELS: list[tuple[type[BaseModel], str]] = [
    (Spec, "the top level of a spec file"),
    (Layer, "one entry of `layers`"),
    (Component, "`layers[].neuron`, `cost` and `optimizer`"),
    (Training, "`training`"),
    (Data, "`data`"),
]
KINDS = (
    ("neuron", "Neurons"),
    ("cost", "Costs"),
    ("optimizer", "Optimizers"),
    ("dataset", "Data sets"),
)


def _anchor(name: str) -> str:
    return name.lower()


def type_of(schema: dict) -> str:
    """A JSON Schema fragment as a short Markdown type: `integer`, list of `number`, …"""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return f"[{name}](#{_anchor(name)})"
    if "anyOf" in schema:
        options = [type_of(option) for option in schema["anyOf"] if option.get("type") != "null"]
        return " or ".join(options)
    if "const" in schema:
        return f"`{schema['const']!r}`"
    if "enum" in schema:
        return " or ".join(f'`"{value}"`' for value in schema["enum"])
    kind = schema.get("type", "any")
    if kind == "array":
        return f"list of {type_of(schema.get('items', {}))}"
    if kind == "object" and "additionalProperties" in schema:
        return "object"
    return f"`{kind}`"


def constraints_of(schema: dict) -> str:
    """Limits on a value (also inside ``anyOf`` options): ≥ 1, non-empty, a pattern, …"""
    parts = []
    for option in [schema, *schema.get("anyOf", [])]:
        for key, text in (
            ("minimum", "≥ {}"),
            ("exclusiveMinimum", "> {}"),
            ("maximum", "≤ {}"),
            ("exclusiveMaximum", "< {}"),
            ("pattern", "matches `{}`"),
        ):
            if key in option:
                parts.append(text.format(option[key]))
        if option.get("minItems") == 1:
            parts.append("non-empty")
        elif "minItems" in option:
            parts.append(f"at least {option['minItems']} items")
        if "minLength" in option:
            length = option["minLength"]
            parts.append("non-empty" if length == 1 else f"at least {length} characters")
    return "; ".join(parts)


def _default_of(name: str, prop: dict, required: set[str]) -> str:
    if name in required:
        return "required"
    if "default" not in prop:
        return "optional"
    default = prop["default"]
    if default is None:
        return "optional"
    return f"default `{default!r}`" if not isinstance(default, str) else f'default `"{default}"`'


def _cell(text: str) -> str:
    return " ".join(text.replace("|", "\\|").split())


#: Meanings for fields whose model gives no description (the model's own text wins).
NOTES = {
    ("Spec", "name"): "the run's name: letters, digits, `.`, `_`, `-`",
    ("Spec", "description"): "free text for people",
    ("Spec", "cost"): "the cost C; needed to train and to explain",
    ("Spec", "optimizer"): 'how w and b are updated, e.g. `{"name": "sgd", "params": '
    '{"eta": 3.0}}`',
    ("Spec", "training"): "present when the spec is to be trained",
    ("Spec", "data"): "the data set to train and evaluate on",
    ("Component", "params"): "the component's own parameters (see below); `{}` when none",
    ("Data", "params"): "the data set's own options (see below)",
    ("Training", "dtype"): "floating-point type of weights and data",
}


def fields_table(schema: dict, title: str = "") -> list[str]:
    """A Markdown table of a model's fields (from its JSON Schema): name, type, required or
    default, meaning."""
    required = set(schema.get("required", []))
    properties = schema.get("properties", {})
    if not properties:
        return ["No parameters."]
    lines = ["| field | type | | meaning |", "| --- | --- | --- | --- |"]
    for name, prop in properties.items():
        meaning = prop.get("description") or NOTES.get((title, name), "")
        limits = constraints_of(prop)
        if limits:
            meaning = f"{meaning} ({limits})" if meaning else limits
        lines.append(
            f"| `{name}` | {type_of(prop)} | {_default_of(name, prop, required)} | "
            f"{_cell(meaning)} |"
        )
    return lines


def nested_tables(schema: dict, level: str = "#####") -> list[str]:
    """Tables for the models a params model refers to (``$defs``), e.g. ``InlineSplit``."""
    lines = []
    for name, definition in schema.get("$defs", {}).items():
        about = _cell(definition.get("description", ""))
        lines += [f"{level} {name}", "", *([about, ""] if about else [])]
        lines += [*fields_table(definition, name), ""]
    return lines


def _docstring(model: type) -> str:
    text = (model.__doc__ or "").strip()
    return " ".join(line.strip() for line in text.splitlines())


def _builtin_registry():
    """Only the built-in plugins: the reference must not depend on what else is installed."""
    from neurokit.pipeline.registry import Registry

    registry = Registry()
    registry.load_builtins()
    return registry


def render(registry=None) -> str:
    """The whole of docs/spec.md."""
    registry = registry if registry is not None else _builtin_registry()
    lines = [
        "# Spec reference",
        "",
        f"<!-- Generated from the Pydantic models by `{REGENERATE}`; do not edit by hand. -->",
        "",
        "A spec is a JSON file describing a network and, optionally, how to train it. Unknown",
        "keys are errors; every problem is reported with its path (`layers[1].neuron`).",
        f"This reference is for `schema_version` {SCHEMA_VERSION}. Check a spec with",
        "`neurokit validate SPEC`; `neurokit schema` prints the JSON Schema for editors.",
        "",
    ]
    for model, where in MODELS:
        lines += [f"## {model.__name__}", "", f"Used as {where}. {_docstring(model)}", ""]
        lines += fields_table(model.model_json_schema(), model.__name__)
        lines.append("")
    lines += [
        "## Built-in components",
        "",
        "The names a spec can use without plugins, and the `params` each accepts. Plugins",
        "add more: `neurokit plugins` lists everything installed.",
        "",
    ]
    for kind, title in KINDS:
        lines += [f"### {title}", ""]
        for name, descriptor in sorted(registry.components(kind).items()):
            summary = _cell(descriptor.summary) or ""
            schema = descriptor.params.model_json_schema()
            lines += [f"#### `{name}`", "", summary, "", *fields_table(schema), ""]
            lines += nested_tables(schema)
    return "\n".join(lines).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    check = "--check" in args
    paths = [a for a in args if a != "--check"]
    path = Path(paths[0]) if paths else DEFAULT_PATH
    text = render()
    if check:
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        if current != text:
            print(f"{path} is out of date; regenerate it with: {REGENERATE}", file=sys.stderr)
            return 1
        print(f"{path} is up to date")
        return 0
    from neurokit.core import atomic

    atomic.write_text(path, text)
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
