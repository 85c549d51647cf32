"""What a spreadsheet file really is, and what python-calamine does not tell about it.

:mod:`chuluc_cli.io.workbook` reads cell values with python-calamine, which is fast
but returns values without number formats and reads error cells as "". This module
holds the format-specific knowledge around it:

- :func:`detect_format`: the file's real format from its first bytes, not its name,
  so a PNG, a web page or a password-protected workbook renamed ``.xlsx`` gets a
  message that says so instead of a parser's stack trace.
- Side scans that find the cells calamine cannot describe: percent-formatted cells
  (a cell showing 70% reads 0.7, like a plain 0.7, but a percent field must read 70
  from the first), Excel error values, formulas saved without a value, and for
  ``.ods`` merged cells. Each returns a :class:`SheetMarks`.
    * ``.xlsx``: ``xl/styles.xml`` (defusedxml, small) gives the percent style
      indices; the sheet XML (100+ MB for 100,000 rows) is streamed in chunks cut at
      row ends and searched for literal attribute bytes (``s="9"``, ``t="e"``,
      ``<f``) in C; Python only looks at the few cells found. A DOM or iterparse
      would take 10x longer than calamine itself. Odd files (cells without ``r``,
      single-quoted attributes) fall back to defusedxml iterparse.
    * ``.xls``: read whole with xlrd (``formatting_info=True``: xf -> number format
      string), not calamine; :class:`XlsBook` says why.
    * ``.ods``: ``content.xml`` streamed and split at row ends; only rows holding
      repeats or markers are split into cells. defusedxml iterparse took 18 s on a
      100,000-row file against 1.6 s for calamine, so it is not used. Repeats are
      counted, never expanded: 1,048,576 repeated empty rows cost nothing.
- Zip-bomb limits on the parts that are read, a file-size limit, and the extent
  guards: calamine allocates a sheet's used range densely (and expands repeated ODS
  cells when it opens the file), trusting every cell reference, so a tiny crafted
  file could ask for hundreds of GB and abort the process. The extents are checked
  before calamine sees the sheet: :meth:`XlsxSide.check_extent` for .xlsx, the
  :class:`OdsScanner` for .ods (which also refuses a table calamine would wait for
  forever). docs/reliability.md lists every limit.

Every message is an English one-line template at the top of this file, so that they
can be moved to the i18n catalogue together.
"""

from __future__ import annotations

import html
import io
import posixpath
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Any
from xml.parsers import expat

import defusedxml.ElementTree as SafeET
import xlrd
from defusedxml.common import DefusedXmlException

from chuluc_cli.errors import InputError, LimitError
from chuluc_cli.i18n import Message, Num, msg, os_reason

# Messages are the catalogue's ``errors.input.*`` (chuluc_cli/i18n/errors.py); every one
# names the file, and the CLI shows it in the user's language.

# --- Limits --------------------------------------------------------------------------
MAX_UNPACKED_BYTES = 1 << 30  # all parts read from one workbook, and a CSV file's size
MAX_RATIO = 200  # compression ratio refused on a part larger than RATIO_MIN_BYTES
RATIO_MIN_BYTES = 10 * 1024 * 1024
DEFAULT_MAX_ROWS = 1_100_000  # above Excel's 1,048,576 so that any real sheet fits
DEFAULT_MAX_CELLS = 50_000_000  # about 2 GB in calamine plus the Python lists
# xlrd reads a whole .xls into memory and a CSV is decoded whole; real nomination files
# are a few MB, and an .xlsx this large would unpack past MAX_UNPACKED_BYTES anyway.
DEFAULT_MAX_FILE_BYTES = 500 * 2**20
_CHUNK = 16 * 1024 * 1024  # bytes of sheet XML searched at a time
_MAX_COLUMNS = 16_384  # XFD, Excel's last column


class Format(StrEnum):
    """The formats read; ``.xlsm`` is ``xlsx``."""

    XLSX = "xlsx"
    XLS = "xls"
    ODS = "ods"
    CSV = "csv"


EXTENSIONS: dict[str, Format] = {
    ".xlsx": Format.XLSX,
    ".xlsm": Format.XLSX,
    ".xls": Format.XLS,
    ".ods": Format.ODS,
    ".csv": Format.CSV,
}
_ZIP_MAGIC = b"PK\x03\x04"
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
_OLE2_SEARCH = 65536
_MAGIC_NAMES = (  # first bytes -> errors.input.what.<name>
    (b"\x89PNG", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF8", "gif"),
    (b"%PDF", "pdf"),
    (b"Rar!", "rar"),
    (b"7z\xbc\xaf", "7z"),
)

Cell = tuple[int, int]

# What zipfile, zlib and the XML parser raise on a damaged archive.
ZIP_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    ValueError,  # includes UnicodeDecodeError
    LookupError,  # KeyError, and an unknown encoding in an XML declaration
    NotImplementedError,  # an unknown compression method or zip version
    RuntimeError,  # an encrypted member
    SafeET.ParseError,
    DefusedXmlException,
)


