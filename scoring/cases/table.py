"""Case tables: one sheet per CSV row, for bureaus that collect submissions in a spreadsheet.

The columns are documented in README.md ("Case tables (CSV)").  A column is named by its id
(`case_id`, `budget_executed`) or as people read it: the fixed columns by their Chinese names
(`单位`, `地区` …) and inputs by the rule file's label, with or without its unit
(`财政拨款预算执行数（万元）`); claims and findings name the indicator or deduction item by id or
printed name (`claim:预算编制质量`).  `template_header` prints the header a bureau hands out.

A table is read as a stream — one row at a time, never the whole file — so a table of a million
sheets fits in memory.  Each row becomes an ordinary `scoring.Case` with one sheet and goes
through the same validation as a case file; a row that cannot be used is reported with its line,
and the rows after it are still read.
"""

from __future__ import annotations

import codecs
import csv
import itertools
import re
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from ..errors import ScoringError
from ..files.limits import MAX_TABLE_LINE_BYTES, megabytes
from ..files.os_errors import describe
from ..files.reading import display_path, garbled
from ..numbers import FLAGS, normalize_phrase, written_year
from ..plain import replace
from ..problems import pydantic_problems
from ..rules.library import RuleLibrary
from ..rules.model import RuleSet
from .model import Case, region_parts
from .schema import validate_case

# Columns with a fixed meaning; every other unprefixed column is an input of the rule set.
CASE_COLUMNS = ("case_id", "unit", "region", "year", "sheet_type", "rules", "sheet_id", "title", "claimed_total", "source")
# The fixed columns as a Chinese header names them.
FIXED_LABELS = {
    "案例编号": "case_id", "单位": "unit", "地区": "region", "年度": "year", "表类型": "sheet_type", "规则": "rules",
    "表编号": "sheet_id", "表名": "title", "自评总分": "claimed_total", "来源": "source",
}
_FIXED_NAMES = {column: label for label, column in FIXED_LABELS.items()}
_FIXED_BY_LOWER = {column: column for column in _FIXED_NAMES}
_PREFIXED = re.compile(r"^(claim|finding|stated_rate|自评得分|发现问题数|所印比率)\s*[:：]\s*", re.IGNORECASE)
# The prefixes as a header handed to finance staff writes them (the template's), each the same as
# its id: "自评得分：履职效能" is "claim:履职效能" (review BW D6: English in a sheet for finance staff)
_CHINESE_PREFIXES = {"自评得分": "claim", "发现问题数": "finding", "所印比率": "stated_rate"}
CLAIM_HEADING, FINDING_HEADING = "自评得分：", "发现问题数："
_RATE_PART = re.compile(r"\s*[:：]\s*(numerator|denominator|分子|分母)$")
_RATE_PARTS_CHINESE = {"分子": "numerator", "分母": "denominator"}
REQUIRED_COLUMNS = ("case_id", "unit", "region", "year")
RULE_COLUMNS = ("sheet_type", "rules")  # at least one: the sheet's type picks the rules in effect, or name them
CLAIM_PREFIX = "claim:"
FINDING_PREFIX = "finding:"
RATE_PREFIX = "stated_rate:"
# A column no rule set reads (a bureau's 备注, 审核人, 联系电话): kept under this prefix, read by nothing
IGNORED_PREFIX = "ignored:"
RATE_PARTS = ("numerator", "denominator")
# A cell saying the document does not disclose the figure (never the same as an empty cell).
UNDISCLOSED = frozenset({"undisclosed", "未披露"})
_INPUT_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_SNIFF_BYTES = 1 << 16
_SNIFF_ASCII_BYTES = 1 << 24  # how far an all-ASCII start is read on for a byte that tells the encoding


@dataclass(frozen=True)
class TableHeader:
    """A table's header, checked once: which column carries what."""

    path: str  # as shown in messages
    columns: tuple[str, ...]  # fixed columns by their id; inputs, claims and findings as written
    rates: tuple[str, ...]  # labels of the stated rates, in column order
    shown: tuple[str, ...] = ()  # the names as the header writes them, for messages
    ignored: tuple[str, ...] = ()  # the columns no rule set reads, as written (their cells are not read)

    def name(self, column: str) -> str:
        """A column as the table's header writes it."""
        return self.shown[self.columns.index(column)] if column in self.columns and self.shown else column


@dataclass(frozen=True)
class TableRow:
    """One data row as read: where it starts and its cells, not yet interpreted."""

    header: TableHeader
    line: int  # line of the file where the row starts (the header is line 1)
    cells: tuple[str, ...]
    offset: int  # bytes of the file read once this row was complete

    @property
    def where(self) -> str:
        return f"{self.header.path}:{self.line}"


@dataclass(frozen=True)
class TableProblem:
    """A record the csv module refuses (a quote not closed as CSV requires, a cell over its size
    limit): reported with the line it starts at, in place of its row; the table is read on from
    the next line."""

    header: TableHeader
    line: int
    message: str  # names the file and the line

    @property
    def where(self) -> str:
        return f"{self.header.path}:{self.line}"


def label_key(name: str) -> str:
    """A column's name as labels are compared: `normalize_phrase`, and brackets however typed
    ("(万元)" as most keyboards type it is "（万元）")."""
    return normalize_phrase(name).replace("(", "（").replace(")", "）")


