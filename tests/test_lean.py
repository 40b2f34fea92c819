"""The lean path (generated code, no trace) gives exactly what the traced path gives.

A sample of the corpus bench/run.py checks in full: generated sheets of every kind with injected
errors, an edge variant of each, rows written the way people write them, every shipped rule
set's worked examples as complete sheets with random claims, and every shipped case.  Every line's
value to the last digit, every status, the totals and grades, every error and warning word for
word and the batch summary row must be the same (bench/equality.py says exactly what is held).
No timing here: speed is bench/run.py's business.
"""

from __future__ import annotations

import ast
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from scoring.engine.lean import LeanEngine
from scoring.rules.codegen import CodegenError, _Emitter, generate, verify

from conftest import CASES, run_cli

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # `bench` is a folder of the checkout, not an installed package

from bench import equality  # noqa: E402

COUNT = 240


@pytest.fixture(scope="module")
def checked(library):
    return equality.run(library, COUNT, seed=13, sample=True)


def test_both_paths_agree_on_the_sample(checked):
    tally = checked.tally
    assert tally.ok, f"{tally.disagreeing} sheets disagree:\n" + "\n".join(tally.first)
    assert tally.sheets > COUNT * 2
    assert tally.lean > tally.sheets * 0.7, tally.describe()  # the lean path scored most of them itself
    assert tally.read_lean > tally.table_rows * 0.5, tally.describe()  # straight from the cells
    assert tally.refused > 0  # rows the case model refuses, refused the same way


def test_every_shipped_rule_set_and_case_went_through_the_lean_path(checked, library):
    used = {key[0] for key in checked.lean._bound}
    assert used == {r.path for r in library.rule_sets}
    # the sample meets every distinct worked example, and every rule set's
    chosen = equality.sampled_examples(library)
    assert {ref for ref, _ in chosen} == {r.ref for r in library.rule_sets}
    distinct = {repr((t.inputs, t.rows, t.findings, t.year)) for r in library.rule_sets for t in r.tests}
    assert {repr((t.inputs, t.rows, t.findings, t.year)) for r in library.rule_sets for i, t in enumerate(r.tests) if (r.ref, i) in chosen} == distinct
    assert len(chosen) < sum(len(r.tests) for r in library.rule_sets) / 2
    assert checked.lean.lean > 0 and checked.lean.fallbacks > 0  # both roads were taken
    assert len(list(CASES.glob("*.toml"))) > 10


def test_a_disagreement_is_caught(library, monkeypatch):
    """A lean path that is wrong by one cent on one indicator fails the comparison."""
    lean = LeanEngine()
    rules = library.find("sichuan.dept-overall", 2024)
    bound = lean.rules(rules, 2024)
    real = bound.score

    def off_by_a_cent(x, weights, doubts=None):
        out, capped = real(x, weights, doubts)
        if isinstance(out[0], Decimal):
            out[0] -= Decimal("0.01")
        return out, capped

    monkeypatch.setattr(bound, "score", off_by_a_cent)
    checker = equality.Checker(library)
    checker.lean = lean
    checker.reader.lean = lean
    for case, shown in equality.shipped_cases():
        checker.case(case, shown)
    assert not checker.tally.ok
    assert any("duty_performance" in line or "summary" in line for line in checker.tally.first)


def test_generated_code_passes_its_whitelist_and_a_tampered_one_does_not(library):
    for rules in library.rule_sets:
        made = generate(rules)
        verify(made.source, set(made.constants) | set(made.parameters))
        assert made.lean
    source = generate(library.find("sichuan.dept-overall", 2024)).source
    for tampered in (
        source + "\nimport os\n",
        source.replace("x['duty_targets_met']", "x.__class__", 1),
        source.replace("_abs(", "open(", 1),
        source + "\n_k0 = [c for c in ()]\n",
        source.replace("out[0] = ", "out[0] = (lambda: 1)() or ", 1),
    ):
        with pytest.raises(CodegenError):
            verify(tampered, set())


