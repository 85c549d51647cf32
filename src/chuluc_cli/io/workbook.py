"""Read the raw cells of a nomination sheet, fast and faithfully, from any usual format.

Why python-calamine: it reads .xlsx/.xlsm/.ods about 7x faster than openpyxl in
read-only mode (100,000 rows x 30 columns: 2.2 s against 16 s), and it releases the
GIL, so the side scan of :mod:`chuluc_cli.io.formats` runs beside it on the second
core. .xls is read with xlrd instead: calamine can abort the whole process on a
damaged .xls, and xlrd must parse the sheet anyway for its number formats (an .xls
sheet has at most 65,536 rows). CSV is read with the standard ``csv`` module.

What calamine returns, and what :func:`read_sheet` makes of it:

- Empty cells are ``""``; leading empty rows and columns are kept (``to_python(
  skip_empty_area=False)``) so ``rows[i][j]`` is Excel row ``i+1``, column ``j+1``;
  trailing empty rows and columns are dropped, so formatting that runs down to row
  1,048,576 costs nothing. ``rows`` is rectangular.
- Numbers are ``float`` (3 reads 3.0); a whole float below 2**53 becomes ``int``,
  so an id or a year keeps no ".0" and every format gives the same values.
- Dates come as ``date`` (date formats), ``datetime`` (date-time formats), ``time``
  and ``timedelta``, by the cell's number format (.xls: ``time`` below one day,
  ``date`` on whole days, else ``datetime``); ``bool`` stays ``bool``.
- Percent-formatted numbers come as the fraction (70% reads 0.7): their positions are
  in ``percent_cells``.
- Error cells (#DIV/0!, #N/A...) come as ``""`` from calamine (.xlsx; .ods gives its
  cached number): they are replaced by the error text the spreadsheet shows and
  listed in ``error_cells``.
- A formula saved without its value (openpyxl writes those) reads ``""`` and is
  listed in ``formula_without_value``.
- CSV cells are always ``str``; the file is UTF-8 (with or without BOM), UTF-16 with
  a BOM, or else Windows-1258, whose decomposed Vietnamese is recomposed (NFC).

Unusable files raise :class:`~chuluc_cli.errors.InputError` (or ``LimitError``)
with one line naming the file; the message templates are in ``formats``.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import struct
import unicodedata
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable, Generator, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import python_calamine
from defusedxml.common import DefusedXmlException
from defusedxml.ElementTree import ParseError

from chuluc_cli.errors import InputError
from chuluc_cli.i18n import msg, os_reason
from chuluc_cli.io import formats
from chuluc_cli.io.formats import (
    DEFAULT_MAX_CELLS,
    DEFAULT_MAX_FILE_BYTES,
    DEFAULT_MAX_ROWS,
    EXTENSIONS,
    Format,
    Limits,
    SheetMarks,
)
from chuluc_cli.text import fold

_EXACT_INT = 2**53  # floats above this are not whole numbers the user typed
_CSV_DELIMITERS = (",", ";", "\t")  # on a tie, the earlier one wins
_CSV_SAMPLE = 65536

# What the parsers raise on a damaged file; xlrd and zipfile use the generic ones.
_PARSER_ERRORS = (
    python_calamine.CalamineError,
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    ParseError,
    DefusedXmlException,
    UnicodeDecodeError,
    ValueError,
    LookupError,  # KeyError, IndexError, and an unknown encoding in an XML declaration
    struct.error,
    NotImplementedError,  # zipfile: an unsupported compression method
    RuntimeError,  # zipfile: an encrypted member
)


@dataclass(frozen=True)
class RawSheet:
    """The cells of one sheet as stored, aligned to Excel's rows and columns."""

    name: str
    rows: list[list[object]]  # rows[i][j]: Excel row i+1, column j+1; "" when empty
    percent_cells: frozenset[tuple[int, int]]  # 0-based (row, col), percent number format
    formula_without_value: frozenset[tuple[int, int]]  # 0-based, formula saved without value
    error_cells: frozenset[tuple[int, int]]  # 0-based, Excel error values (text in rows)
    merged: tuple[tuple[int, int, int, int], ...]  # 0-based inclusive (r1, c1, r2, c2)
    format: str  # "xlsx" | "xls" | "ods" | "csv"
    encoding: str | None = None  # CSV only: "utf-8", "utf-8-sig", "utf-16" or "cp1258"


def sheet_names(path: Path | str, *, max_file_bytes: int = DEFAULT_MAX_FILE_BYTES) -> list[str]:
    """Names of the worksheets of ``path`` in workbook order (a CSV has one: its stem)."""
    with _open(Path(path), Limits(max_file_bytes=max_file_bytes)) as book:
        return list(book.names)


