"""Every malformed spec in ``tests/bad_specs/`` is refused the way a student should see it.

``tests/bad_specs/cases.json`` maps each file to its fault, the exit status, the field path and
a substring of the message. One fault per file, so exactly one line on stderr:
``neurokit: error: <file>: <path>: <message>``, exit status 2, no traceback.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from reliability_summary import check_doc_says, record

from neurokit.cli import main

HERE = Path(__file__).parent
CORPUS = HERE / "bad_specs"
CASES: dict[str, dict] = json.loads((CORPUS / "cases.json").read_text(encoding="utf-8"))
TRAIN_CASES = sorted(name for name, case in CASES.items() if case.get("train"))


def expected_line(name: str) -> str:
    case = CASES[name]
    where = f"{case['path']}: " if case["path"] else ""
    return f"neurokit: error: {name}: {where}"


def refusal_problems(name: str, argv: list[str], capsys) -> list[str]:
    """What is wrong with how ``argv`` refused the case (empty when it was refused right)."""
    case = CASES[name]
    status = main(argv)
    out, err = capsys.readouterr()
    lines = err.splitlines()
    wrong = []
    if status != case["exit"]:
        wrong.append(f"exit status {status}, expected {case['exit']}")
    if "Traceback" in err:
        wrong.append("a traceback was printed")
    if len(lines) != 1:
        wrong.append(f"{len(lines)} lines on stderr, expected 1: {lines}")
    elif not lines[0].startswith(expected_line(name)):
        wrong.append(f"{lines[0]!r} does not start with {expected_line(name)!r}")
    elif case["message"] not in lines[0]:
        wrong.append(f"{lines[0]!r} does not contain {case['message']!r}")
    if out:
        wrong.append(f"stdout is not empty: {out!r}")
    return wrong


def test_corpus_is_large_and_every_file_has_its_expectation():
    files = {path.name for path in CORPUS.iterdir() if path.name != "cases.json"}
    assert files == set(CASES), "a spec without an expectation, or an expectation without a spec"
    assert len(CASES) >= 40
    for name, case in CASES.items():
        assert case["exit"] == 2 and case["message"] and case["fault"], name


@pytest.mark.parametrize("name", sorted(CASES))
def test_validate_refuses_with_one_line_naming_file_path_and_problem(name, capsys):
    assert refusal_problems(name, ["validate", str(CORPUS / name)], capsys) == []


@pytest.mark.parametrize("name", TRAIN_CASES)
def test_train_refuses_too_and_writes_nothing(name, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # so a default runs/ directory would show up here
    argv = ["train", str((CORPUS / name).resolve()), "--out", "run", "--progress", "none"]
    assert refusal_problems(name, argv, capsys) == []
    assert list(tmp_path.iterdir()) == []


def test_validate_json_reports_the_same_path_and_message(capsys):
    name = "unknown_neuron.json"
    assert main(["validate", "--json", str(CORPUS / name)]) == 2
    report = json.loads(capsys.readouterr().out)
    assert report["valid"] is False
    assert [error["path"] for error in report["errors"]] == [CASES[name]["path"]]
    assert CASES[name]["message"] in report["errors"][0]["message"]


def test_whole_corpus_summary_matches_the_committed_reliability_doc(capsys, tmp_path):
    """Runs every case once more to count them for docs/reliability.md, and checks the doc."""
    passed = sum(
        not refusal_problems(name, ["validate", str(CORPUS / name)], capsys) for name in CASES
    )
    train_passed = 0
    for i, name in enumerate(TRAIN_CASES):
        out = tmp_path / f"run{i}"
        argv = ["train", str(CORPUS / name), "--out", str(out), "--progress", "none"]
        train_passed += not refusal_problems(name, argv, capsys) and not out.exists()
    numbers = {
        "cases": len(CASES),
        "passed": passed,
        "train_cases": len(TRAIN_CASES),
        "train_passed": train_passed,
    }
    record("bad_specs", **numbers)
    assert passed == len(CASES) and train_passed == len(TRAIN_CASES)

    report = _load_report_tool()
    check_doc_says("| " + " | ".join(report.row_bad_specs(numbers)) + " |")


def _load_report_tool():
    path = HERE.parent / "tools" / "reliability_report.py"
    spec = importlib.util.spec_from_file_location("reliability_report", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
