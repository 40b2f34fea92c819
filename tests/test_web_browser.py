"""End-to-end tests in a real browser: Debian's chromium driven by Playwright against a real
`scoring serve` (one server and one browser for the whole module), with a copied rules folder
so a rule change can be made while the server runs.

The tests run in order: the upload feeds the explanation and the re-score."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import tomllib
import urllib.request
from pathlib import Path

import pytest

pytest.importorskip("starlette", reason="网页组件未安装（pip install -e '.[web]'）")
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright 未安装（pip install -e '.[test]'）")

from typer.testing import CliRunner  # noqa: E402

from scoring.cli import app as cli  # noqa: E402
from scoring.output.labels import STATUS_LABELS  # noqa: E402

from web_support import HUNAN, ROOT, SUINING, copy_rules, swap_sichuan_weights  # noqa: E402

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="浏览器测试已跳过：找不到 chromium（Debian: apt-get install -y chromium）",
)
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A real `scoring serve` on a free loopback port, with its own data folder and rules."""
    base = tmp_path_factory.mktemp("web")
    rules = copy_rules(base / "rules")
    port = _free_port()
    log = (base / "server.log").open("w")
    proc = subprocess.Popen([sys.executable, "-m", "scoring", "serve", "--port", str(port), "--data", str(base / "data"),
                             "--rules-dir", str(rules)], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                            env={k: v for k, v in os.environ.items() if k != "SCORING_TOKEN"})
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(url + "/rules", timeout=2).read()
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail("scoring serve 未能启动：" + (base / "server.log").read_text(encoding="utf-8"))
            time.sleep(0.1)
    yield {"url": url, "rules": rules, "base": base}
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.set_default_timeout(15000)
    yield page
    context.close()
    assert not errors, f"页面脚本出错：{errors}"


def _scored(page) -> None:
    """Wait until the form's latest change has been scored and shown.  Asked while a page is still
    being replaced (a sheet switched by its form), the document may have neither element yet: not
    scored, asked again, not a script error."""
    page.wait_for_function("() => { const f = document.getElementById('sheet'), b = document.getElementById('busy');"
                           " return !!f && !!b && !!f.getAttribute('data-scored') && b.textContent === '已按当前数字计算'; }")


def test_fill_a_sheet_and_watch_the_score_change(server, page):
    page.goto(f"{server['url']}/fill/hunan.dept-overall@2024.1?region=湖南省/岳阳市/汨罗市&year=2024")
    page.fill("input[name='unit']", "测试单位")
    page.fill("#in-budget", "100")
    page.fill("#in-executed", "90")
    page.fill("#claim-execution", "9.5")
    row = page.locator("tr[data-indicator='execution']")
    sync_api.expect(row.locator(".status")).to_have_text("高报")
    sync_api.expect(row.locator(".computed")).to_have_text("9.00")
    sync_api.expect(page.locator("#claim-execution")).to_have_class("claim over")
    sync_api.expect(page.locator("[data-whatif='executed']")).to_contain_text("全年执行数 再增加 9.95 万元（即 99.95 万元），预算执行率 可得满分 10 分")
    sync_api.expect(page.locator("#findings")).to_contain_text("预算执行率：自评 9.5 分，按规则应得 9.00 分，高出 0.50 分")

    page.fill("#in-executed", "95")
    sync_api.expect(row.locator(".computed")).to_have_text("9.50")
    sync_api.expect(row.locator(".status")).to_have_text("一致")
    sync_api.expect(page.locator("#claim-execution")).to_have_class("claim match")

    # a row sheet: fill the first row, add one, remove it again; the total follows
    first = page.locator("#rows tr.row").first
    for field, value in (("group1", "产出指标"), ("group2", "数量指标"), ("name", "培训次数"), ("target", "≥10次"), ("actual", "8次"), ("weight", "10"), ("claimed", "10")):
        first.locator(f"input[data-field='{field}']").fill(value)
    sync_api.expect(first.locator(".computed")).to_have_text("8.00")
    sync_api.expect(first.locator(".status")).to_have_text("高报")
    _scored(page)
    before = page.locator("#total-computed").inner_text()
    page.click("#add-row")
    added = page.locator("#rows tr.row").last
    for field, value in (("name", "满意度"), ("target", "≥90%"), ("actual", "95%"), ("weight", "10")):
        added.locator(f"input[data-field='{field}']").fill(value)
    sync_api.expect(added.locator(".computed")).to_have_text("10.00")
    sync_api.expect(page.locator("#total-computed")).not_to_have_text(before)
    added.locator("button").click()
    sync_api.expect(page.locator("#total-computed")).to_have_text(before)
    # a group header's printed weight, typed in its own table: the rows under it are held to it
    header = page.locator("#subtotals tr.subtotal").first
    header.locator("input[data-field='group']").fill("产出指标")
    header.locator("input[data-field='weight']").fill("5")
    sync_api.expect(page.locator("#findings")).to_contain_text("产出指标：分组标题印的分值 5 分，与其下各项分值合计 10 分不符")


