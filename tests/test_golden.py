"""The worked examples kept in the shipped rule files (`[[tests]]`), one test per rule set: a rule
change that breaks an example is reported by the rule set and the example's name, with what it
expects against what the rules give (collected by `WorkedExamples` in conftest.py)."""

from __future__ import annotations

from scoring.rules import cache

from conftest import FORMULAS, PASSED_EXAMPLES, WorkedExamples, run_cli

examples = WorkedExamples(FORMULAS)


def test_shipped_formulas_pass_validation():
    """`formulas validate` on the shipped files: each against the ledger, its reach, the rule sets that would tie.  The
    worked examples this module has just run are remembered as validate remembers those it ran (`cache.passed_examples`,
    under this very program and these very rules), so it does not run them all again; run alone, it runs them."""
    cache.remember_passed(cache.passed_examples(), PASSED_EXAMPLES)
    proc = run_cli("formulas", "validate")
    assert proc.returncode == 0 and "失败" not in proc.stderr, proc.stderr
