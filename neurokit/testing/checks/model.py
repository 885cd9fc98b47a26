"""The conformance kit's checks for a model: what every family of network must do to live in
neurokit's training loop, run directories and commands.

Each check builds the model from its descriptor's ``example`` spec (a small complete spec with
its data) and asserts one promise of the ``Model`` interface: named float arrays, outputs of
the right shape, the same model for the same seed, a ``model.npz`` that loads back exactly,
training that is bit-identical for a seed, and — for a model that learns by gradients —
gradients that agree with central finite differences.
"""

from __future__ import annotations

import copy
import tempfile
from pathlib import Path

import numpy as np

from neurokit.core import numeric
from neurokit.core.sequences import as_rows

#: Central-difference step and the largest relative error the gradient check accepts.
EPSILON = 1e-6
TOLERANCE = 1e-5
#: Entries of each parameter array the gradient check samples.
ENTRIES_PER_ARRAY = 6


def model_example_spec(descriptor, params: dict | None = None) -> dict:
    """The descriptor's example spec (a deep copy), with ``params`` as the model's params."""
    if descriptor.example is None:
        return {"schema_version": 1, "name": "kit-spec", "model": {"name": descriptor.name}}
    spec = copy.deepcopy(descriptor.example)
    spec["model"] = {"name": descriptor.name, "params": dict(params or {})}
    return spec


def _spec(ctx, **training):
    from neurokit.spec import parse_spec

    if ctx.descriptor.example is None:
        raise ctx.fail(
            "expected an example spec (ModelType(..., example={...})): a small complete spec, "
            "data included, that the kit can build, train and reload"
        )
    data = model_example_spec(ctx.descriptor, ctx.params())
    if training:
        data.setdefault("training", {}).update(training)
    return parse_spec(data, ctx.registry, source="kit-spec")


def _build(ctx, spec, seed: int | None = None):
    from neurokit.pipeline.builder import build_model

    rng = None if seed is None else np.random.default_rng(seed)
    return build_model(spec, ctx.registry, rng=rng)


def _data(ctx, spec):
    from neurokit.pipeline.builder import load_dataset

    return load_dataset(spec, ctx.registry).train


def check_model_interface(ctx) -> None:
    """Named float parameter arrays in the model's dtype; ``predict`` gives one finite row of
    ``n_outputs`` per example; the example data fit ``n_inputs``."""
    spec = _spec(ctx)
    model = _build(ctx, spec)
    named = model.named_parameters()
    if not isinstance(named, dict) or not named:
        raise ctx.fail(f"expected named_parameters() to be a non-empty dict, got {named!r}")
    for name, array in named.items():
        if not (isinstance(name, str) and name.isidentifier()):
            raise ctx.fail(f"expected parameter names that are identifiers, got {name!r}")
        if not isinstance(array, np.ndarray) or array.dtype != model.dtype:
            got = getattr(array, "dtype", type(array).__name__)
            raise ctx.fail(f"parameter {name!r}: expected a {model.dtype} array, got {got}")
    if list(model.arrays()) != list(dict.fromkeys(model.arrays())):
        raise ctx.fail("expected arrays() to name each array once")
    train = _data(ctx, spec)
    if train.x.shape[-1] != model.n_inputs:
        raise ctx.fail(f"expected n_inputs {train.x.shape[-1]}, got {model.n_inputs}")
    outputs = model.predict(train.x[:3])
    # One row per example, or per (sequence, step) when the targets are per step.
    expected = train.y[:3].shape
    if outputs.shape != expected or expected[-1] != model.n_outputs:
        raise ctx.fail(f"predict on 3 examples: expected shape {expected}, got {outputs.shape}")
    if not np.all(np.isfinite(outputs)):
        raise ctx.fail("predict: expected finite outputs, got NaN or infinity")


def check_model_is_seeded(ctx) -> None:
    """The same seed builds the same model, array for array."""
    spec = _spec(ctx)
    first, second = _build(ctx, spec, seed=7), _build(ctx, spec, seed=7)
    for name, array in first.arrays().items():
        if not np.array_equal(array, second.arrays()[name]):
            raise ctx.fail(f"two builds with seed 7 differ in {name!r}")


def check_model_save_load(ctx) -> None:
    """``model.npz`` holds plain arrays and loads back into a fresh model exactly."""
    from neurokit.pipeline import runs

    spec = _spec(ctx)
    saved, fresh = _build(ctx, spec, seed=1), _build(ctx, spec, seed=2)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / runs.MODEL_FILE
        runs.save_model(path, saved)
        with np.load(path, allow_pickle=False) as archive:
            kinds = {name: archive[name].dtype.kind for name in archive.files}
        if "O" in kinds.values():
            raise ctx.fail("model.npz holds an object (pickled) array")
        runs.load_model_into(path, fresh)
    for name, array in saved.arrays().items():
        if not np.array_equal(array, fresh.arrays()[name]):
            raise ctx.fail(f"{name!r} differs after saving and loading")
    x = _data(ctx, spec).x[:3]
    if not np.array_equal(saved.predict(x), fresh.predict(x)):
        raise ctx.fail("predictions differ after saving and loading")


def check_model_trains_reproducibly(ctx) -> None:
    """Two epochs through neurokit's training loop change the model, and give bit-identical
    arrays when run twice with the same seed."""
    from neurokit.pipeline.training import prepare, train

    spec = _spec(ctx, epochs=2)
    results = []
    for _ in range(2):
        run = prepare(spec, ctx.registry)
        initial = {k: v.copy() for k, v in run.model.named_parameters().items()}
        train(run)
        results.append(run.model.arrays())
    if all(np.array_equal(initial[k], results[0][k]) for k in initial):
        raise ctx.fail("two epochs of training left every parameter unchanged")
    for name, array in results[0].items():
        if not np.array_equal(array, results[1][name]):
            raise ctx.fail(f"two trainings with one seed differ in {name!r}")


def check_model_gradients(ctx) -> None:
    """For a model that learns by gradients: ``gradients`` agrees with central finite
    differences of the mean cost, on sampled entries of every parameter array (float64)."""
    from neurokit.pipeline.builder import build_cost

    spec = _spec(ctx, dtype="float64")
    model = _build(ctx, spec)
    if model.learning != "gradient":
        return
    cost = build_cost(spec, ctx.registry) or ctx.registry.get("cost", "quadratic").build()
    train = _data(ctx, spec)
    x, y = train.x[:4], train.y[:4]
    gradients = model.gradients(x, y, cost, 1.0)
    rng = np.random.default_rng(0)
    for (name, param), grad in zip(model.named_parameters().items(), gradients, strict=True):
        if grad.shape != param.shape:
            raise ctx.fail(f"gradient of {name!r}: shape {grad.shape}, expected {param.shape}")
        flat = rng.choice(param.size, min(ENTRIES_PER_ARRAY, param.size), replace=False)
        for k in flat:
            index = np.unravel_index(k, param.shape)
            by_difference = numeric.partial(
                lambda: cost.value(as_rows(model.predict(x)), as_rows(y)), param, index, EPSILON
            )
            scale = max(abs(by_difference), abs(grad[index]), 1e-7)
            if abs(grad[index] - by_difference) / scale > TOLERANCE:
                raise ctx.fail(
                    f"∂C/∂{name}{list(map(int, index))}: gradients() gives {grad[index]:.8g}, "
                    f"finite differences {by_difference:.8g}"
                )


MODEL_CHECKS = [
    check_model_interface,
    check_model_is_seeded,
    check_model_save_load,
    check_model_trains_reproducibly,
    check_model_gradients,
]
