"""The studio inline in a notebook: ``neurokit.studio()`` starts the server on a background
thread (once per kernel) and returns an IFrame showing the page."""

from __future__ import annotations

_running: dict = {}


def studio(runs="runs", *, port: int = 0, width: str = "100%", height: int = 800, plugins=()):
    """Start the studio on 127.0.0.1 (any free port unless ``port``) and show it inline."""
    from neurokit.studio.app import create_app
    from neurokit.studio.catalog import find_examples_dir
    from neurokit.studio.server import Server

    key = (str(runs), port, tuple(plugins))
    server = _running.get(key)
    if server is None or not server.thread.is_alive():
        app = create_app(runs, plugins=plugins, examples_dir=find_examples_dir())
        server = _running[key] = Server(app, "127.0.0.1", port).start()
    if not _in_ipython():
        return server.url
    from IPython.display import IFrame

    return IFrame(server.url, width=width, height=height)


def _in_ipython() -> bool:
    """True inside a running IPython shell or Jupyter kernel, not merely with IPython installed."""
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    return get_ipython() is not None
