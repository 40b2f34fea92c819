"""Claimed against computed: statuses, deltas and findings for every line and total of a sheet.

A claim matches when it is within the rule set's ``claim_tolerance`` (0.05 by default) of the
computed score: 2.8 against 2.81 matches, 9.2 against 9.01 is over, 6 against 5.71 is over by
0.29.  Where the rules allow a range (unverifiable parts, qualitative tiers), the computed score
is the value in the range nearest the claim.  The computed total is the rules' own; a claimed
total may differ from it by what its lines' tolerated differences add up to, and no more.  Both
evaluation paths settle totals with `LineSums` and `settle_total`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..cases.model import Claim, Sheet
from ..engine.results import SHORT_OF_FULL, Comparison, IndicatorDiff, IndicatorResult, SheetDiff, SheetResult, TotalDiff
from ..findings import KINDS, Finding, finding
from ..numbers import decimals_of, fmt, fmt_share, fmt_sum, round_half_up, rounding_allowance
from ..plain import replace
from .grades import grade_of, grade_span, rank, read_grade, span_text


def compare(
    claimed: Decimal | None, low: Decimal | None, high: Decimal | None, weight: Decimal | None,
    rounding: int, tolerance: Decimal,
) -> Comparison:
    """Compare one claim with the range [low, high] the rules allow (low == high for a formula).

    ``low``/``high`` are unrounded and are rounded to the rule's ``rounding``; ``None`` bounds mean
    the rules say nothing checkable.  The computed score is the rules' point, or for a range the
    value in it nearest the claim; the claim matches when it is within ``tolerance`` of it.
    """
    point = low is not None and low == high
    low_r = None if low is None else round_half_up(low, rounding)
    high_r = low_r if point else (None if high is None else round_half_up(high, rounding))
    if low_r is None or high_r is None:
        computed = None
    elif claimed is None or point:
        computed = high_r
    else:  # in a range the rules allow, the value nearest the claim, at the rule's rounding
        computed = round_half_up(min(max(claimed, low_r), high_r), rounding)
    if claimed is None:
        return Comparison(None, computed, low_r, high_r, "unclaimed", None, tolerance)
    if claimed < 0 or (weight is not None and claimed > weight):
        delta = None if computed is None else claimed - computed
        return Comparison(claimed, computed, low_r, high_r, "invalid", delta, tolerance)
    if computed is None:
        return Comparison(claimed, None, None, None, "unverifiable", None, tolerance)
    delta = claimed - computed
    status = "over" if delta > tolerance else "under" if -delta > tolerance else "match"
    return Comparison(claimed, computed, low_r, high_r, status, delta, tolerance)


def _claim(sheet: Sheet, *keys: str) -> Claim | None:
    for key in keys:
        if key in sheet.claims:
            return sheet.claims[key]
    return None


def _row_claims(sheet: Sheet) -> dict[str, Claim]:
    return {
        row.id or f"row{i + 1}": Claim(score=row.claimed, source=row.source)
        for i, row in enumerate(sheet.rows)
        if row.claimed is not None
    }


def diff_sheet(result: SheetResult, sheet: Sheet, where: str, findings: list[Finding]) -> SheetDiff:
    """Compare every claim of one sheet with its computed result; append findings."""
    rows = []
    row_claims = _row_claims(sheet)
    row_ids = {row.id or f"row{i + 1}" for i, row in enumerate(sheet.rows)}
    tolerance = result.tolerance
    for ind in result.indicators:
        claim = row_claims.get(ind.id) if ind.id in row_ids else _claim(sheet, ind.id, ind.name)
        cmp = compare_line(ind, claim.score if claim else None, tolerance)
        rows.append(IndicatorDiff(ind, cmp, claim.source if claim else ""))
        findings.extend(_indicator_findings(ind, cmp, f"{where}.{ind.id}"))
    parent_findings(result.parents, sheet, where, findings, tolerance)
    converted_findings(sheet, result.total_weight, where, findings, tolerance)
    groups: list[HeaderGroup] = []
    by_subtotals = None
    allowance = (Decimal(0), Decimal(0))
    if sheet.subtotals:
        lines = [(r.result.id, r.result.name, r.result.group, r.result.weight, r.comparison.claimed, r.result.share) for r in rows]
        groups = header_groups(sheet, result.complete, lines, tolerance, result.misprinted_groups)
        values = [r.result.computed if r.result.verifiable else (r.comparison.low, r.comparison.high, r.result.interval)
                  if r.comparison.low is not None else None for r in rows]
        subtotal_findings(sheet, result.complete, lines, where, findings, tolerance, result.misprinted_groups, groups, values)
        by_subtotals = unclaimed_groups_claimed(sheet, lines, groups)
        allowance = subtotals_allowance(sheet, lines, groups, values, tolerance)
    total = _total(result, sheet, rows, where, findings, groups, by_subtotals, allowance)
    return SheetDiff(result, rows, total)


@dataclass(frozen=True)
class HeaderGroup:
    """A group of rows printed without weights under a header that prints the group's
    (产出指标 30 over three rows): each row's claim stays unverifiable, but every row earns a
    known share of whatever weight it has, so the group earns between its header's weight times
    the least share and times the most (all rows met: the whole weight, however it is split) —
    narrower where the rows' claims, each at most its row's weight, leave less of it to split.
    The group is one line of the total, and its rows' claims added up are held to it."""

    index: int  # of the subtotal that prints the header's weight
    members: frozenset[str]  # the ids of its rows
    comparison: Comparison  # the rows' claims added up (or the group's printed subtotal) against its range
    shares: tuple[Decimal, Decimal]  # the least and the most share of a weight a row earns
    by_subtotal: bool = False  # no row claims: the claim held is the printed subtotal's (None without one)
    by_claims: bool = False  # the range narrowed by the rows' claims, each at most its row's weight


def header_groups(sheet: Sheet, complete: bool, lines: list[tuple], tolerance: Decimal, misprinted: dict | None = None) -> list[HeaderGroup]:
    """The groups of ``sheet`` held to their headers' weights (`HeaderGroup`).  ``lines``: every line
    of the sheet, as (id, name, group, weight, claimed score or None, share or None).  Only on a
    ``complete`` sheet: a partial one may show some of a group's rows.  A header counts where it
    prints a weight (not one the rule file knows the form misprints), names no rule indicator in
    its group, is the deepest such header of every line under it, and stands over two or more
    rows, none with a weight of its own; its rows are all claimed or none is (then the group's printed
    subtotal, if any, is its claim); each has a share, unless the rows' claims pin their weights (a row
    without one then earns between nothing and its weight)."""
    if not complete:
        return []
    headers = [(i, tuple(sub.group)) for i, sub in enumerate(sheet.subtotals)
               if sub.weight is not None and not sub.includes
               and not (misprinted and misprinted.get(tuple(sub.group)) == sub.weight)]
    if not headers:
        return []
    under: dict[int, list[tuple]] = {}
    for line in lines:
        group = tuple(line[2])
        mine = [(len(g), i) for i, g in headers if group[: len(g)] == g]
        if not mine:
            continue
        deepest = max(mine)
        if [m for m in mine if m[0] == deepest[0]] != [deepest]:
            return []  # two headers print the same group: which weight holds is not known
        under.setdefault(deepest[1], []).append(line)
    groups = []
    for i, group in headers:
        members = under.get(i, [])
        if len(members) < 2 or len(members) != sum(1 for line in lines if tuple(line[2])[: len(group)] == group):
            continue  # a header over deeper headers: their weights split it
        if any(line[3] is not None for line in members):
            continue
        claims = [line[4] for line in members]
        if None in claims and any(c is not None for c in claims):
            continue  # some rows claimed and others not: what the others would add is not known
        weight = sheet.subtotals[i].weight
        # no row claims: the subtotal printed for the group, where there is one, is its claim (review BV C)
        claimed = sheet.subtotals[i].claimed if claims[0] is None else sum(claims, Decimal(0))
        # each row's weight is at least its claim (a claim above it is an over-claim of its own), so the rows'
        # claims pin all but what is left over of the header's weight, which may go to the best row or the
        # worst: three claims of 10 under 30 fix each weight at 10 (review FU A4: "最多应得 29.99" let it all
        # drift to the best row); a row whose share the rules cannot give then earns between 0 and its weight
        # without hiding what the others lack (review FY A1)
        pinned = claims[0] is not None and claimed <= weight
        if any(line[5] is None for line in members) and not pinned:
            continue
        shares = [line[5] if line[5] is not None else (Decimal(0), Decimal(1)) for line in members]
        least, most = min(share[0] for share in shares), max(share[1] for share in shares)
        low, high = weight * least, weight * most
        spread = (low, high)
        if pinned:
            spare = weight - claimed
            low = sum((c * share[0] for c, share in zip(claims, shares)), Decimal(0)) + spare * least
            high = sum((c * share[1] for c, share in zip(claims, shares)), Decimal(0)) + spare * most
        elif any(share[1] <= _SHORT_ON_ANY_POINT for share in shares) and high >= weight:
            # a row short of its target has some weight (a claim on a weight of 0 would itself be
            # invalid): the group earns less than its whole weight, however it is split (review CH A2)
            # — unless it is short by so little that on a weight of a few points it rounds to full
            # marks (1998 of 2000 on 5 points: 4.995, 5.00; review EK A5)
            high = weight - Decimal("0.01")
        cmp = compare(claimed, low, high, weight, 2, tolerance)
        if claimed is not None and high < weight <= claimed and cmp.status == "match" and (
                not pinned or any(share[1] == SHORT_OF_FULL for share in shares)):
            # the whole weight claimed for a group that cannot earn it: an over-claim, however
            # little it falls short, as full marks on a line the rules give less (`compare_line`);
            # with the weights pinned by the claims the group's score is known, and the tolerance
            # holds as it does for rows that print their weights (review FY A2) — but for a deadline
            # missed, which earns less by an amount the rules do not say
            high = min(high, weight - Decimal("0.01"))
            cmp = Comparison(claimed, None, cmp.low, high, "over", claimed - high, tolerance)
        groups.append(HeaderGroup(i, frozenset(line[0] for line in members), cmp, (least, most), claims[0] is None, (low, high) != spread))
    return groups


