"""The checks of a neuron: σ and σ' against finite differences, on arrays of any shape, in
float32 and float64, at extreme inputs, without touching their inputs."""

from __future__ import annotations

import numpy as np

from neurokit.core import numeric
from neurokit.testing.checks.base import (
    ATOL,
    RTOL,
    CheckContext,
    fmt,
    missing_methods,
    one_line,
    quietly,
)

#: z for the derivative check: a fine grid that never lands on z = 0 (where piecewise
#: neurons such as ReLU have a kink), plus large |z| where saturating neurons go flat.
Z_GRID = np.concatenate(
    [np.linspace(-8.0, 8.0, 161) + 0.0125, [-1000.0, -100.0, -40.0, -20.0, 20, 40, 100, 1000]]
)


#: Inputs far outside the useful range: σ and σ' must stay finite and silent there.
Z_EXTREMES = [0.0, 1e-30, 1.0, 50.0, 800.0, 1e4, 1e10, 1e30]


def check_neuron_interface(ctx: CheckContext) -> None:
    """The factory returns an object with ``sigma`` and ``sigma_prime``."""
    neuron = ctx.build()
    missing = missing_methods(neuron, ("sigma", "sigma_prime"))
    if missing:
        raise ctx.fail(
            f"expected a Neuron with sigma and sigma_prime, got {neuron!r} "
            f"without {', '.join(missing)}"
        )


def check_neuron_derivative(ctx: CheckContext) -> None:
    """σ'(z), and σ'(z, a=σ(z)) as backprop calls it, match central finite differences."""
    neuron = ctx.build()
    if not getattr(neuron, "differentiable", True):
        return  # a step function: backprop refuses it, so there is no σ' to check
    z = Z_GRID.copy()
    h = 1e-6 * np.maximum(1.0, np.abs(z))
    # (σ(z + h) − σ(z − h)) / 2h, accurate to O(h²); warnings are extreme_inputs' business
    with np.errstate(all="ignore"):
        expected = numeric.difference(neuron.sigma, z, h)
    for label, got in (
        ("σ'(z)", neuron.sigma_prime(z.copy())),
        ("σ'(z, a=σ(z))", neuron.sigma_prime(z.copy(), neuron.sigma(z.copy()))),
    ):
        got = np.asarray(got, dtype=np.float64)
        if got.shape != z.shape:
            raise ctx.fail(
                f"{label} on {z.shape[0]} points: expected shape {z.shape}, got {got.shape}"
            )
        _compare(ctx, label, "z", z, expected, got, "central finite difference")


def _compare(ctx, label, input_name, inputs, expected, got, reference) -> None:
    error = np.abs(got - expected)
    allowed = ATOL + RTOL * np.abs(expected)
    bad = ~(error <= allowed)  # NaN counts as bad
    if not bad.any():
        return
    excess = np.where(bad, np.nan_to_num(error / allowed, nan=np.inf), 0.0)
    worst = np.unravel_index(np.argmax(excess), excess.shape)
    at = np.asarray(inputs)[worst] if np.ndim(inputs) else inputs
    raise ctx.fail(
        f"{label} wrong at {int(bad.sum())} of {bad.size} points; worst at "
        f"{input_name} = {fmt(at)}: expected {fmt(expected[worst])} ({reference}), "
        f"got {fmt(got[worst])}"
    )


def check_neuron_vectorised(ctx: CheckContext) -> None:
    """σ and σ' give on an array of any shape what they give element by element."""
    neuron = ctx.build()
    functions = [("σ", neuron.sigma)]
    if getattr(neuron, "differentiable", True):
        functions += [
            ("σ'", neuron.sigma_prime),
            ("σ'(z, a=σ(z))", lambda z: neuron.sigma_prime(z, neuron.sigma(z))),
        ]
    rng = np.random.default_rng(0)
    for shape in [(), (1,), (7,), (3, 4), (2, 3, 4), (0, 3)]:
        z = rng.normal(scale=4.0, size=shape)
        for label, function in functions:
            whole = _on_array(ctx, label, function, z, shape)
            if whole.shape != shape:
                raise ctx.fail(
                    f"{label} on an array of shape {shape}: expected the same shape, "
                    f"got {whole.shape}"
                )
            for index in np.ndindex(*shape):
                one = _on_array(ctx, label, function, np.array([z[index]]), (1,))
                if one.shape != (1,) or not np.allclose(
                    one[0], whole[index], rtol=1e-12, atol=0, equal_nan=True
                ):
                    raise ctx.fail(
                        f"{label} at z = {fmt(z[index])}: expected {fmt(one)} (computed alone), "
                        f"got {fmt(whole[index])} (inside an array of shape {shape})"
                    )


