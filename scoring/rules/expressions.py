"""Formula expressions: checked and parsed once when a rule file loads, evaluated on Decimals.

A rule expression is a pure arithmetic expression over declared names: numbers, + - * / ** %,
comparisons, ``and``/``or``/``not``, ``a if cond else b`` and a few whitelisted functions.
The whitelist below is applied to the syntax tree *before* simpleeval ever sees it, so anything
outside it (attribute access, subscripts, lambdas, comprehensions, strings, keyword arguments …)
is refused at load time with the file and key named, and every part of an expression that reads
no name is computed once at load, so ``9**9**9`` or ``1/0`` is refused before any case is seen.
simpleeval then walks the vetted tree with only the node handlers and operators an arithmetic
expression needs (a second wall should the first one ever leak), on Decimals in a fixed decimal
context that bounds every result (28 significant digits, |exponent| < 1000): a power, product or
quotient that only becomes huge with a case's figures stops at once with a clear message.
See SECURITY.md for the whole trust model and tests/test_hostile.py for the attacks it is tested on.
"""

from __future__ import annotations

import ast
import functools
import math
import operator
import re
from collections.abc import Callable, Mapping
from decimal import (
    ROUND_CEILING,
    ROUND_FLOOR,
    ROUND_HALF_EVEN,
    Context,
    Decimal,
    DecimalException,
    DivisionByZero,
    InvalidOperation,
    Overflow,
    localcontext,
)

import simpleeval
from simpleeval import SimpleEval

from ..files.reading import FULL_WIDTH
from ..numbers import round_half_up

MAX_EXPRESSION_LENGTH = 2000
MAX_DEPTH = 40
MAX_LITERAL_DIGITS = 30
MAX_ROUND_DIGITS = 10
# simpleeval's own bound on a power's base and exponent (4 000 000), kept by our power operator.
MAX_POWER = simpleeval.MAX_POWER

# Every evaluation runs in this context, whatever the caller's: 28 significant digits (Python's
# default) and exponents within ±999, so no value an expression builds can take more than a few
# hundred bytes, and one that would overflow stops with an error instead of growing.
SANDBOX_CONTEXT = Context(
    prec=28, rounding=ROUND_HALF_EVEN, Emin=-999, Emax=999,
    traps=[InvalidOperation, DivisionByZero, Overflow],
)


def _round(value: Decimal, digits: Decimal = Decimal(0)) -> Decimal:
    if isinstance(digits, bool) or digits != int(digits) or abs(digits) > MAX_ROUND_DIGITS:
        raise EvaluationError(f"round 的小数位数应为 -{MAX_ROUND_DIGITS} 到 {MAX_ROUND_DIGITS} 之间的整数，得到 {digits}")
    return round_half_up(value, int(digits))


def _floor(value: Decimal) -> Decimal:
    return value.to_integral_value(rounding=ROUND_FLOOR)


def _ceil(value: Decimal) -> Decimal:
    return value.to_integral_value(rounding=ROUND_CEILING)


FUNCTIONS: dict[str, Callable[..., object]] = {
    "min": min,
    "max": max,
    "abs": abs,
    "round": _round,  # half-up, never banker's rounding
    "floor": _floor,
    "ceil": _ceil,
}

# How many arguments each function takes: min/max of one argument would iterate over it.
_ARITY = {"min": (2, 50), "max": (2, 50), "abs": (1, 1), "round": (1, 2), "floor": (1, 1), "ceil": (1, 1)}

# Names a rule file may not declare, since an expression could not tell them from the built-ins.
RESERVED_NAMES = frozenset(FUNCTIONS) | {"True", "False", "weight"}

_ALLOWED_BINOPS = (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.Pow, ast.Mod)
_ALLOWED_UNARY = (ast.UAdd, ast.USub, ast.Not)
_ALLOWED_COMPARE = (ast.Lt, ast.LtE, ast.Gt, ast.GtE, ast.Eq, ast.NotEq)

_REFUSED = {
    ast.Attribute: "属性访问（.）",
    ast.Subscript: "下标访问（[]）",
    ast.Lambda: "lambda 函数",
    ast.ListComp: "推导式",
    ast.SetComp: "推导式",
    ast.DictComp: "推导式",
    ast.GeneratorExp: "生成器表达式",
    ast.NamedExpr: "赋值（:=）",
    ast.JoinedStr: "格式化字符串",
    ast.Starred: "星号展开",
    ast.List: "列表",
    ast.Tuple: "元组",
    ast.Dict: "字典",
    ast.Set: "集合",
    ast.Await: "await",
    ast.Yield: "yield",
    ast.YieldFrom: "yield",
}


