"""Tests of chuluc_cli.text: folding labels, header normalisation, suggestions, column letters."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chuluc_cli.text import closest, column_index, column_letter, fold, normalize_header


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Doanh thu", "doanh thu"),
        ("DOANH THU NĂM 2024", "doanh thu nam 2024"),
        ("Điện - điện tử", "dien - dien tu"),
        ("ĐẠT", "dat"),
        ("Số lao động", "so lao dong"),
        ("Cơ khí chế tạo", "co khi che tao"),
        ("  padded  ", "padded"),
        ("Doanh\u00a0thu", "doanh thu"),  # non-breaking space
        ("Doanh\u2009thu", "doanh thu"),  # thin space
        ("Doanh\nthu\r\n2024", "doanh thu 2024"),  # line breaks inside a header cell
        ("a \t  b", "a b"),
        ("\ufeffMã sản phẩm", "ma san pham"),  # BOM of a CSV saved by Excel
        ("Mã\u200b sản phẩm", "ma san pham"),  # zero-width space
        ("Cafe\u0301", "cafe"),  # already decomposed accent
        ("Straße", "strasse"),  # casefold, not lower
        ("", ""),
        ("   ", ""),
    ],
)
def test_fold(text: str, expected: str) -> None:
    assert fold(text) == expected


@given(st.text())
def test_fold_is_idempotent(text: str) -> None:
    once = fold(text)
    assert fold(once) == once


@given(st.text())
def test_fold_leaves_no_uppercase_accents_or_edge_spaces(text: str) -> None:
    folded = fold(text)
    assert folded == folded.strip()
    assert "  " not in folded
    assert "đ" not in folded


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Doanh thu 2024 (tỷ đồng)", "doanh thu 2024"),
        ("Doanh thu 2024 [tỷ đồng]", "doanh thu 2024"),
        ("Doanh thu 2024(tỷ đồng)", "doanh thu 2024"),
        ("Doanh thu 2024 (tỷ đồng) *", "doanh thu 2024"),
        ("Doanh thu 2024 (tỷ đồng):", "doanh thu 2024"),
        ("Mã sản phẩm*", "ma san pham"),
        ("Mã sản phẩm (*)", "ma san pham"),
        ("Tên sản phẩm:", "ten san pham"),
        ("Tên sản phẩm :*", "ten san pham"),
        ("Tỷ lệ nội địa hoá (%)", "ty le noi dia hoa"),
        # only ONE trailing unit is dropped
        ("Doanh thu (2024) (tỷ đồng)", "doanh thu (2024)"),
        # brackets in the middle stay
        ("Doanh thu (tỷ đồng) năm 2024", "doanh thu (ty dong) nam 2024"),
        # mismatched brackets are not a unit
        ("Doanh thu (tỷ đồng]", "doanh thu (ty dong]"),
        # a header that is only a bracket keeps it rather than becoming empty
        ("(Ghi chú)", "(ghi chu)"),
        ("Doanh\nthu 2024\n(tỷ đồng)", "doanh thu 2024"),
    ],
)
def test_normalize_header(text: str, expected: str) -> None:
    assert normalize_header(text) == expected


@pytest.mark.parametrize(
    ("word", "candidates", "expected"),
    [
        ("doanh thu", ["Số lao động", "Doanh thu 2024 (tỷ đồng)"], "Doanh thu 2024 (tỷ đồng)"),
        ("Doanh thu 2024", ["Doanh thu 2023", "Doanh thu 2024"], "Doanh thu 2024"),
        ("so lao dong", ["Số lao động", "Số sản phẩm"], "Số lao động"),
        ("Lĩnh vực", ["linh vuc", "Lĩnh vực"], "linh vuc"),  # tie: first candidate
        ("xyz", ["Doanh thu", "Số lao động"], None),
        ("anything", [], None),
    ],
)
def test_closest(word: str, candidates: list[str], expected: str | None) -> None:
    assert closest(word, candidates) == expected


def test_closest_accepts_any_iterable() -> None:
    assert closest("doanh thu", (c for c in ["Doanh thu"])) == "Doanh thu"


@pytest.mark.parametrize(
    ("index0", "letter"),
    [(0, "A"), (1, "B"), (25, "Z"), (26, "AA"), (27, "AB"), (51, "AZ"), (52, "BA"),
     (701, "ZZ"), (702, "AAA"), (16383, "XFD")],
)  # fmt: skip
def test_column_letter_and_index(index0: int, letter: str) -> None:
    assert column_letter(index0) == letter
    assert column_index(letter) == index0


def test_column_index_is_lenient_on_case_and_spaces() -> None:
    assert column_index(" ab ") == 27


@pytest.mark.parametrize("letter", ["", " ", "A1", "1", "$A", "Ă"])
def test_column_index_rejects_non_letters(letter: str) -> None:
    with pytest.raises(ValueError, match="not a column letter"):
        column_index(letter)


def test_column_letter_rejects_negative() -> None:
    with pytest.raises(ValueError, match=">= 0"):
        column_letter(-1)


@given(st.integers(min_value=0, max_value=10**6))
def test_column_letter_round_trips(index0: int) -> None:
    assert column_index(column_letter(index0)) == index0
