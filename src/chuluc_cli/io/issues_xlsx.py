"""The data-issues workbook: the sheet the secretariat sends back to enterprises.

Each row is one problem in a nomination, located the way the enterprise sees
its own file (row number, column letter, header text), with the value as they
typed it and what is wrong in words. Rows are ordered by product id, row,
column and header, so all of one product's problems are together. The same
table, in a slightly different column order, is the "Data issues" sheet of
the full report (``report_xlsx``); both are built here so they cannot drift.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from xlsxwriter.workbook import Workbook

from chuluc_cli.data_issues import DataIssue
from chuluc_cli.i18n import DEFAULT_LANG, t
from chuluc_cli.io.atomic import write_atomic
from chuluc_cli.io.excel_safe import (
    LARGE_CELLS,
    Column,
    Kind,
    Styles,
    check_fits,
    close_workbook,
    new_workbook,
    sheet_name,
    write_table,
)

# For enterprises: what to fix first, then where it came from.
SEND_BACK_ORDER = (
    "product_id",
    "row",
    "column",
    "header",
    "value",
    "message",
    "severity",
    "file",
    "sheet",
)
# In the full report: where first, then what.
REPORT_ORDER = (
    "product_id",
    "file",
    "sheet",
    "row",
    "column",
    "header",
    "value",
    "severity",
    "message",
)

_HEADERS = {
    "product_id": "report.col.product_id",
    "file": "report.col.file",
    "sheet": "report.col.sheet",
    "row": "report.col.row",
    "column": "report.col.column",
    "header": "report.col.header",
    "value": "report.col.value",
    "severity": "report.col.severity",
    "message": "report.col.message",
}
_KINDS: dict[str, Kind] = {"row": "integer", "message": "wrap"}
_WIDTHS = {"message": 60.0}  # a fixed, readable width; long messages wrap


def write_issues(
    issues: Sequence[DataIssue],
    target: Path,
    *,
    lang: str = DEFAULT_LANG,
    inputs: Sequence[Path | str] = (),
    force: bool = False,
    created: dt.datetime | None = None,
) -> None:
    """Write ``issues`` as a one-sheet workbook at ``target`` (atomically, never over an input)."""
    ordered = sorted(issues, key=lambda issue: issue.sort_key())
    target = Path(target)
    name = sheet_name(t("report.sheet.issues", lang))
    check_fits(target, name, len(ordered))

    def write(path: Path) -> None:
        large = len(ordered) * len(SEND_BACK_ORDER) > LARGE_CELLS
        workbook = new_workbook(
            path, title=t("report.sheet.issues", lang), created=created, large=large
        )
        styles = Styles(workbook, rounding=0)
        add_issues_sheet(workbook, styles, ordered, lang, SEND_BACK_ORDER, name)
        close_workbook(workbook, target)

    write_atomic(target, write, inputs=inputs, force=force)


def add_issues_sheet(
    workbook: Workbook,
    styles: Styles,
    issues: Sequence[DataIssue],
    lang: str,
    order: Sequence[str] = REPORT_ORDER,
    name: str | None = None,
) -> int:
    """Add the issues sheet (issues already in report order) with columns in ``order``."""
    sheet = workbook.add_worksheet(name or sheet_name(t("report.sheet.issues", lang)))
    columns = [
        Column(t(_HEADERS[key], lang), _KINDS.get(key, "text"), _WIDTHS.get(key)) for key in order
    ]

    def rows() -> Iterator[list[Any]]:
        for issue in issues:
            yield [_cell(issue, key, lang) for key in order]

    return write_table(sheet, styles, columns, rows, freeze_columns=1)


def _cell(issue: DataIssue, key: str, lang: str) -> Any:
    if key == "file":
        return issue.source
    if key == "severity":
        return t(f"report.severity.{issue.severity.value}", lang)
    if key == "message":
        return issue.message(lang)
    return getattr(issue, key)
