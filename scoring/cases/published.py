"""Reading a published sheet transcribed in the neutral form into a case.

The neutral form is how published self-evaluation sheets are collected for study (the twelve of
`tests/published/`): one JSON object per sheet holding every cell exactly as printed — `unit`,
`province`, `year`, the form's name (`sheet_type`, with the form's layout in brackets), the
`budget` block (`initial`, `full_year`, `executed`, `execution_weight`, `execution_claimed`,
`execution_rate_printed`, `unit`), its `budget_subrows` (其中…), the indicator `rows` (`l1`,
`l2`, `name`, `target`, `actual`, `weight`, `claimed`, a `note`), `claimed_total`, and
`truncated` where the copy ends early.  `null` is a cell not printed or not visible.

`published_case` turns it into the case a person would transcribe from it, so `diff`, `score`,
`explain` and `batch` read such a file as they read a case file, and `scoring import` writes it
out as TOML to be checked and completed by hand (README "Published sheets in the neutral form"
lists every reading):

* the region is the province and the places the unit's name begins with ("临沧市临翔区林业和草原局":
  临沧市, 临翔区); the form is the sheet type its printed name says (项目, 部门整体, 单位整体);
* a group printed with its weight ("产出指标(50分)") is the group, and a subtotal of that weight;
  headings left empty or "同上" under a merged cell go on from the row above;
* a row named "其中…" with neither weight nor score, under a row that has them, is a part of it;
* a 预算执行率 row among the indicators is the budget block's execution printed again;
* a cell that is no figure where a figure belongs ("/", "—", "M.8万元") is not given, a scanned
  letter for a digit ("2O") is read as the digit: each such reading, and every key not read, is said
  beside the scores (`published_reading`) and kept in the sheet's notes — nothing is invented.

A structure that is not this form's (rows that are no list, a cell holding an object) is refused
naming the key.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

from ..errors import ScoringError
from ..numbers import is_too_large
from ..regions import FULL_NAMES, PROVINCES, UNITS_WITHIN

# A heading printed with its weight: "产出指标(50分)", "数量指标（10分）"
_WEIGHTED_HEADING = re.compile(r"^(?P<name>.*?)\s*(?:[（(]\s*(?:分值\s*[:：]?\s*)?(?P<weight>\d+(?:\.\d+)?)\s*分?\s*[)）]"
                               r"|(?<![\d.])(?P<bare>\d+(?:\.\d+)?)\s*分)\s*$")
# A total printed with the grade it claims: "97.5（优）", "97.5分（优秀）"
_GRADED_TOTAL = re.compile(r"^(?P<total>\d+(?:\.\d+)?)\s*分?\s*[（(]\s*(?P<grade>[^\d（()）]+?)\s*[)）]$"
                           r"|^(?P<first>[^\d（()）]+?)\s*[（(]\s*(?P<after>\d+(?:\.\d+)?)\s*分?\s*[)）]$")  # "优（98）" too
# A figure cell: "25.00", "98", "-1", "10分", "1,100"
_FIGURE = re.compile(r"^[+-]?\d+(?:\.\d+)?$")
# The execution's weight in a form's name: "项目支出绩效自评表 (执行率10 + 指标90)", "(预算执行20 + …)"
_FORM_EXECUTION = re.compile(r"[（(][^）)]*?(?:预算执行情况|预算执行率|预算执行|执行率)\s*[（(:：]?\s*(?P<weight>\d+(?:\.\d+)?)")
# What a scanned page's text mistakes for a digit in a score or a weight ("2O", "IO"): O for 0, I or l for 1
_OCR_DIGITS = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1", "|": "1"})
_OCR_SLIP = re.compile(r"^[0-9OoIl|.]*[OoIl|][0-9OoIl|.]*$")
# … and in a figure of a target or an actual: a letter so right after a digit, no other letter after it ("9O%", "7l%")
_OCR_IN_FIGURE = re.compile(r"(?<=\d)[OoIl|]+(?![A-Za-z])")
# Cells that say "nothing here" on a printed form
_EMPTY_CELLS = frozenset(("", "/", "-", "—", "——", "－", "无", "空", "…"))
# The endings of the places a unit's name may begin with, longest first
_PLACE_ENDINGS = ("自治州", "自治县", "地区", "市", "州", "盟", "县", "区", "旗")
# Words ending in a place's ending that name no place ("XX区社区卫生服务中心"), and the bodies a
# unit's name may begin with before a place ("中共遂宁市委"): no region is read from them
_NOT_PLACES = ("社区", "园区", "景区", "片区", "辖区", "街区", "小区", "校区", "牧区", "林区", "矿区", "库区", "城市", "超市", "都市")
_NOT_PLACE_STARTS = ("中共", "共青团", "中国", "国家")
# What a row of the budget's execution is called when printed among the indicators
_EXECUTION_NAMES = ("预算执行率", "资金执行率", "预算执行情况", "执行率")
# The keys of the neutral form: an object with these is a published sheet, not a case file
# (a copy may lack its budget block, or its unit's name: rows and one of the others say enough)
_SAYS_PUBLISHED = frozenset(("unit", "budget", "province", "sheet_type"))

# A heading cell under a merged one, copied as such
_SAME_AS_ABOVE = frozenset(("", "同上", "〃"))
# An amount printed with its unit in the cell ("356.8万元", "3,568,000元")
_MONEY_AFTER = re.compile(r"(?P<figure>.*\d)(?P<unit>亿元|万元|元)")
# A score written as full marks
_FULL_MARKS = frozenset(("满分",))
# A year opening a project's name: "2024年全县安可替代补助资金", "51092324T…-2023年…"
_YEAR_IN_NAME = re.compile(r"(?<!\d)(?P<year>20\d\d)年")
# A year written in Chinese numerals: "二〇二四"
_CHINESE_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")
# The keys read; any other is said in the notes as not read
_READ = frozenset(("unit", "project", "year", "province", "sheet_type", "source", "budget", "budget_subrows", "rows",
                   "claimed_total", "truncated", "printed_notes"))
# A row's 指标性质 and 度量单位 columns, under either name
_NATURE_KEYS, _UNIT_KEYS = ("nature", "指标性质"), ("unit", "度量单位", "计量单位")
_ROW_READ = frozenset(("l1", "l2", "name", "target", "actual", "weight", "claimed", "note", "claimed_weighted", "completion",
                       "description", "rule", "赋分规则", *_NATURE_KEYS, *_UNIT_KEYS))
_TRUE, _FALSE = frozenset(("true", "是", "1", "yes", "y")), frozenset(("false", "否", "0", "no", "n", ""))

PROJECT = "项目支出绩效自评表"
DEPARTMENT = "部门整体支出绩效自评表"
UNIT = "单位整体支出绩效自评表"


def is_published(data: object) -> bool:
    """Whether ``data`` (a JSON document) is a sheet in the neutral published form rather than a
    case file: it has indicator rows and a unit, a budget block, a province or a form's name, and
    no case or sheets."""
    return (isinstance(data, dict) and "rows" in data and not _SAYS_PUBLISHED.isdisjoint(data)
            and "case" not in data and "sheets" not in data)


def published_case(data: dict, case_id: str, said: list[str] | None = None) -> dict:
    """The case (plain data, as a case file holds it) of a published sheet in the neutral form.
    Nothing is validated here: the case is, as any case file's is, so a cell that cannot be used
    is named the same way.  ``said``, if given, gets what the reading assumed or left out (a
    scanned letter read as a digit, "满分" as the weight, a key not read): each is said beside the
    scores (`published_reading`), and all of it is in the sheet's notes."""
    notes: list[str] = []
    unit = _text(data.get("unit"))
    if not unit:
        unit = "（未印出单位名称）"
        notes.append("未印出单位名称（unit）")  # said as any other key not read (review DS C2)
    province = _text(data.get("province")) or next((p for p in sorted(PROVINCES, key=len, reverse=True) if unit.startswith(p)), "")
    printed_type = _text(data.get("sheet_type"))
    year = _year(data.get("year"), notes)
    if year is None and data.get("year") is None:
        # not printed where the form puts it, but opening the project's name ("2024年…补助资金"): that year
        named = _YEAR_IN_NAME.search(_text(data.get("project")) or printed_type)
        if named:
            year = int(named["year"])
            notes.append(f"年度未印出，按项目名称所写的 {year} 年读入")
    case: dict[str, Any] = {
        "id": case_id,
        "unit": unit,
        "region": _region(province, unit, notes),
        "source": _text(data.get("source")) or case_id,
    }
    if year is not None:
        case["year"] = year
    sheet: dict[str, Any] = {
        "id": "sheet",
        "title": _text(data.get("project")) or _form_name(printed_type) or "自评表",
        "sheet_type": _sheet_type(printed_type),
        "complete": not _flag(data.get("truncated"), "truncated", notes),
    }
    if printed_type:
        notes.append(f"所印表名：{printed_type}")
    budget = data.get("budget")
    if budget is not None and not isinstance(budget, dict):
        raise ScoringError(f"budget: 应为预算执行情况（{{\"full_year\": …, \"executed\": …}}），得到 {_text(budget)[:40]}")
    budget = budget or {}
    for key, value in budget.items():
        if isinstance(value, (bool, dict, list)):
            raise ScoringError(f"budget.{key}: 应为文字或数字，得到 {_text(value)[:40]}")
    if data.get("budget_subrows") is not None and not isinstance(data.get("budget_subrows"), list):
        raise ScoringError(f"budget_subrows: 应为“其中”各行的列表，得到 {_text(data.get('budget_subrows'))[:40]}")
    if isinstance(data.get("claimed_total"), (bool, dict, list)):
        raise ScoringError(f"claimed_total: 应为文字或数字，得到 {_text(data.get('claimed_total'))[:40]}")
    if not budget:
        notes.append("未印出预算执行情况（budget）")
    _budget(sheet, budget, data.get("budget_subrows"), printed_type, notes)
    printed_rows = data.get("rows")
    if not isinstance(printed_rows, list):
        raise ScoringError(f"rows: 应为指标行的列表（[{{\"l1\": …, \"name\": …}}, …]），得到 {_text(printed_rows)[:40]}")
    sheet["rows"], sheet["subtotals"] = _rows(printed_rows, sheet, notes)
    written_total = data.get("claimed_total")
    graded = _GRADED_TOTAL.match(_text(written_total))
    if graded:  # "97.5（优）", "优（97.5）": the total and the grade it claims
        written_total = graded["total"] or graded["after"]
        sheet["claimed_grade"] = {"grade": graded["grade"] or graded["first"], "source": f"总分行：“{_text(data.get('claimed_total'))}”"}
    total = _figure(written_total, "总分", notes)
    if total is not None:
        sheet["claimed_total"] = {"score": total, "source": f"总分行：自评得分“{_text(data.get('claimed_total'))}”"}
    printed = data.get("printed_notes")
    if printed:
        notes.append("表中所印说明：" + ("；".join(_text(n) for n in printed) if isinstance(printed, list) else _text(printed)))
    for key, value in data.items():
        if key not in _READ and value not in (None, "", [], {}):
            notes.append(f"{key}：{value}（未读入）")  # "sections_claimed", "budget_rows_printed": said, not scored
    sheet["notes"] = "。".join(n.rstrip("。") for n in notes if n)
    if said is not None:
        said.extend(n for n in notes if n and not n.startswith(("所印表名", "表中所印说明")))
    return {"format": 1, "case": case, "sheets": [sheet]}


