"""Parse a target (年度指标值) or an actual (实际完成值/完成值/业绩值) as a sheet writes it.

A value is one of four kinds: a number with an optional comparator and unit ("≥95%",
"600次以上", "<=38.79万元"), a date or deadline ("2024年12月31日前", "2023年12月"), a qualitative
phrase with no digits ("较满意", "有所改善"), or a "not given" marker ("/", "—", "不适用", blank).
Anything that mixes digits with a notation this module does not know ("3-5次", "1/2", a narrative
sentence) is refused with a ValueParseError rather than guessed at; the caller reports it.

What the words mean is not decided here: comparators, "not given" markers, unit spellings and
conversions, vague words and the words around dates are the rule file's vocabulary
(``[reading]``, see formulas/README.md), handed in as a `Reading`.  This module only knows the
shapes: a comparator before or after a figure, a figure, a unit after it, a date.

Decisions that are shapes, not vocabulary:

* A date without a year takes ``year=``; without it the value is refused. A written year
  always wins over ``year=``.  A month without a day ("2023年12月", "9月前") is a month: it is
  compared with other dates at month precision.
* Relative phrases with no digits ("年底前", "年内", "按时") are text, not dates.
* Chinese numerals are not read: "三次" is text. A digit-free string that is only a comparator
  and/or a unit ("≥", "%", "次") is a split-cell fragment and is refused.
* A unit is whatever short word follows the figure ("平方米", "个村", "元/人"); two figures in the
  same unit compare directly, and only the rule file's declared factors convert between units.
* A leading mathematical symbol the vocabulary does not list ("≠5", "≈90%") is an unknown
  comparator: refused with its own error, never dropped.
* Percentages are carried as their number (95% -> 95, unit "%").
* A figure of 10^15 or more in absolute value is refused (numbers.MAX_FIGURE): it is a slip,
  and carrying it into arithmetic gains nothing.
"""

from __future__ import annotations

import calendar
import functools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from datetime import date
from decimal import Decimal
from functools import cached_property
from typing import Literal

from ..numbers import MAX_FIGURE_TEXT, NumberError, fmt, folding_after, is_too_large, round_half_up, to_decimal

Comparator = Literal[">=", "<=", "=", ">", "<"]
Kind = Literal["number", "date", "text", "none"]

# Full-width ASCII block (！..～) to ASCII, so ＝＞＜（）and letters fold with the digits.
_FOLD = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FOLD |= {0x3000: 0x20}
# _FOLD, then numbers.normalize_text's folding: one pass over the text instead of three
_FOLD_ALL = folding_after(_FOLD)
# blanks and a full stop (or a stray comma) after the value: taken off from the end, in time linear in
# their run (a regex `[…]+$` tried from every mark of a long run before the value: review EG B1)
_TRAILING_MARKS = frozenset("。;,、.")
# A comma, semicolon or full stop between clauses (not a thousands separator: "1,200")
CLAUSE_BREAK = re.compile(r"(?<!\d),|,(?!\d)|;|；|，|。")
_OPENING, _CLOSING = "([【〔", ")]】〕"


def clause_break(text: str) -> re.Match | None:
    """The first clause break of ``text`` (folded) outside brackets: a bracket is one remark on
    what it follows, whatever it holds ("93%（受台风影响，部分停运）" is one clause, "93%（抽查），
    偏差原因：…" two)."""
    at = CLAUSE_BREAK.search(text)
    while at is not None:
        head = text[: at.start()]
        if sum(map(head.count, _OPENING)) <= sum(map(head.count, _CLOSING)):
            return at
        at = CLAUSE_BREAK.search(text, at.end())
    return None


_NUMBER_IN_TEXT = re.compile(r"\d+(?:\.\d+)?")
# A period written as a range: a start with a month (or a dotted year and month) and an end
_RANGE = re.compile(r"(?P<start>(?:\d{4}年)?\d{1,2}月?|\d{4}年\d{1,2}月\d{1,2}日|\d{4}\.\d{1,2})(?:-|—|–|~|～|至|到)(?P<end>.+)")
_END_OF_RANGE = re.compile(r"(?:\d{4}年)?\d{1,2}月(?:\d{1,2}[日号])?(?:底|末)?|\d{4}\.\d{1,2}")
# Chinese numerals: digits, the small units within a section, the sections
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}
_CN_BIG = {"万": 10000, "亿": 100000000}
_CN_RUN = re.compile("[零〇一二两三四五六七八九十百千万亿]+")
# "百分之九十五", "百分之九十点五", "百分之95", "百分百": a percentage; "九成": 90%, "九成五": 95% (a tenth after 成,
# not the start of another figure: "九成五十人" is no 95%)
_CN_PERCENT = re.compile(r"百分之(?:([零〇一二两三四五六七八九十百]+)(?:点([零〇一二两三四五六七八九]+))?|(\d+(?:\.\d+)?))|百分百"
                         r"|(?<![零〇一二两三四五六七八九十百千])([一二三四五六七八九十])成"
                         r"(?:([一二三四五六七八九])(?![零〇一二两三四五六七八九十百千万亿]))?")
_ANY_DIGIT = re.compile(r"\d")
# "二〇二四年十一月", "二〇二四年十二月三十一日": a date in Chinese numerals, its year digit by digit (review DI B3)
_CN_DATE = re.compile(r"([零〇一二三四五六七八九]{4})年(?:([一二三四五六七八九十]{1,3})月(?:([一二三四五六七八九十]{1,3})[日号])?)?")
# "9成", "8.5成以上": tenths written in digits (at most ten of them) ending the cell or before a bound's word;
# not a digit before a word with 成 in it ("3成员单位")
_DIGIT_TENTHS = re.compile(r"(?<![\d.])((?:10|\d)(?:\.\d)?)成(?=$|以上|以下|及以上|及以下|左右)")
_WRAPPED = {"(": ")", "[": "]", "【": "】", "〔": "〕"}  # brackets round a whole cell, as folded
# "（含）", "（含95%）", "（含本数）", "（含100人，其中…）" ending a bound
# A figure said to be about so much: "约480人次", "大约95%", "480人次左右" (review EC B10)
_VAGUE_FIGURE = re.compile(r"(?P<before>大约|约)\d|\d[^\d,，;；]{0,6}?(?P<after>左右|上下)$")
_INCLUSIVE = re.compile(r"\(含(?P<figure>(?:[^(),，;；]|,(?=\d{3}))*)(?:[,，;；][^()]*)?\)$")
# A result written as a range of figures, the unit after the upper one or after both ("90%-95%", "90-95%",
# "在85%至95%之间", "400～500元/亩")
_FIGURE_RANGE = re.compile(r"(?:控制在|保持在|维持在|在)?(?P<low>\d{1,15}(?:\.\d{1,15})?)(?P<first>%|‰|℃|[^\W\d_]{1,4}?)?(?:-|—|–|~|～|至|到)(?P<high>\d{1,15}(?:\.\d{1,15})?)"
                           r"(?P<unit>%|‰|℃|[^\W\d_]{1,4}?(?:/[^\W\d_]{1,3})?)?(?:之间)?")
# Units of a date: a range of them in a target ("9-10月") may be months of the year or a number of months
_DATE_UNITS = frozenset({"月", "日", "号", "年", "时", "点"})
# Units numbering things in a sequence: "1-3期" is the first to the third
_SEQUENCE_UNITS = frozenset({"期", "批", "批次", "届", "轮"})
# A time limit counted from an event: the event (no figure in it), 后 or 起, then the limit in days or less ("30日内");
# not a period of months or years ("竣工验收后2年内" is a warranty's, review FC A3), nor 后 of a delay ("推后", "滞后": FC A4)
_SINCE_EVENT = re.compile(r"(?:自|从)?(?P<event>[^\d，,；;。、]{2,24}?)(?:之后|以后|(?<![推滞延落退靠])后|之日起|起)"
                          r"(?P<limit>\d+(?:\.\d+)?(?:个工作日|工作日|日历天|天|日|小时|分钟|秒)(?:以内|之内|内)[^\d，,；;。]{0,6})")
_ZERO = re.compile(r"0+(?:\.0+)?(?![\d.])")  # a figure of 0 at the start of a text

# re.ASCII: only 0-9 are digits here; other Unicode digits fall through to an error.
_NUMBER = re.compile(r"([+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(.*)", re.ASCII | re.DOTALL)
_DATE = re.compile(
    r"(?:(?:(?P<y>\d{4})年)?(?P<m>\d{1,2})月(?:份|(?P<part>初|上旬|中旬|下旬)|(?P<d>\d{1,2})[日号]|(?P<end>底|末))?"  # "12月份", "12月初": December
    r"|(?P<ey>\d{4})年(?:底|末)"  # "2023年底": the year's last month
    r"|(?P<yy>\d{4})年度?"  # "2024年", "2024年内": the year alone
    r"|(?P<iy>\d{4})(?P<sep>[-./])(?P<im>\d{1,2})(?P=sep)(?P<id>\d{1,2})"
    r"|(?P<ay>(?:19|20)\d{2})[-/](?P<am>\d{1,2}))",  # "2024-06", "2024/6": a month ("2024.06" is also a number)
    re.ASCII,
)
# "2024.06": a year and month with a dot, read as one where 月, 底 or a word saying "by" follows it
# ("2024.6月底", "2024.12前") or the other side of the row is a date; alone (or "2024.10完成",
# "2023.5内") it is a number: 完成 and 内 also stand beside amounts
_DOTTED_MONTH = re.compile(r"((?:19|20)\d{2})\.(\d{1,2})(月?(?:底|末)|月)?", re.ASCII)
# "12.31": a month and day with a dot, read as a day of the sheet's year where a word saying "by"
# follows it ("9.30前") or the other side of the row is a date ("12.20" against "2024年12月31日前");
# alone it is a number
_MONTH_DAY = re.compile(r"(\d{1,2})\.(\d{1,2})[日号]?", re.ASCII)  # "9.30日前" too
# "95%（含）", "12次(累计)": a known unit with a remark in brackets after it
_REMARK = re.compile(r"(.+?)[（(][^（()）]*[)）]")
_BARE_REMARK = re.compile(r"()[（(][^（()）]+[)）]")
# A unit is a short word: ideographs, letters and the signs units are written with.
_UNIT = re.compile(r"[^\W\d_]|[%‰°²³㎡㎥㎞/()（）·]", re.UNICODE)
MAX_UNIT_LENGTH = 8


@dataclass(frozen=True)
class UnitMeaning:
    """What a written unit is: ``canonical`` (after spelling aliases), and, where the rule file
    declares one, the unit it converts into and the factor (1 元 = 0.0001 万元)."""

    canonical: str
    into: str | None = None
    factor: Decimal | None = None


# How many answers each reading keeps (`_remembered`) before it forgets them all: a batch's distinct row names are a few
# thousand, and a long-running service must not grow without end (some 2.5 MiB a reading when full)
_ANSWERS_KEPT = 20_000
_UNKNOWN = object()


def _remembered(method):
    """A method of `Reading` reading a name, its answer kept by the reading (`Reading._answers`): a reading never
    changes once compiled (its dicts too are never changed in place), and the same names come back on every sheet of a
    batch and in every worked example of a rule set."""
    key = method.__name__

    def remembered(self, name: str):
        answers = self._answers
        found = answers.get((key, name), _UNKNOWN)
        if found is _UNKNOWN:
            if len(answers) >= _ANSWERS_KEPT:
                answers.clear()
            found = answers[(key, name)] = method(self, name)
        return found

    return functools.update_wrapper(remembered, method)


