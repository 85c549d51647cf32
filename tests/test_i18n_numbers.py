"""Numbers as each language writes them: 1.234,5 in Vietnamese, 1,234.5 in English."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from chuluc_cli.i18n import Num, format_number


def test_numbers_in_both_languages() -> None:
    assert format_number(1234567.891, "vi") == "1.234.567,89"
    assert format_number(1234567.891, "en") == "1,234,567.89"
    assert format_number(12.50, "vi") == "12,5"
    assert format_number(-0.001, "vi") == "0"
    assert format_number(7, "vi", 0) == "7"
    assert Num(0.125, 3).render("vi") == "0,125"


@given(
    st.one_of(st.integers(-(10**12), 10**12), st.floats(-1e12, 1e12, allow_nan=False)),
    st.integers(0, 4),
)
def test_vietnamese_swaps_the_marks_of_the_english_text(value: float, digits: int) -> None:
    english = format_number(value, "en", digits)
    swapped = english.replace(",", "\0").replace(".", ",").replace("\0", ".")
    assert format_number(value, "vi", digits) == swapped
    assert english.replace(",", "").lstrip("-").replace(".", "", 1).isdigit()
