"""Formula expressions: checked and parsed once when a rule file loads, evaluated on Decimals.

A rule expression is a pure arithmetic expression over declared names: numbers, + - * / ** %,
comparisons, ``and``/``or``/``not``, ``a if cond else b`` and a few whitelisted functions.
The whitelist below is applied to the syntax tree *before* simpleeval ever sees it, so anything
outside it (attribute access, subscripts, lambdas, comprehensions, strings, keyword arguments …)
is refused at load time with the file and key named; simpleeval then evaluates the vetted tree
and keeps its own run-time guards (e.g. on huge powers).
"""

from __future__ import annotations

import ast
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal, DecimalException

from simpleeval import SimpleEval

from .numbers import round_half_up

MAX_EXPRESSION_LENGTH = 2000
MAX_DEPTH = 40
MAX_LITERAL_DIGITS = 30


def _round(value: Decimal, digits: Decimal = Decimal(0)) -> Decimal:
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


@dataclass(frozen=True)
class Expression:
    """A vetted, parsed expression with the names it reads."""

    source: str
    tree: ast.expr
    names: frozenset[str]

    def __str__(self) -> str:
        return self.source


def compile_expression(source: str, declared: Callable[[str], bool]) -> Expression:
    """Parse and vet ``source``; ``declared(name)`` tells whether a name may be read.

    Raises ExpressionError naming the first construct that is not a pure expression,
    or the first undeclared name.
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
        raise ExpressionError(f"表达式“{text}”不是合法的表达式（语法错误：{exc.msg}）") from None
    except (ValueError, RecursionError, MemoryError):
        raise ExpressionError(f"表达式“{text}”无法解析") from None
    names: set[str] = set()
    _vet(module.body, text, declared, names, depth=0)
    return Expression(text, _decimalize(module.body), frozenset(names))


def _vet(node: ast.AST, text: str, declared: Callable[[str], bool], names: set[str], depth: int) -> None:
    if depth > MAX_DEPTH:
        raise ExpressionError(f"表达式“{text}”嵌套过深（上限 {MAX_DEPTH} 层）")
    refused = _REFUSED.get(type(node))
    if refused:
        raise ExpressionError(f"表达式“{text}”使用了不允许的写法：{refused}")
    if isinstance(node, ast.Constant):
        value = node.value
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ExpressionError(f"表达式“{text}”只能使用数字常量，不能使用 {value!r}")
        if isinstance(value, float) and not math.isfinite(value):
            raise ExpressionError(f"表达式“{text}”中的数字过大")
        digits = len(str(value)) if isinstance(value, int) else len(repr(value))
        if digits > MAX_LITERAL_DIGITS:
            raise ExpressionError(f"表达式“{text}”中的数字过长（上限 {MAX_LITERAL_DIGITS} 位）")
        return
    if isinstance(node, ast.Name):
        if node.id in FUNCTIONS:
            raise ExpressionError(f"表达式“{text}”把函数名 {node.id} 当作数值使用")
        if node.id in {"True", "False"}:
            return
        if not declared(node.id):
            raise ExpressionError(f"表达式“{text}”使用了未声明的名称 {node.id}")
        names.add(node.id)
        return
    if isinstance(node, ast.Call):
        if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS:
            called = node.func.id if isinstance(node.func, ast.Name) else ast.unparse(node.func)
            allowed = "、".join(FUNCTIONS)
            raise ExpressionError(f"表达式“{text}”调用了不允许的函数 {called}（只允许 {allowed}）")
        if node.keywords:
            raise ExpressionError(f"表达式“{text}”不允许使用关键字参数")
        if not node.args:
            raise ExpressionError(f"表达式“{text}”中函数 {node.func.id} 缺少参数")
        for arg in node.args:
            _vet(arg, text, declared, names, depth + 1)
        return
    if isinstance(node, ast.BinOp):
        if not isinstance(node.op, _ALLOWED_BINOPS):
            raise ExpressionError(f"表达式“{text}”使用了不允许的运算符 {type(node.op).__name__}")
        _vet(node.left, text, declared, names, depth + 1)
        _vet(node.right, text, declared, names, depth + 1)
        return
    if isinstance(node, ast.UnaryOp):
        if not isinstance(node.op, _ALLOWED_UNARY):
            raise ExpressionError(f"表达式“{text}”使用了不允许的运算符 {type(node.op).__name__}")
        _vet(node.operand, text, declared, names, depth + 1)
        return
    if isinstance(node, ast.Compare):
        for op in node.ops:
            if not isinstance(op, _ALLOWED_COMPARE):
                raise ExpressionError(f"表达式“{text}”使用了不允许的比较 {type(op).__name__}")
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
    raise ExpressionError(f"表达式“{text}”使用了不允许的写法：{type(node).__name__}")


class _Decimalize(ast.NodeTransformer):
    """Turn numeric literals into exact Decimals, so ``0.1`` in a rule is 0.1 and not a float."""

    def visit_Constant(self, node: ast.Constant) -> ast.Constant:
        if isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
            # ast gives the float; its repr is the shortest text that reads back to it,
            # which for any literal a rule author types is the literal itself.
            return ast.copy_location(ast.Constant(Decimal(repr(node.value))), node)
        return node


def _decimalize(tree: ast.expr) -> ast.expr:
    return _Decimalize().visit(tree)


class Evaluator:
    """Evaluates vetted expressions against a name lookup. One instance serves many sheets."""

    def __init__(self) -> None:
        self._engine = SimpleEval(functions=FUNCTIONS, names={})

    def evaluate(self, expression: Expression, names: Mapping[str, object]) -> object:
        """Evaluate ``expression``; arithmetic failures become EvaluationError with a Chinese message."""
        self._engine.names = names
        try:
            return self._engine.eval(expression.source, previously_parsed=expression.tree)
        except ZeroDivisionError:
            raise EvaluationError(f"“{expression}”出现除以零") from None
        except DecimalException as exc:
            # 0/0 raises InvalidOperation whose args name the signal DivisionUndefined
            signals = {getattr(a, "__name__", str(a)) for a in (type(exc), *(exc.args[0] if exc.args and isinstance(exc.args[0], list) else ()))}
            if signals & {"DivisionByZero", "DivisionUndefined"}:
                raise EvaluationError(f"“{expression}”出现除以零") from None
            raise EvaluationError(f"“{expression}”无法计算（{type(exc).__name__}）") from None
        except (OverflowError, MemoryError, RecursionError):
            raise EvaluationError(f"“{expression}”结果过大，无法计算") from None
        except TypeError as exc:
            raise EvaluationError(f"“{expression}”类型不匹配（{exc}）") from None
        except Exception as exc:  # simpleeval's own guards (power too large, …)
            if type(exc).__module__ == "simpleeval":
                raise EvaluationError(f"“{expression}”被安全限制拒绝（{exc}）") from None
            raise
