"""Downloading the MNIST and Fashion-MNIST IDX files, verified by SHA-256.

Each file is streamed into a temporary file in the destination directory while it is
hashed; only a file with the published checksum is renamed into place, so an interrupted or
corrupted download never leaves a file that looks complete. If a mirror fails or serves
different bytes, the next mirror is tried.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path

from neurokit.core.atomic import atomic_open
from neurokit.core.errors import DataError
from neurokit.data.locate import default_cache_dir

# SHA-256 of the gzipped files as published; the same values are used by several independent
# projects (e.g. Bazel http_file rules and dataset loaders) for the LeCun, ossci and cvdf copies.
CHECKSUMS: dict[str, dict[str, str]] = {
    "mnist": {
        "train-images-idx3-ubyte.gz": (
            "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609"
        ),
        "train-labels-idx1-ubyte.gz": (
            "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c"
        ),
        "t10k-images-idx3-ubyte.gz": (
            "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6"
        ),
        "t10k-labels-idx1-ubyte.gz": (
            "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6"
        ),
    },
    "fashion-mnist": {
        "train-images-idx3-ubyte.gz": (
            "08dc20ab1689590a0bcd66e874647b6ee8464e2d501b5a3f1f78831db19a3fdc"
        ),
        "train-labels-idx1-ubyte.gz": (
            "b0197879cbda89f3dc7b894f9fd52b858e68ea4182b6947c9d8c2b67e5f18dcc"
        ),
        "t10k-images-idx3-ubyte.gz": (
            "78dcbbfb5a27efaf1b6c1d616caca68560be8766c5bffcb2791df9273a534229"
        ),
        "t10k-labels-idx1-ubyte.gz": (
            "42bd18137a62d5998cdeae52bf3a0676ac6b706f5cf8439b47bb5b151ae3dccf"
        ),
    },
}

# Base URLs; a file's URL is the base followed by its name. yann.lecun.com is left out
# because it has been unreliable (it often asks for a login).
MIRRORS: dict[str, list[str]] = {
    "mnist": [
        "https://ossci-datasets.s3.amazonaws.com/mnist/",
        "https://storage.googleapis.com/cvdf-datasets/mnist/",
    ],
    "fashion-mnist": [
        # Zalando Research's own bucket (plain HTTP only; the SHA-256 check guards integrity).
        "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/",
    ],
}

TIMEOUT_SECONDS = 30.0
CHUNK_SIZE = 64 * 1024
USER_AGENT = "neurokit (https://pypi.org/project/neurokit/)"


class _Mismatch(Exception):
    """Raised inside the atomic write to discard a download that is incomplete or wrong."""


def download(
    name: str,
    dest_dir: str | os.PathLike | None = None,
    mirrors: Sequence[str] | None = None,
    progress: bool = True,
    console=None,
    checksums: Mapping[str, str] | None = None,
    timeout: float = TIMEOUT_SECONDS,
) -> Path:
    """Fetch the four gzipped IDX files of ``name`` into ``dest_dir`` and return that directory.

    ``dest_dir`` defaults to the user cache directory, where the loader looks for them.
    ``mirrors`` (base URLs) and ``checksums`` (file name -> SHA-256) default to the tables
    above; tests pass their own. Files already present with the right checksum are skipped.
    """
    if name not in CHECKSUMS and checksums is None:
        raise DataError(f"cannot download {name!r}; downloadable: {', '.join(CHECKSUMS)}")
    expected = dict(checksums if checksums is not None else CHECKSUMS[name])
    bases = list(mirrors if mirrors is not None else MIRRORS.get(name, []))
    dest = Path(dest_dir) if dest_dir is not None else default_cache_dir(name)
    _make_writable_dir(dest)

    needed = [
        filename
        for filename, sha256 in expected.items()
        if not ((dest / filename).is_file() and _sha256_of(dest / filename) == sha256)
    ]
    with _progress_bar(progress, console) as report:
        for done, filename in enumerate(needed):
            failure = _fetch_from_any(filename, expected[filename], bases, dest, timeout, report)
            if failure:
                # One line that says what to do: the files still missing and where they go.
                raise DataError(
                    f"could not download {filename} ({failure}); download "
                    f"{', '.join(needed[done:])} by hand and put "
                    f"{'it' if done == len(needed) - 1 else 'them'} in {dest}"
                )
    return dest


def _fetch_from_any(filename, sha256, bases, dest: Path, timeout, report) -> str:
    """Try each mirror in turn; '' on success, else what went wrong with the last one."""
    last_error = "no mirrors configured"
    for base in bases:
        url = base.rstrip("/") + "/" + filename
        try:
            _fetch(url, sha256, dest / filename, timeout, report)
            return ""
        except _Mismatch as error:
            last_error = f"{url}: {error}"
        except Exception as error:  # network errors come in many types; all mean "next mirror"
            if not _is_network_error(error):
                raise
            last_error = f"{url}: {_describe(error)}"
    return last_error


def _fetch(url: str, sha256: str, target: Path, timeout: float, report) -> None:
    """Stream ``url`` into ``target`` atomically, keeping it only if the hash matches."""
    import urllib.request

    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        length = response.headers.get("Content-Length")
        total = int(length) if length and length.isdigit() else None
        advance = report(target.name, total)
        digest = hashlib.sha256()
        received = 0
        with atomic_open(target, "wb") as handle:
            while chunk := response.read(CHUNK_SIZE):
                digest.update(chunk)
                handle.write(chunk)
                received += len(chunk)
                advance(len(chunk))
            if total is not None and received != total:
                # A dropped connection can look like a clean end of stream; say so plainly.
                raise _Mismatch(f"connection closed after {received} of {total} bytes")
            if digest.hexdigest() != sha256:
                # Raising inside atomic_open deletes the temporary file.
                raise _Mismatch(f"checksum mismatch (got sha256 {digest.hexdigest()[:12]}...)")


def _is_network_error(error: Exception) -> bool:
    import http.client

    return isinstance(error, OSError | http.client.HTTPException | ValueError)


def _describe(error: Exception) -> str:
    """A short description: 'HTTP 500 Internal Server Error', 'Connection refused', ..."""
    import urllib.error

    if isinstance(error, urllib.error.HTTPError):
        return f"HTTP {error.code} {error.reason}"
    if isinstance(error, urllib.error.URLError):
        reason = error.reason
        return getattr(reason, "strerror", None) or str(reason)
    if isinstance(error, TimeoutError):
        return "timed out"
    return getattr(error, "strerror", None) or str(error) or type(error).__name__


def _sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


@contextlib.contextmanager
def _progress_bar(enabled: bool, console) -> Iterator[Callable[[str, int | None], Callable]]:
    """Yield ``report(filename, total_bytes) -> advance(n_bytes)`` callbacks.

    With progress off, rich is never imported and the callbacks do nothing.
    """
    if not enabled:
        yield lambda filename, total: lambda n: None
        return
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TransferSpeedColumn

    columns = (TextColumn("{task.description}"), BarColumn(), DownloadColumn())
    with Progress(*columns, TransferSpeedColumn(), console=console) as bar:

        def report(filename: str, total: int | None) -> Callable[[int], None]:
            task = bar.add_task(filename, total=total)
            return lambda n: bar.advance(task, n)

        yield report


def _make_writable_dir(dest: Path) -> None:
    """Create ``dest`` and check that files can be written there, before any download: a
    read-only mount or a file in the way is one line now, not after fetching 11 MB."""
    import tempfile

    if dest.exists() and not dest.is_dir():
        raise DataError(f"{dest}: exists and is not a directory; give a directory for the files")
    try:
        dest.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=dest):
            pass
    except OSError as exc:
        raise DataError(
            f"{dest}: cannot write the downloaded files there ({exc.strerror})"
        ) from None
