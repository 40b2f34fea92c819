"""Numeric edge cases, each with the outcome README.md ("Edge cases") documents.

Zero and missing budgets, negative amounts, execution above budget, division by zero inside a
rule, very large figures, claims with three or more decimals.  Scored in-process on the shipped
rule files; the exit codes through the real CLI.
"""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from scoring import Case, Engine, FileError, report_loaded
from scoring.engine.lean import LeanEngine
from scoring.numbers import fmt, round_half_up

from conftest import run_cli

NATIONAL = "national.project@2020.1"
SICHUAN = "sichuan.dept-overall@2024.1"
CASE_INFO = {"id": "edge", "unit": "测试单位", "region": ["测试省"], "year": 2024, "source": "测试"}


def report(library, rules, inputs, claims=None, rows=None, **sheet):
    """Score one sheet; returns (the sheet's diff, {finding code: [messages]})."""
    data = {"id": "s", "title": "测试表", "rules": rules, "inputs": inputs, "claims": claims or {}, **sheet}
    if rows:
        data["rows"] = rows
    case = Case.model_validate({"case": CASE_INFO, "sheets": [data]})
    result = report_loaded(case, "case.toml", library, Engine())
    codes: dict[str, list[str]] = {}
    for f in result.findings:
        codes.setdefault(f.code, []).append(f"{f.severity}: {f.message}")
    return result.sheets[0], codes, result.worst_severity


def line(sheet_diff, key):
    return next(r for r in sheet_diff.indicators if key in (r.result.id, r.result.name))


def execution(budget, executed, claim="10"):
    inputs = {"budget_initial": "0"}
    if budget is not None:
        inputs["budget"] = budget
    if executed is not None:
        inputs["executed"] = executed
    return inputs, {"execution": claim}


def sichuan_inputs(library, **given):
    """Every Sichuan input undisclosed except those given (and the one with a rule default)."""
    rules = library.find(SICHUAN)
    inputs = {n: {"undisclosed": True} for n, d in rules.inputs.items() if d.default is None}
    inputs.update(given)
    return inputs


# -- zero and missing budgets --------------------------------------------------------------------


def test_zero_budget_is_a_division_by_zero_the_rule_does_not_cover(library):
    sd, codes, worst = report(library, NATIONAL, *execution("0", "0"))
    row = line(sd, "execution")
    assert row.result.parts[0].state == "error" and "除以零" in row.result.parts[0].reason
    assert row.comparison.status == "unverifiable" and row.comparison.computed is None
    assert any("无法按规则计算" in m and m.startswith("error") for m in codes["rule_error"])
    assert worst == "error"


def test_zero_budget_that_the_rule_states_gets_the_stated_score(library):
    zeros = {k: "0" for k in ("transfer_budget", "transfer_spent", "bond_budget", "bond_spent", "special_budget", "special_spent")}
    sd, codes, _ = report(library, SICHUAN, sichuan_inputs(library, **zeros))
    row = line(sd, "spending_progress")
    assert row.result.computed == Decimal("9.00")
    assert [p.state for p in row.result.parts] == ["not_applicable"] * 3
    assert "部门无专项预算项目，该部分按满分计" in [p.reason for p in row.result.parts]
    assert "rule_error" not in codes


def test_missing_budget_is_an_error_and_the_line_unverifiable(library):
    sd, codes, worst = report(library, NATIONAL, *execution(None, "5"))
    assert line(sd, "execution").comparison.status == "unverifiable"
    assert any("缺少输入“全年预算数”" in m for m in codes["missing_input"]) and worst == "error"


