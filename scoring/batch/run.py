"""Batch re-scoring: every submission found in files and folders (`batch.collect`), each sheet
under the rules in effect for it, scored in worker processes (`batch.pool`) and summarised one
small row per sheet (`batch.summary`).

Inputs are case files (TOML/JSON) and case tables (CSV, one sheet per row, streamed).  A file,
row or sheet that cannot be used becomes a `Problem` with its reason and everything else is still
scored; files that are not submissions are listed as skipped.  Nothing is dropped silently:
every input ends up scored, failed or skipped, and the counts say how many of each.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from operator import attrgetter
from pathlib import Path

from ..cases.load import OTHER_FILES, load_case
from ..cases.model import Case, region_parts
from ..cases.table import TableBlock, TableProblem, TableRow, block_rows, column_names, known_labels, not_a_sheet, read_blocks, read_table, row_to_case
from ..engine.engine import Engine
from ..engine.lean import LeanEngine
from ..engine.lean_table import TRACED, TableReader
from ..engine.results import CaseReport, SheetDiff
from ..errors import FileError, ScoringError
from ..files.reading import read_json, read_toml, reword_path
from ..findings import SEVERITY_ORDER
from ..numbers import fmt
from ..output.labels import delta_text
from ..output.reasons import line_computed, line_reason
from ..plain import replace
from ..review.pipeline import report_loaded, sheet_rules
from ..rules.library import RuleLibrary, load_rule_dir
from .collect import Collected, InputFile, Problem, collect, remove_folders
from .pool import Inherited, Lost, default_jobs, ordered_map
from .summary import DIFFERING, NUMBERS_AT, IndicatorLine, Packed, SheetSummary, pack, region_text, summary_of

# Seconds one submission may take before its worker is stopped; a real sheet takes milliseconds.
DEFAULT_TIMEOUT = 60.0


@dataclass
class BatchResult:
    """A whole batch: the sheets in summary order, and everything that was not scored."""

    sheets: list[SheetSummary]
    failures: list[Problem]
    skipped: list[Problem]
    files: int
    read: int
    # members of archives as shown → where they were unpacked, for `explain` to read them again
    # (the folders are removed when the result is, or when the process ends)
    sources: dict[str, Path] = field(default_factory=dict)
    # what was said of inputs that were scored all the same (a table's columns no rule set reads):
    # not skipped, which counts inputs passed over (review GB B5)
    notices: list[Problem] = field(default_factory=list)

    @property
    def scored(self) -> int:
        return len(self.sheets)

    @property
    def exit_code(self) -> int:
        """2: nothing could be scored; 1: an error-level finding or an input that failed; else 0."""
        if not self.sheets:
            return 2
        if self.failures or any(s.worst_severity == "error" for s in self.sheets):
            return 1
        return 0

    def counts(self) -> dict[str, int]:
        return {
            "files": self.files,
            "read": self.read,
            "scored": self.scored,
            "failed": len(self.failures),
            "skipped": len(self.skipped),
            "notices": len(self.notices),
            "with_errors": sum(1 for s in self.sheets if s.worst_severity == "error"),
        }

    def rule_sets(self) -> list[tuple[str, str]]:
        """The rule sets the sheets were scored under: (id@version, sha256), sorted."""
        return sorted({(s.rules, s.sha256) for s in self.sheets})

    def repeats(self) -> list[list[SheetSummary]]:
        """Sheets handed in more than once — one case id, sheet, unit and title from several files
        or rows (a row sent again, a corrected resubmission) — each group in input order.  Every
        one is scored; which counts is the bureau's to say (review BZ A4).  Found by sorting by case
        id, not by a table of every sheet: a batch of a million holds no more than a list."""
        by_case = sorted(self.sheets, key=_CASE_ID)
        groups = []
        start = 0
        for end in range(1, len(by_case) + 1):
            if end < len(by_case) and by_case[end].case_id == by_case[start].case_id:
                continue
            if end - start > 1:
                same: dict[tuple, list[SheetSummary]] = {}
                for s in by_case[start:end]:
                    same.setdefault((s.sheet_id, s.unit, s.title), []).append(s)
                groups += [sorted(g, key=_ORDER) for g in same.values() if len(g) > 1]
            start = end
        return sorted(groups, key=lambda g: g[0].order)


_CASE_ID = attrgetter("case_id")
_ORDER = attrgetter("order")


# -- the work items and the worker -------------------------------------------------------------


@dataclass(frozen=True)
class _FileItem:
    path: str
    shown: str
    offset: int


@dataclass(frozen=True)
class _RowItem:
    row: TableRow
    offset: int


@dataclass(frozen=True)
class _BlockItem:
    block: TableBlock
    offset: int

    @property
    def shown(self) -> str:
        return self.block.header.path


@dataclass(frozen=True)
class _FailedItem:
    problem: Problem
    offset: int
    stops: str | None = None  # the table whose reading stops here, as `_ItemResult.stopped`
    # the table a problem (or the stop) of a lost block read again belongs to: dropped, as the
    # block's rows are, when that table stopped in an earlier block
    shown: str = ""


@dataclass
class _ItemResult:
    offset: int
    read: int = 0
    sheets: list[SheetSummary] = field(default_factory=list)
    failures: list[Problem] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)
    stopped: str | None = None  # the table whose reading stopped here (a line it cannot read)
    source: str = ""  # the input the item comes from

    def __reduce__(self) -> tuple:
        # sent from a worker to the parent: the summaries packed (`summary.pack`), which the
        # parent unpacks (`_Shared.received`)
        return (_ItemResult, (self.offset, self.read, pack(self.sheets), self.failures, self.skipped, self.stopped, self.source))


_STATE: dict = {}


def _init_worker(rules_dir: str | None, inherited: Inherited | None = None) -> None:
    # Runs once per worker process (and once in-process for a sequential run): the rule files
    # are read here, never once per case; each rule set's code is generated on first use.  A forked
    # worker (and a sequential run) takes the library the batch loaded (`Inherited`): loading it
    # again was a fifth of a batch of one file.
    library = inherited.value if inherited is not None and inherited.value is not None else load_rule_dir(rules_dir)
    lean = LeanEngine()
    _STATE.update(library=library, lean=lean, reader=TableReader(library, lean))


def _score_item(item: _FileItem | _RowItem | _BlockItem | _FailedItem) -> _ItemResult:
    out = _ItemResult(item.offset, source=_source(item))
    if isinstance(item, _FailedItem):
        out.failures.append(item.problem)
        out.stopped = item.stops
        return out
    if isinstance(item, _BlockItem):
        try:
            for row in block_rows(item.block):
                if isinstance(row, TableProblem):
                    out.failures.append(Problem(row.where, row.message))
                else:
                    _score_row(row, out)
        except ScoringError as exc:  # the rows before it are scored, none after it is read
            out.failures.append(Problem(item.shown, str(exc)))
            out.stopped = item.shown
        return out
    if isinstance(item, _FileItem):
        shown = item.shown  # as collected: a member of an archive by its name there, not where it was unpacked
        try:
            case, _ = load_case(item.path)
        except ScoringError as exc:
            if not_a_case(Path(item.path)):
                out.skipped.append(Problem(shown, f"{shown}: 不是案例文件（既没有 case 也没有 sheets，如规则文件、清单或其他程序的文件）"))
            else:
                out.failures.append(Problem(shown, reword_path(str(exc), Path(item.path), shown),
                                            **_file_who(Path(item.path), str(exc), getattr(exc, "case", None))))
            return out
    else:
        _score_row(item.row, out)
        return out
    out.read = 1
    _score_case(case, shown, out)
    return out


def _source(item: _FileItem | _RowItem | _BlockItem | _FailedItem) -> str:
    """The input an item comes from, as `_ItemResult.source`."""
    return item.row.header.path if isinstance(item, _RowItem) else item.shown


def _score_row(row: TableRow, out: _ItemResult) -> None:
    got = _STATE["reader"].summary(row)  # the lean path, straight from the cells
    if isinstance(got, SheetSummary):
        out.read += 1
        out.sheets.append(got)
        return
    try:
        case = row_to_case(row, _STATE["library"])
    except ScoringError as exc:
        other = not_a_sheet(row)
        if other:
            out.skipped.append(Problem(row.where, f"{row.where}: {other}"))
        else:
            out.failures.append(Problem(row.where, str(exc), **_written_who(row)))
        return
    out.read += 1
    _score_case(case, row.where, out, line=row.line, traced=got is TRACED, columns=column_names(row, case))


def _written_who(row: TableRow) -> dict:
    """Who a row that could not be read is from, as its fixed cells write it (the case, the unit,
    the sheet, the region, a year that is one): the bureau sends it back without opening the table,
    as it does a case that failed (review DB B3)."""
    index = {name: i for i, name in enumerate(row.header.columns)}

    def cell(name: str) -> str:
        i = index.get(name)
        return row.cells[i].strip() if i is not None and i < len(row.cells) else ""

    year = cell("year")
    region = cell("region")
    return {"case_id": cell("case_id"), "unit": cell("unit"), "sheet_id": cell("sheet_id"),
            "region": region_text(region_parts(region)) if region else "",
            "year": int(year) if year.isascii() and year.isdigit() and len(year) == 4 else None}


def not_a_case(path: Path) -> bool:
    """A TOML/JSON file with neither `case` nor `sheets` is something else, skipped, when it holds
    what a rule file or a manifest holds or nothing a case file has (a pyproject.toml, a
    package.json); one that is empty, or whose keys are a case file's misspelt ([cas], [[sheet]]),
    is a submission that did not arrive whole, and fails."""
    import difflib

    data = _raw(path)
    if not isinstance(data, dict) or "case" in data or "sheets" in data:
        return False
    if any(k in data for k in OTHER_FILES):
        return True
    keys = [k for k in data if k != "format"]
    return bool(keys) and not any(difflib.get_close_matches(k, ("case", "sheets"), n=1, cutoff=0.6) for k in keys)


def _raw(path: Path) -> object:
    """A TOML/JSON file's data as read, before any case model; None where it cannot be read."""
    try:
        return read_json(path) if path.suffix.lower() == ".json" else read_toml(path)
    except ScoringError:
        return None


