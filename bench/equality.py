"""The lean path held against the traced path, sheet by sheet, on a corpus that reaches every
shipped rule set and the rules' corners.

For every sheet both paths score, `Equality.compare_*` requires the same thing of each:

* every line (indicator or row): its id, name, weight, rounding, the rules' value to the last
  digit (a point score, or the range the rules allow), and its claim's status;
* the deductions, the total (claimed, computed, its range, status, delta), the weight left
  unverified, the grades and the claimed grade;
* the findings: every error and warning, word for word, in order, and the number of infos;
* the batch summary row, field for field;
* or, where one path refuses the sheet, the same refusal, word for word.

The corpus (`corpus`): sheets from `scoring generate` (all its kinds, with its injected errors),
an edge variant of each (`bench.corpus.edge_variant` for the formula sheets' table rows,
`row_variant` for target/actual rows: unreadable, unknown comparators, unit mismatches, dates,
negative figures, undisclosed values, missing weights, claims beyond their weight …), every
shipped rule set's own worked examples (``[[tests]]``) as complete sheets with random claims, and
every shipped case.  Table rows are read both by the lean path's reader (`lean_table`) and by
the case model, as `scoring batch` reads them; the formula sheets' rows twice, under a header by
ids and under one naming figures by label and printed name, some in two columns (`labelled_table`),
and some with cells written as people write them (`bench.corpus.realistic_variant`); the worked
examples of every rule set also as rows under that rule set's own header (`worked_example_rows`).
bench/fuzz.py mutates far more sheets the same ways, for a longer search.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from scoring import Case, Engine, RuleLibrary, ScoringError, load_case, report_loaded
from scoring.batch.summary import region_text, summary_of
from scoring.cases.table import CLAIM_PREFIX, TableRow, known_labels, parse_header, row_to_case
from scoring.engine.lean import Fallback, LeanEngine, from_traced, lean_summary
from scoring.engine.lean_table import TRACED, TableReader
from scoring.review.pipeline import sheet_rules
from scoring.synthetic.generator import Settings, make_submission
from scoring.synthetic.writer import table_cells, table_columns

from .corpus import edge_variant, realistic_variant

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "cases"


@dataclass
class Equality:
    """How many sheets were compared, how many the lean path scored itself, and the first disagreements."""

    sheets: int = 0
    lean: int = 0  # scored on the lean path (the others it handed to the traced path)
    table_rows: int = 0
    read_lean: int = 0  # table rows the lean reader took straight from their cells
    lines: int = 0
    refused: int = 0  # refused by both, with the same message
    disagreeing: int = 0
    first: list[str] = field(default_factory=list)
    keep: int = 20

    @property
    def ok(self) -> bool:
        return self.disagreeing == 0

    def _result(self, label: str, problems: list[str]) -> None:
        self.sheets += 1
        if problems:
            self.disagreeing += 1
            self.first.extend(f"{label}: {p}" for p in problems[: max(0, self.keep - len(self.first))])

    def describe(self) -> str:
        return (f"{self.sheets:,} sheets ({self.lean:,} on the lean path, {self.sheets - self.lean - self.refused:,} handed to the traced path, "
                f"{self.refused:,} refused by both), {self.lines:,} lines; {self.table_rows:,} table rows "
                f"({self.read_lean:,} read straight from their cells)")


class Checker:
    """Scores sheets both ways and records every difference in an `Equality`."""

    def __init__(self, library: RuleLibrary, tally: Equality | None = None):
        self.library = library
        self.traced = Engine()
        self.lean = LeanEngine()
        self.reader = TableReader(library, self.lean)
        self.tally = tally or Equality()

    def case(self, case: Case, shown: str, line: int = 0) -> None:
        """Every sheet of a loaded case."""
        for sheet in case.sheets:
            single = case if len(case.sheets) == 1 else case.model_copy(update={"sheets": [sheet]})
            label = f"{shown}#{sheet.id}"
            try:
                traced = report_loaded(single, shown, self.library, self.traced).sheets[0]
            except Exception as exc:  # noqa: BLE001 - a refusal, or a crash: the lean path must do the same
                traced = _refusal(exc)
            try:
                rules = sheet_rules(self.library, case, sheet, label)
                lean = self.lean.sheet(case, sheet, rules, label, self.library)
                lean_row = lean_summary(lean, shown, case.case.id, case.case.unit, sheet.id, sheet.title, rules, line, region_text(case.case.region), case.case.year)
            except Fallback:
                self.tally.sheets += 1
                continue  # scored on the traced path: equal by construction
            except Exception as exc:  # noqa: BLE001
                lean, lean_row = _refusal(exc), None
            self._compare(label, traced, lean, lean_row, shown, case, line)

    def _compare(self, label: str, traced, lean, lean_row, shown: str, case: Case, line: int) -> None:
        if isinstance(traced, str) or isinstance(lean, str):
            if traced == lean:
                self.tally.refused += 1
                self.tally._result(label, [])
            else:
                self.tally._result(label, [f"traced {'refused: ' + traced if isinstance(traced, str) else 'scored'}, "
                                           f"lean {'refused: ' + lean if isinstance(lean, str) else 'scored'}"])
            return
        self.tally.lean += 1
        expected = from_traced(traced)
        problems = differences(expected, lean)
        self.tally.lines += len(expected.ids)
        traced_row = summary_of(shown, case.case.id, case.case.unit, traced, line, region_text(case.case.region), case.case.year)
        if lean_row is not None and traced_row != lean_row:
            problems += [f"summary {name}: traced {getattr(traced_row, name)!r}, lean {getattr(lean_row, name)!r}"
                         for name in traced_row.__slots__ if getattr(traced_row, name) != getattr(lean_row, name)]
        self.tally._result(label, problems)

    def table_row(self, row: TableRow) -> None:
        """A case-table row: the lean reader's summary against the case model and the traced path."""
        self.tally.table_rows += 1
        try:
            case = row_to_case(row, self.library)
        except ScoringError as exc:
            case, refused = None, str(exc)
        got = self.reader.summary(row)
        if got is None or got is TRACED:
            if case is not None:
                self.case(case, row.where, row.line)  # what the batch does next: the lean path on the case model
            else:
                self.tally.refused += 1
                self.tally._result(row.where, [])
            return
        self.tally.read_lean += 1
        if case is None:
            self.tally._result(row.where, [f"the case model refuses the row ({refused}), the lean reader took it"])
            return
        sheet = case.sheets[0]
        try:
            traced = report_loaded(case, row.where, self.library, self.traced).sheets[0]
        except ScoringError as exc:
            self.tally._result(row.where, [f"the traced path refuses the row ({exc}), the lean reader took it"])
            return
        self.tally.lean += 1
        self.tally.lines += len(traced.indicators)
        expected = summary_of(row.where, case.case.id, case.case.unit, traced, row.line, region_text(case.case.region), case.case.year)
        problems = [f"summary {name}: traced {getattr(expected, name)!r}, lean {getattr(got, name)!r}"
                    for name in expected.__slots__ if getattr(expected, name) != getattr(got, name)]
        # the lines too, through the case model (the reader's lines are the same code from here on)
        lean = self.lean.sheet(case, sheet, sheet_rules(self.library, case, sheet, f"{row.where}#{sheet.id}"), f"{row.where}#{sheet.id}", self.library) \
            if self._lean_takes(case) else None
        if lean is not None:
            problems += differences(from_traced(traced), lean)
        self.tally._result(row.where, problems)

    def _lean_takes(self, case: Case) -> bool:
        sheet = case.sheets[0]
        try:
            self.lean.sheet(case, sheet, sheet_rules(self.library, case, sheet, "probe"), "probe")
        except (Fallback, ScoringError):
            return False
        return True


