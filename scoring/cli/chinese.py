"""The command line's own words in Chinese: usage lines, help headings, parser errors, Ctrl-C.

typer (and the click it builds on) prints English: "Usage:", "Options:", "Missing argument",
"No such option", "Invalid value for …", "Try … for help", "Show this message and exit.".  Two
hooks replace them, neither depending on the English wording of a particular release:

* help is written through a help formatter that writes the usage prefix, the section headings,
  the type placeholders and the bracketed notes ([default: …], [required]) in Chinese;
* errors are not printed by click: `run` calls the app in non-standalone mode and words each
  error from its class and fields (which parameter is missing, which option is unknown, which
  pydantic error a value raised), falling back to a table of click's messages.

`run` also turns Ctrl-C into one line, "已中断", and exit code 130.
"""

from __future__ import annotations

import errno
import re
import sys
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

from .common import INTERRUPTED, drop_output, output_lost

try:  # typer ≥ 0.22 carries its own copy of click
    from typer._click import exceptions as click_errors
except ImportError:  # pragma: no cover - older typer on the real click
    from click import exceptions as click_errors

# The errors of writing the output, not of any file a command names
_OUTPUT_LOST = {errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EFBIG}
_HEADINGS = {"Arguments": "参数", "Options": "选项", "Commands": "命令", "Usage": "用法"}
_PLACEHOLDERS = {
    "str": "文本", "text": "文本", "int": "整数", "integer": "整数", "float": "数", "bool": "是/否",
    "path": "路径", "file": "文件", "dir": "目录", "directory": "目录",
    "int range": "整数", "integer range": "整数", "float range": "数",
    "list[Path]": "路径…", "list[path]": "路径…", "list[str]": "文本…", "list[int]": "整数…",
}
_USAGE_WORDS = {"[OPTIONS]": "[选项]", "COMMAND": "命令", "[ARGS]...": "[参数]..."}
_NOTES = (
    (re.compile(r"^default: (.*)$", re.S), r"默认：\1"),
    (re.compile(r"^required$"), "必填"),
    (re.compile(r"^env var: (.*)$", re.S), r"环境变量：\1"),
)
_HELP_TEXTS = {
    "Show this message and exit.": "显示此帮助并退出。",
    # typer's options for shell completion (add_completion=True)
    "Install completion for the current shell.": "为当前 shell 安装命令补全。",
    "Show completion for the current shell, to copy it or customize the installation.": "显示当前 shell 的命令补全脚本，可复制或自行安装。",
}
# click's messages, for errors that carry no structured fields; the rest are worded from fields.
_MESSAGES = (
    (re.compile(r"^Got unexpected extra arguments?(?:\(s\))? \((.*)\)$", re.S), "多余的参数：{0}"),
    (re.compile(r"^No such command '(.*)'\.$", re.S), "没有命令“{0}”"),
    (re.compile(r"^Missing command\.$"), "缺少命令"),
    (re.compile(r"^Option '(.*)' requires an argument\.$"), "选项 {0} 需要一个值"),
    (re.compile(r"^Option '(.*)' requires (\d+) arguments\.$"), "选项 {0} 需要 {1} 个值"),
    (re.compile(r"^Option '(.*)' does not take a value\.$"), "选项 {0} 不接受值"),
    (re.compile(r"^Argument '(.*)' takes (\d+) values\.$"), "参数 {0} 需要 {1} 个值"),
    (re.compile(r"^No such option: (.*)$"), "没有选项 {0}"),
    (re.compile(r"^\w+ '(.*)' does not exist\.$", re.I), "{0} 不存在"),
    (re.compile(r"^\w+ '(.*)' is a file\.$", re.I), "{0} 是文件，应为目录"),
    (re.compile(r"^\w+ '(.*)' is a directory\.$", re.I), "{0} 是目录，应为文件"),
    (re.compile(r"^\w+ '(.*)' is not readable\.$", re.I), "{0} 不可读（权限不足）"),
    (re.compile(r"^\w+ '(.*)' is not writable\.$", re.I), "{0} 不可写（权限不足）"),
    (re.compile(r"^'?(.*?)'? is not a valid (?:integer|int)\.?$"), "“{0}”不是整数"),
    (re.compile(r"^'?(.*?)'? is not a valid (?:float|number)\.?$"), "“{0}”不是数字"),
    (re.compile(r"^'?(.*?)'? is not one of (.*)\.$"), "“{0}”不是可选值之一：{1}"),
    (re.compile(r"^Value '(.*)' is not a valid (.*)\.$"), "“{0}”不是有效的{1}"),
    (re.compile(r"^Value must be an iterable\.$"), "应为多个值"),
)


def _translate_placeholders(text: str) -> str:
    return re.sub(r"<([^<>]+)>", lambda m: f"<{_PLACEHOLDERS.get(m.group(1), m.group(1))}>", text)


def _translate_notes(text: str) -> str:
    text = _HELP_TEXTS.get(text, text)
    match = re.search(r"\[([^\[\]]*)\]\s*$", text)
    if not match:
        return text
    notes = []
    for note in match.group(1).split("; "):
        for pattern, replacement in _NOTES:
            if pattern.match(note):
                note = pattern.sub(replacement, note)
                break
        notes.append(note)
    return text[: match.start()] + "[" + "；".join(notes) + "]"


