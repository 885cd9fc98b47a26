"""neurokit sweep with the local executor: the trials it makes, the files it writes, resume,
stopping, failed trials and bad input."""

from __future__ import annotations

import json
import math
import os
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from neurokit.cli import main
from neurokit.pipeline import runs
from neurokit.pipeline.sweep_plan import make_plan
from neurokit.pipeline.sweep_trial import run_trial

FLAKY_PLUGIN = '''
import neurokit
from pydantic import BaseModel, ConfigDict
from neurokit.components import Optimizer, OptimizerType


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    eta: float


class Flaky(Optimizer):
    """SGD, except that eta = 13 is unlucky: it raises in the first step."""

    def __init__(self, eta):
        self.eta = eta

    @property
    def gradient_scale(self):
        return self.eta

    def step(self, params, grads):
        if self.eta == 13:
            raise RuntimeError("unlucky eta")
        for param, grad in zip(params, grads):
            param -= grad


@neurokit.hookimpl
def neurokit_register_optimizers():
    return [OptimizerType("flaky", lambda p: Flaky(p.eta), Params)]
'''


@pytest.fixture
def xor_spec(write_spec, xor_spec_dict):
    xor_spec_dict["training"]["epochs"] = 100
    return write_spec(xor_spec_dict, "xor.json")


def sweep(*args) -> int:
    return main(["sweep", *map(str, args), "--progress", "plain"])


def results(sweep_dir: Path) -> list[dict]:
    return [json.loads(line) for line in (sweep_dir / "results.jsonl").read_text().splitlines()]


# --- the plan ---------------------------------------------------------------------------------


def test_grid_times_seeds_makes_every_trial_with_its_values(xor_spec, registry):
    plan = make_plan(
        xor_spec,
        registry,
        grid=["optimizer.params.eta=0.5,3", "layers[1].size=2,4,8"],
        seeds=2,
    )
    trials = plan.trials()
    assert len(trials) == 2 * 3 * 2
    combos = {
        (t.values["optimizer.params.eta"], t.values["layers[1].size"], t.seed) for t in trials
    }
    assert combos == {(e, s, seed) for e in (0.5, 3) for s in (2, 4, 8) for seed in (1, 2)}
    spec = plan.trial_spec(trials[-1])
    assert spec["optimizer"]["params"]["eta"] == 3
    assert spec["layers"][1]["size"] == 8
    assert spec["training"]["seed"] == 2  # the spec's seed 1, then 2
    assert len({t.id for t in trials}) == len(trials)


def test_random_ranges_draw_within_bounds_log_uniformly_and_reproducibly(xor_spec, registry):
    def draw(sample_seed):
        plan = make_plan(
            xor_spec,
            registry,
            ranges=["optimizer.params.eta=0.01..100:log", "layers[1].size=2..9"],
            random=200,
            sample_seed=sample_seed,
        )
        return [t.values for t in plan.trials()]

    values = draw(0)
    etas = np.array([v["optimizer.params.eta"] for v in values])
    sizes = [v["layers[1].size"] for v in values]
    assert len(values) == 200
    assert ((etas >= 0.01) & (etas <= 100)).all()
    assert all(isinstance(s, int) and 2 <= s <= 9 for s in sizes)
    # log-uniform over 4 decades: about a quarter of the draws fall in each decade
    assert 0.15 < np.mean(etas < 0.1) < 0.35
    assert draw(0) == values and draw(1) != values


# --- a whole sweep ----------------------------------------------------------------------------


