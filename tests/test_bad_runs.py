"""Every tampered run file in ``tests/bad_runs/`` is refused with one line naming the file.

``tests/bad_runs/cases.json`` names each case's tampering (a function of
``tests/bad_runs/tamper.py``), the file it damages, the commands that read that file and a
part of the expected message. Each case damages a copy of a freshly trained run (784-30-10 on
the MNIST sample, with a checkpoint) and runs each command on it: exit status 2, exactly one
line on stderr naming the damaged file, no traceback, and no run file changed. ``train
--resume`` does not read ``model.npz`` (it rewrites it from the checkpoint), so model cases
are not run through it.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path

import pytest
from reliability_summary import check_doc_says, record

from neurokit.cli import main

CORPUS = Path(__file__).parent / "bad_runs"
CASES: dict[str, dict] = json.loads((CORPUS / "cases.json").read_text(encoding="utf-8"))
ROUNDS = [(name, command) for name, case in sorted(CASES.items()) for command in case["commands"]]
ZEROS = ",".join(["0"] * 784)


def _tampers():
    spec = importlib.util.spec_from_file_location("bad_run_tampers", CORPUS / "tamper.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.TAMPERS


TAMPERS = _tampers()


@pytest.fixture(scope="module")
def trained_run(tmp_path_factory):
    """A 2-epoch run on 200 examples of the sample, with a checkpoint; never modified."""
    home = tmp_path_factory.mktemp("bad_runs")
    example = Path(__file__).parent.parent / "examples" / "mnist.json"
    spec = dict(json.loads(example.read_text()), name="tampered")
    spec["training"] = dict(spec["training"], epochs=2)
    spec["data"] = {"name": "mnist-sample", "params": {"train_limit": 200}}
    (home / "spec.json").write_text(json.dumps(spec))
    argv = ["train", str(home / "spec.json"), "--out", str(home / "run"), "--progress", "none"]
    assert main([*argv, "--checkpoint-every", "1"]) == 0
    return home / "run"


def command_line(command: str, run: Path, extra: dict, work: Path) -> list[str]:
    if command == "evaluate":
        return ["evaluate", str(run)]
    if command == "predict" and "image" in extra:
        return ["predict", str(run), "--image", str(extra["image"])]
    if command == "predict" and "data_dir" in extra:
        data = ["--dataset", "mnist", "--data-dir", str(extra["data_dir"])]
        return ["predict", str(run), "--index", "0", *data]
    if command == "predict":
        return ["predict", str(run), "--index", "0"]
    if command == "plot":
        return ["plot", str(run)]
    if command == "run":
        return ["run", str(run), "--input", ZEROS]
    if command == "resume":
        return ["train", "--resume", str(run), "--epochs", "4", "--progress", "none"]
    if command == "train":  # the run's spec on the MNIST files of data_dir
        spec = json.loads((run / "spec.json").read_text())
        spec["data"] = {"name": "mnist"}
        (work / "mnist.json").write_text(json.dumps(spec))
        new = ["--data-dir", str(extra["data_dir"]), "--out", str(work / "new")]
        return ["train", str(work / "mnist.json"), *new, "--progress", "none"]
    raise AssertionError(f"unknown command {command!r} in cases.json")


def damaged_file(case: dict, run: Path, extra: dict) -> Path:
    name = case["file"]
    if name == "<image>":
        return extra["image"]
    if name.startswith("<data>/"):
        return extra["data_dir"] / name.partition("/")[2]
    return run / name


def contents(run: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(run.iterdir()) if p.is_file()}


def test_corpus_is_large_and_every_case_has_a_tampering_and_a_message():
    assert len(CASES) >= 30
    assert set(CASES) <= set(TAMPERS), "a case whose tampering is not in tamper.py"
    for name, case in CASES.items():
        assert case["message"] and case["fault"] and case["commands"], name
    families: dict[str, int] = {}
    for case in CASES.values():
        family = case["file"].rpartition("/")[0] or case["file"]
        families[family] = families.get(family, 0) + 1
    commands: dict[str, int] = {}
    for _, command in ROUNDS:
        commands[command] = commands.get(command, 0) + 1
    record("bad_runs", cases=len(CASES), files=families, commands=commands)
    check_doc_says(f"{len(CASES)} tampered run files")


@pytest.mark.parametrize(("name", "command"), ROUNDS)
def test_a_tampered_file_is_refused_with_one_line_naming_it(
    name, command, trained_run, tmp_path, capsys
):
    case = CASES[name]
    run = tmp_path / "run"
    shutil.copytree(trained_run, run)
    extra = TAMPERS[name](run, tmp_path)
    before = contents(run)
    capsys.readouterr()
    status = main(command_line(command, run, extra, tmp_path))
    out, err = capsys.readouterr()
    lines = err.splitlines()
    assert status == 2, err
    assert "Traceback" not in err
    assert len(lines) == 1, lines
    assert lines[0].startswith("neurokit: error: "), lines
    assert str(damaged_file(case, run, extra)) in lines[0]
    assert case["message"] in lines[0]
    assert contents(run) == before  # nothing the run held was rewritten or lost
    assert not (tmp_path / "new").exists()
    _PASSED.setdefault(command, set()).add(name)
    record("bad_runs", refused={c: len(names) for c, names in sorted(_PASSED.items())})


#: command → the cases it refused as it should (in this process), for docs/reliability.md.
_PASSED: dict[str, set[str]] = {}
