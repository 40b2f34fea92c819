"""Writing a case as TOML, the way a person would write it by hand: scalars first, then tables,
then arrays of tables; numbers as strings so their written decimals survive."""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from typing import Any

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def case_to_toml(case: dict, header: str = "") -> str:
    """Render a case (plain dicts/lists/scalars, as `Case.model_validate` takes) as TOML."""
    lines = [f"# {line}" for line in header.splitlines()] if header else []
    _table(lines, [], case)
    return "\n".join(lines).strip() + "\n"


def _key(key: str) -> str:
    return key if _BARE_KEY.match(key) else json.dumps(key, ensure_ascii=False)


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return json.dumps(format(value, "f"))
    if isinstance(value, int):
        return str(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items()) + " }"
    if value is None:
        raise ValueError("TOML has no null: leave the key out")
    raise TypeError(f"cannot write {type(value).__name__} as TOML")


def _is_table_array(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _table(lines: list[str], path: list[str], table: dict) -> None:
    scalars = {k: v for k, v in table.items() if v is not None and v != [] and not isinstance(v, dict) and not _is_table_array(v)}
    tables = {k: v for k, v in table.items() if isinstance(v, dict) and v}
    arrays = {k: v for k, v in table.items() if _is_table_array(v)}
    for key, value in scalars.items():
        lines.append(f"{_key(key)} = {_value(value)}")
    for key, value in tables.items():
        sub = [*path, key]
        if all(isinstance(v, dict) and not any(isinstance(x, (dict, list)) for x in v.values()) for v in value.values()) and value:
            # a table of small tables (inputs, claims): one inline table per key reads best
            lines += ["", f"[{'.'.join(_key(p) for p in sub)}]"]
            lines += [f"{_key(k)} = {_value({kk: vv for kk, vv in v.items() if vv is not None})}" for k, v in value.items()]
        else:
            lines += ["", f"[{'.'.join(_key(p) for p in sub)}]"]
            _table(lines, sub, value)
    for key, items in arrays.items():
        sub = [*path, key]
        for item in items:
            lines += ["", f"[[{'.'.join(_key(p) for p in sub)}]]"]
            _table(lines, sub, item)
