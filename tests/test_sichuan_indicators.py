"""Every Sichuan 2024 部门整体 indicator, from the shipped formula file: formula, band edges and
not-applicable cases."""

from __future__ import annotations

from decimal import Decimal

import pytest

D = Decimal


def test_budget_quality(score_indicator):
    assert score_indicator("budget_quality", budget_executed="253.87", budget_adjusted="253.87").computed == D("8.00")
    # deviation 10% either way costs 0.8 points
    assert score_indicator("budget_quality", budget_executed=90, budget_adjusted=100).computed == D("7.20")
    assert score_indicator("budget_quality", budget_executed=110, budget_adjusted=100).computed == D("7.20")
    # deviation above 100% is capped at 0, not negative
    assert score_indicator("budget_quality", budget_executed=250, budget_adjusted=100).computed == D("0.00")


def test_budget_quality_zero_budget_is_a_rule_error(score_indicator):
    ind = score_indicator("budget_quality", budget_executed=0, budget_adjusted=0)
    assert ind.computed is None and ind.parts[0].state == "error" and "除以零" in ind.parts[0].reason


def test_duty_performance(score_indicator):
    assert score_indicator("duty_performance", duty_targets_set=5, duty_targets_met=5).computed == D("10.00")
    assert score_indicator("duty_performance", duty_targets_set=6, duty_targets_met=5).computed == D("8.33")


def test_spending_progress_parts_and_not_applicable(score_indicator):
    full = dict(transfer_budget=0, transfer_spent=0, bond_budget=0, bond_spent=0, special_budget=100, special_spent=50)
    ind = score_indicator("spending_progress", **full)
    assert [p.state for p in ind.parts] == ["not_applicable", "not_applicable", "scored"]
    assert ind.computed == D("7.50")
    # over-spending does not earn more than the part's 3 points
    over = {**full, "special_spent": 150}
    assert score_indicator("spending_progress", **over).computed == D("9.00")


def test_spending_progress_partly_undisclosed_gives_bounds(score_indicator):
    ind = score_indicator("spending_progress", special_budget=10, special_spent=10, bond_budget=0)
    assert ind.computed is None
    assert (ind.low_raw, ind.high_raw) == (D(6), D(9))


def test_year_end_balance(score_indicator):
    assert score_indicator("year_end_balance", year_end_unspent=0, dept_budget_total="253.87").computed == D("8.00")
    assert score_indicator("year_end_balance", year_end_unspent="6.14", dept_budget_total=100).computed == D("7.51")


def test_general_spending_base_and_bonus(score_indicator):
    # budget cut 5% → 1.5 + min(1, 1.0); execution cut 2.5% → 1.5 + 1.0
    ind = score_indicator("general_spending", general_budget_prev=100, general_budget_cur=95, general_exec_prev=100, general_exec_cur="97.5")
    assert ind.computed == D("5.00")
    # no cut at all: nothing; an increase must not give negative points
    ind = score_indicator("general_spending", general_budget_prev=100, general_budget_cur=110, general_exec_prev=100, general_exec_cur=100)
    assert ind.computed == D("0.00")
    # deep cuts reach the bonus caps: 1.5 + 1 + 1.5 + 2
    ind = score_indicator("general_spending", general_budget_prev=100, general_budget_cur=50, general_exec_prev=100, general_exec_cur=50)
    assert ind.computed == D("6.00")


@pytest.mark.parametrize(
    ("y", "expected"),
    [
        ("-38", "3"),
        ("-4.63", "3"),  # Y = N: Y ≤ N
        ("-4.62", "2"),  # just above N
        ("-3.704", "2"),  # Y = 0.8N: N < Y ≤ 0.8N
        ("-3.703", "1"),
        ("-2.315", "1"),  # Y = 0.5N exactly: 0.8N < Y ≤ 0.5N
        ("-2.32", "1"),  # the printed, rounded 0.5N
        ("-2.314", "0"),  # Y > 0.5N
        ("0", "0"),
        ("25", "0"),
    ],
)
def test_per_capita_assets_band_edges(score_indicator, y, expected):
    ind = score_indicator("per_capita_assets", asset_change_rate=y)
    assert ind.computed == D(expected).quantize(D("0.01")), (y, ind.parts[0].band)


