"""The embedded mnist-sample data set."""

from __future__ import annotations

import numpy as np

from neurokit.data.sample import load_mnist_sample

SIZES = {"train": 4000, "validation": 500, "test": 500}


def test_shapes_and_dtypes():
    splits = load_mnist_sample()
    assert set(splits) == set(SIZES)
    for name, (images, labels) in splits.items():
        assert images.shape == (SIZES[name], 784)
        assert labels.shape == (SIZES[name],)
        assert images.dtype == labels.dtype == np.uint8
        assert images.flags.c_contiguous


def test_every_digit_equally_represented():
    for name, (_, labels) in load_mnist_sample().items():
        expected = SIZES[name] // 10
        assert np.bincount(labels, minlength=10).tolist() == [expected] * 10


def test_splits_are_shuffled_not_sorted_by_digit():
    _, labels = load_mnist_sample()["train"]
    assert (np.diff(labels.astype(int)) != 0).mean() > 0.5


def test_pixels_use_full_range():
    images = np.concatenate([images for images, _ in load_mnist_sample().values()])
    assert images.min() == 0 and images.max() == 255
    # Real digits: mostly background with some ink, not noise or an all-black image.
    assert 0.05 < (images > 128).mean() < 0.3


def test_no_image_in_two_splits():
    seen: dict[bytes, str] = {}
    for name, (images, _) in load_mnist_sample().items():
        for row in images:
            key = row.tobytes()
            assert seen.setdefault(key, name) == name, f"image shared by {seen[key]} and {name}"


def test_loading_is_deterministic():
    first, second = load_mnist_sample(), load_mnist_sample()
    for name in SIZES:
        for a, b in zip(first[name], second[name], strict=True):
            np.testing.assert_array_equal(a, b)
