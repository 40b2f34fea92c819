"""HTTP tests of the web app: the real app (Starlette's test client drives it in-process), a real
SQLite file in tmp_path, the shipped rule files and cases."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import shutil
import sqlite3
import subprocess
import sys
import tomllib
from decimal import Decimal

import pytest

pytest.importorskip("starlette", reason="网页组件未安装（pip install -e '.[web]'）")

from openpyxl import load_workbook  # noqa: E402
from starlette.testclient import TestClient  # noqa: E402
from typer.testing import CliRunner  # noqa: E402

from scoring.cli import app as cli  # noqa: E402
from scoring.web import bureau, storage  # noqa: E402
from scoring.web.app import Settings, create_app  # noqa: E402
from scoring.web.service import Limits  # noqa: E402

from conftest import FORMULAS, run_cli, shipped_sheet_count  # noqa: E402
from web_support import (  # noqa: E402
    CASES,
    HUNAN,
    HUNAN_SICHUAN_NATIONAL,
    SUINING,
    as_before_grades,
    case_table,
    copy_rules,
    csrf_of,
    raise_sichuan_top_grade,
    swap_sichuan_weights,
    zipped,
)


def make_client(tmp_path, **settings) -> TestClient:
    settings.setdefault("data_dir", tmp_path / "data")
    client = TestClient(create_app(Settings(**settings)), raise_server_exceptions=False)
    client.headers["Accept"] = "text/html"
    return client


@pytest.fixture(scope="module")
def rules_home(tmp_path_factory):
    return tmp_path_factory.mktemp("rules-home") / "服务器" / "rules"


@pytest.fixture
def rules(rules_home):
    """A private copy of the rules the Miluo and Suining sheets are scored under, safe to edit: copied afresh for each
    test, always into the same folder.  The rule cache knows a folder by its path and its files' content: the copy of
    the first test is compiled, each later one (as copied: the same path, the same bytes) is read back from the cache,
    not compiled again (0.6 s each), as a server's unchanged rules folder is at its next start."""
    if rules_home.exists():
        shutil.rmtree(rules_home)
    return copy_rules(rules_home, *HUNAN_SICHUAN_NATIONAL)


@pytest.fixture
def client(tmp_path):
    with make_client(tmp_path) as c:
        yield c


def token_of(client: TestClient, path: str = "/review") -> str:
    return csrf_of(client.get(path).text)


def score(client: TestClient, data: dict) -> dict:
    token = token_of(client, "/fill/hunan.dept-overall@2024.1")
    response = client.post("/api/score", json=data, headers={"X-CSRF-Token": token})
    assert response.status_code == 200, response.text
    return response.json()


def hunan_form(**changes) -> dict:
    data = {"rules": "hunan.dept-overall@2024.1", "unit": "中共汨罗市委社会工作部", "region": "湖南省/岳阳市/汨罗市", "year": "2024",
            "inputs": {"budget": {"value": "123.47"}, "executed": {"value": "111.27"}, "budget_initial": {"value": "0"}},
            "claims": {"execution": "9.2"}, "claimed_total": "9.2", "rows": []}
    data.update(changes)
    return data


def upload(client: TestClient, files: list[tuple[str, bytes]]):
    token = token_of(client)
    return client.post("/review/upload", data={"csrf_token": token}, files=[("files", (name, data)) for name, data in files])


def test_the_rollup_by_region_sums_only_totals_with_a_verdict(client):
    """A partial sheet (安居区市场监管局: 100 claimed against the 74.00 of the part transcribed,
    `incomplete`) says nothing of the whole sheet's total: summed in, it made 遂宁市 look 23.50
    points over-claimed (review CG A4).  The city's sums are those of its complete sheets."""
    from scoring.web import storage

    partial = CASES / "sichuan-suining-anju-shichangjianguan-2021.toml"
    assert upload(client, [("安居.toml", SUINING.read_bytes()), ("市场监管局.toml", partial.read_bytes())]).status_code == 200
    suining = next(g for g in storage.rollup(client.app.state.db, storage.Filters()) if g["city"] == "遂宁市")
    assert suining["sheets"] == 4 and suining["pairs"] == 3, suining
    assert (suining["claimed"], suining["computed"]) == (Decimal("297.1"), Decimal("299.60")), suining


def db_count(tmp_path, table: str) -> int:
    with sqlite3.connect(tmp_path / "data" / "scoring.db") as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


# -- pages -----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/fill", "/fill/sichuan.dept-overall@2024.1", "/fill/hunan.dept-overall@2024.1", "/review",
                                  "/review/charts", "/rules", "/rules/sichuan.dept-overall@2024.1"])
