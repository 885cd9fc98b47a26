"""The IDX file format used by MNIST and Fashion-MNIST: reading, writing and checking it.

An IDX file is a tiny header followed by raw array data::

    bytes 0-1   zero
    byte  2     type code (0x08 = unsigned byte; the only type neurokit reads)
    byte  3     number of dimensions, d
    then d      big-endian uint32 dimension sizes
    then        prod(sizes) data items, row-major (C order)

Files may be gzip-compressed; we recognise that by the gzip magic bytes, not by the name,
because people often rename or decompress files by hand.
"""

from __future__ import annotations

import gzip
import math
import os
import struct
import zlib
from pathlib import Path

import numpy as np

from neurokit.core.atomic import write_bytes
from neurokit.core.errors import DataError
from neurokit.data import idx_cache

GZIP_MAGIC = b"\x1f\x8b"
UBYTE = 0x08

# Other type codes the format defines, so a refusal can say what the file actually holds.
_TYPE_NAMES = {
    0x08: "unsigned byte",
    0x09: "signed byte",
    0x0B: "short (int16)",
    0x0C: "int (int32)",
    0x0D: "float (float32)",
    0x0E: "double (float64)",
}

_FIX = "replace it with an intact copy (e.g. `neurokit data download mnist`)"


def read_idx(path: str | os.PathLike) -> np.ndarray:
    """Read an unsigned-byte IDX file (plain or gzipped) into a read-only uint8 array.

    The array has the shape given in the header. It is a view of the file's bytes, so it is
    read-only; use ``array.copy()`` if you need to modify it.
    """
    path = Path(path)
    raw = _read_decompressed(path)
    shape, header_size = _parse_header(path, raw)
    expected = math.prod(shape)
    got = len(raw) - header_size
    if got < expected:
        raise DataError(
            f"{path}: truncated IDX file: header shape {shape} needs {expected} data bytes, "
            f"got {got}; {_FIX}"
        )
    if got > expected:
        raise DataError(
            f"{path}: {got - expected} unexpected trailing bytes after the {expected} data "
            f"bytes of shape {shape}; {_FIX}"
        )
    return np.frombuffer(raw, dtype=np.uint8, offset=header_size).reshape(shape)


def write_idx(path: str | os.PathLike, array: np.ndarray) -> None:
    """Write a uint8 array as an IDX file, gzipped if ``path`` ends in ``.gz``, atomically."""
    path = Path(path)
    array = np.asarray(array)
    if array.dtype != np.uint8:
        raise DataError(f"{path}: IDX writer takes uint8 arrays, got {array.dtype}; convert first")
    if not 1 <= array.ndim <= 255 or any(size >= 2**32 for size in array.shape):
        raise DataError(f"{path}: shape {array.shape} cannot be stored in an IDX header")
    header = bytes([0, 0, UBYTE, array.ndim]) + struct.pack(f">{array.ndim}I", *array.shape)
    data = header + np.ascontiguousarray(array).tobytes()
    if path.name.endswith(".gz"):
        # mtime=0 keeps the output byte-identical for identical arrays.
        data = gzip.compress(data, mtime=0)
    write_bytes(path, data)


