"""The engine: scores one sheet of a case under a compiled rule set, recording how.

Names in an expression are resolved lazily, so a value or input is read only when the path
actually taken needs it: a not-applicable clause that fires spares the division it guards,
and an undisclosed figure makes unverifiable only what really depends on it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal

from ..cases.model import Figure, Sheet
from ..errors import FileError, FileProblem
from ..findings import Finding, finding
from ..numbers import MAX_FIGURE_TEXT, fmt, fmt_sum, is_too_large, round_half_up, rounding_allowance
from ..plain import replace
from ..rules.declared import InputDecl
from ..rules.expressions import EvaluationError, Evaluator, Expression, read_through
from ..rules.model import CompiledPart, CompiledValue, Deduction, Indicator, RuleSet, required_inputs
from .figures import read_figures
from .rates import stated_rate_findings
from .readings import ValueParseError, parse_value
from .results import DeductionResult, IndicatorResult, InputUse, PartResult, RuleRef, SheetResult, ValueUse
from .row_structure import RowPlan, plan_rows
from .rows import RowScorer
from .trace import FULL, NULL, Recorder


class _Unavailable(Exception):
    """An input the current path needs is undisclosed, missing or invalid."""

    def __init__(self, use: InputUse):
        self.use = use


class _Inputs:
    """The sheet's inputs checked once against their declarations."""

    def __init__(self, sheet: Sheet, rules: RuleSet, where: str):
        self.rules = rules
        self.uses: dict[str, InputUse] = {}
        self.findings: list[Finding] = []
        self.untranscribed = untranscribed(sheet, rules)
        for name, decl in rules.inputs.items():
            self.uses[name] = self._bind(name, decl, sheet.inputs.get(name), where)

    def _bind(self, name: str, decl: InputDecl, fig: Figure | None, where: str) -> InputUse:
        def use(value, source, state, note="") -> InputUse:
            return InputUse(name, decl.label, decl.unit, value, source, state, note)

        if fig is None:
            if decl.default is not None:
                return use(decl.default, "规则默认值", "default", decl.default_reason)
            if name in self.rules.required_inputs:
                self.findings.append(missing_input(name, decl, where, name in self.untranscribed))
            return use(None, "", "missing")
        if fig.undisclosed:
            if decl.default is not None:
                # a default is what the rules give a figure the sheet does not report ("（默认满分）": 逾期入库
                # 项目数未报告按0个计), and 未披露 is one not reported (review EL B1)
                reason = "；".join(filter(None, (decl.default_reason, fig.note)))  # the transcriber's note kept (review EM)
                return use(decl.default, "规则默认值（表中注明未披露）", "default", reason)
            return use(None, fig.source, "undisclosed", fig.note)
        value = fig.value
        problem = input_problem(decl, value, fig.percent_sign)
        if problem:
            self.findings.append(invalid_input(name, decl, problem, where))
            if isinstance(value, Decimal) and is_too_large(value):
                value = None  # refused as implausible: carried no further, not even into explanations
            return use(value, fig.source, "invalid", fig.note)
        return use(value, fig.source, "given", fig.note)


def untranscribed(sheet: Sheet, rules: RuleSet) -> frozenset[str]:
    """The inputs of a partial sheet (complete = false) that belong to parts not transcribed: read
    by no indicator of which the sheet gives another figure.  A figure missing beside its
    indicator's other figures is a blank, not a page left out (review BN D1); a claim alone is not
    its figures (a claims table copied without the figures block, review BO)."""
    if sheet.complete:
        return frozenset()
    given = sheet.inputs
    touched: set[str] = set()
    for ind in rules.indicators:
        names = indicator_inputs(rules, ind.id)
        if any(n in given for n in names):
            touched |= names
    return frozenset(rules.inputs) - touched


# The inputs each indicator reads, by rule set content and indicator id
_INDICATOR_INPUTS: dict[tuple[str, str], frozenset[str]] = {}


def indicator_inputs(rules: RuleSet, ind_id: str) -> frozenset[str]:
    """The inputs an indicator's formulas read, directly or through its intermediate values."""
    key = (rules.sha256, ind_id)
    known = _INDICATOR_INPUTS.get(key)
    if known is None:
        ind = next(i for i in rules.indicators if i.id == ind_id)
        known = required_inputs([ind], rules.inputs)
        if len(_INDICATOR_INPUTS) < 4096:
            _INDICATOR_INPUTS[key] = known
    return known


def missing_input(name: str, decl: InputDecl, where: str, partial: bool = False) -> Finding:
    """A required input the case neither gives nor marks undisclosed: an error, but on a partial
    sheet where it belongs to a part not transcribed (``partial``: `untranscribed`) said as such."""
    if partial:
        return finding("missing_input", f"未录入输入“{decl.label}”：表不完整，该部分未转录", f"{where}.inputs.{name}", "info")
    return finding("missing_input", f"缺少输入“{decl.label}”：表中未填写，也未标明未披露", f"{where}.inputs.{name}")


