"""The official form in Excel: template → filled → import → diff equals the TOML case's diff for
every shipped sheet; the scored workbook is the same form with the review columns and is itself
an input; bad cells, missing sheets and headers are named; the layout (merged groups, print
setup, fonts, hidden identifiers) is checked through openpyxl."""

from __future__ import annotations

import copy
import json
import re
import tomllib
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from scoring import Case, Engine, FileError, ScoringError, load_case, report_loaded
from scoring.excel.form import parse_key
from scoring.excel.template import META, build_template
from scoring.output.data import report_dict
from scoring.review.pipeline import choose_rules

from conftest import CASES, run_cli, shipped_diff, shipped_sheet_count
from form_support import restructure

HUNAN = CASES / "hunan-miluo-shgzb-2024.toml"
SUINING = CASES / "sichuan-suining-anju-jxb-2024.toml"


def _raw(path):
    return tomllib.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)


def shipped_sheets(library):
    """(rule set, case data, sheet data) for every sheet of every shipped case, the sheet pinned
    to the rule set it is scored under (as a template pins it)."""
    out = []
    for path in sorted(CASES.glob("*.toml")):
        data = _raw(path)
        case = Case.model_validate(data)
        for sheet_model, sheet in zip(case.sheets, data["sheets"]):
            rs = choose_rules(library, case, sheet_model)
            one = copy.deepcopy(data)
            sheet = copy.deepcopy(sheet)
            sheet.pop("sheet_type", None)
            sheet["rules"] = rs.ref
            one["sheets"] = [sheet]
            out.append((rs, one, path.stem))
    return out


def _normalised(report) -> dict:
    data = report_dict(report)
    for key in ("case", "path"):
        data.pop(key)
    for f in data["findings"]:
        f.pop("where")
    return data


def _filled(rs, data):
    case = Case.model_validate(data).model_dump(mode="python", exclude_none=True)
    return build_template(rs, case["case"], case["sheets"][0])


def _rows(ws, kind: str) -> list[int]:
    return [r for r in range(1, ws.max_row + 1) if parse_key(ws.cell(row=r, column=1).value)[0] == kind]


@pytest.fixture(scope="module")
def scored(tmp_path_factory):
    """`scoring diff CASE --format xlsx --out …` of the Hunan and the Suining case through the
    real CLI, run once for the tests here that read a scored workbook (none writes to it):
    the process and the workbook, by the case file."""
    folder = tmp_path_factory.mktemp("scored")
    made = {}
    for case in (HUNAN, SUINING):
        out = folder / f"{case.stem}.xlsx"
        made[case] = run_cli("diff", str(case), "--format", "xlsx", "--out", str(out)), out
    return made


def _column(ws, header_kind: str, header: str) -> int:
    row = _rows(ws, header_kind)[0]
    return next(c for c in range(2, ws.max_column + 1) if ws.cell(row=row, column=c).value == header)


def test_round_trip_equals_the_toml_case_for_every_shipped_sheet(library, tmp_path):
    engine = Engine()
    pairs = shipped_sheets(library)
    assert len(pairs) == shipped_sheet_count()
    for i, (rs, data, name) in enumerate(pairs):
        expected = _normalised(report_loaded(Case.model_validate(data), "x", library, engine))
        path = tmp_path / f"{i}.xlsx"
        _filled(rs, data).save(path)
        case, shown = load_case(path)
        assert _normalised(report_loaded(case, shown, library, engine)) == expected, (name, rs.ref)


def test_heading_signature_and_row_reasons_round_trip(library, tmp_path):
    rs = library.find("national.project@2020.1")
    data = _raw(CASES / "hubei-wuhan-xinzhou-chujutuan-2020.toml")
    sheet = data["sheets"][0]
    sheet.pop("sheet_type", None)
    sheet.update(rules=rs.ref, project="困难群众救助项目", implementer="新洲区民政局", preparer="张三", reviewer="李四", phone="027-1234567")
    sheet["rows"][0]["deviation"] = "受疫情影响，第四季度集中完成；明年提前安排"
    data["case"].update(department="武汉市新洲区民政局", evaluated="2021-03-15")
    path = tmp_path / "form.xlsx"
    _filled(rs, data).save(path)
    case, _ = load_case(path)
    s = case.sheets[0]
    assert (s.project, s.implementer, s.preparer, s.reviewer, s.phone) == ("困难群众救助项目", "新洲区民政局", "张三", "李四", "027-1234567")
    assert case.case.department == "武汉市新洲区民政局" and str(case.case.evaluated) == "2021-03-15"
    assert s.rows[0].deviation.startswith("受疫情影响")


def test_cli_template_import_and_diff(tmp_path):
    book = tmp_path / "hunan.xlsx"
    made = run_cli("template", "hunan.dept-overall", "--out", str(book), "--fill", str(HUNAN))
    assert made.returncode == 0, made.stderr
    imported = tmp_path / "hunan.toml"
    proc = run_cli("import", str(book), "--out", str(imported))
    assert proc.returncode == 0, proc.stderr
    via_xlsx = run_cli("diff", str(book), "--format", "json")
    via_toml = run_cli("diff", str(imported), "--format", "json")
    original = run_cli("diff", str(HUNAN), "--format", "json")
    assert via_xlsx.returncode == via_toml.returncode == original.returncode == 1
    rows = lambda proc: [(i["name"], i["computed"], i["status"]) for i in json.loads(proc.stdout)["sheets"][0]["indicators"]]  # noqa: E731
    assert rows(via_xlsx) == rows(via_toml) == rows(original)


