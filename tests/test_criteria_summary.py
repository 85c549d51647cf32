"""Tests of chuluc_cli.criteria.summary: the data behind ``chuluc criteria show``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from chuluc_cli.criteria.loader import load_criteria, parse_criteria
from chuluc_cli.criteria.summary import describe

EXAMPLE = Path(__file__).parent / "data" / "criteria" / "issue-example.yaml"


@pytest.fixture(scope="module")
def english() -> dict:
    return describe(load_criteria(EXAMPLE), "en")


def test_header_and_totals(english: dict) -> None:
    assert english["id"] == "hanoi-spcncl"
    assert english["version"] == "2025.1"
    assert english["language"] == "vi"
    assert english["max_total"] == 50
    assert english["file"] == str(EXAMPLE)
    assert len(english["sha256"]) == 64


def test_rule_descriptions_in_english(english: dict) -> None:
    descriptions = {c["id"]: c["description"] for g in english["groups"] for c in g["criteria"]}
    assert descriptions == {
        "A1": "bands on revenue: ≥500→15, ≥100→10, ≥20→5",
        "A2": "linear on growth: 0 at 0, max at 20",
        "B1": "full points when iso_9001",
        "B2": "by value of sector: co_khi→5, dien_tu→4",
        "B3": "formula: export_share / 10",
        "B4": "scored by the committee",
    }


def test_rule_descriptions_in_vietnamese_use_its_number_style() -> None:
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        "at_least: 500, points: 15", "at_least: 1500.5, points: 15"
    )
    criteria = parse_criteria(text.encode(), "vi.yaml")
    first = describe(criteria, "vi")["groups"][0]["criteria"][0]
    assert first["description"] == "theo bậc của revenue: ≥1.500,5→15; ≥100→10; ≥20→5"


def test_groups_and_criteria(english: dict) -> None:
    group_a, group_b = english["groups"]
    assert (group_a["id"], group_a["max"], group_a["min"]) == ("A", 25, 15)
    assert (group_b["id"], group_b["max"], group_b["min"]) == ("B", 25, None)
    assert [c["rule"] for c in group_b["criteria"]] == ["when", "map", "formula", "judged"]
    assert group_a["criteria"][0] == {
        "id": "A1",
        "title": "Doanh thu",
        "max": 15,
        "min": None,
        "rule": "bands",
        "description": "bands on revenue: ≥500→15, ≥100→10, ≥20→5",
    }


def test_fields_derived_and_gates(english: dict) -> None:
    fields = {field["name"]: field for field in english["fields"]}
    assert fields["revenue"]["unit"] == "tỷ đồng"
    assert fields["revenue"]["min"] == 0
    assert fields["revenue_prev"]["required"] is False
    assert fields["sector"]["choices"] == ["co_khi", "dien_tu"]
    assert fields["product_id"]["headers"] == ["Mã hồ sơ", "Mã sản phẩm", "Product ID"]
    assert english["derived"] == [
        {"name": "growth", "expression": "(revenue - revenue_prev) / revenue_prev * 100"}
    ]
    assert [gate["require"] for gate in english["gates"]] == ["in_hanoi", "revenue >= 20"]


def test_selection(english: dict) -> None:
    assert english["selection"] == {
        "pass_mark": 30,
        "limit": 30,
        "quotas": [{"id": "per_enterprise", "title": None, "per": "tax_code", "max": 2}],
        "tie_break": ["total desc", "A desc", "revenue desc", "product_id asc"],
        "tiers": [
            {"label": "Top 10", "top": 10, "min_total": None},
            {"label": "Đạt", "top": None, "min_total": 30},
        ],
    }


def test_tie_break_without_direction_is_resolved() -> None:
    # Scores (total, groups, criteria) rank high first; fields and derived values low first.
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        "tie_break: [total desc, A desc, revenue desc, product_id asc]",
        "tie_break: [total, A1, growth, revenue, product_id]",
    )
    summary = describe(parse_criteria(text.encode(), "t.yaml"), "en")
    assert summary["selection"]["tie_break"] == [
        "total desc",
        "A1 desc",
        "growth asc",
        "revenue asc",
        "product_id asc",
    ]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_summary_is_json(lang: str) -> None:
    summary = describe(load_criteria(EXAMPLE), lang)
    assert json.loads(json.dumps(summary, ensure_ascii=False)) == summary
