"""The conformance checks: what every neuron, cost, optimizer and data set must satisfy.

Each check is a small function of one component that raises ``CheckFailure`` saying which
check failed, at which inputs, and what was expected versus what came back. ``checks_for``
turns a plugin into the list of ``Check`` objects that apply to it.
"""

from __future__ import annotations

import io
import json
import re
import warnings
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from neurokit.core.components import ComponentType
from neurokit.core.hookspecs import hookimpl
from neurokit.pipeline.registry import COMPONENT_HOOKS, PluginInfo, Registry
from neurokit.testing.model_checks import MODEL_CHECKS, model_example_spec

#: Component names a spec can carry: lower case, digits, '.', '_' and '-'.
NAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]*$")

#: z for the derivative check: a fine grid that never lands on z = 0 (where piecewise
#: neurons such as ReLU have a kink), plus large |z| where saturating neurons go flat.
Z_GRID = np.concatenate(
    [np.linspace(-8.0, 8.0, 161) + 0.0125, [-1000.0, -100.0, -40.0, -20.0, 20, 40, 100, 1000]]
)
#: Inputs far outside the useful range: σ and σ' must stay finite and silent there.
Z_EXTREMES = [0.0, 1e-30, 1.0, 50.0, 800.0, 1e4, 1e10, 1e30]

#: Tolerance of an analytic derivative against a central finite difference.
ATOL, RTOL = 1e-6, 1e-4


class CheckFailure(AssertionError):
    """A component failed one conformance check; the message says where and by how much."""

    def __init__(self, check: str, subject: str, message: str):
        self.check = check
        self.subject = subject
        super().__init__(f"{check} failed for {subject}: {message}")


@dataclass(frozen=True)
class Check:
    """One conformance check bound to one component; call it to run it."""

    name: str
    subject: str
    function: Callable[[], None] = field(repr=False, compare=False)
    id: str = ""

    def __call__(self) -> None:
        self.function()

    def __repr__(self) -> str:
        return f"<Check {self.name} of {self.subject}>"


# --- collecting the checks of a plugin ------------------------------------------------------


class _DescriptorPlugin:
    """Wraps loose descriptors so they register through the hooks like any plugin."""

    def __init__(self, descriptors: Iterable[ComponentType]):
        self.descriptors = list(descriptors)

    def _of(self, kind: str) -> list[ComponentType]:
        return [d for d in self.descriptors if d.kind == kind]

    @hookimpl
    def neurokit_register_neurons(self):
        return self._of("neuron")

    @hookimpl
    def neurokit_register_costs(self):
        return self._of("cost")

    @hookimpl
    def neurokit_register_optimizers(self):
        return self._of("optimizer")

    @hookimpl
    def neurokit_register_datasets(self):
        return self._of("dataset")

    @hookimpl
    def neurokit_register_models(self):
        return self._of("model")


def load_for_checking(plugin: Any) -> tuple[Registry, str]:
    """A registry of the built-ins plus ``plugin``, and the name the plugin is loaded under.

    ``plugin`` is a module (or any object with hook implementations), a module name, a path
    to a ``.py`` file, one descriptor, a list of descriptors, or the name of a built-in
    plugin (``"builtin.neurons"``). Installed plugins are not loaded, so the check sees the
    plugin exactly as written.
    """
    registry = Registry()
    registry.load_builtins()
    before = set(registry.plugins)
    if isinstance(plugin, ComponentType):
        plugin = [plugin]
    if isinstance(plugin, str) and plugin in registry.plugins:
        return registry, plugin  # a built-in by its plugin name, e.g. "builtin.neurons"
    if not isinstance(plugin, str | Path | list | tuple) and registry.pm.get_name(plugin):
        return registry, registry.pm.get_name(plugin)  # a built-in module
    if isinstance(plugin, str | Path):
        registry.load_plugin(str(plugin))
        text = str(plugin)
        name = Path(text).stem if text.endswith(".py") or "/" in text else text
    elif isinstance(plugin, list | tuple):
        name = "checked-components"
        registry.register(_DescriptorPlugin(plugin), PluginInfo(name, "module"))
    else:
        name = getattr(plugin, "__name__", type(plugin).__name__)
        location = getattr(plugin, "__file__", "") or ""
        registry.register(plugin, PluginInfo(name, "module", "", location))
    added = set(registry.plugins) - before
    return registry, (added.pop() if added else name)