def test_findings_of_a_workbook_name_the_worksheet_row(tmp_path):
    """A person diffing a workbook is pointed at the worksheet and the line holding what a finding
    is about, not at the case's internal names ("#sheet.row2"); JSON keeps the internal place."""
    book = tmp_path / "hunan.xlsx"
    assert run_cli("template", "hunan.dept-overall", "--out", str(book), "--fill", str(HUNAN)).returncode == 0
    text = run_cli("diff", str(book))
    ws = load_workbook(book).worksheets[0]
    title, total = ws.title, _rows(ws, "total")[0]
    placed = re.findall(r"^- \[.+?\] (.+?)：.*（[^（]*hunan\.xlsx：工作表“(.+?)”第 (\d+) 行）$", text.stdout, re.M)
    assert placed and len(placed) == text.stdout.count("\n- ["), text.stdout
    for subject, sheet, row in placed:
        cells = " ".join(str(c.value) for c in ws[int(row)] if c.value is not None)
        subject = subject.split("“")[0]  # 规范行业协会商会发展“实际完成值”
        # a row's name; a rule indicator's line (its claim on the budget line: "ind=execution"); the total
        held = subject in cells or "ind=" in str(ws.cell(row=int(row), column=1).value) or (subject in ("总分", "等级") and int(row) == total)
        assert sheet == title and held, (subject, row, cells)
    assert "#" not in text.stdout.split("发现：")[1]
    report = json.loads(run_cli("diff", str(book), "--format", "json").stdout)
    assert all("#" in f["where"] for f in report["findings"])


def test_blank_template_is_the_official_form(library, tmp_path):
    path = tmp_path / "t.xlsx"
    build_template(library.find("national.project@2020.1")).save(path)
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    assert ws.title == "项目支出绩效自评表" and wb[META].sheet_state == "hidden"
    assert ws.column_dimensions["A"].hidden, "row keys only in the hidden column"
    texts = {c.value for row in ws.iter_rows(min_col=2) for c in row if isinstance(c.value, str)}
    for label in ("单位名称", "项目名称", "主管部门", "实施单位", "年度", "年初预算数", "全年预算数", "全年执行数", "执行率",
                  "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "偏差原因分析及改进措施", "总分", "等级",
                  "填报人", "审核人", "联系电话", "日期", "产出指标", "数量指标", "服务对象满意度指标"):
        assert label in texts, label
    # 一级 merged down its 二级 groups, and each 二级 down its lines
    merged = {str(r) for r in ws.merged_cells.ranges}
    first = _rows(ws, "row")[0]
    g1 = _column(ws, "rows:head", "一级指标")
    assert any(m.startswith(f"{ws.cell(row=first, column=g1).coordinate}:") for m in merged)
    # labels locked, the cells to fill unlocked, numbers checked
    assert ws.protection.sheet
    name = _column(ws, "rows:head", "三级指标")
    assert not ws.cell(row=first, column=name).protection.locked
    assert ws.cell(row=_rows(ws, "rows:head")[0], column=name).protection.locked
    assert ws.data_validations.dataValidation


def test_template_of_a_formula_rule_set_prints_the_figures_each_indicator_uses(library):
    rs = library.find("sichuan.dept-overall@2024.1")
    ws = build_template(rs).worksheets[0]
    lines = _rows(ws, "line")
    label, value = _column(ws, "ind:head", "所用数据"), _column(ws, "ind:head", "数值")
    shown = [ws.cell(row=r, column=label).value for r in lines]
    assert "财政拨款预算执行数" in shown and len(lines) >= len(rs.inputs)
    # a figure several indicators use is entered once and shown again by reference
    stage = [r for r in lines if (ws.cell(row=r, column=label).value or "").startswith("部门预算阶段项目（含一次性项目）总数")]
    assert len(stage) > 1
    again = ws.cell(row=stage[1], column=value).value
    assert isinstance(again, str) and again.startswith("=IF(") and ws.cell(row=stage[1], column=value).protection.locked
    assert len(_rows(ws, "ded")) == len(rs.deductions)


@pytest.mark.parametrize("case", [HUNAN, SUINING], ids=["rows", "formula"])
def test_print_setup_and_fonts(case, tmp_path, scored):
    proc, out = scored[case]
    assert proc.returncode in (0, 1)
    made = tmp_path / "template.xlsx"
    assert run_cli("template", "sichuan.dept-overall" if case == SUINING else "hunan.dept-overall", "--out", str(made), "--fill", str(case)).returncode == 0
    for book in (out, made):
        wb = load_workbook(book)
        for ws in wb.worksheets:
            if ws.sheet_state == "hidden":
                continue
            ps = ws.page_setup
            assert ps.orientation == "landscape" and str(ps.paperSize) == "9", ws.title  # 9: A4
            assert ws.sheet_properties.pageSetUpPr.fitToPage and ps.fitToWidth == 1, ws.title
            assert ws.print_area, ws.title
            hidden = {letter for letter, dim in ws.column_dimensions.items() if dim.hidden}
            fonts = {c.font.name for row in ws.iter_rows() for c in row if c.value is not None and c.column_letter not in hidden}
            assert fonts == {"宋体"}, (ws.title, fonts)
        form = wb.worksheets[0]
        assert form.print_title_rows, "the table's header repeats on every page"


