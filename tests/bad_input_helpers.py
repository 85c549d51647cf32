"""Builders and assertions shared by the bad-input, safety, no-data-loss and fuzz tests.

Every input is built in code so a test shows exactly what it feeds the CLI: workbooks
with openpyxl, or by hand (a minimal .xlsx package or .ods archive written with
zipfile) when the point is XML that no writer library would produce.
"""

from __future__ import annotations

import csv
import io
import json
import struct
import unicodedata
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import openpyxl
from typer.testing import CliRunner, Result

from chuluc_cli.cli import app
from chuluc_cli.text import column_letter

ROOT = Path(__file__).resolve().parent.parent
CRITERIA = ROOT / "tests" / "data" / "criteria" / "issue-example.yaml"
BAD = ROOT / "tests" / "data" / "bad"
HEADERS = [
    "Mã hồ sơ",
    "Tên sản phẩm",
    "Tên doanh nghiệp",
    "Mã số thuế",
    "Ngành",
    "Doanh thu 2024 (tỷ đồng)",
    "Doanh thu 2023 (tỷ đồng)",
    "Tỷ lệ xuất khẩu (%)",
    "ISO 9001",
    "Ngày thành lập",
    "Trụ sở và cơ sở sản xuất tại Hà Nội",
]
REVENUE = 5  # 0-based column of "Doanh thu 2024" (F)
runner = CliRunner()


def row(number: int, **cells: object) -> list[object]:
    """A valid nomination (id SP0n); ``c5="abc"`` replaces the cell of 0-based column 5."""
    values: list[object] = [
        f"SP{number:02d}",
        "Máy biến áp",
        f"Công ty {number}",
        f"01012345{number:02d}",
        "Cơ khí",
        "600",
        "500",
        "30%",
        "Có",
        "01/02/2010",
        "Có",
    ]
    for key, value in cells.items():
        values[int(key.removeprefix("c"))] = value
    return values


# --- Running the CLI -----------------------------------------------------------------
# Commands that take --lang; `--help` does not.
_WITH_LANG = {
    ("score",),
    ("check",),
    ("explain",),
    ("template",),
    ("criteria", "show"),
    ("criteria", "list"),
}


def invoke(*args: str | Path, lang: str | None = "en") -> Result:
    """Run ``chuluc`` in-process with the given arguments, in English unless told otherwise.

    The tests compare error lines with English fragments (errors are shown in the
    command's --lang, Vietnamese by default; test_errors_i18n checks the Vietnamese), so
    ``--lang en`` is added to a command that takes it and was not given a language.
    ``lang=None`` runs the command exactly as given.
    """
    argv = [str(arg) for arg in args]
    takes_lang = tuple(argv[:1]) in _WITH_LANG or tuple(argv[:2]) in _WITH_LANG
    if lang and takes_lang and not {"--lang", "-l"} & set(argv):
        argv += ["--lang", lang]
    return runner.invoke(app, argv)


def score_json(path: Path, *extra: str | Path, criteria: Path = CRITERIA) -> Result:
    """``chuluc score PATH -c CRITERIA --format json -o - -q``: the result on stdout."""
    return invoke("score", path, "-c", criteria, "--format", "json", "-o", "-", "-q", *extra)


