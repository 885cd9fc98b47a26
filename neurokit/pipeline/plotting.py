"""Pictures of a training run: learning curves, what each hidden neuron looks for, the
confusion matrix and the misclassified digits. Needs the optional extra
``pip install 'neurokit[plot]'`` (matplotlib).

Figures are drawn with matplotlib's Agg renderer on ``Figure`` objects (no pyplot, no
window, no global state), rendered to PNG bytes and written atomically. Each ``plot_*``
function returns the data it drew, read back from the figure, so a notebook (or a test) can
see exactly what went into the picture.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from neurokit.core import atomic
from neurokit.core.errors import NeurokitError
from neurokit.core.network import Network

INSTALL_HINT = "pip install 'neurokit[plot]'"
CURVES_FILE = "learning-curves.png"
HIDDEN_FILE = "hidden-weights.png"
CONFUSION_FILE = "confusion.png"
MISCLASSIFIED_FILE = "misclassified.png"
#: Metrics drawn in the learning curves: (metrics.jsonl key, label, panel).
SERIES = (
    ("train_cost", "training cost", "cost"),
    ("validation_cost", "validation cost", "cost"),
    ("train_accuracy", "training accuracy", "accuracy"),
    ("validation_accuracy", "validation accuracy", "accuracy"),
    ("train_rmse", "training RMSE", "rmse"),
    ("validation_rmse", "validation RMSE", "rmse"),
    ("train_r2", "training R²", "r2"),
    ("validation_r2", "validation R²", "r2"),
)


def _figure(**kwargs):
    """A new matplotlib Figure with an Agg canvas; a clear error without matplotlib."""
    try:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
    except ImportError:
        raise NeurokitError(
            f"plotting needs matplotlib, which is not installed: {INSTALL_HINT}"
        ) from None
    figure = Figure(**kwargs)
    FigureCanvasAgg(figure)
    return figure


def require_matplotlib() -> None:
    """Raise the install hint now rather than half-way through a run's plots."""
    _figure()


def save_png(figure, path: Path) -> Path:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=100)
    atomic.write_bytes(path, buffer.getvalue())
    return path


# --- learning curves ------------------------------------------------------------------------


def curve_data(rows: list[dict]) -> dict[str, tuple[list[float], list[float]]]:
    """``{metric: (epochs, values)}`` for every metric of ``SERIES`` the rows have."""
    data = {}
    for key, _label, _panel in SERIES:
        points = [(row["epoch"], row[key]) for row in rows if row.get(key) is not None]
        if points:
            data[key] = ([float(e) for e, _ in points], [float(v) for _, v in points])
    return data


def plot_learning_curves(rows: list[dict], path: Path) -> dict[str, tuple[list, list]]:
    """Cost (left) and accuracy (right) per epoch, training and held-out, written to ``path``.

    Returns ``{metric: (x, y)}`` as read back from the drawn lines.
    """
    if not curve_data(rows):
        raise NeurokitError(f"{path.parent}: no epochs in metrics.jsonl to plot")
    figure, drawn = learning_curves_figure(rows)
    save_png(figure, path)
    return drawn


#: Above this many epochs the curves are drawn as plain lines: markers would merge into a band.
MARKER_EPOCHS = 60


def learning_curves_figure(rows: list[dict]):
    """(figure, ``{metric: (x, y)}`` drawn): cost and accuracy (or RMSE and R² for a
    regression) per epoch, and the saturated hidden neurons when recorded, for a notebook."""
    from neurokit.pipeline.curve_panels import panels_for

    panels = panels_for(rows)
    if not panels:
        raise NeurokitError("no epochs to plot yet")
    marker = "o" if len(rows) <= MARKER_EPOCHS else None
    figure = _figure(figsize=(5 * max(2, len(panels)), 4))
    drawn = {}
    for axes, (panel, data) in zip(
        figure.subplots(1, len(panels), squeeze=False)[0], panels, strict=True
    ):
        for key, label in panel.series:
            if key in data:
                (line,) = axes.plot(*data[key], marker=marker, markersize=3, label=label)
                drawn[key] = (list(line.get_xdata()), list(line.get_ydata()))
        axes.set(title=panel.title, xlabel="epoch", ylabel=panel.ylabel)
        if panel.name == "saturation":
            axes.set_ylim(0, 1)
        axes.legend()
        axes.grid(alpha=0.3)
    figure.tight_layout()
    return figure, drawn


# --- what the hidden neurons look for -----------------------------------------------------


