"""neurokit schema: the spec's JSON Schema, for editors to autocomplete and check specs."""

from __future__ import annotations

NAME = "schema"
HELP = "print the JSON Schema of specs (registered component names as enums)"
ORDER = 30


def add_arguments(parser) -> None:
    parser.add_argument("--out", metavar="FILE", help="write the schema to FILE instead")


def run(args) -> int:
    from neurokit import api
    from neurokit.commands._common import load_registry
    from neurokit.core import atomic

    text = api.spec_schema(load_registry(args)) + "\n"
    if args.out:
        atomic.write_text(args.out, text)
        print(f"wrote {args.out}")
    else:
        print(text, end="")
    return 0