def invalid_input(name: str, decl: InputDecl, problem: str, where: str) -> Finding:
    """A figure its declaration refuses (see `input_problem`)."""
    return finding("invalid_input", f"输入“{decl.label}”（{name}）{problem}", f"{where}.inputs.{name}")


def input_problem(decl: InputDecl, value: Decimal | bool | None, percent_sign: bool = False) -> str:
    """What is wrong with a figure for its declaration ("" when nothing is)."""
    problem = _check_value(decl, value)
    if not problem and percent_sign and decl.type in ("amount", "count"):
        problem = f"写成了百分数“{fmt(value)}%”，{'金额' if decl.type == 'amount' else '个数'}不能带百分号"
    return problem


def _check_value(decl: InputDecl, value: Decimal | bool | None) -> str:
    if decl.type == "flag":
        return "" if isinstance(value, bool) else f"应为是/否（true/false），得到 {value}"
    if isinstance(value, bool):
        return f"应为数字，得到“{'是' if value else '否'}”"
    if is_too_large(value):
        return f"为 {_brief(value)}，绝对值达到或超过 {MAX_FIGURE_TEXT}，不是可信的数字（单位或小数点有误？）"
    if decl.min is not None and value < decl.min:
        return f"为 {fmt(value)}，小于允许的最小值 {fmt(decl.min)}"
    if decl.max is not None and value > decl.max:
        return f"为 {fmt(value)}，大于允许的最大值 {fmt(decl.max)}"
    if decl.type == "count" and value != value.to_integral_value():
        return f"为 {fmt(value)}，个数应为整数"
    return ""


def unavailable_reason(state: str, label: str) -> str:
    """Why a part that needs an input could not be scored, by the input's state."""
    if state == "undisclosed":
        return f"“{label}”未披露"  # the case's note on why is shown by `explain`
    if state == "missing":
        return f"缺少“{label}”"
    return f"“{label}”数值无效"


class _Scope(Mapping):
    """The names one indicator may read, resolved on demand and remembered for the explanation."""

    def __init__(self, rules: RuleSet, inputs: _Inputs, indicator: Indicator | None, evaluator: Evaluator,
                 parameters: dict[str, ValueUse | str], recorder: Recorder):
        self.rules = rules
        self.parameters = parameters
        self.inputs = inputs
        self.evaluator = evaluator
        self.recorder = recorder
        self.value_decls = {v.name: v for v in indicator.values} if indicator else {}
        self.weight: Decimal = Decimal(0)
        self.cache: dict[str, object] = {}
        self.used_inputs: dict[str, InputUse] = {}
        self.used_values: dict[str, ValueUse] = {}

    def __getitem__(self, name: str) -> object:
        if name == "weight":
            return self.weight
        if name in self.cache:
            return self.cache[name]
        if name in self.value_decls:
            decl = self.value_decls[name]
            value = self.evaluator.evaluate(decl.expr, self)
            if self.recorder.traced:
                self.recorder.value(self.used_values, ValueUse(name, decl.label, value, "value", percent=decl.percent))
        elif name in self.parameters:
            resolved = self.parameters[name]
            if isinstance(resolved, str):
                raise EvaluationError(resolved)
            self.recorder.value(self.used_values, resolved)
            value = resolved.value
        else:
            use = self.inputs.uses[name]  # the loader guarantees every name is declared
            self.recorder.input(self.used_inputs, use)
            if use.state not in ("given", "default"):
                raise _Unavailable(use)
            value = use.value
        self.cache[name] = value
        return value

    def __iter__(self) -> Iterator[str]:  # pragma: no cover - Mapping protocol only
        return iter(())

    def __len__(self) -> int:  # pragma: no cover
        return 0

    def number(self, expr: Expression) -> Decimal:
        """Evaluate an expression that must give a number."""
        value = self.evaluator.evaluate(expr, self)
        if isinstance(value, bool) or not isinstance(value, (Decimal, int)):
            raise EvaluationError(f"“{expr}”应得出数值，得到 {value!r}")
        return Decimal(value)


def _failure_reason(scope: _Scope, message: str) -> str:
    """Why a part could not be computed, in the form's words: after a division by zero, the figures
    read that are zero, by their labels ("“全年预算数”为 0，计分公式要除以它，不能除以零：请核对表中的数字"), for
    finance staff who read the form and not the expression (which `explain` shows); any other
    failure as the evaluator words it."""
    if "除以零" not in message:
        return message
    # what was read, whatever the recorder keeps: the message is the same on every path
    zeros = [name for name, value in scope.cache.items()
             if name in scope.rules.inputs and re.search(rf"\b{re.escape(name)}\b", message)
             and not isinstance(value, bool) and value == 0]
    # the one divided by, where the expression says ("实际采购金额" is 0 too, but not divided by)
    zeros = [scope.rules.inputs[name].label for name in ([n for n in zeros if n in _divisors(message)] or zeros)]
    if not zeros:
        return message
    return f"{'、'.join(f'“{label}”' for label in zeros)}为 0，计分公式要除以它，不能除以零：请核对表中的数字"


