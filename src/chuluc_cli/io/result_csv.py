"""The result as one CSV table: a row per product, for spreadsheets and scripts.

It flattens the workbook's Shortlist and Rejected sheets: identity, status,
rank, total, tier, group totals, criterion points, reason codes and reasons,
in input order, with the workbook's headers in the report language.

- UTF-8 with a byte order mark, so Excel shows Vietnamese letters correctly
  when the file is opened by double-click; comma separated, CRLF line ends
  (RFC 4180), numbers with a dot as decimal mark. (Excel set to Vietnamese
  expects ";" and ","; open such files with Data > From Text/CSV, or use the
  workbook.)
- CSV injection (OWASP): a spreadsheet opening a CSV runs a cell starting with
  ``=``, ``+``, ``-`` or ``@`` (or tab, carriage return) as a formula. Every
  text cell that starts so gets a single quote ``'`` in front, which Excel
  shows as text; numbers written by chuluc are never prefixed. Scripts reading
  the CSV should strip one leading ``'`` from such texts, or read the JSON.
"""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from chuluc_cli.i18n import DEFAULT_LANG, t
from chuluc_cli.io.atomic import STDOUT, write_text_atomic
from chuluc_cli.io.report_xlsx import (
    identity,
    reason_lines,
    score_headers,
    status_label,
    total_header,
)
from chuluc_cli.results import RoundResult, criterion_points

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def write_csv(
    result: RoundResult,
    target: Path | str | None,
    lang: str = DEFAULT_LANG,
    *,
    inputs: Sequence[Path | str] = (),
    force: bool = False,
) -> None:
    """Write the result as CSV at ``target`` (atomically, never over an input).

    ``target`` None or ``-`` writes to standard output, without the byte order mark
    (it would end up in the middle of piped text).
    """
    text = csv_text(result, lang)
    if target is None or str(target) == STDOUT:
        _write_stdout(text)
        return
    write_text_atomic(Path(target), text, encoding="utf-8-sig", inputs=inputs, force=force)


def _write_stdout(text: str) -> None:
    # Bytes, so that a text-mode stdout (Windows) does not turn "\r\n" into "\r\r\n".
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text)
    else:
        sys.stdout.flush()
        buffer.write(text.encode("utf-8"))
        buffer.flush()


def csv_text(result: RoundResult, lang: str = DEFAULT_LANG) -> str:
    """The CSV as text (without the byte order mark, which ``write_csv`` adds)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([csv_safe(header) for header in _headers(result, lang)])
    for row in _rows(result, lang):
        writer.writerow([_cell(value) for value in row])
    return buffer.getvalue()


def csv_safe(text: str) -> str:
    """``text`` with a ``'`` in front when a spreadsheet would read it as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _headers(result: RoundResult, lang: str) -> list[str]:
    criterion_headers, group_headers = score_headers(result.criteria, lang)
    keys = ("product_id", "product", "enterprise", "status", "rank")
    return [
        *(t(f"report.col.{key}", lang) for key in keys),
        total_header(result.criteria, lang),
        t("report.col.tier", lang),
        *group_headers,
        *criterion_headers,
        t("report.col.reason_codes", lang),
        t("report.col.reason", lang),
    ]


def _rows(result: RoundResult, lang: str) -> Iterator[list[Any]]:
    criteria = result.criteria
    ids = list(criteria.criteria_by_id)
    for outcome in result.outcomes:
        card = outcome.card
        yield [
            *identity(outcome),
            status_label(outcome.status, lang),
            outcome.rank,
            card.total,
            outcome.tier.text(lang) if outcome.tier else None,
            *(card.groups.get(group.id) for group in criteria.groups),
            *criterion_points(card, ids),
            "; ".join(reason.code for reason in outcome.reasons),
            reason_lines(outcome.reasons, lang),
        ]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")  # points are already rounded: never 1E-5
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return csv_safe(str(value))
