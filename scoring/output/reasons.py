"""The sentences every output prints beside the figures: why a line lost points or could not be
checked, what the rules give for a line or the whole sheet, and what the total line says."""

from __future__ import annotations

from decimal import Decimal

from ..engine.results import DeductionResult, IndicatorDiff, IndicatorResult, SheetDiff, ValueUse
from ..numbers import fmt, fmt_sum, round_half_up
from ..review.grades import span_text
from .labels import signed


def short(value: object) -> str:
    """A value as an explanation shows it: 是/否, a decimal to four places at most, text as is."""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Decimal):
        # intermediate values can carry 28 digits; four decimals are plenty to read them
        return fmt(round_half_up(value, 4).normalize())
    return str(value)


def shown_value(v: ValueUse) -> str:
    """An intermediate value as people read it: a ratio declared a percentage as one (95.31%)."""
    if v.percent and isinstance(v.value, Decimal):
        return f"{fmt(round_half_up(v.value * 100, 2))}%"
    return short(v.value)


_FIGURES_BESIDE_A_RATE = 4  # more figures than this make a reason no one reads: `explain` lists them


def _points(score) -> str:
    """A part's score as a reason prints it: to the cent where that is exact, else to as many places
    as it needs up to four ("0.375"), "约" before one still not exact — the parts a line is the sum
    of add up to it as printed (0.38 + 0.38 beside a line of 0.75: review EB B4)."""
    cents = round_half_up(score, 2)
    if cents == score:
        return fmt(cents)
    near = round_half_up(score, 4)
    return ("" if near == score else "约 ") + fmt(near.normalize())


def reason(ind: IndicatorResult) -> str:
    """A one-line reason for the points an indicator lost, or why it could not be checked."""
    if ind.interval:
        return "；".join(p.reason for p in ind.parts if p.reason)
    if not ind.verifiable:
        why = "；".join(dict.fromkeys(p.reason for p in ind.parts if p.state in ("unverifiable", "judgement", "error")))
        # the parts that were scored, as the line's bounds come from them (review BW C3: "办公设备：得
        # 0.90/1.5 分" beside what the other part lacks)
        scored = [f"{p.name}：得 {_points(p.score)}/{fmt(p.weight)} 分" for p in ind.parts
                  if not ind.single and p.state == "scored" and p.score is not None]
        return "；".join(x for x in (why, *scored) if x)
    notes = []
    for part in ind.parts:
        label = "" if ind.single else f"{part.name}："
        if part.state == "not_applicable":
            notes.append(f"{label}{part.reason}")
        elif part.score is not None and part.score < part.weight:
            detail = f"落在档位“{part.band}”" + (f"（{part.band_range}）" if part.band_range else "") if part.band else ""
            points = fmt(round_half_up(part.score, 2)) if ind.single else _points(part.score)  # a line alone is its rounded score
            notes.append(f"{label}得 {points}/{fmt(part.weight)} 分{('，' + detail) if detail else ''}")
    if ind.computed is not None and ind.computed < ind.weight:
        # a part that says how it was scored (a row: the figures compared) says it in words; the
        # others show their intermediate values
        said = [p.reason for p in ind.parts if p.state == "scored" and p.reason]
        shown = "；".join(said) if said else "，".join(f"{v.label}＝{shown_value(v)}" for v in ind.values if v.kind == "value")
        # the sheet's own figures a formula read (决策程序: 4 − 2 ÷ 4 × 4), beside the rate they make
        # where they are few: the officer finds the cell to correct (review BW C1)
        read = [f"{u.label}＝{short(u.value)}{u.unit if not isinstance(u.value, bool) else ''}" for u in ind.inputs
                if u.state in ("given", "default") and u.value is not None]
        if not shown:
            shown = "，".join(read)
        elif not said and read and len(read) <= _FIGURES_BESIDE_A_RATE:
            shown = f"{shown}（{'，'.join(read)}）"
        lost = f"失 {fmt(ind.weight - ind.computed)} 分"
        return "；".join(x for x in (lost, shown, *notes) if x)
    said = [p.reason for p in ind.parts if p.state == "scored" and p.reason and p.score is not None and p.score < p.weight]
    told = [p.reason for p in ind.parts if p.state == "scored" and p.reason and p.score is not None and p.score >= p.weight]
    if told and not said and not notes:
        # full marks as read, and what the row says beside them: a figure of unstated direction's other reading (review GS A2)
        return "；".join(told)
    if said and ind.computed is not None:
        # a shortfall the rounding hid ("99.98%" against "100%": 9.998 of 10 is 10.00): said, not left as a bare
        # "得 10.00/10 分" (review FB C1)
        return "；".join((*said, "按两位小数四舍五入不失分", *notes))
    return "；".join(notes)


