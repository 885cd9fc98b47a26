"""Atomic file writes: a crash leaves either the old file or the new one, never a partial one.

Every file neurokit writes (models, specs, metrics, checkpoints, downloads) goes through here:
the bytes go to a temporary file in the destination's directory, are flushed and fsync'ed,
and the temporary file is renamed over the destination, which POSIX guarantees is atomic.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO


@contextlib.contextmanager
def atomic_open(path: str | os.PathLike, mode: str = "wb") -> Iterator[IO]:
    """Open a temporary file next to ``path``; on a clean exit it replaces ``path``.

    If the block raises, the temporary file is removed and ``path`` is untouched.
    """
    if mode not in ("w", "wb"):
        raise ValueError(f"atomic_open writes whole files; mode must be 'w' or 'wb', not {mode!r}")
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:  # name the file the user asked for, not a temporary one
        raise OSError(exc.errno, exc.strerror, str(path)) from None
    try:
        # mkstemp creates 0600; give the file the mode an ordinary open() would have.
        os.fchmod(fd, _mode_for(path))
        encoding = None if "b" in mode else "utf-8"
        with os.fdopen(fd, mode, encoding=encoding) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        if isinstance(exc, OSError) and exc.filename in (tmp_name, None) and exc.errno:
            raise OSError(exc.errno, exc.strerror, str(path)) from None
        raise
    _fsync_directory(path.parent)


def write_bytes(path: str | os.PathLike, data: bytes) -> None:
    """Atomically replace ``path`` with ``data``."""
    with atomic_open(path, "wb") as handle:
        handle.write(data)


def write_text(path: str | os.PathLike, text: str) -> None:
    """Atomically replace ``path`` with ``text`` (UTF-8)."""
    with atomic_open(path, "w") as handle:
        handle.write(text)


def append_line(path: str | os.PathLike, line: str) -> None:
    """Append one line by atomically rewriting the file with it added.

    Metrics files are small (one line per epoch), so rewriting them keeps the
    "old or new, never partial" guarantee at negligible cost.
    """
    path = Path(path)
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    write_text(path, old + line.rstrip("\n") + "\n")


def append_text(path: str | os.PathLike, text: str) -> None:
    """Append ``text`` (whole lines) in one write and fsync it.

    Not a rename: for a file that only grows (``metrics.jsonl``) rewriting it each time costs
    O(file) per line. A crash can at worst leave the last line unterminated; readers ignore an
    unterminated last line, and neurokit rewrites the file atomically when it finds it so.
    """
    data = text.encode("utf-8")
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, _mode_for(Path(path)))
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)


def _mode_for(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _fsync_directory(directory: Path) -> None:
    # Makes the rename itself durable; not every platform lets a directory be opened.
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
