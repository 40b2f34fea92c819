"""Inputs that never fabricate: a workbook missing a sheet or a header, with a merged cell or an
uncomputed formula is refused naming the place; .xls/.ods are told to be saved as .xlsx; zip and
XML bombs, huge case files and endless CSV lines are refused within bounds; the same mistake gets
the same exit code in TOML, JSON, xlsx and CSV."""

from __future__ import annotations

import copy
import csv
import io
import json
import os
import re
import subprocess
import sys
import tomllib
import zipfile
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from scoring.cases.writer import case_to_toml
from scoring.cli import app
from scoring.excel.template import INFO, INPUTS, RATES, ROWS, SCORES, SUBTOTALS, build_template, fill_template
from scoring.files.limits import MAX_TEXT_FILE_BYTES, MAX_WORKBOOK_UNPACKED

from conftest import ROOT, SEED004_CASE, run_cli

RULES = "sichuan.dept-overall@2024.1"
RUNNER = CliRunner()


@pytest.fixture(scope="module")
def seed_sheet():
    """The seed-004 department sheet as plain data, naming its rules."""
    data = tomllib.loads(SEED004_CASE.read_text(encoding="utf-8"), parse_float=Decimal)
    sheet = copy.deepcopy(data["sheets"][0])
    sheet.pop("sheet_type", None)
    sheet["rules"] = RULES
    return {"format": 1, "case": data["case"], "sheets": [sheet]}


@pytest.fixture
def filled(library, seed_sheet, tmp_path):
    """A filled template of the seed-004 sheet, saved; returns its path."""
    rs = library.find(RULES)
    wb = build_template(rs)
    fill_template(wb, rs, seed_sheet["case"], seed_sheet["sheets"][0])
    path = tmp_path / "filled.xlsx"
    wb.save(path)
    return path


def _diff(path) -> subprocess.CompletedProcess:
    result = RUNNER.invoke(app, ["diff", str(path), "--format", "json"])
    assert isinstance(result.exception, (SystemExit, type(None))), result.exception
    return subprocess.CompletedProcess(["diff", str(path)], result.exit_code, result.stdout, result.stderr)


def _edit(path, change):
    wb = load_workbook(path)
    change(wb)
    wb.save(path)
    return path


def test_the_filled_template_scores_like_the_case(filled):
    assert _diff(filled).returncode == 0


@pytest.mark.parametrize("sheet", [INPUTS, SCORES, SUBTOTALS, RATES, INFO])
def test_a_deleted_sheet_is_refused_naming_it(filled, sheet):
    _edit(filled, lambda wb: wb.remove(wb[sheet]))
    done = _diff(filled)
    assert done.returncode == 2 and f"“{sheet}”" in done.stderr, done.stderr
    assert done.stdout == "", "nothing is scored: never a fabricated over-claim"


def test_a_renamed_sheet_is_refused_naming_the_missing_one(filled):
    _edit(filled, lambda wb: setattr(wb[INPUTS], "title", "输入"))
    done = _diff(filled)
    assert done.returncode == 2 and "缺少工作表“输入数据”" in done.stderr and "“输入”" in done.stderr


def test_a_deleted_rows_sheet_is_refused(library, tmp_path):
    rs = library.find("xinjiang.project@2024.1")
    path = tmp_path / "rows.xlsx"
    wb = build_template(rs)
    wb.remove(wb[ROWS])
    wb.save(path)
    done = _diff(path)
    assert done.returncode == 2 and f"缺少工作表“{ROWS}”" in done.stderr


def test_a_moved_header_or_label_is_refused_naming_the_cell(filled):
    _edit(filled, lambda wb: wb[SCORES].insert_cols(2))
    done = _diff(filled)
    assert done.returncode == 2 and "自评得分!B1" in done.stderr and "表头应为“一级指标”" in done.stderr


def test_an_inserted_row_in_basic_information_is_refused(filled):
    _edit(filled, lambda wb: wb[INFO].insert_rows(3))
    done = _diff(filled)
    assert done.returncode == 2 and "基本信息!A3" in done.stderr


def test_merged_cells_are_refused_naming_the_range(filled):
    _edit(filled, lambda wb: wb[SCORES].merge_cells("F2:F3"))
    done = _diff(filled)
    assert done.returncode == 2 and "自评得分!F2:F3" in done.stderr and "合并" in done.stderr


