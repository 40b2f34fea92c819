"""Fill-in workbooks for a rule set (`scoring template`), laid out like the official form, and
filling one from a case (the same workbook a unit would hand in).

Layout — the importer (`xlsx_import`) reads exactly this:

* 填写说明: what to fill where.
* 基本信息: unit, region, year, sheet title, claimed total, source (column B).
* 输入数据 (rule sets with inputs): one row per input — 代码, 项目, 单位, 类型 locked; 数值,
  未披露, 来源, 说明 to fill.
* 自评得分 (rule sets with indicators or deductions): one row per indicator / deduction item —
  代码, 一级/二级指标, 指标, 分值 locked; 自评得分, 来源 (and 发现问题数 for deductions) to fill.
* 绩效指标 (rule sets with row rules): empty 一级/二级/三级指标 rows with 指标性质, 年度指标值,
  度量单位, 实际完成值, 分值, 得分, 赋分规则, 来源.
* _规则 (hidden): the rule set's id@version and sha256, so an import is scored by the same rules,
  and the version of the tool that made the workbook.

Figures and claims are text cells, so "9.20" keeps the two decimals it is claimed at; a data
validation still refuses anything that is not a number.
"""

from __future__ import annotations

from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from . import __version__
from .render import TOOL
from .rules import RuleSet

INFO, INPUTS, SCORES, ROWS, META, HELP = "基本信息", "输入数据", "自评得分", "绩效指标", "_规则", "填写说明"
SUBTOTALS, RATES = "小计", "比率核对"
INFO_FIELDS = [
    ("unit", "单位名称"),
    ("region", "地区（省/市/县，用“/”分隔）"),
    ("year", "年度"),
    ("title", "表名称"),
    ("case_id", "编号（可空）"),
    ("sheet_id", "表编号（可空）"),
    ("claimed_total", "自评总分"),
    ("source", "资料来源（可空）"),
    ("complete", "是否完整（否：只录入了表的一部分）"),
]
INPUT_COLUMNS = ["代码", "项目", "单位", "类型", "数值", "未披露", "来源", "说明"]
SCORE_COLUMNS = ["代码", "一级指标", "二级指标", "指标", "分值", "自评得分", "发现问题数", "来源"]
ROW_COLUMNS = ["一级指标", "二级指标", "三级指标", "指标性质", "年度指标值", "度量单位", "实际完成值", "分值", "得分", "赋分规则", "来源"]
ROW_COUNT = 40
SUBTOTAL_COLUMNS = ["一级", "二级", "小计得分（所填）", "分组分值（所印）", "来源"]
RATE_COLUMNS = ["比率名称", "所写比率", "分子", "分母", "来源"]
LIST_ROWS = 20
INFO_COLUMNS = ["项目", "内容"]
# The header row of every sheet the importer reads: a workbook whose headers moved is refused.
HEADERS = {
    INFO: INFO_COLUMNS, INPUTS: INPUT_COLUMNS, SCORES: SCORE_COLUMNS, ROWS: ROW_COLUMNS,
    SUBTOTALS: SUBTOTAL_COLUMNS, RATES: RATE_COLUMNS,
}
YES_NO = ("是", "否")
NATURES = ("定性", "定量", "≥", "≤", "＝", "＞", "＜")
TYPE_LABELS = {"amount": "金额", "count": "个数", "percent": "百分比（写数字，如 -38 表示 -38%）", "ratio": "比率", "flag": "是/否"}

_HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
_INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
_THIN = Side(style="thin", color="999999")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def build_template(rule_set: RuleSet) -> Workbook:
    """A fill-in workbook for ``rule_set``."""
    wb = Workbook()
    wb.properties.creator = TOOL
    help_ws = wb.active
    help_ws.title = HELP
    _help(help_ws, rule_set)
    _info(wb.create_sheet(INFO), rule_set)
    if rule_set.inputs:
        _inputs(wb.create_sheet(INPUTS), rule_set)
    if rule_set.indicators or rule_set.deductions:
        _scores(wb.create_sheet(SCORES), rule_set)
    if rule_set.rows is not None:
        _rows(wb.create_sheet(ROWS), rule_set)
    _blank_table(wb.create_sheet(SUBTOTALS), SUBTOTAL_COLUMNS, [16, 16, 16, 16, 50], numbers="CD")
    _blank_table(wb.create_sheet(RATES), RATE_COLUMNS, [30, 12, 14, 14, 50], numbers="CD")
    meta = wb.create_sheet(META)
    meta.append(["rules", rule_set.ref])
    meta.append(["sha256", rule_set.sha256])
    meta.append(["scoring", __version__])
    # the sheets the importer reads, and the locked codes of their rows: a sheet deleted or
    # renamed, or a code changed, moved or deleted, is refused — never read as missing figures
    meta.append(["sheets", ",".join(name for name in wb.sheetnames if name != HELP)])
    meta.append([INPUTS, ",".join(rule_set.inputs)])
    meta.append([SCORES, ",".join([i.id for i in rule_set.indicators] + [d.id for d in rule_set.deductions])])
    meta.sheet_state = "hidden"
    meta.protection.sheet = True
    return wb