@pytest.mark.parametrize("attack", [
    "a.__class__", "__import__('os')", "open('x')", "[x for x in a]", "(lambda: 1)()", "a[0]", "f'{a}'", "a << 2",
    "'a'", "a // 2", "a @ b", "getattr(a, 'b')", "round(a, ndigits=2)",
])
def test_the_emitter_refuses_any_tree_a_vetted_expression_cannot_hold(attack):
    """The third wall: even an unvetted tree handed to the emitter never becomes code."""
    with pytest.raises(CodegenError):
        _Emitter().expr(ast.parse(attack, mode="eval").body, lambda name: f"x[{name!r}]")


def test_the_table_reader_code_holds_column_positions_and_made_up_names_only(library):
    """The code written out per case-table header: nothing of the header or the rule file becomes
    code, whatever the columns are called (inputs by id and by label, claims by id and by name,
    a column nobody knows); its names are its own, bound to objects."""
    from scoring.cases.table import TableRow, known_labels, parse_header
    from scoring.engine.lean_table import TableReader
    from scoring.engine.table_code import reader_source
    from scoring.synthetic.writer import table_columns

    rules = library.find("sichuan.dept-overall", 2024)
    columns = table_columns(rules)
    hostile = "claim:x'); __import__('os').system('id'); ('"
    label = rules.inputs["budget_executed"].label
    header = [*columns, label, f"claim:{rules.indicators[0].name}", hostile]
    table = parse_header("t.csv", header, known_labels(library))
    reader = TableReader(library, LeanEngine())
    fixed = {"case_id": "c1", "unit": "某单位", "region": "四川省/遂宁市/安居区", "year": "2024", "sheet_type": rules.info.sheet_type}
    reader.summary(TableRow(table, 2, tuple(fixed.get(column, "") for column in header), 0))
    (plan,) = reader._plans.values()
    assert any(column < 0 for _, column, *_ in plan.inputs) and any(column < 0 and found for column, found in plan.indicator_claims)
    source, bound = reader_source(plan.inputs, plan.indicator_claims)
    assert hostile not in source and label not in source
    own = {"c", "x", "states", "found", "where", "t", "v", "NUMBERS", "READ", "ONE", "FIRST", *bound,
           *(f"c{k}" for k in range(len(plan.indicator_claims)))}
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Name):
            assert node.id in own, node.id
        elif isinstance(node, ast.Constant):
            assert node.value is None or type(node.value) is int or node.value in ("", "."), node.value
        elif isinstance(node, ast.Attribute):
            assert node.attr == "strip"
        assert not isinstance(node, (ast.Import, ast.ImportFrom, ast.Lambda, ast.comprehension, ast.Call)) or (
            isinstance(node, ast.Call) and (isinstance(node.func, ast.Name) or node.func.attr == "strip"))


def test_formulas_compile_prints_the_generated_code():
    proc = run_cli("formulas", "compile", "sichuan.dept-overall@2024.1")
    assert proc.returncode == 0, proc.stderr
    assert "def score(x, W, D=None):" in proc.stdout and "def checks(x):" in proc.stdout
    assert "regional_asset_change_avg" in proc.stdout and "-4.63" in proc.stdout  # the parameter bound for the year
    compile(proc.stdout, "<printed>", "exec")  # what is printed is Python
    missing = run_cli("formulas", "compile", "no.such-rules")
    assert missing.returncode == 2 and "没有规则集" in missing.stderr


