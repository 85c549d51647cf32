"""What every workbook chuluc writes shares: safe text, sheet names, styles, tables, print setup.

Writer: **xlsxwriter**, not openpyxl. It is the fastest pure-Python writer
(100,000 rows x 15 columns: 7.4 s against 13.8 s for openpyxl's write-only
mode), and it supports everything a committee report needs: cell comments,
charts, frozen panes, autofilters and print setup.

Safety: nomination texts are untrusted. The workbook options below turn off
xlsxwriter's guessing (a text starting with ``=`` would become a formula, one
looking like a URL a hyperlink, one looking like a number a number), and every
input-derived text is written with ``write_string`` after :func:`safe_text`, so
``=cmd|' /C calc'!A0`` stays the text the enterprise typed. A text shaped like
xlsxwriter's own rich-text XML (``<r>...</r>``) would be copied into the file as
XML, so :func:`write_text` writes it another way.

Determinism: xlsxwriter dates every zip entry 1980-01-01 00:00 in its
``in_memory`` mode (1980-01-31 when it goes through temporary files, as in
``constant_memory`` mode; those are always mode 0600), and the only clock it
reads is the document's creation time, which
:func:`new_workbook` always sets (2000-01-01 UTC unless the caller passes a
time). So the same result gives byte-identical files (a test checks it); only
a different ``created`` time or chuluc version changes the bytes.

Workbooks up to :data:`LARGE_CELLS` cells (a round of about 3,000 products)
are assembled in memory: shared strings keep the file small and the summary
chart carries its values, for the viewers that do not recompute charts. Above
it, a workbook is written in xlsxwriter's ``constant_memory`` mode (each row
goes to disk when the next one starts: about 30 MB instead of 0.5 GB for
4 million cells), where a table's rows are written by
:mod:`chuluc_cli.io.row_xml`, one piece of XML per row, the bytes xlsxwriter
would write but five times faster: a 10,000-product report in 1.7 s instead of
3 s in memory, a 30 % larger file. Everything here writes rows in order, sets a
row's height before its cells and fits widths without ``autofit()``
(unsupported in that mode; widths come from the first rows), so both modes give
the same workbook apart from strings stored inline and charts without cached
values (Excel computes them when opening).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import chain, islice
from pathlib import Path
from typing import Any, Literal

from xlsxwriter import Workbook
from xlsxwriter.exceptions import XlsxWriterException
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from chuluc_cli import __version__
from chuluc_cli.errors import OutputError
from chuluc_cli.io.row_xml import RowXml

EXCEL_MAX_CHARS = 32_767  # characters in a cell (UTF-16 code units, strictly)
EXCEL_MAX_ROWS = 1_048_576  # rows of a sheet
SHEET_NAME_MAX = 31
MAX_WIDTH = 60
MIN_WIDTH = 6
HEADER_WRAP = 24  # headers longer than this wrap onto several lines
LINE_HEIGHT = 15  # points per line of 11-pt Calibri
MAX_ROW_HEIGHT = 409  # Excel's limit
LARGE_CELLS = 100_000  # cells above which a workbook is written row by row to disk
WIDTH_SAMPLE = 2_000  # rows measured to fit widths in constant_memory mode
FIXED_CREATED = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
SAFE_OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
DEFAULT_FONT = {"font_name": "Calibri", "font_size": 11}  # xlsxwriter's own default
# Excel's built-in number formats by code: a workbook's default format can only use these
# (xlsxwriter writes no custom number format for the default one).
BUILTIN_NUMBER_FORMATS = {"0": 1, "0.00": 2}
ELLIPSIS = "…"

# Control characters (except tab and line feed), lone surrogates and the two
# non-characters are invalid in the XML of a workbook or invisible in a cell.
_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")

Kind = Literal["text", "wrap", "points", "integer"]


def safe_text(value: object) -> str:
    """``value`` as cell text: control characters removed (not tab, newline), ≤ 32,767 chars."""
    text = "" if value is None else str(value)
    if not text.isprintable():
        text = _BAD_CHARS.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    if len(text) > EXCEL_MAX_CHARS // 2 and _utf16_len(text) > EXCEL_MAX_CHARS:
        text = _cut_utf16(text, EXCEL_MAX_CHARS - 1) + ELLIPSIS
    return text


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _cut_utf16(text: str, units: int) -> str:
    # Characters beyond U+FFFF take two units; never split one.
    count = 0
    for index, char in enumerate(text):
        count += 2 if ord(char) > 0xFFFF else 1
        if count > units:
            return text[:index]
    return text


def sheet_name(text: str, taken: Iterable[str] = ()) -> str:
    """A valid, unused Excel sheet name from ``text``: ≤ 31 chars, none of ``[]:*?/\\``."""
    name = _SHEET_BAD.sub("-", safe_text(text).replace("\n", " ").replace("\t", " "))
    name = name.strip().strip("'").strip()[:SHEET_NAME_MAX].strip() or "Sheet"
    used = {other.casefold() for other in taken} | {"history"}  # "History" is reserved
    candidate, number = name, 2
    while candidate.casefold() in used:
        suffix = f" ({number})"
        candidate = name[: SHEET_NAME_MAX - len(suffix)] + suffix
        number += 1
    return candidate


def points_format(rounding: int) -> str:
    """The Excel number format showing ``rounding`` decimals: ``0.00`` for 2, ``0`` for 0."""
    return "0." + "0" * rounding if rounding > 0 else "0"


def text_width(text: str) -> int:
    """The width of the longest line of ``text``, in characters."""
    return max(map(len, text.split("\n"))) if "\n" in text else len(text)


def new_workbook(
    path: Path,
    *,
    title: str,
    created: dt.datetime | None = None,
    large: bool = False,
    default_format: dict[str, Any] | None = None,
) -> Workbook:
    """An xlsxwriter workbook with the safe options and fixed document properties.

    ``default_format``: the properties of every cell without a format of its own (and
    the base of every format), instead of xlsxwriter's 11-point Calibri.
    """
    options: dict[str, Any] = {**SAFE_OPTIONS, "constant_memory": large, "in_memory": not large}
    if default_format is not None:
        options["default_format_properties"] = {**DEFAULT_FONT, **default_format}
    workbook = Workbook(str(path), options)
    when = created or FIXED_CREATED
    if when.tzinfo is not None:  # xlsxwriter prints the time as UTC without converting it
        when = when.astimezone(dt.UTC)
    workbook.set_properties(
        {"title": safe_text(title)[:255], "comments": f"chuluc {__version__}", "created": when}
    )
    return workbook


def report_workbook(
    path: Path,
    *,
    title: str,
    rounding: int,
    created: dt.datetime | None = None,
    large: bool = False,
) -> tuple[Workbook, Styles]:
    """A report's workbook and styles: its commonest cells need no format of their own.

    The workbook's default format is top-aligned and shows points (``0.00``), so
    text and points cells carry no format and look the same. At 100,000 products
    that is 2.3 million cells for which xlsxwriter no longer looks up a format
    index and writes an ``s`` attribute (about 3 s of the report). A default
    number format must be one of Excel's built-in ones (xlsxwriter writes no custom
    format for the default), ``0`` or ``0.00``: rounding 0 or 2, as in every shipped
    ruleset; with another rounding each points cell keeps its own format. The one
    visible difference: a number typed into an empty cell of the report shows the
    points' decimals.
    """
    builtin = BUILTIN_NUMBER_FORMATS.get(points_format(rounding))
    default: dict[str, Any] = {"valign": "top"}
    plain: tuple[Kind, ...] = ("text",)
    if builtin is not None:
        default["num_format"] = builtin
        plain += ("points",)
    workbook = new_workbook(path, title=title, created=created, large=large, default_format=default)
    return workbook, Styles(workbook, rounding, plain=plain)


def check_fits(target: Path, sheet: str, rows: int) -> None:
    """Refuse a table of ``rows`` data rows that a sheet cannot hold, before writing anything.

    Excel's sheets end at row 1,048,576, and xlsxwriter silently drops the cells
    below it: a round that large (several CSV files) would get a report that
    lacks products without saying so. JSON and CSV have no such limit.
    """
    if rows + 1 > EXCEL_MAX_ROWS:  # + the header row
        from chuluc_cli.i18n import Num, msg

        counts = {"rows": Num(rows + 1, 0), "limit": Num(EXCEL_MAX_ROWS, 0)}
        raise OutputError(msg("errors.output.too_many_rows", path=target, sheet=sheet, **counts))


def close_workbook(workbook: Workbook, target: Path) -> None:
    """Write the workbook file, turning xlsxwriter's failures into one :class:`OutputError` line."""
    from chuluc_cli.i18n import msg  # the only text of this module a user reads

    try:
        workbook.close()
    except XlsxWriterException as error:
        reason = str(error)
        raise OutputError(msg("errors.output.xlsx_failed", path=target, reason=reason)) from error


