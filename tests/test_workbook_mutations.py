"""Property: a filled template mutated the ways people damage workbooks — a sheet deleted or
renamed, a header moved, a row inserted, a wrong type typed, cells merged, a formula — is either
refused (exit 2) with a message naming the place, or scored with exactly the claims it holds:
never a traceback, never a claim the workbook did not contain."""

from __future__ import annotations

import copy
import datetime as dt
import tempfile
import tomllib
from decimal import Decimal, InvalidOperation
from functools import cache
from io import BytesIO
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from typer.testing import CliRunner

from scoring import load_rule_dir
from scoring.cli import app
from scoring.excel.template import HEADERS, INFO, INFO_FIELDS, META, ROWS, SCORES, build_template, fill_template

from conftest import CASES

RUNNER = CliRunner()
# (rule set, case file, index of the sheet that uses it)
FILLED = [
    ("sichuan.dept-overall@2024.1", "sichuan-suining-anju-jxb-2024.toml", 0),
    ("hunan.dept-overall@2024.1", "hunan-miluo-shgzb-2024.toml", 0),
    ("xinjiang.project@2024.1", "xinjiang-changji-shgzb-2024.toml", 1),
]
BAD_VALUES = ["九分", True, dt.datetime(2024, 5, 1), 1e30, -3, 7.25, "", "=A1", 10**20, "１０"]


@cache
def _filled(index: int) -> bytes:
    ref, case_file, sheet_index = FILLED[index]
    library = load_rule_dir()
    rs = library.find(ref)
    data = tomllib.loads((CASES / case_file).read_text(encoding="utf-8"), parse_float=Decimal)
    sheet = copy.deepcopy(data["sheets"][sheet_index])
    sheet.pop("sheet_type", None)
    sheet["rules"] = ref
    wb = build_template(rs)
    fill_template(wb, rs, data["case"], sheet)
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


@st.composite
def mutations(draw, wb):
    """One damaging edit of ``wb`` (applied in place); returns a short description."""
    sheets = [name for name in HEADERS if name in wb.sheetnames]
    name = draw(st.sampled_from(sheets))
    ws = wb[name]
    kind = draw(st.sampled_from(["delete", "rename", "swap_headers", "insert_col", "delete_col", "insert_row",
                                 "delete_row", "value", "value", "merge", "formula"]))
    row = draw(st.integers(2, max(2, min(ws.max_row, 45))))
    column = draw(st.integers(1, len(HEADERS[name])))
    if kind == "delete":
        wb.remove(ws)
    elif kind == "rename":
        ws.title = draw(st.sampled_from([name + "1", name[:1], "Sheet1"]))
    elif kind == "swap_headers":
        other = draw(st.integers(1, len(HEADERS[name])).filter(lambda c: c != column))
        a, b = ws.cell(1, column), ws.cell(1, other)
        a.value, b.value = b.value, a.value
    elif kind == "insert_col":
        ws.insert_cols(column)
    elif kind == "delete_col":
        ws.delete_cols(column)
    elif kind == "insert_row":
        ws.insert_rows(row)
    elif kind == "delete_row":
        ws.delete_rows(row)
    elif kind == "value":
        ws.cell(row, column).value = draw(st.sampled_from(BAD_VALUES))
    elif kind == "merge":
        height, width = draw(st.integers(0, 2)), draw(st.integers(0, 2))
        if height == width == 0:
            height = 1
        ws.merge_cells(start_row=row, start_column=column, end_row=row + height, end_column=column + width)
    elif kind == "formula":
        ws.cell(row, column).value = draw(st.sampled_from(["=1+1", "=SUM(E2:E3)", '=IF(TRUE,"是","否")']))
    return f"{kind} {name} r{row} c{column}"


def _decimal(value) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, float):
        value = repr(value)
    try:
        return Decimal(str(value).strip())
    except InvalidOperation:
        return None


def _claims_in(wb) -> tuple[dict[str, Decimal], list[tuple[str, Decimal]], Decimal | None]:
    """What the workbook claims: per indicator id (自评得分), per row name (绩效指标), the total."""
    by_id = {}
    if SCORES in wb.sheetnames:
        ws = wb[SCORES]
        for r in range(2, ws.max_row + 1):
            claim = _decimal(ws[f"F{r}"].value)
            if ws[f"A{r}"].value and claim is not None:
                by_id[ws[f"A{r}"].value] = claim
    rows = []
    if ROWS in wb.sheetnames:
        ws = wb[ROWS]
        for r in range(2, ws.max_row + 1):
            claim = _decimal(ws[f"I{r}"].value)
            if claim is not None:
                rows.append((str(ws[f"C{r}"].value).strip(), claim))
    total_row = 2 + [k for k, _ in INFO_FIELDS].index("claimed_total")
    total = _decimal(wb[INFO][f"B{total_row}"].value) if INFO in wb.sheetnames else None
    return by_id, rows, total


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data(), which=st.integers(0, len(FILLED) - 1))
def test_a_damaged_workbook_is_refused_naming_the_place_or_scored_on_what_it_holds(data, which):
    wb = load_workbook(BytesIO(_filled(which)))
    edits = [data.draw(mutations(wb)) for _ in range(data.draw(st.integers(1, 2)))]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "damaged.xlsx"
        wb.save(path)
        result = RUNNER.invoke(app, ["diff", str(path), "--format", "json"])
        assert isinstance(result.exception, (SystemExit, type(None))), (edits, result.exception)
        assert "Traceback" not in result.output
        if result.exit_code == 2:
            message = result.stderr
            named = [name for name in [*HEADERS, META] if name in message]
            assert message.startswith("错误：") and named, (edits, message)
            return
        assert result.exit_code in (0, 1), (edits, result.output)
        import json

        report = json.loads(result.stdout)
        held = load_workbook(path, data_only=True)
        by_id, rows, total = _claims_in(held)
        sheet = report["sheets"][0]
        for ind in sheet["indicators"] + sheet.get("deductions", []):
            if ind.get("claimed") is None:
                continue
            claimed = Decimal(ind["claimed"])
            if ind["id"] in by_id:
                assert by_id[ind["id"]] == claimed, (edits, ind)
            else:
                assert (ind["name"], claimed) in rows, (edits, ind, rows)
        if sheet["total"].get("claimed") is not None:
            assert Decimal(sheet["total"]["claimed"]) == total, (edits, sheet["total"], total)
