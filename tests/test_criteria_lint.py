"""Tests of chuluc_cli.criteria.lint: each warning on a small ruleset, none on shipped ones."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chuluc_cli.criteria.lint import LintCode, LintFinding, lint, lint_file
from chuluc_cli.criteria.loader import load_criteria_with_positions, parse_criteria_with_positions
from chuluc_cli.criteria.model import Criteria

ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "tests" / "data" / "criteria" / "issue-example.yaml"
SHIPPED = sorted((ROOT / "criteria").glob("*.yaml"))

# A ruleset with no warning; each test changes one piece of it.
BASE = """\
schema: chuluc/criteria-v1
id: lint-test
version: "1"
title: "Bộ tiêu chí kiểm tra"
fields:
  product_id: {type: id, headers: ["Mã hồ sơ"]}
  product: {type: text, headers: ["Tên sản phẩm"]}
  revenue: {type: number, headers: ["Doanh thu"], min: 0, max: 10000}
  employees: {type: integer, headers: ["Số lao động"], min: 1}
  sector: {type: choice, headers: ["Ngành"], choices: {co_khi: ["Cơ khí"], dien_tu: ["Điện tử"]}}
eligibility:
  - {id: E1, title: "Doanh thu tối thiểu", require: "revenue >= 20"}
groups:
  - id: A
    title: "Quy mô"
    criteria:
      - id: A1
        title: "Doanh thu"
        max: 10
        bands:
          of: revenue
          steps:
            - {at_least: 100, points: 10}
            - {at_least: 20, points: 5}
      - {id: A2, title: "Lao động", max: 5, formula: "employees / 100"}
      - {id: A3, title: "Ngành", max: 5, map: {of: sector, points: {co_khi: 5, dien_tu: 3}}}
selection:
  pass_mark: 10
  tie_break: [total desc, product_id asc]
"""
FOUNDED = '  founded: {type: date, headers: ["Ngày thành lập"]}\neligibility:'
QUOTA = "  quotas:\n    - {id: per_enterprise, per: tax_code, max: 2}\n"
STEPS = """\
            - {at_least: 100, points: 10}
            - {at_least: 20, points: 5}
