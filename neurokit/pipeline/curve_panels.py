"""Which panels a run's learning curves get, from what its metrics hold.

Cost is drawn for every run; accuracy for classification runs; RMSE and R² for regression
runs (``task`` regression writes ``train_rmse``/``train_r2``, no accuracy); and the share of
saturated hidden neurons (``neurokit.pipeline.saturation``) when the run recorded it. A panel
without data is left out rather than drawn empty, so old runs still plot as they did.
"""

from __future__ import annotations

from dataclasses import dataclass

from neurokit.pipeline.saturation import SATURATED_FRACTION, saturation_series

Series = dict[str, tuple[list[float], list[float]]]


@dataclass(frozen=True)
class Panel:
    """One axes of the learning curves: its title, y label and (key, label) series."""

    name: str
    title: str
    ylabel: str
    series: tuple[tuple[str, str], ...]


PANELS = (
    Panel(
        "cost",
        "cost C per epoch",
        "C",
        (("train_cost", "training cost"), ("validation_cost", "validation cost")),
    ),
    Panel(
        "accuracy",
        "accuracy per epoch",
        "fraction correct",
        (("train_accuracy", "training accuracy"), ("validation_accuracy", "validation accuracy")),
    ),
    Panel(
        "rmse",
        "RMSE per epoch",
        "root mean squared error",
        (("train_rmse", "training RMSE"), ("validation_rmse", "validation RMSE")),
    ),
    Panel(
        "r2",
        "R² per epoch",
        "R² (1 is a perfect fit)",
        (("train_r2", "training R²"), ("validation_r2", "validation R²")),
    ),
)

SATURATION_TITLE = "saturated hidden neurons per epoch"
SATURATION_LABEL = f"share with σ'(z) < {SATURATED_FRACTION:g}·σ'(0)"


def column_series(rows: list[dict], key: str) -> tuple[list[float], list[float]] | None:
    """(epochs, values) of one metrics column, rows without it left out; None when none has it."""
    points = [(row["epoch"], row[key]) for row in rows if row.get(key) is not None]
    if not points:
        return None
    return [float(e) for e, _ in points], [float(v) for _, v in points]


def panels_for(rows: list[dict]) -> list[tuple[Panel, Series]]:
    """The panels with data, each with ``{key: (epochs, values)}`` in drawing order."""
    chosen = []
    for panel in PANELS:
        data = {key: s for key, _ in panel.series if (s := column_series(rows, key)) is not None}
        if data:
            chosen.append((panel, data))
    shares = saturation_series(rows)
    if shares:
        layers = tuple((f"saturated_{l}", f"hidden layer {l}") for l in shares)
        panel = Panel("saturation", SATURATION_TITLE, SATURATION_LABEL, layers)
        chosen.append((panel, {f"saturated_{l}": s for l, s in shares.items()}))
    return chosen
