"""A single-file model plugin: ADALINE, the adaptive linear neuron (Widrow and Hoff, 1960).

A layer of linear units a = w x + b, learnt by the Widrow–Hoff (LMS) rule, one example at a
time: w ← w + η (y − a) x^T, b ← b + η (y − a). Unlike the perceptron rule it corrects by how
far the output is from the target, not only whether it is wrong, so it settles on the
least-squares weights even when no line separates the classes.

Use it with ``neurokit train examples/plugins/adaline.json -p examples/plugins/adaline.py``.
"""

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from neurokit import hookimpl
from neurokit.components import ModelType, Sections
from neurokit.model import Model


class AdalineParams(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    eta: float = Field(default=0.05, gt=0, description="learning rate η of the LMS rule")


class Adaline(Model):
    learning = "rule"

    def __init__(self, n_inputs, n_outputs, eta, *, dtype, rng):
        self.eta = eta
        self.dtype = np.dtype(dtype)
        # Small random initial weights from the run's seeded generator.
        self.w = (0.1 * rng.standard_normal((n_outputs, n_inputs))).astype(self.dtype)
        self.b = np.zeros(n_outputs, dtype=self.dtype)

    def named_parameters(self):
        return {"w": self.w, "b": self.b}

    @property
    def n_inputs(self):
        return self.w.shape[1]

    @property
    def n_outputs(self):
        return self.w.shape[0]

    def predict(self, x):
        return np.asarray(x, dtype=self.dtype) @ self.w.T + self.b

    def learn(self, x, y, step):
        for x_row, y_row in zip(x, y, strict=True):
            error = y_row - (self.w @ x_row + self.b)  # y − a
            self.w += self.eta * np.outer(error, x_row)  # w ← w + η (y − a) x^T
            self.b += self.eta * error  # b ← b + η (y − a)

    def metrics(self, split):
        error = self.predict(split.x) - split.y
        return {"mse": float(np.mean(error**2))}


def build(params, context):
    n_inputs, n_outputs = context.sizes
    return Adaline(n_inputs, n_outputs, params.eta, dtype=context.dtype, rng=context.rng)


EXAMPLE = {
    "schema_version": 1,
    "name": "adaline-or",
    "layers": [{"size": 2}, {"size": 1}],
    "model": {"name": "adaline"},
    "training": {"epochs": 30, "batch_size": 4, "seed": 0},
    "data": {"name": "gates", "params": {"gate": "or"}},
}


@hookimpl
def neurokit_register_models():
    return [
        ModelType(
            "adaline",
            build,
            AdalineParams,
            summary="linear units learnt by the Widrow–Hoff (LMS) rule",
            sections=Sections(layers=(2, 2), neurons=False, hand_set=False, learning="rule"),
            example=EXAMPLE,
        )
    ]
