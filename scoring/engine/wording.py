"""Grading a row's worded actual: through the rule file's vocabulary and tiers (达成, 部分达成,
未达成) — a text naming a tier grades itself, unless it denies, forecasts or puts it right
(`WordingGrader._tier_named`) — and against the target's own words: the same words, the same
words negated, a rank below the target's, the other answer to a yes-or-no target ("发生安全事故"
against 无), wording of weaker strength (of a part only: the weaker tier), a none of the same
thing, the target's words and more (rows.target_words).  A phrase none of these grade leaves the
row unverifiable with its reason.

The Chinese words these readings turn on that are grammar rather than a province's rules (negation
of being, plans, parts, remedies) are the module's constants; the rule file's lists (negations,
modals, hedges, reversals, contained_with) are used wherever they say the same.

`WordingGrader` is the part of `rows.RowScorer` that does this; it reads the scorer's
``rules`` (CompiledRows), ``reading``, ``recorder`` and ``evaluator``, and its `_says_none`.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING

from ..numbers import fmt, normalize_phrase
from ..plain import replace as plain_replace
from .readings import ON_TIME, ParsedValue, bare_name, bound_of, change_way, is_lower_name, made_of
from .results import ValueUse

if TYPE_CHECKING:
    from ..cases.model import Row
    from ..rules.model import CompiledMethod
    from .rows import _Outcome

# the clauses of a worded cell
_ANY_DIGIT = re.compile(r"\d")
_CLAUSES = re.compile(r"[,，;；。、]")
# what joins a tier's label to what it adds: "部分达成并具有一定效果" is named by "部分达成"
_TIER_HEAD = re.compile(r"[并且，,]")
# words before a tier's name that leave it unsettled, besides the rule file's hedges: "预计全年部分
# 达成", "力争部分达成", "是否部分达成" — and, besides its modals, right before it only, being also
# part of other words ("年度计划部分达成", "无…"): "计划部分达成", "无未达成事项"
_UNSETTLED = ("预计", "力争", "有望", "如果", "是否")
_UNSETTLED_BEFORE = ("无", "非", "否", "拟", "若", "如")
# … and these opening the words before it, nothing but a time between ("计划年内部分达成", "争取年
# 底前…"); not after other words or before others, where they are nouns or means ("年度工作计划…",
# "通过争取上级支持…", "计划任务部分达成", "希望小学…")
_PLANS = ("计划", "争取", "希望")
def _outside_rates(word: str, text: str) -> bool:
    """Whether ``word`` stands in ``text`` other than before 率 or 度, as the head of a rate's name
    ("血压控制率", "矛盾纠纷解决率")."""
    at = text.find(word)
    while at >= 0:
        if not text.startswith(("率", "度"), at + len(word)):
            return True
        at = text.find(word, at + 1)
    return False


# Words before a change that forbid it ("杜绝返贫人口增加", "耕地面积不得减少"), besides rows.strength.reversals.
# Words saying how a change goes on, not how strong it is: "持续改善", "不断增强", "稳定增加"
_MANNERS = ("持续", "不断", "稳定", "逐年", "继续", "逐渐", "日益", "长效", "常态化")
_FORBIDDING = ("杜绝", "严禁", "禁止", "制止", "切忌", "不得", "不准", "不许", "不允许", "严防", "严控", "防范", "阻止", "不出现", "不再",
               "不能", "不应", "不致", "不会", "控制")
# … and so do conditions, opening them with nothing but a time between ("如年底前未达成", "如年底前仍未
# 达成"), or a clause ending 后 ("如资金到位后…"); not the words these open ("如期", "若干", "如约", but
# "如约定的期限内" is 如 before 约定)
_CONDITIONS = ("如果", "假如", "倘若", "如若", "若是", "如", "若")
_NOT_CONDITIONS = re.compile(r"^(如期(?![限末间满])|如实(?![施行现])|如今(?!年)|如何|如此|如数|如同|如约(?!定)|若干)")
# what a condition may follow, being what it is of: "项目如在规定时间内未达成", "该指标若年底前仍未达成"
# (not the first character of a word: "例如", "比如", "不如", "一如既往")
_CONDITION_SUBJECTS = frozenset({"项目", "本项目", "该项目", "此项目", "指标", "该指标", "本指标", "目标", "该目标", "绩效目标",
                                 "任务", "该任务", "工程", "该工程", "本单位", "单位", "我单位"})
# the times before a plan word that look ahead ("下一步计划…"); "2023年计划未达成" is that year's plan
_AHEAD = re.compile(r"^(下一?步|下一?阶段|下一?年度?|明年|下半年|今后|近期|尽快|(年底|年末|\d{1,2}月底?)前)$")
# what a condition may put between its time and the name: "如年底前仍未达成" (not a plan: "计划仍未达成"
# says the plan is not reached)
_STILL = ("仍然", "依然", "依旧", "仍", "还")
# what says none after the targets a negated head is of: "未达成指标：无", "未达成指标0个",
# "未达成指标数：0", "未达成指标：暂无", "未达成指标个数为零", "未达成指标为：无", "未达成的情况：无" —
# ending there, or where a clause saying all was done begins with no mark between, the blank that
# stood there being gone from the folded text ("未达成指标：无 全部按期完成"; not "无法")
_NONE_AFTER = re.compile(r"^(的?(个?数量?|项数|情况|项目|事项))?\s*([为是]|有(?=\s*[：:0零]))?\s*[：:]?\s*((暂|均|皆)?无|没有|[零0][个项条]?)"
                         r"(?=$|[\s，,。；;()（）]|全部|全都|均|都|已|皆)")
# what a failed tier's negated head ("未达成") may be followed by and still be of the targets
_TARGET_NOUNS = ("预期", "年度", "目标", "指标", "绩效", "效果", "计划", "任务")
_OF_TARGETS = (*_TARGET_NOUNS, "（", "(", "的")
# words before the top tier's name that say it was reached in the main, not in full: "基本达成年度
# 指标", "未完全达成年度指标" (as the vocabulary grades "基本完成")
_SHORT_OF_ALL = ("基本", "大部分", "大体", "未完全", "未全部", "没有完全", "没有全部", "不完全", "尚未完全", "尚未全部")
# what may stand between a negation and a tier's name it denies: "不存在", "未出现", "没有"
_BEING = ("", "存在", "出现", "发生", "有")
# words after "…的" that say it was put right: "未达成且效果较差的情况已整改"
_REMEDIES = ("整改", "纠正", "改正", "消除", "杜绝")
# the ways of grading wording a reason names (the vocabulary's own, or equal wording, goes without saying)
_SAID_HOW = ("程度", "完成值是", "完成值包含", "完成值含", "完成值与指标值同样", "完成值“", "完成值与指标值回答", "完成值的", "完成值说")


# words before a negation in its clause that say it is of a part only: "部分指标未达成"
_PARTS = ("部分", "个别", "少数", "极个别", "一些", "少量")
# what a part word may be of to be a part of the targets, whatever stands between
_PART_OF = ("指标", "目标", "任务", "项目", "村", "乡镇", "单位", "地区")
# … unless it is of a cause: "部分项目资金未到位导致未达成", "因部分资金未到位未达成"
_CAUSED = ("导致", "致使", "造成", "使得")
_BECAUSE = ("因", "由于", "因为")
# a time that may stand between a plan word and the tier's name: "计划年内部分达成"
_TIME_ONLY = re.compile(r"^[于在到]?(今年|年内|年底|年末|期末|明年|下一?年度?|下半年|下一?步|下一?阶段|近期|今后|尽快|\d{4}年(\d{1,2}月)?|\d{1,2}月)(底|末|内)?前?$")
# … or a time set by another, or a period, after a condition ("如在规定时间内", "如期限内", "如超过规定时间",
# "如在项目周期内", "如期限届满"), and after a plan word with 在/于/按 before it ("计划在规定时间内部分达成")
_SET_TIME = re.compile(r"^(?P<at>在|于|按|超过|超出)?(合同|项目|计划)?(规定|约定|要求)?的?(时间节点|时间|期限|时限|工期|周期)(之?内|以内|届满|到期)?前?$")


# what may stand between a negation and the deed it negates: "没有得到整改", "未予纠正", "没有及时整改"
_BEFORE_DEED = re.compile(r"^(完全|及时|全部|彻底)?(得到|予以|予|进行|完成|被)?")
# what right before a remedy says it is not done: "尚未得到", "仍未", "将在下年度", "计划明年", "正在"
_NOT_YET = re.compile(r"(未|没有?|不|尚未|仍未|还未|还没有?|没能|未能|无法|暂未)(完全|及时|全部|彻底|全面|按期|按时)?(得到|予以|予|被|进行|完成)?$|(?<![已按])(将|拟|计划|正在|准备)[^已]{0,6}$")


# what right after a remedy says it fell short: "整改不到位", "纠正不彻底", "整改工作滞后"
# ("整改不够彻底", "整改仍不到位"; not "整改不够一周就全部完成", "整改滞后一个月完成": a time, done)
_UNDONE_AFTER = re.compile(r"(工作|措施|进度|成效|效果)?(仍|还|尚)?(不到位|不彻底|不力|不及时|不够(?![一二三四五六七八九十两半几\d])|不全面|不完全|"
                           r"未完全到位|未到位|未完成|未落实|没有到位|没到位|未完全|尚未完成|尚未到位|进展缓慢|滞后|不明显|不佳|(正在|在)?进行中|正在进行)")
# … where nothing after the shortfall speaks of the deed again: "整改不到位的情况已消除", "整改滞后，现已
# 整改完毕", "整改不到位，仍未整改到位" may each say it was done or not, and are left to the evaluator
# (a definite tier for a remedy the sheet says was done would flag an over-claim; the evaluator is the
# cautious reading)
_DEED_WORDS = re.compile(r"整改|纠正|改正|到位|完毕|完成|解决|消除|处理|落实")


def _falls_short(text: str, at: int) -> bool:
    """Whether a remedy ending at ``at`` in ``text`` is said to fall short right after it, with no
    word of the deed after the shortfall."""
    shortfall = _UNDONE_AFTER.match(text, at)
    return shortfall is not None and _DEED_WORDS.search(text, shortfall.end()) is None


def _remedied(after: str, words: tuple[str, ...], denials: tuple[str, ...] = ()) -> str | None:
    """The word of ``words`` (put right, denied) that the text after "…的" opens with, past a
    short noun and an adverb ("情况已整改", "问题不存在"); None where there is none, or a reason
    stands first ("原因是没有足够资金")."""
    for word in words:
        at = after.find(word)
        # not in a reason, and not negated or still to come right before it ("尚未得到解决", "仍未整改",
        # "将在下年度整改"; not the 不 of "不足之处已整改")
        told = after[:at]
        # … nor, for a denial of ``denials``, a negation of a remedy ("问题目前还没有整改": 没有 denies the
        # remedy, not the tier)
        denies = word in denials and _BEFORE_DEED.sub("", after[at + len(word):], count=1).startswith(tuple(w for w in words if w not in denials))
        # … nor a remedy said to fall short right after it ("整改不到位")
        short = word not in denials and _falls_short(after, at + len(word))
        if 0 <= at <= 8 and not any(w in told for w in ("原因", "是", "因")) and not _NOT_YET.search(told) and not denies and not short:
            return word
    return None


def _planned(lead: str, failed: bool = False) -> str | None:
    """The word of `_PLANS` or `_CONDITIONS` that opens ``lead`` (a plan word may follow a time that
    looks ahead: "下一步计划…", a condition what it is of: "项目如…") where what follows it is a time at most ("计划年内", "如年底前仍"), or a
    clause ending 后 ("计划资金到位后", "如资金到位后"; not "争取资金后", a means); None otherwise.
    ``failed``: the name is a failure's ("未达成"), which is planned in no set time."""
    for word in (*_PLANS, *_CONDITIONS):
        at = lead.find(word)
        if at < 0:
            continue
        if word in _CONDITIONS:
            # a condition opens the words, or follows what it is of ("项目如在规定时间内未达成")
            if (at and lead[:at] not in _CONDITION_SUBJECTS) or _NOT_CONDITIONS.match(lead[at:]):
                continue
        elif at and not _AHEAD.match(lead[:at]):
            continue
        rest = lead[at + len(word):]
        while word in _CONDITIONS and rest.endswith(_STILL):
            rest = rest[: -len(next(w for w in _STILL if rest.endswith(w)))]
        set_time = _SET_TIME.match(rest)
        if set_time and word in _PLANS and (failed or set_time["at"] not in ("在", "于", "按")):
            # "计划规定时间内…": the plan set the time; and no one plans to miss a set time
            set_time = None
        if not rest or _TIME_ONLY.match(rest) or set_time or (word != "争取" and rest.endswith("后")):
            return word
    return None