def _input_row(path, name):
    ws = load_workbook(path)[INPUTS]
    return next(r for r in range(2, ws.max_row + 1) if ws[f"A{r}"].value == name)


def test_a_formula_without_a_computed_value_says_so(filled):
    row = _input_row(filled, "budget_executed")
    _edit(filled, lambda wb: wb[INPUTS].__setitem__(f"E{row}", "=200+53.87"))
    done = _diff(filled)
    assert done.returncode == 2 and f"输入数据!E{row}" in done.stderr and "没有计算结果" in done.stderr


def test_a_formula_with_a_computed_value_is_read_as_that_value(filled, tmp_path):
    row = _input_row(filled, "budget_executed")
    _edit(filled, lambda wb: wb[INPUTS].__setitem__(f"E{row}", "=200+53.87"))
    # what Excel does on saving: keep the formula and its computed value
    patched = tmp_path / "computed.xlsx"
    with zipfile.ZipFile(filled) as source, zipfile.ZipFile(patched, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            data = re.sub(rb"<f>200\+53\.87</f>\s*<v\s*/?>(?:</v>)?", b"<f>200+53.87</f><v>253.87</v>", data)
            target.writestr(item, data)
    done = _diff(patched)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    quality = next(i for i in report["sheets"][0]["indicators"] if i["name"] == "预算编制质量")
    assert quality["computed"] == "8.00", "253.87 of 253.87 executed, as in the case"


@pytest.mark.parametrize("name, content", [
    ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512),
    ("sheet.ods", b"PK\x03\x04 not really"),
    ("renamed.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512),
])
def test_xls_and_ods_are_told_to_be_saved_as_xlsx(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    for command in (("diff",), ("import",), ("batch",)):
        done = RUNNER.invoke(app, [*command, str(path)])
        assert done.exit_code == 2
        assert "不支持此格式，请另存为 .xlsx" in done.output, done.output
        assert "编码" not in done.output


def test_an_ods_renamed_to_xlsx_is_recognised(tmp_path):
    path = tmp_path / "book.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<x/>")
    done = _diff(path)
    assert done.returncode == 2 and "OpenDocument" in done.stderr and "请另存为 .xlsx" in done.stderr


def test_a_zip_bomb_is_refused_before_it_is_unpacked(filled, tmp_path):
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(filled) as source, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        target.writestr("xl/media/padding.bin", b"\0" * (MAX_WORKBOOK_UNPACKED + 1))
    assert bomb.stat().st_size < 1024 * 1024
    done = _diff(bomb)
    assert done.returncode == 2 and "压缩炸弹" in done.stderr


def test_an_xml_entity_bomb_is_refused(filled, tmp_path):
    laughs = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
              + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10) for i in range(1, 10))
              + b"]>")
    bomb = tmp_path / "laughs.xlsx"
    with zipfile.ZipFile(filled) as source, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/workbook.xml":
                data = laughs + re.sub(rb"^<\?xml[^>]*\?>", b"", data).replace(b"<sheets>", b"<sheets>&lol9;", 1)
            target.writestr(item, data)
    done = _diff(bomb)
    assert done.returncode == 2 and "被禁止的 XML 内容" in done.stderr, done.stderr


