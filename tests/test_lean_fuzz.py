"""Disagreements between the lean path and the traced path found by differential fuzzing
(bench/fuzz.py), each reduced to the smallest sheet or table row that showed it.

Each test holds the two paths to each other with bench/equality.py's checker and also says what
the right answer is, so that a change that broke both paths alike would still fail here.
"""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

import pytest

from scoring import Case, Engine, report_loaded
from scoring.cases.table import TableRow, known_labels, parse_header, row_to_case
from scoring.engine.lean import LeanEngine
from scoring.engine.lean_table import TableReader
from scoring.errors import ScoringError
from scoring.synthetic.writer import table_columns

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # `bench` is a folder of the checkout, not an installed package

from bench import equality  # noqa: E402


def _agree(library, case: Case) -> equality.Equality:
    checker = equality.Checker(library)
    checker.case(case, "fuzz.toml")
    assert checker.tally.ok, "\n".join(checker.tally.first)
    return checker.tally


# -- a complete row sheet whose rows are all placeholders ------------------------------------------


def _placeholder_sheet(claimed_total: str | None = None) -> Case:
    sheet = {
        "id": "p", "title": "安可替代补助资金", "sheet_type": "项目支出绩效自评表",
        "inputs": {"budget": "3.36", "executed": "3.36"}, "claims": {"execution": "10"},
        # a printed row with nothing in it: skipped, not scored
        "rows": [{"group": ["产出指标", "质量指标"], "name": "完成安可产品购买并按要求支付资金"}],
    }
    if claimed_total is not None:
        sheet["claimed_total"] = claimed_total
    return Case.model_validate({
        "case": {"id": "c", "unit": "大英县司法局", "region": ["四川省", "遂宁市", "大英县"], "year": 2023, "source": "fuzz"},
        "sheets": [sheet],
    })


@pytest.mark.parametrize("claimed_total", [None, "100"])
def test_a_sheet_whose_only_rows_are_placeholders_is_a_partial_one_on_both_paths(library, claimed_total):
    """A sheet whose one printed row is empty has no row transcribed: both paths score it as a
    partial one (rows_missing), with no verdict on the whole sheet and no weights error (never an
    over-claim of 90)."""
    case = _placeholder_sheet(claimed_total)
    tally = _agree(library, case)
    assert tally.lean == 1  # scored on the lean path itself, not handed over
    lean = LeanEngine().sheet(case, case.sheets[0], library.select(["四川省", "遂宁市", "大英县"], 2023, "项目支出绩效自评表"), "fuzz.toml#p")
    assert not [f for f in lean.findings.kept if f.code == "weights_mismatch"]
    assert lean.total.status == "incomplete"


# -- a claim or a deduction count in two columns, by id and by printed name ------------------------


@pytest.fixture(scope="module")
def two_columns(library):
    """A case-table header with one indicator's claim and one deduction item's count written both
    by id and by printed name, and a generated row under it (both extra columns empty)."""
    rules = library.find("sichuan.dept-overall", 2024)
    header, rows, _ = equality.generated(library, 8, seed=5)
    indicator, deduction = rules.indicators[0], rules.deductions[0]
    header = [*header, f"claim:{indicator.name}", f"finding:{deduction.name}"]
    assert header[:-2] == table_columns(rules)
    table = parse_header("two.csv", header, known_labels(library))
    cells = list(rows[0]) + ["", ""]
    cells[header.index(f"claim:{indicator.id}")] = "5"
    cells[header.index(f"finding:{deduction.id}")] = "1"
    return table, header, cells, indicator, deduction


def _row(two_columns, **written) -> TableRow:
    table, header, cells, *_ = two_columns
    cells = list(cells)
    for column, text in written.items():
        cells[header.index(column)] = text
    return TableRow(table, 2, tuple(cells), 0)


def _check_row(library, row: TableRow) -> equality.Equality:
    checker = equality.Checker(library)
    checker.table_row(row)
    assert checker.tally.ok, "\n".join(checker.tally.first)
    return checker.tally


