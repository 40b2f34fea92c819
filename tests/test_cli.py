"""`score`, `diff`, `explain` and `formulas` through the real CLI on the Suining department case
(sichuan.dept-overall@2024.6), and the exit codes of `diff`."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys

import pytest

from conftest import CASES, SUINING_CASE, copy_formulas, run_cli


@pytest.fixture(scope="module")
def diff_json():
    # from nothing, as `python -m scoring` starts on a user's machine (the rest of the suite forks)
    proc = run_cli("diff", str(SUINING_CASE), "--format", "json", fresh=True)
    assert proc.returncode == 0, proc.stderr  # an under-claim is not an error
    assert json.loads(proc.stdout) == json.loads(run_cli("diff", str(SUINING_CASE), "--format", "json").stdout)
    return json.loads(proc.stdout)


def rows(report):
    return {i["name"]: i for i in report["sheets"][0]["indicators"]}


def test_diff_claims_against_the_rules(diff_json):
    r = rows(diff_json)
    assert (r["预算编制质量"]["claimed"], r["预算编制质量"]["computed"], r["预算编制质量"]["status"]) == ("7", "8.00", "under")
    assert r["预算编制质量"]["delta"] == "-1.00"
    for name in ("人均资产变化率", "采购执行率"):
        assert r[name]["computed"] == "3.00" and r[name]["status"] == "match"
    assert r["预算年终结余"]["computed"] == "8.00" and r["预算年终结余"]["status"] == "match"
    assert r["严控一般性支出"]["status"] == "unverifiable" and r["严控一般性支出"]["computed"] is None


def test_diff_total_and_rule_identity(diff_json):
    sheet = diff_json["sheets"][0]
    total = sheet["total"]
    assert total["claimed"] == "98.6" and total["weight"] == "100"
    assert total["claimed_parts_sum"] == "98.6"
    # the unverifiable indicators count at their claims; the one under-claim adds 1 point
    assert total["computed"] == "99.60" and total["status"] == "under"
    assert sheet["rules"]["id"] == "sichuan.dept-overall" and sheet["rules"]["version"] == "2024.6"
    assert len(sheet["rules"]["sha256"]) == 64
    assert {f["severity"] for f in diff_json["findings"]} <= {"warning", "info"}


def test_explain_budget_quality():
    proc = run_cli("explain", str(SUINING_CASE), "预算编制质量")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert out.count("253.87") >= 2
    assert "财政拨款预算偏离度（deviation）＝ 0" in out
    assert "计算得分：8.00" in out
    assert "该项指标得分=（1-财政拨款预算偏离度）×100%×8" in out


def test_explain_unknown_indicator_exits_2():
    proc = run_cli("explain", str(SUINING_CASE), "不存在的指标")
    assert proc.returncode == 2 and "没有指标“不存在的指标”" in proc.stderr


def test_formulas_validate_warns_about_the_source_and_exits_0(tmp_path):
    """A draft's source defects are warned of one by one; a released version's, known when it was
    released, in one line pointing to `formulas show`, which lists them (review BY D3: twelve lines
    of the shipped files buried an author's own)."""
    proc = run_cli("formulas", "validate")
    assert proc.returncode == 0, proc.stderr
    assert "  来源文件自身的错误 6 处（发布时已知；scoring formulas show sichuan.dept-overall@2024.2 列出）" in proc.stdout
    assert "履职效能（19分）" not in proc.stdout
    shown = run_cli("formulas", "show", "sichuan.dept-overall@2024.2").stdout
    assert "履职效能（19分）" in shown and "合计 10 分" in shown and "目标实现（11分）" in shown and "合计 17 分" in shown
    rules = copy_formulas(tmp_path / "formulas", "sichuan/dept-overall-2024*.toml")
    (rules / "versions.lock").write_text("", encoding="utf-8")  # nothing released: every defect said
    drafts = run_cli("formulas", "validate", "--rules-dir", str(rules))
    assert "警告（来源文件）" in drafts.stdout and "履职效能（19分）" in drafts.stdout and "合计 17 分" in drafts.stdout


def test_formulas_list_and_show():
    listed = run_cli("formulas", "list")
    assert listed.returncode == 0 and "sichuan.dept-overall@2024.1" in listed.stdout
    shown = run_cli("formulas", "show", "sichuan.dept-overall@2024.1")
    assert shown.returncode == 0 and "人均资产变化率" in shown.stdout and "N＜Y≤0.8N" in shown.stdout
    # the yearly N with its period and source, never Python's None (review CG A3)
    assert "2024-01-01～2024-12-31：-4.63%；来源：附表1" in shown.stdout and "None" not in shown.stdout
    # a form scored by its rows shows them: methods, what chooses them, the tiers (review CG C8)
    rows = run_cli("formulas", "show", "national.project").stdout.split("逐行指标（合计 90 分")[1]
    assert "【正向指标（完成值越高越好）】positive（>=、>、none、正向、正向指标）" in rows and "得分 ＝ weight if met else actual / target * weight" in rows
    assert "达成年度指标 80%～100%；部分达成并具有一定效果 60%～80%；未达成且效果较差 0%～60%" in rows


@pytest.mark.parametrize("fmt", ["table", "markdown", "csv"])
def test_score_and_diff_formats(fmt):
    for command in ("score", "diff"):
        proc = run_cli(command, str(SUINING_CASE), "--format", fmt)
        assert proc.returncode == 0, proc.stderr
        assert "预算编制质量" in proc.stdout
    if fmt == "csv":
        # for spreadsheets: a BOM, then the status words of the table (programs read the JSON)
        assert proc.stdout.startswith("\ufeff")
        table = list(csv.DictReader(io.StringIO(proc.stdout.removeprefix("\ufeff"))))
        assert any(r["指标"] == "预算编制质量" and r["状态"] == "低报" for r in table)


def test_unknown_format_exits_2():
    proc = run_cli("diff", str(SUINING_CASE), "--format", "xml")
    assert proc.returncode == 2 and "未知的输出格式" in proc.stderr


def _write_case(tmp_path, claims: dict, total: str, extra: str = "") -> str:
    text = SUINING_CASE.read_text(encoding="utf-8")
    head, _, _ = text.partition("[sheets.claims]")
    head = head.replace('claimed_total = { score = "98.6"', f'claimed_total = {{ score = "{total}"')
    body = "[sheets.claims]\n" + "".join(f'{k} = "{v}"\n' for k, v in claims.items()) + extra
    path = tmp_path / "case.toml"
    path.write_text(head + body, encoding="utf-8")
    return str(path)


def test_over_claim_exits_1(tmp_path):
    case = _write_case(tmp_path, {"year_end_balance": "8", "budget_quality": "8.5"}, "16.5")
    proc = run_cli("diff", case, "--format", "json")
    assert proc.returncode == 1, proc.stdout
    report = json.loads(proc.stdout)
    assert rows(report)["预算编制质量"]["status"] == "invalid"
    # said in the tables' words, not an interval's notation (review BW D4)
    assert any(f["message"] == "预算编制质量：自评 8.5 分超出该项分值范围 0～8 分" for f in report["findings"]), report["findings"]


def test_claim_above_computed_exits_1(tmp_path):
    case = _write_case(tmp_path, {"per_capita_assets": "3", "duty_performance": "10"}, "13")
    # make the unit miss one of its five targets: 8.00 computed against a claim of 10
    text = open(case, encoding="utf-8").read().replace("[sheets.inputs.duty_targets_met]\nvalue = 5", "[sheets.inputs.duty_targets_met]\nvalue = 4")
    open(case, "w", encoding="utf-8").write(text)
    proc = run_cli("diff", case, "--format", "json")
    assert proc.returncode == 1
    report = json.loads(proc.stdout)
    row = rows(report)["履职效能"]
    assert (row["computed"], row["status"], row["delta"]) == ("8.00", "over", "2.00")
    assert any(f["code"] == "claim_over" and f["severity"] == "error" for f in report["findings"])


def test_a_fund_spent_with_no_budget_leaves_the_spending_progress_unverifiable(tmp_path):
    """支出执行进度 gives a fund's part full marks where the department has none of it; a budget of 0
    with 200万元 spent is no such department, and the formula cannot divide (review DR A1: 2024.3
    gave 9.00, 一致)."""
    text = SUINING_CASE.read_text(encoding="utf-8")
    for name, value in (("transfer_budget", "0"), ("transfer_spent", "200"), ("bond_budget", "0"), ("bond_spent", "0")):
        text = re.sub(rf"(\[sheets\.inputs\.{name}\]\n)undisclosed = true\n", rf'\g<1>value = "{value}"\n', text, count=1)
    assert text.count("undisclosed = true") == SUINING_CASE.read_text(encoding="utf-8").count("undisclosed = true") - 4
    case = tmp_path / "no-budget.toml"
    case.write_text(text, encoding="utf-8")
    report = json.loads(run_cli("diff", str(case), "--format", "json").stdout)
    assert rows(report)["支出执行进度"]["status"] == "unverifiable" and rows(report)["支出执行进度"]["computed"] is None
    said = [f for f in report["findings"] if f["code"] == "inconsistent_inputs" and "预算数为0，却有实际支出数" in f["message"]]
    assert [f["severity"] for f in said] == ["warning"] and "实际支出数＝200万元" in said[0]["message"], report["findings"]
    # nothing of it spent: the department has no such money, full marks for that part as before
    (tmp_path / "none.toml").write_text(text.replace('value = "200"', 'value = "0"', 1), encoding="utf-8")
    report = json.loads(run_cli("diff", str(tmp_path / "none.toml"), "--format", "json").stdout)
    assert rows(report)["支出执行进度"]["computed"] == "9.00" and not [f for f in report["findings"] if "却有实际支出数" in f["message"]]


def test_claims_not_adding_up_exit_1(tmp_path):
    case = _write_case(tmp_path, {"per_capita_assets": "3", "year_end_balance": "8"}, "12")
    proc = run_cli("diff", case, "--format", "json")
    assert proc.returncode == 1
    assert any(f["code"] == "sum_mismatch" for f in json.loads(proc.stdout)["findings"])


def test_the_rule_sets_tolerance_decides_a_match(tmp_path):
    # 32.18 ÷ 34.38 × 3 = 2.808… → 2.81: a claim within 0.05 of it matches, however it is written
    extra = ""
    case = _write_case(tmp_path, {"procurement_execution": "2.8"}, "2.8", extra)
    text = open(case, encoding="utf-8").read()
    text = text.replace('[sheets.inputs.procurement_paid]\nvalue = "0.74"', '[sheets.inputs.procurement_paid]\nvalue = "32.18"')
    text = text.replace('[sheets.inputs.procurement_budget]\nvalue = "0.74"', '[sheets.inputs.procurement_budget]\nvalue = "34.38"')
    open(case, "w", encoding="utf-8").write(text)
    one = json.loads(run_cli("diff", case, "--format", "json").stdout)
    assert rows(one)["采购执行率"]["status"] == "match" and rows(one)["采购执行率"]["computed"] == "2.81"
    open(case, "w", encoding="utf-8").write(text.replace('procurement_execution = "2.8"', 'procurement_execution = "2.80"').replace('score = "2.8"', 'score = "2.80"'))
    two = json.loads(run_cli("diff", case, "--format", "json").stdout)
    assert rows(two)["采购执行率"]["status"] == "match" and rows(two)["采购执行率"]["delta"] == "-0.01"
    for claim, status, delta in (("3", "over", "0.19"), ("2.75", "under", "-0.06"), ("2.86", "match", "0.05")):
        open(case, "w", encoding="utf-8").write(text.replace('procurement_execution = "2.8"', f'procurement_execution = "{claim}"'))
        got = rows(json.loads(run_cli("diff", case, "--format", "json").stdout))["采购执行率"]
        assert (got["status"], got["delta"], got["tolerance"]) == (status, delta, "0.05"), claim


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda t: t.replace("[sheets.inputs.budget_executed]", "[sheets.inputs.budget_executd]"), "没有名为 budget_executd 的输入"),
        (lambda t: t.replace('sheet_type = "部门整体支出绩效自评表"', 'rules = "nowhere.rules"', 1), "没有规则集 nowhere.rules"),
        (lambda t: t.replace('sheet_type = "部门整体支出绩效自评表"', 'sheet_type = "不存在的表"', 1), "没有表类型为“不存在的表”的规则集"),
        # a form of another name: how to name the rules that are to score it (review CO B1)
        (lambda t: t.replace('sheet_type = "部门整体支出绩效自评表"', 'sheet_type = "转移支付区域绩效目标自评表"', 1),
         "请在表中写明所用规则（案例文件的 rules，案例表的“规则”列），如 national.dept-overall（部门整体支出绩效自评表）、"
         "national.project（项目支出绩效自评表）"),
        # the rule sets of its region in force, with the years they cover, not every version of every province's (review DS B5)
        (lambda t: t.replace('year = 2024', 'year = 2018', 1), "没有适用于 四川省/遂宁市/安居区 2018 年“部门整体支出绩效自评表”的规则集；适用于该地区的"
         "该表类型规则集有：national.dept-overall@2020.46（全国，2019～ 年度）、sichuan.dept-overall@2024.6（四川省，2024-01-01～2024-12-31）\n"),
        (lambda t: t.replace('value = "253.87"', 'value = "253,87元"', 1), "不是数字"),
        (lambda t: t + "\n[[sheets]\n", "TOML 格式错误"),
        (lambda t: t.replace("[case]", "[case]\nunknown_key = 1"), "case.unknown_key"),
    ],
)
def test_unusable_case_exits_2_with_file_and_place(tmp_path, mutate, message):
    path = tmp_path / "bad.toml"
    path.write_text(mutate(SUINING_CASE.read_text(encoding="utf-8")), encoding="utf-8")
    proc = run_cli("diff", str(path))
    assert proc.returncode == 2, proc.stdout
    assert message in proc.stderr and "bad.toml" in proc.stderr


