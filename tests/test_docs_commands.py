"""Every command shown in the docs is run here, so the docs cannot drift from the code.

THE FORMAT RULE (for everyone writing docs/*.md):

* Commands a reader should type go in a fenced block opened with ```console.
  Lines in it starting with ``$ neurokit `` are run, in order, by this test; every other line
  of the block is example output and is not checked (timings and numbers may differ).
  Other ``$`` lines in a console block (``$ pip install …``) are not run.
* A command may continue on the next line with a trailing backslash.
* A command must exit 0. When the doc shows a failure on purpose, end the command line with
  ``# exit N`` (shell comment, so it still copies and pastes), e.g.
  ``$ neurokit explain examples/mnist.json  # exit 2``.
* All commands of one doc file run in one fresh temporary directory holding a copy of the
  repository's ``examples/``, so a later command can use a run directory an earlier one
  wrote (``--out runs/xor`` then ``neurokit plot runs/xor``).
* Keep them quick: short runs (``--epochs 2``), the embedded ``mnist-sample`` data set,
  no downloads. Blocks that must not run (downloads, long trainings) use ```text or ```sh.

Commands run in-process through ``neurokit.cli.main`` (the same code path as the console
script, minus interpreter start-up).

Links of the form [`Name.attr`](../neurokit/module.py) in the docs are checked too: the
named function or class must be defined in that file.
"""

from __future__ import annotations

import re
import shlex
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from neurokit.cli import main

ROOT = Path(__file__).resolve().parents[1]
DOCS = sorted((ROOT / "docs").glob("*.md"))
FENCE = re.compile(r"^```console[ \t]*\n(.*?)^```", re.MULTILINE | re.DOTALL)
EXIT_MARK = re.compile(r"\s+#\s*exit\s+(\d+)\s*$")
CODE_LINK = re.compile(r"\[`([A-Za-z_][\w.]*)(?:\(\))?`\]\((\.\./neurokit/[\w/]+\.py)\)")


@dataclass
class DocCommand:
    doc: str
    line: int
    argv: list[str]
    expected: int

    def __str__(self) -> str:
        return f"{self.doc}:{self.line}: neurokit {shlex.join(self.argv)}"


def commands_in(path: Path) -> list[DocCommand]:
    """The ``$ neurokit …`` commands of every console block of a Markdown file."""
    text = path.read_text(encoding="utf-8")
    found = []
    for block in FENCE.finditer(text):
        first_line = text.count("\n", 0, block.start(1)) + 1
        lines = block.group(1).splitlines()
        i = 0
        while i < len(lines):
            line, number = lines[i], first_line + i
            i += 1
            if not line.startswith("$ "):
                continue
            command = line[2:]
            while command.endswith("\\") and i < len(lines):
                command = command[:-1] + " " + lines[i].strip()
                i += 1
            expected = 0
            mark = EXIT_MARK.search(command)
            if mark:
                expected = int(mark.group(1))
                command = command[: mark.start()]
            words = shlex.split(command, comments=True)
            if words and words[0] == "neurokit":
                found.append(DocCommand(path.name, number, words[1:], expected))
    return found


def test_the_extractor_follows_the_format_rule(tmp_path):
    doc = tmp_path / "sample.md"
    doc.write_text(
        "```console\n"
        "$ neurokit train examples/xor.json \\\n"
        "    --epochs 2\n"
        "epoch 1/2 ...\n"
        "$ pip install 'neurokit[plot]'\n"
        "$ neurokit explain examples/mnist.json  # exit 2\n"
        "```\n"
        "```text\n$ neurokit never-run\n```\n"
    )
    found = commands_in(doc)
    assert [(c.line, c.argv, c.expected) for c in found] == [
        (2, ["train", "examples/xor.json", "--epochs", "2"], 0),
        (6, ["explain", "examples/mnist.json"], 2),
    ]


@pytest.mark.parametrize("doc", DOCS, ids=[doc.name for doc in DOCS])
def test_every_console_command_in_the_docs_runs(doc, tmp_path, monkeypatch, capsys):
    commands = commands_in(doc)
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    for command in commands:
        try:
            status = main(list(command.argv))
        except SystemExit as exc:  # argparse rejects unknown commands and flags this way
            status = exc.code if isinstance(exc.code, int) else 2
        captured = capsys.readouterr()
        assert status == command.expected, (
            f"{command} exited {status}, the doc expects {command.expected}\n"
            f"--- stdout ---\n{captured.out[-3000:]}\n--- stderr ---\n{captured.err[-3000:]}"
        )


def test_the_learning_docs_show_commands():
    counted = {doc.name: len(commands_in(doc)) for doc in DOCS}
    assert counted.get("tutorial.md", 0) >= 8
    assert counted.get("exercises.md", 0) >= 5


@pytest.mark.parametrize("doc", DOCS, ids=[doc.name for doc in DOCS])
def test_code_links_name_definitions_that_exist(doc):
    for name, target in CODE_LINK.findall(doc.read_text(encoding="utf-8")):
        source = (doc.parent / target).resolve()
        assert source.is_file(), f"{doc.name}: link to missing file {target}"
        code = source.read_text(encoding="utf-8")
        for part in name.split("."):
            pattern = rf"^\s*(def|class)\s+{re.escape(part)}\b|^{re.escape(part)}\s*[:=]"
            assert re.search(pattern, code, re.MULTILINE), (
                f"{doc.name}: [{name}]({target}) but {target} defines no {part!r}"
            )