# The most share of its weight a row may earn and still lose a cent on any weight of a point or more: short
# by less, it may round to its whole weight on a weight the form does not print.
_SHORT_ON_ANY_POINT = Decimal("0.995")


def compare_line(ind: IndicatorResult, claimed: Decimal | None, tolerance: Decimal) -> Comparison:
    """One line's claim against what the rules give for it: a point, a range (a qualitative tier,
    or the bounds the scored parts allow), or nothing checkable."""
    if ind.verifiable:
        return compare(claimed, ind.raw, ind.raw, ind.weight, ind.rounding, tolerance)
    if claimed is not None and claimed == ind.weight and ind.short_of_weight and ind.weight > 0:
        # full marks claimed on a line the rules give less (a deadline missed): an over-claim,
        # however much less it earns; the line counts below its weight in the total, and the
        # difference shown is the least there can be
        below = round_half_up(ind.weight - Decimal(1).scaleb(-ind.rounding), ind.rounding)
        low = ind.low_raw if ind.interval and ind.low_raw is not None else Decimal(0)
        return Comparison(claimed, None, round_half_up(low, ind.rounding), below, "over", claimed - below, tolerance)
    if ind.short_of_weight and ind.weight > 0 and (not _has_bounds(ind) or ind.high_raw is None or ind.high_raw >= ind.weight):
        # claimed below its weight or not at all, the line still holds less than its weight: the
        # total's range must not reach a full mark on it (review CH A3); a line of no weight earns
        # its 0, deadline or not, and is held to nothing below it
        below = round_half_up(ind.weight - Decimal(1).scaleb(-ind.rounding), ind.rounding)
        low = ind.low_raw if _has_bounds(ind) and ind.low_raw is not None else Decimal(0)
        cmp = compare(claimed, low, below, ind.weight, ind.rounding, tolerance)
        if not ind.interval and cmp.status in ("match", "unclaimed"):
            # the evaluator's to say within it, as a range only unverifiable parts open up
            cmp = Comparison(cmp.claimed, None, cmp.low, cmp.high, "unverifiable" if claimed is not None else "unclaimed", None, tolerance)
        return cmp
    if _has_bounds(ind):
        cmp = compare(claimed, ind.low_raw, ind.high_raw, ind.weight, ind.rounding, tolerance)
        if not ind.interval and cmp.status in ("match", "unclaimed"):
            # a range that only unverifiable parts open up is not a confirmation of the claim
            cmp = Comparison(cmp.claimed, None, cmp.low, cmp.high, "unverifiable" if claimed is not None else "unclaimed", None, tolerance)
        return cmp
    return compare(claimed, None, None, ind.weight, ind.rounding, tolerance)


def sum_differs(written: Decimal, parts: Decimal, tolerance: Decimal, rounded: str = "error") -> str | None:
    """How far a written sum (a total, a subtotal, a parent row's claim) is from the sum of its
    parts' claims: None when it is that sum, or that sum written to its own decimals within
    ``tolerance`` (91.1 for 91.07, 90 for 89.99); a warning within ``tolerance`` that no rounding
    explains (99.58 for 99.53); beyond it an error, and ``rounded`` where it is that sum rounded
    (90 for 89.55: a whole number gets no wider tolerance than a claim does, DOMAIN §4; a claimed
    total so written is an over-claim already, said once as such)."""
    if written == parts:
        return None
    explained = written == round_half_up(parts, max(0, -written.as_tuple().exponent))
    if abs(written - parts) > tolerance:
        return rounded if explained else "error"
    return None if explained else "warning"


def parent_findings(parents: list, sheet: Sheet, where: str, findings: list[Finding], tolerance: Decimal) -> None:
    """A parent row whose children carry the scores (``parents``: `row_structure.ParentRow`): its
    claimed score must be theirs added up, as `sum_differs` holds a written sum."""
    for parent in parents:
        if not parent.scored_children or parent.row.claimed is None:
            continue
        claims = [sheet.rows[k].claimed for k in parent.children if sheet.rows[k].claimed is not None]
        total = sum(claims, Decimal(0))
        severity = sum_differs(parent.row.claimed, total, tolerance)
        if severity:
            findings.append(finding(
                "sum_mismatch", f"{parent.row.name}：自评 {fmt(parent.row.claimed)} 分，与其下各行自评得分合计 {fmt_sum(total)} 分不符",
                f"{where}.rows[{parent.index}]", severity,
            ))


def converted_findings(sheet: Sheet, total_weight: Decimal, where: str, findings: list[Finding], tolerance: Decimal) -> None:
    """A row's converted score (折算得分, `Row.converted`) is its claim on the weight's scale, the
    share of the total the row contributes: it must be its 得分, as `sum_differs` holds a written
    figure to another.  Where it is not, the figures may say which column is off — one reading for
    the whole sheet, as a column has one scale (review CE C1): where every row's converted score is
    its 得分 times the weight's share of the total, each within the weight, and some 得分 is above
    its weight, the 得分 column is out of the total (100 × 25% = 25: the converted scores are the
    claims, review CD B1); otherwise a converted score that is a claim within the weight times that
    share counts the weight twice (the Hebei form's 25 × 25% = 6.25 for 25 of 25 points)."""
    printed = [(i, row) for i, row in enumerate(sheet.rows) if row.converted is not None and row.claimed is not None]
    if not printed:
        return

    def times_share(row) -> bool:
        weight = row.weight
        return (weight is not None and 0 < weight < total_weight
                and round_half_up(row.claimed * weight / total_weight, decimals_of(row.converted)) == row.converted)

    out_of_total = (all(times_share(row) and row.converted <= row.weight and row.claimed <= total_weight for _, row in printed)
                    and any(row.claimed > row.weight for _, row in printed))
    scale = "百分制" if total_weight == 100 else f"满分 {fmt(total_weight)} 分"

    def share_of(weight: Decimal) -> str:
        return fmt_sum(round_half_up(weight / total_weight * 100, 2))

    for i, row in printed:
        severity = sum_differs(row.converted, row.claimed, tolerance)
        if severity is None:
            continue
        name, converted, claimed, weight = row.name, row.converted, row.claimed, row.weight
        said = f"{name}：折算得分 {fmt(converted)} 分，与自评得分 {fmt(claimed)} 分不符"
        if severity == "warning":
            said = (f"{name}：折算得分 {fmt(converted)} 分，与自评得分 {fmt(claimed)} 分相差 {fmt_sum(abs(converted - claimed))} 分"
                    f"（在容差 {fmt(tolerance)} 分以内，但不是舍入所致）")
        elif out_of_total:
            said += (f"：本表各行的自评得分按{scale}填写，折算得分 {fmt(converted)} ＝ {fmt(claimed)} × 权重占比 {share_of(weight)}%，"
                     f"才是该项按分值 {fmt(weight)} 分计的得分：自评得分应按折算得分 {fmt(converted)} 分填写")
        elif times_share(row) and claimed <= weight:
            said += (f"：{fmt(converted)} ＝ {fmt(claimed)} × 权重占比 {share_of(weight)}%，而自评得分已按该项分值 {fmt(weight)} 分计，"
                     f"再乘权重占比，权重计了两次；按本表分值，折算得分应等于自评得分 {fmt(claimed)} 分")
        findings.append(finding("converted_mismatch", said, f"{where}.rows[{i}]({row.name})", severity))


