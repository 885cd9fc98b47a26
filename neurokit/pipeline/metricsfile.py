"""Reading ``metrics.jsonl``, which a user (or a broken disk) may have edited.

One JSON object per line, one line per finished epoch. Every row is checked before anything
uses it, so a tampered file is one line naming the file and the line, never a crash in a plot
or a resumed history of lists: not UTF-8, not JSON, nested too deep to parse, a row that is
not an object, an ``epoch`` that is not a count, a measured number that is not a number.
A last line without its newline is what a crash mid-append leaves; it is ignored when it does
not parse (neurokit rewrites the file whole at the next save).
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

from neurokit.core.errors import ModelFileError
from neurokit.core.files import read_regular_bytes, shown

#: The keys neurokit writes as numbers (or null, where a model has no cost or accuracy).
NUMERIC_KEYS = frozenset(
    {
        "train_cost",
        "train_accuracy",
        "train_n",
        "seconds",
        "samples_per_second",
        "validation_cost",
        "validation_accuracy",
        "validation_correct",
        "validation_n",
    }
)


def read_metrics(path: Path) -> list[dict]:
    """The rows of ``path`` (empty when there is no such file), each checked."""
    if not path.exists():
        return []
    raw = read_regular_bytes(path, "metrics file", error=ModelFileError)
    lines = raw.split(b"\n")
    unterminated = lines.pop() if lines else b""  # the text after the last newline
    rows = [_row(path, number, line) for number, line in enumerate(lines, 1) if line.strip()]
    if unterminated.strip():
        with contextlib.suppress(ModelFileError):  # a line cut by a crash mid-append
            rows.append(_row(path, len(lines) + 1, unterminated))
    return rows


def _row(path: Path, number: int, line: bytes) -> dict:
    where = f"{shown(path)}: line {number}"
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        raise ModelFileError(f"{where}: not UTF-8 text") from None
    try:
        row = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ModelFileError(f"{where}: not JSON ({exc.msg})") from None
    except RecursionError:
        raise ModelFileError(f"{where}: not a metrics row (nested too deeply)") from None
    if not isinstance(row, dict):
        raise ModelFileError(f"{where}: a row must be a JSON object, not {_kind(row)}")
    epoch = row.get("epoch")
    if not isinstance(epoch, int) or isinstance(epoch, bool) or epoch < 1:
        raise ModelFileError(f"{where}: epoch must be a whole number ≥ 1, not {_shown(epoch)}")
    for key in NUMERIC_KEYS & row.keys():
        value = row[key]
        if value is not None and (not isinstance(value, int | float) or isinstance(value, bool)):
            raise ModelFileError(f"{where}: {key} must be a number, not {_shown(value)}")
    _check_shares(where, row.get("saturated"))
    return row


def _check_shares(where: str, shares: object) -> None:
    """``saturated``, when present, maps each hidden layer l to a share in [0, 1]."""
    if shares is None:
        return
    if not isinstance(shares, dict):
        raise ModelFileError(f"{where}: saturated must be an object, not {_kind(shares)}")
    for layer, share in shares.items():
        if not isinstance(share, int | float) or isinstance(share, bool) or not 0 <= share <= 1:
            raise ModelFileError(
                f"{where}: saturated[{layer!r}] must be a share from 0 to 1, not {_shown(share)}"
            )


def _kind(value: object) -> str:
    kinds = {list: "a list", dict: "an object", str: "a string", bool: "a boolean"}
    return kinds.get(type(value), "null" if value is None else "a number")


def _shown(value: object) -> str:
    text = json.dumps(value) if not isinstance(value, list | dict) else _kind(value)
    return text if len(text) <= 40 else text[:39] + "…"