def test_a_partial_sheet_leaves_out_what_was_not_transcribed_without_an_error(library):
    """A transcription of the budget pages only (complete = false): the other indicators' figures
    are not "表中未填写", they were not copied (review BM A4: 28 errors, exit 1, on a partial Sichuan
    sheet whose every transcribed claim was right).  Said, as info; the lean path says the same."""
    given = {"budget_executed": "8926.47", "budget_adjusted": "9000"}
    inputs = {k: v for k, v in sichuan_inputs(library, **given).items() if k in given}
    sd, codes, worst = report(library, SICHUAN, inputs, {"budget_quality": "7.93"}, complete=False)
    assert line(sd, "budget_quality").comparison.status == "match"
    said = codes["missing_input"]
    assert said and all(m.startswith("info: 未录入输入“") and "表不完整，该部分未转录" in m for m in said), said
    assert worst != "error"
    _, codes, worst = report(library, SICHUAN, inputs, {"budget_quality": "7.93"})
    assert all(m.startswith("error: 缺少输入") for m in codes["missing_input"]) and worst == "error"
    # a figure missing beside its indicator's claim and other figures is a blank, not a page left
    # out (review BN D1)
    _, codes, worst = report(library, SICHUAN, {"budget_executed": "8926.47"}, {"budget_quality": "7.93"}, complete=False)
    blank = [m for m in codes["missing_input"] if "财政拨款调整预算数" in m]
    assert blank and blank[0].startswith("error: 缺少输入") and worst == "error", codes["missing_input"]
    # a claims table copied without the figures block: the claim is no figure of it (review BO)
    _, codes, worst = report(library, SICHUAN, {}, {"budget_quality": "7.93"}, complete=False)
    assert all(m.startswith("info: 未录入输入") for m in codes["missing_input"]) and worst != "error", codes["missing_input"]
    case = Case.model_validate({"case": CASE_INFO, "sheets": [{"id": "s", "title": "测试表", "rules": SICHUAN, "inputs": inputs,
                                                             "claims": {"budget_quality": "7.93"}, "complete": False}]})
    lean = LeanEngine().summary(case, case.sheets[0], "case.toml", library.find(SICHUAN), library)
    assert lean.errors == 0 and lean.worst_severity != "error", lean


def test_undisclosed_budget_is_unverifiable_but_not_an_error(library):
    sd, codes, worst = report(library, NATIONAL, *execution({"undisclosed": True, "note": "未公开"}, "5"))
    assert line(sd, "execution").comparison.status == "unverifiable"
    assert "missing_input" not in codes and worst == "warning"


# -- negative amounts -----------------------------------------------------------------------------


def test_negative_amount_below_the_rules_minimum_is_an_invalid_input(library):
    sd, codes, worst = report(library, NATIONAL, *execution("10", "-5"))
    assert line(sd, "execution").comparison.status == "unverifiable"
    assert any("为 -5，小于允许的最小值 0" in m for m in codes["invalid_input"]) and worst == "error"


def test_negative_percentage_the_rules_allow_is_scored(library):
    sd, codes, _ = report(library, SICHUAN, sichuan_inputs(library, asset_change_rate="-5"))
    row = line(sd, "per_capita_assets")
    assert row.result.computed == Decimal("3.00") and row.result.parts[0].band == "Y≤N"
    assert "invalid_input" not in codes


@pytest.mark.parametrize(("target", "actual"), [("≥-5", "-10"), ("≤-5", "0")])
def test_an_unmet_row_with_a_negative_figure_is_left_to_the_evaluator(library, target, actual):
    rows = [{"group": ["产出指标"], "name": "增长率", "target": target, "actual": actual, "weight": 90, "claimed": 90}]
    sd, codes, _ = report(library, NATIONAL, *execution("10", "10"), rows=rows)
    row = line(sd, "增长率")
    assert row.result.parts[0].state == "judgement" and "负数" in row.result.parts[0].reason
    # unmet, however the evaluator scores it: the full 90 claimed is over (review CK B1), a lower claim theirs
    assert (row.comparison.status, row.comparison.high) == ("over", Decimal("89.99"))
    assert "capped" not in codes, "an unmet row never reaches full marks through the cap"
    lower, _, _ = report(library, NATIONAL, *execution("10", "10"), rows=[{**rows[0], "claimed": 60}])
    assert line(lower, "增长率").comparison.status == "unverifiable"


