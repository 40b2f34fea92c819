"""Command line: `scoring score | diff | explain | formulas …`.

Exit codes: 0 fine; 1 a claim is too high, outside its weight, or parts don't add up to a claimed
total (any error-level finding); 2 the input cannot be used.  Heavy modules are imported inside
the commands so that `scoring --help` stays fast.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Optional, TextIO

import typer

from .cli_chinese import App, run

# Plain help text (rich_markup_mode=None): rendering it through rich costs ~150 ms of imports
# on every `--help`, for boxes a terminal of finance staff doesn't need.
app = App(
    # --install-completion / --show-completion: typer's completion for bash, zsh, fish, PowerShell
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    no_args_is_help=True,
    help="按版本化的规则文件重新计算预算绩效自评得分，并指出自评得分与规则不符之处。",
)
formulas_app = App(no_args_is_help=True, rich_markup_mode=None, help="规则文件：列出、查看、校验、测试、比较、新建版本。")
app.add_typer(formulas_app, name="formulas")


def _print_version(value: bool) -> None:
    if value:
        from . import __version__

        typer.echo(f"scoring {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    version: bool = typer.Option(False, "--version", callback=_print_version, is_eager=True, help="显示版本号并退出"),
) -> None:
    # Options of `scoring` itself; the commands are registered below.
    pass


RulesDir = typer.Option(None, "--rules-dir", help="规则文件目录（默认：环境变量 SCORING_RULES_DIR，否则随附的规则文件）", file_okay=False)
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


def _fail(message: str, code: int = 2) -> None:
    typer.echo(f"错误：{message}", err=True)
    raise typer.Exit(code)


def _library(rules_dir: Optional[Path]):
    from .errors import ScoringError
    from .rules.library import load_rule_dir

    try:
        library = load_rule_dir(rules_dir)
    except ScoringError as exc:
        _fail(str(exc))
    for failure in library.failures:
        typer.echo(f"警告：规则文件无法使用，已跳过：{failure}", err=True)
    return library


def _report(case: Path, rules_dir: Optional[Path], rules: Optional[str], expect_hash: Optional[list[str]] = None):
    return _scored_case(case, rules_dir, rules, expect_hash)[2]


def _scored_case(case: Path, rules_dir: Optional[Path], rules: Optional[str], expect_hash: Optional[list[str]] = None):
    """The case, the rule library and the report: what every output needs."""
    from .cases.load import load_case
    from .engine.engine import Engine
    from .errors import ScoringError
    from .review.pipeline import report_loaded

    library = _library(rules_dir)
    try:
        loaded, shown = load_case(case)
        return loaded, library, report_loaded(loaded, shown, library, Engine(), rules, expect_hash or None)
    except ScoringError as exc:
        _fail(str(exc))


def _check_hashes(hashes: Optional[list[str]]) -> None:
    import re

    for h in hashes or []:
        if not re.fullmatch(r"[0-9a-fA-F]{12,64}", h):
            _fail(f"--expect-hash “{h}”不是 sha256（应为 12 到 64 位十六进制）")


def output_format(given: Optional[str], out: Optional[Path], available: tuple[str, ...], default: str = "table") -> str:
    """The format to write: ``given`` (any case), else the one ``out``'s extension implies, else
    ``default``.  A format that is not available, or that contradicts the extension, is refused."""
    name = given.strip().lower() if given is not None else None
    if name is not None and name not in available:
        _fail(f"未知的输出格式 {given}；可用：{'、'.join(available)}")
    from .output.formats import implied_by

    suffix = out.suffix.lower() if out is not None else ""
    implied = implied_by(suffix) if suffix else None
    if implied is not None and name is not None and implied != name:
        _fail(f"输出格式 {name} 与输出文件 {out} 的扩展名 {suffix} 矛盾；请改用 --format {implied}，或换一个扩展名")
    if implied is not None and implied not in available:
        _fail(f"输出文件 {out} 的扩展名 {suffix} 表示 {implied} 格式，这里不能写出；可用：{'、'.join(available)}")
    return name or implied or default


def write_file(out: Path, data: bytes) -> None:
    """Write one output file by the output rules (scoring/files/writing.py), or stop with exit code 2."""
    from .errors import ScoringError
    from .files.writing import write_output

    try:
        write_output(out, data)
    except ScoringError as exc:
        _fail(str(exc))


def check_outputs(outputs: list[Optional[Path]], inputs: list[Path]) -> None:
    """Before any work: every output can be written and none of them is an input."""
    from .errors import ScoringError
    from .files.writing import check_not_input, check_output

    given = [o for o in outputs if o is not None]
    try:
        for out in given:
            check_output(out)
            check_not_input(out, inputs)
        for i, out in enumerate(given):
            check_not_input(out, given[:i])
    except ScoringError as exc:
        _fail(str(exc))


def _check_format(fmt_name: Optional[str], out: Optional[Path], case: Path) -> str:
    from .output.formats import FORMATS, names

    name = output_format(fmt_name, out, names("diff"))
    if FORMATS[name].binary and out is None:
        _fail(f"{name} 格式须用 --out 指定输出文件")
    check_outputs([out], [case])
    return name


@contextmanager
def utf8_stdout() -> Iterator[TextIO]:
    """Standard output as UTF-8 text with no newline translation, for CSV: the bytes are the same
    whether they go to a file, a pipe or a console, whatever the system's code page."""
    import io

    sys.stdout.flush()
    stream = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="", write_through=True)
    try:
        yield stream
    finally:
        stream.flush()
        stream.detach()  # leaves sys.stdout's buffer open


