"""The gated recurrent unit (Cho et al., 2014; Chung et al., 2014), as PyTorch's ``nn.GRU``
computes it. Gates in the order r, z, n, with separate input and recurrent biases:

    r = σ(w^2_r x_t + b^2_r + u^2_r h_{t−1} + c^2_r)
    z = σ(w^2_z x_t + b^2_z + u^2_z h_{t−1} + c^2_z)
    n = tanh(w^2_n x_t + b^2_n + r ⊙ (u^2_n h_{t−1} + c^2_n))
    h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}

σ is the hidden layer's neuron from the registry (the sigmoid, for the standard cell).
c^2 is stored as ``bu2`` (the bias on the recurrent side, which r scales).
"""

from __future__ import annotations

import numpy as np

from neurokit.core.neurons import Tanh
from neurokit.core.recurrent import RecurrentCell

#: The cell's squash; PyTorch fixes it to tanh.
SQUASH = Tanh()


class GRU(RecurrentCell):
    def init_cell(self, rng: np.random.Generator) -> None:
        n_in, n_hidden, _ = self.sizes
        bound = 1.0 / np.sqrt(n_hidden)
        self.w2 = rng.uniform(-bound, bound, (3 * n_hidden, n_in)).astype(self.dtype)
        self.u2 = rng.uniform(-bound, bound, (3 * n_hidden, n_hidden)).astype(self.dtype)
        self.b2 = rng.uniform(-bound, bound, 3 * n_hidden).astype(self.dtype)
        self.bu2 = rng.uniform(-bound, bound, 3 * n_hidden).astype(self.dtype)

    def cell_parameters(self) -> dict[str, np.ndarray]:
        return {"w2": self.w2, "u2": self.u2, "b2": self.b2, "bu2": self.bu2}

    def cell_forward(self, x_t, state):
        (h_prev,) = state
        gx = x_t @ self.w2.T + self.b2
        gh = h_prev @ self.u2.T + self.bu2
        xr, xz, xn = np.split(gx, 3, axis=1)
        hr, hz, hn = np.split(gh, 3, axis=1)
        zr, zz = xr + hr, xz + hz
        r, z = self.hidden_neuron.sigma(zr), self.hidden_neuron.sigma(zz)
        zn = xn + r * hn
        n = SQUASH.sigma(zn)
        h = (1 - z) * n + z * h_prev
        return (h,), (x_t, h_prev, zr, zz, zn, r, z, n, hn)

    def cell_backward(self, d_state, cache, grads):
        x_t, h_prev, zr, zz, zn, r, z, n, hn = cache
        (d_h,) = d_state
        d_zn = d_h * (1 - z) * SQUASH.sigma_prime(zn, n)
        d_zz = d_h * (h_prev - n) * self.hidden_neuron.sigma_prime(zz, z)
        d_zr = d_zn * hn * self.hidden_neuron.sigma_prime(zr, r)
        d_gx = np.concatenate([d_zr, d_zz, d_zn], axis=1)
        d_gh = np.concatenate([d_zr, d_zz, d_zn * r], axis=1)
        grads["w2"] += d_gx.T @ x_t
        grads["b2"] += d_gx.sum(axis=0)
        grads["u2"] += d_gh.T @ h_prev
        grads["bu2"] += d_gh.sum(axis=0)
        return (d_h * z + d_gh @ self.u2,)
