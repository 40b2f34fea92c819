"""The worked examples kept in the shipped rule files (`[[tests]]`), each a test of its own: a rule
change that breaks one is reported by the rule set and the example's name (collected by
`WorkedExamples` in conftest.py)."""

from __future__ import annotations

from conftest import FORMULAS, WorkedExamples

examples = WorkedExamples(FORMULAS)