class ExpressionError(ValueError):
    """An expression is not allowed or cannot be parsed. The message is for rule authors."""


class EvaluationError(ArithmeticError):
    """An allowed expression failed on the given figures (e.g. a division by zero)."""


def _power(base: object, exponent: object) -> object:
    """``**`` with simpleeval's bound on base and exponent, and no infinite result (0 ** -1)."""
    if abs(base) > MAX_POWER or abs(exponent) > MAX_POWER:
        raise EvaluationError(f"乘方过大：{_short(base)} ** {_short(exponent)}（底数和指数的绝对值不得超过 {MAX_POWER}）")
    result = base ** exponent
    if isinstance(result, Decimal) and not result.is_finite():
        raise EvaluationError(f"乘方 {_short(base)} ** {_short(exponent)} 没有有限的结果（0 的负数次方）")
    return result


def _mod(left: object, right: object) -> object:
    """``%``: a zero divisor is a division by zero (Decimal would only say "invalid operation")."""
    if right == 0:
        raise ZeroDivisionError
    return left % right


def _short(value: object) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "…"


def _quote(text: str) -> str:
    """An expression as quoted in a message: long hostile ones are cut, the key already says where."""
    return text if len(text) <= 80 else text[:77] + "…"


# The only operators simpleeval is given: numbers in, numbers or truth values out.
_OPERATORS: dict[type, Callable[..., object]] = {
    ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul,
    ast.Div: operator.truediv, ast.Mod: _mod, ast.Pow: _power,
    ast.UAdd: operator.pos, ast.USub: operator.neg, ast.Not: operator.not_,
    ast.Eq: operator.eq, ast.NotEq: operator.ne, ast.Lt: operator.lt,
    ast.LtE: operator.le, ast.Gt: operator.gt, ast.GtE: operator.ge,
}
# The only syntax nodes simpleeval may walk; attribute access, subscripts, f-strings … are gone
# from its table, so even a tree that somehow skipped `_vet` could not reach an object's insides.
_NODES = (ast.Name, ast.Constant, ast.UnaryOp, ast.BinOp, ast.BoolOp, ast.Compare, ast.IfExp, ast.Call)


class Expression:
    """A vetted, parsed expression with the names it reads.

    ``run`` is the same vetted tree compiled to a Python function of one argument, the name
    lookup; it is what evaluation calls.  ``tree`` stays for simpleeval, the reference evaluator,
    and for the code generator.  Both are built from the source on first use: a rule library
    read back from the cache (`rules.cache`) holds only the sources `compile_expression` vetted
    when the files were first loaded.  An Expression built any other way (``vetted`` false) is
    never compiled: simpleeval alone walks it, behind its own wall.
    """

    __slots__ = ("source", "names", "vetted", "_tree", "_run")

    def __init__(self, source: str, tree: ast.expr | None = None, names: frozenset[str] = frozenset(), vetted: bool = False):
        self.source = source
        self.names = names
        self.vetted = vetted
        self._tree = tree
        self._run = None

    @property
    def tree(self) -> ast.expr:
        """The vetted tree, numeric literals as exact Decimals."""
        if self._tree is None:
            self._tree = _Decimalize(self.source).visit(ast.parse(self.source, mode="eval").body)
        return self._tree

    @property
    def run(self) -> Callable[[Mapping[str, object]], object] | None:
        """The compiled function of a vetted expression (None for one that was not vetted)."""
        if self._run is None and self.vetted:
            self._run = _compile(self.source)
        return self._run

    def __reduce__(self):
        # the tree and the function are rebuilt from the vetted source where they are needed
        return (Expression, (self.source, None, self.names, self.vetted))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Expression) and (self.source, self.names, self.vetted) == (other.source, other.names, other.vetted)

    def __hash__(self) -> int:
        return hash((self.source, self.names))

    def __repr__(self) -> str:
        return f"Expression({self.source!r})"

    def __str__(self) -> str:
        return self.source