def _file_who(path: Path, why: str, read: dict | None = None) -> dict:
    """Who a case file that could not be used is from, as far as its [case] says (the case, the
    unit, 地区, 年度, and the sheet the problem is in): the failure's row names them as it does for
    a case that was read (review DS B4: a claim that is no number left them blank).  ``read``: the
    case as far as a workbook's heading was read before it was refused."""
    data = {"case": read} if read is not None else _raw(path) if path.suffix.lower() in (".toml", ".json") else None
    case = data.get("case") if isinstance(data, dict) else None
    if not isinstance(case, dict):
        return {}
    region, year = case.get("region"), case.get("year")
    parts = [r for r in region if isinstance(r, str) and r.strip()] if isinstance(region, list) else region_parts(_plain_text(region))
    who = {"case_id": _plain_text(case.get("id")), "unit": _plain_text(case.get("unit")), "region": region_text(parts) if parts else "",
           "year": year if isinstance(year, int) and not isinstance(year, bool) else None}
    at = _SHEET_AT.search(why)
    sheets = data.get("sheets")
    if at is not None and isinstance(sheets, list) and int(at[1]) < len(sheets) and isinstance(sheets[int(at[1])], dict):
        who["sheet_id"] = _plain_text(sheets[int(at[1])].get("id"))
    return who


