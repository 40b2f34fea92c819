"""The verdict through the real CLI: a declared tolerance, the rules' own total, statuses that
agree with their deltas, the sheet's printed weights and structure, every way a figure is
written, and which rules apply."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import CASES, run_cli

D = Decimal


def write_case(tmp_path: Path, rows: list[dict], *, name: str = "case.toml", year: int | str = 2024,
               region: str = '["测试省", "测试市"]', sheet: str = "", inputs: str = "", case: str = "") -> Path:
    """A small project sheet under the national rules, written as a unit would write it."""
    lines = [
        "format = 1", "[case]", 'id = "t"', 'unit = "测试单位"', f"region = {region}",
        *([f"year = {year}"] if year != "" else []), 'source = "test"', case,
        "[[sheets]]", 'id = "s"', 'title = "测试表"', 'sheet_type = "项目支出绩效自评表"', sheet,
        "[sheets.inputs]", inputs or 'budget = "100"\nexecuted = "90"',
    ]
    for row in rows:
        lines.append("[[sheets.rows]]")
        lines += [f"{k} = {json.dumps(v, ensure_ascii=False)}" for k, v in row.items()]
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def diff_json(path: Path, *extra: str) -> tuple[int, dict]:
    proc = run_cli("diff", str(path), "--format", "json", *extra)
    assert proc.returncode in (0, 1), proc.stderr
    return proc.returncode, json.loads(proc.stdout)


def row(rows, weight=10, claimed=None, **kw):
    out = {"group": ["产出指标", "数量指标"], "name": f"完成行{len(rows) + 1}", "weight": weight, **kw}
    if claimed is not None:
        out["claimed"] = claimed
    rows.append(out)
    return rows


# -- tolerance and totals ---------------------------------------------------------------------


def test_lines_within_the_tolerance_whose_claims_add_up_are_not_an_over_claim(tmp_path):
    # nine rows at 2.97 ÷ 3 × 10 = 9.9 each and the execution 9.00: every claim 0.04 above its score
    rows: list[dict] = []
    for _ in range(9):
        row(rows, target="≥3", actual="2.97", claimed="9.94")
    total = D("9.04") + 9 * D("9.94")
    path = write_case(tmp_path, rows, sheet=f'claimed_total = "{total}"\nclaims = {{ execution = "9.04" }}')
    code, doc = diff_json(path)
    t = doc["sheets"][0]["total"]
    assert all(i["status"] == "match" for i in doc["sheets"][0]["indicators"])
    assert (t["claimed"], t["computed"], t["status"], t["delta"]) == (str(total), "98.10", "match", "0.40")
    assert D(t["tolerance"]) == D("0.45") and code == 0
    # the same total written 0.5 higher than its lines: more than their matches explain
    path = write_case(tmp_path, rows, sheet=f'claimed_total = "{total + D("0.5")}"\nclaims = {{ execution = "9.04" }}')
    code, doc = diff_json(path)
    t = doc["sheets"][0]["total"]
    assert (t["status"], t["delta"], code) == ("over", "0.90", 1)
    assert {"total_over", "sum_mismatch"} <= {f["code"] for f in doc["findings"]}


def test_the_computed_total_is_the_rules_never_a_claim(tmp_path):
    rows = row([], target="≥100", actual="57.1", claimed="6")  # 5.71, claimed 6
    path = write_case(tmp_path, rows, sheet='claimed_total = "15"\nclaims = { execution = "9" }', inputs='budget = "100"\nexecuted = "90"')
    code, doc = diff_json(path)
    line = doc["sheets"][0]["indicators"][1]
    assert (line["computed"], line["status"], line["delta"]) == ("5.71", "over", "0.29") and code == 1
    t = doc["sheets"][0]["total"]
    # 10 + 10 printed points of "100": the rules give no total, only what the lines add up to
    assert (t["computed"], t["low"], t["high"], t["status"]) == (None, None, None, "unverifiable")
    assert (t["lines_weight"], t["lines_sum"], t["grade"]) == ("20", ["14.71", "14.71"], None)
    rows.append({"group": ["效益指标"], "name": "其余", "weight": 80, "target": "≥1", "actual": "1", "claimed": "80"})
    path = write_case(tmp_path, rows, sheet='claimed_total = "95"\nclaims = { execution = "9" }', inputs='budget = "100"\nexecuted = "90"')
    code, doc = diff_json(path)
    t = doc["sheets"][0]["total"]
    assert t["computed"] == "94.71" and D(t["low"]) <= D(t["computed"]) <= D(t["high"]) and t["lines_sum"] is None


def test_table_status_delta_and_explanation_agree(tmp_path):
    rows = row([], target="≥100", actual="57.1", claimed="6")
    row(rows, target="≥100", actual="28.1", claimed="2.8")  # 2.81: match, delta −0.01
    path = write_case(tmp_path, rows)
    text = run_cli("diff", str(path)).stdout
    over = next(x for x in text.splitlines() if x.startswith("完成行1"))
    assert "+0.29" in over and "高报" in over
    match = next(x for x in text.splitlines() if x.startswith("完成行2"))
    assert "-0.01" in match and "一致" in match
    assert "完成行1：自评 6 分，按规则应得 5.71 分，高出 0.29 分" in text
    assert "完成行2：" not in text.split("发现：")[1]  # a match has no finding


# -- printed weights and structure ----------------------------------------------------------------


def test_a_printed_execution_weight_governs_where_the_rules_allow_it(tmp_path):
    rows = row([], weight=80, target="1", actual="1", claimed="80")
    path = write_case(tmp_path, rows, sheet='claims = { execution = "18" }\n[sheets.weights]\nexecution = "20"')
    code, doc = diff_json(path)
    execution = doc["sheets"][0]["indicators"][0]
    assert (execution["weight"], execution["computed"], execution["status"]) == ("20", "18.00", "match")
    assert "weights_mismatch" not in [f["code"] for f in doc["findings"]] and code == 0


def test_a_printed_weight_the_rules_fix_is_an_error(tmp_path):
    case = (CASES / "sichuan-suining-anju-jxb-2024.toml").read_text(encoding="utf-8")
    case = case.replace('claimed_total = { score = "98.6"', '[sheets.weights]\nbudget_quality = "10"\n\n[[sheets.x]]\nclaimed_total = { score = "98.6"', 1)
    case = case.replace('[sheets.weights]\nbudget_quality = "10"\n\n[[sheets.x]]\n', "")
    lines = case.splitlines()
    at = next(i for i, x in enumerate(lines) if x.startswith("claimed_total"))
    lines[at + 1:at + 1] = ["", "[sheets.weights]", 'budget_quality = "10"']
    path = tmp_path / "fixed.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, doc = diff_json(path)
    assert code == 1 and "weight_fixed" in [f["code"] for f in doc["findings"] if f["severity"] == "error"]
    quality = next(i for i in doc["sheets"][0]["indicators"] if i["id"] == "budget_quality")
    assert quality["weight"] == "8"


def test_group_header_weights_and_numbered_parent_rows(tmp_path):
    rows = [
        {"id": "p1", "group": ["产出指标"], "name": "一、产出", "weight": 20, "claimed": "20", "target": "30次", "actual": "30次"},
        {"part_of": "p1", "group": ["产出指标", "数量指标"], "name": "1.培训", "weight": 10, "claimed": "10", "target": "≥10次", "actual": "10次"},
        {"part_of": "p1", "group": ["产出指标", "数量指标"], "name": "2.督查", "weight": 10, "claimed": "9", "target": "≥20次", "actual": "20次"},
        {"group": ["效益指标"], "name": "社会效益", "target": "有所提升", "actual": "有所提升", "claimed": "50"},
        {"group": ["满意度指标"], "name": "满意度甲", "target": "≥90%", "actual": "95%", "claimed": "5"},
        {"group": ["满意度指标"], "name": "满意度乙", "target": "≥90%", "actual": "95%", "claimed": "6"},
        {"group": ["满意度指标"], "name": "……"},
    ]
    subtotals = (
        '[[sheets.subtotals]]\ngroup = ["效益指标"]\nweight = 60\n'
        '[[sheets.subtotals]]\ngroup = ["满意度指标"]\nweight = 10\nclaimed = "11"\n'
    )
    path = write_case(tmp_path, rows, sheet='claims = { execution = "9" }\n' + subtotals)
    code, doc = diff_json(path)
    lines = {i["name"]: i for i in doc["sheets"][0]["indicators"]}
    found = {f["code"]: f["message"] for f in doc["findings"]}
    assert "一、产出" not in lines  # the parent is its children's sum: not counted twice
    assert "自评 20 分，与其下各行自评得分合计 19 分不符" in found["sum_mismatch"]
    assert (lines["社会效益"]["weight"], lines["社会效益"]["low"], lines["社会效益"]["high"]) == ("60", "48.00", "60.00")
    assert lines["满意度甲"]["status"] == "unverifiable"  # a group of several unweighted rows
    assert "所填小计 11 分，超过分组标题印的分值 10 分" in found["subtotal_over_weight"]
    assert "……" not in lines and "placeholder_row" in found
    assert code == 1


@pytest.mark.parametrize(("target", "signs", "status", "most"), [("≥120块", "96块", "over", "95.00"), ("≥120块", "120块", "match", None),
                                                             ("≥2000块", "1998块", "match", None)])
def test_a_group_held_below_its_headers_weight_makes_its_whole_weight_claimed_an_over_claim(tmp_path, target, signs, status, most):
    """Weights printed only on the group headers (50/30/10), every group claimed in full: a row short
    of its target holds its group below 50, so a total of 100 is over (review EI A1); with every row
    met, 100 is the rules'.  Each row's weight is at least its claim, so two claims of 25 under 50
    fix both weights at 25 (review FU A4): 96 of 120 earns 20 and the total at most 95; 1998 of 2000
    earns 24.98 of 25, and 100 claimed is within the tolerance, as it is where the rows print their
    weights (review FY A2; review EK A5 let it round to full marks on a weight of a few points)."""
    def two(group, first, second, claims):
        return [{"group": group, "name": name, "target": target, "actual": actual, "claimed": claim}
                for (name, target, actual), claim in zip((first, second), claims)]
    rows = (two(["产出指标", "数量指标"], ("新建旅游步道", "≥3.5公里", "3.8公里"), ("安装导视标识牌", target, signs), ("25", "25"))
            + two(["效益指标", "社会效益指标"], ("新增就业岗位", "≥50个", "86个"), ("设施使用年限", "≥10年", "15年"), ("15", "15"))
            + two(["满意度指标", "服务对象满意度指标"], ("游客满意度", "≥90%", "95%"), ("村民满意度", "≥90%", "92%"), ("5", "5")))
    subtotals = "".join(f'[[sheets.subtotals]]\ngroup = ["{g}"]\nweight = {w}\nclaimed = {w}\n'
                        for g, w in (("产出指标", 50), ("效益指标", 30), ("满意度指标", 10)))
    path = write_case(tmp_path, rows, inputs='budget = "100"\nexecuted = "100"',
                      sheet='claimed_total = { score = "100" }\nclaims = { execution = "10" }\n' + subtotals)
    code, doc = diff_json(path)
    total = doc["sheets"][0]["total"]
    assert total["status"] == status, total
    if status == "over":
        assert total["high"] == most and code == 1, total
        assert any(f["code"] == "group_over" and "（各行分值不低于其自评得分）" in f["message"] for f in doc["findings"]), doc["findings"]
    else:
        assert total["computed"] in ("100.00", "99.98") and code == 0, doc["findings"]


# -- how figures are written ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "status", "computed"),
    [
        ({"target": "≤1起", "actual": "无安全事故"}, "match", "10.00"),     # "none" of a counted thing is 0
        ({"target": "≤30万元", "actual": "完成"}, "unverifiable", None),    # wording says nothing about the cost
        ({"target": "/", "actual": "12次"}, "unverifiable", None),          # a "not given" target
        ({"target": "≥12次", "actual": "—"}, "unverifiable", None),
        ({"target": "≥12次", "actual": "N/A"}, "unverifiable", None),
        ({"target": "12万元", "actual": "15万元", "group": ["产出指标", "成本指标"]}, "over", "8.00"),  # 成本 without ≤
        ({"target": "0次", "actual": "2次"}, "over", "0.00"),                # "0次": none at all
        ({"target": "不少于12次", "actual": "12次"}, "match", "10.00"),
        ({"target": "12次以上", "actual": "≥12次"}, "match", "10.00"),
        ({"nature": "≧", "target": "12", "unit": "次", "actual": "12次"}, "match", "10.00"),
        ({"target": "﹦2批", "actual": "2批"}, "match", "10.00"),
        ({"target": "≥200平方米", "actual": "204.46平方米"}, "match", "10.00"),
        ({"target": "≥2亩", "actual": "1公顷"}, "match", "10.00"),          # a declared conversion (1 公顷 = 15 亩)
        ({"target": "≥2户", "actual": "2人"}, "unverifiable", None),        # different units, no conversion
    ],
)
def test_every_way_a_figure_is_written(tmp_path, fields, status, computed):
    rows = [{"group": ["产出指标", "数量指标"], "name": "完成测试行", "weight": 10, "claimed": "10", **fields}]
    _, doc = diff_json(write_case(tmp_path, rows))
    line = doc["sheets"][0]["indicators"][1]
    assert (line["status"], line["computed"]) == (status, computed), line["reason"]


def test_an_unknown_comparator_is_an_error_naming_the_cell(tmp_path):
    rows = [{"name": "甲", "weight": 10, "claimed": "10", "nature": "≈", "target": "12", "actual": "12"},
            {"name": "乙", "weight": 10, "claimed": "10", "target": "≠12次", "actual": "12次"}]
    code, doc = diff_json(write_case(tmp_path, rows))
    unknown = [f for f in doc["findings"] if f["code"] == "unknown_comparator"]
    assert code == 1 and len(unknown) == 2 and all(f["severity"] == "error" for f in unknown)
    assert "指标性质“≈”" in unknown[0]["message"] and "“≠”" in unknown[1]["message"] and "rows[1](乙)" in unknown[1]["where"]


def test_a_percent_sign_in_an_amount_is_an_error(tmp_path):
    code, doc = diff_json(write_case(tmp_path, [], inputs='budget = "100"\nexecuted = "90%"'))
    invalid = [f for f in doc["findings"] if f["code"] == "invalid_input"]
    assert code == 1 and invalid and "百分号" in invalid[0]["message"]


# -- which rules apply ---------------------------------------------------------------------------


def test_a_2019_project_sheet_from_any_province_selects_the_national_rule(tmp_path):
    code, doc = diff_json(write_case(tmp_path, [], year=2019, region='["浙江省", "杭州市"]'))
    assert doc["sheets"][0]["rules"]["id"] == "national.project"
    # evaluated before the rule was issued: it cannot govern
    proc = run_cli("diff", str(write_case(tmp_path, [], year=2019, case="evaluated = 2019-12-30")))
    assert proc.returncode == 2 and "没有适用于" in proc.stderr


def test_pinned_rules_of_another_region_or_year_get_a_warning(tmp_path):
    path = write_case(tmp_path, [], year=2023, sheet='rules = "sichuan.project@2024.1"', region='["云南省"]')
    _, doc = diff_json(path)
    found = {f["code"] for f in doc["findings"]}
    assert {"rules_other_region", "rules_other_year"} <= found


def test_an_input_no_formula_reads_is_not_required(tmp_path):
    # budget_initial (年初预算数) is on the national form but no formula reads it
    code, doc = diff_json(write_case(tmp_path, [], inputs='budget = "100"\nexecuted = "100"'))
    assert "missing_input" not in {f["code"] for f in doc["findings"]} and code == 0
    code, doc = diff_json(write_case(tmp_path, [], inputs='budget = "100"'))
    assert code == 1 and "missing_input" in {f["code"] for f in doc["findings"]}


def test_score_shows_the_rules_range_and_no_claim(tmp_path):
    proc = run_cli("score", str(CASES / "hunan-miluo-shgzb-2024.toml"))
    assert proc.returncode == 0, proc.stderr
    total = next(x for x in proc.stdout.splitlines() if "合计" in x)
    assert "73.01～99.01" in total and "98.2" not in proc.stdout
    assert "自评" not in proc.stdout.split("发现：")[-1]


# -- grades -------------------------------------------------------------------------------------


def test_grades_claimed_against_what_the_rules_give(tmp_path):
    # every row met: the rules give 9 + 90 = 99 (优); a claimed 优 matches
    rows = row([], weight=90, target="1", actual="1", claimed="90")
    _, doc = diff_json(write_case(tmp_path, rows, sheet='claimed_total = "99"\nclaimed_grade = "优秀"\nclaims = { execution = "9" }'))
    t = doc["sheets"][0]["total"]
    assert (t["grade"], t["claimed_grade"]) == ("优", "优")
    assert not [f for f in doc["findings"] if f["code"].startswith("grade")]
    # the row half met: 9 + 45 = 54 (差), claimed 99 (优): a grade that changes on re-scoring
    rows = row([], weight=90, target="2", actual="1", claimed="90")
    code, doc = diff_json(write_case(tmp_path, rows, sheet='claimed_total = "99"\nclaims = { execution = "9" }'))
    changed = [f for f in doc["findings"] if f["code"] == "grade_changed"]
    assert code == 1 and changed and changed[0]["severity"] == "error" and "“优”" in changed[0]["message"] and "“差”" in changed[0]["message"]
    # a stated grade that is not its own claimed total's
    rows = row([], weight=90, target="1", actual="1", claimed="76")
    _, doc = diff_json(write_case(tmp_path, rows, sheet='claimed_total = "85"\nclaimed_grade = "优"\nclaims = { execution = "9" }'))
    assert any(f["code"] == "grade_inconsistent" and "“良”" in f["message"] for f in doc["findings"])


def test_grade_bands_must_cover_every_total(tmp_path):
    text = (CASES.parent / "formulas" / "national" / "project-2020.toml").read_text(encoding="utf-8")
    broken = text.replace('label = "良"\nlower = 80\nupper = 90', 'label = "良"\nlower = 81\nupper = 90')
    path = tmp_path / "rules.toml"
    path.write_text(broken.replace('id = "national.project"', 'id = "test.grades"'), encoding="utf-8")
    proc = run_cli("formulas", "validate", str(path))
    assert proc.returncode != 0 and "等级“中”的上限与“良”的下限应相同" in proc.stdout + proc.stderr


def test_a_deadline_answered_in_its_own_words_earns_its_weight(tmp_path):
    """"按时完成" against a date is the deadline met (national.project@2020.8, review DA A2): its weight,
    not the qualitative tiers' 80–100 %, so a claim of 8 is under."""
    rows = [{"group": ["产出指标", "时效指标"], "name": "完成时限", "weight": 10, "claimed": "8",
             "target": "2023年12月31日前", "actual": "按时完成"}]
    _, doc = diff_json(write_case(tmp_path, rows))
    line = doc["sheets"][0]["indicators"][1]
    assert (line["computed"], line["status"]) == ("10.00", "under")


