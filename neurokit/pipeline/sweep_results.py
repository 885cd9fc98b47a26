"""A sweep's results: ``results.jsonl`` (one line per finished trial) and the summary table.

results.jsonl only grows: a failed trial retried by a resume gets a new line after its old
one, and a trial's last line is its result (``latest_results``); older lines are its history.

The summary groups trials by configuration (their values, over seeds) and gives each metric
as mean ± standard deviation: the sample standard deviation, n − 1 in the denominator, since
the seeds are a sample of the runs the configuration could have had.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

from neurokit.core import atomic
from neurokit.pipeline.metricsfile import read_json_lines
from neurokit.pipeline.sweep_plan import SweepError
from neurokit.pipeline.sweep_trial import FAILED, OK

RESULTS_FILE = "results.jsonl"


def read_results(path: Path, known_ids: set[str] | None = None) -> list[dict]:
    """Every line of results.jsonl, oldest first: a retried trial has several, the last wins.

    Read by the shared JSON-lines reader: a damaged line is one error naming the file and the
    line, a torn last line (a crash mid-write) is left out; a trial of another sweep is refused.
    """

    def check(where: str, record: dict) -> None:
        _check_record(where, record, known_ids)

    return read_json_lines(
        Path(path), check, what="results file", row_name="trial result", error=SweepError
    )


def latest_results(records: list[dict]) -> list[dict]:
    """One record per trial, its last line's: a retry supersedes the failure before it.

    In the order the trials first finished, so a resumed sweep's table keeps its order."""
    latest: dict[str, dict] = {}
    for record in records:
        latest[record["trial"]] = record  # an existing key keeps its place in the dict
    return list(latest.values())


def load_results(path: Path, known_ids: set[str] | None = None) -> list[dict]:
    """Each trial's current record: what the table, the plots and ``nk.sweep`` show."""
    return latest_results(read_results(path, known_ids))


def _check_record(where: str, record: dict, known_ids: set[str] | None) -> None:
    trial = record.get("trial")
    if not isinstance(trial, str):
        raise SweepError(f"{where}: not a trial result (no trial id)")
    if known_ids is not None and trial not in known_ids:
        raise SweepError(f"{where}: trial {trial!r} is not in this sweep")
    if record.get("status") not in (OK, FAILED):
        raise SweepError(f"{where}: trial {trial!r}: status must be {OK!r} or {FAILED!r}")
    if not isinstance(record.get("values"), dict):
        raise SweepError(f"{where}: trial {trial!r}: values must be a JSON object")
    final = record.get("final", {})
    if not isinstance(final, dict):
        raise SweepError(f"{where}: trial {trial!r}: final must be a JSON object")
    for name, value in final.items():
        if value is not None and (not isinstance(value, int | float) or isinstance(value, bool)):
            raise SweepError(f"{where}: trial {trial!r}: final.{name} must be a number")


def append_result(path: Path, record: dict) -> None:
    """Add ``record`` as the last line, atomically; a torn last line left by a crash (which
    ``read_results`` ignores) is dropped rather than glued to the new one."""
    path = Path(path)
    text = path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""
    if text and not text.endswith("\n"):
        head, _, tail = text.rpartition("\n")
        text = head + "\n" if head else ""
        if _parses(tail):  # a whole record that only lacks its newline is kept
            text += tail + "\n"
    atomic.write_text(path, text + json.dumps(record) + "\n")


def _parses(line: str) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except json.JSONDecodeError:
        return False


def default_metric(records: list[dict]) -> str:
    """Validation accuracy where there is held-out data, else the training accuracy; "" until
    a trial has finished well."""
    names = {name for r in records if r.get("status") == OK for name in r.get("final", {})}
    for name in ("validation_accuracy", "train_accuracy", "validation_cost", "train_cost"):
        if name in names:
            return name
    return ""


def higher_is_better(metric: str) -> bool:
    return not metric.endswith("_cost")


@dataclass
class ConfigSummary:
    """One configuration over its seeds."""

    values: dict
    seeds: list[int] = field(default_factory=list)
    scores: list[float] = field(default_factory=list)
    failed: int = 0
    trials: list[dict] = field(default_factory=list)

    @property
    def mean(self) -> float:
        return sum(self.scores) / len(self.scores) if self.scores else math.nan

    @property
    def std(self) -> float:
        n = len(self.scores)
        if n < 2:
            return math.nan
        mean = self.mean
        return math.sqrt(sum((s - mean) ** 2 for s in self.scores) / (n - 1))


def summarize(records: list[dict], metric: str) -> list[ConfigSummary]:
    """Configurations sorted best first by the mean final ``metric`` over their seeds."""
    groups: dict[str, ConfigSummary] = {}
    for record in records:
        key = json.dumps(record["values"], sort_keys=True)
        group = groups.setdefault(key, ConfigSummary(values=record["values"]))
        group.trials.append(record)
        score = record.get("final", {}).get(metric)
        if record.get("status") == OK and score is not None and math.isfinite(score):
            group.seeds.append(record["seed"])
            group.scores.append(score)
        else:
            group.failed += 1
    sign = -1 if higher_is_better(metric) else 1
    return sorted(
        groups.values(),
        key=lambda g: (not g.scores, sign * g.mean if g.scores else 0.0),
    )


def format_mean_std(summary: ConfigSummary, digits: int = 4) -> str:
    if not summary.scores:
        return "—"
    if len(summary.scores) == 1:
        return f"{summary.mean:.{digits}f}"
    return f"{summary.mean:.{digits}f} ± {summary.std:.{digits}f}"


def summary_rows(summaries: list[ConfigSummary], metric: str) -> list[dict]:
    """The table as JSON-ready rows (what ``nk.sweep`` returns and ``--json`` prints)."""
    return [
        {
            "values": s.values,
            "metric": metric,
            "mean": None if not s.scores else s.mean,
            "std": None if len(s.scores) < 2 else s.std,
            "seeds": s.seeds,
            "failed": s.failed,
        }
        for s in summaries
    ]
