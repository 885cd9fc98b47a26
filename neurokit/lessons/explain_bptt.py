"""Backpropagation through time on one sequence through a small Elman net, every quantity
labelled in the lecture's notation extended by the time step t = 1 … T.

The symbols (h: the hidden layer, o: the output layer; the code's w2, u2, b2, w3, b3):

    z^{h,t} = w^{hx} x^t + w^{hh} a^{h,t−1} + b^h,   a^{h,t} = σ(z^{h,t}),   a^{h,0} = 0
    z^{o,t} = w^o a^{h,t} + b^o,                      a^{o,t} = σ(z^{o,t})
    C = (1/T) Σ_t C_t   (every step scored; only C_T when the model scores the last step)

Backward, from t = T down to 1:

    δ^{o,t} = (1/T) ∇_a C_t ⊙ σ'(z^{o,t})                                   (BP1 at step t)
    δ^{h,t} = ((w^{hh})^T δ^{h,t+1} + (w^o)^T δ^{o,t}) ⊙ σ'(z^{h,t})        (BP2 through time)

and each shared weight's gradient is the sum over its copies (BP3/BP4 summed over t):

    ∂C/∂w^o = Σ_t δ^{o,t} (a^{h,t})^T      ∂C/∂w^{hx} = Σ_t δ^{h,t} (x^t)^T
    ∂C/∂w^{hh} = Σ_t δ^{h,t} (a^{h,t−1})^T  ∂C/∂b^l = Σ_t δ^{l,t}

Every number comes from the trace dict the Elman model's own ``gradients`` fills in: the code
that trains, not a re-derivation.
"""

from __future__ import annotations

import numpy as np

from neurokit.core.elman import Elman
from neurokit.core.errors import NeurokitError
from neurokit.lessons.explain import MAX_NEURONS, Trace, format_value

#: explain prints every step's vectors, so it refuses long sequences too.
MAX_STEPS = 12

#: The lecture-style name of each Elman parameter (the code's names are the keys).
SYMBOLS = {"w2": "w^{hx}", "u2": "w^{hh}", "b2": "b^h", "w3": "w^o", "b3": "b^o"}

FORWARD = (
    "Forward through time: z^{h,t} = w^{hx} x^t + w^{hh} a^{h,t−1} + b^h, a^{h,t} = σ(z^{h,t})"
)
BACKWARD = "Backward through time, t = T … 1: BP1 at each step, then BP2 through time"
GRADIENTS = "Gradients: each shared weight's BP3/BP4 summed over the time steps"


def explain_elman(model: Elman, cost, x, y) -> Trace:
    """Trace one sequence x (T, n_in) with targets y (T, n_out) or (n_out,) through ``model``."""
    _check_small(model, x)
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    recorded: dict = {}
    model.gradients(x[None], y[None], cost, 1.0, trace=recorded)
    caches, hidden, z_out, a_out = recorded["forward"]
    steps = x.shape[0]
    trace = Trace(
        sizes=list(model.sizes),
        neurons=[_name(model.hidden_neuron), _name(model.output_neuron)],
        cost=_name(cost),
        eta=0.0,
    )
    for t in range(steps):
        _forward_step(trace, t, caches[t], z_out[0, t], a_out[0, t])
    every = model.targets == "every_step"
    scored = (a_out[0], y) if every else (a_out[0, -1:], y[None])
    trace.add("Cost", "C", _cost_equation(trace.cost, every), cost.value(*scored))
    for t in range(steps - 1, -1, -1):
        step, k = recorded["steps"][t], t + 1
        trace.add(
            BACKWARD,
            f"δ^{{o,{k}}}",
            f"δ^{{o,{k}}} = {_scale(every, steps)}∇_a C_{k} ⊙ σ'(z^{{o,{k}}})",
            _row(recorded["delta_output"][:, t]),
            "BP1",
        )
        from_output = f"(w^o)^T δ^{{o,{k}}}"
        trace.add(BACKWARD, from_output, f"{from_output}: the error from the output at step {k}",
                  _row(step["from_output"]))  # fmt: skip
        from_next = f"(w^{{hh}})^T δ^{{h,{k + 1}}}"
        after = "0 after the last step" if k == steps else f"the error from step {k + 1}"
        trace.add(BACKWARD, from_next, f"{from_next}: {after}", _row(step["from_next"]))
        trace.add(BACKWARD, f"σ'(z^{{h,{k}}})", f"σ'(z^{{h,{k}}})", _row(step["sigma_prime"]))
        trace.add(
            BACKWARD,
            f"δ^{{h,{k}}}",
            f"δ^{{h,{k}}} = ((w^{{hh}})^T δ^{{h,{k + 1}}} + (w^o)^T δ^{{o,{k}}}) ⊙ σ'(z^{{h,{k}}})",
            _row(step["delta"]),
            "BP2",
        )
    _gradients(trace, recorded["gradients"])
    return trace