def mosaic(tiles: np.ndarray, columns: int, gap: int = 1) -> np.ndarray:
    """Images (n, h, w) laid out in a grid, ``gap`` pixels of NaN (drawn blank) between them.

    One image with n tiles draws far faster than n separate plots.
    """
    n, h, w = tiles.shape
    rows = -(-n // columns)
    grid = np.full((rows * (h + gap) - gap, columns * (w + gap) - gap), np.nan)
    for i in range(n):
        r, c = divmod(i, columns)
        grid[r * (h + gap) : r * (h + gap) + h, c * (w + gap) : c * (w + gap) + w] = tiles[i]
    return grid


def _grid_figure(n: int, columns: int, shape: tuple[int, int], title: str, inches: float):
    rows = max(1, -(-n // columns))
    figure = _figure(figsize=(inches * columns + 0.4, inches * rows * shape[0] / shape[1] + 0.8))
    axes = figure.add_axes((0.02, 0.02, 0.96, 0.96 - 0.5 / (inches * rows + 0.8)))
    axes.set_axis_off()
    figure.suptitle(title, fontsize=10)
    return figure, axes


def plot_hidden_weights(
    weights: np.ndarray, image_shape: tuple[int, int], path: Path, limit: int = 100
) -> int:
    """The incoming weights w^2_j· of each hidden neuron j drawn as an image (red +, blue −),
    each scaled to its own largest |w|. Returns the number of neurons drawn."""
    figure, count = hidden_weights_figure(weights, image_shape, limit)
    save_png(figure, path)
    return count


def hidden_weights_figure(weights: np.ndarray, image_shape: tuple[int, int], limit: int = 100):
    """(figure, neurons drawn): ``plot_hidden_weights`` without the file, for a notebook."""
    count = min(weights.shape[0], limit)
    tiles = weights[:count].reshape(count, *image_shape).astype(float)
    scale = np.abs(tiles).max(axis=(1, 2), keepdims=True)
    tiles = tiles / np.where(scale > 0, scale, 1.0)
    columns = min(10, int(np.ceil(np.sqrt(count))))
    figure, axes = _grid_figure(
        count,
        columns,
        image_shape,
        "incoming weights w^2_j· of hidden neuron j (red +, blue −), each tile scaled on its own",
        1.2,
    )
    axes.imshow(mosaic(tiles, columns, gap=4), cmap="bwr", vmin=-1, vmax=1)
    h, w = image_shape
    for j in range(count):
        r, c = divmod(j, columns)
        axes.text(c * (w + 4) + 1, r * (h + 4) + 1, str(j + 1), fontsize=6, va="top")
    return figure, count


# --- confusion matrix and mistakes ----------------------------------------------------------


def plot_confusion(matrix: np.ndarray, class_names: list[str], path: Path, title: str) -> None:
    """``matrix[t, p]`` examples of true class t predicted as p, counts written in the cells."""
    save_png(confusion_figure(matrix, class_names, title), path)


def confusion_figure(matrix: np.ndarray, class_names: list[str], title: str):
    """``plot_confusion`` without the file, for a notebook."""
    n = matrix.shape[0]
    figure = _figure(figsize=(1.0 + 0.5 * n, 0.8 + 0.5 * n))
    axes = figure.add_subplot()
    axes.imshow(matrix, cmap="Blues")
    axes.set_xticks(range(n), class_names, rotation=45 if n > 10 else 0, ha="right")
    axes.set_yticks(range(n), class_names)
    axes.set(xlabel="predicted class", ylabel="true class", title=title)
    threshold = matrix.max() / 2 if matrix.size else 0
    for t in range(n):
        for p in range(n):
            color = "white" if matrix[t, p] > threshold else "black"
            axes.text(p, t, str(matrix[t, p]), ha="center", va="center", color=color, fontsize=7)
    figure.tight_layout()
    return figure


def plot_misclassified(
    x: np.ndarray,
    true: np.ndarray,
    predicted: np.ndarray,
    class_names: list[str],
    image_shape: tuple[int, int],
    path: Path,
    limit: int = 36,
) -> int:
    """A grid of wrongly classified images, each labelled "predicted (true)". Returns the count."""
    figure, count = misclassified_figure(x, true, predicted, class_names, image_shape, limit)
    save_png(figure, path)
    return count


def misclassified_figure(x, true, predicted, class_names, image_shape, limit: int = 36):
    """(figure, count): ``plot_misclassified`` without the file, for a notebook.

    Drawn as ``neurokit predict`` draws a digit and as MNIST stores it: white ink on black."""
    wrong = np.flatnonzero(true != predicted)[:limit]
    count = len(wrong)
    columns = max(1, min(6, count))
    title = f"misclassified: predicted (true), first {count}" if count else "no mistakes"
    figure, axes = _grid_figure(count, columns, image_shape, title, 1.5)
    if count:
        h, w = image_shape
        gap = h // 2  # room for each label above its image
        tiles = x[wrong].reshape(count, h, w).astype(float)
        grid = mosaic(tiles, columns, gap=gap)
        axes.imshow(np.vstack([np.full((gap, grid.shape[1]), np.nan), grid]),
                    cmap="gray", vmin=0, vmax=1)  # fmt: skip
        for position, i in enumerate(wrong):
            r, c = divmod(position, columns)
            label = f"{class_names[predicted[i]]} (true {class_names[true[i]]})"
            axes.text(c * (w + gap) + w / 2, r * (h + gap) + gap - 2, label, fontsize=7,
                      color="red", ha="center", va="bottom")  # fmt: skip
    return figure, count


# --- a whole run ------------------------------------------------------------------------------


@dataclass
class PlotResult:
    """The PNG files written, the learning-curve data drawn, and what was skipped and why."""

    files: dict[str, Path] = field(default_factory=dict)
    curves: dict[str, tuple[list, list]] = field(default_factory=dict)
    split: str = ""
    skipped: list[str] = field(default_factory=list)
    gradient_norms: np.ndarray | None = None  # ‖∂C_T/∂h_{T−lag}‖ by lag, for a BPTT run

    def __repr__(self) -> str:
        return f"PlotResult(files={sorted(self.files)}, skipped={len(self.skipped)})"


def plot_run(run_dir, registry, *, data_dir=None, split: str | None = None) -> PlotResult:
    """Every plot of a run directory, written into it. Reads the run's own metrics.jsonl,
    spec.json and model.npz; the confusion matrix and mistakes use the data set's test split
    (else validation, else train) or ``split``."""
    from neurokit.core.datasets import class_of
    from neurokit.core.metrics import confusion_matrix, outputs
    from neurokit.core.task import REGRESSION, task_of
    from neurokit.pipeline import builder, runs

    require_matplotlib()
    run_dir = Path(run_dir)
    spec, network = runs.load_run(run_dir, registry)
    result = PlotResult()
    rows = runs.read_metrics(run_dir / runs.METRICS_FILE)
    if rows and curve_data(rows):
        result.curves = plot_learning_curves(rows, run_dir / CURVES_FILE)
        result.files["curves"] = run_dir / CURVES_FILE
    elif rows:  # e.g. an echo state net's readout, fitted in one go: no cost per epoch
        result.skipped.append("learning curves: metrics.jsonl has no cost or accuracy")
    else:
        result.skipped.append("learning curves: metrics.jsonl has no epochs")
    if spec.data is None:
        result.skipped.append("data plots: the spec names no data set")
        return result
    dataset = builder.load_dataset(spec, registry, data_dir)
    shape = dataset.image_shape
    result.split = split or next(s for s in ("test", "validation", "train") if s in dataset.splits)
    if getattr(network, "sequences", False):  # predictions over time, gradient norms by lag
        from neurokit.pipeline.sequence_plots import plot_sequence_run

        cost = builder.build_cost(spec, registry)
        plot_sequence_run(network, dataset, result.split, cost, run_dir, result)
        return result
    _plot_model_views(network, dataset, run_dir, result)
    if not getattr(network, "classifies", True):
        result.skipped.append("confusion matrix: the model's outputs are patterns, not classes")
        return result
    layered = isinstance(network, Network) and len(network.sizes) > 2
    if shape and layered and network.sizes[0] == shape[0] * shape[1]:
        plot_hidden_weights(network.weights[0], shape, run_dir / HIDDEN_FILE)
        result.files["hidden"] = run_dir / HIDDEN_FILE
    else:
        result.skipped.append(
            "hidden weights: inputs are not images or the net has no hidden layer"
        )
    result.split = split or next(s for s in ("test", "validation", "train") if s in dataset.splits)
    data = dataset.split(result.split)
    if task_of(data.y) == REGRESSION:
        result.skipped.append("confusion matrix and mistakes: a regression has no classes")
        return result
    true, predicted = class_of(data.y), class_of(outputs(network, data.x))
    n_classes = 2 if data.y.shape[1] == 1 else data.y.shape[1]
    names = dataset.class_names or [str(k) for k in range(n_classes)]
    matrix = confusion_matrix(true, predicted, n_classes)
    title = f"confusion matrix, {result.split} split ({int(np.trace(matrix))}/{len(data)} right)"
    plot_confusion(matrix, names, run_dir / CONFUSION_FILE, title)
    result.files["confusion"] = run_dir / CONFUSION_FILE
    if shape:
        plot_misclassified(data.x, true, predicted, names, shape, run_dir / MISCLASSIFIED_FILE)
        result.files["misclassified"] = run_dir / MISCLASSIFIED_FILE
    else:
        result.skipped.append("misclassified digits: inputs are not images")
    return result


def _plot_model_views(model, dataset, run_dir: Path, result: PlotResult) -> None:
    """The model's own pictures and, for two inputs, its decision regions."""
    from neurokit.pipeline.pictures import REGIONS_FILE, draw_picture, plot_decision_regions

    if hasattr(model, "pictures"):
        for picture in model.pictures(dataset):
            result.files[picture.name] = draw_picture(picture, run_dir)
    if model.n_inputs == 2 and getattr(model, "classifies", True):
        title = f"decision regions of {model.name!r} with the training examples"
        plot_decision_regions(model, dataset.train, run_dir / REGIONS_FILE, title)
        result.files["regions"] = run_dir / REGIONS_FILE