def test_a_band_with_formula_edges_says_them_as_numbers(score_indicator):
    """"0.8N＜Y≤0.5N" is read by the officer as the figures it stands for, in the figure's unit
    (review BW C2); a band whose edges are numbers already shows them in its label."""
    from scoring.output.reasons import reason

    ind = score_indicator("per_capita_assets", asset_change_rate="-3.5")
    assert (ind.parts[0].band, ind.parts[0].band_range) == ("0.8N＜Y≤0.5N", "大于 -3.704% 且不超过 -2.315%")
    assert "落在档位“0.8N＜Y≤0.5N”（大于 -3.704% 且不超过 -2.315%）" in reason(ind)
    assert score_indicator("per_capita_assets", asset_change_rate="-40").parts[0].band_range == "不超过 -4.63%"
    ind = score_indicator("asset_revitalization", idle_assets_cur=7, total_assets_cur=100, idle_assets_prev=10, total_assets_prev=100)
    assert (ind.parts[0].band, ind.parts[0].band_range) == ("60%＜变化率≤80%", "")


def test_asset_utilization_parts(score_indicator):
    ind = score_indicator("asset_utilization", furniture_overage=5, furniture_total=10, equipment_overage=0, equipment_total=0)
    assert ind.computed == D("2.25")
    assert ind.parts[1].state == "not_applicable"


@pytest.mark.parametrize(
    ("ratio_inputs", "expected"),
    [
        # (idle now, total now, idle prev, total prev) → change ratio
        ((6, 100, 10, 100), "2.4"),  # 60% exactly: ≤60%
        (("6.01", 100, 10, 100), "1.8"),  # just above 60%
        ((8, 100, 10, 100), "1.8"),  # 80% exactly
        (("8.01", 100, 10, 100), "1.2"),
        ((10, 100, 10, 100), "1.2"),  # 100% exactly
        (("10.01", 100, 10, 100), "0"),  # above 100%
    ],
)
def test_asset_revitalization_band_edges(score_indicator, ratio_inputs, expected):
    cur, total_cur, prev, total_prev = ratio_inputs
    ind = score_indicator("asset_revitalization", idle_assets_cur=cur, total_assets_cur=total_cur, idle_assets_prev=prev, total_assets_prev=total_prev)
    assert ind.computed == D(expected).quantize(D("0.01"))


def test_asset_revitalization_not_applicable_cases(score_indicator):
    no_idle = score_indicator("asset_revitalization", idle_assets_cur=0, total_assets_cur=10)
    assert no_idle.computed == D("3.00") and no_idle.parts[0].state == "not_applicable"
    new_idle = score_indicator("asset_revitalization", idle_assets_cur=1, total_assets_cur=10, idle_assets_prev=0, total_assets_prev=10)
    assert new_idle.computed == D("0.00") and "无穷大" in new_idle.parts[0].reason


def test_sme_support(score_indicator):
    assert score_indicator("sme_support", sme_noncompliant=False).computed == D("3.00")
    assert score_indicator("sme_support", sme_noncompliant=True).computed == D("0.00")


def test_procurement_execution(score_indicator):
    assert score_indicator("procurement_execution", procurement_paid="0.74", procurement_budget="0.74", procurement_savings=0).computed == D("3.00")
    # the Panzhihua case's figures: 32.18 ÷ 34.38 × 3 = 2.808…
    assert score_indicator("procurement_execution", procurement_paid="32.18", procurement_budget="34.38", procurement_savings=0).computed == D("2.81")
    na = score_indicator("procurement_execution", procurement_paid=0, procurement_budget=0, procurement_savings=0)
    assert na.computed == D("3.00") and na.parts[0].state == "not_applicable"


@pytest.mark.parametrize(
    ("indicator", "bad_input"),
    [
        ("decision_process", "stage_no_exante"),
        ("target_setting", "stage_target_mismatch"),
        ("execution_direction", "stage_misdirected"),
    ],
)
def test_project_count_indicators(score_indicator, indicator, bad_input):
    from scoring import load_rule_dir

    weight = next(i.weight for i in load_rule_dir().find("sichuan.dept-overall").indicators if i.id == indicator)
    assert score_indicator(indicator, stage_projects=4, **{bad_input: 0}).computed == weight.quantize(D("0.01"))
    assert score_indicator(indicator, stage_projects=4, **{bad_input: 1}).computed == (weight * 3 / 4).quantize(D("0.01"))
    judged = score_indicator(indicator, stage_projects=0, **{bad_input: 0})
    assert judged.computed is None and judged.parts[0].state == "judgement"