def _forward_step(trace: Trace, t: int, cache, z_out, a_out) -> None:
    x_t, _, z_h, a_h = cache
    k = t + 1
    trace.add(FORWARD, f"x^{k}", f"x^{k}, the input at step {k}", _row(x_t))
    trace.add(
        FORWARD,
        f"z^{{h,{k}}}",
        f"z^{{h,{k}}} = w^{{hx}} x^{k} + w^{{hh}} a^{{h,{k - 1}}} + b^h",
        _row(z_h),
    )
    trace.add(FORWARD, f"a^{{h,{k}}}", f"a^{{h,{k}}} = σ(z^{{h,{k}}})", _row(a_h))
    trace.add(FORWARD, f"z^{{o,{k}}}", f"z^{{o,{k}}} = w^o a^{{h,{k}}} + b^o", z_out)
    trace.add(FORWARD, f"a^{{o,{k}}}", f"a^{{o,{k}}} = σ(z^{{o,{k}}})", a_out)


def _gradients(trace: Trace, grads: dict) -> None:
    equations = {
        "b3": ("∂C/∂b^o = Σ_t δ^{o,t}", "BP3"),
        "w3": ("∂C/∂w^o = Σ_t δ^{o,t} (a^{h,t})^T", "BP4"),
        "b2": ("∂C/∂b^h = Σ_t δ^{h,t}", "BP3"),
        "w2": ("∂C/∂w^{hx} = Σ_t δ^{h,t} (x^t)^T", "BP4"),
        "u2": ("∂C/∂w^{hh} = Σ_t δ^{h,t} (a^{h,t−1})^T", "BP4"),
    }
    for key, (equation, label) in equations.items():
        trace.add(GRADIENTS, f"∂C/∂{SYMBOLS[key]}", equation, grads[key], label)


def _cost_equation(cost: str, every: bool) -> str:
    quadratic = "C_t = ½ ‖y^t − a^{o,t}‖²"
    per_step = quadratic if cost == "quadratic" else f"C_t = {cost}(a^{{o,t}}, y^t)"
    return f"C = (1/T) Σ_t C_t, {per_step}" if every else f"C = C_T, {per_step}"


def _scale(every: bool, steps: int) -> str:
    """The 1/T of C's mean over steps, as BP1 at one step sees it."""
    return f"(1/{steps}) " if every and steps > 1 else ""


def _check_small(model: Elman, x) -> None:
    for name, n in zip(("input", "hidden", "output"), model.sizes, strict=True):
        if n > MAX_NEURONS:
            raise NeurokitError(
                f"explain prints every z, a and δ at every step, so it is meant for small nets: "
                f"the {name} layer has {n} neurons (at most {MAX_NEURONS}); try "
                "examples/recurrent/elman-explain.json"
            )
    if np.shape(x)[0] > MAX_STEPS:
        raise NeurokitError(
            f"explain prints every step: the sequence has {np.shape(x)[0]} steps "
            f"(at most {MAX_STEPS})"
        )


def _name(component) -> str:
    return getattr(component, "name", type(component).__name__)


def _row(array) -> np.ndarray:
    """One sequence's row of a recorded (1, n) array, as float64."""
    return np.asarray(array, dtype=float).reshape(-1)


def render_bptt_text(trace: Trace, digits: int = 9) -> str:
    """The trace as plain text: a heading per phase, one line per quantity."""
    n_in, n_hidden, n_out = trace.sizes
    lines = [
        f"explain: Elman net, {n_in} input, {n_hidden} hidden ({trace.neurons[0]}), {n_out} "
        f"output ({trace.neurons[1]}), {trace.cost} cost: backprop through time",
        "vectors are written as rows; w^{hx} is the code's w2, w^{hh} its u2, w^o its w3",
    ]
    phase = None
    for step in trace.steps:
        if step.phase != phase:
            phase = step.phase
            lines += ["", f"== {phase}"]
        tag = f"[{step.label}] " if step.label else ""
        lines.append(f"{tag}{step.equation}")
        lines.append(f"    {step.symbol} = {format_value(step.value, digits)}")
    return "\n".join(lines)