def test_scored_workbook_is_the_form_with_review_columns(scored):
    proc, out = scored[HUNAN]
    assert proc.returncode == 1 and out.exists()
    ws = load_workbook(out).worksheets[0]
    budget = _rows(ws, "budget:total")[0]
    head = _rows(ws, "budget:head")[0]
    col = {ws.cell(row=head, column=c).value: c for c in range(2, ws.max_column + 1)}
    assert ws.cell(row=budget, column=col["得分"]).value == "9.2"
    assert ws.cell(row=budget, column=col["计算得分"]).value == pytest.approx(9.01)
    assert ws.cell(row=budget, column=col["计算得分"]).number_format == "0.00"
    assert ws.cell(row=budget, column=col["状态"]).value == "高报"
    assert ws.cell(row=budget, column=col["得分"]).fill.fgColor.rgb.endswith("F8CBAD")
    assert ws.cell(row=budget, column=col["说明"]).value
    total = _rows(ws, "total")[0]
    assert ws.cell(row=total, column=col["差额"]).number_format == "+0.00;-0.00;0.00"
    # the point the difference is measured from, as diff prints it; the range is in 说明
    expected = json.loads(shipped_diff(HUNAN.name).stdout)["sheets"][0]["total"]
    assert expected["low"] != expected["high"]
    assert ws.cell(row=total, column=col["计算得分"]).value == pytest.approx(float(expected["computed"]))
    assert f"按规则可能范围 {expected['low']}～{expected['high']}" in ws.cell(row=total, column=col["说明"]).value
    grade = _rows(ws, "grade")[0]
    assert ws.cell(row=grade, column=col["计算得分"]).value == "中～优"
    assert run_cli("diff", str(HUNAN), "--format", "xlsx").returncode == 2  # needs --out


def test_no_identifier_where_a_person_reads(library, scored):
    _, out = scored[SUINING]
    wb = load_workbook(out)
    rs = library.find("sichuan.dept-overall", 2024)  # the version that scored it
    forbidden = [rs.sha256[:12], "sichuan.dept-overall", "dept-overall", "claim_over", "rule_source_defect", "unverifiable", ".toml"]
    for ws in wb.worksheets:
        if ws.sheet_state == "hidden":
            continue
        hidden = {letter for letter, dim in ws.column_dimensions.items() if dim.hidden}
        for row in ws.iter_rows():
            for cell in row:
                if not isinstance(cell.value, str) or cell.column_letter in hidden:
                    continue
                assert not any(word in cell.value for word in forbidden), (ws.title, cell.coordinate, cell.value)
    assert any(rs.sha256 in str(c.value) for row in wb[META].iter_rows() for c in row)


def test_scored_workbook_is_an_input_correct_a_claim_and_diff_again(tmp_path, scored):
    _, out = scored[HUNAN]
    again = run_cli("diff", str(out), "--format", "json")
    original = shipped_diff(HUNAN.name)
    assert again.returncode == original.returncode == 1
    strip = lambda p: [(i["name"], i["claimed"], i["computed"], i["status"]) for i in json.loads(p.stdout)["sheets"][0]["indicators"]]  # noqa: E731
    assert strip(again) == strip(original)
    # the clerk corrects the over-claimed 预算执行率 (9.2 → 9.01) and the total with it
    wb = load_workbook(out)
    ws = wb.worksheets[0]
    head = _rows(ws, "budget:head")[0]
    col = {ws.cell(row=head, column=c).value: c for c in range(2, ws.max_column + 1)}
    ws.cell(row=_rows(ws, "budget:total")[0], column=col["得分"]).value = "9.01"
    main = _column(ws, "rows:head", "得分")
    ws.cell(row=_rows(ws, "total")[0], column=main).value = "98.01"
    corrected = tmp_path / "corrected.xlsx"  # a copy: the scored workbook itself stays as written
    wb.save(corrected)
    proc = run_cli("diff", str(corrected), "--format", "json")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    report = json.loads(proc.stdout)
    execution = next(i for i in report["sheets"][0]["indicators"] if i["name"] == "预算执行率")
    assert execution["status"] == "match" and execution["claimed"] == "9.01"
    assert not [f for f in report["findings"] if f["severity"] == "error"]


def test_scored_workbook_of_a_case_with_several_sheets_reads_back_every_sheet(scored):
    _, out = scored[SUINING]
    case, _ = load_case(out)
    original, _ = load_case(SUINING)
    assert [s.id for s in case.sheets] == [s.id for s in original.sheets]
    a, b = run_cli("diff", str(out), "--format", "json"), shipped_diff(SUINING.name)
    totals = lambda p: [s["total"] for s in json.loads(p.stdout)["sheets"]]  # noqa: E731
    assert totals(a) == totals(b)


