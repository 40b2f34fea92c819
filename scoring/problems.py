"""Problems in input files, in the words and at the places a rule author or finance officer reads.

Pydantic writes its messages in English ("Input should be a valid integer"); case files, rule
files and command-line values are all validated by pydantic, so every error type that their
models can raise is translated here from the error's type and context, never from its text.
Each becomes a `FileProblem` at its key (``indicators[3].weight``), and where the file's text is
at hand, the line the key is written on is added (TOML parsers give no positions for keys).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from .errors import FileProblem

if TYPE_CHECKING:  # pydantic is imported by the models; the command line's messages need only the table
    from pydantic import ValidationError

_TEMPLATES = {
    "missing": "缺少必填项",
    # one message for case files and rule files: each kind's format is described in README.md
    "extra_forbidden": "未知的键（拼写错误？各键的含义见 README.md）",
    "string_type": "应为文本",
    "string_unicode": "文本中含有无效的字符",
    "string_too_short": "至少要有 {min_length} 个字符",
    "string_too_long": "最多 {max_length} 个字符",
    "string_pattern_mismatch": "格式不符（只能由字母、数字和 . _ - 等字符组成，应符合 {pattern}）",
    "int_type": "应为整数",
    "int_parsing": "应为整数，得到“{input}”",
    "int_parsing_size": "整数过大",
    "int_from_float": "应为整数，得到带小数的数 {input}",
    "float_type": "应为数字",
    "float_parsing": "应为数字，得到“{input}”",
    "finite_number": "应为有限的数字",
    "decimal_type": "应为数字（小数请写成字符串，如 \"9.20\"）",
    "decimal_parsing": "应为数字，得到“{input}”",
    "decimal_max_digits": "数字位数过多（最多 {max_digits} 位）",
    "decimal_max_places": "小数位数过多（最多 {decimal_places} 位）",
    "decimal_whole_digits": "整数部分位数过多（最多 {whole_digits} 位）",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false，得到“{input}”",
    "greater_than": "应大于 {gt}（所填为 {input}）",
    "greater_than_equal": "应大于或等于 {ge}（所填为 {input}）",
    "less_than": "应小于 {lt}（所填为 {input}）",
    "less_than_equal": "应小于或等于 {le}（所填为 {input}）",
    "multiple_of": "应为 {multiple_of} 的倍数",
    "too_short": "至少要有 {min_length} 项",
    "too_long": "最多 {max_length} 项",
    "list_type": "应为列表（[...]）",
    "tuple_type": "应为列表（[...]）",
    "set_type": "应为列表（[...]）",
    "frozen_set_type": "应为列表（[...]）",
    "iterable_type": "应为列表（[...]）",
    "dict_type": "应为表（键 = 值）",
    "mapping_type": "应为表（键 = 值）",
    "model_type": "应为表（键 = 值）",
    "model_attributes_type": "应为表（键 = 值）",
    "dataclass_type": "应为表（键 = 值）",
    "date_type": "应为日期（YYYY-MM-DD）",
    "date_parsing": "应为日期（YYYY-MM-DD），得到“{input}”",
    "date_from_datetime_parsing": "应为日期（YYYY-MM-DD），得到“{input}”",
    "date_from_datetime_inexact": "应为日期（YYYY-MM-DD），不带时刻",
    "datetime_type": "应为日期时间",
    "datetime_parsing": "应为日期时间，得到“{input}”",
    "datetime_from_date_parsing": "应为日期时间，得到“{input}”",
    "literal_error": "应为 {expected} 之一",
    "enum": "应为 {expected} 之一",
    "union_tag_invalid": "类别 {tag} 无效，应为 {expected_tags} 之一",
    "union_tag_not_found": "缺少用来区分类别的键 {discriminator}",
    "none_required": "应为空",
    "is_instance_of": "类型不符",
    "is_subclass_of": "类型不符",
    "callable_type": "类型不符",
    "json_invalid": "JSON 格式错误",
    "json_type": "应为 JSON 文本",
    "path_type": "应为路径",
    "path_not_file": "不是文件",
    "path_not_directory": "不是目录",
    "path_not_exists": "不存在",
    "arguments_type": "参数无效",
    "recursion_loop": "嵌套过深（循环引用）",
}


def _brief(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def error_message(error: dict) -> str:
    """One pydantic error (an item of ``ValidationError.errors()``) as a Chinese message."""
    kind = error.get("type", "")
    context = error.get("ctx") or {}
    if kind in ("value_error", "assertion_error"):
        # the project's own validators raise ValueError with a Chinese message
        cause = context.get("error")
        text = str(cause) if cause is not None else str(error.get("msg", ""))
        return text.removeprefix("Value error, ").removeprefix("Assertion failed, ")
    template = _TEMPLATES.get(kind)
    if template is None:
        return f"值无效（错误类型 {kind}）"
    values = {key: _brief(value) for key, value in context.items()}
    values["input"] = _brief(error.get("input", ""))
    for key in ("expected", "expected_tags"):
        if key in values:  # pydantic lists choices in English: "'a', 'b' or 'c'"
            values[key] = values[key].replace(" or ", "、").replace(", ", "、")
    try:
        return template.format(**values)
    except (KeyError, IndexError):
        return template.split("{")[0].rstrip("（，") or f"值无效（错误类型 {kind}）"


def pydantic_problems(path: str, exc: ValidationError) -> list[FileProblem]:
    """Turn pydantic's errors into file/key problems with Chinese messages: one a key, the first —
    a value of a union (a figure is a number, a flag or nothing) fails each branch, and "应为数字"
    beside "应为 true 或 false" for one list written as a figure names two mistakes for one (review CF C1)."""
    out: dict[str, FileProblem] = {}
    for err in exc.errors():
        key = _key_path(err["loc"])
        out.setdefault(key, FileProblem(path, key, error_message(err)))
    return list(out.values())


def _key_path(loc: Iterable[object]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            # pydantic names the branch of a union it tried ("bool", "Cap"); that is noise here
            if part in {"bool", "Cap", "decimal", "function-after[_period_in_order()]"}:
                continue
            out += ("." if out else "") + str(part)
    return out or "(文件)"


def paired_typos(problems: list[FileProblem]) -> list[FileProblem]:
    """A required key reported missing beside an unknown key of the same table that is spelt
    nearly like it ("weigth" for weight) are one mistake: said once, at the unknown key, naming
    the key meant, instead of a "缺少必填项" pointing at some other line."""
    import difflib

    missing = {p.key: p for p in problems if p.message == _TEMPLATES["missing"]}
    out, used = [], set()
    for p in problems:
        if p.message.startswith("未知的键"):
            parent, _, name = p.key.rpartition(".")
            candidates = {k.rpartition(".")[2]: k for k in missing if k.rpartition(".")[0] == parent and k not in used}
            meant = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.6)
            if meant:
                used.add(candidates[meant[0]])
                out.append(FileProblem(p.path, p.key, f"未知的键（是否应为 {meant[0]}？{meant[0]} 是必填项）"))
                continue
        out.append(p)
    return [p for p in out if p.key not in used]


def with_line(problem: FileProblem, text: str) -> FileProblem:
    """Add the line a key stands on, found in the file's text, to a problem's key."""
    line = locate_line(text, problem.key)
    if line is None or "第" in problem.key:
        return problem
    return FileProblem(problem.path, f"{problem.key}（第 {line} 行）", problem.message)


# one segment of a problem's key path: a name, an index into its list, an id ("indicators[3](x)")
KEY_SEGMENT = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)(?:\[(\d+)\])?(?:\(([^)]*)\))?")


def locate_line(text: str, key: str) -> int | None:
    """Best effort: the line where ``key`` (e.g. ``indicators[3](x).bands[0].upper``) is written.

    TOML parsers give no positions for keys, so this walks the text: an ``(id)`` jumps to the
    line ``id = "…"``, ``name[n]`` to the n-th table header of that array after the current
    position, and the last segment to the first ``name =`` line after it.
    """
    if not text or not key:
        return None
    lines = text.splitlines()
    pos = 0
    found = None
    segments = [seg for seg in key.split(".") if seg]
    prefix = ""
    for i, seg in enumerate(segments):
        m = KEY_SEGMENT.fullmatch(seg)
        if not m:
            return None if found is None else found + 1
        name, index, ident = m.groups()
        prefix = f"{prefix}.{name}" if prefix else name
        if ident:
            hit = _find(lines, pos, lambda ln, ident=ident: re.match(rf'\s*id\s*=\s*"{re.escape(ident)}"', ln))
            if hit is None:
                return None if found is None else found + 1
            pos = found = hit
            continue
        if index is not None:
            header = re.compile(rf"\s*\[\[\s*(?:[A-Za-z_.]*\.)?{re.escape(name)}\s*\]\]")
            hit, seen = None, -1
            for n in range(pos, len(lines)):
                if header.match(lines[n]):
                    seen += 1
                    if seen == int(index):
                        hit = n
                        break
            if hit is None:
                # an item of an inline array ("prefix_comparators = [\"==\"]"): the line of the key
                hit = _find(lines, pos, lambda ln, name=name: re.match(rf'\s*"?{re.escape(name)}"?\s*=', ln))
                found = found if hit is None else hit
                return None if found is None else found + 1
            pos = found = hit
            continue
        table = _find(lines, pos, lambda ln, prefix=prefix: re.match(rf"\s*\[\s*{re.escape(prefix)}\s*\]", ln))
        if table is not None and i < len(segments) - 1:
            pos = found = table
            continue
        hit = _find(lines, pos, lambda ln, name=name: re.match(rf'\s*"?{re.escape(name)}"?\s*=', ln))
        if hit is not None:
            pos = found = hit
        elif table is not None:
            pos = found = table
    return None if found is None else found + 1


def _find(lines: list[str], start: int, pred) -> int | None:
    for n in range(start, len(lines)):
        if pred(lines[n]):
            return n
    return None
