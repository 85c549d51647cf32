"""Selection: pass mark, ranking and ties, quotas, limit and tiers."""

from __future__ import annotations

from decimal import Decimal

from chuluc_cli.results import Flag, Status
from chuluc_cli.scoring import score_product
from chuluc_cli.selection import select, tie_groups
from scoring_helpers import row, ruleset

# One criterion worth 100 whose points are the value of x, so totals are chosen in the test.
BODY = """
eligibility:
  - {id: E1, title: "Tại Hà Nội", require: "in_hanoi"}
groups:
  - id: A
    title: Điểm
    criteria:
      - {id: A1, title: X, max: 100, formula: x}
"""


def rules(selection: str):
    return ruleset(BODY, selection)


def outcomes_for(criteria, *products):
    """Score ``products`` (dicts of values, row numbers from 2) and select."""
    cards = [
        score_product(criteria, row(number, **{"in_hanoi": True, **values}))
        for number, values in enumerate(products, start=2)
    ]
    return select(criteria, cards)


def by_id(outcomes):
    return {outcome.product_id: outcome for outcome in outcomes}


def codes(outcome):
    return [reason.code for reason in outcome.reasons]


# --- pass mark and rejections ---------------------------------------------------------------


def test_pass_mark_rejects_below_and_passes_at_the_mark():
    criteria = rules("selection: {pass_mark: 30}")
    low, exact = outcomes_for(criteria, {"x": 28.5}, {"x": 30.0})
    assert (low.status, low.rank, codes(low)) == (Status.REJECTED, None, ["PASS_MARK"])
    assert low.reasons[0].render("vi") == "Tổng điểm 28,5 dưới điểm chuẩn 30 (thiếu 1,5)"
    assert low.reasons[0].render("en") == "Total 28.5 is below the pass mark of 30 (1.5 short)"
    assert (exact.status, exact.rank) == (Status.SELECTED, 1)


def test_rejected_by_a_gate_keeps_its_reason_and_gets_no_rank_nor_pass_mark_reason():
    criteria = rules("selection: {pass_mark: 30}")
    (gated,) = outcomes_for(criteria, {"x": 10.0, "in_hanoi": False})
    assert (gated.status, gated.rank, codes(gated)) == (Status.REJECTED, None, ["E1"])


def test_rejected_products_never_influence_others():
    criteria = rules("selection: {pass_mark: 0, limit: 1}")
    gated, kept = outcomes_for(criteria, {"x": 99.0, "in_hanoi": False}, {"x": 10.0})
    assert gated.status is Status.REJECTED
    assert (kept.status, kept.rank) == (Status.SELECTED, 1)


# --- ranking and ties -----------------------------------------------------------------------


def test_ranks_follow_tie_break_keys_and_outcomes_keep_input_order():
    criteria = rules("selection: {pass_mark: 0, tie_break: [total desc, product_id asc]}")
    outcomes = outcomes_for(criteria, {"x": 10.0}, {"x": 30.0}, {"x": 20.0})
    assert [o.product_id for o in outcomes] == ["SP2", "SP3", "SP4"]
    assert [o.rank for o in outcomes] == [3, 1, 2]
    assert not any(Flag.TIE in o.flags for o in outcomes)


def test_tie_flags_every_product_not_separated_and_keeps_input_order():
    criteria = rules("selection: {pass_mark: 0, tie_break: [total desc]}")
    outcomes = outcomes_for(
        criteria, {"x": 50.0}, {"x": 70.0}, {"x": 50.0}, {"x": 50.0}, {"x": 10.0}
    )
    ranks = {o.product_id: o.rank for o in outcomes}
    assert ranks == {"SP3": 1, "SP2": 2, "SP4": 3, "SP5": 4, "SP6": 5}
    tied = [o.product_id for o in outcomes if Flag.TIE in o.flags]
    assert tied == ["SP2", "SP4", "SP5"]
    groups = tie_groups(criteria, outcomes)
    assert [[o.product_id for o in group] for group in groups] == [["SP2", "SP4", "SP5"]]


