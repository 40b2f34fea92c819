"""What the workbooks look like on paper: the template and the scored workbook of every shipped
sheet rendered to PDF by LibreOffice — one page wide, few pages, the department sheet of the
Suining case (部门整体支出绩效自评表) on at most two.  Skipped where LibreOffice is not installed
(`apt-get install libreoffice-calc poppler-utils`); the layout itself is checked through openpyxl
in test_xlsx.py either way."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from test_xlsx import shipped_sheets

from scoring import Case, Engine, report_loaded
from scoring.excel.export import scored_workbook
from scoring.excel.template import build_template

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice 未安装：打印版面（PDF 页数）未检查")
SUINING = "sichuan-suining-anju-jxb-2024"


def _only(wb, keep: str):
    for ws in list(wb.worksheets):
        if ws.title != keep:
            wb.remove(ws)
    return wb


def _pages(pdf) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf.read_bytes()))


def _first_page_text(pdf) -> str | None:
    if shutil.which("pdftotext") is None:
        return None
    return subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, text=True, timeout=60).stdout


def test_every_form_prints_one_page_wide_on_few_pages(library, tmp_path):
    engine = Engine()
    made: dict[str, tuple[str, str, str]] = {}  # file stem → (case, sheet title, last printed header)
    for i, (rs, data, name) in enumerate(shipped_sheets(library)):
        case = Case.model_validate(data)
        plain = case.model_dump(mode="python", exclude_none=True)
        template = build_template(rs, plain["case"], plain["sheets"][0])
        form = template.worksheets[0].title
        _only(template, form).save(tmp_path / f"t{i}.xlsx")
        made[f"t{i}"] = (name, case.sheets[0].title, "得分")
        report = report_loaded(case, name, library, engine)
        scored = scored_workbook(report, case, library.find)
        _only(scored, scored.worksheets[0].title).save(tmp_path / f"s{i}.xlsx")
        made[f"s{i}"] = (name, case.sheets[0].title, "说明")
    books = sorted(str(p) for p in tmp_path.glob("*.xlsx"))
    proc = subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf", "--outdir", str(tmp_path), *books],
        capture_output=True, text=True, timeout=600,
    )
    pages = {}
    for stem, (name, title, last_header) in made.items():
        pdf = tmp_path / f"{stem}.pdf"
        assert pdf.exists(), (stem, name, proc.stderr)
        pages[stem] = _pages(pdf)
        assert 1 <= pages[stem] <= 3, (name, title, stem, pages[stem])
        text = _first_page_text(pdf)
        if text is not None:  # fit to one page wide: the rightmost column is on the first page
            assert last_header in text and title in text, (name, stem)
    suining = [stem for stem, (name, title, _) in made.items() if name == SUINING and title == "部门整体支出绩效自评表"]
    assert len(suining) == 2
    assert all(pages[stem] <= 2 for stem in suining), {stem: pages[stem] for stem in suining}