def checks_for(
    plugin: Any,
    *,
    params: Mapping[str, Mapping] | None = None,
    exclude: Iterable[str] = (),
) -> list[Check]:
    """Every check that applies to ``plugin``'s components (see ``load_for_checking``).

    ``params`` maps a component name to the params to build it with; without it a component
    is built from its params model's defaults and ``Field(examples=[...])``. ``exclude``
    names checks to leave out, as ``"check"`` or ``"component:check"``.
    """
    registry, plugin_name = load_for_checking(plugin)
    checks = [_plugin_loads_check(registry, plugin_name)]
    for descriptor in registry_descriptors(registry, plugin_name):
        given = (params or {}).get(descriptor.name)
        checks += component_checks(registry, descriptor, given)
    excluded = set(exclude)
    return [c for c in checks if c.name not in excluded and c.id not in excluded]


def registry_descriptors(registry: Registry, plugin_name: str) -> list[ComponentType]:
    """The descriptors ``plugin_name`` registers, duplicates included (they fail a check)."""
    found = []
    for _kind, (hook_name, descriptor_class) in COMPONENT_HOOKS.items():
        for impl in getattr(registry.pm.hook, hook_name).get_hookimpls():
            if impl.plugin_name != plugin_name:
                continue
            try:
                returned = impl.function()
            except Exception:  # noqa: BLE001 - reported by plugin_loads_cleanly
                continue
            for item in returned or []:
                if isinstance(item, descriptor_class):
                    found.append(item)
    return found


def component_checks(
    registry: Registry, descriptor: ComponentType, params: Mapping | None = None
) -> list[Check]:
    """The checks for one registered component: common ones plus those of its kind."""
    subject = f"{descriptor.kind} {descriptor.name!r}"
    functions = list(COMMON_CHECKS) + list(KIND_CHECKS.get(descriptor.kind, ()))
    checks = []
    for function in functions:
        check_name = function.__name__.removeprefix("check_")

        def run(function=function, check_name=check_name):
            context = _Context(registry, descriptor, params, check_name, subject)
            # NumPy warnings are the business of the *_extreme_* checks, which turn them on
            with np.errstate(all="ignore"):
                try:
                    function(context)
                except CheckFailure:
                    raise
                except Exception as exc:  # noqa: BLE001 - a crash is a finding, not a kit bug
                    raise CheckFailure(
                        check_name, subject, f"expected no exception, got {_one_line(exc)}"
                    ) from exc

        checks.append(Check(check_name, subject, run, f"{descriptor.name}:{check_name}"))
    return checks


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _plugin_loads_check(registry: Registry, plugin_name: str) -> Check:
    def run() -> None:
        registry.components("neuron")  # collecting calls every register hook
        mine = [p.message for p in registry.problems if p.plugin == plugin_name]
        if plugin_name not in registry.plugins or mine:
            raise CheckFailure(
                "plugin_loads_cleanly",
                f"plugin {plugin_name!r}",
                "expected no problems, got: " + "; ".join(mine or ["it was not registered"]),
            )

    subject = f"plugin {plugin_name!r}"
    return Check("plugin_loads_cleanly", subject, run, f"{plugin_name}:plugin_loads_cleanly")


@dataclass
class _Context:
    """What a check function works with: the registry, the descriptor, how to build it."""

    registry: Registry
    descriptor: ComponentType
    given_params: Mapping | None
    check: str
    subject: str

    def fail(self, message: str) -> CheckFailure:
        return CheckFailure(self.check, self.subject, message)

    def params(self) -> dict:
        if self.given_params is not None:
            return dict(self.given_params)
        # A model's example spec may set its params (an RBF net trained by gradients): the
        # kit then checks the model the example describes.
        example = getattr(self.descriptor, "example", None) or {}
        section = example.get("model")
        if isinstance(section, dict) and isinstance(section.get("params"), dict):
            return dict(section["params"])
        return example_params(self.descriptor.params, self.fail)

    def build(self):
        try:
            return self.descriptor.build(self.params())
        except CheckFailure:
            raise
        except Exception as exc:  # noqa: BLE001 - any failure to build is this check's finding
            raise self.fail(
                f"building it with params {self.params()} raised {type(exc).__name__}: {exc}"
            ) from exc