def input_headers(rule_set: RuleSet) -> dict[str, str]:
    """Every way a header may name an input of ``rule_set`` as people read it — its label, and
    its label with the unit (`财政拨款预算执行数（万元）`) — folded by `label_key`, to the input's
    id."""
    out: dict[str, str] = {}
    for name, decl in rule_set.inputs.items():
        out[label_key(decl.label)] = name
        if decl.unit:
            out[label_key(f"{decl.label}（{decl.unit}）")] = name
    return out


class KnownLabels(frozenset):
    """The input labels a header may use besides ids (folded by `label_key`), and — to tell a
    column of the bureau's own from a slip in one meant for the rules — the printed names of
    the indicators and deduction items (``names``)."""

    names: frozenset = frozenset()


def known_labels(library: RuleLibrary) -> KnownLabels:
    """The input headers of every rule set in ``library``, folded: what a header may use besides
    ids; with the indicators' and deduction items' names."""
    known = KnownLabels(label for rule_set in library.rule_sets for label in input_headers(rule_set))
    known.names = frozenset(label_key(item.name) for rule_set in library.rule_sets for item in (*rule_set.indicators, *rule_set.deductions))
    return known


# Words ending the name of a column of scores: meant for the rules ("自评得分", "预算执行率得分"), where
# one beginning with them is the bureau's own ("自评日期", "得分说明", "扣分原因")
_SCORE_WORDS = ("得分", "分值", "总分", "扣分", "评分", "自评分")
_RATE_ENDING = re.compile(r"率(?:[（(][^（()）]*[)）])?$")


def _meant_for_the_rules(name: str, labels: Collection[str]) -> str | None:
    """Why a column in words that is no input label still looks meant for the rules (a claim
    typed without claim:, a label misspelt), naming what it is like; None for a column of the
    bureau's own (备注, 审核人, 联系电话)."""
    import difflib

    key = label_key(name)
    if key.endswith(_SCORE_WORDS):
        return "像是得分列：指标的自评得分请写“自评得分：指标名称”列，自评总分写“自评总分”列"
    names = getattr(labels, "names", frozenset())
    if key in names:
        return f"“{name}”是指标名称：它的自评得分请写“自评得分：{name}”列"
    if _RATE_ENDING.search(key):
        return "像是比率列：表中所印的比率请写“所印比率：名称”列，并给出“所印比率：名称：分子”“所印比率：名称：分母”两列"
    # a label or name nearly right ("全年执行额（万元）"), or one with a word added ("全年预算数合计"):
    # only against names long enough that being near them means something (not 单位, 地区, 来源)
    # (sorted: the labels are a set, and the message must not depend on its order)
    candidates = sorted({c for c in (*labels, *names, *FIXED_LABELS) if len(c) >= 4}, key=lambda c: (len(c), c))
    near = difflib.get_close_matches(key, candidates, n=3, cutoff=0.7) if len(key) >= 4 else []
    # ... or a label with a word left out ("执行数" for 全年执行数), where the label is little longer
    near = near or [c for c in candidates if c in key] or [c for c in candidates if len(key) >= 3 and key in c and len(c) <= len(key) + 3]
    if near:
        return f"与{'、'.join(f'“{c}”' for c in near[:3])}相近：是否写错了？"
    return None


def template_header(rule_set: RuleSet) -> list[str]:
    """The header of a case table for ``rule_set``, as a bureau hands it out: the fixed columns by
    their Chinese names, each input by its label and unit, a claim for every indicator and
    deduction item and a finding count for every deduction item, by printed name."""
    fixed = [_FIXED_NAMES[c] for c in ("case_id", "unit", "region", "year", "rules", "title", "claimed_total")]
    inputs = [f"{d.label}（{d.unit}）" if d.unit else d.label for d in rule_set.inputs.values()]
    claims = [f"{CLAIM_HEADING}{item.name}" for item in (*rule_set.indicators, *rule_set.deductions)]
    findings = [f"{FINDING_HEADING}{item.name}" for item in rule_set.deductions]
    return [*fixed, *inputs, *claims, *findings]


