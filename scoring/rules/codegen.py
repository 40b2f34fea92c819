"""Straight-line Python generated from a rule set's vetted expression trees: the lean path's code.

For each rule set, one module (print it with `scoring formulas compile ID[@VERSION]`):

* ``score(x, W, D=None)`` scores every indicator of the rule set in one pass, in the order and
  with the semantics of the traced engine: not-applicable clauses first (so a division they
  guard is never evaluated), then bands or the score formula, each part capped, the parts added
  up, capped to the indicator's bounds and rounded half-up as the rule says — and nothing else:
  no trace, no name lookups through a scope, no per-expression context switch.  ``x`` holds the
  inputs that can be used (an undisclosed, missing or invalid one is absent, and reading it
  makes its part unverifiable, as in the engine); ``W`` the indicators' weights on this sheet;
  ``D``, where a failed check doubts the figures of some indicators, per indicator None or the
  index of the reason that leaves it unscored (its parts are not evaluated).  It returns, per
  indicator, the computed score, or ``(scores, why)`` of its parts when some part could not be
  scored (why: an input's name or a reason's index); and the number of parts capped.
* ``checks(x)``: the indexes of the consistency checks that fail.
* one function per row method expression (``score``/``overshoot`` over target, actual, weight, met).

Anything the lean path does not reproduce digit for digit and word for word — an arithmetic
failure (its message names the expression that failed), a parameter without a value for the
year, an intermediate value that reads ``weight`` — raises, and the caller scores that sheet on
the traced path instead.

Safety (SECURITY.md): code is emitted only from trees that `expressions.compile_expression`
vetted, by an emitter that knows only the vetted node types and refuses any other; rule names
never become Python identifiers (inputs are read as ``x['name']`` with the name as a string
literal, everything else gets a generated name); numbers are bound as Decimal objects, never
written into the source; every piece of rule text in a comment is ``repr``-escaped.  The emitted
module is then parsed and checked against a whitelist of its own (`verify`) before it is
compiled, and it runs with no builtins: the only callables it can reach are the six rule
functions, the guarded ``**`` and ``%``, and a few helpers named below.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, localcontext

from ..numbers import round_half_up
from .expressions import FUNCTIONS, SANDBOX_CONTEXT, _mod, _power
from .model import CompiledPart, Indicator, RuleSet

ARGS_SCORE = ("x", "W")
ROW_ARGS = ("target", "actual", "weight", "met")
_FUNCTION_NAMES = {"min": "_min", "max": "_max", "abs": "_abs", "round": "_round", "floor": "_floor", "ceil": "_ceil"}
_BINOPS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/"}
_GUARDED = {ast.Pow: "_pow", ast.Mod: "_mod"}
_UNARY = {ast.UAdd: "+", ast.USub: "-", ast.Not: "not "}
_COMPARE = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!="}
# Decimals this large or small can't be quantized to a few decimals in the default context:
# indicators whose bounds keep them far below are rounded inline, the others by round_half_up.
_INLINE_ROUNDING_LIMIT = Decimal("1e20")


class CodegenError(Exception):
    """A tree the emitter does not know, or emitted code outside the whitelist: never expected
    from a vetted rule set; the rule set is then scored on the traced path only."""


class NoLeanPath(Exception):
    """Raised by generated code where the lean path would not reproduce the traced one."""


class _NotANumber(Exception):
    """A score formula gave a truth value or something else that is not a number."""


def _num(value: object) -> Decimal:
    """What the engine's `number` accepts: a Decimal, or an int (from arithmetic on flags)."""
    if isinstance(value, bool) or not isinstance(value, (Decimal, int)):
        raise _NotANumber(value)
    return Decimal(value)


def _no_band(value: Decimal) -> Decimal:
    raise NoLeanPath("no band")


def _refuse() -> None:
    raise NoLeanPath("not reproduced on the lean path")


