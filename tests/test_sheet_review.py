"""Whole sheets as a finance bureau receives them: how the sheet's own sums, marks, titles and
region names are read (outside review rounds S and T of session 25).  Each sheet goes through the
real CLI with the shipped rule files."""

from __future__ import annotations

import json
import re
from decimal import Decimal

from conftest import CASES, run_cli

# A national project sheet whose every line matches: 114.37 of 120 spent (9.53) and 90 points of rows.
ROWS = """
[[sheets.rows]]
group = ["产出指标", "数量指标"]
name = "新建村级文化活动室"
target = "≥12个"
actual = "12个"
weight = 40
claimed = {c1}

[[sheets.rows]]
group = ["效益指标", "社会效益指标"]
name = "受益群众人数"
target = "≥5000人"
actual = "5200人"
weight = 40
claimed = 40

[[sheets.rows]]
group = ["满意度指标", "服务对象满意度指标"]
name = "群众满意度"
target = "≥90%"
actual = "95%"
weight = 10
claimed = 10
"""


def _project(tmp_path, total: str = "99.53", rows: str = ROWS, c1: str = "40", region: str = '["吉林省", "延边朝鲜族自治州", "敦化市"]',
             sheet_type: str = "项目支出绩效自评表", execution: str = '"9.53"', extra: str = "",
             inputs: str = 'budget = "120"\nexecuted = "114.37"\n') -> dict:
    case = tmp_path / "case.toml"
    case.write_text(f"""format = 1
[case]
id = "t"
unit = "测试单位"
region = {region}
year = 2024
source = "test sheet"

[[sheets]]
id = "A"
title = "测试项目"
sheet_type = "{sheet_type}"
claimed_total = {total}
{extra}
[sheets.inputs]
{inputs}
[sheets.claims]
execution = {execution}
""" + rows.format(c1=c1), encoding="utf-8")
    done = run_cli("diff", str(case), "--format", "json")
    assert "Traceback" not in done.stderr, done.stderr
    report = json.loads(done.stdout) if done.stdout.strip() else {}
    return {"exit": done.returncode, "stderr": done.stderr, "report": report,
            "codes": [f["code"] for f in report.get("findings", [])], "sheet": (report.get("sheets") or [{}])[0]}


def _ref(sheet: dict) -> str:
    return f"{sheet['rules']['id']}@{sheet['rules']['version']}"


def test_a_total_written_to_one_decimal_is_the_sum_of_its_lines(tmp_path):
    """99.5 for lines adding to 99.53 is the customary one decimal, not a slip in the sum."""
    for total in ('"99.5"', '"99.53"'):
        got = _project(tmp_path, total=total)
        assert got["exit"] == 0 and "sum_mismatch" not in got["codes"], (total, got["codes"])
    slipped = _project(tmp_path, total='"98.53"')  # a point off: an error of the sum, and under
    assert "sum_mismatch" in slipped["codes"]


def test_a_sheet_without_rows_under_row_rules_is_a_partial_one(tmp_path):
    """The rows' 90 points were never entered (a case table holds no rows): no verdict on the
    whole sheet, and never "over by 90"."""
    got = _project(tmp_path, rows="")
    total = got["sheet"]["total"]
    assert got["exit"] == 0 and total["status"] == "incomplete", total
    assert "rows_missing" in got["codes"] and "total_over" not in got["codes"] and "grade_changed" not in got["codes"]


def test_a_claimed_grade_the_claimed_total_does_not_reach_is_too_high(tmp_path):
    """A total within the tolerance may carry a grade across its edge only as far as the claimed
    total itself goes: 89.99 claimed and computed is 良, and 优 claimed beside it is too high."""
    low = ROWS.replace('actual = "5200人"\nweight = 40\nclaimed = 40', 'actual = "3807.5人"\nweight = 40\nclaimed = 30.46')
    got = _project(tmp_path, total='"89.99"', rows=low, extra='claimed_grade = "优"')  # 9.53 + 40 + 30.46 + 10
    assert got["sheet"]["total"]["computed"] == "89.99", got["sheet"]["total"]
    assert "grade_changed" in got["codes"] and got["exit"] == 1


def test_not_given_marks_in_score_and_weight_cells_are_blank(tmp_path):
    """"/" printed in a claim, a weight or the claimed total is a cell left blank, not a file to refuse."""
    placeholder = '\n[[sheets.rows]]\ngroup = ["效益指标", "经济效益指标"]\nname = "/"\ntarget = "/"\nactual = "/"\nweight = "/"\nclaimed = "—"\n'
    got = _project(tmp_path, execution='"/"', rows=ROWS + placeholder)
    assert got["exit"] in (0, 1) and got["sheet"], got["stderr"]
    execution = next(line for line in got["sheet"]["indicators"] if line["id"] == "execution")
    assert execution["status"] == "unclaimed"
    assert "placeholder_row" in got["codes"]
    blank_total = _project(tmp_path, total='"/"')
    assert blank_total["sheet"]["total"]["status"] == "unclaimed"


def test_a_short_province_name_selects_the_provinces_rules(tmp_path):
    """"四川" is 四川省 and "新疆" 新疆维吾尔自治区: the province's rules, not the national ones."""
    for region, rules in (('["四川", "遂宁市", "安居区"]', "sichuan.project@2024.46"), ('["新疆", "伊犁州", "伊宁县"]', "xinjiang.project@2024.46"),
                          ('["四川省", "遂宁", "安居区"]', "sichuan.project@2024.46"), ('["吉林省"]', "national.project@2020.46")):
        got = _project(tmp_path, region=region)
        assert _ref(got["sheet"]) == rules, (region, got["sheet"].get("rules"))


def test_other_titles_of_a_form_select_its_rules(tmp_path):
    """A Xinjiang sheet titled 部门整体 is the 单位整体 form its rules score; a project sheet titled
    绩效目标自评表 is the project form."""
    xinjiang = (CASES / "xinjiang-changji-shgzb-2024.toml").read_text(encoding="utf-8")
    assert 'sheet_type = "单位整体支出绩效自评表"' in xinjiang
    case = tmp_path / "x.toml"
    case.write_text(xinjiang.replace('sheet_type = "单位整体支出绩效自评表"', 'sheet_type = "部门整体支出绩效自评表"'), encoding="utf-8")
    renamed = json.loads(run_cli("diff", str(case), "--format", "json").stdout)
    shipped = json.loads(run_cli("diff", str(CASES / "xinjiang-changji-shgzb-2024.toml"), "--format", "json").stdout)
    assert _ref(renamed["sheets"][0]) == "xinjiang.unit-overall@2024.46"
    assert renamed["sheets"][0]["total"] == shipped["sheets"][0]["total"]
    got = _project(tmp_path, sheet_type="项目绩效目标自评表")
    assert got["exit"] == 0 and _ref(got["sheet"]) == "national.project@2020.46"


