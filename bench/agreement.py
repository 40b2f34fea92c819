"""Holding the engine's scores against the hand-written ones, sheet by sheet.

Compared on every sheet: each of the 19 indicators' computed score, to the last digit (as text,
so 8.00 and 8.0 would differ), or both unverifiable; each deduction item's points; and the
computed total.

The engine's totals are the ones `scoring diff` reports.  Where every line has a computed score,
its range (low, high) is Σ indicators − Σ deductions floored at 0, and must equal the hand-written
total.  Its computed total counts a line whose claim matches at the claim's own lower precision
at the claim, by design (a 9.2 matching 9.21 counts 9.2); it is compared too, except on such
sheets (counted in ``Tally.total_skipped``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from scoring import SheetDiff

from .handwritten import DEDUCTIONS, INDICATORS, HandScore


def _text(value: Decimal | None) -> str:
    return "unverifiable" if value is None else str(value)


@dataclass
class Tally:
    """How many sheets and figures were compared, and the first disagreements."""

    sheets: int = 0
    indicators: int = 0
    unverifiable: int = 0  # indicator comparisons where both sides have no computed score
    totals: int = 0
    total_skipped: int = 0
    disagreeing_sheets: int = 0
    first: list[str] = field(default_factory=list)
    keep: int = 20

    def add(self, problems: list[str]) -> None:
        """Count one compared sheet and keep the first of its disagreements, if any."""
        self.sheets += 1
        if problems:
            self.disagreeing_sheets += 1
            self.first.extend(problems[: max(0, self.keep - len(self.first))])

    @property
    def ok(self) -> bool:
        """No sheet disagreed."""
        return self.disagreeing_sheets == 0


def engine_totals(sd: SheetDiff) -> tuple[Decimal | None, Decimal | None, Decimal | None]:
    """The diff's total range (low, high: from the computed lines) and its computed total, the
    last None where a lower-precision claim matched and so counts at the claim (module doc)."""
    total = sd.total.comparison
    at_claim = any(r.comparison.status == "match" and r.comparison.claimed != r.result.computed for r in sd.indicators)
    return total.low, total.high, None if at_claim else total.computed


def compare_sheet(label: str, sd: SheetDiff, hand: HandScore, tally: Tally, who: str = "hand-written") -> None:
    """Compare one engine-scored sheet with ``hand``; record disagreements in ``tally``."""
    problems: list[str] = []
    results = {r.result.id: r.result for r in sd.indicators}
    if tuple(results) != INDICATORS:
        problems.append(f"{label}: engine indicators {tuple(results)} are not the Sichuan 2024 set")
        tally.add(problems)
        return
    for ind_id, mine in zip(INDICATORS, hand.indicators):
        theirs = results[ind_id].computed
        tally.indicators += 1
        if theirs is None and mine is None:
            tally.unverifiable += 1
        elif _text(theirs) != _text(mine):
            problems.append(f"{label}: {ind_id} ({results[ind_id].name}): engine {_text(theirs)}, {who} {_text(mine)}")
    engine_deductions = {d.id: d.deduction for d in sd.sheet.deductions}
    for d_id, mine in zip(DEDUCTIONS, hand.deductions):
        theirs = engine_deductions.get(d_id)
        if (theirs is None) != (mine is None) or (theirs is not None and theirs != mine):
            problems.append(f"{label}: deduction {d_id}: engine {_text(theirs)}, {who} {_text(mine)}")
    defined = all(r.result.computed is not None for r in sd.indicators) and all(d.deduction is not None for d in sd.sheet.deductions)
    if defined:
        low, high, computed = engine_totals(sd)
        if not (hand.total is not None and hand.total == low == high):
            problems.append(f"{label}: total: engine {_text(low)}..{_text(high)}, {who} {_text(hand.total)}")
        elif computed is None:
            tally.total_skipped += 1  # the range was compared; the claim-based total is not
        elif computed != hand.total:
            problems.append(f"{label}: total: engine computed {_text(computed)}, {who} {_text(hand.total)}")
        else:
            tally.totals += 1
    elif hand.total is not None:
        problems.append(f"{label}: total: engine has none (an unverifiable line or undisclosed deduction), {who} {hand.total}")
    tally.add(problems)


def compare_summary_total(label: str, summary_total: str, hand: HandScore, tally: Tally) -> None:
    """Compare the computed total a batch summary row reports with the hand-written total
    (only where the hand-written total exists: with an unverifiable line the summary counts
    its claim, which the hand-written code does not model)."""
    if hand.total is None:
        tally.add([])
        return
    tally.totals += 1
    problems = []
    if not summary_total or Decimal(summary_total) != hand.total:
        problems.append(f"{label}: summary computed_total {summary_total or '(empty)'}, hand-written {hand.total}")
    tally.add(problems)
