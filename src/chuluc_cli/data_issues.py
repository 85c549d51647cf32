"""Data issues: problems found in one cell or row of an input, kept as values.

A data issue never stops a round. It is located in the user's own terms
(sheet, Excel row number, column letter, header) so the secretariat can send
it back to the enterprise for correction. Error-level issues make scoring
reject the product with reason ``DATA:<field>``; warnings are only reported.
"""

from __future__ import annotations

# Aliased: the dataclass below has a field named ``field``, which would shadow the name for mypy.
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from enum import StrEnum
from typing import Any

from chuluc_cli.i18n import t


class Severity(StrEnum):
    """How serious a data issue is."""

    ERROR = "error"  # the product cannot be scored on this field: rejected with DATA:<field>
    WARNING = "warning"  # reported, nothing rejected (skipped totals rows, ambiguous numbers)
    INFO = "info"  # counted for the record (blank rows skipped)


class IssueCode(StrEnum):
    """Every kind of data issue; the catalogue key is ``reading.issue.<code>``."""

    BLANK_REQUIRED = "blank_required"
    UNPARSEABLE = "unparseable"
    OUT_OF_RANGE = "out_of_range"
    PATTERN_MISMATCH = "pattern_mismatch"
    UNKNOWN_CHOICE = "unknown_choice"
    DUPLICATE_ID = "duplicate_id"
    BLANK_ROW = "blank_row"
    TRAILING_ROW = "trailing_row"
    FORMULA_NO_VALUE = "formula_no_value"
    ERROR_CELL = "error_cell"
    AMBIGUOUS_NUMBER = "ambiguous_number"
    TEXT_TOO_LONG = "text_too_long"
    DUPLICATE_COLUMN = "duplicate_column"
    REPEATED_HEADER = "repeated_header"
    CONTROL_CHARACTERS = "control_characters"
    # committee scoring sheets (judged criteria)
    UNKNOWN_PRODUCT = "unknown_product"
    MISSING_SCORE = "missing_score"


@dataclass(frozen=True)
class DataIssue:
    """One problem in the input, with its place and the raw value as the user typed it.

    ``params`` fills the message template ``reading.issue.<code>`` of the i18n
    catalogue; ``field`` is the criteria field name (None for row-level issues).
    """

    code: IssueCode
    severity: Severity
    sheet: str
    row: int | None  # Excel row number, 1-based, as shown in the spreadsheet
    column: str | None  # Excel column letter ("A", "AB")
    header: str | None  # the header text as found in the file
    field: str | None
    value: str | None  # the raw cell value as text
    product_id: str | None = None
    params: dict[str, Any] = dataclass_field(default_factory=dict)
    source: str | None = None  # file name, when a round reads several inputs

    def message(self, lang: str = "vi") -> str:
        """The issue in words, in ``lang``."""
        return t(f"reading.issue.{self.code.value}", lang, **self.params)

    @property
    def place(self) -> str:
        """Where the issue is, e.g. ``Sheet1!C7``."""
        cell = f"{self.column or ''}{self.row or ''}"
        return f"{self.sheet}!{cell}" if cell else self.sheet

    def sort_key(self) -> tuple[str, int, str, str]:
        """Order used in reports: product id, row, column, header."""
        col = self.column or ""
        return (self.product_id or "", self.row or 0, f"{len(col):02d}{col}", self.header or "")
