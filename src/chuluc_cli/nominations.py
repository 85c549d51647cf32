"""Nominations as read from a spreadsheet: typed values per criteria field.

This module only holds the data; reading lives in ``chuluc_cli.io.nominations``.
A value is one of ``str`` (id, text, choice key), ``float`` (number, percent),
``int`` (integer), ``bool``, ``datetime.date``, or ``None`` when the cell is
blank or could not be read (the matching data issue says why).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from chuluc_cli.data_issues import DataIssue, Severity

Value = str | float | int | bool | dt.date | None


@dataclass(frozen=True, slots=True)
class Column:
    """Where a criteria field was found in the file."""

    field: str
    letter: str  # Excel column letter
    index: int  # 0-based column index
    header: str  # header text as found in the file


@dataclass(frozen=True, slots=True)
class Nomination:
    """One nominated product: a data row of the input (slots: a round may hold 100,000)."""

    row: int  # Excel row number (1-based)
    values: dict[str, Value]
    # field -> cell text as the user sees it (the reader writes each text on demand)
    raw: Mapping[str, str] = field(default_factory=dict)
    source: str | None = None

    @property
    def product_id(self) -> str:
        """The product id, or ``row <n>`` when the id cell is blank."""
        value = self.values.get("product_id")
        return str(value) if value not in (None, "") else f"row {self.row}"


@dataclass(frozen=True)
class Nominations:
    """Everything read from one input file, including every data issue found."""

    path: str
    sha256: str
    sheet: str
    header_row: int  # Excel row number of the (last) header row
    columns: dict[str, Column]
    rows: list[Nomination]
    issues: list[DataIssue]
    blank_rows: int = 0
    format: str = "xlsx"

    def errors_by_row(self) -> dict[int, list[DataIssue]]:
        """Error-level issues grouped by Excel row (used to reject with DATA:<field>)."""
        grouped: dict[int, list[DataIssue]] = {}
        for issue in self.issues:
            if issue.severity is Severity.ERROR and issue.row is not None:
                grouped.setdefault(issue.row, []).append(issue)
        return grouped