def line_reason(row: IndicatorDiff) -> str:
    """What a line of a comparison says beside its figures: why it lost points or could not be
    checked, whatever its status (a claim that matches does not explain a loss), and a claim
    outside the line's range as such."""
    why = reason(row.result)
    c = row.comparison
    if c.status == "invalid" and c.claimed is not None:
        weight = row.result.weight
        bound = f"自评 {fmt(c.claimed)} 分超出该项分值范围 0～{fmt(weight)} 分" if weight is not None else f"自评 {fmt(c.claimed)} 分为负数"
        why = "；".join(x for x in (bound, why) if x)
    return why


def deduction_reason(d: DeductionResult) -> str:
    """What a deduction item's line says: the findings counted and what they cost, and the
    points the sheet deducts itself where they differ."""
    if d.findings is None:
        # what the total did: the sheet's own deduction where it owns to one (deduction_as_claimed)
        return f"发现问题数未披露，按自评扣 {fmt(d.claimed)} 分计" if d.claimed else "发现问题数未披露，未计扣分"
    told = f"发现问题 {fmt(d.findings)} 处"
    if d.deduction:
        told += f"，每处扣 {fmt(d.per_finding)} 分，应扣 {fmt(d.deduction)} 分"
    if d.claimed is not None and d.deduction is not None and d.claimed != d.deduction:
        told += f"；自评扣 {fmt(d.claimed)} 分，{'少扣' if d.claimed < d.deduction else '多扣'} {fmt(abs(d.deduction - d.claimed))} 分"
    return told


def deduction_status(d: DeductionResult, tolerance: Decimal) -> str:
    """The status of a deduction item's claim ("" where there is nothing to compare): deducting
    less than the findings cost claims a higher score (over)."""
    if d.claimed is None or d.deduction is None:
        return ""
    delta = d.deduction - d.claimed
    return "over" if delta > tolerance else "under" if -delta > tolerance else "match"


def deduction_text(points: Decimal | None) -> str:
    """A deduction as its line shows it: "-2", "0", or "未披露"."""
    return "未披露" if points is None else ("-" + fmt(points) if points else "0")


def deduction_cells(d: DeductionResult, tolerance: Decimal) -> tuple[str, str, str, str]:
    """A deduction's claim (as written), what the rules deduct and the difference — both to two
    decimals, as every other line's computed score and delta are (review BW D2: "-2" and "+1"
    beside "+2.00") — and its status ("" where there is nothing to compare)."""
    claimed = "" if d.claimed is None else deduction_text(d.claimed)
    computed = "未披露" if d.deduction is None else ("-" + fmt(round_half_up(d.deduction, 2)) if d.deduction else "0.00")
    delta = signed(round_half_up(d.deduction - d.claimed, 2)) if d.claimed is not None and d.deduction is not None else ""
    return claimed, computed, delta, deduction_status(d, tolerance)


def line_computed(row: IndicatorDiff) -> str | None:
    """What the rules give for a line beside its claim: the range where they allow one
    ("8.00～10.00", also the bounds of a line only partly checkable), else the point (None: nothing)."""
    ind, c = row.result, row.comparison
    # a line only partly checkable is its bounds, whatever the claim: the point nearest the claim
    # within them is what the claim is held to, not what the rules give (review BW A4)
    if c.low is not None and (ind.interval or c.computed is None or (ind.computed is None and c.low != c.high)):
        return f"{fmt(c.low)}～{fmt(c.high)}"
    return fmt(c.computed)