def _budget(sheet: dict, budget: dict, subrows: object, printed_type: str, notes: list[str]) -> None:
    """The budget block: the amounts as inputs, the execution's weight and claim, its printed rate."""
    inputs: dict[str, Any] = {}
    plain: dict[str, tuple[str | None, str]] = {}  # the amounts as printed, without their unit, and the unit: a stated rate's
    unit = _money_unit(_text(budget.get("unit")))  # "单位：元" is 元
    for key, name, label in (("initial", "budget_initial", "年初预算数"), ("full_year", "budget", "全年预算数"),
                             ("executed", "executed", "全年执行数")):
        printed = budget.get(key)
        if printed is None and name == "budget_initial":
            continue  # 年初预算数: no rule reads it
        value, own = _amount(printed, label, unit, notes) if printed is not None else (None, unit)
        plain[name] = (value, own)
        if value is not None and own in ("元", "亿元"):
            value += own  # in 元 or 亿元, as printed: the case reads the unit (the rules' amounts are 万元)
        # null: not printed, or not visible in the copy — undisclosed, never missing (an error of the unit's)
        where = f"年度资金总额行 {label}：{_text(printed) or '未印出'}" + (f"（{unit}）" if unit and printed is not None else "")
        inputs[name] = {"value": value, "source": where} if value is not None else {"undisclosed": True, "source": where}
    fiscal_read = False
    for number, sub in enumerate(subrows if isinstance(subrows, list) else ()):
        if sub is None:
            continue  # a 其中 row not printed
        if not isinstance(sub, dict):
            raise ScoringError(f"budget_subrows[{number}]: 应为一行（{{\"label\": …, \"full_year\": …}}），得到 {_text(sub)[:40]}")
        label = _text(sub.get("label"))
        if fiscal_read or ("财政拨款" not in label and "财政资金" not in label):
            # 上年结转, 其他资金, a second fiscal row (自治区、县级财政资金): not read by the shipped rules
            notes.append(f"“{label or '其中'}”行（未读入）")
            continue
        fiscal_read = True
        for key, name, what in (("full_year", "budget_fiscal", "全年预算数"), ("executed", "executed_fiscal", "全年执行数")):
            value, own = _amount(sub.get(key), f"{label} {what}", unit, notes)
            if value is not None:
                inputs[name] = {"value": value + own if own in ("元", "亿元") else value,
                                "source": f"“{label}”行 {what}：{_text(sub.get(key))}"}
    sheet["inputs"] = inputs
    weight = _figure(budget.get("execution_weight"), "预算执行率分值", notes)
    if weight is None and budget.get("execution_weight") is None:
        # not printed in its cell, but said with the form's name ("区域绩效目标自评表 (预算执行20 + …)")
        said = _FORM_EXECUTION.search(printed_type)
        if said:
            weight = said["weight"]
            if weight != "10":
                notes.append(f"预算执行率分值未在格内印出，按表名“{printed_type}”所注 {weight} 分")
    if weight is not None and weight != "10":
        sheet["weights"] = {"execution": weight}
    if _text(budget.get("execution_claimed")) in _FULL_MARKS:
        claimed = sheet.get("weights", {}).get("execution", "10")  # "满分": the execution's whole weight
        notes.append(f"预算执行率得分印为“满分”，按 {claimed} 分读入")
    else:
        claimed = _figure(budget.get("execution_claimed"), "预算执行率得分", notes)
    if claimed is not None:
        sheet["claims"] = {"execution": {"score": claimed, "source": f"预算执行率 得分：{_text(budget.get('execution_claimed'))}"}}
    stated = _text(budget.get("execution_rate_printed"))
    (spent, spent_unit), (whole, whole_unit) = plain.get("executed", (None, unit)), plain.get("budget", (None, unit))
    # an amount no one could have spent (10^15 or more) is the input's error, said there: the rate
    # printed beside it, held against it, would refuse the whole sheet (review DS A2)
    if (stated and _plausible(spent, spent_unit) and _plausible(whole, whole_unit) and spent_unit == whole_unit
            and stated not in _EMPTY_CELLS):
        sheet["stated_rates"] = [{"label": "执行率", "stated": stated, "numerator": spent, "denominator": whole,
                                  "source": f"年度资金总额行 执行率：{stated}"}]