def test_sweep_writes_run_dirs_results_summary_and_best_spec(xor_spec, tmp_path, capsys):
    out = tmp_path / "sweep"
    grid = ["--grid", "optimizer.params.eta=0.5,4", "--grid", "layers[1].size=2,3"]
    assert sweep(xor_spec, *grid, "--seeds", "3", "--workers", "2", "--out", out) == 0
    printed = capsys.readouterr().out
    records = results(out)
    assert len(records) == 12 and all(r["status"] == "ok" for r in records)
    assert json.loads((out / "sweep.json").read_text())["seeds"] == [1, 2, 3]
    for record in records:
        run_dir = out / record["run_dir"]
        spec = json.loads((run_dir / "spec.json").read_text())
        assert spec["optimizer"]["params"]["eta"] == record["values"]["optimizer.params.eta"]
        assert spec["layers"][1]["size"] == record["values"]["layers[1].size"]
        assert spec["training"]["seed"] == record["seed"]
        history = runs.read_metrics(run_dir / "metrics.jsonl")
        assert len(history) == 100 == record["epochs"]
        assert record["final"]["train_cost"] == history[-1]["train_cost"]
        assert record["best"]["train_cost"] == min(row["train_cost"] for row in history)

    # the table: train accuracy ties at 1.0 for XOR, so rank by cost, lowest first
    by_config: dict = {}
    for r in records:
        key = (r["values"]["optimizer.params.eta"], r["values"]["layers[1].size"])
        by_config.setdefault(key, []).append(r["final"]["train_cost"])
    best = min(by_config, key=lambda k: statistics.mean(by_config[k]))
    capsys.readouterr()
    assert main(["sweep", "--resume", str(out), "--metric", "train_cost", "--json"]) == 0
    table = json.loads(capsys.readouterr().out)
    assert [
        (row["values"]["optimizer.params.eta"], row["values"]["layers[1].size"]) for row in table
    ][0] == best
    for row in table:
        costs = by_config[(row["values"]["optimizer.params.eta"], row["values"]["layers[1].size"])]
        assert math.isclose(row["mean"], statistics.mean(costs))
        assert math.isclose(row["std"], statistics.stdev(costs))
    best_spec = json.loads((out / "best-spec.json").read_text())
    assert (best_spec["optimizer"]["params"]["eta"], best_spec["layers"][1]["size"]) == best
    assert "mean ± sd" in printed and "saved sweep to" in printed


def test_a_failed_trial_is_recorded_and_the_others_finish(
    write_spec, xor_spec_dict, tmp_path, capsys
):
    plugin = tmp_path / "flaky.py"
    plugin.write_text(FLAKY_PLUGIN)
    xor_spec_dict["optimizer"] = {"name": "flaky", "params": {"eta": 4.0}}
    xor_spec_dict["training"]["epochs"] = 50
    spec = write_spec(xor_spec_dict, "flaky.json")
    out = tmp_path / "sweep"
    code = main(
        [
            "sweep",
            str(spec),
            "-p",
            str(plugin),
            "--grid",
            "optimizer.params.eta=13,4,2",
            "--workers",
            "1",
            "--out",
            str(out),
            "--progress",
            "plain",
        ]
    )
    assert code == 0
    records = {r["values"]["optimizer.params.eta"]: r for r in results(out)}
    assert records[13]["status"] == "failed"
    assert "unlucky eta" in records[13]["error"]
    assert records[4]["status"] == records[2]["status"] == "ok"
    # the trial's error names the plugin and the function that failed (a plugin fault)
    assert (
        "0000-eta=13-seed=1: failed: plugin 'flaky' failed in step() during epoch 1: "
        "RuntimeError: unlucky eta" in capsys.readouterr().out
    )


def test_resume_runs_only_the_unfinished_trials(xor_spec, tmp_path, capsys):
    out = tmp_path / "sweep"
    assert (
        sweep(xor_spec, "--grid", "optimizer.params.eta=1,2,3,4", "--workers", "2", "--out", out)
        == 0
    )
    lines = (out / "results.jsonl").read_text().splitlines()
    kept = [json.loads(line) for line in lines[:2]]
    # as if the sweep had been stopped after two trials
    (out / "results.jsonl").write_text("\n".join(lines[:2]) + "\n")
    stamps = {r["trial"]: (out / r["run_dir"] / "model.npz").stat().st_mtime_ns for r in kept}
    capsys.readouterr()
    assert main(["sweep", "--resume", str(out), "--progress", "plain"]) == 0
    printed = capsys.readouterr().out
    assert "4 trials, 2 already finished" in printed
    assert sum(": ok " in line for line in printed.splitlines()) == 2
    assert len(results(out)) == 4
    assert results(out)[:2] == kept
    for trial, stamp in stamps.items():
        assert (out / "trials" / trial / "model.npz").stat().st_mtime_ns == stamp


