"""Range analysis of rule expressions: can an indicator's formula reach its weight, or exceed it,
over the declared input ranges?

Interval arithmetic over the vetted syntax tree.  It over-estimates ranges (it ignores that two
occurrences of one name are the same value), so it can prove "never reaches the weight" — the
printed typo "4 − share × 5" for a weight-5 indicator — without false alarms on formulas that
can: whatever it cannot bound, it treats as unbounded.
"""

from __future__ import annotations

import ast
from decimal import Decimal, DecimalException

from ..numbers import fmt
from .declarations import InputDecl, Parameter
from .expressions import Expression
from .model import CompiledPart, Indicator

INF = Decimal("Infinity")
Interval = tuple[Decimal, Decimal]
FULL: Interval = (-INF, INF)
BOOL: Interval = (Decimal(0), Decimal(1))


def input_interval(decl: InputDecl) -> Interval:
    """The range an input may take, as its declaration states it."""
    if decl.type == "flag":
        return BOOL
    lo = decl.min if decl.min is not None else -INF
    hi = decl.max if decl.max is not None else INF
    return lo, hi


def parameter_interval(p: Parameter) -> Interval:
    values = [p.value] if p.value is not None else [v.value for v in p.values]
    return min(values), max(values)


class RangeEvaluator:
    """Computes intervals of expressions over named intervals and named sub-expressions."""

    def __init__(self, names: dict[str, Interval], values: dict[str, Expression]):
        self.names = dict(names)
        self.values = values

    def of(self, expr: Expression, weight: Decimal) -> Interval:
        """The interval of ``expr`` with ``weight`` set to the given weight."""
        self.names["weight"] = (weight, weight)
        try:
            return self._node(expr.tree)
        except (DecimalException, RecursionError, KeyError):
            return FULL

    def _name(self, name: str) -> Interval:
        if name not in self.names and name in self.values:
            self.names[name] = FULL  # a guard against cycles; the loader rejects them anyway
            self.names[name] = self._node(self.values[name].tree)
        return self.names.get(name, FULL)

    def _node(self, node: ast.AST) -> Interval:
        if isinstance(node, ast.Constant):
            value = Decimal(node.value) if not isinstance(node.value, Decimal) else node.value
            return value, value
        if isinstance(node, ast.Name):
            return self._name(node.id)
        if isinstance(node, ast.UnaryOp):
            lo, hi = self._node(node.operand)
            if isinstance(node.op, ast.USub):
                return -hi, -lo
            if isinstance(node.op, ast.Not):
                return BOOL
            return lo, hi
        if isinstance(node, ast.BinOp):
            a, b = self._node(node.left), self._node(node.right)
            if isinstance(node.op, ast.Add):
                return a[0] + b[0], a[1] + b[1]
            if isinstance(node.op, ast.Sub):
                return a[0] - b[1], a[1] - b[0]
            if isinstance(node.op, ast.Mult):
                return _mul(a, b)
            if isinstance(node.op, ast.Div):
                return _div(a, b)
            return FULL
        if isinstance(node, (ast.Compare, ast.BoolOp)):
            return BOOL
        if isinstance(node, ast.IfExp):
            a, b = self._node(node.body), self._node(node.orelse)
            return min(a[0], b[0]), max(a[1], b[1])
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            args = [self._node(arg) for arg in node.args]
            name = node.func.id
            if name == "min":
                return min(a[0] for a in args), min(a[1] for a in args)
            if name == "max":
                return max(a[0] for a in args), max(a[1] for a in args)
            if name == "abs":
                lo, hi = args[0]
                if lo >= 0:
                    return lo, hi
                if hi <= 0:
                    return -hi, -lo
                return Decimal(0), max(-lo, hi)
            if name in ("round", "floor", "ceil"):
                lo, hi = args[0]
                return lo - 1, hi + 1
        return FULL


def _product(x: Decimal, y: Decimal) -> Decimal:
    if x == 0 or y == 0:
        return Decimal(0)  # the bound of a zero factor is zero, even against an infinite one
    return x * y


def _mul(a: Interval, b: Interval) -> Interval:
    products = [_product(x, y) for x in a for y in b]
    return min(products), max(products)


def _quotient(x: Decimal, y: Decimal) -> Decimal:
    if y.is_infinite():
        if x.is_infinite():
            raise DecimalException("∞/∞")
        return Decimal(0)
    return x / y


def _div(a: Interval, b: Interval) -> Interval:
    if b[0] > 0:  # a strictly positive divisor: pick the bounds that keep ∞/∞ out
        if a[0] >= 0:
            return _quotient(a[0], b[1]), _quotient(a[1], b[0])
        if a[1] <= 0:
            return _quotient(a[0], b[0]), _quotient(a[1], b[1])
        return _quotient(a[0], b[0]), _quotient(a[1], b[0])
    if b[1] < 0:
        return _div((-a[1], -a[0]), (-b[1], -b[0]))
    if b == (0, 0):
        return FULL
    if b[0] >= 0:  # b in [0, hi]: the sign of a decides the sign of the result
        if a[0] >= 0:
            return _quotient(a[0], b[1]), INF
        if a[1] <= 0:
            return -INF, _quotient(a[1], b[1])
        return FULL
    if b[1] <= 0:
        lo, hi = _div((-a[1], -a[0]), (-b[1], -b[0]))
        return lo, hi
    return FULL


def reach_problems(indicator: Indicator, inputs: dict[str, InputDecl], parameters: dict[str, Parameter]) -> list[tuple[str, str]]:
    """(part label, message) for every part whose formula can never reach its weight over the
    declared inputs, or can exceed it with the cap switched off."""
    names = {n: input_interval(d) for n, d in inputs.items()}
    names.update({n: parameter_interval(p) for n, p in parameters.items()})
    ranges = RangeEvaluator(names, {v.name: v.expr for v in indicator.values})
    problems = []
    for part in indicator.parts:
        lo, hi = _part_range(part, ranges)
        label = indicator.name if indicator.single else f"{indicator.name}·{part.name}"
        for i, band in enumerate(part.bands):
            # a band whose every score lies outside 0..weight (12 of a 10-point line, -2) is a slip the cap
            # would hide (review EA A5)
            b_lo, b_hi = ranges.of(band.score, part.weight)
            if b_lo > part.weight or b_hi < 0:
                problems.append((label, f"第 {i + 1} 档的得分“{band.score.source}”在声明的输入范围内总在 0～{fmt(part.weight)} 分之外（抄错了？）"))
        if part.cap_max is not None:
            hi = min(hi, part.cap_max)
        if hi < part.weight:
            problems.append((label, f"在声明的输入范围内，公式最高只能得 {fmt(hi)} 分，永远达不到分值 {fmt(part.weight)} 分（公式抄错了？）"))
        elif part.cap_max is None and hi > part.weight:
            shown = "无上限" if hi.is_infinite() else f"{fmt(hi)} 分"
            problems.append((label, f"未设上限（cap = false），公式在声明的输入范围内可得 {shown}，超过分值 {fmt(part.weight)} 分"))
    return problems


def _part_range(part: CompiledPart, ranges: RangeEvaluator) -> Interval:
    outcomes = [ranges.of(na.score, part.weight) for na in part.not_applicable if na.score is not None]
    if part.bands:
        outcomes += [ranges.of(b.score, part.weight) for b in part.bands]
    elif part.score is not None:
        outcomes.append(ranges.of(part.score, part.weight))
    if not outcomes:
        return Decimal(0), part.weight  # only judgement: nothing to check
    return min(o[0] for o in outcomes), max(o[1] for o in outcomes)
