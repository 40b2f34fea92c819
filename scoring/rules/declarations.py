"""The parts of a formula file that a compiled rule set keeps as written: the rule set's heading
(`RuleSetInfo`), its groups, input and parameter declarations, tiers, grades and worked examples.

They are models of the file format (`rules.schema` validates a whole file with them); the compiler
turns them into their plain counterparts of the same names (`rules.declared`), which every
`RuleSet` keeps, so a cached rule library is read back without pydantic.  The methods both kinds
answer (`names_sheet_type`, `value_for`, …) are written once, in `rules.declared`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .declared import ParameterMethods, RuleSetInfoMethods, title_key  # noqa: F401 - title_key re-exported

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


class RuleSetInfo(Strict, RuleSetInfoMethods):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$")
    version: str = Field(min_length=1)
    title: str
    region: str | list[str]  # "全国" (or []) for national rules; ["四川省", "攀枝花市"] for a city
    sheet_type: str
    # Other titles of the same form: "单位整体支出绩效自评表" is "部门整体支出绩效自评表"
    sheet_type_aliases: list[str] = []
    effective_from: dt.date
    effective_to: dt.date | None = None
    # Which sheets the rules govern: by default the fiscal years of the effective period; a rule
    # in force from a date governs every sheet self-evaluated after it, which can include the
    # previous fiscal year's (财预〔2020〕10号 of 2020-02-25 governs fiscal-year 2019 sheets).
    fiscal_years: FiscalYears | None = None
    # The released version of the same rule set this one corrects ("national.project@2020.1"): where
    # both govern a sheet, this one is chosen; the other is still there when named with its version.
    revises: str | None = None
    total: Decimal = Field(gt=0)
    score_floor: Decimal | None = Decimal(0)
    # A claim within this many points of the computed score matches (by default half a unit of
    # the one decimal in which scores are customarily written).
    claim_tolerance: Decimal = Field(default=Decimal("0.05"), ge=0, le=10)
    source: Source

    @field_validator("effective_to")
    @classmethod
    def _period_in_order(cls, value: dt.date | None, info) -> dt.date | None:
        start = info.data.get("effective_from")
        if value is not None and start is not None and value < start:
            raise ValueError("effective_to 早于 effective_from")
        return value

    @model_validator(mode="after")
    def _years_and_floor_in_reach(self) -> "RuleSetInfo":
        # a first fiscal year after the rules lapse, or a floor no total can be above ("扣完为止" is no
        # pass mark), is a slip, not rules (review EA A2, A3)
        years, end = self.fiscal_years, self.effective_to
        if years is not None and years.last is None and end is not None and years.first > end.year:
            raise ValueError(f"fiscal_years.first（{years.first}）晚于失效日期 effective_to（{end}）的年度")
        if self.score_floor is not None and not 0 <= self.score_floor < self.total:
            raise ValueError(f"score_floor（{self.score_floor}）应不小于 0 且小于满分 total（{self.total}）：它是扣分扣到的下限，不是及格线")
        return self

    @model_validator(mode="after")
    def _revises_an_earlier_version(self) -> "RuleSetInfo":
        if self.revises is not None:
            rule_id, at, version = self.revises.partition("@")
            if not at or not version or rule_id != self.id:
                raise ValueError(f"revises 应写作“{self.id}@版本”：只能修订同一规则集的另一版本，写的是“{self.revises}”")
            if version == self.version:
                raise ValueError(f"revises 写的是本版本自己（{self.revises}）")
        return self


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


class Parameter(Strict, ParameterMethods):
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

    def _dated_value(self, **values) -> "DatedValue":
        return DatedValue(**values)


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


class Tier(Strict):
    """A qualitative grade and the share of the weight it allows, e.g. 达成年度指标: 80%–100%."""

    id: str = Field(pattern=IDENT)
    label: str
    low: Decimal = Field(ge=0, le=1)
    high: Decimal = Field(ge=0, le=1)


class GradeBand(Strict):
    """A result grade and the totals it covers: ``lower`` included, ``upper`` not (优: lower 90)."""

    label: str = Field(min_length=1)
    lower: Decimal | None = None
    upper: Decimal | None = None
    aliases: list[str] = []  # other ways sheets write it: "优秀" for 优