def parse_header(path: str, columns: list[str], labels: Collection[str] | None = None) -> TableHeader:
    """Check a header row; raises ScoringError naming every unusable column.

    ``labels`` (see `known_labels`) are the input labels a column may use instead of an id;
    without them only ids are accepted."""
    shown = [c.strip() for c in columns]
    if len(shown) == 1 and (";" in shown[0] or "\t" in shown[0]):
        separator = "分号" if ";" in shown[0] else "制表符"
        raise ScoringError(f"{path}: 表头只有一列，列之间用的是{separator}：请另存为“CSV（逗号分隔）”后再复核")
    # fixed columns by id whatever their letters' case ("CASE_ID"), or by their Chinese name; the
    # claim:/finding:/stated_rate: prefixes (or 自评得分：/发现问题数：/所印比率：) in any case and with either colon
    columns = [_PREFIXED.sub(lambda m: _CHINESE_PREFIXES.get(m[1], m[1].lower()) + ":", FIXED_LABELS.get(name, _FIXED_BY_LOWER.get(name.lower(), name)), count=1)
               for name in shown]
    # a stated rate's parts as a Chinese header writes them ("所印比率：执行率：分子", review CB C2)
    columns = [_RATE_PART.sub(lambda m: ":" + _RATE_PARTS_CHINESE.get(m[1], m[1]), name) if name.startswith(RATE_PREFIX) else name
               for name in columns]
    problems = []
    seen: dict[str, str] = {}
    rates: list[str] = []
    ignored: list[str] = []
    for i, (name, written) in enumerate(zip(columns, shown), start=1):
        if not name:
            problems.append(f"第 {i} 列没有列名")
            continue
        if name in seen:
            same = "" if seen[name] == written else f"（与“{seen[name]}”是同一列）"
            problems.append(f"列名“{written}”重复{same}")
        seen.setdefault(name, written)
        if name in CASE_COLUMNS:
            continue
        for prefix in (CLAIM_PREFIX, FINDING_PREFIX):
            if name.startswith(prefix) and not name[len(prefix):].strip():
                problems.append(f"列名“{name}”缺少指标 id 或名称")
        if name.startswith(RATE_PREFIX):
            label, _, part = name[len(RATE_PREFIX):].rpartition(":")
            if part not in RATE_PARTS:
                label = name[len(RATE_PREFIX):]
                if not label:
                    problems.append(f"列名“{name}”缺少比率名称")
                else:
                    rates.append(label)
        elif not name.startswith((CLAIM_PREFIX, FINDING_PREFIX)) and not _INPUT_NAME.match(name):
            if labels is None:
                problems.append(f"列名“{name}”既不是固定列，也不是“自评得分：”“发现问题数：”“所印比率：”列，也不是规则文件中的输入名或输入标签")
            elif label_key(name) not in labels:
                meant = _meant_for_the_rules(name, labels)
                if meant is not None:  # a slip in a column for the rules: refused naming it, never passed over
                    problems.append(f"列名“{name}”不是固定列、“自评得分：”“发现问题数：”“所印比率：”列，也不是输入名或输入标签；{meant}")
                    continue
                # a column of the bureau's own (备注, 审核人): said once, its cells not read; the rows are still scored
                ignored.append(written)
                columns[i - 1] = f"{IGNORED_PREFIX}{name}"
    for required in REQUIRED_COLUMNS:
        if required not in seen:
            problems.append(f"缺少必需的列“{required}”（{_FIXED_NAMES[required]}）")
    if not any(c in seen for c in RULE_COLUMNS):
        problems.append("缺少“sheet_type”（表类型）列——按地区和年度选用规则，或“rules”（规则）列——规则集 ID 或 ID@版本")
    for label in rates:
        for part in RATE_PARTS:
            if f"{RATE_PREFIX}{label}:{part}" not in seen:
                problems.append(f"比率“{label}”缺少列“所印比率：{label}：{'分子' if part == 'numerator' else '分母'}”")
    if problems:
        raise ScoringError(f"{path}: 表头：" + "；".join(problems))
    return TableHeader(path, tuple(columns), tuple(rates), tuple(shown), tuple(ignored))


def read_table(path: Path | str, labels: Collection[str] | None = None) -> Iterator[TableHeader | TableRow | TableProblem]:
    """Stream a case table: first its header, then each non-blank row in file order, and a
    `TableProblem` in place of a record the csv module refuses (the next line is read as the start
    of the next record).

    A line not in the file's encoding (a row pasted in from a file in another) is read with its
    bad bytes escaped, and its record is a `TableProblem` (`_undecodable`).  Raises ScoringError when
    the file cannot be opened or its header is unusable, and — after yielding every row before it
    — when a line is over the length limit.  ``labels``: as for `parse_header`.
    """
    path = Path(path)
    shown = display_path(path)
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise ScoringError(f"{shown}: 无法读取文件（{describe(exc)}）") from None
    with handle:
        encoding = _sniff_encoding(_head(handle), shown)
        handle.seek(0)
        lines = _DecodedLines(handle, encoding, shown)
        header: TableHeader | None = None
        titles: list[tuple[int, str]] = []
        for line, _, cells in _records(_Lines(lines), 1):
            if header is None:
                header = _header_of(shown, line, cells, labels, titles)
                if header is not None:
                    yield header
            elif cells.__class__ is str:
                yield TableProblem(header, line, _malformed(shown, line, cells))
            elif lines.undecodable and _undecodable_in(cells):
                yield TableProblem(header, line, _undecodable(shown, line, encoding))
            elif any(c.strip() for c in cells):  # a blank line is no submission
                yield TableRow(header, line, tuple(cells), lines.offset)
        if header is None:
            raise ScoringError(f"{shown}: 表格为空，没有表头")


def _header_of(shown: str, line: int, cells: list[str] | str, labels: Collection[str] | None,
               titles: list[tuple[int, str]]) -> TableHeader | None:
    """The header, from the table's first non-blank record; None for a blank line before it, or for
    a title above it (a record of one cell that is no header, "2024年度部门整体支出绩效自评汇总表":
    a bureau's spreadsheet prints one, review ES B5), which goes into ``titles`` and is said where
    the header that follows cannot be read either."""
    if cells.__class__ is str:  # no row can be read without the header
        raise ScoringError(f"{shown}:{line}: CSV 格式错误（{cells}），此后的行未读取")
    if not any(c.strip() for c in cells):
        return None
    if _undecodable_in(cells):
        raise ScoringError(f"{shown}:{line}: 表头有无法识别的字符（文件应为 UTF-8 或 GBK 编码），无法读取")
    if line == 1 and cells:
        cells[0] = cells[0].lstrip("\ufeff")
    while len(cells) > 1 and not cells[-1].strip():
        cells.pop()  # the empty cells Excel leaves past the last column: no column (review CB B1)
    filled = [c.strip() for c in cells if c.strip()]
    try:
        return parse_header(shown, cells, labels)
    except ScoringError as exc:
        if garbled(",".join(filled)):
            raise ScoringError(f"{shown}:{line}: 表头中的中文是乱码（UTF-8 文字被当作西文编码读入后又存了一次）：请用原文件重新导出") from None
        # a title alone, or with the unit beside it ("…汇总表", "单位：万元": review EZ B2)
        title = len(filled) == 1 or (len(filled) == 2 and filled[1].startswith(_UNIT_NOTES))
        if title and len(titles) < _TITLE_LINES and not any(mark in filled[0] for mark in (",", ";", "\t")):
            titles.append((line, filled[0]))
            return None
        if titles:
            skipped = "、".join(f"第 {n} 行“{text}”" for n, text in titles)
            raise ScoringError(f"{exc}（{skipped}只有一格，当作标题跳过，表头取自第 {line} 行）") from None
        raise


