"""Differential fuzzing of the lean path against the traced path, with mutations shaped like
the sheets people publish (bench/equality.py does the comparing; this only makes sheets).

Two kinds of input are mutated:

* case files: every shipped case (``cases/*.toml``) and generated target/actual sheets, whose
  rows, inputs, claims, printed weights, totals and grades are rewritten the way real forms
  write them (full-width digits and signs, thousands separators, units inside cells, "/", "—",
  "无", "不适用", blanks and NBSPs around a figure, comparators in a 指标性质 column or inside the
  target, dates, negative figures, printed weights that differ from the rules, claims above
  the weight, totals that do not add up, grade words), and their printed structure changed:
  made complete or partial, group subtotals added (with weights, claims, rule indicators they
  include) or removed, rows made parts of others (其中 rows) or not, deduction counts written
  with a unit or a mark;
* case-table rows: generated formula sheets, under a header by ids and one by label and printed
  name (some figures in two columns, deduction counts and claims too), and rows under every
  shipped rule set's own header (budget-only project sheets, say), with cells rewritten the same
  way (`corpus.realistic_variant`).

Run: ``python -m bench.fuzz --seconds 300 --seed 1`` (prints every disagreement it finds).
"""

from __future__ import annotations

import argparse
import copy
import random
import time
import tomllib
from decimal import Decimal
from pathlib import Path

from scoring import Case, RuleLibrary
from scoring.cases.table import TableRow, known_labels, parse_header
from scoring.rules.library import load_rule_dir
from scoring.synthetic.writer import table_columns

from .corpus import COMPARATORS, NOT_GIVEN, UNITS, fullwidth, padded, realistic_cell, realistic_variant
from .equality import CASES, Checker, generated, labelled_table

ROOT = Path(__file__).resolve().parent.parent

SUFFIXES = ("以上", "以下", "以内", "左右", "前", "")
WORDS = ("完成", "已完成", "达到预期", "达到预期指标", "达成预期指标", "较满意", "满意", "基本满意", "有所改善", "有所提升", "显著提升",
         "明显提升", "逐步提高", "效果明显", "部分完成", "未完成", "按时完成", "无安全事故", "无", "零", "杜绝", "未发生", "良好",
         "符合相关规定", "严格执行相关制度规定", "无明显改善", "大幅提升", "长期", "持续发挥作用", "是", "否")
DATES = ("2024年12月底前", "2024年12月31日前", "2024年12月", "12月底", "9月前", "2023年10月", "2024年底", "2024-12-31", "2024.12.31",
         "年底前", "2024年13月1日", "12月31日", "2024年6月30日", "2025年1月")
GRADES = ("优", "良", "中", "差", "优秀", "良好", "合格", "甲", " 优 ", "优（90分以上）")


# -- case-table rows -----------------------------------------------------------------------------


def table_rows(library: RuleLibrary, checker: Checker, count: int, seed: int) -> int:
    """Generated formula sheets as table rows with realistic cells; returns how many rows."""
    rng = random.Random(seed)
    header, rows, _ = generated(library, count, seed)
    named_header, named_rows = labelled_table(library, header, rows, rng)
    # the deduction counts by printed name too, beside their column by id
    rules = library.find("sichuan.dept-overall", 2024)
    extra = []
    for d in rules.deductions:
        # (labelled_table may already have written one by name: a header names a column once)
        if f"finding:{d.id}" in named_header and f"finding:{d.name}" not in named_header and rng.random() < 0.6:
            extra.append((named_header.index(f"finding:{d.id}"), f"finding:{d.name}"))
    for position, name in extra:
        named_header.append(name)
        for cells in named_rows:
            cells.append(cells[position] if rng.random() < 0.1 else ("" if rng.random() < 0.8 else rng.choice(("1", "-1", "0", "abc", "2.5"))))
    done = 0
    for shown, head, body in (("generated.csv", header, rows), ("labelled.csv", named_header, named_rows)):
        table = parse_header(shown, head, known_labels(library))
        for line, cells in enumerate(body, start=2):
            for variant in range(3):
                mutated = realistic_variant(head, cells, rng)
                checker.table_row(TableRow(table, line * 10 + variant, tuple(mutated), 0))
                done += 1
    return done


