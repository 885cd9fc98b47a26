"""The conformance kit: the built-ins pass it, and each kind of mistake fails the right check
with a message naming the check, the inputs, and expected versus got."""

from __future__ import annotations

import textwrap

import numpy as np
import pytest
from pydantic import BaseModel, ConfigDict, Field

from neurokit.builtins.costs import Quadratic
from neurokit.builtins.optimizers import SGD
from neurokit.core.components import (
    Cost,
    CostType,
    Neuron,
    NeuronType,
    NoParams,
    Optimizer,
    OptimizerType,
)
from neurokit.testing import CheckFailure, check_plugin, checks_for, parametrize_with_checks

pytest_plugins = ["pytester"]

BUILTIN_PARAMS = {
    "sgd": {"eta": 3.0},
    "inline": {"train": {"x": [[0, 0], [1, 1]], "y": [[0], [1]]}},
}
# The IDX data sets need downloaded files; their loading is tested in test_locate.py.
NEEDS_FILES = ["mnist:dataset_loads", "fashion-mnist:dataset_loads"]


def _builtin_checks():
    names = ["builtin.neurons", "builtin.costs", "builtin.optimizers"]
    names += ["builtin.inline_data", "builtin.mnist_data"]
    return [
        check
        for name in names
        for check in checks_for(name, params=BUILTIN_PARAMS, exclude=NEEDS_FILES)
    ]


@pytest.mark.parametrize("check", _builtin_checks(), ids=lambda check: check.id)
def test_builtins_pass_every_check(check):
    check()


def test_builtins_get_the_checks_of_their_kind():
    ids = {check.id for check in _builtin_checks()}
    assert {
        "sigmoid:neuron_derivative",
        "linear:neuron_dtype",
        "perceptron:neuron_vectorised",
    } <= ids
    assert {"quadratic:cost_output_error", "sgd:optimizer_state_resumes"} <= ids
    assert {"inline:dataset_loads", "mnist-sample:dataset_loads"} <= ids


# --- a deliberately wrong neuron -------------------------------------------------------------


class DoubledTanh(Neuron):
    """tanh with a derivative off by a factor of 2: the classic forgotten-constant bug."""

    name = "doubled-tanh"

    def sigma(self, z):
        return np.tanh(z)

    def sigma_prime(self, z, a=None):
        return 2.0 * (1.0 - np.tanh(z) ** 2)


def neuron_type(cls, name=None, params=NoParams):
    return NeuronType(name or cls.name, lambda p: cls(), params)


def failures(component, **kwargs) -> dict[str, str]:
    return {failure.check: str(failure) for failure in check_plugin(component, **kwargs)}


def test_a_derivative_off_by_a_factor_fails_naming_check_inputs_expected_and_got():
    found = failures(neuron_type(DoubledTanh))
    assert list(found) == ["neuron_derivative"]
    message = found["neuron_derivative"]
    # at z = 0.0125, tanh'(z) = 1 − tanh²(0.0125) = 0.999844
    assert message == (
        "neuron_derivative failed for neuron 'doubled-tanh': σ'(z) wrong at 152 of 169 "
        "points; worst at z = 0.0125: expected 0.999844 (central finite difference), "
        "got 1.99969"
    )


def test_the_wrong_neuron_fails_as_a_pytest_test_with_that_message(pytester):
    pytester.makepyfile(
        wrong_neuron=textwrap.dedent(
            """
            import numpy as np
            from neurokit import hookimpl
            from neurokit.core.components import Neuron, NeuronType

            class Doubled(Neuron):
                def sigma(self, z):
                    return np.tanh(z)
                def sigma_prime(self, z, a=None):
                    return 2 * (1 - np.tanh(z) ** 2)

            @hookimpl
            def neurokit_register_neurons():
                return [NeuronType("doubled", lambda params: Doubled())]
            """
        ),
        test_wrong_neuron=(
            "from neurokit.testing import conformance_test\n\n"
            'test_conformance = conformance_test("wrong_neuron")\n'
        ),
    )
    pytester.syspathinsert()
    result = pytester.runpytest_inprocess("-q", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=9, failed=1)
    result.stdout.fnmatch_lines(
        [
            "*test_conformance?doubled:neuron_derivative?*",
            "*neuron_derivative failed for neuron 'doubled': σ'(z) wrong at * points; worst at "
            "z = 0.0125: expected 0.999844 (central finite difference), got 1.99969*",
        ]
    )


