"""Reading a filled-in workbook (made by `scoring template`) back into a case.

Every cell that cannot be used is reported by sheet and address (e.g. 绩效指标!H12) with what
was expected; all problems of a workbook are reported together.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

from .errors import FileError, FileProblem, ScoringError
from .numbers import NumberError, to_decimal
from .xlsx_template import INFO, INFO_FIELDS, INPUTS, META, RATES, ROW_COLUMNS, ROWS, SCORES, SUBTOTALS


def read_workbook(path: Path | str) -> dict:
    """The case a filled template holds, as plain data for `Case.model_validate`."""
    from openpyxl import load_workbook

    path = Path(path)
    shown = str(path)
    try:
        wb = load_workbook(path, data_only=True, read_only=False)
    except FileNotFoundError:
        raise ScoringError(f"{shown}: 文件不存在") from None
    except Exception as exc:  # openpyxl raises many types for a file that is not a workbook
        raise ScoringError(f"{shown}: 不是可读取的 Excel 工作簿（{type(exc).__name__}: {exc}）") from None
    problems: list[FileProblem] = []

    def problem(sheet: str, ref: str, message: str) -> None:
        problems.append(FileProblem(shown, f"{sheet}!{ref}", message))

    for needed in (INFO, META):
        if needed not in wb.sheetnames:
            raise ScoringError(f"{shown}: 缺少工作表“{needed}”——这不是 scoring template 生成的模板")
    meta = {row[0]: row[1] for row in wb[META].iter_rows(values_only=True) if row and row[0]}
    rules = meta.get("rules")
    if not rules:
        raise ScoringError(f"{shown}: 工作表“{META}”中没有规则集编号")

    info_ws = wb[INFO]
    info = {}
    for i, (key, label) in enumerate(INFO_FIELDS, start=2):
        info[key] = info_ws[f"B{i}"].value
    unit = _text(info["unit"])
    if not unit:
        problem(INFO, "B2", "缺少单位名称")  # the fields' rows follow INFO_FIELDS
    region = [part.strip() for part in (_text(info["region"]) or "").split("/") if part.strip()]
    if not region:
        problem(INFO, "B3", "缺少地区（如 四川省/遂宁市/安居区）")
    year = info["year"]
    try:
        year = int(Decimal(str(year)))
    except Exception:
        problem(INFO, "B4", f"年度应为四位年份，得到“{year}”")
        year = 0
    sheet: dict[str, Any] = {"id": _text(info["sheet_id"]) or "sheet", "title": _text(info["title"]) or "自评表", "rules": rules}
    total_ref = f"B{2 + [k for k, _ in INFO_FIELDS].index('claimed_total')}"
    claimed_total = _number(info["claimed_total"], INFO, total_ref, problem)
    if claimed_total is not None:
        sheet["claimed_total"] = {"score": claimed_total, "source": f"{path.name} {INFO}!{total_ref}"}
    complete = _text(info.get("complete"))
    if complete not in (None, "是", "否"):
        problem(INFO, f"B{2 + [k for k, _ in INFO_FIELDS].index('complete')}", f"“是否完整”应为“是”或“否”，得到“{complete}”")
    elif complete == "否":
        sheet["complete"] = False

    if INPUTS in wb.sheetnames:
        sheet["inputs"] = _read_inputs(wb[INPUTS], problem)
    if SCORES in wb.sheetnames:
        sheet["claims"], sheet["findings"] = _read_scores(wb[SCORES], problem)
    if ROWS in wb.sheetnames:
        sheet["rows"] = _read_rows(wb[ROWS], problem)
    if SUBTOTALS in wb.sheetnames:
        sheet["subtotals"] = _read_subtotals(wb[SUBTOTALS], problem)
    if RATES in wb.sheetnames:
        sheet["stated_rates"] = _read_rates(wb[RATES], problem)
    if problems:
        raise FileError(shown, problems)
    case_id = _text(info["case_id"]) or path.stem
    return {
        "case": {"id": case_id, "unit": unit, "region": region, "year": year, "source": _text(info["source"]) or f"Excel 工作簿 {path.name}"},
        "sheets": [sheet],
    }


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
    return text[:-2] if text.endswith(".0") else text


def _number(value: Any, sheet: str, ref: str, problem) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        problem(sheet, ref, f"应为数字，得到“{value}”")
        return None
    if isinstance(value, float):
        value = _float_text(value)
    try:
        return to_decimal(value if not isinstance(value, int) else value)
    except NumberError:
        problem(sheet, ref, f"应为数字，得到“{value}”")
        return None


def _read_inputs(ws, problem) -> dict:
    inputs: dict[str, Any] = {}
    for row in range(2, ws.max_row + 1):
        name = ws[f"A{row}"].value
        if not name:
            continue
        value, undisclosed = ws[f"E{row}"].value, _text(ws[f"F{row}"].value)
        source, note = _text(ws[f"G{row}"].value), _text(ws[f"H{row}"].value)
        kind = _text(ws[f"D{row}"].value) or ""
        if undisclosed not in (None, "是", "否"):
            problem(INPUTS, f"F{row}", f"“未披露”应为“是”或“否”，得到“{undisclosed}”")
            continue
        if undisclosed == "是":
            if value not in (None, ""):
                problem(INPUTS, f"E{row}", "已选“未披露”，数值栏应留空")
                continue
            inputs[name] = {"undisclosed": True, **({"note": note} if note else {})}
            continue
        if value in (None, ""):
            continue  # left empty: the rules' default applies, or the engine reports it missing
        if kind.startswith("是/否"):
            text = _text(value)
            if text not in ("是", "否"):
                problem(INPUTS, f"E{row}", f"应为“是”或“否”，得到“{text}”")
                continue
            figure: Any = text == "是"
        else:
            figure = _number(value, INPUTS, f"E{row}", problem)
            if figure is None:
                continue
        inputs[name] = {"value": figure, **({"source": source} if source else {}), **({"note": note} if note else {})}
    return inputs


def _read_scores(ws, problem) -> tuple[dict, dict]:
    claims, findings = {}, {}
    for row in range(2, ws.max_row + 1):
        key = ws[f"A{row}"].value
        if not key:
            continue
        source = _text(ws[f"H{row}"].value)
        claim = _number(ws[f"F{row}"].value, SCORES, f"F{row}", problem)
        if claim is not None:
            claims[key] = {"score": claim, **({"source": source} if source else {})}
        count = ws[f"G{row}"].value
        if count not in (None, ""):
            number = _number(count, SCORES, f"G{row}", problem)
            if number is not None:
                if number < 0 or number != number.to_integral_value():
                    problem(SCORES, f"G{row}", f"发现问题数应为非负整数，得到“{count}”")
                else:
                    findings[key] = {"value": number}
    return claims, findings


def _read_rows(ws, problem) -> list[dict]:
    rows = []
    columns = {name: i for i, name in enumerate(ROW_COLUMNS)}
    for r, cells in enumerate(ws.iter_rows(min_row=2, max_col=len(ROW_COLUMNS), values_only=True), start=2):
        values = [_text(c) for c in cells]
        if not any(values):
            continue
        get = lambda name: values[columns[name]]  # noqa: E731 - a local reader for this row
        name = get("三级指标")
        if not name:
            problem(ROWS, f"C{r}", "这一行填了内容，但缺少三级指标名称")
            continue
        row: dict[str, Any] = {"name": name, "group": [g for g in (get("一级指标"), get("二级指标")) if g]}
        for key, column in (("nature", "指标性质"), ("target", "年度指标值"), ("unit", "度量单位"), ("actual", "实际完成值"), ("rule", "赋分规则"), ("source", "来源")):
            if get(column):
                row[key] = get(column)
        for key, column, letter in (("weight", "分值", "H"), ("claimed", "得分", "I")):
            number = _number(cells[columns[column]], ROWS, f"{letter}{r}", problem)
            if number is not None:
                row[key] = number
        rows.append(row)
    return rows


def _read_subtotals(ws, problem) -> list[dict]:
    out = []
    for r, cells in enumerate(ws.iter_rows(min_row=2, max_col=5, values_only=True), start=2):
        if not any(_text(c) for c in cells):
            continue
        group = [g for g in (_text(cells[0]), _text(cells[1])) if g]
        if not group:
            problem(SUBTOTALS, f"A{r}", "这一行填了内容，但缺少分组名称")
            continue
        item: dict[str, Any] = {"group": group}
        for key, i, letter in (("claimed", 2, "C"), ("weight", 3, "D")):
            number = _number(cells[i], SUBTOTALS, f"{letter}{r}", problem)
            if number is not None:
                item[key] = number
        if _text(cells[4]):
            item["source"] = _text(cells[4])
        out.append(item)
    return out


def _read_rates(ws, problem) -> list[dict]:
    out = []
    for r, cells in enumerate(ws.iter_rows(min_row=2, max_col=5, values_only=True), start=2):
        if not any(_text(c) for c in cells):
            continue
        label, stated = _text(cells[0]), _text(cells[1])
        numerator = _number(cells[2], RATES, f"C{r}", problem)
        denominator = _number(cells[3], RATES, f"D{r}", problem)
        if not label or not stated or numerator is None or denominator is None:
            problem(RATES, f"A{r}", "比率名称、所写比率、分子、分母都要填写")
            continue
        out.append({"label": label, "stated": stated, "numerator": numerator, "denominator": denominator, **({"source": _text(cells[4])} if _text(cells[4]) else {})})
    return out
