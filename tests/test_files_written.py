"""Files people write with the tool: case files from `scoring import` (any text a workbook cell
holds reads back exactly) and next year's rule file from `formulas new` (an edit of the old
file: comments kept, GBK read, version YEAR.N, the year in the title)."""

from __future__ import annotations

import re
import tomllib
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from scoring import Case, load_case
from scoring.cases.writer import case_to_toml
from scoring.excel.template import build_template

from conftest import CASES, FORMULAS, copy_formulas, run_cli

# Every character a TOML string must escape, and the ones that break naive quoting.
NASTY = "".join(chr(c) for c in range(0x20)) + "\x7f" + '"\\\'""" \'\'\' #[x] = {} \u2028 中文 ＂ \r\n'


def _case(text: str) -> dict:
    return {
        "case": {"id": "c1", "unit": f"单位{text}", "region": ["四川省"], "year": 2024, "source": text, "notes": text},
        "sheets": [{
            "id": "s1", "title": text or "t", "rules": "sichuan.dept-overall",
            "inputs": {"budget_adjusted": {"value": Decimal("253.87"), "source": text, "note": text}},
            "claims": {"预算编制质量": {"score": Decimal("7"), "source": text}, "budget_quality.x": {"score": Decimal("9.20")}},
            "rows": [{"group": [text, "二级"], "name": f"行{text}", "target": text, "actual": "≥95%", "weight": Decimal("10")}],
        }],
    }


def _read_back(text: str) -> dict:
    return tomllib.loads(text, parse_float=Decimal)


def test_every_control_character_quote_and_backslash_round_trips():
    data = _case(NASTY)
    written = case_to_toml(data, header=f"由 scoring import 从 x{NASTY}.xlsx 转换")
    back = _read_back(written)
    assert back["case"]["unit"] == f"单位{NASTY}" and back["sheets"][0]["rows"][0]["group"][0] == NASTY
    assert back["sheets"][0]["inputs"]["budget_adjusted"]["source"] == NASTY
    # figures and claims keep the decimals they were written with
    assert back["sheets"][0]["inputs"]["budget_adjusted"]["value"] == "253.87"
    assert back["sheets"][0]["claims"] == {"预算编制质量": {"score": "7", "source": NASTY}, "budget_quality.x": {"score": "9.20"}}
    assert Case.model_validate(back) == Case.model_validate(data)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_any_text_round_trips(text):
    data = _case(text)
    back = _read_back(case_to_toml(data, header=text))
    assert Case.model_validate(back) == Case.model_validate(data)


def test_import_of_a_workbook_whose_cells_hold_control_characters(library, tmp_path):
    """A cell can hold DEL and other control characters, line breaks, tabs, quotes and
    backslashes; `scoring import` writes a case file that reads back exactly (DEL used to make it
    invalid TOML)."""
    rs = library.find("hunan.dept-overall@2024.1")
    data = tomllib.loads((CASES / "hunan-miluo-shgzb-2024.toml").read_text(encoding="utf-8"), parse_float=Decimal)
    sheet = data["sheets"][0]
    sheet.pop("sheet_type", None)
    wb = build_template(rs, data["case"], sheet)
    ws = wb.worksheets[0]
    unit = '中共"汨罗"市委\\社会工作部\x7f\x85（第二行）'
    source = "附表1\r\n“预算执行”\t\x7f \\ \" '''"
    unit_cell = next(ws.cell(row=c.row, column=c.column + 2) for row in ws.iter_rows() for c in row if c.value == "单位名称")
    unit_cell.value = unit
    keys = [ws.cell(row=r, column=1).value for r in range(1, ws.max_row + 1)]
    head, row = keys.index("rows:head") + 1, keys.index("row") + 1  # the row table's header and its first line
    source_col = next(c for c in range(2, ws.max_column + 1) if ws.cell(row=head, column=c).value == "来源（不打印）")
    source_cell = ws.cell(row=row, column=source_col)
    source_cell.value = source
    path = tmp_path / "filled.xlsx"
    wb.save(path)
    saved = load_workbook(path).worksheets[0]  # what the cells hold once saved (XML turns \r\n into \n)
    unit, source = saved[unit_cell.coordinate].value, saved[source_cell.coordinate].value
    assert "\x7f" in unit and "\x7f" in source and "\n" in source
    out = tmp_path / "case.toml"
    done = run_cli("import", str(path), "--out", str(out))
    assert done.returncode == 0, done.stderr
    case, _ = load_case(out)
    assert case.case.unit == unit
    assert source in [r.source for r in case.sheets[0].rows]
    assert run_cli("diff", str(out), "--format", "json").returncode == 1  # scored as the original: the 9.2 over-claim


