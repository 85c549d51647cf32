"""Scoring one product: every rule kind, missing data, gates, reasons, rounding, explanations."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from chuluc_cli.data_issues import IssueCode, Severity
from chuluc_cli.results import Flag
from chuluc_cli.scoring import round_points, score_all, score_product
from scoring_helpers import issue, nominations, one_group, row, ruleset

BANDS = """
- id: A1
  title: Doanh thu
  title_en: Revenue
  max: 15
  bands:
    of: revenue
    steps:
      - {at_least: 500, points: 15}
      - {at_least: 100, points: 10}
      - {above: 20, points: 5}
"""


def result(criteria, **values):
    """The only criterion result of a product with ``values``."""
    card = score_product(criteria, row(2, **values))
    (only,) = card.criteria
    return only


def explain(criterion_result, lang="vi"):
    return criterion_result.explanation.render(lang)


# --- bands ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("revenue", "points"),
    [
        (600.0, "15.00"),
        (500.0, "15.00"),
        (120.0, "10.00"),
        (100.0, "10.00"),
        (20.5, "5.00"),
        (20.0, "0.00"),
    ],
)
def test_bands_first_matching_step_wins(revenue, points):
    assert result(one_group(BANDS), revenue=revenue).points == Decimal(points)


def test_bands_explanation_in_both_languages():
    scored = result(one_group(BANDS), revenue=120.0)
    assert explain(scored) == "Doanh thu = 120 tỷ đồng ≥ 100 → 10/15"
    assert explain(scored, "en") == "Revenue = 120 tỷ đồng ≥ 100 → 10/15"
    assert scored.inputs == {"revenue": 120.0}


def test_bands_no_step_gives_zero_and_says_so():
    scored = result(one_group(BANDS), revenue=12.5)
    assert scored.points == 0
    assert explain(scored) == "Doanh thu = 12,5 tỷ đồng: không đạt mức nào của thang điểm → 0/15"


def test_huge_band_points_are_clamped_before_rounding():
    criteria = one_group("""
        - id: A1
          title: Doanh thu
          max: 8
          bands: {of: revenue, steps: [{at_least: 100, points: 1.0e+40}]}
    """)
    assert result(criteria, revenue=150.0).points == Decimal("8.00")


def test_bands_points_above_max_are_clamped():
    criteria = one_group("""
        - id: A1
          title: Doanh thu
          max: 8
          bands: {of: revenue, steps: [{at_least: 100, points: 10}]}
    """)
    scored = result(criteria, revenue=150.0)
    assert scored.points == Decimal("8.00")
    assert "→ 8/8" in explain(scored)
    assert "10" in explain(scored, "en")


@pytest.mark.parametrize(
    ("step", "value", "points"),
    [
        ("{at_most: 10, points: 3}", 10.0, "3.00"),
        ("{at_most: 10, points: 3}", 10.5, "0.00"),
        ("{below: 10, points: 3}", 9.9, "3.00"),
        ("{below: 10, points: 3}", 10.0, "0.00"),
        ("{above: 10, points: 3}", 10.0, "0.00"),
        ("{equals: 10, points: 3}", 10.0, "3.00"),
    ],
)
def test_bands_conditions(step, value, points):
    criteria = one_group(f"""
        - id: A1
          title: X
          max: 5
          bands: {{of: x, steps: [{step}]}}
    """)
    assert result(criteria, x=value).points == Decimal(points)


def test_bands_equals_on_a_choice_field_shows_the_choice_label():
    criteria = one_group("""
        - id: A1
          title: Ngành ưu tiên
          max: 5
          bands: {of: sector, steps: [{equals: co_khi, points: 5}, {equals: dien_tu, points: 2}]}
    """)
    scored = result(criteria, sector="dien_tu")
    assert scored.points == Decimal("2.00")
    assert explain(scored) == "Ngành = Điện tử → 2/5"


def test_bands_missing_value_scores_zero_with_no_data_note():
    scored = result(one_group(BANDS), revenue=None)
    assert scored.points == 0
    assert scored.missing == ("revenue",)
    assert explain(scored) == "không có dữ liệu: revenue → 0/15"
    assert explain(scored, "en") == "no data: revenue → 0/15"


def test_bands_on_a_date_value_does_not_crash():
    criteria = one_group("""
        - id: A1
          title: Thành lập
          max: 5
          bands: {of: founded, steps: [{at_least: 2000, points: 5}]}
    """)
    scored = result(criteria, founded=dt.date(2019, 3, 15))
    assert scored.points == 0
    assert "15/03/2019: không so sánh được với ≥ 2.000 →" in explain(scored)
    assert "2019-03-15: cannot be compared" in explain(scored, "en")


# --- linear ---------------------------------------------------------------------------------

GROWTH = """
derived:
  growth: "(revenue - revenue_prev) / revenue_prev * 100"
