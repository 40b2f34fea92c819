"""Reading input files: text in UTF-8 (with or without a byte order mark) or GBK/GB18030, TOML
and JSON with exact decimals, within the size limits of `files.limits`.  Every failure is a
`ScoringError` naming the file and, where there is one, the line and column."""

from __future__ import annotations

import errno
import json
import os
import re
import stat
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
    except (ValueError, OSError, RuntimeError):  # not below it; a link that loops cannot be resolved
        return str(path)


def display_paths(paths: list[Path]) -> list[str]:
    """`display_path` of each of ``paths``, resolving each folder once: a file that is no link is
    its resolved folder's entry (a rules folder of eighty files costs a few folders' lookups, not
    eighty full resolutions)."""
    # strings, not Path objects: a command loading two hundred rule files spent 2 ms here on pathlib alone
    cwd = os.getcwd()
    below = cwd if cwd.endswith(os.sep) else cwd + os.sep
    folders: dict[str, str] = {}
    out = []
    for path in paths:
        name = os.fspath(path)
        try:
            if os.path.islink(name):
                resolved = os.path.realpath(name, strict=False)
            else:
                parent, base = os.path.split(name)
                folder = folders.get(parent)
                if folder is None:
                    folder = folders[parent] = os.path.realpath(parent or os.curdir)
                resolved = os.path.join(folder, base)
            out.append(resolved[len(below):] if resolved.startswith(below) and len(resolved) > len(below) else str(path))
        except (ValueError, OSError, RuntimeError):
            out.append(str(path))
    return out


def not_a_regular_file(path: Path) -> str:
    """Why ``path`` is no file to read ("" when it is one), found without opening it: a pipe would
    block whoever opens it until something writes to it, a device (a link to /dev/zero) would never
    end, a link that loops or points nowhere cannot be opened."""
    return file_status(path)[0]


def file_status(path: Path) -> tuple[str, os.stat_result | None]:
    """`not_a_regular_file` of ``path``, and the status it found (None where there is none)."""
    try:
        status = path.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "符号链接成环（链接指向自己或互相指向）", None
        if path.is_symlink():
            return "链接指向的文件不存在（文件在列出后被移走或删除？）", None
        return "文件已不存在（在列出后被移走或删除？）", None
    if not stat.S_ISREG(status.st_mode):
        return ("是目录" if stat.S_ISDIR(status.st_mode) else "不是普通文件（管道、设备或套接字），未读取"), status
    return "", status


def reword_path(message: str, path: Path, shown: str) -> str:
    """``message`` naming ``path`` (a private copy: an upload, a member unpacked from an archive)
    by ``shown``, the name its sender knows it by."""
    for form in (str(path), display_path(path), str(path.resolve())):
        message = message.replace(form, shown)
    return message


