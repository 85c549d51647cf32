"""The small, safe expression language of criteria files.

Expressions appear in ``derived``, ``require``, ``when`` and ``formula``. They
are parsed once, at load time, with Python's ``ast`` module and a strict
whitelist of node types, then compiled into plain closures. Nothing is ever
passed to ``eval``: a name is looked up in the product's values, a call can
only reach the functions in ``FUNCTIONS``. Python's own parser was chosen over
a third-party evaluator (simpleeval, CEL) because it gives exact column
offsets for error messages, needs no dependency, and the whitelist keeps the
language as small as the criteria files need.

Missing values: a name whose value is ``None`` (blank cell, unreadable cell)
evaluates to a :class:`Missing` that remembers the names it came from; every
operation on it yields a ``Missing`` too, so a gate can say "no data: revenue"
instead of treating the blank as 0. ``and``/``or`` use three-valued logic
(``false and missing`` is false, ``true or missing`` is true) and
``present(name)`` tests for a value. Division by zero is missing as well.
"""

from __future__ import annotations

import ast
import datetime as dt
import math
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from operator import add, eq, ge, gt, le, lt, mul, ne, sub, truediv
from typing import Any

from chuluc_cli.i18n import Message, msg

MAX_EXPRESSION_LENGTH = 2_000
MAX_DEPTH = 40


class ExpressionError(ValueError):
    """An expression that is not in the language; ``offset`` is the 0-based column in it.

    ``text`` is the ``errors.expression.*`` message (shown in the user's language);
    ``message`` and ``str()`` are its English text.
    """

    def __init__(self, text: Message, offset: int = 0) -> None:
        self.text = text
        self.message = text.render("en")
        self.offset = offset
        super().__init__(self.message)


@dataclass(frozen=True)
class Missing:
    """The value of an expression that needed a value the product does not have."""

    names: tuple[str, ...]

    def __bool__(self) -> bool:  # pragma: no cover - guarded: Missing is never truth-tested
        raise TypeError("Missing has no truth value")

    def merge(self, other: Missing) -> Missing:
        """Both sets of missing names, in first-seen order."""
        return Missing(tuple(dict.fromkeys(self.names + other.names)))


DIVISION_BY_ZERO = "division by zero"
Env = Mapping[str, Any]
Evaluator = Callable[[Env], Any]


def _round_half_away(value: float, digits: int = 0) -> float:
    quantum = Decimal(1).scaleb(-int(digits))
    return float(Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP))


def _years(start: dt.date, end: dt.date) -> int:
    """Whole years from ``start`` to ``end`` (an age at a reference date)."""
    before_birthday = (end.month, end.day) < (start.month, start.day)
    return end.year - start.year - int(before_birthday)


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


FUNCTIONS: dict[str, tuple[int, int, Callable[..., Any]]] = {
    # name: (min args, max args, implementation)
    "min": (1, 20, min),
    "max": (1, 20, max),
    "abs": (1, 1, abs),
    "round": (1, 2, _round_half_away),
    "years": (2, 2, _years),
    "date": (1, 1, _date),
}
SPECIAL_FUNCTIONS = ("present",)
CONSTANTS = {"true": True, "false": False}


@dataclass(frozen=True)
class Expression:
    """A compiled expression: its source text, the names it reads, and its evaluators.

    ``_plain`` is the same expression without missing values (see :func:`_plain`): it
    gives the answer when every value it reads is there, and raises otherwise, and
    then ``_evaluate``, the three-valued evaluator, says what the answer is.
    """

    source: str
    names: frozenset[str]
    _evaluate: Evaluator
    _plain: Evaluator | None = None

    def evaluate(self, env: Env) -> Any:
        """Evaluate against ``env`` (name -> value, ``None`` = missing); may return Missing."""
        if self._plain is not None:
            try:
                return self._plain(env)
            except Exception:  # a blank, a division by zero, a mistake: the general path says
                pass
        try:
            return self._evaluate(env)
        except ZeroDivisionError:
            return Missing((DIVISION_BY_ZERO,))
        except (TypeError, ValueError, OverflowError) as error:
            raise EvaluationError(f"{self.source}: {error}") from error


class EvaluationError(ValueError):
    """A type mismatch found only at run time (e.g. a date compared with a number)."""


