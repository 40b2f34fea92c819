"""`scoring formulas …`: the rule files — list, show, diff two versions, start a new version,
validate, run the worked examples, print the generated code."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Optional

import typer

from .chinese import App
from .common import fail, find_rule_set, load_library, say_compiling
from .options import RulesDir

formulas_app = App(no_args_is_help=True, rich_markup_mode=None, help="规则文件：列出、查看、校验、测试、比较、新建版本。")


@formulas_app.command("list")
def formulas_list(rules_dir: Optional[Path] = RulesDir) -> None:
    """列出规则目录中的全部规则集。"""
    from tabulate import tabulate

    from ..output.rule_set import region_text

    library = load_library(rules_dir, every_file=True)
    rows = [
        [r.ref + (f"（修订 {r.info.revises}）" if r.info.revises else ""), r.info.title, region_text(r), r.info.sheet_type,
         f"{r.info.effective_from}～{r.info.effective_to or ''}", r.sha256[:12], r.path]
        for r in library.rule_sets
    ]
    typer.echo(tabulate(rows, headers=["规则集", "名称", "地区", "表类型", "有效期", "sha256", "文件"], disable_numparse=True))


@formulas_app.command("show")
def formulas_show(
    ref: str = typer.Argument(..., metavar="规则集", help="规则集 ID 或 ID@VERSION"),
    rules_dir: Optional[Path] = RulesDir,
    resolved: bool = typer.Option(False, "--resolved", help="输出继承展开后的完整规则集（JSON，即计算 sha256 的内容）"),
) -> None:
    """显示一个规则集：指标、分值、公式、分档与特殊情形。"""
    import json

    from ..output.rule_set import render_rule_set

    rule_set = find_rule_set(load_library(rules_dir, every_file=True), ref)
    if resolved:
        sys.stdout.write(json.dumps(rule_set.resolved, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(render_rule_set(rule_set))


@formulas_app.command("diff")
def formulas_diff(
    old: str = typer.Argument(..., metavar="原规则集", help="原规则集 ID@VERSION"),
    new: str = typer.Argument(..., metavar="新规则集", help="新规则集 ID@VERSION"),
    rules_dir: Optional[Path] = RulesDir,
) -> None:
    """比较两个规则集（继承展开后）：新增、删除、修改的指标、参数、输入和词表。"""
    from ..rules.changes import diff_rule_sets

    library = load_library(rules_dir, every_file=True)
    a, b = find_rule_set(library, old), find_rule_set(library, new)
    lines = diff_rule_sets(a, b)
    typer.echo(f"{a.ref}（sha256 {a.sha256[:12]}）→ {b.ref}（sha256 {b.sha256[:12]}）")
    if not lines:
        typer.echo("  规则内容相同")
    for line in lines:
        typer.echo(f"  - {line}")


@formulas_app.command("new")
def formulas_new(
    ref: str = typer.Argument(..., metavar="规则集", help="作为起点的规则集 ID@VERSION"),
    version: str = typer.Option(..., "--version", help="新版本号，如 2025.1"),
    effective_from: Optional[str] = typer.Option(None, "--effective-from", help="生效日期 YYYY-MM-DD（默认：原版本失效日期的次日）"),
    effective_to: Optional[str] = typer.Option(None, "--effective-to", help="失效日期 YYYY-MM-DD（默认：生效后一年）"),
    out: Optional[Path] = typer.Option(None, "--out", help="新文件路径（默认：原文件旁，年份替换；修订版本加版本号）"),
    revision: bool = typer.Option(False, "--revision", help="修订已发布的版本：有效期不变，写明 revises，两者都适用的表按新版本计分"),
    rule_id: Optional[str] = typer.Option(None, "--id", help="以此为起点另建一个规则集（如另一地区的表式），新规则集的 ID，如 hebei.project"),
    rules_dir: Optional[Path] = RulesDir,
) -> None:
    """从已有版本复制出新版本的规则文件（改版本号和有效期，其余原样），再按新规则修改。"""
    import datetime as dt

    from ..errors import ScoringError
    from ..rules.library import load_rule_file
    from ..rules.released import LEDGER
    from ..rules.versions import new_version

    library = load_library(rules_dir, every_file=True)
    rule_set = find_rule_set(library, ref)
    try:
        start = dt.date.fromisoformat(effective_from) if effective_from else None
        end = dt.date.fromisoformat(effective_to) if effective_to else None
    except ValueError:
        given = "、".join(f"“{d}”" for d in (effective_from, effective_to) if d)
        fail(f"日期格式应为 YYYY-MM-DD（如 2025-01-01），得到 {given}")
    try:
        if revision and (start or end):
            fail("修订版本沿用原版本的有效期：--revision 不能与 --effective-from/--effective-to 同用")
        made = new_version(rule_set, version, out, start, end, revision, rule_id)
        loaded = load_rule_file(made.path, rules_dir)
    except ScoringError as exc:
        fail(str(exc))
    typer.echo(f"已创建 {made.path}：{loaded.ref}，有效期 {made.effective_from}～{made.effective_to or ''}，sha256 {loaded.sha256[:12]}")
    for line in made.reminders:
        typer.echo(f"  - {line}")
    typer.echo(f"  - 新版本改定、发布后，在规则目录的 {LEDGER} 中登记它（scoring formulas validate 会打印要加入的一行）；已登记的版本不应再改动")


@formulas_app.command("validate")
def formulas_validate(
    paths: Optional[list[Path]] = typer.Argument(None, metavar="规则文件", help="要校验的规则文件；省略则校验规则目录中的全部文件"),
    rules_dir: Optional[Path] = RulesDir,
) -> None:
    """严格校验规则文件；来源文件自身的错误（如分组标题分值不符）作为警告报告。
    退出码：0 全部通过，1 有文件未通过校验，2 有文件无法读取（不存在、是文件夹）。"""
    from ..errors import ScoringError
    from ..files.reading import display_path
    from ..rules import cache
    from ..rules.library import RuleLibrary, default_rules_dir, load_rule_dir, load_rule_file, region_doubt, select_doubts, ties
    from ..rules.released import LEDGER, ledger_path, modified_message, parse_ledger, read_ledger_bytes

    loaded, failures = [], []
    unreadable = False
    folder = rules_dir if rules_dir is not None else default_rules_dir()
    if paths:
        for path in paths:
            unreadable = unreadable or not path.is_file()  # as every command: an input that cannot be read is exit 2
            try:
                loaded.append(load_rule_file(path, rules_dir))  # a parent it extends is looked for in the rules folder
            except ScoringError as exc:
                failures.append(exc)
        # a file is held to the ledger of the folder it is validated against
        released, problems = parse_ledger(read_ledger_bytes(folder), display_path(ledger_path(folder)))
        failures.extend(problems)
    else:
        try:
            library = load_rule_dir(rules_dir, read_every_file=True, compiling=say_compiling)
        except ScoringError as exc:
            fail(str(exc))
        loaded, failures, released = library.rule_sets, [*library.failures, *library.ledger_problems, *ties(library.rule_sets)], library.released
    has_ledger = ledger_path(folder).is_file()
    try:
        whole = load_rule_dir(rules_dir, read_every_file=True, compiling=say_compiling)
    except ScoringError:
        whole = None
    revised_by = {r.info.revises: r.ref for r in whole.rule_sets if r.info.revises} if whole is not None else {}
    in_folder = {(r.ref, r.sha256) for r in whole.rule_sets} if whole is not None else set()
    remembered, passed = cache.passed_examples(), []
    for rule_set in loaded:
        sha = released.get(rule_set.ref)
        if sha is not None and sha != rule_set.sha256:
            failures.append(ScoringError(f"{rule_set.path}: {modified_message(rule_set.ref, sha, rule_set.sha256)}"))
            continue
        # a file whose own worked examples fail is not valid rules, and is offered no release line
        # (review BY C4: an inverted formula passed and was told how to release it)
        # a draft outside the folder is held to its examples against the folder's other rules (review CA B1)
        beside = whole if (rule_set.ref, rule_set.sha256) in in_folder or whole is None else RuleLibrary(
            whole.directory, [*(r for r in whole.rule_sets if r.ref != rule_set.ref), rule_set], [])
        failed = _failing_examples(rule_set, beside, remembered, passed) if beside is not None else []
        if failed:
            # what may be why, where the file's own keys say so (a select key folded onto another: review CE B5)
            doubts = "".join(f"；{doubt}" for doubt in select_doubts(rule_set))
            failures.append(ScoringError(f"{rule_set.path}: 内置测试未通过：{failed[0]}" + (f"（共 {len(failed)} 处，" if len(failed) > 1 else "（")
                                         + f"scoring formulas test {rule_set.ref} 逐条列出）{doubts}"))
            continue
        typer.echo(f"通过：{rule_set.ref}（{rule_set.path}，{len(rule_set.indicators)} 个指标，{len(rule_set.deductions)} 个扣分项，sha256 {rule_set.sha256[:12]}）")
        if sha is not None and rule_set.warnings:
            # known when the version was released: one line, so an author's own warnings are not buried (review BY D3)
            typer.echo(f"  来源文件自身的错误 {len(rule_set.warnings)} 处（发布时已知；scoring formulas show {rule_set.ref} 列出）")
        else:
            for warning in rule_set.warnings:
                typer.echo(f"  警告（来源文件）：{warning}")
        for doubt in filter(None, (region_doubt(rule_set), *select_doubts(rule_set))):
            typer.echo(f"  警告：{doubt}")
        if not re.fullmatch(r"\d{4}\.[1-9]\d*", rule_set.version):
            # any text is a version, but formulas new names, dates and checks versions as YEAR.N (review BY)
            typer.echo(f"  警告：版本号“{rule_set.version}”不是“年份.序号”的写法（如 2024.1）：scoring formulas new 按这种写法命名新版本、核对其年份")
        for parent in (p for p in rule_set.extends if p in revised_by and rule_set.ref not in revised_by):
            # a revision corrects the version it names only: those built on it keep the uncorrected rules
            # (one revised itself is replaced where it applied, and needs no word)
            typer.echo(f"  提示：继承的 {parent} 已由 {revised_by[parent]} 修订，本规则集仍按未修订的 {parent} 计分；"
                       f"如需同样的改正，请为它另立修订版本（scoring formulas new {rule_set.ref} --version … --revision）")
        if has_ledger and sha is None:
            # a draft: said with the line that releases it, so the hash is copied, never typed
            typer.echo(f"  未发布：{LEDGER} 未登记此版本；发布时加入这一行：{rule_set.ref}  {rule_set.sha256}")
    cache.remember_passed(remembered, passed)
    for failure in failures:
        typer.echo(f"失败：{failure}", err=True)
    if unreadable:
        raise typer.Exit(2)
    if failures:
        raise typer.Exit(1)


def _failing_examples(rule_set, library, remembered: dict[str, None], passed: list[str]) -> list[str]:
    """What the rule set's golden examples find wrong (none written, or one not reached, is
    `formulas test`'s to say: validate holds the file to the examples it has).  Examples that
    passed under this very program and these very rules are not run again (``remembered``,
    `cache.passed_examples`): a folder validated after one file changed runs that file's; a
    rule set whose examples now pass is added to ``passed``."""
    from ..engine.engine import Engine
    from ..rules.golden import example_label, examples_key, run_example

    key = examples_key(rule_set)
    if key in remembered:
        return []
    engine = Engine()
    failed = [f"{example_label(rule_set, i)}：{f}" for i in range(len(rule_set.tests)) for f in run_example(rule_set, i, library, engine)]
    if not failed:
        passed.append(key)
    return failed


@formulas_app.command("test")
def formulas_test(
    ref: Optional[str] = typer.Argument(None, metavar="规则集", help="规则集 ID 或 ID@VERSION；省略则测试全部"),
    rules_dir: Optional[Path] = RulesDir,
) -> None:
    """运行规则文件内置的测试样例（[[tests]]），逐条列出期望值与实际值不符之处。"""
    from ..errors import ScoringError
    from ..rules.golden import run_rule_tests

    library = load_library(rules_dir, every_file=True)
    if ref:
        try:
            targets = [library.find(ref)] if "@" in ref else [r for r in library.rule_sets if r.id == ref] or [library.find(ref)]
        except ScoringError as exc:
            fail(str(exc))
    else:
        targets = library.rule_sets
    failed = bool(library.failures)
    for rule_set in targets:
        report = run_rule_tests(rule_set, library)
        mark = "通过" if report.ok else "失败"
        typer.echo(f"{mark}：{rule_set.ref}（{rule_set.path}）{report.passed}/{len(rule_set.tests)} 个测试通过")
        for line in report.failures + report.uncovered:
            typer.echo(f"  - {line}")
        failed = failed or not report.ok
    if failed:
        raise typer.Exit(1)


@formulas_app.command("compile")
def formulas_compile(
    ref: str = typer.Argument(..., help="规则集 ID 或 ID@VERSION"),
    year: Optional[int] = typer.Option(None, "--year", help="按哪一年度绑定参数（默认：规则集适用的第一个年度）"),
    rules_dir: Optional[Path] = RulesDir,
) -> None:
    """显示由规则集（经过校验的表达式）生成的 Python 代码：批量复核（batch）逐表计分时运行的就是这段代码。"""
    from ..engine.engine import resolved_parameters
    from ..rules.codegen import CodegenError, generate, listing

    rule_set = find_rule_set(load_library(rules_dir, every_file=True), ref)
    fy = rule_set.info.fiscal_years
    year = year if year is not None else (fy.first if fy is not None else rule_set.info.effective_from.year)
    try:
        made = generate(rule_set)
    except CodegenError as exc:
        fail(f"{rule_set.ref} 无法生成代码（只能按逐项记录的方式计分）：{exc}")
    sys.stdout.write(listing(made, rule_set, year, resolved_parameters(rule_set, year)))


def register(app: typer.Typer) -> None:
    """Add the `formulas` command group to ``app``."""
    app.add_typer(formulas_app, name="formulas")