def test_workbooks_are_not_read_without_defusedxml(filled):
    env = {**os.environ, "OPENPYXL_DEFUSEDXML": "False"}
    done = subprocess.run([sys.executable, "-m", "scoring", "diff", str(filled)], cwd=ROOT, capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 2 and "defusedxml" in done.stderr


def test_a_sheet_with_too_many_rows_is_refused(filled):
    _edit(filled, lambda wb: wb[SUBTOTALS].__setitem__("A5000", "x"))
    done = _diff(filled)
    assert done.returncode == 2 and "小计!A5000" in done.stderr and "超过上限" in done.stderr


def test_huge_case_files_and_lines_are_refused_within_bounds(tmp_path, seed_sheet):
    padding = "#" + "x" * 1000 + "\n"
    big = tmp_path / "big.toml"
    big.write_text(case_to_toml(seed_sheet) + padding * (MAX_TEXT_FILE_BYTES // len(padding) + 1), encoding="utf-8")
    done = run_cli("diff", str(big))
    assert done.returncode == 2 and "上限" in done.stderr
    big_json = tmp_path / "big.json"
    big_json.write_text('{"case": "' + "x" * (MAX_TEXT_FILE_BYTES + 10) + '"}', encoding="utf-8")
    assert "上限" in run_cli("diff", str(big_json)).stderr
    table = tmp_path / "t.csv"
    table.write_text("case_id,unit,region,year,rules\n" + "a," * (600 * 1024) + "\n", encoding="utf-8")
    done = run_cli("batch", str(table), "--format", "json")
    assert done.returncode == 2 and "t.csv:2: 该行超过 1 MB 的上限" in done.stderr + done.stdout


# -- the same mistake, the same exit code, whatever the form ------------------------------------


def _forms(library, data, tmp_path) -> dict:
    """The one-sheet case ``data`` as TOML, JSON, xlsx and a case table (CSV)."""
    sheet = data["sheets"][0]
    paths = {}
    paths["toml"] = tmp_path / "case.toml"
    paths["toml"].write_text(case_to_toml(data), encoding="utf-8")
    paths["json"] = tmp_path / "case.json"
    paths["json"].write_text(json.dumps(data, ensure_ascii=False, default=str), encoding="utf-8")
    rs = library.find(RULES)
    wb = build_template(rs)
    fill_template(wb, rs, data["case"], sheet)
    paths["xlsx"] = tmp_path / "case.xlsx"
    wb.save(paths["xlsx"])
    inputs = {name: fig for name, fig in sheet["inputs"].items()}
    columns = ["case_id", "unit", "region", "year", "rules", "claimed_total", *inputs, *(f"claim:{k}" for k in sheet["claims"])]
    cell = {"case_id": data["case"]["id"], "unit": data["case"]["unit"], "region": "/".join(data["case"]["region"]),
            "year": data["case"]["year"], "rules": RULES, "claimed_total": sheet["claimed_total"]["score"]}
    for name, fig in inputs.items():
        value = fig.get("value") if isinstance(fig, dict) else fig
        cell[name] = "未披露" if isinstance(fig, dict) and fig.get("undisclosed") else ("是" if value is True else "否" if value is False else value)
    for key, claim in sheet["claims"].items():
        cell[f"claim:{key}"] = claim["score"] if isinstance(claim, dict) else claim
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    writer.writerow([cell.get(c, "") for c in columns])
    paths["csv"] = tmp_path / "case.csv"
    paths["csv"].write_text(buffer.getvalue(), encoding="utf-8")
    return paths


def _with(data, where, value):
    data = copy.deepcopy(data)
    sheet = data["sheets"][0]
    if where == "input":
        sheet["inputs"]["budget_executed"] = {"value": value}
    else:
        key = next(iter(sheet["claims"]))
        sheet["claims"][key] = {"score": value}
    return data


@pytest.mark.parametrize("where, value, diff_code, batch_code", [
    ("input", "二百五十三", 2, 2),
    ("input", "1000000000000000000", 1, 1),
    ("claim", "九分", 2, 2),
    ("claim", "1000000000000000000", 2, 2),
])
def test_the_same_mistake_gets_the_same_exit_code_in_every_form(library, seed_sheet, tmp_path, where, value, diff_code, batch_code):
    paths = _forms(library, _with(seed_sheet, where, value), tmp_path)
    # typer's runner: the real command line in this process (a subprocess per form is slow)
    codes = {form: RUNNER.invoke(app, ["batch", str(path), "-q", "--format", "json", "--jobs", "1"]).exit_code for form, path in paths.items()}
    assert codes == dict.fromkeys(paths, batch_code)
    codes = {form: RUNNER.invoke(app, ["diff", str(path), "--format", "json"]).exit_code for form, path in paths.items() if form != "csv"}
    assert codes == dict.fromkeys(codes, diff_code)


@pytest.mark.parametrize("change, cell", [
    (lambda ws: ws.__setitem__("A2", "九分"), "输入数据!A2"),
    (lambda ws: ws.delete_rows(3), "输入数据!A3"),
    (lambda ws: ws.insert_rows(4), "输入数据!A4"),
])
def test_a_changed_moved_or_deleted_code_is_refused_naming_the_cell(filled, change, cell):
    _edit(filled, lambda wb: change(wb[INPUTS]))
    done = _diff(filled)
    assert done.returncode == 2 and cell in done.stderr and "请使用原模板" in done.stderr, done.stderr
