"""What the page offers to build with: registered components (plugins included) and the
example specs."""

from __future__ import annotations

import json
from pathlib import Path

from neurokit.core.errors import NeurokitError
from neurokit.studio.safety import inside

#: Example specs larger than this are not offered.
MAX_EXAMPLE_BYTES = 200_000


def components(registry) -> dict:
    """Every registered neuron, cost, optimizer, data set and model, with its parameters."""
    found: dict = {}
    for kind in ("neuron", "cost", "optimizer", "dataset", "model"):
        found[kind] = [_describe(kind, registry.get(kind, name)) for name in registry.names(kind)]
    found["problems"] = [str(p) for p in registry.problems]
    return found


def _describe(kind: str, descriptor) -> dict:
    entry = {
        "name": descriptor.name,
        "summary": getattr(descriptor, "summary", ""),
        "plugin": descriptor.plugin,
    }
    params = getattr(descriptor, "params", None)
    try:
        entry["params"] = params.model_json_schema() if params is not None else {}
        entry["defaults"] = params().model_dump(mode="json") if params is not None else {}
    except Exception:  # noqa: BLE001 - params without defaults have none to show
        entry.setdefault("params", {})
        entry["defaults"] = {}
    if kind == "neuron":
        try:
            entry["differentiable"] = bool(getattr(descriptor.build(), "differentiable", True))
        except Exception:  # noqa: BLE001
            entry["differentiable"] = True
    return entry


def find_examples_dir(start: Path | None = None) -> Path | None:
    """``examples/`` in the working directory, else the one beside the installed package."""
    for candidate in (Path.cwd() / "examples", Path(__file__).resolve().parents[2] / "examples"):
        if candidate.is_dir():
            return candidate
    return None


def examples(directory: Path | None) -> list[dict]:
    """The example specs (``*.json`` in the directory and its subfolders)."""
    if directory is None or not directory.is_dir():
        return []
    listed = []
    for path in sorted(directory.rglob("*.json")):
        if path.stat().st_size > MAX_EXAMPLE_BYTES:
            continue
        try:
            spec = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if not isinstance(spec, dict) or "layers" not in spec:
            continue
        data = spec.get("data") or {}
        listed.append(
            {
                "name": path.relative_to(directory).as_posix(),
                "spec_name": spec.get("name", ""),
                "description": spec.get("description", ""),
                "dataset": data.get("name", "") if isinstance(data, dict) else "",
                "sizes": [layer.get("size") for layer in spec["layers"] if isinstance(layer, dict)],
            }
        )
    return listed


def example(directory: Path | None, name: str) -> dict:
    """One example spec's JSON, by its name relative to the examples directory."""
    if directory is None:
        raise FileNotFoundError("no examples directory")
    path = inside(directory, name)
    if path.suffix != ".json" or not path.is_file():
        raise FileNotFoundError(f"no example {name!r}")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise NeurokitError(f"{name}: not JSON ({exc})") from None
