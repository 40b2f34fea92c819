"""Reading a workbook in the official form (a filled `scoring template`, or a scored workbook from
`scoring diff --format xlsx`) back into a case.

Each form sheet is found through the hidden 规则 sheet and read by the row keys in its hidden
column A and the header texts of its blocks.  Every cell that cannot be used is reported by sheet
and address (e.g. 项目支出绩效自评表!H12) with what was expected; all problems of a workbook are
reported together.  A sheet or header that is missing is named, never read as empty claims, and a
formula cell without a saved result says so instead of reading as blank.  Damage that would read
one line's cells as another's — a header swapped, a key typed over, copied or moved, a cell merged
under another — is reported where it is, never read around.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter

from ..cases.load import UNSUPPORTED_SUFFIXES
from ..cases.model import region_parts
from ..errors import FileError, FileProblem, ScoringError
from ..files.limits import MAX_SHEET_ROWS, MAX_WORKBOOK_BYTES, MAX_WORKBOOK_PARTS, MAX_WORKBOOK_UNPACKED, megabytes
from ..files.os_errors import describe
from ..files.reading import not_a_regular_file
from ..numbers import MAX_FIGURE_TEXT, NumberError, is_not_given, is_too_large, number_hint, to_decimal, written_year
from .form import (
    AUX_LABELS,
    BUDGET_HEADERS,
    BUDGET_LINES,
    DEDUCTION_HEADERS,
    EXTRA_GROUP_HEADER,
    GROUP_HEADERS,
    HEAD_LABELS,
    HEADERS,
    RATE_HEADERS,
    RATE_LABEL,
    SIGN_LABELS,
    SUBTOTAL_HEADERS,
    UNDISCLOSED,
    label_check,
    parse_key,
)
from .template import META, META_SHEET

# A weight or a claim as typed: "5", "4.5分", "＝5" (a formula's text is no figure until saved)
_POINTS = re.compile(r"[=＝]?\s*[-+－＋]?[0-9０-９]+(?:[.．][0-9０-９]+)?\s*分?")
# A figure typed with its unit ("253.87万元", "1,234,700 元"): kept as written, as a case file keeps it.
_WRITTEN_FIGURE = re.compile(r"[-+－＋]?[0-9０-９][0-9０-９,，.．]*\s*[^\s0-9０-９,，.．%％]{1,4}")

_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and any encrypted workbook
_SAVE_AS = "不支持此格式，请另存为 .xlsx"
_FORBIDDEN_XML = "含有被禁止的 XML 内容（实体或 DTD 声明），可能是恶意文件"

_ROW_FIELDS = {"name": "name", "nature": "nature", "target": "target", "unit": "unit", "actual": "actual", "rule": "rule",
               "deviation": "deviation", "source": "source", "note": "note"}
_SHARED_ROW_FIELDS = ("deviation", "source", "note")  # remarks one merged cell may give several rows

# Where each kind of row key belongs: the block it is in ("" before the first table, "end" after
# the total).  The order is the form's (form.FormWriter.write).
_TABLES = ("", "budget", "rows", "ind")
_KEY_PLACES = {
    "title": ("",), "subtitle": ("",), "head": ("",),
    "budget:head": _TABLES, "rows:head": _TABLES, "ind:head": _TABLES, "ded:head": _TABLES,
    "budget:total": ("budget",), "budget:fiscal": ("budget",), "row": ("rows",), "line": ("ind",), "ded": ("ded",),
    "total": ("rows", "ind", "ded"),
    "grade": ("end",), "sign": ("end",), "aux:title": ("end",), "aux": ("end",), "sub:title": ("end",), "sub:head": ("end",),
    "sub": ("sub",), "rate:title": ("sub",), "rate:head": ("sub",), "rate": ("rate",),
}
_ONCE = {"title", "subtitle", "total", "grade", "aux:title", "aux", "sub:title", "rate:title", "budget:total", "budget:fiscal"}
# What the form prints in column B of a keyed line whose label is fixed.
_KEY_LABELS = {"total": "总分", "grade": "等级", **{f"budget:{line}": label for line, (label, _) in BUDGET_LINES.items()}}
# Blocks whose lines are found only by key, and the columns whose content a line without one would lose.
_KEYED_BLOCKS = {
    "budget": BUDGET_HEADERS,
    "ind": (HEADERS["fig_value"], HEADERS["claim"]),
    "ded": (DEDUCTION_HEADERS["count"], DEDUCTION_HEADERS["claim"]),
}


def _key_names(kind: str, fields: dict[str, str]) -> list[tuple]:
    """What a row key names that only one row of a sheet may: a table, an indicator, a figure."""
    if kind in _ONCE or kind.endswith(":head"):
        return [(kind,)]
    names = [(field, fields[field]) for field in ("ind", "fig") if kind == "line" and fields.get(field)]
    if kind in ("ded", "row") and fields.get("id"):
        names.append((kind, fields["id"]))
    return names


_SOURCE_NOTE = (HEADERS["source"], HEADERS["note"])
# Each block's headers the importer reads: (required, optional).
_BLOCK_HEADERS = {
    "rows": ((HEADERS["name"], HEADERS["target"], HEADERS["actual"], HEADERS["weight"], HEADERS["claim"]),
             (*GROUP_HEADERS, EXTRA_GROUP_HEADER, HEADERS["nature"], HEADERS["unit"], HEADERS["rule"], HEADERS["converted"], HEADERS["deviation"],
              *_SOURCE_NOTE)),
    "ind": ((HEADERS["name"], HEADERS["fig_label"], HEADERS["fig_value"], HEADERS["weight"], HEADERS["claim"]),
            (HEADERS["fig_unit"], *_SOURCE_NOTE)),
    "budget": (BUDGET_HEADERS, ()),
    "ded": ((HEADERS["name"], DEDUCTION_HEADERS["count"], DEDUCTION_HEADERS["claim"]), _SOURCE_NOTE),
    "sub": (SUBTOTAL_HEADERS, ()),
    "rate": (RATE_HEADERS, ()),
}
# Each block's headers in the order every layout of the form prints them (form.grid); 指标类别,
# which repeats, and a formula table's 单位, whose place depends on the form, are left out.
_REVIEW = (HEADERS["computed"], HEADERS["delta"], HEADERS["status"], HEADERS["explain"], *_SOURCE_NOTE)
_HEADER_ORDER = {
    "rows": (*GROUP_HEADERS, *(HEADERS[k] for k in ("name", "nature", "target", "unit", "actual", "rule", "weight", "claim", "converted", "deviation")),
             *_REVIEW),
    "ind": (*GROUP_HEADERS, *(HEADERS[k] for k in ("name", "fig_label", "fig_value", "weight", "claim")), *_REVIEW),
    "budget": (*BUDGET_HEADERS, *_REVIEW),
    "ded": (*GROUP_HEADERS, HEADERS["name"], *DEDUCTION_HEADERS.values(), *_REVIEW),
    "sub": SUBTOTAL_HEADERS,
    "rate": RATE_HEADERS,
}


def _case_table_header(wb) -> tuple[str, int] | None:
    """The worksheet and row where a case table's header stands (its fixed columns 案例编号 and 单位, as a CSV case table
    has them), in the first rows of any worksheet; None where there is none."""
    from ..cases.table import FIXED_LABELS  # only for a workbook that is no template

    labels = {label for label, key in FIXED_LABELS.items() if key in ("case_id", "unit")}
    for ws in wb.worksheets:
        for number, row in enumerate(ws.iter_rows(max_row=10, values_only=True), start=1):
            cells = {str(v).strip() for v in row if v is not None}
            if labels <= cells or {"case_id", "unit"} <= cells:  # a header of labels, or of ids
                return ws.title, number
    return None


def read_workbook(path: Path | str, lines: dict | None = None) -> dict:
    """The case a workbook in the official form holds, as plain data for `Case.model_validate`;
    ``lines``, if given, gets each sheet's worksheet and the row each of its things was read from
    (by sheet id: ``(worksheet title, {"rows[0]": 12, "execution": 9, …})``)."""
    path = Path(path)
    shown = str(path)
    wb, formulas = _open(path, shown)
    if META not in wb.sheetnames:
        table = _case_table_header(wb)
        if table is not None:
            # a bureau's case table kept as a workbook: saved as CSV it is read as it is (review GB B6)
            raise ScoringError(f"{shown}: 这是案例表（工作表“{table[0]}”第 {table[1]} 行是它的表头），不是填报模板：请在 Excel 或 WPS 中"
                               "“另存为”CSV UTF-8（逗号分隔）文件，再用 scoring batch 复核（一行一张表）")
        # a unit's own workbook: what to do with it, in her words (review CC D1)
        raise ScoringError(f"{shown}: 不是本工具的填报模板或复核表（缺少隐藏的工作表“{META}”）：请先生成填报模板（网页“填报模板 (.xlsx)”，"
                           "或 scoring template 规则集），把表中的数字填进去，再读取")
    meta = [row for row in wb[META].iter_rows(values_only=True) if row and row[0]]
    listed = [row for row in meta if row[0] == META_SHEET and len(row) >= 4]
    if not listed:
        old = any(row[0] == "rules" for row in meta)
        raise ScoringError(f"{shown}: 工作表“{META}”中没有表的规则集编号" + ("——这是旧版模板，请用 scoring template 重新生成后再填写" if old else ""))
    case_id = next((_text(row[1]) for row in meta if row[0] == "case" and len(row) > 1), None)
    problems: list[FileProblem] = []
    case_info: dict[str, Any] = {}
    sheets = []
    for row in listed:
        title, sheet_id, rules = _text(row[1]), _text(row[2]) or "sheet", _text(row[3])
        if title not in wb.sheetnames:
            raise ScoringError(f"{shown}: 缺少工作表“{title}”（被删除或改名）；工作簿中有：{'、'.join(wb.sheetnames)}")
        if wb[title].max_row > MAX_SHEET_ROWS:
            raise ScoringError(f"{shown}: 工作表“{title}”有 {wb[title].max_row} 行，超过上限 {MAX_SHEET_ROWS} 行")
        reader = _FormReader(wb[title], formulas.get(title, {}), shown, problems)
        sheet, info = reader.read()
        sheet = {"id": sheet_id, **sheet, "rules": rules}
        sheets.append(sheet)
        if lines is not None:
            lines[sheet_id] = (title, reader.lines)
        for key, value in info.items():
            case_info.setdefault(key, value)
    _refuse_copied_forms(wb, [_text(row[1]) for row in listed], shown)
    unit, region = case_info.get("unit"), case_info.get("region") or []
    case = {"id": case_id or path.stem, "unit": unit, "region": region, "year": case_info.get("year"),
            "source": case_info.get("source") or f"Excel 工作簿 {path.name}"}
    if problems:
        error = FileError(shown, problems)
        # who it is from, as far as the form's heading was read: a batch names the unit to send it
        # back to, as for a case file (review EH B5)
        error.case = case
        raise error
    for key in ("evaluated", "department"):
        if case_info.get(key):
            case[key] = case_info[key]
    return {"case": case, "sheets": sheets}


def _refuse_copied_forms(wb, forms: list[str], shown: str) -> None:
    """A form sheet copied inside the workbook (Excel's “移动或复制 → 建立副本”: “项目支出绩效自评表 (2)”,
    filled for a second project) is no sheet the template lists: read, it would be scored under
    no rules; left unread without a word, a submission would be half-read (review BZ A3).  Told
    by its hidden column A, which holds the form's row keys."""
    keys = {title: {c.value for c in wb[title]["A"] if isinstance(c.value, str)} for title in forms if title in wb.sheetnames}
    for ws in wb.worksheets:
        if ws.title in keys or ws.title == META:
            continue
        column = [c.value for c in ws["A"][:_COPY_PROBE]]
        sources = [title for title, own in keys.items() if column and column[0] == "title" and len(own & set(column)) >= _COPY_KEYS]
        # a copy cell for cell (a clerk's backup, hidden or not) holds nothing the listed sheet does
        # not (review CA B6); one that differs, hidden too, may hold another project (review CB B2)
        if sources and not any(_same_cells(ws, wb[title]) for title in sources):
            raise ScoringError(
                f"{shown}: 工作表“{ws.title}”是复制出的表，未列入本模板，无法复核；一个模板只填它自己的表，"
                "另一个项目或另一张表请用 scoring template 另生成一个模板填写"
            )


