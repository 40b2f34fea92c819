"""Case files: a unit's submission — its figures, each with where it came from, and its claimed scores.

A case holds one or more sheets; each sheet names the rule set it is scored under.  A figure the
source does not disclose is written ``{ undisclosed = true }`` and is never invented.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError, model_validator

from .errors import FileError, ScoringError
from .numbers import NumberError, to_decimal
from .rule_loader import pydantic_problems, read_toml
from .rules import Strict


class Figure(Strict):
    """One input figure as the case gives it."""

    value: Decimal | bool | None = None
    undisclosed: bool = False
    source: str = ""
    note: str = ""

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: Any) -> Any:
        # `budget = "253.87"` is shorthand for `budget = { value = "253.87" }`
        if not isinstance(data, dict):
            data = {"value": data}
        value = data.get("value")
        if isinstance(value, str):
            try:
                data = {**data, "value": to_decimal(value)}
            except NumberError as exc:
                raise ValueError(str(exc)) from None
        return data

    @model_validator(mode="after")
    def _value_or_undisclosed(self) -> Figure:
        if self.undisclosed and self.value is not None:
            raise ValueError("同时给出了数值和 undisclosed = true")
        if not self.undisclosed and self.value is None:
            raise ValueError("缺少数值（未披露的数字请写 undisclosed = true）")
        return self


class Claim(Strict):
    """A claimed score as printed on the sheet; its written decimals are its precision."""

    score: Decimal
    source: str = ""

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            data = {"score": data}
        score = data.get("score")
        if isinstance(score, str):
            try:
                data = {**data, "score": to_decimal(score)}
            except NumberError as exc:
                raise ValueError(str(exc)) from None
        return data


class Sheet(Strict):
    """One self-evaluation sheet of the case."""

    id: str = Field(pattern=r"^[A-Za-z0-9_.-]+$")
    title: str
    rules: str
    claimed_total: Claim | None = None
    inputs: dict[str, Figure] = {}
    claims: dict[str, Claim] = {}
    findings: dict[str, Figure] = {}
    notes: str = ""


class CaseInfo(Strict):
    id: str
    unit: str
    region: list[str] = Field(min_length=1)
    year: int = Field(ge=1990, le=2100)
    source: str
    notes: str = ""


class Case(Strict):
    """A whole case file."""

    format: int = 1
    case: CaseInfo
    sheets: list[Sheet] = Field(min_length=1)


def load_case(path: Path | str) -> tuple[Case, str]:
    """Read and validate a case file; returns the case and the path as given. Raises ScoringError."""
    path = Path(path)
    data = read_toml(path)
    try:
        case = Case.model_validate(data)
    except ValidationError as exc:
        raise FileError(str(path), pydantic_problems(str(path), exc)) from None
    ids = [s.id for s in case.sheets]
    duplicated = sorted({i for i in ids if ids.count(i) > 1})
    if duplicated:
        raise ScoringError(f"{path}: sheets: 表 id 重复：{'、'.join(duplicated)}")
    return case, str(path)
