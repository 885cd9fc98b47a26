"""Run directories as the Runs page shows them: list, spec, curves, confusion, mistakes."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from neurokit.core.datasets import class_of
from neurokit.core.errors import NeurokitError
from neurokit.pipeline import runs
from neurokit.studio.pictures import rounded
from neurokit.studio.safety import inside

#: Mistakes shown per run.
MAX_MISTAKES = 24


def list_runs(root: Path) -> list[dict]:
    """Every directory under ``root`` holding a spec.json, newest first."""
    if not root.is_dir():
        return []
    found = []
    for spec_path in root.glob(f"*/{runs.SPEC_FILE}"):
        run_dir = spec_path.parent
        try:
            spec = json.loads(spec_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            spec = {}
        history = _history(run_dir)
        last = history[-1] if history else {}
        found.append(
            {
                "name": run_dir.name,
                "spec_name": spec.get("name", ""),
                "epochs": len(history),
                "train_cost": last.get("train_cost"),
                "validation_accuracy": last.get("validation_accuracy"),
                "modified": run_dir.stat().st_mtime,
            }
        )
    return sorted(found, key=lambda r: r["modified"], reverse=True)


def run_dir(root: Path, name: str) -> Path:
    """The run directory ``name`` directly under ``root`` (refusing anything else)."""
    if "/" in name:
        raise NeurokitError(f"{name!r}: a run is named by its directory under the runs directory")
    path = inside(root, name)
    if not (path / runs.SPEC_FILE).is_file():
        raise FileNotFoundError(f"no run {name!r} in the runs directory")
    return path


def _history(path: Path) -> list[dict]:
    try:
        return runs.read_metrics(path / runs.METRICS_FILE)
    except NeurokitError:
        return []


def run_details(path: Path, registry) -> dict:
    """Spec, metrics and, when the model loads and its data is at hand, confusion and mistakes."""
    details = {
        "name": path.name,
        "spec": json.loads((path / runs.SPEC_FILE).read_text(encoding="utf-8")),
        "history": _history(path),
        "files": sorted(p.name for p in path.iterdir() if p.is_file()),
    }
    try:
        details.update(_evaluation(path, registry))
    except NeurokitError as exc:
        details["evaluation_error"] = str(exc)
    return details


def _evaluation(path: Path, registry) -> dict:
    from neurokit.pipeline.evaluation import evaluate, load_data_for

    spec, model = runs.load_run(path, registry)
    data = load_data_for(spec, model, registry)
    split_name = next(s for s in ("test", "validation", "train") if s in data.splits)
    split = data.split(split_name)
    result = evaluate(model, split, class_names=data.class_names, split_name=split_name)
    outputs = model.predict(split.x)
    predicted, true = class_of(outputs), class_of(split.y)
    wrong = np.flatnonzero(predicted != true)[:MAX_MISTAKES]
    shape = data.image_shape
    mistakes = [
        {
            "index": int(i),
            "label": int(true[i]),
            "predicted": int(predicted[i]),
            "image": rounded(split.x[i].reshape(shape), 3) if shape else None,
            "x": None if shape else rounded(split.x[i], 4),
        }
        for i in wrong
    ]
    return {"evaluation": result.to_dict(), "mistakes": mistakes}