def _refusal(exc: Exception) -> str:
    return str(exc) if isinstance(exc, ScoringError) else f"crash: {type(exc).__name__}: {exc}"


def differences(expected, got) -> list[str]:
    """What differs between two sheets in the lean path's form (`engine.lean.LeanSheet`)."""
    problems = []
    for name in ("ids", "names", "groups", "weights", "roundings"):
        if getattr(expected, name) != getattr(got, name):
            problems.append(f"{name}: traced {getattr(expected, name)!r}, lean {getattr(got, name)!r}")
    for i, line_id in enumerate(expected.ids):
        a = expected.values[i] if i < len(expected.values) else "—"
        b = got.values[i] if i < len(got.values) else "—"
        if _digits(a) != _digits(b):
            problems.append(f"{line_id}: traced {_digits(a)}, lean {_digits(b)}")
    for name in ("statuses", "deductions", "unverified_weight", "grades", "claimed_grade"):
        if _digits(getattr(expected, name)) != _digits(getattr(got, name)):
            problems.append(f"{name}: traced {getattr(expected, name)!r}, lean {getattr(got, name)!r}")
    a, b = expected.total, got.total
    for name in ("claimed", "computed", "low", "high", "status", "delta"):
        if _digits(getattr(a, name)) != _digits(getattr(b, name)):
            problems.append(f"total {name}: traced {getattr(a, name)!r}, lean {getattr(b, name)!r}")
    if expected.findings.kept != got.findings.kept:
        problems.append(f"findings: traced {[f.message for f in expected.findings.kept]}, lean {[f.message for f in got.findings.kept]}")
    if expected.findings.infos != got.findings.infos:
        problems.append(f"infos: traced {expected.findings.infos}, lean {got.findings.infos}")
    return problems


