"""Scoring target/actual rows (一级/二级/三级指标 with 年度指标值, 实际完成值, 分值, 得分).

The rule file says how each kind of row is scored (`[rows]`) and how figures are written
(`[reading]`); this module picks a row's method, reads its target and actual with the value
parser, and evaluates the method (a worded actual is graded by `wording.WordingGrader`).  A
notation the parser does not know, a phrase the vocabulary lacks, a pair of units without a
declared conversion, or a missing weight makes the row unverifiable with its reason — never a
guessed score.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from ..cases.model import Row
from ..findings import Finding, finding
from ..numbers import NumberError, fmt, fmt_share, normalize_phrase, round_half_up, to_decimal
from ..plain import replace as plain_replace
from ..rules.expressions import EvaluationError, Evaluator
from ..rules.model import CompiledDurations, CompiledMethod, CompiledRows
from .readings import (
    BESIDES,
    CLAUSE_BREAK,
    ON_TIME,
    REMARK_AT_END,
    ParsedValue,
    Reading,
    RivalResult,
    UnfinishedResult,
    ValueParseError,
    bare_name,
    bare_year,
    change_way,
    fold,
    is_lower_name,
    lower_name_word,
    made_of,
    month_day,
    named_change,
    parse_value,
    said_done,
    says_late,
    strip_trailing,
    written_as_ratio,
    year_month,
)
from .results import SHORT_OF_FULL, IndicatorResult, InputUse, PartResult, ValueUse
from .trace import FULL, Recorder
from .units import UnitMatcher
from .wording import WordingGrader

# A method id that means "decided by the written values", usable in rule_names and select.
BY_VALUES = "by_comparator"
ACTUAL = "实际完成值"  # the actual's label in messages; parsed as an actual (`parse_value`'s ``actual``)
# A cell ending in a figure with no unit of its own: a digit, or a numeral after one ("1.2万")
_UNITLESS_END = re.compile(r"\d[万千百亿]?\s*$")
_BARE_FIGURE = re.compile(r"[<>=≥≤]{0,2}-?\d+(?:\.\d+)?")  # a target cell with a figure and nothing else
# "12月", "≥12月", "全年12月": a number of months, or a month of the year?  (`RowScorer._months`)
_BARE_MONTHS = re.compile(r"([^0-9]*?)([0-9]{1,3})月")
# Heads of names whose figure may be a date as well as a length of time ("完成时间", "完成时限",
# "服务期限", "合同到期", "填报日期", "春季造林期", "二期", "时段"): a month there stays a month of the year.
_DATE_HEADS = ("时间", "时限", "期限", "日期", "到期", "节点", "期", "时段")
# Ends of names whose bare figures written "6.30" may be days: "项目完成时间", "验收日期", "完工节点",
# "资金拨付及时性".
_DAY_NAMES = ("时间", "日期", "节点", "及时性")
# Words and marks of a date, and 个月 (a sheet writing months so may mean July by "7月")
_DATED = ("年", "日", "号", "底", "前", "旬", "初", "末", ".", "-", "/", "个月")
# A target's comparator and whether a figure meets it.
_MEETS = {">=": lambda v, aim: v >= aim, ">": lambda v, aim: v > aim, "<=": lambda v, aim: v <= aim, "<": lambda v, aim: v < aim}
# Words of a bracket saying why a cell falls short of its target ("20户因外出务工，无法入户", "剩余20户明年完成").
_SHORTFALL = ("剩余", "尚有", "未", "无法", "延期", "延至", "推迟", "取消", "因", "由于", "跨年",
              # … or not done, still to do (review DL A3; not "已补办", "模拟", "外出务工" said of what is counted:
              # review DN A1): "另有5人请假", "另有2人死亡停发", "另需补办2场", "拟于2025年发放"
              "请假", "死亡", "去世", "停发", "放弃", "待发", "待补", "待完成", "待安排", "待验收", "拟于", "拟在", "拟将", "另需",
              "需补", "次年", "明年", "下年")
# … or still being built ("2个（另1个在建）": review EL B2; not "在建设银行", "在建档立卡户", "已建成正在使用": review EM A2)
_BEING_BUILT = re.compile(r"在建(?![设档筑立])|建设中|施工中|正在(?:建设|施工)")
# A 时效 row's name saying its figure is a limit on the time the work may take, or the work a limit written
# "…内" is on (`RowScorer._time_limit`)
_LIMIT_NAMES = ("时限", "期限", "工期")
_DOING = ("拨付", "发放", "兑付", "支付", "下达", "到位", "办结", "办理", "受理", "处理", "答复", "反馈", "审批", "整改", "完成")
# … or of an earlier year ("另有1起为上年发生"): missing from a count to reach, and no reading under a limit
_EARLIER = ("为上年", "系上年", "属上年", "上年发生", "去年发生", "上年遗留", "上年结转", "为去年", "往年")
# Words of a bracket saying a figure is outside the cell's ("尾款8万元未支付"), besides those saying it is beside it
# (`readings.BESIDES`: "未含尾款8万元", "另需配套5万元", "另有1起").
_OUTSIDE = ("尾款", "未支付", "未结算", "超支")
# Money a bracket says was kept, not spent ("还有结余5万元", "此外节约资金5万元"): never added to what was (review DK A4)
_KEPT = ("结余", "节约", "节省", "节支", "上缴", "退回", "收回", "盈余")
# What a saving verb before it saves, where the name is the saving ("节约财政资金", "节约成本"; not
# "节约用电改造", "节约宣传经费", "节约用水补助": a works, a purpose's money, a subsidy).
_MONEY = ("财政", "项目", "采购", "专项", "成本", "资金", "经费", "费用", "开支", "支出")
_TRAILING_UNIT = re.compile(r"[<>=≥≤]{0,2}-?\d+(?:\.\d+)?([^\d]*)")  # a figure, and what follows it
# A target written as a deadline: with its year, its day or a word of "by" ("2024年10月31日前", "12月底",
# "9.30前", "第四季度", "年内"), not a bare month ("6月"), which a row may mean as a length of time
_DEADLINE_WRITTEN = re.compile(r"(?:19|20)\d{2}|[日号前底末内季]|半年|当年|本年|今年|\d\.\d")
# which way a comparator bounds a figure: an actual bounded one way cannot show a target bounded the other met
_BOUNDS = {">=": ">", ">": ">", "<=": "<", "<": "<"}
_FLIP = {">=": "<=", "<=": ">=", ">": "<", "<": ">"}
# What may follow last year in a target holding a figure to it: "不高于上年水平", "不低于上年同期"
_BASE_TAILS = ("水平", "同期", "数", "的")
_HUNDRED = Decimal(100)  # a percentage of all of it: what a word saying the work is done stands for
_COUNTED = re.compile(r"[0-9.]+[^\W\d_]{0,3}")  # a figure and its unit, "10户"
_UPWARD = (">=", ">")
_COMPARATOR_SIGNS = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "=": "="}
_BOUND_WORDS = {">=": "下限（不低于", ">": "下限（高于", "<=": "上限（不高于", "<": "上限（低于"}
_DATE_BOUND_WORDS = {">=": "下限（不早于", ">": "下限（晚于", "<=": "上限（不晚于", "<": "上限（早于"}
_ACTUAL_READ = "完成值读作"  # the label of what an actual's wording was read as
_KINDS = {"date": "日期", "number": "数值", "text": "文字", "none": "未填", "any": "数值或日期"}


# Words of a row counting what was added or cut ("新增造林面积", "审批时限压缩天数"), beside the change words
_INCREMENTS = ("新增", "净增", "压缩", "压减", "缩短", "增加额", "增长额", "增收额", "减少额", "增加量", "增长量", "减少量")
# Names of a deviation, an error, a budget's adjustments or a price's fluctuation, which are how far either way
# (and a budget's adjustments or a price's fluctuation either way; not a change's size, 调整幅度, 变动幅度: a cost or a fee
# cut is no overrun, review FK B1)
_SIZES = ("偏差率", "偏差", "偏离度", "偏离率", "误差率", "误差", "调整率", "波动幅度", "波动率")
# Words of a part of a figure still waiting or under way ("3个待验收", "4人仍在学习"): not done yet (review FQ B)
_STILL = ("待", "仍在", "尚在", "正在")
# Words of a name measuring leverage, whose ratio to one ("1:9.6") is so many times, more being better
_LEVERAGE = ("倍数", "带动", "拉动", "撬动", "杠杆", "放大", "投入产出", "乘数")
# A percentage this large against a band either way ("≤±5%") is a rate's level, not how far it lies from one
_LEVEL = Decimal(50)
# ... and against a deviation's cap ("≤5%" in 预算执行偏差率), one this large (not a budget's adjustment: 调整率 60% may be
# one, review FS B)
_RATE_LEVEL = Decimal(80)
_DEVIATIONS = ("偏差率", "偏差", "偏离度", "偏离率")
# Grades of an accident or an event ("较大及以上", "重大"): none of them is not none at all (review FP A2)
_SEVERE = re.compile("(?:特别重大|重特大|较大|重大|特大)(?:及以上|以上)?")
# ... of them, what was added, which a row's name and its actual may both open with ("新增1200人" in 新增就业人数)
_ADDED = ("新增", "净增")


@dataclass
class _Outcome:
    part: PartResult
    method: CompiledMethod | None = None
    low: Decimal | None = None
    high: Decimal | None = None
    interval: bool = False
    tier: str | None = None  # the tier a worded actual was graded
    share: tuple[Decimal, Decimal] | None = None  # a row without a weight: what share of one it earns
    by_values: bool = False  # the method was chosen by the figures (rows.select), not named by the row or its group


def _share_text(share: tuple[Decimal, Decimal] | None) -> str:
    """What a row printed without a weight says of the share its figures earn."""
    return "" if share is None else f"；按完成情况应得该项分值的 {fmt_share(*share)}"


# Two weights a row printed without one is scored out of aside, to say the share its figures earn
# (the same share out of both: a method scoring in proportion to the weight).
_TRIAL_WEIGHTS = (Decimal(100), Decimal(10))


class _Unreadable(Exception):
    """A cell of the row cannot be read; carries the finding to report, and for an actual with
    rival figures in its bracket the reading's account of them (``rival``: `readings.RivalResult`)."""

    def __init__(self, reason: str, finding: Finding | None = None, rival: RivalResult | None = None, unfinished: str = ""):
        super().__init__(reason)
        self.reason = reason
        self.finding = finding
        self.rival = rival
        self.unfinished = unfinished  # an actual's remark saying it is no result yet ("因疫情未完成")
        self.figure: tuple[str | None, str | None] = (None, None)  # the figure and unit it is written after