def example_params(model: type[BaseModel], fail: Callable[[str], Exception]) -> dict:
    """Params to build a component with: each field's default, else its first example."""
    params = {}
    for key, info in model.model_fields.items():
        if info.default is not PydanticUndefined or info.default_factory is not None:
            continue
        if info.examples:
            params[key] = info.examples[0]
            continue
        raise fail(
            f"param {key!r} has no default and no example, so the kit cannot build the "
            f"component; give it Field(examples=[...]) or pass params={{name: {{...}}}}"
        )
    return params


# --- checks for every component -------------------------------------------------------------


def check_name_is_unique(ctx: _Context) -> None:
    """The name fits in a spec and no other plugin registers the same one."""
    name = ctx.descriptor.name
    if not isinstance(name, str) or not NAME_PATTERN.match(name):
        raise ctx.fail(
            f"expected a name matching {NAME_PATTERN.pattern} (lower case, digits, '.', '_', "
            f"'-'), got {name!r}"
        )
    from neurokit.core.errors import PluginError

    try:
        ctx.registry.get(ctx.descriptor.kind, name)
    except PluginError as exc:
        raise ctx.fail(f"expected a name no other plugin uses, got: {exc}") from None


def check_params_model(ctx: _Context) -> None:
    """The params model is a Pydantic model that exports JSON Schema and forbids unknown keys."""
    model = ctx.descriptor.params
    if not (isinstance(model, type) and issubclass(model, BaseModel)):
        raise ctx.fail(f"expected params to be a pydantic.BaseModel subclass, got {model!r}")
    try:
        schema = json.loads(json.dumps(model.model_json_schema()))
    except Exception as exc:  # noqa: BLE001
        raise ctx.fail(f"expected a JSON Schema, got {type(exc).__name__}: {exc}") from exc
    if schema.get("type") != "object":
        raise ctx.fail(f"expected a JSON Schema of type 'object', got {schema.get('type')!r}")
    if model.model_config.get("extra") != "forbid":
        raise ctx.fail(
            "expected unknown keys to be rejected (a typo in a spec must not be ignored); "
            "set model_config = ConfigDict(extra='forbid'), got "
            f"extra={model.model_config.get('extra', 'ignore')!r}"
        )


def check_spec_round_trip(ctx: _Context) -> None:
    """A spec naming the component passes checking, and survives JSON → Spec → JSON."""
    from neurokit.core.errors import SpecError
    from neurokit.spec import parse_spec

    data = _spec_naming(ctx.descriptor, ctx.params())
    try:
        spec = parse_spec(data, ctx.registry, source="kit-spec")
        again = parse_spec(spec.to_json(), ctx.registry, source="kit-spec")
    except SpecError as exc:
        raise ctx.fail(f"expected the spec {json.dumps(data)} to be valid, got: {exc}") from None
    first, second = spec.model_dump(mode="json"), again.model_dump(mode="json")
    if first != second:
        raise ctx.fail(f"expected {first} after a JSON round trip, got {second}")
    params_model = ctx.descriptor.params
    validated = params_model.model_validate(ctx.params())
    restored = params_model.model_validate_json(validated.model_dump_json())
    if restored != validated:
        raise ctx.fail(f"expected params {validated!r} after a JSON round trip, got {restored!r}")


def _spec_naming(descriptor: ComponentType, params: dict) -> dict:
    component = {"name": descriptor.name, "params": params}
    if descriptor.kind == "model":
        return model_example_spec(descriptor, params)
    data: dict = {
        "schema_version": 1,
        "name": "kit-spec",
        "layers": [{"size": 2}, {"size": 3, "neuron": "sigmoid"}],
    }
    if descriptor.kind == "neuron":
        data["layers"][1]["neuron"] = component
    elif descriptor.kind == "dataset":
        data["data"] = component
    else:
        data[descriptor.kind] = component
    return data


COMMON_CHECKS = [check_name_is_unique, check_params_model, check_spec_round_trip]


# --- neurons --------------------------------------------------------------------------------