@dataclass(frozen=True)
class Reading:
    """The rule file's vocabulary for reading figures, compiled for lookups.

    ``prefixes`` and ``suffixes`` are (spelling, comparator) pairs, longest spelling first so
    "不低于" is not read as "低于".  Every spelling is already folded (full-width to ASCII).
    """

    prefixes: tuple[tuple[str, Comparator], ...] = ()
    suffixes: tuple[tuple[str, Comparator], ...] = ()
    loose: tuple[str, ...] = ()  # "600余次": approximately, at least
    vague: tuple[str, ...] = ()  # "600次左右": neither bound, refused
    not_given: frozenset[str] = frozenset()
    units: dict[str, UnitMeaning] = field(default_factory=dict)
    known_units: frozenset[str] = frozenset()
    none_words: tuple[str, ...] = ()
    undone_words: frozenset[str] = frozenset()  # "未开展" alone: none of a count of work to reach (only)
    none_exceptions: tuple[str, ...] = ()  # "无法统计": starts with a none word, says no none
    rate_units: frozenset[str] = frozenset()  # "%", "分": a figure to reach in one is no count ("无差错" is not 0%)
    date_before: tuple[str, ...] = ()  # "前", "之前": by that date, inclusive
    date_neutral: tuple[str, ...] = ()  # "完成", "完工": the date of completion, no comparator
    date_steps: tuple[str, ...] = ()  # "开工", "启动": a date of that step, not of completion
    date_phrases: dict[str, str] = field(default_factory=dict)  # "上半年": "6月底", a part of the year as its last month
    date_spans: dict[str, int] = field(default_factory=dict)  # "上半年": 1, in an actual a span from that month to its end
    fraction_of_percent: Decimal | None = None  # "0.98" against "≥95%": 98% (rows._same_unit)
    fraction_below: Decimal | None = None  # "1.02" too, when above 1 and below this: 102%
    percent_names: tuple[str, ...] = ()  # "满意度", "率": a row named so counts a percentage, bare or not
    not_percent_names: tuple[str, ...] = ()  # "周转率", "功率": ... but not a row named so
    bare_unit_doubt: tuple[Decimal, Decimal] | None = None  # (far, near): when a bare figure's borrowed unit is in doubt
    multipliers: tuple[tuple[str, Decimal], ...] = ()  # ("万", 10000): a numeral after a figure, longest first
    fillers: tuple[str, ...] = ()  # "完成100%", "平均95%": words before a figure that say nothing of it
    reached: tuple[str, ...] = ()  # "达到": before an actual's figure, the figure reached (no bound)
    figure_words: dict[str, str] = field(default_factory=dict)  # "全覆盖": "100%", by normalized phrase
    completion_words: frozenset[str] = frozenset()  # "完成", "已完成": all done, 100% against a percentage (normalized)
    completion_rates: tuple[str, ...] = ()  # "完成率", "到位率": a row so named counts the share of its work done
    completion_lacks: tuple[str, ...] = ()  # "未", "延期": ... not after one of these ("任务未完成率")
    remark_units: tuple[str, ...] = ()  # "分钟": a word after one is a remark ("30分钟到达") ...
    remarks: tuple[str, ...] = ()  # ... made of these words ("到达", "拨付", "合格"), longest first
    quantity_names: tuple[str, ...] = ()  # "率", "度": the last character of a quantity's name before its figure
    not_quantity_names: tuple[str, ...] = ()  # "季度": a name ending in a period, never left out
    lower_quantity_names: tuple[str, ...] = ()  # "故障率": a name ending so says lower is better (`is_lower_name`)
    lower_name_reversers: tuple[str, ...] = ()  # "无", "降低": before such a name, a rate to reach ("无差错率")
    unhandled_lower_names: tuple[str, ...] = ()  # "跑动次数": lower is better after any word of work ("办理…跑动次数")
    lower_name_reversed_by: dict[str, tuple[str, ...]] = field(default_factory=dict)  # "改判率": ("抗诉",) anywhere in the name
    negated_events: tuple[str, ...] = ()  # "事故": "无安全事故发生率" negates the event before the word
    lower_name_tails: tuple[str, ...] = ()  # "控制": "设备故障率控制" is still the failure rate
    lower_name_breaks: tuple[str, ...] = ()  # "后": a reverser across it reduces something else ("降低成本后返工率")
    lower_name_break_words: tuple[str, ...] = ()  # "术后": a break inside a word is none
    named_fillers: tuple[tuple[str, str], ...] = ()  # ("已拨付", "拨付"): dropped where the row's name holds the second
    per_words: tuple[tuple[str, str], ...] = ()  # ("每月", "月"): "每月1次" is 1 次/月 ...
    days_of_month: tuple[str, ...] = ()  # ... but "每月10日前" is a day of each month ("日", "号")
    quantity_suffixes: tuple[str, ...] = ()  # "率", "人数": after a named filler's word ending a row's name
    date_units: frozenset[str] = frozenset()  # "年": a unit in brackets ending a name that is a date's
    finishing_remarks: tuple[str, ...] = ()  # "完工": after a duration, whatever the row's name
    remark_fillers: frozenset[str] = frozenset()  # characters of a remark that name no step ("已", "全", "部")
    unfinished_remarks: tuple[str, ...] = ()  # "在建", "计划": in brackets after a figure, it is no result yet
    unfinished_exceptions: tuple[str, ...] = ()  # "仍在保修": holds one of them, says a state
    unfinished_short: tuple[str, ...] = ()  # "未完成": such a remark holding one says the target was missed
    event_units: frozenset[str] = frozenset()  # "起", "次", "件": units counting events, alike where none is asked
    not_done_causes: tuple[str, ...] = ()  # "因": ... after a cause ("因疫情未完成")
    not_done_parts: tuple[str, ...] = ()  # "部分": ... after a part ("部分未开展")
    not_done_counts: tuple[str, ...] = ()  # "尚有", "差": ... before a figure of it ("尚有10户未完工")
    short_words: tuple[str, ...] = ()  # "仅", "未达": the figure in a worded actual falls short ...
    short_exceptions: tuple[str, ...] = ()  # ... but not "不仅", "仅用"
    harm_words: tuple[str, ...] = ()  # "事件", "隐患": a name ending so counts something to avoid ...
    harm_counts: tuple[str, ...] = ()  # ... maybe before one of these ("发生数", "次数", "现象"; `harm_rates` among them)
    harm_rates: tuple[str, ...] = ()  # "率", "比例": a rate read as a harm's, also scored as the default reads it (a warning)
    harm_handling: tuple[str, ...] = ()  # ... unless it counts work done about it ("排查", "化解")
    harm_owners: tuple[str, ...] = ()  # ... and not across these ("后", "期间": "整改后仍存在问题数")
    harm_facilities: tuple[str, ...] = ()  # ... nor inside a facility's name ("污水处理设施故障次数")
    owned_handling: tuple[str, ...] = ()  # words of work acting on people or things ("监测", "援助") ...
    harm_holders: tuple[str, ...] = ()  # ... which these also stop ("对象", "项目": "监测对象返贫人数")
    handling_objects: dict[str, tuple[str, ...]] = field(default_factory=dict)  # "维修": the harms it mends ("故障", "损坏")
    handling_passives: tuple[str, ...] = ()  # "被", "接受巡察": right before a word of work, the unit is its object
    # words of work whose acting on a harm is in doubt where only their objects, their reach or a holder set them aside
    doubtful_handling: frozenset[str] = frozenset()
    doubtful_holders: tuple[str, ...] = ()  # holders that set aside only the words of `doubtful_handling` ("群众")
    harm_negations: tuple[str, ...] = ()  # "无", "未": right before a harm word, those without it ("无复发户数")
    harm_negations_after: tuple[str, ...] = ()  # "零发生": right after a harm word, those without it ("命案零发生乡镇数")
    reach_words: tuple[str, ...] = ()  # "培训", "受益", "合格": a bare figure so named is one to reach
    handling_negations: tuple[str, ...] = ()  # "未", "尚未": right before a word of work, it was not done ("未整改隐患数")
    handling_failures: tuple[str, ...] = ()  # "不到位", "不及时": right after a word of work, the work fell short ("整改不到位")
    # "逾期" = ("整改", "办理" …): right after one of these and ending the name (before its count), the work ran late ("整改逾期数量")
    ending_failures: dict[str, tuple[str, ...]] = field(default_factory=dict)
    harm_struck_length: int = 0  # a harm word this close before a count strikes what stands between ("死亡畜禽数")
    harm_struck_exceptions: frozenset[str] = frozenset()  # ... unless it is one of these ("灾害信息员人数")
    harm_struck_roles: tuple[str, ...] = ()  # ... or what stands between ends in one ("员": "纠纷信息员人数")
    misdone_heads: tuple[str, ...] = ()  # "违规", "超期": right before a word of work, the work done wrongly is a harm ("超期办理件数") ...
    misdone_work: frozenset[str] = frozenset()  # ... a word of harm_handling only if one of these ("办理"; "违章处理" is work on it)
    joined_work_heads: tuple[str, ...] = ()  # "未经", "未按期": the work done wrongly takes in the work after it ("未经审批处置")
    joined_remedies: bool = False  # ... not a word of harm_handling ending the name: what was done about it ("逾期未归还追回金额")
    joined_work_whole: bool = False  # ... and the work it takes in acts on no harm after it ("未按期完成整改问题数")
    joined_heads_undo_work: bool = False  # ... and right before a word of work, that work was not done ("未按期整改问题数")
    # "报废": the harms it acts on standing after a harm and what it befell (not 溶血 of "溶血血液报废袋数")
    struck_handling_objects: dict[str, tuple[str, ...]] = field(default_factory=dict)
    whole_counts: bool = False  # a count never ends inside a word of work: "非法营运查处数" ends in 数, not 处数
    whole_words: bool = False  # a listed harm read whole: "检测不合格" of "检测不合格钢瓶数量", not 不合格 after 检测; no 验收 in it
    nouns_hide_harms: bool = False  # a harm word inside a listed noun stands nowhere: not between 冒领 and 人数 of "冒领失业保险金人数"
    object_harms: frozenset[str] = frozenset()  # "冒领", "验收不合格": the rest up to the count is what it befell, reach words and all
    objects_hold_roles: bool = False  # ... a word of harm_struck_roles ending it included ("损坏视频监控探头数量")
    objects_hold_work: bool = False  # ... and a word of work there names it, acting on no harm ending the name ("逾期未结法律援助案件数")
    object_work_done: tuple[str, ...] = ()  # ... work ending it may be followed by one of these ("完成" of "验收不合格项目整改完成数")
    misdone_objects: tuple[str, ...] = ()  # processing ("超期办理" done wrongly): the rest is what it processed, owned work words and all
    handling_outcomes: tuple[str, ...] = ()  # "结果": right after a word of work, a harm after it is about the work ("对处理结果不满意")
    compound_nouns: tuple[str, ...] = ()  # "档案件", "党组织": a harm or reach word inside one is none ("数字化档案件数")
    handling_object_breaks: tuple[str, ...] = ()  # "施工", "质量": between such a word and its harm, the harm is the work's own
    opposite_quantity_words: tuple[tuple[str, str], ...] = ()  # ("增长", "下降"): quantities going opposite ways
    rise_words: tuple[str, ...] = ()  # "增长", "提高": a change and its size before a figure ("同比增长5%") ...
    fall_words: tuple[str, ...] = ()  # "下降", "降低": ... the other way ("同比下降3%")
    change_bases: tuple[str, ...] = ()  # "同比", "较上年": what the change is from, before its word
    change_sizes: tuple[str, ...] = ()  # "比例", "幅度": after a change's word ending a row's name, its size
    change_levels: tuple[str, ...] = ()  # "感", "指数": before a change's word ending a name, a level (as 率, 度)
    component_words: tuple[str, ...] = ()  # "其中": a row so named, with no weight or score, is a part of the row above

    @cached_property
    def harm_hints(self) -> tuple[str, ...]:
        """Words that, anywhere in a name, hint it may count something to avoid: `harm_words`, and the
        `misdone_heads` of two characters or more ("违规", "超时限"; not "未", which "未成年人" holds)."""
        return self.harm_words + tuple(h for h in self.misdone_heads if len(h) > 1)

    @cached_property
    def quantity_name(self) -> re.Pattern:
        """A quantity's name written before its figure ("完成率", "满意度"), up to one of
        `quantity_names`, followed by a figure, a comparator sign, a comparator word
        ("合格率不低于95%") or a filler ("满意度为85%").  The longest such name: "年度达标率100%" is 达标率's, not a 年度 "达"."""
        ends = "|".join(re.escape(w) for w in self.quantity_names)
        # a comparator word or a filler may stand between the name and its figure: "满意度为85%"
        said = {w for w, _ in self.prefixes if w[:1].isalpha()} | {w for w in self.fillers if not w[:1].isdigit()}
        words = "".join(f"|{re.escape(w)}" for w in sorted(said, key=len, reverse=True))
        return re.compile(rf"([^\W\d_]{{1,12}}(?:{ends}))(?=[0-9.+\-<>=≥≤≧≦⩾⩽]{words})")

    @cached_property
    def change_word(self) -> re.Pattern:
        """A change's word at a text's start, maybe after what it is measured from ("同比下降",
        "较上年增长"), followed by a figure, a comparator sign or a comparator word ("下降不少于5%")."""
        # a base naming last year names any year written out too: "较上年" reads "较2023年" (review FT B7)
        bases = "|".join([re.escape(w) for w in self.change_bases]
                         + [re.escape(w).replace(_LAST_YEAR, r"(?:19|20)\d{2}年") for w in self.change_bases if _LAST_YEAR in w])
        changes = "|".join(re.escape(w) for w in sorted({*self.rise_words, *self.fall_words}, key=len, reverse=True))
        said = sorted({w for w, _ in self.prefixes if w[:1].isalpha()}, key=len, reverse=True)
        words = "".join(f"|{re.escape(w)}" for w in said)
        return re.compile(rf"(?:{bases})?({changes})(?=[0-9.+<>=≥≤≧≦⩾⩽]{words})")  # no bases: "(?:)?", nothing

    @cached_property
    def level_reached(self) -> re.Pattern:
        """A change to a level, maybe from another ("提高到62.8%", "由62.1%提高到62.8%", "下降至3%"): the
        change's word and the level (`level`)."""
        changes = "|".join(re.escape(w) for w in sorted({*self.rise_words, *self.fall_words}, key=len, reverse=True))
        return re.compile(rf"(?:(?:由|从)\d[^，,；;]{{0,20}}?)?(?P<word>{changes})(?:到|至)(?P<level>\d.*)")

    @cached_property
    def quantity_name_after(self) -> re.Pattern:
        """A quantity's name after a figure's unit ("完成率" of "100%完成率"), maybe after a
        comparator ("以上满意度"): the comparator's spelling, the name."""
        ends = "|".join(re.escape(w) for w in self.quantity_names)
        suffixes = "|".join(re.escape(w) for w, _ in self.suffixes if w)
        return re.compile(rf"({suffixes})?([^\W\d_]{{1,12}}(?:{ends}))")

    @cached_property
    def suffix_comparators(self) -> dict[str, Comparator]:
        """`suffixes` by spelling."""
        return dict(self.suffixes)

    @cached_property
    def date_phrase(self) -> re.Pattern | None:
        """A text that starts with a part of the year (`date_phrases`), maybe after its year
        ("2024年上半年"): the year, the phrase; None when none is declared."""
        if not self.date_phrases:
            return None
        phrases = "|".join(re.escape(w) for w in sorted(self.date_phrases, key=len, reverse=True))
        return re.compile(rf"(?:(\d{{4}})年)?({phrases})")

    def dated_phrase(self, text: str) -> str | None:
        """``text`` with a part of the year it starts with written as its last month ("2024年上半年"
        is "2024年6月底", "年底前完成" "12月底前完成"); None when it starts with none."""
        pattern = self.date_phrase
        match = pattern.match(text) if pattern is not None else None
        if match is None:
            return None
        rest = text[match.end():]
        if rest[:1].isdigit() and self.date_spans.get(match[2]) == 1 and self.date_phrases[match[2]] == "12月底":
            # "当年12月完成", "本年度10月底前": the year the sheet is for, then a month of it (review DK B3)
            return (f"{match[1]}年" if match[1] else "") + rest
        return (f"{match[1]}年" if match[1] else "") + self.date_phrases[match[2]] + rest

    def span_start(self, text: str) -> int | None:
        """The month a span of the year ``text`` starts with begins (`date_spans`: "第四季度完成" 10,
        "2024年上半年" 1); None where it starts with none, or with a part that is a point ("年底")."""
        pattern = self.date_phrase if self.date_spans else None
        match = pattern.match(text) if pattern is not None else None
        if match is None or text[match.end(): match.end() + 1].isdigit():
            return None  # "当年12月完成": a month of the year, no span
        return self.date_spans.get(match[2])

    @cached_property
    def date_words(self) -> tuple[str, ...]:
        """The words around a date, longest first ("之前" before "前")."""
        return tuple(sorted((*self.date_before, *self.date_neutral), key=len, reverse=True))

    @cached_property
    def prefixes_by_first(self) -> dict[str, tuple[tuple[str, Comparator], ...]]:
        """`prefixes` by the character they start with, each list in `prefixes`' order ("" for
        a text none of them starts with)."""
        return _by_char(self.prefixes, 0)

    @cached_property
    def suffixes_by_last(self) -> dict[str, tuple[tuple[str, Comparator], ...]]:
        """`suffixes` by the character they end with, as `prefixes_by_first`."""
        return _by_char(self.suffixes, -1)

    @cached_property
    def unit_verdicts(self) -> dict[str, bool]:
        """Whether a word after a figure reads as a unit, for the words met so far (a pure function
        of the word and this vocabulary, asked for every figure read)."""
        return {}

    def unit(self, written: str | None) -> str | None:
        """The canonical spelling of a written unit ("百分比" → "%")."""
        if not written:
            return None
        meaning = self.declared(written)
        if meaning is None and written[:1] == "(" and written[-1:] == ")" and self.is_unit(written[1:-1]):
            return self.unit(written[1:-1])  # "90(%)", "100（人）": the unit in brackets
        if meaning is None and "/" in written.strip("/"):
            part, per = written.split("/", 1)  # "元/m²", "元/M2": as "元/平方米"
            return f"{self.unit(part)}/{self.unit(per)}"
        return meaning.canonical if meaning else written

    def declared(self, written: str) -> UnitMeaning | None:
        """What the rule file declares a written unit to be; a unit in Latin capitals is the
        lower-case one declared ("KM", "M²": "km", "m²"), since forms type either, where the rule
        file declares no capitals of its own."""
        meaning = self.units.get(written)
        if meaning is None:
            lower = written.lower()
            if lower != written:
                meaning = self.units.get(lower)
        return meaning

    def is_unit(self, written: str) -> bool:
        """Whether a word is a unit the vocabulary knows (declared, or seen alone in a cell)."""
        return written in self.units or written in self.known_units or written in ("%", "‰") or self.declared(written) is not None

    @cached_property
    def comparator_verdicts(self) -> dict[str, Comparator | None]:
        """`comparator` of the cells met so far (a 指标性质 column repeats a handful of words)."""
        return {}

    def comparator(self, written: str) -> Comparator | None:
        """A whole cell that is only a comparator (the 指标性质 column), or None."""
        known = self.comparator_verdicts
        if written in known:
            return known[written]
        text = fold(written)
        found = None
        for spelling, comparator in self.prefixes:
            if text == spelling:
                found = comparator
                break
        if len(known) < _UNIT_MEMO:
            known[written] = found
        return found

    def names_harm(self, name: str) -> bool:
        """Whether a name (or what a none word negates) is of something to avoid: it ends with one
        of `harm_words`, maybe before one of `harm_counts` ("环境污染事件", "安全事故发生数",
        "违规违纪行为"), and no word of `harm_handling` stands before it ("排查安全隐患", "解决群众
        信访问题", "审结案件" count work done).  Where a handling word only names where the harm
        happened ("污水处理厂安全事故") the row is not read as one: left to the evaluator, never a
        miss the sheet did not report."""
        return self.harm_named(name) is not None

    def reaches(self, name: str) -> bool:
        """Whether a name holds a word of `reach_words` not right after one of `harm_negations`: it counts
        what is to be reached ("培训人数", "受益人口", "修复退化湿地面积"), not what was not done ("缺损未修复数")."""
        return self.reach_word(name) is not None

    @_remembered
    def reach_word(self, name: str) -> str | None:
        """The word of `reach_words` that makes `reaches` true of a name, or None."""
        held = _last_places(name, self._reach)
        for word in sorted(held, key=self._reach_order.__getitem__) if held else ():
            at = name.find(word)
            while at >= 0:
                # not "缺损未修复数", nor "隐患未能整改数" (review GZ A4): what was not done; not "超期办理件数": work done
                # wrongly; not "软弱涣散党组织数量": a noun holding the word
                if not name.endswith(self.harm_negations, 0, at) and not self._undone(name, at) \
                        and not self._misdone_work(name, at, word) and not self._hosted(name, at, len(word)) \
                        and not (self.whole_words and self._in_harm(name, at, word)):
                    return word
                at = name.find(word, at + 1)
        return None

    def _misdone_work(self, name: str, at: int, word: str) -> bool:
        """Whether ``word`` at ``at`` is work done wrongly: right after a word of `misdone_heads` ("办理" of
        "超期办理", "采购" of "违规采购"), and no word of `harm_handling` acting on what the head names
        ("处理" of "违章处理", "清收" of "逾期清收"), unless one of `misdone_work` (办理, 办结: processing); not
        where a longer word of `reach_words` holds the head and the word ("重复利用")."""
        if self.joined_work_whole and self._joined(name, at, word):
            return True  # "整改" of "未按期完成整改问题数": part of the work not done, acting on no 问题
        if not (self.misdone_heads and name.endswith(self.misdone_heads, 0, at) and self._done_wrongly(word)):
            return False
        # not where a word of reach_words holds the head and the word ("重复利用": reuse is no work done wrongly)
        return any(name.endswith(head, 0, at) and not self._reached_over(name, at - len(head), at + len(word)) for head in self.misdone_heads)

    def _done_without(self, name: str, at: int) -> str:
        """The word of work right after work done wrongly under a head of `joined_work_heads`, which it is about ("处置" of
        "未经审批处置资产件数": the disposal was done without approval; "整改" of "未按期完成整改单位数": the rectification
        was not completed on time), or "" where none follows.  One word: work after it acts on it as before ("查处" of
        "未经许可经营查处件数"); with `joined_remedies`, not a word of `harm_handling` ending the name ("追回" of "逾期未归还
        追回金额": what was done about the failure), unless right after a word of `object_work_done` (what was not completed)."""
        then = _longest_at(name, at, self._any_work)
        if then is None or self._hosted(name, at, len(then)):
            return ""
        if self.joined_remedies and not self._done_wrongly(then) and name[at + len(then):] in self._counts_or_none \
                and not name.endswith(self.object_work_done, 0, at):
            # "追回" of "逾期未归还追回金额": ending the name, what was done about it; not after a word saying work was done
            # ("整改" of "未按期完成整改单位数" is what was not completed)
            return ""
        return then

    def _joined(self, name: str, at: int, word: str) -> bool:
        """Whether ``word`` at ``at`` is the work a head of `joined_work_heads` took in (`_done_without`)."""
        if not any(head in name for head in self.joined_work_heads):
            return False
        end = at + len(word)
        return any(start + len(done) == end and done.endswith(word) and self.joined_word(done) for start, done in self._misdone(name))

    def joined_word(self, done: str) -> str | None:
        """The word of work that work done wrongly (`_misdone`: "未经审批处置") took in under a head of `joined_work_heads`
        ("处置"), or None where it took in none."""
        for head in self.joined_work_heads:
            if done.startswith(head):
                work = _longest_at(done, len(head), self._any_work)
                if work is not None and len(head) + len(work) < len(done):
                    return done[len(head) + len(work):]
        return None

    @cached_property
    def _counts_or_none(self) -> frozenset[str]:
        """What may end a name after its last word: nothing, a word of `harm_counts` or of `harm_rates`."""
        return frozenset(("", *self.harm_counts, *self.harm_rates))

    def _reached_over(self, name: str, start: int, end: int) -> bool:
        """Whether a word of `reach_words` stands at ``start`` of a name and reaches ``end`` at least ("重复利用"); both are
        places in the name (0 to its length), as every caller gives them."""
        if end <= start and start <= len(name) and "" in self.reach_words:
            return True  # (an empty word, which the set below leaves out, stands anywhere)
        words, longest = self._reach
        # each piece of the name from ``start`` long enough, looked up: a name is a few dozen characters, the list long
        return any(name[start:stop] in words for stop in range(max(end, start + 1), min(len(name), start + longest) + 1))

    def _done_wrongly(self, word: str) -> bool:
        return word not in self._handling_set or word in self.misdone_work

    @cached_property
    def _handling_set(self) -> frozenset[str]:
        return frozenset(self.harm_handling)

    def _undone(self, text: str, at: int) -> bool:
        """Whether one of `handling_negations` ends ``text`` right before ``at``: the work there was not done ("未" of
        "未整改隐患数", "待" of "待整改问题个数"); not the end of a word of work itself ("待" of "接待救助流浪乞讨人员人次")."""
        return bool(self.handling_negations) and text.endswith(self.handling_negations, 0, at) \
            and not (self._negation_hosts and text.endswith(self._negation_hosts, 0, at))

    @cached_property
    def _negation_hosts(self) -> tuple[str, ...]:
        # the words of work that end in a negation's characters (接待, 招待 of 待): a rule file's lists before 2020.46 have none
        return tuple(sorted(w for w in {*self.harm_handling, *self.reach_words}
                     if any(w.endswith(n) and len(w) > len(n) for n in self.handling_negations)))

    def _ending_counts(self, name: str) -> list[str]:
        """The words of `harm_counts` a name ends with, in the list's order (longest first)."""
        counts, longest = self._counts
        found = [name[len(name) - n:] for n in range(1, min(len(name), longest) + 1) if name[len(name) - n:] in counts]
        if "" in self._count_order:
            found.append("")  # (an empty word, which the set leaves out, ends every name)
        return sorted(found, key=self._count_order.__getitem__) if len(found) > 1 else found

    # The word lists as sets with their longest word's length: a name is a few dozen characters and a list a
    # thousand words, so looking up each piece of the name is quicker than finding each word in it
    @cached_property
    def _work(self) -> tuple[frozenset[str], int]:
        return _word_set((*self.reach_words, *self.harm_handling))

    @cached_property
    def _any_work(self) -> tuple[frozenset[str], int]:
        return _word_set((*self.reach_words, *self.harm_handling, *self.misdone_work))

    @cached_property
    def _handlings(self) -> tuple[frozenset[str], int]:
        return _word_set(self.harm_handling)

    @cached_property
    def _nouns(self) -> tuple[frozenset[str], int]:
        return _word_set(self.compound_nouns)

    @cached_property
    def _harms(self) -> tuple[frozenset[str], int]:
        return _word_set(self.harm_words)

    @cached_property
    def _reach(self) -> tuple[frozenset[str], int]:
        return _word_set(self.reach_words)

    @cached_property
    def _counts(self) -> tuple[frozenset[str], int]:
        return _word_set(self.harm_counts)

    # ... and where each word first stands in its list: the words a name holds, looked up in a set, in the list's order
    @cached_property
    def _reach_order(self) -> dict[str, int]:
        return _first_places(self.reach_words)

    @cached_property
    def _count_order(self) -> dict[str, int]:
        return _first_places(self.harm_counts)

    @cached_property
    def _handling_order(self) -> dict[str, int]:
        return _first_places(self.harm_handling)

    @_remembered
    def _misdone(self, name: str) -> tuple[tuple[int, str], ...]:
        """Each word of work (of `reach_words`, `harm_handling` or `misdone_work`, the longest) done wrongly right
        after a word of `misdone_heads` (`_misdone_work`; not inside a longer word of reach, "重复利用"), with it,
        and where the head starts: (4, "超期办理") of
        "信访事项超期办理件数".  The work done late or against the rules is a harm, as "违法建设" is: the
        row counts the unit's failures."""
        found: list[tuple[int, str]] = []
        for head in self.misdone_heads:
            at = name.find(head)
            while at >= 0:
                end = at + len(head)
                work = _longest_at(name, end, self._any_work)
                if work is not None and self._done_wrongly(work) and not self._hosted(name, end, len(work)) \
                        and not self._reached_over(name, at, end + len(work)):
                    if head in self.joined_work_heads:  # "未经审批处置": the disposal is the work done wrongly
                        work += self._done_without(name, end + len(work))
                    found.append((at, head + work))
                at = name.find(head, at + 1)
        return tuple(found)

    def _splits_work(self, name: str, cut: int) -> bool:
        """Whether a word of `reach_words` or `harm_handling` stands across ``cut`` in a name ("查处" across
        "非法营运查|处数")."""
        words, longest = self._work
        for start in range(max(0, cut - longest + 1), cut):
            for end in range(cut + 1, min(len(name), start + longest) + 1):
                if name[start:end] in words:
                    return True
        return False

    def _in_harm(self, name: str, at: int, word: str) -> bool:
        """Whether ``word`` at ``at`` lies inside a longer word of `harm_words` there: "验收" of "验收不合格" is the
        check that was failed, no work reached (`whole_words`)."""
        holding = self._harms_holding.get(word)
        if holding is None:
            holding = self._harms_holding[word] = tuple(harm for harm in self.harm_words if len(harm) > len(word) and word in harm)
        for harm in holding:
            start = name.find(harm, max(0, at + len(word) - len(harm)))
            if 0 <= start <= at and start + len(harm) >= at + len(word):
                return True
        return False

    @cached_property
    def _harms_holding(self) -> dict[str, tuple[str, ...]]:
        """The longer words of `harm_words` holding a word, by the word, filled as `_in_harm` meets them."""
        return {}

    @cached_property
    def _answers(self) -> dict[tuple[str, str], object]:
        """What the methods marked `_remembered` answered, by method and name."""
        return {}

    def __getstate__(self) -> dict:
        # its fields alone, without what it has remembered or worked out from them (lookup tables, patterns): a reading
        # kept in the cache, or compared by its pickle (`library._share_equal_parts`), is its vocabulary, used or not
        own = self.__dict__
        return {name: own[name] for name in _FIELD_NAMES}

    def _hosted(self, name: str, at: int, length: int) -> bool:
        """Whether ``name[at:at + length]`` (a harm or reach word) lies inside one of `compound_nouns`: the
        word is part of another there ("案件" of "数字化档案件数", "组织" of "软弱涣散党组织数量", "处理" of "污水处理厂")."""
        nouns, longest = self._nouns
        for start in range(max(0, at + length - longest), at + 1):
            for end in range(at + length, min(len(name), start + longest) + 1):
                if name[start:end] in nouns:
                    return True
        return False

    def _hidden(self, name: str, at: int, length: int) -> bool:
        """Whether the harm word ``name[at:at + length]`` is none: inside one of `compound_nouns` (`_hosted`); with
        `nouns_hide_harms`, also across one's edge, the name cut otherwise ("母婴传播" of "母婴传播阻断人数", whose
        传播 is the noun 传播阻断's)."""
        if self._hosted(name, at, length):
            return True
        if not self.nouns_hide_harms:
            return False
        end = at + length
        nouns, longest = self._nouns
        for start in range(max(0, at - longest + 1), end):
            for stop in range(max(start, at) + 1, min(len(name), start + longest) + 1):
                # overlapping it without holding it whole: one of the two words is not there
                if name[start:stop] in nouns and not (at <= start and stop <= end):
                    return True
        return False

    def harm_worked(self, name: str) -> tuple[str, str] | None:
        """The harm word of a name read as work done on it (`harm_reading` "work": "修复损毁文物件数") and the
        word of work nearest it ("损毁", "修复"), for saying why; None where the name is read otherwise."""
        found = self.harm_reading(name)
        if found is None or found[1] != "work":
            return None
        harm = found[0]
        at = name.rfind(harm)
        works = []
        for word in self.harm_handling:
            i = name.find(word)
            while i >= 0:
                if not self._undone(name, i) and not self._misdone_work(name, i, word):
                    works.append((abs(i - at), word))
                i = name.find(word, i + 1)
        return (harm, min(works)[1]) if works else None

    def harm_negated(self, name: str) -> bool:
        """Whether a word of `harm_words` stands right after one of `harm_negations` (or right before one of
        `harm_negations_after`) anywhere in a name: it counts those without the harm ("设备无故障天数", "空气质量不超标天数",
        "命案零发生乡镇数")."""
        for word in self.harm_words:
            at = name.find(word)
            while at >= 0:
                if (at and name.endswith(self.harm_negations, 0, at) or self._negated_after(name, at + len(word))) \
                        and not self._hosted(name, at, len(word)):
                    return True
                at = name.find(word, at + 1)
        return False

    def _negated_after(self, name: str, end: int) -> bool:
        """Whether one of `harm_negations_after` follows a harm word ending at ``end`` ("零发生" of "命案零发生乡镇数")."""
        return bool(self.harm_negations_after) and name.startswith(self.harm_negations_after, end)

    def harm_rate(self, name: str) -> str | None:
        """The word of `harm_rates` a name ends in ("比例" of "群众投诉比例"), or None."""
        return next((w for w in self.harm_rates if name.endswith(w)), None)

    def harm_named(self, name: str) -> str | None:
        """The word of `harm_words` that makes a name one of something to avoid (`names_harm`), or None."""
        found = self.harm_reading(name)
        return found[0] if found is not None and found[1] != "work" else None

    def harm_doubted(self, name: str) -> str | None:
        """The harm word of a name read as one only because a word of `doubtful_handling` before it
        was set aside (`_handling`): which way the row goes is the evaluator's; else None."""
        found = self.harm_reading(name)
        return found[0] if found is not None and found[1] == "doubt" else None

    @_remembered
    def harm_reading(self, name: str) -> tuple[str, str] | None:
        """The harm word a name ends with (maybe before a count), or stands before the thing it befell
        (`harm_struck`), and how words of work before it stand to it (`_handling`: "work", "doubt" or
        "none"), or None where it names no harm or those without it."""
        ending = self._harm_ending(name)
        if ending is not False:
            return ending
        struck = self._harm_struck(name) if self.harm_struck_length else None
        return struck[:2] if struck is not None else None

    def _harm_ending(self, name: str) -> tuple[str, str] | None | bool:
        """`harm_reading` of a name ending in a harm word (maybe before a count); False where none ends it."""
        for count in ("", *self._ending_counts(name)):
            stem = name[: len(name) - len(count)] if count else name
            harm = None
            if stem.endswith(self.harm_words):
                harm = _longest_ending(stem, self._harms) or ""  # ("": an empty word, the only one ending it)
                if self.compound_nouns and self._hosted(name, len(stem) - len(harm), len(harm)):
                    harm = None  # "数字化档案件数": no 案件 there
            if harm is None and self.misdone_heads:
                # "超期办理件数", "超时办结工单数": the work done wrongly is the harm counted
                harm = next((done for at, done in self._misdone(stem) if at + len(done) == len(stem)), None)
            if harm is not None:
                if stem[: len(stem) - len(harm)].endswith(self.harm_negations):
                    return None  # "无复发户数", "未复发人数": those without the harm
                how = self._handling(stem, len(stem) - len(harm))
                if how == "work" and self.misdone_objects:
                    processed = self._processed(stem, len(stem) - len(harm))
                    if processed is not None:
                        return processed
                if how == "work" and self.objects_hold_work:
                    befell = self._object_befell(stem, len(stem) - len(harm))
                    if befell is not None:
                        return befell
                return harm, how
        return False

    def _processed(self, stem: str, end: int) -> tuple[str, str] | None:
        """`harm_reading` of a name whose harm at ``end`` a word of work was read as acting on, where that work only
        names what some processing done wrongly before it processed (`misdone_objects`): "超期办理法律援助案件数" counts
        the cases processed late (援助 names them), not aid.  The processing nearest the harm, with what acts on it; None
        where a word of other work stands between ("逾期办理事项督办整改问题数": 整改 acts on the problems) or work before
        the processing acts on it ("查处超期办理案件数")."""
        for at, done in sorted(self._misdone(stem), reverse=True):
            if at + len(done) >= end or not self._processing(done):
                continue
            if self._works_on(stem[at + len(done):end], owned=False):
                return None
            how = self._handling(stem, at)
            return None if how == "work" else (done, how)
        return None

    def _object_befell(self, stem: str, end: int) -> tuple[str, str] | None:
        """`harm_reading` of a name whose harm at ``end`` a word of `owned_handling` was read as acting on, where a harm of
        `object_harms` stands before them: what follows it is what it befell, the word of work naming it ("逾期未结法律援助
        案件数" counts the legal-aid cases overdue and unclosed, not aid given); how work before the object harm stands to
        it ("整改拖欠工资问题数" is work).  The object harm nearest the end; None where none stands before or a word of other
        work stands between ("拖欠工资清欠问题数": 清欠 acts on the problems)."""
        at, harm = max(((stem.rfind(h, 0, end), h) for h in self.object_harms), default=(-1, ""))
        if at < 0 or at + len(harm) > end or self._works_on(stem[at + len(harm):end], owned=False):
            return None
        return harm, self._handling(stem, at)

    def _processing(self, done: str) -> bool:
        """Whether work done wrongly (`_misdone`: "超期办理") ends in a word of `misdone_objects`: processing, done, whose
        object is the rest of the name; not work left undone ("超期未办结登记清理件数": what was not done may be
        worked on after)."""
        work = next((w for w in self.misdone_objects if done.endswith(w)), None)  # longest first
        return work is not None and not self._undone(done, len(done) - len(work))

    def harm_struck(self, name: str) -> tuple[str, str] | None:
        """The harm word and the thing it befell where `harm_reading` reads a name as counting a harm by
        a harm before what it counts ("死亡", "畜禽" of "死亡畜禽数"; not where work is done on it or that
        is in doubt), else None."""
        if not self.harm_struck_length or self._harm_ending(name) is not False:
            return None
        struck = self._harm_struck(name)
        return (struck[0], struck[2]) if struck is not None and struck[1] == "none" else None

    @_remembered
    def _harm_struck(self, name: str) -> tuple[str, str, str] | None:
        """`harm_reading` of a name whose harm word stands before the thing it befell and a count
        ("死亡畜禽数", "水毁供水设施处数", "问题厕所数量"): at most `harm_struck_length` characters
        between them, no harm among them, the harm not one of `harm_struck_exceptions` ("灾害信息员人数")
        nor right after one of `harm_negations` ("无违规企业数"), what follows it not ending in one of
        `harm_struck_roles` ("纠纷信息员人数": those who work in its field).  Work is done on the thing where a word
        of work stands between ("破损档案修裱数量"; "健身器材缺损未修复数" counts the harm, the work not
        done) or a word of work right before the harm ("救助被骗群众人数"; not a word of reach alone:
        "消防检查不合格项数" counts what failed the check), or acts on it from further (`_handling`); a word of
        reach between is what is reached ("失业人员再就业人数").
        Of several, the one nearest the count."""
        # the longest count the name ends in, only: "纠纷信息员人数" counts 人 (人数), not 信息员人 (数); not one
        # ending inside a word of work ("非法营运查处数": 数, not 处数)
        count = next((c for c in self._ending_counts(name) if len(c) < len(name)
                      and not (self.whole_counts and self._splits_work(name, len(name) - len(c)))), None)  # longest first
        if count is None:
            return None
        stem = name[: len(name) - len(count)]
        found: tuple[int, str] | None = None
        # the harm words where they last stand, and the work done wrongly ("违规采购项目数": 违规采购 befell the projects)
        candidates = [(at, harm) for harm, at in _last_places(stem, self._harms).items() if harm not in self.harm_struck_exceptions]
        misdone = self._misdone(stem) if self.misdone_heads else ()
        if self.joined_work_heads:
            # a harm word inside work done wrongly that takes in the work after it is part of it: 未完成 of "超期未完成淘汰任务
            # 企业数" is no harm of its own, which 淘汰 would act on
            joined = [(a, a + len(done)) for a, done in misdone if done.startswith(self.joined_work_heads)]
            candidates = [(at, harm) for at, harm in candidates if not any(a <= at and at + len(harm) < end for a, end in joined)]
            misdone = [(at, done) for at, done in misdone if not any(a <= at and at + len(done) < end for a, end in joined)]
        for at, harm in (*candidates, *misdone):
            thing = stem[at + len(harm):]
            # what work done wrongly was done to is the rest of the name, however long ("逾期答复知识产权维权援助申请件数",
            # "擅自改变医疗器械注册事项企业数"), where the rule file reads processing so (misdone_objects)
            # ... and so is what follows a harm of `object_harms` ("冒领残疾人两项补贴人数", "验收不合格无障碍改造户数")
            objects = (at, harm) in misdone or harm in self.object_harms
            longest = len(thing) if (self.misdone_objects and (at, harm) in misdone) or harm in self.object_harms else self.harm_struck_length
            if at < 0 or not 0 < len(thing) <= longest or self._hidden(name, at, len(harm)):
                continue
            if stem[:at].endswith(self.harm_negations) or self._negated_after(stem, at + len(harm)) \
                    or (thing.endswith(self.harm_struck_roles) and not (self.objects_hold_roles and harm in self.object_harms)):
                continue  # "无违规企业数", "命案零发生乡镇数": those without it; "纠纷信息员人数": the people working in the harm's
                # field (not after an object harm, with objects_hold_roles: "损坏视频监控探头数量" counts the cameras damaged)
            # what follows work done wrongly is what it was done to, whatever it is ("违规建设养殖设施数量")
            if (self.reaches(thing) and not objects) or self._holds_harm(name, at + len(harm), thing):
                continue
            if found is None or self._nearer(at, harm, found):
                found = (at, harm)
        if found is None:
            return None
        at, harm = found
        before, thing = stem[:at], stem[at + len(harm):]
        # after processing done wrongly, words of owned work in what follows name what was processed ("逾期答复行政复议申请
        # 件数"), unless one ends it: work on all before it
        processed = self.misdone_objects and (at, harm) in misdone and self._processing(harm)
        if harm in self.object_harms:
            # the object's name may hold work ("无障碍改造户"); work ending it acts on the harm only where it acts on such
            # harms (`handling_objects`: "错发补贴更正人数", "冒领补贴追回金额"; not 改造 of "验收不合格无障碍改造户数")
            works = any(self._ends_in_work(end, harm) for end in self._object_ends(thing))
        elif processed:
            works = self._works_on_end(thing) or self._works_on(thing, owned=False)
        else:
            works = self._works_on(thing, on=harm)
        if works or (self._works_on_end(before) and not self._failed_work(stem, at)):
            return harm, "work", thing
        return harm, self._handling(stem, at), thing

    def _ends_in_work(self, thing: str, harm: str) -> bool:
        """Whether what an object harm befell ends in a word of work acting on the harm, not right after a word of
        `handling_negations` ("错发补贴更正人数"; not "冒领补贴未追回金额")."""
        return any(thing.endswith(w) and self._acts_on(w, harm) and not self._undone(thing, len(thing) - len(w))
                   for w in self.harm_handling)

    def _object_ends(self, thing: str) -> list[str]:
        """What an object harm befell, and the same without a word of `object_work_done` ending it, which says the work
        before it was done ("验收不合格项目整改完成数": 整改 ends what is left)."""
        return [thing, *(thing[: len(thing) - len(w)] for w in self.object_work_done if thing.endswith(w) and len(w) < len(thing))]

    def _acts_on(self, word: str, harm: str) -> bool:
        """Whether the word of work ``word`` acts on the harm ``harm``: on any, unless `handling_objects` lists what it acts on."""
        objects = self.handling_objects.get(word)
        return objects is None or harm.startswith(objects)

    def _holds_harm(self, name: str, start: int, words: str) -> bool:
        """Whether a word of `harm_words` stands in ``words`` (``name`` from ``start``); with `nouns_hide_harms`, not
        one inside a listed noun: 失业 of "失业保险金" does not stand between 冒领 and the people it befell."""
        if not self.nouns_hide_harms:
            return bool(_last_places(words, self._harms))
        for harm in _last_places(words, self._harms):
            at = words.find(harm)
            while at >= 0:
                if not self._hidden(name, start + at, len(harm)):
                    return True
                at = words.find(harm, at + 1)
        return False

    def _nearer(self, at: int, harm: str, found: tuple[int, str]) -> bool:
        """Whether the harm word ``harm`` at ``at`` is the one a name counts rather than ``found``: the one starting
        nearer the count, the longer of two starting together; with `whole_words`, the longer of two ending together
        (a listed harm holding a word of work, "检测不合格", is read whole: its 不合格 alone would stand after 检测)."""
        other_at, other = found
        if self.whole_words and at + len(harm) == other_at + len(other):
            return len(harm) > len(other)
        return at > other_at or (at == other_at and len(harm) > len(other))

    def _failed_work(self, name: str, at: int) -> bool:
        """Whether a word of `handling_failures` stands at ``at`` right after a word of `harm_handling` or
        `reach_words`: the work fell short ("整改不到位", "培训不到位"), its failure the harm counted; or a word of
        `ending_failures` ends ``name`` there right after a word of work it lists: the work ran late ("整改逾期",
        "办理逾期"; not "清收逾期", whose work acts on what is overdue, nor "催收逾期贷款", where more follows)."""
        works = self.ending_failures.get(name[at:]) if self.ending_failures else None
        if works is not None and name.endswith(works, 0, at):
            return True
        return bool(self.handling_failures) and name.startswith(self.handling_failures, at) and (
            name[:at].endswith(self.harm_handling) or name[:at].endswith(self.reach_words))

    def late_work(self, name: str) -> tuple[str, str] | None:
        """The word of work and the word of `ending_failures` after it that end a name before its count or rate ("整改",
        "逾期" of "整改逾期数量"): the work ran late, for saying why; else None."""
        for ending in ("", *self.harm_counts, *self.harm_rates):
            if ending and not name.endswith(ending):
                continue
            stem = name[: len(name) - len(ending)] if ending else name
            for late, works in self.ending_failures.items():
                before = stem[: len(stem) - len(late)]
                work = max((w for w in works if before.endswith(w)), key=len, default=None) if stem.endswith(late) else None
                if work is not None:
                    return work, late
        return None

    def _works_on_end(self, words: str) -> bool:
        """Whether ``words`` end in a word of `harm_handling` not right after one of `handling_negations`
        ("救助" of "救助被骗群众人数"; not "未修复" of "未修复损毁文物件数": the work not done, review GZ A1)."""
        return words.endswith(self.harm_handling) and any(words.endswith(w) and not self._undone(words, len(words) - len(w))
                   and not self._misdone_work(words, len(words) - len(w), w) and not self._hosted(words, len(words) - len(w), len(w))
                   for w in self.harm_handling)

    def _works_on(self, words: str, owned: bool = True, on: str | None = None) -> bool:
        """Whether a word of `harm_handling` stands in ``words`` not right after one of `handling_negations`
        ("档案修裱" is work; "未修复" of "健身器材缺损未修复数" is work not done); with ``owned`` false, not one of
        `owned_handling` (援助 of "法律援助案件" names the cases); after the harm ``on`` befell what they name, not one
        that `struck_handling_objects` lets act on other harms alone (报废 acts on 超期服役, not on 溶血)."""
        for word in _last_places(words, self._handlings):
            if not owned and word in self.owned_handling:
                continue
            if on is not None and word in self.struck_handling_objects and not on.startswith(self.struck_handling_objects[word]):
                continue
            at = words.find(word)
            while at >= 0:
                if not self._undone(words, at) \
                        and not self._misdone_work(words, at, word) and not self._hosted(words, at, len(word)):
                    return True
                at = words.find(word, at + 1)
        return False

    def unfinished(self, remark: str) -> str | None:
        """The word of `unfinished_remarks` in a remark after a figure, not negated before it in its
        clause ("在建" of "（在建）" and of "（无安全事故，2公里在建）"; none in "（无尚未拨付资金）", nor
        in one of `unfinished_exceptions`: "（仍在保修期内）")."""
        for clause in CLAUSE_BREAK.split(remark):
            for state in self.unfinished_exceptions:
                clause = clause.replace(state, "\0")
            for word in self.unfinished_remarks:
                at = clause.find(word)
                if at >= 0 and not any(none in clause[:at] for none in self.none_words):
                    return word
        if remark[:1] == "(" and remark[-1:] == ")":
            return self._unfinished_after_cause(remark[1:-1])
        return None

    def _unfinished_after_cause(self, inner: str) -> str | None:
        """A word listed in brackets ("(未举办)": the whole remark only) ending a remark that gives
        its cause first ("因疫情未举办", "因故未开展", "受疫情影响未举办"): the remark is still about the
        whole figure where it holds no figure and no word of a part ("1期因疫情未举办", "其中…": a
        part), and the cause is one clause with no negation in it ("未停工", "并非因疫情未举办")."""
        if _ANY_DIGIT.search(inner) or any(word in inner for word in _PART_OF_WHOLE):
            return None
        if any(state in inner for state in self.unfinished_exceptions):
            return None
        for word in self.unfinished_remarks:
            said = word[1:-1]
            if word[:1] == "(" and word[-1:] == ")" and len(inner) > len(said) and inner.endswith(said):
                cause = inner[: -len(said)]
                # not "（未出现停工）", "（并非因疫情未举办）", "（均已举办，无因疫情未举办）"
                if not any(ch in _NEGATIONS for ch in cause) and CLAUSE_BREAK.search(cause) is None:
                    return word
        return None

    def handles(self, name: str, at: int) -> bool:
        """Whether a word of `harm_handling` acts on what stands at ``at`` in a name: it comes before
        it, not across a word of `harm_owners` ("整改后仍存在问题" counts harms) nor inside a facility's
        name (a word of `harm_facilities` right after it, and words before it: "污水处理设施故障");
        a word of `owned_handling` only a few characters away and not across one of `harm_holders`
        ("追回经济损失" is work; "监测对象返贫人数", "援助项目安全事故" count harms); never right after one of
        `handling_passives` ("被审计查出问题数", "接受巡察发现问题数": the unit's own problems)."""
        return self._handling(name, at) == "work"

    def _handling(self, name: str, at: int) -> str:
        """`handles` said three ways: "work" where a word of work acts on what stands at ``at``;
        "doubt" where none does but a word of `doubtful_handling` before it was set aside only for its
        objects, its reach or a holder between them — it may act on the harm or on someone the harm
        belongs to ("劝阻群众违规用火次数" is work, "帮扶群众返贫人数" the harm of those helped); else "none".
        ``at`` is a place in the name (0 to its length)."""
        if self.handling_negations and name.startswith(self.handling_negations, at):
            return "none"  # a harm that is work left undone ("挂牌督办未销号数量"): no word of work before it did it
        if self._failed_work(name, at):
            return "none"  # the work's own failure ("隐患整改不到位数"): what is counted is where it fell short
        doubt = False
        # the words of work wholly before ``at``, each where it last starts (as `str.rfind` up to it), in the list's order
        before = _last_places(name[:at], self._handlings)
        if "" in self._handling_set:
            before[""] = min(at, len(name))
        for word in sorted(before, key=self._handling_order.__getitem__) if before else ():
            start = before[word]
            if name[:start].endswith(self.handling_passives):
                continue  # "被审计查出问题数", "接受巡察发现问题数": the unit's own harms, found by someone else's work
            if self._misdone_work(name, start, word) or self._hosted(name, start, len(word)):
                continue  # "超期办理投诉件数": the work done late is the harm; "污水处理厂": a noun
            if self._undone(name, start) or (self.joined_heads_undo_work and name.endswith(self.joined_work_heads, 0, start)):
                continue  # "逾期未整改一般事故隐患数", "未按期整改问题数": the work not done, the hazards still there
            if self.handling_failures and name.startswith(self.handling_failures, start + len(word)):
                continue  # "处置不及时事件数": the events its work failed, not those it dealt with
            gap = name[start + len(word): at]
            if self.handling_outcomes and gap.startswith(self.handling_outcomes):
                continue  # "对信访处理结果不满意件数": the harm is with what the work gave ("查处抽检结果不合格产品批次": 查处 acts)
            dated = gap
            for part in self.lower_name_break_words:
                dated = dated.replace(part, "")  # "排查节后复工企业安全隐患": 节后 dates the hazards, not the work
            if any(owner in dated for owner in self.harm_owners):
                continue  # "整改后仍存在问题", "开展培训期间安全事故": a harm after or during the work
            if start > 0 and gap.startswith(self.harm_facilities):
                continue  # "污水处理设施故障": the word of work is part of a facility's name
            objects = self.handling_objects.get(word)
            if objects is not None and any(w in gap for w in self.handling_object_breaks):
                continue  # "维修施工安全隐患": the repair's own harms, not damage it mends
            if objects is not None and not name.startswith(objects, at):
                # "维修质量投诉": not what the word acts on; for a word of doubtful_handling, whose list of what it acts on
                # is young, maybe something left out ("处治路面损坏处数", "改造黑臭水体数量": review GJ A3)
                doubt = doubt or word in self.doubtful_handling
                continue
            if word not in self.owned_handling:
                return "work"  # "整改巡视巡察反馈问题", "整改项目安全隐患": rectifying acts on harms
            doubtful = word in self.doubtful_handling
            if len(gap) <= _HANDLING_REACH and not any(holder in gap for holder in self.harm_holders) and not (
                    doubtful and any(holder in gap for holder in self.doubtful_holders)):
                return "work"
            doubt = doubt or doubtful
        return "doubt" if doubt else "none"

    def starts_with_comparator(self, text: str) -> bool:
        """Whether a folded, blank-free text starts with one of the comparator spellings."""
        return _split_prefix(text, self)[0] is not None

    @cached_property
    def unit_families(self) -> dict[str, tuple[tuple[str, Decimal], ...]]:
        """The units that convert into one another, by the unit they convert into: each as
        (unit, factor into it), one unit per factor ("万元": ("万元", 1), ("元", 0.0001), ("亿元", 10000))."""
        families: dict[str, dict[Decimal, str]] = {}
        for written, meaning in self.units.items():
            if meaning.into is None:
                continue
            base, factor = self.to_base(written)
            family = families.setdefault(base, {Decimal(1): base})
            family.setdefault(factor, meaning.canonical)
        return {base: tuple((unit, factor) for factor, unit in family.items()) for base, family in families.items()}

    def to_base(self, unit: str | None) -> tuple[str | None, Decimal]:
        """Follow the declared conversions: (base unit, factor into it).  A unit per another that
        is not declared itself ("元/人", "万元/公里") converts as its first part does, per the
        second's own spelling ("元/㎡" is "万元/平方米" × 0.0001)."""
        if unit is not None and unit not in self.units and "/" in unit.strip("/"):
            part, per = unit.split("/", 1)
            base, factor = self.to_base(self.unit(part))
            return f"{base}/{self.unit(per)}", factor
        factor = Decimal(1)
        seen = set()
        while unit is not None and unit in self.units and self.units[unit].into and unit not in seen:
            seen.add(unit)
            meaning = self.units[unit]
            factor *= meaning.factor if meaning.factor is not None else Decimal(1)
            unit = meaning.into
        if unit is not None and unit not in self.units and unit not in self.unit_bases:
            # "万头", "千人": a numeral before a unit nothing declares is that many of it
            for word, times in self.multipliers:
                if unit.startswith(word) and len(unit) > len(word):
                    base, more = self.to_base(self.unit(unit[len(word):]))
                    return base, factor * times * more
        return unit, factor

    @cached_property
    def unit_bases(self) -> frozenset[str]:
        """The units declared conversions go into ("万元"): never read as a numeral before a unit."""
        return frozenset(meaning.into for meaning in self.units.values() if meaning.into)

    @cached_property
    def per_heads(self) -> tuple[str, ...]:
        """The words of `per_words` ("每月"), for `str.startswith`: worked out once, not for every figure read."""
        return tuple(w for w, _ in self.per_words)

    @cached_property
    def known_unit_list(self) -> tuple[str, ...]:
        """`known_units` as a tuple, for `str.endswith`."""
        return tuple(self.known_units)

    def multiplier(self, unit: str | None) -> Decimal | None:
        """What a numeral written alone after a figure multiplies it by ("1.2万": 10000); None for a unit."""
        return next((times for word, times in self.multipliers if word == unit), None)


