"""The formula-file model: what a rule file may say, validated strictly (unknown keys refused).

These are the raw, as-written models; `rules.compiler` turns them into a `RuleSet`
(`rules.model`) with every expression compiled and every cross-reference checked.  See
formulas/README.md for the format.  The models a compiled rule set keeps as written (its heading,
inputs, parameters, groups, tiers, grades, worked examples) are in `rules.declarations`, and
re-exported here with the rest.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import Field, field_validator, model_validator

from .declarations import (  # noqa: F401 - the file format's models, re-exported with the rest of it
    IDENT,
    DatedValue,
    FiscalYears,
    GoldenTest,
    GradeBand,
    Group,
    InputDecl,
    Parameter,
    RuleSetInfo,
    Source,
    Strict,
    Tier,
)


class ValueDecl(Strict):
    """A named intermediate value, shown in explanations."""

    name: str = Field(pattern=IDENT)
    label: str
    expr: str
    # a ratio shown as a percentage, as finance staff read rates: 0.9531 is shown 95.31%
    percent: bool = False


class NotApplicable(Strict):
    """A stated case in which the formula does not apply, and the score given instead.

    ``judgement = true`` instead of a score says the rules leave that case to an evaluator's
    judgement: the indicator is then unverifiable, never scored by guess.
    """

    when: str
    score: str | None = None
    judgement: bool = False
    reason: str


class Check(Strict):
    """A consistency condition over the inputs (e.g. a part cannot exceed its whole)."""

    expr: str
    message: str
    severity: Literal["error", "warning"] = "error"
    # Indicators (ids) that cannot be scored when the check fails: the figures it finds
    # contradictory are what they read (a 元/万元 slip between 执行数 and 预算数)
    unverifiable: list[str] = []


ComparatorCode = Literal[">=", "<=", "=", ">", "<"]


class BareUnitDoubt(Strict):
    """When a bare figure's borrowed unit is in doubt (`ReadingDecl.bare_unit_doubt`)."""

    far: Decimal = Field(gt=1)
    near: Decimal = Field(gt=1)

    @model_validator(mode="after")
    def _near_within_far(self) -> "BareUnitDoubt":
        if self.near >= self.far:
            raise ValueError("near 应小于 far")
        return self


class UnitDecl(Strict):
    """A written unit: another spelling of a unit (``same_as = "%"`` for 百分比), or a unit that
    converts into another by a declared factor (``into = "万元"``, ``factor = 0.0001`` for 元)."""

    same_as: str | None = None
    into: str | None = None
    factor: Decimal | None = Field(default=None, gt=0)
    reason: str = ""

    @model_validator(mode="after")
    def _one_meaning(self) -> "UnitDecl":
        if (self.same_as is None) == (self.into is None):
            raise ValueError("单位须写明 same_as（另一种写法）或 into 与 factor（换算），且只能写一种")
        if self.into is not None and self.factor is None:
            raise ValueError("单位换算须写明 factor")
        return self


