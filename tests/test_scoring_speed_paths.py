"""The shortcuts of scoring give exactly what the general paths give.

- Every expression of the shipped rulesets: the plain evaluator (no ``Missing`` checks)
  answers as the three-valued one, on random values of each field's type, blanks included.
- Rules on derived values and on formulas of several fields: the shared "no data" notes
  and the per-value points say what the reference rule functions say.
- Group totals remembered per combination of points are the exact Decimal sums.
- Ranking by a key per card (each tie-break value's place in its column) orders and flags
  ties exactly as the comparison function does, mixed types and NaN included.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chuluc_cli.criteria.expressions import EvaluationError, Expression
from chuluc_cli.criteria.loader import load_criteria
from chuluc_cli.criteria.model import Criteria, FieldSpec, FieldType
from chuluc_cli.criteria.references import compiled
from chuluc_cli.results import CriterionResult
from chuluc_cli.scoring import _Product, compiled_plan, score_product
from chuluc_cli.scoring.explain import Unusual
from chuluc_cli.selection import _rank_compared, _rank_keys, rank
from scoring_helpers import one_group, row, ruleset

RULESETS = ("hanoi-spcncl", "ocop-2023", "cnnt-2014")


def _expressions(criteria: Criteria) -> list[str]:
    """Every expression a ruleset evaluates per product."""
    sources = list(criteria.derived.values())
    sources += [gate.require for gate in criteria.eligibility]
    for group in criteria.groups:
        for criterion in group.criteria:
            sources += [text for text in (criterion.when, criterion.formula) if text]
    return sources


def _values_of(spec: FieldSpec | None) -> st.SearchStrategy[Any]:
    """Values a reader gives for a field of ``spec``'s type (None: a derived value)."""
    numbers = st.one_of(
        st.integers(-5, 2000), st.floats(-1e6, 1e6, allow_nan=False), st.sampled_from([0, 0.0])
    )
    if spec is None or spec.type in (FieldType.NUMBER, FieldType.PERCENT, FieldType.INTEGER):
        kind = numbers
    elif spec.type is FieldType.BOOL:
        kind = st.booleans()
    elif spec.type is FieldType.DATE:
        kind = st.dates(dt.date(1990, 1, 1), dt.date(2030, 1, 1))
    elif spec.type is FieldType.CHOICE:
        kind = st.sampled_from(sorted(spec.choices or {"x": []}))
    else:
        kind = st.text(max_size=4)
    return st.none() | kind


def _outcome(expression: Expression, env: dict[str, Any]) -> tuple[str, Any]:
    try:
        value = expression.evaluate(env)
    except EvaluationError as error:
        return "error", str(error)
    if isinstance(value, float) and math.isnan(value):
        return "nan", None
    return "value", (type(value), value)


@pytest.mark.parametrize("name", RULESETS)
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_shipped_expressions_evaluate_as_the_three_valued_evaluator(name: str, data) -> None:
    criteria = load_criteria(name)
    for source in _expressions(criteria):
        expression = compiled(source)
        env = {
            field: data.draw(_values_of(criteria.fields.get(field)), label=field)
            for field in sorted(expression.names)
        }
        three_valued = dataclasses.replace(expression, _plain=None)
        assert _outcome(expression, env) == _outcome(three_valued, env), source


@pytest.mark.parametrize("name", RULESETS)
def test_shipped_expressions_take_the_plain_path_when_nothing_is_blank(name: str) -> None:
    # Guards the speed-up itself: with every value there, no fallback is needed.
    criteria = load_criteria(name)
    for source in _expressions(criteria):
        expression = compiled(source)
        env = {field: _typical(criteria.fields.get(field)) for field in expression.names}
        assert expression._plain is not None
        assert expression._plain(env) == expression._evaluate(env), source


def _typical(spec: FieldSpec | None) -> Any:
    if spec is None or spec.type in (FieldType.NUMBER, FieldType.PERCENT, FieldType.INTEGER):
        return 12
    if spec.type is FieldType.BOOL:
        return True
    if spec.type is FieldType.DATE:
        return dt.date(2015, 3, 1)
    if spec.type is FieldType.CHOICE:
        return sorted(spec.choices or {"x": []})[0]
    return "văn bản"