def converted_shift(sheet: Sheet | None) -> Decimal | None:
    """What the claims' sum becomes with each row's converted score (折算得分) in place of its
    claim: the converted scores less the claims, over the rows printing both; None where none does."""
    if sheet is None or not sheet.rows:
        return None
    shifts = [row.converted - row.claimed for row in sheet.rows if row.converted is not None and row.claimed is not None]
    return sum(shifts, Decimal(0)) if shifts else None


def unclaimed_groups_claimed(sheet: Sheet, lines: list[tuple], groups: list[HeaderGroup] = ()) -> Decimal | None:
    """What the printed subtotals of groups whose lines claim no score add to the claims' sum: a
    form printing 得分 only on its 一级指标 (产出 50, 效益 30) has its total made of them (review CH A1).
    The outermost such subtotal of each group counts, once; a group held to its header's weight
    (`header_groups`, with its subtotal as its claim) is counted as a line already.  None where
    there is none."""
    found = _claiming_subtotals(sheet, lines, groups)
    return sum((claimed for _, claimed in found), Decimal(0)) if found else None


def subtotals_allowance(sheet: Sheet, lines: list[tuple], groups: list[HeaderGroup], values: list, tolerance: Decimal) -> tuple[Decimal, Decimal]:
    """What the subtotals that are their groups' only claims (`unclaimed_groups_claimed`) are above and
    below what their lines earn added up, within the tolerance: such a subtotal is its group's claim,
    and a claim matching within the tolerance explains as much of the total's difference as a line's
    does (`LineSums.allow_up`; review DB A1).  ``values`` as `subtotal_findings` takes them."""
    earns = dict(zip((line[0] for line in lines), values))
    up = down = Decimal(0)
    for members, sub in _claiming(sheet, lines, groups):
        span = _lines_range([(earns.get(line[0]), line[3]) for line in members])
        if span is None:
            continue
        low, high, claimed = *span, sub.claimed
        if sub.weight is not None and (claimed > sub.weight or (low != high and high < sub.weight <= claimed)):
            continue  # above its printed weight, or the whole of it where a line falls short: over, explaining nothing (review DC A4, B1)
        if high < claimed <= high + tolerance:
            up += claimed - high
        elif low - tolerance <= claimed < low:
            down += low - claimed
    return up, down


def _claiming_subtotals(sheet: Sheet, lines: list[tuple], groups: list[HeaderGroup] = ()) -> list[tuple[list[tuple], Decimal]]:
    """The subtotals that are their groups' only claims (`unclaimed_groups_claimed`): each's lines and
    claim, the outermost of nested ones."""
    return [(members, sub.claimed) for members, sub in _claiming(sheet, lines, groups)]


def _claiming(sheet: Sheet, lines: list[tuple], groups: list[HeaderGroup] = ()) -> list[tuple[list[tuple], object]]:
    """`_claiming_subtotals`, each with its subtotal."""
    held = {g.index for g in groups if g.by_subtotal}
    found: list[tuple[tuple[str, ...], list[tuple], object]] = []
    for i, sub in enumerate(sheet.subtotals):
        if sub.claimed is None or i in held:
            continue
        group, included = tuple(sub.group), set(sub.includes)
        members = [line for line in lines if tuple(line[2][: len(group)]) == group or line[0] in included or line[1] in included]
        if members and all(line[4] is None for line in members) and not any(group[: len(g)] == g for g, _, _ in found):
            found = [f for f in found if f[0][: len(group)] != group]  # a deeper one already taken: this one holds it
            found.append((group, members, sub))
    return [(members, sub) for _, members, sub in found]


def subtotal_findings(sheet: Sheet, complete: bool, lines: list[tuple], where: str, findings: list[Finding],
                      tolerance: Decimal, misprinted: dict | None = None, groups: list[HeaderGroup] = (),
                      values: list | None = None) -> None:
    """Printed group subtotals: claimed scores must add up (as `sum_differs` holds a written sum)
    and stay within the group's printed weight; printed group weights are checked
    against their rows' weights.  On a partial sheet only what the visible rows already exceed can
    be an error.  ``lines``: every line of the sheet in order, as (id, name, group, weight, claimed
    score or None, …).  ``misprinted`` (`RuleSet.misprinted_groups`): a header printed with the weight
    the rules know the form prints wrong is that error copied, and its lines' weights stand for it.
    ``groups`` (`header_groups`): the rows' claims of a group held to its header's weight, added up.
    ``values``: what each of ``lines`` earns, as `LeanSheet.values` holds it (a point, (low, high,
    interval), or None) — a subtotal that is its group's only claim is held to its lines' sum."""
    held = {g.index: g for g in groups}
    earns = dict(zip((line[0] for line in lines), values)) if values is not None else {}
    for i, sub in enumerate(sheet.subtotals):
        place = f"{where}.subtotals[{i}]"
        label = "/".join(sub.group)
        if misprinted and sub.weight is not None and misprinted.get(tuple(sub.group)) == sub.weight:
            sub = replace(sub, weight=None)  # the rule file's source defect says so, once, for every sheet
        included = set(sub.includes)
        members = [
            line for line in lines
            if tuple(line[2][: len(sub.group)]) == tuple(sub.group) or line[0] in included or line[1] in included
        ]
        if not members:
            if complete:
                findings.append(finding("subtotal_empty", f"小计“{label}”下没有任何指标（分组名称与各行不一致？）", place))
            continue
        claims = [line[4] for line in members if line[4] is not None]
        # an inner group claiming only on its own subtotal (数量指标 20 under 产出指标 50, its rows blank)
        # adds that subtotal, as its rows would (review CI B2)
        inner = [s for s in sheet.subtotals if len(s.group) > len(sub.group) and tuple(s.group[: len(sub.group)]) == tuple(sub.group)
                 and not s.includes]
        claiming = _claiming_subtotals(replace(sheet, subtotals=inner), lines) if inner else []
        covered = {line[0] for lines_of, _ in claiming for line in lines_of}
        # ... where they and the claimed lines cover the group: a part neither claims leaves the sum
        # open, and the subtotal stands as written (review CJ B3)
        if claiming and all(line[4] is not None or line[0] in covered for line in members):
            claims += [claimed for _, claimed in claiming]
        claimed_sum = sum(claims, Decimal(0))
        severity = None
        # no row under it claims a score: the subtotal is the group's claim, with no parts to add
        # up (a form printing 得分 only on its 一级指标: "合计 0 分" was said, review CH A1)
        if sub.claimed is not None and claims:
            severity = sum_differs(sub.claimed, claimed_sum, tolerance) if complete else "error" if claimed_sum - sub.claimed > tolerance else None
        if severity:
            findings.append(finding(
                "sum_mismatch", f"{label}：各项自评得分合计 {fmt_sum(claimed_sum)} 分，与所填小计 {fmt(sub.claimed)} 分不符（相差 {fmt_sum(abs(sub.claimed - claimed_sum))} 分）",
                place, severity,
            ))
        # shares of the group's points printed rounded (3 × 16.7 under 50) add up at their precision
        rounding = rounding_allowance(line[3] for line in members if line[3] is not None)
        # the reading under which the rows' weights stand for the header's (3 × 3.4 stand for none of 10)
        fit = rounding.reading(sum((line[3] for line in members if line[3] is not None), Decimal(0)), sub.weight) if sub.weight is not None else None
        if sub.weight is not None:
            for what, value in (("所填小计", sub.claimed), ("各项自评得分合计", claimed_sum if claims else None)):
                if value is not None and value - sub.weight > max(fit or 0, 0) + rounding.slack:
                    findings.append(finding(
                        "subtotal_over_weight", f"{label}：{what} {fmt(value)} 分，超过分组标题印的分值 {fmt(sub.weight)} 分", place,
                    ))
                    break
        weights = [line[3] for line in members]
        if sub.weight is not None and all(w is not None for w in weights):
            total_weight = sum(weights, Decimal(0))
            if rounding.reading(total_weight, sub.weight) is None if complete else rounding.exceeds(total_weight, sub.weight):
                findings.append(finding(
                    "subtotal_weight_mismatch", f"{label}：分组标题印的分值 {fmt(sub.weight)} 分，与其下各项分值合计 {fmt_sum(total_weight)} 分不符",
                    place,
                ))
        if sub.claimed is not None and not claims and complete and i not in held:
            _held_to_lines(sub, label, [(earns.get(line[0]), line[3]) for line in members], place, findings, tolerance)
        group = held.get(i)
        if group is not None and group.comparison.status in ("over", "under"):
            c = group.comparison
            earned = (f"{label}：各行未印分值，按完成情况各应得其分值的 {fmt_share(*group.shares)}"
                      + ("（各行分值不低于其自评得分）" if group.by_claims else ""))
            claimed = f"所填小计 {fmt(c.claimed)} 分" if group.by_subtotal else f"各行自评合计 {fmt_sum(c.claimed)} 分"
            if c.status == "over":
                findings.append(finding(
                    "group_over", f"{earned}，分组 {fmt(sub.weight)} 分最多应得 {fmt(c.high)} 分；{claimed}，高出 {fmt(c.delta)} 分", place,
                ))
            else:
                findings.append(finding(
                    "group_under", f"{earned}，分组 {fmt(sub.weight)} 分至少应得 {fmt(c.low)} 分；{claimed}，少计 {fmt(-c.delta)} 分", place,
                ))