def test_missing_figure_is_an_error_finding_and_the_rest_is_scored(tmp_path):
    text = re.sub(r"\[sheets\.inputs\.budget_adjusted\]\n(.+\n)+", "", SUINING_CASE.read_text(encoding="utf-8"))
    path = tmp_path / "missing.toml"
    path.write_text(text, encoding="utf-8")
    proc = run_cli("diff", str(path), "--format", "json")
    assert proc.returncode == 1
    report = json.loads(proc.stdout)
    assert any(f["code"] == "missing_input" and "财政拨款调整预算数" in f["message"] for f in report["findings"])
    assert rows(report)["预算编制质量"]["status"] == "unverifiable"
    assert rows(report)["预算年终结余"]["status"] == "match"


@pytest.mark.parametrize("written", ["2000000000000000", "2000000000000000元", "≥2000000000000000"])
def test_a_figure_no_one_could_spend_is_an_invalid_input_however_written(tmp_path, written):
    """10^15 or more is a slip, bare or with its unit: an invalid input, exit 1, the rest scored (review
    DT A4: with its unit it refused the sheet as no number, exit 2)."""
    text = SUINING_CASE.read_text(encoding="utf-8")
    assert text.count('value = "253.87"') >= 1
    path = tmp_path / "huge.toml"
    path.write_text(text.replace('value = "253.87"', f'value = "{written}"', 1), encoding="utf-8")
    proc = run_cli("diff", str(path), "--format", "json")
    report = json.loads(proc.stdout) if proc.stdout else {}
    if written.startswith("≥"):  # a comparator is no figure of an input: refused as before
        assert proc.returncode == 2 and "不是数字" in proc.stderr, proc.stderr
        return
    assert proc.returncode == 1, proc.stderr
    assert [f["where"].rsplit(".", 1)[-1] for f in report["findings"] if f["code"] == "invalid_input"] == ["budget_executed"]
    assert rows(report)["预算年终结余"]["status"] == "match"