DERIVED = """
derived:
  growth: "(revenue - revenue_prev) / revenue_prev * 100"
  ratio: "x / y"
  doubled: "growth * 2"
"""
ON_DERIVED = """
- {id: A1, title: Tăng trưởng, max: 15, linear: {of: growth, zero_at: 0, full_at: 15}}
- id: A2
  title: Tỷ lệ
  max: 5
  bands: {of: ratio, steps: [{at_least: 2, points: 5}, {above: 0, points: 1}]}
- {id: A3, title: Hai trường, max: 5, formula: "x * 2 + y"}
- {id: A4, title: Từ giá trị tính, max: 5, formula: "doubled / 10"}
- {id: A5, title: Điều kiện, max: 5, when: "ratio > 1 or iso_9001"}
- {id: A6, title: Giá trị tính, max: 5, when: growth}
- {id: A7, title: Doanh thu, max: 5, linear: {of: revenue, zero_at: 0.5, full_at: 20}}
"""
NUMBERS = st.none() | st.sampled_from([0, 0.0, 1, 2.5, -3]) | st.floats(-1e4, 1e4)


@settings(max_examples=300, deadline=None)
@given(
    revenue=NUMBERS, revenue_prev=NUMBERS, x=NUMBERS, y=NUMBERS,
    iso_9001=st.none() | st.booleans(),
)  # fmt: skip
def test_rules_on_derived_values_and_formulas_say_what_the_reference_says(**values) -> None:
    criteria = one_group(ON_DERIVED, extra=DERIVED)
    card = score_product(criteria, row(2, **values))
    product = _Product(criteria, card.nomination, frozenset())
    for rule, item in zip(compiled_plan(criteria).rules, card.criteria, strict=True):
        assert isinstance(item, CriterionResult)
        points, note = rule._unusual(product)  # the reference path, for every value
        assert (item.id, item.points, item.missing) == (rule.id, points, note.missing)
        assert str(item.points) == str(points)  # the same Decimal, exponent included
        for lang in ("vi", "en"):
            assert item.explanation.render(lang) == note.message.render(lang)


def test_blank_fields_behind_a_derived_value_share_one_note() -> None:
    criteria = one_group(ON_DERIVED, extra=DERIVED)
    cards = [score_product(criteria, row(n, revenue=5.0, revenue_prev=None)) for n in (2, 3)]
    first, second = (card.criteria.notes[0] for card in cards)  # type: ignore[attr-defined]
    assert isinstance(first, Unusual)
    assert first is second
    assert first.missing == ("revenue_prev",)
    # A division by zero is the product's own case, with its cause: not shared.
    zero = score_product(criteria, row(4, revenue=5.0, revenue_prev=0))
    assert zero.criteria[0].explanation.render("en").count("division by zero") == 1
    assert zero.criteria.notes[0] is not first  # type: ignore[attr-defined]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(NUMBERS, NUMBERS, NUMBERS, NUMBERS), min_size=1, max_size=30))
def test_remembered_group_totals_are_the_exact_sums(rows) -> None:
    criteria = one_group(ON_DERIVED, extra=DERIVED)
    for number, (revenue, revenue_prev, x, y) in enumerate(rows, start=2):
        values = {"revenue": revenue, "revenue_prev": revenue_prev, "x": x, "y": y}
        card = score_product(criteria, row(number, **values))
        points = [item.points for item in card.criteria]
        expected = sum(points, Decimal(0))
        assert str(card.groups["A"]) == str(expected)
        assert str(card.total) == str(sum(card.groups.values(), Decimal(0)))


ENDS = st.sampled_from([0, 0.5, 5, 15, 20, 50, 0.1, 0.3, 2.675, -7.25, 100])