# Title lines a table may have above its header (a title, a line "单位：万元").
_TITLE_LINES = 2
_UNIT_NOTES = ("单位：", "单位:", "金额单位")


def _malformed(shown: str, line: int, problem: str) -> str:
    return f"{shown}:{line}: CSV 格式错误（{problem}），该行未读取"


# A byte not in the table's encoding is read as a lone surrogate (`bytes.decode(errors="surrogateescape")`),
# which no text in the encoding decodes to (a "\ufffd" written in the file is a character like any
# other, review CL B7): a record holding one is refused alone, and the table read on (review CF A5:
# it stopped the table)
_ESCAPED = re.compile("[\udc80-\udcff]")


def _undecodable_in(cells: list[str]) -> bool:
    return any(_ESCAPED.search(c) for c in cells)


def _undecodable(shown: str, line: int, encoding: str) -> str:
    return f"{shown}:{line}: 该行有不是 {encoding} 编码的字符，无法读取；该行未读取，其余各行照常复核"


class _RecordTooLong(Exception):
    """A record over lines has grown past what one line may hold."""


class _Lines:
    """The lines the csv module reads, keeping those of the record being read, so that a record
    it refuses can give back the lines after its first, to be read again (`give_back`).

    A line the source cannot give (over the length limit) ends the lines, as the end of the file
    would: the lines before it are still read as records (a quote open at it makes its record
    one the csv module refuses), then `stop` is raised."""

    __slots__ = ("source", "again", "alone", "lone", "record", "size", "asked", "ended", "stop")

    def __init__(self, source: Iterator[str]):
        self.source = source
        self.again: list[str] = []  # lines to read again, the next one last
        self.alone = 0  # how many of them, the next ones, are each a record of its own
        self.lone = False  # the record being read is one of those: it ends with its line
        self.record: list[str] = []
        self.size = 0
        self.asked = 0  # lines the csv module asked for in this record: more than one, a quote went on
        self.ended = False  # the lines ended in this record (the file, a refused line, a line read alone)
        self.stop: ScoringError | None = None

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        self.asked += 1
        if self.lone:
            self.ended = True
            raise StopIteration
        if self.again:
            text = self.again.pop()
            if self.alone:
                self.alone -= 1
                self.lone = True
        elif self.stop is not None:
            self.ended = True
            raise StopIteration
        else:
            try:
                text = next(self.source)
            except StopIteration:
                self.ended = True
                raise
            except ScoringError as exc:
                self.stop, self.ended = exc, True
                raise StopIteration from None
        self.record.append(text)
        self.size += len(text)
        if self.size > MAX_TABLE_LINE_BYTES and self.asked > 1:
            # a quote left open: without a bound, the rest of the file would become one record
            # (counted in characters: a record of lines each within the bytes a line may have)
            raise _RecordTooLong
        return text

    def taken(self) -> int:
        """A record was read: how many lines it took."""
        count = len(self.record)
        self.record, self.size, self.asked, self.lone, self.ended = [], 0, 0, False, False
        return count

    def give_back(self) -> bool:
        """A record was refused: the lines after its first are read again.  Those it took whole,
        inside a quote that went on, are read each as a record of its own (read again as they
        came, a line that closes a quote and opens another, `a","b`, would open a record as long
        as the one refused, and so on for each: quadratic); the line it was refused in, read
        again as it came.  Whether a quote in it went on past its first line."""
        over, record = self.asked > 1, self.record
        if over and len(record) > 1:
            whole = record[1:] if self.ended else record[1:-1]
            self.again.extend(reversed(record[1 + len(whole):]))
            self.again.extend(reversed(whole))
            self.alone += len(whole)
        self.record, self.size, self.asked, self.lone, self.ended = [], 0, 0, False, False
        return over


def _records(lines: _Lines, first: int) -> Iterator[tuple[int, int, list[str] | str]]:
    """The CSV records of ``lines``, the first at line ``first``, as (the line the record starts
    at, the line the next one starts at, its cells); for a record the csv module refuses, what is
    wrong with it instead of cells, and the next record starts on its second line.

    Every reader of a case table reads it through here, so that a table read whole and a table
    read in blocks give the same rows: a block ends where a record ends and no line is waiting
    to be read alone (``lines.alone == 0``).  What is wrong depends on the record's first line
    only (a quote open at its end, whatever the lines after it hold, is one problem), so that a
    block's end, cutting such a record short, does not change the words.  A line is read at
    most twice.  Raises the source's ScoringError after the records before its line."""
    line = first
    while True:
        reader = csv.reader(lines, strict=True)
        try:
            for cells in reader:
                following = line + lines.taken()
                yield line, following, cells
                line = following
            break
        except (csv.Error, _RecordTooLong) as exc:
            over = lines.give_back()
            yield line, line + 1, _QUOTE_NOT_CLOSED if over else _csv_problem(exc)
            line += 1
    if lines.stop is not None:
        raise lines.stop