def _plausible(amount: str | None, unit: str) -> bool:
    """Whether an amount as `_amount` reads it, in ``unit``, is one a case can hold: given, and
    below 10^15 as written and in 万元, the rules' unit (2×10^14 亿元 is not: review DT B3)."""
    if amount is None:
        return False
    try:
        number = Decimal(amount)
    except ArithmeticError:
        return False
    return not is_too_large(number) and not (unit == "亿元" and is_too_large(number * 10000))


def _money_unit(printed: str) -> str:
    """The unit a budget block's amounts are in, however its cell says it ("单位：元", "万元"): 元,
    亿元, or 万元 (the rules' own, also where nothing is said)."""
    return "亿元" if "亿元" in printed else "万元" if "万元" in printed else "元" if "元" in printed else "万元"


def _amount(printed: object, label: str, unit: str, notes: list[str]) -> tuple[str | None, str]:
    """A budget amount as the case writes it and its unit: the one printed with it ("356.8万元"),
    else the block's."""
    written = _MONEY_AFTER.fullmatch(_text(printed).replace(" ", ""))
    if written is not None:
        return _figure(written["figure"], label, notes), written["unit"]
    return _figure(printed, label, notes), unit


def _rows(printed: list, sheet: dict, notes: list[str]) -> tuple[list[dict], list[dict]]:
    """The indicator rows, and a subtotal for each group printed with its weight."""
    rows: list[dict] = []
    subtotals: dict[tuple[str, ...], dict] = {}
    copies: list[tuple] = []  # rows taken for the block's execution: (where, cells, number, group, subtotals holding it)
    full_marks: list[tuple[dict, str, int]] = []  # rows claiming "满分" without a weight of their own
    cut: list[tuple[str, ...]] = []  # the groups of rows printed cut off
    parent: dict | None = None
    above: dict[str, str] = {}  # the headings of the row above, for cells left empty under a merged one
    for number, cells in enumerate(printed, 1):
        if cells is None:
            notes.append(f"第 {number} 个指标行为空（null，未读入）")
            continue
        if not isinstance(cells, dict):
            raise ScoringError(f"rows[{number - 1}]: 应为一行表格（{{\"l1\": …, \"name\": …, \"target\": …}}），得到 {_text(cells)[:40]}")
        for key in ("target", "actual", "weight", "claimed", "name", "l1", "l2", "rule", "赋分规则", "completion", "description",
                    "claimed_weighted", *_NATURE_KEYS, *_UNIT_KEYS):
            if isinstance(cells.get(key), (bool, dict, list)):
                raise ScoringError(f"rows[{number - 1}].{key}: 应为文字或数字，得到 {_text(cells.get(key))[:40]}")
        group = []
        headings = {level: _text(cells.get(level)) for level in ("l1", "l2")}
        carried = headings["l1"] in _SAME_AS_ABOVE and "l1" in above
        if carried:
            # a merged cell copied as "同上" or left empty: the heading above goes on down (review CT B1)
            headings["l1"] = above["l1"]
            if headings["l2"] in _SAME_AS_ABOVE and "l2" in above:
                headings["l2"] = above["l2"]
        elif "l2" in above and (headings["l2"] == "同上" or (headings["l2"] in _SAME_AS_ABOVE and headings["l1"] == above.get("l1"))):
            # … and under the same 一级 heading written again on each row, an empty 二级 cell is the merged
            # one above it (review DD A2)
            headings["l2"] = above["l2"]
        for level in ("l1", "l2"):
            heading = headings[level]
            if heading:
                above[level] = heading
            elif level == "l2":
                above.pop("l2", None)
            if not heading:
                continue
            found = _WEIGHTED_HEADING.match(heading)
            if found and found["name"].strip():
                heading = found["name"].strip()
                key = (*group, heading)
                weight = found["weight"] or found["bare"]
                subtotals.setdefault(key, {"group": list(key), "weight": weight, "source": f"指标“{found.group(0)}”"})
            group.append(heading)
        name = _text(cells.get("name"))
        named_by_l2 = bool(_text(cells.get("l2"))) and _text(cells.get("l2")) != "同上"
        if not name and group and named_by_l2 and not group[-1].endswith("指标"):
            # the indicator printed in the 二级 column, no 三级 ("产出指标" | "患者投诉率"): that is its name
            # (review CS A1), and a heading ending in 指标 ("数量指标") is a group
            name = group.pop()
            header = subtotals.pop((*group, name), None)
            if header is not None and _text(cells.get("weight")) in _EMPTY_CELLS:
                cells = {**cells, "weight": header["weight"]}  # "患者投诉率(10分)": the row's own weight
        target, actual = _cell(cells.get("target")), _cell(cells.get("actual"))
        target, actual = _ocr(target, "指标值", name, notes), _ocr(actual, "完成值", name, notes)
        weight_cell, claimed_cell = cells.get("weight"), cells.get("claimed")
        whole = _figure(weight_cell, "", []) if _text(claimed_cell) in _FULL_MARKS else None
        full_by_header = None
        if whole is not None:
            notes.append(f"第 {number} 个指标行（{name}）得分印为“{_text(claimed_cell)}”，按其分值 {whole} 分读入")
            claimed_cell = whole  # "满分": the row's whole weight (review CT A2)
        elif _text(claimed_cell) in _FULL_MARKS and _text(weight_cell) in _EMPTY_CELLS:
            # no weight of its own: the weight of the heading over it, where it is the heading's only row (review FH A1)
            full_by_header, claimed_cell = _text(claimed_cell), None
        where = f"第 {number} 个指标行（{'/'.join(group)}{'：' + name if name else ''}）"
        note = _text(cells.get("note"))
        if all(_text(cells.get(k)) in ("", "…") for k in ("target", "actual", "weight", "claimed")) and (not name or name.endswith("…")):
            notes.append(f"{where}未印出或被截去（未读入）")
            cut.append(tuple(group))  # a row the heading printed all the same (`_full_marks_by_header`)
            continue
        if _is_execution(name or (group[-1] if group else "")) and _same_execution(
                sheet, _figure(claimed_cell, f"{where}得分", []), _figure(weight_cell, f"{where}分值", []), where, notes):
            # the budget block's execution printed among the indicators: its group's weight holds it (a
            # row only named so stays a row, and its group holds the row: review DD A1) — unless the
            # sheet's weights add up only with it as a row (`_execution_rows_kept`)
            copies.append((len(rows), cells, number, group, [k for k, sub in subtotals.items()
                                                             if tuple(group[: len(k)]) == k and "execution" not in sub.get("includes", ())]))
            for key in copies[-1][4]:
                subtotals[key].setdefault("includes", []).append("execution")
            continue
        row: dict[str, Any] = {"group": group, "name": name}
        if target is not None:
            row["target"] = target
        if actual is not None:
            row["actual"] = actual
        weight = _figure(weight_cell, f"{where}分值", notes)
        claimed = _figure(claimed_cell, f"{where}得分", notes)
        if weight is not None:
            row["weight"] = weight
        if claimed is not None:
            row["claimed"] = claimed
        rule = _text(cells.get("rule") or cells.get("赋分规则"))
        if rule:
            row["rule"] = rule  # 赋分规则: the method the form names for the row
        # the 指标性质 and 度量单位 columns of forms that print them apart ("≤" | "1.0" | "克/平方米"), as a case
        # file's row has them: the comparator a bare target is held to, the unit of bare figures (review DM A2)
        for field, keys in (("nature", _NATURE_KEYS), ("unit", _UNIT_KEYS)):
            written = next((_text(cells.get(k)) for k in keys if _text(cells.get(k))), "")
            if written:
                row[field] = written
        converted = _figure(cells.get("claimed_weighted"), f"{where}折算得分", notes)
        if converted is not None:
            row["converted"] = converted
        if _text(cells.get("completion")) or _text(cells.get("description")):
            row["deviation"] = "；".join(t for t in (_text(cells.get("completion")), _text(cells.get("description"))) if t)
        others = [f"{k}：{v}" for k, v in cells.items() if k not in _ROW_READ and v not in (None, "", [], {})]
        row["source"] = where + (f"；{note}" if note else "") + (f"；未读入 {'；'.join(others)}" if others else "")
        if others:
            notes.append(f"{where}：{'；'.join(others)}（未读入）")  # said beside the scores, as any key not read
        if name.startswith("其中") and weight is None and claimed is None and parent is not None and parent["group"] == group:
            parent.setdefault("id", f"row{len(rows)}")
            row["part_of"] = parent["id"]
        else:
            parent = row
        if full_by_header is not None:
            full_marks.append((row, full_by_header, number))
        rows.append(row)
    _execution_rows_kept(rows, copies, subtotals, sheet, notes)
    _full_marks_by_header(full_marks, rows, cut, subtotals, notes)
    return rows, list(subtotals.values())


