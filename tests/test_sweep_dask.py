"""Sweeps on real Dask LocalClusters with worker processes: results equal to local and serial
runs, a worker killed mid-trial, a LocalCluster the executor starts, an unreachable scheduler.

In CI (CI=true) dask must be installed (the test extra carries it); elsewhere these tests are
skipped only when it is missing.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import threading
import time
from pathlib import Path

import pytest

if os.environ.get("CI") == "true":
    import distributed  # noqa: F401 - in CI a missing dask is a failure, not a skip
else:
    pytest.importorskip("distributed", reason="dask.distributed is not installed")

from distributed import Client, LocalCluster

from neurokit.cli import main
from neurokit.core.errors import NeurokitError
from neurokit.pipeline import runs
from neurokit.pipeline.sweep import run_sweep
from neurokit.pipeline.sweep_plan import make_plan
from neurokit.pipeline.sweep_trial import run_trial

TIMING_FIELDS = {"seconds", "samples_per_second"}


@pytest.fixture(scope="module")
def cluster():
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as local:
        yield local


@pytest.fixture
def xor_spec(write_spec, xor_spec_dict):
    xor_spec_dict["training"]["epochs"] = 150
    return write_spec(xor_spec_dict, "xor.json")


def results(sweep_dir: Path) -> list[dict]:
    return [json.loads(line) for line in (sweep_dir / "results.jsonl").read_text().splitlines()]


def run_dir_contents(run_dir: Path) -> dict:
    """What a run directory holds, minus wall-clock times: spec bytes, arrays, metrics."""
    arrays = runs.read_model_arrays(run_dir / "model.npz")
    metrics = [
        {k: v for k, v in row.items() if k not in TIMING_FIELDS}
        for row in runs.read_metrics(run_dir / "metrics.jsonl")
    ]
    return {"spec": (run_dir / "spec.json").read_bytes(), "arrays": arrays, "metrics": metrics}


def assert_same_run(a: Path, b: Path) -> None:
    first, second = run_dir_contents(a), run_dir_contents(b)
    assert first["spec"] == second["spec"]
    assert first["metrics"] == second["metrics"]
    assert first["arrays"].keys() == second["arrays"].keys()
    for name, array in first["arrays"].items():
        other = second["arrays"][name]
        assert array.dtype == other.dtype and array.tobytes() == other.tobytes(), name


def test_dask_local_and_serial_sweeps_give_bit_identical_runs(
    xor_spec, tmp_path, registry, cluster
):
    grid = ["optimizer.params.eta=0.5,3", "layers[1].size=3,5"]
    plan = make_plan(xor_spec, registry, grid=grid, seeds=2)
    on_dask = run_sweep(
        plan,
        tmp_path / "dask",
        registry,
        executor="dask",
        executor_params={"scheduler": cluster.scheduler_address},
        new=True,
    )
    on_pool = run_sweep(
        plan,
        tmp_path / "local",
        registry,
        executor="local",
        executor_params={"workers": 2},
        new=True,
    )
    assert not on_dask.stopped and not on_pool.stopped
    assert len(results(tmp_path / "dask")) == len(results(tmp_path / "local")) == 8
    for trial in plan.trials():  # serially, in this process, one after the other
        result = run_trial(
            {"spec": plan.trial_spec(trial), "out_dir": str(tmp_path / "serial" / trial.id)}
        )
        assert result["status"] == "ok"
        for executor in ("dask", "local"):
            assert_same_run(
                tmp_path / "serial" / trial.id, tmp_path / executor / "trials" / trial.id
            )
    finals = {r["trial"]: r["final"] for r in results(tmp_path / "dask")}
    assert finals == {r["trial"]: r["final"] for r in results(tmp_path / "local")}


def test_a_worker_killed_mid_trial_is_retried_and_nothing_finished_is_lost(
    write_spec, xor_spec_dict, tmp_path, registry
):
    xor_spec_dict["training"]["epochs"] = 4000  # a second or more a trial: time to kill one
    spec = write_spec(xor_spec_dict, "slow.json")
    plan = make_plan(spec, registry, grid=["optimizer.params.eta=1,2,3,4,5,6"])
    out = tmp_path / "sweep"
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        Client(cluster) as watcher,
    ):
        outcome: dict = {}

        def sweep():
            outcome["value"] = run_sweep(
                plan,
                out,
                registry,
                executor="dask",
                executor_params={"scheduler": cluster.scheduler_address},
                new=True,
            )

        thread = threading.Thread(target=sweep)
        thread.start()
        victim = _worker_busy_with_a_trial(watcher, out)
        finished_before = results(out) if (out / "results.jsonl").exists() else []
        victim_pid = watcher.run(os.getpid)[victim]
        os.kill(victim_pid, signal.SIGKILL)
        thread.join(timeout=300)
        assert not thread.is_alive(), "the sweep did not finish after a worker died"
        assert victim_pid not in watcher.run(os.getpid).values()  # it really died
    records = results(out)
    assert sorted(r["trial"] for r in records) == sorted(t.id for t in plan.trials())
    assert records[: len(finished_before)] == finished_before  # nothing finished is lost
    for record in records:
        assert record["status"] in ("ok", "failed")
        if record["status"] == "ok":
            history = runs.read_metrics(out / record["run_dir"] / "metrics.jsonl")
            assert len(history) == 4000
    # the scheduler hands a lost task to another worker: every trial completes
    assert all(r["status"] == "ok" for r in records)
    assert outcome["value"].pending == 0


def _worker_busy_with_a_trial(client, out: Path, timeout=120.0) -> str:
    """The address of a worker that is part-way through a trial (its metrics are appearing)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        busy = [address for address, keys in client.processing().items() if keys]
        started = (
            any((out / "trials").glob("*/metrics.jsonl")) if (out / "trials").exists() else False
        )
        if busy and started:
            return busy[0]
        time.sleep(0.05)
    raise AssertionError("no worker started a trial")


