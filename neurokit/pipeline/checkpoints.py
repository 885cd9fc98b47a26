"""Checkpoints: everything needed to resume a run bit-identically, in one atomic file.

``checkpoint.npz`` holds the model arrays (as in ``model.npz``), the optimizer's state arrays
(prefixed ``optimizer/``) and ``state_json``: the epoch reached, the metrics so far and the
random generator's state, so the next epoch's shuffle is the one an uninterrupted run draws.
Checkpoints are taken at epoch boundaries only.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np

from neurokit.core import atomic
from neurokit.core.errors import ModelFileError
from neurokit.pipeline import runs

CHECKPOINT_FILE = runs.CHECKPOINT_FILE
OPTIMIZER_PREFIX = "optimizer/"


def save_checkpoint(run) -> Path:
    """Write ``run``'s checkpoint into its output directory, atomically."""
    state = {
        "epoch": len(run.history),
        "history": run.history,
        "rng": run.rng.bit_generator.state,
    }
    arrays = runs.model_arrays(run.model)
    optimizer_state = run.optimizer.state_dict() if run.optimizer is not None else {}
    arrays.update({OPTIMIZER_PREFIX + k: v for k, v in optimizer_state.items()})
    arrays["state_json"] = np.frombuffer(json.dumps(state).encode("utf-8"), dtype=np.uint8)
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)  # type: ignore[arg-type]  # numpy's stub fears a key allow_pickle
    path = run.out_dir / CHECKPOINT_FILE
    atomic.write_bytes(path, buffer.getvalue())
    return path


def restore_checkpoint(run, path: Path) -> None:
    """Load a checkpoint into a freshly prepared ``run`` of the same spec."""
    arrays = runs.read_model_arrays(path)
    extra = tuple(k for k in arrays if k.startswith(OPTIMIZER_PREFIX)) + ("state_json",)
    runs.load_model_into(path, run.model, allowed_extra=extra)
    if "state_json" not in arrays:
        raise ModelFileError(f"{path}: not a checkpoint (no training state inside)")
    try:
        state = json.loads(arrays["state_json"].tobytes().decode("utf-8"))
        run.rng.bit_generator.state = state["rng"]
        history = list(state["history"])
    except (ValueError, KeyError, TypeError) as exc:
        raise ModelFileError(f"{path}: damaged training state ({exc})") from None
    if run.optimizer is not None:
        run.optimizer.load_state_dict(
            {
                k[len(OPTIMIZER_PREFIX) :]: v
                for k, v in arrays.items()
                if k.startswith(OPTIMIZER_PREFIX)
            }
        )
    run.history = history
