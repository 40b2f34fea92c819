"""`score`, `diff` and `explain` without the parser (scoring/cli/direct.py): the command lines it
takes give exactly what typer gives — output, messages, exit code, files — and it leaves every
other command line to typer."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from scoring.cli.direct import parse

from conftest import CASES, ROOT, SUINING_CASE, copy_formulas, run_cli

# The same command line through the typer application, never the direct path.
THROUGH_TYPER = "import sys; from scoring.cli.application import app; from scoring.cli.chinese import run; run(app, prog_name='scoring')"
OVER_CLAIM = CASES / "hunan-miluo-shgzb-2024.toml"  # exits 1 (tests/snapshots/exit-codes.json)


def through_typer(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", THROUGH_TYPER, *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_plain_command_lines_are_read_as_typer_reads_them():
    case = str(SUINING_CASE)
    assert parse(["diff", case]) == {"command": "diff", "view": "diff", "case": SUINING_CASE, "expect_hash": []}
    assert parse(["score", "-f", "json", case, "--rules=sichuan.dept-overall", "--format", "csv"]) == {
        "command": "score", "view": "score", "case": SUINING_CASE, "format": "csv", "rules": "sichuan.dept-overall", "expect_hash": [],
    }
    assert parse(["explain", case, "预算编制质量", "--rules", "x"]) == {"command": "explain", "case": SUINING_CASE, "indicator": "预算编制质量", "rules": "x"}
    assert parse(["explain", case]) == {"command": "explain", "case": SUINING_CASE, "indicator": None}
    parsed = parse(["diff", "--expect-hash", "abcdefabcdef", case, "--expect-hash=123456789012", "-o", "x.json", "--rules-dir", str(ROOT / "formulas")])
    assert parsed["expect_hash"] == ["abcdefabcdef", "123456789012"]
    assert parsed["out"] == Path("x.json") and parsed["rules_dir"] == ROOT / "formulas"


@pytest.mark.parametrize("args", [
    [],
    ["batch", "CASE"],
    ["explain", "CASE", "预算编制质量", "more"],
    ["explain", "CASE", "--format", "json"],  # not an option of explain
    ["diff", ""],
    ["diff"],  # no case
    ["diff", "CASE", "CASE"],  # two
    ["diff", "--help"],
    ["diff", "CASE", "--help"],
    ["diff", "CASE", "--formt", "json"],  # a typo: typer suggests the option
    ["diff", "CASE", "--format"],  # no value
    ["diff", "CASE", "--format", ""],
    ["diff", "CASE", "-f=json"],  # click reads "=json" as the value
    ["diff", "CASE", "--rules", "--format"],
    ["diff", "--", "CASE"],
    ["diff", "-"],
    ["diff", "CASE", "--rules-dir", "CASE"],  # a file given as the folder: typer's message
    ["--version"],
    ["--help"],
])
def test_everything_else_is_left_to_typer(args):
    assert parse([str(SUINING_CASE) if a == "CASE" else a for a in args]) is None


def test_shell_completion_is_left_to_typer(monkeypatch):
    monkeypatch.setenv("_SCORING_COMPLETE", "complete_bash")
    assert parse(["diff", str(SUINING_CASE)]) is None


@pytest.mark.parametrize("args", [
    ["diff", str(SUINING_CASE)],
    ["diff", str(SUINING_CASE), "--format", "json"],
    ["score", "-f", "markdown", str(SUINING_CASE)],
    ["diff", str(OVER_CLAIM)],  # exit 1
    ["diff", "cases/no-such-case.toml"],  # exit 2, the loader's message
    ["diff", str(SUINING_CASE), "--expect-hash", "xyz"],
    ["diff", str(SUINING_CASE), "--expect-hash", "000000000000"],  # rules changed: refused
    ["diff", str(SUINING_CASE), "--rules", "no.such.rules"],
    ["diff", str(SUINING_CASE), "--format", "nonsense"],
    ["diff", str(SUINING_CASE), "--format", "xlsx"],  # needs --out
    ["diff", str(SUINING_CASE), "--rules-dir", "no-such-folder"],
    ["explain", str(SUINING_CASE)],
    ["explain", str(SUINING_CASE), "预算编制质量"],
    ["explain", str(SUINING_CASE), "不存在的指标"],  # exit 2
])
def test_direct_and_typer_give_the_same(args):
    direct, typer_run = run_cli(*args), through_typer(*args)
    assert (direct.returncode, direct.stdout, direct.stderr) == (typer_run.returncode, typer_run.stdout, typer_run.stderr)


def test_written_files_are_the_same(tmp_path):
    for name, run in (("direct", run_cli), ("typer", through_typer)):
        done = run("diff", str(OVER_CLAIM), "-o", str(tmp_path / f"{name}.json"))
        assert done.returncode == 1 and done.stderr == f"已写入 {tmp_path / f'{name}.json'}\n"
    assert (tmp_path / "direct.json").read_bytes() == (tmp_path / "typer.json").read_bytes()


def test_a_plain_diff_loads_no_parser_and_no_workbook_modules():
    code = (
        "import sys\n"
        f"sys.argv = ['scoring', 'diff', {str(SUINING_CASE)!r}]\n"
        "heavy = ('typer', 'click', 'rich', 'openpyxl', 'docx', 'jinja2', 'sqlalchemy', 'tomlkit', 'starlette')\n"
        "atexit.register(lambda: print(sorted(m for m in heavy if m in sys.modules), file=sys.stderr))\n"
        "from scoring.cli import main\n"
        "main()\n"
    )
    done = subprocess.run([sys.executable, "-c", "import atexit\n" + code], cwd=ROOT, capture_output=True, text=True, timeout=120, env={**os.environ})
    assert "履职效能" in done.stdout
    assert (done.returncode, done.stderr.strip().splitlines()[-1]) == (0, "[]")


def test_a_diff_from_the_cache_loads_no_file_format_and_no_pydantic(tmp_path):
    """With the rule library cached, a diff reads it back with the plain objects a compiled rule
    set is made of (`rules.declared`), and the case file with the quick reader (`cases.quick`):
    the rule file format, the compiler, the case schema and pydantic stay unloaded.  The first run,
    with the cache cold, compiles the rule files and loads them."""
    code = (
        "import sys, atexit\n"
        f"sys.argv = ['scoring', 'diff', {str(SUINING_CASE)!r}]\n"
        "formats = ('scoring.rules.schema', 'scoring.rules.compiler', 'scoring.cases.schema')\n"
        "libraries = ('pydantic', 'pydantic_core', 'annotated_types', 'typing_inspection')\n"
        "atexit.register(lambda: print(sorted(m for m in sys.modules if m in formats or m in libraries), file=sys.stderr))\n"
        "from scoring.cli import main\n"
        "main()\n"
    )
    # the rule sets the case's sheets are scored by and the chain they extend: the cold run compiles them (every shipped
    # file was 7 s of it), the warm one reads them back
    rules = copy_formulas(tmp_path / "rules", "sichuan/*.toml", "national/project-2020*.toml")
    env = {**os.environ, "SCORING_CACHE_DIR": str(tmp_path / "cache"), "SCORING_RULES_DIR": str(rules)}
    env.pop("SCORING_CACHE", None)
    runs = [subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120, env=env) for _ in range(2)]
    assert all("履职效能" in run.stdout and run.returncode == 0 for run in runs)
    cold = runs[0].stderr.strip().splitlines()[-1]
    assert all(name in cold for name in ("'pydantic'", "'scoring.rules.compiler'", "'scoring.rules.schema'")), cold
    assert runs[1].stderr.strip().splitlines()[-1] == "[]"


@pytest.mark.parametrize("args", [["explain", str(SUINING_CASE)], ["diff", str(OVER_CLAIM)], ["score", str(SUINING_CASE), "--format", "csv"]])
def test_a_fresh_process_writes_everything_before_it_leaves(args):
    """The direct path leaves without tearing the interpreter down (`direct._leave`): all of a
    long output (explain of the Suining case is 45 KB, more than any buffer) reaches a pipe, exit
    handlers run, and the exit code is the command's."""
    code = "import atexit, sys\natexit.register(lambda: print('exit handlers ran', file=sys.stderr))\nfrom scoring.cli import main\nmain()\n"
    fresh = subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, capture_output=True, text=True, timeout=120)
    typer_run = through_typer(*args)
    assert fresh.stderr.endswith("exit handlers ran\n")
    assert (fresh.returncode, fresh.stdout, fresh.stderr.removesuffix("exit handlers ran\n")) == (typer_run.returncode, typer_run.stdout, typer_run.stderr)
    assert len(fresh.stdout) > 1000


