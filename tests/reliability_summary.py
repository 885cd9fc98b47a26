"""Numbers the reliability tests measured, for ``tools/reliability_report.py`` to render.

When ``$NEUROKIT_RELIABILITY_SUMMARY`` names a file, ``record`` merges the numbers of one check
family (``"bad_specs"``, ``"spec_fuzz"``, …) into the JSON object in that file:
``{"bad_specs": {"cases": 68, ...}, "spec_fuzz": {...}}``. Without it, nothing is written.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from neurokit.core import atomic

SUMMARY_ENV = "NEUROKIT_RELIABILITY_SUMMARY"


def record(family: str, **numbers) -> None:
    """Merge ``numbers`` into the summary object of ``family`` (no-op without the env var)."""
    target = os.environ.get(SUMMARY_ENV)
    if not target:
        return
    path = Path(target)
    summary = json.loads(path.read_text()) if path.is_file() else {}
    summary.setdefault(family, {}).update(numbers)
    atomic.write_text(path, json.dumps(summary, indent=2, sort_keys=True) + "\n")


def check_doc_says(text: str) -> None:
    """Fail unless docs/reliability.md contains ``text`` (numbers the tests just measured).

    Skipped while ``tools/reliability_report.py`` is measuring (the env var is set): it is
    about to rewrite the page from these very numbers.
    """
    if os.environ.get(SUMMARY_ENV):
        return
    doc = Path(__file__).parent.parent / "docs" / "reliability.md"
    assert doc.is_file(), "no docs/reliability.md: run python tools/reliability_report.py"
    assert text in doc.read_text(encoding="utf-8"), (
        f"docs/reliability.md does not say {text!r}: run python tools/reliability_report.py"
    )
