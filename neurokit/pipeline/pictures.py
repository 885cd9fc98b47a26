"""Drawing what a model shows of itself (``Model.pictures``) and, for any model of two
inputs, its decision regions: the PNGs ``neurokit plot`` adds beside the learning curves.

The pictures are plain records (``neurokit.core.views.Picture``); this module only draws them,
whatever the family, so a new family gets its plots by returning records.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from neurokit.core.datasets import Split, class_of
from neurokit.core.views import Picture
from neurokit.pipeline.plotting import _figure, mosaic, save_png

REGIONS_FILE = "decision-regions.png"
#: Points per axis of the mesh the decision regions are computed on.
REGION_MESH = 200


def draw_picture(picture: Picture, run_dir: Path) -> Path:
    """Draw one ``Picture`` as ``NAME.png`` in ``run_dir``; returns the path."""
    path = run_dir / f"{picture.name}.png"
    if picture.kind == "tiles":
        _draw_tiles(picture, path)
    else:
        _draw_grid(picture, path)
    return path


def _draw_tiles(picture: Picture, path: Path) -> None:
    tiles = np.asarray(picture.data, dtype=float)
    n, h, w = tiles.shape
    columns = picture.columns or min(10, int(np.ceil(np.sqrt(n))))
    rows = -(-n // columns)
    inches = 0.6 if columns > 12 else 0.9
    figure = _figure(figsize=(inches * columns + 0.4, inches * rows + 0.8))
    axes = figure.add_axes((0.02, 0.02, 0.96, 0.96 - 0.5 / (inches * rows + 0.8)))
    axes.set_axis_off()
    figure.suptitle(picture.title, fontsize=10)
    gap = max(1, h // 7)
    axes.imshow(mosaic(tiles, columns, gap=gap), cmap="gray", vmin=0, vmax=1)
    for i, label in enumerate(picture.labels or []):
        r, c = divmod(i, columns)
        axes.text(c * (w + gap) + 1, r * (h + gap) + 1, label, fontsize=6, va="top", color="orange")
    save_png(figure, path)


def _draw_grid(picture: Picture, path: Path) -> None:
    data = np.asarray(picture.data, dtype=float)
    rows, cols = data.shape[:2]
    figure = _figure(figsize=(0.45 * cols + 2.0, 0.45 * rows + 1.2))
    axes = figure.add_subplot()
    if data.ndim == 3:  # one colour per cell
        axes.imshow(data.clip(0, 1))
    else:
        image = axes.imshow(data, cmap="viridis")
        figure.colorbar(image, ax=axes, label=picture.scale)
    for i, label in enumerate(picture.labels or []):
        r, c = divmod(i, cols)
        axes.text(c, r, label, ha="center", va="center", fontsize=7, color="white")
    axes.set(title=picture.title, xticks=[], yticks=[])
    figure.tight_layout()
    save_png(figure, path)


def region_mesh(x: np.ndarray, points: int = REGION_MESH) -> tuple[np.ndarray, np.ndarray]:
    """Two mesh axes covering the inputs with a 10% margin on every side."""
    low, high = x.min(axis=0), x.max(axis=0)
    margin = 0.1 * np.where(high > low, high - low, 1.0)
    return (
        np.linspace(low[0] - margin[0], high[0] + margin[0], points),
        np.linspace(low[1] - margin[1], high[1] + margin[1], points),
    )


def decision_regions(model, split: Split, points: int = REGION_MESH):
    """The class the model picks at every point of a mesh over the inputs' square:
    ``(x1 axis, x2 axis, classes[i2, i1])``."""
    u, v = region_mesh(split.x, points)
    grid = np.stack(np.meshgrid(u, v), axis=-1).reshape(-1, 2).astype(model.dtype)
    classes = class_of(model.predict(grid)).reshape(len(v), len(u))
    return u, v, classes


def plot_decision_regions(model, split: Split, path: Path, title: str) -> np.ndarray:
    """The plane coloured by the class the model picks, the examples on top (marker: their
    true class). Returns the class mesh drawn."""
    u, v, classes = decision_regions(model, split)
    figure = _figure(figsize=(5, 4.5))
    axes = figure.add_subplot()
    axes.contourf(
        u, v, classes, levels=np.arange(classes.max() + 2) - 0.5, cmap="Pastel1", alpha=0.9
    )
    true = class_of(split.y)
    for k in np.unique(true):
        rows = true == k
        axes.scatter(split.x[rows, 0], split.x[rows, 1], label=f"class {k}", edgecolor="black")
    axes.set(title=title, xlabel="x₁", ylabel="x₂")
    axes.legend(fontsize=7)
    figure.tight_layout()
    save_png(figure, path)
    return classes