def _on_array(ctx, label, function, z, shape) -> np.ndarray:
    try:
        return np.asarray(function(z.copy()))
    except Exception as exc:  # noqa: BLE001
        raise ctx.fail(
            f"{label} on an array of shape {shape}: expected an array, got {one_line(exc)}"
        ) from exc


def check_neuron_dtype(ctx: CheckContext) -> None:
    """float32 in gives float32 out (and float64 gives float64), for σ and σ'."""
    neuron = ctx.build()
    for dtype in (np.float32, np.float64):
        z = Z_GRID[:20].astype(dtype)
        results = [("σ", lambda z=z: neuron.sigma(z.copy()))]
        if getattr(neuron, "differentiable", True):
            results += [
                ("σ'", lambda z=z: neuron.sigma_prime(z.copy())),
                ("σ'(z, a=σ(z))", lambda z=z: neuron.sigma_prime(z.copy(), neuron.sigma(z.copy()))),
            ]
        for label, function in results:
            got = np.asarray(function()).dtype
            if got != dtype:
                raise ctx.fail(
                    f"{label} of a {np.dtype(dtype).name} array: expected "
                    f"{np.dtype(dtype).name}, got {got.name}"
                )


def check_neuron_extreme_inputs(ctx: CheckContext) -> None:
    """No NaN, no infinity and no warning from σ or σ' at huge |z|, in float32 and float64."""
    neuron = ctx.build()
    for dtype in (np.float32, np.float64):
        biggest = float(np.finfo(dtype).max)
        values = [v for v in Z_EXTREMES if v <= biggest] + [biggest]
        z = np.array(values + [-v for v in values], dtype=dtype)
        calls = [("σ", lambda z=z: neuron.sigma(z.copy()))]
        if getattr(neuron, "differentiable", True):
            calls += [
                ("σ'", lambda z=z: neuron.sigma_prime(z.copy())),
                ("σ'(z, a=σ(z))", lambda z=z: neuron.sigma_prime(z.copy(), neuron.sigma(z.copy()))),
            ]
        for label, function in calls:
            what = f"{label} at extreme {np.dtype(dtype).name} inputs"
            got = np.asarray(quietly(ctx, what, function), dtype=np.float64)
            bad = ~np.isfinite(got)
            if bad.any():
                i = int(np.argmax(bad))
                raise ctx.fail(
                    f"{label} at z = {fmt(z[i])} ({np.dtype(dtype).name}): "
                    f"expected a finite number, got {fmt(got[i])}"
                )


def check_neuron_leaves_inputs_unchanged(ctx: CheckContext) -> None:
    """σ and σ' must not write into z or a: backprop still needs them afterwards."""
    neuron = ctx.build()
    z = np.linspace(-3, 3, 13)
    original = z.copy()
    a = neuron.sigma(z)
    if not np.array_equal(z, original):
        raise ctx.fail(f"σ(z) changed its input: expected z = {fmt(original)}, got {fmt(z)}")
    if not getattr(neuron, "differentiable", True):
        return
    a = np.array(a, dtype=np.float64)
    a_before = a.copy()
    neuron.sigma_prime(z, a)
    if not np.array_equal(z, original) or not np.array_equal(a, a_before):
        raise ctx.fail(
            f"σ'(z, a) changed its inputs: expected z = {fmt(original)} and "
            f"a = {fmt(a_before)}, got z = {fmt(z)} and a = {fmt(a)}"
        )


NEURON_CHECKS = [
    check_neuron_interface,
    check_neuron_derivative,
    check_neuron_vectorised,
    check_neuron_dtype,
    check_neuron_extreme_inputs,
    check_neuron_leaves_inputs_unchanged,
]