"""
LINEAR = """
- id: A2
  title: Tăng trưởng doanh thu
  title_en: Revenue growth
  max: 10
  linear: {of: growth, zero_at: 0, full_at: 20}
"""


@pytest.mark.parametrize(
    ("revenue", "points"), [(112.5, "6.25"), (100.0, "0.00"), (90.0, "0.00"), (130.0, "10.00")]
)
def test_linear_is_clamped_between_zero_and_full(revenue, points):
    criteria = one_group(LINEAR, GROWTH)
    assert result(criteria, revenue=revenue, revenue_prev=100.0).points == Decimal(points)


def test_linear_explanation():
    scored = result(one_group(LINEAR, GROWTH), revenue=112.5, revenue_prev=100.0)
    assert explain(scored) == "Tăng trưởng doanh thu = 12,5: 0 điểm tại 0, tối đa tại 20 → 6,25/10"
    assert explain(scored, "en") == (
        "Revenue growth = 12.5: 0 points at 0, full points at 20 → 6.25/10"
    )


def test_linear_works_when_zero_at_is_above_full_at():
    criteria = one_group("""
        - id: A1
          title: Tỷ lệ lỗi
          max: 10
          linear: {of: x, zero_at: 10, full_at: 0}
    """)
    assert result(criteria, x=2.5).points == Decimal("7.50")
    assert result(criteria, x=0.0).points == Decimal("10.00")
    assert result(criteria, x=12.0).points == Decimal("0.00")


def test_missing_derived_value_is_traced_to_the_blank_field():
    scored = result(one_group(LINEAR, GROWTH), revenue=120.0, revenue_prev=None)
    assert scored.points == 0
    assert scored.missing == ("revenue_prev",)
    assert explain(scored) == "không có dữ liệu: revenue_prev → 0/10"


def test_division_by_zero_in_a_derived_value_is_named():
    card = score_product(one_group(LINEAR, GROWTH), row(2, revenue=120.0, revenue_prev=0.0))
    (scored,) = card.criteria
    assert card.derived == {"growth": None}
    assert scored.missing == ("growth",)
    assert explain(scored) == "không có dữ liệu: growth (chia cho 0) → 0/10"
    assert explain(scored, "en") == "no data: growth (division by zero) → 0/10"


def test_derived_values_can_use_earlier_ones():
    extra = """
        derived:
          growth: "(revenue - revenue_prev) / revenue_prev * 100"
          double: "growth * 2"
    """
    criteria = one_group(
        """
        - id: A1
          title: Gấp đôi
          max: 100
          formula: double
    """,
        extra,
    )
    card = score_product(criteria, row(2, revenue=110.0, revenue_prev=100.0))
    assert card.derived["double"] == pytest.approx(20.0)
    assert card.criteria[0].points == Decimal("20.00")
    blank = score_product(criteria, row(2, revenue=110.0))
    assert blank.criteria[0].missing == ("revenue_prev",)


# --- when -----------------------------------------------------------------------------------


def test_when_on_a_bare_field_reads_as_the_field_and_its_value():
    criteria = one_group("""
        - id: B1
          title: Có ISO 9001
          max: 5
          when: iso_9001
    """)
    assert result(criteria, iso_9001=True).points == Decimal("5.00")
    assert explain(result(criteria, iso_9001=True)) == "ISO 9001 = Có → 5/5"
    assert explain(result(criteria, iso_9001=False), "en") == "ISO 9001 = No → 0/5"
    missing = result(criteria, iso_9001=None)
    assert (missing.points, explain(missing)) == (0, "không có dữ liệu: iso_9001 → 0/5")


def test_when_condition_with_its_values():
    criteria = one_group("""
        - id: B1
          title: Lớn và có ISO
          max: 4
          when: "revenue >= 100 and iso_9001"
    """)
    scored = result(criteria, revenue=150.0, iso_9001=True)
    assert scored.points == Decimal("4.00")
    assert (
        explain(scored)
        == "revenue >= 100 and iso_9001: đúng (revenue = 150 tỷ đồng; iso_9001 = Có) → 4/4"
    )
    assert scored.inputs == {"revenue": 150.0, "iso_9001": True}
    failed = result(criteria, revenue=50.0, iso_9001=None)  # false and missing is false
    assert failed.points == 0
    assert "false (revenue = 50 tỷ đồng; iso_9001 = —) → 0/4" in explain(failed, "en")


# --- map ------------------------------------------------------------------------------------

MAP = """
- id: B2
  title: Lĩnh vực ưu tiên
  max: 5
  map: {of: sector, points: {co_khi: 5, dien_tu: 4}}