def every_rule_set_table(library: RuleLibrary, checker: Checker, count: int, seed: int) -> int:
    """Rows of a case table under each shipped rule set's own header (`table_columns`), e.g. the
    budget-only project sheets (预算执行率 alone) a bureau collects: inputs taken from the rule
    set's worked examples or drawn, claims around the weight, cells then written as people write
    them.  Returns how many rows."""
    rng = random.Random(seed)
    done = 0
    for rules in library.rule_sets:
        header = table_columns(rules)
        table = parse_header(f"{rules.id}.csv", header, known_labels(library))
        examples = [dict(t.inputs) for t in rules.tests] or [{}]
        year = rules.info.effective_from.year
        for line in range(2, count + 2):
            inputs = dict(rng.choice(examples))
            cell = {
                "case_id": f"c{line}", "unit": "某单位", "region": "/".join(rules.region_path or ("河北省", "邯郸市")) + rng.choice(("", "/某区")),
                "year": str(rng.choice((year, year + 1))), "sheet_type": rules.info.sheet_type, "sheet_id": "s", "title": "某项目",
            }
            if rng.random() < 0.2:
                cell["rules"] = rules.ref if rng.random() < 0.5 else rules.id
            for name, decl in rules.inputs.items():
                value = inputs.get(name)
                if isinstance(value, dict):
                    value = "undisclosed" if value.get("undisclosed") else value.get("value")
                if value is None and rng.random() < 0.7:
                    value = ("是" if rng.random() < 0.5 else "否") if decl.type == "flag" else str(
                        rng.choice((0, 1, 3, 12, 40)) if decl.type == "count" else round(Decimal(rng.uniform(0, 500)), rng.choice((0, 2, 3))))
                if isinstance(value, bool):
                    value = "是" if value else "否"
                cell[name] = "" if value is None else str(value)
            for ind in rules.indicators:
                if rng.random() < 0.85:
                    cell[f"claim:{ind.id}"] = str(round(Decimal(rng.uniform(-0.5, float(ind.weight) + 1)), rng.choice((0, 1, 2))))
            if rng.random() < 0.6:
                cell["claimed_total"] = str(round(Decimal(rng.uniform(0, float(rules.info.total) + 2)), rng.choice((0, 1))))
            cells = [cell.get(c, "") for c in header]
            for variant in range(2):
                mutated = cells if variant == 0 else realistic_variant(header, cells, rng)
                checker.table_row(TableRow(table, line * 10 + variant, tuple(mutated), 0))
                done += 1
    return done


# -- case files ----------------------------------------------------------------------------------


def shipped_raw() -> list[tuple[str, dict]]:
    return [(path.name, tomllib.loads(path.read_text(encoding="utf-8"))) for path in sorted(CASES.glob("*.toml"))]


def generated_row_cases(library: RuleLibrary, count: int, seed: int) -> list[dict]:
    return generated(library, count, seed)[2]


