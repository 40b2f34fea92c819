"""The lean path: sheets scored by the code generated from their rule set, with nothing recorded.

`scoring batch` and `scoring generate` score through here; `score`, `diff` and `explain` keep the
traced path (`engine.Engine` with the full recorder), and so does anything a person reads the
explanation of: a batch report re-scores the sheets it explains on the traced path, when it
writes them (`batch.run.explain`).

For one sheet — a case file's `Sheet`, or a case-table row that `lean_table` read without
building a case model — the lean path binds the inputs once; runs the rule set's generated
`score` and `checks` (`codegen`, parameters bound once per rule set and year); scores
target/actual rows with the row scorer, a null recorder and the generated method functions;
and compares every claim and the total with the rules' values without building a result object
per line.  It gives the sheet's batch summary row (`SheetSummary`), or its lines' values (for the
generator).

It gives what the traced path gives, to the last digit of every score and the last word of every
error and warning: tests/test_lean.py compares both on a sample of the generated corpus (every
shipped rule set, edge variants, injected errors) and on every shipped case, and bench/run.py on
the whole corpus.  What the sheet prints is read and checked by the traced path's own functions:
figures written with a unit or a "not given" mark (`figures.read_figures`), rows that are parts
of other rows (`row_structure.plan_rows`, `review.compare.parent_findings`), group subtotals
(`review.compare.subtotal_findings`), a partial sheet's total.  What it does not reproduce, it
hands over whole: a sheet on which the generated code raises (an arithmetic failure, whose
message names the expression; a parameter without a value for the year) is scored on the
traced path (`LeanEngine.fallbacks` counts them).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal, localcontext

from ..batch.summary import DIFFERING, SheetSummary, by_severity, region_text, summary_of, worst_status
from ..cases.model import Case, Sheet
from ..findings import Finding, finding
from ..plain import replace as plain_replace
from ..review.compare import (
    STATUS_SEVERITY,
    LineSums,
    _claim,
    _indicator_findings,
    add_groups,
    compare,
    compare_line,
    converted_findings,
    converted_shift,
    header_groups,
    line_finding,
    parent_findings,
    settle_total,
    subtotal_findings,
    subtotals_allowance,
    unclaimed_groups_claimed,
)
from ..review.grades import span_text
from ..review.pipeline import fallback_findings, pinned_rules_findings, release_findings, report_loaded, rule_source_findings, sheet_rules, year_unknown
from ..rules.codegen import Generated, bind, generate
from ..rules.declared import InputDecl
from ..rules.expressions import SANDBOX_CONTEXT, Evaluator, evaluation_failure, finite_result
from ..rules.model import RuleSet
from .engine import (
    Engine,
    cap,
    check_keys,
    deduction_points,
    indicator_weights,
    input_problem,
    invalid_input,
    missing_input,
    resolved_parameters,
    rows_missing,
    unavailable_reason,
    untranscribed,
    weight_findings,
)
from .figures import read_figures
from .rates import stated_rate_findings
from .results import Comparison, IndicatorResult
from .row_structure import RowPlan, indicator_rows, plan_rows
from .rows import RowScorer
from .trace import NULL

ZERO = Decimal(0)
# The plan of a sheet without target/actual rows, only ever read: one for all of them.
_NO_ROWS = RowPlan()
_PINS_KEPT = 1 << 12


class Fallback(Exception):
    """The lean path does not take this sheet: it is scored on the traced path."""


@dataclass(frozen=True, slots=True)
class InputSpec:
    """One declared input, as the binder checks it."""

    name: str
    decl: InputDecl
    required: bool
    flag: bool
    count: bool
    minimum: Decimal | None
    maximum: Decimal | None

    def absent(self, x: dict, states: dict, found: "Findings", where: str, partial: bool = False) -> None:
        """The input is not given: its default, or missing (an error where a formula needs it,
        unless it belongs to a part of a partial sheet not transcribed: ``partial``)."""
        if self.decl.default is not None:
            x[self.name] = self.decl.default
            return
        if self.required:
            found.add(missing_input(self.name, self.decl, where, partial))
        states[self.name] = "missing"

    def problem(self, value: Decimal | bool) -> str:
        """What `engine.input_problem` says of a figure written as a plain number or a flag
        (never ≥ 10^15, never with a percent sign), without its cost when nothing is wrong."""
        if self.flag:
            ok = value is True or value is False
        elif value is True or value is False:
            ok = False
        else:
            ok = (self.minimum is None or value >= self.minimum) and (self.maximum is None or value <= self.maximum) \
                and (not self.count or value == value.to_integral_value())
        return "" if ok else input_problem(self.decl, value)


class LeanRules:
    """One rule set bound for one fiscal year: its generated functions, and what the comparison
    needs of each of its indicators."""

    def __init__(self, rules: RuleSet, generated: Generated, year: int | None):
        self.rules = rules
        self.year = year
        namespace = bind(generated, rules, resolved_parameters(rules, year)) if generated.lean else None
        self.available = namespace is not None
        self.score: Callable = namespace["score"] if namespace else None
        self.checks: Callable = namespace["checks"] if namespace else None
        # the judgement reasons the generated code gives by index, then each check's message:
        # check k doubting an indicator leaves it unscored for reason `doubt_base` + k
        self.reasons = generated.reasons + tuple(check.message for check in rules.checks)
        self.doubt_base = len(generated.reasons)
        self.doubting = tuple(tuple(i for i, ind in enumerate(rules.indicators) if ind.id in check.unverifiable) for check in rules.checks)
        self.methods: dict[int, tuple[str, Callable]] = {}
        if namespace and rules.rows is not None:
            for (mid, what), fn in generated.methods.items():
                expr = getattr(rules.rows.methods[mid], what)
                self.methods[id(expr)] = (expr.source, namespace[fn])
        self.inputs = tuple(
            InputSpec(name, decl, name in rules.required_inputs, decl.type == "flag", decl.type == "count", decl.min, decl.max)
            for name, decl in rules.inputs.items()
        )
        self.indicators = rules.indicators
        self.weights = tuple(ind.weight for ind in rules.indicators)
        self.places = tuple(f".{ind.id}" for ind in rules.indicators)
        self.digits = max((ind.rounding for ind in rules.indicators), default=2)
        self.tolerance = rules.info.claim_tolerance
        self.source_infos = len(rule_source_findings(rules))
        self.rows: RowScorer | None = None  # made on first use, kept with what it has read
        # (region, year, evaluation date, sheet type) of sheets naming these rules of which
        # `pipeline.pinned_rules_findings` says nothing
        self.pinned_quietly: set[tuple] = set()

    def doubts(self, failed: list[int]) -> list | None:
        """Per indicator, the reason (in `reasons`) of the first of the ``failed`` checks that
        leaves it unscored (`Engine._checks`), or None; None when none of them doubts any."""
        doubts = None
        for k in failed:
            for i in self.doubting[k]:
                if doubts is None:
                    doubts = [None] * len(self.indicators)
                if doubts[i] is None:
                    doubts[i] = self.doubt_base + k
        return doubts


class _Memo(dict):
    """A dict that holds at most ``size`` entries: the oldest goes when a new one comes (a batch
    of a million distinct rows keeps only the latest ``size`` in memory)."""

    __slots__ = ("size",)

    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size

    def keep(self, key, value) -> None:
        """Remember ``value`` for ``key``, forgetting the oldest entry if the memo is full."""
        if len(self) >= self.size:
            del self[next(iter(self))]
        self[key] = value


class _LeanRowScorer(RowScorer):
    """The row scorer with the null recorder, keeping what it has read and scored: targets and
    actuals a batch's rows write alike ("≥95%", "100%", "按时完成") are read once per rule set and
    year, and a row printed alike on many sheets (the same name, cells and weight: "服务对象满意度",
    "≥90%", "95%", 10) is scored once.  Reading and scoring a row are pure functions of its cells
    (and of the rule set's vocabulary, methods and the year, which a scorer is for); only what
    reads is kept of the texts, so an unreadable text is read again and says so with its row's
    name.  Each memo is bounded (`KEEP` entries)."""

    KEEP = 1 << 15

    def __init__(self, *args) -> None:
        super().__init__(*args)
        self._read = _Memo(self.KEEP)
        self._targets = _Memo(self.KEEP)
        self._scored = _Memo(self.KEEP)
        self.hits = 0

    def score(self, row, index, where, findings, weight=None):
        """`RowScorer.score`, from the memo when a row with the same cells and weight was scored
        before: the result is rebuilt with this row's id and its findings with this row's place
        (nothing else of either depends on where the row stands)."""
        weight = row.weight if weight is None else weight
        # str(weight): 10 and 10.0 are equal Decimals but print differently in the findings;
        # whether the row has an id: its part is named by it, else by the row's name or number
        key = (row.name, row.target, row.nature, row.unit, row.actual, row.rule, tuple(row.group),
               None if weight is None else str(weight), not row.id)
        known = self._scored.get(key)
        place = f"{where}.rows[{index}]({row.name})"
        if known is None:
            noted: list[Finding] = []
            result = super().score(row, index, where, noted, weight)
            findings.extend(noted)
            # kept when every finding is at the row and the part's name says how it was made
            # (a row without an id named "row3" at row 3 would leave that open)
            if all(f.where == place for f in noted) and (row.id or result.id != row.name):
                self._scored.keep(key, (result, tuple((f.severity, f.code, f.message) for f in noted)))
            return result
        self.hits += 1
        model, noted = known
        for severity, code, message in noted:
            findings.append(finding(code, message, place, severity))
        row_id = row.id or f"row{index + 1}"
        part = model.parts[0]  # a row is its one part, named by the row's id, else its name or number
        part_id = row.id or (row.name if part.id == row.name else row_id)
        return _rebuilt(model, row_id, [part if part.id == part_id else replace(part, id=part_id)])

    def _parse(self, text, row, label, place):
        key = (text, label)  # an actual reads some words otherwise than a target ("达到85%")
        found = self._read.get(key)
        if found is None:
            found = super()._parse(text, row, label, place)
            self._read.keep(key, found)
        return found

    def _target_text(self, row):
        # the name and the actual too: a unit in brackets ending the name is the target's unit
        # ("任务完成时限(月)"), where the actual is bare or in a unit converting with it
        key = (row.target, row.nature, row.unit, row.name, row.actual)
        found = self._targets.get(key, self)
        if found is self:
            found = super()._target_text(row)
            self._targets.keep(key, found)
        return found


def _rebuilt(model: IndicatorResult, row_id: str, parts: list) -> IndicatorResult:
    """A scored row's result again, under another id and parts, with its own (empty) lists: the
    fields copied as they are, which costs a fraction of the dataclass's keyword constructor."""
    result = object.__new__(IndicatorResult)
    result.__dict__.update(model.__dict__)
    result.id, result.parts, result.inputs, result.values, result.notes = row_id, parts, [], [], []
    return result


class _GeneratedMethods(Evaluator):
    """The row scorer's evaluator on the lean path: a method's expression runs as its generated
    function, with the failures the traced evaluator reports, worded the same."""

    def __init__(self, methods: dict[int, tuple[str, Callable]]):
        super().__init__()
        self.methods = methods

    def evaluate(self, expression, names):
        found = self.methods.get(id(expression))
        if found is None:
            return super().evaluate(expression, names)
        source, fn = found
        try:
            with localcontext(SANDBOX_CONTEXT):
                result = fn(names["target"], names["actual"], names["weight"], names["met"])
        except Exception as exc:
            failure = evaluation_failure(source, exc)
            if failure is None or failure is exc:
                raise
            raise failure from None
        return finite_result(source, result)


class Findings:
    """A sheet's findings as a summary keeps them: errors and warnings in order, infos counted."""

    __slots__ = ("kept", "infos")

    def __init__(self) -> None:
        self.kept: list[Finding] = []
        self.infos = 0

    def add(self, finding: Finding) -> None:
        if finding.severity == "info":
            self.infos += 1
        else:
            self.kept.append(finding)

    def extend(self, findings) -> None:
        for f in findings:
            self.add(f)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Findings) and (self.kept, self.infos) == (other.kept, other.infos)

    def __repr__(self) -> str:
        return f"Findings({self.kept!r}, infos={self.infos})"


