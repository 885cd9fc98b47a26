"""Library messages name settings, not CLI options: the command layer gives the advice that
names its options, for the errors that carry a setting."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from neurokit import api
from neurokit.cli import main
from neurokit.core.errors import ModelFileError, NeurokitError

PACKAGE = Path(__file__).resolve().parents[1] / "neurokit"
OPTION = re.compile(r"(?<![\w-])--[a-z]")


def option_strings(path: Path, root: Path = PACKAGE.parent) -> list[str]:
    """String literals (docstrings and comments aside) in ``path`` that name a CLI option."""
    tree = ast.parse(path.read_text("utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        f"{path.relative_to(root)}:{node.lineno}: {node.value!r}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
        and OPTION.search(node.value)
    ]


def library_modules() -> list[Path]:
    # spec_docs is a script with its own --check option; cli and commands are the CLI.
    front_end = {PACKAGE / "cli.py", PACKAGE / "spec_docs.py"}
    return [
        path
        for path in sorted(PACKAGE.rglob("*.py"))
        if path not in front_end and PACKAGE / "commands" not in path.parents
    ]


def test_no_library_module_names_a_cli_option():
    found = [text for path in library_modules() for text in option_strings(path)]
    assert found == []


def test_the_scan_finds_an_option_in_a_message_but_not_in_a_docstring(tmp_path):
    copy = tmp_path / "atomic.py"
    copy.write_text(
        '"""Docs may say --overwrite."""\n\nMESSAGE = f"{1}: pass --overwrite"\nDASH = "a -- b"\n',
        "utf-8",
    )
    assert option_strings(copy, tmp_path) == ["atomic.py:3: ': pass --overwrite'"]


def test_an_error_reads_fact_then_advice_and_the_advice_can_be_replaced():
    error = NeurokitError("run/: already holds a run", setting="overwrite", advice="overwrite it")
    assert str(error) == "run/: already holds a run; overwrite it"
    assert error.with_advice("pass --overwrite") == "run/: already holds a run; pass --overwrite"
    assert str(NeurokitError("plain")) == "plain" and NeurokitError("plain").setting == ""


def test_resuming_without_a_checkpoint_advises_the_library_argument_or_the_option(
    tmp_path, capsys, registry
):
    with pytest.raises(ModelFileError) as caught:
        api.resume_run(tmp_path, registry)
    assert str(caught.value) == (
        f"{tmp_path}: no checkpoint.npz to resume from; "
        "train with checkpoint_every=N to save one every N epochs"
    )
    assert main(["train", "--resume", str(tmp_path), "--progress", "none"]) == 2
    assert capsys.readouterr().err == (
        f"neurokit: error: {tmp_path}: no checkpoint.npz to resume from; "
        "train with --checkpoint-every N\n"
    )


def test_training_into_an_existing_run_names_overwrite_in_each_layer_s_words(
    tmp_path, capsys, xor_spec_dict, write_spec
):
    spec_path = write_spec(xor_spec_dict)
    out = tmp_path / "run"
    assert main(["train", str(spec_path), "--out", str(out), "--progress", "none"]) == 0
    capsys.readouterr()
    assert main(["train", str(spec_path), "--out", str(out), "--progress", "none"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"neurokit: error: {out}: already holds a run (")
    assert err.endswith("; pass --overwrite to replace it or choose another --out\n")
    with pytest.raises(NeurokitError, match="overwrite=True") as caught:
        api.train(spec_path, out_dir=out, progress="none")
    assert "--" not in str(caught.value)
