"""The committee's workbook: one round's result, readable on screen and on paper.

Six sheets, named and headed in the report language:

1. Summary: the round, counts by status, sector and reason, the distribution
   of totals as a chart, and what the committee still has to decide.
2. Shortlist: selected then passed-but-cut products, each in rank order.
3. Rejected: every reason on its own line in one cell, so a printout reads well.
4. Score breakdown: every product's points per criterion; each point cell
   carries its explanation as a cell comment. A comment costs about 0.15 ms and
   1 KB of XML when the file is written (130,000 comments: 20 s, against 2 s
   for the same texts in cells; 2,600 comments are half the time of a
   200-product run), so above :data:`COMMENT_LIMIT` point cells (products x
   criteria; about 70 products of a 14-criteria ruleset, a list a committee
   reads product by product) each criterion gets an explanation column beside
   it instead: same information, filterable, printable, and the file stays
   quick to write and to open.
5. Data issues: the same table the secretariat sends back (``issues_xlsx``).
6. Run: tool version, criteria and input hashes, options: what reproduces the round.

See ``excel_safe`` for the writer (xlsxwriter), text safety and determinism.
Points are written as numbers with the criteria's ``rounding`` as number
format; they are already rounded by scoring and never rounded again here.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from chuluc_cli import __version__
from chuluc_cli.collector import collector_paused
from chuluc_cli.criteria.model import Criteria
from chuluc_cli.data_issues import DataIssue
from chuluc_cli.i18n import DEFAULT_LANG, format_number, t
from chuluc_cli.io.atomic import write_atomic
from chuluc_cli.io.excel_safe import (
    LARGE_CELLS,
    MAX_WIDTH,
    Column,
    Note,
    Styles,
    check_fits,
    close_workbook,
    print_setup,
    report_workbook,
    row_height,
    safe_text,
    sheet_name,
    text_width,
    wrapped_lines,
    write_cell,
    write_table,
    write_text,
)
from chuluc_cli.io.issues_xlsx import REPORT_ORDER, add_issues_sheet
from chuluc_cli.io.result_json import located_issues, plain, text_value, to_json
from chuluc_cli.results import Flag, Outcome, Reason, RoundResult, Status, criterion_cells

COMMENT_LIMIT = 1_000  # products x criteria above which explanations become columns
IDS_SHOWN = 50  # product ids listed in one committee note before "… and N more"
BINS = 10
SHEETS = ("summary", "shortlist", "rejected", "breakdown", "issues", "run")


def write_report(
    result: RoundResult,
    target: Path,
    *,
    lang: str = DEFAULT_LANG,
    inputs: Sequence[Path | str] = (),
    force: bool = False,
    created: dt.datetime | None = None,
) -> None:
    """Write the committee workbook for ``result`` at ``target`` (atomically, never over an input).

    ``created`` is recorded in the file's properties and the Run sheet; without it
    the file carries a fixed date, so the same result gives byte-identical files.
    """
    target = Path(target)
    issues = located_issues(result)
    names = sheet_names(lang)
    check_fits(target, names["breakdown"], len(result.outcomes))  # the longest of the tables
    check_fits(target, names["issues"], len(issues))

    def write(path: Path) -> None:
        with collector_paused():  # millions of cells, no cycles: see chuluc_cli.collector
            _write_workbook(result, issues, path, target, lang, created)

    write_atomic(target, write, inputs=inputs, force=force)


def _write_workbook(
    result: RoundResult,
    issues: Sequence[DataIssue],
    path: Path,
    target: Path,
    lang: str,
    created: dt.datetime | None,
) -> None:
    """The six sheets of the report, written to ``path`` (the temporary file of ``target``)."""
    large = _cell_count(result) > LARGE_CELLS
    title = result.criteria.label(lang)
    rounding = result.criteria.rounding
    workbook, styles = report_workbook(
        path, title=title, rounding=rounding, created=created, large=large
    )
    report = _Report(result, lang, workbook, styles)
    _summary(report)
    _shortlist(report)
    _rejected(report)
    _breakdown(report)
    add_issues_sheet(workbook, report.styles, issues, lang, REPORT_ORDER, report.names["issues"])
    _run(report, created)
    close_workbook(workbook, target)


# Labels shared with the CSV report ------------------------------------------------


def sheet_names(lang: str) -> dict[str, str]:
    """The six sheet names in ``lang``, by key (summary, shortlist, ...)."""
    names: dict[str, str] = {}
    for key in SHEETS:
        names[key] = sheet_name(t(f"report.sheet.{key}", lang), names.values())
    return names


def status_label(status: Status, lang: str) -> str:
    """The status in words."""
    return t(f"report.status.{status.value}", lang)


def reason_lines(reasons: Sequence[Reason], lang: str, seen: dict[int, str] | None = None) -> str:
    """Every reason on its own line: ``E1 — ...``.

    ``seen``: lines already written, by reason object, for a caller writing many
    products: one "below the pass mark" reason is shared by every product with
    the same total, so most lines of a large list are written once.
    """
    if seen is None:
        return "\n".join(_reason_line(reason, lang) for reason in reasons)
    lines = []
    for reason in reasons:
        line = seen.get(id(reason))
        if line is None:
            line = seen[id(reason)] = _reason_line(reason, lang)
        lines.append(line)
    return "\n".join(lines)


def _reason_line(reason: Reason, lang: str) -> str:
    return f"{reason.code} — {_without_code(reason, lang)}"


def _without_code(reason: Reason, lang: str) -> str:
    # Gate messages may start with the gate id themselves ("G1 Doanh nghiệp ..."):
    # do not print "G1 — G1 ...".
    text = reason.render(lang)
    for mark in (" ", ": "):
        if text.startswith(reason.code + mark):
            return text[len(reason.code) + len(mark) :]
    return text


def flag_labels(flags: Sequence[Flag], lang: str) -> str:
    """The flags in words, separated by "; "."""
    return "; ".join(t(f"report.flag.{flag.value}", lang) for flag in flags)


def points_header(code: str, title: str, maximum: float, lang: str, rounding: int) -> str:
    """A points column header with its maximum: ``A1 Doanh thu (15)``."""
    return f"{code} {title} ({format_number(maximum, lang, rounding)})"


def score_headers(criteria: Criteria, lang: str) -> tuple[list[str], list[str]]:
    """Headers of every criterion and of every group, in criteria order."""
    digits = criteria.rounding
    criterion_headers = [
        points_header(c.id, c.label(lang), c.max, lang, digits)
        for group in criteria.groups
        for c in group.criteria
    ]
    group_headers = [
        points_header(g.id, g.label(lang), g.max_points, lang, digits) for g in criteria.groups
    ]
    return criterion_headers, group_headers


def total_header(criteria: Criteria, lang: str) -> str:
    """``Tổng điểm (100)``."""
    return t(
        "report.col.total", lang, max=format_number(criteria.max_total, lang, criteria.rounding)
    )


def reason_label(code: str, criteria: Criteria, lang: str) -> str:
    """A readable label for a reason code (``E1`` -> the gate's title)."""
    kind, _, name = code.partition(":")
    gates = {gate.id: gate for gate in criteria.eligibility}
    if code in gates:
        return t("report.reason.gate", lang, title=gates[code].label(lang))
    digits = criteria.rounding
    if kind == "DATA":
        spec = criteria.fields.get(name)
        return t("report.reason.DATA", lang, field=spec.label(name, lang) if spec else name)
    if kind == "PASS_MARK":
        mark = format_number(criteria.selection.pass_mark, lang, digits)
        return t("report.reason.PASS_MARK", lang, pass_mark=mark)
    if kind == "GROUP_MIN":
        group = next((g for g in criteria.groups if g.id == name), None)
        return t("report.reason.GROUP_MIN", lang, title=group.label(lang) if group else name)
    if kind == "CRITERION_MIN":
        found = criteria.criteria_by_id.get(name)
        return t("report.reason.CRITERION_MIN", lang, title=found[1].label(lang) if found else name)
    if kind == "QUOTA":
        return t("report.reason.QUOTA", lang, title=_quota_title(criteria, name, lang))
    if kind == "LIMIT":
        return t("report.reason.LIMIT", lang, limit=criteria.selection.limit or "")
    if kind == "DUPLICATE":
        return t("report.reason.DUPLICATE", lang)
    return code


def _quota_title(criteria: Criteria, quota_id: str, lang: str) -> str:
    quota = next((q for q in criteria.selection.quotas if q.id == quota_id), None)
    if quota is None:
        return quota_id
    if lang == "en" and quota.title_en:
        return quota.title_en
    if quota.title:
        return quota.title
    spec = criteria.fields.get(quota.per)
    per = spec.label(quota.per, lang) if spec else quota.per
    return t("report.reason.quota_per", lang, max=quota.max, field=per)


# The workbook ---------------------------------------------------------------------


@dataclass
class _Report:
    """What every sheet writer needs."""

    result: RoundResult
    lang: str
    workbook: Workbook
    styles: Styles
    names: dict[str, str] = field(init=False)

    def __post_init__(self) -> None:
        self.names = sheet_names(self.lang)

    @property
    def criteria(self) -> Criteria:
        return self.result.criteria

    def t(self, key: str, **params: Any) -> str:
        return t(key, self.lang, **params)

    def sheet(self, key: str) -> Worksheet:
        return self.workbook.add_worksheet(self.names[key])


def _cell_count(result: RoundResult) -> int:
    criteria = result.criteria
    return len(result.outcomes) * (len(criteria.criteria_by_id) + len(criteria.groups) + 12)


def identity(outcome: Outcome) -> list[Any]:
    """Product id, product name and enterprise of one outcome."""
    values = outcome.card.nomination.values
    return [
        outcome.product_id,
        text_value(values.get("product")),
        text_value(values.get("enterprise")),
    ]


def _identity_columns(report: _Report) -> list[Column]:
    return [
        Column(report.t("report.col.product_id")),
        Column(report.t("report.col.product")),
        Column(report.t("report.col.enterprise")),
    ]


def _shortlist(report: _Report) -> None:
    lang, criteria = report.lang, report.criteria
    _, group_headers = score_headers(criteria, lang)
    columns = [
        Column(report.t("report.col.rank"), "integer"),
        *_identity_columns(report),
        Column(total_header(criteria, lang), "points"),
        Column(report.t("report.col.tier")),
        *(Column(header, "points") for header in group_headers),
        Column(report.t("report.col.status")),
        Column(report.t("report.col.cut_reason"), "wrap"),
        Column(report.t("report.col.flags")),
    ]
    listed = sorted(
        report.result.ranked(), key=lambda o: (o.status is not Status.SELECTED, o.rank or 0)
    )

    def rows() -> Iterator[list[Any]]:
        seen: dict[int, str] = {}  # the reasons live in the result while this runs
        for outcome in listed:
            card = outcome.card
            yield [
                outcome.rank,
                *identity(outcome),
                card.total,
                outcome.tier.text(lang) if outcome.tier else None,
                *(card.groups.get(group.id) for group in criteria.groups),
                status_label(outcome.status, lang),
                reason_lines(outcome.reasons, lang, seen)
                if outcome.status is Status.PASSED
                else None,
                flag_labels(outcome.flags, lang) or None,
            ]

    write_table(report.sheet("shortlist"), report.styles, columns, rows, freeze_columns=2)


def _rejected(report: _Report) -> None:
    lang = report.lang
    columns = [
        *_identity_columns(report),
        Column(total_header(report.criteria, lang), "points"),
        Column(report.t("report.col.reasons"), "wrap"),
        Column(report.t("report.col.reason_codes")),
    ]
    rejected = [o for o in report.result.outcomes if o.status is Status.REJECTED]

    def rows() -> Iterator[list[Any]]:
        seen: dict[int, str] = {}  # the reasons live in the result while this runs
        for outcome in rejected:
            codes = "; ".join(reason.code for reason in outcome.reasons)
            yield [
                *identity(outcome),
                outcome.card.total,
                reason_lines(outcome.reasons, lang, seen),
                codes,
            ]

    write_table(report.sheet("rejected"), report.styles, columns, rows, freeze_columns=1)


def _breakdown(report: _Report) -> None:
    lang, criteria = report.lang, report.criteria
    ids = list(criteria.criteria_by_id)
    paired = len(report.result.outcomes) * len(ids) > COMMENT_LIMIT
    criterion_headers, group_headers = score_headers(criteria, lang)
    score_columns: list[Column] = []
    for cid, header in zip(ids, criterion_headers, strict=True):
        score_columns.append(Column(header, "points"))
        if paired:
            score_columns.append(Column(report.t("report.col.explanation", id=cid)))
    columns = [
        Column(report.t("report.col.product_id")),
        Column(report.t("report.col.product")),
        Column(report.t("report.col.status")),
        *score_columns,
        *(Column(header, "points") for header in group_headers),
        Column(total_header(criteria, lang), "points"),
    ]

    group_ids = [group.id for group in criteria.groups]
    statuses = {status: status_label(status, lang) for status in Status}

    def rows() -> Iterator[list[Any]]:
        for outcome in report.result.outcomes:
            card = outcome.card
            points, texts = criterion_cells(card, ids, lang)
            if paired:
                scores: list[Any] = [cell for pair in zip(points, texts) for cell in pair]  # noqa: B905
            else:
                # Comments only in small rounds, where building each result costs nothing.
                awaiting = {item.id for item in card.criteria if item.awaiting}
                scores = [
                    None if value is None else Note(value, text, cid in awaiting)
                    for cid, value, text in zip(ids, points, texts, strict=True)
                ]
            groups = card.groups
            yield [
                outcome.product_id,
                text_value(card.nomination.values.get("product")),
                statuses[outcome.status],
                *scores,
                *[groups.get(group_id) for group_id in group_ids],
                card.total,
            ]

    sheet = report.sheet("breakdown")
    sheet.set_comments_author("chuluc")
    write_table(sheet, report.styles, columns, rows, freeze_columns=2)


# Summary and Run: small sheets of sections, buffered so widths can be fitted ---------


@dataclass
class _Block:
    """Rows of a small sheet, each with a style: title, section, header, pair, data, note."""

    rows: list[tuple[str, list[Any]]] = field(default_factory=list)

    def add(self, style: str, *values: Any) -> int:
        self.rows.append((style, list(values)))
        return len(self.rows) - 1

    def skip(self) -> None:
        self.add("blank")

    def widths(self) -> list[float]:
        sizes: Counter[int] = Counter()
        for style, values in self.rows:
            if style in ("title", "section", "blank"):
                continue  # these overflow into the empty cells to their right
            for index, value in enumerate(values):
                value = value.value if isinstance(value, Note) else value
                size = text_width(value) if isinstance(value, str) else len(str(value))
                sizes[index] = max(sizes[index], min(size + 2, MAX_WIDTH))
        return [max(sizes[index], 10) for index in range(max(sizes, default=-1) + 1)]

    def write(self, sheet: Worksheet, styles: Styles) -> None:
        widths = self.widths()
        for index, width in enumerate(widths):
            sheet.set_column(index, index, width)
        for row, (style, values) in enumerate(self.rows):
            wrapped = self._wrapped(style, values, widths)
            if wrapped:  # before the cells: constant_memory mode writes a row once the next starts
                lines = max(wrapped_lines(values[col], widths[col]) for col in wrapped)
                sheet.set_row(row, row_height(lines))
            for col, value in enumerate(values):
                self._cell(sheet, styles, style, row, col, value, col in wrapped)
        print_setup(sheet)

    @staticmethod
    def _wrapped(style: str, values: list[Any], widths: list[float]) -> set[int]:
        """The columns of a row whose text is wider than its column, so must wrap."""
        if style not in ("pair", "data", "note"):
            return set()
        return {
            col
            for col, value in enumerate(values)
            if isinstance(value, str)
            and (style == "note" or text_width(value) > widths[col] - 2)
            and not (style == "pair" and col == 0)
        }

    @staticmethod
    def _cell(
        sheet: Worksheet, styles: Styles, style: str, row: int, col: int, value: Any, wrap: bool
    ) -> None:
        if style in ("title", "section", "header") or (style == "pair" and col == 0):
            format_ = {"title": styles.title, "section": styles.section, "header": styles.header}
            write_text(sheet, row, col, safe_text(value), format_.get(style, styles.label))
        else:
            write_cell(sheet, styles, row, col, value, "wrap" if wrap else "text")


def _summary(report: _Report) -> None:
    block = _Block()
    _round_facts(report, block)
    _status_counts(report, block)
    _sector_counts(report, block)
    _reason_counts(report, block)
    first, last = _distribution(report, block)
    _committee_notes(report, block)
    sheet = report.sheet("summary")
    block.write(sheet, report.styles)
    _chart(report, sheet, first, last)


def _round_facts(report: _Report, block: _Block) -> None:
    criteria, lang = report.criteria, report.lang
    digits = criteria.rounding
    block.add("title", criteria.label(lang))
    block.add("pair", report.t("report.summary.criteria"), criteria.id)
    block.add("pair", report.t("report.summary.version"), criteria.version)
    if criteria.source:
        block.add("pair", report.t("report.summary.source"), criteria.source)
    if criteria.source_path:
        block.add("pair", report.t("report.summary.criteria_file"), criteria.source_path)
    mark = format_number(criteria.selection.pass_mark, lang, digits)
    block.add("pair", report.t("report.summary.pass_mark"), mark)
    block.add(
        "pair",
        report.t("report.summary.max_total"),
        format_number(criteria.max_total, lang, digits),
    )
    if criteria.selection.limit:
        block.add("pair", report.t("report.summary.limit"), criteria.selection.limit)
    block.add("pair", report.t("report.summary.products"), len(report.result.outcomes))


def _status_counts(report: _Report, block: _Block) -> None:
    block.skip()
    block.add("section", report.t("report.summary.by_status"))
    block.add("header", report.t("report.col.status"), report.t("report.col.count"))
    for status in Status:
        block.add("data", status_label(status, report.lang), report.result.count(status))
    block.add("pair", report.t("report.summary.total_row"), len(report.result.outcomes))


def _sector_counts(report: _Report, block: _Block) -> None:
    spec = report.criteria.fields.get("sector")
    if spec is None:
        return
    counts: Counter[Any] = Counter()
    selected: Counter[Any] = Counter()
    for outcome in report.result.outcomes:
        value = outcome.card.nomination.values.get("sector")
        counts[value] += 1
        selected[value] += outcome.status is Status.SELECTED
    choices = spec.choices or {}
    keys: list[Any] = [key for key in choices if key in counts]
    keys += sorted((key for key in counts if key not in choices and key is not None), key=str)
    keys += [None] if None in counts else []
    block.skip()
    block.add("section", report.t("report.summary.by_sector"))
    block.add(
        "header",
        spec.label("sector", report.lang),
        report.t("report.col.count"),
        report.t("report.col.selected"),
    )
    for key in keys:
        label = choices[key][0] if key in choices else key
        if key is None:
            label = report.t("report.summary.blank")
        block.add("data", str(label), counts[key], selected[key])


def _reason_counts(report: _Report, block: _Block) -> None:
    counts = report.result.reason_counts()
    if not counts:
        return
    block.skip()
    block.add("section", report.t("report.summary.by_reason"))
    block.add("header", report.t("report.col.reason"), report.t("report.col.count"))
    for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        label = reason_label(code, report.criteria, report.lang)
        block.add("data", f"{code} — {label}", count)


def _distribution(report: _Report, block: _Block) -> tuple[int, int]:
    """Add the bins of totals; returns the first and last row of the bins (for the chart)."""
    maximum = report.criteria.max_total
    width = maximum / BINS
    counts = [0] * BINS
    for outcome in report.result.outcomes:
        index = int(float(outcome.card.total) / width) if width > 0 else 0
        counts[min(max(index, 0), BINS - 1)] += 1
    block.skip()
    block.add("section", report.t("report.summary.distribution"))
    block.add("header", report.t("report.col.range"), report.t("report.col.count"))
    # "[0; 10)" in Vietnamese, where the comma is the decimal mark; "[0, 10)" in English.
    separator = "; " if report.lang == "vi" else ", "
    first = len(block.rows)
    for index, count in enumerate(counts):
        low = format_number(index * width, report.lang, report.criteria.rounding)
        high = format_number((index + 1) * width, report.lang, report.criteria.rounding)
        close = "]" if index == BINS - 1 else ")"
        block.add("data", f"[{low}{separator}{high}{close}", count)
    return first, len(block.rows) - 1


def _chart(report: _Report, sheet: Worksheet, first: int, last: int) -> None:
    name = report.names["summary"]
    chart = report.workbook.add_chart({"type": "column"})
    chart.add_series(
        {
            "name": report.t("report.col.count"),
            "categories": [name, first, 0, last, 0],
            "values": [name, first, 1, last, 1],
            "gap": 50,
        }
    )
    chart.set_title({"name": report.t("report.summary.chart_title")})
    chart.set_x_axis({"name": report.t("report.col.range")})
    chart.set_y_axis({"name": report.t("report.col.count"), "major_gridlines": {"visible": True}})
    chart.set_legend({"none": True})
    sheet.insert_chart(first - 2, 3, chart, {"x_offset": 16})


def _committee_notes(report: _Report, block: _Block) -> None:
    notes = [*_tie_notes(report), *_awaiting_notes(report), *_issue_notes(report)]
    block.skip()
    block.add("section", report.t("report.summary.committee"))
    for note in notes or [report.t("report.summary.nothing")]:
        block.add("note", note)


def _tie_notes(report: _Report) -> list[str]:
    """One note per group of tied products (neighbours in rank order with the same total)."""
    tied = sorted(
        (o for o in report.result.outcomes if Flag.TIE in o.flags),
        key=lambda o: (o.rank is None, o.rank or 0),
    )
    groups: list[list[Outcome]] = []
    for outcome in tied:
        if groups and groups[-1][-1].card.total == outcome.card.total:
            groups[-1].append(outcome)
        else:
            groups.append([outcome])
    digits = report.criteria.rounding
    return [
        report.t(
            "report.summary.tie",
            total=format_number(float(group[0].card.total), report.lang, digits),
            products=_ids(report, group),
        )
        for group in groups
    ]


def _awaiting_notes(report: _Report) -> list[str]:
    waiting = [o for o in report.result.outcomes if Flag.AWAITING_SCORES in o.flags]
    if not waiting:
        return []
    return [report.t("report.summary.awaiting", count=len(waiting), products=_ids(report, waiting))]


def _issue_notes(report: _Report) -> list[str]:
    counts = Counter(issue.severity.value for issue in report.result.issues)
    if not counts["error"] and not counts["warning"]:
        return []
    return [
        report.t(
            "report.summary.issues",
            errors=counts["error"],
            warnings=counts["warning"],
            sheet=report.names["issues"],
        )
    ]


def _ids(report: _Report, outcomes: Sequence[Outcome]) -> str:
    shown = ", ".join(outcome.product_id for outcome in outcomes[:IDS_SHOWN])
    rest = len(outcomes) - IDS_SHOWN
    return shown + (" " + report.t("report.summary.more", count=rest) if rest > 0 else "")


def _run(report: _Report, created: dt.datetime | None) -> None:
    criteria, result = report.criteria, report.result
    block = _Block()
    block.add("title", report.t("report.run.title"))
    block.add("pair", report.t("report.run.tool"), f"chuluc {__version__}")
    block.add("pair", report.t("report.run.criteria_id"), criteria.id)
    block.add("pair", report.t("report.run.criteria_version"), criteria.version)
    block.add("pair", report.t("report.run.criteria_sha256"), criteria.sha256 or "")
    block.add("pair", report.t("report.run.criteria_path"), criteria.source_path or "")
    block.add("pair", report.t("report.run.language"), report.lang)
    if created is not None:
        block.add("pair", report.t("report.run.created"), created.isoformat(timespec="seconds"))
    block.skip()
    block.add("section", report.t("report.run.inputs"))
    block.add(
        "header",
        *(
            report.t(f"report.col.{key}")
            for key in ("file", "sha256", "sheet", "header_row", "rows", "format")
        ),
    )
    for item in result.inputs:
        block.add(
            "data",
            PurePath(item.path).name,
            item.sha256,
            item.sheet,
            item.header_row,
            len(item.rows),
            item.format,
        )
    block.skip()
    block.add("section", report.t("report.run.options"))
    for key, value in result.options.items():
        shown = value if isinstance(value, str) else to_json(plain(value))
        block.add("pair", str(key), shown)
    if not result.options:
        block.add("data", report.t("report.run.no_options"))
    block.write(report.sheet("run"), report.styles)
