"""What evaluation produces: computed scores with the full trace of how each was reached,
then the comparison with the claims.  Plain data; rendering lives in `output`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from ..findings import CLAIM_CODES, SEVERITY_ORDER, Finding, Severity

# "incomplete": a partial sheet's total, which no full-sheet verdict can be given for.
Status = Literal["match", "over", "under", "invalid", "unverifiable", "unclaimed", "incomplete"]
PartState = Literal["scored", "not_applicable", "judgement", "unverifiable", "error"]


# The share of its weight a row earns that falls short of it by an amount the rules leave to the evaluator
# (a deadline missed: "逾期如何计分，办法未规定"): less than its whole weight, by at least a cent's worth.
SHORT_OF_FULL = Decimal("0.9999")


@dataclass(frozen=True)
class InputUse:
    """An input as an indicator read it."""

    name: str
    label: str
    unit: str
    value: Decimal | bool | None
    source: str
    state: Literal["given", "default", "undisclosed", "missing", "invalid"]
    note: str = ""


@dataclass(frozen=True)
class ValueUse:
    """A named intermediate value or parameter as evaluated."""

    name: str
    label: str
    value: object
    kind: Literal["value", "parameter"]
    source: str = ""
    percent: bool = False  # a ratio shown as a percentage (0.9531 → 95.31%)


@dataclass
class PartResult:
    id: str
    name: str
    weight: Decimal
    state: PartState
    raw: Decimal | None = None  # formula result before the cap
    score: Decimal | None = None  # after the cap, unrounded
    reason: str = ""  # not-applicable reason, judgement reason, error text
    band: str = ""
    # the band's edges as numbers where the rules write them as formulas ("0.8N＜Y≤0.5N": "大于
    # -3.704% 且不超过 -2.315%"): the officer sees what the figure must reach (review BW C2)
    band_range: str = ""
    expression: str = ""
    # below the weight whatever else is unknown: the rules give full marks only when the target is
    # met, and it was not (a deadline missed, left to the evaluator; "不足100人次" against "≥100人次")
    short_of_weight: bool = False


@dataclass
class IndicatorResult:
    id: str
    name: str
    group: tuple[str, ...]
    weight: Decimal | None  # None: a row whose weight the document does not print
    rule_text: str
    decision: str
    rounding: int
    single: bool  # no parts declared: the indicator is its own single part
    parts: list[PartResult]
    inputs: list[InputUse]
    values: list[ValueUse]
    raw: Decimal | None = None  # sum of parts, capped, unrounded
    computed: Decimal | None = None  # rounded as the rule says
    low_raw: Decimal | None = Decimal(0)
    high_raw: Decimal | None = Decimal(0)
    notes: list[str] = field(default_factory=list)  # caps applied, rounding applied
    interval: bool = False  # the rules allow a range [low_raw, high_raw] (a qualitative tier)
    # a row printed without a weight: the least and most share of a weight its figures earn
    # (`rows.RowScorer._share`), which its group's header weight is held to
    share: tuple[Decimal, Decimal] | None = None

    @property
    def verifiable(self) -> bool:
        """The rules give a point score."""
        return self.computed is not None

    @property
    def checkable(self) -> bool:
        """The rules give a point score or a range a claim can be held against."""
        return self.computed is not None or self.interval

    @property
    def checked_weight(self) -> Decimal:
        """How much of the weight the rules check: all of it for a point or a range; for a line
        some parts of which were scored, the weight less the parts left open (the lean path's
        `_partial` takes the same difference); none when nothing was scored."""
        if self.weight is None:
            return Decimal(0)
        if self.checkable:
            return self.weight
        if all(p.score is None for p in self.parts):
            return Decimal(0)
        return max(self.weight - sum((p.weight for p in self.parts if p.score is None), Decimal(0)), Decimal(0))

    @property
    def short_of_weight(self) -> bool:
        """Every part below its weight (`PartResult.short_of_weight`): whatever the evaluator decides
        or the figure was, the line earns less than its weight."""
        return self.weight is not None and bool(self.parts) and all(p.short_of_weight for p in self.parts)


@dataclass
class DeductionResult:
    id: str
    name: str
    group: tuple[str, ...]
    per_finding: Decimal
    rule_text: str
    findings: Decimal | None  # None: the count is not disclosed
    source: str
    deduction: Decimal | None
    claimed: Decimal | None = None  # the points the sheet deducts itself (set by the comparison)


@dataclass
class RuleRef:
    id: str
    version: str
    sha256: str
    path: str
    title: str


@dataclass
class SheetResult:
    """A sheet as the rules score it, before any claim is looked at."""

    id: str
    title: str
    rules: RuleRef
    total_weight: Decimal
    score_floor: Decimal | None
    indicators: list[IndicatorResult]
    deductions: list[DeductionResult]
    findings: list[Finding]
    tolerance: Decimal = Decimal("0.05")  # the rule set's claim_tolerance
    complete: bool = True  # False: only part of the sheet is transcribed
    weights_consistent: bool = True  # False: the printed weights do not add up to the total
    # how far a claimed total may be above and below the lines' sum for the weights being printed rounded
    weights_rounding: tuple[Decimal, Decimal] = (Decimal(0), Decimal(0))
    grade_bands: tuple = ()  # rules.GradeBand: the rule set's result grades
    parents: list = field(default_factory=list)  # row_structure.ParentRow: rows that sum others
    misprinted_groups: dict = field(default_factory=dict)  # RuleSet.misprinted_groups: headers the form prints wrong


@dataclass
class Comparison:
    """A claim against what the rules allow.

    ``computed`` is the rules' value (for a range, the value in it nearest the claim), ``delta``
    the exact claimed − computed, ``tolerance`` the margin within which the claim matches.
    """

    claimed: Decimal | None
    computed: Decimal | None
    low: Decimal | None
    high: Decimal | None
    status: Status
    delta: Decimal | None
    tolerance: Decimal = Decimal(0)


@dataclass
class IndicatorDiff:
    result: IndicatorResult
    comparison: Comparison
    claim_source: str = ""


@dataclass
class TotalDiff:
    weight: Decimal
    comparison: Comparison
    unverified_weight: Decimal
    deductions: Decimal
    claimed_parts_sum: Decimal | None
    checked_weight: Decimal = Decimal(0)  # points of lines the rules score (a point or a range)
    complete: bool = True
    allowance: Decimal = Decimal(0)  # differences of lines that matched within the tolerance
    rounding: Decimal = Decimal(0)  # how far the claim may be off its way for the weights being printed rounded
    grades: tuple[str, ...] = ()  # the grades the rules' total range allows, lowest first
    claimed_grade: str | None = None  # the grade the sheet states, else its claimed total's
    # printed weights that do not add up to the total: their sum, and what the lines' scores add
    # up to (low, high), said beside a total the rules cannot give
    lines_weight: Decimal | None = None
    lines_sum: tuple[Decimal, Decimal] | None = None
    # what the lines the rules cannot check and the sheet does not claim may add above their least
    unclaimed_room: Decimal = Decimal(0)


@dataclass
class SheetDiff:
    sheet: SheetResult
    indicators: list[IndicatorDiff]
    total: TotalDiff
    findings: list[Finding] = field(default_factory=list)  # this sheet's share of the case's findings


# A finding at a target/actual row, named by its place in the list (rows[7], from 0) or by the
# line it gives (row8, from 1)
_ROW_PLACE = re.compile(r"(.+#[A-Za-z0-9_.-]+?)\.(?:rows\[(\d+)\](?:\((.*)\))?|row(\d+))")


@dataclass
class CaseReport:
    """Everything `score`, `diff` and `explain` show for one case file."""

    case_id: str
    unit: str
    path: str
    sheets: list[SheetDiff]
    findings: list[Finding]
    # sheets read from a workbook, by their place ("w18.xlsx#sheet"): the worksheet and the row each
    # of the sheet's things was read from (`Sheet._lines`)
    lines: dict[str, tuple[str, dict[str, int]]] = field(default_factory=dict)

    def place(self, where: str) -> str:
        """Where a finding is, as its reader finds it: in a workbook, the worksheet and its row
        ("w18.xlsx：工作表“自评表”第 12 行"); in a case file, the file's own names, a target/actual
        row counted from 1 whichever way the place names it ("#project 第 8 行“★补助…”" for both
        rows[7](…) and row8)."""
        for sheet, (worksheet, rows) in self.lines.items():
            if where != sheet and not where.startswith(sheet + "."):
                continue
            detail, row = where[len(sheet) + 1:], None
            # the longest name the place starts with, ending where the name does ("rows[1](名称)", "claims.execution")
            for name in sorted(rows, key=len, reverse=True):
                if detail == name or (detail.startswith(name) and detail[len(name)] in ".(["):
                    row = rows[name]
                    break
            file = sheet.rsplit("#", 1)[0]
            return f"{file}：工作表“{worksheet}”" + (f"第 {row} 行" if row is not None else "")
        counted = _ROW_PLACE.fullmatch(where)
        if counted is None:
            return where
        head, index, name, number = counted.groups()
        line = int(index) + 1 if index is not None else int(number)
        return f"{head} 第 {line} 行" + (f"“{name}”" if name else "")

    @property
    def worst_severity(self) -> Severity | None:
        """The most severe finding of the case: what `diff`'s exit code follows."""
        if not self.findings:
            return None
        return min((f.severity for f in self.findings), key=SEVERITY_ORDER.__getitem__)

    @property
    def rule_findings(self) -> list[Finding]:
        """The findings about figures and rules, without those about claims: what `score` shows."""
        return [f for f in self.findings if f.code not in CLAIM_CODES]
