"""Every hook has a docstring, and docs/plugins.md documents every hook (its signature and its
docstring) and every check of the conformance kit: adding one without docs fails here."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

from neurokit.core import hookspecs
from neurokit.testing import checks

DOC = Path(__file__).resolve().parent.parent / "docs" / "plugins.md"


def hooks(module=hookspecs) -> dict[str, object]:
    """Every hookspec in ``module``: the functions pluggy's HookspecMarker marked."""
    marker = f"{hookspecs.PROJECT_NAME}_spec"
    return {
        name: function
        for name, function in inspect.getmembers(module, inspect.isfunction)
        if hasattr(function, marker)
    }


def _normal(text: str) -> str:
    return " ".join(text.replace("``", "`").split())


def heading(name: str, function) -> str:
    return f"### `{name}{inspect.signature(function)}`"


def undocumented_hooks(doc: str, specs: dict[str, object]) -> list[str]:
    """Hooks whose heading (with the signature) or docstring text is not in ``doc``."""
    normal_doc = _normal(doc)
    return [
        name
        for name, function in specs.items()
        if heading(name, function) not in doc
        or _normal(inspect.getdoc(function) or "") not in normal_doc
    ]


def test_there_are_hooks_to_document():
    assert {"neurokit_register_neurons", "neurokit_epoch_end"} <= set(hooks())


@pytest.mark.parametrize("name", sorted(hooks()))
def test_every_hookspec_has_a_docstring(name):
    assert (inspect.getdoc(hooks()[name]) or "").strip(), f"{name} has no docstring"


def test_docs_document_every_hook_with_its_docstring():
    assert undocumented_hooks(DOC.read_text("utf-8"), hooks()) == []


def test_docs_document_no_hook_that_does_not_exist():
    doc = DOC.read_text("utf-8")
    documented = set(re.findall(r"^### `(neurokit_\w+)\(", doc, flags=re.MULTILINE))
    assert documented == set(hooks())


def test_a_missing_or_changed_hook_is_caught():
    doc = DOC.read_text("utf-8")
    specs = hooks()
    without = doc.replace(heading("neurokit_epoch_end", specs["neurokit_epoch_end"]), "")
    assert undocumented_hooks(without, specs) == ["neurokit_epoch_end"]

    def neurokit_new_hook(run):
        """A hook nobody wrote up."""

    assert undocumented_hooks(doc, {**specs, "neurokit_new_hook": neurokit_new_hook}) == [
        "neurokit_new_hook"
    ]


def test_docs_list_every_check_of_the_kit():
    doc = DOC.read_text("utf-8")
    names = ["plugin_loads_cleanly"] + [
        function.__name__.removeprefix("check_")
        for group in [checks.COMMON_CHECKS, *checks.KIND_CHECKS.values()]
        for function in group
    ]
    assert [name for name in names if f"| `{name}` |" not in doc] == []
