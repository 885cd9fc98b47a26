"""The cache of decompressed IDX data as a user sees it: a second read of a gzipped file gives
the same array without decompressing, and a changed source, a damaged cache file or the
switch that turns the cache off all lead back to the source itself."""

from __future__ import annotations

import gzip
import os
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from neurokit.data import idx_cache
from neurokit.data.idx import read_idx, write_idx


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """The cache turned on, in a directory of this test's own."""
    monkeypatch.delenv(idx_cache.DISABLE_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    return tmp_path / "user-cache" / "neurokit" / "decompressed"


def _images(seed: int, n: int = 5) -> np.ndarray:
    return np.random.default_rng(seed).integers(0, 256, size=(n, 28, 28), dtype=np.uint8)


def _entries(cache) -> list:
    return sorted(cache.iterdir()) if cache.exists() else []


def test_second_read_comes_from_the_cache(tmp_path, cache, monkeypatch):
    source = tmp_path / "images.gz"
    write_idx(source, _images(0))
    first = read_idx(source)
    assert len(_entries(cache)) == 1
    monkeypatch.setattr(gzip, "decompress", lambda data: pytest.fail("not cached"))
    second = read_idx(source)
    np.testing.assert_array_equal(second, first)
    assert not second.flags.writeable  # read-only, as a read from the file itself


def test_plain_files_are_not_cached(tmp_path, cache):
    source = tmp_path / "images"
    write_idx(source, _images(0))
    np.testing.assert_array_equal(read_idx(source), _images(0))
    assert _entries(cache) == []


def test_a_changed_source_is_read_again(tmp_path, cache):
    source = tmp_path / "images.gz"
    write_idx(source, _images(0))
    read_idx(source)
    write_idx(source, _images(1, n=7))
    np.testing.assert_array_equal(read_idx(source), _images(1, n=7))


def test_a_source_rewritten_with_its_old_size_and_time_is_read_again(tmp_path, cache):
    source = tmp_path / "images.gz"
    write_idx(source, _images(0))
    read_idx(source)
    stat = source.stat()
    old = source.read_bytes()
    write_idx(source, _images(1))
    assert len(source.read_bytes()) == len(old)  # same array size, same gzip settings: same length
    os.utime(source, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    np.testing.assert_array_equal(read_idx(source), _images(1))


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # cut short
        lambda data: data[:-1] + bytes([data[-1] ^ 0xFF]),  # one pixel flipped
        lambda data: b"",  # emptied
        lambda data: b"not a cache file at all",
    ],
    ids=["truncated", "flipped-byte", "empty", "garbage"],
)
def test_a_damaged_cache_file_is_not_used_and_is_repaired(tmp_path, cache, damage):
    source = tmp_path / "images.gz"
    write_idx(source, _images(0))
    read_idx(source)
    (entry,) = _entries(cache)
    entry.write_bytes(damage(entry.read_bytes()))
    np.testing.assert_array_equal(read_idx(source), _images(0))
    assert idx_cache.load(source, _stamp(source)) is not None  # rewritten whole


def test_the_environment_variable_turns_the_cache_off(tmp_path, cache, monkeypatch):
    source = tmp_path / "images.gz"
    write_idx(source, _images(0))
    monkeypatch.setenv(idx_cache.DISABLE_ENV, "1")
    read_idx(source)
    assert _entries(cache) == []
    monkeypatch.delenv(idx_cache.DISABLE_ENV)
    read_idx(source)  # fills the cache
    monkeypatch.setenv(idx_cache.DISABLE_ENV, "1")
    calls = []
    real = gzip.decompress
    monkeypatch.setattr(gzip, "decompress", lambda data: calls.append(1) or real(data))
    np.testing.assert_array_equal(read_idx(source), _images(0))
    assert calls == [1]  # not read from the cache either


def test_an_unwritable_cache_only_costs_time(tmp_path, cache, monkeypatch):
    source = tmp_path / "images.gz"
    write_idx(source, _images(0))
    cache.parent.mkdir(parents=True)
    cache.write_text("a file where the cache directory should be")
    np.testing.assert_array_equal(read_idx(source), _images(0))
    np.testing.assert_array_equal(read_idx(source), _images(0))


def test_damaged_gzip_is_refused_as_before_with_the_cache_on(tmp_path, cache):
    from neurokit.core.errors import DataError

    source = tmp_path / "images.gz"
    write_idx(source, _images(0))
    data = source.read_bytes()
    source.write_bytes(data[: len(data) // 2])
    with pytest.raises(DataError, match="damaged gzip data"):
        read_idx(source)
    assert _entries(cache) == []


def test_concurrent_readers_all_get_the_data_and_leave_one_entry(tmp_path, cache):
    source = tmp_path / "images.gz"
    write_idx(source, _images(0, n=200))
    with ThreadPoolExecutor(max_workers=4) as pool:
        arrays = list(pool.map(lambda _: read_idx(source), range(8)))
    for array in arrays:
        np.testing.assert_array_equal(array, _images(0, n=200))
    assert len(_entries(cache)) == 1  # no temporary files left behind
    assert idx_cache.load(source, _stamp(source)) is not None


def _stamp(source) -> idx_cache.SourceStamp:
    raw = source.read_bytes()
    return idx_cache.SourceStamp(len(raw), source.stat().st_mtime_ns, raw[-8:])


def test_a_cache_hit_reads_only_the_sources_ends(tmp_path, cache, monkeypatch):
    """The source's compressed body is read once, to fill the cache; a hit then needs only its
    gzip magic and trailer to know the entry is still the source's."""
    import pathlib

    source = tmp_path / "images.gz"
    write_idx(source, _images(0, n=300))
    read_idx(source)  # fills the cache
    read_bytes = []
    real_open = pathlib.Path.open

    def counting_open(self, mode="r", *args, **kwargs):
        handle = real_open(self, mode, *args, **kwargs)
        if self == source:
            real_read = handle.read

            def read(size=-1):
                chunk = real_read(size)
                read_bytes.append(len(chunk))
                return chunk

            handle.read = read
        return handle

    monkeypatch.setattr(pathlib.Path, "open", counting_open)
    np.testing.assert_array_equal(read_idx(source), _images(0, n=300))
    assert sum(read_bytes) == 2 + 8  # the magic and the trailer, of a file of many kilobytes
    assert source.stat().st_size > 10_000
