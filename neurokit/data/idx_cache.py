"""A per-user cache of gzipped IDX files' decompressed bytes, so a second read skips gzip.

Decompressing MNIST's 10,000 test images takes ~40 ms, more than scoring them; reading the
same bytes back from the cache and checking them takes ~3 ms. Only gzipped sources are
cached (a plain file is read directly). A cache file holds one source's decompressed bytes
behind a header saying what they were made from::

    magic, the source's size and modification time (ns), the source's last 8 bytes (gzip's
    trailer: the data's CRC-32 and length), the payload's length and the payload's CRC-32

It is used only when all of that matches the source as read now and the payload checks out;
anything else (a changed or replaced source, a truncated or damaged cache file, a format of
another version) decompresses the source again and rewrites the cache file. Writes are atomic
(``neurokit.core.atomic``): a process reading at the same time sees the old file or the new
one, never half of one. A cache that cannot be read or written (a read-only home, a full
disk) only costs time, so it is passed over without a word.

Cache files live in ``<user cache>/neurokit/decompressed/``, one per source path (named by
the hash of its absolute path, so a changed source replaces its own entry).
``NEUROKIT_DISABLE_DATA_CACHE=1`` turns the cache off, for reading and writing.
"""

from __future__ import annotations

import hashlib
import os
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

DISABLE_ENV = "NEUROKIT_DISABLE_DATA_CACHE"
#: Changed whenever the layout changes, so an older neurokit's file is never misread.
MAGIC = b"NKIDXZ\x00\x01"
#: magic, source size, source mtime (ns), source's last 8 bytes, payload length, payload CRC-32
HEADER = struct.Struct("<8sQq8sQI")


@dataclass(frozen=True)
class SourceStamp:
    """What identifies one state of a gzipped source: a cache entry made from another state
    is stale."""

    size: int
    mtime_ns: int
    #: gzip's trailer (CRC-32 and length of the uncompressed data): a rewritten file that kept
    #: its size and time still differs here.
    tail: bytes


def enabled() -> bool:
    return os.environ.get(DISABLE_ENV, "") not in ("1", "true", "yes")


def cache_dir() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("neurokit")) / "decompressed"


def entry_path(source: Path) -> Path:
    """The cache file for ``source``: one per absolute path."""
    digest = hashlib.sha256(os.fsencode(source.resolve())).hexdigest()[:32]
    return cache_dir() / f"{digest}.idx"


def load(source: Path, stamp: SourceStamp) -> bytes | None:
    """The cached decompressed bytes of ``source`` in the state ``stamp``, or None when there
    are none that can be trusted."""
    if not enabled():
        return None
    try:
        with entry_path(source).open("rb") as handle:
            header = handle.read(HEADER.size)
            payload = handle.read()
    except OSError:  # none yet, or unreadable: read the source
        return None
    if len(header) != HEADER.size:
        return None
    magic, size, mtime_ns, tail, length, crc = HEADER.unpack(header)
    if (magic, size, mtime_ns, tail) != (MAGIC, stamp.size, stamp.mtime_ns, stamp.tail):
        return None
    if len(payload) != length or zlib.crc32(payload) != crc:
        return None  # truncated or damaged
    return payload


def store(source: Path, stamp: SourceStamp, data: bytes) -> None:
    """Keep ``data``, the decompressed bytes of ``source`` in the state ``stamp``."""
    if not enabled():
        return
    from neurokit.core.atomic import atomic_open

    header = HEADER.pack(MAGIC, stamp.size, stamp.mtime_ns, stamp.tail, len(data), zlib.crc32(data))
    try:
        with atomic_open(entry_path(source), "wb") as handle:
            handle.write(header)
            handle.write(data)
    except OSError:  # no room or no permission: the next read decompresses again
        pass
