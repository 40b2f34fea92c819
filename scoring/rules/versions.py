"""`scoring formulas new`: start the next version of a rule set as an edited copy of its file,
so next year's rules are a copy-and-edit away and the old version stays untouched.  The file is
edited with tomlkit, which keeps comments and layout."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import MutableMapping
from dataclasses import dataclass
from pathlib import Path

import tomlkit
from tomlkit.exceptions import TOMLKitError

from ..errors import ScoringError
from ..files.reading import decode_text
from ..files.writing import write_output
from .model import RuleSet


@dataclass
class NewVersion:
    path: Path
    effective_from: dt.date
    effective_to: dt.date | None
    reminders: list[str]


def _one_year_later(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def new_version(
    rule_set: RuleSet, version: str, out: Path | None = None,
    effective_from: dt.date | None = None, effective_to: dt.date | None = None, revision: bool = False,
    rule_id: str | None = None,
) -> NewVersion:
    """Copy ``rule_set``'s file with a new version, effective period and year in its title;
    returns what to edit next.  The copy is an edit of the file, not a rewrite: comments, layout
    and everything else stay as the author wrote them.  A ``revision`` corrects ``rule_set``: it
    keeps its period and says `revises`, and is chosen wherever ``rule_set`` would be.  A
    ``rule_id`` starts another rule set (another region's form) from this one's file."""
    year = re.fullmatch(r"(\d{4})\.[1-9]\d*", version)
    if not year:
        raise ScoringError(f"版本号“{version}”应写作“年份.序号”，如 2025.1")
    if version == rule_set.version:
        raise ScoringError(f"新版本号与原版本相同：{version}")
    old = rule_set.info
    if revision:
        if rule_id is not None:
            raise ScoringError("修订版本沿用原规则集的 ID：--revision 不能与 --id 同用")
        return _revision(rule_set, version, out)
    if rule_id is not None and not re.fullmatch(r"[a-z0-9][a-z0-9_.-]*", rule_id):
        raise ScoringError(f"规则集 ID“{rule_id}”应由小写字母、数字和 . _ - 组成，如 hebei.project")
    if rule_id is not None and out is None:
        raise ScoringError("另建规则集时请用 --out 指定新文件，如 formulas/hebei/project-2020.toml（另一地区的规则放在它自己的目录中）")
    if effective_from is None:
        if old.effective_to is None:
            raise ScoringError(f"{rule_set.ref} 没有失效日期，请用 --effective-from 指定新版本的生效日期")
        effective_from = old.effective_to + dt.timedelta(days=1)
    if effective_to is None and old.effective_to is not None:
        effective_to = _one_year_later(effective_from) - dt.timedelta(days=1)
    if effective_to is not None and effective_to < effective_from:
        raise ScoringError("失效日期早于生效日期")
    source = Path(rule_set.path)
    target = out or source.with_name(_new_name(source, rule_set, version, effective_from))
    doc, table = _heading(source, target, version)
    reminders = []
    # next year's rules revise nothing: a `revises` copied from a revision would call every sheet
    # they score a revision of last year's (review BY D2)
    if "revises" in table:
        del table["revises"]
        # its opening comment says what it corrected beside what the file is: kept, to be rewritten
        # (review CB D1: dropping it took the file's own description too)
        reminders.append(f"文件开头的说明（含 {rule_set.ref} 的修订记录）已照原样复制：请改写为本版本的说明")
    if "fiscal_years" in table:
        # the years the source governs besides its period's (2019 for rules of 2020-02-25): the copy
        # would govern them too and tie with it on every such sheet (review CA A3)
        first = rule_set.info.fiscal_years.first if rule_set.info.fiscal_years is not None else table["fiscal_years"]
        reminders.append(f"{rule_set.ref} 的 fiscal_years（自 {first} 年度起）未复制：新版本也适用于生效日期之前的年度时，请另行写明")
        del table["fiscal_years"]
    if old.effective_to is None and rule_id in (None, rule_set.id):
        # an open-ended version governs the new one's years too: every such sheet would tie (review CB C3)
        reminders.append(f"{rule_set.ref} 没有失效日期，与新版本同时适用于 {effective_from.year} 年起的表：请为它另立修订版本写明失效日期"
                         f"（scoring formulas new {rule_set.ref} --version … --revision，再写 effective_to = {effective_from - dt.timedelta(days=1)}）")
    if rule_id is not None and rule_id != rule_set.id:
        table["id"] = rule_id
        reminders.append(f"新规则集 {rule_id}：请改写 [rule_set] 的 region（省在前，如 [\"河北省\", \"邯郸市\"]）、title、sheet_type 和 "
                         f"source，使之与所依据的文件一致；其余规则沿用 {rule_set.ref}，不同之处逐项修改")
    table["effective_from"] = effective_from
    if effective_to is not None:
        table["effective_to"] = effective_to
    elif "effective_to" in table:
        del table["effective_to"]
    title = str(table.get("title", old.title))
    # The year the title names ("（2024年度）"), not any four digits: "财预〔2020〕10号" is a document number.
    new_title = re.sub(rf"(?<!\d){old.effective_from.year}(?=\s*年)", str(effective_from.year), title)
    if new_title != title:
        table["title"] = new_title
    elif old.effective_from.year != effective_from.year:
        reminders.append(f"标题“{title}”中没有“{old.effective_from.year}年”字样，未改动：请确认标题")
    if int(year.group(1)) != effective_from.year:
        reminders.append(f"版本号 {version} 的年份与生效日期 {effective_from} 不一致：请确认")
    _write(target, f"# 由 `scoring formulas new` 从 {rule_set.ref}（sha256 {rule_set.sha256[:12]}）复制而来，请按 {effective_from.year} 年的规则修改。\n", doc)
    for name, p in rule_set.parameters.items():
        if p.values and p.value_for(effective_from.year) is None:
            reminders.append(f"参数“{p.label}”（{name}）没有 {effective_from.year} 年的值：在 [[parameters.{name}.values]] 中添加，并写明来源")
    if rule_set.tests:
        reminders.append(f"内置测试（[[tests]]）已一并复制：规则改动后请同步修改期望值，并运行 scoring formulas test {rule_id or rule_set.id}@{version}")
    return NewVersion(target, effective_from, effective_to, reminders)


def _heading(source: Path, target: Path, version: str) -> tuple[tomlkit.TOMLDocument, MutableMapping]:
    """The source file as an editable document for ``target``, and its [rule_set] with ``version``."""
    _refuse_inside_package(target)
    doc = _parse(source)
    table = doc.get("rule_set")
    if not isinstance(table, MutableMapping):
        raise ScoringError(f"{source}: 规则文件中没有 [rule_set] 表")
    table["version"] = version
    return doc, table


def _write(target: Path, header: str, doc: tomlkit.TOMLDocument) -> None:
    if target.exists():
        raise ScoringError(f"{target} 已存在，不覆盖；请用 --out 指定另一个文件名")
    # the source's own "copied from" lines describe the source, not the copy (one called the copy
    # a revision of another version); the authors' notes below them stay
    text = "".join(line for line in tomlkit.dumps(doc).splitlines(keepends=True) if not line.startswith(_COPIED_FROM))
    write_output(target, (header + text).encode("utf-8"))


_COPIED_FROM = "# 由 `scoring formulas new"



def _parse(source: Path) -> tomlkit.TOMLDocument:
    """The file as an editable document, decoded as the loader decodes it (UTF-8 or GBK)."""
    try:
        raw = source.read_bytes()
    except OSError as exc:
        raise ScoringError(f"{source}: 无法读取文件（{exc.strerror or exc}）") from None
    try:
        return tomlkit.parse(decode_text(raw, source))
    except TOMLKitError as exc:
        raise ScoringError(f"{source}: TOML 格式错误：{exc}") from None


def _refuse_inside_package(target: Path) -> None:
    """The shipped rule files of an installed tool live inside the package; a new version is the
    user's own file and belongs in their own folder (an upgrade would remove it)."""
    package = Path(__file__).resolve().parent.parent  # scoring/, which holds scoring.formulas
    if target.resolve().is_relative_to(package):
        raise ScoringError(
            f"新文件 {target} 会写在程序的安装目录中（升级时会被删除）：请用 --out 指定自己的规则目录中的文件，"
            "并用 --rules-dir 或环境变量 SCORING_RULES_DIR 指向该目录"
        )


def _revision(rule_set: RuleSet, version: str, out: Path | None) -> NewVersion:
    """The copy of a revision: the same rules, period and title, a new version that `revises` the old."""
    source = Path(rule_set.path)
    year = str(rule_set.info.effective_from.year)
    if rule_set.version in source.stem:
        named = source.stem.replace(rule_set.version, version, 1)  # project-2020.2.toml → project-2020.3.toml
    elif year in source.stem and version.startswith(year):
        named = source.stem.replace(year, version, 1)  # project-2020.toml → project-2020.2.toml
    else:
        named = f"{source.stem}-{version}"
    target = out or source.with_name(named + source.suffix)
    doc, table = _heading(source, target, version)
    table["revises"] = rule_set.ref
    _write(target, f"# 由 `scoring formulas new --revision` 从 {rule_set.ref}（sha256 {rule_set.sha256[:12]}）复制而来：它的修订版本，"
                   f"两者都适用的表按本版本计分。\n", doc)
    reminders = [f"改正 {rule_set.ref} 的错误后，在 [rule_set].source 或文件开头注明改了什么、为什么；{rule_set.ref} 仍可用 --rules 指明"]
    if rule_set.tests:
        reminders.append(f"内置测试（[[tests]]）已一并复制：规则改动后请同步修改期望值，并运行 scoring formulas test {rule_set.id}@{version}")
    return NewVersion(target, rule_set.info.effective_from, rule_set.info.effective_to, reminders)


def _new_name(source: Path, rule_set: RuleSet, version: str, effective_from: dt.date) -> str:
    if rule_set.version in source.stem:
        # a revision's file (project-2024.4.toml): named for the new version, project-2025.toml
        # for a year's first
        year, _, number = version.partition(".")
        return source.name.replace(rule_set.version, year if number == "1" else version, 1)
    old_year = str(rule_set.info.effective_from.year)
    if old_year in source.stem:
        return source.name.replace(old_year, str(effective_from.year))
    return f"{source.stem}-{effective_from.year}{source.suffix}"
