"""The quick case reader (`cases.quick`) against the case schema (`cases.schema`): on every
shipped case and every generated one both give equal plain objects; on malformed data the quick
reader gives up, so the schema words every error (that a plain `scoring diff` of a shipped case
imports no pydantic: tests/test_cli_direct.py)."""

from __future__ import annotations

import copy
import json
import random
import sys
from decimal import Decimal

import pytest
from pydantic import ValidationError

from scoring.cases.quick import quick_case
from scoring.cases.schema import validate_case
from scoring.engine.lean import LeanEngine
from scoring.files.reading import read_json, read_toml
from scoring.plain import dump_json
from scoring.synthetic.generator import Settings, make_submission

from conftest import CASES, ROOT, SUINING_CASE

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # `bench` is a folder of the checkout, not an installed package

SHIPPED = sorted(p for p in CASES.rglob("*") if p.suffix in (".toml", ".json"))


def _read(path):
    return read_json(path) if path.suffix == ".json" else read_toml(path)


def _same(quick, schema_made) -> bool:
    """Equal objects, and equal as written: ``==`` takes Decimal("9.5") for Decimal("9.50") and
    True for Decimal(1), but a claim's written decimals are its precision (review AV)."""
    return quick == schema_made and dump_json(quick) == dump_json(schema_made)


def _schema(data):
    try:
        return validate_case(copy.deepcopy(data))
    except ValidationError:
        return None


@pytest.mark.parametrize("path", SHIPPED, ids=[p.name for p in SHIPPED])
def test_every_shipped_case_reads_the_same_quickly(path):
    data = _read(path)
    quick = quick_case(copy.deepcopy(data))
    assert quick is not None, "the quick reader gave a shipped case up"
    assert _same(quick, validate_case(data))
    assert [f._percent for s in quick.sheets for f in s.inputs.values()] == [f._percent for s in validate_case(data).sheets for f in s.inputs.values()]


def test_every_generated_case_reads_the_same_quickly(library):
    engine = LeanEngine()
    for seed in (0, 7):
        settings = Settings(seed=seed, error_rate=0.5)
        for i in range(60):
            data = make_submission(i, settings, library, engine).case
            data = json.loads(json.dumps(data), parse_float=Decimal)  # as a JSON case file is read
            quick = quick_case(copy.deepcopy(data))
            assert quick is not None, (seed, i)
            assert _same(quick, validate_case(data)), (seed, i)


def _shipped_data():
    return [_read(p) for p in SHIPPED]


# Each a change that makes a shipped case malformed (the schema refuses it).
MALFORMED = {
    "unknown top key": lambda d: d.update(extra=1),
    "later format": lambda d: d.update(format=2),
    "no sheets": lambda d: d.update(sheets=[]),
    "sheets not a list": lambda d: d.update(sheets={}),
    "unknown case key": lambda d: d["case"].update(units="x"),
    "region empty": lambda d: d["case"].update(region=[]),
    "region as blank text": lambda d: d["case"].update(region="  "),
    "year out of range": lambda d: d["case"].update(year=1800),
    "date as text": lambda d: d["case"].update(evaluated="2024-13-01"),
    "no source": lambda d: d["case"].pop("source"),
    "unknown sheet key": lambda d: d["sheets"][0].update(claimz={}),
    "bad sheet id": lambda d: d["sheets"][0].update(id="a b"),
    "sheet id ending in a newline": lambda d: d["sheets"][0].update(id="a\n"),
    "no rules nor type": lambda d: (d["sheets"][0].pop("rules", None), d["sheets"][0].pop("sheet_type", None)),
    "negative weight": lambda d: d["sheets"][0].update(weights={"x": "-1"}),
    "weight not a number": lambda d: d["sheets"][0].update(weights={"x": "abc"}),
    "claim with a percent": lambda d: d["sheets"][0].update(claims={"x": "19%"}),
    "claim not a number": lambda d: d["sheets"][0].update(claims={"x": "很好"}),
    "total not a number": lambda d: d["sheets"][0].update(claimed_total="十分"),
    "empty grade": lambda d: d["sheets"][0].update(claimed_grade=""),
    "figure both value and undisclosed": lambda d: d["sheets"][0].update(inputs={"x": {"value": "1", "undisclosed": True}}),
    "figure neither": lambda d: d["sheets"][0].update(inputs={"x": {"source": "表"}}),
    "figure as a list": lambda d: d["sheets"][0].update(inputs={"x": [1]}),
    "figure unknown key": lambda d: d["sheets"][0].update(inputs={"x": {"value": "1", "vaule": 2}}),
    "infinite figure": lambda d: d["sheets"][0].update(inputs={"x": Decimal("inf")}),
    "row unknown key": lambda d: d["sheets"][0].update(rows=[{"name": "x", "tagret": "1"}]),
    "row negative weight": lambda d: d["sheets"][0].update(rows=[{"name": "x", "weight": -1}]),
    "row bad id": lambda d: d["sheets"][0].update(rows=[{"id": "行 1", "name": "x"}]),
    "row group as text": lambda d: d["sheets"][0].update(rows=[{"name": "x", "group": "产出指标"}]),
    "subtotal without group": lambda d: d["sheets"][0].update(subtotals=[{"claimed": "3"}]),
    "rate without denominator": lambda d: d["sheets"][0].update(stated_rates=[{"label": "执行率", "stated": "90%", "numerator": "9"}]),
}


@pytest.mark.parametrize("name", sorted(MALFORMED))
def test_the_quick_reader_gives_a_malformed_case_up(name):
    for data in _shipped_data():
        MALFORMED[name](data)
        assert _schema(data) is None, f"{name}: the schema accepts it (not a malformed case)"
        assert quick_case(data) is None, name


