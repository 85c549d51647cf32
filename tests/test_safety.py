"""Safety of reading and writing (issue #5): nothing in an input is executed or expanded.

- XML: the parts chuluc parses itself go through defusedxml; calamine's quick-xml
  refuses custom entities, so a billion-laughs workbook fails at once, in little
  memory (measured in a child process, from its own VmHWM).
- Sizes: a file-size limit (500 MB by default) refuses a file before any parser reads
  it, and can be raised; the zip-bomb and extent checks run before calamine.
- Formulas: text starting with = + - @ that came from a nomination is written to
  Excel as a text cell and to CSV behind a ``'``.
- Paths: a workbook's relationships can only name parts inside its own zip.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import openpyxl
import pytest

from bad_input_helpers import (
    CRITERIA,
    HEADERS,
    ROOT,
    assert_one_error,
    billion_laughs,
    csv_file,
    invoke,
    raw_xlsx,
    row,
    score_json,
    shared_strings,
    sheet_xml,
)
from chuluc_cli.errors import InputError, LimitError
from chuluc_cli.io import formats, report_xlsx
from chuluc_cli.io.workbook import read_sheet, sheet_names

INJECTIONS = ['=HYPERLINK("http://x.example","bấm")', "=cmd|' /C calc'!A0", "+1", "-2", "@SUM(A1)"]


# --- XML ------------------------------------------------------------------------------
def _peak_rss_of_reading(path: Path) -> tuple[str, int]:
    """Read ``path`` in a fresh interpreter; its one-line outcome and peak RSS in MB."""
    script = textwrap.dedent(
        f"""
        from chuluc_cli.errors import ChulucError
        from chuluc_cli.io.workbook import read_sheet
        try:
            read_sheet({str(path)!r})
            outcome = "read"
        except ChulucError as error:
            outcome = type(error).__name__ + ": " + str(error)
        # VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the forking parent.
        with open("/proc/self/status") as status:
            peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM"))
        print(outcome)
        print(peak // 1024)
        """
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    outcome, peak = done.stdout.splitlines()[-2:]
    return outcome, int(peak)


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc")
@pytest.mark.parametrize("where", ["sheet", "shared-strings"])
def test_billion_laughs_is_refused_by_calamine_in_little_memory(where: str, tmp_path: Path) -> None:
    doctype, entity = billion_laughs(levels=12)  # 10**12 "lol": 3 TB if it ever expanded
    if where == "sheet":
        cells = row(1, c1=b' t="inlineStr"><is><t>' + entity + b"</t></is>")
        path = raw_xlsx(tmp_path / "lol.xlsx", sheet_xml([HEADERS, cells], doctype=doctype))
    else:
        shared = shared_strings(doctype=doctype, raw=b"<si><t>" + entity + b"</t></si>")
        cells = row(1, c1=b' t="s"><v>0</v>')
        path = raw_xlsx(tmp_path / "lol.xlsx", sheet_xml([HEADERS, cells]), shared=shared)
    outcome, peak_mb = _peak_rss_of_reading(path)
    assert outcome.startswith("InputError: ") and "entity" in outcome, outcome
    assert peak_mb < 300, peak_mb


def test_parts_chuluc_parses_itself_use_defusedxml(tmp_path: Path) -> None:
    doctype, _ = billion_laughs()
    styles = (
        b'<?xml version="1.0"?>' + doctype + b'<styleSheet xmlns="http://schemas.'
        b'openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="1"><xf numFmtId="0"/>'
        b"</cellXfs></styleSheet>"
    )
    path = raw_xlsx(tmp_path / "lol.xlsx", sheet_xml([HEADERS, row(1)]), styles=styles)
    with pytest.raises(InputError, match=r"damaged or incomplete \.xlsx file"):
        read_sheet(path)
    source = Path(formats.__file__).read_text(encoding="utf-8")
    assert "xml.etree" not in source and "minidom" not in source and "lxml" not in source


def test_relationships_never_leave_the_zip(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "sheet1.xml").write_bytes(sheet_xml([HEADERS, row(9, c1="NGOÀI ZIP")]))
    rels = (
        b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
        b'2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
        b'officeDocument/2006/relationships/worksheet" Target="../../../../../../../../..'
        + str(outside / "sheet1.xml").encode()
        + b'"/><Relationship Id="rId2" TargetMode="External" Type="http://schemas.'
        b'openxmlformats.org/officeDocument/2006/relationships/styles" Target="file://'
        + str(outside / "sheet1.xml").encode()
        + b'"/></Relationships>'
    )
    path = raw_xlsx(tmp_path / "tro-ra-ngoai.xlsx", sheet_xml([HEADERS, row(1)]), rels=rels)
    result = score_json(path)
    assert "NGOÀI ZIP" not in result.stdout + result.stderr
    assert_one_error(result, 2, path, "damaged or incomplete .xlsx")


# --- Sizes ----------------------------------------------------------------------------
def test_file_size_limit_is_checked_first_and_can_be_raised(tmp_path: Path) -> None:
    path = csv_file(tmp_path / "de-cu.csv", [HEADERS, *(row(i) for i in range(1, 40))])
    size = path.stat().st_size
    with pytest.raises(LimitError) as error:
        read_sheet(path, max_file_bytes=size - 1)
    assert str(error.value).startswith(f"{path}: the file is ")
    assert str(error.value).endswith("raise it with --max-file-size")
    assert len(read_sheet(path, max_file_bytes=size).rows) == 40
    with pytest.raises(LimitError):
        sheet_names(path, max_file_bytes=1024)


def test_default_file_size_limit_is_500_mb() -> None:
    assert formats.DEFAULT_MAX_FILE_BYTES == 500 * 2**20
    assert formats.Limits().max_file_bytes == formats.DEFAULT_MAX_FILE_BYTES


@pytest.mark.parametrize("command", ["score", "check", "explain"])
def test_cli_offers_max_file_size(command: str) -> None:
    assert "--max-file-size" in invoke(command, "--help").stdout


def test_max_file_size_reaches_the_nominations_reader(tmp_path: Path) -> None:
    """--max-file-size is in MB: a nominations file just over 1 MB is refused at 1, read at 2."""
    padding = "x" * 2_000
    rows = [HEADERS, *(row(i, c1=f"Sản phẩm {i} {padding}") for i in range(1, 560))]
    path = csv_file(tmp_path / "lon.csv", rows)
    assert 2**20 < path.stat().st_size < 2 * 2**20
    refused = score_json(path, "--max-file-size", "1")
    assert_one_error(refused, 2, path, "--max-file-size")
    accepted = score_json(path, "--max-file-size", "2")
    assert accepted.exit_code in (0, 1), accepted.stderr
    assert len(json.loads(accepted.stdout)["products"]) == 559


def test_dimension_that_lies_cannot_make_calamine_allocate(tmp_path: Path) -> None:
    far = b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    sheet = sheet_xml([HEADERS, row(1)], dimension="A1:K2", extra_rows=far)
    with pytest.raises(LimitError, match=r"17,179,869,184 cells"):
        read_sheet(raw_xlsx(tmp_path / "xa.xlsx", sheet))


def test_zip_bomb_check_does_not_wait_for_the_side_scan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bomb check runs before calamine starts, not in the scan beside it."""
    monkeypatch.setattr(formats.XlsxSide, "scan", lambda self, part: formats.SheetMarks())
    padded = sheet_xml([HEADERS, row(1)], dimension="A1:K2").replace(
        b"<sheetData>", b"<sheetData>" + b" " * (12 << 20)
    )
    with pytest.raises(LimitError, match="zip bomb"):
        read_sheet(raw_xlsx(tmp_path / "bom.xlsx", padded))


# --- Formula injection ----------------------------------------------------------------
@pytest.fixture
def injected(tmp_path: Path) -> Path:
    rows = [HEADERS]
    for number, text in enumerate(INJECTIONS, start=1):
        rows.append(row(number, c1=text, c2=text))
    rows.append(row(9, c5="=1+1"))  # a formula typed as text in a number column
    return csv_file(tmp_path / "tiem.csv", rows)


def test_formula_text_is_written_to_excel_as_text(injected: Path, tmp_path: Path) -> None:
    out = tmp_path / "ketqua.xlsx"
    result = invoke("score", injected, "-c", CRITERIA, "-o", out, "-q")
    assert result.exit_code == 1, result.stderr  # the "=1+1" revenue is a data issue
    seen = set()
    for sheet in openpyxl.load_workbook(out):
        for cells in sheet.iter_rows():
            for cell in cells:
                if isinstance(cell.value, str) and cell.value[:1] in "=+-@":
                    assert cell.data_type == "s", (sheet.title, cell.coordinate, cell.value)
                    seen.add(cell.value)
    assert set(INJECTIONS) <= seen
    assert "=1+1" in seen  # the raw value in the data-issues sheet


# xlsxwriter copies a text that starts with "<r>" and ends with "</r>" into the file as
# XML (its rich text): this one would add a formula cell to the sheet.
XML_TEXT = (
    '<r><t>x</t></r></is></c><c r="Z1"><f>1+1</f></c><c r="Z2" t="inlineStr"><is><r><t>y</t></r>'
)


@pytest.mark.parametrize("large", [False, True])
def test_text_that_looks_like_cell_xml_is_written_as_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, large: bool
) -> None:
    if large:  # constant_memory mode, where a row is written as one piece of XML
        monkeypatch.setattr(report_xlsx, "LARGE_CELLS", 0)
    rows = [HEADERS, row(1, c1=XML_TEXT, c2=XML_TEXT), row(2, c4=XML_TEXT), row(3)]
    out = tmp_path / "ketqua.xlsx"
    result = invoke("score", csv_file(tmp_path / "xml.csv", rows), "-c", CRITERIA, "-o", out, "-q")
    assert result.exit_code == 1, result.stderr  # the unknown sector is a data issue
    texts = []
    for sheet in openpyxl.load_workbook(out):
        for cells in sheet.iter_rows():
            for cell in cells:
                assert cell.data_type != "f", (sheet.title, cell.coordinate)
                texts.append(cell.value)
    assert texts.count(XML_TEXT) >= 4  # product and enterprise in two sheets, the sector issue


