"""Case tables (CSV, one sheet per row): columns, empty cells, undisclosed figures, encodings,
bad rows among good ones, and streaming — scored by the real engine under the shipped rules."""

from __future__ import annotations

import csv
import io
import json
import tomllib
from decimal import Decimal

import pytest

from scoring import Engine, ScoringError, report_loaded
from scoring.cases.table import TableHeader, TableProblem, TableRow, known_labels, read_blocks, read_table, row_to_case
from scoring.files.reading import display_path

from conftest import SUINING_CASE, run_cli

HEADER = ["case_id", "unit", "region", "year", "rules", "sheet_id", "title", "claimed_total",
          "budget_initial", "budget", "executed", "claim:execution", "claim:预算执行率",
          "stated_rate:执行率", "stated_rate:执行率:numerator", "stated_rate:执行率:denominator"]


def _csv(rows: list[list[str]], header: list[str] = HEADER) -> str:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue()


def _row(case_id="t1", budget="123.47", executed="111.27", claim="9.2", by_name="", rate="90.12%", total="9.2"):
    return [case_id, "中共汨罗市委社会工作部", "湖南省/岳阳市/汨罗市", "2024", "hunan.dept-overall", "dept", "部门整体支出绩效自评表",
            total, "0", budget, executed, claim, by_name, rate, executed if rate else "", budget if rate else ""]


def _entries(path):
    return list(read_table(path))


def _score(library, row: TableRow):
    case = row_to_case(row, library)
    return report_loaded(case, row.where, library, Engine()).sheets[0]


def test_a_row_is_a_case_scored_like_a_case_file(tmp_path, library):
    path = tmp_path / "t.csv"
    path.write_text(_csv([_row()]), encoding="utf-8")
    header, row = _entries(path)
    assert isinstance(header, TableHeader) and header.rates == ("执行率",)
    case = row_to_case(row)
    assert case.case.region == ["湖南省", "岳阳市", "汨罗市"] and case.case.year == 2024
    sheet = case.sheets[0]
    assert sheet.inputs["budget"].value == Decimal("123.47")
    assert sheet.stated_rates[0].stated == "90.12%"
    sd = _score(library, row)
    execution = next(r for r in sd.indicators if r.result.id == "execution")
    # the Hunan seed: 111.27 ÷ 123.47 → 9.01 against a claimed 9.2
    assert (execution.comparison.computed, execution.comparison.status) == (Decimal("9.01"), "over")
    assert [f.code for f in sd.findings if f.severity == "error"] == ["claim_over"]
    # a table holds no rows: the rows' share of a row-scored form is not there, so the total is a partial one's
    assert "rows_missing" in {f.code for f in sd.findings} and sd.total.comparison.status == "incomplete"
    assert any(f.where == f"{row.where}#dept.execution" for f in sd.findings)


def test_claim_by_printed_name(tmp_path, library):
    path = tmp_path / "t.csv"
    path.write_text(_csv([_row(claim="", by_name="9.01")]), encoding="utf-8")
    _header, row = _entries(path)
    execution = next(r for r in _score(library, row).indicators if r.result.id == "execution")
    assert execution.comparison.status == "match"


def test_a_claim_by_id_and_by_printed_name_that_differ_is_refused_on_both_paths(tmp_path):
    """Review FW A1: "claim:execution" 9.2 beside "claim:预算执行率" 9.01 — one was taken without a word; the same
    figure twice is no contradiction."""
    path = tmp_path / "t.csv"
    path.write_text(_csv([_row(by_name="9.01"), _row(case_id="t2", by_name="9.20")]), encoding="utf-8")
    done = run_cli("batch", str(path), "--format", "json")
    summary = json.loads(done.stdout)
    assert [s["case_id"] for s in summary["sheets"]] == ["t2"], summary
    assert len(summary["failures"]) == 1 and "两处所填不同（9.2 与 9.01）" in str(summary["failures"][0]), summary["failures"]


def test_scores_written_with_their_unit(tmp_path, library):
    """Forms print scores as "9.2分": a claim and a claimed total so written read as the figure,
    on the table's lean path and in the case model alike; anything else before 分 is still refused,
    quoting the cell as written."""
    path = tmp_path / "t.csv"
    path.write_text(_csv([_row(claim="9.2分", total="9.2 分"), _row(case_id="t2", claim="九分")]), encoding="utf-8")
    _header, row, words = _entries(path)
    sd = _score(library, row)
    execution = next(r for r in sd.indicators if r.result.id == "execution")
    assert (execution.comparison.claimed, execution.comparison.status) == (Decimal("9.2"), "over")
    assert sd.total.comparison.claimed == Decimal("9.2")
    with pytest.raises(ScoringError, match="“九分”不是数字"):  # the cell as written, not "九"
        row_to_case(words)
    result = run_cli("batch", str(path), "--format", "json")
    sheets = json.loads(result.stdout)["sheets"]
    assert [s["claimed_total"] for s in sheets] == ["9.2"] and result.returncode == 1  # the second row fails


def test_empty_cell_is_missing_and_undisclosed_is_unverifiable(tmp_path, library):
    path = tmp_path / "t.csv"
    path.write_text(_csv([_row(executed="", rate=""), _row(case_id="t2", executed="未披露", rate=""), _row(case_id="t3", executed="undisclosed", rate="")]), encoding="utf-8")
    _header, missing, undisclosed, english = _entries(path)
    sd = _score(library, missing)
    assert any(f.code == "missing_input" and f.where.endswith("#dept.inputs.executed") for f in sd.findings)
    for row in (undisclosed, english):
        sd = _score(library, row)
        assert not any(f.code == "missing_input" for f in sd.findings)
        execution = next(r for r in sd.indicators if r.result.id == "execution")
        assert execution.comparison.status == "unverifiable"


def test_flags_read_as_yes_no(tmp_path, sichuan):
    header = ["case_id", "unit", "region", "year", "rules", "sme_noncompliant"]
    path = tmp_path / "t.csv"
    path.write_text(_csv([["a", "u", "四川省", "2024", "sichuan.dept-overall", "是"], ["b", "u", "四川省", "2024", "sichuan.dept-overall", "false"]], header), encoding="utf-8")
    _header, yes, no = _entries(path)
    assert row_to_case(yes).sheets[0].inputs["sme_noncompliant"].value is True
    assert row_to_case(no).sheets[0].inputs["sme_noncompliant"].value is False