# The sheet a case file's problem is in, as its key names it ("sheets[0].claims.execution")
_SHEET_AT = re.compile(r"\bsheets\[(\d+)\]")


def _plain_text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _score_case(case: Case, shown: str, out: _ItemResult, line: int = 0, traced: bool = False,
                columns: dict[str, str] | None = None) -> None:
    """Score each sheet of ``case`` into ``out``; ``columns``: a table row's keys by the columns
    they were read from (`column_names`), which a figure that cannot be read is named by."""
    library: RuleLibrary = _STATE["library"]
    lean: LeanEngine = _STATE["lean"]
    who = (case.case.id, case.case.unit or "")
    where = {"region": region_text(case.case.region), "year": case.case.year}
    for sheet_id, why in case._refused:  # could not be read at all; the file's other sheets are scored
        out.failures.append(Problem(f"{shown}#{sheet_id}", f"{shown}#{sheet_id}: {why}", *who, sheet_id, **where))
    for sheet in case.sheets:
        # One sheet at a time, so a sheet naming an unknown rule set does not cost its siblings.
        try:
            rules = sheet_rules(library, case, sheet, f"{shown}#{sheet.id}")
            if traced:
                out.sheets.append(lean.traced_summary(case, sheet, shown, library, line))
            else:
                out.sheets.append(lean.summary(case, sheet, shown, rules, library, line))
        except ScoringError as exc:
            said = str(exc)
            if columns and isinstance(exc, FileError):
                said = "\n".join(f"{p.path}: {columns.get(p.key, p.key)}: {p.message}" for p in exc.problems)
            out.failures.append(Problem(f"{shown}#{sheet.id}", said, *who, sheet.id, **where))
        except Exception as exc:  # noqa: BLE001 - one broken sheet must not stop a batch of thousands
            out.failures.append(Problem(f"{shown}#{sheet.id}", f"{shown}#{sheet.id}: 程序内部错误（请报告）：{type(exc).__name__}: {exc}",
                                        *who, sheet.id, **where))


