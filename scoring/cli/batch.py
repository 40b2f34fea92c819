"""Command line for many submissions at once: `scoring batch` and `scoring generate`.

Exit codes of `batch`: 0 no
error-level finding; 1 an error-level finding on some sheet, or an input that could not be read
or scored; 2 nothing could be scored (or the options or rule folder are unusable).
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path
from typing import Optional

import typer

from .common import check_outputs, fail, load_library, output_format, utf8_stdout
from .options import RulesDir

Quiet = typer.Option(False, "--quiet", "-q", help="不在 stderr 显示进度")
Jobs = typer.Option(None, "--jobs", "-j", min=1, help="并行进程数（默认：全部可用核心；1 表示顺序执行）")


def batch(
    paths: list[Path] = typer.Argument(..., metavar="案例", help="案例文件（.toml/.json）、填报工作簿（.xlsx）、案例表（.csv）、它们的 .zip 压缩包或包含它们的目录"),
    format: Optional[str] = typer.Option(None, "--format", "-f", help="汇总格式：table、json、csv、markdown（不区分大小写；省略则按 --out 的扩展名，否则为 table）"),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="把汇总写入文件，而不是标准输出"),
    report: Optional[Path] = typer.Option(None, "--report", help="另写一份可直接邮寄的 HTML 报告（单个文件，不引用任何外部资源）"),
    docx: Optional[Path] = typer.Option(None, "--docx", help="另写一份可发送的 Word 汇总复核意见（.docx）：总数、按状态和等级统计、高报最多的表、每个有错误的单位一节"),
    rules_dir: Optional[Path] = RulesDir,
    jobs: Optional[int] = Jobs,
    quiet: bool = Quiet,
    timeout: float = typer.Option(60.0, "--timeout", min=1, help="每份材料最长计算秒数；超时或使计算进程崩溃的材料记为失败，其余照常复核"),
) -> None:
    """批量复核：按各表适用的规则版本重新计分，汇总每张表的自评总分、计算总分与差额。

    有错误级发现（高报、超出分值、合计不符、缺少数字等）或有文件无法读取时退出码为 1，没有任何表可以复核时为 2。
    """
    from ..batch.run import run_batch
    from ..errors import ScoringError
    from ..output.formats import FORMATS, names, writer
    from ..output.summary import counts_line
    from .progress import Progress

    format = output_format(format, out, names("summary"))
    if report is not None:
        output_format("html", report, ("html",))  # --report is the HTML report
    # Every output is checked before hours of scoring, not found unwritable after them.
    check_outputs([out, report, docx], [p for p in paths if p.is_file()])
    library = load_library(rules_dir)  # an unusable rule folder stops here (exit 2); unusable rule files are named
    progress = Progress(1, "份", enabled=False if quiet else None)

    def on_progress(done: int, position: int, total: int) -> None:
        progress.total = max(total, 1)
        progress.update(done, position)

    try:
        result = run_batch(paths, rules_dir=rules_dir, jobs=jobs, on_progress=on_progress, timeout=timeout, library=library)
    except ScoringError as exc:
        fail(str(exc))
    finally:
        progress.close()
    # What is alive now lives until the command ends: out of the cycle collector's sight (still freed
    # when no longer referred to), or its next pass walks every summary row again while the summary
    # is written (1.2 s of a million-row batch).  A process that goes on is left to decide this itself.
    gc.freeze()
    # Nothing scored (exit 2): earlier summaries and reports stay as they were.
    summary = writer(format, "summary")
    if out is None and FORMATS[format].spreadsheet:
        with utf8_stdout() as stdout:
            summary(result, stdout)
    elif out is None:
        summary(result, sys.stdout)
    if result.sheets and any(p is not None for p in (out, report, docx)):
        _write_files(result, format, out, report, docx, rules_dir)
    # Failures must reach a person even when the summary went to a file or to a program.
    if out is not None or format in ("json", "csv"):
        for problem in result.failures:
            typer.echo(f"错误：{problem.reason}", err=True)
        typer.echo(counts_line(result), err=True)
    if not result.sheets:
        kept = "、".join(str(p) for p in (out, report, docx) if p is not None)
        typer.echo(f"错误：没有任何表可以复核{f'（未改动 {kept}）' if kept else ''}", err=True)
    raise typer.Exit(result.exit_code)


def _write_files(result, format: str, out: Optional[Path], report: Optional[Path], docx: Optional[Path], rules_dir: Optional[Path]) -> None:
    """Write the summary, the report and the review together by the output rules: an interrupted
    or failed run leaves every earlier file as it was, never a new summary beside an old report."""
    from ..batch.run import explain
    from ..errors import ScoringError
    from ..files.writing import staged_outputs
    from ..output.formats import writer

    # the sheets a document explains are re-scored on the traced path now: the batch kept no explanation
    details = lambda sheets: explain(sheets, rules_dir, result.sources)  # noqa: E731
    try:
        with staged_outputs() as files:
            if out is not None:
                writer(format, "summary")(result, files.open(out, "w", encoding="utf-8", newline=""))
            if report is not None:
                html = writer("html", "batch")(result, details)
                files.open(report, "w", encoding="utf-8", newline="").write(html)
            if docx is not None:
                files.open(docx).write(writer("docx", "batch")(result, details))
    except ScoringError as exc:
        fail(str(exc))


def generate(
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="写入案例文件（.json）的目录", file_okay=False),
    csv_file: Optional[Path] = typer.Option(None, "--csv", help="把公式计分的表（四川部门整体）写成一个案例表（CSV），而不是单个案例文件"),
    count: int = typer.Option(1000, "--count", "-n", min=1, help="生成的表数"),
    seed: int = typer.Option(0, "--seed", help="随机种子：同一种子生成完全相同的文件"),
    error_rate: float = typer.Option(0.3, "--error-rate", min=0.0, max=1.0, help="注入错误的表所占比例"),
    kinds: str = typer.Option("formula,rows", "--kinds", help="表的种类：formula（四川部门整体）、rows（逐行计分：全国、四川、湖南、新疆），逗号分隔"),
    manifest: Optional[Path] = typer.Option(None, "--manifest", help="注入错误清单（JSON）的路径（默认：输出目录下 manifest.json，或 CSV 旁的 .manifest.json）"),
    rules_dir: Optional[Path] = RulesDir,
    jobs: Optional[int] = Jobs,
    quiet: bool = Quiet,
) -> None:
    """生成逼真的合成自评表，按比例注入各类错误，并写出注入清单（用于测试与基准）。

    自评得分由真实的计分引擎算出，总分为各项之和；注入的错误类别：高报、超出分值、合计不符、所述比率错误、缺少数字、定性用语不在词表中。同一 --seed 生成完全相同的输出。
    """
    from ..errors import ScoringError
    from ..synthetic.generator import KINDS, GeneratorError, Settings
    from ..synthetic.writer import generate as run_generate
    from .progress import Progress

    chosen = tuple(k.strip() for k in kinds.split(",") if k.strip())
    unknown = [k for k in chosen if k not in KINDS]
    if unknown or not chosen:
        fail(f"未知的表种类 {'、'.join(unknown) or '（空）'}；可用：{'、'.join(KINDS)}")
    if out is None and csv_file is None:
        fail("需要 --out 目录或 --csv 文件")
    if manifest is None:
        manifest = out / "manifest.json" if out is not None else csv_file.with_suffix(".manifest.json")
    progress = Progress(count, "张表", enabled=False if quiet else None)
    settings = Settings(seed=seed, error_rate=error_rate, kinds=chosen)
    try:
        summary = run_generate(count, settings, out, csv_file, manifest, rules_dir=rules_dir, jobs=jobs,
                               on_progress=lambda done: progress.update(done, done))
    except (ScoringError, ValueError, GeneratorError) as exc:
        fail(str(exc))
    except OSError as exc:
        from ..files.os_errors import describe

        fail(f"{getattr(exc, 'filename', None) or ''}：{describe(exc)}".lstrip("："))
    finally:
        progress.close()
    classes = "，".join(f"{cls} {n}" for cls, n in sorted(summary.by_class.items()))
    typer.echo(
        f"生成 {summary.count} 张表（案例文件 {summary.case_files} 个，案例表 {summary.table_rows} 行）："
        f"无错 {summary.clean} 张，注入错误 {sum(summary.by_class.values())} 处（{classes or '无'}）；清单：{manifest}",
        err=True,
    )


def register(app: typer.Typer) -> None:
    """Add `batch` and `generate` to ``app``."""
    app.command()(batch)
    app.command()(generate)