def _digits(value) -> str:
    """A value with every digit it carries (8.00 and 8 differ), recursively."""
    if isinstance(value, (list, tuple)):
        return "(" + ", ".join(_digits(v) for v in value) + ")"
    return repr(value) if not isinstance(value, Decimal) else str(value)


# -- the corpus ---------------------------------------------------------------------------------


def generated(library: RuleLibrary, count: int, seed: int) -> tuple[list[str], list[list[str]], list[dict]]:
    """``count`` submissions from the generator (all kinds, injected errors): the formula-type
    sheets as rows of a case table (header, rows), the others as case data."""
    engine = LeanEngine()
    settings = Settings(seed=seed, error_rate=0.3)
    columns = table_columns(library.find("sichuan.dept-overall", settings.year))
    rows, cases = [], []
    for i in range(count):
        sub = make_submission(i, settings, library, engine)
        if sub.kind == "formula":
            rows.append(table_cells(sub.case, columns))
        else:
            cases.append(sub.case)
    return columns, rows, cases


_ACTUALS = ("undisclosed", "/", "—", "≈95%", "3-5次", "1/2", "约600次", "600次左右", "无", "无安全事故", "-5", "0", "0次",
            "2024年13月1日", "2025年1月", "12月31日前", "180万元", "1800000元", "98.5%", "较满意", "显著提升", "有所改善",
            "部分完成", "未完成", "达到预期", "圆满完成", "按时完成", "100", "99999999999999999", "")
_TARGETS = ("≥95%", ">=95", "≤180万元", "=12次", "12次", "0次", "2024年12月31日前", "2024年10月", "≠5", "100%", "有所改善",
            "明显提升", "达到预期", "不低于90%", "≥-5", "-3", "/", "≥", "")