def _lines_range(values: list[tuple]) -> tuple[Decimal, Decimal] | None:
    """The least and the most a group's lines earn added up, to the cent — ``values``: (what each
    earns, as `subtotal_findings` takes it, and its weight); one the rules cannot check counts
    anywhere in its weight.  None where a line has neither (nothing bounds the group) or there is
    no line."""
    ranges = []
    for value, weight in values:
        if value is None:
            if weight is None:
                return None  # a line of no range and no weight: nothing bounds the group
            value = (Decimal(0), weight)  # the rules cannot check it: anywhere in its weight, as the total counts it
        ranges.append((value, value) if value.__class__ is Decimal else value[:2])
    if not ranges:
        return None
    return round_half_up(sum((r[0] for r in ranges), Decimal(0)), 2), round_half_up(sum((r[1] for r in ranges), Decimal(0)), 2)


def _held_to_lines(sub, label: str, values: list[tuple], place: str, findings: list[Finding], tolerance: Decimal) -> None:
    """A subtotal that is its group's only claim (its lines claim nothing: 产出指标 50 printed, the rows
    blank) against what its lines earn added up — ``values``: (what each earns, as
    `subtotal_findings` takes it, and its weight); one the rules cannot check counts anywhere in its
    weight — as a line's claim is held to its score: over beyond the tolerance, or the whole weight
    claimed for a group whose lines hold less (review CI A1: 产出 50 where its rows give 47 was
    hidden by 效益's 27 where its row gives 30)."""
    span = _lines_range(values)
    if span is None:
        return
    low, high = span
    claimed = sub.claimed
    most = "最多" if low != high else ""
    # the whole weight claimed where a line falls short of its own (a range held below it) is over
    # however little; a sum of exact scores only beyond the tolerance, as their claims would be (review CJ A1)
    if claimed - high > tolerance or (low != high and sub.weight is not None and high < sub.weight <= claimed):
        findings.append(finding(
            "group_over", f"{label}：所填小计 {fmt(claimed)} 分，其下各行按规则合计{most}应得 {fmt(high)} 分，高出 {fmt(round_half_up(claimed - high, 2))} 分", place,
        ))
    elif low - claimed > tolerance:
        findings.append(finding(
            "group_under", f"{label}：所填小计 {fmt(claimed)} 分，其下各行按规则合计{'至少' if low != high else ''}应得 {fmt(low)} 分，"
                           f"少计 {fmt(round_half_up(low - claimed, 2))} 分", place,
        ))


def _has_bounds(ind: IndicatorResult) -> bool:
    # Parts that could not be evaluated because of an error give no trustworthy bound.
    return ind.interval or (not any(p.state == "error" for p in ind.parts) and any(p.score is not None for p in ind.parts))


# The finding each status of a line gives, and so how loud it is: both evaluation paths report from these.
STATUS_CODES = {"over": "claim_over", "invalid": "claim_invalid", "under": "claim_under", "unverifiable": "unverifiable", "unclaimed": "unclaimed"}
STATUS_SEVERITY = {"match": None, **{status: KINDS[code].severity for status, code in STATUS_CODES.items()}}


def _indicator_findings(ind: IndicatorResult, cmp: Comparison, where: str) -> list[Finding]:
    if STATUS_SEVERITY[cmp.status] is None:
        return []
    unscored = [p for p in ind.parts if p.state not in ("scored", "not_applicable")]
    if cmp.status == "unverifiable" and unscored and all(p.state == "error" for p in unscored):
        return []  # the rule could not be computed: its rule_error says why, once, as an error
    if cmp.status == "over" and cmp.computed is None:  # full marks on a line short of them: why it is short
        reasons = "；".join(dict.fromkeys(p.reason for p in ind.parts if p.reason))
    else:
        reasons = unverifiable_reasons(ind.parts) if cmp.status == "unverifiable" else ""
    return [line_finding(ind.name, ind.weight, not ind.verifiable and not ind.interval, cmp.status, cmp.claimed, cmp.computed,
                         cmp.delta, cmp.low, cmp.high, reasons, where)]


def unverifiable_reasons(parts) -> str:
    """Why a line could not be checked: the reasons of its parts that were not scored, each once."""
    return "；".join(dict.fromkeys(p.reason for p in parts if p.state in ("unverifiable", "judgement", "error")))