def _quietly(ctx: _Context, what: str, function: Callable[[], Any]) -> Any:
    """Run ``function`` and fail if NumPy (or anything) warned."""
    with (
        warnings.catch_warnings(record=True) as caught,
        np.errstate(over="warn", divide="warn", invalid="warn", under="ignore"),
    ):
        warnings.simplefilter("always")
        result = function()
    if caught:
        raise ctx.fail(
            f"{what}: expected no warnings, got {caught[0].category.__name__}: {caught[0].message}"
        )
    return result


def _missing_methods(obj, names: tuple[str, ...]) -> list[str]:
    """The names in ``names`` that ``obj`` has no callable attribute for."""
    return [name for name in names if not callable(getattr(obj, name, None))]


def check_neuron_interface(ctx: _Context) -> None:
    """The factory returns an object with ``sigma`` and ``sigma_prime``."""
    neuron = ctx.build()
    missing = _missing_methods(neuron, ("sigma", "sigma_prime"))
    if missing:
        raise ctx.fail(
            f"expected a Neuron with sigma and sigma_prime, got {neuron!r} "
            f"without {', '.join(missing)}"
        )


def check_neuron_derivative(ctx: _Context) -> None:
    """σ'(z), and σ'(z, a=σ(z)) as backprop calls it, match central finite differences."""
    neuron = ctx.build()
    if not getattr(neuron, "differentiable", True):
        return  # a step function: backprop refuses it, so there is no σ' to check
    z = Z_GRID.copy()
    h = 1e-6 * np.maximum(1.0, np.abs(z))
    # (σ(z + h) − σ(z − h)) / 2h, accurate to O(h²); warnings are extreme_inputs' business
    with np.errstate(all="ignore"):
        expected = (neuron.sigma(z + h) - neuron.sigma(z - h)) / (2 * h)
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
        f"{input_name} = {_fmt(at)}: expected {_fmt(expected[worst])} ({reference}), "
        f"got {_fmt(got[worst])}"
    )


def _fmt(value) -> str:
    array = np.asarray(value)
    if array.ndim == 0:
        return f"{float(array):.6g}"
    return np.array2string(array, precision=6, separator=", ")


def check_neuron_vectorised(ctx: _Context) -> None:
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
                        f"{label} at z = {_fmt(z[index])}: expected {_fmt(one)} (computed alone), "
                        f"got {_fmt(whole[index])} (inside an array of shape {shape})"
                    )


def _on_array(ctx, label, function, z, shape) -> np.ndarray:
    try:
        return np.asarray(function(z.copy()))
    except Exception as exc:  # noqa: BLE001
        raise ctx.fail(
            f"{label} on an array of shape {shape}: expected an array, got {_one_line(exc)}"
        ) from exc


def check_neuron_dtype(ctx: _Context) -> None:
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


def check_neuron_extreme_inputs(ctx: _Context) -> None:
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
            got = np.asarray(_quietly(ctx, what, function), dtype=np.float64)
            bad = ~np.isfinite(got)
            if bad.any():
                i = int(np.argmax(bad))
                raise ctx.fail(
                    f"{label} at z = {_fmt(z[i])} ({np.dtype(dtype).name}): "
                    f"expected a finite number, got {_fmt(got[i])}"
                )


def check_neuron_leaves_inputs_unchanged(ctx: _Context) -> None:
    """σ and σ' must not write into z or a: backprop still needs them afterwards."""
    neuron = ctx.build()
    z = np.linspace(-3, 3, 13)
    original = z.copy()
    a = neuron.sigma(z)
    if not np.array_equal(z, original):
        raise ctx.fail(f"σ(z) changed its input: expected z = {_fmt(original)}, got {_fmt(z)}")
    if not getattr(neuron, "differentiable", True):
        return
    a = np.array(a, dtype=np.float64)
    a_before = a.copy()
    neuron.sigma_prime(z, a)
    if not np.array_equal(z, original) or not np.array_equal(a, a_before):
        raise ctx.fail(
            f"σ'(z, a) changed its inputs: expected z = {_fmt(original)} and "
            f"a = {_fmt(a_before)}, got z = {_fmt(z)} and a = {_fmt(a)}"
        )


