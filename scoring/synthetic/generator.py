"""Synthetic submissions with known errors: to prove that batch re-scoring finds every injected
error and flags no clean sheet, and to feed benchmarks.

A clean sheet's figures are drawn within realistic ranges (万元 amounts with two decimals,
counts, percentages, deadlines, the wording units use).  Its claims are what the real engine
computes for it — never a second implementation of the rules — written as a unit writes them
("8", "7.5", "9.01"), and its total is the sum of its claims.  A clean sheet the engine does not
score cleanly is a bug here and raises `GeneratorError`; it is never silently dropped.

A dirty sheet then gets exactly one injected error, and the injection says which finding (code
and place) the batch must report for it.  Every submission is a pure function of (seed, index),
so the output is the same whatever the number of worker processes.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import Decimal

from ..cases import schema
from ..cases.schema import validate, validate_case
from ..engine.lean import LeanEngine
from ..engine.rates import consistent
from ..errors import ScoringError
from ..numbers import decimals_of, fmt, normalize_phrase, round_half_up
from ..plain import replace
from ..review.pipeline import choose_rules
from ..rules.library import RuleLibrary
from .data import (
    ACHIEVED_PHRASES,
    COUNT_ROWS,
    DEADLINE_ROWS,
    GOVERNMENT_DEPARTMENTS,
    PARTIAL_PHRASES,
    PARTY_DEPARTMENTS,
    PERCENT_ROWS,
    PLACES,
    PROJECT_NAMES,
    QUALITATIVE_ROWS,
    UNKNOWN_PHRASES,
)

# class → (the finding code the batch must report, what the injection does)
ERROR_CLASSES: dict[str, tuple[str, str]] = {
    "over_claim": ("claim_over", "某项自评得分高于按规则应得分（仍在分值之内）"),
    "claim_above_weight": ("claim_invalid", "某项自评得分超出该项分值"),
    "parts_not_adding_up": ("sum_mismatch", "各项自评得分合计与所填总分或小计不符"),
    "stated_rate_wrong": ("stated_rate_mismatch", "所述比率与其分子、分母不符"),
    "missing_figure": ("missing_input", "缺少一个规则需要的数字（空着没填）"),
    "unknown_phrase": ("unverifiable", "定性指标的完成值用语不在规则词表中"),
}
FORMULA_RULES = "sichuan.dept-overall"
ROW_RULES = ("national.project", "sichuan.project", "hunan.dept-overall", "xinjiang.project")
KINDS = ("formula", "rows")
CENT = Decimal("0.01")


class GeneratorError(Exception):
    """The generator made a sheet it cannot stand behind (a bug in the generator)."""


@dataclass(frozen=True)
class Settings:
    """What to generate. ``error_rate`` is the share of submissions that get an injected error."""

    seed: int = 0
    error_rate: float = 0.3
    kinds: tuple[str, ...] = KINDS
    year: int = 2024


@dataclass
class Submission:
    """One generated case (JSON-ready: every number a decimal string) and what was injected."""

    index: int
    kind: str  # "formula" | "rows"
    case: dict
    injections: list[dict] = field(default_factory=list)
    rules: str = ""  # id@version the sheet is scored under

    @property
    def case_id(self) -> str:
        return self.case["case"]["id"]

    @property
    def sheet(self) -> dict:
        return self.case["sheets"][0]


def make_submission(index: int, settings: Settings, library: RuleLibrary, engine: LeanEngine) -> Submission:
    """Generate submission number ``index``: a clean sheet, then maybe one injected error."""
    rng = random.Random(f"{settings.seed}:{index}")
    kinds = [k for k in KINDS if k in settings.kinds]
    kind = rng.choice(kinds)
    case_id = f"gen-{settings.seed}-{index:07d}"
    if kind == "formula":
        data = _formula_case(rng, case_id, settings.year)
    else:
        data = _row_case(rng, case_id, settings.year, rng.choice(ROW_RULES))
    _name_rules(rng, data, library)
    sub = Submission(index, kind, data)
    sheet = _Claimed(data, library, engine)
    sub.rules = sheet.rules.ref
    if rng.random() < settings.error_rate:
        choices = sheet.applicable(rng)
        cls = rng.choice(sorted(choices))
        sub.injections.append(choices[cls]())
    return sub


def _name_rules(rng: random.Random, data: dict, library: RuleLibrary) -> None:
    """Say which rules apply as a unit would — by the sheet's type, leaving the choice to the
    region and year — where that picks the intended rule set; otherwise name the rule set."""
    sheet, head = data["sheets"][0], data["case"]
    intended = library.find(sheet["rules"], head["year"])
    try:
        chosen = library.select(head["region"], head["year"], intended.info.sheet_type)
    except ScoringError:
        chosen = None
    if chosen is intended and rng.random() < 0.7:
        del sheet["rules"]
        sheet["sheet_type"] = intended.info.sheet_type


# -- figures -----------------------------------------------------------------------------------


def _money(rng: random.Random, low: Decimal | int, high: Decimal | int) -> Decimal:
    """An amount in 万元 with two decimals, between the bounds."""
    return Decimal(rng.randint(int(Decimal(low) * 100), int(Decimal(high) * 100))).scaleb(-2)


def _share(rng: random.Random, whole: Decimal, low: float, high: float) -> Decimal:
    """A part of ``whole`` between the two shares, in 万元 with two decimals."""
    rate = Decimal(rng.randint(round(low * 10000), round(high * 10000))) / 10000
    return round_half_up(whole * rate, 2)


def _rate_text(numerator: Decimal, denominator: Decimal) -> str:
    return f"{fmt(round_half_up(numerator / denominator * 100, 2))}%"


def _score_text(value: Decimal) -> str:
    """A score as a unit writes it: no trailing zeros (8.00 → "8", 7.50 → "7.5")."""
    return fmt(value.normalize()) if value else "0"


def _place(rng: random.Random, province: str) -> tuple[list[str], str]:
    city = rng.choice(sorted(PLACES[province]))
    county = rng.choice(PLACES[province][city])
    # A district is named with its city ("遂宁市安居区"); a county or county-level city is not.
    prefix = f"{city}{county}" if county.endswith("区") else county
    return [province, city, county], prefix


def _unit(rng: random.Random, prefix: str) -> str:
    if rng.random() < 0.3:
        return f"中共{prefix}委{rng.choice(PARTY_DEPARTMENTS)}"
    return f"{prefix}{rng.choice(GOVERNMENT_DEPARTMENTS)}"


def _case_head(rng: random.Random, case_id: str, year: int, province: str) -> dict:
    region, prefix = _place(rng, province)
    return {"id": case_id, "unit": _unit(rng, prefix), "region": region, "year": year, "source": f"合成数据（scoring generate），编号 {case_id}"}


# -- formula-type sheets (Sichuan 部门整体) -------------------------------------------------------


def _formula_case(rng: random.Random, case_id: str, year: int) -> dict:
    v: dict[str, Decimal | int | bool] = {}
    v["duty_targets_set"] = rng.randint(4, 6)
    v["duty_targets_met"] = v["duty_targets_set"] - (1 if rng.random() < 0.2 else 0)
    adjusted = _money(rng, 80, 3000)
    v["budget_adjusted"] = adjusted
    v["budget_executed"] = _share(rng, adjusted, 0.90, 1.0)
    for budget, spent, none_share, low, high in (
        ("transfer_budget", "transfer_spent", 0.4, 5, 300),
        ("bond_budget", "bond_spent", 0.85, 50, 2000),
        ("special_budget", "special_spent", 0.2, 5, adjusted * Decimal("0.6")),
    ):
        amount = Decimal("0.00") if rng.random() < none_share else _money(rng, low, max(Decimal(low), high))
        v[budget] = amount
        v[spent] = _share(rng, amount, 0.85, 1.0)
    v["dept_budget_total"] = _share(rng, adjusted, 1.0, 1.15)
    v["year_end_unspent"] = _share(rng, v["dept_budget_total"], 0.0, 0.08)
    # Cuts stay within what the bonus rewards (≤5% of the budget, ≤5% of execution), so no
    # bonus hits its cap: a capped part is reported as a warning, which a clean sheet must not have.
    for prev, cur in (("general_budget_prev", "general_budget_cur"), ("general_exec_prev", "general_exec_cur")):
        v[prev] = _money(rng, 10, 300)
        v[cur] = _share(rng, v[prev], 0.955, 0.998)
    v["asset_change_rate"] = Decimal(rng.randint(-1200, 400)) / 100
    for overage, total in (("furniture_overage", "furniture_total"), ("equipment_overage", "equipment_total")):
        v[total] = Decimal("0.00") if rng.random() < 0.05 else _money(rng, 20, 300)
        v[overage] = _share(rng, v[total], 0.1, 0.9)
    v["total_assets_cur"] = _money(rng, 300, 8000)
    v["total_assets_prev"] = _share(rng, v["total_assets_cur"], 0.9, 1.1)
    v["idle_assets_prev"] = Decimal("0.00") if rng.random() < 0.5 else _share(rng, v["total_assets_prev"], 0.005, 0.05)
    v["idle_assets_cur"] = Decimal("0.00") if rng.random() < 0.5 else _share(rng, v["total_assets_cur"], 0.002, 0.05)
    v["sme_noncompliant"] = rng.random() < 0.08
    v["procurement_budget"] = Decimal("0.00") if rng.random() < 0.15 else _money(rng, 10, 600)
    v["procurement_savings"] = _share(rng, v["procurement_budget"], 0.0, 0.08)
    v["procurement_paid"] = _share(rng, v["procurement_budget"] - v["procurement_savings"], 0.85, 1.0)
    stage = rng.randint(1, 12)
    v["stage_projects"] = stage
    for name in ("stage_no_exante", "stage_target_mismatch", "stage_misdirected"):
        v[name] = 0 if rng.random() < 0.8 else rng.randint(1, min(2, stage))
    if rng.random() < 0.5:  # left out half the time: the rule file's stated default (0) applies
        v["stage_late_registered"] = 0 if rng.random() < 0.9 else 1
    v["adjust_needed"] = rng.randint(0, min(3, stage))  # among the stage projects (sichuan.dept-overall@2024.5 checks it)
    v["adjust_missed"] = 0 if rng.random() < 0.8 else rng.randint(0, v["adjust_needed"])
    v["annual_projects"] = rng.randint(0, 8)
    v["annual_low_balance"] = max(0, v["annual_projects"] - rng.randint(0, 1))
    for name in ("stage_low_balance", "stage_quantity_met", "stage_benefit_met"):
        v[name] = max(0, stage - (0 if rng.random() < 0.7 else rng.randint(1, 2)))
    v["quantity_completed"] = rng.randint(3, 25)
    v["quantity_within_30"] = max(0, v["quantity_completed"] - (0 if rng.random() < 0.7 else rng.randint(1, 2)))

    inputs = {name: (value if isinstance(value, bool) else str(value) if isinstance(value, int) else fmt(value)) for name, value in v.items()}
    rates = [_stated("预算执行率", v["budget_executed"], v["budget_adjusted"])]
    base = v["procurement_budget"] - v["procurement_savings"]
    if base > 0:
        rates.append(_stated("采购执行率", v["procurement_paid"], base))
    findings = {d: str(0 if rng.random() < 0.9 else 1) for d in ("finance_rules", "finance_posts", "funds_use", "performance_issues", "cooperation")}
    return {
        "format": 1,
        "case": _case_head(rng, case_id, year, "四川省"),
        "sheets": [{
            "id": "dept-overall",
            "title": "部门整体支出绩效自评表",
            "rules": FORMULA_RULES,
            "inputs": inputs,
            "findings": findings,
            "claims": {},
            "stated_rates": rates,
        }],
    }


def _stated(label: str, numerator: Decimal, denominator: Decimal) -> dict:
    return {"label": label, "stated": _rate_text(numerator, denominator), "numerator": fmt(numerator), "denominator": fmt(denominator)}


# -- row-type sheets -----------------------------------------------------------------------------

# (kind, weight, 一级指标 override) per rule set; the weights add up to the rows' 90 points.
_LAYOUTS: dict[str, list[tuple[str, int, str | None]]] = {
    "national.project": [("count", 20, None), ("percent", 10, None), ("deadline", 10, None), ("cost", 10, None),
                         ("qualitative", 20, None), ("qualitative", 10, None), ("satisfaction", 10, None)],
    "sichuan.project": [("count", 10, None), ("count", 10, None), ("percent", 10, None), ("cost", 10, None),
                        ("timely_text", 10, None), ("qualitative", 10, None), ("qualitative", 10, None),
                        ("qualitative", 10, None), ("satisfaction", 10, None)],
    "hunan.dept-overall": [("count", 10, None), ("percent", 10, None), ("deadline", 10, None),
                           ("qualitative", 10, None), ("qualitative", 10, None), ("qualitative", 5, None), ("qualitative", 5, None),
                           ("satisfaction", 10, None), ("cost", 20, "成本指标")],
    "xinjiang.project": [("count", 20, None), ("count", 10, None), ("percent", 10, None), ("deadline", 10, None),
                         ("cost", 10, None), ("qualitative", 20, None), ("satisfaction", 10, None)],
}
_PROVINCE = {"sichuan.project": "四川省", "hunan.dept-overall": "湖南省", "xinjiang.project": "新疆维吾尔自治区"}
_STYLE = {"national.project": "plain", "hunan.dept-overall": "plain", "sichuan.project": "nature", "xinjiang.project": "rule"}
_XINJIANG_RULES = {"count": "按照完成比例赋分", "percent": "按照完成比例赋分", "cost": "按照完成比例赋分", "deadline": "直接赋分",
                   "qualitative": "按评判等级赋分", "satisfaction": "满意度赋分"}
_AT_LEAST = ("≥{n}{u}", ">={n}{u}", "不少于{n}{u}", "{n}{u}以上")
_AT_MOST = ("≤{n}{u}", "<={n}{u}", "不超过{n}{u}")
_MONTH_END = {10: 31, 11: 30, 12: 31}


def _row_case(rng: random.Random, case_id: str, year: int, rules: str) -> dict:
    province = _PROVINCE.get(rules) or rng.choice(sorted(PLACES))
    head = _case_head(rng, case_id, year, province)
    dept = rules == "hunan.dept-overall"
    budget = _money(rng, 80, 2000) if dept else _money(rng, 5, 500)
    executed = _share(rng, budget, 0.85, 1.0)
    initial = budget if rng.random() < 0.6 else _share(rng, budget, 0.7, 1.0)
    style = _STYLE[rules]
    used: set[str] = set()
    rows = [_row(rng, kind, weight, group, style, budget, executed, year, used) for kind, weight, group in _LAYOUTS[rules]]
    sheet = {
        "id": "dept-overall" if dept else "project-1",
        "title": "部门整体支出绩效自评表" if dept else rng.choice(PROJECT_NAMES),
        "rules": rules,
        "inputs": {"budget_initial": fmt(initial), "budget": fmt(budget), "executed": fmt(executed)},
        "claims": {},
        "rows": rows,
        "stated_rates": [_stated("执行率", executed, budget)],
    }
    if dept:
        # Hunan's form prints each 一级指标's weight beside it, and units fill in its subtotal.
        weights: dict[str, int] = {}
        for row in rows:
            weights[row["group"][0]] = weights.get(row["group"][0], 0) + int(row["weight"])
        sheet["subtotals"] = [{"group": [g], "weight": str(w)} for g, w in weights.items()]
    return {"format": 1, "case": head, "sheets": [sheet]}


def _row(rng, kind, weight, group1, style, budget, executed, year, used) -> dict:
    """One indicator row of the given kind, written in the sheet's style."""
    row: dict = {"weight": str(weight)}
    if kind == "count":
        name, unit, low, high = _pick(rng, COUNT_ROWS, used)
        target = rng.randint(low, high)
        # met, within a sixth above the target (far above would be flagged as a target set too low)
        actual = target + rng.randint(0, target // 6) if rng.random() < 0.85 else max(1, int(target * rng.uniform(0.7, 0.97)))
        row |= {"group": [group1 or "产出指标", "数量指标"], "name": name}
        row |= _quantity(rng, style, ">=", str(target), str(actual), unit)
    elif kind == "percent":
        name, comparator, low, high = _pick(rng, PERCENT_ROWS, used)
        target = rng.randint(low, high)
        if rng.random() < 0.85:
            actual = Decimal(target if comparator == "=" else rng.randint(target, 100))
        else:
            actual = Decimal(target) - Decimal(rng.randint(5, 50)) / 10
        row |= {"group": [group1 or "产出指标", "质量指标"], "name": name}
        row |= _quantity(rng, style, comparator, str(target), fmt(actual), "%")
    elif kind == "satisfaction":
        target = rng.choice((85, 90, 95))
        actual = rng.randint(target, min(100, target + 9)) if rng.random() < 0.9 else target - rng.randint(1, 5)
        row |= {"group": [group1 or "满意度指标", "服务对象满意度指标"], "name": "服务对象满意度"}
        row |= _quantity(rng, style, ">=", str(target), str(actual), "%")
        if style == "rule":
            row["rule"] = _XINJIANG_RULES["satisfaction"]
    elif kind == "cost":
        # The cost row caps spending at the budget; the actual is what was spent.
        row |= {"group": [group1 or "产出指标", "经济成本指标" if group1 else "成本指标"], "name": "项目成本控制" if not group1 else "严格控制预算成本"}
        row |= _quantity(rng, style, "<=", fmt(budget), fmt(executed), "万元")
    elif kind == "deadline":
        name, month = _pick(rng, DEADLINE_ROWS, used)
        row |= {"group": [group1 or "产出指标", "时效指标"], "name": name,
                "target": f"{year}年{month}月{_MONTH_END[month]}日前", "actual": f"{year}年{month}月{rng.randint(1, 28)}日"}
        if style == "rule":
            row["rule"] = _XINJIANG_RULES["deadline"]
    elif kind == "timely_text":
        row |= {"group": [group1 or "产出指标", "时效指标"], "name": "完成时效", "nature": "定性",
                "target": "按时完成", "actual": rng.choice(("按时完成", "已完成", "按要求适时完成"))}
    else:  # qualitative
        second, name, wording = _pick(rng, QUALITATIVE_ROWS, used, key=1)
        phrase = rng.choice(ACHIEVED_PHRASES) if rng.random() < 0.85 else rng.choice(PARTIAL_PHRASES)
        row |= {"group": [group1 or "效益指标", second], "name": name, "target": wording, "actual": phrase}
        if style == "nature":
            row["nature"] = "定性"
        elif style == "rule":
            row["rule"] = _XINJIANG_RULES["qualitative"]
    return row


def _pick(rng: random.Random, choices: tuple, used: set[str], key: int = 0):
    """A template not yet used on this sheet (a sheet does not print the same indicator twice);
    ``key`` is the position of the indicator name in the template."""
    fresh = [c for c in choices if c[key] not in used]
    choice = rng.choice(fresh or list(choices))
    used.add(choice[key])
    return choice


def _quantity(rng: random.Random, style: str, comparator: str, target: str, actual: str, unit: str) -> dict:
    """Target and actual of a quantitative row in the sheet's style."""
    if style == "nature":  # Sichuan: 指标性质 | 指标值 | 度量单位 | 完成值
        return {"nature": {">=": "≥", "<=": "≤", "=": "＝"}[comparator], "target": target, "unit": unit, "actual": actual}
    if style == "rule":  # Xinjiang: ">=12次" against "=12次"
        spelled = {">=": ">=", "<=": "<=", "=": "="}[comparator]
        return {"rule": _XINJIANG_RULES["count"], "target": f"{spelled}{target}{unit}", "actual": f"={actual}{unit}" if rng.random() < 0.6 else f"{actual}{unit}"}
    forms = {">=": _AT_LEAST, "<=": _AT_MOST, "=": ("={n}{u}", "{n}{u}")}[comparator]
    return {"target": rng.choice(forms).format(n=target, u=unit), "actual": f"{actual}{unit}"}


# -- claims computed by the engine, and the injections -----------------------------------------


@dataclass(frozen=True)
class _Line:
    """One line of a generated sheet as the engine scores it: its point score, or its tier's range."""

    id: str
    name: str
    group: tuple[str, ...]
    weight: Decimal | None
    value: object  # a Decimal point score, (low, high, interval), or None

    @property
    def verifiable(self) -> bool:
        return isinstance(self.value, Decimal)

    @property
    def computed(self) -> Decimal | None:
        return self.value if self.verifiable else None

    @property
    def interval(self) -> bool:
        return isinstance(self.value, tuple) and self.value[2]

    @property
    def high(self) -> Decimal:
        return self.value[1]


class _Claimed:
    """A generated sheet with the claims the engine computes for it, ready for one injection."""

    def __init__(self, data: dict, library: RuleLibrary, engine: LeanEngine):
        self.data = data
        self.sheet = data["sheets"][0]
        case = validate_case(data)
        self.rules = choose_rules(library, case, case.sheets[0])
        lean = engine.lines(case, case.sheets[0], data["case"]["id"], library)
        # what is said of the rules themselves (a released version edited since) is no flaw of the sheet
        flagged = [f for f in lean.findings.kept if f.code != "rules_modified"]
        if flagged:
            raise GeneratorError(f"{data['case']['id']}: 生成的无错表被引擎标记：" + "；".join(f.message for f in flagged))
        self.results = {
            ind_id: _Line(ind_id, name, group, weight, value)
            for ind_id, name, group, weight, value in zip(lean.ids, lean.names, lean.groups, lean.weights, lean.values)
        }
        self.values: dict[str, Decimal] = {}
        for ind in self.results.values():
            if ind.verifiable:
                value = ind.computed
            elif ind.interval:
                value = ind.high  # units claim the top of the tier
            else:
                raise GeneratorError(f"{data['case']['id']}: 指标“{ind.name}”无法核验，生成的数据不完整")
            self._write(ind.id, value)
        self.deducted = Decimal(0)
        for d, points in zip(self.rules.deductions, lean.deductions):
            if points:
                self.sheet["claims"][d.id] = f"-{_score_text(points)}"
                self.deducted += points
        self.sheet["claimed_total"] = _score_text(sum(self.values.values(), Decimal(0)) - self.deducted)
        for sub in self.sheet.get("subtotals", []):
            sub["claimed"] = _score_text(sum((v for k, v in self.values.items() if self._group(k) == tuple(sub["group"])), Decimal(0)))

    # -- writing claims --

    def _row_index(self, ind_id: str) -> int | None:
        return int(ind_id[3:]) - 1 if ind_id.startswith("row") and ind_id[3:].isdigit() else None

    def _group(self, ind_id: str) -> tuple[str, ...]:
        return self.results[ind_id].group[:1]

    def _write(self, ind_id: str, value: Decimal) -> None:
        self.values[ind_id] = value
        index = self._row_index(ind_id)
        if index is not None:
            self.sheet["rows"][index]["claimed"] = _score_text(value)
        else:
            self.sheet["claims"][ind_id] = _score_text(value)

    def _reclaim(self, ind_id: str, value: Decimal) -> None:
        """Change one claim the way a unit would: its subtotal and total follow, so they still add up."""
        change = value - self.values[ind_id]
        self._write(ind_id, value)
        self.sheet["claimed_total"] = _score_text(Decimal(self.sheet["claimed_total"]) + change)
        for sub in self.sheet.get("subtotals", []):
            if tuple(sub["group"]) == self._group(ind_id):
                sub["claimed"] = _score_text(Decimal(sub["claimed"]) + change)

    def _injection(self, cls: str, place: str, target: str, name: str, detail: str) -> dict:
        return {
            "class": cls, "expected_code": ERROR_CLASSES[cls][0], "case_id": self.data["case"]["id"],
            "sheet_id": self.sheet["id"], "rules": self.rules.ref, "place": f"{self.sheet['id']}.{place}",
            "target": target, "name": name, "detail": detail,
        }

    # -- which injections fit this sheet --

    def applicable(self, rng: random.Random) -> dict:
        """Error class → a function that injects it; only classes this sheet can carry."""
        out = {
            "claim_above_weight": lambda: self._above_weight(rng),
            "parts_not_adding_up": lambda: self._parts(rng),
        }
        if self._over_candidates():
            out["over_claim"] = lambda: self._over(rng)
        if self.sheet.get("stated_rates"):
            out["stated_rate_wrong"] = lambda: self._rate(rng)
        if self._missing_candidates():
            out["missing_figure"] = lambda: self._missing(rng)
        if self._phrase_candidates():
            out["unknown_phrase"] = lambda: self._phrase(rng)
        return out

    def _over_candidates(self) -> list[str]:
        return [i for i, ind in self.results.items() if ind.verifiable and ind.weight - self.values[i] >= Decimal("0.12")]

    def _over(self, rng: random.Random) -> dict:
        ind_id = rng.choice(self._over_candidates())
        ind = self.results[ind_id]
        old = self.values[ind_id]
        room = ind.weight - old
        raised = old + Decimal(rng.randint(10, int(min(room, Decimal(3)) * 100) - 1)) / 100
        if decimals_of(raised.normalize()) == 0:
            # A whole-number claim is compared at zero decimals, where 9.5 may round up to it.
            raised += CENT if raised - old < Decimal("0.6") else -CENT
        self._reclaim(ind_id, raised)
        return self._injection("over_claim", ind_id, ind_id, ind.name, f"“{ind.name}”按规则应得 {fmt(old)} 分，自评改为 {_score_text(raised)} 分")

    def _above_weight(self, rng: random.Random) -> dict:
        ind_id = rng.choice(sorted(self.results))
        ind = self.results[ind_id]
        claimed = ind.weight + rng.choice((Decimal("0.5"), Decimal(1), Decimal(2), round_half_up(ind.weight / 5, 1)))
        self._reclaim(ind_id, claimed)
        return self._injection("claim_above_weight", ind_id, ind_id, ind.name, f"“{ind.name}”分值 {fmt(ind.weight)} 分，自评填 {_score_text(claimed)} 分")

    def _parts(self, rng: random.Random) -> dict:
        subs = [i for i, s in enumerate(self.sheet.get("subtotals", [])) if "claimed" in s]
        slips = (Decimal("0.1"), Decimal("0.5"), Decimal(1), Decimal(2), Decimal(5), Decimal(10))
        if subs and rng.random() < 0.5:
            i = rng.choice(subs)
            sub = self.sheet["subtotals"][i]
            old, limit = Decimal(sub["claimed"]), Decimal(sub["weight"])
            # a slip a unit could make: the subtotal stays within [0, its printed weight]
            delta = rng.choice([d for d in slips if old - d >= 0 or old + d <= limit])
            new = old - delta if old + delta > limit else old + delta
            sub["claimed"] = _score_text(new)
            label = "/".join(sub["group"])
            return self._injection("parts_not_adding_up", f"subtotals[{i}]", f"subtotals[{i}]", label, f"“{label}”小计由 {_score_text(old)} 改为 {_score_text(new)}，与各项合计不符")
        delta = rng.choice(slips)
        old = Decimal(self.sheet["claimed_total"])
        new = old - delta if old + delta > self.rules.info.total else old + delta
        self.sheet["claimed_total"] = _score_text(new)
        return self._injection("parts_not_adding_up", "total", "total", "合计", f"总分由各项合计 {_score_text(old)} 改填为 {_score_text(new)}")

    def _rate(self, rng: random.Random) -> dict:
        i = rng.randrange(len(self.sheet["stated_rates"]))
        rate = self.sheet["stated_rates"][i]
        right = Decimal(rate["stated"].rstrip("%"))
        model = validate(schema.StatedRate, rate)
        for _ in range(100):
            # a slip a unit could make, far enough from the rate that its printed amounts allow
            wrong = right + Decimal(rng.choice((-1, 1)) * rng.randint(1, 80)) / 100
            if wrong > 0 and not consistent(replace(model, stated=f"{fmt(wrong)}%")):
                break
        else:
            raise GeneratorError(f"无法为“{rate['label']}”构造与金额不符的比率")
        rate["stated"] = f"{fmt(wrong)}%"
        return self._injection("stated_rate_wrong", f"stated_rates[{i}]", f"stated_rates[{i}]", rate["label"], f"“{rate['label']}”应为 {fmt(right)}%，写成 {rate['stated']}")

    def _missing_candidates(self) -> list[str]:
        # only a figure some formula reads is missed when it is left out
        return [n for n in self.sheet["inputs"] if self.rules.inputs[n].default is None and n in self.rules.required_inputs]

    def _missing(self, rng: random.Random) -> dict:
        name = rng.choice(self._missing_candidates())
        del self.sheet["inputs"][name]
        label = self.rules.inputs[name].label
        return self._injection("missing_figure", f"inputs.{name}", name, label, f"“{label}”（{name}）空着未填")

    def _phrase_candidates(self) -> list[str]:
        return [i for i, ind in self.results.items() if ind.interval]

    def _phrase(self, rng: random.Random) -> dict:
        ind_id = rng.choice(self._phrase_candidates())
        row = self.sheet["rows"][self._row_index(ind_id)]
        known = self.rules.rows.vocabulary
        graded = [w for w, _ in self.rules.rows.strength]
        # a phrase with a strength word ("成效明显") can be ranked against a graded target
        fresh = [
            p for p in UNKNOWN_PHRASES
            if normalize_phrase(p) not in known and normalize_phrase(p) != normalize_phrase(row.get("target") or "")
            and not any(w in normalize_phrase(p) for w in graded)
        ]
        if not fresh:
            raise GeneratorError(f"规则集 {self.rules.ref} 的词表已收录全部备选用语，无法注入“用语不在词表中”")
        old, row["actual"] = row["actual"], rng.choice(fresh)
        return self._injection("unknown_phrase", ind_id, ind_id, row["name"], f"“{row['name']}”完成值由“{old}”改为词表中没有的“{row['actual']}”")