def _full_marks_by_header(marked: list[tuple[dict, str, int]], rows: list[dict], cut: list[tuple[str, ...]], subtotals: dict,
                          notes: list[str]) -> None:
    """A claim printed "满分" on a row without a weight of its own: the weight of the innermost weighted heading
    over it where the row is that heading's only row ("满意度指标(10分)" over one row: 10); otherwise not given, said so."""
    for row, written, number in marked:
        heading = max((k for k in subtotals if tuple(row["group"][: len(k)]) == k), key=len, default=None)
        under = [r for r in rows if heading is not None and tuple(r["group"][: len(heading)]) == heading and "part_of" not in r]
        under += [g for g in cut if heading is not None and g[: len(heading)] == heading]  # a row cut off is one (review FI B2)
        # (nor a heading that also holds the budget block's execution line, nor a 其中 part: review FI A1; nor past an
        # inner heading printing a weight not read, "服务对象满意度指标(五分)": review FI B3)
        inner = heading is not None and any(level.endswith((")", "）")) for level in row["group"][len(heading):])
        alone = (heading is not None and len(under) == 1 and not subtotals[heading].get("includes") and "part_of" not in row
                 and not inner)
        weight = _figure(subtotals[heading]["weight"], "", []) if alone else None
        if weight is None:
            notes.append(f"第 {number} 个指标行（{row['name']}）得分印为“{written}”，该行未印分值，按未给出处理")
            continue
        row["claimed"] = weight
        notes.append(f"第 {number} 个指标行（{row['name']}）得分印为“{written}”，按其所在“{heading[-1]}”的分值 {weight} 分读入")


