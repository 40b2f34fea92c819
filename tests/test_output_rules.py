"""Outputs people can trust: every output goes through one writer (scoring/files/writing.py) that replaces
a regular file atomically keeping its mode, writes a symlink's target, writes through a FIFO, and
refuses a directory; the format follows the extension; batch checks its outputs first and leaves
them alone when nothing was scored; Ctrl-C stops with "已中断" and exit 130, outputs intact."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from openpyxl import load_workbook

from scoring.files.writing import OutputError, check_output, open_output, write_output

from conftest import CASES, ROOT, SUINING_CASE, run_cli

HUNAN = CASES / "hunan-miluo-shgzb-2024.toml"


def _with_umask(mask: int, *args: str) -> subprocess.CompletedProcess:
    old = os.umask(mask)
    try:
        return run_cli(*args)
    finally:
        os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_a_new_output_gets_the_umask_mode_and_a_replaced_one_keeps_its_mode(tmp_path):
    new = tmp_path / "new.json"
    done = _with_umask(0o022, "diff", str(SUINING_CASE), "--format", "json", "--out", str(new))
    assert done.returncode == 0, done.stderr
    assert _mode(new) == 0o644
    assert json.loads(new.read_text(encoding="utf-8"))["sheets"]
    kept = tmp_path / "kept.json"
    kept.write_text("old", encoding="utf-8")
    os.chmod(kept, 0o640)
    inode = os.stat(kept).st_ino
    done = _with_umask(0o022, "diff", str(SUINING_CASE), "--format", "json", "--out", str(kept))
    assert done.returncode == 0, done.stderr
    assert _mode(kept) == 0o640
    assert os.stat(kept).st_ino != inode, "replaced by a rename, not rewritten in place"
    assert json.loads(kept.read_text(encoding="utf-8"))["sheets"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kept.json", "new.json"], "no temporary file left"


def test_a_symlink_is_followed_and_its_target_written(tmp_path):
    target = tmp_path / "real" / "summary.md"
    target.parent.mkdir()
    target.write_text("old", encoding="utf-8")
    os.chmod(target, 0o600)
    link = tmp_path / "link.md"
    link.symlink_to(target)
    done = run_cli("diff", str(SUINING_CASE), "--out", str(link))
    assert done.returncode == 0, done.stderr
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert "预算编制质量" in target.read_text(encoding="utf-8")
    assert _mode(target) == 0o600
    # a dangling link: its target is created
    dangling = tmp_path / "dangling.json"
    dangling.symlink_to(tmp_path / "real" / "made.json")
    assert run_cli("diff", str(SUINING_CASE), "--out", str(dangling)).returncode == 0
    assert dangling.is_symlink() and json.loads((tmp_path / "real" / "made.json").read_text(encoding="utf-8"))


def _read_fifo(path: Path, into: list[bytes]) -> threading.Thread:
    def read() -> None:
        with open(path, "rb") as handle:
            into.append(handle.read())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    return reader


@pytest.mark.parametrize("command", [
    ("diff", str(SUINING_CASE), "--format", "json"),
    ("batch", str(CASES), "--format", "json", "-q"),
    ("import", "WORKBOOK"),
])
def test_a_fifo_is_written_through_not_replaced(tmp_path, command):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    if "WORKBOOK" in command:
        book = tmp_path / "h.xlsx"
        assert run_cli("template", "hunan.dept-overall", "--out", str(book), "--fill", str(HUNAN)).returncode == 0
        command = ("import", str(book))
    got: list[bytes] = []
    reader = _read_fifo(fifo, got)
    done = run_cli(*command, "--out", str(fifo))
    reader.join(30)
    assert done.returncode in (0, 1), done.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode), "the FIFO is still a FIFO"
    text = got[0].decode("utf-8-sig")
    if command[0] == "import":
        assert "[case]" in text
    else:
        assert json.loads(text)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_a_directory_is_refused_with_a_clear_message(tmp_path):
    for args in (("diff", str(SUINING_CASE)), ("batch", str(CASES), "-q"), ("import", str(tmp_path / "x.xlsx"))):
        done = run_cli(*args, "--out", str(tmp_path))
        assert done.returncode == 2
        assert f"无法写入 {tmp_path}：是目录" in done.stderr, done.stderr
        assert "Traceback" not in done.stderr


def test_the_writer_by_itself(tmp_path):
    write_output(tmp_path / "a.txt", b"one")
    assert (tmp_path / "a.txt").read_bytes() == b"one"
    with pytest.raises(KeyboardInterrupt):
        with open_output(tmp_path / "a.txt") as handle:
            handle.write(b"half")
            raise KeyboardInterrupt
    assert (tmp_path / "a.txt").read_bytes() == b"one", "an interrupted write leaves the old file"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]
    with pytest.raises(OutputError, match="目录 .* 不存在"):
        check_output(tmp_path / "missing" / "a.txt")
    with pytest.raises(OutputError, match="是目录"):
        check_output(tmp_path)
    if os.getuid() != 0:  # root may write anywhere
        locked = tmp_path / "locked"
        locked.mkdir()
        os.chmod(locked, 0o500)
        with pytest.raises(OutputError, match="权限不足"):
            check_output(locked / "a.txt")


def test_format_follows_the_extension_and_is_case_insensitive(tmp_path):
    book = tmp_path / "复核.xlsx"
    done = run_cli("diff", str(HUNAN), "--out", str(book))
    assert done.returncode == 1, done.stderr
    assert load_workbook(book).sheetnames, "an .xlsx extension alone writes a workbook"
    upper = tmp_path / "r.JSON"
    assert run_cli("diff", str(SUINING_CASE), "--out", str(upper)).returncode == 0
    assert json.loads(upper.read_text(encoding="utf-8"))
    assert json.loads(run_cli("diff", str(SUINING_CASE), "--format", "JSON").stdout)
    contradiction = run_cli("diff", str(SUINING_CASE), "--format", "json", "--out", str(tmp_path / "x.xlsx"))
    assert contradiction.returncode == 2 and "矛盾" in contradiction.stderr
    assert not (tmp_path / "x.xlsx").exists()
    # the advice names only a format the command writes: diff writes no toml (review CG C10)
    other = run_cli("diff", str(SUINING_CASE), "--format", "json", "--out", str(tmp_path / "x.toml"))
    assert other.returncode == 2 and "扩展名改为 .json" in other.stderr and "--format toml" not in other.stderr
    summary = run_cli("batch", str(CASES), "--out", str(tmp_path / "s.csv"), "-q")
    assert summary.returncode == 1 and (tmp_path / "s.csv").read_text(encoding="utf-8-sig").startswith("文件,")
    assert run_cli("batch", str(CASES), "--out", str(tmp_path / "s.xlsx"), "-q").returncode == 2
    assert run_cli("batch", str(CASES), "--report", str(tmp_path / "r.csv"), "-q").returncode == 2
    assert run_cli("diff", str(SUINING_CASE), "--format", "yaml").returncode == 2


def test_an_output_that_is_the_input_is_refused(tmp_path):
    case = tmp_path / "case"  # no extension: read as TOML, and no format implied for the output
    case.write_bytes(SUINING_CASE.read_bytes())
    done = run_cli("score", str(case), "--out", str(case))
    assert done.returncode == 2 and "就是输入文件" in done.stderr
    assert case.read_bytes() == SUINING_CASE.read_bytes()


def test_batch_checks_its_outputs_before_scoring(tmp_path):
    started = time.monotonic()
    done = run_cli("batch", str(CASES), "--out", str(tmp_path / "missing" / "s.csv"), "-q")
    assert done.returncode == 2 and "不存在" in done.stderr
    assert "复核" not in done.stderr, "refused before scoring anything"
    done = run_cli("batch", str(CASES), "--out", str(tmp_path / "s.csv"), "--report", str(tmp_path), "-q")
    assert done.returncode == 2 and "是目录" in done.stderr and not (tmp_path / "s.csv").exists()
    done = run_cli("batch", str(CASES), "--out", str(tmp_path / "same.csv"), "--report", str(tmp_path / "same.csv"), "-q")
    assert done.returncode == 2
    assert time.monotonic() - started < 30


def test_batch_leaves_earlier_outputs_alone_when_nothing_could_be_scored(tmp_path):
    summary, report = tmp_path / "s.csv", tmp_path / "r.html"
    summary.write_text("earlier summary", encoding="utf-8")
    report.write_text("earlier report", encoding="utf-8")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "broken.json").write_text("{", encoding="utf-8")
    done = run_cli("batch", str(tmp_path / "in"), "--out", str(summary), "--report", str(report), "-q")
    assert done.returncode == 2
    assert "没有任何表可以复核" in done.stderr and "未改动" in done.stderr
    assert summary.read_text(encoding="utf-8") == "earlier summary"
    assert report.read_text(encoding="utf-8") == "earlier report"


# -- Ctrl-C ------------------------------------------------------------------------------------


def _start(*args: str) -> subprocess.Popen:
    # A session of its own, so the interrupt can go to the whole group as a terminal sends it; and
    # Ctrl-C's default action, which a test runner started in the background inherits as ignored.
    return subprocess.Popen([sys.executable, "-m", "scoring", *args], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


def _children(pid: int) -> list[str]:
    try:
        return Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []


def _wait_for(condition, seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("the condition was not reached in time")
        time.sleep(0.05)


def _interrupt(proc: subprocess.Popen) -> tuple[int, str, str]:
    os.killpg(proc.pid, signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    return proc.returncode, out, err


@pytest.fixture(scope="module")
def big_table(tmp_path_factory):
    folder = tmp_path_factory.mktemp("big")
    table = folder / "t.csv"
    done = run_cli("generate", "--csv", str(table), "--kinds", "formula", "-n", "400", "-q")
    assert done.returncode == 0, done.stderr
    # a hundred times over: a batch of 40,000 rows runs for seconds on any machine, so the interrupt
    # lands while it scores (4,000 took about a second here); generating them all took 6 s of the suite
    header, *rows = table.read_text(encoding="utf-8").splitlines(keepends=True)
    table.write_text(header + "".join(rows) * 100, encoding="utf-8")
    return table


def test_ctrl_c_in_a_batch_says_so_once_exits_130_and_leaves_outputs_intact(tmp_path, big_table):
    summary, report = tmp_path / "s.csv", tmp_path / "r.html"
    summary.write_text("earlier summary", encoding="utf-8")
    report.write_text("earlier report", encoding="utf-8")
    proc = _start("batch", str(big_table), "--out", str(summary), "--report", str(report), "--jobs", "2", "-q")
    _wait_for(lambda: len(_children(proc.pid)) >= 2 or proc.poll() is not None)
    time.sleep(0.5)
    code, out, err = _interrupt(proc)
    assert code == 130, err
    assert err == "已中断\n", err
    assert summary.read_text(encoding="utf-8") == "earlier summary"
    assert report.read_text(encoding="utf-8") == "earlier report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.html", "s.csv"]


def test_ctrl_c_in_generate_leaves_no_file_and_earlier_files_intact(tmp_path):
    out = tmp_path / "gen"
    out.mkdir()
    (out / "earlier.json").write_text("earlier", encoding="utf-8")
    proc = _start("generate", "--out", str(out), "-n", "20000", "--jobs", "2", "-q")
    _wait_for(lambda: any(any(d.iterdir()) for d in out.glob(".scoring-generate-*")) or proc.poll() is not None)
    code, _, err = _interrupt(proc)
    assert code == 130 and err == "已中断\n", err
    assert [p.name for p in out.iterdir()] == ["earlier.json"]
    # into a folder that did not exist: the folder is not left behind either
    fresh = tmp_path / "fresh" / "gen"
    proc = _start("generate", "--out", str(fresh), "-n", "20000", "--jobs", "1", "-q")
    _wait_for(lambda: any(any(d.iterdir()) for d in fresh.glob(".scoring-generate-*")) or proc.poll() is not None)
    code, _, err = _interrupt(proc)
    assert code == 130 and err == "已中断\n", err
    assert not (tmp_path / "fresh").exists()


def test_generate_writes_everything_or_nothing(tmp_path):
    out = tmp_path / "gen"
    done = run_cli("generate", "--out", str(out), "-n", "30", "--manifest", str(tmp_path), "-q")
    assert done.returncode == 2 and "是目录" in done.stderr
    assert not out.exists() and sorted(p.name for p in tmp_path.iterdir()) == []
    done = run_cli("generate", "--out", str(out), "-n", "30", "-q")
    assert done.returncode == 0, done.stderr
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["totals"]["sheets"] == 30
    assert len(list(out.glob("*.json"))) == 31 and not list(out.glob(".*"))
    assert _mode(out / "manifest.json") == 0o666 & ~_umask()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_a_group_of_outputs_lands_together_or_not_at_all(tmp_path):
    from scoring.files.writing import staged_outputs

    first, second = tmp_path / "s.csv", tmp_path / "r.html"
    first.write_text("earlier summary", encoding="utf-8")
    second.write_text("earlier report", encoding="utf-8")
    with pytest.raises(KeyboardInterrupt):
        with staged_outputs() as files:
            files.open(first, "w", encoding="utf-8").write("new summary")
            files.open(second, "w", encoding="utf-8").write("half a rep")
            raise KeyboardInterrupt  # Ctrl-C while the report is still being written
    assert (first.read_text(encoding="utf-8"), second.read_text(encoding="utf-8")) == ("earlier summary", "earlier report")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.html", "s.csv"]
    with staged_outputs() as files:
        files.open(first, "w", encoding="utf-8").write("new summary")
        files.open(second, "w", encoding="utf-8").write("new report")
    assert (first.read_text(encoding="utf-8"), second.read_text(encoding="utf-8")) == ("new summary", "new report")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.html", "s.csv"]
