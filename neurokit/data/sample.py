"""The embedded ``mnist-sample`` data set: 5,000 MNIST digits shipped inside the package.

It lets every example run offline in seconds. See ``docs/data.md`` for its provenance and
``tools/make_mnist_sample.py`` for how the file is built.
"""

from __future__ import annotations

from importlib import resources

import numpy as np

from neurokit.core.errors import DataError

SAMPLE_FILE = "mnist_sample.npz"
FORMAT_VERSION = 1
SPLITS = ("train", "validation", "test")


def load_mnist_sample() -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Return ``{"train", "validation", "test"} -> (images (n, 784) uint8, labels (n,) uint8)``.

    Sizes are 4,000 / 500 / 500, with every digit equally represented in each split.
    """
    resource = resources.files("neurokit.data").joinpath(SAMPLE_FILE)
    where = f"{SAMPLE_FILE} in the neurokit package"
    try:
        # allow_pickle=False: the file only holds plain arrays, so never run pickled code.
        with resource.open("rb") as handle, np.load(handle, allow_pickle=False) as archive:
            version = int(archive["format_version"])
            if version != FORMAT_VERSION:
                raise DataError(
                    f"{where} has format version {version}, this neurokit reads "
                    f"{FORMAT_VERSION}; reinstall neurokit"
                )
            return {
                split: (archive[f"{split}_images"], archive[f"{split}_labels"]) for split in SPLITS
            }
    except FileNotFoundError:
        raise DataError(f"{where} is missing; reinstall neurokit") from None
    except (KeyError, ValueError, OSError) as error:
        raise DataError(f"{where} is damaged ({error}); reinstall neurokit") from None