def test_resume_of_a_finished_sweep_trains_nothing(xor_spec, tmp_path, capsys):
    out = tmp_path / "sweep"
    assert sweep(xor_spec, "--grid", "optimizer.params.eta=1,2", "--out", out) == 0
    before = (out / "results.jsonl").read_bytes()
    assert sweep("--resume", out) == 0
    assert (out / "results.jsonl").read_bytes() == before


def test_resume_refuses_a_directory_of_a_different_sweep(xor_spec, tmp_path, capsys):
    out = tmp_path / "sweep"
    assert sweep(xor_spec, "--grid", "optimizer.params.eta=1,2", "--out", out) == 0
    before = (out / "results.jsonl").read_bytes()
    capsys.readouterr()
    code = sweep("--resume", out, xor_spec, "--grid", "optimizer.params.eta=1,5")
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and "holds a different sweep" in err
    assert (out / "results.jsonl").read_bytes() == before


def test_resume_refuses_results_of_another_sweep(xor_spec, tmp_path, capsys):
    first, second = tmp_path / "a", tmp_path / "b"
    assert sweep(xor_spec, "--grid", "optimizer.params.eta=1,2", "--out", first) == 0
    assert sweep(xor_spec, "--grid", "layers[1].size=2,4", "--out", second) == 0
    (second / "results.jsonl").write_bytes((first / "results.jsonl").read_bytes())
    capsys.readouterr()
    assert sweep("--resume", second) == 2
    assert "is not in this sweep" in capsys.readouterr().err


def test_a_new_sweep_will_not_write_over_another(xor_spec, tmp_path, capsys):
    out = tmp_path / "sweep"
    assert sweep(xor_spec, "--grid", "optimizer.params.eta=1,2", "--out", out) == 0
    before = (out / "sweep.json").read_bytes()
    capsys.readouterr()
    assert sweep(xor_spec, "--grid", "optimizer.params.eta=7", "--out", out) == 2
    assert "holds a different sweep" in capsys.readouterr().err
    assert (out / "sweep.json").read_bytes() == before


BAD_INPUT = [
    (["--grid", "optimizer.params.etta=1,2"], "optimizer.params.etta: unknown parameter 'etta'"),
    (["--grid", "trainng.epochs=3"], "trainng: unknown key 'trainng'"),
    (["--grid", "layers[7].size=3"], "layers[7]: no such item; layers has 3"),
    (["--grid", "optimizer.params.eta=fast,3"], "optimizer.params.eta: must be a number"),
    (["--grid", "layers[1].size=2.5"], "layers[1].size"),
    (["--grid", "optimizer.params.eta="], "grid optimizer.params.eta: give one or more values"),
    (["--grid", "optimizer.params.eta=1,,2"], "grid optimizer.params.eta: give one or more"),
    (["--random", "3", "--range", "optimizer.params.eta=5..1"], "low bound 5 is above the high"),
    (["--random", "3", "--range", "optimizer.params.eta=0..1:log"], "a log range needs bounds"),
    (["--random", "3", "--range", "optimizer.params.eta=-1..1:log"], "a log range needs bounds"),
    (["--random", "3", "--range", "optimizer.params.eta=a..b"], "bound 'a' is not a number"),
    (["--range", "optimizer.params.eta=1..2"], "ranges need a number of random configurations"),
    (
        ["--random", "2", "--range", "optimizer.params.etta=1..2"],
        "optimizer.params.etta: unknown parameter 'etta'",
    ),
    (["--random", "2", "--range", "layers[1].size=2.5..4"], "layers[1].size: must be a whole"),
    (["--grid", "layers[1].neuron=sigmod"], "layers[1].neuron: unknown neuron 'sigmod'"),
    (["--grid", "optimizer.params.eta=1", "--seeds", "0"], "seeds: need at least 1, got 0"),
    ([], "nothing to sweep"),
    (["--grid", "training.seed=1,2"], "seeds are swept by their count"),
    (["--grid", "optimizer.params.eta=1", "--executor", "slurm"], "unknown executor 'slurm'"),
    (["--grid", "optimizer.params.eta=1", "--scheduler", "tcp://h:1"], "'local' takes no sched"),
]