def _same_cells(a, b) -> bool:
    return list(a.iter_rows(values_only=True)) == list(b.iter_rows(values_only=True))


_COPY_PROBE = 12  # the heading's and the budget block's keys are in the first rows
_COPY_KEYS = 4


def _open(path: Path, shown: str) -> tuple[Any, dict[str, dict[tuple[int, int], str]]]:
    """The workbook with the values its cells hold (a formula's saved result), and each sheet's
    formulas by (row, column) — after checking what it is and how much it unpacks to: a zip bomb
    or an XML bomb is refused before any XML is parsed."""
    import warnings

    import openpyxl
    from openpyxl import load_workbook

    if path.suffix.lower() in UNSUPPORTED_SUFFIXES:
        raise ScoringError(f"{shown}: {_SAVE_AS}（只能读取 scoring template 生成的 .xlsx 模板）")
    if not openpyxl.DEFUSEDXML:
        # defusedxml is a dependency; it is off only if removed or OPENPYXL_DEFUSEDXML=False
        raise ScoringError(f"{shown}: 拒绝读取工作簿：没有启用 defusedxml（XML 攻击防护）；请安装 defusedxml，并且不要设置 OPENPYXL_DEFUSEDXML=False")
    if path.exists() and not path.is_file():
        # a pipe would block, a device (a link to /dev/zero) has no end to its zip directory (review CF A2)
        raise ScoringError(f"{shown}: 无法读取文件（{not_a_regular_file(path)}）")
    try:
        size = path.stat().st_size
        with open(path, "rb") as handle:
            magic = handle.read(8)
    except OSError as exc:
        raise ScoringError(f"{shown}: 无法读取文件（{describe(exc)}）") from None
    if magic.startswith(_OLE2_MAGIC):
        raise ScoringError(f"{shown}: 这是旧版 .xls 或加密的工作簿，{_SAVE_AS}（不加密码）")
    if size > MAX_WORKBOOK_BYTES:
        raise ScoringError(f"{shown}: 工作簿超过 {megabytes(MAX_WORKBOOK_BYTES)} 的上限，拒绝读取（填好的模板通常只有几十 KB）")
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
            mimetype = archive.read("mimetype")[:100] if "mimetype" in archive.namelist() else b""
            if b"opendocument" in mimetype:
                raise ScoringError(f"{shown}: 这是 OpenDocument（.ods）表格，{_SAVE_AS}")
            unpacked = sum(part.file_size for part in parts)
            if len(parts) > MAX_WORKBOOK_PARTS or unpacked > MAX_WORKBOOK_UNPACKED:
                raise ScoringError(
                    f"{shown}: 工作簿解压后有 {unpacked} 字节、{len(parts)} 个部件，超过上限（{megabytes(MAX_WORKBOOK_UNPACKED)}、"
                    f"{MAX_WORKBOOK_PARTS} 个），拒绝读取（可能是“压缩炸弹”；填好的模板解压后约 100 KB）"
                )
            if any(_declares_dtd(archive, part) for part in parts):
                raise ScoringError(f"{shown}: 不是可读取的 Excel 工作簿（{_FORBIDDEN_XML}）；{_SAVE_AS}")
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise ScoringError(f"{shown}: 不是可读取的 Excel 工作簿（文件损坏，或是其他格式改了扩展名）；{_SAVE_AS}") from None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl's notes (unsupported extensions …) are English and not the user's concern
            values = load_workbook(path, data_only=True, read_only=False)
            # the formulas only say which empty cells are uncomputed formulas: read-only mode reads
            # them without laying out styles and merged cells, several times faster
            written = load_workbook(path, data_only=False, read_only=True)
            try:
                formulas = {ws.title: {(c.row, c.column): c.value for row in ws.iter_rows() for c in row if getattr(c, "data_type", None) == "f"}
                            for ws in written.worksheets}
            finally:
                written.close()
    except Exception as exc:  # openpyxl and defusedxml raise many types for a file that is not a workbook
        raise ScoringError(f"{shown}: 不是可读取的 Excel 工作簿（{_reason(exc)}）；{_SAVE_AS}") from None
    return values, formulas


