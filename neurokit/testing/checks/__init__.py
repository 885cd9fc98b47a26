"""The conformance checks: what every model, neuron, cost, optimizer and data set must satisfy.

Each check is a small function of one component that raises ``CheckFailure`` saying which
check failed, at which inputs, and what was expected versus what came back. ``checks_for``
turns a plugin into the list of ``Check`` objects that apply to it.

One module per component kind (``model``, ``neuron``, ``cost``, ``optimizer``, ``dataset``),
the checks every component gets in ``common``, and collecting them for a plugin in
``collect``.
"""

from __future__ import annotations

from neurokit.testing.checks.base import Check, CheckContext, CheckFailure, example_params
from neurokit.testing.checks.collect import (
    KIND_CHECKS,
    checks_for,
    component_checks,
    load_for_checking,
    registry_descriptors,
)
from neurokit.testing.checks.common import COMMON_CHECKS

__all__ = [
    "COMMON_CHECKS",
    "KIND_CHECKS",
    "Check",
    "CheckContext",
    "CheckFailure",
    "checks_for",
    "component_checks",
    "example_params",
    "load_for_checking",
    "registry_descriptors",
]
