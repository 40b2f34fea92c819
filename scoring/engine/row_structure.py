"""The printed structure of a row sheet, before any row is scored.

Sheets are not flat lists: some print a parent row whose figures are the sums of the rows below
it (numbered "一、…" rows whose score sums their children, or a ★ row with "其中…" component rows
that carry no weight), some print a weight only on a group header, and some print empty
placeholder rows.  This module decides which rows are scored, which weight a group gives its
only row, and checks the printed sums of figures; claims are checked later, by the diff.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from ..cases.model import Claim, Row, Sheet
from ..findings import Finding, finding
from ..numbers import fmt, fmt_sum, normalize_phrase
from ..plain import replace
from ..rules.model import RuleSet
from .readings import ParsedValue, Reading, ValueParseError, fold, parse_value


@dataclass(frozen=True)
class ParentRow:
    """A row that is the sum of others.  ``scored_children``: the children carry the weights and
    scores and the parent is left out of the total; otherwise the children are components
    (其中…) of a scored parent and are not scored themselves."""

    index: int
    row: Row
    children: tuple[int, ...]
    scored_children: bool


@dataclass
class RowPlan:
    """Which rows are scored, the weights groups give their rows, and the parents."""

    scored: list[int] = field(default_factory=list)
    weights: dict[int, Decimal] = field(default_factory=dict)
    parents: list[ParentRow] = field(default_factory=list)
    placeholders: list[int] = field(default_factory=list)


def is_placeholder(row: Row, reading: Reading) -> bool:
    """A printed row with nothing in it: no target, actual, weight or score, or only the rule set's
    "not given" marks in them (a row printed "/ | / | / | /")."""
    def empty(text: str | None) -> bool:
        return text is None or "".join(fold(text).split()) in reading.not_given
    return row.weight is None and row.claimed is None and empty(row.target) and empty(row.actual)


def component_rows(sheet: Sheet, reading: Reading) -> dict[int, int]:
    """The rows that are components of the row above them without saying so by ``part_of``, by
    index, with their parent's: a row named "其中…" (`reading.component_words`) with no weight and no
    score of its own, under a row of the same heading that is neither a placeholder nor a part (the
    "其中…" rows printed one after another under a ★ row all belong to it).  Workbooks, case tables
    and the web form print such rows as they stand; a case file may also name the parent."""
    words = reading.component_words
    # the common case, on every row sheet of a batch: no row's name holds such a word at all
    if not words or not any(row.name and any(w in row.name for w in words) for row in sheet.rows):
        return {}
    found: dict[int, int] = {}
    parent: int | None = None
    for i, row in enumerate(sheet.rows):
        # "（其中）干部培训人次", "1.其中：…": brackets and numbering before the word
        name = _NUMBERING.sub("", "".join(fold(row.name or "").split())).lstrip("（(【[〔")
        if name.startswith(words):
            if (parent is not None and row.part_of is None and row.weight is None and row.claimed is None
                    and _same_heading(tuple(row.group), tuple(sheet.rows[parent].group))):
                found[i] = parent
            else:
                parent = None  # a weighted "其中…" row is a line of its own, and no parent to the next
            continue
        parent = None if row.part_of or is_placeholder(row, reading) else i
    return found


_NUMBERING = re.compile(r"^(?:[0-9]+|[一二三四五六七八九十]+)[.、．)）]")


def _same_heading(one: tuple[str, ...], other: tuple[str, ...]) -> bool:
    """Whether two rows stand under the same heading, one maybe printing fewer of its levels (a
    workbook's 二级指标 cell left blank under the row it continues)."""
    shorter = min(len(one), len(other))
    return one[:shorter] == other[:shorter]


def indicator_rows(sheet: Sheet, rules: RuleSet, where: str) -> tuple[Sheet, list[Finding]]:
    """``sheet`` with the rows that print a rule indicator scored from its figures taken out: a
    form that prints 预算执行率 as its last row (Hebei) beside the budget block prints one line, not
    two.  The row's claim and weight become the indicator's where the sheet gives it none, and its
    actual the indicator's printed figure (`Sheet._printed`: the engine scores from it where the
    amounts are not given).

    A row printed under a heading of the indicator's own name (一级指标 "预算执行率", as Hebei's form
    prints it) is that indicator whatever the row is called ("1.预算执行率", "项目预算执行率") and
    however the sheet's weights add up (a partial sheet, weights printed rounded or on headers).  A
    row only named so is folded only where the weights say so."""
    if not sheet.rows or rules.rows is None:
        return sheet, []
    rule_names = {normalize_phrase(ind.name): ind.id for ind in rules.indicators}
    printed = tuple(ind.name for ind in rules.indicators)
    by_name: dict[int, str] = {}
    by_heading: dict[int, str] = {}
    for i, row in enumerate(sheet.rows):
        if row.name and any(n in row.name for n in printed) and (key := _name_key(row.name)) in rule_names:
            by_name[i] = rule_names[key]
        if row.group and any(n in row.group[0] for n in printed) and (key := _name_key(row.group[0])) in rule_names:
            by_heading[i] = rule_names[key]
    if not by_name and not by_heading:
        return sheet, []  # the common case: no row prints a rule indicator's name
    parts = component_rows(sheet, rules.reading)
    lines = [i for i, row in enumerate(sheet.rows) if not row.part_of and i not in parts and not is_placeholder(row, rules.reading)]

    def usable(found: dict[int, str]) -> dict[int, str]:
        return {i: ind for i, ind in found.items()
                if i in lines and not (sheet.rows[i].id and any(r.part_of == sheet.rows[i].id for r in sheet.rows))}

    by_name, by_heading = usable(by_name), usable(by_heading)
    # the one line under a heading of an indicator's name is that indicator's, however it is called
    sure = {i: ind for i, ind in by_heading.items() if list(by_heading.values()).count(ind) == 1}
    named = {**{i: ind for i, ind in by_name.items() if ind not in sure.values()}, **sure}
    if not named or len(set(named.values())) < len(named):
        return sheet, []
    # a line printed without a weight that is the only line under a heading printed with one has that weight, as
    # `plan_rows` gives it (a "满分" 满意度 row under "满意度指标(10分)": review FI A3)
    line_weights = {i: sheet.rows[i].weight if sheet.rows[i].weight is not None else _sole_line_weight(sheet, lines, i) for i in lines}
    weighted = all(w is not None for w in line_weights.values())
    if weighted:
        # with each such row's weight as its indicator's, and with the rows all rows
        folded = {ind: line_weights[i] for i, ind in named.items()}
        rows_weight = sum((line_weights[i] for i in lines if i not in named), Decimal(0))
        printed = [sheet.weights.get(ind.id, sheet.weights.get(ind.name, ind.weight)) for ind in rules.indicators]
        adds_up = rows_weight + sum((folded.get(ind.id, w) for ind, w in zip(rules.indicators, printed)), Decimal(0)) == rules.info.total
        apart = sum((line_weights[i] for i in lines), Decimal(0)) + sum(printed, Decimal(0)) == rules.info.total
    if not set(sure).issuperset(named):
        # Only where the weights say so ("预算执行率" printed 20 beside 80 points of rows).  A unit's own
        # "预算执行率 ≥90%" among its 质量指标, weighted inside the 90 points of rows, is an indicator of its own.
        if not (weighted and adds_up) and not _headings_cover(sheet, lines, named, line_weights, rules):
            return sheet, []
    elif weighted and sheet.complete and apart and not adds_up:
        return sheet, []  # under the heading, a row the weights show is the unit's own (the rule's 10 besides)
    keep, claims, weights, found = [], dict(sheet.claims), dict(sheet.weights), []
    printed: dict[str, tuple[str, str]] = {}
    for i, row in enumerate(sheet.rows):
        ind = named.get(i)
        if ind is None:
            if parts.get(i) not in named:  # a "其中…" row of a folded line goes with it: the budget block details it
                keep.append(row)
            continue
        shown, name = row.name or row.group[-1], _indicator_name(rules, ind)
        found.append(finding("indicator_row", f"{shown}：该行即规则指标“{name}”（按规则公式计分），不作为指标行重复计分", f"{where}.rows[{i}]"))
        kept = next((claims[k] for k in (ind, row.name) if k in claims), None)
        if row.claimed is not None and kept is None:
            claims[ind] = Claim(score=row.claimed, source=row.source or f"rows[{i}]")
        elif row.claimed is not None and kept.score != row.claimed:
            # the sheet claims the line twice, differently: the one kept is said, the other not lost
            found.append(finding("indicator_row", f"{shown}：该行自评 {fmt(row.claimed)} 分，与表中另填的“{name}”自评 {fmt(kept.score)} 分不同，"
                                 f"按后者核对", f"{where}.rows[{i}]", "warning"))
        if row.weight is not None and ind not in weights and row.name not in weights:
            weights[ind] = row.weight
        if row.actual is not None:
            printed[ind] = (row.actual, f"{where}.rows[{i}]")
    if not found:
        return sheet, []
    # a group printed with a subtotal or weight holds the line it printed as a row (review FH A2), as a case file
    # says with `includes` and the published-sheet importer does where the budget block claims it
    subtotals = list(sheet.subtotals)
    for i, ind in named.items():
        group = tuple(sheet.rows[i].group)
        for k, sub in enumerate(subtotals):
            if group[: len(sub.group)] == tuple(sub.group) and ind not in sub.includes:
                subtotals[k] = replace(sub, includes=[*sub.includes, ind])
    folded = replace(sheet, rows=keep, claims=claims, weights=weights, subtotals=subtotals)
    folded._printed = printed or None
    return folded, found


def _headings_cover(sheet: Sheet, lines: list[int], named: dict[int, str], line_weights: dict[int, Decimal | None],
                    rules: RuleSet) -> bool:
    """Whether the weights printed on the sheet's first-level headings, with those of lines under no
    such heading and of the rule indicators no row names, give the form's full marks, each named row
    under a heading: the rule's line has no room beside them, so the row is it — on a sheet with a row
    cut off too (Yinchuan's 项目决策(10分) + 项目管理(25分) + 项目产出(30分) + 项目效益(35分), 预算执行率 10
    under 项目管理, its 满意度 row cut off under 项目效益: review FI A3)."""
    tops = {s.group[0]: s.weight for s in sheet.subtotals if len(s.group) == 1 and s.weight is not None and not s.includes}
    if not tops or any(not sheet.rows[i].group or sheet.rows[i].group[0] not in tops for i in named):
        return False
    # each row printed with its indicator's own weight: a 预算执行率 of 5 under 时效指标 is a unit's indicator of its
    # own, whatever the headings add up to (review FO A6)
    weights = {ind.id: sheet.weights.get(ind.id, sheet.weights.get(ind.name, ind.weight)) for ind in rules.indicators}
    if any(line_weights[i] != weights[ind] for i, ind in named.items()):
        return False
    covered = sum(tops.values(), Decimal(0))
    for i in lines:
        if not sheet.rows[i].group or sheet.rows[i].group[0] not in tops:
            if line_weights[i] is None:
                return False
            covered += line_weights[i]
    apart = set(named.values())
    covered += sum((w for ind, w in weights.items() if ind not in apart), Decimal(0))
    return covered == rules.info.total


def _sole_line_weight(sheet: Sheet, lines: list[int], i: int) -> Decimal | None:
    """The weight of the innermost subtotal printed with one over line ``i``, where ``i`` is its only line; else None."""
    group = tuple(sheet.rows[i].group)
    held = [s for s in sheet.subtotals if s.weight is not None and group[: len(s.group)] == tuple(s.group)]
    if not held:
        return None
    inner = max(held, key=lambda s: len(s.group))
    under = [j for j in lines if tuple(sheet.rows[j].group[: len(inner.group)]) == tuple(inner.group)]
    return inner.weight if under == [i] and not inner.includes else None


def _indicator_name(rules: RuleSet, ind_id: str) -> str:
    return next(ind.name for ind in rules.indicators if ind.id == ind_id)


_UNIT_IN_BRACKETS = re.compile(r"[(（][^()（）]*[)）]$")


def _name_key(name: str) -> str:
    """A row's name or heading as rule indicators' names are compared: folded, without numbering
    before it ("1.预算执行率", "四、预算执行率") nor a unit or weight in brackets after it ("预算执行率（%）",
    "预算执行率（10分）")."""
    name = _NUMBERING.sub("", "".join(fold(name or "").split()))
    return normalize_phrase(_UNIT_IN_BRACKETS.sub("", name))


def plan_rows(sheet: Sheet, reading: Reading, year: int | None, where: str, findings: list[Finding],
              room: Decimal | None = None) -> RowPlan:
    """Decide the role of every row of ``sheet``; append findings on its printed sums.  ``room``:
    the weight the rows share (the form's full marks less its rule indicators' weights), which
    gives the one row of a complete sheet printed without a 分值 the rest of it."""
    plan = RowPlan()
    children: dict[str, list[int]] = {}
    for i, row in enumerate(sheet.rows):
        if row.part_of:
            children.setdefault(row.part_of, []).append(i)
    inferred: dict[int, list[int]] = {}
    for child, parent_index in component_rows(sheet, reading).items():
        inferred.setdefault(parent_index, []).append(child)
        row = sheet.rows[child]
        findings.append(finding(
            "component_row", f"{row.name}：是上一行“{sheet.rows[parent_index].name}”的组成部分（“其中”行，未印分值和得分），不单独计分",
            f"{where}.rows[{child}]",
        ))
    component: set[int] = set()
    parent_out: set[int] = set()
    for i, row in enumerate(sheet.rows):
        kids = tuple(sorted((*children.get(row.id or "", ()), *inferred.get(i, ()))))
        if not kids:
            continue
        scored_children = any(sheet.rows[k].weight is not None or sheet.rows[k].claimed is not None for k in kids)
        parent = ParentRow(i, row, kids, scored_children)
        plan.parents.append(parent)
        if scored_children:
            parent_out.add(i)
        else:
            component.update(kids)
        _check_parent(sheet, parent, reading, year, f"{where}.rows[{i}]({row.name})", findings)
    for i, row in enumerate(sheet.rows):
        if i in component or i in parent_out:
            continue
        if is_placeholder(row, reading) and row.id not in children:
            plan.placeholders.append(i)
            findings.append(finding(
                "placeholder_row", f"{row.name or '/'.join(row.group) or '（无名称）'}：空行（未填指标值、完成值、分值和得分），已跳过，不计分",
                f"{where}.rows[{i}]",
            ))
            continue
        plan.scored.append(i)
    _duplicates(sheet, plan.scored, where, findings)
    # the deepest header first: a row's weight is given by the header nearest it, or by none (an
    # inner header its rows already exceed gives nothing, and no outer one is asked instead)
    decided: set[int] = set()
    for sub in sorted((s for s in sheet.subtotals if s.weight is not None and not s.includes), key=lambda s: -len(s.group)):
        members = [i for i in plan.scored if tuple(sheet.rows[i].group[: len(sub.group)]) == tuple(sub.group)]
        blank = [i for i in members if sheet.rows[i].weight is None and i not in plan.weights and i not in decided]
        decided.update(members)
        if len(members) == 1 and blank:
            plan.weights[members[0]] = sub.weight  # a group of one row: the header's weight is the row's
        elif len(blank) == 1 and len(members) > 1 and sheet.complete:
            # one row's 分值 left blank under a header whose weight the others leave room for
            # (产出指标 50 over 20, 10, 10 and a blank): the rest is its weight (review CH A5) — where
            # every other row's weight is known (one an inner header left open leaves it open too)
            known = [sheet.rows[i].weight if sheet.rows[i].weight is not None else plan.weights.get(i) for i in members if i != blank[0]]
            if None in known:
                continue
            others = sum(known, Decimal(0))
            rest = sub.weight - others
            if rest > 0:
                plan.weights[blank[0]] = rest
                row = sheet.rows[blank[0]]
                findings.append(finding(
                    "weight_from_group", f"{row.name}：未印分值，按分组“{'/'.join(sub.group)}”标题的 {fmt(sub.weight)} 分减去其余各行分值 "
                                         f"{fmt_sum(others)} 分，计为 {fmt_sum(rest)} 分", f"{where}.rows[{blank[0]}]",
                ))
    if room is not None and sheet.complete:
        _weight_from_total(sheet, plan, decided, room, where, findings)
    return plan


def _weight_from_total(sheet: Sheet, plan: RowPlan, decided: set[int], room: Decimal, where: str, findings: list[Finding]) -> None:
    """One row of a complete sheet printed without a 分值 and under no header that prints one,
    every other row's weight known: the sheet's full marks leave it the rest (100 less the 90 the
    others print: review CO A1), as a group's header does for its rows (review CH A5) — unless it
    claims more than that rest."""
    blank = [i for i in plan.scored if sheet.rows[i].weight is None and i not in plan.weights]
    if len(blank) != 1 or blank[0] in decided:
        return
    known = [sheet.rows[i].weight if sheet.rows[i].weight is not None else plan.weights.get(i) for i in plan.scored if i != blank[0]]
    if None in known:
        return
    others = sum(known, Decimal(0))
    rest = room - others
    claimed = sheet.rows[blank[0]].claimed
    if rest <= 0 or (claimed is not None and claimed > rest):
        # a claim above the rest: a form whose rows have their own 100 beside the rule indicators'
        # weights (review BB, the Hubei sheet's 110) would give the row more: not known, left open
        return
    plan.weights[blank[0]] = rest
    findings.append(finding(
        "weight_from_total", f"{sheet.rows[blank[0]].name}：未印分值，全表满分留给各行的 {fmt_sum(room)} 分减去其余各行分值 "
                             f"{fmt_sum(others)} 分，计为 {fmt_sum(rest)} 分", f"{where}.rows[{blank[0]}]",
    ))


def _duplicates(sheet: Sheet, scored: list[int], where: str, findings: list[Finding]) -> None:
    """A row printed twice, cell for cell, under the same heading (a line copied by mistake): both
    are scored as printed, and the sheet's weights say whether the total holds them."""
    seen: dict[tuple, int] = {}
    for i in scored:
        row = sheet.rows[i]
        if not row.name:
            continue
        key = (tuple(row.group), row.name, row.target, row.actual, row.weight, row.nature, row.unit, row.rule)
        first = seen.setdefault(key, i)
        if first != i:
            findings.append(finding(
                "duplicate_row", f"{row.name}：与第 {first + 1} 行完全相同（分组、指标值、完成值和分值），是否重复录入？", f"{where}.rows[{i}]",
            ))


def _check_parent(sheet: Sheet, parent: ParentRow, reading: Reading, year: int | None, place: str, findings: list[Finding]) -> None:
    row = parent.row
    kids = [sheet.rows[k] for k in parent.children]
    if parent.scored_children and row.weight is not None and all(k.weight is not None for k in kids):
        total = sum((k.weight for k in kids), Decimal(0))
        if total != row.weight:
            findings.append(finding(
                "parent_mismatch", f"{row.name}：分值 {fmt(row.weight)} 分，与其下各行分值合计 {fmt(total)} 分不符", place, severity="error",
            ))
    for label, attr in (("年度指标值", "target"), ("实际完成值", "actual")):
        own = _number(getattr(row, attr), reading, year)
        parts = [_number(getattr(k, attr), reading, year) for k in kids]
        if own is None or any(p is None for p in parts):
            continue  # worded or missing figures: nothing to add up
        if any(p.unit in reading.rate_units or p.comparator not in (None, "=") for p in (own, *parts)):
            # rates and averages do not add up ("≥95%" over two "≥95%"), and bounds need not: parts of
            # at least 300 each under a whole of at least 500, or at most 60 and 50 under at most 100
            continue
        units = sorted({p.unit or "" for p in parts})
        if len(units) > 1:
            findings.append(finding(
                "parent_mismatch", f"{row.name}：{label}“{getattr(row, attr)}”由单位不同的各行（{'、'.join(p.raw for p in parts)}）相加而来，单位不同的数不能相加",
                place,
            ))
            continue
        total = sum((p.number for p in parts), Decimal(0))
        if (own.unit or "") != units[0] or total == own.number:
            continue
        if total > own.number:
            findings.append(finding(
                "parent_mismatch", f"{row.name}：{label}“{getattr(row, attr)}”与其下各行合计 {fmt(total)}{units[0]} 不符：各部分多于整体", place,
            ))
        else:
            # "其中" is "of which": the parts listed may be some of them
            findings.append(finding(
                "parent_mismatch", f"{row.name}：{label}“{getattr(row, attr)}”，其下所列各行合计 {fmt(total)}{units[0]}，少于它（列示可能不全）", place, "info",
            ))


def _number(text: str | None, reading: Reading, year: int | None) -> ParsedValue | None:
    if text is None:
        return None
    try:
        value = parse_value(text, reading, year=year)
    except ValueParseError:
        return None
    return value if value.kind == "number" else None
