"""The review a bureau sends, as Word: `diff --format docx` and `batch --docx` through the real
CLI, the documents opened with python-docx and read back."""

from __future__ import annotations

import json
from decimal import Decimal

from docx import Document

from scoring.numbers import fmt

from conftest import CASES, run_cli, shipped_sheet_count

HUNAN = CASES / "hunan-miluo-shgzb-2024.toml"


def _text(path) -> tuple[str, list[list[list[str]]]]:
    doc = Document(str(path))
    tables = [[[cell.text for cell in row.cells] for row in table.rows] for table in doc.tables]
    return "\n".join(p.text for p in doc.paragraphs), tables


def test_review_of_one_sheet(tmp_path):
    out = tmp_path / "复核意见.docx"
    proc = run_cli("diff", str(HUNAN), "--format", "docx", "--out", str(out))
    assert proc.returncode == 1, proc.stderr  # the exit code follows the findings, whatever the format
    text, tables = _text(out)
    assert "预算绩效自评复核意见" in text and "中共汨罗市委社会工作部" in text and "2024 年" in text
    assert "湖南省部门整体支出绩效自评表" in text and "版本 2024.46" in text
    assert "自评 98.2 分，按规则应得 99.01 分（可能范围 73.01～99.01 分），其中 预算执行率 高报 0.19 分" in text
    assert "等级：按规则为 中～优，自评为 优" in text
    table = tables[0]
    assert table[0] == ["指标", "分值", "自评得分", "计算得分", "差额", "状态", "说明"]
    execution = next(r for r in table if r[0] == "预算执行率")
    assert execution[1:6] == ["10", "9.2", "9.01", "+0.19", "高报"] and execution[6]
    # the computed total as every other output prints it, not its possible range (review CC A4)
    assert table[-1][:5] == ["合计", "100", "98.2", "99.01", "-0.81"]
    # findings in plain Chinese: the severity word, never a code
    assert "【错误】预算执行率：自评 9.2 分，按规则应得 9.01 分，高出 0.19 分" in text
    assert "claim_over" not in text and "unverifiable" not in text
    assert "复核人（签字）" in text and "日期：" in text
    report = json.loads(run_cli("diff", str(HUNAN), "--format", "json").stdout)
    assert report["sheets"][0]["rules"]["sha256"] in text  # the rule file's fingerprint, in small print


def test_a_review_is_written_for_every_shipped_case_whatever_its_totals_status(tmp_path, library):
    """Totals that are 表不完整 or 无法核验 beside a claimed total have no difference to print: the
    review says what can be said (it crashed on abs(None) for three shipped cases)."""
    from scoring import Engine, load_case, report_loaded
    from scoring.output.docx import case_review, docx_bytes

    statuses = set()
    for path in sorted(CASES.glob("*.toml")):
        case, shown = load_case(path)
        report = report_loaded(case, shown, library, Engine())
        out = tmp_path / f"{path.stem}.docx"
        out.write_bytes(docx_bytes(case_review(report, case)))
        text, _ = _text(out)
        for sd in report.sheets:
            statuses.add((sd.total.comparison.status, sd.total.comparison.claimed is not None))
            assert sd.sheet.title in text
    assert {("incomplete", True), ("match", True), ("under", True)} <= statuses, statuses


_RANGES = """format = 1
[case]
id = "t"
unit = "某局"
region = ["江苏省", "南通市"]
year = 2023
source = "test"
[[sheets]]
id = "project"
title = "项目支出绩效自评表"
rules = "national.project"
complete = false
[[sheets.rows]]
group = ["产出指标", "时效指标"]
name = "营养餐补助资金拨付时间"
target = "2024年6月30日前"
actual = "2024年7月15日"
weight = 2
claimed = 2
[[sheets.rows]]
group = ["满意度指标", "服务对象满意度指标"]
name = "服务对象满意度"
target = "显著提升"
actual = "有所提升"
weight = 10
claimed = 10
[[sheets.rows]]
group = ["满意度指标", "服务对象满意度指标"]
name = "群众满意度"
target = "显著提升"
actual = "有所提升"
weight = 10
claimed = 5
"""