# Everything generated code can name, besides its own locals, generated constants and functions.
HELPERS: dict[str, object] = {
    **{alias: FUNCTIONS[name] for name, alias in _FUNCTION_NAMES.items()},
    "_pow": _power, "_mod": _mod, "_num": _num, "_no_band": _no_band, "_refuse": _refuse,
    "_D": Decimal, "_type": type, "_int": int, "_KeyError": KeyError, "_localcontext": localcontext,
    "_SANDBOX": SANDBOX_CONTEXT, "_rhu": round_half_up, "_HALF_UP": ROUND_HALF_UP, "_Z": Decimal(0),
}


@dataclass
class Generated:
    """One rule set's generated module: its source, and what it expects to be bound to."""

    ref: str
    sha256: str
    source: str
    constants: dict[str, Decimal]  # generated name → value
    parameters: dict[str, str]  # generated name → the rule file's parameter name
    methods: dict[tuple[str, str], str]  # (method id, "score" | "overshoot") → function name
    reasons: tuple[str, ...]  # not-applicable reasons the rule file gives for judgement clauses
    lean: bool = True  # False: some indicator always falls back to the traced path
    notes: list[str] = field(default_factory=list)


class _Emitter:
    """Python text for vetted expression trees; refuses any node a vetted tree cannot hold."""

    def __init__(self) -> None:
        self.constants: dict[str, Decimal] = {}
        self._by_text: dict[str, str] = {}
        self.parameters: dict[str, str] = {}
        self._param_names: dict[str, str] = {}

    def constant(self, value: Decimal) -> str:
        # keyed by the written form: 1 and 1.0 are equal but give results of different exponents
        key = str(value)
        name = self._by_text.get(key)
        if name is None:
            name = self._by_text[key] = f"_k{len(self._by_text)}"
            self.constants[name] = value
        return name

    def parameter(self, name: str) -> str:
        found = self._param_names.get(name)
        if found is None:
            found = self._param_names[name] = f"_p{len(self._param_names)}"
            self.parameters[found] = name
        return found

    def expr(self, node: ast.AST, name: Callable[[str], str]) -> str:
        """The text of a vetted expression; ``name`` turns a rule name into its generated read."""
        if isinstance(node, ast.Constant):
            if type(node.value) is not Decimal:
                raise CodegenError(f"constant {type(node.value).__name__}")
            return self.constant(node.value)
        if isinstance(node, ast.Name):
            return name(node.id)
        if isinstance(node, ast.BinOp):
            left, right = self.expr(node.left, name), self.expr(node.right, name)
            guarded = _GUARDED.get(type(node.op))
            if guarded:
                return f"{guarded}({left}, {right})"
            op = _BINOPS.get(type(node.op))
            if op is None:
                raise CodegenError(f"operator {type(node.op).__name__}")
            return f"({left} {op} {right})"
        if isinstance(node, ast.UnaryOp):
            op = _UNARY.get(type(node.op))
            if op is None:
                raise CodegenError(f"operator {type(node.op).__name__}")
            return f"({op}{self.expr(node.operand, name)})"
        if isinstance(node, ast.BoolOp):
            joiner = {ast.And: " and ", ast.Or: " or "}[type(node.op)]
            return "(" + joiner.join(self.expr(v, name) for v in node.values) + ")"
        if isinstance(node, ast.Compare):
            text = self.expr(node.left, name)
            for op, right in zip(node.ops, node.comparators):
                symbol = _COMPARE.get(type(op))
                if symbol is None:
                    raise CodegenError(f"comparison {type(op).__name__}")
                text += f" {symbol} {self.expr(right, name)}"
            return f"({text})"
        if isinstance(node, ast.IfExp):
            return f"({self.expr(node.body, name)} if {self.expr(node.test, name)} else {self.expr(node.orelse, name)})"
        if isinstance(node, ast.Call):
            if not isinstance(node.func, ast.Name) or node.func.id not in _FUNCTION_NAMES or node.keywords:
                raise CodegenError("call")
            return f"{_FUNCTION_NAMES[node.func.id]}({', '.join(self.expr(a, name) for a in node.args)})"
        raise CodegenError(f"node {type(node).__name__}")


