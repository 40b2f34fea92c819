"""The words every output prints for codes: statuses, severities and states of a part, one table
each — terminal tables, markdown, CSV, workbooks, the Word review, the HTML report and the web
app all print these (the labels of finding codes are the findings registry's) — and a signed
difference as people read it."""

from __future__ import annotations

from decimal import Decimal

from .. import __version__
from ..numbers import fmt

STATUS_LABELS = {
    "match": "一致",
    "over": "高报",
    "under": "低报",
    "invalid": "超出分值范围",
    "unverifiable": "无法核验",
    "unclaimed": "未填报",
    "incomplete": "表不完整",
}
SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}
PART_STATES = {
    "scored": "按公式计分",
    "not_applicable": "适用特殊情形",
    "judgement": "需评价人判断",
    "unverifiable": "无法核验",
    "error": "计算出错",
}
# The tool and its version, as every output names it beside the rule hashes.
TOOL = f"scoring {__version__}"


def severity_label(severity: str | None) -> str:
    """错误, 警告, 提示; 无 for a sheet without findings."""
    return SEVERITY_LABELS.get(severity, "无") if severity else "无"


def signed(value: Decimal | None) -> str:
    """A difference with its sign: +0.19, -1.00, 0.00 ("" for none)."""
    if value is None:
        return ""
    return ("+" if value > 0 else "") + fmt(value)


def delta_text(comparison) -> str:
    """An indicator line's difference as a report prints it: `signed`, or, where the rules allow a range and the claim
    lies outside it, from the nearer to the farther end ("+0.01～+2.00": a full claim of 2 on a row held below its
    weight, 0.00～1.99, is over by at least 0.01 and by as much as 2.00; "+0.01" alone read as a slip within the
    tolerance beside 高报, reviews HM, HP, HT)."""
    c = comparison
    if c.delta is None or c.claimed is None or c.low is None or c.high is None or c.low == c.high:
        return signed(c.delta)
    if c.status == "over" and c.claimed > c.high:
        return f"{signed(c.claimed - c.high)}～{signed(c.claimed - c.low)}"
    if c.status == "under" and c.claimed < c.low:
        return f"{signed(c.claimed - c.low)}～{signed(c.claimed - c.high)}"
    return signed(c.delta)