class RowScorer(WordingGrader, UnitMatcher):
    """Scores the rows of one sheet under one rule set's `[rows]` rules and `[reading]` vocabulary."""

    def __init__(self, rules: CompiledRows, reading: Reading, evaluator: Evaluator, year: int | None, recorder: Recorder = FULL):
        self.rules = rules
        self.reading = reading
        self.evaluator = evaluator
        self.year = year
        self.recorder = recorder

    def score(self, row: Row, index: int, where: str, findings: list[Finding], weight: Decimal | None = None) -> IndicatorResult:
        """Score one row out of ``weight`` (the row's printed weight, or one its group gives it);
        findings (unreadable values, overshoot, units) are appended."""
        weight = row.weight if weight is None else weight
        row_id = row.id or f"row{index + 1}"
        place = f"{where}.rows[{index}]({row.name})"
        uses: list[InputUse] = []
        values: list[ValueUse] = []
        if self.recorder.traced:
            for name, label, text in (("target", "年度指标值", self._target_text(row)), ("actual", ACTUAL, row.actual)):
                if text is not None:
                    uses.append(InputUse(name, label, "", None, row.source, "given", text))
        try:
            outcome = self._evaluate(row, weight, place, findings, values)
        except _Unreadable as exc:
            outcome = _Outcome(PartResult(row_id, row.name, weight or Decimal(0), "unverifiable", reason=exc.reason))
            if exc.finding is not None:
                findings.append(exc.finding)
        method = outcome.method
        result = IndicatorResult(
            id=row_id, name=row.name, group=tuple(row.group), weight=weight,
            rule_text=(method.rule_text or method.label) if method else self.rules.rule_text,
            decision=self.rules.decision, rounding=2, single=True, parts=[outcome.part],
            inputs=uses, values=values, interval=outcome.interval, share=outcome.share,
        )
        part = outcome.part
        if outcome.interval:
            result.low_raw, result.high_raw = outcome.low, outcome.high
        elif part.score is not None:
            result.raw = part.score
            result.low_raw = result.high_raw = part.score
            result.computed = round_half_up(part.score, 2)
        elif weight is not None:
            result.low_raw, result.high_raw = Decimal(0), weight
        return result

    # -- reading the cells -------------------------------------------------------------------

    def _target_text(self, row: Row) -> str | None:
        """The target as the form means it: the 指标性质 column may carry its comparator and the
        度量单位 column its unit (Sichuan: "≥" | "12" | "次")."""
        if row.target is None:
            return None
        text = self._without_name(row.target, row) or row.target
        nature = (row.nature or "").strip()
        blank = "".join(fold(text).split()) in ("", *self.reading.not_given)  # "≥" | "": no target (review EB B2)
        if nature and self.reading.comparator(nature) and not blank:
            if not self.reading.starts_with_comparator("".join(fold(text).split())):
                text = nature + text
        unit = (row.unit or "").strip()
        if unit and unit not in text and "".join(text.split()) not in self.reading.not_given and _UNITLESS_END.search(fold(text)):
            # the 度量单位 column is the unit of a figure written without one ("≥95" | "%", "1.2万" | "人次"), not
            # a second unit after one ("95%" | "百分比": review DN A7)
            text = text + unit
        elif not unit and _BARE_FIGURE.fullmatch("".join(fold(text).split())) and (named := self._name_unit(row)) and self._in_unit_of(row, named):
            # "任务完成时限(月)" | "10" | "12": 10个月; "项目完成时间(年)" | "2024" | "2024年": the year
            text = text + named
        if not nature and self._plain_figure("".join(fold(text).split())):
            said = self._name_comparator(row)
            if said:
                # "投诉件数(≤件)" | "5", "种母猪(≤头)" | "20头": at most 5, at most 20头, as sheets
                # print the comparator (and the unit) in the name
                text = said + text
        return self._months(row, text)

    def _months(self, row: Row, text: str) -> str:
        """A figure of months written "12月" (or "≥12" with 度量单位 "月") as "12个月" where the row's
        name is a length of time (it ends with a head of rows.no_comparator.durations that is no
        date's: "供水时长", "项目建设周期", "设施正常运行月数"), where "12月" is not December;
        ``text`` unchanged anywhere else."""
        durations = self.rules.no_comparator_durations
        if durations is None or "月" not in text:
            return text
        found = _BARE_MONTHS.fullmatch("".join(fold(text).split()))
        if found is None:
            return text
        name = _row_name(row)
        head = max((h for h in durations.heads if name.endswith(h)), key=len, default=None)
        if head is None or head in _DATE_HEADS:  # "周期" is a length, though "期" may be a date's
            return text
        if any(any(w in "".join(fold(cell or "").split()) for w in _DATED) for cell in (row.target, row.actual)):
            return text  # "12月" against "11月20日", "2023年10月" or "6个月": a month of the year, or which is not said
        return f"{found[1]}{found[2]}个月"

    def _other_step(self, row: Row) -> str | None:
        """The step an actual's date is of when it is not the one the row's deadline is for
        (reading.date_steps: "2024年11月开工" in 项目完成时间, but not in 项目开工时间); None otherwise."""
        actual = "".join(fold(row.actual or "").split()).rstrip("。")
        step = next((w for w in self.reading.date_steps if actual.endswith(w)), None)
        if step is None or step in _row_name(row) or step in (row.target or ""):
            return None
        return step

    def _plain_figure(self, compact: str) -> bool:
        """Whether a target is a figure with nothing but maybe a unit: no comparator of its own
        before it ("≥20") or after it ("20头以上"), no words."""
        written = _TRAILING_UNIT.fullmatch(compact)
        if written is None or not (compact[:1].isdigit() or compact[:1] == "-"):
            return False
        return not written[1] or self.reading.is_unit(written[1])

    def _in_unit_of(self, row: Row, unit: str) -> bool:
        """Whether a row's actual is bare or written in a unit that converts with ``unit``
        ("项目总成本(万元)" | "90" | "950000元"); an actual in another unit gives the target its
        own ("覆盖乡镇(个)" | "12" | "12个乡镇")."""
        return self._written_in(row.actual, unit, True)

    def _near(self, actual: ParsedValue, row: Row, place: str) -> bool:
        """Whether an actual is within `reading.bare_unit_doubt`'s ``near`` of the row's target, in
        the unit both convert into (True where the rule file declares no doubt)."""
        doubt = self.reading.bare_unit_doubt
        if doubt is None:
            return True
        try:
            target = self._read_cell(self._target_text(row), row, "年度指标值", place)
        except _Unreadable:
            return True
        tb, tf = self.reading.to_base(target.unit)
        ab, af = self.reading.to_base(actual.unit)
        if tb != ab or not target.number or not actual.number or target.number <= 0 or actual.number <= 0:
            return True
        return 1 / doubt[1] <= actual.number * af / (target.number * tf) <= doubt[1]

    def _scaled_target(self, row: Row) -> bool:
        """Whether a row's target cell is a figure with a numeral alone after it ("1.2万", "≥50万")."""
        written = _TRAILING_UNIT.fullmatch("".join(fold(row.target or "").split()))
        return written is not None and self.reading.multiplier(written[1]) is not None

    def _written_in(self, text: str | None, unit: str, bare: bool) -> bool:
        """Whether a figure's cell is in a unit that converts with ``unit`` (or is the numeral
        that unit starts with: "55万" and 万元); ``bare``: what a figure without a unit is."""
        written = _TRAILING_UNIT.fullmatch("".join(fold(text or "").split()))
        if written is None:
            return False
        if unit in self.reading.date_units:
            return written[1] == unit  # a year: only against an actual written as one ("2024" | "2024" stay figures)
        if not written[1]:
            return bare
        reading = self.reading
        if reading.multiplier(written[1]) is not None and unit.startswith(written[1]):
            return True
        return reading.to_base(reading.unit(written[1]))[0] == reading.to_base(unit)[0]

    def _name_comparator(self, row: Row) -> str | None:
        """The comparator a row's name prints in brackets at its end, before a unit or a blank for
        the figure ("投诉件数(≤件)", "病死率(≤**%)", "建设面积(≥**平方米)"); None when it prints none."""
        remark = REMARK_AT_END.search("".join(fold(row.name or "").split()))
        if remark is None:
            return None
        inside = remark[0][1:-1]
        for word, _ in self.reading.prefixes_by_first.get(inside[:1], ()):
            if inside.startswith(word) and not word[:1].isalpha():  # a sign, not a word: "(≥**平方米)"
                return word
        return None

    def _name_unit(self, row: Row) -> str | None:
        """The unit a row's name gives in brackets at its end ("任务完成时限(月)", "资金拨付时限（工作日）",
        after a comparator and the form's blank: "建设面积(≥**平方米)"), in its canonical spelling
        ("月" after a figure is 个月); None when it gives none."""
        remark = REMARK_AT_END.search("".join(fold(row.name or "").split()))
        if remark is None:
            return None
        written = remark[0][1:-1]
        reading = self.reading
        said = self._name_comparator(row)
        written = written[len(said):] if said else written
        written = written.lstrip("*＊")  # "(≥**平方米)": the form's blank for the figure
        if written in reading.date_units:
            return written  # "项目完成时间(年)": a year, where the actual is one (`_in_unit_of`)
        if reading.is_unit(written):
            return reading.unit(written)
        return None

    def _parse_actual(self, row: Row, place: str) -> ParsedValue:
        """The actual, without a word before its figure that names what the row's name counts
        (reading.named_fillers: "已拨付90%" in 资金拨付率)."""
        text = row.actual
        part = _named_part(text, _row_name(row), self.reading.component_words)
        # … unless the target is written the same: whichever figure is meant, it is met
        if part is not None and "".join(fold(row.target or "").split()) != "".join(fold(text).split()):
            # "200户（其中建档立卡贫困户80户）" in 建档立卡贫困户补贴发放户数: the whole, or the part the name
            # names?  Reviews AO–AQ found every rule for choosing misreading some wording; the
            # evaluator chooses, and the whole is never credited unasked
            why = f"{row.name}“{ACTUAL}”：“{text}”括号中另列的“{part}”正是指标名称所计的，无法确定完成值应取总数还是这一部分"
            raise _Unreadable(why, finding("unreadable_value", f"{why}，该行无法核验", place))
        column = (row.unit or "").strip()
        if column and _BARE_FIGURE.fullmatch("".join(fold(text).split())) and self._scaled_target(row):
            # Sichuan "1.2万" | 人次 | "9600": the 度量单位 column is the bare actual's unit too, where the
            # target carries its own numeral (9600人次 against 1.2万人次) and that reading is the near one
            # ("50万" | 元 | "55" is 55万元, as the target is written)
            appended = self._read_cell(text + column, row, ACTUAL, place)
            if self._near(appended, row, place):
                return replace(appended, raw=text)
        if column and any(ch in column for ch in _DATE_CHARS) and _BARE_FIGURE.fullmatch("".join(fold(text).split())):
            dated = self._dated_by_column(row, text + column, place)
            if dated is not None:
                return replace(dated, raw=text)
        named = None if column else self._name_unit(row)
        # not a rate's: a bare figure against one may be a fraction ("资金到位率（%）" | "100%" | "1")
        if named and named not in ("%", "‰") and _BARE_FIGURE.fullmatch("".join(fold(text).split())) and self._written_in(row.target, named, False):
            # "道路长度（米）" | "≥5公里" | "4500": 4500米 (a bare target takes the name's unit in `_target_text`)
            return replace(self._read_cell(text + named, row, ACTUAL, place), raw=text)
        if self.reading.named_fillers:
            compact = "".join(fold(text).split())
            name = _row_name(row)
            for word, named in self.reading.named_fillers:  # longest first
                rest = compact[len(word):]
                if not (compact.startswith(word) and rest and (_named_for(name, named, self.reading.quantity_suffixes)
                                                               or _opened_with(name, word, self.reading.quantity_names))):
                    continue
                # before the figure itself ("覆盖率低于95%" holds a quantity's name), in a row named
                # for it ("资金拨付率", "培训人数"; not "年度支出结余率", "受益群众满意度")
                if rest[0].isdigit() or self.reading.starts_with_comparator(rest):
                    return replace(self._read_part(rest, text, row, place), raw=text)
                # … or before what the name says it is done to, the name's words turned round
                # ("发放宣传资料2000份" in 宣传资料发放数量, "培训农民300人次" in 农民培训人次)
                figure = _after_object(rest, name[: name.rfind(named)], self.reading)
                if figure is not None:
                    return replace(self._read_part(figure, text, row, place), raw=text)
        rest = self._without_name(text, row)
        if rest is not None:
            return replace(self._read_part(rest, text, row, place), raw=text)
        months = self._months(row, text)
        if months is not text:
            return replace(self._read_cell(months, row, ACTUAL, place), raw=text)  # "10月" of 供水时长: 10个月
        return self._read_cell(text, row, ACTUAL, place)

    def _read_part(self, part: str, text: str, row: Row, place: str) -> ParsedValue:
        """The actual's figure ``part``, read without the words before it; a message about it quotes the cell as
        written, ``text`` (review FP B9: "无法识别的写法“2次,疏散演练1次”" quoted what the cell does not hold)."""
        try:
            return self._read_cell(part, row, ACTUAL, place)
        except _Unreadable as unread:
            quoted = f"“{part}”"
            if quoted not in unread.reason:
                raise
            said = _Unreadable(unread.reason.replace(quoted, f"“{text}”"), unread.finding, unread.rival, unread.unfinished)
            if unread.finding is not None:
                f = unread.finding
                said.finding = finding(f.code, f.message.replace(quoted, f"“{text}”"), f.where, f.severity)
            said.figure = unread.figure
            raise said from None

    def _dated_by_column(self, row: Row, text: str, place: str) -> ParsedValue | None:
        """A bare actual read with the 度量单位 column ``text`` has, where that column makes the target
        a date and the actual one too ("≤" | "12" | "月" | "12": December, or 12 months, alike on both
        cells; review BL B1); None otherwise (a figure against a figure keeps the target's unit)."""
        try:
            target = self._read_cell(self._target_text(row), row, "年度指标值", place)
            if target.kind != "date":
                return None
            dated = self._read_cell(self._months(row, text), row, ACTUAL, place)
        except _Unreadable:
            return None
        return dated if dated.kind == "date" else None

    def _without_name(self, text: str, row: Row) -> str | None:
        """A cell without the row's own name (or its end) written before its figure or comparator
        ("人均增收8000元" in 务工人员年人均增收, "培训2次" in 监管人员培训); None when it starts with no
        such word.  Two characters at least: one may be anything."""
        compact = "".join(fold(text).split())
        if not compact[:1].isalpha():
            return None
        name = _row_name(row)
        # the name may follow words that say nothing of the figure (reading.fillers: "完成培训20次",
        # "累计完成培训20次" in 培训次数, "发生重大安全事故2起" in 重大安全事故); no other lead, which may
        # turn it round ("增加培训20次", "尚未培训20次", "原定培训20次")
        fillers = self.reading.fillers
        leads = [0, *(k for k in range(1, min(len(compact) - 2, 7)) if compact[:k].isalpha() and made_of(compact[:k], fillers))]
        for lead in leads:
            said = compact[lead:]
            for end in range(min(len(said) - 1, len(name) + 4), 1, -1):  # the longest first
                head, rest = said[:end], said[end:]
                # a quantity's name ("故障率0.5%", "合格率99%") is the quantity reading's, which knows
                # the names that go the other way ("合格率" in 产品不合格率, "差错率" in 无差错率)
                if (head.isalpha() and not head.endswith(self.reading.quantity_names)
                        and head not in self.reading.rise_words and head not in self.reading.fall_words  # a change's size: `_check_change`
                        and (rest[0].isdigit() or self.reading.starts_with_comparator(rest))
                        and _named_for(name, head, self.reading.quantity_suffixes)
                        and not _counts_the_others(name[: name.rfind(head)], head)):  # "整改问题5个" in 未整改问题数
                    return rest
        return None

    def _parse(self, text: str, row: Row, label: str, place: str) -> ParsedValue:
        """A cell read by the vocabulary alone (the lean path keeps what reads, by text and label)."""
        try:
            return parse_value(text, self.reading, where=f"{row.name}“{label}”", year=self.year, actual=label == ACTUAL)
        except ValueParseError as exc:
            rival = exc if isinstance(exc, RivalResult) else None
            unread = _Unreadable(str(exc), finding(exc.code, f"{exc}，该行无法核验", place), rival,
                                 exc.said if isinstance(exc, UnfinishedResult) else "")
            if isinstance(exc, UnfinishedResult):
                unread.figure = (exc.figure, exc.unit)
            raise unread from None

    def _read_cell(self, text: str, row: Row, label: str, place: str) -> ParsedValue:
        """A cell read, with what its row says of a remark after its unit (`_remark_fits`)."""
        value = self._parse(text, row, label, place)
        if value.remark is not None and value.kind != "date" and not self._remark_fits(value, row):
            why = f"{row.name}“{label}”：“{text}”中的“{value.remark}”与指标名称所计的不是同一件事，无法比较"
            raise _Unreadable(why, finding("unreadable_value", f"{why}，该行无法核验", place))
        return value

    def _remark_fits(self, value: ParsedValue, row: Row) -> bool:
        """Whether a remark after a figure's unit is about what the row counts.  After a rate, it
        shares a character with the row's name ("100%合格" in 验收合格率; not "100%受理" in 投诉办结率
        or "95%覆盖" in 群众满意度).  After a duration, a word of reading.finishing_remarks fits any
        row ("180天完工"), and any other fits unless the name says another step the time is for
        (a word of rows.no_comparator.durations.names it shares no character with: "24小时响应"
        in 故障修复时间; "24小时内响应" in 服务及时性 fits)."""
        remark, reading = value.remark, self.reading
        name = _row_name(row)
        core = "".join(ch for ch in remark if ch not in reading.remark_fillers)
        shares = any(ch in name for ch in core)
        if value.unit in reading.rate_units:
            # the rate's own words: "100%合格" in 验收合格率, "100%拨付到位" in 资金到位率, "100%整改"
            # in 整改完成率; not "100%处理" in 投诉处理满意度, "100%验收" in 项目验收合格率 or "100%受理"
            # in 受理投诉办结率
            stem = name[:-1] if name.endswith(reading.quantity_names) else name
            step = remark  # "拨付到位", "整改完毕": the step, before the words saying it was finished
            while end := next((w for w in reading.finishing_remarks if step.endswith(w) and len(step) > len(w)), ""):
                step = step[: -len(end)]  # finishing_remarks: longest first
            if any(stem.endswith(told[i:]) for told in {remark, step} for i in range(max(len(told) - 1, 1))):
                return True
            return any(stem.endswith(step + w) for w in reading.finishing_remarks)  # "100%整改到位" in 整改完成率
        if shares or made_of(remark, reading.finishing_remarks):
            return True
        durations = self.rules.no_comparator_durations
        return not (durations and any(w in name for w in durations.names))

    def _time_limit(self, row: Row, target: ParsedValue, actual: ParsedValue) -> bool:
        """Whether a worded actual answers a time limit as a deadline is answered: the target is one
        ("15个工作日内", "≤30天") in a 时效 row named a limit (拨付时限, 办结期限, 工期) or written "…内" on doing
        something its name says (资金拨付, 补助发放), under rules
        whose deadline method says which words meet a deadline (its `text_words`), and the words are one
        of them that says when ("按时拨付", "及时": review EI B1).  Not a length of time that is no limit on
        doing the work (平均住院日, 停电时间, 培训天数), nor words silent on time ("完成", "已完工": review EK
        A4); words the method does not list keep saying they cannot be compared with a figure (review EK B5)."""
        durations = self.rules.no_comparator_durations
        dated = self.rules.methods.get(self.rules.select.get("date", ""))
        if durations is None or dated is None or dated.text_target is None:
            return False
        if target.comparator not in ("<=", "<") or target.unit not in durations.units:
            return False
        if not any(p in normalize_phrase(level) for level in row.group for p in durations.groups):
            return False
        name = _row_name(row)
        # named a limit (拨付时限, 办结期限, 工期), or a limit written "…内" on doing something the name says
        # (资金拨付, 补助发放; not 平均住院日: review EM)
        if not (any(w in name for w in _LIMIT_NAMES) or (normalize_phrase(target.raw).endswith("内") and any(w in name for w in _DOING))):
            return False
        said = normalize_phrase(actual.text or actual.raw)
        if not any(w in said for w in ON_TIME):
            return False
        return said in dated.text_words

    def _dated_both(self, row: Row, place: str) -> bool:
        """Whether a row's target and actual both read as dates."""
        try:
            return (self._parse(row.target, row, "年度指标值", place).kind == "date"
                    and self._parse(row.actual, row, ACTUAL, place).kind == "date")
        except _Unreadable:
            return False

    def _dated_answered(self, row: Row, place: str) -> bool:
        """Whether a row's target reads as a date and its actual as words, under rules whose deadline
        method says which words answer a date (its `text_target`)."""
        dated = self.rules.methods.get(self.rules.select["date"])
        if dated is None or dated.text_target is None:
            return False
        try:
            return (self._parse(row.target, row, "年度指标值", place).kind == "date"
                    and self._parse(row.actual, row, ACTUAL, place).kind == "text")
        except _Unreadable:
            return False

    def _figures_both(self, row: Row, place: str) -> tuple[ParsedValue, ParsedValue] | None:
        """A row's target and actual where both read as figures in one unit (the actual may be bare),
        the target with a comparator or none; None otherwise."""
        if row.target is None:
            return None
        try:
            target = self._read_cell(self._target_text(row), row, "年度指标值", place)
            actual = self._parse_actual(row, place)
        except _Unreadable:
            return None
        if target.kind != "number" or actual.kind != "number" or actual.comparator not in (None, "="):
            return None
        # the direction written, never guessed: "0起" against "2起" is no "at least" (review BO A1); one
        # unit, the actual bare only beside a 度量单位 column both share ("4000000" against "≥500万元" is
        # not 4000000万元, review BO A2)
        if target.comparator is None or target.approximate or actual.approximate:
            return None
        column = (row.unit or "").strip()
        if actual.unit != target.unit and not (actual.unit is None and column):
            return None
        if actual.unit is None and not self._near(replace(actual, unit=target.unit), row, place):
            return None  # "4000000" against "≥500" | 万元: which unit it is in is in doubt, as in a 定量 row
        return target, actual

    def _qualitative_figures(self, row: Row, weight: Decimal, actual: ParsedValue, figures: tuple[ParsedValue, ParsedValue],
                             outcome: _Outcome, values: list[ValueUse]) -> _Outcome:
        """A row marked 定性 (or graded by 评判等级) that holds figures ("定性" | "≥95%" | "97.3%"): met, it
        reached its target, as the same words would (review BL B2); short of it, how far is the
        evaluator's."""
        target, done = figures
        t, a = target.number, done.number
        met = {">=": a >= t, ">": a > t, "<=": a <= t, "<": a < t, "=": a == t}.get(target.comparator)
        equal = self.rules.text_equal_to_target
        if met and equal is not None:
            return self._graded(row, weight, actual, outcome, values, equal, f"完成值“{row.actual}”达到指标值“{row.target}”")
        # "=97%" against "=95%" (the "=" Xinjiang's forms put before every figure): not equal, which is no miss
        missed = "不等于" if target.comparator == "=" else "未达到"
        if missed == "未达到" and equal is not None and len(self.rules.tiers) > 1:
            # short of its target, the row did not reach it: any tier but the one reaching it, as the
            # evaluator grades it ("=93%" against ">=95%" in 按评判等级赋分: 0～8 of 10; review DY B3)
            return self._short_of_target(actual, weight, outcome, f"未达到指标值“{row.target}”", equal, values)
        outcome.part.state = "judgement"
        outcome.part.reason = f"定性评价的完成值“{row.actual}”{missed}指标值“{row.target}”，评为哪一档由评价人判断"
        return outcome

    def _declared_method(self, row: Row, place: str, findings: list[Finding]) -> CompiledMethod | None:
        """The method the row's 赋分规则 or 指标性质 column names, if any."""
        blank = self.reading.not_given  # "/" (or "／", "—") in the 赋分规则 or 指标性质 column: none printed
        if row.rule and "".join(fold(row.rule).split()) not in blank:
            written = normalize_phrase(row.rule)
            chosen = self.rules.rule_names.get(written)
            if chosen is None:
                like = _rule_name_like(written, self.rules.rule_names)
                if like is not None:
                    # a name typed by hand a character off ("按照完成比列赋分") or with words around it ("按满意度赋分",
                    # "直接赋分（达到得满分）"): read as the one name it can be, and said so (review EN B1)
                    chosen = self.rules.rule_names[like]
                    findings.append(finding("row_rule_read", f"{row.name}：赋分规则“{row.rule}”按“{like}”读", place))
            if chosen is None:
                known = "、".join(self.rules.rule_names)
                why = (f"赋分规则“{row.rule}”不是规则文件（rows.rule_names）中的写法；可写：{known}" if known
                       else f"规则集没有“赋分规则”一列（rows.rule_names），不能按“{row.rule}”计分")
                raise _Unreadable(why, finding("unknown_row_rule", f"{row.name}：{why}", place))
            if chosen != BY_VALUES:
                return self.rules.methods[chosen]
        nature = (row.nature or "").strip()
        if nature and "".join(fold(nature).split()) not in blank and self.reading.comparator(nature) is None:
            chosen = self.rules.select.get(normalize_phrase(nature))
            if chosen is not None:
                return None if chosen == BY_VALUES else self.rules.methods[chosen]
            probe = parse_or_none(nature, self.reading)
            if probe == "unknown_comparator":
                why = f"指标性质“{nature}”是规则文件未说明的比较符号"
                raise _Unreadable(why, finding("unknown_comparator", f"{row.name}：{why}，该行无法核验", place))
            words = "、".join(k for k in self.rules.select if not k.isascii())
            why = f"指标性质“{nature}”不是规则文件（rows.select）中的写法；可写 ≥、≤、＝ 等比较符号" + (f"或：{words}" if words else "")
            raise _Unreadable(why, finding("unknown_row_rule", f"{row.name}：{why}", place))
        return None

    def _group_method(self, row: Row) -> CompiledMethod | None:
        """The method rows.group_methods gives the row's group (the most specific level first), for
        a row whose 赋分规则 and 指标性质 columns name none; None where it gives none."""
        if not self.rules.group_methods:
            return None
        for level in reversed(row.group):
            name = normalize_phrase(level)
            chosen = next((m for word, m in self.rules.group_methods.items() if word in name), None)
            if chosen is not None:
                return None if chosen == BY_VALUES else self.rules.methods[chosen]
        return None

    # -- evaluation ------------------------------------------------------------------------

    def _evaluate(self, row: Row, weight: Decimal | None, place: str, findings: list[Finding], values: list[ValueUse]) -> _Outcome:
        part = PartResult(row.id or row.name, row.name, weight or Decimal(0), "unverifiable")
        outcome = _Outcome(part)
        method = self._declared_method(row, place, findings) or self._group_method(row)
        if row.actual is None:
            part.reason = "文件未给出指标值和完成值" if row.target is None else "文件未给出实际完成值"
            return outcome
        qualitative = method is not None and method.reads == "text"
        if qualitative and row.target is not None and "date" in self.rules.select and (
                self._dated_both(row, place) or self._dated_answered(row, place)):
            # a 时效 row marked 定性 that holds dates ("2024年12月31日前" | "2024年11月"), or a date answered in the
            # words the deadline method reads ("按期完成": review DO A1): the deadline they are
            method, qualitative = self.rules.methods[self.rules.select["date"]], False
        row = _without_equals(row)
        try:
            actual = _text_value(row.actual) if qualitative else self._parse_actual(row, place)
        except _Unreadable as unread:
            actual = self._lower_named(row, method, place) or self._narrative(row, place)
            if actual is None and (actual := self._rival_settled(row, unread, method, place)) is not None:
                # a rate that does not fit its own parts is wrong as printed, whichever of the two the target is met by
                findings += [finding("stated_rate_mismatch", f"{row.name}“实际完成值”“{row.actual.strip()}”：{r.mismatch}，"
                                     f"两者均达到年度指标值，按所印 {fmt(actual.number)}{actual.unit or ''} 计分", place)
                             for r in unread.rival.rivals if r.mismatch]
            if actual is None and unread.unfinished and self._not_done(row, unread, place):
                # "480人次（因疫情未完成）", "3场（部分未开展）": whichever figure it is, the sheet says the
                # work asked was not done, so the full weight is more than the row earns (review CH A4)
                said = f"{unread.reason}；实际完成值注明“{unread.unfinished}”，未达到年度指标值"
                if self._figure_misses(row, unread, place) and self._missed_alike(method, weight, part, said):
                    return outcome
                part.state = "judgement"
                part.short_of_weight = True
                part.reason = f"{said}，得分由评价人判断"
                return outcome
            if actual is None:
                raise
        if actual.kind == "none" or (qualitative and "".join(row.actual.split()) in ("", *self.reading.not_given)):
            part.reason = f"实际完成值未填（“{row.actual.strip()}”）" if row.actual.strip() else "实际完成值未填"
            return outcome
        target = None
        target_text = self._target_text(row)
        if target_text is not None and not qualitative:
            try:
                target = self._read_cell(target_text, row, "年度指标值", place)
            except _Unreadable:
                if actual.kind != "text":
                    raise
                # a narrative target ("组织7个村…") against a worded actual: graded by the wording
        if target is not None and target.kind == "none":
            part.reason = f"年度指标值未填（“{row.target.strip()}”）" if row.target.strip() else "年度指标值未填"
            return outcome
        if target is not None and target.comparator in self.rules.prefix_comparators and target.kind in ("number", "date"):
            # the form's own prefix ("=1次", "=2024年12月31日" in Xinjiang's): the figure or the date is
            # read as written bare (a date: a deadline)
            target = replace(target, comparator=None)
        if target is not None and target.comparator in _FLIP:
            self._check_nature(row, target.comparator, place)
        actual = self._check_named(row, actual, target, values)
        reached = next((v for v in (actual, target) if v is not None and v.reached), None)
        if reached is not None and (named_change(_row_name(row), self.reading) is not None or any(w in _row_name(row) for w in _INCREMENTS)):
            # "由1.2万亩增加到1.5万亩" in 新增造林面积: the level reached, not the change the row counts (review FE A1)
            raise _Unreadable(f"“{reached.raw}”写的是变化后达到的水平（“{reached.reached}”），指标“{row.name}”计的是变化幅度，无法比较")
        if actual.change or (target is not None and target.change):
            written = target
            target, actual = self._check_change(row, target, actual, values)
            if target is not None and written is not None and target.kind == "text" and target.text != written.text:
                row = plain_replace(row, target=target.text)  # "不高于上年" graded as the change it forbids, "不增长"
        if target is not None and actual.kind == "number" and not qualitative:
            actual = self._counted_words(row, target, actual, values) or actual
        if target is not None and actual.kind != target.kind and "date" in (actual.kind, target.kind):
            # "2024.06" against "2024年12月前": a year and month written with a dot, as the other side is a date;
            # "12.20" against "2024年12月31日前", "10.8" against "9.30前": a month and day of the sheet's year
            # (not where a 度量单位 column gives the bare figure a unit: "12.5" in 月 is no day)
            year = None if (row.unit or "").strip() else self.year
            target, actual = (year_month(target, self.reading) or month_day(target, self.reading, year) or target,
                              year_month(actual, self.reading) or month_day(actual, self.reading, year) or actual)
            target, actual = bare_year(target) or target, bare_year(actual) or actual  # "2024" against "2024年"
        elif target is not None and target.kind == actual.kind == "number":
            target, actual = self._dotted_months(row, target, actual)
        limit = False
        if actual.kind == "text" and target is not None and target.kind == "number" and not qualitative:
            # a worded actual against a deadline ("按时完成") is graded by its wording; against a
            # figure it says nothing the figure can be checked with — unless the figure is a time
            # limit ("15个工作日内" | "按时拨付"), answered in words as a deadline is (review EI B1)
            try:
                actual = self._worded_actual(row, actual, target, values, method)
            except _Unreadable:
                limit = self._time_limit(row, target, actual)
                if not limit:
                    raise
        elif target is not None and target.kind == "text" and actual.kind == "number" and not qualitative:
            target = self._worded_target(row, target, actual, values)
        elif (target is not None and target.kind == actual.kind == "text" and not qualitative
              and normalize_phrase(target.text or target.raw) not in normalize_phrase(actual.text or actual.raw)
              and self._figure_of(normalize_phrase(target.text or target.raw), "指标值读作") is not None
              and self._figure_of(normalize_phrase(actual.text or actual.raw), _ACTUAL_READ) is not None):
            # "应保尽保" against "全覆盖": two different words standing for figures, compared as the
            # figures (the target's own word in the actual is graded as wording: "实现全覆盖")
            target = self._figure_word(target, normalize_phrase(target.text or target.raw), values, "指标值读作")
            actual = self._figure_word(actual, normalize_phrase(actual.text or actual.raw), values, _ACTUAL_READ)
        declared = method
        if declared is None and actual.kind == "text" and target is not None and (target.kind == "date" or limit) and not qualitative:
            # "按期完成" against "2024年12月31日前": the date's method, where the rules say which words meet it
            # (national.project@2020.8: a deadline met in words earns its weight, not a tier's range)
            dated = self.rules.methods.get(self.rules.select.get("date", ""))
            declared = dated if dated is not None and dated.text_met else None
        if method is None or (actual.kind == "text" and method.reads != "text"):
            method = self._by_values(row, target, actual)
            if declared is not None and declared.text_met and actual.kind == "text" and method.reads == "text":
                method = declared  # 直接赋分 on wording: the tier says whether the target is met, the method scores it
        outcome.method = method
        if self.recorder.traced:  # the null recorder would drop what is built for it
            self.recorder.value(values, ValueUse("method", "计分方法", method.label, "value"), first=True)
            why = self._direction_reason(row, target, method)
            if why:
                self.recorder.value(values, ValueUse("direction", "计分方法的依据", why, "value"))
            self.recorder.part(part, method.score)
        if weight is None:
            outcome.share = self._share(row, method, declared, qualitative, target, actual, place)
            part.reason = "文件未印出该项分值" + _share_text(outcome.share)
            return outcome
        return self._score_out_of(row, weight, method, declared, qualitative, target, actual, outcome, place, findings, values)

    def _score_out_of(self, row: Row, weight: Decimal, method: CompiledMethod, declared: CompiledMethod | None, qualitative: bool,
                      target: ParsedValue | None, actual: ParsedValue, outcome: _Outcome, place: str, findings: list[Finding],
                      values: list[ValueUse]) -> _Outcome:
        """The row scored out of ``weight`` by ``method``, its target and actual read."""
        outcome.by_values = declared is None
        if method.reads == "text":
            figures = self._figures_both(row, place) if qualitative and declared is not None else None
            if figures is not None:
                return self._qualitative_figures(row, weight, actual, figures, outcome, values)
            return self._qualitative(row, weight, actual, outcome, values)
        if actual.kind == "text" and method.text_met:
            return self._met_by_wording(row, weight, method, target, actual, outcome, values)
        return self._quantitative(row, weight, method, target, actual, outcome, place, findings, values)

    def _share(self, row: Row, method: CompiledMethod, declared: CompiledMethod | None, qualitative: bool,
               target: ParsedValue | None, actual: ParsedValue, place: str) -> tuple[Decimal, Decimal] | None:
        """For a row printed without a weight (on a form that prints it on its group's header): the
        least and most share of its weight that its figures earn, whatever the weight is — the
        officer sees which rows reached their targets, and a group whose rows all have one is
        held to its header's weight (`review.compare.header_groups`).  None where there is no such
        share (the method does not score in proportion to the weight, or the row is the
        evaluator's).  Scored out of two weights aside, with what that finds set aside: the row
        stays unverifiable."""
        shares = []
        for weight in _TRIAL_WEIGHTS:
            trial = _Outcome(PartResult(row.id or row.name, row.name, weight, "unverifiable"))
            try:
                trial = self._score_out_of(row, weight, method, declared, qualitative, target, actual, trial, place, [], [])
            except (_Unreadable, EvaluationError, ArithmeticError):
                return None  # an aside: what the row cannot be scored for is said when its weight is printed
            if trial.part.state != "scored":
                if trial.part.short_of_weight:
                    # a deadline missed: how much less than the weight is the evaluator's, but less it is (review FY A1)
                    shares.append((Decimal(0), SHORT_OF_FULL))
                    continue
                return None
            low, high = (trial.low, trial.high) if trial.interval else (trial.part.score, trial.part.score)
            if low is None or high is None:
                return None
            shares.append((Decimal(low) / weight, Decimal(high) / weight))
        return shares[0] if len(set(shares)) == 1 else None

    def _lower_named(self, row: Row, method: CompiledMethod | None, place: str) -> ParsedValue | None:
        """An actual that names a quantity lower is better without saying so again ("故障率0.5%"),
        against a target that bounds it from above ("≤1%", "故障率≤1%", a row marked 反向): the
        figure after the name.  None where it is not such an actual (the reading stands refused)."""
        reading = self.reading
        if not reading.lower_quantity_names or not reading.quantity_names:
            return None
        text = "".join(fold(row.actual).split())
        named = reading.quantity_name.match(text) if text[:1].isalpha() else None
        if named is not None and is_lower_name(named[1], reading):
            name, figure = named[1], text[len(named[1]):]
        elif (after := _lower_after(text, reading)) is not None:
            figure, name = after  # "0.5%故障率"
        else:
            return None
        target_text = self._target_text(row)
        if target_text is None:
            return None
        try:
            target = self._read_cell(target_text, row, "年度指标值", place)
        except _Unreadable:
            return None
        if target.kind != "number":
            return None
        try:
            value = self._read_cell(figure, row, ACTUAL, place)
        except _Unreadable:
            return None  # the cell's own text is what the message quotes
        if value.kind != "number":
            return None
        value = replace(value, raw=row.actual, named=name)
        if self._direction(row, target, method) not in ("<=", "<"):
            # against a rate to reach ("故障率1%" in 设备完好率 ≥95%): said to be another quantity
            # where the names tell it ("一个越低越好、一个越高越好"), else the cell stays unreadable
            self._check_named(row, value, target, [])
            return None
        return value

    def _narrative(self, row: Row, place: str) -> ParsedValue | None:
        """An actual holding a figure no reading takes, against a target worded with strength
        ("空气质量明显改善" | "空气质量明显改善，PM2.5浓度下降15%"): wording, as a qualitative row's
        actual is, for the strength of its words to be graded against the target's.  None where the
        target holds a figure or no strength ("无" | "无安全事故，有1起轻微事故" says what a figure
        says, and stays unread)."""
        target_text = self._target_text(row)
        if target_text is None or any(c.isdigit() for c in fold(target_text)) or not self._strong(target_text):
            return None
        text = fold(row.actual)
        plain = text
        for word in self.reading.short_exceptions:
            plain = plain.replace(word, "\0")
        if any(w in plain for w in self.reading.short_words):
            return None  # "满意度仅为75%": the figure says the wording falls short (not "仅用3个月")
        changes = self.rules.change_words
        worded = any(w in normalize_phrase(target_text) for w in changes)
        if not any(self._strong(clause) and not any(c.isdigit() for c in clause) and (not worded or any(w in clause for w in changes))
                   for clause in CLAUSE_BREAK.split(text)):
            # "计划2025年服务能力显著提升": the figure is in the clause the wording is; against a target
            # worded as a change, a clause that names none ("投入力度明显") says nothing of it
            return None
        try:
            target = self._read_cell(target_text, row, "年度指标值", place)
        except _Unreadable:
            return None
        if target.kind != "text" or self.reading.unfinished(fold(row.actual)) is not None:
            return None  # "效果明显，预计户均增收2000元": the figure is a forecast, the row the evaluator's
        return _text_value(row.actual)

    def _rival_settled(self, row: Row, unread: _Unreadable, method: CompiledMethod | None, place: str) -> ParsedValue | None:
        """The cell's own figure of an actual whose bracket holds rival figures (`readings.RivalResult`),
        where the target settles which is meant: every reading of it meets the target — the cell's
        figure, a rival said to be done ("520人次（实际参训510人次）" against 500, "450元（实际400元）" against
        500元 at most), the cell less any other rival to reach ("520人次（20人次因故取消）") or plus it
        within a limit — or the cell falls short of a target to reach and a rival not said to be done
        accounts for the gap ("480户（20户因外出务工，无法入户）" against 500户: 480 + 20, or a word of
        shortfall in its clause, `_SHORTFALL`: "80户（剩余20户明年完成）").  None otherwise ("100户（完工
        80户）" against 100户, "92%（抽查，合格率90%）" against 95%: the evaluator's)."""
        rival = unread.rival
        target_text = self._target_text(row)
        if rival is None or target_text is None:
            return None
        first = rival.first
        try:
            target = self._read_cell(target_text, row, "年度指标值", place)
            scored = method if method is not None and method.comparator is not None else self._by_values(row, target, first)
        except _Unreadable:
            return None
        comparator = target.comparator or scored.comparator  # a written "＞500" is strict, whatever the method's
        if target.kind != "number" or first.unit != target.unit or comparator not in _MEETS:
            return None
        aim, cell, meets = target.number, first.number, _MEETS[comparator]
        within = [r for r in rival.rivals if r.within]
        if within and len(within) == len(rival.rivals):
            # parts of the cell said not done ("10场（其中1场因疫情未举办）"): within a limit the cell holds them
            # ("52万元（含2万元未结算）" is 52: review DC B3); against a target to reach, done is the cell less
            # them where that is sure (review DA A1, DC A2), else every reading must meet it, as below
            if comparator in ("<=", "<"):
                return first
            less = cell - sum((r.value for r in within), Decimal(0))
            if all(r.sure for r in within) and less >= 0:
                return replace(first, number=less)
            # the cell split into parts said done and parts surely not ("其中7场已举办，3场未举办"): done is
            # the cell less the latter (review DH B2)
            sure = sum((r.value for r in within if r.sure), Decimal(0))
            held = [r.value for r in within if not r.sure and said_done(r.clause)]
            if sure and len(held) == len(within) - sum(1 for r in within if r.sure) and sure + sum(held, Decimal(0)) == cell:
                return replace(first, number=cell - sure)
        # money beside the cell that was kept is none of its readings ("48万元（此外节约资金5万元）"): the cell alone, met
        # or not.  Whether a thing beside it is another than the row counts ("另有安全隐患3起", "另有信访2件") no
        # word test tells safely (review DN A4): such a figure is one of the readings
        rivals = [r for r in rival.rivals if not (BESIDES.search(r.clause) and any(w in r.clause for w in _KEPT))]
        if not rivals:
            return first
        # a rival whose clause says why it is missing is never a result ("20人次已取消"), beside the cell or not
        # ("8场（另有2场因疫情取消）", review DK A2)
        missing = [r for r in rivals if (any(w in r.clause for w in (*_SHORTFALL, *_EARLIER)) or _BEING_BUILT.search(r.clause))
                   and not r.made_up]
        done = [r.value for r in rivals if r.done and r not in missing]
        other = [r for r in rivals if not r.done or r in missing]
        beside = [r for r in other if r not in missing and BESIDES.search(r.clause)]
        if comparator in (">=", ">"):
            # an undone rival: what is missing; one beside the cell ("120人（另有线上30人）"): added, maybe
            # one missing beside it was never in it ("100人（另有5人请假）": 100, review DN B1)
            readings = (cell, *done, *(cell + r.value if r in beside else cell - r.value
                                       for r in other if not (r in missing and BESIDES.search(r.clause))))
        else:  # within a limit: a part of the cell as it is, one said to be outside or beside it added ("未含尾款8万元",
            # "另有3件拟转办"), one of an earlier year none of it ("1起（另有1起为上年发生）": review DN A2)
            readings = (cell, *done, *(cell + r.value if BESIDES.search(r.clause) or any(w in r.clause for w in _OUTSIDE) else r.value
                                       for r in other if not any(w in r.clause for w in _EARLIER)))
        if all(meets(v, aim) for v in readings):
            return first
        if comparator in (">=", ">") and cell < aim and other and not done:
            # … a part of the cell (其中) is in it, not what was left beside it: "9场（其中1场未举办）" is 8
            if any((cell + r.value == aim or r in missing) and not r.within and r not in beside for r in other):
                return first
        return None

    def _figure_misses(self, row: Row, unread: _Unreadable, place: str) -> bool:
        """Whether the figure before an actual's remark misses the target as written ("=18场（因疫情未完成）"
        against ">=20场"), so that the row surely missed it; not one meeting it ("=95%（部分未完成）" against
        "≥90%": part of the work undone, the target met: review DL A5)."""
        figures = self._remark_figures(row, unread, place)
        if figures is None:
            return False
        target, done = figures
        return target.comparator in (">=", ">", "<=", "<") and not _met(target.comparator, done.number, target.number)

    def _remark_figures(self, row: Row, unread: _Unreadable, place: str) -> tuple[ParsedValue, ParsedValue] | None:
        """The target and the figure before an actual's remark, both numbers in one unit; None otherwise."""
        figure, unit = unread.figure
        target_text = self._target_text(row) if figure is not None else None
        if target_text is None:
            return None
        try:
            target = self._read_cell(target_text, row, "年度指标值", place)
            done = parse_value(figure + (unit or ""), self.reading)
        except (_Unreadable, ValueParseError):
            return None
        same = target.kind == done.kind == "number" and target.unit == done.unit
        return (target, done) if same else None

    def _missed_alike(self, method: CompiledMethod | None, weight: Decimal | None, part: PartResult, said: str) -> bool:
        """A row known to miss its target under a method that scores every miss alike, whatever the
        figures (直接赋分: "weight if met else 0"): scored so, ``said`` being why (review DJ B1).  False,
        leaving the row as it is, where the method's score reads the figures or cannot be had."""
        if method is None or method.score is None or weight is None or not method.score.names.isdisjoint(("target", "actual")):
            return False
        try:
            raw = Decimal(self.evaluator.evaluate(method.score, {"target": Decimal(0), "actual": Decimal(0), "weight": weight, "met": False}))
        except (EvaluationError, ArithmeticError):
            return False
        part.state, part.raw, part.score = "scored", raw, min(max(raw, Decimal(0)), weight)
        part.reason = f"{said}，按“{method.label}”{'未达到不得分' if not part.score else '未达到得 ' + fmt(part.score) + ' 分'}"
        return True

    def _strong(self, text: str) -> bool:
        """Whether a text holds a strength word that is no negation ("明显", "有所")."""
        negation = self.rules.strength_levels - 1
        return any(w in normalize_phrase(text) for w, level in self.rules.strength if level != negation)

    def _dotted_months(self, row: Row, target: ParsedValue, actual: ParsedValue) -> tuple[ParsedValue, ParsedValue]:
        """Two figures that are both a year and month with a dot ("2024.6完成" against
        "2024.10完成", "2024.12" against "2025.1" in a 时效指标 row) as months, or both a month and
        day ("6.30" against "6.5") as days of the sheet's year, where a date word
        follows both or the row's group is one whose bare durations the rule file reads
        (rows.no_comparator.durations.groups); else as they are (amounts look so: "2024.5"
        against "2025.3完成" in 完成投资（万元）)."""
        months = year_month(target, self.reading), year_month(actual, self.reading)
        if None in months:
            # "6.30" against "6.5", "12.31" against "11.30" in a row named as the date of an event (项目完成时间,
            # 资金拨付及时性, 验收日期: a word of `date_neutral` before the name's end) with no comparator: a month
            # and day, where one of the days is past the 9th (lengths of time are written so too: "≤1.25" |
            # "1.3" in 平均办结时长, "1.5" | "1.15" in 平均处置时间)
            year = None if (row.unit or "").strip() else self.year  # figures in a 度量单位's unit are no days
            name = bare_name(row.name or "")
            end = next((e for e in _DAY_NAMES if name.endswith(e)), None)
            if (target.comparator or actual.comparator or year is None or end is None
                    or not any(w in name[: -len(end)] for w in self.reading.date_neutral)):
                return target, actual
            months = month_day(target, self.reading, year), month_day(actual, self.reading, year)
            if None in months or all(m.date.day < 10 for m in months):
                return target, actual
        words = self.reading.date_words
        dated = all(strip_trailing("".join(fold(v.raw).split())).endswith(words) for v in (target, actual))
        durations = self.rules.no_comparator_durations
        if not dated and not (durations and any(p in normalize_phrase(level) for level in row.group for p in durations.groups)):
            return target, actual
        return months

    def _check_nature(self, row: Row, comparator: str, place: str) -> None:
        """A 指标性质 column whose comparator goes the other way from the one the target writes itself
        ("≤" | "≥95%"; `_target_text` keeps the target's): which one the unit meant is not for the
        tool to guess."""
        nature = (row.nature or "").strip()
        said = self.reading.comparator(nature) if nature else None
        if said in _FLIP and (said in _UPWARD) != (comparator in _UPWARD):
            why = f"{row.name}：指标性质“{nature}”与年度指标值“{row.target.strip()}”的比较方向相反，无法确定按哪一个计分"
            raise _Unreadable(why, finding("unreadable_value", f"{why}，该行无法核验", place))

    def _check_named(self, row: Row, actual: ParsedValue, target: ParsedValue | None, values: list[ValueUse]) -> ParsedValue:
        """An actual written with a quantity's name, as the row's figure.  A name going the other
        way from the row's name or target (words the rule file pairs as opposite,
        `opposite_quantity_words`: "下降率3%" against "营业收入增长率" or "增长率≤5%") gives the
        negative figure (−3%).  One saying lower is better against one naming a rate to reach
        ("投诉率0%" against "投诉处理率", "故障率1%" against "完好率≥95%") is no figure of the row.
        Other names are taken as the row's own ("正确率" for "准确率")."""
        named = actual.named
        if not named or actual.kind != "number":
            return actual
        reading = self.reading
        name = _row_name(row)
        about = name + ("".join(fold(target.raw).split()) if target is not None else "")
        said = _outermost([w for pair in reading.opposite_quantity_words for w in pair if w in named])  # "负增长", not its "增长"
        for first, second in reading.opposite_quantity_words:
            for one, other in ((first, second), (second, first)):
                if one in said and other in about and one not in about:
                    negated = replace(actual, number=-actual.number, named=None, comparator=_FLIP.get(actual.comparator, actual.comparator))
                    self.recorder.value(values, ValueUse("opposite", _ACTUAL_READ, f"{_COMPARATOR_SIGNS.get(negated.comparator, '')}"
                                                         f"{fmt(negated.number)}{actual.written_unit or ''}"
                                                         f"（“{actual.raw}”与指标所计的量方向相反）", "value"))
                    return negated
        names = [n for n in (name if name.endswith(reading.quantity_names) else None, target.named if target is not None else None) if n]
        lower = is_lower_name(named, reading)
        if any(is_lower_name(n, reading) != lower for n in names):
            raise _Unreadable(f"实际完成值“{actual.raw}”写的是“{named}”，与指标“{row.name}”所计的量一个越低越好、一个越高越好，无法比较")
        # A name counting the lack of what the row counts ("不满意率" against 满意度, "缺勤率" against
        # 出勤率, "群众不满意率", "未按时办结率") is another quantity: its figure is not the row's.
        # Other names are taken as the row's own: "办结率" for 完成率, "正确率" for 准确率 (reviews AX,
        # AY and AZ: telling a synonym from another quantity by their characters misread both).
        stem = next((named[: -len(w)] for w in reading.quantity_names if named.endswith(w)), named)
        if not said and _counts_a_lack(stem, about):
            raise _Unreadable(f"实际完成值“{actual.raw}”写的是“{named}”，不是指标“{row.name}”所计的量，无法比较")
        return actual

    def _counted_words(self, row: Row, target: ParsedValue, actual: ParsedValue, values: list[ValueUse]) -> ParsedValue | None:
        """An actual counting what it says the target's words of: "12个社区全覆盖" or "12个社区实现全覆盖"
        against "全覆盖" in 助餐服务社区覆盖, "36个行政村全覆盖" against a rate of "100%" in 行政村覆盖率.
        The count names what the row counts (its name holds the thing counted: 社区, 行政村); the words
        say whether the target was met, and are graded as if written alone ("全覆盖", "实现全覆盖";
        "12个社区未全覆盖" as "未全覆盖").  None for any other actual: one saying more in another clause
        or a remark ("10个社区全覆盖，2个未覆盖"), a count of something else or qualified ("12个社区部分全覆盖":
        review CP A1), and where the target counts too ("36个行政村" | "36个行政村全覆盖": not the same
        unit).  Review CM B1: read as a count, its unit "个社区全覆盖" was held against the "%" that
        "全覆盖" stands for."""
        unit = actual.written_unit or actual.unit
        if (actual.comparator is not None or not unit or actual.named or actual.change or actual.remark or not actual.number
                or CLAUSE_BREAK.search(fold(actual.raw))):
            return None  # "0户未达标": none of them failing is no count of the row's thing (review CU A1)
        unit = normalize_phrase(unit)
        figures = self.reading.figure_words
        if target.kind == "text":
            asked = normalize_phrase(target.text or target.raw)
            words = [asked, *(figures if asked in figures else ())]  # "全部覆盖" says "全覆盖" too
        elif target.kind == "number" and target.is_percent:
            words = list(figures)
        else:
            return None
        rules = self.rules
        saying = (*rules.contained_with, *rules.target_negations)
        for word in sorted((w for w in words if w and w in unit), key=len, reverse=True):
            at = unit.index(word)
            after = unit[at + len(word):]
            if after and not made_of(after, rules.contained_with):
                continue  # "全覆盖率": the words name something else
            start = at
            while True:  # the words before the target's that say of it: "实现", "已", "未"
                said = next((w for w in saying if w and unit.endswith(w, 0, start) and start > len(w)), None)
                if said is None:
                    break
                start -= len(said)
            counted, phrase = unit[:start], unit[start:]
            if not counted or not counted.isalpha() or not self._counts_rows_thing(row, counted):
                continue  # the thing counted is the row's ("个社区" in 助餐服务社区覆盖), not "个社区部分"
            self.recorder.value(values, ValueUse("counted", _ACTUAL_READ, f"“{phrase}”（“{actual.raw}”中的“{fmt(actual.number)}{counted}”"
                                                 f"是所说的对象）", "value"))
            return replace(_text_value(phrase), raw=actual.raw)
        return None

    def _counts_rows_thing(self, row: Row, counted: str) -> bool:
        """Whether the words between a count and the target's words ("个社区", "户", "个村") name what
        the row counts: a unit alone ("3户未达标"), or a unit and a thing the row's name holds whole (社区
        in 助餐服务社区覆盖, 村 in 行政村覆盖率) — never with a word of degree or part in them ("个社区部分",
        "户基本" in 基本医疗保险参保率, "户中少数农户": reviews CR A1, CV A1), nor a time."""
        reading, rules = self.reading, self.rules
        lower = {w[: len(w) - len(top)] for ranking in rules.ranks for top, rank in ranking.items() if rank == 0
                 for w, r in ranking.items() if r > 0 and w.endswith(top) and len(w) > len(top)}  # 基本(及时), 较(规范)
        qualifiers = (*(w for w, _ in rules.strength), *reading.not_done_parts, *reading.short_words, *lower)
        if any(q and q in counted for q in qualifiers):
            return False
        durations = rules.no_comparator_durations.units if rules.no_comparator_durations else frozenset()
        if any(counted.startswith(u) for u in durations):
            return False  # "2026年实现全覆盖", "3年全覆盖": a time, not a count (review CU A3)
        if reading.is_unit(counted):
            return True
        thing = counted[1:] if len(counted) > 1 and reading.is_unit(counted[0]) else counted
        # the whole thing in the name (村 in 行政村覆盖率): a part of it names another set ("非贫困村" in
        # 贫困村覆盖率, "规下企业", "12个行业" in 企业覆盖率: reviews CU A4, CV A2), and words around it say
        # some of a set ("户中少数农户": review CV A1)
        return thing in normalize_phrase(row.name)

    def _check_change(self, row: Row, target: ParsedValue | None, actual: ParsedValue,
                      values: list[ValueUse]) -> tuple[ParsedValue | None, ParsedValue]:
        """A change's size ("同比下降3%", `parse_value`) as the row's figure: against a change named
        the same way — by the target ("同比下降5%") or, where the target is a bare figure, by the
        row's name (`readings.named_change`: "能耗下降比例"; not "提高群众满意度") — as written; named the other way
        ("同比增长2%" against "下降≥5%"), negated (−2%).  A change's size against a figure naming no
        change, or a figure against a change's size, is not the same quantity ("下降3%" against a
        发案率 of "≤5%"): not read."""
        if actual.kind == "text" and not actual.change:
            return None, actual  # as an unread target beside a worded actual ("有所下降"): graded by its wording
        reading = self.reading
        if target is not None and target.kind == "text" and actual.change and actual.number == 0 and self.rules.unchanged:
            # "同比增长0%": nothing changed, graded as the rule file's words for it are ("持平"), against
            # "较上年提高" as against "不下降" (review CN B4)
            return target, replace(_text_value(min(self.rules.unchanged, key=lambda w: (len(w), w))), raw=actual.raw)
        if target is not None and target.kind == "text" and actual.change and actual.comparator in (None, ">=", ">"):
            # "同比下降12%" against "同比下降" or "下降" (no size asked): graded by the words, the target's
            # own where it goes the same way, the actual's change where the other
            words = normalize_phrase(target.text or target.raw)
            strong = {w for w, _ in self.rules.strength}
            # a lasting or further step of the change ("持续增长", "不断提高": rows.target_words.contained_with), no
            # strength asked of it ("明显增长" is graded by its strength), asks the change (review FB B3)
            while (lead := next((w for w in self.rules.contained_with if words.startswith(w) and len(words) > len(w) and w not in strong),
                                None)) is not None:
                words = words[len(lead):]
            against = self._against_last_year(words)
            if against is not None:
                # "不高于上年": no rise, as "不增长" reads; "低于上年": a fall (reviews GN B2, GO B4)
                words, target = against, replace(target, text=against)
            asked = reading.change_word.match(words + "0")  # a figure after them, as the pattern asks
            asked = asked if asked is not None and asked.end() == len(words) else None
            if asked is not None and actual.number > 0:
                same = change_way(asked[1], reading) == change_way(actual.change, reading)
                # the other way, its change's word without what it is measured from ("上升" of "同比上升"):
                # the words `rows.strength.opposites` pair (review CL B2)
                word = next(w for w in (*reading.rise_words, *reading.fall_words) if actual.change.endswith(w))
                return target, replace(_text_value(target.text or target.raw if same else word), raw=actual.raw)
            if asked is not None:
                raise _Unreadable(f"实际完成值“{actual.raw}”的变化幅度为 {fmt(actual.number)}，没有指标值“{target.raw}”要求的变化，"
                                  f"是否达成需评价人判断")
            barred = next((w for w in (*reading.rise_words, *reading.fall_words)
                           if words.endswith(w) and words[: len(words) - len(w)].endswith(self.rules.target_negations)), None)
            if barred is not None and actual.number > 0:
                # "减少0.2万亩" against "不减少", "耕地面积不减少": the change the target forbids, or the other one — graded by
                # its word (review FM B4)
                word = next(w for w in (*reading.rise_words, *reading.fall_words) if actual.change.endswith(w))
                return target, replace(_text_value(word), raw=actual.raw)
        named = named_change(_row_name(row), reading)
        asked = change_way(target.change, reading) if target is not None and target.change else named
        if named is not None and asked != named:
            asked = None  # the row's name says the other way from its target
        if named is not None and target is not None and not target.change and target.comparator in ("<=", "<"):
            # "安全事故下降率 | ≤3%": a cap on a fall's size, or the rate's level?  Not guessed (review CL A3)
            asked = None
        if actual.kind == "number" and asked is not None and (actual.change or named is not None):
            if actual.change and change_way(actual.change, reading) != asked:
                actual = replace(actual, number=-actual.number, change=None, comparator=_FLIP.get(actual.comparator, actual.comparator))
                self.recorder.value(values, ValueUse("opposite", _ACTUAL_READ, f"{_COMPARATOR_SIGNS.get(actual.comparator, '')}"
                                                     f"{fmt(actual.number)}{actual.written_unit or ''}"
                                                     f"（“{actual.raw}”与指标所要求的变化方向相反）", "value"))
            else:
                actual = replace(actual, change=None)
                self.recorder.value(values, ValueUse("change", _ACTUAL_READ, f"{_COMPARATOR_SIGNS.get(actual.comparator, '')}"
                                                     f"{fmt(actual.number)}{actual.written_unit or ''}"
                                                     f"（“{actual.raw}”的变化幅度，与指标所要求的变化同向）", "value"))
            return (replace(target, change=None) if target is not None else None), actual
        if actual.change and target is not None and target.kind == "text" and any(
                w in (target.text or target.raw) for w in (*reading.rise_words, *reading.fall_words)):
            # "明显增长" against "较上年增长3.2%": the target names the change, with a strength no size answers (review FB B3)
            why = f"实际完成值“{actual.raw}”写的是变化幅度（“{actual.change}”），年度指标值“{target.raw}”对这一变化的要求无法按幅度比较，需评价人判断"
        elif actual.change:
            why = f"实际完成值“{actual.raw}”写的是变化幅度（“{actual.change}”），指标“{row.name}”的年度指标值未写明同一变化，无法比较"
        else:
            why = f"年度指标值“{target.raw}”写的是变化幅度（“{target.change}”），实际完成值“{actual.raw}”未写明变化，无法比较"
        raise _Unreadable(why)

    def _against_last_year(self, words: str) -> str | None:
        """A target that holds the figure to what it was before, with no size ("不高于上年", "低于去年水平", "不低于上年
        同期"), said as the change it asks or forbids ("不增长", "下降", "不下降", "增长"), in the rule file's own words (its
        comparators, the bases of rise_words and fall_words without 较, 比 or 与…相比); None for any other."""
        reading = self.reading
        if not reading.rise_words or not reading.fall_words or not reading.change_bases:
            return None
        rise, fall = reading.rise_words[0], reading.fall_words[0]
        ways = {"<=": f"不{rise}", "<": fall, ">=": f"不{fall}", ">": rise}
        bases = {b.removeprefix("与").removesuffix("相比").lstrip("较比") for b in reading.change_bases}
        for spelling, comparator in reading.prefixes:  # longest first: "不高于" before "高于"
            if comparator in ways and spelling[:1].isalpha() and words.startswith(spelling):
                base = words[len(spelling):]
                for tail in _BASE_TAILS:
                    base = base.removesuffix(tail)
                return ways[comparator] if base and base in bases else None
        return None

    def _direction(self, row: Row, target: ParsedValue, method: CompiledMethod | None) -> str | None:
        """The comparator a numeric target holds the actual to: written, the declared method's, or
        the one a bare target is read with (rows.no_comparator)."""
        comparator = target.comparator or (method.comparator if method is not None else None)
        if comparator is None:
            chosen = self._no_comparator(row, target)
            comparator = self.rules.methods[chosen].comparator if chosen is not None else None
        return comparator

    def _counts_harm(self, row: Row) -> bool:
        """Whether a row counts something to avoid: its name names a harm (`Reading.names_harm`:
        "环境污染事件", "安全事故发生数"; not "事故应急演练次数" or "排查安全隐患", which count work
        done) or says lower is better, or it stands under a group rows.no_comparator reads as lower
        is better (成本) and is not one of its rates or amounts to reach ("成本节约额")."""
        name = _row_name(row)
        if self.reading.names_harm(name) or is_lower_name(name, self.reading):
            return True
        if self._to_reach(name):
            return False
        levels = [normalize_phrase(level) for level in row.group]
        return any(p in level for level in levels for p, m in self.rules.no_comparator_groups.items()
                   if self.rules.methods[m].comparator in ("<=", "<"))

    def _figure_of(self, text: str, label: str) -> str | None:
        """The figure a worded value stands for (reading.figure_words), as the rule file writes it."""
        words = self.reading.figure_words
        figure = words.get(text)
        if figure is None and label == _ACTUAL_READ:
            figure = next((words[text[len(w):]] for w in self.reading.reached if text.startswith(w) and text[len(w):] in words), None)
        return figure

    def _figure_word(self, value: ParsedValue, text: str, values: list[ValueUse], label: str) -> ParsedValue | None:
        """A worded value that stands for a figure (reading.figure_words: "全覆盖" is 100%, and in an
        actual "实现全覆盖", after a word of reading.reached), as that figure; None for any other wording."""
        figure = self._figure_of(text, label)
        if figure is None:
            return None
        parsed = replace(parse_value(figure, self.reading), raw=value.raw)
        self.recorder.value(values, ValueUse("figure_word", label, f"{figure}（“{value.raw}”）", "value"))
        return parsed

    def _unclear_direction(self, row: Row, target: ParsedValue, method: CompiledMethod) -> CompiledMethod | None:
        """The method rows.no_comparator reads a bare target with, where a method that says no
        direction (Xinjiang's 直接赋分) reads it and that method leaves a miss to the evaluator
        ("热线开通时间 24小时": only a figure equal to it is met); else None."""
        if target.comparator is not None or method.comparator is not None or method.judgement_unless_met:
            return None
        chosen = self._no_comparator(row, target)
        found = self.rules.methods[chosen] if chosen is not None else None
        return found if found is not None and found.judgement_unless_met else None

    def _not_done(self, row: Row, unread: _Unreadable, place: str) -> bool:
        """Whether an actual's remark (``unread.unfinished``) says the work asked was not done: it is
        a word of reading.unfinished_short, maybe after a cause or "部分" ("因疫情未完成", "部分未开展"),
        or holds one and the figure before it falls short of the target ("480人次（未完成原定500）"
        against "≥500人次").  Not a remark on more than was asked ("600人次（因疫情未完成原计划800）")
        or on work made up ("520人次（未完成的20人次已补训）"): review CN A2.  Never against a limit ("45万元
        （项目未完成）" in 项目成本 ≤50万元: the work unfinished, the limit not passed; review DL A5)."""
        target_text = self._target_text(row)
        try:
            limit = self._read_cell(target_text, row, "年度指标值", place) if target_text is not None else None
        except _Unreadable:
            limit = None
        if limit is not None and limit.kind == "number" and self._direction(row, limit, None) in ("<=", "<"):
            return False
        figures = self._remark_figures(row, unread, place)
        if (figures is not None and figures[1].unit == "%" and not any(ch.isdigit() for ch in unread.unfinished)
                and figures[0].comparator in (">=", ">") and _met(figures[0].comparator, figures[1].number, figures[0].number)):
            # "95%（部分未完成）" against "≥90%": the rate says how much is undone, and it meets the target (review DN
            # A6); a count said partly undone ("3场（部分未开展）", "100户（尚有10户未完工）") stays short of it
            return False
        said, words = unread.unfinished, self.reading.unfinished_short
        for word in words:
            lead = said[: len(said) - len(word)] if said.endswith(word) else None
            # what may stand before it: a cause, a part ("部分", "尚有10户", "差10户"), the row's own object
            # ("2次培训未完成" in 开展培训)
            if lead is not None and (not lead or lead.startswith(self.reading.not_done_causes) or lead in self.reading.not_done_parts
                                     or _COUNTED.fullmatch(lead[len(next((w for w in self.reading.not_done_counts if lead.startswith(w)), "")):])
                                     or (len(lead) > 1 and lead in _row_name(row))):
                return True
        # the figure before a remark saying part of it is still being built or waits ("22个（3个待验收）", "20个（在建）"
        # against "≥25个"), as before one saying it was not done: whatever part is undone, the target was missed
        # (review FM B2); not money left unpaid ("800万元（200万元未支付）": the investment may be complete, review FO)
        if figures is None or not (any(w in said for w in words) or _BEING_BUILT.search(said) or any(w in said for w in _STILL)):
            return False
        target, done = figures
        return target.comparator in (None, ">=", ">") and done.number < target.number

    def _counts_work_done(self, row: Row, figure: ParsedValue) -> bool:
        """Whether a row's percentage is the share of its work done, which a word saying the work is
        done gives (reading.completion_words): its name ends with one of reading.completion_rates
        ("任务完成率", "资金到位率", "宣传任务"; not "群众满意度", "验收合格率", "培训覆盖面"), not after
        a word of lack ("任务未完成率", "项目延期完成率", "资金不到位率": reading.completion_lacks), and the
        other cell's ``figure`` names no other quantity ("合格率100%" in 验收工作: review CL A1, A2)."""
        reading = self.reading
        name = _row_name(row)
        rate = next((w for w in reading.completion_rates if name.endswith(w)), None)
        if rate is None or any(w in name[: len(name) - len(rate)] for w in reading.completion_lacks):
            return False  # "任务未完成率", "未完成任务", "不按时完成率" (review CN B2)
        return not figure.named or figure.named.endswith(reading.completion_rates)

    def _completed(self, value: ParsedValue, values: list[ValueUse], label: str) -> ParsedValue:
        """A word saying the work is all done (reading.completion_words) as 100%."""
        self.recorder.value(values, ValueUse("figure_word", label, f"100%（“{value.raw}”）", "value"))
        return ParsedValue(value.raw, "number", None, _HUNDRED, "%", None, None, written_unit="%")

    def _worded_actual(self, row: Row, actual: ParsedValue, target: ParsedValue, values: list[ValueUse],
                       method: CompiledMethod | None) -> ParsedValue:
        """A worded actual against a figure: "无安全事故" against "≤1起" is 0, "已完成" against a
        percentage of the work done ("任务完成率" | "≥95%") is 100%; anything else ("完成" against
        "≤30万元", or against "≥95%" in 群众满意度) says nothing the figure can be checked with."""
        text = normalize_phrase(actual.text or actual.raw)
        figure = self._figure_word(actual, text, values, _ACTUAL_READ)
        if figure is not None:
            return figure
        if text in self.reading.completion_words and target.unit == "%" and self._counts_work_done(row, target):
            # "已完成" in 任务完成率, against "100%" or "≥95%": all of it done (not in 群众满意度, review CK A1)
            return self._completed(actual, values, _ACTUAL_READ)
        if self._says_none(text) and self._counts_what_is_none(row, target, method, text) or self._none_done(row, target, method, text):
            graded = _SEVERE.search(text)
            if graded is not None and graded[0] not in _row_name(row) and self._says_none(text):
                # "未发生较大及以上供气安全事故" against "0起" of all of them: none of the serious ones only (review FP A2)
                raise _Unreadable(f"实际完成值“{actual.raw}”只说没有{graded[0]}的，指标“{row.name}”的年度指标值“{target.raw}”"
                                  f"计的是所有等级的，无法核验")
            self.recorder.value(values, ValueUse("none", _ACTUAL_READ, f"0{target.written_unit or ''}（“{actual.raw}”）", "value"))
            return ParsedValue(actual.raw, "number", None, Decimal(0), target.unit, None, None)
        answers = self.rules.no_answers
        if text in answers or text.startswith(tuple(w for w in answers if len(w) > 1)):
            # "未统计", "详见附件": no result given, not wording of another kind (review FH B2)
            raise _Unreadable(f"实际完成值写“{actual.raw}”，未给出实际完成情况，无法与年度指标值“{target.raw}”比较")
        raise _Unreadable(f"实际完成值“{actual.raw}”是文字，年度指标值“{target.raw}”是{_KINDS[target.kind]}，文字无法与之比较")

    def _worded_target(self, row: Row, target: ParsedValue, actual: ParsedValue, values: list[ValueUse]) -> ParsedValue:
        """A target that says none against a figure: "无" against "0" is met; against "1起" it is 0
        of what the actual counts, a miss, where the row counts something to avoid (`_counts_harm`:
        "环境污染事件"); in "培训人数" a "无" says no target was set.  Against a rate or a score
        ("无投诉" against "95%") only an actual of 0 reads so.  A target saying the work is done
        ("完成") against a percentage of the work done asks 100% of it.  Any other worded target stays text."""
        text = normalize_phrase(target.text or target.raw)
        figure = self._figure_word(target, text, values, "指标值读作")
        if figure is not None:
            return figure
        if text in self.reading.completion_words and actual.unit == "%" and self._counts_work_done(row, actual):
            # "完成" against "90%" (or "完成90%"): the work asked all done, of which the actual says how much
            return replace(self._completed(target, values, "指标值读作"), comparator=">=")
        if self._says_none(text) and (actual.number == 0 or (actual.unit not in self.reading.rate_units and self._counts_harm(row))):
            self.recorder.value(values, ValueUse("none", "指标值读作", f"0{actual.written_unit or ''}（“{target.raw}”）", "value"))
            return ParsedValue(target.raw, "number", None, Decimal(0), actual.unit, None, None)
        return target

    def _counts_what_is_none(self, row: Row, target: ParsedValue, method: CompiledMethod | None, text: str) -> bool:
        """Whether "none" is a figure against ``target``: a target that is none itself or bounds
        from above what it counts ("0次", "≤1起", a row the form marks 反向), or a count to reach
        against a bare none word ("无" against "≥3次": none done).  Against a rate or a score to
        reach ("准确率100%", "满意度≥90分", "≥95"), "无差错" or "零投诉" says something else than 0,
        and so does "无异常" against "≥12次" (it names another thing than the one counted)."""
        if target.number == 0:
            return True
        if self._direction(row, target, method) in ("<=", "<"):
            return True
        return text in self.reading.none_words and target.unit is not None and target.unit not in self.reading.rate_units

    def _none_done(self, row: Row, target: ParsedValue, method: CompiledMethod | None, text: str) -> bool:
        """Whether an actual saying the work was not done at all (`reading.undone_words`: "未开展")
        is none of what the row counts: a count of work to reach ("≥12次"), not a harm or a ceiling
        ("安全事故发生次数 0次": not carrying something out says nothing of accidents) nor a rate."""
        return (text in self.reading.undone_words and target.unit is not None and target.unit not in self.reading.rate_units
                and target.number != 0 and self._direction(row, target, method) in (">=", ">"))

    def _says_none(self, text: str) -> bool:
        none = next((w for w in self.reading.none_words if text.startswith(w)), None)
        if none is None or text.startswith(self.reading.none_exceptions):
            return False
        # "无明显改善" is graded wording, not "none": the longer strength word wins
        return not any(text.startswith(w) and len(w) > len(none) for w, _ in self.rules.strength)

    def _by_values(self, row: Row, target: ParsedValue | None, actual: ParsedValue) -> CompiledMethod:
        if actual.kind == "text":
            key = "text"
        elif target is None:
            raise _Unreadable("缺少年度指标值")
        elif target.kind == "date":
            key = "date"
        elif target.kind == "number":
            if target.comparator is None:
                chosen = self._no_comparator(row, target)
                if chosen is not None:
                    return self.rules.methods[chosen]
            key = target.comparator or "none"
        else:
            raise _Unreadable(f"年度指标值“{target.raw}”是文字，实际完成值“{actual.raw}”却是{_KINDS[actual.kind]}，无法比较")
        chosen = self.rules.select.get(key)
        if chosen is None or chosen == BY_VALUES:
            raise _Unreadable(f"规则文件未规定“{key}”类指标如何计分（rows.select）")
        return self.rules.methods[chosen]

    def _direction_reason(self, row: Row, target: ParsedValue | None, method: CompiledMethod) -> str | None:
        """Why a figure written without a comparator is scored one way or the other, where the name
        decides it: the word of the rule file that makes it lower is better, or that none does and the
        rules' default applies — for an evaluator to see a row read the wrong way (reviews FU B6, GD B6).
        None where a sign, a zero, a group or a duration decides it, or the row is no figure's."""
        if target is None or target.kind != "number" or target.comparator is not None or target.number == 0:
            return None
        rules, name = self.rules, _row_name(row)
        if rules.no_comparator_doubtful and method is rules.methods.get(rules.no_comparator_doubtful):
            harm = self.reading.harm_doubted(name)
            if harm is not None:
                return (f"名称中的“{harm}”是要避免的事，但它前面有表示工作的词，未能确定该词作用于它（规则文件 reading.doubtful_handling）："
                        f"是做成的工作还是要避免的事，交评价人判断")
        if rules.no_comparator_lower and method is rules.methods.get(rules.no_comparator_lower):
            word = lower_name_word(name, self.reading)
            if word is not None:
                return f"名称以“{word}”结尾，是越低越好的量（规则文件 reading.lower_quantity_names）"
            harm = self.reading.harm_named(name)
            struck = self.reading.harm_struck(name) if harm is not None else None
            # a word of work done late or against the rules ("超期办理") is a harm by misdone_heads, not by the list of harms
            listed = "reading.harm_words" if harm in self.reading.harm_words else \
                "reading.misdone_heads、joined_work_heads" if harm and self.reading.joined_word(harm) else "reading.misdone_heads"
            if struck is not None:
                # a word of work there that acts on other harms alone (报废 of "溶血血液报废袋数"): say which key set it aside
                limited = next((w for w in self.reading.struck_handling_objects if w in struck[1]), None)
                aside = f"；其中的“{limited}”只作用于 reading.struck_handling_objects 所列之事" if limited else ""
                return (f"名称中的“{harm}”是要避免的事，写在所计的“{struck[1]}”之前：所计是遭此事的，越少越好"
                        f"（规则文件 {listed}、harm_struck_length{aside}）")
            # a word of work right before it, read as that work running late ("整改逾期数量"): say so, and which key did
            late = self.reading.late_work(name) if harm is not None and harm in self.reading.ending_failures else None
            said = f"，紧接在“{late[0]}”之后，是这项工作本身的{late[1]}" if late is not None else ""
            listed += "、ending_failures" if late is not None else ""
            rate = self.reading.harm_rate(name) if harm is not None else None
            if rate is not None:
                return f"名称中的“{harm}”是要避免的事{said}，紧接的“{rate}”是它所占的比率，越低越好（规则文件 {listed}、harm_rates）"
            if harm is not None:
                return f"名称中的“{harm}”是要避免的事{said}，所计越少越好（规则文件 {listed}）"
        durations = rules.no_comparator_durations
        if durations is not None and target.unit in durations.units and method is rules.methods.get(durations.method):
            # a time the work took, by its name or its group (review GN C2: the only reversed rows with no reason said)
            stem = _head_and_stem(name, durations)[1]
            wait = next((w for w in durations.waits if w in stem), None)
            end, size = _last_end(stem, durations.names)
            word = wait or (stem[end - size: end] if end >= 0 else None)
            said = f"名称中的“{word}”说的是所用的时间" if word else "时效指标中的时长是完成工作所用的时间"
            return f"{said}，越短越好（规则文件 rows.no_comparator.durations）"
        if rules.no_comparator_lower and method is rules.methods.get(rules.no_comparator_lower):
            return None  # a group's ("成本指标"): said by the group, not by a word
        if self._no_comparator(row, target) is None:
            if self._unstated(row, target, method) is not None:
                return (f"指标值未写比较符号，{self._no_harm_read(name)}，"
                        f"也没有表明是要达到的工作或成效的词（reading.reach_words）：按“{method.label}”计，"
                        f"按“{self.rules.methods[self.rules.no_comparator_unstated].label}”所得不同时另行提示；"
                        f"若本指标越低越好，请在指标值前写“≤”，越高越好写“≥”")
            worked = self.reading.harm_worked(name)
            if worked is not None:
                # the harm word in the name was set aside: say which word of work did it (reviews GV B1, GY)
                return (f"指标值未写比较符号，名称中的“{worked[0]}”是要避免的事，但“{worked[1]}”说的是对它所做的工作"
                        f"（规则文件 reading.harm_handling）：所计是做成的工作，按“{method.label}”计；若本指标越低越好，请在指标值前写“≤”")
            reach = self.reading.reach_word(name)
            if reach is not None:
                return (f"指标值未写比较符号，名称中的“{reach}”表明所计是要达到的工作或成效（规则文件 reading.reach_words），"
                        f"按“{method.label}”计；若本指标越低越好，请在指标值前写“≤”")
            return (f"指标值未写比较符号，{self._no_harm_read(name)}，"
                    f"按“{method.label}”计；若本指标越低越好，请在指标值前写“≤”")
        return None

    def _to_reach(self, name: str) -> bool:
        """Whether a row's name is one of rows.no_comparator.group_exceptions, a rate or amount to
        reach that takes no method from its group ("成本节约率"): the name ends in one, or is one of
        them that is a saving verb (rows.no_comparator.durations.saved) put before money (`_MONEY`:
        "节约成本", "节约财政资金" as well as "成本节约"; not "节约用水改造工程费用", the cost of a works)."""
        words = self.rules.no_comparator_group_exceptions
        if not words:
            return False
        if name.endswith(words):
            return True
        durations = self.rules.no_comparator_durations
        verbs = tuple(w for w in words if durations is not None and w in durations.saved)
        return any(name.startswith(w) and made_of(name[len(w):], _MONEY) for w in verbs)

    def _group_no_comparator(self, row: Row, row_name: str) -> str | None:
        """The method rows.no_comparator.groups gives a bare figure in the row's group (the most specific level
        first, 社会成本指标 under 成本指标, and in it the longest word), unless its name is one to reach; else None."""
        if self._to_reach(row_name):
            return None
        for level in reversed(row.group):
            name = normalize_phrase(level)
            for pattern, method in self.rules.no_comparator_groups.items():
                if pattern in name:
                    return method
        return None

    def _no_comparator(self, row: Row, target: ParsedValue) -> str | None:
        """A target written without a comparator: "0次" means none at all; a row named as lower
        is better ("设备故障率") and a 成本指标 row are lower is better, and so is the time a
        时效指标 row's work may take ("完成时限 12个月") — as the rule file says (rows.no_comparator)."""
        rules = self.rules
        if target.number == 0 and rules.no_comparator_zero:
            return rules.no_comparator_zero
        row_name = _row_name(row)
        if rules.no_comparator_lower:
            if is_lower_name(row_name, self.reading):
                return rules.no_comparator_lower  # "设备故障率 1%": at most
            harm = self.reading.harm_reading(row_name)
            if harm is not None and harm[1] != "work":
                if harm[1] == "doubt" and rules.no_comparator_doubtful:
                    grouped = self._group_no_comparator(row, row_name)
                    # "户均改造成本" in 成本指标: the cost its group says is kept down, whatever 改造 acts on (review GR B)
                    return grouped or rules.no_comparator_doubtful  # "劝阻群众违规用火次数": work, or the harm of those it is for
                return rules.no_comparator_lower  # "责任事故发生数 1次", "群众投诉次数 5次": at most
        for ending, method in rules.no_comparator_names:
            if row_name.endswith(ending):
                return method  # "人均补助标准 270元/人": as the rule file reads such a name, whatever its group
        grouped = self._group_no_comparator(row, row_name)
        if grouped is not None:
            return grouped
        durations = rules.no_comparator_durations
        for level in row.group:
            name = normalize_phrase(level)
            if durations and any(pattern in name for pattern in durations.groups) and (
                    target.unit in durations.units or (target.unit is None and row_name.endswith(durations.heads))):
                # a duration, or a bare figure in a row named as one ("项目实施周期" | "12")
                return _duration_method(row_name, durations)
        if durations and target.unit in durations.units and _names_time_taken(row_name, durations):
            # in any group, a duration the name says is the time a step took ("故障处理时间" under 质量指标,
            # "群众平均等待时间" under 社会效益指标): as in 时效
            return durations.method
        return None

    def _in_days(self, method: CompiledMethod, names: dict, direction: str, target: ParsedValue, actual: ParsedValue,
                 weight: Decimal, outcome: _Outcome, values: list[ValueUse]) -> _Outcome | None:
        """A date method whose formula reads the dates (``actual - target``): they are day numbers,
        whatever precision the sheet wrote them to, so a formula in days means days ("每逾期30天扣20%").
        A deadline written to the month or year is its last day ("2022年10月": the 31st; "2022年10月后":
        its first); an actual so written is any day of it, and the score the range its first and last
        days give (review EA A1).  Fills ``names``; returns the outcome where the score is such a range,
        else None (the caller evaluates ``names``)."""
        due = _last_day(target) if direction[0] == "<" else target.date
        first, last = actual.date, _last_day(actual)
        names["target"], names["actual"] = Decimal(due.toordinal()), Decimal(first.toordinal())
        if self.recorder.traced:
            done = f"{first.isoformat()}～{last.isoformat()}" if first != last else first.isoformat()
            self.recorder.value(values, ValueUse("days", "日期按天计", f"期限 {due.isoformat()}，完成 {done}", "value"))
        if first == last:
            return None
        at_first = Decimal(self.evaluator.evaluate(method.score, names))
        at_last = Decimal(self.evaluator.evaluate(method.score, {**names, "actual": Decimal(last.toordinal())}))
        if at_first == at_last:
            return None
        low, high = (min(max(x, Decimal(0)), weight) for x in sorted((at_first, at_last)))
        part = outcome.part
        part.state = "scored"
        part.reason = (f"完成日期“{actual.raw}”只写到{'年份' if actual.precision == 'year' else '月份'}，按其第一天至最后一天计，"
                       f"得分在 {fmt(round_half_up(low, 2))}～{fmt(round_half_up(high, 2))} 分之间（{method.label}）")
        outcome.low, outcome.high, outcome.interval = low, high, True
        return outcome

    def _late_either_way(self, row: Row, target: ParsedValue, actual: ParsedValue) -> bool:
        """Whether a bare month missed ("7月" against "6月") misses as a length too: the actual is a bare
        month as well, and the row reads a length of months as at most (a 时效 row's "项目建设期"), so
        seven months against six is late whichever the sheet meant (review EC A4)."""
        if target.precision != "month" or _DEADLINE_WRITTEN.search(actual.raw) is not None:
            return False
        length = replace(target, kind="number", number=Decimal(target.date.month), unit="月", date=None)
        chosen = self._no_comparator(row, length)
        found = self.rules.methods.get(chosen) if chosen is not None else None
        return found is not None and found.comparator in ("<=", "<")

    def _range(self, row, weight, method, target, actual, outcome, place, findings, values) -> _Outcome:
        """An actual written as a range of figures ("90%-95%" against "≥90%"): the row scored at each end; one
        score where both give it, else the scores between them (the rules' for any result in the range); where
        an end is not scored (the evaluator's, unverifiable), the row is the evaluator's, saying why."""
        ends = []
        for figure in (actual.number, actual.upto):
            one = _Outcome(replace(outcome.part), outcome.method)
            noted: list[Finding] = []
            end = replace(actual, raw=fmt(figure) + (actual.written_unit or ""), number=figure, upto=None)
            ends.append((self._quantitative(row, weight, method, target, end, one, place, noted, values), noted))
        (low_end, low_noted), (high_end, high_noted) = ends
        scores = [end.part.score for end, _ in ends]
        if any(end.part.state != "scored" or end.interval for end, _ in ends):
            if low_end.part.state == high_end.part.state and low_end.part.reason == high_end.part.reason:
                findings.extend(low_noted)
                return low_end  # alike at both ends: "3-5次" against a target in 万元 is as "5次" is
            part = outcome.part
            part.state = "judgement"
            part.short_of_weight = low_end.part.short_of_weight and high_end.part.short_of_weight
            part.reason = f"实际完成值“{actual.raw}”是一个区间，两端按规则的结果不同（{low_end.part.reason}；{high_end.part.reason}），需评价人判断"
            return outcome
        findings.extend(f for f in low_noted if f.code != "overshoot")
        findings.extend(f for f in high_noted if f.code != "overshoot" and f not in low_noted)
        if scores[0] == scores[1]:
            low_end.part.reason = f"实际完成值“{actual.raw}”是一个区间，两端得分相同" + (f"；{low_end.part.reason}" if low_end.part.reason else "")
            return low_end
        part = outcome.part
        low, high = min(scores), max(scores)
        part.state = "scored"
        part.reason = (f"实际完成值“{actual.raw}”是一个区间，按其两端得分在 {fmt(round_half_up(low, 2))}～{fmt(round_half_up(high, 2))} 分之间"
                       f"（{low_end.part.reason or '达到年度指标值'}；{high_end.part.reason or '达到年度指标值'}）")
        outcome.low, outcome.high, outcome.interval = low, high, True
        return outcome

    def _quantitative(self, row, weight, method, target, actual, outcome, place, findings, values) -> _Outcome:
        part = outcome.part
        if target is None:
            part.reason = "缺少年度指标值"
            return outcome
        if any(v.kind == "number" and written_as_ratio(v.raw) for v in (target, actual)) and not any(w in _row_name(row) for w in _LEVERAGE):
            # "1:17" in 师生比, "1:1000" in 比例尺: which way a ratio is better the row's name does not say (review FS A1)
            part.reason = f"“{actual.raw if written_as_ratio(actual.raw) else target.raw}”是比例，指标“{row.name}”未说明比例越大越好还是越小越好，无法比较"
            return outcome
        ranged = target.upto is not None or target.either_way  # a range says where the figure should lie: no unstated direction
        if target.upto is not None:
            # a target written as a range ("400～500元/亩", "3-5次", "控制在5%-10%"): the end the row's direction
            # holds the actual to — the upper one of a cost or a limit, the lower one of what is to be reached.
            # Beyond the other end the result may be too much of a good thing (a fund's balance "6-9个月" at
            # 11.2): the evaluator's, as an equality's range is
            direction = self._direction(row, replace(target, upto=None), method)
            far = replace(target, number=target.number if direction and direction[0] == "<" else target.upto, upto=None, comparator=None)
            beyond = None
            if direction is not None and direction[0] in "<>" and actual.kind == "number" and actual.upto is None:
                converted = self._same_unit(far, actual, direction, row)
                beyond = not isinstance(converted, str) and (converted[1] < converted[0] if direction[0] == "<" else converted[1] > converted[0])
            if direction is None or direction[0] not in "<>" or beyond:
                part.state = "judgement"
                part.reason = (f"实际完成值“{actual.raw}”在年度指标值区间“{target.raw}”之外（{'低于下端' if beyond and direction[0] == '<' else '高于上端'}），"
                               f"是否达成需评价人判断" if beyond else f"年度指标值“{target.raw}”是一个区间，未说明完成值应达到哪一端，需评价人判断")
                return outcome
            target = replace(target, number=target.upto if direction[0] == "<" else target.number, upto=None)
            if self.recorder.traced:
                self.recorder.value(values, ValueUse("compared_as", "比较时的读法", f"年度指标值按区间的{'上' if direction[0] == '<' else '下'}端 {fmt(target.number)} 比较", "value"))
        if actual.upto is not None and target.kind == "number":
            return self._range(row, weight, method, target, actual, outcome, place, findings, values)
        wanted = target.kind if method.reads == "any" and target.kind in ("number", "date") else method.reads
        if target.kind != wanted or actual.kind != wanted:
            part.reason = f"{method.label}要求{_KINDS[wanted]}，年度指标值“{target.raw}”为{_KINDS[target.kind]}，实际完成值“{actual.raw}”为{_KINDS[actual.kind]}"
            return outcome
        # a method a 赋分规则 column names may say no direction ("直接赋分"): a bare figure then
        # reads as rows.no_comparator says ("项目成本 50万元": at most)
        direction = (self._direction(row, target, method) if wanted == "number" else target.comparator or method.comparator) or (
            "<=" if wanted == "date" else ">=")
        if actual.since is not None and wanted == "date" and direction[0] == "<" and actual.since > _last_day(target):
            # "第四季度" against "2024年9月30日前": every day of the span is past the deadline
            actual = replace(actual, comparator=None, date=actual.since, precision="month" if actual.since.day == 1 else "day", since=None)
        # an actual written with a comparator ("≥95%", "低于85%") is a bound, not a figure
        bound = _BOUNDS.get(actual.comparator)
        if bound is not None and wanted == "date" and (
                bound != direction[0] or not _met(direction, _date_number(actual, target), _date_number(target, actual))):
            # "2025年2月前" against "2024年12月前": done by February, maybe by December
            return self._unknown_by_bound(actual, target, outcome)
        if wanted == "date":
            step = self._other_step(row)
            if step is not None:
                part.reason = f"实际完成值“{actual.raw}”是“{step}”的日期，指标“{row.name}”的期限“{target.raw}”不是这一步的，无法比较"
                return outcome
            if _within_not_by(actual, target):
                part.state = "judgement"
                part.reason = (f"实际完成值“{actual.raw}”只写到{'年份' if actual.precision == 'year' else '月份'}，"
                               f"无法判断是否在期限“{target.raw}”之内，需评价人判断")
                return outcome
            t, a = _date_number(target, actual), _date_number(actual, target)
            if actual.remark is not None and says_late(actual.remark) == _met(direction, a, t):
                # "2024年10月（延期）" against "2024年12月31日前": on time by the date, late by the words (or
                # "2025年2月（提前完成）": the other way)
                within = "在期限" if says_late(actual.remark) else "晚于期限"
                part.reason = (f"实际完成值“{actual.raw}”注明“{actual.remark}”，日期却{within}“{target.raw}”"
                               f"{'之内' if within == '在期限' else ''}，无法判断是否按期完成")
                return outcome
        else:
            converted = self._same_unit(target, actual, direction, row)
            if isinstance(converted, str):
                part.reason = converted
                findings.append(finding("unit_mismatch", f"{row.name}：{converted}，该行无法核验", place))
                return outcome
            t, a, note = converted
            if note:
                findings.append(finding("unit_converted", f"{row.name}：{note}", place))
                if self.recorder.traced:  # `explain` shows how the figures were read before the score
                    self.recorder.value(values, ValueUse("compared_as", "比较时的读法", note, "value"))
            if ((target.either_way and abs(a) >= _LEVEL) or (_row_name(row).endswith(_DEVIATIONS) and direction[0] == "<" and abs(a) >= _RATE_LEVEL)) \
                    and target.unit == "%" and _LEVEL > t:
                # "97%" against "≤±5%", or against "≤5%" in 预算执行偏差率: a rate's level (an execution rate), not how far
                # it lies from one (review FO A5)
                part.state = "judgement"
                part.reason = (f"年度指标值“{target.raw}”是{'上下浮动' if target.either_way else '偏差'}的幅度，"
                               f"完成值“{actual.raw}”像是比率本身而不是偏离的幅度，是否达成需评价人判断")
                return outcome
            if a < 0 < t and direction[0] == "<" and bound is None and (target.either_way or _row_name(row).endswith(_SIZES)):
                # "-4.1%" in 预测偏差率 against "≤3%": a deviation's size is how far, either way (偏离度 = |执行数 − 预算数|
                # ÷ 预算数), not a signed figure any fall of which meets a cap (review FJ A2); a cap of 0 asks no rise
                # of a signed figure (review FK A1)
                a = -a
                if self.recorder.traced:
                    self.recorder.value(values, ValueUse("compared_as", "比较时的读法", f"按偏差的大小 {fmt(a)} 比较", "value"))
        if (bound is not None and bound != direction[0] and direction[0] == "<" and actual.approximate and actual.number
                and (actual.number + _next_step(actual.number)) * (a / actual.number) <= t):
            # "3万余元" against "≤50万元": more than 30000, but less than 40000 — within the limit (review DI B1)
            bound = None
        if bound is not None and bound != direction[0] and _could_meet(direction, actual.comparator, a, t):
            return self._unknown_by_bound(actual, target, outcome)  # "覆盖率低于95%" against "≥90%"
        # an actual bounded the other way that cannot meet the target missed it, even at its bound
        # ("低于95%" against "≥95%")
        met = _met(direction, a, t) and not (bound is not None and bound != direction[0])
        if self.recorder.traced:
            self.recorder.value(values, ValueUse("met", "是否达到年度指标值", met, "value"))
            if wanted == "number" and t != 0:
                self.recorder.value(values, ValueUse("completion", "完成率（%）", a / t * 100, "value"))
        names = {"target": t, "actual": a, "weight": weight, "met": met}
        if not met and wanted == "number" and (t < 0 or (a < 0 and t == 0)) and not method.score.names.isdisjoint(("target", "actual")):
            # actual ÷ target on a negative target rewards missing it (−10 ÷ −5 = 200%): a share of
            # the weight means nothing there, so the evaluator decides, not the formula (one that
            # scores a miss alike whatever the figures, "weight if met else 0", still scores).  A
            # negative actual against a positive target (a fall where a rise was asked) scores what
            # the formula gives, below 0 and so 0 (review CL B3)
            part.state = "judgement"
            part.reason = "未达到年度指标值，且指标值或完成值为负数，按完成比例计分没有意义，需评价人判断"
            part.short_of_weight = True  # missed, however it is scored: never full marks (review CK B1)
            return outcome
        try:
            unclear = self._unclear_direction(row, target, method) if not met and wanted == "number" else None
            if not met and (method.judgement_unless_met or unclear is not None):
                part.state = "judgement"
                missed = _missed(direction, wanted, actual, target)
                part.reason = (f"{missed}，{method.label}未规定计分，需评价人判断" if unclear is None
                               else f"{missed}，{unclear.label}，需评价人判断")
                # full marks only when met, and a miss is one (a deadline passed; not a figure of unclear
                # direction that is only unequal, nor a bare "6月" that may be a length, "项目建设期 6月"):
                # it earns less, however much (review BW A3)
                part.short_of_weight = unclear is None and direction[0] in "<>" and (
                    wanted != "date" or _DEADLINE_WRITTEN.search(target.raw) is not None or self._late_either_way(row, target, actual))
                return outcome
            dated = wanted == "date" and not method.score.names.isdisjoint(("target", "actual"))
            if dated and self._in_days(method, names, direction, target, actual, weight, outcome, values) is not None:
                return outcome  # a range: the actual written to the month
            raw = self.evaluator.evaluate(method.score, names)
        except EvaluationError as exc:
            if not met and wanted == "number" and target.number == 0 and direction[0] in "<>":
                # "=2次" against "=0次" under a method scoring a miss by actual ÷ target: the target of none was
                # missed, by how much the method cannot say — the evaluator's, and short of the weight (review EN B2)
                part.state, part.short_of_weight = "judgement", True
                part.reason = f"{_missed(direction, wanted, actual, target)}；指标值为 0，按“{method.label}”的公式无法计算未达到时的得分，需评价人判断"
                return outcome
            part.state = "error"
            part.reason = str(exc)
            findings.append(finding("rule_error", f"{row.name}：无法按规则计算：{exc}", place))
            return outcome
        unstated = (wanted == "number" and bound is None and outcome.by_values and not ranged
                    and self._other_reading(row, weight, method, target, actual, names, place, findings, values))
        if method.overshoot is not None and met and self.rules.overshoot_threshold is not None and not unstated:
            try:
                deviation = self.evaluator.evaluate(method.overshoot, names)
            except EvaluationError:
                # a target of 0 has no relative overshoot; the warning is skipped, the score stands
                deviation = None
            if deviation is not None:
                if self.recorder.traced:
                    self.recorder.value(values, ValueUse("overshoot", "超出年度指标值的幅度（%）", deviation, "value"))
                if deviation >= self.rules.overshoot_threshold:
                    # a bare figure read as more is better only because nothing in the name says otherwise, a harm's
                    # word in the name, may count a harm the rule file does not list: the evaluator is told so, not only
                    # of a target set low (review GF B2); so may work said done wrongly where no reading took it so
                    # ("违规收取物业费小区数": review HN B2, HO B2)
                    unsure = (target.comparator is None and target.kind == "number" and target.number != 0
                              and any(w in row.name for w in self.reading.harm_hints) and self._no_comparator(row, target) is None)
                    hedge = ""
                    if unsure:
                        # with the score the other reading gives, as the direction warning says it (reviews HZ B3, IB B1, ID B1)
                        lower = self.rules.methods.get(self.rules.no_comparator_lower or "")
                        other = self._score_by(lower, names, weight) if lower is not None else None
                        counted = f"应按{lower.label}计 {fmt(round_half_up(other, 2))} 分" if other is not None else "应按反向指标核定"
                        hedge = f"（指标值未写比较符号，本行按越高越好计分；若本指标越低越好，完成值超过指标值即未达到，{counted}）"
                    findings.append(finding(
                        "overshoot", f"{row.name}：完成值“{actual.raw}”超出年度指标值“{target.raw}”{fmt(round_half_up(deviation, 2))}%，"
                        f"可能是指标值设定偏低；规则允许据此酌情扣分，本工具不自行扣分，请评价人判断{hedge}",
                        place,
                    ))
        if bound is not None and wanted == "number" and not (met and bound == direction[0]):
            # at least as good as a figure that misses: between its score and the weight; at most
            # as good as one that misses ("超过5%" against "≤3%"): between 0 and its score
            at = min(max(Decimal(raw), Decimal(0)), weight)
            low, high = (at, weight) if bound == direction[0] else (Decimal(0), at)
            below = None  # a figure the actual stays below, which misses the target
            if actual.approximate and bound == direction[0] and actual.number:
                # "600余人次", "1万余人": more than 600, but fewer than 700 — below a target above that,
                # the score stops short of the weight
                upper = (actual.number + _next_step(actual.number)) * (a / actual.number)
                try:
                    score = self.evaluator.evaluate(method.score, {**names, "actual": upper, "met": _met(direction, upper, t)})
                    high = min(max(Decimal(score), Decimal(0)), weight)
                except EvaluationError:
                    pass  # the bound alone, as before
                if direction[0] == ">" and upper <= t:
                    # "110余人" against "≥120人": fewer than 120, short of the target however close to it (review FT A2)
                    below = actual.number + _next_step(actual.number)
            if low != high:
                part.state = "scored"
                part.reason = (f"实际完成值“{actual.raw}”只给出{_bound(actual)}，"
                               f"得分在 {fmt(round_half_up(low, 2))}～{fmt(round_half_up(high, 2))} 分之间")
                if below is not None:
                    part.short_of_weight = high == weight  # the formula's score at the step itself is the weight's
                    unit = actual.written_unit or ""
                    part.reason = (f"实际完成值“{actual.raw}”即多于 {fmt(actual.number)}{unit}、少于 {fmt(below)}{unit}，未达到年度指标值“{target.raw}”，"
                                   f"得分在 {fmt(round_half_up(low, 2))} 分以上、{fmt(round_half_up(high, 2))} 分以下")
                if bound != direction[0] and high == weight and bound in ("<", ">"):
                    # "不足100人次" against "≥100人次": short of the target by however little, never
                    # full marks (review BX A3)
                    part.short_of_weight = True
                    part.reason = (f"实际完成值“{actual.raw}”只给出{_bound(actual)}，未达到年度指标值“{target.raw}”，"
                                   f"得分在 {fmt(round_half_up(low, 2))} 分以上、{fmt(weight)} 分以下")
                outcome.low, outcome.high, outcome.interval = low, high, True
                return outcome
            raw = low  # "低于85%" against "90%" under 直接赋分: 0, whatever the actual was
        if not met and bound is None and wanted == "number" and weight > 0 and Decimal(raw) >= weight:
            # a strict bound reached exactly ("<1起" for 1起, ">90%" for 90%): the formula's share is
            # 1 and cannot tell this miss from a hit, but a miss never earns full marks (review CU A5)
            part.state = "judgement"
            # … or a formula for reaching up that a figure past a limit overshoots ("=8%" against "<=5%" under
            # 满意度赋分: 8 ÷ 5 is above 1; review EN B2)
            where = (f"恰在年度指标值“{target.raw}”的界限上" if a == t
                     else _missed(direction, wanted, actual, target).removeprefix(f"完成值“{actual.raw}”"))
            part.reason = (f"完成值“{actual.raw}”{where}，未达到；按“{method.label}”的公式仍为满分，"
                           f"但未达到年度指标值不能得满分，需评价人判断")
            part.short_of_weight = True
            return outcome
        part.state = "scored"
        part.raw = Decimal(raw)
        part.score = min(max(part.raw, Decimal(0)), weight)
        if not met and weight:
            # the figures compared and what the rule made of them, as the officer checks them
            # (a trace's 完成率 is actual ÷ target, which a ≤ target does not score by)
            share = fmt(round_half_up(part.score / weight * 100, 2))
            # a rule that scores a miss alike whatever the figures ("weight if met else 0") says so:
            # the officer expects 98% of the weight for 98% of the target (review BW C4)
            alike = method.score.names.isdisjoint(("target", "actual"))
            rule = (f"得分为分值的 {share}%" if not alike else f"按“{method.label}”未达到不得分" if not part.score
                    else f"按“{method.label}”未达到得分值的 {share}%")
            part.reason = f"{_missed(direction, wanted, actual, target)}，{rule}"
        if unstated:
            part.reason = f"{part.reason}；{unstated}" if part.reason else unstated
        if part.score != part.raw:
            findings.append(finding("capped", f"{row.name}：按公式得 {fmt(round_half_up(part.raw, 2))} 分，超出该项分值范围，按 {fmt(part.score)} 分计", place))
        return outcome

    def _unread_harm(self, name: str) -> str | None:
        """Where a name holds a word of reading.harm_words that no reading took as what the row counts: that
        it holds it and why it was not taken ("违规提取住房公积金笔数": too far from the count); else None."""
        reading = self.reading
        word = max((w for w in reading.harm_words if w in name), key=len, default=None)
        if word is None:
            return None
        if word in reading.harm_struck_exceptions:
            why = f"“{word}”写在别的词之前时常是所做工作的领域（规则文件 reading.harm_struck_exceptions）"
        else:
            count = next((c for c in reading.harm_counts if name.endswith(c) and len(c) < len(name)), None)
            gap = len(name) - len(count) - name.rfind(word) - len(word) if count is not None else 0
            if reading.harm_struck_length and gap > reading.harm_struck_length:
                why = f"它与所计之物之间隔了 {gap} 个字，多于规则文件所定的 {reading.harm_struck_length} 个（reading.harm_struck_length）"
            else:
                why = "规则文件的读法未把它当作所计之物（reading.harm_words）"
        return f"名称中的“{word}”是要避免的事，但{why}，未据以定方向"

    def _no_harm_read(self, name: str) -> str:
        """What a row's reason says of the lower-is-better words its name does or does not hold (review HO B1: a
        harm word too far from the count was said to be absent)."""
        return self._unread_harm(name) or "名称中没有规则文件所列越低越好的说法（reading.lower_quantity_names、harm_words）"

    def _unstated(self, row: Row, target: ParsedValue, method: CompiledMethod) -> CompiledMethod | None:
        """The method a bare figure is also read with where nothing says which way it goes
        (rows.no_comparator.unstated): a count or an amount (not a rate: `quantity_names`, `percent_names`,
        `rate_units`), read by the rules' default for a bare figure
        (rows.select.none) because no group or duration says otherwise (`_no_comparator`), and its name
        holds no word the rule file reads a direction by — none of reading.reach_words (what is to be
        reached, "培训人数"), no harm set aside as work done or negated and no lower is better name
        reversed ("修补路面坑槽处数", "设备无故障天数", "刑事抗诉案件法院改判率": the lists read those as
        more is better).  A harm word the lists do not read where it stands ("文物本体病害发生处数") says
        nothing either way.  Three reviews of fields the lists had not seen (GN, GO, GP) found half their
        bare counts of harms ("文物本体病害发生处数", "欠薪企业数", "瞭望监测盲区面积") read as more is better."""
        rules = self.rules
        if rules.no_comparator_unstated is None or target.comparator is not None or target.kind != "number" or target.number == 0:
            return None
        if method is not rules.methods.get(rules.select.get("none", "")) or self._no_comparator(row, target) is not None:
            return None
        name, reading = _row_name(row), self.reading
        degree = name.endswith(reading.quantity_names) and (target.unit is None or target.unit in reading.rate_units)
        if degree or name.endswith(reading.percent_names) or target.unit in reading.rate_units:
            # a rate, a degree, a share or a score: most to reach (review GQ: 18 of 20 bare rates in education, health and civil
            # affairs), and those to keep down are the rates the lists name most fully — read as select.none says.  Not a
            # length or a depth in metres ("侵蚀岸线长度 1.2公里", review GY): 度 ends the name, no degree is meant
            return None
        if self._to_reach(name) or reading.reaches(name) \
                or reading.harm_reading(name) is not None or reading.harm_negated(name) or any(w in name for w in reading.lower_quantity_names):
            return None  # a harm set aside as work done, those without one, a lower is better name reversed
        durations = rules.no_comparator_durations
        if durations is not None and target.unit in durations.units:
            head, stem = _head_and_stem(name, durations)
            if _life_or_saved(name, head, stem, durations) or _last_end(stem, durations.unless_names)[0] >= 0:
                # a life or time saved ("设计使用年限", "审批时限压缩天数"), a least duration named as one ("培训时长",
                # "预警提前时间"): more is better, as the durations say
                return None
        return rules.methods[rules.no_comparator_unstated]

    def _struck(self, row: Row, target: ParsedValue, method: CompiledMethod) -> tuple[str, str, bool] | None:
        """The harm word, the thing it befell and False where a bare figure is lower is better only because
        its name puts a harm before what it counts (`Reading.harm_struck`: "死亡畜禽数"); the harm word, the
        rate word and True where it is a rate of a harm (`Reading.harm_rates`: "网上信访率"); else None.  Such
        a row is also read as the rules' default, where a word of work the lists lack stands in what
        follows the harm (reviews GU, GV: "心脏死亡器官捐献例数", "违规账号封禁数量", "闲置仓容租赁面积" count
        work) or the rate is one to reach ("网上信访率", "病原学阳性率"): the evaluator is told what that
        gives, as for a figure of unstated direction."""
        rules = self.rules
        if rules.no_comparator_unstated is None or target.comparator is not None or target.kind != "number" or target.number == 0:
            return None
        if method is not rules.methods.get(rules.no_comparator_lower or "") or rules.select.get("none") not in rules.methods:
            return None
        name, reading = _row_name(row), self.reading
        if is_lower_name(name, reading):
            return None
        # the method is the lower one, and no lower is better name chose it: the harm before the thing did, or
        # the harm a rate is of
        struck = reading.harm_struck(name)
        if struck is not None:
            return (*struck, False)
        rate = reading.harm_rate(name)
        harm = reading.harm_named(name) if rate is not None else None
        return (harm, rate, True) if harm is not None else None

    def _other_reading(self, row: Row, weight: Decimal, method: CompiledMethod, target: ParsedValue, actual: ParsedValue,
                       names: dict, place: str, findings: list[Finding], values: list[ValueUse]) -> str | None:
        """A bare figure of unstated direction (`_unstated`): scored as the default reads it, with a warning
        of what the other reading gives where the two differ, for the evaluator to settle the direction.
        Returns what the row's own line says of it (review GS A2: a warning under the table alone is
        missed), None where there is nothing to say.  Not a range between the two: one of them always
        earns the weight, so a range would pass every full claim, and reviews GQ and GR found most such
        rows in fields of work and services more is better (GR: 22 of 28), where the default's 高报 is
        the finding that matters."""
        other = self._unstated(row, target, method)
        struck = None if other is not None else self._struck(row, target, method)
        if struck is not None:
            other = self.rules.methods[self.rules.select["none"]]
        if other is None:
            return None
        scores = [self._score_by(way, names, weight) for way in (method, other)]
        if None in scores:
            return None  # as the default reads it alone
        if scores[0] == scores[1]:
            return None
        if self.recorder.traced:
            self.recorder.value(values, ValueUse("unstated", "另一种读法", f"{other.label}：{fmt(round_half_up(scores[1], 2))} 分", "value"))
        if struck is not None:
            said, other_way = ((f"名称中的“{struck[0]}”紧接“{struck[1]}”，读作要避免之事所占的比率", "若此比率是要达到的成效（越高越好）") if struck[2]
                               else (f"名称中的“{struck[0]}”写在所计的“{struck[1]}”之前，读作遭此事的", "若所计是做成的工作或要达到的成效（越高越好）"))
            findings.append(finding("direction_unstated", f"{row.name}：指标值“{target.raw}”未写比较符号，{said}，"
                                    f"按{method.label}计 {fmt(round_half_up(scores[0], 2))} 分；"
                                    f"{other_way}，应按{other.label}计 {fmt(round_half_up(scores[1], 2))} 分，"
                                    f"请评价人核定（越高越好的指标宜在指标值前写“≥”，越低越好的写“≤”）", place))
            return f"指标值未写比较符号，按{other.label}应得 {fmt(round_half_up(scores[1], 2))} 分"
        named = self._unread_harm(_row_name(row)) or "名称也未表明越高越好还是越低越好"
        findings.append(finding("direction_unstated", f"{row.name}：指标值“{target.raw}”未写比较符号，{named}，"
                                f"按{method.label}计 {fmt(round_half_up(scores[0], 2))} 分；若本指标越低越好，应按{other.label}计 "
                                f"{fmt(round_half_up(scores[1], 2))} 分，请评价人核定（越低越好的指标宜在指标值前写“≤”）", place))
        return f"指标值未写比较符号，按{other.label}应得 {fmt(round_half_up(scores[1], 2))} 分"

    def _score_by(self, method: CompiledMethod, names: dict, weight: Decimal) -> Decimal | None:
        """What a figure's row scores read by ``method`` (met or not by its own comparator), within the weight; None
        where its formula cannot say."""
        a, t = names["actual"], names["target"]
        try:
            return min(max(Decimal(self.evaluator.evaluate(method.score, {**names, "met": _met(method.comparator, a, t)})), Decimal(0)), weight)
        except EvaluationError:
            return None

    @staticmethod
    def _unknown_by_bound(actual: ParsedValue, target: ParsedValue, outcome: _Outcome) -> _Outcome:
        outcome.part.reason = f"实际完成值“{actual.raw}”只给出{_bound(actual)}，无法判断是否达到年度指标值“{target.raw}”"
        return outcome


