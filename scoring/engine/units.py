"""Bringing a row's target and actual to one unit before they are compared: the rule file's
conversions (元 and 万元), a bare figure taking the other's unit unless that is in doubt ("90"
against "900000元"), numerals written alone after a figure ("1.2万", "≤50万" against "55"), and
rates written as fractions ("0.98" against "≥95%").

`UnitMatcher` is the part of `rows.RowScorer` that does this; it reads the scorer's ``reading``.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import TYPE_CHECKING

from ..numbers import fmt
from .readings import ParsedValue, bare_name

if TYPE_CHECKING:
    from ..cases.model import Row


# The least factor between two units by which two bare figures far apart are taken for a slip of
# unit: 元 and 万元.  Counts of one unit differ by a thousand and more often enough ("≥10" | "12000" 人次).
_LARGE_STEP = Decimal(10000)


class UnitMatcher:
    """Brings figures to one unit for `rows.RowScorer` (see the module's docstring)."""

    def _same_unit(self, target: ParsedValue, actual: ParsedValue, direction: str | None = None, row: Row | None = None):
        """Bring both figures to one unit: (target, actual, a note for the findings, or ""); a string
        explains why they cannot be compared.

        A numeral written alone after a figure is read first (`_lone_numeral`, `_numerals`).  Figures
        in the same unit compare directly; a figure without a unit takes the other's, unless that
        is in doubt (`_unit_in_doubt`), and a rate written as a fraction is read as one
        (`_fraction`); different units compare only through a conversion the rule file declares.
        """
        if target.unit != actual.unit and self.reading.multipliers:
            scaled = self._lone_numeral(target, actual)
            if isinstance(scaled, str):
                return scaled
            target, actual = scaled or (self._numerals(target, actual), self._numerals(actual, target))
        tu, au = target.unit, actual.unit
        t, a = target.number, actual.number
        if tu == au or not tu or not au:
            percent = row is not None and not tu and not au and self._named_percent(row)
            fraction = self._fraction(target, actual, direction, percent)
            if fraction:
                return fraction
            if tu != au:  # one of them bare: it takes the other's unit, unless that is in doubt
                return self._unit_in_doubt(target, actual) or (t, a, "")
            return (not tu and self._both_bare_in_doubt(target, actual)) or (t, a, "")
        tb, tf = self.reading.to_base(tu)
        ab, af = self.reading.to_base(au)
        if tb is not None and tb == ab:
            return t * tf, a * af, f"指标值单位“{tu}”与完成值单位“{au}”不同，已按规则文件声明的换算统一为“{tb}”比较"
        events = self.reading.event_units
        if tu in events and au in events and (t == 0 or direction in ("<=", "<")):
            # events counted in two units ("0起" against "0件", "1次"; "≤2件" against "3起"): none or at
            # most some asked, and so many of them done (review CO A2, B2, CR B4; not "0元", "0人" or
            # "0个未整改": review CP A3; not "≥5件" against "6次", items and times)
            return t, a, f"“{tu}”与“{au}”同为事件的件数，按件数比较"
        counted = row is not None and (self._counted_object(tu, au, row) or self._counted_object(
            target.written_unit or tu, actual.written_unit or au, row))  # "≤2起" (read as 次) against "3起事故"
        if counted:  # "≥3次培训" against "2次": the row's own object after the unit
            unit, word = counted
            return self._in_unit(target, actual, unit, direction, row, f"“{word}”是指标名称所述的对象，按单位“{unit}”比较")
        per = _per_named(tu, au, row) if row is not None else None
        if per is not None:  # "2000元/户以上" against "≥2000元" in 户均增收: the name already says per household
            unit, each = per
            return self._in_unit(target, actual, unit, direction, row, f"指标名称已说明按“{each}”计，“{unit}/{each}”与“{unit}”按同一单位比较")
        return f"单位不一致（指标值{_unit_shown(target)}，完成值{_unit_shown(actual)}），规则文件未声明两者的换算，无法比较"

    def _in_unit(self, target: ParsedValue, actual: ParsedValue, unit: str, direction: str | None, row: Row, note: str):
        """Both figures compared as in ``unit`` (`_same_unit`), ``note`` saying why they may be."""
        found = self._same_unit(replace(target, unit=unit), replace(actual, unit=unit), direction, row)
        if isinstance(found, str):
            return found
        return found[0], found[1], f"{found[2]}；{note}" if found[2] else note

    def _lone_numeral(self, target: ParsedValue, actual: ParsedValue):
        """A figure with a numeral alone after it against a bare one ("≤50万" against "55", "≥1.2万"
        against "9600"): the bare figure may be plain or in the numeral's scale.  The reading that
        brings the two within `reading.bare_unit_doubt`'s ``near`` of each other, when only one does
        ((target, actual) with both bare or both in the numeral); a string saying why the row is not
        read when both or neither do; None when the figures are not so written."""
        target_scaled = not actual.unit
        scaled, plain = (target, actual) if target_scaled else (actual, target)
        times = self.reading.multiplier(scaled.unit)
        if times is None or plain.unit or scaled.number is None or plain.number is None:
            return None
        if self.reading.bare_unit_doubt is None or scaled.number <= 0 or plain.number <= 0:
            return None
        near = self.reading.bare_unit_doubt[1]
        as_plain = 1 / near <= plain.number / (scaled.number * times) <= near
        as_scaled = 1 / near <= plain.number / scaled.number <= near
        if as_plain == as_scaled:
            return (f"“{plain.raw}”未写单位，与“{scaled.raw}”按原数或按“{scaled.unit}”读"
                    f"{'都相近' if as_plain else '都不相近'}，单位无法确定，无法比较")
        if as_plain:
            scaled = replace(scaled, number=scaled.number * times, unit=None)  # "9600" against "1.2万": 12000
        else:
            plain = replace(plain, unit=scaled.unit)  # "55" against "50万": 55万
        return (scaled, plain) if target_scaled else (plain, scaled)

    def _counted_object(self, tu: str, au: str, row: Row) -> tuple[str, str] | None:
        """Where one figure's unit is the other's followed by what the row's name says is counted
        ("次培训" against "次" in 开展培训, "个村" against "个" in 覆盖行政村数, "个项目" in 实施项目数):
        (the unit, the word after it); None otherwise.  The word must end the name, maybe before a
        word of quantity, and be no unit itself ("人次" against "人" are two units)."""
        longer, unit = (tu, au) if len(tu) > len(au) else (au, tu)
        word = longer[len(unit):]
        if not unit or not longer.startswith(unit) or not word.isalpha() or word[:1].isascii() or self.reading.is_unit(word):
            return None
        # what the name counts is its last word, maybe before a word of quantity ("覆盖行政村数", "培训次数",
        # "实施项目数"); a word elsewhere in it qualifies another ("支持村集体经济项目数": 项目, not 村)
        name = bare_name(row.name or "")
        counted = name.endswith(word) or any(name.endswith(word + tail) for tail in (*self.reading.quantity_suffixes, "个数"))
        return (unit, word) if counted else None

    def _named_percent(self, row: Row) -> bool:
        """Whether a row's name says it counts a percentage (reading.percent_names, maybe before a
        tail of lower_name_tails: "服务对象满意度指标", "群众满意度调查"; not reading.not_percent_names:
        "病床周转率", "设备额定功率")."""
        reading = self.reading
        name = bare_name(row.name or "")
        tail = next((t for t in reading.lower_name_tails if name.endswith(t) and len(t) < len(name)), "")
        name = name[: len(name) - len(tail)]
        return name.endswith(reading.percent_names) and not name.endswith(reading.not_percent_names)

    def _numerals(self, value: ParsedValue, other: ParsedValue) -> ParsedValue:
        """A figure written with a numeral alone after it (reading.multipliers: "1.2万", "5千") as
        the bare figure it is (12000), or in the other figure's unit where that unit starts with
        the numeral ("55万" against "≤50万元": 55万元)."""
        times = self.reading.multiplier(value.unit)
        if times is None or value.number is None:
            return value
        if other.unit and other.unit.startswith(value.unit):
            return replace(value, unit=other.unit)
        return replace(value, number=value.number * times, unit=None)

    def _unit_in_doubt(self, target: ParsedValue, actual: ParsedValue) -> str | None:
        """Why a bare figure cannot take the other's unit (`reading.bare_unit_doubt`): read so the
        two differ more than ``far`` times, while in another unit of that unit's family they differ
        less than ``near`` times ("90" against "900000元": 90万元?); None when it can."""
        doubt = self.reading.bare_unit_doubt
        bare, written = (target, actual) if not target.unit else (actual, target)
        if doubt is None or bare.number is None or written.number is None or bare.number <= 0 or written.number <= 0:
            return None
        far, near = doubt
        base, factor = self.reading.to_base(written.unit)
        family = self.reading.unit_families.get(base) or ((written.unit, factor),)
        # "万头" is no declared unit, but "头" is the one it is a numeral of
        family += tuple((written.unit[len(word):], factor / times) for word, times in self.reading.multipliers
                        if written.unit.startswith(word) and len(written.unit) > len(word))
        # a frequency is no reading of a bare count ("≥12次" against "1": not once a month)
        periods = {period for _, period in self.reading.per_words}
        family = tuple((unit, f) for unit, f in family if unit == written.unit or unit.partition("/")[2] not in periods)
        if len(family) < 2 or 1 / far <= written.number / bare.number <= far:
            return None
        for unit, other in family:
            if other != factor and 1 / near <= written.number * factor / (bare.number * other) <= near:
                label, other_label = ("指标值", "完成值") if bare is target else ("完成值", "指标值")
                return (f"{label}“{bare.raw}”未写单位：按{other_label}“{written.raw}”的单位读两者相差悬殊，"
                        f"按“{unit}”读则相近，单位无法确定，无法比较")
        return None

    def _fraction(self, target: ParsedValue, actual: ParsedValue, direction: str | None, percent: bool = False):
        """A rate written as a fraction against one written as a percentage ("0.98" against
        "≥95%"): the fraction in percent, and a note saying so; None when neither is (the rule
        file's `reading.fraction_of_percent`: the least percentage a fraction is read against).
        With ``percent`` (two bare figures in a row named as a percentage, `reading.percent_names`),
        either figure may be the percentage ("群众满意度" | "≥90" | "0.95").  Against a smaller
        percentage a fraction may as well be a percentage ("0.5" against "≥2%"), except where, as a
        rate to reach, so read it is far from the other figure (`reading.bare_unit_doubt`'s
        ``far``): then it is a fraction where that brings it near (``near``: "0.55" against "≥45%"
        is 55%), and else the row is not read ("0.05" against "≥2%").  Under a ceiling a figure far
        below it is a good result ("0.02" against "≤1%")."""
        least = self.reading.fraction_of_percent
        if least is None or ((target.unit == "%") == (actual.unit == "%") and not percent):
            return None
        t, a = target.number, actual.number
        if (target.unit == "%" or percent) and not actual.unit and self._is_fraction(a, direction):
            # under a ceiling a figure far below it is a good result, not a slip ("0.02" against "≤1%")
            read = t >= least or (direction in (">=", ">") and self._far_unless_fraction(t, a))
            if read is True:
                return t, a * 100, f"完成值“{actual.raw}”是以小数写的比率，按 {fmt(a * 100)}% 与指标值“{target.raw}”比较"
            return read
        if (actual.unit == "%" or percent) and not target.unit and self._is_fraction(t, None):
            read = a >= least or (direction in (">=", ">") and self._far_unless_fraction(a, t))
            if read is True:
                return t * 100, a, f"指标值“{target.raw}”是以小数写的比率，按 {fmt(t * 100)}% 与完成值“{actual.raw}”比较"
            return read
        return None

    def _far_unless_fraction(self, rate: Decimal, fraction: Decimal) -> bool | str | None:
        """A figure that may be a fraction (``fraction``) against a percentage below the least one
        a fraction is read against (``rate``): True where read as a percentage the two are far
        apart and as a fraction near; a string saying why the row is not read where they are far
        apart either way; None where read as a percentage they are not far apart."""
        doubt = self.reading.bare_unit_doubt
        if doubt is None or rate <= 0 or fraction <= 0:
            return None
        far, near = doubt
        if max(rate, fraction) / min(rate, fraction) <= far:
            return None
        as_fraction = fraction * 100
        if max(rate, as_fraction) / min(rate, as_fraction) <= near:
            return True
        return (f"“{fmt(fraction)}”未写单位：按“%”读与“{fmt(rate)}%”相差悬殊，按小数写的比率读（{fmt(as_fraction)}%）也不相近，"
                f"单位无法确定，无法比较")

    def _both_bare_in_doubt(self, target: ParsedValue, actual: ParsedValue) -> str | None:
        """Why two figures written without a unit are not compared: they differ more than
        `reading.bare_unit_doubt`'s ``far`` times and within its ``near`` of a large factor between
        two units the rule file converts ("≤50" against "486000": 万元 and 元, 10⁴ apart); None when
        they are compared.  Only factors of ten thousand and more (`_LARGE_STEP`): figures of one
        unit differ by smaller ones (7 days, 15 亩, 60 minutes, a thousand 人次) as well."""
        doubt = self.reading.bare_unit_doubt
        t, a = target.number, actual.number
        if doubt is None or t is None or a is None or t <= 0 or a <= 0:
            return None
        far, near = doubt
        apart = max(t, a) / min(t, a)
        if apart <= far:
            return None
        pairs: dict[Decimal, list[str]] = {}  # the factor, and the units that far apart ("元”与“万元")
        for family in self.reading.unit_families.values():
            for unit, factor in family:
                for smaller, other in family:
                    step = factor / other
                    if step >= _LARGE_STEP and 1 / near <= apart / step <= near:
                        pairs.setdefault(step, []).append(f"“{smaller}”与“{unit}”")
        if not pairs:
            return None
        step = min(pairs, key=lambda f: abs(apart / f - 1))
        return (f"指标值“{target.raw}”与完成值“{actual.raw}”都未写单位，两者相差约 {fmt(step.normalize())} 倍，"
                f"可能是按不同单位填写的（如{'、'.join(pairs[step])}），单位无法确定，无法比较")

    def _is_fraction(self, figure: Decimal, direction: str | None) -> bool:
        """Whether a bare figure against a percentage is a fraction: above 0, and up to 1, or
        below `reading.fraction_below` ("1.02": 102%) as an actual held to a least rate (against a
        cap, "1.2" against "≤60%" may as well be 1.2%)."""
        below = self.reading.fraction_below
        return 0 < figure <= 1 or (below is not None and direction in (">=", ">") and 1 < figure < below)


def _unit_shown(value: ParsedValue) -> str:
    """A value's unit as a message names it; for a word that stands for a figure ("全覆盖" read as
    100%), the word and what it was read as: its "%" is not written on the sheet (review CM B1)."""
    unit = value.written_unit or value.unit
    if not any(ch.isdigit() for ch in value.raw) and value.number is not None:
        return f"“{value.raw.strip()}”（读作 {fmt(value.number)}{unit}）"
    return f"“{unit}”"


def _per_named(target_unit: str, actual_unit: str, row: Row) -> tuple[str, str] | None:
    """(the unit, what it is per) where one side is a unit per something the row's name already
    counts by ("元/户" against "元" in 户均增收, "元/人" in 人均补助, "每亩"): the same unit; None otherwise
    (review DI B5)."""
    name = bare_name(row.name or "")
    for per_unit, plain in ((target_unit, actual_unit), (actual_unit, target_unit)):
        unit, slash, each = per_unit.partition("/")
        if slash and unit == plain and each and (f"{each}均" in name or f"每{each}" in name):
            return unit, each
    return None
