"""1,000 generated submissions with injected errors, through the real CLI: the batch finds every
injected error at its place and flags no clean sheet; the HTML report is self-contained and, where
Chromium is installed, renders with its chart visible.  Also: pooled = sequential, and generation
is deterministic whatever the number of workers."""

from __future__ import annotations

import csv
import json
import re
import shutil
import struct
import sys
import zlib
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest

from scoring.batch.run import run_batch
from scoring.numbers import decimals_of
from scoring.output.html_report import outside_references
from scoring.output.summary import summary_dict
from scoring.synthetic.generator import ERROR_CLASSES, ROW_RULES

from conftest import ROOT, run_cli

sys.path.insert(0, str(ROOT / "scripts"))
import render_report  # noqa: E402

COUNT = 1000


@dataclass
class Generated:
    root: Path
    cases: Path
    table: Path
    manifest: dict
    summary: dict
    report: str
    batch_code: int


@pytest.fixture(scope="session")
def generated(tmp_path_factory) -> Generated:
    root = tmp_path_factory.mktemp("generated")
    cases, table = root / "cases", root / "dept.csv"
    made = run_cli("generate", "--out", str(cases), "--csv", str(table), "--count", str(COUNT), "--seed", "11", "--quiet")
    assert made.returncode == 0, made.stderr
    summary, report = root / "summary.json", root / "report.html"
    # --jobs 2: spread over a process pool whatever the machine, to be held against a sequential run
    done = run_cli("batch", str(cases), str(table), "--format", "json", "--out", str(summary), "--report", str(report), "--quiet", "--jobs", "2")
    assert done.returncode in (0, 1), done.stderr
    return Generated(
        root, cases, table, json.loads((cases / "manifest.json").read_text(encoding="utf-8")),
        json.loads(summary.read_text(encoding="utf-8")), report.read_text(encoding="utf-8"), done.returncode,
    )


def test_every_injected_error_is_found_and_no_clean_sheet_is_flagged(generated):
    manifest, summary = generated.manifest, generated.summary
    assert summary["counts"] == {"files": generated.manifest["totals"]["case_files"] + 2, "read": COUNT, "scored": COUNT,
                                 "failed": 0, "skipped": 1, "notices": 0, "with_errors": summary["counts"]["with_errors"]}
    assert summary["skipped"][0]["path"].endswith("manifest.json")
    sheets = {(s["case_id"], s["sheet_id"]): s for s in summary["sheets"]}
    injected = {(i["case_id"], i["sheet_id"]): i for i in manifest["injections"]}
    assert len(injected) == len(manifest["injections"])  # one injection per dirty sheet
    by_class, found, missed = Counter(), Counter(), []
    for key, injection in injected.items():
        sheet = sheets[key]
        by_class[injection["class"]] += 1
        hit = any(f["code"] == injection["expected_code"] and f["where"].endswith("#" + injection["place"]) for f in sheet["findings"])
        if hit and sheet["rules"] == injection["rules"]:
            found[injection["class"]] += 1
        else:
            missed.append((injection, sheet["findings"]))
    clean = [s for key, s in sheets.items() if key not in injected]
    flagged = [s for s in clean if s["findings_count"]["error"] or s["findings_count"]["warning"]]
    report = (f"{COUNT} sheets: {len(clean)} clean, {len(flagged)} of them flagged; {len(injected)} injected, "
              f"found {sum(found.values())}, missed {len(missed)}; per class injected/found: "
              + ", ".join(f"{c} {by_class[c]}/{found[c]}" for c in ERROR_CLASSES))
    print(report)
    assert set(by_class) == set(ERROR_CLASSES), report  # every class was injected at least once
    assert not missed, f"{report}\nmissed: {missed[:3]}"
    assert not flagged, f"{report}\nflagged: {[(s['case_id'], s['findings']) for s in flagged[:3]]}"
    assert len(clean) == manifest["totals"]["clean"] and len(clean) + len(injected) == COUNT
    assert dict(by_class) == {c: n for c, n in manifest["totals"]["by_class"].items() if n}
    # a clean sheet's claimed total equals the computed one; over-claims are error-level, so exit 1
    assert all(s["delta"] in ("0", "0.0", "0.00") for s in clean)
    assert generated.batch_code == 1


def test_generated_sheets_look_like_real_submissions(generated):
    rules = Counter(s["rules"].split("@")[0] for s in generated.summary["sheets"])
    assert set(rules) == {"sichuan.dept-overall", *ROW_RULES}
    with generated.table.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == rules["sichuan.dept-overall"]
    for row in rows[:50]:
        # amounts in 万元 with two decimals, counts as integers; empty only where a figure was taken out
        assert re.fullmatch(r"\d+\.\d\d", row["budget_adjusted"]) or row["budget_adjusted"] == ""
        assert re.fullmatch(r"\d+", row["stage_projects"]) or row["stage_projects"] == ""
        assert row["unit"].endswith(("局", "部", "室", "中心", "委员会")) and row["region"].startswith("四川省/")
        assert row["sheet_type"] == "部门整体支出绩效自评表" or row["rules"] == "sichuan.dept-overall"
        for name, value in row.items():
            if name.startswith("claim:") and value:
                assert decimals_of(Decimal(value)) <= 2
    case = json.loads(next(generated.cases.glob("*.json")).read_text(encoding="utf-8"))
    assert case["case"]["id"].startswith("gen-11-")


