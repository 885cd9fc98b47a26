"""The checks of a cost: C is a mean over rows, ∇_a C and δ^L against finite differences,
C ≥ 0 and C = 0 at the target, finite at saturated outputs, float32 stays float32."""

from __future__ import annotations

import numpy as np

from neurokit.core import numeric
from neurokit.testing.checks.base import ATOL, RTOL, CheckContext, fmt, missing_methods, quietly

#: Step of the central differences of C in a and in z.
H = 1e-6


def _cost_inputs(dtype=np.float64) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """a in (0.05, 0.95), a one-hot y and a soft y in [0, 1], 5 rows of 3 outputs."""
    rng = np.random.default_rng(1)
    a = rng.uniform(0.05, 0.95, size=(5, 3)).astype(dtype)
    one_hot = np.eye(3, dtype=dtype)[rng.integers(0, 3, size=5)]
    soft = rng.uniform(0.0, 1.0, size=(5, 3)).astype(dtype)
    return a, one_hot, soft


def _neurons_for_costs():
    from neurokit.core.neurons import Linear, Sigmoid

    return [Sigmoid(), Linear()]


def check_cost_interface(ctx: CheckContext) -> None:
    """The factory returns an object with ``value``, ``gradient`` and ``output_error``."""
    cost = ctx.build()
    missing = missing_methods(cost, ("value", "gradient", "output_error"))
    if missing:
        raise ctx.fail(
            f"expected a Cost with value, gradient and output_error, got {cost!r} "
            f"without {', '.join(missing)}"
        )


def check_cost_value_is_mean(ctx: CheckContext) -> None:
    """``value`` is one finite number, the mean over rows: C = (1/n) Σ_x C_x."""
    cost = ctx.build()
    a, y, _ = _cost_inputs()
    total = cost.value(a, y)
    if np.ndim(total) != 0 or not np.isfinite(total):
        raise ctx.fail(f"value(a, y) on 5 rows: expected one finite number, got {total!r}")
    per_row = [float(cost.value(a[i : i + 1], y[i : i + 1])) for i in range(len(a))]
    expected = float(np.mean(per_row))
    if not np.isclose(float(total), expected, rtol=1e-9, atol=1e-12):
        raise ctx.fail(
            f"value(a, y) at a = {fmt(a)}, y = {fmt(y)}: expected "
            f"{fmt(expected)} (mean of the rows' costs {fmt(per_row)}), "
            f"got {fmt(total)}"
        )


def check_cost_gradient(ctx: CheckContext) -> None:
    """``gradient`` is ∇_a C_x per row: n × the finite difference of the mean C."""
    cost = ctx.build()
    a, one_hot, soft = _cost_inputs()
    n = a.shape[0]
    for y in (one_hot, soft):
        expected = np.zeros_like(a)
        nudged = a.copy()

        # a copy per call, so a cost that writes into a cannot spoil the next entry
        def c(y=y, nudged=nudged):
            return cost.value(nudged.copy(), y)

        for index in np.ndindex(*a.shape):
            expected[index] = n * numeric.partial(c, nudged, index, H)
        got = np.asarray(cost.gradient(a.copy(), y.copy()), dtype=np.float64)
        if got.shape != a.shape:
            raise ctx.fail(
                f"gradient(a, y) of shape {a.shape}: expected that shape, got {got.shape}"
            )
        _compare_rows(ctx, "∇_a C", a, y, expected, got)


def check_cost_output_error(ctx: CheckContext) -> None:
    """``output_error`` is δ^L = ∂C_x/∂z^L: checked by finite differences through σ."""
    cost = ctx.build()
    _, one_hot, soft = _cost_inputs()
    rng = np.random.default_rng(2)
    n = one_hot.shape[0]
    for neuron in _neurons_for_costs():
        # linear outputs stay inside (0, 1) so costs defined only there still apply
        z = (
            rng.uniform(-3, 3, one_hot.shape)
            if neuron.name == "sigmoid"
            else rng.uniform(0.05, 0.95, one_hot.shape)
        )
        for y in (one_hot, soft):
            expected = np.zeros_like(z)
            nudged = z.copy()

            def c(neuron=neuron, y=y, nudged=nudged):
                return cost.value(neuron.sigma(nudged.copy()), y)

            for index in np.ndindex(*z.shape):
                expected[index] = n * numeric.partial(c, nudged, index, H)
            a = neuron.sigma(z.copy())
            got = np.asarray(cost.output_error(a, y.copy(), z.copy(), neuron), dtype=np.float64)
            if got.shape != z.shape:
                raise ctx.fail(
                    f"output_error with {neuron.name} outputs: expected shape "
                    f"{z.shape}, got {got.shape}"
                )
            _compare_rows(ctx, f"δ^L with {neuron.name} outputs", z, y, expected, got, "z")


