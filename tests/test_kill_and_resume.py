"""Killed runs: what is on disk always loads, and a resumed run ends bit-identical."""

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
from reliability_summary import record

from neurokit.cli import main
from neurokit.pipeline import runs
from neurokit.pipeline.training import prepare, train
from neurokit.spec import parse_spec

ROOT = Path(__file__).resolve().parent.parent
KILL_ROUNDS = 12
#: Long enough that a kill after epoch 2 lands mid-run: saves come at most every 0.25 s.
RESUME_EPOCHS = 40


def quick_mnist(tmp_path, epochs):
    spec = json.loads((ROOT / "examples" / "mnist.json").read_text())
    spec["training"]["epochs"] = epochs
    spec["data"]["params"] = {"train_limit": 1000}
    path = tmp_path / "quick.json"
    path.write_text(json.dumps(spec))
    return path


def start_training(spec_path, out_dir, *extra):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NEUROKIT_DISABLE_PLUGIN_AUTOLOAD": "1"}
    command = [sys.executable, "-m", "neurokit", "train", *map(str, extra)]
    if spec_path is not None:
        command += [str(spec_path), "--out", str(out_dir)]
    command += ["--progress", "none", "--checkpoint-every", "1"]
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def wait_for_epoch(out_dir: Path, epoch: int, process, timeout=60.0):
    deadline = time.monotonic() + timeout
    metrics = out_dir / "metrics.jsonl"
    while time.monotonic() < deadline:
        if metrics.exists() and len(metrics.read_text().splitlines()) >= epoch:
            return
        assert process.poll() is None, process.stderr.read().decode()
        time.sleep(0.005)
    raise AssertionError(f"epoch {epoch} never finished")


def test_sigkill_at_random_moments_never_leaves_a_broken_run(tmp_path, registry):
    spec_path = quick_mnist(tmp_path, epochs=200)
    rounds_with_files = loaded = 0
    rng = random.Random(20261126)
    for round_number in range(KILL_ROUNDS):
        out = tmp_path / f"run{round_number}"
        process = start_training(spec_path, out)
        # Even rounds count from the moment the process has locked its run directory (the kill
        # may land before, during or after the first save); odd rounds from the first save, so
        # that half the rounds test a saved run however slow the machine is.
        lock = out.parent / f".{out.name}.lock"
        marker = lock if round_number % 2 == 0 else out / "spec.json"
        deadline = time.monotonic() + 120
        while not marker.exists() and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        time.sleep(rng.uniform(0.3, 2.0))
        process.send_signal(signal.SIGKILL)
        process.wait()
        if not (out / "spec.json").exists():
            continue  # killed before the first save: nothing written, nothing broken
        rounds_with_files += 1
        spec, network = runs.load_run(out, registry)
        assert network.sizes == [784, 30, 10]
        assert all(np.isfinite(p).all() for p in network.parameters)
        runs.read_metrics(out / "metrics.jsonl")
        with np.load(out / "checkpoint.npz", allow_pickle=False) as checkpoint:
            assert "state_json" in checkpoint.files
        loaded += 1
    record("kill_reload", rounds=KILL_ROUNDS, rounds_with_files=rounds_with_files, loaded=loaded)
    assert rounds_with_files >= KILL_ROUNDS // 2  # every odd round, at least


def test_killed_and_resumed_run_is_bit_identical(tmp_path, registry, capsys):
    spec_path = quick_mnist(tmp_path, epochs=RESUME_EPOCHS)
    out = tmp_path / "killed"
    process = start_training(spec_path, out)
    wait_for_epoch(out, 2, process)
    process.send_signal(signal.SIGKILL)
    process.wait()
    done = len(runs.read_metrics(out / "metrics.jsonl"))
    assert 2 <= done < RESUME_EPOCHS, "the kill should land mid-run"

    assert main(["train", "--resume", str(out), "--progress", "none"]) == 0
    assert "saved run to" in capsys.readouterr().out

    spec = parse_spec(json.loads(spec_path.read_text()), registry)
    uninterrupted = train(prepare(spec, registry)).network
    _, resumed = runs.load_run(out, registry)
    identical = all(
        np.array_equal(a, b)
        for a, b in zip(uninterrupted.parameters, resumed.parameters, strict=True)
    )
    record("resume", checks=1, identical=int(identical), killed_after=done, epochs=RESUME_EPOCHS)
    assert identical
    history = runs.read_metrics(out / "metrics.jsonl")
    assert [row["epoch"] for row in history] == list(range(1, RESUME_EPOCHS + 1))


def test_resume_without_checkpoint_is_a_clear_error(tmp_path, capsys):
    assert main(["train", "--resume", str(tmp_path), "--progress", "none"]) == 2
    assert "no checkpoint.npz to resume from" in capsys.readouterr().err
