"""Echo state networks (Jaeger, 2001): a fixed random reservoir of leaky tanh units and a
linear readout learnt by ridge regression.

    r_t = (1 − α) r_{t−1} + α tanh(w_in x_t + w_res r_{t−1} + b_res)     (leak rate α)
    a_t = w^3 r_t + b^3

Only the readout (w^3, b^3) is learnt: least squares with a ridge penalty λ on the states
after a washout, teacher forced (the true input at every step). The reservoir's recurrent
weights are scaled to the spectral radius asked for, which keeps its echoes fading.
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from neurokit.core.recurrent import SequenceModel


class EchoStateNetwork(SequenceModel):
    learning: ClassVar[str] = "rule"
    full_batch: ClassVar[bool] = True

    def __init__(self, sizes, *, spectral_radius, input_scaling, leak_rate, sparsity, ridge,
                 washout, dtype, rng):  # fmt: skip
        super().__init__(targets="every_step")
        n_in, n_units, n_out = sizes
        self.sizes = tuple(sizes)
        self.dtype = np.dtype(dtype)
        self.leak_rate, self.ridge, self.washout = leak_rate, ridge, washout
        self.w_in = (rng.uniform(-1, 1, (n_units, n_in)) * input_scaling).astype(self.dtype)
        self.b_res = (rng.uniform(-1, 1, n_units) * input_scaling).astype(self.dtype)
        self.w_res = _reservoir(n_units, spectral_radius, sparsity, rng).astype(self.dtype)
        self.w3 = np.zeros((n_out, n_units), dtype=self.dtype)
        self.b3 = np.zeros(n_out, dtype=self.dtype)

    @property
    def can_generate(self) -> bool:
        return self.sizes[0] == self.sizes[2]

    @property
    def n_inputs(self) -> int:
        return self.sizes[0]

    @property
    def n_outputs(self) -> int:
        return self.sizes[2]

    def named_parameters(self) -> dict[str, np.ndarray]:
        return {"w3": self.w3, "b3": self.b3}

    def arrays(self) -> dict[str, np.ndarray]:
        return {"w_in": self.w_in, "w_res": self.w_res, "b_res": self.b_res, "w3": self.w3,
                "b3": self.b3}  # fmt: skip

    def nan_hint(self) -> str:
        return "lower the spectral radius (model.params.spectral_radius) or the input scaling"

    # --- the reservoir -------------------------------------------------------------------

    def step(self, x_t: np.ndarray, r: np.ndarray) -> np.ndarray:
        pre = x_t @ self.w_in.T + r @ self.w_res.T + self.b_res
        return (1 - self.leak_rate) * r + self.leak_rate * np.tanh(pre)

    def states(self, x: np.ndarray, r: np.ndarray | None = None) -> np.ndarray:
        """r_t for every step of every sequence (n, T, units), from r_0 = 0 (or ``r``)."""
        n, steps, _ = x.shape
        r = np.zeros((n, self.sizes[1]), dtype=self.dtype) if r is None else r
        out = np.empty((n, steps, self.sizes[1]), dtype=self.dtype)
        for t in range(steps):
            r = self.step(x[:, t], r)
            out[:, t] = r
        return out

    def predict(self, x: np.ndarray) -> np.ndarray:
        return self.states(x) @ self.w3.T + self.b3

    # --- learning: ridge regression on the states after the washout ------------------------

    def learn(self, x, y, step) -> None:
        keep = slice(min(self.washout, x.shape[1] - 1), None)
        states = self.states(x)[:, keep].reshape(-1, self.sizes[1])
        targets = y[:, keep].reshape(-1, self.sizes[2])
        design = np.hstack([states, np.ones((len(states), 1), dtype=self.dtype)])
        # (SᵀS + λI) W = Sᵀ Y, the bias column unpenalised
        penalty = self.ridge * np.eye(design.shape[1])
        penalty[-1, -1] = 0.0
        solution = np.linalg.solve(design.T @ design + penalty, design.T @ targets)
        self.w3[...] = solution[:-1].T
        self.b3[...] = solution[-1]

    def metrics(self, split) -> dict[str, float]:
        """The one-step normalised root-mean-square error after the washout."""
        keep = slice(min(self.washout, split.x.shape[1] - 1), None)
        error = self.predict(split.x)[:, keep] - split.y[:, keep]
        return {"nrmse": float(np.sqrt(np.mean(error**2)) / np.std(split.y[:, keep]))}

    # --- free running ---------------------------------------------------------------------

    def generate(self, prime: np.ndarray, steps: int, rng: np.random.Generator) -> np.ndarray:
        """Read ``prime`` teacher forced, then feed each output back as the next input."""
        states = self.states(prime[None])
        r = states[:, -1]
        a = r @ self.w3.T + self.b3
        out = np.empty((steps, self.sizes[2]), dtype=self.dtype)
        for t in range(steps):
            out[t] = a[0]
            r = self.step(a, r)
            a = r @ self.w3.T + self.b3
        return out


def _reservoir(n: int, radius: float, sparsity: float, rng: np.random.Generator) -> np.ndarray:
    """N(0, 1) weights, a ``sparsity`` share of them zero, scaled to spectral radius ``radius``."""
    weights = rng.normal(size=(n, n)) * (rng.uniform(size=(n, n)) >= sparsity)
    largest = np.max(np.abs(np.linalg.eigvals(weights)))
    return weights * (radius / largest) if largest > 0 else weights
