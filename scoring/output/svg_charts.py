"""Inline SVG charts for the batch report: claimed against computed totals, and the distribution
of the differences.  Plain SVG markup, no script and no outside resource, so the report stays one
self-contained file.

Scores are exact decimals everywhere else; here they become floats only to place pixels.
"""

from __future__ import annotations

import math
from decimal import Decimal
from html import escape

from ..batch.summary import SheetSummary
from ..numbers import fmt

STATUS_COLORS = {
    "over": "#c62828",
    "invalid": "#6a1b9a",
    "under": "#1565c0",
    "match": "#2e7d32",
    "unverifiable": "#ef6c00",
    "unclaimed": "#9e9e9e",
    "incomplete": "#795548",
}
STATUS_NAMES = {
    "over": "高报", "invalid": "超出满分", "under": "低报", "match": "一致", "unverifiable": "无法核验",
    "incomplete": "表不完整", "unclaimed": "未填总分",
}
_FONT = 'font-family="Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif"'


def _x(value: Decimal) -> float:
    return float(value)


def _ticks(low: float, high: float, count: int = 6) -> list[float]:
    span = max(high - low, 1e-9)
    raw = span / count
    step = 10 ** math.floor(math.log10(raw))
    for mult in (1, 2, 5, 10):
        if raw <= step * mult:
            step *= mult
            break
    first = math.ceil(low / step) * step
    ticks = []
    value = first
    while value <= high + 1e-9:
        ticks.append(round(value, 6))
        value += step
    return ticks


def _label(value: float) -> str:
    return f"{value:g}"