def mutate_case(data: dict, rng: random.Random, pool: list[dict]) -> dict:
    data = copy.deepcopy(data)
    sheet = rng.choice(data["sheets"])
    data["sheets"] = [sheet]
    if rng.random() < 0.5:  # complete, with its printed structure now and then removed
        sheet["complete"] = True
        if rng.random() < 0.5:
            sheet.pop("subtotals", None)
        for row in sheet.get("rows", []):
            if rng.random() < 0.5:
                row.pop("part_of", None)
    rows = sheet.setdefault("rows", []) if "rows" in sheet else None
    for _ in range(rng.randint(1, 6)):
        kind = rng.randrange(24)
        if kind >= 20:
            mutate_structure(sheet, rows, rng)
            continue
        if kind == 16:  # the year not visible (dates without one cannot be completed), or another
            data["case"]["year"] = rng.choice((None, 2020, 2021, 2022, 2023, 2024, 2025))
            if data["case"]["year"] is None:
                data["case"].pop("year")
            continue
        if kind == 17:  # the rules named, perhaps for another region or year
            sheet["rules"] = rng.choice(("national.project", "sichuan.project", "xinjiang.project", "hunan.dept-overall",
                                         "national.project@2020.1", "sichuan.dept-overall"))
            continue
        if kind == 18:
            data["case"]["evaluated"] = rng.choice(("2024-03-01", "2023-12-31", "2021-05-20"))
            continue
        if kind == 19 and rows:  # row ids, now and then the same twice or a rule indicator's
            row = rng.choice(rows)
            row["id"] = rng.choice(("r1", "r2", "execution", "a.b", f"r{rng.randrange(99)}"))
            continue
        if rows and kind < 7:
            mutate_row(rng.choice(rows), rng, pool)
        elif rows and kind == 7:  # the same printed row again, elsewhere (the scorer's memo)
            twin = copy.deepcopy(rng.choice(rows))
            twin.pop("id", None)
            if rng.random() < 0.5:
                twin["name"] = rng.choice((twin.get("name", ""), "row3", f"row{len(rows) + 1}", "", twin.get("name", "") + " "))
            rows.insert(rng.randrange(len(rows) + 1), twin)
        elif rows and kind == 8:
            rows.insert(rng.randrange(len(rows) + 1), copy.deepcopy(rng.choice(pool)))
        elif kind == 9:
            inputs = sheet.get("inputs") or {}
            if inputs:
                name = rng.choice(sorted(inputs))
                fig = inputs[name]
                value = fig.get("value") if isinstance(fig, dict) else fig
                text = str(value) if value is not None and not isinstance(value, bool) else "100"
                new = realistic_cell(text, rng)
                inputs[name] = {"value": new} if rng.random() < 0.5 else new
        elif kind == 10:
            claims = sheet.setdefault("claims", {})
            key = rng.choice(sorted(claims)) if claims and rng.random() < 0.7 else rng.choice(("execution", "预算执行率", "budget_quality"))
            claims[key] = rng.choice(("0", "10", "9.78", "9", "11", "-1", "10.00", "9.5", "２０", "20", "8.555", "9.995"))
        elif kind == 11:
            sheet["claimed_total"] = rng.choice(("100", "98", "98.5", "101", "0", "99.99", "-5", "98.50", "１００", "85"))
        elif kind == 12:
            sheet["claimed_grade"] = rng.choice(GRADES)
        elif kind == 13:
            weights = sheet.setdefault("weights", {})
            weights[rng.choice(("execution", "预算执行率"))] = rng.choice(("20", "10", "10.0", "0", "-5", "15", "30", "12.5"))
        elif kind == 14:
            sheet.pop("claimed_total", None)
        elif kind == 15:
            sheet.pop("stated_rates", None) if rng.random() < 0.5 else sheet.setdefault("stated_rates", []).append(
                {"label": "执行率", "stated": rng.choice(("97.80%", "97.8", "0.978", "100%", "０", "102.59%", "/")),
                 "numerator": rng.choice(("31.69", "0", "338.31")), "denominator": rng.choice(("32.4", "0", "329.77"))})
    return data


