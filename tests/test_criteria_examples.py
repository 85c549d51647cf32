"""Tests of worked examples (``examples:``) as rule tests: loading, running, ``chuluc check``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chuluc_cli.checking import check, exit_code, report_to_dict
from chuluc_cli.cli import app
from chuluc_cli.criteria.examples import run_examples
from chuluc_cli.criteria.loader import load_criteria_with_positions, parse_criteria_with_positions
from chuluc_cli.errors import CriteriaError, ExitCode

ROOT = Path(__file__).parent.parent
SHIPPED = sorted((ROOT / "criteria").glob("*.yaml"))
runner = CliRunner()

RULES = """\
schema: chuluc/criteria-v1
id: example-test
version: "1"
title: "Bộ tiêu chí có ví dụ"
fields:
  product_id: {type: id, headers: ["Mã hồ sơ"]}
  product: {type: text, headers: ["Tên sản phẩm"]}
  revenue: {type: number, headers: ["Doanh thu"], min: 0}
  growth: {type: percent, headers: ["Tăng trưởng"]}
  certified: {type: bool, headers: ["Có chứng nhận"]}
  founded: {type: date, headers: ["Ngày thành lập"]}
  sector: {type: choice, headers: ["Ngành"], choices: {co_khi: ["Cơ khí"], dien_tu: ["Điện tử"]}}
derived:
  age: "years(founded, date('2025-12-31'))"
eligibility:
  - {id: G1, title: "Có chứng nhận", require: "certified"}
  - {id: G2, title: "Hoạt động từ 2 năm", require: "age >= 2"}
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
            - {at_least: 1000, points: 10}
            - {at_least: 100, points: 6}
      - {id: A2, title: "Tăng trưởng", max: 10, linear: {of: growth, zero_at: 0, full_at: 20}}
  - id: B
    title: "Ngành"
    criteria:
      - {id: B1, title: "Ngành", max: 5, map: {of: sector, points: {co_khi: 5, dien_tu: 3}}}
selection:
  pass_mark: 15
  tie_break: [total desc, product_id asc]
examples:
"""

# Typed as a Vietnamese secretariat types cells: "1.234,5", "12,5%", "Có", "15/03/2019".
VIETNAMESE = """\
  - name: "Đạt: doanh thu 1.234,5, tăng trưởng 12,5%"
    values:
      revenue: "1.234,5"
      growth: "12,5%"
      certified: "Có"
      founded: "15/03/2019"
      sector: "Cơ khí"
    expect:
      eligible: true
      gates_failed: []
      points: {A1: 10, A2: 6.25, B1: 5}
      groups: {A: 16.25, B: 5}
      total: 21.25
      passes: true
"""

# YAML numbers, a bool and a date.
YAML_TYPED = """\
  - name: "YAML numbers"
    values:
      revenue: 150
      growth: 20
      certified: true
      founded: 2019-03-15
      sector: "Điện tử"
    expect:
      points: {A1: 6, A2: 10, B1: 3}
      total: 19
      passes: true
"""

WRONG_POINTS = """\
  - name: "Sai điểm"
    values:
      revenue: "1.234,5"
      growth: "12,5%"
      certified: "Có"
      founded: "15/03/2019"
      sector: "Cơ khí"
    expect:
      points: {A1: 6}
"""

GATES = """\
  - name: "Loại: không có chứng nhận, mới thành lập"
    values:
      revenue: 150
      growth: 5
      certified: "Không"
      founded: "01/06/2025"
      sector: "Cơ khí"
    expect:
      eligible: false
      gates_failed: [G2, G1]
      passes: false