def test_execution_direction_reads_the_typo_as_weight(score_indicator):
    # printed "4 − share × 5" could never reach 5; the file scores weight − share × weight
    assert score_indicator("execution_direction", stage_projects=2, stage_misdirected=0).computed == D("5.00")
    assert score_indicator("project_adjustment", adjust_needed=2, adjust_missed=0).computed == D("6.00")
    assert score_indicator("project_adjustment", adjust_needed=2, adjust_missed=1).computed == D("3.00")
    na = score_indicator("project_adjustment", adjust_needed=0, adjust_missed=0)
    assert na.computed == D("6.00") and na.parts[0].state == "not_applicable"


def test_project_registration_defaults_to_full_marks(score_indicator):
    ind = score_indicator("project_registration", stage_projects=3)
    assert ind.computed == D("4.00")
    assert ind.inputs[-1].state == "default" or any(u.state == "default" for u in ind.inputs)
    assert score_indicator("project_registration", stage_projects=4, stage_late_registered=1).computed == D("3.00")
    assert score_indicator("project_registration", stage_projects=0).parts[0].state == "not_applicable"


def test_a_defaulted_figure_written_undisclosed_takes_its_default_on_both_paths(tmp_path):
    """未披露 written for 逾期入库项目数, whose rule says “（默认满分）”(未报告按0个计): the default, as for a
    cell left blank, on the traced path and the lean one alike (review EL B1: it was unverifiable)."""
    import json

    from conftest import CASES, run_cli

    text = (CASES / "sichuan-suining-anju-jxb-2024.toml").read_text(encoding="utf-8")
    anchor = "[sheets.inputs.stage_no_exante]"
    case = tmp_path / "case.toml"
    case.write_text(text.replace(anchor, "[sheets.inputs.stage_late_registered]\nundisclosed = true\n\n" + anchor, 1), encoding="utf-8")
    scored = {}
    for path in (CASES / "sichuan-suining-anju-jxb-2024.toml", case):
        diff = json.loads(run_cli("diff", str(path), "--format", "json").stdout)
        line = next(i for s in diff["sheets"] for i in s["indicators"] if i["id"] == "project_registration")
        batch = json.loads(run_cli("batch", str(path), "--format", "json").stdout)
        scored[path.name] = (line["computed"], line["status"], sorted((s["sheet_id"], s["computed_total"]) for s in batch["sheets"]))
    assert scored["case.toml"] == scored["sichuan-suining-anju-jxb-2024.toml"] and scored["case.toml"][0] == "4.00", scored


def test_execution_result_parts(score_indicator):
    ind = score_indicator("execution_result", annual_projects=1, annual_low_balance=1, stage_projects=3, stage_low_balance=2)
    assert ind.computed == D("3.33")
    na = score_indicator("execution_result", annual_projects=0, stage_projects=0)
    assert na.computed == D("4.00") and all(p.state == "not_applicable" for p in na.parts)


def test_target_completion_and_effect(score_indicator):
    assert score_indicator("target_completion", stage_projects=4, stage_quantity_met=3).computed == D("4.50")
    assert score_indicator("realized_effect", stage_projects=4, stage_benefit_met=3).computed == D("3.75")
    assert score_indicator("realized_effect", stage_projects=0, stage_benefit_met=0).parts[0].state == "judgement"


def test_target_deviation(score_indicator):
    assert score_indicator("target_deviation", quantity_completed=3, quantity_within_30=2).computed == D("4.00")
    assert score_indicator("target_deviation", quantity_completed=0, quantity_within_30=0).parts[0].state == "judgement"


def test_every_indicator_is_covered_here(sichuan):
    import inspect
    import sys

    source = inspect.getsource(sys.modules[__name__])
    missing = [i.id for i in sichuan.indicators if f'"{i.id}"' not in source]
    assert not missing, f"indicators without a test: {missing}"
