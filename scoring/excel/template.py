"""Fill-in workbooks for a rule set (`scoring template`): the official form, blank or filled from
a case (the same workbook a unit would hand in).

Sheets: the form itself (`excel.form`: heading, budget, indicator table, 扣分项, 总分 and 等级,
signatures; below the print area whether the sheet is complete, its source, group subtotals and
stated rates), 填写说明, and the hidden 规则 sheet: the case and sheet ids, each form sheet's
rule set (id@version and sha256), so an import is scored by the same rules, and the version of the
tool that made the workbook.

Figures and claims are text cells, so "9.20" keeps the two decimals it is claimed at; a data
validation still refuses anything that is not a number.
"""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from .. import __version__
from ..output.labels import TOOL
from ..rules.model import RuleSet
from .form import UNDISCLOSED, FormWriter, page_setup

META, HELP = "_规则", "填写说明"
# The rows of the hidden sheet: ("scoring", version), ("case", id), then one ("sheet", worksheet,
# sheet id, rules id@version, sha256) per form sheet.
META_SHEET = "sheet"
_FORBIDDEN = '[]:*?/\\'


def build_template(rule_set: RuleSet, case: dict | None = None, sheet: dict | None = None) -> Workbook:
    """A fill-in workbook for ``rule_set``: blank, or with one sheet of a case (plain data, as in a
    case file) written in."""
    wb = Workbook()
    wb.properties.creator = TOOL
    ws = wb.active
    ws.title = sheet_name(rule_set.info.sheet_type, set())
    FormWriter(ws, rule_set, case, sheet).write()
    _help(wb.create_sheet(HELP), rule_set, ws.title)
    write_meta(wb, (case or {}).get("id"), [(ws.title, (sheet or {}).get("id") or "sheet", rule_set)])
    wb.active = 0
    return wb


def sheet_name(title: str, used: set[str]) -> str:
    """A worksheet name from a sheet title: without the characters Excel forbids, at most 31
    characters, unique in the workbook."""
    name = "".join(ch for ch in title if ch not in _FORBIDDEN)[:28].strip("'") or "自评表"
    base, n = name, 2
    while name in used or name in (META, HELP):
        name = f"{base[:25]}({n})"
        n += 1
    used.add(name)
    return name


def write_meta(wb: Workbook, case_id: str | None, sheets: list[tuple[str, str, RuleSet]]) -> None:
    """The hidden sheet with what must not be where people read: ids, rule versions, hashes."""
    meta = wb.create_sheet(META)
    meta.append(["scoring", __version__])
    meta.append(["case", case_id or ""])
    for worksheet, sheet_id, rule_set in sheets:
        meta.append([META_SHEET, worksheet, sheet_id, rule_set.ref, rule_set.sha256])
    meta.sheet_state = "hidden"
    meta.protection.sheet = True


def _help(ws: Worksheet, rs: RuleSet, form: str) -> None:
    lines = [
        f"{rs.info.title}（规则版本 {rs.version}；{TOOL} 生成）",
        "",
        "填写方法：",
        f"1. 在“{form}”中只填写浅黄色单元格；其余单元格已锁定。需要更多指标行时，在表内插入行即可。",
        "2. 表头：单位名称、年度、主管部门、实施单位（项目表还有项目名称）和地区（省/市/县，用“/”分隔）。",
        "3. 金额单位为万元；百分比写数字（如 -38 表示 -38%）；执行率照原表填写（如 90.12%）。",
        f"4. 文件未披露的数字不要估填，填“{UNDISCLOSED}”。",
        "5. 绩效指标逐行照抄一级、二级、三级指标、年度指标值、实际完成值、分值和得分（原文照录，如“≥95%”“2024年12月31日前”“较满意”）。",
        "6. 自评得分按表上所印填写，保留原有小数位（如 9.20 写作 9.20）；扣分项填写发现问题数和扣分。",
        "7. 每个数字的出处（文件名、章节、表格行）可写在右侧“来源（不打印）”一栏，或写在单元格批注中，便于复核。",
        "8. 表下方“以下内容不打印”一栏：只录入了表的一部分时，“是否完整”选“否”；原表印有分组小计、文中写有比率的，照录。",
        "",
        "填好后：scoring import 本文件.xlsx 生成案例文件；或直接 scoring diff 本文件.xlsx 查看复核结果。",
        "scoring diff 本文件.xlsx --format xlsx --out 复核.xlsx 得到复核表：原表旁加“计算得分、差额、状态、说明”，高报的得分标红；",
        "在复核表中改正得分后，可再次用 scoring diff 复核。",
    ]
    for line in lines:
        ws.append([line])
    ws.column_dimensions["A"].width = 120
    for row in ws.iter_rows():
        for cell in row:
            cell.font = Font(name="宋体", size=11, bold=cell.row == 1)
    page_setup(ws, f"A1:A{len(lines)}", 0)
    ws.protection.sheet = True