def test_sichuan_department_figures_written_with_a_mark_or_in_yuan(tmp_path):
    """The Sichuan department rules read "未公开" and "/" as undisclosed and 元 as 万元/10000."""
    text = (CASES / "sichuan-suining-anju-jxb-2024.toml").read_text(encoding="utf-8")
    plain = json.loads(run_cli("diff", str(CASES / "sichuan-suining-anju-jxb-2024.toml"), "--format", "json").stdout)
    budget = re.search(r'\[sheets.inputs.budget_adjusted\]\nvalue = "253.87"', text)
    assert budget, "the shipped case writes budget_adjusted as a plain figure"
    yuan = text.replace(budget.group(0), '[sheets.inputs.budget_adjusted]\nvalue = "2538700元"', 1)
    case = tmp_path / "y.toml"
    case.write_text(yuan, encoding="utf-8")
    done = run_cli("diff", str(case), "--format", "json")
    assert json.loads(done.stdout)["sheets"][0]["total"] == plain["sheets"][0]["total"], done.stderr
    marked = text.replace(budget.group(0), '[sheets.inputs.budget_adjusted]\nvalue = "未公开"', 1)
    case.write_text(marked, encoding="utf-8")
    done = run_cli("diff", str(case), "--format", "json")
    assert done.returncode in (0, 1), done.stderr
    quality = next(line for line in json.loads(done.stdout)["sheets"][0]["indicators"] if line["id"] == "budget_quality")
    assert quality["status"] in ("unverifiable", "unclaimed") and "未披露" in quality["reason"]


def test_a_division_by_zero_names_the_figure_that_is_zero(tmp_path):
    """Finance staff read the form's words: the input whose zero leaves a rule undefined, by its label."""
    assert _project(tmp_path)["exit"] == 0
    case = tmp_path / "case.toml"
    case.write_text(case.read_text(encoding="utf-8").replace('budget = "120"', 'budget = "0"'), encoding="utf-8")
    report = json.loads(run_cli("diff", str(case), "--format", "json").stdout)
    messages = [f["message"] for f in report["findings"] if f["code"] == "rule_error"]
    assert messages and all("“全年预算数”为 0，计分公式要除以它，不能除以零" in m and "budget" not in m for m in messages), messages
    # nothing spent either: the figure divided by is named, not the one divided (review BM D)
    case.write_text(case.read_text(encoding="utf-8").replace('executed = "114.37"', 'executed = "0"'), encoding="utf-8")
    report = json.loads(run_cli("diff", str(case), "--format", "json").stdout)
    messages = [f["message"] for f in report["findings"] if f["code"] == "rule_error"]
    assert messages and all("：“全年预算数”为 0，计分公式要除以它" in m and "全年执行数" not in m for m in messages), messages


def test_the_reason_for_points_lost_names_the_declared_rate(tmp_path):
    """预算执行率 loses 0.47: its reason says the rate it was computed from, and the figures that
    made it (review BW C1: the officer finds the cell to correct)."""
    _project(tmp_path)
    done = run_cli("score", str(tmp_path / "case.toml"))
    line = next(text for text in done.stdout.splitlines() if text.startswith("预算执行率"))
    assert "失 0.47 分；预算执行率＝95.31%（全年执行数＝114.37万元，全年预算数＝120万元）；得 9.53/10 分" in line


def test_a_deduction_claimed_short_of_its_findings_is_an_over_claim(tmp_path):
    """扣分项 are claims like any line: 2 findings (2 points) claimed as 0 is too high, and a count
    not disclosed beside a deduction the sheet owns to is at least that deduction."""
    text = (CASES / "sichuan-suining-anju-jxb-2024.toml").read_text(encoding="utf-8")
    plain = json.loads(run_cli("diff", str(CASES / "sichuan-suining-anju-jxb-2024.toml"), "--format", "json").stdout)
    computed = plain["sheets"][0]["total"]["computed"]
    funds = 'funds_use = { undisclosed = true, note = "附表1 扣分项留空" }'
    assert funds in text
    case = tmp_path / "d.toml"
    short = text.replace(funds, "funds_use = 2", 1).replace("[sheets.claims]\n", "[sheets.claims]\nfunds_use = 0\nfinance_rules = -1\n", 1)
    case.write_text(short, encoding="utf-8")
    report = json.loads(run_cli("diff", str(case), "--format", "json").stdout)
    codes = [f["code"] for f in report["findings"]]
    assert "deduction_short" in codes and "deduction_as_claimed" in codes
    total = report["sheets"][0]["total"]
    assert total["deductions"] == "3" and Decimal(total["computed"]) == Decimal(computed) - 3


def test_deductions_taking_the_claims_below_zero_add_up_to_a_total_of_zero(tmp_path):
    """"扣完为止": 120 findings claimed as −120 against lines of about 98 make a total of 0, which the
    sheet writes; its parts add up to it under the rule (review DR A2: a sum_mismatch error, exit 1)."""
    text = (CASES / "sichuan-suining-anju-jxb-2024.toml").read_text(encoding="utf-8")
    rules = 'finance_rules = { undisclosed = true, note = "附表1 扣分项留空，文件未报告相关问题" }'
    total = 'claimed_total = { score = "98.6",'
    assert rules in text and total in text
    for written, status in (("0", "match"), ("3", "over"), ("-21.4", "invalid")):
        floored = (text.replace(rules, "finance_rules = 120", 1).replace(total, f'claimed_total = {{ score = "{written}",', 1)
                   .replace("[sheets.claims]\n", "[sheets.claims]\nfinance_rules = -120\n", 1))
        case = tmp_path / f"floor-{written}.toml"
        case.write_text(floored, encoding="utf-8")
        done = run_cli("diff", str(case), "--format", "json")
        report = json.loads(done.stdout)
        sheet_total = report["sheets"][0]["total"]
        assert (sheet_total["computed"], sheet_total["status"]) == ("0.00", status), report["findings"]
        # a total written as the claims add up below zero: only the total's own finding (review DT B2); so
        # too where the 扣分 cells are blank and the total takes what the findings owe (review DV B3)
        assert [f["message"] for f in report["findings"] if f["code"] == "claim_invalid"] == (
            [f"总分：自评 {written} 分低于 0 分"] if written.startswith("-") else []), report["findings"]
        mismatched = [f["message"] for f in report["findings"] if f["code"] == "sum_mismatch" and f["where"].endswith("#dept-overall.total")]
        assert len(mismatched) == (written not in ("0", "-21.4")) and all(m.endswith("分（扣分扣完为止，按 0 分计），与填报的总分 3 分不符（相差 3 分）") for m in mismatched), mismatched
    blank = text.replace(rules, "finance_rules = 120", 1).replace(total, 'claimed_total = { score = "-21.4",', 1)
    (tmp_path / "blank.toml").write_text(blank, encoding="utf-8")
    report = json.loads(run_cli("diff", str(tmp_path / "blank.toml"), "--format", "json").stdout)
    assert [f["code"] for f in report["findings"] if f["where"].endswith("#dept-overall.total")] == ["claim_invalid"], report["findings"]