def _bound(value: ParsedValue) -> str:
    """A bounded actual as the reason says it: "上限（低于 85%）", "上限（不高于 -3%）" for "下降率≥3%",
    "上限（不晚于 2025年2月）" for "2025.2前"."""
    if value.kind == "date":
        when = value.date
        shown = {"year": f"{when.year}年", "month": f"{when.year}年{when.month}月"}.get(value.precision, f"{when.year}年{when.month}月{when.day}日")
        return f"{_DATE_BOUND_WORDS[value.comparator]} {shown}）"
    return f"{_BOUND_WORDS[value.comparator]} {fmt(value.number)}{value.written_unit or ''}）"


def _could_meet(direction: str, bound: str, a: Decimal, t: Decimal) -> bool:
    """Whether an actual bounded by ``a`` the other way from the target ("<95" against "≥90"), or
    bounded at all against "=" ("<280" against "=300"), may still meet it."""
    if direction == "=":
        return (t < a if bound == "<" else t <= a) if bound[0] == "<" else (t > a if bound == ">" else t >= a)
    strict = bound in ("<", ">") or direction in ("<", ">")
    if direction[0] == ">":
        return a > t if strict else a >= t
    return a < t if strict else a <= t


# what in a quantity's name may say it counts the lack of something ("不满意率", "缺勤率", "漏检率") …
_LACKING = ("不", "未", "非", "无", "没", "缺", "漏", "欠", "失", "误")
# … except as the end of a word qualifying what follows ("拖欠农民工工资案件办结率", "流失学生劝返率",
# "交通标志缺失补设率": of the row's own quantity, review BA)
_LACK_ENDING = ("拖欠", "亏欠", "欠缺", "罚没", "淹没", "流失", "走失", "遗失", "丢失", "消失", "损失", "过失",
                "空缺", "短缺", "紧缺", "稀缺", "残缺", "缺失", "泄漏", "渗漏", "疏漏", "遗漏", "错误", "延误",
                "耽误", "三无")


