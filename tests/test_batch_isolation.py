"""A submission that crashes its worker or never finishes is reported, and the rest are scored;
results never mix submissions; outputs are written in one piece."""

from __future__ import annotations

import os
import re
import shutil
import time

import pytest

import scoring.batch.run as batch

from conftest import CASES, run_cli


@pytest.fixture
def folder(tmp_path):
    for name in ("hunan-miluo-shgzb-2024.toml", "xinjiang-changji-shgzb-2024.toml", "sichuan-panzhihua-shgzb-2024.toml"):
        shutil.copy(CASES / name, tmp_path / name)
    # each its own submission (the same bytes twice would be scored once)
    text = (CASES / "hunan-miluo-shgzb-2024.toml").read_text(encoding="utf-8")
    (tmp_path / "crash.toml").write_text(text + "# crash\n", encoding="utf-8")
    (tmp_path / "hang.toml").write_text(text + "# hang\n", encoding="utf-8")
    return tmp_path


def test_a_crashing_and_a_hanging_submission_are_reported_and_the_rest_scored(folder, monkeypatch):
    real = batch._score_case

    def faulty(case, shown, out):
        # Workers are forked from this process, so they inherit the fault.
        if shown.endswith("crash.toml"):
            os._exit(7)
        if shown.endswith("hang.toml"):
            time.sleep(3600)
        real(case, shown, out)

    monkeypatch.setattr(batch, "_score_case", faulty)
    started = time.monotonic()
    result = batch.run_batch([folder], jobs=2, timeout=3)
    assert time.monotonic() - started < 60
    reasons = {os.path.basename(p.path): p.reason for p in result.failures}
    assert set(reasons) == {"crash.toml", "hang.toml"}
    assert "意外退出（退出码 7）" in reasons["crash.toml"]
    assert "超过 3 秒仍未完成" in reasons["hang.toml"]
    scored = {os.path.basename(s.path) for s in result.sheets}
    assert scored == {"hunan-miluo-shgzb-2024.toml", "xinjiang-changji-shgzb-2024.toml", "sichuan-panzhihua-shgzb-2024.toml"}
    assert result.exit_code == 1


def test_isolated_and_in_process_runs_agree_and_never_mix_submissions(folder):
    os.remove(folder / "crash.toml")
    os.remove(folder / "hang.toml")
    isolated = batch.run_batch([folder, CASES], jobs=2, timeout=30)
    plain = batch.run_batch([folder, CASES], jobs=1, timeout=None)
    key = lambda r: [(s.path, s.sheet_id, s.unit, s.rules, s.claimed, s.computed, s.errors, s.warnings) for s in r.sheets]  # noqa: E731
    assert key(isolated) == key(plain)
    for s in isolated.sheets:
        # every summary row belongs to one submission: its unit is the one its file names
        text = open(s.path, encoding="utf-8").read()
        assert s.unit in text


def test_summary_and_report_are_written_atomically(tmp_path):
    out = tmp_path / "summary.csv"
    out.write_text("old", encoding="utf-8")
    proc = run_cli("batch", str(CASES), "--format", "csv", "--out", str(out), "--report", str(tmp_path / "r.html"), "-q")
    assert proc.returncode == 1
    assert out.read_text(encoding="utf-8-sig").startswith("文件,")
    assert (tmp_path / "r.html").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == [], "no temporary file left behind"
    # an output folder that doesn't exist: the run fails cleanly and writes nothing
    proc = run_cli("batch", str(CASES), "--format", "csv", "--out", str(tmp_path / "missing" / "s.csv"), "-q")
    assert proc.returncode == 2 and "无法写入" in proc.stderr


