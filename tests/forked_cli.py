"""The real CLI in a process of its own, without paying for its imports every time.

Most of the suite's time went to starting `python -m scoring` some 500 times: each start imports
pydantic, the engine and the typer application (~0.3 s) before doing a few milliseconds of work.
Here one helper process per test worker imports them once and, for every command line, forks: the
child takes the environment, the working directory and the arguments it is given, writes its
output to files and exits with the command's exit code — a process of its own that has done
nothing but imports, those a fresh one does first and the rule compiler's (which a fresh one
imports only where it compiles: tests/test_cli_direct.py checks in fresh processes what a
command imports).  Nothing runs in the test process itself.

`run` is the client (conftest.run_cli); started as a script, this module is the server.  A test
that must see a process start from nothing (its imports, `python -m`) runs one itself.
"""

from __future__ import annotations

import atexit
import gc
import io
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# what `python -m scoring diff` and the typer application import before they work; and the rule compiler, which a
# command imports when it finds a rule file its cache does not hold (0.24 s): most of the suite's command lines run on
# a test's copy of the rules with a file changed.  Also what the commands run through typer import as they start
# (the batch, the rule commands, and typer's parsing of options: from typer 0.29 on, through pydantic's TypeAdapter),
# 0.17 s of a forked batch of one file's 0.47 s; and the workbook modules (openpyxl), 0.12 s of a forked diff of a
# workbook's 0.4 s
PRELOAD = ("scoring.cli", "scoring.cli.direct", "scoring.cli.reviewing", "scoring.cli.application", "scoring.engine.engine",
           "scoring.review.pipeline", "scoring.output.text", "scoring.output.formats", "scoring.cases.load", "scoring.rules.library",
           "scoring.rules.compiler", "scoring.batch.run", "scoring.cli.progress", "scoring.formulas", "scoring.rules.golden",
           "typer._adapters", "scoring.excel.importer", "scoring.excel.export", "scoring.files.writing")


class _Server:
    """The helper process of this test worker, started on first use."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, __file__], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8", cwd=ROOT,
        )
        self.lock = threading.Lock()

    def ask(self, request: dict) -> dict:
        with self.lock:
            self.process.stdin.write(json.dumps(request, ensure_ascii=False) + "\n")
            self.process.stdin.flush()
            line = self.process.stdout.readline()
        if not line:
            raise RuntimeError("the CLI's helper process ended")
        return json.loads(line)


_server: _Server | None = None


def _startup(env: dict[str, str]) -> dict[str, str]:
    """What of an environment the interpreter itself reads at start-up, before any import: every
    PYTHON… variable (PYTHONPATH, PYTHONIOENCODING, PYTHONOPTIMIZE …) and the locale."""
    return {k: v for k, v in env.items() if k.startswith("PYTHON") or k in ("LANG", "LANGUAGE") or k.startswith("LC_")}


# the helper starts with the test process's environment as it is when the first command line runs
_started_with: dict[str, str] | None = None


def forkable(env: dict[str, str]) -> bool:
    """Whether a command line with ``env`` may run forked: the system can fork, and the
    interpreter would start as the helper did (a test that set PYTHONPATH or the locale, by
    monkeypatch or by ``env``, gets a fresh process)."""
    return hasattr(os, "fork") and _startup(env) == (_started_with if _started_with is not None else _startup(dict(os.environ)))


def run(args: list[str], cwd: Path, env: dict[str, str], timeout: float) -> subprocess.CompletedProcess:
    """`python -m scoring ARGS` in ``cwd`` with exactly ``env``, as `subprocess.run` with
    ``capture_output=True, text=True`` returns it (stdin empty).  Only where `forkable`."""
    global _server, _started_with
    if _server is None or _server.process.poll() is not None:
        _started_with = _startup(dict(os.environ))
        _server = _Server()
    with tempfile.TemporaryDirectory(prefix="scoring-cli-") as folder:
        out, err = Path(folder) / "out", Path(folder) / "err"
        answer = _server.ask({"args": args, "cwd": str(cwd), "env": env, "out": str(out), "err": str(err), "timeout": timeout})
        stdout, stderr = (p.read_text(encoding="utf-8", errors="replace") if p.exists() else "" for p in (out, err))
    command = [sys.executable, "-m", "scoring", *args]
    if answer["code"] is None:
        raise subprocess.TimeoutExpired(command, timeout, stdout, stderr)
    # as text=True reads a pipe: universal newlines
    return subprocess.CompletedProcess(command, answer["code"], stdout.replace("\r\n", "\n"), stderr.replace("\r\n", "\n"))


def _child(request: dict, encoding: str, errors: str, path: list[str]) -> int:
    """In the forked child: become the command's process and run it; its exit code."""
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    for fd, file in ((1, request["out"]), (2, request["err"])):
        os.dup2(os.open(file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), fd)
    # the streams a fresh interpreter opens on these descriptors: not a terminal, so block-buffered
    sys.stdin = io.TextIOWrapper(io.BufferedReader(io.FileIO(0, "r", closefd=False)), encoding=encoding)
    sys.stdout = io.TextIOWrapper(io.BufferedWriter(io.FileIO(1, "w", closefd=False)), encoding=encoding, errors=errors)
    sys.stderr = io.TextIOWrapper(io.BufferedWriter(io.FileIO(2, "w", closefd=False)), encoding=encoding,
                                  errors="backslashreplace", line_buffering=True)
    os.environ.clear()
    os.environ.update(request["env"])
    os.chdir(request["cwd"])
    sys.path[:] = [request["cwd"], *path]  # as `python -m` puts the working folder first
    sys.argv = [str(ROOT / "scoring" / "__main__.py"), *request["args"]]
    code = 0
    try:
        from scoring.cli import main

        main()
    except SystemExit as exc:
        if exc.code is None:
            code = 0
        elif isinstance(exc.code, int):
            code = exc.code
        else:
            print(exc.code, file=sys.stderr)
            code = 1
    except BaseException:  # as the interpreter reports an uncaught exception
        traceback.print_exc()
        code = 1
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    return code


def _serve() -> None:
    """The helper process: preload, then one forked child per request line on stdin."""
    path = sys.path[1:]  # without this script's folder
    sys.path.insert(0, str(ROOT))  # `python -m scoring` from the checkout imports the checkout
    for name in PRELOAD:
        try:
            __import__(name)
        except Exception:  # noqa: BLE001 — a module that fails to import fails in the child, as it would
            pass
    # what the imports made lives as long as the helper: out of the children's collector's sight, which walked it all
    # again in every child (and copied each page it touched, from the helper's)
    gc.collect()
    gc.freeze()
    encoding, errors = sys.stdout.encoding, sys.stdout.errors  # as a fresh interpreter's, started alike
    requests, answers = sys.stdin, sys.stdout
    for line in requests:
        request = json.loads(line)
        answers.flush()
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                code = _child(request, encoding, errors, path)
            finally:
                os._exit(code & 0xFF)  # as the interpreter: sys.exit(-1) is 255
        deadline = time.monotonic() + request["timeout"]
        code = None
        while True:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                code = os.waitstatus_to_exitcode(status)
                break
            if time.monotonic() > deadline:
                os.kill(pid, 9)
                os.waitpid(pid, 0)
                break
            time.sleep(0.002)
        answers.write(json.dumps({"code": code}) + "\n")
        answers.flush()


if __name__ == "__main__":
    _serve()