def assert_one_error(result: Result, code: int, *fragments: str | Path) -> str:
    """Exit ``code``, stderr exactly one ``error: ...`` line holding every fragment."""
    assert_no_traceback(result)
    assert result.exit_code == code, (result.exit_code, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: "), lines[0]
    for fragment in fragments:
        assert str(fragment) in lines[0], (fragment, lines[0])
    return lines[0]


def assert_no_traceback(result: Result) -> None:
    """No Python exception escaped and nothing looks like a traceback."""
    escaped = result.exception
    assert escaped is None or isinstance(escaped, SystemExit), repr(escaped)
    assert "Traceback" not in result.stdout + result.stderr
    assert "internal error" not in result.stderr and "lỗi nội bộ" not in result.stderr


def result_data(result: Result) -> dict[str, Any]:
    """The JSON result printed by :func:`score_json`."""
    assert_no_traceback(result)
    return json.loads(result.stdout)


def product(data: dict[str, Any], product_id: str) -> dict[str, Any]:
    """The product ``product_id`` of a JSON result."""
    return next(p for p in data["products"] if p["id"] == product_id)


def issues_at(data: dict[str, Any], code: str) -> list[tuple[object, object, object]]:
    """(sheet, row, column) of every issue with ``code``."""
    return [(i["sheet"], i["row"], i["column"]) for i in data["issues"] if i["code"] == code]


# --- Workbooks -----------------------------------------------------------------------
def openpyxl_book(
    path: Path,
    rows: Sequence[Sequence[object]],
    *,
    title: str = "Danh sách",
    edit: Callable[[Any], None] | None = None,
) -> Path:
    """A workbook written by openpyxl; ``edit(sheet)`` may merge or style cells."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for values in rows:
        sheet.append(list(values))
    if edit is not None:
        edit(sheet)
    book.save(path)
    return path


CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" '
    b'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/xl/workbook.xml" ContentType="application/'
    b'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>'
)
PACKAGE_RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
ONE_SHEET = '<sheet name="Danh sách" sheetId="1" r:id="rId1"/>'.encode()
_REL = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def workbook_xml(sheets: bytes = ONE_SHEET, doctype: bytes = b"") -> bytes:
    """xl/workbook.xml listing ``sheets``."""
    return (
        b'<?xml version="1.0" encoding="UTF-8"?>' + doctype + b"<workbook "
        b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        b"<sheets>" + sheets + b"</sheets></workbook>"
    )


def workbook_rels() -> bytes:
    """xl/_rels/workbook.xml.rels: the sheet, the shared strings and the styles."""
    return (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rId1" Type="' + _REL + b'worksheet" Target="worksheets/sheet1.xml"/>'
        b'<Relationship Id="rId2" Type="' + _REL + b'sharedStrings" Target="sharedStrings.xml"/>'
        b'<Relationship Id="rId3" Type="' + _REL + b'styles" Target="styles.xml"/>'
        b"</Relationships>"
    )


def shared_strings(*texts: str, doctype: bytes = b"", raw: bytes = b"") -> bytes:
    """xl/sharedStrings.xml holding ``texts`` (and ``raw`` XML as it is)."""
    items = b"".join(b"<si><t>" + escape(text).encode() + b"</t></si>" for text in texts)
    return (
        b'<?xml version="1.0" encoding="UTF-8"?>' + doctype + b'<sst xmlns="http://'
        b'schemas.openxmlformats.org/spreadsheetml/2006/main">' + items + raw + b"</sst>"
    )


STYLES = (
    b'<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/'
    b'spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="0"/>'
    b"</cellXfs></styleSheet>"
)


def cell_xml(ref: str, value: object) -> bytes:
    """One ``<c>``: a number, an inline string, or ``bytes`` put after ``<c r="..."`` as is."""
    start = b'<c r="' + ref.encode() + b'"'
    if isinstance(value, bytes):
        return start + value + b"</c>"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return start + b"><v>" + str(value).encode() + b"</v></c>"
    text = escape(str(value)).encode()
    return start + b' t="inlineStr"><is><t>' + text + b"</t></is></c>"


def sheet_xml(
    rows: Sequence[Sequence[object]],
    *,
    dimension: str | None = None,
    doctype: bytes = b"",
    extra_rows: bytes = b"",
) -> bytes:
    """A worksheet part with ``rows`` from A1, then ``extra_rows`` XML as it is."""
    parts = [b'<?xml version="1.0" encoding="UTF-8"?>', doctype]
    parts.append(b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
    if dimension:
        parts.append(b'<dimension ref="' + dimension.encode() + b'"/>')
    parts.append(b"<sheetData>")
    for r, values in enumerate(rows, start=1):
        cells = b"".join(cell_xml(f"{column_letter(c)}{r}", v) for c, v in enumerate(values))
        parts.append(b'<row r="%d">' % r + cells + b"</row>")
    parts.append(extra_rows + b"</sheetData></worksheet>")
    return b"".join(parts)


def raw_xlsx(path: Path, sheet: bytes, **parts: bytes) -> Path:
    """A minimal .xlsx package around the worksheet XML ``sheet``.

    ``parts`` replace or add parts: ``workbook``, ``rels`` (of the workbook),
    ``shared``, ``styles`` or any ``name=bytes`` with "__" for "/" and "_dot_" for ".".
    """
    names = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": PACKAGE_RELS,
        "xl/workbook.xml": parts.pop("workbook", workbook_xml()),
        "xl/_rels/workbook.xml.rels": parts.pop("rels", workbook_rels()),
        "xl/worksheets/sheet1.xml": sheet,
        "xl/sharedStrings.xml": parts.pop("shared", shared_strings()),
        "xl/styles.xml": parts.pop("styles", STYLES),
    }
    for key, data in parts.items():
        names[key.replace("__", "/").replace("_dot_", ".")] = data
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in names.items():
            archive.writestr(name, data)
    return path


def good_xlsx(path: Path) -> Path:
    """A valid hand-made .xlsx with the headers and two nominations."""
    return raw_xlsx(path, sheet_xml([HEADERS, row(1), row(2)], dimension="A1:K3"))


def set_member_size(path: Path, member: str, size: int) -> None:
    """Make the zip directory (local header and central directory) claim ``size`` bytes."""
    data = bytearray(path.read_bytes())
    name = member.encode()
    for signature, name_at, size_at in ((b"PK\x03\x04", 26, 22), (b"PK\x01\x02", 28, 24)):
        offset = 46 if signature == b"PK\x01\x02" else 30
        at = data.find(signature)
        while at >= 0:
            length = struct.unpack_from("<H", data, at + name_at)[0]
            if data[at + offset : at + offset + length] == name:
                struct.pack_into("<I", data, at + size_at, size)
            at = data.find(signature, at + 4)
    path.write_bytes(bytes(data))


def billion_laughs(levels: int = 9) -> tuple[bytes, bytes]:
    """A DOCTYPE defining entities that expand 10**levels times, and the entity to use."""
    entities = [b'<!ENTITY lol0 "lol">']
    for level in range(1, levels + 1):
        entities.append(b'<!ENTITY lol%d "%s">' % (level, b"&lol%d;" % (level - 1) * 10))
    return b"<!DOCTYPE lolz [" + b"".join(entities) + b"]>", b"&lol%d;" % levels


# --- OpenDocument --------------------------------------------------------------------
ODS_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
    '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry '
    'manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.'
    'spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" '
    'manifest:media-type="text/xml"/></manifest:manifest>'
)


def raw_ods(path: Path, body: str, *, name: str = "Danh sách", tables: bool = True) -> Path:
    """An .ods whose one table holds the ``body`` rows (no table at all if not ``tables``)."""
    table = f'<table:table table:name="{name}">{body}</table:table>' if tables else ""
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f"<office:body><office:spreadsheet>{table}</office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "mimetype",
            "application/vnd.oasis.opendocument.spreadsheet",
            compress_type=zipfile.ZIP_STORED,
        )
        archive.writestr("content.xml", content)
        archive.writestr("META-INF/manifest.xml", ODS_MANIFEST)
    return path


def ods_rows(rows: Sequence[Sequence[object]]) -> str:
    """Table rows of string cells (numbers as float cells)."""
    out = []
    for values in rows:
        cells = []
        for value in values:
            if isinstance(value, int | float):
                cells.append(
                    f'<table:table-cell office:value-type="float" office:value="{value}">'
                    f"<text:p>{value}</text:p></table:table-cell>"
                )
            else:
                cells.append(
                    '<table:table-cell office:value-type="string">'
                    f"<text:p>{escape(str(value))}</text:p></table:table-cell>"
                )
        out.append("<table:table-row>" + "".join(cells) + "</table:table-row>")
    return "".join(out)


# --- CSV -----------------------------------------------------------------------------
def csv_text(rows: Sequence[Sequence[object]], delimiter: str = ",") -> str:
    """``rows`` as CSV text with CRLF line ends."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue()


def csv_file(path: Path, rows: Sequence[Sequence[object]], encoding: str = "utf-8") -> Path:
    """A CSV file of ``rows`` in ``encoding`` ("cp1258": as Windows writes Vietnamese)."""
    text = csv_text(rows)
    path.write_bytes(cp1258_bytes(text) if encoding == "cp1258" else text.encode(encoding))
    return path


_TONES = "\u0300\u0301\u0303\u0309\u0323"


def cp1258_bytes(text: str) -> bytes:
    """Encode like Windows: letters precomposed where cp1258 has them, tones combining."""
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            tone = next(c for c in parts if c in _TONES)
            base = unicodedata.normalize("NFC", parts.replace(tone, "", 1))
            out += base.encode("cp1258") + tone.encode("cp1258")
    return bytes(out)