def line_finding(name: str, weight: Decimal | None, ranged: bool, status: str, claimed: Decimal | None, computed: Decimal | None,
                 delta: Decimal | None, low: Decimal | None, high: Decimal | None, reasons: str, where: str) -> Finding:
    """The finding a line's comparison gives (any status but "match"; see STATUS_SEVERITY).
    ``ranged``: the bounds come from the disclosed parts only, not from the rules' own range (a
    tier's, or one a bounded actual allows: "按规则最多可得")."""
    spread = low is not None and high is not None and low != high
    if status == "over" and computed is None:  # full marks where the rules give less (`compare_line`)
        return finding("claim_over", f"{name}：自评 {fmt(claimed)} 分为满分，但规则只在达到年度指标值时给满分（{reasons}），"
                                     f"该项应低于 {fmt(weight)} 分，低多少由评价人判断", where)
    if status == "over":
        rule = f"按已披露部分最多可得 {fmt(computed)} 分" if ranged else f"按规则最多可得 {fmt(computed)} 分" if spread else f"按规则应得 {fmt(computed)} 分"
        return finding("claim_over", f"{name}：自评 {fmt(claimed)} 分，{rule}，高出 {fmt(delta)} 分", where)
    if status == "invalid":
        # in the words the tables use ("0～25 分"), not an interval's notation (review BW D4)
        if weight is None:
            return finding("claim_invalid", f"{name}：自评 {fmt(claimed)} 分为负数，得分不能低于 0 分", where)
        return finding("claim_invalid", f"{name}：自评 {fmt(claimed)} 分超出该项分值范围 0～{fmt(weight)} 分", where)
    if status == "under":
        rule = f"按已披露部分至少应得 {fmt(computed)} 分" if ranged else f"按规则至少应得 {fmt(computed)} 分" if spread else f"按规则应得 {fmt(computed)} 分"
        return finding("claim_under", f"{name}：自评 {fmt(claimed)} 分，{rule}，少计 {fmt(-delta)} 分", where)
    if status == "unverifiable":
        bound = ""
        if low is not None:
            bound = f"；按已披露部分，得分应在 {fmt(low)}～{fmt(high)} 分之间"
        return finding("unverifiable", f"{name}：无法核验自评 {fmt(claimed)} 分——{reasons}{bound}", where)
    return finding("unclaimed", f"{name}：表中未填自评得分", where)


class LineSums:
    """What a sheet's lines add up to, added one line at a time (the same additions in the same
    order on both evaluation paths): the computed total and its range, the weights known and
    checked, what lines matching within the tolerance explain, and the sum of the claims."""

    __slots__ = ("computed", "low", "high", "known_weight", "checked", "unknown_weight", "allow_up", "allow_down",
                 "claimed", "any_claimed", "unclaimed_weight", "unclaimed_unknown", "unclaimed_room", "digits", "converted",
                 "by_subtotals", "held", "unclaimed_span", "claimed_span", "unknown_span")

    def __init__(self, digits: int = 2) -> None:
        zero = Decimal(0)
        self.computed = self.low = self.high = self.known_weight = self.checked = zero
        self.allow_up = self.allow_down = self.claimed = self.unclaimed_weight = self.unclaimed_room = zero
        # what unclaimed tiers, counted at their tops, may be below them: the total nearest a claim
        # below it may count them anywhere in their tiers (review CO A4)
        self.unclaimed_span = zero
        # what claimed lines are counted above the least the rules allow them: a tier's claim above its
        # bottom, a line the rules cannot check at its claim (above nothing).  A claimed total below its
        # own lines' claims may count them that much lower (review GB B2)
        self.claimed_span = self.unknown_span = zero
        self.unknown_weight = self.any_claimed = self.unclaimed_unknown = False
        self.digits = digits
        self.converted: Decimal | None = None  # the claims' sum less itself with 折算得分 for 得分 (`converted_shift`)
        self.by_subtotals: Decimal | None = None  # what printed subtotals of unclaimed groups add (`unclaimed_groups_claimed`)
        # some line is held below its weight (`IndicatorResult.short_of_weight`: a deadline missed): the
        # range's top is then a bound no claim reaches, not a figure a claim may round to (review CM A1)
        self.held = False

    def add(self, weight: Decimal | None, checked: Decimal, verifiable: bool, interval: bool, computed: Decimal | None,
            low: Decimal | None, high: Decimal | None, claimed: Decimal | None, status: str, delta: Decimal | None) -> None:
        """One line: its weight and how much of it the rules check (`IndicatorResult.checked_weight`),
        what the rules give (``computed`` for a point; else the comparison's ``low``/``high``), its
        claim and the claim's status and delta."""
        if weight is None:
            self.unknown_weight = True
        else:
            self.known_weight += weight
            self.checked += checked
        # what the rules allow: a point, a range, or [0, weight] when nothing is known
        if verifiable:
            low = high = computed
        elif low is None or high is None:
            low, high = Decimal(0), weight
        # the line's value in the computed total: the rules' point, or in a range the value
        # nearest the claim (an unclaimed tier counts at its top, an unclaimed unknown at nothing)
        if verifiable:
            value = computed
        elif claimed is None:
            value = high if interval and high is not None else low
            if interval and high is not None:
                self.unclaimed_span += high - low
            if high is not None:
                # a line the rules cannot check and the sheet does not claim counts at its least:
                # what it may still hold, the claimed total may hold too (review BZ A1)
                self.unclaimed_room += high - value
        else:
            value = max(claimed, low)
            value = value if high is None else min(value, high)
            if interval:
                self.claimed_span += value - low
            else:
                self.unknown_span += value - low
        self.computed += value
        self.low += low
        self.high += high if high is not None else Decimal(0)
        if status == "match" and delta:
            self.allow_up += max(delta, Decimal(0))
            self.allow_down += max(-delta, Decimal(0))
        if claimed is not None:
            self.claimed += claimed
            self.any_claimed = True
        elif weight is None:
            self.unclaimed_unknown = True
        else:
            self.unclaimed_weight += weight


    def add_point(self, weight: Decimal, computed: Decimal, claimed: Decimal | None, status: str, delta: Decimal | None) -> None:
        """`add` for a line the rules give a point score (weight known, checkable): the same sums."""
        self.known_weight += weight
        self.checked += weight
        self.computed += computed
        self.low += computed
        self.high += computed
        if delta and status == "match":
            if delta > 0:
                self.allow_up += delta
            else:
                self.allow_down -= delta
        if claimed is not None:
            self.claimed += claimed
            self.any_claimed = True
        else:
            self.unclaimed_weight += weight


def _total(result: SheetResult, sheet: Sheet, rows: list[IndicatorDiff], where: str, findings: list[Finding],
           groups: list[HeaderGroup] = (), by_subtotals: Decimal | None = None,
           allowance: tuple[Decimal, Decimal] = (Decimal(0), Decimal(0))) -> TotalDiff:
    sums = LineSums(max((r.result.rounding for r in rows), default=2))
    sums.converted = converted_shift(sheet)
    sums.by_subtotals = by_subtotals
    grouped = frozenset().union(*(g.members for g in groups))
    for row in rows:
        c, ind = row.comparison, row.result
        if ind.short_of_weight and ind.weight:
            sums.held = True
        if ind.id not in grouped:
            sums.add(ind.weight, ind.checked_weight, ind.verifiable, ind.interval, ind.computed, c.low, c.high, c.claimed, c.status, c.delta)
    add_groups(sums, sheet, groups)
    sums.allow_up += allowance[0]  # subtotals claiming for their groups, matched within the tolerance
    sums.allow_down += allowance[1]
    claimed = [_claim(sheet, d.id, d.name) for d in result.deductions]
    for d, c in zip(result.deductions, claimed):
        d.claimed = None if c is None else abs(c.score)  # shown on the deduction's line
    return settle_total(
        sums, result.total_weight, result.score_floor, result.tolerance, result.complete, result.weights_consistent,
        [(d.name, d.deduction, None if c is None else abs(c.score)) for d, c in zip(result.deductions, claimed)],
        sheet.claimed_total.score if sheet.claimed_total else None, result.grade_bands,
        sheet.claimed_grade.grade if sheet.claimed_grade is not None else None, where, findings, result.weights_rounding,
    )


def add_groups(sums: LineSums, sheet: Sheet, groups: list[HeaderGroup]) -> None:
    """Each group held to its header's weight as one line of the total, in place of its rows."""
    for g in groups:
        c = g.comparison
        point = c.low == c.high
        weight = sheet.subtotals[g.index].weight
        sums.add(weight, weight, point, not point, c.low if point else None, c.low, c.high, c.claimed,
                 c.status, c.delta)
        if c.high is not None and weight is not None and c.high < weight:
            # a row short of its target: the group cannot earn its header's whole weight, which held
            # below it is a bound no claim reaches, as a line's (review EI A1)
            sums.held = True


_ZERO = Decimal(0)