def test_a_claimed_total_matching_within_the_tolerance_keeps_its_grade(tmp_path):
    # 9 + 80.97 = 89.97 (良); a claimed 90 (优) matches within 0.05: no grade finding
    rows = row([], weight=90, target="100", actual="89.9667", claimed="81")
    _, doc = diff_json(write_case(tmp_path, rows, sheet='claimed_total = "90"\nclaims = { execution = "9" }'))
    t = doc["sheets"][0]["total"]
    assert (t["computed"], t["status"], t["grade"]) == ("89.97", "match", "良")
    assert not [f for f in doc["findings"] if f["code"] == "grade_changed"]


def test_lines_each_within_the_tolerance_carry_the_total_but_not_its_grade_across_an_edge(tmp_path):
    """Nine lines of 10 at 9.95 (99.5% of ≥100%) claimed 10, nothing spent (execution 0): 89.55 by the
    rules, 90 claimed — the total matches, each line's difference within its tolerance, but 优 is no
    grade the rules give (review DU A1: accepted with no finding)."""
    rows: list[dict] = []
    for _ in range(9):
        row(rows, weight=10, target="≥100%", actual="99.5%", claimed="10")
    code, doc = diff_json(write_case(tmp_path, rows, sheet='claimed_total = "90"\nclaims = { execution = "0" }',
                                     inputs='budget = "100"\nexecuted = "0"'))
    t = doc["sheets"][0]["total"]
    assert (t["computed"], t["status"], t["grade"]) == ("89.55", "match", "良"), t
    said = [f for f in doc["findings"] if f["code"] == "grade_changed"]
    assert [f["severity"] for f in said] == ["error"] and "自评总分 90 分对应“优”" in said[0]["message"], doc["findings"]
    assert code == 1


