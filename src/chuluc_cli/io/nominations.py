"""Read a nominations spreadsheet into typed values, one data issue per problem found.

A nominations file is typed by hand by a secretariat, so nothing about its shape is
assumed beyond what the criteria say (see docs/reading.md):

- The sheet: the one asked for (by name, or by 0-based index), else the first sheet
  whose header has every required field.
- The header: found by :func:`chuluc_cli.io.headers.find_header`; data start on the
  next row. Merged cells count for every cell they cover, in data rows too (an
  enterprise name merged over its three products belongs to each of them).
- Row kinds: a row with no value is *blank* (counted; one INFO issue per stretch of
  blank rows before the last nomination). So is a row whose only values are numbers
  outside the criteria's columns (a template's pre-numbered "STT" column). A row
  with a blank product id that starts with a totals or notes word ("Tổng cộng",
  "Ghi chú", "Người lập biểu"), or that has neither product id nor product name, is
  a *trailing row*: skipped with a TRAILING_ROW warning. Any other row is a
  nomination, even with a blank id (which is then a BLANK_REQUIRED error).
- Cells are read by field type with :mod:`chuluc_cli.io.values`. A blank optional
  cell is ``None`` (no data), except in an optional bool column used as a check
  column (every filled cell is "x", "✓" or "✔"), where a blank means "no".
- Every issue names the sheet, Excel row, column letter, header as found, field,
  raw value and the product id of its row; issues come in row, then column order.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import closing
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path
from types import NoneType
from typing import Any, assert_never

from chuluc_cli.collector import collector_paused
from chuluc_cli.criteria.model import Criteria, FieldSpec, FieldType
from chuluc_cli.data_issues import DataIssue, IssueCode, Severity
from chuluc_cli.errors import InputError
from chuluc_cli.i18n import format_number, msg, t
from chuluc_cli.io.headers import (
    HeaderMatch,
    filled_rows,
    find_header,
    missing_fields,
    missing_required,
)
from chuluc_cli.io.values import (
    CellError,
    DecimalMode,
    choice_form,
    folded,
    is_blank,
    number_is_ambiguous,
    parse_bool,
    parse_choice,
    parse_date,
    parse_id,
    parse_integer,
    parse_number,
    parse_percent,
    parse_text,
)
from chuluc_cli.io.workbook import RawSheet, iter_sheets, read_sheet, sha256_of, sheet_names
from chuluc_cli.nominations import Column, Nomination, Nominations, Value
from chuluc_cli.text import column_letter, fold

MAX_TEXT = 10_000  # characters kept of one text cell
_FLOAT_MAX = sys.float_info.max
ID_FIELD = "product_id"
NAME_FIELD = "product"

# C0 and C1 control characters except tab, line feed and carriage return (whitespace).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_CHECK_MARKS = frozenset({"x", "✓", "✔"})
# Whole-cell words of a totals row; longer words only at the start of the cell.
_TOTAL_CELLS = frozenset({"tong", "cong", "total", "sum", "subtotal"})
_TOTAL_OR_NOTE = re.compile(
    r"^(tong cong|tong so|tong|cong|grand total|total|ghi chu|chu thich|luu y|notes?|"
    r"nguoi lap|lap bieu|ky ten|xac nhan|thu truong|giam doc)(\s*:|\b(?!\s*[a-z]))"
    r"|^(tong cong|tong so|ghi chu|chu thich|luu y|nguoi lap|lap bieu)\b"
    r"|\bngay\s*[0-9.…]*\s*thang\b"
)
_EXPECTED_KEYS = {"yes/no": "bool"}
# A field matched by two columns; not yet an IssueCode (see reading.issue.duplicate_column).
_DUPLICATE_COLUMN: IssueCode | None = IssueCode.__members__.get("DUPLICATE_COLUMN")

SEVERITY: dict[IssueCode, Severity] = {
    IssueCode.BLANK_REQUIRED: Severity.ERROR,
    IssueCode.UNPARSEABLE: Severity.ERROR,
    IssueCode.OUT_OF_RANGE: Severity.ERROR,
    IssueCode.PATTERN_MISMATCH: Severity.ERROR,
    IssueCode.UNKNOWN_CHOICE: Severity.ERROR,
    IssueCode.DUPLICATE_ID: Severity.ERROR,
    IssueCode.FORMULA_NO_VALUE: Severity.ERROR,
    IssueCode.ERROR_CELL: Severity.ERROR,
    IssueCode.AMBIGUOUS_NUMBER: Severity.WARNING,
    IssueCode.TEXT_TOO_LONG: Severity.WARNING,
    IssueCode.CONTROL_CHARACTERS: Severity.WARNING,
    IssueCode.TRAILING_ROW: Severity.WARNING,
    IssueCode.REPEATED_HEADER: Severity.WARNING,
    IssueCode.BLANK_ROW: Severity.INFO,
}
"""The severity of each issue this module makes (the codes of scoring sheets are not here)."""
if _DUPLICATE_COLUMN is not None:
    SEVERITY[_DUPLICATE_COLUMN] = Severity.WARNING

Position = tuple[int, int]


def load_nominations(
    path: str | Path,
    criteria: Criteria,
    sheet: str | int | None = None,
    *,
    decimal: DecimalMode = "auto",
    max_rows: int = 1_100_000,
    max_cells: int = 50_000_000,
    max_file_bytes: int = 500 * 2**20,
) -> Nominations:
    """Read the nominations of ``path`` (.xlsx, .xlsm, .xls, .ods or .csv) for ``criteria``.

    ``sheet`` is a sheet name or 0-based index ("2" is a name first, then an index);
    by default the first sheet with every required column. Raises
    :class:`~chuluc_cli.errors.InputError` when the file, the sheet or a required
    column cannot be found; problems in cells are data issues of the result.
    """
    with collector_paused():  # _load frees the sheet's cells before the collector resumes
        limits = {"max_rows": max_rows, "max_cells": max_cells, "max_file_bytes": max_file_bytes}
        return _load(path, criteria, sheet, decimal, **limits)


def _load(
    path: str | Path,
    criteria: Criteria,
    sheet: str | int | None,
    decimal: DecimalMode,
    *,
    max_rows: int,
    max_cells: int,
    max_file_bytes: int,
) -> Nominations:
    raw, match = choose_sheet(
        path,
        criteria.fields,
        sheet,
        max_rows=max_rows,
        max_cells=max_cells,
        max_file_bytes=max_file_bytes,
    )
    return nominations_from_sheet(
        raw, criteria, match=match, path=str(path), sha256=sha256_of(path), decimal=decimal
    )


def choose_sheet(
    path: str | Path,
    fields: Mapping[str, FieldSpec],
    sheet: str | int | None = None,
    *,
    max_rows: int = 1_100_000,
    max_cells: int = 50_000_000,
    max_file_bytes: int = 500 * 2**20,
) -> tuple[RawSheet, HeaderMatch]:
    """Return the sheet to read and its header match; raise InputError if none fits."""
    if sheet is not None:
        key = sheet_key(sheet, sheet_names(Path(path), max_file_bytes=max_file_bytes))
        raw = read_sheet(
            Path(path), key, max_rows=max_rows, max_cells=max_cells, max_file_bytes=max_file_bytes
        )
        match = find_header(raw, fields)
        missing_required(match, fields, path=str(path))
        return raw, match
    best: tuple[RawSheet, HeaderMatch] | None = None
    count = 0
    sheets_of = iter_sheets(
        Path(path), max_rows=max_rows, max_cells=max_cells, max_file_bytes=max_file_bytes
    )
    with closing(sheets_of) as sheets:
        for raw in sheets:
            count += 1
            match = find_header(raw, fields)
            if not missing_fields(match, fields):
                return raw, match
            if best is None or match.score > best[1].score:
                best = (raw, match)
    if best is None:  # pragma: no cover - the reader refuses a workbook without sheets
        raise InputError(msg("errors.input.no_sheet", path=path))
    hint = msg("errors.input.choose_sheet") if count > 1 else None
    missing_required(best[1], fields, path=str(path), hint=hint)
    raise AssertionError("unreachable: missing_required raises")  # pragma: no cover


def sheet_key(choice: str | int, names: Sequence[str]) -> str | int:
    """What ``--sheet`` means: a sheet name first, then an all-digit text as a 0-based index."""
    if isinstance(choice, str) and choice not in names and choice.strip().isdigit():
        return int(choice.strip())
    return choice


def nominations_from_rows(
    rows: Sequence[Sequence[object]],
    criteria: Criteria,
    *,
    sheet: str = "Sheet1",
    path: str = "<rows>",
    decimal: DecimalMode = "auto",
    percent_cells: Iterable[Position] = (),
) -> Nominations:
    """Read nominations from rows of cell values given in code (tests, benchmarks).

    ``rows[i][j]`` is Excel row i+1, column j+1, as python-calamine gives it.
    Raises InputError if a required column is missing.
    """
    raw = RawSheet(
        name=sheet,
        rows=[list(row) for row in rows],
        percent_cells=frozenset(percent_cells),
        formula_without_value=frozenset(),
        error_cells=frozenset(),
        merged=(),
        format="csv",
        encoding=None,
    )
    return nominations_from_sheet(raw, criteria, path=path, decimal=decimal)


def nominations_from_sheet(
    sheet: RawSheet,
    criteria: Criteria,
    *,
    match: HeaderMatch | None = None,
    path: str = "<sheet>",
    sha256: str = "",
    decimal: DecimalMode = "auto",
) -> Nominations:
    """Read the nominations of one raw sheet, finding its header unless ``match`` is given."""
    if match is None:
        match = find_header(sheet, criteria.fields)
        missing_required(match, criteria.fields, path=path)
    reader = _SheetReader(sheet, match, criteria.fields, decimal)
    rows = reader.read()
    return Nominations(
        path=path,
        sha256=sha256,
        sheet=sheet.name,
        header_row=match.header_row + 1,
        columns=dict(match.columns),
        rows=rows,
        issues=reader.issues(),
        blank_rows=reader.blank_rows,
        format=sheet.format,
    )


def cell_issue_params(error: CellError) -> dict[str, Any]:
    """The params of a CellError, plus ``expected_vi`` (the type's Vietnamese name).

    Use it for every issue made from a CellError: the Vietnamese template of
    ``reading.issue.unparseable`` needs ``expected_vi``.
    """
    params = dict(error.params)
    expected = params.get("expected")
    if isinstance(expected, str):
        key = f"reading.expected.{_EXPECTED_KEYS.get(expected, expected)}"
        try:
            params["expected_vi"] = t(key, "vi")
        except KeyError:
            params["expected_vi"] = expected
    return params


def is_total_or_note(text: str) -> bool:
    """True for the first cell of a totals, notes or signature row ("Tổng cộng", "Ghi chú:")."""
    folded = fold(text).rstrip(":*. ")
    return folded in _TOTAL_CELLS or _TOTAL_OR_NOTE.search(folded) is not None


def _plain_number(value: float) -> str:
    return format_number(value, "en", 6).replace(",", "")


def _range_text(spec: FieldSpec) -> str:
    if spec.min is not None and spec.max is not None:
        return f"{_plain_number(spec.min)} – {_plain_number(spec.max)}"
    if spec.min is not None:
        return f"≥ {_plain_number(spec.min)}"
    return f"≤ {_plain_number(spec.max or 0)}"


@dataclass(frozen=True)
class _FieldReader:
    """Everything needed to read one field's cells, computed once per sheet."""

    name: str
    spec: FieldSpec
    column: Column
    parse: Callable[[object, bool], Value]
    pattern: re.Pattern[str] | None
    blank_value: Value  # the value of a blank optional cell
    # How the usual cells of the column read at once (see _SheetReader._column):
    quick_text: Callable[[str], Any]  # a printable text; _SLOW: read it the full way
    plain_numbers: bool = False  # no range to check: a number read from a number cell is kept
    numbers: type | None = None  # float or int: what a number cell within low–high reads as
    low: float = -_FLOAT_MAX  # the field's range, never wider than the finite floats
    high: float = _FLOAT_MAX
    dates: bool = False  # a date cell reads as its date
    int_texts: bool = False  # an int cell reads as its digits (ids, texts)
    remember: bool = True  # remember how each distinct text reads (not ids: they differ)


def _parser(spec: FieldSpec, decimal: DecimalMode) -> Callable[[object, bool], Value]:
    """The parse function of a field type; the bool says the cell is percent-formatted.

    Same results as the parse functions of ``values``; a number stored as a number
    and a known choice skip their text rules (most cells of a large file).
    """
    kind = spec.type
    if kind is FieldType.ID:
        return lambda raw, _p: parse_id(raw)
    if kind is FieldType.TEXT:
        return lambda raw, _p: parse_text(raw)
    if kind is FieldType.NUMBER:
        return lambda raw, _p: (
            raw if type(raw) is float and math.isfinite(raw) else parse_number(raw, decimal)
        )
    if kind is FieldType.INTEGER:
        return lambda raw, _p: parse_integer(raw, decimal)
    if kind is FieldType.PERCENT:
        return lambda raw, p: (
            raw
            if type(raw) is float and not p and math.isfinite(raw)
            else parse_percent(raw, percent_cell=p, decimal=decimal)
        )
    if kind is FieldType.BOOL:
        return lambda raw, _p: parse_bool(raw)
    if kind is FieldType.DATE:
        return lambda raw, _p: parse_date(raw)
    if kind is FieldType.CHOICE:
        choices = spec.choices or {}
        table: dict[str, str] = {}
        for key, aliases in choices.items():  # the first key with a matching name wins
            for name in (key, *aliases):
                table.setdefault(choice_form(name), key)

        def choice(raw: object, _p: bool) -> Value:
            found = table.get(choice_form(parse_text(raw)))
            return found if found is not None else parse_choice(raw, choices)

        return choice
    assert_never(kind)


_NUMBER_TYPES: dict[FieldType, type] = {
    FieldType.NUMBER: float,
    FieldType.PERCENT: float,
    FieldType.INTEGER: int,
}
_SLOW = object()  # a quick read that does not apply: read the cell the full way (_cell)
_SPECIAL = object()  # stands for a merged, flagged or percent cell that only _cell reads
_REMEMBERED = 4096  # distinct texts whose reading a column remembers (bounds the memory)
_EXACT_INT = 2**53  # an int within this reads exactly as a float
# False reads every cell the full way (_cell): what the quick reads are tested against.
_QUICK_READS = True


def _quick_text(
    spec: FieldSpec,
    pattern: re.Pattern[str] | None,
    parse: Callable[[object, bool], Value],
    decimal: DecimalMode,
) -> Callable[[str], Any]:
    """How a text cell (not blank, printable) of a plain row reads when all is well; else _SLOW.

    The same value as ``_SheetReader._cell`` gives when it records no issue.
    """
    if spec.type in (FieldType.ID, FieldType.TEXT):  # the text itself (ids, names): no error
        as_text = str.strip if spec.type is FieldType.ID else parse_text

        def text(raw: str) -> Any:
            value = as_text(raw)
            if len(value) > MAX_TEXT or (pattern is not None and not pattern.fullmatch(value)):
                return _SLOW
            return value

        return text
    if spec.type is FieldType.DATE:  # a date has no range: read, or read the full way

        def date(raw: str) -> Any:
            try:
                return parse_date(raw)
            except CellError:
                return _SLOW

        return date
    low, high = spec.min, spec.max
    warns = decimal == "auto" and spec.type in (FieldType.NUMBER, FieldType.PERCENT)

    def quick(raw: str) -> Any:
        try:
            value: Any = parse(raw, False)
        except CellError:
            return _SLOW  # the full path records the issue
        kind = type(value)
        if kind is str:
            if len(value) > MAX_TEXT or (pattern is not None and not pattern.fullmatch(value)):
                return _SLOW
        elif kind is float or kind is int:
            if (low is not None and value < low) or (high is not None and value > high):
                return _SLOW  # OUT_OF_RANGE
            if warns and number_is_ambiguous(raw):
                return _SLOW  # AMBIGUOUS_NUMBER
        return value

    return quick


def _bounds(spec: FieldSpec) -> tuple[float, float]:
    """The range a number cell must lie in to be read at once: finite, within min and max."""
    low = -_FLOAT_MAX if spec.min is None else max(spec.min, -_FLOAT_MAX)
    high = _FLOAT_MAX if spec.max is None else min(spec.max, _FLOAT_MAX)
    return low, high


class _Percent(tuple[float | int, float]):
    """A percent-formatted number cell of a percent field, and its value (0.125, 12.5).

    The cell's text ("12.5%") is written only when asked for. A tuple: made in C.
    """

    __slots__ = ()

    def text(self) -> str:
        """The cell as the user sees it."""
        return _cell_text(self[0], True)


class _SheetReader:
    """Reads the data rows of one sheet below its header, collecting issues."""

    def __init__(
        self,
        sheet: RawSheet,
        match: HeaderMatch,
        fields: Mapping[str, FieldSpec],
        decimal: DecimalMode,
    ) -> None:
        self.sheet, self.match, self.fields, self.decimal = sheet, match, fields, decimal
        self.rows = filled_rows(sheet)
        self.origin = _merged_origins(sheet)
        self.blank_rows = 0
        self._issues: list[tuple[int, int, DataIssue]] = []
        self._matched = {column.index for column in match.columns.values()}
        self._flagged = sheet.formula_without_value | sheet.error_cells
        self._product_id: str | None = None  # id of the row being read, for its issues
        # The repeated-header test: how many columns must hold their header, and for each
        # matched column the lengths a cell may have to be compared with its header.
        columns = list(match.columns.values())
        self._header_checks = (
            max(2, (len(columns) + 1) // 2),
            [(c.index, len(c.header) - 3, len(c.header) + 3, c) for c in columns],
        )
        # Per column, the rows of its merged (covered) or flagged cells, and of its percent cells.
        self._special = _rows_by_column([*self.origin, *self._flagged])
        self._percent = _rows_by_column(sheet.percent_cells)
        self._place: dict[int, int] = {}  # data row -> its place in the columns read

    def read(self) -> list[Nomination]:
        """Classify every row below the header, then read the nominations column by column."""
        self._duplicate_columns()
        data_rows = self._classify()
        columns = _Columns([self.rows[r] for r in data_rows])
        if self._special or self._percent:
            self._place = {r: i for i, r in enumerate(data_rows)}
        readers = self._field_readers(data_rows, columns)
        ids: list[str | None] = [None] * len(data_rows)  # each row's product id, for its issues
        values: dict[str, list[Value]] = {}
        texts: list[list[object]] = []
        for reader in readers:  # the id first, so that every issue of a row names it
            cells = columns.cells(reader.column.index)
            values[reader.name], text = self._column(reader, data_rows, cells, ids)
            texts.append(text)
            if reader.name == ID_FIELD:
                ids = [str(value) if value else None for value in values[ID_FIELD]]
        self._duplicate_ids(data_rows, values.get(ID_FIELD, []))
        return _rows(data_rows, list(self.fields), values, readers, texts)

    def issues(self) -> list[DataIssue]:
        """Every issue found, in row then column order."""
        return [issue for _, _, issue in sorted(self._issues, key=lambda item: item[:2])]

    # ------------------------------------------------------------ rows

    def _classify(self) -> list[int]:
        """Return the 0-based indexes of the nomination rows; note blank and trailing rows."""
        data_rows: list[int] = []
        blank: list[int] = []
        id_column = self.match.columns.get(ID_FIELD)
        for r in range(self.match.header_row + 1, len(self.rows)):
            row = self.rows[r]
            # A filled id makes a row neither blank nor trailing (most rows): decided at once.
            has_id = id_column is not None and not self._cell_blank_at(r, row, id_column.index)
            if not has_id and self._is_blank(r, row):
                blank.append(r)
                continue
            self.blank_rows += len(blank)
            if self._is_repeated_header(r, row):
                blank = []
                continue
            if has_id or not self._is_trailing(r, row):
                if blank:
                    self._blank_stretch(blank[0] + 1, blank[-1] + 1)
                data_rows.append(r)
            blank = []
        return data_rows

    def _is_repeated_header(self, r: int, row: Sequence[object]) -> bool:
        """A copy of the header row inside the data (pasted tables, page headers): skip, warn.

        It is one when at least half of the matched columns, and two or more, hold
        their own header text again.
        """
        needed, checks = self._header_checks
        # Cheap length test first: folding every text cell of every row costs seconds at 100k.
        # A data row fails it for most columns, so stop as soon as too few can be left.
        close: list[Column] = []
        misses = len(checks) - needed  # columns that may fail the test, for enough to pass
        width = len(row)
        for c, low, high, column in checks:
            if c < width and isinstance(text := row[c], str) and low <= len(text) <= high:
                close.append(column)
            elif misses > 0:
                misses -= 1
            else:
                return False
        if len(close) < needed:
            return False
        same = [c for c in close if fold(str(row[c.index])) == fold(c.header)]
        if len(same) < needed:
            return False
        first = min(same, key=lambda column: column.index)
        self._add(r, first.index, IssueCode.REPEATED_HEADER, None, first.header)
        return True

    def _filled(self, r: int, row: Sequence[object]) -> list[int]:
        return [c for c, raw in enumerate(row) if not is_blank(raw) or (r, c) in self._flagged]

    def _is_blank(self, r: int, row: Sequence[object]) -> bool:
        # The criteria's columns first: most rows are nominations, and this decides fast.
        if any(not self._cell_blank_at(r, row, c) for c in self._matched):
            return False
        # A template's numbering column ("STT" 1, 2, 3...) filled ahead of the data is blank too.
        return all(
            type(row[c]) in (int, float) and (r, c) not in self._flagged
            for c in self._filled(r, row)
        )

    def _is_trailing(self, r: int, row: Sequence[object]) -> bool:
        """A totals, notes or signature row: warn and skip it."""
        if not self._cell_blank(r, row, ID_FIELD):
            return False
        c = self._filled(r, row)[0]
        first = row[c]
        words = isinstance(first, str) and is_total_or_note(first)
        if not words and (
            NAME_FIELD not in self.match.columns or not self._cell_blank(r, row, NAME_FIELD)
        ):
            return False
        self._add(r, c, IssueCode.TRAILING_ROW, None, parse_text(row[c]))
        return True

    def _cell_blank(self, r: int, row: Sequence[object], name: str) -> bool:
        column = self.match.columns.get(name)
        return column is None or self._cell_blank_at(r, row, column.index)

    def _cell_blank_at(self, r: int, row: Sequence[object], c: int) -> bool:
        return (c >= len(row) or is_blank(row[c])) and (r, c) not in self._flagged

    def _blank_stretch(self, first: int, last: int) -> None:
        rows = f"{first}–{last}" if last > first else str(first)
        params = {"count": last - first + 1, "first": first, "last": last, "rows": rows}
        issue = DataIssue(
            IssueCode.BLANK_ROW, SEVERITY[IssueCode.BLANK_ROW], self.sheet.name,
            row=first, column=None, header=None, field=None, value=None,
            params={**params, "row": first},
        )  # fmt: skip
        self._issues.append((first, -1, issue))

    # ------------------------------------------------------------ cells

    def _field_readers(self, data_rows: list[int], columns: _Columns) -> list[_FieldReader]:
        """One reader per matched field, the id first; each chooses its quick reads once."""
        readers = []
        for name in sorted(self.match.columns, key=lambda name: name != ID_FIELD):
            spec, column = self.fields[name], self.match.columns[name]
            kind = spec.type
            pattern = re.compile(spec.pattern) if spec.pattern else None
            check = self._is_check_column(spec, column.index, data_rows, columns)
            blank = False if check else None
            parse = _parser(spec, self.decimal)
            low, high = _bounds(spec)
            readers.append(
                _FieldReader(
                    name,
                    spec,
                    column,
                    parse,
                    pattern,
                    blank,
                    plain_numbers=spec.min is None and spec.max is None,
                    quick_text=_quick_text(spec, pattern, parse, self.decimal),
                    numbers=_NUMBER_TYPES.get(kind),
                    low=low,
                    high=high,
                    dates=kind is FieldType.DATE,
                    int_texts=kind in (FieldType.ID, FieldType.TEXT),
                    remember=kind is not FieldType.ID,
                )
            )
        return readers

    def _is_check_column(
        self, spec: FieldSpec, c: int, data_rows: list[int], columns: _Columns
    ) -> bool:
        """An optional bool column where people only tick: every filled cell is a mark."""
        if spec.type is not FieldType.BOOL or spec.required:
            return False
        cells = columns.cells(c)
        if not all(issubclass(kind, str) or kind is NoneType for kind in set(map(type, cells))):
            return False  # a number, date or yes/no value is filled and no mark
        # Each distinct text once: a column of 100,000 cells holds a handful.
        filled: set[object] = {v for v in set(cells) if not is_blank(v)}
        flagged = self._flagged
        if flagged:
            filled.update(v for r, v in zip(data_rows, cells, strict=True) if (r, c) in flagged)
        marks = _CHECK_MARKS
        return bool(filled) and all(isinstance(v, str) and folded(v) in marks for v in filled)

    def _column(
        self,
        reader: _FieldReader,
        data_rows: list[int],
        cells: Sequence[Any],
        ids: list[str | None],
    ) -> tuple[list[Value], list[object]]:
        """The typed values and the texts of one field's cells, down the data rows.

        The usual cells read at once, by the kind the reader chose for the column: a
        number within the range, a date, a text read before (remembered), a printable
        text; anything else, and every merged, flagged or percent-formatted cell, is
        read the full way by :meth:`_cell`, which records the issues. Both give the
        same values and texts (``tests/test_speed_paths.py`` checks it).
        """
        if not _QUICK_READS:
            return self._full_column(reader, data_rows, ids)
        cells = self._marked(reader, cells)
        values: list[Value] = []
        texts: list[object] = []
        add_value, add_text = values.append, texts.append
        memo: dict[str, tuple[Value, object]] = {}
        remembered = memo.get
        numbers, low, high = reader.numbers, reader.low, reader.high
        floats, dates, int_texts = numbers is float, reader.dates, reader.int_texts
        pattern = reader.pattern
        quick = reader.quick_text
        remember = _REMEMBERED if reader.remember else 0  # texts the memo may hold
        for i, raw in enumerate(cells):
            kind = raw.__class__
            if kind is str:
                if (hit := remembered(raw)) is not None:
                    value, text = hit
                # Starts with a letter or digit (not blank), printable (no control character).
                elif raw[:1].isalnum() and raw.isprintable() and (value := quick(raw)) is not _SLOW:
                    text = raw.strip()
                    if len(memo) < remember:
                        memo[raw] = (value, text)
                else:
                    value, text = self._text_cell(reader, data_rows[i], raw, ids[i], memo)
            elif kind is float and floats and low <= raw <= high:
                value = text = raw
            elif kind is int and numbers and low <= raw <= high and -_EXACT_INT < raw < _EXACT_INT:
                value, text = numbers(raw), raw  # float(raw) for a number or a percent
            elif kind is dt.date and dates:
                value = text = raw
            elif kind is dt.datetime and dates:
                value, text = raw.date(), raw
            elif kind is _Percent and low <= (value := raw[1]) <= high:
                text = raw
            elif (
                kind is int and int_texts and -_EXACT_INT < raw < _EXACT_INT
                and (pattern is None or pattern.fullmatch(str(raw)))
            ):  # fmt: skip
                value, text = str(raw), raw
            else:
                value, text = self._full(reader, data_rows[i], ids[i])
            add_value(value)
            add_text(text)
        return values, texts

    def _marked(self, reader: _FieldReader, cells: Sequence[Any]) -> Sequence[Any]:
        """``cells`` with its merged, flagged and percent-formatted number cells marked.

        A merged or flagged cell becomes ``_SPECIAL`` (read by :meth:`_cell`); a
        percent-formatted number becomes a :class:`_Percent` in a percent field.
        """
        c = reader.column.index
        special, percent = self._special.get(c, ()), self._percent.get(c, ())
        if not special and not percent:
            return cells
        cells = list(cells)
        place = self._place
        quick_percent = reader.spec.type is FieldType.PERCENT
        # One _Percent per distinct fraction: round() is slow, and the fractions recur.
        known: dict[float, _Percent] = {}
        for r in percent:
            i = place.get(r)
            if i is None:  # a percent cell above or below the data
                continue
            raw = cells[i]
            kind = raw.__class__
            if quick_percent and (
                kind is float or (kind is int and -_EXACT_INT < raw < _EXACT_INT)
            ):
                if (marked := known.get(raw)) is None:
                    marked = _Percent((raw, round(float(raw) * 100, 10)))  # as parse_percent
                    # Floats only (1 == 1.0 but may print apart), and not 0 (-0.0 == 0.0).
                    if kind is float and raw and len(known) < _REMEMBERED:
                        known[raw] = marked
                cells[i] = marked
            elif isinstance(raw, int | float) and not isinstance(raw, bool):
                cells[i] = _SPECIAL
        for r in special:
            if (i := place.get(r)) is not None:
                cells[i] = _SPECIAL
        return cells

    def _text_cell(
        self,
        reader: _FieldReader,
        r: int,
        raw: str,
        product_id: str | None,
        memo: dict[str, tuple[Value, object]],
    ) -> tuple[Value, object]:
        """Read a text cell the full way; remember how it reads when it has no issue."""
        before = len(self._issues)
        value, text = self._full(reader, r, product_id)
        if reader.remember and len(memo) < _REMEMBERED and len(self._issues) == before:
            memo[raw] = (value, text)  # the same text reads the same in any plain cell
        return value, text

    def _full(self, reader: _FieldReader, r: int, product_id: str | None) -> tuple[Value, object]:
        self._product_id = product_id
        return self._cell(r, self.rows[r], reader)

    def _full_column(
        self, reader: _FieldReader, data_rows: list[int], ids: list[str | None]
    ) -> tuple[list[Value], list[object]]:
        """Every cell of the column read by :meth:`_cell` (the reference of the quick reads)."""
        read = [
            self._full(reader, r, product_id) for r, product_id in zip(data_rows, ids, strict=True)
        ]
        return [value for value, _ in read], [text for _, text in read]

    def _cell(self, r: int, row: Sequence[object], reader: _FieldReader) -> tuple[Value, object]:
        """Return the typed value and the text of one cell, recording its issues.

        The text of a cell that is not text (a number, a date) is returned as the cell
        itself and written only when asked for (see :class:`_RawTexts`).
        """
        c, name = reader.column.index, reader.name
        raw = row[c] if c < len(row) else ""
        pos = self.origin.get((r, c), (r, c)) if self.origin else (r, c)
        if self._flagged and pos in self._flagged:
            text = parse_text(raw).strip()
            if pos in self.sheet.error_cells:
                self._add(r, c, IssueCode.ERROR_CELL, name, text or "#ERROR")
            else:
                self._add(r, c, IssueCode.FORMULA_NO_VALUE, name, text or None)
            return None, text
        if isinstance(raw, str) and not raw.isprintable() and _CONTROL.search(raw):
            raw, count = _CONTROL.subn("", raw)
            self._add(r, c, IssueCode.CONTROL_CHARACTERS, name, raw, count=count)
        if is_blank(raw):
            if reader.spec.required:
                self._add(r, c, IssueCode.BLANK_REQUIRED, name, None)
                return None, ""
            return reader.blank_value, ""
        percent_cell = pos in self.sheet.percent_cells
        try:
            value = reader.parse(raw, percent_cell)
        except CellError as error:
            text = _cell_text(raw, percent_cell)
            params = cell_issue_params(error)
            params.pop("value", None)
            self._add(r, c, error.code, name, text, **params)
            return None, text
        is_text = isinstance(raw, str)
        shown = _cell_text(raw, percent_cell) if is_text or percent_cell else raw
        # type(value) each time, not once in a variable: mypy narrows only the former.
        if type(value) is str:
            if reader.pattern is None and len(value) <= MAX_TEXT:  # nothing to check
                return value, shown
            return self._checked_text(r, reader, raw, percent_cell, value), shown
        if type(value) is float or type(value) is int:
            # A number from a number cell has no ambiguous text; with no range, it is kept.
            if reader.plain_numbers and not is_text:
                return value, shown
            return self._checked_number(r, reader, raw, percent_cell, value), shown
        if isinstance(value, int | float) and not isinstance(value, bool):
            return self._checked_number(r, reader, raw, percent_cell, value), shown
        return value, shown

    def _checked_text(
        self, r: int, reader: _FieldReader, raw: object, percent_cell: bool, value: str
    ) -> str | None:
        c, name = reader.column.index, reader.name
        if len(value) > MAX_TEXT:
            shown = _cell_text(raw, percent_cell)[:200] + "…"
            self._add(r, c, IssueCode.TEXT_TOO_LONG, name, shown, length=len(value), limit=MAX_TEXT)
            value = value[:MAX_TEXT]
        if reader.pattern is not None and not reader.pattern.fullmatch(value):
            text = _cell_text(raw, percent_cell)
            self._add(r, c, IssueCode.PATTERN_MISMATCH, name, text, pattern=reader.spec.pattern)
            return None
        return value

    def _checked_number(
        self, r: int, reader: _FieldReader, raw: object, percent_cell: bool, value: float
    ) -> float | None:
        c, name, spec = reader.column.index, reader.name, reader.spec
        low, high = spec.min, spec.max
        if (low is not None and value < low) or (high is not None and value > high):
            text = _cell_text(raw, percent_cell)
            self._add(
                r, c, IssueCode.OUT_OF_RANGE, name, text, range=_range_text(spec), min=low, max=high
            )
            return None
        # An integer has no decimals, so "1.234" and "1,234" both read 1234: not ambiguous.
        if (
            self.decimal == "auto"
            and spec.type in (FieldType.NUMBER, FieldType.PERCENT)
            and isinstance(raw, str)
            and number_is_ambiguous(raw)
        ):
            text = _cell_text(raw, percent_cell)
            self._add(
                r, c, IssueCode.AMBIGUOUS_NUMBER, name, text, read=format_number(value, "en", 6)
            )
        return value

    # ------------------------------------------------------------ whole-sheet checks

    def _duplicate_ids(self, data_rows: list[int], ids: list[Value]) -> None:
        """DUPLICATE_ID on every row whose id another row also has."""
        column = self.match.columns.get(ID_FIELD)
        if column is None:
            return
        repeated = {v for v, n in Counter(ids).items() if n > 1 and isinstance(v, str) and v}
        rows_by_id: dict[str, list[int]] = {}
        for r, value in zip(data_rows, ids, strict=True) if repeated else ():
            if value in repeated:
                rows_by_id.setdefault(value, []).append(r + 1)  # type: ignore[arg-type]
        for value, rows in rows_by_id.items():
            for row in rows:
                others = ", ".join(str(other) for other in rows if other != row)
                self._product_id = value
                self._add(
                    row - 1, column.index, IssueCode.DUPLICATE_ID, ID_FIELD, value, rows=others
                )

    def _duplicate_columns(self) -> None:
        """Warn about a second column matching a field (once IssueCode has the code)."""
        if _DUPLICATE_COLUMN is None:
            return
        r = self.match.header_row
        for name, extra in self.match.duplicates:
            kept = self.match.columns[name].letter
            self._add(
                r, extra.index, _DUPLICATE_COLUMN, None, extra.header, matched=name, kept=kept
            )

    def _add(
        self, r: int, c: int, code: IssueCode, field: str | None, value: str | None, **params: Any
    ) -> None:
        """Record an issue at 0-based (r, c); ``field`` None for a row-level issue."""
        column = self.match.columns.get(field) if field else None
        letter = column.letter if column else column_letter(c)
        header = column.header if column else self.match.header_texts.get(c)
        base = {"value": value or "", "header": header or "", "field": field or ""}
        issue = DataIssue(
            code, SEVERITY[code], self.sheet.name, row=r + 1, column=letter, header=header,
            field=field, value=value, product_id=self._product_id,
            params={**base, "column": letter, "row": r + 1, **params},
        )  # fmt: skip
        self._issues.append((r + 1, c, issue))


class _RawTexts(Mapping[str, str]):
    """A nomination's cell texts (field -> text as the user sees it), written when asked for.

    Holds its row's place in the sheet's columns of cells, which share most cells
    with the typed values, instead of a text per cell: writing 12.5 as "12.5" for
    every number of 100,000 rows costs time and memory that nothing spends unless a
    text is looked at.
    """

    __slots__ = ("_columns", "_index", "_row")

    def __init__(self, index: dict[str, int], columns: list[list[object]], row: int) -> None:
        # An item is the text, or the cell to write (a _Percent: a percent-formatted number).
        self._index, self._columns, self._row = index, columns, row

    def __getitem__(self, name: str) -> str:
        item = self._columns[self._index[name]][self._row]
        if isinstance(item, str):
            return item
        return item.text() if type(item) is _Percent else parse_text(item)

    def __iter__(self) -> Iterator[str]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)

    def __repr__(self) -> str:
        return repr(dict(self))


def _cell_text(raw: object, percent_cell: bool) -> str:
    """The cell as the user sees it: text as typed, a percent-formatted 0.125 as 12.5%."""
    if isinstance(raw, str):
        return raw.strip()
    if percent_cell and isinstance(raw, int | float) and not isinstance(raw, bool):
        return f"{_plain_number(raw * 100)}%"
    return parse_text(raw)


def _merged_origins(sheet: RawSheet) -> dict[Position, Position]:
    """Map each cell covered by a merged range (but its top-left) to that top-left cell."""
    origins: dict[Position, Position] = {}
    for r0, c0, r1, c1 in sheet.merged:
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                if (r, c) != (r0, c0):
                    origins[(r, c)] = (r0, c0)
    return origins


def _rows_by_column(cells: Iterable[Position]) -> dict[int, list[int]]:
    """The rows of ``cells`` in each column, top to bottom (a set's order jumps around)."""
    by_column: dict[int, list[int]] = {}
    for r, c in cells:
        by_column.setdefault(c, []).append(r)
    for rows in by_column.values():
        rows.sort()
    return by_column


class _Columns:
    """The cells of the data rows, column by column ("" where a row is shorter)."""

    def __init__(self, data: list[list[object]]) -> None:
        self._height = len(data)
        if len(set(map(len, data))) == 1:  # rectangular, as read from a file: in C
            self._columns: list[Sequence[object]] = list(zip(*data, strict=True))
        else:
            width = max(map(len, data), default=0)
            self._columns = [[row[c] if c < len(row) else "" for row in data] for c in range(width)]

    def cells(self, c: int) -> Sequence[object]:
        """The cells of column ``c`` (0-based), top to bottom."""
        return self._columns[c] if c < len(self._columns) else [""] * self._height


def _rows(
    data_rows: list[int],
    names: list[str],
    values: dict[str, list[Value]],
    readers: list[_FieldReader],
    texts: list[list[object]],
) -> list[Nomination]:
    """The nominations, from the values and texts read column by column."""
    blank: list[Value] = [None] * len(data_rows)  # the values of a field without column
    columns = [values.get(name, blank) for name in names]
    index = {reader.name: k for k, reader in enumerate(readers)}
    value_rows = zip(*columns, strict=True) if columns else repeat((), len(data_rows))
    # Built by map, in C, not by a Python loop: a round may hold 100,000 rows.
    dicts = map(dict, map(zip, repeat(names), value_rows))
    raws = map(_RawTexts, repeat(index), repeat(texts), range(len(data_rows)))
    return list(map(Nomination, [r + 1 for r in data_rows], dicts, raws))
