"""Jordan's (1986/1990) network: the previous output, not the hidden layer, comes back as
the state units.

    z^2_t = w^2 x_t + u^2 a^3_{t−1} + b^2,  h_t = σ(z^2_t),  a^3_t = σ(w^3 h_t + b^3)

Backward, from t = T: δ^3_t = BP1 at t + ((u^2)^T δ^2_{t+1}) ⊙ σ'(z^3_t) (the output also
feeds the next step), then δ^2_t = ((w^3)^T δ^3_t) ⊙ σ'(z^2_t).
"""

from __future__ import annotations

import numpy as np

from neurokit.core.recurrent import SequenceModel


class Jordan(SequenceModel):
    def __init__(self, n_inputs, n_hidden, n_outputs, neurons, dtype, rng, **options):
        super().__init__(**options)
        self.sizes = (n_inputs, n_hidden, n_outputs)
        self.dtype = np.dtype(dtype)
        self.hidden_neuron, self.output_neuron = neurons
        b2, b3 = 1 / np.sqrt(n_inputs + n_outputs), 1 / np.sqrt(n_hidden)
        self.w2 = rng.uniform(-b2, b2, (n_hidden, n_inputs)).astype(self.dtype)
        self.u2 = rng.uniform(-b2, b2, (n_hidden, n_outputs)).astype(self.dtype)
        self.b2 = rng.uniform(-b2, b2, n_hidden).astype(self.dtype)
        self.w3 = rng.uniform(-b3, b3, (n_outputs, n_hidden)).astype(self.dtype)
        self.b3 = rng.uniform(-b3, b3, n_outputs).astype(self.dtype)

    @property
    def n_inputs(self) -> int:
        return self.sizes[0]

    @property
    def n_outputs(self) -> int:
        return self.sizes[2]

    def named_parameters(self) -> dict[str, np.ndarray]:
        return {"w2": self.w2, "u2": self.u2, "b2": self.b2, "w3": self.w3, "b3": self.b3}

    def forward(self, x: np.ndarray):
        n, steps, _ = x.shape
        shape = (n, steps)
        z2 = np.empty((*shape, self.sizes[1]), dtype=self.dtype)
        h, z3, a = np.empty_like(z2), np.empty((*shape, self.sizes[2]), dtype=self.dtype), None
        a = np.empty_like(z3)
        previous = np.zeros((n, self.sizes[2]), dtype=self.dtype)
        for t in range(steps):
            z2[:, t] = x[:, t] @ self.w2.T + previous @ self.u2.T + self.b2
            h[:, t] = self.hidden_neuron.sigma(z2[:, t])
            z3[:, t] = h[:, t] @ self.w3.T + self.b3
            a[:, t] = previous = self.output_neuron.sigma(z3[:, t])
        return z2, h, z3, a

    def predict(self, x: np.ndarray) -> np.ndarray:
        return self._select(self.forward(x)[3])

    def gradients(self, x, y, cost, scale: float = 1.0):
        z2, h, z3, a = self.forward(x)
        delta3 = self.output_errors(a, z3, y, cost, self.output_neuron, scale)
        grads = {k: np.zeros_like(v) for k, v in self.named_parameters().items()}
        d_a = np.zeros_like(a[:, 0])  # ∂C/∂a^3_t through the next step's input
        for t in range(x.shape[1] - 1, -1, -1):
            d3 = delta3[:, t] + d_a * self.output_neuron.sigma_prime(z3[:, t], a[:, t])
            d2 = (d3 @ self.w3) * self.hidden_neuron.sigma_prime(z2[:, t], h[:, t])
            previous = a[:, t - 1] if t > 0 else np.zeros_like(a[:, 0])
            grads["w3"] += d3.T @ h[:, t]
            grads["b3"] += d3.sum(axis=0)
            grads["w2"] += d2.T @ x[:, t]
            grads["u2"] += d2.T @ previous
            grads["b2"] += d2.sum(axis=0)
            d_a = np.zeros_like(d_a) if self.cut_here(t) else d2 @ self.u2
        return self.clip_gradients(list(grads.values()))