def test_a_total_taking_the_deductions_owed_with_their_cells_blank_is_a_warning(tmp_path):
    """2 findings owe 2 points; the 扣分 cell left blank, the total written as the lines less 2: the total
    is right, the blank cell is what to mend — a warning saying so, not an error (review DR B1)."""
    text = (CASES / "sichuan-suining-anju-jxb-2024.toml").read_text(encoding="utf-8")
    rules = 'finance_rules = { undisclosed = true, note = "附表1 扣分项留空，文件未报告相关问题" }'
    total = 'claimed_total = { score = "98.6",'
    for written, severity in (("96.6", "warning"), ("96.62", "warning"), ("97.6", "error")):  # within the tolerance too (review DV B2)
        case = tmp_path / f"blank-{written}.toml"
        case.write_text(text.replace(rules, "finance_rules = 2", 1).replace(total, f'claimed_total = {{ score = "{written}",', 1), encoding="utf-8")
        report = json.loads(run_cli("diff", str(case), "--format", "json").stdout)
        said = [f for f in report["findings"] if f["code"] == "sum_mismatch"]
        assert [f["severity"] for f in said] == [severity], said
        assert ("按发现问题数应扣的分计入后合计 96.6 分，与总分相符" in said[0]["message"]) is (severity == "warning"), said
    # a partial sheet likewise: the lines not entered may hold more, never less (review DT A3)
    partial = text.replace(rules, "finance_rules = 2", 1).replace(total, 'claimed_total = { score = "96.6",', 1)
    partial = partial.replace('id = "dept-overall"\n', 'id = "dept-overall"\ncomplete = false\n', 1)
    case = tmp_path / "partial.toml"
    case.write_text(partial, encoding="utf-8")
    report = json.loads(run_cli("diff", str(case), "--format", "json").stdout)
    said = [f for f in report["findings"] if f["code"] == "sum_mismatch"]
    assert [f["severity"] for f in said] == ["warning"] and "请补填扣分" in said[0]["message"], said


def test_a_sheet_of_a_year_its_provinces_rules_do_not_cover_is_refused_in_one_sentence(tmp_path):
    """The Suining sheet dated 2025: Sichuan's rules cover 2024, the national ones know none of its
    figures; one sentence names the rule set the figures belong to and the years it covers."""
    text = (CASES / "sichuan-suining-anju-jxb-2024.toml").read_text(encoding="utf-8")
    case = tmp_path / "y.toml"
    case.write_text(re.sub(r"(?m)^year = 2024$", "year = 2025", text, count=1), encoding="utf-8")
    done = run_cli("diff", str(case))
    assert done.returncode == 2
    assert "是规则集 sichuan.dept-overall@2024.6（四川省，有效期 2024-01-01～2024-12-31）所用的" in done.stderr
    assert "没有名为" not in done.stderr and len(done.stderr.splitlines()) <= 3, done.stderr


def test_a_table_row_of_a_year_its_provinces_rules_do_not_cover_is_refused_in_the_same_sentence(tmp_path):
    """The same in a case table whose columns name the figures by their printed labels, which only
    Sichuan's rules read (review ES B1: the row was refused as "not the national rules' inputs")."""
    labels = ["财政拨款预算执行数（万元）", "财政拨款调整预算数（万元）", "部门预算总金额（万元）", "当年年终部门预算注销金额和结转金额（万元）"]
    table = tmp_path / "汇总.csv"
    table.write_text("case_id,unit,region,year,sheet_type," + ",".join(labels) + "\n"
                     "s1,某县财政局,四川省/南充市/南部县,2019,部门整体支出绩效自评表,95,100,120,5\n", encoding="utf-8")
    done = run_cli("batch", str(table), "--format", "json")
    assert done.returncode == 2
    [failure] = json.loads(done.stdout)["failures"]
    assert "是规则集 sichuan.dept-overall@2024.6（四川省，有效期 2024-01-01～2024-12-31）所用的" in failure["reason"]
    assert "2019 年度" in failure["reason"] and "案例表中“规则”列" in failure["reason"], failure
    # labels its own rules print, as other rule sets print them alike, are no other rule set's figures,
    # on whichever path the row is read ("2024年" takes it through the case model: review EU A1)
    table.write_text("case_id,unit,region,year,sheet_type,全年预算数（万元）,全年执行数（万元）,自评得分：预算执行率\n"
                     "h1,中共汨罗市委社会工作部,湖南省/岳阳市/汨罗市,2024年,部门整体支出绩效自评表,123.47,111.27,9.01\n", encoding="utf-8")
    done = run_cli("batch", str(table), "--format", "json")
    summary = json.loads(done.stdout)
    assert not summary["failures"] and summary["sheets"][0]["rules"].startswith("hunan.dept-overall@"), done.stdout


def test_a_subtotal_copied_under_a_header_the_form_prints_wrong_is_no_error(tmp_path):
    """The Sichuan form prints 项目绩效 35 over 44 points of lines (the rule file knows it): a unit
    that copies the header and writes its lines' honest sum is not over the header (review BM A1:
    an error, exit 1, on every honest workbook filling the template's subtotal block); another
    header weight is still checked."""
    path = CASES / "sichuan-suining-anju-jxb-2024.toml"
    base = json.loads(run_cli("diff", str(path), "--format", "json").stdout)["sheets"][0]
    claimed = sum(Decimal(i["claimed"]) for i in base["indicators"] if i["group"][0] == "项目绩效" and i["claimed"] is not None)
    base_count = next(s for s in json.loads(run_cli("batch", str(path), "--format", "json").stdout)["sheets"] if s["sheet_id"] == base["id"])["findings_count"]
    case = tmp_path / "sub.toml"
    for weight, wrong in (("35", False), ("30", True)):
        head, _, rest = path.read_text(encoding="utf-8").partition("\n[[sheets]]\n")  # the first sheet is the department's
        first, _, others = rest.partition("\n[[sheets]]\n")
        subtotal = f'\n[[sheets.subtotals]]\ngroup = ["项目绩效"]\nweight = "{weight}"\nclaimed = "{claimed}"\n'
        case.write_text(f"{head}\n[[sheets]]\n{first}{subtotal}\n[[sheets]]\n{others}", encoding="utf-8")
        done = run_cli("diff", str(case), "--format", "json")
        codes = [f["code"] for f in json.loads(done.stdout)["findings"]]
        assert ("subtotal_over_weight" in codes) is wrong and ("subtotal_weight_mismatch" in codes) is wrong, (weight, codes)
        assert done.returncode == (1 if wrong else 0), (weight, done.returncode, codes)
        lean = next(s for s in json.loads(run_cli("batch", str(case), "--format", "json").stdout)["sheets"] if s["sheet_id"] == base["id"])
        assert lean["findings_count"]["error"] == base_count["error"] + wrong, (weight, lean)
        assert lean["findings_count"]["warning"] == base_count["warning"] + wrong, (weight, lean)


