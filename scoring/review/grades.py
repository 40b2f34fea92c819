"""Result grades (结果等级): the band a total falls in, as the rule set declares them.

The national rule: 优 ≥ 90, 良 80–90, 中 60–80, 差 < 60.  A total that is a range (something could
not be checked) falls in a range of grades, "良～优".  A grade the sheet claims (stated, or the
grade of its claimed total) that re-scoring does not support is a finding.
"""

from __future__ import annotations

from decimal import Decimal

from ..numbers import normalize_text
from ..rules.declared import GradeBand


def grade_of(value: Decimal, bands: tuple[GradeBand, ...]) -> str | None:
    """The grade of one total: lower edges are included, upper edges are not."""
    for band in bands:
        if (band.lower is None or value >= band.lower) and (band.upper is None or value < band.upper):
            return band.label
    return None


def grade_span(low: Decimal | None, high: Decimal | None, bands: tuple[GradeBand, ...]) -> tuple[str, ...]:
    """Every grade a total between ``low`` and ``high`` can have, from the lowest up."""
    if not bands or low is None or high is None:
        return ()
    first = grade_of(low, bands)
    if low == high:  # a total the rules give to the point (most sheets): one grade
        return () if first is None else (first,)
    last = grade_of(high, bands)
    labels = _labels(bands)
    if first not in labels or last not in labels:
        return ()
    return labels[labels.index(first): labels.index(last) + 1]


def span_text(span: tuple[str, ...]) -> str:
    """"良" for one grade, "良～优" for a range."""
    return "" if not span else span[0] if len(span) == 1 else f"{span[0]}～{span[-1]}"


def read_grade(text: str, bands: tuple[GradeBand, ...]) -> str | None:
    """The grade a sheet states, by label or one of its spellings ("优秀" for 优)."""
    written = normalize_text(text).replace(" ", "")
    for band in bands:
        if written == band.label or written in band.aliases:
            return band.label
    return None


def rank(label: str, bands: tuple[GradeBand, ...]) -> int:
    """Position from the lowest grade up: a higher rank is a better grade."""
    return _labels(bands).index(label)


_ORDERS: dict[int, tuple[tuple[GradeBand, ...], tuple[str, ...]]] = {}


def _labels(bands: tuple[GradeBand, ...]) -> tuple[str, ...]:
    """The grades' labels from the lowest up."""
    # sorted once per rule set's grades (a batch asks for every sheet), kept with the tuple it is of
    found = _ORDERS.get(id(bands))
    if found is None or found[0] is not bands:
        ascending = sorted(bands, key=lambda b: (b.lower is not None, b.lower or Decimal(0)))
        found = _ORDERS[id(bands)] = (bands, tuple(b.label for b in ascending))
    return found[1]