class Styles:
    """The cell formats of one workbook, created once and shared by its sheets."""

    def __init__(self, workbook: Workbook, rounding: int, *, plain: Sequence[Kind] = ()) -> None:
        """``plain``: kinds the workbook's default format shows as they should (report_workbook)."""
        self._workbook = workbook
        self._by_default = {(kind, False) for kind in plain}
        self._number_formats = {"points": points_format(rounding), "integer": "0"}
        self._cache: dict[tuple[str, bool], Format] = {}
        base = {"valign": "top"}
        self.header = workbook.add_format(
            {**base, "bold": True, "text_wrap": True, "bg_color": "#D9E1F2", "bottom": 1}
        )
        self.title = workbook.add_format({"bold": True, "font_size": 14})
        self.section = workbook.add_format({"bold": True, "font_size": 12})
        self.label = workbook.add_format({**base, "bold": True})

    def cell(self, kind: Kind, flagged: bool = False) -> Format | None:
        """The format of a data cell of ``kind`` (None: the default's); flagged: pale yellow."""
        key = (kind, flagged)
        if key in self._by_default:
            return None
        if key not in self._cache:
            spec: dict[str, Any] = {"valign": "top"}
            if kind == "wrap":
                spec["text_wrap"] = True
            if kind in self._number_formats:
                spec["num_format"] = self._number_formats[kind]
            if flagged:
                spec["bg_color"] = "#FFF2CC"
            self._cache[key] = self._workbook.add_format(spec)
        return self._cache[key]