def compile_expression(source: str) -> Expression:
    """Parse and compile ``source``; raise ExpressionError naming the column of a mistake."""
    if not isinstance(source, str) or not source.strip():
        raise ExpressionError(msg("errors.expression.empty"))
    if len(source) > MAX_EXPRESSION_LENGTH:
        raise ExpressionError(msg("errors.expression.too_long", limit=MAX_EXPRESSION_LENGTH))
    text = source.strip()
    try:
        with warnings.catch_warnings():
            # Python's parser warns on text like "1if x" to stderr; errors are ours to report.
            warnings.simplefilter("ignore")
            tree = ast.parse(text, mode="eval")
    except SyntaxError as error:
        syntax = msg("errors.expression.syntax", detail=error.msg)
        raise ExpressionError(syntax, (error.offset or 1) - 1) from None
    except ValueError as error:  # null bytes, on Python versions before 3.11.4
        raise ExpressionError(msg("errors.expression.syntax", detail=str(error))) from None
    names: set[str] = set()
    evaluator = _Compiler(names).compile(tree.body, 0)
    return Expression(text, frozenset(names), evaluator, _plain(tree.body))


def _is_missing(value: Any) -> bool:
    return isinstance(value, Missing)


def _first_missing(values: list[Any]) -> Missing | None:
    found: Missing | None = None
    for value in values:
        if isinstance(value, Missing):
            found = value if found is None else found.merge(value)
    return found


def _lift(function: Callable[..., Any]) -> Callable[..., Any]:
    """Make ``function`` return Missing when any argument is Missing."""

    def lifted(*args: Any) -> Any:
        missing = _first_missing(list(args))
        return missing if missing is not None else function(*args)

    return lifted


def _divide(left: Any, right: Any) -> Any:
    # A value, not an exception: `a / b > 1 or true` must stay true (three-valued logic).
    if isinstance(right, int | float) and right == 0:
        return Missing((DIVISION_BY_ZERO,))
    return left / right


_BINARY: dict[type, Callable[[Any, Any], Any]] = {
    ast.Add: lambda a, b: a + b,
    ast.Sub: lambda a, b: a - b,
    ast.Mult: lambda a, b: a * b,
    ast.Div: _divide,
}
_COMPARE: dict[type, Callable[[Any, Any], bool]] = {
    ast.Eq: lambda a, b: a == b,
    ast.NotEq: lambda a, b: a != b,
    ast.Lt: lambda a, b: a < b,
    ast.LtE: lambda a, b: a <= b,
    ast.Gt: lambda a, b: a > b,
    ast.GtE: lambda a, b: a >= b,
    ast.In: lambda a, b: a in b,
    ast.NotIn: lambda a, b: a not in b,
}