def test_a_row_printed_twice_is_pointed_out(tmp_path):
    """A line copied by mistake is scored as printed, with a warning naming the first copy."""
    twice = ROWS + ROWS[ROWS.index("[[sheets.rows]]\ngroup = [\"满意度指标\""):]
    got = _project(tmp_path, rows=twice)
    assert "duplicate_row" in got["codes"]
    assert "duplicate_row" not in _project(tmp_path)["codes"]


def test_a_zero_budget_is_not_also_over_spending(tmp_path):
    """Money spent against a budget of 0 is the rule's division by zero, once, not 超预算支出 capped."""
    _project(tmp_path)
    case = tmp_path / "case.toml"
    case.write_text(case.read_text(encoding="utf-8").replace('budget = "120"', 'budget = "0"'), encoding="utf-8")
    report = json.loads(run_cli("diff", str(case), "--format", "json").stdout)
    messages = " ".join(f["message"] for f in report["findings"])
    assert "除以零" in messages and "超预算支出" not in messages


def test_a_rule_indicator_row_weighted_as_the_city_form_prints_it_is_folded_too(tmp_path):
    """预算执行率 printed as a 20-point row beside 80 points of rows, named with its unit."""
    rows = ROWS.replace("weight = 40\nclaimed = {c1}", "weight = 30\nclaimed = 30").replace("weight = 40\nclaimed = 40", "weight = 40\nclaimed = 40")
    rows += '\n[[sheets.rows]]\ngroup = ["预算执行率"]\nname = "预算执行率（%）"\ntarget = "100%"\nactual = "95.31%"\nweight = 20\nclaimed = "19.06"\n'
    got = _project(tmp_path, rows=rows, execution='"/"', total='"99.06"')
    assert "indicator_row" in got["codes"] and "weights_mismatch" not in got["codes"], got["codes"]
    assert got["sheet"]["total"]["computed"] == "99.06" and got["exit"] == 0


def test_a_row_printing_a_rule_indicator_beside_its_figures_is_one_line(tmp_path):
    """The Hebei form prints 预算执行率 as its last row; beside the budget block it is the same line,
    scored once from the figures, with the row's claim where the sheet gives no other."""
    execution_row = '\n[[sheets.rows]]\ngroup = ["预算执行率"]\nname = "预算执行率"\ntarget = "100%"\nactual = "95.31%"\nweight = 10\nclaimed = "9.53"\n'
    got = _project(tmp_path, rows=ROWS + execution_row, execution='"9.53"')
    assert got["exit"] == 0 and "indicator_row" in got["codes"] and "weights_mismatch" not in got["codes"], got["codes"]
    assert got["sheet"]["total"]["computed"] == "99.53"
    unclaimed = _project(tmp_path, rows=ROWS + execution_row, execution='"/"')  # the claim is the row's
    execution = next(line for line in unclaimed["sheet"]["indicators"] if line["id"] == "execution")
    assert (execution["claimed"], execution["status"]) == ("9.53", "match")
    # the budget block claims 9.5 and the row 9.53: the block's is checked, and the other is said (review BD)
    twice = _project(tmp_path, rows=ROWS + execution_row, execution='"9.5"', total='"99.5"')
    said = [f for f in twice["report"]["findings"] if f["code"] == "indicator_row" and f["severity"] == "warning"]
    assert said and "该行自评 9.53 分，与表中另填的“预算执行率”自评 9.5 分不同" in said[0]["message"], twice["codes"]


def test_the_one_row_under_a_heading_of_a_rule_indicators_name_is_that_indicator(tmp_path):
    """Hebei's form prints 预算执行率 as a heading of its own over one row: that row is the rule
    indicator whatever it is called, on a partial sheet, with weights printed rounded, or with no
    budget block transcribed — never a second 10 points (review BD: weights 110, or 99.5 claimed on a
    partial sheet called 0.5 over the most it could reach)."""
    def execution_row(name, group='["预算执行率", "预算执行率"]'):
        return f'\n[[sheets.rows]]\ngroup = {group}\nname = "{name}"\ntarget = "100%"\nactual = "95.31%"\nweight = 10\nclaimed = "9.53"\n'
    for name in ("1.预算执行率", "项目预算执行率", "资金执行率", "预算执行率得分"):
        got = _project(tmp_path, rows=execution_row(name) + ROWS, execution='"/"')
        assert got["exit"] == 0 and "indicator_row" in got["codes"] and "weights_mismatch" not in got["codes"], (name, got["codes"])
        assert got["sheet"]["total"]["computed"] == "99.53", name
    # a partial sheet: the row and the first of three rows; 99.53 claimed is reachable
    first_row = "\n[[sheets.rows]]" + ROWS.split("\n[[sheets.rows]]")[1]
    partial = _project(tmp_path, rows=execution_row("预算执行率") + first_row, execution='"/"', extra="complete = false\n")
    assert partial["exit"] == 0 and partial["sheet"]["total"]["status"] == "incomplete", partial["codes"]
    assert "indicator_row" in partial["codes"] and "total_over" not in partial["codes"], partial["codes"]
    # no budget block: one line of 10 points, not a second (scored from the rate it prints: below)
    bare = _project(tmp_path, rows=execution_row("预算执行率") + ROWS, execution='"/"', inputs="")
    assert "indicator_row" in bare["codes"] and "weights_mismatch" not in bare["codes"], bare["codes"]
    assert "missing_input" in bare["codes"]
    # under the heading, a row the weights show is the unit's own: its 10 inside the 90 points of
    # rows, with the rule's 10 besides (review BE)
    own = _project(tmp_path, rows=ROWS.replace("weight = 40\nclaimed = {c1}", "weight = 30\nclaimed = 30") + execution_row("资金拨付及时率"),
                   execution='"9.53"', total='"99.06"')
    assert own["exit"] == 0 and "indicator_row" not in own["codes"] and "weights_mismatch" not in own["codes"], own["codes"]
    # a row named so under another heading is the unit's own indicator: weighted inside the 90
    # points, it stays a row
    inside = _project(tmp_path, rows=ROWS.replace("weight = 40\nclaimed = {c1}", "weight = 30\nclaimed = 30")
                      + execution_row("预算执行率", group='["产出指标", "质量指标"]'), execution='"9.53"')
    assert "indicator_row" not in inside["codes"], inside["codes"]


