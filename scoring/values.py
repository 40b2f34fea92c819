"""Parse a target (年度指标值) or an actual (实际完成值/完成值/业绩值) as a sheet writes it.

A value is one of three kinds: a number with an optional comparator and unit ("≥95%",
"600次以上", "<=38.79万元"), a date or deadline ("2024年12月31日前"), or a qualitative
phrase with no digits ("较满意", "有所改善"). Anything that mixes digits with a notation
this module does not know ("3-5次", "1/2", a narrative sentence) is refused with a
ValueParseError rather than guessed at; the caller reports it to finance staff.

Decisions, so downstream scoring does not have to re-derive them:

* 以上/及以上 are inclusive (>=), 以下/及以下/以内/之内 are inclusive (<=), following the
  Chinese legal convention (民法典 第一千二百五十九条: 以上、以下、以内 include the figure).
* A deadline written "…前/之前/以前" means "by that day, inclusive": comparator "<=".
  The sheets treat "12月31日前" as met by work finished on 31 December.
* "600余次"/"20余项" (also "…多…") are loose lower bounds: approximate=True, comparator ">=".
* A leading "=" ("=2批", "=100%") is kept as comparator "="; a bare figure has comparator None.
* A date without a year takes ``year=``; without it the value is refused. A written year
  always wins over ``year=``.
* Relative phrases with no digits ("年底前", "年内", "按时") are text, not dates.
* Chinese numerals are not read: "三次" is text. A digit-free string that is only a
  comparator and/or a unit ("≥", "%", "次") is a split-cell fragment and is refused.
* Percentages are carried as their number (95% -> 95, unit "%").
* A figure of 10^15 or more in absolute value is refused (numbers.MAX_FIGURE): it is a slip,
  and carrying it into arithmetic gains nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal

from .numbers import MAX_FIGURE_TEXT, NumberError, is_too_large, normalize_text, to_decimal

Comparator = Literal[">=", "<=", "=", ">", "<"]

UNITS: frozenset[str] = frozenset(
    {
        "%", "‰", "元", "万元", "亿元",
        "次", "场", "场次", "人次", "期", "批", "批次", "人", "名", "台", "套", "辆",
        "个", "项", "件", "家", "户", "所", "处", "座", "篇", "份", "条", "本", "册", "部",
        "天", "日", "个工作日", "工作日", "小时", "周", "月", "个月", "年", "分",
    }
)

# Full-width ASCII block (！..～) to ASCII, so ＝＞＜（）and letters fold with the digits.
_FOLD = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FOLD |= {0x3000: 0x20, ord("≧"): "≥", ord("≦"): "≤"}

# Longest first, so "不低于" is not read as "低于" and ">=" not as ">".
_PREFIXES: tuple[tuple[str, Comparator], ...] = tuple(
    sorted(
        {
            ">=": ">=", "≥": ">=", "大于等于": ">=", "不低于": ">=", "不少于": ">=",
            "不小于": ">=", "至少": ">=",
            "<=": "<=", "≤": "<=", "小于等于": "<=", "不超过": "<=", "不高于": "<=",
            "不多于": "<=", "最多": "<=",
            ">": ">", "大于": ">", "高于": ">", "超过": ">",
            "<": "<", "小于": "<", "低于": "<",
            "=": "=", "等于": "=",
        }.items(),
        key=lambda item: -len(item[0]),
    )
)
_SUFFIXES: tuple[tuple[str, Comparator], ...] = (
    ("及以上", ">="), ("以上", ">="),
    ("及以下", "<="), ("以下", "<="), ("以内", "<="), ("之内", "<="),
)

# re.ASCII: only 0-9 are digits here; other Unicode digits fall through to an error.
_NUMBER = re.compile(r"([+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)([余多])?(.*)", re.ASCII | re.DOTALL)
_DATE = re.compile(
    r"(?:(?:(?P<y>\d{4})年)?(?P<m>\d{1,2})月(?P<d>\d{1,2})[日号]"
    r"|(?P<iy>\d{4})(?P<sep>[-./])(?P<im>\d{1,2})(?P=sep)(?P<id>\d{1,2}))"
    r"(?P<before>之前|以前|前)?",
    re.ASCII,
)


class ValueParseError(ValueError):
    """Raised for a notation the parser does not know.

    ``str(exc)`` is a Chinese message naming the place (``where``) and the text.
    """

    def __init__(self, where: str, text: str, detail: str) -> None:
        self.where = where
        self.text = text
        super().__init__(f"{where}：{detail}" if where else detail)


@dataclass(frozen=True)
class ParsedValue:
    """One target or actual, split into comparator, figure/date/phrase and unit."""

    raw: str
    kind: Literal["number", "date", "text"]
    comparator: Comparator | None
    number: Decimal | None
    unit: str | None
    date: date | None
    text: str | None
    approximate: bool = False

    @property
    def is_percent(self) -> bool:
        """True when the figure was written as a percentage (carried as its number)."""
        return self.unit == "%"


def parse_value(text: str | int | Decimal, *, where: str = "", year: int | None = None) -> ParsedValue:
    """Parse a target or an actual as a form writes it.

    ``where`` names the place for error messages (e.g. 绩效指标第3行“实际完成值”);
    ``year`` supplies the year of a date written without one ("12月10日前").
    Raises ValueParseError for an empty value or any notation it does not know.
    """
    if not isinstance(text, str):
        try:
            number = to_decimal(text)
        except NumberError as exc:
            raise ValueParseError(where, str(text), str(exc)) from exc
        if is_too_large(number):
            raise ValueParseError(where, str(text), f"数值过大（绝对值应小于 {MAX_FIGURE_TEXT}）")
        return ParsedValue(str(text), "number", None, number, None, None, None)

    cleaned = re.sub(r"[\s。]+$", "", normalize_text(text.translate(_FOLD)))
    if not cleaned:
        raise ValueParseError(where, text, "为空")
    unknown = ValueParseError(where, text, f"无法识别的写法“{text}”")
    compact = "".join(cleaned.split())
    comparator, body = _split_prefix(compact)

    if not any(ch.isdigit() for ch in cleaned):
        _, rest = _split_suffix(body)
        if not rest or rest in UNITS:
            raise ValueParseError(where, text, f"缺少数值“{text}”")
        return ParsedValue(text, "text", None, None, None, None, cleaned)

    match = _DATE.fullmatch(body)
    if match:
        return _date_value(text, match, comparator, where, year, unknown)

    suffix_comparator, body = _split_suffix(body)
    comparator = _merge(comparator, suffix_comparator, unknown)
    match = _NUMBER.fullmatch(body)
    if not match:
        raise unknown
    figure, loose, unit = match.groups()
    if unit and unit not in UNITS:
        raise unknown
    if loose:
        # "600余次" already says "at least"; any other written comparator contradicts it.
        comparator = _merge(comparator, ">=", unknown)
    number = to_decimal(figure)
    if is_too_large(number):
        raise ValueParseError(where, text, f"数值过大“{text[:40]}”（绝对值应小于 {MAX_FIGURE_TEXT}）")
    return ParsedValue(text, "number", comparator, number, unit or None, None, None, approximate=bool(loose))


def _split_prefix(body: str) -> tuple[Comparator | None, str]:
    for word, comparator in _PREFIXES:
        if body.startswith(word):
            return comparator, body[len(word):]
    return None, body


def _split_suffix(body: str) -> tuple[Comparator | None, str]:
    for word, comparator in _SUFFIXES:
        if body.endswith(word):
            return comparator, body[: -len(word)]
    return None, body


def _merge(first: Comparator | None, second: Comparator | None, error: ValueParseError) -> Comparator | None:
    # "≥600次以上" is redundant but consistent; "≤600次以上" cannot be read either way.
    if first and second and first != second:
        raise error
    return first or second


def _date_value(
    text: str,
    match: re.Match[str],
    comparator: Comparator | None,
    where: str,
    year: int | None,
    unknown: ValueParseError,
) -> ParsedValue:
    comparator = _merge(comparator, "<=" if match["before"] else None, unknown)
    if match["iy"]:
        parts = (match["iy"], match["im"], match["id"])
    elif match["y"] or year is not None:
        parts = (match["y"] or year, match["m"], match["d"])
    else:
        raise ValueParseError(where, text, f"日期缺少年份“{text}”")
    try:
        when = date(*(int(part) for part in parts))
    except (ValueError, OverflowError) as exc:
        raise ValueParseError(where, text, f"日期不存在“{text}”") from exc
    return ParsedValue(text, "date", comparator, None, None, when, None)