@dataclass(frozen=True)
class Column:
    """One column of a table: its header, how its cells are written, and an optional fixed width."""

    header: str
    kind: Kind = "text"
    width: float | None = None


@dataclass(frozen=True)
class Note:
    """A cell value with a comment (an explanation) and/or a highlight."""

    value: Any
    comment: str | None = None
    flagged: bool = False


Rows = Callable[[], Iterable[Sequence[Any]]]


def write_table(
    sheet: Worksheet,
    styles: Styles,
    columns: Sequence[Column],
    rows: Rows,
    *,
    freeze_columns: int = 0,
) -> int:
    """Write a header row and ``rows()`` from A1, fitted, frozen, filtered, printable.

    A value is text, a number (int, float, Decimal), None (blank) or a :class:`Note`.
    Widths are fitted before writing, on the first :data:`WIDTH_SAMPLE` rows: enough
    to see the usual lengths (a longer text beyond them wraps or is cut at the column
    edge), the same in both of xlsxwriter's modes, and measuring every row of a
    10,000-product breakdown cost a tenth of writing it.
    Returns the number of data rows.
    """
    remaining = iter(rows())
    sample = list(islice(remaining, WIDTH_SAMPLE))
    widths = fit_widths(columns, sample)
    for index, width in enumerate(widths):
        sheet.set_column(index, index, width)
    header_lines = max(
        wrapped_lines(column.header, width) for column, width in zip(columns, widths, strict=True)
    )
    sheet.set_row(0, row_height(header_lines))
    for index, column in enumerate(columns):
        write_text(sheet, 0, index, safe_text(column.header), styles.header)
    count = 0
    writer = _RowWriter(sheet, styles, columns, widths)
    for count, values in enumerate(chain(sample, remaining), start=1):
        writer.write(count, values)
    sheet.freeze_panes(1, freeze_columns)
    sheet.autofilter(0, 0, max(count, 1), len(columns) - 1)
    print_setup(sheet, repeat_header=True)
    return count