def _help(ws: Worksheet, rs: RuleSet) -> None:
    lines = [
        f"{rs.info.title}（规则集 {rs.ref}，sha256 {rs.sha256[:12]}；{TOOL} 生成）",
        "",
        "填写方法：",
        "1. 只填写浅黄色单元格；其余单元格已锁定。",
        f"2. “{INFO}”：单位名称、地区、年度、表名称和自评总分。",
        f"3. “{INPUTS}”：逐项填写数值（金额单位万元，百分比写数字，如 -38 表示 -38%）；文件未披露的数字不要估填，在“未披露”一栏选“是”。",
        f"4. “{SCORES}”：按表上所印填写各指标的自评得分，保留原有小数位（如 9.20 写作 9.20）；扣分项填写发现问题数。",
        f"5. “{ROWS}”：逐行照抄一级、二级、三级指标、年度指标值、实际完成值、分值和得分（原文照录，如“≥95%”“2024年12月31日前”“较满意”）。",
        "6. 每个数字请在“来源”栏注明出处（文件名、章节、表格行），便于复核。",
        "",
        "填好后：scoring import 本文件.xlsx 生成案例文件；或直接 scoring diff 本文件.xlsx 查看复核结果。",
    ]
    for line in lines:
        ws.append([line])
    ws.column_dimensions["A"].width = 110
    ws["A1"].font = Font(bold=True, size=13)
    ws.protection.sheet = True


def _header(ws: Worksheet, columns: list[str], widths: list[int]) -> None:
    ws.append(columns)
    for i, width in enumerate(widths, 1):
        cell = ws.cell(row=1, column=i)
        cell.font = Font(bold=True)
        cell.fill = _HEAD_FILL
        cell.border = _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"


def _editable(ws: Worksheet, ref: str, text: bool = False) -> None:
    cell = ws[ref]
    cell.protection = Protection(locked=False)
    cell.fill = _INPUT_FILL
    cell.border = _BORDER
    if text:
        cell.number_format = "@"


def _number_check(ws: Worksheet, refs: str, title: str) -> None:
    first = refs.split(":")[0]
    dv = DataValidation(
        type="custom", formula1=f'OR({first}="",ISNUMBER(VALUE({first})))', allow_blank=True,
        showErrorMessage=True, errorTitle=title, error="请填写数字（可带小数和负号），不要带单位或文字。",
    )
    dv.add(refs)
    ws.add_data_validation(dv)


def _list_check(ws: Worksheet, refs: str, options: tuple[str, ...], title: str) -> None:
    dv = DataValidation(type="list", formula1='"' + ",".join(options) + '"', allow_blank=True, showErrorMessage=True, errorTitle=title, error="请从下拉列表中选择。")
    dv.add(refs)
    ws.add_data_validation(dv)


def _info(ws: Worksheet, rs: RuleSet) -> None:
    _header(ws, INFO_COLUMNS, [34, 60])
    for key, label in INFO_FIELDS:
        ws.append([label, None])
        row = ws.max_row
        _editable(ws, f"B{row}", text=True)
        if key == "region":
            ws[f"B{row}"].value = "/".join(rs.region_path) or None
        if key == "year":
            ws[f"B{row}"].number_format = "0"
            dv = DataValidation(type="whole", operator="between", formula1="1990", formula2="2100", showErrorMessage=True, error="请填写四位年份。")
            dv.add(f"B{row}")
            ws.add_data_validation(dv)
            ws[f"B{row}"].value = rs.info.effective_from.year
        if key == "title":
            ws[f"B{row}"].value = rs.info.sheet_type
        if key == "claimed_total":
            _number_check(ws, f"B{row}", "自评总分")
        if key == "sheet_id":
            ws[f"B{row}"].value = "sheet"
        if key == "complete":
            ws[f"B{row}"].value = "是"
            _list_check(ws, f"B{row}", YES_NO, "是否完整")
    ws.append(["规则集", f"{rs.ref}（{rs.info.title}）"])
    ws.protection.sheet = True