def settle_total(sums: LineSums, total_weight: Decimal, score_floor: Decimal | None, tolerance: Decimal, complete: bool,
                 weights_consistent: bool, deductions: list[tuple[str, Decimal | None, Decimal | None]],
                 claimed_total: Decimal | None, grade_bands: tuple, claimed_grade: str | None, where: str,
                 findings: list[Finding], rounding: tuple[Decimal, Decimal] = (_ZERO, _ZERO)) -> TotalDiff:
    """The sheet's total from its lines' sums: deductions (name, points or None when the count is
    not disclosed, and the points the sheet claims for it or None) held against their claims, taken
    off, floored and rounded; the claimed total held against it; the claims' sum against the
    claimed total; the grades.  Appends the findings."""
    unseen = max(total_weight - sums.known_weight, _ZERO)
    high = sums.high
    if sums.unknown_weight or not complete:
        high += unseen  # lines without a printed weight, or not transcribed, share what is left
    # a complete sheet whose printed weights add up (within their rounding: 3 × 33.3) leaves no
    # points out of its lines: only its lines can be unverifiable
    whole = sums.known_weight if complete and weights_consistent and not sums.unknown_weight else total_weight
    # written as the weights are ("45", "1.5"), not as the subtraction left it ("0.00"): review CB C4
    unverified = max(min(whole, total_weight) - sums.checked, _ZERO).normalize()
    deducted = claimed_deductions = _ZERO
    undisclosed = []
    short = []
    for name, amount, claimed in deductions:
        claimed_deductions += claimed or 0
        if amount is None and claimed:
            # the count is not disclosed, but the sheet owns to this much: at least that is owed
            amount = claimed
            findings.append(finding("deduction_as_claimed", f"扣分项“{name}”的发现问题数未披露，按自评扣 {fmt(claimed)} 分计", f"{where}.findings"))
        elif amount is not None and claimed is not None and amount - claimed > tolerance:
            short.append(finding(
                "deduction_short", f"扣分项“{name}”：按发现问题数应扣 {fmt(amount)} 分，自评扣 {fmt(claimed)} 分，少扣 {fmt(amount - claimed)} 分",
                f"{where}.findings",
            ))
        if amount is None:
            undisclosed.append(name)
        else:
            deducted += amount
    if score_floor is None or sums.computed - deducted >= score_floor:
        findings.extend(short)  # where the floor stops the deductions ("扣完为止"), fewer is what they took
    if undisclosed:
        findings.append(finding(
            "deductions_undisclosed", f"扣分项（{'、'.join(undisclosed)}）的发现问题数未披露，总分未计这些扣分", f"{where}.findings",
        ))

    # the lines' sums less the deductions, never below the floor: the lowest, the highest, and the
    # value nearest the claims
    low, high, nearest = (_floored(sums.low - deducted, score_floor, sums.low), _floored(high - deducted, score_floor, high),
                          _floored(sums.computed - deducted, score_floor, sums.computed))
    # a claimed total may also be off by what the weights are, printed rounded (3 × 3.3 of 10: 100
    # for lines of 99.9)
    # what the lines matching within the tolerance add up to: their differences net, one line's
    # -0.02 taking off another's +0.02 (an over line's +0.06 beside them is no rounding: review CO A3)
    net = sums.allow_up - sums.allow_down
    digits, allow_up, allow_down = sums.digits, max(net, _ZERO) + rounding[0], max(-net, _ZERO) + rounding[1]
    # a total the rules give to the point (most sheets) is rounded once: equal values, zeros of one
    # sign, round alike (to the same exponent)
    low, high = round_half_up(low, digits), (round_half_up(high, digits) if high != low or high.is_signed() != low.is_signed() else None)
    if high is None:
        high = low
    place = f"{where}.total"
    lines_sum = None
    if not weights_consistent:
        # The printed weights do not add up to the sheet's total (weights_mismatch; on a partial
        # sheet, they already exceed it): the lines' scores add up to something out of another
        # total (110 of "100"), which is no total the rules give, nor a grade; it is kept as the
        # lines' sum, and the total is unverifiable.
        # what the lines themselves add up to: not the room of a partial sheet's missing part
        lines_high = sums.high + (unseen if sums.unknown_weight else 0)
        lines_high = _floored(lines_high - deducted, score_floor, lines_high)
        lines_sum = (low, round_half_up(lines_high, digits))
        low = high = computed = None
    else:
        # never above the full mark: weights printed rounded (3 × 6.67) may add up to a cent more
        full = round_half_up(total_weight, digits)
        low, high = min(low, full), min(high, full)
        computed = min(max(round_half_up(nearest, digits), low), high)
    if claimed_total is None:
        cmp = Comparison(None, computed, low, high, "unclaimed" if complete else "incomplete", None, tolerance)
    elif claimed_total < 0 or claimed_total > total_weight:
        cmp = Comparison(claimed_total, computed, low, high, "invalid", None if computed is None else claimed_total - computed, tolerance)
        beyond = "低于 0 分" if claimed_total < 0 else f"超出满分 {fmt(total_weight)}"
        findings.append(finding("claim_invalid", f"总分：自评 {fmt(claimed_total)} 分{beyond}", place))
    elif lines_sum is not None and not complete:
        # a partial sheet gets no full-sheet verdict; its weights' error is said on its own
        cmp = Comparison(claimed_total, None, None, None, "incomplete", None, tolerance)
    elif lines_sum is not None:
        cmp = Comparison(claimed_total, None, None, None, "unverifiable", None, tolerance)
        findings.append(finding(
            "unverifiable", f"总分：所印分值有误，总分无法按规则核定，无法核验自评总分 {fmt(claimed_total)} 分", place,
        ))
    elif not complete:
        cmp = _partial_total(claimed_total, computed, low, high, tolerance, place, findings)
    else:
        # how far the claimed total is below its own lines' claims: a total that says some claimed line
        # is worth less than its cell (review GB B2)
        below_claims = max(sums.claimed - claimed_deductions - claimed_total, _ZERO)
        in_tiers = sums.unclaimed_span + min(sums.claimed_span, below_claims)
        if in_tiers and claimed_total < computed:
            # an unclaimed tier is counted at its top, a claimed one at its claim, but any score in its
            # tier is the rules': a claimed total below that counts it nearest the claim (99 where a tier
            # of 8～10 left unclaimed gives 98～100 is no under-claim: review CO A4), as far as the total
            # is below the claims (an under-claimed line beside a tier claimed at its top is under still)
            computed = max(round_half_up(claimed_total, digits), round_half_up(computed - in_tiers, digits), low)
        delta = claimed_total - computed
        status = "over" if delta > tolerance + allow_up else "under" if -delta > tolerance + allow_down else "match"
        # under by no more than the lines the rules cannot check may be worth less than their claims, as
        # far as the total is below those claims: the right total may be the claimed one, and no
        # under-claim is said (98.5 for claims of 99.5, a late deadline claimed 20 of 0～19.99: review GB B2)
        unknown_room = min(sums.unknown_span, max(below_claims - sums.claimed_span, _ZERO))
        unknown_under = status == "under" and -delta <= unknown_room + tolerance + allow_down
        # above a top held below some line's weight, by more than the lines' own differences explain: no
        # rounding reaches it, and the tolerance does not hide it (a late deadline claimed in full, 97.73
        # against at most 97.72: review CM A1)
        # where every line is claimed, their sum (a total written to one decimal, "99.8" for lines of
        # 99.75 at the top, is their sum rounded: review CN A3)
        every = sums.any_claimed and not sums.unclaimed_weight and not sums.unclaimed_unknown and sums.by_subtotals is None
        # — above the total nearest the claims: a line the rules cannot check counts at its claim, not
        # at its top (its 9 of 10 gives no room to a late deadline's 15 of at most 14.99: review DS A1);
        # where a line is unclaimed, above the highest, which it may take up
        held_top = computed if every else high
        # — the claims' sum, or the claimed total where that is less: a total written as the rules give it
        # is no over-claim whatever a line above it claims (review DT A1)
        claims = min(_floored(sums.claimed - claimed_deductions, score_floor, sums.claimed), claimed_total) if every else claimed_total
        held = sums.held and claims - held_top > allow_up
        if held and status == "match":
            status = "over"
        margin = tolerance + (allow_up if delta > 0 else allow_down)
        cmp = Comparison(claimed_total, computed, low, high, status, delta, margin)
        # lines the rules cannot check and the sheet does not claim count at their least; what they
        # may hold above it, the claimed total may hold too — as far as it gives them anything
        # beyond the written claims (a total that is their sum gives them nothing: review CA A1)
        room = most = None
        if status == "over" and sums.unclaimed_room:  # (worked out only here: a batch settles a million totals)
            room = min(sums.unclaimed_room, max(claimed_total - (sums.claimed - claimed_deductions), _ZERO))
            most = min(round_half_up(computed + room, digits), high)
        if unknown_under:
            cmp = Comparison(claimed_total, computed, low, high, "unverifiable", None, tolerance)
            findings.append(finding(
                "unverifiable", f"总分：自评 {fmt(claimed_total)} 分，低于按规则可核定的 {fmt(computed)} 分，也低于各指标自评得分之和；其中 "
                                f"{fmt(unverified)} 分的指标无法核验，已按自评得分计入（按规则可能范围 {fmt(low)}～{fmt(high)} 分），其实际得分可能"
                                f"低于所填，无法判断总分是否少计", place,
            ))
        elif most is not None and claimed_total - most <= (allow_up if sums.held and most == high else margin):
            cmp = Comparison(claimed_total, computed, low, high, "unverifiable", None, tolerance)
            findings.append(finding(
                "unverifiable", f"总分：自评 {fmt(claimed_total)} 分，高于按规则可核定的 {fmt(computed)} 分，但未填自评得分的指标中有 "
                                f"{fmt(sums.unclaimed_room)} 分无法核验，无法判断总分是否高报", place,
            ))
        elif status == "over" and room:
            # over by what is beyond the most those lines may hold, not by the distance to their least (review CA C1)
            explained = _explained(allow_up - rounding[0], rounding[0])
            cmp = Comparison(claimed_total, most, low, high, "over", claimed_total - most, margin)
            # at their most, or at what the claimed total gives them where that is less: the
            # excess is then the written lines' own (review CB A1)
            full = room == sums.unclaimed_room
            counted = "按其最高分计" if full else f"按自评总分中归于它们的 {fmt(round_half_up(room, digits))} 分计"
            findings.append(finding("total_over", f"总分：自评 {fmt(claimed_total)} 分，按规则{'最多' if full else ''}应得 {fmt(most)} 分（未填自评得分、"
                                                  f"无法核验的指标{counted}），高出 {fmt(claimed_total - most)} 分{explained}", place))
        elif status == "over":
            explained = _explained(allow_up - rounding[0], rounding[0])
            # lines the rules cannot check count at their claims, within what they may hold: said here
            # too, as the batch's summary carries the finding and not the table (review CH C2)
            counted = f"（其中 {fmt(unverified)} 分的指标无法核验，已按其可能范围内最接近自评得分的分数计入）" if unverified and sums.any_claimed else ""
            if held and delta <= tolerance + allow_up:
                counted += f"（有指标未达到年度指标值，不能得满分{'；无法核验的指标按其自评得分计' if held_top != high else ''}，总分最多 {fmt(held_top)} 分）"
            findings.append(finding("total_over", f"总分：自评 {fmt(claimed_total)} 分，按规则应得 {fmt(computed)} 分{counted}，高出 {fmt(delta)} 分{explained}",
                                    place))
        elif status == "under":
            # the lines the rules cannot check count at their claims: what the rules give only so (review EB B3)
            counted = f"（其中 {fmt(unverified)} 分的指标无法核验，按自评得分计入；按规则可能范围 {fmt(low)}～{fmt(high)} 分）" if unverified and sums.any_claimed else ""
            findings.append(finding("total_under", f"总分：自评 {fmt(claimed_total)} 分，按规则应得 {fmt(computed)} 分{counted}，少计 {fmt(-delta)} 分", place))
    parts_sum = None
    if sums.any_claimed or sums.by_subtotals is not None:  # a form claiming only on its groups' subtotals too
        # deductions take the claims' sum no lower than the rules' total ("扣完为止": lines of 14 less
        # 17 of deductions add up to a total of 0, review DR A2)
        added = sums.claimed - claimed_deductions + (sums.by_subtotals or 0)
        parts_sum = _floored(added, score_floor, added + claimed_deductions)
        # what lines not seen or not claimed could still add: nothing known when a weight is not
        room = None if sums.unknown_weight or sums.unclaimed_unknown else unseen + sums.unclaimed_weight
        # deductions owed by their findings whose 扣分 cell is blank: a total that takes them is right,
        # its blank cells are what is wrong (review DR B1)
        blank = _ZERO
        for _, amount, claimed in deductions:
            if claimed is None and amount:
                blank += amount
        owed = _floored(added - blank, score_floor, added + claimed_deductions) if blank else None
        written = [raw for raw, kept in ((added, parts_sum), (added - blank, owed)) if kept is not None and raw != kept]
        _parts_findings(claimed_total, parts_sum, room, complete, tolerance, place, findings, sums.converted,
                        added if added != parts_sum else None, owed, written,
                        sums.unclaimed_room if cmp.status == "unverifiable" and lines_sum is None else None)
    # a claimed total that matches within its tolerance may sit across a grade's edge (90 for 89.97),
    # and its grade with it; a grade the claimed total itself does not reach may not.  Within the
    # tolerance (and the printed weights' rounding) only: the lines' own differences, each within its
    # tolerance, add up to a total that matches but to no grade the rules do not give (ten lines at
    # 10 for 9.95: 90 for 89.50, 优 where the rules give 良 — review DU A1)
    close = cmp.delta is not None and -tolerance - rounding[1] <= cmp.delta <= tolerance + rounding[0]
    # nor above a top held below some line's weight, which no rounding reaches (90 for at most 89.99 with
    # a deadline missed: 良, review DV B1)
    reach = claimed_total if cmp.status == "match" and close and not (sums.held and high is not None and claimed_total > high) else None
    # a total matching its claims is the rules' total nearest them: the grades the rows' ranges allow
    # beyond it are an evaluator's to give, not the sheet's to claim (88 with a graded row claimed 8 of its
    # 8～10 is 良, whatever 10 would make it: review DY A1)
    nearest = computed if cmp.status == "match" else None
    grades, grade = _grade_findings(grade_bands, total_weight, weights_consistent, claimed_grade, low, high, reach,
                                    claimed_total, place, findings, nearest)
    return TotalDiff(
        total_weight, cmp, unverified, deducted, parts_sum,
        checked_weight=sums.checked, complete=complete,
        allowance=allow_up - rounding[0] if cmp.delta and cmp.delta > 0 else allow_down - rounding[1],
        rounding=rounding[0] if cmp.delta and cmp.delta > 0 else rounding[1],
        grades=grades, claimed_grade=grade, lines_weight=None if lines_sum is None else sums.known_weight, lines_sum=lines_sum,
        unclaimed_room=sums.unclaimed_room,
    )


