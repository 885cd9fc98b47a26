"""The checks of an optimizer: it descends a convex quadratic, updates the given arrays in
place, and resumes bit-identically from its saved state."""

from __future__ import annotations

import io

import numpy as np

from neurokit.testing.checks.base import CheckContext, missing_methods, quietly


class _Quadratic:
    """f(θ) = ½ Σ κ c_i (θ_i − θ*_i)², convex, over a weight matrix and a bias vector."""

    def __init__(self, curvature: float, dtype=np.float64):
        rng = np.random.default_rng(4)
        shapes = [(3, 2), (3,)]
        self.c = [curvature * rng.uniform(0.5, 1.0, s).astype(dtype) for s in shapes]
        self.target = [rng.normal(size=s).astype(dtype) for s in shapes]
        self.start = [rng.normal(size=s).astype(dtype) + 1.0 for s in shapes]

    def params(self) -> list[np.ndarray]:
        return [p.copy() for p in self.start]

    def value(self, params) -> float:
        return float(
            sum(
                (0.5 * c * (p - t) ** 2).sum()
                for c, p, t in zip(self.c, params, self.target, strict=True)
            )
        )

    def grads(self, params, scale: float) -> list[np.ndarray]:
        # what backprop hands an optimizer: gradient_scale × ∇f
        return [scale * c * (p - t) for c, p, t in zip(self.c, params, self.target, strict=True)]


def _steps(optimizer, problem: _Quadratic, params, count: int) -> None:
    for _ in range(count):
        optimizer.step(params, problem.grads(params, optimizer.gradient_scale))


def check_optimizer_interface(ctx: CheckContext) -> None:
    """The factory returns an object with ``gradient_scale``, ``step`` and the state methods."""
    optimizer = ctx.build()
    missing = missing_methods(optimizer, ("step", "state_dict", "load_state_dict"))
    scale = getattr(optimizer, "gradient_scale", None)
    if missing or not isinstance(scale, int | float | np.floating):
        raise ctx.fail(
            f"expected an Optimizer with a numeric gradient_scale, step, state_dict "
            f"and load_state_dict, got {optimizer!r} (gradient_scale={scale!r}, "
            f"missing: {', '.join(missing) or 'none'})"
        )


def check_optimizer_descends(ctx: CheckContext) -> None:
    """On a convex quadratic, one step lowers f and 50 steps lower it further."""
    attempts = []
    # The step size is the component's own; some gentle enough curvature must suit it.
    for curvature in (1.0, 1e-1, 1e-2, 1e-3, 1e-4, 1e-5):
        problem, optimizer = _Quadratic(curvature), ctx.build()
        params = problem.params()
        start = problem.value(params)
        _steps(optimizer, problem, params, 1)
        after_one = problem.value(params)
        _steps(optimizer, problem, params, 49)
        after_fifty = problem.value(params)
        if after_one < start and after_fifty < after_one:
            return
        attempts.append(f"κ={curvature:g}: {start:.6g} → {after_one:.6g} → {after_fifty:.6g}")
    raise ctx.fail(
        "on f(θ) = ½ Σ κ c_i (θ_i − θ*_i)², expected f to drop after 1 step and drop further "
        "after 50, for some curvature κ; got f(start) → f(1 step) → f(50 steps): "
        + "; ".join(attempts)
    )


def check_optimizer_updates_in_place(ctx: CheckContext) -> None:
    """``step`` changes the arrays it is given (the network's own), in their dtype."""
    for dtype in (np.float64, np.float32):
        problem, optimizer = _Quadratic(1e-3, dtype), ctx.build()
        params = problem.params()
        held = list(params)  # the network keeps references to exactly these arrays
        before = [p.copy() for p in params]
        grads = problem.grads(params, optimizer.gradient_scale)

        def step(params=params, grads=grads, optimizer=optimizer) -> None:
            optimizer.step(params, grads)

        quietly(ctx, f"step on {np.dtype(dtype).name} parameters", step)
        if all(np.array_equal(h, b) for h, b in zip(held, before, strict=True)):
            raise ctx.fail(
                f"step on {np.dtype(dtype).name} parameters: expected the given "
                "arrays to change in place, got them unchanged (was a new list or "
                "new arrays made instead?)"
            )
        if any(h.dtype != dtype for h in held) or any(
            p is not h for p, h in zip(params, held, strict=True)
        ):
            raise ctx.fail(
                "step: expected the same arrays in the same dtype, got "
                f"{[(type(p).__name__, p.dtype.name) for p in params]}"
            )


def check_optimizer_state_resumes(ctx: CheckContext) -> None:
    """state_dict → npz → load_state_dict into a fresh optimizer continues bit-identically."""
    problem = _Quadratic(1e-2)
    first = ctx.build()
    fresh = ctx.build()
    try:
        fresh.load_state_dict(fresh.state_dict())  # loading an untouched state must work
    except Exception as exc:  # noqa: BLE001
        raise ctx.fail(
            f"load_state_dict(state_dict()) before any step raised {type(exc).__name__}: {exc}"
        ) from exc
    params = problem.params()
    _steps(first, problem, params, 3)
    state = first.state_dict()
    wrong = {
        k: type(v).__name__
        for k, v in state.items()
        if not isinstance(k, str) or not isinstance(v, np.ndarray)
    }
    if wrong:
        raise ctx.fail(
            f"state_dict(): expected str keys and NumPy arrays (they are saved "
            f"in model.npz), got {wrong}"
        )
    buffer = io.BytesIO()
    np.savez(buffer, **state)
    buffer.seek(0)
    with np.load(buffer) as saved:
        fresh.load_state_dict({key: saved[key] for key in saved.files})
    resumed = [p.copy() for p in params]
    _steps(first, problem, params, 3)
    _steps(fresh, problem, resumed, 3)
    for i, (expected, got) in enumerate(zip(params, resumed, strict=True)):
        if not np.array_equal(expected, got):
            index = np.unravel_index(np.argmax(expected != got), expected.shape)
            raise ctx.fail(
                f"after 3 steps, state_dict() keys {sorted(state)} loaded into a fresh "
                f"optimizer, then 3 more steps: parameter {i} at {tuple(map(int, index))}: "
                f"expected {expected[index]!r} (never interrupted), got {got[index]!r} (resumed)"
            )


OPTIMIZER_CHECKS = [
    check_optimizer_interface,
    check_optimizer_descends,
    check_optimizer_updates_in_place,
    check_optimizer_state_resumes,
]