def row_variant(case: dict, rng: random.Random) -> dict:
    """A copy of a row sheet's case data with one to four rows moved to a corner of the rules
    (or emptied to printed placeholders)."""
    data = json.loads(json.dumps(case))
    sheet = data["sheets"][0]
    rows = sheet.get("rows") or []
    for _ in range(rng.randint(1, 4)):
        if not rows:
            break
        row = rng.choice(rows)
        kind = rng.randrange(10)
        if kind == 9:  # a printed row with nothing in it (skipped), now and then every row of the sheet
            for placeholder in (rows if rng.random() < 0.3 else [row]):
                for key in ("target", "actual", "weight", "claimed", "nature"):
                    placeholder.pop(key, None)
        elif kind == 0:
            row["actual"] = rng.choice(_ACTUALS)
        elif kind == 1:
            row["target"] = rng.choice(_TARGETS)
        elif kind == 2:
            row.pop("weight", None)  # a weight the document does not print
        elif kind == 3:
            row["claimed"] = rng.choice(("0", "-1", "25", "10.004", "9.5", "3"))
        elif kind == 4:
            row.pop("actual", None)
        elif kind == 5:
            row["target"], row["actual"] = rng.choice((("≥10次", "8万元"), ("≤100万元", "120万元"), ("-10", "-20"), ("0", "0"),
                                                       ("≥95%", "0.95"), ("2024年6月", "2024年6月30日")))
        elif kind == 6:
            row["group"] = rng.choice((["产出指标", "成本指标"], ["效益指标", "社会效益指标"], ["满意度指标"]))
        elif kind == 7:
            row.pop("claimed", None)
        else:
            row["nature"] = rng.choice(("≥", "≤", "＝", "定性", "定量", "正向", "≈", "反向"))
    if rng.random() < 0.3:
        sheet.pop("claimed_total", None)
    elif rng.random() < 0.3:
        sheet["claimed_total"] = rng.choice(("101", "-2", "88.5", "99.99"))
    if rng.random() < 0.2:
        sheet["claimed_grade"] = rng.choice(("优", "良", "中", "差", "优秀", "甲"))
    return data


_WRITTEN = ("1,000.50", "９０", "12%", "12.5％", " 3 ", "abc", "未披露", "UNDISCLOSED", "是", "否", "TRUE", "-0", "0.000",
            "1e5", "+5", ".5", "5.", "1234567890123456", "0.1234567890123456", "")


def written_variant(header: list[str], cells: list[str], rng: random.Random) -> list[str]:
    """A copy of a table row with one to three cells written the way people write them (thousands
    separators, full-width digits, percent signs, spaces, words) or wrongly (a year, a sheet id, a
    count or a claim the case model refuses): the rows the lean reader must leave to the full path."""
    out = list(cells)
    for _ in range(rng.randint(1, 3)):
        column = rng.randrange(len(header))
        name = header[column]
        if name == "year":
            out[column] = rng.choice(("2024.0", "24", "二〇二四", "", "1989", "2024 "))
        elif name == "sheet_id":
            out[column] = rng.choice(("表 1", "a/b", "", "dept-overall"))
        elif name in ("region", "case_id", "unit"):
            out[column] = rng.choice(("", "/", "四川省/ /遂宁市", "x"))
        else:
            out[column] = rng.choice(_WRITTEN)
    return out


