"""Run directories and saved models: ``spec.json``, ``model.npz``, ``metrics.jsonl``.

``model.npz`` holds plain arrays only (loadable with ``allow_pickle=False``): ``format_version``
and the model's named arrays (``Model.arrays``). For the feedforward net those are ``sizes``
and ``w2, b2, …, wL, bL`` — w^l and b^l by the lecture's layer numbers. Loading builds the
model from the run's spec and checks every name, shape and dtype against it before copying.
Every file is written atomically (see ``neurokit.core.atomic``).
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np

from neurokit.core import atomic
from neurokit.core.errors import ModelFileError, NeurokitError

MODEL_FORMAT_VERSION = 1
SPEC_FILE = "spec.json"
MODEL_FILE = "model.npz"
METRICS_FILE = "metrics.jsonl"
CHECKPOINT_FILE = "checkpoint.npz"
RUN_FILES = (SPEC_FILE, MODEL_FILE, METRICS_FILE, CHECKPOINT_FILE)
ZIP_MAGIC = b"PK\x03\x04"


def model_arrays(model) -> dict[str, np.ndarray]:
    """What ``model.npz`` holds for ``model``: the format version and the model's arrays."""
    return {"format_version": np.array(MODEL_FORMAT_VERSION, dtype=np.int64), **model.arrays()}


def save_model(path: str | Path, model, extra: dict[str, np.ndarray] | None = None) -> None:
    """Write the arrays of ``model`` (plus ``extra`` arrays) to ``path`` atomically."""
    buffer = io.BytesIO()
    arrays = {**model_arrays(model), **(extra or {})}
    np.savez(buffer, **arrays)  # type: ignore[arg-type]  # numpy's stub fears a key allow_pickle
    atomic.write_bytes(path, buffer.getvalue())


def read_model_arrays(path: str | Path) -> dict[str, np.ndarray]:
    """Every array in a model file; foreign, truncated, pickled or oversized files are refused."""
    from neurokit.pipeline.npzfile import read_npz

    return read_npz(path)


def load_model_into(path: str | Path, model, allowed_extra: tuple[str, ...] = ()) -> dict:
    """Load ``model``'s arrays from ``path`` after checking every name, shape and dtype against
    the model as built from its spec.

    Returns the extra arrays (listed in ``allowed_extra``) that were present.
    """
    arrays = read_model_arrays(path)
    expected = model_arrays(model)
    version = arrays.get("format_version")
    if (
        version is None
        or version.shape != ()
        or version.dtype.kind not in "iu"
        or int(version) != MODEL_FORMAT_VERSION
    ):
        raise ModelFileError(
            f"{path}: not a neurokit model of format version {MODEL_FORMAT_VERSION}"
        )
    unexpected = sorted(set(arrays) - set(expected) - set(allowed_extra))
    missing = sorted(set(expected) - set(arrays))
    if unexpected or missing:
        detail = "; ".join(
            part
            for part in (
                f"missing {', '.join(missing)}" if missing else "",
                f"unexpected {', '.join(unexpected)}" if unexpected else "",
            )
            if part
        )
        raise ModelFileError(f"{path}: arrays do not match the spec's model: {detail}")
    for name, target in model.arrays().items():
        if target.dtype.kind in "iu":
            _check_record(path, name, arrays[name], target)
        else:
            _check_array(path, name, arrays[name], target)
    model.load_arrays(arrays)
    return {k: v for k, v in arrays.items() if k in allowed_extra}


def _check_record(path, name: str, array: np.ndarray, target: np.ndarray) -> None:
    """An integer array (layer sizes, a grid's shape) must equal what the spec builds."""
    if array.dtype.kind not in "iu" or array.shape != target.shape or (array != target).any():
        what = "layer sizes" if name == "sizes" else name
        got = array.tolist() if array.size <= 20 else f"an array of shape {array.shape}"
        raise ModelFileError(f"{path}: model has {what} {got}, spec says {target.tolist()}")


def _check_array(path, name: str, array: np.ndarray, target: np.ndarray) -> None:
    if array.shape != target.shape:
        raise ModelFileError(f"{path}: {name} has shape {array.shape}, expected {target.shape}")
    if array.dtype.kind != "f":
        raise ModelFileError(f"{path}: {name} has dtype {array.dtype}, expected floating point")
    if not np.isfinite(array).all():
        raise ModelFileError(f"{path}: {name} holds NaN or infinite values")


# --- run directories ----------------------------------------------------------------------


def check_out_dir(out_dir: Path, overwrite: bool) -> None:
    """Refuse to train into an existing run unless ``overwrite``; nothing is touched here."""
    if out_dir.exists() and not out_dir.is_dir():
        raise NeurokitError(f"{out_dir}: exists and is not a directory")
    existing = [name for name in RUN_FILES if (out_dir / name).exists()]
    if existing and not overwrite:
        raise NeurokitError(
            f"{out_dir}: already holds a run ({', '.join(existing)})",
            setting="overwrite",
            advice="train with overwrite=True to replace it, or into another directory",
        )


def write_metrics(path: Path, history: list[dict]) -> None:
    atomic.write_text(path, "".join(json.dumps(row) + "\n" for row in history))


def read_metrics(path: Path) -> list[dict]:
    """Every row of a ``metrics.jsonl``, checked (see ``neurokit.pipeline.metricsfile``)."""
    from neurokit.pipeline.metricsfile import read_metrics as read_checked

    return read_checked(path)


def load_run(run_dir: str | Path, registry):
    """(spec, model) of a finished run directory, the model checked against the spec."""
    from neurokit.pipeline.builder import build_model
    from neurokit.pipeline.run_plugins import ensure_plugins
    from neurokit.spec import load_spec

    run_dir = Path(run_dir)
    if not run_dir.is_dir():
        raise ModelFileError(f"{run_dir}: no such run directory")
    spec_path = run_dir / SPEC_FILE
    if not spec_path.is_file():
        raise ModelFileError(f"{run_dir}: not a run directory (no {SPEC_FILE})")
    ensure_plugins(run_dir, registry)
    spec = load_spec(spec_path, registry, source=str(spec_path))
    model = build_model(spec, registry)
    load_model_into(run_dir / MODEL_FILE, model)
    return spec, model