def _always_decimal(node: ast.AST, kind: Callable[[str], bool]) -> bool:
    """Whether an expression can only give a Decimal (so the engine's number check always passes);
    ``kind(name)`` says it of a name.  Arithmetic on flags gives ints and min/max may return a
    flag, so anything that touches a flag is checked at run time."""
    if isinstance(node, ast.Constant):
        return type(node.value) is Decimal
    if isinstance(node, ast.Name):
        return kind(node.id)
    if isinstance(node, ast.BinOp):
        return _always_decimal(node.left, kind) and _always_decimal(node.right, kind)
    if isinstance(node, ast.UnaryOp):
        return not isinstance(node.op, ast.Not) and _always_decimal(node.operand, kind)
    if isinstance(node, ast.IfExp):
        return _always_decimal(node.body, kind) and _always_decimal(node.orelse, kind)
    if isinstance(node, ast.Call):
        return all(_always_decimal(a, kind) for a in node.args)
    return False  # comparisons and and/or/not: truth values or an operand


def _comment(text: str) -> str:
    """Rule text as a comment: escaped, so no character of it can end the comment."""
    return "# " + repr(text)[1:-1] if isinstance(text, str) else "#"


class _Module:
    """Accumulates the generated module's lines."""

    def __init__(self, rules: RuleSet):
        self.rules = rules
        self.emit = _Emitter()
        self.lines: list[str] = []
        self.reasons: list[str] = []
        self.lean = True
        self.notes: list[str] = []
        self.values: dict[tuple[int, str], str] = {}  # (indicator index, value name) → function name

    def add(self, depth: int, text: str) -> None:
        self.lines.append("    " * depth + text)

    # -- names ---------------------------------------------------------------------------------

    def reader(self, index: int | None, weight: str | None) -> Callable[[str], str]:
        """How a name is read inside indicator ``index`` (None: a consistency check)."""
        rules = self.rules

        def read(name: str) -> str:
            if name == "weight":
                if weight is None:
                    raise CodegenError("weight outside a part")
                return weight
            if index is not None and (index, name) in self.values:
                return f"{self.values[(index, name)]}(x)"
            if name in rules.parameters:
                return self.emit.parameter(name)
            if name in rules.inputs:
                return f"x[{name!r}]"
            raise CodegenError(f"undeclared name {name!r}")

        return read

    def decimal_kind(self, index: int | None) -> Callable[[str], bool]:
        rules = self.rules
        values = {v.name: v for v in rules.indicators[index].values} if index is not None else {}

        def kind(name: str) -> bool:
            if name == "weight" or name in rules.parameters:
                return True
            if name in values:
                return _always_decimal(values[name].expr.tree, kind)
            decl = rules.inputs.get(name)
            return decl is not None and decl.type != "flag"

        return kind

    # -- pieces --------------------------------------------------------------------------------

    def value_functions(self) -> None:
        """One function per intermediate value: evaluated where a path first needs it, as the
        engine does (the engine caches it for the indicator; it is pure, so recomputing it where
        a second formula reads it gives the same value and the same failure)."""
        for i, ind in enumerate(self.rules.indicators):
            for k, v in enumerate(ind.values):
                self.values[(i, v.name)] = f"_v{i}_{k}"
        for i, ind in enumerate(self.rules.indicators):
            reads_weight = _values_reading_weight(ind)
            for v in ind.values:
                fn = self.values[(i, v.name)]
                self.add(0, "")
                self.add(0, f"def {fn}(x):")
                self.add(1, _comment(f"{ind.id}.{v.name} = {v.expr.source}"))
                if v.name in reads_weight:
                    # the engine keeps the first part's weight for the whole indicator: not reproduced
                    self.add(1, "return _refuse()")
                    self.lean = False
                    self.notes.append(f"{ind.id}.{v.name} reads weight")
                    continue
                self.add(1, f"return {self.emit.expr(v.expr.tree, self.reader(i, None))}")

    def number(self, expr, index: int, weight: str) -> str:
        """A formula whose result must be a number, as the engine's `number` requires."""
        text = self.emit.expr(expr.tree, self.reader(index, weight))
        return text if _always_decimal(expr.tree, self.decimal_kind(index)) else f"_num({text})"

    def part(self, depth: int, i: int, j: int, part: CompiledPart, weight: str) -> None:
        """Statements leaving the part's capped score in s{i}_{j} (None when unscored) and why
        not in u{i}_{j}: an input's name, or the index of a judgement reason."""
        s, u = f"s{i}_{j}", f"u{i}_{j}"
        self.add(depth, f"# part {part.id!r}")
        self.add(depth, "try:")
        body = depth + 1
        if part.not_applicable:
            self.add(body, "r = None")
        for na in part.not_applicable:
            cond = self.emit.expr(na.when.tree, self.reader(i, weight))
            keyword = "if" if na is part.not_applicable[0] else "elif"
            self.add(body, f"{keyword} {cond}:")
            if na.score is None:
                self.reasons.append(na.reason)
                self.add(body + 1, f"r = {len(self.reasons) - 1}  # judgement: {_comment(na.reason)[2:]}")
            else:
                self.add(body + 1, f"r = {self.number(na.score, i, weight)}")
        if part.not_applicable:
            self.add(body, "if r is None:")
            body += 1
        if part.bands:
            self.add(body, f"b = {self.number(part.band_on, i, weight)}")
            for n, band in enumerate(part.bands):
                conditions = []
                if band.lower is not None:
                    conditions.append(f"b {'>=' if band.lower_inclusive else '>'} {self.number(band.lower, i, weight)}")
                if band.upper is not None:
                    conditions.append(f"b {'<=' if band.upper_inclusive else '<'} {self.number(band.upper, i, weight)}")
                keyword = "if" if n == 0 else "elif"
                self.add(body, f"{keyword} {' and '.join(conditions) or 'True'}:")
                self.add(body + 1, f"r = {self.number(band.score, i, weight)}")
            self.add(body, "else:")
            self.add(body + 1, "r = _no_band(b)")
        else:
            self.add(body, f"r = {self.number(part.score, i, weight)}")
        depth_after = depth + 1
        self.add(depth, "except _KeyError as e:")
        self.add(depth + 1, f"{s} = None")
        self.add(depth + 1, f"{u} = e.args[0]")
        self.add(depth, "else:")
        if any(na.score is None for na in part.not_applicable):
            self.add(depth_after, "if _type(r) is _int:")
            self.add(depth_after + 1, f"{s} = None")
            self.add(depth_after + 1, f"{u} = r")
            self.add(depth_after, "else:")
            depth_after += 1
        self.add(depth_after, f"{s} = r")
        bounds = self.cap_bounds(part.cap_min, part.cap_max, weight)
        self._cap(depth_after, s, *bounds)
        self.add(depth_after, f"if r != {s}:")
        self.add(depth_after + 1, "nc += 1")
        self.add(depth_after, f"{u} = None")

    def cap_bounds(self, low: Decimal | None, high: Decimal | None, weight: str) -> tuple[str | None, str | None]:
        """The generated text of a cap's bounds; a bound equal to the part's weight follows it."""
        return (None if low is None else self.emit.constant(low)), (None if high is None else self._bound(high, weight))

    def _bound(self, value: Decimal, weight: str) -> str:
        return weight if not weight.startswith("_k") else self.emit.constant(value)

    def _cap(self, depth: int, target: str, low: str | None, high: str | None) -> None:
        """The engine's `_cap`: the lower bound first, then the upper."""
        if low is not None and high is not None:
            self.add(depth, f"if {target} < {low}:")
            self.add(depth + 1, f"{target} = {low}")
            self.add(depth, f"elif {target} > {high}:")
            self.add(depth + 1, f"{target} = {high}")
        elif low is not None:
            self.add(depth, f"if {target} < {low}:")
            self.add(depth + 1, f"{target} = {low}")
        elif high is not None:
            self.add(depth, f"if {target} > {high}:")
            self.add(depth + 1, f"{target} = {high}")

    def indicator_total(self, depth: int, i: int, ind: Indicator, weight: str) -> None:
        """out[i]: the parts added up, capped and rounded; or the partial result."""
        n = len(ind.parts)
        scores = [f"s{i}_{j}" for j in range(n)]
        self.add(depth, f"if {' and '.join(f'{s} is not None' for s in scores)}:")
        self.add(depth + 1, f"t = _Z + {' + '.join(scores)}")
        low, high = (None if ind.cap_min is None else self.emit.constant(ind.cap_min)), (
            None if ind.cap_max is None else (weight if ind.weight_adjustable else self.emit.constant(ind.cap_max)))
        self._cap(depth + 1, "t", low, high)
        bounded = ind.cap_min is not None and ind.cap_max is not None and abs(ind.cap_min) < _INLINE_ROUNDING_LIMIT \
            and abs(ind.cap_max) < _INLINE_ROUNDING_LIMIT and not ind.weight_adjustable
        quantum = self.emit.constant(Decimal(1).scaleb(-ind.rounding))
        if bounded:  # |t| < 1e20: round_half_up's everyday case, inline (rounding passed by
            # position: Decimal.quantize parses a keyword at twice the cost of the rounding itself)
            self.add(depth + 1, f"out[{i}] = t.quantize({quantum}, _HALF_UP)")
        else:
            self.add(depth + 1, f"out[{i}] = _rhu(t, {ind.rounding})")
        self.add(depth, "else:")
        self.add(depth + 1, f"out[{i}] = ({', '.join(scores)},), ({', '.join(f'u{i}_{j}' for j in range(n))},)")

    # -- the module ----------------------------------------------------------------------------

    def build(self) -> None:
        rules = self.rules
        self.add(0, _comment(f"Generated by scoring from the vetted expression trees of {rules.ref} (sha256 {rules.sha256})."))
        self.add(0, "# Do not edit: regenerated whenever the rule file changes.")
        self.value_functions()
        self.add(0, "")
        self.add(0, "def score(x, W, D=None):")
        self.add(1, "nc = 0")
        self.add(1, f"out = [None] * {len(rules.indicators)}")
        if rules.indicators:  # a rule set of rows only scores nothing here
            self.add(1, "with _localcontext(_SANDBOX):")
        doubtable = {name for check in rules.checks for name in check.unverifiable}
        for i, ind in enumerate(rules.indicators):
            weight_name = f"w{i}" if ind.weight_adjustable else None
            self.add(2, _comment(f"{ind.id}: {ind.name} ({ind.weight})"))
            depth = 2
            if ind.id in doubtable:
                # a failed check doubts the figures: no part is evaluated (nothing capped, no
                # failure), each unscored for the check's reason, as `Engine._indicator` leaves it
                self.add(2, f"if D is not None and D[{i}] is not None:")
                for j in range(len(ind.parts)):
                    self.add(3, f"s{i}_{j} = None")
                    self.add(3, f"u{i}_{j} = D[{i}]")
                self.add(2, "else:")
                depth = 3
            if weight_name:
                self.add(depth, f"{weight_name} = W[{i}]")
            for j, part in enumerate(ind.parts):
                self.part(depth, i, j, part, weight_name or self.emit.constant(part.weight))
        for i, ind in enumerate(rules.indicators):
            self.indicator_total(1, i, ind, f"W[{i}]" if ind.weight_adjustable else self.emit.constant(ind.weight))
        self.add(1, "return out, nc")
        self.add(0, "")
        self.add(0, "def checks(x):")
        self.add(1, "bad = []")
        if rules.checks:
            self.add(1, "with _localcontext(_SANDBOX):")
            for k, check in enumerate(rules.checks):
                self.add(2, "try:")
                self.add(3, f"ok = {self.emit.expr(check.expr.tree, self.reader(None, None))}")
                self.add(2, "except (_KeyError, _ArithmeticError, _MemoryError, _RecursionError, _TypeError):")
                self.add(3, "pass  # an input missing, or the figures give no answer: nothing to check")
                self.add(2, "else:")
                self.add(3, "if not ok:")
                self.add(4, f"bad.append({k})")
        self.add(1, "return bad")
        self.methods: dict[tuple[str, str], str] = {}
        if rules.rows is not None:
            for k, (mid, method) in enumerate(rules.rows.methods.items()):
                for what in ("score", "overshoot"):
                    expr = getattr(method, what)
                    if expr is None:
                        continue
                    fn = f"_m{k}_{what}"
                    self.methods[(mid, what)] = fn
                    self.add(0, "")
                    self.add(0, f"def {fn}(target, actual, weight, met):")
                    self.add(1, _comment(f"rows.methods.{mid}.{what} = {expr.source}"))
                    self.add(1, f"return {self.emit.expr(expr.tree, _row_name)}")


