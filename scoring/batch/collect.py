"""Collecting a batch's inputs: files and folders expanded (recursively, in name order) into the
case files and case tables to read, and everything else listed as skipped.  Nothing is dropped
silently: an input that is not taken is a `Problem` with its reason."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..cases.load import WORKBOOK_SUFFIXES
from ..files.reading import display_path

CASE_SUFFIXES = frozenset({".toml", ".json"}) | WORKBOOK_SUFFIXES  # .xls/.ods fail with "请另存为 .xlsx"
TABLE_SUFFIXES = frozenset({".csv"})


@dataclass(frozen=True)
class Problem:
    """An input that could not be used (failed) or was not taken (skipped), with the reason."""

    path: str
    reason: str


@dataclass(frozen=True)
class InputFile:
    path: Path
    shown: str
    kind: str  # "case" | "table"
    size: int


@dataclass
class Collected:
    inputs: list[InputFile] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)
    failures: list[Problem] = field(default_factory=list)


def collect(paths: Iterable[Path | str]) -> Collected:
    """Expand files and folders (recursively, in name order) into the files to read.

    Names starting with "." (version-control folders, editor files) are not looked at; any other
    file that is not .toml/.json/.csv is listed as skipped.  A path that does not exist fails.
    """
    out = Collected()
    seen: set[Path] = set()
    for given in paths:
        given = Path(given)
        if given.is_dir():
            found = sorted(p for p in given.rglob("*") if p.is_file() and not _hidden(p.relative_to(given)))
        elif given.is_file():
            found = [given]
        else:
            out.failures.append(Problem(display_path(given), f"{display_path(given)}: 文件或目录不存在"))
            continue
        for path in found:
            key = path.resolve()
            if key in seen:
                continue
            seen.add(key)
            shown = display_path(path)
            suffix = path.suffix.lower()
            if suffix in CASE_SUFFIXES:
                out.inputs.append(InputFile(path, shown, "case", path.stat().st_size))
            elif suffix in TABLE_SUFFIXES:
                out.inputs.append(InputFile(path, shown, "table", path.stat().st_size))
            else:
                out.skipped.append(Problem(shown, f"{shown}: 不是案例文件（只读取 .toml、.json 案例文件、.xlsx 填报工作簿和 .csv 案例表）"))
    return out


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)