@pytest.mark.parametrize(("args", "message"), BAD_INPUT)
def test_bad_input_is_one_line_exit_2_and_nothing_written(
    xor_spec, tmp_path, capsys, args, message
):
    out = tmp_path / "sweep"
    assert sweep(xor_spec, *args, "--out", out) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert message in err and "Traceback" not in err
    assert not out.exists()


def _not_a_sweep(tmp_path: Path) -> Path:
    empty = tmp_path / "empty"
    empty.mkdir()
    return empty


def _a_run_directory(tmp_path: Path) -> Path:
    run_dir = tmp_path / "run"
    run_dir.mkdir()
    (run_dir / "spec.json").write_text("{}")
    return run_dir


def _torn_sweep_json(tmp_path: Path) -> Path:
    sweep_dir = tmp_path / "torn"
    sweep_dir.mkdir()
    (sweep_dir / "sweep.json").write_text('{"spec": {"layers": [')
    return sweep_dir


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda tmp: tmp / "missing", "missing: not a sweep directory (no sweep.json)"),
        (_not_a_sweep, "empty: not a sweep directory (no sweep.json)"),
        (_a_run_directory, "run: not a sweep directory (no sweep.json)"),
        (_torn_sweep_json, "sweep.json: not JSON"),
    ],
    ids=["missing", "empty", "run-dir", "torn-sweep-json"],
)
def test_resume_of_something_that_is_not_a_sweep_is_one_line_exit_2(
    tmp_path, capsys, make, message
):
    target = make(tmp_path)
    before = sorted(p.name for p in target.rglob("*")) if target.exists() else None
    assert sweep("--resume", target) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err and "Traceback" not in err
    assert (sorted(p.name for p in target.rglob("*")) if target.exists() else None) == before


# --- stopping -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("signum", "whole_group"),
    [
        (signal.SIGTERM, False),  # timeout, docker stop, a scheduler's pre-emption
        (signal.SIGHUP, False),  # the terminal was closed
        (signal.SIGINT, True),  # Ctrl-C: the terminal signals the workers too
    ],
    ids=["SIGTERM", "SIGHUP", "Ctrl-C"],
)
def test_a_stop_signal_ends_the_sweep_cleanly_and_resume_completes_it(
    xor_spec_dict, write_spec, tmp_path, signum, whole_group
):
    xor_spec_dict["training"]["epochs"] = 3000  # about a second a trial
    spec = write_spec(xor_spec_dict, "slow.json")
    out = tmp_path / "sweep"
    command = [
        sys.executable,
        "-m",
        "neurokit",
        "sweep",
        str(spec),
        "--grid",
        "optimizer.params.eta=1,2,3,4,5,6",
        "--workers",
        "1",
        "--out",
        str(out),
        "--progress",
        "plain",
    ]
    env = os.environ | {"NEUROKIT_DISABLE_PLUGIN_AUTOLOAD": "1"}
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        start_new_session=True,  # its own process group, as a terminal's job is
    )
    deadline = time.monotonic() + 120
    results_file = out / "results.jsonl"
    while not (results_file.exists() and results_file.read_text().strip()):
        assert process.poll() is None, process.stderr.read().decode()
        assert time.monotonic() < deadline, "no trial finished"
        time.sleep(0.05)
    if whole_group:
        os.killpg(process.pid, signum)
    else:
        process.send_signal(signum)
    stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == 128 + signum, stderr.decode()  # as train exits
    assert "Traceback" not in stderr.decode()
    assert "neurokit sweep --resume" in stdout.decode()
    finished = results(out)
    assert 1 <= len(finished) < 6
    assert all(r["status"] == "ok" for r in finished)  # a trial cut short is not recorded
    for record in finished:  # every recorded trial is a whole, loadable run
        assert len(runs.read_metrics(out / record["run_dir"] / "metrics.jsonl")) == 3000
    assert main(["sweep", "--resume", str(out), "--progress", "none", "--json"]) == 0
    assert len(results(out)) == 6
    assert results(out)[: len(finished)] == finished
    assert all(r["status"] == "ok" for r in results(out))