def test_bad_rows_fail_alone_with_their_line_and_column(tmp_path):
    text = _csv([_row(), _row(case_id="bad", budget="12,3x"), _row(case_id="short")[:5], _row(case_id="after")])
    path = tmp_path / "t.csv"
    path.write_text(text, encoding="utf-8")
    _header, good, bad, short, after = _entries(path)
    assert row_to_case(good).case.id == "t1" and row_to_case(after).case.id == "after"
    with pytest.raises(ScoringError, match=r"t\.csv:3: .*“12,3x”不是数字"):
        row_to_case(bad)
    with pytest.raises(ScoringError, match=r"t\.csv:4: 该行有 5 列，表头有 16 列"):
        row_to_case(short)
    # a cell of two lines is quoted on one line, its break shown (review ES C6)
    path.write_text(_csv([_row(claim="8\n（已核）")]), encoding="utf-8")
    with pytest.raises(ScoringError) as exc:
        row_to_case(_entries(path)[1])
    assert "“8⏎（已核）”不是数字" in str(exc.value) and "\n" not in str(exc.value)


def test_a_year_typed_with_its_word_and_empty_cells_past_the_header_are_read(tmp_path):
    """"2024年"/"2024年度" in the 年度 column is the year; the empty cells Excel leaves past the last
    column are nothing (both refused the row: review BZ); a filled cell past it still fails."""
    typed = _row(case_id="typed")
    typed[3] = "2024年度"
    text = _csv([typed, _row(case_id="trailing") + ["", " "], _row(case_id="extra") + ["x"]])
    path = tmp_path / "t.csv"
    path.write_text(text, encoding="utf-8")
    _header, first, second, third = _entries(path)
    assert (row_to_case(first).case.year, row_to_case(second).case.id) == (2024, "trailing")
    with pytest.raises(ScoringError, match=r"t\.csv:4: 该行有 17 列，表头有 16 列"):
        row_to_case(third)
    # a header with Excel's empty cells past its last column too (review CB B1), rows read alike
    path.write_text(_csv([_row(case_id="padded") + ["", ""]], header=HEADER + ["", ""]), encoding="utf-8")
    header, padded = _entries(path)
    assert header.columns[-1] == "stated_rate:执行率:denominator" and row_to_case(padded).case.id == "padded"
    lean = json.loads(run_cli("batch", str(path), "--format", "json").stdout)
    assert [s["case_id"] for s in lean["sheets"]] == ["padded"] and not lean["failures"], lean
    bad = _row(case_id="bad")
    bad[3] = "二〇二四年"
    path.write_text(_csv([bad]), encoding="utf-8")
    with pytest.raises(ScoringError, match="二〇二四年"):
        row_to_case(_entries(path)[1])


def test_a_stated_rates_columns_in_chinese(tmp_path, library):
    """"所印比率：执行率" with "所印比率：执行率：分子"/"：分母" (full-width colons throughout) are the
    stated_rate columns; one left out is named in the same words (review CB C2)."""
    chinese = [h.replace("stated_rate:执行率:numerator", "所印比率：执行率：分子").replace("stated_rate:执行率:denominator", "所印比率：执行率：分母")
               .replace("stated_rate:执行率", "所印比率：执行率") for h in HEADER]
    path = tmp_path / "t.csv"
    path.write_text(_csv([_row()], header=chinese), encoding="utf-8")
    header, row = _entries(path)
    assert header.rates == ("执行率",) and row_to_case(row).sheets[0].stated_rates[0].stated == "90.12%"
    path.write_text(_csv([_row()[:-1]], header=chinese[:-1]), encoding="utf-8")
    with pytest.raises(ScoringError, match="比率“执行率”缺少列“所印比率：执行率：分母”"):
        _entries(path)