def test_a_rule_indicator_row_without_its_amounts_is_scored_from_the_rate_it_prints(tmp_path, library):
    """预算执行率 printed as a row, "100% | 95.31%", with the budget block blank or "/": the rule
    scores 执行率 × 分值, and the rate is printed, so the line is 9.53 and a claim of 10 is 0.47 too
    high (reviews BD B1, BF A6: it was 无法核验, the over-claim missed) — said to rest on the printed
    rate.  Both paths give it (the lean path hands such sheets to the traced one)."""
    def execution_row(actual, claimed="9.53"):
        return (f'\n[[sheets.rows]]\ngroup = ["预算执行率", "预算执行率"]\nname = "预算执行率"\ntarget = "100%"\n'
                f'actual = "{actual}"\nweight = 10\nclaimed = "{claimed}"\n')
    for inputs in ("", 'budget = { written = "/" }\nexecuted = { written = "/" }\n', 'budget = "120"\n'):
        right = _project(tmp_path, rows=execution_row("95.31%") + ROWS, execution='"/"', inputs=inputs)
        execution = next(line for line in right["sheet"]["indicators"] if line["id"] == "execution")
        assert (execution["computed"], execution["status"]) == ("9.53", "match"), (inputs, execution)
        said = [f["message"] for f in right["report"]["findings"] if f["code"] == "printed_value"]
        assert len(said) == 1 and "按表中该行所填预算执行率“95.31%”计分（未能用金额核对）" in said[0], said
        over = _project(tmp_path, rows=execution_row("95.31%", "10") + ROWS, execution='"/"', inputs=inputs, total='"100"')
        assert over["exit"] == 1 and "claim_over" in over["codes"], (inputs, over["codes"])
        case = tmp_path / "case.toml"
        explained = run_cli("explain", str(case)).stdout
        assert "中间值：预算执行率（rate）＝ 95.31%；来源：表中该行所填“95.31%”（未能用金额核对）" in explained
        assert "得分表达式 rate * weight" in explained
        lean = run_cli("batch", str(case), "--format", "json")
        summary = json.loads(lean.stdout)["sheets"][0]
        assert (summary["computed_total"], summary["total_status"]) == (over["sheet"]["total"]["computed"], over["sheet"]["total"]["status"])
    # Xinjiang writes "=" before every figure
    xinjiang = _project(tmp_path, rows=execution_row("=95.31%") + ROWS, execution='"/"', inputs="")
    assert next(line for line in xinjiang["sheet"]["indicators"] if line["id"] == "execution")["computed"] == "9.53"
    # over-spent: capped at the weight, as from the amounts
    capped = _project(tmp_path, rows=execution_row("105%", "10") + ROWS, execution='"/"', inputs="", total='"100"')
    assert next(line for line in capped["sheet"]["indicators"] if line["id"] == "execution")["computed"] == "10.00"
    assert "capped" in capped["codes"]
    # with the amounts given they score it, not the printed rate
    given = _project(tmp_path, rows=execution_row("80%") + ROWS, execution='"/"')
    assert next(line for line in given["sheet"]["indicators"] if line["id"] == "execution")["computed"] == "9.53"
    assert "printed_value" not in given["codes"]
    # a rate that is not plainly the result stays unverifiable
    for actual in ("≥95%", "95%（资金未到位）", "约95%", "95万元", "95", "/", "80%（按年初预算）", "95%（财政拨款）"):
        got = _project(tmp_path, rows=execution_row(actual) + ROWS, execution='"/"', inputs="")
        execution = next(line for line in got["sheet"]["indicators"] if line["id"] == "execution")
        assert execution["computed"] is None and "printed_value" not in got["codes"], (actual, execution)


def test_a_rule_indicator_row_with_its_qizhong_row_is_still_one_line(tmp_path):
    """The Hebei 预算执行率 row with "其中：财政资金执行率" under it: the row is the indicator's line and
    its component goes with it (execution was counted twice: weights 110)."""
    execution_row = ('\n[[sheets.rows]]\ngroup = ["预算执行率"]\nname = "预算执行率"\ntarget = "100%"\nactual = "95.31%"\nweight = 10\nclaimed = "9.53"\n'
                     '\n[[sheets.rows]]\ngroup = ["预算执行率"]\nname = "其中：财政资金执行率"\ntarget = "100%"\nactual = "100%"\n')
    got = _project(tmp_path, rows=ROWS + execution_row, execution='"9.53"')
    assert got["exit"] == 0 and "indicator_row" in got["codes"] and "weights_mismatch" not in got["codes"], got["codes"]
    assert got["sheet"]["total"]["computed"] == "99.53"


def test_a_sheet_of_placeholder_rows_only_is_a_partial_one(tmp_path):
    """Rows printed with nothing but "/" (or names only) are no more transcribed than no rows."""
    slashes = "".join(f'\n[[sheets.rows]]\ngroup = ["产出指标", "数量指标"]\nname = "指标{i}"\ntarget = "/"\nactual = "/"\nweight = "/"\nclaimed = "/"\n'
                      for i in range(3))
    got = _project(tmp_path, rows=slashes)
    assert got["exit"] == 0 and got["sheet"]["total"]["status"] == "incomplete", got["codes"]
    assert "rows_missing" in got["codes"] and "weights_mismatch" not in got["codes"] and "sum_mismatch" not in got["codes"]
    printed = _project(tmp_path, rows="", extra="[sheets.weights]\nexecution = 20\n", execution='"19.06"')
    message = next(f["message"] for f in printed["report"]["findings"] if f["code"] == "rows_missing")
    assert "约 80 分" in message  # the share left by the weight the sheet prints


def test_a_written_sum_no_rounding_explains_is_a_warning(tmp_path):
    """99.58 written for lines adding to 99.53: within the tolerance, but no rounding of 99.53 gives
    it, so a warning; 99.5 is that sum to one decimal, no finding; a point off is an error.  100 is
    that sum rounded, but 0.47 above it, and a written sum gets no wider tolerance than a claim
    (DOMAIN §4): a warning, the over-claim of the total being the error, said once."""
    def findings(total):
        got = _project(tmp_path, total=total)
        return [(f["code"], f["severity"]) for f in got["report"]["findings"] if f["code"] in ("sum_mismatch", "total_over")]
    assert findings('"99.58"') == [("sum_mismatch", "warning")]
    assert findings('"99.5"') == []
    assert sorted(findings('"100"')) == [("sum_mismatch", "warning"), ("total_over", "error")]
    assert ("sum_mismatch", "error") in findings('"98.53"')


def test_a_subtotal_written_as_a_whole_number_gets_no_wider_tolerance(tmp_path):
    """产出指标 printed 40 over its one row's claim of 39.55 is 0.45 above it: an error, as 40.0
    would be; 40 over 39.98 is that sum rounded within the tolerance, no finding."""
    def subtotal(written, c1):
        extra = f'[[sheets.subtotals]]\ngroup = ["产出指标"]\nclaimed = {written}\n'
        got = _project(tmp_path, c1=c1, total='"/"', extra=extra)
        return [f["severity"] for f in got["report"]["findings"] if f["code"] == "sum_mismatch"]
    assert subtotal('"40"', "39.55") == ["error"] and subtotal('"40.0"', "39.55") == ["error"]
    assert subtotal('"40"', "39.98") == []


