"""Loading a case file — TOML, JSON of the same shape, or a filled-in workbook — into a validated `Case`.

A well-formed file is read by the quick reader (`cases.quick`), without pydantic; anything it is
not sure of is validated by the schema (`cases.schema`), which words every error."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from ..errors import FileError, ScoringError
from ..files.reading import display_path, read_json, read_toml
from .model import Case
from .published import is_published, published_case
from .quick import quick_case

# Spreadsheets are read by the workbook importer: .xlsx, and the formats it refuses with a message
# ("请另存为 .xlsx") instead of an encoding error from the TOML reader.
WORKBOOK_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xls", ".ods", ".et", ".numbers", ".xlsb"})
# Formats a person may hand in instead of .xlsx; the importer reads none of them.
UNSUPPORTED_SUFFIXES = WORKBOOK_SUFFIXES - {".xlsx", ".xlsm"}


# One row of a case table, as a batch names it: "汇总.csv:18" (maybe with its sheet, "汇总.csv:18#sheet").
_TABLE_ROW = re.compile(r"(.+\.csv):(\d+)(?:#[^/\\]*)?", re.IGNORECASE)


def load_case(path: Path | str, library=None) -> tuple[Case, str]:
    """Read and validate a case file (TOML, JSON of the same shape, or a filled-in .xlsx
    template), or one row of a case table named by its line ("汇总.csv:18", with ``library`` to map
    its input columns written by label); returns the case and the path as shown in messages.
    Raises ScoringError naming the file and the place."""
    path = Path(path)
    row = _TABLE_ROW.fullmatch(str(path))
    if row is not None and not path.exists():
        from .table import case_at_line  # the table reader only for a table's row

        return case_at_line(row.group(1), int(row.group(2)), library)
    suffix = path.suffix.lower()
    if suffix in WORKBOOK_SUFFIXES:
        from ..excel.importer import read_workbook  # openpyxl is only needed for workbooks; it refuses .xls/.ods by name

        lines: dict = {}
        data = read_workbook(path, lines)
    elif suffix in (".csv", ".zip"):
        what = "案例表（.csv，每行一张表）" if suffix == ".csv" else "压缩包（batch 逐个读取其中的文件）"
        one = f"，或在文件名后写行号复核其中一行（{path.name}:行号，如 scoring batch 的汇总所列）" if suffix == ".csv" else ""
        raise ScoringError(f"{path}: 这是{what}，请用 scoring batch {path.name} 复核{one}；"
                           "diff、score、explain 读取 .toml、.json 案例文件和 .xlsx 填报工作簿")
    else:
        lines = {}
        try:
            data = read_json(path) if suffix == ".json" else read_toml(path)
        except ScoringError as exc:
            if suffix in (".toml", ".json"):
                raise
            # "readme.txt": a file of another kind, read as TOML only because it might be one; what
            # it is not comes first, what TOML made of it after (review ES C2)
            said = str(exc).removeprefix(f"{path}: ")
            raise ScoringError(f"{path}: 不是 .toml、.json 案例文件或 .xlsx 填报工作簿（按 TOML 读取：{said}）") from None
    if isinstance(data, dict) and "case" not in data and not is_published(data):
        other = OTHER_FILES.get(next((key for key in OTHER_FILES if key in data), ""))
        if other:
            raise ScoringError(f"{path}: 这是{other}，不是案例文件")
    if suffix == ".json" and is_published(data):
        # a published sheet transcribed in the neutral form (`cases.published`), read as its case
        read_notes: list[str] = []
        try:
            data = published_case(data, path.stem, read_notes)
        except ScoringError as exc:
            raise ScoringError(f"{path}: {exc}") from None
    else:
        read_notes = []
    if isinstance(data, dict) and not set(data) - {"format"}:
        raise ScoringError(f"{path}: 文件中没有案例内容（没有 [case] 和 [[sheets]]）：文件是空的、未写完或未保存？")
    case = quick_case(data)
    if case is None:
        case = validated_case(data, str(path))
    for sheet in case.sheets:
        sheet._lines = lines.get(sheet.id)
    if read_notes:
        case._read_notes = tuple(read_notes)
    # counted once each (`list.count` for every id was quadratic: 0.35 s of a case of 4,660 sheets)
    duplicated = sorted(i for i, n in Counter(s.id for s in case.sheets).items() if n > 1)
    if duplicated:
        raise ScoringError(f"{path}: sheets: 表 id 重复：{'、'.join(duplicated)}")
    return case, display_path(path)


# Keys by which a TOML/JSON file shows itself to be something else than a case — a rule file, a
# generator's manifest (a batch passes such files over, `batch.run.not_a_case`) — and what to call it.
_RULE_FILE = "规则文件（放在规则目录中，用 --rules-dir 指定；scoring formulas validate 可检查它）"
OTHER_FILES = {"rule_set": _RULE_FILE, "extends": _RULE_FILE, "indicators": _RULE_FILE, "generator": "scoring generate 写出的清单文件"}


def validated_case(data: object, shown: str) -> Case:
    """``data`` validated by the case schema (pydantic); raises FileError naming each problem."""
    from pydantic import ValidationError

    from ..problems import paired_typos, pydantic_problems
    from .schema import validate_case

    try:
        return validate_case(data)
    except ValidationError as exc:
        problems = [_row_named(p, data) for p in paired_typos(pydantic_problems(shown, exc))]
    # A sheet that cannot be read is refused alone, as one whose figures its rules cannot read is
    # (README, exit codes): a typo in one project's claim must not cost the unit's other sheets
    # (review CF A6).  Only where every problem is within some sheets, and some sheet is left.
    sheets = data.get("sheets") if isinstance(data, dict) else None
    broken = {int(m.group(1)) for m in (_SHEET_KEY.match(p.key) for p in problems) if m}
    if (not isinstance(sheets, list) or not broken or len(broken) == len(sheets)
            or any(_SHEET_KEY.match(p.key) is None for p in problems)):
        raise FileError(shown, problems)
    try:
        case = validate_case({**data, "sheets": [s for i, s in enumerate(sheets) if i not in broken]})
    except ValidationError:
        raise FileError(shown, problems) from None
    refused = []
    for i in sorted(broken):
        sheet_id = sheets[i].get("id") if isinstance(sheets[i], dict) and isinstance(sheets[i].get("id"), str) else f"sheets[{i}]"
        said = [f"{_SHEET_KEY.sub('', p.key)}: {p.message}" if _SHEET_KEY.sub("", p.key) else p.message
                for p in problems if int(_SHEET_KEY.match(p.key).group(1)) == i]
        refused.append((sheet_id, "；".join(said)))
    case._refused = tuple(refused)
    return case


_SHEET_KEY = re.compile(r"^sheets\[(\d+)\]\.?")
_ROW_KEY = re.compile(r"^sheets\[(\d+)\]\.rows\[(\d+)\]")


def _row_named(problem, data: object):
    """A problem in a sheet's row, saying which row by its place and printed name as the sheet shows it
    ("sheets[0].rows[5].weight" alone named no row a finance officer could find: review FW B6)."""
    from ..plain import replace

    found = _ROW_KEY.match(problem.key)
    if found is None or not isinstance(data, dict):
        return problem
    try:
        row = data["sheets"][int(found[1])]["rows"][int(found[2])]
    except (KeyError, IndexError, TypeError):
        return problem
    name = row.get("name") if isinstance(row, dict) else None
    shown = f"“{name.strip()[:40]}”" if isinstance(name, str) and name.strip() else ""
    return replace(problem, message=f"{problem.message}（绩效指标第 {int(found[2]) + 1} 行{shown}）")
