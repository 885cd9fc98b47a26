"""The big picture of backprop: every path from one weight w^l_jk to the cost.

A change Δw^l_jk moves a^l_j, which moves every a^{l+1}_q, which moves every a^{l+2}_r, …,
down to every output a^L_m and so the cost C. Along one path

    w^l_jk → z^l_j → a^l_j → a^{l+1}_q → … → a^L_m → C

the rate of change of C is the product of the path's rate factors

    ∂a^l_j/∂w^l_jk = σ'(z^l_j) a^{l−1}_k,
    ∂a^{l+1}_q/∂a^l_j = σ'(z^{l+1}_q) w^{l+1}_qj,   …,
    ∂C/∂a^L_m,

and ∂C/∂w^l_jk is the sum over all paths. Backprop (BP1–BP4) computes the same sum without
enumerating the paths, which is why it is fast; ``weight_paths`` enumerates them anyway, so
the two can be printed side by side, and measures ΔC ≈ ∂C/∂w^l_jk · Δw by perturbing the weight.

Indices are the lecture's: l = 2 … L, j and k counted from 1.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import numpy as np

from neurokit.core.errors import NeurokitError
from neurokit.core.network import Network
from neurokit.lessons.gradcheck import refuse_non_differentiable

#: More paths than this is not a picture a person reads: a smaller net is suggested instead.
MAX_PATHS = 10_000

#: The default change of the weight for the measured ΔC.
DEFAULT_DW = 1e-3


@dataclass(frozen=True)
class WeightPath:
    """One path: the neuron index (from 1) it passes at each layer l … L, and its factors."""

    neurons: tuple[int, ...]
    factors: tuple[float, ...]

    @property
    def product(self) -> float:
        return math.prod(self.factors)


@dataclass(frozen=True)
class PathSum:
    """Every path of w^l_jk, their sum, backprop's ∂C/∂w^l_jk and the measured ΔC."""

    sizes: list[int]
    l: int
    j: int
    k: int
    paths: list[WeightPath]
    backprop: float
    cost: float
    dw: float
    cost_after: float

    @property
    def weight(self) -> str:
        return f"w^{self.l}_{pair(self.j, self.k)}"

    @property
    def total(self) -> float:
        """The sum over all paths of their products."""
        return math.fsum(path.product for path in self.paths)

    @property
    def difference(self) -> float:
        return self.total - self.backprop

    @property
    def estimate(self) -> float:
        """The linear estimate ΔC ≈ ∂C/∂w^l_jk · Δw."""
        return self.backprop * self.dw

    @property
    def real_change(self) -> float:
        """C(w^l_jk + Δw) − C(w^l_jk), the cost recomputed."""
        return self.cost_after - self.cost

    def __repr__(self) -> str:
        return (
            f"PathSum({self.weight}: {len(self.paths)} paths, Σ = {self.total:.9g}, "
            f"backprop = {self.backprop:.9g})"
        )

    def _repr_html_(self) -> str:  # how Jupyter shows it: the same text, kept monospaced
        import html

        return f"<pre>{html.escape(render_paths(self))}</pre>"


def pair(j: int, k: int) -> str:
    """The subscript jk, with a comma once an index has two digits (w^2_{12,3})."""
    return f"{j}{k}" if j < 10 and k < 10 else f"{{{j},{k}}}"


def path_count(sizes: list[int], l: int) -> int:
    """The number of paths from a weight of layer l: the product of the sizes of layers
    l+1 … L (one path when l = L)."""
    return math.prod(sizes[l:])


def check_indices(sizes: list[int], l: int, j: int, k: int) -> None:
    """One line naming the valid range when w^l_jk is not a weight of a net of ``sizes``."""
    last = len(sizes)
    if not 2 <= l <= last:
        raise NeurokitError(f"l = {l} is out of range: the weights are w^l for l = 2 … {last}")
    if not 1 <= j <= sizes[l - 1]:
        raise NeurokitError(
            f"j = {j} is out of range: layer {l} has neurons j = 1 … {sizes[l - 1]}"
        )
    if not 1 <= k <= sizes[l - 2]:
        raise NeurokitError(
            f"k = {k} is out of range: layer {l - 1} has neurons k = 1 … {sizes[l - 2]}"
        )


def weight_paths(network: Network, cost, x, y, l: int, j: int, k: int, dw=DEFAULT_DW) -> PathSum:
    """Every path from w^l_jk to C for the example (x, y), with backprop's gradient beside
    it and the cost measured after w^l_jk → w^l_jk + Δw. ``network`` is not changed."""
    sizes = list(network.sizes)
    check_indices(sizes, l, j, k)
    count = path_count(sizes, l)
    if count > MAX_PATHS:
        raise NeurokitError(
            f"w^{l}_{pair(j, k)} has {count:,} paths to the cost (more than {MAX_PATHS:,}); "
            "pick a later layer or a smaller net, e.g. examples/lecture-2-2-2.json"
        )
    refuse_non_differentiable(network, "no rate of change flows through it")
    x = np.asarray(x, dtype=np.float64).reshape(1, -1)
    y = np.asarray(y, dtype=np.float64).reshape(1, -1)
    zs, activations = network.forward(x)
    rates = _rates(network, cost, zs, activations, y)
    # ∂a^l_j/∂w^l_jk = σ'(z^l_j) a^{l−1}_k: z^l_j = Σ_k w^l_jk a^{l−1}_k + b^l_j
    first = float(rates.sigma_prime[l][j - 1] * activations[l - 2][0, k - 1])
    paths = [
        _path(network, rates, l, j, first, tail) for tail in itertools.product(*_ranges(sizes, l))
    ]
    nabla_w, _ = network.backprop(x, y, cost)
    return PathSum(
        sizes=sizes,
        l=l,
        j=j,
        k=k,
        paths=paths,
        backprop=float(nabla_w[l - 2][j - 1, k - 1]),
        cost=float(cost.value(activations[-1], y)),
        dw=float(dw),
        cost_after=_cost_with_weight_changed(network, cost, x, y, (l, j, k), dw),
    )