# --- each kind of mistake fails the check made for it ----------------------------------------


class NaiveSigmoid(Neuron):
    def sigma(self, z):
        return 1.0 / (1.0 + np.exp(-z))  # e^{1000} overflows

    def sigma_prime(self, z, a=None):
        s = self.sigma(z)
        return s * (1 - s)


class UpcastingLinear(Neuron):
    def sigma(self, z):
        return np.asarray(z, dtype=np.float64)

    def sigma_prime(self, z, a=None):
        return np.ones(np.shape(z))


class Normalised(Neuron):
    """Depends on the whole array, not on each element: not an elementwise σ."""

    def sigma(self, z):
        return z / (1.0 + np.abs(z).max(initial=0.0))

    def sigma_prime(self, z, a=None):
        return np.ones_like(z) / (1.0 + np.abs(z).max(initial=0.0))


class InPlaceTanh(Neuron):
    def sigma(self, z):
        return np.tanh(z, out=z)  # overwrites z^l, which backprop still needs

    def sigma_prime(self, z, a=None):
        return 1 - np.tanh(z) ** 2


class ScalarOnly(Neuron):
    """Written with the math module: works on one number, not on an array."""

    def sigma(self, z):
        import math

        return math.tanh(z)

    def sigma_prime(self, z, a=None):
        import math

        return 1 - math.tanh(z) ** 2


class MisusesA(Neuron):
    """σ' correct from z, but treats the given a as if it were z."""

    def sigma(self, z):
        return np.tanh(z)

    def sigma_prime(self, z, a=None):
        source = z if a is None else a
        return 1 - np.tanh(source) ** 2


@pytest.mark.parametrize(
    ("neuron", "check", "fragment"),
    [
        (NaiveSigmoid, "neuron_extreme_inputs", "expected no warnings, got RuntimeWarning"),
        (UpcastingLinear, "neuron_dtype", "float32 array: expected float32, got float64"),
        (Normalised, "neuron_vectorised", "(inside an array of shape (7,))"),
        (InPlaceTanh, "neuron_leaves_inputs_unchanged", "σ(z) changed its input"),
        (MisusesA, "neuron_derivative", "σ'(z, a=σ(z)) wrong at"),
        (ScalarOnly, "neuron_derivative", "expected no exception, got TypeError: only"),
        (
            ScalarOnly,
            "neuron_vectorised",
            "σ on an array of shape (1,): expected an array, got TypeError",
        ),
    ],
)
def test_a_faulty_neuron_fails_its_check(neuron, check, fragment):
    found = failures(neuron_type(neuron, "faulty"))
    assert check in found, found
    assert fragment in found[check]
    assert found[check].startswith(f"{check} failed for neuron 'faulty': ")


class FlippedGradient(Quadratic):
    def gradient(self, a, y):
        return y - a


class WrongSignCrossEntropy(Cost):
    """Cross-entropy whose closed-form δ^L has the wrong sign."""

    def value(self, a, y):
        a = np.clip(a, 1e-12, 1 - 1e-12)
        return float(-(y * np.log(a) + (1 - y) * np.log1p(-a)).sum() / len(a))

    def gradient(self, a, y):
        a = np.clip(a, 1e-12, 1 - 1e-12)
        return (a - y) / (a * (1 - a))

    def output_error(self, a, y, z, neuron):
        return y - a if neuron.name == "sigmoid" else super().output_error(a, y, z, neuron)


class UnclippedCrossEntropy(WrongSignCrossEntropy):
    def value(self, a, y):
        return float(-(y * np.log(a) + (1 - y) * np.log(1 - a)).sum() / len(a))

    def output_error(self, a, y, z, neuron):
        return a - y if neuron.name == "sigmoid" else super().output_error(a, y, z, neuron)


class Float64ClippedCrossEntropy(WrongSignCrossEntropy):
    """Clipped to 1 − 1e-12, which is 1.0 in float32: log(1 − a) divides by zero there only."""

    def output_error(self, a, y, z, neuron):
        return a - y if neuron.name == "sigmoid" else super().output_error(a, y, z, neuron)


def test_a_cost_that_only_breaks_in_float32_fails_the_extreme_outputs_check():
    found = failures(CostType("float64-only", lambda p: Float64ClippedCrossEntropy()))
    assert list(found) == ["cost_extreme_outputs"], found
    assert "C at float32 a = " in found["cost_extreme_outputs"]
    assert (
        "expected no warnings, got RuntimeWarning: divide by zero"
        in (found["cost_extreme_outputs"])
    )