BLOCK_BYTES = 1 << 19


@dataclass(frozen=True)
class TableBlock:
    """Consecutive lines of a table, as bytes, for a worker to read (`block_rows`): what a batch
    hands out instead of one row at a time.  A block ends where a record ends: at the end of a
    line, and never inside a quoted field that goes on in the next line."""

    header: TableHeader
    encoding: str
    first_line: int  # line of the file the block starts at
    data: bytes
    end: int  # bytes of the file read once this block is complete


def read_blocks(path: Path | str, labels: Collection[str] | None = None, shown: str | None = None) -> Iterator[TableHeader | TableBlock]:
    """Stream a case table as its header, then blocks of lines (`TableBlock`) that give, read by
    `block_rows`, the rows `read_table` gives.  Raises ScoringError as `read_table` does for the
    file and the header, naming the file ``shown`` (else as `display_path` shows it).  The file
    is opened when the first entry is asked for, and closed when the last has been given or the
    iterator is closed."""
    path = Path(path)
    shown = shown or display_path(path)  # a member of an archive: by its name in the archive
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise ScoringError(f"{shown}: 无法读取文件（{describe(exc)}）") from None
    yield from _blocks(handle, shown, labels)


def _blocks(handle, shown: str, labels: Collection[str] | None) -> Iterator[TableHeader | TableBlock]:
    with handle:
        encoding = _sniff_encoding(_head(handle), shown)
        handle.seek(0)
        lines = _DecodedLines(handle, encoding, shown)
        header = None
        titles: list[tuple[int, str]] = []
        for line, following, cells in _records(_Lines(lines), 1):  # as read_table reads the header
            header = _header_of(shown, line, cells, labels, titles)
            if header is not None:
                # a header read whole gives back no line: the file's next line is the record after it
                line = following
                break
        if header is None:
            raise ScoringError(f"{shown}: 表格为空，没有表头")
        yield header
        offset = lines.offset
        while True:
            data = handle.read(BLOCK_BYTES)
            if not data:
                return
            if not data.endswith(b"\n"):
                # to the end of the line, bounded: an endless line is refused by block_rows
                data += handle.readline(MAX_TABLE_LINE_BYTES + 1)
            if b'"' in data:
                data = _whole_records(data, handle, encoding, offset)
            offset += len(data)
            yield TableBlock(header, encoding, line, data, offset)
            line += data.count(b"\n")


def _whole_records(data: bytes, handle, encoding: str, offset: int) -> bytes:
    """``data`` (whole lines from the file's byte ``offset``, starting where a record starts),
    ending where a record of `_records` ends: with the lines after it that a quoted field open at
    its end goes on into (a cell written over several lines), and the handle put back at the
    block's end.  Where the lines cannot be read on (a line not in the encoding or too long, the
    end of the file), the block takes what was read: `block_rows` stops there with the same words."""
    lines = _lines_of(data)
    # lines before the first quote are records of their own: only a quote opens a field over lines
    first = data.count(b"\n", 0, data.find(b'"'))
    more: list[bytes] = []

    def texts() -> Iterator[str]:
        # the block's lines, then the file's while the records ask for them: each line decoded
        # once, and read at most twice (`_records`)
        for i in itertools.count(first):
            if i < len(lines):
                raw = lines[i]
            else:
                raw = handle.readline(MAX_TABLE_LINE_BYTES + 1)
                if not raw:
                    return
                more.append(raw)  # in the block even where refused: block_rows names it
            if len(raw) > MAX_TABLE_LINE_BYTES:
                return
            yield raw.decode(encoding, errors="surrogateescape")  # as block_rows reads it

    records = _Lines(texts())
    for _, following, _ in _records(records, first):
        if following >= len(lines) and not records.alone:
            # a record ends at or after the block's end: the block ends with it, and the lines
            # read past it (a refused record's, read again as the next block's) go back
            block = data + b"".join(more[:following - len(lines)])
            handle.seek(offset + len(block))
            return block
    return data + b"".join(more)


def block_rows(block: TableBlock) -> Iterator[TableRow | TableProblem]:
    """The rows of a block, as `read_table` gives them (a `TableProblem` for a record the csv
    module refuses or one with a line not in the file's encoding); raises ScoringError where it
    would (a line too long), after the rows before it."""
    shown = block.header.path
    physical = block.first_line - 1
    # a block with a quote is read by the csv module, line by line, as read_table reads it
    if len(block.data) <= MAX_TABLE_LINE_BYTES and b'"' not in block.data:
        # the common block: no line can be too long, and decoded at once unless some line is
        # not in the encoding (then line by line below, to name it); split at \n only, as a
        # file's readline splits it (\n is never part of a UTF-8 or GB18030 character), a \r
        # before it being the line's end as the csv module reads it
        try:
            text = block.data.decode(block.encoding)
        except UnicodeDecodeError:
            text = None
        if text is not None and "\r" in text:
            ends = text.count("\r\n")
            text = text.replace("\r\n", "\n") if text.count("\r") == ends else None  # a lone \r: the csv module decides
        if text is not None:
            lines = text.split("\n")
            if "\0" in text or max(map(len, lines)) > csv.field_size_limit():
                yield from _block_rows(block, lines)  # for the csv module's own message
                return
            # no quote in the block, so a record is its line split at the commas
            header, first, end = block.header, block.first_line, block.end
            for i, line in enumerate(lines):
                cells = line.split(",")
                for c in cells:
                    if c and not c.isspace():
                        yield TableRow(header, first + i, tuple(cells), end)
                        break
            return

    def decoded() -> Iterator[str]:
        nonlocal physical
        for raw in block.data.splitlines(keepends=True) if b"\r" not in block.data else _lines_of(block.data):
            physical += 1
            if len(raw) > MAX_TABLE_LINE_BYTES:
                raise _line_too_long(shown, physical)
            yield raw.decode(block.encoding, errors="surrogateescape")  # the record holding it refused alone

    yield from _block_rows(block, decoded())


