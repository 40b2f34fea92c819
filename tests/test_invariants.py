"""Invariants of every verdict, by property (hypothesis), over generated and shipped cases with
undisclosed figures, odd claims, partial sheets and injected errors, under every shipped rule set:

* low ≤ computed ≤ high for every total;
* unverified_weight between 0 and the total weight;
* each status agrees with its delta and the tolerance;
* the exit code of `diff` agrees with the findings' severities;
* JSON, CSV and the table give the same numbers.

The examples are derandomized and the database is off: CI runs the same examples every time.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import tomllib
from decimal import Decimal
from functools import cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from scoring import Case, Engine, ScoringError, report_loaded
from scoring.cli import app
from scoring.engine.lean import LeanEngine
from scoring.output.data import report_dict, to_csv
from scoring.output.formats import render_diff
from scoring.output.labels import STATUS_LABELS
from scoring.synthetic.generator import Settings, make_submission

from conftest import CASES, shipped_library

D = Decimal
ENGINE = Engine()
LEAN = LeanEngine()
LIBRARY = shipped_library()
SHIPPED = sorted(CASES.glob("*.toml"))


def properties(max_examples: int) -> settings:
    return settings(
        max_examples=max_examples, deadline=None, derandomize=True, database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


@cache
def shipped(index: int) -> dict:
    return tomllib.loads(SHIPPED[index].read_text(encoding="utf-8"))


claims = st.one_of(
    st.none(),
    st.sampled_from(["0", "-0.01", "100", "1000", "9.99", "10", "10.01", "0.05", "7", "8.5"]),
    st.decimals(min_value=D("-1"), max_value=D("120"), places=2, allow_nan=False, allow_infinity=False).map(str),
    st.integers(min_value=0, max_value=30).map(str),
)


@st.composite
def cases(draw) -> dict:
    """A case as JSON-ready data: a generated submission or a shipped case, then mutated."""
    if draw(st.booleans()):
        index = draw(st.integers(min_value=0, max_value=10_000))
        data = make_submission(index, Settings(seed=draw(st.integers(0, 3)), error_rate=0.5), LIBRARY, LEAN).case
    else:
        data = copy.deepcopy(shipped(draw(st.integers(0, len(SHIPPED) - 1))))
    sheet = draw(st.sampled_from(data["sheets"]))
    data["sheets"] = [sheet]
    for name in list(sheet.get("inputs", {})):
        if draw(st.integers(0, 5)) == 0:
            sheet["inputs"][name] = {"undisclosed": True}
    for key in list(sheet.get("claims", {})):
        if draw(st.integers(0, 3)) == 0:
            new = draw(claims)
            if new is None:
                del sheet["claims"][key]
            else:
                sheet["claims"][key] = new
    for row in sheet.get("rows", []):
        if draw(st.integers(0, 3)) == 0:
            new = draw(claims)
            row.pop("claimed", None)
            if new is not None:
                row["claimed"] = new
    if draw(st.integers(0, 3)) == 0:
        total = draw(claims)
        sheet.pop("claimed_total", None)
        if total is not None:
            sheet["claimed_total"] = total
    if draw(st.integers(0, 5)) == 0:
        sheet["complete"] = not sheet.get("complete", True)
    return data


def _within(item: dict) -> None:
    status, delta, tolerance = item["status"], item["delta"], D(item["tolerance"])
    if status == "match" and delta is not None:
        assert abs(D(delta)) <= tolerance, item
    elif status in ("over", "under"):
        assert delta is not None and abs(D(delta)) > tolerance, item
        assert (D(delta) > 0) == (status == "over"), item
    elif status == "unclaimed":
        assert item["claimed"] is None and delta is None, item
    elif status == "invalid":
        assert item["claimed"] is not None, item


@properties(60)
@given(data=cases())
def test_every_verdict_agrees_with_itself(data):
    try:
        report = report_loaded(Case.model_validate(data), "case.json", LIBRARY, ENGINE)
    except ScoringError:
        return  # a mutation the rules refuse (e.g. a key of another rule set): exit 2, not a verdict
    doc = report_dict(report)
    for sheet in doc["sheets"]:
        t = sheet["total"]
        weight = D(t["weight"])
        if t["computed"] is not None:
            assert D(t["low"]) <= D(t["computed"]) <= D(t["high"]), t
        assert 0 <= D(t["unverified_weight"]) <= weight, t
        for item in [*sheet["indicators"], t]:
            _within(item)
        if not t["complete"]:
            assert t["status"] in ("incomplete", "over", "under", "invalid", "unclaimed"), t
    # JSON, CSV and the table give the same numbers
    rows = list(csv.reader(io.StringIO(to_csv(report).lstrip("\ufeff"))))[1:]
    table = render_diff(report, "table")
    lines = table.splitlines()
    at = 0  # rows are printed in order: two rows of one name ("指标1:") are found in turn
    for sheet in doc["sheets"]:
        expected = [
            (i["name"], i["claimed"] or "", i["computed"] or "", i["low"] or "", i["high"] or "", i["delta"] or "", STATUS_LABELS[i["status"]])
            for i in sheet["indicators"]
        ]
        got = [(r[6], r[8], r[9], r[10], r[11], r[12], r[13]) for r in rows if r[1] == sheet["id"] and r[5] != "total"]
        assert got == expected
        total = next(r for r in rows if r[1] == sheet["id"] and r[5] == "total")
        t = sheet["total"]
        assert (total[8], total[9], total[12]) == (t["claimed"] or "", t["computed"] or "", t["delta"] or "")
        for name, claimed, computed, low, high, delta, label in expected:
            if not name:
                continue  # an unnamed row cannot be told apart in the table by its name
            at = next(n for n in range(at, len(lines)) if lines[n].startswith(name) or lines[n].startswith(name[:20]))
            line, at = lines[at], at + 1
            assert label in line and claimed in line and delta in line
            # a range the rules allow is shown as the range, a point (or a bound beyond it) as itself
            assert (computed in line) if low == high or not low else (f"{low}～{high}" in line or computed in line)


@properties(12)
@given(data=cases())
def test_the_exit_code_follows_the_findings(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("invariants") / "case.json"
    # a TOML date (a case's `evaluated`) is written as JSON writes dates: ISO text
    path.write_text(json.dumps(data, ensure_ascii=False, default=lambda value: value.isoformat()), encoding="utf-8")
    result = CliRunner().invoke(app, ["diff", str(path), "--format", "json"])
    if result.exit_code == 2:
        return  # refused as unusable; what the message says is tested elsewhere
    doc = json.loads(result.stdout)
    errors = [f for f in doc["findings"] if f["severity"] == "error"]
    assert result.exit_code == (1 if errors else 0), (result.exit_code, errors)
