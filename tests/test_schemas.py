"""The JSON Schemas editors use for rule files and case files: generated from the models and
checked in, accepting every shipped file and refusing the mistakes the loader refuses."""

from __future__ import annotations

import copy
import datetime as dt
import functools
import subprocess
import sys
import tomllib

import pytest
from jsonschema import Draft202012Validator

from scoring.schemas import CASE_FILE, RULE_FILE, dumps, schemas

from conftest import CASES, FORMULAS, ROOT

SCHEMAS = ROOT / "schemas"
REGENERATE = "python scripts/make_schemas.py"


def _as_an_editor_sees(value):
    """TOML as Taplo hands it to the schema: dates and times as RFC 3339 strings."""
    if isinstance(value, dict):
        return {k: _as_an_editor_sees(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_an_editor_sees(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    return value


@functools.cache
def _validator(name: str) -> Draft202012Validator:
    schema = schemas()[name]
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def _errors(name: str, data: dict) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in _validator(name).iter_errors(_as_an_editor_sees(data))]


def _toml(path) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def test_checked_in_schemas_match_the_models():
    for name, schema in schemas().items():
        path = SCHEMAS / name
        assert path.exists() and path.read_text(encoding="utf-8") == dumps(schema), (
            f"schemas/{name} no longer matches the models (scoring/rules/schema.py, scoring/cases/schema.py): "
            f"run `{REGENERATE}` and commit the result"
        )


def test_the_script_checks_and_regenerates(tmp_path):
    done = subprocess.run([sys.executable, "scripts/make_schemas.py", "--check"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "up to date" in done.stdout, done.stdout + done.stderr


@pytest.mark.parametrize("path", sorted(FORMULAS.rglob("*.toml")), ids=lambda p: str(p.relative_to(FORMULAS)))
def test_every_shipped_rule_file_is_valid(path):
    assert _errors(RULE_FILE, _toml(path)) == []


@pytest.mark.parametrize("path", sorted(CASES.glob("*.toml")), ids=lambda p: p.name)
def test_every_shipped_case_file_is_valid(path):
    assert _errors(CASE_FILE, _toml(path)) == []


def test_rule_file_mistakes_are_flagged():
    good = _toml(FORMULAS / "sichuan" / "dept-overall-2024.toml")
    mistakes = {
        "typo in an indicator": lambda d: d["indicators"][1].update(scroe="1"),
        "cap of the wrong type": lambda d: d["indicators"][1].update(cap="yes"),
        "input type not in the list": lambda d: d["inputs"]["budget_executed"].update(type="money"),
        "identity without a title": lambda d: d["rule_set"].pop("title"),
        "no rule_set at all": lambda d: d.pop("rule_set"),
        "extends without a version": lambda d: d.update(extends="national.project"),
        "remove of a section that cannot be removed": lambda d: d.update(extends="national.project@2020.1", remove={"rule_set": ["x"]}),
    }
    for what, change in mistakes.items():
        data = copy.deepcopy(good)
        change(data)
        assert _errors(RULE_FILE, data), what


def test_a_file_that_extends_another_gives_only_what_it_changes():
    child = {"format": 1, "extends": "national.project@2020.1", "rule_set": {"id": "x.project", "version": "2025.1"},
             "rows": {"vocabulary": {"按期完成": "achieved"}}, "remove": {"vocabulary": ["有所改善"]}}
    assert _errors(RULE_FILE, child) == []
    alone = {k: v for k, v in child.items() if k not in ("extends", "remove")}
    assert any("required" in e for e in _errors(RULE_FILE, alone))


def test_case_file_mistakes_are_flagged_and_shorthands_accepted():
    good = _toml(CASES / "sichuan-suining-anju-jxb-2024.toml")
    sheet = good["sheets"][0]
    sheet["inputs"]["budget_executed"] = "253.87"  # shorthand for { value = "253.87" }
    sheet["claims"]["budget_quality"] = 7  # shorthand for { score = 7 }
    good["case"]["region"] = "四川省遂宁市安居区"  # the region in one string, as the loaders read it
    assert _errors(CASE_FILE, good) == []
    mistakes = {
        "year as text": lambda d: d["case"].update(year="2024"),
        "typo in a figure": lambda d: d["sheets"][0]["inputs"].update(budget_adjusted={"vaule": "1"}),
        "sheet id with a blank": lambda d: d["sheets"][0].update(id="dept overall"),
        "no sheets": lambda d: d.update(sheets=[]),
        "empty region": lambda d: d["case"].update(region=""),
        "region as a number": lambda d: d["case"].update(region=510000),
        "unknown key in a row": lambda d: d["sheets"][1]["rows"][0].update(score="1"),
    }
    for what, change in mistakes.items():
        data = copy.deepcopy(good)
        change(data)
        assert _errors(CASE_FILE, data), what


def test_taplo_config_maps_the_folders_to_the_schemas():
    config = _toml(ROOT / ".taplo.toml")
    by_schema = {}
    for rule in config["rule"]:
        schema = (ROOT / rule["schema"]["path"]).resolve()
        assert schema.parent == SCHEMAS and schema.exists()
        by_schema[schema.name] = {p for pattern in rule["include"] for p in ROOT.glob(pattern)}
    assert by_schema[RULE_FILE] == set(FORMULAS.rglob("*.toml"))
    assert by_schema[CASE_FILE] == set(CASES.rglob("*.toml"))
