"""The formula sandbox against hostile rule files and hostile case files.

Every file in tests/hostile/ is a minimal valid rule file with one attack in it.  Its header says
what it tries and what must happen:

    # Attack: …
    # Expect: load | <message>        refused when the file loads, with this message
    # Expect: evaluate | <message>    loads, but scoring it on the figures stops with this message
    # Figures: a = 9, b = 1           (evaluate only) the case figures that trigger it

Add a file there to extend the corpus; the tests below pick it up.  See SECURITY.md.
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import time
import tracemalloc
from decimal import Decimal, Overflow, localcontext
from pathlib import Path

import pytest

from scoring import Case, Engine, FileError, RuleLibrary, Sheet, load_rule_file
from scoring.engine.lean import Fallback, LeanEngine
from scoring.rules.codegen import generate
from scoring.rules.expressions import EvaluationError, Evaluator, Expression, compile_expression

from conftest import ROOT, run_cli

HOSTILE = Path(__file__).resolve().parent / "hostile"
CORPUS = sorted(HOSTILE.glob("*.toml"))
MARKER = "scoring-hostile-marker"  # the file the corpus's code-execution attempts would create

# Bounds for one hostile file: generous for a slow CI machine, tiny next to what the attacks
# would take unguarded (9**9**9 is 370 million digits; 2**3999999 allocates megabytes per step).
SECONDS = 5.0
MEGABYTES = 20


def _expectation(path: Path) -> tuple[str, str, dict[str, Decimal]]:
    text = path.read_text(encoding="utf-8")
    kind, message = re.search(r"^# Expect: (load|evaluate) \| (.+)$", text, re.M).groups()
    figures = {}
    found = re.search(r"^# Figures: (.+)$", text, re.M)
    if found:
        for pair in found.group(1).split(","):
            name, value = pair.split("=")
            figures[name.strip()] = Decimal(value.strip())
    return kind, message.strip(), figures


def _bounded(action):
    """Run ``action`` and return (its result or exception, seconds, peak megabytes)."""
    tracemalloc.start()
    start = time.perf_counter()
    try:
        outcome = action()
    except Exception as exc:  # noqa: BLE001 - returned for the caller to assert on
        outcome = exc
    elapsed = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return outcome, elapsed, peak


def test_the_corpus_covers_every_kind_of_attack():
    names = {p.stem for p in CORPUS}
    for prefix in (
        "attr_", "dunder_", "call_import", "call_", "lambda_", "listcomp", "genexp", "power_9_9_9", "power_10_10_10",
        "power_2_4000001", "literal_", "nested_", "cycle_", "shadow_", "simpleeval_func_globals", "simpleeval_format",
        "simpleeval_gi_frame", "simpleeval_module", "simpleeval_builtin_self", "place_", "power_from_figures",
    ):
        assert any(n.startswith(prefix) for n in names), f"no hostile file for {prefix}"
    assert len(CORPUS) >= 100
    for path in CORPUS:
        _expectation(path)  # every file states what must happen


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_hostile_rule_file_is_refused_or_stopped(path):
    kind, message, figures = _expectation(path)
    outcome, elapsed, peak = _bounded(lambda: load_rule_file(path))
    assert elapsed < SECONDS and peak < MEGABYTES, (elapsed, peak)
    if kind == "load":
        assert isinstance(outcome, FileError), f"{path.name} was not refused: {outcome!r}"
        text = str(outcome)
        assert message in text, text
        assert path.name in text, "the message names the file"
        return
    assert not isinstance(outcome, Exception), f"{path.name} should load and fail only on figures: {outcome}"
    rules = outcome
    sheet = Sheet.model_validate({"id": "t", "title": "t", "rules": rules.ref, "inputs": {k: {"value": v} for k, v in figures.items()}})
    result, elapsed, peak = _bounded(lambda: Engine().score_sheet(sheet, rules, "hostile", 2024))
    assert elapsed < SECONDS and peak < MEGABYTES, (elapsed, peak)
    assert not isinstance(result, Exception), f"evaluation raised {result!r}"
    part = result.indicators[0].parts[0]
    assert part.state == "error" and message in part.reason, (part.state, part.reason)
    assert result.indicators[0].computed is None


@pytest.mark.parametrize("path", [p for p in CORPUS if _expectation(p)[0] == "evaluate"], ids=lambda p: p.stem)
def test_hostile_rule_file_on_the_generated_path(path):
    """The lean path's generated code for a file that loads: it passes the code whitelist, and on
    the attacking figures it stops within the same bounds and hands the sheet to the traced path,
    whose summary names the error (a file refused at load never reaches the generator)."""
    kind, message, figures = _expectation(path)
    rules = load_rule_file(path)
    made, elapsed, peak = _bounded(lambda: generate(rules))
    assert not isinstance(made, Exception), made
    assert elapsed < SECONDS and peak < MEGABYTES, (elapsed, peak)
    case = Case.model_validate({
        "case": {"id": "h", "unit": "h", "region": ["全国"], "year": 2024, "source": "hostile"},
        "sheets": [{"id": "t", "title": "t", "rules": rules.ref, "inputs": {k: {"value": v} for k, v in figures.items()}}],
    })
    library = RuleLibrary(path.parent, [rules], [])
    lean = LeanEngine()
    outcome, elapsed, peak = _bounded(lambda: lean.sheet(case, case.sheets[0], rules, "hostile#t"))
    assert elapsed < SECONDS and peak < MEGABYTES, (elapsed, peak)
    assert isinstance(outcome, Fallback), outcome
    summary = lean.summary(case, case.sheets[0], "hostile", rules, library)
    assert summary.worst_severity == "error"
    assert any(code == "rule_error" and message in text for _, code, text, _ in summary.findings), summary.findings


def test_no_hostile_rule_file_executes_anything(tmp_path):
    """Validate the whole corpus through the real CLI in an empty folder: every file fails, and
    the marker file that `__import__('os').system('touch …')`, `open(…, 'w')` … would create
    never appears, nor anything else."""
    rules = tmp_path / "rules"
    shutil.copytree(HOSTILE, rules)
    before = set(tmp_path.rglob("*"))
    proc = run_cli("formulas", "validate", *[str(p) for p in sorted(rules.glob("*.toml"))], cwd=tmp_path)
    assert proc.returncode == 1
    evaluate_only = {p.name for p in CORPUS if _expectation(p)[0] == "evaluate"}
    for path in CORPUS:
        if path.name not in evaluate_only:
            assert f"{path.name}" in proc.stderr, f"{path.name} not reported as failed"
    assert proc.stdout.count("通过：") == len(evaluate_only)
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / MARKER).exists() and not Path(MARKER).exists()
    assert set(tmp_path.rglob("*")) == before, "nothing may be written"


def test_a_power_that_only_the_figures_make_huge_is_stopped_through_the_cli(tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    shutil.copy(HOSTILE / "power_from_figures.toml", rules)
    case = tmp_path / "case.toml"
    case.write_text(
        '[case]\nid = "h"\nunit = "测试单位"\nregion = ["测试"]\nyear = 2024\nsource = "测试"\n\n'
        '[[sheets]]\nid = "s"\ntitle = "测试表"\nrules = "hostile.power-from-figures@1"\n'
        'inputs = { a = "9", b = "1" }\nclaims = { x = "10" }\n',
        encoding="utf-8",
    )
    start = time.perf_counter()
    proc = run_cli("diff", str(case), "--rules-dir", str(rules), cwd=tmp_path)
    assert time.perf_counter() - start < 30
    assert proc.returncode == 1, proc.stderr  # a rule that cannot be evaluated is an error finding
    assert "乘方过大" in proc.stdout and "无法按规则计算" in proc.stdout
    assert "Traceback" not in proc.stderr


# -- the second wall: simpleeval itself, should a tree ever skip the vetting --------------------


def _unvetted(source: str) -> Expression:
    """An Expression built without compile_expression: what a bug in the loader could produce."""
    return Expression(source, ast.parse(source, mode="eval").body, frozenset())


@pytest.mark.parametrize(
    "source",
    [
        "a.__class__",
        "abs.__self__",
        "round.__globals__",
        "(1).__class__.__base__.__subclasses__()",
        "'{0.__class__}'.format(a)",
        f"__import__('os').system('touch {MARKER}')",
        f"open('{MARKER}', 'w')",
        "[x for x in (1, 2)]",
        "(x for x in (1,)).gi_frame",
        "f'{a}'",
        "a[0]",
        "a << 2",
    ],
)
def test_the_evaluator_refuses_an_unvetted_tree(tmp_path, source, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(EvaluationError, match="被安全限制拒绝|类型不匹配"):
        Evaluator().evaluate(_unvetted(source), {"a": Decimal(1)})
    assert not (tmp_path / MARKER).exists()


def test_the_evaluator_refuses_a_module_or_a_dangerous_function_handed_in_as_a_name():
    evaluator = Evaluator()
    for value in (os, eval, exec, open, os.system):
        with pytest.raises(EvaluationError, match="被安全限制拒绝"):
            evaluator.evaluate(_unvetted("x"), {"x": value})


def test_the_sandbox_context_holds_whatever_the_callers_decimal_context():
    """A caller (or a test) that widens the decimal context cannot widen the sandbox."""
    power = compile_expression("a ** b", {"a", "b"}.__contains__)
    with localcontext() as ctx:
        ctx.prec, ctx.Emax = 10**6, 10**17
        ctx.traps[Overflow] = False
        outcome, elapsed, peak = _bounded(lambda: Evaluator().evaluate(power, {"a": Decimal(9), "b": Decimal(3999999)}))
    assert isinstance(outcome, EvaluationError) and "结果过大" in str(outcome)
    assert elapsed < SECONDS and peak < MEGABYTES


# -- hostile case files: values are data, never code ----------------------------------------------

CASE_HEAD = '[case]\nid = "h"\nunit = "测试单位"\nregion = ["四川省"]\nyear = 2024\nsource = "测试"\n\n'


def _case(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "case.toml"
    path.write_text(CASE_HEAD + body, encoding="utf-8")
    return path


def test_code_as_a_figure_is_an_unreadable_number(tmp_path):
    case = _case(tmp_path, (
        '[[sheets]]\nid = "s"\ntitle = "t"\nrules = "national.project@2020.1"\n'
        f'inputs = {{ budget = "__import__(\'os\').system(\'touch {MARKER}\')", executed = "1" }}\n'
    ))
    proc = run_cli("diff", str(case), "--rules-dir", str(ROOT / "formulas"), cwd=tmp_path)
    assert proc.returncode == 2
    assert "inputs.budget" in proc.stderr and "不是数字" in proc.stderr
    assert not (tmp_path / MARKER).exists()


def test_code_as_a_claim_is_an_unreadable_number(tmp_path):
    case = _case(tmp_path, (
        '[[sheets]]\nid = "s"\ntitle = "t"\nrules = "national.project@2020.1"\n'
        'inputs = { budget = "10", executed = "10" }\n'
        f'claims = {{ execution = "eval(\'open(\\"{MARKER}\\", \\"w\\")\')" }}\n'
    ))
    proc = run_cli("diff", str(case), cwd=tmp_path)
    assert proc.returncode == 2 and "claims.execution" in proc.stderr and "不是数字" in proc.stderr
    assert not (tmp_path / MARKER).exists()


def test_code_and_format_strings_in_rows_are_shown_verbatim_never_run(tmp_path):
    case = _case(tmp_path, (
        '[[sheets]]\nid = "s"\ntitle = "{0.__class__}"\nrules = "national.project@2020.1"\n'
        'inputs = { budget = "10", executed = "10" }\n\n'
        '[[sheets.rows]]\ngroup = ["产出指标", "{0.__globals__}"]\nname = "{0.__class__.__init__.__globals__}"\n'
        f'target = "__import__(\'os\').system(\'touch {MARKER}\')"\nactual = "≥12"\nweight = 45\nclaimed = 45\n\n'
        '[[sheets.rows]]\ngroup = ["产出指标"]\nname = "%(x)s %s {}"\ntarget = "≥12"\n'
        f'actual = "open(\'{MARKER}\', \'w\').write(\'x\')"\nweight = 45\nclaimed = 45\n'
    ))
    out = {}
    for command in ("score", "diff", "explain"):
        proc = run_cli(command, str(case), cwd=tmp_path)
        assert proc.returncode in (0, 1), proc.stderr
        assert "Traceback" not in proc.stderr
        assert "{0.__class__.__init__.__globals__}" in proc.stdout and "%(x)s %s {}" in proc.stdout
        out[command] = proc.stdout
    # code in a target or an actual is wording like any other: a phrase the rules cannot score
    assert "年度指标值“__import__('os').system" in out["diff"] and "是文字" in out["diff"]
    assert "不是规则词表中的说法" in out["explain"] or "文字无法与之比较" in out["explain"]
    assert not (tmp_path / MARKER).exists()


def test_a_rule_reference_is_an_id_never_a_path(tmp_path):
    case = _case(tmp_path, '[[sheets]]\nid = "s"\ntitle = "t"\nrules = "../../../etc/passwd"\n')
    proc = run_cli("diff", str(case), cwd=tmp_path)
    assert proc.returncode == 2 and "没有规则集 ../../../etc/passwd" in proc.stderr


def test_markup_in_a_case_is_escaped_in_the_html_report(tmp_path):
    table = tmp_path / "table.csv"
    table.write_text(
        "case_id,unit,region,year,rules,sheet_id,title,budget_initial,budget,executed,claim:execution\n"
        't1,"<script>alert(1)</script>",湖南省,2024,hunan.dept-overall,dept,'
        '"<svg onload=alert(1)><img src=x onerror=alert(1)>",0,10,10,10\n',
        encoding="utf-8",
    )
    report = tmp_path / "report.html"
    proc = run_cli("batch", str(table), "--quiet", "--jobs", "1", "--report", str(report), cwd=tmp_path)
    assert proc.returncode in (0, 1), proc.stderr
    html = report.read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    for raw in ("<script", "<img", "<svg onload"):  # the text survives, escaped; no tag does
        assert raw not in html
