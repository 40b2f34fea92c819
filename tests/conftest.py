"""Shared fixtures: the shipped rule files and cases, and a way to score one indicator; and the
collector that makes each worked example of a rule file (`[[tests]]`) a test of its own."""

from __future__ import annotations

import atexit
import functools
import os
import shutil
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

import forked_cli
import pytest

from scoring import Engine, Sheet, load_rule_dir

try:
    import fcntl
except ImportError:  # Windows: no warming of the rules (`pytest_configure`)
    fcntl = None

# The compiled-rules cache of this test session (and of every CLI it runs) lives in its own folder,
# never in the user's; tests of the cache itself point it elsewhere.  The session's first process
# makes it and removes it at exit; its workers, and the processes they spawn, share it.
if "_SCORING_TEST_CACHE" not in os.environ:
    os.environ["_SCORING_TEST_CACHE"] = tempfile.mkdtemp(prefix="scoring-test-cache-")
    atexit.register(shutil.rmtree, os.environ["_SCORING_TEST_CACHE"], ignore_errors=True)
os.environ["SCORING_CACHE_DIR"] = os.environ["_SCORING_TEST_CACHE"]
# Likewise the bytecode of the processes it starts: where PYTHONDONTWRITEBYTECODE is set (as on the machines the suite
# runs on), each of its fresh `python -m scoring` processes, batch pool workers and test workers compiled every module
# of the package from source, about 0.12 s a start, some 30 s of the suite from a fresh clone.  Written to a folder of
# this session (PYTHONPYCACHEPREFIX), removed at exit: never into the checkout, which the setting keeps clean.
# A process given such a folder reads bytecode only there, never what its installer compiled beside the modules of
# the standard library and site-packages: the folder starts with links to those (3,300 files, 0.1-0.2 s), or the
# workers, the CLI's helpers and the warming of the rules, starting together, each compiled the same 800 modules
# again (3 s apiece).


def _seed_bytecode(prefix: str) -> None:
    """Link (else copy) the compiled modules found beside the sources on ``sys.path`` into ``prefix``, where a process
    given it as PYTHONPYCACHEPREFIX looks for them (the standard library's tests and tools left out)."""
    tag = f".{sys.implementation.cache_tag}.pyc"
    unused = {"test", "tests", "idlelib", "lib2to3", "tkinter", "turtledemo", "ensurepip", "site-packages"}
    checkout = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))  # its modules: compiled into the folder
    for root in sorted({os.path.realpath(p) for p in sys.path if p and os.path.isdir(p)}):
        if root == checkout or root.startswith(os.path.join(checkout, "tests")):
            continue
        for folder, subfolders, names in os.walk(root):
            subfolders[:] = [d for d in subfolders if d not in unused and os.path.join(folder, d) != checkout]
            names = [n for n in names if n.endswith(tag)] if os.path.basename(folder) == "__pycache__" else []
            if not names:
                continue
            target = prefix + os.path.dirname(folder)
            try:
                os.makedirs(target, exist_ok=True)
                for name in names:
                    try:
                        os.link(os.path.join(folder, name), os.path.join(target, name))
                    except FileExistsError:
                        pass
                    except OSError:  # another file system
                        shutil.copyfile(os.path.join(folder, name), os.path.join(target, name))
            except OSError:
                continue  # (a module left out is compiled, as before)


if "_SCORING_TEST_PYCACHE" not in os.environ:
    os.environ["_SCORING_TEST_PYCACHE"] = tempfile.mkdtemp(prefix="scoring-test-pycache-")
    atexit.register(shutil.rmtree, os.environ["_SCORING_TEST_PYCACHE"], ignore_errors=True)
    _seed_bytecode(os.environ["_SCORING_TEST_PYCACHE"])
os.environ["PYTHONPYCACHEPREFIX"] = os.environ["_SCORING_TEST_PYCACHE"]
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "cases"
FORMULAS = ROOT / "formulas"
# The Suining case: a Sichuan unit's whole 2024 report — its 部门整体支出绩效自评表 (formula type,
# sichuan.dept-overall) and two project sheets (rows, sichuan.project).
SUINING_CASE = CASES / "sichuan-suining-anju-jxb-2024.toml"


# -- the shipped rules, compiled once for the whole session -----------------------------------------

_WARMING = "warming.lock"
_warming: list[subprocess.Popen] = []