def test_text_in_a_number_cell_is_named_by_sheet_and_cell(library, tmp_path):
    rs = library.find("sichuan.dept-overall@2024.1")
    wb = _filled(rs, _pinned(SUINING, rs))
    ws = wb.worksheets[0]
    value = _column(ws, "ind:head", "数值")
    row = next(r for r in _rows(ws, "line") if "fig=budget_executed" in ws.cell(row=r, column=1).value)
    ws.cell(row=row, column=value).value = "二百五十三"
    path = tmp_path / "bad.xlsx"
    wb.save(path)
    ref = f"{ws.title}!{ws.cell(row=row, column=value).coordinate}"
    with pytest.raises(FileError) as info:
        load_case(path)
    assert ref in str(info.value) and "应为数字" in str(info.value)
    proc = run_cli("diff", str(path))
    assert proc.returncode == 2 and ref in proc.stderr


def test_cells_typed_as_people_type_them(library, tmp_path):
    """A percentage pasted from a spreadsheet (-0.05 shown as -5.00%), an amount with its unit
    ("253.87万元"), a claim with its 分 ("3分") and "/" in a claim are read as they show."""
    rs = library.find("sichuan.dept-overall@2024.1")
    plain_wb = _filled(rs, _pinned(SUINING, rs))
    plain_path = tmp_path / "plain.xlsx"
    plain_wb.save(plain_path)
    plain = report_loaded(*load_case(plain_path), library, Engine())
    wb = _filled(rs, _pinned(SUINING, rs))
    ws = wb.worksheets[0]
    value = _column(ws, "ind:head", "数值")
    lines = {ws.cell(row=r, column=1).value: r for r in _rows(ws, "line")}
    rate_row = next(r for key, r in lines.items() if "fig=asset_change_rate" in key)
    amount_row = next(r for key, r in lines.items() if "fig=budget_executed" in key)
    rate = ws.cell(row=rate_row, column=value)
    assert Decimal(str(rate.value)) == Decimal("-38")
    rate.value, rate.number_format = -0.38, "0.00%"
    ws.cell(row=amount_row, column=value).value = f"{ws.cell(row=amount_row, column=value).value}万元"
    claim_col = _column(ws, "ind:head", "得分")
    claims = [r for key, r in lines.items() if "|ind=" in key and ws.cell(row=r, column=claim_col).value not in (None, "")]
    ws.cell(row=claims[0], column=claim_col).value = f"{ws.cell(row=claims[0], column=claim_col).value}分"
    ws.cell(row=claims[1], column=claim_col).value = "/"
    # the 年度 cell with its word ("2024年": was refused as no four-digit year, review BZ)
    label = next(c for row in ws.iter_rows(max_row=8) for c in row if c.value == "年度")
    year = next(c for c in ws[label.row][label.column:] if c.value not in (None, ""))
    year.value = f"{year.value}年"
    path = tmp_path / "typed.xlsx"
    wb.save(path)
    typed = report_loaded(*load_case(path), library, Engine())
    assert load_case(path)[0].case.year == 2024
    assert typed.sheets[0].total.comparison.computed == plain.sheets[0].total.comparison.computed
    by_id = {r.result.id: r for r in typed.sheets[0].indicators}
    first = next(r for r in typed.sheets[0].indicators if r.comparison.claimed is not None)
    assert first.comparison.claimed == plain.sheets[0].indicators[0].comparison.claimed
    assert any(r.comparison.status == "unclaimed" for r in by_id.values())


def test_an_amount_typed_as_a_percentage_is_an_error_as_in_every_form(library, tmp_path):
    """"253.87%" typed in an amount's cell is the same error as in a case file or a table row, at
    that cell's line, never read as 253.87; an amount in a cell merely formatted as a percentage
    (the format copied from the 执行率 beside it) is the amount it is."""
    rs = library.find("sichuan.dept-overall@2024.1")
    for typed in ("253.87%", 253.87):
        wb = _filled(rs, _pinned(SUINING, rs))
        ws = wb.worksheets[0]
        value = _column(ws, "ind:head", "数值")
        row = next(r for r in _rows(ws, "line") if "fig=budget_executed" in ws.cell(row=r, column=1).value)
        cell = ws.cell(row=row, column=value)
        cell.value = typed
        if not isinstance(typed, str):
            cell.number_format = "0.00%"
        path = tmp_path / "percent.xlsx"
        wb.save(path)
        done = run_cli("diff", str(path))
        said = f"写成了百分数“253.87%”，金额不能带百分号（{path}：工作表“{ws.title}”第 {row} 行）"
        assert (said in done.stdout) == isinstance(typed, str), done.stdout


def test_a_rate_printed_beside_a_blank_or_undisclosed_amount_leaves_the_rest_scored(library, tmp_path):
    """执行率 filled in while 全年执行数 is blank or "未披露": the figure is missing or undisclosed,
    said at its line, and the sheet is scored (it was refused whole)."""
    rs = library.find("hunan.dept-overall@2024.1")
    for written, code in ((None, "missing_input"), ("未披露", None)):
        wb = _filled(rs, _pinned(HUNAN, rs))
        ws = wb.worksheets[0]
        head = _rows(ws, "budget:head")[0]
        col = {ws.cell(row=head, column=c).value: c for c in range(2, ws.max_column + 1)}
        ws.cell(row=_rows(ws, "budget:total")[0], column=col["全年执行数"]).value = written
        path = tmp_path / "blank.xlsx"
        wb.save(path)
        done = run_cli("diff", str(path), "--format", "json")
        assert done.returncode in (0, 1), done.stderr
        report = json.loads(done.stdout)
        execution = next(i for i in report["sheets"][0]["indicators"] if i["id"] == "execution")
        assert execution["status"] == "unverifiable" and len(report["sheets"][0]["indicators"]) > 5
        assert code is None or code in [f["code"] for f in report["findings"]]


