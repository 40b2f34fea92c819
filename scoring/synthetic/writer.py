"""Writing generated submissions as they are made: case files in a folder, formula-type sheets
optionally as rows of one case table (CSV), and a JSON manifest of every injected error.

Everything streams: a submission is written and forgotten, so a million sheets need no more
memory than one.  The manifest lists each injection with the file (or table line) it is in and
the finding the batch must report for it; the sheets it does not list are clean.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ..batch.pool import Inherited, Lost, default_jobs, ordered_map
from ..cases.table import CASE_COLUMNS, CLAIM_PREFIX, FINDING_PREFIX, RATE_PREFIX
from ..engine.lean import LeanEngine
from ..files.os_errors import describe
from ..files.reading import display_path
from ..files.writing import OutputError, Staged, interrupts_deferred, place_file
from ..rules.library import load_rule_dir
from ..rules.model import RuleSet
from .generator import ERROR_CLASSES, FORMULA_RULES, GeneratorError, Settings, Submission, make_submission

FORMULA_RATES = ("预算执行率", "采购执行率")


@dataclass
class GenerateSummary:
    """What was written."""

    count: int = 0
    case_files: int = 0
    table_rows: int = 0
    clean: int = 0
    by_class: Counter = field(default_factory=Counter)
    by_rules: Counter = field(default_factory=Counter)


def table_columns(rules: RuleSet) -> list[str]:
    """The case-table header for formula-type sheets under ``rules``."""
    columns = [c for c in CASE_COLUMNS if c != "source"]
    columns += list(rules.inputs)
    columns += [f"{CLAIM_PREFIX}{i.id}" for i in rules.indicators]
    columns += [f"{FINDING_PREFIX}{d.id}" for d in rules.deductions]
    columns += [f"{CLAIM_PREFIX}{d.id}" for d in rules.deductions]
    for label in FORMULA_RATES:
        columns += [f"{RATE_PREFIX}{label}", f"{RATE_PREFIX}{label}:numerator", f"{RATE_PREFIX}{label}:denominator"]
    return columns


def table_cells(case: dict, columns: list[str]) -> list[str]:
    """One formula-type case as a table row; an input left out of the case is an empty cell."""
    head, sheet = case["case"], case["sheets"][0]
    cell = {
        "case_id": head["id"], "unit": head["unit"], "region": "/".join(head["region"]), "year": str(head["year"]),
        "sheet_type": sheet.get("sheet_type", ""), "rules": sheet.get("rules", ""), "sheet_id": sheet["id"], "title": sheet["title"], "claimed_total": sheet.get("claimed_total", ""),
    }
    for name, value in sheet["inputs"].items():
        cell[name] = ("是" if value else "否") if isinstance(value, bool) else value
    for key, value in sheet["claims"].items():
        cell[f"{CLAIM_PREFIX}{key}"] = value
    for key, value in sheet["findings"].items():
        cell[f"{FINDING_PREFIX}{key}"] = value
    for rate in sheet["stated_rates"]:
        cell[f"{RATE_PREFIX}{rate['label']}"] = rate["stated"]
        cell[f"{RATE_PREFIX}{rate['label']}:numerator"] = rate["numerator"]
        cell[f"{RATE_PREFIX}{rate['label']}:denominator"] = rate["denominator"]
    unknown = set(cell) - set(columns)
    if unknown:
        raise ValueError(f"表头缺少列：{'、'.join(sorted(unknown))}")
    return [cell.get(c, "") for c in columns]


_STATE: dict = {}


def _init_worker(rules_dir: str | None, settings: Settings, columns: list[str] | None, inherited: Inherited | None = None) -> None:
    # Once per worker: the rule files are loaded here, never once per submission — or taken from the parent, which a
    # forked worker shares (`Inherited`).
    _STATE["library"] = inherited.value if inherited is not None and inherited.value is not None else load_rule_dir(rules_dir)
    _STATE["engine"] = LeanEngine()
    _STATE["settings"] = settings
    _STATE["columns"] = columns


def _make(index: int) -> tuple[Submission, str | list[str]]:
    sub = make_submission(index, _STATE["settings"], _STATE["library"], _STATE["engine"])
    columns = _STATE["columns"]
    if columns is not None and sub.kind == "formula":
        return sub, table_cells(sub.case, columns)
    return sub, json.dumps(sub.case, ensure_ascii=False, indent=2) + "\n"


def generate(
    count: int,
    settings: Settings,
    out_dir: Path | None,
    table: Path | None,
    manifest: Path,
    rules_dir: Path | None = None,
    jobs: int | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> GenerateSummary:
    """Generate ``count`` submissions; formula-type sheets go to ``table`` when given, the rest
    (or all) to case files in ``out_dir``.  Raises ValueError when a sheet has nowhere to go and
    OutputError when an output cannot be written; all outputs appear together at the end, or
    (on an error or Ctrl-C) none does."""
    if "rows" in settings.kinds and out_dir is None:
        raise ValueError("生成逐行计分的表需要 --out 目录")
    if table is None and out_dir is None:
        raise ValueError("需要 --out 目录或 --csv 文件")
    library = load_rule_dir(rules_dir)
    rules = library.find(FORMULA_RULES, settings.year)
    columns = table_columns(rules) if table is not None else None
    summary = GenerateSummary()
    outputs = _Outputs(out_dir, table, manifest)
    with outputs.discarded_on_failure("生成的文件"):
        writer = csv.writer(outputs.table.handle) if outputs.table is not None else None
        if writer is not None:
            writer.writerow(columns)
        out = outputs.manifest.handle
        head = {
            "generator": "scoring generate",
            "seed": settings.seed,
            "count": count,
            "error_rate": str(settings.error_rate),
            "kinds": list(settings.kinds),
            "year": settings.year,
            "classes": {cls: {"expected_code": code, "description": text} for cls, (code, text) in ERROR_CLASSES.items()},
            "rule_sets": [{"ref": r.ref, "sha256": r.sha256} for r in library.rule_sets],
            "table": display_path(table) if table is not None else None,
        }
        out.write(json.dumps(head, ensure_ascii=False, indent=2)[:-2] + ',\n  "injections": [')
        first = True
        jobs = default_jobs() if jobs is None else jobs
        initargs = (None if rules_dir is None else str(rules_dir), settings, columns, Inherited(library))
        for made in ordered_map(_make, range(count), jobs, _init_worker, initargs):
            if isinstance(made, Lost):
                raise GeneratorError(f"第 {made.item} 份生成失败：{made.reason}")
            sub, payload = made
            if isinstance(payload, list):
                writer.writerow(payload)
                summary.table_rows += 1
                location = f"{display_path(table)}:{summary.table_rows + 1}"  # the header is line 1
            else:
                name = f"{sub.case_id}.json"
                (outputs.case_dir / name).write_text(payload, encoding="utf-8")
                summary.case_files += 1
                location = display_path(out_dir / name)
            summary.count += 1
            summary.by_rules[sub.rules] += 1
            if not sub.injections:
                summary.clean += 1
            for injection in sub.injections:
                summary.by_class[injection["class"]] += 1
                out.write(("\n    " if first else ",\n    ") + json.dumps({**injection, "location": location}, ensure_ascii=False))
                first = False
            if on_progress is not None:
                on_progress(summary.count)
        totals = {
            "sheets": summary.count, "clean": summary.clean, "injected": sum(summary.by_class.values()),
            "by_class": {cls: summary.by_class.get(cls, 0) for cls in ERROR_CLASSES}, "by_rules": dict(sorted(summary.by_rules.items())),
            "case_files": summary.case_files, "table_rows": summary.table_rows,
        }
        out.write("\n  ],\n  \"totals\": " + json.dumps(totals, ensure_ascii=False) + "\n}\n")
    outputs.commit()
    return summary


class _Outputs:
    """Everything `generate` writes, staged until the last sheet is made: the case files in a
    hidden folder inside the output folder, the case table and the manifest in temporary files
    beside their targets.  `commit` puts them all in place (the manifest last, Ctrl-C held
    back meanwhile); `discard` removes every trace, so a failed or interrupted run leaves the
    folder as it found it."""

    def __init__(self, out_dir: Path | None, table: Path | None, manifest: Path):
        self.out_dir = out_dir
        self.created: list[Path] = []
        self.case_dir: Path | None = None
        self.table: Staged | None = None
        self.manifest: Staged | None = None
        with self.discarded_on_failure(str(out_dir or manifest.parent)):
            for folder in ([out_dir] if out_dir is not None else []) + [manifest.parent]:
                self._make_folder(folder)
            if out_dir is not None:
                self.case_dir = Path(tempfile.mkdtemp(prefix=".scoring-generate-", dir=out_dir))
            if table is not None:
                self.table = Staged(table, "w", encoding="utf-8-sig", newline="")
            self.manifest = Staged(manifest, "w", encoding="utf-8")

    @contextmanager
    def discarded_on_failure(self, where: str) -> Iterator[None]:
        """Run a block; on any failure (Ctrl-C included) discard everything staged so far."""
        try:
            yield
        except OSError as exc:
            self.discard()
            raise OutputError(f"无法写入 {where}：{describe(exc)}") from None
        except BaseException:
            self.discard()
            raise

    def _make_folder(self, folder: Path) -> None:
        if folder.is_dir():
            return
        if folder.exists():
            raise OutputError(f"无法写入 {folder}：不是目录")
        missing = [folder, *(p for p in folder.parents if not p.exists())]
        folder.mkdir(parents=True)
        self.created += missing

    def commit(self) -> None:
        with interrupts_deferred():
            if self.case_dir is not None:
                with os.scandir(self.case_dir) as entries:
                    for entry in entries:
                        place_file(entry.path, self.out_dir / entry.name)
                os.rmdir(self.case_dir)
            if self.table is not None:
                self.table.commit()
            self.manifest.commit()

    def discard(self) -> None:
        for staged in (self.table, self.manifest):
            if staged is not None:
                staged.discard()
        if self.case_dir is not None:
            shutil.rmtree(self.case_dir, ignore_errors=True)
        for folder in self.created:  # innermost first: only the folders this run made, if still empty
            try:
                folder.rmdir()
            except OSError:
                break
