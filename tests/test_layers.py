"""The package's layering (docs/architecture.md) holds: `lint-imports` checks the contracts in
pyproject.toml, and the contracts catch an upward import and a use of a public facade."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def lint_imports(where: Path) -> subprocess.CompletedProcess:
    """`lint-imports` run in ``where`` against its pyproject.toml, without a cache."""
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from importlinter.cli import lint_imports_command as c; sys.exit(c())",
            "--no-cache",
            "--config",
            "pyproject.toml",
        ],
        cwd=where,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_package_keeps_its_layers():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_an_upward_import_and_a_facade_import_break_the_contracts(tmp_path):
    # A copy of the package with two design bugs planted in the core: it imports the API
    # (upward) and the plugin authors' facade neurokit.errors (from inside the package).
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    shutil.copytree(
        ROOT / "neurokit", tmp_path / "neurokit", ignore=shutil.ignore_patterns("*.npz")
    )
    atomic = tmp_path / "neurokit" / "core" / "atomic.py"
    atomic.write_text(
        atomic.read_text("utf-8") + "\nimport neurokit.api\nimport neurokit.errors\n", "utf-8"
    )
    result = lint_imports(tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "0 kept, 2 broken" in result.stdout
    assert "neurokit.core.atomic -> neurokit.api" in result.stdout
    assert "neurokit.core.atomic -> neurokit.errors" in result.stdout
