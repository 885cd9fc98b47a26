"""Helpers for the fault-injection tests: start trainings, inspect run directories."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent


def quick_mnist(path: Path, epochs: int, train_limit: int = 1000, name: str = "quick") -> Path:
    spec = json.loads((ROOT / "examples" / "mnist.json").read_text())
    spec["name"] = name
    spec["training"]["epochs"] = epochs
    spec["data"]["params"] = {"train_limit": train_limit}
    path.write_text(json.dumps(spec))
    return path


def env() -> dict:
    return {**os.environ, "PYTHONPATH": str(ROOT), "NEUROKIT_DISABLE_PLUGIN_AUTOLOAD": "1"}


def start(*args, cwd=None) -> subprocess.Popen:
    command = [sys.executable, "-m", "neurokit", *map(str, args)]
    return subprocess.Popen(
        command,
        env=env(),
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def neurokit(*args, cwd=None) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "neurokit", *map(str, args)]
    return subprocess.run(command, env=env(), cwd=cwd, capture_output=True, text=True, timeout=120)


def wait_for(condition, process, timeout=60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        if process.poll() is not None:
            raise AssertionError(f"exited {process.returncode}: {process.stderr.read()}")
        time.sleep(0.01)
    raise AssertionError("timed out")


def metrics_rows(run_dir: Path) -> int:
    path = run_dir / "metrics.jsonl"
    if not path.exists():
        return 0
    return sum(1 for line in path.read_text().splitlines() if line.strip())


def evaluates(run_dir: Path, *plugin_args: str) -> bool:
    """``neurokit evaluate`` loads the run and scores it (exit 0); run in this process."""
    import contextlib
    import io

    from neurokit.cli import main

    sink = io.StringIO()
    with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
        return main(["evaluate", str(run_dir), "--split", "train", "--json", *plugin_args]) == 0


def model_digest(run_dir: Path) -> bytes:
    with np.load(run_dir / "model.npz", allow_pickle=False) as archive:
        return b"".join(archive[name].tobytes() for name in sorted(archive.files))
