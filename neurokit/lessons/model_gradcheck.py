"""gradcheck for any model that learns by gradients (an RBF net with trainable centres, …):
``Model.gradients`` against central differences of the mean cost, array by named array.

The feedforward net has its own layer-by-layer report (``neurokit.lessons.gradcheck``); this
one speaks of the model's named parameter arrays instead of w^l and b^l, with the same ε,
relative error and threshold.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from neurokit.core.errors import NeurokitError
from neurokit.lessons.gradcheck import (
    EPSILON,
    FLOOR,
    SAMPLES_PER_ARRAY,
    THRESHOLD,
    ArrayCheck,
    _pick,
)


@dataclass
class ModelGradcheckReport:
    """Every named parameter array's check."""

    model: str
    cost: str
    examples: int
    arrays: list[ArrayCheck] = field(default_factory=list)
    epsilon: float = EPSILON
    threshold: float = THRESHOLD
    note: str = ""

    @property
    def passed(self) -> bool:
        return all(a.max_error < self.threshold for a in self.arrays)

    def __repr__(self) -> str:
        return f"ModelGradcheckReport({self.model!r}, {len(self.arrays)} arrays, " + (
            "pass)" if self.passed else "FAIL)"
        )


def mean_cost(model, cost, x, y) -> float:
    return float(cost.value(model.predict(x), y))


def check_model_gradients(
    model, cost, x, y, *, epsilon=EPSILON, threshold=THRESHOLD, samples=SAMPLES_PER_ARRAY, seed=0
) -> ModelGradcheckReport:
    """Compare ``model.gradients(x, y, cost)`` with (C(θ + ε) − C(θ − ε)) / 2ε on sampled
    entries of every named parameter; the model is left as it was."""
    if model.dtype != np.float64:
        raise NeurokitError("gradcheck needs a float64 model: float32 rounding swamps ε")
    rng = np.random.default_rng(seed)
    report = ModelGradcheckReport(
        model.name,
        getattr(cost, "name", type(cost).__name__),
        len(x),
        epsilon=epsilon,
        threshold=threshold,
    )
    gradients = model.gradients(x, y, cost, 1.0)
    for (name, param), grad in zip(model.named_parameters().items(), gradients, strict=True):
        indices = _pick(param.shape, samples, rng)
        numerical = []
        for k in indices:
            saved = param[k]
            try:
                param[k] = saved + epsilon
                plus = mean_cost(model, cost, x, y)
                param[k] = saved - epsilon
                minus = mean_cost(model, cost, x, y)
            finally:
                param[k] = saved
            numerical.append((plus - minus) / (2 * epsilon))
        report.arrays.append(
            ArrayCheck(
                name, indices, np.array([grad[k] for k in indices]), np.array(numerical), param.size
            )
        )
    return report


def format_model_report(report: ModelGradcheckReport) -> str:
    lines = [
        f"gradcheck: model {report.model!r}, {report.cost} cost, {report.examples} random examples",
        f"central differences with ε = {report.epsilon:g}; relative error "
        f"|g − g_fd| / max(|g|, |g_fd|, {FLOOR:g}); pass below {report.threshold:g}",
    ]
    if report.note:
        lines.append(f"note: {report.note}")
    header = f"{'array':<10} {'checked':>13}  {'max rel error':>13}  result"
    lines += ["", header, "-" * len(header)]
    for array in report.arrays:
        ok = array.max_error < report.threshold
        lines.append(
            f"{array.symbol:<10} {len(array.indices):>6}/{array.size:<6}  "
            f"{array.max_error:>13.2e}  {'pass' if ok else 'FAIL'}"
        )
    lines.append("")
    lines.append(
        "all arrays pass: the model's gradients agree with finite differences"
        if report.passed
        else "FAIL: the model's gradients disagree with finite differences"
    )
    return "\n".join(lines)
