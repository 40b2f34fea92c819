"""The naive floor: the rule file's expressions handed to simpleeval as text for every sheet.

What an implementation without any compilation step does: for every sheet, every expression the
path needs (not-applicable conditions, band edges, scores, intermediate values) is parsed again
by a freshly made ``SimpleEval(...).eval(source_text)``, with the same names as the engine
(inputs, the rule set's parameters, the indicator's values, ``weight``) resolved lazily, so a
not-applicable clause still guards its division.  Numeric literals are read as Decimals (plain
simpleeval would give floats, which cannot meet Decimals), and the arithmetic runs in the same
28-digit context as the engine and the hand-written code, so the three give the same digits.

It walks the compiled rule set only for its structure (which parts, clauses and bands exist and
their weights and caps) and never uses the engine's parsed trees.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal, localcontext

from simpleeval import SimpleEval

from scoring import RuleSet
from scoring.rules.expressions import FUNCTIONS

from .handwritten import CENT, CONTEXT, ZERO, HandScore


class _Unavailable(Exception):
    """An input the path needs is not usable (not a KeyError: simpleeval would swallow that)."""


class _DecimalEval(SimpleEval):
    """simpleeval with numeric literals as exact Decimals (``0.2`` is 0.2, not a float)."""

    def _eval_constant(self, node):  # noqa: D102 - simpleeval's hook
        value = node.value
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return value
        return Decimal(value) if isinstance(value, int) else Decimal(repr(value))


def _evaluate(source: str, names: Mapping) -> object:
    # A fresh evaluator and a fresh parse every time: this is the floor being measured.
    return _DecimalEval(functions=FUNCTIONS, names=names).eval(source)


class _Names(Mapping):
    """The names one indicator may read, each resolved on first use."""

    def __init__(self, inputs: dict, parameters: dict, values: dict[str, str]):
        self.inputs = inputs
        self.parameters = parameters
        self.values = values
        self.weight = ZERO
        self.cache: dict[str, object] = {}

    def __getitem__(self, name: str) -> object:
        if name == "weight":
            return self.weight
        if name in self.cache:
            return self.cache[name]
        if name in self.values:
            value = _evaluate(self.values[name], self)
        elif name in self.parameters:
            value = self.parameters[name]
        else:
            value = self.inputs.get(name)
            if value is None:
                raise _Unavailable(name)
        self.cache[name] = value
        return value

    def __iter__(self) -> Iterator[str]:  # pragma: no cover - Mapping protocol only
        return iter(())

    def __len__(self) -> int:  # pragma: no cover
        return 0


def _cap(value: Decimal, low: Decimal | None, high: Decimal | None) -> Decimal:
    if low is not None and value < low:
        return low
    if high is not None and value > high:
        return high
    return value


class NaiveScorer:
    """Scores sheets of one formula-type rule set by re-parsing its expression texts each time."""

    def __init__(self, rules: RuleSet, year: int):
        self.rules = rules
        self.parameters = {name: p.value_for(year).value for name, p in rules.parameters.items()}
        self.indicators = [(ind, {v.name: v.expr.source for v in ind.values}) for ind in rules.indicators]
        self.blocking = [(check.expr.source, frozenset(check.unverifiable)) for check in rules.checks if check.unverifiable]

    def _blocked(self, inputs: dict) -> frozenset[str]:
        """The indicators the rule set's failed checks leave unverifiable (a check reading a figure
        that cannot be used is not made)."""
        out: frozenset[str] = frozenset()
        for source, ids in self.blocking:
            try:
                if not _evaluate(source, _Names(inputs, self.parameters, {})):
                    out |= ids
            except (_Unavailable, ArithmeticError):
                continue
        return out

    def _part(self, part, names: _Names) -> Decimal | None:
        names.weight = part.weight
        raw = None
        for na in part.not_applicable:
            if _evaluate(na.when.source, names):
                if na.score is None:
                    return None  # left to an evaluator's judgement
                raw = _evaluate(na.score.source, names)
                break
        if raw is None and part.bands:
            x = _evaluate(part.band_on.source, names)
            for band in part.bands:
                if band.lower is not None:
                    lo = _evaluate(band.lower.source, names)
                    if x < lo or (x == lo and not band.lower_inclusive):
                        continue
                if band.upper is not None:
                    hi = _evaluate(band.upper.source, names)
                    if x > hi or (x == hi and not band.upper_inclusive):
                        continue
                raw = _evaluate(band.score.source, names)
                break
            else:
                raise ArithmeticError("no band")
        elif raw is None:
            raw = _evaluate(part.score.source, names)
        return _cap(Decimal(raw), part.cap_min, part.cap_max)

    def score(self, inputs: dict, findings: Sequence[Decimal | None]) -> HandScore:
        """Score one sheet (same inputs and findings as `bench.handwritten.score`)."""
        scores = []
        with localcontext(CONTEXT):
            blocked = self._blocked(inputs) if self.blocking else frozenset()
            for ind, values in self.indicators:
                if ind.id in blocked:
                    scores.append(None)
                    continue
                names = _Names(inputs, self.parameters, values)
                total = ZERO
                for part in ind.parts:
                    try:
                        s = self._part(part, names)
                    except (_Unavailable, ArithmeticError):
                        s = None
                    if s is None:
                        total = None
                        break
                    total += s
                if total is not None:
                    total = _cap(total, ind.cap_min, ind.cap_max).quantize(CENT, rounding=ROUND_HALF_UP)
                scores.append(total)
            deductions = tuple(None if n is None else n * d.per_finding for n, d in zip(findings, self.rules.deductions))
            total = None
            if None not in scores and None not in deductions:
                total = max(sum(scores, ZERO) - sum(deductions, ZERO), ZERO).quantize(CENT, rounding=ROUND_HALF_UP)
        return HandScore(tuple(scores), deductions, total)
