"""Reports for people on a terminal or in markdown: the computed sheet (`score`), claimed against
computed (`diff`) and the calculation behind every indicator (`explain`).

Headers and labels are Chinese, indicator names exactly as the forms print them; every report
names the rule set (id, version, sha256) and the version of this tool.  JSON and CSV are
`output.data`'s; which renderer a format uses is `output.formats`'.
"""

from __future__ import annotations

from tabulate import tabulate

from ..engine.results import CaseReport, IndicatorDiff, IndicatorResult, SheetDiff
from ..numbers import fmt
from .labels import PART_STATES, SEVERITY_LABELS, STATUS_LABELS, TOOL, delta_text, signed
from .reasons import deduction_cells, deduction_reason, line_computed, line_reason, reason, rules_total_text, short, shown_value, total_note


def _group(ind: IndicatorResult) -> str:
    return "/".join(ind.group)


# -- table / markdown ------------------------------------------------------------------------


def render_score_text(report: CaseReport, markdown: bool = False) -> str:
    """The computed sheet(s): one row per indicator with the reason for any point lost."""
    fmt_name = "markdown" if markdown else "table"
    tablefmt = "github" if markdown else "simple"
    out = [_heading(report, fmt_name)]
    for sd in report.sheets:
        rows = [[_group(r.result), r.result.name, fmt(r.result.weight) or "未印出", _computed_text(r), reason(r.result)] for r in sd.indicators]
        rows += _deduction_rows(sd, computed_only=True)
        t = sd.total
        rows.append(["", "合计", fmt(t.weight), rules_total_text(sd), total_note(sd, with_claims=False)])
        out.append(_sheet_heading(sd, fmt_name))
        out.append(tabulate(rows, headers=["分组", "指标", "分值", "计算得分", "说明"], tablefmt=tablefmt, disable_numparse=True))
    out.append(_findings_block(report.rule_findings, fmt_name, levels=("error", "warning"), place=report.place))
    return "\n\n".join(x for x in out if x) + "\n"


def render_diff_text(report: CaseReport, markdown: bool = False) -> str:
    """Claimed against computed, per indicator and in total, then every finding."""
    fmt_name = "markdown" if markdown else "table"
    tablefmt = "github" if markdown else "simple"
    out = [_heading(report, fmt_name)]
    for sd in report.sheets:
        rows = []
        for r in sd.indicators:
            c = r.comparison
            rows.append([r.result.name, fmt(r.result.weight) or "未印出", fmt(c.claimed) or "", line_computed(r) or "", delta_text(c), STATUS_LABELS[c.status],
                         line_reason(r)])
        rows += _deduction_rows(sd, computed_only=False)
        t = sd.total.comparison
        rows.append(["合计", fmt(sd.total.weight), fmt(t.claimed) or "", fmt(t.computed) or rules_total_text(sd), signed(t.delta), STATUS_LABELS[t.status], total_note(sd)])
        out.append(_sheet_heading(sd, fmt_name))
        out.append(tabulate(rows, headers=["指标", "分值", "自评得分", "计算得分", "差额", "状态", "说明"], tablefmt=tablefmt, disable_numparse=True))
    out.append(_findings_block(report.findings, fmt_name, levels=("error", "warning", "info"), place=report.place))
    return "\n\n".join(x for x in out if x) + "\n"


def _computed_text(row: IndicatorDiff) -> str:
    ind = row.result
    if ind.verifiable:
        return fmt(ind.computed)
    # a range where the rules allow one, or the bounds of a line only partly checkable, as diff shows them
    return line_computed(row) or "无法核验"


def _deduction_rows(sd: SheetDiff, computed_only: bool) -> list[list[str]]:
    rows = []
    for d in sd.sheet.deductions:
        claimed, amount, delta, status = deduction_cells(d, sd.sheet.tolerance)
        if computed_only:
            rows.append(["/".join(d.group), d.name, "扣分项", amount, "" if d.findings is None else f"发现问题 {fmt(d.findings)} 处"])
        else:
            rows.append([d.name, "扣分项", claimed, amount, delta, STATUS_LABELS[status] if status else "", deduction_reason(d)])
    return rows


def _heading(report: CaseReport, fmt_name: str) -> str:
    title = f"{report.unit}（{report.path}）"
    return f"# {title}" if fmt_name == "markdown" else title


def _sheet_heading(sd: SheetDiff, fmt_name: str) -> str:
    r = sd.sheet.rules
    line = f"{sd.sheet.title} —— 规则 {r.id}@{r.version}（sha256 {r.sha256[:12]}），{TOOL}"
    return f"## {line}" if fmt_name == "markdown" else line


def _findings_block(findings: list, fmt_name: str, levels: tuple[str, ...], place=lambda where: where) -> str:
    shown = [f for f in findings if f.severity in levels]
    if not shown:
        return ""
    head = "## 发现" if fmt_name == "markdown" else "发现："
    lines = [f"- [{SEVERITY_LABELS[f.severity]}] {f.message}（{place(f.where)}）" for f in shown]
    return "\n".join([head, *lines])