def mutate_structure(sheet: dict, rows: list | None, rng: random.Random) -> None:
    """What a sheet prints besides its lines: complete or partial, a group subtotal (with its
    weight, its claim, rule indicators it includes), a row made part of another, a deduction
    count written with a unit or a mark."""
    kind = rng.randrange(5)
    if kind == 4 and rows is not None:
        # 预算执行率 printed as a row (Hebei's form), maybe without the amounts it is computed from:
        # scored from the rate the row prints (`Engine._from_printed`)
        rows.insert(rng.choice((0, len(rows))), {
            "group": rng.choice((["预算执行率", "预算执行率"], ["预算执行率"], ["产出指标", "质量指标"])),
            "name": rng.choice(("预算执行率", "1.预算执行率", "项目预算执行率", "预算执行率（%）")),
            "target": rng.choice(("100%", "≥90%", "/")),
            "actual": rng.choice(("95%", "95.31%", "100%", "105%", "0%", "≥95%", "95%（资金未到位）", "实际执行率95%", "/", "95")),
            "weight": rng.choice(("10", "20", "/")), "claimed": rng.choice(("9.5", "10", "9.53", "19", "/"))})
        inputs = sheet.get("inputs") or {}
        for name in [n for n in ("budget", "executed") if n in inputs and rng.random() < 0.6]:
            if rng.random() < 0.5:
                inputs.pop(name)
            else:
                inputs[name] = {"written": "/"}
    elif kind == 0:
        sheet["complete"] = not sheet.get("complete", True)
    elif kind == 1:
        groups = sorted({tuple(row.get("group", [])[: rng.randint(1, 2)]) for row in rows or []} - {()})
        group = list(rng.choice(groups)) if groups and rng.random() < 0.9 else [rng.choice(("产出指标", "项目管理", "无此分组"))]
        subtotal: dict = {"group": group}
        if rng.random() < 0.7:
            subtotal["weight"] = rng.choice(("50", "30", "20", "10", "40", "0", "15.5"))
        if rng.random() < 0.7:
            subtotal["claimed"] = rng.choice(("50", "29", "20", "9.5", "45", "0", "60"))
        if rng.random() < 0.3:
            subtotal["includes"] = [rng.choice(("execution", "预算执行率", "budget_quality"))]
        sheet.setdefault("subtotals", []).append(subtotal)
    elif kind == 2 and rows and len(rows) > 1:
        parent, child = rng.sample(rows, 2)
        parent.setdefault("id", f"p{rng.randrange(99)}")
        child["part_of"] = parent["id"] if rng.random() < 0.9 else "no-such-row"
        if rng.random() < 0.5:
            child["group"] = list(parent.get("group", []))
    elif kind == 3:
        findings = sheet.setdefault("findings", {})
        key = rng.choice(sorted(findings)) if findings and rng.random() < 0.6 else rng.choice(("finance_rules", "财务管理制度", "funds_use"))
        findings[key] = {"value": rng.choice(("2个", "/", "不适用", "2,000", "1万个", "2.0个", "０", "3项", "2%"))}