"""


def test_map_choice_points():
    assert result(one_group(MAP), sector="co_khi").points == Decimal("5.00")
    assert explain(result(one_group(MAP), sector="co_khi")) == "Ngành = Cơ khí → 5/5"
    assert result(one_group(MAP), sector="dien_tu").points == Decimal("4.00")


def test_map_other_value_gives_zero():
    criteria = one_group("""
        - id: B2
          title: Lĩnh vực ưu tiên
          max: 5
          map: {of: sector, points: {co_khi: 5}}
    """)
    scored = result(criteria, sector="dien_tu")
    assert scored.points == 0
    assert explain(scored) == "Ngành = Điện tử: không có trong bảng điểm → 0/5"


def test_map_on_a_bool_field_uses_true_and_false_keys():
    criteria = one_group("""
        - id: B3
          title: ISO
          max: 3
          map: {of: iso_9001, points: {"true": 3, "false": 1}}
    """)
    assert result(criteria, iso_9001=True).points == Decimal("3.00")
    assert result(criteria, iso_9001=False).points == Decimal("1.00")
    assert explain(result(criteria, iso_9001=None), "en") == "no data: iso_9001 → 0/3"


# --- formula --------------------------------------------------------------------------------

FORMULA = """
- id: B3
  title: Điểm thưởng xuất khẩu
  max: 5
  formula: "export_share / 10"
