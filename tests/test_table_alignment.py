"""Terminal tables line up by display width: a Chinese character takes two columns of a terminal,
so every column must start at the same display column on every line (diff, score, batch summary,
formulas list), and markdown tables keep their bars in line."""

from __future__ import annotations

import pytest
import tabulate as tabulate_module
from wcwidth import wcwidth

from conftest import CASES, run_cli

HUNAN = str(CASES / "hunan-miluo-shgzb-2024.toml")
SUINING = str(CASES / "sichuan-suining-anju-jxb-2024.toml")


def _cells(line: str) -> list[str | None]:
    """The line as display cells: each character fills its width; the second cell of a wide
    character is None."""
    out: list[str | None] = []
    for ch in line:
        width = wcwidth(ch)
        out.append(ch)
        out.extend([None] * (max(width, 1) - 1))
    return out


def _tables(text: str) -> list[list[str]]:
    """Each 'simple' table in ``text``: header, dashes, rows (up to the next blank line)."""
    lines = text.splitlines()
    tables = []
    for i, line in enumerate(lines):
        if line.startswith("---") and set(line) <= {"-", " "} and i > 0:
            end = next((j for j in range(i + 1, len(lines)) if not lines[j].strip()), len(lines))
            tables.append(lines[i - 1:end])
    return tables


def misaligned(table: list[str]) -> list[str]:
    """Every place where a line of a 'simple' table leaves its columns: text in the gap between
    two columns, or a cell that does not start where its column starts."""
    dashes = table[1]
    spans, col = [], 0
    for part in dashes.split("  "):
        spans.append((col, col + len(part)))
        col += len(part) + 2
    problems = []
    for n, line in enumerate(table):
        cells = _cells(line)
        for (_start, end), (next_start, _end) in zip(spans, spans[1:]):
            if any(c != " " for c in cells[end:next_start]):  # a None is half of a wide character
                problems.append(f"line {n}: text between display columns {end} and {next_start}: {line!r}")
        for start, end in spans:
            cell = cells[start:end]
            if any(c not in (" ", None) for c in cell) and cell[0] in (" ", None):
                problems.append(f"line {n}: column at {start} does not start there: {line!r}")
    return problems


def _bars(line: str) -> list[int]:
    return [i for i, c in enumerate(_cells(line)) if c == "|"]


def _tables_found(text: str, at_least: int) -> list[list[str]]:
    tables = _tables(text)
    assert len(tables) >= at_least, text[:500]
    assert any(any(wcwidth(ch) == 2 for ch in "".join(t[2:])) for t in tables), "no Chinese text in the cells"
    return tables


@pytest.mark.parametrize("args", [
    ("diff", HUNAN), ("diff", SUINING), ("score", SUINING), ("batch", str(CASES)), ("formulas", "list"),
], ids=["diff-hunan", "diff-suining", "score-suining", "batch-summary", "formulas-list"])
def test_every_column_starts_at_the_same_display_column(args):
    done = run_cli(*args)
    assert done.returncode in (0, 1), done.stderr
    for table in _tables_found(done.stdout, 1):
        assert misaligned(table) == []


def test_markdown_bars_line_up():
    text = run_cli("diff", SUINING, "--format", "markdown").stdout
    tables = [block for block in text.split("\n\n") if block.startswith("|")]
    assert tables
    for block in tables:
        lines = block.splitlines()
        assert all(_bars(line) == _bars(lines[0]) for line in lines), block[:300]


def test_the_check_catches_tables_counted_in_characters(monkeypatch):
    """Without wide-character support tabulate pads by characters; the check must see that."""
    rows = [["预算执行率", "10", "高报"], ["组织全市开展宣传贯彻活动", "10", "一致"]]
    monkeypatch.setattr(tabulate_module, "WIDE_CHARS_MODE", False)
    by_chars = tabulate_module.tabulate(rows, headers=["指标", "分值", "状态"], disable_numparse=True).splitlines()
    assert misaligned(by_chars)
    monkeypatch.setattr(tabulate_module, "WIDE_CHARS_MODE", True)
    by_width = tabulate_module.tabulate(rows, headers=["指标", "分值", "状态"], disable_numparse=True).splitlines()
    assert misaligned(by_width) == []


def test_formulas_list_and_show_print_regions_as_paths():
    listed = run_cli("formulas", "list").stdout
    line = next(line for line in listed.splitlines() if line.startswith("sichuan.panzhihua.dept-report@2024.1"))
    assert "四川省/攀枝花市" in line and "[" not in line
    assert "全国" in next(line for line in listed.splitlines() if line.startswith("national.project@2020.1"))
    shown = run_cli("formulas", "show", "sichuan.panzhihua.dept-report@2024.1").stdout
    assert "地区 四川省/攀枝花市；" in shown
