"""The bad-input corpus: every unusable, hostile or messy file goes through the CLI.

Two kinds of case (issue #5):

- *Unusable input* (exit 2, or 1 where a data problem is meant): stderr is exactly
  one line ``error: ...`` naming the file and, where there is one, the place (sheet,
  YAML ``line:column``); no traceback; nothing written.
- *Data problems*: exit 1 (or 0 for warnings only), the round still runs, the product
  is rejected and the issue is located by sheet, Excel row and column letter.

Each parametrize id says what the case proves. Inputs are built in code; only the
password-protected workbook is checked in (tests/data/bad/make_encrypted.py), since
no CI package can encrypt. Cases that would make calamine allocate hundreds of GB, or
loop forever, if a guard regressed run in a child process with a 4 GB address-space
cap and a timeout, so a regression fails one test instead of stopping the whole run.
"""

from __future__ import annotations

import contextlib
import os
import resource
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from bad_input_helpers import (
    BAD,
    CRITERIA,
    HEADERS,
    ODS_MANIFEST,
    ROOT,
    assert_one_error,
    billion_laughs,
    csv_file,
    csv_text,
    good_xlsx,
    invoke,
    issues_at,
    ods_rows,
    openpyxl_book,
    product,
    raw_ods,
    raw_xlsx,
    result_data,
    row,
    score_json,
    set_member_size,
    shared_strings,
    sheet_xml,
    workbook_xml,
)

Args = list[str | Path]
Build = Callable[[Path], tuple[Args, list[str | Path]]]


def _score(path: Path, *extra: str | Path) -> Args:
    return ["score", path, "-c", CRITERIA, "-o", path.parent / "out.json", "-q", *extra]


# =====================================================================================
# Unusable nomination files: exit 2, one line naming the file (and the place)
# =====================================================================================
def empty_file(tmp: Path) -> tuple[Args, list[str | Path]]:
    path = tmp / "de-cu.xlsx"
    path.write_bytes(b"")
    return _score(path), [path, "file is empty"]


def extension_txt(tmp: Path) -> tuple[Args, list[str | Path]]:
    path = tmp / "de-cu.txt"
    path.write_text(csv_text([HEADERS, row(1)]), encoding="utf-8")
    return _score(path), [path, "unsupported file type '.txt'", ".xlsx .xlsm .xls .ods .csv"]


def extension_pdf(tmp: Path) -> tuple[Args, list[str | Path]]:
    path = tmp / "de-cu.pdf"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    return _score(path), [path, "unsupported file type '.pdf'"]


def png_renamed_xlsx(tmp: Path) -> tuple[Args, list[str | Path]]:
    path = tmp / "anh.xlsx"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    return _score(path), [path, "PNG image"]


def pdf_renamed_xlsx(tmp: Path) -> tuple[Args, list[str | Path]]:
    path = tmp / "quyet-dinh.xlsx"
    path.write_bytes(b"%PDF-1.4\n" + bytes(300))
    return _score(path), [path, "PDF document"]


def text_renamed_xlsx(tmp: Path) -> tuple[Args, list[str | Path]]:
    path = tmp / "bang.xlsx"
    path.write_text(csv_text([HEADERS, row(1)]), encoding="utf-8")
    return _score(path), [path, "plain text", "rename it to .csv"]


def html_saved_as_xls(tmp: Path) -> tuple[Args, list[str | Path]]:
    path = tmp / "xuat-tu-web.xls"
    path.write_text("<html><body><table><tr><td>Mã hồ sơ</td></tr></table>", encoding="utf-8")
    return _score(path), [path, "web page (HTML)"]