class ReadingDecl(Strict):
    """How figures are written on the sheets these rules govern: the vocabulary the value parser
    reads targets and actuals with (formulas/README.md, "How figures are written").  Every reading
    decision is here, not in code."""

    not_given: list[str] = []
    known_units: list[str] = []  # units seen alone in a cell are a split-cell fragment, not a phrase
    comparators: dict[str, ComparatorCode] = {}
    comparator_suffixes: dict[str, ComparatorCode] = {}
    loose: list[str] = []
    vague: list[str] = []
    units: dict[str, UnitDecl] = {}
    none_words: list[str] = []
    # a whole actual saying the work was not done at all ("未开展"): none of a count of work to reach;
    # no figure of a harm, a ceiling or a rate
    undone_words: list[str] = []
    # words that start with a none word and do not say none: "无法统计", "零星发生"
    none_exceptions: list[str] = []
    # units of a rate or a score: a none word is no figure against one to reach ("无差错" against "100%")
    rate_units: list[str] = []
    date_before: list[str] = []
    date_neutral: list[str] = []
    # Words after a date that date a step other than the work's completion ("2024年11月开工"): such a
    # date answers a deadline only where the row's name or target names the step
    date_steps: list[str] = []
    # Words naming a part of the year, as the month it ends with: "上半年" is "6月底", "第四季度" "12月底"
    # ("2024年上半年", "年底前完成", "三季度前")
    date_phrases: dict[str, str] = {}
    # Those of them that in an actual name a span, as the month it starts with: "年内完成" or "第四季度"
    # says the work was done on some day of it, by its end ("上半年" = 1, "第四季度" = 10); not "年底"
    date_spans: dict[str, int] = {}
    # A figure from 0 to 1 without a unit, against a percentage of at least this, is a fraction:
    # "0.98" against "≥95%" is 98% (None: never read so).
    fraction_of_percent: Decimal | None = Field(default=None, gt=0)
    # ... and so is one above 1 and below this ("1.02": 102%); None: up to 1 only
    fraction_below: Decimal | None = Field(default=None, gt=1)
    # A bare figure takes the other figure's unit, unless the two then differ more than `far`
    # times while in another unit the rule file converts with it they differ less than `near`
    # times ("90" against "900000元" may be 90万元): the row is then not read, the unit is unclear.
    # None: always taken.
    bare_unit_doubt: "BareUnitDoubt | None" = None
    # Numerals written after a figure: "1.2万" is 12000, "5千" 5000 (a bare figure); before a unit no
    # conversion declares, that many of it ("1.2万头" is 12000头)
    multipliers: dict[str, Decimal] = {}
    # Words in brackets after a figure that say it is no result yet: "20个（在建）", "200人（计划）",
    # "100%（未拨付）" are not read (a remark that only describes the figure is left out: "85%（抽样）")
    unfinished_remarks: list[str] = []
    # ... but not these, which hold such a word and describe a state: "10台（仍在保修期内）"
    unfinished_exceptions: list[str] = []
    # ... and where such a remark holds one of these, it says the work asked was not done ("480人次（因疫情
    # 未完成）", "3场（未举办）"): the figure is still not read, but the row is short of its target, and
    # its full weight is more than it can earn (the evaluator says how much less)
    unfinished_short: list[str] = []
    # Units counting events ("起", "次", "件", "例"): none of one is none of another, and against a target
    # of none, any number of one is that many of what the row counts ("0起" against "1件")
    event_units: list[str] = []
    # ... said alone, or after a cause (`not_done_causes`: "因疫情未完成"), a part (`not_done_parts`: "部分未开展"),
    # a figure (maybe after one of `not_done_counts`: "尚有10户未完工", "差10户未完成") or the row's own object
    not_done_causes: list[str] = []
    not_done_parts: list[str] = []
    not_done_counts: list[str] = []
    # Words saying a figure falls short ("满意度仅为75%", "不足"): an actual holding one is not read
    # for its wording alone against a worded target
    short_words: list[str] = []
    short_exceptions: list[str] = []  # ... but not these ("不仅", "仅用3个月")

    @field_validator("multipliers")
    @classmethod
    def _positive(cls, multipliers: dict[str, Decimal]) -> dict[str, Decimal]:
        for word, times in multipliers.items():
            if times <= 1:
                raise ValueError(f"“{word}”的倍数应大于 1，得到 {times}")
        return multipliers
    # A row named so counts a percentage ("群众满意度", "资金到位率"): its bare figures are percentages,
    # so one of them written as a fraction is read as above ("≥90" against "0.95": 95%)
    percent_names: list[str] = []
    # ... but not one named so: "病床周转率" counts times, "设备额定功率" watts
    not_percent_names: list[str] = []
    # Words before a figure that say nothing of it: "完成100%", "平均95%", "全年≥12次".
    fillers: list[str] = []
    # Words before an actual's figure saying it was reached: "达到85%", "满意度达85%" is 85%, not a
    # lower bound (before a target's figure, a comparator word keeps its meaning: "达到90%" is ≥ 90%).
    # Words before an actual's figure naming what it counts, left out where the row's name holds the
    # word they map to: "已拨付90%" in 资金拨付率 ("已拨付" = "拨付"), not "支出45万元" in 成本节约额
    named_fillers: dict[str, str] = {}
    # Words making a figure a frequency: "每月1次" is 1 次/月 ("每月" = "月")
    per_words: dict[str, str] = {}
    # ... but a figure after one in a unit starting with one of these is a day of each month ("每月10日前")
    days_of_month: list[str] = []
    # What may follow a named filler's word at the end of the row's name ("资金拨付率", "培训人数")
    quantity_suffixes: list[str] = []
    # A unit in brackets ending a row's name that is a date's ("项目完成时间(年)": a year, not years)
    date_units: list[str] = []
    # Remarks after a duration that say the work was finished, whatever the row's name ("180天完工");
    # any other remark must share a character with the name (not "100%受理" in 投诉办结率) ...
    finishing_remarks: list[str] = []
    # ... leaving out these, which say nothing of the step ("已", "全部")
    remark_fillers: list[str] = []
    # Words a row's name ends with when it counts something to avoid ("环境污染事件", "安全隐患"):
    # a target "无" against a figure is then 0, and a bare "无" takes "无X" of such an X
    harm_words: list[str] = []
    # ... maybe before one of these ("安全事故发生数", "违规违纪行为"), unless one of `harm_handling`
    # stands before it: "排查安全隐患", "化解信访矛盾" count work done about a harm
    harm_counts: list[str] = []
    harm_handling: list[str] = []
    # ... unless one of these stands between them, dating the harm after or during the work
    # ("整改后仍存在问题数", "开展培训期间安全事故"), or one of ``harm_facilities`` right after a handling word
    # that does not start the name, which makes it part of a facility's ("污水处理设施故障次数")
    harm_owners: list[str] = []
    harm_facilities: list[str] = []
    # words of harm_handling that act on people or things ("监测", "援助"): only within a few characters
    # of the harm, and not across one of ``harm_holders`` ("监测对象返贫人数", "援助项目安全事故"); the others
    # act on harms wherever they stand ("整改项目安全隐患", "排查整治农村道路交通安全隐患")
    owned_handling: list[str] = []
    harm_holders: list[str] = []
    # Words of `harm_handling` that act only on some harms: repair mends damage ("维修设施故障数"
    # counts work), not the repair work's own complaints or quality problems ("维修质量投诉",
    # "修缮工程质量问题数" count harms): the word acts where the harm counted is one of its objects,
    # and not across one of `handling_object_breaks` ("维修施工安全隐患数" counts the works' hazards)
    handling_objects: dict[str, list[str]] = {}
    # Words right before a word of `harm_handling` that make the unit its object: "被审计查出问题数", "接受巡察发现问题数"
    # count the unit's own problems, where "审计查出问题金额" is an audit office's work
    handling_passives: list[str] = []
    # Words of `harm_handling` that, set aside only for their objects, their reach or a holder between them and a harm,
    # leave the row's direction in doubt (`rows.no_comparator.doubtful_harm`): "劝阻群众违规用火次数" is work,
    # "帮扶群众返贫人数" the harm of those helped, and the name alone does not say which
    doubtful_handling: list[str] = []
    # Holders that stand between only a word of `doubtful_handling` and a harm ("帮扶群众返贫人数"); the other words of
    # `owned_handling` reach across them as before ("劝返群众越级上访人次" is work)
    doubtful_holders: list[str] = []
    handling_object_breaks: list[str] = []
    # Words right before a harm word that count those without it ("无复发户数", "未复发人数"): no harm
    harm_negations: list[str] = []
    # Words right after a harm word that count those without it, the harm's absence written after it ("命案零发生乡镇数",
    # "安全事故零发生学校数" count the places free of it: more is better).  Empty (absent): a harm before such a word is
    # read as what befell the thing counted, as before
    harm_negations_after: list[str] = []
    # Words saying a bare figure counts what is to be reached — work done, people served, a rate to reach ("培训",
    # "受益", "合格"): a row whose name holds one is more is better as `rows.select.none` says; one whose name holds
    # none of these nor a word saying lower is better is of unstated direction (`rows.no_comparator.unstated`)
    reach_words: list[str] = []
    # Words right before a word of `harm_handling` that say the work was not done: the harm is still there
    # ("逾期未整改一般事故隐患数", "挂牌督办未销号隐患数" count hazards, where "整改事故隐患数" counts work)
    handling_negations: list[str] = []
    # Words of `harm_words` that right after a word of `harm_handling` or `reach_words` say the work itself fell short ("隐患整改不到位数",
    # "工程质量问题整改不到位项目数", "处置不及时事件数"): the failure is the harm counted, not work done
    handling_failures: list[str] = []
    # Words of `harm_words`, each with the words of work after which, ending the name before its count or rate, it says
    # that work ran late: its lateness is the harm counted ("逾期" = ["整改", "办理"]: "整改逾期数量", "隐患整改逾期比例",
    # "办理逾期件数" are lower is better).  Not after other work, which acts on what is overdue ("清收逾期金额", "催缴逾期
    # 件数"), nor where more follows ("催收逾期贷款金额": what the work acts on), which is why such a word cannot be one of
    # `handling_failures`.  Empty (absent): read as any harm after a word of work, work done on it
    ending_failures: dict[str, list[str]] = {}
    # How many characters at most may stand between a harm word and the count ending a name for the harm to be what
    # befell the thing counted ("死亡畜禽数", "水毁供水设施处数", "问题厕所数量": lower is better), none of them a word
    # of `harm_handling` or `reach_words` ("破损档案修裱数量", "失业人员再就业人数" count work); 0: a harm word must end
    # the name, maybe before a count, as before
    harm_struck_length: int = Field(default=0, ge=0, le=12)
    # Harm words that before another word name a field of work, not what befell a thing ("灾害信息员人数", "投诉渠道数",
    # "疫情防控物资数量"): never read so
    harm_struck_exceptions: list[str] = []
    # ... nor where what stands between ends in one of these, naming those who work in the harm's field ("员":
    # "纠纷信息员人数", "网格员")
    harm_struck_roles: list[str] = []
    # Words that right before a word of `reach_words` (or of `misdone_work`) say the work was done late, against the rules or
    # not at all ("超期办理件数", "超时办结工单数", "违规采购项目数", "逾期未办结登记件数"): the work so done is a harm, as "违法建设"
    # is, and counts the unit's failures (lower is better); a word of work before it still acts on it ("查处违规采购项目数")
    misdone_heads: list[str] = []
    # ... a word of `harm_handling` after one only where it is one of these, processing work ("超期办理件数", "超时办结工单数");
    # any other acts on what the head names ("违章处理件数", "逾期清收金额", "违规整改问题数" count work); a word here in
    # neither list is work only right after a head ("超期查验集装箱数", "虚假申报补贴企业数")
    misdone_work: list[str] = []
    # A count ending a name never ends inside a word of `reach_words` or `harm_handling`: "非法营运查处数" ends in 数, not 处数
    # (查处 is work); false (absent): the longest count the name ends in, as before
    whole_counts: bool = False
    # A listed harm holding a word of work or of reach ("检测不合格", "验收不合格") is read whole: of two harm words ending at
    # one place before what they befell the longer is the harm ("检测不合格钢瓶数量", not its 不合格 after 检测), and the word
    # inside it reaches nothing ("验收不合格医保信息系统模块数" is no 验收 done).  False (absent): the harm that starts nearest
    # the count, and any word of reach, as before
    whole_words: bool = False
    # A harm word inside one of `compound_nouns` is no harm wherever it stands, also between a harm and what it befell:
    # "冒领失业保险金人数" counts those 冒领 befell (失业 of the noun 失业保险金 is not a second harm between).  False
    # (absent): any harm word between sets the first aside, as before
    nouns_hide_harms: bool = False
    # Harm words naming something done wrongly to what follows them (冒领, 错发, 漏发, 验收不合格): the rest of the name up
    # to its count, however long, is what the harm befell, a word of reach in it part of its name ("冒领残疾人两项补贴人数",
    # "验收不合格无障碍改造户数" are lower is better); a word of `harm_handling` ending it is work on the harm where it acts on
    # such harms (`handling_objects`: "错发补贴更正人数").  Empty (absent): a word of reach after a harm is what is reached,
    # as before
    object_harms: list[str] = []
    # What follows a harm of `object_harms` is what it befell even where it ends in one of `harm_struck_roles` ("损坏视频
    # 监控探头数量" counts the cameras damaged, not those watching a harm's field).  False (absent): such a name is read as
    # counting the harm's means, as before
    objects_hold_roles: bool = False
    # Whether a word of work between a harm of `object_harms` and a harm ending the name names what the object harm befell
    # rather than acting on the harm: "逾期未结法律援助案件数" counts legal-aid cases overdue and unclosed (lower is better),
    # where 援助 acts on 案件 in "法律援助案件数"; work before the object harm still acts on it ("整改拖欠工资问题数").
    # False (absent): the word of work acts on the harm ending the name, as before
    objects_hold_work: bool = False
    # Words saying work was done (完成, 到位) that may follow a word of `harm_handling` ending what a harm of `object_harms`
    # befell: "验收不合格项目整改完成数", "检测不合格产品整改到位数" count work on the harm (more is better).  Empty
    # (absent): such a name is read as counting what the harm befell, as before
    object_work_done: list[str] = []
    # Words of `misdone_heads` (未经 "without", 未按期 "not on time") whose work done wrongly takes in the word of work right
    # after it: that work is what was done without the step or left unfinished, one harm with it ("未经审批处置资产件数",
    # "未经许可经营户数", "未按期完成整改单位数" are lower is better); one word: work after that acts on it as before ("未经许可
    # 经营查处件数" counts work).  Empty (absent): the work after it acts on the harm, as before
    joined_work_heads: list[str] = []
    # A word of `harm_handling` (not of `misdone_work`) that ends the name, before its count, is not taken in by such work:
    # it is what was done about the failure ("逾期未归还追回金额", "逾期未申报催报户数" count work, more is better), unless a
    # word of `object_work_done` stands before it ("未按期完成整改单位数" still takes in 整改: the work not completed).  False
    # (absent): any word of work is taken in
    joined_remedies: bool = False
    # The work such a head's work done wrongly takes in acts on no harm after it either: "未按期完成整改问题数", "超期未完成
    # 整改隐患数" count the problems whose rectification was not done on time (lower is better).  False (absent): it acts
    # on a harm after it as any word of work does
    joined_work_whole: bool = False
    # Whether such a head right before a word of `harm_handling` says that work was not done by its date, the harm after it
    # still there, as a word of `handling_negations` does: "未按期整改问题数", "未按时整改隐患数" count the problems left
    # unrectified (lower is better), where processing done late keeps its reading ("未按时结案法律援助案件数").  False
    # (absent): the work acts on the harm after it ("未按期整改问题数" read as rectification done)
    joined_heads_undo_work: bool = False
    # Words of `harm_handling` that, standing after a harm and the thing it befell, act only on some harms: "溶血血液报废袋数",
    # "脂肪血报废量" count blood scrapped for a harm, where 报废 acts on 超期服役 ("超期服役装备报废数" counts work).  Where
    # the word stands before the harm `handling_objects` holds, as before.  Empty (absent): after such a harm any word of
    # work acts on it, as before
    struck_handling_objects: dict[str, list[str]] = {}
    # Words of processing (办理, 审结, 答复 …) whose object, after a word of `misdone_heads`, is the rest of the name up to its
    # count, however long, a word of `owned_handling` in it part of the object's name: "超期办理法律援助案件数", "逾期答复行政
    # 复议申请件数" count work done late (援助, 复议 name the cases); a word of other work acts on it as before ("逾期办理事项督办
    # 整改问题数", "违规经营举报受理件数" count work).  Empty (absent): such a word acts on the harm after it, as before
    misdone_objects: list[str] = []
    # Words ending a rate ("率", "比例", "占比") that the harm reading takes as it takes a word of `harm_counts`: the rate of
    # something to avoid is lower is better as its count is ("电动自行车违法载人比例", "群众投诉比例", "抽检不合格比例").  A rate
    # is more often one to reach, and a harm's rate may be one ("网上信访率", "病原学阳性率"): a rate read so, and not named by
    # `lower_quantity_names`, is also scored as the rules' default reads a bare figure, in a warning (direction_unstated).
    # Empty (absent): rates are read by `lower_quantity_names` alone, as before
    harm_rates: list[str] = []
    # Words that right after a word of `harm_handling` say a harm after them is about what that work gave, not what it
    # acts on ("群众对信访处理结果不满意件数" counts the dissatisfied; "处理信访不满意问题" and "查处抽检结果不合格产品批次" work)
    handling_outcomes: list[str] = []
    # Nouns holding a word of `harm_words`, `reach_words` or `harm_handling` that is not that word there ("档案件" of
    # "霉变档案件数", "党组织" of "软弱涣散党组织数量", "处理厂" of "超标排放污水处理厂数")
    compound_nouns: list[str] = []
    # A row's name beginning with one of these ("其中桃树种植面积", "其中：财政拨款"), with no weight and no
    # score of its own, names a component of the row above it, as `part_of` would
    component_words: list[str] = []
    # Words that stand for a figure: "全覆盖" is 100% against "≥95%" (and a target "全覆盖" against "98%")
    figure_words: dict[str, str] = {}
    # Words saying the work is all done ("完成", "已全部完成"): in a row counting the share of its work
    # done — its name ending with one of `completion_rates` ("任务完成率", "资金到位率", "宣传任务") — a
    # target so worded asks 100% of a percentage ("完成" | "90%" is 90% of it), and an actual so worded is
    # 100% ("任务完成率" | "≥95%" | "已完成").  In any other row ("群众满意度", "验收合格率", "成本节约率")
    # the word gives no figure: the work done says nothing of them.
    completion_words: list[str] = []
    completion_rates: list[str] = []
    completion_lacks: list[str] = []  # ... not after one of these ("任务未完成率", "资金不到位率")
    reached: list[str] = []
    # Units after which a word is a remark, not part of the unit: "30分钟到达", "10个工作日内拨付",
    # "100%合格" (not a counted unit: "3个村" against "5个乡镇" are different things) ...
    remark_units: list[str] = []
    # ... when it is made of these words ("到达", "拨付", "已", "完工"): "15%自付", "24小时在线", "100%计划"
    # say what the figure is of, and are not read
    remarks: list[str] = []
    # The last characters of a quantity's name written before its figure: "完成率100%", "满意度≥95%".
    quantity_names: list[str] = []
    # ... but not a name ending in one of these (a period: "每季度≥1次" is four a year)
    not_quantity_names: list[str] = []
    # ... and a name ending in one of these ("故障率1%" says lower is better) only where a comparator or 0 says so too
    lower_quantity_names: list[str] = []
    # ... unless one of these stands before it: "无差错率", "降低发病率", "不返贫率" are rates to reach
    lower_name_reversers: list[str] = []
    # ... and lower is better whatever word of work stands before them: what those served go through
    # while the work is done ("群众办理补助申领跑动次数" counts the trips the applicants make, not trips handled)
    unhandled_lower_names: list[str] = []
    # ... and one of these names is not lower is better where one of its words stands anywhere in the name: the
    # count is of work or success, or a share to raise ("刑事抗诉案件法院改判率": protests upheld; "中药占比" of 药占比)
    lower_name_reversed_by: dict[str, list[str]] = {}
    # ... and events a none word negates a few characters before the word ("无安全事故发生率")
    negated_events: list[str] = []
    # ... a reverser does not reach across one of these: "降低成本后返工率" reduces the cost
    lower_name_breaks: list[str] = []
    # ... unless it is part of one of these words ("降低术后死亡率")
    lower_name_break_words: list[str] = []
    # Words a row's name may end in after its quantity's name: "设备故障率控制" is lower is better.
    lower_name_tails: list[str] = []
    # Pairs of words that name quantities going opposite ways ("增长", "下降"): an actual named with
    # one ("下降率3%") is the negative of a row's or target's named with the other ("营业收入增长率": −3%).
    opposite_quantity_words: list[tuple[str, str]] = []
    # A change and its size written before a figure ("同比下降3%", "较上年增长≥5%", "降低10%"): words of a
    # rise and of a fall, maybe after one of `change_bases` ("同比", "较上年").  The figure is the size of
    # the change: against a target naming a change the same way it is compared as written, against
    # one naming the other way it is negated; against a figure that names no change it is not read.
    rise_words: list[str] = []
    fall_words: list[str] = []
    change_bases: list[str] = []
    # A row whose name ends with a change's word before one of these ("能耗下降比例"), or with one of these
    # that is a change's word itself ("收入增幅"), counts the change's size: its bare target is that size.
    # ("群众满意度提升" names a change, but its target "≥90%" may be the level to reach.)
    change_sizes: list[str] = []
    change_levels: list[str] = []  # ... not after a level ("群众安全感提升": its "≥90%" may be the level to reach)

    @model_validator(mode="after")
    def _one_way(self) -> "ReadingDecl":
        both = sorted(set(self.rise_words) & set(self.fall_words))
        if both:
            raise ValueError(f"rise_words 与 fall_words 都列出了“{'”“'.join(both)}”：一个词只能说一个方向")
        return self