def summarize(report: CaseReport, sd: SheetDiff, details: bool = False) -> SheetSummary:
    """The summary row of one sheet scored on the traced path; with ``details``, also its differing indicators."""
    summary = summary_of(report.path, report.case_id, report.unit, sd)
    if details:
        summary.details = _differing(sd)
    return summary


def _line(row) -> IndicatorLine:
    ind, c = row.result, row.comparison
    why = line_reason(row)
    if not why and ind.verifiable and ind.weight is not None and ind.computed == ind.weight:
        why = f"按规则应得满分 {fmt(ind.weight)} 分"  # nothing lost, so `reason` has nothing to say
    return IndicatorLine(ind.name, fmt(ind.weight) or "未印出", fmt(c.claimed) or "", line_computed(row) or "", delta_text(c), c.status, why)


def explain(sheets: list[SheetSummary], rules_dir: Path | str | None = None,
            sources: dict[str, Path] | None = None) -> list[tuple[IndicatorLine, ...]]:
    """The differing lines of each of ``sheets`` (in order), with the reason for each: the sheets
    are read again and re-scored on the traced path, which records what a reason needs.  A batch
    keeps one small summary row per sheet and never the explanations; a report asks for the few
    it shows, when it is written.  A sheet that can no longer be read or scored gets no lines.
    ``sources``: where the files shown by another name are (`BatchResult.sources`)."""
    sources = sources or {}
    library = load_rule_dir(rules_dir)
    engine = Engine()
    found: dict[int, tuple[IndicatorLine, ...]] = {}
    by_table: dict[str, dict[int, list[int]]] = {}
    for i, s in enumerate(sheets):
        if s.line:
            by_table.setdefault(s.path.rsplit(":", 1)[0], {}).setdefault(s.line, []).append(i)
            continue
        try:
            case, shown = load_case(sources.get(s.path, s.path))
            sheet = next(sh for sh in case.sheets if sh.id == s.sheet_id)
            single = case if len(case.sheets) == 1 else replace(case, sheets=[sheet])
            found[i] = _differing(report_loaded(single, shown, library, engine).sheets[0])
        except (ScoringError, StopIteration):
            continue
    labels = known_labels(library)
    for table, wanted in by_table.items():
        try:
            for entry in read_table(sources.get(table, table), labels):
                if isinstance(entry, TableRow) and entry.line in wanted:
                    try:
                        lines = _differing(report_loaded(row_to_case(entry, library), entry.where, library, engine).sheets[0])
                    except ScoringError:
                        continue
                    for i in wanted[entry.line]:
                        found[i] = lines
        except ScoringError:
            continue
    return [found.get(i, ()) for i in range(len(sheets))]


def _differing(sd: SheetDiff) -> tuple[IndicatorLine, ...]:
    return tuple(_line(r) for r in sd.indicators if r.comparison.status in DIFFERING)


# -- running -----------------------------------------------------------------------------------


def _items(inputs: list[InputFile], library: RuleLibrary, skipped: list[Problem], notices: list[Problem]) -> Iterator[_FileItem | _RowItem | _FailedItem]:
    """The work items of the inputs; a table's columns no rule set reads go to ``notices``, a table
    with no rows to ``skipped``."""
    base = 0
    labels = None  # a case table's headers may name inputs by label: the labels of every rule set, found for the first table
    for inp in inputs:
        if inp.kind == "case":
            yield _FileItem(str(inp.path), inp.shown, base + inp.size)
        else:
            if labels is None:
                labels = known_labels(library)
            try:
                blocks = 0
                for entry in read_blocks(inp.path, labels, inp.shown):
                    if isinstance(entry, TableBlock):
                        blocks += 1
                        yield _BlockItem(entry, base + entry.end)
                    elif entry.ignored:
                        # a table of thousands of stray columns is named by its first few (review CF D5)
                        names = "、".join(f"“{name}”" for name in entry.ignored[:_COLUMNS_NAMED])
                        if len(entry.ignored) > _COLUMNS_NAMED:
                            names += f"等 {len(entry.ignored)} 列"
                        notices.append(Problem(inp.shown, f"{inp.shown}: 列{names}不是固定列、“自评得分：”“发现问题数：”“所印比率：”列，"
                                                          "也不是任何规则集的输入名或输入标签，该列未读取（各行照常复核）"))
                if not blocks:
                    skipped.append(Problem(inp.shown, f"{inp.shown}: 表格只有表头，没有数据行"))
            except ScoringError as exc:
                yield _FailedItem(Problem(inp.shown, str(exc)), base + inp.size)
        base += inp.size