def _inputs(ws: Worksheet, rs: RuleSet) -> None:
    _header(ws, INPUT_COLUMNS, [24, 56, 8, 16, 16, 9, 50, 30])
    for name, decl in rs.inputs.items():
        ws.append([name, decl.label, decl.unit, TYPE_LABELS.get(decl.type, decl.type), None, None, None, None])
        row = ws.max_row
        for col in "EFGH":
            _editable(ws, f"{col}{row}", text=True)
        if decl.type == "flag":
            _list_check(ws, f"E{row}", YES_NO, decl.label)
        else:
            _number_check(ws, f"E{row}", decl.label)
        if decl.default is not None:
            ws[f"H{row}"].value = None
            ws[f"B{row}"].value = f"{decl.label}（可空：{decl.default_reason}）"
    if ws.max_row > 1:
        _list_check(ws, f"F2:F{ws.max_row}", YES_NO, "未披露")
    ws.protection.sheet = True


def _scores(ws: Worksheet, rs: RuleSet) -> None:
    _header(ws, SCORE_COLUMNS, [24, 14, 16, 28, 8, 10, 11, 50])
    for ind in rs.indicators:
        group = list(ind.group) + ["", ""]
        ws.append([ind.id, group[0], group[1], ind.name, _num(ind.weight), None, None, None])
        row = ws.max_row
        for col in "FH":
            _editable(ws, f"{col}{row}", text=True)
        _number_check(ws, f"F{row}", ind.name)
    for item in rs.deductions:
        group = list(item.group) + ["", ""]
        ws.append([item.id, group[0], group[1], item.name, "扣分项", None, None, None])
        row = ws.max_row
        for col in "FGH":
            _editable(ws, f"{col}{row}", text=True)
        _number_check(ws, f"F{row}", item.name)
        dv = DataValidation(type="custom", formula1=f'OR(G{row}="",AND(ISNUMBER(VALUE(G{row})),VALUE(G{row})>=0,INT(VALUE(G{row}))=VALUE(G{row})))', showErrorMessage=True, error="发现问题数应为非负整数。")
        dv.add(f"G{row}")
        ws.add_data_validation(dv)
    ws.protection.sheet = True


def _rows(ws: Worksheet, rs: RuleSet) -> None:
    _header(ws, ROW_COLUMNS, [12, 16, 30, 9, 22, 9, 30, 8, 8, 18, 40])
    last = ROW_COUNT + 1
    for row in range(2, last + 1):
        for col in range(1, len(ROW_COLUMNS) + 1):
            _editable(ws, f"{get_column_letter(col)}{row}", text=True)
    _list_check(ws, f"D2:D{last}", NATURES, "指标性质")
    _number_check(ws, f"H2:H{last}", "分值")
    _number_check(ws, f"I2:I{last}", "得分")
    names = tuple(rs.rows.rule_names)
    if names:
        _list_check(ws, f"J2:J{last}", names, "赋分规则")
    ws.protection.sheet = True


def _blank_table(ws: Worksheet, columns: list[str], widths: list[int], numbers: str) -> None:
    _header(ws, columns, widths)
    last = LIST_ROWS + 1
    for row in range(2, last + 1):
        for col in range(1, len(columns) + 1):
            _editable(ws, f"{get_column_letter(col)}{row}", text=True)
    for letter in numbers:
        _number_check(ws, f"{letter}2:{letter}{last}", columns[ord(letter) - ord("A")])
    ws.protection.sheet = True


def _num(value: Decimal) -> int | float | str:
    # weights are shown as numbers; they are read back from the rules, never from the sheet
    return int(value) if value == value.to_integral_value() else format(value, "f")


