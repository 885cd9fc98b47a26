"""CLI commands, one module each.

A command module defines ``NAME``, ``HELP``, ``ORDER`` (its place in ``--help``),
``add_arguments(parser)`` and ``run(args) -> int``. Keep imports at the top of these modules
light: ``neurokit --help`` imports all of them; import numpy and rich inside ``run``.
"""
