"""Gradient checking: backprop's ∂C/∂w^l and ∂C/∂b^l against central finite differences.

For a parameter θ the central difference is

    ∂C/∂θ ≈ (C(θ + ε) − C(θ − ε)) / 2ε,

two forward passes per parameter, with an error of order ε². Backprop computes every
gradient at once; if a neuron's σ' (or a cost's ∇_a C) is wrong, the two disagree.

The relative error of one entry is

    rel = |g_bp − g_fd| / max(|g_bp|, |g_fd|, FLOOR)

so equal gradients give 0, opposite or unrelated ones give up to 2, and entries whose
gradients are both below ``FLOOR`` are compared in absolute terms instead of blowing up:
there the rounding noise of the difference quotient (C is only known to about 1e-16 × C,
divided by 2ε) is as large as the gradient itself. ε = 1e-4 balances that rounding against
the ε² truncation error for sigmoid nets as wide as MNIST's. A layer passes when the
largest relative error over its checked entries is below the threshold.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from neurokit.core import numeric
from neurokit.core.components import Cost
from neurokit.core.errors import NeurokitError
from neurokit.core.model import Model
from neurokit.core.network import Network

#: Step ε of the central differences (float64).
EPSILON = 1e-4
#: Below this size a gradient is treated as zero in the relative error (see module docstring).
FLOOR = 1e-6
#: A layer passes when its largest relative error is below this.
THRESHOLD = 1e-4
#: Each layer's w^l and b^l are checked at most this many entries each (random ones) by default.
SAMPLES_PER_ARRAY = 200


def relative_error(g_bp: np.ndarray, g_fd: np.ndarray, floor: float = FLOOR) -> np.ndarray:
    """|g_bp − g_fd| / max(|g_bp|, |g_fd|, floor), entry by entry."""
    g_bp, g_fd = np.asarray(g_bp, dtype=float), np.asarray(g_fd, dtype=float)
    scale = np.maximum(np.maximum(np.abs(g_bp), np.abs(g_fd)), floor)
    return np.abs(g_bp - g_fd) / scale


def cost_at(network: Network, cost, x: np.ndarray, y: np.ndarray) -> float:
    """C over the rows of x: one forward pass."""
    return cost.value(network.feedforward(x), y)


def central_difference(
    network: Network, cost, x, y, param: np.ndarray, index: tuple, eps: float = EPSILON
) -> float:
    """(C(θ + ε) − C(θ − ε)) / 2ε for the entry ``param[index]``, restored afterwards."""
    return numeric.partial(lambda: cost_at(network, cost, x, y), param, index, eps)


@dataclass
class ArrayCheck:
    """One parameter array (w^l or b^l): the entries checked and both gradients there."""

    symbol: str
    indices: list[tuple]
    backprop: np.ndarray
    numerical: np.ndarray
    size: int

    @property
    def errors(self) -> np.ndarray:
        return relative_error(self.backprop, self.numerical)

    @property
    def max_error(self) -> float:
        return float(self.errors.max()) if len(self.indices) else 0.0

    @property
    def worst(self) -> tuple | None:
        """The index with the largest relative error."""
        return self.indices[int(self.errors.argmax())] if len(self.indices) else None

    def __repr__(self) -> str:
        return (
            f"ArrayCheck({self.symbol}, checked {len(self.indices)}/{self.size}, "
            f"max relative error {self.max_error:.2e})"
        )


@dataclass
class LayerCheck:
    """Layer l of a network: its neuron and the checks of w^l and b^l. For a model of another
    family, one named parameter array (``layer`` is its name, ``biases`` None)."""

    layer: int | str
    neuron: str
    weights: ArrayCheck
    biases: ArrayCheck | None
    threshold: float = THRESHOLD

    @property
    def arrays(self) -> list[ArrayCheck]:
        return [self.weights] if self.biases is None else [self.weights, self.biases]

    @property
    def max_error(self) -> float:
        return max(array.max_error for array in self.arrays)

    @property
    def passed(self) -> bool:
        return self.max_error < self.threshold

    def __repr__(self) -> str:
        verdict = "pass" if self.passed else "FAIL"
        return (
            f"LayerCheck(l={self.layer}, {self.neuron}, max relative error "
            f"{self.max_error:.2e}, {verdict})"
        )


@dataclass
class GradcheckReport:
    """Every layer's check, and what was checked: sizes, examples, ε, threshold."""

    sizes: list[int]
    neurons: list[str]
    cost: str
    examples: int
    layers: list[LayerCheck] = field(default_factory=list)
    epsilon: float = EPSILON
    threshold: float = THRESHOLD
    note: str = ""

    @property
    def passed(self) -> bool:
        return all(layer.passed for layer in self.layers)

    @property
    def failed_layers(self) -> list[LayerCheck]:
        return [layer for layer in self.layers if not layer.passed]

    def __repr__(self) -> str:
        verdict = (
            "pass" if self.passed else f"FAIL in layers {[c.layer for c in self.failed_layers]}"
        )
        return f"GradcheckReport(sizes={self.sizes}, {len(self.layers)} layers, {verdict})"