class _Compiler:
    """Turns a whitelisted AST into nested closures, collecting the names it reads."""

    def __init__(self, names: set[str]) -> None:
        self.names = names

    def compile(self, node: ast.AST, depth: int) -> Evaluator:
        if depth > MAX_DEPTH:
            raise ExpressionError(msg("errors.expression.too_deep"), _offset(node))
        method = getattr(self, f"_{type(node).__name__}", None)
        if method is None:
            what = _describe(node)
            raise ExpressionError(msg("errors.expression.not_allowed", what=what), _offset(node))
        return method(node, depth + 1)

    def _Constant(self, node: ast.Constant, depth: int) -> Evaluator:
        value = node.value
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            text = msg("errors.expression.constant", value=repr(value))
            raise ExpressionError(text, _offset(node))
        if isinstance(value, float) and not math.isfinite(value):
            raise ExpressionError(msg("errors.expression.not_finite"), _offset(node))
        return lambda env: value

    def _Name(self, node: ast.Name, depth: int) -> Evaluator:
        name = node.id
        if name in CONSTANTS:
            constant = CONSTANTS[name]
            return lambda env: constant
        if name.startswith("__"):
            # Harmless here (names are only looked up), but never a field: refuse it plainly.
            raise ExpressionError(msg("errors.expression.name", name=name), _offset(node))
        self.names.add(name)

        def lookup(env: Env) -> Any:
            value = env.get(name)
            return Missing((name,)) if value is None else value

        return lookup

    def _List(self, node: ast.List, depth: int) -> Evaluator:
        items = [self.compile(item, depth) for item in node.elts]
        return lambda env: [item(env) for item in items]

    _Tuple = _List

    def _UnaryOp(self, node: ast.UnaryOp, depth: int) -> Evaluator:
        operand = self.compile(node.operand, depth)
        if isinstance(node.op, ast.Not):
            negate = _lift(lambda value: not _truth(value))
            return lambda env: negate(operand(env))
        if isinstance(node.op, ast.USub):
            minus = _lift(lambda value: -value)
            return lambda env: minus(operand(env))
        if isinstance(node.op, ast.UAdd):
            return operand
        raise ExpressionError(msg("errors.expression.operator"), _offset(node))

    def _BinOp(self, node: ast.BinOp, depth: int) -> Evaluator:
        operation = _BINARY.get(type(node.op))
        if operation is None:
            raise ExpressionError(msg("errors.expression.arithmetic"), _offset(node))
        left, right = self.compile(node.left, depth), self.compile(node.right, depth)
        lifted = _lift(operation)
        return lambda env: lifted(left(env), right(env))

    def _BoolOp(self, node: ast.BoolOp, depth: int) -> Evaluator:
        operands = [self.compile(value, depth) for value in node.values]
        is_and = isinstance(node.op, ast.And)

        def kleene(env: Env) -> Any:
            missing: Missing | None = None
            for operand in operands:
                value = operand(env)
                if isinstance(value, Missing):
                    missing = value if missing is None else missing.merge(value)
                elif _truth(value) is not is_and:
                    return not is_and
            return missing if missing is not None else is_and

        return kleene

    def _Compare(self, node: ast.Compare, depth: int) -> Evaluator:
        left = self.compile(node.left, depth)
        pairs = []
        for operator, comparator in zip(node.ops, node.comparators, strict=True):
            function = _COMPARE.get(type(operator))
            if function is None:
                raise ExpressionError(msg("errors.expression.comparison"), _offset(node))
            pairs.append((_lift(function), self.compile(comparator, depth)))

        def compare(env: Env) -> Any:
            current = left(env)
            outcome: Any = True
            for function, comparator in pairs:
                following = comparator(env)
                if isinstance(following, list):
                    missing = _first_missing(following)
                    if missing is not None:
                        return missing
                result = function(current, following)
                if isinstance(result, Missing):
                    return result
                if not result:
                    outcome = False
                current = following
            return outcome

        return compare

    def _IfExp(self, node: ast.IfExp, depth: int) -> Evaluator:
        test = self.compile(node.test, depth)
        then, otherwise = self.compile(node.body, depth), self.compile(node.orelse, depth)

        def choose(env: Env) -> Any:
            condition = test(env)
            if isinstance(condition, Missing):
                return condition
            return then(env) if _truth(condition) else otherwise(env)

        return choose

    def _Call(self, node: ast.Call, depth: int) -> Evaluator:
        if not isinstance(node.func, ast.Name) or node.keywords:
            raise ExpressionError(msg("errors.expression.plain_calls"), _offset(node))
        name = node.func.id
        if name == "present":
            return self._present(node)
        if name not in FUNCTIONS:
            known = ", ".join([*FUNCTIONS, *SPECIAL_FUNCTIONS])
            text = msg("errors.expression.unknown_function", name=name, known=known)
            raise ExpressionError(text, _offset(node))
        low, high, function = FUNCTIONS[name]
        if not low <= len(node.args) <= high:
            text = msg("errors.expression.arity", name=name, low=low, high=high)
            raise ExpressionError(text, _offset(node))
        arguments = [self.compile(argument, depth) for argument in node.args]
        lifted = _lift(function)
        return lambda env: lifted(*(argument(env) for argument in arguments))

    def _present(self, node: ast.Call) -> Evaluator:
        if len(node.args) != 1 or not isinstance(node.args[0], ast.Name):
            raise ExpressionError(msg("errors.expression.present"), _offset(node))
        name = node.args[0].id
        self.names.add(name)
        return lambda env: env.get(name) is not None


class _Blank(Exception):
    """Raised by a plain evaluator that reads a missing value: the three-valued one decides."""


