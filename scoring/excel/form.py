"""The official form — 项目支出绩效自评表 / 部门整体支出绩效自评表 — on one worksheet: what
`scoring template` hands out and, with the review columns beside the claims, what
`scoring diff --format xlsx` hands back.  Both are read back by `excel.importer`.

Top to bottom: the title; the heading (单位名称, 项目名称, 主管部门, 实施单位, 年度, 地区); the budget
block (年初预算数, 全年预算数, 全年执行数, 分值, 执行率, 得分) where the rules score budget execution;
the indicator table — target/actual rows (一级 / 二级 merged down their rows, 三级指标, 年度指标值,
实际完成值, 分值, 得分, 偏差原因分析及改进措施) or, for rule sets of the formula type, each indicator
with the figures it uses; 扣分项; 总分 and 等级; the signature block (填报人, 审核人, 联系电话, 日期).
That is the print area.  Below it, not printed: whether the sheet is complete, the source, the
printed group subtotals and the stated rates.  Right of the print area, not printed: each line's
source and note.

Column A is hidden and holds each row's key ("row", "fig:budget", "total" …): technical names
stay there, never where a person reads.  The key of a line of the formula table or of 扣分项
carries a check of what the line prints (`label_check`), so a key moved to another line is
noticed.  Blocks are read back by their header texts, so a renamed, deleted or swapped header is
reported, never guessed around.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from decimal import Decimal

from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..engine.results import IndicatorDiff, SheetDiff
from ..numbers import fmt, round_half_up
from ..output.labels import STATUS_LABELS, TOOL
from ..output.reasons import deduction_reason, deduction_status, line_reason, total_note
from ..output.xml_text import xml_safe
from ..review.grades import span_text
from ..rules.model import RuleSet, required_inputs

FONT = "宋体"  # what official forms are printed in; LibreOffice substitutes a CJK serif font where it is absent
UNDISCLOSED = "未披露"
YES_NO = ("是", "否")
NATURES = ("定性", "定量", "≥", "≤", "＝", "＞", "＜")
# The standard groups of the national form (财预〔2020〕10号 附件), pre-printed on a blank template.
STANDARD_GROUPS = (
    ("产出指标", "数量指标"), ("产出指标", "质量指标"), ("产出指标", "时效指标"), ("产出指标", "成本指标"),
    ("效益指标", "经济效益指标"), ("效益指标", "社会效益指标"), ("效益指标", "生态效益指标"), ("效益指标", "可持续影响指标"),
    ("满意度指标", "服务对象满意度指标"),
)
BLANK_ROWS_PER_GROUP = 2
BLANK_LIST_ROWS = 5

# The budget block: which inputs each line holds, under which header.  Rule sets that do not
# declare these inputs have no budget block.
BUDGET_HEADERS = ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")
BUDGET_LINES = {
    "total": ("年度资金总额", {"年初预算数": "budget_initial", "全年预算数": "budget", "全年执行数": "executed"}),
    "fiscal": ("其中：当年财政拨款", {"全年预算数": "budget_fiscal", "全年执行数": "executed_fiscal"}),
}
RATE_LABEL = "执行率"

HEADERS = {
    "name": "三级指标", "nature": "指标性质", "target": "年度指标值", "unit": "度量单位", "actual": "实际完成值", "rule": "赋分规则",
    "weight": "分值", "claim": "得分", "converted": "折算得分", "deviation": "偏差原因分析及改进措施",
    "fig_label": "所用数据", "fig_value": "数值", "fig_unit": "单位",
    "computed": "计算得分", "delta": "差额", "status": "状态", "explain": "说明",
    "source": "来源（不打印）", "note": "备注（不打印）",
}
GROUP_HEADERS = ("一级指标", "二级指标")
EXTRA_GROUP_HEADER = "指标类别"  # a level above 一级, on forms that print one (年度绩效指标完成情况)
HEAD_LABELS = {"unit": "单位名称", "year": "年度", "project": "项目名称", "department": "主管部门", "implementer": "实施单位", "region": "地区"}
SIGN_LABELS = {"preparer": "填报人", "reviewer": "审核人", "phone": "联系电话", "date": "日期"}
AUX_LABELS = {"complete": "是否完整（否：只录入了表的一部分）", "source": "资料来源"}
DEDUCTION_HEADERS = {"standard": "扣分标准", "count": "发现问题数", "claim": "扣分"}
SUBTOTAL_HEADERS = ("分组（用“/”分隔）", "小计得分（所填）", "分组分值（所印）", "来源")
RATE_HEADERS = ("比率名称", "所写比率", "分子", "分母", "来源")

_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD_FILL = PatternFill("solid", fgColor="F2F2F2")
_REVIEW_HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
_INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
STATUS_FILLS = {
    "over": PatternFill("solid", fgColor="F8CBAD"),
    "invalid": PatternFill("solid", fgColor="F4B084"),
    "under": PatternFill("solid", fgColor="DDEBF7"),
    "unverifiable": PatternFill("solid", fgColor="FFF2CC"),
}
SCORE_FORMAT = "0.00"
DELTA_FORMAT = "+0.00;-0.00;0.00"
LINE_HEIGHT = 12.5  # points per line of 10-point 宋体
MIN_HEIGHT = 14


@dataclass(frozen=True)
class Col:
    role: str
    header: str
    width: float
    printed: bool = True


def grid(rule_set: RuleSet, sheet: dict | None, review: bool) -> list[Col]:
    """The columns of the form for ``rule_set`` (B onwards; A is the hidden key column)."""
    rows = (sheet or {}).get("rows", [])
    if rule_set.rows is not None:
        depth = max([2, *(len(r.get("group", [])) for r in rows)])
        blank = sheet is None
        cols = _group_cols(depth) + [Col("name", HEADERS["name"], 26)]
        if blank or any(r.get("nature") for r in rows):
            cols.append(Col("nature", HEADERS["nature"], 7))
        cols.append(Col("target", HEADERS["target"], 14))
        if blank or any(r.get("unit") for r in rows):
            cols.append(Col("unit", HEADERS["unit"], 6))
        cols.append(Col("actual", HEADERS["actual"], 14))
        if rule_set.rows.rule_names or any(r.get("rule") for r in rows):
            cols.append(Col("rule", HEADERS["rule"], 10))
        cols += [Col("weight", HEADERS["weight"], 6.5), Col("claim", HEADERS["claim"], 6.5)]
        if any(r.get("converted") is not None for r in rows):
            cols.append(Col("converted", HEADERS["converted"], 6.5))  # a form printing 折算得分 (Hebei)
        cols.append(Col("deviation", HEADERS["deviation"], 20))
    else:
        depth = max([2, *(len(i.group) for i in rule_set.indicators)])
        cols = _group_cols(depth, width=8) + [
            Col("name", HEADERS["name"], 13), Col("fig_label", HEADERS["fig_label"], 60), Col("fig_value", HEADERS["fig_value"], 10),
            Col("fig_unit", HEADERS["fig_unit"], 6), Col("weight", HEADERS["weight"], 6.5), Col("claim", HEADERS["claim"], 6.5),
        ]
    if review:
        cols += [Col("computed", HEADERS["computed"], 10), Col("delta", HEADERS["delta"], 7.5), Col("status", HEADERS["status"], 8),
                 Col("explain", HEADERS["explain"], 36)]
    cols += [Col("source", HEADERS["source"], 40, printed=False), Col("note", HEADERS["note"], 30, printed=False)]
    return cols


def _group_cols(depth: int, width: float = 10) -> list[Col]:
    extra = [Col(f"g{i}", EXTRA_GROUP_HEADER, width) for i in range(depth - 2)]
    return extra + [Col(f"g{depth - 2}", GROUP_HEADERS[0], width), Col(f"g{depth - 1}", GROUP_HEADERS[1], width + 1)]


def budget_inputs(rule_set: RuleSet) -> dict[str, dict[str, str]]:
    """The budget block's lines present in ``rule_set``: line → {header: input name}."""
    if not {"budget", "executed"} <= set(rule_set.inputs):
        return {}
    out = {}
    for line, (_label, cells) in BUDGET_LINES.items():
        present = {h: n for h, n in cells.items() if n in rule_set.inputs}
        if present:
            out[line] = present
    return out