#: An executor that runs trials in daemon threads and never finishes stopping: what a cluster
#: that does not answer looks like while the sweep ends its trials.
STUCK_EXECUTOR_PLUGIN = """
import concurrent.futures
import threading

import neurokit
from pydantic import BaseModel, ConfigDict
from neurokit.components import Executor, ExecutorType


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Stuck(Executor):
    workers = 1

    def __init__(self):
        self._turn = threading.Lock()  # one trial at a time

    def submit(self, fn, task):
        future = concurrent.futures.Future()

        def work():
            with self._turn:
                future.set_result(fn(task))

        threading.Thread(target=work, daemon=True).start()
        return future

    def stop(self):
        print("executor: stopping", flush=True)
        threading.Event().wait()  # never returns

    def close(self):
        pass

    def describe(self):
        return "stuck: trials in threads"


@neurokit.hookimpl
def neurokit_register_executors():
    return [ExecutorType("stuck", lambda p: Stuck(), Params)]
"""


def test_a_second_signal_abandons_an_executor_that_does_not_stop(
    xor_spec_dict, write_spec, tmp_path
):
    xor_spec_dict["training"]["epochs"] = 500
    spec = write_spec(xor_spec_dict, "xor.json")
    plugin = tmp_path / "stuck_executor.py"
    plugin.write_text(STUCK_EXECUTOR_PLUGIN)
    out = tmp_path / "sweep"
    grid = "optimizer.params.eta=" + ",".join(str(e) for e in range(1, 41))
    command = [sys.executable, "-m", "neurokit", "sweep", str(spec), "-p", str(plugin)]
    command += ["--grid", grid, "--executor", "stuck", "--out", str(out), "--progress", "plain"]
    env = os.environ | {"NEUROKIT_DISABLE_PLUGIN_AUTOLOAD": "1", "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True
    )
    seen = []
    for line in process.stdout:  # plain progress: one line per finished trial
        seen.append(line)
        if ": ok " in line:
            break
    process.send_signal(signal.SIGTERM)
    for line in process.stdout:
        seen.append(line)
        if line.startswith("executor: stopping"):  # the first signal: stop() hangs
            break
    process.send_signal(signal.SIGTERM)  # the second: give up waiting on it
    stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == 128 + signal.SIGTERM, stderr
    assert "Traceback" not in stderr
    assert "neurokit sweep --resume" in stdout
    finished = results(out)
    assert 1 <= len(finished) < 40 and all(r["status"] == "ok" for r in finished)
    for record in finished:
        assert len(runs.read_metrics(out / record["run_dir"] / "metrics.jsonl")) == 500


def test_a_signal_while_the_sweep_starts_is_held_and_stops_it(
    xor_spec_dict, write_spec, tmp_path, registry
):
    """The command holds stop signals as train does (StopRequests.holding): one that arrives
    before the trials run is not lost, and the sweep stops as soon as it can."""
    from neurokit.pipeline.interrupts import StopRequests
    from neurokit.pipeline.sweep import run_sweep

    xor_spec_dict["training"]["epochs"] = 3000
    spec = write_spec(xor_spec_dict, "slow.json")
    plan = make_plan(spec, registry, grid=["optimizer.params.eta=1,2,3,4"])
    with StopRequests.holding() as held:
        os.kill(os.getpid(), signal.SIGTERM)  # e.g. while Dask's LocalCluster was starting
        assert held.signum == signal.SIGTERM  # held, not fatal
        outcome = run_sweep(
            plan, tmp_path / "sweep", registry, executor_params={"workers": 1}, new=True
        )
    assert outcome.stopped and outcome.stop_signal == signal.SIGTERM
    assert outcome.pending + len(outcome.records) == 4 and outcome.pending >= 3
    assert all(r["status"] == "ok" for r in outcome.records)


