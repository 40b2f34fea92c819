"""Rendering reports for people (tables, markdown, CSV for spreadsheets) and for programs (JSON).

Headers and labels are Chinese, indicator names exactly as the forms print them; JSON keeps its
documented keys and status codes.  Every output names the rule set (id, version, sha256) and the
version of this tool.
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

from tabulate import tabulate

from . import __version__
from .engine.results import CaseReport, IndicatorDiff, IndicatorResult, SheetDiff
from .numbers import fmt, round_half_up
from .review.grades import span_text

# The one table of status words: terminal tables, CSV, workbooks and the HTML report all use it.
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
FORMATS = ("table", "json", "csv", "markdown")
TOOL = f"scoring {__version__}"
# Excel and WPS read a CSV file as the system's code page (GBK on Chinese Windows) unless it
# starts with a byte order mark; with it they read UTF-8.
CSV_BOM = "\ufeff"


def _short(value: object) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Decimal):
        # intermediate values can carry 28 digits; four decimals are plenty to read them
        return fmt(round_half_up(value, 4).normalize())
    return str(value)


def reason(ind: IndicatorResult) -> str:
    """A one-line reason for the points an indicator lost, or why it could not be checked."""
    if ind.interval:
        return "；".join(p.reason for p in ind.parts if p.reason)
    if not ind.verifiable:
        return "；".join(dict.fromkeys(p.reason for p in ind.parts if p.state in ("unverifiable", "judgement", "error")))
    notes = []
    for part in ind.parts:
        label = "" if ind.single else f"{part.name}："
        if part.state == "not_applicable":
            notes.append(f"{label}{part.reason}")
        elif part.score is not None and part.score < part.weight:
            detail = f"落在档位“{part.band}”" if part.band else ""
            notes.append(f"{label}得 {fmt(round_half_up(part.score, 2))}/{fmt(part.weight)} 分{('，' + detail) if detail else ''}")
    if ind.computed is not None and ind.computed < ind.weight:
        shown = "，".join(f"{v.label}＝{_short(v.value)}" for v in ind.values if v.kind == "value")
        lost = f"失 {fmt(ind.weight - ind.computed)} 分"
        return "；".join(x for x in (lost, shown, *notes) if x)
    return "；".join(notes)


def _group(ind: IndicatorResult) -> str:
    return "/".join(ind.group)


# -- table / markdown ------------------------------------------------------------------------


def render_score(report: CaseReport, fmt_name: str) -> str:
    """The computed sheet(s): one row per indicator with the reason for any point lost."""
    if fmt_name in ("json", "csv"):
        return _for_programs(report, fmt_name)
    tablefmt = "github" if fmt_name == "markdown" else "simple"
    out = [_heading(report, fmt_name)]
    for sd in report.sheets:
        rows = [[_group(r.result), r.result.name, fmt(r.result.weight) or "未印出", _computed_text(r), reason(r.result)] for r in sd.indicators]
        rows += _deduction_rows(sd, computed_only=True)
        t = sd.total
        rows.append(["", "合计", fmt(t.weight), rules_total_text(sd), _total_note(sd, with_claims=False)])
        out.append(_sheet_heading(sd, fmt_name))
        out.append(tabulate(rows, headers=["分组", "指标", "分值", "计算得分", "说明"], tablefmt=tablefmt, disable_numparse=True))
    out.append(_findings_block(report.rule_findings, fmt_name, levels=("error", "warning")))
    return "\n\n".join(x for x in out if x) + "\n"


def render_diff(report: CaseReport, fmt_name: str) -> str:
    """Claimed against computed, per indicator and in total, then every finding."""
    if fmt_name in ("json", "csv"):
        return _for_programs(report, fmt_name)
    tablefmt = "github" if fmt_name == "markdown" else "simple"
    out = [_heading(report, fmt_name)]
    for sd in report.sheets:
        rows = []
        for r in sd.indicators:
            c = r.comparison
            if r.result.interval or (c.computed is None and c.low is not None):
                computed = f"{fmt(c.low)}～{fmt(c.high)}"
            else:
                computed = fmt(c.computed) or ""
            rows.append([r.result.name, fmt(r.result.weight) or "未印出", fmt(c.claimed) or "", computed, _signed(c.delta), STATUS_LABELS[c.status], reason(r.result) if c.status != "match" else ""])
        rows += _deduction_rows(sd, computed_only=False)
        t = sd.total.comparison
        rows.append(["合计", fmt(sd.total.weight), fmt(t.claimed) or "", fmt(t.computed), _signed(t.delta), STATUS_LABELS[t.status], _total_note(sd)])
        out.append(_sheet_heading(sd, fmt_name))
        out.append(tabulate(rows, headers=["指标", "分值", "自评得分", "计算得分", "差额", "状态", "说明"], tablefmt=tablefmt, disable_numparse=True))
    out.append(_findings_block(report.findings, fmt_name, levels=("error", "warning", "info")))
    return "\n\n".join(x for x in out if x) + "\n"


def _computed_text(row: IndicatorDiff) -> str:
    ind, c = row.result, row.comparison
    if ind.verifiable:
        return fmt(ind.computed)
    if ind.interval:
        return f"{fmt(c.low)}～{fmt(c.high)}"
    return "无法核验"


def _for_programs(report: CaseReport, fmt_name: str) -> str:
    # score and diff share one JSON form (for programs) and one CSV form (for spreadsheets)
    return to_json(report) if fmt_name == "json" else to_csv(report)


def _signed(value: Decimal | None) -> str:
    if value is None:
        return ""
    return ("+" if value > 0 else "") + fmt(value)


def _deduction_rows(sd: SheetDiff, computed_only: bool) -> list[list[str]]:
    rows = []
    for d in sd.sheet.deductions:
        amount = "未披露" if d.deduction is None else ("-" + fmt(d.deduction) if d.deduction else "0")
        if computed_only:
            rows.append(["/".join(d.group), d.name, "扣分项", amount, "" if d.findings is None else f"发现问题 {fmt(d.findings)} 处"])
        else:
            rows.append([d.name, "扣分项", "", amount, "", "", ""])
    return rows


def rules_total_text(sd: SheetDiff) -> str:
    """What the rules give for the whole sheet, claims left out: a point, or the range."""
    c = sd.total.comparison
    if c.low == c.high:
        return fmt(c.low)
    return f"{fmt(c.low)}～{fmt(c.high)}"


def _total_note(sd: SheetDiff, with_claims: bool = True) -> str:
    t = sd.total
    c = t.comparison
    parts = []
    if not t.complete:
        parts.append(f"表不完整：只录入了部分指标，已核对 {fmt(t.checked_weight)} 分（满分 {fmt(t.weight)} 分），不对全表总分下结论")
    elif t.unverified_weight:
        counted = "，在其可能范围内按自评得分计入" if with_claims else ""
        parts.append(f"其中 {fmt(t.unverified_weight)} 分的指标无法核验{counted}")
    if c.low != c.high:
        parts.append(f"按规则可能范围 {fmt(c.low)}～{fmt(c.high)}")
    if with_claims and c.status == "match" and c.delta is not None and abs(c.delta) > sd.sheet.tolerance:
        parts.append(f"差额 {_signed(c.delta)} 在各行容差内差额累计（{fmt(t.allowance)}）之内")
    if t.deductions:
        parts.append(f"已扣 {fmt(t.deductions)} 分")
    if t.grades:
        grade = f"等级：按规则 {span_text(t.grades)}"
        if with_claims and t.claimed_grade:
            grade += f"，自评 {t.claimed_grade}"
        parts.append(grade)
    return "；".join(parts)


def total_note(sd: SheetDiff) -> str:
    """What the total line says beside the figures: partial sheet, unverifiable points, range,
    tolerance, deductions and grades."""
    return _total_note(sd)


def _heading(report: CaseReport, fmt_name: str) -> str:
    title = f"{report.unit}（{report.path}）"
    return f"# {title}" if fmt_name == "markdown" else title


def _sheet_heading(sd: SheetDiff, fmt_name: str) -> str:
    r = sd.sheet.rules
    line = f"{sd.sheet.title} —— 规则 {r.id}@{r.version}（sha256 {r.sha256[:12]}），{TOOL}"
    return f"## {line}" if fmt_name == "markdown" else line


def _findings_block(findings: list, fmt_name: str, levels: tuple[str, ...]) -> str:
    shown = [f for f in findings if f.severity in levels]
    if not shown:
        return ""
    head = "## 发现" if fmt_name == "markdown" else "发现："
    lines = [f"- [{SEVERITY_LABELS[f.severity]}] {f.message}（{f.where}）" for f in shown]
    return "\n".join([head, *lines])


# -- JSON / CSV --------------------------------------------------------------------------------


def _indicator_json(r: IndicatorDiff) -> dict:
    ind, c = r.result, r.comparison
    return {
        "id": ind.id,
        "name": ind.name,
        "group": list(ind.group),
        "weight": fmt(ind.weight),
        "claimed": fmt(c.claimed),
        "computed": fmt(c.computed),
        "low": fmt(c.low),
        "high": fmt(c.high),
        "status": c.status,
        "delta": fmt(c.delta),
        "tolerance": fmt(c.tolerance),
        "reason": reason(ind),
        "parts": [
            {"id": p.id, "name": p.name, "weight": fmt(p.weight), "state": p.state, "score": fmt(p.score), "band": p.band or None, "reason": p.reason or None}
            for p in ind.parts
        ],
    }


def report_dict(report: CaseReport) -> dict:
    """The report as plain JSON-ready data: numbers as decimal strings."""
    sheets = []
    for sd in report.sheets:
        t = sd.total
        r = sd.sheet.rules
        sheets.append({
            "id": sd.sheet.id,
            "title": sd.sheet.title,
            "rules": {"id": r.id, "version": r.version, "sha256": r.sha256, "title": r.title, "claim_tolerance": fmt(sd.sheet.tolerance)},
            "indicators": [_indicator_json(row) for row in sd.indicators],
            "deductions": [
                {"id": d.id, "name": d.name, "per_finding": fmt(d.per_finding), "findings": fmt(d.findings), "deduction": fmt(d.deduction)}
                for d in sd.sheet.deductions
            ],
            "total": {
                "weight": fmt(t.weight),
                "claimed": fmt(t.comparison.claimed),
                "computed": fmt(t.comparison.computed),
                "low": fmt(t.comparison.low),
                "high": fmt(t.comparison.high),
                "unverified_weight": fmt(t.unverified_weight),
                "checked_weight": fmt(t.checked_weight),
                "complete": t.complete,
                "deductions": fmt(t.deductions),
                "claimed_parts_sum": fmt(t.claimed_parts_sum),
                "status": t.comparison.status,
                "delta": fmt(t.comparison.delta),
                "tolerance": fmt(t.comparison.tolerance),
                "grade": span_text(t.grades) or None,
                "grades": list(t.grades),
                "claimed_grade": t.claimed_grade,
            },
        })
    return {
        "case": report.case_id,
        "unit": report.unit,
        "path": report.path,
        "scoring_version": __version__,
        "sheets": sheets,
        "findings": [{"severity": f.severity, "code": f.code, "message": f.message, "where": f.where} for f in report.findings],
    }


def csv_safe(value: object) -> object:
    """A text cell a spreadsheet would take for a formula (=, +, -, @ first) is quoted with '."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        try:
            Decimal(value)
            return value  # a signed number, e.g. a delta of -1.00
        except ArithmeticError:
            return "'" + value
    return value