_ROWS = [
    {"weight": "20", "group": ["产出指标", "数量指标"], "name": "开展专题调研", "target": "≥20次", "actual": "22次", "claimed": "20"},
    {"weight": "10", "group": ["产出指标", "质量指标"], "name": "设备完好率", "target": ">=97%", "actual": "96%", "claimed": "10"},
    {"weight": "10", "group": ["产出指标", "成本指标"], "name": "项目成本控制", "target": "≤191.32万元", "actual": "182.94次", "claimed": "10"},
    {"weight": "20", "group": ["效益指标", "可持续影响指标"], "name": "持续发挥作用", "target": "达到预期", "actual": "完成", "claimed": "25"},
    {"weight": "10", "group": ["满意度指标", "服务对象满意度指标"], "name": "服务对象满意度", "target": "不少于85%", "actual": "81%", "claimed": "9.53"},
    {"weight": "10", "group": ["满意度指标", "服务对象满意度指标"], "name": "群众满意度", "target": "≥90%", "actual": "约九成"},
]


def test_rows_printed_alike_are_scored_once_and_placed_where_they_stand(library, tmp_path, monkeypatch):
    """A row printed alike on several sheets (name, cells, weight) is scored from the row
    scorer's memo: each keeps its own id, its findings name its own sheet and place, and the
    sheet is what the traced path gives; the memo never holds more than its bound."""
    import json

    from scoring import load_case
    from scoring.cases.model import Row
    from scoring.engine.lean import _LeanRowScorer

    monkeypatch.setattr(_LeanRowScorer, "KEEP", 4)
    checker = equality.Checker(library)
    for n, order in enumerate(([0, 1, 2, 3, 4, 5], [5, 4, 3, 2, 1, 0], [2, 0, 5, 1, 3, 4], [3, 3, 1, 1, 2, 2])):
        rows = [dict(_ROWS[i], **({"id": f"r{n}{k}"} if k % 2 else {})) for k, i in enumerate(order)]
        case = {
            "format": 1,
            "case": {"id": f"memo-{n}", "unit": "某县信访局", "region": ["四川省", "攀枝花市", "米易县"], "year": 2024, "source": "测试"},
            "sheets": [{"id": "project-1", "title": "专项经费", "rules": "national.project",
                        "inputs": {"budget_initial": "142.86", "budget": "191.32", "executed": "182.94"},
                        "claims": {"execution": "9.56"}, "rows": rows, "claimed_total": "95"}],
        }
        path = tmp_path / f"memo-{n}.json"
        path.write_text(json.dumps(case, ensure_ascii=False), encoding="utf-8")
        checker.case(*load_case(path))
    tally = checker.tally
    assert tally.ok, "\n".join(tally.first)
    assert tally.lean == 4
    # row by row, what the memo gives is what scoring the row afresh gives, down to its part
    from scoring.engine.lean import _GeneratedMethods
    from scoring.engine.rows import RowScorer
    from scoring.engine.trace import NULL

    rules = library.find("national.project", 2024)
    bound = checker.lean.rules(rules, 2024)
    fresh = RowScorer(rules.rows, rules.reading, _GeneratedMethods(bound.methods), 2024, NULL)
    hits = bound.rows.hits
    for index, cells in enumerate([*_ROWS, dict(_ROWS[2], id="x1"), dict(_ROWS[2], id="x2"), dict(_ROWS[5], name="row13")]):
        row = Row.model_validate(cells)
        for at in (index, index + 20):  # the second time from the memo, at another place
            memo_found, fresh_found = [], []
            assert bound.rows.score(row, at, "w", memo_found) == fresh.score(row, at, "w", fresh_found)
            assert memo_found == fresh_found
    assert bound.rows.hits > hits + 6
    scorers = [bound.rows for bound in checker.lean._bound.values() if bound.rows is not None]
    assert sum(s.hits for s in scorers) > 0
    assert all(len(s._scored) <= 4 and len(s._read) <= 4 and len(s._targets) <= 4 for s in scorers)