@pytest.mark.parametrize("kind, text, refusal", [
    ("claim", "abc", "“abc”不是数字"),
    ("claim", "9999999999999999", "不是可信的数字"),
    ("finding", "-1", "发现问题数应为非负整数"),
    ("finding", "1.5", "发现问题数应为非负整数"),
    ("finding", "是", "发现问题数应为非负整数"),
    ("finding", "abc", "“abc”不是数字"),
    # both usable but different: which one the sheet means is not for the engine to choose (review FW A1)
    ("claim", "4.5", "两处所填不同（5 与 4.5）"),
    ("finding", "2", "两处所填不同（1 与 2）"),
    ("finding", "undisclosed", "两处所填不同（1 与 未披露）"),
])
def test_a_second_column_of_the_same_key_that_the_case_model_refuses_refuses_the_row(library, two_columns, kind, text, refusal):
    """The lean reader read only the first filled column of a claim or count written in two
    (by id and by printed name) and scored the row; the case model reads both and refuses the
    row for the one it cannot use, so the lean reader must leave such a row to it."""
    *_, indicator, deduction = two_columns
    column = f"claim:{indicator.name}" if kind == "claim" else f"finding:{deduction.name}"
    row = _row(two_columns, **{column: text})
    reader = TableReader(library, LeanEngine())
    assert reader.summary(row) is None  # left to the full path
    with pytest.raises(ScoringError, match=refusal):
        report_loaded(row_to_case(row, library), row.where, library, Engine())
    tally = _check_row(library, row)
    assert tally.read_lean == 0 and tally.lean == 0  # refused by both, or scored on the traced path only to be refused


@pytest.mark.parametrize("kind, text", [("claim", "5"), ("claim", ""), ("finding", "1"), ("finding", "")])
def test_a_second_column_the_case_model_accepts_is_still_read_straight_from_the_cells(library, two_columns, kind, text):
    """Where the second column is empty or says the same, the lean reader still takes the row itself."""
    *_, indicator, deduction = two_columns
    column = f"claim:{indicator.name}" if kind == "claim" else f"finding:{deduction.name}"
    tally = _check_row(library, _row(two_columns, **{column: text}))
    assert tally.read_lean == 1 and tally.lean == 1


# -- figures written as spreadsheets export them ---------------------------------------------------


@pytest.mark.parametrize("written, usable", [
    ("1,010.91", True),  # a thousands separator, as a spreadsheet exports a formatted amount
    ("１０１０．９１", True),  # full-width digits
    (" 1,010.91 ", True),
    ("1010.91%", False),  # a percent sign on an amount: a finding, the input unusable
    ("1,000,000,000,000,000", False),  # 10^15: not a credible figure
])
def test_an_amount_written_as_a_form_prints_it_is_read_straight_from_the_cells(library, two_columns, written, usable):
    """An input written "1,010.91" (or in full-width digits, or with a percent sign) is read by
    numbers.to_decimal and checked as the engine checks it, on the lean path itself: such a table
    used to go row by row through the case model, five times slower."""
    table, header, cells, *_ = two_columns
    column = next(c for c in header if c == "budget_executed")
    row = _row(two_columns, **{column: written})
    tally = _check_row(library, row)
    assert tally.read_lean == 1 and tally.lean == 1  # the lean reader took it, and agrees
    summary = TableReader(library, LeanEngine()).summary(row)
    invalid = [f for f in summary.findings if f[1] == "invalid_input" and "budget_executed" in f[3] + f[2]]
    assert bool(invalid) != usable, summary.findings


def test_a_stated_rates_amounts_with_thousands_separators_are_read_straight_from_the_cells(library):
    """A stated rate's numerator and denominator written "1,010.91" are read as the case model
    reads them, and the rate is checked against them on the lean path."""
    header, rows, _ = equality.generated(library, 30, seed=8)
    table = parse_header("rates.csv", header, known_labels(library))
    parts = [i for i, c in enumerate(header) if c.startswith("stated_rate:") and c.endswith((":numerator", ":denominator"))]
    row = next(r for r in rows if all(r[i].strip() for i in parts) and any(Decimal(r[i]) >= 1000 for i in parts))
    cells = list(row)
    for i in parts:
        whole, _, decimals = cells[i].partition(".")
        cells[i] = f"{int(whole):,}" + (f".{decimals}" if decimals else "")
    assert any("," in cells[i] for i in parts)
    tally = _check_row(library, TableRow(table, 2, tuple(cells), 0))
    assert tally.read_lean == 1 and tally.lean == 1