def test_an_unreadable_cell_greys_the_results_and_a_refused_download_keeps_the_form(server, page):
    """A cell that cannot be read leaves the last results greyed out and said to be stale (they
    were shown as current); a download refused for it says why on the page, and nothing typed is
    lost; once the cell is mended the results are current again and the download is a file."""
    url = f"{server['url']}/fill/hunan.dept-overall@2024.1?region=湖南省/岳阳市/汨罗市&year=2024"
    page.goto(url)
    page.fill("#in-budget", "100")
    page.fill("#in-executed", "90")
    _scored(page)
    first = page.locator("#rows tr.row").first
    for field, value in (("name", "培训次数"), ("target", "≥10次"), ("actual", "8次"), ("weight", "十"), ("claimed", "10")):
        first.locator(f"input[data-field='{field}']").fill(value)
    sync_api.expect(page.locator("#errors")).to_contain_text("“十”不是数字")
    sync_api.expect(page.locator("#sheet")).to_have_class("stale")
    sync_api.expect(page.locator("#busy")).to_contain_text("未重新计算")
    page.click("#download button[value='xlsx']")
    sync_api.expect(page.locator("#busy")).to_have_text("未能下载，见下")
    assert "/fill/hunan.dept-overall" in page.url and page.input_value("#in-executed") == "90"  # the same page, as typed
    sync_api.expect(page.locator("#errors")).to_contain_text("无法下载：绩效指标第 1 行“分值”：“十”不是数字")
    first.locator("input[data-field='weight']").fill("10")
    _scored(page)
    sync_api.expect(page.locator("#sheet")).not_to_have_class("stale")
    with page.expect_download() as got:
        page.click("#download button[value='toml']")
    assert got.value.suggested_filename.endswith(".toml")


def test_a_figure_a_finding_is_about_is_marked_where_it_was_typed(server, page):
    """全年执行数 typed in 元 (1,200,000 against a budget of 123.47 万元): the slip's warning marks the
    figure it read first, on the page, with the warning as its title (review CC B5); corrected, the mark goes."""
    page.goto(f"{server['url']}/fill/hunan.dept-overall@2024.1?region=湖南省/岳阳市/汨罗市&year=2024")
    page.fill("#in-budget", "123.47")
    page.fill("#in-executed", "1200000")
    budget, executed = page.locator("#in-budget"), page.locator("#in-executed")
    # both figures the check read are marked: either may be the mistyped one (review CE B2)
    for figure in (budget, executed):
        sync_api.expect(figure).to_have_attribute("title", re.compile("相差约一万倍"))
        sync_api.expect(figure).to_have_class(re.compile(r"\bflagged\b"))
    page.fill("#in-executed", "120")
    for figure in (budget, executed):
        sync_api.expect(figure).not_to_have_class(re.compile(r"\bflagged\b"))
        sync_api.expect(figure).to_have_attribute("title", "")
    # a year the rules do not govern: the 年度 field is marked (review CE C2)
    year = page.locator("input[name='year']")
    year.fill("2025")
    sync_api.expect(year).to_have_class(re.compile(r"\bflagged\b"))
    sync_api.expect(year).to_have_attribute("title", re.compile("不适用于 2025 年度"))


