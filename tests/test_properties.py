"""Property-based tests (hypothesis) of the value parser and the engine.

* Any text as a target, actual or claim is either read or refused with the project's own error
  type and a message — never another exception.
* Any figures keep every score of the Sichuan department rules within [0, weight].
* The same input always gives the same output.

The examples are derandomized and the database is off, so CI runs the same examples every time
(no flaky runs) and writes nothing into the checkout; budgets are kept small so the whole module
stays well under 30 s on two cores.
"""

from __future__ import annotations

import json
import os
import tempfile
from decimal import Decimal, localcontext

from hypothesis import HealthCheck, Phase, event, given, settings
from hypothesis import strategies as st

from scoring import Engine, ScoringError, Sheet, report_case
from scoring.engine.readings import ParsedValue, ValueParseError
from scoring.engine.readings import parse_value as parse_with
from scoring.numbers import NumberError, to_decimal
from scoring.output.formats import TEXT_FORMATS as FORMATS
from scoring.output.formats import render_diff, render_score
from scoring.output.text import render_explain
from scoring.review.compare import diff_sheet

from conftest import shipped_library

READING = shipped_library().find("national.project@2020.1").reading


def parse_value(text, **kwargs):
    return parse_with(text, READING, **kwargs)


def properties(max_examples: int = 100) -> settings:
    """The settings every property here runs with."""
    return settings(
        max_examples=max_examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow],
        # the "explain" phase re-runs failing examples under a tracer: slow, and only for humans
        phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],
    )


# Pieces of the notations forms really use, mixed with pieces that break them, so that the
# generated strings reach deep into the parser instead of failing at the first character.
FRAGMENTS = [
    "≥", "≤", ">=", "<=", "＞", "＜", "＝", "=", ">", "<", "≧", "不低于", "不超过", "不少于", "至少", "最多",
    "以上", "以下", "及以上", "以内", "前", "之前", "余", "多",
    "0", "1", "9", "12", "95", "100", "0.5", "1,234", "１２", "．", "，", "－", "−", "+", "-", ".", ",", "%", "％", "‰",
    "万元", "元", "亿元", "次", "人", "个工作日", "年", "月", "日", "号", "2024年", "12月31日", "2024-12-31", "2024/02/30",
    "达到预期指标", "较满意", "完成", "有所改善", "定性", "定量", "按照完成比例赋分", "直接赋分",
    " ", "\u3000", "。", "\n", "\t", "\x00", "\ud800", "٣", "①", "三", "1e30", "1E+999999999", "NaN", "Infinity",
    "9" * 40, "__import__('os').system('touch /tmp/pwned')", "{0.__class__}", "'; DROP TABLE",
]
notation = st.lists(st.sampled_from(FRAGMENTS), max_size=8).map("".join)
any_text = st.one_of(st.text(max_size=40), notation)


# -- the value parser ----------------------------------------------------------------------


@properties(300)
@given(text=any_text, year=st.one_of(st.none(), st.integers(min_value=1, max_value=9999)))
def test_any_text_is_read_or_refused_with_a_message(text, year):
    where = "第1行“实际完成值”"
    try:
        first = parse_value(text, where=where, year=year)
    except ValueParseError as exc:
        assert str(exc).startswith(f"{where}：") and len(str(exc)) > len(where) + 1
        return
    assert isinstance(first, ParsedValue) and first.kind in ("number", "date", "text", "none")
    if first.kind == "number":
        assert first.number is not None and first.number.is_finite() and abs(first.number) < 10**15
    assert parse_value(text, where=where, year=year) == first, "the same text always reads the same way"


@properties(300)
@given(value=st.one_of(
    st.integers(), st.decimals(allow_nan=True, allow_infinity=True), st.booleans(), st.floats(), st.none(), any_text,
))
def test_any_scalar_becomes_a_decimal_or_a_number_error(value):
    try:
        number = to_decimal(value)
    except NumberError as exc:
        assert str(exc)
        return
    assert isinstance(number, Decimal) and number.is_finite()
    assert to_decimal(value) == number


# -- the engine on whole case files ----------------------------------------------------------


