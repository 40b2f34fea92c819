"""The batch summary as a table, markdown, JSON or CSV: one row per sheet, then what failed.

Tables and CSV are for people (Chinese headers and status words; CSV for spreadsheets, with a
BOM); JSON keys and status codes are stable identifiers for programs.  Numbers are decimal
strings, never floats.  Every form names the rule sets used (with their sha256) and the tool's
version.
"""

from __future__ import annotations

import csv
import json
import re
from typing import TextIO

from tabulate import tabulate

from .. import __version__
from ..batch.run import BatchResult
from ..batch.summary import SheetSummary
from ..numbers import fmt
from .data import CSV_BOM, csv_safe
from .labels import SEVERITY_LABELS, STATUS_LABELS, TOOL, severity_label, signed

CSV_COLUMNS = [
    "文件", "案例编号", "单位", "地区", "年度", "表编号", "表名", "规则版本", "规则 sha256", "scoring 版本", "自评总分", "计算总分",
    "差额", "总分状态", "最差状态", "最高级别", "错误", "警告", "提示", "说明",
    "等级", "自评等级", "无法核验分值",
]
_CSV_ROWS_AT_ONCE = 4096
# What makes csv.writer (excel dialect, minimal quoting) quote a cell: the delimiter, the quote
# character, a character of the line terminator.
_QUOTED = re.compile(r'[,"\r\n]').search


def _cell(text: str) -> str:
    """A text cell of a row of several, as csv.writer writes it."""
    return text if _QUOTED(text) is None else '"' + text.replace('"', '""') + '"'


# What the severity column says of an input that could not be scored, or was not a submission.
PROBLEM_LABELS = {"failed": "无法复核", "skipped": "已跳过", "notice": "提示"}


def rules_line(result: BatchResult) -> str:
    """One line for people: the rule sets used, each with its sha256, and the tool's version."""
    used = "；".join(f"{ref}（sha256 {sha[:12]}）" for ref, sha in result.rule_sets()) or "无"
    return f"所用规则：{used}；{TOOL}"


def counts_line(result: BatchResult) -> str:
    """One line for people: how many files, submissions and sheets, and what became of them."""
    c = result.counts()
    return (
        f"共 {c['files']} 个文件：读取 {c['read']} 份，复核 {c['scored']} 张表（其中 {c['with_errors']} 张有错误），"
        f"失败 {c['failed']} 项，跳过 {c['skipped']} 项" + (f"，另有提示 {c['notices']} 条" if c["notices"] else "")
    )


def problem_text(p) -> str:
    """One input that failed or was skipped, as people read it: who it is from, where its cells say
    (unit, case id, region, year), then why — a bureau sends a failed row back by its 案例编号, and
    two copies of one unit's sheet are told apart by it (review GB B4)."""
    about = "，".join(part for part in (f"案例编号 {p.case_id}" if p.case_id else "", p.region, f"{p.year} 年度" if p.year else "") if part)
    who = f"{p.unit}（{about}）" if p.unit and about else p.unit or about
    return f"{who}：{p.reason}" if who else p.reason


def repeat_texts(result: BatchResult) -> list[str]:
    """Each sheet handed in more than once (`BatchResult.repeats`), as `repeat_text` says it: the
    copies named as the summary table names them, with the folders that tell apart files of one
    name ("第一批/自评表.toml#project", review DS B1)."""
    groups = result.repeats()
    names = short_names(result.sheets) if groups else {}
    return [repeat_text(g, names) for g in groups]


def repeat_text(group: list[SheetSummary], names: dict[str, str] | None = None) -> str:
    """One sheet handed in more than once, as the bureau reads it: who, what, where each copy is
    (``names``: `short_names` of the batch's files)."""
    first = group[0]
    where = "、".join(_source(s, names if names is not None else short_names(group)) for s in group)
    return (f"{first.unit}“{first.title or first.sheet_id}”（案例编号 {first.case_id}）出现 {len(group)} 次：{where}；"
            "各份均已复核，请确认以哪一份为准")


def summary_row(s: SheetSummary, names: dict[str, str] | None = None) -> list[str]:
    """The printed columns of one sheet's summary row (``names``: `short_names` of the batch's files)."""
    name = s.title or s.sheet_id
    return [
        s.unit, name, s.rules, fmt(s.claimed) or "未填", fmt(s.computed) or "", signed(s.delta),
        STATUS_LABELS[s.total_status], STATUS_LABELS[s.worst_status], severity_label(s.worst_severity), str(s.errors), str(s.warnings),
        s.grade, s.claimed_grade, _source(s, names),
    ]


