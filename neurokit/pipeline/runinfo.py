"""``run.json``: who a run is, so a checkpoint can be bound to the run that wrote it.

It holds ``run_id`` (random, fixed for the run's life, kept by ``--resume``) and
``spec_sha256``: the hash of the spec without ``training.epochs`` (the one field a resume may
change). Checkpoints carry both; one that does not match its directory is refused.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from pathlib import Path

from neurokit.core import atomic
from neurokit.core.errors import ModelFileError

RUN_INFO_FILE = "run.json"
MAX_RUN_INFO_BYTES = 4096


def new_run_id() -> str:
    return uuid.uuid4().hex


def spec_fingerprint(spec) -> str:
    """sha256 of the spec's JSON with ``training.epochs`` left out, keys sorted."""
    data = spec.model_dump(mode="json", exclude_none=True)
    if isinstance(data.get("training"), dict):
        data["training"] = {k: v for k, v in data["training"].items() if k != "epochs"}
    text = json.dumps(data, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def write_run_info(directory: Path, run_id: str, spec) -> None:
    info = {"run_id": run_id, "spec_sha256": spec_fingerprint(spec)}
    atomic.write_text(directory / RUN_INFO_FILE, json.dumps(info) + "\n")


def read_run_info(directory: Path) -> dict | None:
    """The run's identity, or None for a run written before ``run.json`` existed."""
    path = directory / RUN_INFO_FILE
    if not path.is_file():
        return None
    with path.open("rb") as handle:
        raw = handle.read(MAX_RUN_INFO_BYTES + 1)
    try:
        if len(raw) > MAX_RUN_INFO_BYTES:
            raise ValueError("too large")
        info = json.loads(raw.decode("utf-8"))
        if not isinstance(info, dict) or not all(
            isinstance(info.get(key), str) for key in ("run_id", "spec_sha256")
        ):
            raise ValueError("run_id and spec_sha256 must be strings")
    except (ValueError, RecursionError) as exc:
        raise ModelFileError(f"{path}: damaged run identity ({exc})") from None
    return info