@dataclass(frozen=True)
class Limits:
    """Size limits of one read; the CLI's ``--max-rows`` and ``--max-cells``."""

    max_rows: int = DEFAULT_MAX_ROWS
    max_cells: int = DEFAULT_MAX_CELLS
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES

    def check_file(self, path: Path) -> None:
        """Raise :class:`LimitError` if the file at ``path`` is larger than ``max_file_bytes``."""
        try:
            size = path.stat().st_size
        except OSError as exc:
            raise InputError(
                msg("errors.input.unreadable", path=path, reason=os_reason(exc))
            ) from exc
        if size > self.max_file_bytes:
            size_mb, limit_mb = _megabytes(size), _megabytes(self.max_file_bytes)
            raise LimitError(
                msg("errors.input.file_too_big", path=path, size_mb=size_mb, limit_mb=limit_mb)
            )

    def over(self, rows: int, cols: int) -> bool:
        """True if a used range of ``rows`` x ``cols`` is over the row or cell limit."""
        return rows > self.max_rows or rows * cols > self.max_cells

    def check(self, path: Path, sheet: str, rows: int, cols: int) -> None:
        """Raise :class:`LimitError` if a used range of ``rows`` x ``cols`` is too big."""
        if rows > self.max_rows:
            counts = {"rows": Num(rows, 0), "limit": Num(self.max_rows, 0)}
            raise LimitError(msg("errors.input.too_many_rows", path=path, sheet=sheet, **counts))
        if rows * cols > self.max_cells:
            raise LimitError(
                msg(
                    "errors.input.too_many_cells",
                    path=path,
                    sheet=sheet,
                    cells=Num(rows * cols, 0),
                    rows=Num(rows, 0),
                    cols=Num(cols, 0),
                    limit=Num(self.max_cells, 0),
                )
            )


def _megabytes(size: int) -> Num:
    """``size`` in MB for a message: "1,024", "0.5" (en) or "1.024", "0,5" (vi); never "0.0"."""
    return Num(size / 2**20, 1)


@dataclass
class SheetMarks:
    """What a side scan found in one sheet; positions are 0-based (row, column)."""

    # In document order, as the scans meet them (a repeat does no harm): going through
    # 130,000 cells in that order, rather than a set's, is three times faster (memory).
    percent: list[Cell] = field(default_factory=list)
    errors: dict[Cell, str] = field(default_factory=dict)
    formula_without_value: set[Cell] = field(default_factory=set)
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    rows: int = 0  # extent of the cells holding something (ODS guard)
    cols: int = 0

    def grow(self, last_row: int, last_col: int) -> None:
        """Extend the extent to include the 0-based cell (last_row, last_col)."""
        self.rows = max(self.rows, last_row + 1)
        self.cols = max(self.cols, last_col + 1)


# --- Format detection ----------------------------------------------------------------
def detect_format(path: Path) -> Format:
    """Return the real format of ``path`` or raise :class:`InputError` saying why not.

    The extension must be a supported one (any case); the content then decides, so a
    workbook saved under another supported extension is still read.
    """
    ext = _checked_extension(path)
    head = _read_head(path, 4096)
    if head.startswith(_ZIP_MAGIC):
        return _zip_format(path, ext)
    if head.startswith(_OLE2_MAGIC):
        # Office encrypts an .xlsx into an OLE2 file holding an "EncryptedPackage" stream.
        if EXTENSIONS[ext] is Format.XLSX or _encrypted_package(path):
            raise InputError(msg("errors.input.password", path=path))
        return Format.XLS
    if EXTENSIONS[ext] is Format.CSV:
        if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
            what, expected = _what(_describe(head)), _what("csv")
            raise InputError(
                msg("errors.input.not_a_spreadsheet", path=path, what=what, expected=expected)
            )
        return Format.CSV
    raise InputError(_not_a_workbook_message(path, ext, head))


def _encrypted_package(path: Path) -> bool:
    """True if the OLE2 file names an EncryptedPackage stream (an encrypted .xlsx renamed).

    The directory usually sits in the first or last sectors: only those are searched.
    """
    try:
        with path.open("rb") as handle:
            head = handle.read(_OLE2_SEARCH)
            handle.seek(max(0, path.stat().st_size - _OLE2_SEARCH))
            tail = handle.read(_OLE2_SEARCH)
    except OSError:
        return False
    return _ENCRYPTED_PACKAGE in head or _ENCRYPTED_PACKAGE in tail


def _checked_extension(path: Path) -> str:
    try:
        if not path.exists():
            raise InputError(msg("errors.input.not_found", path=path))
        if path.is_dir():
            raise InputError(msg("errors.input.is_folder", path=path))
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(msg("errors.input.unreadable", path=path, reason=os_reason(exc))) from exc
    ext = path.suffix.lower()
    if ext not in EXTENSIONS:
        raise InputError(
            msg("errors.input.unknown_extension", path=path, ext=path.suffix or path.name)
        )
    if size == 0:
        raise InputError(msg("errors.input.empty", path=path))
    return ext


def _read_head(path: Path, size: int) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(size)
    except OSError as exc:
        raise InputError(msg("errors.input.unreadable", path=path, reason=os_reason(exc))) from exc


def _zip_format(path: Path, ext: str) -> Format:
    try:
        with zipfile.ZipFile(path) as archive:
            names = {name.lower(): name for name in archive.namelist()}
            if "xl/workbook.bin" in names:
                raise InputError(msg("errors.input.xlsb", path=path))
            if "xl/workbook.xml" in names or _main_part(archive) is not None:
                return Format.XLSX
            if "mimetype" in names:
                if archive.read(names["mimetype"]).strip().startswith(_ODS_MIMETYPE):
                    return Format.ODS
            elif "content.xml" in names:
                return Format.ODS
    except ZIP_ERRORS as exc:
        raise damaged(path, EXTENSIONS[ext], exc) from exc
    raise InputError(msg("errors.input.zip_not_workbook", path=path))


def _not_a_workbook_message(path: Path, ext: str, head: bytes) -> Message:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith(b"<?xml") and b"urn:schemas-microsoft-com:office:spreadsheet" in text:
        return msg("errors.input.xml2003", path=path)
    if text.startswith((b"<!doctype html", b"<html", b"<table", b"<meta", b"<head")):
        return msg("errors.input.html_as_xls", path=path, ext=ext)
    if _describe(head) == "text":
        return msg("errors.input.text_as_workbook", path=path, ext=ext)
    expected = _what("workbook", ext=ext)
    what = _what(_describe(head))
    return msg("errors.input.not_a_spreadsheet", path=path, what=what, expected=expected)


def _what(name: str, **params: str) -> Message:
    return msg(f"errors.input.what.{name}", **params)


