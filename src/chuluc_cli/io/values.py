"""Parse one spreadsheet cell into the typed value of its criteria field.

Cells come from python-calamine (``str`` with "" for empty, ``int``, ``float``,
``bool``, ``date``, ``datetime``, ``time``, ``timedelta``) or from CSV (always
``str``). Enterprises type numbers the Vietnamese way ("1.234.567,5"), the
international way ("1,234,567.5") or let Excel store them, so every rule below is
explicit and tested; a cell that fits no rule raises :class:`CellError`, which the
reader turns into a data issue. A blank cell (:func:`is_blank`) is the caller's
business: the parsers are never asked to read one.

Numbers (:func:`parse_number`, :func:`parse_integer`)
    - ``int`` and ``float`` pass through; ``bool`` is not a number.
    - In text, spaces, NBSP and thin spaces are ignored, but between two digits
      they may only group thousands ("1 234 567"; "12 5" is refused). A leading
      "+" or "-" (or the minus sign "−") is allowed, and "(1.234)" means -1234.
    - Anything else refuses the cell: units ("12 tỷ"), "nan", "inf", and numbers
      too large for a float. Non-finite numbers never enter scoring.
    - Grouping: the first group has 1 to 3 digits and does not start with 0,
      every further group has exactly 3 ("1.23.4", "1,2,3", "0.123.456" are refused).
    - ``decimal=","``: the comma is the decimal separator, dots group thousands.
      ``decimal="."``: the dot is the decimal separator, commas group thousands.
    - ``decimal="auto"`` (the default, Vietnamese first):
        * both "." and ",": the last one is the decimal separator and occurs once
          ("1.234,5" -> 1234.5, "1,234.5" -> 1234.5);
        * one kind, twice or more: grouping ("1.234.567", "1,234,567" -> 1234567);
        * one separator followed by exactly 3 digits, after 1 to 3 digits that do
          not start with 0, is *ambiguous* (:func:`number_is_ambiguous`): the
          Vietnamese reading wins, "1.234" -> 1234 and "1,234" -> 1.234;
        * any other single separator is the decimal one ("12,5" -> 12.5,
          "0,7" -> 0.7, "1.5" -> 1.5, "12.75" -> 12.75, "0.123" -> 0.123).
    - Scientific notation ("1.5E+3", "1,5e3"): the mantissa has at most one
      separator, a decimal one ("." or "," in auto mode, the chosen one otherwise).
    - :func:`parse_integer` also refuses a value with a fraction ("12,5", 12.5);
      12.0 is 12. An ambiguous text in auto mode is read as grouped ("1,234" ->
      1234), because an integer has no decimals; it is read exactly, not via float.

Percents (:func:`parse_percent`): a percent field holds 12.5 for 12,5%.
    - Text ending in "%" ("12,5%", "12.5 %") -> the number before it (12.5).
    - A number in a cell formatted as percent (``percent_cell=True``) is Excel's
      fraction: 0.125 -> 12.5 (times 100, rounded to 10 decimal places).
    - Any other number or text is the percent as written ("0,7" -> 0.7, 70 -> 70.0).

Yes/no (:func:`parse_bool`), compared after :func:`chuluc_cli.text.fold`:
    - True: có, co, c, x, yes, y, true, đúng, đạt, 1, ✓, ✔ (and unaccented forms).
    - False: không, khong, k, no, n, false, sai, không đạt, 0, "-", ✗, ✘.
    - ``bool`` passes; the numbers 1 and 0 are True and False; other numbers fail.

Dates (:func:`parse_date`):
    - ``datetime`` -> its date; ``date`` passes.
    - Text, day first ALWAYS: "15/03/2019", "15-03-2019", "15.03.2019", "5/3/2019";
      year first: "2019-03-15", "2019/03/15". One separator kind per date; a four-digit
      year is required; a trailing time ("2019-03-15 00:00:00") is ignored.
    - Excel serial numbers from 1 to 2958465 (1900 date system): date(1899, 12, 30)
      plus the serial in days (43539 -> 2019-03-15), the fraction (time) dropped.
      Serials below 61 follow Excel's calendar, which has a 29 February 1900:
      1 -> 1900-01-01, and 60 (that day) is refused.
    - An impossible day or month ("31/02/2019") is refused.

Ids (:func:`parse_id`) must never lose a leading zero or turn into 1.23E+9:
    - text is stripped, nothing else; ``int`` -> ``str(int)``;
    - a whole ``float`` is written as an integer (1.23e9 -> "1230000000"), any other
      finite float in plain decimal notation without trailing zeros (12.5 -> "12.5");
    - ``bool`` and non-finite floats are refused; dates are written as for text.

Text (:func:`parse_text`): runs of whitespace (newlines too) become one space and
the ends are stripped; numbers are written as ids; dates as dd/mm/yyyy (with
" HH:MM" when the time is not midnight); times as HH:MM; booleans as TRUE/FALSE,
as Excel shows them.

Choices (:func:`parse_choice`): ``choices`` maps each key to its aliases. The cell
matches a key when its folded text equals the folded key or one of its folded
aliases, with "-", "–", "—" and the spaces around them treated as equal
("Điện-điện tử" matches "Điện - điện tử"). Returns the key.

Every :class:`CellError` carries ``value`` (the cell as typed, ``str(raw)``) and
``expected`` ("number", "integer", "percent", "yes/no", "date", "text", "choice");
an unknown choice also carries ``allowed`` (the first alias of each key).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from functools import lru_cache
from typing import Any, Literal, NamedTuple

from chuluc_cli.data_issues import IssueCode
from chuluc_cli.text import INVISIBLE_CHARS, fold

DecimalMode = Literal["auto", ",", "."]


class CellError(Exception):
    """A cell that cannot be read as its field's type; code + params feed the data issue message."""

    def __init__(self, code: IssueCode, **params: Any) -> None:
        super().__init__(f"{code.value}: {params}")
        self.code = code
        self.params = params


