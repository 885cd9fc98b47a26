"""Built-in model ``som``: Kohonen's self-organizing map (Kohonen, 1989).

A 2-D grid of units u, each with a prototype w_u in input space (``prototypes``, one row per
unit, row-major over the grid). For each input x, one at a time:

    c = argmin_u ‖x − w_u‖                       (the best-matching unit)
    h_u = exp(−‖r_u − r_c‖² / (2 σ(t)²))          (a Gaussian neighbourhood on the grid)
    w_u ← w_u + η(t) h_u (x − w_u)                 (every unit moves towards x)

where r_u is unit u's position on the grid and η(t), σ(t) decay over the t = 0 … T−1 updates
of training by a named schedule. Nothing here uses a label: the labels (y) only name each unit
afterwards by the majority of the training examples it wins, so the map can ``predict`` a
class (the label of the input's best-matching unit) and ``neurokit evaluate`` can score it.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from neurokit.core.components import ModelContext, ModelType, Sections
from neurokit.core.datasets import class_of
from neurokit.core.errors import DataError
from neurokit.core.hookspecs import hookimpl
from neurokit.core.model import LearningStep, Model
from neurokit.core.views import Picture, Story, StoryStep

#: Rows of examples per distance computation when measuring a whole split.
CHUNK = 2_000


class SomParams(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, defer_build=True)

    rows: int = Field(default=10, gt=0, description="units down the grid")
    cols: int = Field(default=10, gt=0, description="units across the grid")
    topology: Literal["rectangular", "hexagonal"] = Field(
        default="rectangular", description="how units sit on the grid (8 or 6 neighbours)"
    )
    eta: float = Field(default=0.5, gt=0, description="initial learning rate η(0)")
    eta_final: float = Field(
        default=0.01, gt=0, description="η at the end (linear and exponential schedules)"
    )
    sigma: float | None = Field(
        default=None,
        gt=0,
        description="initial neighbourhood radius σ(0), in grid steps (default: half the "
        "larger side)",
    )
    sigma_final: float = Field(
        default=0.5, gt=0, description="σ at the end (linear and exponential schedules)"
    )
    schedule: Literal["asymptotic", "linear", "exponential"] = Field(
        default="asymptotic",
        description="how η and σ decay over the T updates: asymptotic x0 / (1 + 2t/T) (to a "
        "third, MiniSom's default), linear or exponential to the final values",
    )
    init: Literal["sample", "pca"] = Field(
        default="sample",
        description="initial prototypes: random training inputs, or spread over the plane of "
        "the first two principal components",
    )


def decay(schedule: str, start: float, final: float, t: float, total: float) -> float:
    """The value of a decaying parameter after t of ``total`` updates."""
    if schedule == "asymptotic":
        return start / (1 + t / (total / 2))
    if schedule == "linear":
        return start + (final - start) * t / total
    return start * (final / start) ** (t / total)  # exponential


def grid_positions(rows: int, cols: int, topology: str) -> np.ndarray:
    """r_u for every unit (row-major): (column, row) coordinates, one grid step apart.

    On a hexagonal grid odd rows shift half a step right and rows sit √3/2 apart, so each
    unit has six neighbours at distance 1.
    """
    r, c = np.divmod(np.arange(rows * cols), cols)
    x, y = c.astype(float), r.astype(float)
    if topology == "hexagonal":
        x = x + 0.5 * (r % 2)
        y = y * np.sqrt(3) / 2
    return np.stack([x, y], axis=1)


def neighbour_matrix(positions: np.ndarray, topology: str) -> np.ndarray:
    """Which units are adjacent: the 8 around a unit on a rectangular grid (diagonals too, as
    MiniSom counts them), the 6 around it on a hexagonal one."""
    gap = np.linalg.norm(positions[:, None, :] - positions[None, :, :], axis=2)
    reach = np.sqrt(2) if topology == "rectangular" else 1.0
    return (gap > 0) & (gap <= reach + 1e-9)


def squared_distances(x: np.ndarray, prototypes: np.ndarray) -> np.ndarray:
    """‖x − w_u‖² for every row of x and every unit, as (m, units), never below 0."""
    d = (x * x).sum(axis=1)[:, None] - 2 * x @ prototypes.T + (prototypes**2).sum(axis=1)
    return np.maximum(d, 0)


class SelfOrganizingMap(Model):
    """The map: ``prototypes`` (rows·cols, n) learnt by Kohonen's rule, and ``label_counts``
    (rows·cols, classes), how many training examples of each class each unit wins."""

    learning = "rule"
    #: The rule is online: ``learn`` visits every training example of the epoch in order.
    full_batch = True

    def __init__(self, params: SomParams, n_inputs: int, n_classes: int, *, dtype, rng):
        self.params = params
        self.rows, self.cols = params.rows, params.cols
        self.dtype = np.dtype(dtype)
        self.positions = grid_positions(params.rows, params.cols, params.topology)
        self.neighbours = neighbour_matrix(self.positions, params.topology)
        # ‖r_u − r_c‖² for every pair of units, once: the grid never moves.
        self._grid_gap2 = ((self.positions[:, None, :] - self.positions[None, :, :]) ** 2).sum(2)
        units = params.rows * params.cols
        # Until ``begin`` sees the data: uniform in [0, 1), the range of pixels and colours.
        self.prototypes = rng.random((units, n_inputs)).astype(self.dtype)
        self.label_counts = np.zeros((units, n_classes), dtype=self.dtype)

    @property
    def sigma0(self) -> float:
        return self.params.sigma or max(self.rows, self.cols) / 2

    def named_parameters(self) -> dict[str, np.ndarray]:
        return {"prototypes": self.prototypes}

    def arrays(self) -> dict[str, np.ndarray]:
        return {"prototypes": self.prototypes, "label_counts": self.label_counts}

    @property
    def n_inputs(self) -> int:
        return self.prototypes.shape[1]

    @property
    def n_outputs(self) -> int:
        return self.label_counts.shape[1]

    # --- learning ---------------------------------------------------------------------------

    def begin(self, train, rng: np.random.Generator) -> None:
        x = np.asarray(train.x, dtype=self.dtype)
        units = len(self.prototypes)
        if self.params.init == "sample":
            rows = rng.choice(len(x), units, replace=len(x) < units)
            self.prototypes[...] = x[rows]
        else:
            self.prototypes[...] = self._pca_prototypes(x)

    def _pca_prototypes(self, x: np.ndarray) -> np.ndarray:
        """Prototypes spread evenly over the plane of the first two principal components,
        ±1 standard deviation along each (rows along the first, columns along the second)."""
        mean = x.mean(axis=0)
        values, vectors = np.linalg.eigh(np.cov(x - mean, rowvar=False))
        first, second = vectors[:, -1] * np.sqrt(values[-1]), vectors[:, -2] * np.sqrt(values[-2])
        r, c = np.divmod(np.arange(self.rows * self.cols), self.cols)
        a = np.linspace(-1, 1, self.rows)[r] if self.rows > 1 else np.zeros_like(r, float)
        b = np.linspace(-1, 1, self.cols)[c] if self.cols > 1 else np.zeros_like(c, float)
        return mean + a[:, None] * first + b[:, None] * second

    def rates(self, t: float, total: float) -> tuple[float, float]:
        """η(t) and σ(t) after t of ``total`` updates."""
        p = self.params
        eta = decay(p.schedule, p.eta, p.eta_final, t, total)
        sigma = decay(p.schedule, self.sigma0, p.sigma_final, t, total)
        return eta, sigma

    def update(self, x: np.ndarray, eta: float, sigma: float) -> int:
        """One step of Kohonen's rule for input x; returns the best-matching unit c."""
        w = self.prototypes
        diff = x - w
        c = int(np.argmin(np.einsum("ij,ij->i", diff, diff)))  # c = argmin_u ‖x − w_u‖
        gap2 = self._grid_gap2[c]
        h = np.exp(-gap2 / (2 * sigma * sigma))  # h_u = exp(−‖r_u − r_c‖² / 2σ²)
        diff *= (eta * h)[:, None].astype(self.dtype)
        w += diff  # w_u ← w_u + η h_u (x − w_u)
        return c

    def learn(self, x: np.ndarray, y: np.ndarray, step: LearningStep) -> None:
        n = len(x)
        total = step.epochs * n  # T: one update per example per epoch
        for i, row in enumerate(x):
            t = (step.epoch - 1) * n + i
            self.update(row, *self.rates(t, total))
        self.label_counts[...] = self.hits_by_class(x, y)

    def hits_by_class(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """(units, classes): how many examples of each class each unit wins."""
        counts = np.zeros_like(self.label_counts)
        np.add.at(counts, (self.best_units(x), class_of(y)), 1)
        return counts

    # --- using the map ----------------------------------------------------------------------

    def best_units(self, x: np.ndarray, k: int = 1) -> np.ndarray:
        """The best-matching unit of each row (k = 1), or its k best units in order."""
        found = []
        for start in range(0, len(x), CHUNK):
            d = squared_distances(np.asarray(x[start : start + CHUNK], self.dtype), self.prototypes)
            found.append(np.argmin(d, axis=1) if k == 1 else np.argsort(d, axis=1)[:, :k])
        return np.concatenate(found) if found else np.zeros(0, dtype=np.int64)

    def unit_labels(self) -> np.ndarray:
        """Each unit's majority class; −1 for a unit that wins no training example."""
        labels = self.label_counts.argmax(axis=1)
        return np.where(self.label_counts.sum(axis=1) > 0, labels, -1)

    def predict(self, x: np.ndarray) -> np.ndarray:
        """One-hot: the majority label of the nearest unit that has one (all zeros before the
        map has seen labels)."""
        x = np.asarray(x, dtype=self.dtype)
        labels = self.unit_labels()
        out = np.zeros((len(x), self.n_outputs), dtype=self.dtype)
        if (labels < 0).all():
            return out
        d = squared_distances(x, self.prototypes)
        d[:, labels < 0] = np.inf
        out[np.arange(len(x)), labels[np.argmin(d, axis=1)]] = 1
        return out

    def quantization_error(self, x: np.ndarray) -> float:
        """Mean distance ‖x − w_c‖ of an input to its best-matching unit."""
        x = np.asarray(x, dtype=self.dtype)
        c = self.best_units(x)
        return float(np.linalg.norm(x - self.prototypes[c], axis=1).mean())

    def topographic_error(self, x: np.ndarray) -> float:
        """Share of inputs whose two best-matching units are not neighbours on the grid."""
        if len(self.prototypes) < 2:
            return 0.0
        best = self.best_units(x, k=2)
        return float(1 - self.neighbours[best[:, 0], best[:, 1]].mean())

    def metrics(self, split) -> dict[str, float]:
        return {
            "quantization_error": self.quantization_error(split.x),
            "topographic_error": self.topographic_error(split.x),
        }

    def u_matrix(self) -> np.ndarray:
        """(rows, cols): each unit's mean distance to its neighbours' prototypes; high ridges
        separate clusters."""
        gap = np.sqrt(squared_distances(self.prototypes, self.prototypes))
        mean = (gap * self.neighbours).sum(axis=1) / np.maximum(self.neighbours.sum(axis=1), 1)
        return mean.reshape(self.rows, self.cols)

    # --- views for plot and predict -----------------------------------------------------

    def _label_names(self, class_names=None) -> list[str]:
        names = class_names or [str(k) for k in range(self.n_outputs)]
        return ["" if k < 0 else names[k] for k in self.unit_labels()]

    def pictures(self, dataset) -> list[Picture]:
        names, image_shape = self._label_names(dataset.class_names), dataset.image_shape
        pictures = []
        if image_shape and self.n_inputs == image_shape[0] * image_shape[1]:
            pictures.append(
                Picture(
                    "som-prototypes",
                    f"prototypes w_u on the {self.rows}×{self.cols} grid, with "
                    "each unit's majority label",
                    "tiles",
                    self.prototypes.reshape(-1, *image_shape).clip(0, 1),
                    columns=self.cols,
                    labels=names,
                )
            )
        elif self.n_inputs == 3:
            pictures.append(
                Picture(
                    "som-prototypes",
                    "prototypes w_u as colours",
                    "grid",
                    self.prototypes.reshape(self.rows, self.cols, 3),
                    labels=names,
                )
            )
        pictures.append(
            Picture(
                "som-u-matrix",
                "U-matrix: mean distance to neighbouring prototypes",
                "grid",
                self.u_matrix(),
                scale="distance",
            )
        )
        hits = self.label_counts.sum(axis=1).reshape(self.rows, self.cols)
        pictures.append(
            Picture(
                "som-hits",
                "hit map: training examples won per unit, with the majority label",
                "grid",
                hits,
                labels=names,
                scale="examples",
            )
        )
        return pictures

    def story(self, x, *, noise, rng, image_shape, class_names, examples=None) -> Story:
        if noise:
            raise DataError("model 'som' takes no noise: a map names the best-matching unit")
        c = int(self.best_units(x[None, :])[0])
        distance = float(np.linalg.norm(x - self.prototypes[c]))
        row, col = divmod(c, self.cols)
        counts = self.label_counts[c]
        label = int(counts.argmax()) if counts.sum() else None
        steps = []
        if image_shape and x.size == image_shape[0] * image_shape[1]:
            steps = [
                StoryStep("input x", x.reshape(image_shape)),
                StoryStep(
                    f"prototype of unit ({row}, {col})",
                    self.prototypes[c].reshape(image_shape).clip(0, 1),
                    {"distance": distance},
                ),
            ]
        name = "none (it won no training example)" if label is None else class_names[label]
        outcome = (
            f"best-matching unit: ({row}, {col}) of the {self.rows}×{self.cols} map, distance "
            f"‖x − w‖ = {distance:.4g}; its label: {name}"
            + ("" if label is None else f" ({int(counts[label])} of {int(counts.sum())} hits)")
        )
        facts = {
            "unit": [row, col],
            "distance": distance,
            "unit_label": None if label is None else class_names[label],
        }
        return Story(steps, outcome, facts)


def build_som(params: SomParams, context: ModelContext) -> SelfOrganizingMap:
    n_inputs, n_classes = context.sizes
    return SelfOrganizingMap(params, n_inputs, n_classes, dtype=context.dtype, rng=context.rng)


#: A 4×4 map of the 8 named colours: what the conformance kit trains.
SOM_EXAMPLE = {
    "schema_version": 1,
    "name": "som-colours-small",
    "layers": [{"size": 3}, {"size": 8}],
    "model": {"name": "som", "params": {"rows": 4, "cols": 4}},
    "training": {"epochs": 2, "seed": 0},
    "data": {"name": "colours", "params": {"count": 100}},
}


@hookimpl
def neurokit_register_models():
    return [
        ModelType(
            "som",
            build_som,
            SomParams,
            summary="Kohonen's self-organizing map: a grid of prototypes, competitive learning",
            sections=Sections(
                layers=(2, 2),
                neurons=False,
                hand_set=False,
                learning="rule",
                training=frozenset({"epochs", "seed", "dtype"}),
            ),
            example=SOM_EXAMPLE,
        )
    ]
