"""``neurokit data download|where`` and ``neurokit datasets``, against a local HTTP server."""

from __future__ import annotations

import hashlib
import http.server
import json
import socket
import threading

import numpy as np
import pytest

from neurokit.cli import main
from neurokit.data import download as download_module
from neurokit.data.idx import write_idx
from neurokit.data.locate import FILES
from neurokit.data.status import idx_first_dimension

GZ_NAMES = [f"{base}.gz" for base in FILES.values()]
N_TRAIN, N_TEST = 10_002, 3  # 2 training images once the last 10,000 are held out


@pytest.fixture(scope="module")
def idx_dir(tmp_path_factory):
    """The four gzipped IDX files of a tiny MNIST look-alike."""
    directory = tmp_path_factory.mktemp("idx")
    rng = np.random.default_rng(0)
    for split, n in (("train", N_TRAIN), ("t10k", N_TEST)):
        images = np.zeros((n, 28, 28), dtype=np.uint8)
        images[:, 14, 14] = rng.integers(0, 256, size=n, dtype=np.uint8)
        write_idx(directory / f"{split}-images-idx3-ubyte.gz", images)
        write_idx(directory / f"{split}-labels-idx1-ubyte.gz", (np.arange(n) % 10).astype(np.uint8))
    return directory


@pytest.fixture
def served(idx_dir, monkeypatch):
    """Serve the files at http://127.0.0.1:PORT/m/ and make it the only 'mnist' mirror."""
    contents = {name: (idx_dir / name).read_bytes() for name in GZ_NAMES}
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            body = contents.get(self.path.removeprefix("/m/"))
            if body is None:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    checksums = {name: hashlib.sha256(data).hexdigest() for name, data in contents.items()}
    monkeypatch.setitem(download_module.CHECKSUMS, "mnist", checksums)
    monkeypatch.setitem(
        download_module.MIRRORS, "mnist", [f"http://127.0.0.1:{httpd.server_address[1]}/m/"]
    )
    yield contents, hits
    httpd.shutdown()
    httpd.server_close()
    thread.join()


