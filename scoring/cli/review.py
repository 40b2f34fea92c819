"""`scoring score`, `diff` and `explain`: one case scored under its rules, shown as the computed
sheet, claimed against computed, or the calculation behind each indicator.

Exit codes: 0 fine; 1 a claim is too high, outside its weight, or parts don't add up to a claimed
total (any error-level finding; for `score`, a figure missing, invalid or contradictory or a rule
that cannot be evaluated); 2 the input cannot be used.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from .options import RulesDir
from .reviewing import explain_case, score_or_diff

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


def score(
    case: Path = typer.Argument(..., metavar="案例文件", help="案例文件（.toml、.json 或填好的 .xlsx 模板），或案例表的一行（汇总.csv:18）"),
    rules_dir: Optional[Path] = RulesDir,
    rules: Optional[str] = RulesRef,
    format: Optional[str] = Format,
    expect_hash: Optional[list[str]] = ExpectHash,
    out: Optional[Path] = Out,
) -> None:
    """按规则计算每个指标的得分，并说明每一处失分的原因；不看自评得分。数字缺失、无效或互相矛盾、规则无法计算时退出码为 1。"""
    code = score_or_diff("score", case, rules_dir, rules, format, expect_hash, out)
    if code:
        raise typer.Exit(code)


def diff(
    case: Path = typer.Argument(..., metavar="案例文件", help="案例文件（.toml、.json 或填好的 .xlsx 模板），或案例表的一行（汇总.csv:18）"),
    rules_dir: Optional[Path] = RulesDir,
    rules: Optional[str] = RulesRef,
    format: Optional[str] = Format,
    expect_hash: Optional[list[str]] = ExpectHash,
    out: Optional[Path] = Out,
) -> None:
    """逐项比较自评得分与按规则计算的得分，指出高报、低报和无法核验之处。

    退出码：0 没有错误；1 有错误（高报、超出分值、合计不符，或数字缺失、无效、互相矛盾、规则无法计算）；2 输入无法使用（文件无法读取或格式有误、规则集不存在、命令行有误）。
    """
    code = score_or_diff("diff", case, rules_dir, rules, format, expect_hash, out)
    if code:
        raise typer.Exit(code)


def explain(
    case: Path = typer.Argument(..., metavar="案例文件", help="案例文件（.toml、.json 或填好的 .xlsx 模板），或案例表的一行（汇总.csv:18）"),
    indicator: Optional[str] = typer.Argument(None, metavar="指标", help="指标名称（如 预算编制质量）或 id；省略则解释全部指标"),
    rules_dir: Optional[Path] = RulesDir,
    rules: Optional[str] = RulesRef,
) -> None:
    """逐项说明计算过程：规则原文、每个输入及其来源、中间值、档位、上下限与舍入。"""
    explain_case(case, indicator, rules_dir, rules)


def register(app: typer.Typer) -> None:
    """Add `score`, `diff` and `explain` to ``app``."""
    app.command()(score)
    app.command()(diff)
    app.command()(explain)
