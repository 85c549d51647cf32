"""Fatal errors of chuluc and the exit codes they map to.

A *fatal* problem (a file that cannot be used, a criteria file with a mistake,
an output that would overwrite something) is an exception from this module.
A problem in one nomination is never fatal: it is a ``DataIssue`` value.
The CLI turns every ``ChulucError`` into one line and ``exit_code``.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """The documented exit codes of the ``chuluc`` command."""

    OK = 0
    ISSUES = 1  # data issues, lint warnings under --strict, ties under --fail-on ties
    UNUSABLE = 2  # unusable input, criteria or output: nothing was written
    INTERNAL = 3  # a bug in chuluc; please report it with --debug output
    INTERRUPTED = 130  # Ctrl-C


class ChulucError(Exception):
    """Base of every fatal chuluc error; its text is one line meant for the user."""

    exit_code: ExitCode = ExitCode.UNUSABLE

    def __init__(
        self, message: str, *, hint: str | None = None, details: list[str] | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.details = details or [message]  # every problem found, one line each

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message} ({self.hint})"


class CriteriaError(ChulucError):
    """A criteria file cannot be used: YAML syntax, schema or expression mistake."""


class InputError(ChulucError):
    """A nominations or scoring-sheet file cannot be used as a whole."""


class LimitError(InputError):
    """An input exceeds a safety limit (file size, rows, cells); the limit can be raised."""


class OutputError(ChulucError):
    """An output cannot be written safely (it exists, it is an input, the folder is missing)."""