def test_weights_printed_rounded_add_up_at_their_precision(tmp_path):
    """Three thirds of 20 printed as 6.67 add up to 100.01: the sheet's weights are 100 at the
    precision they are printed in, so it keeps its total and grade; two weights each a cent off
    (6.68, 100.03 in all) are a slip, as before."""
    rows: list[dict] = []
    for _ in range(7):
        row(rows, weight=10, target="≥1", actual="1", claimed="10")
    for _ in range(3):
        row(rows, weight=6.67, target="≥1", actual="1", claimed="6.67")
    sheet = 'claimed_total = "100"\nclaims = { execution = "10" }'
    code, doc = diff_json(write_case(tmp_path, rows, sheet=sheet, inputs='budget = "100"\nexecuted = "100"'))
    t = doc["sheets"][0]["total"]
    assert not [f for f in doc["findings"] if f["code"] == "weights_mismatch"], doc["findings"]
    assert (t["computed"], t["status"], t["grade"], t["lines_sum"]) == ("100.00", "match", "优", None), t  # never above the full mark
    rows[-1]["weight"] = rows[-2]["weight"] = 6.68
    code, doc = diff_json(write_case(tmp_path, rows, sheet=sheet, inputs='budget = "100"\nexecuted = "100"'))
    assert [f["code"] for f in doc["findings"] if f["code"] == "weights_mismatch"] == ["weights_mismatch"]
    assert doc["sheets"][0]["total"]["computed"] is None
    # halves are exact, not rounded: eighteen weights of 5 and two of 4.5 beside the execution's 10 are 109 …
    halves: list[dict] = []
    for weight in [4.5] * 2 + [5] * 16:
        row(halves, weight=weight, target="≥1", actual="1", claimed=str(weight))
    code, doc = diff_json(write_case(tmp_path, halves, sheet=sheet, inputs='budget = "100"\nexecuted = "100"'))
    assert [f["code"] for f in doc["findings"] if f["code"] == "weights_mismatch"] == ["weights_mismatch"]  # 99, not 100