class Strength(Strict):
    """Qualitative wording has strength: ``levels`` from strongest to weakest (显著/明显/大幅 >
    有所/一定/逐步 > 未/无明显).  An actual whose wording is weaker than its target's reaches at
    most ``weaker`` (a tier id); one at least as strong reaches ``reached``.  A target with a
    strength word against an actual without one cannot be ranked: left to the evaluator."""

    levels: list[list[str]] = Field(min_length=2)
    weaker: str
    reached: str
    # an actual worded at the weakest level (未改善, 改善不明显) against a stronger target: this tier
    negated: str | None = None
    # Changes that go opposite ways ("提升"/"下降", "改善"/"恶化"): an actual naming the other one of a
    # pair than its target, and not the target's, moved the wrong way ("有所下降" against "有所提升"):
    # the `negated` tier, whatever its strength
    opposites: list[list[str]] = []
    # Words saying the effect is still to come or fell short ("有待", "仍需", "计划", "差距", "不足"): an
    # actual holding one, against a target with strength, is worded both ways and left to the evaluator
    hedges: list[str] = []
    # Words of `levels` that in an actual qualify the target's change only right before it: "全面提升"
    # is strong, but the 全面 of "全面开展培训，干部能力有所提升" is the training's
    scope_words: list[str] = []
    # Words before an opposite change that stop it ("扭转了收入下滑局面", "遏制生态恶化"): no opposite
    reversals: list[str] = []
    # Forecasts made of parts: one of `forecasts` ("可", "会", "能够"), right after it a strength word
    # of a level that is no negation and right after that a change of `opposites` ("可显著改善", "会明显
    # 增加", "能够逐步改善") says the effect is still to come, as a hedge does; unless the modal ends one
    # of `modal_words` ("就业机会明显提升", "社会认可明显提高")
    forecasts: list[str] = []
    modal_words: list[str] = []
    # Wording saying nothing changed ("与上年持平", "零增长"): against a target asking a change of `opposites`
    # ("较上年提高") the `negated` tier; against one forbidding it ("不下降", "防止返贫人口增加") reached
    unchanged: list[str] = []

    @field_validator("opposites")
    @classmethod
    def _pairs(cls, pairs: list[list[str]]) -> list[list[str]]:
        for pair in pairs:
            if len(pair) != 2 or pair[0] == pair[1]:
                raise ValueError(f"每组须是两个不同的词：{pair}")
        return pairs