def _describe(head: bytes) -> str:
    """What the bytes look like: a name of ``errors.input.what`` (png, ..., text, binary)."""
    for magic, name in _MAGIC_NAMES:
        if head.startswith(magic):
            return name
    if b"\x00" not in head:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as exc:  # a text cut inside a character is still text
            if exc.start < len(head) - 4:
                return "binary"
        return "text"
    return "binary"


def damaged(path: Path, fmt: str, exc: BaseException) -> InputError:
    """The error for a file whose parser failed; the reason is the parser's first line."""
    reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if "password" in reason.lower() or "encrypt" in reason.lower():
        return InputError(msg("errors.input.password", path=path))
    return InputError(msg("errors.input.damaged", path=path, fmt=f".{fmt}", reason=reason[:200]))


def check_parts(path: Path, archive: zipfile.ZipFile, parts: list[str]) -> None:
    """Refuse a zip bomb: too much unpacked data, or a big part compressed too well."""
    total = 0
    for name in parts:
        info = archive.getinfo(name)
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_MIN_BYTES and ratio > MAX_RATIO:
            raise LimitError(
                msg(
                    "errors.input.ratio_too_high",
                    path=path,
                    part=name,
                    ratio=int(ratio),
                    limit=MAX_RATIO,
                )
            )
    if total > MAX_UNPACKED_BYTES:
        raise LimitError(
            msg("errors.input.unpacked_too_big", path=path, limit_mb=MAX_UNPACKED_BYTES // 2**20)
        )


def _head(archive: zipfile.ZipFile, part: str, size: int = 65536) -> bytes:
    with archive.open(part) as stream:
        return stream.read(size)


def _chunks(archive: zipfile.ZipFile, part: str, boundary: bytes) -> Iterator[bytes]:
    """Yield the part's bytes in pieces that each end just after a ``boundary``.

    Pieces never cut an element that the scans look at, since those lie inside rows.
    """
    rest = b""
    for block in _blocks(archive, part):
        rest += block
        cut = rest.rfind(boundary)
        if cut >= 0:
            cut += len(boundary)
            yield rest[:cut]
            rest = rest[cut:]
    if rest:
        yield rest


def _blocks(archive: zipfile.ZipFile, part: str) -> Iterator[bytes]:
    """The part's bytes block by block, refused past MAX_UNPACKED_BYTES.

    The sizes in the zip directory can lie, so the bytes are counted as they come.
    """
    total = 0
    with archive.open(part) as stream:
        while block := stream.read(_CHUNK):
            total += len(block)
            if total > MAX_UNPACKED_BYTES:
                limit_mb = MAX_UNPACKED_BYTES // 2**20
                path = archive.filename
                raise LimitError(msg("errors.input.unpacked_too_big", path=path, limit_mb=limit_mb))
            yield block


@lru_cache(maxsize=4096)
def _column(letters: bytes) -> int:
    number = 0
    for byte in letters:
        number = number * 26 + byte - 64
    return number - 1


def _column_name(number: int) -> bytes:
    """The letters of the 1-based column ``number`` (28 -> b"AB")."""
    letters = b""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = bytes([65 + rest]) + letters
    return letters or b"A"


def _digits_up_to(limit: int) -> bytes:
    """A regex for the digit strings whose value is at most ``limit`` (shorter, or as long and
    not greater, digit by digit); a longer string with leading zeros fails, which is safe."""
    text = str(limit).encode()
    options = [b"[0-9]{1,%d}" % (len(text) - 1)] if len(text) > 1 else []
    for i, digit in enumerate(text):
        if digit > ord("0"):
            rest = len(text) - i - 1
            options.append(text[:i] + b"[0-%c][0-9]{%d}" % (digit - 1, rest))
    options.append(text)
    return b"(?:" + b"|".join(options) + b")"


def _letters_up_to(name: bytes) -> bytes:
    """A regex for the column letters up to ``name``: fewer letters, or as many and not later."""
    if len(name) == 1:
        return b"[A-%c]" % name[0]  # the usual case, and the fastest regex
    options = [b"[A-Z]{1,%d}" % (len(name) - 1)]
    for i, letter in enumerate(name):
        if letter > ord("A"):
            rest = len(name) - i - 1
            options.append(name[:i] + b"[A-%c][A-Z]{%d}" % (letter - 1, rest))
    options.append(name)
    return b"(?:" + b"|".join(options) + b")"


def _cell_outside(rows: int, cols: int, limits: Limits) -> Callable[[bytes], object]:
    """The search for a cell start tag that is unusual, or holds something outside rows x cols.

    Rows are only checked for their number of digits when even the largest number with
    that many digits keeps the sheet within ``limits`` (a much faster regex). A
    self-closing cell holds nothing and is never placed by calamine, wherever it is.
    """
    widest = 10 ** len(str(rows)) - 1
    digits = b"[0-9]{1,%d}+" % len(str(rows)) if not limits.over(widest, cols) else None
    reference = _letters_up_to(_column_name(cols)) + (digits or _digits_up_to(rows)) + b'"'
    # The rest of the tag as spreadsheet writers write it: only the attributes a cell has,
    # so never a second r (calamine takes the last) nor a ">" hidden in quotes.
    rest = rb'(?: (?:s|t|cm|vm|ph)="[^"<>]*+")*+/?>'
    usual = reference + rest
    return re.compile(b'<c(?: r="(?!' + usual + b'|[^<>]*/>)|(?! r=")[\\s>/])').search


def _allowed_rectangles(limits: Limits) -> list[tuple[int, int]]:
    """Two (rows, columns) from A1 that ``limits`` allow: tall (999,999 rows), wide (9,999).

    Each costs one search per chunk; a sheet fitting neither is measured cell by cell.
    """
    rectangles = []
    for digits in (6, 4):
        rows = min(10**digits - 1, limits.max_rows)
        cols = min(_MAX_COLUMNS, limits.max_cells // rows)
        if cols and (rows, cols) not in rectangles:
            rectangles.append((rows, cols))
    return rectangles


def _parse_ref(value: tuple[bytes, bytes]) -> tuple[int, int]:
    """(row, column), 1-based, of an ``r`` attribute as calamine reads it; 0 where absent."""
    text = (value[0] or value[1]).upper()
    letters = bytes(c for c in text if 65 <= c <= 90)
    digits = bytes(c for c in text if 48 <= c <= 57)
    column = 0
    for letter in letters:
        column = column * 26 + letter - 64
    return (int(digits) if digits else 0), column


def _tag_chunks(archive: zipfile.ZipFile, part: str) -> Iterator[bytes]:
    """The part's bytes in pieces cut just before a ``<``, so that no tag is split.

    Unlike ``>``, a ``<`` never occurs inside a tag (XML forbids it in attribute values).
    """
    rest = b""
    for block in _blocks(archive, part):
        rest += block
        cut = rest.rfind(b"<")
        if cut > 0:
            yield rest[:cut]
            rest = rest[cut:]
    if rest:
        yield rest


# --- .xlsx ---------------------------------------------------------------------------
_REL_OFFICE_DOCUMENT = "/officeDocument"
_REL_WORKSHEET = "/worksheet"
_BUILTIN_PERCENT_FORMATS = frozenset({9, 10})
_FORMAT_LITERALS = re.compile(r'"[^"]*"|\\.|_.|\*.|\[[^\]]*\]')
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"(?:[A-Z]+\d+:)?([A-Z]{1,3})(\d{1,7})\"")
_ROOT_PREFIX = re.compile(rb"<(\w+:)?worksheet[\s>]")
_REF = re.compile(rb'\sr="([A-Z]{1,3})([0-9]{1,7})"')
_TYPE = re.compile(rb'\st="(\w+)"')
_VALUE = re.compile(rb"<(?:\w+:)?v>([^<]+)<")
# Row and cell start tags with any prefix; attribute values may hold ">" but never "<".
_ROW_OR_CELL = re.compile(rb"""<(?:[\w.-]+:)?(row|c)(?=[\s/>])((?:[^<>"']|"[^"<]*"|'[^'<]*')*+)>""")
_R_ATTRIBUTE = re.compile(rb"""(?:^|\s)r\s*=\s*(?:"([^"<]*)"|'([^'<]*)')""")
_PREFIXED_CELL = re.compile(rb":c[\s>/]")


class _NeedsFullParse(Exception):
    """The fast byte search met a cell it cannot place (no ``r``, unusual quoting)."""


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _attr(element: SafeET.Element, local_name: str) -> str | None:
    for key, value in element.attrib.items():
        if _local(key) == local_name:
            return value
    return None


def _find_part(archive: zipfile.ZipFile, name: str) -> str | None:
    names = archive.namelist()
    if name in names:
        return name
    lowered = name.lower()  # some generators change the case of part names
    return next((n for n in names if n.lower() == lowered), None)


def _relationships(archive: zipfile.ZipFile, source: str) -> dict[str, tuple[str, str]]:
    """Id -> (type, part) of the relationships of the part ``source``."""
    folder, base = posixpath.split(source)
    rels = _find_part(archive, posixpath.join(folder, "_rels", base + ".rels"))
    if rels is None:
        return {}
    result = {}
    for element in SafeET.fromstring(archive.read(rels)).iter():
        target = element.get("Target")
        if _local(element.tag) != "Relationship" or not target:
            continue
        if element.get("TargetMode") == "External":
            continue
        part = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
        result[element.get("Id", "")] = (element.get("Type", ""), posixpath.normpath(part))
    return result


def _main_part(archive: zipfile.ZipFile) -> str | None:
    """The workbook part named by the package relationships, else the usual name."""
    for kind, part in _relationships(archive, "").values():
        found = _find_part(archive, part)
        if kind.endswith(_REL_OFFICE_DOCUMENT) and found:
            return found
    return _find_part(archive, "xl/workbook.xml")


def is_percent_format(code: str) -> bool:
    """True if an Excel number format multiplies by 100: an unquoted, unescaped ``%``."""
    return "%" in _FORMAT_LITERALS.sub("", code)


class XlsxSide:
    """The parts of an .xlsx that calamine does not expose, read with zipfile."""

    def __init__(self, path: Path, archive: zipfile.ZipFile) -> None:
        self.path = path
        self.archive = archive
        workbook = _main_part(archive)
        if workbook is None:
            reason = "no workbook part"
            raise InputError(msg("errors.input.damaged", path=path, fmt=".xlsx", reason=reason))
        relations = _relationships(archive, workbook)
        shared = [
            found
            for kind, part in relations.values()
            if kind.endswith(("/styles", "/sharedStrings")) and (found := _find_part(archive, part))
        ]
        self.shared_parts = [workbook, *shared]
        check_parts(path, archive, self.shared_parts)
        self.sheet_parts = self._sheet_parts(workbook, relations)
        styles = next((p for k, p in relations.values() if k.endswith("/styles")), None)
        self.percent_styles = self._percent_styles(_find_part(archive, styles or ""))

    def _sheet_parts(self, workbook: str, relations: dict[str, tuple[str, str]]) -> dict[str, str]:
        parts = {}
        for element in SafeET.fromstring(self.archive.read(workbook)).iter():
            if _local(element.tag) != "sheet":
                continue
            kind, part = relations.get(_attr(element, "id") or "", ("", ""))
            found = _find_part(self.archive, part) if kind.endswith(_REL_WORKSHEET) else None
            if found:
                parts[element.get("name", "")] = found
        return parts

    def _percent_styles(self, styles: str | None) -> frozenset[int]:
        if styles is None:
            return frozenset()
        root = SafeET.fromstring(self.archive.read(styles))
        percent_ids = set(_BUILTIN_PERCENT_FORMATS)
        for element in root.iter():
            if _local(element.tag) == "numFmt":
                number = int(element.get("numFmtId", "-1"))
                percent_ids.discard(number)  # a custom format may redefine a built-in id
                if is_percent_format(element.get("formatCode", "")):
                    percent_ids.add(number)
        xfs = next((e for e in root.iter() if _local(e.tag) == "cellXfs"), None)
        if xfs is None:
            return frozenset()
        styled = [int(xf.get("numFmtId", "0")) for xf in xfs if _local(xf.tag) == "xf"]
        return frozenset(i for i, number in enumerate(styled) if number in percent_ids)

    def dimension(self, part: str) -> tuple[int, int] | None:
        """(rows, columns) that the sheet's ``<dimension>`` claims, if it has one."""
        found = _DIMENSION.search(_head(self.archive, part, 8192))
        return (int(found[2]), _column(found[1]) + 1) if found else None

    def check_extent(self, sheet: str, part: str, limits: Limits) -> None:
        """Refuse a sheet whose cells span more than ``limits``, before calamine reads it.

        calamine allocates the rectangle from A1 to the farthest cell at once, trusting
        every ``r="..."``: one cell at XFD1048576 in a 1 KB file asks for 500 GB and
        aborts the whole process, which no ``except`` can catch. So, after the zip-bomb
        check, one regular-expression search per chunk shows that every cell is written
        the usual way and lies within the ``<dimension>`` claim (about 1 s per 100 MB of
        sheet XML, a third of it inflating). A sheet without a claim, or with a wrong
        one (streaming writers claim "A1"), is searched again against rectangles that
        the limits allow; only an unusual sheet is measured cell by cell (slow).
        """
        check_parts(self.path, self.archive, [*self.shared_parts, part])
        if not self._prefix(part):  # prefixed sheets (some .NET writers): cell by cell
            claimed = self.dimension(part)
            trials = [[claimed]] if claimed is not None and not limits.over(*claimed) else []
            # After the allowed rectangles, calamine's extent is checked against the limits.
            for rectangles in [*trials, _allowed_rectangles(limits)]:
                if self._within(part, rectangles, limits):
                    return
        limits.check(self.path, sheet, *self.value_extent(part))

    def _within(self, part: str, rectangles: list[tuple[int, int]], limits: Limits) -> bool:
        """True if every cell holding something is ``<c r="B7"...`` inside one of ``rectangles``.

        Each rectangle is (rows, columns) from A1; a rectangle is dropped at the first
        cell outside it, and the search stops when none is left.
        """
        searches = [_cell_outside(rows, cols, limits) for rows, cols in rectangles]
        for chunk in _tag_chunks(self.archive, part):
            if _PREFIXED_CELL.search(chunk):  # a cell in another prefix is a cell to calamine
                return False
            searches = [search for search in searches if not search(chunk)]
            if not searches:
                return False
        return True

    def value_extent(self, part: str) -> tuple[int, int]:
        """(rows, columns) of the cells that hold something, measured as calamine places them.

        Tolerant of everything calamine accepts: any namespace prefix, single quotes,
        spaces around ``=``, lowercase letters, several ``r`` attributes (the largest
        counts), cells and rows without ``r`` (placed after the previous one).
        Self-closing cells hold nothing and are not counted.
        """
        rows = cols = 0
        row = col = 0  # 1-based: the current row, and the column of the row's last cell
        for chunk in _tag_chunks(self.archive, part):
            for kind, attrs in _ROW_OR_CELL.findall(chunk):
                refs = [_parse_ref(value) for value in _R_ATTRIBUTE.findall(attrs)]
                if kind == b"row":
                    row = max((r for r, _ in refs if r), default=row + 1)
                    col = 0
                    continue
                col = max((c for _, c in refs if c), default=col + 1)
                here = max((r for r, _ in refs if r), default=row)
                if not attrs.rstrip().endswith(b"/"):
                    rows, cols = max(rows, here), max(cols, col)
        return rows, cols

    def scan(self, part: str) -> SheetMarks:
        """Percent cells, error values and formulas without value of one sheet part."""
        check_parts(self.path, self.archive, [*self.shared_parts, part])
        try:
            return self._fast_scan(part)
        except _NeedsFullParse:
            return self._full_scan(part)

    def _fast_scan(self, part: str) -> SheetMarks:
        marks = SheetMarks()
        prefix = self._prefix(part)
        percent = strict = None
        if self.percent_styles:
            ids = b"|".join(str(i).encode() for i in sorted(self.percent_styles))
            percent = re.compile(b' s="(?:' + ids + b')"')
            # How Excel, LibreOffice, openpyxl and xlsxwriter all write a styled cell.
            strict = re.compile(
                b"<"
                + re.escape(prefix)
                + b'c r="([A-Z]{1,3})([0-9]{1,7})" s="(?:'
                + ids
                + b')"([^>]*)>'
            )
        if b"='" in _head(self.archive, part, 4096):
            raise _NeedsFullParse  # single-quoted attributes: the byte patterns would miss
        for chunk in _chunks(self.archive, part, b"</" + prefix + b"row>"):
            if percent is not None and strict is not None:
                self._percent_cells(chunk, percent, strict, marks)
            # Each search starts at the first hit: one pass over a chunk that has some.
            if (first := chunk.find(b' t="e"')) >= 0:
                self._error_hits(chunk, prefix, marks, first)
            if (first := chunk.find(b"<" + prefix + b"f")) >= 0:
                self._formula_hits(chunk, prefix, marks, first)
        return marks

    def _prefix(self, part: str) -> bytes:
        """The namespace prefix of the sheet's elements (``x:`` from some .NET writers)."""
        root = _ROOT_PREFIX.search(_head(self.archive, part, 4096))
        return (root[1] or b"") if root else b""

    @staticmethod
    def _tag_at(chunk: bytes, pos: int) -> bytes:
        start = chunk.rfind(b"<", 0, pos)
        return chunk[start : chunk.find(b">", pos) + 1]

    @staticmethod
    def _place(tag: bytes) -> Cell:
        ref = _REF.search(tag)
        if ref is None:
            raise _NeedsFullParse
        return int(ref[2]) - 1, _column(ref[1])

    def _percent_cells(
        self,
        chunk: bytes,
        percent: re.Pattern[bytes],
        strict: re.Pattern[bytes],
        marks: SheetMarks,
    ) -> None:
        """Find numbers in percent styles; text in such a cell stays text.

        The style's own bytes (`` s="9"``) are rare and found fast; each is then read as
        a usual cell tag from its start (``strict``), instead of trying ``strict`` at
        every cell of the chunk (2.4 times slower).
        """
        found = []
        tag_at = strict.match
        for hit in percent.finditer(chunk):
            usual = tag_at(chunk, chunk.rfind(b"<", 0, hit.start()))
            if usual is None or usual.end(2) + 1 != hit.start():  # not this style of a usual tag
                break
            found.append(usual.groups())
        else:  # every style use is a usual cell tag
            # Most percent cells are a plain number tag, with nothing after the style.
            marks.percent.extend(
                [
                    (int(row) - 1, _column(letters))
                    for letters, row, rest in found
                    if not rest
                    or (not rest.endswith(b"/") and (b't="' not in rest or b't="n"' in rest))
                ]
            )
            return
        for hit in percent.finditer(chunk):  # some other order or a row style: one by one
            tag = self._tag_at(chunk, hit.start())
            if tag.endswith(b"/>") or not re.match(rb"<(?:\w+:)?c\s", tag):
                continue  # an empty styled cell, or a row style
            kind = _TYPE.search(tag)
            if kind is None or kind[1] == b"n":
                marks.percent.append(self._place(tag))

    def _error_hits(self, chunk: bytes, prefix: bytes, marks: SheetMarks, first: int) -> None:
        for hit in re.compile(rb' t="e"').finditer(chunk, first):
            tag = self._tag_at(chunk, hit.start())
            if tag.endswith(b"/>") or not re.match(rb"<(?:\w+:)?c\s", tag):
                continue
            end = chunk.find(b"</" + prefix + b"c>", hit.end())
            value = _VALUE.search(chunk, hit.end(), end)
            text = html.unescape(value[1].decode("utf-8", "replace")) if value else ""
            marks.errors[self._place(tag)] = text.strip() or "#VALUE!"

    def _formula_hits(self, chunk: bytes, prefix: bytes, marks: SheetMarks, first: int) -> None:
        opening = b"<" + prefix + b"c"
        for hit in re.compile(b"<" + re.escape(prefix) + rb"f[\s>/]").finditer(chunk, first):
            start = chunk.rfind(opening, 0, hit.start())
            end = chunk.find(b"</" + prefix + b"c>", hit.start())
            if start < 0 or end < 0:
                raise _NeedsFullParse
            cell = chunk[start:end]
            tag = cell[: cell.find(b">") + 1]
            if not _cell_has_value(cell, tag):
                marks.formula_without_value.add(self._place(tag))

    def _full_scan(self, part: str) -> SheetMarks:
        """The slow, general scan: defusedxml iterparse with positions counted."""
        marks = SheetMarks()
        row, col = -1, -1
        with self.archive.open(part) as stream:
            for event, element in SafeET.iterparse(stream, events=("start", "end")):
                name = _local(element.tag)
                if event == "start" and name == "row":
                    row = int(element.get("r", row + 2)) - 1
                    col = -1
                elif event == "end" and name == "c":
                    ref = re.fullmatch(r"([A-Z]{1,3})([0-9]{1,7})", element.get("r", ""))
                    col = _column(ref[1].encode()) if ref else col + 1
                    self._classify(element, (row, col), marks)
                    element.clear()
        return marks

    def _classify(self, element: SafeET.Element, cell: Cell, marks: SheetMarks) -> None:
        kind = element.get("t", "n")
        # An empty <v> is "" (a formula whose text result is empty), as in the fast scan.
        value = next((c.text or "" for c in element if _local(c.tag) == "v"), None)
        has_formula = any(_local(c.tag) == "f" for c in element)
        has_inline = any(_local(c.tag) == "is" for c in element)
        if kind == "e":
            marks.errors[cell] = (value or "").strip() or "#VALUE!"
        elif has_formula and not value and not has_inline and not (kind == "str" and value == ""):
            marks.formula_without_value.add(cell)
        elif kind == "n" and value and int(element.get("s", "0")) in self.percent_styles:
            marks.percent.append(cell)


def _cell_has_value(cell: bytes, tag: bytes) -> bool:
    if _VALUE.search(cell) or re.search(rb"<(?:\w+:)?is[\s>]", cell):
        return True
    kind = _TYPE.search(tag)  # a formula whose text result is "" keeps an empty <v>
    empty_value = re.search(rb"<(?:\w+:)?v[\s>/]", cell) is not None
    return kind is not None and kind[1] == b"str" and empty_value


# --- .xls ----------------------------------------------------------------------------
_XLS_EMPTY = (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK)


class XlsBook:
    """An .xls read with xlrd: values, number formats, error values and merged cells.

    calamine is not used for .xls: fuzzing showed it aborting the whole process on
    corrupted files (a Rust allocation of 700 GB, which no ``except`` can catch), and
    xlrd has to parse every sheet anyway for the number formats that calamine does
    not expose. An .xls sheet has at most 65,536 x 256 cells.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        with self._translated():
            self.book = xlrd.open_workbook(
                str(path), formatting_info=True, on_demand=True, logfile=io.StringIO()
            )
            formats = self.book.format_map
            self.percent_xfs = frozenset(
                i
                for i, xf in enumerate(self.book.xf_list)
                if xf.format_key in formats and is_percent_format(formats[xf.format_key].format_str)
            )
            self.names: list[str] = self.book.sheet_names()

    @contextmanager
    def _translated(self) -> Iterator[None]:
        try:
            yield
        except (InputError, LimitError):
            raise
        except Exception as exc:  # xlrd raises anything on a file it cannot read
            raise damaged(self.path, "xls", exc) from exc

    def sheet(self, name: str, limits: Limits) -> tuple[list[list[object]], SheetMarks]:
        """The values of sheet ``name`` (as calamine types them) and its marks."""
        with self._translated():
            try:
                sheet = self.book.sheet_by_name(name)
                limits.check(self.path, name, sheet.nrows, sheet.ncols)
                marks = SheetMarks(
                    merged=[(r1, c1, r2 - 1, c2 - 1) for r1, r2, c1, c2 in sheet.merged_cells]
                )
                xf_table = getattr(sheet, "_cell_xf_indexes", None)
                rows = [self._row(sheet, r, marks, xf_table) for r in range(sheet.nrows)]
            finally:
                self.book.unload_sheet(name)
        return rows, marks

    def _row(
        self, sheet: xlrd.sheet.Sheet, row: int, marks: SheetMarks, xf_table: list[list[int]] | None
    ) -> list[Any]:
        values: list[Any] = sheet.row_values(row)
        types = sheet.row_types(row)
        for col, kind in enumerate(types):
            if kind == xlrd.XL_CELL_NUMBER:
                if self.percent_xfs and self._xf(sheet, row, col, xf_table) in self.percent_xfs:
                    marks.percent.append((row, col))
            elif kind in _XLS_EMPTY:
                values[col] = ""
            elif kind == xlrd.XL_CELL_DATE:
                values[col] = _xls_date(values[col], self.book.datemode)
            elif kind == xlrd.XL_CELL_BOOLEAN:
                values[col] = bool(values[col])
            elif kind == xlrd.XL_CELL_ERROR:
                text = xlrd.error_text_from_code.get(values[col], "#VALUE!")
                values[col] = marks.errors[(row, col)] = text
        return values

    @staticmethod
    def _xf(sheet: xlrd.sheet.Sheet, row: int, col: int, table: list[list[int]] | None) -> int:
        # cell_xf_index() takes 4 s on 65,000 x 30 cells; its table is 20x faster.
        return table[row][col] if table else sheet.cell_xf_index(row, col)

    def close(self) -> None:
        """Free xlrd's copy of the file."""
        self.book.release_resources()


def _xls_date(serial: float, datemode: int) -> object:
    """A date cell as calamine gives one: time below 1 day, date if whole, else datetime."""
    try:
        moment = xlrd.xldate.xldate_as_datetime(serial, datemode)
    except (ValueError, OverflowError, xlrd.xldate.XLDateError):
        return serial  # outside Excel's calendar: the number, as Excel would show
    if serial < 1:
        return moment.time()
    return moment.date() if float(serial).is_integer() else moment


# --- .ods ----------------------------------------------------------------------------
_ODS_TABLE_NS = b"urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_PERCENTAGE = b'value-type="percentage"'
_ODS_MARKERS = (_PERCENTAGE, b'value-type="error"', b'formula="', b'-spanned="')
# What sends a row to the cell-by-cell path (percentages alone have a short cut).
_ODS_SPECIAL = (b"-repeated", b"covered-", *_ODS_MARKERS[1:])


@dataclass
class _OdsTable:
    name: str
    marks: SheetMarks = field(default_factory=SheetMarks)
    row: int = 0  # index of the next row


class OdsScanner:
    """One pass over ``content.xml``: marks and used-range extent of every table."""

    def __init__(self, path: Path, archive: zipfile.ZipFile, limits: Limits) -> None:
        self.path = path
        self.limits = limits
        content = _find_part(archive, "content.xml")
        if content is None:
            reason = "no content.xml"
            raise InputError(msg("errors.input.damaged", path=path, fmt=".ods", reason=reason))
        check_parts(path, archive, [content])
        self.tables: list[_OdsTable] = []
        ends = _TableEnds()
        self._scan(archive, content, ends)
        if ends.opaque:
            _check_well_formed(path, archive, content)
        elif ends.open:
            raise InputError(
                msg("errors.input.damaged", path=path, fmt=".ods", reason="a table is never closed")
            )

    def _scan(self, archive: zipfile.ZipFile, content: str, ends: _TableEnds) -> None:
        prefix = self._table_prefix(_head(archive, content))
        row_end = b"</" + prefix + b"table-row>"
        row_start = b"<" + prefix + b"table-row"
        cells = re.compile(b"<" + re.escape(prefix) + rb"(?:covered-)?table-cell([\s/][^>]*)?>")
        boundary = re.compile(
            b"<" + re.escape(prefix) + rb'table(?=[\s>])(?:[^>]*?\s(?:\w+:)?name="([^"]*)")?'
        )
        for chunk in _chunks(archive, content, row_end):
            ends.feed(chunk)
            # Markers absent from the whole chunk need not be looked for in each row.
            special = tuple(marker for marker in _ODS_SPECIAL if marker in chunk)
            for piece in chunk.split(row_end):
                start = piece.rfind(row_start)
                for table in boundary.finditer(piece, 0, start if start >= 0 else len(piece)):
                    name = html.unescape((table[1] or b"").decode("utf-8", "replace"))
                    self.tables.append(_OdsTable(name))
                if start >= 0 and self.tables:
                    self._row(piece, start, cells, special)

    @staticmethod
    def _table_prefix(head: bytes) -> bytes:
        declared = re.search(rb'xmlns:(\w+)="' + re.escape(_ODS_TABLE_NS) + b'"', head)
        return declared[1] + b":" if declared else b"table:"

    def _row(
        self, piece: bytes, start: int, cells: re.Pattern[bytes], special: tuple[bytes, ...]
    ) -> None:
        table = self.tables[-1]
        tag_end = piece.find(b">", start)
        repeat = _repeat(piece[start:tag_end], b"number-rows-repeated")
        row = table.row
        table.row += repeat
        body = piece[tag_end:]
        if repeat > 1 or any(marker in body for marker in special):
            self._cells(body, cells, table, row, repeat)
        elif b'value-type="' in body or b"</" in body:  # no repeat: cell i is column i
            found = cells.findall(body)
            table.marks.grow(row, len(found) - 1)
            self._check(table)
            percent = _PERCENTAGE
            if percent in body:  # only percentages to mark, the usual case
                table.marks.percent.extend(
                    [(row, col) for col, attrs in enumerate(found) if attrs.find(percent) >= 0]
                )

    def _cells(
        self, body: bytes, cells: re.Pattern[bytes], table: _OdsTable, row: int, repeat: int
    ) -> None:
        marks, col, last = table.marks, 0, -1
        errors = iter(_ODS_ERROR_TEXT.findall(body)) if b'value-type="error"' in body else None
        for attrs in cells.findall(body):
            span = _repeat(attrs, b"number-columns-repeated") if b"repeated" in attrs else 1
            # A cell with content (a value, or only a note) or a value in attributes.
            if not attrs.endswith(b"/") or b"value-type=" in attrs or b"formula=" in attrs:
                last = col + span - 1
                if span > 1 or repeat > 1:  # check a block's size before listing its cells
                    marks.grow(row + repeat - 1, last)
                    self._check(table)
                if any(marker in attrs for marker in _ODS_MARKERS):
                    self._cell_marks(attrs, marks, errors, row, repeat, col, span)
            col += span
        if last >= 0:
            marks.grow(row + repeat - 1, last)
            self._check(table)

    @staticmethod
    def _cell_marks(
        attrs: bytes,
        marks: SheetMarks,
        errors: Iterator[bytes] | None,
        row: int,
        repeat: int,
        col: int,
        span: int,
    ) -> None:
        block = [(r, c) for r in range(row, row + repeat) for c in range(col, col + span)]
        if b'value-type="percentage"' in attrs:
            marks.percent.extend(block)
        elif b'value-type="error"' in attrs:
            text = next(errors, b"") if errors is not None else b""
            clean = html.unescape(re.sub(rb"<[^>]*>", b"", text).decode("utf-8", "replace"))
            marks.errors.update(dict.fromkeys(block, clean.strip() or "#VALUE!"))
        elif b"formula=" in attrs and b"value-type=" not in attrs:
            marks.formula_without_value.update(block)
        if b"-spanned=" in attrs:
            rows = _repeat(attrs, b"number-rows-spanned")
            cols = _repeat(attrs, b"number-columns-spanned")
            if rows > 1 or cols > 1:
                marks.merged.append((row, col, row + rows - 1, col + cols - 1))

    def _check(self, table: _OdsTable) -> None:
        self.limits.check(self.path, table.name, table.marks.rows, table.marks.cols)

    def marks(self, name: str) -> SheetMarks:
        """The marks of the table called ``name``."""
        found = next((t.marks for t in self.tables if t.name == name), None)
        if found is None:  # reading on would silently lose the percent cells
            raise damaged(self.path, "ods", KeyError(f"no table named '{name}'"))
        return found


# calamine's ODS reader names elements literally, whatever prefix the file declares.
_CALAMINE_TABLE_START = re.compile(rb"<table:table(?=[\s>/])([^<>]*)>")
_CALAMINE_TABLE_END = re.compile(rb"</table:table\s*>")


class _TableEnds:
    """Whether calamine would wait forever for the end of a table.

    calamine reads a ``<table:table>`` until ``</table:table>`` and loops forever when
    the document ends first (a truncated or hand-made content.xml): the end must
    follow the last start. A comment, CDATA section, DTD or processing instruction
    could hide an end tag from calamine but not from this byte search, so any of them
    makes the content ``opaque``: it is then checked by a real XML parser.
    """

    def __init__(self) -> None:
        self.open = False
        self.opaque = False
        self._offset = 0

    def feed(self, chunk: bytes) -> None:
        """Update the state with the next piece of content.xml."""
        # The XML declaration is the one "<?" allowed, at the very start.
        declaration = self._offset == 0 and chunk.startswith((b"<?xml", b"\xef\xbb\xbf<?xml"))
        if b"<!" in chunk or chunk.count(b"<?") > declaration:
            self.opaque = True
        self._offset += len(chunk)
        starts = [m.start() for m in _CALAMINE_TABLE_START.finditer(chunk) if m[1][-1:] != b"/"]
        last_end = max((m.start() for m in _CALAMINE_TABLE_END.finditer(chunk)), default=-1)
        last_start = max(starts, default=-1)
        if last_start > last_end:
            self.open = True
        elif last_end >= 0:
            self.open = False


def _check_well_formed(path: Path, archive: zipfile.ZipFile, part: str) -> None:
    """Parse ``part`` with expat, refusing a DTD (so no entity can expand)."""

    def refuse(*_: object) -> None:
        raise expat.ExpatError("a DTD is not allowed in a spreadsheet")

    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    try:
        for chunk in _chunks(archive, part, b">"):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except expat.ExpatError as exc:
        raise damaged(path, "ods", exc) from exc


_ODS_ERROR_TEXT = re.compile(
    rb'<\w+:table-cell\s[^>]*value-type="error"[^>]*>(.*?)</\w+:table-cell>', re.S
)


def _repeat(attrs: bytes, name: bytes) -> int:
    # Any quoting and spacing that calamine accepts: a repeat it sees and we miss
    # would expand unchecked.
    found = re.search(re.escape(name) + rb"""\s*=\s*["']\s*([0-9]+)""", attrs)
    return max(int(found[1]), 1) if found else 1
