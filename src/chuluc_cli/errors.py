"""Fatal errors of chuluc and the exit codes they map to.

A *fatal* problem (a file that cannot be used, a criteria file with a mistake,
an output that would overwrite something) is an exception from this module.
A problem in one nomination is never fatal: it is a ``DataIssue`` value.

An error carries its text unrendered (an i18n :class:`~chuluc_cli.i18n.Message`,
or plain text for what has no translation such as a parser's own words), so the
CLI can show it in the language of the command (:meth:`ChulucError.render`)
while ``str(error)``, ``error.message`` and ``error.details`` are always English:
stable for logs, library users and tests. The CLI turns every ``ChulucError`` into one
line and ``exit_code``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import Protocol, TypeAlias


class ExitCode(IntEnum):
    """The documented exit codes of the ``chuluc`` command."""

    OK = 0
    ISSUES = 1  # data issues, lint warnings under --strict, ties under --fail-on ties
    UNUSABLE = 2  # unusable input, criteria or output: nothing was written
    INTERNAL = 3  # a bug in chuluc; please report it with --debug output
    INTERRUPTED = 130  # Ctrl-C


class Renderable(Protocol):
    """Anything that can say itself in "vi" or "en": a ``Message``, ``Localized``, ``Joined``."""

    def render(self, lang: str = ...) -> str:
        """The text in ``lang``."""
        ...


Text: TypeAlias = "str | Renderable"


def render_text(text: Text, lang: str) -> str:
    """``text`` in ``lang``: plain text as it is, a renderable rendered."""
    return text if isinstance(text, str) else text.render(lang)


@dataclass(frozen=True)
class Joined:
    """Parts said one after another in one language, e.g. ``"rules.yaml:3:5: "`` + a message.

    A place (file, line, column) is the same in every language, so it stays plain
    text and only the message around it is looked up in the catalogue.
    """

    parts: tuple[Text, ...]

    def render(self, lang: str = "vi") -> str:
        """Every part in ``lang``, concatenated."""
        return "".join(render_text(part, lang) for part in self.parts)


def joined(*parts: Text) -> Joined:
    """Shorthand for ``Joined(parts)``."""
    return Joined(parts)


class ChulucError(Exception):
    """Base of every fatal chuluc error; its text is one line meant for the user.

    ``message``, ``hint`` and each of ``details`` are plain text or an i18n message;
    ``str(error)`` and the attributes of those names are English, :meth:`render`
    gives any language.
    """

    exit_code: ExitCode = ExitCode.UNUSABLE

    def __init__(
        self,
        message: Text,
        *,
        hint: Text | None = None,
        details: list[Text] | None = None,
    ) -> None:
        self.text = message
        self.hint_text = hint
        self.detail_texts = list(details) if details else [message]
        super().__init__(render_text(message, "en"))

    @property
    def message(self) -> str:
        """The message without its hint, in English."""
        return render_text(self.text, "en")

    @property
    def hint(self) -> str | None:
        """What to try next, in English, or None."""
        return None if self.hint_text is None else render_text(self.hint_text, "en")

    @property
    def details(self) -> list[str]:
        """Every problem found, one line each, in English."""
        return self.render_details("en")

    def render(self, lang: str) -> str:
        """The one line shown to the user, with its hint in brackets, in ``lang``."""
        message = render_text(self.text, lang)
        if self.hint_text is None:
            return message
        return f"{message} ({render_text(self.hint_text, lang)})"

    def render_details(self, lang: str) -> list[str]:
        """Every problem found, one line each, in ``lang``."""
        return [render_text(detail, lang) for detail in self.detail_texts]

    def __str__(self) -> str:
        return self.render("en")


class CriteriaError(ChulucError):
    """A criteria file cannot be used: YAML syntax, schema or expression mistake."""


class InputError(ChulucError):
    """A nominations or scoring-sheet file cannot be used as a whole."""


class LimitError(InputError):
    """An input exceeds a safety limit (file size, rows, cells); the limit can be raised."""


class OutputError(ChulucError):
    """An output cannot be written safely (it exists, it is an input, the folder is missing)."""