class NoComparatorDurations(Strict):
    """A target written as a bare duration in certain groups (“12个月” in 时效指标): the time the
    work may take, read with ``method``."""

    groups: list[str]
    units: list[str]
    method: str
    # unless the row's name without its head (``heads``: "时长", "时间", "期") has, as its last word
    # of this list or ``names``, one of these least durations ("公示期", "培训时长", "驻村帮扶时间")
    unless_names: list[str] = []
    heads: list[str] = []
    # words saying the time taken: the last one decides against an earlier least word ("培训通知下发时间")
    names: list[str] = []
    # words saying the time is a wait: wherever they stand, a limit ("群众等待服务时长" waits for the service)
    waits: list[str] = []
    # heads that say neither way ("时长": "供水时长" is how long water runs, "通关时长" how long the
    # work took): a name ending in one, with no word of either list, is read with ``unclear`` (a method id)
    unclear_heads: list[str] = []
    unclear: str | None = None
    # heads that name a life, always least ("设计使用年限", "设备使用寿命")
    least_heads: list[str] = []
    # words saying the time was saved, more is better ("审批时限压缩天数", "缩短群众等待时间") where the
    # name ends in one of ``saved_heads`` ("天数", "时间"); not "压缩后审批时限"
    saved: list[str] = []
    saved_heads: list[str] = []
    # ... but not right before one of these: "压缩后审批时限" is the limit after the cut
    saved_breaks: list[str] = []
    # heads of a period between two things: a limit whatever the name says ("巡查周期")
    limit_heads: list[str] = []