def test_a_negative_actual_against_a_positive_target_scores_what_the_formula_gives(library):
    """A fall where a rise was asked: actual ÷ target is below 0, so 0 (review CL B3: it was left to
    the evaluator, and a claim a cent below the weight passed)."""
    rows = [{"group": ["产出指标"], "name": "增长率", "target": "≥10", "actual": "-3", "weight": 90, "claimed": 89}]
    sd, codes, _ = report(library, NATIONAL, *execution("10", "10"), rows=rows)
    row = line(sd, "增长率")
    assert (row.result.computed, row.comparison.status) == (Decimal("0.00"), "over") and "capped" in codes


def test_a_met_row_with_negative_figures_gets_full_marks(library):
    rows = [{"group": ["效益指标"], "name": "成本变化率", "target": "≤-5%", "actual": "-8%", "weight": 90, "claimed": 90}]
    sd, _, _ = report(library, NATIONAL, *execution("10", "10"), rows=rows)
    assert line(sd, "成本变化率").comparison.status == "match"


# -- execution above budget -----------------------------------------------------------------------


def test_execution_above_budget_is_capped_at_the_weight_and_flagged(library):
    sd, codes, worst = report(library, NATIONAL, *execution("80", "94.99"))
    row = line(sd, "execution")
    assert row.result.computed == Decimal("10.00") and row.comparison.status == "match"
    assert any("按公式得 11.87 分，超出上限，按 10 分计" in m for m in codes["capped"])
    assert any("执行数超过预算数" in m for m in codes["inconsistent_inputs"])
    assert worst == "warning"


def test_a_unit_slip_is_not_also_over_spending_capped(library):
    """86.5万元 written as "865000" against a budget of 85.12 reads as spending ten thousand times the
    budget: the slip check leaves 预算执行率 unscored, so the over-spending check's "已按分值封顶" is
    not said beside it (review BD C1); a real over-spend is still said."""
    sd, codes, _ = report(library, NATIONAL, *execution("85.12", "865000"))
    assert line(sd, "execution").result.computed is None
    messages = codes["inconsistent_inputs"]
    assert len(messages) == 1 and "相差约一万倍" in messages[0], messages
    _, codes, _ = report(library, NATIONAL, *execution("80", "94.99"))
    assert any("执行数超过预算数" in m for m in codes["inconsistent_inputs"])


def test_execution_above_budget_is_a_deviation_where_the_rule_says_so(library):
    sd, _, _ = report(library, SICHUAN, sichuan_inputs(library, budget_executed="120", budget_adjusted="100"))
    assert line(sd, "budget_quality").result.computed == Decimal("6.40")  # |120 − 100| ÷ 100 = 0.2 → (1 − 0.2) × 8
    sd, codes, _ = report(library, SICHUAN, sichuan_inputs(library, budget_executed="300", budget_adjusted="100"))
    assert line(sd, "budget_quality").result.computed == Decimal("0.00")
    assert any("按公式得 -8.00 分，超出下限，按 0 分计" in m for m in codes["capped"])


# -- division by zero inside any rule -------------------------------------------------------------


def test_division_by_zero_in_an_intermediate_value_is_a_rule_error(library):
    sd, codes, worst = report(library, SICHUAN, sichuan_inputs(library, budget_executed="0", budget_adjusted="0"))
    row = line(sd, "budget_quality")
    assert row.result.computed is None and "不能除以零" in row.result.parts[0].reason
    assert any(m.startswith("error: 预算编制质量：无法按规则计算") for m in codes["rule_error"]) and worst == "error"


def test_a_met_row_with_target_zero_gets_full_marks_without_an_overshoot_division(library):
    rows = [{"group": ["产出指标"], "name": "安全事故", "target": "≥0", "actual": "5", "weight": 90, "claimed": 90}]
    sd, codes, _ = report(library, NATIONAL, *execution("10", "10"), rows=rows)
    assert line(sd, "安全事故").comparison.status == "match"
    assert "rule_error" not in codes and "overshoot" not in codes


def test_a_reverse_row_with_target_zero_not_met_scores_zero(library):
    rows = [{"group": ["产出指标"], "name": "安全事故", "target": "≤0", "actual": "1", "weight": 90, "claimed": 90}]
    sd, codes, _ = report(library, NATIONAL, *execution("10", "10"), rows=rows)
    row = line(sd, "安全事故")
    assert row.result.computed == Decimal("0.00") and row.comparison.status == "over"


