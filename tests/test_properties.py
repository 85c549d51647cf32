"""Invariants of scoring and selection, checked on generated rulesets and nominations.

- Raising one input never lowers a criterion or the total under monotone rules.
- The outcome does not depend on row order (ties aside: only their membership, ranks
  as a set and how many were selected are fixed).
- Totals never exceed the max; group totals never exceed the group's max.
- The limit and every quota hold among selected products.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from chuluc_cli.criteria.model import Criteria
from chuluc_cli.criteria.references import find_problems
from chuluc_cli.results import Flag, Status
from chuluc_cli.round import run_round
from chuluc_cli.scoring import score_product
from chuluc_cli.selection import tie_groups
from scoring_helpers import nominations, row

SETTINGS = settings(max_examples=150, deadline=None, derandomize=True)
NUMBERS = ("v0", "v1", "v2", "v3")
MAXES = (1, 2.5, 5, 10, 2.675, 0.125)
# With product_id last nothing ties; without it ties happen and must stay order-free.
TIE_BREAKS = (["total desc", "product_id asc"], ["total desc"], ["G0 desc", "v0 asc"])
points = st.integers(0, 60).map(lambda quarter: quarter / 4)  # 0 to 15 in quarter points
# Mostly whole numbers inside the rules' ranges (hypothesis favours extreme floats otherwise).
values = st.one_of(
    st.integers(-30, 160).map(float),
    st.floats(-50, 200, allow_nan=False).map(lambda value: round(value, 3)),
)
increases = st.one_of(st.integers(1, 60).map(float), st.floats(0, 100).map(lambda v: round(v, 3)))


# --- generated rulesets ---------------------------------------------------------------------


@st.composite
def monotone_rule(draw: st.DrawFn) -> dict[str, Any]:
    """A rule whose points never fall when its input rises."""
    field = draw(st.sampled_from(NUMBERS))
    kind = draw(st.sampled_from(("bands", "linear", "formula")))
    if kind == "bands":
        thresholds = draw(st.lists(st.integers(-20, 150), min_size=1, max_size=4, unique=True))
        steps_points = draw(st.lists(points, min_size=len(thresholds), max_size=len(thresholds)))
        # First match wins: higher thresholds first, with at least as many points.
        steps = [
            {"at_least": threshold, "points": given_points}
            for threshold, given_points in zip(
                sorted(thresholds, reverse=True), sorted(steps_points, reverse=True), strict=True
            )
        ]
        return {"bands": {"of": field, "steps": steps}}
    if kind == "linear":
        zero_at = draw(st.integers(-20, 100))
        return {
            "linear": {
                "of": field,
                "zero_at": zero_at,
                "full_at": zero_at + draw(st.integers(1, 80)),
            }
        }
    other = draw(st.sampled_from(NUMBERS))
    return {"formula": f"{field} / 10 + {other} / 20"}


@st.composite
def any_rule(draw: st.DrawFn) -> dict[str, Any]:
    """Any rule, monotone or not, including ones that read blanks and divide by zero."""
    field = draw(st.sampled_from(NUMBERS))
    kind = draw(st.sampled_from(("monotone", "bands_below", "formula", "map", "when", "judged")))
    if kind == "monotone":
        return draw(monotone_rule())
    if kind == "bands_below":
        steps = [{"below": draw(st.integers(-20, 150)), "points": draw(points)} for _ in range(2)]
        return {"bands": {"of": field, "steps": steps}}
    if kind == "formula":
        return {"formula": f"{field} * 3 - v1 / (v2 - v3)"}
    if kind == "map":
        return {"map": {"of": "sector", "points": {"a": draw(points), "b": draw(points)}}}
    if kind == "when":
        return {"when": f"{field} > 10 or iso"}
    return {"judged": True}


@st.composite
def rulesets(draw: st.DrawFn, rule: Any = None) -> Criteria:
    rule = rule if rule is not None else any_rule()
    groups = []
    for g in range(draw(st.integers(1, 3))):
        criteria = [
            {
                "id": f"C{g}{c}",
                "title": f"Tiêu chí {g}{c}",
                "max": draw(st.sampled_from(MAXES)),
                **draw(rule),
            }
            for c in range(draw(st.integers(1, 3)))
        ]
        groups.append({"id": f"G{g}", "title": f"Nhóm {g}", "criteria": criteria})
    tie_break = draw(
        st.sampled_from((["total desc", "product_id asc"], ["total desc"], ["G0 desc", "v0 asc"]))
    )
    selection: dict[str, Any] = {
        "pass_mark": draw(st.sampled_from((0, 2, 5))),
        "tie_break": tie_break,
    }
    if draw(st.booleans()):
        selection["limit"] = draw(st.integers(1, 6))
    if draw(st.booleans()):
        selection["quotas"] = [{"id": "q", "per": "tax_code", "max": draw(st.integers(1, 2))}]
    selection["tiers"] = [{"label": "Top", "top": 2}, {"label": "Có điểm", "min_total": 3}]
    data = {
        "schema": "chuluc/criteria-v1",
        "id": "p",
        "version": "1",
        "title": "Thuộc tính",
        "rounding": draw(st.integers(0, 3)),
        "fields": {
            "product_id": {"type": "id", "headers": ["Mã"]},
            "tax_code": {"type": "text", "headers": ["MST"], "required": False},
            "sector": {"type": "choice", "headers": ["Ngành"], "choices": {"a": ["A"], "b": ["B"]}},
            "iso": {"type": "bool", "headers": ["ISO"], "required": False},
            **{name: {"type": "number", "headers": [name.upper()]} for name in NUMBERS},
        },
        "eligibility": [{"id": "E1", "title": "Có ISO hoặc v3 dương", "require": "iso or v3 > 0"}],
        "groups": groups,
        "selection": selection,
    }
    # Validated like a file (model, then cross-references) without the slow YAML round trip.
    criteria = Criteria.model_validate(data)
    assert not find_problems(criteria)
    return criteria


@st.composite
def products(draw: st.DrawFn, blanks: bool = True) -> list[dict[str, Any]]:
    number = st.one_of(st.none(), values) if blanks else values
    rows = []
    for index in range(draw(st.integers(1, 12))):
        product = {name: draw(number) for name in NUMBERS}
        product.update(
            product_id=f"P{index:02d}",
            tax_code=draw(st.sampled_from(("T1", "T2", "T3", None))),
            sector=draw(st.sampled_from(("a", "b", None))),
            iso=draw(st.sampled_from((True, False, None))),
        )
        rows.append(product)
    return rows


def run(criteria: Criteria, rows: list[dict[str, Any]]):
    return run_round(criteria, [nominations(*(row(i + 2, **p) for i, p in enumerate(rows)))])


# --- properties -----------------------------------------------------------------------------


@SETTINGS
@given(rulesets(monotone_rule()), products(blanks=False), st.sampled_from(NUMBERS), increases)
def test_raising_an_input_never_lowers_points(criteria, rows, name, increase):
    for before in rows:
        after = {**before, name: before[name] + increase}
        low = score_product(criteria, row(2, **before))
        high = score_product(criteria, row(2, **after))
        assert high.total >= low.total
        for lower, higher in zip(low.criteria, high.criteria, strict=True):
            assert higher.points >= lower.points


@SETTINGS
@given(rulesets(), products(), st.randoms(use_true_random=False))
def test_outcome_does_not_depend_on_row_order(criteria, rows, random):
    shuffled = list(rows)
    random.shuffle(shuffled)
    first = {o.product_id: o for o in run(criteria, rows).outcomes}
    second = {o.product_id: o for o in run(criteria, shuffled).outcomes}
    assert first.keys() == second.keys()
    for pid, outcome in first.items():
        other = second[pid]
        assert outcome.card.total == other.card.total
        assert (Flag.TIE in outcome.flags) == (Flag.TIE in other.flags)
        if Flag.TIE not in outcome.flags:
            assert (outcome.status, outcome.rank, outcome.tier) == (
                other.status,
                other.rank,
                other.tier,
            )
    for group in tie_groups(criteria, list(first.values())):
        ids = [o.product_id for o in group]
        assert {o.rank for o in group} == {second[pid].rank for pid in ids}
        chosen = sum(o.status is Status.SELECTED for o in group)
        assert chosen == sum(second[pid].status is Status.SELECTED for pid in ids)


@SETTINGS
@given(rulesets(), products())
def test_totals_never_exceed_the_maximum(criteria, rows):
    group_max = {g.id: sum(Decimal(str(c.max)) for c in g.criteria) for g in criteria.groups}
    for outcome in run(criteria, rows).outcomes:
        card = outcome.card
        for result in card.criteria:
            assert Decimal(0) <= result.points <= Decimal(str(result.max))
        for group_id, total in card.groups.items():
            assert total <= group_max[group_id]
        assert card.total == sum(card.groups.values())
        assert card.total <= sum(group_max.values())


@SETTINGS
@given(rulesets(), products())
def test_limit_quotas_and_ranks_hold(criteria, rows):
    outcomes = run(criteria, rows).outcomes
    selected = [o for o in outcomes if o.status is Status.SELECTED]
    if criteria.selection.limit is not None:
        assert len(selected) <= criteria.selection.limit
    for quota in criteria.selection.quotas:
        per_value = Counter(o.card.nomination.values.get(quota.per) for o in selected)
        per_value.pop(None, None)
        assert all(count <= quota.max for count in per_value.values())
    ranked = [o for o in outcomes if o.rank is not None]
    assert sorted(o.rank for o in ranked) == list(range(1, len(ranked) + 1))
    assert all(o.status is not Status.REJECTED for o in ranked)
    assert all(o.reasons for o in outcomes if o.status is not Status.SELECTED)
    pass_mark = Decimal(str(criteria.selection.pass_mark))
    assert all(o.card.total >= pass_mark and o.card.eligible for o in ranked)