class NoComparator(Strict):
    """The method of a numeric target written without a comparator: by default ``rows.select.none``;
    a target of 0 (“0次”: none at all), rows in certain groups (成本指标) and durations in certain
    groups (时效指标) are read otherwise."""

    zero: str | None = None
    groups: dict[str, str] = {}
    durations: NoComparatorDurations | None = None
    # the method of a row whose name ends in a `reading.lower_quantity_names` word ("设备故障率 1%")
    lower_quantity_names: str | None = None
    # a row whose name ends in one of these rates to reach ("成本节约率", "资金到位率") takes no
    # method from ``groups``: its name says which way it goes
    group_exceptions: list[str] = []
    # a row whose name ends in one of these is read with its method (a method id), before its group's:
    # "补助标准 270元/人" is neither a cost to keep down nor a figure to reach beyond (a standard owed, or a cap)
    names: dict[str, str] = {}
    # the method of a row whose name reads as a harm only because a word of `reading.doubtful_handling` was set
    # aside (`Reading.harm_doubted`): neither way is certain; absent, such a row reads as any harm
    doubtful_harm: str | None = None
    # the method a bare figure is also read with where nothing says its direction — no word of the name
    # (`reading.lower_quantity_names`, `harm_words`, `reach_words`), no group, no duration: its score is the range
    # between the default's (`rows.select.none`) and this method's; absent, the default's alone
    unstated: str | None = None