# What a reading's pickle holds (`Reading.__getstate__`): its fields, the vocabulary
_FIELD_NAMES = tuple(f.name for f in fields(Reading))


def _by_char(spellings: tuple[tuple[str, Comparator], ...], at: int) -> dict[str, tuple[tuple[str, Comparator], ...]]:
    """The spellings a text whose character ``at`` is c can start (end) with, for every c, in
    their order; an empty spelling (none is declared, but it would match anything) is in every list."""
    chars = {word[at] for word, _ in spellings if word}
    out = {c: tuple(s for s in spellings if not s[0] or s[0][at] == c) for c in chars}
    out[""] = tuple(s for s in spellings if not s[0])
    return out


class ValueParseError(ValueError):
    """Raised for a notation the parser does not know.

    ``str(exc)`` is a Chinese message naming the place (``where``) and the text.
    """

    code = "unreadable_value"

    def __init__(self, where: str, text: str, detail: str) -> None:
        self.where = where
        self.text = text
        super().__init__(f"{where}：{detail}" if where else detail)


class FigureTooLarge(ValueParseError):
    """A figure of 10^15 or more (`numbers.MAX_FIGURE`) written with what the parser reads (a unit,
    a comparator): ``number``, the figure as written.  An input so written is the same slip as one
    written bare, which the engine names as an invalid input."""

    def __init__(self, where: str, text: str, detail: str, number: Decimal) -> None:
        super().__init__(where, text, detail)
        self.number = number