def pytest_configure(config):
    """In the controller of the suite's workers (xdist), before it starts them: compile the shipped rule files into the
    session's cache in a process of its own, holding a lock (`_WARMING`) till it is done, while the workers start and
    import the test modules; each worker waits for it before it first loads the rules (`shipped_library`), then reads
    them back.  Each worker compiled them itself, both at once: 12 s of the two cores at the start of every run."""
    from scoring.rules.cache import cache_dir

    if hasattr(config, "workerinput") or not config.getoption("numprocesses", None) or fcntl is None or cache_dir() is None:
        return  # (with the cache off, each process compiles the rules it loads whatever was compiled before)
    with open(Path(os.environ["_SCORING_TEST_CACHE"]) / _WARMING, "wb") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # held by the process below (the same open file), released as it ends
        _warming.append(subprocess.Popen([sys.executable, "-c", "import sys; from scoring import load_rule_dir; load_rule_dir(sys.argv[1])",
                                          str(FORMULAS)], pass_fds=(lock.fileno(),), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))


def pytest_unconfigure(config):
    for process in _warming:  # (a run over before it is done has no use for it: its cache is removed at exit)
        process.kill()
        process.wait()


@functools.cache
def _warmed() -> None:
    """Wait, where the controller compiles the shipped rule files (`pytest_configure`), till it is done."""
    if fcntl is None:
        return
    try:
        lock = open(Path(os.environ["_SCORING_TEST_CACHE"]) / _WARMING, "rb")
    except OSError:
        return  # a run in one process (-n 0): it compiles them itself
    with lock:
        # not for ever: a process stopped (a debugger, a job control slip) leaves each worker to compile them itself
        deadline = time.monotonic() + 300
        while True:
            try:
                fcntl.flock(lock, fcntl.LOCK_SH | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                if time.monotonic() > deadline:
                    return
                time.sleep(0.05)


def shipped_library():
    """The library of the shipped rule files (`load_rule_dir`), once the controller has compiled them."""
    _warmed()
    return load_rule_dir(FORMULAS)


@pytest.fixture(scope="session")
def library():
    lib = shipped_library()
    assert not lib.failures, lib.failures
    return lib


@pytest.fixture(scope="session")
def sichuan(library):
    """The Sichuan department rules that score 2024 sheets (a revision, where one corrects the first release)."""
    return library.find("sichuan.dept-overall", 2024)


@pytest.fixture(scope="session")
def score_indicator(sichuan):
    """Score one Sichuan indicator from the given inputs; every other input is undisclosed,
    except those the rule file gives a default (left out, so the default applies)."""
    engine = Engine()

    def run(indicator_id: str, **inputs):
        figures = {name: {"undisclosed": True} for name, decl in sichuan.inputs.items() if decl.default is None}
        for name, value in inputs.items():
            figures[name] = {"value": value if isinstance(value, bool) else Decimal(str(value))}
        sheet = Sheet.model_validate({"id": "t", "title": "t", "rules": sichuan.ref, "inputs": figures})
        result = engine.score_sheet(sheet, sichuan, "test", 2024)
        return next(i for i in result.indicators if i.id == indicator_id)

    return run


def shipped_sheet_count() -> int:
    """How many sheets the shipped case files hold, counted from the files."""
    import tomllib

    return sum(len(tomllib.loads(path.read_text(encoding="utf-8"))["sheets"]) for path in CASES.glob("*.toml"))


def in_effect(rules_dir: Path, rule_id: str, year: int) -> Path:
    """The file of the version of ``rule_id`` that scores ``year``'s sheets (a revision, where one
    corrects the first release): the one a test edits to change the rules a sheet gets."""
    return Path(load_rule_dir(rules_dir).find(rule_id, year).path)


def copy_formulas(dest: Path, *patterns: str, lock: bool = True) -> Path:
    """The shipped rule files matching ``patterns`` (globs under formulas/, "sichuan/dept-overall-2024*.toml"), with
    versions.lock unless ``lock`` is false, copied into ``dest``: a test that edits the rules of one chain of
    versions copies that chain, not every rule set, each of which a command on the copy would read and load."""
    for pattern in patterns:
        found = sorted(FORMULAS.glob(pattern))
        assert found, pattern
        for path in found:
            target = dest / path.relative_to(FORMULAS)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    if lock:
        shutil.copyfile(FORMULAS / "versions.lock", dest / "versions.lock")
    return dest


def run_cli(*args: str, cwd: Path = ROOT, env: dict[str, str] | None = None, fresh: bool = False) -> subprocess.CompletedProcess:
    """Run the real CLI in a process of its own, as a user would; ``env`` adds to the environment.
    The process is forked from one that has already imported the CLI (`forked_cli`), or, with
    ``fresh``, with an environment the interpreter reads at start-up set otherwise, or where
    there is no fork (Windows), started from nothing (`python -m scoring`)."""
    environment = {**os.environ, **env} if env else dict(os.environ)
    if fresh or not forked_cli.forkable(environment):
        return subprocess.run([sys.executable, "-m", "scoring", *args], cwd=cwd, capture_output=True, text=True, timeout=120, env=environment)
    return forked_cli.run(list(args), Path(cwd), environment, timeout=120)


@functools.cache
def shipped_diff(name: str) -> subprocess.CompletedProcess:
    """`scoring diff cases/NAME --format json` through the real CLI in a subprocess, run once per
    test process: several test modules read the shipped cases' verdicts, and none changes a case file."""
    return run_cli("diff", str(CASES / name), "--format", "json")


# -- the order of the modules -----------------------------------------------------------------------

# The suite runs on two workers, each taking whole modules (pyproject.toml: --dist loadfile, in
# collection order).  A long module that starts last keeps one worker busy while the other has
# nothing left, so the longest modules go first, longest of all first (each module's seconds summed from
# `pytest --durations=0`, session 67: test_rule_versions 78, test_xlsx 38, test_install 37, test_web_browser 36, test_web_http 35,
# test_inputs 29, test_rule_cache 23, then 13–18 each) — but test_golden second, on the other worker: each rule set whose
# worked examples pass there is remembered at once (`WorkedExample`), and the validations of copies of the rules that
# test_rule_versions runs meanwhile then skip them.  The rest keep their order.  Only the order changes: every module runs
# whole, on one worker.
LONGEST_FIRST = ("test_rule_versions", "test_golden", "test_rule_cache", "test_web_browser", "test_install", "test_xlsx", "test_web_http", "test_lean",
                 "test_malformed", "test_workbook_mutations", "test_inputs", "test_batch", "test_cli", "test_output_rules", "test_print")


def pytest_collection_modifyitems(items):
    rank = {name: i for i, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.stem, len(rank)))  # stable: the order within a module stays