def _past_targets(text: str) -> str:
    """``text`` past the target nouns it opens with ("年度指标：无" → "：无")."""
    while text.startswith(_TARGET_NOUNS):
        text = text[len(next(w for w in _TARGET_NOUNS if text.startswith(w))):]
    return text


def _most(before: str) -> bool:
    """Whether the words before a part word make it most ("大部分", "很大一部分"); a fairly large
    part is still a part ("较大一部分", "相当大部分")."""
    before = before.removesuffix("一").removesuffix("的")
    return before.endswith(("大", "很大", "极大", "绝大")) and not before.endswith(("较大", "相当大", "比较大"))


def _of_a_part(text: str, word: str) -> str | None:
    """The word of `_PARTS` standing before ``word`` in its clause and saying it is of a part
    ("部分" of "年度目标基本达成，部分指标未达成"), where there is one; None otherwise — also where it
    says most ("大部分未达成") or is of another negation before ``word`` ("部分资金未到位导致未达成")."""
    at = text.find(word)
    clause = _CLAUSES.split(text[:at])[-1] if at >= 0 else ""
    for part in _PARTS:
        where = clause.find(part)
        while where >= 0:
            before, between = clause[:where], clause[where + len(part):]
            # of the targets ("个别指标因资金不到位未达成"), or with no other negation between; never of
            # a cause ("部分项目资金未到位导致未达成", "因部分资金未到位未达成")
            cause = any(w in between for w in _CAUSED) or before.endswith(_BECAUSE)
            if not _most(before) and not cause and (between.startswith(_PART_OF) or not any(n in between for n in "未不没")):
                return part
            where = clause.find(part, where + 1)
    return None


# States a target asks to keep, of which "基本" says no less was done ("基本稳定" against "稳定": review EQ B1)
_STATES = frozenset({"稳定", "平衡", "持平", "正常", "安全", "畅通", "有序", "平稳"})
_STATES_WORDS = tuple(_STATES)
# What a target asks to be done, opening a longer target that "基本" before it only qualifies ("满足业务需求",
# "实现全覆盖"): never the start of a programme's name, as "公共卫生服务" is in "基本公共卫生服务" (review EO A2)
_TO_DO = ("满足", "实现", "完成", "达到", "落实", "解决", "消除", "建成", "形成", "符合", "覆盖", "按期", "按时", "全面", "全部",
          "完全", "足额")
# Words of a lasting or further step ("持续优化", "不断优化"): one of them answers another before the same words
_LASTING = ("持续", "不断", "进一步", "继续")
# Verbs of keeping or reaching a state before the state a target names ("保持总体稳定"): the state said alone reaches it
_KEEPING = ("保持", "维持", "确保", "做到", "实现")
# Qualities a target may open with, which "基本" before them in an actual only qualifies ("基本精准" against "精准发放")
_QUALITIES = frozenset({"精准", "准确", "及时", "规范", "完善", "健全", "公开", "合理", "到位", "达标", "足额", "全面", "完整", "统一"})
# What makes a noun of the verb or quality before it ("建成区", "覆盖面", "完成率", "满意度")
_NOUN_ENDS = frozenset("区面率度量数额")
# Words of a target asking only part, a first stage or some ("解决部分…", "形成初步…", "达到一定规模"): "基本" reaches it
_ONLY_PART = ("部分", "初步", "一定", "逐步", "有所", "一批", "局部")