def rules_total_text(sd: SheetDiff) -> str:
    """What the rules give for the whole sheet, claims left out: a point, or the range ("无法核验"
    where they give none: printed weights that do not add up to the total)."""
    c = sd.total.comparison
    if c.low is None:
        return "无法核验"
    if c.low == c.high:
        return fmt(c.low)
    return f"{fmt(c.low)}～{fmt(c.high)}"


def total_note(sd: SheetDiff, with_claims: bool = True) -> str:
    """What the total line says beside the figures: partial sheet, unverifiable points, range,
    tolerance, deductions and grades (without ``with_claims``: what the rules give, claims left out)."""
    t = sd.total
    c = t.comparison
    parts = []
    if t.lines_sum is not None:
        low, high = t.lines_sum
        got = fmt(low) if low == high else f"{fmt(low)}～{fmt(high)}"
        # a group header below its rows' weights is the problem, not the sheet's sum
        header = next((f for f in sd.findings if f.code == "weights_mismatch" and ".subtotals[" in f.where), None)
        if header is not None:
            problem = header.message
        elif t.complete:
            problem = f"各项分值合计 {fmt_sum(t.lines_weight)} 分，与满分 {fmt(t.weight)} 分不符"
        else:
            problem = f"已列出各项分值合计 {fmt_sum(t.lines_weight)} 分，已超过满分 {fmt(t.weight)} 分"
        parts.append(f"{problem}，总分和等级无法按规则核定（各项按规则得分合计 {got} 分）")
    elif not t.complete:
        # "只录入了部分指标" only where some of the points are not among the lines (a sheet cut off
        # before its last claims has every line and not every claim)
        what = "表中有部分内容未录入" if t.checked_weight >= t.weight else "只录入了部分指标"
        checked = fmt(t.checked_weight.normalize()) if t.checked_weight == t.checked_weight.to_integral_value() else fmt(t.checked_weight)
        parts.append(f"表不完整：{what}，已核对 {checked} 分（满分 {fmt(t.weight)} 分），不对全表总分下结论")
    elif t.unverified_weight:
        counted = "，按其可能范围内最接近自评得分的分数计入" if with_claims else ""
        if with_claims and t.unclaimed_room:
            counted += "（未填自评得分的按最低分计入）"
        parts.append(f"其中 {fmt(t.unverified_weight)} 分的指标无法核验{counted}")
    if c.low is not None and c.low != c.high:
        parts.append(f"按规则可能范围 {fmt(c.low)}～{fmt(c.high)}")
    if with_claims and c.status == "match" and c.delta is not None and abs(c.delta) > sd.sheet.tolerance:
        allowed = sd.sheet.tolerance + t.allowance + t.rounding
        rounding = round_half_up(t.rounding, 2)  # a third's share (1/30) said to the cent
        besides = ([f"各行在容差内的差额 {fmt(t.allowance)}"] if t.allowance else []) + ([f"所印分值的舍入 {fmt(rounding)}"] if t.rounding else [])
        parts.append(f"差额 {signed(c.delta)} 在容差 {fmt(sd.sheet.tolerance)} 加{'和'.join(besides)}（共 {fmt(round_half_up(allowed, 2))}）之内")
    if t.deductions:
        parts.append(f"已扣 {fmt(t.deductions)} 分")
    unknown = [d.name for d in sd.sheet.deductions if d.findings is None and not d.claimed]
    if unknown:
        # the range above leaves them out: a deduction not disclosed can still lower the total
        parts.append(f"扣分项（{'、'.join(unknown)}）发现问题数未披露，未计扣分")
    if t.grades:
        grade = f"等级：按规则 {span_text(t.grades)}"
        if with_claims and t.claimed_grade:
            grade += f"，自评 {t.claimed_grade}"
        parts.append(grade)
    return "；".join(parts)
