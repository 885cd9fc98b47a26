"""results.jsonl over a sweep's life: failed trials retried by --resume (the last line per
trial wins), finished trials left untouched, a torn last line, a corrupt line."""

from __future__ import annotations

import json
import math
import statistics
from pathlib import Path

import pytest

from neurokit.cli import main
from neurokit.pipeline import runs

#: An optimizer that fails while a file named ``unlucky`` lies beside the plugin and η is 13:
#: a fault that a resume, once the file is gone, gets past.
UNLUCKY_PLUGIN = """
from pathlib import Path

import neurokit
from pydantic import BaseModel, ConfigDict
from neurokit.components import Optimizer, OptimizerType

MARKER = Path(__file__).with_name("unlucky")


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    eta: float


class Unlucky(Optimizer):
    def __init__(self, eta):
        self.eta = eta

    @property
    def gradient_scale(self):
        return self.eta

    def step(self, params, grads):
        if self.eta == 13 and MARKER.exists():
            raise RuntimeError("unlucky eta")
        for param, grad in zip(params, grads):
            param -= grad


@neurokit.hookimpl
def neurokit_register_optimizers():
    return [OptimizerType("unlucky", lambda p: Unlucky(p.eta), Params)]
"""


def lines(sweep_dir: Path) -> list[dict]:
    return [json.loads(line) for line in (sweep_dir / "results.jsonl").read_text().splitlines()]