def _floored(total: Decimal, score_floor: Decimal | None, before: Decimal) -> Decimal:
    """A total less its deductions (``before`` them), never taken below the rules' floor by them: lines
    that add up to less than the floor without any ("扣完为止" is no pass mark) stay what they add up to."""
    return total if score_floor is None or total >= score_floor else max(total, min(score_floor, before))


def _explained(lines: Decimal, rounding: Decimal) -> str:
    """What may explain a claimed total above the rules' own, said beside the excess: the lines'
    differences within the tolerance, the weights' rounding."""
    cents = round_half_up(rounding, 2)  # a third's share (1/30) said to the cent
    parts = ([f"各行在容差内的差额 {fmt(lines)} 分"] if lines else []) + ([f"所印分值的舍入 {fmt(cents)} 分"] if rounding else [])
    return f"（{'和'.join(parts)}只能解释 {fmt(round_half_up(lines + rounding, 2))} 分）" if parts else ""


def _grade_findings(bands: tuple, total_weight: Decimal, weights_consistent: bool, written: str | None, low: Decimal,
                    high: Decimal, reach: Decimal | None, claimed_total: Decimal | None, place: str,
                    findings: list[Finding], nearest: Decimal | None = None) -> tuple[tuple[str, ...], str | None]:
    """The grades the rules' total allows, and the sheet's claimed grade (``written`` on it, or its
    claimed total's); a claimed grade outside what re-scoring allows (the grade of ``nearest``, the
    rules' total nearest the claims where the claimed total matches it, else of the range; up to
    ``reach``, the claimed total where it matched within its tolerance) is a finding."""
    if not bands:
        return (), None
    # no grade by the rules where they give no total (printed weights that do not add up)
    span = grade_span(low, high, bands) if low is not None else ()
    claimed = None
    if written is not None:
        claimed = read_grade(written, bands)
        if claimed is None:
            known = "、".join(b.label for b in bands)
            findings.append(finding("grade_inconsistent", f"等级：表中写“{written}”，不是规则规定的等级（{known}）", place))
        elif claimed_total is not None and 0 <= claimed_total <= total_weight and grade_of(claimed_total, bands) != claimed:
            findings.append(finding(
                "grade_inconsistent", f"等级：表中写“{written}”，而自评总分 {fmt(claimed_total)} 分应为“{grade_of(claimed_total, bands)}”", place,
            ))
    elif claimed_total is not None and 0 <= claimed_total <= total_weight:
        claimed = grade_of(claimed_total, bands)
    allowed = span
    if reach is not None and low is not None and not low <= reach <= high:
        allowed = grade_span(min(low, reach), max(high, reach), bands)
    ceiling = grade_of(max(nearest, reach) if reach is not None else nearest, bands) if nearest is not None else None
    if ceiling is not None and span and allowed != (ceiling,):  # (the grade it is: nothing above it to take off)
        # no grade above the one the rules' total nearest the claims (or the claimed total reaching past
        # it within the tolerance) falls in
        allowed = tuple(g for g in allowed if rank(g, bands) <= rank(ceiling, bands)) or (ceiling,)
    if claimed is not None and span and weights_consistent and claimed not in allowed:
        higher = rank(claimed, bands) > rank(allowed[-1], bands)
        # a sheet that writes no grade has the one its claimed total falls in: said as such, not as
        # a grade the unit wrote
        own = f"自评为“{claimed}”" if written is not None else f"自评总分 {fmt(claimed_total)} 分对应“{claimed}”"
        findings.append(finding(
            "grade_changed", f"等级：{own}，按规则应为“{span_text(allowed)}”" + ("，自评等级偏高" if higher else "，自评等级偏低"),
            place, severity="error" if higher else "info",
        ))
    return span, claimed


