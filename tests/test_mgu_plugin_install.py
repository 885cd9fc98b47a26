"""The recurrent plugin package plugins/neurokit-mgu installed the way a user installs it
(pip, offline, into a folder of its own): `neurokit plugins` finds the model `mgu` through
its entry point, `neurokit train` trains its example spec through it, and its own tests (the
conformance kit among them) pass against the installed copy."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "plugins" / "neurokit-mgu"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """neurokit-mgu installed with pip into a folder, without its dependencies (neurokit is
    this checkout) and without build isolation (setuptools from this venv: no index)."""
    target = tmp_path_factory.mktemp("site")
    source = tmp_path_factory.mktemp("src") / PACKAGE.name  # builds leave files beside sources
    shutil.copytree(PACKAGE, source, ignore=shutil.ignore_patterns("build", "*.egg-info", ".*"))
    command = [sys.executable, "-m", "pip", "install", "--no-deps", "--no-build-isolation"]
    command += ["--no-index", "--quiet", "--disable-pip-version-check", "--target", str(target)]
    done = subprocess.run([*command, str(source)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return target


def run(site: Path, cwd: Path, *args: str):
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEUROKIT_")}
    # the installed package first, then this checkout; plugins/ itself is not on the path
    env["PYTHONPATH"] = os.pathsep.join([str(site), str(ROOT)])
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=300
    )


def test_installed_package_has_its_entry_point(site):
    assert (site / "neurokit_mgu" / "cell.py").is_file()
    (dist_info,) = site.glob("neurokit_mgu-0.1.0.dist-info")
    assert "neurokit-mgu = neurokit_mgu" in (dist_info / "entry_points.txt").read_text()


def test_plugins_lists_mgu(site, tmp_path):
    done = run(site, tmp_path, "-m", "neurokit", "plugins", "--json")
    assert done.returncode == 0, done.stderr
    listing = json.loads(done.stdout)
    assert listing["problems"] == []
    (mgu,) = [row for row in listing["components"] if row["name"] == "mgu"]
    assert (mgu["kind"], mgu["plugin"], mgu["source"]) == ("model", "neurokit-mgu", "entry point")
    assert mgu["version"] == "0.1.0"


def test_train_learns_the_example_through_it(site, tmp_path):
    spec = PACKAGE / "examples" / "mgu-parity.json"
    out = tmp_path / "run"
    done = run(site, tmp_path, "-m", "neurokit", "train", str(spec), "--out", str(out),
               "--progress", "none")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads((out / "spec.json").read_text())["model"]["name"] == "mgu"
    last = json.loads((out / "metrics.jsonl").read_text().splitlines()[-1])
    assert last["epoch"] == 30
    assert last["validation_accuracy"] >= 0.95  # running parity of 8 bits; chance is 0.5


def test_its_own_tests_pass_against_the_installed_copy(site, tmp_path):
    tests = tmp_path / "tests"
    shutil.copytree(PACKAGE / "tests", tests, ignore=shutil.ignore_patterns("__pycache__"))
    done = run(site, tmp_path, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p",
               "no:randomly", str(tests))  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "11 passed" in done.stdout
