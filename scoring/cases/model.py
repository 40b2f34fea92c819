"""The case model: a unit's submission — its figures, each with where it came from, and its claimed scores.

A case holds one or more sheets; each sheet names the rule set it is scored under.  A figure the
source does not disclose is written ``{ undisclosed = true }`` and is never invented.

These are plain frozen objects (`scoring.plain`): what the engine, the outputs and everything else
read.  A case file's data becomes them either through the schema (`cases.schema`: pydantic models
of the same names, which validate and word every error) or, for a well-formed file, through the
quick reader (`cases.quick`), which never imports pydantic and hands anything it is not sure of to
the schema.  Both read the data with the helpers below (`_read_numbers`, `_figure_input`, …).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from ..numbers import NumberError, is_not_given, not_a_number, printable, to_decimal
from ..plain import Plain
from ..regions import PROVINCES

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


def case_region(region: list[str]) -> list[str]:
    """A case's region as written: one element holding the whole path ("新疆维吾尔自治区伊犁哈萨克自治州
    伊宁市", "四川省/凉山州/西昌市") is split as a table's region cell is (`region_parts`); a list of
    several is the path already."""
    if len(region) == 1:
        return region_parts(region[0]) or region
    return region


# A grade written in a score's cell, alone or in brackets after the score
_GRADE_WRITTEN = re.compile(r"^\s*(优秀|良好|合格|不合格|优|良|中|差)\s*$|[（(]\s*(优秀|良好|合格|不合格|优|良|中|差)\s*[)）]")


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
                text = text.strip()[:-1]  # "9.4分": the figure without its unit
            if points and text.strip().endswith(("%", "％")):
                # "19%" for a score: a share of the weight to some writers, points to others
                message = f"“{printable(data[key])}”带百分号：得分和分值应写分数，不能写百分数"
                raise ValueError(message if shorthand else f"{key}: {message}")
            try:
                data[key] = to_decimal(text)
            except NumberError as exc:
                # the cell as written ("满分"), not what is left of it without its unit ("满")
                said = not_a_number(data[key]) if text != data[key] else str(exc)
                if points and _GRADE_WRITTEN.search(text):
                    # "优", "95.5分（优）": a grade in a score's cell (review CH C1)
                    said += "：等级请另写在自评等级（claimed_grade）中，这里只写分数"
                raise ValueError(said if shorthand else f"{key}: {said}") from None
    return data


def _figure_input(data: Any) -> tuple[Any, bool]:
    """A figure's data as its fields take it, and whether it was written with a percent sign:
    `budget = "253.87"` is shorthand for `budget = { value = "253.87" }`, and a value that is not
    a plain number ("1,250.5万元", "/") is kept as written, for the rule set's vocabulary to read.
    Raises ValueError for a value that is neither."""
    written = data.get("value") if isinstance(data, dict) else data
    try:
        prepared = _read_numbers(data, ("value",), shorthand="value")
    except ValueError:
        if not isinstance(written, str) or not written.strip():
            raise
        # not a plain number: kept as written, for the rule set's vocabulary to read
        prepared = {**(data if isinstance(data, dict) else {}), "value": None, "written": written}
    return prepared, isinstance(written, str) and written.rstrip().endswith(("%", "％"))


def _figure_problem(value: Any, undisclosed: bool, written: Any) -> str | None:
    """What is wrong with a figure's fields taken together, or None."""
    given = value is not None or written is not None
    if undisclosed and given:
        return "同时给出了数值和 undisclosed = true"
    if value is not None and written is not None:
        return "同时给出了 value 和 written"
    if not undisclosed and not given:
        return "缺少数值（未披露的数字请写 undisclosed = true）"
    return None


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


def _sheet_input(data: Any) -> Any:
    """A sheet's data as its fields take it: what is written "/" left out (`_without_not_given`)
    and printed weights read as numbers.  Raises ValueError for a weight that is not one."""
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
            weight = weights[key]
            # (NaN and infinities are the schema's to refuse; NaN cannot even be compared)
            finite = not isinstance(weight, Decimal) or weight.is_finite()
            if isinstance(weight, (int, Decimal)) and not isinstance(weight, bool) and finite and weight < 0:
                raise ValueError(f"weights.{key}: 分值应大于或等于 0，得到 {value}")
        data["weights"] = weights
    return data


# The constraints both readers hold a case to (`cases.schema` as pydantic fields, `cases.quick` by hand)
ID_PATTERN = r"[A-Za-z0-9_.-]+"  # a sheet's or a row's id, whole
FIRST_YEAR, LAST_YEAR = 1990, 2100  # the fiscal years a case may be of

SHEET_RULES_OR_TYPE = "须写明 sheet_type（表类型，按地区和年度选用规则）或 rules（规则集 ID 或 ID@版本）"


def _claim_input(data: Any) -> Any:
    return _read_numbers(data, ("score",), shorthand="score", points=True)


def _grade_input(data: Any) -> Any:
    return {"grade": data} if isinstance(data, str) else data


def _row_input(data: Any) -> Any:
    data = _read_numbers(data, ("weight", "claimed", "converted"), points=True)
    if isinstance(data, dict):
        if data.get("claimed") is None and data.get("converted") is not None:
            # a form printing only the converted score (折算得分) counts it towards the total: it
            # is the row's claim, on the weight's scale
            data["claimed"] = data["converted"]
        for key in ("target", "actual"):
            # a target written as a bare TOML number is still the text the form printed
            if isinstance(data.get(key), (int, Decimal)) and not isinstance(data.get(key), bool):
                data[key] = str(data[key])
    return data


def _subtotal_input(data: Any) -> Any:
    return _read_numbers(data, ("claimed", "weight"), points=True)