def test_header_problems_are_named(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text(_csv([], ["case_id", "unit", "year", "rules", "budget", "budget", "stated_rate:执行率", "a b"]), encoding="utf-8")
    with pytest.raises(ScoringError) as exc:
        _entries(path)
    message = str(exc.value)
    for part in ("缺少必需的列“region”", "列名“budget”重复", "所印比率：执行率：分子", "列名“a b”"):
        assert part in message


def test_a_title_line_above_the_header_is_passed_over(tmp_path):
    """A bureau's spreadsheet prints a title (and a line "单位：万元") above the header, in its
    first cell (review ES B5): the table is read from the header below, its rows numbered as the
    file numbers its lines, by `read_table` and by the batch's blocks alike."""
    title = "2024年度部门整体支出绩效自评汇总表,,,\n单位：万元\n"
    path = tmp_path / "t.csv"
    path.write_text(title + _csv([_row()]), encoding="utf-8")
    header, row = _entries(path)
    assert isinstance(header, TableHeader) and header.columns[0] == "case_id"
    assert isinstance(row, TableRow) and row.line == 4 and row.cells[0] == "t1"
    from scoring.cases.table import TableBlock, block_rows

    assert [r.line for b in read_blocks(path) if isinstance(b, TableBlock) for r in block_rows(b)] == [4]
    done = run_cli("batch", str(path), "--format", "json")
    assert json.loads(done.stdout)["sheets"][0]["path"] == f"{display_path(path)}:4", done.stderr
    path.write_text("2024年度部门整体支出绩效自评汇总表,,单位：万元\n" + _csv([_row()]), encoding="utf-8")  # the unit beside it (EZ B2)
    assert [e.line for e in _entries(path) if isinstance(e, TableRow)] == [3]


def test_a_title_line_above_a_header_that_cannot_be_read_is_said(tmp_path):
    """Where the header below the title cannot be read either, the message says which line was taken
    as the title and which as the header; a first line that only looks like one column because its
    columns are separated otherwise is still named so."""
    path = tmp_path / "t.csv"
    path.write_text("2024年度汇总表,,\n" + _csv([], ["case_id", "unit", "year", "rules"]), encoding="utf-8")
    with pytest.raises(ScoringError) as exc:
        _entries(path)
    assert "缺少必需的列“region”" in str(exc.value) and "第 1 行“2024年度汇总表”只有一格，当作标题跳过，表头取自第 2 行" in str(exc.value)
    path.write_text("case_id;unit;region;year;rules\n", encoding="utf-8")
    with pytest.raises(ScoringError, match="分号"):
        _entries(path)


def test_gbk_and_bom(tmp_path):
    text = _csv([_row()])
    for name, data in (("gbk.csv", text.encode("gb18030")), ("bom.csv", b"\xef\xbb\xbf" + text.encode("utf-8"))):
        path = tmp_path / name
        path.write_bytes(data)
        _header, row = _entries(path)
        assert row_to_case(row).case.unit == "中共汨罗市委社会工作部"


def test_streams_rows_and_an_undecodable_line_fails_alone(tmp_path):
    """Rows are yielded as they are read; an undecodable line far down is a problem of its own
    line, and the rows after it are read (it stopped the table, review CF A5)."""
    good = _csv([_row(case_id=f"r{i}") for i in range(3)]).encode("utf-8")
    path = tmp_path / "t.csv"
    later = _csv([_row(case_id="later")]).encode("utf-8").split(b"\n", 1)[1]  # the row without its header
    path.write_bytes(good + b"\xff\xfe,broken\n" + later)
    entries = read_table(path)
    assert isinstance(next(entries), TableHeader)
    seen = [next(entries).cells[0] for _ in range(3)]
    assert seen == ["r0", "r1", "r2"]
    problem = next(entries)
    assert isinstance(problem, TableProblem) and problem.line == 5 and "该行有不是 utf-8 编码的字符" in problem.message
    assert next(entries).cells[0] == "later"


def test_byte_offsets_grow_to_the_file_size(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text(_csv([_row(case_id=f"r{i}") for i in range(4)]), encoding="utf-8")
    rows = [e for e in read_table(path) if isinstance(e, TableRow)]
    offsets = [r.offset for r in rows]
    assert offsets == sorted(offsets) and offsets[-1] == path.stat().st_size
    assert [r.line for r in rows] == [2, 3, 4, 5]


# -- headers as people read them ------------------------------------------------------------------

CN_HEADER = ["案例编号", "单位", "地区", "年度", "规则", "表名", "自评总分",
             "全年预算数（万元）", "全年执行数", "budget_initial", "claim:预算执行率"]


def test_chinese_headers_name_fixed_columns_and_inputs_by_label(tmp_path, library):
    path = tmp_path / "t.csv"
    row = ["t1", "中共汨罗市委社会工作部", "湖南省/岳阳市/汨罗市", "2024", "hunan.dept-overall", "部门整体支出绩效自评表", "9.2",
           "123.47", "111.27", "0", "9.2"]
    path.write_text(_csv([row], CN_HEADER), encoding="utf-8")
    header, entry = read_table(path, known_labels(library))
    assert header.columns[:4] == ("case_id", "unit", "region", "year")
    case = row_to_case(entry, library)
    assert {name: f.value for name, f in case.sheets[0].inputs.items()} == {
        "budget": Decimal("123.47"), "executed": Decimal("111.27"), "budget_initial": Decimal("0")}
    execution = next(r for r in _score(library, entry).indicators if r.result.id == "execution")
    assert (execution.comparison.computed, execution.comparison.status) == (Decimal("9.01"), "over")


def test_a_label_the_rules_of_the_row_do_not_have_fails_that_row_naming_the_column(tmp_path, library):
    # 全年预算数 is a Hunan label; the Sichuan project rules call their budget 调整后预算数
    path = tmp_path / "t.csv"
    rows = [["p1", "某单位", "四川省", "2024", "sichuan.project", "项目", "", "100", "90", "0", ""],
            ["p2", "某单位", "湖南省", "2024", "hunan.dept-overall", "项目", "", "100", "90", "0", ""]]
    path.write_text(_csv(rows, CN_HEADER), encoding="utf-8")
    _header, sichuan_row, hunan_row = read_table(path, known_labels(library))
    case = row_to_case(sichuan_row, library)
    with pytest.raises(ScoringError, match="没有名为 全年预算数（万元） 的输入"):
        report_loaded(case, sichuan_row.where, library, Engine())
    assert set(row_to_case(hunan_row, library).sheets[0].inputs) == {"budget", "executed", "budget_initial"}


def test_unknown_labels_and_the_same_input_twice_are_named(tmp_path, library):
    path = tmp_path / "t.csv"
    path.write_text(_csv([], [*CN_HEADER, "全年预算金额"]), encoding="utf-8")
    with pytest.raises(ScoringError, match="列名“全年预算金额”.*与“全年预算数”相近"):  # a misspelt label: refused, naming the one meant
        list(read_table(path, known_labels(library)))
    own = tmp_path / "own.csv"
    own.write_text(_csv([], [*CN_HEADER, "审核人"]), encoding="utf-8")
    (header,) = read_table(own, known_labels(library))
    assert header.ignored == ("审核人",)  # a column of the bureau's own: not read, said once
    with pytest.raises(ScoringError, match="列名“审核人”既不是固定列"):
        list(read_table(own))  # with no labels to go by, every unknown column is refused
    twice = tmp_path / "twice.csv"
    twice.write_text(_csv([["t", "u", "湖南省", "2024", "hunan.dept-overall", "t", "", "1", "1", "0", "", "2"]], [*CN_HEADER, "budget"]), encoding="utf-8")
    _header, row = read_table(twice, known_labels(library))
    with pytest.raises(ScoringError, match=r"twice\.csv:2: budget: 与列“全年预算数（万元）”是同一个输入（budget）"):
        row_to_case(row, library)
    fixed_twice = tmp_path / "fixed.csv"
    fixed_twice.write_text(_csv([], [*CN_HEADER, "unit"]), encoding="utf-8")
    with pytest.raises(ScoringError, match="列名“unit”重复（与“单位”是同一列）"):
        list(read_table(fixed_twice, known_labels(library)))


def test_a_column_of_the_bureaus_own_costs_that_column_not_the_table(tmp_path):
    """A 备注 column added to a table, and a label typed with ASCII brackets ("(万元)"): every row is
    scored, the 备注 column is said once as not read, and "(万元)" is "（万元）"."""
    header = [*CN_HEADER[:7], "全年预算数(万元)", *CN_HEADER[8:], "备注"]
    rows = [["t1", "中共汨罗市委社会工作部", "湖南省/岳阳市/汨罗市", "2024", "hunan.dept-overall", "部门整体支出绩效自评表", "9.2",
             "123.47", "111.27", "0", "9.2", "已电话核实"],
            ["t2", "中共汨罗市委社会工作部", "湖南省/岳阳市/汨罗市", "2024", "hunan.dept-overall", "部门整体支出绩效自评表", "9.01",
             "123.47", "111.27", "0", "9.01", ""]]
    path = tmp_path / "t.csv"
    path.write_text(_csv(rows, header), encoding="utf-8")
    done = run_cli("batch", str(path), "--format", "json")
    summary = json.loads(done.stdout)
    assert [s["computed_total"] for s in summary["sheets"]] == ["9.01", "9.01"] and not summary["failures"], done.stderr
    # said as a notice, not counted as an input skipped: every row was scored (review GB B5)
    assert not summary["skipped"] and summary["counts"]["skipped"] == 0 and summary["counts"]["notices"] == 1
    assert [p["reason"] for p in summary["notices"]] == [
        f"{display_path(path)}: 列“备注”不是固定列、“自评得分：”“发现问题数：”“所印比率：”列，也不是任何规则集的输入名或输入标签，该列未读取（各行照常复核）"]
    shown = run_cli("batch", str(path)).stdout
    assert "跳过 0 项，另有提示 1 条" in shown and "\n提示：\n- " in shown and "已跳过" not in shown, shown
    # thousands of stray columns are named by the first twenty and counted (review CF D5)
    many = [*header, *(f"备注{i}" for i in range(1, 500))]
    wide = tmp_path / "wide.csv"
    wide.write_text(_csv([r + [""] * 499 for r in rows], many), encoding="utf-8")
    (reason,) = [p["reason"] for p in json.loads(run_cli("batch", str(wide), "--format", "json").stdout)["notices"]]
    assert "“备注19”等 500 列不是固定列" in reason and "备注20”" not in reason, reason


def test_a_column_meant_for_the_rules_but_misnamed_refuses_the_table_naming_it(tmp_path, library):
    """A claim typed without claim: ("预算执行率" holding 9.2), "自评得分", a printed rate ("执行率（%）")
    and a misspelt label ("全年执行额（万元）") are slips in columns meant for the rules: refused naming
    the column and what it is like, never passed over (which lost the claim and said on every row
    that a figure typed in was missing)."""
    for column, said in (("预算执行率", "是指标名称"), ("自评得分", "像是得分列"), ("执行率（%）", "像是比率列"),
                         ("全年执行额（万元）", "与“全年执行数（万元）”"), ("执行数", "“全年执行数”")):
        path = tmp_path / "t.csv"
        path.write_text(_csv([], [*CN_HEADER, column]), encoding="utf-8")
        with pytest.raises(ScoringError, match=said):
            list(read_table(path, known_labels(library)))
    # a bureau's own columns, however near a short fixed name or a score word they begin with, are its own
    own = ["资金来源", "数据来源", "主管单位", "单位编码", "地区编码", "绩效目标", "存在问题", "年度目标", "自评日期", "自评人",
           "评分人", "扣分原因", "得分说明"]
    path = tmp_path / "own.csv"
    path.write_text(_csv([], [*CN_HEADER, *own]), encoding="utf-8")
    (header,) = read_table(path, known_labels(library))
    assert header.ignored == tuple(own)
    # claim: however it is typed
    typed = tmp_path / "typed.csv"
    typed.write_text(_csv([], [*CN_HEADER[:-1], "claim：预算执行率"]), encoding="utf-8")
    (header,) = read_table(typed, known_labels(library))
    assert header.columns[-1] == "claim:预算执行率"


def test_tables_as_other_programs_save_them_are_named_or_read(tmp_path, library):
    """A table saved with semicolons or tabs, or as UTF-16 ("Unicode 文本"), is refused saying how to
    save it; fixed columns in capitals and a region written with "-" or "，" are read."""
    for separator, said in ((";", "分号"), ("\t", "制表符")):
        path = tmp_path / "sep.csv"
        path.write_text(separator.join(HEADER) + "\n", encoding="utf-8")
        with pytest.raises(ScoringError, match=f"列之间用的是{said}"):
            list(read_table(path, known_labels(library)))
    utf16 = tmp_path / "u16.csv"
    utf16.write_text(",".join(HEADER) + "\n", encoding="utf-16")
    with pytest.raises(ScoringError, match="UTF-16"):
        list(read_table(utf16, known_labels(library)))
    # lines ended by CR alone, "CSV (Macintosh)": said, not read as one line of line breaks (review CF B7)
    mac = tmp_path / "mac.csv"
    mac.write_bytes(_csv([_row("t1"), _row("t2")]).replace("\r\n", "\r").encode("utf-8"))
    for reader in (read_table, read_blocks):
        with pytest.raises(ScoringError, match="各行以 CR 结尾（旧版 Mac 的“CSV \\(Macintosh\\)”格式）"):
            list(reader(mac, known_labels(library)))
    header = ["CASE_ID", "Unit", "REGION", "Year", "Sheet_Type", "budget", "executed", "budget_initial"]
    rows = [["t1", "中共汨罗市委社会工作部", region, "2024", "部门整体支出绩效自评表", "123.47", "111.27", "0"]
            for region in ("湖南省-岳阳市-汨罗市", "湖南省，岳阳市，汨罗市", "湖南省 岳阳市 汨罗市", "湖南省岳阳市汨罗市", "湖南岳阳市汨罗市")]
    path = tmp_path / "caps.csv"
    path.write_text(_csv(rows, header), encoding="utf-8")
    summary = json.loads(run_cli("batch", str(path), "--format", "json").stdout)
    assert [s["rules"] for s in summary["sheets"]] == ["hunan.dept-overall@2024.46"] * 5, summary["failures"]


def test_a_row_in_another_encoding_is_refused_alone_and_the_table_read_on(tmp_path, library):
    """A row pasted into a UTF-8 table from a GBK file (review CF A5): that row fails, naming its
    line and the encoding, and every row after it is still scored — by `batch` on both cores as by
    the table read whole; a header not in the encoding is refused as a whole."""
    head = "case_id,unit,region,year,rules,sheet_id,title,claimed_total,budget_initial,budget,executed,claim:execution\r\n"
    row = "{},中共汨罗市委社会工作部,湖南省/岳阳市/汨罗市,2024,hunan.dept-overall,dept,部门整体支出绩效自评表,9.2,0,123.47,111.27,9.2\r\n"
    path = tmp_path / "t.csv"
    path.write_bytes(head.encode() + row.format("c2").encode() + row.format("c3").encode("gbk") + row.format("c4").encode()
                     + '"c5",单位,湖南省,2024,hunan.dept-overall,dept,"两行\r\n'.encode() + "标题\xff".encode("gbk", "replace")
                     + b'\xff",9.2,0,123.47,111.27,9.2\r\n' + row.format("c7").encode())
    said = "t.csv:{}: 该行有不是 utf-8 编码的字符，无法读取；该行未读取，其余各行照常复核"
    whole = [(e.line, e.message.rsplit("/", 1)[-1]) if isinstance(e, TableProblem) else e.line
             for e in list(read_table(path, known_labels(library)))[1:]]
    assert whole == [2, (3, said.format(3)), 4, (5, said.format(5)), 7]
    for jobs in ("1", "2"):
        done = json.loads(run_cli("batch", str(path), "--format", "json", "--jobs", jobs).stdout)
        assert [s["path"].rsplit(":", 1)[-1] for s in done["sheets"]] == ["2", "4", "7"]
        assert [f["reason"].rsplit("/", 1)[-1] for f in done["failures"]] == [said.format(3), said.format(5)]
    # a "\ufffd" written in the file is a character like any other, not a byte the encoding refuses (review CL B7)
    written = tmp_path / "w.csv"
    written.write_bytes(head.encode() + row.format("c2").replace("部门整体", "部门\ufffd整体").encode())
    assert [type(e).__name__ for e in read_table(written, known_labels(library))] == ["TableHeader", "TableRow"]
    # a GBK table whose first 64 KB are ASCII is read as GBK (review CL B5) …
    ascii_rows = "".join(f"a{i},x,湖南省,2024,hunan.dept-overall,dept,t,9.2,0,123.47,111.27,9.2\r\n" for i in range(1200))
    late = tmp_path / "late.csv"
    late.write_bytes(head.encode() + ascii_rows.replace("湖南省", "hn").encode() + row.format("g1").encode("gbk"))
    last = list(read_table(late, known_labels(library)))[-1]
    assert isinstance(last, TableRow) and last.cells[1] == "中共汨罗市委社会工作部"
    # … and a table whose header is GBK and a row UTF-8, by its header (review CL B6)
    mixed = tmp_path / "m.csv"
    cn = "案例编号,单位,地区,年度,规则,表编号,表名,自评总分,年初预算数,全年预算数,全年执行数,自评得分:预算执行率\r\n"
    mixed.write_bytes(cn.encode("gbk") + row.format("u2").encode() + row.format("g3").encode("gbk"))
    got = list(read_table(mixed, known_labels(library)))[1:]
    assert isinstance(got[0], TableProblem) and "不是 gb18030 编码" in got[0].message and got[1].cells[0] == "g3"
    bad_head = tmp_path / "h.csv"
    bad_head.write_bytes(b"case_id,\x80\xff,unit\r\n" + row.format("c2").encode())
    with pytest.raises(ScoringError, match="表头有无法识别的字符"):
        list(read_table(bad_head, known_labels(library)))


def test_a_bad_cell_is_named_by_the_header_as_written(tmp_path, library):
    path = tmp_path / "t.csv"
    path.write_text(_csv([["t", "u", "湖南省", "二〇二四", "hunan.dept-overall", "t", "", "1", "1", "0", ""]], CN_HEADER), encoding="utf-8")
    _header, row = read_table(path, known_labels(library))
    with pytest.raises(ScoringError, match=r"t\.csv:2: 年度: "):
        row_to_case(row, library)


def test_template_header_round_trips_through_batch(tmp_path, library):
    """The header `scoring template --format csv` prints, a row filled from the department sheet of
    cases/sichuan-suining-anju-jxb-2024.toml, and `scoring batch` scores it exactly as `scoring
    diff` scores the case file."""
    done = run_cli("template", "sichuan.dept-overall", "--format", "csv")
    assert done.returncode == 0, done.stderr
    assert "sichuan.dept-overall@2024.6" in done.stderr  # what to write in the 规则 column: the version in effect
    header = next(csv.reader(io.StringIO(done.stdout.removeprefix("\ufeff"))))
    assert header[:7] == ["案例编号", "单位", "地区", "年度", "规则", "表名", "自评总分"]
    # the claims' and findings' columns in Chinese (review BW D6); "claim:" and "finding:" are read alike
    assert "财政拨款预算执行数（万元）" in header and "自评得分：预算编制质量" in header and "发现问题数：财务管理制度" in header
    assert not [h for h in header if h.isascii() or "claim" in h or "finding" in h]

    rs = library.find("sichuan.dept-overall", 2024)  # the version the template names
    data = tomllib.loads(SUINING_CASE.read_text(encoding="utf-8"), parse_float=Decimal)
    case, sheet = data["case"], next(s for s in data["sheets"] if s["id"] == "dept-overall")
    by_header = {"案例编号": case["id"], "单位": case["unit"], "地区": "/".join(case["region"]), "年度": str(case["year"]),
                 "规则": rs.ref, "表名": sheet["title"], "自评总分": sheet["claimed_total"]["score"]}
    for name, decl in rs.inputs.items():
        figure = sheet["inputs"].get(name)
        if figure is not None:
            value = "未披露" if figure.get("undisclosed") else figure["value"]
            by_header[f"{decl.label}（{decl.unit}）" if decl.unit else decl.label] = ("是" if value else "否") if isinstance(value, bool) else str(value)
    for key, claim in sheet["claims"].items():
        item = rs.indicator(key) or rs.deduction(key)
        by_header[f"自评得分：{item.name}"] = str(claim["score"])
    for key, figure in sheet.get("findings", {}).items():
        by_header[f"发现问题数：{rs.deduction(key).name}"] = "未披露" if figure.get("undisclosed") else str(figure["value"])
    assert set(by_header) <= set(header)
    table = tmp_path / "表.csv"
    with table.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerow([by_header.get(h, "") for h in header])

    batch = json.loads(run_cli("batch", str(table), "--format", "json").stdout)
    assert batch["counts"]["failed"] == 0 and len(batch["sheets"]) == 1
    scored = batch["sheets"][0]
    diff = json.loads(run_cli("diff", str(SUINING_CASE), "--format", "json").stdout)
    expected = next(s for s in diff["sheets"] if s["id"] == "dept-overall")
    assert (scored["claimed_total"], scored["computed_total"]) == (expected["total"]["claimed"], expected["total"]["computed"]) == ("98.6", "99.60")
    assert scored["sha256"] == expected["rules"]["sha256"]
    errors = [f for f in diff["findings"] if f["where"].startswith(f"{diff['path']}#dept-overall") and f["severity"] != "info"]
    assert sorted(f["code"] for f in scored["findings"]) == sorted(f["code"] for f in errors)

    # a figure that is no number is named by its column as the header writes it, not by the rule's
    # input id the table never shows (reviews DR B2, DS B3)
    bad = {**by_header, "财政拨款调整预算数（万元）": "一千", "发现问题数：财务管理制度": "两处"}
    with table.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerow([bad.get(h, "") for h in header])
    failed = json.loads(run_cli("batch", str(table), "--format", "json").stdout)["failures"]
    assert len(failed) == 1, failed
    said = failed[0]["reason"]
    assert "财政拨款调整预算数（万元）: “一千”不是数字" in said and "发现问题数：财务管理制度: “两处”不是数字" in said, said
    assert "inputs." not in said and "findings." not in said


def _rows_of(entries) -> list:
    out = []
    try:
        for entry in entries:
            if isinstance(entry, TableRow):
                out.append((entry.line, entry.cells))
            elif isinstance(entry, TableProblem):
                out.append((entry.line, entry.message))
    except ScoringError as exc:
        out.append(str(exc))
    return out


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
@pytest.mark.parametrize("block_bytes", [None, 64])
def test_blocks_give_the_rows_read_table_gives(tmp_path, encoding, block_bytes, monkeypatch):
    """A table is handed to workers in blocks of lines (split at the commas where the block has
    no quote): every block gives the rows, lines and cells the csv module reads, line by line,
    from the same file — whatever the line ends (\\n, \\r\\n, a lone \\r), blank lines, whitespace
    of every kind, quoted cells over several lines and across a block's end, quotes malformed or
    left open, a NUL, a line in another encoding, a cell over the csv module's size limit — in one
    block or in many."""
    import random

    from scoring.cases import table as tables
    from scoring.cases.table import TableBlock, block_rows, read_blocks

    if block_bytes:
        monkeypatch.setattr(tables, "BLOCK_BYTES", block_bytes)
    limit = csv.field_size_limit()
    stops: set[str] = set()
    refused: set[str] = set()

    rnd = random.Random(11)
    pieces = ["a", "1.5", " ", "\t", "\u3000", "中文", "\x0b", "\x0c", "\x1c", "\u2028", "\x85", ",", ",", ",", "", "长" * 45]
    # quoted cells as spreadsheets write them (a comma, a line end, a doubled quote inside), and
    # quotes as people type them: inside a cell, unbalanced, after a closing quote
    quoted = ['"1,234.56"', '"两行\n单元格"', '"三\r\n行\n单元格"', '"说""明"', '""', '"a', 'b"', 'x"y', '"c"d', '",\n,"']
    for trial in range(150):
        if trial % 3:
            pieces_now = pieces + quoted if trial % 3 == 1 else pieces + quoted * 4
        else:
            pieces_now = pieces
        lines = []
        for _ in range(rnd.randint(1, 40)):
            lines.append("".join(rnd.choice(pieces_now) for _ in range(rnd.randint(0, 12 if trial % 7 else 30))))
        ends = [rnd.choice(["\n", "\n", "\r\n", "\r\n", "\r\n"] if trial % 5 else ["\n", "\r\n", "\r"]) for _ in lines]
        body = "".join(line + end for line, end in zip(lines, ends))
        head = "case_id,unit,region,year,sheet_type\r\n"
        if trial % 11 == 0:
            head = '"case_id",unit,"region",year,sheet_type\r\n' if trial % 22 else '"case_id"x,unit,region,year,sheet_type\r\n'
        data = (head + body).encode(encoding, errors="replace")
        if trial % 17 == 0:
            data += b"x,\x00,y\n"
        if trial % 23 == 0:
            data += b"x,\xff\xfe,y\n" if encoding == "utf-8" else b"x,\x80,y\n"
        path = tmp_path / f"t{trial}.csv"
        path.write_bytes(data)
        csv.field_size_limit(40 if trial % 7 == 0 else limit)
        try:
            expected = _rows_of(read_table(path))
            got = []
            try:
                for entry in read_blocks(path):
                    if isinstance(entry, TableBlock):
                        got += _rows_of(block_rows(entry))
                        if got and isinstance(got[-1], str):
                            break  # a block that stops reading stops the table
            except ScoringError as exc:  # the header, as read_table refuses it
                got.append(str(exc))
        finally:
            csv.field_size_limit(limit)
        assert got == expected, (trial, data)
        stops.update(entry for entry in got if isinstance(entry, str))
        refused.update(entry[1] for entry in got if isinstance(entry, tuple) and isinstance(entry[1], str))
    # the ways a table stops reading were met (a header the csv module refuses), and the ways a
    # record is refused (the table read on; a line not in the file's encoding among them)
    assert any("CSV 格式错误" in stop for stop in stops), stops
    assert all(any(word in problem for problem in refused) for word in ("单元格过长", "换行符", "引号没有正确闭合", "右引号后", "编码")), refused


def test_a_quoted_cell_of_many_lines_across_a_block_end_is_read_once(tmp_path):
    """A cell of 60,000 short lines that a block's end cuts through joins the block, read once
    (read again per line, it would take hours), and gives what read_table gives."""
    from scoring.cases import table as tables
    from scoring.cases.table import TableBlock, block_rows, read_blocks

    head = "case_id,unit,region,year,sheet_type\n"
    row = "c1,某单位,四川省/遂宁市,2024,部门整体支出绩效自评表\n"
    filler = row * (tables.BLOCK_BYTES // len(row.encode()) - 5)
    data = head + filler + 'c2,"' + "行\n" * 60_000 + '",四川省,2024,部门整体支出绩效自评表\n' + row
    path = tmp_path / "t.csv"
    path.write_text(data, encoding="utf-8")
    blocks = [e for e in read_blocks(path) if isinstance(e, TableBlock)]
    got = [r for b in blocks for r in _rows_of(block_rows(b))]
    assert got == _rows_of(read_table(path))
    assert got[-2][1][1] == "行\n" * 60_000 and got[-1][0] == filler.count("\n") + 60_003


def test_a_record_over_many_lines_across_a_block_end_is_read_once(tmp_path, monkeypatch):
    """A quoted field open at a block's end makes the block take the lines it goes on into, each
    read once by the csv module: a record over many short lines (a cell of blank lines, or `","`
    line after line) read again from its start for every line it takes would make one table of a
    few MB keep the batch reading for hours."""
    from scoring.cases import table as tables
    from scoring.cases.table import TableBlock, block_rows, read_blocks

    monkeypatch.setattr(tables, "BLOCK_BYTES", 64)
    lines = 3000
    head = b"case_id,unit,region,year,sheet_type\n" + b"a,b,c,2024,d\n" * 4
    path = tmp_path / "t.csv"
    path.write_bytes(head + b'x,"\n' + b'","\n' * lines + b'"\n' + b"z,1\n")
    pulled = 0
    reader = csv.reader

    def counting(rows, **options):
        def each():
            nonlocal pulled
            for row in rows:
                pulled += 1
                yield row
        return reader(each(), **options)

    monkeypatch.setattr(csv, "reader", counting)
    blocks = [entry for entry in read_blocks(path) if isinstance(entry, TableBlock)]
    monkeypatch.setattr(csv, "reader", reader)
    assert pulled < 2 * lines  # header and one pass over the rest (reading again from the record's start: ~lines²/2)
    got = [(row.line, row.cells) for block in blocks for row in block_rows(block)]
    assert got == [(entry.line, entry.cells) for entry in read_table(path) if isinstance(entry, TableRow)]
    assert [line for line, _ in got] == [2, 3, 4, 5, 6, lines + 8]
    assert len(got[-2][1]) == lines + 2


def _both_readers(path) -> list:
    """What read_table gives, checked equal to what the blocks give (blocks of 64 bytes)."""
    from scoring.cases import table as tables
    from scoring.cases.table import TableBlock, block_rows, read_blocks

    expected = _rows_of(read_table(path))
    block_bytes, tables.BLOCK_BYTES = tables.BLOCK_BYTES, 64
    try:
        got = [r for b in read_blocks(path) if isinstance(b, TableBlock) for r in _rows_of(block_rows(b))]
    finally:
        tables.BLOCK_BYTES = block_bytes
    assert got == expected
    return got


def test_a_record_the_csv_module_refuses_is_reported_and_the_table_read_on(tmp_path):
    """A stray quote fails its own row, named by its line, and no other: a quote closed with text
    after it (`"十四五"规划`) is refused on its line; a quote never closed takes the lines after it
    only until the csv module refuses the record, and they are read again as rows of their own."""
    path = tmp_path / "t.csv"
    path.write_text(
        "case_id,unit,region,year,sheet_type\n"
        "a,单位,四川省,2024,表\n"
        'b,"十四五"规划,四川省,2024,表\n'  # 3
        'c,"未闭合,四川省,2024,表\n'  # 4: open until line 6's quote, which a character follows
        "d,单位,四川省,2024,表\n"
        'e,"单位"x,四川省,2024,表\n'  # 6
        'f,"两行\n单元格",四川省,2024,表\n'  # 7–8: a cell over two lines, as spreadsheets write it
        'g,"到文件末尾也未闭合\n'  # 9
        "h,单位,四川省,2024,表\n",
        encoding="utf-8",
    )
    got = _both_readers(path)
    refused = "CSV 格式错误（右引号后应紧跟逗号或换行），该行未读取"
    assert [(line, cells[0] if isinstance(cells, tuple) else cells.split(": ", 1)[1]) for line, cells in got] == [
        (2, "a"), (3, refused), (4, "CSV 格式错误（引号内的内容从这一行跨到后面的行后无法读取：引号没有正确闭合，或内容过长），该行未读取"),
        (5, "d"), (6, refused), (7, "f"), (9, "CSV 格式错误（引号内的内容从这一行跨到后面的行后无法读取：引号没有正确闭合，或内容过长），该行未读取"), (10, "h"),
    ]
    assert got[5][1][1] == "两行\n单元格"


def test_a_quote_left_open_takes_one_megabyte_at_most(tmp_path):
    """A quote never closed, before lines that keep a quoted field going (`","` line after line),
    makes one record grow no further than a line may: it is refused past 1 MB, and every line
    after it is read again as a row of its own."""
    from scoring.files.limits import MAX_TABLE_LINE_BYTES

    many = MAX_TABLE_LINE_BYTES // 4 + 10
    path = tmp_path / "t.csv"
    path.write_bytes(b"case_id,unit,region,year,sheet_type\n" + b'x,"\n' + b'","\n' * many + b"z,1\n")
    got = _both_readers(path)
    assert got[0] == (2, f"{display_path(path)}:2: CSV 格式错误（引号内的内容从这一行跨到后面的行后无法读取：引号没有正确闭合，或内容过长），该行未读取")
    assert len(got) == many + 2 and got[1] == (3, (",",)) and got[-1] == (many + 3, ("z", "1"))


def test_records_read_each_line_at_most_twice(monkeypatch):
    """A refused record's lines are read again, never a third time, however quotes are strewn:
    a table of stray quotes is read in time linear in its size."""
    import random

    from scoring.cases import table as tables

    given = 0
    real = tables._Lines.__next__

    def counting(self):
        nonlocal given
        text = real(self)
        given += 1
        return text

    monkeypatch.setattr(tables._Lines, "__next__", counting)
    rnd = random.Random(5)
    pieces = ['"', '""', '"""', ",", "a", 'a""', '","', '"a', 'a"', " ", "\r", "中"]
    for trial in range(3000):
        lines = ["".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 6))) + "\n" for _ in range(rnd.randint(1, 30))]
        pulled = given = 0

        def source(lines=lines):
            nonlocal pulled
            for text in lines:
                pulled += 1
                yield text

        records = list(tables._records(tables._Lines(source()), 1))
        assert pulled == len(lines)  # the file is read once: what is read again is kept
        assert given <= 2 * len(lines), (trial, lines)
        # the records follow each other from the first line to the last
        starts = [line for line, _, _ in records]
        assert starts[0] == 1 and records[-1][1] == len(lines) + 1, (trial, lines)
        assert all(following == nxt for (_, following, _), nxt in zip(records, starts[1:])), (trial, lines)