def read_sheet(
    path: Path | str,
    sheet: str | int | None = None,
    *,
    max_rows: int = DEFAULT_MAX_ROWS,
    max_cells: int = DEFAULT_MAX_CELLS,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
) -> RawSheet:
    """Read one sheet: by name, by 0-based index, or the first one (``None``).

    Example: ``read_sheet(Path("de-cu.xlsx"), "Danh sách").rows[0]``. A name matches
    exactly, else ignoring case and accents if only one sheet matches that way.
    """
    limits = Limits(max_rows, max_cells, max_file_bytes)
    path = Path(path)
    with _open(path, limits) as book:
        return book.read(_pick(path, book.names, sheet), limits)


def iter_sheets(
    path: Path | str,
    *,
    max_rows: int = DEFAULT_MAX_ROWS,
    max_cells: int = DEFAULT_MAX_CELLS,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
) -> Generator[RawSheet, None, None]:
    """Yield every worksheet in order, reading each only when asked for the next one.

    The file stays open between sheets: close the generator (``contextlib.closing``)
    when stopping early.
    """
    limits = Limits(max_rows, max_cells, max_file_bytes)
    path = Path(path)
    with _open(path, limits) as book:
        for name in book.names:
            yield book.read(name, limits)


def sha256_of(path: Path | str) -> str:
    """Hex SHA-256 of the file's bytes, for the audit trail of a round."""
    path = Path(path)
    digest = hashlib.sha256()
    try:
        if path.is_dir():
            raise InputError(msg("errors.input.is_folder", path=path))
        with path.open("rb") as handle:
            while block := handle.read(1 << 20):
                digest.update(block)
    except FileNotFoundError as exc:
        raise InputError(msg("errors.input.not_found", path=path)) from exc
    except OSError as exc:
        reason = os_reason(exc)
        raise InputError(msg("errors.input.unreadable", path=path, reason=reason)) from exc
    return digest.hexdigest()


# --- Opening a file ------------------------------------------------------------------
class _Book(Protocol):
    names: list[str]

    def read(self, name: str, limits: Limits) -> RawSheet: ...

    def close(self) -> None: ...


@contextmanager
def _open(path: Path, limits: Limits) -> Iterator[_Book]:
    fmt = formats.detect_format(path)
    limits.check_file(path)  # before any parser reads it whole
    book: _Book
    if fmt is Format.CSV:
        book = _CsvBook(path)
    elif fmt is Format.XLS:
        book = _XlsBook(path)
    else:
        book = _CalamineBook(path, fmt, limits)
    try:
        yield book
    finally:
        book.close()


def _pick(path: Path, names: list[str], sheet: str | int | None) -> str:
    listed = ", ".join(f"'{name}'" for name in names)
    if sheet is None:
        return names[0]
    if isinstance(sheet, int):
        if 0 <= sheet < len(names):
            return names[sheet]
        raise InputError(msg("errors.input.sheet_index", path=path, index=sheet, names=listed))
    if sheet in names:
        return sheet
    loose = [name for name in names if fold(name) == fold(sheet)]
    if len(loose) == 1:
        return loose[0]
    raise InputError(msg("errors.input.unknown_sheet", path=path, sheet=sheet, names=listed))


@contextmanager
def _translated(path: Path, fmt: Format) -> Iterator[None]:
    """Turn whatever a parser raises on a damaged file into one :class:`InputError`."""
    try:
        yield
    except python_calamine.PasswordError as exc:
        raise InputError(msg("errors.input.password", path=path)) from exc
    except _PARSER_ERRORS as exc:
        raise formats.damaged(path, fmt, exc) from exc
    except BaseException as exc:  # a Rust panic in calamine is a BaseException
        if type(exc).__name__ != "PanicException":
            raise
        raise formats.damaged(path, fmt, exc) from exc


class _XlsBook:
    """An .xls, read with xlrd (see :class:`~chuluc_cli.io.formats.XlsBook` for why)."""

    def __init__(self, path: Path) -> None:
        self._book = formats.XlsBook(path)
        self.names = self._book.names
        if not self.names:
            self.close()
            raise InputError(msg("errors.input.no_sheets", path=path))

    def read(self, name: str, limits: Limits) -> RawSheet:
        """Read sheet ``name`` with its values, percent cells, errors and merged cells."""
        values, marks = self._book.sheet(name, limits)
        return _build(name, values, marks, marks.merged, Format.XLS)

    def close(self) -> None:
        """Release xlrd's copy of the file."""
        self._book.close()


