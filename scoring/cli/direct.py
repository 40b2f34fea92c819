"""`scoring score`, `diff` and `explain` in their common forms, run without the command-line parser.

Loading typer (and the click and pydantic type adapters it builds every option with) costs more
than scoring a case; someone running `scoring diff case.toml` waits for it on every call.  So
`main` first offers the arguments here: a command line made only of `score`, `diff` or
`explain`, its arguments (the case file; for `explain`, an indicator) and that command's own
options, each with a plain value (``--format json``, ``-f json``, ``--format=json``), runs
`cli.reviewing` directly.  Anything else — help, completion, a typo, an option given oddly, an
empty argument, a path the parser would refuse — is left to the parser, so every message and
exit code reads exactly as it does through typer.
"""

from __future__ import annotations

import gc
import os
import stat
import sys
from pathlib import Path
from typing import NoReturn

# The options of each command (cli/review.py) and the keyword each fills; how many arguments it takes.
_REVIEW = {"--rules-dir": "rules_dir", "--rules": "rules"}
_OPTIONS = {
    "score": {**_REVIEW, "--format": "format", "-f": "format", "--out": "out", "-o": "out", "--expect-hash": "expect_hash"},
    "explain": _REVIEW,
}
_OPTIONS["diff"] = _OPTIONS["score"]
_ARGUMENTS = {"score": (1, 1), "diff": (1, 1), "explain": (1, 2)}  # the case; for explain, an indicator
_PATHS = ("rules_dir", "out")


def parse(args: list[str]) -> dict | None:
    """The command and keyword arguments of a plain `score`, `diff` or `explain` command line, or
    None when the parser must read it."""
    if not args or args[0] not in _OPTIONS or os.environ.get("_SCORING_COMPLETE"):
        return None
    if os.name == "nt" and any(c in a for a in args for c in "*?["):
        return None  # click expands wildcards on Windows
    command, known = args[0], _OPTIONS[args[0]]
    options: dict = {"expect_hash": []} if "--expect-hash" in known else {}
    arguments: list[str] = []
    tokens = iter(args[1:])
    for token in tokens:
        if not token.startswith("-"):
            if not token:
                return None  # an empty argument: whatever the parser makes of it
            arguments.append(token)
            continue
        name, equals, value = token.partition("=")
        key = known.get(name)
        if key is None or (equals and not name.startswith("--")):
            return None
        if not equals:
            value = next(tokens, None)
        if not value or value.startswith("-"):
            return None
        if key == "expect_hash":
            options[key].append(value)
        else:
            options[key] = value  # given twice: the last one counts, as with the parser
    fewest, most = _ARGUMENTS[command]
    if not fewest <= len(arguments) <= most or not _plain_path(arguments[0], directory=False):
        return None
    for key in _PATHS:
        if key in options:
            if not _plain_path(options[key], directory=key == "rules_dir"):
                return None
            options[key] = Path(options[key])
    if command == "explain":
        return {"command": command, "case": Path(arguments[0]), "indicator": arguments[1] if len(arguments) > 1 else None, **options}
    return {"command": command, "view": command, "case": Path(arguments[0]), **options}


def _plain_path(value: str, directory: bool) -> bool:
    """Whether the parser takes ``value`` as it is: missing, or readable (and, for a folder
    option, not a file)."""
    try:
        st = os.stat(value)
    except OSError:
        return True
    except ValueError:  # e.g. a NUL byte
        return False
    if directory and stat.S_ISREG(st.st_mode):
        return False
    return os.access(value, os.R_OK)


def run(args: list[str]) -> None:
    """Run a plain `score`, `diff` or `explain` command line and exit; return without doing
    anything when the parser must read it."""
    parsed = parse(args)
    if parsed is None:
        return
    from .common import INTERRUPTED, drop_output, output_lost

    command = parsed.pop("command")
    try:
        # The modules a command imports live until it exits: the collector's passes over them while
        # they are made find nothing to free, and cost a tenth of a `scoring diff`.  So they are
        # imported with it off, and frozen out of its sight; what the work makes is collected as usual.
        gc.disable()
        try:
            from .reviewing import explain_case, preload, score_or_diff

            preload()
        finally:
            gc.freeze()
            gc.enable()
        code = explain_case(**parsed) if command == "explain" else score_or_diff(**parsed)
        _flush()
    except KeyboardInterrupt:
        sys.stderr.write("已中断\n")
        code = INTERRUPTED
    except BrokenPipeError:
        # the reader of the output went away (`scoring diff … | head`): as the parser does, exit 1
        # without a traceback, and without another error when Python flushes stdout on exit
        drop_output()
        code = 1
    except OSError as exc:
        if exc.filename is not None:
            raise  # not the output: a file the command itself should have reported
        code = output_lost(exc)  # a full disk, a device gone: said, and exit 1
    _leave(code)


def _flush() -> None:
    """Write out what the command printed (a reader gone away raises BrokenPipeError here); a
    stream closed before the command started (``2>&-``: None) has nothing to write."""
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            stream.flush()


def _leave(code: int) -> NoReturn:
    """Exit with ``code`` without tearing the interpreter down.

    Everything the command wrote is flushed (`_flush`) and its files are closed; what is left is
    freeing every object of every module one by one, which costs a `scoring diff` a tenth of its
    time and does nothing a person can see.  Exit handlers still run, as at a normal exit.  Where
    what they wrote cannot be flushed, the interpreter's own exit reports it."""
    import atexit

    atexit._run_exitfuncs()  # what sys.exit would run first
    try:
        _flush()
    except (OSError, ValueError):
        sys.exit(code)
    os._exit(code)
