"""The blank nominations template: read back with openpyxl, then filled in and read by chuluc."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from chuluc_cli import load_criteria
from chuluc_cli.criteria.loader import parse_criteria
from chuluc_cli.criteria.model import Criteria, FieldSpec, FieldType
from chuluc_cli.data_issues import Severity
from chuluc_cli.errors import OutputError
from chuluc_cli.io.nominations import load_nominations
from chuluc_cli.io.template_xlsx import REQUIRED_FILL, choice_names, form_header, write_template
from chuluc_cli.text import column_letter, fold

RULESETS = ["hanoi-spcncl", "ocop-2023", "cnnt-2014"]
LANGS = ["vi", "en"]
SHEETS = {"vi": ["Hồ sơ đề cử", "Hướng dẫn"], "en": ["Nominations", "Instructions"]}
LISTS = {"vi": "Danh mục", "en": "Lists"}
YES = {"vi": "Có", "en": "Yes"}
NO = {"vi": "Không", "en": "No"}
VALIDATION_TYPE = {
    FieldType.CHOICE: "list",
    FieldType.BOOL: "list",
    FieldType.NUMBER: "decimal",
    FieldType.PERCENT: "decimal",
    FieldType.INTEGER: "whole",
    FieldType.DATE: "date",
}
TAX_CODE = "0101234567"
PATTERN_SAMPLES = {"^[0-9]{10}(-[0-9]{3})?$": TAX_CODE}

LONG_LIST_YAML = """\
schema: chuluc/criteria-v1
id: long-list
version: "1"
title: "Danh mục dài"
fields:
  product_id: {type: id, headers: ["Mã hồ sơ"]}
  product: {type: text, headers: ["Tên sản phẩm"]}
  district:
    type: choice
    headers: ["Quận, huyện nơi đặt cơ sở sản xuất chính của doanh nghiệp"]
    choices:
{choices}
  grade: {type: choice, headers: ["Xếp loại"], choices: {a: ["Tốt, ổn định"], b: ["Khá"]}}
  share: {type: percent, headers: ["Tỷ lệ"], min: 5, max: 80, required: false}
groups:
  - id: A
    title: "Nhóm"
    criteria:
      - {id: A1, title: "Loại", max: 1, map: {of: grade, points: {a: 1}}}