# -- formulas new ---------------------------------------------------------------------------------


def _copy_rules(tmp_path):
    """The rule files these tests start new versions from: the Sichuan department rules' versions and the
    national project rule's first."""
    return copy_formulas(tmp_path / "formulas", "sichuan/dept-overall-2024*.toml", "national/project-2020.toml")


def test_formulas_new_edits_the_file_and_keeps_its_comments(tmp_path):
    rules = _copy_rules(tmp_path)
    old_path = rules / "sichuan" / "dept-overall-2024.toml"
    done = run_cli("formulas", "new", "sichuan.dept-overall@2024.1", "--version", "2025.1", "--rules-dir", str(rules))
    assert done.returncode == 0, done.stderr
    old = old_path.read_text(encoding="utf-8").splitlines()
    new = (rules / "sichuan" / "dept-overall-2025.toml").read_text(encoding="utf-8").splitlines()
    assert new[0].startswith("# 由 `scoring formulas new` 从 sichuan.dept-overall@2024.1")
    changed = {(a, b) for a, b in zip(old, new[1:]) if a != b}
    assert changed == {
        ('version = "2024.1"', 'version = "2025.1"'),
        ('title = "四川省部门整体支出绩效自评表（2024年度）"', 'title = "四川省部门整体支出绩效自评表（2025年度）"'),
        ("effective_from = 2024-01-01", "effective_from = 2025-01-01"),
        ("effective_to = 2024-12-31", "effective_to = 2025-12-31"),
    }
    assert len(new) == len(old) + 1  # every comment and blank line is still there
    diff = run_cli("formulas", "diff", "sichuan.dept-overall@2024.1", "sichuan.dept-overall@2025.1", "--rules-dir", str(rules))
    assert "（2025年度）" in diff.stdout


def test_formulas_new_reads_a_gbk_file(tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    text = (FORMULAS / "sichuan" / "dept-overall-2024.toml").read_text(encoding="utf-8")
    (rules / "dept-overall-2024.toml").write_bytes(text.encode("gbk"))
    done = run_cli("formulas", "new", "sichuan.dept-overall@2024.1", "--version", "2025.1", "--rules-dir", str(rules))
    assert done.returncode == 0, done.stderr
    new = (rules / "dept-overall-2025.toml").read_text(encoding="utf-8")  # written as UTF-8
    assert 'title = "四川省部门整体支出绩效自评表（2025年度）"' in new
    comments = [line for line in text.splitlines() if line.lstrip().startswith("#")]
    assert comments and all(line in new for line in comments)
    listed = run_cli("formulas", "list", "--rules-dir", str(rules)).stdout
    assert "sichuan.dept-overall@2025.1" in listed and "sichuan.dept-overall@2024.1" in listed


def test_formulas_new_refuses_a_version_that_is_not_year_dot_n(tmp_path):
    rules = _copy_rules(tmp_path)
    before = sorted(p.name for p in (rules / "sichuan").iterdir())
    for bad in ("2025", "v2025.1", "2025.0", "2025.1a", "25.1", "2025.1.1"):
        done = run_cli("formulas", "new", "sichuan.dept-overall@2024.1", "--version", bad, "--rules-dir", str(rules))
        assert done.returncode == 2 and "年份.序号" in done.stderr, bad
    assert sorted(p.name for p in (rules / "sichuan").iterdir()) == before


def test_formulas_new_leaves_a_document_number_in_the_title_alone(tmp_path):
    rules = _copy_rules(tmp_path)
    done = run_cli("formulas", "new", "national.project@2020.1", "--version", "2021.1", "--effective-from", "2021-01-01", "--rules-dir", str(rules))
    assert done.returncode == 0, done.stderr
    new = (rules / "national" / "project-2021.toml").read_text(encoding="utf-8")
    assert 'title = "项目支出绩效自评表（财预〔2020〕10号）"' in new  # 〔2020〕 is the document's number, not a year in effect
    assert "未改动：请确认标题" in done.stdout
    mismatch = run_cli("formulas", "new", "national.project@2020.1", "--version", "2023.1", "--effective-from", "2022-01-01",
                       "--out", str(tmp_path / "n.toml"), "--rules-dir", str(rules))
    assert mismatch.returncode == 0 and re.search(r"版本号 2023\.1 的年份与生效日期 2022-01-01 不一致", mismatch.stdout)

