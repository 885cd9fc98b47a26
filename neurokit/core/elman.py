"""Elman's (1990) simple recurrent network: the hidden layer's previous activations come back
as context units.

    z^2_t = w^2 x_t + u^2 h_{t−1} + b^2,   h_t = a^2_t = σ(z^2_t)

Backward (BP2 through time): δ^2_t = ((w^3)^T δ^3_t + (u^2)^T δ^2_{t+1}) ⊙ σ'(z^2_t).
"""

from __future__ import annotations

import numpy as np

from neurokit.core.recurrent import RecurrentCell


class Elman(RecurrentCell):
    def init_cell(self, rng: np.random.Generator) -> None:
        n_in, n_hidden, _ = self.sizes
        bound = 1.0 / np.sqrt(n_hidden)
        self.w2 = rng.uniform(-bound, bound, (n_hidden, n_in)).astype(self.dtype)
        self.u2 = rng.uniform(-bound, bound, (n_hidden, n_hidden)).astype(self.dtype)
        self.b2 = rng.uniform(-bound, bound, n_hidden).astype(self.dtype)

    def cell_parameters(self) -> dict[str, np.ndarray]:
        return {"w2": self.w2, "u2": self.u2, "b2": self.b2}

    def cell_forward(self, x_t, state):
        (h_prev,) = state
        z = x_t @ self.w2.T + h_prev @ self.u2.T + self.b2
        h = self.hidden_neuron.sigma(z)
        return (h,), (x_t, h_prev, z, h)

    traces_steps = True

    def cell_backward(self, d_state, cache, grads, trace: dict | None = None):
        x_t, h_prev, z, h = cache
        prime = self.hidden_neuron.sigma_prime(z, h)
        # BP2 through time: δ^2_t = (∂C/∂h_t from the output and from step t+1) ⊙ σ'(z^2_t)
        delta = d_state[0] * prime
        if trace is not None:  # explain prints these, the numbers training uses
            trace.update(sigma_prime=prime, delta=delta)
        grads["w2"] += delta.T @ x_t
        grads["u2"] += delta.T @ h_prev
        grads["b2"] += delta.sum(axis=0)
        return (delta @ self.u2,)  # (u^2)^T δ^2_t reaches h_{t−1}
