"""The case file's schema: pydantic models of the case's parts, which validate a case file's data
and word every error (`problems.pydantic_problems`), and hand the result on as the plain objects
of the same names (`cases.model`) that everything else reads.

A well-formed case file is read without them by the quick reader (`cases.quick`); anything it is
not sure of comes here, so every message reads as the schema words it.  Both read the data with
the same helpers (`cases.model`).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, Field, PrivateAttr, field_validator, model_validator

from ..numbers import written_year
from ..rules.declarations import Strict
from . import model
from .model import (
    FIRST_YEAR,
    ID_PATTERN,
    LAST_YEAR,
    SHEET_RULES_OR_TYPE,
    _claim_input,
    _figure_input,
    _figure_problem,
    _grade_input,
    _rate_input,
    _row_input,
    _sheet_input,
    _subtotal_input,
    format_problem,
)


def _before(read):
    """A model validator that first reads the data with ``read`` (one of the model's helpers,
    which the quick reader uses too)."""
    return model_validator(mode="before")(classmethod(lambda cls, data: read(data)))


class Figure(Strict):
    """One input figure as the case gives it."""

    value: Decimal | bool | None = None
    undisclosed: bool = False
    written: str | None = None
    source: str = ""
    note: str = ""
    _percent: bool = PrivateAttr(default=False)  # written with a % sign: wrong for an amount

    @model_validator(mode="wrap")
    @classmethod
    def _shorthand(cls, data: Any, handler) -> Any:
        prepared, percent = _figure_input(data)
        figure = handler(prepared)
        figure._percent = percent
        return figure

    @model_validator(mode="after")
    def _value_or_undisclosed(self) -> Figure:
        problem = _figure_problem(self.value, self.undisclosed, self.written)
        if problem:
            raise ValueError(problem)
        return self


class Claim(Strict):
    """A claimed score as printed on the sheet; its written decimals are its precision."""

    score: Decimal
    source: str = ""

    _read = _before(_claim_input)


class GradeClaim(Strict):
    """The result grade a sheet states ("自评等级：优"), as written."""

    grade: str = Field(min_length=1)
    source: str = ""

    _read = _before(_grade_input)


class Row(Strict):
    """One 三级指标 row of a target/actual sheet, as printed."""

    id: str | None = Field(default=None, pattern=f"^{ID_PATTERN}$")
    group: list[str] = []
    name: str = ""
    part_of: str | None = None
    nature: str | None = None
    rule: str | None = None
    target: str | None = None
    unit: str | None = None
    actual: str | None = None
    weight: Decimal | None = Field(default=None, ge=0)
    claimed: Decimal | None = None
    converted: Decimal | None = None
    deviation: str = ""
    source: str = ""
    note: str = ""

    _read = _before(_row_input)


class Subtotal(Strict):
    """A printed group subtotal: the claimed sum of a group's scores and/or its printed weight.

    ``includes`` names rule indicators the form prints inside this group (a 预算执行率 line under
    项目管理), so they count towards its subtotal and weight.
    """

    group: list[str] = Field(min_length=1)
    claimed: Decimal | None = None
    weight: Decimal | None = Field(default=None, ge=0)
    includes: list[str] = []
    source: str = ""

    _read = _before(_subtotal_input)


class StatedRate(Strict):
    """A rate the document states beside the amounts it is computed from, e.g. 执行率 90.12%."""

    label: str
    stated: str
    numerator: Decimal
    denominator: Decimal
    source: str = ""

    _read = _before(_rate_input)


class Sheet(Strict):
    """One self-evaluation sheet of the case."""

    id: str = Field(pattern=f"^{ID_PATTERN}$")
    title: str
    sheet_type: str | None = None
    project: str = ""
    implementer: str = ""
    preparer: str = ""
    reviewer: str = ""
    phone: str = ""
    rules: str | None = None
    complete: bool = True
    claimed_total: Claim | None = None
    claimed_grade: GradeClaim | None = None
    weights: dict[str, Decimal] = {}
    inputs: dict[str, Figure] = {}
    claims: dict[str, Claim] = {}
    findings: dict[str, Figure] = {}
    rows: list[Row] = []
    subtotals: list[Subtotal] = []
    stated_rates: list[StatedRate] = []
    notes: str = ""
    _lines: tuple[str, dict[str, int]] | None = PrivateAttr(default=None)
    _printed: dict[str, tuple[str, str]] | None = PrivateAttr(default=None)  # `model.Sheet._printed`

    _read = _before(_sheet_input)

    @model_validator(mode="after")
    def _rules_or_type(self) -> "Sheet":
        if self.rules is None and self.sheet_type is None:
            raise ValueError(SHEET_RULES_OR_TYPE)
        return self


class CaseInfo(Strict):
    id: str
    unit: str
    region: list[str] = Field(min_length=1)
    year: int | None = Field(default=None, ge=FIRST_YEAR, le=LAST_YEAR)  # the fiscal year evaluated; left out when not printed
    evaluated: dt.date | None = None  # 评价日期 / 填报日期, when the sheet gives it
    department: str = ""  # 主管部门, when the form names one
    source: str
    notes: str = ""

    @field_validator("year", mode="before")
    @classmethod
    def _not_a_flag(cls, value: Any) -> Any:
        # pydantic reads true as 1, then says 1 is before 1990 (review CF B3)
        if isinstance(value, bool):
            raise ValueError(f"应为四位数的年度，如 2024，得到 {str(value).lower()}")
        if isinstance(value, str):
            # "2024年", "2024年度", "２０２４" typed in quotes, as a case table's cell is read (review ES C7)
            written = written_year(value)
            if len(written) == 4 and written.isascii() and written.isdigit():
                return int(written)
        return value

    @field_validator("region", mode="before")
    @classmethod
    def _region_text(cls, value: Any) -> Any:
        # region = "四川省遂宁市安居区": the whole path in one string, as a workbook's cell holds it
        return [value] if isinstance(value, str) and value.strip() else value

    @field_validator("region")
    @classmethod
    def _region_path(cls, value: list[str]) -> list[str]:
        return model.case_region(value)


class Case(Strict):
    """A whole case file."""

    format: int = 1
    case: CaseInfo
    sheets: list[Sheet] = Field(min_length=1)
    _refused: tuple[tuple[str, str], ...] = PrivateAttr(default=())  # `model.Case._refused`
    _read_notes: tuple[str, ...] = PrivateAttr(default=())  # `model.Case._read_notes`

    @field_validator("format", mode="before")
    @classmethod
    def _format_number(cls, value: Any) -> Any:
        if isinstance(value, bool):  # format = true is no format 1
            raise ValueError(f"应为格式编号 1，得到 {str(value).lower()}")
        return value

    @field_validator("format")
    @classmethod
    def _known_format(cls, value: int) -> int:
        problem = format_problem(value)
        if problem:
            raise ValueError(problem)
        return value


def plain(value: Any) -> Any:
    """A validated schema model as the plain object of the same name (`cases.model`), its private
    attributes kept, nested models and containers included; anything else as it is."""
    if isinstance(value, BaseModel):
        cls = getattr(model, type(value).__name__)
        made = cls(**{name: plain(getattr(value, name)) for name in cls._fields})
        for name, private in (value.__pydantic_private__ or {}).items():
            setattr(made, name, private)
        return made
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def validate(cls: type[BaseModel], data: Any) -> Any:
    """``data`` validated as ``cls`` (raises pydantic's ValidationError), as a plain object."""
    return plain(cls.model_validate(data))


def validate_case(data: Any) -> model.Case:
    """A case file's data validated by the schema, as a plain `Case`."""
    return plain(Case.model_validate(data))
