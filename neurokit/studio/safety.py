"""What keeps the studio's server to itself: safe file paths, the access token, size limits.

- Files are served only from inside a root (the runs directory): ``..`` parts, absolute
  paths, NUL bytes and symlinks whose target lies outside are refused.
- Bound to anything but the loopback address, every request must carry the server's random
  token (in the URL's ``token=`` or the cookie the page got when opened with it).
- On loopback, requests naming another Host are refused (a web page elsewhere cannot reach
  the server through DNS rebinding), and changes are accepted only as JSON (a form on another
  site cannot send that without the browser asking first).
"""

from __future__ import annotations

import secrets
from pathlib import Path, PurePosixPath

from neurokit.core.errors import NeurokitError

#: Largest request body accepted (a pasted or uploaded spec, a drawn digit), in bytes.
MAX_BODY_BYTES = 1_000_000

TOKEN_COOKIE = "neurokit_studio_token"
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")


class UnsafePath(NeurokitError):
    """A requested file lies outside the directory it must come from."""


def new_token() -> str:
    return secrets.token_urlsafe(24)


def inside(root: Path, relative: str) -> Path:
    """``root / relative`` if that stays inside ``root`` after resolving symlinks; else raise."""
    if not relative or "\x00" in relative or "\\" in relative:
        raise UnsafePath(f"{relative!r}: not a file name inside the runs directory")
    parts = PurePosixPath(relative)
    if parts.is_absolute() or any(part in ("..", "") for part in parts.parts):
        raise UnsafePath(f"{relative!r}: only paths inside the runs directory are served")
    base = root.resolve()
    target = (base / parts).resolve()
    if not target.is_relative_to(base):
        raise UnsafePath(f"{relative!r}: points outside the runs directory")
    return target


def token_matches(expected: str, given: str | None) -> bool:
    return given is not None and secrets.compare_digest(expected.encode(), given.encode())


def is_loopback(host: str) -> bool:
    return host in LOOPBACK_HOSTS or host.startswith("127.")


def host_name(header: str) -> str:
    """The host part of a Host header: ``127.0.0.1:8765`` → ``127.0.0.1``; ``[::1]:80`` →
    ``[::1]``."""
    if header.startswith("["):
        return header.split("]")[0] + "]"
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header