def _fail(
    raw: object, expected: str, code: IssueCode = IssueCode.UNPARSEABLE, **extra: Any
) -> CellError:
    value = "" if raw is None else str(raw)
    return CellError(code, value=value, expected=expected, **extra)


_INVISIBLE = dict.fromkeys(map(ord, INVISIBLE_CHARS))


def is_blank(raw: object) -> bool:
    """True for None, "" and text made only of whitespace or invisible characters."""
    if raw is None:
        return True
    if not isinstance(raw, str):
        return False
    # Most cells start with a letter or a digit: no need to look further (called per cell).
    return not raw[:1].isalnum() and not raw.translate(_INVISIBLE).strip()


# ---------------------------------------------------------------- numbers


class _Literal(NamedTuple):
    """A number text split into sign, mantissa and exponent; separators not yet resolved."""

    negative: bool
    mantissa: str  # digits with "." and "," still in them
    exponent: str  # "" when not in scientific notation


_SIGNED = re.compile(r"([+-]?)([0-9.,]+)(?:[eE]([+-]?[0-9]{1,4}))?")
_THOUSANDS_AFTER_SPACE = re.compile(r"(?<=[0-9])\s+(?![0-9]{3}(?![0-9]))(?=[0-9])")
_OTHER_SEPARATOR = {".": ",", ",": "."}
_SIMPLE_NUMBER = re.compile(r"([0-9]+)(?:([.,])([0-9]+))?")  # ASCII digits only, like _SIGNED


def _split_literal(text: str) -> _Literal | None:
    """Return the sign, mantissa and exponent of a number text, or None if it is not one."""
    text = text.translate(_INVISIBLE).replace("\u2212", "-").strip()
    if _THOUSANDS_AFTER_SPACE.search(text):
        return None
    text = "".join(text.split())
    negative = len(text) > 2 and text[0] == "(" and text[-1] == ")"
    if negative:
        text = text[1:-1]
        if text[:1] in "+-":
            return None
    match = _SIGNED.fullmatch(text)
    if match is None or not any(ch.isdigit() for ch in match[2]):
        return None
    return _Literal(negative or match[1] == "-", match[2], match[3] or "")


def _grouped_digits(int_part: str, group: str) -> str | None:
    """Return the digits of a grouped integer part, or None if the grouping is malformed."""
    if group not in int_part:
        return int_part if int_part.isdigit() or int_part == "" else None
    first, *rest = int_part.split(group)
    if not (1 <= len(first) <= 3 and first.isdigit() and not first.startswith("0")):
        return None
    if not all(len(part) == 3 and part.isdigit() for part in rest):
        return None
    return first + "".join(rest)