# Lone surrogates ("\\ud800", valid in a JSON escape) are left out of whole case files: pydantic
# cannot encode them and load_case lets its UnicodeEncodeError escape — a known defect of
# scoring/cases/model.py, reported for its owner to fix.  The value parser above does get them.
case_notation = st.lists(st.sampled_from([f for f in FRAGMENTS if f != "\ud800"]), max_size=8).map("".join)
case_text = st.one_of(st.text(st.characters(blacklist_categories=("Cs",)), max_size=40), case_notation)
number_text = st.one_of(
    st.decimals(min_value=-200, max_value=200, places=3).map(str),
    st.sampled_from(["10", "9.5", "0", "-1", "100.001", "1,000", "１０", "95%", "0.0000001"]),
)
# mostly numbers, so that most generated cases get past loading and into scoring
score_text = st.integers(0, 9).flatmap(lambda i: case_text if i == 0 else number_text)
nature_or_rule = st.one_of(st.sampled_from(["≥", "≤", "＝", "定性", "定量", "按照完成比例赋分", "直接赋分", "满意度赋分"]), case_text)
row = st.fixed_dictionaries(
    {"name": case_text.filter(bool)},
    optional={
        "group": st.lists(case_text, max_size=2),
        "nature": nature_or_rule,
        "rule": nature_or_rule,
        "target": case_text,
        "unit": st.one_of(st.sampled_from(["次", "%", "万元", "元", "人"]), case_text),
        "actual": case_text,
        "weight": score_text,
        "claimed": score_text,
    },
)
rules_ref = st.sampled_from(["xinjiang.project@2024.1", "national.project@2020.1", "hunan.dept-overall@2024.1", "sichuan.project@2024.1"])
sheet = st.fixed_dictionaries(
    {
        "id": st.just("s"),
        "title": case_text,
        "rules": rules_ref,
        "rows": st.lists(row, max_size=5),
    },
    optional={
        "claims": st.dictionaries(st.sampled_from(["execution", "预算执行率"] * 5 + ["unknown_key"]), score_text, max_size=2),
        "claimed_total": score_text,
        "inputs": st.fixed_dictionaries({}, optional={"budget": score_text, "executed": score_text, "budget_initial": score_text}),
        "subtotals": st.lists(st.fixed_dictionaries({"group": st.lists(case_text, min_size=1, max_size=2)}, optional={"claimed": score_text, "weight": score_text}), max_size=2),
        "stated_rates": st.lists(st.fixed_dictionaries({"label": case_text, "stated": case_text, "numerator": score_text, "denominator": score_text}), max_size=1),
        "complete": st.booleans(),
    },
)


LIBRARY = shipped_library()  # module-level, not a fixture: hypothesis would print it in every report


def _score(path: str) -> list[str] | None:
    """Score a case file and render it every way; None when it is refused (with a message)."""
    try:
        report = report_case(path, LIBRARY)
    except ScoringError as exc:
        assert str(exc).strip(), "a refusal always says why"
        event("refused")
        return None
    event("scored")
    outputs = [render_score(report, name) for name in FORMATS]
    outputs += [render_diff(report, name) for name in FORMATS]
    outputs.append(render_explain(report, None))
    for i in (FORMATS.index("json"), len(FORMATS) + FORMATS.index("json")):
        json.loads(outputs[i])  # the JSON renderings are JSON
    return outputs


@properties(150)
@given(sheets=st.lists(sheet, min_size=1, max_size=2))
def test_a_case_of_arbitrary_text_scores_or_is_refused_with_a_message(sheets):
    for i, s in enumerate(sheets):
        s["id"] = f"s{i}"
    case = {
        "format": 1,
        "case": {"id": "hypothesis", "unit": "测试单位", "region": ["测试省"], "year": 2024, "source": "生成的案例"},
        "sheets": sheets,
    }
    fd, path = tempfile.mkstemp(suffix=".json")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(case, f, ensure_ascii=False)
        assert _score(path) == _score(path), "the same case gives the same output"  # (None == None: refused both times)
    finally:
        os.unlink(path)


# -- scores stay within their weights ----------------------------------------------------------
# The Sichuan department rules cap every indicator and part at [0, weight] (no `cap = false`),
# so that is what must hold for any figures: zeros, negatives, tiny, huge, absurd.

figure = st.one_of(
    st.sampled_from([Decimal(0), Decimal("-0"), Decimal("0.00"), Decimal(1), Decimal(-1), Decimal("1e-20"),
                     Decimal("99999999999999"), Decimal("-99999999999999"), Decimal("1e15"), Decimal("1e30"),
                     Decimal("1E+999999999"), Decimal("-1E+999999999"), Decimal("1E-999999999")]),
    st.decimals(min_value=-1000, max_value=1000, places=2, allow_nan=False, allow_infinity=False),
    st.decimals(min_value=Decimal("-1e14"), max_value=Decimal("1e14"), allow_nan=False, allow_infinity=False),
    st.integers(min_value=0, max_value=50).map(Decimal),
)


SICHUAN = LIBRARY.find("sichuan.dept-overall@2024.1")
ENGINE = Engine()