def test_adjacent_tie_groups_are_separate():
    criteria = rules("selection: {pass_mark: 0, tie_break: [total desc]}")
    outcomes = outcomes_for(criteria, {"x": 50.0}, {"x": 50.0}, {"x": 40.0}, {"x": 40.0})
    groups = tie_groups(criteria, outcomes)
    assert [[o.product_id for o in group] for group in groups] == [["SP2", "SP3"], ["SP4", "SP5"]]


def test_later_keys_break_ties_and_blank_values_sort_last_in_both_directions():
    for direction in ("asc", "desc"):
        criteria = rules(f"selection: {{pass_mark: 0, tie_break: [total desc, y {direction}]}}")
        outcomes = by_id(
            outcomes_for(criteria, {"x": 5.0}, {"x": 5.0, "y": 1.0}, {"x": 5.0, "y": 2.0})
        )
        order = sorted(outcomes, key=lambda pid: outcomes[pid].rank)
        expected = ["SP3", "SP4"] if direction == "asc" else ["SP4", "SP3"]
        assert order == [*expected, "SP2"]
        assert not any(Flag.TIE in o.flags for o in outcomes.values())


def test_rank_by_group_criterion_and_text_field():
    criteria = ruleset(
        """
groups:
  - id: A
    title: A
    criteria:
      - {id: A1, title: X, max: 10, formula: x}
  - id: B
    title: B
    criteria:
      - {id: B1, title: Y, max: 10, formula: y}
""",
        "selection: {pass_mark: 0, tie_break: [total desc, B1 desc, enterprise asc]}",
    )
    cards = [
        score_product(criteria, row(2, x=5.0, y=5.0, enterprise="Cty B")),
        score_product(criteria, row(3, x=5.0, y=5.0, enterprise="Cty A")),
        score_product(criteria, row(4, x=4.0, y=6.0, enterprise="Cty C")),
    ]
    outcomes = select(criteria, cards)
    assert [o.rank for o in outcomes] == [3, 2, 1]


# --- quotas and limit -----------------------------------------------------------------------

QUOTA = """
selection:
  pass_mark: 0
  quotas:
    - {id: per_enterprise, per: tax_code, max: 2, title: "Tối đa 2 sản phẩm một doanh nghiệp",
       title_en: "At most 2 products per enterprise"}
"""


def test_quota_cuts_products_beyond_the_max_per_value():
    criteria = rules(QUOTA)
    outcomes = outcomes_for(
        criteria,
        {"x": 90.0, "tax_code": "0101"},
        {"x": 80.0, "tax_code": "0101"},
        {"x": 70.0, "tax_code": "0101"},
        {"x": 60.0, "tax_code": "0202"},
    )
    assert [o.status for o in outcomes] == [
        Status.SELECTED,
        Status.SELECTED,
        Status.PASSED,
        Status.SELECTED,
    ]
    cut = outcomes[2]
    assert (cut.rank, codes(cut)) == (3, ["QUOTA:per_enterprise"])
    assert cut.reasons[0].render("vi") == (
        "Đã đủ hạn mức Tối đa 2 sản phẩm một doanh nghiệp: đã chọn 2 sản phẩm có Mã số thuế = 0101"
    )
    assert "At most 2 products per enterprise" in cut.reasons[0].render("en")


def test_blank_quota_value_counts_alone():
    criteria = rules(QUOTA.replace("max: 2", "max: 1"))
    outcomes = outcomes_for(criteria, {"x": 90.0}, {"x": 80.0, "tax_code": ""}, {"x": 70.0})
    assert all(o.status is Status.SELECTED for o in outcomes)


def test_quota_counts_only_selected_products():
    criteria = rules(QUOTA.replace("max: 2", "max: 1") + "  limit: 2\n")
    outcomes = outcomes_for(
        criteria,
        {"x": 90.0, "tax_code": "A"},
        {"x": 80.0, "tax_code": "A"},  # cut by the quota: does not use a place
        {"x": 70.0, "tax_code": "B"},
        {"x": 60.0, "tax_code": "C"},  # cut by the limit
    )
    assert [codes(o) for o in outcomes] == [[], ["QUOTA:per_enterprise"], [], ["LIMIT"]]


