"""JSON Schemas of rule files and case files, generated from the pydantic models, so that an
editor (Taplo / Even Better TOML) completes keys and checks a file while it is written.

The schemas are checked in under schemas/ and regenerated with `python scripts/make_schemas.py`
whenever a model changes (a test fails until they are).  They describe the files as written,
which is a little more than the models: a file that `extends` another gives only what it changes,
and the loader's shorthands (`budget = "253.87"` for `{ value = "253.87" }`) are allowed.  The
loader stays the authority: cross-references, expressions and sums are checked only there.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from .rules.inherit import REMOVABLE

RULE_FILE = "rule-file.schema.json"
CASE_FILE = "case-file.schema.json"
DIALECT = "https://json-schema.org/draft/2020-12/schema"
_REF = r"^[a-z0-9][a-z0-9_.-]*@[0-9A-Za-z][0-9A-Za-z._-]*$"
_SCALAR = {"type": ["number", "string", "boolean"]}


def rule_file_schema() -> dict[str, Any]:
    """The schema of a rule file (formulas/**/*.toml)."""
    from .rules.schema import RuleFile

    schema = RuleFile.model_json_schema()
    defs = schema["$defs"]
    properties = schema["properties"]
    properties["extends"] = {
        "type": "string",
        "pattern": _REF,
        "description": "被继承的规则集 ID@版本（必须写明版本）；本文件只写与之不同的部分",
    }
    properties["remove"] = {
        "type": "object",
        "description": "继承时删除的条目：按名称或 id 列出",
        "properties": {key: {"type": "array", "items": {"type": "string"}} for key in sorted(REMOVABLE)},
        "additionalProperties": False,
    }
    # A file that extends another gives only what it changes: nothing at the top is required,
    # and [rule_set] may hold only the keys that differ.
    required = schema.pop("required", [])
    partial = copy.deepcopy(defs["RuleSetInfo"])
    partial.pop("required", None)
    partial["title"] = "RuleSetInfo (extends)"
    defs["RuleSetInfoPartial"] = partial
    properties["rule_set"] = {"description": defs["RuleSetInfo"].get("description", "规则集的身份：id、版本、地区、表类型、有效期")}
    schema["if"] = {"required": ["extends"]}
    schema["then"] = {"properties": {"rule_set": {"$ref": "#/$defs/RuleSetInfoPartial"}}}
    schema["else"] = {"required": required, "properties": {"rule_set": {"$ref": "#/$defs/RuleSetInfo"}}}
    return _finish(schema, "预算绩效自评规则文件（scoring）", "一个规则集：一种表、一个地区、一个有效期。格式说明见 formulas/README.md。")


def case_file_schema() -> dict[str, Any]:
    """The schema of a case file (cases/*.toml, and the JSON form of the same shape)."""
    from .cases.schema import Case

    schema = Case.model_json_schema()
    defs = schema["$defs"]
    # Figures are written as the forms print them ("-38%", "1,234.5"); the loader reads them.
    defs["Figure"]["properties"]["value"] = {**_SCALAR, "description": "数值，照表中所写（可带 %、千分位）"}
    # The shorthands the models' before-validators accept.
    _or_bare(defs, "Figure", _SCALAR)  # budget = "253.87" for { value = "253.87" }
    _or_bare(defs, "GradeClaim", {"type": "string"})  # claimed_grade = "优" for { grade = "优" }
    _or_bare(defs, "Claim", {"type": ["number", "string"]})  # budget_quality = "7" for { score = "7" }
    # region = "四川省遂宁市安居区": the whole path in one string, as a workbook's cell holds it
    region = defs["CaseInfo"]["properties"]["region"]
    defs["CaseInfo"]["properties"]["region"] = {
        "anyOf": [{"type": "string", "minLength": 1}, {key: value for key, value in region.items() if key != "title"}],
        "title": region.get("title", "Region"),
        "description": "地区：从省到区县，写成一个字符串（\"四川省遂宁市安居区\"）或逐级的列表（[\"四川省\", \"遂宁市\", \"安居区\"]）",
    }
    for key in ("target", "actual"):  # a target written as a bare number is the text the form printed
        defs["Row"]["properties"][key]["anyOf"].insert(0, {"type": "number"})
    return _finish(schema, "预算绩效自评案例文件（scoring）", "一个单位的自评材料：每个数字及其来源、各项自评得分。格式说明见 formulas/README.md。")


def _or_bare(defs: dict, name: str, bare: dict) -> None:
    table = defs[name]
    defs[name] = {"anyOf": [bare, {key: value for key, value in table.items() if key not in ("title", "description")}]}
    for key in ("title", "description"):
        if key in table:
            defs[name][key] = table[key]


# pydantic writes a pattern for decimal strings in some versions and not in others; the loader is
# the authority on what a written figure may be, so the schemas never carry it.
_DECIMAL_PATTERN = r"^(?!^[-+.]*$)[+-]?0*\d*\.?\d*$"


def _without_decimal_patterns(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _without_decimal_patterns(v) for k, v in node.items() if not (k == "pattern" and v == _DECIMAL_PATTERN)}
    if isinstance(node, list):
        return [_without_decimal_patterns(v) for v in node]
    return node


def _finish(schema: dict, title: str, description: str) -> dict[str, Any]:
    return {"$schema": DIALECT, **_without_decimal_patterns(schema), "title": title, "description": description}


def schemas() -> dict[str, dict[str, Any]]:
    """Every schema by its file name."""
    return {RULE_FILE: rule_file_schema(), CASE_FILE: case_file_schema()}


def dumps(schema: dict[str, Any]) -> str:
    """A schema as it is checked in: stable key order, readable Chinese, a final newline."""
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
