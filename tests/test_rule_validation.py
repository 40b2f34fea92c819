"""Every rejection of the rule-file loader, each with its message naming file and key."""

from __future__ import annotations

import json
import textwrap

import pytest

from scoring import FileError, ScoringError, load_rule_dir, load_rule_file

from conftest import FORMULAS, copy_formulas, in_effect, run_cli

HEAD = """
format = 1
[rule_set]
id = "test.minimal"
version = "1"
title = "测试规则"
region = "测试省"
sheet_type = "测试表"
effective_from = 2024-01-01
total = 10
[rule_set.source]
document = "测试文件"

[inputs.a]
label = "甲"
type = "amount"

[inputs.b]
label = "乙"
type = "amount"

[parameters.n]
label = "参数N"
value = "-4.63"
source = "测试"
"""

INDICATOR = """
[[indicators]]
id = "x"
name = "指标X"
weight = 10
rule_text = "原文"
"""


def write(tmp_path, body: str, head: str = HEAD):
    path = tmp_path / "rules.toml"
    path.write_text(textwrap.dedent(head) + textwrap.dedent(body), encoding="utf-8")
    return path


def problems(tmp_path, body: str, head: str = HEAD) -> str:
    path = write(tmp_path, body, head)
    with pytest.raises(FileError) as info:
        load_rule_file(path)
    text = str(info.value)
    assert str(path) in text or path.name in text, "every message names the file"
    return text


def test_a_valid_minimal_file_loads_and_is_hashed(tmp_path):
    rs = load_rule_file(write(tmp_path, INDICATOR + 'score = "a / b * weight"\n'))
    assert rs.ref == "test.minimal@1"
    assert len(rs.sha256) == 64


def test_hash_ignores_comments_but_not_rules(tmp_path):
    one = load_rule_file(write(tmp_path, INDICATOR + 'score = "a / b * weight"\n')).sha256
    two = load_rule_file(write(tmp_path, "# a comment\n" + INDICATOR + 'score = "a / b * weight"  # why\n')).sha256
    three = load_rule_file(write(tmp_path, INDICATOR + 'score = "a / b * weight * 1"\n')).sha256
    assert one == two != three


def test_unknown_key_is_rejected_with_its_path(tmp_path):
    text = problems(tmp_path, INDICATOR + 'score = "a"\nscroe = "b"\n')
    assert "indicators[0].scroe" in text and "未知的键" in text


def test_a_misspelt_required_key_of_a_rule_file_names_the_key_meant(tmp_path):
    text = problems(tmp_path, INDICATOR.replace("weight = ", "weigth = ", 1) + 'score = "a / b * weigth"\n')
    assert "indicators[0].weigth" in text and "是否应为 weight？" in text and "indicators[0].weight" not in text, text


def test_unknown_key_in_rule_set_header(tmp_path):
    text = problems(tmp_path, INDICATOR + 'score = "a"\n', head=HEAD.replace('total = 10', 'total = 10\ntotl = 3'))
    assert "rule_set.totl" in text


def test_missing_required_key(tmp_path):
    text = problems(tmp_path, INDICATOR.replace('rule_text = "原文"\n', "") + 'score = "a"\n')
    assert "indicators[0].rule_text" in text and "缺少必填项" in text


def test_undeclared_name(tmp_path):
    text = problems(tmp_path, INDICATOR + 'score = "a / c * weight"\n')
    assert "indicators[0](x).score" in text and "未声明的名称 c" in text


