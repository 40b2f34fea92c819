"""Stated rates: a rate a sheet prints beside the amounts it is computed from (执行率 90.12%).

Printed amounts are rounded too: 32.18 ÷ 34.38 stands for any quotient of amounts in
[32.175, 32.185] ÷ [34.375, 34.385], i.e. 93.57%–93.63%, so a stated 93.61% is consistent with
them.  A rate is checked against that range, never against one quotient.  Sheets print a rate
as a percentage ("90.12%"), a bare number ("90.12", "20"), a fraction ("0.9012"), rounded or
truncated (31.69 ÷ 32.4 printed 97.80%); each reading is tried, and the rate is reported only
when none of them fits.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from ..cases.model import StatedRate
from ..findings import Finding, finding
from ..numbers import NumberError, decimals_of, fmt, round_half_up, to_decimal

HUNDRED = Decimal(100)


# below 10^12 with at most 14 decimals: the amount ± half a unit has at most 28 digits
_SHORT = Decimal(10) ** 12
_SHORT_DECIMALS = 14

_HALF_UNITS: dict[int, Decimal] = {}
_UNITS: dict[int, Decimal] = {}


def half_unit(value: Decimal) -> Decimal:
    """Half a unit of the last printed digit: 32.18 → 0.005, 30 → 0.5."""
    digits = decimals_of(value)
    found = _HALF_UNITS.get(digits)
    if found is None:
        found = _HALF_UNITS[digits] = Decimal(5).scaleb(-digits - 1)
    return found


def rate_range(numerator: Decimal, denominator: Decimal) -> tuple[Decimal, Decimal | None]:
    """The percentages the printed amounts allow: (lowest, highest); highest is None when the
    denominator could be 0 at its printed precision (any rate is possible)."""
    hn, hd = half_unit(numerator), half_unit(denominator)
    low_n, high_n = max(numerator - hn, Decimal(0)), numerator + hn
    low_d, high_d = denominator - hd, denominator + hd
    low = low_n / high_d * HUNDRED
    high = None if low_d <= 0 else high_n / low_d * HUNDRED
    return low, high


# Readings of rates already seen (a batch's sheets print the same few thousand rates), kept up to
# `_READINGS_KEPT` texts; a text that is not a rate is read again, to raise again.
_READINGS: dict[str, tuple[tuple[str, Decimal, Decimal], ...]] = {}
_READINGS_KEPT = 1 << 14


def forget() -> None:
    """Forget the readings kept so far (the benchmark starts every pass over its sheets with none)."""
    _READINGS.clear()


def stated_readings(stated: str) -> tuple[tuple[str, Decimal, Decimal], ...]:
    """The ways a printed rate may be meant: (how, lowest, highest) in percent, covering both a
    rounded and a truncated last digit.  Raises NumberError for text that is not a rate."""
    found = _READINGS.get(stated)
    if found is None:
        if len(_READINGS) >= _READINGS_KEPT:
            _READINGS.clear()
        found = _READINGS[stated] = _readings(stated)
    return found


def _readings(stated: str) -> tuple[tuple[str, Decimal, Decimal], ...]:
    text = stated.strip()
    value = to_decimal(text)
    digits = decimals_of(value)
    unit = _UNITS.get(digits)
    if unit is None:
        unit = _UNITS[digits] = Decimal(1).scaleb(-digits)
    # rounded: value ± half a unit; truncated: value up to a whole unit above
    readings = [("百分数", value - unit / 2, value + unit)]
    if not text.endswith(("%", "％")):
        if digits:
            value, unit = value * HUNDRED, unit * HUNDRED
            readings.append(("小数", value - unit / 2, value + unit))
        else:
            # a whole-number fraction is 1 (100%) or 0 as it stands, never 0.95 rounded to no decimals: read
            # so, "1" would fit any rate from 50% to 150% (review CC B4)
            readings.append(("小数", value * HUNDRED, value * HUNDRED))
    return tuple(readings)


def consistent(rate: StatedRate) -> bool | None:
    """Whether the stated rate fits its amounts; None when the amounts give no rate (0 ÷ 0 stated
    as anything but 0)."""
    readings = stated_readings(rate.stated)
    if rate.denominator == 0:
        return rate.numerator == 0 and any(low <= 0 <= high for _, low, high in readings) or None
    numerator, denominator = rate.numerator, rate.denominator
    if _SHORT > numerator >= 0 and _SHORT > denominator > 0 and decimals_of(numerator) <= _SHORT_DECIMALS \
            and decimals_of(denominator) <= _SHORT_DECIMALS:
        # the amounts' own quotient lies in the range they allow: a reading that holds it fits,
        # without working the range out.  Only for amounts whose range ends (± half a unit of
        # the last digit) are exact in 28 digits, so that the computed ends keep their order
        # with the quotient (rounding the quotients themselves is monotone)
        exact = numerator / denominator * HUNDRED
        for _, lo, hi in readings:
            if lo <= exact <= hi:
                return True
    low, high = rate_range(numerator, denominator)
    for _, lo, hi in readings:
        if hi >= low and (high is None or lo <= high):
            return True
    return False


def fits_quotient(stated: str, numerator: Decimal, denominator: Decimal, *, exact: bool) -> bool | None:
    """Whether a printed rate fits ``numerator`` ÷ ``denominator``: their quotient itself where the
    two are counts, which are exact ("98.78%（88/90）": 88 households are 88); the range their printed
    precision allows otherwise (amounts, `consistent`).  None when the denominator is 0."""
    if denominator == 0:
        return None
    if not exact:
        return consistent(StatedRate(label="", stated=stated, numerator=numerator, denominator=denominator))
    quotient = numerator / denominator * HUNDRED
    return any(low <= quotient <= high for _, low, high in stated_readings(stated))


def stated_rate_findings(rates: Iterable[StatedRate], where: str) -> list[Finding]:
    """A rate the document states must fit the range of rates its amounts allow.  ``rates`` are a
    sheet's stated rates (or anything with their label, stated, numerator and denominator)."""
    out = []
    for i, rate in enumerate(rates):
        try:
            fits = consistent(rate)
            if fits:
                continue
        except NumberError as exc:
            place = f"{where}.stated_rates[{i}]"
            out.append(finding("stated_rate_unreadable", f"{rate.label}：{exc}", place))
            continue
        place = f"{where}.stated_rates[{i}]"
        if fits is None:
            out.append(finding("stated_rate_zero_base", f"{rate.label}：分母为 0，无法验算所述比率 {rate.stated}", place))
        elif not fits:
            low, high = rate_range(rate.numerator, rate.denominator)
            exact = round_half_up(rate.numerator / rate.denominator * HUNDRED, 2)
            span = f"{fmt(round_half_up(low, 2))}%～{fmt(round_half_up(high, 2))}%" if high is not None else f"不低于 {fmt(round_half_up(low, 2))}%"
            out.append(finding(
                "stated_rate_mismatch", f"{rate.label}：文件写 {rate.stated}，按 {fmt(rate.numerator)} ÷ {fmt(rate.denominator)} 计算为 {fmt(exact)}%"
                f"（两数按所印精度可得 {span}）",
                place,
            ))
    return out
