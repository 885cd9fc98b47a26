"""Property tests of the spec loader: whatever it is fed, it returns a checked ``Spec`` or
raises the project's own error, never anything else.

Two families of input, each a fixed number of derandomized hypothesis examples, so the same
code always sees the same inputs: arbitrary JSON values (as text, as parsed data, and raw
bytes), and the example specs with 1–3 random mutations (a key deleted, a value's type
changed, an unknown key inserted, a number set to 0, −1, 1e12, 10^400, NaN…, a list item
duplicated). The numbers of examples and outcomes are recorded for docs/reliability.md.
"""

from __future__ import annotations

import copy
import json
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reliability_summary import check_doc_says, record

from neurokit.core.errors import NeurokitError, SpecError
from neurokit.pipeline.registry import load_registry
from neurokit.spec import Spec, parse_spec

RANDOM_JSON_EXAMPLES = 300
MUTATION_EXAMPLES = 300
EXAMPLES = sorted((Path(__file__).parent.parent / "examples").glob("*.json"))
VALID_SPECS = [json.loads(path.read_text()) for path in EXAMPLES]


def fuzz(max_examples: int) -> settings:
    """Derandomized and without a deadline, so CI runs are stable and never timed."""
    return settings(
        max_examples=max_examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


#: Raw Pydantic phrasing that would mean an error type reached the student untranslated.
RAW_PYDANTIC = ("input should be", "Input should be", "validation error", "type=")


@pytest.fixture(scope="module")
def registry():
    return load_registry(autoload=False)


scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**20), max_value=10**20)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=12)
    | st.sampled_from(["sigmoid", "sgd", "quadratic", "inline", "mnist-sample", "float32", ""])
    # Lone surrogates (valid as JSON escapes like \ud800, not as text; hypothesis's text()
    # never makes them) and characters that str.splitlines() treats as line breaks.
    | st.sampled_from(["\ud800", "a\udfffb", "line\nbreak", "\x85"])
)
json_values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=5)
        | st.dictionaries(
            st.sampled_from(["schema_version", "name", "layers", "size", "neuron", "params"])
            | st.sampled_from(["\ud800", "\x85", "a b", "1"])
            | st.text(max_size=8),
            children,
            max_size=6,
        )
    ),
    max_leaves=25,
)
spec_like = st.fixed_dictionaries(
    {"schema_version": st.sampled_from([1, 1, 2, "1"]), "name": st.text(max_size=6) | st.just("n")},
    optional={
        "layers": json_values,
        "cost": json_values,
        "optimizer": json_values,
        "training": json_values,
        "data": json_values,
    },
)
#: Numbers a careless edit might leave in a spec.
SUSPECT_NUMBERS = [
    *(0, -1, 1, 2.5, -0.0, True, 1e12, 10**12, 10**30, 10**400),
    *(float("nan"), float("inf"), float("-inf")),
]


def load_outcome(raw, registry) -> str:
    """Feed ``raw`` to the loader; the name of the outcome, or a failed assertion."""
    try:
        spec = parse_spec(raw, registry, source="fuzz.json")
    except SpecError as exc:
        assert exc.problems, "a SpecError must carry at least one problem"
        lines = str(exc).splitlines()
        assert len(lines) == len(exc.problems), "one line per problem, whatever the keys hold"
        for line in lines:
            assert line.startswith("fuzz.json: "), line
        for problem in exc.problems:
            assert problem.message.strip(), problem
            assert not any(raw_text in problem.message for raw_text in RAW_PYDANTIC), problem
        return "SpecError"
    except NeurokitError:
        return "NeurokitError"
    assert isinstance(spec, Spec)
    # A valid spec survives a round trip through its own JSON unchanged.
    assert parse_spec(spec.to_json(), registry) == spec
    return "Spec"


def test_random_json_values_give_a_spec_or_a_spec_error(registry):
    outcomes: Counter[str] = Counter()

    @fuzz(RANDOM_JSON_EXAMPLES)
    @given(
        value=json_values | spec_like,
        as_text=st.booleans(),
        garbage=st.none() | st.binary(max_size=80) | st.text(max_size=80),
    )
    def check(value, as_text, garbage):
        raw = json.dumps(value) if as_text or not isinstance(value, dict) else value
        outcomes[load_outcome(raw if garbage is None else garbage, registry)] += 1

    run_recording_failure(check, "random_json_failed")
    count = sum(outcomes.values())
    record(
        "spec_fuzz",
        random_json_failed=False,
        random_json=count,
        random_json_outcomes=dict(outcomes),
    )
    assert count >= RANDOM_JSON_EXAMPLES
    assert outcomes["SpecError"] > 0
    check_doc_says(f"{count} random JSON values")


@st.composite
def mutated_specs(draw) -> dict:
    spec = copy.deepcopy(draw(st.sampled_from(VALID_SPECS)))
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        mutate(spec, draw)
    return spec


def mutate(spec: dict, draw) -> None:
    """One random edit at a random place in ``spec`` (in place)."""
    slots, containers = [], [spec]
    collect(spec, slots, containers)
    operation = draw(st.sampled_from(["retype", "number", "delete", "insert", "duplicate"]))
    dicts = [c for c in containers if isinstance(c, dict)]
    lists = [c for c in containers if isinstance(c, list) and c]
    if operation == "retype":
        parent, key = draw(st.sampled_from(slots))
        parent[key] = draw(json_values)
    elif operation == "number":
        parent, key = draw(st.sampled_from(slots))
        parent[key] = draw(st.sampled_from(SUSPECT_NUMBERS))
    elif operation == "delete":
        target = draw(st.sampled_from([d for d in dicts if d] or [{"_": None}]))
        del target[draw(st.sampled_from(sorted(target)))]
    elif operation == "insert":
        draw(st.sampled_from(dicts))[draw(st.text(min_size=1, max_size=8))] = draw(json_values)
    elif lists:
        target = draw(st.sampled_from(lists))
        target.append(copy.deepcopy(draw(st.sampled_from(target))))


def collect(value, slots: list, containers: list) -> None:
    """Every (parent, key) under ``value`` into ``slots``, every dict and list into
    ``containers``."""
    items = value.items() if isinstance(value, dict) else enumerate(value)
    for key, child in list(items):
        slots.append((value, key))
        if isinstance(child, dict | list):
            containers.append(child)
            collect(child, slots, containers)


def test_mutated_example_specs_give_a_spec_or_a_spec_error(registry):
    outcomes: Counter[str] = Counter()

    @fuzz(MUTATION_EXAMPLES)
    @given(spec=mutated_specs(), as_text=st.booleans())
    def check(spec, as_text):
        raw = json.dumps(spec) if as_text else spec
        outcomes[load_outcome(raw, registry)] += 1

    run_recording_failure(check, "mutations_failed")
    count = sum(outcomes.values())
    record(
        "spec_fuzz",
        mutations_failed=False,
        mutations=count,
        mutations_still_valid=outcomes["Spec"],
        mutation_outcomes=dict(outcomes),
    )
    assert count >= MUTATION_EXAMPLES
    # Mutations must hit both sides, or the strategy is not exploring what it claims to.
    assert outcomes["SpecError"] > 0 and outcomes["Spec"] > 0
    # Only the number of examples goes in the doc: which mutants stay valid shifts with the
    # constants hypothesis mines from whatever modules happen to be imported.
    check_doc_says(f"{count} random mutations of the example specs")


def run_recording_failure(check, flag: str) -> None:
    """Run a hypothesis test; if it finds a crash, say so in the summary, then fail."""
    try:
        check()
    except BaseException:
        record("spec_fuzz", **{flag: True})
        raise
