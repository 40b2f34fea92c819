"""Input figures written as forms print them: with a unit ("1,250.5万元", "12505000元"), or a
"not given" mark ("/", "不适用").  The sheet's rule set reads them — its units and conversions, its
marks — the same way whether the figure arrives in a case file or a case table; a figure the rules
cannot read stops the sheet naming the place, in every form."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from conftest import CASES, FORMULAS, in_effect, run_cli, shipped_diff

HUNAN = CASES / "hunan-miluo-shgzb-2024.toml"
SICHUAN = CASES / "sichuan-suining-anju-jxb-2024.toml"


def _with_budget(tmp_path, written: str):
    """The Hunan case with its 全年预算数 (123.47 万元) written as ``written``."""
    text = HUNAN.read_text(encoding="utf-8")
    changed = text.replace('[sheets.inputs.budget]\nvalue = "123.47"', f'[sheets.inputs.budget]\nvalue = "{written}"', 1)
    assert changed != text
    path = tmp_path / "case.toml"
    path.write_text(changed, encoding="utf-8")
    return path


def _diff(path):
    done = run_cli("diff", str(path), "--format", "json")
    return done, (json.loads(done.stdout) if done.stdout.strip() else None)


def _execution(report):
    return next(i for i in report["sheets"][0]["indicators"] if i["id"] == "execution")


@pytest.mark.parametrize("written", ["123.47万元", "1,234,700元", "0.012347亿元", "１２３.４７ 万元"])
def test_an_amount_written_with_its_unit_or_a_declared_conversion_is_that_amount(tmp_path, written):
    plain = shipped_diff(HUNAN.name)  # the case as shipped, run once for every spelling
    expected = json.loads(plain.stdout)
    done, report = _diff(_with_budget(tmp_path, written))
    assert done.returncode == plain.returncode == 1, done.stderr
    assert _execution(report) == _execution(expected)
    assert report["sheets"][0]["total"] == expected["sheets"][0]["total"]


@pytest.mark.parametrize("written", ["/", "／", "—", "不适用", "N/A"])
def test_a_not_given_mark_makes_the_figure_undisclosed(tmp_path, written):
    done, report = _diff(_with_budget(tmp_path, written))
    assert done.returncode in (0, 1), done.stderr
    line = _execution(report)
    assert line["status"] == "unverifiable" and "“全年预算数”未披露" in line["reason"]
    explained = run_cli("explain", str(_with_budget(tmp_path, written)), "预算执行率")
    assert f"表中印为“{written}”" in explained.stdout


@pytest.mark.parametrize(("written", "problem"), [
    ("123.47米", "单位“米”不能换算成“万元”"),
    ("约123", "“约123”不是数字"),
    ("≥123.47", "“≥123.47”不是数字"),
    ("一百", "“一百”不是数字"),
    # accounting's negative, or the figure: not read either way (review DB B2)
    ("(123.47)", "“(123.47)”整个写在括号中：会计写法中括号表示负数，请写成“-123.47”或“123.47”"),
    ("（123.47万元）", "会计写法中括号表示负数"),
])
def test_a_figure_the_rules_cannot_read_stops_the_sheet_naming_the_place(tmp_path, written, problem):
    done, _ = _diff(_with_budget(tmp_path, written))
    assert done.returncode == 2
    assert re.search(rf"case\.toml#dept-overall: inputs\.budget: .*{re.escape(problem)}", done.stderr), done.stderr
    assert "Traceback" not in done.stderr


def test_a_case_table_cell_is_read_as_a_case_file_figure_is(tmp_path):
    header = "case_id,unit,region,year,rules,budget_initial,budget,executed,claim:execution\n"
    row = "{id},中共汨罗市委社会工作部,湖南省/岳阳市/汨罗市,2024,hunan.dept-overall,0,{budget},111.27,9.2\n"
    table = tmp_path / "t.csv"
    table.write_text(header + "".join(row.format(id=i, budget=b) for i, b in
                                      [("plain", "123.47"), ("unit", "123.47万元"), ("yuan", "1234700元"), ("mark", "/"), ("bad", "123.47米")]),
                     encoding="utf-8")
    done = run_cli("batch", str(table), "--format", "json")
    summary = json.loads(done.stdout)
    by_id = {s["case_id"]: s for s in summary["sheets"]}
    assert by_id["unit"]["computed_total"] == by_id["yuan"]["computed_total"] == by_id["plain"]["computed_total"]
    assert by_id["mark"]["computed_total"] != by_id["plain"]["computed_total"]
    assert [f["path"].rsplit("/", 1)[-1] for f in summary["failures"]] == ["t.csv:6#sheet"]
    assert "单位“米”不能换算成“万元”" in summary["failures"][0]["reason"]


def test_the_marks_are_the_rule_files_vocabulary(tmp_path):
    # the Sichuan department rules declare "/" a "not given" mark: a count so written is undisclosed ...
    text = SICHUAN.read_text(encoding="utf-8")
    changed = text.replace('finance_rules = { undisclosed = true, note = "附表1 扣分项留空，文件未报告相关问题" }', 'finance_rules = "/"', 1)
    assert changed != text
    case = tmp_path / "case.toml"
    case.write_text(changed, encoding="utf-8")
    marked = json.loads(run_cli("diff", str(case), "--format", "json").stdout)
    plain = json.loads(run_cli("diff", str(SICHUAN), "--format", "json").stdout)
    assert marked["sheets"][0]["total"] == plain["sheets"][0]["total"]
    # ... and without it in their [reading], "/" is not a figure there
    rules = tmp_path / "formulas"
    shutil.copytree(FORMULAS, rules, ignore=shutil.ignore_patterns("*.py", "*.md"))
    sichuan = in_effect(rules, "sichuan.dept-overall", 2024)
    written = sichuan.read_text(encoding="utf-8")
    start = written.index("not_given = [")
    sichuan.write_text(written[:start] + 'not_given = ["未公开"]' + written[written.index("]", start) + 1:], encoding="utf-8")
    done = run_cli("diff", str(case), "--rules-dir", str(rules))
    assert done.returncode == 2 and "case.toml#dept-overall: findings.finance_rules: “/”不是数字" in done.stderr


def test_a_figure_is_given_once():
    from pydantic import ValidationError

    from scoring.cases.model import Figure

    assert Figure.model_validate("123.47万元").written == "123.47万元"
    assert Figure.model_validate({"value": "/", "source": "表"}).written == "/"
    for bad in ({"value": "1", "written": "1万元"}, {"written": "/", "undisclosed": True}, {"source": "x"}):
        with pytest.raises(ValidationError):
            Figure.model_validate(bad)


@pytest.mark.parametrize(("written", "computed", "refused"), [("否", "3.00", None), ("是", "0.00", None), ("FALSE", "3.00", None),
                                                              ("也许", None, "“也许”不是“是”或“否”")])
def test_a_yes_or_no_is_read_in_a_case_file_as_in_a_table(tmp_path, written, computed, refused):
    """支持中小企业发展's flag written "否" is no, as a case table reads it, not "“否”不是数字" (review DB B7);
    anything else is refused as no yes or no."""
    text = SICHUAN.read_text(encoding="utf-8")
    changed = text.replace("[sheets.inputs.sme_noncompliant]\nundisclosed = true", f'[sheets.inputs.sme_noncompliant]\nvalue = "{written}"', 1)
    assert changed != text
    path = tmp_path / "case.toml"
    path.write_text(changed, encoding="utf-8")
    done, report = _diff(path)
    if refused:
        assert done.returncode == 2 and f"inputs.sme_noncompliant: {refused}" in done.stderr, done.stderr
        return
    sme = next(i for i in report["sheets"][0]["indicators"] if i["id"] == "sme_support")
    assert sme["computed"] == computed, sme
