"""The minimal gated unit, in the lecture's notation extended by t (h_t = a^2_t):

    f_t = σ(w^2_f x_t + u^2_f h_{t−1} + b^2_f)                 the forget gate
    n_t = tanh(w^2_n x_t + u^2_n (f_t ⊙ h_{t−1}) + b^2_n)      the candidate state
    h_t = (1 − f_t) ⊙ h_{t−1} + f_t ⊙ n_t

σ is the hidden layer's neuron from the spec (the sigmoid for the standard cell); the
candidate's squash is tanh, as in the paper. ``RecurrentCell`` does the rest of BPTT: the
dense output layer, δ^3_t, the flow back through time, truncation and clipping.
"""

from __future__ import annotations

import numpy as np

from neurokit.model import RecurrentCell


class MGU(RecurrentCell):
    def init_cell(self, rng: np.random.Generator) -> None:
        n_in, n_hidden, _ = self.sizes
        bound = 1.0 / np.sqrt(n_hidden)  # the usual U(−1/√H, 1/√H) start
        # rows [f; n]: the gate's weights, then the candidate's
        self.w2 = rng.uniform(-bound, bound, (2 * n_hidden, n_in)).astype(self.dtype)
        self.u2 = rng.uniform(-bound, bound, (2 * n_hidden, n_hidden)).astype(self.dtype)
        self.b2 = rng.uniform(-bound, bound, 2 * n_hidden).astype(self.dtype)

    def cell_parameters(self) -> dict[str, np.ndarray]:
        return {"w2": self.w2, "u2": self.u2, "b2": self.b2}

    def cell_forward(self, x_t, state):
        (h_prev,) = state
        n_hidden = self.sizes[1]
        w_f, w_n = self.w2[:n_hidden], self.w2[n_hidden:]
        u_f, u_n = self.u2[:n_hidden], self.u2[n_hidden:]
        b_f, b_n = self.b2[:n_hidden], self.b2[n_hidden:]
        z_f = x_t @ w_f.T + h_prev @ u_f.T + b_f
        f = self.hidden_neuron.sigma(z_f)
        gated = f * h_prev
        n = np.tanh(x_t @ w_n.T + gated @ u_n.T + b_n)
        h = (1 - f) * h_prev + f * n
        return (h,), (x_t, h_prev, z_f, f, gated, n)

    def cell_backward(self, d_state, cache, grads):
        x_t, h_prev, z_f, f, gated, n = cache
        (d_h,) = d_state
        n_hidden = self.sizes[1]
        u_f, u_n = self.u2[:n_hidden], self.u2[n_hidden:]
        # through h_t = (1 − f) ⊙ h_{t−1} + f ⊙ n
        d_zn = d_h * f * (1 - n * n)  # tanh'(z) = 1 − tanh²(z)
        d_gated = d_zn @ u_n  # reaches f and h_{t−1} through f ⊙ h_{t−1}
        d_f = d_h * (n - h_prev) + d_gated * h_prev
        d_zf = d_f * self.hidden_neuron.sigma_prime(z_f, f)  # BP2 for the gate
        grads["w2"][:n_hidden] += d_zf.T @ x_t
        grads["w2"][n_hidden:] += d_zn.T @ x_t
        grads["u2"][:n_hidden] += d_zf.T @ h_prev
        grads["u2"][n_hidden:] += d_zn.T @ gated
        grads["b2"][:n_hidden] += d_zf.sum(axis=0)
        grads["b2"][n_hidden:] += d_zn.sum(axis=0)
        return (d_h * (1 - f) + d_gated * f + d_zf @ u_f,)
