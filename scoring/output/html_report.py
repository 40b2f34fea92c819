"""The batch report as one self-contained HTML file a finance bureau can e-mail.

Everything is inline — styles, SVG charts — and nothing refers to anything outside the file: no
script, no font, no image, no link.  `outside_references` checks exactly that and the tests use
it.  Long batches are cut in the tables (with the count of what was left out), never in the
counts or the charts' statistics.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable
from html import escape

from ..batch.run import BatchResult
from ..batch.summary import IndicatorLine, SheetSummary
from ..findings import label as finding_label
from ..numbers import fmt
from .labels import STATUS_LABELS, severity_label, signed
from .summary import SUMMARY_HEADERS, counts_line, problem_text, repeat_texts, rules_line, short_names, summary_row
from .svg_charts import STATUS_COLORS, dumbbells, histogram, scatter

MAX_TABLE_ROWS = 2000
# Gives the differing lines of the sheets a report explains, in their order.
Explainer = Callable[[list[SheetSummary]], list[tuple[IndicatorLine, ...]]]
MAX_DETAILED_SHEETS = 500
_STYLE = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;margin:24px 32px;color:#212121;background:#fff}
h1{font-size:26px;margin:0 0 6px}h2{font-size:20px;margin:28px 0 10px;border-bottom:2px solid #e0e0e0;padding-bottom:4px}
h3{font-size:16px;margin:18px 0 6px}.meta{color:#616161;font-size:13px;margin:2px 0}
.cards{display:flex;gap:14px;flex-wrap:wrap;margin:16px 0}.card{border:1px solid #e0e0e0;border-radius:6px;padding:10px 16px;min-width:130px}
.card b{display:block;font-size:26px}.card span{color:#616161;font-size:13px}.card.bad b{color:#c62828}
.charts{display:flex;gap:24px;flex-wrap:wrap;align-items:flex-start}.charts figure{margin:0}
figcaption{font-size:14px;font-weight:bold;margin:0 0 6px}
table{border-collapse:collapse;font-size:13px;margin:6px 0}th,td{border:1px solid #e0e0e0;padding:3px 8px;text-align:left;vertical-align:top}
th{background:#f5f5f5}td.n{text-align:right;font-variant-numeric:tabular-nums}
tr.error td:first-child{border-left:4px solid #c62828}tr.warning td:first-child{border-left:4px solid #ef6c00}
.legend span{display:inline-block;margin-right:14px;font-size:13px}.legend i{display:inline-block;width:10px;height:10px;border-radius:5px;margin-right:4px}
ul.findings{margin:4px 0 0;padding-left:20px;font-size:13px}li.error{color:#b71c1c}li.warning{color:#e65100}
.note{color:#757575;font-size:13px}article{border-top:1px solid #eeeeee;padding-top:4px}
"""


def render_html(result: BatchResult, generated: dt.datetime | None = None, explain: Explainer | None = None) -> str:
    """The whole report: counts, charts, the summary table, per-unit explanations, failures.
    ``explain`` gives the differing lines of the sheets the report explains (`batch.run.explain`:
    re-scored on the traced path now); without it, the lines the summaries carry, if any."""
    generated = generated or dt.datetime.now()
    sheets = result.sheets
    over_total = sum(1 for s in sheets if s.total_status == "over")
    with_errors = sum(1 for s in sheets if s.worst_severity == "error")
    parts = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>预算绩效自评复核报告</title>",
        f"<style>{_STYLE}</style></head><body>",
        "<h1>预算绩效自评复核报告</h1>",
        f'<p class="meta">生成时间：{generated:%Y-%m-%d %H:%M}　·　{escape(counts_line(result))}</p>',
        f'<p class="meta">{escape(rules_line(result))}</p>',
        '<div class="cards">',
        _card(result.scored, "张表已复核"),
        _card(with_errors, "张表有错误级发现", bad=with_errors > 0),
        _card(over_total, "张表总分高报", bad=over_total > 0),
        _card(len(result.failures), "项无法读取或复核", bad=bool(result.failures)),
        _card(len(result.skipped), "项已跳过"),
        "</div>",
        "<h2>自评总分与计算总分</h2>",
        '<div class="charts">',
        f"<figure><figcaption>每张表一个点：横轴为按规则计算的总分，纵轴为自评总分；虚线以上为高报</figcaption>{scatter(sheets)}{_legend()}</figure>",
        f"<figure><figcaption>差额最大的单位：自评总分（红）与计算总分（蓝）</figcaption>{dumbbells(sheets)}</figure>",
        "</div>",
        "<h2>差额分布</h2>",
        '<div class="charts">',
        f"<figure><figcaption>各表总分差额（自评 − 计算）的分布</figcaption>{histogram(sheets)}</figure>",
        f"<figure><figcaption>各类发现涉及的表数</figcaption>{_finding_table(sheets)}</figure>",
        f"<figure><figcaption>按规则的等级（自评等级不同的表数）</figcaption>{grade_table(sheets)}</figure>",
        "</div>",
        "<h2>汇总（按严重程度排序，同级按高报幅度）</h2>",
        _summary_table(sheets),
        "<h2>逐单位说明：与规则不符的指标</h2>",
        _details(sheets, explain),
        _repeats(result),
        _problems("无法读取或复核", result.failures),
        _problems("已跳过的文件", result.skipped),
        _problems("提示", result.notices),
        "</body></html>",
    ]
    return "\n".join(p for p in parts if p) + "\n"


