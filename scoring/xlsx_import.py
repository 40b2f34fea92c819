"""Reading a filled-in workbook (made by `scoring template`) back into a case.

Every cell that cannot be used is reported by sheet and address (e.g. 绩效指标!H12) with what
was expected; all problems of a workbook are reported together.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

from .cases import WORKBOOK_SUFFIXES
from .errors import FileError, FileProblem, ScoringError
from .input_limits import MAX_SHEET_ROWS, MAX_WORKBOOK_BYTES, MAX_WORKBOOK_PARTS, MAX_WORKBOOK_UNPACKED, megabytes
from .numbers import MAX_FIGURE_TEXT, NumberError, is_too_large, to_decimal
from .os_errors import describe
from .xlsx_template import HEADERS, INFO, INFO_FIELDS, INPUTS, META, RATES, ROW_COLUMNS, ROWS, SCORES, SUBTOTALS

# Formats a person may hand in instead of .xlsx; the importer reads none of them.
UNSUPPORTED_SUFFIXES = WORKBOOK_SUFFIXES - {".xlsx", ".xlsm"}
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and any encrypted workbook
_SAVE_AS = "不支持此格式，请另存为 .xlsx"


def read_workbook(path: Path | str) -> dict:
    """The case a filled template holds, as plain data for `Case.model_validate`.

    The workbook must have every sheet the template had and every header the importer reads;
    a sheet that is missing or renamed, a moved header, a merged cell or a formula without a
    computed value is reported by sheet and cell (ScoringError / FileError, exit code 2), never
    read as if its figures or claims were missing.
    """
    path = Path(path)
    shown = str(path)
    wb = _open(path, shown)
    problems: list[FileProblem] = []

    def problem(sheet: str, ref: str, message: str) -> None:
        problems.append(FileProblem(shown, f"{sheet}!{ref}", message))

    for needed in (INFO, META):
        if needed not in wb.sheetnames:
            raise ScoringError(f"{shown}: 缺少工作表“{needed}”——这不是 scoring template 生成的模板，或该工作表被删除、改名")
    meta = {row[0]: row[1] for row in wb[META].iter_rows(max_col=2, values_only=True) if row and row[0]}
    rules = meta.get("rules")
    if not rules:
        raise ScoringError(f"{shown}: 工作表“{META}”中没有规则集编号")
    expected = [name for name in str(meta.get("sheets") or "").split(",") if name] or [INFO, META]
    missing = [name for name in expected if name not in wb.sheetnames]
    if missing:
        found = "、".join(f"“{name}”" for name in wb.sheetnames if name != META)
        raise ScoringError(
            f"{shown}: 缺少工作表{'、'.join(f'“{name}”' for name in missing)}（被删除或改名？）；"
            f"模板应有的工作表都要保留，工作表名称不能修改。现有的工作表：{found}"
        )
    readable = _check_sheets(wb, problem)
    for name in (INPUTS, SCORES):
        if name in readable and meta.get(name) is not None and not _check_codes(wb[name], str(meta[name]).split(","), problem):
            readable.discard(name)
    _check_formulas(path, wb, readable, problem)
    if problems:
        raise FileError(shown, problems)

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
    year = _year(info["year"])
    if year is None:
        problem(INFO, "B4", f"年度应为 1990 到 2100 之间的四位年份，得到“{_text(info['year']) or ''}”")
        year = 0
    sheet_id = _text(info["sheet_id"]) or "sheet"
    if not re.fullmatch(r"[A-Za-z0-9_.-]+", sheet_id):
        problem(INFO, "B7", f"表编号只能由字母、数字和 . _ - 组成，得到“{sheet_id}”")
    sheet: dict[str, Any] = {"id": sheet_id, "title": _text(info["title"]) or "自评表", "rules": rules}
    total_ref = f"B{2 + [k for k, _ in INFO_FIELDS].index('claimed_total')}"
    claimed_total = _number(info["claimed_total"], INFO, total_ref, problem)
    if claimed_total is not None:
        sheet["claimed_total"] = {"score": claimed_total, "source": f"{path.name} {INFO}!{total_ref}"}
    complete = _text(info.get("complete"))
    if complete not in (None, "是", "否"):
        problem(INFO, f"B{2 + [k for k, _ in INFO_FIELDS].index('complete')}", f"“是否完整”应为“是”或“否”，得到“{complete}”")
    elif complete == "否":
        sheet["complete"] = False

    if INPUTS in readable:
        sheet["inputs"] = _read_inputs(wb[INPUTS], problem)
    if SCORES in readable:
        sheet["claims"], sheet["findings"] = _read_scores(wb[SCORES], problem)
    if ROWS in readable:
        sheet["rows"] = _read_rows(wb[ROWS], problem)
    if SUBTOTALS in readable:
        sheet["subtotals"] = _read_subtotals(wb[SUBTOTALS], problem)
    if RATES in readable:
        sheet["stated_rates"] = _read_rates(wb[RATES], problem)
    if problems:
        raise FileError(shown, problems)
    case_id = _text(info["case_id"]) or path.stem
    return {
        "case": {"id": case_id, "unit": unit, "region": region, "year": year, "source": _text(info["source"]) or f"Excel 工作簿 {path.name}"},
        "sheets": [sheet],
    }


def _open(path: Path, shown: str):
    """Open the workbook for reading its values, after checking what it is and how much it
    unpacks to: a zip bomb or an XML bomb is refused before any XML is parsed."""
    import warnings

    import openpyxl
    from openpyxl import load_workbook

    if path.suffix.lower() in UNSUPPORTED_SUFFIXES:
        raise ScoringError(f"{shown}: {_SAVE_AS}（只能读取 scoring template 生成的 .xlsx 模板）")
    if not openpyxl.DEFUSEDXML:
        # defusedxml is a dependency; it is off only if removed or OPENPYXL_DEFUSEDXML=False
        raise ScoringError(f"{shown}: 拒绝读取工作簿：没有启用 defusedxml（XML 攻击防护）；请安装 defusedxml，并且不要设置 OPENPYXL_DEFUSEDXML=False")
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
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise ScoringError(f"{shown}: 不是可读取的 Excel 工作簿（文件损坏，或是其他格式改了扩展名）；{_SAVE_AS}") from None
    if b"opendocument" in mimetype:
        raise ScoringError(f"{shown}: 这是 OpenDocument（.ods）表格，{_SAVE_AS}")
    unpacked = sum(part.file_size for part in parts)
    if len(parts) > MAX_WORKBOOK_PARTS or unpacked > MAX_WORKBOOK_UNPACKED:
        raise ScoringError(
            f"{shown}: 工作簿解压后有 {unpacked} 字节、{len(parts)} 个部件，超过上限（{megabytes(MAX_WORKBOOK_UNPACKED)}、"
            f"{MAX_WORKBOOK_PARTS} 个），拒绝读取（可能是“压缩炸弹”；填好的模板解压后约 100 KB）"
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl's notes (unsupported extensions …) are English and not the user's concern
            return load_workbook(path, data_only=True, read_only=False)
    except Exception as exc:  # openpyxl and defusedxml raise many types for a file that is not a workbook
        raise ScoringError(f"{shown}: 不是可读取的 Excel 工作簿（{_reason(exc)}）；{_SAVE_AS}") from None


def _reason(exc: Exception) -> str:
    cause: BaseException | None = exc
    while cause is not None:  # openpyxl wraps the parser's error in its own ValueError
        if type(cause).__module__.startswith("defusedxml"):
            return "含有被禁止的 XML 内容（实体或 DTD 声明），可能是恶意文件"
        cause = cause.__cause__ or cause.__context__
    name = type(exc).__name__
    if isinstance(exc, KeyError):
        return "缺少必需的部件"
    return f"内容无法解析：{name}"


def _check_sheets(wb, problem) -> set[str]:
    """Check every sheet the importer reads; returns those that can be read.  Headers and the
    labels of 基本信息 must be where the template put them, no cell may be merged, and no
    sheet may be longer than MAX_SHEET_ROWS."""
    readable = set()
    for name, header in HEADERS.items():
        if name not in wb.sheetnames:
            continue
        ws = wb[name]
        ok = True
        if ws.max_row > MAX_SHEET_ROWS:
            problem(name, f"A{ws.max_row}", f"工作表有 {ws.max_row} 行，超过上限 {MAX_SHEET_ROWS} 行")
            continue
        for column, title in enumerate(header, start=1):
            cell = ws.cell(row=1, column=column)
            if _text(cell.value) != title:
                problem(name, cell.coordinate, f"表头应为“{title}”，得到“{_text(cell.value) or ''}”（列被移动、插入或删除？请使用原模板）")
                ok = False
        if name == INFO:
            for row, (_, label) in enumerate(INFO_FIELDS, start=2):
                cell = ws.cell(row=row, column=1)
                if _text(cell.value) != label:
                    problem(name, cell.coordinate, f"应为“{label}”，得到“{_text(cell.value) or ''}”（行被移动、插入或删除？请使用原模板）")
                    ok = False
        for merged in ws.merged_cells.ranges:
            problem(name, str(merged), "单元格被合并；请取消合并，每个单元格只填一个值")
            ok = False
        if ok:
            readable.add(name)
    return readable


def _check_codes(ws, codes: list[str], problem) -> bool:
    """The locked 代码 column must list the template's codes in its order, one per row: a code
    changed, a row inserted, deleted or sorted would put a figure or claim under another key."""
    ok = True
    last = max(ws.max_row, len(codes) + 1)
    for row in range(2, last + 1):
        expected = codes[row - 2] if row - 2 < len(codes) else None
        found = _text(ws.cell(row=row, column=1).value)
        if found != expected:
            want = f"应为“{expected}”" if expected else "模板在此没有行"
            problem(ws.title, f"A{row}", f"代码{want}，得到“{found or ''}”（行被插入、删除、排序或代码被修改？请使用原模板）")
            ok = False
    return ok


def _check_formulas(path: Path, wb, sheets: set[str], problem) -> None:
    """A formula whose value was never computed (written by a program, or saved without
    recalculation) has no value to read: say so rather than read it as empty."""
    import warnings

    from openpyxl import load_workbook

    with zipfile.ZipFile(path) as archive:
        if not any(b"<f" in archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")):
            return  # no formula anywhere: nothing to check
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        formulas = load_workbook(path, data_only=False, read_only=True)
    try:
        for name in sorted(sheets):
            for row in formulas[name].iter_rows(max_row=MAX_SHEET_ROWS):
                for cell in row:
                    if getattr(cell, "data_type", None) == "f" and wb[name][cell.coordinate].value is None:
                        problem(name, cell.coordinate, f"公式 {str(cell.value)[:60]} 没有计算结果（请在 Excel 中打开并保存，或直接填写数值）")
    finally:
        formulas.close()


def _year(value: Any) -> int | None:
    """A year as the cell holds it (2024, 2024.0, "2024"), or None when it is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float):
        value = _float_text(value)
    try:
        number = Decimal(str(value).strip())
    except ArithmeticError:
        return None
    if not number.is_finite() or number != number.to_integral_value() or not 1990 <= number <= 2100:
        return None
    return int(number)


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