def fit_widths(columns: Sequence[Column], rows: Iterable[Sequence[Any]]) -> list[float]:
    """Column widths in characters: the longest value (or header word), between 6 and 60."""
    widths = [float(max(map(len, column.header.split()), default=0)) for column in columns]
    for index, column in enumerate(columns):
        widths[index] = max(widths[index], min(len(column.header), HEADER_WRAP))
    for values in rows:
        for index, value in enumerate(values):
            size = _value_width(value)
            if size > widths[index]:
                widths[index] = size
    return [
        column.width if column.width is not None else max(MIN_WIDTH, min(MAX_WIDTH, width + 2))
        for column, width in zip(columns, widths, strict=True)
    ]


def _value_width(value: Any) -> int:
    if isinstance(value, Note):
        value = value.value
    if value is None:
        return 0
    if isinstance(value, str):
        return text_width(value)
    if isinstance(value, float | Decimal):
        return len(f"{value:.2f}")
    return len(str(value))


_UNDECORATED = ("_write_string", "_write_number")  # see _RowWriter.__init__


class _RowWriter:
    """Writes the data rows of one table: each column's formats are looked up once, not per cell.

    A 100,000-product report has millions of cells; the common ones (text, a
    number, a blank) go straight to xlsxwriter, the rest through :func:`write_cell`.
    """

    def __init__(
        self, sheet: Worksheet, styles: Styles, columns: Sequence[Column], widths: Sequence[float]
    ) -> None:
        self.sheet, self.styles, self.columns = sheet, styles, columns
        wraps = any(column.kind == "wrap" for column in columns)
        # Text in a table whose rows are all one line high needs no format: "top" and
        # Excel's default "bottom" alignment look the same there, and a format on each of
        # millions of text cells is an attribute xlsxwriter escapes and writes per cell.
        self.text_formats: list[Format | None] = [
            styles.cell(column.kind) if wraps or column.kind != "text" else None
            for column in columns
        ]
        numeric = ("points", "integer")
        # The format of a number in each column: the column's own, else by the number's type.
        self.int_formats = [
            styles.cell(column.kind if column.kind in numeric else "integer") for column in columns
        ]
        self.decimal_formats = [
            styles.cell(column.kind if column.kind in numeric else "points") for column in columns
        ]
        self.wrapped = [
            (index, width)
            for index, (column, width) in enumerate(zip(columns, widths, strict=True))
            if column.kind == "wrap"
        ]
        # xlsxwriter's write_string/write_number first try to read A1 notation ("B2") in
        # their arguments; _write_string/_write_number are the same methods without that
        # step (its "undecorated versions"): 5 % of a large report. Public ones as fallback.
        self.write_string = getattr(sheet, _UNDECORATED[0], sheet.write_string)
        self.write_number = getattr(sheet, _UNDECORATED[1], sheet.write_number)
        # In constant_memory mode a row is written as one piece of XML (see row_xml).
        formats = (self.text_formats, self.decimal_formats, self.int_formats)
        self.direct = RowXml.attach(sheet, formats, safe_text)

    def write(self, row: int, values: Sequence[Any]) -> None:
        """Write one row of values (same rules as :func:`write_cell`)."""
        if len(values) != len(self.columns):
            raise ValueError(f"row {row}: {len(values)} values for {len(self.columns)} columns")
        sheet = self.sheet
        height = None
        if self.wrapped:
            lines = max(
                wrapped_lines(_shown(values[index]), width) for index, width in self.wrapped
            )
            height = row_height(lines) if lines > 1 else None
        if self.direct is not None and self.direct.write(row, values, height):
            return
        if height is not None:  # before the cells: constant_memory mode writes a row once
            sheet.set_row(row, height)  # the next one starts
        write_string, write_number = self.write_string, self.write_number
        text_formats, decimal_formats = self.text_formats, self.decimal_formats
        for index, value in enumerate(values):  # the innermost loop of a report: locals only
            kind = type(value)
            if kind is str:
                # safe_text inlined for the usual short printable text (millions of cells).
                if not (value.isprintable() and len(value) < _SHORT) or value[:3] == "<r>":
                    write_text(sheet, row, index, safe_text(value), text_formats[index])
                    continue
                write_string(row, index, value, text_formats[index])
            elif kind is Decimal or kind is float:
                write_number(row, index, float(value), decimal_formats[index])
            elif kind is int:
                write_number(row, index, value, self.int_formats[index])
            elif value is not None:
                write_cell(sheet, self.styles, row, index, value, self.columns[index].kind)