def _card(number: int, label: str, bad: bool = False) -> str:
    return f'<div class="card{" bad" if bad else ""}"><b>{number}</b><span>{escape(label)}</span></div>'


def _legend() -> str:
    spans = "".join(f'<span><i style="background:{color}"></i>{escape(STATUS_LABELS[k])}</span>' for k, color in STATUS_COLORS.items() if k != "unclaimed")
    return f'<div class="legend">{spans}</div>'


def _finding_table(sheets: list[SheetSummary]) -> str:
    by_code: Counter = Counter()
    severity: dict[str, str] = {}
    for s in sheets:
        for code in {code for _sev, code, _msg, _where in s.findings}:
            by_code[code] += 1
        for sev, code, _msg, _where in s.findings:
            severity.setdefault(code, sev)
    if not by_code:
        return '<p class="note">没有错误或警告级的发现。</p>'
    rows = "".join(
        f'<tr class="{severity[code]}"><td>{escape(finding_label(code))}</td><td>{escape(severity_label(severity[code]))}</td><td class="n">{n}</td></tr>'
        for code, n in sorted(by_code.items(), key=lambda kv: (severity[kv[0]] != "error", -kv[1], kv[0]))
    )
    return f"<table><tr><th>发现</th><th>级别</th><th>表数</th></tr>{rows}</table>"


def grade_table(sheets: list[SheetSummary]) -> str:
    """How many sheets the rules put in each grade (a range where something could not be checked),
    and how many of them claim another grade."""
    by_grade: Counter = Counter(s.grade or "无等级" for s in sheets)
    # a claim inside the range ("良" where the rules allow "中～优") is not another grade; a row
    # that kept only the range's text (a stored result) has its two ends
    # a sheet the rules give no grade (its weights do not add up) has no grade to differ from (review BW A5)
    changed: Counter = Counter(s.grade for s in sheets if s.grade and s.claimed_grade and s.claimed_grade not in (s.grades or s.grade.split("～")))
    if not sheets:
        return '<p class="note">没有复核任何表。</p>'
    rows = "".join(
        f'<tr><td>{escape(g)}</td><td class="n">{n}</td><td class="n">{changed[g]}</td></tr>'
        for g, n in sorted(by_grade.items(), key=lambda kv: -kv[1])
    )
    return f"<table><tr><th>等级</th><th>表数</th><th>自评等级不同</th></tr>{rows}</table>"


def _summary_table(sheets: list[SheetSummary]) -> str:
    if not sheets:
        return '<p class="note">没有复核任何表。</p>'
    head = "".join(f"<th>{escape(h)}</th>" for h in SUMMARY_HEADERS)
    numeric = {SUMMARY_HEADERS.index(h) for h in ("自评总分", "计算总分", "差额", "错误", "警告")}
    body = []
    names = short_names(sheets)
    for s in sheets[:MAX_TABLE_ROWS]:
        cells = "".join(f'<td class="n">{escape(c)}</td>' if i in numeric else f"<td>{escape(c)}</td>" for i, c in enumerate(summary_row(s, names)))
        body.append(f'<tr class="{s.worst_severity or ""}">{cells}</tr>')
    more = len(sheets) - MAX_TABLE_ROWS
    note = f'<p class="note">另有 {more} 张表未列出（见 --format csv/json 的完整汇总）。</p>' if more > 0 else ""
    return f"<table><tr>{head}</tr>{''.join(body)}</table>{note}"