def _number(value: Any, sheet: str, ref: str, problem, figure: bool = False) -> Decimal | None:
    """A number cell read exactly.  Outside input figures (``figure``), a value of 10^15 or more
    is refused here, naming its cell, as the case would be refused naming its key (exit 2); an
    input that large is left to the engine, which reports it as any case form's (exit 1)."""
    number = _plain_number(value, sheet, ref, problem)
    if number is not None and not figure and is_too_large(number):
        problem(sheet, ref, f"数值 {value} 的绝对值达到或超过 {MAX_FIGURE_TEXT}，不是可信的数字")
        return None
    return number


def _plain_number(value: Any, sheet: str, ref: str, problem) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        problem(sheet, ref, f"应为数字，得到“{value}”")
        return None
    if isinstance(value, float):
        value = _float_text(value)
        if "e" in value:  # 1e+30 typed as a number: the same figure a TOML 1e30 is
            value = Decimal(value)
    try:
        return to_decimal(value)
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
            figure = _number(value, INPUTS, f"E{row}", problem, figure=True)
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
        if count not in (None, "") and _text(ws[f"E{row}"].value) != "扣分项":
            problem(SCORES, f"G{row}", f"发现问题数只在扣分项一行填写，这一行是指标，得到“{count}”")
        elif count not in (None, ""):
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
