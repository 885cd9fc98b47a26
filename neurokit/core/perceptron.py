"""Rosenblatt's perceptron learning rule: learn w and b of perceptrons from examples.

The lecture only says that a learning algorithm is needed; this is the classic one (Rosenblatt,
1958), not the lecture's.

A perceptron outputs ŷ = 1 if w·x + b > 0 else 0. For each example x with desired output y
the rule moves w and b towards the right answer:

    w ← w + η (y − ŷ) x
    b ← b + η (y − ŷ)

A right answer changes nothing (y − ŷ = 0). If some w, b classify every example correctly
(the examples are linearly separable), the perceptron convergence theorem guarantees that the
rule makes only finitely many mistakes, so an epoch with no mistake comes. If no such w, b
exist (XOR), every epoch makes a mistake, so we stop after ``max_epochs`` and say so.

>>> import numpy as np
>>> x = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
>>> learn_perceptron(x, [0, 0, 0, 1], seed=0).converged
True

``PerceptronLayer`` is the same rule as a trainable model (the built-in model
``perceptron``): a layer of perceptrons, one per output, trained by ``neurokit train``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from neurokit.core.errors import NeurokitError
from neurokit.core.model import LearningStep, Model

#: Default bound on epochs: far more than AND, OR, NAND or NOT ever need from N(0, 1) weights.
MAX_EPOCHS = 100


@dataclass(frozen=True, repr=False)
class PerceptronResult:
    """What the rule found: w, b, how many epochs it ran, and whether the last made no mistake."""

    weights: np.ndarray
    bias: float
    epochs: int
    converged: bool
    #: Mistakes (updates) made in each epoch; the last is 0 exactly when ``converged``.
    mistakes: tuple[int, ...]
    eta: float
    seed: int

    def __repr__(self) -> str:
        w = ", ".join(f"{v:.4g}" for v in self.weights)
        outcome = (
            f"converged in {self.epochs} epochs"
            if self.converged
            else f"did not converge in {self.epochs} epochs"
        )
        return (
            f"PerceptronResult(w=({w}), b={self.bias:.4g}, {outcome}, "
            f"η={self.eta}, seed={self.seed})"
        )

    def z(self, x) -> np.ndarray:
        """w·x + b for each row of x."""
        return np.asarray(x, dtype=float) @ self.weights + self.bias

    def predict(self, x) -> np.ndarray:
        """The perceptron's 0/1 output for each row of x."""
        return perceptron_output(self.weights, self.bias, x)


def perceptron_output(weights, bias: float, x) -> np.ndarray:
    """1 where w·x + b > 0, else 0, for each row of x (as integers)."""
    z = np.asarray(x, dtype=float) @ np.asarray(weights, dtype=float) + bias
    return (z > 0).astype(np.int64)


def learn_perceptron(
    x,
    y,
    *,
    eta: float = 1.0,
    max_epochs: int = MAX_EPOCHS,
    seed: int = 0,
    initial: tuple | None = None,
) -> PerceptronResult:
    """Run the perceptron learning rule on rows x with 0/1 targets y until an epoch makes no
    mistake, or for ``max_epochs`` epochs.

    The seed draws the initial w and b from N(0, 1) (the textbook's choice; the lecture
    specifies none), unless ``initial = (w, b)`` gives them, and the order of the examples in
    every epoch.
    """
    x, y = _check_examples(x, y)
    if not (eta > 0 and np.isfinite(eta)):
        raise NeurokitError(f"the learning rate η must be a positive number, got {eta}")
    if max_epochs < 1:
        raise NeurokitError(f"max_epochs must be at least 1, got {max_epochs}")
    if seed < 0:
        raise NeurokitError(f"the seed must be 0 or more, got {seed}")
    rng = np.random.default_rng(seed)
    if initial is None:
        weights = rng.standard_normal(x.shape[1])
        bias = float(rng.standard_normal())
    else:
        weights = np.array(initial[0], dtype=float).reshape(-1)
        bias = float(initial[1])
        if weights.shape != (x.shape[1],):
            raise NeurokitError(
                f"initial w must have one number per input ({x.shape[1]}), got {weights.size}"
            )
    w, b = weights[None, :], np.array([bias])  # one perceptron as a layer of one
    mistakes: list[int] = []
    for _ in range(max_epochs):
        order = rng.permutation(len(x))
        wrong = rosenblatt_epoch(w, b, x[order], y[order, None], eta)
        mistakes.append(wrong)
        if wrong == 0:
            # No update all epoch: these w, b classify every example correctly.
            break
    bias = float(b[0])
    return PerceptronResult(
        weights=weights,
        bias=bias,
        epochs=len(mistakes),
        converged=mistakes[-1] == 0,
        mistakes=tuple(mistakes),
        eta=eta,
        seed=seed,
    )


