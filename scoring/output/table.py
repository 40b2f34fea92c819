"""Tables of text that line up in a terminal and in markdown, counted in display columns.

Two layouts, as tabulate prints them (``tablefmt="simple"`` and ``"github"``, numbers left as
written): a terminal table — the header, a rule of dashes under each column, the rows, columns two
spaces apart, no trailing spaces — and a markdown table with bars.  A Chinese character takes two
columns of a terminal, so widths are display widths, never character counts.

Written here rather than taken from tabulate because every `scoring diff` prints one: importing
tabulate and the width tables of wcwidth took about 20 ms of a command that should take 0.25 s.
tests/test_table_text.py checks the output against tabulate's on generated tables.
"""

from __future__ import annotations

from collections.abc import Sequence
from unicodedata import category, east_asian_width

# A column is at least its header and two spaces wide, as tabulate makes it.
_MIN_PADDING = 2
_ZERO_WIDTH = frozenset({"Mn", "Me", "Cf"})  # combining marks and format characters (zero-width space …)


def display_width(text: str) -> int:
    """The columns ``text`` fills in a terminal: two for a wide or fullwidth character (Chinese),
    none for a combining mark or a zero-width character, one for any other."""
    if text.isascii():
        return len(text)
    width = 0
    for ch in text:
        if ch < "\u0300":
            width += 1
        elif category(ch) in _ZERO_WIDTH:
            continue
        else:
            width += 2 if east_asian_width(ch) in ("W", "F") else 1
    return width


def text_table(rows: Sequence[Sequence[object]], headers: Sequence[str], markdown: bool = False) -> str:
    """``rows`` under ``headers`` as a terminal table, or with ``markdown`` as a markdown table.
    Cells are text (None is empty), stripped of surrounding white space; a cell with line
    breaks takes as many lines as it has."""
    head = [str(h) for h in headers]
    body = [[_lines(cell) for cell in row] for row in rows]
    widths = [display_width(h) + _MIN_PADDING for h in head]
    for row in body:
        for i, cell in enumerate(row):
            for line in cell:
                widths[i] = max(widths[i], display_width(line))
    lines = [_line(head, widths, markdown)]
    lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|" if markdown else "  ".join("-" * w for w in widths))
    for row in body:
        height = max((len(cell) for cell in row), default=1)
        for k in range(height):
            lines.append(_line([cell[k] if k < len(cell) else "" for cell in row], widths, markdown))
    return "\n".join(lines)


def _lines(cell: object) -> list[str]:
    # the cell is stripped as a whole: the lines of a cell keep their own indentation
    return ("" if cell is None else str(cell)).strip().split("\n")


def _line(cells: Sequence[str], widths: Sequence[int], markdown: bool) -> str:
    padded = [cell + " " * (width - display_width(cell)) for cell, width in zip(cells, widths)]
    if markdown:
        return "| " + " | ".join(padded) + " |"
    return "  ".join(padded).rstrip()
