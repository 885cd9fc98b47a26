"""Serving the studio with uvicorn: in the foreground (``neurokit studio``) or on a background
thread (a notebook's ``neurokit.studio()``, the browser tests).

The socket is bound here before uvicorn starts, so the URL printed (and a port of 0, "any
free port") is known for certain. uvicorn turns Ctrl-C and SIGTERM into a clean shutdown,
during which the app's lifespan stops every training and saves it.
"""

from __future__ import annotations

import socket
import threading
from urllib.parse import quote

from neurokit.studio import safety


def bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host.strip("[]"), port))
    except OSError as exc:
        sock.close()
        from neurokit.core.errors import NeurokitError

        raise NeurokitError(f"cannot listen on {host}:{port} ({exc.strerror})") from None
    sock.listen(64)
    sock.set_inheritable(True)
    return sock


def page_url(host: str, port: int, token: str | None) -> str:
    shown = f"[{host.strip('[]')}]" if ":" in host else host
    if shown in ("0.0.0.0", "[::]"):
        shown = "127.0.0.1"
    return f"http://{shown}:{port}/" + (f"?token={quote(token)}" if token else "")


def needs_token(host: str) -> bool:
    """Anything but loopback is reachable from other machines: require the token there."""
    return not safety.is_loopback(host.strip("[]")) and host not in ("[::1]",)


class Server:
    """uvicorn serving ``app`` on an already bound socket."""

    def __init__(self, app, host: str = "127.0.0.1", port: int = 0, token: str | None = None):
        import uvicorn

        self.sock = bind(host, port)
        self.port = self.sock.getsockname()[1]
        self.url = page_url(host, self.port, token)
        config = uvicorn.Config(
            app, log_level="warning", lifespan="on", timeout_graceful_shutdown=5
        )
        self.uvicorn = uvicorn.Server(config)
        self.thread: threading.Thread | None = None

    def run(self) -> None:
        """Serve until Ctrl-C or SIGTERM (foreground)."""
        try:
            self.uvicorn.run(sockets=[self.sock])
        finally:
            self.sock.close()

    def start(self) -> Server:
        """Serve on a daemon thread and return once it answers."""
        self.thread = threading.Thread(target=self.run, name="neurokit-studio", daemon=True)
        self.thread.start()
        while not self.uvicorn.started and self.thread.is_alive():
            threading.Event().wait(0.02)
        return self

    def stop(self, timeout: float = 30.0) -> None:
        """Shut down (trainings stop and save) and wait for the thread."""
        self.uvicorn.should_exit = True
        if self.thread is not None:
            self.thread.join(timeout)