@pytest.mark.parametrize("line5, named, says", [
    # a line not in the file's encoding: refused alone, the table read on (review CF A5: it stopped there)
    (b"bad\xff,\xe5\x8d\x95\xe4\xbd\x8d,x,2024,dept\n", set(range(2, 12)), "t.csv:5: 该行有不是 utf-8 编码的字符，无法读取；该行未读取，其余各行照常复核"),
    # a lone \r in an unquoted cell: the csv module refuses the record, the table is read on
    ("bad\rline,单位,四川省,2024,dept\n".encode(), set(range(2, 12)), "t.csv:5: CSV 格式错误（未加引号的单元格中有换行符），该行未读取"),
])
def test_a_lost_block_is_read_again_as_it_would_have_been_read(tmp_path, monkeypatch, line5, named, says):
    """A block whose worker crashed is read again row by row; a record refused alone (a line not
    in the file's encoding, a lone \r) is reported alone, as when the block is not lost."""
    from scoring.cases import table as tables

    rows = [f"c{i},单位,四川省,2024,dept\n".encode() for i in range(2, 12)]
    rows[1] = "crash,单位,四川省,2024,dept\n".encode()
    rows[3] = line5
    path = tmp_path / "t.csv"
    path.write_bytes(b"case_id,unit,region,year,sheet_type\n" + b"".join(rows))
    monkeypatch.setattr(tables, "BLOCK_BYTES", len(b"".join(rows[:4])) - 1)  # lines 2–5, then 6–11
    real = batch._score_row

    def faulty(row, out):
        if row.cells[0] == "crash":
            os._exit(7)  # forked workers inherit the fault
        real(row, out)

    monkeypatch.setattr(batch, "_score_row", faulty)
    result = batch.run_batch([path], jobs=2, timeout=30)
    found = {int(m) for text in [s.path for s in result.sheets] + [p.path for p in result.failures] for m in re.findall(r"t\.csv:(\d+)", text)}
    assert found == named
    assert any("意外退出" in p.reason for p in result.failures)
    assert any(p.reason.endswith(says) for p in result.failures)


def test_a_lost_block_past_where_its_table_stopped_is_dropped_as_it_would_have_been(tmp_path, monkeypatch):
    """A table stops at a line it cannot be read beyond (line 3, over the length limit, in the
    first block); the rows of a later block are then dropped, whether its worker ran it or crashed
    on it and it was read again row by row: neither the crash nor a record refused in it is reported."""
    from scoring.cases import table as tables

    row = "{},中共汨罗市委社会工作部,湖南省/岳阳市/汨罗市,2024,hunan.dept-overall,dept,部门整体支出绩效自评表,9.2,0,123.47,111.27,9.2\n"
    rows = [
        row.format("c2").encode(),
        b"x" * 1000 + row.format("c3").encode(),  # 3: over the (lowered) length limit, the table stops
        row.format("crash").encode(),  # 4: the second block starts here
        row.format('c5,"未闭合').encode(),  # 5: refused alone
        row.format("c6").encode(),
        b"bad\xfe" + row.format("c7").encode(),  # 7: not UTF-8, would be refused alone
    ]
    path = tmp_path / "t.csv"
    path.write_bytes(b"case_id,unit,region,year,rules,sheet_id,title,claimed_total,budget_initial,budget,executed,claim:execution\n" + b"".join(rows))
    monkeypatch.setattr(tables, "BLOCK_BYTES", len(b"".join(rows[:2])) - 1)
    monkeypatch.setattr(tables, "MAX_TABLE_LINE_BYTES", 800)  # forked workers inherit it
    assert [b.first_line for b in tables.read_blocks(path) if isinstance(b, tables.TableBlock)] == [2, 4]  # lines 2–3, then 4–7
    real = batch._score_row

    def run(crash: bool) -> tuple[list, list]:
        def faulty(row, out):
            if crash and row.cells[0] == "crash":
                os._exit(7)  # forked workers inherit the fault
            real(row, out)

        monkeypatch.setattr(batch, "_score_row", faulty)
        result = batch.run_batch([path], jobs=2, timeout=30)
        return [s.path for s in result.sheets], [p.reason for p in result.failures]

    crashed = run(True)
    assert crashed == run(False)
    sheets, reasons = crashed
    assert [s.rsplit(":", 1)[1] for s in sheets] == ["2"]
    assert len(reasons) == 1 and "t.csv:3: 该行超过" in reasons[0] and reasons[0].endswith("此后的行未读取"), reasons