def test_a_claim_outside_the_range_the_rules_allow_is_off_by_a_range(tmp_path):
    """A full claim on a row held below its weight (a deadline missed: 0.00～1.99) is over by 0.01 to 2.00, not "+0.01"
    beside 高报, which read as a slip within the tolerance (reviews HM, HP, HT); so in the text table, the explanation
    and the Word review.  The JSON keeps the nearer end, a number."""
    case = tmp_path / "区间.toml"
    case.write_text(_RANGES, encoding="utf-8")
    table = run_cli("diff", str(case)).stdout
    rows = {line.split()[0]: line.split() for line in table.splitlines() if line.split()[:1] in (["营养餐补助资金拨付时间"], ["服务对象满意度"], ["群众满意度"])}
    assert rows["营养餐补助资金拨付时间"][3:6] == ["0.00～1.99", "+0.01～+2.00", "高报"], table
    assert rows["服务对象满意度"][3:6] == ["6.00～8.00", "+2.00～+4.00", "高报"], table
    assert rows["群众满意度"][3:6] == ["6.00～8.00", "-1.00～-3.00", "低报"], table
    assert "差额 +0.01～+2.00" in run_cli("explain", str(case), "营养餐补助资金拨付时间").stdout
    out = tmp_path / "区间.docx"
    run_cli("diff", str(case), "--format", "docx", "--out", str(out))
    _, tables = _text(out)
    late = next(r for r in tables[0] if r[0] == "营养餐补助资金拨付时间")
    assert late[3:6] == ["0.00～1.99", "+0.01～+2.00", "高报"], late
    lines = json.loads(run_cli("diff", str(case), "--format", "json").stdout)["sheets"][0]["indicators"]
    assert next(x for x in lines if x["name"] == "营养餐补助资金拨付时间")["delta"] == "0.01"
    # the batch's Word review and report explain its differing lines alike (the web's sheet page: test_web_http)
    word, report = tmp_path / "复核.docx", tmp_path / "复核.html"
    assert run_cli("batch", str(case), "--docx", str(word), "--report", str(report)).returncode == 1
    _, tables = _text(word)
    late = next(r for t in tables for r in t if r[0] == "营养餐补助资金拨付时间")
    assert late[3:6] == ["0.00～1.99", "+0.01～+2.00", "高报"], late
    assert "+0.01～+2.00" in report.read_text(encoding="utf-8")


def test_docx_needs_an_output_file():
    proc = run_cli("diff", str(HUNAN), "--format", "docx")
    assert proc.returncode == 2 and "--out" in proc.stderr


def test_batch_summary(tmp_path):
    out = tmp_path / "汇总.docx"
    proc = run_cli("batch", str(CASES), "--docx", str(out), "--format", "json", "-q")
    assert proc.returncode == 1 and out.exists()
    summary = json.loads(proc.stdout)
    text, tables = _text(out)
    scored = shipped_sheet_count()
    with_errors = [s for s in summary["sheets"] if s["worst_severity"] == "error"]
    assert f"共复核 {scored} 张表（{summary['counts']['read']} 份材料），其中 {len(with_errors)} 张有错误" in text
    statuses = next(t for t in tables if t[0] == ["总分状态", "表数"])
    assert sum(int(r[1]) for r in statuses[1:]) == scored
    grades = next(t for t in tables if t[0] == ["按规则等级", "自评等级", "表数"])
    assert sum(int(r[2]) for r in grades[1:]) == scored
    over = [s for s in summary["sheets"] if s["delta"] and float(s["delta"]) > 0]
    if over:
        largest = next(t for t in tables if t[0] == ["单位", "表", "自评总分", "计算总分", "高报"])
        assert largest[1][0] == max(over, key=lambda s: float(s["delta"]))["unit"]
    else:
        assert "没有总分高报的表" in text
    # one section per sheet with errors, with its verdict and its findings
    for s in with_errors:
        assert f"{s['unit']}：{s['title']}" in text
        assert s["path"] in text  # which submission: a unit may hand in several sheets (review ES B3)
    assert "中共汨罗市委社会工作部：部门整体支出绩效自评表" in text
    assert "【错误】预算执行率：自评 9.2 分" in text
    # the headline sum holds only totals the rules settle; a partial sheet's section draws no verdict on
    # its total, and says its total's own status where there is one (review EH B1)
    settled = [s for s in summary["sheets"] if s["total_status"] in ("match", "over", "under") and s["claimed_total"] and s["delta"] is not None]
    claimed = sum(Decimal(s["claimed_total"]) for s in settled)
    assert f"总分可按规则核定的 {len(settled)} 张表合计自评 {fmt(claimed)} 分" in text
    # ... saying how many of those totals are ranges counted at the value nearest the claim (review FN B3)
    ranged = [s for s in settled if Decimal(s["unverified_weight"])]
    assert (f"其中 {len(ranged)} 张表有无法核验的指标，总分按其可能范围内最接近自评得分的分数计入" in text) == bool(ranged)
    yinchuan = next(s for s in summary["sheets"] if s["unit"] == "银川市第六中学")
    assert yinchuan["total_status"] == "incomplete"
    assert "自评 98 分；表不完整（只录入了部分指标），不对总分下结论" in text and "自评 98 分，按规则应得 86" not in text
    assert "按规则应得 — 分" not in text
    assert "总分低报 0.81 分" in text  # the Miluo sheet's
    # what to ask the units for: sheets whose only trouble is a claim that cannot be checked
    wanting = [s for s in summary["sheets"] if s["worst_severity"] == "warning" and any(f["code"] == "unverifiable" for f in s["findings"])]
    assert wanting and "无法核验、需补充材料的表" in text
    assert all(f"{s['unit']}“{s['title']}”（{s['path']}）：" in text for s in wanting)
