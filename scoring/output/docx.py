"""The review a bureau sends, as a Word document (python-docx): `scoring diff CASE --format docx`
for one submission and `scoring batch … --docx` for many.

One submission: heading, unit and rule version, the verdict in a sentence ("自评 98.2 分，按规则应得
99.01 分，其中 预算执行率 高报 0.19 分"), the indicators with claimed and computed scores, the
findings in plain Chinese, the grade, and a place for the reviewer's signature and date.  A batch:
totals, counts by status and by grade, the largest over-claims, and one section per unit with
errors.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Iterable
from decimal import Decimal

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from ..batch.run import BatchResult
from ..batch.summary import SheetSummary
from ..engine.results import CaseReport, IndicatorDiff, SheetDiff
from ..numbers import fmt
from ..review.grades import span_text
from .labels import SEVERITY_LABELS, STATUS_LABELS, TOOL, delta_text, signed
from .reasons import deduction_cells, deduction_reason, line_computed, line_reason, rules_total_text, total_note
from .summary import problem_text, repeat_texts
from .xml_text import xml_safe

FONT = "宋体"
HEADING_FONT = "黑体"
TOP_OVER_CLAIMS = 10
INDICATOR_COLUMNS = ("指标", "分值", "自评得分", "计算得分", "差额", "状态", "说明")
INDICATOR_WIDTHS = (4.2, 1.3, 1.6, 2.0, 1.5, 1.7, 6.7)  # cm, on an A4 page with 2.2 cm margins
_OVER = RGBColor(0xC0, 0x00, 0x00)


def docx_bytes(document) -> bytes:
    """The document as the bytes of a .docx file (written by the caller in one piece)."""
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# -- one submission ------------------------------------------------------------------------------


def case_review(report: CaseReport, case=None) -> Document:
    """The review of one scored case (``case``: the case as loaded, for the year and department)."""
    doc = _document()
    _title(doc, "预算绩效自评复核意见")
    info = getattr(case, "case", None)
    facts = [("单位", report.unit)]
    if info is not None and info.department:
        facts.append(("主管部门", info.department))
    if info is not None and info.year is not None:
        facts.append(("年度", f"{info.year} 年"))
    _facts(doc, facts)
    for sd in report.sheets:
        _sheet_section(doc, sd)
    _findings(doc, report.findings)
    _signature(doc)
    return doc


def verdict(claimed: Decimal | None, computed: str, lines: Iterable[tuple[str, str, Decimal | None]], span: str = "") -> str:
    """The verdict in a sentence: "自评 98.2 分，按规则应得 99.01 分，其中 预算执行率 高报 0.19 分。"
    ``lines``: (indicator, status, delta) of the lines that differ; ``span``: the range the rules
    allow, where something could not be checked."""
    shown = f"{computed} 分" + (f"（可能范围 {span} 分）" if span and span != computed else "")
    head = f"自评 {fmt(claimed)} 分，按规则应得 {shown}" if claimed is not None else f"未填报自评总分，按规则应得 {shown}"
    return head + _differing_text(lines) + "。"


def _differing_text(lines: Iterable[tuple[str, str, Decimal | None]]) -> str:
    parts = [f"{name} {STATUS_LABELS[status]} {fmt(abs(delta))} 分" if delta is not None and status in ("over", "under") else f"{name} {STATUS_LABELS[status]}"
             for name, status, delta in lines]
    return "，其中 " + "，".join(parts) if parts else ""


def sheet_verdict(sd: SheetDiff) -> str:
    """The verdict of one scored sheet, with its grade."""
    t = sd.total
    c = t.comparison
    differing = [(r.result.name or "（未命名指标）", r.comparison.status, r.comparison.delta) for r in sd.indicators
                 if r.comparison.status in ("over", "under", "invalid")]
    span = rules_total_text(sd)
    if c.low is None:
        # printed weights that do not add up: the rules give no total to set beside the claim
        claimed = f"自评 {fmt(c.claimed)} 分" if c.claimed is not None else "未填报自评总分"
        text = f"{claimed}；{total_note(sd, with_claims=False)}{_differing_text(differing)}。"
        if t.claimed_grade:
            text += f"自评等级 {t.claimed_grade}，无法按规则核定。"
        return text
    text = verdict(c.claimed, fmt(c.computed) if c.computed is not None else span, differing, span if c.low != c.high else "")
    if c.claimed is not None:
        text += _total_sentence(c.status, c.delta)
    if t.grades:
        text += f"等级：按规则为 {span_text(t.grades)}" + (f"，自评为 {t.claimed_grade}" if t.claimed_grade else "") + "。"
    return text


def _total_sentence(status: str, delta: Decimal | None) -> str:
    """The sentence of a claimed total's status: a total that cannot be checked has no difference to print."""
    if status == "over" and delta is not None:
        return f"总分高报 {fmt(delta)} 分。"
    if status == "under" and delta is not None:
        return f"总分低报 {fmt(abs(delta))} 分。"
    return {"over": "总分高报。", "under": "总分低报。", "match": "总分与规则相符。", "incomplete": "表不完整，不对总分下结论。",
            "unverifiable": "部分指标无法核验，总分无法确认。", "invalid": "总分超出满分。"}.get(status, "")


