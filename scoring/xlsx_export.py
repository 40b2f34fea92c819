"""The scored form as a workbook (`score/diff --format xlsx --out FILE.xlsx`): per sheet, every
row with claimed, computed, delta, status and its explanation; over-claims highlighted."""

from __future__ import annotations

from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from .numbers import fmt
from .render import SEVERITY_LABELS, STATUS_LABELS, TOOL, reason
from .results import CaseReport, IndicatorDiff
from .xlsx_template import keep_text

FILLS = {
    "over": PatternFill("solid", fgColor="F8CBAD"),
    "invalid": PatternFill("solid", fgColor="F4B084"),
    "under": PatternFill("solid", fgColor="DDEBF7"),
    "unverifiable": PatternFill("solid", fgColor="FFF2CC"),
}
_HEAD = PatternFill("solid", fgColor="D9D9D9")
_THIN = Side(style="thin", color="999999")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
COLUMNS = ["一级指标", "二级指标", "指标", "分值", "自评得分", "计算得分", "差额", "状态", "说明"]
WIDTHS = [12, 16, 30, 7, 9, 13, 8, 12, 70]


def scored_workbook(report: CaseReport) -> Workbook:
    """One worksheet per sheet of the case, then the findings."""
    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.creator = TOOL  # also in the file's properties, where a records system looks
    used: set[str] = set()
    for sd in report.sheets:
        ws = wb.create_sheet(_sheet_name(sd.sheet.title, used))
        r = sd.sheet.rules
        ws.append([f"{report.unit} —— {sd.sheet.title}"])
        ws.append([f"规则 {r.id}@{r.version}（sha256 {r.sha256}），{TOOL}"])
        ws["A1"].font = Font(bold=True, size=13)
        ws.append(COLUMNS)
        for i, width in enumerate(WIDTHS, 1):
            cell = ws.cell(row=3, column=i)
            cell.font, cell.fill, cell.border = Font(bold=True), _HEAD, _BORDER
            cell.alignment = Alignment(horizontal="center")
            ws.column_dimensions[get_column_letter(i)].width = width
        for row in sd.indicators:
            _row(ws, row)
        t = sd.total.comparison
        ws.append(["合计", "", "", _n(sd.total.weight), _n(t.claimed), _n(t.computed), _n(t.delta), STATUS_LABELS[t.status], ""])
        _style(ws, ws.max_row, t.status, bold=True)
        ws.freeze_panes = "A4"
        ws.print_options.gridLines = True
        ws.page_setup.orientation = "landscape"
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws = wb.create_sheet("发现")
    ws.append(["级别", "代码", "内容", "位置"])
    for i, width in enumerate([8, 22, 90, 50], 1):
        ws.cell(row=1, column=i).font = Font(bold=True)
        ws.column_dimensions[get_column_letter(i)].width = width
    for f in report.findings:
        ws.append([SEVERITY_LABELS[f.severity], f.code, f.message, f.where])
        for col in (3, 4):
            keep_text(ws.cell(row=ws.max_row, column=col))
        ws.cell(row=ws.max_row, column=3).alignment = Alignment(wrap_text=True, vertical="top")
        if f.severity == "error":
            ws.cell(row=ws.max_row, column=1).fill = FILLS["over"]
    return wb


def _row(ws, row: IndicatorDiff) -> None:
    ind, c = row.result, row.comparison
    group = list(ind.group) + ["", ""]
    if ind.interval or (c.computed is None and c.low is not None):
        computed = f"{fmt(c.low)}～{fmt(c.high)}"
    else:
        computed = _n(c.computed)
    explanation = reason(ind)
    ws.append([group[0], group[1], ind.name, _n(ind.weight), _n(c.claimed), computed, _n(c.delta), STATUS_LABELS[c.status], explanation])
    _style(ws, ws.max_row, c.status)
    for col in (6, 7):
        if isinstance(ws.cell(row=ws.max_row, column=col).value, (int, float)):
            ws.cell(row=ws.max_row, column=col).number_format = "0.00"
    # Spreadsheet programs don't grow a row for wrapped text on their own when opening a file;
    # about two CJK characters fill one unit of column width.
    lines = max(_lines(explanation, WIDTHS[8]), _lines(ind.name, WIDTHS[2]))
    ws.row_dimensions[ws.max_row].height = 15 * (lines + (1 if lines > 1 else 0))


def _lines(text: str, width: int) -> int:
    per_line = max(1, width // 2)
    return max(1, -(-len(text or "") // per_line))


def _style(ws, row: int, status: str, bold: bool = False) -> None:
    fill = FILLS.get(status)
    for col in range(1, len(COLUMNS) + 1):
        cell = ws.cell(row=row, column=col)
        keep_text(cell)
        cell.border = _BORDER
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if bold:
            cell.font = Font(bold=True)
        if fill is not None and col >= 3:
            cell.fill = fill


def _n(value: Decimal | None):
    """Numbers stay numbers in the sheet, so it can be sorted and summed.  This is the one place
    a score becomes a binary float: the workbook's own cell type; all arithmetic was done before."""
    if value is None:
        return None
    return float(value) if value != value.to_integral_value() else int(value)


def _sheet_name(title: str, used: set[str]) -> str:
    name = "".join(ch for ch in title if ch not in '[]:*?/\\')[:28] or "sheet"
    base, n = name, 2
    while name in used:
        name = f"{base[:25]}({n})"
        n += 1
    used.add(name)
    return name