def test_report_is_self_contained(generated):
    html = generated.report
    assert outside_references(html) == []
    plotted = sum(1 for s in generated.summary["sheets"] if s["claimed_total"] is not None and s["computed_total"] is not None)
    scatter = html[html.index('aria-label="自评总分与计算总分散点图"'):]
    assert scatter[: scatter.index("</svg>")].count("<circle") == plotted
    for check in ("<script", "<link", "<img", "@font-face"):
        assert check not in html
    # the checker itself catches every kind of outside reference
    for bad in ('<img src="https://x.example/a.png">', '<a href="//cdn.example/x">', '<script src="a.js"></script>',
                '<link href="a.css" rel="stylesheet">', "<style>@import 'a.css';</style>", "<style>b{background:url(a.png)}</style>",
                '<img src="pic.png">'):
        assert outside_references(html.replace("</body>", bad + "</body>")), bad
    assert outside_references(html.replace("</body>", '<img src="data:image/png;base64,AAAA"></body>')) == []


def _png_pixels(data: bytes) -> tuple[int, int, int, list[bytes]]:
    """Decode an 8-bit, non-interlaced RGB(A) PNG (what Chromium writes) into rows of bytes."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat = 8, b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            width, height, depth, color, _c, _f, interlace = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
    assert depth == 8 and interlace == 0 and color in (2, 6)
    bpp = 3 if color == 2 else 4
    raw, stride = zlib.decompress(idat), width * bpp
    rows, prev = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for x in range(stride):
            left = line[x - bpp] if x >= bpp else 0
            if kind == 1:
                line[x] = (line[x] + left) & 255
            elif kind == 2:
                line[x] = (line[x] + prev[x]) & 255
            elif kind == 3:
                line[x] = (line[x] + ((left + prev[x]) >> 1)) & 255
            elif kind == 4:
                up_left = prev[x - bpp] if x >= bpp else 0
                p = left + prev[x] - up_left
                pa, pb, pc = abs(p - left), abs(p - prev[x]), abs(p - up_left)
                line[x] = (line[x] + (left if pa <= pb and pa <= pc else prev[x] if pb <= pc else up_left)) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, bpp, rows


@pytest.mark.skipif(render_report.chromium() is None, reason="chromium is not installed (apt-get install -y chromium)")
def test_report_renders_in_chromium_with_the_chart_visible(generated, tmp_path):
    png = tmp_path / "report.png"
    # narrow and short: only the scatter is in view, which keeps decoding the PNG in Python quick
    render_report.screenshot(generated.root / "report.html", png, width=720, height=820)
    width, height, bpp, rows = _png_pixels(png.read_bytes())
    assert (width, height) == (720, 820)
    red = green = 0
    for row in rows[250:]:
        for x in range(0, width * bpp, bpp):
            r, g, b = row[x], row[x + 1], row[x + 2]
            if r > 150 and g < 130 and b < 130:
                red += 1  # over-claim dots (#c62828)
            elif g > r + 40 and g > b + 30 and g < 170:
                green += 1  # matching dots (#2e7d32)
    over = sum(1 for s in generated.summary["sheets"] if s["total_status"] == "over")
    assert over > 50
    # dozens of dots of each colour are drawn (each dot is some 40 pixels)
    assert red > 1000 and green > 1000, (red, green)


def test_pooled_run_is_identical_to_sequential(generated, monkeypatch):
    """The CLI run above used a pool of two workers; in-process and sequential, the summary is the same."""
    monkeypatch.chdir(ROOT)  # paths are shown relative to the working directory, as the CLI ran
    sequential = run_batch([generated.cases, generated.table], jobs=1)
    assert sequential.scored == COUNT
    assert summary_dict(sequential) == generated.summary  # same rows, same order, same findings


def test_generation_is_deterministic_whatever_the_workers(tmp_path):
    outputs = []
    out = tmp_path / "out"  # the same place both times: the manifest names the files it wrote
    for jobs in ("1", "2"):
        if out.exists():
            shutil.rmtree(out)
        done = run_cli("generate", "--out", str(out), "--csv", str(out / "dept.csv"), "--count", "260", "--seed", "5", "--jobs", jobs, "--quiet")
        assert done.returncode == 0, done.stderr
        outputs.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert outputs[0] == outputs[1]
    assert len(outputs[0]) > 100
