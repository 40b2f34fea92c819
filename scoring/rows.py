"""Scoring target/actual rows (一级/二级/三级指标 with 年度指标值, 实际完成值, 分值, 得分).

The rule file says how each kind of row is scored (`[rows]`); this module picks a row's method,
reads its target and actual with the value parser, and evaluates the method.  A notation the
parser does not know, a phrase the vocabulary lacks, or a missing weight makes the row
unverifiable with its reason — never a guessed score.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .cases import Row
from .expressions import EvaluationError, Evaluator
from .numbers import fmt, round_half_up
from .results import Finding, IndicatorResult, InputUse, PartResult, ValueUse
from .rule_loader import normalize_phrase
from .rules import CompiledMethod, CompiledRows
from .values import ParsedValue, ValueParseError, parse_value

# Money units convert into 万元; every other unit must match or is only compared by number.
_MONEY = {"元": Decimal("0.0001"), "万元": Decimal(1), "亿元": Decimal(10000)}
_COMPARATOR_SPELLINGS = {"≥": ">=", ">=": ">=", "≤": "<=", "<=": "<=", "＝": "=", "=": "=", ">": ">", "<": "<", "＞": ">", "＜": "<"}


@dataclass
class _Outcome:
    part: PartResult
    method: CompiledMethod | None = None
    low: Decimal | None = None
    high: Decimal | None = None
    interval: bool = False


class RowScorer:
    """Scores the rows of one sheet under one rule set's `[rows]` rules."""

    def __init__(self, rules: CompiledRows, evaluator: Evaluator, year: int):
        self.rules = rules
        self.evaluator = evaluator
        self.year = year

    def score(self, row: Row, index: int, where: str, findings: list[Finding]) -> IndicatorResult:
        """Score one row; findings (unreadable values, overshoot, unit mismatch) are appended."""
        row_id = row.id or f"row{index + 1}"
        place = f"{where}.rows[{index}]({row.name})"
        uses: list[InputUse] = []
        values: list[ValueUse] = []
        target_text = _target_text(row) if row.target is not None else None
        for name, label, text in (("target", "年度指标值", target_text), ("actual", "实际完成值", row.actual)):
            if text is not None:
                uses.append(InputUse(name, label, "", None, row.source, "given", text))
        method_id, why = self._method_for(row)
        method = self.rules.methods.get(method_id) if method_id else None
        outcome = self._evaluate(row, method, why, place, findings, values)
        method = outcome.method
        result = IndicatorResult(
            id=row_id, name=row.name, group=tuple(row.group), weight=row.weight,
            rule_text=(method.rule_text or method.label) if method else self.rules.rule_text,
            decision=self.rules.decision, rounding=2, single=True, parts=[outcome.part],
            inputs=uses, values=values, interval=outcome.interval,
        )
        part = outcome.part
        if outcome.interval:
            result.low_raw, result.high_raw = outcome.low, outcome.high
        elif part.score is not None:
            result.raw = part.score
            result.low_raw = result.high_raw = part.score
            result.computed = round_half_up(part.score, 2)
        elif row.weight is not None:
            result.low_raw, result.high_raw = Decimal(0), row.weight
        return result

    # -- which method ----------------------------------------------------------------------

    def _method_for(self, row: Row) -> tuple[str | None, str]:
        """The method id for a row, or None with the reason."""
        if row.rule:
            chosen = self.rules.rule_names.get(normalize_phrase(row.rule))
            if chosen is None:
                return None, f"赋分规则“{row.rule}”不在规则文件的 rows.rule_names 中"
            if chosen != "by_comparator":
                return chosen, ""
        if row.nature:
            chosen = self.rules.select.get(normalize_phrase(row.nature))
            if chosen is not None:
                return chosen, ""
        return "", ""  # decided from the values in _evaluate

    def _by_values(self, target: ParsedValue | None, actual: ParsedValue) -> tuple[str | None, str]:
        if actual.kind == "text":
            key = "text"
        elif target is None:
            return None, "缺少年度指标值"
        elif target.kind == "date":
            key = "date"
        elif target.kind == "number":
            key = target.comparator or "none"
        else:
            return None, f"年度指标值“{target.raw}”是文字，实际完成值“{actual.raw}”却是{'日期' if actual.kind == 'date' else '数值'}，无法比较"
        chosen = self.rules.select.get(key)
        if chosen is None:
            return None, f"规则文件未规定“{key}”类指标如何计分（rows.select）"
        return chosen, ""

    # -- evaluation ------------------------------------------------------------------------

    def _evaluate(self, row: Row, method: CompiledMethod | None, why: str, place: str, findings: list[Finding], values: list[ValueUse]) -> _Outcome:
        part = PartResult(row.id or row.name, row.name, row.weight or Decimal(0), "unverifiable")
        outcome = _Outcome(part)
        if method is None and why:
            part.reason = why
            findings.append(Finding("warning", "unknown_row_rule", f"{row.name}：{why}", place))
            return outcome
        if row.actual is None:
            part.reason = "文件未给出指标值和完成值" if row.target is None else "文件未给出实际完成值"
            return outcome
        qualitative = method is not None and method.reads == "text"
        try:
            actual = _text_value(row.actual) if qualitative else parse_value(row.actual, where=f"{row.name}“实际完成值”", year=self.year)
            target = None
            if row.target is not None and not (qualitative or actual.kind == "text"):
                target = parse_value(_target_text(row), where=f"{row.name}“年度指标值”", year=self.year)
        except ValueParseError as exc:
            part.reason = str(exc)
            findings.append(Finding("warning", "unreadable_value", f"{exc}，该行无法核验", place))
            return outcome
        if method is None or (actual.kind == "text" and method.reads != "text"):
            chosen, why = self._by_values(target, actual)
            if chosen is None:
                part.reason = why
                return outcome
            method = self.rules.methods[chosen]
        outcome.method = method
        values.insert(0, ValueUse("method", "计分方法", method.label, "value"))
        part.expression = str(method.score) if method.score is not None else ""
        if row.weight is None:
            part.reason = "文件未印出该项分值"
            return outcome
        if method.reads == "text":
            return self._qualitative(row, actual, outcome, values)
        return self._quantitative(row, method, target, actual, outcome, place, findings, values)

    def _qualitative(self, row: Row, actual: ParsedValue, outcome: _Outcome, values: list[ValueUse]) -> _Outcome:
        part = outcome.part
        phrase = normalize_phrase(actual.text or actual.raw)
        tier_id = self.rules.vocabulary.get(phrase)
        how = "词表"
        if tier_id is None and self.rules.text_equal_to_target and row.target is not None and normalize_phrase(row.target) == phrase:
            tier_id, how = self.rules.text_equal_to_target, "完成值与指标值相同"
        if tier_id is None:
            part.reason = f"完成值“{actual.raw}”不在规则词表中，无法评级"
            return outcome
        tier = self.rules.tiers[tier_id]
        low, high = tier.low * row.weight, tier.high * row.weight
        values.append(ValueUse("phrase", "完成情况用语", actual.raw, "value"))
        share = f"{fmt((tier.low * 100).normalize())}%～{fmt((tier.high * 100).normalize())}%"
        values.append(ValueUse("tier", f"评级（{how}）", f"{tier.label}（分值的 {share}）", "value"))
        part.state = "scored"
        part.band = f"{tier.label}：{fmt(low.normalize())}～{fmt(high.normalize())} 分"
        part.reason = f"“{actual.raw}”评为“{tier.label}”"
        outcome.low, outcome.high, outcome.interval = low, high, True
        return outcome

    def _quantitative(self, row, method, target, actual, outcome, place, findings, values) -> _Outcome:
        part = outcome.part
        if target is None:
            part.reason = "缺少年度指标值"
            return outcome
        wanted = target.kind if method.reads == "any" and target.kind in ("number", "date") else method.reads
        if target.kind != wanted or actual.kind != wanted:
            kinds = {"date": "日期", "number": "数值", "text": "文字"}
            part.reason = f"{method.label}要求{kinds[wanted]}，年度指标值“{target.raw}”为{kinds[target.kind]}，实际完成值“{actual.raw}”为{kinds[actual.kind]}"
            return outcome
        if wanted == "date":
            t, a = Decimal(target.date.toordinal()), Decimal(actual.date.toordinal())
        else:
            converted = _same_unit(target, actual)
            if isinstance(converted, str):
                part.reason = converted
                return outcome
            t, a, note = converted
            if note:
                findings.append(Finding("info", "unit_mismatch", f"{row.name}：{note}", place))
        met = _met(target.comparator or ("<=" if wanted == "date" else ">="), a, t)
        values.append(ValueUse("met", "是否达到年度指标值", met, "value"))
        if wanted == "number" and t != 0:
            values.append(ValueUse("completion", "完成率（%）", a / t * 100, "value"))
        names = {"target": t, "actual": a, "weight": row.weight, "met": met}
        if not met and wanted == "number" and (t < 0 or a < 0):
            # actual ÷ target on a negative figure rewards missing the target (−10 ÷ −5 = 200%):
            # a share of the weight means nothing there, so the evaluator decides, not the formula
            part.state = "judgement"
            part.reason = "未达到年度指标值，且指标值或完成值为负数，按完成比例计分没有意义，需评价人判断"
            return outcome
        try:
            if not met and method.judgement_unless_met:
                part.state = "judgement"
                part.reason = f"未达到年度指标值，{method.label}未规定计分，需评价人判断"
                return outcome
            raw = self.evaluator.evaluate(method.score, names)
        except EvaluationError as exc:
            part.state = "error"
            part.reason = str(exc)
            findings.append(Finding("error", "rule_error", f"{row.name}：无法按规则计算：{exc}", place))
            return outcome
        if method.overshoot is not None and met and self.rules.overshoot_threshold is not None:
            try:
                deviation = self.evaluator.evaluate(method.overshoot, names)
            except EvaluationError:
                # a target of 0 has no relative overshoot; the warning is skipped, the score stands
                deviation = None
            if deviation is not None:
                values.append(ValueUse("overshoot", "超出年度指标值的幅度（%）", deviation, "value"))
                if deviation >= self.rules.overshoot_threshold:
                    findings.append(Finding(
                        "warning", "overshoot",
                        f"{row.name}：完成值“{actual.raw}”超出年度指标值“{target.raw}”{fmt(round_half_up(deviation, 2))}%，"
                        f"可能是指标值设定偏低；规则允许据此酌情扣分，本工具不自行扣分，请评价人判断",
                        place,
                    ))
        part.state = "scored"
        part.raw = Decimal(raw)
        part.score = min(max(part.raw, Decimal(0)), row.weight)
        if part.score != part.raw:
            findings.append(Finding("info", "capped", f"{row.name}：按公式得 {fmt(round_half_up(part.raw, 2))} 分，超出该项分值范围，按 {fmt(part.score)} 分计", place))
        return outcome