def _is_ambiguous_mantissa(mantissa: str) -> bool:
    seps = [ch for ch in mantissa if ch in ".,"]
    if len(seps) != 1:
        return False
    int_part, frac = mantissa.split(seps[0])
    return _ambiguous_parts(int_part, frac)


def _ambiguous_parts(int_part: str, frac: str) -> bool:
    """True for "1.234" or "1,234": 1-3 digits not starting with 0, a separator, 3 digits."""
    return len(frac) == 3 and 1 <= len(int_part) <= 3 and not int_part.startswith("0")


def _separators(mantissa: str, decimal: DecimalMode, whole: bool) -> tuple[str, str]:
    """Return (grouping, decimal) separators for ``mantissa`` under ``decimal`` mode."""
    if decimal != "auto":
        return _OTHER_SEPARATOR[decimal], decimal
    last_dot, last_comma = mantissa.rfind("."), mantissa.rfind(",")
    if last_dot >= 0 and last_comma >= 0:
        dec = "." if last_dot > last_comma else ","
        return _OTHER_SEPARATOR[dec], dec
    sep = "." if last_dot >= 0 else ","
    if mantissa.count(sep) >= 2:
        return sep, _OTHER_SEPARATOR[sep]
    if _is_ambiguous_mantissa(mantissa):
        # Vietnamese reading: "1.234" groups, "1,234" is a decimal. An integer has no
        # decimals, so for it both readings group.
        return (sep, _OTHER_SEPARATOR[sep]) if sep == "." or whole else (".", ",")
    return _OTHER_SEPARATOR[sep], sep


def _plain_mantissa(mantissa: str, group: str, dec: str) -> str | None:
    """Return ``mantissa`` as "digits[.digits]", or None if it is malformed."""
    if mantissa.count(dec) > 1:
        return None
    int_part, _, frac = mantissa.partition(dec)
    if dec in mantissa and not frac.isdigit():
        return None
    digits = _grouped_digits(int_part, group)
    if digits is None or (digits == "" and not frac):
        return None
    return f"{digits or '0'}.{frac}" if frac else digits


def _scientific_mantissa(mantissa: str, decimal: DecimalMode) -> str | None:
    allowed = ".," if decimal == "auto" else decimal
    seps = [ch for ch in mantissa if ch in ".,"]
    if not seps:
        return mantissa
    if len(seps) > 1 or seps[0] not in allowed:
        return None
    int_part, frac = mantissa.split(seps[0])
    if not frac:
        return None
    return f"{int_part or '0'}.{frac}"


def _number_literal(text: str, decimal: DecimalMode, whole: bool = False) -> str | None:
    """Return ``text`` as a Python number literal ("-1234.5e3"), or None if malformed."""
    # Most number texts are plain digits with at most one separator ("12", "12,5",
    # "0.75"): read at once when the rules below give them no other meaning.
    simple = _SIMPLE_NUMBER.fullmatch(text)
    if simple is not None:
        int_part, sep, frac = simple.groups()
        if sep is None:
            return text
        if sep == decimal or (decimal == "auto" and not _ambiguous_parts(int_part, frac)):
            return f"{int_part}.{frac}"
    return _general_literal(text, decimal, whole)


def _general_literal(text: str, decimal: DecimalMode, whole: bool = False) -> str | None:
    """:func:`_number_literal` by the general rules, for any text."""
    parts = _split_literal(text)
    if parts is None:
        return None
    if parts.exponent:
        plain = _scientific_mantissa(parts.mantissa, decimal)
    else:
        plain = _plain_mantissa(parts.mantissa, *_separators(parts.mantissa, decimal, whole))
    if plain is None:
        return None
    sign = "-" if parts.negative else ""
    return f"{sign}{plain}e{parts.exponent}" if parts.exponent else f"{sign}{plain}"