# --- the trial itself -------------------------------------------------------------------------


def test_a_trial_is_the_same_run_as_neurokit_train(xor_spec, tmp_path, registry):
    plan = make_plan(xor_spec, registry, grid=["optimizer.params.eta=2.5"])
    (trial,) = plan.trials()
    result = run_trial({"spec": plan.trial_spec(trial), "out_dir": str(tmp_path / "trial")})
    assert result["status"] == "ok"
    spec_path = tmp_path / "spec.json"
    spec_path.write_text(json.dumps(plan.trial_spec(trial)))
    assert (
        main(["train", str(spec_path), "--out", str(tmp_path / "train"), "--progress", "none"]) == 0
    )
    _, by_sweep = runs.load_run(tmp_path / "trial", registry)
    _, by_train = runs.load_run(tmp_path / "train", registry)
    for a, b in zip(by_sweep.parameters, by_train.parameters, strict=True):
        assert np.array_equal(a, b)


def test_a_local_worker_killed_mid_trial_gets_a_fresh_pool_and_every_trial_finishes(
    xor_spec_dict, write_spec, tmp_path, registry
):
    import threading

    from neurokit.pipeline.sweep import run_sweep

    xor_spec_dict["training"]["epochs"] = 3000
    spec = write_spec(xor_spec_dict, "slow.json")
    plan = make_plan(spec, registry, grid=["optimizer.params.eta=1,2,3,4"])
    out = tmp_path / "sweep"
    thread = threading.Thread(
        target=run_sweep,
        args=(plan, out, registry),
        kwargs={"executor_params": {"workers": 2}, "new": True},
    )
    thread.start()
    deadline = time.monotonic() + 120
    while not list(out.glob("trials/*/metrics.jsonl")):  # a trial is part-way
        assert time.monotonic() < deadline and thread.is_alive()
        time.sleep(0.05)
    workers = _child_pids()
    os.kill(workers[0], signal.SIGKILL)
    thread.join(timeout=300)
    assert not thread.is_alive()
    records = results(out)
    assert sorted(r["trial"] for r in records) == sorted(t.id for t in plan.trials())
    assert all(r["status"] == "ok" for r in records)
    for record in records:
        assert len(runs.read_metrics(out / record["run_dir"] / "metrics.jsonl")) == 3000


def _child_pids() -> list[int]:
    """This process's worker processes (Linux /proc), the pool's spawn helpers excluded."""
    pids = []
    for task in Path("/proc/self/task").iterdir():
        pids += [int(p) for p in (task / "children").read_text().split()]
    workers = [
        pid
        for pid in pids
        if "spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
    ]
    assert workers, "no worker processes found"
    return workers


def test_plot_of_a_sweep_draws_each_swept_value_and_a_heat_map(xor_spec, tmp_path, capsys):
    from PIL import Image

    from neurokit.pipeline.sweep_plots import marginal

    out = tmp_path / "sweep"
    grid = ["--grid", "optimizer.params.eta=1,4", "--grid", "layers[1].size=2,3"]
    assert sweep(xor_spec, *grid, "--seeds", "2", "--out", out) == 0
    capsys.readouterr()
    assert main(["plot", str(out), "--metric", "train_cost"]) == 0
    printed = capsys.readouterr().out.split()
    names = {
        "train_cost-vs-optimizer.params.eta.png",
        "train_cost-vs-layers1.size.png",
        "heatmap.png",
    }
    assert {Path(p).name for p in printed if p.endswith(".png")} == names
    for name in names:
        with Image.open(out / name) as image:
            assert image.format == "PNG" and image.size[0] > 300
    records = results(out)
    scores = [(r["values"], r["final"]["train_cost"]) for r in records]
    pooled = [r["final"]["train_cost"] for r in records if r["values"]["optimizer.params.eta"] == 4]
    value, mean, sd, n = marginal(scores, "optimizer.params.eta")[1]
    assert (value, n) == (4, 4)
    assert math.isclose(mean, statistics.mean(pooled)) and math.isclose(
        sd, statistics.stdev(pooled)
    )


