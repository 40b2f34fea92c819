"""Exact decimal arithmetic helpers: parsing figures as forms write them, and half-up rounding.

Every money amount and score in the project is a ``decimal.Decimal``; floats never enter.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
from typing import NamedTuple

# Full-width digits, signs and punctuation that appear in scanned or hand-typed forms.
_FULLWIDTH = str.maketrans(
    "０１２３４５６７８９．，－＋％　",
    "0123456789.,-+% ",
)
# Minus signs other than ASCII hyphen-minus that extraction produces.
_MINUS_SIGNS = str.maketrans({"−": "-", "–": "-", "—": "-", "﹣": "-"})

# No budget, count or rate on any sheet comes near 10^15 (万元 or 元): a figure that large is a
# slip (or an attack), refused where it is read instead of carried into arithmetic and reports.
MAX_FIGURE = Decimal("1e15")
MAX_FIGURE_TEXT = "10^15（1000万亿）"

_NUMBER_RE = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?$")


class NumberError(ValueError):
    """A text that should be a plain number is not one."""


def normalize_text(text: str) -> str:
    """Fold full-width characters and exotic minus signs to ASCII, and strip blanks."""
    return text.translate(_FULLWIDTH).translate(_MINUS_SIGNS).strip()


_WRITTEN_YEAR = re.compile(r"(\d{4})\s*(?:年度?)?")


def written_year(text: str) -> str:
    """A year cell as people type it — "2024", "2024年", "2024年度", "２０２４" — as its four digits;
    anything else as it was, for the reader to refuse naming it (review BZ)."""
    match = _WRITTEN_YEAR.fullmatch(normalize_text(text))
    return match[1] if match else text


def folding_after(table: dict) -> dict[int, str]:
    """One translation table that does ``table`` and then `normalize_text`'s folding (not its
    strip): a text translated once by it is what the three translations make of it."""
    keys = set(table) | set(_FULLWIDTH) | set(_MINUS_SIGNS)
    return {k: chr(k).translate(table).translate(_FULLWIDTH).translate(_MINUS_SIGNS) for k in keys}


def normalize_phrase(text: str) -> str:
    """Fold a printed phrase for lookup: full-width to ASCII, no blanks, no trailing 。."""
    return normalize_text(text).replace(" ", "").rstrip("。.；;")


# What a score or weight cell prints when it gives none (DOMAIN: "/", "—", "不适用" …): the cell is blank.
# Figures are read with their rule set's own "not given" words (engine/figures.py); a score or a
# weight is read before any rule set is chosen, so it knows these.
NOT_GIVEN_POINTS = frozenset({"/", "／", "—", "－", "-", "--", "——", "N/A", "n/a", "NA", "不适用", "空", "未填", "未填写"})


# A yes/no as case tables and case files write it (an input declared a flag).
FLAGS = {"true": True, "false": False, "是": True, "否": False}


def is_not_given(value: object) -> bool:
    """Whether a score or weight cell is written as one of `NOT_GIVEN_POINTS` ("/", "—")."""
    return isinstance(value, str) and "".join(value.split()) in NOT_GIVEN_POINTS


def printable(text: object) -> str:
    """``text`` as a message may quote it: a lone surrogate ("\ud800", which no file holds but a web
    form's JSON may) escaped, since no message carrying one can be written or validated; a line
    break (a spreadsheet cell of two lines) shown as "⏎", so the message stays one line (review ES C6)."""
    return _BREAKS.sub("⏎", str(text).encode("utf-8", "backslashreplace").decode("utf-8"))


_BREAKS = re.compile(r"\r\n|[\r\n\u2028\u2029]")


def to_decimal(value: object) -> Decimal:
    """Turn a TOML/JSON scalar or a written figure ("253.87", "１,２３４.５", "-38%") into a Decimal.

    A trailing percent sign is dropped: percentages are carried as their number (90.12 for 90.12%).
    Floats are refused because they have already lost the written digits.
    """
    if isinstance(value, bool):
        raise NumberError(f"应为数字，得到布尔值 {value!r}")
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise NumberError(f"应为有限数字，得到 {value}")
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        raise NumberError(f"数字 {value!r} 以二进制浮点数给出，会丢失精度；请写成字符串")
    if not isinstance(value, str):
        raise NumberError(f"应为数字，得到 {type(value).__name__}")
    if _PLAIN_NUMBER.fullmatch(value):  # most cells of a machine-written table: skip the folding
        return Decimal(value)
    if _PLAIN_PERCENT.fullmatch(value):  # a rate as a machine writes it: "95.69%"
        return Decimal(value[:-1])
    text = normalize_text(value).replace(" ", "")
    if text.endswith("%"):
        text = text[:-1]
    if not text or not _NUMBER_RE.match(text) or text in {"+", "-", "."}:
        raise NumberError(not_a_number(value))
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation as exc:  # pragma: no cover - the regex already filters
        raise NumberError(f"“{printable(value)}”不是数字") from exc


def not_a_number(written: str) -> str:
    """The message for a figure that cannot be read as one, saying why where a common slip explains
    it: "253,87", a comma as the decimal mark, as some keyboards and countries write it."""
    why = number_hint(written)
    return f"“{printable(written)}”不是数字" + (f"：{why}" if why else "")


def number_hint(written: str) -> str:
    """Why a figure cannot be read, where a common slip explains it; "" where none does."""
    if _DECIMAL_COMMA.fullmatch(normalize_text(written).replace(" ", "").rstrip("%")):
        return "逗号只作千位分隔（如 1,234.56），小数点请写“.”（如 253.87）"
    if written.strip().lower() == "undisclosed":
        # a case table's mark, written in a case file's value (review EH B6)
        return "案例文件中未披露的数字请写 undisclosed = true（不写 value）"
    return ""


_QUANTUM: dict[int, Decimal] = {}
# A comma not followed by three digits and no point: "253,87", "0,5", "1234,5"
_DECIMAL_COMMA = re.compile(r"[+-]?[0-9]+,[0-9]{1,2}|[+-]?[0-9]+,[0-9]{4,}")
_PLAIN_NUMBER = re.compile(r"-?[0-9]{1,15}(\.[0-9]{1,15})?")
_PLAIN_PERCENT = re.compile(r"-?[0-9]{1,15}(\.[0-9]{1,15})?%")


def round_half_up(value: Decimal, digits: int) -> Decimal:
    """Round to ``digits`` decimals, halves away from zero (四舍五入): 2.675 → 2.68, 0.125 → 0.13.

    Exact for any magnitude a report can meet: the working precision grows with the value
    (quantize would otherwise fail on 1e30 with two decimals).  A value whose digits would run
    into the thousands is returned unrounded rather than written out in full.
    """
    needed = value.adjusted() + digits + 2
    if needed <= 28:  # the everyday case, within the default context: no context switch needed
        exponent = _QUANTUM.get(digits)
        if exponent is None:
            exponent = _QUANTUM.setdefault(digits, Decimal(1).scaleb(-digits))
        return value.quantize(exponent, ROUND_HALF_UP)  # positional: a keyword costs the call twice over
    if needed > 1000:
        return value
    with localcontext() as ctx:
        ctx.prec = max(ctx.prec, needed)
        return value.quantize(Decimal(1).scaleb(-digits), ROUND_HALF_UP)


def is_too_large(value: Decimal) -> bool:
    """True for a figure whose absolute value reaches MAX_FIGURE (10^15)."""
    return value.is_finite() and value.copy_abs() >= MAX_FIGURE  # copy_abs: no rounding, no overflow


def decimals_of(value: Decimal) -> int:
    """How many decimals a written figure carries: 9.2 → 1, 98.50 → 2, 10 → 0."""
    text = str(value)  # far cheaper than as_tuple(), which builds a named tuple every call
    if "E" not in text:
        point = text.find(".")
        return 0 if point < 0 else len(text) - point - 1
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def fmt_sum(value: Decimal) -> str:
    """A sum of written figures without the zeros adding left on it: "101" of 9.5 + … + 91.5
    (101.0), "99.9" of 33.30 × 3; as `fmt`, never with an exponent."""
    return fmt(value.normalize())


def fmt_share(low: Decimal, high: Decimal) -> str:
    """Shares of a weight (0.8, 1) as percentages to the hundredth: "80%", or "80%～100%"."""
    low_text, high_text = (fmt_sum(round_half_up(share * 100, 2)) for share in (low, high))
    return f"{low_text}%" if low_text == high_text else f"{low_text}%～{high_text}%"


def fmt(value: Decimal | None) -> str | None:
    """Render a Decimal as plain positional text (no exponent), or None."""
    if value is None:
        return None
    if value.is_zero():
        value = abs(value)  # never print "-0.00"
    if value.is_finite():
        text = str(value)
        if "E" not in text:
            return text  # already positional, as format(value, "f") writes it (and cheaper)
    if not value.is_finite() or abs(value.as_tuple().exponent) > 100:
        return "0" if value.is_zero() else str(value)  # "1E+999999999", not a billion zeros
    return format(value, "f")


class WeightRounding(NamedTuple):
    """What printed weights may be off by for being written rounded: ``shifts``, how much they add
    up beyond the wholes they stand for under each reading of them (none; equal shares of a whole,
    3 × 6.7 of 20: +0.1; thirds, 3.3 of 10/3: −1/30 each), and ``slack``, as much either way for
    weights rounded by their look (6.67, 33.33: half a unit each)."""

    shifts: tuple[Decimal, ...]
    slack: Decimal

    def reading(self, total: Decimal, expected: Decimal) -> Decimal | None:
        """The shift under which weights adding up to ``total`` stand for ``expected`` (the
        smallest), or None where no reading makes them add up."""
        fits = [s for s in self.shifts if abs(total - s - expected) <= self.slack]
        return min(fits, key=abs) if fits else None

    def exceeds(self, total: Decimal, ceiling: Decimal) -> bool:
        """Whether weights adding up to ``total`` exceed ``ceiling`` under every reading."""
        return min(total - s for s in self.shifts) - ceiling > self.slack


def rounding_allowance(weights: Iterable[Decimal]) -> WeightRounding:
    """How printed weights may be off for being written rounded (`WeightRounding`).

    Whole and half points (4.5) are exact, and so are equal weights adding up to a whole (30 ×
    2.9).  A weight of two decimals or more not ending in 0 or 5 is a rounded fraction by its look
    (6.67, 33.33, 14.29): half a unit of its last decimal either way.  Other weights are read two
    ways besides as printed: equal weights as the shares of a whole split evenly, where they come
    near a whole number of points that, split among them and rounded at their decimals, gives them
    back (three thirds of 20 as 6.7, seven sevenths of 90 as 12.9, eleven elevenths of 50 as 4.55);
    and one-decimal weights that are thirds rounded as those thirds (33.3 and 23.3 of 100 and 70,
    13 × 6.7 and 3.3 of 90).  Each reading is off by what its weights add up beyond what they
    stand for, in that direction: 10.3, 9.3 and 10.8 beside a 39.9 are 99.9 as printed and 100.07
    as thirds, 100 neither way."""
    counts: dict[Decimal, int] = {}
    for w in weights:
        counts[w] = counts.get(w, 0) + 1
    split = slack = thirds = others = Decimal(0)  # thirds' errors are added up in thirds, exactly
    for w, count in counts.items():
        places = decimals_of(w)
        together = w * count
        if w * 2 == (w * 2).to_integral_value() or together == together.to_integral_value():
            continue
        if places >= 2 and str(w)[-1] not in "05":
            slack += count * Decimal(5).scaleb(-places - 1)
            continue
        # the largest split first, then what is left (seven of 12.9 are 90, two more taken as printed)
        off, left = Decimal(0), count
        while left >= 2:
            share = next((e for k in range(left, 1, -1) if (e := _split_error(w, k, places)) is not None), None)
            if share is None:
                break
            off += share[1]
            left -= share[0]
        split += off
        third = round_half_up(w * 3, 0)
        if places == 1 and round_half_up(third / 3, 1) == w:
            thirds += count * (w * 3 - third)
        else:
            others += off  # read as thirds where they are, as equal shares where not
    return WeightRounding(tuple(dict.fromkeys((Decimal(0), split, thirds / 3 + others))), slack)


def _split_error(w: Decimal, k: int, places: int) -> tuple[int, Decimal] | None:
    """(k, what k shares of ``w`` add up beyond their whole) where k rounded shares of a whole
    number of points print as ``w`` (0 where they add up to it: 30 × 2.9); None otherwise."""
    together = w * k
    whole = round_half_up(together, 0)
    if together == whole:
        return k, Decimal(0)
    if round_half_up(whole / k, places) == w:
        return k, together - whole
    return None