def test_a_row_that_cannot_be_read_names_whom_it_is_from(tmp_path):
    """A claim "83%" or a year left empty fails the row; its failure still names the case, the unit,
    the sheet, the region and the year its cells write, as a case file's failure does (review DB B3)."""
    path = tmp_path / "t.csv"
    bad_year = _row(case_id="t3")
    bad_year[3] = ""
    path.write_text(_csv([_row(case_id="t1", claim="83%"), _row(case_id="t2"), bad_year]), encoding="utf-8")
    summary = json.loads(run_cli("batch", str(path), "--format", "json").stdout)
    assert [s["case_id"] for s in summary["sheets"]] == ["t2"]
    who = [(f["case_id"], f["unit"], f["sheet_id"], f["region"], f["year"]) for f in summary["failures"]]
    assert who == [("t1", "中共汨罗市委社会工作部", "dept", "湖南省/岳阳市/汨罗市", 2024),
                   ("t3", "中共汨罗市委社会工作部", "dept", "湖南省/岳阳市/汨罗市", None)], summary["failures"]
    # ... and the summaries for people say it too: a bureau sends a row back by its 案例编号 (review GB B4)
    table = run_cli("batch", str(path)).stdout
    assert "- 中共汨罗市委社会工作部（案例编号 t1，湖南省/岳阳市/汨罗市，2024 年度）：" in table, table
    assert "- 中共汨罗市委社会工作部（案例编号 t3，湖南省/岳阳市/汨罗市）：" in table, table
    docx, html = tmp_path / "s.docx", tmp_path / "s.html"
    assert run_cli("batch", str(path), "--docx", str(docx), "--report", str(html)).returncode == 1
    from docx import Document

    paragraphs = [para.text for para in Document(str(docx)).paragraphs]
    assert any(t.startswith("• 中共汨罗市委社会工作部（案例编号 t1，湖南省/岳阳市/汨罗市，2024 年度）：") for t in paragraphs), paragraphs
    assert "中共汨罗市委社会工作部（案例编号 t3，湖南省/岳阳市/汨罗市）：" in html.read_text(encoding="utf-8")