def test_a_partial_sheet_whose_weights_already_exceed_the_total_gets_no_total(tmp_path):
    """Lines printed worth 101 of a 100-point form, on a partial transcription: the weights are
    wrong whatever is missing, so the rules give no total and no grade (it was capped or shown as 101)."""
    rows: list[dict] = []
    for weight in [4.5] * 19 + [5.5]:
        row(rows, weight=weight, target="≥1", actual="1", claimed=str(weight))
    path = write_case(tmp_path, rows, sheet='complete = false\nclaims = { execution = "10" }', inputs='budget = "100"\nexecuted = "100"')
    code, doc = diff_json(path)
    t = doc["sheets"][0]["total"]
    assert (t["computed"], t["grade"], t["lines_weight"], t["lines_sum"]) == (None, None, "101", ["101.00", "101.00"]), t
    assert "weights_mismatch" in {f["code"] for f in doc["findings"]} and code == 1
    line = next(x for x in run_cli("diff", str(path)).stdout.splitlines() if x.startswith("合计"))
    assert "已列出各项分值合计 101 分，已超过满分 100 分，总分和等级无法按规则核定" in line


def test_weights_printed_rounded_to_one_decimal_keep_the_total_and_leave_nothing_unverifiable(tmp_path):
    """Three thirds of 10 printed as 3.3 beside 80 and the execution's 10 (99.9) are the full 100
    at one decimal (review AF: a weights error, no total and exit 1); nothing of it is "无法核验"."""
    rows: list[dict] = []
    for _ in range(8):
        row(rows, weight=10, target="≥1", actual="1", claimed="10")
    for _ in range(3):
        row(rows, weight="3.3", target="≥1", actual="1", claimed="3.3")
    sheet = 'claimed_total = "99.9"\nclaims = { execution = "10" }'
    code, doc = diff_json(write_case(tmp_path, rows, sheet=sheet, inputs='budget = "100"\nexecuted = "100"'))
    t = doc["sheets"][0]["total"]
    assert (code, t["computed"], t["status"], t["grade"], Decimal(t["unverified_weight"])) == (0, "99.90", "match", "优", 0), t
    assert not [f for f in doc["findings"] if f["code"] == "weights_mismatch"]


