"""Tests of chuluc_cli.criteria.expressions: the safe expression language of criteria files."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, replace
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chuluc_cli.criteria.expressions import (
    DIVISION_BY_ZERO,
    MAX_DEPTH,
    MAX_EXPRESSION_LENGTH,
    EvaluationError,
    ExpressionError,
    Missing,
    compile_expression,
)


def evaluate(source: str, **env: Any) -> Any:
    return compile_expression(source).evaluate(env)


# ---------------------------------------------------------------- arithmetic and comparisons


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("1 + 2 * 3", 7),
        ("(1 + 2) * 3", 9),
        ("10 / 4", 2.5),
        ("7 - 10", -3),
        ("-revenue + 1", -99),
        ("+revenue", 100),
        ("revenue * 1000 / employees", 2000.0),
        ("(revenue - prev) / prev * 100", 25.0),
    ],
)
def test_arithmetic(source: str, expected: float) -> None:
    assert evaluate(source, revenue=100, prev=80, employees=50) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("revenue >= 100", True),
        ("revenue > 100", False),
        ("revenue <= 99", False),
        ("revenue < 101", True),
        ("revenue == 100", True),
        ("revenue != 100", False),
        ("0 <= share <= 100", True),
        ("0 <= share <= 10", False),
        ("1 < 2 < 3 < 2", False),
        ("1 == 1 == 1", True),
        ("sector == 'co_khi'", True),
    ],
)
def test_comparisons_and_chains(source: str, expected: bool) -> None:
    assert evaluate(source, revenue=100, share=42.5, sector="co_khi") is expected


def test_names_are_collected_and_constants_are_not() -> None:
    expression = compile_expression("iso_9001 and revenue >= 20 or present(export) or true")
    assert expression.names == frozenset({"iso_9001", "revenue", "export"})
    assert expression.source == "iso_9001 and revenue >= 20 or present(export) or true"


def test_surrounding_whitespace_is_stripped() -> None:
    assert compile_expression("  revenue  ").source == "revenue"


# ---------------------------------------------------------------- three-valued logic


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("false and gone", False),
        ("gone and false", False),
        ("true or gone", True),
        ("gone or true", True),
        ("true and gone", Missing(("gone",))),
        ("false or gone", Missing(("gone",))),
        ("not gone", Missing(("gone",))),
        ("gone and other", Missing(("gone", "other"))),
        ("not false", True),
        ("not 0", True),
        ("1 and 2", True),
        ("0 or ''", False),
    ],
)
def test_three_valued_logic(source: str, expected: Any) -> None:
    assert evaluate(source, gone=None, other=None) == expected


@pytest.mark.parametrize(
    "source",
    ["gone + 1", "gone * 0", "gone >= 20", "max(gone, 1)", "round(gone)", "-gone", "gone in [1]"],
)
def test_missing_spreads_through_operations(source: str) -> None:
    assert evaluate(source, gone=None) == Missing(("gone",))


def test_missing_merges_names_in_first_seen_order() -> None:
    assert evaluate("b + a + b", a=None, b=None) == Missing(("b", "a"))


def test_conditional_expression_with_missing_test() -> None:
    assert evaluate("1 if flag else 2", flag=True) == 1
    assert evaluate("1 if flag else 2", flag=False) == 2
    assert evaluate("1 if flag else 2", flag=None) == Missing(("flag",))


def test_missing_has_no_truth_value() -> None:
    with pytest.raises(TypeError):
        bool(Missing(("x",)))


# ---------------------------------------------------------------- membership


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("sector in ['co_khi', 'dien_tu']", True),
        ("sector in ('det_may',)", False),
        ("sector not in ['det_may']", True),
        ("sector in []", False),
        ("sector not in []", True),
        ("2 in [1, 1 + 1]", True),
    ],
)
def test_in_lists(source: str, expected: bool) -> None:
    assert evaluate(source, sector="co_khi") is expected


def test_in_list_with_a_missing_item_is_missing() -> None:
    assert evaluate("1 in [1, gone]", gone=None) == Missing(("gone",))


# ---------------------------------------------------------------- functions


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("min(3, 1, 2)", 1),
        ("max(3, 1, 2)", 3),
        ("abs(-4.5)", 4.5),
        ("round(2.5)", 3.0),
        ("round(-2.5)", -3.0),  # half away from zero, not Python's half to even
        ("round(0.125, 2)", 0.13),
        ("round(1.005, 2)", 1.01),  # the written decimal, not the binary float below it
        ("round(2.4)", 2.0),
        ("years(date('2020-06-15'), date('2025-06-14'))", 4),
        ("years(date('2020-06-15'), date('2025-06-15'))", 5),
        ("date('2025-12-31')", dt.date(2025, 12, 31)),
    ],
)
def test_functions(source: str, expected: Any) -> None:
    assert evaluate(source) == expected


def test_years_from_a_date_field() -> None:
    assert evaluate("years(founded, date('2025-12-31'))", founded=dt.date(2023, 1, 1)) == 2


def test_present() -> None:
    expression = compile_expression("present(export)")
    assert expression.evaluate({"export": 0}) is True
    assert expression.evaluate({"export": None}) is False
    assert expression.evaluate({}) is False


def test_division_by_zero_is_missing() -> None:
    assert evaluate("revenue / prev", revenue=10, prev=0) == Missing((DIVISION_BY_ZERO,))
    assert evaluate("(revenue / prev) >= 1 or true", revenue=10, prev=0) is True


def test_type_mismatch_at_run_time_is_an_evaluation_error() -> None:
    with pytest.raises(EvaluationError, match="founded >= 2"):
        evaluate("founded >= 2", founded=dt.date(2020, 1, 1))
    with pytest.raises(EvaluationError):
        evaluate("date('2025-13-01')")


# ---------------------------------------------------------------- rejected constructs


@pytest.mark.parametrize(
    ("source", "message", "offset"),
    [
        ("revenue.__class__", "'attribute access (a.b)' is not allowed here", 0),
        ("[1, 2][0]", "'indexing (a[b])' is not allowed here", 0),
        ("(lambda: 1)()", "only plain calls like max(a, b) are allowed", 0),
        ("1 + (lambda: 1)", "'lambda' is not allowed here", 5),
        ("[x for x in [1]]", "'comprehensions' is not allowed here", 0),
        ("sum(x for x in [1])", "unknown function 'sum'", 0),
        ("f'{revenue}'", "'f-strings' is not allowed here", 0),
        ("__import__('os')", "unknown function '__import__'", 0),
        ("__builtins__", "name '__builtins__' is not allowed", 0),
        ("1 + __class__", "name '__class__' is not allowed", 4),
        ("max(a, key=b)", "only plain calls like max(a, b) are allowed", 0),
        ("open('/etc/passwd')", "unknown function 'open' (known: min, max, abs", 0),
        ("(x := 1)", "':=' is not allowed here", 1),
        ("{'a': 1}", "'dictionaries' is not allowed here", 0),
        ("{1, 2}", "'sets' is not allowed here", 0),
        ("max(*a)", "'*arguments' is not allowed here", 4),
        ("2 ** 10", "only + - * / are allowed", 0),
        ("7 % 2", "only + - * / are allowed", 0),
        ("7 // 2", "only + - * / are allowed", 0),
        ("~1", "operator not allowed", 0),
        ("a is None", "comparison not allowed", 0),
        ("None", "constant None is not allowed", 0),
        ("True", "constant True is not allowed", 0),
        ("b'bytes'", "constant b'bytes' is not allowed", 0),
        ("min()", "min() takes 1 to 20 arguments", 0),
        ("abs(1, 2)", "abs() takes 1 to 1 arguments", 0),
        ("present(a + b)", "present() takes one field name", 0),
        ("revenue >=", "syntax error: invalid syntax", None),
        ("revenue = 20", "syntax error:", None),
        ("", "empty expression", 0),
        ("   ", "empty expression", 0),
    ],
)
def test_rejected_constructs(source: str, message: str, offset: int | None) -> None:
    with pytest.raises(ExpressionError) as caught:
        compile_expression(source)
    assert caught.value.message.startswith(message)
    if offset is not None:
        assert caught.value.offset == offset


def test_too_long_is_rejected() -> None:
    source = " + ".join(["revenue"] * 300)
    assert len(source) > MAX_EXPRESSION_LENGTH
    with pytest.raises(ExpressionError, match=f"longer than {MAX_EXPRESSION_LENGTH}"):
        compile_expression(source)


def test_too_deep_is_rejected() -> None:
    with pytest.raises(ExpressionError, match="nested too deeply"):
        compile_expression("-" * (MAX_DEPTH + 5) + "1")
    assert evaluate("-" * (MAX_DEPTH - 2) + "1") == 1  # an even count just inside the limit


def test_parser_warnings_do_not_leak(recwarn: pytest.WarningsRecorder) -> None:
    with pytest.raises(ExpressionError):
        compile_expression("1if x")  # Python warns "invalid decimal literal"
    assert not [w for w in recwarn if issubclass(w.category, SyntaxWarning)]


# ---------------------------------------------------------------- properties


@dataclass(frozen=True)
class Node:
    """A random arithmetic expression with its text and its value computed in Python."""

    text: str
    value: float | None  # None: a division by zero happened


def _leaf(number: int | float) -> Node:
    return Node(f"({number!r})", number)


def _combine(operation: str, left: Node, right: Node) -> Node:
    text = f"({left.text} {operation} {right.text})"
    if left.value is None or right.value is None:
        return Node(text, None)
    if operation == "/":
        return Node(text, None if right.value == 0 else left.value / right.value)
    functions = {"+": lambda a, b: a + b, "-": lambda a, b: a - b, "*": lambda a, b: a * b}
    return Node(text, functions[operation](left.value, right.value))


numbers = st.one_of(
    st.integers(-1000, 1000), st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False)
)
trees = st.recursive(
    numbers.map(_leaf),
    lambda children: st.builds(_combine, st.sampled_from("+-*/"), children, children),
    max_leaves=12,
)


@given(trees)
def test_arithmetic_equals_python_arithmetic(node: Node) -> None:
    result = compile_expression(node.text).evaluate({})
    if node.value is None:
        assert result == Missing((DIVISION_BY_ZERO,))
    elif isinstance(node.value, float) and math.isnan(node.value):
        assert math.isnan(result)
    else:
        assert result == node.value


def compile_or_refuse(text: str) -> None:
    """Compile ``text``: either an expression over its own source, or an ExpressionError."""
    try:
        expression = compile_expression(text)
    except ExpressionError as error:
        assert error.message
        assert error.offset >= 0
        return
    assert expression.source == text.strip()
    # Python folds identifiers (NFKC): the name read for 'ﬀ' is 'ff'.
    assert all(name.isidentifier() for name in expression.names)


@given(st.text(max_size=200))
def test_compile_raises_only_expression_error(text: str) -> None:
    compile_or_refuse(text)


_PIECES = st.sampled_from(
    ["a", "b", "1", "2.5", "(", ")", "[", "]", ",", " + ", " / ", " and ", " or ", " not ",
     " < ", " == ", " in ", " if ", " else ", "min(", "present(", ".", "'x'", "__", "lambda"]
)  # fmt: skip


@given(st.lists(_PIECES, max_size=30).map("".join))
def test_compile_raises_only_expression_error_on_near_expressions(text: str) -> None:
    compile_or_refuse(text)


# ---------------------------------------------------------------- the plain evaluator
#
# Expression.evaluate first tries a plain evaluator (no Missing checks), which raises on a
# blank value, a division by zero or any error; the three-valued evaluator then answers.
# The answer must always be the three-valued evaluator's own.

_NAMES = ("a", "b", "c")
# Calls of constants are worked out once when compiled; one that fails must fail as before.
_DATES = ("date('2020-02-29')", "date('2021-02-29')")
_LEAVES = st.sampled_from(
    [*_NAMES, "0", "1", "2", "-3", "0.5", "2.5", "'x'", "''", "true", "false", *_DATES]
)


def _node(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    two = st.tuples(children, children)
    three = st.tuples(children, children, children)
    return st.one_of(
        st.builds("({0[0]} {1} {0[1]})".format, two, st.sampled_from(["+", "-", "*", "/"])),
        st.builds(
            "({0[0]} {1} {0[1]})".format, two, st.sampled_from(["<", "<=", "==", "!=", ">", ">="])
        ),
        st.builds("({0[0]} < {0[1]} <= {0[2]})".format, three),
        st.builds("({0[0]} {1} {0[1]})".format, two, st.sampled_from(["and", "or"])),
        st.builds("(not {})".format, children),
        st.builds("(-{})".format, children),
        st.builds("({0[0]} if {0[1]} else {0[2]})".format, three),
        st.builds("{1}({0[0]}, {0[1]})".format, two, st.sampled_from(["min", "max", "years"])),
        st.builds("{1}({0})".format, children, st.sampled_from(["abs", "round", "min"])),
        st.builds("({0[0]} in [{0[1]}, {0[2]}])".format, three),
        st.sampled_from([f"present({name})" for name in _NAMES]),
    )


_EXPRESSIONS = st.recursive(_LEAVES, _node, max_leaves=10)
_VALUES = st.one_of(
    st.none(),
    st.integers(-5, 5),
    st.floats(-1e6, 1e6, allow_nan=False),
    st.booleans(),
    st.sampled_from(["", "x", "y"]),
    st.dates(dt.date(2000, 1, 1), dt.date(2030, 1, 1)),
)


def _outcome(evaluate: Any, env: dict[str, Any]) -> tuple[str, Any]:
    try:
        return "value", evaluate(env)
    except Exception as error:  # the same error either way: EvaluationError, decimal errors
        return "raised", (type(error), str(error))


def _same(one: Any, other: Any) -> bool:
    if isinstance(one, list) and isinstance(other, list):
        return len(one) == len(other) and all(map(_same, one, other))
    if isinstance(one, float) and math.isnan(one):
        return isinstance(other, float) and math.isnan(other)
    return type(one) is type(other) and one == other  # True is not 1, Missing by its names


@settings(max_examples=400, deadline=None)
@given(_EXPRESSIONS, st.fixed_dictionaries({name: _VALUES for name in _NAMES}))
def test_plain_evaluation_gives_the_three_valued_answer(source: str, env: dict[str, Any]) -> None:
    expression = compile_expression(source)
    three_valued = replace(expression, _plain=None)  # the general path alone
    (kind, value), (kind_3, value_3) = (
        _outcome(expression.evaluate, env),
        _outcome(three_valued.evaluate, env),
    )
    assert kind == kind_3
    assert _same(value, value_3)


@settings(max_examples=200, deadline=None)
@given(_EXPRESSIONS, st.fixed_dictionaries({name: _VALUES for name in _NAMES}))
def test_plain_evaluator_returns_only_what_the_three_valued_one_returns(
    source: str, env: dict[str, Any]
) -> None:
    expression = compile_expression(source)
    try:
        plain = expression._plain(env)  # type: ignore[misc]
    except Exception:
        return  # the three-valued evaluator answers (checked above)
    assert not isinstance(plain, Missing)
    assert _same(plain, expression._evaluate(env))


@pytest.mark.parametrize(
    ("source", "env", "expected"),
    [
        ("(revenue - prev) / prev * 100", {"revenue": 125, "prev": 100}, 25.0),
        (
            "(revenue - prev) / prev * 100",
            {"revenue": 125, "prev": 0},
            Missing((DIVISION_BY_ZERO,)),
        ),
        ("(revenue - prev) / prev * 100", {"revenue": 125, "prev": None}, Missing(("prev",))),
        ("revenue / prev > 1 or true", {"revenue": 1, "prev": 0}, True),
        ("1 > 2 > revenue / prev", {"revenue": 1, "prev": 0}, Missing((DIVISION_BY_ZERO,))),
        ("present(prev) and prev > 1", {"prev": None}, False),
        ("revenue and 5", {"revenue": 3}, True),  # a yes/no, not Python's 5
        ("years(founded, date('2025-12-31'))", {"founded": dt.date(2020, 6, 1)}, 5),
        ("years(founded, date('2025-12-31'))", {"founded": None}, Missing(("founded",))),
    ],
)
def test_plain_and_three_valued_cases(source: str, env: dict[str, Any], expected: Any) -> None:
    assert _same(compile_expression(source).evaluate(env), expected)


def test_a_call_that_fails_fails_whether_or_not_a_value_is_blank() -> None:
    # The arguments are evaluated before a blank one makes the call Missing, on both paths.
    expression = compile_expression("years(founded, date('2025-13-45'))")
    with pytest.raises(EvaluationError, match=r"month must be in 1\.\.12"):
        expression.evaluate({"founded": dt.date(2020, 1, 1)})
    with pytest.raises(EvaluationError):
        expression.evaluate({"founded": None})