def snapshot(run_dir: Path) -> dict[str, tuple[bytes, int]]:
    """Every file of a run directory: its bytes and its modification time."""
    return {
        str(path.relative_to(run_dir)): (path.read_bytes(), path.stat().st_mtime_ns)
        for path in sorted(run_dir.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def unlucky(tmp_path, write_spec, xor_spec_dict):
    """(spec, plugin, marker): an XOR spec on the unlucky optimizer, η = 13 failing for now."""
    plugin = tmp_path / "unlucky.py"
    plugin.write_text(UNLUCKY_PLUGIN)
    marker = tmp_path / "unlucky"
    marker.write_text("")
    xor_spec_dict["optimizer"] = {"name": "unlucky", "params": {"eta": 4.0}}
    xor_spec_dict["training"]["epochs"] = 60
    return write_spec(xor_spec_dict, "unlucky.json"), plugin, marker


def sweep(*args) -> int:
    return main(["sweep", *map(str, args), "--progress", "plain"])


def test_resume_retries_failed_and_missing_trials_and_leaves_finished_ones_alone(
    unlucky, tmp_path, capsys
):
    spec, plugin, marker = unlucky
    out = tmp_path / "sweep"
    grid = ["--grid", "optimizer.params.eta=13,4,2", "--seeds", "2"]
    assert sweep(spec, "-p", plugin, *grid, "--workers", "1", "--out", out) == 0
    first = lines(out)
    by_eta = {(r["values"]["optimizer.params.eta"], r["seed"]): r for r in first}
    assert {key for key, r in by_eta.items() if r["status"] == "failed"} == {(13, 1), (13, 2)}
    assert "2 trial(s) failed; try them again with: neurokit sweep --resume" in (
        capsys.readouterr().out
    )
    # as if the sweep had been stopped before η = 2, seed 2 was recorded
    missing = by_eta[(2, 2)]
    kept_lines = [r for r in first if r is not missing]
    (out / "results.jsonl").write_text("".join(json.dumps(r) + "\n" for r in kept_lines))
    untouched = [r for r in kept_lines if r["status"] == "ok"]
    before = {r["trial"]: snapshot(out / r["run_dir"]) for r in untouched}
    assert len(untouched) == 3

    marker.unlink()  # the fault is gone: the retries succeed
    assert sweep("--resume", out, "-p", plugin) == 0
    assert "6 trials, 3 already finished" in capsys.readouterr().out
    for trial, files in before.items():
        assert snapshot(out / "trials" / trial) == files, trial

    # the file keeps history: the failed lines stay, each retry's line comes after its failure
    after = lines(out)
    assert after[: len(kept_lines)] == kept_lines
    added = after[len(kept_lines) :]
    assert sorted(r["trial"] for r in added) == sorted(
        [by_eta[(13, 1)]["trial"], by_eta[(13, 2)]["trial"], missing["trial"]]
    )
    assert all(r["status"] == "ok" for r in added)
    for record in added:
        history = runs.read_metrics(out / record["run_dir"] / "metrics.jsonl")
        assert len(history) == 60 and record["final"]["train_cost"] == history[-1]["train_cost"]

    # every reader takes the last line per trial: no failures left, six trials of three configs
    latest = {r["trial"]: r for r in after}
    costs: dict = {}
    for record in latest.values():
        costs.setdefault(record["values"]["optimizer.params.eta"], []).append(
            record["final"]["train_cost"]
        )
    capsys.readouterr()
    resume = ["sweep", "--resume", str(out), "-p", str(plugin), "--metric", "train_cost"]
    assert main([*resume, "--json"]) == 0
    table = json.loads(capsys.readouterr().out)
    assert sorted(row["values"]["optimizer.params.eta"] for row in table) == [2, 4, 13]
    for row in table:
        assert row["failed"] == 0 and sorted(row["seeds"]) == [1, 2]
        assert math.isclose(
            row["mean"], statistics.mean(costs[row["values"]["optimizer.params.eta"]])
        )
    import neurokit as nk

    assert (
        nk.sweep(resume=out, plugins=[str(plugin)], metric="train_cost", progress="none") == table
    )
    assert lines(out) == after  # reading the table trained nothing


def test_a_torn_last_line_is_ignored_and_that_trial_runs_again(xor_spec_dict, write_spec, tmp_path):
    xor_spec_dict["training"]["epochs"] = 40
    spec = write_spec(xor_spec_dict, "xor.json")
    out = tmp_path / "sweep"
    assert sweep(spec, "--grid", "optimizer.params.eta=1,2,3", "--workers", "1", "--out", out) == 0
    text = (out / "results.jsonl").read_text()
    whole, last = text.splitlines(keepends=True)[:2], text.splitlines()[2]
    torn = "".join(whole) + last[: len(last) // 2]  # a crash in the middle of the third line
    (out / "results.jsonl").write_text(torn)
    assert sweep("--resume", out) == 0
    after = (out / "results.jsonl").read_text()
    assert after.startswith("".join(whole))
    records = lines(out)  # every line whole: the torn piece was dropped, not glued on
    assert len(records) == 3
    assert records[2]["trial"] == json.loads(last)["trial"]
    assert records[2]["status"] == "ok"
    assert records[2]["final"] == json.loads(last)["final"]  # the same trial, the same numbers


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        ('{"trial": "0000-eta=1-seed=1", "status": "ok", "val', "line 2: not JSON"),
        ("[1, 2, 3]", "line 2: a row must be a JSON object, not a list"),
        ('{"trial": 7, "status": "ok"}', "line 2: not a trial result (no trial id)"),
    ],
)
def test_a_corrupt_line_is_one_error_naming_file_and_line_and_nothing_is_written(
    xor_spec_dict, write_spec, tmp_path, capsys, damage, message
):
    xor_spec_dict["training"]["epochs"] = 20
    spec = write_spec(xor_spec_dict, "xor.json")
    out = tmp_path / "sweep"
    assert sweep(spec, "--grid", "optimizer.params.eta=1,2,3", "--workers", "1", "--out", out) == 0
    rows = (out / "results.jsonl").read_text().splitlines()
    (out / "results.jsonl").write_text("\n".join([rows[0], damage, *rows[1:]]) + "\n")
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    for command in (["sweep", "--resume", str(out)], ["plot", str(out)]):
        capsys.readouterr()
        assert main(command) == 2, command
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "Traceback" not in err
        assert f"{out / 'results.jsonl'}: {message}" in err
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