# Python's syntax errors in the rule author's words (an author who types a rule in Chinese meets them).
_SYNTAX = (
    (re.compile(r"too many nested parentheses"), "括号嵌套过深"),
    (re.compile(r"'(.)' was never closed"), "“{0}”没有配对的结尾括号"),
    (re.compile(r"unmatched '(.)'"), "“{0}”没有配对的开头括号"),
    (re.compile(r"closing parenthesis '(.)' does not match opening parenthesis '(.)'"), "结尾括号“{0}”与开头括号“{1}”不配对"),
    (re.compile(r"expected 'else' after 'if' expression"), "“if”之后缺少“else”"),
    (re.compile(r"unterminated string literal"), "文字缺少结尾的引号"),
    (re.compile(r"invalid (?:decimal|hexadecimal|octal|binary) literal"), "数字写法无效（数字后紧接字母？）"),
    (re.compile(r"leading zeros in decimal integer literals"), "整数不能以 0 开头（如 05）"),
    (re.compile(r"invalid character '(.)'"), "含无效字符“{0}”"),
    (re.compile(r"invalid non-printable character"), "含不可见的字符"),
)
# What a Chinese input method types for the ASCII a formula needs.
# (case files' punctuation, and the operators a formula has besides)
_FULL_WIDTH = {**FULL_WIDTH, "＋": "+", "－": "-", "＊": "*", "／": "/", "＜": "<", "＞": ">", "＿": "_", "．": ".", "—": "-", "×": "*", "÷": "/"}


def _syntax(exc: SyntaxError, text: str) -> str:
    """What is wrong with an expression Python cannot parse, in Chinese, with where (the character
    of the whole ``text``: Python counts within the line, and an expression may span several)."""
    said = "语法错误"
    for pattern, chinese in _SYNTAX:
        found = pattern.search(exc.msg or "")
        if found:
            said = chinese.format(*found.groups())
            if found.groups() and found[1] in _FULL_WIDTH:
                said += f"（中文输入法的标点，请改用“{_FULL_WIDTH[found[1]].strip() or '空格'}”）"
            break
    if not exc.offset or said == "括号嵌套过深":
        return said
    before = sum(len(line) + 1 for line in text.split("\n")[: (exc.lineno or 1) - 1])  # the lines before, with their breaks
    return f"{said}，在第 {before + exc.offset} 个字符处"


def compile_expression(source: str, declared: Callable[[str], bool]) -> Expression:
    """Parse and vet ``source``; ``declared(name)`` tells whether a name may be read.

    Raises ExpressionError naming the first construct that is not a pure expression, the first
    undeclared name, or the first part that reads no name and cannot be computed (``9**9**9``).
    """
    if not isinstance(source, str):
        raise ExpressionError("表达式应为字符串")
    text = source.strip()
    if not text:
        raise ExpressionError("表达式为空")
    if len(text) > MAX_EXPRESSION_LENGTH:
        raise ExpressionError(f"表达式过长（{len(text)} 个字符，上限 {MAX_EXPRESSION_LENGTH}）")
    try:
        module = ast.parse(text, mode="eval")
    except SyntaxError as exc:
        raise ExpressionError(f"表达式“{_quote(text)}”不是合法的表达式（{_syntax(exc, text)}）") from None
    except (ValueError, RecursionError, MemoryError):
        raise ExpressionError(f"表达式“{_quote(text)}”无法解析") from None
    names: set[str] = set()
    _vet(module.body, text, declared, names, depth=0)
    tree = _Decimalize(text).visit(module.body)
    _fold_constants(tree, text)
    return Expression(text, tree, frozenset(names), vetted=True)


def read_through(expression: Expression, part: Expression, name: str) -> Expression | None:
    """``expression`` with each occurrence of ``part`` (the same tree, however spaced or bracketed)
    read as the name ``name`` — "executed / budget * weight" with "executed / budget" read as
    "rate" is "rate * weight" — vetted again; None where it holds no such occurrence.  An
    indicator is so scored from a value the sheet prints where the figures the value is computed
    from are not given."""
    source = _read_through(expression.source, part.source, name)
    if source is None:
        return None
    return compile_expression(source, lambda n: n in expression.names or n == name)


@functools.lru_cache(maxsize=256)
def _read_through(source: str, part: str, name: str) -> str | None:
    wanted = ast.dump(ast.parse(part, mode="eval").body)
    spans: list[tuple[int, int]] = []

    def walk(node: ast.AST) -> None:
        if isinstance(node, ast.expr) and ast.dump(node) == wanted:
            spans.append((node.col_offset, node.end_col_offset))  # the source is one line: vetted text
            return
        for child in ast.iter_child_nodes(node):
            walk(child)

    walk(ast.parse(source, mode="eval").body)
    if not spans or "\n" in source:
        return None
    # the offsets count UTF-8 bytes; rule expressions are ASCII, but a name need not be
    data = source.encode()
    for start, end in sorted(spans, reverse=True):
        data = data[:start] + name.encode() + data[end:]
    return data.decode()