def _row_name(name: str) -> str:
    if name not in ROW_ARGS:
        raise CodegenError(f"row name {name!r}")
    return name


def _values_reading_weight(ind: Indicator) -> set[str]:
    """The intermediate values that read ``weight``, directly or through another value."""
    names = {v.name: v.expr.names for v in ind.values}
    found: set[str] = set()
    changed = True
    while changed:
        changed = False
        for name, reads in names.items():
            if name not in found and ("weight" in reads or reads & found):
                found.add(name)
                changed = True
    return found


HELPERS.update({"_ArithmeticError": ArithmeticError, "_MemoryError": MemoryError, "_RecursionError": RecursionError, "_TypeError": TypeError})


def generate(rules: RuleSet) -> Generated:
    """The generated module of ``rules``, verified (raises CodegenError if it is not)."""
    module = _Module(rules)
    module.build()
    source = "\n".join(module.lines) + "\n"
    verify(source, set(module.emit.constants) | set(module.emit.parameters))
    return Generated(
        ref=rules.ref, sha256=rules.sha256, source=source, constants=module.emit.constants,
        parameters=module.emit.parameters, methods=module.methods, reasons=tuple(module.reasons),
        lean=module.lean, notes=module.notes,
    )


# -- the whitelist the emitted module is checked against ----------------------------------------

