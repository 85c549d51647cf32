"""Rows written as one piece of XML (``io/row_xml``) are the rows xlsxwriter writes, byte for byte.

Each test writes the same table twice in constant_memory mode: once through
:class:`RowXml`, once cell by cell through xlsxwriter's public methods, and
compares the sheet XML and the styles. The one intended difference, a text that
looks like xlsxwriter's rich-text XML, is tested apart (and end to end in
``test_safety.py``).
"""

from __future__ import annotations

import io
import math
import zipfile
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from xlsxwriter import Workbook
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from chuluc_cli.io import report_xlsx
from chuluc_cli.io.excel_safe import Column, Note, Styles, safe_text, write_table
from chuluc_cli.io.report_xlsx import write_report
from chuluc_cli.io.row_xml import RowXml, escaped_text
from result_factory import install_messages, make_result

WIDTH = 4
TEXTS = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["", " a", "b ", "x & y < z > w", "_x0041_", "a\nb", "\tc", "\x00\x1f", "Đạt"]),
    st.text(alphabet="_x0123456789aAfF &<>\n\t \x01", max_size=12),
).filter(lambda text: not (text.startswith("<r>") and text.endswith("</r>")))
NUMBERS = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False),
    st.decimals(allow_nan=False, allow_infinity=False, places=2, min_value=-1e6, max_value=1e6),
    st.integers(min_value=-(2**53), max_value=2**53),
)
VALUES = st.one_of(TEXTS, NUMBERS, st.none())
ROWS = st.lists(
    st.tuples(
        st.lists(VALUES, min_size=WIDTH, max_size=WIDTH),
        st.sampled_from([None, 30.0, 45.0, 15.0]),
    ),
    max_size=6,
)

Writer = Callable[[Worksheet, int, Sequence[Any], float | None, tuple[list, list, list]], None]


def _direct(
    sheet: Worksheet, row: int, values: Sequence[Any], height: float | None, formats: Any
) -> None:
    writer = RowXml.attach(sheet, formats, safe_text)
    assert writer is not None
    if not writer.write(row, values, height):
        _public(sheet, row, values, height, formats)  # what _RowWriter does with a refused row


def _public(
    sheet: Worksheet, row: int, values: Sequence[Any], height: float | None, formats: Any
) -> None:
    text_formats, float_formats, int_formats = formats
    if height is not None:
        sheet.set_row(row, height)
    for col, value in enumerate(values):
        if isinstance(value, str):
            sheet.write_string(row, col, safe_text(value), text_formats[col])
        elif isinstance(value, Decimal | float):
            sheet.write_number(row, col, float(value), float_formats[col])
        elif isinstance(value, int):
            sheet.write_number(row, col, value, int_formats[col])


def _write(rows: Sequence[tuple[Sequence[Any], float | None]], writer: Writer) -> dict[str, bytes]:
    target = io.BytesIO()
    workbook = Workbook(target, {"constant_memory": True, "strings_to_numbers": False})
    sheet = workbook.add_worksheet("T")
    header = workbook.add_format({"bold": True})
    points = workbook.add_format({"num_format": "0.000"})
    wrap = workbook.add_format({"text_wrap": True})
    formats: tuple[list[Format | None], ...] = (
        [None, wrap, None, None],
        [points, points, None, None],
        [None, None, None, points],
    )
    sheet.set_column(0, WIDTH - 1, 12)
    for col in range(WIDTH):
        sheet.write_string(0, col, f"H{col}", header)
    for row, (values, height) in enumerate(rows, start=1):
        writer(sheet, row, values, height, formats)
    sheet.write_string(len(rows) + 2, 0, "end")  # a row through xlsxwriter after the table
    workbook.close()
    with zipfile.ZipFile(target) as archive:
        return {name: archive.read(name) for name in ("xl/worksheets/sheet1.xml", "xl/styles.xml")}


@settings(max_examples=60, deadline=None)
@given(ROWS)
def test_rows_are_the_xml_xlsxwriter_writes(rows: list[tuple[list[Any], float | None]]) -> None:
    assert _write(rows, _direct) == _write(rows, _public)


