"""Running a sweep: its directory, handing trials to an executor, recording each as it ends.

A sweep directory holds ``sweep.json`` (the plan), ``trials/<id>/`` (one ordinary run
directory per trial), ``results.jsonl`` (one line per finished trial, appended as each ends)
and, at the end, ``best-spec.json``. A trial is finished once results.jsonl records it ok;
resuming runs every other trial: those without a line, and those whose last line says they
failed (the retry's line, appended after it, supersedes it). A trial cut short (Ctrl-C,
SIGTERM, SIGHUP, a lost worker) has no line and is trained afresh on resume.

Stopping is the training run's mechanism (``interrupts.StopRequests``): the first stop signal
lets the sweep record what has finished and end the rest; a second one, while it waits on
trials, stops at once. Either way every recorded trial is kept.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import json
import time
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from neurokit.core import atomic
from neurokit.pipeline.interrupts import StopNow, StopRequests
from neurokit.pipeline.sweep_plan import SweepError, SweepPlan, Trial
from neurokit.pipeline.sweep_progress import SweepReporter, SweepState
from neurokit.pipeline.sweep_results import (
    RESULTS_FILE,
    append_result,
    default_metric,
    higher_is_better,
    load_results,
    summarize,
)
from neurokit.pipeline.sweep_trial import FAILED, INTERRUPTED, OK, run_trial

SWEEP_FILE = "sweep.json"
TRIALS_DIR = "trials"
BEST_SPEC_FILE = "best-spec.json"
#: How often the sweep wakes to refresh progress and look for a stop request (seconds).
POLL_SECONDS = 0.25
#: A trial whose worker process died is tried this many more times before it is failed.
RETRIES_AFTER_LOST_WORKER = 1


@dataclass
class SweepOutcome:
    sweep_dir: Path
    plan: SweepPlan
    records: list[dict]
    metric: str
    summaries: list = field(default_factory=list)
    stopped: bool = False
    pending: int = 0
    best_spec: Path | None = None
    #: The signal that stopped the sweep (0 when none did): the CLI exits with 128 + it.
    stop_signal: int = 0

    @property
    def failed(self) -> int:
        """Trials whose last attempt failed: a resume tries them again."""
        return sum(record["status"] != OK for record in self.records)


# --- the directory ----------------------------------------------------------------------------


def check_new_sweep_dir(plan: SweepPlan, sweep_dir: Path) -> None:
    """Refuse a directory that holds a sweep already, or anything else; nothing is written."""
    sweep_dir = Path(sweep_dir)
    if (sweep_dir / SWEEP_FILE).exists():
        stored = load_plan(sweep_dir)
        same = stored.fingerprint() == plan.fingerprint()
        what = "this sweep already; resume it" if same else "a different sweep"
        raise SweepError(f"{sweep_dir}: holds {what} (or choose another directory)")
    if sweep_dir.exists() and (not sweep_dir.is_dir() or any(sweep_dir.iterdir())):
        raise SweepError(f"{sweep_dir}: exists and is not an empty directory")


def create_sweep_dir(plan: SweepPlan, sweep_dir: Path) -> None:
    """Write ``sweep.json`` into a new (or empty) directory; never over another sweep."""
    check_new_sweep_dir(plan, sweep_dir)
    atomic.write_text(sweep_dir / SWEEP_FILE, json.dumps(plan.to_json(), indent=2) + "\n")


def load_plan(sweep_dir: Path) -> SweepPlan:
    path = Path(sweep_dir) / SWEEP_FILE
    if not path.is_file():
        raise SweepError(f"{sweep_dir}: not a sweep directory (no {SWEEP_FILE})")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise SweepError(f"{path}: not JSON ({exc})") from None
    return SweepPlan.from_json(data, str(path))


def check_same_sweep(stored: SweepPlan, given: SweepPlan, sweep_dir: Path) -> None:
    if stored.fingerprint() != given.fingerprint():
        raise SweepError(
            f"{sweep_dir}: holds a different sweep (of {stored.spec_source}, "
            f"{len(stored.trials())} trials); it is resumed only with its own definition"
        )


# --- running ----------------------------------------------------------------------------------


def run_sweep(
    plan: SweepPlan,
    sweep_dir,
    registry,
    *,
    executor: str = "local",
    executor_params: dict | None = None,
    plugins=(),
    data_dir=None,
    reporter: SweepReporter | None = None,
    new: bool = False,
) -> SweepOutcome:
    """Run every trial of ``plan`` that has no result in ``sweep_dir`` yet, then summarize.

    With ``new``, ``sweep_dir`` must be new or empty and gets ``plan``'s sweep.json once the
    executor is ready; otherwise it must hold that sweep already. Ctrl-C or SIGTERM stop the
    sweep, keeping every finished trial. Resuming retries the trials that failed.
    """
    sweep_dir = Path(sweep_dir)
    if new:
        check_new_sweep_dir(plan, sweep_dir)
    reporter = reporter or SweepReporter()
    trials = plan.trials()
    records = load_results(sweep_dir / RESULTS_FILE, {t.id for t in trials})
    finished = {r["trial"] for r in records if r["status"] == OK}
    pending = [t for t in trials if t.id not in finished]  # never run, cut short, or failed
    state = _initial_state(plan, trials, [r for r in records if r["status"] == OK])
    descriptor = registry.get("executor", executor)
    context = _TrialContext(plan, sweep_dir, list(plugins), data_dir)
    stop_signal = 0
    if pending:
        pool = _build_executor(descriptor, executor_params or {})
        if new:
            create_sweep_dir(plan, sweep_dir)
        reporter.start(state, pool.describe())
        try:
            stop_signal, pending = _drive(
                pool, descriptor, executor_params, pending, context, state, reporter
            )
        finally:
            reporter.end(state)
    return _finish(plan, sweep_dir, state.metric, stop_signal, len(pending))


def _initial_state(plan: SweepPlan, trials: list[Trial], records: list[dict]) -> SweepState:
    metric = plan.metric or default_metric(records)
    state = SweepState(total=len(trials), clock_start=time.perf_counter(), metric=metric)
    for record in records:
        _count(state, record)
    return state


def _count(state: SweepState, record: dict) -> None:
    state.done += 1
    if record["status"] != OK:
        state.failed += 1
        return
    state.metric = state.metric or default_metric([record])
    score = record.get("final", {}).get(state.metric)
    if score is None:
        return
    better = higher_is_better(state.metric)
    if state.best_value is None or (
        score > state.best_value if better else score < state.best_value
    ):
        state.best_value, state.best_values = score, record["values"]


def _beats(score: float, best: float, metric: str) -> bool:
    return score > best if higher_is_better(metric) else score < best


@dataclass
class _TrialContext:
    plan: SweepPlan
    sweep_dir: Path
    plugins: list
    data_dir: object

    def task(self, trial: Trial) -> dict:
        return {
            "spec": self.plan.trial_spec(trial),
            "source": self.plan.spec_source,
            "out_dir": str((self.sweep_dir / TRIALS_DIR / trial.id).resolve()),
            "plugins": self.plugins,
            "data_dir": None if self.data_dir is None else str(self.data_dir),
        }

    def record(self, trial: Trial, result: dict) -> dict:
        record = {
            "trial": trial.id,
            "index": trial.index,
            "values": trial.values,
            "seed": trial.seed,
            "run_dir": f"{TRIALS_DIR}/{trial.id}",
        }
        record.update(result)
        record["finished_at"] = time.strftime("%Y-%m-%dT%H:%M:%S%z")
        return record


def _build_executor(descriptor, params: dict):
    try:
        return descriptor.build(params)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(p) for p in error["loc"]) or "params"
        if error["type"] == "extra_forbidden":
            takes = ", ".join(descriptor.params.model_fields) or "nothing"
            message = f"takes no {where}; it takes: {takes}"
        else:
            message = f"{where}: {error['msg']}"
        raise SweepError(f"executor {descriptor.name!r} {message}") from None


def _drive(pool, descriptor, params, pending, context, state, reporter):
    """Submit the pending trials, record each as it ends.

    Returns the stop signal's number (0 when every trial ended) and the trials still pending.
    """
    futures = {pool.submit(run_trial, context.task(t)): t for t in pending}
    remaining = {t.id: t for t in pending}
    with StopRequests() as stop:
        try:
            with stop.stoppable():
                pool = _record_as_they_end(
                    pool, descriptor, params, futures, remaining, context, state, reporter, stop
                )
        except StopNow:
            pass  # a second signal while waiting: stop without another look
        except BaseException:
            pool.stop()
            raise
        if stop.is_set():
            _stop_pool(pool, stop, reporter)
            return stop.signum, list(remaining.values())
    pool.close()
    return 0, list(remaining.values())


def _record_as_they_end(
    pool, descriptor, params, futures, remaining, context, state, reporter, stop
):
    """Wait on the trials and record each as it ends, until none is left or a stop signal came.

    Returns the executor in use: a dead worker process means a fresh one.
    """
    lost_once: dict[str, int] = {}
    while futures and not stop.is_set():
        state.running = min(pool.workers, len(futures))
        done, _ = concurrent.futures.wait(
            futures, timeout=POLL_SECONDS, return_when=concurrent.futures.FIRST_COMPLETED
        )
        lost = []
        for future in done:
            trial = futures.pop(future)
            result = _result_of(future)
            if result is None:  # the worker process died under it
                lost.append(trial)
                continue
            if result["status"] == INTERRUPTED:
                continue  # not finished: trained afresh on resume
            with stop.saving():  # a second signal never tears the record
                _keep(context.record(trial, result), state, reporter, context)
            remaining.pop(trial.id)
        if lost and not stop.is_set():  # a worker the stop signal ended is not replaced
            pool = _retry_lost(
                pool,
                descriptor,
                params,
                futures,
                lost,
                lost_once,
                context,
                state,
                reporter,
                remaining,
            )
        reporter.tick(state)
    return pool


def _stop_pool(pool, stop: StopRequests, reporter) -> None:
    """End the running trials; a further signal while the executor takes its time to stop
    abandons the wait (the trials have no line in results.jsonl: resume runs them)."""
    reporter.message("stopping: every finished trial is kept; resume the rest")
    with contextlib.suppress(StopNow), stop.stoppable():
        pool.stop()


def _result_of(future) -> dict | None:
    """The trial's result; None when its worker process died; a failure for other faults."""
    if future.cancelled():
        return {"status": INTERRUPTED, "seconds": 0.0}
    exc = future.exception()
    if exc is None:
        return future.result()
    if isinstance(exc, BrokenProcessPool):
        return None
    # e.g. Dask's KilledWorker once the scheduler's own retries are spent
    text = " ".join(str(exc).split())[:300]
    return {"status": FAILED, "error": f"{type(exc).__name__}: {text}", "seconds": 0.0}


