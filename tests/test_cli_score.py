"""``chuluc score``, ``explain`` and ``check`` end to end on workbooks built here."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from bad_input_helpers import CRITERIA as ISSUE_EXAMPLE
from bad_input_helpers import HEADERS, ROOT
from chuluc_cli.cli import app

CRITERIA = str(ISSUE_EXAMPLE)  # the issue's example ruleset, whose HEADERS the rows follow
GOOD_ROWS = [
    [
        "SP01",
        "Máy biến áp",
        "Công ty A",
        "0101234567",
        "Cơ khí",
        "600",
        "500",
        "30%",
        "Có",
        "01/02/2010",
        "Có",
    ],
    [
        "SP02",
        "Tivi",
        "Công ty B",
        "0101234568",
        "Điện tử",
        "120",
        "100",
        "10%",
        "Không",
        "01/02/2012",
        "Có",
    ],
    [
        "SP03",
        "Bơm",
        "Công ty C",
        "0101234569",
        "Cơ khí",
        "25",
        "25",
        "0%",
        "Không",
        "01/02/2015",
        "Không",
    ],
]
runner = CliRunner()


def _workbook(path: Path, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Danh sách"
    sheet.append(["DANH SÁCH HỒ SƠ ĐỀ NGHỊ XÉT CHỌN"])
    sheet.append([])
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


@pytest.fixture
def clean(tmp_path: Path) -> Path:
    return _workbook(tmp_path / "ho-so.xlsx", GOOD_ROWS)


@pytest.fixture
def messy(tmp_path: Path) -> Path:
    bad = ["SP04", "Quạt", "Công ty D", "12345", "Cơ khí", "abc", "", "", "", "01/02/2011", "Có"]
    return _workbook(tmp_path / "messy.xlsx", [*GOOD_ROWS, bad])


def _score(*args: str) -> object:
    return runner.invoke(app, ["score", *args, "--criteria", CRITERIA])


def test_score_writes_every_sheet_and_exits_0(clean: Path, tmp_path: Path) -> None:
    out = tmp_path / "ketqua.xlsx"
    result = _score(str(clean), "-o", str(out), "--quiet")
    assert result.exit_code == 0, result.output
    names = openpyxl.load_workbook(out).sheetnames
    assert names == [
        "Tổng hợp",
        "Danh sách xét chọn",
        "Không đạt",
        "Chi tiết điểm",
        "Lỗi dữ liệu",
        "Thông tin chạy",
    ]


def test_score_in_english(clean: Path, tmp_path: Path) -> None:
    out = tmp_path / "result.xlsx"
    result = _score(str(clean), "-o", str(out), "--quiet", "--lang", "en")
    assert result.exit_code == 0
    assert openpyxl.load_workbook(out).sheetnames[:3] == ["Summary", "Shortlist", "Rejected"]


def test_data_issues_exit_1_and_results_are_still_written(messy: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    result = _score(str(messy), "-o", str(out), "--quiet")
    assert result.exit_code == 1
    data = json.loads(out.read_text(encoding="utf-8"))
    sp04 = next(p for p in data["products"] if p["id"] == "SP04")
    assert sp04["status"] == "rejected"
    assert sp04["rank"] is None
    codes = {reason["code"] for reason in sp04["reasons"]}
    assert {"DATA:revenue", "DATA:tax_code"} <= codes


def test_fail_on_none_exits_0_despite_issues(messy: Path, tmp_path: Path) -> None:
    result = _score(str(messy), "-o", str(tmp_path / "o.json"), "--quiet", "--fail-on", "none")
    assert result.exit_code == 0


def test_json_to_stdout_agrees_with_the_workbook(clean: Path, tmp_path: Path) -> None:
    result = _score(str(clean), "--format", "json", "-o", "-", "--quiet")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["schema"] == "chuluc/result-v1"
    assert [p["id"] for p in data["products"]] == ["SP01", "SP02", "SP03"]
    out = tmp_path / "k.xlsx"
    assert _score(str(clean), "-o", str(out), "--quiet").exit_code == 0
    sheet = openpyxl.load_workbook(out)["Chi tiết điểm"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    totals = {row[0]: row[-1] for row in rows}
    for product in data["products"]:
        assert float(totals[product["id"]]) == pytest.approx(product["total"])


def test_json_is_byte_identical_across_runs(clean: Path) -> None:
    first = _score(str(clean), "--format", "json", "-o", "-", "--quiet").stdout
    second = _score(str(clean), "--format", "json", "-o", "-", "--quiet").stdout
    assert first == second


def test_refuses_to_overwrite_the_input(clean: Path) -> None:
    before = clean.read_bytes()
    result = _score(str(clean), "-o", str(clean), "--force")
    assert result.exit_code == 2
    assert str(clean) in result.stderr
    assert clean.read_bytes() == before


def test_existing_output_needs_force(clean: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.xlsx"
    out.write_bytes(b"keep me")
    result = _score(str(clean), "-o", str(out), "--quiet")
    assert result.exit_code == 2
    assert "--force" in result.stderr
    assert out.read_bytes() == b"keep me"
    assert _score(str(clean), "-o", str(out), "--quiet", "--force").exit_code == 0
    assert out.read_bytes() != b"keep me"


def test_default_output_goes_to_the_current_folder(
    clean: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    result = _score(str(clean), "--quiet")
    assert result.exit_code == 0
    assert (work / "ho-so.chuluc.xlsx").is_file()


def test_xlsx_to_stdout_is_refused(clean: Path) -> None:
    result = _score(str(clean), "-o", "-", "--format", "xlsx", "--lang", "en")
    assert result.exit_code == 2
    assert "cannot be written to the terminal" in result.stderr


def test_missing_input_is_one_line_exit_2(tmp_path: Path) -> None:
    result = _score(str(tmp_path / "nope.xlsx"))
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "nope.xlsx" in result.stderr


def test_summary_names_counts_and_output(clean: Path, tmp_path: Path) -> None:
    out = tmp_path / "s.xlsx"
    result = _score(str(clean), "-o", str(out))
    assert result.exit_code == 0
    assert "3 hồ sơ: 1 được chọn, 0 đạt nhưng không được chọn, 2 không đạt" in result.stderr
    assert f"Đã ghi: {out}" in result.stderr


def test_explain_shows_gates_points_and_what_is_missing(clean: Path) -> None:
    result = runner.invoke(
        app, ["explain", str(clean), "--product", "SP03", "--criteria", CRITERIA, "--lang", "en"]
    )
    assert result.exit_code == 0, result.output
    assert "SP03" in result.stdout
    assert "E1" in result.stdout
    assert "Rejected" in result.stdout
    assert "points short of the pass mark" in result.stdout


def test_explain_unknown_product_suggests(clean: Path) -> None:
    result = runner.invoke(
        app, ["explain", str(clean), "--product", "SP1", "--criteria", CRITERIA, "--lang", "en"]
    )
    assert result.exit_code == 2
    assert "no product with id 'SP1'" in result.stderr


def test_check_nominations_lists_issues_and_writes_workbook(messy: Path, tmp_path: Path) -> None:
    out = tmp_path / "loi.xlsx"
    result = runner.invoke(app, ["check", CRITERIA, str(messy), "-o", str(out)])
    assert result.exit_code == 1
    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    assert any("abc" in [str(v) for v in row] for row in rows[1:])


def test_check_json_for_ci(messy: Path) -> None:
    result = runner.invoke(app, ["check", CRITERIA, str(messy), "--format", "json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["summary"]["errors"] >= 2
    places = {(i["row"], i["column"]) for i in data["issues"] if i["severity"] == "error"}
    assert (7, "F") in places  # "abc" in the revenue column of the fourth data row


def test_check_clean_nominations_exit_0(clean: Path) -> None:
    result = runner.invoke(app, ["check", CRITERIA, str(clean)])
    assert result.exit_code == 0


@pytest.mark.parametrize("name", ["hanoi-spcncl", "ocop-2023", "cnnt-2014"])
def test_shipped_rulesets_pass_strict_check(name: str) -> None:
    result = runner.invoke(app, ["check", name, "--strict"])
    assert result.exit_code == 0, result.output


def test_readme_quick_start_runs_on_the_sample(tmp_path: Path) -> None:
    out = tmp_path / "ketqua.xlsx"
    result = runner.invoke(
        app, ["score", str(ROOT / "sample_data" / "hanoi-2025.xlsx"), "-o", str(out), "--quiet"]
    )
    assert result.exit_code in (0, 1), result.output
    assert out.is_file()


def test_ocop_sample_scores_with_stars(tmp_path: Path) -> None:
    out = tmp_path / "ocop.json"
    result = runner.invoke(
        app,
        [
            "score",
            str(ROOT / "sample_data" / "ocop-2025.xlsx"),
            "-c",
            "ocop-2023",
            "-o",
            str(out),
            "-q",
        ],
    )
    assert result.exit_code in (0, 1), result.output
    tiers = {p["tier"] for p in json.loads(out.read_text(encoding="utf-8"))["products"]}
    assert any(tier and "sao" in tier for tier in tiers)


def test_a_second_column_for_the_same_field_is_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "dup.xlsx"
    book = openpyxl.Workbook()
    book.active.append([*HEADERS, "Mã hồ sơ"])
    book.active.append([*GOOD_ROWS[0], "SP01"])
    book.save(path)
    result = runner.invoke(app, ["check", CRITERIA, str(path), "--format", "json", "--lang", "en"])
    assert result.exit_code == 0, result.output
    issue = json.loads(result.stdout)["issues"][0]
    assert (issue["code"], issue["severity"], issue["column"]) == (
        "duplicate_column",
        "warning",
        "L",
    )
    assert issue["message"] == "Column L also matches field product_id; only column A is used"


def test_template_round_trips_through_check(tmp_path: Path) -> None:
    form = tmp_path / "mau.xlsx"
    result = runner.invoke(app, ["template", "hanoi-spcncl", "-o", str(form)])
    assert result.exit_code == 0, result.output
    assert f"Đã ghi: {form}" in result.stderr
    checked = runner.invoke(app, ["check", "hanoi-spcncl", str(form), "--format", "json"])
    assert checked.exit_code == 0, checked.output
    assert json.loads(checked.stdout)["summary"]["products"] == 0
    again = runner.invoke(app, ["template", "hanoi-spcncl", "-o", str(form)])
    assert again.exit_code == 2
    assert "--force" in again.stderr