def test_division_by_zero_in_a_constant_is_refused_at_load(tmp_path):
    proc = run_cli("formulas", "validate", "tests/hostile/division_by_zero_constant.toml")
    assert proc.returncode == 1 and "常量部分“1 / 0”无法计算" in proc.stderr


# -- very large figures ---------------------------------------------------------------------------


def test_large_but_plausible_figures_are_exact(library):
    sd, _, _ = report(library, NATIONAL, *execution("99999999999999.99", "99999999999999.98", "10"))
    assert line(sd, "execution").result.raw == Decimal("99999999999999.98") / Decimal("99999999999999.99") * 10


@pytest.mark.parametrize("figure", [Decimal("1e15"), Decimal("1e30"), Decimal("-1e30"), Decimal("1E+999999999")])
def test_an_implausibly_large_input_is_an_invalid_input_and_not_carried(library, figure):
    sd, codes, worst = report(library, NATIONAL, *execution(figure, "10"))
    row = line(sd, "execution")
    assert row.comparison.status == "unverifiable"
    assert any("绝对值达到或超过 10^15（1000万亿）" in m for m in codes["invalid_input"]) and worst == "error"
    assert all(u.value is None for u in row.result.inputs if u.name == "budget")


def test_an_implausibly_large_row_figure_is_an_unreadable_value(library):
    rows = [{"group": ["产出指标"], "name": "培训人次", "target": "≥1" + "0" * 30, "actual": "5", "weight": 90, "claimed": 1}]
    sd, codes, _ = report(library, NATIONAL, *execution("10", "10"), rows=rows)
    assert line(sd, "培训人次").comparison.status == "unverifiable"
    assert any("数值过大" in m and m.startswith("warning") for m in codes["unreadable_value"])


@pytest.mark.parametrize(
    ("where", "sheet"),
    [
        ("claims.execution", {"claims": {"execution": Decimal("1E+999999999")}}),
        ("claimed_total", {"claimed_total": {"score": Decimal("1e30")}}),
        ("rows[0].weight", {"rows": [{"name": "r", "target": "1", "actual": "1", "weight": Decimal("1e20")}]}),
        ("stated_rates[0].denominator", {"stated_rates": [{"label": "执行率", "stated": "1%", "numerator": "1", "denominator": Decimal("1e16")}]}),
    ],
)
def test_an_implausibly_large_score_or_weight_makes_the_case_unusable(library, where, sheet):
    inputs, claims = execution("10", "10")
    data = {"inputs": inputs, "claims": claims, **sheet}
    with pytest.raises(FileError) as info:
        report(library, NATIONAL, data.pop("inputs"), data.pop("claims"), **data)
    assert where in str(info.value) and "不是可信的数字" in str(info.value)


def test_huge_figures_through_the_cli(tmp_path):
    case = tmp_path / "case.json"
    sheet = {"id": "s", "title": "t", "rules": NATIONAL, "inputs": {"budget": "10", "budget_initial": "0", "executed": "10"}}
    body = {"case": CASE_INFO, "sheets": [dict(sheet, inputs=dict(sheet["inputs"], executed=1e30))]}
    case.write_text(json.dumps(body), encoding="utf-8")
    proc = run_cli("diff", str(case), "--format", "json")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "不是可信的数字" in proc.stdout
    body = {"case": CASE_INFO, "sheets": [dict(sheet, claims={"execution": "1" + "0" * 40})]}
    case.write_text(json.dumps(body), encoding="utf-8")
    proc = run_cli("diff", str(case))
    assert proc.returncode == 2 and "claims.execution" in proc.stderr and "Traceback" not in proc.stderr


def test_results_beyond_the_sandbox_range_stop_with_a_message():
    from scoring.rules.expressions import EvaluationError, Evaluator, compile_expression

    # an intermediate value of 10^500 (built from plausible figures through a chain of values)
    expr = compile_expression("v * v", {"v"}.__contains__)
    with pytest.raises(EvaluationError, match="结果过大"):
        Evaluator().evaluate(expr, {"v": Decimal("1e500")})


