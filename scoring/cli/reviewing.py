"""What `score`, `diff` and `explain` do once their options are read: check the options, score the
case on the traced path, print or write the result, and the exit code.

No typer here: the commands in `cli.review` and the parser-free path of `cli.direct` both call
these, so a diff gives the same output, messages and exit code however it was parsed.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Optional

from .common import check_outputs, fail, load_library, output_format, say, utf8_stdout, write_file


def preload() -> None:
    """Import what scoring a case and printing it as a table needs (the work imports them in turn
    otherwise); `cli.direct` does this first, with the collector off."""
    from ..cases import load  # noqa: F401
    from ..engine import engine  # noqa: F401
    from ..output import formats, text  # noqa: F401
    from ..review import pipeline  # noqa: F401
    from ..rules import library  # noqa: F401


def scored_case(case: Path, rules_dir: Optional[Path], rules: Optional[str], expect_hash: Optional[list[str]] = None):
    """The case, the rule library and the report: what every output needs."""
    from ..cases.load import load_case
    from ..engine.engine import Engine
    from ..errors import ScoringError
    from ..review.pipeline import report_loaded

    library = load_library(rules_dir)
    try:
        loaded, shown = load_case(case, library)
        return loaded, library, report_loaded(loaded, shown, library, Engine(), rules, expect_hash or None)
    except ScoringError as exc:
        fail(str(exc))


def check_hashes(hashes: Optional[list[str]]) -> None:
    """Every --expect-hash is a (prefix of a) sha256, or stop with exit code 2."""
    for h in hashes or []:
        if not re.fullmatch(r"[0-9a-fA-F]{12,64}", h):
            fail(f"--expect-hash “{h}”不是 sha256（应为 12 到 64 位十六进制）")


def check_format(fmt_name: Optional[str], out: Optional[Path], case: Path) -> str:
    """The output format of a score or diff, checked against ``out``; the output is checked writable."""
    from ..output.formats import FORMATS, names

    name = output_format(fmt_name, out, names("diff"))
    if FORMATS[name].binary and out is None:
        fail(f"{name} 格式须用 --out 指定输出文件")
    check_outputs([out], [case])
    return name


def emit(scored, fmt_name: str, out: Optional[Path], view: str) -> None:
    """Print the report (``view``: "score" or "diff"), or write it to ``out`` by the output rules."""
    from ..output.formats import FORMATS, CaseOutput, render_case

    case, library, report = scored
    data = render_case(CaseOutput(report, case, library.find), fmt_name, view)
    if out is None:
        if FORMATS[fmt_name].spreadsheet:
            with utf8_stdout() as stdout:
                stdout.write(data)
        else:
            sys.stdout.write(data)
        return
    write_file(out, data if isinstance(data, bytes) else data.encode("utf-8"))
    say(f"已写入 {out}")


# Outputs that stand for the whole case: never written without one of its sheets
_EVERY_SHEET_FORMATS = ("xlsx", "csv")


def score_or_diff(view: str, case: Path, rules_dir: Optional[Path] = None, rules: Optional[str] = None, format: Optional[str] = None,
                  expect_hash: Optional[list[str]] = None, out: Optional[Path] = None) -> int:
    """`scoring score` (``view`` "score") or `scoring diff` ("diff"): check the options, score,
    print or write; returns the exit code — 2 when a sheet of the case cannot be used (the others
    are still shown), 1 when `score` finds a figure missing, invalid or contradictory or a rule
    that cannot be evaluated, or `diff` any error-level finding; else 0."""
    format = check_format(format, out, case)
    check_hashes(expect_hash)
    scored = scored_case(case, rules_dir, rules, expect_hash)
    report = scored[2]
    refused = [f for f in report.findings if f.code == "sheet_refused"]
    # a sheet of the case cannot be used: the others are shown, and the person is told on stderr
    # as for any input that cannot be used
    for f in refused:
        say(f"错误：{f.where}: {f.message}（本案例的其他表已复核）")
    if refused and format in _EVERY_SHEET_FORMATS:
        # a scored workbook is read back as the case, and a CSV is read as the whole result: one
        # without a sheet would pass for a case that never had it
        fail(f"{format} 输出须包含案例的每一张表，而有 {len(refused)} 张表无法复核（原因见上）：未写出；"
             "请先改正这些表（或去掉不适用于它们的 --rules），或改用 json、table 等格式查看其余各表")
    emit(scored, format, out, view)
    if refused:
        return 2
    if view == "score":
        return 1 if any(f.severity == "error" for f in report.rule_findings) else 0
    return 1 if report.worst_severity == "error" else 0


def explain_case(case: Path, indicator: Optional[str] = None, rules_dir: Optional[Path] = None, rules: Optional[str] = None) -> int:
    """`scoring explain`: the calculation behind every indicator of the case, or behind
    ``indicator`` (its id or printed name; one the case does not have stops with exit code 2)."""
    from ..output.text import render_explain

    report = scored_case(case, rules_dir, rules)[2]
    if indicator is not None and not any(indicator in (r.result.id, r.result.name) for s in report.sheets for r in s.indicators):
        import difflib

        known = list(dict.fromkeys(n for s in report.sheets for r in s.indicators for n in (r.result.name, r.result.id)))
        # the names nearest what was typed first ("预算执行" → 预算执行率), then every name, shortened
        near = [n for n in known if indicator in n] or difflib.get_close_matches(indicator, known, n=3, cutoff=0.5)
        names = "、".join(n if len(n) <= 24 else n[:24] + "…" for n in dict.fromkeys(r.result.name for s in report.sheets for r in s.indicators))
        fail(f"案例中没有指标“{indicator}”" + (f"；是否想用 {'、'.join(near[:3])}？" if near else "") + f"；可用：{names}")
    sys.stdout.write(render_explain(report, indicator))
    return 0