def _sheet_section(doc, sd: SheetDiff) -> None:
    r = sd.sheet.rules
    _heading(doc, sd.sheet.title, level=2)
    _facts(doc, [("适用规则", f"{r.title}（版本 {r.version}）")])
    _paragraph(doc, sheet_verdict(sd), bold=True)
    rows = [_indicator_row(row) for row in sd.indicators]
    for d in sd.sheet.deductions:
        claimed, computed, delta, status = deduction_cells(d, sd.sheet.tolerance)
        rows.append(((d.name, "扣分项", claimed, computed, delta, STATUS_LABELS[status] if status else "", deduction_reason(d)), status or None))
    t = sd.total.comparison
    rows.append((("合计", fmt(sd.total.weight), fmt(t.claimed) or "未填", fmt(t.computed) or rules_total_text(sd), signed(t.delta), STATUS_LABELS[t.status],
                  total_note(sd)), t.status))
    _table(doc, INDICATOR_COLUMNS, rows, INDICATOR_WIDTHS, bold_last=True)
    _small(doc, f"规则文件校验码（sha256）{r.sha256}")


def _indicator_row(row: IndicatorDiff) -> tuple[tuple[str, ...], str]:
    ind, c = row.result, row.comparison
    computed = line_computed(row) or "无法核验"
    return (ind.name, fmt(ind.weight) or "未印出", fmt(c.claimed) or "未填", computed, delta_text(c), STATUS_LABELS[c.status], line_reason(row)), c.status


def _findings(doc, findings) -> None:
    _heading(doc, "复核发现", level=2)
    shown = [f for f in findings if f.severity in ("error", "warning")]
    notes = [f for f in findings if f.severity == "info"]
    if not shown:
        _paragraph(doc, "未发现须更正的问题。")
    for i, f in enumerate(shown, start=1):
        _paragraph(doc, f"{i}. 【{SEVERITY_LABELS[f.severity]}】{f.message}", color=_OVER if f.severity == "error" else None)
    if notes:
        _paragraph(doc, "说明：" + "；".join(f.message for f in notes) + "。", size=9)


def _signature(doc) -> None:
    doc.add_paragraph()
    _paragraph(doc, "复核意见：" + "＿" * 30)
    _paragraph(doc, "＿" * 35)
    doc.add_paragraph()
    _paragraph(doc, "复核人（签字）：＿＿＿＿＿＿　　　复核单位（盖章）：＿＿＿＿＿＿＿＿", align=WD_ALIGN_PARAGRAPH.RIGHT)
    _paragraph(doc, "日期：＿＿＿＿年＿＿月＿＿日", align=WD_ALIGN_PARAGRAPH.RIGHT)
    _small(doc, f"本意见由 {TOOL} 按所列规则版本逐项重新计算后生成；计算过程可用 scoring explain 复现。")


# -- a batch ---------------------------------------------------------------------------------------