def _source(s: SheetSummary, names: dict[str, str] | None) -> str:
    """Where the sheet came from, short enough for a table: the file's name, the table's line, the
    sheet's id ("汇总.csv:8", "案例.toml#A"); two submissions of one unit differ here."""
    path = (names or {}).get(s.path) or _parts(s.path)[-1]
    return path if s.line else f"{path}#{s.sheet_id}"


def short_names(sheets: list[SheetSummary]) -> dict[str, str]:
    """Each file of a batch by its name, with as many of its folders as tell it from another file
    of the same name ("第一批/自评表.xlsx" and "第二批/自评表.xlsx", review BZ C1)."""
    paths = {s.path for s in sheets}
    by_name: dict[str, list[str]] = {}
    for path in paths:
        by_name.setdefault(_parts(path)[-1], []).append(path)
    out = {}
    for name, same in by_name.items():
        if len(same) == 1:
            out[same[0]] = name
            continue
        split = {path: _parts(path) for path in same}
        for depth in range(2, max(len(parts) for parts in split.values()) + 1):
            tails = {path: "/".join(parts[-depth:]) for path, parts in split.items()}
            if len(set(tails.values())) == len(tails):
                break
        out.update(tails)
    return out


def _parts(path: str) -> list[str]:
    # a table row's path is the file's and its line ("汇总.csv:8"): the line stays with the name
    return path.replace("\\", "/").split("/")


# 总分状态 beside 差额 (the total's), 最差状态 the worst of any line's: "-0.81" and 高报 side by side said
# nothing of which was over (review EH B3)
SUMMARY_HEADERS = ["单位", "表", "规则版本", "自评总分", "计算总分", "差额", "总分状态", "最差状态", "最高级别", "错误", "警告", "等级", "自评等级", "来源"]


def write_table(result: BatchResult, out: TextIO, markdown: bool = False) -> None:
    """The summary for people on a terminal (or in markdown): the counts, the rule sets, a row per
    sheet, then what failed or was skipped."""
    out.write(_table(result, markdown))


def _table(result: BatchResult, markdown: bool) -> str:
    tablefmt = "github" if markdown else "simple"
    out = []
    if markdown:
        out.append("# 预算绩效自评复核汇总")
    out.append(counts_line(result))
    out.append(rules_line(result))
    if result.sheets:
        # a cell written over several lines (a unit's name from a spreadsheet) would break the table's lines
        names = short_names(result.sheets)
        rows = [[" ".join(str(cell).split()) if isinstance(cell, str) else cell for cell in summary_row(s, names)] for s in result.sheets]
        out.append(tabulate(rows, headers=SUMMARY_HEADERS, tablefmt=tablefmt, disable_numparse=True))
    repeated = repeat_texts(result)
    if repeated:
        head = "## 重复提交" if markdown else "重复提交："
        out.append("\n".join([head, *(f"- {line}" for line in repeated)]))
    for title, problems in (("无法读取或复核", result.failures), ("已跳过", result.skipped), ("提示", result.notices)):
        if problems:
            head = f"## {title}" if markdown else f"{title}："
            out.append("\n".join([head, *(f"- {problem_text(p)}".replace("\n", "\n  ") for p in problems)]))
    return "\n\n".join(out) + "\n"


def write_json(result: BatchResult, out: TextIO) -> None:
    """The summary for programs, as json.dumps(summary_dict(result)) gives it but laid out one sheet
    per line and written row by row, so a summary of a million sheets is never held as one string."""
    parts = summary_dict(result, sheets=False)
    out.write("{\n")
    for i, (key, value) in enumerate(parts.items()):
        if key == "sheets":
            out.write('  "sheets": [')
            for j, s in enumerate(result.sheets):
                out.write(("\n    " if j == 0 else ",\n    ") + json.dumps(_sheet_dict(s), ensure_ascii=False))
            out.write("\n  ]" if result.sheets else "]")
        else:
            out.write(f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}")
        out.write(",\n" if i < len(parts) - 1 else "\n")
    out.write("}\n")


def summary_dict(result: BatchResult, sheets: bool = True) -> dict:
    """The summary as JSON-ready data; with ``sheets=False`` the sheets key holds None, because the
    streaming writer writes the sheets itself, one per line."""
    return {
        "counts": result.counts(),
        "scoring_version": __version__,
        "rule_sets": [{"ref": ref, "sha256": sha} for ref, sha in result.rule_sets()],
        "sheets": [_sheet_dict(s) for s in result.sheets] if sheets else None,
        "failures": [{"path": p.path, "case_id": p.case_id or None, "unit": p.unit or None, "region": p.region or None, "year": p.year,
                      "sheet_id": p.sheet_id or None, "reason": p.reason} for p in result.failures],
        "repeated": [{"case_id": g[0].case_id, "unit": g[0].unit, "sheet_id": g[0].sheet_id, "title": g[0].title,
                      "paths": [s.path for s in g]} for g in result.repeats()],
        "skipped": [{"path": p.path, "reason": p.reason} for p in result.skipped],
        "notices": [{"path": p.path, "reason": p.reason} for p in result.notices],
    }


