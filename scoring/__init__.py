"""Recompute budget performance self-evaluation scores (预算绩效自评) from versioned formula files.

The public API::

    import scoring

    library = scoring.load_rule_dir()                      # the shipped rule files, or a folder of your own
    report = scoring.report_case("cases/hunan-miluo-shgzb-2024.toml", library)
    for sheet in report.sheets:                            # SheetDiff: the computed sheet against its claims
        for line in sheet.indicators:                      # IndicatorDiff: result (IndicatorResult) and comparison
            print(line.result.name, line.comparison.claimed, line.comparison.computed, line.comparison.status)
        print(sheet.total.comparison.status)               # TotalDiff
    print([f.message for f in report.findings if f.severity == "error"])

    case, shown = scoring.load_case("submission.xlsx")     # a case file (TOML, JSON) or a filled workbook
    report = scoring.report_loaded(case, shown, library, scoring.Engine())

    case = scoring.Case.model_validate(data)              # a case from plain data (pydantic's ValidationError if bad)

`Case`, `Sheet` and `RuleSet` are plain frozen objects (`scoring.plain`): building one with
``Case(...)`` checks nothing, so data from outside goes through ``Case.model_validate``; copy one
with ``model_copy(update={...})`` or `scoring.plain.replace`, and turn it into plain data with
``model_dump()``.  Every function raises `ScoringError` (a `FileError` for a rule or case file,
with its problems) when its input cannot be used.  The names are imported on first use, so that
importing a part of the package (the command line's `--help`) does not load them all.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

__version__ = "0.1.0"

# Public name → the module that defines it.
_API = {
    # rules
    "load_rule_dir": "scoring.rules.library",
    "load_rule_file": "scoring.rules.library",
    "RuleLibrary": "scoring.rules.library",
    "RuleSet": "scoring.rules.model",
    # cases
    "load_case": "scoring.cases.load",
    "Case": "scoring.cases.model",
    "Sheet": "scoring.cases.model",
    # reviewing a case
    "report_case": "scoring.review.pipeline",
    "report_loaded": "scoring.review.pipeline",
    "Engine": "scoring.engine.engine",
    # results
    "CaseReport": "scoring.engine.results",
    "SheetDiff": "scoring.engine.results",
    "IndicatorDiff": "scoring.engine.results",
    "TotalDiff": "scoring.engine.results",
    "Comparison": "scoring.engine.results",
    "SheetResult": "scoring.engine.results",
    "IndicatorResult": "scoring.engine.results",
    "Finding": "scoring.findings",
    # errors
    "ScoringError": "scoring.errors",
    "FileError": "scoring.errors",
    "FileProblem": "scoring.errors",
}

__all__ = [
    "__version__",
    "load_rule_dir", "load_rule_file", "RuleLibrary", "RuleSet",
    "load_case", "Case", "Sheet",
    "report_case", "report_loaded", "Engine",
    "CaseReport", "SheetDiff", "IndicatorDiff", "TotalDiff", "Comparison", "SheetResult", "IndicatorResult", "Finding",
    "ScoringError", "FileError", "FileProblem",
]

if TYPE_CHECKING:  # for type checkers and editors; at run time the names load on first use
    from .cases.load import load_case
    from .cases.model import Case, Sheet
    from .engine.engine import Engine
    from .engine.results import CaseReport, Comparison, IndicatorDiff, IndicatorResult, SheetDiff, SheetResult, TotalDiff
    from .errors import FileError, FileProblem, ScoringError
    from .findings import Finding
    from .review.pipeline import report_case, report_loaded
    from .rules.library import RuleLibrary, load_rule_dir, load_rule_file
    from .rules.model import RuleSet


def __getattr__(name: str) -> object:
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'scoring' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # once loaded, an ordinary attribute
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_API})