"""


def variant(old: str, new: str) -> str:
    """BASE with ``old`` (which must occur once) replaced by ``new``."""
    assert BASE.count(old) == 1, old
    return BASE.replace(old, new)


def lint_text(text: str) -> list[LintFinding]:
    criteria, document = parse_criteria_with_positions(text.encode(), "test.yaml")
    return lint(criteria, document)


def only(findings: list[LintFinding]) -> LintFinding:
    assert len(findings) == 1, [finding.one_line("en") for finding in findings]
    return findings[0]


def with_steps(steps: str, of: str = "revenue") -> str:
    text = variant(STEPS, steps)
    return text.replace("          of: revenue\n", f"          of: {of}\n")


def test_the_base_ruleset_has_no_warning() -> None:
    assert lint_text(BASE) == []


# ---------------------------------------------------------------- unreachable band steps


@pytest.mark.parametrize(
    ("steps", "of", "step", "expected"),
    [
        (
            "            - {at_least: 20, points: 5}\n            - {at_least: 100, points: 10}\n",
            "revenue",
            2,
            "criterion A1: step 2 (≥100) can never apply because step 1 (≥20) above it already "
            "matches every value it would; reorder the steps or remove this one",
        ),
        (
            "            - {at_most: 50, points: 5}\n            - {at_most: 10, points: 10}\n",
            "revenue",
            2,
            "criterion A1: step 2 (≤10) can never apply because step 1 (≤50) above it",
        ),
        (
            "            - {equals: 5, points: 5}\n            - {equals: 5, points: 10}\n",
            "revenue",
            2,
            "criterion A1: step 2 (=5) can never apply because step 1 (=5) above it",
        ),
        (
            "            - {equals: co_khi, points: 5}\n"
            "            - {equals: co_khi, points: 3}\n",
            "sector",
            2,
            "criterion A1: step 2 (=co_khi) can never apply because step 1 (=co_khi) above it",
        ),
        (  # on integers, "above 4" already takes every value of "at least 5"
            "            - {above: 4, points: 5}\n            - {at_least: 5, points: 10}\n",
            "employees",
            2,
            "criterion A1: step 2 (≥5) can never apply because step 1 (>4) above it",
        ),
        (  # no single step covers step 4; the three together do (revenue is at least 0)
            "            - {below: 10, points: 1}\n"
            "            - {above: 10, points: 2}\n"
            "            - {equals: 10, points: 3}\n"
            "            - {at_least: 0, points: 4}\n",
            "revenue",
            4,
            "criterion A1: step 4 (≥0) can never apply because the steps above it already match "
            "every value it would",
        ),
        (  # revenue has min 0
            "            - {at_least: 20, points: 5}\n            - {below: 0, points: 1}\n",
            "revenue",
            2,
            "criterion A1: step 2 (<0) can never apply because 'revenue' only takes values "
            "from 0 to 10,000",
        ),
        (  # revenue has max 10,000
            "            - {above: 10000, points: 10}\n            - {at_least: 20, points: 5}\n",
            "revenue",
            1,
            "criterion A1: step 1 (>10,000) can never apply because 'revenue' only takes values "
            "from 0 to 10,000",
        ),
        (  # at least 0 takes every value revenue can have
            "            - {at_least: 0, points: 1}\n            - {at_most: 5, points: 10}\n",
            "revenue",
            2,
            "criterion A1: step 2 (≤5) can never apply because step 1 (≥0) above it",
        ),
    ],
)
def test_unreachable_step(steps: str, of: str, step: int, expected: str) -> None:
    finding = only(lint_text(with_steps(steps, of)))
    assert finding.code == LintCode.UNREACHABLE_STEP
    assert finding.path == ("groups", 0, "criteria", 0, "bands", "steps", step - 1)
    assert finding.line == 22 + step
    assert finding.render("en").startswith(expected)


@pytest.mark.parametrize(
    ("steps", "of"),
    [
        ("            - {at_least: 100, points: 10}\n            - {at_least: 20, points: 5}\n",
         "revenue"),
        ("            - {at_most: 10, points: 10}\n            - {at_most: 50, points: 5}\n",
         "revenue"),
        ("            - {above: 4, points: 5}\n            - {at_least: 4, points: 10}\n",
         "revenue"),
        # On a number field, 4.5 is above 4 and below 5: step 2 can apply.
        ("            - {below: 4, points: 5}\n            - {below: 5, points: 10}\n",
         "revenue"),
        ("            - {equals: co_khi, points: 5}\n            - {equals: dien_tu, points: 3}\n",
         "sector"),
        ("            - {at_most: 0, points: 1}\n            - {at_least: 0, points: 10}\n",
         "revenue"),
    ],
)  # fmt: skip
def test_reachable_steps_are_not_flagged(steps: str, of: str) -> None:
    assert lint_text(with_steps(steps, of)) == []


def band_criteria(steps: list[dict[str, Any]]) -> Criteria:
    return Criteria.model_validate(
        {
            "schema": "chuluc/criteria-v1",
            "id": "property",
            "version": "1",
            "title": "t",
            "fields": {
                "product_id": {"type": "id", "headers": ["id"]},
                "x": {"type": "number", "headers": ["x"]},
            },
            "groups": [
                {
                    "id": "A",
                    "title": "A",
                    "criteria": [
                        {"id": "A1", "title": "A1", "max": 1, "bands": {"of": "x", "steps": steps}}
                    ],
                }
            ],
            "selection": {"pass_mark": 0},
        }
    )


def first_match(steps: list[dict[str, Any]], value: float) -> int | None:
    tests = {
        "at_least": lambda t: value >= t,
        "above": lambda t: value > t,
        "at_most": lambda t: value <= t,
        "below": lambda t: value < t,
        "equals": lambda t: value == t,
    }
    for index, step in enumerate(steps):
        (key, threshold), = ((k, v) for k, v in step.items() if k != "points")  # fmt: skip
        if tests[key](threshold):
            return index
    return None


step_strategy = st.builds(
    lambda key, threshold: {key: threshold, "points": 1},
    st.sampled_from(["at_least", "above", "at_most", "below", "equals"]),
    st.integers(-3, 3),
)


@given(st.lists(step_strategy, min_size=1, max_size=6))
def test_a_step_is_flagged_exactly_when_no_value_reaches_it(steps: list[dict[str, Any]]) -> None:
    # Integer thresholds in -3..3: quarter steps from -5 to 5 visit every stretch between them.
    values = [quarter / 4 for quarter in range(-20, 21)]
    reached = {first_match(steps, value) for value in values}
    flagged = {finding.path[-1] for finding in lint(band_criteria(steps))}
    assert flagged == set(range(len(steps))) - reached


# ---------------------------------------------------------------- points above max


def test_band_points_above_max() -> None:
    text = with_steps("            - {at_least: 100, points: 12.5}\n")
    finding = only(lint_text(text))
    assert finding.code == LintCode.BAND_POINTS_ABOVE_MAX
    assert finding.line == 23
    assert finding.render("en") == (
        "criterion A1: step 1 gives 12.5 points, above the criterion's max 10; "
        "scoring counts only 10"
    )
    assert "12,5 điểm" in finding.render("vi")


def test_map_points_above_max() -> None:
    finding = only(lint_text(variant("dien_tu: 3}", "dien_tu: 7}")))
    assert finding.code == LintCode.MAP_POINTS_ABOVE_MAX
    assert finding.path == ("groups", 0, "criteria", 2, "map", "points", "dien_tu")
    assert finding.line == 26
    assert finding.render("en").startswith("criterion A3: 'dien_tu' gives 7 points")


# ---------------------------------------------------------------- pass mark and tiers


def test_pass_mark_above_the_max_total() -> None:
    finding = only(lint_text(variant("pass_mark: 10", "pass_mark: 20.5")))
    assert finding.code == LintCode.PASS_MARK_UNREACHABLE
    assert finding.line == 28
    assert finding.render("en") == (
        "pass mark 20.5 is above the highest possible total 20: no product can pass"
    )
    assert finding.render("vi") == (
        "điểm đạt 20,5 cao hơn tổng điểm tối đa 20: không sản phẩm nào đạt được"
    )


def test_a_pass_mark_equal_to_the_max_total_is_fine() -> None:
    assert lint_text(variant("pass_mark: 10", "pass_mark: 20")) == []


def test_tier_above_the_max_total() -> None:
    tiers = "  tiers:\n    - {label: Xuất sắc, label_en: Excellent, min_total: 25}\n"
    finding = only(lint_text(BASE + tiers))
    assert finding.code == LintCode.PASS_MARK_UNREACHABLE
    assert finding.path == ("selection", "tiers", 0, "min_total")
    assert finding.line == 31
    assert finding.render("en").startswith("tier 'Xuất sắc' needs 25 points, above")


# ---------------------------------------------------------------- gates


@pytest.mark.parametrize(
    ("require", "reason"),
    [
        ("false", "the expression is always false"),
        ("1 > 2", "the expression is always false"),
        ("1 / 0 > 0", "the expression is always false"),
        ("true and false", "the expression is always false"),
        ("revenue >= 20000", "'revenue' only takes values from 0 to 10,000"),
        ("revenue > 10000", "'revenue' only takes values from 0 to 10,000"),
        ("revenue < 0", "'revenue' only takes values from 0 to 10,000"),
        ("revenue <= -0.5", "'revenue' only takes values from 0 to 10,000"),
        ("0 > revenue", "'revenue' only takes values from 0 to 10,000"),
        ("revenue == -1", "'revenue' only takes values from 0 to 10,000"),
        ("employees < 1", "'employees' only takes values of 1 or more"),
        ("0 <= revenue <= -1", "'revenue' only takes values from 0 to 10,000"),
        ("sector in []", "no value is in the empty list []"),
        ("employees > 5 and revenue > 10000", "'revenue' only takes values from 0 to 10,000"),
        ("revenue < 0 or false", "'revenue' only takes values from 0 to 10,000"),
    ],
)
def test_gate_never_passes(require: str, reason: str) -> None:
    finding = only(lint_text(variant('require: "revenue >= 20"', f'require: "{require}"')))
    assert finding.code == LintCode.GATE_NEVER_PASSES
    assert finding.path == ("eligibility", 0, "require")
    assert finding.line == 12
    assert finding.render("en") == (
        f"gate E1 ({require}) can never pass because {reason}: every product would be rejected"
    )


@pytest.mark.parametrize(
    "require",
    [
        "revenue >= 20",
        "revenue <= 0",  # 0 is allowed
        "revenue >= 10000",  # 10,000 is allowed
        "revenue > 0 or revenue < 0",
        "not (revenue >= 0)",  # never true, but not one of the decided cases
        "sector not in []",
        "revenue < 0 or employees > 1",
        "true",
        "employees / 100 > 1",
    ],
)
def test_gates_that_can_pass_are_not_flagged(require: str) -> None:
    assert lint_text(variant('require: "revenue >= 20"', f'require: "{require}"')) == []


def test_gate_message_in_vietnamese() -> None:
    finding = only(lint_text(variant('require: "revenue >= 20"', 'require: "revenue > 20000"')))
    assert finding.render("vi") == (
        "điều kiện E1 (revenue > 20000) không bao giờ thỏa mãn vì 'revenue' chỉ nhận giá trị "
        "từ 0 đến 10.000: mọi sản phẩm sẽ bị loại"
    )


# ---------------------------------------------------------------- tie-break


def test_tie_break_not_ending_on_a_unique_key() -> None:
    finding = only(lint_text(variant("[total desc, product_id asc]", "[total desc, revenue desc]")))
    assert finding.code == LintCode.TIE_BREAK_NOT_UNIQUE
    assert finding.path == ("selection", "tie_break", 1)
    assert finding.line == 29
    assert "add 'product_id asc' at the end" in finding.render("en")


def test_tie_break_keys_after_product_id_never_decide() -> None:
    text = variant("[total desc, product_id asc]", "[total desc, product_id asc, revenue desc]")
    finding = only(lint_text(text))
    assert finding.code == LintCode.TIE_BREAK_KEY_UNUSED
    assert finding.path == ("selection", "tie_break", 2)
    assert finding.render("en").startswith("tie_break key 'revenue' comes after product_id")


def test_the_default_tie_break_is_unique() -> None:
    assert lint_text(variant("  tie_break: [total desc, product_id asc]\n", "")) == []


# ---------------------------------------------------------------- unused names


def test_unused_field() -> None:
    text = variant(
        "eligibility:", '  founded: {type: date, headers: ["Ngày thành lập"]}\neligibility:'
    )
    finding = only(lint_text(text))
    assert finding.code == LintCode.UNUSED_FIELD
    assert finding.path == ("fields", "founded")
    assert finding.line == 11
    assert finding.render("en") == (
        "field 'founded' is declared but no gate, criterion, quota or tie-break uses it"
    )


def test_identity_fields_always_count_as_used() -> None:
    text = variant(
        "eligibility:", '  enterprise: {type: text, headers: ["Doanh nghiệp"]}\neligibility:'
    )
    assert lint_text(text) == []  # nor is `product`, which BASE never uses


@pytest.mark.parametrize(
    "use",
    [
        "  tie_break: [total desc, founded asc, product_id asc]\n",
        "  quotas: [{id: Q1, per: founded, max: 2}]\n  tie_break: [total desc, product_id asc]\n",
    ],
)
def test_a_field_used_by_selection_is_used(use: str) -> None:
    text = variant(
        "eligibility:", '  founded: {type: date, headers: ["Ngày thành lập"]}\neligibility:'
    )
    text = text.replace("  tie_break: [total desc, product_id asc]\n", use)
    assert lint_text(text) == []


def test_unused_derived() -> None:
    text = variant("eligibility:", 'derived:\n  per_worker: "revenue / employees"\neligibility:')
    finding = only(lint_text(text))
    assert finding.code == LintCode.UNUSED_DERIVED
    assert finding.path == ("derived", "per_worker")
    assert finding.render("en") == "derived value 'per_worker' is not used anywhere"


def test_a_derived_value_used_by_another_is_used() -> None:
    derived = 'derived:\n  per_worker: "revenue / employees"\n  big: "per_worker > 10"\n'
    text = variant("eligibility:", derived + "eligibility:").replace("revenue >= 20", "big")
    assert lint_text(text) == []


# ---------------------------------------------------------------- quotas


def test_quota_on_an_optional_field() -> None:
    field = '  tax_code: {type: text, headers: ["Mã số thuế"], required: false}\neligibility:'
    text = (
        variant("eligibility:", field)
        + "  quotas:\n    - {id: per_enterprise, per: tax_code, max: 2}\n"
    )
    finding = only(lint_text(text))
    assert finding.code == LintCode.QUOTA_ON_OPTIONAL_FIELD
    assert finding.path == ("selection", "quotas", 0, "per")
    assert finding.render("en").startswith(
        "quota per_enterprise is per 'tax_code', an optional field"
    )


def test_quota_on_a_required_field_is_fine() -> None:
    field = '  tax_code: {type: text, headers: ["Mã số thuế"]}\neligibility:'
    text = (
        variant("eligibility:", field)
        + "  quotas:\n    - {id: per_enterprise, per: tax_code, max: 2}\n"
    )
    assert lint_text(text) == []


# ---------------------------------------------------------------- findings as values


def test_findings_are_in_file_order_with_lines() -> None:
    text = variant("pass_mark: 10", "pass_mark: 99")
    text = text.replace("dien_tu: 3}", "dien_tu: 9}").replace('"revenue >= 20"', '"false"')
    findings = lint_text(text)
    assert [finding.code for finding in findings] == [
        LintCode.GATE_NEVER_PASSES,
        LintCode.MAP_POINTS_ABOVE_MAX,
        LintCode.PASS_MARK_UNREACHABLE,
    ]
    assert [finding.line for finding in findings] == [12, 26, 28]


def test_without_positions_lines_are_none() -> None:
    criteria, _ = parse_criteria_with_positions(variant("pass_mark: 10", "pass_mark: 99").encode())
    finding = only(lint(criteria))
    assert finding.line is None
    assert finding.one_line("en") == (
        "pass_mark_unreachable: pass mark 99 is above the highest possible total 20: "
        "no product can pass"
    )


def test_one_line_names_file_and_line() -> None:
    finding = only(lint_text(variant("pass_mark: 10", "pass_mark: 99")))
    assert finding.one_line("vi", "test.yaml").startswith(
        "test.yaml:28: pass_mark_unreachable: điểm đạt 99 cao hơn"
    )


# ---------------------------------------------------------------- shipped rulesets


@pytest.mark.parametrize("path", SHIPPED, ids=[path.stem for path in SHIPPED])
def test_shipped_rulesets_have_no_warning(path: Path) -> None:
    criteria, document = load_criteria_with_positions(path)
    assert [finding.one_line("en", str(path)) for finding in lint(criteria, document)] == []


def test_the_issue_example_only_leaves_founded_unused() -> None:
    # `founded` is declared in the issue's example and never read: a true finding.
    criteria, document = load_criteria_with_positions(EXAMPLE)
    finding = only(lint(criteria, document))
    assert (finding.code, finding.path, finding.line) == ("unused_field", ("fields", "founded"), 19)


def test_lint_file_loads_and_lints_with_lines(tmp_path: Path) -> None:
    path = tmp_path / "high.yaml"
    path.write_text(variant("pass_mark: 10", "pass_mark: 99"), encoding="utf-8")
    criteria, findings = lint_file(path)
    assert criteria.id == "lint-test"
    assert [(finding.code, finding.line) for finding in findings] == [("pass_mark_unreachable", 28)]