class UnfinishedResult(ValueParseError):
    """An actual whose remark says its figure is no result yet (reading.unfinished_remarks):
    ``said``, the remark as written ("因疫情未完成"); ``figure`` and ``unit``, the figure it is
    written after ("480", "人次"), where known."""

    def __init__(self, where: str, text: str, detail: str, said: str, figure: str | None = None, unit: str | None = None) -> None:
        super().__init__(where, text, detail)
        self.said = said
        self.figure = figure
        self.unit = unit


class RivalResult(ValueParseError):
    """An actual whose bracket holds figures in its unit that may be the result
    (`_results_in_remark`): ``first`` is the cell read without the bracket, ``rivals`` those
    figures (`Rival`), for a caller that knows the target to settle."""

    def __init__(self, where: str, text: str, detail: str, first: ParsedValue, rivals: tuple[Rival, ...] = ()) -> None:
        super().__init__(where, text, detail)
        self.first, self.rivals = first, rivals


class UnknownComparator(ValueParseError):
    """A comparator-like sign the rule file's vocabulary does not list ("≠", "≈")."""

    code = "unknown_comparator"


@dataclass(frozen=True)
class ParsedValue:
    """One target or actual, split into comparator, figure/date/phrase and unit."""

    raw: str
    kind: Kind
    comparator: Comparator | None
    number: Decimal | None
    unit: str | None
    date: date | None
    text: str | None
    approximate: bool = False
    precision: Literal["day", "month", "year"] = "day"
    written_unit: str | None = None
    named: str | None = None  # the quantity's name written with the figure ("完成率" of "完成率100%")
    change: str | None = None  # the words of a change the figure is the size of ("同比下降" of "同比下降3%")
    remark: str | None = None  # a remark after its unit ("到达" of "30分钟到达"): the row says whether it fits
    # an actual naming a span of the year ("年内完成", "第四季度"): done by its date, not before this day
    since: date | None = None
    # an actual written as a range of figures ("90%-95%"): its upper end, ``number`` its lower one
    upto: Decimal | None = None
    # the words of a change to a level ("提高到" of "由62.1%提高到62.8%"): the figure is the level, not the change's size
    reached: str | None = None
    # a figure written with ± ("±3%", "≤±5%", "±2%以内"): a band either way, what is compared is a figure's size
    either_way: bool = False

    @property
    def is_percent(self) -> bool:
        """True when the figure was written as a percentage (carried as its number)."""
        return self.unit == "%"


# Words saying a figure beside the cell's is counted in it ("已计入", "统计在内", "包含在内"; not "未计入", "不包括在内":
# review EQ B2)
_COUNTED_IN = re.compile("(?<![未不没])(?:计入|包含|包括|统计在内)|(?<![未不没]包括)(?<![未不没]包含)(?<![未不没]计)在内")
# Words prescribing what must be ("不得低于", "不应超过"): a target's, never a result's
_PRESCRIBED = ("不得", "不应", "不能低于", "不能少于", "不能超过", "不能高于", "必须", "须达到", "应达到")

# "质保期（竣工验收后）", "设备故障率（%）": a remark in brackets after a row's name
REMARK_AT_END = re.compile(r"[（(][^（()）]*[)）]$")


def bare_name(name: str) -> str:
    """A row's name folded, without blanks, quotation marks ("“三公经费”控制率" is 三公经费控制率: review FZ A3) or a
    remark in brackets at its end ("质保期（竣工验收后）")."""
    return REMARK_AT_END.sub("", "".join(fold(name).translate(_QUOTES).split()))


# How a change's base names the year before (rule file's change_bases: "较上年"), where a year written out may stand.
_LAST_YEAR = "上年"

# Quotation marks a form puts around a term in a row's name: they say nothing of what the row counts.
_QUOTES = str.maketrans("", "", "“”\"‘’'「」『』")


def fold(text: str) -> str:
    """Full-width forms to ASCII, exotic minus signs folded, blanks stripped."""
    return text.translate(_FOLD_ALL).strip()


def not_given(where: str, text: str) -> ParsedValue:
    """The value of a cell that says "not given"."""
    return ParsedValue(text, "none", None, None, None, None, None)