def decode_text(raw: bytes, path: Path) -> str:
    """Decode a text file: UTF-8 (with or without BOM), falling back to GB18030 (GBK superset)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.end == len(raw) and not raw[: exc.start].isascii():
            try:
                raw[: exc.start].decode("utf-8")
            except UnicodeDecodeError:
                pass
            else:
                # UTF-8 Chinese up to the last bytes, cut inside a character: a copy or download stopped short (review FW B1)
                raise ScoringError(f"{path}: 文件在一个字的中间结束，内容不完整（复制、下载或保存被中断？）：请重新获取完整的文件") from None
    else:
        if garbled(text):
            raise ScoringError(f"{path}: 文件中的中文是乱码（UTF-8 文字被当作西文编码读入后又存了一次），无法读取："
                               "请用原文件重新导出，或在编辑器中按 UTF-8 重新打开后另存") from None
        return text
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        raise ScoringError(f"{path}: 文件既不是 UTF-8 也不是 GBK 编码，无法读取") from None


# How a Chinese character's UTF-8 bytes read in a Western code page: its first byte (E4–E9, "ä".."é")
# before a continuation byte (80–BF: Latin-1 controls and signs, or the letters cp1252 puts there).
_MOJIBAKE = re.compile("[\u00e4-\u00e9][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]")


def garbled(text: str) -> bool:
    """Whether ``text`` is UTF-8 Chinese read as Latin-1 or cp1252 and saved again (review ES B4):
    it reads back as Chinese, which a text holding any real Chinese character never would."""
    if not _MOJIBAKE.search(text):
        return False
    for code_page in ("latin-1", "cp1252"):
        try:
            again = text.encode(code_page).decode("utf-8")
        except UnicodeError:
            continue
        if any("\u4e00" <= ch <= "\u9fff" for ch in again):
            return True
    return False


def read_toml(path: Path, raw: bytes | None = None, json_too: bool = True) -> dict:
    """Read a TOML file (or its bytes, already read) with exact decimals; syntax errors name the
    file and line.  ``json_too``: the file might have been JSON (a case file), so JSON in it is told
    to change its name; a rule file is TOML only."""
    if raw is None:
        try:
            raw = read_limited(path)
        except OSError as exc:
            raise ScoringError(f"{path}: 无法读取文件（{describe(exc)}）") from None
    text = decode_text(raw, path)
    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        if text.lstrip().startswith("{") and _is_json(text):
            advice = "请把扩展名改为 .json" if json_too and path.suffix.lower() != ".json" else "规则文件须用 TOML 格式书写"
            raise ScoringError(f"{path}: 文件内容是 JSON 格式，不是 TOML：{advice}") from None
        raise ScoringError(f"{path}: TOML 格式错误：{toml_problem(str(exc), text)}") from None
    except RecursionError:
        raise ScoringError(f"{path}: TOML 嵌套过深，无法读取") from None
    except ValueError as exc:  # e.g. an integer of thousands of digits
        raise ScoringError(f"{path}: {_huge_number(text) or f'TOML 中有无法读取的值（{str(exc)[:120]}）'}") from None
    if _too_deep(data):
        # dotted keys ("[a.a.a…]") nest tables without the parser recursing, but every later step recurses (review FW A4)
        raise ScoringError(f"{path}: TOML 嵌套过深（超过 {MAX_NESTING} 层），无法读取")
    return data


def _huge_number(text: str) -> str | None:
    """The line of a number Python refuses to read (an integer of more than 4300 digits; its own
    message is English and names a setting), said in Chinese; None when there is none."""
    for number, line in enumerate(text.splitlines(), 1):
        longest = max((len(run) for run in re.findall(r"\d+", line)), default=0)
        if longest > 4300:
            return f"第 {number} 行的数字有 {longest} 位，不是可信的数字，无法读取"
    return None


# tomllib's messages in the words of the people who type case files by hand (the key's or the
# table's name, where tomllib gives one, is kept as it is)
_TOML_MESSAGES = (
    ("Cannot overwrite a value", "同一个键写了两次"),
    ("Escaped character is not a Unicode scalar value", "转义字符无效"),
    ("Expected '=' after a key in a key/value pair", "键的后面应是英文等号“=”"),
    ("Expected ']' at the end of a table declaration", "表名的末尾缺少“]”"),
    ("Expected ']]' at the end of an array declaration", "表名的末尾缺少“]]”"),
    ("Expected newline or end of document after a statement", "一行只能写一项，这一项的后面应换行"),
    ("Invalid date or datetime", "日期无效（应写成 2025-03-31）"),
    ("Invalid hex value", "十六进制转义无效"),
    ("Invalid initial character for a key part", "键名以无效的字符开头"),
    ("Invalid statement", "无法识别的内容（应为“键 = 值”或“[表名]”）"),
    ("Invalid value", "值无效（文字须用英文双引号括起，如 \"某局\"）"),
    ("Unclosed array", "列表缺少结尾的“]”"),
    ("Unclosed inline table", "花括号缺少结尾的“}”"),
    ("Unescaped '\\' in a string", "文字中的反斜杠“\\”须写成“\\\\”"),
    ("Unterminated string", "文字缺少结尾的英文引号"),
    ("Cannot declare", "表重复定义"),
    ("Duplicate inline table key", "花括号中同一个键写了两次"),
    ("Illegal character", "非法字符"),
    ("Found invalid character", "无效的字符"),
)
# Punctuation a Chinese input method types where TOML needs its ASCII form: the commonest cause of
# a hand-typed case file that will not read
FULL_WIDTH = {"“": '"', "”": '"', "‘": "'", "’": "'", "，": ",", "：": ":", "；": ";", "＝": "=", "（": "(", "）": ")",
               "【": "[", "】": "]", "［": "[", "］": "]", "｛": "{", "｝": "}", "。": ".", "　": " "}


def toml_problem(message: str, text: str) -> str:
    """A tomllib error in Chinese, with its line and column, and the full-width punctuation on that
    line named when there is some ("第 5 行有中文引号“，请改为英文引号\"")."""
    place = re.search(r"\(at line (\d+), column (\d+)\)", message)
    said = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", message)
    for english, chinese in _TOML_MESSAGES:
        if said.startswith(english):
            said = chinese + said[len(english):]
            break
    said = re.sub(r"^表重复定义 \((.*?),?\) twice$", lambda m: f"表“[{'.'.join(p.strip(chr(39)) for p in m[1].split(', '))}]”重复定义", said)
    if place is None:
        if "end of document" not in message:
            return said
        # what fails at the very end is most often a file that stops mid-value (["产出指标",): the
        # file did not arrive whole, whatever tomllib says of the value (review BZ B2)
        # (not a string left open: "文字缺少结尾的英文引号" says that better, review CA C3)
        if text.rstrip() and text.rstrip()[-1] in ",[{=\"'" and not message.startswith("Unterminated string"):
            return "文件在末尾中断（未写完、未保存完整或传输不全？）：最后一行没有写完"
        return f"{said}（在文件末尾）"
    line_no, column = int(place[1]), int(place[2])
    lines = text.splitlines()
    line = lines[line_no - 1] if 0 < line_no <= len(lines) else ""
    if said == "同一个键写了两次" and "=" in line:
        said = f"同一个键“{line.split('=', 1)[0].strip()}”写了两次"  # tomllib does not say which
    key = line.split("=", 1)[0].strip() if "=" in line else ""
    if said.startswith(("无法识别的内容", "键名以无效的字符开头")) and key and not _BARE_KEY.fullmatch(key) \
            and not key.startswith(('"', "'", "[")) and not any(ch in FULL_WIDTH for ch in key):
        # a claim keyed by its printed name ("预算执行率 = …"): a key of other characters is quoted (review ES B6)
        # a dotted key ("claims.预算执行率"): each part of other characters quoted alone (review EU B2)
        quoted = ".".join(part if _BARE_KEY.fullmatch(part) else f'"{part}"' for part in (p.strip() for p in key.split(".")))
        said = f"键名“{key}”含英文字母、数字、“_”“-”以外的字符，须用英文双引号括起：{quoted} = …"
    return f"{said}（第 {line_no} 行第 {column} 列）{_punctuation(text, line_no)}"


# A key TOML reads without quotes (dotted keys are parts of such keys).
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+(?:\s*\.\s*[A-Za-z0-9_-]+)*")


def _punctuation(text: str, line_no: int) -> str:
    """The full-width punctuation on a line, with what to type instead ("" when there is none)."""
    lines = text.splitlines()
    line = lines[line_no - 1] if 0 < line_no <= len(lines) else ""
    # text inside well-formed quotes is the file's to hold ("“两新”组织"): only punctuation outside
    # them is a slip of the input method
    line = re.sub(r'"(?:[^"\\]|\\.)*"|\'[^\']*\'', "", line)
    marks = [ch for ch in dict.fromkeys(line) if ch in FULL_WIDTH]
    if not marks:
        return ""
    return "；第 {} 行有中文标点 {}，请改用英文标点 {}".format(line_no, "".join(marks), " ".join(FULL_WIDTH[ch].strip() or "空格" for ch in marks))


_JSON_MESSAGES = (
    ("Expecting value", "此处应为一个值（文字须用英文双引号括起）"),
    ("Expecting property name enclosed in double quotes", "键名须用英文双引号括起"),
    ("Expecting ',' delimiter", "缺少英文逗号“,”"),
    ("Expecting ':' delimiter", "键名后缺少英文冒号“:”"),
    ("Unterminated string", "文字缺少结尾的英文引号"),
    ("Extra data", "内容结束后还有多余的内容"),
    ("Invalid control character", "文字中有控制字符"),
    ("Invalid \\escape", "无效的转义字符"),
)


def read_json(path: Path) -> dict:
    """Read a JSON case with exact decimals; syntax errors name the file, line and column."""
    try:
        raw = read_limited(path)
    except OSError as exc:
        raise ScoringError(f"{path}: 无法读取文件（{describe(exc)}）") from None
    text = decode_text(raw, path)
    if not text.strip():
        raise ScoringError(f"{path}: 文件是空的（没有任何内容）：未写完或未保存？")
    try:
        data = json.loads(text, parse_float=Decimal, object_pairs_hook=_no_duplicate_keys)
    except json.JSONDecodeError as exc:
        if _is_toml(text):  # a TOML case saved under a .json name: its punctuation is not what is wrong (review BZ B1)
            raise ScoringError(f"{path}: 文件内容是 TOML 格式，不是 JSON：请把扩展名改为 .toml") from None
        if exc.pos >= len(text.rstrip()):
            # the text stops where a value or a bracket is still owed: cut off, not mistyped (review FW B2)
            lines = text.rstrip().count("\n") + 1
            raise ScoringError(f"{path}: 文件在第 {lines} 行后意外结束，内容不完整（未写完、未保存或传输被中断？）") from None
        said = next((chinese for english, chinese in _JSON_MESSAGES if exc.msg.startswith(english)), exc.msg)
        raise ScoringError(f"{path}: JSON 格式错误：第 {exc.lineno} 行第 {exc.colno} 列：{said}{_punctuation(text, exc.lineno)}") from None
    except RecursionError:
        raise ScoringError(f"{path}: JSON 嵌套过深，无法读取") from None
    except ValueError as exc:  # e.g. an integer of thousands of digits, or a key given twice
        raise ScoringError(f"{path}: {_huge_number(text) or f'JSON 格式错误：{exc}'}") from None
    try:
        # a lone surrogate ("\ud800") is valid JSON but no text: it would fail every output later
        json.dumps(data, ensure_ascii=False, default=str).encode("utf-8")
    except UnicodeEncodeError:
        raise ScoringError(f"{path}: JSON 中含有无效的字符（孤立的代理码点，如 \\ud800）") from None
    except RecursionError:
        raise ScoringError(f"{path}: JSON 嵌套过深，无法读取") from None
    if _too_deep(data):
        raise ScoringError(f"{path}: JSON 嵌套过深（超过 {MAX_NESTING} 层），无法读取")
    if not isinstance(data, dict):
        raise ScoringError(f"{path}: JSON 顶层应为对象")
    return data


# Tables and lists inside one another: a case or rule file needs a handful of levels; past this, no
# file is one, and printing or validating it would run out of stack (review FW A4).
MAX_NESTING = 100


def _too_deep(data: object) -> bool:
    """Whether ``data`` nests tables or lists more than `MAX_NESTING` levels deep (walked without recursion)."""
    stack = [(data, 0)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            children = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        if depth >= MAX_NESTING:
            return True
        stack.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))
    return False


def _is_json(text: str) -> bool:
    try:
        return isinstance(json.loads(text), dict)
    except (ValueError, RecursionError):
        return False


def _is_toml(text: str) -> bool:
    """Whether text that is no JSON is a whole TOML document with a table in it."""
    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError, ValueError):
        return False
    return any(isinstance(v, (dict, list)) for v in data.values())


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict:
    # TOML refuses a repeated key; JSON silently keeps the last one, which would hide a typo.
    out: dict = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"键“{key}”重复")
        out[key] = value
    return out