def number_is_ambiguous(text: str) -> bool:
    """True if ``text`` reads differently as Vietnamese and as international ("1.234", "1,234").

    That is one separator, followed by exactly 3 digits, after 1 to 3 digits that do
    not start with 0, and no exponent. A trailing "%" is ignored. Auto mode reads such
    text the Vietnamese way; the reader reports it as a warning.
    """
    text = text.strip().removesuffix("%")
    simple = _SIMPLE_NUMBER.fullmatch(text)
    if simple is not None:  # the usual number text, see _number_literal
        return simple[2] is not None and _ambiguous_parts(simple[1], simple[3])
    parts = _split_literal(text)
    return parts is not None and not parts.exponent and _is_ambiguous_mantissa(parts.mantissa)


def _finite(value: float, raw: object, expected: str) -> float:
    if not math.isfinite(value):
        raise _fail(raw, expected)
    return value


def _number(raw: object, decimal: DecimalMode, expected: str) -> float:
    if isinstance(raw, bool):
        raise _fail(raw, expected)
    if isinstance(raw, int | float):
        try:
            return _finite(float(raw), raw, expected)
        except OverflowError:
            raise _fail(raw, expected) from None
    if not isinstance(raw, str):
        raise _fail(raw, expected)
    literal = _number_literal(raw, decimal)
    if literal is None:
        raise _fail(raw, expected)
    return _finite(float(literal), raw, expected)


def parse_number(raw: object, decimal: DecimalMode = "auto") -> float:
    """Return the cell as a finite float; see the module docstring for the rules.

    >>> parse_number("1.234.567,5"), parse_number("1,234.5"), parse_number("(1.234)")
    (1234567.5, 1234.5, -1234.0)
    """
    return _number(raw, decimal, "number")


def parse_integer(raw: object, decimal: DecimalMode = "auto") -> int:
    """Return the cell as an int: "1.234" -> 1234, 12.0 -> 12, 12.5 -> CellError."""
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw
    if isinstance(raw, str):
        literal = _number_literal(raw, decimal, whole=True)
        if literal is None or not math.isfinite(float(literal)):
            raise _fail(raw, "integer")
        exact = Decimal(literal)
        if exact != exact.to_integral_value():
            raise _fail(raw, "integer")
        return int(exact)
    value = _number(raw, decimal, "integer")
    if not value.is_integer():
        raise _fail(raw, "integer")
    return int(value)


def parse_percent(raw: object, *, percent_cell: bool, decimal: DecimalMode = "auto") -> float:
    """Return the cell as a percent (12.5 for 12,5%); see the module docstring."""
    if isinstance(raw, str):
        text = raw.strip()
        if text.endswith("%"):
            text = text[:-1]
            if text.rstrip().endswith("%"):
                raise _fail(raw, "percent")
        literal = _number_literal(text, decimal)
        if literal is None:
            raise _fail(raw, "percent")
        return _finite(float(literal), raw, "percent")
    value = _number(raw, decimal, "percent")
    return _finite(round(value * 100, 10), raw, "percent") if percent_cell else value


# ---------------------------------------------------------------- yes/no

_TRUE_WORDS = frozenset({"co", "c", "x", "yes", "y", "true", "dung", "dat", "1", "✓", "✔"})
_FALSE_WORDS = frozenset({"khong", "k", "no", "n", "false", "sai", "khong dat", "0", "-", "✗", "✘"})


@lru_cache(maxsize=4096)
def folded(text: str) -> str:
    """:func:`chuluc_cli.text.fold`, remembered: a yes/no column repeats a few texts per row."""
    return fold(text)


def parse_bool(raw: object) -> bool:
    """Return the cell as yes/no: "Có", "x", "Đạt", 1 -> True; "Không", "-", 0 -> False."""
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, int | float):
        if raw in (0, 1):
            return raw == 1
        raise _fail(raw, "yes/no")
    if isinstance(raw, str):
        word = folded(raw)
        if word in _TRUE_WORDS:
            return True
        if word in _FALSE_WORDS:
            return False
    raise _fail(raw, "yes/no")


# ---------------------------------------------------------------- dates

