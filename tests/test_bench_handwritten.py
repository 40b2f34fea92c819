"""The benchmark's hand-written Sichuan 2024 rules (bench/handwritten.py) give the engine's scores.

Runs in CI so the agreement `bench/run.py` relies on is checked on every change: ~200 sheets
made by the project's own generator, as rows of a case table, plus an edge variant of each
(band edges, zero denominators, undisclosed/missing/invalid figures, capped parts, deductions
beyond the total).  Every indicator's computed score must be identical to the last digit, or
unverifiable on both sides; deductions and the total too.  No timing is asserted here.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

from scoring.engine.lean import LeanEngine
from scoring.synthetic.generator import Settings, make_submission
from scoring.synthetic.writer import table_cells, table_columns

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # `bench` is a folder of the checkout, not an installed package

from bench.agreement import Tally  # noqa: E402
from bench.corpus import compare_rows, edge_variant  # noqa: E402
from bench.naive import NaiveScorer  # noqa: E402

COUNT = 200


@pytest.fixture(scope="module")
def table(library, sichuan):
    engine = LeanEngine()
    settings = Settings(seed=11, error_rate=0.3, kinds=("formula",))
    columns = table_columns(sichuan)
    rows = [table_cells(make_submission(i, settings, library, engine).case, columns) for i in range(COUNT)]
    return columns, rows


def _assert_agree(tally: Tally, expected: int) -> None:
    assert tally.sheets == expected
    assert tally.ok, f"{tally.disagreeing_sheets} sheets disagree:\n" + "\n".join(tally.first)


def test_generated_sheets_agree(library, sichuan, table):
    header, rows = table
    tally, naive_tally = Tally(), Tally()
    compare_rows(library, header, rows, tally, naive=NaiveScorer(sichuan, 2024), naive_tally=naive_tally)
    _assert_agree(tally, COUNT)
    _assert_agree(naive_tally, COUNT)
    assert tally.indicators == 19 * COUNT
    assert tally.totals > COUNT // 2  # most generated sheets have every line computable


def test_edge_variants_agree(library, sichuan, table):
    header, rows = table
    rng = random.Random(3)
    variants = [edge_variant(header, cells, rng) for cells in rows]
    tally, naive_tally = Tally(), Tally()
    compare_rows(library, header, variants, tally, naive=NaiveScorer(sichuan, 2024), naive_tally=naive_tally)
    _assert_agree(tally, COUNT)
    _assert_agree(naive_tally, COUNT)
    assert tally.unverifiable > 0  # the corners were reached: unverifiable on both sides


def test_disagreement_is_reported(library, table):
    """A wrong hand-written score is caught: the check is not vacuous."""
    import bench.handwritten as hw

    header, rows = table
    original = hw.SCORERS
    broken = list(original)
    broken[hw.INDICATORS.index("budget_quality")] = lambda x: hw.Decimal("8.00")
    hw.SCORERS = tuple(broken)
    try:
        tally = Tally()
        compare_rows(library, header, rows[:20], tally)
    finally:
        hw.SCORERS = original
    assert not tally.ok
    assert any("budget_quality" in line for line in tally.first)


def test_both_cores_splits_the_table_and_reads_every_row_once(library, table, tmp_path):
    """bench/halves.py, the large run's two processes without the batch: the halves hold every row
    once (the split falls on a line's start), the hand-written halves compute the totals a serial
    pass computes, and the lean halves take the rows a serial TableReader takes."""
    import csv

    import bench.handwritten as hw
    from bench.halves import both_cores
    from scoring.cases.table import TableRow, known_labels, read_table
    from scoring.engine.lean_table import TableReader

    header, rows = table
    path = tmp_path / "t.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    reader = hw.TableReader(header)
    totals = sum(hw.score(*reader.read(cells)).total is not None for cells in rows)
    hand = both_cores(path, COUNT)
    assert (hand.rows, hand.counted) == (COUNT, totals)
    serial = TableReader(library, LeanEngine())
    for entry in read_table(path, known_labels(library)):
        if isinstance(entry, TableRow):
            serial.summary(entry)
    lean = both_cores(path, COUNT, library)
    assert (lean.rows, lean.counted) == (COUNT, serial.taken)
    with pytest.raises(RuntimeError, match="the halves hold 200 rows, the table 201"):
        both_cores(path, COUNT + 1)