def scatter(sheets: list[SheetSummary], limit: int = 5000) -> str:
    """Claimed total (y) against computed total (x), one dot per sheet; above the diagonal is
    an over-claim.  Only sheets with both totals are drawn (at most ``limit``, most severe first)."""
    points = [s for s in sheets if s.claimed is not None and s.computed is not None][:limit]
    width, height, left, bottom, top, right = 580, 540, 64, 56, 24, 24
    if not points:
        return _empty(width, 160, "没有同时填报自评总分并可计算总分的表")
    values = [_x(s.claimed) for s in points] + [_x(s.computed) for s in points]
    low = math.floor(min(values) / 5) * 5
    high = max(100.0, math.ceil(max(values) / 5) * 5)
    if high - low < 10:
        low = high - 10
    plot_w, plot_h = width - left - right, height - top - bottom

    def px(v: float) -> float:
        return left + (v - low) / (high - low) * plot_w

    def py(v: float) -> float:
        return top + plot_h - (v - low) / (high - low) * plot_h

    out = [f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" aria-label="自评总分与计算总分散点图" {_FONT}>']
    # the over-claim half-plane, above the diagonal
    out.append(f'<polygon points="{px(low)},{py(low)} {px(high)},{py(high)} {px(low)},{py(high)}" fill="#fdecea"/>')
    out.append(f'<text x="{px(low) + 10}" y="{py(high) + 20}" font-size="13" fill="#c62828">自评高于计算（高报）</text>')
    out.append(f'<text x="{px(high) - 10}" y="{py(low) - 10}" font-size="13" fill="#1565c0" text-anchor="end">自评低于计算（低报）</text>')
    for t in _ticks(low, high):
        out.append(f'<line x1="{px(t):.1f}" y1="{top}" x2="{px(t):.1f}" y2="{top + plot_h}" stroke="#e0e0e0"/>')
        out.append(f'<line x1="{left}" y1="{py(t):.1f}" x2="{left + plot_w}" y2="{py(t):.1f}" stroke="#e0e0e0"/>')
        out.append(f'<text x="{px(t):.1f}" y="{top + plot_h + 18}" font-size="12" text-anchor="middle" fill="#424242">{_label(t)}</text>')
        out.append(f'<text x="{left - 8}" y="{py(t) + 4:.1f}" font-size="12" text-anchor="end" fill="#424242">{_label(t)}</text>')
    out.append(f'<rect x="{left}" y="{top}" width="{plot_w}" height="{plot_h}" fill="none" stroke="#9e9e9e"/>')
    out.append(f'<line x1="{px(low)}" y1="{py(low)}" x2="{px(high)}" y2="{py(high)}" stroke="#616161" stroke-dasharray="6 4"/>')
    for s in reversed(points):  # the most severe are drawn last, on top
        color = STATUS_COLORS.get(s.total_status, "#9e9e9e")
        tip = escape(f"{s.unit} · {s.title or s.sheet_id}：自评 {fmt(s.claimed)}，计算 {fmt(s.computed)}")
        out.append(f'<circle cx="{px(_x(s.computed)):.1f}" cy="{py(_x(s.claimed)):.1f}" r="4" fill="{color}" fill-opacity="0.75"><title>{tip}</title></circle>')
    out.append(f'<text x="{left + plot_w / 2}" y="{height - 14}" font-size="14" text-anchor="middle" fill="#212121">计算总分（按规则）</text>')
    out.append(f'<text x="18" y="{top + plot_h / 2}" font-size="14" text-anchor="middle" fill="#212121" transform="rotate(-90 18 {top + plot_h / 2})">自评总分</text>')
    out.append("</svg>")
    return "".join(out)


def dumbbells(sheets: list[SheetSummary], limit: int = 30) -> str:
    """Per unit: the computed total and the claimed total joined by a line, for the sheets whose
    claim is furthest above the computed score."""
    rows = sorted((s for s in sheets if s.delta is not None and s.computed is not None), key=lambda s: (-s.delta, s.order))[:limit]
    width, left, right, top, row_h = 660, 230, 64, 34, 20
    if not rows:
        return _empty(width, 160, "没有同时填报自评总分并可计算总分的表")
    height = top + row_h * len(rows) + 40
    values = [_x(s.claimed) for s in rows] + [_x(s.computed) for s in rows]
    low = math.floor(min(values) / 5) * 5
    high = max(100.0, math.ceil(max(values) / 5) * 5)
    if high - low < 10:
        low = high - 10
    plot_w = width - left - right

    def px(v: float) -> float:
        return left + (v - low) / (high - low) * plot_w

    out = [f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" aria-label="各单位自评总分与计算总分" {_FONT}>']
    out.append(f'<circle cx="{left}" cy="12" r="5" fill="#1565c0"/><text x="{left + 10}" y="16" font-size="12">计算总分</text>')
    out.append(f'<circle cx="{left + 90}" cy="12" r="5" fill="#c62828"/><text x="{left + 100}" y="16" font-size="12">自评总分</text>')
    bottom = top + row_h * len(rows)
    for t in _ticks(low, high):
        out.append(f'<line x1="{px(t):.1f}" y1="{top - 6}" x2="{px(t):.1f}" y2="{bottom}" stroke="#eeeeee"/>')
        out.append(f'<text x="{px(t):.1f}" y="{bottom + 16}" font-size="11" text-anchor="middle" fill="#424242">{_label(t)}</text>')
    for i, s in enumerate(rows):
        y = top + row_h * i + row_h / 2
        name = s.unit if len(s.unit) <= 16 else s.unit[:15] + "…"
        out.append(f'<text x="{left - 8}" y="{y + 4:.1f}" font-size="12" text-anchor="end" fill="#212121"><title>{escape(s.unit + " · " + (s.title or s.sheet_id))}</title>{escape(name)}</text>')
        x1, x2 = px(_x(s.computed)), px(_x(s.claimed))
        color = "#c62828" if s.delta > 0 else "#1565c0"
        out.append(f'<line x1="{x1:.1f}" y1="{y:.1f}" x2="{x2:.1f}" y2="{y:.1f}" stroke="{color}" stroke-width="3" stroke-opacity="0.5"/>')
        out.append(f'<circle cx="{x1:.1f}" cy="{y:.1f}" r="5" fill="#1565c0"/>')
        out.append(f'<circle cx="{x2:.1f}" cy="{y:.1f}" r="5" fill="#c62828"/>')
        delta = ("+" if s.delta > 0 else "") + fmt(s.delta)
        out.append(f'<text x="{width - right + 8}" y="{y + 4:.1f}" font-size="12" fill="{color}">{escape(delta)}</text>')
    out.append(f'<text x="{left + plot_w / 2}" y="{height - 6}" font-size="13" text-anchor="middle" fill="#212121">总分</text>')
    out.append("</svg>")
    return "".join(out)


# Bins of (claimed − computed) total: (label, upper bound inclusive) — the last is open.
_BINS: tuple[tuple[str, Decimal | None], ...] = (
    ("≤-5", Decimal(-5)), ("-5～-2", Decimal(-2)), ("-2～-1", Decimal(-1)), ("-1～-0.5", Decimal("-0.5")),
    ("-0.5～0", Decimal("-0.000001")), ("0", Decimal(0)), ("0～0.5", Decimal("0.5")), ("0.5～1", Decimal(1)),
    ("1～2", Decimal(2)), ("2～5", Decimal(5)), ("＞5", None),
)


def delta_bins(sheets: list[SheetSummary]) -> list[tuple[str, int]]:
    """How many sheets fall in each band of (claimed − computed) total."""
    counts = [0] * len(_BINS)
    for s in sheets:
        if s.delta is None:
            continue
        for i, (_label_text, upper) in enumerate(_BINS):
            if upper is None or s.delta <= upper:
                counts[i] += 1
                break
    return [(label, counts[i]) for i, (label, _upper) in enumerate(_BINS)]


def histogram(sheets: list[SheetSummary]) -> str:
    """Bars of the distribution of (claimed − computed) totals: blue under, green equal, red over."""
    bins = delta_bins(sheets)
    width, height, left, bottom, top = 640, 300, 50, 58, 24
    if not any(n for _l, n in bins):
        return _empty(width, 160, "没有可比较的总分")
    plot_w, plot_h = width - left - 16, height - top - bottom
    peak = max(n for _l, n in bins)
    bar_w = plot_w / len(bins)
    out = [f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" aria-label="总分差额分布" {_FONT}>']
    for t in _ticks(0, peak, 4):
        y = top + plot_h - t / peak * plot_h
        out.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="#eeeeee"/>')
        out.append(f'<text x="{left - 6}" y="{y + 4:.1f}" font-size="11" text-anchor="end" fill="#424242">{_label(t)}</text>')
    zero = [label for label, _n in bins].index("0")
    for i, (label, n) in enumerate(bins):
        h = n / peak * plot_h
        x = left + i * bar_w
        color = "#1565c0" if i < zero else "#2e7d32" if i == zero else "#c62828"
        out.append(f'<rect x="{x + 4:.1f}" y="{top + plot_h - h:.1f}" width="{bar_w - 8:.1f}" height="{h:.1f}" fill="{color}"><title>{escape(label)}：{n} 张</title></rect>')
        if n:
            out.append(f'<text x="{x + bar_w / 2:.1f}" y="{top + plot_h - h - 4:.1f}" font-size="11" text-anchor="middle">{n}</text>')
        out.append(f'<text x="{x + bar_w / 2:.1f}" y="{top + plot_h + 16}" font-size="11" text-anchor="middle" fill="#424242">{escape(label)}</text>')
    out.append(f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="#9e9e9e"/>')
    out.append(f'<text x="{left + plot_w / 2}" y="{height - 12}" font-size="13" text-anchor="middle" fill="#212121">自评总分 − 计算总分（分）</text>')
    out.append("</svg>")
    return "".join(out)


def _empty(width: int, height: int, message: str) -> str:
    return (f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" {_FONT}>'
            f'<rect width="{width}" height="{height}" fill="#fafafa" stroke="#e0e0e0"/>'
            f'<text x="{width / 2}" y="{height / 2}" font-size="14" text-anchor="middle" fill="#757575">{escape(message)}</text></svg>')