def batch_review(result: BatchResult, title: str = "预算绩效自评批量复核汇总", explain=None) -> Document:
    """The summary of a batch: totals, counts by status and grade, the largest over-claims, one
    section per unit with errors, and what could not be scored.  ``explain`` gives the differing
    lines of the sheets it explains (`batch.run.explain`), where the summary rows do not carry them."""
    doc = _document()
    _title(doc, title)
    sheets = result.sheets
    counts = result.counts()
    with_errors = [s for s in sheets if s.worst_severity == "error"]
    # each sheet handed in more than once is counted once, by its first copy in the input, in the sums and
    # in the counts alike, and the page says so (review EH B1; GB B3: the counts held both copies)
    again = {id(s) for group in result.repeats() for s in group[1:]}
    repeated = f"，另有 {len(again)} 张是重复提交的表（各份均已复核，统计只计每张表的第一份）" if again else ""
    _paragraph(doc, f"共复核 {counts['scored']} 张表（{counts['read']} 份材料），其中 {len(with_errors)} 张有错误{repeated}；"
                    f"无法复核 {counts['failed']} 项，跳过 {counts['skipped']} 项。", bold=True)
    # only totals the rules settle (not a partial sheet's, nor one they cannot check): else the sum holds
    # differences the review itself draws no verdict on (review EH B1)
    settled = [s for s in sheets if s.claimed is not None and s.computed is not None and s.delta is not None
               and s.total_status in ("match", "over", "under") and id(s) not in again]
    if settled:
        claimed = sum((s.claimed for s in settled), Decimal(0))
        computed = sum((s.computed for s in settled), Decimal(0))
        left = len([s for s in sheets if s.claimed is not None and id(s) not in again]) - len(settled)
        # a total with lines the rules cannot check is a range, counted at the value in it nearest the claim (review FN B3)
        ranged = sum(1 for s in settled if s.unverified_weight)
        _paragraph(doc, f"总分可按规则核定的 {len(settled)} 张表合计自评 {fmt(claimed)} 分，按规则合计 {fmt(computed)} 分，"
                        f"相差 {signed(claimed - computed)} 分"
                        + (f"（其中 {ranged} 张表有无法核验的指标，总分按其可能范围内最接近自评得分的分数计入）" if ranged else "")
                        + (f"（另有 {left} 张表不完整或总分无法核定，未计入）" if left else "")
                        + ("；重复提交的表只计第一份" if again else "") + "。")
    rules = "；".join(f"{ref}" for ref, _sha in result.rule_sets())
    if rules:
        _facts(doc, [("所用规则", rules)])

    counted = [s for s in sheets if id(s) not in again]
    once = "（重复提交的表只计第一份）" if again else ""
    _heading(doc, f"按总分状态统计{once}", level=2)
    status = Counter(s.total_status for s in counted)
    _table(doc, ("总分状态", "表数"), [((STATUS_LABELS[k], str(n)), None) for k, n in sorted(status.items(), key=lambda kv: -kv[1])], (6, 3))
    _heading(doc, f"按等级统计{once}", level=2)
    grades = Counter((s.grade or "—", s.claimed_grade or "—") for s in counted)
    _table(doc, ("按规则等级", "自评等级", "表数"), [((g, c, str(n)), None) for (g, c), n in sorted(grades.items(), key=lambda kv: -kv[1])], (4, 4, 3))

    over = sorted((s for s in sheets if s.delta is not None and s.delta > 0), key=lambda s: (-s.delta, s.order))[:TOP_OVER_CLAIMS]
    _heading(doc, f"高报最多的 {len(over)} 张表" if over else "高报", level=2)
    if over:
        _table(doc, ("单位", "表", "自评总分", "计算总分", "高报"),
               [((s.unit, s.title or s.sheet_id, fmt(s.claimed), fmt(s.computed), fmt(s.delta)), "over") for s in over], (5.5, 4.5, 2, 2, 2))
    else:
        _paragraph(doc, "没有总分高报的表。")

    if with_errors:
        _heading(doc, "有错误的单位", level=1)
    unexplained = [s for s in with_errors if not s.details]
    explained = dict(zip(map(id, unexplained), explain(unexplained))) if explain is not None and unexplained else {}
    for s in with_errors:
        _unit_section(doc, s, s.details or explained.get(id(s), ()))
    unchecked = [s for s in sheets if s.worst_severity == "warning" and any(code in _WANTING for _sev, code, _m, _w in s.findings)]
    if unchecked:
        # what to send back for: the sheets whose only trouble is a claim the rules cannot check (review EH B2)
        _heading(doc, "无法核验、需补充材料的表", level=2)
        for s in unchecked:
            said = "；".join(message for _sev, code, message, _w in s.findings if code in _WANTING)
            _paragraph(doc, f"• {s.unit}“{s.title or s.sheet_id}”（{s.path}）：{said}", size=9)
    repeated = repeat_texts(result)
    if repeated:
        # one sheet handed in twice, with different verdicts maybe: which counts is the bureau's to say (review DS C1)
        _heading(doc, "重复提交", level=2)
        for line in repeated:
            _paragraph(doc, f"• {line}", size=9)
    for heading, problems in (("无法复核的材料", result.failures), ("已跳过的文件", result.skipped), ("提示", result.notices)):
        if problems:
            _heading(doc, heading, level=2)
            for p in problems:
                _paragraph(doc, f"• {problem_text(p)}", size=9)
    _signature(doc)
    return doc


# The warnings of a sheet that say a claim or a figure could not be checked: what the unit is asked for
# (a figure not disclosed, a value written so it cannot be read, units with no conversion).
_WANTING = frozenset({"unverifiable", "unreadable_value", "unit_mismatch"})


