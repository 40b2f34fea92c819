"""The scored workbook (`scoring diff --format xlsx`): each sheet of the case in the official form
(`excel.form`) with the review columns beside the claims — 计算得分, 差额, 状态, 说明 — and the
over-claims highlighted, then the findings in plain Chinese.

It is itself a valid input: correct a claim and run `scoring diff` on it for the new verdict.
Ids, rule versions and hashes are kept in the hidden 规则 sheet and in hidden columns only.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

from ..cases.model import Case
from ..engine.results import CaseReport
from ..findings import finding
from ..output.labels import SEVERITY_LABELS, TOOL
from ..output.xml_text import xml_safe
from ..plain import dump
from ..rules.model import RuleSet
from .form import FONT, STATUS_FILLS, FormWriter, page_setup
from .template import sheet_name, write_meta

FINDINGS = "复核发现"
FINDING_COLUMNS = [("级别", 7), ("表", 22), ("位置", 30), ("内容", 90), ("代码", 4), ("原始位置", 4)]
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD = PatternFill("solid", fgColor="F2F2F2")


def scored_workbook(report: CaseReport, case: Case, rules_for: Callable[[str], RuleSet]) -> Workbook:
    """One form per sheet of the case, then the findings.  ``rules_for("id@version")`` gives the
    rule set a sheet was scored under."""
    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.creator = TOOL  # also in the file's properties, where a records system looks
    data = dump(case, "python", exclude_none=True)
    by_id = {s["id"]: s for s in data["sheets"]}
    used: set[str] = {FINDINGS}
    written = []
    rule_sets = {}
    for sd in report.sheets:
        r = sd.sheet.rules
        rule_set = rules_for(f"{r.id}@{r.version}")
        rule_sets[sd.sheet.id] = rule_set
        ws = wb.create_sheet(sheet_name(sd.sheet.title, used))
        FormWriter(ws, rule_set, data["case"], by_id[sd.sheet.id], review=sd).write()
        written.append((ws.title, sd.sheet.id, rule_set))
    _findings(wb.create_sheet(FINDINGS), report, rule_sets)
    write_meta(wb, report.case_id, written)
    wb.active = 0
    return wb


def _findings(ws, report: CaseReport, rule_sets: dict[str, RuleSet]) -> None:
    titles = {sd.sheet.id: sd.sheet.title for sd in report.sheets}
    ws.append([label for label, _ in FINDING_COLUMNS])
    for i, (_, width) in enumerate(FINDING_COLUMNS, start=1):
        letter = ws.cell(row=1, column=i).column_letter
        ws.column_dimensions[letter].width = width
        cell = ws.cell(row=1, column=i)
        cell.font, cell.fill, cell.border = Font(name=FONT, size=10, bold=True), _HEAD, _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center")
    for letter in ("E", "F"):  # technical: the finding's code and its place in the case file
        ws.column_dimensions[letter].hidden = True
    findings = report.findings or [finding("none", "未发现问题。", "")]
    for f in findings:
        sheet, place = finding_place(f.where, titles, rule_sets)
        ws.append([xml_safe(str(x)) for x in (SEVERITY_LABELS[f.severity], sheet, place, f.message, f.code, f.where)])
        row = ws.max_row
        for col in range(1, 7):
            cell = ws.cell(row=row, column=col)
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"
            cell.font = Font(name=FONT, size=10)
            cell.border = _BORDER
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        if f.severity == "error":
            ws.cell(row=row, column=1).fill = STATUS_FILLS["over"]
        lines = max(1, -(-_units(f.message) // 88), -(-_units(place) // 28))
        ws.row_dimensions[row].height = 13 * lines + 3
    ws.freeze_panes = "A2"
    page_setup(ws, f"A1:D{ws.max_row}", 1, footer=f"{report.unit} 复核发现　{TOOL}")
    ws.page_setup.orientation = "landscape"


def _units(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text or "")


_ROW = re.compile(r"^rows\[(\d+)\](?:\((.*)\))?$")
_ROW_LINE = re.compile(r"^row(\d+)$")  # a scored row's line, named by its place when it has no id
_ITEM = re.compile(r"^(subtotals|stated_rates)\[(\d+)\]")


def finding_place(where: str, titles: dict[str, str], rule_sets: dict[str, RuleSet]) -> tuple[str, str]:
    """Where a finding is, in words of the form: (the sheet's title, the line) — never a file
    path or an identifier."""
    if "#" not in where:
        return "", "规则文件" if where.endswith(".toml") else ""
    _file, rest = where.split("#", 1)
    sheet_id, _, detail = rest.partition(".")
    title = titles.get(sheet_id, sheet_id)
    rs = rule_sets.get(sheet_id)
    head, _, tail = detail.partition(".")
    m = _ROW.match(detail)
    if m:
        name = m.group(2)
        return title, f"绩效指标第 {int(m.group(1)) + 1} 行" + (f"“{name}”" if name else "")
    m = _ROW_LINE.match(detail)
    if m:
        return title, f"绩效指标第 {int(m.group(1))} 行"
    m = _ITEM.match(detail)
    if m:
        what = "分组小计" if m.group(1) == "subtotals" else "文中比率"
        return title, f"{what}第 {int(m.group(2)) + 1} 项"
    if detail.startswith(" "):
        return title, detail.strip().replace("claimed_total", "总分")
    if head == "inputs":
        decl = rs.inputs.get(tail) if (rs and tail) else None
        return title, f"数据“{decl.label}”" if decl else "数据"
    if head == "weights":
        ind = rs.indicator(tail) if rs else None
        return title, f"“{ind.name}”的分值" if ind else "分值"
    if head in ("claimed_total", "total"):
        return title, "总分"
    if head == "findings":
        return title, "扣分项"
    if head in ("year", "rules", "rows"):
        return title, {"year": "年度", "rules": "适用规则", "rows": "绩效指标"}[head]
    target = rs and (rs.indicator(head) or rs.deduction(head))
    if target:
        return title, f"“{target.name}”"
    return title, ""
