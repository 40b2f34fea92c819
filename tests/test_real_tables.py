"""Real published sheets from six provinces (cases/*.toml beyond the five source documents), each
through `scoring diff CASE --format json` in a subprocess, with the verdict the rules give.

They are more varied than the source documents: execution worth 20, weights printed only on group
headers, ★ rows with "其中…" components, "/" cells, month-only dates, units in words, truncated
rates, placeholder rows, pages cut off, and real errors.
"""

from __future__ import annotations

import json
from functools import cache

import pytest

from conftest import CASES, run_cli, shipped_diff


@cache
def diff(name: str) -> tuple[int, dict]:
    proc = shipped_diff(name)
    assert proc.returncode in (0, 1), proc.stderr
    return proc.returncode, json.loads(proc.stdout)


def sheet(name: str, sheet_id: str | None = None) -> dict:
    sheets = diff(name)[1]["sheets"]
    return sheets[0] if sheet_id is None else next(s for s in sheets if s["id"] == sheet_id)


def line(name: str, indicator: str, sheet_id: str | None = None) -> dict:
    return next(i for i in sheet(name, sheet_id)["indicators"] if i["name"] == indicator)


def codes(name: str, severity: str | None = None) -> list[str]:
    return [f["code"] for f in diff(name)[1]["findings"] if severity is None or f["severity"] == severity]


def messages(name: str, code: str) -> list[str]:
    return [f["message"] for f in diff(name)[1]["findings"] if f["code"] == code]


REAL = {
    "yunnan-lincang-linxiang-linyeju-2023.toml": 0,
    "anhui-luan-jinzhai-chagu-2023.toml": 0,
    "anhui-suzhou-xiaoxian-zhangzhuangzhai-2023.toml": 0,
    "anhui-chizhou-guichi-tangxi-weituo-2022.toml": 1,
    "anhui-chizhou-guichi-tangxi-cunji-2022.toml": 1,
    "hebei-handan-chengan-minzheng-2020.toml": 1,  # 折算得分 counting the weight twice
    "sichuan-suining-anju-shichangjianguan-2021.toml": 0,
    "hubei-wuhan-xinzhou-chujutuan-2020.toml": 1,
    "ningxia-yinchuan-liuzhong-2021.toml": 1,
    "yunnan-baoshan-changning-gongxiaoshe-2022.toml": 0,
    "yunnan-chuxiong-nanhua-yejunchejian.toml": 1,
    "sichuan-suining-daying-sifa-2023.toml": 0,
}


@pytest.mark.parametrize(("name", "code"), sorted(REAL.items()))
def test_exit_code_is_the_verdict(name, code):
    assert diff(name)[0] == code
    assert ("error" in [f["severity"] for f in diff(name)[1]["findings"]]) == (code == 1)


@pytest.mark.parametrize("name", sorted(REAL))
def test_a_partial_sheet_gets_no_full_sheet_verdict_and_says_what_was_checked(name):
    for s in diff(name)[1]["sheets"]:
        t = s["total"]
        if t["complete"]:
            continue
        assert t["status"] in ("incomplete", "over", "under")
        assert float(t["checked_weight"]) <= float(t["weight"])
        proc = run_cli("diff", str(CASES / name)) if name == "yunnan-lincang-linxiang-linyeju-2023.toml" else None
        if proc is not None:
            assert "表不完整" in proc.stdout and "已核对 90 分（满分 100 分）" in proc.stdout


def test_linxiang_execution_claimed_below_the_formula_and_a_truncated_rate_is_consistent():
    name = "yunnan-lincang-linxiang-linyeju-2023.toml"
    execution = line(name, "预算执行率")
    assert (execution["claimed"], execution["computed"], execution["status"]) == ("9", "9.78", "under")
    assert "stated_rate_mismatch" not in codes(name)  # 97.80% is 97.8086% truncated
    assert line(name, "项目完工时限")["status"] == "match"  # "2023年10月" against "2023年12月", at month precision
    assert sheet(name)["rules"]["id"] == "national.project"  # Yunnan 2023: the national rule governs


