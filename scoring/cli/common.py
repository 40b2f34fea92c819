"""What every command shares: loading the rule library, choosing a rule set, refusing with a
message and exit code 2, checking and writing output files, and standard output for spreadsheets.

Nothing here imports typer: `score`, `diff` and `explain` in their common forms run without the
parser (`cli.direct`), and these helpers with them.  The options the commands share are in `cli.options`.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn, Optional, TextIO

# The exit code of a command interrupted with Ctrl-C ("已中断").
INTERRUPTED = 130


def output_lost(exc: OSError) -> int:
    """Say that the output could not be written (``exc``: a full disk, a device gone) and send what
    is left of stdout's buffer nowhere, so that exiting does not fail on it again; exit code 1."""
    from ..files.os_errors import describe

    drop_output()
    sys.stderr.write(f"错误：无法写出结果（{describe(exc)}）\n")
    return 1


def drop_output() -> None:
    """Point stdout at nothing: what is left in its buffer is never written."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def say(message: str) -> None:
    """One line for the person at the terminal, on stderr (progress notes, warnings, errors)."""
    sys.stderr.write(f"{message}\n")
    sys.stderr.flush()


def fail(message: str, code: int = 2) -> NoReturn:
    """Say what is wrong on stderr and stop with ``code`` (2: the input or the command line cannot be used)."""
    say(f"错误：{message}")
    raise SystemExit(code)


def load_library(rules_dir: Optional[Path], every_file: bool = False):
    """The rule library of ``rules_dir`` (default: the shipped rule files); an unusable folder stops
    with exit code 2, and each rule file that cannot be used is named on stderr.  ``every_file``: every
    file read now (`load_rule_dir`), for a command that shows every rule set."""
    from ..errors import ScoringError
    from ..rules.library import load_rule_dir

    try:
        library = load_rule_dir(rules_dir, read_every_file=every_file, compiling=say_compiling)
    except ScoringError as exc:
        fail(str(exc))
    for failure in library.failures:
        say(f"警告：规则文件无法使用，已跳过：{failure}")
    for problem in library.ledger_problems:
        say(f"警告：已发布版本登记有误：{problem}")
    return library


def say_compiling(count: int) -> None:
    """Say, to a person at a terminal, why the command waits: a first run compiles every rule file (12 s for the
    shipped ones), and a command silent that long looks hung."""
    if sys.stderr.isatty():
        say(f"正在编译 {count} 个规则文件（首次使用、规则文件更新或缓存清除后需要，约需数秒至十余秒；此后从缓存读取）……")


def find_rule_set(library, ref: str):
    """The rule set ``ref`` (id or id@version) names, or stop with exit code 2."""
    from ..errors import ScoringError

    try:
        return library.find(ref)
    except ScoringError as exc:
        fail(str(exc))


def output_format(given: Optional[str], out: Optional[Path], available: tuple[str, ...], default: str = "table") -> str:
    """The format to write: ``given`` (any case), else the one ``out``'s extension implies, else
    ``default``.  A format that is not available, or that contradicts the extension, is refused."""
    name = given.strip().lower() if given is not None else None
    if name is not None and name not in available:
        fail(f"未知的输出格式 {given}；可用：{'、'.join(available)}")
    from ..output.formats import implied_by

    suffix = out.suffix.lower() if out is not None else ""
    implied = implied_by(suffix) if suffix else None
    if implied is not None and name is not None and implied != name:
        # advise only a format this command writes ("--format toml" is import's, not diff's: review CG C10)
        from ..output.formats import FORMATS

        advice = (f"请改用 --format {implied}，或换一个扩展名" if implied in available
                  else f"请把输出文件的扩展名改为 {FORMATS[name].extensions[0]}" if FORMATS[name].extensions else "请换一个扩展名")
        fail(f"输出格式 {name} 与输出文件 {out} 的扩展名 {suffix} 矛盾；{advice}")
    if implied is not None and implied not in available:
        fail(f"输出文件 {out} 的扩展名 {suffix} 表示 {implied} 格式，这里不能写出；可用：{'、'.join(available)}")
    if implied is None and name is None and suffix not in _PLAIN_TEXT_SUFFIXES:
        # "--out 复核.pdf": no format writes that, and a text table under that name is no PDF
        fail(f"无法从输出文件 {out} 的扩展名 {suffix} 判断要写的格式；请用 --format 指定（可用：{'、'.join(available)}），或换一个扩展名")
    return name or implied or default


# Output names whose text any format's plain table suits when no --format is given
_PLAIN_TEXT_SUFFIXES = ("", ".txt", ".text", ".log", ".out")


def write_file(out: Path, data: bytes) -> None:
    """Write one output file by the output rules (scoring/files/writing.py), or stop with exit code 2."""
    from ..errors import ScoringError
    from ..files.writing import write_output

    try:
        write_output(out, data)
    except ScoringError as exc:
        fail(str(exc))


def check_outputs(outputs: list[Optional[Path]], inputs: list[Path]) -> None:
    """Before any work: every output can be written and none of them is an input."""
    given = [o for o in outputs if o is not None]
    if not given:
        return  # printing only: nothing to check, and the writer's modules need not load
    from ..errors import ScoringError
    from ..files.writing import check_not_input, check_output

    try:
        for out in given:
            check_output(out)
            check_not_input(out, inputs)
        for i, out in enumerate(given):
            check_not_input(out, given[:i])
    except ScoringError as exc:
        fail(str(exc))


@contextmanager
def utf8_stdout() -> Iterator[TextIO]:
    """Standard output as UTF-8 text with no newline translation, for CSV: the bytes are the same
    whether they go to a file, a pipe or a console, whatever the system's code page."""
    import io

    sys.stdout.flush()
    # escaped where UTF-8 cannot hold it, as in an output file (`files.writing.Staged`)
    stream = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", errors="backslashreplace", newline="", write_through=True)
    try:
        yield stream
    finally:
        stream.flush()
        stream.detach()  # leaves sys.stdout's buffer open
