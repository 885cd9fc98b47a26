"""Whether a data set's IDX files are on disk, and how many examples they hold, without
loading them: only the 8 bytes at the start of each images file are read (after gunzip).

``neurokit datasets`` and ``neurokit data where`` are built on this.
"""

from __future__ import annotations

import gzip
import os
import struct
from dataclasses import dataclass
from pathlib import Path

from neurokit.data.idx import GZIP_MAGIC
from neurokit.data.locate import FILES, VALIDATION_SIZE, candidate_dirs


@dataclass(frozen=True)
class DirectoryStatus:
    """What one searched directory holds of a data set's four files."""

    directory: Path
    present: dict[str, Path]
    #: Images in the train and test files (from their headers), when both are readable.
    counts: tuple[int, int] | None = None
    problem: str = ""

    @property
    def complete(self) -> bool:
        return len(self.present) == len(FILES)

    @property
    def missing(self) -> list[str]:
        return [FILES[role] for role in FILES if role not in self.present]

    def describe(self) -> str:
        if not self.directory.is_dir():
            return "does not exist"
        if not self.present:
            return "no files of this data set"
        if not self.complete:
            return f"incomplete, missing {', '.join(self.missing)} (loading fails here)"
        if self.problem:
            return f"all four files, but {self.problem}"
        return f"all four files ({split_sizes(self.counts)})"


def directory_status(directory: str | os.PathLike) -> DirectoryStatus:
    directory = Path(directory)
    present = {}
    for role, base in FILES.items():
        for candidate in (directory / base, directory / f"{base}.gz"):
            if candidate.is_file():
                present[role] = candidate
                break
    counts, problem = None, ""
    if len(present) == len(FILES):
        try:
            counts = (
                idx_first_dimension(present["train_images"]),
                idx_first_dimension(present["test_images"]),
            )
        except (OSError, EOFError, ValueError) as exc:
            problem = f"an images file is unreadable ({exc})"
    return DirectoryStatus(directory, present, counts, problem)


def search_report(name: str, data_dir=None) -> list[tuple[DirectoryStatus, bool]]:
    """Every directory searched for ``name``, in order, with True for the one loading uses
    (the first that holds any of the files)."""
    report, used = [], False
    for directory in candidate_dirs(name, data_dir):
        status = directory_status(directory)
        chosen = bool(status.present) and not used
        used = used or chosen
        report.append((status, chosen))
    return report


def find_status(name: str, data_dir=None) -> DirectoryStatus | None:
    """The status of the directory loading would use, or None when no directory has files."""
    for status, chosen in search_report(name, data_dir):
        if chosen:
            return status
    return None


def idx_first_dimension(path: str | os.PathLike) -> int:
    """The number of items in an IDX file (its first dimension), from the header alone."""
    path = Path(path)
    with path.open("rb") as raw:
        gzipped = raw.read(2) == GZIP_MAGIC
    opener = gzip.open if gzipped else open
    with opener(path, "rb") as handle:
        header = handle.read(8)
    if len(header) < 8 or header[:2] != b"\x00\x00" or header[3] == 0:
        raise ValueError(f"{path.name} does not start with an IDX header")
    return struct.unpack(">I", header[4:8])[0]


def split_sizes(counts: tuple[int, int] | None) -> str:
    """'50,000 / 10,000 / 10,000 train/validation/test' from the train and test file sizes."""
    if counts is None:
        return "sizes unknown"
    train, test = counts
    if train <= VALIDATION_SIZE:
        return f"{train:,} training images, too few to hold out {VALIDATION_SIZE:,}"
    return f"{train - VALIDATION_SIZE:,} / {VALIDATION_SIZE:,} / {test:,} train/validation/test"
