"""The declarations a compiled rule set keeps (its heading, groups, inputs, parameters, tiers,
grades and worked examples) as plain frozen objects (`scoring.plain`), and the methods they share
with the file format's models of the same names (`rules.declarations`, pydantic), written once
here as mixins.

The compiler turns the validated models into these (`plain_declaration`), so a cached rule
library is read back — and a sheet scored — without pydantic.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal
from typing import Any

from ..plain import Plain


class RuleSetInfoMethods:
    """What `RuleSetInfo` (either kind) answers about the sheets it governs."""

    def names_sheet_type(self, sheet_type: str) -> bool:
        """Whether a sheet of ``sheet_type`` is the form these rules score (by its title or an
        alias), however its brackets are typed and with or without its year ("项目支出绩效自评表
        （2024年度）", "部门(单位)整体支出绩效自评表")."""
        key = title_key(sheet_type)
        return any(key == title_key(t) for t in (self.sheet_type, *self.sheet_type_aliases))

    @property
    def sole_fiscal_year(self) -> int | None:
        """The one fiscal year these rules govern, or None when they govern several (the national
        rules, in force since 2020): what a blank form may offer as its 年度 (review CC B6)."""
        if self.fiscal_years is not None:
            return self.fiscal_years.first if self.last_fiscal_year() == self.fiscal_years.first else None
        if self.effective_to is not None and self.effective_to.year == self.effective_from.year:
            return self.effective_from.year
        return None

    def last_fiscal_year(self) -> int | None:
        """The last of the fiscal years the file names; without one, the year the rules lapse (review EA
        A2), or None: open-ended."""
        if self.fiscal_years.last is not None:
            return self.fiscal_years.last
        return self.effective_to.year if self.effective_to is not None else None

    def governs_fiscal_year(self, year: int) -> bool:
        """Whether sheets of fiscal ``year`` fall under these rules."""
        if self.fiscal_years is not None:
            last = self.last_fiscal_year()
            return self.fiscal_years.first <= year and (last is None or year <= last)
        return self.effective_from.year <= year and (self.effective_to is None or self.effective_to.year >= year)


class ParameterMethods:
    """What a `Parameter` (either kind) answers for a year."""

    def value_for(self, year: int):
        """The value in effect at any time in ``year``; an undated value is always in effect."""
        if self.value is not None:
            return self._dated_value(value=self.value, effective_from=dt.date(1900, 1, 1), source=self.source)
        for v in self.values:
            if v.effective_from.year <= year and (v.effective_to is None or v.effective_to.year >= year):
                return v
        return None


class Source(Plain):
    document: str
    clause: str = ""
    notes: str = ""


class FiscalYears(Plain):
    first: int
    last: int | None = None
    reason: str = ""


class RuleSetInfo(Plain, RuleSetInfoMethods):
    id: str
    version: str
    title: str
    region: str | list[str]
    sheet_type: str
    sheet_type_aliases: list[str] = []
    effective_from: dt.date
    effective_to: dt.date | None = None
    fiscal_years: FiscalYears | None = None
    revises: str | None = None
    total: Decimal
    score_floor: Decimal | None = Decimal(0)
    claim_tolerance: Decimal = Decimal("0.05")
    source: Source


class Group(Plain):
    path: list[str]
    printed_weight: Decimal | None = None


class InputDecl(Plain):
    label: str
    unit: str = ""
    type: str
    min: Decimal | None = None
    max: Decimal | None = None
    default: Decimal | bool | None = None
    default_reason: str = ""
    notes: str = ""


class DatedValue(Plain):
    value: Decimal
    effective_from: dt.date
    effective_to: dt.date | None = None
    source: str


class Parameter(Plain, ParameterMethods):
    label: str
    unit: str = ""
    value: Decimal | None = None
    source: str = ""
    values: list[DatedValue] = []

    _dated_value = DatedValue


class GoldenTest(Plain):
    name: str
    year: int | None = None
    inputs: dict[str, object] = {}
    findings: dict[str, object] = {}
    rows: list[dict[str, object]] = []
    expect: dict[str, str]
    total: str | None = None


class Tier(Plain):
    id: str
    label: str
    low: Decimal
    high: Decimal


class GradeBand(Plain):
    label: str
    lower: Decimal | None = None
    upper: Decimal | None = None
    aliases: list[str] = []


_PLAIN = {cls.__name__: cls for cls in (Source, FiscalYears, RuleSetInfo, Group, InputDecl, DatedValue, Parameter, GoldenTest, Tier, GradeBand)}


def plain_declaration(value: Any) -> Any:
    """A validated declaration model (`rules.declarations`, pydantic) as its plain counterpart of
    the same name, nested models and containers included; anything else as it is."""
    cls = _PLAIN.get(type(value).__name__)
    if cls is not None and not isinstance(value, Plain) and hasattr(type(value), "model_fields"):
        return cls(**{name: plain_declaration(getattr(value, name)) for name in cls._fields})
    if isinstance(value, list):
        return [plain_declaration(v) for v in value]
    if isinstance(value, tuple):
        return tuple(plain_declaration(v) for v in value)
    if isinstance(value, dict):
        return {k: plain_declaration(v) for k, v in value.items()}
    return value


_YEAR_SUFFIX = re.compile(r"\(\d{4}年度?\)$")


def title_key(title: str) -> str:
    """A form's title as titles are compared: full-width forms folded, spaces and a trailing
    "（2024年度）" left out."""
    text = "".join(unicodedata.normalize("NFKC", title).split())
    return _YEAR_SUFFIX.sub("", text)