def _execution_rows_kept(rows: list[dict], copies: list[tuple], subtotals: dict, sheet: dict, notes: list[str]) -> None:
    """A row taken for the budget block's execution printed again, put back as a row where the
    sheet's weights add up to 100 only with it (the block's own 10 and the other rows' 80 beside a
    "资金执行率" row of 10: review DE P1)."""
    if len(copies) != 1 or not rows or any("weight" not in r for r in rows):
        return
    at, cells, number, group, holding = copies[0]
    weight = _figure(cells.get("weight"), "", [])
    if weight is None or re.sub(r"[\s（(].*$", "", _text(cells.get("name")) or group[-1]) == "预算执行率":
        return  # the form's own line is the execution however the weights add up (09-yinchuan-liuzhong)
    others = sum((Decimal(r["weight"]) for r in rows), Decimal(0)) + Decimal(sheet.get("weights", {}).get("execution", "10"))
    if others == 100 or others + Decimal(weight) != 100:
        return
    row = {"group": group, "name": _text(cells.get("name")) or group[-1], "weight": weight,
           "source": f"第 {number} 个指标行（{'/'.join(group)}）"}
    for key, cell in (("target", "target"), ("actual", "actual"), ("claimed", "claimed")):
        value = _cell(cells.get(cell)) if key != "claimed" else _figure(cells.get(cell), "", [])
        if value is not None:
            row[key] = value
    rows.insert(at, row)
    for key in holding:
        subtotals[key]["includes"].remove("execution")
        if not subtotals[key]["includes"]:
            del subtotals[key]["includes"]
    notes.append(f"第 {number} 个指标行（{row['name']}）与预算执行情况相同，但各项分值须计入它才合计 100 分，按指标行读入")