# -- the rule files' worked examples, one test per rule set ----------------------------------------


class WorkedExamples:
    """Put in a test module (``examples = WorkedExamples(FORMULAS)``), it is collected as one test
    per rule set of every rule file under ``folder``, named by the rule set: it runs each of the
    set's worked examples once and fails naming every example whose expectation the rules do not
    give (expected against actual) and every indicator or row method no example reaches."""

    def __init__(self, folder: Path):
        self.folder = folder


# The keys (`golden.examples_key`) of the rule sets whose worked examples passed in this test process: what
# `formulas validate` would remember having run (test_golden.py hands them to it)
PASSED_EXAMPLES: list[str] = []


class WorkedExample(pytest.Item):
    def __init__(self, *, rule_set, library, **kwargs):
        super().__init__(**kwargs)
        self.rule_set, self.library = rule_set, library

    def runtest(self) -> None:
        from scoring.rules import cache
        from scoring.rules.golden import examples_key, run_rule_tests

        # one pass over the examples gives both the differences and the reach: a test per example
        # plus one for the reach ran every example twice, and the examples grow with each revision
        report = run_rule_tests(self.rule_set, self.library)
        if not report.ok:
            raise ExampleFailed(report.failures + report.uncovered)
        PASSED_EXAMPLES.append(examples_key(self.rule_set))
        # remembered at once, as `formulas validate` remembers the examples it ran: the validations of copies of the
        # rules that other tests run meanwhile (test_golden runs early, `LONGEST_FIRST`) then run only those of the
        # rule sets they changed, not every example of the copy, some 20 s of the suite
        cache.remember_passed(cache.passed_examples(), PASSED_EXAMPLES[-1:])

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, ExampleFailed):
            return f"{self.rule_set.path}: " + "\n".join(excinfo.value.args[0])
        return super().repr_failure(excinfo, style)

    def reportinfo(self):
        return self.rule_set.path, None, self.name


class ExampleFailed(Exception):
    """What the worked examples expect and what the rules give, where they differ."""


def pytest_pycollect_makeitem(collector, name, obj):
    if not isinstance(obj, WorkedExamples):
        return None
    _warmed()
    library = load_rule_dir(obj.folder)
    assert not library.failures, library.failures
    return [WorkedExample.from_parent(collector, name=rule_set.ref, rule_set=rule_set, library=library) for rule_set in library.rule_sets]
