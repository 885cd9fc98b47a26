"""Issue 11, item 8: the environment says no. Each is one line on stderr, exit status 2, no
traceback, and nothing already written lost: ``--out`` under ``/proc`` or on a read-only
mount, ``data download --dir`` on a file or a read-only mount, ``plot`` into a read-only run,
stdout that cannot be written (``schema``, and a training that must still save), a FIFO given
as a spec, ``$NEUROKIT_DATA`` too long or leading nowhere, a 300-character spec name.

Read-only mounts need root (a tmpfs mounted read-only, a read-only bind mount); without root
those tests are skipped with that reason, except under CI, which runs as root and must run them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from faultlib import env, evaluates, metrics_rows, model_digest, neurokit
from reliability_summary import record

from neurokit.cli import MAX_LINE

ROOT = Path(__file__).resolve().parent.parent
XOR = ROOT / "examples" / "xor.json"
PREFIX = "neurokit: error: "


def one_line(result: subprocess.CompletedProcess) -> str:
    """The single error line of a refused command (asserting it is one, and status 2)."""
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(PREFIX) and len(lines[0]) <= len(PREFIX) + MAX_LINE
    _tally(result.args[3] if len(result.args) > 3 else "?")
    return lines[0]


_TALLY: dict[str, int] = {}


def _tally(command: str) -> None:
    _TALLY[command] = _TALLY.get(command, 0) + 1
    record("environment", cases=sum(_TALLY.values()))


def _mount(*args: str) -> None:
    done = subprocess.run(["mount", *args], capture_output=True, text=True)
    if done.returncode != 0:
        if os.environ.get("CI") == "true":
            pytest.fail(f"mount {' '.join(args)} failed: {done.stderr}")
        pytest.skip(f"cannot mount here ({done.stderr.strip()})")


def _need_root() -> None:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI must run the read-only mount tests: they need root")
        pytest.skip("mounting a read-only file system needs root (CI runs these as root)")


@pytest.fixture
def read_only_dir(tmp_path):
    """An empty read-only tmpfs."""
    _need_root()
    mount = tmp_path / "ro"
    mount.mkdir()
    _mount("-t", "tmpfs", "-o", "size=1m,ro", "tmpfs", str(mount))
    yield mount
    subprocess.run(["umount", "-l", str(mount)])


@pytest.fixture
def read_only_run(tmp_path):
    """A finished run directory seen through a read-only bind mount."""
    _need_root()
    run = tmp_path / "run"
    result = neurokit("train", XOR, "--out", run, "--epochs", 20, "--progress", "none")
    assert result.returncode == 0, result.stderr
    view = tmp_path / "ro-run"
    view.mkdir()
    _mount("--bind", str(run), str(view))
    try:
        _mount("-o", "remount,bind,ro", str(view))
    except BaseException:
        subprocess.run(["umount", "-l", str(view)])
        raise
    yield view
    subprocess.run(["umount", "-l", str(view)])


def test_out_under_proc_is_refused_before_training(tmp_path):
    line = one_line(
        neurokit("train", XOR, "--out", "/proc/neurokit-test/run", "--progress", "none")
    )
    assert "/proc/neurokit-test" in line and "No such file or directory" in line


def test_out_on_a_read_only_mount(read_only_dir):
    line = one_line(neurokit("train", XOR, "--out", read_only_dir / "run", "--progress", "none"))
    assert str(read_only_dir) in line and "Read-only file system" in line
    assert list(read_only_dir.iterdir()) == []


def test_download_into_a_read_only_mount_fails_before_fetching(read_only_dir):
    target = read_only_dir / "mnist"
    line = one_line(neurokit("data", "download", "mnist", "--dir", target, "--quiet"))
    assert line == f"{PREFIX}{target}: cannot write the downloaded files there " + (
        "(Read-only file system)"
    )


def test_download_dir_that_is_a_file(tmp_path):
    target = tmp_path / "notes.txt"
    target.write_text("keep me\n")
    line = one_line(neurokit("data", "download", "mnist", "--dir", target, "--quiet"))
    assert (
        line == f"{PREFIX}{target}: exists and is not a directory; give a directory for the files"
    )
    assert target.read_text() == "keep me\n"


def test_plot_into_a_read_only_run_names_the_file_and_keeps_the_run(read_only_run):
    digest = model_digest(read_only_run)
    line = one_line(neurokit("plot", read_only_run))
    assert f"{read_only_run}/learning-curves.png: Read-only file system" in line
    assert model_digest(read_only_run) == digest and evaluates(read_only_run)


def _to_dev_full(*args) -> subprocess.CompletedProcess:
    command = ["python", "-m", "neurokit", *map(str, args)]
    with open("/dev/full", "w") as full:
        return subprocess.run(
            command, env=env(), stdout=full, stderr=subprocess.PIPE, text=True, timeout=120
        )


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
def test_schema_into_a_full_stdout():
    result = _to_dev_full("schema")
    result.args = ["python", "-m", "neurokit", "schema"]
    assert one_line(result) == f"{PREFIX}standard output: No space left on device"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
def test_a_training_whose_stdout_is_full_still_saves_every_epoch(tmp_path):
    out = tmp_path / "run"
    result = _to_dev_full("train", XOR, "--out", out, "--epochs", 40, "--progress", "plain")
    result.args = ["python", "-m", "neurokit", "train"]
    assert one_line(result) == f"{PREFIX}standard output: No space left on device"
    assert metrics_rows(out) == 40 and evaluates(out)


def test_a_fifo_given_as_a_spec_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "spec.json"
    os.mkfifo(fifo)
    for command in ("validate", "train", "explain"):
        line = one_line(neurokit(command, fifo))
        assert (
            line == f"{PREFIX}{fifo}: is a FIFO (named pipe), not a regular file; give a spec file"
        )


def _mnist_spec(tmp_path: Path) -> Path:
    spec = json.loads((ROOT / "examples" / "mnist.json").read_text())
    spec["data"] = {"name": "mnist"}
    path = tmp_path / "mnist.json"
    path.write_text(json.dumps(spec))
    return path


def test_neurokit_data_far_too_long_keeps_the_reason_on_the_line(tmp_path, monkeypatch):
    monkeypatch.setenv("NEUROKIT_DATA", "/tmp/" + "a" * 5000)
    line = one_line(neurokit("validate", _mnist_spec(tmp_path)))
    assert line.startswith(f"{PREFIX}/tmp/aaa") and "…" in line
    assert line.endswith("/mnist/train-images-idx3-ubyte: File name too long")


@pytest.mark.parametrize("kind", ["symlink loop", "a file in the path"])
def test_neurokit_data_leading_nowhere_says_where_it_looked(tmp_path, monkeypatch, kind):
    data = tmp_path / "data"
    data.mkdir()
    if kind == "symlink loop":
        (data / "mnist").symlink_to(data / "loop")
        (data / "loop").symlink_to(data / "mnist")
        given = data
    else:
        (data / "file").write_text("")
        given = data / "file" / "below"
    monkeypatch.setenv("NEUROKIT_DATA", str(given))
    line = one_line(neurokit("validate", _mnist_spec(tmp_path)))
    assert line.startswith(f"{PREFIX}mnist data not found (looked in {str(given)[:40]}")
    assert line.endswith("or run `neurokit data download mnist` to fetch them")


def test_a_300_character_spec_name_without_out(tmp_path):
    spec = json.loads(XOR.read_text())
    spec["name"] = "n" * 300
    (tmp_path / "long.json").write_text(json.dumps(spec))
    line = one_line(neurokit("train", "long.json", "--progress", "none", cwd=tmp_path))
    assert line.startswith(f"{PREFIX}cannot create the run directory: runs/nnn")
    assert line.endswith(": File name too long")
    runs = tmp_path / "runs"
    assert not runs.exists() or list(runs.iterdir()) == []
