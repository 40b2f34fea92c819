"""scoring/output/table.py lays tables out as tabulate does (``tablefmt="simple"`` and
``"github"``, ``disable_numparse=True``, wide characters counted by wcwidth), on the tables the
commands print and on generated ones: Chinese, fullwidth punctuation, Latin letters, spaces
around and inside cells, empty cells, cells of several lines, no rows at all."""

from __future__ import annotations

import tabulate as tabulate_module
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from scoring.output.table import display_width, text_table

from conftest import CASES, run_cli

_TEXT = st.text(
    alphabet=st.sampled_from(
        list("abcXYZ019.-%/()_ ") + list("预算执行率指标分值得分合计一致高报低报无法核验说明") + list("，、。：；“”（）～％０１") + ["é", "ü", "\u0301", "\u200b", "\n"]
    ),
    max_size=14,
)


def tabulated(rows, headers, markdown=False) -> str:
    return tabulate_module.tabulate(rows, headers=headers, tablefmt="github" if markdown else "simple", disable_numparse=True)


@settings(max_examples=300, deadline=None)
@given(
    headers=st.lists(_TEXT.filter(lambda t: "\n" not in t), min_size=1, max_size=5),
    data=st.data(),
    markdown=st.booleans(),
)
def test_the_same_layout_as_tabulate(headers, data, markdown):
    rows = data.draw(st.lists(st.lists(_TEXT, min_size=len(headers), max_size=len(headers)), max_size=6))
    # where some cell has several lines, tabulate drops a row whose cells are all blank; this keeps it
    assume(not any("\n" in c for r in rows for c in r) or all(any(c.strip() for c in r) for r in rows))
    assert text_table(rows, headers, markdown) == tabulated(rows, headers, markdown)


def test_display_width_counts_terminal_columns():
    assert display_width("预算执行率") == 10
    assert display_width("（90.12％）") == 2 + 5 + 4
    assert display_width("e\u0301") == 1  # a combining accent takes no column
    assert display_width("a\u200bb") == 2


def test_the_commands_print_what_tabulate_would():
    """The diff of a shipped case, as a terminal table and in markdown, laid out again by tabulate
    from its own cells gives the same text."""
    for markdown in (False, True):
        args = ["diff", str(CASES / "hunan-miluo-shgzb-2024.toml")] + (["--format", "markdown"] if markdown else [])
        text = run_cli(*args).stdout
        blocks = [b for b in text.split("\n\n") if (b.startswith("|") if markdown else "\n---" in b or b.startswith("指标"))]
        assert blocks
        for block in blocks:
            lines = block.splitlines()
            if markdown:
                cells = [[c.strip() for c in line.strip("|").split("|")] for line in lines]
                head, rows = cells[0], cells[2:]
            else:
                head, rows = _simple_cells(lines)
            assert text_table(rows, head, markdown) == block == tabulated(rows, head, markdown)


def _simple_cells(lines: list[str]) -> tuple[list[str], list[list[str]]]:
    """The cells of a 'simple' table, cut at its rule of dashes (display columns)."""
    spans, col = [], 0
    for part in lines[1].split("  "):
        spans.append((col, col + len(part)))
        col += len(part) + 2

    def cut(line: str) -> list[str]:
        cells, position, current, k = [], 0, "", 0
        for ch in line:
            if k + 1 < len(spans) and position >= spans[k + 1][0]:
                cells.append(current)
                current, k = "", k + 1
            current += ch
            position += display_width(ch)
        cells.append(current)
        cells += [""] * (len(spans) - len(cells))
        return [c.strip() for c in cells]

    return cut(lines[0]), [cut(line) for line in lines[2:]]
