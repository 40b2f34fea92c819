"""The formula-file model: what a rule file may say, validated strictly (unknown keys refused).

These are the raw, as-written models; `rules.compiler` turns them into a `RuleSet`
(`rules.model`) with every expression compiled and every cross-reference checked.  See
formulas/README.md for the format.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

IDENT = r"^[A-Za-z_][A-Za-z0-9_]*$"


class Strict(BaseModel):
    """Base for every file model: unknown keys are an error, never ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Source(Strict):
    document: str
    clause: str = ""
    notes: str = ""


class FiscalYears(Strict):
    """The fiscal years (预算年度) whose sheets a rule set governs, both ends included."""

    first: int = Field(ge=1990, le=2100)
    last: int | None = Field(default=None, ge=1990, le=2100)
    reason: str = ""

    @model_validator(mode="after")
    def _in_order(self) -> "FiscalYears":
        if self.last is not None and self.last < self.first:
            raise ValueError("fiscal_years.last 早于 fiscal_years.first")
        return self


class RuleSetInfo(Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$")
    version: str = Field(min_length=1)
    title: str
    region: str | list[str]  # "全国" (or []) for national rules; ["四川省", "攀枝花市"] for a city
    sheet_type: str
    effective_from: dt.date
    effective_to: dt.date | None = None
    # Which sheets the rules govern: by default the fiscal years of the effective period; a rule
    # in force from a date governs every sheet self-evaluated after it, which can include the
    # previous fiscal year's (财预〔2020〕10号 of 2020-02-25 governs fiscal-year 2019 sheets).
    fiscal_years: FiscalYears | None = None
    total: Decimal = Field(gt=0)
    score_floor: Decimal | None = Decimal(0)
    # A claim within this many points of the computed score matches (by default half a unit of
    # the one decimal in which scores are customarily written).
    claim_tolerance: Decimal = Field(default=Decimal("0.05"), ge=0, le=10)
    source: Source

    def governs_fiscal_year(self, year: int) -> bool:
        """Whether sheets of fiscal ``year`` fall under these rules."""
        if self.fiscal_years is not None:
            last = self.fiscal_years.last
            return self.fiscal_years.first <= year and (last is None or year <= last)
        return self.effective_from.year <= year and (self.effective_to is None or self.effective_to.year >= year)

    @field_validator("effective_to")
    @classmethod
    def _period_in_order(cls, value: dt.date | None, info) -> dt.date | None:
        start = info.data.get("effective_from")
        if value is not None and start is not None and value < start:
            raise ValueError("effective_to 早于 effective_from")
        return value


class Group(Strict):
    """A printed group header (一级/二级指标) and the subtotal the source prints for it."""

    path: list[str] = Field(min_length=1)
    printed_weight: Decimal | None = None


class InputDecl(Strict):
    label: str
    unit: str = ""
    type: Literal["amount", "count", "percent", "ratio", "flag"]
    min: Decimal | None = None
    max: Decimal | None = None
    default: Decimal | bool | None = None
    default_reason: str = ""
    notes: str = ""


class DatedValue(Strict):
    """One value of a parameter, with the period it is in effect and where it comes from."""

    value: Decimal
    effective_from: dt.date
    effective_to: dt.date | None = None
    source: str


class Parameter(Strict):
    """A figure the rules take from outside the unit (e.g. a regional average), never written
    inside an expression.  Either one undated ``value`` or dated ``values``."""

    label: str
    unit: str = ""
    value: Decimal | None = None
    source: str = ""
    values: list[DatedValue] = []

    @model_validator(mode="after")
    def _one_form(self) -> "Parameter":
        if (self.value is None) == (not self.values):
            raise ValueError("参数须给出 value（不分年度）或 values（分年度的值），且只能给出一种")
        if self.value is not None and not self.source:
            raise ValueError("参数的 value 必须写明来源（source）")
        periods = sorted(self.values, key=lambda v: v.effective_from)
        for a, b in zip(periods, periods[1:]):
            if a.effective_to is None or a.effective_to >= b.effective_from:
                raise ValueError(f"参数的分年度值有效期重叠（{a.effective_from} 起与 {b.effective_from} 起）")
        return self

    def value_for(self, year: int) -> DatedValue | None:
        """The value in effect at any time in ``year``; an undated value is always in effect."""
        if self.value is not None:
            return DatedValue(value=self.value, effective_from=dt.date(1900, 1, 1), source=self.source)
        for v in self.values:
            if v.effective_from.year <= year and (v.effective_to is None or v.effective_to.year >= year):
                return v
        return None


class GoldenTest(Strict):
    """A worked example kept in the rule file: inputs (and rows) → expected indicator scores.

    ``expect`` maps an indicator id or name (or a row's id) to "8.00", "unverifiable" or an
    interval "8.00..10.00"; inputs left out are undisclosed, unless the rule gives a default.
    """

    name: str
    year: int | None = None
    inputs: dict[str, object] = {}
    findings: dict[str, object] = {}
    rows: list[dict[str, object]] = []
    expect: dict[str, str] = Field(min_length=1)
    total: str | None = None


class ValueDecl(Strict):
    """A named intermediate value, shown in explanations."""

    name: str = Field(pattern=IDENT)
    label: str
    expr: str


class NotApplicable(Strict):
    """A stated case in which the formula does not apply, and the score given instead.

    ``judgement = true`` instead of a score says the rules leave that case to an evaluator's
    judgement: the indicator is then unverifiable, never scored by guess.
    """

    when: str
    score: str | None = None
    judgement: bool = False
    reason: str


class Check(Strict):
    """A consistency condition over the inputs (e.g. a part cannot exceed its whole)."""

    expr: str
    message: str
    severity: Literal["error", "warning"] = "error"


ComparatorCode = Literal[">=", "<=", "=", ">", "<"]


class UnitDecl(Strict):
    """A written unit: another spelling of a unit (``same_as = "%"`` for 百分比), or a unit that
    converts into another by a declared factor (``into = "万元"``, ``factor = 0.0001`` for 元)."""

    same_as: str | None = None
    into: str | None = None
    factor: Decimal | None = Field(default=None, gt=0)
    reason: str = ""

    @model_validator(mode="after")
    def _one_meaning(self) -> "UnitDecl":
        if (self.same_as is None) == (self.into is None):
            raise ValueError("单位须写明 same_as（另一种写法）或 into 与 factor（换算），且只能写一种")
        if self.into is not None and self.factor is None:
            raise ValueError("单位换算须写明 factor")
        return self


class ReadingDecl(Strict):
    """How figures are written on the sheets these rules govern: the vocabulary the value parser
    reads targets and actuals with (formulas/README.md, "How figures are written").  Every reading
    decision is here, not in code."""

    not_given: list[str] = []
    known_units: list[str] = []  # units seen alone in a cell are a split-cell fragment, not a phrase
    comparators: dict[str, ComparatorCode] = {}
    comparator_suffixes: dict[str, ComparatorCode] = {}
    loose: list[str] = []
    vague: list[str] = []
    units: dict[str, UnitDecl] = {}
    none_words: list[str] = []
    date_before: list[str] = []
    date_neutral: list[str] = []


class Strength(Strict):
    """Qualitative wording has strength: ``levels`` from strongest to weakest (显著/明显/大幅 >
    有所/一定/逐步 > 未/无明显).  An actual whose wording is weaker than its target's reaches at
    most ``weaker`` (a tier id); one at least as strong reaches ``reached``.  A target with a
    strength word against an actual without one cannot be ranked: left to the evaluator."""

    levels: list[list[str]] = Field(min_length=2)
    weaker: str
    reached: str


class NoComparator(Strict):
    """The method of a numeric target written without a comparator: by default ``rows.select.none``;
    a target of 0 (“0次”: none at all) and rows in certain groups (成本指标) are read otherwise."""

    zero: str | None = None
    groups: dict[str, str] = {}


class RowMethod(Strict):
    """How one kind of target/actual row is scored (正向, 反向, 等于, 期限, 定性, 满意度 …).

    A quantitative method reads numbers or dates and scores with ``score`` over the names
    ``target``, ``actual``, ``weight`` and ``met`` (whether the actual satisfies the target's
    comparator).  ``judgement_unless_met`` leaves an unmet row to an evaluator's judgement.
    A qualitative method (``reads = "text"``) maps the actual's wording to a tier.
    """

    label: str
    rule_text: str = ""
    reads: Literal["number", "date", "any", "text"]  # any: number or date, as the target is
    # what a target written without a comparator means under this method (反向: "<=")
    comparator: ComparatorCode | None = None
    score: str | None = None
    judgement_unless_met: bool = False
    overshoot: str | None = None


class Tier(Strict):
    """A qualitative grade and the share of the weight it allows, e.g. 达成年度指标: 80%–100%."""

    id: str = Field(pattern=IDENT)
    label: str
    low: Decimal = Field(ge=0, le=1)
    high: Decimal = Field(ge=0, le=1)


class RowRules(Strict):
    """Rules for sheets scored row by row (一级/二级/三级指标 with target, actual, weight, claim)."""

    weight: Decimal | None = Field(default=None, ge=0)
    rule_text: str = ""
    decision: str = ""
    select: dict[str, str] = {}
    rule_names: dict[str, str] = {}
    methods: dict[str, RowMethod] = {}
    tiers: list[Tier] = []
    vocabulary: dict[str, str] = {}
    text_equal_to_target: str | None = None
    overshoot_threshold: Decimal | None = None
    strength: Strength | None = None
    no_comparator: NoComparator = NoComparator()


class Band(Strict):
    """One row of a band table: lower/upper edges (expressions) with their inclusiveness stated."""

    lower: str | None = None
    lower_inclusive: bool | None = None
    upper: str | None = None
    upper_inclusive: bool | None = None
    score: str
    label: str = ""


class Cap(Strict):
    min: Decimal | None = None
    max: Decimal | None = None


class PartDecl(Strict):
    """A scored component of an indicator (e.g. 支出执行进度 has three parts of 3 points)."""

    id: str = Field(pattern=IDENT)
    name: str
    weight: Decimal = Field(ge=0)
    score: str | None = None
    band_on: str | None = None
    bands: list[Band] = []
    not_applicable: list[NotApplicable] = []
    cap: bool | Cap = True


class IndicatorDecl(Strict):
    id: str = Field(pattern=IDENT)
    name: str
    group: list[str] = []
    weight: Decimal = Field(ge=0)
    rule_text: str
    description: str = ""
    decision: str = ""
    values: list[ValueDecl] = []
    score: str | None = None
    band_on: str | None = None
    bands: list[Band] = []
    not_applicable: list[NotApplicable] = []
    parts: list[PartDecl] = []
    cap: bool | Cap = True
    rounding: int = Field(default=2, ge=0, le=6)
    # The national rule lets a sheet print its own weights ("表中所印分值为准"): a sheet that
    # prints this indicator at 20 points scores it out of 20.  Only single-formula indicators.
    weight_adjustable: bool = False


class DeductionDecl(Strict):
    id: str = Field(pattern=IDENT)
    name: str
    group: list[str] = []
    per_finding: Decimal = Field(gt=0)
    max_deduction: Decimal | None = Field(default=None, gt=0)
    rule_text: str
    description: str = ""


class GradeBand(Strict):
    """A result grade and the totals it covers: ``lower`` included, ``upper`` not (优: lower 90)."""

    label: str = Field(min_length=1)
    lower: Decimal | None = None
    upper: Decimal | None = None
    aliases: list[str] = []  # other ways sheets write it: "优秀" for 优


class RuleFile(Strict):
    """A whole formula file as written."""

    @field_validator("inputs", "parameters")
    @classmethod
    def _names_are_identifiers(cls, value: dict) -> dict:
        import re

        for name in value:
            if not re.fullmatch(IDENT, name) or name.startswith("_"):
                raise ValueError(f"名称“{name}”不合规：只能用字母、数字和下划线，以字母开头")
        return value

    format: Literal[1] = 1
    rule_set: RuleSetInfo
    groups: list[Group] = []
    inputs: dict[str, InputDecl] = {}
    parameters: dict[str, Parameter] = {}
    indicators: list[IndicatorDecl] = []
    deductions: list[DeductionDecl] = []
    checks: list[Check] = []
    rows: RowRules | None = None
    reading: ReadingDecl = ReadingDecl()
    grades: list[GradeBand] = []
    tests: list[GoldenTest] = []
