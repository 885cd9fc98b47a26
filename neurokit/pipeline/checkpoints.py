"""Checkpoints: everything needed to resume a run bit-identically, in one atomic file.

``checkpoint.npz`` holds the model arrays (as in ``model.npz``), the optimizer's state arrays
(prefixed ``optimizer/``) and ``state_json``: the epoch reached, the random generator's state
(so the next epoch's shuffle is the one an uninterrupted run draws) and the run it belongs to
(``run_id`` and ``spec_sha256``, see ``neurokit.pipeline.runinfo``). The metrics so far are
not repeated here: they are the first ``epoch`` rows of ``metrics.jsonl``, so a checkpoint
costs O(model), not O(history). Checkpoints are taken at epoch boundaries only.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np

from neurokit.core import atomic
from neurokit.core.errors import ModelFileError, PluginFault
from neurokit.pipeline import runinfo, runs
from neurokit.pipeline.early_stopping import BEST_PREFIX, EarlyStopping

CHECKPOINT_FILE = runs.CHECKPOINT_FILE
OPTIMIZER_PREFIX = "optimizer/"
STATE_FORMAT = 2
#: A training state is a few hundred bytes; anything much larger was not written by neurokit.
MAX_STATE_BYTES = 1 << 20


def save_checkpoint(run, directory: Path | None = None, run_id: str = "") -> Path:
    """Write ``run``'s checkpoint into ``directory`` (default its output directory)."""
    state = {
        "format": STATE_FORMAT,
        "epoch": len(run.history),
        "rng": run.rng.bit_generator.state,
        "run_id": run_id,
        "spec_sha256": runinfo.spec_fingerprint(run.spec),
    }
    arrays = runs.model_arrays(run.model)
    if run.optimizer is not None:
        arrays.update(optimizer_arrays(run.optimizer))
    stopper = getattr(run, "early_stopping", None)
    if stopper is not None:  # the patience count and the best so far go on after a resume
        state["early_stopping"], best = stopper.checkpoint_state()
        arrays.update(best)
    arrays["state_json"] = np.frombuffer(json.dumps(state).encode("utf-8"), dtype=np.uint8)
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)  # type: ignore[arg-type]  # every array checked numeric: no pickles
    path = Path(directory or run.out_dir) / CHECKPOINT_FILE
    atomic.write_bytes(path, buffer.getvalue())
    return path


def optimizer_arrays(optimizer) -> dict[str, np.ndarray]:
    """The optimizer's ``state_dict()`` as plain numeric arrays; anything else is the plugin's
    fault, reported by name, and never written as a pickled object array."""
    arrays = {}
    for key, value in optimizer.state_dict().items():
        array = np.asarray(value) if isinstance(value, np.ndarray | int | float | list) else None
        if array is None or array.dtype.kind not in "biuf" or not isinstance(key, str):
            plugin = getattr(optimizer, "plugin_name", "") or type(optimizer).__module__
            raise PluginFault(
                f"plugin {plugin!r}: optimizer state_dict()[{key!r}] is a "
                f"{type(value).__name__}, not a numeric array; it cannot be checkpointed"
            )
        arrays[OPTIMIZER_PREFIX + key] = array
    return arrays


def restore_checkpoint(run, path: Path, run_dir: Path | None = None) -> None:
    """Load a checkpoint into a freshly prepared ``run`` of the same spec.

    With ``run_dir``, the checkpoint must belong to the run there (its ``run.json``) and the
    first ``epoch`` rows of its ``metrics.jsonl`` become the history.
    """
    arrays = runs.read_model_arrays(path)
    extra = tuple(k for k in arrays if k.startswith((OPTIMIZER_PREFIX, BEST_PREFIX)))
    extra += ("state_json",)
    if "state_json" not in arrays:
        raise ModelFileError(f"{path}: not a checkpoint (no training state inside)")
    state = _read_state(path, arrays["state_json"])
    _check_binding(path, state, run, run_dir)
    runs.load_model_into(path, run.model, allowed_extra=extra)
    history = _history(path, state, run_dir)
    try:
        run.rng.bit_generator.state = state["rng"]
    except (ValueError, TypeError, KeyError, OverflowError) as exc:
        raise ModelFileError(f"{path}: damaged random generator state ({exc})") from None
    if run.optimizer is not None:
        run.optimizer.load_state_dict(
            {
                k[len(OPTIMIZER_PREFIX) :]: v
                for k, v in arrays.items()
                if k.startswith(OPTIMIZER_PREFIX)
            }
        )
    run.history = history
    _restore_early_stopping(run, path, state, arrays)


def _restore_early_stopping(run, path: Path, state: dict, arrays: dict) -> None:
    """The early stopping of a resumed run, continuing the checkpoint's count and best."""
    stopper = EarlyStopping.for_run(run)
    if stopper is not None and "early_stopping" in state:
        stopper.restore_state(path, state["early_stopping"], arrays, run)
    run.early_stopping = stopper


def _read_state(path: Path, raw: np.ndarray) -> dict:
    if raw.dtype != np.uint8 or raw.ndim != 1 or raw.size > MAX_STATE_BYTES:
        raise ModelFileError(f"{path}: damaged training state (state_json is not short text)")
    try:
        state = json.loads(raw.tobytes().decode("utf-8"))
    except (ValueError, RecursionError) as exc:
        raise ModelFileError(f"{path}: damaged training state ({type(exc).__name__})") from None
    epoch = state.get("epoch") if isinstance(state, dict) else None
    rng = state.get("rng") if isinstance(state, dict) else None
    if not isinstance(epoch, int) or isinstance(epoch, bool) or epoch < 0:
        raise ModelFileError(f"{path}: damaged training state (epoch is not a count)")
    if not isinstance(rng, dict) or not isinstance(rng.get("state"), dict):
        raise ModelFileError(f"{path}: damaged training state (no random generator state)")
    return state


def _check_binding(path: Path, state: dict, run, run_dir: Path | None) -> None:
    expected = runinfo.spec_fingerprint(run.spec)
    written = state.get("spec_sha256")
    if written is not None and written != expected:
        raise ModelFileError(
            f"{path}: belongs to a different spec than {runs.SPEC_FILE} beside it; "
            "it cannot continue this run"
        )
    info = runinfo.read_run_info(run_dir) if run_dir is not None else None
    if info is not None and state.get("run_id") != info["run_id"]:
        raise ModelFileError(
            f"{path}: belongs to another run (run id {str(state.get('run_id'))[:12]!r}, this "
            f"run is {info['run_id'][:12]!r}); it cannot continue this run"
        )


def _history(path: Path, state: dict, run_dir: Path | None) -> list[dict]:
    epoch = state["epoch"]
    if "history" in state:  # format 1 kept the history inside
        history = state["history"]
        if not isinstance(history, list) or not all(isinstance(r, dict) for r in history):
            raise ModelFileError(f"{path}: damaged training state (history)")
        return list(history)
    rows = runs.read_metrics(Path(run_dir or path.parent) / runs.METRICS_FILE)
    if len(rows) < epoch:
        raise ModelFileError(
            f"{path}: checkpoint is at epoch {epoch} but {runs.METRICS_FILE} holds only "
            f"{len(rows)} rows"
        )
    return rows[:epoch]