NEURON_CHECKS = [
    check_neuron_interface,
    check_neuron_derivative,
    check_neuron_vectorised,
    check_neuron_dtype,
    check_neuron_extreme_inputs,
    check_neuron_leaves_inputs_unchanged,
]


# --- costs ----------------------------------------------------------------------------------


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


def check_cost_interface(ctx: _Context) -> None:
    """The factory returns an object with ``value``, ``gradient`` and ``output_error``."""
    cost = ctx.build()
    missing = _missing_methods(cost, ("value", "gradient", "output_error"))
    if missing:
        raise ctx.fail(
            f"expected a Cost with value, gradient and output_error, got {cost!r} "
            f"without {', '.join(missing)}"
        )


def check_cost_value_is_mean(ctx: _Context) -> None:
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
            f"value(a, y) at a = {_fmt(a)}, y = {_fmt(y)}: expected "
            f"{_fmt(expected)} (mean of the rows' costs {_fmt(per_row)}), "
            f"got {_fmt(total)}"
        )


def check_cost_gradient(ctx: _Context) -> None:
    """``gradient`` is ∇_a C_x per row: n × the finite difference of the mean C."""
    cost = ctx.build()
    a, one_hot, soft = _cost_inputs()
    n = a.shape[0]
    for y in (one_hot, soft):
        expected = np.zeros_like(a)
        h = 1e-6
        for index in np.ndindex(*a.shape):
            up, down = a.copy(), a.copy()
            up[index] += h
            down[index] -= h
            expected[index] = n * (cost.value(up, y) - cost.value(down, y)) / (2 * h)
        got = np.asarray(cost.gradient(a.copy(), y.copy()), dtype=np.float64)
        if got.shape != a.shape:
            raise ctx.fail(
                f"gradient(a, y) of shape {a.shape}: expected that shape, got {got.shape}"
            )
        _compare_rows(ctx, "∇_a C", a, y, expected, got)


def check_cost_output_error(ctx: _Context) -> None:
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
            h = 1e-6
            for index in np.ndindex(*z.shape):
                up, down = z.copy(), z.copy()
                up[index] += h
                down[index] -= h
                c_up, c_down = cost.value(neuron.sigma(up), y), cost.value(neuron.sigma(down), y)
                expected[index] = n * (c_up - c_down) / (2 * h)
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
        f"{col}: {input_name} = {_fmt(inputs[row])}, y = {_fmt(y[row])}: expected "
        f"{_fmt(expected[row, col])} (central finite difference), got {_fmt(got[row, col])}"
    )


def check_cost_nonnegative(ctx: _Context) -> None:
    """C ≥ 0 for outputs in (0, 1), with one-hot and with soft targets."""
    cost = ctx.build()
    rng = np.random.default_rng(3)
    for _ in range(20):
        a = rng.uniform(0.001, 0.999, size=(4, 3))
        for y in (np.eye(3)[rng.integers(0, 3, size=4)], rng.uniform(0, 1, size=(4, 3))):
            value = float(cost.value(a, y))
            if not value >= 0:
                raise ctx.fail(
                    f"C at a = {_fmt(a)}, y = {_fmt(y)}: expected ≥ 0, got {_fmt(value)}"
                )


def check_cost_zero_at_target(ctx: _Context) -> None:
    """C = 0 when the output is exactly the one-hot target (a = y)."""
    cost = ctx.build()
    _, y, _ = _cost_inputs()
    value = float(cost.value(y.copy(), y))
    if not abs(value) <= 1e-8:
        raise ctx.fail(f"C at a = y = {_fmt(y)}: expected 0, got {_fmt(value)}")


def check_cost_extreme_outputs(ctx: _Context) -> None:
    """Saturated outputs (a exactly 0 or 1, z = ±40) give finite C, ∇_a C and δ^L, silently."""
    from neurokit.core.neurons import Sigmoid

    cost = ctx.build()
    y = np.array([[1.0, 0.0], [0.0, 1.0]])
    z = np.array([[-40.0, 40.0], [40.0, -40.0]])  # confidently wrong
    a = np.array([[0.0, 1.0], [1.0, 0.0]])
    for label, function in (
        ("C", lambda: cost.value(a.copy(), y)),
        ("∇_a C", lambda: cost.gradient(a.copy(), y)),
        ("δ^L with sigmoid outputs", lambda: cost.output_error(a.copy(), y, z.copy(), Sigmoid())),
    ):
        what = f"{label} at a = {_fmt(a)}, y = {_fmt(y)}"
        got = np.asarray(_quietly(ctx, what, function), dtype=np.float64)
        if not np.all(np.isfinite(got)):
            raise ctx.fail(f"{what}: expected finite numbers, got {_fmt(got)}")


