"""The ``chuluc`` command: ``criteria list`` answered before typer is imported.

Importing typer (and the click it carries) costs about 0.07 s, half of all that
listing the shipped rulesets costs, and the list needs none of it.
Every other command, and any other spelling of this one, goes to
:func:`chuluc_cli.cli.main`, which the test suite compares with this shortcut.
"""

from __future__ import annotations

import sys

# The options of `chuluc criteria list` and the values answered here (others go to typer).
LIST_OPTIONS = {"--format": ("table", "json"), "--lang": ("vi", "en")}


def direct_list(args: list[str]) -> tuple[bool, str] | None:
    """(JSON asked for, language) for ``criteria list`` as people type it; else None."""
    if args[:2] != ["criteria", "list"]:
        return None
    chosen = {"--format": "table", "--lang": "vi"}
    rest = args[2:]
    while rest:
        if rest[0].startswith("--") and "=" in rest[0]:  # --lang=en (not -l=en: "=en")
            (name, value), rest = rest[0].split("=", 1), rest[1:]
        elif len(rest) >= 2:
            name, value, rest = rest[0], rest[1], rest[2:]
        else:
            return None
        name = "--lang" if name == "-l" else name
        if value not in LIST_OPTIONS.get(name, ()):
            return None
        chosen[name] = value
    return chosen["--format"] == "json", chosen["--lang"]


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point: ``argv`` without the program name (default: sys.argv)."""
    listing = direct_list(sys.argv[1:] if argv is None else argv)
    if listing is None:
        from chuluc_cli.cli import main as typer_main

        typer_main(argv)
        return
    from chuluc_cli import render
    from chuluc_cli.criteria.rulesets import shipped_rulesets

    as_json, lang = listing
    render.ruleset_list(shipped_rulesets(), as_json=as_json, lang=lang)