# The stray columns of a table named in the message that skips them; the rest are counted.
_COLUMNS_NAMED = 20


class _Shared:
    """One copy of each repeated value across summary rows: every row arrives from a worker with
    its own copies of the rule id, hash, statuses and totals, which a million rows cannot afford."""

    def __init__(self) -> None:
        self.strings: dict[str, str] = {}
        self.numbers: dict[str, Decimal] = {}
        self.years: dict[int, int] = {}

    def _number(self, value: Decimal | None) -> Decimal | None:
        # keyed by the written form: Decimal("98.6") and Decimal("98.60") are equal but print differently
        return None if value is None else self.numbers.setdefault(str(value), value)

    def received(self, sheets: list[SheetSummary] | Packed) -> Iterable[SheetSummary]:
        """An item's summaries, one copy of each repeated value among them all: unpacked where
        a worker packed them."""
        if type(sheets) is not Packed:
            return map(self.compact, sheets)
        return map(self._unpacked, sheets)

    def _unpacked(self, row: list) -> SheetSummary:
        numbers = self.numbers
        for i in NUMBERS_AT:
            text = row[i]
            if text.__class__ is str:  # a number written out by `pack` (anything else was sent as it was)
                value = numbers.get(text)
                if value is None:
                    value = numbers[text] = Decimal(text)
                row[i] = value
        return self._strings(SheetSummary(*row))

    def compact(self, s: SheetSummary) -> SheetSummary:
        """``s`` with one copy of each repeated value."""
        number = self._number
        s.claimed, s.computed, s.delta, s.unverified_weight = number(s.claimed), number(s.computed), number(s.delta), number(s.unverified_weight)
        return self._strings(s)

    def _strings(self, s: SheetSummary) -> SheetSummary:
        one = self.strings.setdefault
        s.sheet_id, s.title, s.rules, s.sha256 = one(s.sheet_id, s.sheet_id), one(s.title, s.title), one(s.rules, s.rules), one(s.sha256, s.sha256)
        s.unit, s.total_status, s.worst_status = one(s.unit, s.unit), one(s.total_status, s.total_status), one(s.worst_status, s.worst_status)
        if s.worst_severity is not None:
            s.worst_severity = one(s.worst_severity, s.worst_severity)
        s.grade, s.claimed_grade, s.region = one(s.grade, s.grade), one(s.claimed_grade, s.claimed_grade), one(s.region, s.region)
        if s.year is not None:
            s.year = self.years.setdefault(s.year, s.year)  # an int above 256 arrives as a new object every time
        if s.findings:
            s.findings = tuple((one(sev, sev), one(code, code), msg, where) for sev, code, msg, where in s.findings)
        return s


def _weigh(item) -> int:
    """A block of table rows is a worker's whole portion; any other item one of many."""
    return 1 << 16 if isinstance(item, _BlockItem) else 1


def _results(results: Iterator, jobs: int, initargs: tuple, timeout: float | None) -> Iterator:
    """The pool's results, with a block of table rows that crashed or hung its worker scored
    again one row at a time, so that only the row to blame is lost."""
    for result in results:
        if isinstance(result, Lost) and isinstance(result.item, _BlockItem):
            block = result.item
            rows: list = []
            try:
                rows.extend(_FailedItem(Problem(row.where, row.message), block.offset, shown=block.shown) if isinstance(row, TableProblem)
                            else _RowItem(row, block.offset) for row in block_rows(block.block))
            except ScoringError as exc:
                # the table stops here as it would have in the lost block: no later block is read
                rows.append(_FailedItem(Problem(block.shown, str(exc)), block.offset, stops=block.shown, shown=block.shown))
            yield from ordered_map(_score_item, rows, jobs, _init_worker, initargs, threshold=0, timeout=timeout)
            continue
        yield result


