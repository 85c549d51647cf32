"""Tests of chuluc_cli.io.values: one table per rule of the module docstring."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chuluc_cli.data_issues import IssueCode
from chuluc_cli.io.values import (
    CellError,
    DecimalMode,
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


def assert_cell_error(
    exc: pytest.ExceptionInfo[CellError],
    value: str,
    expected: str,
    code: IssueCode = IssueCode.UNPARSEABLE,
) -> None:
    assert exc.value.code is code
    assert exc.value.params["value"] == value
    assert exc.value.params["expected"] == expected


# ---------------------------------------------------------------- blanks


@pytest.mark.parametrize(
    ("raw", "blank"),
    [
        (None, True),
        ("", True),
        ("   ", True),
        ("\u00a0\n\t", True),
        ("\u200b", True),
        ("x", False),
        (" 0 ", False),
        (0, False),
        (0.0, False),
        (False, False),
        (dt.date(2020, 1, 1), False),
    ],
)
def test_is_blank(raw: object, blank: bool) -> None:
    assert is_blank(raw) is blank


# ---------------------------------------------------------------- numbers

NUMBERS_AUTO: list[tuple[object, float]] = [
    # Python numbers pass through
    (12, 12.0),
    (12.5, 12.5),
    (-3, -3.0),
    # plain text
    ("12", 12.0),
    ("  12  ", 12.0),
    ("007", 7.0),
    ("+5", 5.0),
    ("-5", -5.0),
    ("\u22125", -5.0),  # minus sign
    ("- 5", -5.0),
    # Vietnamese grouping and decimals
    ("1.234.567", 1234567.0),
    ("1.234,5", 1234.5),
    ("1.234.567,89", 1234567.89),
    ("12,5", 12.5),
    ("0,7", 0.7),
    (",5", 0.5),
    # international grouping and decimals
    ("1,234.5", 1234.5),
    ("1,234,567", 1234567.0),
    ("1,234,567.89", 1234567.89),
    ("1.5", 1.5),
    ("12.75", 12.75),
    (".5", 0.5),
    # ambiguous: Vietnamese reading wins
    ("1.234", 1234.0),
    ("12.500", 12500.0),
    ("1,234", 1.234),
    ("999,999", 999.999),
    # one separator that is not ambiguous
    ("0.123", 0.123),  # a leading 0 is never a thousands group
    ("0,123", 0.123),
    ("1234.567", 1234.567),  # more than 3 digits before it: not a group
    ("1234,567", 1234.567),
    ("1.2345", 1.2345),
    ("1,23", 1.23),
    # spaces as thousands separators, NBSP, thin space
    ("1 234 567", 1234567.0),
    ("1\u00a0234\u00a0567,5", 1234567.5),
    ("1\u2009234", 1234.0),
    ("1\u202f234", 1234.0),
    ("12 ", 12.0),
    # negatives in parentheses
    ("(1.234)", -1234.0),
    ("(12,5)", -12.5),
    ("( 12 )", -12.0),
    # scientific notation
    ("1.5E+3", 1500.0),
    ("1.5e3", 1500.0),
    ("1,5E3", 1500.0),
    ("1E-2", 0.01),
    ("-2.5E-1", -0.25),
    ("1.234E+3", 1234.0),  # no grouping in a mantissa
]


@pytest.mark.parametrize(("raw", "expected"), NUMBERS_AUTO)
def test_parse_number_auto(raw: object, expected: float) -> None:
    assert parse_number(raw) == expected
    assert isinstance(parse_number(raw), float)


@pytest.mark.parametrize(
    ("raw", "decimal", "expected"),
    [
        ("1,234", ",", 1.234),
        ("1.234", ",", 1234.0),
        ("1.234,5", ",", 1234.5),
        ("1.234.567", ",", 1234567.0),
        ("12,5", ",", 12.5),
        ("1,5E3", ",", 1500.0),
        ("1,234", ".", 1234.0),
        ("1.234", ".", 1.234),
        ("1,234.5", ".", 1234.5),
        ("1,234,567", ".", 1234567.0),
        ("12.5", ".", 12.5),
        ("1.5E3", ".", 1500.0),
        ("0.123", ".", 0.123),
        (12.5, ",", 12.5),
    ],
)
def test_parse_number_explicit_decimal(raw: object, decimal: DecimalMode, expected: float) -> None:
    assert parse_number(raw, decimal) == expected


NOT_NUMBERS: list[tuple[object, DecimalMode]] = [
    ("12 tỷ", "auto"),
    ("12tỷ", "auto"),
    ("abc", "auto"),
    ("1.23.4", "auto"),
    ("1,2,3", "auto"),
    ("1.234,567.8", "auto"),  # "." twice with a "," between
    ("1,234.567,8", "auto"),
    ("0.123.456", "auto"),  # a leading group starting with 0
    ("1234.567.890", "auto"),  # first group longer than 3
    ("12,", "auto"),
    ("12.", "auto"),
    (".", "auto"),
    (",", "auto"),
    ("", "auto"),
    ("-", "auto"),
    ("+-5", "auto"),
    ("(-5)", "auto"),
    ("(5", "auto"),
    ("12 5", "auto"),  # a space between digits that does not group thousands
    ("1 23", "auto"),
    ("1 2345", "auto"),
    ("nan", "auto"),
    ("NaN", "auto"),
    ("inf", "auto"),
    ("-Infinity", "auto"),
    ("1e400", "auto"),  # overflows to inf
    ("1.2.3E4", "auto"),
    ("1,234.5E3", "auto"),
    ("1E", "auto"),
    ("0x1A", "auto"),
    ("1_000", "auto"),
    ("١٢", "auto"),  # non-ASCII digits
    ("1.5", ","),  # "." groups thousands under ","
    ("1,5", "."),  # "," groups thousands under "."
    ("1,234.5", ","),
    ("1.234,5", "."),
    ("0.123", ","),
    ("1.5E3", ","),
    (True, "auto"),
    (False, "auto"),
    (math.nan, "auto"),
    (math.inf, "auto"),
    (-math.inf, "auto"),
    (10**400, "auto"),
    (dt.date(2020, 1, 1), "auto"),
    (None, "auto"),
]


@pytest.mark.parametrize(("raw", "decimal"), NOT_NUMBERS)
def test_parse_number_refuses(raw: object, decimal: DecimalMode) -> None:
    with pytest.raises(CellError) as exc:
        parse_number(raw, decimal)
    assert_cell_error(exc, "" if raw is None else str(raw), "number")


@pytest.mark.parametrize(
    ("text", "ambiguous"),
    [
        ("1.234", True),
        ("1,234", True),
        ("999.999", True),
        ("-1.234", True),
        ("(1,234)", True),
        ("1.234%", True),
        (" 12.500 ", True),
        ("1.234.567", False),
        ("1,234.5", False),
        ("1.5", False),
        ("12,75", False),
        ("0.123", False),
        ("1234.567", False),
        ("1.2345", False),
        ("1.234E3", False),
        ("1234", False),
        ("abc", False),
        ("", False),
    ],
)
def test_number_is_ambiguous(text: str, ambiguous: bool) -> None:
    assert number_is_ambiguous(text) is ambiguous


# ---------------------------------------------------------------- integers


@pytest.mark.parametrize(
    ("raw", "decimal", "expected"),
    [
        (12, "auto", 12),
        (12.0, "auto", 12),
        (-3.0, "auto", -3),
        ("12", "auto", 12),
        ("1.234", "auto", 1234),
        ("1.234.567", "auto", 1234567),
        ("1,234,567", "auto", 1234567),
        ("1,234", "auto", 1234),  # an integer has no decimals: the ambiguous text groups
        ("12,0", "auto", 12),
        ("1.5E3", "auto", 1500),
        ("(1.234)", "auto", -1234),
        ("123456789012345678901", "auto", 123456789012345678901),  # exact, not via float
        ("1,234", ".", 1234),
        ("1.234", ",", 1234),
    ],
)
def test_parse_integer(raw: object, decimal: DecimalMode, expected: int) -> None:
    value = parse_integer(raw, decimal)
    assert value == expected
    assert type(value) is int


@pytest.mark.parametrize(
    ("raw", "decimal"),
    [
        (12.5, "auto"),
        ("12,5", "auto"),
        ("12.5", "auto"),
        ("1.234", "."),  # 1.234 under "."
        ("1,234", ","),  # 1.234 under ","
        ("1.5E-1", "auto"),
        ("12 người", "auto"),
        ("1e400", "auto"),
        (True, "auto"),
        (math.nan, "auto"),
        (math.inf, "auto"),
        (dt.date(2020, 1, 1), "auto"),
    ],
)
def test_parse_integer_refuses(raw: object, decimal: DecimalMode) -> None:
    with pytest.raises(CellError) as exc:
        parse_integer(raw, decimal)
    assert_cell_error(exc, str(raw), "integer")


# ---------------------------------------------------------------- percents


@pytest.mark.parametrize(
    ("raw", "percent_cell", "expected"),
    [
        ("12,5%", False, 12.5),
        ("12.5 %", False, 12.5),
        ("12,5 %", False, 12.5),
        ("12,5\u00a0%", False, 12.5),
        ("100%", False, 100.0),
        ("-3%", False, -3.0),
        ("12,5%", True, 12.5),  # text is never multiplied
        ("0,7", False, 0.7),  # no "%": the number as written
        ("70", False, 70.0),
        ("0,7", True, 0.7),
        (0.125, True, 12.5),  # Excel's fraction in a percent-formatted cell
        (0.07, True, 7.0),  # 0.07 * 100 == 7.000000000000001 without rounding
        (1, True, 100.0),
        (0.125, False, 0.125),
        (70, False, 70.0),
        (0.7, False, 0.7),
    ],
)
def test_parse_percent(raw: object, percent_cell: bool, expected: float) -> None:
    assert parse_percent(raw, percent_cell=percent_cell) == expected


def test_parse_percent_respects_decimal_mode() -> None:
    assert parse_percent("1,234%", percent_cell=False, decimal=".") == 1234.0
    assert parse_percent("1,234%", percent_cell=False) == 1.234


@pytest.mark.parametrize(
    ("raw", "percent_cell"),
    [
        ("%", False),
        ("abc%", False),
        ("12%%", False),
        ("12 phần trăm", False),
        ("nan%", False),
        (True, True),
        (math.nan, True),
        (math.inf, False),
        (1e308, True),  # overflows when multiplied by 100
    ],
)
def test_parse_percent_refuses(raw: object, percent_cell: bool) -> None:
    with pytest.raises(CellError) as exc:
        parse_percent(raw, percent_cell=percent_cell)
    assert_cell_error(exc, str(raw), "percent")


# ---------------------------------------------------------------- yes/no


@pytest.mark.parametrize(
    "raw",
    ["có", "Có", "CÓ", "co", "c", "C", "x", "X", " x ", "yes", "Yes", "y", "true", "TRUE",
     "đúng", "Đúng", "dung", "đạt", "Đạt", "dat", "1", "✓", "✔", True, 1, 1.0],
)  # fmt: skip
def test_parse_bool_true(raw: object) -> None:
    assert parse_bool(raw) is True


@pytest.mark.parametrize(
    "raw",
    ["không", "Không", "KHÔNG", "khong", "k", "K", "no", "No", "n", "false", "FALSE", "sai",
     "Sai", "không đạt", "Không  đạt", "khong dat", "0", "-", " - ", False, 0, 0.0],
)  # fmt: skip
def test_parse_bool_false(raw: object) -> None:
    assert parse_bool(raw) is False


@pytest.mark.parametrize(
    "raw", ["maybe", "có thể", "2", "1.0", "", 2, -1, 0.5, math.nan, dt.date(2020, 1, 1)]
)
def test_parse_bool_refuses(raw: object) -> None:
    with pytest.raises(CellError) as exc:
        parse_bool(raw)
    assert_cell_error(exc, str(raw), "yes/no")


# ---------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (dt.datetime(2019, 3, 15, 14, 30), dt.date(2019, 3, 15)),
        (dt.date(2019, 3, 15), dt.date(2019, 3, 15)),
        ("15/03/2019", dt.date(2019, 3, 15)),
        ("15-03-2019", dt.date(2019, 3, 15)),
        ("15.03.2019", dt.date(2019, 3, 15)),
        ("5/3/2019", dt.date(2019, 3, 5)),  # day first ALWAYS
        ("03/05/2019", dt.date(2019, 5, 3)),
        (" 15/03/2019 ", dt.date(2019, 3, 15)),
        ("2019-03-15", dt.date(2019, 3, 15)),
        ("2019/03/15", dt.date(2019, 3, 15)),
        ("2019.3.5", dt.date(2019, 3, 5)),
        ("2019-03-15 00:00:00", dt.date(2019, 3, 15)),
        ("2019-03-15T08:30", dt.date(2019, 3, 15)),
        ("15/03/2019 08:30:15", dt.date(2019, 3, 15)),
        (43539, dt.date(2019, 3, 15)),
        (43539.0, dt.date(2019, 3, 15)),
        (43539.99, dt.date(2019, 3, 15)),  # the time of day is dropped
        (61, dt.date(1900, 3, 1)),
        (59, dt.date(1900, 2, 28)),  # Excel's calendar before its fake leap day
        (1, dt.date(1900, 1, 1)),
        (2958465, dt.date(9999, 12, 31)),
    ],
)
def test_parse_date(raw: object, expected: dt.date) -> None:
    assert parse_date(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "31/02/2019",  # no such day
        "15/13/2019",  # no such month (day first: 13 is never a month)
        "00/03/2019",
        "2019-02-30",
        "2019-13-01",
        "15/03-2019",  # mixed separators
        "15/03/19",  # two-digit year
        "March 15, 2019",
        "2019",
        "43539",  # a serial number typed as text
        "",
        0,
        0.5,
        60,  # 29/02/1900 exists only in Excel
        2958466,
        -1,
        math.nan,
        True,
        dt.time(8, 30),
        dt.timedelta(days=1),
    ],
)
def test_parse_date_refuses(raw: object) -> None:
    with pytest.raises(CellError) as exc:
        parse_date(raw)
    assert_cell_error(exc, str(raw), "date")


# ---------------------------------------------------------------- ids and text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("00123", "00123"),
        ("  SP-001  ", "SP-001"),
        ("0123456789", "0123456789"),
        ("A  B", "A  B"),  # ids are only stripped
        (123, "123"),
        (123456789.0, "123456789"),
        (1.23e9, "1230000000"),
        (1e20, "100000000000000000000"),
        (-5.0, "-5"),
        (12.5, "12.5"),
        (0.1, "0.1"),
        (1e-05, "0.00001"),
        (dt.date(2024, 1, 2), "02/01/2024"),
    ],
)
def test_parse_id(raw: object, expected: str) -> None:
    assert parse_id(raw) == expected


@pytest.mark.parametrize("raw", [True, False, math.nan, math.inf, None])
def test_parse_id_refuses(raw: object) -> None:
    with pytest.raises(CellError) as exc:
        parse_id(raw)
    assert_cell_error(exc, "" if raw is None else str(raw), "text")


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_parse_id_keeps_every_integer_up_to_1e15(n: int) -> None:
    assert parse_id(float(n)) == str(n)
    assert parse_id(n) == str(n)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  Cơ khí  ", "Cơ khí"),
        ("Dòng 1\nDòng 2", "Dòng 1 Dòng 2"),
        ("a\u00a0\u00a0b\t c", "a b c"),
        ("", ""),
        (None, ""),
        (123, "123"),
        (123456789.0, "123456789"),
        (12.5, "12.5"),
        (dt.date(2019, 3, 5), "05/03/2019"),
        (dt.datetime(2019, 3, 5), "05/03/2019"),
        (dt.datetime(2019, 3, 5, 8, 30), "05/03/2019 08:30"),
        (dt.time(8, 30), "08:30"),
        (dt.time(8, 30, 15), "08:30:15"),
        (True, "TRUE"),
        (False, "FALSE"),
    ],
)
def test_parse_text(raw: object, expected: str) -> None:
    assert parse_text(raw) == expected


@pytest.mark.parametrize("raw", [math.nan, -math.inf])
def test_parse_text_refuses_non_finite(raw: float) -> None:
    with pytest.raises(CellError) as exc:
        parse_text(raw)
    assert_cell_error(exc, str(raw), "text")


# ---------------------------------------------------------------- choices

SECTORS: dict[str, list[str]] = {
    "co_khi": ["Cơ khí"],
    "dien_tu": ["Điện - điện tử", "Điện tử"],
    "det_may": ["Dệt may", "Dệt - may"],
}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Cơ khí", "co_khi"),
        ("co khi", "co_khi"),
        ("CƠ KHÍ", "co_khi"),
        ("  Cơ   khí ", "co_khi"),
        ("co_khi", "co_khi"),  # the key itself
        ("CO_KHI", "co_khi"),
        ("Điện - điện tử", "dien_tu"),
        ("Điện-điện tử", "dien_tu"),
        ("Điện – điện tử", "dien_tu"),  # en dash
        ("Điện—điện tử", "dien_tu"),  # em dash
        ("dien tu", "dien_tu"),  # second alias
        ("Dệt may", "det_may"),
        ("Dệt-may", "det_may"),
    ],
)
def test_parse_choice(raw: str, expected: str) -> None:
    assert parse_choice(raw, SECTORS) == expected


@pytest.mark.parametrize("raw", ["Hoá chất", "Điện", "Cơ", "dien - tu", 12])
def test_parse_choice_refuses(raw: object) -> None:
    with pytest.raises(CellError) as exc:
        parse_choice(raw, SECTORS)
    assert_cell_error(exc, str(raw), "choice", IssueCode.UNKNOWN_CHOICE)
    assert exc.value.params["allowed"] == "Cơ khí, Điện - điện tử, Dệt may"


def test_parse_choice_without_aliases_lists_the_key() -> None:
    with pytest.raises(CellError) as exc:
        parse_choice("c", {"a": [], "b": ["Bê"]})
    assert exc.value.params["allowed"] == "a, Bê"
    assert parse_choice("A", {"a": [], "b": ["Bê"]}) == "a"


# ---------------------------------------------------------------- round trips

FINITE = st.floats(allow_nan=False, allow_infinity=False)
PLACES = st.integers(min_value=0, max_value=6)


def international(value: float, places: int) -> str:
    return f"{value:,.{places}f}"


def vietnamese(value: float, places: int) -> str:
    return international(value, places).translate(str.maketrans(",.", ".,"))


@given(FINITE, PLACES)
def test_vietnamese_grouping_round_trips(value: float, places: int) -> None:
    written = vietnamese(value, places)
    expected = float(f"{value:.{places}f}")
    assert math.isclose(parse_number(written), expected, rel_tol=1e-9)
    assert math.isclose(parse_number(written, ","), expected, rel_tol=1e-9)


@given(FINITE, PLACES)
def test_international_grouping_round_trips(value: float, places: int) -> None:
    written = international(value, places)
    expected = float(f"{value:.{places}f}")
    assert math.isclose(parse_number(written, "."), expected, rel_tol=1e-9)
    if not number_is_ambiguous(written):
        assert math.isclose(parse_number(written), expected, rel_tol=1e-9)


@given(FINITE, st.sampled_from([1, 2, 4, 5, 6]))
def test_international_grouping_with_decimals_is_never_ambiguous(value: float, places: int) -> None:
    written = international(value, places)
    assert not number_is_ambiguous(written)
    assert math.isclose(parse_number(written), float(f"{value:.{places}f}"), rel_tol=1e-9)


@given(st.integers(min_value=1, max_value=999), st.integers(min_value=0, max_value=999))
def test_ambiguous_texts_read_the_vietnamese_way(head: int, tail: int) -> None:
    assert parse_number(f"{head}.{tail:03d}") == head * 1000 + tail
    assert parse_number(f"{head},{tail:03d}") == float(f"{head}.{tail:03d}")


def _any_cell() -> st.SearchStrategy[Any]:
    return st.one_of(st.text(), st.floats(), st.integers(), st.booleans(), st.dates())


@given(_any_cell())
def test_number_parsers_only_raise_cell_error_and_return_finite(raw: object) -> None:
    parsers = (parse_number, parse_integer, lambda r: parse_percent(r, percent_cell=True))
    for parse in parsers:
        try:
            value = parse(raw)
        except CellError as exc:
            assert exc.params["value"] == str(raw)
        else:
            assert math.isfinite(value)