_GENERATED_NAME = re.compile(r"^(?:_k\d+|_p\d+|_v\d+_\d+|_m\d+_(?:score|overshoot)|s\d+_\d+|u\d+_\d+|w\d+)$")
_LOCALS = frozenset({"x", "W", "D", "r", "b", "t", "e", "nc", "out", "bad", "ok", "score", "checks", *ROW_ARGS})
_NODES = (
    ast.Module, ast.FunctionDef, ast.arguments, ast.arg, ast.Return, ast.Assign, ast.AugAssign, ast.If, ast.Try,
    ast.ExceptHandler, ast.With, ast.withitem, ast.Pass, ast.Expr, ast.Name, ast.Constant, ast.Subscript, ast.Tuple,
    ast.List, ast.Compare, ast.BinOp, ast.BoolOp, ast.UnaryOp, ast.IfExp, ast.Call, ast.keyword, ast.Attribute,
    ast.Load, ast.Store, ast.And, ast.Or, ast.Not, ast.UAdd, ast.USub, ast.Add, ast.Sub, ast.Mult, ast.Div,
    ast.Lt, ast.LtE, ast.Gt, ast.GtE, ast.Eq, ast.NotEq, ast.Is, ast.IsNot,
)


def verify(source: str, bound: set[str]) -> None:
    """Check an emitted module against the whitelist: only the statements and expressions the
    emitter writes, names that are its own or the helpers', attribute access only as
    ``t.quantize``/``e.args``/``bad.append``, subscripts only of its own tuples and of ``x`` by
    a string.  Raises CodegenError naming the first thing outside it."""
    try:
        tree = ast.parse(source)
    except SyntaxError as exc:
        raise CodegenError(f"generated code does not parse: {exc}") from None
    allowed = set(HELPERS) | bound | _LOCALS
    for node in ast.walk(tree):
        if not isinstance(node, _NODES):
            raise CodegenError(f"generated code holds {type(node).__name__}")
        if isinstance(node, ast.Name) and node.id not in allowed and not _GENERATED_NAME.match(node.id):
            raise CodegenError(f"generated code names {node.id!r}")
        if isinstance(node, ast.Attribute) and (node.attr, getattr(node.value, "id", None)) not in {("quantize", "t"), ("args", "e"), ("append", "bad")}:
            raise CodegenError(f"generated code reads attribute {node.attr!r}")
        if isinstance(node, ast.Subscript):
            target, index = getattr(node.value, "id", None), node.slice
            if isinstance(node.value, ast.Attribute):
                target = f"{getattr(node.value.value, 'id', '?')}.{node.value.attr}"
            by_name = target == "x" and isinstance(index, ast.Constant) and type(index.value) is str
            by_index = target in {"W", "D", "out", "e.args"} and isinstance(index, ast.Constant) and type(index.value) is int
            if not (by_name or by_index):
                raise CodegenError("generated code subscripts something else")
        if isinstance(node, ast.Constant) and not (node.value is None or type(node.value) in (str, int, bool)):
            raise CodegenError(f"generated code holds a constant of type {type(node.value).__name__}")
        if isinstance(node, ast.Call) and not (isinstance(node.func, ast.Name) or isinstance(node.func, ast.Attribute)):
            raise CodegenError("generated code calls something that is not a name")
        if isinstance(node, ast.keyword) and node.arg != "rounding":
            raise CodegenError("generated code passes a keyword argument")