def test_rules_dir_option_uses_another_folder(tmp_path):
    proc = run_cli("formulas", "validate", "--rules-dir", str(tmp_path))
    assert proc.returncode == 0 and proc.stdout == ""
    proc = run_cli("diff", str(SUINING_CASE), "--rules-dir", str(tmp_path))
    assert proc.returncode == 2 and "没有表类型为“部门整体支出绩效自评表”的规则集" in proc.stderr


def test_console_script_help_is_chinese():
    proc = run_cli("--help")
    assert proc.returncode == 0 and "自评得分" in proc.stdout


def test_an_output_name_no_format_writes_is_refused(tmp_path):
    """"--out 复核.pdf" wrote a text table into a file named .pdf; a name no format writes needs --format."""
    done = run_cli("diff", str(SUINING_CASE), "--out", str(tmp_path / "复核.pdf"))
    assert done.returncode == 2 and "无法从输出文件" in done.stderr and not (tmp_path / "复核.pdf").exists()
    assert run_cli("diff", str(SUINING_CASE), "--out", str(tmp_path / "复核.txt")).returncode in (0, 1)


def test_explain_of_a_name_nearly_right_suggests_the_name_meant():
    done = run_cli("explain", str(CASES / "hunan-miluo-shgzb-2024.toml"), "预算执行")
    assert done.returncode == 2 and "是否想用 预算执行率？" in done.stderr


