"""The command line, `scoring` (also `python -m scoring`).

`main` runs a plain `score`, `diff` or `explain` without loading the parser (`direct`); every
other command line goes to the typer application (`application.app`), which
`from scoring.cli import app` gives.
"""

from __future__ import annotations

import codecs
import sys


def main() -> None:
    """Console entry point: parser messages, help and Ctrl-C in Chinese (`cli.chinese`).
    One program name however it is started (`scoring`, `python -m scoring`), so that shell
    completion is installed for, and answers to, the command people type."""
    _speak_chinese()
    try:
        from . import direct

        direct.run(sys.argv[1:])  # exits when it ran the command
        from .application import app
        from .chinese import run

        run(app, prog_name="scoring")
    except Exception:  # a defect of the tool, not a verdict: never exit 1, an over-claim's code
        import traceback

        traceback.print_exc()
        print("错误：程序内部错误（本工具的缺陷，不是对本表的判断），请将以上信息报告给维护人员", file=sys.stderr)
        sys.exit(INTERNAL_ERROR)


INTERNAL_ERROR = 3  # exit code of an unexpected exception: README "Exit codes of `diff`"


def _speak_chinese() -> None:
    """Write UTF-8 where the output's encoding cannot write Chinese (an English Windows' cp1252
    when redirected to a file, PYTHONIOENCODING=ascii): every report is Chinese, and such a stream
    would stop it at the first character.  An encoding that can (UTF-8) is kept, and GBK on stdout
    widened to GB18030, its superset; an encoding whose errors the user chose
    ("ascii:backslashreplace") is kept as it is; stderr keeps its own handler."""
    for stream in (sys.stdout, sys.stderr):
        encoding, errors = getattr(stream, "encoding", None), getattr(stream, "errors", None)
        if stream is sys.stdout and errors not in ("strict", "surrogateescape"):  # a C locale's is surrogateescape
            continue
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None:
            continue
        try:
            "预算绩效自评".encode(encoding or "utf-8")
        except (UnicodeEncodeError, LookupError):
            reconfigure(encoding="utf-8", errors=errors)  # without errors, reconfigure makes it strict
            continue
        # GBK (a Chinese Windows' code page, redirected) lacks characters real sheets print (m², ☑,
        # •) and would stop the report there; GB18030 writes every GBK character as GBK does, and
        # the rest too.  Messages on stderr never stop (backslashreplace): there a GBK reader is
        # better served by "\u2022" than by GB18030's bytes for it
        if stream is sys.stdout and codecs.lookup(encoding or "utf-8").name in ("gbk", "gb2312"):
            reconfigure(encoding="gb18030", errors=errors)


def __getattr__(name: str) -> object:
    # The typer application loads on first use, not with every `scoring diff`.
    if name == "app":
        from .application import app

        return app
    raise AttributeError(f"module 'scoring.cli' has no attribute {name!r}")
