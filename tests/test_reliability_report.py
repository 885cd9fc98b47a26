"""tools/reliability_report.py: the page is rendered from the recorded numbers, nothing else."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
import reliability_summary

TOOL = Path(__file__).parent.parent / "tools" / "reliability_report.py"


@pytest.fixture(scope="module")
def report():
    spec = importlib.util.spec_from_file_location("reliability_report", TOOL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


BAD_SPECS = {"cases": 41, "passed": 40, "train_cases": 3, "train_passed": 3}


def test_each_family_becomes_one_row_and_an_unknown_family_shows_its_raw_numbers(report):
    text = report.render({"power_cuts": {"runs": 7, "identical": 7}, "bad_specs": BAD_SPECS})
    rows = [line for line in text.splitlines() if line.startswith("| ") and "---" not in line]
    assert rows[0] == "| check | what was tried | result |"
    assert rows[1].startswith("| Bad specs | 41 malformed specs")
    assert "40/41 (validate) and 3/3 (train)" in rows[1]
    assert rows[2] == "| power_cuts | identical = 7, runs = 7 |  |"


def test_a_crash_found_by_the_fuzzer_is_reported_as_a_failure(report):
    numbers = {"random_json": 12, "random_json_failed": True, "mutations": 0}
    text = report.render({"spec_fuzz": numbers})
    assert "FAILED: the loader crashed on some random_json" in text
    assert "only outcomes" not in text


def test_check_mode_finds_a_stale_page_and_writes_nothing(report, tmp_path, capsys):
    summary = tmp_path / "summary.json"
    summary.write_text(json.dumps({"bad_specs": BAD_SPECS}))
    page = tmp_path / "reliability.md"
    assert report.main(["--summary", str(summary), "--out", str(page), "--check"]) == 1
    assert not page.exists()
    assert report.main(["--summary", str(summary), "--out", str(page)]) == 0
    assert report.main(["--summary", str(summary), "--out", str(page), "--check"]) == 0
    assert "41 malformed specs" in page.read_text()


def test_record_merges_families_into_one_json_object(tmp_path, monkeypatch):
    target = tmp_path / "summary.json"
    monkeypatch.setenv(reliability_summary.SUMMARY_ENV, str(target))
    reliability_summary.record("spec_fuzz", random_json=3)
    reliability_summary.record("spec_fuzz", mutations=4)
    reliability_summary.record("bad_specs", cases=5)
    assert json.loads(target.read_text()) == {
        "spec_fuzz": {"random_json": 3, "mutations": 4},
        "bad_specs": {"cases": 5},
    }


def test_without_the_env_var_nothing_is_recorded(tmp_path, monkeypatch):
    monkeypatch.delenv(reliability_summary.SUMMARY_ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    reliability_summary.record("bad_specs", cases=5)
    assert list(tmp_path.iterdir()) == []
