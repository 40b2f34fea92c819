"""The Sichuan 2024 部门整体支出绩效自评表 rules written by hand, as plain Python on Decimals.

This is the benchmark's "practical speed limit": what a programmer would write for this one
sheet without any rule file, expression sandbox or trace.  It reads no rule file: every weight,
band edge, not-applicable clause and the regional parameter N are written here from the printed
rules (formulas/sichuan/dept-overall-2024.toml quotes them in `rule_text`, and its `decision`
keys say how the file reads the ambiguous ones; this module reads them the same way).

Semantics, kept identical to the engine so the two can be compared digit for digit:

* arithmetic in a decimal context of 28 significant digits, half-even, exponents within ±999,
  with division by zero and invalid operations trapped (the engine's sandbox context), and each
  formula evaluated in the order the rule writes it (``a / b * w``, not ``a * w / b``), because
  the 28th digit of a quotient can decide a half-up rounding;
* a not-applicable clause is tried before the formula it guards, so a division it guards is never
  evaluated; only the inputs the path taken reads are needed;
* each part is capped to [0, part weight], the parts are summed, the sum capped to
  [0, indicator weight], then rounded half-up to 2 decimals;
* an indicator is unverifiable (``None``) when any of its parts needs an input that is
  undisclosed, missing or invalid, when a clause leaves it to an evaluator's judgement, or when
  a formula cannot be computed on the figures (a division by zero): the engine reports no
  computed score in all three cases;
* deductions: 1 point per finding, no cap per item; the total never goes below 0;
* an amount about ten thousand times another it is held against (an amount in 元 in a 万元 column),
  a balance above the budget it is part of, procurement savings above the budget or a payment
  with none left, and a part above its whole (年终 above 年初 targets, a count of stage projects
  above their number, …) leave the indicator unverifiable, as the checks of
  sichuan.dept-overall@2024.3 do, and a fund spent with no budget as 2024.4 does (`_slipped`).

Inputs are a plain ``dict`` of name → ``Decimal`` (``bool`` for the one flag) holding only the
inputs that can be used: an undisclosed, missing or invalid input is simply absent, so reading it
raises ``KeyError``, which makes the indicator unverifiable.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import (
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    Context,
    Decimal,
    DivisionByZero,
    InvalidOperation,
    Overflow,
    localcontext,
)

# The engine's sandbox context: results of / and * are rounded to 28 significant digits exactly
# as there, so a quotient such as 4/6 has the same last digit on both sides.
CONTEXT = Context(prec=28, rounding=ROUND_HALF_EVEN, Emin=-999, Emax=999, traps=[InvalidOperation, DivisionByZero, Overflow])

ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)
CENT = Decimal("0.01")
MAX_FIGURE = Decimal("1e15")  # a figure this large is refused as a slip, as the engine does

# 2024年区直行政事业单位人均资产变化率平均值 N（%）, printed in the 评分说明 of 人均资产变化率.
N = Decimal("-4.63")
N_08 = Decimal("0.8") * N  # −3.704: the edge is 0.8N, not the printed rounded "−3.704%"
N_05 = Decimal("0.5") * N  # −2.315: the printed "−2.32%" is a rounded value, not the edge

W = {  # indicator weights as printed
    "duty_performance": Decimal(10), "budget_quality": Decimal(8), "spending_progress": Decimal(9),
    "year_end_balance": Decimal(8), "general_spending": Decimal(6), "per_capita_assets": Decimal(3),
    "asset_utilization": Decimal(3), "asset_revitalization": Decimal(3), "sme_support": Decimal(3),
    "procurement_execution": Decimal(3), "decision_process": Decimal(4), "target_setting": Decimal(4),
    "project_registration": Decimal(4), "execution_direction": Decimal(5), "project_adjustment": Decimal(6),
    "execution_result": Decimal(4), "target_completion": Decimal(6), "target_deviation": Decimal(6),
    "realized_effect": Decimal(5),
}
INDICATORS: tuple[str, ...] = tuple(W)
DEDUCTIONS: tuple[str, ...] = ("finance_rules", "finance_posts", "funds_use", "performance_issues", "cooperation")

_W1_5 = Decimal("1.5")
_W1 = Decimal(1)
_W2 = Decimal(2)
_W3 = Decimal(3)
_B2_4, _B1_8, _B1_2 = Decimal("2.4"), Decimal("1.8"), Decimal("1.2")
_SIXTY, _EIGHTY = Decimal(60), Decimal(80)
_R02, _R04 = Decimal("0.2"), Decimal("0.4")

# (type, minimum) of every input the sheet takes; a value below its minimum, a count that is not
# whole, or a figure of 10^15 or more is invalid and the indicators needing it unverifiable.
INPUTS: dict[str, tuple[str, Decimal | None]] = {
    "duty_targets_set": ("count", ONE),
    **{name: ("count", ZERO) for name in (
        "duty_targets_met", "stage_projects", "stage_no_exante", "stage_target_mismatch", "stage_late_registered",
        "stage_misdirected", "adjust_needed", "adjust_missed", "annual_projects", "annual_low_balance",
        "stage_low_balance", "stage_quantity_met", "quantity_completed", "quantity_within_30", "stage_benefit_met",
    )},
    **{name: ("amount", ZERO) for name in (
        "budget_executed", "budget_adjusted", "transfer_budget", "transfer_spent", "bond_budget", "bond_spent",
        "special_budget", "special_spent", "dept_budget_total", "year_end_unspent", "general_budget_prev",
        "general_budget_cur", "general_exec_prev", "general_exec_cur", "furniture_overage", "furniture_total",
        "equipment_overage", "equipment_total", "idle_assets_cur", "total_assets_cur", "idle_assets_prev",
        "total_assets_prev", "procurement_paid", "procurement_budget", "procurement_savings",
    )},
    "asset_change_rate": ("percent", None),  # may be negative
    "sme_noncompliant": ("flag", None),
}
# 项目入库 says “（默认满分）”: a late-registration count that is not reported counts as 0.
DEFAULTS: dict[str, Decimal] = {"stage_late_registered": ZERO}

_Failure = (KeyError, ArithmeticError)  # an input that cannot be used, or a formula that fails


def _cap(value: Decimal, weight: Decimal) -> Decimal:
    """Limit to [0, weight]: every part and indicator of this sheet has the default cap."""
    if value < ZERO:
        return ZERO
    if value > weight:
        return weight
    return value


def _done(total: Decimal, weight: Decimal) -> Decimal:
    """The indicator's score: the parts' sum capped to [0, weight], rounded half-up to 2 decimals."""
    return _cap(total, weight).quantize(CENT, ROUND_HALF_UP)


def _ratio_part(x: dict, part: str, whole: str, weight: Decimal) -> Decimal:
    """part ÷ whole × weight, the whole weight when whole is 0 (the rule's stated no-such-funds case)."""
    w = x[whole]
    if w == ZERO:
        return weight
    return _cap(x[part] / w * weight, weight)


# -- 总体绩效 -----------------------------------------------------------------------------------


def duty_performance(x: dict) -> Decimal | None:
    """履职效能 (10): 年终完成目标数 ÷ 年初目标设置总数 × 10."""
    w = W["duty_performance"]
    try:
        return _done(_cap(x["duty_targets_met"] / x["duty_targets_set"] * w, w), w)
    except _Failure:
        return None


def budget_quality(x: dict) -> Decimal | None:
    """预算编制质量 (8): (1 − |执行数 − 调整预算数| ÷ 调整预算数) × 8; deviation both ways counts."""
    w = W["budget_quality"]
    try:
        adjusted = x["budget_adjusted"]
        deviation = abs(x["budget_executed"] - adjusted) / adjusted
        return _done(_cap((ONE - deviation) * w, w), w)
    except _Failure:
        return None


def spending_progress(x: dict) -> Decimal | None:
    """支出执行进度 (9): three parts of 3 — transfer funds, special bonds, special projects —
    each spent ÷ budget × 3, a part with no such funds (budget 0) full marks."""
    try:
        total = (_ratio_part(x, "transfer_spent", "transfer_budget", _W3)
                 + _ratio_part(x, "bond_spent", "bond_budget", _W3)
                 + _ratio_part(x, "special_spent", "special_budget", _W3))
        return _done(total, W["spending_progress"])
    except _Failure:
        return None


def year_end_balance(x: dict) -> Decimal | None:
    """预算年终结余 (8): (1 − 注销和结转金额 ÷ 部门预算总金额) × 8."""
    w = W["year_end_balance"]
    try:
        rate = x["year_end_unspent"] / x["dept_budget_total"]
        return _done(_cap((ONE - rate) * w, w), w)
    except _Failure:
        return None


def general_spending(x: dict) -> Decimal | None:
    """严控一般性支出 (6): 1.5 for any cut of the budget, 1.5 for any cut of execution, plus 0.2
    per 1% budget cut (≤ 1) and 0.4 per 1% execution cut (≤ 2), cuts counted continuously; none
    where the year before had none."""
    try:
        # nothing the year before (a unit new this year): no cut to count (sichuan.dept-overall@2024.6)
        budget_prev, exec_prev = x["general_budget_prev"], x["general_exec_prev"]
        budget_cut = (budget_prev - x["general_budget_cur"]) / budget_prev * HUNDRED if budget_prev > ZERO else ZERO
        exec_cut = (exec_prev - x["general_exec_cur"]) / exec_prev * HUNDRED if exec_prev > ZERO else ZERO
        total = ((_W1_5 if budget_cut > ZERO else ZERO)
                 + (_W1_5 if exec_cut > ZERO else ZERO)
                 + _cap(_R02 * budget_cut, _W1)
                 + _cap(_R04 * exec_cut, _W2))
        return _done(total, W["general_spending"])
    except _Failure:
        return None


def per_capita_assets(x: dict) -> Decimal | None:
    """人均资产变化率 (3): Y ≤ N → 3; N < Y ≤ 0.8N → 2; 0.8N < Y ≤ 0.5N → 1; Y > 0.5N → 0
    (upper edges included, lower excluded, as printed)."""
    try:
        y = x["asset_change_rate"]
    except KeyError:
        return None
    if y <= N:
        score = _W3
    elif y <= N_08:
        score = _W2
    elif y <= N_05:
        score = _W1
    else:
        score = ZERO
    return _done(score, W["per_capita_assets"])


def asset_utilization(x: dict) -> Decimal | None:
    """资产利用率 (3): overage ÷ total × 1.5 for furniture and for equipment; none of a kind → 1.5."""
    try:
        total = (_ratio_part(x, "furniture_overage", "furniture_total", _W1_5)
                 + _ratio_part(x, "equipment_overage", "equipment_total", _W1_5))
        return _done(total, W["asset_utilization"])
    except _Failure:
        return None


def asset_revitalization(x: dict) -> Decimal | None:
    """资产盘活率 (3): no idle assets this year → 3; idle assets new this year → 0; else the
    change ratio (cur idle share ÷ prev idle share × 100): ≤60 → 2.4, ≤80 → 1.8, ≤100 → 1.2, >100 → 0."""
    w = W["asset_revitalization"]
    try:
        idle_cur = x["idle_assets_cur"]
        if idle_cur == ZERO:
            return _done(w, w)
        idle_prev = x["idle_assets_prev"]
        if idle_prev == ZERO:
            return _done(ZERO, w)
        ratio = (idle_cur / x["total_assets_cur"]) / (idle_prev / x["total_assets_prev"]) * HUNDRED
    except _Failure:
        return None
    if ratio <= _SIXTY:
        score = _B2_4
    elif ratio <= _EIGHTY:
        score = _B1_8
    elif ratio <= HUNDRED:
        score = _B1_2
    else:
        score = ZERO
    return _done(score, w)


def sme_support(x: dict) -> Decimal | None:
    """支持中小企业发展 (3): 0 when the share for small enterprises was not reserved, else 3."""
    w = W["sme_support"]
    try:
        return _done(ZERO if x["sme_noncompliant"] else w, w)
    except KeyError:
        return None


def procurement_execution(x: dict) -> Decimal | None:
    """采购执行率 (3): paid ÷ (budget − savings) × 3; nothing to buy (budget − savings = 0) → 3."""
    w = W["procurement_execution"]
    try:
        base = x["procurement_budget"] - x["procurement_savings"]
        if base == ZERO:
            return _done(w, w)
        return _done(_cap(x["procurement_paid"] / base * w, w), w)
    except _Failure:
        return None


# -- 项目绩效 -----------------------------------------------------------------------------------


def _stage_deduct(x: dict, bad: str, weight: Decimal) -> Decimal | None:
    """weight − bad ÷ stage projects × weight; no stage projects is left to an evaluator."""
    try:
        stage = x["stage_projects"]
        if stage == ZERO:
            return None  # judgement: 评分说明 sends the evaluator to other projects
        return _done(_cap(weight - x[bad] / stage * weight, weight), weight)
    except _Failure:
        return None


def _stage_share(x: dict, good: str, weight: Decimal) -> Decimal | None:
    """good ÷ stage projects × weight; no stage projects is left to an evaluator."""
    try:
        stage = x["stage_projects"]
        if stage == ZERO:
            return None  # judgement
        return _done(_cap(x[good] / stage * weight, weight), weight)
    except _Failure:
        return None


def decision_process(x: dict) -> Decimal | None:
    """决策程序 (4): 4 − 未履行事前评估的阶段项目 ÷ 阶段项目总数 × 4."""
    return _stage_deduct(x, "stage_no_exante", W["decision_process"])


def target_setting(x: dict) -> Decimal | None:
    """目标设置 (4): 4 − 目标不匹配的阶段项目 ÷ 阶段项目总数 × 4."""
    return _stage_deduct(x, "stage_target_mismatch", W["target_setting"])


def project_registration(x: dict) -> Decimal | None:
    """项目入库 (4): 4 − 逾期入库 ÷ 阶段项目总数 × 4; no stage projects → 4 (默认满分)."""
    w = W["project_registration"]
    try:
        stage = x["stage_projects"]
        if stage == ZERO:
            return _done(w, w)
        return _done(_cap(w - x["stage_late_registered"] / stage * w, w), w)
    except _Failure:
        return None


def execution_direction(x: dict) -> Decimal | None:
    """执行同向 (5): 5 − 列支方向不符 ÷ 阶段项目总数 × 5 (the printed “4 − …× 5” read as 5 − …)."""
    return _stage_deduct(x, "stage_misdirected", W["execution_direction"])


def project_adjustment(x: dict) -> Decimal | None:
    """项目调整 (6): 6 − 应采未采 ÷ 应采取处置措施的项目 × 6 (printed “4 − …”); none needed → 6."""
    w = W["project_adjustment"]
    try:
        needed = x["adjust_needed"]
        if needed == ZERO:
            return _done(w, w)
        return _done(_cap(w - x["adjust_missed"] / needed * w, w), w)
    except _Failure:
        return None


def execution_result(x: dict) -> Decimal | None:
    """执行结果 (4): low-balance share of annual projects × 2 + of stage projects × 2; a kind
    with no projects → its 2."""
    try:
        total = (_ratio_part(x, "annual_low_balance", "annual_projects", _W2)
                 + _ratio_part(x, "stage_low_balance", "stage_projects", _W2))
        return _done(total, W["execution_result"])
    except _Failure:
        return None


def target_completion(x: dict) -> Decimal | None:
    """目标完成 (6): 完成数量指标的阶段项目 ÷ 阶段项目总数 × 6."""
    return _stage_share(x, "stage_quantity_met", W["target_completion"])


def target_deviation(x: dict) -> Decimal | None:
    """目标偏离 (6): 偏离度在30%内的指标 ÷ 已完成的数量指标 × 6; none completed → judgement."""
    w = W["target_deviation"]
    try:
        completed = x["quantity_completed"]
        if completed == ZERO:
            return None
        return _done(_cap(x["quantity_within_30"] / completed * w, w), w)
    except _Failure:
        return None


def realized_effect(x: dict) -> Decimal | None:
    """实现效果 (5): 完成效益指标的阶段项目 ÷ 阶段项目总数 × 5."""
    return _stage_share(x, "stage_benefit_met", W["realized_effect"])


SCORERS = (
    duty_performance, budget_quality, spending_progress, year_end_balance, general_spending,
    per_capita_assets, asset_utilization, asset_revitalization, sme_support, procurement_execution,
    decision_process, target_setting, project_registration, execution_direction, project_adjustment,
    execution_result, target_completion, target_deviation, realized_effect,
)
assert tuple(f.__name__ for f in SCORERS) == INDICATORS


@dataclass(frozen=True, slots=True)
class HandScore:
    """One sheet as the hand-written rules score it; ``None`` is unverifiable."""

    indicators: tuple[Decimal | None, ...]  # in INDICATORS order
    deductions: tuple[Decimal | None, ...]  # points deducted, in DEDUCTIONS order
    total: Decimal | None  # Σ indicators − Σ deductions, floored at 0; None if any part is unknown


# 元/万元 slips (sichuan.dept-overall@2024.2): two amounts about ten thousand times apart whose ratio is
# an ordinary one once either is read in the other's unit leave an indicator unverifiable.
_K1, _K15, _K6667, _K100 = Decimal(1000), Decimal(15000), Decimal(6667), Decimal(100000)
_K2, _K200 = Decimal(2000), Decimal(200000)
_SLIPS = (  # (the amount, the amount it is held against, the indicator, the spent-of-a-budget window or not)
    ("budget_executed", "budget_adjusted", "budget_quality", True),
    ("transfer_spent", "transfer_budget", "spending_progress", True),
    ("bond_spent", "bond_budget", "spending_progress", True),
    ("special_spent", "special_budget", "spending_progress", True),
    ("procurement_paid", "procurement_budget", "procurement_execution", True),
    ("dept_budget_total", "budget_adjusted", "year_end_balance", False),
)


# The three funds of 支出执行进度: (spent, budget).
_FUNDS = (("transfer_spent", "transfer_budget"), ("bond_spent", "bond_budget"), ("special_spent", "special_budget"))


# A part above its whole (sichuan.dept-overall@2024.3, 2024.5): (the part, the whole, the indicator).
_PART_ABOVE_WHOLE = (
    ("duty_targets_met", "duty_targets_set", "duty_performance"),
    ("furniture_overage", "furniture_total", "asset_utilization"),
    ("equipment_overage", "equipment_total", "asset_utilization"),
    ("idle_assets_cur", "total_assets_cur", "asset_revitalization"),
    ("idle_assets_prev", "total_assets_prev", "asset_revitalization"),
    ("stage_no_exante", "stage_projects", "decision_process"),
    ("stage_target_mismatch", "stage_projects", "target_setting"),
    ("stage_late_registered", "stage_projects", "project_registration"),
    ("stage_misdirected", "stage_projects", "execution_direction"),
    ("stage_low_balance", "stage_projects", "execution_result"),
    ("stage_quantity_met", "stage_projects", "target_completion"),
    ("stage_benefit_met", "stage_projects", "realized_effect"),
    ("adjust_missed", "adjust_needed", "project_adjustment"),
    ("adjust_needed", "stage_projects", "project_adjustment"),  # 2024.5
    ("annual_low_balance", "annual_projects", "execution_result"),
    ("quantity_within_30", "quantity_completed", "target_deviation"),
)


def _slipped(x: dict) -> set[str]:
    """The indicators a 元/万元 slip, a balance above the budget it is part of, procurement savings
    above the procurement budget or a payment with none left, a part above its whole, or a fund
    spent with no budget leave unverifiable."""
    out = set()
    for part_name, whole_name, indicator in _PART_ABOVE_WHOLE:
        part, whole = x.get(part_name), x.get(whole_name)
        if part is not None and whole is not None and part > whole:
            out.add(indicator)
    for a_name, b_name, indicator, spent in _SLIPS:
        a, b = x.get(a_name), x.get(b_name)
        if a is None or b is None:
            continue
        if spent:
            slip = b * _K1 < a <= b * _K15 or a * _K6667 < b <= a * _K100
        else:
            slip = b * _K2 < a <= b * _K200 or a * _K2 < b <= a * _K200
        if slip:
            out.add(indicator)
    unspent, total = x.get("year_end_unspent"), x.get("dept_budget_total")
    if unspent is not None and total is not None and unspent > total:
        out.add("year_end_balance")
    budget, savings, paid = x.get("procurement_budget"), x.get("procurement_savings"), x.get("procurement_paid")
    if budget is not None and savings is not None and (savings > budget or (paid is not None and budget - savings == ZERO and paid != ZERO)):
        out.add("procurement_execution")  # savings above the budget; a payment with no budget left
    for spent_name, budget_name in _FUNDS:  # a fund spent with no budget (sichuan.dept-overall@2024.4)
        spent, budget = x.get(spent_name), x.get(budget_name)
        if spent is not None and budget is not None and budget == ZERO and spent != ZERO:
            out.add("spending_progress")
    return out


def score(inputs: dict, findings: Sequence[Decimal | None]) -> HandScore:
    """Score one sheet from its usable inputs and its finding counts (DEDUCTIONS order)."""
    with localcontext(CONTEXT):
        scores = tuple([f(inputs) for f in SCORERS])
        slipped = _slipped(inputs)
        if slipped:
            scores = tuple([None if name in slipped else s for name, s in zip(INDICATORS, scores)])
        deductions = tuple([None if n is None else n * ONE for n in findings])  # 1 point per finding
        total = None
        if None not in scores and None not in deductions:
            total = sum(scores, ZERO) - sum(deductions, ZERO)
            if total < ZERO:
                total = ZERO  # 扣完为止: the total never goes below 0
            total = total.quantize(CENT, ROUND_HALF_UP)
    return HandScore(scores, deductions, total)


# -- reading the case table ---------------------------------------------------------------------

_PLAIN = re.compile(r"-?\d+(?:\.\d+)?\Z")
_FLAGS = {"true": True, "false": False, "是": True, "否": False}
_UNDISCLOSED = frozenset({"undisclosed", "未披露"})


class RowError(ValueError):
    """A table row the engine would refuse as a whole (an unreadable number, a bad finding count)."""


def _number(text: str) -> Decimal:
    if _PLAIN.match(text):
        return Decimal(text)
    # Written figures with thousands separators, full-width digits or "%": the project's parser
    # of written numbers (not a scoring rule), so both sides read the same figure.
    from scoring.numbers import NumberError, to_decimal

    try:
        return to_decimal(text)
    except NumberError as exc:
        raise RowError(str(exc)) from None


def _usable(kind: str, minimum: Decimal | None, value: Decimal | bool) -> bool:
    if kind == "flag":
        return isinstance(value, bool)
    if isinstance(value, bool) or value.copy_abs() >= MAX_FIGURE:
        return False
    if minimum is not None and value < minimum:
        return False
    return kind != "count" or value == value.to_integral_value()


class TableReader:
    """Turns rows of a case table (the CSV `scoring generate --csv` writes) into the plain
    inputs of `score`, given the header once."""

    def __init__(self, header: Sequence[str]):
        columns = [c.strip().lstrip("\ufeff") for c in header]
        index = {name: i for i, name in enumerate(columns)}
        self.width = len(columns)
        self.inputs = [(name, index[name], kind, minimum) for name, (kind, minimum) in INPUTS.items() if name in index]
        self.absent = [name for name in INPUTS if name not in index]
        self.findings = [index.get(f"finding:{d}") for d in DEDUCTIONS]
        self.case_id = index["case_id"]

    def read(self, cells: Sequence[str]) -> tuple[dict, tuple[Decimal | None, ...]]:
        """(usable inputs, finding counts) of one row; raises RowError for a row the engine refuses."""
        if len(cells) != self.width:
            raise RowError(f"该行有 {len(cells)} 列，表头有 {self.width} 列")
        x: dict = {}
        for name, i, kind, minimum in self.inputs:
            text = cells[i].strip()
            if not text:
                if name in DEFAULTS:
                    x[name] = DEFAULTS[name]
                continue  # missing: the indicators needing it are unverifiable
            low = text.lower()
            if low in _UNDISCLOSED:
                if name in DEFAULTS:  # 未披露 is not reported, which the default is for (as the engine)
                    x[name] = DEFAULTS[name]
                continue
            flag = _FLAGS.get(low)
            value = flag if flag is not None else _number(text)
            if _usable(kind, minimum, value):
                x[name] = value
        for name in self.absent:
            if name in DEFAULTS:
                x[name] = DEFAULTS[name]
        counts = []
        for i in self.findings:
            text = cells[i].strip() if i is not None else ""
            if not text or text.lower() in _UNDISCLOSED:
                counts.append(None)
                continue
            n = _number(text)
            if n < 0 or n != n.to_integral_value():
                raise RowError(f"发现问题数应为非负整数，得到 {text}")
            counts.append(n)
        return x, tuple(counts)