def _plain(node: ast.AST) -> Evaluator:
    """The evaluator of an already checked tree, for products whose values are all there.

    Scoring evaluates the same few expressions for every product, and most products
    have every value they read: this evaluator skips the ``Missing`` checks of each
    operation. It raises as soon as it reads a missing value or divides by zero, and
    on any other error, and :meth:`Expression.evaluate` then asks the three-valued
    evaluator. When it does return, it has read exactly the values the three-valued
    evaluator reads, in the same order, so both answers are the same (a test checks it).
    """
    how, what = _operand(node)
    if how == _NAME:
        return _plain_name(what)
    if how == _CONSTANT:
        return lambda env: what
    return what


# How a plain evaluator reads an operand (see _operand).
_NAME, _CONSTANT, _OTHER = range(3)
_UNFOLDED = object()


def _operand(node: ast.AST) -> tuple[int, Any]:
    """A field name, a constant, or else the operand's evaluator, each with its kind.

    An operation reads a name or a constant operand in place: at 100,000 products,
    a call per operand costs more than the operation. A call of constants
    (``date('2025-12-31')``) is a constant, worked out once here.
    """
    kind = type(node)
    if kind is ast.Name:
        name = node.id  # type: ignore[attr-defined]
        return (_CONSTANT, CONSTANTS[name]) if name in CONSTANTS else (_NAME, name)
    if kind is ast.Constant:
        return _CONSTANT, node.value  # type: ignore[attr-defined]
    if kind is ast.Call:
        folded = _folded(node)  # type: ignore[arg-type]
        if folded is not _UNFOLDED:
            return _CONSTANT, folded
        return _OTHER, _plain_call(node)  # type: ignore[arg-type]
    if kind is ast.List or kind is ast.Tuple:
        items = [_plain(item) for item in node.elts]  # type: ignore[attr-defined]
        return _OTHER, lambda env: [item(env) for item in items]
    if kind is ast.UnaryOp:
        return _OTHER, _plain_unary(node)  # type: ignore[arg-type]
    if kind is ast.BinOp:
        function = _PLAIN_BINARY[type(node.op)]  # type: ignore[attr-defined]
        return _OTHER, _plain_pair(function, node.left, node.right)  # type: ignore[attr-defined]
    if kind is ast.BoolOp:
        return _OTHER, _plain_bool(node)  # type: ignore[arg-type]
    if kind is ast.Compare:
        return _OTHER, _plain_compare(node)  # type: ignore[arg-type]
    # The one kind left that the compiler allows: ``a if test else b``.
    test, then = _plain(node.test), _plain(node.body)  # type: ignore[attr-defined]
    otherwise = _plain(node.orelse)  # type: ignore[attr-defined]
    return _OTHER, lambda env: then(env) if _truth(test(env)) else otherwise(env)


def _folded(node: ast.Call) -> Any:
    """The value of a call whose arguments are all constants, else ``_UNFOLDED``.

    The functions depend on their arguments alone; a call that fails is left to
    fail when evaluated, where the error is reported as it always was.
    """
    name = node.func.id  # type: ignore[attr-defined]
    if name not in FUNCTIONS:  # present(): reads a value
        return _UNFOLDED
    values = []
    for argument in node.args:
        how, value = _operand(argument)
        if how != _CONSTANT:
            return _UNFOLDED
        values.append(value)
    try:
        return FUNCTIONS[name][2](*values)
    except Exception:  # the same call raises again when evaluated, and is reported then
        return _UNFOLDED


def _plain_pair(function: Callable[[Any, Any], Any], left: ast.AST, right: ast.AST) -> Evaluator:
    """``function(left, right)``, a name or constant operand read in place (the usual cases)."""
    (left_how, first), (right_how, second) = _operand(left), _operand(right)
    if left_how == _NAME and right_how == _CONSTANT:

        def name_and_constant(env: Env) -> Any:
            value = env.get(first)
            if value is None:
                raise _Blank
            return function(value, second)

        return name_and_constant
    if left_how == _NAME and right_how == _NAME:

        def two_names(env: Env) -> Any:
            one, other = env.get(first), env.get(second)
            if one is None or other is None:
                raise _Blank
            return function(one, other)

        return two_names
    if left_how == _OTHER and right_how == _CONSTANT:
        return lambda env: function(first(env), second)
    if left_how == _OTHER and right_how == _NAME:

        def then_name(env: Env) -> Any:
            one, other = first(env), env.get(second)
            if other is None:
                raise _Blank
            return function(one, other)

        return then_name
    read_left, read_right = _plain(left), _plain(right)
    return lambda env: function(read_left(env), read_right(env))