# -- explain -----------------------------------------------------------------------------------

def render_explain(report: CaseReport, key: str | None, names: bool = True) -> str:
    """Per indicator: rule text, each input with value and source, intermediate values, band,
    not-applicable clause, caps and rounding, and the claim against the result.  Without
    ``names``, as the fill page shows it to a finance officer: no identifiers of the rule file
    (indicator and input ids, score expressions written in them: review CC D1)."""
    out = []
    for sd in report.sheets:
        rows = [row for row in sd.indicators if key is None or key in (row.result.id, row.result.name)]
        if not rows:
            continue
        r = sd.sheet.rules
        out.append(f"{sd.sheet.title} —— 规则 {r.id}@{r.version}（{r.path}，sha256 {r.sha256}），{TOOL}")
        said: dict[str, str] = {}  # a decision every row shares is printed once, at the first (review BW C8)
        # a weight the sheet does not print, worked out from its group's header or its full marks: said
        # where the weight is, as the diff says it (review EI C2)
        weights: dict[str, str] = {}
        for f in sd.findings:
            if f.code in ("weight_from_group", "weight_from_total"):
                name, _, how = f.message.partition("：")
                weights.setdefault(name, how)
        out.extend(_explain_indicator(row, said, names, weights.get(row.result.name)) for row in rows)
    return "\n\n".join(out) + "\n"


def _explain_indicator(row: IndicatorDiff, said: dict[str, str] | None = None, names: bool = True, weight_from: str | None = None) -> str:
    ind, c = row.result, row.comparison

    def named(name: str) -> str:
        return f"（{name}）" if names else ""

    where = "，".join(filter(None, (ind.id if names else "", "/".join(ind.group), f"分值 {fmt(ind.weight) or '未印出'}")))
    lines = [f"【{ind.name}】（{where}）", f"  评分规则（原文）：{ind.rule_text}"]
    if weight_from:  # how a weight the sheet does not print was worked out
        lines.insert(1, f"  分值：{weight_from}")
    if ind.decision:
        first = ind.name if said is None else said.setdefault(ind.decision, ind.name)
        lines.append(f"  本规则的取舍：{ind.decision}" if first == ind.name else f"  本规则的取舍：同【{first}】")
    if ind.inputs:
        lines.append("  输入：")
        for u in ind.inputs:
            state = {"given": "", "default": "（规则默认值）", "undisclosed": "（未披露）", "missing": "（缺失）", "invalid": "（无效）"}[u.state]
            written = u.value is None and u.state == "given"  # a row's target or actual: the text as written
            value = u.note if written else ("—" if u.value is None else short(u.value) + u.unit)
            lines.append(f"    {u.label}{named(u.name)}＝ {value}{state}")
            if u.source:
                lines.append(f"      来源：{u.source}")
            if u.note and not written:
                lines.append(f"      说明：{u.note}")
    params = [v for v in ind.values if v.kind == "parameter"]
    values = [v for v in ind.values if v.kind == "value"]
    for v in params:
        lines.append(f"  参数：{v.label}{named(v.name)}＝ {short(v.value)}；来源：{v.source}")
    for v in values:
        lines.append(f"  中间值：{v.label}{named(v.name)}＝ {shown_value(v)}" + (f"；来源：{v.source}" if v.source else ""))
    for p in ind.parts:
        head = "  计分" if ind.single else f"  部分“{p.name}”（分值 {fmt(p.weight)}）"
        detail = [PART_STATES[p.state]]
        if p.band:
            detail.append(f"匹配档位 {p.band}" + (f"（{p.band_range}）" if p.band_range else ""))
        if p.expression and p.state in ("scored", "not_applicable") and names:
            # an expression that gave no score (a late deadline's "weight") would read as full marks (review BW D5)
            detail.append(f"得分表达式 {p.expression}")
        if p.raw is not None:
            detail.append(f"得 {short(p.raw)}")
        if p.raw is not None and p.score != p.raw:
            detail.append(f"按上下限计为 {short(p.score)}")
        if p.reason:
            detail.append(p.reason)
        lines.append(f"{head}：" + "；".join(detail))
    for note in ind.notes:
        lines.append(f"  {note}")
    if ind.verifiable:
        result = fmt(ind.computed)
    elif ind.interval:
        result = f"{fmt(c.low)}～{fmt(c.high)} 分（规则允许的区间）；按自评取区间内最接近的值 {fmt(c.computed)}"
    else:
        result = "无法核验" + (f"（可能范围 {fmt(c.low)}～{fmt(c.high)}）" if c.low is not None else "")
    lines.append(f"  计算得分：{result}")
    claim = fmt(c.claimed) if c.claimed is not None else "未填报"
    lines.append(f"  自评得分：{claim}" + (f"（{row.claim_source}）" if row.claim_source else "") + f"；状态：{STATUS_LABELS[c.status]}" + (f"，差额 {delta_text(c)}" if c.delta else ""))
    return "\n".join(lines)