def _pinned(path, rs):
    data = _raw(path)
    sheet = data["sheets"][0]
    sheet.pop("sheet_type", None)
    sheet["rules"] = rs.ref
    data["sheets"] = [sheet]
    return data


@pytest.mark.parametrize(("written", "said"), [("十分", "应为数字，得到“十分”"), ("满分", "应为数字，得到“满分”"), (-3, "分值应大于或等于 0"),
                                              ("2,38", "应为数字，得到“2,38”：逗号只作千位分隔（如 1,234.56），小数点请写“.”")])
def test_bad_row_weight_is_named(library, tmp_path, written, said):
    """A weight that is no number, or one below 0, is refused naming the cell (a negative one named
    only "sheets[0].rows[8].weight", a place in no workbook: found by test_workbook_mutations)."""
    wb = build_template(library.find("sichuan.project@2024.1"))
    ws = wb.worksheets[0]
    row = _rows(ws, "row")[0]
    ws.cell(row=row, column=_column(ws, "rows:head", "三级指标")).value = "采购数量"
    weight = ws.cell(row=row, column=_column(ws, "rows:head", "分值"))
    weight.value = written
    path = tmp_path / "rows.xlsx"
    wb.save(path)
    with pytest.raises(FileError) as info:
        load_case(path)
    assert f"{ws.title}!{weight.coordinate}" in str(info.value) and said in str(info.value)


def test_a_refused_workbook_in_a_batch_names_who_it_is_from(library, tmp_path):
    """A filled form refused for one cell ("十九" for a score) still names its unit, 地区 and 年度 in
    the batch's failures, read from the form's heading, so it can be sent back (review EH B5)."""
    rs = library.find("hunan.dept-overall@2024.1")
    wb = _filled(rs, _pinned(HUNAN, rs))
    ws = wb.worksheets[0]
    row = _rows(ws, "row")[0]
    ws.cell(row=row, column=_column(ws, "rows:head", "分值")).value = "十九"
    path = tmp_path / "自评表.xlsx"
    wb.save(path)
    done = run_cli("batch", str(path), "--format", "json")
    [failure] = json.loads(done.stdout)["failures"]
    case = tomllib.loads(HUNAN.read_text(encoding="utf-8"))["case"]
    assert "应为数字，得到“十九”" in failure["reason"]
    assert (failure["unit"], failure["region"], failure["year"]) == (case["unit"], "/".join(case["region"]), case["year"]), failure


def test_missing_sheet_or_header_and_formula_without_result_are_named(library, tmp_path):
    rs = library.find("hunan.dept-overall@2024.1")
    wb = _filled(rs, _pinned(HUNAN, rs))
    wb.worksheets[0].title = "改了名的表"
    renamed = tmp_path / "renamed.xlsx"
    wb.save(renamed)
    proc = run_cli("diff", str(renamed))
    assert proc.returncode == 2 and "缺少工作表“部门整体支出绩效自评表”" in proc.stderr

    wb = _filled(rs, _pinned(HUNAN, rs))
    ws = wb.worksheets[0]
    head = _rows(ws, "rows:head")[0]
    ws.cell(row=head, column=_column(ws, "rows:head", "实际完成值")).value = "完成值"
    broken = tmp_path / "header.xlsx"
    wb.save(broken)
    proc = run_cli("diff", str(broken))
    assert proc.returncode == 2 and "实际完成值" in proc.stderr and f"{ws.title}!B{head}" in proc.stderr

    wb = _filled(rs, _pinned(HUNAN, rs))
    ws = wb.worksheets[0]
    ws.cell(row=_rows(ws, "total")[0], column=_column(ws, "rows:head", "得分")).value = "=SUM(1,2)"
    formula = tmp_path / "formula.xlsx"
    wb.save(formula)
    with pytest.raises(FileError) as info:
        load_case(formula)
    assert "是公式" in str(info.value) and "没有保存计算结果" in str(info.value)


def test_a_form_sheet_copied_inside_the_workbook_is_refused_naming_it(library, tmp_path):
    """A clerk copies the form sheet (Excel names the copy “… (2)”) and fills it for a second
    project: the template does not list it, so it would be left unread without a word (review BZ
    A3); the workbook is refused naming it.  Other added sheets (notes) are no form."""
    rs = library.find("hunan.dept-overall@2024.1")
    wb = _filled(rs, _pinned(HUNAN, rs))
    wb.create_sheet("备注").append(["title", "本表的说明"])
    kept = tmp_path / "notes.xlsx"
    wb.save(kept)
    assert run_cli("diff", str(kept)).returncode in (0, 1)
    copied = wb.copy_worksheet(wb.worksheets[0])
    copied.title = "部门整体支出绩效自评表 (2)"
    path = tmp_path / "copied.xlsx"
    wb.save(path)
    # a copy cell for cell, hidden or not (a clerk's backup), holds no second submission (review CA B6)
    assert run_cli("diff", str(path)).returncode in (0, 1)
    copied.sheet_state = "hidden"
    wb.save(path)
    assert run_cli("diff", str(path)).returncode in (0, 1)
    # one that differs may hold another project, hidden too (review CB B2)
    head = _rows(copied, "head")[0]
    copied.cell(row=head, column=4).value = "另一个单位"
    wb.save(path)
    proc = run_cli("diff", str(path))
    assert proc.returncode == 2 and "工作表“部门整体支出绩效自评表 (2)”是复制出的表" in proc.stderr, proc.stderr