# The compiled function's argument; a rule name can't begin with "_", so nothing can shadow it.
_ARG = "__names"


class _ToCompiled(ast.NodeTransformer):
    """Rewrite a vetted tree for compiling: every declared name becomes ``__names["x"]`` (a read of
    the lookup the caller passes), every Decimal literal a global ``__k<n>``, and ``**`` and ``%``
    calls of the same guarded operators simpleeval is given.  Nothing else changes, so the
    compiled function computes exactly what simpleeval computes on the tree."""

    def __init__(self) -> None:
        self.constants: dict[str, Decimal] = {}

    def visit_Name(self, node: ast.Name) -> ast.expr:
        if node.id in FUNCTIONS:
            return node
        lookup = ast.Subscript(ast.Name(_ARG, ast.Load()), ast.Constant(node.id), ast.Load())
        return ast.copy_location(lookup, node)

    def visit_Constant(self, node: ast.Constant) -> ast.expr:
        name = f"__k{len(self.constants)}"
        self.constants[name] = node.value
        return ast.copy_location(ast.Name(name, ast.Load()), node)

    def visit_BinOp(self, node: ast.BinOp) -> ast.expr:
        self.generic_visit(node)
        guarded = {ast.Pow: "__pow", ast.Mod: "__mod"}.get(type(node.op))
        if guarded is None:
            return node
        return ast.copy_location(ast.Call(ast.Name(guarded, ast.Load()), [node.left, node.right], []), node)


@functools.lru_cache(maxsize=4096)
def _compile(text: str) -> Callable[[Mapping[str, object]], object]:
    """The compiled function of an already vetted expression text.  Cached by text: rule files
    that inherit from one another share most of their expressions, and the function is pure."""
    rewriter = _ToCompiled()
    body = rewriter.visit(_Decimalize(text).visit(ast.parse(text, mode="eval").body))
    arguments = ast.arguments(posonlyargs=[], args=[ast.arg(_ARG)], kwonlyargs=[], kw_defaults=[], defaults=[])
    lambda_ = ast.fix_missing_locations(ast.Expression(ast.Lambda(arguments, body)))
    # No builtins at all: the only callables reachable are the whitelisted functions and guards.
    namespace = {"__builtins__": {}, **FUNCTIONS, "__pow": _power, "__mod": _mod, **rewriter.constants}
    return eval(compile(lambda_, "<规则表达式>", "eval"), namespace)  # noqa: S307 - a vetted tree, see above