@st.composite
def linear_and_values(draw: st.DrawFn) -> tuple[float, float, list[Any]]:
    """A linear rule's ends and values at them, next to them and anywhere."""
    zero_at, full_at = draw(st.lists(ENDS, min_size=2, max_size=2, unique=True))
    near = [
        side(end, direction)
        for end in (zero_at, full_at)
        for side, direction in ((math.nextafter, -math.inf), (math.nextafter, math.inf))
    ]
    values = draw(
        st.lists(
            st.sampled_from([zero_at, full_at, int(zero_at), *near]) | NUMBERS | st.booleans(),
            min_size=1,
            max_size=8,
        )
    )
    return zero_at, full_at, values


@settings(max_examples=200, deadline=None)
@given(linear_and_values())
def test_linear_points_at_and_beyond_the_ends_are_the_reference_points(case) -> None:
    zero_at, full_at, values = case
    criteria = one_group(
        f"- {{id: A1, title: T, max: 2.675, linear: {{of: x, zero_at: {zero_at}, "
        f"full_at: {full_at}}}}}"
    )
    rule = compiled_plan(criteria).rules[0]
    for number, value in enumerate(values, start=2):
        card = score_product(criteria, row(number, x=value))
        points, note = rule._unusual(_Product(criteria, card.nomination, frozenset()))
        assert str(card.criteria[0].points) == str(points), value
        assert card.criteria[0].explanation.render("vi") == note.message.render("vi")


RANKED = """
groups:
  - id: A
    title: Điểm
    criteria:
      - {id: A1, title: X, max: 100, formula: x}
"""
TIE_VALUES = st.one_of(
    st.none(),
    st.sampled_from([0, 1, 1.0, 2.5, -3, True, math.inf, -0.0]),
    st.sampled_from(["", "a", "B", "b"]),
    st.sampled_from([dt.date(2020, 1, 1), dt.date(2021, 6, 30)]),
    st.just(math.nan),
)


@st.composite
def tie_columns(draw: st.DrawFn) -> tuple[list[str], list[dict[str, Any]]]:
    """Tie-break keys in random directions, and products whose values often tie or mix types."""
    names = draw(st.lists(st.sampled_from(["total", "A", "A1", "y", "enterprise", "founded"])))
    keys = [f"{name} {draw(st.sampled_from(['asc', 'desc']))}" for name in dict.fromkeys(names)]
    # One kind of value per column most of the time: the fast path's case, mixed ones too.
    kinds = {name: draw(TIE_VALUES) for name in ("y", "enterprise", "founded")}
    same = draw(st.booleans())
    products = []
    for _ in range(draw(st.integers(0, 12))):
        values: dict[str, Any] = {"x": draw(st.sampled_from([0.0, 1.0, 2.0, 2.5]))}
        for name, kind in kinds.items():
            values[name] = draw(st.sampled_from([kind, None])) if same else draw(TIE_VALUES)
        products.append(values)
    return keys, products


@settings(max_examples=300, deadline=None)
@given(tie_columns())
def test_ranking_by_keys_orders_and_ties_as_the_comparison_does(case) -> None:
    keys, products = case
    criteria = ruleset(RANKED, f"selection: {{pass_mark: 0, tie_break: {keys or ['total']}}}")
    cards = [score_product(criteria, row(n, **values)) for n, values in enumerate(products, 2)]
    indexes = list(range(len(cards)))
    assert rank(criteria, cards, indexes) == _rank_compared(criteria, cards, indexes)


def test_ranking_by_keys_is_taken_for_plain_values() -> None:
    # Guards the speed-up itself: numbers, texts, dates and blanks have one plain order.
    keys = "[total desc, y desc, enterprise desc, founded asc, product_id asc]"
    criteria = ruleset(RANKED, f"selection: {{pass_mark: 0, tie_break: {keys}}}")
    values = [
        {"x": 2.0, "y": 1, "enterprise": "B", "founded": dt.date(2020, 1, 1)},
        {"x": 2.0, "y": 1.0, "enterprise": None, "founded": None},
        {"x": 1.0, "y": None, "enterprise": "a", "founded": dt.date(2019, 1, 1)},
    ]
    cards = [score_product(criteria, row(n, **one)) for n, one in enumerate(values, 2)]
    assert _rank_keys(criteria, cards, [0, 1, 2]) is not None
    assert rank(criteria, cards, [0, 1, 2]) == ([0, 1, 2], set())
