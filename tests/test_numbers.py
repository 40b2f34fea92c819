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


def test_decimals_of_reads_the_written_precision():
    assert [decimals_of(Decimal(x)) for x in ("9.2", "98.50", "10", "2.80")] == [1, 2, 0, 2]


def test_fmt_never_prints_negative_zero_or_exponents():
    assert fmt(Decimal("-0.00")) == "0.00"
    assert fmt(Decimal("1E+1")) == "10"
    assert fmt(None) is None


@pytest.mark.parametrize(("weights", "shift", "slack"), [
    (["6.67"] * 3, "0", "0.015"),  # two decimals not ending in 0 or 5: half a cent either way
    (["33.33", "33.33", "23.33"], "0", "0.015"),
    (["6.7"] * 3, "0.1", "0"),  # equal shares of a whole: three thirds of 20, 0.1 over it
    (["3.3"] * 3, "-0.1", "0"),  # … of 10, 0.1 under it
    (["6.7"] * 3 + ["3.3"] * 3, "0", "0"),  # the two cancel: nothing to allow
    (["12.9"] * 7, "0.3", "0"),  # sevenths of 90
    (["4.55"] * 11, "0.05", "0"),  # ends in 5, yet elevenths of 50
    (["12.9"] * 9, "0.1", "0"),  # nine ninths of 116, the largest split read
    (["4.5"] * 19, "0", "0"),  # halves: exact
    (["2.9"] * 30, "0", "0"),  # 87: exact
    (["10.3", "9.3", "10.8"], "0", "0"),  # no split: as printed
    (["30.00"] * 3, "0", "0"),
])
def test_rounding_allowance_is_what_rounded_shares_of_a_whole_can_be_off(weights, shift, slack):
    from scoring.numbers import rounding_allowance

    assert rounding_allowance(Decimal(w) for w in weights) == (Decimal(shift), Decimal(slack))


def test_rounded_weights_add_up_as_printed_or_as_their_wholes_but_not_past_them():
    from scoring.numbers import rounding_allowance

    thirds = rounding_allowance([Decimal("3.3")] * 3)  # 9.9 standing for 10
    assert thirds.adds_up(Decimal("99.9"), Decimal(100)) and thirds.adds_up(Decimal("100"), Decimal(100))
    assert not thirds.adds_up(Decimal("99.8"), Decimal(100))  # a slip of 0.1 beside them is still one
    assert not thirds.exceeds(Decimal("100"), Decimal(100)) and thirds.exceeds(Decimal("100.2"), Decimal(100))


def test_a_sum_prints_without_the_zeros_adding_left():
    from scoring.numbers import fmt_sum

    assert [fmt_sum(Decimal(x)) for x in ("101.0", "99.90", "100.01", "100", "-1.0")] == ["101", "99.9", "100.01", "100", "-1"]