def _sheet_dict(s: SheetSummary) -> dict:
    return {
        "path": s.path,
        "case_id": s.case_id,
        "unit": s.unit,
        "region": s.region or None,
        "year": s.year,
        "sheet_id": s.sheet_id,
        "title": s.title,
        "rules": s.rules,
        "sha256": s.sha256,
        "claimed_total": fmt(s.claimed),
        "computed_total": fmt(s.computed),
        "delta": fmt(s.delta),
        "total_status": s.total_status,
        "worst_status": s.worst_status,
        "worst_severity": s.worst_severity,
        "findings_count": {"error": s.errors, "warning": s.warnings, "info": s.infos},
        "unverified_weight": fmt(s.unverified_weight),
        "grade": s.grade or None,
        "claimed_grade": s.claimed_grade or None,
        "findings": [{"severity": sev, "code": code, "message": msg, "where": where} for sev, code, msg, where in s.findings],
    }


class _Cells(dict):
    """A text as a CSV cell, made safe and quoted once per text."""

    def __missing__(self, text: str) -> str:
        made = self[text] = _cell(csv_safe(text))
        return made


class _Years(dict):
    """A year as a CSV cell, made once per year ("" for none)."""

    def __missing__(self, year: int | None) -> str:
        text = self[year] = "" if year is None else str(year)
        return text


def write_csv(result: BatchResult, out: TextIO) -> None:
    """The summary for spreadsheets, row by row: a BOM, Chinese headers and status words; failed and
    skipped inputs are rows too."""
    out.write(CSV_BOM)
    w = csv.writer(out)
    w.writerow(CSV_COLUMNS)
    # Written once the batch is done, after every worker has stopped: the one part of a million-row
    # batch no other core shares.  So each row's line is put together here, cell by cell as the csv
    # module writes them (`_cell`; tests/test_batch.py holds the two to the same bytes), and the
    # lines written a few thousand at a time; and a batch repeats its units, titles, rule sets,
    # grades and totals (held once each, `batch.run._Shared`): each is made safe and written, or
    # formatted, once.
    cells = _Cells()  # subscripted, not called: a million rows ask it seven times each
    numbers: dict[int, str] = {id(None): ""}  # by identity: every summary is alive here
    years = _Years()

    def number(value) -> str:
        text = numbers.get(id(value))
        if text is None:
            text = numbers[id(value)] = fmt(value)  # digits, a point and a sign: never quoted
        return text

    labels, severities = STATUS_LABELS, {None: severity_label(None), **{k: severity_label(k) for k in SEVERITY_LABELS}}
    version = _cell(__version__)
    sheets = result.sheets
    # a sheet handed in more than once says so in its 说明, with where the copies are, as every other
    # form lists it: a spreadsheet filtered by unit would count it twice (review EH B4)
    repeated = {id(s): f"重复提交（共 {len(g)} 份：{'、'.join(x.path for x in g)}）" for g in result.repeats() for s in g}
    for start in range(0, len(sheets), _CSV_ROWS_AT_ONCE):
        # only text from a submission or a rule file can read as a formula: the hash, the
        # version, numbers (a negative one stays a number), labels and counts are left alone
        out.write("".join([",".join((
            _cell(csv_safe(s.path)), _cell(csv_safe(s.case_id)), cells[s.unit], cells[s.region], years[s.year], cells[s.sheet_id], cells[s.title],
            cells[s.rules], s.sha256, version,
            number(s.claimed), number(s.computed), number(s.delta), labels[s.total_status], labels[s.worst_status],
            severities[s.worst_severity], str(s.errors), str(s.warnings), str(s.infos),
            _cell(csv_safe("；".join((*((repeated[id(s)],) if id(s) in repeated else ()), *(msg for _sev, _code, msg, _where in s.findings)))))
            if s.findings or id(s) in repeated else "", cells[s.grade],
            cells[s.claimed_grade], number(s.unverified_weight),
        )) + "\r\n" for s in sheets[start:start + _CSV_ROWS_AT_ONCE]]))
    # Failed and skipped inputs are rows too, so a spreadsheet shows everything that was given.
    for kind, problems in (("failed", result.failures), ("skipped", result.skipped), ("notice", result.notices)):
        for p in problems:
            w.writerow([csv_safe(x) for x in (p.path, p.case_id, p.unit, p.region, years[p.year], p.sheet_id, "", "", "", __version__, "", "", "", "", "",
                                              PROBLEM_LABELS[kind], "", "", "", p.reason, "", "", "")])
