"""Real-valued time series, generated from a seed: a sine wave and the Mackey-Glass series."""

from __future__ import annotations

import numpy as np


def sine_sequences(n: int, steps: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """n sine waves of random phase and period (8–24 steps), ``steps`` + 1 samples each:
    x_t = sin(ωt + φ), and the target at step t is the next value x_{t+1}."""
    t = np.arange(steps + 1)
    omega = 2 * np.pi / rng.uniform(8, 24, size=(n, 1))
    phase = rng.uniform(0, 2 * np.pi, size=(n, 1))
    wave = np.sin(omega * t + phase)
    return wave[:, :-1, None], wave[:, 1:, None]


def mackey_glass(
    length: int,
    rng: np.random.Generator,
    *,
    tau: int = 17,
    beta: float = 0.2,
    gamma: float = 0.1,
    power: float = 10.0,
    substeps: int = 10,
    discard: int = 500,
) -> np.ndarray:
    """``length`` samples, one per unit of time, of dx/dt = β x(t−τ) / (1 + x(t−τ)^p) − γ x(t).

    Integrated by fourth-order Runge-Kutta with step 1/``substeps`` (the delayed term held
    linear between stored samples); the first ``discard`` samples, the transient from the
    seeded random initial history around 1.2, are dropped.
    """
    h = 1.0 / substeps
    delay = tau * substeps
    total = (length + discard) * substeps
    x = np.empty(delay + total + 1)
    x[: delay + 1] = 1.2 + 0.1 * rng.uniform(-1, 1, size=delay + 1)

    def slope(now: float, past: float) -> float:
        return beta * past / (1.0 + past**power) - gamma * now

    for i in range(delay, delay + total):
        past, past_next = x[i - delay], x[i - delay + 1]
        past_mid = 0.5 * (past + past_next)
        k1 = slope(x[i], past)
        k2 = slope(x[i] + 0.5 * h * k1, past_mid)
        k3 = slope(x[i] + 0.5 * h * k2, past_mid)
        k4 = slope(x[i] + h * k3, past_next)
        x[i + 1] = x[i] + h * (k1 + 2 * k2 + 2 * k3 + k4) / 6
    samples = x[delay + substeps :: substeps][: length + discard]
    return samples[discard:]