def truncated_zip(tmp: Path) -> tuple[Args, list[str | Path]]:
    whole = good_xlsx(tmp / "whole.xlsx").read_bytes()
    path = tmp / "cut.xlsx"
    path.write_bytes(whole[: len(whole) // 2])
    return _score(path), [path, "damaged or incomplete .xlsx"]


def zip_of_other_things(tmp: Path) -> tuple[Args, list[str | Path]]:
    path = tmp / "van-ban.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return _score(path), [path, "ZIP archive that is not an Excel or OpenDocument workbook"]


def xlsb(tmp: Path) -> tuple[Args, list[str | Path]]:
    path = tmp / "nhi-phan.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.bin", b"\x83\x01")
    return _score(path), [path, ".xlsb"]


def damaged_xls(tmp: Path) -> tuple[Args, list[str | Path]]:
    path = tmp / "cu.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1000))
    return _score(path), [path, "damaged or incomplete .xls"]


def encrypted_ole2_xlsx(tmp: Path) -> tuple[Args, list[str | Path]]:
    path = BAD / "encrypted.xlsx"  # a real Excel-encrypted workbook, password "chuluc"
    return _score(path), [path, "password-protected workbook"]


def encrypted_renamed_xls(tmp: Path) -> tuple[Args, list[str | Path]]:
    path = tmp / "mat-khau.xls"
    path.write_bytes((BAD / "encrypted.xlsx").read_bytes())
    return _score(path), [path, "password-protected workbook"]


def no_sheets(tmp: Path) -> tuple[Args, list[str | Path]]:
    path = raw_xlsx(tmp / "rong.xlsx", sheet_xml([]), workbook=workbook_xml(sheets=b""))
    return _score(path), [path, "the workbook has no worksheet"]


def ods_without_tables(tmp: Path) -> tuple[Args, list[str | Path]]:
    path = raw_ods(tmp / "rong.ods", "", tables=False)
    return _score(path), [path, "the workbook has no worksheet"]


def zip_bomb_sheet_ratio(tmp: Path) -> tuple[Args, list[str | Path]]:
    # 12 MB of XML whitespace deflates about 1000:1: a real, highly compressible part.
    padded = sheet_xml([HEADERS, row(1)], dimension="A1:K2").replace(
        b"<sheetData>", b"<sheetData>" + b" " * (12 << 20)
    )
    path = raw_xlsx(tmp / "bom.xlsx", padded)
    return _score(path), [path, "xl/worksheets/sheet1.xml", "zip bomb"]


def zip_bomb_shared_strings(tmp: Path) -> tuple[Args, list[str | Path]]:
    shared = shared_strings("Mã hồ sơ", raw=b" " * (12 << 20))
    path = raw_xlsx(tmp / "bom.xlsx", sheet_xml([HEADERS, row(1)]), shared=shared)
    return _score(path), [path, "xl/sharedStrings.xml", "zip bomb"]


def zip_bomb_declared_3gb(tmp: Path) -> tuple[Args, list[str | Path]]:
    path = good_xlsx(tmp / "bom.xlsx")
    set_member_size(path, "xl/worksheets/sheet1.xml", 3_000_000_000)
    return _score(path), [path, "xl/worksheets/sheet1.xml", "zip bomb"]


def zip_size_understated(tmp: Path) -> tuple[Args, list[str | Path]]:
    # The directory claims 100 bytes for a part that inflates to 60 MB.
    extra = b'<row r="9">' + b'<c r="B9"><v>1</v></c>' * 3_000_000 + b"</row>"
    path = raw_xlsx(tmp / "noi-doi.xlsx", sheet_xml([HEADERS, row(1)], extra_rows=extra))
    set_member_size(path, "xl/worksheets/sheet1.xml", 100)
    return _score(path), [path, "damaged or incomplete .xlsx"]


def billion_laughs_sheet(tmp: Path) -> tuple[Args, list[str | Path]]:
    doctype, entity = billion_laughs()
    cells = row(1, c1=b' t="inlineStr"><is><t>' + entity + b"</t></is>")
    path = raw_xlsx(tmp / "lol.xlsx", sheet_xml([HEADERS, cells], doctype=doctype))
    return _score(path), [path, "damaged or incomplete .xlsx", "entity"]


def billion_laughs_shared_strings(tmp: Path) -> tuple[Args, list[str | Path]]:
    doctype, entity = billion_laughs()
    shared = shared_strings(doctype=doctype, raw=b"<si><t>" + entity + b"</t></si>")
    cells = row(1, c1=b' t="s"><v>0</v>')
    path = raw_xlsx(tmp / "lol.xlsx", sheet_xml([HEADERS, cells]), shared=shared)
    return _score(path), [path, "damaged or incomplete .xlsx", "entity"]


def billion_laughs_workbook_part(tmp: Path) -> tuple[Args, list[str | Path]]:
    doctype, _ = billion_laughs()
    path = raw_xlsx(
        tmp / "lol.xlsx", sheet_xml([HEADERS, row(1)]), workbook=workbook_xml(doctype=doctype)
    )
    return _score(path), [path, "damaged or incomplete .xlsx"]


def external_entity_styles(tmp: Path) -> tuple[Args, list[str | Path]]:
    secret = tmp / "secret.txt"
    secret.write_text("do not read me", encoding="utf-8")
    styles = (
        b'<?xml version="1.0"?><!DOCTYPE s [<!ENTITY x SYSTEM "file://'
        + str(secret).encode()
        + b'">]><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<numFmts><numFmt numFmtId="164" formatCode="&x;"/></numFmts></styleSheet>'
    )
    path = raw_xlsx(tmp / "xxe.xlsx", sheet_xml([HEADERS, row(1)]), styles=styles)
    return _score(path), [path, "damaged or incomplete .xlsx"]


def header_without_matching_columns(tmp: Path) -> tuple[Args, list[str | Path]]:
    path = openpyxl_book(tmp / "khac.xlsx", [["STT", "Họ tên", "Ghi chú"], [1, "A", "x"]])
    return _score(path), [path, "[Danh sách]", "no column for required field 'product_id'"]


def required_column_missing(tmp: Path) -> tuple[Args, list[str | Path]]:
    rows = [HEADERS[:-1], row(1)[:-1]]
    path = openpyxl_book(tmp / "thieu-cot.xlsx", rows)
    return _score(path), [path, "[Danh sách]", "'in_hanoi'", "headers found: Mã hồ sơ"]


def unknown_sheet_name(tmp: Path) -> tuple[Args, list[str | Path]]:
    path = good_xlsx(tmp / "de-cu.xlsx")
    return _score(path, "--sheet", "Trang 9"), [path, "no sheet named 'Trang 9'", "'Danh sách'"]


def sheet_index_out_of_range(tmp: Path) -> tuple[Args, list[str | Path]]:
    path = good_xlsx(tmp / "de-cu.xlsx")
    return _score(path, "--sheet", "7"), [path, "no sheet number 7"]


def too_many_rows(tmp: Path) -> tuple[Args, list[str | Path]]:
    path = openpyxl_book(tmp / "dai.xlsx", [HEADERS, *(row(i) for i in range(1, 6))])
    return _score(path, "--max-rows", "3"), [path, "'Danh sách'", "6 rows", "--max-rows"]


def too_many_cells(tmp: Path) -> tuple[Args, list[str | Path]]:
    path = openpyxl_book(tmp / "rong.xlsx", [HEADERS, row(1), row(2)])
    return _score(path, "--max-cells", "20"), [path, "'Danh sách'", "33 cells", "--max-cells"]


def csv_undecodable(tmp: Path) -> tuple[Args, list[str | Path]]:
    path = tmp / "loi-ma.csv"  # 0x81 and 0x8D are undefined in UTF-8 and Windows-1258
    path.write_bytes(csv_text([HEADERS]).encode("utf-8") + b"SP01,\x81\x8d\x90,x\r\n")
    return _score(path), [path, "neither UTF-8 nor Windows-1258", "CSV UTF-8"]


def csv_with_nul_bytes(tmp: Path) -> tuple[Args, list[str | Path]]:
    path = tmp / "nhi-phan.csv"
    path.write_bytes(b"M\x00a\x00,\x00" + bytes(100))
    return _score(path), [path, "binary data, not CSV text"]


def csv_malformed_quote(tmp: Path) -> tuple[Args, list[str | Path]]:
    path = tmp / "ngoac.csv"
    path.write_bytes(csv_text([HEADERS]).encode() + b'SP01,"ab"c\r\n' + b"\x00")
    return _score(path), [path, "binary data"]


def input_is_a_folder(tmp: Path) -> tuple[Args, list[str | Path]]:
    path = tmp / "thu-muc.xlsx"
    path.mkdir()
    return _score(path), [path, "is a folder, not a file"]


def input_missing(tmp: Path) -> tuple[Args, list[str | Path]]:
    path = tmp / "khong-co.xlsx"
    return _score(path), [path, "file not found"]


def input_over_file_size_limit(tmp: Path) -> tuple[Args, list[str | Path]]:
    path = tmp / "khong-lo.csv"
    with path.open("wb") as handle:  # sparse: 501 MB on paper, a few KB on disk
        handle.write(csv_text([HEADERS, *(row(i) for i in range(1, 60))]).encode())
        handle.truncate(501 * 2**20)
    return _score(path), [path, "501 MB, over the limit of 500 MB"]


# --- Outputs that must not be written ------------------------------------------------
def output_in_missing_folder(tmp: Path) -> tuple[Args, list[str | Path]]:
    source = good_xlsx(tmp / "de-cu.xlsx")
    target = tmp / "chua-co" / "ketqua.xlsx"
    return ["score", source, "-c", CRITERIA, "-o", target, "-q"], [target, "chua-co"]


def output_is_a_folder(tmp: Path) -> tuple[Args, list[str | Path]]:
    source = good_xlsx(tmp / "de-cu.xlsx")
    target = tmp / "ket-qua"
    target.mkdir()
    return ["score", source, "-c", CRITERIA, "-o", target, "-q"], [target]


def output_is_the_input(tmp: Path) -> tuple[Args, list[str | Path]]:
    source = good_xlsx(tmp / "de-cu.xlsx")
    return ["score", source, "-c", CRITERIA, "-o", source, "--force", "-q"], [source]


def output_is_the_input_via_symlink(tmp: Path) -> tuple[Args, list[str | Path]]:
    source = good_xlsx(tmp / "de-cu.xlsx")
    link = tmp / "lien-ket.xlsx"
    link.symlink_to(source)
    return ["score", source, "-c", CRITERIA, "-o", link, "--force", "-q"], [link]


def output_is_the_input_via_hard_link(tmp: Path) -> tuple[Args, list[str | Path]]:
    source = good_xlsx(tmp / "de-cu.xlsx")
    link = tmp / "cung-tep.xlsx"
    os.link(source, link)
    return ["score", source, "-c", CRITERIA, "-o", link, "--force", "-q"], [link]


def output_exists_without_force(tmp: Path) -> tuple[Args, list[str | Path]]:
    source = good_xlsx(tmp / "de-cu.xlsx")
    target = tmp / "ketqua.json"
    target.write_text("giữ nguyên", encoding="utf-8")
    return ["score", source, "-c", CRITERIA, "-o", target, "-q"], [target, "--force"]


def check_output_is_the_input(tmp: Path) -> tuple[Args, list[str | Path]]:
    source = good_xlsx(tmp / "de-cu.xlsx")
    return ["check", CRITERIA, source, "-o", source, "--force"], [source]


UNUSABLE_NOMINATIONS: list[Build] = [
    pytest.param(empty_file, id="empty-file-is-refused-before-any-parser"),
    pytest.param(extension_txt, id="txt-extension-is-refused-with-the-supported-list"),
    pytest.param(extension_pdf, id="pdf-extension-is-refused"),
    pytest.param(png_renamed_xlsx, id="png-renamed-xlsx-is-named-as-an-image"),
    pytest.param(pdf_renamed_xlsx, id="pdf-renamed-xlsx-is-named-as-a-pdf"),
    pytest.param(text_renamed_xlsx, id="csv-text-renamed-xlsx-suggests-renaming"),
    pytest.param(html_saved_as_xls, id="html-saved-as-xls-says-save-as-xlsx"),
    pytest.param(truncated_zip, id="truncated-zip-is-damaged-not-a-crash"),
    pytest.param(zip_of_other_things, id="zip-without-workbook-part-is-refused"),
    pytest.param(xlsb, id="binary-xlsb-is-refused-with-advice"),
    pytest.param(damaged_xls, id="ole2-garbage-xls-is-damaged"),
    pytest.param(encrypted_ole2_xlsx, id="real-password-protected-xlsx-says-password"),
    pytest.param(encrypted_renamed_xls, id="encrypted-package-renamed-xls-says-password"),
    pytest.param(no_sheets, id="workbook-without-worksheets-is-refused"),
    pytest.param(ods_without_tables, id="ods-without-tables-is-refused"),
    pytest.param(zip_bomb_sheet_ratio, id="zip-bomb-sheet-1000-to-1-refused-before-calamine"),
    pytest.param(zip_bomb_shared_strings, id="zip-bomb-shared-strings-refused-before-calamine"),
    pytest.param(zip_bomb_declared_3gb, id="zip-bomb-declared-3gb-refused-from-the-directory"),
    pytest.param(zip_size_understated, id="zip-part-larger-than-declared-is-damaged"),
    pytest.param(billion_laughs_sheet, id="billion-laughs-in-sheet-xml-never-expands"),
    pytest.param(
        billion_laughs_shared_strings, id="billion-laughs-in-shared-strings-never-expands"
    ),
    pytest.param(billion_laughs_workbook_part, id="billion-laughs-in-workbook-xml-defusedxml"),
    pytest.param(external_entity_styles, id="external-entity-in-styles-is-never-fetched"),
    pytest.param(header_without_matching_columns, id="no-matching-header-names-sheet-and-field"),
    pytest.param(required_column_missing, id="missing-required-column-lists-headers-found"),
    pytest.param(unknown_sheet_name, id="unknown-sheet-name-lists-the-sheets"),
    pytest.param(sheet_index_out_of_range, id="sheet-index-out-of-range-is-refused"),
    pytest.param(too_many_rows, id="row-limit-names-sheet-and-option"),
    pytest.param(too_many_cells, id="cell-limit-names-sheet-and-option"),
    pytest.param(csv_undecodable, id="csv-neither-utf8-nor-cp1258-says-how-to-save"),
    pytest.param(csv_with_nul_bytes, id="csv-with-nul-bytes-is-binary"),
    pytest.param(csv_malformed_quote, id="csv-with-binary-tail-is-refused"),
    pytest.param(input_is_a_folder, id="input-folder-is-refused"),
    pytest.param(input_missing, id="missing-input-is-one-line"),
    pytest.param(input_over_file_size_limit, id="file-over-500-mb-refused-by-size"),
    pytest.param(output_in_missing_folder, id="output-in-missing-folder-writes-nothing"),
    pytest.param(output_is_a_folder, id="output-folder-is-refused"),
    pytest.param(output_is_the_input, id="output-equal-to-input-is-refused-even-with-force"),
    pytest.param(output_is_the_input_via_symlink, id="output-symlink-to-input-is-refused"),
    pytest.param(output_is_the_input_via_hard_link, id="output-hard-link-to-input-is-refused"),
    pytest.param(output_exists_without_force, id="existing-output-needs-force"),
    pytest.param(check_output_is_the_input, id="check-issues-workbook-never-over-input"),
]


@pytest.mark.parametrize("build", UNUSABLE_NOMINATIONS)
def test_unusable_nominations_give_one_located_error(build: Build, tmp_path: Path) -> None:
    args, fragments = build(tmp_path)
    before = {p: _content(p) for p in tmp_path.rglob("*") if p.is_file()}
    result = invoke(*args)
    assert_one_error(result, 2, *fragments)
    after = {p: _content(p) for p in tmp_path.rglob("*") if p.is_file()}
    assert after == before  # nothing written, no temporary file left, no input touched


def _content(path: Path) -> bytes | int:
    """The bytes of a file (its size only for the 501 MB sparse one)."""
    size = path.stat().st_size
    return path.read_bytes() if size < 50 * 2**20 else size


# =====================================================================================
# Hostile cell positions: calamine would allocate the whole rectangle up to them
# =====================================================================================
def _far(cell: bytes, dimension: str | None = "A1:K2") -> Callable[[Path], Path]:
    def build(tmp: Path) -> Path:
        sheet = sheet_xml([HEADERS, row(1)], dimension=dimension, extra_rows=cell)
        return raw_xlsx(tmp / "xa.xlsx", sheet)

    return build


FAR_CELLS = [
    pytest.param(
        _far(b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'),
        id="cell-at-XFD1048576-behind-a-small-dimension-is-measured-not-allocated",
    ),
    pytest.param(
        _far(
            b'<row r="3"><c r="XFD3"><v>1</v></c></row><row r="1048576"><c r="A1048576">'
            b"<v>1</v></c></row>",
            dimension=None,
        ),
        id="far-cells-without-dimension-are-measured",
    ),
    pytest.param(
        _far(b'<row r="3"><c r="xfd1048576"><v>1</v></c></row>'),
        id="lowercase-reference-is-placed-as-calamine-places-it",
    ),
    pytest.param(
        _far(b"<row r='3'><c r = 'XFD1048576'><v>1</v></c></row>"),
        id="single-quoted-spaced-reference-is-not-missed",
    ),
    pytest.param(
        _far(b'<row r="3"><c r="A3" r="XFD1048576"><v>1</v></c></row>'),
        id="repeated-r-attribute-counts-the-farthest",
    ),
    pytest.param(
        _far(b'<row r="3"><c r="XFD3"><v>1</v></c></row><row r="1048576"><c><v>1</v></c></row>'),
        id="cell-without-r-takes-its-row-number",
    ),
    pytest.param(
        _far(
            b'<row r="1048576"><x:c xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/'
            b'2006/main" r="XFD1048576"><v>1</v></x:c></row>'
        ),
        id="cell-in-another-namespace-prefix-is-still-a-cell",
    ),
    pytest.param(
        _far(b'<row r="3"><c r="A99999999999"><v>1</v></c></row>'),
        id="row-number-overflowing-32-bits-is-refused",
    ),
]


def _ods_content(tmp: Path, content: str) -> Path:
    path = tmp / "bang.ods"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content)
        archive.writestr("META-INF/manifest.xml", ODS_MANIFEST)
    return path


_OPEN = (
    '<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis'
    ':names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:'
    'xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body>'
    '<office:spreadsheet><table:table table:name="Danh sách">' + ods_rows([HEADERS, row(1)])
)
_CLOSE = "</office:spreadsheet></office:body></office:document-content>"
# calamine 0.9 loops forever when a <table:table> is never closed as </table:table>.
HANGS = [
    pytest.param(
        lambda tmp: _ods_content(tmp, _OPEN), id="ods-content-cut-inside-a-table-never-hangs"
    ),
    pytest.param(
        lambda tmp: _ods_content(tmp, _OPEN + _CLOSE), id="ods-table-without-end-tag-never-hangs"
    ),
    pytest.param(
        lambda tmp: _ods_content(tmp, _OPEN + "<!-- </table:table> -->" + _CLOSE),
        id="ods-table-end-hidden-in-a-comment-never-hangs",
    ),
    pytest.param(
        lambda tmp: _ods_content(tmp, _OPEN.replace("xmlns:table=", "xmlns:t=") + _CLOSE),
        id="ods-undeclared-table-prefix-without-end-never-hangs",
    ),
]


def _run_isolated(args: Args, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``python -m chuluc_cli ARGS`` in a child limited to 4 GB of address space."""

    def cap() -> None:
        with contextlib.suppress(ValueError, OSError):  # not every system caps RLIMIT_AS
            resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))

    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "COLUMNS": "200"}
    return subprocess.run(
        [sys.executable, "-m", "chuluc_cli", *map(str, args)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=cap,
        check=False,
    )


@pytest.mark.parametrize("build", HANGS)
def test_unclosed_ods_tables_are_refused_before_calamine_loops(
    build: Callable[[Path], Path], tmp_path: Path
) -> None:
    path = build(tmp_path)
    done = _run_isolated(_score(path, "--lang", "en"), tmp_path)  # a hang fails on the timeout
    assert done.returncode == 2, done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {path}: damaged or incomplete .ods")


@pytest.mark.parametrize("build", FAR_CELLS)
def test_far_cells_are_refused_before_calamine_allocates(
    build: Callable[[Path], Path], tmp_path: Path
) -> None:
    path = build(tmp_path)
    done = _run_isolated(_score(path, "--lang", "en"), tmp_path)
    assert done.returncode == 2, done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), done.stderr
    assert str(path) in lines[0]
    assert "over the limit" in lines[0] or "damaged" in lines[0], lines[0]
    assert not (tmp_path / "out.json").exists()


# =====================================================================================
# Criteria files: exit 2, FILE:LINE:COLUMN of the mistake, nothing executed
# =====================================================================================
BASE = CRITERIA.read_text(encoding="utf-8")
FORMULA = 'formula: "export_share / 10"'


def _criteria(text: str | bytes) -> Callable[[Path], Path]:
    def build(tmp: Path) -> Path:
        path = tmp / "tieu-chi.yaml"
        path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
        return path

    return build


def _aliases() -> str:
    lines = ['a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for level in "bcdefg":
        previous = chr(ord(level) - 1)
        lines.append(f"{level}: &{level} [" + ", ".join([f"*{previous}"] * 10) + "]")
    return "\n".join(lines) + "\n"


CRITERIA_CASES = [
    pytest.param(_criteria(_aliases()), ":1:", "alias expansion", id="yaml-alias-bomb-stops"),
    pytest.param(
        _criteria(
            BASE.replace(
                "id: hanoi-spcncl",
                'id: !!python/object/apply:os.system ["touch pwned"]',
            )
        ),
        ":2:5:",
        "YAML tag",
        id="python-object-apply-tag-is-refused-not-run",
    ),
    pytest.param(
        _criteria("schema: " + "[" * 5000 + "]" * 5000 + "\n"),
        ":1:",
        "nested deeper than 40 levels",
        id="flow-nesting-5000-deep-no-recursion-error",
    ),
    pytest.param(
        _criteria("schema: x\nx:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 60))),
        ":",
        "nested deeper than 40 levels",
        id="block-nesting-too-deep-is-located",
    ),
    pytest.param(
        _criteria(BASE.replace("rounding: 2", "rounding: 2\nrounding: 3")),
        ":8:1:",
        "duplicate key 'rounding'",
        id="duplicate-key-is-refused-not-overwritten",
    ),
    pytest.param(
        _criteria(BASE.replace("pass_mark: 30", "pass_mark: .inf")),
        ":",
        "non-finite number '.inf'",
        id="infinite-number-is-refused",
    ),
    pytest.param(
        _criteria(BASE.replace("pass_mark: 30", "pass_mark: .nan")),
        ":",
        "non-finite number '.nan'",
        id="nan-is-refused",
    ),
    pytest.param(
        _criteria(BASE.replace(FORMULA, "formula: \"__import__('os').system('touch pwned')\"")),
        ":65:18:",
        "only plain calls",
        id="formula-calling-import-is-refused-never-evaluated",
    ),
    pytest.param(
        _criteria(BASE.replace(FORMULA, 'formula: "export_share.__class__"')),
        ":65:18:",
        "attribute access",
        id="formula-attribute-access-is-refused",
    ),
    pytest.param(
        _criteria(BASE.replace(FORMULA, 'formula: "9 ** 9 ** 9 ** 9"')),
        ":65:18:",
        "only + - * / are allowed",
        id="formula-power-tower-is-refused",
    ),
    pytest.param(
        _criteria(BASE.replace(FORMULA, 'formula: "' + "-" * 1900 + '1"')),
        ":65:18:",
        "nested too deeply",
        id="formula-nested-1900-deep-is-refused",
    ),
    pytest.param(
        _criteria(BASE.replace(FORMULA, 'formula: "' + "+".join(["1"] * 1500) + '"')),
        ":65:18:",
        "longer than 2000 characters",
        id="formula-over-2000-characters-is-refused",
    ),
    pytest.param(
        _criteria(BASE.replace('"^[0-9]{10}(-[0-9]{3})?$"', '"^(a+)+$"')),
        ":13:",
        "can take hours",
        id="catastrophic-backtracking-pattern-is-refused",
    ),
    pytest.param(
        _criteria(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8),
        ":1:1:",
        "not UTF-8",
        id="binary-criteria-file-is-not-utf8",
    ),
    pytest.param(
        _criteria(BASE + "# " + "x" * (10 << 20) + "\n"),
        "",
        "larger than 2,000,000 bytes",
        id="ten-mb-criteria-file-is-refused-unread",
    ),
    pytest.param(
        _criteria(BASE.replace("rounding: 2", "rounding: 2\x00")),
        ":7:12:",
        "character #x0000",
        id="nul-character-is-one-located-line",
    ),
    pytest.param(
        _criteria(BASE.encode("utf-16")), ":1:1:", "not UTF-8", id="utf16-criteria-is-refused"
    ),
    pytest.param(_criteria(""), ":1:1:", "the file is empty", id="empty-criteria-file"),
    pytest.param(
        _criteria("- schema\n- id\n"), ":1:1:", "must be a mapping", id="criteria-list-not-map"
    ),
    pytest.param(
        _criteria(BASE.replace("rounding: 2", "x: &a {b: 1}\ny:\n  <<: *a")),
        ":9:3:",
        "merge keys",
        id="yaml-merge-key-is-refused",
    ),
]


@pytest.mark.parametrize(("build", "place", "fragment"), CRITERIA_CASES)
def test_bad_criteria_give_one_located_error(
    build: Callable[[Path], Path], place: str, fragment: str, tmp_path: Path
) -> None:
    path = build(tmp_path)
    line = assert_one_error(invoke("check", path), 2, f"{path}{place}", fragment)
    assert line.startswith(f"error: {path}")
    assert not (tmp_path / "pwned").exists()
    assert not Path("pwned").exists()


def test_bad_criteria_stop_score_before_reading_nominations(tmp_path: Path) -> None:
    criteria = _criteria(BASE.replace("rounding: 2", "rounding: 2\nrounding: 3"))(tmp_path)
    nominations = good_xlsx(tmp_path / "de-cu.xlsx")
    result = invoke("score", nominations, "-c", criteria, "-o", tmp_path / "o.json")
    assert_one_error(result, 2, f"{criteria}:8:1:", "duplicate key")
    assert not (tmp_path / "o.json").exists()


def test_criteria_folder_and_unknown_name(tmp_path: Path) -> None:
    assert_one_error(invoke("check", tmp_path), 2, tmp_path, "not a file")
    result = invoke("check", "khong-co-bo-nay")
    assert_one_error(result, 2, "khong-co-bo-nay: no such criteria file", "hanoi-spcncl")


# =====================================================================================
# Data problems: the round runs, the product is rejected, the issue is located
# =====================================================================================
def formulas_without_values(tmp: Path) -> Path:
    rows = [HEADERS, row(1, c5="=G2*2"), row(2)]
    return openpyxl_book(tmp / "cong-thuc.xlsx", rows)  # openpyxl saves no cached value


def error_cells(tmp: Path) -> Path:
    rows = [HEADERS, row(1, c5=b' t="e"><v>#DIV/0!</v>'), row(2, c6=b' t="e"><v>#REF!</v>'), row(3)]
    return raw_xlsx(tmp / "loi-excel.xlsx", sheet_xml(rows))


def mixed_types(tmp: Path) -> Path:
    rows = [HEADERS, row(1, c5=600), row(2, c5="sáu trăm"), row(3, c5="1.234,5"), row(4, c5=True)]
    return openpyxl_book(tmp / "tron-kieu.xlsx", rows)


def duplicate_ids(tmp: Path) -> Path:
    return openpyxl_book(tmp / "trung-ma.xlsx", [HEADERS, row(1), row(1), row(2)])


def every_nomination_invalid(tmp: Path) -> Path:
    rows = [HEADERS, row(1, c5="nhiều"), row(2, c3="123"), row(3, c9="hôm qua")]
    return openpyxl_book(tmp / "hong-het.xlsx", rows)


def cp1258_csv(tmp: Path) -> Path:
    return csv_file(tmp / "windows.csv", [HEADERS, row(1, c5="abc"), row(2)], encoding="cp1258")


DATA_CASES = [
    pytest.param(
        formulas_without_values, {"SP01": "formula_no_value"}, ("Danh sách", 2, "F"),
        id="formula-without-cached-value-rejects-its-product-at-F2",
    ),
    pytest.param(
        error_cells, {"SP01": "error_cell"}, ("Danh sách", 2, "F"),
        id="div0-and-ref-error-cells-reject-with-the-error-text",
    ),
    pytest.param(
        mixed_types, {"SP02": "unparseable", "SP04": "unparseable"}, ("Danh sách", 3, "F"),
        id="text-and-bool-in-a-number-column-rejected-numbers-kept",
    ),
    pytest.param(
        duplicate_ids, {"SP01": "duplicate_id"}, ("Danh sách", 3, "A"),
        id="duplicate-ids-reject-both-rows-naming-each-other",
    ),
    pytest.param(
        every_nomination_invalid,
        {"SP01": "unparseable", "SP02": "pattern_mismatch", "SP03": "unparseable"},
        ("Danh sách", 4, "J"),
        id="every-nomination-invalid-all-rejected-none-selected",
    ),
    pytest.param(
        cp1258_csv, {"SP01": "unparseable"}, ("windows", 2, "F"),
        id="windows-1258-csv-read-and-its-issue-located",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("build", "rejected", "place"), DATA_CASES)
def test_data_problems_reject_the_product_and_locate_the_issue(
    build: Callable[[Path], Path],
    rejected: dict[str, str],
    place: tuple[str, int, str],
    tmp_path: Path,
) -> None:
    result = score_json(build(tmp_path))
    assert result.exit_code == 1, result.stderr
    assert result.stderr == ""
    data = result_data(result)
    for product_id, code in rejected.items():
        found = product(data, product_id)
        assert found["status"] == "rejected", found
        assert found["rank"] is None
        assert any(r["code"].startswith(("DATA:", "DUPLICATE")) for r in found["reasons"])
        assert any(i["product_id"] == product_id and i["code"] == code for i in data["issues"])
    assert place in issues_at(data, next(iter(rejected.values()))) or any(
        (i["sheet"], i["row"], i["column"]) == place for i in data["issues"]
    )


def test_every_nomination_invalid_selects_nobody(tmp_path: Path) -> None:
    data = result_data(score_json(every_nomination_invalid(tmp_path)))
    assert data["summary"]["selected"] == 0
    assert {p["status"] for p in data["products"]} == {"rejected"}


def test_mixed_types_keep_the_good_numbers(tmp_path: Path) -> None:
    data = result_data(score_json(mixed_types(tmp_path)))
    assert product(data, "SP01")["status"] != "rejected"  # the number 600
    assert product(data, "SP03")["status"] != "rejected"  # "1.234,5" read the Vietnamese way


def test_error_cell_message_names_the_excel_error(tmp_path: Path) -> None:
    data = result_data(score_json(error_cells(tmp_path)))
    values = {(i["row"], i["column"]): i["value"] for i in data["issues"]}
    assert values[(2, "F")] == "#DIV/0!"
    assert values[(3, "G")] == "#REF!"


# --- Warnings only: exit 0, the value cleaned or cut, the issue located --------------
def test_control_characters_are_removed_with_a_warning(tmp_path: Path) -> None:
    path = csv_file(tmp_path / "dieu-khien.csv", [HEADERS, row(1, c1="Máy\x07 bơm\x1b")])
    result = score_json(path)
    assert result.exit_code == 0, result.stderr
    data = result_data(result)
    assert product(data, "SP01")["product"] == "Máy bơm"
    assert issues_at(data, "control_characters") == [("dieu-khien", 2, "B")]


def test_control_character_escapes_in_xlsx_are_removed(tmp_path: Path) -> None:
    cells = row(1, c1=b' t="inlineStr"><is><t>M\xc3\xa1y_x0007_ b\xc6\xa1m</t></is>')
    data = result_data(score_json(raw_xlsx(tmp_path / "x.xlsx", sheet_xml([HEADERS, cells]))))
    assert product(data, "SP01")["product"] == "Máy bơm"
    assert issues_at(data, "control_characters") == [("Danh sách", 2, "B")]


@pytest.mark.parametrize("length", [100_000, 300_000], ids=["100k-chars", "300k-over-csv-limit"])
def test_extremely_long_text_is_cut_with_a_warning(tmp_path: Path, length: int) -> None:
    path = csv_file(tmp_path / "dai.csv", [HEADERS, row(1, c1="x" * length)])
    result = score_json(path)
    assert result.exit_code == 0, result.stderr
    data = result_data(result)
    assert len(product(data, "SP01")["product"]) == 10_000
    issue = next(i for i in data["issues"] if i["code"] == "text_too_long")
    assert (issue["row"], issue["column"]) == (2, "B")
    assert len(issue["value"]) < 300  # the report shows the start, not 100k characters


def test_only_headers_is_an_empty_round_not_an_error(tmp_path: Path) -> None:
    """Decision: a template with no nominations yet is a valid round of 0 products.

    The header proves it is the right file; exit 0, the report says 0 products.
    """
    result = score_json(openpyxl_book(tmp_path / "mau.xlsx", [["DANH SÁCH"], [], HEADERS]))
    assert result.exit_code == 0, result.stderr
    data = result_data(result)
    assert data["products"] == []
    assert data["summary"]["products"] == 0


def test_merged_cells_over_data_belong_to_every_row(tmp_path: Path) -> None:
    def merge(sheet: object) -> None:
        sheet.merge_cells("C2:C4")  # type: ignore[attr-defined]

    rows = [HEADERS, row(1), row(2, c2=None), row(3, c2=None)]
    path = openpyxl_book(tmp_path / "gop-o.xlsx", rows, edit=merge)
    result = score_json(path)
    assert result.exit_code == 0, result.stderr
    data = result_data(result)
    assert {p["enterprise"] for p in data["products"]} == {"Công ty 1"}


def test_million_formatted_empty_rows_read_as_one_nomination(tmp_path: Path) -> None:
    # What Excel writes when a user formats rows down to the last one: a dimension of
    # A1:K1048576 and a million <row> elements without values.
    formatted = b"".join(b'<row r="%d" s="1" customFormat="1"/>' % r for r in range(3, 1048576))
    formatted += b'<row r="1048576"><c r="K1048576" s="1"/></row>'
    sheet = sheet_xml([HEADERS, row(1)], dimension="A1:K1048576", extra_rows=formatted)
    result = score_json(raw_xlsx(tmp_path / "dinh-dang.xlsx", sheet))
    assert result.exit_code == 0, result.stderr
    data = result_data(result)
    assert [p["id"] for p in data["products"]] == ["SP01"]
    assert data["issues"] == []  # no million blank-row issues


def test_ods_repeat_with_single_quotes_is_still_counted(tmp_path: Path) -> None:
    body = ods_rows([HEADERS, row(1)]) + (
        "<table:table-row table:number-rows-repeated='2000000'><table:table-cell "
        "office:value-type='float' office:value='1'/></table:table-row>"
    )
    path = raw_ods(tmp_path / "lap.ods", body)
    assert_one_error(score_json(path), 2, path, "2,000,002 rows", "--max-rows")


def test_utf16_csv_with_bom_reads(tmp_path: Path) -> None:
    result = score_json(csv_file(tmp_path / "u16.csv", [HEADERS, row(1)], encoding="utf-16"))
    assert result.exit_code == 0, result.stderr
    assert [p["id"] for p in result_data(result)["products"]] == ["SP01"]


def test_header_repeated_inside_the_data_is_skipped(tmp_path: Path) -> None:
    path = openpyxl_book(tmp_path / "hai-tieu-de.xlsx", [HEADERS, row(1), HEADERS, row(2)])
    result = score_json(path)
    data = result_data(result)
    assert [p["id"] for p in data["products"]] == ["SP01", "SP02"]
    assert result.exit_code == 0
    assert any(i["row"] == 3 and i["severity"] == "warning" for i in data["issues"])


# --- The criteria file is an input too ---------------------------------------------
def test_score_never_writes_over_the_criteria_file(tmp_path: Path) -> None:
    criteria = tmp_path / "tieu-chi.yaml"
    criteria.write_text(BASE, encoding="utf-8")
    source = good_xlsx(tmp_path / "de-cu.xlsx")
    result = invoke("score", source, "-c", criteria, "-o", criteria, "--format", "json", "-f")
    assert criteria.read_text(encoding="utf-8") == BASE
    assert_one_error(result, 2, criteria)


def test_check_never_writes_over_the_criteria_file(tmp_path: Path) -> None:
    criteria = tmp_path / "tieu-chi.yaml"
    criteria.write_text(BASE, encoding="utf-8")
    source = good_xlsx(tmp_path / "de-cu.xlsx")
    result = invoke("check", criteria, source, "-o", criteria, "--force")
    assert criteria.read_text(encoding="utf-8") == BASE
    assert_one_error(result, 2, criteria)


def test_corpus_has_at_least_forty_cases() -> None:
    groups = [UNUSABLE_NOMINATIONS, FAR_CELLS, HANGS, CRITERIA_CASES, DATA_CASES]
    count = sum(map(len, groups))
    assert count >= 40, count