@dataclass(slots=True)
class SheetFacts:
    """What the lean path needs of a sheet besides its inputs, however it was read."""

    sheet_id: str
    title: str
    region: tuple[str, ...]
    year: int | None
    evaluated: object
    sheet_type: str | None
    named_rules: str | None  # the rule set the sheet names, if it names one
    claimed_total: Decimal | None
    claimed_grade: str | None = None
    complete: bool = True  # False: only part of the sheet is transcribed (a case file says so)
    chosen: tuple = ()  # what is said of rules chosen by region and year (`pipeline.fallback_findings`)


@dataclass(slots=True)
class LeanSheet:
    """A sheet as the lean path scores it: per line (the rule set's indicators, then the scored
    rows) its id, name, group, weight, rounding, the rules' value — a Decimal point score, or
    ``(low, high, interval)`` of the range the rules allow, or None — and its claim's status;
    the deductions; the total's comparison; the findings."""

    lines: list  # what each line's id, name, group and rounding are read from (an indicator or a row's result)
    weights: list[Decimal | None]
    values: list
    statuses: list[str]
    deductions: list[Decimal | None]
    total: Comparison
    unverified_weight: Decimal
    grades: tuple[str, ...]
    claimed_grade: str | None
    findings: Findings

    # Read only by the generator and the equality check: a batch's summary needs none of them.
    @property
    def ids(self) -> list[str]:
        return [line.id for line in self.lines]

    @property
    def names(self) -> list[str]:
        return [line.name for line in self.lines]

    @property
    def groups(self) -> list[tuple[str, ...]]:
        return [line.group for line in self.lines]

    @property
    def roundings(self) -> list[int]:
        return [line.rounding for line in self.lines]


