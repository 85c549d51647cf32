"""The committee workbook, read back with openpyxl."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pytest

from chuluc_cli.errors import OutputError
from chuluc_cli.io import excel_safe, report_xlsx
from chuluc_cli.io.report_xlsx import write_report
from result_factory import (
    FORMULA_PRODUCT,
    IDS_IN_INPUT_ORDER,
    SHORTLIST_ORDER,
    install_messages,
    make_result,
)

SHEETS = {
    "vi": [
        "Tổng hợp",
        "Danh sách xét chọn",
        "Không đạt",
        "Chi tiết điểm",
        "Lỗi dữ liệu",
        "Thông tin chạy",
    ],
    "en": ["Summary", "Shortlist", "Rejected", "Score breakdown", "Data issues", "Run"],
}


@pytest.fixture(autouse=True)
def _messages(monkeypatch: pytest.MonkeyPatch) -> None:
    install_messages(monkeypatch)


def _write(tmp_path: Path, lang: str = "vi", name: str = "report.xlsx", **options) -> Path:
    target = tmp_path / name
    write_report(make_result(), target, lang=lang, **options)
    return target


def _rows(sheet) -> list[tuple]:
    return list(sheet.iter_rows(values_only=True))


def _column(sheet, header: str) -> list:
    rows = _rows(sheet)
    index = rows[0].index(header)
    return [row[index] for row in rows[1:]]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_sheet_exists_with_its_localized_name(tmp_path: Path, lang: str) -> None:
    workbook = openpyxl.load_workbook(_write(tmp_path, lang))
    assert workbook.sheetnames == SHEETS[lang]


def test_shortlist_headers_and_order(tmp_path: Path) -> None:
    sheet = openpyxl.load_workbook(_write(tmp_path))["Danh sách xét chọn"]
    rows = _rows(sheet)
    assert rows[0] == (
        "Thứ hạng",
        "Mã hồ sơ",
        "Tên sản phẩm",
        "Doanh nghiệp",
        "Tổng điểm (30)",
        "Xếp loại",
        "A Quy mô (25)",
        "B Lĩnh vực (5)",
        "Kết quả",
        "Lý do không được chọn",
        "Cần lưu ý",
    )
    assert [row[1] for row in rows[1:]] == SHORTLIST_ORDER
    assert [row[0] for row in rows[1:]] == [1, 2, 3, 4]
    p03 = rows[3]
    assert p03[5] == "Đạt" and p03[8] == "Đạt, chưa được chọn"
    assert p03[9] == "LIMIT — Ngoài số lượng được chọn"
    assert p03[10] == "Đồng điểm"


def test_shortlist_in_english(tmp_path: Path) -> None:
    sheet = openpyxl.load_workbook(_write(tmp_path, "en"))["Shortlist"]
    rows = _rows(sheet)
    assert rows[0][:6] == ("Rank", "Product ID", "Product", "Enterprise", "Total (30)", "Tier")
    assert rows[1][5] == "Excellent"
    assert rows[3][8] == "Passed, not selected"


def test_rejected_lists_every_reason_on_its_own_line(tmp_path: Path) -> None:
    sheet = openpyxl.load_workbook(_write(tmp_path))["Không đạt"]
    rows = _rows(sheet)
    assert [row[0] for row in rows[1:]] == ["P02", "P05"]
    assert rows[1][4] == (
        "E1 — Không có cơ sở sản xuất tại Hà Nội\nPASS_MARK — Tổng điểm 8 dưới điểm đạt"
    )
    assert rows[1][5] == "E1; PASS_MARK"
    assert sheet["E2"].alignment.wrap_text
    assert sheet.row_dimensions[2].height >= 30  # two lines are visible when printed


def test_breakdown_has_points_with_explanations_as_comments(tmp_path: Path) -> None:
    sheet = openpyxl.load_workbook(_write(tmp_path))["Chi tiết điểm"]
    rows = _rows(sheet)
    assert rows[0] == (
        "Mã hồ sơ",
        "Tên sản phẩm",
        "Kết quả",
        "A1 Doanh thu (15)",
        "A2 Đánh giá của Hội đồng (10)",
        "B1 Lĩnh vực ưu tiên (5)",
        "A Quy mô (25)",
        "B Lĩnh vực (5)",
        "Tổng điểm (30)",
    )
    assert [row[0] for row in rows[1:]] == IDS_IN_INPUT_ORDER
    assert rows[1][3:] == (15, 7.5, 5, 22.5, 5, 27.5)
    assert sheet["D2"].comment.text == "A1? → 15.00 điểm"
    assert sheet["E6"].comment.text == "A2? → 0.00 điểm"
    assert sheet["E6"].fill.fgColor.rgb.endswith("FFF2CC")  # awaiting members' scores
    assert sheet["D2"].number_format == "0.00"


def test_many_cells_put_explanations_in_columns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(report_xlsx, "COMMENT_LIMIT", 5)
    sheet = openpyxl.load_workbook(_write(tmp_path))["Chi tiết điểm"]
    rows = _rows(sheet)
    assert rows[0][3:5] == ("A1 Doanh thu (15)", "A1 — cách tính")
    assert rows[1][3:5] == (15, "A1? → 15.00 điểm")
    assert sheet["D2"].comment is None


@pytest.mark.parametrize("large", [False, True])
def test_formula_like_text_is_stored_as_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, large: bool
) -> None:
    if large:  # constant_memory mode writes strings inline: check that path too
        monkeypatch.setattr(report_xlsx, "LARGE_CELLS", 0)
    target = _write(tmp_path)
    workbook = openpyxl.load_workbook(target)
    shortlist = workbook["Danh sách xét chọn"]
    assert shortlist["C2"].value == FORMULA_PRODUCT
    assert shortlist["C2"].data_type == "s"
    assert shortlist["D2"].value == "+Công ty A" and shortlist["D2"].data_type == "s"
    assert shortlist["C4"].value == "@SUM(1)" and shortlist["C4"].data_type == "s"
    assert workbook["Không đạt"]["C2"].value == "-Công ty B"
    assert workbook["Lỗi dữ liệu"]["G4"].value == "=1+1"
    with zipfile.ZipFile(target) as archive:
        sheets = [name for name in archive.namelist() if name.startswith("xl/worksheets/sheet")]
        assert sheets and not any(b"<f>" in archive.read(name) for name in sheets)


@pytest.mark.parametrize("large", [False, True])
def test_tables_are_frozen_filtered_and_printable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, large: bool
) -> None:
    if large:
        monkeypatch.setattr(report_xlsx, "LARGE_CELLS", 0)
    workbook = openpyxl.load_workbook(_write(tmp_path))
    expected = {
        "Danh sách xét chọn": ("C2", "A1:K5"),
        "Không đạt": ("B2", "A1:F3"),
        "Chi tiết điểm": ("C2", "A1:I7"),
        "Lỗi dữ liệu": ("B2", "A1:I4"),
    }
    for name, (pane, ref) in expected.items():
        sheet = workbook[name]
        assert (sheet.freeze_panes, sheet.auto_filter.ref) == (pane, ref), name
        assert sheet.page_setup.orientation == "landscape"
        assert sheet.page_setup.paperSize == 9
        assert sheet.print_title_rows == "$1:$1"
    widths = workbook["Danh sách xét chọn"].column_dimensions
    assert widths["J"].width > widths["A"].width  # fitted to the reasons text


def test_summary_counts_and_committee_notes(tmp_path: Path) -> None:
    target = _write(tmp_path)
    rows = _rows(openpyxl.load_workbook(target)["Tổng hợp"])
    first = [row[0] for row in rows]
    pairs = {row[0]: row[1] for row in rows if row[0] is not None}
    assert rows[0][0] == "Xét chọn sản phẩm công nghiệp chủ lực (thử)"
    assert pairs["Bộ tiêu chí"] == "test-round"
    assert pairs["Điểm đạt"] == "15" and pairs["Tổng điểm tối đa"] == "30"
    assert pairs["Được chọn"] == 2 and pairs["Đạt, chưa được chọn"] == 2
    assert pairs["Không đạt"] == 2 and pairs["Tổng cộng"] == 6
    sector = rows[first.index("Ngành")]
    assert sector == ("Ngành", "Số sản phẩm", "Được chọn")
    assert pairs["Cơ khí"] == 3 and pairs["Điện - điện tử"] == 2 and pairs["(để trống)"] == 1
    assert pairs["E1 — Không đáp ứng điều kiện: Có cơ sở sản xuất tại Hà Nội"] == 1
    assert pairs["[18; 21)"] == 2 and pairs["[27; 30]"] == 1
    notes = first[first.index("Cần Hội đồng xem xét") + 1 :]
    assert notes[0] == "Đồng điểm 20, quy tắc xếp hạng phụ không phân định được: P04, P03"
    assert notes[1] == "Chưa có điểm của thành viên Hội đồng (1 sản phẩm): P05"
    assert notes[2].startswith("Dữ liệu đề cử có 2 lỗi và 1 cảnh báo")
    with zipfile.ZipFile(target) as archive:
        chart = archive.read("xl/charts/chart1.xml").decode()
    assert "<c:barChart>" in chart and "Phân bố tổng điểm" in chart


def test_data_issues_sheet_is_in_report_order(tmp_path: Path) -> None:
    rows = _rows(openpyxl.load_workbook(_write(tmp_path))["Lỗi dữ liệu"])
    assert rows[0] == (
        "Mã hồ sơ",
        "Tệp",
        "Trang tính",
        "Dòng",
        "Cột",
        "Tiêu đề cột",
        "Giá trị đã nhập",
        "Mức độ",
        "Nội dung",
    )
    assert [(row[0], row[3], row[4]) for row in rows[1:]] == [
        ("P02", 3, "B"),
        ("P02", 3, "F"),
        ("P05", 6, "F"),
    ]
    assert rows[1][1] == "ho-so.xlsx" and rows[3][7] == "Lỗi"


def test_run_sheet_records_versions_and_hashes(tmp_path: Path) -> None:
    result = make_result()
    rows = _rows(openpyxl.load_workbook(_write(tmp_path))["Thông tin chạy"])
    pairs = {row[0]: row[1] for row in rows}
    assert pairs["Công cụ"].startswith("chuluc ")
    assert pairs["SHA-256 của tệp tiêu chí"] == result.criteria.sha256
    assert pairs["ho-so.xlsx"] == "ab" * 32
    assert pairs["decimal"] == "auto"
    assert "Thời điểm lập báo cáo" not in pairs  # no wall clock unless asked


def test_same_result_gives_byte_identical_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = _write(tmp_path, name="a.xlsx"), _write(tmp_path, name="b.xlsx")
    assert first.read_bytes() == second.read_bytes()
    monkeypatch.setattr(report_xlsx, "LARGE_CELLS", 0)
    third, fourth = _write(tmp_path, name="c.xlsx"), _write(tmp_path, name="d.xlsx")
    assert third.read_bytes() == fourth.read_bytes()


def test_created_time_is_recorded_when_given(tmp_path: Path) -> None:
    created = dt.datetime(2025, 3, 1, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    target = _write(tmp_path, created=created)
    workbook = openpyxl.load_workbook(target)
    assert workbook.properties.created == dt.datetime(2025, 3, 1, 2, 30)  # UTC
    pairs = {row[0]: row[1] for row in _rows(workbook["Thông tin chạy"])}
    assert pairs["Thời điểm lập báo cáo"] == "2025-03-01T09:30:00+07:00"
    default = openpyxl.load_workbook(_write(tmp_path, name="default.xlsx"))
    assert default.properties.created == dt.datetime(2000, 1, 1)


def test_existing_report_is_not_replaced_without_force(tmp_path: Path) -> None:
    target = _write(tmp_path)
    before = target.read_bytes()
    with pytest.raises(OutputError) as error:
        write_report(make_result(), target)
    assert error.value.render("vi").startswith(f"{target}: tệp đã tồn tại; dùng --force")
    assert target.read_bytes() == before
    write_report(make_result(), target, lang="en", force=True)
    assert openpyxl.load_workbook(target).sheetnames == SHEETS["en"]


def test_a_round_longer_than_an_excel_sheet_is_refused_not_cut(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """xlsxwriter drops rows past Excel's last one silently: refuse, before writing anything."""
    monkeypatch.setattr(excel_safe, "EXCEL_MAX_ROWS", 6)  # the test round: 6 products + header
    target = tmp_path / "report.xlsx"
    with pytest.raises(OutputError) as error:
        write_report(make_result(), target)
    assert str(error.value) == (
        f"{target}: sheet 'Chi tiết điểm' would have 7 rows, more than the 6 of an Excel sheet;"
        " write the result with --format json or csv; nothing was written"
    )
    assert "quá 6 dòng tối đa" in error.value.render("vi")
    assert list(tmp_path.iterdir()) == []
    monkeypatch.setattr(excel_safe, "EXCEL_MAX_ROWS", 7)  # exactly full: written
    write_report(make_result(), target)
    assert openpyxl.load_workbook(target)["Chi tiết điểm"].max_row == 7


def test_report_never_overwrites_an_input(tmp_path: Path) -> None:
    nominations = tmp_path / "ho-so.xlsx"
    nominations.write_bytes(b"nominations")
    with pytest.raises(OutputError, match="input"):
        write_report(make_result(), nominations, lang="en", inputs=[nominations], force=True)
    assert nominations.read_bytes() == b"nominations"


def test_reason_lines_do_not_repeat_a_code_the_message_starts_with(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from chuluc_cli.i18n import catalog, msg
    from chuluc_cli.results import Reason

    monkeypatch.setitem(catalog(), "test.gate_with_id", ("G1 Có trụ sở tại Hà Nội", "G1 In Hanoi"))
    reasons = [
        Reason("G1", msg("test.gate_with_id")),
        Reason("PASS_MARK", msg("test.reason.limit")),
    ]
    text = report_xlsx.reason_lines(reasons, "vi")
    assert text == "G1 — Có trụ sở tại Hà Nội\nPASS_MARK — Ngoài số lượng được chọn"
