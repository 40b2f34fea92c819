"""Pydantic's validation errors in Chinese, by error type.

Pydantic writes its messages in English ("Input should be a valid integer"); case files, rule
files and command-line values are all validated by pydantic, so every error type that their
models can raise is translated here from the error's type and context, never from its text.
"""

from __future__ import annotations

from typing import Any

_TEMPLATES = {
    "missing": "缺少必填项",
    "extra_forbidden": "未知的键（拼写错误？格式说明见 formulas/README.md）",
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
    "greater_than": "应大于 {gt}",
    "greater_than_equal": "应大于或等于 {ge}",
    "less_than": "应小于 {lt}",
    "less_than_equal": "应小于或等于 {le}",
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
