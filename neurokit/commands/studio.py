"""neurokit studio: the local web page where networks learn live."""

from __future__ import annotations

NAME = "studio"
HELP = "serve the studio page: playground, digits, runs and explain, live in the browser"
ORDER = 60


def add_arguments(parser) -> None:
    parser.add_argument("--port", type=int, default=8765, help="port to listen on (default 8765)")
    parser.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default 127.0.0.1, this machine only; any other needs the "
        "printed URL's token)",
    )
    parser.add_argument("--runs", metavar="DIR", default="runs", help="run directories (runs/)")
    parser.add_argument("--no-browser", action="store_true", help="do not open a browser")
    parser.add_argument(
        "--max-trainings", type=int, default=2, help="trainings that may run at once (default 2)"
    )
    parser.add_argument("--examples", metavar="DIR", help="example specs offered (examples/)")


def run(args) -> int:
    import sys
    from pathlib import Path

    from neurokit.core.errors import NeurokitError

    try:
        import starlette  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError:
        raise NeurokitError(
            "the studio needs Starlette and uvicorn: pip install 'neurokit[studio]'"
        ) from None
    from neurokit.studio.app import create_app
    from neurokit.studio.catalog import find_examples_dir
    from neurokit.studio.safety import new_token
    from neurokit.studio.server import Server, needs_token

    if args.max_trainings < 1:
        raise NeurokitError("--max-trainings must be at least 1")
    token = None
    if needs_token(args.host):
        token = new_token()
        print(
            f"neurokit: warning: listening on {args.host}, reachable from other machines; "
            "every request needs the token in the URL below",
            file=sys.stderr,
        )
    examples = Path(args.examples) if args.examples else find_examples_dir()
    app = create_app(
        args.runs,
        plugins=getattr(args, "plugin", []) or [],
        examples_dir=examples,
        token=token,
        max_trainings=args.max_trainings,
    )
    server = Server(app, args.host, args.port, token)
    print(f"neurokit studio: {server.url}  (Ctrl-C stops it; running trainings are saved)")
    sys.stdout.flush()
    if not args.no_browser:
        import webbrowser

        webbrowser.open(server.url)
    server.run()
    return 0