def test_text_places_count_a_sheets_rows_from_one_whichever_way_the_finding_names_them():
    """rows[7](name) and row8 are the same 8th row: the text output says 第 8 行 for both (JSON
    keeps the internal places)."""
    path = CASES / "anhui-suzhou-xiaoxian-zhangzhuangzhai-2023.toml"
    text = run_cli("diff", str(path)).stdout
    assert "#project 第 8 行“★补助家畜家禽养殖数量”" in text and ".rows[" not in text and ".row" not in text
    report = json.loads(run_cli("diff", str(path), "--format", "json").stdout)
    assert any(f["where"].endswith("#project.rows[7](★补助家畜家禽养殖数量)") for f in report["findings"])



def test_an_output_that_cannot_write_chinese_gets_utf8_and_one_that_can_keeps_its_own():
    """An English Windows writes cp1252 to a redirected file, a C locale ASCII: the report is
    written in UTF-8 instead of stopping at its first character (review AH); GBK is kept."""
    ascii_run = run_cli("diff", str(SUINING_CASE), env={"PYTHONIOENCODING": "ascii"})
    assert ascii_run.returncode == 0 and "预算编制质量" in ascii_run.stdout, ascii_run.stderr
    missing = run_cli("diff", "不存在的表.toml", env={"PYTHONIOENCODING": "ascii"})  # stderr keeps its handler
    assert missing.returncode == 2 and "不存在的表.toml" in missing.stderr, missing.stderr
    chosen = run_cli("diff", str(SUINING_CASE), env={"PYTHONIOENCODING": "ascii:backslashreplace"})  # the user's choice stands
    assert chosen.returncode == 0 and "\\u9884" in chosen.stdout
    gbk = subprocess.run([sys.executable, "-m", "scoring", "diff", str(SUINING_CASE)], capture_output=True,
                         env={**os.environ, "PYTHONIOENCODING": "gbk"}, timeout=120)
    assert "预算编制质量" in gbk.stdout.decode("gbk")