def test_an_opened_files_converted_scores_are_shown_beside_the_claims(server, page):
    """The Hebei sheet's 折算得分, which its four converted_mismatch errors are about, is shown under
    each row's claim (review CD C2)."""
    page.goto(f"{server['url']}/fill")
    page.set_input_files("form[action='/fill/open'] input[type=file]", str(ROOT / "cases" / "hebei-handan-chengan-minzheng-2020.toml"))
    page.click("form[action='/fill/open'] button")
    first = page.locator("#rows tr.row").first
    sync_api.expect(first).to_contain_text("折算得分 6.25（取自打开的文件）")
    sync_api.expect(page.locator("#findings")).to_contain_text("权重计了两次")


# Shipped cases whose sheets need more than figures and claims: printed weights that govern
# (weights.execution), 其中… rows and a partial transcription, a 赋分规则 column, a claimed grade
# written "优秀", no fiscal year printed.
OPENED = ["sichuan-suining-anju-shichangjianguan-2021.toml", "anhui-suzhou-xiaoxian-zhangzhuangzhai-2023.toml",
          "xinjiang-changji-shgzb-2024.toml", "sichuan-panzhihua-shgzb-2024.toml", "yunnan-chuxiong-nanhua-yejunchejian.toml"]


def test_opened_cases_score_in_the_form_as_the_cli_scores_them(server, page):
    for name in OPENED:
        path = ROOT / "cases" / name
        total = json.loads(CliRunner().invoke(cli, ["diff", str(path), "--format", "json"]).stdout)["sheets"][0]["total"]
        page.goto(f"{server['url']}/fill")
        page.set_input_files("form[action='/fill/open'] input[type=file]", str(path))
        page.click("form[action='/fill/open'] button")
        sync_api.expect(page.locator(".notice")).to_contain_text(f"已打开 {name}")
        _scored(page)
        sync_api.expect(page.locator("#total-computed")).to_have_text(total["computed"])
        sync_api.expect(page.locator("#total-range")).to_have_text(f"{total['low']}～{total['high']}" if total["low"] != total["high"] else "")
        sync_api.expect(page.locator("#total-status")).to_have_text(STATUS_LABELS[total["status"]])
        if total["grades"]:
            sync_api.expect(page.locator("#total-grade")).to_have_text(total["grade"])
    # the last one prints no year and claims no grade; what the official form's heading and signature hold is kept
    assert page.locator("input[name='year']").input_value() == ""


def test_each_sheet_of_a_file_of_several_can_be_filled_and_scores_as_the_cli_scores_it(server, page):
    path = ROOT / "cases" / "sichuan-suining-anju-jxb-2024.toml"
    report = json.loads(CliRunner().invoke(cli, ["diff", str(path), "--format", "json"]).stdout)
    page.goto(f"{server['url']}/fill")
    page.set_input_files("form[action='/fill/open'] input[type=file]", str(path))
    page.click("form[action='/fill/open'] button")
    _scored(page)
    for sheet in report["sheets"][1:]:
        page.select_option("#switch select[name='sheet']", sheet["id"])
        sync_api.expect(page.locator(".notice")).to_contain_text(f"当前为“{sheet['title']}”")
        _scored(page)
        sync_api.expect(page.locator("#total-computed")).to_have_text(sheet["total"]["computed"])


def test_printed_weight_claimed_grade_and_signature(server, page):
    page.goto(f"{server['url']}/fill/sichuan.project@2024.1?region=四川省/遂宁市&year=2024")
    page.fill("#in-budget", "100")
    page.fill("#in-executed", "90")
    page.fill("#claim-execution", "9")
    execution = page.locator("tr[data-indicator='execution']")
    sync_api.expect(execution.locator(".computed")).to_have_text("9.00")
    page.fill("input[name='weight:execution']", "20")  # the sheet prints 20 points for 预算执行率 (allowed to differ)
    sync_api.expect(execution.locator(".computed")).to_have_text("18.00")
    page.fill("input[name='claimed_total']", "18")
    # no row entered yet: the sheet is a partial one, so its grade may be any; a grade its own claimed
    # total does not reach is still marked
    page.fill("input[name='claimed_grade']", "优")
    sync_api.expect(page.locator("input[name='claimed_grade']")).to_have_class("claim invalid")
    sync_api.expect(page.locator("#findings")).to_contain_text("等级：表中写“优”，而自评总分 18 分应为“差”")
    page.fill("input[name='claimed_grade']", "差")
    sync_api.expect(page.locator("input[name='claimed_grade']")).to_have_class("claim match")
    for name, value in (("unit", "测试单位"), ("project", "测试项目"), ("preparer", "张三"), ("reviewer", "李四"), ("phone", "0825-1234567"),
                        ("evaluated", "2025-03-31")):
        page.fill(f"input[name='{name}']", value)
    _scored(page)
    with page.expect_download() as download:
        page.click("#download button[value='toml']")
    case = tomllib.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    sheet = case["sheets"][0]
    assert (sheet["weights"], sheet["claimed_grade"]["grade"], sheet["project"], sheet["preparer"], sheet["reviewer"], sheet["phone"]) == (
        {"execution": "20"}, "差", "测试项目", "张三", "李四", "0825-1234567")
    assert case["case"]["evaluated"].isoformat() == "2025-03-31"