def test_the_dask_executor_starts_a_local_cluster_when_given_no_scheduler(
    xor_spec, tmp_path, capsys
):
    out = tmp_path / "sweep"
    code = main(
        [
            "sweep",
            str(xor_spec),
            "--grid",
            "optimizer.params.eta=1,2,3",
            "--executor",
            "dask",
            "--workers",
            "2",
            "--out",
            str(out),
            "--progress",
            "plain",
        ]
    )
    printed = capsys.readouterr().out
    assert code == 0
    assert "dask: LocalCluster of 2 worker processes" in printed
    assert [r["status"] for r in results(out)] == ["ok"] * 3


def test_an_unreachable_scheduler_is_a_clear_error_not_a_hang(xor_spec, tmp_path, registry):
    with socket.socket() as probe:  # a port on this machine that nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    plan = make_plan(xor_spec, registry, grid=["optimizer.params.eta=1,2"])
    out = tmp_path / "sweep"
    raised: dict = {}

    def sweep():
        try:
            run_sweep(
                plan,
                out,
                registry,
                executor="dask",
                new=True,
                executor_params={"scheduler": f"tcp://127.0.0.1:{port}", "connect_timeout": 1},
            )
        except NeurokitError as exc:
            raised["error"] = exc

    thread = threading.Thread(target=sweep)
    thread.start()
    thread.join(timeout=120)  # a guard against a hang, not a speed requirement
    assert not thread.is_alive()
    message = str(raised["error"])
    assert message.startswith(f"dask scheduler tcp://127.0.0.1:{port}: cannot connect within 1 s")
    assert "\n" not in message
    assert not out.exists()  # nothing started, nothing written


def test_an_unreachable_scheduler_on_the_command_line_exits_2(xor_spec, tmp_path, capsys):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    code = main(
        [
            "sweep",
            str(xor_spec),
            "--grid",
            "optimizer.params.eta=1,2",
            "--executor",
            "dask",
            "--scheduler",
            f"tcp://127.0.0.1:{port}",
            "--out",
            str(tmp_path / "sweep"),
        ]
    )
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and "cannot connect within 10 s" in err
    assert not (tmp_path / "sweep").exists()


def test_the_executors_own_local_cluster_runs_trials_without_profiling_or_malloc_trimming(
    monkeypatch,
):
    # Dask's defaults (a stack profiler every 10 ms, MALLOC_TRIM_THRESHOLD_=65536) slowed a
    # 2-worker sweep to 0.92× the serial time; the cluster the executor starts has neither.
    from neurokit.builtins.executors import DaskExecutor

    # A LocalCluster of Dask's defaults started earlier in this process (this module's own
    # fixture, a notebook's) leaves MALLOC_TRIM_THRESHOLD_ in os.environ: simulate that.
    monkeypatch.setenv("MALLOC_TRIM_THRESHOLD_", "65536")
    executor = DaskExecutor(workers=1)
    try:
        in_worker = {
            name: executor.submit(os.getenv, name).result(timeout=120)  # getenv: by reference
            for name in ("MALLOC_TRIM_THRESHOLD_", "OPENBLAS_NUM_THREADS")
        }
        profiling = executor.submit(_profile_enabled, None).result(timeout=120)
    finally:
        executor.close()
    assert in_worker == {"MALLOC_TRIM_THRESHOLD_": None, "OPENBLAS_NUM_THREADS": "1"}
    assert profiling is False
    assert os.environ["MALLOC_TRIM_THRESHOLD_"] == "65536"  # this process's own, given back


def _profile_enabled(_task) -> bool:
    import dask

    return bool(dask.config.get("distributed.worker.profile.enabled"))