def test_blank_marks_titles_and_region_spellings(tmp_path):
    """"空" in a claim is blank; a title with its year or ASCII brackets is the form's; a
    misspelt 新疆维吾尔族自治区 is Xinjiang."""
    assert _project(tmp_path, execution='"空"')["sheet"]["indicators"][0]["status"] == "unclaimed"
    assert _project(tmp_path, sheet_type="项目支出绩效自评表（2024年度）")["exit"] == 0
    assert _ref(_project(tmp_path, region='["新疆维吾尔族自治区", "伊犁哈萨克自治州"]')["sheet"]) == "xinjiang.project@2024.46"


def test_a_yuan_wan_slip_leaves_execution_unverifiable(tmp_path):
    """851200 (元) against 85.12 (万元): the check says the units differ, and 预算执行率 is not
    scored on figures it doubts, so a claim of 10 is no over-claim."""
    _project(tmp_path)
    case = tmp_path / "case.toml"
    case.write_text(case.read_text(encoding="utf-8").replace('budget = "120"', 'budget = "1143700"'), encoding="utf-8")
    report = json.loads(run_cli("diff", str(case), "--format", "json").stdout)
    execution = next(line for line in report["sheets"][0]["indicators"] if line["id"] == "execution")
    assert execution["status"] == "unverifiable" and "一万倍" in execution["reason"]
    assert "claim_over" not in [f["code"] for f in report["findings"]]
    # a Sichuan project sheet is told in its own form's words: 预算执行数, 调整后预算数 (review BW B2)
    sichuan = tmp_path / "sichuan.toml"
    sichuan.write_text(case.read_text(encoding="utf-8").replace('["吉林省", "延边朝鲜族自治州", "敦化市"]', '["四川省", "遂宁市", "安居区"]'),
                       encoding="utf-8")
    told = json.loads(run_cli("diff", str(sichuan), "--format", "json").stdout)
    assert told["sheets"][0]["rules"]["id"] == "sichuan.project"
    reason = next(line for line in told["sheets"][0]["indicators"] if line["id"] == "execution")["reason"]
    assert reason.startswith("预算执行数与调整后预算数相差约一万倍"), reason
    # a project that barely spent is no slip: read in the other unit it would have spent 600%
    case.write_text(case.read_text(encoding="utf-8").replace('budget = "1143700"', 'budget = "5000"').replace('executed = "114.37"', 'executed = "3"'),
                    encoding="utf-8")
    report = json.loads(run_cli("diff", str(case), "--format", "json").stdout)
    assert "claim_over" in [f["code"] for f in report["findings"]]


def _zhangzhuang(tmp_path, edit=lambda text: text) -> dict:
    """The shipped Anhui sheet (real table 03) as a workbook, a case table or the web form would
    give it: its "其中…" rows printed as they stand, without ``part_of``."""
    text = (CASES / "anhui-suzhou-xiaoxian-zhangzhuangzhai-2023.toml").read_text(encoding="utf-8")
    case = tmp_path / "zz.toml"
    case.write_text(edit(re.sub(r'(?m)^part_of = ".*"\n', "", text)), encoding="utf-8")
    done = run_cli("diff", str(case), "--format", "json")
    assert "Traceback" not in done.stderr, done.stderr
    report = json.loads(done.stdout)
    return {"exit": done.returncode, "sheet": report["sheets"][0], "findings": report["findings"]}


def test_qizhong_rows_without_weight_are_parts_of_the_row_above(tmp_path):
    """Unmarked "其中…" rows under a ★ row are its components, as the shipped case's part_of says:
    the same lines, total and verdict, the parts added up against the row, and each named."""
    shipped = json.loads(run_cli("diff", str(CASES / "anhui-suzhou-xiaoxian-zhangzhuangzhai-2023.toml"), "--format", "json").stdout)
    got = _zhangzhuang(tmp_path)
    assert got["exit"] == 0
    line = lambda sheet: [(i["name"], i["computed"], i["status"]) for i in sheet["indicators"]]  # noqa: E731
    assert line(got["sheet"]) == line(shipped["sheets"][0]) and got["sheet"]["total"] == shipped["sheets"][0]["total"]
    codes = [f["code"] for f in got["findings"]]
    assert codes.count("component_row") == 7 and "weights_mismatch" not in codes
    mixed = [f for f in got["findings"] if f["code"] == "parent_mismatch"]  # 192只 printed for 180只 + 12头
    assert len(mixed) == 2 and all("★补助家畜家禽养殖数量" in f["message"] for f in mixed)
    parts = [f["message"] for f in got["findings"] if f["code"] == "component_row"]
    assert parts[0].startswith("其中桃树种植面积：是上一行“★补助各类瓜果蔬菜种植面积”的组成部分")


def test_qizhong_rows_with_a_weight_or_under_another_group_stay_rows(tmp_path):
    """A "其中…" row printing its own weight and score is a line of its own (and no parent to the
    "其中…" rows after it); one under another group heading than the row above belongs to no row."""
    bracketed = _zhangzhuang(tmp_path, lambda t: t.replace('name = "其中桃树种植面积"', 'name = "（其中）桃树种植面积"', 1))
    assert "（其中）桃树种植面积" not in [i["name"] for i in bracketed["sheet"]["indicators"]]  # "（其中）" is 其中 too
    weighted = _zhangzhuang(tmp_path, lambda t: t.replace('name = "其中羊养殖数量"\n', 'name = "其中羊养殖数量"\nweight = 5\nclaimed = 5\n', 1))
    names = [i["name"] for i in weighted["sheet"]["indicators"]]
    assert "其中羊养殖数量" in names and "其中猪养殖数量" in names and "其中桃树种植面积" not in names
    regrouped = _zhangzhuang(tmp_path, lambda t: t.replace('group = ["产出指标", "数量指标"]\nname = "其中鱼塘养殖面积"',
                                                           'group = ["产出指标", "质量指标"]\nname = "其中鱼塘养殖面积"', 1))
    assert "其中鱼塘养殖面积" in [i["name"] for i in regrouped["sheet"]["indicators"]]


def test_a_group_header_stands_for_its_rows_when_one_row_prints_no_weight(tmp_path):
    """产出指标 printed 50 over rows of 20, 10 and 10 and one row whose weight cell is blank: the group
    is 50 points, not 50 more beside its rows' 40."""
    got = _zhangzhuang(tmp_path, lambda t: t.replace('name = "其中', 'name = "另'))
    codes = [f["code"] for f in got["findings"]]
    assert "weights_mismatch" not in codes and "component_row" not in codes and got["exit"] == 0, codes