class _CalamineBook:
    """An .xlsx or .ods open in calamine, with the side reader of its format."""

    def __init__(self, path: Path, fmt: Format, limits: Limits) -> None:
        self.path, self.format = path, fmt
        self._xlsx: formats.XlsxSide | None = None
        self._ods: formats.OdsScanner | None = None
        self._archive: zipfile.ZipFile | None = None
        self._book: python_calamine.CalamineWorkbook | None = None
        try:
            self._open(limits)
        except BaseException:
            self.close()
            raise
        if not self.names:
            self.close()
            raise InputError(msg("errors.input.no_sheets", path=path))

    def _open(self, limits: Limits) -> None:
        path, fmt = self.path, self.format
        with _translated(path, fmt):
            if fmt is Format.XLSX:
                self._archive = zipfile.ZipFile(path)
                self._xlsx = formats.XlsxSide(path, self._archive)
            elif fmt is Format.ODS:
                # calamine expands every sheet on opening: check them all first, with
                # limits no lower than the defaults (the chosen sheet is checked again).
                guard = Limits(
                    max(limits.max_rows, DEFAULT_MAX_ROWS), max(limits.max_cells, DEFAULT_MAX_CELLS)
                )
                with zipfile.ZipFile(path) as archive:
                    self._ods = formats.OdsScanner(path, archive, guard)
            self._book = self._open_calamine()
            self.names = [
                sheet.name
                for sheet in self._book.sheets_metadata
                if sheet.typ == python_calamine.SheetTypeEnum.WorkSheet
            ]

    def _open_calamine(self) -> python_calamine.CalamineWorkbook:
        if EXTENSIONS[self.path.suffix.lower()] is self.format:
            return python_calamine.CalamineWorkbook.from_path(self.path)
        with self.path.open("rb") as handle:  # renamed file: calamine sniffs the content
            return python_calamine.CalamineWorkbook.from_filelike(handle)

    def read(self, name: str, limits: Limits) -> RawSheet:
        """Read sheet ``name``: values from calamine, marks from the side scan beside it."""
        with _translated(self.path, self.format):
            scan = self._side_scan(name, limits)
            with ThreadPoolExecutor(max_workers=1) as pool:
                pending = pool.submit(scan)
                assert self._book is not None, "read after close"
                sheet = self._book.get_sheet_by_name(name)
                end = sheet.end
                if end is not None:
                    limits.check(self.path, name, end[0] + 1, end[1] + 1)
                values = sheet.to_python(skip_empty_area=False) if end is not None else []
                merged = sheet.merged_cell_ranges or []
                marks = pending.result()
        ranges = [(r1, c1, r2, c2) for (r1, c1), (r2, c2) in merged] + marks.merged
        return _build(name, values, marks, ranges, self.format)

    def _side_scan(self, name: str, limits: Limits) -> Callable[[], SheetMarks]:
        """The side scan to run beside calamine (checks the xlsx used range first)."""
        if self._xlsx is not None:
            xlsx = self._xlsx
            part = xlsx.sheet_parts.get(name)
            if part is None:  # reading on would silently lose the percent formats
                raise formats.damaged(self.path, self.format, KeyError(f"no part for '{name}'"))
            # Synchronously: calamine must not start on a bomb or a lying <dimension>.
            xlsx.check_extent(name, part, limits)
            return lambda: xlsx.scan(part)
        if self._ods is not None:
            ods = self._ods
            return lambda: ods.marks(name)
        return SheetMarks

    def close(self) -> None:
        """Release calamine and the zip archive."""
        if self._book is not None:
            self._book.close()
            self._book = None
        if self._archive is not None:
            self._archive.close()


# --- Building the RawSheet -----------------------------------------------------------
def _whole_numbers(rows: list[list[Any]]) -> list[list[Any]]:
    """Write every whole float below 2**53 of ``rows`` as an int, in place (3.0 -> 3)."""
    for row in rows:  # the readers' own fresh lists: changed in place, not copied
        for i, value in enumerate(row):
            if value.__class__ is float and value.is_integer() and -_EXACT_INT < value < _EXACT_INT:
                row[i] = int(value)
    return rows


def _build(
    name: str,
    values: list[list[Any]],
    marks: SheetMarks,
    merged: list[tuple[int, int, int, int]],
    fmt: Format,
    encoding: str | None = None,
) -> RawSheet:
    rows = _whole_numbers(values)
    _pad(rows, [*marks.errors, *marks.formula_without_value])
    for (row, col), text in marks.errors.items():
        rows[row][col] = text
    rows = _trim(rows, marks.formula_without_value)
    height, width = len(rows), len(rows[0]) if rows else 0
    percent = frozenset(
        (r, c) for r, c in marks.percent if r < height and c < width and rows[r][c] != ""
    )
    return RawSheet(
        name=name,
        rows=rows,
        percent_cells=percent,
        formula_without_value=frozenset(marks.formula_without_value),
        error_cells=frozenset(marks.errors),
        merged=tuple(sorted(set(merged))),
        format=str(fmt),
        encoding=encoding,
    )