def _block_rows(block: TableBlock, lines: Iterable[str]) -> Iterator[TableRow | TableProblem]:
    header, shown = block.header, block.header.path
    for line, _, cells in _records(_Lines(iter(lines)), block.first_line):
        if cells.__class__ is str:
            yield TableProblem(header, line, _malformed(shown, line, cells))
        elif _undecodable_in(cells):
            yield TableProblem(header, line, _undecodable(shown, line, block.encoding))
        elif any(c.strip() for c in cells):
            yield TableRow(header, line, tuple(cells), block.end)


def _line_too_long(shown: str, line: int) -> ScoringError:
    return ScoringError(f"{shown}:{line}: 该行超过 {megabytes(MAX_TABLE_LINE_BYTES)} 的上限，此后的行未读取")


def _lines_of(data: bytes) -> list[bytes]:
    """Lines split at \\n only, as a file's readline splits them (a lone \\r stays in its line)."""
    parts = data.split(b"\n")
    lines = [part + b"\n" for part in parts[:-1]]
    return lines + [parts[-1]] if parts[-1] else lines


def within(cells: tuple[str, ...], width: int) -> tuple[str, ...]:
    """A row's cells less the empty ones past the header's last column (Excel leaves them: nothing
    is in them); a row with something there, or too short, as it is."""
    if len(cells) > width and not "".join(cells[width:]).strip():
        return cells[:width]
    return cells


def row_to_case(row: TableRow, library: RuleLibrary | None = None) -> Case:
    """Turn one table row into a one-sheet case, validated like a case file.  With ``library``,
    input columns named by label are mapped to the ids of the row's rule set.

    Raises ScoringError naming the file, the line and the column.
    """
    header = row.header
    where = row.where
    cells = within(row.cells, len(header.columns))
    if len(cells) != len(header.columns):
        raise ScoringError(f"{where}: 该行有 {len(cells)} 列，表头有 {len(header.columns)} 列")
    cell = {name: value.strip() for name, value in zip(header.columns, cells)}
    for name in ("case_id", "unit"):
        if not cell.get(name):
            # whom the row is from: a sheet no one can be asked about is sent back, not scored (review DB B4)
            raise ScoringError(f"{where}: {header.name(name)}: 缺少必填项")
    for name in ("unit", "region", "title"):
        if garbled(cell.get(name, "")):
            # a row pasted from a file read in a Western code page, under a header of ids (review EZ B3)
            raise ScoringError(f"{where}: {header.name(name)}: 中文是乱码（UTF-8 文字被当作西文编码读入后又存了一次）：请用原文件重新导出")
    if "year" in cell:
        cell["year"] = written_year(cell["year"])
    inputs: dict[str, dict] = {}
    claims: dict[str, dict] = {}
    findings: dict[str, dict] = {}
    for name, value in cell.items():
        if not value or name in CASE_COLUMNS or name.startswith((RATE_PREFIX, IGNORED_PREFIX)):
            continue
        if name.startswith(CLAIM_PREFIX):
            claims[name[len(CLAIM_PREFIX):].strip()] = {"score": value}
        elif name.startswith(FINDING_PREFIX):
            findings[name[len(FINDING_PREFIX):].strip()] = _figure(value)
        else:
            inputs[name] = _figure(value)
    rates = []
    for label in header.rates:
        stated = cell[f"{RATE_PREFIX}{label}"]
        numerator = cell[f"{RATE_PREFIX}{label}:numerator"]
        denominator = cell[f"{RATE_PREFIX}{label}:denominator"]
        if not (stated or numerator or denominator):
            continue
        if not (stated and numerator and denominator):
            raise ScoringError(f"{where}: 比率“{label}”：所述比率、分子、分母三列须同时填写")
        rates.append({"label": label, "stated": stated, "numerator": numerator, "denominator": denominator, "source": f"{where} {RATE_PREFIX}{label}"})
    sheet: dict = {
        "id": cell.get("sheet_id") or "sheet",
        "title": cell.get("title") or "",
        "sheet_type": cell.get("sheet_type") or None,
        "rules": cell.get("rules") or None,
        "inputs": inputs,
        "claims": claims,
        "findings": findings,
        "stated_rates": rates,
    }
    if cell.get("claimed_total"):
        sheet["claimed_total"] = {"score": cell["claimed_total"], "source": f"{where} claimed_total"}
    data = {
        "case": {
            "id": cell["case_id"],
            "unit": cell["unit"],
            "region": region_parts(cell["region"]),
            "year": cell["year"],
            "source": cell.get("source") or f"表格 {where}",
        },
        "sheets": [sheet],
    }
    try:
        case = validate_case(data)
    except ValidationError as exc:
        problems = pydantic_problems(where, exc)
        raise ScoringError("；".join(f"{where}: {header.name(_column_of(p.key))}: {p.message}" for p in problems)) from None
    if library is not None and any(not _INPUT_NAME.match(name) for name in inputs):
        case = _labels_to_ids(case, library, where)
    return case