def _unit_section(doc, s: SheetSummary, details) -> None:
    _heading(doc, f"{s.unit}：{s.title or s.sheet_id}", level=2)
    # which submission (a table's row by its line): a unit may hand in several sheets, one of them wrong (review ES B3)
    _facts(doc, [("文件", s.path), ("适用规则", s.rules)])
    lines = [(d.name, d.status, _decimal(d.delta)) for d in details]
    claimed = f"自评 {fmt(s.claimed)} 分" if s.claimed is not None else "未填报自评总分"
    if s.total_status == "incomplete":
        # a partial sheet: no total the rules give to set beside the claim (review EH B1)
        text = f"{claimed}；表不完整（只录入了部分指标），不对总分下结论{_differing_text(lines)}。"
    elif s.computed is None:
        text = f"{claimed}；部分指标无法核验，总分无法按规则核定{_differing_text(lines)}。"
    else:
        text = verdict(s.claimed, fmt(s.computed) or "—", lines)
        if s.claimed is not None:
            text += _total_sentence(s.total_status, s.delta)
    if s.grade:
        text += f"等级：按规则为 {s.grade}" + (f"，自评为 {s.claimed_grade}" if s.claimed_grade else "") + "。"
    _paragraph(doc, text, bold=True)
    if details:
        _table(doc, INDICATOR_COLUMNS, [((d.name, d.weight, d.claimed or "未填", d.computed, d.delta, STATUS_LABELS[d.status], d.reason), d.status)
                                        for d in details], INDICATOR_WIDTHS)
    for sev, _code, message, _where in s.findings:
        _paragraph(doc, f"【{SEVERITY_LABELS[sev]}】{message}", color=_OVER if sev == "error" else None, size=10)


def _decimal(text: str) -> Decimal | None:
    """A line's difference as `delta_text` wrote it: of a range ("+0.01～+2.00"), its nearer end."""
    try:
        return Decimal(text.split("～")[0]) if text else None
    except ArithmeticError:
        return None


# -- building blocks -----------------------------------------------------------------------------


def _document():
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.orientation = WD_ORIENT.PORTRAIT
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.2))
    section.top_margin = section.bottom_margin = Cm(2.2)
    normal = doc.styles["Normal"]
    _chinese_font(normal, FONT, 11)
    for name in ("Title", "Heading 1", "Heading 2"):
        _chinese_font(doc.styles[name], HEADING_FONT, {"Title": 18, "Heading 1": 15, "Heading 2": 13}[name])
        doc.styles[name].font.color.rgb = RGBColor(0, 0, 0)
    footer = section.footer.paragraphs[0]
    footer.text = TOOL
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.core_properties.author = TOOL
    return doc


def _chinese_font(style, name: str, size: float) -> None:
    """Word picks the East Asian font from its own attribute; setting only the name leaves
    Chinese text in whatever the reader's default is."""
    style.font.name = name
    style.font.size = Pt(size)
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia"):
        fonts.set(qn(attr), name)


def _title(doc, text: str) -> None:
    p = doc.add_paragraph(xml_safe(text), style="Title")
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _heading(doc, text: str, level: int) -> None:
    doc.add_heading(text, level=level)


def _facts(doc, facts: list[tuple[str, str]]) -> None:
    for label, value in facts:
        p = doc.add_paragraph()
        p.add_run(f"{label}：").bold = True
        p.add_run(xml_safe(value))
        p.paragraph_format.space_after = Pt(2)


def _paragraph(doc, text: str, bold: bool = False, color: RGBColor | None = None, size: float | None = None, align=None) -> None:
    p = doc.add_paragraph()
    run = p.add_run(xml_safe(text))
    run.bold = bold
    if color is not None:
        run.font.color.rgb = color
    if size is not None:
        run.font.size = Pt(size)
    if align is not None:
        p.alignment = align


def _small(doc, text: str) -> None:
    _paragraph(doc, text, size=8, color=RGBColor(0x59, 0x59, 0x59))


def _table(doc, headers: tuple[str, ...], rows: list[tuple[tuple[str, ...], str | None]], widths: tuple[float, ...], bold_last: bool = False) -> None:
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, headers):
        cell.text = ""
        run = cell.paragraphs[0].add_run(xml_safe(text))
        run.bold = True
        run.font.size = Pt(9)
    for i, (values, status) in enumerate(rows):
        cells = table.add_row().cells
        for cell, text in zip(cells, values):
            run = cell.paragraphs[0].add_run(xml_safe(str(text or "")))
            run.font.size = Pt(9)
            if status in ("over", "invalid"):
                run.font.color.rgb = _OVER
            if bold_last and i == len(rows) - 1:
                run.bold = True
    table.autofit = False
    for column, width in zip(table.columns, widths):
        column.width = Cm(width)  # the grid, which LibreOffice and WPS lay out by
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = Cm(width)  # each cell, which Word lays out by
