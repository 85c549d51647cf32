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

import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any, assert_never

from chuluc_cli.criteria.model import Criteria, FieldSpec, FieldType
from chuluc_cli.data_issues import DataIssue, IssueCode, Severity
from chuluc_cli.errors import InputError
from chuluc_cli.i18n import format_number, t
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
    raw, match = choose_sheet(path, criteria.fields, sheet, max_rows=max_rows, max_cells=max_cells)
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
        raise InputError(f"{path}: the file has no sheet")
    hint = "no sheet has every required column; choose one with --sheet" if count > 1 else None
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
    plain_numbers: bool = False  # no range to check: a number read from a number cell is kept
    # The usual cells read at once (see _quick_number, _quick_text); _SLOW: the full path.
    quick_number: Callable[[Any], Any] | None = None
    quick_text: Callable[[str], Any] | None = None


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


_SLOW = object()  # a quick read that does not apply: read the cell the full way (_cell)
_SHARED_LENGTH = 24  # cell texts up to this length are kept once per sheet (they repeat)


def _quick_number(spec: FieldSpec) -> Callable[[Any], Any] | None:
    """How a number cell of a plain row reads, when nothing is wrong with it; else ``_SLOW``.

    The same value as ``_SheetReader._cell`` gives (finite, within min and max): the
    text of the cell is the cell itself, written when asked for.
    """
    kind, low, high = spec.type, spec.min, spec.max

    def within(value: float) -> Any:
        if (low is not None and value < low) or (high is not None and value > high):
            return _SLOW  # the full path records OUT_OF_RANGE
        return value

    if kind in (FieldType.NUMBER, FieldType.PERCENT):  # not a percent cell: the number as is

        def number(raw: float | int) -> Any:
            try:
                value = float(raw)  # the same object for a float
            except OverflowError:  # an integer too large for a float: refused the full way
                return _SLOW
            return within(value) if math.isfinite(value) else _SLOW

        return number
    if kind is FieldType.INTEGER:
        return lambda raw: (
            within(raw) if type(raw) is int else within(int(raw)) if raw.is_integer() else _SLOW
        )
    return None


