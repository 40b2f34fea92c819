"""Disagreements between the lean path and the traced path found by differential fuzzing
(bench/fuzz.py), each reduced to the smallest sheet or table row that showed it.

Each test holds the two paths to each other with bench/equality.py's checker and also says what
the right answer is, so that a change that broke both paths alike would still fail here.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from scoring import Case
from scoring.engine.lean import LeanEngine

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # `bench` is a folder of the checkout, not an installed package

from bench import equality  # noqa: E402


def _agree(library, case: Case) -> equality.Equality:
    checker = equality.Checker(library)
    checker.case(case, "fuzz.toml")
    assert checker.tally.ok, "\n".join(checker.tally.first)
    return checker.tally


# -- a complete row sheet whose rows are all placeholders ------------------------------------------


def _placeholder_sheet(claimed_total: str | None = None) -> Case:
    sheet = {
        "id": "p", "title": "安可替代补助资金", "sheet_type": "项目支出绩效自评表",
        "inputs": {"budget": "3.36", "executed": "3.36"}, "claims": {"execution": "10"},
        # a printed row with nothing in it: skipped, not scored
        "rows": [{"group": ["产出指标", "质量指标"], "name": "完成安可产品购买并按要求支付资金"}],
    }
    if claimed_total is not None:
        sheet["claimed_total"] = claimed_total
    return Case.model_validate({
        "case": {"id": "c", "unit": "大英县司法局", "region": ["四川省", "遂宁市", "大英县"], "year": 2023, "source": "fuzz"},
        "sheets": [sheet],
    })


@pytest.mark.parametrize("claimed_total", [None, "100"])
def test_weights_are_checked_on_a_complete_sheet_whose_only_rows_are_placeholders(library, claimed_total):
    """The lean path checked the printed weights against the total only when some row was
    scored; the traced path checks them whenever the sheet prints rows.  A complete sheet whose
    one printed row is empty has weights of 10 out of 100: an error, and a claimed total that
    cannot be verified (not an over-claim of 90)."""
    case = _placeholder_sheet(claimed_total)
    tally = _agree(library, case)
    assert tally.lean == 1  # scored on the lean path itself, not handed over
    lean = LeanEngine().sheet(case, case.sheets[0], library.select(["四川省", "遂宁市", "大英县"], 2023, "项目支出绩效自评表"), "fuzz.toml#p")
    messages = [f.message for f in lean.findings.kept]
    assert "各项分值合计 10 分（其中规则指标 10 分、各行 0 分），与满分 100 分不符" in messages
    assert lean.total.status == ("unverifiable" if claimed_total else "unclaimed")