def _counts_a_lack(stem: str, about: str) -> bool:
    """Whether a quantity's name (``stem``, without 率/度) negates what the row's name or target
    (``about``) counts: a word of `_LACKING` followed by the rest of the name, which the row writes
    ("不满意" and "群众不满意" against 服务对象满意度, "缺勤" against 出勤率, "未按时办结" against 事项按时办结率),
    where the row does not write the word itself ("不满意" against 服务对象不满意率, "失能老人覆盖"
    against 失能老人护理服务覆盖率).  A word of lack in a subject the row leaves out ("误工补贴发放",
    "不动产登记", "非遗保护") negates nothing of the row (review AZ)."""
    for i, c in enumerate(stem):
        rest = stem[i + 1:]
        if c in _LACKING and rest and rest in about and stem[i:i + 2] not in about and stem[i - 1:i + 1] not in _LACK_ENDING:
            return True
    return False


def _row_name(row: Row) -> str:
    """A row's name folded, without blanks or a remark in brackets at its end (`readings.bare_name`)."""
    return bare_name(row.name or "")


# words opening a part of the figure before them, in brackets: "80万元(含配套资金20万元)" (besides
# reading.component_words, "其中")
_INCLUDES = ("包括", "包含", "含")
# what after a part's words in a row's name makes the name count a group: "省级以上资金", "脱贫户等"
_GROUPED = ("以上", "及以上", "以下", "及以下", "等", "及", "和", "与", "、", "以外", "外", "(", "（")
# a figure and its unit, then a bracket ending the cell: "发放补贴200户（其中建档立卡贫困户80户）"
_FIGURE_AND_BRACKET = re.compile(r"(?P<figure>\d[\d.,]*)(?P<unit>[^\d（()）]*)[（(](?P<inside>[^（()）]*)[)）]$")
# one part inside it: what it is of, and its figure with its unit ("建档立卡贫困户80户", "≥80户")
_PART = re.compile(r"(?P<of>[^\d<>=≥≤]*?)(?P<value>[<>=≥≤]{0,2}\d[\d.,]*(?P<unit>\D*))$")


