"""A sweep's results: ``results.jsonl`` (one line per finished trial) and the summary table.

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
from neurokit.pipeline.sweep_plan import SweepError
from neurokit.pipeline.sweep_trial import OK

RESULTS_FILE = "results.jsonl"


def read_results(path: Path, known_ids: set[str] | None = None) -> list[dict]:
    """Every finished trial's record; a damaged line or a trial of another sweep is refused."""
    if not path.exists():
        return []
    records = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise SweepError(f"{path}: line {number}: not JSON ({exc.msg})") from None
        if not isinstance(record, dict) or "trial" not in record:
            raise SweepError(f"{path}: line {number}: not a trial result")
        if known_ids is not None and record["trial"] not in known_ids:
            raise SweepError(
                f"{path}: line {number}: trial {record['trial']!r} is not in this sweep"
            )
        records.append(record)
    return records


def append_result(path: Path, record: dict) -> None:
    atomic.append_line(path, json.dumps(record))


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