def test_jinzhai_over_execution_capped_and_flagged_and_month_deadlines_read_with_the_year():
    name = "anhui-luan-jinzhai-chagu-2023.toml"
    assert sheet(name)["rules"]["id"] == "national.dept-overall"
    execution = line(name, "预算执行率")
    assert (execution["computed"], execution["status"]) == ("10.00", "unclaimed")
    assert "capped" in codes(name) and "inconsistent_inputs" in codes(name, "warning")
    assert line(name, "指标1:开展精品示范村建设数量")["status"] == "match"  # "≤4" on a count: an upper bound
    assert line(name, "指标1:完成美丽宜居自然村庄验收时间")["computed"] == "5.00"  # "9月前" vs "7月"
    assert any("53.05%" in m for m in messages(name, "overshoot"))  # 3061 vs ≥2000: flagged, not deducted


def test_zhangzhuangzhai_components_are_checked_not_scored_and_placeholders_skipped():
    name = "anhui-suzhou-xiaoxian-zhangzhuangzhai-2023.toml"
    names = [i["name"] for i in sheet(name)["indicators"]]
    assert "★补助各类瓜果蔬菜种植面积" in names and not any(n.startswith("其中") for n in names)
    mismatch = messages(name, "parent_mismatch")
    assert mismatch and all("★补助家畜家禽养殖数量" in m and "单位不同" in m for m in mismatch)  # 180只 + 12头
    assert len(messages(name, "placeholder_row")) == 3
    assert "subtotal_weight_mismatch" not in codes(name)  # 产出 50, 效益 30 add up


@pytest.mark.parametrize("name", ["anhui-chizhou-guichi-tangxi-weituo-2022.toml", "anhui-chizhou-guichi-tangxi-cunji-2022.toml"])
def test_tangxi_total_budget_row_printed_zero_is_reported_not_repaired(name):
    execution = line(name, "预算执行率")
    assert (execution["claimed"], execution["status"]) == ("0", "unverifiable")
    # the total row's 0 under its 当年财政拨款 row's 132.912: a part above its whole, so 预算执行率 is
    # not scored from the zero (national.project@2020.5; 2020.4 tried, and failed dividing by it)
    assert "rule_error" not in codes(name)
    said = messages(name, "inconsistent_inputs")
    assert len(said) == 2 and all("部分不能大于整体" in m and "预算执行率无法核验" in m for m in said)
    assert any("部分不能大于整体" in m for m in messages(name, "unverifiable"))
    assert "stated_rate_zero_base" not in codes(name)  # 0 ÷ 0 printed 0: nothing to flag
    qualitative = line(name, "对保障村(社区)两委机构正常运行的影响程度" if "cunji" in name else "对维护基建市场公平的影响程度")
    assert (qualitative["low"], qualitative["high"], qualitative["status"]) == ("8.00", "10.00", "match")


def test_tangxi_weituo_units_in_words_and_bare_actuals():
    name = "anhui-chizhou-guichi-tangxi-weituo-2022.toml"
    assert line(name, "委托业务报告合格率")["status"] == "match"  # "≥100百分比" against "100"
    assert line(name, "项目总成本")["computed"] == "8.00"  # "≤90万元" against "90"
    assert "placeholder_row" in codes(name)


def test_chengan_split_target_and_weights_read_from_the_right_column():
    name = "hebei-handan-chengan-minzheng-2020.toml"
    rows = [i for i in sheet(name)["indicators"] if i["id"] != "execution"]
    assert [(i["weight"], i["status"]) for i in rows] == [("25.00", "match"), ("25.00", "match"), ("30.00", "match"), ("10.00", "match")]
    assert "stated_rate_mismatch" not in codes(name)  # "100.00" without a % sign