_SHORT = EXCEL_MAX_CHARS // 2  # a text this short fits a cell whatever its UTF-16 length


def write_cell(
    sheet: Worksheet, styles: Styles, row: int, col: int, value: Any, kind: Kind = "text"
) -> None:
    """Write one value: text always as a string, numbers as numbers, a Note with its comment."""
    flagged, comment = False, None
    if isinstance(value, Note):
        value, comment, flagged = value.value, value.comment, value.flagged
    if isinstance(value, bool):
        value = str(value)
    if value is None:
        if flagged:
            sheet.write_blank(row, col, None, styles.cell(kind, flagged))
    elif isinstance(value, int | float | Decimal):
        number_kind: Kind = kind if kind in ("points", "integer") else _number_kind(value)
        sheet.write_number(row, col, float(value), styles.cell(number_kind, flagged))
    else:
        write_text(sheet, row, col, safe_text(value), styles.cell(kind, flagged))
    if comment:
        write_comment(sheet, row, col, comment)


def write_text(
    sheet: Worksheet, row: int, col: int, text: str, cell_format: Format | None = None
) -> None:
    """Write ``text`` (already safe) as a string cell, whatever it looks like.

    xlsxwriter copies a string that starts with ``<r>`` and ends with ``</r>``
    into the file as XML (that is how it stores rich text), so such a text in a
    nomination could add cells, even formulas, to a report. It goes as a rich
    string of three plain parts instead, which shows exactly the text.
    """
    if text.startswith("<r>") and text.endswith("</r>"):
        parts: list[Any] = [text[:1], text[1:2], text[2:]]
        if cell_format is not None:
            parts.append(cell_format)
        sheet.write_rich_string(row, col, *parts)
    else:
        sheet.write_string(row, col, text, cell_format)


def _number_kind(value: int | float | Decimal) -> Kind:
    return "integer" if isinstance(value, int) else "points"


def write_comment(sheet: Worksheet, row: int, col: int, text: str) -> None:
    """Attach ``text`` as a cell comment, sized to show it whole when hovered."""
    text = safe_text(text)
    lines = wrapped_lines(text, 48)
    sheet.write_comment(row, col, text, {"x_scale": 2.5, "y_scale": min(max(lines / 4, 1), 12)})


def print_setup(sheet: Worksheet, *, repeat_header: bool = False) -> None:
    """A4 landscape, one page wide, page numbers in the footer, header row on every page."""
    sheet.set_paper(9)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.set_footer("&L&A&R&P / &N")
    if repeat_header:
        sheet.repeat_rows(0)


def _shown(value: Any) -> str:
    value = value.value if isinstance(value, Note) else value
    return value if isinstance(value, str) else ""


def wrapped_lines(text: str, width: float) -> int:
    """How many lines ``text`` takes in a wrapped cell ``width`` characters wide (an estimate)."""
    per_line = max(int(width) - 1, 1)
    return sum(max(1, -(-len(line) // per_line)) for line in text.split("\n"))


def row_height(lines: int) -> float:
    """The height in points of a row showing ``lines`` lines of text."""
    return min(lines * LINE_HEIGHT, MAX_ROW_HEIGHT)