def _emit(scored, fmt_name: str, out: Optional[Path], view: str) -> None:
    """Print the report (``view``: "score" or "diff"), or write it to ``out`` by the output rules."""
    from .output.formats import FORMATS, CaseOutput, render_case

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


@app.command()
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


@app.command()
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


@app.command()
def explain(
    case: Path = typer.Argument(..., metavar="案例文件", help="案例文件（.toml）"),
    indicator: Optional[str] = typer.Argument(None, metavar="指标", help="指标名称（如 预算编制质量）或 id；省略则解释全部指标"),
    rules_dir: Optional[Path] = RulesDir,
    rules: Optional[str] = RulesRef,
) -> None:
    """逐项说明计算过程：规则原文、每个输入及其来源、中间值、档位、上下限与舍入。"""
    from .output.text import render_explain

    report = _report(case, rules_dir, rules)
    if indicator is not None and not any(indicator in (r.result.id, r.result.name) for s in report.sheets for r in s.indicators):
        names = "、".join(dict.fromkeys(r.result.name for s in report.sheets for r in s.indicators))
        _fail(f"案例中没有指标“{indicator}”；可用：{names}")
    sys.stdout.write(render_explain(report, indicator))


@formulas_app.command("list")
def formulas_list(rules_dir: Optional[Path] = RulesDir) -> None:
    """列出规则目录中的全部规则集。"""
    from tabulate import tabulate

    from .output.rule_set import region_text

    library = _library(rules_dir)
    rows = [
        [r.ref, r.info.title, region_text(r), r.info.sheet_type, f"{r.info.effective_from}～{r.info.effective_to or ''}", r.sha256[:12], r.path]
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

    from .output.rule_set import render_rule_set

    rule_set = _find(_library(rules_dir), ref)
    if resolved:
        sys.stdout.write(json.dumps(rule_set.resolved, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(render_rule_set(rule_set))


def _find(library, ref: str):
    from .errors import ScoringError

    try:
        return library.find(ref)
    except ScoringError as exc:
        _fail(str(exc))


@formulas_app.command("diff")
def formulas_diff(
    old: str = typer.Argument(..., metavar="原规则集", help="原规则集 ID@VERSION"),
    new: str = typer.Argument(..., metavar="新规则集", help="新规则集 ID@VERSION"),
    rules_dir: Optional[Path] = RulesDir,
) -> None:
    """比较两个规则集（继承展开后）：新增、删除、修改的指标、参数、输入和词表。"""
    from .rules.changes import diff_rule_sets

    library = _library(rules_dir)
    a, b = _find(library, old), _find(library, new)
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
    out: Optional[Path] = typer.Option(None, "--out", help="新文件路径（默认：原文件旁，年份替换）"),
    rules_dir: Optional[Path] = RulesDir,
) -> None:
    """从已有版本复制出新版本的规则文件（改版本号和有效期，其余原样），再按新规则修改。"""
    import datetime as dt

    from .errors import ScoringError
    from .rules.library import load_rule_file
    from .rules.versions import new_version

    library = _library(rules_dir)
    rule_set = _find(library, ref)
    try:
        start = dt.date.fromisoformat(effective_from) if effective_from else None
        end = dt.date.fromisoformat(effective_to) if effective_to else None
    except ValueError:
        given = "、".join(f"“{d}”" for d in (effective_from, effective_to) if d)
        _fail(f"日期格式应为 YYYY-MM-DD（如 2025-01-01），得到 {given}")
    try:
        made = new_version(rule_set, version, out, start, end)
        loaded = load_rule_file(made.path, rules_dir)
    except ScoringError as exc:
        _fail(str(exc))
    typer.echo(f"已创建 {made.path}：{loaded.ref}，有效期 {made.effective_from}～{made.effective_to or ''}，sha256 {loaded.sha256[:12]}")
    for line in made.reminders:
        typer.echo(f"  - {line}")


@formulas_app.command("validate")
def formulas_validate(
    paths: Optional[list[Path]] = typer.Argument(None, metavar="规则文件", help="要校验的规则文件；省略则校验规则目录中的全部文件"),
    rules_dir: Optional[Path] = RulesDir,
) -> None:
    """严格校验规则文件；来源文件自身的错误（如分组标题分值不符）作为警告报告。"""
    from .errors import ScoringError
    from .rules.library import load_rule_dir, load_rule_file

    loaded, failures = [], []
    if paths:
        for path in paths:
            try:
                loaded.append(load_rule_file(path))
            except ScoringError as exc:
                failures.append(exc)
    else:
        try:
            library = load_rule_dir(rules_dir)
        except ScoringError as exc:
            _fail(str(exc))
        loaded, failures = library.rule_sets, library.failures
    for rule_set in loaded:
        typer.echo(f"通过：{rule_set.ref}（{rule_set.path}，{len(rule_set.indicators)} 个指标，{len(rule_set.deductions)} 个扣分项，sha256 {rule_set.sha256[:12]}）")
        for warning in rule_set.warnings:
            typer.echo(f"  警告（来源文件）：{warning}")
    for failure in failures:
        typer.echo(f"失败：{failure}", err=True)
    if failures:
        raise typer.Exit(1)


@formulas_app.command("test")
def formulas_test(
    ref: Optional[str] = typer.Argument(None, metavar="规则集", help="规则集 ID 或 ID@VERSION；省略则测试全部"),
    rules_dir: Optional[Path] = RulesDir,
) -> None:
    """运行规则文件内置的测试样例（[[tests]]），逐条列出期望值与实际值不符之处。"""
    from .errors import ScoringError
    from .rules.golden import run_rule_tests

    library = _library(rules_dir)
    if ref:
        try:
            targets = [library.find(ref)] if "@" in ref else [r for r in library.rule_sets if r.id == ref] or [library.find(ref)]
        except ScoringError as exc:
            _fail(str(exc))
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
    from .engine.engine import resolved_parameters
    from .rules.codegen import CodegenError, generate, listing

    rule_set = _find(_library(rules_dir), ref)
    fy = rule_set.info.fiscal_years
    year = year if year is not None else (fy.first if fy is not None else rule_set.info.effective_from.year)
    try:
        made = generate(rule_set)
    except CodegenError as exc:
        _fail(f"{rule_set.ref} 无法生成代码（只能按逐项记录的方式计分）：{exc}")
    sys.stdout.write(listing(made, rule_set, year, resolved_parameters(rule_set, year)))


@app.command()
def template(
    rules: str = typer.Argument(..., metavar="规则集", help="规则集 ID 或 ID@VERSION"),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="生成的文件（xlsx 必填；csv 省略则输出到屏幕）"),
    format: Optional[str] = typer.Option(
        None, "--format", "-f", help="xlsx：Excel 填报模板；csv：案例表（批量复核用）的表头行（省略则按 --out 的扩展名，否则为 xlsx）",
    ),
    fill: Optional[Path] = typer.Option(None, "--fill", help="用这个案例文件的数字预先填好（案例中使用该规则集的第一张表；仅 xlsx）"),
    rules_dir: Optional[Path] = RulesDir,
) -> None:
    """生成某规则集的 Excel 填报模板（中文表头、指标行与分值、数字校验、锁定的标签单元格和填写说明），或案例表（CSV）的表头行。"""
    from .output.formats import names, writer

    format = output_format(format, out, names("template"), default="xlsx")
    if format == "xlsx" and out is None:
        _fail("xlsx 模板须用 --out 指定输出文件")
    if format == "csv" and fill is not None:
        _fail("--fill 只用于 xlsx 模板")
    check_outputs([out] if out is not None else [], [fill] if fill is not None else [])
    library = _library(rules_dir)
    rule_set = _find(library, rules)
    if format == "csv":
        _table_header(rule_set, writer("csv", "template")(rule_set), out)
        return
    case_data, sheet_data = _fill(rule_set, fill, library) if fill is not None else (None, None)
    write_file(out, writer("xlsx", "template")(rule_set, case_data, sheet_data))
    typer.echo(f"已生成 {out}（规则集 {rule_set.ref}）")


def _table_header(rule_set, text: str, out: Optional[Path]) -> None:
    """The header row of a case table for ``rule_set`` (CSV for spreadsheets, with a BOM), printed or written."""
    if out is None:
        with utf8_stdout() as stdout:
            stdout.write(text)
    else:
        write_file(out, text.encode("utf-8"))
        typer.echo(f"已生成 {out}（规则集 {rule_set.ref} 的案例表表头）", err=True)
    typer.echo(
        f"每行一张表：“规则”列填 {rule_set.ref}；“地区”写作 省/市/县；文件未披露的数字填“未披露”，空白表示未填；"
        "填好后用 scoring batch 复核。",
        err=True,
    )
    if rule_set.rows is not None:
        typer.echo("注意：此规则集还逐行计分（绩效指标行），案例表只能填写数字和自评得分；逐行部分请用 xlsx 模板或案例文件。", err=True)


def _fill(rule_set, case_path: Path, library) -> tuple[dict, dict]:
    """The case and the sheet (plain data) of ``case_path`` that ``rule_set`` scores."""
    from .cases.load import load_case
    from .errors import ScoringError
    from .review.pipeline import choose_rules

    try:
        case, _ = load_case(case_path)
        sheet = next((s for s in case.sheets if choose_rules(library, case, s).ref == rule_set.ref), None)
    except ScoringError as exc:
        _fail(str(exc))
    if sheet is None:
        _fail(f"{case_path} 中没有使用 {rule_set.ref} 的表")
    data = case.model_dump(mode="python", exclude_none=True)
    return data["case"], next(s for s in data["sheets"] if s["id"] == sheet.id)


@app.command("import")
def import_workbook(
    workbook: Path = typer.Argument(..., metavar="工作簿", help="填好的 .xlsx 模板"),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="写出的案例文件（.toml）；省略则输出到屏幕"),
) -> None:
    """把填好的 Excel 模板转换为案例文件（TOML）；单元格有误时按“工作表!单元格”指出。"""
    from .cases.model import Case
    from .errors import ScoringError
    from .excel.importer import read_workbook
    from .output.formats import names, writer

    if out is not None:
        output_format(None, out, names("case"), default="toml")
        check_outputs([out], [workbook])
    from pydantic import ValidationError

    from .problems import pydantic_problems

    try:
        data = read_workbook(workbook)
        Case.model_validate(data)
    except ScoringError as exc:
        _fail(str(exc))
    except ValidationError as exc:
        _fail("\n".join(str(p) for p in pydantic_problems(str(workbook), exc)))
    text = writer("toml", "case")(data, header=f"由 scoring import 从 {workbook.name} 转换")
    if out is None:
        sys.stdout.write(text)
        return
    write_file(out, text.encode("utf-8"))
    typer.echo(f"已写入 {out}", err=True)


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="监听地址（默认只允许本机访问；其他地址必须设置访问令牌）"),
    port: int = typer.Option(8000, "--port", help="端口"),
    data: Path = typer.Option(Path("scoring-data"), "--data", help="数据目录：数据库文件和上传时的临时文件都只写在这里", file_okay=False),
    database: Optional[str] = typer.Option(None, "--database", help="数据库 URL（SQLAlchemy 格式，如 postgresql://user@host/db）；默认为数据目录中的 SQLite 文件 scoring.db"),
    token_file: Optional[Path] = typer.Option(None, "--token-file", help="访问令牌所在的文件（也可用环境变量 SCORING_TOKEN）", dir_okay=False),
    max_file_mb: int = typer.Option(8, "--max-file-mb", help="每个上传文件（含压缩包内每个文件）的大小上限，MiB"),
    max_request_mb: int = typer.Option(64, "--max-request-mb", help="一次上传的总大小上限，MiB"),
    rules_dir: Optional[Path] = RulesDir,
) -> None:
    """启动网页服务：单位在线填报并即时计分，财政部门批量上传、复核、重新复核并保留历史。"""
    import os

    try:
        import uvicorn

        from .web.app import Settings, create_app
        from .web.security import is_loopback
        from .web.service import Limits
    except ImportError as exc:
        _fail(f"网页服务所需的组件未安装（缺少 {exc.name}）。请运行：python -m pip install 'scoring[web]'"
              f"（在源码目录中：python -m pip install -e '.[web]'）")
    from .errors import ScoringError

    token = os.environ.get("SCORING_TOKEN") or None
    if token_file is not None:
        try:
            token = token_file.read_text(encoding="utf-8").strip() or None
        except OSError as exc:
            _fail(f"无法读取令牌文件 {token_file}：{exc.strerror or exc}")
    if token is not None and len(token) < 16:
        _fail("访问令牌太短：至少 16 个字符（可用 python -c \"import secrets; print(secrets.token_urlsafe(24))\" 生成）")
    if not is_loopback(host) and token is None:
        _fail(f"拒绝启动：监听 {host} 会让其他计算机访问本服务，必须先设置访问令牌（--token-file 文件 或 环境变量 SCORING_TOKEN）。"
              "只在本机使用时请用默认地址 127.0.0.1。")
    if min(max_file_mb, max_request_mb) < 1:
        _fail("上传大小上限至少为 1 MiB")
    limits = Limits(file_bytes=max_file_mb << 20, request_bytes=max_request_mb << 20, zip_total=max(max_request_mb, max_file_mb) << 21)
    try:
        application = create_app(Settings(data_dir=data, database_url=database, rules_dir=rules_dir, token=token, limits=limits))
    except ScoringError as exc:
        _fail(str(exc))
    except Exception as exc:  # noqa: BLE001 - a database URL or folder that can't be used: say which
        _fail(f"无法启动：{type(exc).__name__}: {exc}")
    shown = f"[{host}]" if ":" in host else host
    typer.echo(f"复核服务已启动：http://{shown}:{port}/ （数据目录 {data}；按 Ctrl+C 停止）", err=True)
    uvicorn.run(application, host=host, port=port, log_level="warning", access_log=False)


def main() -> None:
    """Console entry point: parser messages, help and Ctrl-C in Chinese (scoring/cli_chinese.py).
    One program name however it is started (`scoring`, `python -m scoring`), so that shell
    completion is installed for, and answers to, the command people type."""
    run(app, prog_name="scoring")
from . import batch_cli  # noqa: E402,F401  (registers batch and generate)