@pytest.mark.parametrize(
    ("expr", "message"),
    [
        ("a.__class__", "属性访问"),
        ("(lambda: 1)()", "不允许的函数"),
        ("lambda: 1", "lambda"),
        ("[x for x in (1, 2)]", "推导式"),
        ("sum(x for x in (1, 2))", "不允许的函数 sum"),
        ("(a := 1)", "赋值"),
        ("a = 1", "语法错误"),
        ("__import__('os')", "不允许的函数 __import__"),
        ("open('x')", "不允许的函数 open"),
        ("a[0]", "下标访问"),
        ("'text'", "只能使用数字常量"),
        ("f'{a}'", "格式化字符串"),
        ("min", "函数名 min 当作数值"),
        ("max(a, b, key=abs)", "关键字参数"),
        ("a if b else", "语法错误"),
        ("(" * 300 + "a" + ")" * 300, "括号嵌套过深"),  # Python's own words are English (review ES C1)
        ("(a + b", "“(”没有配对的结尾括号"),
        ("a；b", "含无效字符“；”（中文输入法的标点，请改用“;”）"),
        ("a ≈ b", "含无效字符“≈”，在第 3 个字符处"),
        ("a +\nb ≈ c", "含无效字符“≈”，在第 7 个字符处"),  # of the whole expression, not of its line (review EZ B5)
        ("a << 2", "不允许的运算符"),
        ("1" * 40, "数字过长"),
        ("abs(" * 60 + "a" + ")" * 60, "嵌套过深"),
        ("9**9**9", "乘方过大"),  # a part that reads no name is computed at load: refused there
    ],
)
def test_anything_but_a_pure_expression_is_rejected(tmp_path, expr, message):
    body = INDICATOR + f"score = '''{expr}'''\n"
    if message is None:
        load_rule_file(write(tmp_path, body))
        return
    text = problems(tmp_path, body)
    assert message in text, text


def test_weights_must_add_up_to_the_declared_total(tmp_path):
    text = problems(tmp_path, INDICATOR.replace("weight = 10", "weight = 9") + 'score = "a"\n')
    assert "各指标分值合计 9" in text and "rule_set.total = 10" in text


def test_parts_must_add_up_to_their_indicator(tmp_path):
    body = INDICATOR + """
[[indicators.parts]]
id = "p1"
name = "部分一"
weight = 4
score = "a"
[[indicators.parts]]
id = "p2"
name = "部分二"
weight = 5
score = "b"
"""
    assert "各部分分值合计 9" in problems(tmp_path, body)


def test_band_edges_must_state_inclusiveness(tmp_path):
    body = INDICATOR + """
band_on = "a"
[[indicators.bands]]
upper = "n"
score = "10"
[[indicators.bands]]
lower = "n"
lower_inclusive = false
score = "0"
"""
    text = problems(tmp_path, body)
    assert "bands[0].upper_inclusive" in text and "是否包含" in text


def test_band_gap_is_rejected(tmp_path):
    body = INDICATOR + """
band_on = "a"
[[indicators.bands]]
upper = "60"
upper_inclusive = false
score = "10"
[[indicators.bands]]
lower = "60"
lower_inclusive = false
score = "0"
"""
    assert "之间有空隙（60）" in problems(tmp_path, body)


def test_band_overlap_is_rejected(tmp_path):
    body = INDICATOR + """
band_on = "a"
[[indicators.bands]]
upper = "0.8 * n"
upper_inclusive = true
score = "10"
[[indicators.bands]]
lower = "n"
lower_inclusive = false
score = "0"
"""
    assert "重叠" in problems(tmp_path, body)


def test_bands_must_cover_the_whole_line(tmp_path):
    body = INDICATOR + """
band_on = "a"
[[indicators.bands]]
lower = "0"
lower_inclusive = true
upper = "100"
upper_inclusive = true
score = "10"
"""
    text = problems(tmp_path, body)
    assert "没有覆盖 0 以下" in text and "没有覆盖 100 以上" in text


def test_cycle_between_intermediate_values(tmp_path):
    body = INDICATOR + """score = "u"
[[indicators.values]]
name = "u"
label = "U"
expr = "v + 1"
[[indicators.values]]
name = "v"
label = "V"
expr = "u * 2"
"""
    assert "循环引用" in problems(tmp_path, body)


def test_names_may_not_shadow_functions(tmp_path):
    head = HEAD.replace("[inputs.b]", "[inputs.max]")
    assert "与内置函数或保留字重名" in problems(tmp_path, INDICATOR + 'score = "a"\n', head=head)


def test_score_or_bands_required_and_exclusive(tmp_path):
    assert "缺少 score" in problems(tmp_path, INDICATOR)


def test_not_applicable_needs_score_or_judgement(tmp_path):
    body = INDICATOR + """score = "a / b * weight"
[[indicators.not_applicable]]
when = "b == 0"
reason = "无"
"""
    assert "score 与 judgement" in problems(tmp_path, body)


