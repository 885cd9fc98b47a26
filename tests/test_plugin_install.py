"""Installing an example plugin package the way a user does, then finding it through its
entry point: `neurokit plugins` lists it with its version, and `neurokit train` uses it."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "plugins" / "neurokit-tanh"


def can_build_offline() -> bool:
    """True when this Python's setuptools can build a wheel without fetching anything:
    setuptools ≥ 61 (PEP 621 metadata), and bdist_wheel from setuptools ≥ 70.1 or `wheel`."""
    if importlib.util.find_spec("setuptools") is None:
        return False
    from importlib.metadata import version

    major, minor = (int(part) for part in version("setuptools").split(".")[:2])
    if (major, minor) < (61, 0):
        return False
    return (major, minor) >= (70, 1) or importlib.util.find_spec("wheel") is not None


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """neurokit-tanh installed into a folder of its own with pip, as into site-packages."""
    target = tmp_path_factory.mktemp("site")
    # build from a copy: setuptools leaves build/ and *.egg-info beside the sources
    source = tmp_path_factory.mktemp("src") / PACKAGE.name
    shutil.copytree(PACKAGE, source, ignore=shutil.ignore_patterns("build", "*.egg-info", ".*"))
    command = [sys.executable, "-m", "pip", "install", "--no-deps", "--quiet"]
    command += ["--disable-pip-version-check", "--target", str(target), str(source)]
    if can_build_offline():
        command.insert(4, "--no-build-isolation")
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return target


def neurokit(site: Path, cwd: Path, *args: str, **env_extra: str):
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEUROKIT_")}
    env.update(env_extra)
    # the installed plugin first, then this checkout of neurokit; plugins/ is not on the path
    env["PYTHONPATH"] = os.pathsep.join([str(site), str(ROOT)])
    return subprocess.run(
        [sys.executable, "-m", "neurokit", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
    )


def test_pip_installs_the_module_and_its_entry_point(site):
    assert (site / "neurokit_tanh.py").is_file()
    (dist_info,) = site.glob("neurokit_tanh-0.1.0.dist-info")
    entry_points = (dist_info / "entry_points.txt").read_text()
    assert "[neurokit]" in entry_points
    assert "neurokit-tanh = neurokit_tanh" in entry_points


def test_plugins_lists_it_through_its_entry_point_with_its_version(site, tmp_path):
    done = neurokit(site, tmp_path, "plugins", "--json")
    assert done.returncode == 0, done.stderr
    listing = json.loads(done.stdout)
    assert listing["problems"] == []
    (tanh,) = [row for row in listing["components"] if row["name"] == "tanh"]
    assert tanh["kind"] == "neuron"
    assert tanh["plugin"] == "neurokit-tanh"
    assert tanh["source"] == "entry point"
    assert tanh["version"] == "0.1.0"
    assert tanh["location"] == "neurokit-tanh (neurokit_tanh)"


def test_train_uses_it_without_p(site, tmp_path):
    spec = PACKAGE / "examples" / "tanh-xor.json"
    out = tmp_path / "run"
    done = neurokit(site, tmp_path, "train", str(spec), "--out", str(out), "--progress", "none")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"saved run to {out}"
    last = json.loads((out / "metrics.jsonl").read_text().splitlines()[-1])
    assert last["epoch"] == 1000
    assert last["train_accuracy"] == 1.0


def test_with_autoload_off_the_spec_no_longer_finds_it(site, tmp_path):
    spec = PACKAGE / "examples" / "tanh-xor.json"
    done = neurokit(site, tmp_path, "validate", str(spec), NEUROKIT_DISABLE_PLUGIN_AUTOLOAD="1")
    assert done.returncode == 2
    assert "layers[1].neuron: unknown neuron 'tanh'" in done.stderr
