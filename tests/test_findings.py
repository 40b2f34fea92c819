"""The findings registry (scoring/findings.py): every finding is made through it, every kind has a
severity and a Chinese label, and what the shipped cases report agrees with it."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from scoring.findings import CLAIM_CODES, KINDS, SEVERITY_ORDER, finding, label

from conftest import ROOT

SNAPSHOTS = ROOT / "tests" / "snapshots"


def test_every_kind_has_a_severity_and_a_chinese_label():
    for code, kind in KINDS.items():
        assert kind.code == code
        assert kind.severity in SEVERITY_ORDER and all(s in SEVERITY_ORDER and s != kind.severity for s in kind.also)
        assert any("\u4e00" <= ch <= "\u9fff" for ch in kind.label), code
    assert len({k.label for k in KINDS.values()}) == len(KINDS), "two kinds share a label"
    assert CLAIM_CODES <= set(KINDS)


def test_a_finding_takes_its_severity_from_the_registry():
    assert finding("claim_over", "m", "w").severity == "error"
    assert finding("grade_changed", "m", "w", severity="info").severity == "info"
    with pytest.raises(ValueError):
        finding("claim_over", "m", "w", severity="info")
    with pytest.raises(KeyError):
        finding("no_such_code", "m", "w")
    assert label("claim_over") == "单项自评高于应得分" and label("no_such_code") == "no_such_code"


def _calls(path: Path) -> list[ast.Call]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [n for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "id", getattr(n.func, "attr", None)) in ("Finding", "finding")]


def test_every_call_site_names_a_registered_code_and_none_builds_a_finding_itself():
    sources = [p for p in (ROOT / "scoring").rglob("*.py") if p.name != "findings.py"]
    named = set()
    for path in sources:
        for call in _calls(path):
            where = f"{path.relative_to(ROOT)}:{call.lineno}"
            assert call.func.id == "finding" if isinstance(call.func, ast.Name) else call.func.attr == "finding", f"{where}: Finding(...) outside the registry"
            code = call.args[0]
            if isinstance(code, ast.Constant):
                assert code.value in KINDS, f"{where}: {code.value} is not registered"
                named.add(code.value)
    # codes passed through a variable: a value parser's error codes
    assert {"unreadable_value", "unknown_comparator"} <= set(KINDS)
    assert named >= set(KINDS) - {"unreadable_value"}, set(KINDS) - named


def test_the_shipped_cases_report_findings_as_registered():
    seen = set()
    for path in SNAPSHOTS.glob("*.json"):
        if path.stem == "exit-codes":
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        found = data.get("findings") or [f for s in data.get("sheets", []) for f in s.get("findings", [])]
        for f in found:
            kind = KINDS[f["code"]]
            assert f["severity"] == kind.severity or f["severity"] in kind.also, f
            seen.add(f["code"])
    assert {"claim_over", "rule_source_defect", "unverifiable"} <= seen