class LeanEngine:
    """Scores sheets on the lean path.  One per process: it keeps each rule set's generated code
    and its binding for each fiscal year, and the traced engine it hands sheets over to."""

    def __init__(self) -> None:
        self.traced = Engine()
        self._generated: dict[str, Generated] = {}
        self._bound: dict[tuple[str, str, int | None], LeanRules] = {}
        self.lean = 0
        self.fallbacks = 0

    def rules(self, rules: RuleSet, year: int | None) -> LeanRules:
        """``rules`` bound for fiscal ``year`` (generated once per rule set, bound once per year)."""
        key = (rules.path, rules.sha256, year)
        bound = self._bound.get(key)
        if bound is None:
            generated = self._generated.get(rules.sha256)
            if generated is None:
                generated = self._generated[rules.sha256] = generate(rules)
            bound = self._bound[key] = LeanRules(rules, generated, year)
        return bound

    def forget(self) -> None:
        """Forget what the row scorers have read and scored (their memos), keeping the generated
        code and its bindings: the next sheets are scored as a batch's first sheets are."""
        for bound in self._bound.values():
            bound.rows = None

    # -- from a case model ---------------------------------------------------------------------

    def summary(self, case: Case, sheet: Sheet, shown: str, rules: RuleSet, library, line: int = 0) -> SheetSummary:
        """The batch summary row of one sheet of a loaded case (``rules``: the rule set chosen
        for it; ``line``: of the table it was read from), on the lean path or, where it does not
        go, the traced one."""
        try:
            lean = self.sheet(case, sheet, rules, f"{shown}#{sheet.id}", library)
        except Fallback:
            return self.traced_summary(case, sheet, shown, library, line)
        self.lean += 1
        return lean_summary(lean, shown, case.case.id, case.case.unit, sheet.id, sheet.heading, rules, line,
                            region_text(case.case.region), case.case.year)

    def traced_summary(self, case: Case, sheet: Sheet, shown: str, library, line: int = 0) -> SheetSummary:
        """The summary row of one sheet scored on the traced path (what the lean path hands over)."""
        self.fallbacks += 1
        report = report_loaded(_alone(case, sheet), shown, library, self.traced)
        return summary_of(report.path, report.case_id, report.unit, report.sheets[0], line, region_text(case.case.region), case.case.year)

    def lines(self, case: Case, sheet: Sheet, shown: str, library) -> LeanSheet:
        """One sheet's lines, total and findings: on the lean path, or the traced path's in the
        same form where the lean one does not go."""
        rules = sheet_rules(library, case, sheet, f"{shown}#{sheet.id}")
        try:
            found = self.sheet(case, sheet, rules, f"{shown}#{sheet.id}", library)
        except Fallback:
            self.fallbacks += 1
            return from_traced(report_loaded(_alone(case, sheet), shown, library, self.traced).sheets[0])
        self.lean += 1
        return found

    def sheet(self, case: Case, sheet: Sheet, rules: RuleSet, where: str, library=None) -> LeanSheet:
        """Score one sheet of a loaded case; raises Fallback where the lean path does not go,
        ScoringError (FileError) for keys its rules do not know, as the traced path does.  With
        ``library`` (the one the rules were chosen from), rules chosen by region and year of a
        broader region than the sheet's own are said (`pipeline.fallback_findings`)."""
        info = case.case
        lr = self.rules(rules, info.year)
        if not lr.available:
            raise Fallback
        sheet = read_figures(sheet, rules, where)  # figures written with a unit or a mark, as the traced path reads them first
        sheet, folded = indicator_rows(sheet, rules, where)
        check_keys(sheet, rules, where)
        facts = SheetFacts(
            sheet.id, sheet.title, tuple(info.region), info.year, info.evaluated, sheet.sheet_type, sheet.rules,
            sheet.claimed_total.score if sheet.claimed_total else None,
            sheet.claimed_grade.grade if sheet.claimed_grade is not None else None, sheet.complete,
            () if sheet.rules or library is None else tuple(fallback_findings(library, tuple(info.region), info.year, sheet.sheet_type, rules, where)),
        )
        found = Findings()
        found.infos += len(case._read_notes)  # a published sheet's reading, said as infos as the traced path says it
        found.extend(folded)
        x, states = self._bind_figures(lr, sheet, where, found)
        claims = [_claimed(sheet, ind.id, ind.name) for ind in lr.indicators]
        counts = []
        deduction_claims = []
        for d in rules.deductions:
            fig = sheet.findings.get(d.id) or sheet.findings.get(d.name)
            counts.append(None if fig is None or fig.undisclosed or isinstance(fig.value, bool) else fig.value)
            claim = _claim(sheet, d.id, d.name)
            deduction_claims.append(None if claim is None else abs(claim.score))
        return self.evaluate(lr, facts, x, states, found, where, claims, counts, deduction_claims,
                             rates=sheet.stated_rates, sheet=sheet)

    def _bind_figures(self, lr: LeanRules, sheet: Sheet, where: str, found: Findings) -> tuple[dict, dict]:
        """The usable inputs of a sheet, and the state of the others (as `engine._Inputs`)."""
        x: dict = {}
        states: dict = {}
        given = sheet.inputs
        left_out = untranscribed(sheet, lr.rules)
        for spec in lr.inputs:
            name = spec.name
            fig = given.get(name)
            if fig is None:
                spec.absent(x, states, found, where, name in left_out)
            elif fig.undisclosed:
                if spec.decl.default is not None:  # as engine._Inputs: 未披露 is not reported, which the default is for
                    x[name] = spec.decl.default
                else:
                    states[name] = "undisclosed"
            else:
                problem = input_problem(spec.decl, fig.value, fig.percent_sign)
                if problem:
                    found.add(invalid_input(name, spec.decl, problem, where))
                    states[name] = "invalid"
                else:
                    x[name] = fig.value
        return x, states

    # -- the evaluation, however the sheet was read ----------------------------------------------

    def evaluate(self, lr: LeanRules, facts: SheetFacts, x: dict, states: dict, found: Findings, where: str,
                 claims: list, counts: list, deduction_claims: list, rates=(), sheet: Sheet | None = None) -> LeanSheet:
        """Score a sheet whose inputs are bound (``x`` usable, ``states`` of the others, the
        input findings already in ``found``): the claims of the rule set's indicators in their
        order, the finding counts of its deduction items.  ``sheet`` (a case model) only for
        printed weights, rows, parent rows and subtotals."""
        rules = lr.rules
        pinned = facts.chosen
        if facts.named_rules:
            # nothing to say of named rules for most sheets; what decides it is the same for many
            pins = (facts.region, facts.year, facts.evaluated, facts.sheet_type)
            if pins not in lr.pinned_quietly:
                pinned = pinned_rules_findings(facts.region, facts.year, facts.evaluated, facts.sheet_type, rules, where, False)
                if not pinned:
                    if len(lr.pinned_quietly) >= _PINS_KEPT:
                        lr.pinned_quietly.clear()
                    lr.pinned_quietly.add(pins)
        if rules.modified_since_release or rules.unreleased_revision:
            pinned = [*pinned, *release_findings(rules, where)]
        # the traced path reports the pinned rules first, then what scoring finds
        head = found
        found = Findings()
        found.extend(pinned)
        found.kept += head.kept
        found.infos += head.infos
        doubts = None
        try:
            failed = lr.checks(x)
            if failed:
                doubts = lr.doubts(failed)
                doubted = [rules.checks[k].expr.names for k in failed if lr.doubting[k]] if doubts else ()
                for k in failed:
                    check = rules.checks[k]
                    # as `Engine._checks`: a failed check reading only figures a check doubting
                    # them has left unscored says nothing true of them
                    if lr.doubting[k] or not any(check.expr.names <= names for names in doubted):
                        found.add(finding("inconsistent_inputs", check.said(rules.inputs, x), check.place(where, rules.inputs, x),
                                          severity=check.severity))
        except Exception as exc:
            raise Fallback from exc
        if rates:
            found.extend(stated_rate_findings(rates, where))
        weights = lr.weights
        if sheet is not None and sheet.weights:
            printed: list[Finding] = []
            by_id = indicator_weights(sheet, rules, where, printed)
            found.extend(printed)
            weights = tuple(by_id[ind.id] for ind in lr.indicators)
        try:
            out, capped = lr.score(x, weights, doubts)
        except Exception as exc:
            raise Fallback from exc
        if sheet is not None and sheet._printed and any(
                v.__class__ is not Decimal for v, ind in zip(out, lr.indicators) if ind.id in sheet._printed):
            raise Fallback  # the traced path scores it from the value its folded row prints (`Engine._from_printed`)
        found.infos += capped
        rows: list[IndicatorResult] = []
        plan = _NO_ROWS
        if sheet is not None and sheet.rows:
            rows, plan = self._rows(lr, sheet, facts.year, where, found, rules.info.total - sum(weights, Decimal(0)))
        if facts.complete and rules.rows is not None and not plan.scored:
            facts.complete = False  # as the traced path: rows that are not there are not scored 0
            found.add(rows_missing(rules, weights, where))
        weights_consistent, rounding = True, (Decimal(0), Decimal(0))
        if sheet is not None and sheet.rows:  # as the traced path: even when no row is scored (placeholders only)
            lines = [_WeightLine(ind.id, w, ind.group) for ind, w in zip(lr.indicators, weights)] + rows
            problems, rounding = weight_findings(sheet, rules, lines, plan, where, facts.complete)
            found.extend(problems)
            weights_consistent = not problems
        if facts.year is None:
            found.add(year_unknown(rules, where))
        found.infos += lr.source_infos
        return self._compare(lr, facts, out, weights, states, claims, rows, plan, sheet, counts, deduction_claims,
                             weights_consistent, rounding, where, found)

    def _rows(self, lr: LeanRules, sheet: Sheet, year: int | None, where: str, found: Findings, room: Decimal):
        rules = lr.rules
        noted: list[Finding] = []
        plan = plan_rows(sheet, rules.reading, year, where, noted, room)
        if lr.rows is None:
            lr.rows = _LeanRowScorer(rules.rows, rules.reading, _GeneratedMethods(lr.methods), year, NULL)
        scorer = lr.rows
        results = [scorer.score(row, i, where, noted, plan.weights.get(i)) for i, row in enumerate(sheet.rows) if i in plan.scored]
        found.extend(noted)
        return results, plan

    def _compare(self, lr: LeanRules, facts: SheetFacts, out: list, weights: tuple, states: dict, claims: list,
                 rows: list[IndicatorResult], plan: RowPlan, sheet: Sheet | None, counts: list, deduction_claims: list,
                 weights_consistent: bool, rounding: tuple[Decimal, Decimal], where: str, found: Findings) -> LeanSheet:
        """Every claim against the rules' value, the total and the grades, as `review.compare.diff_sheet`
        does, with a straight path for the lines the rules give a point score."""
        tolerance = lr.tolerance
        sums = LineSums(max(lr.digits, 2) if rows else lr.digits)
        if rows:
            sums.converted = converted_shift(sheet)
        statuses: list[str] = []
        values: list = []
        kept = found.kept
        infos = 0
        indicators = lr.indicators
        # LineSums.add_point inline, on locals written back before any other line is added: the
        # same additions in the same order.  Until a line other than a point is met (on most
        # sheets, never), the checked weight is the known one and low and high are the computed
        # sum, made of the same additions: only these two sums are kept, and the others taken
        # from them when they part.
        known = checked = computed = low = high = claimed_sum = unclaimed_weight = allow_up = allow_down = ZERO
        any_claimed = parted = False
        for i, result in enumerate(out):
            claimed = claims[i]
            weight = weights[i]
            if result.__class__ is Decimal:  # a point score: compare() on a point, inline
                values.append(result)
                known += weight
                computed += result
                if parted:
                    checked += weight
                    low += result
                    high += result
                if claimed is None:
                    status = "unclaimed"
                    infos += 1
                    unclaimed_weight += weight
                else:
                    claimed_sum += claimed
                    any_claimed = True
                    delta = claimed - result
                    if claimed < ZERO or claimed > weight:
                        status = "invalid"
                        kept.append(line_finding(indicators[i].name, weight, False, status, claimed, result, delta, result, result, "",
                                                 where + lr.places[i]))
                    elif delta > tolerance:
                        status = "over"
                        kept.append(line_finding(indicators[i].name, weight, False, status, claimed, result, delta, result, result,
                                                 "", where + lr.places[i]))
                    elif -delta > tolerance:
                        status = "under"
                        infos += 1
                    else:
                        status = "match"
                        if delta:
                            if delta > 0:
                                allow_up += delta
                            else:
                                allow_down -= delta
            else:
                if not parted:
                    checked, low, high, parted = known, computed, computed, True
                _write_back(sums, known, checked, computed, low, high, claimed_sum, unclaimed_weight, allow_up, allow_down, any_claimed)
                ind = indicators[i]
                low, high, part_checked, reasons = self._partial(lr, i, weight, result, states)
                if part_checked is not None:
                    cmp = compare(claimed, low, high, weight, ind.rounding, tolerance)
                    if cmp.status in ("match", "unclaimed"):
                        cmp = Comparison(cmp.claimed, None, cmp.low, cmp.high, "unverifiable" if claimed is not None else "unclaimed", None, tolerance)
                else:
                    cmp = compare(claimed, None, None, weight, ind.rounding, tolerance)
                status = cmp.status
                values.append((cmp.low, cmp.high, False) if cmp.low is not None else None)
                if STATUS_SEVERITY[status] == "info":
                    infos += 1
                elif STATUS_SEVERITY[status] is not None:
                    kept.append(line_finding(ind.name, weight, True, status, cmp.claimed, cmp.computed, cmp.delta, cmp.low, cmp.high,
                                             reasons, where + lr.places[i]))
                sums.add(weight, part_checked or ZERO, False, False, None, cmp.low, cmp.high, cmp.claimed, status, cmp.delta)
                known, checked, computed, low, high = sums.known_weight, sums.checked, sums.computed, sums.low, sums.high
                claimed_sum = sums.claimed
                unclaimed_weight, allow_up, allow_down, any_claimed = sums.unclaimed_weight, sums.allow_up, sums.allow_down, sums.any_claimed
            statuses.append(status)
        if not parted:
            checked, low, high = known, computed, computed
        _write_back(sums, known, checked, computed, low, high, claimed_sum, unclaimed_weight, allow_up, allow_down, any_claimed)
        row_claims = {}
        lines: list[tuple] | tuple = ()  # no list made on the department rows of a batch, which have no rows
        groups: list | tuple = ()
        if rows:
            row_claims = {row.id or f"row{i + 1}": row.claimed for i, row in enumerate(sheet.rows) if row.claimed is not None}
            if sheet.subtotals:
                lines = [(ind.id, ind.name, ind.group, w, c, None) for ind, w, c in zip(indicators, weights, claims)]
                lines += [(r.id, r.name, r.group, r.weight, row_claims.get(r.id), r.share) for r in rows]
                groups = header_groups(sheet, facts.complete, lines, tolerance, lr.rules.misprinted_groups)
            grouped = frozenset().union(*(g.members for g in groups))
            for ind in rows:
                if ind.short_of_weight and ind.weight:
                    sums.held = True  # as review.compare._total: a line held below its weight
                claimed = row_claims.get(ind.id)
                computed = ind.computed
                if computed is not None and claimed is not None and ZERO <= claimed <= ind.weight:
                    # a scored row's claim: compare_line on a point, inline (a scored row has a
                    # weight, and its computed score is its raw one rounded to 2 decimals, as
                    # compare rounds it)
                    delta = claimed - computed
                    if delta > tolerance:
                        status = "over"
                        kept.append(line_finding(ind.name, ind.weight, False, status, claimed, computed, delta, computed, computed,
                                                 "", f"{where}.{ind.id}"))
                    elif -delta > tolerance:
                        status = "under"
                        infos += 1
                    else:
                        status = "match"
                    sums.add_point(ind.weight, computed, claimed, status, delta)
                    statuses.append(status)
                    values.append(computed)
                    continue
                cmp = compare_line(ind, claimed, tolerance)
                for f in _indicator_findings(ind, cmp, f"{where}.{ind.id}"):
                    if f.severity == "info":
                        infos += 1
                    else:
                        kept.append(f)
                if ind.id not in grouped:
                    sums.add(ind.weight, ind.checked_weight, ind.verifiable, ind.interval, ind.computed, cmp.low, cmp.high, cmp.claimed,
                             cmp.status, cmp.delta)
                statuses.append(cmp.status)
                values.append(ind.computed if ind.verifiable else (cmp.low, cmp.high, ind.interval) if cmp.low is not None else None)
            add_groups(sums, sheet, groups)
        found.infos += infos
        if sheet is not None and (plan.parents or sheet.subtotals or any(r.converted is not None for r in sheet.rows)):
            # after every line's findings and before the total's, as review.compare.diff_sheet reports them
            structure: list[Finding] = []
            parent_findings(plan.parents, sheet, where, structure, tolerance)
            converted_findings(sheet, lr.rules.info.total, where, structure, tolerance)
            if sheet.subtotals:
                lines = lines or [(ind.id, ind.name, ind.group, w, c, None) for ind, w, c in zip(indicators, weights, claims)]
                subtotal_findings(sheet, facts.complete, lines, where, structure, tolerance, lr.rules.misprinted_groups, groups, values)
                sums.by_subtotals = unclaimed_groups_claimed(sheet, lines, groups)
                up, down = subtotals_allowance(sheet, lines, groups, values, tolerance)
                sums.allow_up += up  # as review.compare._total adds them, after every line
                sums.allow_down += down
            found.extend(structure)
        rules = lr.rules
        deductions = [deduction_points(d, n) for d, n in zip(rules.deductions, counts)]
        settled: list[Finding] = []
        total = settle_total(
            sums, rules.info.total, rules.info.score_floor, tolerance, facts.complete, weights_consistent,
            [(d.name, amount, claimed) for d, amount, claimed in zip(rules.deductions, deductions, deduction_claims)],
            facts.claimed_total, rules.grades, facts.claimed_grade, where, settled, rounding,
        )
        found.extend(settled)
        statuses.append(total.comparison.status)
        return LeanSheet(
            lines=[*indicators, *rows], weights=[*weights, *(r.weight for r in rows)], values=values, statuses=statuses, deductions=deductions, total=total.comparison,
            unverified_weight=total.unverified_weight, grades=total.grades, claimed_grade=total.claimed_grade, findings=found,
        )

    def _partial(self, lr: LeanRules, i: int, weight: Decimal, result: tuple, states: dict):
        """An indicator some part of which was not scored, as `Engine._indicator` sums it: its
        range capped to the indicator's bounds, the weight its scored parts check (None when no part
        was scored: nothing bounds it; `IndicatorResult.checked_weight`), and why the other parts
        were not scored."""
        scores, why = result
        ind = lr.indicators[i]
        adjusted = weight != ind.weight  # a printed weight: the one part and the cap follow it
        cap_max = weight if adjusted else ind.cap_max
        known = [s for s in scores if s is not None]
        open_weight = sum(((weight if adjusted else p.weight) for p, s in zip(ind.parts, scores) if s is None), ZERO)
        low = sum(known, ZERO)
        high = low + open_weight
        reasons = []
        for s, w in zip(scores, why):
            if s is not None:
                continue
            if isinstance(w, int):
                reasons.append(lr.reasons[w])
            else:
                reasons.append(unavailable_reason(states.get(w, "missing"), lr.rules.inputs[w].label))
        checked = max(weight - open_weight, ZERO) if known else None
        return cap(low, ind.cap_min, cap_max), cap(high, ind.cap_min, cap_max), checked, "；".join(dict.fromkeys(reasons))