def budget_indicator(rule_set: RuleSet):
    """The indicator the budget block's 得分 belongs to (预算执行率): one whose formula reads only
    the block's figures."""
    names = {n for cells in budget_inputs(rule_set).values() for n in cells.values()}
    if not names:
        return None
    for ind in rule_set.indicators:
        used = required_inputs([ind], rule_set.inputs)
        if used and used <= names:
            return ind
    return None


def key_text(kind: str, **fields: str) -> str:
    """A row key: "kind|field=value|…"; values never hold "|" (they are identifiers)."""
    return "|".join([kind, *(f"{k}={v}" for k, v in fields.items() if v not in (None, ""))])


def label_check(name: str, label: str) -> str:
    """A digest of what a keyed line prints — the name of its indicator or 扣分项 where the line
    prints it, the label of its figure — kept in its key.  The importer compares it with what the
    line prints: a key moved or copied to another line is noticed, not read as that line's."""
    return hashlib.sha256(f"{name.strip()}\n{label.strip()}".encode()).hexdigest()[:8]


def parse_key(text: object) -> tuple[str, dict[str, str]]:
    """The kind and fields of a row key ("" for a row without one, e.g. one a person inserted)."""
    if not isinstance(text, str) or not text.strip():
        return "", {}
    kind, *rest = text.strip().split("|")
    fields = {}
    for item in rest:
        k, _, v = item.partition("=")
        fields[k] = v
    return kind, fields


