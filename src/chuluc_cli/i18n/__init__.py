"""Every user-facing label and message, in Vietnamese (default) and English.

Messages are looked up by key: ``t("reading.blank_required", "en", field="revenue")``.
The catalogues live beside this file, one module per part of the program
(``criteria``, ``reading``, ``scoring``, ``report``, ``cli``, ``errors``...), each a dict
``KEY: (vietnamese, english)`` with ``str.format`` placeholders. Results carry
:class:`Message` values rather than text, so one run can be reported in either
language without scoring it again.
"""

from __future__ import annotations

import errno
import importlib
from dataclasses import dataclass, field
from typing import Any, Literal

Lang = Literal["vi", "en"]
LANGUAGES: tuple[Lang, ...] = ("vi", "en")
DEFAULT_LANG: Lang = "vi"

_CATALOG_MODULES = (
    "common",
    "criteria",
    "reading",
    "scoring",
    "report",
    "cli",
    "template",
    "errors",
)
_catalog: dict[str, tuple[str, str]] | None = None


def catalog() -> dict[str, tuple[str, str]]:
    """Return the merged catalogue, loading it on first use."""
    global _catalog
    if _catalog is None:
        merged: dict[str, tuple[str, str]] = {}
        for name in _CATALOG_MODULES:
            module = importlib.import_module(f"{__name__}.{name}")
            for key, pair in module.MESSAGES.items():
                if key in merged:
                    raise RuntimeError(f"i18n key defined twice: {key}")
                merged[key] = pair
        _catalog = merged
    return _catalog


def t(key: str, lang: str = DEFAULT_LANG, /, **params: Any) -> str:
    """Render message ``key`` in ``lang`` ("vi" or "en") with ``params``."""
    vi, en = catalog()[key]
    template = en if lang == "en" else vi
    return template.format(**params) if params else template


@dataclass(frozen=True)
class Message:
    """A message not yet rendered: a catalogue key and its parameters."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)

    def render(self, lang: str = DEFAULT_LANG) -> str:
        """The message text in ``lang``; parameters that can render themselves do so."""
        params = {
            name: value.render(lang) if hasattr(value, "render") else value
            for name, value in self.params.items()
        }
        return t(self.key, lang, **params)


@dataclass(frozen=True)
class Localized:
    """A text given in both languages (a title from the criteria file)."""

    vi: str
    en: str | None = None

    def render(self, lang: str = DEFAULT_LANG) -> str:
        """The English text when asked and present, else the Vietnamese one."""
        return self.en if lang == "en" and self.en else self.vi


LIMIT_DIGITS = 6  # decimals shown for a max, a min or a pass mark (2.675 stays 2.675)


@dataclass(frozen=True)
class Num:
    """A number shown the way readers of ``lang`` write it: 1.234,5 (vi) or 1,234.5 (en)."""

    value: float | int
    digits: int = 2

    def render(self, lang: str = DEFAULT_LANG) -> str:
        """Format with at most ``digits`` decimals, trailing zeros dropped."""
        return format_number(self.value, lang, self.digits)


def format_number(value: float | int, lang: str = DEFAULT_LANG, digits: int = 2) -> str:
    """``1234.5`` -> ``1.234,5`` in Vietnamese, ``1,234.5`` in English."""
    text = f"{value:,.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    if lang == "en":
        return text
    return text.translate(_VIETNAMESE_MARKS)


# Vietnamese swaps the two marks: thousands "." and decimals ",". One pass, not three
# replaces: a large report formats a number for most explanation texts.
_VIETNAMESE_MARKS = str.maketrans({",": ".", ".": ","})


_OS_REASONS = {
    getattr(errno, name, None): key
    for name, key in (
        ("EACCES", "denied"),
        ("EPERM", "denied"),
        ("ENOENT", "not_found"),
        ("EISDIR", "is_folder"),
        ("ENOTDIR", "not_folder"),
        ("ENOSPC", "disk_full"),
        ("EROFS", "read_only"),
        ("ENAMETOOLONG", "name_too_long"),
        ("EBUSY", "busy"),
        ("EDQUOT", "quota"),  # not on every system
    )
}
_OS_REASONS.pop(None, None)


def os_reason(error: OSError) -> Localized | str:
    """Why the system refused a file, in both languages for the usual causes.

    The system's own words (``strerror``) are English on most machines; a
    secretary reading Vietnamese gets "không có quyền truy cập" instead of
    "Permission denied". Other causes keep the system's words.
    """
    key = _OS_REASONS.get(error.errno) if error.errno is not None else None
    if key is None:
        return error.strerror or str(error)
    vi, en = catalog()[f"errors.os.{key}"]
    return Localized(vi, en)


def msg(key: str, **params: Any) -> Message:
    """Shorthand for ``Message(key, params)``."""
    return Message(key, params)
