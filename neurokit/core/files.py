"""Checks on files neurokit is asked to read, made before opening them.

Opening a FIFO for reading blocks until someone writes to it, and a device or a directory is
never what a command wants: every file a user names (a spec, a picture, a run's files) must be
an ordinary file, refused with one line otherwise.
"""

from __future__ import annotations

import os
import stat

from neurokit.core.errors import NeurokitError


def shown(path: str | os.PathLike) -> str:
    """``path`` for a one-line message: control characters (a newline in a name) escaped."""
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in str(path))


def check_regular_file(
    path: str | os.PathLike, what: str = "file", error: type[NeurokitError] = NeurokitError
) -> None:
    """Refuse a missing ``path`` or one that is not a regular file (FIFO, device, directory),
    with an ``error`` naming it as a ``what``."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise error(f"{shown(path)}: no such {what}") from None
    except OSError as exc:
        raise error(f"{shown(path)}: cannot read ({exc.strerror})") from None
    if not stat.S_ISREG(mode):
        kind = _kind(mode)
        article = "an" if what[:1] in "aeiou" else "a"
        raise error(f"{shown(path)}: is {kind}, not a regular file; give {article} {what}")


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def read_regular_bytes(
    path: str | os.PathLike,
    what: str = "file",
    limit: int | None = None,
    error: type[NeurokitError] = NeurokitError,
) -> bytes:
    """The bytes of the regular file ``path`` (at most ``limit``, refused beyond it)."""
    check_regular_file(path, what, error)
    try:
        with open(path, "rb") as handle:
            data = handle.read() if limit is None else handle.read(limit + 1)
    except OSError as exc:
        raise error(f"{shown(path)}: cannot read ({exc.strerror})") from None
    if limit is not None and len(data) > limit:
        raise error(f"{shown(path)}: larger than {limit} bytes; not a {what} neurokit wrote")
    return data