def _is_execution(name: str) -> bool:
    bare = re.sub(r"[\s（(].*$", "", name)
    return bare in _EXECUTION_NAMES


def _same_execution(sheet: dict, claimed: str | None, weight: str | None, where: str, notes: list[str]) -> bool:
    """Whether a 预算执行率 row among the indicators is the budget block's execution printed again
    (its score the block's, or none): then it is not a row, and the weight it prints is the
    execution's where the block prints none.  A row whose score differs stays a row, for the
    scoring to say the two disagree."""
    block = sheet.get("claims", {}).get("execution")
    if block is None:
        return False
    if claimed is not None and Decimal(claimed) != Decimal(block["score"]):
        notes.append(f"{where}得分 {claimed} 与预算执行情况的得分 {block['score']} 不同")
        return False
    if weight is not None and "execution" not in sheet.get("weights", {}) and weight != "10":
        sheet.setdefault("weights", {})["execution"] = weight
        notes.append(f"预算执行率分值按{where}所印 {weight} 分")
    return True


def _figure(value: object, what: str, notes: list[str]) -> str | None:
    """A printed figure as the case writes it ("25.00"), or None where the cell gives none; a cell
    that is neither a figure nor empty is said in the notes ("得分印为“IO”")."""
    text = _text(value).replace(",", "").replace("，", "")
    if text.endswith("分"):
        text = text[:-1].strip()
    if text in _EMPTY_CELLS:
        return None
    if _FIGURE.match(text):  # a plain decimal, as the case writes it
        return text
    if _OCR_SLIP.match(text) and _FIGURE.match(text.translate(_OCR_DIGITS)):
        read = text.translate(_OCR_DIGITS)
        notes.append(f"{what}印为“{_text(value)}”，按“{read}”读入（扫描识别把数字认成了字母）")
        return read
    notes.append(f"{what}印为“{_text(value)}”，不是数字，按未给出处理")
    return None


