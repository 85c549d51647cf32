"""Find the header row of a nominations sheet and the column of every criteria field.

Nomination sheets are made for printing: a title, a date or a decision number
sit above the table, header cells are merged, and a group title such as
"Doanh thu (tỷ đồng)" spans sub-headers "2023" | "2024" on the row below. So
the header is searched, not assumed:

- Merged ranges are filled first: a merged cell's value applies to every cell
  it covers.
- Each of the first ``search_rows`` rows is a candidate. A column of the row
  matches a field when its text equals one of the field's headers after
  :func:`chuluc_cli.text.normalize_header` (case, accents, spaces, a trailing
  unit in brackets ignored). When it does not, the text of the row above and
  this one combined ("Doanh thu (tỷ đồng) 2024") is tried, with every
  bracketed unit dropped on both sides, so it matches "Doanh thu 2024 (tỷ đồng)".
  Without merges (a CSV export), a group title with a sub-header below spans the
  blank upper cells to its right that have sub-headers too.
- A row's score is (required fields matched, fields matched); the first row
  with the best score is the (last) header row. Data start on the next row.
- A field matched by two columns takes the first; the other is recorded in
  :attr:`HeaderMatch.duplicates` for a warning.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from chuluc_cli.criteria.model import FieldSpec
from chuluc_cli.errors import InputError, Joined, Text, joined
from chuluc_cli.i18n import Message, msg
from chuluc_cli.io.values import is_blank, parse_text
from chuluc_cli.io.workbook import RawSheet
from chuluc_cli.nominations import Column
from chuluc_cli.text import closest, column_letter, fold, normalize_header

SEARCH_ROWS = 30
_UNITS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_MAX_LISTED_HEADERS = 40


@dataclass(frozen=True)
class HeaderMatch:
    """Where the header is and which column holds each field."""

    sheet: str
    header_row: int  # 0-based index of the LAST header row; data start on the next row
    columns: dict[str, Column]
    unmatched_headers: list[str]
    score: tuple[int, int]  # (required fields matched, fields matched)
    headers: list[str] = field(default_factory=list)  # every header text found, column order
    header_texts: dict[int, str] = field(default_factory=dict)  # column index -> header text
    duplicates: list[tuple[str, Column]] = field(default_factory=list)  # (field, ignored column)
    rows_used: int = 1  # 2 when sub-headers were combined with the row above


def filled_rows(sheet: RawSheet, limit: int | None = None) -> list[list[object]]:
    """Return ``sheet.rows`` (up to ``limit`` rows) with merged values copied into every cell.

    Rows that no merged range touches are shared with ``sheet.rows``, not copied.
    """
    rows = list(sheet.rows if limit is None else sheet.rows[:limit])
    copied: set[int] = set()
    for r0, c0, r1, c1 in sheet.merged:
        if r0 >= len(rows) or c0 >= len(rows[r0]):
            continue
        value = rows[r0][c0]
        for r in range(r0, min(r1, len(rows) - 1) + 1):
            if r not in copied:
                rows[r] = list(rows[r])
                copied.add(r)
            row = rows[r]
            if len(row) <= c1:
                row.extend([""] * (c1 + 1 - len(row)))
            for c in range(c0, c1 + 1):
                row[c] = value
    return rows


def loose_header(text: str) -> str:
    """Compare form of a combined two-row header: every bracketed unit dropped, anywhere."""
    loose = " ".join(_UNITS.sub(" ", fold(text)).split()).rstrip(":* ").strip()
    return loose or normalize_header(text)


def _cell_text(raw: object) -> str:
    return "" if is_blank(raw) else parse_text(raw)


@dataclass
class _Lookup:
    """Field names by the compare forms of their headers."""

    strict: dict[str, list[str]]
    loose: dict[str, list[str]]

    @classmethod
    def of(cls, fields: Mapping[str, FieldSpec]) -> _Lookup:
        strict: dict[str, list[str]] = {}
        loose: dict[str, list[str]] = {}
        for name, spec in fields.items():
            for header in spec.headers:
                _add_unique(strict, normalize_header(header), name)
                _add_unique(loose, loose_header(header), name)
        return cls(strict, loose)


def _add_unique(index: dict[str, list[str]], key: str, name: str) -> None:
    names = index.setdefault(key, [])
    if name not in names:
        names.append(name)


@dataclass
class _Candidate:
    """One row tried as the header row."""

    row: int
    found: dict[str, list[Column]]
    texts: dict[int, str]
    rows_used: int


def _try_row(rows: Sequence[Sequence[object]], r: int, lookup: _Lookup) -> _Candidate:
    found: dict[str, list[Column]] = {}
    texts: dict[int, str] = {}
    uppers: dict[int, str] = {}
    rows_used = 1
    above = _group_titles(rows[r - 1], rows[r]) if r > 0 else []
    for c, raw in enumerate(rows[r]):
        text = _cell_text(raw)
        names = lookup.strict.get(normalize_header(text), []) if text else []
        upper = above[c] if c < len(above) else ""
        if not names and upper:
            combined = _combine(upper, text)
            names = lookup.loose.get(loose_header(combined), [])
            if names:
                text, rows_used = combined, 2
            elif not text:
                uppers[c] = upper
        if text:
            texts[c] = text
        for name in names:
            found.setdefault(name, []).append(Column(name, column_letter(c), c, text))
    if rows_used == 2:
        # A two-row header: a header typed only on the upper row ("STT") is still a header.
        texts.update(uppers)
    return _Candidate(r, found, texts, rows_used)


def _group_titles(upper_row: Sequence[object], lower_row: Sequence[object]) -> list[str]:
    """The upper row's texts, a group title carried right over the blank cells it spans.

    A file saved as CSV keeps a merged group title only in its first cell:
    "Doanh thu (tỷ đồng)", "" above "2023", "2024". A title with a sub-header under
    it spans the blank upper cells to its right that have a sub-header too.
    """
    titles: list[str] = []
    group = ""
    for c in range(max(len(upper_row), len(lower_row))):
        upper = _cell_text(upper_row[c]) if c < len(upper_row) else ""
        has_lower = c < len(lower_row) and not is_blank(lower_row[c])
        if upper:
            group = upper if has_lower else ""
            titles.append(upper)
        else:
            group = group if has_lower else ""
            titles.append(group)
    return titles


def _combine(upper: str, lower: str) -> str:
    if not lower or fold(upper) == fold(lower):
        return upper
    return f"{upper} {lower}"


def _score(candidate: _Candidate, fields: Mapping[str, FieldSpec]) -> tuple[int, int]:
    required = sum(1 for name in candidate.found if fields[name].required)
    return required, len(candidate.found)


def find_header(
    sheet: RawSheet, fields: Mapping[str, FieldSpec], *, search_rows: int = SEARCH_ROWS
) -> HeaderMatch:
    """Find the header row among the first ``search_rows`` rows and each field's column.

    With no field matched anywhere, the header row is the first row with the most
    text cells, so that the "headers found" of an error message show something useful.
    """
    rows = filled_rows(sheet, search_rows + 1)
    lookup = _Lookup.of(fields)
    best: _Candidate | None = None
    best_score = (0, 0)
    # A row matching every field cannot be beaten (a tie keeps the first): stop there,
    # instead of comparing 30 rows of data texts with the headers.
    highest = (sum(1 for spec in fields.values() if spec.required), len(fields))
    for r in range(min(search_rows, len(rows))):
        candidate = _try_row(rows, r, lookup)
        score = _score(candidate, fields)
        if score > best_score:
            best, best_score = candidate, score
        if best_score == highest:
            break
    if best is None:
        best = _fallback_row(rows, search_rows)
    return _match(sheet.name, best, best_score)


def _fallback_row(rows: Sequence[Sequence[object]], search_rows: int) -> _Candidate:
    counts = [sum(1 for raw in row if not is_blank(raw)) for row in rows[:search_rows]]
    most = max(counts, default=0)
    r = counts.index(most) if most else 0
    texts = {c: _cell_text(raw) for c, raw in enumerate(rows[r] if rows else ())}
    return _Candidate(r, {}, {c: text for c, text in texts.items() if text}, 1)


def _match(sheet: str, candidate: _Candidate, score: tuple[int, int]) -> HeaderMatch:
    columns: dict[str, Column] = {}
    duplicates: list[tuple[str, Column]] = []
    for name, found in candidate.found.items():
        columns[name] = found[0]
        duplicates.extend((name, extra) for extra in found[1:])
    used = {column.index for found in candidate.found.values() for column in found}
    texts = dict(sorted(candidate.texts.items()))
    return HeaderMatch(
        sheet=sheet,
        header_row=candidate.row,
        columns=columns,
        unmatched_headers=[text for c, text in texts.items() if c not in used],
        score=score,
        headers=list(texts.values()),
        header_texts=texts,
        duplicates=sorted(duplicates, key=lambda item: item[1].index),
        rows_used=candidate.rows_used,
    )


def missing_fields(match: HeaderMatch, fields: Mapping[str, FieldSpec]) -> list[str]:
    """The required fields that have no column, in criteria order."""
    return [name for name, spec in fields.items() if spec.required and name not in match.columns]


def missing_required(
    match: HeaderMatch,
    fields: Mapping[str, FieldSpec],
    *,
    path: str,
    hint: Text | None = None,
) -> None:
    """Raise :class:`InputError` if a required field has no column; else do nothing.

    The message is one line: for each missing field, its accepted headers and the
    closest unmatched header of the file ("did you mean"), then the headers found.
    """
    missing = missing_fields(match, fields)
    if not missing:
        return
    parts = [_missing_part(name, fields[name], match.unmatched_headers) for name in missing]
    place = f"{path} [{match.sheet}]"
    found = _listed(match.headers)
    message = msg("errors.input.missing_columns", place=place, parts=_separated(parts), found=found)
    details: list[Text] = [joined(f"{place}: ", part) for part in parts]
    raise InputError(message, hint=hint, details=details)


def _separated(parts: list[Message]) -> Joined:
    """The parts one after another, separated by "; " in either language."""
    texts: list[Text] = []
    for part in parts:
        texts += ["; ", part] if texts else [part]
    return joined(*texts)


def _missing_part(name: str, spec: FieldSpec, unmatched: list[str]) -> Message:
    accepted = ", ".join(f'"{header}"' for header in spec.headers)
    part = msg("errors.input.missing_column", field=name, accepted=accepted)
    suggestion = next(
        (found for header in spec.headers if (found := closest(header, unmatched))), None
    )
    if suggestion:
        return msg("errors.input.missing_column_closest", part=part, suggestion=suggestion)
    return part


def _listed(headers: list[str]) -> Text:
    if not headers:
        return msg("errors.input.headers_none")
    shown = ", ".join(headers[:_MAX_LISTED_HEADERS])
    more = len(headers) - _MAX_LISTED_HEADERS
    return msg("errors.input.headers_more", shown=shown, count=more) if more > 0 else shown