class SummedQuadratic(Quadratic):
    def value(self, a, y):
        return float(0.5 * ((a - y) ** 2).sum())  # forgot the 1/n


@pytest.mark.parametrize(
    ("cost", "check", "fragment"),
    [
        (FlippedGradient, "cost_gradient", "∇_a C wrong at 15 of 15 entries; worst at row"),
        (WrongSignCrossEntropy, "cost_output_error", "δ^L with sigmoid outputs wrong at"),
        (UnclippedCrossEntropy, "cost_extreme_outputs", "expected no warnings"),
        (SummedQuadratic, "cost_value_is_mean", "(mean of the rows' costs"),
    ],
)
def test_a_faulty_cost_fails_its_check(cost, check, fragment):
    found = failures(CostType("faulty", lambda p: cost()))
    assert check in found, found
    assert fragment in found[check]


class Ascent(SGD):
    def step(self, params, grads):
        for param, grad in zip(params, grads, strict=True):
            param += grad


class Rebinding(SGD):
    def step(self, params, grads):
        for i, grad in enumerate(grads):
            params[i] = params[i] - grad  # the network never sees the new array


class ForgetfulMomentum(Optimizer):
    """Keeps a velocity but does not save it."""

    def __init__(self):
        self.velocity = None

    def step(self, params, grads):
        if self.velocity is None:
            self.velocity = [np.zeros_like(p) for p in params]
        for p, g, v in zip(params, grads, self.velocity, strict=True):
            v *= 0.9
            v -= 0.1 * g
            p += v


class EtaParams(BaseModel):
    model_config = ConfigDict(extra="forbid")
    eta: float = Field(gt=0, examples=[0.5])


@pytest.mark.parametrize(
    ("optimizer", "check", "fragment"),
    [
        (lambda p: Ascent(p.eta), "optimizer_descends", "expected f to drop after 1 step"),
        (lambda p: Rebinding(p.eta), "optimizer_updates_in_place", "got them unchanged"),
        (lambda p: ForgetfulMomentum(), "optimizer_state_resumes", "(never interrupted)"),
    ],
)
def test_a_faulty_optimizer_fails_its_check(optimizer, check, fragment):
    found = failures(OptimizerType("faulty", optimizer, EtaParams))
    assert check in found, found
    assert fragment in found[check]


def test_a_name_taken_by_a_builtin_fails_naming_both_plugins():
    found = failures(neuron_type(DoubledTanh, "sigmoid"))
    assert "name_is_unique" in found
    assert "'builtin.neurons'" in found["name_is_unique"]
    assert "'checked-components'" in found["name_is_unique"]


def test_a_name_a_spec_cannot_carry_fails():
    found = failures(neuron_type(DoubledTanh, "My Tanh"))
    assert "expected a name matching" in found["name_is_unique"]


class LooseParams(BaseModel):
    alpha: float = 0.1


def test_params_that_ignore_unknown_keys_fail():
    found = failures(neuron_type(UpcastingLinear, "loose", LooseParams))
    assert "set model_config = ConfigDict(extra='forbid')" in found["params_model"]


class Required(BaseModel):
    model_config = ConfigDict(extra="forbid")
    eta: float = Field(gt=0)


def test_a_required_param_without_example_asks_for_one_unless_params_are_given():
    descriptor = OptimizerType("needs-eta", lambda p: SGD(p.eta), Required)
    found = failures(descriptor)
    assert "param 'eta' has no default and no example" in found["optimizer_descends"]
    assert failures(descriptor, params={"needs-eta": {"eta": 0.5}}) == {}


def test_a_misspelled_hook_fails_plugin_loads_cleanly(tmp_path):
    plugin = tmp_path / "typo_plugin.py"
    plugin.write_text(
        "from neurokit import hookimpl\n\n"
        "@hookimpl\n"
        "def neurokit_register_neuron():\n"
        "    return []\n"
    )
    found = failures(plugin)
    assert list(found) == ["plugin_loads_cleanly"]
    assert "neurokit_register_neuron" in found["plugin_loads_cleanly"]


def test_failures_are_assertion_errors_so_pytest_reports_them():
    assert issubclass(CheckFailure, AssertionError)