def _write_back(sums: LineSums, known, checked, computed, low, high, claimed, unclaimed_weight, allow_up, allow_down,
                any_claimed) -> None:
    """The point lines' sums, kept in locals, into ``sums``."""
    sums.known_weight, sums.checked, sums.claimed, sums.unclaimed_weight = known, checked, claimed, unclaimed_weight
    sums.allow_up, sums.allow_down, sums.any_claimed = allow_up, allow_down, any_claimed
    sums.computed, sums.low, sums.high = computed, low, high


def _alone(case: Case, sheet: Sheet) -> Case:
    """The case with only this sheet (scored one at a time, so one sheet's failure costs no other)."""
    return case if len(case.sheets) == 1 else plain_replace(case, sheets=[sheet])


def from_traced(sd) -> LeanSheet:
    """A sheet the traced path scored (`SheetDiff`), in the lean path's form: what the two are
    compared on."""
    found = Findings()
    found.extend(sd.findings)
    values = []
    for r in sd.indicators:
        ind, c = r.result, r.comparison
        values.append(ind.computed if ind.verifiable else (c.low, c.high, ind.interval) if c.low is not None else None)
    total = sd.total
    return LeanSheet(
        lines=[r.result for r in sd.indicators], weights=[r.result.weight for r in sd.indicators], values=values,
        statuses=[r.comparison.status for r in sd.indicators] + [total.comparison.status],
        deductions=[d.deduction for d in sd.sheet.deductions], total=total.comparison, unverified_weight=total.unverified_weight,
        grades=total.grades, claimed_grade=total.claimed_grade, findings=found,
    )


