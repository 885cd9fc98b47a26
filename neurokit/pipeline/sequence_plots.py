"""Pictures of a sequence run: predictions against targets over time for a few held-out
sequences, and, for a model trained by backprop through time, the measured gradient norm
‖∂C_T/∂h_{T−lag}‖ against the time lag (vanishing gradients, measured, not asserted).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from neurokit.core.sequences import as_rows, is_sequence
from neurokit.core.task import REGRESSION, task_of

SEQUENCES_FILE = "sequences.png"
GRADIENTS_FILE = "gradient-norms.png"
#: How many sequences the predictions figure draws, one panel each.
SHOWN = 3
#: How many sequences the gradient norms are averaged over.
MEASURED = 50


def sequences_figure(model, x: np.ndarray, y: np.ndarray, class_names=None):
    """(figure, panels drawn): one panel per sequence, outputs against targets over t.

    A regression draws both curves; one output per step draws the output a^{o,t} against the
    0/1 target; several outputs draw a^{o,t} as shades (class × t) with the targets as dots."""
    from neurokit.pipeline.plotting import _figure

    shown = min(SHOWN, len(x))
    predicted = np.asarray(model.predict(x[:shown]), dtype=float)
    targets = np.asarray(y[:shown], dtype=float)
    if not is_sequence(targets):  # one target per sequence: drawn at the last step
        steps = x.shape[1]
        targets, predicted = _at_last_step(targets, steps), _at_last_step(predicted, steps)
    figure = _figure(figsize=(10, 2.4 * shown))
    panels = np.atleast_1d(figure.subplots(shown, 1, squeeze=False)[:, 0])
    regression = task_of(as_rows(y)) == REGRESSION
    for i, axes in enumerate(panels):
        if targets.shape[-1] == 1:
            _curves(axes, predicted[i, :, 0], targets[i, :, 0], regression)
        else:
            _shades(axes, predicted[i], targets[i], class_names)
        axes.set_title(f"sequence {i + 1}: outputs against targets over time", fontsize=9)
        axes.set_xlabel("time step t")
    figure.tight_layout()
    return figure, shown


def _at_last_step(rows: np.ndarray, steps: int) -> np.ndarray:
    """Per-sequence rows (n, k) as sequences (n, T, k), NaN (not drawn) before the last step."""
    out = np.full((rows.shape[0], steps, rows.shape[1]), np.nan)
    out[:, -1] = rows
    return out


def _curves(axes, predicted, target, regression: bool) -> None:
    t = np.arange(1, len(target) + 1)
    axes.plot(t, target, "o-" if len(t) <= 60 else "-", color="black", label="target y^t", ms=3)
    label = "prediction a^{o,t}" if regression else "output a^{o,t} (probability of 1)"
    axes.plot(t, predicted, "x--" if len(t) <= 60 else "--", color="tab:red", label=label, ms=4)
    axes.set_ylabel("value" if regression else "output")
    axes.legend(fontsize=7, loc="upper right")
    axes.grid(alpha=0.3)


def _shades(axes, predicted, target, class_names) -> None:
    axes.imshow(predicted.T, aspect="auto", cmap="Blues", vmin=0, vmax=1, origin="lower",
                extent=(0.5, len(predicted) + 0.5, -0.5, predicted.shape[1] - 0.5))  # fmt: skip
    steps, classes = np.nonzero(target > 0.5)
    axes.plot(steps + 1, classes, "o", color="tab:orange", ms=3, label="target class")
    names = class_names or [str(k) for k in range(predicted.shape[1])]
    axes.set_yticks(range(len(names)), names, fontsize=7)
    axes.set_ylabel("output a^{o,t} (shade)")
    axes.legend(fontsize=7, loc="upper right")


def gradient_norms(model, x: np.ndarray, y: np.ndarray, cost) -> np.ndarray:
    """‖∂C_T/∂h_{T−lag}‖ for lag = 0 … T−1, averaged over up to ``MEASURED`` sequences."""
    return np.asarray(model.hidden_gradient_norms(x[:MEASURED], y[:MEASURED], cost), dtype=float)


def gradient_norms_figure(norms: np.ndarray, name: str):
    """The norms against the lag on a log scale: a straight falling line is a vanishing
    gradient, falling by the same factor every step back."""
    from neurokit.pipeline.plotting import _figure

    figure = _figure(figsize=(6, 4))
    axes = figure.add_subplot()
    lags = np.arange(len(norms))
    shown = norms > 0  # a log scale cannot draw an exact zero
    axes.semilogy(lags[shown], norms[shown], "o-", ms=3, label=name)
    axes.set(
        title=f"{name}: how much of the last step's error reaches h_(T−lag)",
        xlabel="time lag (steps back from the last step)",
        ylabel="‖∂C_T/∂h_(T−lag)‖ (mean over sequences)",
    )
    axes.legend()
    axes.grid(alpha=0.3, which="both")
    figure.tight_layout()
    return figure


def plot_sequence_run(model, dataset, split: str, cost, run_dir: Path, result) -> None:
    """Both figures of a sequence run into ``run_dir``, recorded in ``result`` (a PlotResult)."""
    from neurokit.pipeline.plotting import save_png

    data = dataset.split(split)
    figure, _ = sequences_figure(model, data.x, data.y, dataset.class_names)
    result.files["sequences"] = save_png(figure, run_dir / SEQUENCES_FILE)
    if not hasattr(model, "hidden_gradient_norms") or cost is None:
        result.skipped.append("gradient norms: the model is not trained by backprop through time")
        return
    norms = gradient_norms(model, data.x, data.y, cost)
    result.gradient_norms = norms
    figure = gradient_norms_figure(norms, model.name)
    result.files["gradients"] = save_png(figure, run_dir / GRADIENTS_FILE)


def describe_norms(norms: np.ndarray) -> str:
    """One line of the measured norms at a few lags, e.g. for the docs."""
    lags = sorted({0, 1, 2, 5, 10, 20, len(norms) - 1} & set(range(len(norms))))
    shown = ", ".join(f"lag {lag}: {norms[lag]:.3g}" for lag in lags)
    return f"‖∂C_T/∂h_(T−lag)‖ {shown}"