def _text_value(text: str) -> ParsedValue:
    """A qualitative row's actual is wording, whatever digits the narrative contains."""
    return ParsedValue(raw=text, kind="text", comparator=None, number=None, unit=None, date=None, text=text.strip())


def _target_text(row: Row) -> str:
    """The target as the form means it: the 指标性质 column may carry its comparator and the
    度量单位 column its unit (Sichuan: "≥" | "12" | "次")."""
    text = row.target or ""
    nature = (row.nature or "").strip()
    if nature in _COMPARATOR_SPELLINGS and not text.lstrip()[:1] in "<>=≥≤＝＜＞":
        text = nature + text
    if row.unit and row.unit.strip() not in text:
        text = text + row.unit.strip()
    return text


def _same_unit(target: ParsedValue, actual: ParsedValue):
    """Bring both figures to one unit; a string explains why they cannot be compared."""
    tu, au = target.unit, actual.unit
    t, a = target.number, actual.number
    if tu == au or not tu or not au:
        if (tu == "%") != (au == "%") and tu and au:
            return f"单位不一致（{tu}/{au}），无法比较"
        return t, a, ""
    if tu in _MONEY and au in _MONEY:
        return t * _MONEY[tu], a * _MONEY[au], f"金额单位不同（{tu}/{au}），已统一换算为万元比较"
    if "%" in (tu, au):
        return f"单位不一致（{tu}/{au}），无法比较"
    return t, a, f"指标值单位“{tu}”与完成值单位“{au}”不同，按数值比较"


def _met(comparator: str, actual: Decimal, target: Decimal) -> bool:
    return {
        ">=": actual >= target,
        ">": actual > target,
        "<=": actual <= target,
        "<": actual < target,
        "=": actual == target,
    }[comparator]