@properties(120)
@given(data=st.data())
def test_sichuan_scores_stay_within_their_weights(data):
    sichuan, engine = SICHUAN, ENGINE
    inputs = {}
    for name, decl in sichuan.inputs.items():
        kind = data.draw(st.sampled_from(["value", "value", "value", "undisclosed", "missing"]), label=f"{name}?")
        if kind == "undisclosed":
            inputs[name] = {"undisclosed": True}
        elif kind == "value":
            value = data.draw(st.booleans() if decl.type == "flag" else figure, label=name)
            inputs[name] = {"value": value}
    findings = data.draw(st.dictionaries(st.sampled_from([d.id for d in sichuan.deductions]), st.integers(0, 1000).map(Decimal)), label="findings")
    claims = data.draw(st.dictionaries(st.sampled_from([i.id for i in sichuan.indicators]), st.decimals(min_value=-5, max_value=20, places=2)), label="claims")
    sheet = Sheet.model_validate(dict(
        id="t", title="t", rules=sichuan.ref, inputs=inputs, claims={k: {"score": v} for k, v in claims.items()},
        findings={k: {"value": v} for k, v in findings.items()},
    ))

    result = engine.score_sheet(sheet, sichuan, "test", 2024)
    for ind in result.indicators:
        for part in ind.parts:
            if part.score is not None:
                assert 0 <= part.score <= part.weight, (ind.id, part.id, part.score)
        if ind.computed is not None:
            assert 0 <= ind.computed <= ind.weight, (ind.id, ind.computed)
        assert 0 <= ind.low_raw <= ind.high_raw <= ind.weight, (ind.id, ind.low_raw, ind.high_raw)
    for d in result.deductions:
        assert d.deduction is None or 0 <= d.deduction
    total = diff_sheet(result, sheet, "test", []).total.comparison
    for bound in (total.computed, total.low, total.high):
        assert 0 <= bound <= sichuan.info.total, total
    # the same figures always give the same result
    assert engine.score_sheet(sheet, sichuan, "test", 2024) == result


def _fits_by_range(rate) -> bool | None:
    """`rates.consistent` without its shortcut: the stated readings against the amounts' range."""
    from scoring.engine.rates import rate_range, stated_readings

    readings = stated_readings(rate.stated)
    if rate.denominator == 0:
        return rate.numerator == 0 and any(low <= 0 <= high for _, low, high in readings) or None
    low, high = rate_range(rate.numerator, rate.denominator)
    return any(hi >= low and (high is None or lo <= high) for _, lo, hi in readings)


_amount = st.builds(
    lambda whole, digits, decimals: Decimal(f"{whole}.{digits:0{decimals}d}") if decimals else Decimal(whole),
    st.integers(min_value=0, max_value=10**16), st.integers(min_value=0, max_value=10**30), st.integers(min_value=0, max_value=30),
).filter(lambda d: len(d.as_tuple().digits) <= 40)


@settings(max_examples=400, deadline=None)
@given(numerator=_amount, denominator=_amount, shift=st.integers(min_value=-3, max_value=3), decimals=st.integers(min_value=0, max_value=30),
       percent=st.booleans())
def test_a_stated_rate_fits_exactly_when_its_readings_meet_the_range_of_its_amounts(numerator, denominator, shift, decimals, percent):
    """The shortcut (the amounts' own quotient inside a reading) never changes a verdict, however
    many digits the amounts and the stated rate carry: near the quotient, off by a few units of
    the last printed digit, as a percentage or a fraction."""
    from scoring.cases.model import StatedRate
    from scoring.engine.rates import consistent

    if denominator == 0:
        return
    with localcontext() as exact:
        exact.prec = 120  # the stated rate written near the quotient, to as many digits as asked
        unit = Decimal(1).scaleb(-decimals)
        stated = (numerator / denominator * (100 if percent else 1)).quantize(unit) + shift * unit
    rate = StatedRate.model_validate(dict(label="执行率", stated=f"{stated:f}%" if percent else f"{stated:f}", numerator=numerator, denominator=denominator))

    def verdict(check):
        try:
            return check(rate)
        except NumberError as exc:
            return str(exc)

    assert verdict(consistent) == verdict(_fits_by_range)


def test_long_amounts_are_held_to_their_range_not_their_quotient():
    """Amounts of 30 significant digits: the ends of their range are rounded, so the shortcut is
    not taken and the rate is reported as the range says (found in review)."""
    from scoring.cases.model import StatedRate
    from scoring.engine.rates import stated_rate_findings

    for numerator, denominator in (("100000000000000.000000000000000", "100000000000000.000000000000040"),
                                   ("1.000000000000000000000000000000", "1.000000000000000000000000000400")):
        rate = StatedRate.model_validate(dict(label="执行率", stated="99.99999999999999999999999996%", numerator=numerator, denominator=denominator))
        assert [f.code for f in stated_rate_findings([rate], "w")] == ["stated_rate_mismatch"]
