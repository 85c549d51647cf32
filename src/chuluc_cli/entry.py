"""The ``chuluc`` command: ``criteria list`` answered before typer is imported.

Importing typer (and the click it carries) costs about 0.07 s, half of all that
listing the shipped rulesets costs, and the list needs none of it.
Every other command, and any other spelling of this one, goes to
:func:`chuluc_cli.cli.main`, which the test suite compares with this shortcut.
"""

from __future__ import annotations

import sys

# `chuluc criteria list` as people type it -> whether JSON is asked for.
DIRECT_LISTS = {
    ("criteria", "list"): False,
    ("criteria", "list", "--format", "table"): False,
    ("criteria", "list", "--format", "json"): True,
    ("criteria", "list", "--format=table"): False,
    ("criteria", "list", "--format=json"): True,
}


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point: ``argv`` without the program name (default: sys.argv)."""
    as_json = DIRECT_LISTS.get(tuple(sys.argv[1:] if argv is None else argv))
    if as_json is None:
        from chuluc_cli.cli import main as typer_main

        typer_main(argv)
        return
    from chuluc_cli import render
    from chuluc_cli.criteria.rulesets import shipped_rulesets

    render.ruleset_list(shipped_rulesets(), as_json=as_json)
