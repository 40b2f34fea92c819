"""Findings: what a review reports about a sheet, each under a code declared once, here.

A finding is a severity, a code, a message in Chinese and the place it concerns.  The registry
below is the only place a code's severity and its Chinese label are decided: every call site
names the code and gets its severity from here (`finding`), and every report that names a kind
of finding — the HTML report's table of finding types, the web app — prints the label from here.
A few kinds are sometimes louder or quieter than usual, and say so: `grade_changed` is an error
when the claimed grade is higher than the rules give and only information when it is lower; a
rule file's own consistency check (`inconsistent_inputs`) declares whether it is an error or a
warning; a parent row whose children's weights do not add up to its own is an error, its figures
not adding up a warning.

``claim``: the finding is about the claims a sheet makes, not about its figures or its rules;
`score` shows what the rules give and leaves these to `diff`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning", "info"]
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True)
class Finding:
    severity: Severity
    code: str
    message: str
    where: str


@dataclass(frozen=True)
class Kind:
    """A kind of finding: its code, its severity, its label for people, and whether it is about claims."""

    code: str
    severity: Severity
    label: str
    claim: bool = False
    also: tuple[Severity, ...] = ()  # other severities a call site may give it, for the reason it states


KINDS: dict[str, Kind] = {kind.code: kind for kind in (
    # claims against what the rules give
    Kind("claim_over", "error", "单项自评高于应得分", claim=True),
    Kind("claim_under", "info", "单项自评低于应得分", claim=True),
    Kind("claim_invalid", "error", "自评超出分值范围", claim=True),
    Kind("unverifiable", "warning", "无法核验", claim=True),
    Kind("unclaimed", "info", "未填自评得分", claim=True),
    Kind("total_over", "error", "总分自评高于应得分", claim=True),
    Kind("total_under", "info", "总分自评低于应得分", claim=True),
    Kind("sum_mismatch", "error", "各项合计与总分（小计）不符", claim=True, also=("warning",)),
    Kind("converted_mismatch", "error", "折算得分与自评得分不符", claim=True, also=("warning",)),
    Kind("subtotal_over_weight", "error", "小计超过分组分值", claim=True),
    Kind("group_over", "error", "分组自评高于应得分", claim=True),
    Kind("group_under", "info", "分组自评低于应得分", claim=True),
    Kind("grade_changed", "error", "等级与规则不符", claim=True, also=("info",)),
    Kind("grade_inconsistent", "warning", "所写等级与总分不符", claim=True),
    # the sheet's printed structure
    Kind("subtotal_empty", "error", "小计下没有指标"),
    Kind("subtotal_weight_mismatch", "warning", "分组分值与各项不符"),
    Kind("weights_mismatch", "error", "各行分值合计不符"),
    Kind("weight_fixed", "error", "所印分值与规则不符"),
    Kind("weight_invalid", "error", "所印分值无效"),
    Kind("weight_adjusted", "info", "按表中所印分值计分"),
    Kind("weight_from_group", "info", "分值按分组标题推得"),
    Kind("weight_from_total", "info", "分值按全表满分推得"),
    Kind("published_reading", "info", "公开表的读法说明"),
    Kind("parent_mismatch", "warning", "父行与其下各行不符", also=("error", "info")),
    Kind("placeholder_row", "info", "空行已跳过"),
    Kind("rows_missing", "info", "未录入逐行指标"),
    Kind("duplicate_row", "warning", "指标行重复"),
    Kind("indicator_row", "info", "指标行即规则指标", also=("warning",)),
    Kind("printed_value", "warning", "按所印比率计分"),
    Kind("component_row", "info", "“其中”行不单独计分"),
    Kind("deductions_undisclosed", "info", "扣分情况未披露"),
    Kind("deduction_short", "error", "扣分少于规则", claim=True),
    Kind("deduction_as_claimed", "info", "扣分按自评计"),
    # figures
    Kind("missing_input", "error", "缺少规则需要的数字", also=("info",)),
    Kind("invalid_input", "error", "数字无效"),
    Kind("inconsistent_inputs", "error", "数字互相矛盾", also=("warning",)),
    Kind("stated_rate_mismatch", "warning", "所述比率与金额不符"),
    Kind("stated_rate_unreadable", "warning", "所述比率无法识读"),
    Kind("stated_rate_zero_base", "warning", "比率分母为零"),
    # target/actual rows
    Kind("unreadable_value", "warning", "数值无法识读"),
    Kind("unknown_comparator", "error", "比较符号未知"),
    Kind("unknown_row_rule", "warning", "赋分规则未知"),
    Kind("row_rule_read", "info", "赋分规则按相近写法读"),
    Kind("unit_mismatch", "warning", "单位不一致且无换算"),
    Kind("unit_converted", "info", "单位已换算"),
    Kind("overshoot", "warning", "完成值远超指标值"),
    Kind("direction_unstated", "warning", "指标方向未写明"),
    # the rules
    Kind("rule_error", "error", "无法按规则计算"),
    Kind("capped", "info", "按公式超出上下限"),
    Kind("rule_source_defect", "info", "规则来源文件自身的错误"),
    Kind("rules_other_region", "warning", "指定的规则属于其他地区"),
    Kind("rules_other_year", "warning", "指定的规则不适用于该年度"),
    Kind("rules_superseded", "warning", "指定的规则版本已被修订"),
    Kind("rules_other_sheet_type", "warning", "指定的规则属于其他表类型"),
    Kind("rules_fallback", "warning", "本地规则不适用于该年度，按上级规则计分", also=("info",)),
    Kind("rules_modified", "warning", "规则集内容与已发布的版本不同"),
    Kind("rules_revision", "info", "按未发布的修订版本计分"),
    Kind("sheet_refused", "error", "该表无法复核（案例中其他表照常复核）"),
    Kind("year_unknown", "info", "案例未写明年度"),
    # the line a findings table shows when there is nothing to report
    Kind("none", "info", "未发现问题"),
)}

# Findings about the claims a sheet makes: `score` leaves them to `diff`.
CLAIM_CODES = frozenset(kind.code for kind in KINDS.values() if kind.claim)


def finding(code: str, message: str, where: str, severity: Severity | None = None) -> Finding:
    """A finding of the registered kind ``code``, at its registered severity, or at ``severity``
    where the kind allows it (`Kind.also`).  An unregistered code or a severity the kind does not
    allow is a programming error (KeyError, ValueError), never a finding people see."""
    kind = KINDS[code]
    if severity is None or severity == kind.severity:
        return Finding(kind.severity, code, message, where)
    if severity not in kind.also:
        raise ValueError(f"finding {code} cannot be of severity {severity}")
    return Finding(severity, code, message, where)


def label(code: str) -> str:
    """The Chinese name of a kind of finding (a code not registered is shown as it is)."""
    kind = KINDS.get(code)
    return kind.label if kind is not None else code
