"""One step of gradient descent on a mini-batch: the lecture's SGD update in one place.

For the mini-batch of m training examples x, with η the learning rate,

    w^l → w^l − (η/m) Σ_x δ^{x,l} (a^{x,l−1})^T
    b^l → b^l − (η/m) Σ_x δ^{x,l}

``update_mini_batch`` below is that update, written for any model that supplies gradients and
any optimizer: backprop gives Σ_x ∂C_x/∂θ for every parameter θ, the optimizer turns it into
the change of θ. For the built-in SGD the optimizer's ``gradient_scale`` is η, so the update is
exactly the two lines above.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from neurokit.core.components import Cost, Optimizer
    from neurokit.core.model import Model


def update_mini_batch(
    model: Model, cost: Cost, optimizer: Optimizer, x: np.ndarray, y: np.ndarray
) -> None:
    """Apply one gradient step for the mini-batch (x, y) to ``model``'s parameters, in place."""
    eta = optimizer.gradient_scale  # η for SGD; 1 for optimizers that scale on their own
    # (η/m) Σ_x ∂C_x/∂θ for every θ, m = len(x): the gradient of η × the mean cost. Speed:
    # backprop multiplies δ^L by η/m once, instead of every gradient array afterwards.
    scaled_gradients = model.gradients(x, y, cost, eta)
    # θ → θ − (η/m) Σ_x ∂C_x/∂θ  (plain SGD; another optimizer may use momentum, etc.)
    optimizer.step(model.parameters, scaled_gradients)


def sgd_update(params: list[np.ndarray], sums: list[np.ndarray], eta: float, m: int) -> None:
    """The update spelled out, for reading and for tests: θ → θ − (η/m) Σ_x ∂C_x/∂θ, where
    ``sums`` holds Σ_x ∂C_x/∂θ for each parameter array in ``params``."""
    for theta, total in zip(params, sums, strict=True):
        theta -= (eta / m) * total