def _ocr(text: str | None, what: str, name: str, notes: list[str]) -> str | None:
    """A target or an actual with a scanned page's letter for a digit in a figure ("9O%") read as the digit, and said."""
    if text is None or not _OCR_IN_FIGURE.search(text):
        return text
    read = _OCR_IN_FIGURE.sub(lambda m: m.group(0).translate(_OCR_DIGITS), text)
    notes.append(f"{name or '一行'}的{what}印为“{text}”，按“{read}”读入（扫描识别把数字认成了字母）")
    return read


def _cell(value: object) -> str | None:
    text = _text(value)
    return text if text else None


def _text(value: object) -> str:
    """A cell as printed: a string, or a number the collector wrote as a JSON number; anything else
    (an object, a list) is no cell, and reads as its JSON text."""
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value).strip()


def _flag(value: object, key: str, notes: list[str]) -> bool:
    """A yes or no, written as JSON's or as a word ("false", "否")."""
    if isinstance(value, bool) or value is None:
        return bool(value)
    text = _text(value).lower()
    if text in _TRUE or text in _FALSE:
        return text in _TRUE
    notes.append(f"{key} 印为“{_text(value)}”，不是是或否，按是处理")
    return True


def _year(value: object, notes: list[str]) -> int | None:
    text = "".join(_text(value).split()).removesuffix("年度").removesuffix("年").translate(_CHINESE_DIGITS)
    text = text.removesuffix(".0")  # 2024.0: a JSON number written as a float
    if not text:
        return None
    if text.isdigit() and len(text) == 4:
        return int(text)
    notes.append(f"年度印为“{_text(value)}”，未读入")
    return None