def order_summaries(sheets: list[SheetSummary]) -> None:
    """Sort in place by `sort_key`, in two stable passes that make no key objects: a million
    summaries would otherwise hold a million key tuples and negated deltas at once."""
    zero = Decimal(0)
    sheets.sort(key=lambda s: zero if s.delta is None else s.delta, reverse=True)  # ties keep the input order
    levels = len(SEVERITY_ORDER)
    sheets.sort(key=lambda s: 2 * (SEVERITY_ORDER[s.worst_severity] if s.worst_severity else levels) + (s.delta is None))


def sort_key(s: SheetSummary) -> tuple:
    """Most severe first; among equals, the claim furthest above the computed score first."""
    rank = SEVERITY_ORDER.get(s.worst_severity, len(SEVERITY_ORDER)) if s.worst_severity else len(SEVERITY_ORDER)
    if s.delta is None:
        return (rank, 1, Decimal(0), s.order)
    return (rank, 0, -s.delta, s.order)


def run_batch(
    paths: Iterable[Path | str],
    rules_dir: Path | str | None = None,
    jobs: int | None = None,
    on_progress: Callable[[int, int, int], None] | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    library: RuleLibrary | None = None,
) -> BatchResult:
    """Score every submission under ``paths``; the result is the same whatever ``jobs`` is.

    Each submission is scored in a worker process; one that crashes its worker or takes more than
    ``timeout`` seconds is reported as failed and the others are still scored (``timeout=None``
    with ``jobs=1`` scores in this process, unprotected).

    ``library``: the rules of ``rules_dir`` where the caller has loaded them already (`load_rule_dir`).
    ``on_progress(sheets_done, bytes_done, bytes_total)`` is called after each submission.
    Raises ScoringError if the rule folder itself cannot be read.
    """
    if library is None:
        library = load_rule_dir(rules_dir)  # fail here, once, rather than in every worker
    collected = collect(paths)
    try:
        result = _scored(collected, library, rules_dir, jobs, on_progress, timeout)
    except BaseException:  # an interrupted batch leaves nothing unpacked behind
        remove_folders(collected.unpacked)
        raise
    if collected.unpacked:
        weakref.finalize(result, remove_folders, collected.unpacked)
    return result


def _scored(collected: Collected, library: RuleLibrary, rules_dir, jobs: int | None, on_progress, timeout: float | None) -> BatchResult:
    """`run_batch` once its inputs are collected."""
    total_bytes = sum(i.size for i in collected.inputs)
    sheets: list[SheetSummary] = []
    failures = list(collected.failures)
    skipped = list(collected.skipped)
    read = 0
    jobs = default_jobs() if jobs is None else jobs
    initargs = (None if rules_dir is None else str(rules_dir), Inherited(library))
    shared = _Shared()
    notices: list[Problem] = []
    items = _items(collected.inputs, library, skipped, notices)
    stopped: set[str] = set()
    pooled = ordered_map(_score_item, items, jobs, _init_worker, initargs, timeout=timeout, weigh=_weigh)
    for result in _results(pooled, jobs, initargs, timeout):
        if isinstance(result, Lost):
            if _source(result.item) in stopped:
                continue  # a row of a lost block read again, past where its table stopped
            shown = result.item.shown if isinstance(result.item, _FileItem) else getattr(getattr(result.item, "row", None), "where", "?")
            failures.append(Problem(shown, f"{shown}: {result.reason}"))
            continue
        if result.source in stopped:
            continue  # read past a line the table could not be read beyond: as if never read
        if result.stopped:
            stopped.add(result.stopped)
        read += result.read
        for s in shared.received(result.sheets):
            s.order = len(sheets)
            sheets.append(s)
        failures.extend(result.failures)
        skipped.extend(result.skipped)
        if on_progress is not None:
            on_progress(len(sheets), result.offset, total_bytes)
    order_summaries(sheets)
    # every entry found counts, those refused or skipped on sight too ("共 N 个文件")
    found = len(collected.inputs) + len(collected.failures) + len(collected.skipped)
    return BatchResult(sheets, failures, skipped, found, read, collected.members, notices)