def _divisors(message: str) -> frozenset[str]:
    """The names on the right of a division in the expression a message quotes ("“a / b * weight”
    出现除以零": b); empty where none can be told, and the zero figures named are then all those the
    expression reads.  An intermediate value divided by is not followed into its own expression."""
    import ast

    quoted = re.search(r"“([^”]+)”", message)
    try:
        tree = ast.parse(quoted[1], mode="eval") if quoted else None
    except (SyntaxError, ValueError):
        return frozenset()
    if tree is None:
        return frozenset()
    return frozenset(n.id for node in ast.walk(tree) if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Div, ast.FloorDiv, ast.Mod))
                     for n in ast.walk(node.right) if isinstance(n, ast.Name))


def _declared_values(scope: _Scope) -> None:
    """Every value the indicator declares, for the explanation and the reason for points lost,
    whether or not the score read it ("执行率" beside "executed / budget * weight"): evaluated where
    its inputs are there, and left out where they are not or it cannot be computed (a zero budget)."""
    for name in scope.value_decls:
        if name not in scope.cache:
            try:
                scope[name]
            except (_Unavailable, EvaluationError, ArithmeticError):
                continue


# Parameters resolved per (rule set content, fiscal year): the same for every sheet of that year.
_PARAMETERS: dict[tuple[str, int | None], dict[str, ValueUse | str]] = {}


def resolved_parameters(rules: RuleSet, year: int | None) -> dict[str, ValueUse | str]:
    """Every parameter of ``rules`` as it stands in fiscal ``year``: its value (with its source),
    or the message that stops an expression reading it (no value for that year; the year unknown
    and the parameter dated).  Resolved once per rule set and year, not per name per sheet."""
    key = (rules.sha256, year)
    found = _PARAMETERS.get(key)
    if found is None:
        found = {}
        for name, p in rules.parameters.items():
            if year is None and p.value is None:
                found[name] = f"案例未写明年度，无法确定参数“{p.label}”的取值"
                continue
            dated = p.value_for(year) if year is not None else p.value_for(0)
            if dated is None:
                found[name] = f"参数“{p.label}”没有适用于 {year} 年的值"
            else:
                found[name] = ValueUse(name, p.label, dated.value, "parameter", dated.source)
        _PARAMETERS[key] = found
    return found