def labelled_table(library: RuleLibrary, header: list[str], rows: list[list[str]], rng: random.Random) -> tuple[list[str], list[list[str]]]:
    """The same rows under a header as people write one: some inputs named by their label
    (with or without the unit) and some claims and deduction counts by the printed name, a few of
    them in two columns, by id and by name.  Each row writes such a figure in one of its columns,
    the other, or now and then both (which the case model refuses for an input, and for a claim or
    count whose second column holds a mark such as "/")."""
    rules = library.find("sichuan.dept-overall", 2024)
    names = {ind.id: ind.name for ind in rules.indicators} | {d.id: d.name for d in rules.deductions}
    out: list[str] = []
    pairs: list[tuple[int, int]] = []  # (column by id, column by name) of a figure written in two
    keyed: set[int] = set()  # columns by name of a claim or a count (not of an input)
    for column in header:
        prefix = next((p for p in ("claim:", "finding:") if column.startswith(p) and column[len(p):] in names), None)
        decl = rules.inputs.get(column)
        if prefix is None and decl is None:
            out.append(column)
            continue
        named = f"{prefix}{names[column[len(prefix):]]}" if prefix else rng.choice((decl.label, f"{decl.label}（{decl.unit}）" if decl.unit else decl.label))
        how = rng.random()
        if how < 0.3:
            out.append(named)  # by name only
        elif how < 0.5:
            out.append(column)
            out.append(named)  # by id and by name
            pairs.append((len(out) - 2, len(out) - 1))
            if prefix:
                keyed.add(len(out) - 1)
        else:
            out.append(column)
    by_id = {a for a, _ in pairs}
    table = []
    for cells in rows:
        spread = []
        for cell in cells:
            spread.append(cell)
            if len(spread) - 1 in by_id:
                spread.append("")  # its column by name, next to it
        for a, b in pairs:
            how = rng.random()
            if how < 0.4:
                spread[a], spread[b] = "", spread[a]  # written in the column by name
            elif how < 0.41 and spread[a].strip():
                spread[b] = spread[a]  # in both
            elif how < 0.43 and b in keyed and spread[a].strip():
                spread[b] = rng.choice(("/", "—", "-1", "1.5", "是"))  # a claim or count in both, the second a mark the model refuses
        table.append(spread)
    return out, table


def worked_examples(library: RuleLibrary, rng: random.Random, sample: bool = False) -> Iterator[tuple[Case, str]]:
    """Each shipped rule set's worked examples (``[[tests]]``) as complete sheets, with random claims.

    With ``sample``, the examples CI's sample takes (`sampled_examples`)."""
    chosen = sampled_examples(library) if sample else None
    for rule_set in library.rule_sets:
        for i, test in enumerate(rule_set.tests):
            if chosen is not None and (rule_set.ref, i) not in chosen:
                continue
            inputs = dict(test.inputs)
            for name, decl in rule_set.inputs.items():
                if name not in inputs and decl.default is None and rng.random() < 0.7:
                    inputs[name] = {"undisclosed": True}
            claims = {}
            for ind in rule_set.indicators:
                if rng.random() < 0.8:
                    claims[ind.id] = str(round(Decimal(rng.uniform(-0.5, float(ind.weight) + 0.5)), rng.choice((0, 1, 2))))
            rows = [dict(r) for r in test.rows]
            for r in rows:
                if rng.random() < 0.7 and r.get("weight") is not None:
                    r["claimed"] = str(round(Decimal(rng.uniform(0, float(Decimal(str(r["weight"]))))), 1))
            sheet = {
                "id": "test", "title": test.name, "rules": rule_set.ref, "inputs": inputs, "claims": claims,
                "findings": dict(test.findings), "rows": rows,
            }
            if rng.random() < 0.6:
                sheet["claimed_total"] = str(round(Decimal(rng.uniform(0, float(rule_set.info.total))), 1))
            data = {
                "case": {"id": f"example-{i}", "unit": test.name, "region": list(rule_set.region_path) or ["全国"],
                         "year": test.year or rule_set.info.effective_from.year, "source": rule_set.path},
                "sheets": [sheet],
            }
            try:
                yield Case.model_validate(data), f"{rule_set.path}#tests[{i}]"
            except ValueError:
                continue


def sampled_examples(library: RuleLibrary) -> set[tuple[str, int]]:
    """The worked examples a sample of the corpus takes, as (rule set, index): each distinct example
    under the first and the last rule set holding it, and every rule set's first two.  A revision
    repeats the examples of the version it corrects, and a child its parent's (2,285 examples, 97
    distinct, in 164 rule sets): the sample still goes through every rule set's generated code and
    meets every example, at a fifth of the time."""
    holders: dict[str, list[tuple[str, int]]] = {}
    chosen: set[tuple[str, int]] = set()
    for rule_set in library.rule_sets:
        for i, test in enumerate(rule_set.tests):
            content = json.dumps([test.inputs, test.rows, test.findings, test.year], sort_keys=True, default=str, ensure_ascii=False)
            holders.setdefault(content, []).append((rule_set.ref, i))
            if i < 2:
                chosen.add((rule_set.ref, i))
    for held in holders.values():
        chosen.update((held[0], held[-1]))
    return chosen


