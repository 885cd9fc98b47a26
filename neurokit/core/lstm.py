"""The long short-term memory cell (Hochreiter and Schmidhuber, 1997, with the forget gate of
Gers et al., 2000), as PyTorch's ``nn.LSTM`` computes it. Gates in the order i, f, g, o:

    [i; f; g; o] = w^2 x_t + u^2 h_{t−1} + b^2      (each block n_hidden rows)
    i = σ(·), f = σ(·), g = tanh(·), o = σ(·)
    c_t = f ⊙ c_{t−1} + i ⊙ g,   h_t = o ⊙ tanh(c_t)

σ is the hidden layer's neuron from the registry (the sigmoid, for the standard cell); the
squash is tanh, as PyTorch fixes it. The
additive path through c_t is what lets errors reach far back without vanishing.
"""

from __future__ import annotations

import numpy as np

from neurokit.core.neurons import Tanh
from neurokit.core.recurrent import RecurrentCell

#: The cell's squash; PyTorch fixes it to tanh.
SQUASH = Tanh()


class LSTM(RecurrentCell):
    def init_cell(self, rng: np.random.Generator) -> None:
        n_in, n_hidden, _ = self.sizes
        bound = 1.0 / np.sqrt(n_hidden)
        self.w2 = rng.uniform(-bound, bound, (4 * n_hidden, n_in)).astype(self.dtype)
        self.u2 = rng.uniform(-bound, bound, (4 * n_hidden, n_hidden)).astype(self.dtype)
        self.b2 = rng.uniform(-bound, bound, 4 * n_hidden).astype(self.dtype)
        # Forget gates start open (bias +1), so early errors are carried back (Gers et al.).
        self.b2[n_hidden : 2 * n_hidden] += 1.0

    def cell_parameters(self) -> dict[str, np.ndarray]:
        return {"w2": self.w2, "u2": self.u2, "b2": self.b2}

    def initial_state(self, n: int):
        zeros = np.zeros((n, self.sizes[1]), dtype=self.dtype)
        return (zeros, zeros.copy())

    def cell_forward(self, x_t, state):
        h_prev, c_prev = state
        pre = x_t @ self.w2.T + h_prev @ self.u2.T + self.b2
        zi, zf, zg, zo = np.split(pre, 4, axis=1)
        i, f, o = (
            self.hidden_neuron.sigma(zi),
            self.hidden_neuron.sigma(zf),
            self.hidden_neuron.sigma(zo),
        )
        g = SQUASH.sigma(zg)
        c = f * c_prev + i * g
        tanh_c = SQUASH.sigma(c)
        h = o * tanh_c
        return (h, c), (x_t, h_prev, c_prev, (zi, zf, zg, zo), (i, f, g, o), c, tanh_c)

    def cell_backward(self, d_state, cache, grads):
        x_t, h_prev, c_prev, (zi, zf, zg, zo), (i, f, g, o), c, tanh_c = cache
        d_h, d_c = d_state
        d_c = d_c + d_h * o * SQUASH.sigma_prime(c, tanh_c)
        delta = np.concatenate(
            [
                d_c * g * self.hidden_neuron.sigma_prime(zi, i),
                d_c * c_prev * self.hidden_neuron.sigma_prime(zf, f),
                d_c * i * SQUASH.sigma_prime(zg, g),
                d_h * tanh_c * self.hidden_neuron.sigma_prime(zo, o),
            ],
            axis=1,
        )
        grads["w2"] += delta.T @ x_t
        grads["u2"] += delta.T @ h_prev
        grads["b2"] += delta.sum(axis=0)
        return (delta @ self.u2, d_c * f)