def test_a_group_header_below_its_rows_weights_is_said_on_the_total_line(tmp_path):
    """产出指标 printed 30 over rows of 20, 20 and one without a weight: the header is what is wrong,
    not the sheet's sum (review AF: "各项分值合计 100 分，与满分 100 分不符")."""
    rows: list[dict] = []
    for _ in range(2):
        row(rows, weight=20, target="≥1", actual="1", claimed="20")
    row(rows, weight=None, target="≥1", actual="1", claimed="8")
    rows[-1].pop("weight")
    for _ in range(6):
        row(rows, weight=10, target="≥1", actual="1", claimed="10", group=["效益指标", "社会效益指标"])
    sheet = 'claimed_total = "98"\nclaims = { execution = "10" }\n[[sheets.subtotals]]\ngroup = ["产出指标"]\nweight = "30"'
    path = write_case(tmp_path, rows, sheet=sheet, inputs='budget = "100"\nexecuted = "100"')
    line = next(x for x in run_cli("diff", str(path)).stdout.splitlines() if x.startswith("合计"))
    assert "“产出指标”所印分值 30 分，其下已印分值的各行已合计 40 分，超过了它，总分和等级无法按规则核定" in line, line
    assert "与满分 100 分不符" not in line


def test_a_partly_scored_indicator_leaves_only_its_open_parts_unverifiable(tmp_path):
    """The Suining sheet's 支出执行进度 (9 points) has its 3-point part scored and two parts
    undisclosed: 6 of its points, not 9, are "无法核验", in the table, the JSON and a batch's summary
    alike (review BW B3: the whole indicator's weight was counted)."""
    case = CASES / "sichuan-suining-anju-jxb-2024.toml"
    code, doc = diff_json(case)
    sheet = next(s for s in doc["sheets"] if s["id"] == "dept-overall")
    progress = next(i for i in sheet["indicators"] if i["name"] == "支出执行进度")
    assert (progress["low"], progress["high"]) == ("3.00", "9.00"), progress
    t = sheet["total"]
    assert (t["unverified_weight"], t["checked_weight"]) == ("45", "55"), t
    table = run_cli("diff", str(case)).stdout
    assert "其中 45 分的指标无法核验" in table
    summary = tmp_path / "s.json"
    batch = run_cli("batch", str(case), "--out", str(summary))
    assert batch.returncode in (0, 1), batch.stderr
    rows = [r for r in json.loads(summary.read_text(encoding="utf-8"))["sheets"] if r["sheet_id"] == "dept-overall"]
    assert [r["unverified_weight"] for r in rows] == ["45"], rows


def test_an_unclaimed_line_the_rules_cannot_check_may_hold_the_rest_of_the_claimed_total(tmp_path):
    """A line left without a claim that the rules cannot check counts at its least (0) in the
    computed total; a claimed total above it by no more than that line's weight is no over-claim
    the rules can show (review BZ A1: "应得 79.01 分，高出 19.19 分" inside the range 73.01～99.01)."""
    rows: list[dict] = []
    for _ in range(8):
        row(rows, target="≥1", actual="1", claimed="10")
    row(rows, target="≥1", actual="详见绩效报告")  # unreadable, no claim
    sheet = 'claimed_total = "99"\nclaims = { execution = "10" }'
    code, doc = diff_json(write_case(tmp_path, rows, sheet=sheet, inputs='budget = "100"\nexecuted = "100"'))
    t = doc["sheets"][0]["total"]
    assert (t["computed"], t["status"], t["delta"]) == ("90.00", "unverifiable", None), t
    assert any(f["code"] == "unverifiable" and "未填自评得分的指标中有 10 分无法核验" in f["message"] for f in doc["findings"])
    assert "total_over" not in {f["code"] for f in doc["findings"]}
    line = next(x for x in run_cli("diff", str(write_case(tmp_path, rows, sheet=sheet, inputs='budget = "100"\nexecuted = "100"'))).stdout.splitlines()
                if x.startswith("合计"))
    assert "（未填自评得分的按最低分计入）" in line
    summary = tmp_path / "s.json"
    assert run_cli("batch", str(tmp_path / "case.toml"), "--out", str(summary)).returncode in (0, 1)  # the lean path alike
    assert [(r["computed_total"], r["total_status"]) for r in json.loads(summary.read_text(encoding="utf-8"))["sheets"]] == [("90.00", "unverifiable")]
    # beyond what the unclaimed line could hold, the excess over its most is an over-claim (review CA C1):
    # 85 computed with the line at 0, the total giving it 99 − 90 = 9 of its 10 points: at most 94
    rows[0]["actual"] = "0.5"
    code, doc = diff_json(write_case(tmp_path, rows, sheet=sheet, inputs='budget = "100"\nexecuted = "100"'))
    t = doc["sheets"][0]["total"]
    assert (t["status"], t["computed"], t["delta"], code) == ("over", "94.00", "5.00", 1), t
    # the line held at the 9 points the total gives it, not its most: the excess is the written lines' (review CB A1)
    assert any("按规则应得 94.00 分（未填自评得分、无法核验的指标按自评总分中归于它们的 9.00 分计），高出 5.00 分" in f["message"]
               for f in doc["findings"]), doc["findings"]
    # a total giving it all its points is held to the most the rules allow
    most = 'claimed_total = "100"\nclaims = { execution = "10" }'
    code, doc = diff_json(write_case(tmp_path, rows, sheet=most, inputs='budget = "100"\nexecuted = "100"'))
    assert any("按规则最多应得 95.00 分（未填自评得分、无法核验的指标按其最高分计），高出 5.00 分" in f["message"] for f in doc["findings"]), doc["findings"]
    # a claimed total that is its written claims' sum gives the unclaimed line nothing: the written
    # lines' over-claim is the total's (review CA A1)
    summed = 'claimed_total = "90"\nclaims = { execution = "10" }'
    code, doc = diff_json(write_case(tmp_path, rows, sheet=summed, inputs='budget = "100"\nexecuted = "100"'))
    t = doc["sheets"][0]["total"]
    assert (t["status"], t["computed"], t["delta"], code) == ("over", "85.00", "5.00", 1), t