def _partial_total(claimed: Decimal, computed: Decimal, low: Decimal, high: Decimal, tolerance: Decimal,
                   place: str, findings: list[Finding]) -> Comparison:
    """A partial sheet gets no full-sheet verdict, unless its claimed total lies beyond anything
    the unseen part could make up."""
    if claimed - high > tolerance:
        findings.append(finding(
            "total_over", f"总分：自评 {fmt(claimed)} 分；本表只录入了一部分，即使未录入的部分全部得满分，按规则最多可得 {fmt(high)} 分，高出 {fmt(claimed - high)} 分",
            place,
        ))
        return Comparison(claimed, high, low, high, "over", claimed - high, tolerance)
    if low - claimed > tolerance:
        findings.append(finding(
            "total_under", f"总分：自评 {fmt(claimed)} 分，低于已录入部分按规则至少可得的 {fmt(low)} 分", place,
        ))
        return Comparison(claimed, low, low, high, "under", claimed - low, tolerance)
    return Comparison(claimed, computed, low, high, "incomplete", None, tolerance)


# A claimed total that takes the deductions its findings owe, their 扣分 cells blank (review DR B1)
_OWED = "；扣分项的自评扣分未填，按发现问题数应扣的分计入后合计 {} 分，与总分相符：请补填扣分"
_PARTLY_OWED = "；扣分项的自评扣分未填，按发现问题数应扣的分计入后合计 {} 分，未超过总分：请补填扣分"


def _parts_findings(claimed_total: Decimal | None, parts_sum: Decimal, room: Decimal | None, complete: bool,
                    tolerance: Decimal, place: str, findings: list[Finding], converted: Decimal | None = None,
                    below_floor: Decimal | None = None, owed: Decimal | None = None, below: list[Decimal] | tuple[Decimal, ...] = (),
                    unclaimed_room: Decimal | None = None) -> None:
    """The claimed total against the claims of its lines: their sum on a complete sheet, as
    `sum_differs` holds it (91.1 written for lines adding to 91.07 is that sum); on a partial one,
    at least the visible claims and at most what unseen or unclaimed lines could add.
    ``converted`` (`converted_shift`): a total that adds the rows' 折算得分 is said to.  ``parts_sum``
    holds the subtotals of groups that claim only on them (`unclaimed_groups_claimed`); ``below_floor``:
    what the claims add up to where the deductions take it below the rules' floor (``parts_sum``);
    ``owed``: their sum with the deductions their findings owe where the 扣分 cell is blank;
    ``below``: those sums where the floor took them up, as a sheet may write them (−3 for lines of 14
    less 17); ``unclaimed_room``: what unclaimed lines may hold where the claimed total is unverifiable for it."""
    if claimed_total is None or below and any(sum_differs(claimed_total, raw, tolerance) is None for raw in below):
        # none, or the claims' sum below the floor written as it is (with the deductions owed, too): the
        # total's own finding says so (reviews DT B2, DV B3)
        return
    owes = owed is not None and abs(claimed_total - owed) <= tolerance  # within the tolerance too (review DV B2)
    severity = sum_differs(claimed_total, parts_sum, tolerance, rounded="warning") if complete else None
    if severity:
        added = f"{fmt_sum(parts_sum)} 分" if below_floor is None else f"{fmt_sum(below_floor)} 分（扣分扣完为止，按 {fmt_sum(parts_sum)} 分计）"
        said = f"总分：各指标自评得分合计 {added}，与填报的总分 {fmt(claimed_total)} 分不符（相差 {fmt_sum(abs(claimed_total - parts_sum))} 分）"
        if converted is not None and sum_differs(claimed_total, parts_sum + converted, tolerance) is None:
            # the form adds its 折算得分 column: the converted scores' findings say what is wrong with it (review CD C3)
            said += f"；填报的总分是按各行的折算得分相加的（{fmt_sum(parts_sum + converted)} 分），各行的自评得分与折算得分不符之处见各行"
        elif owes:
            # the total takes the deductions the findings owe; only their cells were left blank
            severity = "warning"
            said += _OWED.format(fmt_sum(owed))
        elif unclaimed_room and Decimal(0) < claimed_total - parts_sum <= unclaimed_room + tolerance:
            # lines left unclaimed the rules cannot check may hold what the total has above the claims, as
            # the total's own finding says (unverifiable): their blank cells are what to mend (review DU B2);
            # a gap beyond what they may hold is the error it was (review DV A1)
            severity = "warning"
            said += f"；未填自评得分、无法核验的指标共 {fmt(unclaimed_room)} 分，总分可能含其得分：请补填各行得分"
        findings.append(finding("sum_mismatch", said, place, severity))
    elif not complete and parts_sum - claimed_total > tolerance:
        said = f"总分：已录入各项的自评得分合计 {fmt_sum(parts_sum)} 分，已超过填报的总分 {fmt(claimed_total)} 分"
        # with the deductions owed, no more than the total: the lines not entered may hold the rest (review DT A3)
        owes = owed is not None and owed - claimed_total <= tolerance
        findings.append(finding("sum_mismatch", said + _PARTLY_OWED.format(fmt_sum(owed)) if owes else said, place, "warning" if owes else None))
    elif not complete and room is not None and claimed_total - (parts_sum + room) > tolerance:
        findings.append(finding(
            "sum_mismatch", f"总分：已录入各项自评得分合计 {fmt_sum(parts_sum)} 分，未录入或未填得分的部分分值共 {fmt(room)} 分，"
            f"即使全部得满分，合计最多 {fmt_sum(parts_sum + room)} 分，低于填报的总分 {fmt(claimed_total)} 分",
            place,
        ))