def worked_example_rows(library: RuleLibrary, rng: random.Random) -> Iterator[TableRow]:
    """Each shipped rule set's worked examples without target/actual rows as rows of a case table
    under the rule set's own header (`table_columns`: a bureau's table of budget-only project
    sheets, say), with random claims, each once as written and once with cells written as people
    write them (`corpus.realistic_variant`)."""
    labels = known_labels(library)
    for rule_set in library.rule_sets:
        header = table_columns(rule_set)
        table = parse_header(f"{rule_set.id}.csv", header, labels)
        line = 1
        for test in rule_set.tests:
            if test.rows:
                continue
            cell = {"case_id": f"example-{line}", "unit": test.name, "region": "/".join(rule_set.region_path or ("河北省", "邯郸市")),
                    "year": str(test.year or rule_set.info.effective_from.year), "rules": rule_set.ref, "sheet_id": "test", "title": test.name}
            for name, figure in test.inputs.items():
                value = figure.get("value", "undisclosed" if figure.get("undisclosed") else "") if isinstance(figure, dict) else figure
                cell[name] = ("是" if value else "否") if isinstance(value, bool) else str(value)
            for ind in rule_set.indicators:
                if rng.random() < 0.8:
                    cell[f"{CLAIM_PREFIX}{ind.id}"] = str(round(Decimal(rng.uniform(-0.5, float(ind.weight) + 0.5)), rng.choice((0, 1, 2))))
            cells = [cell.get(column, "") for column in header]
            for written in (cells, realistic_variant(header, cells, rng)):
                line += 1
                yield TableRow(table, line, tuple(written), 0)


def shipped_cases() -> Iterator[tuple[Case, str]]:
    """Every case in cases/."""
    for path in sorted(CASES.glob("*.toml")):
        yield load_case(path)


def run(library: RuleLibrary, count: int, seed: int, checker: Checker | None = None, sample: bool = False) -> Checker:
    """Compare both paths on the whole corpus of ``count`` generated submissions (and an edge
    variant of each), the rule sets' worked examples and the shipped cases; with ``sample``, on
    CI's sample of the worked examples (`sampled_examples`)."""
    checker = checker or Checker(library)
    rng = random.Random(seed)
    header, rows, cases = generated(library, count, seed)
    table = parse_header("generated.csv", header, known_labels(library))
    variants = [edge_variant(header, cells, rng) for cells in rows] + [written_variant(header, cells, rng) for cells in rows]
    variants += [realistic_variant(header, cells, rng) for cells in rows[::2]]
    for line, cells in enumerate([*rows, *variants], start=2):
        checker.table_row(TableRow(table, line, tuple(cells), 0))
    named_header, named_rows = labelled_table(library, header, rows, rng)
    named = parse_header("labelled.csv", named_header, known_labels(library))
    for line, cells in enumerate(named_rows, start=2):
        checker.table_row(TableRow(named, line, tuple(cells), 0))
    for i, data in enumerate([*cases, *(row_variant(c, rng) for c in cases)]):
        try:
            case = Case.model_validate(data)
        except ValueError:
            continue
        checker.case(case, f"generated-{i}.json")
    for case, shown in worked_examples(library, rng, sample):
        checker.case(case, shown)
    for row in worked_example_rows(library, rng):
        checker.table_row(row)
    for case, shown in shipped_cases():
        checker.case(case, shown)
    return checker


def sheets_of(cases: Iterable[tuple[Case, str]]) -> int:
    return sum(len(case.sheets) for case, _ in cases)