@dataclass(frozen=True, slots=True)
class _WeightLine:
    """A rule indicator as `engine.weight_findings` reads it."""

    id: str
    weight: Decimal
    group: tuple[str, ...]


def _claimed(sheet: Sheet, *keys: str) -> Decimal | None:
    claim = _claim(sheet, *keys)
    return claim.score if claim is not None else None


def lean_summary(lean: LeanSheet, path: str, case_id: str, unit: str, sheet_id: str, title: str, rules: RuleSet,
                 line: int = 0, region: str = "", year: int | None = None) -> SheetSummary:
    """The batch summary row of a sheet scored on the lean path (``line``: of the table it was read
    from; ``region`` (`batch.summary.region_text`) and ``year``: the sheet's)."""
    found = lean.findings
    errors = sum(1 for f in found.kept if f.severity == "error")
    warnings = len(found.kept) - errors
    total = lean.total
    return SheetSummary(
        path=path, case_id=case_id, unit=unit, sheet_id=sheet_id, title=title, rules=rules.ref, sha256=rules.sha256,
        claimed=total.claimed, computed=total.computed, delta=total.delta if total.claimed is not None else None,
        total_status=total.status, worst_status=worst_status(lean.statuses),
        worst_severity="error" if errors else "warning" if warnings else "info" if found.infos else None,
        errors=errors, warnings=warnings, infos=found.infos, unverified_weight=lean.unverified_weight,
        findings=tuple((f.severity, f.code, f.message, f.where) for f in sorted(found.kept, key=by_severity)) if found.kept else (),
        grade=span_text(lean.grades), claimed_grade=lean.claimed_grade or "", region=region, year=year, grades=lean.grades,
        differing=not DIFFERING.isdisjoint(lean.statuses[:-1]), line=line,
    )
