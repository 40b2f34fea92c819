"""The quick case reader: a well-formed case file's data turned into the plain case objects
(`cases.model`) without pydantic.

It reads exactly what the schema (`cases.schema`) would make of the same data, with the same
helpers (`_read_numbers` and the others in `cases.model`), and only where it is sure of it: every
key known, every value of the very type its field holds (a TOML integer for a decimal field is
the one coercion it makes, as the schema does), every constraint met.  Anything else — an unknown
key, another type, a value the schema would coerce, any error — makes it give up (`quick_case`
returns None), and the schema reads the data instead, so every message reads as it always has.
`tests/test_quick_reader.py` checks that both give equal objects on every shipped case and every
generated one, and that the reader gives up on the malformed corpus.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any, Callable

from .model import (
    FIRST_YEAR,
    ID_PATTERN,
    LAST_YEAR,
    Case,
    CaseInfo,
    Claim,
    Figure,
    GradeClaim,
    Row,
    Sheet,
    StatedRate,
    Subtotal,
    _claim_input,
    _figure_input,
    _figure_problem,
    _grade_input,
    _rate_input,
    _row_input,
    _sheet_input,
    _subtotal_input,
    case_region,
    format_problem,
)

_ID = re.compile(ID_PATTERN)


class _Unsure(Exception):
    """The data is not plainly well-formed: the schema must read it."""


def quick_case(data: Any) -> Case | None:
    """The case ``data`` (a parsed case file) holds, or None where the schema must read it."""
    try:
        return _case(data)
    except (_Unsure, ValueError, TypeError, AttributeError, KeyError, RecursionError):
        return None


# Field readers: each returns the field's value or raises _Unsure.

def _str(value: Any) -> str:
    if type(value) is not str:
        raise _Unsure
    if not value.isascii():
        try:
            value.encode()  # a lone surrogate ("\ud800"): the schema refuses it
        except UnicodeEncodeError:
            raise _Unsure from None
    return value


def _text(value: Any) -> str:
    """A string of at least one character."""
    if not _str(value):
        raise _Unsure
    return value


def _ident(value: Any) -> str:
    if type(value) is not str or _ID.fullmatch(value) is None:
        raise _Unsure
    return value


def _bool(value: Any) -> bool:
    if type(value) is not bool:
        raise _Unsure
    return value


def _decimal(value: Any) -> Decimal:
    if type(value) is Decimal:
        if not value.is_finite():
            raise _Unsure
        return value
    if type(value) is int:
        return Decimal(value)
    raise _Unsure


def _points(value: Any) -> Decimal:
    """A weight: a decimal, not below zero."""
    number = _decimal(value)
    if number < 0:
        raise _Unsure
    return number


def _year(value: Any) -> int:
    if type(value) is not int or not FIRST_YEAR <= value <= LAST_YEAR:
        raise _Unsure
    return value


def _date(value: Any) -> dt.date:
    if type(value) is not dt.date:
        raise _Unsure
    return value


def _strings(value: Any) -> list[str]:
    if type(value) is not list:
        raise _Unsure
    return [_str(v) for v in value]


def _some_strings(value: Any) -> list[str]:
    """A list of at least one string."""
    if not value:
        raise _Unsure
    return _strings(value)


def _region(value: Any) -> list[str]:
    """A case's region: a list of strings, or the whole path in one string, split as the case model does."""
    return case_region(_some_strings([value] if isinstance(value, str) and value.strip() else value))