def _declares_dtd(archive: zipfile.ZipFile, part: zipfile.ZipInfo) -> bool:
    """Whether an XML part declares a DTD or entities.  No Office part does; an XML bomb must.
    Checked here, before any parser sees it, because which parser openpyxl uses depends on what
    is installed (lxml, which python-docx brings, is used for some parts instead of defusedxml)."""
    if not part.filename.endswith((".xml", ".rels", ".vml")):
        return False
    with archive.open(part) as handle:  # read no more than the part's stated size (bounded above)
        data = handle.read()
    return b"<!DOCTYPE" in data or b"<!ENTITY" in data


def _reason(exc: Exception) -> str:
    cause: BaseException | None = exc
    while cause is not None:  # openpyxl wraps the parser's error in its own ValueError
        if type(cause).__module__.startswith("defusedxml"):
            return _FORBIDDEN_XML
        cause = cause.__cause__ or cause.__context__
    if isinstance(exc, KeyError):
        return "缺少必需的部件"
    # a cell's stored data broken (a shared-text index out of range, "NaN" as a number): the
    # exception's name says nothing to the person who sent it (review CF B6)
    return "内容已损坏，某些单元格的数据无法解析（文件在传送或保存时损坏，或被其他程序改写过）"


class _FormReader:
    """One form sheet: its rows by key, its blocks by header."""

    def __init__(self, ws, formulas: dict[tuple[int, int], str], shown: str, problems: list[FileProblem]):
        self.ws, self.formulas, self.shown, self.problems = ws, formulas, shown, problems
        self.merged: dict[tuple[int, int], tuple[int, int]] = {}
        self.ranges: dict[tuple[int, int], str] = {}  # the merged range each cell is in
        self.places: dict[str, tuple[int, int]] = {}  # where each heading field's value is
        self.spans: dict[tuple[int, int], int] = {}
        self.checked = False  # whether the sheet's keys carry label checks (made since they do)
        self.pair_rows: list[int] = []  # the label/value rows (heading, signature, auxiliary), set by `read`
        self.lines: dict[str, int] = {}  # the worksheet row each thing of the case was read from ("rows[2]", "execution")
        for rng in ws.merged_cells.ranges:
            self.spans[(rng.min_row, rng.min_col)] = rng.max_col
            for r in range(rng.min_row, rng.max_row + 1):
                for c in range(rng.min_col, rng.max_col + 1):
                    self.merged[(r, c)] = (rng.min_row, rng.min_col)
                    self.ranges[(r, c)] = rng.coord

    def problem(self, row: int, col: int, message: str) -> None:
        self.problems.append(FileProblem(self.shown, f"{self.ws.title}!{get_column_letter(col)}{row}", message))

    def covered(self, row: int, col: int) -> bool:
        """Whether the cell is merged into a range it is not the top left of."""
        return self.merged.get((row, col), (row, col)) != (row, col)

    def value(self, row: int, col: int, shared: bool = False) -> Any:
        """A cell's value.  A formula with no saved result is a problem, not a blank.

        A cell merged under another is read as its range's top left only where the form merges
        cells that way (``shared``: 一级/二级 labels over their rows, remarks).  Anywhere else the
        merge has swallowed what the cell held — Excel keeps only the top left — and the top
        left belongs to another line or column: reading it would fabricate, so it is a problem."""
        if self.covered(row, col) and not shared:
            self.problem(row, col, f"被合并进 {self.ranges[(row, col)]}（合并后只保留左上角的内容）：这里的内容无法读取，请取消合并后重新填写")
            return None
        r, c = self.merged.get((row, col), (row, col))
        value = self.ws.cell(row=r, column=c).value
        if value is None:
            written = self.formulas.get((r, c))
            if isinstance(written, str) and written.startswith("="):
                self.problem(r, c, f"是公式（{written[:40]}），但文件中没有保存计算结果：请在 Excel 或 WPS 中打开并保存，或直接填写数值")
        return value

    def text(self, row: int, col: int, shared: bool = False) -> str | None:
        cell = self.ws.cell(*self.merged.get((row, col), (row, col)))
        value = self.value(row, col, shared)
        if isinstance(value, (int, float)) and not isinstance(value, bool) and _percent_format(cell.number_format):
            # a rate typed as a percentage: 90.12%, as the form prints it; 100% is the whole number 1 (review CE B1)
            return _float_text(round(value * 100, 10)) + "%"
        if isinstance(value, (dt.date, dt.datetime)):
            return _date_text(value, cell.number_format)
        return _text(value)

    def number(self, row: int, col: int, undisclosed: bool = False, points: bool = False, count: bool = False) -> Decimal | None | str:
        """A cell's number; with ``undisclosed``, the mark for a figure not disclosed; with
        ``points`` (a claim, weight or total), "/" is a blank cell and "9.5分" is 9.5, as the case
        model reads them; with ``count`` (a count of findings), too large a number is refused at
        its cell, as a claim is."""
        value = self.value(row, col)
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if undisclosed and isinstance(value, str) and value.strip() == UNDISCLOSED:
            return UNDISCLOSED
        if points and (self.text(row, col) or "").strip().endswith(("%", "％")):
            self.problem(row, col, f"“{self.text(row, col)}”带百分号：得分和分值应写分数，不能写百分数")
            return None
        typed = value  # quoted as typed in a message ("满分", not what is left of it without its unit: review CC B3)
        if points and isinstance(value, str):
            if is_not_given(value):
                return None
            text = value.strip()
            if text.endswith("分") and len(text) > 1:
                value = text[:-1]
        if isinstance(value, bool):
            self.problem(row, col, f"应为数字，得到“{value}”")
            return None
        if isinstance(value, float):
            value = _float_text(value)
        try:
            number = to_decimal(value)
        except NumberError:
            # why, where a common slip explains it ("2,38": a comma as the decimal mark, review ES C4)
            why = number_hint(typed) if isinstance(typed, str) else ""
            self.problem(row, col, f"应为数字，得到“{typed}”" + (f"：{why}" if why else "") + (f"（文件未披露的数字填“{UNDISCLOSED}”）" if undisclosed else ""))
            return None
        if is_too_large(number) and (count or not undisclosed):
            # a claim, weight or count this large is a slip, named at its cell (the engine names only "findings.x":
            # test_workbook_mutations); an input figure is left to the engine, which reports it as an invalid
            # input, as it does for every other form of a case
            self.problem(row, col, f"数值 {value} 的绝对值达到或超过 {MAX_FIGURE_TEXT}，不是可信的数字")
            return None
        return number

    def weight(self, row: int, col: int) -> Decimal | None:
        """A printed weight (分值): `number` with ``points``, and below 0 a problem naming the cell,
        as any other cell that cannot be read (the case model would name only "rows[8].weight")."""
        weight = self.number(row, col, points=True)
        if isinstance(weight, Decimal) and weight < 0:
            self.problem(row, col, f"分值应大于或等于 0，得到 {weight}")
            return None
        return weight

    def comment(self, row: int, col: int) -> dict[str, str]:
        """The source and note written in a cell's comment ("来源：…", "说明：…")."""
        cell = self.ws.cell(*self.merged.get((row, col), (row, col)))
        out = {}
        if cell.comment is not None:
            for line in cell.comment.text.splitlines():
                for key, label in (("source", "来源："), ("note", "说明：")):
                    if line.startswith(label):
                        out[key] = line[len(label):].strip()
        return out

    def header(self, row: int, required: tuple[str, ...], optional: tuple[str, ...] = (), order: tuple[str, ...] = ()) -> dict[str, int] | None:
        """Header text → column of a block's header row.  A required header that is missing is a
        problem; so is one of ``order`` (the form's headers, left to right) found twice or out of
        its place — a swapped 分值/得分 would read weights as claims."""
        found: dict[str, int] = {}
        placed: list[tuple[int, str]] = []  # (column, header) of the form's headers, left to right
        for col in range(2, self.ws.max_column + 1):
            if self.merged.get((row, col), (row, col)) != (row, col):
                continue
            text = _text(self.ws.cell(row=row, column=col).value)
            if text in order and text in found:
                self.problem(row, col, f"表头“{text}”出现了两次（另一处在 {get_column_letter(found[text])}{row}）；这一部分无法读取")
                return None
            if text in order:
                placed.append((col, text))
            if text and text not in found:
                found[text] = col
        missing = [h for h in required if h not in found]
        if missing:
            self.problem(row, 2, f"表头缺少“{'”“'.join(missing)}”（被删除或改名）；这一部分无法读取")
            return None
        for (_, before), (col, text) in zip(placed, placed[1:]):
            if order.index(text) < order.index(before):
                self.problem(row, col, f"表头“{text}”不应在“{before}”之后（表头被移动或调换）；这一部分无法读取")
                return None
        return {h: c for h, c in found.items() if h in required or h in optional}

    def pairs(self, row: int, labels: dict[str, str]) -> dict[str, Any]:
        """Label/value pairs on a row: the value is the cell after the label's (merged) cell — or the
        one after that, where a column was inserted between them (review DW A4): the cell right
        after the label is empty and unmerged, and so is its column on every heading row (an empty
        value beside words further along is still empty: review DX A2)."""
        names = {v: k for k, v in labels.items()}
        out = {}
        col = 2
        while col <= self.ws.max_column:
            end = self.spans.get((row, col), col)
            text = _text(self.ws.cell(row=row, column=col).value)
            if text in names:
                at = end + 1
                held = _text(self.ws.cell(row=row, column=at + 1).value)
                if (_text(self.ws.cell(row=row, column=at).value) is None and (row, at) not in self.spans and held is not None
                        and held not in names and self._inserted(at)):
                    at += 1  # a column inserted between the label and its value, empty on every heading row
                out[names[text]] = (row, at)
                col = self.spans.get((row, at), at) + 1
                continue
            col = end + 1
        return out

    def _inserted(self, col: int) -> bool:
        """Whether column ``col`` is empty on every label/value row of the sheet (heading, signature,
        auxiliary), as a column inserted across the form is."""
        return all(_text(self.ws.cell(row=r, column=col).value) is None for r in self.pair_rows)

    # -- the sheet --------------------------------------------------------------------------------

    def read(self) -> tuple[dict, dict]:
        ws = self.ws
        sheet: dict[str, Any] = {"inputs": {}, "claims": {}, "findings": {}, "rows": [], "subtotals": [], "stated_rates": []}
        info: dict[str, Any] = {}
        keys = [(r, *parse_key(ws.cell(row=r, column=1).value)) for r in range(1, ws.max_row + 1)]
        self.pair_rows = [r for r, kind, _ in keys if kind in ("head", "sign", "aux")]
        self.checked = any("check" in fields for _, _, fields in keys)
        seen = {kind for _, kind, _ in keys}
        for needed, what in (("title", "表名"), ("head", "表头"), ("total", "总分行")):
            if needed not in seen:
                self.problem(1, 1, f"找不到{what}（隐藏的 A 列被改动或删除）；请使用 scoring template 生成的表")
                return sheet, info
        if not ({"rows:head", "ind:head"} & seen):
            self.problem(1, 1, "找不到绩效指标表的表头（隐藏的 A 列被改动或删除）")
            return sheet, info
        block, columns, main = "", None, None
        budget = None
        first: dict[tuple, int] = {}  # each key that names one thing → the row it is first on
        for r, kind, fields in keys:
            if kind and not self._key_fits(r, kind, fields, block, first):
                continue
            before = {key: len(sheet[key]) for key in ("rows", "subtotals", "stated_rates")}
            if kind.endswith(":head"):
                block = kind[:-5]
                columns = self._block_header(block, r)
                if block in ("rows", "ind"):
                    main = columns
                if block == "budget":
                    budget = columns
                if block == "ded" and columns and main:
                    columns = self._under_main(r, columns, main)
                continue
            if kind == "" and block in ("rows", "sub", "rate"):
                kind, fields = {"rows": "row"}.get(block, block), {"inserted": "1"}  # a line a person inserted into the table
            elif kind == "":
                if block in _KEYED_BLOCKS and columns:
                    self._keyless(r, block, columns)
                elif block == "end" and main:
                    self._below_total(r, main)
                continue
            if kind == "title":
                sheet["title"] = self.text(r, 2) or "自评表"
            elif kind in ("head", "sign", "aux"):
                self._pairs(kind, r, sheet, info)
            elif kind.startswith("budget:") and budget:
                self._budget(r, kind, fields, budget, sheet)
            elif kind == "row" and block == "rows" and columns:
                self._row(r, fields, columns, sheet)
            elif kind == "line" and block == "ind" and columns:
                self._line(r, fields, columns, sheet)
            elif kind == "ded" and columns:
                self._deduction(r, fields, columns, sheet)
            elif kind == "total":
                block, columns = "end", None  # the indicator tables end at the total
                claim = self.number(r, main[HEADERS["claim"]], points=True) if main else None
                if claim is not None:
                    sheet["claimed_total"] = {"score": claim, **self.comment(r, main[HEADERS["claim"]])}
            elif kind == "grade" and main:
                grade = self.text(r, main[HEADERS["claim"]])
                if grade:
                    sheet["claimed_grade"] = {"grade": grade, **self.comment(r, main[HEADERS["claim"]])}
            elif kind == "sub" and block == "sub" and columns:
                self._subtotal(r, fields, columns, sheet)
            elif kind == "rate" and block == "rate" and columns:
                self._rate(r, columns, sheet)
            self._note_lines(r, kind, fields, sheet, before)
        for key, what in (("unit", "单位名称"), ("region", "地区（如 四川省/遂宁市/安居区）")):
            if not info.get(key):
                row, col = self.places.get(key, (1, 2))
                self.problem(row, col, f"缺少{what}")
        return {k: v for k, v in sheet.items() if v not in ({}, [])}, info

    def _note_lines(self, r: int, kind: str, fields: dict, sheet: dict, before: dict[str, int]) -> None:
        """Remember the worksheet row of what line ``r`` gave (``before``: how many rows, subtotals
        and stated rates the sheet had): a finding is placed by the line a person sees in the
        workbook, not by the case's internal names."""
        lines = self.lines
        for key, count in before.items():
            if len(sheet[key]) > count:
                lines[f"{key}[{count}]"] = r
                if key == "rows":
                    lines[f"row{count + 1}"] = r  # a row without an id is named by its place
                    if sheet["rows"][count].get("id"):
                        lines.setdefault(sheet["rows"][count]["id"], r)
        if fields.get("ind"):  # an indicator's line: its claim, its printed weight
            for key in (fields["ind"], f"claims.{fields['ind']}", f"weights.{fields['ind']}"):
                lines.setdefault(key, r)
        if fields.get("fig"):  # a figure's line
            lines.setdefault(f"inputs.{fields['fig']}", r)
        if kind == "ded" and fields.get("id"):  # a deduction item's line: its count, its claim
            for key in (fields["id"], f"claims.{fields['id']}", f"findings.{fields['id']}"):
                lines.setdefault(key, r)
        for name in fields.get("in", "").split(","):  # the budget lines' figures
            if name:
                lines.setdefault(f"inputs.{name}", r)
        if kind.startswith("budget:"):
            lines.setdefault("inputs", r)
        if kind in ("total", "grade"):
            lines.setdefault("total", r)
            lines.setdefault("claimed_total", r)

    def _key_fits(self, r: int, kind: str, fields: dict, block: str, first: dict[tuple, int]) -> bool:
        """Whether row ``r``'s key is one the form has, where the form has it, once, on a row that
        prints what the key says.  Rows are found by these keys alone: a key typed over, moved or
        copied to another row would read that row's cells as another line's claims."""
        text = _text(self.ws.cell(row=r, column=1).value)
        if kind not in _KEY_PLACES:
            self.problem(r, 1, f"隐藏的 A 列中的行键“{text}”无法识别（A 列被改动）；请使用 scoring template 生成的表")
            return False
        if block not in _KEY_PLACES[kind]:
            self.problem(r, 1, f"隐藏的 A 列中的行键“{text}”不应在这里（A 列被改动，或行被移到了别处）；请使用 scoring template 生成的表")
            return False
        for name in _key_names(kind, fields):
            if name in first:
                self.problem(r, 1, f"隐藏的 A 列中的行键“{text}”与第 {first[name]} 行重复（行被复制，或 A 列被改动）；请使用 scoring template 生成的表")
                return False
            first[name] = r
        label = _KEY_LABELS.get(kind)
        printed = _text(self.ws.cell(row=r, column=2).value)
        if label is not None and printed != label:
            self.problem(r, 2, f"这一行印的是“{printed or ''}”，与隐藏的 A 列中的行键（{label}）不符（A 列被改动，或行被移动）；请使用 scoring template 生成的表")
            return False
        return True

    def _keyless(self, r: int, block: str, columns: dict[str, int]) -> None:
        """A row without a key inside a block whose lines are found by key: empty, it is a row a
        person inserted; holding a figure or a claim, its key was deleted and what it holds
        cannot be placed — dropping it would score the sheet without it."""
        for header in _KEYED_BLOCKS[block]:
            col = columns[header]
            if not self.covered(r, col) and _text(self.ws.cell(row=r, column=col).value) is not None:
                self.problem(r, 1, f"这一行填有内容（{get_column_letter(col)}{r}），但隐藏的 A 列没有行键（被删除或改动），无法确定它属于哪一项；请使用 scoring template 生成的表")
                return

    def _below_total(self, r: int, main: dict[str, int]) -> None:
        """A row added below the total holding a figure in the weight or claim column: the tables end
        at the total, and dropping a line there would score the sheet without it, its over-claim gone
        (review DW A5).  Words there are a signature or a note, laid out in those columns (review DX A1)."""
        for header in (HEADERS["weight"], HEADERS["claim"]):
            col = main.get(header)
            if col is None or self.covered(r, col):
                continue
            value = self.ws.cell(row=r, column=col).value
            text = _text(value)
            if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool) or (text and _POINTS.fullmatch(text)):
                self.problem(r, col, "这一行在总分行之下，分值或得分列填有数字，不属于任何指标表，无法读取；指标行请插在总分行之上")
                return

    def _under_main(self, r: int, columns: dict[str, int], main: dict[str, int]) -> dict[str, int] | None:
        """扣分项's columns are the indicator table's (三级指标, the figures' column, 得分), and its
        header row leaves the columns between blank: a header moved into a blank keeps its order
        but would read an empty column.  Each must stand where the table above has its own."""
        figures = HEADERS["fig_value"] if HEADERS["fig_value"] in main else HEADERS["actual"]
        for header, above in ((HEADERS["name"], HEADERS["name"]), (DEDUCTION_HEADERS["count"], figures), (DEDUCTION_HEADERS["claim"], HEADERS["claim"])):
            if columns[header] != main[above]:
                self.problem(r, columns[header], f"表头“{header}”应在 {get_column_letter(main[above])} 列，与上面指标表的“{above}”对齐（表头被移动）；这一部分无法读取")
                return None
        return columns

    def _block_header(self, block: str, r: int) -> dict[str, int] | None:
        if block not in _BLOCK_HEADERS:
            return None
        required, optional = _BLOCK_HEADERS[block]
        return self.header(r, required, optional, _HEADER_ORDER[block])

    def _pairs(self, kind: str, r: int, sheet: dict, info: dict) -> None:
        labels = {"head": HEAD_LABELS, "sign": SIGN_LABELS, "aux": AUX_LABELS}[kind]
        for key, (row, col) in self.pairs(r, labels).items():
            self.places[key] = (row, col)
            text = self.text(row, col)
            if key in ("unit", "department", "region", "source") and text:
                info[key] = region_parts(text) if key == "region" else text
            elif key == "year":
                if text:
                    try:
                        info["year"] = int(Decimal(written_year(text)))
                    except ArithmeticError:
                        self.problem(row, col, f"年度应为四位年份，得到“{text}”")
            elif key == "date":
                self._date(row, col, info)
            elif key == "complete":
                if text not in (None, "是", "否"):
                    self.problem(row, col, f"“是否完整”应为“是”或“否”，得到“{text}”")
                elif text == "否":
                    sheet["complete"] = False
            elif text:
                sheet[key] = text

    def _date(self, row: int, col: int, info: dict) -> None:
        value = self.value(row, col)
        if value in (None, ""):
            return
        if isinstance(value, dt.datetime):
            info["evaluated"] = value.date()
            return
        if isinstance(value, dt.date):
            info["evaluated"] = value
            return
        text = str(value).strip().replace("年", "-").replace("月", "-").replace("日", "").replace("/", "-").replace(".", "-")
        try:
            y, m, d = (int(p) for p in text.split("-"))
            info["evaluated"] = dt.date(y, m, d)
        except (ValueError, TypeError):
            self.problem(row, col, f"日期应写作 2025-03-31，得到“{value}”")

    def _budget(self, r: int, kind: str, fields: dict, columns: dict, sheet: dict) -> None:
        line = kind.split(":", 1)[1]
        if line not in BUDGET_LINES:
            return
        present = set(fields.get("in", "").split(","))
        for header, name in BUDGET_LINES[line][1].items():
            if name in present:
                self._figure(r, columns[header], name, sheet, self.comment(r, columns[header]))
        ind = fields.get("ind")
        if not ind:
            return
        weight = self.weight(r, columns["分值"])
        if weight is not None and fields.get("w") and weight != Decimal(fields["w"]):
            sheet.setdefault("weights", {})[ind] = weight
        claim = self.number(r, columns["得分"], points=True)
        if claim is not None:
            sheet["claims"][ind] = {"score": claim, **self.comment(r, columns["得分"])}
        rate = self.text(r, columns[RATE_LABEL])
        if rate:
            executed, budget = sheet["inputs"].get("executed", {}).get("value"), sheet["inputs"].get("budget", {}).get("value")
            if executed is None or budget is None:
                pass  # a figure left blank or undisclosed: the engine says so at the figure; the rate has nothing to be held against
            elif isinstance(executed, str) or isinstance(budget, str):
                pass  # a figure written with its unit or a mark: the rule set reads it; the rate is not held against it
            elif not (is_too_large(executed) or is_too_large(budget)):
                # a figure past the bound is reported by the engine as an invalid input, as in every
                # form of a case; the rate printed beside it is not checked against it
                sheet["stated_rates"].append({"label": RATE_LABEL, "stated": rate, "numerator": executed, "denominator": budget,
                                              **{k: v for k, v in self.comment(r, columns[RATE_LABEL]).items() if k == "source"}})

    def _figure(self, r: int, col: int, name: str, sheet: dict, extra: dict, percent: bool = False) -> None:
        """An input's cell into the case: a number, the undisclosed mark, or (kept as written, for
        the rule set's words to read) a figure with its unit or a not-given mark.  ``percent``: the
        line prints the unit %, so a number in a percentage-formatted cell is read as it shows."""
        cell = self.ws.cell(*self.merged.get((r, col), (r, col)))
        value = self.value(r, col)
        if percent and isinstance(value, (int, float)) and not isinstance(value, bool) and _percent_format(cell.number_format):
            # a percentage pasted from a spreadsheet (-0.05 shown as -5.00%) is -5, as it shows
            sheet["inputs"][name] = {"value": _float_text(round(value * 100, 10)), **extra}
            return
        if isinstance(value, str) and (_WRITTEN_FIGURE.fullmatch(value.strip()) or is_not_given(value)):
            # "253.87万元", "/": written as the form prints it, for the rule set's words to read
            sheet["inputs"][name] = {"value": value.strip(), **extra}
            return
        if not percent and isinstance(value, str) and value.strip().endswith(("%", "％")):
            # an amount typed as a percentage ("253.87%"): kept as written, so the case model sees the
            # sign and the engine reports it, as for a case file or a table row.  A number in a cell
            # formatted as a percentage is read as the number it is (the format copied from the 执行率
            # column beside it shows 40.73 as "4073%"; review W of session 25)
            sheet["inputs"][name] = {"value": value.strip(), **extra}
            return
        number = self.number(r, col, undisclosed=True)
        if number is None:
            return
        if number == UNDISCLOSED:
            sheet["inputs"][name] = {"undisclosed": True, **extra}
        else:
            sheet["inputs"][name] = {"value": number, **extra}

    def _extra(self, r: int, columns: dict) -> dict:
        out = {}
        for key in ("source", "note"):
            col = columns.get(HEADERS[key])
            text = self.text(r, col, shared=True) if col else None
            if text:
                out[key] = text
        return out

    def _printed_as_keyed(self, r: int, fields: dict, columns: dict, label_header: str | None) -> bool:
        """Whether line ``r`` prints what its key's check says (``label_check``): the name where
        the line prints it (the top left of the name cell) and its figure's label."""
        check = fields.get("check")
        if check is None:
            if self.checked:  # the other keys of the sheet carry checks: this one was typed in
                self.problem(r, 1, "隐藏的 A 列中的行键缺少校验码（A 列被改动）；请使用 scoring template 生成的表")
            return not self.checked  # a workbook made before keys carried checks is read as it was
        name_col = columns[HEADERS["name"]]
        name = "" if self.covered(r, name_col) else _text(self.ws.cell(row=r, column=name_col).value) or ""
        label = (_text(self.ws.cell(row=r, column=columns[label_header]).value) or "") if label_header else ""
        if label_check(name, label) == check:
            return True
        printed = "”“".join(t for t in (name, label) if t)
        self.problem(r, 1, f"这一行印的是“{printed}”，与隐藏的 A 列中的行键不符（A 列被改动，或行被移动）；请使用 scoring template 生成的表")
        return False

    def _line(self, r: int, fields: dict, columns: dict, sheet: dict) -> None:
        if not self._printed_as_keyed(r, fields, columns, HEADERS["fig_label"]):
            return
        name = fields.get("fig")
        if name:
            col = columns[HEADERS["fig_value"]]
            value = self.value(r, col)
            if isinstance(value, str) and value.strip() in ("是", "否"):
                sheet["inputs"][name] = {"value": value.strip() == "是", **self._extra(r, columns)}
            else:
                unit_col = columns.get(HEADERS["fig_unit"])
                percent = unit_col is not None and (_text(self.ws.cell(row=r, column=unit_col).value) or "").strip() in ("%", "％")
                self._figure(r, col, name, sheet, self._extra(r, columns), percent)
        ind = fields.get("ind")
        if ind:
            col = columns[HEADERS["claim"]]
            claim = self.number(r, col, points=True)
            if claim is not None:
                sheet["claims"][ind] = {"score": claim, **{k: v for k, v in self.comment(r, col).items() if k == "source"}}

    def _deduction(self, r: int, fields: dict, columns: dict, sheet: dict) -> None:
        ded = fields.get("id")
        if not ded or not self._printed_as_keyed(r, fields, columns, None):
            return
        count_col, claim_col = columns[DEDUCTION_HEADERS["count"]], columns[DEDUCTION_HEADERS["claim"]]
        count = self.number(r, count_col, undisclosed=True, count=True)
        extra = self._extra(r, columns)
        if count == UNDISCLOSED:
            sheet["findings"][ded] = {"undisclosed": True, **{k: v for k, v in extra.items() if k == "note"}}
        elif count is not None:
            if count < 0 or count != count.to_integral_value():
                self.problem(r, count_col, f"发现问题数应为非负整数，得到“{self.value(r, count_col)}”")
            else:
                sheet["findings"][ded] = {"value": count, **extra}
        claim = self.number(r, claim_col, points=True)
        if claim is not None:
            sheet["claims"][ded] = {"score": claim, **{k: v for k, v in self.comment(r, claim_col).items() if k == "source"}}

    def _row(self, r: int, fields: dict, columns: dict, sheet: dict) -> None:
        name_col = columns[HEADERS["name"]]
        group_cols = sorted(c for h, c in columns.items() if h in (*GROUP_HEADERS, EXTRA_GROUP_HEADER))
        values = {role: self.text(r, columns[HEADERS[role]], shared=role in _SHARED_ROW_FIELDS) for role in _ROW_FIELDS if HEADERS[role] in columns}
        weight = self.weight(r, columns[HEADERS["weight"]])
        claimed = self.number(r, columns[HEADERS["claim"]], points=True)
        converted = self.number(r, columns[HEADERS["converted"]], points=True) if HEADERS["converted"] in columns else None
        # a remark merged down over the rows below (偏差原因 shared by several lines) fills none of them: a
        # line with nothing else of its own is an empty one (review DW A3)
        own = (v for k, v in values.items() if k not in ("source", "note") and not (k in _SHARED_ROW_FIELDS and self.covered(r, columns[HEADERS[k]])))
        filled = any(own) or any(n is not None for n in (weight, claimed, converted))
        if not filled and (fields.get("blank") or fields.get("inserted")):
            return  # an empty line of a blank template (it keeps its group labels), or one a person inserted
        if not filled and not any(self.text(r, c, shared=True) for c in group_cols):
            return
        if filled and not values.get("name"):
            self.problem(r, name_col, "这一行填了内容，但缺少三级指标名称")
            return
        row: dict[str, Any] = {"group": [g for g in (self.text(r, c, shared=True) for c in group_cols) if g]}
        for key in ("id", "part_of"):
            if fields.get(key):
                row[key] = fields[key]
        for role, key in _ROW_FIELDS.items():
            if values.get(role):
                row[key] = values[role]
        row.setdefault("name", "")
        if weight is not None:
            row["weight"] = weight
        if claimed is not None:
            row["claimed"] = claimed
        if converted is not None:
            row["converted"] = converted
        sheet["rows"].append(row)

    def _subtotal(self, r: int, fields: dict, columns: dict, sheet: dict) -> None:
        group_col, claimed_col, weight_col, source_col = (columns[h] for h in SUBTOTAL_HEADERS)
        group = [g.strip() for g in (self.text(r, group_col) or "").split("/") if g.strip()]
        claimed, weight, source = self.number(r, claimed_col, points=True), self.weight(r, weight_col), self.text(r, source_col)
        if not group and claimed is None and weight is None and not source:
            return
        if not group:
            self.problem(r, group_col, "这一行填了内容，但缺少分组名称")
            return
        item: dict[str, Any] = {"group": group}
        if claimed is not None:
            item["claimed"] = claimed
        if weight is not None:
            item["weight"] = weight
        if fields.get("includes"):
            item["includes"] = fields["includes"].split(",")
        if source:
            item["source"] = source
        sheet["subtotals"].append(item)

    def _rate(self, r: int, columns: dict, sheet: dict) -> None:
        label_col, stated_col, num_col, den_col, source_col = (columns[h] for h in RATE_HEADERS)
        label, stated, source = self.text(r, label_col), self.text(r, stated_col), self.text(r, source_col)
        numerator, denominator = self.number(r, num_col), self.number(r, den_col)
        if not any((label, stated, source)) and numerator is None and denominator is None:
            return
        if not label or not stated or numerator is None or denominator is None:
            self.problem(r, label_col, "比率名称、所写比率、分子、分母都要填写")
            return
        sheet["stated_rates"].append({"label": label, "stated": stated, "numerator": numerator, "denominator": denominator,
                                      **({"source": source} if source else {})})


