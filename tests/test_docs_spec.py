"""docs/spec.md is generated from the Pydantic models; this fails when it is out of date."""

from __future__ import annotations

from pathlib import Path

from neurokit import spec_docs
from neurokit.spec import Spec

DOC = Path(__file__).resolve().parents[1] / "docs" / "spec.md"


def test_docs_spec_md_is_up_to_date():
    assert DOC.read_text(encoding="utf-8") == spec_docs.render(), (
        f"docs/spec.md is out of date; regenerate it with: {spec_docs.REGENERATE} "
        "(run from the repository root)"
    )


def test_every_spec_field_is_documented():
    text = spec_docs.render()
    for model, _where in spec_docs.MODELS:
        assert f"## {model.__name__}" in text
        for name in model.model_fields:
            assert f"| `{name}` |" in text, f"{model.__name__}.{name} missing from docs/spec.md"
    assert "| `eta` | `number` | required | learning rate η (> 0) |" in text


def test_check_mode_reports_a_stale_file(tmp_path, capsys):
    stale = tmp_path / "spec.md"
    stale.write_text("# old\n")
    assert spec_docs.main(["--check", str(stale)]) == 1
    assert spec_docs.REGENERATE in capsys.readouterr().err
    assert spec_docs.main([str(stale)]) == 0
    assert spec_docs.main(["--check", str(stale)]) == 0
    assert Spec.__name__ in stale.read_text()