def _optional(read: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda value: None if value is None else read(value)


def _list(read: Callable[[Any], Any]) -> Callable[[Any], list]:
    def reader(value: Any) -> list:
        if type(value) is not list:
            raise _Unsure
        return [read(v) for v in value]
    return reader


def _mapping(read: Callable[[Any], Any]) -> Callable[[Any], dict]:
    def reader(value: Any) -> dict:
        if type(value) is not dict:
            raise _Unsure
        return {_str(k): read(v) for k, v in value.items()}
    return reader


def _fields(data: Any, readers: dict[str, Callable[[Any], Any]], required: tuple[str, ...]) -> dict[str, Any]:
    """``data``'s fields read by ``readers``: every key known, every required one given."""
    if type(data) is not dict or not data.keys() <= readers.keys() or any(key not in data for key in required):
        raise _Unsure
    return {key: readers[key](value) for key, value in data.items()}


_optional_str = _optional(_str)
_optional_decimal = _optional(_decimal)


def _figure(data: Any) -> Figure:
    prepared, percent = _figure_input(data)
    fields = _fields(prepared, _FIGURE, ())
    if _figure_problem(fields.get("value"), fields.get("undisclosed", False), fields.get("written")):
        raise _Unsure
    figure = Figure(**fields)
    figure._percent = percent
    return figure


def _figure_value(value: Any) -> Decimal | bool | None:
    """As the schema's ``Decimal | bool | None``: a bool stays one, a whole number is a decimal."""
    if value is None or type(value) is bool:
        return value
    return _decimal(value)


_FIGURE = {"value": _figure_value, "undisclosed": _bool, "written": _optional_str, "source": _str, "note": _str}


def _claim(data: Any) -> Claim:
    return Claim(**_fields(_claim_input(data), {"score": _decimal, "source": _str}, ("score",)))


def _grade(data: Any) -> GradeClaim:
    return GradeClaim(**_fields(_grade_input(data), {"grade": _text, "source": _str}, ("grade",)))


_ROW = {
    "id": _optional(_ident), "group": _strings, "name": _str, "part_of": _optional_str, "nature": _optional_str,
    "rule": _optional_str, "target": _optional_str, "unit": _optional_str, "actual": _optional_str,
    "weight": _optional(_points), "claimed": _optional_decimal, "converted": _optional_decimal, "deviation": _str, "source": _str, "note": _str,
}


def _row(data: Any) -> Row:
    return Row(**_fields(_row_input(data), _ROW, ()))


_SUBTOTAL = {"group": _some_strings, "claimed": _optional_decimal, "weight": _optional(_points), "includes": _strings, "source": _str}


def _subtotal(data: Any) -> Subtotal:
    return Subtotal(**_fields(_subtotal_input(data), _SUBTOTAL, ("group",)))


_RATE = {"label": _str, "stated": _str, "numerator": _decimal, "denominator": _decimal, "source": _str}


def _rate(data: Any) -> StatedRate:
    return StatedRate(**_fields(_rate_input(data), _RATE, ("label", "stated", "numerator", "denominator")))


_SHEET = {
    "id": _ident, "title": _str, "sheet_type": _optional_str, "project": _str, "implementer": _str, "preparer": _str,
    "reviewer": _str, "phone": _str, "rules": _optional_str, "complete": _bool, "claimed_total": _optional(_claim),
    "claimed_grade": _optional(_grade), "weights": _mapping(_decimal), "inputs": _mapping(_figure),
    "claims": _mapping(_claim), "findings": _mapping(_figure), "rows": _list(_row), "subtotals": _list(_subtotal),
    "stated_rates": _list(_rate), "notes": _str,
}


def _sheet(data: Any) -> Sheet:
    fields = _fields(_sheet_input(data), _SHEET, ("id", "title"))
    if fields.get("rules") is None and fields.get("sheet_type") is None:
        raise _Unsure
    return Sheet(**fields)


_INFO = {
    "id": _str, "unit": _str, "region": _region, "year": _optional(_year), "evaluated": _optional(_date),
    "department": _str, "source": _str, "notes": _str,
}


def _info(data: Any) -> CaseInfo:
    return CaseInfo(**_fields(data, _INFO, ("id", "unit", "region", "source")))


def _format(value: Any) -> int:
    if type(value) is not int or format_problem(value):
        raise _Unsure
    return value


def _case(data: Any) -> Case:
    fields = _fields(data, {"format": _format, "case": _info, "sheets": _list(_sheet)}, ("case", "sheets"))
    if not fields["sheets"]:
        raise _Unsure
    return Case(**fields)