def test_not_a_workbook(tmp_path):
    path = tmp_path / "fake.xlsx"
    path.write_text("not a workbook", encoding="utf-8")
    proc = run_cli("diff", str(path))
    assert proc.returncode == 2 and "不是可读取的 Excel 工作簿" in proc.stderr


def test_a_workbook_without_the_rules_sheet_is_refused(tmp_path):
    from openpyxl import Workbook

    path = tmp_path / "plain.xlsx"
    Workbook().save(path)
    with pytest.raises(ScoringError) as info:
        load_case(path)
    assert META in str(info.value)


def test_findings_sheet_is_chinese_and_printable(scored):
    _, out = scored[HUNAN]
    ws = load_workbook(out)["复核发现"]
    assert [ws.cell(row=1, column=c).value for c in range(1, 5)] == ["级别", "表", "位置", "内容"]
    assert ws.column_dimensions["E"].hidden and ws.column_dimensions["F"].hidden  # the code and the raw place
    levels = {ws.cell(row=r, column=1).value for r in range(2, ws.max_row + 1)}
    assert levels <= {"错误", "警告", "提示"} and "错误" in levels
    places = [ws.cell(row=r, column=3).value for r in range(2, ws.max_row + 1)]
    assert "“预算执行率”" in places
    assert ws.page_setup.orientation == "landscape" and ws.print_area


def test_converted_scores_are_printed_and_read_back(tmp_path):
    """A sheet whose rows print 折算得分 (the Hebei case) gets that column after 得分 in its review
    workbook, and the workbook scores as the case file does, the weight counted twice said on each row."""
    out = tmp_path / "成安.xlsx"
    proc = run_cli("diff", str(CASES / "hebei-handan-chengan-minzheng-2020.toml"), "--format", "xlsx", "--out", str(out))
    assert proc.returncode == 1, proc.stderr
    ws = load_workbook(out).worksheets[0]
    head = _rows(ws, "rows:head")[0]
    headers = [ws.cell(row=head, column=c).value for c in range(2, ws.max_column + 1)]
    assert headers[headers.index("得分") + 1] == "折算得分"
    case, _ = load_case(out)
    assert [row.converted for row in case.sheets[0].rows] == [Decimal("6.25"), Decimal("6.25"), Decimal("9.00"), Decimal("1.00")]
    again = run_cli("diff", str(out), "--format", "json")
    assert [f["code"] for f in json.loads(again.stdout)["findings"]].count("converted_mismatch") == 4


def test_figures_typed_with_their_unit_are_written_back_as_typed(tmp_path):
    """A figure typed with its unit ("253.87万元") is read as written; the review workbook prints
    it so, and that workbook scores as the case does (it was left blank: four missing inputs, review CC A1)."""
    text = SUINING.read_text(encoding="utf-8").replace('[sheets.inputs.budget_executed]\nvalue = "253.87"',
                                                       '[sheets.inputs.budget_executed]\nvalue = "253.87万元"', 1)
    assert "253.87万元" in text
    case = tmp_path / "遂宁.toml"
    case.write_text(text, encoding="utf-8")
    out = tmp_path / "遂宁-复核.xlsx"
    first = run_cli("diff", str(case), "--format", "json")
    assert run_cli("diff", str(case), "--format", "xlsx", "--out", str(out)).returncode == first.returncode
    again = run_cli("diff", str(out), "--format", "json")
    totals = [[s["total"] for s in json.loads(proc.stdout)["sheets"]] for proc in (first, again)]
    assert totals[0] == totals[1]
    assert "缺少输入" not in again.stdout
    ws = load_workbook(out)["部门整体支出绩效自评表"]
    assert any(cell.value == "253.87万元" for row in ws.iter_rows() for cell in row)


@pytest.mark.parametrize(("ruleset", "year"), [("national.project", None), ("sichuan.dept-overall", 2024)])
def test_a_blank_template_offers_a_year_only_for_rules_of_one_year(tmp_path, ruleset, year):
    """The national rules are in force since 2020: their blank template leaves 年度 empty, where it
    wrote 2020 and a 2023 sheet left so was reviewed as 2020 without a word (review CC B6)."""
    out = tmp_path / "t.xlsx"
    assert run_cli("template", ruleset, "--out", str(out)).returncode == 0
    ws = load_workbook(out).worksheets[0]
    label = next(cell for row in ws.iter_rows() for cell in row if cell.value == "年度")
    offered = next((ws.cell(row=label.row, column=c).value for c in range(label.column + 1, label.column + 4)
                    if ws.cell(row=label.row, column=c).value is not None), None)
    assert offered == year