def parse_value(text: str | int | Decimal, reading: Reading, *, where: str = "", year: int | None = None,
                actual: bool = False) -> ParsedValue:
    """Parse a target or an actual as a form writes it, with the rule file's vocabulary.

    ``where`` names the place for error messages (e.g. 绩效指标第3行“实际完成值”);
    ``year`` supplies the year of a date written without one ("12月10日前"); ``actual``: the
    text is an actual, where a word saying the figure was reached (`reached`: "达到85%") is no bound.
    A blank cell or a "not given" marker gives kind "none".  Raises ValueParseError for any
    notation it does not know, UnknownComparator for a comparator sign it does not know.
    """
    if not isinstance(text, str):
        try:
            number = to_decimal(text)
        except NumberError as exc:
            raise ValueParseError(where, str(text), str(exc)) from exc
        if is_too_large(number):
            raise ValueParseError(where, str(text), f"数值过大（绝对值应小于 {MAX_FIGURE_TEXT}）")
        return ParsedValue(str(text), "number", None, number, None, None, None)

    cleaned = strip_trailing(fold(text))
    compact = "".join(cleaned.split())
    if not compact or compact in reading.not_given:
        return not_given(where, text)
    inclusive = _INCLUSIVE.search(compact)
    if inclusive is not None and _INCLUSIVE.search(compact, 0, inclusive.start()) is not None:
        # "≥500人次（含）（含）…": one "（含）" says it; a chain of them is no notation (and read one by one
        # it ran out of stack: review EG A1)
        raise ValueParseError(where, text, f"无法识别的写法“{text[:40]}”")
    if inclusive is not None:
        # "＞95%（含）", "低于5%（含5%）": the bound itself included, as ≥ and ≤ (review DC A3)
        try:
            found = parse_value(compact[: inclusive.start()], reading, where=where, year=year, actual=actual)
            said = inclusive["figure"]
            same = not said or said == "本数" or parse_value(said, reading).number == found.number
        except ValueParseError:
            found, same = None, False
        if found is not None and found.kind == "number" and found.comparator in (">", "<") and same:
            return replace(found, raw=text, comparator=found.comparator + "=")
        if found is not None and found.kind == "date" and not said:
            # "2024年12月31日前（含）": the day itself, as 前 already says (review DE B7)
            return replace(found, raw=text, comparator={">": ">=", "<": "<="}.get(found.comparator, found.comparator))
    if compact[-1:] == _WRAPPED.get(compact[:1]) and len(compact) > 2 and _ANY_DIGIT.search(compact) is not None \
            and not any(ch in _WRAPPED or ch in _WRAPPED.values() for ch in compact[1:-1]):
        # a whole cell in brackets, "（≥95%）" (review CH B4): what the brackets hold
        try:
            return replace(parse_value(compact[1:-1], reading, where=where, year=year, actual=actual), raw=text)
        except ValueParseError:
            raise ValueParseError(where, text, f"无法识别的写法“{text}”") from None
    quotient = _QUOTIENT_GIVES.fullmatch(compact)
    if quotient is not None:
        # "88/90=97.78%": the rate, with the two figures it is worked out from, as "97.78%（88/90）" reads
        return replace(parse_value(f"{quotient['rate']}({quotient['parts']})", reading, where=where, year=year, actual=actual), raw=text)
    if reading.rise_words or reading.fall_words:
        reached = reading.level_reached.fullmatch(compact)
        if reached is not None:
            # "提高到62.8%", "由62.1%提高到62.8%": the level reached, as "62.8%" (review FB B2); a target so
            # written asks that level at least (at most, a fall's)
            try:
                level = parse_value(reached["level"], reading, where=where, year=year, actual=actual)
            except ValueParseError:
                level = None
            if level is not None and level.kind == "number" and not level.change and not level.named:
                rising = change_way(reached["word"], reading) > 0
                return replace(level, raw=text, comparator=level.comparator or (None if actual else ">=" if rising else "<="),
                               reached=compact[: reached.start("level")])
        changed = reading.change_word.match(compact)
        if changed is not None:  # "同比下降3%", "较上年增长≥5%": the size of a change
            return _change(text, compact[changed.end():], compact[:changed.end()], reading, where, year, actual)
    if actual and clause_break(compact):
        done = _figure_beside_plan(compact, reading, where, year)
        if done is not None:  # "计划2000份，实际1500份", "186人，计划200人"
            return replace(done, raw=text)
        first = _figure_before_remark(compact, reading, where, year, text)
        if first is not None:  # "480人次，偏差原因：受天气影响", "20个，均已投入使用"
            return replace(first, raw=text)
    if not actual and len(compact) > 2 and not compact[0].isdigit():
        lead, after = _split_prefix(compact, reading)
        if lead in ("=", ">=", "<=") and (_FIGURE_RANGE.fullmatch(after) or _TOLERANCE.fullmatch(after)):
            # "≥3-5个" (the Sichuan form's 指标性质 before a range), "=40±5场次" (the "=" Xinjiang's forms put before every
            # cell): the range, held at the end the sign asks; "=" says nothing more (review FU B1)
            try:
                found = parse_value(after, reading, where=where, year=year, actual=actual)
            except ValueParseError:
                found = None
            if found is not None and found.upto is not None and found.comparator is None:
                return replace(found, raw=text, comparator=None if lead == "=" else lead)
    ended = _range_end(compact)
    if ended is not None:  # "2024年1月-12月", "2024.01-2024.12": a period, read by its end
        try:
            return replace(parse_value(ended, reading, where=where, year=year, actual=actual), raw=text)
        except ValueParseError:
            pass
    tolerance = _TOLERANCE.fullmatch(compact) if not actual else None
    if tolerance is not None:
        # "30%±2%", "3万吨±5%": a figure and its tolerance either way, a range (a share of the figure where only the
        # tolerance is in %: review FR B)
        centre, band = Decimal(tolerance["figure"]), Decimal(tolerance["band"])
        if tolerance["band_unit"] == "%" and tolerance["unit"] != "%":
            band = centre * band / 100
        elif (tolerance["band_unit"] or tolerance["unit"]) != (tolerance["unit"] or tolerance["band_unit"]):
            band = None  # "3万吨±5千克": units apart
        if band is not None and 0 < band < centre:
            compact = f"{format((centre - band).normalize(), 'f')}-{format((centre + band).normalize(), 'f')}{tolerance['unit'] or ''}"
    ranged = _FIGURE_RANGE.fullmatch(compact)
    if ranged is not None and not actual and ((ranged["unit"] or "") in _DATE_UNITS or ranged["low"] in ("0", "1")) and (
            ranged["unit"] not in _SEQUENCE_UNITS or ranged["low"] != "1"):
        # "9-10月" in a target: months of the year, or a number of months?  "1-6年级", "1-3号楼", "1-3标段", "1-12个": a set
        # numbered from the first, not a figure to reach at least its lower end (review FO A4).  Not read
        ranged = None
    if ranged is not None and ranged["low"] == "1" and ranged["unit"] in _SEQUENCE_UNITS and ranged["first"] in (None, ranged["unit"]):
        # "1-3期", "1-2批": the first to the third, three of them (review FC B1)
        return replace(parse_value(ranged["high"] + ranged["unit"], reading, where=where, year=year, actual=actual), raw=text)
    # the unit after both ends, or the upper one's before its "/" ("600元～800元/套": review FP B2)
    if ranged is not None and (ranged["first"] in (None, ranged["unit"]) or (ranged["unit"] or "").startswith(ranged["first"] + "/")) \
            and Decimal(ranged["low"]) < Decimal(ranged["high"]):
        # "90%-95%", "在85%至95%之间", "3-5天": a result somewhere in the range, scored at both ends (review ET B1);
        # a target so written asks the end the row's direction holds to ("400～500元/亩" of a cost: 500 at most)
        try:
            found = parse_value(ranged["high"] + (ranged["unit"] or ""), reading, where=where, year=year, actual=actual)
        except ValueParseError:
            found = None
        if found is not None and found.kind == "number" and found.comparator is None and not found.approximate and found.remark is None:
            return replace(found, raw=text, number=Decimal(ranged["low"]), upto=found.number)
    since = _SINCE_EVENT.fullmatch(compact) if _ANY_DIGIT.search(compact) is not None else None
    if since is not None:
        # "培训结束后30日内", "收到资金后10个工作日内", "自受理之日起20个工作日内": a time limit counted from an
        # event, as "30日内" is (review ET B2); the event is the row's to name, not a figure to compare
        try:
            found = parse_value(since["limit"], reading, where=where, year=year, actual=actual)
        except ValueParseError:
            found = None
        if found is not None and found.kind == "number" and found.comparator in ("<=", "<"):
            return replace(found, raw=text)
    if _ANY_DIGIT.search(compact) is None:
        written = _arabic(compact, reading)
        if written is not None:  # "三个", "不少于两次", "一百二十人", "百分之九十五", "九成以上"
            try:
                return replace(parse_value(written, reading, where=where, year=year, actual=actual), raw=text)
            except ValueParseError:
                pass  # "八成以上群众满意": wording with a numeral in it, read as it is written
    tenths = _DIGIT_TENTHS.search(compact)
    if tenths is not None:  # "9成以上", "8.5成": tenths, as "九成" is read (review DA B3)
        written = compact[: tenths.start()] + f"{format((Decimal(tenths[1]) * 10).normalize(), 'f')}%" + compact[tenths.end():]
        try:
            return replace(parse_value(written, reading, where=where, year=year, actual=actual), raw=text)
        except ValueParseError:
            pass  # read as it is written
    # "=户均850元": the "=" Xinjiang's forms put before every cell, before a word of a rate (review FU B3)
    said_equal = compact[:1] == "=" and len(compact) > 1
    per_body = compact[1:] if said_equal else compact
    if reading.per_words and per_body.startswith(reading.per_heads):
        per = _per_word(per_body, reading)
        if per is not None:  # "每月1次": 1 次/月
            try:
                found = parse_value(per_body[len(per[0]):], reading, where=where, year=year, actual=actual)
            except ValueParseError:
                found = None  # the message quotes the whole cell
            # "每月10日前" is a day of each month, no frequency
            if found is not None and found.kind == "number" and found.unit and not (found.written_unit or "").startswith(reading.days_of_month) \
                    and not (said_equal and found.comparator not in (None, "=")):
                return replace(found, raw=text, unit=f"{found.unit}/{per[1]}", written_unit=f"{found.written_unit or found.unit}/{per[1]}",
                               comparator="=" if said_equal else found.comparator)
            raise ValueParseError(where, text, f"无法识别的写法“{text}”")
    # the error is made only when raised: building it for every cell cost more than reading one
    def unknown() -> ValueParseError:
        vague = _VAGUE_FIGURE.search(compact) if reading.vague else None
        if vague is not None and (vague["before"] or vague["after"]) in reading.vague:
            # "约480人次", "480人次左右": a known notation, not read — said so, for the officer to write the figure
            return ValueParseError(where, text, f"“{text}”是约数（“{vague['before'] or vague['after']}”），不是确定的数值，无法判断是否达到；"
                                                 f"请写出确定的数值")
        return ValueParseError(where, text, f"无法识别的写法“{text}”")

    figure = _ANY_DIGIT.search(compact) is not None
    # a quantity's name begins with a letter: a figure or a sign first (most cells) cannot have one
    named = reading.quantity_name.match(compact) if figure and reading.quantity_names and compact[0].isalpha() else None
    if named and not _is_quantity_name(named[1], compact[len(named[1]):], reading):
        named = None
    body = compact[len(named[1]):] if named else compact
    if actual and figure and body.startswith(reading.reached):
        # "达到85%", "满意度达85%", "已达到85%": what was reached, not "at least"
        word = next(w for w in reading.reached if body.startswith(w))
        body = body[len(word):] if len(body) > len(word) else body
    prescribed = actual and body.startswith(_PRESCRIBED)
    comparator, body = _split_prefix(body, reading)
    if prescribed and comparator is not None:
        # "不得低于95%", "不应超过30天" as an actual: the requirement (the target copied across), no result (review
        # EM A4); not "必须的设备已购置完成", "不得不延期完成" (review EO B1)
        raise ValueParseError(where, text, f"“{text}”写的是要求，不是完成的结果")
    if comparator == "=" and body:
        # Xinjiang's forms put "=" before every 业绩值: before a bound in words ("=不少于500人次") the
        # words say which way; before wording ("=完成", "=有效提升") it says nothing
        again, rest = _split_prefix(body, reading)
        if again is not None:
            comparator, body = again, rest
        elif not figure and named is None and body[:1].isalpha():
            try:
                return replace(parse_value(body, reading, where=where, year=year, actual=actual), raw=text)
            except ValueParseError as exc:
                exc.text = text  # the cell as written, "=" and all
                raise
    if comparator is not None and named is None and figure and reading.quantity_names and body[:1].isalpha():
        # "≥满意度95%": a split cell's comparator before the name
        named = reading.quantity_name.match(body)
        if named and not _is_quantity_name(named[1], body[len(named[1]):], reading):
            named = None
        if named:
            body = body[len(named[1]):]
    if figure and reading.fillers:
        body, comparator = _around_figure(body, comparator, reading)
    if comparator is None and body and _looks_like_comparator(body[0]):
        raise UnknownComparator(where, text, f"无法识别的比较符号“{body[0]}”（“{text}”）：请写成 ≥、≤、＞、＜、＝ 或“不低于”等；"
                                             "如确是另一种写法，请规则维护人员在规则文件的 [reading.comparators] 中说明其含义")

    # \d finds the usual digits at C speed; str.isdigit also takes "²" and the like, so a text
    # without a \d is asked the slow way (the verdict must stay isdigit's)
    if not figure and not any(ch.isdigit() for ch in cleaned):
        _, rest = _split_suffix(body, reading)
        if len(body) - len(rest) == 1 and rest:
            rest = body  # "年内", "月内": a phrase (within the year), not a unit after a missing figure
        # a sign with no figure ("≥次") is a figure left out; a word ("达到预期", "控制在预算内",
        # "达到" alone) begins a phrase
        worded = comparator is not None and any(ch.isalpha() for ch in compact[: len(compact) - len(body)])
        if not worded and (not rest or rest in reading.known_units or rest in reading.units or rest in ("%", "‰") or comparator is not None):
            raise ValueParseError(where, text, f"缺少数值“{text}”")
        dated = reading.dated_phrase(body) if reading.date_phrases and comparator is None else None
        if dated is not None:
            try:  # "年底前完成", "上半年": a deadline in the case's year; anything else stays wording
                # (the month's end it stands for read as a date, not as a result in the month's last third: "年底" is
                # the year's end, spans say where they start: `_spanned`)
                found = parse_value(dated, reading, where=where, year=year)
            except ValueParseError:
                found = None
            if found is not None and found.kind == "date":
                start = reading.span_start(body) if actual else None
                return replace(found, raw=text) if start is None else _spanned(replace(found, raw=text), start)
        return ParsedValue(text, "text", None, None, None, None, cleaned)

    dated = _date_value(text, body, comparator, where, year, reading, unknown, actual)
    if dated is not None:
        return dated

    suffix_comparator, body = _split_suffix(body, reading)
    comparator = _merge(comparator, suffix_comparator, unknown)
    ratio = _RATIO.fullmatch(body) if figure else None
    if ratio is not None:
        # "1:9.6" (带动比, 杠杆率): 9.6 times, as "9.6倍" is read (review FP B1) — a row not named for leverage says
        # nothing of which way a ratio is better (师生比 1:17, 比例尺 1:1000, 稀释配比 1:100: `written_as_ratio`, rows._LEVERAGE)
        body = ratio["times"] + "倍"
    compound = _COMPOUND_TIME.fullmatch(body) if figure else None
    if compound is not None:
        body = _in_smaller_unit(compound, reading) or body  # "7分30秒": 450秒, where the rule file converts minutes
    either = body[:1] == "±" or body.startswith(("+/-", "+-"))
    if either:
        # "±3%", "≤±3%", "±3%以内": within so far either way (a target: at most; an actual: the size of the
        # result); never a lower bound ("≥±3%" is no notation)
        if comparator not in (None, "<=", "<"):
            raise unknown()
        body = body[3:] if body.startswith("+/-") else body[2:] if body.startswith("+-") else body[1:]
        comparator = comparator or (None if actual else "<=")
    match = _NUMBER.fullmatch(body)
    if not match:
        raise unknown()
    figure, rest = match.groups()
    scale = next(((w, times) for w, times in reading.multipliers if rest.startswith(w) and any(rest.startswith(w + x) for x in reading.loose)), None)
    if scale is not None:  # "1万余人", "1.2万多人次": about 10000人 or more
        figure, rest = format((to_decimal(figure) * scale[1]).normalize(), "f"), rest[len(scale[0]):]
    loose = next((w for w in reading.loose if rest.startswith(w)), None)
    if loose:
        rest = rest[len(loose):]
        # "600余次" already says "at least"; any other written comparator contradicts it.
        comparator = _merge(comparator, ">=", unknown)
    name = named[1] if named else None
    if rest and name is None and reading.quantity_names and rest.endswith(reading.quantity_names):
        rest, name, after = _name_after(rest, reading)
        comparator = _merge(comparator, after, unknown)
        if name is not None and comparator is None and is_lower_name(name, reading):
            raise unknown()  # "1%故障率": as "故障率1%"
    if len(rest) == 4 and rest[-3] == "(" and rest[-1] == ")" and reading.is_unit(rest[0] + rest[2]) and not reading.is_unit(rest[0] + rest[2:]):
        rest = rest[0] + rest[2]  # "812人（次）": a unit of two characters with its second in brackets, 人次 (review EL B5)
    written = rest
    said, rivals = None, []
    remark = _REMARK.fullmatch(rest) if rest and rest not in reading.units else None
    if remark is None and _BARE_REMARK.fullmatch(rest):
        if _bare_remark(rest, reading):
            # "96.3（抽样调查）", "12（已完成）": a remark after a bare figure, its unit in a column of its own
            remark = _BARE_REMARK.fullmatch(rest)
        elif not any(ch.isdigit() for ch in rest):
            rest = _bracket_head(rest[1:-1])  # "12（万尾）", "48（小时，平均）": the unit, in brackets
    if remark and (not remark[1] or remark[1] in reading.known_units or remark[1] in reading.units):
        bracket = rest[len(remark[1]):]
        # "2个（另1个在建）": what is unfinished is another of the same thing beside the figure, which is what
        # was done (`BESIDES`; review EL B2) — not something else beside a rate ("100%（另有20万元尚未拨付）": review EM A1)
        other = BESIDES.match(bracket, 1)
        counted = _NUMBER.match(bracket, other.end()) if other is not None and remark[1] else None
        # (not beside a rate: another 2% beside 100% is what the rate lacks, "100%（另有2%尚未拨付）": review EO A3;
        # nor one said counted in it, "3个（另1个在建，已计入）": review EP A2)
        alike = (counted is not None and counted[2].startswith(remark[1]) and remark[1] not in ("%", "‰")
                 and _COUNTED_IN.search(bracket) is None)
        unfinished = reading.unfinished(bracket) if not alike else None
        if unfinished is not None:
            # "20个（在建）", "200人（计划）", "100%（未拨付）": the figure is no result yet
            said = rest[len(remark[1]):]
            at = said.find(unfinished)
            if at >= 0:  # from where its clause begins: "1个延期", "1个延期至", not the vocabulary's "个延期"
                start = max(said.rfind(mark, 0, at) for mark in "(（,，、;；")
                said = said[start + 1: at + len(unfinished)]
            else:
                said = unfinished
            said = said.strip("()（）") or said
            whole = rest[len(remark[1]):].strip("()（）")  # all the remark says, "部分未开展" (review CN B3)
            raise UnfinishedResult(where, text, f"“{text}”括号中注明“{said}”，该数不是已完成的结果", whole, figure, remark[1])
        rivals = _results_in_remark(rest[len(remark[1]):], remark[1], figure, reading, year)
        if remark[1] == "%" and not rivals and actual:
            rivals = _rate_against_parts(figure, rest[len(remark[1]):])
        rest = remark[1]
        if not rest:
            written = ""  # a bare figure's remark is no unit as written
    elif rest and reading.remark_units and rest not in reading.units and rest not in reading.known_units:
        unit, after, said = _unit_before_remark(rest, reading)
        if unit is not None:
            rest = written = unit  # "30分钟到达", "10个工作日内拨付": the word after the unit is a remark
            comparator = _merge(comparator, after, unknown)
    if rest and not _is_unit(rest, reading):
        raise unknown()
    if rest and reading.unfinished_remarks and not reading.is_unit(rest):
        undone = _undone_after_unit(rest, text, reading)
        if undone is not None:
            # "3个在建": the words after a known unit say the figure is no result yet, whichever side
            # is bare ("≥3" against it would take "个在建" for the unit); quoted as written, fillers
            # and all ("100%未完成", not its "未")
            unit, tail = undone
            said = text.strip()[text.strip().find(unit) + len(unit):] if unit and unit in text else tail
            raise UnfinishedResult(where, text, f"“{text}”在单位后注明“{said}”，该数不是已完成的结果", said, figure, unit)
    number = to_decimal(figure)
    if is_too_large(number):
        raise FigureTooLarge(where, text, f"数值过大“{text[:40]}”（绝对值应小于 {MAX_FIGURE_TEXT}）", number)
    if either and (number < 0 or figure.startswith("+")):
        raise unknown()  # "±-3%"
    value = ParsedValue(
        text, "number", comparator, number, reading.unit(rest) or None, None, None,
        approximate=bool(loose), written_unit=written or None, named=name, remark=said, either_way=either,
    )
    if rivals:
        # "100户（80户已完工）", "100%（抽查，合格率95%）": which figure is the result is not said
        said = (f"中 {rivals[0][1].mismatch}，无法确定完成值是哪一个" if rivals[0][1].mismatch
                else f"括号中注明“{rivals[0][1].clause}”，无法确定完成值是否应减去这一部分" if rivals[0][1].within
                else f"括号中另有“{rivals[0][0].removeprefix('另有')}”，无法确定完成值是哪一个")
        raise RivalResult(where, text, f"“{text}”{said}", value, tuple(r for _, r in rivals))
    return value


def written_as_ratio(text: str) -> bool:
    """Whether a cell writes its figure as a ratio to one ("1:9.6", "≥1：8")."""
    return _RATIO_WRITTEN.search("".join(fold(text).split())) is not None


_RATIO_WRITTEN = re.compile(r"(?<![\d.])1[:：∶]\d")
# A figure and its tolerance either way ("30%±2%", "3万吨±5%", "100±5")
_TOLERANCE = re.compile(r"(?P<figure>\d{1,12}(?:\.\d{1,6})?)(?P<unit>%|℃|[^\W\d_]{1,4})?±(?P<band>\d{1,12}(?:\.\d{1,6})?)(?P<band_unit>%|℃|[^\W\d_]{1,4})?")
# A ratio to one ("1:9.6", "1：8", "1∶6.8"): so many times
_RATIO = re.compile(r"1[:：∶](?P<times>\d{1,6}(?:\.\d{1,6})?)")
# A time written in two units, the larger first: "7分30秒", "1分50秒", "1小时30分钟", "2小时15分" (分 before 秒 or after
# 小时 is minutes, not points)
_COMPOUND_TIME = re.compile(r"(?P<big>\d{1,6})(?P<big_unit>小时|分钟|分)(?P<small>\d{1,2}(?:\.\d{1,3})?)(?P<small_unit>分钟|分|秒)")
_MINUTES = {"分": "分钟"}


