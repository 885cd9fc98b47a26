"""The share of saturated hidden neurons, recorded after every epoch (``"saturated"`` in
``metrics.jsonl``).

BP2 and BP4 multiply by σ'(z^l_j): a neuron whose σ'(z) is near zero passes back almost no
error, so its incoming weights (and everything before it) learn slowly. A hidden neuron counts
as *saturated* on an example when

    σ'(z^l_j) < σ'(0) / 10,

for the sigmoid σ'(z) = a(1 − a) < 0.025, i.e. a^l_j < 0.026 or a^l_j > 0.974 (|z| > 3.64):
a student can check it from the activations alone. The share for layer l is the number of
(example, neuron) pairs that are saturated divided by (examples × n_l), over the same rows
the epoch's training metrics are scored on. Only layers whose σ' falls off away from 0 are
measured (sigmoid, tanh); a linear or step layer has no such share.
"""

from __future__ import annotations

import numpy as np

from neurokit.core.model import Model
from neurokit.core.network import Network

#: A neuron is saturated when σ'(z) is below this fraction of σ'(0).
SATURATED_FRACTION = 0.1
#: The metrics.jsonl key: ``{"2": 0.41, …}``, the share per hidden layer l.
KEY = "saturated"
#: Far from 0 a saturating σ' is below the threshold; a linear neuron's is not.
_FAR = 10.0


def saturating(neuron) -> bool:
    """Whether ``neuron`` has a σ' that saturates: differentiable, σ'(±10) < σ'(0) / 10."""
    if not getattr(neuron, "differentiable", True):
        return False
    z = np.array([0.0, -_FAR, _FAR])
    prime = np.asarray(neuron.sigma_prime(z, neuron.sigma(z)), dtype=float)
    return bool(prime[0] > 0 and np.all(prime[1:] < SATURATED_FRACTION * prime[0]))


def saturated_shares(model: Model, x: np.ndarray) -> dict[str, float]:
    """``{"l": share}`` for each saturating hidden layer l of a feedforward net on rows ``x``;
    empty for other models, nets without a hidden layer, or no rows."""
    if not isinstance(model, Network) or len(model.sizes) < 3 or len(x) == 0:
        return {}
    hidden = [i for i, n in enumerate(model.neurons[:-1]) if saturating(n)]
    if not hidden:
        return {}
    zs, activations = model.forward(np.asarray(x, dtype=model.dtype))
    shares = {}
    for i in hidden:  # zs[i] is z^{i+2}, activations[i + 1] is a^{i+2}
        neuron = model.neurons[i]
        prime = neuron.sigma_prime(zs[i], activations[i + 1])
        limit = SATURATED_FRACTION * float(
            neuron.sigma_prime(np.zeros(1), neuron.sigma(np.zeros(1)))[0]
        )
        shares[str(i + 2)] = round(float(np.mean(prime < limit)), 6)
    return shares


def saturation_columns(model: Model, x: np.ndarray) -> dict:
    """The metrics row's ``"saturated"`` entry, or nothing when the model has no such layer."""
    shares = saturated_shares(model, x)
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
