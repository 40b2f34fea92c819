"""What every output carries (the rule set's hash and the tool's version), and CSV made for
spreadsheets: UTF-8 with a BOM, Chinese headers, the status words of the table.  JSON keeps its
documented keys and status codes."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys

import pytest
from openpyxl import load_workbook

from scoring import __version__
from scoring.output.data import CSV_COLUMNS
from scoring.output.labels import SEVERITY_LABELS, STATUS_LABELS
from scoring.output.summary import CSV_COLUMNS as BATCH_COLUMNS

from conftest import CASES, ROOT, run_cli, shipped_sheet_count

HUNAN = str(CASES / "hunan-miluo-shgzb-2024.toml")
TOOL = f"scoring {__version__}"
SHA = re.compile(r"[0-9a-f]{64}")
STATUS_CODES = set(STATUS_LABELS)


def _csv_rows(raw: bytes) -> list[dict[str, str]]:
    assert raw.startswith(b"\xef\xbb\xbf"), "no BOM: Excel and WPS would read the file as GBK"
    return list(csv.DictReader(io.StringIO(raw[3:].decode("utf-8"), newline="")))


@pytest.fixture(scope="module")
def hunan_diff(tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("diff")
    formats = {}
    for fmt in ("json", "csv", "xlsx", "table", "markdown"):
        path = out / f"diff.{fmt}"
        done = run_cli("diff", HUNAN, "--format", fmt, "--out", str(path))
        assert done.returncode == 1, done.stderr  # the Hunan over-claim
        formats[fmt] = path
    return formats


def test_json_keeps_its_codes_and_names_the_tool(hunan_diff):
    report = json.loads(hunan_diff["json"].read_text(encoding="utf-8"))
    assert report["scoring_version"] == __version__
    for sheet in report["sheets"]:
        assert SHA.fullmatch(sheet["rules"]["sha256"])
        assert {i["status"] for i in sheet["indicators"]} <= STATUS_CODES and sheet["total"]["status"] in STATUS_CODES
    execution = next(i for i in report["sheets"][0]["indicators"] if i["id"] == "execution")
    assert execution["status"] == "over"


def test_csv_is_for_spreadsheets_and_says_what_the_table_says(hunan_diff):
    raw = hunan_diff["csv"].read_bytes()
    rows = _csv_rows(raw)
    assert list(rows[0]) == CSV_COLUMNS
    assert all(r["scoring 版本"] == __version__ and SHA.fullmatch(r["规则 sha256"]) for r in rows)
    assert {r["状态"] for r in rows} <= set(STATUS_LABELS.values())
    execution = next(r for r in rows if r["指标编号"] == "execution")
    assert (execution["指标"], execution["自评得分"], execution["计算得分"], execution["状态"]) == ("预算执行率", "9.2", "9.01", "高报")
    # the same status word per indicator as the terminal table
    table = hunan_diff["table"].read_text(encoding="utf-8")
    for r in rows:
        line = next(line for line in table.splitlines() if line.startswith(r["指标"]))
        assert r["状态"] in line.split()
    # printed to standard output: the same bytes, BOM and line ends included
    printed = subprocess.run([sys.executable, "-m", "scoring", "diff", HUNAN, "--format", "csv"], cwd=ROOT, capture_output=True, timeout=120)
    assert printed.stdout == raw


def test_people_formats_name_rules_and_tool(hunan_diff):
    for fmt in ("table", "markdown"):
        text = hunan_diff[fmt].read_text(encoding="utf-8")
        assert "hunan.dept-overall@2024.46（sha256 " in text and TOOL in text
    explained = run_cli("explain", HUNAN, "预算执行率").stdout
    assert "sha256 " in explained and TOOL in explained
    wb = load_workbook(hunan_diff["xlsx"])
    ws = wb.worksheets[0]
    # on paper the footer names the rule version and the tool; the hash sits in the hidden sheet
    assert "2024.46" in ws.oddFooter.left.text and TOOL in ws.oddFooter.left.text
    sheets = [row for row in wb["_规则"].iter_rows(values_only=True) if row[0] == "sheet"]
    assert sheets[0][1] == ws.title and sheets[0][3] == "hunan.dept-overall@2024.46" and SHA.fullmatch(sheets[0][4])
    assert wb.properties.creator == TOOL


def test_template_workbook_names_the_tool(tmp_path):
    path = tmp_path / "t.xlsx"
    assert run_cli("template", "hunan.dept-overall", "--out", str(path)).returncode == 0
    wb = load_workbook(path)
    meta = {row[0]: row[1:] for row in wb["_规则"].iter_rows(values_only=True)}
    assert meta["scoring"][0] == __version__ and SHA.fullmatch(meta["sheet"][3])
    assert TOOL in wb["填写说明"]["A1"].value


def test_batch_outputs_name_rules_and_tool(tmp_path):
    (tmp_path / "broken.toml").write_text("[case\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("收件记录", encoding="utf-8")
    summary_csv, report = tmp_path / "summary.csv", tmp_path / "report.html"
    done = run_cli("batch", str(CASES), str(tmp_path), "--format", "csv", "--out", str(summary_csv), "--report", str(report), "-q")
    assert done.returncode == 1, done.stderr
    rows = _csv_rows(summary_csv.read_bytes())
    assert list(rows[0]) == BATCH_COLUMNS
    sheets = [r for r in rows if r["单位"]]
    assert len(sheets) == shipped_sheet_count() and all(SHA.fullmatch(r["规则 sha256"]) for r in sheets)
    assert all(r["scoring 版本"] == __version__ for r in rows)
    assert {r["总分状态"] for r in sheets} | {r["最差状态"] for r in sheets} <= set(STATUS_LABELS.values())
    assert {r["最高级别"] for r in sheets} <= {*SEVERITY_LABELS.values(), "无"}
    hunan = next(r for r in sheets if r["案例编号"] == "hunan-miluo-shgzb-2024")
    assert (hunan["最差状态"], hunan["最高级别"], hunan["差额"]) == ("高报", "错误", "-0.81")
    problems = {r["文件"].rsplit("/", 1)[-1]: r["最高级别"] for r in rows if not r["单位"]}
    assert problems == {"broken.toml": "无法复核", "notes.txt": "已跳过"}
    html = report.read_text(encoding="utf-8")
    assert TOOL in html and "hunan.dept-overall@2024.46（sha256 " in html

    summary = json.loads(run_cli("batch", str(CASES), "--format", "json").stdout)
    assert summary["scoring_version"] == __version__ and all(SHA.fullmatch(r["sha256"]) for r in summary["rule_sets"])
    assert {s["worst_status"] for s in summary["sheets"]} <= STATUS_CODES
    table = run_cli("batch", str(CASES)).stdout
    assert TOOL in table and "hunan.dept-overall@2024.46（sha256 " in table
    printed = run_cli("batch", str(CASES), "--format", "csv")
    assert printed.stdout.startswith("\ufeff文件,")


def test_a_deduction_line_shows_its_claim_its_status_and_why(tmp_path):
    """A deduction item on diff's table and in the Word review: the points the sheet deducts, the
    points its findings cost, the difference, the status and the reason; the total line says which
    deductions were not disclosed (the range leaves them out)."""
    text = (CASES / "sichuan-suining-anju-jxb-2024.toml").read_text(encoding="utf-8")
    text = text.replace('funds_use = { undisclosed = true, note = "附表1 扣分项留空" }', 'funds_use = "2"')
    text = text.replace('realized_effect = { score = "5", source = "附表1 实现效果 自评得分5" }',
                        'realized_effect = { score = "5", source = "附表1 实现效果 自评得分5" }\nfunds_use = "-1"')
    case = tmp_path / "deductions.toml"
    case.write_text(text, encoding="utf-8")
    done = run_cli("diff", str(case))
    line = next(x for x in done.stdout.splitlines() if x.startswith("资金使用规范"))
    assert re.split(r"\s{2,}", line) == ["资金使用规范", "扣分项", "-1", "-2.00", "+1.00", STATUS_LABELS["over"],
                                         "发现问题 2 处，每处扣 1 分，应扣 2 分；自评扣 1 分，少扣 1 分"]
    total = next(x for x in done.stdout.splitlines() if x.startswith("合计"))
    assert "扣分项（财务管理制度、财务岗位设置、预算绩效存在问题、被评价部门配合度）发现问题数未披露，未计扣分" in total
    # a count not disclosed beside a deduction the sheet takes itself: the total takes it, and the line says so
    owned = tmp_path / "owned.toml"
    owned.write_text(text.replace('funds_use = "2"', 'funds_use = { undisclosed = true }'), encoding="utf-8")
    line = next(x for x in run_cli("diff", str(owned)).stdout.splitlines() if x.startswith("资金使用规范"))
    assert line.endswith("发现问题数未披露，按自评扣 1 分计"), line
    data = json.loads(run_cli("diff", str(case), "--format", "json").stdout)
    funds = next(d for d in data["sheets"][0]["deductions"] if d["id"] == "funds_use")
    assert (funds["claimed"], funds["deduction"]) == ("1", "2")
    out = tmp_path / "review.docx"
    assert run_cli("diff", str(case), "--format", "docx", "--out", str(out)).returncode in (0, 1)
    import docx

    cells = [[c.text for c in row.cells] for table in docx.Document(str(out)).tables for row in table.rows]
    assert ["资金使用规范", "扣分项", "-1", "-2.00", "+1.00", STATUS_LABELS["over"], "发现问题 2 处，每处扣 1 分，应扣 2 分；自评扣 1 分，少扣 1 分"] in cells


@pytest.mark.parametrize(("score", "shown"), [("0.375", "0.375"), ("1.5", "1.50"), ("0.3333333", "约 0.3333"), ("0.38", "0.38")])
def test_a_parts_score_in_a_reason_adds_up_to_its_line(score, shown):
    """0.375 + 0.375 printed as 0.38 + 0.38 beside a line of 0.75 (review EB B4)."""
    from decimal import Decimal

    from scoring.output.reasons import _points

    assert _points(Decimal(score)) == shown
