"""neurokit data download NAME | neurokit data where NAME: get data set files, find them."""

from __future__ import annotations

NAME = "data"
HELP = "download MNIST or Fashion-MNIST (verified by SHA-256), or show where files are looked for"
ORDER = 45


def add_arguments(parser) -> None:
    actions = parser.add_subparsers(dest="data_action", metavar="{download,where}", required=True)
    download = actions.add_parser(
        "download",
        help="fetch the four IDX files from public mirrors, checking each file's SHA-256",
        description="Fetch the four gzipped IDX files of a data set into the user cache "
        "(or --dir), trying each mirror in turn; a file is kept only if its SHA-256 matches.",
    )
    download.add_argument("name", metavar="NAME", help="mnist or fashion-mnist")
    download.add_argument(
        "--dir", metavar="DIR", help="put the files here instead of the user cache directory"
    )
    download.add_argument("--quiet", action="store_true", help="no progress bar")
    where = actions.add_parser(
        "where",
        help="list the directories searched for a data set's files, in order, and what is there",
    )
    where.add_argument("name", metavar="NAME", help="mnist or fashion-mnist")
    where.add_argument("--data-dir", metavar="DIR", help="the directory --data-dir would give")


def run(args) -> int:
    if args.data_action == "download":
        return _download(args)
    return _where(args)


def _download(args) -> int:
    from rich.console import Console

    from neurokit.data.download import download
    from neurokit.data.locate import candidate_dirs

    console = Console(stderr=True)
    # A bar only on a terminal: in CI logs and pipes it would print an empty frame.
    show_progress = console.is_terminal and not args.quiet
    dest = download(args.name, args.dir, progress=show_progress, console=console).resolve()
    print(f"{args.name}: the four IDX files are in {dest}")
    searched = [path.resolve() for path in candidate_dirs(args.name)]
    if dest not in searched:
        print(
            f"neurokit does not look there by itself: pass --data-dir {dest} "
            f"or set NEUROKIT_DATA={dest.parent} (with the files in {dest.parent / args.name})"
        )
    return 0


def _where(args) -> int:
    from neurokit.data.status import search_report

    if args.name == "mnist-sample":
        print("mnist-sample is embedded in the neurokit package; it needs no files")
        return 0
    report = search_report(args.name, args.data_dir)
    print(f"{args.name} files are looked for in these directories, in this order:")
    for number, (status, chosen) in enumerate(report, start=1):
        mark = "  <- used" if chosen else ""
        print(f"{number}. {status.directory}: {status.describe()}{mark}")
    if not any(chosen for _, chosen in report):
        print(f"none has them: run `neurokit data download {args.name}` or copy them by hand")
    return 0
