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
from decimal import Decimal
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
            put(rng.choice(ZERO_DIVISORS), rng.choice(("0", "0.00")))  # a division by zero, guarded by a clause or none
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

# -- cells written as people write them (bench/fuzz.py mutates with these too) ---------------

FULLWIDTH = str.maketrans("0123456789.-+%,", "０１２３４５６７８９．－＋％，")
BLANKS = ("\u00a0", "\u3000", " ", "\t", "\u2002")
NOT_GIVEN = ("/", "／", "—", "－", "-", "--", "——", "N/A", "n/a", "无", "不适用", "空", "无数据", "", " ", "未披露", "undisclosed",
             "UNDISCLOSED", "Undisclosed")
UNITS = ("万元", "元", "%", "％", "个", "人次", "次", "项", "人", "户", "亩", "平方米", "米", "公里", "天", "家", "台", "批", "期", "场")
COMPARATORS = ("≥", "≤", "＝", "=", ">", "<", "＞", "＜", ">=", "<=", "≧", "≦", "═", "﹦", "不低于", "不超过", "不少于", "不高于",
               "大于", "小于", "")


def fullwidth(text: str) -> str:
    return text.translate(FULLWIDTH)


def thousands(text: str) -> str:
    """1234567.5 → 1,234,567.5 (only for a plain number)."""
    try:
        value = Decimal(text)
    except Exception:  # noqa: BLE001
        return text
    if not value.is_finite():
        return text
    sign, _, rest = text.rpartition("-")
    whole, dot, frac = rest.partition(".")
    if not whole.isdigit():
        return text
    grouped = f"{int(whole):,}"
    return f"{'-' if sign or text.startswith('-') else ''}{grouped}{dot}{frac}"


def padded(text: str, rng: random.Random) -> str:
    return rng.choice(BLANKS) * rng.randint(0, 2) + text + rng.choice(BLANKS) * rng.randint(0, 2)


def realistic_cell(text: str, rng: random.Random) -> str:
    """A figure written as people write it: the same number, or a near miss."""
    kind = rng.randrange(22)
    if kind == 0:
        return fullwidth(text)
    if kind == 1:
        return thousands(text)
    if kind == 2:
        return text + rng.choice(UNITS)
    if kind == 3:
        return padded(text, rng)
    if kind == 4:
        return rng.choice(NOT_GIVEN)
    if kind == 5:
        return "-" + text.lstrip("-") if not text.startswith("-") else text[1:]
    if kind == 6:
        return "－" + text.lstrip("-")
    if kind == 7:
        return "−" + text.lstrip("-")  # U+2212
    if kind == 8:
        try:
            value = Decimal(text)
            return str(value.quantize(Decimal("0.01"))) if rng.random() < 0.5 else str(value.normalize())
        except Exception:  # noqa: BLE001
            return text
    if kind == 9:
        return rng.choice(("0", "0.00", "0.0", "-0", "-0.00", "00", "000.50", "+0"))
    if kind == 10:
        return "+" + text
    if kind == 11:
        return text + "%"
    if kind == 12:
        return rng.choice(("1e3", "1E2", "Infinity", "NaN", "nan", "inf", "0x10", "1_000", "½", "٣", "３３", "1 000", "1.000,5"))
    if kind == 13:
        return text.replace(".", "．")
    if kind == 14:
        return text + "." if "." not in text else text.rstrip("0")
    if kind == 15:
        return "." + text.split(".")[-1] if "." in text else text
    if kind == 16:
        return rng.choice(("是", "否", "true", "false", "TRUE", "False", " 是", "Yes"))
    if kind == 17:
        return rng.choice(("9" * 15, "9" * 16, "999999999999999.99", "0." + "0" * 14 + "1", "1" + "0" * 14, "-" + "9" * 15,
                           "123456789012345.123456789012345", "1234567890123456"))
    if kind == 18:
        return rng.choice(COMPARATORS[:6]) + text
    if kind == 19:
        return "约" + text
    if kind == 20:
        return text + "\n"
    return text


def realistic_variant(header: list[str], cells: list[str], rng: random.Random) -> list[str]:
    """A copy of a case-table row with one to four cells written as people write them (full-width digits
    and signs, thousands separators, units, blanks and NBSPs, "/", "—", "无", "未披露", signs, flags, near
    misses) and, for the fixed columns, years, regions, sheet types and stated rates as forms print them."""
    out = list(cells)
    for _ in range(rng.randint(1, 4)):
        column = rng.randrange(len(header))
        name = header[column]
        text = out[column]
        if name == "year":
            out[column] = rng.choice(("２０２４", "2024年", " 2024 ", "2024\u00a0", "2024.0", "2024", "2023", "2025", "2019"))
        elif name == "region":
            out[column] = rng.choice(("四川省／遂宁市／安居区", " 四川省 / 遂宁市 / 安居区 ", "四川省/遂宁市/安居区/", "四川/遂宁", "四川省",
                                      "湖南省/岳阳市/汨罗市", "新疆维吾尔自治区/昌吉州", "四川省/攀枝花市"))
        elif name == "sheet_type":
            out[column] = rng.choice(("部门整体支出绩效自评表", " 部门整体支出绩效自评表 ", "部门整体支出绩效自评报告", "项目支出绩效自评表", "单位整体支出绩效自评表"))
        elif name == "rules":
            out[column] = rng.choice(("sichuan.dept-overall", "sichuan.dept-overall@2024.1", " sichuan.dept-overall ", "", "national.project"))
        elif name == "sheet_id":
            out[column] = rng.choice(("dept", " dept ", "表1", "dept overall", "dept.2024", "-", "_"))
        elif name == "claimed_total":
            out[column] = rng.choice((realistic_cell(text or "95.5", rng), "98.6", "100", "101", "-1", "", "９８．６", "98.6分", "优"))
        elif name.startswith("stated_rate:") and rng.random() < 0.7:  # all three parts, as a form prints them
            label = name[len("stated_rate:"):].split(":")[0]
            numerator, denominator = rng.choice((("31.69", "32.4"), ("338.31", "329.77"), ("0", "0"), ("0.00", "0.00"), ("111.27", "123.47"),
                                                 ("32.18", "34.38"), ("3.36", "3.36"), ("1,250.5", "1300"), ("31.69万元", "32.4")))
            stated = rng.choice(("97.80%", "97.81%", "97.8", "0.978", "102.59%", "0.00%", "90.12%", "93.61%", "100.00%", "100%", "９７.８％", "/"))
            for part, text in (("", stated), (":numerator", numerator), (":denominator", denominator)):
                if f"stated_rate:{label}{part}" in header:
                    out[header.index(f"stated_rate:{label}{part}")] = text
        elif name.startswith("stated_rate:"):
            if name.endswith(("numerator", "denominator")):
                out[column] = realistic_cell(text or "31.69", rng)
            else:
                out[column] = rng.choice(("97.80%", "97.8", "0.978", "97.81%", "９７.８％", "100%", "0.00%", "/", "", text + "%", fullwidth(text)))
        else:
            out[column] = realistic_cell(text, rng) if text else rng.choice(("", "", "/", "0", "0.00", " ", "未披露"))
    return out




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