# What a bureau's spreadsheet writes in a row that is no sheet: a total at its foot.
_TOTAL = re.compile(r"(合计|小计|总计|共计)(?:[:：]|[（(][^）)]*[）)])?$")
# How a note at a table's foot begins.
_NOTES = ("填表说明", "说明", "注：", "注:", "注1", "注 ", "备注", "附注", "填表人", "填报人", "审核人", "制表", "单位：", "单位:", "金额单位", "数据来源")


def not_a_sheet(row: TableRow) -> str:
    """Why a row that cannot be read is no submission at all — a total ("合计" where the case id
    goes, no unit) or a note ("填表说明：金额单位为万元", one cell filled, saying it is one) at a
    table's foot — or "" (review ES C5): passed over, not failed."""
    filled = [c.strip() for c in row.cells if c.strip()]
    index = {name: i for i, name in enumerate(row.header.columns)}
    case_id, unit = ((row.cells[i].strip() if i is not None and i < len(row.cells) else "") for i in map(index.get, ("case_id", "unit")))
    # the total where the case id goes with no unit, or where the unit goes with no case id ("合计", "合 计", "合计：",
    # "合计（万元）")
    written = unit if not case_id else case_id if not unit else ""
    if _TOTAL.match("".join(written.split())):
        return f"该行是表中的“{written}”，不是一张表，已跳过"
    if unit:
        return ""
    # a note says what it is ("填表说明：", "注：", "单位：万元", "填表人：… 审核人：…"); a row squeezed into one cell,
    # or a case id with nothing else, is a unit's sheet that cannot be read, and fails (review EU A2, B1)
    if filled and all(cell.startswith(_NOTES) for cell in filled) and not any(mark in cell for cell in filled for mark in (",", ";", "\t")):
        return f"该行只有说明（“{filled[0][:40]}”），不是一张表，已跳过"
    return ""


def case_at_line(path: Path | str, line: int, library: RuleLibrary | None = None) -> tuple[Case, str]:
    """The case of the table row starting at ``line`` of the file (as a batch names it: "汇总.csv:18"),
    and the row as shown: `diff`, `score` and `explain` take one row of a bureau's table as they take a
    case file (review GB B1).  Raises ScoringError naming the file and the line where there is no such
    row or it cannot be read, as the batch says it."""
    shown = display_path(Path(path))
    rows: list[int] = []
    for entry in read_table(path, known_labels(library) if library is not None else None):
        if isinstance(entry, TableHeader):
            continue
        if entry.line == line:
            if isinstance(entry, TableProblem):
                raise ScoringError(entry.message)
            try:
                return row_to_case(entry, library), entry.where
            except ScoringError:
                other = not_a_sheet(entry)
                if other:  # a total or a note at the table's foot, as the batch passes it over
                    raise ScoringError(f"{entry.where}: {other.removesuffix('，已跳过')}") from None
                raise
        rows.append(entry.line)
    span = f"表中各行从第 {rows[0]} 行到第 {rows[-1]} 行" if rows else "表中除表头外没有行"
    raise ScoringError(f"{shown}: 第 {line} 行不是表中一行的开头（{span}；行号如 scoring batch 的汇总所列，表头所在的行之后）")


def column_names(row: TableRow, case: Case) -> dict[str, str]:
    """The keys a problem with ``row``'s case names (``inputs.budget_executed``,
    ``findings.funds_use``) by the columns they were read from, as the table's header writes them
    ("财政拨款预算执行数（万元）"): what the bureau finds in the table (reviews DR B2, DS B3)."""
    header = row.header
    written = [name for name, value in zip(header.columns, within(row.cells, len(header.columns))) if value.strip()]
    inputs = [name for name in written if name not in CASE_COLUMNS and not name.startswith(_NOT_INPUTS)]
    keys = list(case.sheets[0].inputs) if case.sheets else []
    named = {f"inputs.{key}": header.name(name) for key, name in zip(keys, inputs)} if len(keys) == len(inputs) else {}
    named.update((f"findings.{name[len(FINDING_PREFIX):].strip()}", header.name(name)) for name in written if name.startswith(FINDING_PREFIX))
    return named


# Columns of a row that are no input (`row_to_case`)
_NOT_INPUTS = (RATE_PREFIX, IGNORED_PREFIX, CLAIM_PREFIX, FINDING_PREFIX)


def _labels_to_ids(case: Case, library: RuleLibrary, where: str) -> Case:
    """Rename the inputs a row names by label to the ids of the rule set the row is scored under.
    A row whose rules cannot be chosen is left as it is: scoring it reports why."""
    from ..review.pipeline import choose_rules

    sheet = case.sheets[0]
    try:
        rule_set = choose_rules(library, case, sheet)
    except ScoringError:
        return case
    by_label = input_headers(rule_set)
    inputs: dict = {}
    given: dict[str, str] = {}
    problems = []
    for name, figure in sheet.inputs.items():
        key = name if name in rule_set.inputs else by_label.get(label_key(name), name)
        if key in given:
            problems.append(f"{where}: {name}: 与列“{given[key]}”是同一个输入（{key}）")
        given.setdefault(key, name)
        inputs[key] = figure
    if problems:
        raise ScoringError("；".join(problems))
    return replace(case, sheets=[replace(sheet, inputs=inputs)])