def test_a_reader_that_goes_away_is_exit_1_without_a_traceback():
    """`scoring explain … | true`: the output cannot be written (the reader is gone before the
    command writes; one that reads a line first may still leave the rest in the pipe's buffer)."""
    with subprocess.Popen([sys.executable, "-m", "scoring", "explain", str(SUINING_CASE)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as proc:
        proc.stdout.close()
        stderr = proc.stderr.read().decode("utf-8")
        assert proc.wait(timeout=120) == 1
    assert "Traceback" not in stderr and "Exception ignored" not in stderr, stderr


def test_ctrl_c_while_the_modules_load_is_interrupted_not_a_traceback():
    """Ctrl-C lands in the imports more often than in the work (they take most of a diff's time):
    it says 已中断 and exits 130, as it does later (review AL: a traceback and -2 once the imports
    moved ahead of the work)."""
    code = (
        "import sys\n"
        "class Interrupt:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'scoring.engine.engine':\n"
        "            raise KeyboardInterrupt\n"
        "sys.meta_path.insert(0, Interrupt())\n"
        "from scoring.cli import main\n"
        "main()\n"
    )
    done = subprocess.run([sys.executable, "-c", code, "diff", str(SUINING_CASE)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert (done.returncode, done.stdout, done.stderr) == (130, "", "已中断\n")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("args", [
    ["diff", str(SUINING_CASE)], ["explain", str(OVER_CLAIM), "预算执行率"],  # more, and less, than a buffer
    # the parser's commands too (review AN: a traceback there)
    ["formulas", "show", "national.project", "--resolved"], ["formulas", "show", "national.project"],
])
def test_an_output_that_cannot_be_written_is_said_in_chinese(args):
    """A full disk under the report: one line on stderr and exit 1, never a traceback (review AL)."""
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "scoring", *args], cwd=ROOT, stdout=full, stderr=subprocess.PIPE, text=True,
                              timeout=120, env={k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"})
    assert (done.returncode, done.stderr) == (1, "错误：无法写出结果（磁盘已满）\n")


@pytest.mark.skipif(os.name != "posix", reason="closes a file descriptor")
def test_a_closed_stderr_keeps_the_exit_code(tmp_path):
    """`scoring diff CASE > out 2>&-`: nothing to say on stderr, and the diff's own exit code (review AL: 1)."""
    with open(tmp_path / "out.txt", "w") as out:
        done = subprocess.run([sys.executable, "-m", "scoring", "diff", str(SUINING_CASE)], cwd=ROOT, stdout=out,
                              preexec_fn=lambda: os.close(2), timeout=120)
    assert done.returncode == 0 and "履职效能" in (tmp_path / "out.txt").read_text(encoding="utf-8")
