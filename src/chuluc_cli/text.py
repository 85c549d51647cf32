"""Label normalisation: compare what people type with what the criteria expect.

Secretariats type headers and choices by hand, with or without Vietnamese accents,
in any case, with non-breaking spaces pasted from Word, line breaks inside header
cells, a unit in brackets ("Doanh thu 2024 (tỷ đồng)") and a "*" marking required
columns. Matching must ignore all of that, so every comparison of labels goes
through :func:`fold` or :func:`normalize_header`. Pure functions, stdlib only.

- :func:`fold`: casefold, remove accents (NFD, drop combining marks, "đ" -> "d"),
  drop zero-width characters and the byte order mark, collapse every run of
  whitespace (including NBSP and newlines) to one space, strip.
- :func:`normalize_header`: :func:`fold`, strip trailing ":" and "*", then drop ONE
  trailing bracketed unit "(...)" or "[...]" (unless the whole header is in brackets).
- :func:`closest`: the candidate nearest a word for "did you mean" messages.
- :func:`column_letter` / :func:`column_index`: Excel column letters <-> 0-based index.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable

# Not whitespace for str.split(), but invisible in a cell: zero-width space/joiners,
# and the BOM that CSV files saved by Excel put before the first header.
INVISIBLE_CHARS = "\u200b\u200c\u200d\u2060\ufeff"
_INVISIBLE = dict.fromkeys(map(ord, INVISIBLE_CHARS))
_TRAILING_MARKS = ":*"
_TRAILING_UNIT = re.compile(r"\s*(\([^()]*\)|\[[^\[\]]*\])$")
_CLOSE_ENOUGH = 0.5


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold(text: str) -> str:
    """Return ``text`` casefolded, without accents, with whitespace collapsed.

    >>> fold("  Doanh\\u00a0thu\\nNĂM 2024 ")
    'doanh thu nam 2024'
    >>> fold("Điện tử")
    'dien tu'
    """
    # "đ" is a letter of its own in Unicode, not "d" plus a mark: NFD keeps it.
    text = text.translate(_INVISIBLE).casefold().replace("đ", "d")
    return " ".join(_strip_accents(text).split())


def _strip_marks(text: str) -> str:
    return text.rstrip(_TRAILING_MARKS + " ").strip()


def normalize_header(text: str) -> str:
    """Return the comparable form of a header: folded, without a trailing unit or marks.

    >>> normalize_header("Doanh thu 2024 (tỷ đồng)*")
    'doanh thu 2024'
    >>> normalize_header("Số lao động [người]:")
    'so lao dong'
    """
    folded = _strip_marks(fold(text))
    without_unit = _strip_marks(_TRAILING_UNIT.sub("", folded))
    return without_unit or folded


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """Return the candidate most similar to ``word``, or None if none is close enough.

    Similarity is difflib's ratio on :func:`normalize_header` forms; below 0.5
    nothing is suggested. Ties go to the earliest candidate.
    """
    target = normalize_header(word)
    best: str | None = None
    best_ratio = _CLOSE_ENOUGH
    for candidate in candidates:
        ratio = difflib.SequenceMatcher(None, target, normalize_header(candidate)).ratio()
        if ratio > best_ratio or (best is None and ratio == best_ratio):
            best, best_ratio = candidate, ratio
    return best


def column_letter(index0: int) -> str:
    """Return the Excel column letter of a 0-based column index (0 -> "A", 26 -> "AA")."""
    if index0 < 0:
        raise ValueError(f"column index must be >= 0, got {index0}")
    letters = ""
    number = index0 + 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def column_index(letter: str) -> int:
    """Return the 0-based index of an Excel column letter ("A" -> 0, "aa" -> 26)."""
    cleaned = letter.strip().upper()
    if not cleaned or not all("A" <= ch <= "Z" for ch in cleaned):
        raise ValueError(f"not a column letter: {letter!r}")
    number = 0
    for ch in cleaned:
        number = number * 26 + ord(ch) - ord("A") + 1
    return number - 1