def check_cost_dtype(ctx: _Context) -> None:
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


# --- optimizers -----------------------------------------------------------------------------


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


def check_optimizer_interface(ctx: _Context) -> None:
    """The factory returns an object with ``gradient_scale``, ``step`` and the state methods."""
    optimizer = ctx.build()
    missing = _missing_methods(optimizer, ("step", "state_dict", "load_state_dict"))
    scale = getattr(optimizer, "gradient_scale", None)
    if missing or not isinstance(scale, int | float | np.floating):
        raise ctx.fail(
            f"expected an Optimizer with a numeric gradient_scale, step, state_dict "
            f"and load_state_dict, got {optimizer!r} (gradient_scale={scale!r}, "
            f"missing: {', '.join(missing) or 'none'})"
        )


def check_optimizer_descends(ctx: _Context) -> None:
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


def check_optimizer_updates_in_place(ctx: _Context) -> None:
    """``step`` changes the arrays it is given (the network's own), in their dtype."""
    for dtype in (np.float64, np.float32):
        problem, optimizer = _Quadratic(1e-3, dtype), ctx.build()
        params = problem.params()
        held = list(params)  # the network keeps references to exactly these arrays
        before = [p.copy() for p in params]
        grads = problem.grads(params, optimizer.gradient_scale)
        _quietly(
            ctx,
            f"step on {np.dtype(dtype).name} parameters",
            lambda params=params, grads=grads, optimizer=optimizer: optimizer.step(params, grads),
        )
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


def check_optimizer_state_resumes(ctx: _Context) -> None:
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


# --- data sets ------------------------------------------------------------------------------


def check_dataset_loads(ctx: _Context) -> None:
    """``load`` returns a Dataset with a train split; x, y are 2-D, finite, in the asked dtype."""
    from neurokit.core.datasets import Dataset

    for dtype in ("float32", "float64"):
        try:
            dataset = ctx.descriptor.load(ctx.params(), dtype=dtype)
        except CheckFailure:
            raise
        except Exception as exc:  # noqa: BLE001
            raise ctx.fail(f"load(dtype={dtype!r}) raised {type(exc).__name__}: {exc}") from exc
        if not isinstance(dataset, Dataset) or "train" not in dataset.splits:
            raise ctx.fail(
                f"load(dtype={dtype!r}): expected a Dataset with a 'train' split, got {dataset!r}"
            )
        for split_name, split in dataset.splits.items():
            for part in ("x", "y"):
                array = getattr(split, part)
                where = f"load(dtype={dtype!r}).splits[{split_name!r}].{part}"
                if array.ndim != 2 or array.dtype != np.dtype(dtype) or len(array) == 0:
                    raise ctx.fail(
                        f"{where}: expected a non-empty 2-D {dtype} array, got "
                        f"shape {array.shape} {array.dtype.name}"
                    )
                if not np.all(np.isfinite(array)):
                    raise ctx.fail(f"{where}: expected finite numbers, got NaN or infinity")
            if split.x.shape[1] != dataset.n_inputs or split.y.shape[1] != dataset.n_outputs:
                raise ctx.fail(
                    f"split {split_name!r}: expected {dataset.n_inputs} inputs and "
                    f"{dataset.n_outputs} outputs like 'train', got "
                    f"{split.x.shape[1]} and {split.y.shape[1]}"
                )


DATASET_CHECKS = [check_dataset_loads]
KIND_CHECKS: dict[str, list[Callable[[_Context], None]]] = {
    "model": MODEL_CHECKS,
    "neuron": NEURON_CHECKS,
    "cost": COST_CHECKS,
    "optimizer": OPTIMIZER_CHECKS,
    "dataset": DATASET_CHECKS,
}