def _with_parts(tmp_path, parent: tuple[str, str], parts: list[tuple[str, str]]) -> list[dict]:
    """The ROWS sheet with a 其中 list under its first row (target, actual of the parent and parts)."""
    head = ROWS.replace('target = "≥12个"\nactual = "12个"', f'target = "{parent[0]}"\nactual = "{parent[1]}"', 1)
    first_end = head.index("\n[[sheets.rows]]", 5)
    extra = "".join(f'\n[[sheets.rows]]\ngroup = ["产出指标", "数量指标"]\nname = "其中第{i}部分"\ntarget = "{t}"\nactual = "{a}"\n'
                    for i, (t, a) in enumerate(parts, start=1))
    got = _project(tmp_path, rows=head[:first_end] + extra + head[first_end:])
    return [f for f in got["report"]["findings"] if f["code"] == "parent_mismatch"]


def test_qizhong_parts_are_added_up_only_where_they_can_be(tmp_path):
    """"其中" is "of which": rates and upper bounds are never added up, a shorter list is a note
    (the parts listed may be some of them), and only parts adding up to more than the whole are
    a warning."""
    assert _with_parts(tmp_path, ("≥95%", "96%"), [("≥95%", "96%"), ("≥95%", "95%")]) == []
    assert _with_parts(tmp_path, ("≤100万元", "90万元"), [("≤60万元", "50万元"), ("≤50万元", "40万元")]) == []
    shorter = _with_parts(tmp_path, ("≥12个", "12个"), [("≥5个", "5个")])
    assert {f["severity"] for f in shorter} == {"info"} and "列示可能不全" in shorter[0]["message"]
    more = _with_parts(tmp_path, ("≥12个", "12个"), [("≥8个", "8个"), ("≥7个", "7个")])
    assert {f["severity"] for f in more} == {"warning"} and "各部分多于整体" in more[0]["message"]


def test_every_weighted_header_over_an_unweighted_row_is_a_ceiling_whatever_the_order(tmp_path):
    """数量指标 20 over a row of 25 and one without a weight, inside 产出指标 50: the inner header is
    exceeded, whichever header the sheet lists first (only the outer one was checked)."""
    rows = ROWS.replace("weight = 40\nclaimed = {c1}", "weight = 25\nclaimed = 25") + (
        '\n[[sheets.rows]]\ngroup = ["产出指标", "数量指标"]\nname = "宣传次数"\ntarget = "≥2次"\nactual = "2次"\nclaimed = 5\n')
    for order in (("产出指标",), ("产出指标", "数量指标")), (("产出指标", "数量指标"), ("产出指标",)):
        extra = "".join(f'[[sheets.subtotals]]\ngroup = {list(g)!r}\nweight = {50 if len(g) == 1 else 20}\n'.replace("'", '"') for g in order)
        got = _project(tmp_path, rows=rows, extra=extra)
        said = [f["message"] for f in got["report"]["findings"] if f["code"] == "weights_mismatch"]
        assert said and "“产出指标/数量指标”所印分值 20 分，其下已印分值的各行已合计 25 分" in said[0], (order, got["codes"])



def test_a_project_sheets_project_name_is_in_its_heading_and_summary_row(tmp_path):
    """Two project sheets of one unit titled alike ("项目支出绩效自评表") are told apart by their
    项目名称 in the diff's headings, the JSON and the batch summary (review BW C5); a title that
    already holds the name is shown as it is."""
    _project(tmp_path)
    case = tmp_path / "case.toml"
    text = case.read_text(encoding="utf-8").replace('title = "测试项目"', 'title = "项目支出绩效自评表"\nproject = "基本公共卫生服务补助资金"')
    case.write_text(text, encoding="utf-8")
    shown = "项目支出绩效自评表（基本公共卫生服务补助资金）"
    assert shown in run_cli("diff", str(case)).stdout
    assert json.loads(run_cli("diff", str(case), "--format", "json").stdout)["sheets"][0]["title"] == shown
    assert json.loads(run_cli("batch", str(case), "--format", "json").stdout)["sheets"][0]["title"] == shown
    case.write_text(text.replace('title = "项目支出绩效自评表"', 'title = "基本公共卫生服务补助资金"'), encoding="utf-8")
    assert json.loads(run_cli("diff", str(case), "--format", "json").stdout)["sheets"][0]["title"] == "基本公共卫生服务补助资金"


def test_one_row_without_a_weight_under_a_header_takes_what_the_others_leave(tmp_path):
    """产出指标 printed 40 over a row of 25 and a row whose 分值 is blank (review CH A5): the header's
    weight leaves the blank row 15, so 8 of ≥10 earns 12.00 and its claim of 15 is an over-claim —
    it was unverifiable, and the total 99.53 一致."""
    rows = ROWS.replace("weight = 40\nclaimed = {c1}", "weight = 25\nclaimed = 25") + (
        '\n[[sheets.rows]]\ngroup = ["产出指标", "数量指标"]\nname = "宣传次数"\ntarget = "≥10次"\nactual = "8次"\nclaimed = 15\n')
    got = _project(tmp_path, rows=rows, extra='[[sheets.subtotals]]\ngroup = ["产出指标"]\nweight = 40\n')
    line = next(i for i in got["report"]["sheets"][0]["indicators"] if i["name"] == "宣传次数")
    assert (line["weight"], line["computed"], line["status"]) == ("15", "12.00", "over"), line
    said = [f["message"] for f in got["report"]["findings"] if f["code"] == "weight_from_group"]
    assert said == ["宣传次数：未印分值，按分组“产出指标”标题的 40 分减去其余各行分值 25 分，计为 15 分"]
    assert got["report"]["sheets"][0]["total"]["status"] == "over"
    # explain says where the weight came from, where it shows it (review EI C2)
    explained = run_cli("explain", str(tmp_path / "case.toml"), "宣传次数").stdout
    assert "分值 15）\n  分值：未印分值，按分组“产出指标”标题的 40 分减去其余各行分值 25 分，计为 15 分\n" in explained, explained


def test_a_blank_weight_under_an_outer_header_is_left_open_where_an_inner_header_left_another_open(tmp_path):
    """数量指标 10 over a row of 15 and a blank (the inner header is exceeded: it gives nothing), inside
    产出指标 50 with another blank row: the outer header cannot say the second blank's weight, since the
    first is unknown too — it is left unverifiable, and nothing fails."""
    rows = ROWS.replace("weight = 40\nclaimed = {c1}", "weight = 15\nclaimed = 15") + (
        '\n[[sheets.rows]]\ngroup = ["产出指标", "数量指标"]\nname = "宣传次数"\ntarget = "≥2次"\nactual = "2次"\n'
        '\n[[sheets.rows]]\ngroup = ["产出指标", "质量指标"]\nname = "合格率"\ntarget = "≥90%"\nactual = "95%"\n')
    extra = '[[sheets.subtotals]]\ngroup = ["产出指标", "数量指标"]\nweight = 10\n[[sheets.subtotals]]\ngroup = ["产出指标"]\nweight = 50\n'
    got = _project(tmp_path, rows=rows, extra=extra)
    assert got["report"], got["stderr"]
    assert "weight_from_group" not in got["codes"]