def test_formula_text_in_the_issues_workbook_is_text(injected: Path, tmp_path: Path) -> None:
    out = tmp_path / "loi.xlsx"
    assert invoke("check", CRITERIA, injected, "-o", out).exit_code == 1
    values = [
        (cell.value, cell.data_type)
        for sheet in openpyxl.load_workbook(out)
        for cells in sheet.iter_rows()
        for cell in cells
        if cell.value == "=1+1"
    ]
    assert values and all(kind == "s" for _, kind in values)


def test_formula_text_gets_a_quote_in_csv(injected: Path, tmp_path: Path) -> None:
    out = tmp_path / "ketqua.csv"
    assert invoke("score", injected, "-c", CRITERIA, "-o", out, "-q").exit_code == 1
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    cells = {cell for line in rows for cell in line}
    for text in INJECTIONS:
        assert "'" + text in cells, text
        assert text not in cells, text
    assert not any(cell[:1] in "=+-@" for cell in cells if cell), "an unquoted formula"


def test_formula_text_stays_as_typed_in_json(injected: Path) -> None:
    data = json.loads(score_json(injected).stdout)
    assert [p["product"] for p in data["products"][:5]] == INJECTIONS


def test_one_line_error_even_for_long_messages(tmp_path: Path) -> None:
    # 60 unmatched headers make a long message; rich must not wrap it.
    headers = [f"Cột thừa số {i}" for i in range(60)]
    path = csv_file(tmp_path / "rong.csv", [headers, ["x"] * 60])
    assert_one_error(invoke("score", path, "-c", CRITERIA), 2, path)
