"""The output formats registry (scoring/output/formats.py): one table the command line checks
formats and extensions against and writes through, for cases, batches, templates and case files."""

from __future__ import annotations

import io
import json

from scoring import Engine, load_case, report_loaded
from scoring.batch.run import run_batch
from scoring.output.formats import FORMATS, TEXT_FORMATS, CaseOutput, implied_by, names, render_case, writer

from conftest import CASES, run_cli

HUNAN = CASES / "hunan-miluo-shgzb-2024.toml"


def test_each_extension_means_one_format():
    extensions = [ext for f in FORMATS.values() for ext in f.extensions]
    assert len(extensions) == len(set(extensions))
    assert implied_by(".XLSX") == "xlsx" and implied_by(".htm") == "html" and implied_by(".txt") is None
    assert names("diff") == ("table", "json", "csv", "markdown", "xlsx", "docx") == names("score")
    assert names("summary") == TEXT_FORMATS == ("table", "json", "csv", "markdown")


def test_every_format_writes_a_scored_case(library):
    case, shown = load_case(HUNAN)
    out = CaseOutput(report_loaded(case, shown, library, Engine()), case, library.find)
    for name in names("diff"):
        for view in ("score", "diff"):
            data = render_case(out, name, view)
            assert isinstance(data, bytes) == FORMATS[name].binary and data, (name, view)
    assert json.loads(render_case(out, "json", "score")) == json.loads(render_case(out, "json", "diff"))
    assert render_case(out, "csv").startswith("\ufeff")


def test_the_command_line_offers_what_the_registry_serves(tmp_path):
    refused = run_cli("diff", str(HUNAN), "--format", "yaml")
    assert refused.returncode == 2 and "、".join(names("diff")) in refused.stderr
    refused = run_cli("batch", str(HUNAN), "--format", "xlsx")
    assert refused.returncode == 2 and "、".join(names("summary")) in refused.stderr
    implied = run_cli("diff", str(HUNAN), "--out", str(tmp_path / "r.md"))
    assert implied.returncode == 1 and (tmp_path / "r.md").read_text(encoding="utf-8").startswith("# ")


def test_batch_and_template_writers(library):
    header = writer("csv", "template")(library.find("sichuan.dept-overall"))
    assert header.startswith("\ufeff") and "案例编号" in header
    buffer = io.StringIO()
    writer("json", "summary")(run_batch([HUNAN], jobs=1, timeout=None), buffer)
    assert json.loads(buffer.getvalue())["counts"]["scored"] == 1


def test_a_control_character_in_a_case_is_written_to_workbooks_and_word(tmp_path):
    """A vertical tab (Word's Shift+Enter, pasted) and a NUL in a row's name and actual: the workbook and
    the Word report are written, the tab as a space and the NUL shown as U+FFFD (openpyxl and python-docx
    refused the whole file: review EG A2)."""
    import zipfile

    from scoring.output.xml_text import xml_safe

    assert xml_safe("500人次\x0b（抽样）\x00") == "500人次 （抽样）\ufffd" and xml_safe("无") == "无"
    text = (CASES / "hunan-miluo-shgzb-2024.toml").read_text(encoding="utf-8")
    case = tmp_path / "case.toml"
    case.write_text(text.replace('name = "', 'name = "\\u000b', 1).replace('actual = "', 'actual = "\\u0000', 1), encoding="utf-8")
    for ext in ("xlsx", "docx"):
        out = tmp_path / f"out.{ext}"
        done = run_cli("diff", str(case), "--format", ext, "--out", str(out))
        assert done.returncode in (0, 1) and "Traceback" not in done.stderr, done.stderr
        assert zipfile.is_zipfile(out)