def test_pages_are_chinese_self_contained_and_guarded(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert '<html lang="zh-CN">' in response.text
    # nothing from outside: no absolute or protocol-relative URL anywhere in the page
    assert "http://" not in response.text and "https://" not in response.text
    assert 'src="//' not in response.text and 'href="//' not in response.text
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-frame-options"] == "DENY"


def test_the_chooser_offers_the_rules_in_force_and_a_revised_version_says_so(client):
    """Only versions no other revises are offered to fill in (review CC A5); a revised one's fill
    page says which revision scores its sheets; a form of rules in force over many years leaves
    年度 blank rather than offering the year they took effect (review CC B6)."""
    page = client.get("/fill").text
    assert "sichuan.dept-overall@2024.6" in page and "sichuan.dept-overall@2024.3" not in page and re.search(r"national\.project@2020\.1(?!\d)", page) is None
    old = client.get("/fill/sichuan.dept-overall@2024.1").text
    assert "规则集 sichuan.dept-overall@2024.1 已由 sichuan.dept-overall@2024.6 修订" in html.unescape(old)

    def year_offered(ref: str):
        text = client.get(f"/fill/{ref}").text
        boot = json.loads(html.unescape(text.split('<script type="application/json" id="boot">')[1].split("</script>")[0]))
        return boot["values"]["year"]

    assert year_offered("national.project@2020.5") == "" and year_offered("sichuan.dept-overall@2024.6") == 2024
    # 年度 typed as a workbook's cell takes it (review CC B2)
    typed = client.get("/fill", params={"region": "四川省/遂宁市", "year": "2024年度", "sheet_type": "部门整体支出绩效自评表"}, follow_redirects=False)
    assert typed.status_code == 303 and typed.headers["location"].startswith("/fill/sichuan.dept-overall@2024.6")


def test_choosing_rules_by_region_year_and_sheet_type(client):
    response = client.get("/fill", params={"region": "四川省/遂宁市/安居区", "year": "2024", "sheet_type": "部门整体支出绩效自评表"},
                          follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/fill/sichuan.dept-overall@2024.6")
    national = client.get("/fill", params={"region": "广东省", "year": "2024", "sheet_type": "部门整体支出绩效自评表"},
                          follow_redirects=False)
    assert national.headers["location"].startswith("/fill/national.dept-overall@2020.46")  # no Guangdong rules
    wrong = client.get("/fill", params={"region": "广东省", "year": "2018", "sheet_type": "部门整体支出绩效自评表"})
    assert wrong.status_code == 400 and "没有适用于 广东省 2018 年" in wrong.text
    numerals = client.get("/fill", params={"region": "广东省", "year": "二〇二四", "sheet_type": "部门整体支出绩效自评表"})
    assert numerals.status_code == 400 and "年度应为四位数字，如 2024" in numerals.text and "invalid literal" not in numerals.text
    # Hunan's rules cover 2024: a 2025 Hunan sheet is filled under the national ones, and the page says so
    later = client.get("/fill", params={"region": "湖南省-岳阳市-汨罗市", "year": "2025", "sheet_type": "部门整体支出绩效自评表"})
    assert later.status_code == 200 and "湖南省的规则集 hunan.dept-overall@2024.46" in later.text and "不适用于 2025 年度" in later.text


def test_unknown_rule_set_is_a_chinese_404(client):
    response = client.get("/fill/nowhere@1")
    assert response.status_code == 404 and "规则目录中没有规则集 nowhere@1" in response.text
    assert "/formulas" not in response.text  # the server's folders are not shown to other machines


# -- the department form ---------------------------------------------------------------------------


def test_live_score_marks_the_over_claim_and_explains(client):
    answer = score(client, hunan_form())
    assert answer["ok"], answer
    execution = answer["sheet"]["indicators"][0]
    assert (execution["name"], execution["computed"], execution["status"], execution["status_label"]) == ("预算执行率", "9.01", "over", "高报")
    assert "失 0.99 分" in execution["reason"]
    assert "评分规则（原文）" in execution["explain"]
    assert any(f["code"] == "claim_over" and f["where"].endswith(".execution") for f in answer["findings"])
    assert answer["sheet"]["rules"]["id"] == "hunan.dept-overall"


def test_what_if_is_found_by_the_engine_and_holds(client):
    answer = score(client, hunan_form())
    lines = {w["input"]: w for w in answer["what_if"]}
    executed = lines["executed"]
    assert executed["text"] == "全年执行数 再增加 12.14 万元（即 123.41 万元），预算执行率 可得满分 10 分（+0.99 分）"
    # the figure it names gives full marks, one cent less does not: the boundary itself
    at = score(client, hunan_form(inputs={"budget": {"value": "123.47"}, "executed": {"value": "123.41"}}))
    below = score(client, hunan_form(inputs={"budget": {"value": "123.47"}, "executed": {"value": "123.40"}}))
    assert at["sheet"]["indicators"][0]["computed"] == "10.00"
    assert below["sheet"]["indicators"][0]["computed"] == "9.99"
    assert lines["budget"]["value"] == "111.32" and "减少 12.15 万元" in lines["budget"]["text"]


def test_what_if_on_a_formula_sheet_with_bands_and_deviation(client):
    data = {"rules": "sichuan.dept-overall@2024.1", "region": "四川省/遂宁市", "year": "2024",
            "inputs": {"budget_executed": {"value": "90"}, "budget_adjusted": {"value": "100"}, "asset_change_rate": {"value": "-1"}}}
    answer = score(client, data)
    texts = [w["text"] for w in answer["what_if"]]
    # 预算编制质量 counts deviation both ways: the engine finds the nearest figure that earns full marks
    assert "财政拨款预算执行数 再增加 9.94 万元（即 99.94 万元），预算编制质量 可得满分 8 分（+0.80 分）" in texts
    assert any(t.startswith("部门人均资产变化率Y 减少 3.63 个百分点（即 -4.63%），人均资产变化率 可得满分 3 分") for t in texts)


def test_no_hint_proposes_a_figure_the_sheets_own_checks_refuse_or_that_costs_the_sheet(client):
    """On a Sichuan 部门整体 sheet one count feeds several indicators and checks: a figure that gains
    one indicator but breaks a check (fewer 阶段项目 than those that met their targets) or lowers
    the others more (300 阶段项目) is not proposed; every hint, typed in, keeps the sheet's errors
    and raises the sum of its indicators."""
    counts = {"stage_projects": "10", "stage_no_exante": "1", "stage_target_mismatch": "0", "stage_late_registered": "0",
              "stage_misdirected": "0", "adjust_needed": "2", "adjust_missed": "1", "annual_projects": "5", "annual_low_balance": "4",
              "stage_low_balance": "8", "stage_quantity_met": "9", "quantity_completed": "20", "quantity_within_30": "18", "stage_benefit_met": "10"}
    data = {"rules": "sichuan.dept-overall@2024.1", "region": "四川省/遂宁市", "year": "2024",
            "inputs": {name: {"value": value} for name, value in counts.items()}}
    answer = score(client, data)
    assert answer["what_if"]
    def standing(ans):
        return (sum(Decimal(i["computed"]) for i in ans["sheet"]["indicators"] if i["computed"]),
                {(f["code"], f["where"]) for f in ans["findings"] if f["severity"] == "error"})
    total, errors = standing(answer)
    for hint in answer["what_if"]:
        changed = {**data, "inputs": {**data["inputs"], hint["input"]: {"value": hint["value"]}}}
        after, after_errors = standing(score(client, changed))
        assert after_errors <= errors and after > total, hint["text"]
    texts = " ".join(w["text"] for w in answer["what_if"])
    assert "即 300 个" not in texts and "部门预算阶段项目（含一次性项目）总数 减少" not in texts


def test_rows_are_scored_and_a_broken_form_says_where(client):
    rows = [{"group1": "产出指标", "group2": "数量指标", "name": "培训次数", "target": "≥10次", "actual": "8次", "weight": "10", "claimed": "10"}]
    answer = score(client, hunan_form(rows=rows))
    row = next(i for i in answer["sheet"]["indicators"] if i["id"] == "row1")
    assert (row["computed"], row["status"]) == ("8.00", "over")
    broken = score(client, hunan_form(claims={"execution": "九点二"}, rows=[{**rows[0], "weight": "十"}]))
    assert not broken["ok"]
    assert broken["errors"] == ["预算执行率 的自评得分：“九点二”不是数字", "绩效指标第 1 行“分值”：“十”不是数字"]
    comma = score(client, hunan_form(claims={"execution": "9,2"}))
    assert comma["errors"] == ["预算执行率 的自评得分：“9,2”不是数字：逗号只作千位分隔（如 1,234.56），小数点请写“.”（如 253.87）"]


def test_a_group_header_typed_in_the_form_is_checked_against_its_rows(client):
    """The form's table of group headers ("产出指标（30分）", its subtotal): the rows under it are
    held to it, as a workbook's or a case file's are; a header with figures and no group says where."""
    rows = [{"group1": "产出指标", "group2": "数量指标", "name": "培训次数", "target": "≥10次", "actual": "10次", "weight": "20", "claimed": "20"},
            {"group1": "产出指标", "group2": "质量指标", "name": "合格率", "target": "≥90%", "actual": "95%", "weight": "20", "claimed": "20"}]
    answer = score(client, hunan_form(rows=rows, subtotals=[{"group": "产出指标", "weight": "30", "claimed": "40"}, {"group": "效益指标"}]))
    messages = [f["message"] for f in answer["findings"]]
    assert "产出指标：分组标题印的分值 30 分，与其下各项分值合计 40 分不符" in messages
    assert "产出指标：所填小计 40 分，超过分组标题印的分值 30 分" in messages
    two_levels = score(client, hunan_form(rows=rows, subtotals=[{"group": "产出指标/数量指标", "weight": "20"}]))
    assert not [m for m in (f["message"] for f in two_levels["findings"]) if "分组标题" in m]
    broken = score(client, hunan_form(rows=rows, subtotals=[{"group": " ", "weight": "30"}]))
    assert not broken["ok"] and broken["errors"] == ["分组标题第 1 行“分组”：至少要有 1 项"]


def test_deleting_a_parent_row_in_the_form_leaves_its_parts_standing(client):
    """An opened sheet's "其中…" rows name their parent row; the parent deleted in the form, they are
    no longer refused as "没有 id 为 … 的其他行": the sheet is still scored."""
    rows = [{"group1": "产出指标", "group2": "数量指标", "name": "其中桃树种植面积", "target": "1.5亩", "actual": "1.5亩", "part_of": "planting"},
            {"group1": "产出指标", "group2": "数量指标", "name": "培训次数", "target": "≥10次", "actual": "10次", "weight": "10", "claimed": "10"}]
    answer = score(client, hunan_form(rows=rows))
    assert answer["ok"], answer
    assert any(i["name"] == "培训次数" and i["status"] == "match" for i in answer["sheet"]["indicators"])


def test_printed_weights_claimed_grade_and_the_forms_heading(client):
    data = hunan_form(weights={"execution": "20"}, claimed_grade="优秀", claimed_total="95", department="中共汨罗市委",
                      preparer="张三", reviewer="李四", phone="0730-5222222", evaluated="2025-03-31")
    answer = score(client, data)
    execution = answer["sheet"]["indicators"][0]
    assert (execution["weight"], execution["computed"]) == ("20", "18.02")  # 预算执行率's weight may be adjusted: the printed one counts
    assert answer["sheet"]["total"]["claimed_grade"] == "优"  # 优秀 is one of 优's spellings
    codes = {f["code"]: f["message"] for f in answer["findings"]}
    # no row entered: the sheet is scored as a partial one, whose grade may still be any
    assert "weight_adjusted" in codes and "rows_missing" in codes and "grade_changed" not in codes
    token = token_of(client, "/fill")
    saved = client.post("/fill/download", data={"csrf_token": token, "kind": "toml", "payload": json.dumps(data, ensure_ascii=False)})
    case = tomllib.loads(saved.text)
    sheet = case["sheets"][0]
    assert (case["case"]["department"], case["case"]["evaluated"].isoformat()) == ("中共汨罗市委", "2025-03-31")
    assert (sheet["preparer"], sheet["reviewer"], sheet["phone"], sheet["weights"], sheet["claimed_grade"]["grade"]) == (
        "张三", "李四", "0730-5222222", {"execution": "20"}, "优秀")
    # the official-form workbook carries them too: opened again, the form gets them back
    template = client.post("/fill/download", data={"csrf_token": token, "kind": "template", "payload": json.dumps(data, ensure_ascii=False)})
    reopened = client.post("/fill/open", data={"csrf_token": token}, files={"file": ("填报.xlsx", template.content)})
    values = json.loads(html.unescape(reopened.text.split('<script type="application/json" id="boot">')[1].split("</script>")[0]))["values"]
    assert (values["preparer"], values["phone"], values["department"], values["claimed_grade"], values["weights"]) == (
        "张三", "0730-5222222", "中共汨罗市委", "优秀", {"execution": "20"})

    wrong = score(client, hunan_form(weights={"execution": "二十"}, claimed_total="95"))
    assert wrong["errors"] == ["预算执行率 的分值：“二十”不是数字"]
    assert score(client, hunan_form(evaluated="2025-13-01"))["errors"] == ["填报日期应为“年-月-日”，如 2025-03-31，得到“2025-13-01”"]


def test_score_endpoint_requires_the_csrf_header(client):
    client.get("/fill")
    response = client.post("/api/score", json=hunan_form())
    assert response.status_code == 403 and "CSRF" in response.json()["errors"][0]


def test_open_a_case_then_download_it_as_toml_and_workbooks(client, tmp_path):
    token = token_of(client, "/fill")
    page = client.post("/fill/open", data={"csrf_token": token}, files={"file": ("汨罗.toml", HUNAN.read_bytes())})
    assert page.status_code == 200 and "已打开 汨罗.toml" in page.text
    boot = json.loads(html.unescape(page.text.split('<script type="application/json" id="boot">')[1].split("</script>")[0]))
    values = boot["values"]
    assert values["inputs"]["executed"]["value"] == "111.27" and values["claims"]["execution"] == "9.2"
    assert len(values["rows"]) == 9 and values["claimed_total"] == "98.2"

    payload = json.dumps(values, ensure_ascii=False)
    as_toml = client.post("/fill/download", data={"csrf_token": token, "kind": "toml", "payload": payload})
    assert as_toml.status_code == 200 and "filename*=UTF-8''" in as_toml.headers["content-disposition"]
    saved = tmp_path / "saved.toml"
    saved.write_bytes(as_toml.content)
    data = tomllib.loads(as_toml.text)
    assert data["sheets"][0]["inputs"]["executed"]["value"] == "111.27"
    # the downloaded case file scores exactly as the original does
    original = run_cli("diff", str(HUNAN), "--format", "json")
    again = run_cli("diff", str(saved), "--format", "json")
    assert json.loads(again.stdout)["sheets"][0]["total"] == json.loads(original.stdout)["sheets"][0]["total"]

    scored = client.post("/fill/download", data={"csrf_token": token, "kind": "xlsx", "payload": payload})
    wb = load_workbook(io.BytesIO(scored.content))
    assert "复核发现" in wb.sheetnames
    review = client.post("/fill/download", data={"csrf_token": token, "kind": "docx", "payload": payload})
    assert review.status_code == 200 and review.headers["content-type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    text = docx_text(review.content)
    assert "中共汨罗市委社会工作部" in text and "其中 预算执行率 高报 0.19 分" in text
    template = client.post("/fill/download", data={"csrf_token": token, "kind": "template", "payload": payload})
    filled = tmp_path / "填报.xlsx"
    filled.write_bytes(template.content)
    reopened = client.post("/fill/open", data={"csrf_token": token}, files={"file": ("填报.xlsx", filled.read_bytes())})
    assert '"executed": {"undisclosed": false, "value": "111.27"}' in html.unescape(reopened.text)
    # a unit's own workbook: what to do, in the page's words — no command line, no hidden sheet's name (review CE D1)
    from openpyxl import Workbook

    own = Workbook()
    own.active["A1"] = "自评表"
    buffer = io.BytesIO()
    own.save(buffer)
    refused = html.unescape(client.post("/fill/open", data={"csrf_token": token}, files={"file": ("自己的表.xlsx", buffer.getvalue())}).text)
    assert "自己的表.xlsx：不是本工具的填报模板或复核表" in refused and "下载“填报模板 (.xlsx)”" in refused, refused
    assert "scoring template" not in refused and "_规则" not in refused


def test_a_figure_written_with_its_unit_is_opened_as_written(client):
    """"123.47万元" in an opened case file is shown in its field as written and scored as the file
    is (the field was left empty, and the sheet scored as if the figure were missing)."""
    token = token_of(client, "/fill")
    text = HUNAN.read_text(encoding="utf-8").replace('[sheets.inputs.budget]\nvalue = "123.47"', '[sheets.inputs.budget]\nvalue = "123.47万元"', 1)
    assert "123.47万元" in text
    page = client.post("/fill/open", data={"csrf_token": token}, files={"file": ("汨罗.toml", text.encode("utf-8"))})
    boot = json.loads(html.unescape(page.text.split('<script type="application/json" id="boot">')[1].split("</script>")[0]))
    assert boot["values"]["inputs"]["budget"]["value"] == "123.47万元"
    answer = score(client, boot["values"])
    execution = next(i for i in answer["sheet"]["indicators"] if i["id"] == "execution")
    assert execution["computed"] == "9.01", execution


def test_converted_scores_carried_from_an_opened_file_are_checked_as_the_file_is(client):
    """The Hebei sheet's 折算得分 (not a field of the form) is kept from the opened file: the form
    finds the weight counted twice on every row, as `scoring diff` of the file does."""
    token = token_of(client, "/fill")
    hebei = CASES / "hebei-handan-chengan-minzheng-2020.toml"
    page = client.post("/fill/open", data={"csrf_token": token}, files={"file": ("成安.toml", hebei.read_bytes())})
    boot = json.loads(html.unescape(page.text.split('<script type="application/json" id="boot">')[1].split("</script>")[0]))
    assert [row["converted"] for row in boot["values"]["rows"]] == ["6.25", "6.25", "9.00", "1.00"]
    answer = score(client, boot["values"])
    found = [f["message"] for f in answer["findings"] if f["code"] == "converted_mismatch"]
    assert len(found) == 4 and all("权重计了两次" in m for m in found)


def test_an_opened_sheets_own_sheet_type_is_kept_and_said(client):
    """A sheet naming its rules and printing another form's title (区域绩效目标自评表 under national.project):
    the form keeps its sheet_type, and the score says what `scoring diff` of the file says (review DZ B1)."""
    token = token_of(client, "/fill")
    anju = CASES / "sichuan-suining-anju-shichangjianguan-2021.toml"
    page = client.post("/fill/open", data={"csrf_token": token}, files={"file": ("安居.toml", anju.read_bytes())})
    boot = json.loads(html.unescape(page.text.split('<script type="application/json" id="boot">')[1].split("</script>")[0]))
    assert boot["values"]["sheet_type"] == "区域绩效目标自评表"
    answer = score(client, boot["values"])
    assert any(f["code"] == "rules_other_sheet_type" for f in answer["findings"]), [f["code"] for f in answer["findings"]]


def test_a_deduction_owed_and_not_taken_is_an_over_claim_on_the_page(client):
    """One finding under 财务管理制度 and 0 deducted: 高报 with its reason on the page, as in the diff's
    table (review CC A3); an undisclosed count says so in the diff's words."""
    token = token_of(client, "/fill")
    page = client.post("/fill/open", data={"csrf_token": token}, files={"file": ("遂宁.toml", SUINING.read_bytes())})
    boot = json.loads(html.unescape(page.text.split('<script type="application/json" id="boot">')[1].split("</script>")[0]))
    values = boot["values"]
    values["findings"]["finance_rules"], values["claims"]["finance_rules"] = "1", "0"
    answer = score(client, values)
    by_id = {d["id"]: d for d in answer["sheet"]["deductions"]}
    owed = by_id["finance_rules"]
    assert (owed["status"], owed["status_label"]) == ("over", "高报")
    assert owed["reason"] == "发现问题 1 处，每处扣 1 分，应扣 1 分；自评扣 0 分，少扣 1 分"
    assert by_id["finance_posts"]["status"] is None and by_id["finance_posts"]["reason"] == "发现问题数未披露，未计扣分"
    # the page's 计算过程 is in the form's words: no ids or expressions of the rule file (review CC D1)
    quality = next(i for i in answer["sheet"]["indicators"] if i["id"] == "budget_quality")["explain"]
    assert "财政拨款预算执行数＝ 253.87万元" in quality and "评分规则（原文）" in quality
    assert not any(word in quality for word in ("budget_quality", "budget_executed", "deviation", "得分表达式"))


def test_a_stated_rate_carried_from_an_opened_file_follows_the_figures_it_was_printed_beside(client):
    """The Miluo file prints 执行率 90.12% beside 111.27 ÷ 123.47; 全年执行数 changed to 120 in the form,
    the rate is checked against 120 ÷ 123.47 (it was checked against the 111.27 it was opened with)."""
    token = token_of(client, "/fill")
    page = client.post("/fill/open", data={"csrf_token": token}, files={"file": ("汨罗.toml", HUNAN.read_bytes())})
    values = json.loads(html.unescape(page.text.split('<script type="application/json" id="boot">')[1].split("</script>")[0]))["values"]
    values["inputs"]["executed"]["value"] = "120"
    said = [f["message"] for f in score(client, values)["findings"] if f["code"] == "stated_rate_mismatch"]
    assert said and "按 120 ÷ 123.47 计算为 97.19%" in said[0]


@pytest.mark.parametrize(("typed", "code"), [("111.27万元", None), ("1000000000000000", "invalid_input"), ("12%", "invalid_input")])
def test_a_figure_a_printed_rate_was_beside_typed_as_the_command_line_takes_it_is_scored(client, typed, code):
    """全年执行数 typed with its unit, too large, or as a percentage beside the file's printed 执行率: scored as
    `scoring diff` scores it, the rate left unchecked (review DZ A4: the whole form was refused, naming a
    key the form does not show); an amount written "12%" keeps its sign on the page and in a download
    (review DZ A1: the form scored it as 12万元)."""
    token = token_of(client, "/fill")
    page = client.post("/fill/open", data={"csrf_token": token}, files={"file": ("汨罗.toml", HUNAN.read_bytes())})
    values = json.loads(html.unescape(page.text.split('<script type="application/json" id="boot">')[1].split("</script>")[0]))["values"]
    values["inputs"]["executed"]["value"] = typed
    scored = score(client, values)
    assert scored.get("ok"), scored
    assert [f["code"] for f in scored["findings"] if f["code"] == code] == ([code] if code else [])
    saved = client.post("/fill/download", data={"csrf_token": token, "kind": "toml", "payload": json.dumps(values, ensure_ascii=False)}).text
    executed = tomllib.loads(saved)["sheets"][0]["inputs"]["executed"]
    assert executed.get("value", executed.get("written")) == typed, executed
    if typed == "12%":
        text = HUNAN.read_text(encoding="utf-8")
        opened = client.post("/fill/open", data={"csrf_token": token},
                             files={"file": ("百分号.toml", text.replace('value = "111.27"', 'value = "12%"', 1).encode("utf-8"))})
        shown = json.loads(html.unescape(opened.text.split('<script type="application/json" id="boot">')[1].split("</script>")[0]))["values"]
        assert shown["inputs"]["executed"]["value"] == "12%"


@pytest.mark.parametrize("field", ["unit", "title"])
def test_a_lone_surrogate_typed_in_the_form_is_refused_in_words_not_a_server_error(client, field):
    """"\ud800" (a broken emoji pasted) in a text field: the form is refused saying why, as a JSON case
    file is, in the score and in a download (review DZ A2: HTTP 500)."""
    data = hunan_form(**{field: "中共汨罗\ud800"})
    token = token_of(client, "/fill/hunan.dept-overall@2024.1")
    response = client.post("/api/score", content=json.dumps(data), headers={"X-CSRF-Token": token, "Content-Type": "application/json"})
    assert response.status_code == 200, response.text
    scored = response.json()
    assert scored["ok"] is False and any("孤立的代理码点" in m for m in scored["errors"]), scored
    token = token_of(client, "/fill")
    down = client.post("/fill/download", data={"csrf_token": token, "kind": "toml", "payload": json.dumps(data)})
    assert down.status_code < 500 and "孤立的代理码点" in html.unescape(down.text)


def test_a_file_of_several_sheets_keeps_them_all_and_each_can_be_filled(client):
    """The Jinkouhe file holds five sheets: the form shows one and a choice of the others; a
    download keeps all five, the one edited with its edits, and switching keeps them too."""
    path = next(p for p in CASES.glob("sichuan-leshan-jinkouhe-*.toml"))
    original = tomllib.loads(path.read_text(encoding="utf-8"))
    token = token_of(client, "/fill")
    page = client.post("/fill/open", data={"csrf_token": token}, files={"file": (path.name, path.read_bytes())})
    assert 'id="switch"' in page.text and page.text.count("<option value=") >= len(original["sheets"])
    boot = lambda r: json.loads(html.unescape(r.text.split('<script type="application/json" id="boot">')[1].split("</script>")[0]))  # noqa: E731
    values = boot(page)["values"]
    assert len(values["others"]) == len(original["sheets"]) - 1
    values["claimed_total"] = "66.6"
    saved = tomllib.loads(client.post("/fill/download", data={"csrf_token": token, "kind": "toml", "payload": json.dumps(values, ensure_ascii=False)}).text)
    assert [s["id"] for s in saved["sheets"]] == [s["id"] for s in original["sheets"]]
    first = saved["sheets"][0]
    assert first["claimed_total"]["score"] == "66.6"
    assert [(s["title"], s.get("claimed_total")) for s in saved["sheets"][1:]] == [(s["title"], s.get("claimed_total")) for s in original["sheets"][1:]]
    second = original["sheets"][1]
    switched = client.post("/fill/switch", data={"csrf_token": token, "sheet": second["id"], "payload": json.dumps(values, ensure_ascii=False)})
    assert switched.status_code == 200 and f"当前为“{second['title']}”" in switched.text
    again = boot(switched)["values"]
    kept = next(o["sheet"] for o in again["others"] if o["sheet"]["id"] == original["sheets"][0]["id"])
    assert kept["claimed_total"]["score"] == "66.6"  # the edit of the sheet left behind is kept


def test_opening_a_broken_file_names_it(client):
    token = token_of(client, "/fill")
    response = client.post("/fill/open", data={"csrf_token": token}, files={"file": ("坏.toml", b"[case\nid = 1")})
    assert response.status_code == 400
    assert "坏.toml" in response.text and "TOML" in response.text
    assert "/data/" not in response.text  # the server's own paths are never shown


# -- the bureau ---------------------------------------------------------------------------------------


def test_upload_many_with_a_broken_file_and_recognise_duplicates(client, tmp_path):
    files = [
        ("汨罗.toml", HUNAN.read_bytes()),
        ("安居.toml", SUINING.read_bytes()),
        ("坏文件.json", b'{"case": {"id": 1,'),
        ("表.csv", case_table(4)),
        ("打包.zip", zipped({"内/汨罗副本.json": json.dumps(tomllib.loads(HUNAN.read_text(encoding="utf-8")), ensure_ascii=False).encode(),
                           "说明.txt": b"not a case"})),
    ]
    response = upload(client, files)
    assert response.status_code == 200, response.text
    text = response.text
    assert "坏文件.json" in text and "意外结束，内容不完整" in text
    assert "打包.zip/说明.txt" in text and "不是可复核的文件" in text
    # 1 (Miluo) + 3 sheets of the Suining case + 4 table rows + 1 from the zip
    assert db_count(tmp_path, "submissions") == 7
    assert db_count(tmp_path, "results") == 9
    with sqlite3.connect(tmp_path / "data" / "scoring.db") as conn:
        row = conn.execute("SELECT content_hash, rules_id, rules_version, rules_sha256, worst_severity, scored_at FROM results "
                           "JOIN submissions ON submissions.id = submission_id WHERE unit = '中共汨罗市委社会工作部' AND kind = 'toml'").fetchone()
    assert row[1:3] == ("hunan.dept-overall", "2024.46") and len(row[0]) == 64 and len(row[3]) == 64
    assert row[4] == "error" and row[5]

    again = upload(client, files[:2] + [("表（副本）.csv", case_table(4))])
    assert "已上传过的内容" in again.text and "表（副本）.csv:2" in again.text
    assert db_count(tmp_path, "submissions") == 7
    # nothing is left behind in the data folder's private workspace
    assert list((tmp_path / "data" / "incoming").iterdir()) == []


def test_a_sheet_naming_unknown_rules_fails_without_the_servers_folder(client, tmp_path):
    """The failure of a sheet naming a rule set the server does not have is stored and shown to
    the bureau: without the server's rules folder, with the ids it has, not every version (review BZ D1)."""
    from scoring.rules.library import default_rules_dir

    text = HUNAN.read_text(encoding="utf-8").replace('sheet_type = "部门整体支出绩效自评表"', 'rules = "guangdong.dept-overall"', 1)
    assert "guangdong.dept-overall" in text
    page = html.unescape(upload(client, [("广东.toml", text.encode("utf-8"))]).text)
    assert "规则目录中没有规则集 guangdong.dept-overall；已有的规则集：hunan.dept-overall、" in page, page
    assert str(default_rules_dir()) not in page and "hunan.dept-overall@2024.1" not in page


def test_no_page_or_answer_shows_the_servers_rules_folder(tmp_path, rules):
    """The Suining sheet's rules carry a source-defect note placed at the rule file, and its explanation
    names the file: neither the fill page's answer, a stored sheet's page nor the rule page shows the
    folder the server keeps them in (review DZ A3)."""
    folder = str(rules)
    with make_client(tmp_path, rules_dir=rules) as client:
        _no_folder_shown(client, folder)


def _no_folder_shown(client, folder: str) -> None:
    token = token_of(client, "/fill")
    page = client.post("/fill/open", data={"csrf_token": token}, files={"file": ("遂宁.toml", SUINING.read_bytes())})
    values = json.loads(html.unescape(page.text.split('<script type="application/json" id="boot">')[1].split("</script>")[0]))["values"]
    answer = client.post("/api/score", json=values, headers={"X-CSRF-Token": token_of(client, "/fill")})
    assert answer.status_code == 200 and answer.json()["ok"] and folder not in answer.text
    assert any(f["code"] == "rule_source_defect" for f in answer.json()["findings"])
    assert folder not in client.get("/rules/sichuan.dept-overall@2024.6").text
    upload(client, [("安居.toml", SUINING.read_bytes())])
    sheets = re.findall(r'href="(/review/sheets/\d+)"', client.get("/review").text)
    assert sheets and all(folder not in client.get(link).text for link in sheets[:3])


def test_an_upload_reads_the_template_header_keeps_zip_folders_and_names_what_it_leaves(client, tmp_path):
    """The header `scoring template --format csv` hands out (Chinese labels) is read as in a batch;
    a zip's folders are kept in the names shown (2023/表.toml and 2024/表.toml are two files); a
    member named with ".." and a rule file are each said in one line, never passed over."""
    header = run_cli("template", "hunan.dept-overall", "--format", "csv").stdout.removeprefix("\ufeff").splitlines()[0].split(",")
    row = {"案例编号": "t1", "单位": "某局", "地区": "湖南省/岳阳市/汨罗市", "年度": "2024", "规则": "hunan.dept-overall",
           "全年预算数（万元）": "100", "全年执行数（万元）": "90", "年初预算数（万元）": "0"}
    table = (",".join(header) + "\n" + ",".join(row.get(h, "") for h in header) + "\n").encode("utf-8")
    archive = zipped({"2023/表.toml": HUNAN.read_bytes(), "2024/表.toml": HUNAN.read_bytes().replace(b"98.2", b"98.3"),
                      "../逃逸.toml": HUNAN.read_bytes(), "规则.toml": (FORMULAS / "hunan" / "dept-overall-2024.toml").read_bytes()})
    response = upload(client, [("模板表.csv", table), ("县里.zip", archive)])
    assert response.status_code == 200, response.text
    text = html.unescape(response.text)
    assert "模板表.csv:2" in text and "县里.zip/2023/表.toml" in text and "县里.zip/2024/表.toml" in text
    assert "县里.zip/逃逸.toml：压缩包中的文件名含“..”" in text
    assert "县里.zip/规则.toml：不是案例文件" in text and "未知的键" not in text


def test_an_uploaded_table_with_a_stray_quote_keeps_its_other_rows(client, tmp_path):
    lines = case_table(4).decode("utf-8").splitlines(keepends=True)
    lines[2] = lines[2].replace(",测试单位", ',"测试单位', 1)  # line 3: a quote never closed
    response = upload(client, [("表.csv", "".join(lines).encode("utf-8"))])
    assert response.status_code == 200
    assert "表.csv:3: CSV 格式错误（引号内的内容从这一行跨到后面的行后无法读取：引号没有正确闭合，或内容过长），该行未读取" in response.text
    assert db_count(tmp_path, "submissions") == 3  # lines 2, 4 and 5, which the open quote had taken


def test_every_shipped_case_is_stored_with_the_grades_batch_gives(client, tmp_path):
    cases = sorted(CASES.glob("*.toml"))
    response = upload(client, [(path.name, path.read_bytes()) for path in cases])
    assert response.status_code == 200, response.text  # a case that prints no fiscal year among them
    assert db_count(tmp_path, "results") == shipped_sheet_count()
    assert stored_grades(tmp_path) == batch_grades(*cases)


def test_upload_names_from_the_client_are_never_paths(client, tmp_path):
    response = upload(client, [("../../逃逸.toml", HUNAN.read_bytes()), ("..\\..\\x.csv", case_table(1))])
    assert response.status_code == 200
    assert "逃逸.toml" in response.text and "../" not in response.text
    assert not (tmp_path / "逃逸.toml").exists() and not list(tmp_path.rglob("逃逸.toml"))
    assert db_count(tmp_path, "submissions") == 2


def test_size_limits_per_file_per_request_and_zip_bombs(tmp_path):
    limits = Limits(file_bytes=64 << 10, request_bytes=1 << 20, zip_members=5, zip_total=256 << 10)
    with make_client(tmp_path, limits=limits) as c:
        bomb = zipped({"炸弹.csv": b"0" * (8 << 20)})  # 8 MiB of zeros, a few KiB compressed
        many = zipped({f"f{i}.toml": b"x" for i in range(6)})
        big = b"#" * (70 << 10)
        response = upload(c, [("炸弹.zip", bomb), ("多.zip", many), ("大.toml", big), ("汨罗.toml", HUNAN.read_bytes())])
        assert response.status_code == 200
        assert "炸弹.zip" in response.text and "解压后过大" in response.text
        assert "多.zip" in response.text and "文件过多" in response.text
        assert "大.toml" in response.text and "文件过大" in response.text
        assert db_count(tmp_path, "submissions") == 1  # the good file is still stored
        token = token_of(c)
        refused = c.post("/review/upload", data={"csrf_token": token}, files=[("files", ("x.toml", b"#" * (2 << 20)))])
        assert refused.status_code == 413 and "请求过大" in refused.text

        def streamed():  # no Content-Length: the body is counted as it arrives
            yield (f'--XX\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n{token}\r\n--XX\r\n'
                   'Content-Disposition: form-data; name="files"; filename="a.toml"\r\n\r\n').encode()
            for _ in range(40):
                yield b"#" * (64 << 10)
            yield b"\r\n--XX--\r\n"

        chunked = c.post("/review/upload", content=streamed(), headers={"Content-Type": "multipart/form-data; boundary=XX"})
        assert chunked.status_code == 413 and chunked.request.headers.get("transfer-encoding") == "chunked"
        assert db_count(tmp_path, "submissions") == 1


def test_a_crash_mid_upload_stores_nothing(tmp_path, monkeypatch):
    with make_client(tmp_path) as c:
        calls = []
        real = storage.stored_sheets

        def crash_on_second(conn, *args):
            calls.append(1)
            if len(calls) == 2:
                raise RuntimeError("断电")
            return real(conn, *args)

        monkeypatch.setattr(storage, "stored_sheets", crash_on_second)
        response = upload(c, [("汨罗.toml", HUNAN.read_bytes()), ("安居.toml", SUINING.read_bytes())])
        assert response.status_code == 500
        assert len(calls) == 2
        for table in ("submissions", "results", "uploads", "files"):
            assert db_count(tmp_path, table) == 0, table


def test_forms_without_the_csrf_token_are_refused(client, tmp_path):
    client.get("/review")
    response = client.post("/review/upload", files=[("files", ("汨罗.toml", HUNAN.read_bytes()))])
    assert response.status_code == 403 and "CSRF" in response.text
    assert client.post("/review/rescore").status_code == 403
    assert db_count(tmp_path, "submissions") == 0


def test_summary_sorts_filters_pages_rolls_up_and_exports(client, tmp_path):
    upload(client, [("大表.csv", case_table(230, seed=5))])
    assert db_count(tmp_path, "results") == 230
    first = client.get("/review", params={"per_page": 20})
    assert "共 230 张表" in first.text and "第 1 / 12 页" in first.text
    page_rows = storage.page(client.app.state.db, storage.Filters(sort="delta", desc=True, per_page=20, page=2))[0]
    everything = list(storage.iter_rows(client.app.state.db, storage.Filters(sort="delta", desc=True)))
    deltas = [Decimal(r["delta"]) if r["delta"] else Decimal("-Infinity") for r in everything]
    assert deltas == sorted(deltas, reverse=True)
    assert [r["id"] for r in page_rows] == [r["id"] for r in everything[20:40]]
    # by status: the most alarming first (高报 before 低报 before 一致), not in the order of the codes' spelling
    from scoring.batch.summary import STATUS_RANK

    by_status = [r["worst_status"] for r in storage.iter_rows(client.app.state.db, storage.Filters(sort="status"))]
    assert by_status == sorted(by_status, key={"failed": -1, **STATUS_RANK}.__getitem__) and len(set(by_status)) > 2
    only = client.get("/review", params={"region": "湖南省/岳阳市"})
    assert "共 46 张表" in only.text
    assert "测试单位0000" in only.text and "测试单位0001" not in only.text
    assert "共 100 张表" in client.get("/review", params={"q": "测试单位00"}).text
    assert "共 0 张表" in client.get("/review", params={"q": "_"}).text  # typed text is matched as written, never as a pattern
    rollup = storage.rollup(client.app.state.db, storage.Filters())
    assert sum(g["sheets"] for g in rollup) == 230 and len(rollup) == 5

    exported = client.get("/review/export.csv", params={"region": "四川省"})
    assert exported.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["编号", "复核记录号", "文件", "单位"] and len(rows) == 1 + 92
    xlsx = client.get("/review/export.xlsx")
    ws = load_workbook(io.BytesIO(xlsx.content)).active
    assert ws.max_row == 231
    # scores are numbers the bureau can sort and sum, shown with their decimals (review BZ C4)
    head = [c.value for c in ws[1]]
    computed = [ws.cell(row=r, column=head.index("计算总分") + 1) for r in range(2, 232)]
    assert all(isinstance(c.value, (int, float)) for c in computed if c.value is not None) and any(c.value for c in computed)
    assert {c.number_format for c in computed if c.value is not None} == {"0.00"}
    charts = client.get("/review/charts")
    assert charts.text.count("<svg") == 3


def test_explanation_page_is_what_explain_prints(client):
    upload(client, [("汨罗.toml", HUNAN.read_bytes())])
    row = storage.page(client.app.state.db, storage.Filters())[0][0]
    page = client.get(f"/review/sheets/{row['id']}")
    assert page.status_code == 200
    shown = html.unescape(page.text.split('<pre class="explain" id="explain">')[1].split("</pre>")[0])
    assert shown.strip() == run_cli("explain", str(HUNAN)).stdout.strip()
    assert "预算执行率：自评 9.2 分，按规则应得 9.01 分，高出 0.19 分" in page.text
    original = client.get(f"/review/submissions/{row['submission_id']}/file")
    assert original.content == HUNAN.read_bytes()


def test_a_claim_outside_the_range_is_off_by_a_range_on_the_sheet_page(client):
    """The sheet page prints a range line's difference as the diff does ("+0.01～+2.00" for a full claim on a missed
    deadline, reviews HM, HP, HT), and the bureau's Word review of it too; the stored JSON keeps the number."""
    from test_docx import _RANGES

    upload(client, [("区间.toml", _RANGES.encode("utf-8"))])
    row = storage.page(client.app.state.db, storage.Filters())[0][0]
    page = html.unescape(client.get(f"/review/sheets/{row['id']}").text)
    late = page.split("营养餐补助资金拨付时间</td>", 1)[1].split("</tr>", 1)[0]
    assert "<td class=\"n\">+0.01～+2.00</td>" in late and "高报" in late, late
    word = client.get(f"/review/submissions/{row['submission_id']}/review.docx")
    assert word.status_code == 200
    import io

    from docx import Document
    cells = [[c.text for c in r.cells] for t in Document(io.BytesIO(word.content)).tables for r in t.rows]
    assert any(r[0] == "营养餐补助资金拨付时间" and "+0.01～+2.00" in r for r in cells), cells


def test_word_review_of_a_sheet_and_of_the_bureau_summary(client):
    upload(client, [("汨罗.toml", HUNAN.read_bytes()), ("安居.toml", SUINING.read_bytes())])
    row = next(r for r in storage.iter_rows(client.app.state.db, storage.Filters()) if r["unit"] == "中共汨罗市委社会工作部")
    page = client.get(f"/review/sheets/{row['id']}")
    link = f"/review/submissions/{row['submission_id']}/review.docx"
    assert link in page.text
    one = client.get(link)
    assert one.status_code == 200 and "%E5%A4%8D%E6%A0%B8%E6%84%8F%E8%A7%81.docx" in one.headers["content-disposition"]  # 复核意见.docx
    text = docx_text(one.content)
    assert "预算绩效自评复核意见" in text and "自评 98.2 分，按规则应得 99.01 分" in text and "复核人（签字）" in text
    assert "/review/export.docx" in client.get("/review").text
    summary = client.get("/review/export.docx")
    assert summary.status_code == 200
    text = docx_text(summary.content)
    assert "共复核 4 张表" in text  # the Hunan sheet and the three Suining sheets
    assert "有错误的单位" in text and "中共汨罗市委社会工作部：部门整体支出绩效自评表" in text
    assert "预算执行率" in text and "高报" in text
    assert client.get("/review/submissions/999/review.docx").status_code == 404


def docx_text(data: bytes) -> str:
    """Every paragraph and table cell of a Word document, as python-docx reads them."""
    from docx import Document

    doc = Document(io.BytesIO(data))
    cells = [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def test_an_explanation_is_worked_out_when_asked_for_never_stored(tmp_path, rules):
    """The upload stores the summary (scored on the lean path); the explanation page scores the
    stored case again on the traced path, under the rule version the record names — and says so
    plainly when that version is no longer in the rules folder."""
    with make_client(tmp_path, rules_dir=rules) as c:
        upload(c, [("安居.toml", SUINING.read_bytes())])
        with sqlite3.connect(tmp_path / "data" / "scoring.db") as conn:
            details = [storage.unpack(d) for (d,) in conn.execute("SELECT detail FROM results")]
        assert details and all(d == {} for d in details)
        first = storage.page(c.app.state.db, storage.Filters())[0]
        dept = next(r for r in first if r["rules_id"] == "sichuan.dept-overall")
        page = c.get(f"/review/sheets/{dept['id']}")
        assert page.status_code == 200 and "履职效能" in page.text and '<pre class="explain"' in page.text
        swap_sichuan_weights(rules)  # the same version, other content: the old record cannot be explained again
        c.post("/review/rescore", data={"csrf_token": token_of(c)})
        old = c.get(f"/review/sheets/{dept['id']}")
        assert "该版本已不在规则目录中，无法重新给出说明" in old.text
        current = next(r for r in storage.page(c.app.state.db, storage.Filters())[0] if r["rules_id"] == "sichuan.dept-overall")
        assert current["id"] != dept["id"] and "履职效能" in c.get(f"/review/sheets/{current['id']}").text


def test_rescore_after_a_rule_change_lists_old_beside_new(tmp_path, rules):
    with make_client(tmp_path, rules_dir=rules) as c:
        upload(c, [("汨罗.toml", HUNAN.read_bytes()), ("安居.toml", SUINING.read_bytes())])
        token = token_of(c)
        unchanged = c.post("/review/rescore", data={"csrf_token": token})
        assert "没有任何表的结论、计算总分或等级发生变化" in unchanged.text
        swap_sichuan_weights(rules)
        run = c.post("/review/rescore", data={"csrf_token": token})
        assert run.status_code == 200
        table = run.text.split('id="changes"')[1]
        assert table.count("<tr>") == 2  # header and the one department sheet whose rules changed
        assert "中共遂宁市安居区委目标绩效管理办公室" in table and "<td>结论</td>" in table
        # 履职效能's claim of 10 is now above its weight of 8: the verdict turns from a warning to an error
        assert "低报，警告" in table and "低报，错误" in table
    with sqlite3.connect(tmp_path / "data" / "scoring.db") as conn:
        shas = conn.execute("SELECT DISTINCT rules_sha256 FROM results WHERE rules_id = 'sichuan.dept-overall'").fetchall()
        current = conn.execute("SELECT count(*) FROM results WHERE current").fetchone()[0]
    assert len(shas) == 2 and current == 4  # history keeps the old rules' result; one current result per sheet


def batch_grades(*paths) -> dict[tuple[str, str], tuple[str, str]]:
    """(unit, sheet id) → (grade, claimed grade) as `scoring batch` gives them."""
    result = CliRunner().invoke(cli, ["batch", *map(str, paths), "--format", "json", "--quiet", "--jobs", "1"])
    return {(s["unit"], s["sheet_id"]): (s["grade"] or "", s["claimed_grade"] or "") for s in json.loads(result.stdout)["sheets"]}


def stored_grades(tmp_path) -> dict[tuple[str, str], tuple[str | None, str | None]]:
    with sqlite3.connect(tmp_path / "data" / "scoring.db") as conn:
        rows = conn.execute("SELECT unit, sheet_id, grade, claimed_grade FROM results JOIN submissions ON submissions.id = submission_id "
                            "WHERE current AND submissions.kind = 'toml'").fetchall()
    return {(unit, sheet): (grade, claimed) for unit, sheet, grade, claimed in rows}


def summary_units(page: str) -> list[str]:
    """The units the summary table lists, in its order."""
    table = page.split('id="summary"')[1].split("</table>")[0]
    return [html.unescape(u) for u in re.findall(r'<a href="/review/sheets/\d+">([^<]+)</a>', table)]


def test_grades_are_stored_shown_filtered_and_exported(client, tmp_path):
    upload(client, [("汨罗.toml", HUNAN.read_bytes()), ("安居.toml", SUINING.read_bytes()), ("表.csv", case_table(6))])
    expected = batch_grades(HUNAN, SUINING)
    assert stored_grades(tmp_path) == expected  # the grades `scoring batch` gives, rule ranges ("中～优") included
    assert expected[("中共遂宁市安居区委目标绩效管理办公室", "project-mbjx")] == ("优", "优")
    with sqlite3.connect(tmp_path / "data" / "scoring.db") as conn:
        table_grades = {g for (g,) in conn.execute("SELECT grade FROM results JOIN submissions ON submissions.id = submission_id "
                                                   "WHERE submissions.kind = 'csv-row'")}
    assert table_grades and "" not in table_grades and None not in table_grades

    page = client.get("/review")
    options = re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', page.text.split('name="grade"')[1].split("</select>")[0])
    values = [v for v, _ in options]
    assert values[0] == "" and set(values[1:]) == table_grades | {g for g, _ in expected.values()}
    assert values.index("优") < values.index("良～优") < values.index("中～优")  # best first, a range after its best grade
    assert '<td class="grade">中～优<div class="hint claimed-grade">自评 优</div></td>' in page.text

    only = client.get("/review", params={"grade": "优"})
    assert "共 1 张表" in only.text and summary_units(only.text) == ["中共遂宁市安居区委目标绩效管理办公室"]
    assert '<option value="优" selected>优</option>' in only.text
    ranged = client.get("/review", params={"grade": "中～优", "region": "湖南省"})
    assert "共 1 张表" in ranged.text and summary_units(ranged.text) == ["中共汨罗市委社会工作部"]
    assert "共 0 张表" in client.get("/review", params={"grade": "优", "region": "湖南省"}).text
    assert "共 0 张表" in client.get("/review", params={"grade": "unrecorded"}).text

    exported = list(csv.reader(io.StringIO(client.get("/review/export.csv", params={"grade": "良～优"}).content.decode("utf-8-sig"))))
    header = exported[0]
    assert header[header.index("等级"):header.index("等级") + 2] == ["等级", "自评等级"]
    assert len(exported) > 1 and {r[header.index("等级")] for r in exported[1:]} == {"良～优"}
    assert ["安居.toml", "良～优", "优"] in [[r[header.index("文件")], r[header.index("等级")], r[header.index("自评等级")]] for r in exported[1:]]
    everything = list(csv.reader(io.StringIO(client.get("/review/export.csv").content.decode("utf-8-sig"))))[1:]
    assert {(r[header.index("单位")], r[header.index("等级")], r[header.index("自评等级")]) for r in everything if r[header.index("文件")].endswith(".toml")} == \
        {(unit, *grades) for (unit, _sheet), grades in expected.items()}
    ws = load_workbook(io.BytesIO(client.get("/review/export.xlsx", params={"grade": "优"}).content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][header.index("等级")] == "等级" and [(r[header.index("等级")], r[header.index("自评等级")]) for r in rows[1:]] == [("优", "优")]
    text = docx_text(client.get("/review/export.docx", params={"grade": "中～优"}).content)
    assert "按规则等级" in text and "中～优" in text and "共复核 1 张表" in text
    charts = client.get("/review/charts", params={"grade": "优"})
    assert "<td>优</td><td class=\"n\">1</td>" in charts.text.split('id="grades"')[1]


def test_a_rescore_under_a_broken_rule_file_says_why_each_sheet_failed(tmp_path, rules):
    """The rule file in effect broken after upload: the run listed “新规则 @ — 无法复核，错误”, with no
    file and no problem (review CF C6).  It says which rule file cannot be used, and no bare “@”."""
    from conftest import in_effect

    with make_client(tmp_path, rules_dir=rules) as c:
        upload(c, [("汨罗.toml", HUNAN.read_bytes())])
        broken = in_effect(rules, "hunan.dept-overall", 2024)
        broken.write_text(broken.read_text(encoding="utf-8") + "\n= 不是 TOML\n", encoding="utf-8")
        run = c.post("/review/rescore", data={"csrf_token": token_of(c)})
        table = html.unescape(run.text.split('id="changes"')[1].split("</table>")[0])
        assert broken.name in table and "无法使用" in table, table
        assert "<td>@<div" not in table


def test_rescore_lists_a_changed_grade_old_beside_new(tmp_path, rules):
    with make_client(tmp_path, rules_dir=rules) as c:
        upload(c, [("汨罗.toml", HUNAN.read_bytes()), ("安居.toml", SUINING.read_bytes())])
        raise_sichuan_top_grade(rules)  # 优 from 95 points: the 90–100 of 目标绩效督查营商管理经费 is now 良～优
        run = c.post("/review/rescore", data={"csrf_token": token_of(c)})
        assert '<b id="changed-count">1</b>' in run.text
        table = run.text.split('id="changes"')[1].split("</table>")[0]
        assert table.count("<tr>") == 2
        assert "目标绩效督查营商管理经费" in table and "<td>等级</td>" in table  # only the grade moved, not the verdict or total
        assert '<td class="old-grade">优</td>' in table and '<td class="new-grade">良～优</td>' in table
        assert "<td>优</td></tr>" in table  # the claimed grade, unchanged
        assert "共 0 张表" in c.get("/review", params={"grade": "优"}).text
        both = c.get("/review", params={"grade": "良～优", "rules": "sichuan.project@2024.46"})  # 信创项目资金 was 良～优 already
        assert "共 2 张表" in both.text
    assert stored_grades(tmp_path)[("中共遂宁市安居区委目标绩效管理办公室", "project-mbjx")] == ("良～优", "优")
    assert batch_grades(SUINING)[("中共遂宁市安居区委目标绩效管理办公室", "project-mbjx")] == ("优", "优")  # the shipped rules


YEARLESS = CASES / "yunnan-chuxiong-nanhua-yejunchejian.toml"  # prints no fiscal year


def test_a_database_from_before_grades_opens_and_records_them(tmp_path, rules):
    with make_client(tmp_path, rules_dir=rules) as c:
        upload(c, [("汨罗.toml", HUNAN.read_bytes()), ("安居.toml", SUINING.read_bytes()), ("表.csv", case_table(3))])
    fresh = stored_grades(tmp_path)
    db = tmp_path / "data" / "scoring.db"
    as_before_grades(db)
    with sqlite3.connect(db) as conn:
        assert "grade" not in {r[1] for r in conn.execute("PRAGMA table_info(results)")}
        assert conn.execute("SELECT count(*) FROM results").fetchone()[0] == 7
    swap_sichuan_weights(rules)  # the Suining department sheet's rules have changed since it was stored

    with make_client(tmp_path, rules_dir=rules) as c:
        assert c.app.state.upgrade == {"added": ["results.grade", "results.claimed_grade"], "relaxed": ["submissions.year"],
                                       "graded": 6, "ungraded": 1}
        upgraded = stored_grades(tmp_path)
        dept = ("中共遂宁市安居区委目标绩效管理办公室", "dept-overall")
        assert upgraded[dept] == (None, None)  # not recorded: its stored result was scored under other rules
        assert {k: v for k, v in upgraded.items() if k != dept} == {k: v for k, v in fresh.items() if k != dept}
        page = c.get("/review")
        assert page.status_code == 200 and '<option value="unrecorded">未记录</option>' in page.text
        unrecorded = c.get("/review", params={"grade": "unrecorded"})
        assert "共 1 张表" in unrecorded.text and '<td class="grade">未记录</td>' in unrecorded.text
        exported = list(csv.reader(io.StringIO(c.get("/review/export.csv", params={"grade": "unrecorded"}).content.decode("utf-8-sig"))))
        assert exported[1][exported[0].index("等级")] == "未记录"
        # the old file refused a submission that prints no fiscal year; the upgraded one takes it
        assert "已保存并复核" in upload(c, [("南华.toml", YEARLESS.read_bytes())]).text
        run = c.post("/review/rescore", data={"csrf_token": token_of(c)})
        table = run.text.split('id="changes"')[1].split("</table>")[0]
        # its verdict changed with the rules; an unrecorded grade is not reported as a change
        assert table.count("<tr>") == 2 and "<td>结论</td>" in table and '<td class="old-grade">未记录</td>' in table
        assert None not in {g for g, _ in stored_grades(tmp_path).values()}
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert {"ix_submissions_region", "ix_results_current", "ix_results_submission"} <= {
            n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert conn.execute("SELECT year FROM submissions WHERE filename = '南华.toml'").fetchone() == (None,)
    with make_client(tmp_path, rules_dir=rules) as c:
        assert (c.app.state.upgrade["added"], c.app.state.upgrade["relaxed"]) == ([], [])  # upgraded once


def test_an_interrupted_upgrade_is_undone_and_done_again(tmp_path, monkeypatch):
    with make_client(tmp_path) as c:
        upload(c, [("汨罗.toml", HUNAN.read_bytes()), ("安居.toml", SUINING.read_bytes())])
    as_before_grades(tmp_path / "data" / "scoring.db")

    def crash(*_args):
        raise RuntimeError("断电")

    with monkeypatch.context() as m:
        m.setattr(bureau, "record_grades", crash)
        with pytest.raises(RuntimeError, match="断电"):
            make_client(tmp_path)
    with sqlite3.connect(tmp_path / "data" / "scoring.db") as conn:  # nothing of the upgrade is left
        assert "grade" not in {r[1] for r in conn.execute("PRAGMA table_info(results)")}
        assert [r[3] for r in conn.execute("PRAGMA table_info(submissions)") if r[1] == "year"] == [1]  # still NOT NULL
        assert conn.execute("SELECT count(*) FROM submissions").fetchone()[0] == 2
        assert {n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")} == {
            "uploads", "files", "submissions", "results", "changes"}
    with make_client(tmp_path) as c:
        assert c.app.state.upgrade["graded"] == 4
        assert "共 1 张表" in c.get("/review", params={"grade": "优"}).text


def test_rule_page_and_diff_between_versions(tmp_path, rules):
    text = (rules / "national" / "project-2020.toml").read_text(encoding="utf-8")
    newer = text.replace('version = "2020.1"', 'version = "2025.1"').replace("effective_from = 2020-02-25", "effective_from = 2025-01-01")
    newer = newer.replace('rule_text = "预算执行率=全年执行数÷全年预算数×100%；', 'rule_text = "（2025年修订）预算执行率=全年执行数÷全年预算数×100%；')
    (rules / "national" / "project-2025.toml").write_text(newer, encoding="utf-8")
    with make_client(tmp_path, rules_dir=rules) as c:
        page = c.get("/rules/national.project@2020.1")
        assert "2025.1" in page.text and "预算执行率" in page.text
        diff = c.get("/rules/diff", params={"old": "national.project@2020.1", "new": "national.project@2025.1"})
        assert diff.status_code == 200
        assert "指标“预算执行率”（execution）：评分规则原文" in html.unescape(diff.text)
        sichuan = c.get("/rules/sichuan.dept-overall@2024.1")
        assert "区直行政事业单位人均资产变化率平均值N" in sichuan.text and "-4.63" in sichuan.text


# -- access --------------------------------------------------------------------------------------------


def test_token_guards_every_page(tmp_path):
    token = "t0ken-for-tests-only-1234"
    with make_client(tmp_path, token=token) as c:
        assert c.get("/review", follow_redirects=False).headers["location"] == "/login?next=/review"
        assert c.get("/review", headers={"Accept": "application/json"}).status_code == 401
        assert c.get("/review", headers={"Authorization": f"Bearer {token}"}).status_code == 200
        login = c.get("/login?next=/review")
        wrong = c.post("/login", data={"csrf_token": csrf_of(login.text), "token": "nope", "next": "/review"})
        assert wrong.status_code == 401 and "令牌不正确" in wrong.text
        right = c.post("/login", data={"csrf_token": csrf_of(login.text), "token": token, "next": "//evil.example/"}, follow_redirects=False)
        assert right.headers["location"] == "/"
        assert c.get("/review").status_code == 200


def test_serve_refuses_other_addresses_without_a_token(tmp_path):
    result = run_cli("serve", "--host", "0.0.0.0", "--data", str(tmp_path / "d"))
    assert result.returncode == 2
    assert "拒绝启动" in result.stderr and "SCORING_TOKEN" in result.stderr
    assert not (tmp_path / "d").exists()


def test_serve_names_a_database_driver_that_is_not_installed(tmp_path):
    """A PostgreSQL URL whose driver is missing: which driver, and how to get it — not a Python
    exception's name (review CG C7)."""
    import importlib.util

    if importlib.util.find_spec("psycopg") is not None:
        pytest.skip("psycopg is installed here")
    result = run_cli("serve", "--database", "postgresql+psycopg://u@127.0.0.1/x", "--data", str(tmp_path / "d"))
    assert result.returncode == 2 and "所需的驱动 psycopg 未安装" in result.stderr and "ModuleNotFoundError" not in result.stderr


def test_serve_without_the_web_extra_says_how_to_install_it():
    # uvicorn made unimportable, as on an install without the 'web' extra
    code = "import sys; sys.modules['uvicorn'] = None; sys.argv = ['scoring', 'serve']; from scoring.cli import main; main()"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "网页服务所需的组件未安装" in result.stderr and "pip install 'scoring[web]'" in result.stderr


def test_json_nested_past_the_decoders_depth_is_refused_not_a_server_error(client):
    """A body of 100,000 nested brackets (review CF A7): the decoder's RecursionError is a bad
    request as any other unreadable body, never a 500."""
    deep = "[" * 100_000 + "]" * 100_000
    token = token_of(client, "/fill")
    answer = client.post("/api/score", content=deep, headers={"X-CSRF-Token": token, "Content-Type": "application/json"})
    assert answer.status_code == 400 and answer.json()["errors"] == ["请求不是有效的 JSON"]
    page = client.post("/fill/download", data={"csrf_token": token, "kind": "json", "payload": deep})
    assert page.status_code < 500 and "表单数据无法读取" in page.text


def test_score_endpoint_survives_any_json(client):
    for data in ([], {"rules": 5}, {"rules": "hunan.dept-overall@2024.1", "inputs": [1], "claims": "x", "rows": {"a": 1}},
                 {"rules": "hunan.dept-overall@2024.1", "year": "二〇二四", "rows": [None, 3, {"name": "行", "weight": []}]}):
        token = token_of(client, "/fill")
        answer = client.post("/api/score", json=data, headers={"X-CSRF-Token": token})
        assert answer.status_code == 200, (data, answer.text)
        assert answer.json()["ok"] is False or data["rules"] == "hunan.dept-overall@2024.1"


def test_the_servers_folder_is_taken_out_of_messages_as_a_path_only():
    """A rules folder named "formulas" (relative, as --rules-dir formulas gives it) is also a word of
    the advice "scoring formulas list": only the folder as a path is hidden (review CA C4)."""
    from scoring.web.service import without_folder

    said = "规则目录 formulas 中没有规则集 x；见 formulas/national/project-2020.toml（各版本见 scoring formulas list）"
    assert without_folder(said, "formulas") == "规则目录中没有规则集 x；见 规则目录/national/project-2020.toml（各版本见 scoring formulas list）"
