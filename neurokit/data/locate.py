"""Finding the four IDX files of MNIST or Fashion-MNIST on disk and splitting them.

Directories are searched in this order, and the first one holding any of the files wins:

1. the ``data_dir`` argument (if given, it is the only place looked at);
2. ``$NEUROKIT_DATA/<name>/`` and then ``$NEUROKIT_DATA/`` itself;
3. the user cache directory, ``platformdirs.user_cache_dir("neurokit")/<name>``
   (where ``neurokit data download`` puts files);
4. for Fashion-MNIST, the directory Debian's ``dataset-fashion-mnist`` package installs.
"""

from __future__ import annotations

import os
from collections.abc import Collection
from pathlib import Path

import numpy as np
from platformdirs import user_cache_dir

from neurokit.core.errors import DataError
from neurokit.data.idx import read_idx_pair

DATASETS = ("mnist", "fashion-mnist")

# Role -> standard file name (each may also be present with a .gz suffix).
FILES = {
    "train_images": "train-images-idx3-ubyte",
    "train_labels": "train-labels-idx1-ubyte",
    "test_images": "t10k-images-idx3-ubyte",
    "test_labels": "t10k-labels-idx1-ubyte",
}

# Installed by `apt-get install dataset-fashion-mnist` (files are gzipped).
DEBIAN_DIRS = {"fashion-mnist": Path("/usr/share/datasets/fashion-mnist")}

ENV_VAR = "NEUROKIT_DATA"
VALIDATION_SIZE = 10_000


def default_cache_dir(name: str) -> Path:
    """Where downloads go and the last per-user place searched: ``<user cache>/<name>``."""
    return Path(user_cache_dir("neurokit")) / name


def candidate_dirs(name: str, data_dir: str | os.PathLike | None = None) -> list[Path]:
    """The directories searched for ``name``, in order."""
    _check_name(name)
    if data_dir is not None:
        return [Path(data_dir)]
    dirs = []
    env = os.environ.get(ENV_VAR)
    if env:
        dirs += [Path(env) / name, Path(env)]
    dirs.append(default_cache_dir(name))
    if name in DEBIAN_DIRS:
        dirs.append(DEBIAN_DIRS[name])
    return dirs


def find_idx_files(name: str, data_dir: str | os.PathLike | None = None) -> dict[str, Path]:
    """Return the paths of the four files (keys as in ``FILES``) from the first directory
    that has any of them; a directory with only some of them is an error."""
    dirs = candidate_dirs(name, data_dir)
    for directory in dirs:
        found = {role: _find_one(directory, base) for role, base in FILES.items()}
        present = {role: path for role, path in found.items() if path is not None}
        if len(present) == len(FILES):
            return present
        if present:
            missing = ", ".join(FILES[role] for role in FILES if role not in present)
            raise DataError(
                f"{directory} holds only some of the {name} files; missing: {missing} "
                "(plain or .gz); add them or run `neurokit data download " + name + "`"
            )
    where = ", ".join(str(d) for d in dirs)
    raise DataError(
        f"{name} data not found (looked in {where}); put the four files "
        f"({', '.join(FILES.values())}, optionally .gz) in {default_cache_dir(name)} "
        f"or ${ENV_VAR}/{name}, or run `neurokit data download {name}` to fetch them"
    )


def load_idx_splits(
    name: str,
    data_dir: str | os.PathLike | None = None,
    validation_size: int = VALIDATION_SIZE,
    splits: Collection[str] | None = None,
) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Load ``name`` as ``{"train", "validation", "test"} -> (images (n, 784), labels (n,))``.

    Validation is the last ``validation_size`` training examples (the usual 50k/10k/10k
    split of MNIST's 60k training set); test is the t10k files. All arrays are uint8 views of
    the file data: slicing whole rows keeps them C-contiguous without copying pixels.
    ``splits`` names the ones wanted (all when None): scoring the test split reads only the
    two t10k files, not the 47 MB of training images.
    """
    wanted = set(splits) if splits is not None else {"train", "validation", "test"}
    paths = find_idx_files(name, data_dir)
    loaded: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    if wanted & {"train", "validation"}:
        train_images, train_labels = read_idx_pair(paths["train_images"], paths["train_labels"])
        if not 0 < validation_size < len(train_images):
            raise DataError(
                f"{paths['train_images']}: cannot hold out {validation_size} validation images "
                f"from {len(train_images)} training images; use the complete {name} files"
            )
        cut = len(train_images) - validation_size
        loaded["train"] = (train_images[:cut], train_labels[:cut])
        loaded["validation"] = (train_images[cut:], train_labels[cut:])
    if "test" in wanted:
        loaded["test"] = read_idx_pair(paths["test_images"], paths["test_labels"])
    return {split: loaded[split] for split in ("train", "validation", "test") if split in wanted}


def _find_one(directory: Path, base: str) -> Path | None:
    # Prefer the uncompressed file: it loads faster and the user decompressed it on purpose.
    for candidate in (directory / base, directory / f"{base}.gz"):
        if candidate.is_file():
            return candidate
    return None


def _check_name(name: str) -> None:
    if name not in DATASETS:
        raise DataError(f"unknown IDX data set {name!r}; choose one of: {', '.join(DATASETS)}")