class FormWriter:
    """Lays out one sheet of a case (or a blank one) on ``ws``.  ``review``: the sheet's diff, for
    the scored workbook."""

    def __init__(self, ws: Worksheet, rule_set: RuleSet, case: dict | None, sheet: dict | None, review: SheetDiff | None = None):
        self.ws, self.rs, self.case, self.sheet, self.review = ws, rule_set, case or {}, sheet, review
        self.data = sheet or {}
        self.cols = grid(rule_set, sheet, review is not None)
        self.col = {c.role: i + 2 for i, c in enumerate(self.cols)}
        self.printed = [c for c in self.cols if c.printed]
        self.last_printed = 1 + len(self.printed)
        self.form_last = max(self.col[r] for r in ("claim", "deviation") if r in self.col)  # the form's own columns
        self.row = 0
        self.validations: dict[tuple, DataValidation] = {}
        self.heights: dict[int, float] = {}
        self.table_header = 0
        self.diffs = {d.result.id: d for d in review.indicators} if review else {}
        self.first_figure_cell: dict[str, str] = {}

    # -- cells ------------------------------------------------------------------------------

    def next_row(self, key: str) -> int:
        self.row += 1
        self.ws.cell(row=self.row, column=1, value=key)
        return self.row

    def put(self, row: int, col: int, value=None, *, span: int = 1, down: int = 1, editable: bool = False, bold: bool = False,
            align: str = "left", number_format: str | None = None, fill: PatternFill | None = None, border: bool = True,
            size: float = 10, color: str | None = None) -> None:
        """Write one (possibly merged) cell: borders on the whole range, value at its top left."""
        ws = self.ws
        if span > 1 or down > 1:
            ws.merge_cells(start_row=row, start_column=col, end_row=row + down - 1, end_column=col + span - 1)
        for r in range(row, row + down):
            for c in range(col, col + span):
                cell = ws.cell(row=r, column=c)
                if border:
                    cell.border = _BORDER
                if editable:
                    cell.protection = Protection(locked=False)
                if fill is not None or (editable and self.review is None):
                    cell.fill = fill if fill is not None else _INPUT_FILL
        cell = ws.cell(row=row, column=col)
        if isinstance(value, Decimal):
            value = float(value) if value != value.to_integral_value() else int(value)  # the workbook's own cell type
        cell.value = (xml_safe(value) if isinstance(value, str) else value) if value not in ("", None) else None
        if isinstance(cell.value, str) and cell.value.startswith("="):
            cell.data_type = "s"  # data from a case is never a spreadsheet formula
        if editable:
            cell.number_format = "@"
        elif number_format:
            cell.number_format = number_format
        cell.font = Font(name=FONT, size=size, bold=bold, color=color)
        cell.alignment = Alignment(horizontal=align, vertical="center", wrap_text=True)

    def need(self, row: int, text: str | None, width: float, down: int = 1) -> None:
        """Make ``row`` (with the ``down - 1`` rows below it) tall enough for ``text`` in ``width``."""
        lines = text_lines(text, width)
        per_row = (lines * LINE_HEIGHT + 3) / down
        for r in range(row, row + down):
            self.heights[r] = max(self.heights.get(r, MIN_HEIGHT), per_row)

    def width_of(self, col: int, span: int = 1) -> float:
        return sum(self.cols[c - 2].width for c in range(col, col + span) if 0 <= c - 2 < len(self.cols))

    def check_number(self, ref: str, title: str, undisclosed: bool = False) -> None:
        extra = f',{ref}="{UNDISCLOSED}"' if undisclosed else ""
        formula = f'OR({ref}="",ISNUMBER(VALUE({ref})){extra})'
        message = "请填写数字（可带小数和负号），不要带单位或文字" + (f"；文件未披露的数字填“{UNDISCLOSED}”" if undisclosed else "") + "。"
        dv = DataValidation(type="custom", formula1=formula, allow_blank=True, showErrorMessage=True, errorTitle=title[:32], error=message)
        dv.add(ref)
        self.ws.add_data_validation(dv)

    def check_list(self, ref: str, options: tuple[str, ...], title: str) -> None:
        key = ("list", options)
        dv = self.validations.get(key)
        if dv is None:
            dv = DataValidation(type="list", formula1='"' + ",".join(options) + '"', allow_blank=True, showErrorMessage=True,
                                errorTitle=title[:32], error="请从下拉列表中选择。")
            self.validations[key] = dv
            self.ws.add_data_validation(dv)
        dv.add(ref)

    def ref(self, row: int, role: str) -> str:
        return f"{get_column_letter(self.col[role])}{row}"

    # -- the whole form ----------------------------------------------------------------------

    def write(self) -> None:
        self.layout_columns()
        self.title()
        self.heading()
        budget = budget_inputs(self.rs)
        if budget:
            self.budget_block(budget)
        if self.rs.rows is not None:
            self.rows_table()
        others = [i for i in self.rs.indicators if i is not budget_indicator(self.rs)]
        if others or self.rs.rows is None:
            self.formula_table(others)
        if self.rs.deductions:
            self.deductions()
        self.total()
        self.signatures()
        last_printed_row = self.row
        self.aux()
        for r in range(1, self.row + 1):
            # every row's height is set, so the printout is what was laid out (no program's guess)
            self.ws.row_dimensions[r].height = round(self.heights.get(r, MIN_HEIGHT), 1)
        self.print_setup(last_printed_row)
        self.ws.protection.sheet = True
        self.ws.protection.formatRows = False  # rows may be resized and inserted (another indicator line)
        self.ws.protection.insertRows = False
        self.ws.protection.formatColumns = False

    def layout_columns(self) -> None:
        ws = self.ws
        ws.column_dimensions["A"].hidden = True
        ws.column_dimensions["A"].width = 4
        for i, c in enumerate(self.cols, start=2):
            ws.column_dimensions[get_column_letter(i)].width = c.width
        ws.sheet_view.showGridLines = False

    def title(self) -> None:
        r = self.next_row("title")
        title = self.data.get("title") or self.rs.info.sheet_type
        self.put(r, 2, title, span=self.last_printed - 1, bold=True, size=16, align="center", border=False, editable=True, fill=PatternFill())
        self.heights[r] = 30
        r = self.next_row("subtitle")
        self.put(r, 2, "（金额单位：万元）", span=self.last_printed - 1, border=False, align="right")

    def pairs(self, key: str, items: list[tuple[str, object, bool]], first: int, last: int) -> dict[str, str]:
        """Label/value pairs, two to a row, across columns ``first``..``last``; returns each
        label's value cell."""
        width = last - first + 1
        half = width // 2
        spans = [(first, half), (first + half, width - half)]
        cells = {}
        for i in range(0, len(items), 2):
            r = self.next_row(key)
            for (start, span), item in zip(spans, items[i:i + 2]):
                label, value, editable = item
                label_span = 2 if span >= 4 else 1
                self.put(r, start, label, span=label_span, bold=True, align="center", fill=_HEAD_FILL)
                self.put(r, start + label_span, value, span=span - label_span, editable=editable)
                self.need(r, str(value or ""), self.width_of(start + label_span, span - label_span))
                self.need(r, label, self.width_of(start, label_span))
                cells[label] = f"{get_column_letter(start + label_span)}{r}"
        return cells

    def heading(self) -> None:
        c, s = self.case, self.data
        year = c.get("year")
        items = [(HEAD_LABELS["unit"], c.get("unit"), True), (HEAD_LABELS["year"], year if year is not None else (None if self.sheet else self.rs.info.sole_fiscal_year), True)]
        if "项目" in self.rs.info.sheet_type or s.get("project"):
            items.append((HEAD_LABELS["project"], s.get("project"), True))
        items += [(HEAD_LABELS["department"], c.get("department"), True), (HEAD_LABELS["implementer"], s.get("implementer"), True)]
        region = c.get("region")
        items.append((HEAD_LABELS["region"], "/".join(region) if region else ("/".join(self.rs.region_path) or None), True))
        year = self.pairs("head", items, 2, self.last_printed)[HEAD_LABELS["year"]]
        dv = DataValidation(type="custom", formula1=f'OR({year}="",AND(ISNUMBER(VALUE({year})),VALUE({year})>=1990,VALUE({year})<=2100))',
                            showErrorMessage=True, error="请填写四位年份（不知道可留空）。")
        dv.add(year)
        self.ws.add_data_validation(dv)

    def header_row(self, key: str, cells: list[tuple[int, int, str]], review: bool = True) -> int:
        r = self.next_row(key)
        for col, span, text in cells:
            self.put(r, col, text, span=span, bold=True, align="center", fill=_HEAD_FILL)
            self.need(r, text, self.width_of(col, span))
        self._review_headers(r, review)
        return r

    def _review_headers(self, r: int, review: bool = True) -> None:
        if not review:
            return
        for role in ("computed", "delta", "status", "explain", "source", "note"):
            if role in self.col:
                printed = role not in ("source", "note")
                self.put(r, self.col[role], HEADERS[role], bold=True, align="center", fill=_REVIEW_HEAD_FILL if printed else _HEAD_FILL)

    def annotate(self, row: int, col: int, source: str | None, note: str | None = None) -> None:
        """Where a claim or figure came from, as a cell comment: seen on screen, not printed."""
        text = "\n".join(x for x in (f"来源：{source}" if source else "", f"说明：{note}" if note else "") if x)
        if text:
            comment = Comment(text, TOOL)
            comment.width, comment.height = 320, 120
            self.ws.cell(row=row, column=col).comment = comment

    def blank_form_cells(self, r: int, used: set[int], header: bool = False) -> None:
        """Borders on the form's columns a line leaves empty, so the table's grid runs on."""
        for c in range(2, self.form_last + 1):
            if c not in used:
                self.put(r, c, None, fill=_HEAD_FILL if header else None)

    # -- budget ------------------------------------------------------------------------------

    def budget_spans(self) -> list[tuple[int, int]]:
        """Label over the group columns, then six fields spread over the form's other columns."""
        first = self.col["name"]
        cols = list(range(first, self.form_last + 1))
        n, k = len(cols), len(BUDGET_HEADERS)
        spans, start = [], first
        for i in range(k):
            span = n // k + (1 if i < n % k else 0)
            spans.append((start, span))
            start += span
        return [(2, first - 2)] + spans

    def budget_block(self, budget: dict[str, dict[str, str]]) -> None:
        spans = self.budget_spans()
        ind = budget_indicator(self.rs)
        self.table_header = self.header_row("budget:head", [(spans[0][0], spans[0][1], "资金情况（万元）")] + [
            (c, s, h) for (c, s), h in zip(spans[1:], BUDGET_HEADERS)])
        inputs = self.data.get("inputs", {})
        for line, cells in budget.items():
            label = BUDGET_LINES[line][0]
            fields = {"in": ",".join(cells.values())}
            if line == "total" and ind is not None:
                fields |= {"ind": ind.id, "w": fmt(ind.weight)}
            r = self.next_row(key_text(f"budget:{line}", **fields))
            self.put(r, spans[0][0], label, span=spans[0][1], bold=True, align="center")
            for (col, span), header in zip(spans[1:], BUDGET_HEADERS):
                name = cells.get(header)
                if name is not None:
                    figure = _figure(inputs.get(name))
                    self.put(r, col, figure["text"], span=span, editable=True, align="right")
                    self.check_number(f"{get_column_letter(col)}{r}", self.rs.inputs[name].label, undisclosed=True)
                    self.annotate(r, col, figure["source"], figure["note"])
                elif line == "total" and ind is not None and header in ("分值", "执行率", "得分"):
                    self._budget_score_cell(r, col, span, header, ind)
                else:
                    self.put(r, col, "—", span=span, align="center")
            self.put(r, self.col["source"], None)
            self.put(r, self.col["note"], None)
            self.review_cells(r, self.diffs.get(ind.id) if (line == "total" and ind is not None) else None)

    def _budget_score_cell(self, r: int, col: int, span: int, header: str, ind) -> None:
        ref = f"{get_column_letter(col)}{r}"
        if header == "分值":
            weight = self.data.get("weights", {}).get(ind.id, self.data.get("weights", {}).get(ind.name, ind.weight))
            self.put(r, col, _text(weight), span=span, editable=ind.weight_adjustable, align="right")
            if ind.weight_adjustable:
                self.check_number(ref, "分值")
        elif header == "执行率":
            rate = self._budget_rate()
            self.put(r, col, rate.get("stated") if rate else None, span=span, editable=True, align="right")
            if rate:
                self.annotate(r, col, rate.get("source"))
        else:
            claim = _claim(self.data, ind)
            diff = self.diffs.get(ind.id)
            fill = STATUS_FILLS.get(diff.comparison.status) if diff else None
            self.put(r, col, claim["score"], span=span, editable=True, align="right", fill=fill)
            self.check_number(ref, ind.name)
            self.annotate(r, col, claim["source"])

    def _budget_rate(self) -> dict | None:
        """The stated 执行率 that belongs in the budget block: the one computed from 全年执行数 over
        全年预算数 as the sheet gives them.  Other stated rates stay in the rate list."""
        inputs = self.data.get("inputs", {})
        executed, budget = _figure(inputs.get("executed"))["value"], _figure(inputs.get("budget"))["value"]
        for rate in self.data.get("stated_rates", []):
            if rate.get("label") == RATE_LABEL and executed is not None and budget is not None \
                    and Decimal(str(rate["numerator"])) == executed and Decimal(str(rate["denominator"])) == budget:
                return rate
        return None

    # -- the target/actual table -------------------------------------------------------------------

    def rows_table(self) -> None:
        cells = [(self.col[c.role], 1, c.header) for c in self.cols if c.printed and c.role not in ("computed", "delta", "status", "explain")]
        self.table_header = self.header_row("rows:head", cells)
        rows = self.data.get("rows", []) if self.sheet is not None else [
            {"group": list(g)} for g in STANDARD_GROUPS for _ in range(BLANK_ROWS_PER_GROUP)]
        scored = self._row_diffs()
        start = self.row + 1
        for i, row in enumerate(rows):
            r = self.next_row(key_text("row", id=row.get("id", ""), part_of=row.get("part_of", ""), blank="1" if self.sheet is None else ""))
            for role in ("name", "nature", "target", "unit", "actual", "rule", "weight", "claim", "converted", "deviation"):
                if role not in self.col:
                    continue
                value = row.get({"claim": "claimed"}.get(role, role))
                diff = scored.get(i)
                fill = STATUS_FILLS.get(diff.comparison.status) if (diff and role == "claim") else None
                right = role in ("weight", "claim", "converted")
                self.put(r, self.col[role], _text(value), editable=True, align="right" if right else "left", fill=fill)
                if right:
                    self.check_number(self.ref(r, role), HEADERS[role])
                elif role == "nature":
                    self.check_list(self.ref(r, role), NATURES, "指标性质")
                elif role == "rule" and self.rs.rows.rule_names:
                    self.check_list(self.ref(r, role), tuple(self.rs.rows.rule_names), "赋分规则")
                if role in ("name", "target", "actual", "deviation"):
                    self.need(r, _text(value), self.width_of(self.col[role]))
            self.put(r, self.col["source"], row.get("source"))
            self.put(r, self.col["note"], row.get("note"))
            self.review_cells(r, scored.get(i), parent=self._parent_note(i))
        self.merge_groups(start, [list(r.get("group", [])) for r in rows], editable=True)

    def _row_diffs(self) -> dict[int, IndicatorDiff]:
        if self.review is None:
            return {}
        rows = self.data.get("rows", [])
        rule_ids = {i.id for i in self.rs.indicators}
        by_id = {d.result.id: d for d in self.review.indicators if d.result.id not in rule_ids}
        return {i: by_id[row.get("id") or f"row{i + 1}"] for i, row in enumerate(rows) if (row.get("id") or f"row{i + 1}") in by_id}

    def _parent_note(self, index: int) -> str:
        if self.review is None:
            return ""
        for parent in self.review.sheet.parents:
            if parent.index == index:
                return "本行为其下各行之和，由各行计分" if parent.scored_children else "本行计分，其下各行为其组成部分"
            if index in parent.children and not parent.scored_children:
                return f"为“{parent.row.name}”的组成部分，不单独计分"
        return ""

    def merge_groups(self, start: int, groups: list[list[str]], editable: bool) -> None:
        """Group cells merged down consecutive rows with the same group (一级 over its 二级 …)."""
        depth = len([c for c in self.cols if c.role.startswith("g")])
        n = len(groups)
        for level in range(depth):
            col = self.col[f"g{level}"]
            i = 0
            while i < n:
                key = tuple(groups[i][: level + 1]) if len(groups[i]) > level else None
                j = i + 1
                while key is not None and j < n and tuple(groups[j][: level + 1]) == key:
                    j += 1
                value = groups[i][level] if key is not None else None
                self.put(start + i, col, value, down=j - i, editable=editable, align="center")
                self.need(start + i, value, self.width_of(col), down=j - i)
                i = j

    # -- the formula table ---------------------------------------------------------------------------

    def formula_table(self, indicators) -> None:
        # On a target/actual form (a rule set with rows and formula indicators) the figures take
        # the 年度指标值 / 实际完成值 / 度量单位 columns.
        fc = {"fig_label": self.col.get("fig_label", self.col.get("target")), "fig_value": self.col.get("fig_value", self.col.get("actual")),
              "fig_unit": self.col.get("fig_unit", self.col.get("unit"))}
        roles = {col: role for role, col in fc.items() if col is not None}
        cells = [(self.col[c.role], 1, HEADERS[roles[self.col[c.role]]] if self.col[c.role] in roles else
                  (c.header if c.role in ("name", "weight", "claim") or c.role.startswith("g") else None))
                 for c in self.cols if c.printed and c.role not in ("computed", "delta", "status", "explain")]
        self.table_header = self.header_row("ind:head", cells)
        other_cols = [self.col[c.role] for c in self.cols if c.printed and self.col[c.role] <= self.form_last and c.role not in
                      ("name", "weight", "claim") and not c.role.startswith("g") and self.col[c.role] not in roles]
        inputs = self.data.get("inputs", {})
        start = self.row + 1
        groups = []
        used_anywhere: set[str] = set()
        blocks = [(ind, [n for n in self.rs.inputs if n in required_inputs([ind], self.rs.inputs)]) for ind in indicators]
        for _, names in blocks:
            used_anywhere |= set(names)
        leftover = [n for n in self.rs.inputs if n not in used_anywhere and n not in {x for c in budget_inputs(self.rs).values() for x in c.values()}]
        if leftover:
            blocks.append((None, leftover))
        for ind, names in blocks:
            first = self.row + 1
            diff = self.diffs.get(ind.id) if ind is not None else None
            for k, name in enumerate(names or [None]):
                kind = "fig" if name is None or name not in self.first_figure_cell else "ref"
                fields = {"ind": ind.id if (ind is not None and k == 0) else "", "fig" if kind == "fig" else "ref": name or ""}
                decl = self.rs.inputs[name] if name is not None else None
                label = decl.label + (f"（可空：{decl.default_reason}）" if decl.default is not None and decl.default_reason else "") if decl else ""
                printed = (ind.name if ind is not None else "其他数据") if k == 0 else ""  # the name is printed on the first line
                r = self.next_row(key_text("line", **fields, check=label_check(printed, label)))
                for col in other_cols:
                    self.put(r, col, None)
                groups.append(list(ind.group) if ind is not None else ["其他数据"])
                if name is None:
                    for role, col in fc.items():
                        if col is not None:
                            self.put(r, col, "—" if role == "fig_value" else None, align="center")
                    continue
                self.put(r, fc["fig_label"], label)
                self.need(r, label, self.width_of(fc["fig_label"]))
                if fc["fig_unit"] is not None:
                    self.put(r, fc["fig_unit"], decl.unit or None, align="center")
                if kind == "fig":
                    figure = _figure(inputs.get(name))
                    value = figure["text"]
                    self.put(r, fc["fig_value"], value, editable=True, align="right")
                    ref = f"{get_column_letter(fc['fig_value'])}{r}"
                    self.first_figure_cell[name] = ref
                    if decl.type == "flag":
                        self.check_list(ref, (*YES_NO, UNDISCLOSED), "是/否")
                    else:
                        self.check_number(ref, decl.label, undisclosed=True)
                    self.put(r, self.col["source"], figure["source"] or None)
                    self.put(r, self.col["note"], figure["note"] or None)
                else:
                    # the same figure again: shown from where it is entered, so it is entered once
                    source = self.first_figure_cell[name]
                    self.put(r, fc["fig_value"], None, align="right", color="595959")
                    cell = self.ws[f"{get_column_letter(fc['fig_value'])}{r}"]
                    cell.value = f'=IF({source}="","",{source})'
                    self.put(r, self.col["note"], f"同 {source}，在那里填写")
            down = self.row - first + 1
            if ind is None:
                for role in ("name", "weight", "claim"):
                    self.put(first, self.col[role], "其他数据" if role == "name" else None, down=down, align="center")
                self.review_cells(first, None, down=down)
                continue
            self.put(first, self.col["name"], ind.name, down=down, align="center")
            self.need(first, ind.name, self.width_of(self.col["name"]), down=down)
            self.put(first, self.col["weight"], ind.weight, down=down, align="center", number_format=_weight_format(ind.weight))
            claim = _claim(self.data, ind)
            fill = STATUS_FILLS.get(diff.comparison.status) if diff else None
            self.put(first, self.col["claim"], claim["score"], down=down, editable=True, align="right", fill=fill)
            self.check_number(self.ref(first, "claim"), ind.name)
            self.annotate(first, self.col["claim"], claim["source"])
            self.review_cells(first, diff, down=down)
        self.merge_groups(start, groups, editable=False)

    # -- deductions, total, signatures -----------------------------------------------------------------

    def deductions(self) -> None:
        name_col, claim_col = self.col["name"], self.col["claim"]
        std_col = self.col.get("fig_label", self.col.get("target"))
        count_col = self.col.get("fig_value", self.col.get("actual"))
        group_cols = [self.col[c.role] for c in self.cols if c.role.startswith("g")]
        cells = [(c, 1, self.cols[c - 2].header) for c in group_cols] + [
            (name_col, 1, HEADERS["name"]), (std_col, 1, DEDUCTION_HEADERS["standard"]),
            (count_col, 1, DEDUCTION_HEADERS["count"]), (claim_col, 1, DEDUCTION_HEADERS["claim"])]
        used = set(group_cols) | {name_col, std_col, count_col, claim_col}
        r = self.header_row("ded:head", cells)
        self.blank_form_cells(r, used, header=True)
        findings, claims = self.data.get("findings", {}), self.data.get("claims", {})
        start = self.row + 1
        for d in self.rs.deductions:
            r = self.next_row(key_text("ded", id=d.id, check=label_check(d.name, "")))
            self.blank_form_cells(r, used)
            self.put(r, name_col, d.name)
            std = f"每处扣 {fmt(d.per_finding)} 分" + (f"，最多扣 {fmt(d.max_deduction)} 分" if d.max_deduction else "")
            self.put(r, std_col, std)
            found = findings.get(d.id) or findings.get(d.name)
            figure = _figure(found)
            self.put(r, count_col, figure["text"], editable=True, align="right")
            self.check_number(f"{get_column_letter(count_col)}{r}", "发现问题数", undisclosed=True)
            claim = claims.get(d.id) or claims.get(d.name)
            score = claim.get("score") if isinstance(claim, dict) else claim
            self.put(r, claim_col, _text(score), editable=True, align="right")
            self.check_number(f"{get_column_letter(claim_col)}{r}", d.name)
            self.need(r, d.name, self.width_of(name_col))
            self.annotate(r, claim_col, claim.get("source") if isinstance(claim, dict) else None)
            self.put(r, self.col["source"], figure["source"] or None)
            self.put(r, self.col["note"], figure["note"] or None)
            self._deduction_review(r, d.id)
        self.merge_groups(start, [list(d.group) for d in self.rs.deductions], editable=False)

    def _deduction_review(self, r: int, ded_id: str) -> None:
        if self.review is None:
            return
        d = next((x for x in self.review.sheet.deductions if x.id == ded_id), None)
        if d is None:
            return
        # the line's status and reason as every other output gives them (review CC A3: a deduction owed
        # and not taken was 高报 in the diff's table and bare here)
        status = deduction_status(d, self.review.sheet.tolerance)
        fill = STATUS_FILLS.get(status)
        if d.deduction is None:
            self.put(r, self.col["computed"], UNDISCLOSED, align="center")
        else:
            self.put(r, self.col["computed"], -d.deduction if d.deduction else Decimal(0), align="right", number_format=SCORE_FORMAT, fill=fill)
        delta = round_half_up(d.deduction - d.claimed, 2) if d.claimed is not None and d.deduction is not None else None
        self.put(r, self.col["delta"], delta, align="right", number_format=DELTA_FORMAT, fill=fill)
        self.put(r, self.col["status"], STATUS_LABELS[status] if status else None, align="center", fill=fill)
        self.put(r, self.col["explain"], deduction_reason(d) or None, fill=fill)

    def total(self) -> None:
        group_cols = [self.col[c.role] for c in self.cols if c.role.startswith("g")]
        label_span = self.col["weight"] - group_cols[0]
        r = self.next_row("total")
        self.put(r, 2, "总分", span=label_span, bold=True, align="center")
        self.put(r, self.col["weight"], self.rs.info.total, align="center", bold=True, number_format=_weight_format(self.rs.info.total))
        claimed = self.data.get("claimed_total")
        t = self.review.total.comparison if self.review else None
        fill = STATUS_FILLS.get(t.status) if t else None
        self.put(r, self.col["claim"], _text(claimed.get("score") if isinstance(claimed, dict) else claimed), editable=True, bold=True, align="right", fill=fill)
        self.check_number(self.ref(r, "claim"), "总分")
        self._after_claim(r)
        self.annotate(r, self.col["claim"], claimed.get("source") if isinstance(claimed, dict) else None)
        if self.review is not None:
            sd = self.review
            if t.computed is not None or t.low is None:
                # the point the difference is measured from; the range, where there is one, is in 说明
                self.put(r, self.col["computed"], t.computed, align="right", bold=True, number_format=SCORE_FORMAT, fill=fill)
            else:
                self.put(r, self.col["computed"], f"{fmt(t.low)}～{fmt(t.high)}", align="center", bold=True, fill=fill)
            self.put(r, self.col["delta"], t.delta, align="right", number_format=DELTA_FORMAT, fill=fill)
            self.put(r, self.col["status"], STATUS_LABELS[t.status], align="center", fill=fill)
            note = total_note(sd)
            self.put(r, self.col["explain"], note or None, fill=fill)
            self.need(r, note, self.width_of(self.col["explain"]))
        r = self.next_row("grade")
        self.put(r, 2, "等级", span=label_span, bold=True, align="center")
        bands = " ".join(f"{g.label}{_band_text(g)}" for g in self.rs.grades)
        self.put(r, self.col["weight"], None)
        grade = self.data.get("claimed_grade")
        shown = grade.get("grade") if isinstance(grade, dict) else grade
        self.put(r, self.col["claim"], shown, editable=True, align="center")
        if self.rs.grades:
            self.check_list(self.ref(r, "claim"), tuple(g.label for g in self.rs.grades), "等级")
        self._after_claim(r, text=f"（{bands}）" if bands and "deviation" in self.col else None)
        if bands and "deviation" in self.col:
            self.need(r, f"（{bands}）", self.width_of(self.col["deviation"]))
        self.annotate(r, self.col["claim"], grade.get("source") if isinstance(grade, dict) else None)
        if self.review is not None:
            t2 = self.review.total
            span = span_text(t2.grades)
            agree = None
            if t2.claimed_grade and t2.grades:
                agree = "一致" if t2.claimed_grade in t2.grades else "不符"
            bad = agree == "不符"
            gfill = STATUS_FILLS["over"] if bad else None
            self.put(r, self.col["computed"], span or None, align="center", bold=True, fill=gfill)
            self.put(r, self.col["delta"], None)
            self.put(r, self.col["status"], agree, align="center", fill=gfill)
            text = f"按规则 {span}" + (f"，自评 {t2.claimed_grade}" if t2.claimed_grade else "") + (f"（{bands}）" if bands else "") if span else None
            self.put(r, self.col["explain"], text, fill=gfill)
            self.need(r, text, self.width_of(self.col["explain"]))

    def _after_claim(self, r: int, text: str | None = None) -> None:
        """Fill the form's columns after 得分 on a total line (偏差原因 …) so the borders run on."""
        for c in range(self.col["claim"] + 1, self.form_last + 1):
            self.put(r, c, text if c == self.col["claim"] + 1 else None)

    def signatures(self) -> None:
        s, c = self.data, self.case
        date = c.get("evaluated")
        items = [(SIGN_LABELS["preparer"], s.get("preparer"), True), (SIGN_LABELS["reviewer"], s.get("reviewer"), True),
                 (SIGN_LABELS["phone"], s.get("phone"), True), (SIGN_LABELS["date"], date.isoformat() if hasattr(date, "isoformat") else date, True)]
        self.pairs("sign", items, 2, self.last_printed)

    # -- below the print area ----------------------------------------------------------------------------

    def aux(self) -> None:
        self.next_row("")
        r = self.next_row("aux:title")
        self.put(r, 2, "以下内容不打印：录入与核对用", span=self.last_printed - 1, bold=True, border=False)
        complete = "否" if self.data.get("complete") is False else "是"
        cells = self.pairs("aux", [(AUX_LABELS["complete"], complete, True), (AUX_LABELS["source"], self.case.get("source"), True)], 2, self.last_printed)
        self.check_list(cells[AUX_LABELS["complete"]], YES_NO, "是否完整")
        self.next_row("")
        subtotals = self.data.get("subtotals", [])
        self.list_block("sub", SUBTOTAL_HEADERS, [
            ("/".join(t.get("group", [])), _text(t.get("claimed")), _text(t.get("weight")), t.get("source"),
             ",".join(t.get("includes", []))) for t in subtotals], numbers=(1, 2), title="分组小计（原表所印）")
        self.next_row("")
        rates = [t for t in self.data.get("stated_rates", []) if t is not self._budget_rate()]
        self.list_block("rate", RATE_HEADERS, [
            (t["label"], t["stated"], _text(t["numerator"]), _text(t["denominator"]), t.get("source"), "") for t in rates],
            numbers=(2, 3), title="文中所写比率（与其分子分母核对）")

    def list_block(self, kind: str, headers: tuple[str, ...], items: list[tuple], numbers: tuple[int, ...], title: str) -> None:
        r = self.next_row(f"{kind}:title")
        self.put(r, 2, title, span=self.last_printed - 1, bold=True, border=False)
        spans = self._list_spans(len(headers))
        self.header_row(f"{kind}:head", [(c, s, h) for (c, s), h in zip(spans, headers)], review=False)
        for item in items + [("",) * (len(headers) + 1)] * (BLANK_LIST_ROWS if self.sheet is None else 2):
            *values, hidden = item
            r = self.next_row(key_text(kind, includes=hidden))
            for i, ((col, span), value) in enumerate(zip(spans, values)):
                self.put(r, col, value or None, span=span, editable=True, align="right" if i in numbers else "left")
                if i in numbers:
                    self.check_number(f"{get_column_letter(col)}{r}", headers[i])
                self.need(r, value, self.width_of(col, span))

    def _list_spans(self, n: int) -> list[tuple[int, int]]:
        """``n`` fields over the form's columns: the last (a source) gets what is left."""
        cols = list(range(2, self.form_last + 1))
        per = max(1, (len(cols) - 2) // (n - 1)) if n > 1 else len(cols)
        spans, start = [], 2
        for i in range(n):
            span = per if i < n - 1 else max(1, self.form_last - start + 1)
            if i == 0:
                span += 1
            span = min(span, self.form_last - start + 1 - (n - 1 - i)) if i < n - 1 else span
            spans.append((start, max(1, span)))
            start += max(1, span)
        return spans

    # -- review columns ------------------------------------------------------------------------------

    def review_cells(self, r: int, diff: IndicatorDiff | None, down: int = 1, parent: str = "") -> None:
        if self.review is None:
            return
        if diff is None:
            for role in ("computed", "delta", "status"):
                self.put(r, self.col[role], None, down=down)
            self.put(r, self.col["explain"], parent or None, down=down)
            return
        ind, c = diff.result, diff.comparison
        fill = STATUS_FILLS.get(c.status)
        if ind.interval or (c.computed is None and c.low is not None):
            self.put(r, self.col["computed"], f"{fmt(c.low)}～{fmt(c.high)}", down=down, align="center", fill=fill)
        elif c.computed is None:
            self.put(r, self.col["computed"], "无法核验", down=down, align="center", fill=fill)
        else:
            self.put(r, self.col["computed"], c.computed, down=down, align="right", number_format=SCORE_FORMAT, fill=fill)
        self.put(r, self.col["delta"], c.delta, down=down, align="right", number_format=DELTA_FORMAT, fill=fill)
        self.put(r, self.col["status"], STATUS_LABELS[c.status], down=down, align="center", fill=fill)
        why = line_reason(diff)
        if c.status in ("over", "invalid") and not why and ind.computed is not None:
            why = f"按规则应得 {fmt(ind.computed)} 分"
        self.put(r, self.col["explain"], why or None, down=down, fill=fill)
        self.need(r, why, self.width_of(self.col["explain"]), down=down)

    # -- printing ------------------------------------------------------------------------------------

    def print_setup(self, last_row: int) -> None:
        page_setup(self.ws, f"B1:{get_column_letter(self.last_printed)}{last_row}", self.table_header,
                   footer=f"{self.rs.info.title}（规则版本 {self.rs.version}）　{TOOL}")


def page_setup(ws: Worksheet, area: str, title_row: int, footer: str = "") -> None:
    """A4 landscape, one page wide, the table's header repeated on every page, page numbers."""
    ws.print_area = area
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    ws.page_margins.header = ws.page_margins.footer = 0.25
    if title_row:
        ws.print_title_rows = f"{title_row}:{title_row}"
    ws.page_setup.fitToHeight = _pages_if_nearly_full(ws, area)
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    ws.oddFooter.center.font = FONT
    if footer:
        ws.oddFooter.left.text = footer.replace("&", "&&")
        ws.oddFooter.left.font = FONT
        ws.oddFooter.left.size = 8


# A4 landscape less the margins above, in points (the footer sits inside the bottom margin).
PAGE_WIDTH, PAGE_HEIGHT = 841.9 - 72, 595.3 - 72
SPILL = Decimal("0.35")  # a last page this little filled is folded into the pages before it


def _pages_if_nearly_full(ws: Worksheet, area: str) -> int:
    """0 (as many pages as it takes) — unless the last page would hold only a few lines, a page a
    clerk would staple for nothing: then the page count before it, the print shrunk a little."""
    from openpyxl.utils.cell import range_boundaries

    first_col, first_row, last_col, last_row = range_boundaries(area)
    width = sum((ws.column_dimensions[get_column_letter(c)].width or 8.43) * 7 + 5 for c in range(first_col, last_col + 1)) * 0.75
    height = sum(ws.row_dimensions[r].height or MIN_HEIGHT for r in range(first_row, last_row + 1))
    scale = min(1.0, PAGE_WIDTH / width)
    pages = Decimal(str(height * scale / PAGE_HEIGHT))
    whole = int(pages)
    return whole if whole >= 1 and pages - whole < SPILL else 0


def text_lines(text: str | None, width: float) -> int:
    """Lines ``text`` wraps to in a column ``width`` units wide: a CJK character takes two units."""
    if not text:
        return 1
    total = 0
    for line in str(text).split("\n"):
        units = sum(2 if ord(ch) > 0x2E7F else 1 for ch in line)
        total += max(1, -(-units // max(1, int(width) - 1)))
    return total


def _weight_format(value: Decimal) -> str:
    return "0" if value == value.to_integral_value() else SCORE_FORMAT


def _band_text(band) -> str:
    if band.lower is not None and band.upper is not None:
        return f"{fmt(band.lower)}～{fmt(band.upper)}"
    if band.lower is not None:
        return f"≥{fmt(band.lower)}"
    if band.upper is not None:
        return f"＜{fmt(band.upper)}"
    return ""


def _text(value) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


def _figure(fig) -> dict:
    """A case figure (plain data) as the cell shows it: its text, value, source and note."""
    if fig is None:
        return {"text": None, "value": None, "source": "", "note": ""}
    if not isinstance(fig, dict):
        fig = {"value": fig}
    if fig.get("undisclosed"):
        return {"text": UNDISCLOSED, "value": None, "source": fig.get("source", ""), "note": fig.get("note", "")}
    value = fig.get("value")
    if isinstance(value, str) and value.endswith("%"):
        value = value[:-1]  # a figure written as a percentage dumps as "-38%" (`Figure._dumped`): the cell holds its number
    number = None if isinstance(value, bool) or value is None else Decimal(str(value))
    # a figure typed with its unit ("253.87万元") is kept as written, and written back so (review CC A1)
    text = _text(value) if value is not None else fig.get("written")
    return {"text": text, "value": number, "source": fig.get("source", ""), "note": fig.get("note", "")}


def _claim(sheet: dict, ind) -> dict:
    claims = sheet.get("claims", {})
    claim = claims.get(ind.id) or claims.get(ind.name)
    if claim is None:
        return {"score": None, "source": ""}
    if not isinstance(claim, dict):
        return {"score": _text(claim), "source": ""}
    return {"score": _text(claim.get("score")), "source": claim.get("source", "")}