def _in_smaller_unit(compound: re.Match, reading: Reading) -> str | None:
    """A time written in two units ("7分30秒") as one figure in the unit both convert to ("450秒"), by the rule
    file's conversions; None where they declare none, or the units are not a larger then a smaller one."""
    big_unit, small_unit = _MINUTES.get(compound["big_unit"], compound["big_unit"]), _MINUTES.get(compound["small_unit"], compound["small_unit"])
    if big_unit == small_unit or (big_unit, small_unit) not in (("小时", "分钟"), ("分钟", "秒")):
        return None
    big_base, big_factor = reading.to_base(big_unit)
    small_base, small_factor = reading.to_base(small_unit)
    if big_base is None or big_base != small_base:
        return None
    total = Decimal(compound["big"]) * big_factor + Decimal(compound["small"]) * small_factor
    return f"{format(total.normalize(), 'f')}{big_base}"


def _bare_remark(rest: str, reading: Reading) -> bool:
    """Whether a bracket after a bare figure is a remark on it ("96.3（抽样调查）", "12（已完成）", "12（在建）",
    "1236（含线上）", "310（超标准）"), not its unit ("96.3(%)", "480000（公斤）", "0.5（平方公里）",
    "5（千分比）", "4.6（平均分）", "48（小时，平均）"): no figure in it (a scale or another unit may be:
    "4.8（满分5分）"), and its first clause no unit the rule file knows nor a word ending with one, but
    opening with a word of how the figure was got, that it is done, a part or compared, or closing with
    one of two characters or more (reviews BN A1–A2, BO A5, BP A1–A2)."""
    inner = rest[1:-1].strip()
    if not inner or any(ch.isdigit() for ch in inner):
        return False
    if reading.unfinished(rest) is not None:
        return True
    head = _bracket_head(inner)
    if head in reading.units or head in reading.known_units or head in ("%", "‰") or head.endswith(reading.known_unit_list):
        return False
    words = (*_DONE_WORDS, *_PART_WORDS, *_COMPARED, *_MEASURED)
    return head.startswith(words) or head.endswith(tuple(w for w in words if len(w) > 1))


def _bracket_head(inner: str) -> str:
    """A bracket's first clause: "小时" of "小时，平均"."""
    return re.split(r"[，,、;；]", inner, maxsplit=1)[0].strip()


# Words saying a remark is about a part of the figure ("（其中1期未举办）", "（部分未开展）")
_PART_OF_WHOLE = ("其中", "部分", "余", "另有")
# Characters of a negation: in a remark's cause, it turns the remark round ("（未停工）", "（并非因疫情未举办）")
_NEGATIONS = frozenset("未不没无非")

# How a figure was got, said in a bracket after it: "96.3（抽样调查）", "98%（问卷）"
_MEASURED = ("抽样", "抽查", "调查", "问卷", "测评", "测算", "统计", "核查", "验收", "评估")


def _undone_after_unit(rest: str, text: str, reading: Reading) -> tuple[str, str] | None:
    """The longest unit the vocabulary knows at the start of ``rest`` ("" after a bare figure: "3在建")
    and what follows it, where that holds a word of `unfinished_remarks` ("个在建": "在建") or is a
    negation whose verb was read as a filler ("3座未建成", "5个未完成": "未", though not where the
    cell ``text`` says none happened: "0起未发生"); None otherwise ("个村": what is counted)."""
    unit, tail = "", rest
    for end in range(len(rest) - 1, 0, -1):
        if reading.is_unit(rest[:end]):
            unit, tail = rest[:end], rest[end:]
            break
    # the words after the unit are the whole remark, as in brackets ("3次未开展" as "3次（未开展）"),
    # and as the cell writes them, a filler and all ("3次拟开展": 开展 was read as a filler)
    compact = "".join(fold(text).split())
    written = compact[compact.find(unit) + len(unit):] if unit and unit in compact else tail
    if any(reading.unfinished(words) is not None for words in {tail, rest, f"({tail})", written, f"({written})"}):
        return unit, tail
    if tail in _NEGATED_FILLER and not text[text.rfind(tail):].startswith(reading.none_words):
        return unit, tail
    return None


# What is left after a figure's unit of a negated filler ("未建成", "未完成", "没有完成": 建成 and
# 完成 are read as fillers): the figure was not done.
_NEGATED_FILLER = frozenset({"未", "不", "没", "没有", "尚未", "暂未", "仍未", "还未", "还没"})


def _unit_before_remark(rest: str, reading: Reading) -> tuple[str | None, Comparator | None, str | None]:
    """What follows a figure, read as one of `remark_units`, maybe a comparator written after it
    ("内", "以内"), and a remark made of `remarks` ("到达", "拨付", "已完工", "合格"): the unit, the
    comparator and the remark; Nones when it is not so written ("15%自付", "24小时在线", "100%计划"
    say what the figure is of)."""
    for unit in reading.remark_units:
        if not rest.startswith(unit) or len(rest) == len(unit):
            continue
        after, comparator = rest[len(unit):], None
        for word, meaning in reading.suffixes:
            if word and after.startswith(word) and len(after) > len(word):
                after, comparator = after[len(word):], meaning
                break
        if made_of(after, reading.remarks):
            return unit, comparator, after
        return None, None, None
    return None, None, None


def made_of(text: str, words: tuple[str, ...]) -> bool:
    """Whether ``text`` (not empty) is nothing but ``words`` one after another ("已全部" of "已"
    and "全部"); blanks and punctuation between them count for nothing."""
    text = "".join(ch for ch in text if ch.isalnum())
    if not text:
        return False
    reach = {0}  # the positions some run of words ends at
    for i in range(len(text)):
        if i in reach:
            reach.update(i + len(w) for w in words if w and text.startswith(w, i))
    return len(text) in reach


def _per_word(compact: str, reading: Reading) -> tuple[str, str] | None:
    """The frequency word a text starts with before a figure or a comparator ("每月1次",
    "每月不少于1次"), and the period it is per; None when there is none."""
    for word, period in reading.per_words:  # longest first: "每季度" before "每季"
        rest = compact[len(word):]
        if compact.startswith(word) and rest and (rest[0].isdigit() or _split_prefix(rest, reading)[0] is not None):
            return word, period
    return None


def _looks_like_comparator(ch: str) -> bool:
    # Mathematical symbols (≠ ≈ ≒ ⩾ …) and the ASCII signs people type for them.  Not ± and ∓: a
    # band around a figure ("±5%以内"), a known notation the reader does not take, not a comparator
    # nobody declared.
    return ch in "<>=!~" or (unicodedata.category(ch) == "Sm" and ch not in "+±∓")


_UNIT_MEMO = 4096  # distinct words a Reading remembers the verdict on (units are few; text is not)


def _is_unit(rest: str, reading: Reading) -> bool:
    known = reading.unit_verdicts.get(rest)
    if known is None:
        known = _unit_shape(rest, reading)
        if len(reading.unit_verdicts) < _UNIT_MEMO:
            reading.unit_verdicts[rest] = known
    return known


def _unit_shape(rest: str, reading: Reading) -> bool:
    if reading.declared(rest) is not None or rest in reading.known_units:
        return True  # (a unit the rule file lists, whatever its characters: "℃")
    if len(rest) > MAX_UNIT_LENGTH:
        return False
    if any(ch.isdigit() for ch in rest):
        # "元/m2", "元/M²": a figure in a unit only as a declared unit per which another is counted
        part, slash, per = rest.partition("/")
        return bool(slash) and part.isalpha() and _unit_shape(part, reading) and reading.declared(per) is not None
    if any(word in rest for word in reading.vague) or any(rest.endswith(w) for w, _ in reading.suffixes):
        return False
    return all(_UNIT.fullmatch(ch) for ch in rest)


def _split_prefix(body: str, reading: Reading) -> tuple[Comparator | None, str]:
    for word, comparator in reading.prefixes_by_first.get(body[:1], reading.prefixes_by_first[""]):
        if body.startswith(word):
            return comparator, body[len(word):]
    return None, body


def _change(text: str, rest: str, word: str, reading: Reading, where: str, year: int | None, actual: bool) -> ParsedValue:
    """A change's size (``rest``, after its ``word`` and what it is from: "同比下降"): a figure,
    which a target asks at least ("下降5%" is a fall of 5% or more) unless it says otherwise
    ("增长不超过5%")."""
    try:
        size = parse_value(rest, reading, where=where, year=year, actual=actual)
    except ValueParseError:
        size = None
    if size is None or size.kind != "number" or size.named or size.change:
        raise ValueParseError(where, text, f"无法识别的写法“{text}”")
    return replace(size, raw=text, change=word, comparator=size.comparator or (None if actual else ">="))


def change_way(word: str, reading: Reading) -> int:
    """Which way a change's word ("下降", "同比下降") goes: 1 a rise, -1 a fall."""
    return 1 if word.endswith(reading.rise_words) else -1


def named_change(name: str, reading: Reading) -> int | None:
    """The way of the change a row's (bare) name counts the size of: a change's word before a word
    of its size ("能耗下降比例", "发案率下降率"), a change's word that is its size itself ("收入增幅"),
    or one ending a name after an amount ("营业收入增长", "农民人均增收"); None for any other name —
    "群众满意度提升", "投诉率下降" and "群众安全感提升" name a change of a level (a rate, a degree,
    reading.change_levels), and their bare target ("≥90%", "≤2%") may be the level to reach as well
    as the change's size (reviews CK, CL, CN B1)."""
    changes = (*reading.rise_words, *reading.fall_words)
    for size in reading.change_sizes:
        if not name.endswith(size):
            continue
        if size in changes:
            return change_way(size, reading)
        word = next((w for w in changes if name[: -len(size)].endswith(w)), None)
        if word is not None:
            return change_way(word, reading)
    word = next((w for w in changes if name.endswith(w)), None)
    if word is not None and len(name) > len(word):
        stem = name[: -len(word)]
        if not stem.endswith((*reading.quantity_names, *reading.percent_names, *reading.change_levels)):
            return change_way(word, reading)
    return None


def _is_quantity_name(name: str, rest: str, reading: Reading) -> bool:
    """Whether the word before a figure (``rest``) names the quantity and can be left out: not a
    period ("每季度≥1次": four a year), and a name that says lower is better ("故障率1%") only
    where the text says the direction anyway: a comparator before or after the figure
    ("故障率≤1%", "故障率1%以下"), or a figure of 0 ("差错率0")."""
    if name.endswith(reading.not_quantity_names):
        return False
    said = next((w for w in reading.fillers if rest.startswith(w) and len(rest) > len(w)), "")
    rest = rest[len(said):]  # "故障率为1%": the filler says nothing of the direction either
    if not is_lower_name(name, reading) or not (rest[0].isdigit() or rest[0] == "."):
        return True
    return _ZERO.match(rest) is not None or _split_suffix(rest, reading)[0] is not None


def _name_after(rest: str, reading: Reading) -> tuple[str, str | None, Comparator | None]:
    """The unit, the quantity's name and the comparator of what follows a figure, when it is a
    known unit and a name ("100%完成率", "95%以上满意度", "90分满意度"); else ``rest`` as it is
    ("30摄氏度" is a unit: a name follows a unit only)."""
    for end in range(1, min(len(rest), MAX_UNIT_LENGTH) + 1):
        unit = rest[:end]
        if not (unit in reading.known_units or unit in reading.units or unit in ("%", "‰")):
            continue
        match = reading.quantity_name_after.fullmatch(rest[end:])
        if match is not None and not match[2].endswith(reading.not_quantity_names):
            return unit, match[2], reading.suffix_comparators.get(match[1]) if match[1] else None
    return rest, None, None


def _around_figure(body: str, comparator: Comparator | None, reading: Reading) -> tuple[str, Comparator | None]:
    """``body`` without the words around its figure that say nothing of it, and the comparator
    written after a word before it: "完成100%", "全年≥12次", "≥完成95%" (a split cell),
    "5个工作日内办结", "100%按时完成"."""
    fillers = reading.fillers
    # str.startswith takes the tuple, at C speed: most figures have no filler word around them
    if body.startswith(fillers):
        word = next((w for w in fillers if body.startswith(w) and len(body) > len(w)), None)
        if word is not None:
            body = body[len(word):]
            if comparator is None:
                comparator, body = _split_prefix(body, reading)
    if body.endswith(fillers):
        word = next((w for w in fillers if body.endswith(w) and len(body) > len(w)), None)
        if word is not None:
            body = body[: -len(word)]
    return body, comparator


def bound_of(text: str, reading: Reading) -> Comparator | None:
    """The comparator a text opens or closes with, longest spelling first ("不低于良": >=, "≤一般",
    "一般以下": <=); None where it has none."""
    compact = "".join(fold(text).split())
    if compact[:1] == "=" and len(compact) > 1:
        compact = compact[1:]  # "=不高于一般": the "=" Xinjiang's forms put before every cell
    return _split_prefix(compact, reading)[0] or _split_suffix(compact, reading)[0]


def _split_suffix(body: str, reading: Reading) -> tuple[Comparator | None, str]:
    for word, comparator in reading.suffixes_by_last.get(body[-1:], reading.suffixes_by_last[""]):
        if body.endswith(word):
            return comparator, body[: -len(word)]
    return None, body


def _merge(first: Comparator | None, second: Comparator | None, error: Callable[[], ValueParseError]) -> Comparator | None:
    # "≥600次以上" is redundant but consistent; "≤600次以上" cannot be read either way.
    if first and second and first != second:
        if first == "=":
            return second  # "=90%以上", "=500余人次": the "=" Xinjiang's forms put before every figure; the words say which way
        raise error()
    return first or second


def _spanned(value: ParsedValue, start: int) -> ParsedValue:
    """An actual naming a span of the year ("年内完成", "2024年第二季度"): done by the span's end, on
    some day of it — before a deadline inside it or not, the sheet does not say (review DI A1)."""
    if value.comparator is not None:
        return value  # "三季度前完成" is only by its end, "上半年以后" a bound the other way (review DK A1)
    return replace(value, comparator="<=", since=date(value.date.year, start, 1))


def _date_value(
    text: str, body: str, comparator: Comparator | None, where: str, year: int | None,
    reading: Reading, unknown: Callable[[], ValueParseError], actual: bool = False,
) -> ParsedValue | None:
    """A date or deadline, or None when the text is not shaped like one.  A part of a month ("12月中旬")
    is that month in an actual, whose every day it may be; a deadline so written is none of them (review DE A2).
    A span of the year in an actual ("2024年第二季度") is done by its end (`_spanned`)."""
    start = reading.span_start(body) if actual and reading.date_spans else None
    # (a span's end, "2024年第二季度" as 6月底, is no result in that month's last third: the span says where it starts)
    found = _date_of(text, body, comparator, where, year, reading, unknown, actual and start is None)
    if found is None and actual and (body.endswith(")") or _LATE_WORD.search(body) is not None):
        found = _remarked_date(text, body, comparator, where, year, reading, unknown)
        put_off = _PUT_OFF_TO.fullmatch(body) if found is None and comparator is None else None
        if put_off is not None:
            # "延期至2024年3月", "因疫情推迟到2024年3月完成": the date the work was put off to, late (review ET B3)
            moved = _date_of(text, put_off["date"], None, where, year, reading, unknown, True)
            if moved is not None and moved.kind == "date" and moved.comparator is None:
                found = replace(moved, remark=put_off["late"])
    return found if start is None or found is None or found.kind != "date" or found.date is None else _spanned(found, start)


# An actual's date with a remark after it, in brackets or not ("2025年3月（延期）", "2025年3月延期完成",
# "2024年11月（已完成）"; review DY B2): a word of a delay, said alone, after a cause ("因疫情延期") or
# before a word of finishing ("延期完成"), dates the late completion; a word of doing on time before
# a date word reads as the date word ("（提前完成）"); anything else leaves the cell unread.
_LATE_WORD = re.compile("延期|逾期|推迟|延后|延迟|滞后|超期")
ON_TIME = ("提前", "按期", "按时", "如期", "及时")
_PUT_OFF_TO = re.compile(r"(?P<late>(?:因[^，,；;\d]{1,12})?(?:延期|推迟|延后|顺延|延迟))(?:至|到)(?P<date>\d.*)")
_DATE_REMARK = re.compile(r"(.+?)\(([^()]+)\)")


def _remarked_date(
    text: str, body: str, comparator: Comparator | None, where: str, year: int | None,
    reading: Reading, unknown: Callable[[], ValueParseError],
) -> ParsedValue | None:
    """`_date_value` of a date an actual writes with a remark after it; None where the text is no
    such date.  A late one keeps its remark (`ParsedValue.remark`): a date meeting its deadline
    beside a word of delay is not read as on time (rows `_quantitative`).  A remark saying the date is
    no result yet ("（计划）", "（未完成）": reading.unfinished_remarks) raises `UnfinishedResult`."""
    bracketed = _DATE_REMARK.fullmatch(body)
    if bracketed is not None:
        head, remark = bracketed[1], bracketed[2]
    else:
        late = _LATE_WORD.search(body)
        if late is None:
            return None  # "已完成（2025年3月验收）" (its words trimmed to the bracket): no date's remark
        head, remark = body[: late.start()], body[late.start():]
    if not head or any(ch.isdigit() for ch in remark):
        return None  # "2024年12月（完成80%）": the remark's own figure is for the evaluator
    found = _date_of(text, head, comparator, where, year, reading, unknown, True)
    if found is None or found.kind != "date":
        return None
    late = _LATE_WORD.search(remark)
    if late is not None:
        before, after = remark[: late.start()], remark[late.end():]
        cause = not before or before == "已" or before.startswith(reading.not_done_causes)
        if found.comparator is None and cause and (not after or made_of(after, reading.finishing_remarks)):
            return replace(found, remark=remark)
        return None
    if bracketed is None:
        return None
    if reading.unfinished(f"({remark})") is not None:
        raise UnfinishedResult(where, text, f"“{text}”括号中注明“{remark}”，该日期不是已完成的结果", remark)
    on_time = next((w for w in ON_TIME if remark.startswith(w)), "")
    word = remark[len(on_time):]
    if word in reading.date_words and word not in reading.date_before and word not in reading.date_steps:
        # "（开工）", "（提前开工）": another step's date, not read as the work's (review ED A1); "（提前完成）"
        # keeps its remark: a date past the deadline beside it is not read as late either
        found = _date_of(text, head + word, comparator, where, year, reading, unknown, True)
        return replace(found, remark=remark) if on_time and found is not None and found.kind == "date" else found
    return None


def says_late(remark: str) -> bool:
    """Whether a date's remark (`ParsedValue.remark`, of `_remarked_date`) says the work was late
    ("延期", "因疫情延期"); else it says it was on time ("提前完成", "按期完成")."""
    return _LATE_WORD.search(remark) is not None