# Each a change the schema reads by coercing a value: the quick reader leaves it to the schema.
COERCED = {
    "complete as text": lambda d: d["sheets"][0].update(complete="yes"),
    "format as text": lambda d: d.update(format="1"),
    "year as text": lambda d: d["case"].update(year="2024"),
    "float figure": lambda d: d["sheets"][0].update(inputs={"x": 1.5}),
    "year as a decimal": lambda d: d["case"].update(year=Decimal("2024")),
    "weight as a bool": lambda d: d["sheets"][0].update(weights={"x": True}),
    "rows as a tuple": lambda d: d["sheets"][0].update(rows=tuple(d["sheets"][0].get("rows", ()))),
}


@pytest.mark.parametrize("name", sorted(COERCED))
def test_the_quick_reader_leaves_a_coerced_value_to_the_schema(name):
    for data in _shipped_data():
        COERCED[name](data)
        assert quick_case(data) is None, name


@pytest.mark.parametrize("region", ["四川省遂宁市安居区", "四川省/遂宁市/安居区", "四川省"])
def test_a_region_written_as_one_string_is_read_alike_by_both_readers(region):
    """region = "四川省遂宁市安居区": the whole path in one string, split as a list of one is (review BQ D4)."""
    for data in _shipped_data():
        data["case"]["region"] = region
        expected = _schema(data)
        assert expected is not None and expected.case.region[0] == "四川省"
        assert _same(quick_case(data), expected)


def test_on_fuzzed_cases_the_quick_reader_agrees_or_gives_up(library):
    """bench/fuzz.py's mutations of the shipped and generated cases: where the schema refuses one
    the quick reader gives it up; where the schema reads one the quick reader reads the same or
    gives it up — here only where a date is written as text ("2024-03-01"), which the schema
    parses and the quick reader leaves to it."""
    from bench.equality import generated
    from bench.fuzz import mutate_case, row_pool

    rng = random.Random(15)
    raw = [(p.name, _read(p)) for p in SHIPPED]
    cases = generated(library, 30, 15)[2]
    pool = row_pool(raw, cases)
    bases = [data for _, data in raw] + cases
    refused = given_up = 0
    for _ in range(400):
        mutated = mutate_case(rng.choice(bases), rng, pool)
        expected = _schema(mutated)
        quick = quick_case(copy.deepcopy(mutated))
        refused += expected is None
        if quick is None and expected is not None:
            given_up += 1
            assert isinstance(mutated["case"].get("evaluated"), str)
        assert quick is None if expected is None else (quick is None or _same(quick, expected))
    assert refused and given_up < 100, (refused, given_up)


def test_the_plain_objects_and_their_schema_models_declare_the_same_fields():
    """Each case object is declared twice — plain (`cases.model`), and as its pydantic schema model
    (`cases.schema`) — and the quick reader reads a third list: a field added to one and not the
    others would be dropped or refused without a word, so the three are held to one another."""
    from scoring.cases import model, quick, schema

    readers = {"Figure": quick._FIGURE, "Row": quick._ROW, "Subtotal": quick._SUBTOTAL, "StatedRate": quick._RATE,
               "Sheet": quick._SHEET, "CaseInfo": quick._INFO}
    for name in ("Figure", "Claim", "GradeClaim", "Row", "Subtotal", "StatedRate", "Sheet", "CaseInfo", "Case"):
        plain, pydantic_model = getattr(model, name), getattr(schema, name)
        fields = pydantic_model.model_fields
        assert plain._fields == tuple(fields), name
        for field, info in fields.items():
            if not info.is_required():
                assert plain._defaults[field] == info.get_default(call_default_factory=True), f"{name}.{field}"
        assert set(plain._privates) == set(pydantic_model.__private_attributes__), name
        if name in readers:
            assert set(readers[name]) == set(fields), name


def test_text_the_schema_refuses_is_given_up():
    """A lone surrogate ("\\ud800") is no text the schema takes: the quick reader leaves it to it (review AV)."""
    data = _read(SUINING_CASE)
    data["sheets"][0]["claimed_grade"] = "\ud800"
    assert _schema(copy.deepcopy(data)) is None and quick_case(data) is None


@pytest.mark.parametrize("value", ["\ud800", "1\ud800%"])
def test_a_lone_surrogate_in_a_figure_is_refused_not_a_crash(value):
    """A message quoting it could not be made: it was a UnicodeEncodeError from pydantic (review AV's F5)."""
    data = _read(SUINING_CASE)
    data["sheets"][0]["claimed_total"] = value
    with pytest.raises(ValidationError):
        validate_case(data)


def test_a_weight_that_is_no_number_is_refused_not_a_crash():
    """`weights = { x = nan }` was a decimal.InvalidOperation traceback (review AV): now the schema's message."""
    data = _read(SUINING_CASE)
    data["sheets"][0]["weights"] = {"x": Decimal("NaN")}
    assert _schema(copy.deepcopy(data)) is None and quick_case(data) is None


def test_the_plain_objects_answer_as_the_models_did():
    """What library users did with the pydantic models: ``dict(obj)``, ``str(obj)``, validating an
    object already made, copying with changes, dumping (review AV)."""
    from scoring import Case

    case = validate_case(_read(SUINING_CASE))
    assert Case.model_validate(case) is case
    assert dict(case.case)["unit"] == case.case.unit
    assert str(case.case).startswith("id=")
    assert case.model_copy(update={"format": 1}) == case
    assert case.model_dump()["case"]["unit"] == case.case.unit
    with pytest.raises(AttributeError):
        case.format = 2
