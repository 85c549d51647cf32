"""Table rows written as XML in one piece into a worksheet in xlsxwriter's constant_memory mode.

Why: a report above :data:`~chuluc_cli.io.excel_safe.LARGE_CELLS` cells is written
in xlsxwriter's ``constant_memory`` mode, where each cell goes through about ten
Python calls (range checks, a cell tuple, three regular expressions, one file
write): 5 µs a cell, 18 of the 25 s that the 3.5 million cells of a
100,000-product breakdown took (profile note 27 in docs/performance.md). A
table's cells are of three kinds (a text, a number, a blank), so a row is built
here as one string and written at once, at about 1 µs a cell.

The XML is what xlsxwriter writes for the same cells, byte for byte
(``tests/test_row_xml.py`` compares both on generated rows), with one exception
on purpose: xlsxwriter copies a text that starts with ``<r>`` and ends with
``</r>`` into the file as XML (its own encoding of rich text), so a nomination
text could add cells or formulas to the report; here it is escaped like any
text (and :func:`chuluc_cli.io.excel_safe.write_text` guards xlsxwriter's own
writes).

This uses a few of xlsxwriter's internals, all checked by :meth:`RowXml.attach`,
which returns None (the rows are then written cell by cell through xlsxwriter)
when one is missing or the sheet uses a feature not mirrored here: the
worksheet's ``constant_memory`` flag and ``fh`` (the open file of its rows),
``_write_single_row`` (writes the row xlsxwriter holds when another starts),
``_check_dimensions`` (records the used range), ``_write_row`` (a row's start
tag with its height) and ``row_info``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from xlsxwriter.format import Format
from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import Worksheet

# The substitutions xlsxwriter makes in an inline string (xmlwriter, utility), in its order.
_ESCAPE_ESCAPES = re.compile("(_x[0-9a-fA-F]{4}_)")  # a literal "_x0041_" stays literal
_CONTROL = re.compile(r"([\x00-\x08\x0b-\x1f])")  # written as _xHHHH_
_LEADING_SPACE = re.compile(r"^\s")
_TRAILING_SPACE = re.compile(r"\s$")
_NEEDED = (
    "constant_memory", "fh", "row_info", "col_info", "previous_row",
    "default_row_height", "original_row_height",
)  # fmt: skip
_NEEDED_METHODS = ("_write_single_row", "_check_dimensions", "_write_row")
_FITS = 32_767 // 2  # a text shorter than this fits a cell whatever its UTF-16 length
Formats = Sequence[Format | None]


def escaped_text(text: str) -> tuple[str, bool]:
    """``text`` as the content of an inline string, and whether its spaces must be preserved."""
    text = _ESCAPE_ESCAPES.sub(r"_x005F\1", text)
    text = _CONTROL.sub(lambda match: f"_x{ord(match.group(1)):04X}_", text)
    preserve = bool(_LEADING_SPACE.search(text) or _TRAILING_SPACE.search(text))
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"), preserve


class RowXml:
    """Writes the rows of one table straight into a constant_memory worksheet's XML.

    Columns have three formats each, chosen by the table (for a text, a float,
    an int); a row with any other value (a :class:`~chuluc_cli.io.excel_safe.Note`,
    a bool, a date, an infinite number) is refused by :meth:`write` and left to
    the caller, who writes it through xlsxwriter: both kinds of rows mix freely.
    """

    def __init__(
        self,
        sheet: Worksheet,
        formats: tuple[Formats, Formats, Formats],
        clean: Callable[[str], str],
    ) -> None:
        self.sheet, self.clean = sheet, clean
        text_formats = formats[0]
        self.letters = [xl_col_to_name(index) for index in range(len(text_formats))]
        self._formats = formats
        # Each column's ' s="N"' attribute per kind, taken when first used: xlsxwriter
        # numbers formats in the order cells use them, and so does this.
        self._styles: list[list[str | None]] = [[None] * len(text_formats) for _ in range(3)]

    @classmethod
    def attach(
        cls,
        sheet: Worksheet,
        formats: tuple[Formats, Formats, Formats],
        clean: Callable[[str], str],
    ) -> RowXml | None:
        """A writer for ``sheet``, or None where xlsxwriter must write the cells itself.

        ``formats``: each column's format for a text, a float (or Decimal) and an
        int; ``clean``: what makes a text safe for a cell (``excel_safe.safe_text``),
        applied to any text that is not short and printable.
        """
        if not all(hasattr(sheet, name) for name in _NEEDED + _NEEDED_METHODS):
            return None
        if not sheet.constant_memory or getattr(sheet, "excel_version", 2007) != 2007:
            return None
        if sheet.default_row_height != sheet.original_row_height:
            return None  # every row would carry a height attribute
        try:  # a format given to a whole column goes to its blank-format cells
            if any(info.column_format is not None for info in sheet.col_info.values()):
                return None
        except AttributeError:  # an xlsxwriter that keeps column properties another way
            return None
        return cls(sheet, formats, clean)

    def write(self, row: int, values: Sequence[Any], height: float | None = None) -> bool:
        """Write ``values`` as row ``row`` (0-based); False, with none of them written, if one
        is unusual (the caller then writes the row through xlsxwriter).

        ``height``: the row's height in points, or None for the default.
        """
        sheet = self.sheet
        # The row xlsxwriter holds, if any, goes first (and its formats are numbered first,
        # as in xlsxwriter); a refused row is then written by xlsxwriter as usual.
        sheet._write_single_row(row)
        cells = self._cells(row, values)
        if cells is None:
            return False
        if height is None:
            start = f'<row r="{row + 1}">'
        else:
            sheet.set_row(row, height)
            # xlsxwriter's own start tag; the row info must not make it write the row again.
            buffer, sheet.fh = sheet.fh, _Captured()
            try:
                sheet._write_row(row, None, sheet.row_info.pop(row))
                start = sheet.fh.text
            finally:
                sheet.fh = buffer
        sheet.fh.write(f"{start}{cells}</row>")
        return True

    def _cells(self, row: int, values: Sequence[Any]) -> str | None:
        """The cells' XML, or None when a value needs xlsxwriter (or the row is out of range)."""
        number = str(row + 1)
        letters, styles = self.letters, self._styles
        parts: list[str] = []
        add = parts.append
        first = last = -1
        for index, value in enumerate(values):  # the innermost loop of a large report
            kind = value.__class__
            if kind is str:
                style = styles[0][index]
                if style is None:
                    style = self._style(0, index)
                space = ""
                if (  # the usual text: nothing to clean, nothing but &, < and > to escape
                    value.isprintable()
                    and len(value) < _FITS
                    and "_x" not in value
                    and value[:1] != " "
                    and value[-1:] != " "
                ):
                    if "&" in value or "<" in value or ">" in value:
                        value = value.replace("&", "&amp;").replace("<", "&lt;")
                        value = value.replace(">", "&gt;")
                else:
                    value, preserve = escaped_text(self.clean(value))
                    if preserve:
                        space = ' xml:space="preserve"'
                add(
                    f'<c r="{letters[index]}{number}"{style} t="inlineStr">'
                    f"<is><t{space}>{value}</t></is></c>"
                )
            elif kind is Decimal or kind is float:
                value = float(value)
                if not math.isfinite(value):
                    return None
                style = styles[1][index]
                if style is None:
                    style = self._style(1, index)
                add(f'<c r="{letters[index]}{number}"{style}><v>{value:.16G}</v></c>')
            elif kind is int:
                style = styles[2][index]
                if style is None:
                    style = self._style(2, index)
                add(f'<c r="{letters[index]}{number}"{style}><v>{value:.16G}</v></c>')
            elif value is None:
                continue
            else:
                return None
            if first < 0:
                first = index
            last = index
        if first < 0:
            return None  # a blank row: xlsxwriter decides whether it is written
        check = self.sheet._check_dimensions
        if check(row, first) or check(row, last):
            return None  # beyond Excel's range: xlsxwriter ignores it, and so does the caller
        return "".join(parts)

    def _style(self, kind: int, index: int) -> str:
        cell_format = self._formats[kind][index]
        style = "" if cell_format is None else f' s="{cell_format._get_xf_index()}"'
        self._styles[kind][index] = style
        return style


class _Captured:
    """A stand-in file that keeps what xlsxwriter writes (one row's start tag)."""

    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str) -> None:
        self.text += text