def test_the_row_memos_keep_apart_what_reads_otherwise(library):
    """The lean row scorer's memos give what scoring afresh gives where the same cell reads
    otherwise: a target's unit taken from the row's name ("任务完成时限(月)" | "10"), and a text
    read as a target ("达到85%": at least 85%) and as an actual (85%)."""
    from scoring.cases.model import Row
    from scoring.engine.lean import LeanEngine, _GeneratedMethods, _LeanRowScorer
    from scoring.engine.rows import RowScorer
    from scoring.engine.trace import NULL

    rules = library.find("national.project", 2024)
    bound = LeanEngine().rules(rules, 2024)
    memo = _LeanRowScorer(rules.rows, rules.reading, _GeneratedMethods(bound.methods), 2024, NULL)
    fresh = RowScorer(rules.rows, rules.reading, _GeneratedMethods(bound.methods), 2024, NULL)
    timely = ["产出指标", "时效指标"]
    rows = [
        {"name": "任务完成时限(月)", "group": timely, "target": "10", "actual": "12", "weight": "10"},
        {"name": "任务完成量", "group": timely, "target": "10", "actual": "12", "weight": "10"},
        {"name": "满意度", "group": ["满意度指标", "服务对象满意度指标"], "target": "达到85%", "actual": "≥90%", "weight": "10"},
        {"name": "满意度", "group": ["满意度指标", "服务对象满意度指标"], "target": "≥90%", "actual": "达到85%", "weight": "10"},
    ]
    for index, cells in enumerate(rows):
        row = Row.model_validate(cells)
        memo_found, fresh_found = [], []
        assert memo.score(row, index, "w", memo_found) == fresh.score(row, index, "w", fresh_found), cells
        assert memo_found == fresh_found


def test_partial_sheets_subtotals_and_parent_rows_are_scored_on_the_lean_path(library):
    """Real sheets print group subtotals and rows that are parts of other rows, and many
    transcriptions are partial: the lean path scores such sheets itself (with the traced path's
    own functions for their structure) and those a failed check leaves indicators of unscored,
    handing one over only where its generated code fails or an indicator left unscored is scored
    from the value its row prints, and agrees with the traced path on every shipped one."""
    from scoring import load_case
    from scoring.engine.engine import Engine
    from scoring.engine.lean import Fallback
    from scoring.review.pipeline import report_loaded, sheet_rules

    checker = equality.Checker(library)
    lean = LeanEngine()
    seen = {"partial": 0, "subtotals": 0, "parent rows": 0}
    for path in sorted(CASES.glob("*.toml")):
        case, shown = load_case(path)
        checker.case(case, shown)
        for sheet in case.sheets:
            try:
                lean.sheet(case, sheet, sheet_rules(library, case, sheet, shown), f"{shown}#{sheet.id}")
            except Fallback as exc:
                if exc.__cause__ is None:
                    # an indicator left unscored that the traced path scores from the value its row prints
                    alone = case.model_copy(update={"sheets": [sheet]})
                    traced = report_loaded(alone, shown, library, Engine()).sheets[0]
                    assert "printed_value" in [f.code for f in traced.findings], (path.name, sheet.id)
                else:
                    assert isinstance(exc.__cause__, ArithmeticError), (path.name, sheet.id, exc.__cause__)
                continue
            seen["partial"] += not sheet.complete
            seen["subtotals"] += bool(sheet.subtotals)
            seen["parent rows"] += any(row.part_of for row in sheet.rows)
    assert checker.tally.ok, "\n".join(checker.tally.first)
    assert all(seen.values()), seen  # each kind of structure met on the lean path


def test_unmarked_qizhong_rows_are_read_alike_on_both_paths(library):
    """The shipped sheets whose "其中…" rows name their parent, with ``part_of`` taken away (as a
    workbook or a case table prints them): both paths find the same components."""
    from scoring import load_case

    checker = equality.Checker(library)
    stripped = 0
    for path in sorted(CASES.glob("*.toml")):
        case, shown = load_case(path)
        sheets = [sheet.model_copy(update={"rows": [row.model_copy(update={"part_of": None}) for row in sheet.rows]})
                  for sheet in case.sheets if any(row.part_of for row in sheet.rows)]
        if sheets:
            stripped += len(sheets)
            checker.case(case.model_copy(update={"sheets": sheets}), shown)
    assert stripped and checker.tally.ok, "\n".join(checker.tally.first)