def mutate_row(row: dict, rng: random.Random, pool: list[dict]) -> None:
    kind = rng.randrange(15)
    if kind == 0:
        row["actual"] = rng.choice(WORDS + DATES + NOT_GIVEN)
    elif kind == 1:
        number = rng.choice(("95", "100", "12", "0", "180", "3061", "20", "0.9", "97.80", "111.27", "90", "1,000", "-3", "550"))
        row["actual"] = rng.choice(COMPARATORS[:4] + ("",) * 6) + realistic_cell(number, rng) + rng.choice(UNITS + ("",) * 4) + rng.choice(SUFFIXES[:2] + ("",) * 4)
    elif kind == 2:
        number = rng.choice(("95", "100", "12", "0", "180", "2000", "20", "90", "191.32", "4", "-5", "1,000", "85"))
        row["target"] = rng.choice(COMPARATORS) + realistic_cell(number, rng) + rng.choice(UNITS + ("",) * 3) + rng.choice(SUFFIXES)
    elif kind == 3:
        row["target"] = rng.choice(DATES + WORDS + NOT_GIVEN)
    elif kind == 4:  # the comparator in a column of its own, the unit in another
        row["nature"] = rng.choice(("≥", "≤", "＝", "=", "定性", "定量", "正向", "反向", " ≥ ", "≥ ", "≈", "大于等于", ""))
        if rng.random() < 0.5:
            row["unit"] = rng.choice(UNITS + ("", " ", "百分比"))
    elif kind == 5:
        row["weight"] = rng.choice(("10", "10.0", "10.00", "0", "-2", "5.5", "20", "10.3", "９", "100"))
    elif kind == 6:
        row.pop("weight", None)
    elif kind == 7:
        row["claimed"] = rng.choice(("0", "10", "10.0", "9.5", "11", "-1", "4.99", "20", "8", "0.00", "１０"))
    elif kind == 8:
        row.pop("claimed", None)
    elif kind == 9:
        for key in ("target", "actual", "name"):
            if isinstance(row.get(key), str) and rng.random() < 0.5:
                row[key] = padded(row[key], rng)
    elif kind == 10:
        for key in ("target", "actual"):
            if isinstance(row.get(key), str) and rng.random() < 0.6:
                row[key] = fullwidth(row[key])
    elif kind == 11:
        row["group"] = rng.choice((["产出指标", "数量指标"], ["产出指标", "成本指标"], ["效益指标", "社会效益指标"], ["满意度指标", "服务对象满意度指标"],
                                   ["产出指标"], [], ["产出指标", "时效指标"], ["效益指标", "经济效益指标"]))
    elif kind == 12:
        row.pop(rng.choice(("target", "actual")), None)
    elif kind == 13:
        other = rng.choice(pool)
        for key in ("target", "actual", "nature", "unit", "rule"):
            if key in other:
                row[key] = other[key]
    else:
        row["rule"] = rng.choice(("按照完成比例赋分", "直接赋分", "按评判等级赋分", "满意度赋分", "其他", " 直接赋分 "))


def row_pool(raw: list[tuple[str, dict]], cases: list[dict]) -> list[dict]:
    pool = []
    for _, data in raw:
        for sheet in data["sheets"]:
            pool += [r for r in sheet.get("rows", []) if isinstance(r, dict)]
    for data in cases:
        for sheet in data["sheets"]:
            pool += sheet.get("rows", []) or []
    return [copy.deepcopy(r) for r in pool if r.get("name")]


def case_files(library: RuleLibrary, checker: Checker, seconds: float, seed: int, generated_count: int) -> tuple[int, int]:
    rng = random.Random(seed)
    raw = shipped_raw()
    cases = generated_row_cases(library, generated_count, seed)
    pool = row_pool(raw, cases)
    bases = [(name, data) for name, data in raw] + [(f"generated-{i}.json", c) for i, c in enumerate(cases)]
    made = invalid = 0
    stop = time.monotonic() + seconds
    while time.monotonic() < stop:
        name, data = rng.choice(bases)
        mutated = mutate_case(data, rng, pool)
        made += 1
        try:
            case = Case.model_validate(mutated)
        except ValueError:
            invalid += 1
            continue
        checker.case(case, f"{name}~{made}")
    return made, invalid


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=120, help="time for the case-file mutations")
    parser.add_argument("--rows", type=int, default=400, help="generated formula sheets for the table mutations")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--only", choices=("cases", "tables"), default=None)
    parser.add_argument("--keep", type=int, default=60)
    args = parser.parse_args()
    library = load_rule_dir(ROOT / "formulas")
    checker = Checker(library)
    checker.tally.keep = args.keep
    began = time.monotonic()
    if args.only != "cases":
        rows = table_rows(library, checker, args.rows, args.seed)
        rows += every_rule_set_table(library, checker, args.rows // 2, args.seed)
        print(f"table rows: {rows:,} in {time.monotonic() - began:.0f}s")
    if args.only != "tables":
        made, invalid = case_files(library, checker, args.seconds, args.seed, 60)
        print(f"case files: {made:,} mutated ({invalid:,} refused by the case model)")
    tally = checker.tally
    print(tally.describe())
    print(f"{tally.disagreeing} disagreeing")
    for line in tally.first:
        print(" ", line)


if __name__ == "__main__":
    main()