"""


def write(tmp_path: Path, *examples: str) -> Path:
    path = tmp_path / "rules.yaml"
    body = "".join(examples) if examples else ""
    text = RULES + body if examples else RULES.replace("examples:\n", "examples: []\n")
    path.write_text(text, encoding="utf-8")
    return path


def results(tmp_path: Path, *examples: str) -> list:
    criteria, document = load_criteria_with_positions(write(tmp_path, *examples))
    return run_examples(criteria, document)


def line_of(path: Path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


def test_vietnamese_cells_are_read_like_a_spreadsheet(tmp_path: Path) -> None:
    [result] = results(tmp_path, VIETNAMESE)
    assert result.passed, [m.message.render("en") for m in result.mismatches]
    assert result.name == "Đạt: doanh thu 1.234,5, tăng trưởng 12,5%"
    assert result.line == line_of(tmp_path / "rules.yaml", '- name: "Đạt')


def test_yaml_numbers_bools_and_dates_are_values_too(tmp_path: Path) -> None:
    [result] = results(tmp_path, YAML_TYPED)
    assert result.passed, [m.message.render("en") for m in result.mismatches]


def test_failed_gates_order_is_ignored(tmp_path: Path) -> None:
    [result] = results(tmp_path, GATES)
    assert result.passed, [m.message.render("en") for m in result.mismatches]


def test_wrong_points_are_a_mismatch_at_the_expected_key(tmp_path: Path) -> None:
    [result] = results(tmp_path, WRONG_POINTS)
    assert not result.passed
    [mismatch] = result.mismatches
    assert mismatch.path == ("examples", 0, "expect", "points", "A1")
    assert mismatch.line == line_of(tmp_path / "rules.yaml", "points: {A1: 6}")
    assert mismatch.message.render("vi").startswith("ví dụ 'Sai điểm': A1 cần 6 điểm, được 10 (")
    assert "1.234,5" in mismatch.message.render("vi")  # the explanation names the value read
    assert mismatch.message.render("en").startswith(
        "example 'Sai điểm': A1 should get 6 points, got 10 ("
    )


def test_every_expectation_key_can_fail(tmp_path: Path) -> None:
    wrong = (
        GATES.replace("eligible: false", "eligible: true")
        .replace("[G2, G1]", "[G1]")
        .replace("passes: false", "passes: false\n      groups: {A: 1}\n      total: 1")
    )
    [result] = results(tmp_path, wrong)
    keys = [mismatch.path[-1] for mismatch in result.mismatches]
    assert keys == ["eligible", "gates_failed", "A", "total"]
    texts = [mismatch.message.render("en") for mismatch in result.mismatches]
    failed = (
        "G1 Có chứng nhận: certified = No (requires certified); "
        "G2 Hoạt động từ 2 năm: age = 0 (requires age >= 2)"
    )  # each gate named once, by its own explanation
    assert texts[0].endswith(f"should pass every gate, but fails {failed}")
    assert texts[1].endswith(f"the failed gates should be G1, but are {failed}")
    assert texts[2].endswith("group A should get 1 points, got 8.5")
    assert texts[3].endswith("the total should be 1, got 13.5")


def test_passes_is_checked_against_the_pass_mark(tmp_path: Path) -> None:
    example = YAML_TYPED.replace("passes: true", "passes: false")
    [result] = results(tmp_path, example)
    [mismatch] = result.mismatches
    assert mismatch.message.render("vi") == (
        "ví dụ 'YAML numbers': cần không đạt, nhưng đạt với tổng 19 điểm (điểm đạt 15)"
    )
    rejected = GATES.replace("passes: false", "passes: true")
    [result] = results(tmp_path, rejected)
    [mismatch] = result.mismatches
    assert mismatch.message.render("en").startswith("example 'Loại: ")
    assert ": should pass, but is rejected (" in mismatch.message.render("en")


def test_a_value_the_reader_refuses_fails_the_example(tmp_path: Path) -> None:
    [result] = results(tmp_path, YAML_TYPED.replace("revenue: 150", 'revenue: "abc"'))
    [mismatch] = result.mismatches
    assert mismatch.path == ("examples", 0, "values", "revenue")
    assert mismatch.message.render("vi") == (
        "ví dụ 'YAML numbers': giá trị của 'revenue' không dùng được: Không đọc được 'abc' thành số"
    )
    assert "Cannot read 'abc' as number" in mismatch.message.render("en")


def test_a_required_field_left_out_fails_the_example(tmp_path: Path) -> None:
    [result] = results(tmp_path, YAML_TYPED.replace('      sector: "Điện tử"\n', ""))
    [mismatch] = result.mismatches
    assert "'sector'" in mismatch.message.render("en")
    assert "Required cell is blank: Ngành" in mismatch.message.render("en")


@pytest.mark.parametrize(
    ("old", "new", "needle", "words"),
    [
        ("revenue: 150", "revnue: 150", "revnue: 150", "'revnue' is not a field declared"),
        ("[G2, G1]", "[G2, G9]", "[G2, G9]", "'G9' is not a gate id"),
        ("passes: false", "points: {Z1: 1}", "{Z1: 1}", "'Z1' is not a criterion id"),
        ("passes: false", "groups: {C: 1}", "{C: 1}", "'C' is not a group id"),
    ],
)
def test_unknown_names_are_refused_at_load_with_line_and_column(
    tmp_path: Path, old: str, new: str, needle: str, words: str
) -> None:
    path = write(tmp_path, GATES.replace(old, new))
    with pytest.raises(CriteriaError) as caught:
        load_criteria_with_positions(path)
    line = line_of(path, needle)
    text = caught.value.render("en")
    assert text.startswith(f"{path}:{line}:"), text
    assert words in text
    assert "example 'Loại: không có chứng nhận, mới thành lập'" in text
    assert "ví dụ 'Loại" in caught.value.render("vi")


def test_unknown_field_suggests_the_closest(tmp_path: Path) -> None:
    raw = (RULES + YAML_TYPED.replace("revenue: 150", "revenu: 150")).encode()
    with pytest.raises(CriteriaError, match="did you mean 'revenue'"):
        parse_criteria_with_positions(raw, "r.yaml")


def test_unknown_example_key_is_a_schema_error(tmp_path: Path) -> None:
    raw = (RULES + YAML_TYPED.replace("    expect:", "    expected:")).encode()
    with pytest.raises(CriteriaError, match="expected"):
        parse_criteria_with_positions(raw, "r.yaml")


@pytest.mark.parametrize("path", SHIPPED, ids=lambda path: path.stem)
def test_shipped_rulesets_have_examples_that_pass(path: Path) -> None:
    criteria, document = load_criteria_with_positions(path)
    found = run_examples(criteria, document)
    assert len(found) >= 2
    failures = [m.message.render("en") for result in found for m in result.mismatches]
    assert failures == []


def test_check_counts_failing_examples_as_findings(tmp_path: Path) -> None:
    report = check(write(tmp_path, VIETNAMESE, WRONG_POINTS))
    assert [finding.code for finding in report.findings] == ["EXAMPLE"]
    assert (report.examples_passed, report.examples_failed) == (1, 1)
    assert exit_code(report) is ExitCode.ISSUES  # without --strict
    data = report_to_dict(report, "en")
    assert data["examples"] == {"count": 2, "passed": 1, "failed": 1}
    assert data["findings"][0]["code"] == "EXAMPLE"
    assert data["findings"][0]["line"] == line_of(tmp_path / "rules.yaml", "points: {A1: 6}")


def test_cli_passing_examples_exit_0_and_are_counted(tmp_path: Path) -> None:
    path = write(tmp_path, VIETNAMESE, YAML_TYPED, GATES)
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 0, result.output
    assert "3 ví dụ đúng" in result.stdout
    result = runner.invoke(app, ["check", str(path), "--lang", "en", "--strict"])
    assert result.exit_code == 0, result.output
    assert "3 examples pass" in result.stdout


def test_one_passing_example_is_counted_in_the_singular(tmp_path: Path) -> None:
    path = write(tmp_path, GATES)
    result = runner.invoke(app, ["check", str(path), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "1 example passes" in result.stdout
    assert "1 ví dụ đúng" in runner.invoke(app, ["check", str(path)]).stdout


def test_cli_failing_example_exits_1_in_vietnamese_and_english(tmp_path: Path) -> None:
    path = write(tmp_path, VIETNAMESE, WRONG_POINTS)
    result = runner.invoke(app, ["check", str(path)], terminal_width=400)
    assert result.exit_code == 1, result.output
    assert "EXAMPLE" in result.stdout
    assert "ví dụ 'Sai điểm': A1 cần 6 điểm, được 10" in result.stdout
    assert "1/2 ví dụ sai" in result.stdout
    result = runner.invoke(app, ["check", str(path), "--lang", "en"], terminal_width=400)
    assert result.exit_code == 1, result.output
    assert "example 'Sai điểm': A1 should get 6 points, got 10" in result.stdout
    assert "1 of 2 examples fail" in result.stdout


def test_cli_json_holds_the_example_findings(tmp_path: Path) -> None:
    path = write(tmp_path, WRONG_POINTS)
    result = runner.invoke(app, ["check", str(path), "--format", "json", "--lang", "en"])
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert data["examples"] == {"count": 1, "passed": 0, "failed": 1}
    [finding] = data["findings"]
    assert finding["code"] == "EXAMPLE"
    assert finding["message"].startswith("example 'Sai điểm': A1 should get 6 points, got 10 (")


def test_no_examples_changes_nothing(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", str(write(tmp_path))])
    assert result.exit_code == 0, result.output
    assert "ví dụ" not in result.stdout