class Engine:
    """Scores sheets. Holds one evaluator, reused for every sheet and expression, and the
    recorder evaluation reports to (`trace.FULL`, the trace, unless told otherwise)."""

    def __init__(self, recorder: Recorder = FULL) -> None:
        self.evaluator = Evaluator()
        self.recorder = recorder

    def score_sheet(self, sheet: Sheet, rules: RuleSet, where: str, year: int | None, recorder: Recorder | None = None) -> SheetResult:
        """Score ``sheet`` under ``rules``. ``where`` prefixes the places named in findings;
        ``year`` completes dates written without one ("12月10日前"); ``recorder`` (default: the
        engine's) decides whether the explanation is recorded — the scores are the same either way."""
        recorder = self.recorder if recorder is None else recorder
        sheet = read_figures(sheet, rules, where)  # the same sheet unless a figure is written with a unit or a mark
        check_keys(sheet, rules, where)
        inputs = _Inputs(sheet, rules, where)
        parameters = resolved_parameters(rules, year)
        findings = list(inputs.findings)
        doubts: dict[str, str] = {}  # indicator id → the failed check that leaves it unscored
        findings += self._checks(rules, inputs, where, parameters, doubts)
        findings += stated_rate_findings(sheet.stated_rates, where)
        weights = indicator_weights(sheet, rules, where, findings)
        printed = sheet._printed or {}
        indicators = [
            self._indicator(ind, _Scope(rules, inputs, ind, self.evaluator, parameters, recorder), where, findings, weights[ind.id],
                            doubts.get(ind.id), printed.get(ind.id))
            for ind in rules.indicators
        ]
        room = rules.info.total - sum(weights.values(), Decimal(0))
        plan = plan_rows(sheet, rules.reading, year, where, findings, room) if sheet.rows else RowPlan()
        if sheet.rows:
            scorer = RowScorer(rules.rows, rules.reading, self.evaluator, year, recorder)
            indicators += [
                scorer.score(row, i, where, findings, plan.weights.get(i))
                for i, row in enumerate(sheet.rows) if i in plan.scored
            ]
        complete = sheet.complete
        if complete and not plan.scored and rules.rows is not None:
            complete = False
            findings.append(rows_missing(rules, weights.values(), where))
        weight_problems, weights_rounding = weight_findings(sheet, rules, indicators, plan, where, complete)
        findings += weight_problems
        deductions = [_deduction(d, sheet) for d in rules.deductions]
        return SheetResult(
            id=sheet.id, title=sheet.heading,
            rules=RuleRef(rules.id, rules.version, rules.sha256, rules.path, rules.info.title),
            total_weight=rules.info.total, score_floor=rules.info.score_floor,
            indicators=indicators, deductions=deductions, findings=findings,
            tolerance=rules.info.claim_tolerance, complete=complete, parents=plan.parents,
            weights_consistent=not weight_problems, weights_rounding=weights_rounding, grade_bands=rules.grades,
            misprinted_groups=rules.misprinted_groups if sheet.subtotals else {},
        )

    def _checks(self, rules: RuleSet, inputs: _Inputs, where: str, parameters: dict, doubts: dict[str, str]) -> list[Finding]:
        """The findings of the rule set's failed checks; each failed check's `unverifiable`
        indicators go into ``doubts`` with its message."""
        failed = []
        for check in rules.checks:
            scope = _Scope(rules, inputs, None, self.evaluator, parameters, NULL)
            try:
                ok = self.evaluator.evaluate(check.expr, scope)
            except (_Unavailable, EvaluationError):
                continue  # nothing to check against
            if not ok:
                failed.append(check)
                for ind in check.unverifiable:
                    doubts.setdefault(ind, check.message)
        # A check that leaves indicators unscored doubts the figures it reads: another failed check
        # reading only those figures says nothing true of them (a 元/万元 slip is no 超预算支出
        # "capped" at the weight, when nothing was scored: review BD C1)
        doubted = [c.expr.names for c in failed if c.unverifiable]
        values = {n: u.value for n, u in inputs.uses.items() if u.state in ("given", "default")}
        return [finding("inconsistent_inputs", check.said(rules.inputs, values), check.place(where, rules.inputs, values), severity=check.severity)
                for check in failed  # the rule file's own words; its expression is for rule authors (formulas test, explain)
                if check.unverifiable or not any(check.expr.names <= names for names in doubted)]

    def _indicator(self, ind: Indicator, scope: _Scope, where: str, findings: list[Finding], weight: Decimal,
                   doubt: str | None = None, printed: tuple[str, str] | None = None) -> IndicatorResult:
        cap_min, cap_max = ind.cap_min, ind.cap_max
        compiled_parts = ind.parts
        if weight != ind.weight:  # the sheet's printed weight, where the rules let it govern
            compiled_parts = tuple(replace(p, weight=weight, cap_max=weight) for p in ind.parts)
            cap_max = weight
        if doubt is not None:  # a failed check says the figures it reads cannot be trusted
            parts = [PartResult(part.id, part.name, part.weight, "unverifiable", reason=doubt) for part in compiled_parts]
        else:
            parts = [self._part(part, scope) for part in compiled_parts]
            if printed is not None and any(p.state == "unverifiable" for p in parts):
                parts = self._from_printed(ind, compiled_parts, parts, scope, printed, findings)
        if scope.recorder.traced:
            _declared_values(scope)
        result = IndicatorResult(
            id=ind.id, name=ind.name, group=ind.group, weight=weight, rule_text=ind.rule_text,
            decision=ind.decision, rounding=ind.rounding, single=ind.single, parts=parts,
            inputs=list(scope.used_inputs.values()), values=list(scope.used_values.values()),
        )
        place = f"{where}.{ind.id}"
        for part in parts:
            label = ind.name if ind.single else f"{ind.name}·{part.name}"
            if part.state == "error":
                findings.append(finding("rule_error", f"{label}：无法按规则计算：{part.reason}", place))
            elif part.raw is not None and part.raw != part.score:
                bound = "上限" if part.raw > part.score else "下限"
                findings.append(finding(
                    "capped", f"{label}：按公式得 {fmt(round_half_up(part.raw, ind.rounding))} 分，超出{bound}，按 {fmt(part.score)} 分计",
                    place,
                ))
        known = [p.score for p in parts if p.score is not None]
        open_weight = sum((p.weight for p in parts if p.score is None), Decimal(0))
        low = sum(known, Decimal(0))
        high = low + open_weight
        low_c, high_c = cap(low, cap_min, cap_max), cap(high, cap_min, cap_max)
        result.low_raw, result.high_raw = low_c, high_c
        if open_weight == 0 and len(known) == len(parts):
            result.raw = low_c
            if low_c != low:
                scope.recorder.note(result, f"各部分合计 {fmt(low)} 分，按指标上下限计为 {fmt(low_c)} 分")
            result.computed = round_half_up(low_c, ind.rounding)
            if result.computed != low_c:
                scope.recorder.note(result, f"{fmt(low_c)} 四舍五入保留 {ind.rounding} 位小数为 {fmt(result.computed)}")
        return result

    def _from_printed(self, ind: Indicator, compiled_parts, parts: list[PartResult], scope: _Scope, printed: tuple[str, str],
                      findings: list[Finding]) -> list[PartResult]:
        """``parts`` with those left unverifiable for want of the figures scored from the value the
        sheet prints instead (a 预算执行率 row "95%" without its amounts: 9.5 of 10), where the part's
        formula reads that value's expression ("executed / budget * weight" reads "executed / budget")."""
        text, place = printed
        got = printed_value(ind, text, scope.rules.reading)
        if got is None:
            return parts
        decl, number = got
        out = []
        for compiled, part in zip(compiled_parts, parts):
            through = None
            if part.state == "unverifiable" and not compiled.bands and not compiled.not_applicable:
                through = read_through(compiled.score, decl.expr, decl.name)
            if through is None:
                out.append(part)
                continue
            scope.cache[decl.name] = number
            again = self._part(replace(compiled, score=through), scope)
            del scope.cache[decl.name]
            if again.state != "scored":
                out.append(part)  # another figure is missing too: the first reason stands
                continue
            scope.recorder.value(scope.used_values, ValueUse(decl.name, decl.label, number, "value", f"表中该行所填“{text}”（未能用金额核对）",
                                                                   percent=decl.percent))
            findings.append(finding("printed_value", f"{ind.name}：{part.reason}，按表中该行所填{decl.label}“{text}”计分（未能用金额核对）", place))
            out.append(again)
        return out

    def _part(self, part: CompiledPart, scope: _Scope) -> PartResult:
        scope.weight = part.weight
        out = PartResult(part.id, part.name, part.weight, "scored")
        try:
            raw = None
            for na in part.not_applicable:
                if scope.evaluator.evaluate(na.when, scope):
                    out.reason = na.reason
                    if na.score is None:
                        out.state = "judgement"
                        return out
                    out.state = "not_applicable"
                    scope.recorder.part(out, na.score)
                    raw = scope.number(na.score)
                    break
            if raw is None and part.bands:
                x = scope.number(part.band_on)
                band = self._band(part, x, scope)
                scope.recorder.part(out, band.score, band.describe() if scope.recorder.traced else "")
                if scope.recorder.traced:
                    out.band_range = _band_range(str(part.band_on), band, scope)
                raw = scope.number(band.score)
            elif raw is None:
                scope.recorder.part(out, part.score)
                raw = scope.number(part.score)
        except _Unavailable as exc:
            out.state = "unverifiable"
            out.reason = unavailable_reason(exc.use.state, exc.use.label)
            return out
        except EvaluationError as exc:
            out.state = "error"
            out.reason = _failure_reason(scope, str(exc))
            return out
        out.raw = raw
        out.score = cap(raw, part.cap_min, part.cap_max)
        return out

    def _band(self, part: CompiledPart, x: Decimal, scope: _Scope):
        for band in part.bands:
            if band.lower is not None:
                lo = scope.number(band.lower)
                if x < lo or (x == lo and not band.lower_inclusive):
                    continue
            if band.upper is not None:
                hi = scope.number(band.upper)
                if x > hi or (x == hi and not band.upper_inclusive):
                    continue
            return band
        raise EvaluationError(f"值 {fmt(x)} 不在任何分档内（分档表有空隙）")