def _neuron_name(neuron) -> str:
    return getattr(neuron, "name", type(neuron).__name__)


#: What a non-differentiable layer means for gradcheck.
NO_GRADIENT_TO_CHECK = (
    "backprop has no gradient there to check (a step function's derivative is 0 or "
    "undefined); gradcheck only applies to differentiable neurons"
)


def refuse_non_differentiable(network: Network, consequence: str = NO_GRADIENT_TO_CHECK) -> None:
    """Raise when a layer's neuron has no derivative backprop could use (the perceptron),
    saying ``consequence`` for the lesson that needed one."""
    for i, neuron in enumerate(network.neurons):
        if not getattr(neuron, "differentiable", True):
            raise NeurokitError(
                f"layer {i + 2} uses {_neuron_name(neuron)!r}, which is not differentiable: "
                + consequence
            )


def _pick(shape: tuple, limit: int | None, rng: np.random.Generator) -> list[tuple]:
    """All indices of an array, or ``limit`` random ones when it has more entries."""
    size = int(np.prod(shape))
    flat = np.arange(size) if not limit or size <= limit else rng.choice(size, limit, False)
    return [tuple(int(i) for i in np.unravel_index(k, shape)) for k in np.sort(flat)]


def check_gradients(
    network: Network,
    cost,
    x: np.ndarray,
    y: np.ndarray,
    *,
    epsilon: float = EPSILON,
    threshold: float = THRESHOLD,
    samples: int | None = SAMPLES_PER_ARRAY,
    seed: int = 0,
) -> GradcheckReport:
    """Compare ``network.backprop`` with central differences, layer by layer.

    ``x`` and ``y`` hold examples as rows; C is the mean cost over them. With ``samples``,
    at most that many random entries of each w^l and b^l are checked (None: all of them).
    The network is left exactly as it was.
    """
    refuse_non_differentiable(network)
    if network.dtype != np.float64:
        raise NeurokitError("gradcheck needs a float64 network: float32 rounding swamps ε")
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    rng = np.random.default_rng(seed)
    nabla_w, nabla_b = network.backprop(x, y, cost, 1.0)
    report = GradcheckReport(
        sizes=list(network.sizes),
        neurons=[_neuron_name(n) for n in network.neurons],
        cost=getattr(cost, "name", type(cost).__name__),
        examples=x.shape[0],
        epsilon=epsilon,
        threshold=threshold,
    )
    for i, neuron in enumerate(network.neurons):
        l = i + 2
        arrays = []
        for symbol, param, grad in (
            (f"w^{l}", network.weights[i], nabla_w[i]),
            (f"b^{l}", network.biases[i], nabla_b[i]),
        ):
            indices = _pick(param.shape, samples, rng)
            numerical = [
                central_difference(network, cost, x, y, param, k, epsilon) for k in indices
            ]
            arrays.append(
                ArrayCheck(
                    symbol,
                    indices,
                    np.array([grad[k] for k in indices]),
                    np.array(numerical),
                    param.size,
                )
            )
        weights, biases = arrays
        report.layers.append(LayerCheck(l, _neuron_name(neuron), weights, biases, threshold))
    return report