class RowMethod(Strict):
    """How one kind of target/actual row is scored (正向, 反向, 等于, 期限, 定性, 满意度 …).

    A quantitative method reads numbers or dates and scores with ``score`` over the names
    ``target``, ``actual``, ``weight`` and ``met`` (whether the actual satisfies the target's
    comparator).  ``judgement_unless_met`` leaves an unmet row to an evaluator's judgement.
    A qualitative method (``reads = "text"``) maps the actual's wording to a tier.
    """

    label: str
    rule_text: str = ""
    reads: Literal["number", "date", "any", "text"]  # any: number or date, as the target is
    # what a target written without a comparator means under this method (反向: "<=")
    comparator: ComparatorCode | None = None
    score: str | None = None
    judgement_unless_met: bool = False
    overshoot: str | None = None
    # tiers (rows.tiers) at which a worded actual meets the target under this method, scored with
    # ``score`` (which may then read only ``weight`` and ``met``): 直接赋分 on "达成" gives full
    # marks and on any other tier none; without it, wording is graded by the tiers' ranges
    text_met: list[str] = []
    # with ``text_met``: the words a worded actual is graded against where the row's target is a
    # figure or a date, what this method asks of it in words (a deadline: "按期完成", so that "延期完成"
    # ranks below it and "未按期完成" negates it, rows.ranks and rows.target_words)
    text_target: str | None = None
    # with ``text_target``: the words that say it was met ("按期完成", "提前完成", "已完成"); wording graded as
    # meeting it in other words ("满意", "长期") says nothing of it, and the row is not verified
    text_words: list[str] = []