def to_json(report: CaseReport) -> str:
    return json.dumps(report_dict(report), ensure_ascii=False, indent=2) + "\n"


CSV_COLUMNS = [
    "案例编号", "表编号", "规则版本", "规则 sha256", "scoring 版本", "指标编号", "指标", "分值", "自评得分", "计算得分",
    "下限", "上限", "差额", "状态", "说明",
]


def to_csv(report: CaseReport) -> str:
    """One row per indicator and one per sheet total, for spreadsheets: UTF-8 with a BOM, Chinese
    headers and the status words of the table (programs read the JSON)."""
    buf = io.StringIO()
    buf.write(CSV_BOM)
    w = csv.writer(buf)
    w.writerow(CSV_COLUMNS)
    for sd in report.sheets:
        r = sd.sheet.rules
        rules = (report.case_id, sd.sheet.id, f"{r.id}@{r.version}", r.sha256, __version__)
        for row in sd.indicators:
            c = row.comparison
            w.writerow([csv_safe(x) for x in (*rules, row.result.id, row.result.name, fmt(row.result.weight), fmt(c.claimed), fmt(c.computed), fmt(c.low), fmt(c.high), fmt(c.delta), STATUS_LABELS[c.status], reason(row.result))])
        t = sd.total.comparison
        w.writerow([csv_safe(x) for x in (*rules, "total", "合计", fmt(sd.total.weight), fmt(t.claimed), fmt(t.computed), fmt(t.low), fmt(t.high), fmt(t.delta), STATUS_LABELS[t.status], _total_note(sd))])
    return buf.getvalue()


