"""Reading ``.npz`` files that may have been tampered with, without trusting their headers.

``np.load`` allocates whatever shape an ``.npy`` header declares (a 7 TiB array is one edited
line away) and would unpickle object arrays if asked. Here every member must be a ``.npy``
array of a plain dtype whose declared size is exactly the bytes the member holds, so nothing
larger than the file itself is ever allocated.
"""

from __future__ import annotations

import math
import zipfile
import zlib
from pathlib import Path

import numpy as np

from neurokit.core import files
from neurokit.core.errors import ModelFileError

ZIP_MAGIC = b"PK\x03\x04"
#: More members than any neurokit file holds; a file with more is refused unread.
MAX_MEMBERS = 4096
NAME_SHOWN = 40


class NpzError(ModelFileError):
    """An npz file is not one neurokit wrote."""


def check_regular_file(path: Path, what: str = "file") -> None:
    """Refuse a missing path or one that is not a regular file (FIFO, device, directory)."""
    files.check_regular_file(path, what, ModelFileError)


def read_npz(path: str | Path, what: str = "neurokit model") -> dict[str, np.ndarray]:
    """Every array in ``path``; anything but a plain npz of .npy members is refused."""
    path = Path(path)
    check_regular_file(path, "model file")
    with path.open("rb") as handle:
        magic = handle.read(len(ZIP_MAGIC))
    if magic != ZIP_MAGIC:
        kind = "empty file" if not magic else "not an npz (zip) archive"
        raise NpzError(f"{_shown(path)}: not a {what} ({kind})")
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            if len(members) > MAX_MEMBERS:
                raise NpzError(
                    f"{_shown(path)}: not a {what} ({len(members)} members; at most "
                    f"{MAX_MEMBERS} expected)"
                )
            return {_array_name(path, m): _read_member(path, archive, m) for m in members}
    except NpzError:
        raise
    except (
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        OSError,
        ValueError,
        NotImplementedError,
        RuntimeError,
    ) as exc:
        detail = " ".join(str(exc).split())[:120]
        raise NpzError(f"{_shown(path)}: not a {what} (unreadable npz: {detail})") from None


def _array_name(path: Path, member: zipfile.ZipInfo) -> str:
    if not member.filename.endswith(".npy"):
        raise NpzError(
            f"{_shown(path)}: member {_short(member.filename)} is not a .npy array; "
            "neurokit writes nothing else"
        )
    return member.filename[: -len(".npy")]


def _read_member(path: Path, archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> np.ndarray:
    name = _short(member.filename)
    with archive.open(member) as handle:
        version = np.lib.format.read_magic(handle)
        if version == (1, 0):
            shape, fortran, dtype = np.lib.format.read_array_header_1_0(handle)
        elif version in ((2, 0), (3, 0)):
            shape, fortran, dtype = np.lib.format.read_array_header_2_0(handle)
        else:
            raise NpzError(f"{_shown(path)}: member {name} has unknown .npy version {version}")
        if dtype.hasobject or dtype.kind not in "biuf":
            raise NpzError(
                f"{_shown(path)}: refused: member {name} is a pickled (object) array or "
                f"of dtype {dtype}, which neurokit never writes and will not load"
            )
        declared = math.prod(shape) * dtype.itemsize
        held = member.file_size - handle.tell()
        if declared != held:
            raise NpzError(
                f"{_shown(path)}: member {name} declares shape {tuple(shape)} "
                f"({declared} bytes) but holds {held} bytes"
            )
        data = handle.read(declared)
    array = np.frombuffer(data, dtype=dtype).reshape(shape, order="F" if fortran else "C")
    return array.copy()


def _short(name: str) -> str:
    text = repr(name)
    return text if len(text) <= NAME_SHOWN else text[: NAME_SHOWN - 4] + "…'"


def _shown(path: Path) -> str:
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in str(path))