_EXCEL_EPOCH = dt.date(1899, 12, 30)
_EXCEL_MAX_SERIAL = 2958465  # 9999-12-31
_EXCEL_FAKE_LEAP_DAY = 60  # Excel's 29/02/1900, which never existed
_TIME_SUFFIX = r"(?:[ T][0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?)?"
_DAY_FIRST = re.compile(r"([0-9]{1,2})([/.-])([0-9]{1,2})\2([0-9]{4})" + _TIME_SUFFIX)
_YEAR_FIRST = re.compile(r"([0-9]{4})([/.-])([0-9]{1,2})\2([0-9]{1,2})" + _TIME_SUFFIX)


def _serial_date(serial: float, raw: object) -> dt.date:
    if not (math.isfinite(serial) and 1 <= serial < _EXCEL_MAX_SERIAL + 1):
        raise _fail(raw, "date")
    days = math.floor(serial)
    if days == _EXCEL_FAKE_LEAP_DAY:
        raise _fail(raw, "date")
    # Before the fake leap day, Excel's serials are one day ahead of the real calendar.
    days += 1 if days < _EXCEL_FAKE_LEAP_DAY else 0
    return _EXCEL_EPOCH + dt.timedelta(days=days)


def _text_date(text: str, raw: object) -> dt.date:
    if match := _DAY_FIRST.fullmatch(text):
        day, month, year = match[1], match[3], match[4]
    elif match := _YEAR_FIRST.fullmatch(text):
        year, month, day = match[1], match[3], match[4]
    else:
        raise _fail(raw, "date")
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        raise _fail(raw, "date") from None


def parse_date(raw: object) -> dt.date:
    """Return the cell as a date: dd/mm/yyyy (day first), yyyy-mm-dd, or an Excel serial."""
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        return _serial_date(float(raw), raw)
    if isinstance(raw, str):
        return _text_date(" ".join(raw.split()), raw)
    raise _fail(raw, "date")


# ---------------------------------------------------------------- ids, text, choices


def _number_text(value: int | float, raw: object, expected: str) -> str:
    if isinstance(value, int):
        return str(value)
    if not math.isfinite(value):
        raise _fail(raw, expected)
    if value.is_integer():
        return str(int(value))
    return format(Decimal(repr(value)), "f")


def _date_text(value: dt.date | dt.time) -> str:
    if isinstance(value, dt.time):
        return value.strftime("%H:%M:%S" if value.second else "%H:%M")
    text = f"{value.day:02d}/{value.month:02d}/{value.year:04d}"
    if isinstance(value, dt.datetime) and value.time() != dt.time():
        text += " " + _date_text(value.time())
    return text


def parse_id(raw: object) -> str:
    """Return the cell as an id, keeping leading zeros: 123456789.0 -> "123456789"."""
    if isinstance(raw, str):
        return raw.strip()
    if isinstance(raw, bool):
        raise _fail(raw, "text")
    if isinstance(raw, int | float):
        return _number_text(raw, raw, "text")
    if isinstance(raw, dt.date | dt.time):
        return _date_text(raw)
    raise _fail(raw, "text")


def parse_text(raw: object) -> str:
    """Return the cell as text with whitespace collapsed; numbers and dates as shown."""
    if raw is None:
        return ""
    if isinstance(raw, str):
        text = " ".join(raw.split())
        return raw if text == raw else text  # keep one copy of the cell's text, not two
    if isinstance(raw, bool):
        return "TRUE" if raw else "FALSE"
    if isinstance(raw, int | float):
        return _number_text(raw, raw, "text")
    if isinstance(raw, dt.date | dt.time):
        return _date_text(raw)
    return " ".join(str(raw).split())


_DASH = re.compile(r"\s*[-‐‑–—−]\s*")


@lru_cache(maxsize=4096)
def choice_form(text: str) -> str:
    """The form in which a cell and a choice's names are compared: folded, dashes unified."""
    return _DASH.sub("-", fold(text))


def parse_choice(raw: object, choices: Mapping[str, Sequence[str]]) -> str:
    """Return the key of ``choices`` whose key or alias matches the cell (accents ignored)."""
    wanted = choice_form(parse_text(raw))
    for key, aliases in choices.items():
        if any(choice_form(name) == wanted for name in (key, *aliases)):
            return key
    allowed = ", ".join(aliases[0] if aliases else key for key, aliases in choices.items())
    raise _fail(raw, "choice", IssueCode.UNKNOWN_CHOICE, allowed=allowed)
