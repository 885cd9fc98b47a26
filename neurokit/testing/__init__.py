"""neurokit.testing: the conformance kit for plugin authors (and instructors).

It checks a component the way scikit-learn's ``check_estimator`` checks an estimator: a
neuron's σ' against finite differences, a cost's ∇_a C and δ^L, an optimizer on a convex
quadratic and across a checkpoint, and for every component its name, params model and a
spec that names it. A plugin's whole test file::

    import my_neuron
    from neurokit.testing import conformance_test
    test_conformance = conformance_test(my_neuron)

Outside pytest, ``check_plugin(my_neuron)`` returns the failures (empty when all pass).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from neurokit.testing.checks import Check, CheckFailure, checks_for, load_for_checking

__all__ = [
    "Check",
    "CheckFailure",
    "check_plugin",
    "checks_for",
    "conformance_test",
    "load_for_checking",
    "parametrize_with_checks",
]


def check_plugin(
    plugin: Any, *, params: Mapping[str, Mapping] | None = None, exclude: Iterable[str] = ()
) -> list[CheckFailure]:
    """Run every check on ``plugin``; the failures, in order (an empty list means it passes)."""
    failures = []
    for check in checks_for(plugin, params=params, exclude=exclude):
        try:
            check()
        except CheckFailure as failure:
            failures.append(failure)
    return failures


def parametrize_with_checks(
    plugin: Any, *, params: Mapping[str, Mapping] | None = None, exclude: Iterable[str] = ()
):
    """A ``pytest.mark.parametrize`` over every check of ``plugin``, one test per check::

    @parametrize_with_checks(my_neuron)
    def test_conformance(check):
        check()
    """
    import pytest

    checks = checks_for(plugin, params=params, exclude=exclude)
    return pytest.mark.parametrize("check", checks, ids=[check.id for check in checks])


def conformance_test(
    plugin: Any, *, params: Mapping[str, Mapping] | None = None, exclude: Iterable[str] = ()
):
    """A ready test function running every check of ``plugin``: assign it to ``test_…``."""

    @parametrize_with_checks(plugin, params=params, exclude=exclude)
    def test_conformance(check: Check) -> None:
        check()

    return test_conformance
