"""Hostile rule and case files that once crashed the loader: each is refused with a message
(rule files) or exits 2 (case files), and huge intermediate values are shown, not crashed on."""
import json

import pytest

from scoring import ScoringError, load_rule_file

from conftest import ROOT, run_cli

HEAD = (ROOT / "tests" / "hostile" / "attr_class.toml").read_text(encoding="utf-8").split("[[indicators]]")[0]
INDICATOR = '[[indicators]]\nid = "x"\nname = "指标X"\nweight = 10\nrule_text = "测试"\n'


def _rules(tmp_path, body, head=HEAD):
    path = tmp_path / "rules.toml"
    path.write_text(head + body, encoding="utf-8")
    return path


@pytest.mark.parametrize("body", [
    "deep = " + "[" * 5000 + "]" * 5000 + "\n" + INDICATOR + 'score = "a"\n',          # RecursionError in tomllib
    INDICATOR.replace("weight = 10", "weight = 1" + "0" * 5000) + 'score = "a"\n',     # ValueError: int > 4300 digits
    INDICATOR.replace("weight = 10", "weight = 1e999999999") + 'score = "a"\n',        # decimal.Overflow summing weights
    INDICATOR + 'score = "v0"\n' + "".join(                                            # RecursionError in _check_cycles
        f'[[indicators.values]]\nname = "v{i}"\nlabel = "v"\nexpr = "v{i + 1} + 0"\n' for i in range(3000)
    ) + '[[indicators.values]]\nname = "v3000"\nlabel = "v"\nexpr = "a"\n',
], ids=["deep-nesting", "huge-int", "huge-weight", "long-value-chain"])
def test_hostile_rule_file_is_refused_not_crashing(tmp_path, body):
    with pytest.raises(ScoringError):
        load_rule_file(_rules(tmp_path, body))


@pytest.mark.parametrize(("name", "text"), [
    ("deep.json", '{"case": ' + "[" * 100000 + "]" * 100000 + "}"),
    ("deep.toml", "x = " + "[" * 5000 + "]" * 5000 + "\n"),
    ("bigint.toml", "x = 1" + "0" * 5000 + "\n"),
    ("surrogate.json", json.dumps({"case": {"id": "h", "unit": "u\ud800", "region": ["r"], "year": 2024, "source": "s"},
                                   "sheets": [{"id": "s", "title": "t", "rules": "national.project@2020.1",
                                               "inputs": {"budget": "1", "executed": "1", "budget_initial": "0"}}]})),
], ids=["deep-json", "deep-toml", "huge-int", "lone-surrogate"])
def test_hostile_case_file_exits_2_not_crashing(tmp_path, name, text):
    case = tmp_path / name
    case.write_text(text, encoding="utf-8")
    proc = run_cli("diff", str(case))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr, proc.stderr[-300:]


def test_explain_shows_a_huge_intermediate_value_without_crashing(tmp_path):
    case = tmp_path / "case.toml"
    case.write_text(
        '[case]\nid = "h"\nunit = "u"\nregion = ["r"]\nyear = 2024\nsource = "s"\n\n[[sheets]]\nid = "s"\ntitle = "t"\n'
        'rules = "sichuan.dept-overall@2024.1"\n[sheets.inputs]\nbudget_executed = "99999999999999"\n'
        'budget_adjusted = "0.0000000001"\n', encoding="utf-8")
    proc = run_cli("explain", str(case), "预算编制质量")
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr[-300:]
