"""The output formats: one registry, format name → what it writes, for every command.

Each format names the file extensions that imply it and, for each use it serves, its writer:

* ``score``, ``diff`` — a scored case (`CaseOutput`), the computed sheet or claimed against computed;
* ``summary`` — a batch's summary, streamed to a text handle row by row;
* ``batch`` — a document about a whole batch (`batch --report` HTML, `batch --docx` Word),
  given the batch and the function that explains the sheets it details;
* ``template`` — the fill-in form of a rule set (a workbook, or the header row of a case table);
* ``case`` — a case file (`scoring import`).

The command line checks a requested format and an output file's extension against this table
(`names`, `implied_by`) and writes through it; the web app downloads through it too.  Writers
import what they need when called, so that asking for `--help` loads none of them.

To add a format: write its renderer in a module of `scoring.output` (or `scoring.excel`), and
add a `Format` below with its extensions and a writer for each use it serves.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from ..batch.run import BatchResult
    from ..cases.model import Case
    from ..engine.results import CaseReport
    from ..rules.model import RuleSet


@dataclass(frozen=True)
class CaseOutput:
    """What a writer of a scored case may use: the report, the case as loaded (workbooks and the
    Word review print its details) and the library's lookup of a rule set by reference."""

    report: CaseReport
    case: Case | None = None
    find: Callable[[str], RuleSet] | None = None


@dataclass(frozen=True)
class Format:
    name: str
    extensions: tuple[str, ...]
    writers: Mapping[str, Callable[..., Any]] = field(default_factory=dict)
    binary: bool = False  # bytes, for a file only: a terminal shows nothing of them
    # UTF-8 with a byte order mark and no newline translation, on standard output as in a file,
    # so that Excel and WPS read it whatever the system's code page
    spreadsheet: bool = False


# -- writers (each imports its renderer when called) -------------------------------------------


def _text_score(markdown: bool) -> Callable[[CaseOutput], str]:
    def write(out: CaseOutput) -> str:
        from .text import render_score_text

        return render_score_text(out.report, markdown)

    return write


def _text_diff(markdown: bool) -> Callable[[CaseOutput], str]:
    def write(out: CaseOutput) -> str:
        from .text import render_diff_text

        return render_diff_text(out.report, markdown)

    return write


def _json(out: CaseOutput) -> str:
    from .data import to_json

    return to_json(out.report)


def _csv(out: CaseOutput) -> str:
    from .data import to_csv

    return to_csv(out.report)


def _scored_workbook(out: CaseOutput) -> bytes:
    import io

    from ..excel.export import scored_workbook

    buffer = io.BytesIO()
    scored_workbook(out.report, out.case, out.find).save(buffer)
    return buffer.getvalue()


def _case_review(out: CaseOutput) -> bytes:
    from .docx import case_review, docx_bytes

    return docx_bytes(case_review(out.report, out.case))


def _summary_table(markdown: bool) -> Callable[[BatchResult, TextIO], None]:
    def write(result: BatchResult, handle: TextIO) -> None:
        from .summary import write_table

        write_table(result, handle, markdown)

    return write


def _summary_json(result: BatchResult, handle: TextIO) -> None:
    from .summary import write_json

    write_json(result, handle)


def _summary_csv(result: BatchResult, handle: TextIO) -> None:
    from .summary import write_csv

    write_csv(result, handle)


def _batch_html(result: BatchResult, explain: Callable | None) -> str:
    from .html_report import render_html

    return render_html(result, explain=explain)


def _batch_review(result: BatchResult, explain: Callable | None) -> bytes:
    from .docx import batch_review, docx_bytes

    return docx_bytes(batch_review(result, explain=explain))


def _template_workbook(rule_set: RuleSet, case: dict | None = None, sheet: dict | None = None) -> bytes:
    import io

    from ..excel.template import build_template

    buffer = io.BytesIO()
    build_template(rule_set, case, sheet).save(buffer)
    return buffer.getvalue()


def _template_header(rule_set: RuleSet, case: dict | None = None, sheet: dict | None = None) -> str:
    import csv
    import io

    from ..cases.table import template_header
    from .data import CSV_BOM

    buffer = io.StringIO()
    buffer.write(CSV_BOM)
    csv.writer(buffer).writerow(template_header(rule_set))
    return buffer.getvalue()


def _case_file(data: dict, header: str = "") -> str:
    from ..cases.writer import case_to_toml

    return case_to_toml(data, header=header)


# -- the registry ------------------------------------------------------------------------------

FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("table", (), {"score": _text_score(False), "diff": _text_diff(False), "summary": _summary_table(False)}),
    Format("json", (".json",), {"score": _json, "diff": _json, "summary": _summary_json}),
    Format("csv", (".csv",), {"score": _csv, "diff": _csv, "summary": _summary_csv, "template": _template_header}, spreadsheet=True),
    Format("markdown", (".md", ".markdown"), {"score": _text_score(True), "diff": _text_diff(True), "summary": _summary_table(True)}),
    Format("xlsx", (".xlsx",), {"score": _scored_workbook, "diff": _scored_workbook, "template": _template_workbook}, binary=True),
    Format("docx", (".docx",), {"score": _case_review, "diff": _case_review, "batch": _batch_review}, binary=True),
    Format("html", (".html", ".htm"), {"batch": _batch_html}),
    Format("toml", (".toml",), {"case": _case_file}),
    # what these extensions mean, so that an output named .xls or .ods is refused as such
    Format("xls", (".xls",), binary=True),
    Format("ods", (".ods",), binary=True),
)}

# The formats a scored case can be printed in on a terminal: tables and markdown for people,
# JSON for programs, CSV for spreadsheets.
TEXT_FORMATS = tuple(name for name, f in FORMATS.items() if "diff" in f.writers and not f.binary)


def names(use: str) -> tuple[str, ...]:
    """The formats that serve ``use``, in the registry's order."""
    return tuple(name for name, f in FORMATS.items() if use in f.writers)


def implied_by(suffix: str) -> str | None:
    """The format an output file's extension (".xlsx", any case) says it holds, or None."""
    suffix = suffix.lower()
    return next((name for name, f in FORMATS.items() if suffix in f.extensions), None)


def writer(name: str, use: str) -> Callable[..., Any]:
    """The writer of format ``name`` for ``use`` (KeyError: the format does not serve it)."""
    return FORMATS[name].writers[use]


def render_case(out: CaseOutput, name: str, view: str = "diff") -> str | bytes:
    """A scored case in format ``name``: ``view`` "score" (what the rules give) or "diff"."""
    return writer(name, view)(out)


def render_score(report: CaseReport, name: str) -> str:
    """The computed sheet(s) in one of `TEXT_FORMATS`: what `scoring score` prints."""
    return render_case(CaseOutput(report), name, "score")


def render_diff(report: CaseReport, name: str) -> str:
    """Claimed against computed in one of `TEXT_FORMATS`: what `scoring diff` prints."""
    return render_case(CaseOutput(report), name, "diff")
