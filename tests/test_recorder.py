"""Evaluation takes a recorder: the null one records nothing, the full one the whole trace, and
the scores, states, reasons and findings are the same either way."""

from __future__ import annotations

import dataclasses

import pytest

from scoring import Engine, load_case
from scoring.engine.engine import resolved_parameters
from scoring.engine.trace import FULL, NULL
from scoring.review.pipeline import choose_rules

from conftest import CASES

TRACE = {"inputs", "values", "notes"}


def _without_trace(result) -> dict:
    data = dataclasses.asdict(result)
    for ind in data["indicators"]:
        for key in TRACE:
            ind.pop(key)
        for part in ind["parts"]:
            part.pop("expression")
            part.pop("band")
            part.pop("band_range")
    return data


@pytest.mark.parametrize("path", sorted(CASES.glob("*.toml")), ids=lambda p: p.stem)
def test_null_recorder_scores_like_the_full_one(path, library):
    case, shown = load_case(path)
    engine = Engine()
    for sheet in case.sheets:
        rules = choose_rules(library, case, sheet)
        full = engine.score_sheet(sheet, rules, shown, case.case.year, FULL)
        lean = engine.score_sheet(sheet, rules, shown, case.case.year, NULL)
        assert _without_trace(lean) == _without_trace(full)
        for ind in lean.indicators:
            assert not ind.inputs and not ind.values and not ind.notes
            assert all(not p.expression and not p.band and not p.band_range for p in ind.parts)
        assert any(ind.inputs or ind.values for ind in full.indicators), "the full recorder records the trace"


def test_parameters_are_resolved_once_per_rule_set_and_year(sichuan):
    first = resolved_parameters(sichuan, 2024)
    assert resolved_parameters(sichuan, 2024) is first
    assert first["regional_asset_change_avg"].value == sichuan.parameters["regional_asset_change_avg"].values[0].value
    assert "没有适用于 2019 年的值" in resolved_parameters(sichuan, 2019)["regional_asset_change_avg"]
    assert "案例未写明年度" in resolved_parameters(sichuan, None)["regional_asset_change_avg"]