def _quick_text(
    spec: FieldSpec, pattern: re.Pattern[str] | None, parse: Callable[[object, bool], Value]
) -> Callable[[str], Any] | None:
    """How a text cell (not blank, printable) of a plain row reads when all is well; else _SLOW."""
    if spec.type not in (FieldType.ID, FieldType.TEXT, FieldType.BOOL, FieldType.CHOICE):
        return None  # numbers, percents and dates written as text have rules of their own

    def quick(raw: str) -> Any:
        try:
            value = parse(raw, False)
        except CellError:
            return _SLOW  # the full path records the issue
        if not isinstance(value, str):
            return value
        if len(value) > MAX_TEXT or (pattern is not None and not pattern.fullmatch(value)):
            return _SLOW
        return value

    return quick


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
        self._text_index: dict[str, int] = {}  # field -> place in each row's texts
        self._shared: dict[str, str] = {}  # short cell texts, one object each
        # Rows with a merged or flagged cell, and the percent-formatted columns of each row.
        self._special_rows = {r for r, _ in self.origin} | {r for r, _ in self._flagged}
        self._percent_by_row: dict[int, set[int]] = {}
        for r, c in sheet.percent_cells:
            self._percent_by_row.setdefault(r, set()).add(c)

    def read(self) -> list[Nomination]:
        """Classify every row below the header, then read the nominations."""
        self._duplicate_columns()
        data_rows = self._classify()
        readers = self._field_readers(data_rows)
        nominations = [self._nomination(r, readers) for r in data_rows]
        self._duplicate_ids(nominations)
        return nominations

    def issues(self) -> list[DataIssue]:
        """Every issue found, in row then column order."""
        return [issue for _, _, issue in sorted(self._issues, key=lambda item: item[:2])]

    # ------------------------------------------------------------ rows

    def _classify(self) -> list[int]:
        """Return the 0-based indexes of the nomination rows; note blank and trailing rows."""
        data_rows: list[int] = []
        blank: list[int] = []
        for r in range(self.match.header_row + 1, len(self.rows)):
            row = self.rows[r]
            if self._is_blank(r, row):
                blank.append(r)
                continue
            self.blank_rows += len(blank)
            if self._is_repeated_header(r, row):
                blank = []
                continue
            if not self._is_trailing(r, row):
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
        needed = max(2, (len(self.match.columns) + 1) // 2)
        # Cheap length test first: folding every text cell of every row costs seconds at 100k.
        close = [
            column
            for column in self.match.columns.values()
            if column.index < len(row)
            and isinstance(row[column.index], str)
            and abs(len(row[column.index]) - len(column.header)) <= 3
        ]
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
        words = isinstance(row[c], str) and is_total_or_note(row[c])
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

    def _field_readers(self, data_rows: list[int]) -> list[_FieldReader]:
        readers = []
        for name in sorted(self.match.columns, key=lambda name: name != ID_FIELD):
            spec, column = self.fields[name], self.match.columns[name]
            pattern = re.compile(spec.pattern) if spec.pattern else None
            blank = False if self._is_check_column(spec, name, data_rows) else None
            parse = _parser(spec, self.decimal)
            plain = spec.min is None and spec.max is None
            quick_number, quick_text = _quick_number(spec), _quick_text(spec, pattern, parse)
            readers.append(
                _FieldReader(
                    name, spec, column, parse, pattern, blank, plain, quick_number, quick_text
                )
            )
        self._text_index = {reader.name: index for index, reader in enumerate(readers)}
        return readers

    def _is_check_column(self, spec: FieldSpec, name: str, data_rows: list[int]) -> bool:
        """An optional bool column where people only tick: every filled cell is a mark."""
        if spec.type is not FieldType.BOOL or spec.required:
            return False
        c = self.match.columns[name].index
        rows = self.rows
        filled = [rows[r][c] for r in data_rows if not self._cell_blank(r, rows[r], name)]
        marks = _CHECK_MARKS
        return bool(filled) and all(isinstance(v, str) and folded(v) in marks for v in filled)

    def _nomination(self, r: int, readers: list[_FieldReader]) -> Nomination:
        row = self.rows[r]
        width = len(row)
        values: dict[str, Value] = dict.fromkeys(self.fields)
        texts: list[object] = []
        self._product_id = None
        # A row without merged or flagged cells takes the quick reads (most rows).
        plain = r not in self._special_rows
        percent = self._percent_by_row.get(r, ())
        for reader in readers:  # the id first, so that every issue of the row names it
            value: Any = _SLOW
            if plain:
                c = reader.column.index
                raw = row[c] if c < width else ""
                kind = type(raw)
                if kind is str:
                    # Starts with a letter or digit (not blank), printable (no control character).
                    if reader.quick_text is not None and raw[:1].isalnum() and raw.isprintable():
                        value, text = reader.quick_text(raw), raw.strip()
                elif (kind is float or kind is int) and reader.quick_number and c not in percent:
                    value, text = reader.quick_number(raw), raw
            if value is _SLOW:
                value, text = self._cell(r, row, reader)
            if type(text) is str and len(text) <= _SHARED_LENGTH:
                # "Có", "x", a sector's name: one copy for the whole sheet, not one per row.
                text = self._shared.setdefault(text, text)
            values[reader.name] = value
            texts.append(text)
            if reader.name == ID_FIELD and value:
                self._product_id = str(value)
        return Nomination(row=r + 1, values=values, raw=_RawTexts(self._text_index, tuple(texts)))

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
        text = isinstance(raw, str)
        shown = _cell_text(raw, percent_cell) if text or percent_cell else raw
        kind = type(value)
        if kind is str:
            if reader.pattern is None and len(value) <= MAX_TEXT:  # nothing to check
                return value, shown
            return self._checked_text(r, reader, raw, percent_cell, value), shown
        if kind is float or kind is int:
            # A number from a number cell has no ambiguous text; with no range, it is kept.
            if reader.plain_numbers and not text:
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

    def _duplicate_ids(self, nominations: list[Nomination]) -> None:
        """DUPLICATE_ID on every row whose id another row also has."""
        column = self.match.columns.get(ID_FIELD)
        rows_by_id: dict[str, list[int]] = {}
        for nomination in nominations if column else ():
            value = nomination.values.get(ID_FIELD)
            if isinstance(value, str) and value:
                rows_by_id.setdefault(value, []).append(nomination.row)
        for value, rows in rows_by_id.items():
            for row in rows if len(rows) > 1 else ():
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

    Holds the row's cells, sharing most of them with the typed values, instead of
    a text per cell: writing 12.5 as "12.5" for every number of 100,000 rows costs
    time and memory that nothing spends unless a text is looked at.
    """

    __slots__ = ("_index", "_items")

    def __init__(self, index: dict[str, int], items: tuple[object, ...]) -> None:
        self._index, self._items = index, items  # an item is the text, or the cell to write

    def __getitem__(self, name: str) -> str:
        item = self._items[self._index[name]]
        return item if isinstance(item, str) else parse_text(item)

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