def _named_part(text: str, name: str, component_words: tuple[str, ...]) -> str | None:
    """The part, in brackets right after the cell's one figure, of what the row's name opens with
    ("200户（其中建档立卡贫困户80户）" in 建档立卡贫困户补贴发放户数: "建档立卡贫困户80户"); None where there
    is none: a part of something else ("200户（其中贫困户80户）" in 补贴发放户数, in 非贫困户… or in 建档立卡
    贫困户…, a broader word), in another unit ("100%（其中财政资金80万元）"), a share or a rate ("100%（其中
    中央60%、省级40%）"), more than the whole, parts the name counts two of ("（其中脱贫户200户、监测户
    100户）" in 脱贫户和监测户帮扶户数), or a part of a figure after another ("实际发放150户，计划200户（其中…
    80户）"): a remark on the whole."""
    if "(" not in text and "（" not in text:
        return None  # most cells: no bracket at all
    compact = "".join(fold(text).split())
    match = _FIGURE_AND_BRACKET.search(compact)
    if match is None or match["unit"] in ("%", "‰") or any(ch.isdigit() for ch in compact[: match.start()]):
        return None
    inside = match["inside"]
    opening = next((w for w in (*component_words, *_INCLUDES) if inside.startswith(w)), None)
    if opening is None:
        return None
    parts = [p for p in map(_PART.fullmatch, re.split(r"[,，;；、]", inside[len(opening):].lstrip("：:"))) if p and len(p["of"]) >= 2]
    # … the name's opening words, not a group they open ("省级以上…", "脱贫户等…", "贫困户以外…")
    named = [p for p in parts if name.startswith(p["of"]) and not name[len(p["of"]):].startswith(_GROUPED)]
    if len(named) != 1 or sum(p["of"] in name for p in parts) != 1 or named[0]["unit"] != match["unit"]:
        return None
    try:
        if to_decimal(named[0]["value"].lstrip("<>=≥≤")[: -len(match["unit"]) or None]) > to_decimal(match["figure"]):
            return None  # a part above its whole is no part of it
    except NumberError:
        return None
    return named[0][0]


