"""The time-delay neural network (Lang, Waibel and Hinton, 1990): a hidden layer that sees a
window of the last D inputs through weights shared over time — a 1-D convolution in time —
then the usual dense output layer.

    z^2_t = Σ_{d=0}^{D−1} w^2_d x_{t−d} + b^2  (x_{t−d} = 0 before the start),  h_t = σ(z^2_t)
    a^3_t = σ(w^3 h_t + b^3)

No state is carried, so backprop needs no unrolling: BP1–BP4 per step, with the gradient of
the shared w^2 summed over every step (and the window).
"""

from __future__ import annotations

import numpy as np

from neurokit.core.recurrent import SequenceModel


class TimeDelay(SequenceModel):
    def __init__(self, n_inputs, n_hidden, n_outputs, neurons, dtype, rng, delays=3, **options):
        super().__init__(**options)
        self.sizes = (n_inputs, n_hidden, n_outputs)
        self.delays = delays
        self.dtype = np.dtype(dtype)
        self.hidden_neuron, self.output_neuron = neurons
        b2, b3 = 1 / np.sqrt(delays * n_inputs), 1 / np.sqrt(n_hidden)
        self.w2 = rng.uniform(-b2, b2, (n_hidden, delays, n_inputs)).astype(self.dtype)
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
        return {"w2": self.w2, "b2": self.b2, "w3": self.w3, "b3": self.b3}

    def windows(self, x: np.ndarray) -> np.ndarray:
        """(n, T, D, n_in): at step t, the inputs x_t, x_{t−1}, …, x_{t−D+1} (zeros before 0)."""
        n, steps, width = x.shape
        padded = np.concatenate([np.zeros((n, self.delays - 1, width), x.dtype), x], axis=1)
        picks = [padded[:, self.delays - 1 - d : self.delays - 1 - d + steps] for d in range(
            self.delays)]  # fmt: skip
        return np.stack(picks, axis=2)

    def forward(self, x: np.ndarray):
        window = self.windows(x)
        z2 = np.einsum("ntdi,hdi->nth", window, self.w2) + self.b2
        h = self.hidden_neuron.sigma(z2)
        z3 = h @ self.w3.T + self.b3
        return window, z2, h, z3, self.output_neuron.sigma(z3)

    def predict(self, x: np.ndarray) -> np.ndarray:
        return self._select(self.forward(x)[4])

    def gradients(self, x, y, cost, scale: float = 1.0):
        window, z2, h, z3, a = self.forward(x)
        delta3 = self.output_errors(a, z3, y, cost, self.output_neuron, scale)
        delta2 = (delta3 @ self.w3) * self.hidden_neuron.sigma_prime(z2, h)  # BP2 per step
        grads = [
            np.einsum("nth,ntdi->hdi", delta2, window),  # shared weights: summed over t
            delta2.sum(axis=(0, 1)),
            np.einsum("nto,nth->oh", delta3, h),
            delta3.sum(axis=(0, 1)),
        ]
        return self.clip_gradients(grads)
