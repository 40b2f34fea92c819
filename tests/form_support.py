"""Workbooks in the official form for tests: a shipped case's sheet filled into its template, and
the places of a form — rows by their hidden key, columns by their block's header text."""

from __future__ import annotations

import copy
import re
import tomllib
import zipfile
from decimal import Decimal
from pathlib import Path
from xml.sax.saxutils import escape

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from scoring import Case, RuleSet
from scoring.excel.form import parse_key
from scoring.excel.template import build_template


def pinned_case(path: Path, index: int, ref: str) -> dict:
    """Sheet ``index`` of the case file at ``path`` as a one-sheet case scored under rule set ``ref``
    (as a template pins it)."""
    data = tomllib.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
    sheet = copy.deepcopy(data["sheets"][index])
    sheet.pop("sheet_type", None)
    sheet["rules"] = ref
    data["sheets"] = [sheet]
    return data


def filled_template(rule_set: RuleSet, data: dict) -> Workbook:
    """The template of ``rule_set`` with the one sheet of ``data`` written in, as a unit hands it in."""
    case = Case.model_validate(data).model_dump(mode="python", exclude_none=True)
    return build_template(rule_set, case["case"], case["sheets"][0])


def key_rows(ws: Worksheet, kind: str) -> list[int]:
    """The rows whose hidden key (column A) is of ``kind`` ("row", "total", "rows:head" …)."""
    return [r for r in range(1, ws.max_row + 1) if parse_key(ws.cell(row=r, column=1).value)[0] == kind]


def key_row(ws: Worksheet, kind: str, **fields: str) -> int:
    """The first row of ``kind`` whose key has all of ``fields`` (e.g. ``fig="budget_executed"``)."""
    return next(r for r in key_rows(ws, kind) if all(parse_key(ws.cell(row=r, column=1).value)[1].get(k) == v for k, v in fields.items()))


def header_column(ws: Worksheet, head_kind: str, header: str) -> int:
    """The column of ``header`` in the first header row of ``head_kind`` ("ind:head", "budget:head" …)."""
    row = key_rows(ws, head_kind)[0]
    return next(c for c in range(2, ws.max_column + 1) if ws.cell(row=row, column=c).value == header)


# -- editing a workbook as Excel does -----------------------------------------------------------
# openpyxl inserts and deletes rows and columns without moving merged ranges; Excel moves, grows
# and shrinks them.  Damage done in tests is damage a person can do in Excel.


def restructure(ws: Worksheet, axis: str, at: int, delta: int) -> None:
    """Insert (``delta`` 1) or delete (-1) row or column (``axis`` "row"/"col") ``at``, merged
    ranges following as in Excel."""
    ranges = [(m.min_row, m.min_col, m.max_row, m.max_col) for m in ws.merged_cells.ranges]
    for m in list(ws.merged_cells.ranges):
        ws.unmerge_cells(m.coord)
    edit = {("row", 1): ws.insert_rows, ("row", -1): ws.delete_rows, ("col", 1): ws.insert_cols, ("col", -1): ws.delete_cols}
    edit[axis, delta](at)
    for min_row, min_col, max_row, max_col in ranges:
        lo, hi = moved((min_row, max_row) if axis == "row" else (min_col, max_col), at, delta)
        if lo is None:
            continue
        box = (lo, min_col, hi, max_col) if axis == "row" else (min_row, lo, max_row, hi)
        if box[0] != box[2] or box[1] != box[3]:
            ws.merge_cells(start_row=box[0], start_column=box[1], end_row=box[2], end_column=box[3])


def moved(span: tuple[int, int], at: int, delta: int) -> tuple[int | None, int | None]:
    """Where rows (or columns) ``span`` = (first, last) are after ``at`` is inserted or deleted."""
    lo, hi = span
    if delta > 0:
        return (lo + 1, hi + 1) if at <= lo else (lo, hi + 1) if at <= hi else (lo, hi)
    if at < lo:
        return lo - 1, hi - 1
    if at <= hi:
        return (lo, hi - 1) if hi > lo else (None, None)
    return lo, hi


def merge(ws: Worksheet, min_row: int, min_col: int, max_row: int, max_col: int) -> None:
    """Merge as Excel does: the selection grows over the merged ranges it cuts, and only the
    top-left value is kept."""
    grown = True
    while grown:
        grown = False
        for m in ws.merged_cells.ranges:
            cuts = m.min_row <= max_row and m.max_row >= min_row and m.min_col <= max_col and m.max_col >= min_col
            inside = min_row <= m.min_row and m.max_row <= max_row and min_col <= m.min_col and m.max_col <= max_col
            if cuts and not inside:
                min_row, min_col = min(min_row, m.min_row), min(min_col, m.min_col)
                max_row, max_col = max(max_row, m.max_row), max(max_col, m.max_col)
                grown = True
    for m in list(ws.merged_cells.ranges):
        if min_row <= m.min_row and m.max_row <= max_row and min_col <= m.min_col and m.max_col <= max_col:
            ws.unmerge_cells(m.coord)
    ws.merge_cells(start_row=min_row, start_column=min_col, end_row=max_row, end_column=max_col)


def write(ws: Worksheet, row: int, col: int, value) -> None:
    """Type ``value`` into a cell; typed into a merged range, it lands in the range's top-left."""
    for m in ws.merged_cells.ranges:
        if m.min_row <= row <= m.max_row and m.min_col <= col <= m.max_col:
            row, col = m.min_row, m.min_col
            break
    ws.cell(row=row, column=col).value = value


def save_with_results(wb: Workbook, path: Path, results: dict[str, str]) -> None:
    """Save ``wb``, then give each formula whose text is a key of ``results`` that saved result,
    as Excel does on saving (openpyxl saves formulas without one)."""
    wb.save(path)
    if not results:
        return
    patched = path.with_name(path.name + ".part")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(patched, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            for text, result in results.items():
                formula = b"<f>" + escape(text).encode() + b"</f>"
                data = re.sub(re.escape(formula) + rb"\s*<v\s*/?>(?:</v>)?", formula + b"<v>" + result.encode() + b"</v>", data)
            target.writestr(item, data)
    patched.replace(path)