def _compare_rows(ctx, label, inputs, y, expected, got, input_name="a") -> None:
    error = np.abs(got - expected)
    allowed = ATOL + RTOL * np.abs(expected)
    bad = ~(error <= allowed)
    if not bad.any():
        return
    row, col = np.unravel_index(np.argmax(np.where(bad, error / allowed, 0)), bad.shape)
    raise ctx.fail(
        f"{label} wrong at {int(bad.sum())} of {bad.size} entries; worst at row {row}, output "
        f"{col}: {input_name} = {fmt(inputs[row])}, y = {fmt(y[row])}: expected "
        f"{fmt(expected[row, col])} (central finite difference), got {fmt(got[row, col])}"
    )


def check_cost_nonnegative(ctx: CheckContext) -> None:
    """C ≥ 0 for outputs in (0, 1), with one-hot and with soft targets."""
    cost = ctx.build()
    rng = np.random.default_rng(3)
    for _ in range(20):
        a = rng.uniform(0.001, 0.999, size=(4, 3))
        for y in (np.eye(3)[rng.integers(0, 3, size=4)], rng.uniform(0, 1, size=(4, 3))):
            value = float(cost.value(a, y))
            if not value >= 0:
                raise ctx.fail(f"C at a = {fmt(a)}, y = {fmt(y)}: expected ≥ 0, got {fmt(value)}")


def check_cost_zero_at_target(ctx: CheckContext) -> None:
    """C = 0 when the output is exactly the one-hot target (a = y)."""
    cost = ctx.build()
    _, y, _ = _cost_inputs()
    value = float(cost.value(y.copy(), y))
    if not abs(value) <= 1e-8:
        raise ctx.fail(f"C at a = y = {fmt(y)}: expected 0, got {fmt(value)}")


def check_cost_extreme_outputs(ctx: CheckContext) -> None:
    """Saturated outputs (a exactly 0 or 1, z = ±40) give finite C, ∇_a C and δ^L, silently,
    in float64 and in float32 (where a clip such as 1 − 1e-12 rounds back to 1)."""
    for dtype in (np.float64, np.float32):
        _extreme_outputs(ctx, np.dtype(dtype))


def _extreme_outputs(ctx: CheckContext, dtype: np.dtype) -> None:
    from neurokit.core.neurons import Sigmoid

    cost = ctx.build()
    y = np.array([[1.0, 0.0], [0.0, 1.0]], dtype=dtype)
    z = np.array([[-40.0, 40.0], [40.0, -40.0]], dtype=dtype)  # confidently wrong
    a = np.array([[0.0, 1.0], [1.0, 0.0]], dtype=dtype)
    for label, function in (
        ("C", lambda: cost.value(a.copy(), y)),
        ("∇_a C", lambda: cost.gradient(a.copy(), y)),
        ("δ^L with sigmoid outputs", lambda: cost.output_error(a.copy(), y, z.copy(), Sigmoid())),
    ):
        what = f"{label} at {dtype.name} a = {fmt(a)}, y = {fmt(y)}"
        got = np.asarray(quietly(ctx, what, function), dtype=np.float64)
        if not np.all(np.isfinite(got)):
            raise ctx.fail(f"{what}: expected finite numbers, got {fmt(got)}")


def check_cost_dtype(ctx: CheckContext) -> None:
    """float32 outputs give float32 ∇_a C and δ^L, so a float32 network stays float32."""
    from neurokit.core.neurons import Sigmoid

    cost = ctx.build()
    a, y, _ = _cost_inputs(np.float32)
    z = np.log(a / (1 - a))  # σ(z) = a
    for label, got in (
        ("∇_a C", cost.gradient(a.copy(), y)),
        ("δ^L", cost.output_error(a.copy(), y, z, Sigmoid())),
    ):
        dtype = np.asarray(got).dtype
        if dtype != np.float32:
            raise ctx.fail(f"{label} of float32 a and y: expected float32, got {dtype.name}")


COST_CHECKS = [
    check_cost_interface,
    check_cost_value_is_mean,
    check_cost_gradient,
    check_cost_output_error,
    check_cost_nonnegative,
    check_cost_zero_at_target,
    check_cost_extreme_outputs,
    check_cost_dtype,
]