def _vet(node: ast.AST, text: str, declared: Callable[[str], bool], names: set[str], depth: int) -> None:
    quoted = _quote(text)
    if depth > MAX_DEPTH:
        raise ExpressionError(f"表达式“{quoted}”嵌套过深（上限 {MAX_DEPTH} 层）")
    refused = _REFUSED.get(type(node))
    if refused:
        raise ExpressionError(f"表达式“{quoted}”使用了不允许的写法：{refused}")
    if isinstance(node, ast.Constant):
        value = node.value
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ExpressionError(f"表达式“{quoted}”只能使用数字常量，不能使用 {_short(repr(value))}")
        if isinstance(value, float) and not math.isfinite(value):
            raise ExpressionError(f"表达式“{quoted}”中的数字过大")
        written = ast.get_source_segment(text, node) or repr(value)
        if len(written) > MAX_LITERAL_DIGITS:
            raise ExpressionError(f"表达式“{quoted}”中的数字过长（上限 {MAX_LITERAL_DIGITS} 位）")
        exact = _literal(node, text)
        if not exact.is_zero() and abs(exact.adjusted()) >= MAX_LITERAL_DIGITS:
            raise ExpressionError(f"表达式“{quoted}”中的数字 {written} 超出范围（绝对值应在 1e-{MAX_LITERAL_DIGITS} 与 1e{MAX_LITERAL_DIGITS} 之间）")
        return
    if isinstance(node, ast.Name):
        if node.id.startswith("_"):
            # __builtins__, __import__, _x: never a figure's name; refused even if a file declares it
            raise ExpressionError(f"表达式“{quoted}”使用了以下划线开头的名称 {_short(node.id)}（不允许）")
        if node.id in FUNCTIONS:
            raise ExpressionError(f"表达式“{quoted}”把函数名 {node.id} 当作数值使用")
        if node.id in {"True", "False"}:
            return
        if not declared(node.id):
            raise ExpressionError(f"表达式“{quoted}”使用了未声明的名称 {_short(node.id)}")
        names.add(node.id)
        return
    if isinstance(node, ast.Call):
        if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS:
            called = node.func.id if isinstance(node.func, ast.Name) else ast.unparse(node.func)
            allowed = "、".join(FUNCTIONS)
            raise ExpressionError(f"表达式“{quoted}”调用了不允许的函数 {_short(called)}（只允许 {allowed}）")
        if node.keywords:
            raise ExpressionError(f"表达式“{quoted}”不允许使用关键字参数")
        if not node.args:
            raise ExpressionError(f"表达式“{quoted}”中函数 {node.func.id} 缺少参数")
        for arg in node.args:
            _vet(arg, text, declared, names, depth + 1)
        low, high = _ARITY[node.func.id]
        if not low <= len(node.args) <= high:
            wanted = f"{low} 个" if low == high else f"{low} 到 {high} 个"
            raise ExpressionError(f"表达式“{quoted}”中函数 {node.func.id} 应有 {wanted}参数，写了 {len(node.args)} 个")
        if node.func.id == "round" and len(node.args) == 2 and not _is_small_integer(node.args[1]):
            raise ExpressionError(f"表达式“{quoted}”中 round 的小数位数应写成 -{MAX_ROUND_DIGITS} 到 {MAX_ROUND_DIGITS} 之间的整数")
        return
    if isinstance(node, ast.BinOp):
        if not isinstance(node.op, _ALLOWED_BINOPS):
            raise ExpressionError(f"表达式“{quoted}”使用了不允许的运算符 {type(node.op).__name__}")
        _vet(node.left, text, declared, names, depth + 1)
        _vet(node.right, text, declared, names, depth + 1)
        return
    if isinstance(node, ast.UnaryOp):
        if not isinstance(node.op, _ALLOWED_UNARY):
            raise ExpressionError(f"表达式“{quoted}”使用了不允许的运算符 {type(node.op).__name__}")
        _vet(node.operand, text, declared, names, depth + 1)
        return
    if isinstance(node, ast.Compare):
        for op in node.ops:
            if not isinstance(op, _ALLOWED_COMPARE):
                raise ExpressionError(f"表达式“{quoted}”使用了不允许的比较 {type(op).__name__}")
        for child in (node.left, *node.comparators):
            _vet(child, text, declared, names, depth + 1)
        return
    if isinstance(node, ast.BoolOp):
        for child in node.values:
            _vet(child, text, declared, names, depth + 1)
        return
    if isinstance(node, ast.IfExp):
        for child in (node.test, node.body, node.orelse):
            _vet(child, text, declared, names, depth + 1)
        return
    raise ExpressionError(f"表达式“{quoted}”使用了不允许的写法：{type(node).__name__}")


def _is_small_integer(node: ast.expr) -> bool:
    """``2`` or ``-1``: the only way to write round's number of decimals."""
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        node = node.operand
    return (
        isinstance(node, ast.Constant) and type(node.value) is int and node.value <= MAX_ROUND_DIGITS
    )


def _literal(node: ast.Constant, text: str) -> Decimal:
    """A numeric literal as an exact Decimal, read from the text the author wrote: the float ast
    gives has already lost digits beyond the 17th (0.12345678901234567890) and turns 1e-400 into 0."""
    written = (ast.get_source_segment(text, node) or "").replace("_", "")
    try:
        return Decimal(written)
    except (ArithmeticError, ValueError):
        # 0x1F, 0o17, 0b101: integers, exact as ast gives them
        return Decimal(node.value) if isinstance(node.value, int) else Decimal(repr(node.value))


class _Decimalize(ast.NodeTransformer):
    """Turn numeric literals into exact Decimals, so ``0.1`` in a rule is 0.1 and not a float."""

    def __init__(self, text: str):
        self.text = text

    def visit_Constant(self, node: ast.Constant) -> ast.Constant:
        if isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
            return ast.copy_location(ast.Constant(_literal(node, self.text)), node)
        return node


def _reads_names(node: ast.AST) -> bool:
    return any(isinstance(n, ast.Name) for n in ast.walk(node))