def test_usual_report_rows_are_identical() -> None:
    rows = [
        (["HN-1", "Tốc độ = 17,7: 0 điểm tại 0 → 15/15", Decimal("15.00"), 3], None),
        (["HN-2", "Mức tăng = 1,1 > 0 → 1/5", 0.5, None], 30.0),
        ([None, None, None, None], None),  # blank: nothing written
        (["HN-4", "E1 — dưới điểm chuẩn\nE2 — thiếu", Decimal("-0.00"), 2**40], 45.0),
        (["HN-5", "A & B <thử>", 1e20, 0], None),
    ]
    assert _write(rows, _direct) == _write(rows, _public)


def test_escaping_matches_xlsxwriter() -> None:
    assert escaped_text("a & b < c > d") == ("a &amp; b &lt; c &gt; d", False)
    assert escaped_text(" _x0041_\x01") == (" _x005F_x0041__x0001_", True)
    assert escaped_text("dòng 1\n") == ("dòng 1\n", True)


def test_unusual_values_leave_the_row_to_xlsxwriter() -> None:
    workbook = Workbook(io.BytesIO(), {"constant_memory": True})
    sheet = workbook.add_worksheet()
    formats: Any = ([None] * 2, [None] * 2, [None] * 2)
    writer = RowXml.attach(sheet, formats, safe_text)
    assert writer is not None
    for unusual in (True, math.inf, Note("x", "comment"), object()):
        assert not writer.write(1, ["a", unusual])
    assert not writer.write(1, [None, None])
    assert sheet.dim_rowmin is None  # nothing was recorded for the refused rows
    workbook.close()


def test_only_constant_memory_sheets_without_column_formats_are_attached() -> None:
    formats: Any = ([None], [None], [None])
    in_memory = Workbook(io.BytesIO(), {"in_memory": True})
    assert RowXml.attach(in_memory.add_worksheet(), formats, safe_text) is None
    large = Workbook(io.BytesIO(), {"constant_memory": True})
    sheet = large.add_worksheet()
    sheet.set_column(0, 0, 10, large.add_format({"bold": True}))
    assert RowXml.attach(sheet, formats, safe_text) is None
    assert RowXml.attach(large.add_worksheet(), formats, safe_text) is not None
    for workbook in (in_memory, large):
        workbook.close()


RICH = '<r><t>x</t></r></is></c><c r="Z1"><f>1+1</f></c><c r="Z2" t="inlineStr"><is><r>'
RICH += "<t>y</t></r>"


@pytest.mark.parametrize("large", [False, True])
def test_text_that_looks_like_rich_text_xml_stays_text(large: bool) -> None:
    """xlsxwriter copies such a string into the file as XML; chuluc's tables never do."""
    target = io.BytesIO()
    options = {"constant_memory": True} if large else {"in_memory": True}
    workbook = Workbook(target, options)
    styles = Styles(workbook, 2)
    columns = [Column(RICH), Column("B", "wrap"), Column("C")]
    rows = [[RICH, "x", 1], [Note(RICH, "comment"), RICH, 2], ["<r>a</r>", "<r></r>", 3]]
    write_table(workbook.add_worksheet("T"), styles, columns, lambda: rows)
    workbook.close()
    with zipfile.ZipFile(target) as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")
    sheet = openpyxl.load_workbook(target)["T"]
    values = [[cell.value for cell in cells] for cells in sheet.iter_rows()]
    assert values == [[RICH, "B", "C"], [RICH, "x", 1], [RICH, RICH, 2], ["<r>a</r>", "<r></r>", 3]]
    assert sheet["A3"].comment.text == "comment"


@pytest.mark.parametrize("comments", [True, False])
def test_a_whole_report_is_the_same_file_with_or_without_the_row_writer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, comments: bool
) -> None:
    """Every sheet of a large report: heights, formats, comments or explanation columns."""
    install_messages(monkeypatch)
    monkeypatch.setattr(report_xlsx, "LARGE_CELLS", 0)  # constant_memory at any size
    if not comments:  # the explanations in columns, as in any large round
        monkeypatch.setattr(report_xlsx, "COMMENT_LIMIT", 0)
    direct, plain = tmp_path / "direct.xlsx", tmp_path / "plain.xlsx"
    write_report(make_result(), direct, lang="vi")
    monkeypatch.setattr(RowXml, "attach", classmethod(lambda cls, *args: None))
    write_report(make_result(), plain, lang="vi")
    assert direct.read_bytes() == plain.read_bytes()