def test_a_deduction_owed_and_not_taken_has_its_status_and_reason_in_the_workbook(tmp_path):
    """发现问题 1 处, 0 deducted: the review workbook's line is 高报 with the diff's reason, where it
    had no status and "发现问题 1 处" only (review CC A3)."""
    text = SUINING.read_text(encoding="utf-8")
    text = text.replace('finance_rules = { undisclosed = true, note = "附表1 扣分项留空，文件未报告相关问题" }', 'finance_rules = "1"', 1)
    text = text.replace('realized_effect = { score = "5", source = "附表1 实现效果 自评得分5" }\n',
                        'realized_effect = { score = "5", source = "附表1 实现效果 自评得分5" }\nfinance_rules = "0"\n', 1)
    case = tmp_path / "遂宁.toml"
    case.write_text(text, encoding="utf-8")
    out = tmp_path / "遂宁.xlsx"
    run_cli("diff", str(case), "--format", "xlsx", "--out", str(out))
    ws = load_workbook(out)["部门整体支出绩效自评表"]
    row = next(r for r in ws.iter_rows(values_only=True) if "财务管理制度" in r)
    assert "高报" in row and "发现问题 1 处，每处扣 1 分，应扣 1 分；自评扣 0 分，少扣 1 分" in row


@pytest.mark.parametrize(("value", "stated", "flagged"), [(1, "100%", True), (0.9012, "90.12%", False)])
def test_a_rate_cell_formatted_as_a_percentage_is_read_as_shown(tmp_path, scored, value, stated, flagged):
    """A 执行率 cell Excel shows as "100%" holds the whole number 1: read as 100%, as shown, not as "1"
    (review CE B1); 90.12% as 0.9012 is read so too."""
    _, out = scored[HUNAN]
    wb = load_workbook(out)
    ws = wb.worksheets[0]
    head = _rows(ws, "budget:head")[0]
    col = {ws.cell(row=head, column=c).value: c for c in range(2, ws.max_column + 1)}
    cell = ws.cell(row=_rows(ws, "budget:total")[0], column=col["执行率"])
    cell.value, cell.number_format = value, "0.00%"
    edited = tmp_path / "rate.xlsx"
    wb.save(edited)
    report = json.loads(run_cli("diff", str(edited), "--format", "json").stdout)
    said = [f["message"] for f in report["findings"] if f["code"] == "stated_rate_mismatch"]
    assert (said != []) is flagged
    if flagged:
        assert f"文件写 {stated}" in said[0]


@pytest.mark.parametrize("typed", [1e16, 123456789012345678.0])
def test_a_huge_number_typed_in_a_workbook_is_the_invalid_input_a_text_cell_gives(tmp_path, typed):
    """A number cell of 10^15 or more (元 typed where 万元 is asked) was refused as “应为数字，得到
    “1e+16””, exit 2, where the same figure as text was an invalid input, exit 1 (review CF B2)."""
    book = tmp_path / "t.xlsx"
    assert run_cli("template", "hunan.dept-overall", "--fill", str(HUNAN), "--out", str(book)).returncode == 0
    wb = load_workbook(book)
    ws = wb.worksheets[0]
    cell = next(c for row in ws.iter_rows() for c in row if c.value in (111.27, "111.27"))
    cell.value = typed
    wb.save(book)
    done = run_cli("diff", str(book), "--format", "json")
    assert done.returncode == 1, done.stderr
    said = [f["message"] for f in json.loads(done.stdout)["findings"] if f["code"] == "invalid_input"]
    assert said and "绝对值达到或超过 10^15（1000万亿）" in said[0] and "应为数字" not in done.stderr