# The csv module's messages, in the words of the rest of the tool.
_CSV_PROBLEMS = (
    ("field larger than field limit", "单元格过长（超过 128 KB）"),
    ("new-line character seen in unquoted field", "未加引号的单元格中有换行符"),
    ("expected after", "右引号后应紧跟逗号或换行"),
    ("line contains nul", "行中有空字符（NUL），可能不是文本文件"),
)


# A quote open at the end of a record's first line, whatever followed (the end of the file, a
# character after the closing quote, a cell or a record grown past its limit): the one problem it
# is, as the lines after the first may be cut short by a block's end.
_QUOTE_NOT_CLOSED = "引号内的内容从这一行跨到后面的行后无法读取：引号没有正确闭合，或内容过长"


def _csv_problem(exc: csv.Error) -> str:
    text = str(exc)
    return next((chinese for english, chinese in _CSV_PROBLEMS if english in text.lower()), "无法解析")


def _figure(value: str) -> dict:
    if value.lower() in UNDISCLOSED:
        return {"undisclosed": True}
    flag = FLAGS.get(value.lower())
    return {"value": flag if flag is not None else value}


def _column_of(key: str) -> str:
    """Name the column a case-model key came from, so the message points into the table."""
    parts = key.split(".")
    if parts[0] == "case" and len(parts) > 1:
        return {"id": "case_id"}.get(parts[1], parts[1])
    if parts[0].startswith("sheets[") and len(parts) > 1:
        kind = parts[1]
        rest = parts[2] if len(parts) > 2 else ""
        if kind == "inputs":
            return rest or "inputs"
        if kind == "claims":
            return f"{CLAIM_PREFIX}{rest}"
        if kind == "findings":
            return f"{FINDING_PREFIX}{rest}"
        if kind == "id":
            return "sheet_id"
        return kind
    return key


def _head(handle) -> bytes:
    """The start of a table to tell its encoding by: its first bytes, and where those are all ASCII
    (a header and figures), the first lines holding more, up to a bound (a GBK table whose first
    64 KB hold no Chinese was read as UTF-8, every later row refused: review CL B5)."""
    head = handle.read(_SNIFF_BYTES)
    read = len(head)
    while head.isascii() and read < _SNIFF_ASCII_BYTES:
        more = handle.read(_SNIFF_BYTES)
        if not more:
            break
        read += len(more)
        if not more.isascii():
            # from the line holding the first byte past ASCII: a whole character starts there
            at = next(i for i, b in enumerate(more) if b >= 0x80)
            start = more.rfind(b"\n", 0, at) + 1
            return more[start:]
    return head


def _sniff_encoding(head: bytes, shown: str) -> str:
    """UTF-8 (with or without BOM), else GB18030 — as case files are read.  When the start of the
    file is neither, UTF-8 is assumed and the first line that is not says so.  UTF-16 (Excel's
    "Unicode 文本") is refused naming what to save it as."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8"  # the BOM itself is dropped from the first line
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ScoringError(f"{shown}: 这是 UTF-16 编码的文本（Excel、WPS 的“Unicode 文本”），不是 CSV：请另存为“CSV UTF-8（逗号分隔）”后再复核")
    if b"\r" in head and b"\n" not in head:
        # lines ended by CR alone ("CSV (Macintosh)"): read by \n, the table would be one line
        # with line breaks in its cells, every row lost as one failure (review CF B7)
        raise ScoringError(f"{shown}: 各行以 CR 结尾（旧版 Mac 的“CSV (Macintosh)”格式），无法分行读取：请另存为“CSV UTF-8（逗号分隔）”后再复核")
    for encoding in ("utf-8", "gb18030"):
        try:
            codecs.getincrementaldecoder(encoding)().decode(head, final=False)
            return encoding
        except UnicodeDecodeError:
            continue
    # neither reads it all (a row pasted in from the other encoding): the header's, where one reads
    # that line (review CL B6: a GBK header beside a UTF-8 row was refused as undecodable)
    first = head.split(b"\n", 1)[0]
    for encoding in ("utf-8", "gb18030"):
        try:
            first.decode(encoding)
            return encoding
        except UnicodeDecodeError:
            continue
    return "utf-8"


class _DecodedLines:
    """A binary file's lines decoded one at a time, counting the bytes consumed (for progress)."""

    def __init__(self, handle, encoding: str, shown: str):
        self.handle = handle
        self.encoding = encoding
        self.shown = shown
        self.offset = 0
        self.line = 0
        self.undecodable = False  # a line not in the encoding was met: rows are looked at for it

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        raw = self.handle.readline(MAX_TABLE_LINE_BYTES + 1)
        if not raw:
            raise StopIteration
        self.offset += len(raw)
        self.line += 1
        if len(raw) > MAX_TABLE_LINE_BYTES:
            # read in bounded pieces: one endless line must not fill the memory
            raise _line_too_long(self.shown, self.line)
        try:
            text = raw.decode(self.encoding)
        except UnicodeDecodeError:
            text = raw.decode(self.encoding, errors="surrogateescape")  # the record holding it is refused alone
            self.undecodable = True
        return text.lstrip("\ufeff") if self.line == 1 else text