def test_explain_shows_no_score_expression_for_a_part_it_did_not_score(tmp_path):
    """A late deadline is left to the evaluator: explain must not print the met case's expression
    ("得分表达式 weight", full marks) beside it (review BW D5); a scored row keeps its expression."""
    rows = [{"group": ["产出指标", "时效指标"], "name": "完成时间", "weight": 10, "target": "2024年6月30日前", "actual": "2024年8月15日", "claimed": "8"},
            {"group": ["产出指标", "数量指标"], "name": "培训人次", "weight": 80, "target": "≥100人次", "actual": "120人次", "claimed": "80"}]
    path = write_case(tmp_path, rows, inputs='budget = "100"\nexecuted = "100"')
    out = run_cli("explain", str(path)).stdout
    late = out.split("【完成时间】", 1)[1].split("【", 1)[0]
    assert "需评价人判断" in late and "（晚 46 天）" in late and "得分表达式" not in late, late
    assert "得分表达式" in out.split("【培训人次】", 1)[1]
    # a month's end is a day too (review CB C5); a month alone is not
    for target, said in (("2024年6月底前", "（晚 46 天）"), ("2024年6月前", None)):
        rows[0]["target"] = target
        late = run_cli("explain", str(write_case(tmp_path, rows, inputs='budget = "100"\nexecuted = "100"'))).stdout.split("【完成时间】", 1)[1]
        assert (said in late) if said else ("晚于期限" in late and "天）" not in late.split("计分：", 1)[1].split("\n", 1)[0]), late
    rows[0]["target"] = "2024年6月30日前"
    out = run_cli("explain", str(write_case(tmp_path, rows, inputs='budget = "100"\nexecuted = "100"'))).stdout
    # the rows' general decision once, at the first row; the next says where it is (review BW C8)
    assert out.count("“完成值远高于指标值”的扣分属评价人判断") == 1 and "本规则的取舍：同【完成时间】" in out


@pytest.mark.parametrize("weighted", [True, False])
def test_a_form_printing_scores_only_on_its_first_level_groups_is_not_told_its_sums_are_wrong(tmp_path, weighted):
    """Rows print no 得分, each 一级指标 prints its subtotal (产出 50, 效益 30, 满意度 10), and the total
    is 9 + 50 + 30 + 10 (review CH A1): there were “各项自评得分合计 0 分，与所填小计 50 分不符” errors, and
    the total held to the execution claim alone, exit 1 on a correct sheet.  The subtotals are the
    groups' claims; the total adds them.  Rows with or without printed weights alike."""
    rows = [{"group": [g, g[:2] + "子指标"], "name": name, "target": "≥90%", "actual": "95%", **({"weight": w} if weighted else {})}
            for g, name, w in (("产出指标", "甲", 25), ("产出指标", "乙", 25), ("效益指标", "丙", 15), ("效益指标", "丁", 15),
                               ("满意度指标", "戊", 5), ("满意度指标", "己", 5))]
    subtotals = "\n".join(f'[[sheets.subtotals]]\ngroup = ["{g}"]\nweight = {w}\nclaimed = "{w}"'
                          for g, w in (("产出指标", 50), ("效益指标", 30), ("满意度指标", 10)))
    path = write_case(tmp_path, rows, sheet='claimed_total = "99"\n[sheets.claims]\nexecution = "9"\n' + subtotals)
    code, report = diff_json(path)
    codes = [f["code"] for f in report["findings"] if f["severity"] == "error"]
    assert code == 0 and codes == [], report["findings"]
    assert report["sheets"][0]["total"]["status"] == "match"
    # the same form claiming 100 with 9 for execution: the parts do not add up, and it says by how much
    over = write_case(tmp_path, rows, name="over.toml", sheet='claimed_total = "100"\n[sheets.claims]\nexecution = "9"\n' + subtotals)
    said = [f["message"] for f in diff_json(over)[1]["findings"] if f["code"] == "sum_mismatch"]
    assert said == ["总分：各指标自评得分合计 99 分，与填报的总分 100 分不符（相差 1 分）"], said
    # no line claims at all, only the groups' subtotals: the total is still held to them
    bare = write_case(tmp_path, rows, name="bare.toml", sheet='claimed_total = "99"\n' + subtotals)
    code, report = diff_json(bare)
    said = [f["message"] for f in report["findings"] if f["code"] == "sum_mismatch"]
    assert said == ["总分：各指标自评得分合计 90 分，与填报的总分 99 分不符（相差 9 分）"], said
    assert report["sheets"][0]["total"]["claimed_parts_sum"] == "90"


