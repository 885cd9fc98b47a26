"""Run directories and saved models: ``spec.json``, ``model.npz``, ``metrics.jsonl``.

``model.npz`` holds plain arrays only (loadable with ``allow_pickle=False``):
``format_version``, ``sizes``, and ``w2, b2, …, wL, bL`` — w^l and b^l by the lecture's
layer numbers. Every file is written atomically (see ``neurokit.core.atomic``).
"""

from __future__ import annotations

import io
import json
import zipfile
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


def model_arrays(network) -> dict[str, np.ndarray]:
    arrays = {
        "format_version": np.array(MODEL_FORMAT_VERSION, dtype=np.int64),
        "sizes": np.array(network.sizes, dtype=np.int64),
    }
    for i, (w, b) in enumerate(zip(network.weights, network.biases, strict=True)):
        arrays[f"w{i + 2}"] = w
        arrays[f"b{i + 2}"] = b
    return arrays


def save_model(path: str | Path, network, extra: dict[str, np.ndarray] | None = None) -> None:
    """Write w^l and b^l of ``network`` (plus ``extra`` arrays) to ``path`` atomically."""
    buffer = io.BytesIO()
    np.savez(buffer, **model_arrays(network), **(extra or {}))
    atomic.write_bytes(path, buffer.getvalue())


def read_model_arrays(path: str | Path) -> dict[str, np.ndarray]:
    """Every array in a model file; foreign, truncated or pickled files are refused."""
    path = Path(path)
    if not path.is_file():
        raise ModelFileError(f"{path}: no such model file")
    # np.load would treat any non-zip file as a pickle (or a lone .npy array); look first.
    with path.open("rb") as handle:
        magic = handle.read(len(ZIP_MAGIC))
    if magic != ZIP_MAGIC:
        kind = "empty file" if not magic else "not an npz (zip) archive"
        raise ModelFileError(f"{path}: not a neurokit model ({kind})")
    try:
        with np.load(path, allow_pickle=False) as archive:
            return {name: archive[name] for name in archive.files}
    except (zipfile.BadZipFile, EOFError, OSError) as exc:
        raise ModelFileError(f"{path}: not a neurokit model (unreadable npz: {exc})") from None
    except ValueError as exc:
        if "pickle" in str(exc) or "Object arrays" in str(exc):
            # numpy refuses object arrays when allow_pickle=False; neurokit never writes them.
            raise ModelFileError(
                f"{path}: refused: holds a pickled (object) array, which neurokit never writes "
                "and will not load"
            ) from None
        raise ModelFileError(f"{path}: not a neurokit model (damaged array: {exc})") from None


def load_model_into(path: str | Path, network, allowed_extra: tuple[str, ...] = ()) -> dict:
    """Load w^l, b^l from ``path`` into ``network`` after checking every name, shape, dtype.

    Returns the extra arrays (listed in ``allowed_extra``) that were present.
    """
    arrays = read_model_arrays(path)
    expected = set(model_arrays(network))
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
    unexpected = sorted(set(arrays) - expected - set(allowed_extra))
    missing = sorted(expected - set(arrays))
    if unexpected or missing:
        detail = "; ".join(
            part
            for part in (
                f"missing {', '.join(missing)}" if missing else "",
                f"unexpected {', '.join(unexpected)}" if unexpected else "",
            )
            if part
        )
        raise ModelFileError(f"{path}: arrays do not match the spec's network: {detail}")
    sizes = arrays["sizes"]
    if sizes.ndim != 1 or sizes.dtype.kind not in "iu" or sizes.tolist() != network.sizes:
        raise ModelFileError(
            f"{path}: model has layer sizes {sizes.tolist()}, spec says {network.sizes}"
        )
    for i in range(len(network.weights)):
        for name, target in ((f"w{i + 2}", network.weights[i]), (f"b{i + 2}", network.biases[i])):
            _check_array(path, name, arrays[name], target)
            target[...] = arrays[name]
    return {k: v for k, v in arrays.items() if k in allowed_extra}


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
            f"{out_dir}: already holds a run ({', '.join(existing)}); "
            "pass --overwrite to replace it or choose another --out"
        )


def write_metrics(path: Path, history: list[dict]) -> None:
    atomic.write_text(path, "".join(json.dumps(row) + "\n" for row in history))


def read_metrics(path: Path) -> list[dict]:
    if not path.exists():
        return []
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as exc:
            raise ModelFileError(f"{path}: line {number}: not JSON ({exc.msg})") from None
    return rows


def load_run(run_dir: str | Path, registry):
    """(spec, network) of a finished run directory, the model checked against the spec."""
    from neurokit.pipeline.builder import build_network
    from neurokit.pipeline.run_plugins import ensure_plugins
    from neurokit.spec import load_spec

    run_dir = Path(run_dir)
    if not run_dir.is_dir():
        raise ModelFileError(f"{run_dir}: no such run directory")
    spec_path = run_dir / SPEC_FILE
    if not spec_path.is_file():
        raise ModelFileError(f"{run_dir}: not a run directory (no {SPEC_FILE})")
    ensure_plugins(run_dir, registry)
    spec = load_spec(spec_path, registry)
    network = build_network(spec, registry)
    load_model_into(run_dir / MODEL_FILE, network)
    return spec, network
