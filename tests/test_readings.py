"""The value parser (scoring/engine/readings.py): targets and actuals as real sheets write them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring import load_rule_dir
from scoring.engine.readings import ParsedValue, UnknownComparator, ValueParseError, chinese_number, year_month
from scoring.engine.readings import parse_value as parse_with

from conftest import FORMULAS, shipped_library

# The national rule file's [reading] vocabulary: what the words on a sheet mean is data.
READING = shipped_library().find("national.project@2020.1").reading


def parse_value(text, **kwargs):
    return parse_with(text, READING, **kwargs)


D = Decimal

# (text, comparator, number, unit, approximate) — strings as the shipped Changji, Miluo and Suining
# cases print them.
PRINTED_NUMBERS = [
    ("600次以上", ">=", D("600"), "次", False),
    (">=105期", ">=", D("105"), "期", False),
    (">=3次", ">=", D("3"), "次", False),
    ("=1次", "=", D("1"), "次", False),
    (">=2批", ">=", D("2"), "批", False),
    ("=2批", "=", D("2"), "批", False),
    (">=12人", ">=", D("12"), "人", False),
    ("=12人", "=", D("12"), "人", False),
    ("<=38.79万元", "<=", D("38.79"), "万元", False),
    ("=38.79万元", "=", D("38.79"), "万元", False),
    ("<=29.3万元", "<=", D("29.3"), "万元", False),
    (">=90%", ">=", D("90"), "%", False),
    ("=100%", "=", D("100"), "%", False),
    ("100%", None, D("100"), "%", False),
    ("100.00%", None, D("100.00"), "%", False),
    ("111.11%", None, D("111.11"), "%", False),
    ("0.00%", None, D("0.00"), "%", False),
    ("90.12%", None, D("90.12"), "%", False),
    ("90.12", None, D("90.12"), None, False),
    ("≥95%", ">=", D("95"), "%", False),
    ("95%", None, D("95"), "%", False),
    ("≤123.47万元", "<=", D("123.47"), "万元", False),
    ("111.27万元", None, D("111.27"), "万元", False),
    ("675场次", None, D("675"), "次", False),  # the national vocabulary: 场次 is another spelling of 次
    ("1期", None, D("1"), "期", False),
    ("≥12", ">=", D("12"), None, False),
    ("≥230", ">=", D("230"), None, False),
    ("≥530次", ">=", D("530"), "次", False),
    ("600余次", ">=", D("600"), "次", True),
    ("20余项", ">=", D("20"), "项", True),
    ("98.5", None, D("98.5"), None, False),
    ("0.12元", None, D("0.12"), "元", False),
    # Xinjiang's forms put "=" before every figure; words after it say which way (review BL B6)
    ("=90%以上", ">=", D("90"), "%", False),
    ("=500余人次", ">=", D("500"), "人次", True),
    ("＝95%以下", "<=", D("95"), "%", False),
    ("=不少于500人次", ">=", D("500"), "人次", False),
]


@pytest.mark.parametrize(("text", "comparator", "number", "unit", "approximate"), PRINTED_NUMBERS)
def test_numbers_as_sheets_print_them(text, comparator, number, unit, approximate):
    value = parse_value(text)
    assert value.kind == "number"
    written = (value.comparator, value.number, value.unit, value.approximate)
    assert written == (comparator, number, unit, approximate)
    assert str(value.number) == str(number)  # written decimals survive: 100.00 stays 100.00
    assert value.raw == text
    assert value.date is None and value.text is None


COMPARATOR_SPELLINGS = [
    ("≥", ">="), ("≤", "<="), ("＝", "="), ("=", "="), ("＞", ">"), ("＜", "<"),
    (">", ">"), ("<", "<"), (">=", ">="), ("<=", "<="), ("＞＝", ">="), ("＜＝", "<="),
    ("≧", ">="), ("≦", "<="),
    ("不低于", ">="), ("不少于", ">="), ("大于等于", ">="), ("至少", ">="), ("不小于", ">="),
    ("不超过", "<="), ("不高于", "<="), ("不多于", "<="), ("小于等于", "<="), ("最多", "<="),
    ("大于", ">"), ("高于", ">"), ("超过", ">"), ("小于", "<"), ("低于", "<"), ("等于", "="),
]


@pytest.mark.parametrize(("prefix", "comparator"), COMPARATOR_SPELLINGS)
def test_prefix_comparators(prefix, comparator):
    value = parse_value(f"{prefix}95%")
    assert (value.comparator, value.number, value.unit) == (comparator, D("95"), "%")


@pytest.mark.parametrize(
    ("suffix", "comparator"),
    [("以上", ">="), ("及以上", ">="), ("以下", "<="), ("及以下", "<="), ("以内", "<="), ("之内", "<=")],
)
def test_suffix_comparators_are_inclusive(suffix, comparator):
    value = parse_value(f"600次{suffix}")
    assert (value.comparator, value.number, value.unit) == (comparator, D("600"), "次")


def test_prefix_and_suffix_agreeing_is_accepted():
    assert parse_value("≥600次以上").comparator == ">="


@pytest.mark.parametrize(
    ("text", "comparator", "number", "unit"),
    [
        ("９０％", None, D("90"), "%"),
        ("≥９５％", ">=", D("95"), "%"),
        ("＞＝１０５期", ">=", D("105"), "期"),
        ("＝１００％", "=", D("100"), "%"),
        ("１，２３４．５万元", None, D("1234.5"), "万元"),
        ("1,234,567元", None, D("1234567"), "元"),
        ("－４．６３％", None, D("-4.63"), "%"),
        (" ≥ 95 % ", ">=", D("95"), "%"),
        ("\u3000１２人\u3000", None, D("12"), "人"),
        ("100%。", None, D("100"), "%"),
        # a whole cell in brackets (review CH B4: "（≥95%）" was unreadable)
        ("（≥95%）", ">=", D("95"), "%"),
        ("【≥95%】", ">=", D("95"), "%"),
        ("(300人次)", None, D("300"), "人次"),
    ],
)
def test_full_width_separators_and_blanks(text, comparator, number, unit):
    value = parse_value(text)
    assert (value.comparator, value.number, value.unit) == (comparator, number, unit)


@pytest.mark.parametrize("text", ["（≥95%)(1)", "(第1期)", "(abc1)"])
def test_brackets_round_more_than_a_figure_are_not_read(text):
    with pytest.raises(ValueParseError):
        parse_value(text)
    assert parse_value("（无）").kind == "text"  # wording in brackets stays wording


def test_is_percent():
    assert parse_value("≥95%").is_percent
    assert not parse_value("111.27万元").is_percent
    assert not parse_value("90.12").is_percent
    assert not parse_value("5‰").is_percent


@pytest.mark.parametrize(
    ("text", "year", "comparator", "expected"),
    [
        ("2024年12月31日前", None, "<=", date(2024, 12, 31)),
        ("2024年12月10日前", None, "<=", date(2024, 12, 10)),
        ("2024年12月10日之前", None, "<=", date(2024, 12, 10)),
        ("2024年12月10日以前", None, "<=", date(2024, 12, 10)),
        ("12月10日前", 2024, "<=", date(2024, 12, 10)),
        ("2024年11月21日", None, None, date(2024, 11, 21)),
        ("2024年11月21日", 2023, None, date(2024, 11, 21)),  # the written year wins
        ("2024.12.31", None, None, date(2024, 12, 31)),
        ("2024-12-31", None, None, date(2024, 12, 31)),
        ("2024/1/5前", None, "<=", date(2024, 1, 5)),
        ("２０２４年１２月３１日前", None, "<=", date(2024, 12, 31)),
        ("=2024年11月21日", None, "=", date(2024, 11, 21)),
        ("≤2024年12月31日", None, "<=", date(2024, 12, 31)),
        ("2024-06", None, None, date(2024, 6, 1)),  # a year and month with a dash or a slash: a month
        ("2024/6前", None, "<=", date(2024, 6, 1)),
        ("2024.12前", None, "<=", date(2024, 12, 1)),  # with a dot, only where a date word says it is a date
        ("2024.06之前", None, "<=", date(2024, 6, 1)),
        ("截至2024年12月31日", None, "<=", date(2024, 12, 31)),  # by that day (截至, and its common misspelling 截止)
        ("截止12月31日", 2024, "<=", date(2024, 12, 31)),
        ("已于2024年11月完成", None, None, date(2024, 11, 1)),
        ("年内完成", 2024, None, date(2024, 12, 1)),  # the case's year, by its last month
        ("2024年1月-12月", None, None, date(2024, 12, 1)),  # a period: read by its end
        ("2024年1-12月", None, None, date(2024, 12, 1)),
        ("2024年1月至2024年12月", None, None, date(2024, 12, 1)),
        ("1-12月", 2024, None, date(2024, 12, 1)),
        ("2024年3月-2025年3月", None, None, date(2025, 3, 1)),
    ],
)
def test_dates(text, year, comparator, expected):
    value = parse_value(text, year=year)
    assert (value.kind, value.comparator, value.date) == ("date", comparator, expected)
    assert value.number is None and value.unit is None and value.text is None


@pytest.mark.parametrize(
    ("text", "comparator", "number", "unit"),
    [
        ("三次", None, "3", "次"),
        ("不少于两次", ">=", "2", "次"),
        ("一百二十人", None, "120", "人"),
        ("十五个工作日内", "<=", "15", "个工作日"),
        ("两万人", None, "20000", "人"),
        ("百分之九十五", None, "95", "%"),
        ("百分之九十点五", None, "90.5", "%"), ("不低于百分之九十点零五", ">=", "90.05", "%"),  # 点: a decimal point (review DI B2)
        ("百分百", None, "100", "%"), ("百分之百", None, "100", "%"), ("达到百分之百", ">=", "100", "%"),  # review EC B6
        ("812人（次）", None, "812", "人次"), ("≥800人(次)", ">=", "800", "人次"),  # review EL B5
        ("九成以上", ">=", "90", "%"),
        ("九成五", None, "95", "%"),  # review CC B3: was read "90%五", quoted back as the unit “%五”
        ("八成五以上", ">=", "85", "%"),
        ("十成", None, "100", "%"),
        ("81%；", None, "81", "%"),  # a stray semicolon or comma after the value
        ("二十余次", ">=", "20", "次"),  # more than: as "20余次"
        ("三百多人", ">=", "300", "人"),
        ("十余次", ">=", "10", "次"),
        ("百余人", ">=", "100", "人"),  # a hundred and more, the 一 left out
        ("千余人次", ">=", "1000", "人次"),
        ("万余册", ">=", "10000", "册"),
    ],
)
def test_chinese_numerals_are_figures(text, comparator, number, unit):
    value = parse_value(text)
    assert (value.kind, value.comparator, value.number, value.unit, value.raw) == ("number", comparator, Decimal(number), unit, text)


@pytest.mark.parametrize(("text", "comparator", "number"), [
    ("高于95%（含）", ">=", "95"), ("低于5%（含5%）", "<=", "5"), ("＞95%（含本数）", ">=", "95"), (">95%（含90%）", ">", "95"),
    ("超过100人（含100人，其中贫困劳动力不少于30人）", ">=", "100"),  # more after the mark (review DE A3)
    ("超过1,000人（含1,000人）", ">=", "1000"),  # a thousands comma is no clause break (review DF A4)
])
def test_a_strict_bound_marked_inclusive_is_inclusive(text, comparator, number):
    """"（含）" after a strict bound includes it (review DC A3): 95% reaches "高于95%（含）"; another
    figure in the bracket is no such mark."""
    value = parse_value(text)
    assert (value.kind, value.comparator, value.number, value.raw) == ("number", comparator, Decimal(number), text)


@pytest.mark.parametrize(("text", "comparator", "number"), [
    ("9成", None, "90"), ("9成以上", ">=", "90"), ("≥8成", ">=", "80"), ("8.5成", None, "85"), ("10成", None, "100"),
])
def test_tenths_in_digits_are_a_percentage_as_in_numerals(text, comparator, number):
    """"9成" is "九成", 90% (review DA B3); "3成员单位" holds no tenths."""
    value = parse_value(text)
    assert (value.kind, value.comparator, value.number, value.unit, value.raw) == ("number", comparator, Decimal(number), "%", text)
    assert parse_value("3成员单位").unit != "%"


@pytest.mark.parametrize(("run", "expected"), [("十五", 15), ("一百零五", 105), ("三千零五", 3005), ("二三", None), ("三千五", None)])
def test_chinese_numbers(run, expected):
    assert chinese_number(run) == expected


@pytest.mark.parametrize("text", ["百人", "百余年历史", "千余"])
def test_a_lone_hundred_or_thousand_is_a_figure_only_before_more_than(text):
    """"百余人" is a hundred and more; "百人" alone is a name as often as a figure ("百人计划")."""
    assert parse_value(text).kind == "text"


def test_a_dotted_year_and_month_alone_is_a_number():
    """"2024.06" alone may be an amount, and so may "2024.10完成" (完成 stands beside amounts too):
    the row reads them as a month only against a date."""
    for text in ("2024.06", "2024.06完成", "2023.5内"):
        assert parse_value(text).kind == "number", text
    assert year_month(parse_value("2024.06"), READING).date == date(2024, 6, 1)
    assert year_month(parse_value("2024.10已完成"), READING).date == date(2024, 10, 1)
    assert year_month(parse_value("2024.10竣工"), READING).date == date(2024, 10, 1)
    assert year_month(parse_value("2024.6"), READING).precision == "month"
    for text in ("2024.13", "2024.06万元", "1024.06", "1200/12", "2023-24"):
        try:
            value = parse_value(text)
        except ValueParseError:
            continue
        assert year_month(value, READING) is None, text


@pytest.mark.parametrize(
    ("text", "comparator", "number", "unit"),
    [
        ("达到95%", ">=", D("95"), "%"),
        ("达95%以上", ">=", D("95"), "%"),
        ("控制在50万元以内", "<=", D("50"), "万元"),
        ("控制在10%", "<=", D("10"), "%"),
        ("15个工作日内", "<=", D("15"), "个工作日"),
        ("全年≥12次", ">=", D("12"), "次"),  # a filler word, then a comparator
        ("完成100%", None, D("100"), "%"),
        ("平均95%", None, D("95"), "%"),
        ("累计完成12次", None, D("12"), "次"),
        ("20个工作日内完成", "<=", D("20"), "个工作日"),  # and after it
        ("5个工作日内办结", "<=", D("5"), "个工作日"),
        ("24小时内响应", "<=", D("24"), "小时"),
        ("100%完成", None, D("100"), "%"),
        ("100%按时完成", None, D("100"), "%"),
        ("≥完成95%", ">=", D("95"), "%"),  # a split cell: the comparator column, then the target
        ("完成率100%", None, D("100"), "%"),  # the quantity's own name before its figure
        ("及时办结率≥95%", ">=", D("95"), "%"),
        ("满意度95%", None, D("95"), "%"),
        ("达标率95%", None, D("95"), "%"),
        ("年度预算执行率≥90%", ">=", D("90"), "%"),
        ("故障率≤1%", "<=", D("1"), "%"),  # a name that says lower is better, before a comparator that says so too
        ("故障率1%以下", "<=", D("1"), "%"),
        ("差错率0", None, D("0"), None),  # or a figure of none
        ("投诉处理率100%", None, D("100"), "%"),  # a rate to reach, though 投诉 is in it
        ("年度≥1次", ">=", D("1"), "次"),  # the year's own count
        ("每季度≥1次", ">=", D("1"), "次/季度"),  # a frequency (reading.per_words)
        ("合格率不低于95%", ">=", D("95"), "%"),  # a comparator word after the name
        ("完成率达到100%", ">=", D("100"), "%"),
        ("故障率低于1%", "<", D("1"), "%"),
        ("≥满意度95%", ">=", D("95"), "%"),  # a split cell's comparator before the name
        ("100%完成率", None, D("100"), "%"),  # the name after the figure's unit
        ("95%满意度", None, D("95"), "%"),
        ("95%以上满意度", ">=", D("95"), "%"),  # a comparator between the unit and the name
        ("1%以下故障率", "<=", D("1"), "%"),
        ("年度达标率100%", None, D("100"), "%"),
        ("90分满意度", None, D("90"), "分"),
    ],
)
def test_words_around_a_figure(text, comparator, number, unit):
    value = parse_value(text)
    assert (value.kind, value.comparator, value.number, value.unit) == ("number", comparator, number, unit)


@pytest.mark.parametrize(("text", "named"), [("完成率100%", "完成率"), ("合格率不低于95%", "合格率"), ("100%完成率", "完成率"),
                                             ("≥满意度95%", "满意度"), ("95%", None), ("30摄氏度", None)])
def test_the_quantity_name_written_with_a_figure_is_kept(text, named):
    """The row holds the name against its own (rows._check_named)."""
    assert parse_value(text).named == named


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("完成", "完成"),
        ("达到预期指标", "达到预期指标"),
        ("较满意", "较满意"),
        ("有所改善", "有所改善"),
        ("有所提升", "有所提升"),
        ("落地生效", "落地生效"),
        ("按时", "按时"),
        ("合格", "合格"),
        ("超预期完成", "超预期完成"),
        ("良好", "良好"),
        ("保障", "保障"),
        ("促进作用", "促进作用"),
        ("年底前", "年底前"),
        ("年内", "年内"),
        ("达到预期", "达到预期"),  # a word comparator before wording: a phrase, not a figure left out
        ("控制在预算内", "控制在预算内"),
        ("达标", "达标"),
        ("达到", "达到"),
        ("完成率", "完成率"),
        ("满意度较高", "满意度较高"),
        ("一户一档", "一户一档"),  # numerals in a name, not a figure
        ("十佳", "十佳"),
        ("  完成预期目标。 ", "完成预期目标"),
        ("较满意（优）", "较满意(优)"),
    ],
)
def test_text_phrases(text, expected):
    value = parse_value(text)
    assert (value.kind, value.text, value.comparator) == ("text", expected, None)
    assert value.number is None and value.date is None and value.unit is None
    assert value.raw == text


@pytest.mark.parametrize(
    "text",
    [
        "组织7个村（社区）实施智慧治理建设",
        "5-3次",  # a range runs upwards
        "3～5～7次",
        "≥±5%",  # a band is no lower bound
        "1/2",
        "12..5",
        "12,34",
        ".5",
        "≤600次以上",
        "不超过600余次",
        "≥=5",
        "2024年12月31日截至",
        "组织支部党员开展学习675场次。",
        "٣次",
        "m²",
        "每季度≥若干次",  # a frequency needs a figure
        "季度3次",
        "故障率1%",  # the name says lower is better and nothing after it does: not read as a rate to reach
        "1%故障率",
        "2023-24",  # a school year, not a month 24
        "偏离度5%",
    ],
)
def test_unknown_notations_are_refused(text):
    where = "绩效指标第3行“实际完成值”"
    with pytest.raises(ValueParseError) as info:
        parse_value(text, where=where)
    assert str(info.value) == f"{where}：无法识别的写法“{text}”"
    assert (info.value.where, info.value.text) == (where, text)


def test_message_without_where_has_no_prefix():
    with pytest.raises(ValueParseError) as info:
        parse_value("5-3次")
    assert str(info.value) == "无法识别的写法“5-3次”"


def test_a_range_or_a_band_either_way_in_a_target():
    """A target written as a range ("3-5次", "400～500元/亩") keeps both ends for the row to choose by its direction;
    "9-10月" is not read as one (months of the year, or a number of months?).  "±3%" and "≤±3%" are at most 3%
    either way; a result written "±2%" is 2% either way, with no comparator."""
    found = parse_value("400～500元/亩")
    assert (found.number, found.upto, found.unit, found.comparator) == (Decimal("400"), Decimal("500"), "元/亩", None)
    assert parse_value("3-5次").upto == Decimal("5")
    try:
        months = parse_value("9-10月")
    except ValueParseError:
        months = None
    assert months is None or months.upto is None
    for text in ("±3%", "≤±3%", "±3%以内", "+/-3%", "控制在±3%以内"):
        band = parse_value(text)
        assert (band.number, band.unit, band.comparator, band.either_way) == (Decimal("3"), "%", "<=", True), text
    result = parse_value("±2%", actual=True)
    assert (result.number, result.comparator, result.either_way) == (Decimal("2"), None, True)


@pytest.mark.parametrize("text", ["", "   ", "\u3000", "。", "/", "／", "—", "－", "-", "N/A", "不适用", " / "])
def test_blank_and_not_given_markers_read_as_not_given(text):
    value = parse_value(text, where="第2行“年度指标值”")
    assert value.kind == "none" and value.number is None and value.text is None


@pytest.mark.parametrize("text", ["≥", "%", "次", "万元", "以上", "≥%"])
def test_split_cell_fragments_are_refused(text):
    with pytest.raises(ValueParseError, match=f"第5行：缺少数值“{text}”"):
        parse_value(text, where="第5行")


@pytest.mark.parametrize(
    ("text", "year", "reason"),
    [
        ("12月10日前", None, "日期缺少年份"),
        ("2024年2月30日", None, "日期不存在"),
        ("2024-13-01", None, "日期不存在"),
        ("2月30日前", 2024, "日期不存在"),
    ],
)
def test_bad_dates_are_refused(text, year, reason):
    with pytest.raises(ValueParseError) as info:
        parse_value(text, where="采购完成期限", year=year)
    assert str(info.value) == f"采购完成期限：{reason}“{text}”"


@pytest.mark.parametrize(("value", "expected"), [(5, D("5")), (D("1.50"), D("1.50")), (-3, D("-3"))])
def test_scalars_are_numbers_without_unit(value, expected):
    parsed = parse_value(value)
    assert (parsed.kind, parsed.number, parsed.unit, parsed.comparator) == ("number", expected, None, None)
    assert str(parsed.number) == str(expected)


@pytest.mark.parametrize("value", [True, 1.5, D("NaN"), D("Infinity"), None])
def test_bad_scalars_are_refused(value):
    with pytest.raises(ValueParseError) as info:
        parse_value(value, where="第1行")
    assert str(info.value).startswith("第1行：")


@pytest.mark.parametrize("unit", ["米", "厘米", "亩", "公里", "平方米", "户", "例", "组", "个村", "元/人", "kW"])
def test_any_unit_reads_as_written(unit):
    value = parse_value(f"≥12{unit}")
    assert (value.comparator, value.number, value.unit) == (">=", D("12"), unit)


@pytest.mark.parametrize(("text", "unit"), [("≥100百分比", "%"), (">= 98 %(百分比)", "%"), ("675场次", "次"), ("≥95%（含）", "%"), ("12次(累计)", "次")])
def test_unit_spellings_come_from_the_rule_file(text, unit):
    value = parse_value(text)
    assert value.unit == unit and value.written_unit != unit


@pytest.mark.parametrize("text", ["≠5", "≈90%", "~100", "!=3次", "≒2"])
def test_an_unknown_comparator_is_its_own_error(text):
    with pytest.raises(UnknownComparator) as info:
        parse_value(text, where="第3行“年度指标值”")
    assert str(info.value).startswith("第3行“年度指标值”：无法识别的比较符号") and info.value.code == "unknown_comparator"


@pytest.mark.parametrize(
    ("text", "comparator"),
    [("═5次", "="), ("﹦5次", "="), ("⩾5次", ">="), ("不大于5次", "<="), ("5次以内", "<="), ("≧5次", ">="), ("≦5次", "<=")],
)
def test_comparator_spellings_of_the_vocabulary(text, comparator):
    assert parse_value(text).comparator == comparator


@pytest.mark.parametrize(
    ("text", "year", "comparator", "expected", "precision"),
    [
        ("2023年12月", None, None, date(2023, 12, 1), "month"),
        ("9月前", 2023, "<=", date(2023, 9, 1), "month"),
        ("7月", 2023, None, date(2023, 7, 1), "month"),
        ("2021年12月完成", None, None, date(2021, 12, 1), "month"),
        ("2024年12月底前", None, "<=", date(2024, 12, 1), "month"),
        ("2024年12月31日前完成", None, "<=", date(2024, 12, 31), "day"),
        ("2023年底前", None, "<=", date(2023, 12, 1), "month"),
        # a date in Chinese numerals, the year digit by digit (review DI B3)
        ("二〇二四年十一月", None, None, date(2024, 11, 1), "month"),
        ("二〇二四年十二月三十一日前", None, "<=", date(2024, 12, 31), "day"),
        ("二零二四年", None, None, date(2024, 1, 1), "year"),
    ],
)
def test_month_dates(text, year, comparator, expected, precision):
    value = parse_value(text, year=year)
    assert (value.kind, value.comparator, value.date, value.precision) == ("date", comparator, expected, precision)


def test_parsed_value_is_frozen():
    value = parse_value("≥95%")
    with pytest.raises(AttributeError):
        value.number = D("1")  # type: ignore[misc]


# Mostly the characters the parser cares about, so the search reaches the numeric and date paths.
_ALPHABET = st.sampled_from(list("0123456789０１２３４５.,-/%％≥≤=＞＜<>年月日前以上下余次万元期 。较满意不低于超过\u3000"))


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(st.text(), st.text(_ALPHABET, max_size=12)),
    st.one_of(st.none(), st.integers(-5, 10000)),
)
def test_any_text_parses_or_is_refused_deterministically(text, year):
    outcomes = []
    for _ in range(2):
        try:
            outcomes.append(parse_value(text, where="某处", year=year))
        except ValueParseError as exc:
            assert exc.text == text and str(exc).startswith("某处：")
            outcomes.append(str(exc))
    assert outcomes[0] == outcomes[1]
    if isinstance(outcomes[0], ParsedValue):
        assert outcomes[0].raw == text
        assert (outcomes[0].number is not None) == (outcomes[0].kind == "number")


def test_unit_verdicts_are_remembered_within_a_bound(monkeypatch):
    """Whether the word after a figure is a unit is remembered per vocabulary, for a bounded
    number of words: a batch of ever new wording cannot grow it without limit, and a word read
    after the memo is full reads as it did before."""
    import dataclasses

    from scoring.engine import readings

    monkeypatch.setattr(readings, "_UNIT_MEMO", 3)
    reading = dataclasses.replace(READING)  # a fresh vocabulary: nothing remembered yet
    words = ["次", "个村", "万元", "平方米", "人次", "公里"]
    first = [parse_with(f"12{w}", reading) for w in words]
    assert len(reading.unit_verdicts) == 3
    assert [parse_with(f"12{w}", reading) for w in words] == first
    assert [parse_with(f"12{w}", READING) for w in words] == first
    with pytest.raises(ValueParseError):
        parse_with("12次左右", reading)  # a vague word is never a unit, remembered or not
    with pytest.raises(ValueParseError):
        parse_with("12次左右", reading)


def test_names_read_are_remembered_within_a_bound_and_left_out_of_the_pickle(monkeypatch):
    """What a name reads as is remembered by the vocabulary (a batch meets the same names on every sheet), for a
    bounded number of answers; a name read again, or by a fresh copy, reads alike; the pickle of a reading holds its
    vocabulary only, so that the cache and `_share_equal_parts` see a used reading as its words."""
    import dataclasses
    import pickle

    from scoring.engine import readings

    monkeypatch.setattr(readings, "_ANSWERS_KEPT", 5)
    latest = load_rule_dir(FORMULAS).find("national.project", 2020).reading
    names = ["安全事故发生数", "信访事项超期办理件数", "培训人数", "死亡畜禽数", "逾期未结法律援助案件数", "重复利用率", "涉企投诉积存件"]

    def read(reading):
        return [(reading.harm_reading(n), reading.reach_word(n), reading.harm_struck(n)) for n in names]

    reading = dataclasses.replace(latest)  # nothing remembered yet
    first = read(reading)
    assert 0 < len(reading._answers) <= 5
    assert read(reading) == first == read(dataclasses.replace(latest))
    assert [a for a, _, _ in first].count(None) < len(names)  # (some name reads as a harm)
    kept = pickle.loads(pickle.dumps(reading))
    assert "_answers" not in kept.__dict__ and kept == reading and read(kept) == first
    assert pickle.dumps(reading) == pickle.dumps(dataclasses.replace(latest))  # used or not, the same words


def test_an_unfinished_remark_is_quoted_with_its_figure():
    """"11个（计划12个，1个延期）": the message quotes "1个延期" as written, not the vocabulary's
    "个延期" (review BC, D4)."""
    reading = load_rule_dir(None).find("national.project", 2022).reading
    with pytest.raises(ValueParseError, match="括号中注明“1个延期”"):
        parse_with("11个（计划12个，1个延期）", reading, actual=True, year=2022)
    with pytest.raises(ValueParseError, match="括号中注明“1个延期至”"):  # from its clause's start (review BE)
        parse_with("11个（1个延期至2024年）", reading, actual=True, year=2022)
    with pytest.raises(ValueParseError, match="括号中注明“计划”"):  # not "(计划)"
        parse_with("200人（计划）", reading, actual=True, year=2022)


def test_a_chain_of_inclusive_marks_is_no_notation():
    """One "（含）" says the bound is included; a thousand of them ran the reader out of stack (review EG A1)."""
    assert parse_value("≥500人次（含）").comparator == ">="
    with pytest.raises(ValueParseError):
        parse_value("≥500人次" + "（含）" * 1000)


@pytest.mark.parametrize(("text", "number"), [("500人次。", 500), ("500人次 ，；", 500), ("，" * 50 + "500人次", None)])
def test_marks_after_a_value_are_left_out_and_before_it_are_not(text, number):
    """Blanks and full stops after the value are no part of it (taken off from the end: a regex tried from
    every mark of a long run before the value took time growing with its square, review EG B1)."""
    if number is None:
        with pytest.raises(ValueParseError):
            parse_value(text)
    else:
        assert parse_value(text).number == number


@pytest.mark.parametrize(("text", "word"), [("约480人次", "约"), ("480人次左右", "左右"), ("大约95%", "大约"), ("600次左右", "左右")])
def test_a_figure_said_to_be_about_so_much_is_said_so(text, word):
    """"约480人次" is no notation the tool does not know: it is an approximate figure, not read, and the
    message says so, for the officer to write the figure (review EC B10)."""
    with pytest.raises(ValueParseError, match=f"是约数（“{word}”）"):
        parse_value(text)
    with pytest.raises(ValueParseError, match="无法识别的写法"):
        parse_value("节约资金50万元")  # 约 of a word, no figure said to be about so much


@pytest.mark.parametrize("text,comparator", [("≥90%-95%", ">="), ("≤3-5万元", "<="), ("=3-5个", None), ("＝40±5场次", None)])
def test_a_sign_before_a_range_is_the_end_it_asks(text, comparator):
    """Review FU B1: the Sichuan form prints its 指标性质 ("≥") before a range, and Xinjiang's "=" before every cell: the
    range, with the sign's direction ("=" says nothing more); they were refused."""
    value = parse_value(text)
    assert value.kind == "number" and value.upto is not None and value.comparator == comparator and value.raw == text
