"""Case-table rows straight into the lean path: no case model, no model validation per figure.

`cases.table.row_to_case` turns a row into a validated `Case` (every figure a pydantic model);
for a batch of a million rows that costs as much as the scoring.  `TableReader` reads a row the
way a machine-written table writes it — plain numbers (``-12.5``, at most 15 digits before and
after the point), the undisclosed marker, 是/否 flags, empty cells — straight into the inputs of
the rule set's generated code, with the column plan worked out once per header and rule set, and
its inputs and claims read by code written out for that plan (`table_code`).

An input or a stated rate's amounts written as a form prints a number — with thousands
separators (spreadsheets export "1,234.56"), full-width digits, a percent sign — are read by
`numbers.to_decimal`, as the case model reads them, and checked as the engine checks such a
figure (a percent sign on an amount is a finding).

It takes a row only where it knows the result is the one `row_to_case` and the traced checks
would give: anything else — a figure written with a unit or a "not given" mark, a claim or count
not written plainly, a year or sheet id the case model would refuse, a column its rule set does
not know, a rate with a missing part, a rule set that cannot be chosen — is left to the full path
(`read` returns None), so every message reads the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..batch.summary import SheetSummary, region_text
from ..cases.model import region_parts
from ..cases.table import CASE_COLUMNS, CLAIM_PREFIX, FINDING_PREFIX, IGNORED_PREFIX, RATE_PREFIX, UNDISCLOSED, TableHeader, TableRow, input_headers, label_key, within
from ..errors import ScoringError
from ..files.reading import garbled
from ..numbers import FLAGS, NumberError, is_too_large, to_decimal
from ..review.pipeline import fallback_findings
from ..rules.library import RuleLibrary
from ..rules.model import RuleSet
from .engine import input_problem, invalid_input
from .lean import Fallback, Findings, LeanEngine, LeanRules, SheetFacts, lean_summary
from .table_code import ANY, AT_LEAST, OTHER, WHOLE_AT_LEAST, compile_reader

# What `numbers.to_decimal` reads as Decimal(text) directly; below 10^15, never a percentage.
_PLAIN = re.compile(r"-?[0-9]{1,15}(?:\.[0-9]{1,15})?")
_WHOLE = re.compile(r"[0-9]{1,15}(?:\.0{1,15})?")
_YEAR = re.compile(r"[0-9]{4}")
_SHEET_ID = re.compile(r"[A-Za-z0-9_.-]+")
_INPUT_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
# A row the lean path handed back: score it on the traced path, not the lean one again.
TRACED = object()


@dataclass(frozen=True, slots=True)
class _Rate:
    """A stated rate as `rates.stated_rate_findings` reads it."""

    label: str
    stated: str
    numerator: Decimal
    denominator: Decimal


class _Fixed:
    """Where a header keeps its fixed columns, and which of its columns carry what."""

    def __init__(self, columns: tuple[str, ...]):
        index = {name: i for i, name in enumerate(columns)}
        self.width = len(columns)
        self.inputs = [(i, c) for i, c in enumerate(columns) if c not in CASE_COLUMNS and not c.startswith((CLAIM_PREFIX, FINDING_PREFIX, RATE_PREFIX, IGNORED_PREFIX))]
        self.claims = [(i, c[len(CLAIM_PREFIX):].strip()) for i, c in enumerate(columns) if c.startswith(CLAIM_PREFIX)]
        self.findings = [(i, c[len(FINDING_PREFIX):].strip()) for i, c in enumerate(columns) if c.startswith(FINDING_PREFIX)]
        self.index = index
        # where `_summary` finds the fixed columns it reads, in `_FIXED_READ` order: a column the
        # header lacks points one past the row's last cell, at the empty text `_summary` puts there
        self.read = tuple(len(columns) if index.get(name) is None else index[name] for name in _FIXED_READ)
        # two claim (or finding) columns naming the same key: the case model keeps the last
        # non-empty one; rare enough to leave to it
        self.usable = all(len({k for _, k in group}) == len(group) for group in (self.claims, self.findings))


class _Plan:
    """A header's columns under one rule set: each input's columns (by id or by label, in the rule
    set's order), the claim and finding columns of each indicator and deduction item, and the
    columns the rule set does not know (a row with something in one goes to the full path)."""

    def __init__(self, fixed: _Fixed, rules: RuleSet, lr: LeanRules, rates: tuple[str, ...]):
        by_label = input_headers(rules)
        columns: dict[str, list[int]] = {spec.name: [] for spec in lr.inputs}
        self.strangers: list[int] = []
        for i, name in fixed.inputs:
            if name in rules.inputs:
                columns[name].append(i)
            elif not _INPUT_NAME.match(name) and label_key(name) in by_label:
                columns[by_label[label_key(name)]].append(i)
            else:
                self.strangers.append(i)
        # (name, its one column or -1, all its columns when it has several, spec, the check its
        # declaration makes of a plain number: at least a minimum, none, or another)
        self.inputs = []
        for spec in lr.inputs:
            found = columns[spec.name]
            if spec.flag or spec.maximum is not None or (spec.count and spec.minimum is None):
                check = OTHER
            elif spec.count:
                check = WHOLE_AT_LEAST
            else:
                check = ANY if spec.minimum is None else AT_LEAST
            self.inputs.append((spec.name, found[0] if len(found) == 1 else -1, tuple(found), spec, check, spec.minimum))
        claims = dict((k, i) for i, k in fixed.claims)
        findings = dict((k, i) for i, k in fixed.findings)
        self.indicator_claims = []
        for ind in rules.indicators:
            found = tuple(claims[k] for k in (ind.id, ind.name) if k in claims)
            self.indicator_claims.append((found[0] if len(found) == 1 else -1, found))
        self.deduction_claims = [tuple(claims[k] for k in (d.id, d.name) if k in claims) for d in rules.deductions]
        # the inputs and the indicators' claims, read by code written out for this header
        self.read = compile_reader(self.inputs, self.indicator_claims, _HELPERS)
        self.counts = [tuple(findings[k] for k in (d.id, d.name) if k in findings) for d in rules.deductions]
        keys = {k for ind in rules.indicators for k in (ind.id, ind.name)} | {k for d in rules.deductions for k in (d.id, d.name)}
        self.strangers += [i for k, i in claims.items() if k not in keys]
        deduction_keys = {k for d in rules.deductions for k in (d.id, d.name)}
        self.strangers += [i for k, i in findings.items() if k not in deduction_keys]
        self.rates = [
            (label, fixed.index[f"{RATE_PREFIX}{label}"], fixed.index[f"{RATE_PREFIX}{label}:numerator"],
             fixed.index[f"{RATE_PREFIX}{label}:denominator"])
            for label in rates
        ]


class TableReader:
    """Scores case-table rows on the lean path, straight from their cells."""

    def __init__(self, library: RuleLibrary, lean: LeanEngine):
        self.library = library
        self.lean = lean
        self._fixed: dict[tuple[str, ...], _Fixed] = {}
        self._plans: dict[tuple, _Plan] = {}
        self._rules: dict[tuple, tuple[RuleSet | None, bool]] = {}
        self._regions: dict[str, tuple[tuple[str, ...], str]] = {}  # as written → its parts, and as summaries show it
        # The rows of a table (of a block a worker is given) share one header object: what is
        # worked out for its columns is looked up by identity, not by hashing its column names
        # once a row (`_for_header`).
        self._header: object = None
        self._header_fixed: _Fixed | None = None
        self._header_plans: dict[tuple[int, int], tuple[RuleSet, _Plan]] = {}
        self.taken = 0
        self.left = 0

    def summary(self, row: TableRow) -> SheetSummary | object | None:
        """The row's summary; None when the full path must read it (`row_to_case`), `TRACED`
        when it read fine but must be scored on the traced path."""
        try:
            got = self._summary(row)
        except Fallback:
            self.lean.fallbacks += 1
            return TRACED
        if got is None:
            self.left += 1
        else:
            self.taken += 1
            self.lean.lean += 1
        return got

    def _summary(self, row: TableRow) -> SheetSummary | None:
        header = row.header
        if header is not self._header:
            self._for_header(header)
        fixed = self._header_fixed
        cells = row.cells
        if len(cells) != fixed.width:
            cells = within(cells, fixed.width)  # as `row_to_case` reads them
        if len(cells) != fixed.width or not fixed.usable:
            return None
        padded = (*cells, "")
        case_id, unit, title, written_region, written_year, sheet_type, named, sheet_id, claimed_total = [padded[i].strip() for i in fixed.read]
        known_region = self._regions.get(written_region)
        if known_region is None:
            if len(self._regions) >= _REGIONS_KEPT:
                self._regions.clear()
            parts = tuple(region_parts(written_region))
            known_region = self._regions[written_region] = (parts, region_text(parts))
        region, region_shown = known_region
        sheet_type, named, sheet_id = sheet_type or None, named or None, sheet_id or "sheet"
        if not region or not _YEAR.fullmatch(written_year) or not 1990 <= int(written_year) <= 2100 or not case_id or not unit \
                or garbled(unit) or garbled(title) or garbled(written_region):  # said by row_to_case
            return None
        if (sheet_type is None and named is None) or not _SHEET_ID.fullmatch(sheet_id):
            return None
        year = int(written_year)
        if claimed_total:
            if not _PLAIN.fullmatch(claimed_total):
                return None
            claimed_total = Decimal(claimed_total)
        else:
            claimed_total = None
        rules, chosen_quietly = self._choose(named, sheet_type, region, year)
        if rules is None:
            return None
        lr = self.lean.rules(rules, year)
        if not lr.available:
            raise Fallback
        known = self._header_plans.get((id(rules), year))
        if known is not None and known[0] is rules:
            plan = known[1]
        else:
            key = (header.columns, header.rates, rules.path, rules.sha256, year)
            plan = self._plans.get(key)
            if plan is None:
                plan = self._plans[key] = _Plan(fixed, rules, lr, header.rates)
            self._header_plans[id(rules), year] = (rules, plan)
        for i in plan.strangers:
            if cells[i].strip():
                return None
        where = f"{row.where}#{sheet_id}"
        found = Findings()
        x: dict = {}
        states: dict = {}
        claims = plan.read(cells, x, states, found, where)
        if claims is None:
            return None
        numbers = _NUMBERS
        deduction_claims = []
        for columns in plan.deduction_claims:
            claimed = _first(cells, columns)
            if claimed is None:
                return None  # a second column the case model refuses
            value = None
            if claimed:
                value = numbers[claimed]
                if value is None:
                    return None
                value = abs(value)
            deduction_claims.append(value)
        counts = []
        for columns in plan.counts:
            count = _first(cells, columns)
            if count is None:
                return None  # a second column the case model or the key check refuses
            if not count or count.lower() in UNDISCLOSED:
                counts.append(None)
            elif _WHOLE.fullmatch(count):
                counts.append(Decimal(count))
            else:
                return None  # not a count: the case model or the key check says why
        rates = []
        for label, stated, numerator, denominator in plan.rates:
            parts = cells[stated].strip(), cells[numerator].strip(), cells[denominator].strip()
            if not any(parts):
                continue
            if not all(parts):
                return None
            numerator, denominator = _amount(parts[1]), _amount(parts[2])
            if numerator is None or denominator is None:
                return None
            rates.append(_Rate(label, parts[0], numerator, denominator))
        chosen = () if chosen_quietly else tuple(fallback_findings(self.library, region, year, sheet_type, rules, where))
        facts = SheetFacts(sheet_id, title, region, year, None, sheet_type, named, claimed_total, chosen=chosen)
        lean = self.lean.evaluate(lr, facts, x, states, found, where, claims, counts, deduction_claims, rates)
        return lean_summary(lean, row.where, case_id, unit, sheet_id, title, rules, row.line, region_shown, year)

    def _for_header(self, header: TableHeader) -> None:
        """Make ``header`` the one the next rows are read under."""
        fixed = self._fixed.get(header.columns)
        if fixed is None:
            fixed = self._fixed[header.columns] = _Fixed(header.columns)
        self._header, self._header_fixed, self._header_plans = header, fixed, {}

    def _choose(self, named: str | None, sheet_type: str | None, region: tuple[str, ...], year: int) -> tuple[RuleSet | None, bool]:
        """The rule set `review.pipeline.choose_rules` gives the row, None when it cannot give one;
        and whether nothing is said of the choice (`pipeline.fallback_findings`: rules named, or
        chosen by region and year with nothing to say), which is the same for every row that
        chooses alike."""
        key = (named, sheet_type, region, year)
        known = self._rules.get(key)
        if known is None:
            try:
                chosen = self.library.find(named, year) if named else self.library.select(region, year, sheet_type)
            except ScoringError:
                chosen = None
            quiet = chosen is None or bool(named) or not fallback_findings(self.library, region, year, sheet_type, chosen, "")
            known = self._rules[key] = (chosen, quiet)
        return known


# The fixed columns `_summary` reads, in its order.
_FIXED_READ = ("case_id", "unit", "title", "region", "year", "sheet_type", "rules", "sheet_id", "claimed_total")
# Regions as written, read into their parts: a table names the same few regions over and over.
_REGIONS_KEPT = 1 << 12

class _Numbers(dict):
    """Cells written as plain numbers, read as `numbers.to_decimal` reads them: ``numbers[text]``
    is the number, None for a text that is not one.  A table repeats many (counts, 0.00, round
    amounts): each is read once and kept, until the memo is large and cleared; a text that is
    no plain number is not kept (a cell may be long)."""

    __slots__ = ()

    def __missing__(self, text: str) -> Decimal | None:
        # subscripting a dict that has the number is the cheapest lookup there is: a row reads
        # some sixty cells this way
        if not _PLAIN.fullmatch(text):
            return None
        if len(self) >= _NUMBERS_KEPT:
            self.clear()
        value = self[text] = Decimal(text)
        return value


_NUMBERS = _Numbers()
_NUMBERS_KEPT = 1 << 16


def _amount(text: str) -> Decimal | None:
    """A stated rate's amount (stripped, not empty) as the case model reads it: a plain number,
    or one `numbers.to_decimal` reads ("1,234.56"); None for anything else, and for a figure of
    10^15 or more, which the full path refuses with its place."""
    value = _NUMBERS[text]
    if value is None:
        try:
            value = to_decimal(text)
        except NumberError:
            return None
        if is_too_large(value):
            return None
    return value


def _read_input(text: str, name: str, spec, check: int, minimum, x: dict, states: dict, found: Findings, where: str) -> bool:
    """One input's cell (stripped, not empty) into ``x`` (usable) or ``states`` (undisclosed,
    invalid, with its finding), as `row_to_case` and the engine's checks read it; False when
    only the full path can read it."""
    value = _NUMBERS[text]
    if value is None:
        low = text.lower()
        if low in UNDISCLOSED:
            if spec.decl.default is not None:  # as engine._Inputs: 未披露 is not reported, which the default is for
                x[name] = spec.decl.default
            else:
                states[name] = "undisclosed"
            return True
        value = FLAGS.get(low)
        if value is None:
            try:
                value = to_decimal(text)  # "1,234.56", "１２３", "95%": as the case model reads it
            except NumberError:
                return False  # a unit or a "not given" mark: read by the rule set's words (engine/figures.py)
            problem = input_problem(spec.decl, value, text.endswith(("%", "％")))
        else:
            problem = spec.problem(value)
    elif check == ANY or check == AT_LEAST and value >= minimum or (check == WHOLE_AT_LEAST and value >= minimum and "." not in text):
        x[name] = value  # what the declaration's check would pass, without calling it
        return True
    else:
        problem = spec.problem(value)
    if problem:
        found.add(invalid_input(name, spec.decl, problem, where))
        states[name] = "invalid"
    else:
        x[name] = value
    return True


def _one_of(cells: tuple[str, ...], columns: tuple[int, ...]) -> str | None:
    """An input's one non-empty cell among its columns (by id, by label), stripped; "" when all
    are empty; None when two are filled (the case model says so)."""
    text = ""
    for i in columns:
        written = cells[i].strip()
        if written:
            if text:
                return None
            text = written
    return text


def _first(cells: tuple[str, ...], columns: tuple[int, ...]) -> str | None:
    """The first non-empty of a key's columns (by id, then by printed name), stripped, for the
    caller to read; "" when all are empty.  None when a later one is filled with anything else:
    the case model reads every column of a key, not only the one that counts, and refuses the row
    for any of them (a claim "/" beside the same claim by id), and the key check for two figures
    that differ (review FW A1)."""
    text = ""
    for i in columns:
        written = cells[i].strip()
        if written:
            if not text:
                text = written
            elif written != text:
                return None
    return text


_HELPERS = {"NUMBERS": _NUMBERS, "READ": _read_input, "ONE": _one_of, "FIRST": _first}