def fill_template(wb: Workbook, rule_set: RuleSet, case: dict, sheet: dict) -> Workbook:
    """Write one sheet of a case (plain data, as in a case file) into a template built for
    ``rule_set``: what a unit does by hand, done by a program (tests, conversions)."""
    info = wb[INFO]
    values = {
        "unit": case["unit"], "region": "/".join(case["region"]), "year": case["year"],
        "title": sheet["title"], "case_id": case.get("id"), "sheet_id": sheet.get("id"),
        "claimed_total": _claim_text(sheet.get("claimed_total")),
        "source": case.get("source"),
        "complete": "是" if sheet.get("complete", True) else "否",
    }
    for i, (key, _) in enumerate(INFO_FIELDS, start=2):
        _put(info[f"B{i}"], values[key])
    if INPUTS in wb.sheetnames:
        ws = wb[INPUTS]
        inputs = sheet.get("inputs", {})
        for row in range(2, ws.max_row + 1):
            fig = inputs.get(ws[f"A{row}"].value)
            if fig is None:
                continue
            fig = fig if isinstance(fig, dict) else {"value": fig}
            if fig.get("undisclosed"):
                _put(ws[f"F{row}"], "是")
            else:
                value = fig.get("value")
                _put(ws[f"E{row}"], ("是" if value else "否") if isinstance(value, bool) else _text(value))
            _put(ws[f"G{row}"], fig.get("source"))
            _put(ws[f"H{row}"], fig.get("note"))
    if SCORES in wb.sheetnames:
        ws = wb[SCORES]
        claims, findings = sheet.get("claims", {}), sheet.get("findings", {})
        by_name = {ind.id: ind.name for ind in rule_set.indicators} | {d.id: d.name for d in rule_set.deductions}
        for row in range(2, ws.max_row + 1):
            key = ws[f"A{row}"].value
            claim = claims.get(key) or claims.get(by_name.get(key, ""))
            if claim is not None:
                _put(ws[f"F{row}"], _claim_text(claim))
                _put(ws[f"H{row}"], (claim.get("source") if isinstance(claim, dict) else None))
            found = findings.get(key)
            if found is not None and not (isinstance(found, dict) and found.get("undisclosed")):
                _put(ws[f"G{row}"], _text(found.get("value") if isinstance(found, dict) else found))
    if sheet.get("rows"):
        if ROWS not in wb.sheetnames:
            raise ValueError(f"规则集 {rule_set.ref} 没有逐行指标，不能填入 {len(sheet['rows'])} 行")
        ws = wb[ROWS]
        if len(sheet["rows"]) > ROW_COUNT:
            raise ValueError(f"模板只有 {ROW_COUNT} 行绩效指标，案例有 {len(sheet['rows'])} 行")
        for i, r in enumerate(sheet["rows"], start=2):
            group = list(r.get("group", [])) + ["", ""]
            cells = [group[0], group[1], r["name"], r.get("nature"), r.get("target"), r.get("unit"), r.get("actual"),
                     _text(r.get("weight")), _text(r.get("claimed")), r.get("rule"), r.get("source")]
            for col, value in enumerate(cells, 1):
                _put(ws.cell(row=i, column=col), value)
    _fill_list(wb[SUBTOTALS], sheet.get("subtotals", []), lambda t: [*(list(t["group"]) + ["", ""])[:2], _text(t.get("claimed")), _text(t.get("weight")), t.get("source")], len(sheet.get("subtotals", [])))
    _fill_list(wb[RATES], sheet.get("stated_rates", []), lambda t: [t["label"], t["stated"], _text(t["numerator"]), _text(t["denominator"]), t.get("source")], len(sheet.get("stated_rates", [])))
    return wb


def _fill_list(ws: Worksheet, items: list[dict], cells, count: int) -> None:
    if count > LIST_ROWS:
        raise ValueError(f"模板“{ws.title}”只有 {LIST_ROWS} 行，案例有 {count} 项")
    for i, item in enumerate(items, start=2):
        for col, value in enumerate(cells(item), 1):
            _put(ws.cell(row=i, column=col), value)


def _put(cell, value) -> None:
    """Write a value as the unit typed it: "=1次" is a target, not a formula."""
    cell.value = value if value not in ("", None) else None
    keep_text(cell)


def keep_text(cell) -> None:
    """A text cell beginning with "=" stays text: data from a case is never a spreadsheet formula."""
    if isinstance(cell.value, str) and cell.value.startswith("="):
        cell.data_type = "s"


def _text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def _claim_text(claim) -> str | None:
    if claim is None:
        return None
    return _text(claim.get("score") if isinstance(claim, dict) else claim)