@pytest.fixture(autouse=True)
def private_cache(tmp_path, monkeypatch):
    """Keep the user cache (the default download place) inside the test's directory."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("NEUROKIT_DATA", raising=False)
    return tmp_path / "cache" / "neurokit" / "mnist"


def unused_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_download_writes_the_verified_files_where_asked(tmp_path, served, capsys):
    contents, _ = served
    dest = tmp_path / "elsewhere"
    assert main(["data", "download", "mnist", "--dir", str(dest)]) == 0
    assert sorted(p.name for p in dest.iterdir()) == sorted(GZ_NAMES)
    for name, data in contents.items():
        assert (dest / name).read_bytes() == data
    out = capsys.readouterr().out
    assert str(dest) in out
    # A directory outside the search path: the user is told how to point neurokit at it.
    assert f"--data-dir {dest}" in out


def test_download_defaults_to_the_cache_that_loading_searches(served, private_cache, capsys):
    assert main(["data", "download", "mnist"]) == 0
    assert sorted(p.name for p in private_cache.iterdir()) == sorted(GZ_NAMES)
    out = capsys.readouterr().out
    assert str(private_cache) in out and "--data-dir" not in out
    assert main(["datasets", "--json"]) == 0
    listed = {row["name"]: row for row in json.loads(capsys.readouterr().out)["datasets"]}
    assert listed["mnist"]["files"] == "found"
    assert "2 / 10,000 / 3" in listed["mnist"]["detail"]


def test_second_download_fetches_nothing(tmp_path, served):
    _, hits = served
    dest = tmp_path / "d"
    assert main(["data", "download", "mnist", "--dir", str(dest), "--quiet"]) == 0
    assert len(hits) == 4
    assert main(["data", "download", "mnist", "--dir", str(dest)]) == 0
    assert len(hits) == 4


def test_no_network_fails_with_one_line_saying_where_to_put_the_files(
    tmp_path, monkeypatch, capsys
):
    monkeypatch.setitem(download_module.MIRRORS, "mnist", [f"http://127.0.0.1:{unused_port()}/"])
    dest = tmp_path / "offline"
    assert main(["data", "download", "mnist", "--dir", str(dest)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1, captured.err
    line = lines[0]
    assert line.startswith("neurokit: error: could not download ")
    assert "refused" in line and "by hand" in line and line.endswith(f"put them in {dest}")
    assert all(name in line for name in GZ_NAMES)
    assert list(dest.iterdir()) == []  # nothing half-written


def test_corrupted_mirror_leaves_nothing_and_names_the_mismatch(tmp_path, served, capsys):
    contents, _ = served
    wrong = {name: "0" * 64 for name in contents}
    download_module.CHECKSUMS["mnist"] = wrong  # monkeypatch restores the original table
    dest = tmp_path / "d"
    assert main(["data", "download", "mnist", "--dir", str(dest)]) == 2
    err = capsys.readouterr().err
    assert "checksum mismatch" in err and len(err.splitlines()) == 1
    assert list(dest.iterdir()) == []


def test_download_of_a_data_set_without_mirrors_is_refused(capsys):
    assert main(["data", "download", "mnist-sample"]) == 2
    assert "downloadable: mnist, fashion-mnist" in capsys.readouterr().err


def test_data_needs_an_action(capsys):
    with pytest.raises(SystemExit) as excinfo:
        main(["data"])
    assert excinfo.value.code == 2
    assert "download" in capsys.readouterr().err


def test_where_lists_the_search_path_and_marks_the_directory_used(
    tmp_path, idx_dir, monkeypatch, capsys
):
    monkeypatch.setenv("NEUROKIT_DATA", str(tmp_path / "data"))
    assert main(["data", "where", "mnist"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[1] == f"1. {tmp_path / 'data' / 'mnist'}: does not exist"
    assert out[2] == f"2. {tmp_path / 'data'}: does not exist"
    assert out[3].startswith("3. ") and out[3].endswith("does not exist")
    assert out[4].startswith("none has them")

    assert main(["data", "where", "mnist", "--data-dir", str(idx_dir)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[1:] == [
        f"1. {idx_dir}: all four files (2 / 10,000 / 3 train/validation/test)  <- used"
    ]


def test_where_reports_an_incomplete_directory(tmp_path, idx_dir, capsys):
    partial = tmp_path / "partial"
    partial.mkdir()
    name = "train-images-idx3-ubyte.gz"
    (partial / name).write_bytes((idx_dir / name).read_bytes())
    assert main(["data", "where", "mnist", "--data-dir", str(partial)]) == 0
    out = capsys.readouterr().out
    assert "incomplete, missing train-labels-idx1-ubyte, t10k-images-idx3-ubyte" in out
    assert "<- used" in out
    assert main(["datasets", "--data-dir", str(partial), "--json"]) == 0
    listed = {row["name"]: row for row in json.loads(capsys.readouterr().out)["datasets"]}
    assert listed["mnist"]["files"] == "incomplete"


def test_header_counts_read_plain_and_gzipped_files(tmp_path, idx_dir):
    assert idx_first_dimension(idx_dir / "train-images-idx3-ubyte.gz") == N_TRAIN
    plain = tmp_path / "t10k-labels-idx1-ubyte"
    write_idx(plain, np.arange(7, dtype=np.uint8))
    assert idx_first_dimension(plain) == 7
    (tmp_path / "junk").write_bytes(b"PK\x03\x04junk")
    with pytest.raises(ValueError, match="IDX header"):
        idx_first_dimension(tmp_path / "junk")


PLUGIN = """
from neurokit.core.components import DatasetType
from neurokit.core.hookspecs import hookimpl


def load(params, *, dtype, data_dir=None):
    raise AssertionError("listing data sets must not load them")


@hookimpl
def neurokit_register_datasets():
    return [DatasetType("my-digits", load, summary="hand-drawn digits from class")]
"""


def test_datasets_lists_built_ins_and_a_plugins_data_set(tmp_path, capsys):
    plugin = tmp_path / "classdata.py"
    plugin.write_text(PLUGIN)
    assert main(["datasets", "-p", str(plugin), "--json"]) == 0
    listed = {row["name"]: row for row in json.loads(capsys.readouterr().out)["datasets"]}
    assert {"mnist-sample", "mnist", "fashion-mnist", "inline", "my-digits"} <= set(listed)
    assert listed["my-digits"]["plugin"] == "classdata"
    assert listed["my-digits"]["summary"] == "hand-drawn digits from class"
    assert listed["my-digits"]["files"] == ""
    assert listed["mnist-sample"]["files"] == "embedded"
    assert listed["mnist-sample"]["plugin"] == "builtin.mnist_data"
    assert listed["mnist"]["files"] == "not found"
    assert listed["mnist"]["params"] == ["train_limit"]

    assert main(["datasets", "-p", str(plugin)]) == 0
    out = capsys.readouterr().out
    assert "my-digits" in out and "classdata" in out and "not found" in out
    assert "mnist: run `neurokit data download mnist`" in out
