"""The share of saturated hidden neurons, recorded after every epoch (``"saturated"`` in
``metrics.jsonl``).

BP2 and BP4 multiply by σ'(z^l_j): a neuron whose σ'(z) is near zero passes back almost no
error, so its incoming weights (and everything before it) learn slowly. A hidden neuron counts
as *saturated* on an example when

    σ'(z^l_j) < σ'(0) / 10,

for the sigmoid σ'(z) = a(1 − a) < 0.025, i.e. a^l_j < 0.026 or a^l_j > 0.974 (|z| > 3.64):
a student can check it from the activations alone. The share for layer l is the number of
(example, neuron) pairs that are saturated divided by (examples × n_l), over the first
``SATURATION_ROWS`` of the rows the epoch's training metrics are scored on (a share over
1,000 examples × n_l pairs is exact to well under a point, and the extra forward pass through
the hidden layers then costs a fifth of one over the 5,000-row training probe). Only the
built-in sigmoid and tanh layers are measured; a linear or step layer has no such share, and a
net with a plugin's hidden neuron gets none (its code is not run outside training's guards).
"""

from __future__ import annotations

import numpy as np

from neurokit.core.model import Model
from neurokit.core.network import Network
from neurokit.core.neurons import Linear, Perceptron, Sigmoid, Tanh

#: Examples the share is measured on: the first of the training rows scored each epoch.
SATURATION_ROWS = 1_000
#: A neuron is saturated when σ'(z) is below this fraction of σ'(0).
SATURATED_FRACTION = 0.1
#: The metrics.jsonl key: ``{"2": 0.41, …}``, the share per hidden layer l.
KEY = "saturated"
#: The neurons measured, with σ'(0): the built-in sigmoid (1/4) and tanh (1). A plugin's
#: neuron is not called here, so a share never runs plugin code outside training's guards.
STEEPEST = {Sigmoid: 0.25, Tanh: 1.0}
#: Neurons the hidden activations may pass through on the way (built-in, never saturating).
PASSING = (Linear, Perceptron)


def saturating(neuron) -> bool:
    """Whether ``neuron`` is one whose σ' saturates: the built-in sigmoid or tanh."""
    return type(neuron) in STEEPEST


def saturated_shares(model: Model, x: np.ndarray, sigma_primes=None) -> dict[str, float]:
    """``{"l": share}`` for each sigmoid or tanh hidden layer l of a feedforward net on rows
    ``x``; empty for other models, nets without such a layer, hidden layers of a plugin's
    neurons, or no rows. ``sigma_primes(model, x)``, when given, computes the hidden layers'
    σ'(z^l) (training's compiled path passes its own)."""
    if not isinstance(model, Network) or len(model.sizes) < 3 or len(x) == 0:
        return {}
    hidden = model.neurons[:-1]
    if not any(saturating(n) for n in hidden) or not all(
        saturating(n) or type(n) in PASSING for n in hidden
    ):
        return {}
    primes = (sigma_primes or _sigma_primes)(model, x)
    shares = {}
    for i, (neuron, prime) in enumerate(zip(hidden, primes, strict=True)):
        if saturating(neuron):
            limit = SATURATED_FRACTION * STEEPEST[type(neuron)]
            shares[str(i + 2)] = round(float(np.mean(prime < limit)), 6)
    return shares


def _sigma_primes(model: Network, x: np.ndarray) -> list[np.ndarray | None]:
    """σ'(z^l) of each saturating hidden layer l = 2 … L−1 on the rows x (None for the
    others, which only pass their activations on)."""
    primes: list[np.ndarray | None] = []
    activation = np.asarray(x, dtype=model.dtype)
    for w, b, neuron in zip(model.weights[:-1], model.biases[:-1], model.neurons[:-1], strict=True):
        z = activation @ w.T + b  # z^l = w^l a^{l−1} + b^l
        activation = neuron.sigma(z)
        primes.append(neuron.sigma_prime(z, activation) if saturating(neuron) else None)
    return primes


def saturation_columns(model: Model, x: np.ndarray, sigma_primes=None) -> dict:
    """The metrics row's ``"saturated"`` entry, or nothing when the model has no such layer."""
    shares = saturated_shares(model, x[:SATURATION_ROWS], sigma_primes)
    return {KEY: shares} if shares else {}


def saturation_series(rows: list[dict]) -> dict[str, tuple[list[float], list[float]]]:
    """``{layer: (epochs, shares)}`` from metrics rows; rows without the key are left out."""
    series: dict[str, tuple[list[float], list[float]]] = {}
    for row in rows:
        shares = row.get(KEY)
        if not isinstance(shares, dict):
            continue
        for layer, share in shares.items():
            epochs, values = series.setdefault(str(layer), ([], []))
            epochs.append(float(row["epoch"]))
            values.append(float(share))
    return dict(sorted(series.items(), key=lambda item: int(item[0]) if item[0].isdigit() else 0))
