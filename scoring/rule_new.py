"""`scoring formulas new`: start the next version of a rule set as an edited copy of its file,
so next year's rules are a copy-and-edit away and the old version stays untouched."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from .atomic import write_output
from .errors import ScoringError
from .rules import RuleSet


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
    effective_from: dt.date | None = None, effective_to: dt.date | None = None,
) -> NewVersion:
    """Copy ``rule_set``'s file with a new version and effective period; returns what to edit next."""
    if not re.fullmatch(r"[0-9A-Za-z][0-9A-Za-z._-]*", version):
        raise ScoringError(f"版本号“{version}”只能由字母、数字和 . _ - 组成")
    if version == rule_set.version:
        raise ScoringError(f"新版本号与原版本相同：{version}")
    old = rule_set.info
    if effective_from is None:
        if old.effective_to is None:
            raise ScoringError(f"{rule_set.ref} 没有失效日期，请用 --effective-from 指定新版本的生效日期")
        effective_from = old.effective_to + dt.timedelta(days=1)
    if effective_to is None and old.effective_to is not None:
        effective_to = _one_year_later(effective_from) - dt.timedelta(days=1)
    if effective_to is not None and effective_to < effective_from:
        raise ScoringError("失效日期早于生效日期")
    source = Path(rule_set.path)
    text = source.read_text(encoding="utf-8")
    text = _set_in_rule_set(text, "version", f'"{version}"')
    text = _set_in_rule_set(text, "effective_from", effective_from.isoformat())
    text = _set_in_rule_set(text, "effective_to", effective_to.isoformat() if effective_to else None)
    header = f"# 由 `scoring formulas new` 从 {rule_set.ref}（sha256 {rule_set.sha256[:12]}）复制而来，请按 {effective_from.year} 年的规则修改。\n"
    target = out or source.with_name(_new_name(source, rule_set, effective_from))
    if target.exists():
        raise ScoringError(f"{target} 已存在，不覆盖；请用 --out 指定另一个文件名")
    write_output(target, (header + text).encode("utf-8"))
    reminders = []
    for name, p in rule_set.parameters.items():
        if p.values and p.value_for(effective_from.year) is None:
            reminders.append(f"参数“{p.label}”（{name}）没有 {effective_from.year} 年的值：在 [[parameters.{name}.values]] 中添加，并写明来源")
    if rule_set.tests:
        reminders.append(f"内置测试（[[tests]]）已一并复制：规则改动后请同步修改期望值，并运行 scoring formulas test {rule_set.id}@{version}")
    return NewVersion(target, effective_from, effective_to, reminders)


def _new_name(source: Path, rule_set: RuleSet, effective_from: dt.date) -> str:
    old_year = str(rule_set.info.effective_from.year)
    if old_year in source.stem:
        return source.name.replace(old_year, str(effective_from.year))
    return f"{source.stem}-{effective_from.year}{source.suffix}"


def _set_in_rule_set(text: str, key: str, value: str | None) -> str:
    """Set (or with None, drop) ``key`` inside the [rule_set] table, keeping everything else."""
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if re.match(r"\s*\[rule_set\]\s*(#.*)?$", line)), None)
    if start is None:
        raise ScoringError("规则文件中没有 [rule_set] 表")
    end = next((i for i in range(start + 1, len(lines)) if re.match(r"\s*\[", lines[i])), len(lines))
    for i in range(start + 1, end):
        if re.match(rf"\s*{key}\s*=", lines[i]):
            if value is None:
                del lines[i]
            else:
                lines[i] = f"{key} = {value}\n"
            return "".join(lines)
    if value is not None:
        lines.insert(start + 1, f"{key} = {value}\n")
    return "".join(lines)