@pytest.mark.parametrize("encoding", ["gbk", "cp936", "gb2312"])
def test_a_gbk_output_writes_what_gbk_lacks_as_gb18030(tmp_path, encoding):
    """Real sheets print m², ☑ and • (review AI), which GBK lacks: a Chinese Windows' redirected
    output stopped there.  It is written as GB18030, whose bytes for everything GBK has are GBK's."""
    case = tmp_path / "case.toml"
    text = SUINING_CASE.read_text(encoding="utf-8")
    unit = "中共遂宁市安居区委目标绩效管理办公室"
    assert unit in text
    case.write_text(text.replace(unit, unit + "•☑m²"), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "scoring", "diff", str(case)], capture_output=True,
                          env={**os.environ, "PYTHONIOENCODING": encoding}, timeout=120, cwd=tmp_path)
    assert done.returncode == 0, done.stderr.decode("gb18030", "replace")
    assert unit + "•☑m²" in done.stdout.decode("gb18030")
    rest = done.stdout.replace("•☑m²".encode("gb18030"), b"")
    assert "预算编制质量" in rest.decode("gbk")  # everything else is GBK's own bytes


def test_a_defect_of_the_tool_exits_3_not_an_over_claims_1():
    """An unexpected exception is no verdict: exit 3 with its traceback and a sentence saying so, never 1
    (a script reading exit codes took a crash for an over-claim: review EG)."""
    import subprocess
    import sys

    code = "import sys, scoring.cli as cli, scoring.cli.direct as direct; direct.run = lambda argv: 1 / 0; sys.argv = ['scoring', 'diff', 'x']; cli.main()"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 3, done.stderr
    assert "ZeroDivisionError" in done.stderr and "程序内部错误" in done.stderr