def test_a_subtotal_that_is_its_groups_only_claim_is_held_to_what_its_rows_earn(tmp_path):
    """产出 printed 50 over rows that earn 47 and claim nothing, 效益 27 over a row that earns 30: the
    total adds up and matches, and 产出's over-claim was hidden (review CI A1).  The subtotal is held
    to its rows' sum: over by 3.00; the under-claimed 效益 is said as such."""
    rows = [{"group": ["产出指标", "数量指标"], "name": n, "target": "≥100人", "actual": a, "weight": w}
            for n, a, w in (("甲", "100人", 20), ("乙", "100人", 15), ("丙", "80人", 15))]
    rows += [{"group": ["效益指标", "社会效益指标"], "name": "丁", "target": "≥80%", "actual": "90%", "weight": 30},
             {"group": ["满意度指标", "服务对象满意度指标"], "name": "戊", "target": "≥90%", "actual": "95%", "weight": 10}]
    subtotals = "\n".join(f'[[sheets.subtotals]]\ngroup = ["{g}"]\nweight = {w}\nclaimed = "{c}"'
                          for g, w, c in (("产出指标", 50, 50), ("效益指标", 30, 27), ("满意度指标", 10, 10)))
    path = write_case(tmp_path, rows, sheet='claimed_total = "96"\n[sheets.claims]\nexecution = "9"\n' + subtotals)
    code, report = diff_json(path)
    said = {f["code"]: f["message"] for f in report["findings"] if f["code"] in ("group_over", "group_under")}
    assert code == 1 and said["group_over"] == "产出指标：所填小计 50 分，其下各行按规则合计应得 47.00 分，高出 3.00 分", report["findings"]
    assert said["group_under"] == "效益指标：所填小计 27 分，其下各行按规则合计应得 30.00 分，少计 3.00 分"


def test_subtotals_claiming_for_their_groups_within_the_tolerance_explain_the_total_as_lines_do(tmp_path):
    """Rows print no 得分; 产出 claims 28.96 over rows giving 28.92, 满意度 9.82 over 9.78, execution
    9.30 over 9.26: each within the tolerance, and the total 94.35 is their sum, so no over-claim, as
    with the same claims on the rows (review DB A1: the total was 高报 by 0.16, exit 1)."""
    rows = [{"group": ["产出指标", "数量指标"], "name": "甲", "target": "≥120次", "actual": "107次", "weight": 10},
            {"group": ["产出指标", "质量指标"], "name": "乙", "target": "≥95%", "actual": "97%", "weight": 10},
            {"group": ["产出指标", "时效指标"], "name": "丙", "target": "≥95%", "actual": "97%", "weight": 10},
            {"group": ["效益指标", "社会效益指标"], "name": "丁", "target": "≥90%", "actual": "97%", "weight": 50},
            {"group": ["满意度指标", "服务对象满意度指标"], "name": "戊", "target": "≥90%", "actual": "88%", "weight": 10}]
    subtotals = "\n".join(f'[[sheets.subtotals]]\ngroup = ["{g}"]\nweight = {w}\nclaimed = "{c}"'
                          for g, w, c in (("产出指标", 30, "28.96"), ("效益指标", 50, "50"), ("满意度指标", 10, "9.82")))
    inputs = 'budget = "250"\nexecuted = "231.40"'
    path = write_case(tmp_path, rows, inputs=inputs, sheet='claimed_total = "98.08"\n[sheets.claims]\nexecution = "9.30"\n' + subtotals)
    code, report = diff_json(path)
    total = report["sheets"][0]["total"]
    assert (code, total["computed"], total["status"]) == (0, "97.96", "match"), report["findings"]
    # beyond the tolerance a subtotal explains nothing: 产出 29.02 is over by 0.10, and so is the total
    over = write_case(tmp_path, rows, name="over.toml", inputs=inputs,
                      sheet='claimed_total = "98.14"\n[sheets.claims]\nexecution = "9.30"\n' + subtotals.replace('"28.96"', '"29.02"'))
    code, report = diff_json(over)
    assert code == 1 and report["sheets"][0]["total"]["status"] == "over", report["findings"]
    # a subtotal above its printed weight (效益 50.05 of 50) is over, and explains nothing of the total (review DC A4)
    above = subtotals.replace('"28.96"', '"28.97"').replace('"50"', '"50.05"').replace('"9.82"', '"9.83"')
    heavy = write_case(tmp_path, rows, name="heavy.toml", inputs=inputs, sheet='claimed_total = "98.21"\n[sheets.claims]\nexecution = "9.31"\n' + above)
    code, report = diff_json(heavy)
    assert report["sheets"][0]["total"]["status"] == "over", report["findings"]


def test_an_inner_subtotal_is_what_its_unclaimed_rows_add_to_the_outer_one(tmp_path):
    """产出 50 over 数量 (rows claimed 10 and 10) and 质量 30 (rows blank, its subtotal claimed 30): the
    outer subtotal is 20 + 30, not “各项自评得分合计 20 分，与所填小计 50 分不符” (review CI B2)."""
    rows = [{"group": ["产出指标", g], "name": n, "target": "≥100人", "actual": "100人", "weight": w, **({"claimed": w} if g == "数量指标" else {})}
            for g, n, w in (("数量指标", "甲", 10), ("数量指标", "乙", 10), ("质量指标", "丙", 15), ("质量指标", "丁", 15))]
    rows += [{"group": ["效益指标", "社会效益指标"], "name": "戊", "target": "≥80%", "actual": "90%", "weight": 30, "claimed": 30},
             {"group": ["满意度指标", "服务对象满意度指标"], "name": "己", "target": "≥90%", "actual": "95%", "weight": 10, "claimed": 10}]
    subtotals = "\n".join(f'[[sheets.subtotals]]\ngroup = {json.dumps(g, ensure_ascii=False)}\nweight = {w}\nclaimed = "{w}"'
                          for g, w in ((["产出指标"], 50), (["产出指标", "质量指标"], 30)))
    path = write_case(tmp_path, rows, sheet='claimed_total = "99"\n[sheets.claims]\nexecution = "9"\n' + subtotals)
    code, report = diff_json(path)
    assert code == 0 and not [f for f in report["findings"] if f["severity"] == "error"], report["findings"]
    assert report["sheets"][0]["total"]["status"] == "match"


