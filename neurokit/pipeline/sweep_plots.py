"""PNG plots of a sweep: the metric against each swept value, and a heat map for two-way grids.

Each point is the mean of every trial with that value (all seeds, and all values of the other
swept paths: the marginal, which answers "how much does η matter?"), with an error bar of ±1
sample standard deviation. The heat map of a two-way grid shows each cell's mean over seeds.
The PNGs are written next to sweep.json.
"""

from __future__ import annotations

import json
import math
import re
import statistics
from pathlib import Path
from typing import cast

from neurokit.pipeline.plotting import _figure, save_png
from neurokit.pipeline.sweep import load_outcome
from neurokit.pipeline.sweep_trial import OK


def plot_sweep(sweep_dir, metric: str = "") -> dict[str, Path]:
    """Draw ``metric-vs-<path>.png`` for each swept path and ``heatmap.png`` for a 2-way grid."""
    outcome = load_outcome(sweep_dir, metric)
    metric = outcome.metric
    scores = [
        (r["values"], r["final"][metric])
        for r in outcome.records
        if r["status"] == OK and math.isfinite(r.get("final", {}).get(metric, math.nan))
    ]
    paths = [a.path for a in outcome.plan.grid] + [a.path for a in outcome.plan.ranges]
    written: dict[str, Path] = {}
    for path in paths:
        target = Path(sweep_dir) / f"{metric}-vs-{_file_label(path)}.png"
        written[path] = plot_against(scores, path, metric, target)
    if len(outcome.plan.grid) == 2 and not outcome.plan.ranges:
        rows, columns = outcome.plan.grid
        target = Path(sweep_dir) / "heatmap.png"
        written["heatmap"] = plot_heatmap(scores, rows, columns, metric, target)
    return written


def marginal(scores, path: str) -> list[tuple[object, float, float, int]]:
    """(value, mean, sd, n) for each value of ``path``, pooling every trial that has it."""
    pooled: dict = {}
    for values, score in scores:
        pooled.setdefault(json.dumps(values[path]), []).append(score)
    rows = []
    for key, found in pooled.items():
        sd = statistics.stdev(found) if len(found) > 1 else 0.0
        rows.append((json.loads(key), statistics.mean(found), sd, len(found)))
    return sorted(rows, key=lambda row: _sort_key(row[0]))


def plot_against(scores, path: str, metric: str, target: Path) -> Path:
    figure = _figure(figsize=(5.5, 4), layout="constrained")
    axes = figure.add_subplot()
    rows = marginal(scores, path)
    numeric = all(isinstance(v, int | float) and not isinstance(v, bool) for v, *_ in rows)
    xs = [cast(float, v) for v, *_ in rows] if numeric else list(range(len(rows)))
    axes.errorbar(
        xs, [m for _, m, _, _ in rows], yerr=[s for _, _, s, _ in rows], marker="o", capsize=4
    )
    if numeric and len(xs) > 1 and min(xs) > 0 and max(xs) / min(xs) >= 20:
        axes.set_xscale("log")  # η over decades reads best on a log axis
    if not numeric:
        axes.set_xticks(xs, [str(v) for v, *_ in rows])
    axes.set_xlabel(path)
    axes.set_ylabel(f"{metric}, mean ± sd")
    axes.set_title(f"{metric} against {path}")
    axes.grid(alpha=0.3)
    return save_png(figure, target)


def plot_heatmap(scores, rows_axis, columns_axis, metric: str, target: Path) -> Path:
    import numpy as np

    cells = np.full((len(rows_axis.values), len(columns_axis.values)), np.nan)
    for i, row_value in enumerate(rows_axis.values):
        for j, column_value in enumerate(columns_axis.values):
            found = [
                s
                for values, s in scores
                if values[rows_axis.path] == row_value and values[columns_axis.path] == column_value
            ]
            if found:
                cells[i, j] = statistics.mean(found)
    figure = _figure(
        figsize=(1.2 * len(columns_axis.values) + 3, 0.8 * len(rows_axis.values) + 2),
        layout="constrained",
    )
    axes = figure.add_subplot()
    image = axes.imshow(cells, cmap="viridis" if not metric.endswith("_cost") else "viridis_r")
    axes.set_xticks(range(len(columns_axis.values)), [str(v) for v in columns_axis.values])
    axes.set_yticks(range(len(rows_axis.values)), [str(v) for v in rows_axis.values])
    axes.set_xlabel(columns_axis.path)
    axes.set_ylabel(rows_axis.path)
    for (i, j), value in np.ndenumerate(cells):
        if np.isfinite(value):
            axes.text(j, i, f"{value:.3g}", ha="center", va="center", color="white", fontsize=8)
    figure.colorbar(image, ax=axes, label=f"{metric} (mean over seeds)")
    axes.set_title(f"{metric}: {rows_axis.path} × {columns_axis.path}")
    return save_png(figure, target)


def _sort_key(value):
    return (0, value, "") if isinstance(value, int | float) else (1, 0, str(value))


def _file_label(path: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]", "", path.replace("[", "").replace("]", ""))
