"""Downloads against a local HTTP server: verification, mirror fallback, clean failures."""

from __future__ import annotations

import hashlib
import http.server
import socket
import threading

import numpy as np
import pytest

from neurokit.core.errors import DataError
from neurokit.data import download as download_module
from neurokit.data.download import download
from neurokit.data.idx import read_idx, write_idx


@pytest.fixture(scope="module")
def idx_files(tmp_path_factory):
    """Two small gzipped IDX files and their SHA-256 checksums."""
    directory = tmp_path_factory.mktemp("served")
    images = np.arange(3 * 28 * 28, dtype=np.uint32).astype(np.uint8).reshape(3, 28, 28)
    write_idx(directory / "train-images-idx3-ubyte.gz", images)
    write_idx(directory / "train-labels-idx1-ubyte.gz", np.array([1, 2, 3], dtype=np.uint8))
    contents = {path.name: path.read_bytes() for path in directory.iterdir()}
    checksums = {name: hashlib.sha256(data).hexdigest() for name, data in contents.items()}
    return contents, checksums


@pytest.fixture
def server():
    """A local server; ``routes`` maps '/mirror/file' to bytes or an HTTP status code."""
    routes: dict[str, bytes | int | tuple] = {}
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            body = routes.get(self.path, 404)
            if isinstance(body, int):
                self.send_error(body)
                return
            if isinstance(body, tuple):  # promise the whole file, send half, hang up
                self.send_response(200)
                self.send_header("Content-Length", str(len(body[1])))
                self.end_headers()
                self.wfile.write(body[1][: len(body[1]) // 2])
                self.close_connection = True
                return
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):  # keep test output quiet
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    yield base, routes, hits
    httpd.shutdown()
    httpd.server_close()
    thread.join()


def serve(routes, mirror: str, contents: dict[str, bytes], corrupt: bool = False) -> None:
    for name, data in contents.items():
        routes[f"/{mirror}/{name}"] = data[:-1] + bytes([data[-1] ^ 1]) if corrupt else data


def leftovers(directory) -> list[str]:
    return sorted(path.name for path in directory.iterdir()) if directory.exists() else []


def test_files_land_and_are_readable(tmp_path, server, idx_files):
    base, routes, _ = server
    contents, checksums = idx_files
    serve(routes, "a", contents)
    dest = download("mnist", tmp_path / "d", [f"{base}/a/"], False, checksums=checksums)
    assert leftovers(dest) == sorted(contents)
    for name, data in contents.items():
        assert (dest / name).read_bytes() == data
    assert read_idx(dest / "train-labels-idx1-ubyte.gz").tolist() == [1, 2, 3]


def test_mismatch_on_first_mirror_falls_back_to_second(tmp_path, server, idx_files):
    base, routes, hits = server
    contents, checksums = idx_files
    serve(routes, "bad", contents, corrupt=True)
    serve(routes, "good", contents)
    dest = download(
        "mnist", tmp_path / "d", [f"{base}/bad", f"{base}/good"], False, checksums=checksums
    )
    assert leftovers(dest) == sorted(contents)
    assert any(hit.startswith("/bad/") for hit in hits)
    assert (dest / "train-images-idx3-ubyte.gz").read_bytes() == contents[
        "train-images-idx3-ubyte.gz"
    ]


def test_mismatch_everywhere_leaves_nothing(tmp_path, server, idx_files):
    base, routes, _ = server
    contents, checksums = idx_files
    serve(routes, "m1", contents, corrupt=True)
    serve(routes, "m2", contents, corrupt=True)
    dest = tmp_path / "d"
    with pytest.raises(DataError) as excinfo:
        download("mnist", dest, [f"{base}/m1/", f"{base}/m2/"], False, checksums=checksums)
    message = str(excinfo.value)
    assert "checksum mismatch" in message and str(dest) in message and "\n" not in message
    assert leftovers(dest) == []


def test_http_500_is_reported_and_nothing_half_written(tmp_path, server, idx_files):
    base, routes, _ = server
    contents, checksums = idx_files
    for name in contents:
        routes[f"/broken/{name}"] = 500
    dest = tmp_path / "d"
    with pytest.raises(DataError, match="HTTP 500") as excinfo:
        download("mnist", dest, [f"{base}/broken/"], False, checksums=checksums)
    assert any(name in str(excinfo.value) for name in contents)
    assert leftovers(dest) == []


def test_connection_dropped_mid_file_leaves_nothing(tmp_path, server, idx_files):
    base, routes, _ = server
    contents, checksums = idx_files
    for name, data in contents.items():
        routes[f"/flaky/{name}"] = ("drop", data)
    dest = tmp_path / "d"
    with pytest.raises(DataError, match="connection closed after"):
        download("mnist", dest, [f"{base}/flaky/"], False, checksums=checksums)
    assert leftovers(dest) == []


def test_connection_refused_is_reported(tmp_path, idx_files):
    _, checksums = idx_files
    with socket.socket() as sock:  # find a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    dest = tmp_path / "d"
    with pytest.raises(DataError, match="refused") as excinfo:
        download("mnist", dest, [f"http://127.0.0.1:{port}/x/"], False, checksums=checksums)
    assert "by hand" in str(excinfo.value)
    assert leftovers(dest) == []


def test_existing_correct_file_is_not_downloaded_again(tmp_path, server, idx_files):
    base, routes, hits = server
    contents, checksums = idx_files
    serve(routes, "a", contents)
    dest = tmp_path / "d"
    dest.mkdir()
    (dest / "train-labels-idx1-ubyte.gz").write_bytes(contents["train-labels-idx1-ubyte.gz"])
    (dest / "train-images-idx3-ubyte.gz").write_bytes(b"stale partial file")
    download("mnist", dest, [f"{base}/a/"], False, checksums=checksums)
    assert hits == ["/a/train-images-idx3-ubyte.gz"]
    assert (dest / "train-images-idx3-ubyte.gz").read_bytes() == contents[
        "train-images-idx3-ubyte.gz"
    ]


def test_progress_bar_runs(tmp_path, server, idx_files):
    from rich.console import Console

    base, routes, _ = server
    contents, checksums = idx_files
    serve(routes, "a", contents)
    console = Console(file=open(tmp_path / "out.txt", "w"), force_terminal=False)  # noqa: SIM115
    download("mnist", tmp_path / "d", [f"{base}/a/"], True, console, checksums=checksums)
    console.file.close()
    assert "train-images-idx3-ubyte.gz" in (tmp_path / "out.txt").read_text()


def test_default_tables_cover_four_files_per_data_set():
    for name in ("mnist", "fashion-mnist"):
        checksums = download_module.CHECKSUMS[name]
        assert len(checksums) == 4
        assert all(len(value) == 64 and int(value, 16) >= 0 for value in checksums.values())
        assert download_module.MIRRORS[name]


def test_unknown_data_set_is_refused(tmp_path):
    with pytest.raises(DataError, match="mnist"):
        download("cifar", tmp_path, progress=False)
