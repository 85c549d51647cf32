"""A blank nominations form made from a ruleset, for the secretariat to send enterprises.

When the form's columns come from the criteria file, every returned file reads
cleanly: each column header is the field's first header (exactly what the reader
matches, see docs/reading.md §3), and Excel itself refuses most bad cells before
the file comes back. The workbook (see docs/reading.md, "A template for enterprises"):

- "Hồ sơ đề cử" / "Nominations": row 1 the title, row 2 a hint, row 3 the header,
  one column per field in file order; data from row 4. Each header carries a note
  (type, unit, range, pattern, accepted values, description); required columns
  are bold on an orange fill, optional ones plain on grey. Data validation covers
  ``rows`` rows: drop-down lists for choices and yes/no, number, whole-number and
  date checks; id and text columns are formatted as text so ``0101234567`` keeps
  its zero.
- "Hướng dẫn" / "Instructions": one row per field, then how to write values.
- "Danh mục" / "Lists" (hidden), only when a list is too long for Excel's inline
  list (255 characters) or holds a comma or a quote.

Decisions: the header has no "*" (the reader would strip it, but issues and
reports then show the criteria's own header); percent columns keep the General
format, because Excel stores ``12,5%`` typed there as 0.125 with a percent format
and ``12,5`` as 12.5, and the reader gives 12.5 for both (a percent-formatted
column would turn a pasted 12.5 into 1250 %). So their validation accepts both
forms: from min(min, min/100) to max(max, max/100); the reader checks the exact range.
Same ruleset and options, same bytes (fixed creation time, as for the reports).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from xlsxwriter import Workbook
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from chuluc_cli.criteria.model import Criteria, FieldSpec, FieldType
from chuluc_cli.i18n import DEFAULT_LANG, format_number, t
from chuluc_cli.io.atomic import write_atomic
from chuluc_cli.io.excel_safe import (
    Column,
    Styles,
    close_workbook,
    fit_widths,
    new_workbook,
    print_setup,
    row_height,
    safe_text,
    sheet_name,
    wrapped_lines,
    write_comment,
    write_table,
    write_text,
)
from chuluc_cli.text import column_letter, normalize_header

TITLE_ROW, HINT_ROW, HEADER_ROW, FIRST_DATA_ROW = 0, 1, 2, 3  # 0-based
EXCEL_LAST_ROW = 1_048_575  # 0-based
LIST_LIMIT = 255  # characters of an inline drop-down list, and of a validation message
TITLE_LIMIT = 32  # characters of a validation title
NUMBER_LIMIT = 999_999_999_999_999  # any real figure; the check only refuses text
DATE_RANGE = (dt.date(1900, 1, 1), dt.date(9999, 12, 31))
REQUIRED_FILL, OPTIONAL_FILL = "#F8CBAD", "#EDEDED"
SAMPLE_WIDTHS = {
    FieldType.ID: "0101234567-001",
    FieldType.TEXT: "x" * 22,
    FieldType.NUMBER: "1.234.567,5",
    FieldType.INTEGER: "1.234.567",
    FieldType.PERCENT: "12,5%",
    FieldType.DATE: "15/03/2019",
}
NUMBER_RULES = {
    FieldType.NUMBER: "decimal",
    FieldType.PERCENT: "decimal",
    FieldType.INTEGER: "integer",
}
RULE_TYPES = {  # rule key -> the field types that make it worth showing
    "number": (FieldType.NUMBER,),
    "integer": (FieldType.INTEGER,),
    "percent": (FieldType.PERCENT,),
    "date": (FieldType.DATE,),
    "bool": (FieldType.BOOL,),
    "choice": (FieldType.CHOICE,),
}


def write_template(
    criteria: Criteria,
    target: Path,
    *,
    lang: str = DEFAULT_LANG,
    force: bool = False,
    rows: int = 200,
    created: dt.datetime | None = None,
) -> None:
    """Write a blank nominations form for ``criteria`` at ``target`` (atomically).

    ``rows`` data rows get Excel's data validation (the columns' formats cover every
    row). Raises :class:`~chuluc_cli.errors.OutputError` when ``target`` exists without
    ``force``, is the criteria file itself or cannot be written; ``ValueError`` when
    ``rows`` is below 1.
    """
    if rows < 1:
        raise ValueError(f"rows must be at least 1, got {rows}")
    target = Path(target)
    title = t("template.title", lang, title=criteria.label(lang), version=criteria.version)

    def write(path: Path) -> None:
        workbook = new_workbook(path, title=title, created=created)
        _Template(criteria, lang, workbook, rows, title).write()
        close_workbook(workbook, target)

    # `chuluc template rules.yaml -o rules.yaml --force` must not destroy the ruleset.
    inputs = [criteria.source_path] if criteria.source_path else []
    write_atomic(target, write, inputs=inputs, force=force)


def shown_text(accepted: Sequence[str], lang: str) -> str:
    """The one of a field's accepted texts (headers, a choice's aliases) a form shows.

    The first; in English the last one in plain ASCII, since rulesets list their
    English aliases after the Vietnamese ones ("Cơ khí", ..., "Mechanical
    engineering"), else the first. Whichever it is, the reader accepts it.
    """
    if lang == "en":
        return next((text for text in reversed(accepted) if text.isascii()), accepted[0])
    return accepted[0]


def choice_names(spec: FieldSpec, lang: str = DEFAULT_LANG) -> list[str]:
    """The name shown for each choice of a choice field (:func:`shown_text`), else its key."""
    choices = (spec.choices or {}).items()
    return [shown_text(aliases, lang) if aliases else key for key, aliases in choices]


def needs_list_sheet(items: Sequence[str]) -> bool:
    """True when a drop-down list cannot be written inline in the validation rule."""
    return len(",".join(items)) > LIST_LIMIT or any("," in item or '"' in item for item in items)


def _clip(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` UTF-16 units (Excel's measure), ending in "…" when cut."""
    text = safe_text(text)
    if _units(text) <= limit:
        return text
    while _units(text) > limit - 1:
        text = text[:-1]
    return text.rstrip() + "…"


def _units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _number(value: float, lang: str) -> str:
    return format_number(value, lang, 6)


def range_text(spec: FieldSpec, lang: str) -> str:
    """The allowed range of a numeric field in words ("từ 0 đến 100"), or ""."""
    low, high = spec.min, spec.max
    if low is not None and high is not None:
        return t("template.range.between", lang, min=_number(low, lang), max=_number(high, lang))
    if low is not None:
        return t("template.range.at_least", lang, min=_number(low, lang))
    if high is not None:
        return t("template.range.at_most", lang, max=_number(high, lang))
    return ""


def allowed_text(spec: FieldSpec, lang: str) -> str:
    """What a cell of the field may hold, in words; "" when anything goes."""
    kind = spec.type
    if kind is FieldType.CHOICE:
        return "; ".join(choice_names(spec, lang))
    if kind is FieldType.BOOL:
        return t(
            "template.allowed.bool", lang, yes=t("template.yes", lang), no=t("template.no", lang)
        )
    if kind is FieldType.DATE:
        return t("template.allowed.date", lang)
    if kind is FieldType.PERCENT:
        parts = [range_text(spec, lang), t("template.allowed.percent", lang)]
        return "; ".join(part for part in parts if part)
    if spec.pattern:
        return t("template.allowed.pattern", lang, pattern=spec.pattern)
    return range_text(spec, lang)


def form_header(spec: FieldSpec, lang: str) -> str:
    """The header a field's column shows in the form: always one the reader accepts.

    In English the accepted header that reads as the field's ``title_en`` when
    there is one, else as :func:`shown_text` chooses.
    """
    if lang == "en" and spec.title_en:
        wanted = normalize_header(spec.title_en)
        for header in spec.headers:
            if normalize_header(header) == wanted:
                return header
    return shown_text(spec.headers, lang)


def header_note(name: str, spec: FieldSpec, lang: str) -> str:
    """The note on a column header: label, required, type, unit, allowed values, description."""
    lines = [
        spec.label(name, lang),
        t("template.required" if spec.required else "template.optional", lang),
        t("template.note.type", lang, type=t(f"template.type.{spec.type.value}", lang)),
    ]
    if unit := _unit(spec):
        lines.append(t("template.note.unit", lang, unit=unit))
    if allowed := allowed_text(spec, lang):
        key = "template.note.choices" if spec.type is FieldType.CHOICE else "template.note.allowed"
        lines.append(t(key, lang, choices=allowed, allowed=allowed))
    if spec.description:
        lines.append(spec.description)
    return "\n".join(lines)


def _unit(spec: FieldSpec) -> str:
    return spec.unit or ("%" if spec.type is FieldType.PERCENT else "")


class _Template:
    """Writes the sheets of one template workbook."""

    def __init__(self, criteria: Criteria, lang: str, workbook: Workbook, rows: int, title: str):
        self.criteria, self.lang, self.workbook, self.title = criteria, lang, workbook, title
        self.fields = list(criteria.fields.items())
        self.last_row = min(FIRST_DATA_ROW + rows - 1, EXCEL_LAST_ROW)
        self.styles = Styles(workbook, criteria.rounding)
        self.formats = self._formats(workbook)
        names: list[str] = []
        for key in ("nominations", "instructions", "lists"):
            names.append(sheet_name(t(f"template.sheet.{key}", lang), names))
        self.names = dict(zip(("nominations", "instructions", "lists"), names, strict=True))
        self.listed = [
            name
            for name, spec in self.fields
            if spec.type is FieldType.CHOICE and needs_list_sheet(choice_names(spec, lang))
        ]

    @staticmethod
    def _formats(workbook: Workbook) -> dict[str, Format]:
        header = {"text_wrap": True, "valign": "top", "border": 1}
        return {
            "required": workbook.add_format({**header, "bold": True, "bg_color": REQUIRED_FILL}),
            "optional": workbook.add_format({**header, "bg_color": OPTIONAL_FILL}),
            "hint": workbook.add_format({"italic": True, "text_wrap": True, "valign": "top"}),
            "text": workbook.add_format({"num_format": "@"}),
            "date": workbook.add_format({"num_format": "dd/mm/yyyy"}),
            "integer": workbook.add_format({"num_format": "#,##0"}),
            "rule": workbook.add_format({"text_wrap": True, "valign": "top"}),
        }

    def write(self) -> None:
        """Add the sheets in reading order: the form first, so the reader takes it."""
        form = self.workbook.add_worksheet(self.names["nominations"])
        instructions = self.workbook.add_worksheet(self.names["instructions"])
        lists = self.workbook.add_worksheet(self.names["lists"]) if self.listed else None
        self._form(form)
        self._instructions(instructions)
        if lists is not None:
            self._lists(lists)

    # ------------------------------------------------------------ the form

    def _form(self, sheet: Worksheet) -> None:
        headers = [form_header(spec, self.lang) for _, spec in self.fields]
        widths = fit_widths(
            [Column(header) for header in headers],
            [[_sample(spec, self.lang) for _, spec in self.fields]],
        )
        for c, ((_, spec), width) in enumerate(zip(self.fields, widths, strict=True)):
            sheet.set_column(c, c, width, self._column_format(spec))
        self._rows_above(sheet, sum(widths))
        lines = max(wrapped_lines(h, w) for h, w in zip(headers, widths, strict=True))
        sheet.set_row(HEADER_ROW, row_height(lines))
        for c, (name, spec) in enumerate(self.fields):
            style = self.formats["required" if spec.required else "optional"]
            write_text(sheet, HEADER_ROW, c, safe_text(headers[c]), style)
            write_comment(sheet, HEADER_ROW, c, header_note(name, spec, self.lang))
            if (rule := self._validation(name, spec)) is not None:
                sheet.data_validation(FIRST_DATA_ROW, c, self.last_row, c, rule)
        sheet.freeze_panes(FIRST_DATA_ROW, 0)
        print_setup(sheet)
        sheet.repeat_rows(HEADER_ROW)

    def _rows_above(self, sheet: Worksheet, total_width: float) -> None:
        """Title and hint, merged over the table's width so they print with it."""
        hint = t(
            "template.hint",
            self.lang,
            row=FIRST_DATA_ROW + 1,
            instructions=self.names["instructions"],
        )
        last = len(self.fields) - 1
        sheet.set_row(TITLE_ROW, 21)
        sheet.set_row(HINT_ROW, row_height(wrapped_lines(hint, total_width)))
        for row, text, style in (
            (TITLE_ROW, self.title, self.styles.title),
            (HINT_ROW, hint, self.formats["hint"]),
        ):
            if last > 0:
                sheet.merge_range(row, 0, row, last, "", style)
            write_text(sheet, row, 0, safe_text(text), style)

    def _column_format(self, spec: FieldSpec) -> Format | None:
        if spec.type in (FieldType.ID, FieldType.TEXT):
            return self.formats["text"]
        if spec.type is FieldType.DATE:
            return self.formats["date"]
        if spec.type is FieldType.INTEGER:
            return self.formats["integer"]
        return None

    # ------------------------------------------------------------ data validation

    def _validation(self, name: str, spec: FieldSpec) -> dict[str, Any] | None:
        """The data validation rule of a column, or None for id and text columns."""
        lang, kind = self.lang, spec.type
        if kind is FieldType.CHOICE:
            rule: dict[str, Any] = {"validate": "list", "source": self._choice_source(name, spec)}
            message = t("template.valid.list", lang)
        elif kind is FieldType.BOOL:
            rule = {"validate": "list", "source": [t("template.yes", lang), t("template.no", lang)]}
            message = t("template.valid.list", lang)
        elif kind is FieldType.DATE:
            first, last = DATE_RANGE
            rule = {"validate": "date", "criteria": "between", "minimum": first, "maximum": last}
            message = t("template.valid.date", lang)
        elif kind in NUMBER_RULES:
            low, high = _bounds(spec)
            rule = {"validate": NUMBER_RULES[kind], "criteria": "between"}
            rule |= {"minimum": low, "maximum": high}
            shown = range_text(spec, lang)
            message = t(f"template.valid.{kind.value}", lang, range=f" {shown}" if shown else "")
        else:
            return None
        title = _clip(form_header(spec, lang), TITLE_LIMIT)
        return rule | {
            "input_title": title,
            "input_message": _clip(allowed_text(spec, lang) or message, LIST_LIMIT),
            "error_title": _clip(t("template.valid.title", lang), TITLE_LIMIT),
            "error_message": _clip(message, LIST_LIMIT),
        }

    def _choice_source(self, name: str, spec: FieldSpec) -> list[str] | str:
        items = [safe_text(item) for item in choice_names(spec, self.lang)]
        if name not in self.listed:
            return items
        letter = column_letter(self.listed.index(name))
        quoted = self.names["lists"].replace("'", "''")
        return f"='{quoted}'!${letter}$1:${letter}${len(items)}"

    # ------------------------------------------------------------ other sheets

    def _lists(self, sheet: Worksheet) -> None:
        """One column per long list, values from row 1; hidden, referenced by the form."""
        specs = self.criteria.fields
        for c, name in enumerate(self.listed):
            items = choice_names(specs[name], self.lang)
            sheet.set_column(c, c, min(max(map(len, items)) + 2, 60))
            for r, item in enumerate(items):
                write_text(sheet, r, c, safe_text(item))
        sheet.hide()

    def _instructions(self, sheet: Worksheet) -> None:
        lang = self.lang
        columns = [
            Column(t("template.col.column", lang), width=8),
            Column(t("template.col.header", lang), "wrap", width=28),
            Column(t("template.col.label", lang), "wrap", width=28),
            Column(t("template.col.required", lang)),
            Column(t("template.col.type", lang), "wrap", width=16),
            Column(t("template.col.unit", lang)),
            Column(t("template.col.allowed", lang), "wrap", width=40),
            Column(t("template.col.description", lang), "wrap", width=48),
        ]
        count = write_table(sheet, self.styles, columns, self._instruction_rows)
        self._rules(sheet, count + 2, [column.width or 12 for column in columns])

    def _instruction_rows(self) -> list[list[str | None]]:
        lang = self.lang
        return [
            [
                column_letter(c),
                form_header(spec, lang),
                spec.label(name, lang),
                t("template.yes" if spec.required else "template.no", lang),
                t(f"template.type.{spec.type.value}", lang),
                _unit(spec) or None,
                allowed_text(spec, lang) or None,
                spec.description,
            ]
            for c, (name, spec) in enumerate(self.fields)
        ]

    def _rules(self, sheet: Worksheet, row: int, widths: Sequence[float]) -> None:
        """How to write values, below the table: only the rules for types the form has."""
        lang, last = self.lang, len(widths) - 1
        sheet.write_string(row, 0, t("template.rules.title", lang), self.styles.section)
        types = {spec.type for _, spec in self.fields}
        rules = [
            t("template.rule.rows", lang, sheet=self.names["nominations"], row=FIRST_DATA_ROW + 1),
            t("template.rule.required", lang),
            t("template.rule.text", lang),
        ]
        rules += [
            t(f"template.rule.{key}", lang)
            for key, kinds in RULE_TYPES.items()
            if types & set(kinds)
        ]
        for offset, text in enumerate(rules, start=1):
            sheet.set_row(row + offset, row_height(wrapped_lines(text, sum(widths))))
            sheet.merge_range(row + offset, 0, row + offset, last, "", self.formats["rule"])
            write_text(sheet, row + offset, 0, f"• {text}", self.formats["rule"])


def _bounds(spec: FieldSpec) -> tuple[float, float]:
    """The validation range of a numeric column (wide enough for 12,5% typed as 0.125)."""
    low = spec.min if spec.min is not None else -NUMBER_LIMIT
    high = spec.max if spec.max is not None else NUMBER_LIMIT
    if spec.type is FieldType.PERCENT:
        low, high = min(low, low / 100), max(high, high / 100)
    if spec.type is FieldType.INTEGER:
        return math.ceil(low), math.floor(high)  # the whole numbers inside the range
    return low, high


def _sample(spec: FieldSpec, lang: str) -> str | None:
    """A typical value, only to size the column."""
    if spec.type is FieldType.CHOICE:
        return max(choice_names(spec, lang), key=len)
    if spec.type is FieldType.BOOL:
        return t("template.no", lang)
    return SAMPLE_WIDTHS.get(spec.type)