@functools.lru_cache(maxsize=1)
def _reference_evaluator() -> "Evaluator":
    """One simpleeval evaluator for folding constant parts at load (building one is not free)."""
    return Evaluator(reference=True)


def _fold_constants(node: ast.expr, text: str) -> None:
    """Compute, once, every largest part of the tree that reads no name: a part that fails
    (``9**9**9``, ``1/0``, ``round(1, 99)``) can fail on no case, so the file is refused now."""
    if isinstance(node, (ast.Constant, ast.Name)):
        return
    if not _reads_names(node):
        part = ast.get_source_segment(text, node) or text
        try:
            _reference_evaluator().evaluate(Expression(part, node, frozenset()), {})
        except EvaluationError as exc:
            raise ExpressionError(f"表达式“{_quote(text)}”中的常量部分“{_quote(part)}”无法计算：{exc}") from None
        return
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.expr):
            _fold_constants(child, text)


def evaluation_failure(source: str, exc: Exception) -> EvaluationError | None:
    """The EvaluationError, with a Chinese message naming the expression, that a failure while
    evaluating ``source`` stands for; None for an exception that is not an evaluation failure
    (the engine's "figure not disclosed", a bug), which passes through unchanged."""
    if isinstance(exc, EvaluationError):
        return exc
    if isinstance(exc, ZeroDivisionError):
        return EvaluationError(f"“{_quote(source)}”出现除以零")
    if isinstance(exc, DecimalException):
        # 0/0 raises InvalidOperation whose args name the signal DivisionUndefined
        signals = {getattr(a, "__name__", str(a)) for a in (type(exc), *(exc.args[0] if exc.args and isinstance(exc.args[0], list) else ()))}
        if signals & {"DivisionByZero", "DivisionUndefined"}:
            return EvaluationError(f"“{_quote(source)}”出现除以零")
        if signals & {"Overflow"}:
            return EvaluationError(f"“{_quote(source)}”结果过大，无法计算")
        return EvaluationError(f"“{_quote(source)}”无法计算（无效运算，如负数开方或取余的结果超出精度）")
    if isinstance(exc, (OverflowError, MemoryError)):
        return EvaluationError(f"“{_quote(source)}”结果过大，无法计算")
    if isinstance(exc, RecursionError):
        return EvaluationError(f"“{_quote(source)}”计算层次过深（中间值之间的引用链过长）")
    if isinstance(exc, TypeError):
        return EvaluationError(f"“{_quote(source)}”类型不匹配（{exc}）")
    if type(exc).__module__ == "simpleeval":  # simpleeval's own guards: the second wall held
        return EvaluationError(f"“{_quote(source)}”被安全限制拒绝（{_short(str(exc))}）")
    return None


def finite_result(source: str, result: object) -> object:
    """An evaluation's result, refused when it is an infinite or NaN Decimal."""
    if isinstance(result, Decimal) and not result.is_finite():
        raise EvaluationError(f"“{_quote(source)}”没有有限的结果")
    return result


class Evaluator:
    """Evaluates vetted expressions against a name lookup. One instance serves many sheets."""

    def __init__(self, reference: bool = False) -> None:
        # reference=True walks every tree with simpleeval instead of calling the compiled function:
        # the tests run the generated corpus both ways and require identical results.
        self.reference = reference
        self._engine = SimpleEval(operators=dict(_OPERATORS), functions=dict(FUNCTIONS), names={})
        self._engine.nodes = {kind: handler for kind, handler in self._engine.nodes.items() if kind in _NODES}

    def evaluate(self, expression: Expression, names: Mapping[str, object]) -> object:
        """Evaluate ``expression``; every failure becomes EvaluationError with a Chinese message.

        Names are read through ``names`` (a mapping); an exception it raises that is not an
        arithmetic failure (e.g. the engine's "figure not disclosed") passes through unchanged.
        """
        try:
            with localcontext(SANDBOX_CONTEXT):
                if not self.reference and expression.run is not None:
                    result = expression.run(names)
                else:
                    self._engine.names = names
                    result = self._engine.eval(expression.source, previously_parsed=expression.tree)
        except Exception as exc:
            failure = evaluation_failure(expression.source, exc)
            if failure is None or failure is exc:
                raise  # not an arithmetic failure, or one already explained (a nested value, our own functions)
            raise failure from None
        return finite_result(expression.source, result)