def _after_object(rest: str, object_: str, reading) -> str | None:
    """What follows the row name's object at the start of ``rest`` — its end, two characters at
    least ("宣传资料", "资料" of 宣传资料) — where that is a figure or a comparator; None otherwise."""
    for end in range(len(object_) - 2, -1, -1):  # its last two characters, then more
        head = object_[end:]
        if rest.startswith(head) and len(rest) > len(head):
            after = rest[len(head):]
            return after if after[0].isdigit() or reading.starts_with_comparator(after) else None
    return None


def _counts_the_others(before: str, word: str) -> bool:
    """Whether what a row's name has before ``word`` makes it count the others: a negation right
    before it ("未整改问题数"), 待 ("待整改问题数", "亟待解决…"; not 接待, 等待), or 剩余/遗留 before
    putting right ("剩余整改问题数"; not 剩余劳动力, nor the 问题整改 of 历史遗留问题整改数)."""
    return (before.endswith(tuple("未无没不非否"))
            or (before.endswith("待") and not before.endswith(_NOT_PENDING))
            or (before.endswith(("剩余", "遗留")) and word.startswith(("整改", "化解", "销号", "解决", "处置"))))


# words ending in 待 that are no "still to do"
_NOT_PENDING = ("接待", "等待", "招待", "期待", "款待", "对待", "优待", "看待", "善待", "虐待")


