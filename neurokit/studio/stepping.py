"""One mini-batch's BP1–BP4, recorded for the page's Step: the lecture's equations with the
learner's numbers.

The numbers come from the model's own ``backprop`` (the code training runs) with ``trace``,
on the very rows and weights the training loop is about to use; after the step the page also
gets the change it made, Δθ = θ_after − θ_before, which for SGD is −(η/m) Σ_x ∂C_x/∂θ.
With m = 1 every number equals what ``neurokit explain`` prints for that example.
"""

from __future__ import annotations

import numpy as np

from neurokit.studio.pictures import rounded

#: At most this many examples of a mini-batch are shown one by one.
MAX_SHOWN_EXAMPLES = 16


def can_trace(model) -> bool:
    """Only layered nets with ``backprop(…, trace=)`` (the feedforward model) have BP1–BP4."""
    return hasattr(model, "backprop") and hasattr(model, "weights")


def before_step(model, cost, x: np.ndarray, y: np.ndarray, eta: float | None) -> dict:
    """z, a and δ of every layer for the mini-batch, and ∂C/∂w, ∂C/∂b (C its mean cost)."""
    m = x.shape[0]
    shown = slice(0, MAX_SHOWN_EXAMPLES)
    record: dict = {
        "m": m,
        "eta": eta,
        "x": rounded(x[shown], 9),
        "y": rounded(y[shown], 9),
        "weights_before": [w.copy() for w in model.weights],
        "biases_before": [b.copy() for b in model.biases],
    }
    if cost is None or not can_trace(model):
        record["traced"] = False
        return record
    recorded: dict = {}
    # scale 1: the gradients of the mean cost C = (1/m) Σ_x C_x, δ^L carrying the 1/m.
    nabla_w, nabla_b = model.backprop(x, y, cost, 1.0, trace=recorded)
    layers = range(2, len(model.sizes) + 1)
    record.update(
        traced=True,
        cost=float(cost.value(recorded["activations"][-1], y)),
        z={l: rounded(recorded["zs"][l - 2][shown], 9) for l in layers},
        a={l: rounded(recorded["activations"][l - 1][shown], 9) for l in layers},
        # δ^{x,l} of each example: the recorded δ carries the 1/m of the mean, undone here.
        delta={l: rounded((recorded["delta"][l] * m)[shown], 9) for l in layers},
        grad_w={l: rounded(nabla_w[l - 2], 9) for l in layers},
        grad_b={l: rounded(nabla_b[l - 2], 9) for l in layers},
    )
    return record


def after_step(record: dict, model) -> dict:
    """The record made JSON-ready, with the change the step made to every w and b."""
    done = {k: v for k, v in record.items() if not k.endswith("_before")}
    if "weights_before" in record:
        done["delta_w"] = {
            l: rounded(after - before, 9)
            for l, (before, after) in enumerate(
                zip(record["weights_before"], model.weights, strict=True), start=2
            )
        }
        done["delta_b"] = {
            l: rounded(after - before, 9)
            for l, (before, after) in enumerate(
                zip(record["biases_before"], model.biases, strict=True), start=2
            )
        }
        done["weights_after"] = [rounded(w, 9) for w in model.weights]
    return done