def _region(province: str, unit: str, notes: list[str]) -> list[str]:
    """The province's full name, then the places the unit's name begins with."""
    short = province
    for ending in ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市"):
        if short.endswith(ending) and short[: -len(ending)] in PROVINCES:
            short = short[: -len(ending)]
            break
    if short not in PROVINCES:
        if province:
            notes.append(f"省份印为“{province}”，不是省级行政区的名称")
        return [province or "未印出"]
    region = [FULL_NAMES.get(short, short)]
    # a unit whose name begins with a province-level region named after the printed one is that
    # region's ("新疆生产建设兵团第八师…" under "新疆": the 兵团 budgets apart, review DD A3)
    inner = next((name for name in sorted(PROVINCES, key=len, reverse=True)
                  if name != short and name.startswith(short) and unit.startswith(name)
                  and FULL_NAMES.get(name, name) != region[0]), None)
    within = UNITS_WITHIN.get(short)
    if inner is None and within is not None and re.match(within[0], unit):
        inner = within[1]
    if inner is not None:
        notes.append(f"省份印为“{province}”，单位名称“{unit}”表明属于{FULL_NAMES.get(inner, inner)}，地区按其读入")
        short, region = inner, [FULL_NAMES.get(inner, inner)]
    rest = unit
    for name in (region[0], short):
        if rest.startswith(name):
            rest = rest[len(name):]
            break
    for _ in range(2):  # 市, then 县/区: the unit itself comes after them
        place = _leading_place(rest)
        if place is None:
            break
        region.append(place)
        rest = rest[len(place):]
    return region


def _leading_place(text: str) -> str | None:
    """The place a name begins with ("临沧市" of "临沧市临翔区林业和草原局", "安居区" of "安居区市场监管局"):
    the shortest start of two to eight characters ending in a place's ending, with more after it."""
    if text.startswith(_NOT_PLACE_STARTS):
        return None
    for end in range(2, min(len(text) - 1, 12)):  # 西双版纳傣族自治州: nine
        head = text[:end]
        if any(head.endswith(e) and len(head) > len(e) for e in _PLACE_ENDINGS):
            if head.endswith("州") and text[end:end + 1] in ("市", "区", "县"):
                head = text[:end + 1]  # 杭州市, 伊州区: a place named for a 州
            return None if head.endswith(_NOT_PLACES) else head
    return None


def _form_name(printed: str) -> str:
    """The form's name without the publisher's note in brackets after it ("项目支出绩效自评表 (执行率10 + 指标90)"),
    keeping a bracket inside the name ("部门（单位）整体支出绩效自评表", "附表：部门（单位）整体…自评表": reviews DM
    A1, DN A5)."""
    end = printed.find("自评表")
    if end < 0:  # no form's word to end at: a note is a bracket ending the text ("部门（单位）整体支出绩效" keeps its own)
        return re.sub(r"\s*[（(][^（()）]*[)）]\s*$", "", printed)
    note = re.search(r"\s*[（(]", printed[end:])
    return printed if note is None else printed[: end + note.start()]


def _sheet_type(printed: str) -> str:
    """The sheet type the rule files name, from the form's printed name."""
    form = _form_name(printed)
    if "部门" in form and "整体" in form:
        return DEPARTMENT
    if "单位" in form and "整体" in form:
        return UNIT
    if "整体" in form:
        return DEPARTMENT  # "整体支出绩效自评表": the department's
    return PROJECT
