"""Built-in model ``rbf``: a radial basis function network (Broomhead and Lowe, 1988).

Three layers. The hidden layer holds k Gaussian units, each with a centre c_j in input space
and a width s_j:

    φ_j(x) = exp(−‖x − c_j‖² / (2 s_j²))

and the output layer is linear, or sigmoid, in the hidden activations:

    z = w φ(x) + b,    a = σ(z)

The centres come from the training inputs before the first epoch, by k-means (seeded) or as a
random sample of them; the widths from a stated heuristic or given. The output weights w, b
are then learnt either in one regularised least-squares solve, (ΦᵀΦ + λI) [w b]ᵀ = Φᵀ Y, or
by gradient descent with any registered cost and optimizer, the centres and widths too if
asked (their gradients are written out in ``RBFNetwork.gradients``).
"""

from __future__ import annotations

from typing import Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, model_validator

from neurokit.core.components import ModelContext, ModelType, Sections
from neurokit.core.errors import DataError
from neurokit.core.hookspecs import hookimpl
from neurokit.core.model import LearningStep, Model
from neurokit.core.neurons import Linear, Sigmoid
from neurokit.core.views import Picture


class RbfParams(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, defer_build=True)

    centres: Literal["kmeans", "sample"] = Field(
        default="kmeans", description="centres c_j: k-means on the training inputs, or k of them"
    )
    kmeans_iterations: int = Field(default=30, ge=1, le=1000, description="k-means rounds")
    width: float | None = Field(
        default=None, gt=0, description="one width s for every unit (default: the heuristic)"
    )
    width_rule: Literal["nearest", "max-distance"] = Field(
        default="nearest",
        description="heuristic widths: s_j = the distance from c_j to its nearest centre, or "
        "s = d_max / √(2k) for all units (d_max the largest distance between centres)",
    )
    width_scale: float = Field(default=1.0, gt=0, description="multiplies the heuristic widths")
    output: Literal["linear", "sigmoid"] = Field(default="linear", description="σ of the outputs")
    solver: Literal["least_squares", "gradient"] = Field(
        default="least_squares",
        description="least_squares: one regularised solve for w, b; gradient: the spec's cost "
        "and optimizer",
    )
    ridge: float = Field(default=1e-6, ge=0, description="λ of the least-squares solve")
    train_centres: bool = Field(default=False, description="gradient solver: learn c_j too")
    train_widths: bool = Field(default=False, description="gradient solver: learn s_j too")

    @model_validator(mode="after")
    def _fits_the_solver(self):
        if self.solver == "least_squares":
            if self.output != "linear":
                raise ValueError(
                    "least squares fits a linear output; use solver 'gradient' for a sigmoid"
                )
            if self.train_centres or self.train_widths:
                raise ValueError(
                    "least squares learns only w and b; use solver 'gradient' to train centres "
                    "or widths"
                )
        return self


def squared_distances(x: np.ndarray, centres: np.ndarray) -> np.ndarray:
    """‖x − c_j‖² for every row of x and every centre, as (m, k), never below 0."""
    d = (x * x).sum(axis=1)[:, None] - 2 * x @ centres.T + (centres**2).sum(axis=1)
    return np.maximum(d, 0)


def kmeans(x: np.ndarray, k: int, iterations: int, rng: np.random.Generator) -> np.ndarray:
    """Lloyd's k-means from k distinct random inputs: assign each input to its nearest centre,
    move each centre to the mean of its inputs; a centre left without inputs jumps to the input
    farthest from its own centre."""
    centres = x[rng.choice(len(x), k, replace=False)].copy()
    for _ in range(iterations):
        d = squared_distances(x, centres)
        nearest = d.argmin(axis=1)
        counts = np.bincount(nearest, minlength=k)
        sums = np.zeros_like(centres)
        np.add.at(sums, nearest, x)
        moved = np.where(counts[:, None] > 0, sums / np.maximum(counts, 1)[:, None], centres)
        for j in np.flatnonzero(counts == 0):
            far = int(d[np.arange(len(x)), nearest].argmax())
            moved[j] = x[far]
        if np.allclose(moved, centres):
            break
        centres = moved
    return centres


