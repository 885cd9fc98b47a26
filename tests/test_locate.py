"""Where MNIST-format files are looked for, and how they are split."""

from __future__ import annotations

import numpy as np
import pytest

from neurokit.core.errors import DataError
from neurokit.data import locate
from neurokit.data.idx import write_idx
from neurokit.data.locate import find_idx_files, load_idx_splits

N_TRAIN, N_TEST = 12, 3


@pytest.fixture(autouse=True)
def isolated_search_path(tmp_path, monkeypatch):
    """No test may see the real environment, cache or Debian files."""
    monkeypatch.delenv(locate.ENV_VAR, raising=False)
    cache_root = tmp_path / "cache-root"
    monkeypatch.setattr(locate, "user_cache_dir", lambda appname: str(cache_root))
    monkeypatch.setattr(locate, "DEBIAN_DIRS", {"fashion-mnist": tmp_path / "debian"})
    return cache_root


def make_files(directory, marker: int = 0, gz: bool = False, roles=tuple(locate.FILES)):
    """Write tiny IDX files; every pixel of image i is (i + marker) so origins are visible."""
    suffix = ".gz" if gz else ""
    sizes = {"train": N_TRAIN, "test": N_TEST}
    for role in roles:
        split, kind = role.split("_")
        n = sizes[split]
        if kind == "images":
            array = (np.arange(n, dtype=np.uint8)[:, None, None] + marker) * np.ones(
                (1, 28, 28), dtype=np.uint8
            )
        else:
            array = (np.arange(n) % 10).astype(np.uint8)
        write_idx(directory / (locate.FILES[role] + suffix), array)
    return directory


def origin(name="mnist", **kwargs) -> int:
    splits = load_idx_splits(name, validation_size=4, **kwargs)
    return int(splits["train"][0][0, 0])


def test_data_dir_beats_env_beats_cache(tmp_path, monkeypatch, isolated_search_path):
    make_files(tmp_path / "explicit", marker=100)
    make_files(tmp_path / "env" / "mnist", marker=50)
    make_files(isolated_search_path / "mnist", marker=10)
    monkeypatch.setenv(locate.ENV_VAR, str(tmp_path / "env"))

    assert origin(data_dir=tmp_path / "explicit") == 100
    assert origin() == 50
    monkeypatch.delenv(locate.ENV_VAR)
    assert origin() == 10


def test_env_dir_itself_is_searched_after_its_subdirectory(tmp_path, monkeypatch):
    make_files(tmp_path / "env", marker=7)
    monkeypatch.setenv(locate.ENV_VAR, str(tmp_path / "env"))
    assert origin() == 7
    make_files(tmp_path / "env" / "mnist", marker=8)
    assert origin() == 8


def test_debian_directory_is_searched_for_fashion_mnist_only(tmp_path):
    make_files(tmp_path / "debian", marker=33, gz=True)
    assert origin("fashion-mnist") == 33
    with pytest.raises(DataError, match="not found"):
        origin("mnist")


def test_gz_variant_is_found(tmp_path):
    directory = make_files(tmp_path / "d", gz=True)
    paths = find_idx_files("mnist", directory)
    assert all(path.name.endswith(".gz") for path in paths.values())
    assert origin(data_dir=directory) == 0


def test_partial_directory_lists_missing_files(tmp_path):
    directory = make_files(tmp_path / "d", roles=("train_images", "test_labels"))
    with pytest.raises(DataError) as excinfo:
        find_idx_files("mnist", directory)
    message = str(excinfo.value)
    assert str(directory) in message
    assert "train-labels-idx1-ubyte" in message and "t10k-images-idx3-ubyte" in message
    assert "train-images-idx3-ubyte" not in message


def test_nothing_anywhere_says_where_to_put_files_and_how_to_download(isolated_search_path):
    with pytest.raises(DataError) as excinfo:
        find_idx_files("mnist")
    message = str(excinfo.value)
    assert "\n" not in message
    assert str(isolated_search_path / "mnist") in message
    assert "neurokit data download mnist" in message


def test_unknown_name():
    with pytest.raises(DataError, match="fashion-mnist"):
        find_idx_files("cifar")


def test_validation_is_the_last_training_examples(tmp_path):
    splits = load_idx_splits("mnist", make_files(tmp_path / "d"), validation_size=4)
    train_images, train_labels = splits["train"]
    val_images, val_labels = splits["validation"]
    test_images, _ = splits["test"]
    assert train_images.shape == (N_TRAIN - 4, 784) and val_images.shape == (4, 784)
    assert list(val_images[:, 0]) == [8, 9, 10, 11]
    assert list(train_labels) == [0, 1, 2, 3, 4, 5, 6, 7]
    assert list(val_labels) == [8, 9, 0, 1]
    assert test_images.shape == (N_TEST, 784)
    for images, labels in splits.values():
        assert images.dtype == labels.dtype == np.uint8
        assert images.flags.c_contiguous


def test_default_validation_size_is_ten_thousand(tmp_path):
    # Our tiny files cannot spare 10,000 examples, which shows the default is in force.
    with pytest.raises(DataError, match="10000 validation"):
        load_idx_splits("mnist", make_files(tmp_path / "d"))
