"""Malformed files through the real CLI: broken TOML and JSON, duplicate keys, a BOM, GBK.

A file that can be read is read correctly (a BOM or GBK gives the same scores as plain UTF-8);
one that cannot is refused with a message naming the file and, where the parser gives it, the
line and column.  (CSV waits for the batch command.)
"""

from __future__ import annotations

import json
import re
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import CASES, FORMULAS, copy_formulas, run_cli

HUNAN = CASES / "hunan-miluo-shgzb-2024.toml"  # Chinese throughout, rows, claims: a good probe
HUNAN_RULES = FORMULAS / "hunan" / "dept-overall-2024.toml"


def _json_case(path: Path) -> str:
    """The Hunan case as a JSON case file (decimals written as strings, as a case would)."""
    data = tomllib.loads(HUNAN.read_text(encoding="utf-8"), parse_float=Decimal)
    return json.dumps(data, ensure_ascii=False, default=str, indent=2)


def _diff_json(case: Path) -> dict:
    proc = run_cli("diff", str(case), "--format", "json")
    assert proc.returncode == 1, proc.stderr  # the Hunan case has an over-claim
    report = json.loads(proc.stdout)
    return json.loads(json.dumps(report).replace(str(case), "CASE").replace(case.name, "CASE"))


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> dict:
    plain = tmp_path_factory.mktemp("plain") / "case.toml"
    plain.write_bytes(HUNAN.read_bytes())
    return _diff_json(plain)


# -- readable after all: BOM, GBK ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "encode"),
    [
        ("bom.toml", lambda text: b"\xef\xbb\xbf" + text.encode("utf-8")),
        ("gbk.toml", lambda text: text.encode("gbk")),
        ("gb18030.toml", lambda text: text.encode("gb18030")),
    ],
)
def test_a_bom_or_gbk_case_reads_exactly_like_utf8(tmp_path, reference, name, encode):
    case = tmp_path / name
    case.write_bytes(encode(HUNAN.read_text(encoding="utf-8")))
    assert _diff_json(case) == reference


@pytest.mark.parametrize(("name", "encoding", "bom"), [("bom.json", "utf-8", True), ("gbk.json", "gbk", False)])
def test_a_bom_or_gbk_json_case_reads_exactly_like_utf8(tmp_path, reference, name, encoding, bom):
    case = tmp_path / name
    case.write_bytes((b"\xef\xbb\xbf" if bom else b"") + _json_case(case).encode(encoding))
    assert _diff_json(case) == reference


def test_a_gbk_rule_file_validates_with_the_same_hash(tmp_path):
    plain = run_cli("formulas", "validate", str(HUNAN_RULES))
    gbk = tmp_path / "hunan-gbk.toml"
    gbk.write_bytes(HUNAN_RULES.read_text(encoding="utf-8").encode("gbk"))
    bom = tmp_path / "hunan-bom.toml"
    bom.write_bytes(b"\xef\xbb\xbf" + HUNAN_RULES.read_bytes())
    proc = run_cli("formulas", "validate", str(gbk), str(bom))
    assert plain.returncode == 0 and proc.returncode == 0, proc.stderr
    digest = plain.stdout.split("sha256 ")[1][:12]
    assert proc.stdout.count(f"sha256 {digest}") == 2, "the content hash does not depend on the encoding"


# -- refused, with file and place ----------------------------------------------------------------------


