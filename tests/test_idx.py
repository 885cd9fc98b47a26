"""IDX reading and writing as a user sees it: round trips and clear errors for bad files."""

from __future__ import annotations

import gzip
import struct

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from neurokit.core.errors import DataError
from neurokit.data.idx import read_idx, read_idx_pair, write_idx


def _images(n: int = 6, side: int = 28) -> np.ndarray:
    rng = np.random.default_rng(0)
    return rng.integers(0, 256, size=(n, side, side), dtype=np.uint8)


def _labels(n: int = 6) -> np.ndarray:
    return (np.arange(n) % 10).astype(np.uint8)


@pytest.mark.parametrize("name", ["images-idx3-ubyte", "images-idx3-ubyte.gz"])
def test_round_trip_plain_and_gzipped(tmp_path, name):
    array = _images()
    path = tmp_path / name
    write_idx(path, array)
    assert (path.read_bytes()[:2] == b"\x1f\x8b") == name.endswith(".gz")
    back = read_idx(path)
    assert back.dtype == np.uint8
    assert back.shape == array.shape
    np.testing.assert_array_equal(back, array)


def test_gzip_is_detected_by_content_not_name(tmp_path):
    array = _labels(12)
    gz = tmp_path / "labels.gz"
    write_idx(gz, array)
    renamed = tmp_path / "labels-without-suffix"
    gz.rename(renamed)
    np.testing.assert_array_equal(read_idx(renamed), array)


def test_pair_flattens_images_and_keeps_labels(tmp_path):
    write_idx(tmp_path / "img", _images(6))
    write_idx(tmp_path / "lab", _labels(6))
    images, labels = read_idx_pair(tmp_path / "img", tmp_path / "lab")
    assert images.shape == (6, 784) and images.flags.c_contiguous
    assert labels.shape == (6,)
    np.testing.assert_array_equal(images[2], _images(6)[2].ravel())
    np.testing.assert_array_equal(labels, _labels(6))


def _header(type_code: int, *dims: int) -> bytes:
    return bytes([0, 0, type_code, len(dims)]) + struct.pack(f">{len(dims)}I", *dims)


def _assert_error_names(path, match, excinfo):
    message = str(excinfo.value)
    assert str(path) in message
    assert match in message
    assert "\n" not in message


def test_wrong_magic(tmp_path):
    path = tmp_path / "bad"
    path.write_bytes(b"\x01\x02\x08\x01" + struct.pack(">I", 3) + b"abc")
    with pytest.raises(DataError) as excinfo:
        read_idx(path)
    _assert_error_names(path, "not an IDX file", excinfo)


def test_truncated_data_says_expected_and_got(tmp_path):
    path = tmp_path / "short"
    path.write_bytes(_header(0x08, 2, 28, 28) + bytes(1000))
    with pytest.raises(DataError) as excinfo:
        read_idx(path)
    _assert_error_names(path, "truncated", excinfo)
    assert "1568" in str(excinfo.value) and "1000" in str(excinfo.value)


def test_truncated_gzipped_data(tmp_path):
    path = tmp_path / "short.gz"
    path.write_bytes(gzip.compress(_header(0x08, 10) + bytes(4)))
    with pytest.raises(DataError) as excinfo:
        read_idx(path)
    _assert_error_names(path, "truncated", excinfo)


def test_trailing_bytes(tmp_path):
    path = tmp_path / "long"
    path.write_bytes(_header(0x08, 3) + bytes(5))
    with pytest.raises(DataError) as excinfo:
        read_idx(path)
    _assert_error_names(path, "2 unexpected trailing bytes", excinfo)


def test_non_uint8_type_code_is_refused(tmp_path):
    path = tmp_path / "floats"
    path.write_bytes(_header(0x0D, 2) + bytes(8))
    with pytest.raises(DataError) as excinfo:
        read_idx(path)
    _assert_error_names(path, "0x0D", excinfo)


def test_damaged_gzip(tmp_path):
    path = tmp_path / "broken.gz"
    path.write_bytes(gzip.compress(_header(0x08, 100) + bytes(100))[:20])
    with pytest.raises(DataError) as excinfo:
        read_idx(path)
    _assert_error_names(path, "gzip", excinfo)


def test_missing_file(tmp_path):
    path = tmp_path / "nope"
    with pytest.raises(DataError) as excinfo:
        read_idx(path)
    _assert_error_names(path, "not found", excinfo)


def test_count_mismatch_names_both_files_and_counts(tmp_path):
    images, labels = tmp_path / "img", tmp_path / "lab"
    write_idx(images, _images(6))
    write_idx(labels, _labels(5))
    with pytest.raises(DataError) as excinfo:
        read_idx_pair(images, labels)
    message = str(excinfo.value)
    assert str(images) in message and str(labels) in message
    assert "6 images" in message and "5 labels" in message


def test_wrong_image_size(tmp_path):
    images, labels = tmp_path / "img", tmp_path / "lab"
    write_idx(images, _images(4, side=20))
    write_idx(labels, _labels(4))
    with pytest.raises(DataError) as excinfo:
        read_idx_pair(images, labels)
    _assert_error_names(images, "(4, 20, 20)", excinfo)


def test_labels_out_of_range(tmp_path):
    images, labels = tmp_path / "img", tmp_path / "lab"
    write_idx(images, _images(2))
    write_idx(labels, np.array([3, 12], dtype=np.uint8))
    with pytest.raises(DataError) as excinfo:
        read_idx_pair(images, labels)
    _assert_error_names(labels, "0..9", excinfo)


def test_writer_refuses_other_dtypes(tmp_path):
    with pytest.raises(DataError):
        write_idx(tmp_path / "x", np.zeros(3, dtype=np.float32))
    assert not (tmp_path / "x").exists()


# tmp_path is shared across examples; each example overwrites the same file, which is fine.
@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    shape=st.lists(st.integers(0, 5), min_size=1, max_size=4),
    gz=st.booleans(),
    seed=st.integers(0, 2**32 - 1),
)
def test_round_trip_any_shape(tmp_path, shape, gz, seed):
    array = np.random.default_rng(seed).integers(0, 256, size=shape, dtype=np.uint8)
    path = tmp_path / ("any.gz" if gz else "any")
    write_idx(path, array)
    back = read_idx(path)
    assert back.shape == array.shape
    np.testing.assert_array_equal(back, array)