@dataclass(frozen=True)
class _Rates:
    """σ'(z^l) for every layer l ≥ 2 (by the lecture's l) and ∂C/∂a^L for the example."""

    sigma_prime: dict[int, np.ndarray]
    cost_gradient: np.ndarray


def _rates(network: Network, cost, zs, activations, y) -> _Rates:
    sigma_prime = {
        i + 2: np.asarray(neuron.sigma_prime(zs[i], activations[i + 1]), dtype=float)[0]
        for i, neuron in enumerate(network.neurons)
    }
    gradient = np.asarray(cost.gradient(activations[-1], y), dtype=float)[0]
    return _Rates(sigma_prime, gradient)


def _ranges(sizes: list[int], l: int) -> list[range]:
    """The neuron indices (from 1) a path may pass in each layer after l."""
    return [range(1, n + 1) for n in sizes[l:]]


def _path(network: Network, rates: _Rates, l: int, j: int, first: float, tail) -> WeightPath:
    neurons = (j, *tail)
    factors = [first]
    for step, (before, after) in enumerate(itertools.pairwise(neurons)):
        layer = l + step + 1  # the layer of `after`
        # ∂a^{layer}_after/∂a^{layer−1}_before = σ'(z^{layer}_after) w^{layer}_{after,before}
        w = network.weights[layer - 2][after - 1, before - 1]
        factors.append(float(rates.sigma_prime[layer][after - 1] * w))
    factors.append(float(rates.cost_gradient[neurons[-1] - 1]))  # ∂C/∂a^L_m
    return WeightPath(neurons, tuple(factors))


def _cost_with_weight_changed(network: Network, cost, x, y, index, dw: float) -> float:
    l, j, k = index
    weights = [w.astype(np.float64, copy=True) for w in network.weights]
    weights[l - 2][j - 1, k - 1] += dw
    changed = Network(network.sizes, network.neurons, dtype="float64", seed=0)
    changed.set_parameters(weights, network.biases)
    return float(cost.value(changed.feedforward(x), y))


def path_label(result: PathSum, path: WeightPath) -> str:
    """w^l_jk → z^l_j → a^l_j → a^{l+1}_q → … → a^L_m → C for one path."""
    l, j, k = result.l, result.j, result.k
    nodes = [f"w^{l}_{pair(j, k)}", f"z^{l}_{j}"]
    nodes += [f"a^{l + i}_{n}" for i, n in enumerate(path.neurons)]
    return " → ".join([*nodes, "C"])


def factor_names(result: PathSum, path: WeightPath) -> list[str]:
    """The symbols of a path's factors, in the order of ``path.factors``."""
    l, j, k = result.l, result.j, result.k
    names = [f"σ'(z^{l}_{j})·a^{l - 1}_{k}"]
    for step, (before, after) in enumerate(itertools.pairwise(path.neurons)):
        layer = l + step + 1
        names.append(f"σ'(z^{layer}_{after})·w^{layer}_{pair(after, before)}")
    names.append(f"∂C/∂a^{len(result.sizes)}_{path.neurons[-1]}")
    return names


def render_paths(result: PathSum, digits: int = 9) -> str:
    """The paths, their sum beside backprop's gradient, and the measured ΔC, as text."""
    g = f"{{:.{digits}g}}"
    lines = [
        f"every path from {result.weight} to the cost C, net {'-'.join(map(str, result.sizes))} "
        f"({len(result.paths)} paths: the product of the sizes of layers "
        f"{result.l + 1} … {len(result.sizes)})"
        if result.l < len(result.sizes)
        else f"every path from {result.weight} to the cost C (an output weight: one path)",
        "",
    ]
    for n, path in enumerate(result.paths, start=1):
        lines.append(f"path {n}: {path_label(result, path)}")
        named = " × ".join(
            f"{name} {g.format(value)}"
            for name, value in zip(factor_names(result, path), path.factors, strict=True)
        )
        lines.append(f"    {named}")
        lines.append(f"    = {g.format(path.product)}")
    width = len(f"∂C/∂{result.weight} by backprop (BP1–BP4)")
    estimate, measured = f"ΔC ≈ ∂C/∂{result.weight} · Δw", "ΔC measured (cost recomputed)"
    side = max(len(estimate), len(measured))
    lines += [
        "",
        f"{'sum over the paths':<{width}} = {g.format(result.total)}",
        f"{f'∂C/∂{result.weight} by backprop (BP1–BP4)':<{width}} = {g.format(result.backprop)}",
        f"{'difference':<{width}} = {result.difference:.2g}",
        "",
        f"change {result.weight} by Δw = {result.dw:g}:",
        f"    {estimate:<{side}} = {g.format(result.estimate)}",
        f"    {measured:<{side}} = {g.format(result.real_change)}",
        f"    off by {abs(result.real_change - result.estimate):.2g}: second order in Δw",
    ]
    return "\n".join(lines)
