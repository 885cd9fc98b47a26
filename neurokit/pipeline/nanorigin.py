"""Where did the first NaN or ±inf come from? Said when training stops on one.

"Lower η" is the right advice only when the SGD step itself overflowed. The same stop can
come from NaN in the data, from weights that were already non-finite (hand-set values that
do not fit the dtype), from z^l = w^l a^{l−1} + b^l overflowing the dtype, or from a neuron's
σ or σ′ or a cost that returns NaN for finite numbers (a plugin's bug). This module replays
one mini-batch from the state before it, in the order the computation runs, and names the
first quantity that is not finite and what produced it.
"""

from __future__ import annotations

import numpy as np

LOWER_ETA = "lower η (optimizer.params.eta)"
_BAD = "returned NaN or ±inf"


def first_nonfinite(run, x: np.ndarray, y: np.ndarray) -> str:
    """What went non-finite first when ``run``'s model learns from the mini-batch (x, y)."""
    with np.errstate(all="ignore"):
        return (
            _data(run, x, y)
            or _parameters(run)
            or _backprop(run, x, y)
            or _output(run, x)
            or f"the learning step made a weight or bias NaN or infinite; {_hint(run)}"
        )


def _finite(array) -> bool:
    return bool(np.isfinite(np.asarray(array, dtype=np.float64)).all())


def _data(run, x, y) -> str:
    name = run.dataset.name
    for what, array in (("inputs x", x), ("desired outputs y", y)):
        if not _finite(array):
            return f"the training {what} hold NaN or ±inf (data set {name!r}); fix the data"
    return ""


def _parameters(run) -> str:
    for name, array in run.model.named_parameters().items():
        if not _finite(array):
            return (
                f"{name} was NaN or infinite before this step (hand-set values too large "
                f"for {array.dtype}?)"
            )
    return ""


def _backprop(run, x, y) -> str:
    """The feedforward net (any model with ``backprop(..., trace=)``): layer by layer."""
    backprop = getattr(run.model, "backprop", None)
    if backprop is None or run.cost is None:
        return ""
    trace: dict = {}
    x = np.asarray(x, dtype=run.model.dtype)
    try:
        backprop(x, np.asarray(y, dtype=run.model.dtype), run.cost, 1.0, trace=trace)
    except Exception:  # noqa: BLE001 - a plugin that raises is reported elsewhere
        return ""
    zs, activations = trace["zs"], trace["activations"]
    for index, (z, a) in enumerate(zip(zs, activations[1:], strict=True)):
        layer = index + 2
        if not _finite(z):
            largest = float(np.abs(run.model.weights[index]).max())
            why = _why_large(run, layer)
            return (
                f"z^{layer} = w^{layer} a^{layer - 1} + b^{layer} overflowed "
                f"{run.model.dtype} (largest |w^{layer}| is {largest:.3g}); {why}"
            )
        if not _finite(a):
            return f"σ of layer {layer} {_neuron(run, layer)} {_BAD} for finite z^{layer}"
    last = len(zs) + 1
    for layer, sigma_prime in sorted(trace["sigma_prime"].items(), reverse=True):
        if not _finite(sigma_prime):
            return f"σ′ of layer {layer} {_neuron(run, layer)} {_BAD} for finite z^{layer}"
    if not _finite(trace["delta"].get(last, 0.0)):
        return f"the cost {_cost(run)}'s output error δ^{last} is NaN or ±inf for finite a^{last}"
    return ""


def _why_large(run, layer: int) -> str:
    """Hand-set weights that were too large from the start, or weights grown by the steps."""
    hand_set = run.spec.layers[layer - 1].weights
    limit = float(np.sqrt(np.finfo(run.model.dtype).max))
    if hand_set is not None and max(abs(v) for row in hand_set for v in row) >= limit:
        return "the hand-set weights are too large for the dtype; use float64 or smaller ones"
    return f"the weights grew too large; {_hint(run)}"


def _hint(run) -> str:
    """The model's own advice for a step that overflowed (``Model.nan_hint``)."""
    hint = getattr(run.model, "nan_hint", None)
    return hint() if callable(hint) else LOWER_ETA


def _output(run, x) -> str:
    try:
        output = run.model.predict(x)
    except Exception:  # noqa: BLE001
        return ""
    if not _finite(output):
        return "the model's output for finite inputs and parameters is NaN or infinite"
    return ""


def _neuron(run, layer: int) -> str:
    component = run.spec.layers[layer - 1].neuron
    name = component.name if component is not None else "?"
    return f"(neuron {name!r}{_plugin(run, 'neuron', name)})"


def _cost(run) -> str:
    name = run.spec.cost.name if run.spec.cost is not None else "?"
    return f"{name!r}{_plugin(run, 'cost', name)}"


def _plugin(run, kind: str, name) -> str:
    try:
        plugin = run.registry.get(kind, name).plugin
    except Exception:  # noqa: BLE001
        return ""
    return f" of plugin {plugin!r}" if plugin else ""
