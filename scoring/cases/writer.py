"""Writing a case as TOML (`scoring import`).

The TOML itself is written by tomli-w, so any text a workbook cell can hold — quotes,
backslashes, line breaks, control characters — is escaped as TOML requires and reads back
exactly.  Figures and claims are written as strings, so the decimals they were written with (a
claim's precision) survive: "7" stays "7", "9.20" stays "9.20".
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import tomli_w

# Characters a TOML comment may not hold (control characters other than tab).
_NOT_IN_COMMENT = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


def case_to_toml(case: dict, header: str = "") -> str:
    """Render a case (plain dicts/lists/scalars, as `Case.model_validate` takes) as TOML, with
    ``header`` as comment lines on top.  Keys whose value is None or empty are left out (TOML has
    no null; an empty table or list says nothing)."""
    comments = "".join(f"# {_NOT_IN_COMMENT.sub(' ', line)}\n" for line in header.splitlines())
    body = tomli_w.dumps(_plain(case))
    return f"{comments}\n{body}" if comments else body


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            item = _plain(item)
            if item is not None and item != [] and item != {}:
                out[key] = item
        return out
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, Decimal):
        return format(value, "f")
    return value
