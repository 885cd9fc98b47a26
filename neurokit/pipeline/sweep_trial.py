"""One sweep trial, as a worker runs it: an ordinary training run into its own directory.

``run_trial`` is what every executor ships to its workers, so it takes and returns plain
data (dicts of JSON values) and imports nothing it does not need. It trains with the same
``prepare`` and ``train`` as ``neurokit train``, with BLAS held to one thread: several
workers on one machine would otherwise fight over its cores, and one thread also keeps the
result independent of where the trial ran.
"""

from __future__ import annotations

import functools
import time
import traceback
from operator import itemgetter
from pathlib import Path

#: A trial's status in results.jsonl.
OK, FAILED, INTERRUPTED = "ok", "failed", "interrupted"


def run_trial(task: dict) -> dict:
    """Train ``task['spec']`` into ``task['out_dir']``; a failure is returned, not raised."""
    started = time.perf_counter()
    try:
        history, stopped, reason = _train(task)
    except Exception as exc:  # noqa: BLE001 - any fault is this trial's, not the sweep's
        return {
            "status": FAILED,
            "error": _one_line(exc),
            "detail": "" if _is_user_error(exc) else traceback.format_exc(limit=6),
            "seconds": round(time.perf_counter() - started, 3),
        }
    status = INTERRUPTED if stopped and reason.startswith("interrupted") else OK
    result = {"status": status, "seconds": round(time.perf_counter() - started, 3)}
    result["epochs"] = len(history)
    result["final"] = _metric_values(history[-1]) if history else {}
    result["best"] = best_of(history)
    if stopped and status == OK:
        result["status"], result["error"] = FAILED, reason
    return result


def _train(task: dict):
    from threadpoolctl import threadpool_limits

    from neurokit.pipeline import runs
    from neurokit.pipeline.progress import Reporter
    from neurokit.pipeline.training import prepare, train
    from neurokit.spec import parse_spec

    registry = _registry(tuple(task.get("plugins", ())))
    spec = parse_spec(task["spec"], registry, source=task.get("source", "<spec>"))
    out = Path(task["out_dir"])
    runs.check_out_dir(out, overwrite=True)  # a trial cut short earlier is trained afresh
    with threadpool_limits(limits=1):
        run = prepare(spec, registry, data_dir=task.get("data_dir"), out_dir=out)
        run = train(run, Reporter())
    return run.history, run.stopped_early, run.stop_reason


@functools.cache
def _registry(plugins: tuple):
    # Loading plugins costs an import each; a worker runs many trials with the same ones.
    from neurokit.pipeline.registry import load_registry

    return load_registry(plugins)


def _metric_values(row: dict) -> dict:
    return {k: v for k, v in row.items() if k.endswith(("_cost", "_accuracy"))}


def best_of(history: list[dict]) -> dict:
    """The best value of each cost (lowest) and accuracy (highest) over the epochs."""
    best: dict = {}
    for name in _metric_values(history[-1]) if history else {}:
        pick = min if name.endswith("_cost") else max
        row = pick(history, key=itemgetter(name))
        best[name] = row[name]
        best[f"{name}_epoch"] = row["epoch"]
    return best


def _is_user_error(exc: BaseException) -> bool:
    from neurokit.core.errors import NeurokitError

    return isinstance(exc, NeurokitError)


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    if _is_user_error(exc):
        return text
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