@pytest.mark.parametrize(("column", "shown"), [(0, "case_id"), (1, "unit")])
def test_a_row_without_its_case_or_unit_is_refused(tmp_path, column, shown):
    """案例编号 and 单位 are required (README): a row with either cell blank is sent back naming the
    column, not scored under an empty name (review DB B4)."""
    path = tmp_path / "t.csv"
    blank = _row(case_id="t2")
    blank[column] = " "
    path.write_text(_csv([_row(case_id="t1"), blank]), encoding="utf-8")
    summary = json.loads(run_cli("batch", str(path), "--format", "json").stdout)
    assert [s["case_id"] for s in summary["sheets"]] == ["t1"]
    assert [f["reason"] for f in summary["failures"]] == [f"{path}:3: {shown}: 缺少必填项"], summary["failures"]


def test_one_row_of_a_table_is_scored_and_explained_by_the_line_the_batch_names(tmp_path):
    """`diff`, `score` and `explain` take one row of a bureau's table as the batch names it ("汇总.csv:3"),
    giving what the batch gives for it; a line that starts no row, a total at the foot and the table
    alone are refused saying which lines hold rows (review GB B1: explain refused a table row)."""
    path = tmp_path / "汇总.csv"
    path.write_text(_csv([_row(case_id="t1"), _row(case_id="t2", claim="10", total="10"), ["合计", "", "", "", "", "", "", "19.2"]]),
                    encoding="utf-8")
    batch = json.loads(run_cli("batch", str(path), "--format", "json").stdout)
    second = next(s for s in batch["sheets"] if s["case_id"] == "t2")
    assert second["path"].endswith("汇总.csv:3"), second
    diff = run_cli("diff", f"{path}:3", "--format", "json")
    assert diff.returncode == 1, diff.stderr  # 预算执行率 claimed 10 of 9.01: over
    sheet = json.loads(diff.stdout)["sheets"][0]
    assert (sheet["total"]["claimed"], sheet["total"]["computed"], sheet["total"]["status"]) == ("10", second["computed_total"], second["total_status"])
    explained = run_cli("explain", f"{path}:3#dept", "预算执行率")
    assert explained.returncode == 0 and "执行率" in explained.stdout and "高报" in explained.stdout, explained.stdout + explained.stderr
    nowhere = run_cli("diff", f"{path}:9")
    assert nowhere.returncode == 2 and "第 9 行不是表中一行的开头（表中各行从第 2 行到第 4 行" in nowhere.stderr, nowhere.stderr
    total = run_cli("diff", f"{path}:4")
    assert total.returncode == 2 and "汇总.csv:4: 该行是表中的“合计”，不是一张表" in total.stderr, total.stderr
    whole = run_cli("diff", str(path))
    assert whole.returncode == 2 and "或在文件名后写行号复核其中一行（汇总.csv:行号" in whole.stderr, whole.stderr


def test_a_case_table_kept_as_a_workbook_is_told_to_be_saved_as_csv(tmp_path):
    """A bureau's case table saved as .xlsx was refused with advice to fill in a template sheet by sheet (review GB B6):
    it is told to be saved as CSV, which the batch reads as it is, naming the worksheet and row of its header."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "汇总"
    ws.append(["利州区2024部门整体自评汇总"])
    ws.append(["案例编号", "单位", "地区", "年度"])
    ws.append(["t1", "中共汨罗市委社会工作部", "湖南省/岳阳市/汨罗市", 2024])
    book = tmp_path / "汇总.xlsx"
    wb.save(book)
    done = run_cli("diff", str(book))
    assert done.returncode == 2 and "这是案例表（工作表“汇总”第 2 行是它的表头）" in done.stderr and "CSV UTF-8" in done.stderr, done.stderr
    batch = json.loads(run_cli("batch", str(tmp_path), "--format", "json").stdout)
    assert [f["reason"] for f in batch["failures"]] and "另存为" in batch["failures"][0]["reason"], batch