def test_default_needs_a_reason(tmp_path):
    head = HEAD.replace('[inputs.b]\nlabel = "乙"\ntype = "amount"', '[inputs.b]\nlabel = "乙"\ntype = "amount"\ndefault = 0')
    assert "default_reason" in problems(tmp_path, INDICATOR + 'score = "a"\n', head=head)


def test_all_problems_are_reported_at_once(tmp_path):
    body = INDICATOR.replace("weight = 10", "weight = 7") + 'score = "a.b + zz"\n'
    text = problems(tmp_path, body)
    assert "属性访问" in text and "分值合计 7" in text


def test_broken_toml_names_file_and_line(tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text("[rule_set\nid = 1\n", encoding="utf-8")
    with pytest.raises(ScoringError) as info:
        load_rule_file(path)
    assert "broken.toml" in str(info.value) and "第 1 行" in str(info.value)


def test_a_bad_file_in_a_folder_does_not_hide_the_good_ones(tmp_path):
    write(tmp_path, INDICATOR + 'score = "a"\n')
    (tmp_path / "bad.toml").write_text("garbage = [", encoding="utf-8")
    lib = load_rule_dir(tmp_path)
    assert [r.ref for r in lib.rule_sets] == ["test.minimal@1"]
    assert len(lib.failures) == 1 and "bad.toml" in str(lib.failures[0])


def test_gbk_encoded_rule_file_is_read(tmp_path):
    path = tmp_path / "gbk.toml"
    path.write_bytes((textwrap.dedent(HEAD) + textwrap.dedent(INDICATOR) + 'score = "a"\n').encode("gbk"))
    assert load_rule_file(path).info.title == "测试规则"


def test_shipped_sichuan_file_reports_header_subtotals_as_warnings(sichuan):
    text = "\n".join(sichuan.warnings)
    for printed, actual in (("履职效能（19分）", "10"), ("预算管理（21分）", "31"), ("项目执行（12分）", "15"), ("目标实现（11分）", "17")):
        assert printed in text and f"合计 {actual} 分" in text
    assert len(sichuan.indicators) == 19 and len(sichuan.deductions) == 5
    assert sum(i.weight for i in sichuan.indicators) == 100


@pytest.mark.parametrize("weight", ["0", "-1", '"0.00"'])
def test_a_zero_or_negative_indicator_weight_is_refused_naming_file_key_and_line(tmp_path, weight):
    body = INDICATOR.replace("weight = 10", f"weight = {weight}") + 'score = "a"\n'
    text = problems(tmp_path, body, HEAD.replace("total = 10", "total = 1"))
    line = textwrap.dedent(HEAD).count("\n") + textwrap.dedent(INDICATOR).splitlines().index("weight = 10") + 1
    assert f"indicators[0].weight（第 {line} 行）: 分值应大于 0" in text, text
    assert "Input should" not in text


def test_a_zero_part_weight_is_refused(tmp_path):
    body = INDICATOR + """
[[indicators.parts]]
id = "p1"
name = "部分一"
weight = 10
score = "a"
[[indicators.parts]]
id = "p2"
name = "部分二"
weight = 0
score = "b"
"""
    text = problems(tmp_path, body)
    assert "indicators[0].parts[1].weight" in text and "分值应大于 0，得到 0" in text


ROWS_HEAD = HEAD.replace("total = 10", "total = 100")
ROWS = """
[rows]
weight = {weight}
[rows.methods.m]
label = "方法"
score = "weight"
[rows.select]
"≥" = "m"
"""


@pytest.mark.parametrize("weight, message", [("0", "分值应大于 0，得到 0"), ("-5", "分值应大于 0，得到 -5"), ("120", "逐行指标分值 120 超过表的总分 rule_set.total = 100")])
def test_a_rows_weight_that_is_not_positive_or_above_the_total_is_refused(tmp_path, weight, message):
    text = problems(tmp_path, ROWS.format(weight=weight), ROWS_HEAD)
    assert "rows.weight（第" in text and message in text, text


def test_the_shipped_rule_files_still_load(library):
    assert len(library.rule_sets) == len(list(FORMULAS.rglob("*.toml"))) and not library.failures


def test_a_fraction_threshold_must_be_positive(tmp_path):
    text = problems(tmp_path, INDICATOR + 'score = "a"\n[reading]\nfraction_of_percent = -5\n')
    assert "reading.fraction_of_percent" in text and "应大于 0" in text


def test_a_fraction_bound_above_one_must_be_above_one(tmp_path):
    text = problems(tmp_path, INDICATOR + 'score = "a"\n[reading]\nfraction_below = 1\n')
    assert "reading.fraction_below" in text and "应大于 1" in text


def test_a_multiplier_must_multiply(tmp_path):
    text = problems(tmp_path, INDICATOR + 'score = "a"\n[reading]\nmultipliers = { "万" = 1 }\n')
    assert "reading.multipliers" in text and "倍数应大于 1" in text


def test_a_bare_unit_doubt_needs_near_within_far(tmp_path):
    text = problems(tmp_path, INDICATOR + 'score = "a"\n[reading]\nbare_unit_doubt = { far = 2, near = 10 }\n')
    assert "reading.bare_unit_doubt" in text and "near 应小于 far" in text


METHOD = ROWS.format(weight=90).replace('score = "weight"', 'reads = "number"\nscore = "weight"')


@pytest.mark.parametrize(("extra", "place", "message"), [
    ('[rows.no_comparator]\nlower_quantity_names = "nope"\n', "rows.no_comparator.lower_quantity_names", "没有名为 nope 的方法"),
    ('[rows.no_comparator]\nnames = { "补助标准" = "nope" }\n', "rows.no_comparator.names.补助标准", "没有名为 nope 的方法"),
    ('[rows.no_comparator]\nnames = { " " = "reverse" }\n', "rows.no_comparator.names", "名称结尾不能为空"),  # review EZ B4
    ('[reading]\nopposite_quantity_words = [["增长"]]\n', "reading.opposite_quantity_words", ""),
    ('[rows.target_words]\nnegations = ["未"]\n', "rows.target_words.negated", "却没有写否定时评为哪一档"),
    ('[rows.strength]\nlevels = [["明显"], ["有所"]]\nweaker = "w"\nreached = "r"\nopposites = [["提升", "下降"]]\n',
     "rows.strength.opposites", "须先写明该档次"),
    ('[rows.strength]\nlevels = [["明显"], ["有所"]]\nweaker = "w"\nreached = "r"\nopposites = [["提升"]]\n',
     "rows.strength.opposites", "每组须是两个不同的词"),
    ('[rows.target_words]\nnegations = ["未"]\nnegated = "nope"\n', "rows.target_words.negated", "没有名为 nope 的档次"),
    ('[rows.target_words]\nnone_alike = true\n', "rows.target_words", "须先写明该档次"),
    ('[rows.target_words]\ncontained_with = ["已"]\n', "rows.target_words", "须先写明该档次"),
    ('[rows.methods.direct]\nlabel = "直接赋分"\nreads = "any"\nscore = "weight if met else actual / target * weight"\ntext_met = ["nope"]\n',
     "rows.methods.direct.text_met", "没有名为 nope 的档次"),
    ('[rows.methods.direct]\nlabel = "直接赋分"\nreads = "any"\nscore = "weight if met else actual / target * weight"\ntext_met = ["nope"]\n',
     "rows.methods.direct.text_met", "只能使用 weight 与 met"),
    ('[rows.methods.late]\nlabel = "期限"\nreads = "date"\nscore = "weight"\ntext_target = "按期完成"\n',
     "rows.methods.late.text_target", "需与 text_met 同用"),
    ('[rows.strength]\nlevels = [["明显"], ["有所"]]\nweaker = "w"\nreached = "r"\nforecasts = ["会"]\nmodal_words = ["机会", "认可"]\n',
     "rows.strength.modal_words", "“认可”不以 rows.strength.forecasts 中的词结尾"),
    ('[reading]\nharm_handling = ["整改"]\n[reading.handling_objects]\n"维修" = ["故障"]\n',
     "reading.handling_objects.维修", "不在 reading.harm_handling 中"),
    ('[reading]\nharm_handling = ["整改"]\n[reading.struck_handling_objects]\n"报废" = ["超期服役"]\n',
     "reading.struck_handling_objects.报废", "不在 reading.harm_handling 中"),
    ('[reading]\nlower_quantity_names = ["故障率"]\n[reading.lower_name_reversed_by]\n"改判率" = ["抗诉"]\n',
     "reading.lower_name_reversed_by.改判率", "不在 reading.lower_quantity_names 中"),
    ('[reading]\nlower_quantity_names = ["故障率"]\nunhandled_lower_names = ["跑动次数"]\n',
     "reading.unhandled_lower_names", "“跑动次数”不以 reading.lower_quantity_names 中的词结尾"),
    ('[reading]\nharm_handling = ["整改"]\ndoubtful_handling = ["劝阻"]\n', "reading.doubtful_handling", "“劝阻”不在 reading.harm_handling 中"),
    ('[reading]\nharm_words = ["冒领"]\nobject_harms = ["错发"]\n', "reading.object_harms", "“错发”不在 reading.harm_words 中"),
    ('[reading]\nharm_words = ["逾期"]\n[reading.ending_failures]\n"超期" = ["整改"]\n', "reading.ending_failures.超期", "“超期”不在 reading.harm_words 中"),
    ('[reading]\nmisdone_heads = ["违规"]\njoined_work_heads = ["未经"]\n', "reading.joined_work_heads", "“未经”不在 reading.misdone_heads 中"),
    ('[rows.no_comparator]\ndoubtful_harm = "nope"\n', "rows.no_comparator.doubtful_harm", "没有名为 nope 的方法"),
    ('[rows.no_comparator]\nunstated = "nope"\n', "rows.no_comparator.unstated", "没有名为 nope 的方法"),
    ('[reading]\ndate_spans = { "上半年" = 1 }\n', "reading.date_spans.上半年", "不在 reading.date_phrases 中"),
    ('[reading]\ndate_phrases = { "上半年" = "6月底" }\ndate_spans = { "上半年" = 13 }\n', "reading.date_spans.上半年", "应为 1～12"),
    ('[reading]\nrise_words = ["增长", "变化"]\nfall_words = ["下降", "变化"]\n', "reading", "rise_words 与 fall_words 都列出了“变化”"),
])
def test_row_reading_declarations_name_what_they_need(tmp_path, extra, place, message):
    text = problems(tmp_path, INDICATOR + 'score = "a"\n' + METHOD + extra, ROWS_HEAD)
    assert place in text and message in text, text


def test_a_check_may_leave_only_indicators_the_rules_have_unscored(tmp_path):
    text = problems(tmp_path, INDICATOR + 'score = "a"\n[[checks]]\nexpr = "a >= 0"\nmessage = "m"\nunverifiable = ["nope"]\n')
    assert "checks[0].unverifiable" in text and "没有 id 为 nope 的指标" in text


def test_validate_exit_codes_say_which_failure_it_was(tmp_path):
    """0 every file passes, 1 one fails its checks, 2 one cannot be read (as every command)."""
    assert run_cli("formulas", "validate", str(FORMULAS / "hunan" / "dept-overall-2024.toml")).returncode == 0
    broken = tmp_path / "broken.toml"
    broken.write_text("[rule_set\n", encoding="utf-8")
    assert run_cli("formulas", "validate", str(broken)).returncode == 1
    missing = run_cli("formulas", "validate", str(tmp_path / "nowhere.toml"))
    assert missing.returncode == 2 and "无法读取文件" in missing.stderr



@pytest.mark.parametrize("spoiled, key", [
    ('prefix_comparators = ["=="]', "rows.prefix_comparators[0]"),  # an item of an inline array: its key's line (review BQ D2)
    ('ranks = [["好", "好"]]', "rows.ranks[0]"),
])
def test_a_problem_in_an_inline_array_names_the_line_of_its_key(tmp_path, spoiled, key):
    text = (FORMULAS / "xinjiang" / "project-2024.2.toml").read_text(encoding="utf-8")
    anchor = 'prefix_comparators = ["="]'
    assert anchor in text
    path = tmp_path / "xinjiang" / "project.toml"
    path.parent.mkdir()
    path.write_text(text.replace(anchor, spoiled), encoding="utf-8")
    for parent in ("national/project-2020.2.toml",):
        (tmp_path / parent).parent.mkdir(exist_ok=True)
        (tmp_path / parent).write_bytes((FORMULAS / parent).read_bytes())
    done = run_cli("formulas", "validate", str(path), "--rules-dir", str(tmp_path))
    line = path.read_text(encoding="utf-8").splitlines().index(spoiled) + 1
    assert done.returncode == 1 and f"{key}（第 {line} 行）" in done.stderr, done.stderr


def test_a_rule_file_of_thousands_of_problems_lists_the_first_and_counts_the_rest(tmp_path):
    """3,000 intermediate values without a label (review CF A3): each problem was placed at its line
    by walking the file, minutes for one file and for every command reading the folder.  The first
    twenty are named with their lines, the rest counted."""
    values = "".join(f'[[indicators.values]]\nname = "v{i}"\nexpr = "a"\n' for i in range(3000))
    path = tmp_path / "many.toml"
    path.write_text(textwrap.dedent("""\
        format = 1
        [rule_set]
        id = "test.many"
        version = "2024.1"
        title = "测试"
        region = ["测试省"]
        sheet_type = "测试表"
        effective_from = 2024-01-01
        total = 10
        [rule_set.source]
        document = "测试"
        clause = "测试"
        [inputs.a]
        label = "甲"
        type = "amount"
        [[indicators]]
        id = "x"
        name = "指标"
        group = ["组"]
        weight = 10
        rule_text = "甲"
        score = "a"
        """) + values, encoding="utf-8")
    proc = run_cli("formulas", "validate", str(path))
    assert proc.returncode == 1
    listed = [line for line in proc.stderr.splitlines() if "label（第 " in line and "缺少必填项" in line]
    assert len(listed) == 20 and "indicators[0].values[0].label（第 " in listed[0], proc.stderr
    assert "另有 2980 处问题未列出（请先改正以上各处）" in proc.stderr


def test_an_entry_a_file_writes_twice_is_refused_naming_the_second(tmp_path):
    """A second `[[indicators]] id = "execution"` in a file that extends the national rules was
    merged over the first, silently scoring the sheet by it (review CF A4); a check written twice
    was said twice.  Both are refused, naming the second entry's line."""
    # a Hunan file and the national ones it is built on
    rules = copy_formulas(tmp_path / "rules", "national/project-2020*.toml", "hunan/*.toml", lock=False)
    hunan = in_effect(rules, "hunan.dept-overall", 2024)
    text = hunan.read_text(encoding="utf-8")
    start = text.index("[[indicators]]")
    end = text.index("\n[", start + 5)
    hunan.write_text(text[:end] + "\n\n" + text[start:end].replace('score = "executed / budget * weight"', 'score = "weight"') + text[end:],
                     encoding="utf-8")
    second = text[:end].count("\n") + 3  # the copy's [[indicators]] line
    proc = run_cli("formulas", "validate", str(hunan), "--rules-dir", str(rules))
    assert proc.returncode == 1 and f"indicators[1]（第 {second} 行）: id “execution”在本文件中写了两次（第 1 项和第 2 项）" in proc.stderr, proc.stderr
    national = rules / "national" / "project-2020.5.toml"
    text = national.read_text(encoding="utf-8")
    check = text[text.index("[[checks]]"):text.index("\n[[checks]]", text.index("[[checks]]") + 5)]
    national.write_text(text.replace(check, check + "\n" + check, 1), encoding="utf-8")
    proc = run_cli("formulas", "validate", str(national), "--rules-dir", str(rules))
    assert proc.returncode == 1 and "checks[1]（第 " in proc.stderr and "写了两次（第 1 项和第 2 项）" in proc.stderr, proc.stderr


@pytest.mark.parametrize(("written", "said"), [("nan", "应为有限的数字（nan、inf 不是数字）"), ("inf", "应为有限的数字（nan、inf 不是数字）"),
                                                ("1e16", "数字过大（绝对值应小于 10 的 15 次方）")])
def test_a_weight_that_is_no_finite_number_is_named_for_what_it_is(tmp_path, written, said):
    """nan in a rule file was called 数字过大 (review CF B4): it is no number at all."""
    text = problems(tmp_path, INDICATOR.replace("weight = 10\n", f"weight = {written}\n") + 'score = "a"\n')
    assert "indicators[0].weight（第 " in text and said in text, text


def test_nan_in_a_revision_built_on_the_national_rules_is_named_by_validate(tmp_path):
    """The same through `formulas validate`, in the Hunan file in effect and with the national ones it is built on."""
    rules = copy_formulas(tmp_path / "rules", "national/project-2020*.toml", "hunan/*.toml", lock=False)
    hunan = in_effect(rules, "hunan.dept-overall", 2024)
    text = hunan.read_text(encoding="utf-8")
    hunan.write_text(text.replace("weight = 10\n", "weight = nan\n", 1), encoding="utf-8")
    proc = run_cli("formulas", "validate", str(hunan), "--rules-dir", str(rules))
    assert proc.returncode == 1 and "indicators[0].weight（第 " in proc.stderr and "应为有限的数字（nan、inf 不是数字）" in proc.stderr, proc.stderr


@pytest.mark.parametrize(("score", "band"), [("12", "第 1 档"), ("-3", "第 1 档")])
def test_a_band_scoring_outside_its_line_is_rejected(tmp_path, score, band):
    """A band of 12 on a 10-point line (or of -3) is a slip the cap would hide (review EA A5)."""
    body = INDICATOR + f"""
band_on = "a"
[[indicators.bands]]
upper = "60"
upper_inclusive = true
score = "{score}"
[[indicators.bands]]
lower = "60"
lower_inclusive = false
score = "10"
"""
    assert f"{band}的得分“{score}”在声明的输入范围内总在 0～10 分之外" in problems(tmp_path, body)


@pytest.mark.parametrize("floor", ["10", "12", "-1"])
def test_a_score_floor_outside_zero_to_the_total_is_rejected(tmp_path, floor):
    """`score_floor` is where deductions stop ("扣完为止"), not a pass mark (review EA A3)."""
    head = HEAD.replace("total = 10", f"total = 10\nscore_floor = {floor}")
    assert f"score_floor（{floor}）应不小于 0 且小于满分 total（10）" in problems(tmp_path, INDICATOR + 'score = "a"\n', head)


def test_fiscal_years_without_a_last_end_where_the_rules_lapse(tmp_path):
    """`fiscal_years = { first = N }` beside an `effective_to` governs up to that year, not every later one;
    a first year after it is refused (review EA A2)."""
    head = HEAD.replace("effective_from = 2024-01-01", "effective_from = 2024-01-01\neffective_to = 2024-12-31\nfiscal_years = { first = 2023 }")
    rules = load_rule_file(write(tmp_path, INDICATOR + 'score = "a"\n', head))
    assert [rules.info.governs_fiscal_year(y) for y in (2022, 2023, 2024, 2025)] == [False, True, True, False]
    late = HEAD.replace("effective_from = 2024-01-01", "effective_from = 2024-01-01\neffective_to = 2024-12-31\nfiscal_years = { first = 2030 }")
    assert "fiscal_years.first（2030）晚于失效日期 effective_to（2024-12-31）的年度" in problems(tmp_path, INDICATOR + 'score = "a"\n', late)


def test_a_score_floor_does_not_lift_lines_below_it_without_deductions(tmp_path):
    """Lines adding up to 1 under a floor of 5 and no deductions: the total is 1, not 5 (review EA A3)."""
    rules = tmp_path / "rules"
    rules.mkdir()
    head = HEAD.replace("total = 10", "total = 10\nscore_floor = 5")
    write(rules, INDICATOR + 'score = "a"\n', head)
    case = tmp_path / "case.toml"
    case.write_text(textwrap.dedent("""
        format = 1
        [case]
        id = "floor"
        unit = "测试单位"
        region = ["测试省"]
        year = 2024
        source = "test"
        [[sheets]]
        id = "s"
        title = "测试表"
        sheet_type = "测试表"
        claimed_total = { score = "1" }
        [sheets.inputs]
        a = { value = "1" }
        b = { value = "0" }
        [sheets.claims]
        x = { score = "1" }
    """), encoding="utf-8")
    proc = run_cli("diff", str(case), "--rules-dir", str(rules), "--format", "json")
    total = json.loads(proc.stdout)["sheets"][0]["total"]
    assert (total["computed"], total["status"]) == ("1.00", "match"), proc.stdout
