"""Reading input files: text in UTF-8 (with or without a byte order mark) or GBK/GB18030, TOML
and JSON with exact decimals, within the size limits of `files.limits`.  Every failure is a
`ScoringError` naming the file and, where there is one, the line and column."""

from __future__ import annotations

import json
import re
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..errors import ScoringError
from .limits import read_limited
from .os_errors import describe


def display_path(path: Path) -> str:
    """The path relative to the working directory when it lies below it, else as is."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def decode_text(raw: bytes, path: Path) -> str:
    """Decode a text file: UTF-8 (with or without BOM), falling back to GB18030 (GBK superset)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        raise ScoringError(f"{path}: 文件既不是 UTF-8 也不是 GBK 编码，无法读取") from None


def read_toml(path: Path, raw: bytes | None = None) -> dict:
    """Read a TOML file (or its bytes, already read) with exact decimals; syntax errors name the
    file and line."""
    if raw is None:
        try:
            raw = read_limited(path)
        except OSError as exc:
            raise ScoringError(f"{path}: 无法读取文件（{describe(exc)}）") from None
    text = decode_text(raw, path)
    try:
        return tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        message = re.sub(r"\(at line (\d+), column (\d+)\)", r"（第 \1 行第 \2 列）", str(exc))
        message = re.sub(r"\(at end of document\)", "（在文件末尾）", message)
        raise ScoringError(f"{path}: TOML 格式错误：{message}") from None
    except RecursionError:
        raise ScoringError(f"{path}: TOML 嵌套过深，无法读取") from None
    except ValueError as exc:  # e.g. an integer of thousands of digits
        raise ScoringError(f"{path}: TOML 中有无法读取的值（{str(exc)[:120]}）") from None


def read_json(path: Path) -> dict:
    """Read a JSON case with exact decimals; syntax errors name the file, line and column."""
    try:
        raw = read_limited(path)
    except OSError as exc:
        raise ScoringError(f"{path}: 无法读取文件（{describe(exc)}）") from None
    try:
        data = json.loads(decode_text(raw, path), parse_float=Decimal, object_pairs_hook=_no_duplicate_keys)
    except json.JSONDecodeError as exc:
        raise ScoringError(f"{path}: JSON 格式错误：第 {exc.lineno} 行第 {exc.colno} 列：{exc.msg}") from None
    except RecursionError:
        raise ScoringError(f"{path}: JSON 嵌套过深，无法读取") from None
    except ValueError as exc:
        raise ScoringError(f"{path}: JSON 格式错误：{exc}") from None
    try:
        # a lone surrogate ("\ud800") is valid JSON but no text: it would fail every output later
        json.dumps(data, ensure_ascii=False, default=str).encode("utf-8")
    except UnicodeEncodeError:
        raise ScoringError(f"{path}: JSON 中含有无效的字符（孤立的代理码点，如 \\ud800）") from None
    except RecursionError:
        raise ScoringError(f"{path}: JSON 嵌套过深，无法读取") from None
    if not isinstance(data, dict):
        raise ScoringError(f"{path}: JSON 顶层应为对象")
    return data


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict:
    # TOML refuses a repeated key; JSON silently keeps the last one, which would hide a typo.
    out: dict = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"键“{key}”重复")
        out[key] = value
    return out