def test_rounding_and_display_hold_for_any_magnitude():
    assert round_half_up(Decimal("1e30"), 2) == Decimal("1e30")
    assert fmt(round_half_up(Decimal("1" + "0" * 30 + ".005"), 2)) == "1" + "0" * 30 + ".01"
    assert fmt(Decimal("1E+999999999")) == "1E+999999999"  # not a billion zeros
    assert fmt(Decimal("0E-1026")) == "0"


# -- claims with three or more decimals -------------------------------------------------------------


@pytest.mark.parametrize(
    ("claim", "status", "delta"),
    [
        ("9.000", "match", "0.000"),   # more decimals, same value; delta is the exact difference
        ("9.004", "match", "0.004"),   # within the 0.05 tolerance of the rounded score 9.00
        ("9.05", "match", "0.05"),     # exactly the tolerance: not more than it
        ("9.0501", "over", "0.0501"),
        ("8.95", "match", "-0.05"),
        ("8.949", "under", "-0.051"),
        ("9.0", "match", "0.00"),
        ("9", "match", "0.00"),        # a whole number gets no wider tolerance than any other claim
        ("10", "over", "1.00"),
    ],
)
def test_a_claim_is_compared_within_the_rule_sets_tolerance(library, claim, status, delta):
    sd, _, _ = report(library, NATIONAL, *execution("100", "90", claim))
    cmp = line(sd, "execution").comparison
    assert (cmp.computed, cmp.status, fmt(cmp.delta)) == (Decimal("9.00"), status, delta)


def test_a_whole_number_claim_is_over_by_its_exact_difference(library):
    # 57.1 ÷ 100 × 10 = 5.71: a claim of 6 is 0.29 above it, never "一致 at the claim's precision"
    sd, codes, _ = report(library, NATIONAL, *execution("100", "57.1", "6"))
    cmp = line(sd, "execution").comparison
    assert (cmp.computed, cmp.status, cmp.delta) == (Decimal("5.71"), "over", Decimal("0.29"))
    assert any("高出 0.29 分" in m for m in codes["claim_over"])


def test_a_negative_claim_with_decimals_is_invalid(library):
    sd, _, _ = report(library, NATIONAL, *execution("100", "90", "-0.001"))
    assert line(sd, "execution").comparison.status == "invalid"


@pytest.mark.parametrize("claim", ["3", "0.5", None])
def test_a_line_only_partly_checkable_shows_its_bounds_whatever_the_claim(tmp_path, claim):
    """资产利用率 with its 办公设备 part given (12 of 20: 0.90 of 1.5) and its 办公家具 part not: the
    rules give 0.90～2.40, and `score` (claims left out) and `diff` both say so, never the end of
    the range nearest the claim (review BW A4: a claim of 3 showed 2.40, a claim of 0.5 showed 0.90)."""
    from conftest import SUINING_CASE

    text = SUINING_CASE.read_text(encoding="utf-8")
    text = text.replace('[sheets.inputs.equipment_overage]\nundisclosed = true\n', '[sheets.inputs.equipment_overage]\nvalue = "12.00"\n')
    text = text.replace('[sheets.inputs.equipment_total]\nundisclosed = true\n', '[sheets.inputs.equipment_total]\nvalue = "20.00"\n')
    claimed = 'asset_utilization = { score = "3", source = "附表1 资产利用率 自评得分3" }\n'
    assert claimed in text
    text = text.replace(claimed, "" if claim is None else claimed.replace('"3"', f'"{claim}"', 1))
    case = tmp_path / "case.toml"
    case.write_text(text, encoding="utf-8")
    for command in ("score", "diff"):
        shown = [line for line in run_cli(command, str(case)).stdout.splitlines() if "资产利用率" in line and not line.startswith("- [")]
        assert shown and all("0.90～2.40" in line for line in shown), (command, shown)
        # the reason says what the scored part earned beside what the other lacks (review BW C3)
        assert all("办公设备：得 0.90/1.5 分" in line for line in shown), (command, shown)
