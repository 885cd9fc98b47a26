"""One example through a small network, every quantity of the lecture labelled and shown.

``explain(network, cost, x, y, eta)`` returns a ``Trace``: a list of ``Step``s, each with
the lecture's symbol (``z^2``, ``δ^3``, ``∂C/∂w^3``), the equation that produced it and its
value, in the order the lecture's algorithm computes them:

1. input a^1 = x;
2. feedforward: z^l = w^l a^{l−1} + b^l and a^l = σ(z^l) for l = 2 … L;
3. the cost C_x;
4. BP1 δ^L, BP2 δ^l for l = L−1 … 2, then BP3 ∂C/∂b^l and BP4 ∂C/∂w^l;
5. one SGD step with η on this single example (m = 1): w^l → w^l − η ∂C/∂w^l.

For the lecture's 2-2-2 shape (L = 3) with the quadratic cost the trace also works the
lecture's chain-rule slide: c_o1 = ½(a^3_1 − y_1)² and its derivatives with respect to
w^3_11 and w^2_11, factor by factor. ``render_text`` turns a trace into plain text;
``render_rich`` into rich tables.

Vectors are shown as rows (the lecture writes them as columns); w^l[j, k] is w^l_jk.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from neurokit.core.errors import NeurokitError
from neurokit.core.network import Network
from neurokit.core.sgd import sgd_update

#: explain prints every number, so it refuses wider layers.
MAX_NEURONS = 12


@dataclass(frozen=True)
class Step:
    """One labelled quantity: ``symbol`` = ``value``, computed by ``equation``."""

    phase: str  # input, forward, cost, backward, gradient, update, chain rule
    symbol: str
    equation: str
    value: np.ndarray
    label: str = ""  # the equation's name, e.g. "BP1"
    detail: str = ""  # the same equation with this step's numbers, where it helps

    def __repr__(self) -> str:
        tag = f" [{self.label}]" if self.label else ""
        return f"Step({self.symbol}{tag} = {format_value(self.value)})"


@dataclass
class Trace:
    """The steps of one forward and backward pass and one SGD step, in order."""

    sizes: list[int]
    neurons: list[str]
    cost: str
    eta: float
    steps: list[Step] = field(default_factory=list)

    def __repr__(self) -> str:
        return f"Trace(sizes={self.sizes}, {len(self.steps)} steps, η={self.eta:g})"

    def _repr_html_(self) -> str:  # how Jupyter shows a trace: a table, not this repr
        from neurokit.lessons.trace_html import trace_html

        return trace_html(self)

    def add(self, phase, symbol, equation, value, label="", detail="") -> None:
        self.steps.append(
            Step(phase, symbol, equation, np.array(value, dtype=float), label, detail)
        )

    def value(self, symbol: str) -> np.ndarray:
        """The value of the step labelled ``symbol``, e.g. ``trace.value("δ^3")``."""
        for step in self.steps:
            if step.symbol == symbol:
                return step.value
        raise KeyError(f"no step {symbol!r}; steps: {', '.join(s.symbol for s in self.steps)}")

    @property
    def symbols(self) -> list[str]:
        return [step.symbol for step in self.steps]


def format_value(value, digits: int = 9) -> str:
    """A number, a row vector [..] or a matrix [[..], [..]] with ``digits`` significant digits."""
    value = np.asarray(value, dtype=float) + 0.0  # + 0.0 turns −0 into 0
    if value.ndim == 0:
        return f"{float(value):.{digits}g}"
    if value.ndim == 1:
        return "[" + ", ".join(f"{v:.{digits}g}" for v in value) + "]"
    return "[" + ", ".join(format_value(row, digits) for row in value) + "]"


def check_small(sizes: list[int]) -> None:
    """Refuse nets too wide to print every number of."""
    for l, n in enumerate(sizes, start=1):
        if n > MAX_NEURONS:
            raise NeurokitError(
                f"explain prints every z, a and δ, so it is meant for small nets: layer {l} has "
                f"{n} neurons (at most {MAX_NEURONS}); try examples/lecture-2-2-2.json"
            )


def explain(network: Network, cost, x, y, eta: float) -> Trace:
    """Trace one example (x, y) through ``network``: forward, BP1–BP4, one SGD step with η.

    The network itself is not changed; the updated weights are part of the trace.
    """
    check_small(network.sizes)
    for i, neuron in enumerate(network.neurons):
        if not getattr(neuron, "differentiable", True):
            raise NeurokitError(
                f"layer {i + 2} uses {getattr(neuron, 'name', neuron)!r}, which is not "
                "differentiable: backprop (BP1–BP4) cannot be traced through it"
            )
    x = np.asarray(x, dtype=np.float64).reshape(-1)
    y = np.asarray(y, dtype=np.float64).reshape(-1)
    if x.size != network.sizes[0]:
        raise NeurokitError(f"input has {x.size} numbers; the input layer has {network.sizes[0]}")
    if y.size != network.sizes[-1]:
        raise NeurokitError(
            f"target has {y.size} numbers; the output layer has {network.sizes[-1]}"
        )
    L = network.num_layers
    trace = Trace(
        sizes=list(network.sizes),
        neurons=[getattr(n, "name", type(n).__name__) for n in network.neurons],
        cost=getattr(cost, "name", type(cost).__name__),
        eta=float(eta),
    )
    trace.add("input", "a^1", "a^1 = x (the input sets the first layer's activations)", x)

    # The real code path: Network.backprop on this one example (m = 1, scale 1), recording
    # every z, a and δ it computes on the way; nothing below recomputes them.
    recorded: dict = {}
    nabla_w, nabla_b = network.backprop(x[None, :], y[None, :], cost, 1.0, trace=recorded)
    zs = [z[0].astype(float) for z in recorded["zs"]]
    activations = [a[0].astype(float) for a in recorded["activations"]]
    for i in range(L - 1):
        l = i + 2
        trace.add("forward", f"z^{l}", f"z^{l} = w^{l} a^{l - 1} + b^{l}", zs[i])
        trace.add(
            "forward", f"a^{l}", f"a^{l} = σ(z^{l})  [σ = {trace.neurons[i]}]", activations[i + 1]
        )

    a_L, z_L = activations[-1], zs[-1]
    cost_value = cost.value(a_L[None, :], y[None, :])
    cost_equation = (
        f"C_x = ½ ‖y − a^{L}‖² = ½ Σ_j (a^{L}_j − y_j)²"
        if trace.cost == "quadratic"
        else f"C_x = {trace.cost}(a^{L}, y)"
    )
    trace.add("cost", "y", "y = y(x), the desired output", y)
    trace.add("cost", "C_x", cost_equation, cost_value)

    # Backward: BP1, then BP2 layer by layer; BP3 and BP4 from each δ^l.
    grad_a = np.asarray(cost.gradient(a_L[None, :], y[None, :]), dtype=float)[0]
    prime_L = np.asarray(network.neurons[-1].sigma_prime(z_L, a_L), dtype=float)
    delta = _row(recorded["delta"][L])
    grad_equation = f"∇_a C = a^{L} − y" if trace.cost == "quadratic" else "∇_a C"
    trace.add("backward", "∇_a C", grad_equation, grad_a)
    trace.add("backward", f"σ'(z^{L})", f"σ'(z^{L}) [σ = {trace.neurons[-1]}]", prime_L)
    trace.add("backward", f"δ^{L}", f"δ^{L} = ∇_a C ⊙ σ'(z^{L})", delta, "BP1")
    for l in range(L - 1, 1, -1):
        prime, back = _row(recorded["sigma_prime"][l]), _row(recorded["back"][l])
        trace.add("backward", f"σ'(z^{l})", f"σ'(z^{l}) [σ = {trace.neurons[l - 2]}]", prime)
        trace.add("backward", f"(w^{l + 1})^T δ^{l + 1}", f"(w^{l + 1})^T δ^{l + 1}", back)
        trace.add(
            "backward",
            f"δ^{l}",
            f"δ^{l} = ((w^{l + 1})^T δ^{l + 1}) ⊙ σ'(z^{l})",
            _row(recorded["delta"][l]),
            "BP2",
        )

    for l in range(L, 1, -1):
        gradient_b = np.asarray(nabla_b[l - 2], dtype=float)
        gradient_w = np.asarray(nabla_w[l - 2], dtype=float)
        trace.add("gradient", f"∂C/∂b^{l}", f"∂C/∂b^{l}_j = δ^{l}_j", gradient_b, "BP3")
        trace.add(
            "gradient",
            f"∂C/∂w^{l}",
            f"∂C/∂w^{l}_jk = a^{l - 1}_k δ^{l}_j, i.e. δ^{l} (a^{l - 1})^T",
            gradient_w,
            "BP4",
        )

    if L == 3 and trace.cost == "quadratic":
        _chain_rule_slide(trace, network, zs, activations, y)

    # One SGD step on this example alone (m = 1), by the same update training uses:
    # θ → θ − (η/m) Σ_x ∂C_x/∂θ.
    new_weights = [w.astype(float) for w in network.weights]
    new_biases = [b.astype(float) for b in network.biases]
    sums = [np.asarray(g, dtype=float) for g in nabla_w + nabla_b]
    sgd_update(new_weights + new_biases, sums, eta, 1)
    for l, (w, b) in enumerate(zip(new_weights, new_biases, strict=True), start=2):
        trace.add("update", f"w^{l} (new)", f"w^{l} → w^{l} − η ∂C/∂w^{l}", w, "SGD")
        trace.add("update", f"b^{l} (new)", f"b^{l} → b^{l} − η ∂C/∂b^{l}", b, "SGD")
    after = _cost_after(network, cost, x, y, new_weights, new_biases)
    trace.add(
        "update",
        "C_x (new)",
        "C_x after the step (smaller when η is small enough)",
        after,
    )
    return trace


def _chain_rule_slide(trace: Trace, network: Network, zs, activations, y) -> None:
    """The lecture's slide: c_o1 = ½(a^3_1 − y_1)² and two of its weight derivatives.

    The slide writes w^2 for the weights into layer 3 and w^1 for those into layer 2; in
    this project (and the lecture's own notation slides) w^l feeds layer l, so the slide's
    w^2_11 is w^3_11 here and its w^1_11 is w^2_11.
    """
    a1, a2, a3 = activations
    z2, z3 = zs
    neuron2, neuron3 = network.neurons
    prime2 = float(neuron2.sigma_prime(z2, a2)[0])
    prime3 = float(neuron3.sigma_prime(z3, a3)[0])
    w3_11 = float(network.weights[1][0, 0])
    c_o1 = 0.5 * (a3[0] - y[0]) ** 2
    dc_da = a3[0] - y[0]
    trace.add("chain rule", "c_o1", "c_o1 = ½ (a^3_1 − y_1)², output 1's part of C_x", c_o1)
    top = dc_da * prime3 * a2[0]
    trace.add(
        "chain rule",
        "∂c_o1/∂w^3_11",
        "∂c_o1/∂w^3_11 = ∂c_o1/∂a^3_1 · ∂a^3_1/∂z^3_1 · ∂z^3_1/∂w^3_11 "
        "= (a^3_1 − y_1) · σ'(z^3_1) · a^2_1   (the slide's w^2_11)",
        top,
        detail=f"{dc_da:.9g} · {prime3:.9g} · {a2[0]:.9g}",
    )
    bottom = dc_da * prime3 * w3_11 * prime2 * a1[0]
    trace.add(
        "chain rule",
        "∂c_o1/∂w^2_11",
        "∂c_o1/∂w^2_11 = [∂c_o1/∂a^3_1 · ∂a^3_1/∂z^3_1] · [∂z^3_1/∂a^2_1 · ∂a^2_1/∂z^2_1] · "
        "∂z^2_1/∂w^2_11 = [(a^3_1 − y_1) σ'(z^3_1)] · [w^3_11 σ'(z^2_1)] · a^1_1   "
        "(the slide's w^1_11"
        + ("; ∂C/∂w^2_11 adds the paths through the other outputs)" if a3.size > 1 else ")"),
        bottom,
        detail=f"[{dc_da:.9g} · {prime3:.9g}] · [{w3_11:.9g} · {prime2:.9g}] · {a1[0]:.9g}",
    )


def _cost_after(network: Network, cost, x, y, weights, biases) -> float:
    """C_x of the same net with the updated w and b: a copy fed forward by the real code."""
    after = Network(network.sizes, network.neurons, dtype="float64", seed=0)
    after.set_parameters(weights, biases)
    return cost.value(after.feedforward(x[None, :]), y[None, :])


def _row(array) -> np.ndarray:
    """The single example's row of a recorded (1, n) array, as float64."""
    return np.asarray(array, dtype=float)[0]


PHASE_TITLES = {
    "input": "Input",
    "forward": "Feedforward: z^l = w^l a^(l−1) + b^l, a^l = σ(z^l)",
    "cost": "Cost",
    "backward": "Backward: the output error (BP1), then each layer's error (BP2)",
    "gradient": "Gradients: BP3 and BP4",
    "chain rule": "The lecture's chain-rule slide, one path at a time",
    "update": "One SGD step with η (m = 1)",
}


def render_text(trace: Trace, digits: int = 9) -> str:
    """The trace as plain text: a heading per phase, one line per quantity."""
    lines = [
        f"explain: {'-'.join(map(str, trace.sizes))} net ({', '.join(trace.neurons)}), "
        f"{trace.cost} cost, η = {trace.eta:g}",
        "vectors are written as rows; w^l[j, k] is w^l_jk, the weight from neuron k of layer "
        "l−1 to neuron j of layer l",
    ]
    phase = None
    for step in trace.steps:
        if step.phase != phase:
            phase = step.phase
            lines += ["", f"== {PHASE_TITLES.get(phase, phase)}"]
        tag = f"[{step.label}] " if step.label else ""
        lines.append(f"{tag}{step.equation}")
        if step.detail:
            lines.append(f"    = {step.detail}")
        lines.append(f"    {step.symbol} = {format_value(step.value, digits)}")
    return "\n".join(lines)


def render_rich(trace: Trace, console, digits: int = 9) -> None:
    """The trace as one rich table per phase."""
    from rich.table import Table

    console.print(
        f"[bold]explain[/bold]: {'-'.join(map(str, trace.sizes))} net "
        f"({', '.join(trace.neurons)}), {trace.cost} cost, η = {trace.eta:g}",
        highlight=False,
    )
    table = None
    phase = None
    for step in trace.steps:
        if step.phase != phase:
            if table is not None:
                console.print(table)
            phase = step.phase
            table = Table(title=PHASE_TITLES.get(phase, phase), title_justify="left")
            table.add_column("eq.", style="magenta", no_wrap=True)
            table.add_column("symbol", style="bold cyan", no_wrap=True)
            table.add_column("value")
            table.add_column("computed by", style="dim")
        equation = step.equation + (f"\n= {step.detail}" if step.detail else "")
        assert table is not None  # made at the first step of every phase
        table.add_row(step.label, step.symbol, format_value(step.value, digits), equation)
    if table is not None:
        console.print(table)
