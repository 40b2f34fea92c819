"""Claimed against computed: statuses, deltas and findings for every indicator and total.

A claim is compared at its own printed precision: 9.2 matches any computed value that rounds
(half-up) to 9.2.  Where the rules allow a range (unverifiable parts, qualitative tiers), a claim
inside the range matches.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from .cases import Case, Claim, Sheet, load_case
from .engine import Engine
from .errors import ScoringError
from .numbers import decimals_of, fmt, round_half_up
from .results import (
    CaseReport,
    Comparison,
    Finding,
    IndicatorDiff,
    IndicatorResult,
    SheetDiff,
    SheetResult,
    TotalDiff,
)
from .rule_loader import RuleLibrary
from .rules import RuleSet


def compare(claimed: Decimal | None, low: Decimal | None, high: Decimal | None, weight: Decimal | None, rounding: int) -> Comparison:
    """Compare one claim with the range [low, high] the rules allow (low == high for a formula).

    ``low``/``high`` are unrounded; ``rounding`` is the rule's own number of decimals.  ``None``
    bounds mean the rules say nothing checkable.
    """
    computed = None
    point = low is not None and low == high
    if low is not None and high is not None:
        if claimed is not None and low <= claimed <= high:
            computed = claimed
        elif claimed is not None and claimed > high:
            computed = high
        else:
            computed = low if claimed is not None else high
        computed = round_half_up(computed, rounding)
    if point:  # a formula's single value: one rounding serves all three
        low_r = high_r = round_half_up(low, rounding)
    else:
        low_r = None if low is None else round_half_up(low, rounding)
        high_r = None if high is None else round_half_up(high, rounding)
    if claimed is None:
        return Comparison(None, computed, low_r, high_r, "unclaimed", None)
    if claimed < 0 or (weight is not None and claimed > weight):
        delta = None if computed is None else claimed - computed
        return Comparison(claimed, computed, low_r, high_r, "invalid", delta)
    if low is None or high is None:
        return Comparison(claimed, None, None, None, "unverifiable", None)
    digits = min(decimals_of(claimed), rounding)
    lo = round_half_up(low, digits)
    hi = lo if point else round_half_up(high, digits)
    if lo <= claimed <= hi:
        return Comparison(claimed, computed, low_r, high_r, "match", Decimal(0).quantize(computed))
    status = "over" if claimed > hi else "under"
    return Comparison(claimed, computed, low_r, high_r, status, claimed - computed)


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
    for ind in result.indicators:
        claim = row_claims.get(ind.id) if ind.id in row_ids else _claim(sheet, ind.id, ind.name)
        claimed = claim.score if claim else None
        if ind.verifiable:
            cmp = compare(claimed, ind.raw, ind.raw, ind.weight, ind.rounding)
        elif ind.interval:
            cmp = compare(claimed, ind.low_raw, ind.high_raw, ind.weight, ind.rounding)
        elif _has_bounds(ind):
            cmp = compare(claimed, ind.low_raw, ind.high_raw, ind.weight, ind.rounding)
            if cmp.status in ("match", "unclaimed"):
                # a range that only unverifiable parts open up is not a confirmation of the claim
                cmp = Comparison(cmp.claimed, None, cmp.low, cmp.high, "unverifiable" if claim else "unclaimed", None)
        else:
            cmp = compare(claimed, None, None, ind.weight, ind.rounding)
        rows.append(IndicatorDiff(ind, cmp, claim.source if claim else ""))
        findings.extend(_indicator_findings(ind, cmp, f"{where}.{ind.id}"))
    _subtotal_findings(sheet, rows, where, findings)
    total = _total(result, sheet, rows, where, findings)
    return SheetDiff(result, rows, total)


def _subtotal_findings(sheet: Sheet, rows: list[IndicatorDiff], where: str, findings: list[Finding]) -> None:
    """Printed group subtotals: claimed scores must add up; printed group weights are checked too."""
    for i, sub in enumerate(sheet.subtotals):
        place = f"{where}.subtotals[{i}]"
        label = "/".join(sub.group)
        members = [r for r in rows if tuple(r.result.group[: len(sub.group)]) == tuple(sub.group)]
        if not members:
            findings.append(Finding("error", "subtotal_empty", f"小计“{label}”下没有任何指标（分组名称与各行不一致？）", place))
            continue
        if sub.claimed is not None:
            claims = [r.comparison.claimed for r in members if r.comparison.claimed is not None]
            total = sum(claims, Decimal(0))
            if total != sub.claimed:
                findings.append(Finding(
                    "error", "sum_mismatch",
                    f"{label}：各项自评得分合计 {fmt(total)} 分，与所填小计 {fmt(sub.claimed)} 分不符（相差 {fmt(sub.claimed - total)} 分）",
                    place,
                ))
        weights = [r.result.weight for r in members]
        if sub.weight is not None and all(w is not None for w in weights):
            total_weight = sum(weights, Decimal(0))
            if total_weight != sub.weight:
                findings.append(Finding(
                    "warning", "subtotal_weight_mismatch",
                    f"{label}：分组标题印的分值 {fmt(sub.weight)} 分，与其下各项分值合计 {fmt(total_weight)} 分不符",
                    place,
                ))


def _has_bounds(ind: IndicatorResult) -> bool:
    # Parts that could not be evaluated because of an error give no trustworthy bound.
    return ind.interval or (not any(p.state == "error" for p in ind.parts) and any(p.score is not None for p in ind.parts))


def _indicator_findings(ind: IndicatorResult, cmp: Comparison, where: str) -> list[Finding]:
    name, c = ind.name, cmp
    if c.status == "over":
        return [Finding("error", "claim_over", f"{name}：自评 {fmt(c.claimed)} 分，按规则应得 {fmt(c.computed)} 分，高出 {fmt(c.delta)} 分", where)]
    if c.status == "invalid":
        span = f"[0, {fmt(ind.weight)}]" if ind.weight is not None else "[0, +∞)"
        return [Finding("error", "claim_invalid", f"{name}：自评 {fmt(c.claimed)} 分超出该项分值范围 {span}", where)]
    if c.status == "under":
        return [Finding("info", "claim_under", f"{name}：自评 {fmt(c.claimed)} 分，按规则应得 {fmt(c.computed)} 分，少计 {fmt(-c.delta)} 分", where)]
    if c.status == "unverifiable":
        reasons = "；".join(dict.fromkeys(p.reason for p in ind.parts if p.state in ("unverifiable", "judgement", "error")))
        bound = ""
        if c.low is not None:
            bound = f"；按已披露部分，得分应在 {fmt(c.low)}～{fmt(c.high)} 分之间"
        return [Finding("warning", "unverifiable", f"{name}：无法核验自评 {fmt(c.claimed)} 分——{reasons}{bound}", where)]
    if c.status == "unclaimed":
        return [Finding("info", "unclaimed", f"{name}：表中未填自评得分", where)]
    return []


def _total(result: SheetResult, sheet: Sheet, rows: list[IndicatorDiff], where: str, findings: list[Finding]) -> TotalDiff:
    digits = max((r.result.rounding for r in rows), default=2)
    computed = low = Decimal(0)
    lost = Decimal(0)  # points the rules certainly withhold: weight − high of every bounded line
    checked = Decimal(0)  # weight of the lines the rules score (point or range)
    for row in rows:
        c, ind = row.comparison, row.result
        if ind.checkable:
            # A line that matches at its claim's precision counts at its claim: a sheet whose lines
            # are each written at one decimal must not be failed for the rounding they add up to.
            if c.status == "match":
                computed += c.claimed
            else:
                computed += c.computed if c.computed is not None else (ind.computed or Decimal(0))
            checked += ind.weight
        else:
            # the claim stands where nothing can be checked: the total then shows only what could be
            computed += c.claimed if c.claimed is not None and c.status != "invalid" else Decimal(0)
        if _has_bounds(ind) or ind.verifiable:
            low += round_half_up(ind.low_raw, ind.rounding)
            if ind.weight is not None:
                lost += ind.weight - round_half_up(ind.high_raw, ind.rounding)
    high = result.total_weight - lost
    unverified = result.total_weight - checked
    deductions = Decimal(0)
    claimed_deductions = Decimal(0)
    undisclosed = []
    for d in result.deductions:
        claim = _claim(sheet, d.id, d.name)
        if claim is not None:
            claimed_deductions += abs(claim.score)
        if d.deduction is None:
            undisclosed.append(d.name)
        else:
            deductions += d.deduction
    if undisclosed:
        findings.append(Finding(
            "info", "deductions_undisclosed",
            f"扣分项（{'、'.join(undisclosed)}）的发现问题数未披露，总分未计这些扣分", f"{where}.findings",
        ))

    def floor(x: Decimal) -> Decimal:
        return max(x, result.score_floor) if result.score_floor is not None else x

    computed, low, high = floor(computed - deductions), floor(low - deductions), floor(high - deductions)
    claimed_total = sheet.claimed_total.score if sheet.claimed_total else None
    if claimed_total is None:
        cmp = Comparison(None, round_half_up(computed, digits), low, high, "unclaimed", None)
    elif claimed_total < 0 or claimed_total > result.total_weight:
        cmp = Comparison(claimed_total, computed, low, high, "invalid", claimed_total - computed)
        findings.append(Finding("error", "claim_invalid", f"总分：自评 {fmt(claimed_total)} 分超出满分 {fmt(result.total_weight)}", f"{where}.total"))
    else:
        point = compare(claimed_total, computed, computed, result.total_weight, digits)
        cmp = Comparison(claimed_total, point.computed, low, high, point.status, point.delta)
        if point.status == "over":
            findings.append(Finding("error", "total_over", f"总分：自评 {fmt(claimed_total)} 分，按规则应得 {fmt(point.computed)} 分，高出 {fmt(point.delta)} 分", f"{where}.total"))
        elif point.status == "under":
            findings.append(Finding("info", "total_under", f"总分：自评 {fmt(claimed_total)} 分，按规则应得 {fmt(point.computed)} 分，少计 {fmt(-point.delta)} 分", f"{where}.total"))
    parts_sum = None
    claimed_rows = [r.comparison.claimed for r in rows if r.comparison.claimed is not None]
    if claimed_rows:
        parts_sum = sum(claimed_rows, Decimal(0)) - claimed_deductions
        if claimed_total is not None and parts_sum != claimed_total:
            findings.append(Finding(
                "error", "sum_mismatch",
                f"总分：各指标自评得分合计 {fmt(parts_sum)} 分，与填报的总分 {fmt(claimed_total)} 分不符（相差 {fmt(claimed_total - parts_sum)} 分）",
                f"{where}.total",
            ))
    return TotalDiff(result.total_weight, cmp, unverified, deductions, parts_sum)


def report_case(
    path: Path | str, library: RuleLibrary, engine: Engine | None = None,
    rules_override: str | None = None, expect_hashes: list[str] | None = None,
) -> CaseReport:
    """Load a case file and score and compare every sheet in it. Raises ScoringError if unusable."""
    case, shown = load_case(path)
    return report_loaded(case, shown, library, engine or Engine(), rules_override, expect_hashes)


def choose_rules(library: RuleLibrary, case: Case, sheet: Sheet, rules_override: str | None = None) -> RuleSet:
    """The rule set a sheet is scored under: ``--rules`` if given, else the sheet's own ``rules``,
    else the one in effect for the case's region and year and the sheet's type."""
    ref = rules_override or sheet.rules
    if ref:
        return library.find(ref, case.case.year)
    return library.select(case.case.region, case.case.year, sheet.sheet_type)


def report_loaded(
    case: Case, path: str, library: RuleLibrary, engine: Engine,
    rules_override: str | None = None, expect_hashes: list[str] | None = None,
) -> CaseReport:
    """Score and compare an already loaded case. With ``expect_hashes``, refuse (ScoringError)
    any sheet whose rule set's sha256 does not start with one of them."""
    findings: list[Finding] = []
    sheets = []
    for sheet in case.sheets:
        where = f"{path}#{sheet.id}"
        try:
            rules = choose_rules(library, case, sheet, rules_override)
        except ScoringError as exc:
            raise ScoringError(f"{where}: 规则：{exc}") from None
        if expect_hashes is not None and not any(rules.sha256.startswith(h.lower()) for h in expect_hashes):
            raise ScoringError(
                f"{where}: 规则已变更：{rules.ref} 现在的 sha256 为 {rules.sha256}，与 --expect-hash 指定的 "
                f"{'、'.join(expect_hashes)} 不符；拒绝计分。请核对规则文件的改动（scoring formulas diff），确认后更新所记录的哈希"
            )
        result = engine.score_sheet(sheet, rules, where, case.case.year)
        own = list(result.findings)
        own.extend(Finding("info", "rule_source_defect", w.split(": ", 2)[-1], f"{rules.path}") for w in rules.warnings)
        sheet_diff = diff_sheet(result, sheet, where, own)
        sheet_diff.findings = own
        findings.extend(own)
        sheets.append(sheet_diff)
    return CaseReport(case.case.id, case.case.unit, path, sheets, findings)