def read_idx_pair(
    images_path: str | os.PathLike,
    labels_path: str | os.PathLike,
    image_shape: tuple[int, int] = (28, 28),
) -> tuple[np.ndarray, np.ndarray]:
    """Read matching image and label files.

    Returns ``(images, labels)``: images as a C-contiguous ``(n, rows*cols)`` uint8 array (one
    flattened image per row, which is what a fully connected network consumes) and labels as
    an ``(n,)`` uint8 array of digits 0..9.
    """
    images = read_idx(images_path)
    labels = read_idx(labels_path)
    if images.ndim >= 1 and len(images) == 0:
        raise DataError(f"{images_path}: holds 0 images; {_FIX}")
    if images.ndim != 3 or images.shape[1:] != tuple(image_shape):
        raise DataError(
            f"{images_path}: expected images of shape (n, {image_shape[0]}, {image_shape[1]}), "
            f"got {images.shape}; is this the right file?"
        )
    if labels.ndim != 1:
        raise DataError(
            f"{labels_path}: expected a 1-D label file, got shape {labels.shape}; "
            "is this the right file?"
        )
    if len(images) != len(labels):
        raise DataError(
            f"{images_path} has {len(images)} images but {labels_path} has {len(labels)} "
            "labels; use files from the same split and release"
        )
    if labels.size and labels.max() > 9:
        raise DataError(f"{labels_path}: labels must be 0..9, found {int(labels.max())}; {_FIX}")
    # Reshaping a contiguous array is a view, so no pixel data is copied here.
    return images.reshape(len(images), -1), labels


def _read_decompressed(path: Path) -> bytes:
    """The file's bytes, decompressed if gzipped: from the decompressed-data cache when it
    holds them for the file as it is now (``neurokit.data.idx_cache``). A cache hit reads
    only the source's first 2 and last 8 bytes, not its compressed body."""
    try:
        with path.open("rb") as handle:
            stamp = _stamp(handle)
            if stamp is not None:
                cached = idx_cache.load(path, stamp)
                if cached is not None:
                    return cached
            handle.seek(0)
            raw = handle.read()
            if stamp is not None and _stamp(handle) != stamp:
                stamp = None  # changed while it was read: nothing is cached for it
    except FileNotFoundError:
        raise DataError(f"{path}: file not found") from None
    except OSError as error:
        raise DataError(f"{path}: cannot read: {error.strerror or error}") from None
    if raw[:2] != GZIP_MAGIC:
        return raw
    try:
        data = gzip.decompress(raw)
    except (OSError, EOFError, zlib.error) as error:
        raise DataError(f"{path}: damaged gzip data ({error}); {_FIX}") from None
    if stamp is not None and len(raw) == stamp.size and raw[-8:] == stamp.tail:
        idx_cache.store(path, stamp, data)
    return data


def _stamp(handle) -> idx_cache.SourceStamp | None:
    """The stamp of the open file's present state (size, mtime, gzip trailer), or None when
    it is not gzipped (plain files are never cached)."""
    status = os.fstat(handle.fileno())
    handle.seek(0)
    if handle.read(2) != GZIP_MAGIC or status.st_size < 10:
        return None
    handle.seek(status.st_size - 8)
    return idx_cache.SourceStamp(status.st_size, status.st_mtime_ns, handle.read(8))


def _parse_header(path: Path, raw: bytes) -> tuple[tuple[int, ...], int]:
    """Check the magic number and return (shape, header size in bytes)."""
    if len(raw) < 4:
        raise DataError(f"{path}: too short to be an IDX file ({len(raw)} bytes); {_FIX}")
    zero0, zero1, type_code, ndim = raw[:4]
    if zero0 != 0 or zero1 != 0:
        raise DataError(
            f"{path}: not an IDX file (magic number starts {raw[:4].hex()}, expected 0000); "
            "is this the right file?"
        )
    if type_code != UBYTE:
        kind = _TYPE_NAMES.get(type_code, "unknown")
        raise DataError(
            f"{path}: IDX type code 0x{type_code:02X} ({kind}) is not supported; "
            "neurokit reads only 0x08 (unsigned byte) files such as MNIST"
        )
    if ndim == 0:
        raise DataError(f"{path}: IDX header declares 0 dimensions; {_FIX}")
    header_size = 4 + 4 * ndim
    if len(raw) < header_size:
        raise DataError(
            f"{path}: truncated IDX header: {ndim} dimensions need {header_size} bytes, "
            f"file has {len(raw)}; {_FIX}"
        )
    shape = struct.unpack(f">{ndim}I", raw[4:header_size])
    return tuple(int(size) for size in shape), header_size
