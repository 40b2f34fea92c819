"""`scoring template` and `scoring import`: the official form as a fill-in workbook (or the header
row of a case table) for a rule set, and a filled workbook back into a case file."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from .common import check_outputs, fail, find_rule_set, load_library, output_format, utf8_stdout, write_file
from .options import RulesDir


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
    from ..output.formats import names, writer

    format = output_format(format, out, names("template"), default="xlsx")
    if format == "xlsx" and out is None:
        fail("xlsx 模板须用 --out 指定输出文件")
    if format == "csv" and fill is not None:
        fail("--fill 只用于 xlsx 模板")
    check_outputs([out] if out is not None else [], [fill] if fill is not None else [])
    library = load_library(rules_dir)
    rule_set = find_rule_set(library, rules)
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
    from ..cases.load import load_case
    from ..errors import ScoringError
    from ..review.pipeline import choose_rules

    try:
        case, _ = load_case(case_path)
        sheet = next((s for s in case.sheets if choose_rules(library, case, s).ref == rule_set.ref), None)
    except ScoringError as exc:
        fail(str(exc))
    if sheet is None:
        fail(f"{case_path} 中没有使用 {rule_set.ref} 的表")
    from ..plain import dump

    data = dump(case, "python", exclude_none=True)
    return data["case"], next(s for s in data["sheets"] if s["id"] == sheet.id)


def import_workbook(
    workbook: Path = typer.Argument(..., metavar="工作簿", help="填好的 .xlsx 模板，或按中性格式录入的公开自评表（.json）"),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="写出的案例文件（.toml）；省略则输出到屏幕"),
) -> None:
    """把填好的 Excel 模板（或按中性格式录入的公开自评表 .json）转换为案例文件（TOML）；单元格有误时按“工作表!单元格”指出。"""
    from ..cases.schema import validate_case
    from ..errors import ScoringError
    from ..output.formats import names, writer

    if out is not None:
        output_format(None, out, names("case"), default="toml")
        check_outputs([out], [workbook])
    from pydantic import ValidationError

    from ..problems import pydantic_problems

    try:
        data = _read_form(workbook)
        validate_case(data)
    except ScoringError as exc:
        fail(str(exc))
    except ValidationError as exc:
        fail("\n".join(str(p) for p in pydantic_problems(str(workbook), exc)))
    text = writer("toml", "case")(data, header=f"由 scoring import 从 {workbook.name} 转换")
    if out is None:
        sys.stdout.write(text)
        return
    write_file(out, text.encode("utf-8"))
    typer.echo(f"已写入 {out}", err=True)


def _read_form(path: Path) -> dict:
    """The case a filled workbook holds, or a published sheet in the neutral form (`cases.published`)."""
    from ..errors import ScoringError

    if path.suffix.lower() == ".json":
        from ..cases.published import is_published, published_case
        from ..files.reading import read_json

        data = read_json(path)
        if not is_published(data):
            raise ScoringError(f"{path}: 不是按中性格式录入的公开自评表（应有 rows，以及 unit、province、budget 或 sheet_type）；案例文件（.json）无需转换，可直接复核")
        try:
            return published_case(data, path.stem)
        except ScoringError as exc:
            raise ScoringError(f"{path}: {exc}") from None
    from ..excel.importer import read_workbook

    return read_workbook(path)


def register(app: typer.Typer) -> None:
    """Add `template` and `import` to ``app``."""
    app.command()(template)
    app.command("import")(import_workbook)