def _band_range(name: str, band, scope: _Scope) -> str:
    """The band's edges as numbers in the unit of the figure it is chosen on ("大于 -3.704% 且不超过
    -2.315%"), where an edge is a formula ("0.8 * N"); "" where every edge is a number the band's
    label already shows."""
    edges = [(band.lower, "不低于" if band.lower_inclusive else "大于"), (band.upper, "不超过" if band.upper_inclusive else "低于")]
    if all(e is None or _constant(str(e)) for e, _ in edges):
        return ""
    scale, unit = Decimal(1), ""
    if name in scope.value_decls:
        if scope.value_decls[name].percent:
            scale, unit = Decimal(100), "%"
    elif name in scope.rules.parameters:
        unit = scope.rules.parameters[name].unit
    elif name in scope.rules.inputs:
        unit = scope.rules.inputs[name].unit
    return " 且".join(f"{word} {fmt(round_half_up(scope.number(e) * scale, 4).normalize())}{unit}" for e, word in edges if e is not None)


def _constant(text: str) -> bool:
    try:
        Decimal(text)
    except ArithmeticError:
        return False
    return True


def printed_value(ind: Indicator, text: str, reading) -> tuple[CompiledValue, Decimal] | None:
    """The indicator's one percentage value as a sheet prints it plainly ("95%" → 0.95 for 执行率),
    or None: a figure with a comparator, a remark, a name or another unit is no such value."""
    decls = [v for v in ind.values if v.percent]
    if len(decls) != 1:
        return None
    try:
        read = parse_value(text, reading, actual=True)
    except ValueParseError:
        return None
    # "=95%": the "=" Xinjiang's forms put before every figure; "80%（按年初预算）": a remark may name
    # another basis than the rule's (review BN A3)
    if (read.kind != "number" or read.comparator not in (None, "=") or read.unit != "%" or read.written_unit != "%"
            or read.number is None or read.approximate or read.remark or read.named):
        return None
    return decls[0], read.number / 100