def _date_of(
    text: str, body: str, comparator: Comparator | None, where: str, year: int | None,
    reading: Reading, unknown: Callable[[], ValueParseError], actual: bool,
) -> ParsedValue | None:
    """A date or deadline as written: `_date_value` before a span of the year is read as one."""
    body = reading.dated_phrase(body) or body if reading.date_phrases else body  # "2024年上半年": by June 2024
    before = False
    trimmed = body.endswith(reading.date_words)  # str.endswith takes the tuple: most texts end with none
    while trimmed:  # "2021年12月底前完成": strip the words around the date, in any order
        trimmed = False
        for word in reading.date_words:
            if body.endswith(word) and len(body) > len(word):
                before = before or word in reading.date_before
                body = body[: -len(word)]
                trimmed = True
                break
    match = _DATE.fullmatch(body)
    if match and match["part"] and not actual:
        return None
    if not match:
        dotted = _DOTTED_MONTH.fullmatch(body)
        if dotted is not None and (before or dotted[3]):  # "2024.6月底", "2024.12前" are dates; "2024.06" alone may be an amount
            return _month_value(text, _merge(comparator, "<=" if before else None, unknown), dotted, where)
        day = _MONTH_DAY.fullmatch(body) if before else None  # "9.30前": by 30 September
        if day is None:
            return None
        if year is None:
            raise ValueParseError(where, text, f"日期缺少年份“{text}”")
        return _day_value(text, _merge(comparator, "<=", unknown), year, day, where)
    comparator = _merge(comparator, "<=" if before else None, unknown)
    if match["yy"]:
        try:
            when = date(int(match["yy"]), 1, 1)
        except ValueError as exc:
            raise ValueParseError(where, text, f"日期不存在“{text}”") from exc
        return ParsedValue(text, "date", comparator, None, None, when, None, precision="year")
    if match["iy"]:
        parts = [match["iy"], match["im"], match["id"]]
    elif match["ay"]:
        if not 1 <= int(match["am"]) <= 12:
            return None  # "2023-24" (a school year) is no month: refused as an unknown notation
        parts = [match["ay"], match["am"], None]
    elif match["ey"]:
        parts = [match["ey"], 12, None]
    elif match["y"] or year is not None:
        parts = [match["y"] or year, match["m"], match["d"]]
    else:
        raise ValueParseError(where, text, f"日期缺少年份“{text}”")
    precision = "month" if parts[2] is None else "day"
    try:
        when = date(int(parts[0]), int(parts[1]), int(parts[2] or 1))
    except (ValueError, OverflowError) as exc:
        raise ValueParseError(where, text, f"日期不存在“{text}”") from exc
    third = match["part"] or ("下旬" if actual and match["m"] and match["end"] else None)
    if third and comparator is None:
        # "11月初", "11月中旬": done on some day of that third of the month — by its last day, not before its
        # first (as a span of the year is: `_spanned`), so "11月初" meets "11月15日前" (review EB B5); a result "10月底"
        # is in its last third, so it misses "10月15日前" (review FR B)
        first, last = _THIRDS[third]
        last = last or calendar.monthrange(when.year, when.month)[1]
        return ParsedValue(text, "date", "<=", None, None, when.replace(day=last), None, precision="day", since=when.replace(day=first))
    return ParsedValue(text, "date", comparator, None, None, when, None, precision=precision)


# The days of a month's third ("初", "上旬": the 1st to the 10th; "下旬": the 21st to its end)
_THIRDS = {"初": (1, 10), "上旬": (1, 10), "中旬": (11, 20), "下旬": (21, 0)}


def _month_value(text: str, comparator: Comparator | None, dotted: re.Match, where: str) -> ParsedValue:
    try:
        when = date(int(dotted[1]), int(dotted[2]), 1)
    except ValueError as exc:
        raise ValueParseError(where, text, f"日期不存在“{text}”") from exc
    return ParsedValue(text, "date", comparator, None, None, when, None, precision="month")


def _day_value(text: str, comparator: Comparator | None, year: int, day: re.Match, where: str) -> ParsedValue:
    try:
        when = date(year, int(day[1]), int(day[2]))
    except ValueError as exc:
        raise ValueParseError(where, text, f"日期不存在“{text}”") from exc
    return ParsedValue(text, "date", comparator, None, None, when, None, precision="day")


def _dotted(value: ParsedValue, reading: Reading) -> str | None:
    """The figure of a number written with a dot, without the date words, fillers and comparator
    written around it ("≤2024.12完成": "2024.12"); None for a figure without a dot."""
    if value.kind != "number" or value.approximate or value.named or ("." not in value.raw and "．" not in value.raw):
        return None  # most figures have no dot: asked for every row whose two figures are numbers
    text = strip_trailing("".join(fold(value.raw).split()))
    words = (*reading.date_words, *reading.fillers)
    while text.endswith(words):  # "完成", "已完成", "竣工", "内": words a number kept around it, or as its unit
        text = text[: -max(len(w) for w in words if text.endswith(w))]
    for word, _ in reading.prefixes_by_first.get(text[:1], ()):
        if text.startswith(word):  # "≤2024.12": its comparator is the value's already
            text = text[len(word):]
            break
    return text


def year_month(value: ParsedValue, reading: Reading) -> ParsedValue | None:
    """A figure written as a year and month with a dot ("2024.06", "2024.10已完成", "2024.12内",
    "2024.10竣工"), as a month, for a row whose other side is a date; None for any other value."""
    text = _dotted(value, reading)
    dotted = None if text is None else _DOTTED_MONTH.fullmatch(text)
    if dotted is None or not 1 <= int(dotted[2]) <= 12:
        return None
    return _month_value(value.raw, value.comparator, dotted, "")


def month_day(value: ParsedValue, reading: Reading, year: int | None) -> ParsedValue | None:
    """A figure written as a month and day with a dot ("12.20", "10.8完成"), as that day of the
    sheet's ``year``, for a row whose other side is a date; None for any other value, for a day
    that does not exist ("6.31"), and without a year."""
    text = _dotted(value, reading) if year is not None and value.unit is None else None  # "12.5月": 12.5 months
    day = None if text is None else _MONTH_DAY.fullmatch(text)
    if day is None:
        return None
    try:
        return _day_value(value.raw, value.comparator, year, day, "")
    except ValueParseError:
        return None


# A remark setting the figure beside the target, which says nothing against the figure ("低于控制目标", "达到年度目标要求")
_SET_BESIDE_TARGET = re.compile(r"(?:均|已|已经)?(?:低于|高于|超过|超出|优于|好于|达到|完成|实现|未超过|未超出|不高于|不低于|符合)了?"
                                r"(?:年度|预期|控制|计划|既定|设定)?(?:目标|指标)(?:值|要求)?")


def _figure_before_remark(compact: str, reading: Reading, where: str, year: int | None, text: str) -> ParsedValue | None:
    """An actual's figure followed by a remark after a comma, a semicolon or a full stop ("480人次，偏差原因：受台风
    影响", "96.5%，剩余资金已结转下年使用"): the figure, where the remark says nothing of it — no
    figure in its unit ("满意度95%，合格率98%" holds two), no word of `unfinished_remarks` ("3座，在建",
    "186人，计划200人"); None otherwise.  Raises ValueParseError where the remark, taken as a whole
    as one in brackets would be, says the figure was not done ("4场，因疫情未举办")."""
    at = clause_break(compact)
    head, remark = compact[: at.start()], compact[at.end():]
    try:
        first = parse_value(head, reading, where=where, year=year, actual=True)
    except ValueParseError:
        return None
    if first.kind == "number" and _SET_BESIDE_TARGET.fullmatch(remark):
        return first  # "3.2%，低于控制目标": the figure set beside the target, which the row compares (review FB B6)
    if first.kind != "number" or not remark or reading.unfinished(remark) is not None:
        return None
    whole = reading.unfinished(f"({remark})")
    if whole is not None:
        raise UnfinishedResult(where, text, f"“{text}”注明“{whole.strip('()')}”，该数不是已完成的结果", whole.strip("()"))
    unit = first.written_unit or ""
    for figure in _NUMBER_IN_TEXT.finditer(remark):
        if not unit or remark[figure.end():].startswith(unit):
            return None  # another figure of the same kind: which one is the actual is not said
    return first


# "98.78%（88/90）", "100%（12户/12户）", "95%（19÷20）": a rate and, in its bracket, the two figures it is the quotient of
_RATE_PARTS = re.compile(r"[(（](?P<n>\d{1,15}(?:\.\d{1,15})?)(?P<nu>[^\W\d_]{0,3})[/÷](?P<d>\d{1,15}(?:\.\d{1,15})?)(?P<du>[^\W\d_]{0,3})[)）]")


# "88/90=97.78%", "88户÷90户＝97.78%": the same, the rate last
_QUOTIENT_GIVES = re.compile(r"(?P<parts>\d{1,15}(?:\.\d{1,15})?[^\W\d_]{0,3}[/÷]\d{1,15}(?:\.\d{1,15})?[^\W\d_]{0,3})=(?P<rate>\d{1,15}(?:\.\d{1,15})?%)")


def _rate_against_parts(figure: str, bracket: str) -> list[tuple[str, Rival]]:
    """A rate's bracket holding the two figures it is the quotient of, where the rate does not fit
    them (review GK B3: "98.78%（88/90）" is 97.78%): their quotient as a rival result, said done (it is
    what the sheet counted), with what is wrong; empty where it fits, or the bracket is no such pair
    (two units, "3人/5户"; a year and a month, "2024/12").  Whole figures without 元 are counts, exact;
    any other pair is held to the range its printed precision allows, as a stated rate is."""
    from .rates import HUNDRED, fits_quotient  # only when a rate's bracket holds a fraction

    parts = _RATE_PARTS.fullmatch(bracket)
    if parts is None:
        return []
    n, d, nu, du = parts["n"], parts["d"], parts["nu"], parts["du"]
    if (nu and du and nu != du) or (len(n) == 4 and n.startswith(("19", "20")) and "." not in d and 1 <= int(d) <= 12):
        return []
    numerator, denominator = to_decimal(n), to_decimal(d)
    exact = "." not in n + d and "元" not in nu + du
    if fits_quotient(f"{figure}%", numerator, denominator, exact=exact) is not False:
        return []
    quotient = numerator / denominator * HUNDRED
    written = f"{n}{nu}/{d}{du}"
    said = f"{written} 计算为 {fmt(round_half_up(quotient, 2))}%，与所印 {figure}% 不符"
    return [(written, Rival(quotient, True, written, mismatch=said))]


def _results_in_remark(remark: str, unit: str, figure_before: str, reading: Reading, year: int | None = None) -> list[tuple[str, Rival]]:
    """The figures in the same unit ``unit`` in a bracketed remark after a figure that may be the
    result rather than the figure before it, each as written and as a `Rival`; empty where the
    bracket says plainly that none is.  Without the target a smaller figure cannot be told apart
    ("100户（完工80户）" says less was done; "80户（剩余20户明年完成）" explains a cell already short), so
    every smaller one is kept, for the row scorer to settle against the target (`rows`), unless the
    bracket explains: the same figure again, parts adding up to the cell ("线上300人次，线下220人次";
    after 其中 or 含 unless said to be done: "含续建，实际新建16个"), a comparison, standard or plan
    ("上年完成90%", "国家标准95%", "计划200人", "超额完成3场"), a bound or target restated ("95%以上",
    "95%的目标"), how some were done (`unfinished_exceptions`).  A larger one is kept only where it
    is said to be done or measured ("3%（抽查，返工率8%）"), not a plan or target ("应发1000户")."""
    before = to_decimal(figure_before)
    # not a day or a year of a date in the bracket ("已于11月25日完成", "2020年建成")
    found = [f for f in _NUMBER_IN_TEXT.finditer(remark) if remark[f.end():].startswith(unit) and not _in_date(remark, f, unit)]
    if not found or (sum((to_decimal(f[0]) for f in found), Decimal(0)) == before and _NOT_DONE_ANY.search(remark) is None
                     and _UNDER_WAY.search(remark) is None and not _denied(remark, year) and not any(beside(_lead(remark, f)) for f in found)):
        return []  # parts adding up to the cell, unless one is said not done ("已举办8场，未举办2场")
    parts = remark.lstrip("(（").startswith(_PART_WORDS)
    rivals = []
    for figure in found:
        value = to_decimal(figure[0])
        lead = _lead(remark, figure)
        named = bool(reading.quantity_names) and lead.endswith(reading.quantity_names)
        done = named or "已" in lead or lead.startswith(("实际", "实发", "实到", "实有")) or any(w in lead for w in _DONE_WORDS)
        after = remark[figure.end() + len(unit):]
        clause = after[: min((at for at in (after.find(mark) for mark in ")）,，、;；") if at >= 0), default=len(after))]
        # a part of the cell said not to be done ("其中1场因疫情未举办", "含30人次未参训") is no remark on
        # the whole: what was done is the cell less it where the clause ends so (review DA A1, DE A1), and
        # may be where it denies something else of the part, or makes it up after (`doubtful`: the target
        # settles it, or the evaluator; reviews DE–DF)
        said = clause.rstrip("了的。.")
        excepted = any(w in clause for w in reading.unfinished_exceptions)
        rest_said = after[: after.find(")")] if ")" in after else after
        # sure only where that clause is all the bracket says after the figure: what follows may undo it
        # ("其中20人次未参训，由其他人员替补")
        last = rest_said.rstrip("了的。.;；") == said
        sure = (parts and not done and not excepted and last and _MADE_UP.search(after) is None and _later_year(after, year)
                and (_PART_NOT_DONE.search(said) is not None or said.endswith(reading.unfinished_short)
                     or _NOT_DONE_BEFORE.search(lead.rstrip(":：")) is not None
                     # counted wrongly, and nothing else said of the part: after the figure ("其中30户为重复发放") or
                     # before it ("其中重复统计30户"; not "…已剔除", which may say it was put right: review EK A3)
                     or counted_wrongly(lead.rstrip(":：") + said, only=True)))
        # ... the whole rest of the bracket read for doubt: "（其中2场，因疫情未举办）" (review DG A2); a part
        # said done ("其中8场已举办") may be what was done, as a figure said done outside 其中 (review DG A3)
        doubtful = parts and not done and not sure and not excepted and (
            _NOT_DONE_ANY.search(lead + rest_said) is not None or counted_wrongly(lead + rest_said) or _denied(rest_said, year)
            or _MADE_UP_LATER.search(rest_said) is not None
            or _UNDER_WAY.search(rest_said) is not None)
        done = done or (parts and "已" in clause and not doubtful)
        besides = beside(lead)  # "0起（另有1起）", "1起（此外1起）": one more, whatever its size
        if (value == before and not besides) or any(w in lead for w in (*_PLAN_WORDS, *_COMPARED)) or (parts and not done and not sure and not doubtful):
            continue
        if value > before and not done and not besides:
            continue  # a plan or target ("应发1000户"), a running total
        if after.startswith(("以上", "以下", "以内", "的目标", "的标准", "目标", "标准")):
            continue  # a bound or a target restated: "达到省定标准95%以上", "达到95%的目标"
        if any(w in clause for w in reading.unfinished_exceptions):
            continue  # "2个项目延期后已完成": how some of them were done, all of them done
        rivals.append((lead + figure[0] + unit, Rival(value, done or after.startswith("已"), lead + figure[0] + unit + clause,
                                                      sure or doubtful, sure, _MADE_UP_SINCE.search(rest_said) is not None)))
    return rivals


def _denied(clause: str, year: int | None) -> bool:
    """Whether a part's clause denies something of it ("未参加培训", "取消门票", "停办"), which may be that
    it was not done; not a put-off within the sheet's year ("推迟至12月举办": done in the year)."""
    for found in _NEGATED.finditer(clause):
        if found[0] not in ("推迟", "延期", "延后", "顺延", "延迟") or (_PUT_OFF.search(clause) and _later_year(clause[found.start():], year)):
            return True
    return _PUT_OFF.search(clause) is not None and _later_year(clause, year)  # "结转至2025年", "调整至明年"


def said_done(clause: str) -> bool:
    """Whether a part's words say it was done ("其中7场已举办"), denying nothing of it and with nothing
    still under way or beyond reach ("已举办，2场未举办", "已筹备", "已无法举办")."""
    return "已" in clause and _NEGATED.search(clause) is None and _UNDER_WAY.search(clause) is None and "无法" not in clause


def _later_year(after: str, year: int | None) -> bool:
    """Whether a put-off in a part's words ("推迟至2025年") is to a later year than the sheet's, or says
    no year (then its other words decide); a year not later, or the sheet's year unknown, is no put-off
    past the year (review DF A3)."""
    put_off = _PUT_OFF.search(after)
    if put_off is None or put_off["when"] in ("明年", "次年", "下一年", "下年"):
        return True
    return year is not None and int(put_off["when"]) > year


# What stands right before a day of a date: its month ("11月25日"), or the first day of a range ("1日至5日").
_DATE_BEFORE = re.compile(r"(\d{1,2}月|\d{1,2}[日号](?:至|到|-|—|~|～))$")
_DATE_RANGE = re.compile(r"[日号](?:至|到|-|—|~|～)\d")  # the first day of a range: "1日至5日"


def _in_date(remark: str, figure: re.Match, unit: str) -> bool:
    """Whether a figure in a bracket is a day or year of a date written there, not a count in the
    cell's unit of days or years ("11月25日", "2020年", "1日至5日"; not "12月实际培训15日")."""
    if unit not in ("日", "月", "年", "号"):
        return False
    before = remark[: figure.start()]
    return (bool(_DATE_BEFORE.search(before)) or bool(_DATE_RANGE.match(remark, figure.end()))
            or (unit == "年" and len(figure[0]) == 4))


@dataclass(frozen=True)
class Rival:
    """A figure in a bracket that may be the result (`RivalResult`): its value, whether the bracket
    says it was done or measured ("实际400元", "已竣工验收40户", "合格率90%"), and its clause, as written."""

    value: Decimal
    done: bool
    clause: str
    within: bool = False  # a part of the cell (after 其中 or 含) said not to be done, maybe: never beside it
    sure: bool = False  # … its clause ending so, nothing made up after: done is the cell less it
    made_up: bool = False  # the rest of the bracket says it was made up since ("另有2场因疫情取消，已补办")
    # a rate's own parts in its bracket that give another rate ("98.78%（88/90）"): what is wrong, said as a finding
    # even where the target is met either way (`rows`)
    mismatch: str = ""