def test_a_workbook_with_a_broken_cell_is_refused_in_words_not_an_exception_name(tmp_path):
    """A number cell holding “NaN” (a file damaged in transit or written by another program):
    “内容无法解析：ValueError” said nothing to the unit that sent it (review CF B6)."""
    import zipfile

    book = tmp_path / "t.xlsx"
    assert run_cli("template", "hunan.dept-overall", "--fill", str(HUNAN), "--out", str(book)).returncode == 0
    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(book) as source, zipfile.ZipFile(broken, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                assert b't="n"><v>100</v>' in data
                data = data.replace(b't="n"><v>100</v>', b't="n"><v>NaN</v>', 1)
            target.writestr(item, data)
    done = run_cli("diff", str(broken))
    assert done.returncode == 2 and "内容已损坏，某些单元格的数据无法解析" in done.stderr, done.stderr
    assert "Error" not in done.stderr


def test_dates_and_signs_read_as_the_cells_show_them(tmp_path):
    """Excel makes a date of a typed "2024年12月" (the 1st) or "11月30日" (this year's) and shows only what was
    typed: read as shown, not as the whole date it stores (review DW A1).  A number format that prints a
    literal "%" ('0.00"%"') shows the number as typed, where "0.00%" shows it times 100 (review DW A2)."""
    import datetime as dt

    out = tmp_path / "复核.xlsx"
    assert run_cli("diff", str(CASES / "anhui-luan-jinzhai-chagu-2023.toml"), "--format", "xlsx", "--out", str(out)).returncode in (0, 1)
    wb = load_workbook(out)
    ws = wb.worksheets[0]
    rows = _rows(ws, "row")
    target, actual = _column(ws, "rows:head", "年度指标值"), _column(ws, "rows:head", "实际完成值")
    shown = [(dt.datetime(2024, 12, 1), 'yyyy"年"m"月"', "2024年12月"), (dt.datetime(2025, 11, 30), 'm"月"d"日"', "11月30日"),
             (dt.datetime(2024, 1, 1), 'yyyy"年"', "2024年"), (dt.datetime(2024, 12, 31), "yyyy-mm-dd", "2024-12-31"),
             (85, '0.00"%"', "85"), (0.85, "0.00%", "85%")]
    for r, (value, number_format, _) in zip(rows, shown):
        ws.cell(row=r, column=actual).value, ws.cell(row=r, column=actual).number_format = value, number_format
    ws.cell(row=rows[0], column=target).value, ws.cell(row=rows[0], column=target).number_format = dt.datetime(2024, 12, 1), 'yyyy"年"m"月"'
    edited = tmp_path / "edited.xlsx"
    wb.save(edited)
    case, _ = load_case(edited)
    read = case.sheets[0].rows
    assert [row.actual for row in read[: len(shown)]] == [text for *_, text in shown]
    assert read[0].target == "2024年12月"


def test_a_line_added_below_the_total_is_refused_naming_it(tmp_path):
    """The tables end at the total: a line added below it holding a weight and a claim was dropped
    without a word, its over-claim with it (review DW A5)."""
    out = tmp_path / "复核.xlsx"
    run_cli("diff", str(CASES / "anhui-luan-jinzhai-chagu-2023.toml"), "--format", "xlsx", "--out", str(out))
    wb = load_workbook(out)
    ws = wb.worksheets[0]
    total = _rows(ws, "total")[0]
    restructure(ws, "row", total + 1, 1)  # as Excel inserts a row: the merged ranges below move with it
    weight, claim = _column(ws, "rows:head", "分值"), _column(ws, "rows:head", "得分")
    ws.cell(row=total + 1, column=weight).value, ws.cell(row=total + 1, column=claim).value = 5, 5
    edited = tmp_path / "edited.xlsx"
    wb.save(edited)
    done = run_cli("diff", str(edited))
    assert done.returncode == 2 and f"!{ws.cell(row=total + 1, column=weight).coordinate}: 这一行在总分行之下" in done.stderr, done.stderr
    # words there are a signature or a note laid out in those columns, read past as before (review DX A1)
    ws.cell(row=total + 1, column=weight).value, ws.cell(row=total + 1, column=claim).value = "财务负责人", "（单位盖章）"
    wb.save(edited)
    assert run_cli("diff", str(edited)).returncode in (0, 1)


def test_a_remark_merged_down_over_empty_lines_leaves_them_empty(library, tmp_path):
    """偏差原因 merged down over the blank template's empty lines below a filled one: those lines hold
    nothing of their own and are read as empty, not refused as lines without a name (review DW A3)."""
    wb = build_template(library.find("national.project"))
    ws = wb.worksheets[0]
    ends = {(m.min_row, m.min_col): m.max_col for m in ws.merged_cells.ranges}
    for label, value in (("单位名称", "测试单位"), ("地区", "测试省"), ("年度", 2024)):
        cell = next(c for row in ws.iter_rows(max_row=10) for c in row if c.value == label)
        ws.cell(row=cell.row, column=ends.get((cell.row, cell.column), cell.column) + 1).value = value
    rows = _rows(ws, "row")
    col = {h: _column(ws, "rows:head", h) for h in ("三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施")}
    first, below = rows[0], rows[1]
    for header, value in (("三级指标", "培训人次"), ("年度指标值", "≥100人次"), ("实际完成值", "120人次"), ("分值", 10), ("得分", 10),
                          ("偏差原因分析及改进措施", "超额完成")):
        ws.cell(row=first, column=col[header]).value = value
    ws.merge_cells(start_row=first, start_column=col["偏差原因分析及改进措施"], end_row=below, end_column=col["偏差原因分析及改进措施"])
    path = tmp_path / "merged.xlsx"
    wb.save(path)
    case, _ = load_case(path)
    assert [r.name for r in case.sheets[0].rows] == ["培训人次"]


def test_a_huge_count_of_findings_typed_in_a_workbook_is_refused_at_its_cell(tmp_path):
    """A count of findings of 10^15 or more is a slip, refused naming its cell as a claim of that size is; it was
    refused naming only "findings.finance_rules", which a unit cannot find in its workbook (test_workbook_mutations)."""
    book = tmp_path / "t.xlsx"
    assert run_cli("template", "sichuan.dept-overall", "--fill", str(SUINING), "--out", str(book)).returncode == 0
    wb = load_workbook(book)
    ws = wb.worksheets[0]
    row = next(r for r in ws.iter_rows() if any(c.value == "财务管理制度" for c in r))
    cell = next(c for c in row if c.value == "未披露")
    cell.value = 1e30
    wb.save(book)
    done = run_cli("diff", str(book))
    assert done.returncode == 2 and f"{ws.title}!{cell.coordinate}: 数值 " in done.stderr and "findings." not in done.stderr, done.stderr