def cap(value: Decimal, low: Decimal | None, high: Decimal | None) -> Decimal:
    """``value`` limited to [low, high] (a None bound is no bound), the lower bound first."""
    if low is not None and value < low:
        return low
    if high is not None and value > high:
        return high
    return value


def deduction_points(d: Deduction, count: Decimal | None) -> Decimal | None:
    """The points a deduction item takes for ``count`` findings (None: the count is not disclosed)."""
    if count is None:
        return None
    amount = count * d.per_finding
    return amount if d.max_deduction is None else min(amount, d.max_deduction)


def _deduction(d: Deduction, sheet: Sheet) -> DeductionResult:
    fig = sheet.findings.get(d.id) or sheet.findings.get(d.name)
    count = None if fig is None or fig.undisclosed or isinstance(fig.value, bool) else fig.value
    amount = deduction_points(d, count)
    return DeductionResult(
        id=d.id, name=d.name, group=d.group, per_finding=d.per_finding, rule_text=d.rule_text,
        findings=count, source=fig.source if fig else "", deduction=amount,
    )


def check_keys(sheet: Sheet, rules: RuleSet, where: str) -> None:
    """Every key a case uses must mean something under its rules: a typo is an error, not a silent 0."""
    problems = []
    unknown = [name for name in sheet.inputs if name not in rules.inputs]
    other_form = len(unknown) > 3 and 2 * len(unknown) > len(sheet.inputs)
    if other_form:
        # most of the figures are another rule set's (--rules naming the wrong one): one sentence,
        # not a line for each of dozens of figures, claims and deduction items
        shown = "、".join(unknown[:3])
        problems.append(FileProblem(where, "inputs", f"本表 {len(sheet.inputs)} 项数字中有 {len(unknown)} 项（{shown} 等）不是规则集 {rules.ref} 的输入："
                                                     f"本表不是 {rules.ref} 所评的表？请核对 rules 或 --rules"))
        unknown = []
    for name in unknown:
        problems.append(FileProblem(where, f"inputs.{name}", f"规则集 {rules.ref} 没有名为 {name} 的输入"))
    for key in sheet.claims:
        if rules.indicator(key) is None and rules.deduction(key) is None and not other_form:
            problems.append(FileProblem(where, f"claims.{key}", f"规则集 {rules.ref} 没有名为 {key} 的指标或扣分项"))
    for key, fig in sheet.findings.items():
        if rules.deduction(key) is None:
            if not other_form:
                problems.append(FileProblem(where, f"findings.{key}", f"规则集 {rules.ref} 没有名为 {key} 的扣分项"))
        elif not fig.undisclosed and (isinstance(fig.value, bool) or fig.value < 0 or fig.value != fig.value.to_integral_value()):
            problems.append(FileProblem(where, f"findings.{key}", "发现问题数应为非负整数"))
        elif not fig.undisclosed and fig.percent_sign:
            # "50%" is no number of findings: 50 of them would be deducted (review FW A3)
            problems.append(FileProblem(where, f"findings.{key}", f"“{fmt(fig.value)}%”带百分号：发现问题数应写处数（如“3”或“3处”）"))
    problems += _written_twice(where, "claims", {k: c.score for k, c in sheet.claims.items()},
                               lambda key: rules.indicator(key) or rules.deduction(key))
    problems += _written_twice(where, "findings", {k: None if f.undisclosed else f.value for k, f in sheet.findings.items()}, rules.deduction)
    problems += _written_twice(where, "weights", dict(sheet.weights), rules.indicator)
    problems += _too_large(sheet, where)
    if sheet.rows and rules.rows is None:
        problems.append(FileProblem(where, "rows", f"规则集 {rules.ref} 没有逐行计分规则（rows），不能给出逐行指标"))
    ids = [r.id for r in sheet.rows if r.id] + [i.id for i in rules.indicators]
    for dup in sorted({i for i in ids if ids.count(i) > 1}):
        problems.append(FileProblem(where, "rows", f"行 id {dup} 重复或与规则指标同名"))
    row_ids = {r.id: r for r in sheet.rows if r.id}
    for i, row in enumerate(sheet.rows):
        if row.part_of is None:
            continue
        parent = row_ids.get(row.part_of)
        if parent is None or parent is row:
            problems.append(FileProblem(where, f"rows[{i}].part_of", f"没有 id 为 {row.part_of} 的其他行"))
        elif parent.part_of is not None:
            problems.append(FileProblem(where, f"rows[{i}].part_of", f"行 {row.part_of} 本身也是其他行的一部分：只支持一层父子行"))
    for key in sheet.weights:
        if rules.indicator(key) is None:
            problems.append(FileProblem(where, f"weights.{key}", f"规则集 {rules.ref} 没有名为 {key} 的指标"))
    for i, sub in enumerate(sheet.subtotals):
        for key in sub.includes:
            if rules.indicator(key) is None:
                problems.append(FileProblem(where, f"subtotals[{i}].includes", f"规则集 {rules.ref} 没有名为 {key} 的指标"))
    if problems:
        raise FileError(where, problems)