def test_one_row_without_a_weight_on_a_sheet_without_headers_takes_what_the_full_marks_leave(tmp_path):
    """No header prints a weight; 10 for execution and 40 + 40 printed leave the blank 满意度 row 10
    of 100, so 85% of ≥90% earns 9.44 and its claim of 10 is over, and the total with it — it was
    unverifiable, and the total 一致 (review CO A1).  A claim above the rest leaves it open: a form
    whose rows have their own 100 would give the row more."""
    rows = ROWS.replace('actual = "95%"\nweight = 10\n', 'actual = "85%"\n')
    got = _project(tmp_path, rows=rows)
    line = next(i for i in got["sheet"]["indicators"] if i["name"] == "群众满意度")
    assert (line["weight"], line["computed"], line["status"]) == ("10", "9.44", "over"), line
    said = [f["message"] for f in got["report"]["findings"] if f["code"] == "weight_from_total"]
    assert said == ["群众满意度：未印分值，全表满分留给各行的 90 分减去其余各行分值 80 分，计为 10 分"]
    assert got["sheet"]["total"]["status"] == "over" and got["exit"] == 1
    above = _project(tmp_path, rows=rows.replace("claimed = 10\n", "claimed = 12\n"), total="101.53")
    assert "weight_from_total" not in above["codes"]
    partial = _project(tmp_path, rows=rows, extra="complete = false\n")
    assert "weight_from_total" not in partial["codes"]


def test_the_lines_matching_within_the_tolerance_explain_their_net_difference(tmp_path):
    """Matched lines differing by +0.04 and -0.04 explain nothing of a total: beside them, a line over
    by 0.06 makes the total that is the claims' sum over by 0.06 (review CO A3)."""
    rows = ROWS.replace('target = "≥5000人"\nactual = "5200人"', 'target = "≥5000人"\nactual = "4990人"')  # 39.92 of 40
    rows = rows.replace("weight = 40\nclaimed = 40\n", "weight = 40\nclaimed = 39.96\n")  # +0.04
    rows = rows.replace('actual = "95%"', 'actual = "89.6%"').replace("weight = 10\nclaimed = 10", "weight = 10\nclaimed = 10")
    # 群众满意度 89.6 of ≥90: 9.96, claimed 10 (+0.04); 新建村级文化活动室 11 of 12: 36.67, claimed 36.73 (+0.06)
    rows = rows.replace('actual = "12个"', 'actual = "11个"')
    got = _project(tmp_path, rows=rows, c1="36.73", execution='"9.49"', total="96.18")  # 9.53 - 0.04 + 36.73 + 39.96 + 10
    lines = {i["name"]: (i["status"], i["delta"]) for i in got["sheet"]["indicators"]}
    assert lines == {"预算执行率": ("match", "-0.04"), "新建村级文化活动室": ("over", "0.06"), "受益群众人数": ("match", "0.04"),
                     "群众满意度": ("match", "0.04")}, lines
    total = got["sheet"]["total"]
    assert (total["status"], total["delta"]) == ("over", "0.10"), total


def test_an_unclaimed_tier_counts_anywhere_in_its_tier_against_a_total_below_its_top(tmp_path):
    """A worded row (8～10) left unclaimed: a total of 99.03 is the sheet at 9 on it, no under-claim of
    the 100.03 its top gives (review CO A4); below the tier's bottom the total is under, by the
    distance to that bottom."""
    rows = ROWS.replace('target = "≥5000人"\nactual = "5200人"\nweight = 40\nclaimed = 40',
                        'target = "有所提升"\nactual = "明显提升"\nweight = 40')
    got = _project(tmp_path, rows=rows, total="91.53")
    total = got["sheet"]["total"]
    assert (total["status"], total["computed"], total["low"], total["high"]) == ("match", "91.53", "91.53", "99.53"), total
    below = _project(tmp_path, rows=rows, total="90")["sheet"]["total"]
    assert (below["status"], below["computed"], below["delta"]) == ("under", "91.53", "-1.53"), below


def test_a_total_below_its_claims_counts_a_claimed_tier_anywhere_in_it_and_a_line_unchecked_as_maybe_less(tmp_path):
    """A worded row (8～10 of 10) claimed at its top and a total written below the lines' claims: the
    total counts the row anywhere in its tier, as far as it is below the claims (review GB B2).  A line
    the rules cannot check, claimed, and a total below the claims by no more than it: the right total
    may be the claimed one, and it is 无法核验, not 低报.  A total that is its lines' sum, with a line
    under-claimed beside them, is under still."""
    tier = ROWS.replace('target = "≥5000人"\nactual = "5200人"', 'target = "有所提升"\nactual = "明显提升"')
    total = _project(tmp_path, rows=tier, total="95")["sheet"]["total"]  # claims 99.53; the tier 32～40 of 40
    assert (total["status"], total["computed"], total["low"], total["high"]) == ("match", "95.00", "91.53", "99.53"), total
    below = _project(tmp_path, rows=tier, total="90")["sheet"]["total"]
    assert (below["status"], below["computed"], below["delta"]) == ("under", "91.53", "-1.53"), below
    # execution claimed 8.53 of 9.53, the tier at its top, the total their sum: the under-claim is execution's
    sum_of_claims = _project(tmp_path, rows=tier, total="98.53", execution='"8.53"')["sheet"]["total"]
    assert (sum_of_claims["status"], sum_of_claims["computed"], sum_of_claims["delta"]) == ("under", "99.53", "-1.00"), sum_of_claims

    unknown = ROWS.replace('actual = "5200人"', 'actual = "未披露"')
    got = _project(tmp_path, rows=unknown, total="97.53")
    total = got["sheet"]["total"]
    assert (total["status"], total["computed"], total["low"], total["high"]) == ("unverifiable", "99.53", "59.53", "99.53"), total
    said = {f["code"]: f["message"] for f in got["report"]["findings"]}
    assert "total_under" not in said and said["unverifiable"].startswith("总分：自评 97.53 分，低于按规则可核定的 99.53 分，也低于各指标自评得分之和"), said
    assert said["unverifiable"].endswith("无法判断总分是否少计") and "sum_mismatch" in said
    under = _project(tmp_path, rows=unknown, total="98.53", execution='"8.53"')["sheet"]["total"]
    assert (under["status"], under["delta"]) == ("under", "-1.00"), under
