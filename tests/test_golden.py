"""The worked examples kept in the shipped rule files (`[[tests]]`), one test per rule set: a rule
change that breaks an example is reported by the rule set and the example's name, with what it
expects against what the rules give (collected by `WorkedExamples` in conftest.py)."""

from __future__ import annotations

from conftest import FORMULAS, WorkedExamples

examples = WorkedExamples(FORMULAS)
