"""A whole round: duplicate ids across inputs, outcomes in input order, and the summary."""

from __future__ import annotations

import gc
from decimal import Decimal
from pathlib import Path

import pytest

from chuluc_cli import round as round_module
from chuluc_cli.collector import collector_paused
from chuluc_cli.criteria.loader import load_criteria, parse_criteria
from chuluc_cli.data_issues import IssueCode, Severity
from chuluc_cli.results import Status
from chuluc_cli.round import duplicate_ids, run_round, summary
from scoring_helpers import issue, nominations, row, ruleset

BODY = """
groups:
  - id: A
    title: Điểm
    criteria:
      - {id: A1, title: X, max: 100, formula: x}
      - {id: A2, title: Hội đồng, max: 10, judged: true}
"""
EXAMPLE = Path(__file__).parent / "data" / "criteria" / "issue-example.yaml"


def codes(outcome):
    return [reason.code for reason in outcome.reasons]


def test_outcomes_follow_input_order_across_files():
    criteria = ruleset(BODY, "selection: {pass_mark: 20}")
    first = nominations(row(2, x=10.0), row(3, x=50.0))
    second = nominations(row(2, product_id="B1", x=30.0), path="b.xlsx")
    result = run_round(criteria, [first, second], {"lang": "en"})
    assert [o.product_id for o in result.outcomes] == ["SP2", "SP3", "B1"]
    assert [o.rank for o in result.outcomes] == [None, 1, 2]
    assert result.inputs == (first, second)
    assert result.options == {"lang": "en"}


def test_every_row_with_a_repeated_id_is_rejected_across_inputs():
    criteria = ruleset(BODY, "selection: {pass_mark: 0}")
    first = nominations(row(2, product_id="SP01", x=90.0), row(3, product_id="SP02", x=10.0))
    second = nominations(row(2, product_id="SP01 ", x=80.0), path="b.xlsx")
    result = run_round(criteria, [first, second])
    assert [codes(o) for o in result.outcomes] == [["DUPLICATE"], [], ["DUPLICATE"]]
    assert [o.status for o in result.outcomes] == [
        Status.REJECTED,
        Status.SELECTED,
        Status.REJECTED,
    ]
    assert result.outcomes[1].rank == 1


def test_reader_duplicate_issue_gives_one_duplicate_reason_only():
    criteria = ruleset(BODY, "selection: {pass_mark: 0}")
    reader = [
        issue(2, "product_id", IssueCode.DUPLICATE_ID, value="SP01"),
        issue(3, "product_id", IssueCode.DUPLICATE_ID, value="SP01"),
    ]
    one = nominations(
        row(2, product_id="SP01", x=1.0), row(3, product_id="SP01", x=2.0), issues=reader
    )
    result = run_round(criteria, [one])
    assert [codes(o) for o in result.outcomes] == [["DUPLICATE"], ["DUPLICATE"]]


def test_blank_ids_are_not_duplicates():
    blank = nominations(row(2, product_id=None), row(3, product_id=""), row(4, product_id="A"))
    assert duplicate_ids([blank]) == set()


def test_summary_counts():
    criteria = ruleset(
        BODY,
        """
selection:
  pass_mark: 20
  limit: 1
  tie_break: [total desc]
""",
    )
    rows = nominations(
        row(2, x=50.0, sector="co_khi"),
        row(3, x=50.0, sector="co_khi"),
        row(4, x=5.0, sector="dien_tu"),
        row(5, x=90.0),
        issues=[issue(5, "x"), issue(4, "x", IssueCode.AMBIGUOUS_NUMBER, Severity.WARNING)],
    )
    counts = summary(run_round(criteria, [rows]))
    assert counts == {
        "products": 4,
        "by_status": {"selected": 1, "passed": 1, "rejected": 2},
        "by_reason": {"DATA:x": 1, "LIMIT": 1, "PASS_MARK": 1},
        "by_sector": {
            "": {"selected": 0, "passed": 0, "rejected": 1, "total": 1},
            "co_khi": {"selected": 1, "passed": 1, "rejected": 0, "total": 2},
            "dien_tu": {"selected": 0, "passed": 0, "rejected": 1, "total": 1},
        },
        "awaiting": 4,
        "ties": 2,
        "tie_groups": 1,
    }


def test_summary_without_a_sector_field():
    text = """
schema: chuluc/criteria-v1
id: t
version: "1"
title: Không có ngành
fields:
  product_id: {type: id, headers: ["Mã"]}
  x: {type: number, headers: ["X"]}
groups:
  - {id: A, title: A, criteria: [{id: A1, title: X, max: 10, formula: x}]}
selection: {pass_mark: 0}
"""
    criteria = parse_criteria(text.encode(), "t.yaml")
    result = run_round(criteria, [nominations(row(2, x=1.0))])
    assert summary(result)["by_sector"] is None
    assert summary(result)["by_status"]["selected"] == 1


def test_issue_example_round_end_to_end():
    criteria = load_criteria(EXAMPLE)
    good = {
        "tax_code": "0101234567",
        "sector": "co_khi",
        "revenue": 600.0,
        "revenue_prev": 500.0,
        "export_share": 40.0,
        "iso_9001": True,
        "in_hanoi": True,
    }
    rows = nominations(
        row(2, **good),
        row(3, **{**good, "export_share": 30.0}),
        row(4, **{**good, "revenue": 120.0, "revenue_prev": 100.0}),  # third of one enterprise
        row(5, **{**good, "in_hanoi": False}),
        row(6, **{**good, "revenue": 25.0, "revenue_prev": None}),  # below the group A minimum
    )
    result = run_round(criteria, [rows])
    outcomes = result.outcomes
    assert [o.card.total for o in outcomes[:3]] == [
        Decimal("39.00"),
        Decimal("38.00"),
        Decimal("34.00"),
    ]
    assert [o.status for o in outcomes] == [
        Status.SELECTED,
        Status.SELECTED,
        Status.PASSED,
        Status.REJECTED,
        Status.REJECTED,
    ]
    assert codes(outcomes[2]) == ["QUOTA:per_enterprise"]
    assert codes(outcomes[3]) == ["E1"]
    assert codes(outcomes[4]) == ["GROUP_MIN:A"]  # the pass mark is for eligible cards only
    assert [o.tier.label if o.tier else None for o in outcomes] == [
        "Top 10",
        "Top 10",
        "Đạt",
        None,
        None,
    ]


def test_the_collector_is_paused_while_scoring_and_restored(monkeypatch):
    seen: list[bool] = []
    real = round_module.score_product

    def spy(*args, **kwargs):
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(round_module, "score_product", spy)
    criteria = ruleset(BODY, "selection: {pass_mark: 20}")
    assert gc.isenabled()
    result = run_round(criteria, [nominations(row(2, x=30), row(3, x=5))])
    assert seen == [False, False]
    assert gc.isenabled()
    assert [outcome.status for outcome in result.outcomes] == [Status.SELECTED, Status.REJECTED]


def test_a_collector_paused_by_the_caller_stays_paused_and_errors_restore_it():
    gc.disable()
    try:
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()
    with pytest.raises(ValueError, match="scoring failed"), collector_paused():
        raise ValueError("scoring failed")
    assert gc.isenabled()