def test_parametrize_with_checks_makes_one_test_per_check():
    mark = parametrize_with_checks(neuron_type(DoubledTanh))
    argnames, checks = mark.args
    assert argnames == "check"
    assert [c.id for c in checks][:3] == [
        "checked-components:plugin_loads_cleanly",
        "doubled-tanh:name_is_unique",
        "doubled-tanh:params_model",
    ]
    assert mark.kwargs["ids"] == [c.id for c in checks]


# --- the pytest plugin ---------------------------------------------------------------------


def test_fixtures_are_offered_but_none_is_autouse(pytester, monkeypatch, tmp_path):
    other = tmp_path / "other_plugin.py"
    other.write_text(
        "from neurokit import hookimpl\n"
        "from neurokit.core.components import NeuronType\n"
        "from neurokit.core.neurons import Linear\n\n"
        "@hookimpl\n"
        "def neurokit_register_neurons():\n"
        "    return [NeuronType('identity', lambda p: Linear())]\n"
    )
    monkeypatch.setenv("NEUROKIT_PLUGINS", str(other))
    pytester.makepyfile(
        test_fixtures=textwrap.dedent(
            f"""
            def test_nothing_requested(request):
                assert [f for f in request.fixturenames if f.startswith("neurokit")] == []

            def test_registry_has_the_builtins_only(neurokit_registry):
                assert "sigmoid" in neurokit_registry.names("neuron")
                assert "identity" not in neurokit_registry.names("neuron")

            def test_make_registry_adds_plugins(neurokit_make_registry):
                registry = neurokit_make_registry({str(other)!r})
                assert registry.get("neuron", "identity").plugin == "other_plugin"

            def test_train(neurokit_train):
                spec = {{
                    "schema_version": 1, "name": "and",
                    "layers": [{{"size": 2}}, {{"size": 1, "neuron": "sigmoid"}}],
                    "cost": "quadratic", "optimizer": {{"name": "sgd", "params": {{"eta": 5}}}},
                    "training": {{"epochs": 1, "batch_size": 4}},
                    "data": {{"name": "inline", "params": {{"train": {{
                        "x": [[0, 0], [0, 1], [1, 0], [1, 1]], "y": [[0], [0], [0], [1]]}}}}}},
                }}
                run = neurokit_train(spec, epochs=300)
                assert len(run.history) == 300
                assert run.history[-1]["train_accuracy"] == 1.0
                assert (run.out_dir / "model.npz").is_file()
            """
        )
    )
    result = pytester.runpytest_inprocess("-q", "-p", "neurokit.testing.pytest_plugin")
    result.assert_outcomes(passed=4)


# --- an instructor's check from the command line ---------------------------------------------

DOUBLED_FILE = """
import numpy as np
from neurokit import hookimpl
from neurokit.core.components import Neuron, NeuronType

class Doubled(Neuron):
    def sigma(self, z):
        return np.tanh(z)
    def sigma_prime(self, z, a=None):
        return 2 * (1 - np.tanh(z) ** 2)

@hookimpl
def neurokit_register_neurons():
    return [NeuronType("doubled", lambda params: Doubled())]
"""


def test_plugins_check_fails_a_students_wrong_neuron_with_exit_2(tmp_path, capsys):
    from neurokit.cli import main

    student = tmp_path / "student.py"
    student.write_text(DOUBLED_FILE)
    assert main(["plugins", "--check", "-p", str(student)]) == 2
    out = capsys.readouterr().out
    # the verdict comes first, wrapped to 80 columns, before the component tables
    assert out.startswith("plugin 'student': 1 of 10 checks failed\n")
    assert "  - neuron_derivative failed for neuron 'doubled': σ'(z) wrong at 152" in out
    verdict = out[: out.index("\n\n")]
    assert max(len(line) for line in verdict.splitlines()) <= 80
    assert "worst at z = 0.0125" in verdict.replace("\n    ", " ")


def test_plugins_check_passes_a_good_plugin(capsys):
    import json
    from pathlib import Path

    from neurokit.cli import main

    softplus = Path(__file__).resolve().parent.parent / "examples" / "plugins" / "softplus.py"
    assert main(["plugins", "--check", "--json", "-p", str(softplus)]) == 0
    checks = json.loads(capsys.readouterr().out)["checks"]
    assert checks == {"softplus": {"checks": 10, "failures": []}}