def _details(sheets: list[SheetSummary], explain: Explainer | None) -> str:
    shown = [s for s in sheets if s.differing or s.details or s.findings]
    if not shown:
        return '<p class="note">所有表的自评得分均与规则一致，没有需要说明的指标。</p>'
    out = []
    listed = shown[:MAX_DETAILED_SHEETS]
    wanted = [s for s in listed if s.differing and not s.details]
    explained = dict(zip(map(id, wanted), explain(wanted))) if explain is not None and wanted else {}
    for s in listed:
        details = s.details or explained.get(id(s), ())
        meta = (f"规则 {s.rules}（sha256 {s.sha256[:12]}）· 文件 {s.path} · 自评总分 {fmt(s.claimed) or '未填'}"
                f"，计算总分 {fmt(s.computed) or '—'}，差额 {signed(s.delta) or '—'}")
        block = [f"<article><h3>{escape(s.unit)} —— {escape(s.title or s.sheet_id)}</h3>", f'<p class="meta">{escape(meta)}</p>']
        if details:
            rows = "".join(
                f"<tr><td>{escape(d.name)}</td><td class=\"n\">{escape(d.weight)}</td><td class=\"n\">{escape(d.claimed)}</td>"
                f"<td class=\"n\">{escape(d.computed)}</td><td class=\"n\">{escape(d.delta)}</td>"
                f"<td style=\"color:{STATUS_COLORS.get(d.status, '#212121')}\">{escape(STATUS_LABELS[d.status])}</td><td>{escape(d.reason)}</td></tr>"
                for d in details
            )
            block.append(f"<table><tr><th>指标</th><th>分值</th><th>自评</th><th>计算</th><th>差额</th><th>状态</th><th>说明</th></tr>{rows}</table>")
        if s.findings:
            items = "".join(f'<li class="{sev}">［{escape(severity_label(sev))}］{escape(msg)}</li>' for sev, _code, msg, _where in s.findings)
            block.append(f'<ul class="findings">{items}</ul>')
        block.append("</article>")
        out.append("".join(block))
    more = len(shown) - MAX_DETAILED_SHEETS
    if more > 0:
        out.append(f'<p class="note">另有 {more} 张表的说明未列出（见 --format json 的完整汇总）。</p>')
    return "\n".join(out)


def _repeats(result: BatchResult) -> str:
    lines = repeat_texts(result)
    if not lines:
        return ""
    return f"<h2>重复提交</h2><ul>{''.join(f'<li>{escape(line)}</li>' for line in lines)}</ul>"


def _problems(title: str, problems) -> str:
    if not problems:
        return ""
    items = "".join(f"<li>{escape(problem_text(p))}</li>" for p in problems)
    return f"<h2>{escape(title)}</h2><ul>{items}</ul>"


# -- self-containment ---------------------------------------------------------------------------

_OUTSIDE = (
    (re.compile(r"https?:", re.I), "http(s): 地址"),
    (re.compile(r"""(?:src|href|action|poster|srcset|data|xlink:href)\s*=\s*["']?\s*//""", re.I), "以 // 开头的地址"),
    (re.compile(r"<script\b[^>]*\bsrc\s*=", re.I), "<script src>"),
    (re.compile(r"<link\b[^>]*\bhref\s*=", re.I), "<link href>"),
    (re.compile(r"@import", re.I), "@import"),
    (re.compile(r"""url\(\s*(?!["']?data:)""", re.I), "url() 引用非 data: 资源"),
    (re.compile(r"""\b(?:src|href)\s*=\s*["']?(?!data:|#)[^"'\s>]""", re.I), "src/href 引用外部资源"),
)


def outside_references(html: str) -> list[str]:
    """Every reference to something outside the file, as (what, excerpt); empty means self-contained."""
    found = []
    for pattern, what in _OUTSIDE:
        for m in pattern.finditer(html):
            start = max(0, m.start() - 30)
            found.append(f"{what}: …{html[start:m.end() + 30]}…")
    return found
