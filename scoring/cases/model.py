"""The case model: a unit's submission — its figures, each with where it came from, and its claimed scores.

A case holds one or more sheets; each sheet names the rule set it is scored under.  A figure the
source does not disclose is written ``{ undisclosed = true }`` and is never invented.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from pydantic import Field, PrivateAttr, field_validator, model_validator

from ..numbers import NumberError, is_not_given, to_decimal
from ..regions import PROVINCES
from ..rules.declarations import Strict

# What people put between 省, 市 and 县 when they write a region on one line: "四川省/遂宁市/安居区",
# "四川省-南充市-南部县", "四川省，达州市，通川区", "四川省 遂宁市"
_REGION_SEPARATORS = re.compile(r"[/／、，,;；\s\-－—]+")


# A region written with no separator at all ("湖南省岳阳市汨罗市"): split after the province's ending
# (or a municipality's name, or a province's name written short: "湖南岳阳市"), then after the city's
_PROVINCE = re.compile(r"(.+?(?:省|自治区|特别行政区)|北京市|天津市|上海市|重庆市|"
                       + "|".join(sorted(PROVINCES, key=len, reverse=True)) + ")")
_CITY = re.compile(r"(.+?(?:市|自治州|盟|地区))")


def region_parts(text: str) -> list[str]:
    """A region written on one line, province first, as its parts."""
    parts = [part for part in _REGION_SEPARATORS.split(text.strip()) if part]
    if len(parts) != 1:
        return parts
    whole = parts[0]
    province = _PROVINCE.match(whole)
    if province is None or province.end() == len(whole):
        return parts
    rest = whole[province.end():]
    city = _CITY.match(rest)
    if city is None or city.end() == len(rest):
        return [province[1], rest]
    return [province[1], city[1], rest[city.end():]]


def _read_numbers(data: Any, keys: tuple[str, ...], shorthand: str | None = None, points: bool = False) -> Any:
    """Figures written as text ("253.87", "９０％") under ``keys`` become Decimals; with
    ``shorthand``, a bare value stands for ``{shorthand: value}``; with ``points``, the figures are
    scores or weights, which forms often print with their unit ("9.4分")."""
    if shorthand is not None and not isinstance(data, dict):
        data = {shorthand: data}
    if not isinstance(data, dict):
        return data
    data = dict(data)
    for key in keys:
        if points and is_not_given(data.get(key)):
            data[key] = None  # "/" in a score or weight cell: none printed
            continue
        if isinstance(data.get(key), str):
            text = data[key]
            if points and text.strip().endswith("分") and len(text.strip()) > 1:
                text = text.strip()[:-1]  # the message, if any, quotes the figure without its unit
            if points and text.strip().endswith(("%", "％")):
                # "19%" for a score: a share of the weight to some writers, points to others
                message = f"“{data[key]}”带百分号：得分和分值应写分数，不能写百分数"
                raise ValueError(message if shorthand else f"{key}: {message}")
            try:
                data[key] = to_decimal(text)
            except NumberError as exc:
                raise ValueError(str(exc) if shorthand else f"{key}: {exc}") from None
    return data


class Figure(Strict):
    """One input figure as the case gives it."""

    value: Decimal | bool | None = None
    undisclosed: bool = False
    # The figure as the form prints it when that is not a plain number: with a unit ("1,250.5万元")
    # or a "not given" mark ("/", "不适用").  Only the sheet's rule set knows its units and marks, so
    # the engine reads it (engine/figures.py) before scoring.
    written: str | None = None
    source: str = ""
    note: str = ""
    _percent: bool = PrivateAttr(default=False)  # written with a % sign: wrong for an amount

    @model_validator(mode="wrap")
    @classmethod
    def _shorthand(cls, data: Any, handler) -> Any:
        # `budget = "253.87"` is shorthand for `budget = { value = "253.87" }`
        written = data.get("value") if isinstance(data, dict) else data
        try:
            prepared = _read_numbers(data, ("value",), shorthand="value")
        except ValueError:
            if not isinstance(written, str) or not written.strip():
                raise
            # not a plain number: kept as written, for the rule set's vocabulary to read
            prepared = {**(data if isinstance(data, dict) else {}), "value": None, "written": written}
        figure = handler(prepared)
        figure._percent = isinstance(written, str) and written.rstrip().endswith(("%", "％"))
        return figure

    @property
    def percent_sign(self) -> bool:
        """Whether the figure was written as a percentage ("12%")."""
        return self._percent

    @model_validator(mode="after")
    def _value_or_undisclosed(self) -> Figure:
        given = self.value is not None or self.written is not None
        if self.undisclosed and given:
            raise ValueError("同时给出了数值和 undisclosed = true")
        if self.value is not None and self.written is not None:
            raise ValueError("同时给出了 value 和 written")
        if not self.undisclosed and not given:
            raise ValueError("缺少数值（未披露的数字请写 undisclosed = true）")
        return self


def _without_not_given(data: dict) -> dict:
    """A sheet's claims, claimed total and printed weights written "/" (`numbers.NOT_GIVEN_POINTS`)
    left out, as cells left blank are, and its figures written "" (blank: missing)."""
    def given(value: Any) -> bool:
        return not is_not_given(value.get("score") if isinstance(value, dict) else value)

    out = dict(data)
    if isinstance(out.get("inputs"), dict):
        # value = "" is a cell left blank, as in a table or a workbook: the figure is missing
        def blank(value: Any) -> bool:
            written = value.get("value", None) if isinstance(value, dict) and not value.get("undisclosed") else value
            return isinstance(written, str) and not written.strip()
        out["inputs"] = {k: v for k, v in out["inputs"].items() if not blank(v)}
    for key in ("claims", "weights"):
        if isinstance(out.get(key), dict):
            out[key] = {k: v for k, v in out[key].items() if given(v)}
    if "claimed_total" in out and not given(out["claimed_total"]):
        out["claimed_total"] = None
    return out


class Claim(Strict):
    """A claimed score as printed on the sheet; its written decimals are its precision."""

    score: Decimal
    source: str = ""

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: Any) -> Any:
        return _read_numbers(data, ("score",), shorthand="score", points=True)


class GradeClaim(Strict):
    """The result grade a sheet states ("自评等级：优"), as written."""

    grade: str = Field(min_length=1)
    source: str = ""

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: Any) -> Any:
        return {"grade": data} if isinstance(data, str) else data


class Row(Strict):
    """One 三级指标 row of a target/actual sheet, as printed."""

    id: str | None = Field(default=None, pattern=r"^[A-Za-z0-9_.-]+$")
    group: list[str] = []
    name: str = ""  # empty for a printed row with no indicator in it (a placeholder)
    part_of: str | None = None  # id of the row this one is a part of (其中… rows, numbered children)
    nature: str | None = None  # 指标性质 as printed: "定性", "定量", "≥", "＝" …
    rule: str | None = None  # 赋分规则 as printed (Xinjiang): picks the row method
    target: str | None = None  # 年度指标值 / 指标值 / 目标值, verbatim
    unit: str | None = None  # 度量单位 column, when the form has one
    actual: str | None = None  # 实际完成值 / 完成值 / 业绩值, verbatim (or the figure taken from a narrative, with source)
    weight: Decimal | None = Field(default=None, ge=0)  # 分值 / 权重; None when the document does not print it
    claimed: Decimal | None = None  # 得分
    deviation: str = ""  # 偏差原因分析及改进措施, as the form states it
    source: str = ""
    note: str = ""

    @model_validator(mode="before")
    @classmethod
    def _numbers(cls, data: Any) -> Any:
        data = _read_numbers(data, ("weight", "claimed"), points=True)
        if isinstance(data, dict):
            for key in ("target", "actual"):
                # a target written as a bare TOML number is still the text the form printed
                if isinstance(data.get(key), (int, Decimal)) and not isinstance(data.get(key), bool):
                    data[key] = str(data[key])
        return data


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

    @model_validator(mode="before")
    @classmethod
    def _numbers(cls, data: Any) -> Any:
        return _read_numbers(data, ("claimed", "weight"), points=True)


class StatedRate(Strict):
    """A rate the document states beside the amounts it is computed from, e.g. 执行率 90.12%."""

    label: str
    stated: str
    numerator: Decimal
    denominator: Decimal
    source: str = ""

    @model_validator(mode="before")
    @classmethod
    def _numbers(cls, data: Any) -> Any:
        return _read_numbers(data, ("numerator", "denominator"))


class Sheet(Strict):
    """One self-evaluation sheet of the case."""

    id: str = Field(pattern=r"^[A-Za-z0-9_.-]+$")
    title: str
    sheet_type: str | None = None  # e.g. 部门整体支出绩效自评表: picks the rules in effect for region and year
    project: str = ""  # 项目名称 (project sheets)
    implementer: str = ""  # 实施单位, when the form names one
    # the form's signature block, as filled in
    preparer: str = ""  # 填报人
    reviewer: str = ""  # 审核人
    phone: str = ""  # 联系电话
    rules: str | None = None  # or name them: "id" (version in effect that year) or "id@version"
    complete: bool = True  # false: only some parts are transcribed (e.g. budget execution only)
    claimed_total: Claim | None = None
    claimed_grade: GradeClaim | None = None  # the grade the sheet states, if it states one
    weights: dict[str, Decimal] = {}  # weights the sheet prints for rule indicators (预算执行率 20)
    inputs: dict[str, Figure] = {}
    claims: dict[str, Claim] = {}
    findings: dict[str, Figure] = {}
    rows: list[Row] = []
    subtotals: list[Subtotal] = []
    stated_rates: list[StatedRate] = []
    notes: str = ""
    # A sheet read from a workbook: its worksheet, and the row each of its things was read from
    # ("rows[0]", "execution", "inputs.budget", "total"), to place findings where a person looks
    _lines: tuple[str, dict[str, int]] | None = PrivateAttr(default=None)

    @model_validator(mode="before")
    @classmethod
    def _weights(cls, data: Any) -> Any:
        if isinstance(data, dict):
            data = _without_not_given(data)
        if isinstance(data, dict) and isinstance(data.get("weights"), dict):
            data = dict(data)
            weights = {}
            for key, value in data["weights"].items():
                try:
                    weights[key] = to_decimal(value) if isinstance(value, str) else value
                except NumberError as exc:
                    raise ValueError(f"weights.{key}: {exc}") from None
                if isinstance(weights[key], (int, Decimal)) and not isinstance(weights[key], bool) and weights[key] < 0:
                    raise ValueError(f"weights.{key}: 分值应大于或等于 0，得到 {value}")
            data["weights"] = weights
        return data

    @model_validator(mode="after")
    def _rules_or_type(self) -> "Sheet":
        if self.rules is None and self.sheet_type is None:
            raise ValueError("须写明 sheet_type（表类型，按地区和年度选用规则）或 rules（规则集 ID 或 ID@版本）")
        return self


class CaseInfo(Strict):
    id: str
    unit: str
    region: list[str] = Field(min_length=1)
    year: int | None = Field(default=None, ge=1990, le=2100)  # the fiscal year evaluated; left out when not printed
    evaluated: dt.date | None = None  # 评价日期 / 填报日期, when the sheet gives it
    department: str = ""  # 主管部门, when the form names one
    source: str
    notes: str = ""


class Case(Strict):
    """A whole case file."""

    format: int = 1
    case: CaseInfo
    sheets: list[Sheet] = Field(min_length=1)

    @field_validator("format")
    @classmethod
    def _known_format(cls, value: int) -> int:
        # a later format is refused by name, never read as this one
        if value != 1:
            raise ValueError(f"本工具只读取 format = 1 的案例文件，此文件写的是 format = {value}（由更新版本的工具写成？）")
        return value