def _keep(record, state, reporter, context) -> None:
    append_result(context.sweep_dir / RESULTS_FILE, record)
    state.started_here += 1
    _count(state, record)
    reporter.trial_end(record, state)


def _retry_lost(
    pool, descriptor, params, futures, lost, lost_once, context, state, reporter, remaining
):
    """A dead worker process breaks a whole process pool: start a fresh one and resubmit."""
    for future in list(futures):  # the broken pool fails every other trial too
        if future.done() and _result_of(future) is None:
            lost.append(futures.pop(future))
    pool.stop()
    pool = _build_executor(descriptor, params or {})
    for trial in lost:
        lost_once[trial.id] = lost_once.get(trial.id, 0) + 1
        if lost_once[trial.id] > RETRIES_AFTER_LOST_WORKER:
            result = {"status": FAILED, "error": "its worker process died", "seconds": 0.0}
            _keep(context.record(trial, result), state, reporter, context)
            remaining.pop(trial.id)
        else:
            futures[pool.submit(run_trial, context.task(trial))] = trial
    reporter.message(f"a worker process died; {len(lost)} trial(s) handed to fresh workers")
    return pool


# --- the end ----------------------------------------------------------------------------------


def _finish(plan, sweep_dir, metric, stop_signal, pending) -> SweepOutcome:
    outcome = _outcome(plan, sweep_dir, metric)  # results.jsonl as written
    outcome.stopped, outcome.stop_signal = bool(stop_signal), stop_signal
    outcome.pending = pending
    summaries = outcome.summaries
    if summaries and summaries[0].scores:
        outcome.best_spec = write_best_spec(plan, sweep_dir, summaries[0].values)
    return outcome


def write_best_spec(plan: SweepPlan, sweep_dir: Path, values: dict) -> Path:
    """The base spec with the best configuration's values (and the base seed) filled in."""
    spec = plan.trial_spec(Trial(0, values, plan.seeds[0]))
    path = sweep_dir / BEST_SPEC_FILE
    atomic.write_text(path, json.dumps(spec, indent=2) + "\n")
    return path


def load_outcome(sweep_dir, metric: str = "") -> SweepOutcome:
    """A sweep directory's plan, records and summary, as ``run_sweep`` returned them."""
    return _outcome(load_plan(Path(sweep_dir)), Path(sweep_dir), metric)


def _outcome(plan: SweepPlan, sweep_dir: Path, metric: str) -> SweepOutcome:
    """Each trial's last record (a retry supersedes its failure) and the summary of them."""
    records = load_results(sweep_dir / RESULTS_FILE, {t.id for t in plan.trials()})
    metric = metric or plan.metric or default_metric(records) or "train_cost"
    pending = len(plan.trials()) - len(records)  # never finished; failed ones have a record
    summaries = summarize(records, metric)
    return SweepOutcome(sweep_dir, plan, records, metric, summaries, False, pending)