def _formatter_class(base: type) -> type:
    class ChineseHelpFormatter(base):
        """click's help formatter, writing its own words in Chinese."""

        def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
            for english, chinese in _USAGE_WORDS.items():
                args = args.replace(english, chinese)
            super().write_usage(prog, args, prefix="用法：" if prefix is None else prefix)

        def write_heading(self, heading: str) -> None:
            self.write(f"{'':>{self.current_indent}}{_HEADINGS.get(heading, heading)}：\n")

        def write_dl(self, rows, *args: Any, **kwargs: Any) -> None:
            rows = [(_translate_placeholders(term), _translate_notes(text)) for term, text in rows]
            super().write_dl(rows, *args, **kwargs)

    return ChineseHelpFormatter


_BaseContext = TyperCommand.context_class


class ChineseContext(_BaseContext):
    """A context whose help formatter writes Chinese."""

    formatter_class = _formatter_class(_BaseContext.formatter_class)


class ChineseCommand(TyperCommand):
    context_class = ChineseContext

    def get_short_help_str(self, limit: int = 45) -> str:
        """The command's line in a group's list: its help's first sentence whole.  click cuts a
        longer one at a space, which Chinese has only beside Latin words ("生成某规则集的 Excel...")."""
        if self.short_help or not self.help:
            return super().get_short_help_str(limit)
        first = self.help.strip().split("\n\n")[0].replace("\n", "")
        return first.split("。")[0] + "。" if "。" in first else first


class ChineseGroup(TyperGroup):
    context_class = ChineseContext


class App(typer.Typer):
    """A typer app whose groups and commands speak Chinese (see module docstring)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("cls", ChineseGroup)
        super().__init__(**kwargs)

    def command(self, *args: Any, **kwargs: Any):
        kwargs.setdefault("cls", ChineseCommand)
        return super().command(*args, **kwargs)


def _message(text: str) -> str:
    for pattern, template in _MESSAGES:
        match = pattern.match(text)
        if match:
            return template.format(*match.groups())
    return text


def _hint(exc: Any) -> str:
    hint = getattr(exc, "param_hint", None)
    param = getattr(exc, "param", None)
    if hint is None and param is not None:
        try:
            hint = param.get_error_hint(exc.ctx)
        except TypeError:  # typer's parameters take no context
            hint = param.get_error_hint()
    if hint is None:
        return ""
    if not isinstance(hint, str):
        hint = " / ".join(hint)
    return hint.replace("'", "")


def usage_error_message(exc: Any) -> str:
    """The Chinese message of a click usage error, worded from its fields where it has them."""
    if isinstance(exc, click_errors.MissingParameter):
        kind = {"option": "选项"}.get(exc.param_type or getattr(exc.param, "param_type_name", ""), "参数")
        return f"缺少{kind} {_hint(exc)}".rstrip()
    if isinstance(exc, click_errors.NoSuchOption):
        text = f"没有选项 {exc.option_name}"
        if exc.possibilities:
            text += f"（是否想用 {'、'.join(sorted(exc.possibilities))}？）"
        return text
    if isinstance(exc, click_errors.BadParameter):
        cause = exc.__cause__
        if cause is not None and hasattr(cause, "errors"):
            from ..problems import error_message

            errors = cause.errors()
            detail = error_message(errors[0]) if errors else _message(exc.message)
        else:
            detail = _message(exc.message)
        hint = _hint(exc)
        return f"{hint} 的值无效：{detail}" if hint else f"值无效：{detail}"
    return _message(exc.message)


def _show_usage_error(exc: Any) -> None:
    ctx = exc.ctx
    if isinstance(exc, getattr(click_errors, "NoArgsIsHelpError", ())):
        typer.echo(ctx.get_help(), err=True)
        return
    if ctx is not None:
        typer.echo(ctx.get_usage(), err=True)
        if ctx.command.get_help_option(ctx) is not None:
            typer.echo(f"运行“{ctx.command_path} {ctx.help_option_names[0]}”查看帮助。", err=True)
        typer.echo("", err=True)
    typer.echo(f"错误：{usage_error_message(exc)}", err=True)


def run(app: typer.Typer, prog_name: str | None = None) -> None:
    """Run ``app`` as the console command, with every word of its own in Chinese; exits."""
    try:
        code = app(standalone_mode=False, prog_name=prog_name)
        if sys.stdout is not None:
            sys.stdout.flush()  # here, where a full disk is said, not at exit, where it is a traceback
    except BrokenPipeError:
        drop_output()  # the reader went away: exit 1, as click does while the command runs
        code = 1
    except KeyboardInterrupt:
        code = INTERRUPTED
    except click_errors.UsageError as exc:
        _show_usage_error(exc)
        code = exc.exit_code
    except typer.Abort:
        code = INTERRUPTED
    except click_errors.ClickException as exc:  # e.g. a file click itself failed to open
        typer.echo(f"错误：{_message(exc.format_message())}", err=True)
        code = exc.exit_code
    except OSError as exc:
        # the output cannot be written (`… > file` on a full disk): said in one line, as on the
        # direct path; any other system error is a file a command should have reported by name
        if exc.filename is not None or exc.errno not in _OUTPUT_LOST:
            raise
        code = output_lost(exc)
    if code == INTERRUPTED:
        # typer turns Ctrl-C into exit code 130; no command of ours exits with it otherwise
        typer.echo("已中断", err=True)
    sys.exit(code if isinstance(code, int) else 0)
