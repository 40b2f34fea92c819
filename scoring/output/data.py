"""The report for programs (JSON: documented keys and status codes, numbers as decimal strings)
and for spreadsheets (CSV: UTF-8 with a byte order mark, Chinese headers and status words).
`score` and `diff` share both forms."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

from .. import __version__
from ..engine.results import CaseReport, IndicatorDiff
from ..numbers import fmt, fmt_sum
from ..review.grades import span_text
from .labels import STATUS_LABELS
from .reasons import reason, total_note

# Excel and WPS read a CSV file as the system's code page (GBK on Chinese Windows) unless it
# starts with a byte order mark; with it they read UTF-8.
CSV_BOM = "\ufeff"


def _indicator_json(r: IndicatorDiff) -> dict:
    ind, c = r.result, r.comparison
    return {
        "id": ind.id,
        "name": ind.name,
        "group": list(ind.group),
        "weight": fmt(ind.weight),
        "claimed": fmt(c.claimed),
        "computed": fmt(c.computed),
        "low": fmt(c.low),
        "high": fmt(c.high),
        "status": c.status,
        "delta": fmt(c.delta),
        "tolerance": fmt(c.tolerance),
        "reason": reason(ind),
        "parts": [
            {"id": p.id, "name": p.name, "weight": fmt(p.weight), "state": p.state, "score": fmt(p.score), "band": p.band or None, "band_range": p.band_range or None, "reason": p.reason or None}
            for p in ind.parts
        ],
    }


def report_dict(report: CaseReport) -> dict:
    """The report as plain JSON-ready data: numbers as decimal strings."""
    sheets = []
    for sd in report.sheets:
        t = sd.total
        r = sd.sheet.rules
        sheets.append({
            "id": sd.sheet.id,
            "title": sd.sheet.title,
            "rules": {"id": r.id, "version": r.version, "sha256": r.sha256, "title": r.title, "claim_tolerance": fmt(sd.sheet.tolerance)},
            "indicators": [_indicator_json(row) for row in sd.indicators],
            "deductions": [
                {"id": d.id, "name": d.name, "per_finding": fmt(d.per_finding), "findings": fmt(d.findings), "deduction": fmt(d.deduction),
                 "claimed": fmt(d.claimed)}
                for d in sd.sheet.deductions
            ],
            "total": {
                "weight": fmt(t.weight),
                "claimed": fmt(t.comparison.claimed),
                "computed": fmt(t.comparison.computed),
                "low": fmt(t.comparison.low),
                "high": fmt(t.comparison.high),
                "unverified_weight": fmt(t.unverified_weight),
                "checked_weight": fmt(t.checked_weight),
                "complete": t.complete,
                "deductions": fmt(t.deductions),
                "claimed_parts_sum": fmt(t.claimed_parts_sum),
                "status": t.comparison.status,
                "delta": fmt(t.comparison.delta),
                "tolerance": fmt(t.comparison.tolerance),
                "grade": span_text(t.grades) or None,
                "grades": list(t.grades),
                "claimed_grade": t.claimed_grade,
                # printed weights that do not add up to the total: no total by the rules
                # (computed, low, high are null), only their sum and what the lines add up to
                "lines_weight": None if t.lines_weight is None else fmt_sum(t.lines_weight),
                "lines_sum": [fmt(x) for x in t.lines_sum] if t.lines_sum is not None else None,
            },
        })
    return {
        "case": report.case_id,
        "unit": report.unit,
        "path": report.path,
        "scoring_version": __version__,
        "sheets": sheets,
        "findings": [{"severity": f.severity, "code": f.code, "message": f.message, "where": f.where} for f in report.findings],
    }


def csv_safe(value: object) -> object:
    """A text cell a spreadsheet would take for a formula (=, +, -, @ first) is quoted with '."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        try:
            Decimal(value)
            return value  # a signed number, e.g. a delta of -1.00
        except ArithmeticError:
            return "'" + value
    return value


def to_json(report: CaseReport) -> str:
    return json.dumps(report_dict(report), ensure_ascii=False, indent=2) + "\n"


CSV_COLUMNS = [
    "案例编号", "表编号", "规则版本", "规则 sha256", "scoring 版本", "指标编号", "指标", "分值", "自评得分", "计算得分",
    "下限", "上限", "差额", "状态", "说明",
]


def to_csv(report: CaseReport) -> str:
    """One row per indicator and one per sheet total, for spreadsheets: UTF-8 with a BOM, Chinese
    headers and the status words of the table (programs read the JSON)."""
    buf = io.StringIO()
    buf.write(CSV_BOM)
    w = csv.writer(buf)
    w.writerow(CSV_COLUMNS)
    for sd in report.sheets:
        r = sd.sheet.rules
        rules = (report.case_id, sd.sheet.id, f"{r.id}@{r.version}", r.sha256, __version__)
        for row in sd.indicators:
            c = row.comparison
            w.writerow([csv_safe(x) for x in (*rules, row.result.id, row.result.name, fmt(row.result.weight), fmt(c.claimed), fmt(c.computed),
                                               fmt(c.low), fmt(c.high), fmt(c.delta), STATUS_LABELS[c.status], reason(row.result))])
        t = sd.total.comparison
        w.writerow([csv_safe(x) for x in (*rules, "total", "合计", fmt(sd.total.weight), fmt(t.claimed), fmt(t.computed),
                                           fmt(t.low), fmt(t.high), fmt(t.delta), STATUS_LABELS[t.status], total_note(sd))])
    return buf.getvalue()