"""


def test_formula_value_and_explanation():
    scored = result(one_group(FORMULA), export_share=32.0)
    assert scored.points == Decimal("3.20")
    assert explain(scored) == "export_share / 10 = 3,2 (export_share = 32%) → 3,2/5"
    assert explain(scored, "en") == "export_share / 10 = 3.2 (export_share = 32%) → 3.2/5"


@pytest.mark.parametrize(("share", "points"), [(80.0, "5.00"), (-20.0, "0.00")])
def test_formula_is_clamped_to_zero_and_max(share, points):
    scored = result(one_group(FORMULA), export_share=share)
    assert scored.points == Decimal(points)
    assert "giới hạn trong khoảng 0–5" in explain(scored)


def test_formula_missing_value():
    scored = result(one_group(FORMULA), export_share=None)
    assert (scored.points, scored.missing) == (0, ("export_share",))


def test_formula_division_by_zero_names_the_formula():
    criteria = one_group("""
        - id: B3
          title: Tỷ số
          max: 5
          formula: "x / y"
    """)
    scored = result(criteria, x=1.0, y=0.0)
    assert scored.points == 0
    assert explain(scored, "en") == "no data: x / y (division by zero) → 0/5"


# --- judged ---------------------------------------------------------------------------------


def test_judged_awaits_members_scores():
    criteria = one_group("""
        - id: B4
          title: Đánh giá của thành viên Hội đồng
          max: 10
          judged: true
    """)
    card = score_product(criteria, row(2))
    (scored,) = card.criteria
    assert scored.awaiting and scored.points == 0
    assert explain(scored) == "chờ điểm của thành viên Hội đồng → 0/10"
    assert explain(scored, "en") == "awaiting members' scores → 0/10"
    assert Flag.AWAITING_SCORES in card.flags
    assert card.eligible


# --- rounding -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "digits", "expected"),
    [
        (2.675, 2, "2.68"),
        (0.125, 2, "0.13"),
        (1.005, 2, "1.01"),
        (2.5, 0, "3"),
        (0.5, 0, "1"),
        (1.2345, 3, "1.235"),
        (-0.001, 2, "0.00"),
        (-2.675, 2, "-2.68"),
    ],
)
def test_round_points_half_away_from_zero(value, digits, expected):
    rounded = round_points(value, digits)
    assert str(rounded) == expected


@pytest.mark.parametrize(("x", "expected"), [(2.675, "2.68"), (0.125, "0.13"), (1.005, "1.01")])
def test_formula_points_round_half_up_at_the_boundary(x, expected):
    criteria = one_group("""
        - id: A1
          title: X
          max: 5
          formula: x
    """)
    assert str(result(criteria, x=x).points) == expected


def test_linear_points_are_computed_exactly_before_rounding():
    # 10.7 / 40 * 10 is 2.6749999... in floats; exactly 2.675 in decimals, hence 2.68.
    criteria = one_group("""
        - id: A1
          title: X
          max: 10
          linear: {of: x, zero_at: 0, full_at: 40}
    """)
    assert str(result(criteria, x=10.7).points) == "2.68"


def test_rounding_setting_and_totals_are_sums_of_rounded_points():
    criteria = one_group(
        """
        - id: A1
          title: X
          max: 5
          formula: x
        - id: A2
          title: Y
          max: 5
          formula: y
        """,
        rounding=1,
    )
    card = score_product(criteria, row(2, x=1.25, y=1.25))
    assert [r.points for r in card.criteria] == [Decimal("1.3"), Decimal("1.3")]
    assert card.groups == {"A": Decimal("2.6")}
    assert card.total == Decimal("2.6")


def test_rounded_points_never_exceed_a_max_with_more_decimals():
    criteria = one_group("""
        - id: A1
          title: X
          max: 2.675
          formula: x
    """)
    assert result(criteria, x=3.0).points == Decimal("2.67")


# --- gates ----------------------------------------------------------------------------------

GATES = """
eligibility:
  - id: E1
    title: "Doanh nghiệp tại Hà Nội"
    title_en: "Enterprise in Hanoi"
    require: in_hanoi
  - id: E2
    title: "Doanh thu sản phẩm tối thiểu 20 tỷ đồng"
    require: "revenue >= 20"
"""
SIMPLE = """
- id: A1
  title: X
  max: 5
  formula: x
