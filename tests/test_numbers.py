from decimal import Decimal

import pytest

from scoring.numbers import NumberError, decimals_of, fmt, round_half_up, to_decimal


@pytest.mark.parametrize(
    ("value", "digits", "expected"),
    [
        ("2.675", 2, "2.68"),  # a float would give 2.67
        ("0.125", 2, "0.13"),  # banker's rounding would give 0.12
        ("2.665", 2, "2.67"),
        ("9.0125", 2, "9.01"),
        ("-2.315", 2, "-2.32"),  # halves go away from zero
        ("8", 2, "8.00"),
        ("2.806", 1, "2.8"),
        ("2.85", 1, "2.9"),
    ],
)
def test_round_half_up_on_exact_decimals(value, digits, expected):
    assert str(round_half_up(Decimal(value), digits)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("253.87", "253.87"), ("１,２３４.５", "1234.5"), ("−38%", "-38"), ("90.12%", "90.12"), (" 0.00 ", "0.00"), (7, "7")],
)
def test_to_decimal_reads_written_figures(text, expected):
    assert str(to_decimal(text)) == expected


@pytest.mark.parametrize("bad", ["", "abc", "1.2.3", "--1", True, 1.5, None, "12万"])
def test_to_decimal_refuses_non_numbers(bad):
    with pytest.raises(NumberError):
        to_decimal(bad)


@pytest.mark.parametrize("comma", ["253,87", "0,5", "-12,3%", "1234,5678"])
def test_a_comma_as_the_decimal_mark_is_said_to_be_one(comma):
    """"253,87" for 253.87 (review CC B5): refused, saying why and how to write it; a thousands
    separator ("1,234") is read, and "1,23,456" is no number without a word about decimal marks."""
    with pytest.raises(NumberError, match="逗号只作千位分隔（如 1,234.56），小数点请写“.”"):
        to_decimal(comma)
    assert to_decimal("1,234") == Decimal(1234)
    with pytest.raises(NumberError) as refused:
        to_decimal("1,23,456")
    assert "逗号" not in str(refused.value)


def test_decimals_of_reads_the_written_precision():
    assert [decimals_of(Decimal(x)) for x in ("9.2", "98.50", "10", "2.80")] == [1, 2, 0, 2]


def test_fmt_never_prints_negative_zero_or_exponents():
    assert fmt(Decimal("-0.00")) == "0.00"
    assert fmt(Decimal("1E+1")) == "10"
    assert fmt(None) is None


@pytest.mark.parametrize(("weights", "whole", "shift"), [
    (["6.67"] * 3, "20", "0"),  # two decimals not ending in 0 or 5: within half a cent each, as printed
    (["33.33", "33.33", "23.33"], "90", "0"),
    (["6.7"] * 3, "20", "0.1"),  # equal shares of a whole (or thirds): 0.1 over it
    (["3.3"] * 3, "10", "-0.1"),  # … 0.1 under it
    (["33.3", "33.3", "23.3"], "90", "-0.1"),  # thirds of 100 and of 70
    (["6.7"] * 13 + ["3.3"], "90", "0.4"),  # thirds of 20 and of 10
    (["12.9"] * 7, "90", "0.3"),  # sevenths of 90
    (["4.55"] * 11, "50", "0.05"),  # ends in 5, yet elevenths of 50
    (["6.7"] * 3 + ["3.3"] * 3, "30", "0"),  # the two cancel: as printed
    (["4.5"] * 19, "85.5", "0"),  # halves: exact
    (["2.9"] * 30, "87", "0"),
    (["10.3", "9.3", "10.8"], "30.4", "0"),  # as printed
])
def test_rounded_weights_stand_for_their_whole(weights, whole, shift):
    from scoring.numbers import rounding_allowance

    got = rounding_allowance(Decimal(w) for w in weights).reading(sum((Decimal(w) for w in weights), Decimal(0)), Decimal(whole))
    assert got is not None and round(got, 4) == Decimal(shift)


@pytest.mark.parametrize(("weights", "whole"), [
    (["4.5"] * 19 + ["4"], "90"),  # 89.5: halves are exact (review AE)
    (["2.9"] * 30 + ["12"], "100"),  # 99
    (["10.3", "9.3", "10.8", "39.9"], "70.4"),  # a typo beside weights that look like thirds (review AG)
    (["6.7"] * 3 + ["3.3"] * 3 + ["19.8"], "50"),  # roundings that cancel leave the slip a slip
    (["3.4"] * 3, "10"),
])
def test_a_slip_is_not_read_away_as_rounding(weights, whole):
    from scoring.numbers import rounding_allowance

    rounding = rounding_allowance(Decimal(w) for w in weights)
    assert rounding.reading(sum((Decimal(w) for w in weights), Decimal(0)), Decimal(whole)) is None


def test_rounded_weights_exceed_a_ceiling_only_under_every_reading():
    from scoring.numbers import rounding_allowance

    thirds = rounding_allowance([Decimal("6.7")] * 3)  # 20.1 standing for 20
    assert not thirds.exceeds(Decimal("20.1"), Decimal(20)) and thirds.exceeds(Decimal("20.3"), Decimal(20))


def test_a_sum_prints_without_the_zeros_adding_left():
    from scoring.numbers import fmt_sum

    assert [fmt_sum(Decimal(x)) for x in ("101.0", "99.90", "100.01", "100", "-1.0")] == ["101", "99.9", "100.01", "100", "-1"]