def _refused(proc, path: Path, *fragments: str) -> str:
    assert proc.returncode == 2, (proc.returncode, proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr
    assert str(path) in proc.stderr, "the message names the file"
    for fragment in fragments:
        assert fragment in proc.stderr, proc.stderr
    return proc.stderr


def test_broken_toml_case_names_file_line_and_column(tmp_path):
    case = tmp_path / "case.toml"
    case.write_text(HUNAN.read_text(encoding="utf-8").replace('id = "dept-overall"', 'id = "dept-overall', 1), encoding="utf-8")
    line = next(i for i, text in enumerate(case.read_text(encoding="utf-8").splitlines(), 1) if text.startswith('id = "dept-overall'))
    _refused(run_cli("diff", str(case)), case, "TOML 格式错误", f"第 {line} 行第")


def test_a_case_under_the_other_formats_name_or_cut_off_says_so(tmp_path):
    """A TOML case saved as .json (or JSON as .toml) is told to change its extension, not to fix
    punctuation in its first line; a file that stops mid-value is said to be cut off, not to have
    an unquoted value (review BZ B1, B2)."""
    text = HUNAN.read_text(encoding="utf-8")
    as_json = tmp_path / "case.json"
    as_json.write_text(text, encoding="utf-8")
    said = _refused(run_cli("diff", str(as_json)), as_json, "文件内容是 TOML 格式，不是 JSON：请把扩展名改为 .toml")
    assert "中文标点" not in said
    as_toml = tmp_path / "data.toml"
    as_toml.write_text(json.dumps(tomllib.loads(text), ensure_ascii=False), encoding="utf-8")
    _refused(run_cli("diff", str(as_toml)), as_toml, "文件内容是 JSON 格式，不是 TOML：请把扩展名改为 .json")
    # a rule file is TOML only: no name to change to (review CA C2)
    rule = tmp_path / "rules" / "r.toml"
    rule.parent.mkdir()
    rule.write_text(json.dumps(tomllib.loads((FORMULAS / "national" / "project-2020.toml").read_text(encoding="utf-8")), default=str), encoding="utf-8")
    said = run_cli("formulas", "validate", str(rule)).stderr
    assert "文件内容是 JSON 格式，不是 TOML：规则文件须用 TOML 格式书写" in said and "扩展名" not in said, said
    # a string left open in a whole file is said so, not a file cut off (review CA C3)
    open_string = tmp_path / "open.toml"
    open_string.write_text(text.replace('unit = "中共汨罗市委社会工作部"', 'unit = """中共汨罗市委社会工作部', 1), encoding="utf-8")
    _refused(run_cli("diff", str(open_string)), open_string, "文字缺少结尾的英文引号（在文件末尾）")
    cut = tmp_path / "cut.toml"
    cut.write_text(text[: text.index('group = ["产出指标",') + len('group = ["产出指标",')], encoding="utf-8")
    _refused(run_cli("diff", str(cut)), cut, "文件在末尾中断（未写完、未保存完整或传输不全？）")


def test_duplicate_key_in_a_toml_case_names_the_line(tmp_path):
    case = tmp_path / "case.toml"
    case.write_text(HUNAN.read_text(encoding="utf-8").replace("[sheets.inputs.budget]\n", '[sheets.inputs.budget]\nvalue = "1"\n', 1), encoding="utf-8")
    _refused(run_cli("score", str(case)), case, "TOML 格式错误", "同一个键“value”写了两次", "第")


def test_toml_errors_are_said_in_chinese_and_chinese_punctuation_is_named(tmp_path):
    """Case files are typed by hand with a Chinese input method: “” for quotes, ＝ for =."""
    case = tmp_path / "case.toml"
    case.write_text(HUNAN.read_text(encoding="utf-8").replace('unit = "中共汨罗市委社会工作部"', "unit = “中共汨罗市委社会工作部”", 1), encoding="utf-8")
    said = _refused(run_cli("diff", str(case)), case, "TOML 格式错误：值无效（文字须用英文双引号括起", "有中文标点 “”")
    assert "Invalid" not in said


def test_a_key_in_chinese_without_quotes_is_told_to_be_quoted(tmp_path):
    """A claim keyed by its printed name, as the README allows, typed without quotes (review ES B6):
    the message says the key needs English double quotes, not that the line is no "键 = 值"."""
    case = tmp_path / "case.toml"
    text = HUNAN.read_text(encoding="utf-8")
    case.write_text(text.replace('execution = { score = "9.2"', '预算执行率 = { score = "9.2"', 1), encoding="utf-8")
    said = _refused(run_cli("diff", str(case)), case, "键名“预算执行率”含英文字母、数字、“_”“-”以外的字符，须用英文双引号括起：\"预算执行率\" = …")
    assert "应为“键 = 值”" not in said
    # a dotted key: each part quoted alone (review EU B2)
    from scoring.files.reading import toml_problem

    dotted = "[case]\nclaims.预算执行率 = 9.2\n"
    with pytest.raises(tomllib.TOMLDecodeError) as exc:
        tomllib.loads(dotted)
    assert 'claims."预算执行率" = …' in toml_problem(str(exc.value), dotted)
    case.write_text(text.replace('execution = { score = "9.2"', '"预算执行率" = { score = "9.2"', 1), encoding="utf-8")
    assert run_cli("diff", str(case)).returncode == 1  # quoted, it is read: the Miluo sheet's over-claim


def test_a_file_whose_chinese_was_garbled_by_a_western_code_page_says_so(tmp_path):
    """UTF-8 opened as Latin-1 and saved again is still UTF-8 and still TOML: read, it was refused
    as a sheet of an unknown type, with a unit and region of mojibake (review ES B4).  It is refused
    as garbled; so is a case table's header garbled so; a text with real Chinese in it never is."""
    text = HUNAN.read_text(encoding="utf-8")
    case = tmp_path / "case.toml"
    case.write_text(text.encode("utf-8").decode("latin-1"), encoding="utf-8")
    said = _refused(run_cli("diff", str(case)), case, "文件中的中文是乱码（UTF-8 文字被当作西文编码读入后又存了一次）")
    assert "表类型" not in said
    table = tmp_path / "t.csv"
    table.write_text("案例编号,单位,地区,年度,规则\n".encode("utf-8").decode("latin-1") + "t1,x,湖南省,2024,hunan.dept-overall\n", encoding="utf-8")
    done = run_cli("batch", str(table))
    assert done.returncode == 2 and "t.csv:1: 表头中的中文是乱码" in done.stdout, done.stdout
    # … and a row of a table under a header of ids, on whichever path it is read (review EZ B3)
    table.write_text("case_id,unit,region,year,rules,budget,executed,claim:execution\n"
                     "t1," + "中共汨罗市委社会工作部".encode("utf-8").decode("latin-1") + ",湖南省/岳阳市/汨罗市,2024,hunan.dept-overall,100,90,9\n",
                     encoding="utf-8")
    done = run_cli("batch", str(table), "--format", "json")
    [failure] = json.loads(done.stdout)["failures"]
    assert "t.csv:2: unit" in failure["reason"] and "中文是乱码" in failure["reason"], failure
    fine = tmp_path / "fine.toml"  # Western letters beside Chinese ones: "café" in a note
    fine.write_text(text.replace('unit = "中共汨罗市委社会工作部"', 'unit = "中共汨罗市委社会工作部（é€）"', 1), encoding="utf-8")
    assert run_cli("diff", str(fine)).returncode == 1


def test_files_of_other_kinds_given_to_diff_are_named_for_what_they_are(tmp_path):
    """A rule file, an archive or a README handed to `diff` (review ES C2): what it is comes first,
    not the keys a case file lacks or the encoding a zip is not in."""
    said = _refused(run_cli("diff", str(FORMULAS / "national" / "project-2020.toml")), FORMULAS / "national" / "project-2020.toml",
                    "这是规则文件（放在规则目录中，用 --rules-dir 指定")
    assert "未知的键" not in said and len(said.splitlines()) == 1
    archive = tmp_path / "收件.zip"
    archive.write_bytes(b"PK\x05\x06" + bytes(18))
    _refused(run_cli("diff", str(archive)), archive, "这是压缩包（batch 逐个读取其中的文件），请用 scoring batch 收件.zip 复核")
    readme = tmp_path / "README.md"
    readme.write_text("# 说明\n\n本目录是各单位的自评表。\n", encoding="utf-8")
    said = _refused(run_cli("diff", str(readme)), readme, ": 不是 .toml、.json 案例文件或 .xlsx 填报工作簿（按 TOML 读取：")


def test_a_year_typed_with_its_word_in_a_case_file_is_read_as_a_tables_is(tmp_path):
    """year = "2024年" (or "2024年度") in a case file is the year, as in a case table's cell or a
    workbook (review ES C7); "去年" is still refused naming the key."""
    text = HUNAN.read_text(encoding="utf-8")
    case = tmp_path / "case.toml"
    before = json.loads(run_cli("diff", str(HUNAN), "--format", "json").stdout)
    for written in ('"2024年"', '"2024年度"'):
        case.write_text(re.sub(r"(?m)^year = 2024$", f"year = {written}", text, count=1), encoding="utf-8")
        after = json.loads(run_cli("diff", str(case), "--format", "json").stdout)
        assert after["sheets"] == before["sheets"], written  # the 2024 rules, the same scores
    case.write_text(re.sub(r"(?m)^year = 2024$", 'year = "去年"', text, count=1), encoding="utf-8")
    _refused(run_cli("diff", str(case)), case, "case.year")


def test_duplicate_table_in_a_toml_case_is_refused(tmp_path):
    case = tmp_path / "case.toml"
    text = HUNAN.read_text(encoding="utf-8")
    case.write_text(text + '\n[sheets.inputs.budget]\nvalue = "999"\n', encoding="utf-8")
    _refused(run_cli("diff", str(case)), case, "TOML 格式错误", "第")


def test_broken_json_case_names_line_and_column(tmp_path):
    case = tmp_path / "case.json"
    text = _json_case(case)
    case.write_text(text.replace('"dept-overall",', '"dept-overall"', 1), encoding="utf-8")  # a missing comma
    stderr = _refused(run_cli("diff", str(case)), case, "JSON 格式错误：第 ")
    assert "行第" in stderr and "列" in stderr


@pytest.mark.parametrize("text", ['{"case": {}, }', "{'case': 1}", '{"case": 1} // comment'])
def test_json_with_trailing_commas_quotes_or_comments_is_refused(tmp_path, text):
    case = tmp_path / "case.json"
    case.write_text(text, encoding="utf-8")
    _refused(run_cli("diff", str(case)), case, "JSON 格式错误")


def test_duplicate_key_in_a_json_case_is_refused_naming_the_key(tmp_path):
    case = tmp_path / "case.json"
    text = _json_case(case).replace('"id": "dept-overall",', '"id": "dept-overall",\n      "id": "other",', 1)
    case.write_text(text, encoding="utf-8")
    _refused(run_cli("diff", str(case)), case, "JSON 格式错误", "键“id”重复")


def test_a_json_case_that_is_not_an_object_is_refused(tmp_path):
    case = tmp_path / "case.json"
    case.write_text("[1, 2]", encoding="utf-8")
    _refused(run_cli("diff", str(case)), case, "顶层应为对象")


def test_utf16_or_binary_is_refused_as_an_unknown_encoding(tmp_path):
    for name, raw in (("utf16.toml", HUNAN.read_text(encoding="utf-8").encode("utf-16")), ("binary.toml", bytes(range(256)) * 4)):
        case = tmp_path / name
        case.write_bytes(raw)
        _refused(run_cli("diff", str(case)), case, "既不是 UTF-8 也不是 GBK")


def test_an_empty_case_file_is_said_to_be_empty_and_a_part_missing_is_named(tmp_path):
    case = tmp_path / "case.toml"
    for text in ("", "format = 1\n"):
        case.write_text(text, encoding="utf-8")
        _refused(run_cli("diff", str(case)), case, "文件中没有案例内容")
    case.write_text('[case]\nid = "x"\nunit = "单位"\nregion = ["湖南省"]\nsource = "s"\n', encoding="utf-8")
    _refused(run_cli("diff", str(case)), case, "sheets: 缺少必填项")


def test_an_empty_cut_off_json_or_a_file_cut_inside_a_character_says_it_did_not_arrive_whole(tmp_path):
    """Review FW B1, B2: an empty or cut-off JSON case got the parser's "此处应为一个值", and a UTF-8 file cut inside a
    character was called the wrong encoding."""
    case = tmp_path / "case.json"
    for text in ("", "\n\n  \n"):
        case.write_text(text, encoding="utf-8")
        _refused(run_cli("diff", str(case)), case, "文件是空的")
    whole = _json_case(HUNAN)
    case.write_text(whole[: len(whole) // 2].rstrip().rstrip(",") + "\n", encoding="utf-8")
    _refused(run_cli("diff", str(case)), case, "后意外结束，内容不完整")
    cut = tmp_path / "cut.toml"
    raw = HUNAN.read_bytes()
    at = raw.index("汨罗".encode("utf-8")) + 1  # inside the character's three bytes
    cut.write_bytes(raw[:at])
    _refused(run_cli("diff", str(cut)), cut, "文件在一个字的中间结束，内容不完整")


def test_a_score_with_a_percent_sign_a_negative_weight_or_a_later_format_is_refused(tmp_path):
    """"19%" for a score, a row weight of −20 and a case file of a format this tool does not know
    are refused at their key, never read as 19 points, [0, −20] or format 1."""
    base = (CASES / "hunan-miluo-shgzb-2024.toml").read_text(encoding="utf-8")
    case = tmp_path / "case.toml"
    for edit, said in (
        (lambda t: t.replace('score = "9.2"', 'score = "9.2%"', 1), "“9.2%”带百分号：得分和分值应写分数"),
        (lambda t: t.replace("weight = 10", "weight = -10", 1), "subtotals[2].weight: 应大于或等于 0（所填为 -10）"),
        # a row's, named by its place and its name as the sheet prints them (review FW B6)
        (lambda t: t.replace("weight = 10", "weight = -10", 2).replace("weight = -10", "weight = 10", 1), "rows[0].weight: 应大于或等于 0（所填为 -10）（绩效指标第 1 行“"),
        (lambda t: "format = 2\n" + t.replace("format = 1\n", "", 1), "本工具只读取 format = 1 的案例文件"),
    ):
        changed = edit(base)
        assert changed != base
        case.write_text(changed, encoding="utf-8")
        _refused(run_cli("diff", str(case)), case, said)


def test_a_figure_written_as_an_empty_string_is_missing_as_a_blank_cell_is(tmp_path):
    base = (CASES / "hunan-miluo-shgzb-2024.toml").read_text(encoding="utf-8")
    case = tmp_path / "case.toml"
    changed = base.replace('[sheets.inputs.executed]\nvalue = "111.27"', '[sheets.inputs.executed]\nvalue = ""', 1)
    assert changed != base
    case.write_text(changed, encoding="utf-8")
    done = run_cli("diff", str(case), "--format", "json")
    assert done.returncode == 1, done.stderr
    assert "missing_input" in [f["code"] for f in json.loads(done.stdout)["findings"]]


def test_a_case_table_or_another_kind_of_file_given_to_diff_is_named(tmp_path):
    table = tmp_path / "t.csv"
    table.write_text("case_id,unit\n", encoding="utf-8")
    _refused(run_cli("diff", str(table)), table, "这是案例表", "scoring batch")
    notes = tmp_path / "readme.txt"
    notes.write_text("收件记录\n", encoding="utf-8")
    _refused(run_cli("diff", str(notes)), notes, "不是 .toml、.json 案例文件或 .xlsx 填报工作簿")


def test_a_sheet_that_cannot_be_used_is_refused_alone_and_the_others_are_shown(tmp_path):
    """One sheet of the Suining case whose region is misspelt beyond recognition (泗川省): its
    figures are Sichuan's, so it is refused naming why; the two project sheets are still scored
    and shown, and the exit code says part of the input could not be used."""
    text = (CASES / "sichuan-suining-anju-jxb-2024.toml").read_text(encoding="utf-8").replace('"四川省", "遂宁市"', '"泗川省", "遂宁市"', 1)
    case = tmp_path / "case.toml"
    case.write_text(text, encoding="utf-8")
    done = run_cli("diff", str(case), "--format", "json")
    assert done.returncode == 2, done.stderr
    report = json.loads(done.stdout)
    assert [s["id"] for s in report["sheets"]] == ["project-mbjx", "project-xinchuang"]
    refused = [f for f in report["findings"] if f["code"] == "sheet_refused"]
    assert len(refused) == 1 and refused[0]["where"].endswith("#dept-overall") and "sichuan.dept-overall@2024.6" in refused[0]["message"]


def test_rules_of_another_form_named_for_a_sheet_are_refused_in_one_sentence():
    """--rules naming the Hunan rules for the Suining case: its 部门整体 sheet's 42 figures, 23
    claims and deduction counts are said once, not in 70 lines."""
    done = run_cli("diff", str(CASES / "sichuan-suining-anju-jxb-2024.toml"), "--rules", "hunan.dept-overall")
    assert done.returncode == 2
    about = [line for line in done.stderr.splitlines() if "#dept-overall" in line]
    assert len(about) == 1 and "本表 42 项数字中有 42 项" in about[0] and "不是规则集 hunan.dept-overall@2024.46 的输入" in about[0], done.stderr


def test_a_misspelt_required_key_is_said_once_naming_the_key_meant(tmp_path):
    """"unti" for unit: one line at the misspelt key ("是否应为 unit？"), not "unit: 缺少必填项" besides."""
    case = tmp_path / "case.toml"
    case.write_text(HUNAN.read_text(encoding="utf-8").replace("\nunit = ", "\nunti = ", 1), encoding="utf-8")
    said = _refused(run_cli("diff", str(case)), case, "case.unti: 未知的键（是否应为 unit？unit 是必填项）")
    assert "缺少必填项" not in said


def test_rules_forced_on_the_command_line_score_only_the_sheets_of_their_form(tmp_path):
    """--rules hunan.dept-overall on a case of a 部门整体 sheet and a project sheet: the project sheet
    gets no verdict under a 部门整体 rule set; it is refused, naming the forms."""
    hunan = tomllib.loads((CASES / "hunan-miluo-shgzb-2024.toml").read_text(encoding="utf-8"))
    suining = tomllib.loads((CASES / "sichuan-suining-anju-jxb-2024.toml").read_text(encoding="utf-8"))
    hunan["sheets"].append(next(s for s in suining["sheets"] if s["sheet_type"] == "项目支出绩效自评表"))
    case = tmp_path / "case.json"
    case.write_text(json.dumps(hunan, ensure_ascii=False, default=str), encoding="utf-8")
    done = run_cli("diff", str(case), "--rules", "hunan.dept-overall", "--format", "json")
    assert done.returncode == 2, done.stderr
    report = json.loads(done.stdout)
    assert [s["id"] for s in report["sheets"]] == ["dept-overall"]
    refused = [f["message"] for f in report["findings"] if f["code"] == "sheet_refused"]
    assert len(refused) == 1 and "是“部门整体支出绩效自评表”的规则，本表是“项目支出绩效自评表”" in refused[0]


def test_a_missing_file_or_a_folder_is_refused(tmp_path):
    _refused(run_cli("diff", str(tmp_path / "nowhere.toml")), tmp_path / "nowhere.toml", "无法读取文件")
    folder = tmp_path / "folder.toml"
    folder.mkdir()
    _refused(run_cli("diff", str(folder)), folder, "无法读取文件")


# -- malformed rule files ----------------------------------------------------------------------


def test_broken_and_duplicate_key_rule_files_fail_validation_with_file_and_line(tmp_path):
    text = HUNAN_RULES.read_text(encoding="utf-8")
    broken = tmp_path / "broken.toml"
    broken.write_text(text.replace('id = "hunan.dept-overall"', 'id = hunan.dept-overall', 1), encoding="utf-8")
    duplicate = tmp_path / "duplicate.toml"
    duplicate.write_text(text.replace("[rule_set]\n", '[rule_set]\nid = "other"\n', 1), encoding="utf-8")
    proc = run_cli("formulas", "validate", str(broken), str(duplicate))
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    for path in (broken, duplicate):
        assert f"失败：{path}: TOML 格式错误" in proc.stderr and "行" in proc.stderr


def test_a_broken_rule_file_in_a_rules_dir_is_skipped_with_a_warning_and_the_rest_still_work(tmp_path):
    rules = copy_formulas(tmp_path / "rules", "hunan/*.toml", "national/project-2020*.toml")  # the Hunan case's rules
    (rules / "broken.toml").write_text("[rule_set\nid = 1\n", encoding="utf-8")
    proc = run_cli("diff", str(HUNAN), "--rules-dir", str(rules))
    assert proc.returncode == 1, proc.stderr  # scored: the Hunan over-claim
    assert "警告：规则文件无法使用，已跳过" in proc.stderr and "broken.toml" in proc.stderr
    assert "预算执行率" in proc.stdout


# -- case tables (CSV, through `scoring batch`) ------------------------------------------------------------

CSV_HEADER = "case_id,unit,region,year,rules,sheet_id,title,claimed_total,budget_initial,budget,executed,claim:execution\n"
CSV_ROW = "t1,中共汨罗市委社会工作部,湖南省/岳阳市/汨罗市,2024,hunan.dept-overall,dept,部门整体支出绩效自评表,9.2,0,123.47,111.27,9.2\n"


def _batch(tmp_path: Path, text: str):
    table = tmp_path / "table.csv"
    table.write_text(text, encoding="utf-8")
    proc = run_cli("batch", str(table), "--quiet", "--jobs", "1", cwd=tmp_path)
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout
    return proc, proc.stdout + proc.stderr


def test_an_unterminated_quote_in_a_case_table_fails_its_row_alone(tmp_path):
    after = CSV_ROW.replace("t1,中共汨罗市委社会工作部", "t3,汨罗市委社会工作部")
    proc, out = _batch(tmp_path, CSV_HEADER + CSV_ROW + 't2,"中共,湖南省,2024,hunan.dept-overall,dept,表,9.2,0,1,1,9.2\n' + after)
    assert proc.returncode == 1
    assert "table.csv:3: CSV 格式错误（引号内的内容从这一行跨到后面的行后无法读取：引号没有正确闭合，或内容过长），该行未读取" in out
    assert "读取 2 份" in out and "中共汨罗市委社会工作部" in out, "the good row before it is still scored"
    assert "\n汨罗市委社会工作部" in out, "and the row after it, which the open quote had taken"


def test_a_duplicate_column_in_a_case_table_is_named(tmp_path):
    proc, out = _batch(tmp_path, CSV_HEADER.replace("\n", ",budget\n") + CSV_ROW.replace("\n", ",1\n"))
    assert proc.returncode == 2 and "列名“budget”重复" in out


def test_code_or_a_huge_number_in_a_case_table_fails_its_row_alone(tmp_path):
    code = CSV_ROW.replace("t1,", "t2,").replace(",123.47,", ",\"__import__('os').system('touch scoring-hostile-marker')\",")
    huge = CSV_ROW.replace("t1,", "t3,").replace(",9.2\n", ",1" + "0" * 5000 + "\n")
    proc, out = _batch(tmp_path, CSV_HEADER + CSV_ROW + code + huge)
    assert proc.returncode == 1
    assert "table.csv:3#dept: budget:" in out and "不是数字" in out
    assert "table.csv:4#dept: claims.execution: 数值 1.000E+5000" in out
    assert "9.01" in out and not (tmp_path / "scoring-hostile-marker").exists()


def test_a_figure_with_a_decimal_comma_is_refused_saying_how_to_write_it(tmp_path):
    """"253,87" in a case file, a workbook's text cell or a table: the place, and that the comma
    only separates thousands (review CC B5), not only that it is no number."""
    text = (CASES / "sichuan-suining-anju-jxb-2024.toml").read_text(encoding="utf-8")
    assert 'value = "253.87"' in text
    case = tmp_path / "comma.toml"
    case.write_text(text.replace('value = "253.87"', 'value = "253,87"', 1), encoding="utf-8")
    done = run_cli("diff", str(case))
    assert done.returncode == 2, done.stdout
    assert "#dept-overall: inputs.budget_executed: “253,87”不是数字：逗号只作千位分隔（如 1,234.56），小数点请写“.”（如 253.87）" in done.stderr
    # a case table's mark for a figure not disclosed, in a case file's value: how to write it there (review EH B6)
    case.write_text(text.replace('value = "253.87"', 'value = "undisclosed"', 1), encoding="utf-8")
    done = run_cli("diff", str(case))
    assert done.returncode == 2 and "“undisclosed”不是数字：案例文件中未披露的数字请写 undisclosed = true（不写 value）" in done.stderr, done.stderr


def test_an_integer_of_thousands_of_digits_is_named_at_its_line_in_chinese(tmp_path):
    """Python refuses to read an integer of more than 4300 digits with an English message naming a
    setting (review CF): the file, the line and what is wrong, in Chinese."""
    case = tmp_path / "huge.toml"
    case.write_text('format = 1\n[case]\nid = "x"\nn = ' + "9" * 5000 + "\n", encoding="utf-8")
    done = run_cli("diff", str(case))
    assert done.returncode == 2 and "huge.toml: 第 4 行的数字有 5000 位，不是可信的数字，无法读取" in done.stderr, done.stderr
    assert "int_max_str_digits" not in done.stderr
    as_json = tmp_path / "huge.json"
    as_json.write_text('{"format": 1,\n "case": {"id": "x", "n": ' + "9" * 5000 + "}}", encoding="utf-8")
    done = run_cli("diff", str(as_json))
    assert done.returncode == 2 and "huge.json: 第 2 行的数字有 5000 位，不是可信的数字，无法读取" in done.stderr, done.stderr


def test_an_odd_entry_in_the_rules_folder_is_skipped_and_never_opened(tmp_path):
    """A link that loops, a pipe and a link to a device named like rule files (review CF A2): each
    is skipped with a warning naming it — never opened, so no command hangs on the pipe or fills the
    memory from /dev/zero — and every other rule set still scores its sheets."""
    import os

    rules = copy_formulas(tmp_path / "rules", "hunan/*.toml", "national/project-2020*.toml")  # the Hunan case's rules
    odd = rules / "hunan"
    (odd / "a.toml").symlink_to(odd / "b.toml")
    (odd / "b.toml").symlink_to(odd / "a.toml")
    os.mkfifo(odd / "pipe.toml")
    (odd / "zero.toml").symlink_to("/dev/zero")
    done = run_cli("diff", str(CASES / "hunan-miluo-shgzb-2024.toml"), "--rules-dir", str(rules))
    assert done.returncode == 1 and "预算执行率" in done.stdout, done.stderr  # scored, the over-claim found
    assert "a.toml: 无法读取：符号链接成环" in done.stderr and "b.toml: 无法读取：符号链接成环" in done.stderr
    assert "pipe.toml: 无法读取：不是普通文件" in done.stderr and "zero.toml: 无法读取：不是普通文件" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(("line", "written", "said"), [("year = 2024", "year = true", "case.year: 应为四位数的年度，如 2024，得到 true"),
                                                       ("format = 1", "format = true", "format: 应为格式编号 1，得到 true")])
def test_a_flag_where_a_year_or_the_format_goes_is_named_as_one(tmp_path, line, written, said):
    """`year = true` was read as the year 1 ("应大于或等于 1990"), `format = true` as format 1 (review CF B3)."""
    text = (CASES / "hunan-miluo-shgzb-2024.toml").read_text(encoding="utf-8")
    assert f"\n{line}\n" in text
    case = tmp_path / "flag.toml"
    case.write_text(text.replace(f"\n{line}\n", f"\n{written}\n", 1), encoding="utf-8")
    done = run_cli("diff", str(case))
    assert done.returncode == 2 and said in done.stderr, done.stderr


@pytest.mark.parametrize("broken", ['score = "九点五"', 'score = ["100"]'])
def test_a_sheet_whose_claim_cannot_be_read_is_refused_alone(tmp_path, broken):
    """A claim that is no number (or a list) in one project sheet refused the whole file: the
    unit's other sheets were lost (review CF A6).  It is refused alone, named with its key, as a
    sheet whose input cannot be read is, and the others are scored, in diff and in a batch."""
    text = (CASES / "sichuan-suining-anju-jxb-2024.toml").read_text(encoding="utf-8")
    start = text.index('id = "project-xinchuang"')
    at = text.index('score = "100"', start)
    case = tmp_path / "one-bad.toml"
    case.write_text(text[:at] + broken + text[at + len('score = "100"'):], encoding="utf-8")
    done = run_cli("diff", str(case), "--format", "json")
    assert done.returncode == 2, done.stderr
    report = json.loads(done.stdout)
    assert [s["id"] for s in report["sheets"]] == ["dept-overall", "project-mbjx"]
    refused = [f for f in report["findings"] if f["code"] == "sheet_refused"]
    assert len(refused) == 1 and refused[0]["where"].endswith("one-bad.toml#project-xinchuang") and "claimed_total" in refused[0]["message"]
    summary = json.loads(run_cli("batch", str(case), "--format", "json").stdout)
    assert sorted(s["sheet_id"] for s in summary["sheets"]) == ["dept-overall", "project-mbjx"]
    assert [f["sheet_id"] for f in summary["failures"]] == ["project-xinchuang"] and "claimed_total" in summary["failures"][0]["reason"]


@pytest.mark.parametrize("written", ["优", "95.5分（优）"])
def test_a_grade_in_the_total_s_cell_is_told_where_a_grade_goes(tmp_path, written):
    """总分 written as a grade, or a score with its grade (review CH C1): not only “不是数字”, but where
    the grade is written instead."""
    text = (CASES / "hunan-miluo-shgzb-2024.toml").read_text(encoding="utf-8")
    case = tmp_path / "grade.toml"
    case.write_text(re.sub(r"(?m)^claimed_total = .*$", f'claimed_total = "{written}"', text, count=1), encoding="utf-8")
    done = run_cli("diff", str(case))
    assert done.returncode == 2 and f"“{written}”不是数字：等级请另写在自评等级（claimed_grade）中，这里只写分数" in done.stderr, done.stderr


def test_a_list_where_a_figure_goes_is_one_mistake_said_once(tmp_path):
    """`executed = ["111.27"]`: a figure may be a number, a flag or nothing, and pydantic reported
    each branch it tried — “应为数字” and “应为 true 或 false” for one mistake (review CF C1)."""
    text = (CASES / "hunan-miluo-shgzb-2024.toml").read_text(encoding="utf-8")
    assert '\nvalue = "111.27"' in text
    case = tmp_path / "list.toml"
    case.write_text(text.replace('\nvalue = "111.27"', '\nvalue = ["111.27"]', 1), encoding="utf-8")
    done = run_cli("diff", str(case))
    assert done.returncode == 2 and done.stderr.count("inputs.executed.value") == 1 and "true 或 false" not in done.stderr, done.stderr


SUINING = CASES / "sichuan-suining-anju-jxb-2024.toml"  # a department sheet with deduction items


@pytest.mark.parametrize("case,edit,said", [
    # one claim by id and by printed name, the two different: neither is chosen silently
    (SUINING, lambda t: t.replace('budget_quality = { score = "7"', '"预算编制质量" = { score = "8" }\nbudget_quality = { score = "7"', 1),
     "claims.budget_quality: 与 claims.预算编制质量 是同一项（预算编制质量），两处所填不同（8 与 7）"),
    # a figure with its tolerance, a count of findings in %, in 元, or with its tolerance
    (HUNAN, lambda t: t.replace('value = "111.27"', 'value = "111.27±1"', 1), "inputs.executed: “111.27±1”不是数字"),
    (SUINING, lambda t: t.replace('finance_rules = { undisclosed = true, note = "附表1 扣分项留空，文件未报告相关问题" }', 'finance_rules = { value = "50%" }', 1),
     "findings.finance_rules: “50%”带百分号：发现问题数应写处数"),
    (SUINING, lambda t: t.replace('finance_rules = { undisclosed = true, note = "附表1 扣分项留空，文件未报告相关问题" }', 'finance_rules = { value = "2538700元" }', 1),
     "findings.finance_rules: “2538700元”的单位是“元”：发现问题数应写处数"),
    (SUINING, lambda t: t.replace('finance_rules = { undisclosed = true, note = "附表1 扣分项留空，文件未报告相关问题" }', 'finance_rules = { value = "5±1" }', 1),
     "findings.finance_rules: “5±1”不是数字"),
])
def test_contradicting_claims_ranges_and_counts_that_are_no_counts_are_refused(tmp_path, case, edit, said):
    """Review FW A1–A3: a claim given by id and by name was settled by the id without a word; "111.27±1" was read as
    110.27, and "50%" or "2538700元" findings as that many findings."""
    base = case.read_text(encoding="utf-8")
    changed = edit(base)
    assert changed != base
    written = tmp_path / "case.toml"
    written.write_text(changed, encoding="utf-8")
    proc = run_cli("diff", str(written), "--format", "json")
    assert proc.returncode in (1, 2) and "Traceback" not in proc.stderr and said in proc.stderr + proc.stdout, (proc.stdout[-800:], proc.stderr)


def test_the_same_claim_twice_alike_is_no_contradiction(tmp_path):
    base = SUINING.read_text(encoding="utf-8")
    written = tmp_path / "case.toml"
    written.write_text(base.replace('budget_quality = { score = "7"', '"预算编制质量" = { score = "7.0" }\nbudget_quality = { score = "7"', 1), encoding="utf-8")
    alone = [json.loads(run_cli("diff", str(path), "--format", "json").stdout)["sheets"] for path in (written, SUINING)]
    assert alone[0] == alone[1]


def test_tables_nested_past_any_case_are_refused_not_a_crash(tmp_path):
    """Review FW A4: a key dotted a thousand levels deep ran the printing of its problem out of stack (exit 3)."""
    deep = tmp_path / "deep.toml"
    deep.write_text("format = 1\n[" + ".".join(["a"] * 1000) + "]\nb = 1\n", encoding="utf-8")
    _refused(run_cli("diff", str(deep)), deep, "TOML 嵌套过深（超过 100 层）")
    nested = tmp_path / "deep.json"
    nested.write_text('{"case": ' + '{"a": ' * 300 + "1" + "}" * 300 + "}", encoding="utf-8")
    _refused(run_cli("diff", str(nested)), nested, "JSON 嵌套过深（超过 100 层）")