def test_nk_sweep_returns_the_table_best_first(xor_spec, tmp_path):
    import neurokit as nk

    table = nk.sweep(
        xor_spec,
        {"optimizer.params.eta": [0.5, 4.0]},
        seeds=2,
        workers=2,
        out_dir=tmp_path / "sweep",
        metric="train_cost",
        progress="none",
    )
    assert [row["values"]["optimizer.params.eta"] for row in table] == [4.0, 0.5]
    records = results(tmp_path / "sweep")
    costs = [r["final"]["train_cost"] for r in records if r["values"]["optimizer.params.eta"] == 4]
    assert math.isclose(table[0]["mean"], statistics.mean(costs))
    again = nk.sweep(resume=tmp_path / "sweep", metric="train_cost", progress="none")
    assert again == table


INLINE_EXECUTOR_PLUGIN = '''
import concurrent.futures

import neurokit
from pydantic import BaseModel, ConfigDict
from neurokit.components import Executor, ExecutorType


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Inline(Executor):
    """Runs each trial in this process as it is submitted."""

    workers = 1

    def submit(self, fn, task):
        future = concurrent.futures.Future()
        future.set_result(fn(task))
        return future

    def stop(self):
        pass

    def close(self):
        pass

    def describe(self):
        return "inline: one trial at a time, in this process"


@neurokit.hookimpl
def neurokit_register_executors():
    return [ExecutorType("inline", lambda p: Inline(), Params, summary="trials in this process")]
'''


def test_plugins_lists_the_executors_with_the_plugin_of_each(tmp_path, capsys):
    plugin = tmp_path / "inline_executor.py"
    plugin.write_text(INLINE_EXECUTOR_PLUGIN)
    assert main(["plugins", "--json", "-p", str(plugin)]) == 0
    listing = json.loads(capsys.readouterr().out)
    executors = {r["name"]: r for r in listing["components"] if r["kind"] == "executor"}
    assert set(executors) == {"local", "dask", "inline"}
    assert executors["local"]["plugin"] == executors["dask"]["plugin"] == "builtin.executors"
    assert executors["local"]["params"] == ["workers"]
    assert executors["dask"]["params"] == ["connect_timeout", "scheduler", "workers"]
    assert executors["inline"]["plugin"] == "inline_executor"
    assert executors["inline"]["source"] == "file"
    assert executors["inline"]["summary"] == "trials in this process"

    assert main(["plugins", "-p", str(plugin)]) == 0
    components = capsys.readouterr().out.split("loaded plugins")[0]
    rows = [line for line in components.splitlines() if line.startswith("│ executor")]
    assert [row.split("│")[2].strip() for row in rows] == ["dask", "inline", "local"]


def test_a_plugins_executor_runs_a_sweep(xor_spec, tmp_path, capsys):
    plugin = tmp_path / "inline_executor.py"
    plugin.write_text(INLINE_EXECUTOR_PLUGIN)
    out = tmp_path / "sweep"
    grid = ["--grid", "optimizer.params.eta=1,2"]
    assert sweep(xor_spec, "-p", plugin, *grid, "--executor", "inline", "--out", out) == 0
    assert "inline: one trial at a time, in this process" in capsys.readouterr().out
    assert [r["status"] for r in results(out)] == ["ok", "ok"]