selection: {pass_mark: 0}
"""


@cache
def _criteria(name: str) -> Criteria:
    return load_criteria(name)


def _long_list_criteria() -> Criteria:
    choices = "\n".join(f'      d{i}: ["Quận số {i} của thành phố trực thuộc"]' for i in range(30))
    return parse_criteria(LONG_LIST_YAML.replace("{choices}", choices).encode(), "long.yaml")


def _write(tmp_path: Path, criteria: Criteria, lang: str = "vi", **options: Any) -> Path:
    target = tmp_path / f"mau-{lang}.xlsx"
    write_template(criteria, target, lang=lang, **options)
    return target


def _validations(sheet) -> dict[str, Any]:
    """Each data validation by the letter of the column it covers."""
    found = {}
    for validation in sheet.data_validations.dataValidation:
        for cells in validation.sqref.ranges:
            assert cells.min_col == cells.max_col
            found[column_letter(cells.min_col - 1)] = validation
    return found


def _number_format(sheet, index: int) -> str:
    for dimension in sheet.column_dimensions.values():
        if dimension.min is not None and dimension.min <= index + 1 <= dimension.max:
            return dimension.number_format
    return "General"


# ---------------------------------------------------------------- layout


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("ruleset", RULESETS)
def test_sheets_title_and_headers(tmp_path: Path, ruleset: str, lang: str) -> None:
    criteria = _criteria(ruleset)
    workbook = openpyxl.load_workbook(_write(tmp_path, criteria, lang))
    assert workbook.sheetnames[:2] == SHEETS[lang]
    form = workbook[SHEETS[lang][0]]
    assert criteria.label(lang) in form["A1"].value and criteria.version in form["A1"].value
    assert "4" in form["A2"].value
    headers = [cell.value for cell in form[3]]
    assert headers == [form_header(spec, lang) for spec in criteria.fields.values()]
    if lang == "en":  # every shipped ruleset lists an English header for each field
        assert headers[0] == "Product ID" and all(header.isascii() for header in headers)
    else:
        assert headers == [spec.headers[0] for spec in criteria.fields.values()]
    assert form.freeze_panes == "A4"
    assert form.page_setup.orientation == "landscape" and form.page_setup.paperSize == 9


@pytest.mark.parametrize("ruleset", RULESETS)
def test_required_columns_are_bold_on_their_own_fill(tmp_path: Path, ruleset: str) -> None:
    criteria = _criteria(ruleset)
    form = openpyxl.load_workbook(_write(tmp_path, criteria)).worksheets[0]
    for cell, spec in zip(form[3], criteria.fields.values(), strict=True):
        filled = cell.fill.fgColor.rgb[-6:] == REQUIRED_FILL[1:]
        assert (bool(cell.font.b), filled) == (spec.required, spec.required), cell.value
        assert cell.comment.text.splitlines()[1] == (
            "Bắt buộc" if spec.required else "Không bắt buộc"
        )


def test_header_notes_describe_the_field(tmp_path: Path) -> None:
    criteria = _criteria("hanoi-spcncl")
    form = openpyxl.load_workbook(_write(tmp_path, criteria)).worksheets[0]
    notes = {cell.value: cell.comment.text for cell in form[3]}
    assert "Đơn vị: tỷ đồng" in notes["Doanh thu năm N"]
    assert "từ 0 trở lên" in notes["Doanh thu năm N"]
    assert criteria.fields["revenue_prev"].description in notes["Doanh thu năm N-1"]
    assert "^[0-9]{10}(-[0-9]{3})?$" in notes["Mã số thuế"]
    assert "Cơ khí chế tạo; Điện tử - công nghệ thông tin" in notes["Ngành"]
    assert "từ 0 đến 100" in notes["Tỷ trọng xuất khẩu"]
    en = openpyxl.load_workbook(_write(tmp_path, criteria, "en")).worksheets[0]
    assert en["K3"].comment.text.startswith("Product revenue, year N\nRequired\nType: number")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("ruleset", RULESETS)
def test_every_typed_column_has_its_validation(tmp_path: Path, ruleset: str, lang: str) -> None:
    criteria = _criteria(ruleset)
    workbook = openpyxl.load_workbook(_write(tmp_path, criteria, lang))
    form = workbook.worksheets[0]
    validations = _validations(form)
    for index, spec in enumerate(criteria.fields.values()):
        letter = column_letter(index)
        expected = VALIDATION_TYPE.get(spec.type)
        if expected is None:  # id and text: no validation, but text format keeps zeros
            assert letter not in validations
            assert _number_format(form, index) == "@"
            continue
        validation = validations[letter]
        assert (validation.type, str(validation.sqref)) == (expected, f"{letter}4:{letter}203")
        assert validation.error and validation.showErrorMessage
        if spec.type is FieldType.BOOL:
            assert validation.formula1 == f'"{YES[lang]},{NO[lang]}"'
        elif spec.type is FieldType.CHOICE:
            assert _list_items(workbook, validation.formula1) == choice_names(spec, lang)
        elif spec.type is FieldType.DATE:
            assert _number_format(form, index) == "dd/mm/yyyy"
        elif spec.type is not FieldType.PERCENT:
            low = spec.min if spec.min is not None else -999_999_999_999_999
            assert float(validation.formula1) == low


def _list_items(workbook, formula: str) -> list[str]:
    """The items of a list validation: inline, or a range of the hidden lists sheet."""
    if formula.startswith('"'):
        return formula.strip('"').split(",")
    match = re.fullmatch(r"'(.+)'!\$([A-Z]+)\$1:\$\2\$(\d+)", formula)
    assert match, formula
    sheet = workbook[match[1]]
    assert sheet.sheet_state == "hidden"
    return [sheet[f"{match[2]}{row}"].value for row in range(1, int(match[3]) + 1)]


def test_percent_validation_accepts_both_ways_of_typing(tmp_path: Path) -> None:
    criteria = _criteria("hanoi-spcncl")
    form = openpyxl.load_workbook(_write(tmp_path, criteria)).worksheets[0]
    validation = _validations(form)["N"]  # export_share, 0 to 100
    assert (float(validation.formula1), float(validation.formula2)) == (0, 100)
    assert _number_format(form, 13) == "General"  # never a percent format: see the module
    # 5 % to 80 %: Excel stores "12,5%" as 0.125 and "12,5" as 12.5; both must pass.
    form = openpyxl.load_workbook(_write(tmp_path, _long_list_criteria(), "en")).worksheets[0]
    validation = _validations(form)["E"]
    assert (float(validation.formula1), float(validation.formula2)) == (0.05, 80)


def test_long_or_comma_lists_go_to_a_hidden_sheet(tmp_path: Path) -> None:
    criteria = _long_list_criteria()
    workbook = openpyxl.load_workbook(_write(tmp_path, criteria, "en"))
    assert workbook.sheetnames == ["Nominations", "Instructions", "Lists"]
    validations = _validations(workbook.worksheets[0])
    assert validations["C"].formula1 == "'Lists'!$A$1:$A$30"
    assert validations["D"].formula1 == "'Lists'!$B$1:$B$2"
    assert _list_items(workbook, validations["D"].formula1) == ["Tốt, ổn định", "Khá"]
    assert len(validations["C"].promptTitle) <= 32 and validations["C"].promptTitle.endswith("…")
    assert len(validations["C"].prompt) <= 255


def test_rows_sets_how_far_validation_goes(tmp_path: Path) -> None:
    form = openpyxl.load_workbook(_write(tmp_path, _criteria("cnnt-2014"), rows=10)).worksheets[0]
    assert {re.sub("[A-Z]", "", str(v.sqref)) for v in form.data_validations.dataValidation} == {
        "4:13"
    }
    with pytest.raises(ValueError, match="rows"):
        write_template(_criteria("cnnt-2014"), tmp_path / "none.xlsx", rows=0)


@pytest.mark.parametrize("lang", LANGS)
def test_instructions_list_every_field_and_the_rules(tmp_path: Path, lang: str) -> None:
    criteria = _criteria("ocop-2023")
    sheet = openpyxl.load_workbook(_write(tmp_path, criteria, lang))[SHEETS[lang][1]]
    rows = list(sheet.iter_rows(values_only=True))
    fields = list(criteria.fields.values())
    table = rows[1 : 1 + len(fields)]
    assert [row[1] for row in table] == [form_header(spec, lang) for spec in fields]
    assert [row[3] for row in table] == [YES[lang] if s.required else NO[lang] for s in fields]
    assert table[4][6] == "; ".join(choice_names(fields[4], lang))
    rules = " ".join(row[0] for row in rows[2 + len(fields) :] if row[0])
    assert ("12,5%" if lang == "vi" else "12.5%") in rules
    assert "15/03/2019" not in rules  # ocop-2023 has no date field: no rule for dates


# ---------------------------------------------------------------- round trip


def _sample(name: str, spec: FieldSpec, i: int, lang: str) -> tuple[Any, Any]:
    """A valid cell for row ``i`` of the field, as typed, and the value chuluc must read."""
    kind, low, high = spec.type, spec.min, spec.max
    if kind is FieldType.ID:
        return f"{i + 1:03d}", f"{i + 1:03d}"
    if kind is FieldType.TEXT:
        if spec.pattern:
            text = PATTERN_SAMPLES[spec.pattern]
            assert re.fullmatch(spec.pattern, text)
        else:
            text = TAX_CODE if "ma so thue" in fold(spec.headers[0]) else f"{name} số {i + 1}"
        return text, text
    if kind is FieldType.NUMBER:
        value = (low + high) / 2 if low is not None and high is not None else (low or 0) + 1234.5
        return value, value
    if kind is FieldType.INTEGER:
        value = int(low or 0) + 3 + i
        return value, value
    if kind is FieldType.PERCENT:
        return 12.5, 12.5
    if kind is FieldType.BOOL:
        return (YES[lang], True) if i % 2 == 0 else (NO[lang], False)
    if kind is FieldType.DATE:
        day = dt.date(2019, 3, 15 + i)
        return day, day
    keys = list(spec.choices or {})
    key = keys[i % len(keys)]
    return choice_names(spec, lang)[i % len(keys)], key


def _fill(path: Path, criteria: Criteria, count: int, lang: str) -> list[dict[str, Any]]:
    """Fill ``count`` rows as an enterprise would; return the values expected back."""
    workbook = openpyxl.load_workbook(path)
    form = workbook.worksheets[0]
    expected = []
    for i in range(count):
        values = {}
        for c, (name, spec) in enumerate(criteria.fields.items(), start=1):
            typed, values[name] = _sample(name, spec, i, lang)
            cell = form.cell(row=4 + i, column=c, value=typed)
            if spec.type is FieldType.PERCENT and i == 0:
                # What Excel stores for "12,5%" typed in a General cell.
                cell.value, cell.number_format = 0.125, "0.0%"
        expected.append(values)
    workbook.save(path)
    return expected


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("ruleset", RULESETS)
def test_filled_template_reads_back_without_errors(tmp_path: Path, ruleset: str, lang: str) -> None:
    criteria = _criteria(ruleset)
    path = _write(tmp_path, criteria, lang)
    count = max(3, *(len(spec.choices or {}) for spec in criteria.fields.values()))
    expected = _fill(path, criteria, count, lang)
    nominations = load_nominations(path, criteria)
    assert nominations.header_row == 3
    assert [issue for issue in nominations.issues if issue.severity is Severity.ERROR] == []
    assert [issue.code for issue in nominations.issues] == []
    assert [row.values for row in nominations.rows] == expected
    assert nominations.rows[0].values["product_id"] == "001"


def test_long_lists_round_trip(tmp_path: Path) -> None:
    criteria = _long_list_criteria()
    path = _write(tmp_path, criteria)
    expected = _fill(path, criteria, 30, "vi")
    nominations = load_nominations(path, criteria)
    assert nominations.issues == []
    assert [row.values["district"] for row in nominations.rows] == [f"d{i}" for i in range(30)]
    assert [row.values for row in nominations.rows] == expected


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("ruleset", RULESETS)
def test_blank_template_reads_as_no_nominations(tmp_path: Path, ruleset: str, lang: str) -> None:
    criteria = _criteria(ruleset)
    nominations = load_nominations(_write(tmp_path, criteria, lang), criteria)
    assert (nominations.rows, nominations.issues, nominations.header_row) == ([], [], 3)
    assert set(nominations.columns) == set(criteria.fields)


# ---------------------------------------------------------------- files


def test_same_template_same_bytes(tmp_path: Path) -> None:
    criteria = _criteria("ocop-2023")
    first = tmp_path / "a.xlsx"
    second = tmp_path / "b.xlsx"
    write_template(criteria, first)
    write_template(criteria, second)
    assert first.read_bytes() == second.read_bytes()
    write_template(criteria, tmp_path / "c.xlsx", created=dt.datetime(2025, 3, 1, tzinfo=dt.UTC))
    assert (tmp_path / "c.xlsx").read_bytes() != first.read_bytes()


def test_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "mau-ho-so.xlsx"
    target.write_bytes(b"old")
    with pytest.raises(OutputError, match=r"mau-ho-so\.xlsx"):
        write_template(_criteria("cnnt-2014"), target)
    assert target.read_bytes() == b"old"
    write_template(_criteria("cnnt-2014"), target, force=True)
    assert openpyxl.load_workbook(target).sheetnames == SHEETS["vi"]


def test_never_writes_over_the_criteria_file(tmp_path: Path) -> None:
    source = tmp_path / "rules.yaml"
    source.write_text(LONG_LIST_YAML.replace("{choices}", '      a: ["A"]'), encoding="utf-8")
    criteria = load_criteria(source)
    with pytest.raises(OutputError, match="rules"):
        write_template(criteria, source, force=True)
    assert load_criteria(source).id == "long-list"


def test_english_form_shows_english_headers_and_choice_names_the_reader_accepts() -> None:
    spec = FieldSpec.model_validate(
        {
            "type": "choice",
            "headers": ["Ngành", "Sector", "Nhóm ngành", "Industry"],
            "title_en": "Industry sector",
            "choices": {"a": ["Cơ khí", "Mechanical"], "b": ["Điện tử"], "c": []},
        }
    )
    # No header reads as the title: the last one in plain ASCII; a choice without an
    # English alias keeps its first, one without aliases its key.
    assert form_header(spec, "en") == "Industry" and form_header(spec, "vi") == "Ngành"
    assert choice_names(spec, "en") == ["Mechanical", "Điện tử", "c"]
    assert choice_names(spec, "vi") == ["Cơ khí", "Điện tử", "c"]
    titled = spec.model_copy(update={"title_en": "sector"})
    assert form_header(titled, "en") == "Sector"  # the header that reads as title_en