def bind(generated: Generated, rules: RuleSet, parameters: dict) -> dict | None:
    """Compile the generated module with its constants and the parameters of one fiscal year
    (`engine.engine.resolved_parameters`); None when a parameter it reads has no value that year (the
    traced path says why, per sheet)."""
    namespace: dict[str, object] = {"__builtins__": {}, **HELPERS, **generated.constants}
    for name, parameter in generated.parameters.items():
        resolved = parameters.get(parameter)
        if resolved is None or isinstance(resolved, str):
            return None
        namespace[name] = resolved.value
    exec(compile(generated.source, f"<{generated.ref} generated>", "exec"), namespace)  # noqa: S102 - verified above
    return namespace


def listing(generated: Generated, rules: RuleSet, year: int, parameters: dict) -> str:
    """The generated module as `scoring formulas compile` prints it: what its generated names are
    bound to for fiscal ``year`` (numbers are bound as objects, never written into the code), then
    the code itself."""
    lines = [
        _comment(f"{rules.ref}（{rules.info.title}）, sha256 {rules.sha256}"),
        f"# Bound for fiscal year {year} when the module is loaded:",
    ]
    for name, value in generated.constants.items():
        lines.append(f"#   {name} = Decimal({str(value)!r})")
    for name, parameter in generated.parameters.items():
        resolved = parameters.get(parameter)
        if resolved is not None and not isinstance(resolved, str):
            shown = f"Decimal({str(resolved.value)!r})"
        else:
            shown = f"(no value for {year}: such sheets are scored on the traced path)"
        lines.append(_comment(f"  {name} = {shown}  parameter {parameter}: {rules.parameters[parameter].label}"))
    lines.append("# Helpers: _min _max _abs _round _floor _ceil (the rule functions), _pow and _mod (** and % with their guards),")
    lines.append("# _num (the engine's number check), _rhu (half-up rounding), _SANDBOX (the decimal context of every formula).")
    if not generated.lean:
        lines.append("# Some indicator is not reproduced here: every sheet of this rule set is scored on the traced path.")
    return "\n".join(lines) + "\n" + generated.source