def _named_for(name: str, word: str, suffixes: tuple[str, ...]) -> bool:
    """Whether a row's name ends with ``word``, maybe followed by one of ``suffixes`` ("拨付率",
    "培训人数")."""
    at = name.rfind(word)
    return at >= 0 and (name[at + len(word):] == "" or name[at + len(word):] in suffixes)


def _opened_with(name: str, word: str, quantity_names: tuple[str, ...]) -> bool:
    """Whether a row counting what was added opens its name with ``word`` (`_ADDED`: "新增1200人" in 新增就业人数,
    review FF B): never a rate's or a share's name ("新增设备故障率": review FG A1; "新增就业人数占就业总人数": FI B5)."""
    return word in _ADDED and name.startswith(word) and not name.endswith((*quantity_names, "比例", "占比", "比重")) and "占" not in name


def _duration_method(name: str, durations: CompiledDurations) -> str | None:
    """The method of a bare duration in a 时效 row, by its name without its head (`heads`: 时长,
    时间, 期 …): the word of `unless_names` (a least duration: None, the default) or `names` (the
    time taken: `method`) that ends last decides ("驻村帮扶时间", "培训时长", "公示期" are least;
    "培训通知下发时间", "培训完成时限" the time the work may take); a wait (`waits`) anywhere in it is
    the time taken ("群众等待服务时长").  With neither, a head that says
    neither way (`unclear_heads`: "系统在线时长") is `unclear`, and any other the time taken."""
    head, stem = _head_and_stem(name, durations)
    if head in durations.limit_heads:
        # "设备检修周期": the time between two, a limit; "巡查周期", "培训周期" may as well be how long one lasts
        least_wins = _last_end(stem, durations.unless_names) > _last_end(stem, durations.names)
        return (durations.unclear or durations.method) if least_wins else durations.method
    if _life_or_saved(name, head, stem, durations):
        return None
    if any(w in stem for w in durations.waits):
        return durations.method  # "群众等待服务时长": the wait for the service, wherever the service stands
    least, taken = _last_end(stem, durations.unless_names), _last_end(stem, durations.names)
    if least > taken:
        return None
    if least == taken and durations.unclear and head in durations.unclear_heads:
        return durations.unclear  # neither word: (-1, 0) both
    return durations.method


