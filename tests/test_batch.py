"""`scoring batch` through the real CLI: the shipped cases, unreadable inputs among good ones,
formats, exit codes, progress on a terminal; and the ordered process pool."""

from __future__ import annotations

import csv
import io
import json
import os
import pty
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from scoring import report_case
from scoring.batch.pool import Lost, ordered_map
from scoring.batch.summary import Packed, SheetSummary
from scoring.cli.progress import Progress
from scoring.files.reading import display_path
from scoring.findings import SEVERITY_ORDER
from scoring.output.data import report_dict
from scoring.output.summary import CSV_COLUMNS

from conftest import CASES, FORMULAS, ROOT, run_cli, shipped_sheet_count

HUNAN = CASES / "hunan-miluo-shgzb-2024.toml"
XINJIANG = CASES / "xinjiang-changji-shgzb-2024.toml"
UNIT_CHANGJI = "中共昌吉回族自治州委员会社会工作部"


def _json(done: subprocess.CompletedProcess) -> dict:
    return json.loads(done.stdout)


def _shipped():
    """What the shipped cases hold, counted from the case files: files and sheets."""
    return len(list(CASES.glob("*.toml"))), shipped_sheet_count()


def test_shipped_cases_table_exits_1_for_the_hunan_over_claim():
    done = run_cli("batch", "cases/")
    assert done.returncode == 1, done.stderr
    files, sheets = _shipped()
    assert f"共 {files} 个文件：读取 {files} 份，复核 {sheets} 张表（其中" in done.stdout
    assert "失败 0 项，跳过 0 项" in done.stdout
    lines = done.stdout.splitlines()
    # the Hunan sheet, whose 预算执行率 claim 9.2 is above the computed 9.01, is among the errors
    hunan = next(line for line in lines if line.startswith("中共汨罗市委社会工作部"))
    assert hunan.split()[:8] == ["中共汨罗市委社会工作部", "部门整体支出绩效自评表", "hunan.dept-overall@2024.46", "98.2", "99.01", "-0.81", "低报", "高报"]
    for unit in ("中共遂宁市安居区委目标绩效管理办公室", "中共昌吉回族自治州委员会社会工作部", "中共乐山市金口河区委组织部", "中共攀枝花市委社会工作部"):
        assert unit in done.stdout


def test_shipped_cases_json_agrees_with_diff_sheet_by_sheet(library):
    summary = _json(run_cli("batch", "cases/", "--format", "json"))
    files, scored = _shipped()
    counts = summary["counts"]
    assert {k: counts[k] for k in ("files", "read", "scored", "failed", "skipped")} == {"files": files, "read": files, "scored": scored, "failed": 0, "skipped": 0}
    sheets = summary["sheets"]
    ranks = [SEVERITY_ORDER.get(s["worst_severity"], 3) for s in sheets]
    assert ranks == sorted(ranks)
    assert counts["with_errors"] == sum(1 for s in sheets if s["worst_severity"] == "error")
    hunan = next(s for s in sheets if s["case_id"] == "hunan-miluo-shgzb-2024")
    assert (hunan["case_id"], hunan["claimed_total"], hunan["computed_total"], hunan["delta"]) == ("hunan-miluo-shgzb-2024", "98.2", "99.01", "-0.81")
    assert (hunan["worst_status"], hunan["worst_severity"]) == ("over", "error")
    assert {"severity": "error", "code": "claim_over", "where": "cases/hunan-miluo-shgzb-2024.toml#dept-overall.execution"}.items() <= hunan["findings"][0].items()
    # the batch scores every sheet exactly as `scoring diff` does
    for case in sorted(CASES.glob("*.toml")):
        diff = report_dict(report_case(case, library))
        for sheet in diff["sheets"]:
            row = next(s for s in sheets if s["case_id"] == diff["case"] and s["sheet_id"] == sheet["id"])
            total = sheet["total"]
            assert (row["claimed_total"], row["computed_total"], row["delta"]) == (total["claimed"], total["computed"], total["delta"] if total["claimed"] else None)
            assert row["rules"] == f"{sheet['rules']['id']}@{sheet['rules']['version']}" and row["sha256"] == sheet["rules"]["sha256"]
            errors = [f for f in diff["findings"] if f["severity"] == "error" and f["where"].startswith(f"{row['path']}#{sheet['id']}")]
            assert row["findings_count"]["error"] == len(errors)


def test_csv_and_markdown_and_out_file(tmp_path):
    out = tmp_path / "summary.csv"
    done = run_cli("batch", "cases/", "--format", "csv", "--out", str(out))
    assert done.returncode == 1
    assert done.stdout == ""
    files, sheets = _shipped()
    assert f"复核 {sheets} 张表" in done.stderr  # the counts reach a person even when the summary went to a file
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == CSV_COLUMNS and len(rows) == sheets + 1
    assert ["cases/hunan-miluo-shgzb-2024.toml", "hunan-miluo-shgzb-2024", "中共汨罗市委社会工作部"] in [r[:3] for r in rows]
    markdown = run_cli("batch", "cases/", "--format", "markdown").stdout
    assert markdown.startswith("# 预算绩效自评复核汇总") and "| 单位" in markdown
    # the total's status beside its difference, the worst line's apart (review EH B3): Miluo's total is
    # under by 0.81 while a line of it is over
    miluo = next(line for line in markdown.splitlines() if line.startswith("| 中共汨罗市委社会工作部"))
    assert [c.strip() for c in miluo.split("|")[6:9]] == ["-0.81", "低报", "高报"], miluo
    bad = run_cli("batch", "cases/", "--format", "xml")
    assert bad.returncode == 2 and "未知的输出格式" in bad.stderr


