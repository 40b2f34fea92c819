"""The Excel round trip: template → filled → import → diff equals the TOML case's diff, for every
shipped rule set; bad cells named by sheet and address; the scored workbook highlights over-claims."""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
import tomllib
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from conftest import CASES, run_cli
from scoring.cases import Case, load_case
from scoring.diff import choose_rules, report_loaded
from scoring.engine import Engine
from scoring.errors import FileError
from scoring.render import report_dict
from scoring.xlsx_template import INPUTS, ROWS, build_template, fill_template


def _raw(path):
    return tomllib.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)


def _pairs(library):
    """(rule set, case data, sheet data) for every shipped rule set: a shipped case's sheet that
    uses it, or for the national rule (no shipped case of its own) a Sichuan project sheet."""
    pairs = {}
    for path in sorted(CASES.glob("*.toml")):
        data = _raw(path)
        case = Case.model_validate(data)
        for sheet_model, sheet in zip(case.sheets, data["sheets"]):
            rs = choose_rules(library, case, sheet_model)
            pairs.setdefault(rs.ref, (rs, data, sheet))
    for rs in library.rule_sets:
        if rs.ref not in pairs:
            donor = next(p for p in pairs.values() if p[0].rows is not None and p[2].get("rows"))
            data, sheet = copy.deepcopy(donor[1]), copy.deepcopy(donor[2])
            sheet.pop("sheet_type", None)
            sheet["rules"] = rs.ref
            pairs[rs.ref] = (rs, data, sheet)
    return list(pairs.values())


def _normalised(report) -> dict:
    data = report_dict(report)
    for key in ("case", "path"):
        data.pop(key)
    for f in data["findings"]:
        f.pop("where")
    return data


def _one_sheet(data, sheet, rs):
    data = copy.deepcopy(data)
    sheet = copy.deepcopy(sheet)
    sheet.pop("sheet_type", None)
    sheet["rules"] = rs.ref  # the template pins its rule set
    data["sheets"] = [sheet]
    return data


def test_round_trip_equals_the_toml_case_for_every_shipped_rule_set(library, tmp_path):
    engine = Engine()
    pairs = _pairs(library)
    assert {rs.ref for rs, _, _ in pairs} == {rs.ref for rs in library.rule_sets}
    for rs, data, sheet in pairs:
        one = _one_sheet(data, sheet, rs)
        expected = _normalised(report_loaded(Case.model_validate(one), "x", library, engine))
        wb = build_template(rs)
        fill_template(wb, rs, one["case"], one["sheets"][0])
        path = tmp_path / f"{rs.id}.xlsx"
        wb.save(path)
        case, shown = load_case(path)
        actual = _normalised(report_loaded(case, shown, library, engine))
        assert actual == expected, rs.ref


def test_cli_template_import_and_diff(tmp_path):
    case = CASES / "hunan-miluo-shgzb-2024.toml"
    book = tmp_path / "hunan.xlsx"
    made = run_cli("template", "hunan.dept-overall", "--out", str(book), "--fill", str(case))
    assert made.returncode == 0, made.stderr
    imported = tmp_path / "hunan.toml"
    proc = run_cli("import", str(book), "--out", str(imported))
    assert proc.returncode == 0, proc.stderr
    via_xlsx = run_cli("diff", str(book), "--format", "json")
    via_toml = run_cli("diff", str(imported), "--format", "json")
    original = run_cli("diff", str(case), "--format", "json")
    assert via_xlsx.returncode == via_toml.returncode == original.returncode == 1
    rows = lambda proc: [(i["name"], i["computed"], i["status"]) for i in json.loads(proc.stdout)["sheets"][0]["indicators"]]  # noqa: E731
    assert rows(via_xlsx) == rows(via_toml) == rows(original)


def test_blank_template_has_labels_locked_and_validation(library, tmp_path):
    rs = library.find("sichuan.dept-overall@2024.1")
    path = tmp_path / "t.xlsx"
    build_template(rs).save(path)
    wb = load_workbook(path)
    ws = wb[INPUTS]
    assert ws.protection.sheet
    assert ws["B2"].protection.locked and not ws["E2"].protection.locked
    assert ws.data_validations.dataValidation, "number and list checks on input cells"
    assert "_规则" in wb.sheetnames and wb["_规则"].sheet_state == "hidden"
    labels = [ws[f"B{r}"].value for r in range(2, ws.max_row + 1)]
    assert "财政拨款预算执行数" in labels


def test_text_in_a_number_cell_is_named_by_sheet_and_cell(library, tmp_path):
    rs = library.find("sichuan.dept-overall@2024.1")
    data = _raw(CASES / "sichuan-suining-anju-jxb-2024.toml")
    wb = build_template(rs)
    fill_template(wb, rs, data["case"], data["sheets"][0])
    ws = wb[INPUTS]
    row = next(r for r in range(2, ws.max_row + 1) if ws[f"A{r}"].value == "budget_executed")
    ws[f"E{row}"].value = "二百五十三"
    path = tmp_path / "bad.xlsx"
    wb.save(path)
    with pytest.raises(FileError) as info:
        load_case(path)
    assert f"输入数据!E{row}" in str(info.value) and "应为数字" in str(info.value)
    proc = run_cli("diff", str(path))
    assert proc.returncode == 2 and f"输入数据!E{row}" in proc.stderr


def test_bad_row_weight_is_named(library, tmp_path):
    rs = library.find("sichuan.project@2024.1")
    wb = build_template(rs)
    wb[ROWS]["C2"].value = "采购数量"
    wb[ROWS]["H2"].value = "十分"
    path = tmp_path / "rows.xlsx"
    wb.save(path)
    with pytest.raises(FileError) as info:
        load_case(path)
    assert "绩效指标!H2" in str(info.value)


def test_not_a_workbook(tmp_path):
    path = tmp_path / "fake.xlsx"
    path.write_text("not a workbook", encoding="utf-8")
    proc = run_cli("diff", str(path))
    assert proc.returncode == 2 and "不是可读取的 Excel 工作簿" in proc.stderr


def test_scored_workbook_highlights_the_over_claim(tmp_path):
    out = tmp_path / "scored.xlsx"
    proc = run_cli("diff", str(CASES / "hunan-miluo-shgzb-2024.toml"), "--format", "xlsx", "--out", str(out))
    assert proc.returncode == 1 and out.exists()
    ws = load_workbook(out).worksheets[0]
    row = next(r for r in range(1, ws.max_row + 1) if ws[f"C{r}"].value == "预算执行率")
    assert ws[f"H{row}"].value == "高报"
    assert ws[f"C{row}"].fill.fgColor.rgb.endswith("F8CBAD")
    assert ws[f"I{row}"].value  # the explanation column
    assert run_cli("diff", str(CASES / "hunan-miluo-shgzb-2024.toml"), "--format", "xlsx").returncode == 2  # needs --out


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_scored_workbook_opens_in_libreoffice(tmp_path):
    out = tmp_path / "scored.xlsx"
    run_cli("diff", str(CASES / "hunan-miluo-shgzb-2024.toml"), "--format", "xlsx", "--out", str(out))
    proc = subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)],
        capture_output=True, text=True, timeout=180,
    )
    pdf = tmp_path / "scored.pdf"
    assert pdf.exists() and pdf.stat().st_size > 1000, proc.stderr