def rosenblatt_epoch(
    weights: np.ndarray, biases: np.ndarray, x: np.ndarray, y: np.ndarray, eta: float
) -> int:
    """The perceptron rule over the rows of x in order, for a layer of perceptrons (one per
    column of y), updating ``weights`` (n_out, n_in) and ``biases`` (n_out,) in place.

    Returns how many examples were misclassified (by at least one perceptron) on the way.
    """
    wrong = 0
    for x_row, y_row in zip(x, y, strict=True):
        y_hat = (weights @ x_row + biases > 0).astype(np.int64)  # ŷ = 1 if w·x + b > 0
        error = y_row - y_hat
        if error.any():
            weights += eta * np.outer(error, x_row)  # w ← w + η (y − ŷ) x
            biases += eta * error  # b ← b + η (y − ŷ)
            wrong += 1
    return wrong


class PerceptronLayer(Model):
    """A layer of perceptrons, one per output, learnt by the perceptron rule: the model
    ``perceptron``. Its parameters are w2 (n_out, n_in) and b2 (n_out,), as in a network."""

    name = "perceptron"
    learning = "rule"
    #: The rule is online: it visits every example of the epoch, in the shuffled order.
    full_batch = True

    def __init__(self, n_inputs: int, n_outputs: int, eta: float, *, dtype, rng):
        self.eta = eta
        self.dtype = np.dtype(dtype)
        # N(0, 1) initial values (the textbook's choice), weights before biases, as Network.
        self.weights = rng.standard_normal((n_outputs, n_inputs)).astype(self.dtype)
        self.biases = rng.standard_normal(n_outputs).astype(self.dtype)
        #: Misclassified examples in the last epoch: 0 once the rule has converged.
        self.last_mistakes: int | None = None

    def named_parameters(self) -> dict[str, np.ndarray]:
        return {"w2": self.weights, "b2": self.biases}

    @property
    def n_inputs(self) -> int:
        return self.weights.shape[1]

    @property
    def n_outputs(self) -> int:
        return self.weights.shape[0]

    def predict(self, x: np.ndarray) -> np.ndarray:
        z = np.asarray(x, dtype=self.dtype) @ self.weights.T + self.biases
        return (z > 0).astype(self.dtype)

    def learn(self, x: np.ndarray, y: np.ndarray, step: LearningStep) -> None:
        if not np.isin(y, (0, 1)).all():
            raise NeurokitError("the perceptron rule needs targets y of 0 or 1")
        targets = y.astype(np.int64)
        self.last_mistakes = rosenblatt_epoch(self.weights, self.biases, x, targets, self.eta)

    def metrics(self, split) -> dict[str, float]:
        wrong = (self.predict(split.x) != split.y).any(axis=1).sum()
        return {"mistakes": int(wrong)}


def _check_examples(x, y) -> tuple[np.ndarray, np.ndarray]:
    x = np.asarray(x, dtype=float)
    y = np.asarray(y)
    if y.ndim == 2 and y.shape[1] == 1:
        y = y[:, 0]
    if x.ndim != 2 or len(x) == 0:
        raise NeurokitError(f"x must be a non-empty table of rows, got shape {x.shape}")
    if y.ndim != 1:
        raise NeurokitError(
            f"a perceptron has one output, so y must be one 0/1 per row, got shape {y.shape}"
        )
    if len(y) != len(x):
        raise NeurokitError(f"{len(x)} rows of x but {len(y)} targets in y")
    if not np.isin(y, (0, 1)).all():
        raise NeurokitError("the perceptron rule needs targets y of 0 or 1")
    return x, y.astype(np.int64)