"""


def test_every_gate_is_evaluated_and_each_failure_is_a_reason():
    card = score_product(one_group(SIMPLE, GATES), row(2, in_hanoi=False, revenue=12.5, x=1.0))
    assert [gate.passed for gate in card.gates] == [False, False]
    assert [reason.code for reason in card.reasons] == ["E1", "E2"]
    assert card.reasons[1].render("vi") == (
        "E2 Doanh thu sản phẩm tối thiểu 20 tỷ đồng: revenue = 12,5 tỷ đồng (cần revenue >= 20)"
    )
    assert card.reasons[0].render("en") == (
        "E1 Enterprise in Hanoi: in_hanoi = No (requires in_hanoi)"
    )
    assert card.gates[1].values == {"revenue": 12.5}
    assert card.total == Decimal("1.00")  # a rejected product is still scored


def test_passing_gates_give_no_reason_but_an_explanation():
    card = score_product(one_group(SIMPLE, GATES), row(2, in_hanoi=True, revenue=25.0))
    assert all(gate.passed for gate in card.gates)
    assert card.eligible
    assert card.gates[1].explanation.render("en") == (
        "E2 Doanh thu sản phẩm tối thiểu 20 tỷ đồng: met (revenue = 25 tỷ đồng)"
    )


def test_missing_value_fails_the_gate_with_no_data():
    card = score_product(one_group(SIMPLE, GATES), row(2, in_hanoi=True, revenue=None))
    gate = card.gates[1]
    assert not gate.passed and gate.missing == ("revenue",)
    assert [reason.code for reason in card.reasons] == ["E2"]
    assert card.reasons[0].render("vi") == (
        "E2 Doanh thu sản phẩm tối thiểu 20 tỷ đồng: không có dữ liệu: revenue"
    )


def test_gate_missing_through_a_derived_value_names_the_blank_field():
    extra = (
        GROWTH
        + """
eligibility:
  - {id: E3, title: "Có tăng trưởng", require: "growth > 0"}
"""
    )
    card = score_product(one_group(SIMPLE, extra), row(2, revenue=50.0))
    assert card.gates[0].missing == ("revenue_prev",)
    assert "no data: revenue_prev" in card.reasons[0].render("en")


def test_runtime_type_error_rejects_on_the_gate_without_crashing():
    extra = """
eligibility:
  - {id: E5, title: "Thành lập trước 2020", require: "founded < 2020"}
"""
    card = score_product(one_group(SIMPLE, extra), row(2, founded=dt.date(2015, 1, 1), x=2.0))
    assert not card.gates[0].passed
    assert [reason.code for reason in card.reasons] == ["E5"]
    text = card.reasons[0].render("vi")
    assert text.startswith("E5 Thành lập trước 2020: không tính được founded < 2020")
    assert card.total == Decimal("2.00")


def test_runtime_type_error_in_a_criterion_scores_zero_with_a_note():
    criteria = one_group("""
        - id: A1
          title: Tuổi
          max: 5
          formula: "founded * 2"
    """)
    scored = result(criteria, founded=dt.date(2015, 1, 1))
    assert scored.points == 0
    assert explain(scored).startswith("không tính được founded * 2")
    assert explain(scored, "en").endswith("→ 0/5")


def test_runtime_type_error_in_a_derived_value_is_missing_with_the_expression():
    extra = """
derived:
  age: "founded - 5"