def test_unreadable_file_among_good_ones_is_named_and_the_rest_scored(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(HUNAN, inbox)
    shutil.copy(XINJIANG, inbox)
    (inbox / "broken.toml").write_text("[case\nid = 1\n", encoding="utf-8")
    (inbox / "notes.txt").write_text("收件记录", encoding="utf-8")
    shutil.copy(FORMULAS / "hunan" / "dept-overall-2024.toml", inbox / "rules.toml")
    (inbox / ".hidden.toml").write_text("not looked at", encoding="utf-8")
    (inbox / "~$汇总表.xlsx").write_bytes(b"\x00" * 162)  # the owner file Excel or WPS leaves beside an open workbook (review FW B4)
    (inbox / "收件.zip").write_bytes(b"PK\x05\x06" + bytes(18))  # an empty zip archive
    table = inbox / "table.csv"
    table.write_text(
        "case_id,unit,region,year,rules,budget_initial,budget,executed,claim:execution\n"
        "t1,中共汨罗市委社会工作部,湖南省/岳阳市/汨罗市,2024,hunan.dept-overall,0,123.47,111.27,9.01\n"
        "t2,中共汨罗市委社会工作部,湖南省/岳阳市/汨罗市,2024,hunan.dept-overall,0,一百,111.27,9\n",
        encoding="utf-8",
    )
    done = run_cli("batch", str(inbox), "--format", "json")
    assert done.returncode == 1, done.stderr
    summary = _json(done)
    assert summary["counts"] == {"files": 8, "read": 4, "scored": 4, "failed": 2, "skipped": 4, "notices": 0, "with_errors": 1}  # t2 is read, and fails when its budget is read under its rules
    assert sorted((s["case_id"], s["sheet_id"]) for s in summary["sheets"]) == [
        ("hunan-miluo-shgzb-2024", "dept-overall"), ("t1", "sheet"), ("xinjiang-changji-shgzb-2024", "project-kaiban"), ("xinjiang-changji-shgzb-2024", "unit-overall"),
    ]
    failures = {f["path"].rsplit("/", 1)[-1]: f["reason"] for f in summary["failures"]}
    assert set(failures) == {"broken.toml", "table.csv:3#sheet"}
    assert "TOML 格式错误" in failures["broken.toml"]
    assert "budget" in failures["table.csv:3#sheet"] and "一百" in failures["table.csv:3#sheet"]
    skipped = {p["path"].rsplit("/", 1)[-1]: p["reason"] for p in summary["skipped"]}
    assert sorted(skipped) == ["notes.txt", "rules.toml", "~$汇总表.xlsx", "收件.zip"]
    assert "压缩包中没有文件" in skipped["收件.zip"] and "Excel/WPS 打开文件时生成的临时文件" in skipped["~$汇总表.xlsx"]
    assert "broken.toml" in done.stderr  # named to the person running it, not only in the JSON
    table_out = run_cli("batch", str(inbox)).stdout
    assert "无法读取或复核：" in table_out and "broken.toml" in table_out and "已跳过：" in table_out


def test_an_archive_of_submissions_is_unpacked_and_every_member_named_by_its_place_in_it(tmp_path):
    """A bureau receives the units' sheets as a .zip (review BZ C5): the batch reads its members as
    a folder's files, named "ARCHIVE/member" in every row, message and report, never by where they
    were unpacked; a member that cannot be read, a bomb, an archive inside it, a name climbing out
    of it are each refused with the reason, and the rest is scored."""
    import zipfile

    archive = tmp_path / "收件.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.write(HUNAN, "县里/汨罗.toml")
        z.writestr("县里/坏.toml", "[case\nid = 1\n")
        z.writestr("表.csv", "case_id,unit,region,year,rules,budget_initial,budget,executed,claim:execution\n"
                             "t1,中共汨罗市委社会工作部,湖南省/岳阳市/汨罗市,2024,hunan.dept-overall,0,123.47,111.27,9.01\n")
        z.writestr("说明.txt", "收件记录")
        z.writestr("里面.zip", b"PK\x05\x06" + bytes(18))
        z.writestr("../逃逸.toml", "x = 1")
        z.writestr("炸弹.toml", bytes(4 << 20))  # 4 MiB of zeros: a few KB packed
        z.writestr("__MACOSX/._汨罗.toml", "not looked at")
    report = tmp_path / "report.html"
    done = run_cli("batch", str(archive), "--format", "json", "--report", str(report))
    assert done.returncode == 1, done.stderr
    summary = _json(done)
    assert sorted(s["path"] for s in summary["sheets"]) == [f"{archive}/县里/汨罗.toml", f"{archive}/表.csv:2"], summary
    failures = {f["path"]: f["reason"] for f in summary["failures"]}
    assert set(failures) == {f"{archive}/{name}" for name in ("县里/坏.toml", "里面.zip", "逃逸.toml", "炸弹.toml")}, failures
    assert failures[f"{archive}/县里/坏.toml"].startswith(f"{archive}/县里/坏.toml") and "TOML 格式错误" in failures[f"{archive}/县里/坏.toml"]
    assert "嵌套压缩包" in failures[f"{archive}/里面.zip"] and "“..”" in failures[f"{archive}/逃逸.toml"]
    assert "压缩比异常" in failures[f"{archive}/炸弹.toml"]
    assert [p["path"] for p in summary["skipped"]] == [f"{archive}/说明.txt"]
    assert "scoring-batch-" not in done.stdout + done.stderr  # where it was unpacked is nobody's business
    # the report explains the over-claim from the member, read again after the batch
    html = report.read_text(encoding="utf-8")
    assert f"{archive.name}/县里/汨罗.toml" in html and "执行率＝90.12%" in html and "scoring-batch-" not in html
    # nothing is left behind in the temporary folder
    leftovers = list(Path(os.environ.get("TMPDIR", "/tmp")).glob("scoring-batch-*"))
    assert not [p for p in leftovers if p.stat().st_mtime >= archive.stat().st_mtime], leftovers


def test_a_submission_that_vanished_or_arrived_empty_is_counted_as_failed(tmp_path):
    """Every entry named like a submission is accounted for: a link whose file is gone, a pipe, an
    empty file are failures naming why (exit 1), and only a file that shows itself to be
    something else (a rule file) is skipped."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(HUNAN, inbox)
    (inbox / "02_vanished.toml").symlink_to(tmp_path / "gone.toml")
    os.mkfifo(inbox / "03_pipe.toml")
    (inbox / "04_empty.toml").write_text("", encoding="utf-8")
    (inbox / "05_empty.json").write_text("{}", encoding="utf-8")
    shutil.copy(FORMULAS / "hunan" / "dept-overall-2024.toml", inbox / "06_rules.toml")
    (inbox / "07_pyproject.toml").write_text("[tool.black]\nline-length = 100\n", encoding="utf-8")  # another program's file
    (inbox / "08_misspelt.toml").write_text('[cas]\nid = "x"\n', encoding="utf-8")  # a case file's keys misspelt: broken
    (inbox / "09_link.toml").symlink_to(inbox / HUNAN.name)  # the same submission again: scored once, and said
    done = run_cli("batch", str(inbox), "--format", "json")
    assert done.returncode == 1, done.stderr
    summary = _json(done)
    assert summary["counts"]["files"] == 9 and summary["counts"]["skipped"] == 3 and summary["counts"]["failed"] == 5
    failures = {f["path"].rsplit("/", 1)[-1]: f["reason"] for f in summary["failures"]}
    assert "链接指向的文件不存在" in failures["02_vanished.toml"] and "不是普通文件" in failures["03_pipe.toml"]
    assert all("文件中没有案例内容" in failures[name] for name in ("04_empty.toml", "05_empty.json"))
    assert [p["path"].rsplit("/", 1)[-1] for p in summary["skipped"]] == ["09_link.toml", "06_rules.toml", "07_pyproject.toml"]
    assert "是同一个文件（链接）" in summary["skipped"][0]["reason"]
    assert "cas: 未知的键" in failures["08_misspelt.toml"]


def test_a_submission_sent_twice_is_scored_once_and_said(tmp_path):
    """The same bytes under another name, in another folder or as a hard link are one submission:
    scored once, each copy listed as skipped naming the file it repeats; a file that differs by a
    byte is its own submission, and empty files still fail each on their own."""
    inbox = tmp_path / "inbox"
    (inbox / "resent").mkdir(parents=True)
    shutil.copy(HUNAN, inbox / "a.toml")
    shutil.copy(HUNAN, inbox / "resent" / "a-again.toml")
    os.link(inbox / "a.toml", inbox / "b-hardlink.toml")
    text = HUNAN.read_text(encoding="utf-8")
    (inbox / "c-other.toml").write_text(text.replace('id = "hunan-miluo-shgzb-2024"', 'id = "hunan-miluo-shgzb-2024x"', 1), encoding="utf-8")
    (inbox / "d-empty.toml").write_text("", encoding="utf-8")
    (inbox / "e-empty.toml").write_text("", encoding="utf-8")
    summary = _json(run_cli("batch", str(inbox), "--format", "json"))
    assert summary["counts"]["files"] == 6 and summary["counts"]["scored"] == 2 and summary["counts"]["failed"] == 2
    assert sorted(s["path"].rsplit("/", 1)[-1] for s in summary["sheets"]) == ["a.toml", "c-other.toml"]
    copies = {p["path"].rsplit("/", 1)[-1]: p["reason"] for p in summary["skipped"]}
    assert sorted(copies) == ["a-again.toml", "b-hardlink.toml"]
    assert all(f"与 {inbox / 'a.toml'} 内容完全相同（重复提交或副本），只复核一次" in reason for reason in copies.values()), copies


def test_two_files_of_one_name_in_two_folders_are_told_apart_in_the_table_and_report(tmp_path):
    """第一批/自评表.toml and 第二批/自评表.toml: the table's and the report's 来源 name as many folders
    as tell them apart; a name that occurs once stays short (review BZ C1)."""
    for folder, claim in (("第一批", "98.2"), ("第二批", "98.3")):
        (tmp_path / "收件" / folder).mkdir(parents=True)
        text = HUNAN.read_text(encoding="utf-8").replace('score = "98.2", source = "附件2 总分行', f'score = "{claim}", source = "附件2 总分行', 1)
        (tmp_path / "收件" / folder / "自评表.toml").write_text(text, encoding="utf-8")
    shutil.copy(XINJIANG, tmp_path / "收件" / "昌吉.toml")
    report = tmp_path / "r.html"
    table = run_cli("batch", str(tmp_path / "收件"), "--report", str(report)).stdout
    assert "第一批/自评表.toml#dept-overall" in table and "第二批/自评表.toml#dept-overall" in table, table
    assert " 昌吉.toml#unit-overall" in table
    page = report.read_text(encoding="utf-8")
    assert "第一批/自评表.toml#dept-overall" in page and "第二批/自评表.toml#dept-overall" in page


def test_a_sheet_handed_in_twice_is_named_every_copy_scored(tmp_path):
    """A corrected resubmission (same case, sheet, unit and title, one claim changed) and a table
    row sent again are each scored, and named together as 重复提交 in the table, the JSON and the
    report; rows of one case with other titles are not (review BZ A4)."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(HUNAN, inbox / "重发.toml")
    (inbox / "更正版.toml").write_text(HUNAN.read_text(encoding="utf-8").replace('score = "98.2"', 'score = "98.3"', 1), encoding="utf-8")
    shutil.copy(XINJIANG, inbox / "昌吉.toml")
    report = tmp_path / "r.html"
    done = run_cli("batch", str(inbox), "--report", str(report))
    said = "中共汨罗市委社会工作部“部门整体支出绩效自评表”（案例编号 hunan-miluo-shgzb-2024）出现 2 次：更正版.toml#dept-overall、重发.toml#dept-overall"
    assert "重复提交：" in done.stdout and said in done.stdout, done.stdout
    assert said in report.read_text(encoding="utf-8")
    summary = _json(run_cli("batch", str(inbox), "--format", "json"))
    assert summary["counts"]["scored"] == 4 and [(r["case_id"], len(r["paths"])) for r in summary["repeated"]] == [("hunan-miluo-shgzb-2024", 2)]
    # the spreadsheet says it in each copy's 说明 (review EH B4), and of no other sheet
    table = tmp_path / "s.csv"
    run_cli("batch", str(inbox), "--format", "csv", "--out", str(table))
    rows = list(csv.DictReader(io.StringIO(table.read_text(encoding="utf-8-sig"))))
    noted = sorted(r["文件"].rsplit("/", 1)[-1] for r in rows if r["说明"].startswith("重复提交（共 2 份："))
    assert noted == ["更正版.toml", "重发.toml"] and sum("重复提交" in r["说明"] for r in rows) == 2, rows


def test_copies_of_one_name_in_two_folders_are_told_apart_wherever_repeats_are_named(tmp_path):
    """Two folders each holding 自评表.toml of one sheet: named with their folders, as the table names
    them, not twice alike (review DS B1); the Word summary names them too (review DS C1)."""
    for folder, claim in (("第一批", "98.2"), ("第二批", "98.3")):
        (tmp_path / "inbox" / folder).mkdir(parents=True)
        (tmp_path / "inbox" / folder / "自评表.toml").write_text(HUNAN.read_text(encoding="utf-8").replace('score = "98.2"', f'score = "{claim}"', 1), encoding="utf-8")
    said = "出现 2 次：第一批/自评表.toml#dept-overall、第二批/自评表.toml#dept-overall；"
    report, word = tmp_path / "r.html", tmp_path / "r.docx"
    done = run_cli("batch", str(tmp_path / "inbox"), "--report", str(report), "--docx", str(word))
    assert said in done.stdout and said in report.read_text(encoding="utf-8"), done.stdout
    from docx import Document

    doc = Document(str(word))
    assert any(said in p.text for p in doc.paragraphs)
    # counted once, by the first copy, in the counts as in the sums, and said (review GB B3: the counts held both)
    texts = [p.text for p in doc.paragraphs]
    assert any("另有 1 张是重复提交的表（各份均已复核，统计只计每张表的第一份）" in t for t in texts), texts
    assert "按总分状态统计（重复提交的表只计第一份）" in texts and "按等级统计（重复提交的表只计第一份）" in texts, texts
    status, grades = (next(t for t in doc.tables if t.rows[0].cells[0].text == head) for head in ("总分状态", "按规则等级"))
    assert sum(int(row.cells[-1].text) for row in status.rows[1:]) == 1 == sum(int(row.cells[-1].text) for row in grades.rows[1:])


def test_of_two_equal_files_the_one_that_can_be_read_is_scored(tmp_path):
    """A workbook handed in twice, once renamed “….xls”: the .xls is refused for its name, so the
    copy kept is the .xlsx, whatever the names' order (review BZ A2: the submission was lost)."""
    workbook = tmp_path / "a" / "自评表.xlsx"
    workbook.parent.mkdir()
    assert run_cli("template", "hunan.dept-overall", "--fill", str(HUNAN), "--out", str(workbook)).returncode == 0
    (tmp_path / "0-另存为.xls").write_bytes(workbook.read_bytes())
    summary = _json(run_cli("batch", str(tmp_path), "--format", "json"))
    assert [s["path"].rsplit("/", 1)[-1] for s in summary["sheets"]] == ["自评表.xlsx"], summary
    assert [p["path"].rsplit("/", 1)[-1] for p in summary["skipped"]] == ["0-另存为.xls"] and not summary["failures"]
    # a TOML case saved again as ".json" likewise (review CA A2)
    cases = tmp_path / "cases"
    cases.mkdir()
    shutil.copy(HUNAN, cases / "汨罗.toml")
    shutil.copy(HUNAN, cases / "汨罗.json")
    summary = _json(run_cli("batch", str(cases), "--format", "json"))
    assert [s["path"].rsplit("/", 1)[-1] for s in summary["sheets"]] == ["汨罗.toml"] and not summary["failures"], summary


def test_a_sheet_naming_unknown_rules_fails_alone(tmp_path):
    text = XINJIANG.read_text(encoding="utf-8").replace('sheet_type = "项目支出绩效自评表"', 'rules = "xinjiang.nosuch"')
    assert "xinjiang.nosuch" in text
    case = tmp_path / "case.toml"
    case.write_text(text, encoding="utf-8")
    summary = _json(run_cli("batch", str(case), "--format", "json"))
    assert [s["sheet_id"] for s in summary["sheets"]] == ["unit-overall"]
    assert [f["path"].rsplit("#", 1)[-1] for f in summary["failures"]] == ["project-kaiban"]
    assert "xinjiang.nosuch" in summary["failures"][0]["reason"]
    # the unit and case it is from, where they were read: the bureau knows whom to send it back to
    failed = summary["failures"][0]
    assert (failed["case_id"], failed["sheet_id"], failed["unit"]) == ("xinjiang-changji-shgzb-2024", "project-kaiban", UNIT_CHANGJI), failed
    # and its region and year, as the scored sheets' rows have them, to sort and filter by (review CD B3)
    assert (failed["region"], failed["year"]) == (summary["sheets"][0]["region"], 2024) and failed["region"].startswith("新疆维吾尔自治区/")
    csv_out = tmp_path / "s.csv"
    run_cli("batch", str(case), "--out", str(csv_out))
    rows = list(csv.reader(io.StringIO(csv_out.read_text(encoding="utf-8-sig"))))
    assert [(r[1], r[2], r[3], r[4], r[5]) for r in rows if r[15] == "无法复核"] == [
        ("xinjiang-changji-shgzb-2024", UNIT_CHANGJI, failed["region"], "2024", "project-kaiban")]
    assert f"{UNIT_CHANGJI}（案例编号 xinjiang-changji-shgzb-2024，{failed['region']}，2024 年度）：" in run_cli("batch", str(case)).stdout


def test_a_case_file_that_cannot_be_read_names_whom_it_is_from(tmp_path):
    """A claim that is no number in a one-sheet case refuses the file; its [case] still says whose
    it is, and the failure's row says so, with the sheet the problem is in (review DS B4)."""
    claim = 'execution = { score = "9.2", source'
    text = HUNAN.read_text(encoding="utf-8")
    assert text.count(claim) == 1
    case = tmp_path / "case.toml"
    case.write_text(text.replace(claim, 'execution = { score = "1e30", source'), encoding="utf-8")
    summary = _json(run_cli("batch", str(case), str(XINJIANG), "--format", "json"))
    assert len(summary["failures"]) == 1 and {s["case_id"] for s in summary["sheets"]} == {"xinjiang-changji-shgzb-2024"}, summary
    failed = summary["failures"][0]
    assert "sheets[0].claims.execution" in failed["reason"], failed
    assert (failed["case_id"], failed["unit"], failed["sheet_id"], failed["year"]) == ("hunan-miluo-shgzb-2024", "中共汨罗市委社会工作部", "dept-overall", 2024)
    assert failed["region"].startswith("湖南省/")


def test_nothing_readable_exits_2(tmp_path):
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    done = run_cli("batch", str(tmp_path))
    assert done.returncode == 2 and "没有任何表可以复核" in done.stderr
    # a folder of rule files (one province's: each file is read whole to be told from a case, 17 MB for all of formulas/)
    rules_only = run_cli("batch", "formulas/hunan/", "--format", "json")
    assert rules_only.returncode == 2
    assert _json(rules_only)["counts"]["skipped"] == len([p for p in (FORMULAS / "hunan").rglob("*") if p.is_file() and not p.name.startswith(".")])
    missing = run_cli("batch", str(tmp_path / "nowhere"))
    assert missing.returncode == 2 and "不存在" in missing.stdout


def _run_with_terminal_stderr(*args: str) -> tuple[int, str]:
    master, slave = pty.openpty()
    done = subprocess.run([sys.executable, "-m", "scoring", *args], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=slave, timeout=120)
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the other end is closed and drained
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    return done.returncode, b"".join(chunks).decode("utf-8", "replace")


def test_progress_only_on_a_terminal_and_not_when_quiet(tmp_path):
    code, shown = _run_with_terminal_stderr("batch", "cases/", "--out", str(tmp_path / "s.txt"))
    assert code == 1
    assert "已处理" in shown and "每秒" in shown and "预计剩余" in shown and "用时" in shown
    code, quiet = _run_with_terminal_stderr("batch", "cases/", "--out", str(tmp_path / "s.txt"), "--quiet")
    assert code == 1 and "已处理" not in quiet and f"复核 {_shipped()[1]} 张表" in quiet
    piped = run_cli("batch", "cases/", "--out", str(tmp_path / "s.txt"))
    assert "已处理" not in piped.stderr and "\r" not in piped.stderr


def test_progress_line_shows_count_rate_and_time_left():
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Terminal()
    progress = Progress(200, "份", stream=stream)
    progress.start -= 10  # ten seconds in, a quarter of the way
    progress.update(50, 50)
    line = stream.getvalue()
    assert "已处理 50 份（25%）" in line and "每秒 5 份" in line and "预计剩余 0:30" in line
    silent = io.StringIO()
    Progress(10, "份", stream=silent).update(5, 5)
    assert silent.getvalue() == ""


_CALLS = {"init": 0}


def _init() -> None:
    _CALLS["init"] += 1


def _where(item: int) -> tuple[int, int, int]:
    return item, os.getpid(), _CALLS["init"]


def test_ordered_map_keeps_order_uses_workers_and_initializes_each_once():
    items = range(1500)
    pooled = list(ordered_map(_where, items, 2, _init, threshold=200))
    assert [r[0] for r in pooled] == list(items)
    pids = {r[1] for r in pooled}
    assert len(pids) == 2 and os.getpid() not in pids
    assert {r[2] for r in pooled} == {1}  # the initializer ran once in each worker, never per item
    small = list(ordered_map(_where, range(10), 2, _init, threshold=200))
    assert {r[1] for r in small} == {os.getpid()}


def _collecting(item):
    import gc

    return item, gc.isenabled()


def test_the_parent_pauses_its_cycle_collector_while_results_come_in_and_restores_it():
    """The parent keeps every result and makes no cycles: its collector is off while they come in
    (watched by the consumer between results), as it was afterwards; a worker collects as usual."""
    import gc

    seen = []
    for item, worker_collects in ordered_map(_collecting, range(300), 2, _init, threshold=0):
        seen.append((item, worker_collects, gc.isenabled()))
    assert [s[0] for s in seen] == list(range(300)) and all(s[1] for s in seen)
    assert not any(s[2] for s in seen) and gc.isenabled()
    gc.disable()
    try:
        assert [r[0] for r in ordered_map(_collecting, range(300), 2, _init, threshold=0)] == list(range(300))
        assert not gc.isenabled()  # left off, as it was found
    finally:
        gc.enable()


def test_workers_start_before_the_input_is_read_ahead():
    """Forked workers share, and each counts again, every page the parent holds when they start:
    the parent reads no further than it must before starting them (one heavy item to decide
    whether a pool is worth it; with a timeout, which makes the pool certain, nothing before the
    first worker starts, and one heavy item before the others)."""
    import multiprocessing

    workers_at_pull: list[int] = []

    def heavy(n: int):
        for i in range(n):
            workers_at_pull.append(len(multiprocessing.active_children()))
            yield i

    assert [r[0] for r in ordered_map(_where, heavy(6), 2, _init, timeout=60, weigh=lambda _: 1 << 16)] == list(range(6))
    assert workers_at_pull[:2] == [1, 2]
    workers_at_pull.clear()
    assert [r[0] for r in ordered_map(_where, heavy(6), 2, _init, weigh=lambda _: 1 << 16)] == list(range(6))
    assert workers_at_pull[:2] == [0, 2]  # the first item decided it; the second was read with the workers running


def _slow_start() -> None:
    time.sleep(1.5)  # a spawned interpreter's imports, a first load of the rules


def test_a_workers_start_is_not_counted_against_its_first_items_time():
    """A timeout is for an item: a worker still starting (a spawned interpreter importing the program,
    the initializer loading the rules) had its start counted against its first item, which was lost
    for a timeout shorter than the start."""
    results = list(ordered_map(_where, range(4), 2, _slow_start, timeout=1))
    assert [r[0] for r in results] == list(range(4)) and not any(isinstance(r, Lost) for r in results)


def _dead_start() -> None:
    os._exit(3)


def _slow_stream(n: int):
    for i in range(n):
        if i == 0:
            time.sleep(0.5)  # the parent reading a table, a large folder: the first worker has died meanwhile
        yield i


def test_a_worker_that_dies_starting_loses_its_items_and_stops_nothing():
    """The first worker starts before the items are read ahead: one that died meanwhile (its initializer failed, the
    out-of-memory killer) made sending its first chunk raise, and the batch stopped with a traceback (review LI A1).
    Its items are lost one by one, each said, as those of a worker dying later."""
    for n in (3, 600):
        results = list(ordered_map(_where, _slow_stream(n), 2, _dead_start, timeout=5))
        assert len(results) == n and all(isinstance(r, Lost) and "意外退出（退出码 3）" in r.reason for r in results)


def test_a_short_stream_is_shared_out_over_no_more_workers_than_it_has_items():
    """A chunk is 256 items: a batch of a few dozen files went whole to the first worker while the
    others started, loaded the rules and waited.  A stream that ends within the first round is
    shared out evenly, and starts a worker only for each of its items."""
    import multiprocessing

    alive: list[int] = []
    for items, jobs, workers in ((range(17), 2, 2), (range(3), 4, 3), (range(1), 2, 1), (range(0), 2, 0)):
        alive.clear()
        results = []
        for result in ordered_map(_where, items, jobs, _init, timeout=60):
            alive.append(len(multiprocessing.active_children()))
            results.append(result)
        assert [r[0] for r in results] == list(items)
        assert len({r[1] for r in results}) == workers and os.getpid() not in {r[1] for r in results}
        assert all(n <= max(workers, 1) for n in alive), (items, alive)
    pids = [r[1] for r in ordered_map(_where, range(17), 2, _init, timeout=60)]
    assert sorted(pids.count(pid) for pid in set(pids)) == [8, 9]  # evenly, in input order


def test_a_report_explains_its_sheets_by_scoring_them_again_on_the_traced_path(tmp_path, library):
    """A batch keeps no explanation: the report's per-unit lines are worked out when it is
    written, and are what the traced path gives the same sheets (case files and table rows)."""
    from scoring import Engine, load_case, report_loaded
    from scoring.batch.run import explain, run_batch, summarize
    from scoring.cases.table import TableRow, known_labels, read_table, row_to_case
    from scoring.output.html_report import render_html

    table = tmp_path / "dept.csv"
    made = run_cli("generate", "--csv", str(table), "--kinds", "formula", "--count", "60", "--seed", "4", "--quiet")
    assert made.returncode == 0, made.stderr
    result = run_batch([table, CASES], jobs=1, timeout=None)
    wanted = [s for s in result.sheets if s.differing]
    assert any(s.line for s in wanted) and any(not s.line for s in wanted)
    assert all(not s.details for s in result.sheets)  # nothing explained is kept
    engine = Engine()
    rows = {e.line: e for e in read_table(table, known_labels(library)) if isinstance(e, TableRow)}
    expected = []
    for s in wanted:
        if s.line:
            entry = rows[s.line]
            report = report_loaded(row_to_case(entry, library), entry.where, library, engine)
            sd = report.sheets[0]
        else:
            case, shown = load_case(s.path)
            sheet = next(sh for sh in case.sheets if sh.id == s.sheet_id)
            report = report_loaded(case.model_copy(update={"sheets": [sheet]}), shown, library, engine)
            sd = report.sheets[0]
        expected.append(summarize(report, sd, details=True).details)
    got = explain(wanted)
    assert got == expected and all(got)
    html = render_html(result, explain=explain)
    for lines in got[:20]:
        for line in lines:
            assert line.name in html and (not line.reason or line.reason.replace("<", "&lt;") in html)


def test_the_reports_grade_table_counts_a_claim_inside_the_rules_range_as_no_other_grade():
    import dataclasses

    from scoring.batch.run import run_batch
    from scoring.output.html_report import grade_table

    sheet = next(s for s in run_batch([CASES / "hunan-miluo-shgzb-2024.toml"], jobs=1, timeout=None).sheets)
    inside = dataclasses.replace(sheet, grade="中～优", grades=("中", "良", "优"), claimed_grade="良")
    outside = dataclasses.replace(inside, claimed_grade="差")
    stored = dataclasses.replace(inside, grades=())  # a row that kept only the range's text: its ends count
    assert "<td>中～优</td><td class=\"n\">1</td><td class=\"n\">0</td>" in grade_table([inside])
    assert "<td>中～优</td><td class=\"n\">2</td><td class=\"n\">1</td>" in grade_table([inside, outside])
    assert "<td>中～优</td><td class=\"n\">1</td><td class=\"n\">1</td>" in grade_table([stored])
    # no grade by the rules (weights that do not add up): nothing for a claimed grade to differ from (review BW A5)
    ungraded = dataclasses.replace(inside, grade="", grades=(), claimed_grade="优")
    assert "<td>无等级</td><td class=\"n\">1</td><td class=\"n\">0</td>" in grade_table([ungraded])


def test_a_summary_row_comes_back_whole_from_a_worker():
    """Workers send summary rows pickled as the tuple of their fields: every field, default or
    not, comes back, and so does a subclass with a field of its own."""
    import dataclasses
    import pickle
    from decimal import Decimal

    from scoring.batch.summary import IndicatorLine, SheetSummary

    summary = SheetSummary(
        path="a.csv:2", case_id="c-1", unit="某局", sheet_id="s", title="部门整体", rules="x@1", sha256="ab" * 32,
        claimed=Decimal("95.50"), computed=Decimal("93.1"), delta=Decimal("2.40"), total_status="over", worst_status="over",
        worst_severity="error", errors=1, warnings=2, infos=3, unverified_weight=Decimal("4.0"),
        findings=(("error", "total_over", "总分：高出 2.40 分", "a.csv:2#s.total"),), grade="良～优", claimed_grade="优", region="四川省/遂宁市", year=2024,
        grades=("良", "优"), differing=True, line=2, details=(IndicatorLine("履职效能", "10", "9", "8", "+1.00", "over", "因为"),), order=7,
    )
    assert all(getattr(summary, f.name) != f.default for f in dataclasses.fields(SheetSummary))  # every field set
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        back = pickle.loads(pickle.dumps(summary, protocol=protocol))
        assert back == summary and type(back) is SheetSummary

    @dataclasses.dataclass(slots=True)
    class Wider(SheetSummary):
        extra: str = "多一列"

    Wider.__qualname__ = "Wider"
    globals()["Wider"] = Wider  # pickle finds a class by its module and name
    wide = Wider(**{f.name: getattr(summary, f.name) for f in dataclasses.fields(SheetSummary)}, extra="另一值")
    back = pickle.loads(pickle.dumps(wide))
    assert back == wide and back.extra == "另一值"


def test_a_cell_over_several_lines_keeps_the_summary_table_one_line_a_sheet(tmp_path):
    table = tmp_path / "t.csv"
    table.write_text('case_id,unit,region,year,rules,budget,executed,budget_initial\n'
                     't1,"中共汨罗市委\n社会工作部",湖南省/岳阳市/汨罗市,2024,hunan.dept-overall,100,90,0\n', encoding="utf-8")
    lines = run_cli("batch", str(table)).stdout.splitlines()
    assert any("中共汨罗市委 社会工作部" in line and "t.csv:2" in line for line in lines)



def test_the_summary_csv_writes_each_cell_as_the_csv_module_would():
    """write_csv puts each row's line together itself (the serial end of a million-row batch):
    byte for byte what csv.writer writes for the same cells, whatever the text holds."""
    import itertools
    from decimal import Decimal

    from scoring import __version__
    from scoring.batch.collect import Problem
    from scoring.batch.run import BatchResult
    from scoring.batch.summary import SheetSummary
    from scoring.numbers import fmt
    from scoring.output.data import CSV_BOM, csv_safe
    from scoring.output.labels import STATUS_LABELS, severity_label
    from scoring.output.summary import PROBLEM_LABELS, write_csv

    texts = ["", "平常", "a,b", 'say "hi"', "line\nbreak", "cr\ronly", "crlf\r\nend", "=SUM(A1)", "+1", "-1.00", "-x", "@home",
             "全角，逗号", '"', ",", " lead", "trail ", "tab\there", "'already"]
    numbers = [None, Decimal("0"), Decimal("-0.00"), Decimal("93.06"), Decimal("-1.50"), Decimal("1E+2"), Decimal("100.0")]
    sheets = []
    for i, (text, number) in enumerate(zip(itertools.cycle(texts), itertools.chain(numbers * 6, numbers))):
        other = texts[(i * 7 + 3) % len(texts)]
        findings = () if i % 3 == 0 else (("error", "total_over", text, "w"), ("warning", "x", other, "w"))
        sheets.append(SheetSummary(
            path=f"{other}.csv:{i}", case_id=text, unit=other, sheet_id=text, title=other, rules=text, sha256="ab" * 32,
            claimed=number, computed=numbers[i % len(numbers)], delta=numbers[(i + 3) % len(numbers)],
            total_status=["match", "over", "under", "unclaimed", "invalid", "unverifiable", "incomplete"][i % 7],
            worst_status="over", worst_severity=[None, "error", "warning", "info"][i % 4], errors=i, warnings=0, infos=i % 5,
            unverified_weight=Decimal(0), findings=findings, grade=text, claimed_grade=other, region=other, year=[None, 2024][i % 2],
        ))
    result = BatchResult(sheets, [Problem("bad,file.toml", '原因 "引号"')], [Problem("skip.txt", "跳过")], len(sheets) + 2, len(sheets),
                         notices=[Problem("t.csv", "列“备注”未读取")])
    written = io.StringIO(newline="")
    write_csv(result, written)

    expected = io.StringIO(newline="")
    expected.write(CSV_BOM)
    w = csv.writer(expected)
    w.writerow(CSV_COLUMNS)
    # the cycled texts hand some sheets in three times: each copy's 说明 says so first
    repeated = {id(s): [f"重复提交（共 {len(g)} 份：{'、'.join(x.path for x in g)}）"] for g in result.repeats() for s in g}
    assert repeated
    for s in sheets:
        w.writerow((
            csv_safe(s.path), csv_safe(s.case_id), csv_safe(s.unit), csv_safe(s.region), "" if s.year is None else s.year, csv_safe(s.sheet_id),
            csv_safe(s.title), csv_safe(s.rules), s.sha256,
            __version__, fmt(s.claimed), fmt(s.computed), fmt(s.delta), STATUS_LABELS[s.total_status], STATUS_LABELS[s.worst_status],
            severity_label(s.worst_severity), s.errors, s.warnings, s.infos,
            csv_safe("；".join([*repeated.get(id(s), []), *(msg for _sev, _code, msg, _where in s.findings)])), csv_safe(s.grade), csv_safe(s.claimed_grade),
            fmt(s.unverified_weight),
        ))
    for kind, problems in (("failed", result.failures), ("skipped", result.skipped), ("notice", result.notices)):
        for p in problems:
            w.writerow([csv_safe(x) for x in (p.path, "", "", "", "", "", "", "", "", __version__, "", "", "", "", "", PROBLEM_LABELS[kind], "", "", "", p.reason, "", "", "")])
    assert written.getvalue() == expected.getvalue()
    rows = list(csv.reader(io.StringIO(written.getvalue().removeprefix(CSV_BOM))))
    assert rows[-1][15] == "提示" and rows[-2][15] == "已跳过"
    assert len(rows) == len(sheets) + 4 and rows[3][1] == "a,b" and rows[6][1] == "cr\ronly" and rows[8][1] == "'=SUM(A1)"


def test_a_table_whose_file_name_is_not_utf8_is_summarised_not_a_crash(tmp_path):
    """A file name in GBK bytes (zipped on Chinese Windows, unzipped on Linux) reaches the summary as
    lone surrogates: every output writes it escaped, valid UTF-8, every row in it (review BB: the
    CSV stopped with a UnicodeEncodeError at that row, to stdout and with --out; so did the JSON
    summary and the report written to a file)."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / os.fsdecode(b"z\xb2\xe2\xca\xd4.csv")).write_text(  # "z测试.csv" in GBK
        "case_id,unit,region,year,rules,budget_initial,budget,executed,claim:execution\n"
        "t1,中共汨罗市委社会工作部,湖南省/岳阳市/汨罗市,2024,hunan.dept-overall,0,123.47,111.27,9.01\n",
        encoding="utf-8",
    )
    shown = "z\\udcb2\\udce2\\udcca\\udcd4.csv:2"
    printed = run_cli("batch", str(inbox), "--format", "csv")
    assert printed.returncode == 0 and "Traceback" not in printed.stderr, printed.stderr
    out = tmp_path / "summary.csv"
    written = run_cli("batch", str(inbox), "--out", str(out))
    assert written.returncode == 0 and "Traceback" not in written.stderr, written.stderr
    for text in (printed.stdout, out.read_bytes().decode("utf-8-sig")):  # valid UTF-8 throughout
        rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
        assert len(rows) == 2 and rows[1][0].endswith(shown) and rows[1][1] == "t1", rows
    # every file output alike: the JSON summary's escape reads back as the name it was, the report too
    summary, report = tmp_path / "summary.json", tmp_path / "report.html"
    done = run_cli("batch", str(inbox), "--out", str(summary), "--report", str(report))
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    (sheet,) = json.loads(summary.read_bytes().decode("utf-8"))["sheets"]
    assert sheet["path"].endswith(os.fsdecode(b"z\xb2\xe2\xca\xd4.csv") + ":2")
    assert shown in report.read_bytes().decode("utf-8")


def test_the_summary_names_a_province_one_way_however_it_was_written(tmp_path):
    """地区 and 年度 in the summary, the province by its full name: "湖南/岳阳市/汨罗市" and
    "湖南省岳阳市汨罗市" are one place to filter by (review CD B3), on the table reader's path and
    the case model's alike."""
    table = tmp_path / "t.csv"
    table.write_text(
        "case_id,unit,region,year,rules,budget_initial,budget,executed,claim:execution\n"
        "t1,甲,湖南/岳阳市/汨罗市,2024年,hunan.dept-overall,0,123.47,111.27,9.01\n"
        "t2,乙,湖南省岳阳市汨罗市,2024,hunan.dept-overall,0,123.47,111.27,9.01\n",
        encoding="utf-8",
    )
    done = run_cli("batch", str(table), str(HUNAN), "--format", "json")
    sheets = _json(done)["sheets"]
    assert {(s["region"], s["year"]) for s in sheets} == {("湖南省/岳阳市/汨罗市", 2024)} and len(sheets) == 3


@pytest.mark.parametrize(("parts", "shown"), [
    (["四川", "遂宁市"], "四川省/遂宁市"), (["北京"], "北京市"), (["新疆"], "新疆维吾尔自治区"), (["新疆兵团"], "新疆生产建设兵团"),
    # a city or a prefecture written first is left as written, never renamed a province (review CE B4)
    (["吉林市", "船营区"], "吉林市/船营区"), (["海南藏族自治州"], "海南藏族自治州"), (["全国"], "全国"),
])
def test_a_region_is_shown_with_its_province_in_full_and_nothing_else_renamed(parts, shown):
    from scoring.batch.summary import region_text

    assert region_text(parts) == shown


def test_a_link_that_loops_fails_alone_in_a_batch(tmp_path):
    """Two links pointing at each other among the submissions (review CF A1): each is a failure
    naming the loop, and the good case beside them is scored — the batch used to end in a traceback."""
    shutil.copy(HUNAN, tmp_path / "good.toml")
    (tmp_path / "a.toml").symlink_to(tmp_path / "b.toml")
    (tmp_path / "b.toml").symlink_to(tmp_path / "a.toml")
    done = run_cli("batch", str(tmp_path), "--format", "json")
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    summary = _json(done)
    assert [s["path"].rsplit("/", 1)[-1] for s in summary["sheets"]] == ["good.toml"]
    assert sorted(f["path"].rsplit("/", 1)[-1] for f in summary["failures"]) == ["a.toml", "b.toml"]
    assert all("符号链接成环" in f["reason"] for f in summary["failures"])


def test_a_total_and_a_note_at_a_tables_foot_are_passed_over(tmp_path):
    """A bureau's spreadsheet ends with a "合计" row and a note (review ES C5): they are no sheets,
    passed over with why, not failures that make the batch exit 1."""
    header = "case_id,unit,region,year,rules,budget_initial,budget,executed,claim:execution"
    good = "t1,中共汨罗市委社会工作部,湖南省/岳阳市/汨罗市,2024,hunan.dept-overall,0,123.47,111.27,9.01"
    table = tmp_path / "汇总.csv"
    table.write_text("\n".join([header, good, "合 计,,,,,0,123.47,111.27,9.01", "填表说明：金额单位为万元,,,,,,,,",
                                ",合计（万元）,,,,0,123.47,111.27,9.01", "填表人：张三,,审核人：李四,,,,,,"]) + "\n", encoding="utf-8")
    done = run_cli("batch", str(table), "--format", "json")
    summary = _json(done)
    assert done.returncode == 0 and not summary["failures"] and len(summary["sheets"]) == 1, done.stdout
    reasons = [p["reason"] for p in summary["skipped"]]
    assert reasons == [f"{display_path(table)}:3: 该行是表中的“合 计”，不是一张表，已跳过",
                       f"{display_path(table)}:4: 该行只有说明（“填表说明：金额单位为万元”），不是一张表，已跳过",
                       f"{display_path(table)}:5: 该行是表中的“合计（万元）”，不是一张表，已跳过",
                       f"{display_path(table)}:6: 该行只有说明（“填表人：张三”），不是一张表，已跳过"], reasons
    # a unit's row that cannot be read still fails: a year in words, a row squeezed into one cell, a case
    # id with nothing else (review EU A2, B1)
    table.write_text("\n".join([header, good, "t2,某局,湖南省/岳阳市/汨罗市,去年,hunan.dept-overall,0,123.47,111.27,9.01",
                                f'"{good.replace("t1", "t3")}"', "t4,,,,,,,,"]) + "\n", encoding="utf-8")
    done = run_cli("batch", str(table), "--format", "json")
    assert done.returncode == 1 and [f["path"] for f in _json(done)["failures"]] == [f"{display_path(table)}:{n}" for n in (3, 4, 5)]


def test_an_archive_made_on_chinese_windows_names_its_members_in_chinese(tmp_path):
    """Windows in Chinese writes a zip's names in GBK without the UTF-8 flag (Explorer, 360压缩,
    older WinRAR), some tools UTF-8 without it: the members are named as their archiver wrote them,
    not as code page 437 mojibake (review ES B2); a flagged UTF-8 name stays as it is."""
    import zipfile

    names = {"县里/汨罗.toml": "gbk", "乡里/汨罗.toml": "utf-8"}
    archive = tmp_path / "收件.zip"
    with zipfile.ZipFile(archive, "w") as z:
        text = HUNAN.read_text(encoding="utf-8")
        for i, name in enumerate(names):
            # an ASCII stand-in of the same length, its bytes replaced below as such an archiver writes them
            z.writestr(f"p{i}".ljust(len(name.encode(names[name])), "x"), f"{text}\n# {i}\n")
        z.writestr("标好的/汨罗.toml", text)  # zipfile flags a name that is not ASCII as UTF-8
    data = archive.read_bytes()
    for i, (name, encoding) in enumerate(names.items()):
        stand_in = f"p{i}".ljust(len(name.encode(encoding)), "x").encode()
        assert data.count(stand_in) == 2  # the local header and the central directory
        data = data.replace(stand_in, name.encode(encoding))
    archive.write_bytes(data)
    done = run_cli("batch", str(archive), "--format", "json")
    summary = _json(done)
    assert not summary["failures"] and not summary["skipped"], done.stderr
    paths = sorted(s["path"] for s in summary["sheets"])
    assert paths == sorted(f"{archive}/{name}" for name in (*names, "标好的/汨罗.toml")), paths


def test_an_archive_member_without_a_name_is_no_crash(tmp_path):
    """A member whose name is empty, or cut to nothing at a NUL byte, crashed the batch (review EZ A1):
    it is read as any other member, the others are scored."""
    import zipfile

    archive = tmp_path / "收件.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(HUNAN, "汨罗.toml")
        z.writestr(zipfile.ZipInfo(""), "x = 1")
    done = run_cli("batch", str(archive), "--format", "json")
    assert "Traceback" not in done.stderr and done.returncode in (0, 1), done.stderr
    assert [s["path"] for s in _json(done)["sheets"]] == [f"{archive}/汨罗.toml"]


def test_an_archive_that_cannot_be_read_fails_alone_in_words(tmp_path):
    """A damaged .zip beside a good case: one failure saying what it is, in Chinese (zipfile's own
    words are English), and the case scored."""
    shutil.copy(HUNAN, tmp_path / "good.toml")
    (tmp_path / "坏.zip").write_bytes(b"PK\x03\x04" + bytes(40))
    summary = _json(run_cli("batch", str(tmp_path), "--format", "json"))
    assert [s["path"].rsplit("/", 1)[-1] for s in summary["sheets"]] == ["good.toml"]
    (failure,) = summary["failures"]
    assert failure["reason"].endswith("坏.zip: 不是可读取的 zip 压缩包（文件损坏，或是其他格式改了扩展名）"), failure


class _OtherSummary(SheetSummary):
    """A summary of a class of its own (as a program using the package may make)."""

    __slots__ = ()


def test_summaries_sent_from_a_worker_arrive_as_they_were_made():
    """A worker packs a block's summaries (`summary.pack`: numbers written out) and the parent
    unpacks them: every field arrives equal and written alike — an exponent, a negative zero, a
    number a table repeats shared once — and a summary of another class is sent as it is."""
    import pickle
    from dataclasses import astuple
    from decimal import Decimal

    from scoring.batch.run import _ItemResult, _Shared

    def made(claimed, computed, delta, unverified, **kw):
        return SheetSummary(path="t.csv:2", case_id="c1", unit="某单位", sheet_id="s", title="表", rules="r@1", sha256="ab", claimed=claimed,
                            computed=computed, delta=delta, total_status="over", worst_status="over", worst_severity="error", errors=1,
                            warnings=0, infos=2, unverified_weight=unverified,
                            findings=(("error", "total_over", "总分：自评 …", "t.csv:2#s.total"),), grade="优", region="四川省/遂宁市",
                            year=2024, grades=("良", "优"), differing=True, line=2, **kw)

    sheets = [made(Decimal("93.06"), Decimal("92.06"), Decimal("1.00"), Decimal("0")),
              made(Decimal("1E+1"), Decimal("-0.00"), Decimal("10.00"), Decimal("4.5"), claimed_grade="优"),
              made(None, Decimal("98.60"), None, Decimal("0"))]
    sent = pickle.loads(pickle.dumps(_ItemResult(0, 3, sheets, source="t.csv")))
    assert type(sent.sheets) is Packed
    got = list(_Shared().received(sent.sheets))
    assert [astuple(s) for s in got] == [astuple(s) for s in sheets]
    assert [[str(v) for v in (s.claimed, s.computed, s.delta, s.unverified_weight)] for s in got] == \
        [[str(v) for v in (s.claimed, s.computed, s.delta, s.unverified_weight)] for s in sheets]
    assert got[0].unverified_weight is got[2].unverified_weight  # one copy of a repeated number

    other = _OtherSummary(**{k: getattr(sheets[0], k) for k in SheetSummary.__dataclass_fields__})
    sent = pickle.loads(pickle.dumps(_ItemResult(0, 1, [sheets[0], other])))
    assert type(sent.sheets) is list and type(sent.sheets[1]) is _OtherSummary
    assert [astuple(s) for s in _Shared().received(sent.sheets)] == [astuple(sheets[0]), astuple(other)]
