"""Tables for commands: rich tables on a terminal, aligned plain text elsewhere.

Plain text is what pipes, files, CI logs and tests see: a title line, a header line and one
line per row, columns right-aligned, so ``grep`` and eyes both read it.
"""

from __future__ import annotations

import sys
from typing import Any


class Printer:
    """Prints titled tables and lines of text, as rich output or as plain text."""

    def __init__(self, plain: bool | None = None, stream=None):
        self.stream = stream if stream is not None else sys.stdout
        if plain is None:
            plain = not getattr(self.stream, "isatty", lambda: False)()
        self.plain = plain
        self.console: Any = None  # a rich Console when not plain (rich is imported lazily)
        if not plain:
            from rich.console import Console

            self.console = Console(file=self.stream, highlight=False)

    def __repr__(self) -> str:
        return f"Printer(plain={self.plain})"

    def text(self, line: str = "") -> None:
        if self.plain:
            print(line, file=self.stream)
        else:
            from rich.text import Text

            self.console.print(Text(line))

    def table(self, title: str, headers: list[str], rows: list[list[str]]) -> None:
        if self.plain:
            print(plain_table(title, headers, rows), file=self.stream)
            print(file=self.stream)
            return
        from rich import box
        from rich.table import Table

        view = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
        for header in headers:
            view.add_column(header, justify="right")
        for row in rows:
            view.add_row(*row)
        self.console.print(view)  # SIMPLE_HEAD ends with a blank line, like plain mode


def plain_table(title: str, headers: list[str], rows: list[list[str]]) -> str:
    """The title, then header and rows with every column right-aligned to its widest cell."""
    widths = [max(len(cell) for cell in column) for column in zip(headers, *rows, strict=True)]
    lines = [title]
    for row in [headers, *rows]:
        cells = (cell.rjust(width) for cell, width in zip(row, widths, strict=True))
        lines.append(("  " + "  ".join(cells)).rstrip())
    return "\n".join(lines)


def number(value: float) -> str:
    """0 and 1 (and other whole numbers) without decimals; anything else to 4 decimals."""
    value = float(value)
    if value.is_integer():
        return str(int(value))
    return f"{value:.4f}"