class TargetWords(Strict):
    """How a worded actual reads against the target's own words, where the vocabulary has no
    tier for it: the target's words after one of ``negations`` ("未按期完成" against "按期完成")
    are the tier ``negated``; two texts saying none of the same thing ("未发生重大安全事故", or
    just "无", against "无重大安全事故") are the tier ``rows.text_equal_to_target`` when
    ``none_alike``; and so is an actual holding the target's words and more ("已全部完成"
    against "完成", "实现全覆盖" against "全覆盖") when what it adds is made of ``contained_with``
    ("已", "全部", "验收", "实现"), not "延期完成", "完成一半" or "需进一步提升".  ``particles``
    ("了") an actual may put between the target's words, where the target has none: "促进了村集体经济
    发展" against "促进村集体经济发展".  ``alike``: groups of phrases saying the same thing ("不高于预算",
    "控制在预算范围内", "未超预算"): an actual of a group against a target of the same group is the
    tier ``rows.text_equal_to_target``; against any other target, nothing."""

    negations: list[str] = []
    negated: str | None = None
    none_alike: bool = False
    contained_with: list[str] = []
    particles: list[str] = []
    alike: list[list[str]] = []


class RowRules(Strict):
    """Rules for sheets scored row by row (一级/二级/三级指标 with target, actual, weight, claim)."""

    weight: Decimal | None = Field(default=None, ge=0)
    rule_text: str = ""
    decision: str = ""
    select: dict[str, str] = {}
    # Comparators a form prints before every figure it has no other comparator for (Xinjiang's
    # system: "=1次", "=38.79万元", "=2024年12月31日"): before a target they state nothing, and the
    # figure is read as a bare one (rows.no_comparator, then select.none), the date as a deadline
    prefix_comparators: list[ComparatorCode] = []
    rule_names: dict[str, str] = {}
    # A group's own method, for forms printing no 赋分规则 or 指标性质 column: a row under a group whose
    # name holds one of these words ("满意度" of 满意度指标; the most specific level, the longest word
    # first) is scored by that method, as a 赋分规则 cell naming it would (review EA A4)
    group_methods: dict[str, str] = {}
    methods: dict[str, RowMethod] = {}
    tiers: list[Tier] = []
    vocabulary: dict[str, str] = {}
    text_equal_to_target: str | None = None
    overshoot_threshold: Decimal | None = None
    strength: Strength | None = None
    target_words: TargetWords | None = None
    # Wording that answers nothing ("详见附件", "待定", "XX"): never held against the target's words
    no_answers: list[str] = []
    # Words ranked from best to worst ("优秀", "良好", "合格", "不合格"): an actual ranked below its
    # target is rows.strength.weaker (the lowest rank: rows.strength.negated).  A list in a ranking
    # is one rank written in several words (["较满意", "比较满意"]: 较 and 比较 are the same degree)
    ranks: list[list[str | list[str]]] = []
    # A target naming a rank with these words around it asks for at least that rank ("良好及以上", "达到优良
    # 标准", "优秀或良好": 良好); comparator words (以上, 不低于, 达到) count as these too
    rank_floor_words: list[str] = []
    # Answers to a yes-or-no target, the yes side first: the same side reaches it, the other not
    # ("否" against "否" in 是否发生安全事故; "是" against "否")
    yes_no: list[list[str]] = []
    no_comparator: NoComparator = NoComparator()