def test_an_inner_subtotal_claim_adds_to_an_outer_subtotal_that_includes_the_execution_line(tmp_path):
    """项目管理 20 claimed 19 over 投入管理's 预算执行率 row (10, claimed 9: read as the rule's line,
    which the subtotal then includes) and 财务管理 10 (its row blank, its subtotal claimed 10): 9 + 10
    is 19 — written with the line included by hand or by the folded row alike (review FI A2: a
    false “各项自评得分合计 9 分，与所填小计 19 分不符”)."""
    rows = [{"group": ["项目管理", "投入管理"], "name": "预算执行率", "target": "100%", "actual": "95.5%", "weight": 10, "claimed": 9},
            {"group": ["项目管理", "财务管理"], "name": "资金使用合规性", "target": "合规", "actual": "合规", "weight": 10},
            {"group": ["产出指标", "数量指标"], "name": "保障学生人数", "target": "≥1500人", "actual": "1520人", "weight": 40, "claimed": 40},
            {"group": ["效益指标", "社会效益指标"], "name": "办学条件", "target": "有所改善", "actual": "明显改善", "weight": 30, "claimed": 30},
            {"group": ["满意度指标", "服务对象满意度指标"], "name": "家长满意度", "target": "≥90%", "actual": "95%", "weight": 10, "claimed": 10}]
    subtotals = ('[[sheets.subtotals]]\ngroup = ["项目管理"]\nweight = 20\nclaimed = "19"\n'
                 '[[sheets.subtotals]]\ngroup = ["项目管理", "财务管理"]\nweight = 10\nclaimed = "10"\n')
    inputs = 'budget = "80"\nexecuted = "76.4"'
    folded = write_case(tmp_path, rows, inputs=inputs, sheet='claimed_total = "99"\n' + subtotals)
    by_hand = write_case(tmp_path, rows[1:], name="by-hand.toml", inputs=inputs,
                         sheet='claimed_total = "99"\n[sheets.claims]\nexecution = "9"\n'
                         + subtotals.replace('claimed = "19"', 'claimed = "19"\nincludes = ["execution"]'))
    for path in (folded, by_hand):
        code, report = diff_json(path)
        assert code == 0 and not [f for f in report["findings"] if f["severity"] == "error"], report["findings"]
        assert report["sheets"][0]["total"]["status"] == "match", report["sheets"][0]["total"]
    # the inner claim still counts: 财务管理 claimed 8 leaves 9 + 8 = 17 against 19
    code, report = diff_json(write_case(tmp_path, rows, name="short.toml", inputs=inputs,
                                        sheet='claimed_total = "97"\n' + subtotals.replace('claimed = "10"', 'claimed = "8"')))
    said = [f["message"] for f in report["findings"] if f["code"] == "sum_mismatch"]
    assert said == ["项目管理：各项自评得分合计 17 分，与所填小计 19 分不符（相差 2 分）"], report["findings"]


def test_a_subtotal_held_to_its_rows_counts_an_unverifiable_row_in_its_weight_and_exact_ones_within_the_tolerance(tmp_path):
    """Review CJ: rows of exact scores adding to 49.96 under a claimed 50 are within the tolerance (as
    the same 50 on the rows is: A1); a row the rules cannot check counts anywhere in its weight, so
    the group is still held (B1: 50 claimed over rows giving at most 46)."""
    def sheet(actuals, name):
        rows = [{"group": ["产出指标", "数量指标"], "name": n, "target": t, "actual": a, "weight": w}
                for n, t, a, w in zip("甲乙丙", ("≥10000人", "≥100人", "≥100人"), actuals, (20, 20, 10))]
        rows += [{"group": ["效益指标", "社会效益指标"], "name": "丁", "target": "≥80%", "actual": "90%", "weight": 40}]
        subtotals = "\n".join(f'[[sheets.subtotals]]\ngroup = ["{g}"]\nweight = {w}\nclaimed = "{w}"' for g, w in (("产出指标", 50), ("效益指标", 40)))
        path = write_case(tmp_path, rows, name=name, sheet='claimed_total = "100"\n[sheets.claims]\nexecution = "10"\n' + subtotals,
                          inputs='budget = "100"\nexecuted = "100"')
        return [f["message"] for f in diff_json(path)[1]["findings"] if f["code"] == "group_over"]
    assert sheet(("9980人", "100人", "100人"), "close.toml") == []  # 19.96 + 20 + 10 = 49.96: within 0.05 of 50
    said = sheet(("9980人", "80人", "效果良好"), "open.toml")  # 19.96 + 16 + (0～10): at most 45.96
    assert said == ["产出指标：所填小计 50 分，其下各行按规则合计最多应得 45.96 分，高出 4.04 分"], said


def test_a_total_over_says_which_points_were_counted_at_their_claims(tmp_path):
    """A batch's summary carries the total's finding, not the table: where lines the rules cannot
    check count at their claims, the finding says so (review CH C2)."""
    rows = [{"group": ["产出指标", "数量指标"], "name": "甲", "target": "≥100人", "actual": "80人", "weight": 40, "claimed": 40},
            {"group": ["效益指标", "社会效益指标"], "name": "乙", "target": "有所提升", "actual": "效果一般般", "weight": 50, "claimed": 50}]
    path = write_case(tmp_path, rows, sheet='claimed_total = "100"\n[sheets.claims]\nexecution = "10"\n', inputs='budget = "100"\nexecuted = "100"')
    said = [f["message"] for f in diff_json(path)[1]["findings"] if f["code"] == "total_over"]
    assert said == ["总分：自评 100 分，按规则应得 92.00 分（其中 50 分的指标无法核验，已按其可能范围内最接近自评得分的分数计入），高出 8.00 分"], said