# -- explain -----------------------------------------------------------------------------------

PART_STATES = {
    "scored": "按公式计分",
    "not_applicable": "适用特殊情形",
    "judgement": "需评价人判断",
    "unverifiable": "无法核验",
    "error": "计算出错",
}


def render_explain(report: CaseReport, key: str | None) -> str:
    """Per indicator: rule text, each input with value and source, intermediate values, band,
    not-applicable clause, caps and rounding, and the claim against the result."""
    out = []
    for sd in report.sheets:
        rows = [row for row in sd.indicators if key is None or key in (row.result.id, row.result.name)]
        if not rows:
            continue
        r = sd.sheet.rules
        out.append(f"{sd.sheet.title} —— 规则 {r.id}@{r.version}（{r.path}，sha256 {r.sha256}），{TOOL}")
        out.extend(_explain_indicator(row) for row in rows)
    return "\n\n".join(out) + "\n"


def _explain_indicator(row: IndicatorDiff) -> str:
    ind, c = row.result, row.comparison
    lines = [f"【{ind.name}】（{ind.id}，{'/'.join(ind.group)}，分值 {fmt(ind.weight) or '未印出'}）", f"  评分规则（原文）：{ind.rule_text}"]
    if ind.decision:
        lines.append(f"  本规则的取舍：{ind.decision}")
    if ind.inputs:
        lines.append("  输入：")
        for u in ind.inputs:
            state = {"given": "", "default": "（规则默认值）", "undisclosed": "（未披露）", "missing": "（缺失）", "invalid": "（无效）"}[u.state]
            written = u.value is None and u.state == "given"  # a row's target or actual: the text as written
            value = u.note if written else ("—" if u.value is None else _short(u.value) + u.unit)
            lines.append(f"    {u.label}（{u.name}）＝ {value}{state}")
            if u.source:
                lines.append(f"      来源：{u.source}")
            if u.note and not written:
                lines.append(f"      说明：{u.note}")
    params = [v for v in ind.values if v.kind == "parameter"]
    values = [v for v in ind.values if v.kind == "value"]
    for v in params:
        lines.append(f"  参数：{v.label}（{v.name}）＝ {_short(v.value)}；来源：{v.source}")
    for v in values:
        lines.append(f"  中间值：{v.label}（{v.name}）＝ {_short(v.value)}")
    for p in ind.parts:
        head = "  计分" if ind.single else f"  部分“{p.name}”（分值 {fmt(p.weight)}）"
        detail = [PART_STATES[p.state]]
        if p.band:
            detail.append(f"匹配档位 {p.band}")
        if p.expression:
            detail.append(f"得分表达式 {p.expression}")
        if p.raw is not None:
            detail.append(f"得 {_short(p.raw)}")
        if p.raw is not None and p.score != p.raw:
            detail.append(f"按上下限计为 {_short(p.score)}")
        if p.reason:
            detail.append(p.reason)
        lines.append(f"{head}：" + "；".join(detail))
    for note in ind.notes:
        lines.append(f"  {note}")
    if ind.verifiable:
        result = fmt(ind.computed)
    elif ind.interval:
        result = f"{fmt(c.low)}～{fmt(c.high)} 分（定性评级允许的区间）；按自评取区间内最接近的值 {fmt(c.computed)}"
    else:
        result = "无法核验" + (f"（可能范围 {fmt(c.low)}～{fmt(c.high)}）" if c.low is not None else "")
    lines.append(f"  计算得分：{result}")
    claim = fmt(c.claimed) if c.claimed is not None else "未填报"
    lines.append(f"  自评得分：{claim}" + (f"（{row.claim_source}）" if row.claim_source else "") + f"；状态：{STATUS_LABELS[c.status]}" + (f"，差额 {_signed(c.delta)}" if c.delta else ""))
    return "\n".join(lines)
