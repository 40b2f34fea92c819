"""A peer in the benchmark: the Sichuan 2024 部门整体 formulas as GoRules ZEN expressions.

ZEN (the `zen-engine` package, Rust behind a Python binding; install the `bench` extra) is a
compiled business-rules engine.  The same nineteen formulas `bench/handwritten.py` writes in
Python are written here once as one ZEN expression that returns every indicator's score, compiled
once and evaluated per sheet, so the benchmark can say where the project stands against a
compiled rules engine on the same sheets.

What is timed is what ZEN does for a sheet: the context (the figures as its Python binding takes
numbers, floats, which ZEN turns into its own decimal type) and the evaluation of the compiled
expression; the total (Σ scores − deductions, floored at 0) is added in Python, as the
hand-written code does.  ZEN returns floats: scores are compared with the hand-written ones
after rounding to the 2 decimals every score has, and an indicator whose inputs are not all
disclosed is left out (`applies`), since ZEN has no notion of an undisclosed figure short of
writing the checks into every formula; a sheet on which ZEN stops (a division by zero no clause
guards) counts as scored, with no scores.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from .handwritten import DEDUCTIONS, INDICATORS, N

try:
    import zen
except ImportError:  # the optional `bench` extra is not installed
    zen = None

N08, N05 = N * Decimal("0.8"), N * Decimal("0.5")


def _cap(value: str, weight: str) -> str:
    return f"min([max([{value}, 0]), {weight}])"


def _ratio(part: str, whole: str, weight: str) -> str:
    return f"({whole} == 0 ? {weight} : {_cap(f'{part} / {whole} * {weight}', weight)})"


def _stage(expr: str, weight: str, judged: bool = True) -> str:
    return f"(stage_projects == 0 ? {'null' if judged else weight} : round({_cap(expr, weight)}, 2))"


_BUDGET_CUT = "(general_budget_prev > 0 ? (general_budget_prev - general_budget_cur) / general_budget_prev * 100 : 0)"
_EXEC_CUT = "(general_exec_prev > 0 ? (general_exec_prev - general_exec_cur) / general_exec_prev * 100 : 0)"
_CHANGE = "((idle_assets_cur / total_assets_cur) / (idle_assets_prev / total_assets_prev) * 100)"

FORMULAS: dict[str, str] = {
    "duty_performance": f"round({_cap('duty_targets_met / duty_targets_set * 10', '10')}, 2)",
    "budget_quality": f"round({_cap('(1 - abs(budget_executed - budget_adjusted) / budget_adjusted) * 8', '8')}, 2)",
    "spending_progress": "round(" + _cap(" + ".join(_ratio(f"{k}_spent", f"{k}_budget", "3") for k in ("transfer", "bond", "special")), "9") + ", 2)",
    "year_end_balance": f"round({_cap('(1 - year_end_unspent / dept_budget_total) * 8', '8')}, 2)",
    "general_spending": "round(" + _cap(
        f"({_BUDGET_CUT} > 0 ? 1.5 : 0) + ({_EXEC_CUT} > 0 ? 1.5 : 0) + {_cap(f'0.2 * {_BUDGET_CUT}', '1')} + {_cap(f'0.4 * {_EXEC_CUT}', '2')}", "6") + ", 2)",
    "per_capita_assets": f"(asset_change_rate <= {N} ? 3 : asset_change_rate <= {N08} ? 2 : asset_change_rate <= {N05} ? 1 : 0)",
    "asset_utilization": "round(" + _cap(_ratio("furniture_overage", "furniture_total", "1.5") + " + " + _ratio("equipment_overage", "equipment_total", "1.5"), "3") + ", 2)",
    "asset_revitalization": f"(idle_assets_cur == 0 ? 3 : idle_assets_prev == 0 ? 0 : {_CHANGE} <= 60 ? 2.4 : {_CHANGE} <= 80 ? 1.8 : {_CHANGE} <= 100 ? 1.2 : 0)",
    "sme_support": "(sme_noncompliant ? 0 : 3)",
    "procurement_execution": f"(procurement_budget - procurement_savings == 0 ? 3 : round({_cap('procurement_paid / (procurement_budget - procurement_savings) * 3', '3')}, 2))",
    "decision_process": _stage("4 - stage_no_exante / stage_projects * 4", "4"),
    "target_setting": _stage("4 - stage_target_mismatch / stage_projects * 4", "4"),
    "project_registration": _stage("4 - stage_late_registered / stage_projects * 4", "4", judged=False),
    "execution_direction": _stage("5 - stage_misdirected / stage_projects * 5", "5"),
    "project_adjustment": f"(adjust_needed == 0 ? 6 : round({_cap('6 - adjust_missed / adjust_needed * 6', '6')}, 2))",
    "execution_result": "round(" + _cap(_ratio("annual_low_balance", "annual_projects", "2") + " + " + _ratio("stage_low_balance", "stage_projects", "2"), "4") + ", 2)",
    "target_completion": _stage("stage_quantity_met / stage_projects * 6", "6"),
    "target_deviation": f"(quantity_completed == 0 ? null : round({_cap('quantity_within_30 / quantity_completed * 6', '6')}, 2))",
    "realized_effect": _stage("stage_benefit_met / stage_projects * 5", "5"),
}
assert tuple(FORMULAS) == INDICATORS

# The inputs each formula reads: an indicator is compared only where they are all disclosed.
READS: dict[str, frozenset[str]] = {}


def _names(text: str) -> frozenset[str]:
    import re

    from .handwritten import INPUTS

    return frozenset(name for name in re.findall(r"[a-z_][a-z0-9_]*", text) if name in INPUTS)


for _key, _text in FORMULAS.items():
    READS[_key] = _names(_text)


class ZenPeer:
    """The Sichuan formulas compiled once as one ZEN expression; `score` evaluates a sheet."""

    def __init__(self) -> None:
        if zen is None:
            raise RuntimeError("zen-engine is not installed (pip install 'scoring[bench]')")
        inputs = sorted({name for names in READS.values() for name in names})
        body = "{" + ", ".join(f"{key}: {text}" for key, text in FORMULAS.items()) + "}"
        self.names = inputs
        self.expression = zen.compile_expression(body)

    def score(self, inputs: dict, findings) -> tuple[dict, Decimal | None]:
        """(indicator → score as ZEN gives it, total); ``inputs``: as `handwritten.TableReader` reads a row."""
        context = {name: (value if isinstance(value, bool) else float(value)) for name, value in inputs.items()}
        try:
            out = self.expression.evaluate(context)
        except RuntimeError:  # ZEN stopped: a division by zero no clause guards
            return {}, None
        total = None
        if all(out.get(k) is not None for k in INDICATORS) and None not in findings:
            points = sum((Decimal(repr(out[k])) for k in INDICATORS), Decimal(0)) - sum(findings, Decimal(0))
            total = max(points, Decimal(0)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        return out, total


def applies(inputs: dict) -> list[str]:
    """The indicators whose inputs are all disclosed and usable in ``inputs``."""
    return [k for k in INDICATORS if READS[k] <= inputs.keys()]


def agreement(peer: ZenPeer, rows: list, hands: list) -> tuple[int, int, list[str]]:
    """(indicator scores compared, agreeing, the first disagreements) of ZEN against the hand-written code."""
    compared = agreed = 0
    first: list[str] = []
    for n, ((inputs, findings), hand) in enumerate(zip(rows, hands)):
        out, _ = peer.score(inputs, findings)
        for key, mine in zip(INDICATORS, hand.indicators):
            if key not in applies(inputs) or mine is None or out.get(key) is None:
                continue
            compared += 1
            theirs = Decimal(repr(out[key])).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
            if theirs == mine:
                agreed += 1
            elif len(first) < 10:
                first.append(f"row {n}: {key}: ZEN {out[key]}, hand-written {mine}")
    return compared, agreed, first


__all__ = ["DEDUCTIONS", "FORMULAS", "ZenPeer", "agreement", "applies", "zen"]
