"""`scoring score`, `diff` and `explain`: one case scored under its rules, shown as the computed
sheet, claimed against computed, or the calculation behind each indicator.

Exit codes: 0 fine; 1 a claim is too high, outside its weight, or parts don't add up to a claimed
total (any error-level finding; for `score`, a figure missing, invalid or contradictory or a rule
that cannot be evaluated); 2 the input cannot be used.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from .common import RulesDir, check_outputs, fail, load_library, output_format, utf8_stdout, write_file

RulesRef = typer.Option(None, "--rules", help="指定规则集 ID 或 ID@VERSION，覆盖案例中写的规则")
Format = typer.Option(
    None, "--format", "-f",
    help="输出格式：table、json、csv、markdown；xlsx（复核表）、docx（复核意见，Word）须配合 --out（不区分大小写；省略则按 --out 的扩展名，否则为 table）",
)
Out = typer.Option(None, "--out", "-o", help="写入文件（整体替换，中断不会留下半个文件；符号链接写入其目标，FIFO 和设备直接写入）；省略则输出到屏幕")
ExpectHash = typer.Option(
    None, "--expect-hash",
    help="规则集的 sha256（可只写前 12 位以上；可重复）。规则已变更则拒绝计分，退出码 2",
)


def _report(case: Path, rules_dir: Optional[Path], rules: Optional[str], expect_hash: Optional[list[str]] = None):
    return _scored_case(case, rules_dir, rules, expect_hash)[2]


def _scored_case(case: Path, rules_dir: Optional[Path], rules: Optional[str], expect_hash: Optional[list[str]] = None):
    """The case, the rule library and the report: what every output needs."""
    from ..cases.load import load_case
    from ..engine.engine import Engine
    from ..errors import ScoringError
    from ..review.pipeline import report_loaded

    library = load_library(rules_dir)
    try:
        loaded, shown = load_case(case)
        return loaded, library, report_loaded(loaded, shown, library, Engine(), rules, expect_hash or None)
    except ScoringError as exc:
        fail(str(exc))


def _check_hashes(hashes: Optional[list[str]]) -> None:
    import re

    for h in hashes or []:
        if not re.fullmatch(r"[0-9a-fA-F]{12,64}", h):
            fail(f"--expect-hash “{h}”不是 sha256（应为 12 到 64 位十六进制）")


def _check_format(fmt_name: Optional[str], out: Optional[Path], case: Path) -> str:
    from ..output.formats import FORMATS, names

    name = output_format(fmt_name, out, names("diff"))
    if FORMATS[name].binary and out is None:
        fail(f"{name} 格式须用 --out 指定输出文件")
    check_outputs([out], [case])
    return name


def _emit(scored, fmt_name: str, out: Optional[Path], view: str) -> None:
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
    typer.echo(f"已写入 {out}", err=True)


def score(
    case: Path = typer.Argument(..., metavar="案例文件", help="案例文件（.toml、.json 或填好的 .xlsx 模板）"),
    rules_dir: Optional[Path] = RulesDir,
    rules: Optional[str] = RulesRef,
    format: Optional[str] = Format,
    expect_hash: Optional[list[str]] = ExpectHash,
    out: Optional[Path] = Out,
) -> None:
    """按规则计算每个指标的得分，并说明每一处失分的原因；不看自评得分。数字缺失、无效或互相矛盾、规则无法计算时退出码为 1。"""
    report = _scored(case, rules_dir, rules, format, expect_hash, out, "score")
    if any(f.severity == "error" for f in report.rule_findings):
        raise typer.Exit(1)


def _scored(case, rules_dir, rules, format, expect_hash, out, view: str):
    """What `score` and `diff` share: check the options, score, write; returns the report."""
    format = _check_format(format, out, case)
    _check_hashes(expect_hash)
    scored = _scored_case(case, rules_dir, rules, expect_hash)
    _emit(scored, format, out, view)
    return scored[2]


def diff(
    case: Path = typer.Argument(..., metavar="案例文件", help="案例文件（.toml、.json 或填好的 .xlsx 模板）"),
    rules_dir: Optional[Path] = RulesDir,
    rules: Optional[str] = RulesRef,
    format: Optional[str] = Format,
    expect_hash: Optional[list[str]] = ExpectHash,
    out: Optional[Path] = Out,
) -> None:
    """逐项比较自评得分与按规则计算的得分；有高报、超出分值或合计不符时退出码为 1。"""
    report = _scored(case, rules_dir, rules, format, expect_hash, out, "diff")
    if report.worst_severity == "error":
        raise typer.Exit(1)


def explain(
    case: Path = typer.Argument(..., metavar="案例文件", help="案例文件（.toml）"),
    indicator: Optional[str] = typer.Argument(None, metavar="指标", help="指标名称（如 预算编制质量）或 id；省略则解释全部指标"),
    rules_dir: Optional[Path] = RulesDir,
    rules: Optional[str] = RulesRef,
) -> None:
    """逐项说明计算过程：规则原文、每个输入及其来源、中间值、档位、上下限与舍入。"""
    from ..output.text import render_explain

    report = _report(case, rules_dir, rules)
    if indicator is not None and not any(indicator in (r.result.id, r.result.name) for s in report.sheets for r in s.indicators):
        names = "、".join(dict.fromkeys(r.result.name for s in report.sheets for r in s.indicators))
        fail(f"案例中没有指标“{indicator}”；可用：{names}")
    sys.stdout.write(render_explain(report, indicator))


def register(app: typer.Typer) -> None:
    """Add `score`, `diff` and `explain` to ``app``."""
    app.command()(score)
    app.command()(diff)
    app.command()(explain)