def test_a_figure_written_with_its_unit_is_read_on_the_lean_path(library):
    """A case file's figure written as the form prints it ("1,044.98万元", "/") is read by
    figures.read_figures on the lean path too, as the traced path reads it, not handed over."""
    from scoring import Case, load_case

    case, shown = load_case(CASES / "sichuan-suining-anju-jxb-2024.toml")
    sheet = next(s for s in case.sheets if s.id == "dept-overall")
    data = case.model_dump(mode="json", exclude_none=True)
    data["sheets"] = [sheet.model_dump(mode="json", exclude_none=True)]
    inputs = data["sheets"][0]["inputs"]
    name = next(n for n, fig in inputs.items() if library.find("sichuan.dept-overall", 2024).inputs[n].unit == "万元" and "value" in fig)
    inputs[name] = {"value": f"{Decimal(inputs[name]['value']):,}万元"}
    written = Case.model_validate(data)
    assert written.sheets[0].inputs[name].written is not None
    checker = equality.Checker(library)
    checker.case(written, shown)
    assert checker.tally.ok, "\n".join(checker.tally.first)
    assert checker.tally.lean == 1  # scored on the lean path itself


def test_a_rule_set_of_rows_only_is_compiled_and_scored_alike(tmp_path, monkeypatch):
    """A region's form whose total is its indicator rows alone (the national execution indicator
    removed) compiles to a module scoring no indicators, and a batch scores its sheets as diff does
    (review BY D1: "程序内部错误（请报告）：CodegenError: generated code does not parse")."""
    from conftest import copy_formulas

    # the national project rules up to the version extended: a fresh cache compiles what is copied
    rules = copy_formulas(tmp_path / "formulas", "national/project-2020.toml", "national/project-2020.?.toml",
                          "national/project-2020.1[0-2].toml")
    (rules / "hubei").mkdir()
    (rules / "hubei" / "rows-only-2020.toml").write_text(
        'format = 1\nextends = "national.project@2020.12"\n\n[rule_set]\nid = "hubei.rows-only"\nversion = "2020.1"\n'
        'title = "只有绩效指标的项目支出绩效自评表"\nregion = ["湖北省"]\nsheet_type = "项目支出绩效自评表"\n'
        "effective_from = 2020-01-01\neffective_to = 2020-12-31\n\n"
        '[rule_set.source]\ndocument = "测试"\nclause = "绩效指标合计100分"\n\n[rows]\nweight = 100\n\n'
        '[remove]\nindicators = ["execution"]\n'
        'checks = ["budget == 0 or executed == 0 or not (executed >= budget * 1000 and executed <= budget * 15000 '
        'or budget >= executed * 6667 and budget <= executed * 100000)", "budget_fiscal <= budget", "executed_fiscal <= executed"]\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("SCORING_RULES_DIR", str(rules))
    monkeypatch.setenv("SCORING_CACHE_DIR", str(tmp_path / "cache"))
    rows = "".join(
        f'[[sheets.rows]]\ngroup = ["产出指标", "数量指标"]\nname = "行{i}"\ntarget = "≥10件"\nactual = "{a}件"\nweight = 25\nclaimed = "25"\n'
        for i, a in enumerate(("10", "12", "8", "10"))
    )
    case = tmp_path / "case.toml"
    case.write_text(
        'format = 1\n[case]\nid = "t"\nunit = "测试单位"\nregion = ["湖北省", "武汉市"]\nyear = 2020\nsource = "test"\n'
        '[[sheets]]\nid = "p"\ntitle = "项目支出绩效自评表"\nsheet_type = "项目支出绩效自评表"\nclaimed_total = "100"\n'
        '[sheets.inputs]\nbudget = "30"\nexecuted = "30"\n' + rows,
        encoding="utf-8",
    )
    compiled = run_cli("formulas", "compile", "hubei.rows-only")
    assert compiled.returncode == 0 and "out = [None] * 0" in compiled.stdout, compiled.stderr
    diff = run_cli("diff", str(case), "--format", "json")
    import json

    traced = json.loads(diff.stdout)["sheets"][0]
    summary = tmp_path / "s.json"
    batch = run_cli("batch", str(case), "--out", str(summary))
    assert batch.returncode == diff.returncode == 1, batch.stderr
    row = json.loads(summary.read_text(encoding="utf-8"))["sheets"][0]
    assert row["rules"] == "hubei.rows-only@2020.1" and "程序内部错误" not in batch.stderr
    assert (row["computed_total"], row["total_status"]) == (traced["total"]["computed"], traced["total"]["status"]) == ("95.00", "over")


def test_converted_scores_are_checked_alike_on_both_paths(library):
    """Rows printing a converted score (折算得分) beside their claim — the weight counted twice, the
    same score to other decimals, another figure, one alone — give the same findings on both paths."""
    from scoring import load_case

    case, shown = load_case(CASES / "yunnan-lincang-linxiang-linyeju-2023.toml")
    checker = equality.Checker(library)
    variants = 0
    for sheet in case.sheets:
        rows = []
        for i, row in enumerate(sheet.rows):
            if row.weight is None or row.claimed is None:
                rows.append(row)
                continue
            converted = (row.claimed * row.weight / 100, row.claimed, row.claimed + 1, None)[i % 4]
            update = {"converted": converted} if converted is not None else {"converted": row.claimed, "claimed": None}
            rows.append(row.model_copy(update=update))
            variants += 1
        checker.case(case.model_copy(update={"sheets": [sheet.model_copy(update={"rows": rows})]}), shown)
    assert variants >= 4 and checker.tally.ok, "\n".join(checker.tally.first)
    assert checker.tally.lean == len(case.sheets)  # scored on the lean path itself


def test_a_failed_check_leaving_indicators_unscored_is_scored_on_the_lean_path(library, tmp_path):
    """A 元/万元 slip or a part above its whole leaves indicators unscored, the check's message
    their reason (`Engine._checks`): the lean path scores such a sheet itself, as the traced path
    does, where it once handed it over whole (7 % of a generated department batch)."""
    from scoring import load_case
    from scoring.review.pipeline import report_loaded

    text = (CASES / "sichuan-suining-anju-jxb-2024.toml").read_text(encoding="utf-8")
    slipped = text.replace('[sheets.inputs.budget_executed]\nvalue = "253.87"', '[sheets.inputs.budget_executed]\nvalue = "2538700"', 1)
    slipped = slipped.replace("[sheets.inputs.year_end_unspent]\nvalue = 0", '[sheets.inputs.year_end_unspent]\nvalue = "300"', 1)
    assert slipped.count("2538700") == 1 and '"300"' in slipped
    path = tmp_path / "slipped.toml"
    path.write_text(slipped, encoding="utf-8")
    case, shown = load_case(path)
    case = case.model_copy(update={"sheets": case.sheets[:1]})
    checker = equality.Checker(library)
    checker.case(case, shown)
    assert checker.tally.ok, "\n".join(checker.tally.first)
    assert checker.tally.lean == 1 and checker.lean.fallbacks == 0  # scored on the lean path, equal to the traced one
    traced = report_loaded(case, shown, library, checker.traced).sheets[0]
    status = {r.result.id: r.comparison.status for r in traced.indicators}
    assert status["budget_quality"] == status["year_end_balance"] == "unverifiable"
    messages = [f.message for f in traced.findings if f.code == "inconsistent_inputs"]
    assert any("一万倍" in m for m in messages) and any("年终注销和结转金额" in m for m in messages)