def test_limit_cuts_after_n_selected():
    criteria = rules("selection: {pass_mark: 20, limit: 2}")
    outcomes = outcomes_for(criteria, {"x": 50.0}, {"x": 40.0}, {"x": 30.0}, {"x": 10.0})
    assert [o.status for o in outcomes] == [
        Status.SELECTED,
        Status.SELECTED,
        Status.PASSED,
        Status.REJECTED,
    ]
    assert codes(outcomes[2]) == ["LIMIT"]
    assert outcomes[2].reasons[0].render("vi") == (
        "Đã chọn đủ 2 sản phẩm, số lượng tối đa của đợt xét chọn"
    )
    assert outcomes[2].rank == 3


def test_a_product_blocked_by_quota_and_limit_gets_both_reasons():
    criteria = rules(QUOTA.replace("max: 2", "max: 1") + "  limit: 1\n")
    outcomes = outcomes_for(criteria, {"x": 90.0, "tax_code": "A"}, {"x": 80.0, "tax_code": "A"})
    assert codes(outcomes[1]) == ["QUOTA:per_enterprise", "LIMIT"]


# --- tiers ----------------------------------------------------------------------------------


def test_top_tier_labels_the_first_selected_and_min_total_the_rest():
    criteria = rules("""
selection:
  pass_mark: 30
  quotas: [{id: q, per: tax_code, max: 1}]
  tiers:
    - {label: "Top 2", top: 2}
    - {label: "Đạt", label_en: "Passed", min_total: 30}
""")
    outcomes = outcomes_for(
        criteria,
        {"x": 90.0, "tax_code": "A"},
        {"x": 85.0, "tax_code": "A"},  # cut by the quota: not in the top, but rated
        {"x": 80.0, "tax_code": "B"},  # second selected
        {"x": 40.0, "tax_code": "C"},
        {"x": 20.0, "tax_code": "D"},  # below the pass mark and every tier
    )
    labels = [o.tier.text("en") if o.tier else None for o in outcomes]
    assert labels == ["Top 2", "Passed", "Top 2", "Passed", None]


def test_min_total_tiers_rate_pass_mark_rejects_but_not_gate_rejects():
    criteria = rules("""
selection:
  pass_mark: 50
  tiers:
    - {label: "4 sao", min_total: 70}
    - {label: "3 sao", min_total: 50}
    - {label: "2 sao", min_total: 30}
    - {label: "1 sao", min_total: 0}
""")
    outcomes = outcomes_for(
        criteria, {"x": 75.0}, {"x": 55.0}, {"x": 35.0}, {"x": 5.0}, {"x": 95.0, "in_hanoi": False}
    )
    assert [o.tier.label if o.tier else None for o in outcomes] == [
        "4 sao",
        "3 sao",
        "2 sao",
        "1 sao",
        None,
    ]
    assert outcomes[2].status is Status.REJECTED


def test_min_total_tier_rates_a_product_below_a_group_minimum():
    criteria = ruleset(
        """
groups:
  - id: A
    title: A
    min: 10
    criteria:
      - {id: A1, title: X, max: 100, formula: x}
""",
        "selection: {pass_mark: 0, tiers: [{label: Có điểm, min_total: 5}]}",
    )
    (outcome,) = select(criteria, [score_product(criteria, row(2, x=6.0))])
    assert codes(outcome) == ["GROUP_MIN:A"]
    assert outcome.tier is not None and outcome.tier.label == "Có điểm"


def test_tier_with_top_and_min_total_needs_both():
    criteria = rules("selection: {pass_mark: 0, tiers: [{label: T, top: 5, min_total: 50}]}")
    outcomes = outcomes_for(criteria, {"x": 60.0}, {"x": 40.0})
    assert [o.tier is not None for o in outcomes] == [True, False]


def test_card_flags_are_kept_and_tie_added():
    criteria = ruleset(
        """
groups:
  - id: A
    title: A
    criteria:
      - {id: A1, title: X, max: 10, formula: x}
      - {id: A2, title: Hội đồng, max: 10, judged: true}
""",
        "selection: {pass_mark: 0, tie_break: [total desc]}",
    )
    cards = [score_product(criteria, row(n, x=5.0)) for n in (2, 3)]
    outcomes = select(criteria, cards)
    assert all(o.flags == (Flag.AWAITING_SCORES, Flag.TIE) for o in outcomes)
    assert all(o.card.total == Decimal("5.00") for o in outcomes)