class Band(Strict):
    """One row of a band table: lower/upper edges (expressions) with their inclusiveness stated."""

    lower: str | None = None
    lower_inclusive: bool | None = None
    upper: str | None = None
    upper_inclusive: bool | None = None
    score: str
    label: str = ""


class Cap(Strict):
    min: Decimal | None = None
    max: Decimal | None = None


class PartDecl(Strict):
    """A scored component of an indicator (e.g. 支出执行进度 has three parts of 3 points)."""

    id: str = Field(pattern=IDENT)
    name: str
    weight: Decimal = Field(ge=0)
    score: str | None = None
    band_on: str | None = None
    bands: list[Band] = []
    not_applicable: list[NotApplicable] = []
    cap: bool | Cap = True


class IndicatorDecl(Strict):
    id: str = Field(pattern=IDENT)
    name: str
    group: list[str] = []
    weight: Decimal = Field(ge=0)
    rule_text: str
    description: str = ""
    decision: str = ""
    values: list[ValueDecl] = []
    score: str | None = None
    band_on: str | None = None
    bands: list[Band] = []
    not_applicable: list[NotApplicable] = []
    parts: list[PartDecl] = []
    cap: bool | Cap = True
    rounding: int = Field(default=2, ge=0, le=6)
    # The national rule lets a sheet print its own weights ("表中所印分值为准"): a sheet that
    # prints this indicator at 20 points scores it out of 20.  Only single-formula indicators.
    weight_adjustable: bool = False


class DeductionDecl(Strict):
    id: str = Field(pattern=IDENT)
    name: str
    group: list[str] = []
    per_finding: Decimal = Field(gt=0)
    max_deduction: Decimal | None = Field(default=None, gt=0)
    rule_text: str
    description: str = ""


class RuleFile(Strict):
    """A whole formula file as written."""

    @field_validator("inputs", "parameters")
    @classmethod
    def _names_are_identifiers(cls, value: dict) -> dict:
        import re

        for name in value:
            if not re.fullmatch(IDENT, name) or name.startswith("_"):
                raise ValueError(f"名称“{name}”不合规：只能用字母、数字和下划线，以字母开头")
        return value

    format: Literal[1] = 1
    rule_set: RuleSetInfo
    groups: list[Group] = []
    inputs: dict[str, InputDecl] = {}
    parameters: dict[str, Parameter] = {}
    indicators: list[IndicatorDecl] = []
    deductions: list[DeductionDecl] = []
    checks: list[Check] = []
    rows: RowRules | None = None
    reading: ReadingDecl = ReadingDecl()
    grades: list[GradeBand] = []
    tests: list[GoldenTest] = []