# A part's clause ending by saying the work it counts was not done ("其中1场因疫情未举办", "其中30人次未参训", "其中2期
# 取消", "含1场推迟至2025年举办"): a negation before a verb of doing, cancelled, or put off to a later year; not a
# part described ("其中20人次为未成年人", "未婚", "未脱贫", "未收费", "未发生事故", "推迟至12月举办"), nor something
# else of it not done ("其中3场未进行媒体报道", "取消门票": the verb has an object after it; review DE A1), nor one made
# up after ("未到场，已补训", "未按时发放，已于次月补发", "取消，另增补1场": `_MADE_UP`; review DC A1).
# Events held or attended, which are what a count of them counts; a later step ("未安装" of 采购设备, "未整改"
# of 检查企业) leaves the count doubtful (review DG A1).
_EVENTS = "举办|召开|开展|进行|组织|参训|参加|参会|培训|走访|慰问|入户|出席|演出|放映"
# A part counted that should not have been: "其中30户为重复发放", "其中2人系冒领", "其中重复统计30户", "含重复发放30户"
# (review EC A5): the cell less it is what was done, as for a part not done — only where the part's words say so and
# nothing else: the wrong count, maybe after 为/系/属 (`_WRONGLY_ONLY`).  Said with its verb (a bare 重复 in a count of
# 人次 is what the count counts: "含重复30人次"); and never where any word of the clause denies, forbids or doubts
# ("经核实无虚报冒领", "不涉及重复发放", "未再出现", "严防", "疑为", "可能", "举报": reviews EK, EM, EO, EP, EQ A1–A2) —
# such a clause, or one saying more ("…已剔除", "审核不严为重复发放"), is read as before this reading: a breakdown, or
# the evaluator's where it says more (`counted_wrongly`)
_WRONG = r"重复(?:发放|申报|统计|计算|计数|登记|领取|享受|录入|补助|补贴)|冒领|错发|虚报|多报"
_COUNTED_WRONGLY = re.compile(_WRONG)
_WRONGLY_ONLY = re.compile(rf"(?:其中|含|包括|包含)?[:：]?(?:为|系|属于|属|是)?(?:{_WRONG})+")
_DENIED_OR_DOUBTED = re.compile(r"[不无没未非否疑]|严防|防止|杜绝|严禁|禁止|排除|避免|可能|涉嫌|举报")


def counted_wrongly(text: str, only: bool = False) -> bool:
    """Whether ``text`` (a part's words, without its figure) says the part was counted wrongly
    (`_COUNTED_WRONGLY`), with no word denying, forbidding or doubting anything (`_DENIED_OR_DOUBTED`);
    ``only``: and says nothing else (`_WRONGLY_ONLY`)."""
    if _COUNTED_WRONGLY.search(text) is None or _DENIED_OR_DOUBTED.search(text) is not None:
        return False
    return not only or _WRONGLY_ONLY.fullmatch(text) is not None


# Put off, carried over or moved to a time ("推迟至2025年", "延至", "结转至", "调整至2025年举办": review DH B3)
_PUT_OFF_VERBS = "推迟|延期|延后|顺延|延迟|延|结转|调整|改"
_PART_NOT_DONE = re.compile(
    rf"(?:(?:未|没有|尚未|未能|没能)(?:{_EVENTS})(?:到位|完毕)?|取消)$"
    rf"|(?:{_PUT_OFF_VERBS})(?:至|到)(?:20\d\d|明年|次年|下一?年)")
_PUT_OFF = re.compile(rf"(?:{_PUT_OFF_VERBS})(?:至|到)(?P<when>20\d\d|明年|次年|下一年|下年)")
# Any denial in a part's clause, which may say the part was not done (review DF A1: "其中20人次未参加培训")
_NEGATED = re.compile(r"未(?!成年|婚|发生|出现|超|脱贫)|没有|没能|取消|停办|停止|暂停|推迟|延期|延后|顺延|延迟")
# ... or says it was made up later ("已于2025年1月补办", "已补训"): so it was not done when first due
_MADE_UP_LATER = re.compile(r"补(?:训|发|办|齐|种|录|签|修|建|考|课|拨|付|交|足)")
# ... said done since: "已补办", "已于12月补训" (a missing figure beside the cell then no shortfall: review DQ A2)
_MADE_UP_SINCE = re.compile(r"已[^，,；;）)]{0,8}补")
# ... or says it is still under way ("其中2场正在筹备", "正在进行")
_UNDER_WAY = re.compile(r"正在|筹备|进行中|待(?:举办|开展|实施|完成|验收)")
# ... or said before the figure: "其中未举办2场" (review DE B5); any such word, of an event or a later step,
# anywhere in a part ("其中：已举办8场，未举办2场", "其中未安装2台") leaves it doubtful
_NOT_DONE_BEFORE = re.compile(rf"(?:未|没有|尚未|未能|没能)(?:{_EVENTS})$|取消$")
_NOT_DONE_ANY = re.compile(r"(?:未|没有|尚未|未能|没能)(?:举办|召开|开展|实施|完成|完工|建成|竣工|落实|进行|组织|参训|参加|培训|修复|维修|"
                           r"安装|发放|拨付|验收|开工|接种|走访|慰问|入户|改造|整改|办结|演出|放映)|取消|停办")
# ... said made up, moved or rescheduled in the bracket: "已补训", "已于次月补发", "另增补1场", "改为线上举办",
# "另行安排", "择期举办" (not 补贴, 补助: what was given): then not surely undone (reviews DC A1, DF A2, B1)
_MADE_UP = re.compile(rf"{_MADE_UP_SINCE.pattern}|{_MADE_UP_LATER.pattern}|增补|另增|另行|改为|改在|改至|改到|择期|线上")


# Grammar, not vocabulary: words opening a clause that gives the plan an actual is held against
# ("计划2000份", "目标：2000份"), and words opening a clause that says what was done ("实际1500份").
_PLAN_WORDS = ("年度计划", "年初计划", "原计划", "计划完成值", "计划值", "计划", "原定", "年度目标值", "年度目标", "目标任务", "目标值", "目标",
               "预期目标", "预期", "年度指标值", "指标值", "应完成")
_DONE_WORDS = ("实际完成值", "实际完成", "实际值", "实际", "已完成", "完成值", "完成", "实现", "达到", "累计完成", "累计", "共")
_JOINERS = ("完成", "：", ":", "为")
_PART_WORDS = ("其中", "含", "包括", "包含")
# Words before a figure in a bracket saying it is beside the cell's, neither in it nor instead of it ("另有轻微事故1起",
# "此外另有3件", "另支付监理费8万元", "未含尾款8万元", "另1起"): kept whatever its size, for the row scorer to add to
# the cell (review DI A2); not 此外 ending 因此, 由此, 除此 ("因此外出", review DK A3), nor 还有 ("还有2户未完成": still)
BESIDES = re.compile(r"未含|不含|另有|另需|另行|另外|(?<![因由除如])此外|另支付|另发生|另(?=\d|$)")


def beside(lead: str) -> bool:
    """Whether the words before a figure in a bracket say it is beside the cell's (`BESIDES`)."""
    return BESIDES.search(lead) is not None


def _lead(remark: str, figure: re.Match) -> str:
    """The words of ``remark`` before ``figure`` in its clause ("另有轻微事故" of "（另有轻微事故1起）")."""
    start = max(remark.rfind(mark, 0, figure.start()) for mark in "(（,，、;；")
    return remark[start + 1: figure.start()]
# Words before a figure in a bracket that hold it against another: another year, a standard, an average.
_COMPARED = ("上年", "去年", "上一年", "同期", "比", "较", "标准", "平均", "全省", "全市", "全国", "全区", "全县", "超额", "超出", "超过",
             "累计")
_BARE_DATE = re.compile(r"[\d年月日.\-/]+[底末]?")
_CN_NUMERALS = "零〇一二两三四五六七八九十百千万"


def _figure_beside_plan(compact: str, reading: Reading, where: str, year: int | None) -> ParsedValue | None:
    """An actual written in two clauses with the plan it is held against: the plan first and the
    actual opened by a word saying it was done ("计划2000份，实际1500份", "目标：2000份；完成1500份"), or
    the actual first and the plan after it ("186人，计划200人").  The actual's figure, where both
    clauses are a figure in the same unit (or both a date) and nothing else is written; None
    otherwise (the plan second after a word of `unfinished_remarks` is no actual: "3座，计划于年底完工")."""
    at = clause_break(compact)
    head, rest = compact[: at.start()], compact[at.end():]
    if not rest:
        return None
    plan = _after_word(head, _PLAN_WORDS)
    if plan is not None:
        # the actual's clause may have a remark after it, read as any actual's
        done, planned = _after_word(rest, _DONE_WORDS), plan
        if done is None:
            return None  # "计划2000份，1500份": which is which is not said
    else:
        planned = _after_word(rest, _PLAN_WORDS)
        if planned is None or clause_break(rest) or reading.unfinished(rest) is not None:
            return None
        done = _after_word(head, _DONE_WORDS) or head  # "实际值：180人，目标值：200人"
    try:
        actual = parse_value(done, reading, where=where, year=year, actual=True)
        target = parse_value(planned, reading, where=where, year=year)
    except ValueParseError:
        return None
    if actual.kind not in ("number", "date") or actual.kind != target.kind or actual.comparator or target.comparator:
        return None
    if actual.kind == "date" and plan is None and (not _BARE_DATE.fullmatch(planned) or any(w in done for w in reading.date_steps)):
        # "2024年3月开工，计划2024年12月完工": a plan naming its step says the step is still to come, and
        # the date before it may be of another step
        return None
    if actual.unit != target.unit or actual.named or target.named or actual.remark or target.remark:
        return None
    return actual


def _after_word(clause: str, words: tuple[str, ...]) -> str | None:
    """A clause without the word of ``words`` opening it (and 完成, a colon or 为 after it); None
    when none opens it or no figure follows."""
    for word in words:
        if clause.startswith(word):
            rest = clause[len(word):]
            for joiner in _JOINERS:  # in this order: "计划完成：2000份"
                if rest.startswith(joiner):
                    rest = rest[len(joiner):]
            return rest if rest and (rest[0].isdigit() or rest[0] in _CN_NUMERALS) else None
    return None


def _range_end(compact: str) -> str | None:
    """The end of a period written as a range of months or dates ("2024年1月-12月", "2024年1-12月",
    "2024年1月至2024年12月", "2024.01-2024.12", "1-12月"), with the start's year where the end has
    none; None for any other text ("3-5次" and "2023-24" are no periods)."""
    match = _RANGE.fullmatch(compact)
    if match is None:
        return None
    start, end = match["start"], match["end"]
    if _END_OF_RANGE.fullmatch(end) is None:
        return None
    if "年" not in end and not re.match(r"\d{4}\.", end):
        year = re.match(r"(\d{4})[年.]", start)
        return f"{year[1]}年{end}" if year else end
    return end


def chinese_number(run: str) -> int | None:
    """A whole number written in Chinese numerals ("十五", "一百二十", "两万", "三千零五"); None for a
    run that is no such number ("二三": two or three; "三千五": 3500 or 3005 — colloquial, unsaid)."""
    total = section = number = 0
    last = ""
    for ch in run:
        if ch in _CN_DIGITS:
            if last == "digit" and number and _CN_DIGITS[ch]:
                return None
            number, last = _CN_DIGITS[ch], "digit"
        elif ch in _CN_SMALL:
            if last == "small" or (last == "" and ch != "十"):
                return None
            section += (number if last == "digit" else 1) * _CN_SMALL[ch]
            number, last = 0, "small"
        else:
            section += number
            if not section:
                return None
            total += section * _CN_BIG[ch]
            section = number = 0
            last = "big"
    if last == "digit" and number and len(run) > 1 and run[-2] in "百千万亿":
        return None  # "三千五", "一百二": the colloquial tail leaves the place unsaid
    return total + section + number


def _arabic(compact: str, reading: Reading) -> str | None:
    """A cell with a figure in Chinese numerals in Arabic ones, where the numerals stand for a
    figure: a date ("二〇二四年十一月"), a percentage ("百分之九十五", "九成以上"), or a run of numerals right after a comparator
    word or at the start and followed by a unit the vocabulary knows ("三个", "不少于两次",
    "十五个工作日内"); None otherwise ("一户一档", "十佳", "四好农村路" are names)."""
    dated = _CN_DATE.search(compact)
    if dated is not None:
        month, day = (chinese_number(dated[2]) if dated[2] else None), (chinese_number(dated[3]) if dated[3] else None)
        if (dated[2] and month is None) or (dated[3] and day is None):
            return None
        written = "".join(str(_CN_DIGITS[c]) for c in dated[1]) + "年" + (f"{month}月" if month else "") + (f"{day}日" if day else "")
        return compact[: dated.start()] + written + compact[dated.end():]
    percent = _CN_PERCENT.search(compact)
    if percent is not None:
        if percent[3] is not None:
            value = percent[3]
        elif percent[1] is not None:
            # "百分之百": the hundred alone, as nowhere else a bare 百 is a figure
            whole = 100 if percent[1] == "百" else chinese_number(percent[1])
            # "点五": the digits after the point, each as written (review DI B2)
            value = whole if whole is None or not percent[2] else f"{whole}.{''.join(str(_CN_DIGITS[c]) for c in percent[2])}"
        else:
            value = 100 if percent[4] is None else chinese_number(percent[4]) * 10 + (_CN_DIGITS[percent[5]] if percent[5] else 0)
        if value is None:
            return None
        return compact[: percent.start()] + f"{value}%" + compact[percent.end():]
    run = _CN_RUN.search(compact)
    if run is None:
        return None
    head, rest = compact[: run.start()], compact[run.end():]
    if head and not any(head == w for w, _ in reading.prefixes) and head not in reading.fillers:
        return None
    _, unit = _split_suffix(rest, reading) if rest else (None, rest)
    loose = next((w for w in reading.loose if unit.startswith(w)), "") if unit else ""
    unit = unit[len(loose):]  # "二十余次", "三百多人": more than the figure, as "20余次" is read
    if not unit or not reading.is_unit(unit):
        return None
    numerals = run[0]
    if loose and (numerals in _CN_SMALL or numerals in _CN_BIG):
        numerals = "一" + numerals  # "百余人", "千余人次", "万余册": a hundred, a thousand, ten thousand and more
    value = chinese_number(numerals)
    return None if value is None else f"{head}{value}{rest}"


def bare_year(value: ParsedValue) -> ParsedValue | None:
    """A bare whole figure that is a year ("2024"), as that year, for a row whose other side is a
    date ("2024" against "2024年"); None for any other value."""
    if value.kind != "number" or value.unit or value.approximate or value.named or value.number != value.number.to_integral_value():
        return None
    if not 1990 <= value.number <= 2100 or not value.raw.strip().isdigit():
        return None
    return ParsedValue(value.raw, "date", value.comparator, None, None, date(int(value.number), 1, 1), None, precision="year")


def strip_trailing(text: str) -> str:
    """``text`` without the blanks and full stop after a value."""
    end = len(text)
    while end and (text[end - 1] in _TRAILING_MARKS or text[end - 1].isspace()):
        end -= 1
    return text[:end]


def _word_set(words) -> tuple[frozenset[str], int]:
    """Words as a set, and the length of the longest (0 for none)."""
    words = frozenset(w for w in words if w)
    return words, max(map(len, words), default=0)


def _longest_at(name: str, at: int, indexed: tuple[frozenset[str], int]) -> str | None:
    """The longest of the words that ``name`` holds starting at ``at``, or None."""
    words, longest = indexed
    for end in range(min(len(name), at + longest), at, -1):
        if name[at:end] in words:
            return name[at:end]
    return None


def _first_places(words: tuple[str, ...]) -> dict[str, int]:
    """Each word of a list with where it first stands in it: the list's order, for the words a name holds."""
    order: dict[str, int] = {}
    for i, word in enumerate(words):
        order.setdefault(word, i)
    return order


def _longest_ending(name: str, indexed: tuple[frozenset[str], int]) -> str | None:
    """The longest of the words ``name`` ends with, or None."""
    words, longest = indexed
    for start in range(max(0, len(name) - longest), len(name)):
        if name[start:] in words:
            return name[start:]
    return None


def _last_places(name: str, indexed: tuple[frozenset[str], int]) -> dict[str, int]:
    """Each of the words ``name`` holds, with where it last starts (as `str.rfind`)."""
    words, longest = indexed
    found: dict[str, int] = {}
    for start in range(len(name)):
        for end in range(start + 1, min(len(name), start + longest) + 1):
            if name[start:end] in words:
                found[name[start:end]] = start
    return found


def lower_name_word(name: str, reading: Reading) -> str | None:
    """The word of `lower_quantity_names` that makes a name lower is better (`is_lower_name`), or None."""
    if not is_lower_name(name, reading):
        return None
    name = _lower_name_without_tail(name, reading)
    return max((w for w in reading.lower_quantity_names if name.endswith(w)), key=len)


def _lower_name_without_tail(name: str, reading: Reading) -> str:
    """``name`` without a word of `lower_name_tails` after a lower is better name ("设备故障率控制"), unless
    it ends in one whole ("填埋量" is one; "漏洞数量" is 漏洞数 with its tail 量)."""
    if name.endswith(reading.lower_quantity_names):
        return name
    tail = next((t for t in reading.lower_name_tails if name.endswith(t) and len(t) < len(name)), "")
    return name[: len(name) - len(tail)]


def is_lower_name(name: str, reading: Reading) -> bool:
    """Whether a quantity's name says lower is better: it ends in one of `lower_quantity_names`
    ("设备故障率"), or does so before one of `lower_name_tails` ("设备故障率控制"), not done work on
    (`harm_handling` before it: "治理水土流失面积"; never one of `unhandled_lower_names`: "办理补助申领
    跑动次数" counts the applicants' trips), not one of `lower_name_reversed_by` with one of its words
    anywhere in the name ("刑事抗诉案件法院改判率", "中药占比" of 药占比), and not negated by
    one of `lower_name_reversers` — a longer one at most three characters before that word
    ("降低发病率", "降低孕产妇死亡率") with none of `lower_name_breaks` between them ("降低成本后返工率"
    reduces the cost), one of one character right before it ("无差错率", "不返贫率"), or a none word
    (`none_words`) before a short name of one of `negated_events` right before it ("无安全事故发生率",
    "杜绝安全事故发生率").  "无人机故障率", "不动产登记差错率", "不可移动文物安全事故发生率" and
    "减少审批环节后投诉率" stay lower is better."""
    name = _lower_name_without_tail(name, reading)  # "设备故障率控制": the quantity is the failure rate
    if not name.endswith(reading.lower_quantity_names):
        return False
    words = [w for w in reading.lower_quantity_names if name.endswith(w)]
    if not words:
        return False
    head = name[: -len(max(words, key=len))]
    if any(word in name and word not in w for w in words for word in reading.lower_name_reversed_by.get(w, ())):
        return False  # "刑事抗诉案件法院改判率", "中药占比": success, or a share to raise, wherever the word stands
    for word in reading.lower_name_reversers:
        reach = _REVERSER_REACH if len(word) > 1 else 0
        at = head.rfind(word, max(len(head) - len(word) - reach, 0))
        between = head[at + len(word):]
        for part in reading.lower_name_break_words:
            between = between.replace(part, "")  # "降低术后死亡率": 后 of 术后 breaks nothing
        if at >= 0 and not any(b in between for b in reading.lower_name_breaks):
            return False  # "无差错率", "降低孕产妇死亡率"; not "减少审批环节后投诉率": it reduces something else
        at = head.rfind(word)
        if word in reading.none_words and at >= 0 and len(head) - at - len(word) <= _EVENT_NAME_LENGTH and head.endswith(reading.negated_events):
            return False  # "无安全事故", "杜绝安全事故": none of the event (not "不良事故": 不良 is a word of its own)
    if not name.endswith(reading.quantity_names) and not name.endswith(reading.unhandled_lower_names) and reading.handles(name, len(head)):
        # work done on an amount of it ("治理水土流失面积", "削减排放量"; a rate of the work, "整改超期率",
        # is still the failures'; not "监测设备故障次数": the equipment's)
        return False
    return True


_HANDLING_REACH = 4  # "解决群众信访问题": the characters a handling word may stand before the harm it acts on
_EVENT_NAME_LENGTH = 4  # "安全事故", "质量事故": the event a negation before it names
_REVERSER_REACH = 3  # "降低孕产妇死亡率": the characters a reverser of two or more may stand before the word
