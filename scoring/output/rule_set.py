"""Rendering a rule set for people: `scoring formulas show`."""

from __future__ import annotations

from ..numbers import fmt
from ..rules.model import CompiledPart, RuleSet


def region_text(rs: RuleSet) -> str:
    """The region as people write it: 四川省/攀枝花市, or 全国."""
    return "/".join(rs.region_path) or "全国"


def render_rule_set(rs: RuleSet) -> str:
    """A readable listing of a rule set: identity, parameters, inputs, indicators, deductions."""
    i = rs.info
    lines = [
        f"{i.title}",
        f"  规则集 {rs.ref}；地区 {region_text(rs)}；表类型 {i.sheet_type}；有效期 {i.effective_from}～{i.effective_to or ''}；满分 {fmt(i.total)}",
        f"  来源：{i.source.document}" + (f"（{i.source.clause}）" if i.source.clause else ""),
        f"  文件：{rs.path}；sha256 {rs.sha256}",
    ]
    if i.source.notes:
        lines.append(f"  说明：{i.source.notes}")
    if rs.source_defects:
        lines.append("\n来源文件自身的错误（已按规则文件的取舍计分）：")
        lines.extend(f"  {p.key}：{p.message}" for p in rs.source_defects)
    if rs.parameters:
        lines.append("\n参数：")
        for name, p in rs.parameters.items():
            if p.value is not None or not p.values:
                lines.append(f"  {p.label}（{name}）＝ {fmt(p.value)}{p.unit}；来源：{p.source}")
                continue
            # a value for each period (a yearly average): each with its period and source (review CG A3)
            lines.append(f"  {p.label}（{name}），按年度取值：")
            lines.extend(f"    {v.effective_from}～{v.effective_to or ''}：{fmt(v.value)}{p.unit}；来源：{v.source}" for v in p.values)
    lines.append("\n输入：")
    for name, d in rs.inputs.items():
        extra = f"；默认 {d.default}（{d.default_reason}）" if d.default is not None else ""
        lines.append(f"  {d.label}（{name}，{d.type}{'，' + d.unit if d.unit else ''}）{extra}")
    lines.append("\n指标：")
    for ind in rs.indicators:
        lines.append(f"  【{ind.name}】{ind.id}，{'/'.join(ind.group)}，分值 {fmt(ind.weight)}，保留 {ind.rounding} 位小数")
        lines.append(f"    原文：{ind.rule_text}")
        if ind.decision:
            lines.append(f"    取舍：{ind.decision}")
        for v in ind.values:
            lines.append(f"    中间值 {v.name}（{v.label}）＝ {v.expr}")
        for part in ind.parts:
            lines.extend(_part_lines(part, "    " if ind.single else "      ", ind.single))
    if rs.deductions:
        lines.append("\n扣分项：")
        for d in rs.deductions:
            cap = f"，最多扣 {fmt(d.max_deduction)} 分" if d.max_deduction else ""
            lines.append(f"  【{d.name}】{d.id}：每处扣 {fmt(d.per_finding)} 分{cap}；原文：{d.rule_text}")
        if i.score_floor is not None:
            lines.append(f"  总分扣至 {fmt(i.score_floor)} 分为止")
    if rs.rows is not None:
        lines.extend(_rows_lines(rs))
    if rs.checks:
        lines.append("\n输入一致性检查：")
        lines.extend(f"  {c.expr}：{c.message}" for c in rs.checks)
    return "\n".join(lines) + "\n"


def _rows_lines(rs: RuleSet) -> list[str]:
    """The target/actual rows a form scores one by one: what weighs them, each method with the
    words that choose it, the tiers of worded results; the vocabularies only counted (review CG
    C8: on a project sheet the rows carry 90 of the 100 points, and show said nothing of them)."""
    rows = rs.rows
    weight = f"合计 {fmt(rows.weight)} 分，" if rows.weight is not None else ""
    out = [f"\n逐行指标（{weight}各行分值以表中所印为准）："]
    if rows.rule_text:
        out.append(f"  原文：{rows.rule_text}")
    if rows.decision:
        out.append(f"  取舍：{rows.decision}")
    chosen_by: dict[str, list[str]] = {}
    for key, method in rows.select.items():
        chosen_by.setdefault(method, []).append(key)
    out.append("  计分方法（按指标性质或比较符号选用）：")
    for mid, m in rows.methods.items():
        keys = "、".join(chosen_by.get(mid, ()))
        how = f"；得分 ＝ {m.score}" if m.score is not None else ""
        out.append(f"    【{m.label}】{mid}{f'（{keys}）' if keys else ''}：{m.rule_text.rstrip('。') if how else m.rule_text}{how}")
    if rows.tiers:
        tiers = "；".join(f"{t.label} {_percent(t.low)}～{_percent(t.high)}" for t in rows.tiers.values())
        out.append(f"  定性结果分档（占分值）：{tiers}")
    if rows.overshoot_threshold is not None:
        out.append(f"  完成值超出指标值 {fmt(rows.overshoot_threshold)}% 以上时提示指标值可能设定偏低（不扣分）")
    counted = [f"定性用语 {len(rows.vocabulary)} 条" if rows.vocabulary else "", f"指标名称规则 {len(rows.rule_names)} 条" if rows.rule_names else ""]
    if any(counted):
        out.append(f"  另有{'、'.join(c for c in counted if c)}（scoring formulas show {rs.ref} --resolved 列出全部）")
    return out


def _percent(share) -> str:
    """A share of the weight as a percentage: 0.8 → "80%"."""
    return f"{format((share * 100).normalize(), 'f')}%"


def _part_lines(part: CompiledPart, indent: str, single: bool) -> list[str]:
    out = [] if single else [f"    部分“{part.name}”（{part.id}），分值 {fmt(part.weight)}"]
    for na in part.not_applicable:
        then = f"得分 {na.score}" if na.score is not None else "交评价人判断（无法核验）"
        out.append(f"{indent}若 {na.when}：{then}——{na.reason}")
    if part.score is not None:
        out.append(f"{indent}得分 ＝ {part.score}")
    if part.bands:
        out.append(f"{indent}按 {part.band_on} 分档：")
        out.extend(f"{indent}  {b.describe()} → {b.score}" for b in part.bands)
    cap = "不设上下限" if part.cap_min is None and part.cap_max is None else f"限定在 [{fmt(part.cap_min) or '-∞'}, {fmt(part.cap_max) or '+∞'}]"
    out.append(f"{indent}{cap}")
    return out
