"""The public API (scoring/__init__.py): every name in __all__ resolves, the docstring's example
works on a shipped case, and importing the package loads nothing until a name is used."""

from __future__ import annotations

import subprocess
import sys

import pytest

import scoring

from conftest import CASES, ROOT


def test_every_public_name_resolves():
    for name in scoring.__all__:
        assert getattr(scoring, name) is not None, name
    assert set(scoring.__all__) <= set(dir(scoring))
    assert set(scoring.__all__) == {"__version__", *scoring._API}  # each public name says where it lives
    with pytest.raises(AttributeError):
        scoring.report_dict  # noqa: B018 - an internal is not part of the API


def test_the_example_reviews_a_shipped_case():
    library = scoring.load_rule_dir()
    report = scoring.report_case(CASES / "hunan-miluo-shgzb-2024.toml", library)
    assert isinstance(report, scoring.CaseReport) and report.worst_severity == "error"
    line = next(row for row in report.sheets[0].indicators if row.result.name == "预算执行率")
    assert (str(line.comparison.claimed), str(line.comparison.computed), line.comparison.status) == ("9.2", "9.01", "over")
    case, shown = scoring.load_case(CASES / "hunan-miluo-shgzb-2024.toml")
    again = scoring.report_loaded(case, shown, library, scoring.Engine())
    assert [f.message for f in again.findings] == [f.message for f in report.findings]
    with pytest.raises(scoring.ScoringError):
        scoring.load_case(CASES / "no-such-case.toml")


def test_importing_the_package_loads_nothing_else():
    code = "import sys, scoring; print(sorted(m for m in sys.modules if m.startswith('scoring.')))"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "[]", done.stdout + done.stderr
