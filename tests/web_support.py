"""Helpers shared by the web tests: a copied rules folder, case tables, zips, the CSRF token."""

from __future__ import annotations

import io
import random
import re
import shutil
import sqlite3
import zipfile
from pathlib import Path

from conftest import copy_formulas, in_effect

ROOT = Path(__file__).resolve().parent.parent
FORMULAS = ROOT / "formulas"
CASES = ROOT / "cases"
HUNAN = CASES / "hunan-miluo-shgzb-2024.toml"
SUINING = CASES / "sichuan-suining-anju-jxb-2024.toml"
CITIES = [("湖南省", "岳阳市"), ("湖南省", "长沙市"), ("四川省", "遂宁市"), ("四川省", "乐山市"), ("新疆维吾尔自治区", "昌吉回族自治州")]


# the rule files the Miluo and Suining cases and national project sheets are scored under
HUNAN_SICHUAN_NATIONAL = ("national/project-2020*.toml", "hunan/*.toml", "sichuan/*.toml")


def copy_rules(target: Path, *patterns: str) -> Path:
    """A private copy of the shipped rule files (those matching ``patterns``, globs under formulas/,
    else all), safe to edit in a test: without the ledger of released versions, as a bureau's own
    folder of rules it corrects in place (with it, every sheet under an edited version would also
    say so: tests/test_rule_versions.py).  A server compiles what it is given afresh: a test copies
    the chains its sheets need, not every rule set."""
    if not patterns:
        shutil.copytree(FORMULAS, target, ignore=shutil.ignore_patterns("versions.lock"))
        return target
    return copy_formulas(target, *patterns, lock=False)


def swap_sichuan_weights(rules_dir: Path) -> None:
    """A rule correction: 履职效能 10 → 8 points, 预算编制质量 8 → 10 (the total stays 100)."""
    path = in_effect(rules_dir, "sichuan.dept-overall", 2024)
    text = path.read_text(encoding="utf-8")
    duty = 'name = "履职效能"\ngroup = ["总体绩效", "履职效能"]\nweight = 10'
    quality = 'name = "预算编制质量"\ngroup = ["总体绩效", "预算管理"]\nweight = 8'
    assert duty in text and quality in text
    text = text.replace(duty, duty.replace("weight = 10", "weight = 8")).replace(quality, quality.replace("weight = 8", "weight = 10"))
    path.write_text(text, encoding="utf-8")


def raise_sichuan_top_grade(rules_dir: Path) -> None:
    """A rule correction that moves only a grade's edge: Sichuan project sheets are 优 from 95
    points, no longer from 90 (the national grades they inherit, replaced whole)."""
    path = in_effect(rules_dir, "sichuan.project", 2024)
    text = path.read_text(encoding="utf-8")
    assert "[[grades]]" not in text
    bands = [("优", "lower = 95"), ("良", "lower = 80\nupper = 95"), ("中", "lower = 60\nupper = 80"), ("差", "upper = 60")]
    text += "".join(f'\n[[grades]]\nlabel = "{label}"\n{edges}\n' for label, edges in bands)
    path.write_text(text, encoding="utf-8")


def as_before_grades(db: Path) -> None:
    """Turn the database file ``db`` into one the version before grades were recorded wrote: its
    tables made from that version's schema (web_schema_before_grades.sql), the rows copied over."""
    new = db.with_name("current.db")
    db.rename(new)
    with sqlite3.connect(db) as conn:
        conn.executescript((Path(__file__).parent / "web_schema_before_grades.sql").read_text(encoding="utf-8"))
        conn.execute("ATTACH DATABASE ? AS current", (str(new),))
        tables = [t for (t,) in conn.execute("SELECT name FROM main.sqlite_master WHERE type = 'table' ORDER BY rowid")]
        for table in tables:
            columns = ", ".join(r[1] for r in conn.execute(f"PRAGMA main.table_info({table})"))
            conn.execute(f"INSERT INTO main.{table} ({columns}) SELECT {columns} FROM current.{table}")
    conn.close()
    new.unlink()


def case_table(rows: int, seed: int = 1) -> bytes:
    """A case table (CSV) of national project sheets: budget, execution and claims vary."""
    rnd = random.Random(seed)
    lines = ["case_id,unit,region,year,rules,title,claimed_total,budget,executed,budget_initial,claim:execution"]
    for i in range(rows):
        province, city = CITIES[i % len(CITIES)]
        budget = rnd.randint(50, 500)
        executed = round(budget * rnd.uniform(0.7, 1.0), 2)
        claim = rnd.choice(["10", "9.5", "9", "8.8"])
        lines.append(f"t{i},测试单位{i:04d},{province}/{city},2024,national.project,项目{i},{claim},{budget},{executed},{budget},{claim}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buffer.getvalue()


def csrf_of(html: str) -> str:
    """The CSRF token a page carries in its forms."""
    match = re.search(r'name="csrf_token" value="([^"]+)"', html) or re.search(r'data-csrf="([^"]+)"', html)
    assert match, "page carries no CSRF token"
    return match.group(1)