def _written_twice(where: str, section: str, values: dict, find) -> list[FileProblem]:
    """Keys of ``section`` naming one indicator or deduction item twice, by its id and by its printed name, with
    different figures: which of two contradicting figures the sheet means is not for the engine to choose (the id's
    was taken without a word: review FW A1).  The same figure twice says nothing wrong."""
    problems, seen = [], {}
    for key, value in values.items():
        item = find(key)
        if item is None:
            continue  # a key the rules do not know: said on its own
        first = seen.setdefault((type(item), item.id), (key, value))
        if first[0] != key and first[1] != value:
            said = [("未披露" if v is None else str(v) if isinstance(v, bool) else _brief(v)) for v in (first[1], value)]
            problems.append(FileProblem(where, f"{section}.{key}", f"与 {section}.{first[0]} 是同一项（{item.name}），"
                                                                  f"两处所填不同（{said[0]} 与 {said[1]}）：请只填写一处"))
    return problems


def _brief(value: Decimal) -> str:
    """A figure as written, or in scientific notation when it runs past two dozen digits."""
    shown = fmt(value)
    return shown if len(shown) <= 24 else f"{value:.3E}"


def _too_large(sheet: Sheet, where: str) -> list[FileProblem]:
    """Scores, weights and counts the diff adds up must be plausible numbers: 10^15 or more is a
    slip (or an attack on the arithmetic), and the case cannot be used until it is corrected."""
    if not any(isinstance(v, Decimal) and is_too_large(v) for v in _sheet_numbers(sheet)):
        return []  # the usual case: no place named, no message made
    numbers: list[tuple[str, object]] = [("claimed_total", sheet.claimed_total.score if sheet.claimed_total else None)]
    numbers += [(f"claims.{key}", claim.score) for key, claim in sheet.claims.items()]
    numbers += [(f"findings.{key}", fig.value) for key, fig in sheet.findings.items()]
    for i, row in enumerate(sheet.rows):
        numbers += [(f"rows[{i}].weight", row.weight), (f"rows[{i}].claimed", row.claimed), (f"rows[{i}].converted", row.converted)]
    for i, sub in enumerate(sheet.subtotals):
        numbers += [(f"subtotals[{i}].claimed", sub.claimed), (f"subtotals[{i}].weight", sub.weight)]
    numbers += [(f"weights.{key}", value) for key, value in sheet.weights.items()]
    for i, rate in enumerate(sheet.stated_rates):
        numbers += [(f"stated_rates[{i}].numerator", rate.numerator), (f"stated_rates[{i}].denominator", rate.denominator)]
    return [
        FileProblem(where, key, f"数值 {_brief(value)} 的绝对值达到或超过 {MAX_FIGURE_TEXT}，不是可信的数字")
        for key, value in numbers
        if isinstance(value, Decimal) and is_too_large(value)
    ]


def _sheet_numbers(sheet: Sheet):
    """Every number `_too_large` checks, without its place."""
    if sheet.claimed_total:
        yield sheet.claimed_total.score
    for claim in sheet.claims.values():
        yield claim.score
    for fig in sheet.findings.values():
        yield fig.value
    for row in sheet.rows:
        yield row.weight
        yield row.claimed
        yield row.converted
    for sub in sheet.subtotals:
        yield sub.claimed
        yield sub.weight
    yield from sheet.weights.values()
    for rate in sheet.stated_rates:
        yield rate.numerator
        yield rate.denominator


def indicator_weights(sheet: Sheet, rules: RuleSet, where: str, findings: list[Finding]) -> dict[str, Decimal]:
    """Each rule indicator's weight on this sheet: the printed one where the rules let the sheet's
    weights govern ("表中所印分值为准"), else the rule's own, with a finding when they differ."""
    weights = {}
    for ind in rules.indicators:
        printed = sheet.weights.get(ind.id, sheet.weights.get(ind.name))
        weights[ind.id] = ind.weight
        if printed is None or printed == ind.weight:
            continue
        place = f"{where}.weights.{ind.id}"
        if printed <= 0:
            findings.append(finding("weight_invalid", f"{ind.name}：表中所印分值 {fmt(printed)} 分不是正数，按规则的 {fmt(ind.weight)} 分计分", place))
        elif ind.weight_adjustable:
            weights[ind.id] = printed
            findings.append(finding("weight_adjusted", f"{ind.name}：按表中所印分值 {fmt(printed)} 分计分（规则默认 {fmt(ind.weight)} 分，允许各地调整）", place))
        else:
            findings.append(finding(
                "weight_fixed", f"{ind.name}：表中所印分值 {fmt(printed)} 分，与规则规定的 {fmt(ind.weight)} 分不符；该分值不允许调整，按 {fmt(ind.weight)} 分计分",
                place,
            ))
    return weights