def _plain_name(name: str) -> Evaluator:
    def lookup(env: Env) -> Any:
        value = env.get(name)
        if value is None:
            raise _Blank
        return value

    return lookup


def _plain_unary(node: ast.UnaryOp) -> Evaluator:
    operand = _plain(node.operand)
    if isinstance(node.op, ast.Not):
        return lambda env: not _truth(operand(env))
    if isinstance(node.op, ast.USub):
        return lambda env: -operand(env)
    return operand


# Division by zero raises here; the three-valued evaluator makes it a missing value.
_PLAIN_BINARY: dict[type, Callable[[Any, Any], Any]] = {
    ast.Add: add,
    ast.Sub: sub,
    ast.Mult: mul,
    ast.Div: truediv,
}
# As _COMPARE, without a Python call for the usual ones (a comparison of values gives a bool).
_PLAIN_COMPARE: dict[type, Callable[[Any, Any], Any]] = {
    **_COMPARE,
    ast.Eq: eq,
    ast.NotEq: ne,
    ast.Lt: lt,
    ast.LtE: le,
    ast.Gt: gt,
    ast.GtE: ge,
}


def _plain_bool(node: ast.BoolOp) -> Evaluator:
    operands = [_plain(value) for value in node.values]
    is_and = isinstance(node.op, ast.And)

    def kleene(env: Env) -> bool:
        for operand in operands:
            if _truth(operand(env)) is not is_and:
                return not is_and
        return is_and

    return kleene


def _plain_compare(node: ast.Compare) -> Evaluator:
    functions = [_PLAIN_COMPARE[type(op)] for op in node.ops]
    if len(functions) == 1:
        return _plain_pair(functions[0], node.left, node.comparators[0])
    left = _plain(node.left)
    comparators = [_plain(comparator) for comparator in node.comparators]

    def compare(env: Env) -> bool:
        # Every link is evaluated, as the three-valued evaluator does (an error stays an error).
        current, outcome = left(env), True
        for function, comparator in zip(functions, comparators):  # noqa: B905
            following = comparator(env)
            if not function(current, following):
                outcome = False
            current = following
        return outcome

    return compare


def _plain_call(node: ast.Call) -> Evaluator:
    name = node.func.id  # type: ignore[attr-defined]
    if name == "present":
        field = node.args[0].id  # type: ignore[attr-defined]
        return lambda env: env.get(field) is not None
    function = FUNCTIONS[name][2]
    if len(node.args) == 2:
        return _plain_pair(function, node.args[0], node.args[1])
    if len(node.args) == 1:
        argument = _plain(node.args[0])
        return lambda env: function(argument(env))
    arguments = [_plain(argument) for argument in node.args]
    return lambda env: function(*[argument(env) for argument in arguments])


def _truth(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return value != 0
    if isinstance(value, str):
        return value != ""
    raise TypeError(f"{value!r} is not a yes/no value")


def _offset(node: ast.AST) -> int:
    return getattr(node, "col_offset", 0)


def _describe(node: ast.AST) -> Message | str:
    """What a refused node is, in words (``errors.expression.node.*``), else its class name."""
    labels = {
        "Attribute": "attribute",
        "Subscript": "subscript",
        "Lambda": "lambda",
        "Dict": "dict",
        "Set": "set",
        "ListComp": "comprehension",
        "GeneratorExp": "comprehension",
        "Starred": "starred",
        "JoinedStr": "fstring",
        "NamedExpr": "walrus",
        "Await": "await",
    }
    name = type(node).__name__
    return msg(f"errors.expression.node.{labels[name]}") if name in labels else name


__all__ = [
    "DIVISION_BY_ZERO",
    "EvaluationError",
    "Expression",
    "ExpressionError",
    "Missing",
    "compile_expression",
]