def check_model_gradients(
    model: Model,
    cost: Cost,
    x: np.ndarray,
    y: np.ndarray,
    *,
    epsilon: float = EPSILON,
    threshold: float = THRESHOLD,
    samples: int | None = SAMPLES_PER_ARRAY,
    seed: int = 0,
) -> GradcheckReport:
    """Compare any gradient model's ``gradients`` with central differences, array by array.

    The same check as ``check_gradients`` for a network, for the families that are not layered
    nets (an RBF net's centres, a recurrent net's weights through time): C is the mean cost of
    ``model.predict`` over the examples. The model is left exactly as it was.
    """
    if model.learning != "gradient":
        raise NeurokitError(f"model {model.name!r} learns without gradients")
    if model.dtype != np.float64:
        raise NeurokitError("gradcheck needs a float64 model: float32 rounding swamps ε")
    rng = np.random.default_rng(seed)
    gradients = model.gradients(x, y, cost, 1.0)
    report = GradcheckReport(
        sizes=[model.n_inputs, model.n_outputs],
        neurons=[model.name],
        cost=getattr(cost, "name", type(cost).__name__),
        examples=x.shape[0],
        epsilon=epsilon,
        threshold=threshold,
    )
    named = model.named_parameters()
    for (name, param), grad in zip(named.items(), gradients, strict=True):
        indices = _pick(param.shape, samples, rng)
        numerical = [
            numeric.partial(lambda: cost.value(model.predict(x), y), param, k, epsilon)
            for k in indices
        ]
        check = ArrayCheck(
            name, indices, np.array([grad[k] for k in indices]), np.array(numerical), param.size
        )
        report.layers.append(LayerCheck(name, model.name, check, None, threshold))
    return report


def random_examples(
    n_inputs: int, n_outputs: int, examples: int, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Inputs and desired outputs drawn uniformly from [0, 1), like pixels and targets."""
    rng = np.random.default_rng(seed)
    return rng.random((examples, n_inputs)), rng.random((examples, n_outputs))


def small_network(network: Network, width: int = 4, seed: int = 0) -> Network:
    """A random net with the same neuron kinds, each layer at most ``width`` neurons."""
    sizes = [min(n, width) for n in network.sizes]
    return Network(sizes, network.neurons, dtype="float64", seed=seed)


def gradcheck_network(
    network: Network,
    cost: Cost,
    *,
    small: bool = False,
    examples: int = 3,
    samples: int | None = SAMPLES_PER_ARRAY,
    epsilon: float = EPSILON,
    threshold: float = THRESHOLD,
    seed: int = 0,
    note: str = "",
) -> GradcheckReport:
    """Check a float64 network (its weights as they are), or with ``small`` a small random
    one of the same neuron kinds, on random inputs and targets in [0, 1).

    ``note`` (for instance where the cost came from) is added to the report's note.
    """
    refuse_non_differentiable(network)
    notes = []
    if small:
        network = small_network(network, seed=seed)
        notes.append(f"a small random net of the same kinds ({'-'.join(map(str, network.sizes))})")
    x, y = random_examples(network.sizes[0], network.sizes[-1], examples, seed)
    report = check_gradients(
        network, cost, x, y, epsilon=epsilon, threshold=threshold, samples=samples, seed=seed
    )
    report.note = "; ".join(filter(None, [*notes, note]))
    return report


def format_report(report: GradcheckReport) -> str:
    """The report as a plain-text table, one row per parameter array, and a verdict."""
    lines = [
        f"gradcheck: {'-'.join(map(str, report.sizes))} net "
        f"({', '.join(report.neurons)}), {report.cost} cost, {report.examples} random examples",
        f"central differences with ε = {report.epsilon:g}; relative error "
        f"|g_bp − g_fd| / max(|g_bp|, |g_fd|, {FLOOR:g}); pass below {report.threshold:g}",
    ]
    if report.note:
        lines.append(f"note: {report.note}")
    header = (
        f"{'layer':>5}  {'neuron':<12} {'array':<6} {'checked':>13}  {'max rel error':>13}  result"
    )
    lines += ["", header, "-" * len(header)]
    for layer in report.layers:
        for array in layer.arrays:
            ok = array.max_error < layer.threshold
            lines.append(
                f"{layer.layer:>5}  {layer.neuron:<12} {array.symbol:<6} "
                f"{len(array.indices):>6}/{array.size:<6}  {array.max_error:>13.2e}  "
                f"{'pass' if ok else 'FAIL at ' + _index(array)}"
            )
    lines.append("")
    if report.passed:
        lines.append("all layers pass: backprop agrees with finite differences")
    else:
        bad = ", ".join(f"layer {c.layer} ({c.neuron})" for c in report.failed_layers)
        lines.append(
            f"FAIL: backprop disagrees with finite differences in {bad}; check that neuron's "
            "sigma_prime (BP1, BP2) or the cost's gradient (BP1)"
        )
    return "\n".join(lines)


def _index(array: ArrayCheck) -> str:
    """``w^3_12 (bp …, fd …)``: the worst entry, indexed from 1 as in the lecture."""
    where = int(array.errors.argmax())
    entry = array.symbol + "_" + ",".join(str(i + 1) for i in array.indices[where])
    return f"{entry} (bp {array.backprop[where]:.6g}, fd {array.numerical[where]:.6g})"