def rows_missing(rules: RuleSet, weights: Iterable[Decimal], where: str) -> Finding:
    """A sheet under rules that score rows, with no row transcribed or only placeholders (a case
    table holds none): the rows' share of the total is not there to be checked, so the sheet is
    scored as a partial one, never as one whose rows all scored 0.  ``weights``: the rule
    indicators' weights in force on the sheet (printed ones where they govern)."""
    share = max(rules.info.total - sum(weights, Decimal(0)), Decimal(0))
    return finding("rows_missing", f"本表未录入逐行绩效指标（约 {fmt(share)} 分），按未录入完整的表核验：只核对已录入的部分", f"{where}.rows")


def weight_findings(sheet: Sheet, rules: RuleSet, results: list[IndicatorResult], plan: RowPlan, where: str,
                    complete: bool) -> tuple[list[Finding], tuple[Decimal, Decimal]]:
    """The sheet's weights must add up to its total: every line's printed (or group-given) weight,
    with a weighted group header standing for its unweighted rows.  On a partial sheet
    (``complete`` false) only an excess can be seen.  With the findings, how far a claimed total
    may be above and below the lines' sum for the weights being printed rounded (3 × 3.3 for 10:
    0.1 above)."""
    none = (Decimal(0), Decimal(0))
    if not sheet.rows:
        return [], none
    covered: list[Decimal] = []
    uncovered = False
    rule_ids = {i.id for i in rules.indicators}  # once, not once per line
    rows = [r for r in results if r.id not in rule_ids]
    # A weighted group header with an unweighted row under it stands for its whole group: its rows'
    # own weights are inside it ("产出指标 50 分" over rows of 20, 10, 10 and one printed without
    # one is 50 points, not 90); whether they add up to it is the subtotals' check
    headers: dict[tuple[str, ...], Decimal] = {}
    for r in rows:
        if r.weight is not None:
            continue
        header = next((s for s in sheet.subtotals if s.weight is not None and tuple(r.group[: len(s.group)]) == tuple(s.group)), None)
        if header is None:
            uncovered = True
        else:
            headers.setdefault(tuple(header.group), header.weight)
    # a header inside another one that stands for its group is part of it
    headers = {g: w for g, w in headers.items() if not any(o != g and g[: len(o)] == o for o in headers)}
    # ... and every weighted header with an unweighted row under it (the inner ones too, in whatever
    # order the sheet lists them) is a ceiling on the weights printed under it: rows of 20, 20 and 20
    # beside a blank under 产出指标 50 contradict it, whatever the claims
    for i, sub in enumerate(sheet.subtotals):
        g = tuple(sub.group)
        under = [r for r in rows if tuple(r.group[: len(g)]) == g]
        if sub.weight is None or all(r.weight is not None for r in under):
            continue
        printed = sum((r.weight for r in under if r.weight is not None), Decimal(0))
        if rounding_allowance(r.weight for r in under if r.weight is not None).exceeds(printed, sub.weight):
            return [finding(
                "weights_mismatch", f"“{'/'.join(g)}”所印分值 {fmt(sub.weight)} 分，其下已印分值的各行已合计 {fmt_sum(printed)} 分，超过了它",
                f"{where}.subtotals[{i}]",
            )], none
    covered.extend(headers.values())
    for r in rows:
        if r.weight is not None and not any(tuple(r.group[: len(g)]) == g for g in headers):
            covered.append(r.weight)
    indicators = [r.weight for r in results if r.id in rule_ids]
    indicators_total = sum(indicators, Decimal(0))
    total = indicators_total + sum(covered, Decimal(0))
    expected = rules.info.total
    # weights printed rounded (three thirds of 20 as 6.7) add up to the total at their precision
    rounding = rounding_allowance([*indicators, *covered])
    shift = rounding.reading(total, expected) if complete and not uncovered else Decimal(0)
    if shift is None:
        return [finding(
            "weights_mismatch", f"各项分值合计 {fmt_sum(total)} 分（其中规则指标 {fmt_sum(indicators_total)} 分、各行 {fmt_sum(total - indicators_total)} 分），与满分 {fmt(expected)} 分不符",
            f"{where}.rows",
        )], none
    if not complete and rounding.exceeds(total, expected):
        return [finding(
            "weights_mismatch", f"已列出各项的分值合计 {fmt_sum(total)} 分，已超过满分 {fmt(expected)} 分",
            f"{where}.rows",
        )], none
    return [], (max(-shift, Decimal(0)) + rounding.slack, max(shift, Decimal(0)) + rounding.slack)