def test_chengan_converted_scores_count_the_weight_twice():
    # 单项指标折算得分 6.25 = 得分 25.00 × 权重占比 25%: the claims match the rules, the column the
    # total adds up multiplies the weight in a second time, and each row says so with its figures
    name = "hebei-handan-chengan-minzheng-2020.toml"
    said = messages(name, "converted_mismatch")
    assert len(said) == 4 and codes(name, "error") == ["converted_mismatch"] * 4
    assert said[0].startswith("符合条件申报对象覆盖率：折算得分 6.25 分，与自评得分 25.00 分不符：6.25 ＝ 25.00 × 权重占比 25%")
    assert "权重计了两次" in said[2] and "9.00 ＝ 30.00 × 权重占比 30%" in said[2]


def test_anju_execution_worth_twenty_and_group_weight_over_unweighted_rows():
    name = "sichuan-suining-anju-shichangjianguan-2021.toml"
    execution = line(name, "预算执行率")
    assert (execution["weight"], execution["computed"], execution["status"]) == ("20", "20.00", "match")
    assert "weight_adjusted" in codes(name) and "rules_other_sheet_type" in codes(name)
    assert line(name, "指标2:违法案件查办率")["status"] == "unverifiable"  # no weight printed
    assert sheet(name)["total"]["status"] == "incomplete"


def test_xinzhou_weights_that_do_not_add_up_and_a_cost_row_scored_below_its_target():
    name = "hubei-wuhan-xinzhou-chujutuan-2020.toml"
    assert "weights_mismatch" in codes(name, "error")
    assert any("110" in m for m in messages(name, "weights_mismatch"))
    cost = line(name, "演出设备成本件/件")
    assert (cost["computed"], cost["claimed"], cost["status"]) == ("20.00", "18", "under")  # 成本指标 without ≤: lower is better
    t = sheet(name)["total"]
    assert (t["claimed"], t["status"]) == ("98", "unverifiable")
    assert "sum_mismatch" not in codes(name)  # 98 is the rows' claims: the execution line is unclaimed


def test_yinchuan_total_unreachable_and_claims_below_the_rules():
    name = "ningxia-yinchuan-liuzhong-2021.toml"
    assert any("最多 94 分" in m and "98 分" in m for m in messages(name, "sum_mismatch"))
    assert (line(name, "预算执行率")["status"], line(name, "公用经费完成时间")["status"]) == ("under", "under")
    assert line(name, "效果显著")["status"] == "match"  # 13 within 12–15: identical wording reaches the tier
    assert line(name, "管理制度有效性")["status"] == "unverifiable"  # target "-": not given
    assert any("M.8万元" in m for m in messages(name, "unreadable_value"))
    assert "subtotal_weight_mismatch" not in codes(name)  # 项目管理 25 includes the execution line


def test_changning_execution_twenty_times_rate_and_rate_printed_without_percent():
    name = "yunnan-baoshan-changning-gongxiaoshe-2022.toml"
    execution = line(name, "预算执行率")
    assert (execution["weight"], execution["computed"], execution["claimed"], execution["status"]) == ("20", "4.00", "4", "match")
    assert "stated_rate_mismatch" not in codes(name)
    assert "subtotal_over_weight" not in codes(name)  # visible claims 29 ≤ the group's 40


def test_nanhua_year_unknown_and_a_real_over_claim():
    name = "yunnan-chuxiong-nanhua-yejunchejian.toml"
    assert "year_unknown" in codes(name)
    over = line(name, "配套烘干杀菌设备及包装设备购置及安装")
    assert (over["computed"], over["claimed"], over["status"], over["delta"]) == ("0.34", "9.3", "over", "8.96")
    assert line(name, "配套电力设施1250KVA变压器3台")["status"] == "unverifiable"
    assert line(name, "奖补资金兑付率(%)")["status"] == "match"  # actual "≥100%": at least 100


def test_daying_zero_over_zero_and_a_worded_actual_against_a_cost():
    name = "sichuan-suining-daying-sifa-2023.toml"
    assert sheet(name, "anke")["rules"]["id"] == "national.project"  # Sichuan 2023: no provincial file
    assert line(name, "预算执行率", "anke")["status"] == "match"
    assert not [c for c in codes(name) if c.startswith("stated_rate")]
    fragment = line(name, "成本控制数", "preceding-fragment")
    assert fragment["status"] == "unverifiable" and "文字" in fragment["reason"]