class RBFNetwork(Model):
    """An RBF net trained by gradients: parameters ``centres`` and ``widths`` (when trainable),
    ``w3`` (n_out, k) and ``b3`` (n_out,): layer 3 is the output, as in the lecture's notation."""

    learning = "gradient"

    def __init__(self, params: RbfParams, sizes: list[int], *, dtype, rng):
        self.params = params
        self.dtype = np.dtype(dtype)
        n, k, n_out = sizes
        # Until ``begin`` places them on the data: centres uniform in [0, 1) (pixels), s = 1.
        self.centres = rng.random((k, n)).astype(self.dtype)
        self.widths = np.full(k, params.width or 1.0, dtype=self.dtype)
        self.w = (rng.standard_normal((n_out, k)) / np.sqrt(k)).astype(self.dtype)
        self.b = np.zeros(n_out, dtype=self.dtype)
        self.neuron = Sigmoid() if params.output == "sigmoid" else Linear()

    def named_parameters(self) -> dict[str, np.ndarray]:
        named = {}
        if self.params.train_centres:
            named["centres"] = self.centres
        if self.params.train_widths:
            named["widths"] = self.widths
        return {**named, "w3": self.w, "b3": self.b}

    def arrays(self) -> dict[str, np.ndarray]:
        return {"centres": self.centres, "widths": self.widths, "w3": self.w, "b3": self.b}

    @property
    def n_inputs(self) -> int:
        return self.centres.shape[1]

    @property
    def n_outputs(self) -> int:
        return self.w.shape[0]

    # --- forward ------------------------------------------------------------------------------

    def hidden(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """φ (m, k) and the squared distances ‖x − c_j‖² it came from."""
        d2 = squared_distances(np.asarray(x, dtype=self.dtype), self.centres)
        return np.exp(-d2 / (2 * self.widths**2)), d2  # φ_j = exp(−‖x − c_j‖² / 2s_j²)

    def predict(self, x: np.ndarray) -> np.ndarray:
        phi, _ = self.hidden(x)
        return self.neuron.sigma(phi @ self.w.T + self.b)  # a = σ(w φ + b)

    # --- learning -------------------------------------------------------------------------

    def begin(self, train, rng: np.random.Generator) -> None:
        x = np.asarray(train.x, dtype=self.dtype)
        k = len(self.centres)
        if k > len(x):
            raise DataError(
                f"layers[1].size: {k} centres but only {len(x)} training examples; "
                f"use at most {len(x)} hidden units"
            )
        if self.params.centres == "kmeans":
            self.centres[...] = kmeans(x, k, self.params.kmeans_iterations, rng)
        else:
            self.centres[...] = x[rng.choice(len(x), k, replace=False)]
        self.widths[...] = self.params.width or self.heuristic_widths()

    def heuristic_widths(self) -> np.ndarray:
        """s = d_max / √(2k) for every unit, or s_j = distance to c_j's nearest centre, times
        ``width_scale``; refused when centres coincide (a width of 0)."""
        k = len(self.centres)
        gap = np.sqrt(squared_distances(self.centres, self.centres))
        if self.params.width_rule == "max-distance":
            widths = np.full(k, gap.max() / np.sqrt(2 * k))
        else:
            np.fill_diagonal(gap, np.inf)
            widths = gap.min(axis=1) if k > 1 else np.ones(1)
        if not (widths > 0).all():
            raise DataError(
                "model.params.width_rule: centres coincide, which gives a width of 0; give "
                "model.params.width or use fewer centres"
            )
        return widths * self.params.width_scale

    def gradients(self, x, y, cost, scale: float = 1.0) -> list[np.ndarray]:
        x = np.asarray(x, dtype=self.dtype)
        phi, d2 = self.hidden(x)
        z = phi @ self.w.T + self.b
        a = self.neuron.sigma(z)
        # δ (m, n_out): ∂C/∂z per example, times scale/m for the mean (BP1 at the output).
        delta = cost.output_error(a, y, z, self.neuron) * (scale / len(x))
        grads = {"w3": delta.T @ phi, "b3": delta.sum(axis=0)}  # ∂C/∂w = δᵀφ, ∂C/∂b = Σδ
        g = (delta @ self.w) * phi  # ∂C/∂φ_j · φ_j, since ∂φ_j/∂(·) carries a factor φ_j
        if self.params.train_centres:
            # ∂φ_j/∂c_j = φ_j (x − c_j) / s_j²
            s2 = self.widths**2
            grads["centres"] = (g.T @ x - g.sum(axis=0)[:, None] * self.centres) / s2[:, None]
        if self.params.train_widths:
            # ∂φ_j/∂s_j = φ_j ‖x − c_j‖² / s_j³
            grads["widths"] = (g * d2).sum(axis=0) / self.widths**3
        return [grads[name].astype(self.dtype) for name in self.named_parameters()]

    # --- views --------------------------------------------------------------------------

    def pictures(self, dataset) -> list[Picture]:
        shape = dataset.image_shape
        if not shape or self.n_inputs != shape[0] * shape[1]:
            return []
        count = min(len(self.centres), 100)
        return [
            Picture(
                "rbf-centres",
                f"centres c_j of the first {count} of {len(self.centres)} Gaussian units",
                "tiles",
                self.centres[:count].reshape(count, *shape).clip(0, 1),
                labels=[str(j + 1) for j in range(count)],
            )
        ]


class LeastSquaresRBF(RBFNetwork):
    """The same net with w and b from one regularised least-squares solve per epoch."""

    learning = "rule"
    full_batch = True

    def learn(self, x: np.ndarray, y: np.ndarray, step: LearningStep) -> None:
        phi, _ = self.hidden(x)
        design = np.hstack([phi, np.ones((len(x), 1), dtype=self.dtype)])  # [φ 1]
        # (ΦᵀΦ + λI) [w b]ᵀ = Φᵀ Y: the ridge λ keeps the solve stable when units overlap.
        gram = design.T @ design + self.params.ridge * np.eye(design.shape[1])
        solution = np.linalg.solve(gram, design.T @ y)
        self.w[...] = solution[:-1].T
        self.b[...] = solution[-1]


def build_rbf(params: RbfParams, context: ModelContext) -> RBFNetwork:
    family = LeastSquaresRBF if params.solver == "least_squares" else RBFNetwork
    return family(params, context.sizes, dtype=context.dtype, rng=context.rng)


def rbf_sections(params: RbfParams) -> Sections:
    """Least squares learns by its own rule on all examples at once; gradients need the spec's
    cost, optimizer and mini-batch size."""
    if params.solver == "least_squares":
        return Sections(
            layers=(3, 3),
            neurons=False,
            hand_set=False,
            learning="rule",
            training=frozenset({"epochs", "seed", "dtype"}),
        )
    return Sections(layers=(3, 3), neurons=False, hand_set=False)


XOR = {"x": [[0, 0], [0, 1], [1, 0], [1, 1]], "y": [[0], [1], [1], [0]]}

#: Gradient descent on XOR with trainable centres and widths: the kit checks its gradients.
RBF_EXAMPLE = {
    "schema_version": 1,
    "name": "rbf-xor-gradient",
    "layers": [{"size": 2}, {"size": 3}, {"size": 1}],
    "model": {
        "name": "rbf",
        "params": {
            "centres": "sample",
            "output": "sigmoid",
            "solver": "gradient",
            "train_centres": True,
            "train_widths": True,
        },
    },
    "cost": "quadratic",
    "optimizer": {"name": "sgd", "params": {"eta": 2.0}},
    "training": {"epochs": 5, "batch_size": 2, "seed": 0},
    "data": {"name": "inline", "params": {"train": XOR}},
}


@hookimpl
def neurokit_register_models():
    return [
        ModelType(
            "rbf",
            build_rbf,
            RbfParams,
            summary="radial basis function net: Gaussian units at k-means centres, linear "
            "outputs by least squares or gradients",
            sections=rbf_sections,
            example=RBF_EXAMPLE,
        )
    ]