def test_upload_a_batch_with_a_broken_file(server, page, tmp_path):
    broken = tmp_path / "损坏的表.json"
    broken.write_text('{"case": {"id": "x",', encoding="utf-8")
    page.goto(f"{server['url']}/review")
    page.set_input_files("#upload input[type=file]", [str(HUNAN), str(SUINING), str(broken)])
    page.click("#upload button")
    sync_api.expect(page.locator("h1")).to_contain_text("次上传")
    sync_api.expect(page.locator("#failed")).to_contain_text("损坏的表.json")
    sync_api.expect(page.locator("#failed")).to_contain_text("意外结束，内容不完整")
    sync_api.expect(page.locator("#stored tr")).to_have_count(1 + 4)  # header, 汨罗 and the three sheets of 安居
    page.click("text=查看汇总")
    sync_api.expect(page.locator("h2").first).to_contain_text("上传自评表")
    sync_api.expect(page.locator("#summary")).to_contain_text("中共汨罗市委社会工作部")


def test_filter_the_summary_by_grade(server, page):
    page.goto(f"{server['url']}/review")
    summary = page.locator("#summary")
    sync_api.expect(summary).to_contain_text("中～优")  # 汨罗's grade: a range, as some indicators cannot be checked
    page.select_option("#filters select[name=grade]", label="优")
    page.click("#filters button")
    sync_api.expect(page.locator("#filters select[name=grade]")).to_have_value("优")
    sync_api.expect(page.locator("h2", has_text="张表")).to_have_text("汇总（共 1 张表）")
    sync_api.expect(summary.locator("tr")).to_have_count(2)
    sync_api.expect(summary).to_contain_text("目标绩效督查营商管理经费")
    sync_api.expect(summary).not_to_contain_text("中共汨罗市委社会工作部")
    # the exports and charts follow the filter (their content is checked in the HTTP tests)
    assert "grade=%E4%BC%98" in page.locator(".exports a", has_text="CSV").get_attribute("href")


def test_open_an_explanation(server, page):
    page.goto(f"{server['url']}/review")
    page.click("#summary >> text=中共汨罗市委社会工作部")
    sync_api.expect(page.locator("h1")).to_contain_text("中共汨罗市委社会工作部")
    sync_api.expect(page.locator("#diff")).to_contain_text("高报")
    sync_api.expect(page.locator("#explain")).to_contain_text("【预算执行率】")
    sync_api.expect(page.locator("#explain")).to_contain_text("评分规则（原文）：执行率=全年执行数÷全年预算数×100%")
    sync_api.expect(page.locator("#history tr")).to_have_count(2)


def test_rescore_after_a_rule_change(server, page):
    swap_sichuan_weights(server["rules"])
    page.goto(f"{server['url']}/review")
    page.click("#rescore button")
    sync_api.expect(page.locator("h1")).to_contain_text("次重新复核")
    sync_api.expect(page.locator("#changed-count")).to_have_text("1")
    changes = page.locator("#changes")
    sync_api.expect(changes).to_contain_text("中共遂宁市安居区委目标绩效管理办公室")
    sync_api.expect(changes).to_contain_text("低报，警告")  # old
    sync_api.expect(changes).to_contain_text("低报，错误")  # new: 履职效能 claimed 10 of its new 8 points
    page.click("#changes >> text=中共遂宁市安居区委目标绩效管理办公室")
    sync_api.expect(page.locator("#diff")).to_contain_text("超出分值范围")
    sync_api.expect(page.locator("#history tr")).to_have_count(3)