def _rate_input(data: Any) -> Any:
    return _read_numbers(data, ("numerator", "denominator"))


def format_problem(value: int) -> str | None:
    """A case file's format this tool cannot read, said; None for format 1."""
    # a later format is refused by name, never read as this one
    if value != 1:
        return f"本工具只读取 format = 1 的案例文件，此文件写的是 format = {value}（由更新版本的工具写成？）"
    return None


class CaseObject(Plain):
    """Base of the case's plain objects."""

    @classmethod
    def model_validate(cls, data: Any):
        """``data`` validated by the schema model of the same name (`cases.schema`) and made plain,
        as pydantic's ``model_validate`` did when these were its models; an object of this class
        is returned as it is."""
        if isinstance(data, cls):
            return data
        from . import schema

        return schema.validate(getattr(schema, cls.__name__), data)


class Figure(CaseObject):
    """One input figure as the case gives it."""

    value: Decimal | bool | None = None
    undisclosed: bool = False
    # The figure as the form prints it when that is not a plain number: with a unit ("1,250.5万元")
    # or a "not given" mark ("/", "不适用").  Only the sheet's rule set knows its units and marks, so
    # the engine reads it (engine/figures.py) before scoring.
    written: str | None = None
    source: str = ""
    note: str = ""
    _percent: bool = False  # written with a % sign: wrong for an amount

    @property
    def percent_sign(self) -> bool:
        """Whether the figure was written as a percentage ("12%")."""
        return self._percent

    def _dumped(self, out: dict) -> dict:
        # written with its % sign, as read: a case stored, downloaded or opened in the form keeps the
        # sign the engine refuses an amount for, where the bare number would score it (review DZ A1)
        if self._percent and isinstance(self.value, Decimal):
            out["value"] = f"{format(self.value, 'f')}%"
        return out


class Claim(CaseObject):
    """A claimed score as printed on the sheet; its written decimals are its precision."""

    score: Decimal
    source: str = ""


class GradeClaim(CaseObject):
    """The result grade a sheet states ("自评等级：优"), as written."""

    grade: str
    source: str = ""


class Row(CaseObject):
    """One 三级指标 row of a target/actual sheet, as printed."""

    id: str | None = None
    group: list[str] = []
    name: str = ""  # empty for a printed row with no indicator in it (a placeholder)
    part_of: str | None = None  # id of the row this one is a part of (其中… rows, numbered children)
    nature: str | None = None  # 指标性质 as printed: "定性", "定量", "≥", "＝" …
    rule: str | None = None  # 赋分规则 as printed (Xinjiang): picks the row method
    target: str | None = None  # 年度指标值 / 指标值 / 目标值, verbatim
    unit: str | None = None  # 度量单位 column, when the form has one
    actual: str | None = None  # 实际完成值 / 完成值 / 业绩值, verbatim (or the figure taken from a narrative, with source)
    weight: Decimal | None = None  # 分值 / 权重; None when the document does not print it
    claimed: Decimal | None = None  # 得分
    # 折算得分 / 加权得分: the score a form prints beside 得分 as the row's share of the total (the Hebei
    # form's 单项指标折算得分); on the weight's scale it is the claim again, and is held to it
    converted: Decimal | None = None
    deviation: str = ""  # 偏差原因分析及改进措施, as the form states it
    source: str = ""
    note: str = ""


class Subtotal(CaseObject):
    """A printed group subtotal: the claimed sum of a group's scores and/or its printed weight.

    ``includes`` names rule indicators the form prints inside this group (a 预算执行率 line under
    项目管理), so they count towards its subtotal and weight.
    """

    group: list[str]
    claimed: Decimal | None = None
    weight: Decimal | None = None
    includes: list[str] = []
    source: str = ""


class StatedRate(CaseObject):
    """A rate the document states beside the amounts it is computed from, e.g. 执行率 90.12%."""

    label: str
    stated: str
    numerator: Decimal
    denominator: Decimal
    source: str = ""


class Sheet(CaseObject):
    """One self-evaluation sheet of the case."""

    id: str
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
    _lines: tuple[str, dict[str, int]] | None = None
    # A rule indicator's figure as the row folded into it prints it (`row_structure.indicator_rows`):
    # indicator id → (the row's actual, its place), for scoring the indicator where its amounts are not given
    _printed: dict[str, tuple[str, str]] | None = None

    @property
    def heading(self) -> str:
        """The sheet's title as outputs name it: with its 项目名称 where the title does not hold it
        ("项目支出绩效自评表（基本公共卫生服务补助资金）"), so two project sheets of one unit are told
        apart in a heading, a summary row or a report (review BW C5)."""
        project = self.project.strip()
        if not project or project in self.title:
            return self.title
        return f"{self.title}（{project}）" if self.title.strip() else project


class CaseInfo(CaseObject):
    id: str
    unit: str
    region: list[str]
    year: int | None = None  # the fiscal year evaluated; left out when not printed
    evaluated: dt.date | None = None  # 评价日期 / 填报日期, when the sheet gives it
    department: str = ""  # 主管部门, when the form names one
    source: str
    notes: str = ""


class Case(CaseObject):
    """A whole case file."""

    format: int = 1
    case: CaseInfo
    sheets: list[Sheet]
    # Sheets of the file refused alone at reading (a claim or a row weight that is no number, a
    # list where a figure goes): (sheet id, why), said by whoever scores the others (`cases.load`)
    _refused: tuple[tuple[str, str], ...] = ()
    # What reading a published sheet in the neutral form assumed or left out (`cases.published`): said
    # as infos beside its scores, on both evaluation paths
    _read_notes: tuple[str, ...] = ()