class WordingGrader:
    """Grades worded actuals for `rows.RowScorer` (see the module's docstring)."""

    def _met_by_wording(self, row: Row, weight: Decimal, method: CompiledMethod, target: ParsedValue | None, actual: ParsedValue,
                        outcome: _Outcome, values: list[ValueUse]) -> _Outcome:
        """A worded actual under a method that scores whether the target is met (Xinjiang's
        直接赋分: "未达到不得分"): graded as wording, a tier of the method's `text_met` meets the
        target and any other misses it, and the method's score gives the points — or, for a method
        that leaves a miss to the evaluator (a deadline: "逾期如何计分，办法未规定"), a miss is the
        evaluator's and short of the weight."""
        # the words that answer a date: the method's own, or, under one that has none (直接赋分), the
        # deadline method's (review DL A2)
        answers = method if method.text_target is not None else None
        if answers is None and target is not None and target.kind == "date":
            dated = self.rules.methods.get(self.rules.select.get("date", ""))
            answers = dated if dated is not None and dated.text_target is not None else None
        words = answers is not None and target is not None and target.kind != "text"
        phrase = normalize_phrase(actual.text or actual.raw)
        if words:
            # the step the deadline is for: the target's where it names one ("…前完工"), else the name's where it is
            # the time of one step (项目开工时间, 合同签订时间; not 项目开工及完工时间, 实施方案完成时间: review DQ A1, B1)
            reading = self.reading
            named = any(len(w) > 1 and w in target.raw for w in (*reading.date_steps, *reading.date_neutral))
            name = bare_name(row.name or "")
            ends = any(len(w) > 1 and w in name for w in reading.date_neutral if w not in reading.date_steps)
            name = "" if named or ends else "".join(w for w in reading.date_steps if f"{w}时间" in name or f"{w}日期" in name)
            step = next((w for w in reading.date_steps if (w in target.raw or w in name) and w not in phrase), None)
            # words saying only when the work was done (`readings.ON_TIME`) answer a deadline of any step ("及时"
            # against "2024年3月31日前启动", review DL A6); "已完成", "按期完成", "及时拨付" say nothing of when it
            # started (review DN A3)
            if step is not None and phrase not in ON_TIME:
                # "已完成" against "2024年3月31日前开工", or in 项目开工时间 (review DP A1): what was done says
                # nothing of when it started (review DK A5)
                outcome.part.reason = f"年度指标值“{target.raw}”是“{step}”的期限，完成值“{actual.raw}”没有说明何时{step}，无法核验"
                return outcome
            other = next((w for w in reading.date_steps if w in phrase and w not in target.raw and w not in name), None)
            if other is not None and not phrase.startswith(("未", "尚未", "没有", "还未")):
                # "按期开工" in 项目完成时间: a step the deadline is not for ("未启动": not even begun, a miss)
                outcome.part.reason = f"完成值“{actual.raw}”说的是“{other}”，年度指标值“{target.raw}”不是这一步的期限，无法核验"
                return outcome
            # "延期完成" against "2024年12月31日前": graded against what the method asks in words ("按期完成"),
            # below which it ranks, as against that target written so
            row = plain_replace(row, target=answers.text_target)
        graded = self._qualitative(row, weight, actual, outcome, values) if not (words and phrase in answers.text_words) else None
        if graded is None:
            graded, tier = outcome, method.text_met[0]  # its own words: met, whatever the tiers make of them
        else:
            tier = graded.tier
        part = graded.part
        if tier is None:
            return graded  # not graded: unverifiable, or the evaluator's, as the wording path says
        met = tier in method.text_met
        label = self.rules.tiers[tier].label
        if words and met and phrase not in answers.text_words:
            # "满意", "长期" against a deadline: words of the tier that meets it, saying nothing of when the work was
            # done (review DK A5); any tier below it misses it, whatever the words ("延期", "较差": review DL A1)
            part.state, part.score, part.band = "unverifiable", None, ""
            graded.low = graded.high = None
            graded.interval = False
            part.reason = f"完成值“{actual.raw}”没有说明是否{answers.text_target}，无法核验"
            return graded
        if self.recorder.traced:
            self.recorder.value(values, ValueUse("met", "是否达到年度指标值", met, "value"))
        graded.low = graded.high = None
        graded.interval = False
        part.band = ""  # the tier's range is not what the method scores
        if not met and method.judgement_unless_met:
            # a deadline answered in words that say it was missed ("延期完成", "基本按期完成"): the rules
            # give full marks only when it is met and leave the rest to the evaluator, as for a date
            part.state, part.score, part.raw = "judgement", None, None
            # the words' tier is not named: its range is not what scores the line (review DS B6)
            part.reason = f"“{actual.raw}”未达到指标值（{answers.text_target}），{method.label}未规定计分，需评价人判断"
            part.short_of_weight = True
            return graded
        raw = self.evaluator.evaluate(method.score, {"target": Decimal(0), "actual": Decimal(0), "weight": weight, "met": met})
        part.state, part.score = "scored", raw  # (its own words were not graded by the tiers, which set it)
        said = f"“{actual.raw}”即{answers.text_target}" if words and phrase in answers.text_words else f"“{actual.raw}”评为“{label}”"
        part.reason = f"{said}，{'达到' if met else '未达到'}指标值；{(method.rule_text or method.label).rstrip('。')}"
        return graded

    def _qualitative(self, row: Row, weight: Decimal, actual: ParsedValue, outcome: _Outcome, values: list[ValueUse]) -> _Outcome:
        part = outcome.part
        phrase = normalize_phrase(actual.text or actual.raw)
        tier_id = self.rules.vocabulary.get(phrase)
        how = "词表"
        if tier_id is None:
            named, how, mention = self._tier_named(phrase)
            if named is not None:
                # "部分达成并具有一定效果，有所提升": the unit grades itself in the rules' own words,
                # which settle the tier before any strength word is weighed
                return self._graded(row, weight, actual, outcome, values, named, how)
            if mention is not None:
                part.state = "judgement"
                part.reason = f"完成值“{actual.raw}”提到规则的档次“{mention[0]}”，但{mention[1]}，不是以它自评，需评价人判断"
                return outcome
        equal = self.rules.text_equal_to_target
        answers = self._answers(phrase)
        # a tier's own name is that tier, whatever the target says (it may be the same words)
        own_name = tier_id is not None and phrase == normalize_phrase(self.rules.tiers[tier_id].label)
        if answers and equal and not own_name and row.target is not None and normalize_phrase(row.target) == phrase and (
                tier_id is None or (self.rules.tiers[equal].high > self.rules.tiers[tier_id].high and tier_id != self.rules.target_negated_tier)):
            # "较好" against "较好": the target asked for no more than was done, whatever the
            # word alone would be graded (but "未完成" against "未完成" is no target reached)
            tier_id, how = equal, "完成值与指标值相同"
        if own_name:
            return self._graded(row, weight, actual, outcome, values, tier_id, how)
        if answers and row.target is not None:
            floor = self._rank_floor(normalize_phrase(row.target), phrase)
            if equal and self._at_least(floor, phrase) and not self._at_most(normalize_phrase(row.target), row.nature) and (
                    tier_id is None or (self.rules.tiers[equal].high > self.rules.tiers[tier_id].high and tier_id != self.rules.target_negated_tier)):
                # "基本满意" against "基本满意及以上", "优" against "良": the rank asked for, or above it,
                # as the same words would be (review BL A2, B5)
                tier_id, how = equal, f"完成值“{phrase}”不低于指标值要求的“{floor}”"
            else:
                ranked = (self._ranked(floor, phrase, tier_id) or self._yes_no(normalize_phrase(row.target), phrase, bare_name(row.name or ""))
                          or self._basically(normalize_phrase(row.target), phrase, tier_id))
                if ranked is not None:
                    tier_id, how = ranked
        if tier_id is None and answers and row.target is not None:
            tier_id, how = self._against_target_words(normalize_phrase(row.target), phrase, bare_name(row.name or ""))
        passed_over: list[str] = []
        if self.rules.strength and row.target is not None:
            target = normalize_phrase(row.target)
            # the rules' own tier names are no strength claim: the 一定 of "…并具有一定效果" (only
            # those holding one: "未达成年度指标" keeps its 未达)
            plain = phrase
            for tier in self.rules.tiers.values():
                label = normalize_phrase(tier.label)
                if label in plain and self._strengths(label):
                    plain = plain.replace(label, "，")
            wanted, found = self._strength(target), self._strengths(plain)
            if wanted is not None and self.rules.scope_words and target != wanted[0]:
                # "全面开展培训，干部能力有所提升": 有所, not 全面; "较大风险得到防控，能力有所提升": 有所, not 较大.
                # A scope word counts right beside what the target's strength word qualifies: the change it
                # names ("较大提升", "有了较大的提升", "提升幅度较大"), what follows its strength word
                # ("取得较大进展" against "取得一定进展"), or what precedes one that ends it ("发挥了较大作用"
                # against "作用较大")
                at = target.index(wanted[0])
                before, after = target[:at], target[at + len(wanted[0]):]
                anchors = [c for c in self.rules.change_words if c in target] + ([after] if after else [before] if before else [])
                # … in the clauses about the row's own subject, where the actual has others ("办件量有了较大的
                # 提升，满意度有所提升" in a 满意度 row: not 较大)
                subject = self._about_the_row(plain, bare_name(row.name or ""))
                kept = [(w, level) for w, level in found
                        if w not in self.rules.scope_words or w == plain or _beside(w, anchors, subject)]  # "较明显" alone: itself
                # said in the reason: a finance officer reading "较大" in the actual asks why it did not count
                passed_over = [w for w, _ in found if (w, _) not in kept]
                found = kept
            negation = self.rules.strength_levels - 1
            got = min(found, key=lambda wl: wl[1]) if found else None  # "有所提升，效果明显": the strongest
            # a target asking for no change ("无明显下降", "不下降") is met by the opposite one
            name = bare_name(row.name or "")
            opposite = self._opposite(target, phrase, name) if wanted is None or wanted[1] != negation else None
            if opposite is not None and not opposite[0]:
                part.state = "judgement"
                part.reason = (f"完成值“{actual.raw}”说的“{opposite[1]}”与指标值“{row.target}”所说的不是同一件事，"
                               f"无法判断是否达到，需评价人判断")
                return outcome
            if opposite is not None and self.rules.negated_tier is not None:
                # "有所下降" against "有所提升", "明显恶化" against "明显改善": moved the wrong way,
                # however strongly
                tier_id, how = self.rules.negated_tier, f"完成值的“{opposite[1]}”与指标值的“{opposite[0]}”方向相反"
                found = []
                wanted = None
            hedge = (next((w for w in self.rules.hedges if w in phrase), None) or self._forecast(phrase)) if phrase != target else None
            # … unless the words said done already fall short of the target's: a hedge makes an effect less certain,
            # never stronger — any tier but the one reaching the target ("有所提高，效果尚未显现" against "明显提高": 0～8
            # of 10, review ED A2).  Said done: before the hedges (not "下一步将进一步扩大规模": review EE A1), in the
            # clauses about the row's own subject where some name it (not "进一步规范了项目管理" of 年度任务), and
            # only where nothing but the hedges' own words reaches the target ("群众收入明显提高但仍需巩固", or a hedge
            # only found inside a word: "所有待办事项…明显缩短", review EF A1)
            weakest = None
            if hedge is not None and wanted is not None and self.rules.reached_tier:
                mine = self._own_clauses(plain, name)
                bare = self._strengths(self._before_hedges(mine))
                if bare and not any(level <= wanted[1] for _, level in self._strengths(self._hedges_masked(mine))):
                    weakest = min(bare, key=lambda wl: wl[1])
            if weakest is not None and weakest[1] != negation:
                return self._short_of_target(actual, weight, outcome, f"的程度“{weakest[0]}”弱于指标值的“{wanted[0]}”，且含“{hedge}”",
                                             self.rules.reached_tier, values)
            if hedge is not None and (wanted is not None or found):
                # "有待进一步提高", "与预期有一定差距", "计划进一步提升": the effect is still to come
                part.state = "judgement"
                part.reason = (f"完成值“{actual.raw}”含“{hedge}”，说的是尚待改进或计划中的效果，"
                               f"无法与指标值“{row.target}”比较，需评价人判断")
                return outcome
            if wanted is not None and wanted[1] == negation:
                absence = self._absence(row, target, wanted, phrase, found, actual, name)
                if absence is not None and absence[0] is None:
                    part.state, part.reason = "judgement", absence[1]
                    return outcome
                if absence is not None:
                    tier_id, how = absence
                    found, wanted = [], None
            if wanted is not None and any(level == negation for _, level in found) and any(level != negation for _, level in found):
                # "有所提升，但不明显", "无明显问题，满意度明显提升": wording both ways (the negation may be of another
                # subject: "未见明显质量问题": review EE A4)
                part.state = "judgement"
                part.reason = (f"完成值“{actual.raw}”的措辞有强有弱（{'、'.join(f'“{w}”' for w, _ in found)}），"
                               f"无法与指标值“{row.target}”比较强弱，需评价人判断")
                return outcome
            if wanted is not None and got is not None and got[1] > wanted[1]:
                weaker = self.rules.weaker_tier
                partly = got[1] == negation and _of_a_part(plain, got[0])
                if self.rules.negated_tier and got[1] == negation and not partly:
                    weaker = self.rules.negated_tier  # "未改善", "改善不明显": the effect the target asks for is not there
                if tier_id is None or self.rules.tiers[tier_id].high > self.rules.tiers[weaker].high:
                    tier_id = weaker
                # "部分指标未达到", "个别村组未达": missed in part, the rest reached
                how = f"完成值说的是{partly}“{got[0]}”" if partly else f"程度“{got[0]}”弱于指标值的“{wanted[0]}”"
                if passed_over:
                    how += f"；完成值中的{'、'.join(f'“{w}”' for w in passed_over)}说的不是指标值所要求的这项变化，不计为程度"
            elif wanted is not None and got is not None and tier_id is None:
                tier_id, how = self.rules.reached_tier, f"程度“{got[0]}”不弱于指标值的“{wanted[0]}”"
            elif wanted is not None and got is None and tier_id is None:
                # "基本健全" against "进一步健全": ranked below the target's own word, whatever strength the target
                # adds, it has not reached it (review EL B3); no rank below it, the strength is the evaluator's
                core = normalize_phrase(row.target).replace(wanted[0], "", 1)
                # (ranks only: "基本建成" against "初步建成" reaches a target asking less than 基本, review EP A3)
                ranked = self._ranked(core, phrase, None) if core and answers else None
                if ranked is None:
                    part.state = "judgement"
                    part.reason = f"指标值“{row.target}”有程度要求（“{wanted[0]}”），完成值“{actual.raw}”无法与之比较强弱，需评价人判断"
                    return outcome
                tier_id, how = ranked
        if tier_id is None and row.target is not None and _ANY_DIGIT.search(actual.raw) and _ANY_DIGIT.search(row.target):
            # "=2起" against "0起": figures, but not two the row can compare (no direction written, other
            # units): asking for "a quantity to compare" would ask for what is there (review DY B3)
            part.reason = (f"定性指标的完成值“{actual.raw}”与指标值“{row.target}”无法按数量比较（指标值未写明 ≥ 或 ≤，或两者单位不同），"
                           f"评为哪一档由评价人判断")
            return outcome
        if tier_id is None:
            # said in the officer's terms: what to write instead, from the rule file's own tiers
            named = "”“".join(t.label for t in self.rules.tiers.values())
            part.reason = (f"完成值“{actual.raw}”不是规则词表中的说法，无法评级：规则的档次为“{named}”，"
                           f"可按其中之一填写，或写出可与指标值比较的数量")
            return outcome
        return self._graded(row, weight, actual, outcome, values, tier_id, how)

    def _hedges_masked(self, text: str) -> str:
        """``text`` with every occurrence of the rule file's hedges (overlapping ones too: "下一步将",
        "将进一步") blanked out, the words around them kept."""
        covered = [False] * len(text)
        for hedge in self.rules.hedges:
            at = text.find(hedge)
            while at >= 0:
                covered[at: at + len(hedge)] = [True] * len(hedge)
                at = text.find(hedge, at + 1)
        return "".join("，" if gone else ch for ch, gone in zip(text, covered))

    def _before_hedges(self, text: str) -> str:
        """Each clause of ``text`` up to the first of the rule file's hedges in it: what follows a hedge
        ("有待进一步发挥", "下一步将进一步扩大规模", "预计明年明显提高") is still to come, no degree of the result;
        what precedes it ("群众收入明显提高但仍需巩固") is said done."""
        hedges = self.rules.hedges
        cut = []
        for clause in _CLAUSES.split(text):
            at = min((i for i in (clause.find(h) for h in hedges) if i >= 0), default=len(clause))
            cut.append(clause[:at])
        return "，".join(c for c in cut if c)

    def _short_of_target(self, actual: ParsedValue, weight: Decimal, outcome: _Outcome, how: str, reaching: str,
                         values: list[ValueUse]) -> _Outcome:
        """An actual known to fall short of its target (``how``), how far the evaluator's: any tier but
        ``reaching``, the one that reaches it, as a range.  Its tier, for a method scoring the tiers that
        meet the target alike (直接赋分: `text_met`), is one that does not (review EE A3)."""
        others = [t for key, t in self.rules.tiers.items() if key != reaching]
        outcome.tier = next((key for key in (self.rules.weaker_tier, *self.rules.tiers) if key is not None and key != reaching), None)
        low, high = min(t.low for t in others) * weight, max(t.high for t in others) * weight
        if self.recorder.traced:
            self.recorder.value(values, ValueUse("tier", "评级（未达到指标值）", "、".join(f"“{t.label}”" for t in others), "value"))
        outcome.part.state = "scored"
        outcome.part.reason = (f"完成值“{actual.raw}”{how}，不能评为“{self.rules.tiers[reaching].label}”，按其余档次得 "
                               f"{fmt(low.normalize())}～{fmt(high.normalize())} 分，评为哪一档由评价人判断")
        outcome.low, outcome.high, outcome.interval = low, high, True
        return outcome

    def _tier_named(self, phrase: str) -> tuple[str | None, str, tuple[str, str] | None]:
        """The tier a worded actual owns to by naming it and how it names it, and else the tier's
        label and why the text, naming it, does not own to it; (None, "", None) where it names
        none, or two.

        A tier is named by its label, or by its head — the words before its first "并"/"且" — where
        that is no negation of anything ("部分达成，有一定效果"; not "未达成", which may be of an
        agreement, or of a part: "部分未达成"); where two names overlap the first one read is meant
        ("部分达成年度指标").  A tier below the top one is owned to wherever it stands ("该项目部分达
        成…", "1、部分达成…"), unless the words right before it deny or forecast it ("不存在…", "预
        计…", "力争…") or what follows says it was put right ("…的情况已整改"): a mention the
        evaluator weighs.  The top tier's name settles nothing where the text says more after it
        ("达成年度指标，但效果较差"): it is that tier only with at most words of
        `rows.target_words.contained_with` before it ("已达成年度指标"), the negated tier with a
        negation only ("未达成年度指标", "没有达成年度指标"), and the weaker tier after words that
        fall short of all of it ("基本达成年度指标", "未完全达成年度指标")."""
        rules = self.rules
        tiers = rules.tiers
        matches = []  # (start, end, tier id)
        for tier_id, tier in tiers.items():
            label = normalize_phrase(tier.label)
            head = _TIER_HEAD.split(label, 1)[0]
            for name in dict.fromkeys((label, head)):
                if len(name) < 2:
                    continue
                at = phrase.find(name)
                while at >= 0:
                    matches.append((at, at + len(name), tier_id))
                    at = phrase.find(name, at + 1)
        # a negation's head overlapped by another name is that name's negation: "未达成年度指标"
        negating = [m for m in matches if phrase[m[0]:m[1]].startswith(rules.target_negations)
                    and phrase[m[0]:m[1]] != normalize_phrase(tiers[m[2]].label)]
        matches = [m for m in matches if m not in negating or not any(o[2] != m[2] and o[0] < m[1] and m[0] < o[1] for o in matches)]
        matches.sort(key=lambda m: (m[0], -m[1]))
        kept: list[tuple[int, int, str]] = []
        for m in matches:
            if not kept or m[0] >= kept[-1][1]:
                kept.append(m)
        if len({tier_id for _, _, tier_id in kept}) != 1:
            return None, "", None
        start, end, tier_id = kept[0]
        lead = _CLAUSES.split(phrase[:start])[-1]
        tail = phrase[end:].strip("。.！! ")
        label = tiers[tier_id].label
        said = phrase[start:end]
        how = "完成值含规则的档次名" if said == normalize_phrase(label) else f"完成值说“{said}”"
        # a head that is a negation ("未达成") may be of anything: of targets ("年度指标未达成",
        # "未达成预期目标", "未达成（完成率50%）"), and then it names the tier, of a part only
        # ("部分指标未达成": the weaker tier), or of something else ("未达成协议": no tier at all);
        # a denial of it is still one
        negated_head = said != normalize_phrase(label) and said.startswith(rules.target_negations)
        part = negated_head and _of_a_part(lead + said, said)
        loose = negated_head and bool(tail) and not (_CLAUSES.match(tail) or _TIER_HEAD.match(tail) or tail.startswith(_OF_TARGETS))
        # what follows the targets it is of: "未达成指标：无", "未达成指标0个", "未达成目标的情况已整改"
        after = _past_targets(tail) if negated_head else tail
        if tiers[tier_id].high >= max(t.high for t in tiers.values()):
            if tail:
                return None, "", None
            if not lead or made_of(lead, rules.contained_with):
                return tier_id, how, None
            if lead in rules.target_negations and rules.target_negated_tier is not None:
                return rules.target_negated_tier, how, None
            if lead.endswith(_SHORT_OF_ALL) and rules.weaker_tier is not None:
                return rules.weaker_tier, f"完成值说“{next(w for w in _SHORT_OF_ALL if lead.endswith(w))}{said}”", None
            return None, "", None
        # a negation, maybe of being there ("不存在", "未出现"), or a word that is no more than a
        # modal right before it ("可", "将"; not the 会 of 社会效益), or a forecast or hedge before it
        denied = next((n + v for n in rules.target_negations for v in _BEING if lead.endswith(n + v)), None)
        modal = next((w for w in rules.forecasts if lead.endswith(w) and not lead.endswith(rules.modal_words)), None)
        # … or a plan or a condition opening the words before it ("计划年内部分达成", "如年底前未达成")
        plan = _planned(lead, negated_head)
        unsettled = (denied or modal or plan or next((w for w in _UNSETTLED_BEFORE if lead.endswith(w)), None)
                     or next((w for w in (*_UNSETTLED, *rules.hedges) if w in lead), None))
        if unsettled:
            return None, "", (label, f"前面有“{unsettled}”")
        # "…的情况已整改", "…的问题不存在": what follows puts it right, or denies it — right after the
        # thing it names, not in a reason ("…的原因是没有足够资金"); "未达成指标：无" says none failed
        denials = tuple(n + v for n in rules.target_negations for v in _BEING if v)
        remedied = after.startswith("的") and _remedied(after[1:], (*_REMEDIES, *rules.reversals, *denials), denials)
        if remedied:
            return None, "", (label, f"后面说“{remedied}”")
        # … also past a 的 before them: "未达成的指标：无", "未达成的情况：无"
        counted = _past_targets(tail[1:]) if tail.startswith("的") else after
        none = negated_head and _NONE_AFTER.match(counted)
        if none:
            return None, "", (label, f"后面说“{none.group(0)}”")
        if loose:
            return None, "", None
        if part and rules.weaker_tier is not None:
            return rules.weaker_tier, f"完成值说的是{part}“{said}”", None
        return tier_id, how, None

    def _graded(self, row: Row, weight: Decimal, actual: ParsedValue, outcome: _Outcome, values: list[ValueUse], tier_id: str,
                how: str) -> _Outcome:
        part = outcome.part
        phrase = normalize_phrase(actual.text or actual.raw)
        tier = self.rules.tiers[tier_id]
        low, high = tier.low * weight, tier.high * weight
        if self.recorder.traced:
            self.recorder.value(values, ValueUse("phrase", "完成情况用语", actual.raw, "value"))
            share = f"{fmt((tier.low * 100).normalize())}%～{fmt((tier.high * 100).normalize())}%"
            self.recorder.value(values, ValueUse("tier", f"评级（{how}）", f"{tier.label}（分值的 {share}）", "value"))
            self.recorder.part(part, band=f"{tier.label}：{fmt(low.normalize())}～{fmt(high.normalize())} 分")
        part.state = "scored"
        if phrase == normalize_phrase(tier.label):
            part.reason = f"完成值为规则的档次“{tier.label}”"
        else:
            part.reason = f"“{actual.raw}”评为“{tier.label}”" + (f"（{how}）" if how.startswith(_SAID_HOW) else "")
        outcome.low, outcome.high, outcome.interval, outcome.tier = low, high, True, tier_id
        return outcome

    def _answers(self, phrase: str) -> bool:
        """Whether a worded actual says anything the target's words can be held against: not a
        placeholder or a pointer elsewhere (rows.no_answers: "详见附件", "待定", "XX", "一"), not a
        unit alone (a split cell: "人", "%"), and not without a letter or a digit ("**", "……")."""
        rules = self.rules
        if not any(ch.isalnum() for ch in phrase) or phrase in self.reading.known_units:
            return False
        # a word of one character only alone ("一": a dash read as one; "一般" answers)
        return not (phrase in rules.no_answers or phrase.startswith(tuple(w for w in rules.no_answers if len(w) > 1)))

    def _ranked(self, target: str, phrase: str, tier_id: str | None) -> tuple[str, str] | None:
        """A worded actual ranked below its target in one of rows.ranks ("合格" against "优秀",
        "满意" against "非常满意"): the tier `rows.strength.weaker`, or `negated` for the lowest
        rank ("不合格"), unless the vocabulary already grades it lower; None otherwise."""
        rules = self.rules
        for ranks in rules.ranks:
            if target in ranks and phrase in ranks and ranks[phrase] > ranks[target]:
                lowest = ranks[phrase] == max(ranks.values())
                found = rules.negated_tier if lowest and rules.negated_tier else rules.weaker_tier
                if found is None:
                    return None
                if tier_id is not None and rules.tiers[tier_id].high <= rules.tiers[found].high:
                    return None
                return found, f"完成值“{phrase}”低于指标值的“{target}”"
        return None

    def _basically(self, target: str, phrase: str, tier_id: str | None) -> tuple[str, str] | None:
        """The target's own words said only "basically" done ("基本消除" against "消除", "基本建成" against "建成"):
        the tier `rows.strength.weaker`, as a rank written so is below its word ("基本规范" below "规范"),
        unless the vocabulary already grades it lower; None otherwise (review EN B4)."""
        weaker = self.rules.weaker_tier
        if weaker is None or not phrase.startswith("基本"):
            return None
        said = phrase[2:]
        # a word of two characters, what was to be done ("消除", "建成", "实现"), the target itself, or a quality the
        # target opens with ("基本精准" against "精准发放": review ET B7); 基本 before a longer one may begin a name
        # ("基本公共卫生服务", "基本药物制度", "基本农田": review EO A2; "基本药物" against "药物配备齐全", "基本建成"
        # against "建成区…": review FA A2), unless the target opens with what was to be done ("基本满足业务需求"
        # against "满足业务需求"); never against a target asking only part or a first stage ("解决部分群众饮水困难",
        # "形成初步管护机制": review FA A1)
        if any(word in target for word in _ONLY_PART):
            return None
        if len(said) == 2:
            # (what was to be done, or a quality, opening the target: not a noun it begins, "建成区", "覆盖面")
            if said in _STATES or said != target and not (
                    (said in _QUALITIES or said in _TO_DO) and target.startswith(said) and target[2] not in _NOUN_ENDS):
                return None
        elif said != target or not target.startswith(_TO_DO) or target.startswith(_STATES_WORDS):
            return None
        if tier_id is not None and self.rules.tiers[tier_id].high <= self.rules.tiers[weaker].high:
            return None
        return weaker, f"完成值“{phrase}”是指标值的“{said}”只做到“基本”"

    def _at_most(self, target: str, nature: str | None = None) -> bool:
        """Whether a target bounds a rank from above ("≤一般", "不高于一般"; not "不低于良"), or its 指标性质
        column does ("≤" | "一般"): no floor to reach (reviews BN A4, BO B2)."""
        return bound_of(target, self.reading) in ("<=", "<") or bool(nature) and bound_of(nature, self.reading) in ("<=", "<")

    def _at_least(self, floor: str, phrase: str) -> bool:
        """Whether ``phrase`` is the rank ``floor`` or one above it in one of rows.ranks."""
        return any(floor in ranks and phrase in ranks and ranks[phrase] <= ranks[floor] for ranks in self.rules.ranks)

    def _rank_floor(self, target: str, phrase: str) -> str:
        """The least rank a target asks for, in a ranking the actual ``phrase`` is in: the target
        itself, or the lowest rank it names with nothing but `rank_floor_words` and comparator words
        around ("良好及以上", "≥良好", "达到优良标准", "优秀或良好": 良好)."""
        rules = self.rules
        if not rules.rank_floor_words or any(target in ranks for ranks in rules.ranks):
            return target
        words = (*rules.rank_floor_words, *(w for w, _ in self.reading.prefixes), *(w for w, _ in self.reading.suffixes))
        for ranks in rules.ranks:
            if phrase not in ranks:
                continue
            rest, named = target, []
            for rank in sorted(ranks, key=len, reverse=True):
                if rank in rest:
                    named.append(rank)
                    rest = rest.replace(rank, "\0")
            rest = rest.replace("\0", "")
            if named and (not any(ch.isalnum() for ch in rest) or made_of(rest, words)):
                return max(named, key=ranks.__getitem__)
        return target

    def _yes_no(self, target: str, phrase: str, name: str) -> tuple[str, str] | None:
        """An answer to a yes-or-no target (rows.yes_no: "是"/"有" against "否"/"无"): the same
        answer reaches it (rows.text_equal_to_target), the other not (rows.target_words.negated);
        "是否发生安全事故" asks 否 as well as 是, and "发生安全事故" answers 有 (`_answer`).  None when
        either is no such answer, or the two name different harms."""
        rules = self.rules
        if rules.target_negated_tier is not None and self._other_answer(target, phrase):
            return rules.target_negated_tier, f"完成值“{phrase}”与指标值“{target}”回答相反"
        (side_t, of_t), (side_p, of_p) = self._answer(target), self._answer(phrase)
        if side_t is None or side_p is None or rules.text_equal_to_target is None or rules.target_negated_tier is None:
            return None
        if of_t or of_p:
            # a harm said: only the other answer is read here (the same one is `_against_target_words`'
            # none alike), of the same harm ("发生一般事故" against "无重大事故" is not), and against a
            # bare "无" of the harm the row is named for ("存在安全隐患" in 安全生产事故 is not)
            said = of_t or of_p
            word = max((w for w in self.reading.harm_words if said.endswith(w)), key=len, default=None)
            if side_t == side_p or (of_t and of_p and of_t != of_p) or (not (of_t and of_p) and (word is None or word not in name)):
                return None
        if side_t == side_p:
            return rules.text_equal_to_target, "完成值与指标值回答相同"
        return rules.target_negated_tier, f"完成值“{phrase}”与指标值“{target}”回答相反"

    def _other_answer(self, target: str, phrase: str) -> bool:
        """Whether the actual gives the yes answer (rows.yes_no) about the very words a target saying
        none asks of, harm or not, maybe followed by words of rows.target_words.contained_with: "存在
        违规使用资金", "有违规使用资金" and "发生违规使用资金现象" against "无违规使用资金"."""
        def answer(text: str) -> tuple[int, str] | None:
            found = [(i, w) for i, words in enumerate(self.rules.yes_no) for w in words if text.startswith(w) and len(text) > len(w)]
            if not found:
                return None
            i, word = max(found, key=lambda iw: len(iw[1]))  # "未发生" before "发生"
            return i, text[len(word):]
        asked, said = answer(target), answer(phrase)
        if asked is None or said is None or asked[0] == said[0] or len(asked[1]) < 2 or not asked[1].isalpha():
            return False
        # a target saying none of something ("无…", "不存在…"), or the yes of an effect ("有较大提升",
        # "有提升"): "有问题及时整改" asks no yes or no
        if asked[0] != len(self.rules.yes_no) - 1 and not (self._strengths(asked[1]) or asked[1].endswith(self.rules.change_words)):
            return False
        about, rest = asked[1], said[1]
        return rest == about or (rest.startswith(about) and made_of(rest[len(about):], self.rules.contained_with))

    def _answer(self, text: str) -> tuple[int | None, str]:
        """Which side of rows.yes_no a text answers, and of what: the answer alone ("有", "无"), or
        one before a harm (reading.harm_words) it says of ("发生安全事故", "未发生重大安全事故": 0 or
        1, and the harm); (None, "") otherwise."""
        for i, words in enumerate(self.rules.yes_no):
            if text in words:
                return i, ""
        found = [(i, w) for i, words in enumerate(self.rules.yes_no) for w in words if text.startswith(w)]
        if found:
            i, word = max(found, key=lambda iw: len(iw[1]))  # "未发生" before "发生"
            harm = text[len(word):]
            if harm.isalpha() and self.reading.names_harm(harm):
                return i, harm
        return None, ""

    def _against_target_words(self, target: str, phrase: str, row_name: str) -> tuple[str | None, str]:
        """The tier of a worded actual the vocabulary does not know, read against the target's
        own words (rows.target_words), and how; (None, "") when they say nothing of it."""
        rules = self.rules
        for word in rules.target_negations:
            # "未按期完成" against "按期完成", "未及时到位" against "及时"
            if phrase.startswith(word + target) and (phrase == word + target or made_of(phrase[len(word + target):], rules.contained_with)):
                return rules.target_negated_tier, f"完成值是指标值“{target}”的否定"
            # "验收未通过" against "通过验收": what the target acts on first, its verb negated after it
            if len(phrase) == len(word + target) and any(phrase == target[k:] + word + target[:k] for k in range(2, len(target) - 1)):
                return rules.target_negated_tier, f"完成值是指标值“{target}”的否定"
        equal = rules.text_equal_to_target
        if equal is None:
            return None, ""
        said = phrase
        while (lead := next((w for w in rules.contained_with if said.startswith(w) and len(said) > len(w)), None)) is not None:
            said = said[len(lead):]  # "均已控制在预算范围内"
        if any(target in group and (phrase in group or said in group) for group in rules.alike):
            # "未超预算" against "不高于预算": the rule file's phrases saying the same (review CO B3),
            # against that target only (not "节约10%" or "合格": review CP A2)
            return equal, f"完成值“{phrase}”与指标值“{target}”说的是同一件事"
        if len(phrase) == len(target) and any(phrase == target[k:] + target[:k] for k in range(2, len(target) - 1)):
            return equal, "完成值与指标值是同样的词，次序不同"  # "验收通过" against "通过验收"
        kept = next((w for w in _KEEPING if target.startswith(w) and target[len(w):] == said and len(said) > 1), None)
        if kept is not None:
            # "总体稳定" against "保持总体稳定": the state the target asks to keep (reviews FB B10, FD B6)
            return equal, f"完成值“{phrase}”即指标值要求{kept}的“{said}”"
        lasting_t = next((w for w in _LASTING if target.startswith(w) and len(target) > len(w)), None)
        lasting_p = next((w for w in _LASTING if phrase.startswith(w) and len(phrase) > len(w)), None)
        if lasting_t and lasting_p and target[len(lasting_t):] == phrase[len(lasting_p):]:
            # "不断优化" against "持续优化": a lasting step of the same words (review FD B6); not the words alone ("改善"
            # against "持续改善": the lasting step is the evaluator's), nor other words before them ("发生减少")
            return equal, f"完成值与指标值同样是持续的“{target[len(lasting_t):]}”"
        # "全年无安全事故": a filler before the none word says nothing of it
        filler = next((w for w in self.reading.fillers if phrase.startswith(w) and len(phrase) > len(w)), "")
        told = phrase[len(filler):]
        if rules.none_alike and self._says_none(target) and self._says_none(told):
            said, wanted = self._none_of(told), self._none_of(target)
            # a bare "无" against "无社会成本", "无不良影响": none of a harm; not "没有及时处置",
            # "无整改" or "无监测数据", which say something was not done (nor "无重大安全事故"
            # against "无安全事故": none of the major ones only)
            # ("无安全事故" against "无重大安全事故": none at all, so none of the major ones either)
            if said == wanted or not said or (wanted and wanted.endswith(said)) or (not wanted and self.reading.names_harm(said)):
                return equal, "完成值与指标值同样说没有发生"
        negated = [w for w in rules.target_negations if target.startswith(w) and len(target) > len(w)]
        if negated and any(phrase == w + target[len(negated[0]):] for w in rules.target_negations):
            return equal, "完成值与指标值同样是否定的"  # "未增加群众负担" against "不增加群众负担"
        bare = phrase
        for particle in rules.particles:
            if particle not in target:
                bare = bare.replace(particle, "")  # "促进了村集体经济发展" against "促进村集体经济发展"
        if bare != phrase and bare == target:
            return equal, "完成值与指标值相同"
        named = normalize_phrase(row_name)
        for said in dict.fromkeys((phrase, bare)):
            if rules.contained_with and len(target) > 1 and target in said and said != target:
                rest = said.replace(target, "", 1)
                if made_of(rest, rules.contained_with):
                    return equal, f"完成值包含指标值“{target}”"  # "已全部完成", "验收合格", "实现全覆盖"
                if len(rest) > 1 and rest in named:
                    # the row's own words around the target's: "资金使用规范" or "规范使用" in 资金使用,
                    # "按时拨付" in 资金拨付 (review CH B5)
                    return equal, f"完成值是指标值“{target}”加上指标名称中的词"
        # "有所减少" against "减少", "农民收入明显增加" against "农民收入增加": the change the target asks
        # for with no strength, said with any strength but a negation (a strength the target names is
        # held against the actual's elsewhere: "有所增强" against "明显增强")
        change = next((w for w in rules.change_words if target.endswith(w)), None)
        subject = target[: len(target) - len(change)] if change is not None else ""
        # not a change the target forbids or stops: a negation or none word right before it
        # ("耕地面积不减少", "群众负担无增加"), a word forbidding or stopping it anywhere before it
        # ("防止返贫人口增加", "耕地面积不得减少"; rows.strength.reversals and _FORBIDDING), but not inside
        # a rate's name ("血压控制率提高", "矛盾纠纷解决率提高")
        forbidden = subject.endswith((*rules.target_negations, *self.reading.none_words)) or any(
            _outside_rates(w, subject) for w in (*rules.reversals, *_FORBIDDING))
        if change is not None and phrase in rules.unchanged and rules.target_negated_tier is not None:
            # "与上年持平" against "较上年提高": the change asked for did not happen; against "不下降" or
            # "防止返贫人口增加", the change forbidden did not either (review CM A2, B3)
            if forbidden:
                return equal, f"完成值“{phrase}”说没有变化，指标值要求的正是不“{change}”"
            return rules.target_negated_tier, f"完成值“{phrase}”说没有变化，指标值要求“{change}”"
        ways = (*self.reading.rise_words, *self.reading.fall_words)
        if change is not None and forbidden and rules.target_negated_tier is not None and phrase in ways and change in ways:
            # "减少" against "耕地面积不减少": the change forbidden happened; "增加" against it: the other way (review FM B4)
            if change_way(phrase, self.reading) == change_way(change, self.reading):
                return rules.target_negated_tier, f"完成值“{phrase}”正是指标值不允许的“{change}”"
            return equal, f"完成值“{phrase}”与指标值不允许的“{change}”方向相反"
        if (change is not None and not self._strengths(target) and not forbidden and phrase == change and subject
                and made_of(subject, self.reading.change_bases)):
            # "提高" against "较上年提高": the change asked for, what it is measured from left unsaid (review CO B4)
            return equal, f"完成值“{phrase}”是指标值要求的“{change}”，未写比较基准“{subject}”"
        if change is not None and not self._strengths(target) and not forbidden and phrase.endswith(change):
            said_with = (*(w for w, level in rules.strength if level < rules.strength_levels - 1), *rules.contained_with)
            # the actual may leave out a manner the target says the change with ("明显改善" against
            # "持续改善", review BL B4), nothing else: a subject left out may be another one
            # ("耕地明显减少" against "撂荒耕地减少"), a verb left out may reverse it ("减缓土地退化", review BO)
            strengths = tuple(w for w, level in rules.strength if level < rules.strength_levels - 1)
            for kept in dict.fromkeys((subject, "" if made_of(subject, _MANNERS) else subject)):
                middle = phrase[len(kept): len(phrase) - len(change)]
                # with the manner left out, a strength must say the change ("发生减少" says none, review BP D1)
                if phrase.startswith(kept) and middle and made_of(middle, said_with) and (kept == subject or any(w in middle for w in strengths)):
                    return equal, f"完成值“{phrase}”是指标值要求的“{change}”，指标值未要求程度"
        return None, ""

    def _opposite(self, target: str, phrase: str, name: str) -> tuple[str, str] | None:
        """The change a target asks for and the opposite change a worded actual names instead
        (rows.strength.opposites: "有所下降" against "有所提升", "农户收入有所下降" against "农民收入有所
        提高"); None when the actual names the target's own change too, no opposite of it, or one
        that goes the target's way all the same (`_opposed`: "投诉量明显下降" against 群众满意度's
        "有所提升")."""
        negations = self.rules.target_negations
        unrelated = None
        for first, second in self.rules.opposites:
            for wanted, other in ((first, second), (second, first)):
                if wanted not in target or other in target or other not in phrase:
                    continue
                if target[:target.index(wanted)].endswith(negations):
                    return None  # "不下降", "未降低": no change that way is asked for
                for clause in _CLAUSES.split(phrase):
                    if other not in clause or wanted in clause:
                        continue  # "投诉有所下降，满意度有所提升": each clause for itself
                    opposed = self._opposed(target.replace(wanted, "", 1), clause, other, name)
                    if opposed:
                        return wanted, other  # "游客数量明显增长，旅游收入下滑": the 下滑 of 旅游收入
                    if opposed is None and wanted not in phrase:
                        unrelated = unrelated or ("", other)
        return unrelated

    def _absence(self, row: Row, target: str, wanted: tuple[str, int], phrase: str, found: list, actual: ParsedValue,
                 name: str) -> tuple[str | None, str] | None:
        """A worded actual against a target asking for the absence of an effect ("无明显负面影响",
        "无明显下降"), read clause by clause ("无负面影响，环境明显改善" denies the effect, and its 明显 is
        the improvement's): (tier, how); (None, why) where the evaluator must judge; None where the
        wording says nothing of it."""
        rules = self.rules
        negation = rules.strength_levels - 1
        equal = rules.text_equal_to_target
        effect = target.replace(wanted[0], "", 1)
        told = [c for c in _CLAUSES.split(phrase) if effect and effect in c]
        stated = [c for c in told if not self._denies(c, effect)]
        strong = self._strengths("，".join(stated))
        if stated and strong and all(level == negation for _, level in strong):
            stated = []  # "负面影响不明显": none to speak of
        if told and not stated and equal is not None:
            return equal, f"完成值说没有“{effect}”，达到指标值的要求"
        if stated and strong and all(level == 0 for _, level in strong):
            # "有明显负面影响": the effect is there
            return rules.negated_tier or rules.weaker_tier, f"完成值说有“{strong[0][0]}”的“{effect}”，正是指标值“{row.target}”所要避免的"
        if stated:
            return None, f"指标值“{row.target}”要求没有明显的“{effect}”，完成值“{actual.raw}”说有这样的影响，需评价人判断"
        if effect and equal is not None and (self._opposite(effect, phrase, name) or ("",))[0]:
            return equal, f"完成值说的是与“{effect}”相反的变化，达到指标值的要求"  # "明显改善" against "无明显下降"
        if not found and equal is not None and self._says_none(phrase):
            return equal, "完成值说没有发生，达到指标值的要求"  # "无", "无负面影响"
        if found and all(level != negation for _, level in found):
            return None, f"指标值“{row.target}”要求没有明显的“{effect}”，完成值“{actual.raw}”说的是别的变化，需评价人判断"
        return None

    def _denies(self, clause: str, effect: str) -> bool:
        """Whether a clause naming ``effect`` says there was none of it ("无负面影响", "未产生负面影响",
        "对环境无不良影响")."""
        before = clause[:clause.index(effect)]
        negation = self.rules.strength_levels - 1
        denials = (*self.reading.none_words, *self.rules.target_negations, *(w for w, level in self.rules.strength if level == negation))
        # "无负面影响", "未产生明显负面影响", "不存在明显负面影响", "项目实施未对环境造成明显负面影响"
        return any(w in before for w in denials)

    def _opposed(self, about: str, clause: str, verb: str, name: str) -> bool | None:
        """Whether the actual's opposite ``verb`` moves things the other way from the target: a
        change of a harm goes the other way from the change of a good ("群众投诉量明显下降" is what
        群众满意度's "有所提升" asks; "群众健康水平明显提高" what "降低传染病发病率" asks), so the two are
        opposed unless exactly one of them is of a harm.  ``about``: the target's words around its
        verb, else the row's ``name``; the actual's subject: its clause's words before the verb, else
        the target's."""
        subject = clause[:clause.index(verb)]
        if any(w in clause for w in self.rules.reversals):
            return False  # "扭转了收入下滑局面", "下降趋势得到遏制", "解决了收入下降问题": the change stopped
        for word, _ in self.rules.strength:
            subject, about = subject.replace(word, ""), about.replace(word, "")
        if not subject:
            subject = clause[clause.index(verb) + len(verb):]  # "加大帮扶力度": what the verb acts on
        about = about or name
        subject = subject or about
        if self._of_harm(subject) != self._of_harm(about):
            return False
        # of one polarity: the same thing ("满意度有所下降" against "满意度有所提升"), or one the wording
        # does not relate ("有机肥使用量增加" against "减少化肥使用量"): None, the evaluator's
        return True if subject in about or about in subject else None

    def _of_harm(self, words: str) -> bool:
        """Whether words name something to keep down: a harm (`reading.names_harm`: "群众投诉量",
        "生产成本") or a quantity lower is better of ("主要污染物排放量", "传染病发病率")."""
        return self.reading.names_harm(words) or is_lower_name(words, self.reading)

    def _none_of(self, text: str) -> str:
        """What a text that says none (`_says_none`) says there was none of: "重大安全事故" of
        "未发生重大安全事故"; "" for a none word alone."""
        word = max((w for w in self.reading.none_words if text.startswith(w)), key=len)
        return text[len(word):]

    def _forecast(self, text: str) -> str | None:
        """A forecast made of parts (`rows.strength.forecasts`): a modal, right after it a strength
        word that is no negation, and right after that a change of `opposites` ("可显著改善", "会明显
        增加", "能够逐步改善"), unless the modal ends a word of `modal_words` ("就业机会明显提升",
        "社会认可明显提高"); the three words."""
        negation = self.rules.strength_levels - 1
        changes = self.rules.change_words
        for modal in self.rules.forecasts:
            at = text.find(modal)
            while at >= 0:
                end = at + len(modal)
                word = next((w for w, level in self.rules.strength if level != negation and text.startswith(w, end)), None)
                change = word and next((c for c in changes if text.startswith(c, end + len(word))), None)
                # … and the change not said done ("通过积极争取大幅提高了补助标准": review EE A2)
                done = change and text.startswith("了", end + len(word) + len(change))
                if change and not done and not any(text.endswith(w, 0, end) for w in self.rules.modal_words):
                    return modal + word + change
                at = text.find(modal, at + 1)
        return None

    def _strength(self, text: str) -> tuple[str, int] | None:
        """The strongest-matching strength word in a phrase and its level (0 = strongest)."""
        for word, level in self.rules.strength:  # longest first: "无明显" before "明显"
            if word in text:
                return word, level
        return None

    def _own_clauses(self, phrase: str, name: str) -> str:
        """The clauses of ``phrase`` naming the row's subject (as `_about_the_row` finds it), where some do
        and others do not, whatever they hold; else the whole phrase."""
        clauses = [c for c in _CLAUSES.split(phrase) if c]
        subject = _SUBJECT.search(name)  # a unit or a figure after the name ("%", "90%") is not its subject
        key = subject.group(1)[-3:] if subject else ""
        mine = [c for c in clauses if key in c] if len(key) >= 2 else []
        return "，".join(mine) if mine and len(mine) < len(clauses) else phrase

    def _about_the_row(self, phrase: str, name: str) -> str:
        """The clauses of a worded actual that name the row's subject (the last three Chinese
        characters of its name: "满意度", "治理效果" → "理效果", "群众满意度%" → "满意度"), where some
        clauses do and others do not and those that do hold a strength word; else the whole actual.
        Where a scope word counts (it may be another subject's: "办件量提升较大"), not which strength
        words are read."""
        mine = self._own_clauses(phrase, name)
        return mine if mine != phrase and self._strengths(mine) else phrase

    def _strengths(self, text: str) -> list[tuple[str, int]]:
        """Every strength word in a phrase, longest first, each word's text taken out before the
        shorter ones are looked for ("不明显" holds no "明显" of its own)."""
        found = []
        for word, level in self.rules.strength:
            if word in text:
                found.append((word, level))
                text = text.replace(word, "\0")
        return found


# The Chinese characters that end a row's name, before a unit or figure printed after it.
_SUBJECT = re.compile(r"([\u4e00-\u9fff]+)[^\u4e00-\u9fff]*$")
# What may stand between a scope word and what it qualifies: "较大的提升", "较大地提升", "提升幅度较大".
_BEFORE_GAPS = ("", "的", "地", "了")
_AFTER_GAPS = ("", "幅度", "程度", "的幅度", "的程度", "得")


def _beside(word: str, anchors: list[str], phrase: str) -> bool:
    """Whether ``word`` stands right before or after one of ``anchors`` in ``phrase``, up to a
    particle (`_BEFORE_GAPS`, `_AFTER_GAPS`)."""
    return any(word + gap + anchor in phrase for anchor in anchors for gap in _BEFORE_GAPS) or any(
        anchor + gap + word in phrase for anchor in anchors for gap in _AFTER_GAPS)
