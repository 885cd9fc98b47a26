"""Reading ``metrics.jsonl``, which a user (or a broken disk) may have edited.

One JSON object per line, one line per finished epoch. Every row is checked before anything
uses it, so a tampered file is one line naming the file and the line, never a crash in a plot
or a resumed history of lists: not UTF-8, not JSON, nested too deep to parse, a row that is
not an object, an ``epoch`` that is not a count, a measured number that is not a number.
A last line without its newline is what a crash mid-append leaves; it is ignored when it does
not parse (neurokit rewrites the file whole at the next save).

``read_json_lines`` is that reading without the metrics' own checks, for the other JSON-lines
files neurokit keeps (a sweep's ``results.jsonl``).
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from pathlib import Path

from neurokit.core.errors import ModelFileError, NeurokitError
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
    return read_json_lines(
        path, _check_metrics_row, what="metrics file", row_name="metrics row", error=ModelFileError
    )


#: ``check(where, row)`` raises ``error`` for a row that is an object but not a valid one;
#: ``where`` is ``"FILE: line N"``.
RowCheck = Callable[[str, dict], None]


def read_json_lines(
    path: Path,
    check: RowCheck | None = None,
    *,
    what: str = "JSON-lines file",
    row_name: str = "row",
    error: type[NeurokitError] = ModelFileError,
) -> list[dict]:
    """The JSON objects of ``path``, one a line (empty when there is no such file).

    ``row_name`` says what a line holds, in messages. A damaged line raises ``error`` naming
    the file and the line; an unterminated last line that does not parse is what a crash
    mid-append leaves, and is left out.
    """
    if not path.exists():
        return []
    raw = read_regular_bytes(path, what, error=error)
    lines = raw.split(b"\n")
    unterminated = lines.pop() if lines else b""  # the text after the last newline
    rows = [
        _row(path, number, line, check, row_name, error)
        for number, line in enumerate(lines, 1)
        if line.strip()
    ]
    if unterminated.strip():
        with contextlib.suppress(error):  # a line cut by a crash mid-append
            rows.append(_row(path, len(lines) + 1, unterminated, check, row_name, error))
    return rows


def _row(
    path: Path,
    number: int,
    line: bytes,
    check: RowCheck | None,
    row_name: str,
    error: type[NeurokitError],
) -> dict:
    where = f"{shown(path)}: line {number}"
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        raise error(f"{where}: not UTF-8 text") from None
    try:
        row = json.loads(text)
    except json.JSONDecodeError as exc:
        raise error(f"{where}: not JSON ({exc.msg})") from None
    except RecursionError:
        raise error(f"{where}: not a {row_name} (nested too deeply)") from None
    if not isinstance(row, dict):
        raise error(f"{where}: a row must be a JSON object, not {_kind(row)}")
    if check is not None:
        check(where, row)
    return row


def _check_metrics_row(where: str, row: dict) -> None:
    epoch = row.get("epoch")
    if not isinstance(epoch, int) or isinstance(epoch, bool) or epoch < 1:
        raise ModelFileError(f"{where}: epoch must be a whole number ≥ 1, not {_shown(epoch)}")
    for key in NUMERIC_KEYS & row.keys():
        value = row[key]
        if value is not None and (not isinstance(value, int | float) or isinstance(value, bool)):
            raise ModelFileError(f"{where}: {key} must be a number, not {_shown(value)}")
    _check_shares(where, row.get("saturated"))


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
