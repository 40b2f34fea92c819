"""Sheets to compare on: rows of a generated case table, edge variants of them, and both sides'
scores for each.

The generator draws realistic figures, so it seldom reaches the rules' corners (no sheet without
stage projects, no change rate exactly on a band edge, no zero budget where a rule divides by
it).  `edge_variants` rewrites a few cells of each generated row to such corners — band edges,
zero denominators guarded or not by a not-applicable clause, undisclosed, missing and invalid
figures, parts above their cap, deductions beyond the total — so the agreement check also covers
the clauses the generated sheets never take.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from scoring import Case, Engine, RuleLibrary, ScoringError, SheetDiff, report_loaded
from scoring.cases.table import TableHeader, TableRow, parse_header, row_to_case

from .agreement import Tally, compare_sheet
from .handwritten import INPUTS, RowError, TableReader, score

AMOUNTS_GUARDED = ("transfer_budget", "bond_budget", "special_budget", "furniture_total", "equipment_total")
ZERO_DIVISORS = ("budget_adjusted", "dept_budget_total", "general_budget_prev", "general_exec_prev", "total_assets_cur", "total_assets_prev")
COUNT_GUARDS = ("stage_projects", "quantity_completed", "adjust_needed", "annual_projects")
BAND_EDGES = ("-4.63", "-4.64", "-4.6299", "-3.704", "-3.7041", "-3.7039", "-2.315", "-2.3151", "-2.314", "0", "12.5", "-38")
# (idle_cur, total_cur, idle_prev, total_prev): change ratio exactly 60, 80, 100, just above 100,
# none idle this year, idle only this year
IDLE = (("6", "100", "10", "100"), ("8", "100", "10", "100"), ("10", "100", "10", "100"),
        ("10.01", "100", "10", "100"), ("0.00", "100", "10", "100"), ("5", "100", "0.00", "100"),
        ("3", "50", "7.5", "125"), ("0.00", "100", "0.00", "100"))
DEDUCTION_COLUMNS = ("finding:finance_rules", "finding:finance_posts", "finding:funds_use", "finding:performance_issues", "finding:cooperation")


def read_csv(path: Path) -> tuple[list[str], Iterator[list[str]]]:
    """The header and a stream of the data rows of a generated case table."""
    handle = open(path, encoding="utf-8-sig", newline="")
    reader = csv.reader(handle)
    header = next(reader)

    def rows() -> Iterator[list[str]]:
        with handle:
            yield from reader

    return header, rows()


def edge_variant(header: Sequence[str], cells: Sequence[str], rng: random.Random) -> list[str]:
    """A copy of ``cells`` with one to four figures moved to a corner of the rules."""
    col = {name: i for i, name in enumerate(header)}
    out = list(cells)

    def put(name: str, value: str) -> None:
        out[col[name]] = value

    inputs = [n for n in header if n in _INPUT_COLUMNS]
    for _ in range(rng.randint(1, 4)):
        kind = rng.randrange(14)
        if kind == 0:
            put(rng.choice(inputs), "undisclosed")
        elif kind == 1:
            put(rng.choice(inputs), "")  # missing (the default applies to stage_late_registered)
        elif kind == 2:
            name = rng.choice(AMOUNTS_GUARDED)
            put(name, "0.00")
        elif kind == 3:
            put(rng.choice(ZERO_DIVISORS), rng.choice(("0", "0.00")))  # a division by zero no clause guards
        elif kind == 4:
            put(rng.choice(COUNT_GUARDS), "0")
        elif kind == 5:
            put("asset_change_rate", rng.choice(BAND_EDGES))
        elif kind == 6:
            for name, value in zip(("idle_assets_cur", "total_assets_cur", "idle_assets_prev", "total_assets_prev"), rng.choice(IDLE)):
                put(name, value)
        elif kind == 7:
            put("procurement_savings", out[col["procurement_budget"]])  # nothing left to buy
        elif kind == 8:
            put("sme_noncompliant", rng.choice(("是", "否", "true", "undisclosed", "1")))
        elif kind == 9:  # cuts beyond what the bonus rewards, or increases
            put("general_budget_prev", "100")
            put("general_budget_cur", rng.choice(("80", "95", "99.99", "100", "120")))
            put("general_exec_prev", "100")
            put("general_exec_cur", rng.choice(("70", "97.5", "100", "101")))
        elif kind == 10:  # spending above budget: capped parts; deviation counted both ways
            put(rng.choice(("budget_executed", "transfer_spent", "special_spent", "furniture_overage", "procurement_paid")), "99999.99")
        elif kind == 11:  # invalid figures: negative amount, fractional count, zero target count, implausibly large
            name, value = rng.choice((("budget_executed", "-5"), ("stage_no_exante", "1.5"), ("duty_targets_set", "0"),
                                      ("dept_budget_total", "1000000000000000"), ("asset_change_rate", "-1000000000000000")))
            put(name, value)
        elif kind == 12:
            put(rng.choice(DEDUCTION_COLUMNS), rng.choice(("2", "150", "undisclosed", "")))
        else:  # counts that do not divide evenly: 28-digit quotients rounded half-up
            put("duty_targets_set", rng.choice(("3", "6", "7")))
            put("duty_targets_met", rng.choice(("1", "2", "5")))
            put("stage_projects", rng.choice(("3", "7", "9", "11")))
    return out


_INPUT_COLUMNS = frozenset(INPUTS)


class EngineSide:
    """The engine as a bureau's batch runs it on one table row: row → case → scored diff."""

    def __init__(self, library: RuleLibrary, header: Sequence[str], shown: str = "bench.csv"):
        self.library = library
        self.engine = Engine()
        self.header: TableHeader = parse_header(shown, list(header))

    def case(self, cells: Sequence[str], line: int) -> Case:
        """The row as a case (raises ScoringError for a row the engine refuses)."""
        return row_to_case(TableRow(self.header, line, tuple(cells), 0))

    def diff(self, case: Case, line: int) -> SheetDiff:
        """The scored, compared sheet."""
        return report_loaded(case, f"{self.header.path}:{line}", self.library, self.engine).sheets[0]


def compare_rows(library: RuleLibrary, header: Sequence[str], rows: Iterable[Sequence[str]], tally: Tally,
                 first_line: int = 2, naive=None, naive_tally: Tally | None = None) -> None:
    """Score every row with the engine and the hand-written code (and ``naive``, if given) and
    record every disagreement.  A row one side refuses and the other scores is a disagreement."""
    engine = EngineSide(library, header)
    reader = TableReader(header)
    for line, cells in enumerate(rows, start=first_line):
        label = f"line {line}"
        try:
            sd = engine.diff(engine.case(cells, line), line)
            engine_error = None
        except ScoringError as exc:
            sd, engine_error = None, str(exc)
        try:
            x, findings = reader.read(cells)
            hand_error = None
        except RowError as exc:
            hand_error = str(exc)
        if engine_error or hand_error:
            both = engine_error and hand_error
            tally.add([] if both else [f"{label}: engine {'refused: ' + engine_error if engine_error else 'scored'}, hand-written {'refused: ' + hand_error if hand_error else 'scored'}"])
            continue
        compare_sheet(label, sd, score(x, findings), tally)
        if naive is not None and naive_tally is not None:
            compare_sheet(label, sd, naive.score(x, findings), naive_tally, who="naive floor")