def _names_time_taken(name: str, durations: CompiledDurations) -> bool:
    """Whether a row's name outside 时效 says plainly that its duration is the time a step took: a
    wait anywhere in it, or a word of `names` and none of `unless_names` ("故障处理时间"; not
    "培训用时", hours of training, nor "培训时长", "质保期")."""
    head, stem = _head_and_stem(name, durations)
    if _life_or_saved(name, head, stem, durations):
        return False
    if any(w in stem for w in durations.waits):
        return True
    return _last_end(stem, durations.names)[0] >= 0 and _last_end(stem, durations.unless_names)[0] < 0


def _head_and_stem(name: str, durations: CompiledDurations) -> tuple[str, str]:
    """A row's name as its duration head (`heads`: "时间", "期限"; "" for none) and what stands before it."""
    head = next((h for h in durations.heads if name.endswith(h)), "")
    return head, name[: len(name) - len(head)]


def _life_or_saved(name: str, head: str, stem: str, durations: CompiledDurations) -> bool:
    """Whether a duration is no limit by its name: a life ("设计使用年限", not a step's: "项目建设年限")
    or time saved ("审批时限压缩天数")."""
    return (head in durations.least_heads and not stem.endswith(durations.names)) or _saves_time(name, durations)


def _next_step(figure: Decimal) -> Decimal:
    """One unit of a figure's last written digit: what "N余" stays below N plus (600 → 100, 12000 → 1000)."""
    return Decimal(1).scaleb(figure.normalize().as_tuple().exponent)


def _saves_time(name: str, durations: CompiledDurations) -> bool:
    """Whether a name counts time saved: it ends in a word of `saved` or in a count of time
    (`saved_heads`) after one not followed by one of `saved_breaks` ("审批时限压缩天数", "节省群众办事
    时间", "平均办理时间缩短"; not "压缩后审批时限", "节约用水改造工程工期")."""
    if name.endswith(durations.saved):
        return True
    if not name.endswith(durations.saved_heads):
        return False
    return any((at := name.find(w)) >= 0 and not name.startswith(durations.saved_breaks, at + len(w)) for w in durations.saved)


def _last_end(text: str, words: tuple[str, ...]) -> tuple[int, int]:
    """Where the last of ``words`` in ``text`` ends, and its length (the longer word wins a tie);
    (-1, 0) when none is in it."""
    return max(((i + len(w), len(w)) for w in words if (i := text.rfind(w)) >= 0), default=(-1, 0))


def _outermost(words: list[str]) -> set[str]:
    """The words not inside a longer one of them ("负增长" and "增长": only "负增长")."""
    return {w for w in words if not any(w != other and w in other for other in words)}


def _lower_after(text: str, reading: Reading) -> tuple[str, str] | None:
    """A figure followed by a name saying lower is better ("0.5%故障率"): the figure, the name."""
    for word in reading.lower_quantity_names:
        if text.endswith(word):
            head = text[: -len(word)]
            start = len(head)
            while start > 0 and head[start - 1].isalpha() and len(head) - start < 12:
                start -= 1
            name = head[start:] + word
            return (head[:start], name) if start and is_lower_name(name, reading) else None
    return None


def parse_or_none(text: str, reading: Reading) -> str | None:
    """The error code parsing ``text`` would raise, or None when it reads."""
    try:
        parse_value(text, reading)
    except ValueParseError as exc:
        return exc.code
    return None


# What a 度量单位 column must hold for a bare figure with it to be a date ("月", "年底"): the target is
# read a second time only then, not on every split-column row
_DATE_CHARS = frozenset("年月日号末底季旬")


def _text_value(text: str) -> ParsedValue:
    """A qualitative row's actual is wording, whatever digits the narrative contains."""
    return ParsedValue(raw=text, kind="text", comparator=None, number=None, unit=None, date=None, text=text.strip())


def _without_equals(row: Row) -> Row:
    """A row with the "=" Xinjiang's forms put before every cell taken from wording in its target
    and actual ("=满意", "=无"): it says nothing, on both sides alike (review BP B1)."""
    def bare(text: str | None) -> str | None:
        if text is None:
            return None
        words = text.strip()
        return words[1:].strip() if fold(words[:1]) == "=" and not any(ch.isdigit() for ch in words) else text
    target, actual = bare(row.target), bare(row.actual)
    return row if (target, actual) == (row.target, row.actual) else plain_replace(row, target=target, actual=actual)


_COARSENESS = {"day": 0, "month": 1, "year": 2}


def _within_not_by(actual: ParsedValue, target: ParsedValue) -> bool:
    """An actual written to the year or the month ("2024年", "2024年6月") in the same period as a
    finer deadline that is not the period's end ("2024年6月30日前", "2024年6月15日前"): whether it
    was done by then cannot be told."""
    if _COARSENESS[actual.precision] <= _COARSENESS[target.precision]:
        return False
    done, due = actual.date, target.date
    if actual.precision == "year":
        if done.year != due.year:
            return False
        return (due.month, due.day if target.precision == "day" else 31) != (12, 31)
    if (done.year, done.month) != (due.year, due.month):
        return False
    return due.day != calendar.monthrange(due.year, due.month)[1]


def _date_number(value: ParsedValue, other: ParsedValue) -> Decimal:
    """A date as a number to compare: the day, or the month when either side gives only a month
    ("2023年10月" against "2023年12月"), or the year when either gives only a year ("2024年")."""
    if "year" in (value.precision, other.precision):
        return Decimal(value.date.year)
    if "month" in (value.precision, other.precision):
        return Decimal(value.date.year * 12 + value.date.month)
    return Decimal(value.date.toordinal())


def _last_day(value: ParsedValue) -> date:
    """The last day a date written to the day, month or year may stand for ("2024年9月" the 30th)."""
    if value.precision == "year":
        return value.date.replace(month=12, day=31)
    if value.precision == "month":
        return value.date.replace(day=calendar.monthrange(value.date.year, value.date.month)[1])
    return value.date


def _day_of(value: ParsedValue):
    """The day a date stands for: itself, or the last of its month where it is written as the
    month's (or the year's, the quarter's) end ("10月底", "年末"); None for a month alone."""
    if value.date is None:
        return None
    if value.precision == "day":
        return value.date
    if value.precision == "month" and ("底" in value.raw or "末" in value.raw):
        return value.date.replace(day=calendar.monthrange(value.date.year, value.date.month)[1])
    return None


def _missed(direction: str, kind: str, actual: ParsedValue, target: ParsedValue) -> str:
    """How an actual missed its target, naming both as the sheet writes them: "完成值“20”未达到
    年度指标值“≥550”", "完成值“60万元”超过年度指标值“≤50万元”", "完成日期“2023年8月15日”晚于期限“2023年6月30日前”"."""
    if kind == "date":
        side = "晚于期限" if direction[0] == "<" else "早于" if direction[0] == ">" else "不是"
        # by how many days, where both are days (a month's end, "10月底前", is one: review CB C5):
        # what the evaluator weighs (review BW C7)
        due, done = _day_of(target), _day_of(actual)
        days = (done - due).days if due and done else 0
        late = f"（晚 {days} 天）" if direction[0] == "<" and days > 0 else f"（早 {-days} 天）" if direction[0] == ">" and days < 0 else ""
        return f"完成日期“{actual.raw}”{side}“{target.raw}”{late}"
    side = "未达到" if direction[0] == ">" else "超过" if direction[0] == "<" else "不等于"
    # a target in words ("无", "无重大安全事故") says how it was read
    read = f"（读作 {fmt(target.number)}{target.unit or ''}）" if target.number is not None and not any(c.isdigit() for c in target.raw) else ""
    return f"完成值“{actual.raw}”{side}年度指标值“{target.raw}”{read}"


def _rule_name_like(written: str, names: dict[str, str]) -> str | None:
    """The one name of ``names`` (rows.rule_names) a 赋分规则 cell not written as any stands for: a name with
    "按" or "按照" put before it or left out ("按满意度赋分"), or one it differs from by a single character put for
    another ("按照完成比列赋分"); None where none or several could be, or they name other methods.  Never a name
    with other words around it: they may change the rule ("按完成比例赋分，未达到不得分", "非直接赋分": review EO A1)."""
    bare = written.removeprefix("按照").removeprefix("按")
    said = [n for n in (bare, "按" + bare, "按照" + bare) if n in names]
    if said:
        return said[0] if all(names[n] == names[said[0]] for n in said) else None
    # a slip in a name of six characters or more ("直接赋分" a character off may be another rule, "间接赋分"), and not
    # in its last two, which say what is done with the points ("按照完成比例扣分", "…加分": review EO)
    near = [n for n in names if len(n) == len(written) >= 6 and sum(a != b for a, b in zip(n, written)) == 1 and n[-2:] == written[-2:]]
    return near[0] if near and all(names[n] == names[near[0]] for n in near) else None


def _met(comparator: str, actual: Decimal, target: Decimal) -> bool:
    return {
        ">=": actual >= target,
        ">": actual > target,
        "<=": actual <= target,
        "<": actual < target,
        "=": actual == target,
    }[comparator]
