"""Golden examples kept in rule files (``[[tests]]``): run them through the real engine and
report every expected-vs-actual difference, and every indicator no example reaches."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from pydantic import ValidationError

from ..cases.schema import validate_case
from ..engine.engine import Engine
from ..engine.results import IndicatorDiff
from ..errors import ScoringError
from ..numbers import fmt
from ..review.pipeline import report_loaded
from .declared import GoldenTest
from .library import RuleLibrary
from .model import RuleSet


@dataclass
class RuleTestReport:
    """The outcome of one rule set's golden examples."""

    rule_set: RuleSet
    passed: int = 0
    failures: list[str] = field(default_factory=list)
    uncovered: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures and not self.uncovered


def run_rule_tests(rule_set: RuleSet, library: RuleLibrary, engine: Engine | None = None) -> RuleTestReport:
    """Run every golden example of ``rule_set``; collect failures and unreached indicators."""
    engine = engine or Engine()
    report = RuleTestReport(rule_set)
    if not rule_set.tests:
        report.failures.append("没有任何内置测试（[[tests]]）")
    reached: set[str] = set()
    for i in range(len(rule_set.tests)):
        failures = run_example(rule_set, i, library, engine, reached)
        if failures:
            report.failures += [f"{example_label(rule_set, i)}：{f}" for f in failures]
        else:
            report.passed += 1
    report.uncovered = uncovered(rule_set, reached)
    return report


def examples_key(rule_set: RuleSet) -> str:
    """What a rule set's worked examples give depends on: its resolved rules (`RuleSet.sha256`,
    which leaves the examples out) and the examples themselves — the key `cache.passed_examples`
    keeps it under (the program's code is in that entry's own key)."""
    examples = [(t.name, t.year, t.inputs, t.findings, t.rows, t.expect, t.total) for t in rule_set.tests]
    text = json.dumps(examples, ensure_ascii=False, sort_keys=True, default=repr)
    return hashlib.sha256(f"{rule_set.sha256}\0{text}".encode()).hexdigest()


def example_label(rule_set: RuleSet, index: int) -> str:
    """How messages name a golden example: tests[3]“偏差 20%”."""
    return f"tests[{index}]“{rule_set.tests[index].name}”"


def run_example(rule_set: RuleSet, index: int, library: RuleLibrary, engine: Engine | None = None,
                reached: set[str] | None = None) -> list[str]:
    """Run golden example ``index`` of ``rule_set``: every difference between what it expects and
    what the rules give ([]: it passes).  ``reached`` collects the indicators and row methods it sets
    an expectation for (see `uncovered`)."""
    test = rule_set.tests[index]
    try:
        return _run_one(rule_set, test, library, engine or Engine(), f"{rule_set.path}#tests[{index}]", set() if reached is None else reached)
    except (ScoringError, ValidationError) as exc:
        return [f"无法运行：{_first_line(exc)}"]


def uncovered(rule_set: RuleSet, reached: set[str]) -> list[str]:
    """The indicators no example expects a score of, and the row methods no example uses."""
    out = [f"指标“{ind.name}”（{ind.id}）没有任何内置测试给出期望得分" for ind in rule_set.indicators if ind.id not in reached]
    if rule_set.rows is not None:
        out += [f"逐行计分方法“{m.label}”没有任何内置测试用到" for m in rule_set.rows.methods.values() if f"method:{m.label}" not in reached]
    return out


def _first_line(exc: Exception) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def _run_one(rule_set: RuleSet, test: GoldenTest, library: RuleLibrary, engine: Engine, where: str, reached: set[str]) -> list[str]:
    unknown = [name for name in test.inputs if name not in rule_set.inputs]
    if unknown:
        return [f"输入 {'、'.join(unknown)} 不是该规则集声明的输入"]
    inputs = {name: value for name, value in test.inputs.items()}
    for name, decl in rule_set.inputs.items():
        if name not in inputs and decl.default is None:
            inputs[name] = {"undisclosed": True}
    findings = {d.id: test.findings.get(d.id, {"undisclosed": True}) for d in rule_set.deductions}
    year = test.year or rule_set.info.effective_from.year
    case = validate_case({
        "case": {"id": "rule-test", "unit": test.name, "region": list(rule_set.region_path) or ["全国"], "year": year, "source": where},
        "sheets": [{
            "id": "test", "title": test.name, "rules": rule_set.ref, "complete": False,
            "inputs": inputs, "findings": findings, "rows": test.rows,
        }],
    })
    sheet = report_loaded(case, where, library, engine).sheets[0]
    by_key: dict[str, IndicatorDiff] = {}
    for row in sheet.indicators:
        by_key.setdefault(row.result.id, row)
        by_key.setdefault(row.result.name, row)
        for v in row.result.values:
            if v.name == "method":
                reached.add(f"method:{v.value}")
    failures = []
    for key, expected in test.expect.items():
        row = by_key.get(key)
        if row is None:
            failures.append(f"没有名为“{key}”的指标或行")
            continue
        reached.add(row.result.id)
        actual = _shown(row)
        if not _same(expected, actual):
            failures.append(f"“{row.result.name}”期望 {expected}，实际 {actual}")
    if test.total is not None:
        actual_total = fmt(sheet.total.comparison.computed)
        if not _same(test.total, actual_total or ""):
            failures.append(f"总分期望 {test.total}，实际 {actual_total}")
    return failures


def _shown(row: IndicatorDiff) -> str:
    ind = row.result
    if ind.verifiable:
        return fmt(ind.computed)
    if ind.interval:
        return f"{fmt(row.comparison.low)}..{fmt(row.comparison.high)}"
    states = {p.state for p in ind.parts}
    return "error" if "error" in states else "unverifiable"


def _same(expected: str, actual: str) -> bool:
    """Numbers compare by value (8 equals 8.00); intervals bound by bound; words exactly."""
    e_parts, a_parts = expected.split(".."), actual.split("..")
    if len(e_parts) != len(a_parts):
        return False
    for e, a in zip(e_parts, a_parts):
        try:
            if Decimal(e.strip()) != Decimal(a.strip()):
                return False
        except InvalidOperation:
            if e.strip() != a.strip():
                return False
    return True
