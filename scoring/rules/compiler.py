"""Compiling a formula file: its TOML data → validated `RuleFile` → compiled, cross-checked `RuleSet`.

Every problem is reported with the file and the key it concerns (and the line the key stands
on); all problems of a file are collected before failing, so a rule author fixes them in one
pass.  Finding the files, inheritance between them and choosing a rule set for a sheet are
`rules.library`'s.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from pydantic import ValidationError

from ..engine.readings import Reading, UnitMeaning, fold
from ..errors import FileError, FileProblem, ScoringError
from ..files.limits import read_limited
from ..files.reading import decode_text, display_path
from ..numbers import fmt, normalize_phrase
from ..problems import KEY_SEGMENT, locate_line, paired_typos, pydantic_problems, with_line
from .declared import plain_declaration
from .expressions import RESERVED_NAMES, EvaluationError, Evaluator, Expression, ExpressionError, compile_expression
from .inherit import resolve
from .model import CompiledBand, CompiledCheck, CompiledDurations, CompiledMethod, CompiledNotApplicable, CompiledPart, CompiledRows, CompiledValue, Deduction, Indicator, RuleSet, required_inputs
from .ranges import reach_problems
from .schema import Band, IndicatorDecl, PartDecl, RuleFile

# The longest chain of intermediate values one may reference through the others.
MAX_VALUE_CHAIN = 50

# The names a row method's expressions may read.
ROW_NAMES = frozenset({"target", "actual", "weight", "met"})


# Any figure in a rule file is far below 10^15; anything above is a typo or an attack.
MAX_RULE_DIGITS = 15


def unusable_numbers(data: object, key: str = "") -> list[tuple[str, str]]:
    """The numbers in raw file data that are no figure a rule may hold: (key, what is wrong) for
    each whose magnitude is not below 10^15, or that is no number at all (nan, inf)."""
    # a revision's file is its whole chain resolved, some 10^5 values: looked over first without naming each one's place
    stack = [data]
    while stack:
        value = stack.pop()
        kind = type(value)
        if kind is str:
            continue
        if kind is dict:
            stack.extend(value.values())
        elif kind is list:
            stack.extend(value)
        elif _number_problem(value) is not None or isinstance(value, (dict, list)):
            return _unusable_at(data, key)
    return []


def _unusable_at(data: object, key: str) -> list[tuple[str, str]]:
    if isinstance(data, dict):
        return [k for name, value in data.items() for k in _unusable_at(value, f"{key}.{name}" if key else str(name))]
    if isinstance(data, list):
        return [k for i, value in enumerate(data) for k in _unusable_at(value, f"{key}[{i}]")]
    problem = _number_problem(data)
    return [] if problem is None else [(key, problem)]


def _number_problem(data: object) -> str | None:
    if isinstance(data, (int, Decimal)) and not isinstance(data, bool):
        value = Decimal(data)
        if not value.is_finite():  # not a large number, none at all (review CF B4)
            return "应为有限的数字（nan、inf 不是数字）"
        # compare exponents, not values: abs() of 1e999999999 would itself overflow
        if not value.is_zero() and value.adjusted() >= MAX_RULE_DIGITS:
            return "数字过大（绝对值应小于 10 的 15 次方）"
    return None


def compile_rule_file(path: Path, raw: dict, by_ref: dict[str, tuple[str, dict]]) -> RuleSet:
    shown = display_path(path)
    if "remove" in raw and "extends" not in raw:
        raise FileError(shown, [FileProblem(shown, "remove", "只有继承其他规则集（extends）的文件才能删除条目")])
    data, problems, chain = resolve(shown, raw, by_ref)
    if problems:
        text = _source_text(path)
        raise FileError(shown, [with_line(p, text) for p in problems[:_PROBLEMS_SHOWN]])  # each of this file's own keys
    data = {k: v for k, v in data.items() if k not in ("extends", "remove")}
    text = _source_text(path)

    def placed(problems: list[FileProblem]) -> list[FileProblem]:
        # each problem is found a line by walking the file: a file of thousands of problems would
        # take minutes, and nobody reads past the first screenful (review CF A3)
        out = [_placed(p, raw, text, chain, by_ref) for p in problems[:_PROBLEMS_SHOWN]]
        if len(problems) > _PROBLEMS_SHOWN:
            out.append(FileProblem(shown, "…", f"另有 {len(problems) - _PROBLEMS_SHOWN} 处问题未列出（请先改正以上各处）"))
        return out

    unusable = unusable_numbers({k: v for k, v in data.items() if k != "tests"})
    if unusable:
        raise FileError(shown, placed([FileProblem(shown, k, said) for k, said in unusable]))
    weights = weight_problems(shown, data)
    try:
        model = RuleFile.model_validate(data)
    except ValidationError as exc:
        # a weight already refused above is not refused a second time in pydantic's words
        refused = {p.key for p in weights}
        found = weights + paired_typos([p for p in pydantic_problems(shown, exc) if p.key not in refused])
        raise FileError(shown, placed(found)) from None
    if weights:
        raise FileError(shown, placed(weights))
    try:
        return _Compiler(shown, model, chain=tuple(chain)).compile()
    except FileError as exc:
        raise FileError(shown, placed(exc.problems)) from None


# The problems of one rule file named with their lines; the rest are counted.
_PROBLEMS_SHOWN = 20


def _placed(problem: FileProblem, raw: dict, text: str, chain: list[str], by_ref: dict[str, tuple[str, dict]]) -> FileProblem:
    """``problem`` with the line its key stands on: in this file where the file writes the key, else
    in the file of the rule set it inherits the key from, named ("rows.weight（继承自
    national/project-2020.2.toml 第 108 行）"): a child's own lines say nothing of a parent's mistake."""
    if not chain or _written(raw, problem.key) is not False:
        return with_line(problem, text)
    for ref in chain:
        parent_path, parent_raw = by_ref[ref]
        if _written(parent_raw, problem.key) is not False:
            line = locate_line(_source_text(Path(parent_path)), problem.key)
            where = f"{parent_path} 第 {line} 行" if line is not None else parent_path
            return FileProblem(problem.path, f"{problem.key}（继承自 {where}）", problem.message)
    return with_line(problem, text)


def _written(raw: dict, key: str) -> bool | None:
    """Whether the raw table of a file writes ``key`` (a problem's key path, "rows.weight",
    "indicators[0](x).score"): False when it certainly does not, None when it cannot be told (a
    position in a list merged from several files)."""
    node: object = raw
    for seg in (s for s in key.split("（")[0].split(".") if s):
        m = KEY_SEGMENT.fullmatch(seg)
        if m is None or not isinstance(node, dict):
            return None
        name, index, ident = m.groups()
        if name not in node:
            return False
        node = node[name]
        if ident is not None:
            items = [item for item in node if isinstance(item, dict) and item.get("id") == ident] if isinstance(node, list) else []
            if not items:
                return False
            node = items[0]
        elif index is not None:
            return None
    return True


def weight_problems(shown: str, data: dict) -> list[FileProblem]:
    """Weights that cannot be: an indicator, part or the [rows] block weighing zero or less, and
    row weights above the sheet's total.  A zero weight would make an indicator that can never
    lose a point (and a ratio of it meaningless); a negative one would add points for failing."""
    def number(value) -> Decimal | None:
        if isinstance(value, bool) or not isinstance(value, (int, Decimal, str)):
            return None  # not a number at all: pydantic says so
        try:
            found = Decimal(value)
        except ArithmeticError:
            return None
        return found if found.is_finite() else None

    problems = []

    def positive(key: str, value) -> None:
        weight = number(value)
        if weight is not None and weight <= 0:
            problems.append(FileProblem(shown, key, f"分值应大于 0，得到 {fmt(weight)}"))

    for i, indicator in enumerate(data.get("indicators") or []):
        if not isinstance(indicator, dict):
            continue
        positive(f"indicators[{i}].weight", indicator.get("weight"))
        for j, part in enumerate(indicator.get("parts") or []):
            if isinstance(part, dict):
                positive(f"indicators[{i}].parts[{j}].weight", part.get("weight"))
    rows = data.get("rows")
    if isinstance(rows, dict) and "weight" in rows:
        positive("rows.weight", rows.get("weight"))
        header = data.get("rule_set")
        total = number(header.get("total")) if isinstance(header, dict) else None
        weight = number(rows.get("weight"))
        if total is not None and weight is not None and weight > total:
            problems.append(FileProblem(shown, "rows.weight", f"逐行指标分值 {fmt(weight)} 超过表的总分 rule_set.total = {fmt(total)}"))
    return problems


def _source_text(path: Path) -> str:
    try:
        return decode_text(read_limited(path), path)
    except (OSError, ScoringError):
        return ""


@dataclass
class _Compiler:
    path: str
    model: RuleFile
    chain: tuple[str, ...] = ()
    problems: list[FileProblem] = field(default_factory=list)
    evaluator: Evaluator = field(default_factory=Evaluator)
    defects: list[FileProblem] = field(default_factory=list)  # of the source document, not of the file

    def problem(self, key: str, message: str) -> None:
        self.problems.append(FileProblem(self.path, key, message))

    def compile(self) -> RuleSet:
        m = self.model
        for name in [*m.inputs, *m.parameters]:
            if name in RESERVED_NAMES:
                self.problem(f"inputs.{name}", f"名称 {name} 与内置函数或保留字重名")
        for name in set(m.inputs) & set(m.parameters):
            self.problem(f"parameters.{name}", f"名称 {name} 同时声明为输入和参数")
        for name, decl in m.inputs.items():
            if decl.default_reason and decl.default is None:
                self.problem(f"inputs.{name}.default_reason", "给出了默认值理由却没有 default")
            if decl.default is not None and not decl.default_reason:
                self.problem(f"inputs.{name}.default", "默认值必须写明理由（default_reason）")

        seen: set[str] = set()
        indicators = []
        for i, decl in enumerate(m.indicators):
            key = f"indicators[{i}]({decl.id})"
            if decl.id in seen:
                self.problem(key, f"指标 id {decl.id} 重复")
            seen.add(decl.id)
            compiled = self._indicator(key, decl)
            if compiled is not None:
                indicators.append(compiled)
        deductions = []
        for i, d in enumerate(m.deductions):
            if d.id in seen:
                self.problem(f"deductions[{i}]({d.id})", f"id {d.id} 与其他指标或扣分项重复")
            seen.add(d.id)
            deductions.append(Deduction(
                id=d.id, name=d.name, group=tuple(d.group), per_finding=d.per_finding,
                max_deduction=d.max_deduction, rule_text=d.rule_text, description=d.description,
            ))

        checks = []
        input_names = set(m.inputs) | set(m.parameters)
        for i, c in enumerate(m.checks):
            try:
                checks.append(CompiledCheck(expr=compile_expression(c.expr, input_names.__contains__), message=c.message, severity=c.severity,
                                            unverifiable=tuple(c.unverifiable)))
            except ExpressionError as exc:
                self.problem(f"checks[{i}].expr", str(exc))
            known = {ind.id for ind in m.indicators}
            for name in c.unverifiable:
                if name not in known:
                    self.problem(f"checks[{i}].unverifiable", f"没有 id 为 {name} 的指标")

        rows = self._rows() if m.rows is not None else None
        total = sum((d.weight for d in m.indicators), Decimal(0))
        if m.rows is None and not m.indicators:
            self.problem("indicators", "规则文件既没有指标（indicators）也没有逐行计分规则（rows）")
        elif m.rows is not None and m.rows.weight is not None:
            if total + m.rows.weight != m.rule_set.total:
                self.problem("rows.weight", f"各指标分值合计 {fmt(total)} 加逐行指标分值 {fmt(m.rows.weight)}，与声明的总分 rule_set.total = {fmt(m.rule_set.total)} 不符")
        elif m.rows is not None:
            if total > m.rule_set.total:
                self.problem("indicators", f"各指标分值合计 {fmt(total)}，超过声明的总分 rule_set.total = {fmt(m.rule_set.total)}")
        elif total != m.rule_set.total:
            self.problem("indicators", f"各指标分值合计 {fmt(total)}，与声明的总分 rule_set.total = {fmt(m.rule_set.total)} 不符")
        self._check_groups()
        if self.problems:
            raise FileError(self.path, self.problems)
        self._check_reach(indicators)
        if self.problems:
            raise FileError(self.path, self.problems)
        reading = self._reading()
        self._check_grades()
        if self.problems:
            raise FileError(self.path, self.problems)
        resolved = resolved_data(m)
        return RuleSet(
            # the declarations as plain objects (`rules.declared`): a cached rule set needs no pydantic
            info=plain_declaration(m.rule_set), path=self.path, sha256=content_hash(resolved),
            groups=plain_declaration(tuple(m.groups)), inputs=plain_declaration(m.inputs),
            parameters=plain_declaration(m.parameters), indicators=tuple(indicators),
            deductions=tuple(deductions), checks=tuple(checks), rows=rows, reading=reading,
            required_inputs=required_inputs(indicators, m.inputs), grades=plain_declaration(tuple(m.grades)),
            tests=plain_declaration(tuple(m.tests)),
            extends=self.chain, resolved=resolved, source_defects=tuple(self.defects),
        )

    def _check_grades(self) -> None:
        """Grades must cover every total exactly once: from −∞ up, each band starting where the
        one below it ends."""
        grades = sorted(self.model.grades, key=lambda g: (g.lower is not None, g.lower or Decimal(0)))
        if not grades:
            return
        labels = [g.label for g in grades]
        for dup in sorted({x for x in labels if labels.count(x) > 1}):
            self.problem("grades", f"等级“{dup}”重复")
        if grades[0].lower is not None:
            self.problem("grades", f"等级没有覆盖 {fmt(grades[0].lower)} 分以下的总分")
        if grades[-1].upper is not None:
            self.problem("grades", f"等级没有覆盖 {fmt(grades[-1].upper)} 分以上的总分")
        for below, above in zip(grades, grades[1:]):
            if below.upper != above.lower:
                self.problem("grades", f"等级“{below.label}”的上限与“{above.label}”的下限应相同（{fmt(below.upper) or '无'}／{fmt(above.lower) or '无'}）")
        for g in grades:
            if g.lower is not None and g.upper is not None and g.lower >= g.upper:
                self.problem("grades", f"等级“{g.label}”的下限不低于上限")

    # -- reading vocabulary ------------------------------------------------------------

    def _reading(self) -> Reading:
        r = self.model.reading
        units: dict[str, UnitMeaning] = {}
        for written, decl in r.units.items():
            key = fold(written)
            if decl.same_as is not None:
                units[key] = UnitMeaning(canonical=fold(decl.same_as))
            else:
                units[key] = UnitMeaning(canonical=key, into=fold(decl.into), factor=decl.factor)
        for written, meaning in units.items():
            if meaning.into is not None:
                base, seen = meaning.into, {written}
                while base in units and units[base].into is not None:
                    if base in seen:
                        self.problem(f"reading.units.{written}", f"单位换算成环：{written} → … → {base}")
                        break
                    seen.add(base)
                    base = units[base].into
        for word in r.unhandled_lower_names:
            if not any(word.endswith(lower) for lower in r.lower_quantity_names):
                self.problem("reading.unhandled_lower_names", f"“{word}”不以 reading.lower_quantity_names 中的词结尾，不起作用")
        for word in r.lower_name_reversed_by:
            if word not in r.lower_quantity_names:
                self.problem(f"reading.lower_name_reversed_by.{word}", f"“{word}”不在 reading.lower_quantity_names 中，不起作用")
        for word in r.handling_objects:
            if word not in r.harm_handling:
                self.problem(f"reading.handling_objects.{word}", f"“{word}”不在 reading.harm_handling 中，不起作用")
        for word in r.struck_handling_objects:
            if word not in r.harm_handling:
                self.problem(f"reading.struck_handling_objects.{word}", f"“{word}”不在 reading.harm_handling 中，不起作用")
        for word in r.doubtful_handling:
            if word not in r.harm_handling:
                self.problem("reading.doubtful_handling", f"“{word}”不在 reading.harm_handling 中，不起作用")
        for word in r.object_harms:
            if word not in r.harm_words:
                self.problem("reading.object_harms", f"“{word}”不在 reading.harm_words 中，不起作用")
        for word in r.ending_failures:
            if word not in r.harm_words:
                self.problem(f"reading.ending_failures.{word}", f"“{word}”不在 reading.harm_words 中，不起作用")
        for word in r.joined_work_heads:
            if word not in r.misdone_heads:
                self.problem("reading.joined_work_heads", f"“{word}”不在 reading.misdone_heads 中，不起作用")
        for word, month in r.date_spans.items():
            if word not in r.date_phrases:
                self.problem(f"reading.date_spans.{word}", f"“{word}”不在 reading.date_phrases 中，不起作用")
            elif not 1 <= month <= 12:
                self.problem(f"reading.date_spans.{word}", f"起始月份 {month} 应为 1～12")
        by_length = lambda pairs: tuple(sorted(((fold(k), v) for k, v in pairs), key=lambda kv: -len(kv[0])))  # noqa: E731
        return Reading(
            prefixes=by_length(r.comparators.items()),
            suffixes=by_length(r.comparator_suffixes.items()),
            loose=tuple(fold(w) for w in r.loose),
            vague=tuple(fold(w) for w in r.vague),
            not_given=frozenset("".join(fold(w).split()) for w in r.not_given),
            units=units,
            known_units=frozenset(fold(u) for u in r.known_units),
            none_words=_longest_first(fold(w) for w in r.none_words),
            undone_words=frozenset("".join(fold(w).split()) for w in r.undone_words),
            none_exceptions=tuple(fold(w) for w in r.none_exceptions),
            rate_units=frozenset(fold(u) for u in r.rate_units),
            date_before=tuple(fold(w) for w in r.date_before),
            date_neutral=tuple(fold(w) for w in r.date_neutral),
            date_steps=tuple(fold(w) for w in r.date_steps),
            date_phrases={fold(w): fold(month) for w, month in r.date_phrases.items()},
            date_spans={fold(w): month for w, month in r.date_spans.items()},
            fraction_of_percent=r.fraction_of_percent,
            fraction_below=r.fraction_below,
            percent_names=tuple(fold(w) for w in r.percent_names),
            not_percent_names=tuple(fold(w) for w in r.not_percent_names),
            bare_unit_doubt=(r.bare_unit_doubt.far, r.bare_unit_doubt.near) if r.bare_unit_doubt else None,
            unfinished_remarks=tuple(fold(w) for w in r.unfinished_remarks),
            unfinished_exceptions=tuple(fold(w) for w in r.unfinished_exceptions),
            unfinished_short=tuple(fold(w) for w in r.unfinished_short),
            event_units=frozenset(fold(w) for w in r.event_units),
            not_done_causes=tuple(fold(w) for w in r.not_done_causes),
            not_done_parts=tuple(fold(w) for w in r.not_done_parts),
            not_done_counts=_longest_first(fold(w) for w in r.not_done_counts),
            short_words=tuple(fold(w) for w in r.short_words),
            short_exceptions=tuple(fold(w) for w in r.short_exceptions),
            multipliers=by_length(r.multipliers.items()),
            fillers=_longest_first(fold(w) for w in r.fillers),
            reached=_longest_first(fold(w) for w in r.reached),
            figure_words={normalize_phrase(w): figure for w, figure in r.figure_words.items()},
            completion_words=frozenset(normalize_phrase(w) for w in r.completion_words),
            completion_rates=tuple(fold(w) for w in r.completion_rates),
            completion_lacks=tuple(fold(w) for w in r.completion_lacks),
            remark_units=_longest_first(fold(w) for w in r.remark_units),
            remarks=_longest_first(fold(w) for w in r.remarks),
            quantity_names=tuple(fold(w) for w in r.quantity_names),
            not_quantity_names=tuple(fold(w) for w in r.not_quantity_names),
            lower_quantity_names=tuple(fold(w) for w in r.lower_quantity_names),
            opposite_quantity_words=tuple((fold(a), fold(b)) for a, b in r.opposite_quantity_words),
            rise_words=_longest_first(fold(w) for w in r.rise_words),
            fall_words=_longest_first(fold(w) for w in r.fall_words),
            change_bases=_longest_first(fold(w) for w in r.change_bases),
            change_sizes=_longest_first(fold(w) for w in r.change_sizes),
            change_levels=tuple(fold(w) for w in r.change_levels),
            lower_name_reversers=tuple(fold(w) for w in r.lower_name_reversers),
            unhandled_lower_names=tuple(fold(w) for w in r.unhandled_lower_names),
            lower_name_reversed_by={fold(k): tuple(fold(w) for w in v) for k, v in r.lower_name_reversed_by.items()},
            negated_events=tuple(fold(w) for w in r.negated_events),
            lower_name_tails=_longest_first(fold(w) for w in r.lower_name_tails),
            lower_name_breaks=tuple(fold(w) for w in r.lower_name_breaks),
            lower_name_break_words=tuple(fold(w) for w in r.lower_name_break_words),
            named_fillers=by_length((w, fold(n)) for w, n in r.named_fillers.items()),
            per_words=by_length((w, fold(u)) for w, u in r.per_words.items()),
            quantity_suffixes=tuple(fold(w) for w in r.quantity_suffixes),
            days_of_month=tuple(fold(w) for w in r.days_of_month),
            date_units=frozenset(fold(w) for w in r.date_units),
            finishing_remarks=_longest_first(fold(w) for w in r.finishing_remarks),
            remark_fillers=frozenset("".join(fold(w) for w in r.remark_fillers)),
            harm_words=tuple(fold(w) for w in r.harm_words),
            harm_counts=_longest_first(fold(w) for w in (*r.harm_counts, *r.harm_rates)),
            harm_rates=_longest_first(fold(w) for w in r.harm_rates),
            harm_handling=tuple(fold(w) for w in r.harm_handling),
            harm_owners=tuple(fold(w) for w in r.harm_owners),
            harm_facilities=tuple(fold(w) for w in r.harm_facilities),
            owned_handling=tuple(fold(w) for w in r.owned_handling),
            harm_holders=tuple(fold(w) for w in r.harm_holders),
            handling_objects={fold(k): tuple(fold(w) for w in v) for k, v in r.handling_objects.items()},
            handling_passives=tuple(fold(w) for w in r.handling_passives),
            doubtful_handling=frozenset(fold(w) for w in r.doubtful_handling),
            doubtful_holders=tuple(fold(w) for w in r.doubtful_holders),
            handling_object_breaks=tuple(fold(w) for w in r.handling_object_breaks),
            harm_negations=tuple(fold(w) for w in r.harm_negations),
            harm_negations_after=tuple(fold(w) for w in r.harm_negations_after),
            reach_words=tuple(fold(w) for w in r.reach_words),
            handling_negations=tuple(fold(w) for w in r.handling_negations),
            handling_failures=tuple(fold(w) for w in r.handling_failures),
            ending_failures={fold(k): tuple(fold(w) for w in v) for k, v in r.ending_failures.items()},
            harm_struck_length=r.harm_struck_length,
            harm_struck_exceptions=frozenset(fold(w) for w in r.harm_struck_exceptions),
            harm_struck_roles=tuple(fold(w) for w in r.harm_struck_roles),
            misdone_heads=_longest_first(fold(w) for w in r.misdone_heads),
            misdone_work=frozenset(fold(w) for w in r.misdone_work),
            whole_counts=r.whole_counts,
            whole_words=r.whole_words,
            nouns_hide_harms=r.nouns_hide_harms,
            object_harms=frozenset(fold(w) for w in r.object_harms),
            objects_hold_roles=r.objects_hold_roles,
            objects_hold_work=r.objects_hold_work,
            joined_work_heads=tuple(fold(w) for w in r.joined_work_heads),
            joined_remedies=r.joined_remedies,
            joined_work_whole=r.joined_work_whole,
            joined_heads_undo_work=r.joined_heads_undo_work,
            struck_handling_objects={fold(k): tuple(fold(w) for w in v) for k, v in r.struck_handling_objects.items()},
            object_work_done=tuple(fold(w) for w in r.object_work_done),
            misdone_objects=_longest_first(fold(w) for w in r.misdone_objects),
            handling_outcomes=tuple(fold(w) for w in r.handling_outcomes),
            compound_nouns=tuple(fold(w) for w in r.compound_nouns),
            component_words=_longest_first(fold(w) for w in r.component_words),
        )

    # -- indicators --------------------------------------------------------------------

    def _indicator(self, key: str, decl: IndicatorDecl) -> Indicator | None:
        start = len(self.problems)
        value_names = [v.name for v in decl.values]
        for v in decl.values:
            if v.name in self.model.inputs or v.name in self.model.parameters or v.name in RESERVED_NAMES:
                self.problem(f"{key}.values.{v.name}", f"中间值名称 {v.name} 与输入、参数或保留字重名")
        if len(set(value_names)) != len(value_names):
            self.problem(f"{key}.values", "中间值名称重复")
        known = set(self.model.inputs) | set(self.model.parameters) | set(value_names) | {"weight"}

        def expr(where: str, source: str) -> Expression | None:
            try:
                return compile_expression(source, known.__contains__)
            except ExpressionError as exc:
                self.problem(where, str(exc))
                return None

        values = []
        for v in decl.values:
            e = expr(f"{key}.values.{v.name}", v.expr)
            if e is not None:
                values.append(CompiledValue(name=v.name, label=v.label, expr=e, percent=v.percent))
        self._check_cycles(key, values)

        own_rule = decl.score is not None or decl.bands or decl.band_on is not None or decl.not_applicable
        if decl.parts:
            if own_rule:
                self.problem(key, "指标给出了 parts 时，score / bands / not_applicable 应写在各 part 中")
            parts_total = sum((p.weight for p in decl.parts), Decimal(0))
            if parts_total != decl.weight:
                self.problem(f"{key}.parts", f"各部分分值合计 {fmt(parts_total)}，与指标分值 {fmt(decl.weight)} 不符")
            if len({p.id for p in decl.parts}) != len(decl.parts):
                self.problem(f"{key}.parts", "部分 id 重复")
            parts = [self._part(f"{key}.parts[{j}]({p.id})", p, expr) for j, p in enumerate(decl.parts)]
        else:
            single = PartDecl(
                id=decl.id, name=decl.name, weight=decl.weight, score=decl.score, band_on=decl.band_on,
                bands=decl.bands, not_applicable=decl.not_applicable, cap=decl.cap,
            )
            parts = [self._part(key, single, expr)]
        cap_min, cap_max = _cap_bounds(decl.cap, decl.weight)
        if decl.weight_adjustable and (decl.parts or decl.cap is not True):
            # a printed weight replaces the one weight and its cap; parts would need re-splitting
            self.problem(f"{key}.weight_adjustable", "只有不分部分（parts）、按分值封顶（cap = true）的指标才能按表中所印分值调整")
        if len(self.problems) > start:
            return None
        return Indicator(
            id=decl.id, name=decl.name, group=tuple(decl.group), weight=decl.weight,
            rule_text=decl.rule_text, description=decl.description, decision=decl.decision,
            values=tuple(values), parts=tuple(p for p in parts if p is not None),
            cap_min=cap_min, cap_max=cap_max, rounding=decl.rounding, single=not decl.parts,
            weight_adjustable=decl.weight_adjustable,
        )

    def _part(self, key: str, decl: PartDecl, expr) -> CompiledPart | None:
        if decl.bands and decl.score is not None:
            self.problem(key, "score 与 bands 只能二选一")
        if not decl.bands and decl.score is None:
            self.problem(key, "缺少 score（计分表达式）或 bands（分档表）")
        if decl.bands and decl.band_on is None:
            self.problem(f"{key}.band_on", "给出了 bands 却没有 band_on（按哪个值分档）")
        if decl.band_on is not None and not decl.bands:
            self.problem(f"{key}.bands", "给出了 band_on 却没有 bands")
        score = expr(f"{key}.score", decl.score) if decl.score is not None else None
        band_on = expr(f"{key}.band_on", decl.band_on) if decl.band_on is not None else None
        bands = [self._band(f"{key}.bands[{j}]", b, expr) for j, b in enumerate(decl.bands)]
        nas = []
        for j, na in enumerate(decl.not_applicable):
            where = f"{key}.not_applicable[{j}]"
            when = expr(f"{where}.when", na.when)
            if (na.score is None) == (not na.judgement):
                self.problem(where, "score 与 judgement = true 必须且只能给出一个")
                continue
            na_score = expr(f"{where}.score", na.score) if na.score is not None else None
            if when is not None and (na_score is not None or na.judgement):
                nas.append(CompiledNotApplicable(when=when, score=na_score, reason=na.reason))
        if any(b is None for b in bands):
            return None
        self._check_band_coverage(key, bands)
        cap_min, cap_max = _cap_bounds(decl.cap, decl.weight)
        return CompiledPart(
            id=decl.id, name=decl.name, weight=decl.weight, score=score, band_on=band_on,
            bands=tuple(bands), not_applicable=tuple(nas), cap_min=cap_min, cap_max=cap_max,
        )

    def _band(self, key: str, band: Band, expr) -> CompiledBand | None:
        ok = True
        for edge in ("lower", "upper"):
            if getattr(band, edge) is not None and getattr(band, f"{edge}_inclusive") is None:
                self.problem(f"{key}.{edge}_inclusive", f"必须写明 {edge} 边界是否包含（true/false）")
                ok = False
            if getattr(band, edge) is None and getattr(band, f"{edge}_inclusive") is not None:
                self.problem(f"{key}.{edge}_inclusive", f"没有 {edge} 边界，却写了是否包含")
                ok = False
        lower = expr(f"{key}.lower", band.lower) if band.lower is not None else None
        upper = expr(f"{key}.upper", band.upper) if band.upper is not None else None
        score = expr(f"{key}.score", band.score)
        if not ok or score is None or (band.lower is not None and lower is None) or (band.upper is not None and upper is None):
            return None
        return CompiledBand(
            lower=lower, lower_inclusive=bool(band.lower_inclusive), upper=upper,
            upper_inclusive=bool(band.upper_inclusive), score=score, label=band.label,
        )

    def _check_band_coverage(self, key: str, bands: list[CompiledBand]) -> None:
        """Bands whose edges are constants or parameters must tile the line: no gap, no overlap."""
        if not bands:
            return
        for params in self._parameter_scenarios():
            if not self._check_band_tiling(key, bands, params):
                return

    def _parameter_scenarios(self) -> list[dict[str, Decimal]]:
        """Every parameter value a band edge may see: one scenario per dated value."""
        base = {n: (p.value if p.value is not None else p.values[0].value) for n, p in self.model.parameters.items()}
        scenarios = [base]
        for name, p in self.model.parameters.items():
            scenarios += [{**base, name: v.value} for v in p.values[1:]]
        return scenarios

    def _check_band_tiling(self, key: str, bands: list[CompiledBand], params: dict[str, Decimal]) -> bool:
        evaluator = self.evaluator
        edges = []
        for b in bands:
            try:
                lo = None if b.lower is None else evaluator.evaluate(b.lower, params)
                hi = None if b.upper is None else evaluator.evaluate(b.upper, params)
            except (EvaluationError, KeyError, NameError, ValueError):
                return False  # an edge that reads an input can only be checked at run time
            edges.append((lo, b.lower_inclusive, hi, b.upper_inclusive, b))
        edges.sort(key=lambda e: (e[0] is not None, e[0] if e[0] is not None else 0))
        if edges[0][0] is not None:
            self.problem(f"{key}.bands", f"分档表没有覆盖 {fmt(edges[0][0])} 以下的值")
        if edges[-1][2] is not None:
            self.problem(f"{key}.bands", f"分档表没有覆盖 {fmt(edges[-1][2])} 以上的值")
        for (_, _, hi1, hi1_inc, b1), (lo2, lo2_inc, _, _, b2) in zip(edges, edges[1:]):
            if hi1 is None or lo2 is None:
                self.problem(f"{key}.bands", f"分档“{b1.describe()}”与“{b2.describe()}”重叠")
            elif hi1 < lo2 or (hi1 == lo2 and not hi1_inc and not lo2_inc):
                self.problem(f"{key}.bands", f"分档“{b1.describe()}”与“{b2.describe()}”之间有空隙（{fmt(hi1)}）")
            elif hi1 > lo2 or (hi1 == lo2 and hi1_inc and lo2_inc):
                self.problem(f"{key}.bands", f"分档“{b1.describe()}”与“{b2.describe()}”在 {fmt(lo2)} 处重叠")
        return True

    def _check_cycles(self, key: str, values: list[CompiledValue]) -> None:
        """No value may depend on itself, and no chain of values may be deeper than MAX_VALUE_CHAIN
        (evaluation follows the chain by recursion). Iterative, so a hostile file can't exhaust the stack."""
        deps = {v.name: sorted(v.expr.names & {w.name for w in values}) for v in values}
        depth: dict[str, int] = {}
        for start in deps:
            if start in depth:
                continue
            stack: list[tuple[str, int]] = [(start, 0)]
            on_path: list[str] = []
            while stack:
                name, index = stack.pop()
                if index == 0:
                    if name in on_path:
                        cycle = " → ".join([*on_path[on_path.index(name):], name])
                        self.problem(f"{key}.values.{name}", f"中间值循环引用：{cycle}")
                        return
                    on_path.append(name)
                children = deps[name]
                if index < len(children):
                    stack.append((name, index + 1))
                    child = children[index]
                    if child not in depth:
                        stack.append((child, 0))
                    continue
                depth[name] = 1 + max((depth.get(c, 0) for c in children), default=0)
                on_path.pop()
                if depth[name] > MAX_VALUE_CHAIN:
                    self.problem(f"{key}.values.{name}", f"中间值引用链过长（超过 {MAX_VALUE_CHAIN} 层）")
                    return

    def _check_reach(self, indicators: list[Indicator]) -> None:
        for ind in indicators:
            for label, message in reach_problems(ind, self.model.inputs, self.model.parameters):
                index = next(i for i, d in enumerate(self.model.indicators) if d.id == ind.id)
                self.problem(f"indicators[{index}]({ind.id})", f"{label}：{message}")

    # -- rows ---------------------------------------------------------------------------

    def _rows(self) -> CompiledRows | None:
        r = self.model.rows
        start = len(self.problems)
        row_names = ROW_NAMES.__contains__
        methods = {}
        for mid, method in r.methods.items():
            key = f"rows.methods.{mid}"
            if method.reads == "text":
                if method.score is not None or method.overshoot is not None or method.judgement_unless_met:
                    self.problem(key, "定性方法（reads = \"text\"）按词表评级，不能有 score / overshoot / judgement_unless_met")
                if not r.tiers:
                    self.problem("rows.tiers", f"定性方法 {mid} 需要评级档次（rows.tiers）")
            elif method.score is None:
                self.problem(f"{key}.score", "缺少计分表达式")
            compiled = {}
            for field_name in ("score", "overshoot"):
                source = getattr(method, field_name)
                if source is None:
                    continue
                try:
                    compiled[field_name] = compile_expression(source, row_names)
                except ExpressionError as exc:
                    self.problem(f"{key}.{field_name}", str(exc) + "（逐行方法只能使用 target、actual、weight、met）")
            if method.text_met:
                unknown = [t for t in method.text_met if t not in {tier.id for tier in r.tiers}]
                if unknown:
                    self.problem(f"{key}.text_met", f"没有名为 {'、'.join(unknown)} 的档次（rows.tiers）")
                if method.reads == "text" or (compiled.get("score") is not None and not compiled["score"].names.isdisjoint(("target", "actual"))):
                    self.problem(f"{key}.text_met", "按评级判断是否达到时，计分表达式只能使用 weight 与 met（定性方法不用 text_met）")
            if method.text_target is not None and (not method.text_met or not method.text_target.strip()):
                self.problem(f"{key}.text_target", "text_target 是按评级判断是否达到（text_met）时文字完成值所对照的说法，需与 text_met 同用且不能为空")
            if method.text_words and method.text_target is None:
                self.problem(f"{key}.text_words", "text_words 是说明达到 text_target 的说法，需与 text_target 同用")
            methods[mid] = CompiledMethod(
                id=mid, label=method.label, rule_text=method.rule_text, reads=method.reads, comparator=method.comparator,
                score=compiled.get("score"), judgement_unless_met=method.judgement_unless_met,
                overshoot=compiled.get("overshoot"), text_met=tuple(method.text_met), text_target=method.text_target,
                text_words=frozenset(normalize_phrase(w) for w in method.text_words),
            )
        for key, mid in r.select.items():
            if mid != "by_comparator" and mid not in r.methods:
                self.problem(f"rows.select.{key}", f"没有名为 {mid} 的方法（rows.methods），也不是 by_comparator")
        for table, names in (("rule_names", r.rule_names), ("group_methods", r.group_methods)):
            for key, mid in names.items():
                if mid != "by_comparator" and mid not in r.methods:
                    self.problem(f"rows.{table}.{key}", f"没有名为 {mid} 的方法（rows.methods），也不是 by_comparator")
        tiers = {}
        for i, tier in enumerate(r.tiers):
            if tier.id in tiers:
                self.problem(f"rows.tiers[{i}]", f"档次 id {tier.id} 重复")
            if tier.low > tier.high:
                self.problem(f"rows.tiers[{i}]", f"档次下限 {fmt(tier.low)} 高于上限 {fmt(tier.high)}")
            tiers[tier.id] = tier
        for phrase, tid in r.vocabulary.items():
            if tid not in tiers:
                self.problem(f"rows.vocabulary.{phrase}", f"没有名为 {tid} 的档次（rows.tiers）")
        if r.text_equal_to_target is not None and r.text_equal_to_target not in tiers:
            self.problem("rows.text_equal_to_target", f"没有名为 {r.text_equal_to_target} 的档次（rows.tiers）")
        strength: list[tuple[str, int]] = []
        if r.strength is not None:
            for name in ("weaker", "reached", "negated"):
                if getattr(r.strength, name) is not None and getattr(r.strength, name) not in tiers:
                    self.problem(f"rows.strength.{name}", f"没有名为 {getattr(r.strength, name)} 的档次（rows.tiers）")
            words = [normalize_phrase(w) for level in r.strength.levels for w in level]
            for dup in sorted({w for w in words if words.count(w) > 1}):
                self.problem("rows.strength.levels", f"程度词“{dup}”出现在多个等级中")
            strength = sorted(((normalize_phrase(w), i) for i, level in enumerate(r.strength.levels) for w in level), key=lambda wl: -len(wl[0]))
            modals = tuple(normalize_phrase(w) for w in r.strength.forecasts)
            for word in r.strength.modal_words:
                if not normalize_phrase(word).endswith(modals):
                    self.problem("rows.strength.modal_words", f"“{word}”不以 rows.strength.forecasts 中的词结尾，不起作用")
        words = r.target_words
        if words is not None:
            if words.negated is not None and words.negated not in tiers:
                self.problem("rows.target_words.negated", f"没有名为 {words.negated} 的档次（rows.tiers）")
            if words.negations and words.negated is None:
                self.problem("rows.target_words.negated", "写了 negations，却没有写否定时评为哪一档（negated）")
            if (words.none_alike or words.contained_with or words.alike) and r.text_equal_to_target is None:
                self.problem("rows.target_words", "none_alike、contained_with 与 alike 按 rows.text_equal_to_target 的档次评级，须先写明该档次")
        if r.ranks and r.strength is None:
            self.problem("rows.ranks", "排位低于指标值时评为 rows.strength.weaker 的档次，须先写明 rows.strength")
        for i, ranks in enumerate(r.ranks):
            ranked = [normalize_phrase(w) for rank in ranks for w in _rank_words(rank)]
            twice = sorted({w for w in ranked if ranked.count(w) > 1})
            if twice:
                self.problem(f"rows.ranks[{i}]", f"“{'”“'.join(twice)}”在同一排位表中出现了不止一次：每个词只能有一个排位")
            if not all(ranked) or any(not rank for rank in ranks):
                self.problem(f"rows.ranks[{i}]", "排位表中有空词或空的同级词组")
        nc = r.no_comparator
        durations = nc.durations
        for name in nc.names:
            if not fold(name):
                self.problem("rows.no_comparator.names", "名称结尾不能为空（空的结尾对每一行都成立）")
        for key, mid in [("zero", nc.zero), *((f"groups.{g}", m) for g, m in nc.groups.items()),
                         ("durations.method", durations.method if durations else None),
                         ("durations.unclear", durations.unclear if durations else None),
                         ("lower_quantity_names", nc.lower_quantity_names), ("doubtful_harm", nc.doubtful_harm), ("unstated", nc.unstated),
                         *((f"names.{n}", m) for n, m in nc.names.items())]:
            if mid is not None and mid not in r.methods:
                self.problem(f"rows.no_comparator.{key}", f"没有名为 {mid} 的方法（rows.methods）")
        if r.strength is not None and r.strength.opposites and r.strength.negated is None:
            self.problem("rows.strength.opposites", "方向相反的完成值评为 rows.strength.negated 的档次，须先写明该档次")
        if len(self.problems) > start:
            return None
        return CompiledRows(
            weight=r.weight, rule_text=r.rule_text, decision=r.decision,
            select={normalize_phrase(k): v for k, v in r.select.items()},
            rule_names={normalize_phrase(k): v for k, v in r.rule_names.items()},
            group_methods={normalize_phrase(k): r.group_methods[k] for k in sorted(r.group_methods, key=len, reverse=True)},
            methods=methods, tiers=plain_declaration(tiers),
            # a tier's own name, written as the actual ("部分达成并具有一定效果"), is that tier,
            # unless the file's vocabulary says otherwise
            vocabulary={**{normalize_phrase(t.label): tid for tid, t in tiers.items()}, **{normalize_phrase(k): v for k, v in r.vocabulary.items()}},
            text_equal_to_target=r.text_equal_to_target, overshoot_threshold=r.overshoot_threshold,
            prefix_comparators=frozenset(r.prefix_comparators),
            strength=tuple(strength),
            weaker_tier=r.strength.weaker if r.strength else None,
            reached_tier=r.strength.reached if r.strength else None,
            no_comparator_zero=nc.zero,
            # the longest first: the most specific group's word wins ("社会成本" in 社会成本指标, not "成本")
            no_comparator_groups={normalize_phrase(g): nc.groups[g] for g in sorted(nc.groups, key=len, reverse=True)},
            no_comparator_durations=CompiledDurations(
                groups=tuple(normalize_phrase(g) for g in durations.groups),
                units=frozenset(normalize_phrase(u) for u in durations.units), method=durations.method,
                unless_names=tuple(normalize_phrase(n) for n in durations.unless_names),
                names=tuple(normalize_phrase(n) for n in durations.names),
                waits=tuple(normalize_phrase(n) for n in durations.waits),
                heads=_longest_first(normalize_phrase(n) for n in durations.heads),
                unclear_heads=tuple(normalize_phrase(n) for n in durations.unclear_heads), unclear=durations.unclear,
                least_heads=tuple(normalize_phrase(n) for n in durations.least_heads),
                saved=tuple(normalize_phrase(n) for n in durations.saved),
                saved_heads=tuple(normalize_phrase(n) for n in durations.saved_heads),
                saved_breaks=tuple(normalize_phrase(n) for n in durations.saved_breaks),
                limit_heads=tuple(normalize_phrase(n) for n in durations.limit_heads),
            ) if durations else None,
            no_comparator_lower=nc.lower_quantity_names,
            no_comparator_doubtful=nc.doubtful_harm,
            no_comparator_unstated=nc.unstated,
            no_comparator_group_exceptions=tuple(fold(n) for n in nc.group_exceptions),
            no_comparator_names=tuple((fold(n), nc.names[n]) for n in sorted(nc.names, key=len, reverse=True)),
            negated_tier=r.strength.negated if r.strength else None,
            target_negations=_longest_first(normalize_phrase(w) for w in words.negations) if words else (),
            target_negated_tier=words.negated if words else None,
            none_alike=bool(words and words.none_alike),
            contained_with=_longest_first(normalize_phrase(w) for w in words.contained_with) if words else (),
            particles=tuple(normalize_phrase(w) for w in words.particles) if words else (),
            alike=tuple(frozenset(normalize_phrase(w) for w in group) for group in words.alike) if words else (),
            no_answers=tuple(normalize_phrase(w) for w in r.no_answers),
            ranks=tuple(_ranking(ranks) for ranks in r.ranks),
            rank_floor_words=_longest_first(normalize_phrase(w) for w in r.rank_floor_words),
            yes_no=tuple(frozenset(normalize_phrase(w) for w in side) for side in r.yes_no),
            strength_levels=len(r.strength.levels) if r.strength else 0,
            opposites=tuple((normalize_phrase(a), normalize_phrase(b)) for a, b in r.strength.opposites) if r.strength else (),
            change_words=tuple(dict.fromkeys(normalize_phrase(w) for pair in r.strength.opposites for w in pair)) if r.strength else (),
            hedges=_longest_first(normalize_phrase(w) for w in r.strength.hedges) if r.strength else (),
            scope_words=tuple(normalize_phrase(w) for w in r.strength.scope_words) if r.strength else (),
            reversals=tuple(normalize_phrase(w) for w in r.strength.reversals) if r.strength else (),
            forecasts=_longest_first(normalize_phrase(w) for w in r.strength.forecasts) if r.strength else (),
            modal_words=tuple(normalize_phrase(w) for w in r.strength.modal_words) if r.strength else (),
            unchanged=frozenset(normalize_phrase(w) for w in r.strength.unchanged) if r.strength else frozenset(),
        )

    # -- groups ------------------------------------------------------------------------

    def _check_groups(self) -> None:
        for i, g in enumerate(self.model.groups):
            lines = [d for d in self.model.indicators if tuple(d.group[: len(g.path)]) == tuple(g.path)]
            if not lines:
                self.problem(f"groups[{i}]", f"分组 {'/'.join(g.path)} 下没有任何指标")
                continue
            if g.printed_weight is None:
                continue
            actual = sum((d.weight for d in lines), Decimal(0))
            if actual != g.printed_weight:
                self.defects.append(FileProblem(
                    self.path, f"groups[{i}]",
                    f"来源文件的分组标题“{'/'.join(g.path)}（{fmt(g.printed_weight)}分）”"
                    f"与其下各指标分值合计 {fmt(actual)} 分不符（来源文件自身的错误，已按各指标分值计分）",
                ))


def _cap_bounds(cap, weight: Decimal) -> tuple[Decimal | None, Decimal | None]:
    if cap is True:
        return Decimal(0), weight
    if cap is False:
        return None, None
    return cap.min, cap.max


def resolved_data(model: RuleFile) -> dict:
    """The resolved rule set as plain JSON-ready data, golden examples left out (they test the
    rules, they are not part of them)."""
    data = model.model_dump(mode="json", exclude={"tests"})
    for (section, key), default in _ADDED_AFTER_RELEASE.items():
        # keys added after versions were released: where a file leaves one at its default, the
        # hashes the versions were released with stand
        tables = [data]
        for name in section.split("."):  # "rows.strength": a table inside another; "*": each of them
            tables = [t for table in tables if isinstance(table, dict)
                      for t in (table.values() if name == "*" else [table.get(name)])]
        for table in tables:
            if isinstance(table, dict) and key in table and table[key] == default:
                del table[key]
    return data


# (section, key) → the default a file that does not say the key has
_ADDED_AFTER_RELEASE: dict[tuple[str, str], object] = {("rule_set", "revises"): None, ("rows", "prefix_comparators"): [],
                                                        ("reading", "undone_words"): [], ("reading", "rise_words"): [],
                                                        ("reading", "fall_words"): [], ("reading", "change_bases"): [],
                                                        ("reading", "change_sizes"): [], ("reading", "completion_words"): [],
                                                        ("reading", "completion_rates"): [], ("reading", "unfinished_short"): [],
                                                        ("reading", "completion_lacks"): [], ("reading", "change_levels"): [],
                                                        ("reading", "not_done_causes"): [], ("reading", "not_done_parts"): [],
                                                        ("reading", "not_done_counts"): [],
                                                        ("rows.strength", "unchanged"): [], ("rows.target_words", "alike"): [],
                                                        ("reading", "event_units"): [], ("rows.methods.*", "text_target"): None, ("rows.methods.*", "text_words"): [],
                                                        ("reading", "date_spans"): {}, ("rows", "group_methods"): {},
                                                        ("rows.no_comparator", "names"): {}, ("reading", "unhandled_lower_names"): [],
                                                        ("reading", "lower_name_reversed_by"): {}, ("reading", "handling_passives"): [],
                                                        ("reading", "doubtful_handling"): [], ("reading", "doubtful_holders"): [],
                                                        ("rows.no_comparator", "doubtful_harm"): None, ("reading", "reach_words"): [],
                                                        ("rows.no_comparator", "unstated"): None, ("reading", "handling_negations"): [],
                                                        ("reading", "harm_struck_length"): 0, ("reading", "harm_struck_exceptions"): [],
                                                        ("reading", "handling_failures"): [], ("reading", "harm_struck_roles"): [],
                                                        ("reading", "ending_failures"): {},
                                                        ("reading", "misdone_heads"): [], ("reading", "handling_outcomes"): [],
                                                        ("reading", "compound_nouns"): [], ("reading", "misdone_work"): [],
                                                        ("reading", "whole_counts"): False, ("reading", "misdone_objects"): [],
                                                        ("reading", "harm_rates"): [], ("reading", "whole_words"): False,
                                                        ("reading", "nouns_hide_harms"): False,
                                                        ("reading", "object_harms"): [],
                                                        ("reading", "objects_hold_roles"): False, ("reading", "objects_hold_work"): False,
                                                        ("reading", "harm_negations_after"): [],
                                                        ("reading", "joined_work_heads"): [],
                                                        ("reading", "object_work_done"): [],
                                                        ("reading", "joined_remedies"): False,
                                                        ("reading", "joined_work_whole"): False,
                                                        ("reading", "joined_heads_undo_work"): False,
                                                        ("reading", "struck_handling_objects"): {}}


def content_hash(resolved: dict) -> str:
    """SHA-256 of the resolved rule set's canonical JSON: comments, layout and how the file is
    split by inheritance don't change it; any rule, weight, text or parameter does."""
    canonical = json.dumps(resolved, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _ranking(ranks: list) -> dict[str, int]:
    """One of rows.ranks as word → rank (0 the best); the words of a list in it share one rank."""
    return {normalize_phrase(w): i for i, rank in enumerate(ranks) for w in _rank_words(rank)}


def _rank_words(rank: str | list[str]) -> list[str]:
    """The words of one rank of rows.ranks: a word, or a list of words of one rank."""
    return [rank] if isinstance(rank, str) else rank


def _longest_first(words) -> tuple[str, ...]:
    """Words sorted longest first, as the readings match them (the longest spelling wins)."""
    return tuple(sorted(words, key=len, reverse=True))