# What of a number format is shown as written: a quoted text ("%"), an escaped character (\%), a
# bracketed colour or condition ([Red]).
_FORMAT_LITERALS = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')


def _percent_format(number_format: str | None) -> bool:
    """Whether a cell's number format shows its number times 100 with a percent sign: "0.00%", not
    '0.00"%"' or "0\\%", which only print the sign after the number as typed (review DW A2)."""
    return bool(number_format) and "%" in _FORMAT_LITERALS.sub("", number_format)


def _date_text(value: dt.date | dt.datetime, number_format: str | None) -> str:
    """A date cell as it shows, to the precision its format shows: Excel and WPS make a date of a typed
    "2024年12月" (the 1st), "2024年" or "11-30" (this year's), and show only what was typed — the part
    not shown is no part of the figure (review DW A1).  A format showing a whole date, or none: the date."""
    day = value.date() if isinstance(value, dt.datetime) else value
    shown = _FORMAT_LITERALS.sub("", (number_format or "").lower())
    if shown in ("", "general", "@"):
        return day.isoformat()
    year, month, date = "y" in shown or "e" in shown, "m" in shown, "d" in shown
    if year and month and date:
        return day.isoformat()
    if year and month:
        return f"{day.year}年{day.month}月"
    if month and date:
        return f"{day.month}月{day.day}日"
    if year:
        return f"{day.year}年"
    return day.isoformat()


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, float):
        value = _float_text(value)
    if isinstance(value, (dt.date, dt.datetime)):
        value = value.date().isoformat() if isinstance(value, dt.datetime) else value.isoformat()
    text = str(value).strip()
    return text or None


def _float_text(value: float) -> str:
    # Excel stores a typed 253.87 as a double; its shortest repr gives back what was typed.
    text = repr(value)
    if "e" in text and value == value and abs(value) != float("inf"):
        # 1e+16: a figure typed in 元 where 万元 is asked, written out so that it is read as the
        # number it is and held to the bound every other form holds it to (review CF B2)
        text = format(Decimal(text), "f")
    return text[:-2] if text.endswith(".0") else text