def _pad(rows: list[list[object]], cells: list[tuple[int, int]]) -> None:
    """Make ``rows`` rectangular and large enough to hold ``cells``."""
    height = max([len(rows), *(r + 1 for r, _ in cells)])
    width = max([0, *map(len, rows), *(c + 1 for _, c in cells)])
    rows.extend([] for _ in range(height - len(rows)))
    for row in rows:
        if len(row) < width:
            row.extend([""] * (width - len(row)))


def _trim(rows: list[list[object]], keep: set[tuple[int, int]]) -> list[list[object]]:
    """Drop trailing rows and columns that are empty and hold no formula without value."""
    keep_rows = {r for r, _ in keep}
    keep_cols = {c for _, c in keep}
    height = len(rows)
    while height and height - 1 not in keep_rows and all(v == "" for v in rows[height - 1]):
        height -= 1
    rows = rows[:height]
    width = len(rows[0]) if rows else 0
    full = width
    while width and width - 1 not in keep_cols and all(row[width - 1] == "" for row in rows):
        width -= 1
    return rows if width == full else [row[:width] for row in rows]


# --- CSV -----------------------------------------------------------------------------
class _CsvBook:
    """A CSV file: one sheet named after the file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.names = [path.stem]

    def read(self, name: str, limits: Limits) -> RawSheet:
        """Decode, find the delimiter and split the whole file into rows."""
        text, encoding = _decode(self.path)
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(text))
        rows: list[list[object]] = []
        width = 0
        try:
            with _field_size_limit(len(text)):
                for row in reader:
                    rows.append(list(row))
                    width = max(width, len(row))
                    if limits.over(len(rows), width):
                        total = len(rows) + sum(1 for _ in reader)
                        limits.check(self.path, name, total, width)
        except csv.Error as exc:
            raise InputError(
                msg("errors.input.csv_malformed", path=self.path, line=reader.line_num, reason=exc)
            ) from exc
        return _build(name, rows, SheetMarks(), [], Format.CSV, encoding)

    def close(self) -> None:
        """Nothing is held open between reads."""


@contextmanager
def _field_size_limit(size: int) -> Iterator[None]:
    """Let one cell be as long as the whole file (csv refuses cells over 131,072 chars).

    A very long cell is a data issue (TEXT_TOO_LONG), not a reason to refuse the file.
    """
    previous = csv.field_size_limit()
    csv.field_size_limit(max(previous, size))
    try:
        yield
    finally:
        csv.field_size_limit(previous)


def _decode(path: Path) -> tuple[str, str]:
    """The text of a CSV file and the encoding it was read with."""
    try:  # the size was checked against Limits.max_file_bytes on opening
        raw = path.read_bytes()
    except OSError as exc:
        reason = os_reason(exc)
        raise InputError(msg("errors.input.unreadable", path=path, reason=reason)) from exc
    try:
        if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return raw.decode("utf-16"), "utf-16"
        if raw.startswith(codecs.BOM_UTF8):
            return raw.decode("utf-8-sig"), "utf-8-sig"
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:  # cp1258 writes Vietnamese tones as combining marks: recompose them
        return unicodedata.normalize("NFC", raw.decode("cp1258")), "cp1258"
    except UnicodeDecodeError as exc:
        raise InputError(msg("errors.input.csv_encoding", path=path)) from exc


def _sniff_delimiter(text: str) -> str:
    """The delimiter that splits the most sample lines into the same number (> 1) of fields.

    Counting fields with the csv module respects quotes; requiring equal counts
    keeps "12,5" in a semicolon file from voting for the comma, and a title line
    without delimiters from voting at all.
    """
    sample = text[:_CSV_SAMPLE]
    if len(text) > len(sample) and "\n" in sample:
        sample = sample[: sample.rindex("\n")]
    return max(_CSV_DELIMITERS, key=lambda delimiter: _delimiter_score(sample, delimiter))


def _delimiter_score(sample: str, delimiter: str) -> tuple[int, int]:
    try:
        lines = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
        counts = Counter(len(row) for row in lines if len(row) > 1)
    except csv.Error:
        return (0, 0)
    if not counts:
        return (0, 0)
    width, agreeing = max(counts.items(), key=lambda item: (item[1], item[0]))
    return (agreeing, width)