"""
    criteria = one_group(
        """
        - id: A1
          title: Tuổi
          max: 5
          linear: {of: age, zero_at: 0, full_at: 10}
    """,
        extra,
    )
    card = score_product(criteria, row(2, founded=dt.date(2015, 1, 1)))
    assert card.derived == {"age": None}
    text = explain(card.criteria[0], "en")
    assert text.startswith("no data: age (cannot compute: founded - 5")


# --- data issues and duplicates -------------------------------------------------------------


def test_error_issue_rejects_with_data_field_and_the_field_counts_as_blank():
    criteria = one_group(BANDS)
    problem = issue(2, "revenue")
    card = score_product(criteria, row(2, revenue=600.0), [problem])
    assert [reason.code for reason in card.reasons] == ["DATA:revenue"]
    assert card.reasons[0].render("vi") == (
        "Dữ liệu không hợp lệ tại Sheet1!F2 (Doanh thu): Không đọc được 'abc' thành số"
    )
    assert card.reasons[0].render("en").endswith("(Revenue): Cannot read 'abc' as number")
    assert card.criteria[0].points == 0
    assert card.criteria[0].missing == ("revenue",)


def test_one_data_reason_per_field():
    issues = [issue(2, "revenue"), issue(2, "revenue"), issue(2, "x")]
    card = score_product(one_group(BANDS), row(2, revenue=1.0), issues)
    assert [reason.code for reason in card.reasons] == ["DATA:revenue", "DATA:x"]


def test_warnings_only_flag_the_product():
    warning = issue(2, "revenue", IssueCode.AMBIGUOUS_NUMBER, Severity.WARNING)
    card = score_product(one_group(BANDS), row(2, revenue=1234.0), [warning])
    assert card.eligible
    assert card.flags == (Flag.DATA_WARNING,)
    assert card.criteria[0].points == Decimal("15.00")


def test_duplicate_flag_gives_duplicate_reason():
    card = score_product(one_group(BANDS), row(2, revenue=120.0), duplicate=True)
    assert [reason.code for reason in card.reasons] == ["DUPLICATE"]
    assert "SP2" in card.reasons[0].render("vi")


def test_duplicate_id_issue_from_the_reader_is_not_rejected_twice():
    reader_issue = issue(2, "product_id", IssueCode.DUPLICATE_ID, value="SP2")
    card = score_product(one_group(BANDS), row(2, revenue=120.0), [reader_issue], duplicate=True)
    assert [reason.code for reason in card.reasons] == ["DUPLICATE"]
    assert card.criteria[0].points == Decimal("10.00")


# --- minimums -------------------------------------------------------------------------------


def test_group_and_criterion_minimums():
    criteria = ruleset("""
        groups:
          - id: A
            title: Quy mô
            min: 8
            criteria:
              - {id: A1, title: X, max: 5, min: 2, formula: x}
              - {id: A2, title: Y, max: 5, formula: y}
    """)
    card = score_product(criteria, row(2, x=1.5, y=5.0))
    assert [reason.code for reason in card.reasons] == ["CRITERION_MIN:A1", "GROUP_MIN:A"]
    assert card.reasons[0].render("vi") == "Tiêu chí A1 X: 1,5 điểm, dưới mức tối thiểu 2"
    assert card.reasons[1].render("en") == "Group A Quy mô: 6.5 points, below the minimum of 8"
    assert score_product(criteria, row(3, x=3.0, y=5.0)).eligible


def test_awaiting_judged_criterion_is_not_below_its_minimum():
    criteria = one_group("""
        - {id: B4, title: Hội đồng, max: 10, min: 5, judged: true}
    """)
    assert score_product(criteria, row(2)).eligible


# --- whole cards ----------------------------------------------------------------------------


def test_card_groups_total_and_derived():
    criteria = ruleset(
        GROWTH
        + """
groups:
  - id: A
    title: A
    criteria:
      - id: A1
        title: Doanh thu
        max: 15
        bands: {of: revenue, steps: [{at_least: 100, points: 10}]}
      - {id: A2, title: Tăng trưởng, max: 10, linear: {of: growth, zero_at: 0, full_at: 20}}
  - id: B
    title: B
    criteria:
      - {id: B1, title: ISO, max: 5, when: iso_9001}
"""
    )
    card = score_product(criteria, row(2, revenue=110.0, revenue_prev=100.0, iso_9001=True))
    assert card.groups == {"A": Decimal("15.00"), "B": Decimal("5.00")}
    assert card.total == Decimal("20.00")
    assert card.points("A2") == Decimal("5.00")
    assert card.derived["growth"] == pytest.approx(10.0)


def test_score_all_keeps_input_order_across_files_and_matches_issues_by_row():
    criteria = one_group(BANDS)
    first = nominations(row(2, revenue=600.0), row(3, revenue=120.0), issues=[issue(3, "revenue")])
    second = nominations(row(2, revenue=50.0), row(3, revenue=5.0), path="b.xlsx")
    cards = score_all(criteria, [first, second])
    assert [card.nomination.row for card in cards] == [2, 3, 2, 3]
    assert [card.total for card in cards] == [Decimal("15.00"), 0, Decimal("5.00"), 0]
    assert [card.eligible for card in cards] == [True, False, True, True]
    assert len(score_all(criteria, first)) == 2
