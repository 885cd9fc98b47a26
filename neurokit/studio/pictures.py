"""What the page draws of a model, as plain JSON-ready numbers.

- ``network_picture``: every weight and bias of a feedforward net (edges coloured by sign,
  sized by |w| on the page);
- ``plane_picture``: for 2-D inputs, the output a^L over a grid of the input plane (the
  decision boundary) and each hidden neuron's activation over the same grid;
- ``weight_images``: for image inputs, each first-hidden-layer neuron's weights w^2_j· as an
  image the shape of the input.
"""

from __future__ import annotations

import numpy as np

#: Grid points per side of the input-plane heat maps.
GRID = 40

#: At most this many hidden neurons' weight images are sent.
MAX_WEIGHT_IMAGES = 100


def rounded(array, digits: int = 5) -> list:
    """A numpy array as nested lists of floats rounded for the wire."""
    return np.round(np.asarray(array, dtype=np.float64), digits).tolist()


def network_picture(model) -> dict | None:
    """Sizes, weights and biases of a model that has per-layer ``weights``; None otherwise."""
    weights = getattr(model, "weights", None)
    biases = getattr(model, "biases", None)
    sizes = getattr(model, "sizes", None)
    if weights is None or biases is None or sizes is None:
        return None
    if max(sizes) > 64:
        return {"sizes": list(sizes), "weights": None, "biases": None}
    return {
        "sizes": list(sizes),
        "weights": [rounded(w) for w in weights],
        "biases": [rounded(b) for b in biases],
    }


def plane_bounds(x: np.ndarray, margin: float = 0.15) -> list[float]:
    """[x1_min, x1_max, x2_min, x2_max] around the points, with a margin on each side."""
    low, high = x.min(axis=0), x.max(axis=0)
    pad = (high - low) * margin + 1e-9
    return [
        float(low[0] - pad[0]),
        float(high[0] + pad[0]),
        float(low[1] - pad[1]),
        float(high[1] + pad[1]),
    ]


def plane_grid(bounds: list[float], n: int = GRID) -> np.ndarray:
    """n×n points of the plane, row by row from the top (x_2 high) to the bottom."""
    x1 = np.linspace(bounds[0], bounds[1], n)
    x2 = np.linspace(bounds[3], bounds[2], n)
    g1, g2 = np.meshgrid(x1, x2)
    return np.stack([g1.ravel(), g2.ravel()], axis=1)


def plane_picture(model, bounds: list[float], n: int = GRID) -> dict:
    """The output over the plane and, for a layered net, every hidden neuron's a^l there."""
    grid = plane_grid(bounds, n).astype(getattr(model, "dtype", np.float64))
    picture: dict = {"bounds": bounds, "n": n}
    forward = getattr(model, "forward", None)
    if forward is not None and hasattr(model, "weights"):
        _, activations = forward(grid)
        picture["output"] = rounded(activations[-1][:, 0].reshape(n, n), 3)
        picture["hidden"] = [
            [rounded(a[:, j].reshape(n, n), 3) for j in range(a.shape[1])]
            for a in activations[1:-1]
        ]
    else:
        picture["output"] = rounded(model.predict(grid)[:, 0].reshape(n, n), 3)
        picture["hidden"] = []
    return picture


def weight_images(model, image_shape) -> list | None:
    """Each first-layer neuron's incoming weights reshaped to the input image, or None."""
    weights = getattr(model, "weights", None)
    if not weights or image_shape is None:
        return None
    w = weights[0][:MAX_WEIGHT_IMAGES]
    if w.shape[1] != int(np.prod(image_shape)):
        return None
    return [rounded(row.reshape(image_shape), 3) for row in w]


def points(split, limit: int = 1000) -> dict:
    """The first ``limit`` points of a 2-D split and their classes."""
    from neurokit.core.datasets import class_of

    x, y = split.x[:limit], split.y[:limit]
    return {"x": rounded(x, 4), "label": class_of(y).tolist()}


#: At most this many validation examples go into the live confusion matrix.
MAX_CONFUSION_ROWS = 10_000


def confusion(run) -> dict | None:
    """The confusion matrix on the validation split (classification data sets only)."""
    from neurokit.core.datasets import class_of
    from neurokit.core.metrics import confusion_matrix

    split = run.dataset.splits.get("validation")
    if split is None or split.y.shape[1] < 2:
        return None
    x, y = split.x[:MAX_CONFUSION_ROWS], split.y[:MAX_CONFUSION_ROWS]
    predicted = class_of(run.model.predict(x))
    matrix = confusion_matrix(class_of(y), predicted, y.shape[1])
    names = run.dataset.class_names or [str(c) for c in range(y.shape[1])]
    return {"matrix": matrix.tolist(), "classes": list(names)}
