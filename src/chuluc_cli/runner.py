"""Score spreadsheet files end to end: load the criteria and nominations, run, write.

This is the library's one-call entry for what ``chuluc score`` does, so a
script can reproduce a CLI run exactly: ``score_files`` returns the
:class:`RoundResult` and ``write_result`` writes it in any format. Progress
is reported through an optional observer callback that only the CLI binds
to a progress display.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from chuluc_cli.errors import ChulucError, ExitCode, OutputError
from chuluc_cli.i18n import msg
from chuluc_cli.nominations import Nominations
from chuluc_cli.results import Flag, Outcome, RoundResult

if TYPE_CHECKING:
    from chuluc_cli.criteria.model import Criteria

FORMATS = ("xlsx", "json", "csv")
Progress = Callable[[str, str], None]  # (phase: "read" | "score" | "write", detail)


@dataclass(frozen=True)
class ReadOptions:
    """How nominations files are read: which sheet, the decimal convention, the size limits.

    One value carried from the command line to every reader, so ``score``,
    ``explain`` and ``check`` read the same file the same way.
    """

    sheet: str | None = None
    decimal: str = "auto"
    max_rows: int = 1_100_000
    max_cells: int = 50_000_000
    max_file_bytes: int = 500 * 2**20

    def recorded(self) -> dict[str, Any]:
        """The options a run records in its provenance (the file size limit is not one)."""
        return {
            "sheet": self.sheet,
            "decimal": self.decimal,
            "max_rows": self.max_rows,
            "max_cells": self.max_cells,
        }


def score_files(
    paths: Sequence[Path],
    criteria: str | Path,
    *,
    read: ReadOptions = ReadOptions(),  # frozen: one shared default is safe
    lang: str | None = None,
    progress: Progress | None = None,
) -> RoundResult:
    """Load ``criteria`` (file or shipped name) and every input, and run the round."""
    from chuluc_cli.criteria.loader import load_criteria
    from chuluc_cli.round import run_round

    notify = progress or (lambda phase, detail: None)
    rules = load_criteria(criteria)
    inputs = read_inputs(paths, rules, read, notify=notify)
    notify("score", f"{sum(len(n.rows) for n in inputs)}")
    options = read.recorded()
    if lang:
        options["lang"] = lang
    return run_round(rules, inputs, options)


def read_inputs(
    paths: Sequence[Path],
    rules: Criteria,
    read: ReadOptions = ReadOptions(),  # frozen: one shared default is safe
    *,
    notify: Progress | None = None,
) -> list[Nominations]:
    """Read every nominations file against ``rules`` with the same sheet, decimal and limits."""
    from chuluc_cli.io.nominations import load_nominations

    loaded = []
    for path in paths:
        if notify:
            notify("read", str(path))
        loaded.append(
            load_nominations(
                path,
                rules,
                sheet=read.sheet,
                decimal=read.decimal,  # type: ignore[arg-type]
                max_rows=read.max_rows,
                max_cells=read.max_cells,
                max_file_bytes=read.max_file_bytes,
            )
        )
    return loaded


def criteria_inputs(criteria: str | Path) -> list[Path]:
    """The criteria file behind a path or shipped name: an input no output may replace."""
    from chuluc_cli.criteria.rulesets import resolve_criteria

    return [resolve_criteria(criteria)]


def choose_format(output: str | None, requested: str | None) -> str:
    """The output format: as requested, else from the output's extension, else xlsx."""
    if requested:
        fmt = requested
    elif output and output != "-" and Path(output).suffix.lower().lstrip(".") in FORMATS:
        fmt = Path(output).suffix.lower().lstrip(".")
    elif output == "-":
        fmt = "json"
    else:
        fmt = "xlsx"
    if output == "-" and fmt == "xlsx":
        raise OutputError(msg("errors.output.xlsx_to_stdout"))
    return fmt


def output_path(output: str | None, first_input: Path, fmt: str) -> Path | None:
    """Where to write: ``None`` for stdout, else the given path or ``<input>.chuluc.<fmt>``.

    The default goes to the current folder, next to where the user works,
    and can never be the input itself (its name has the ``.chuluc`` part).
    """
    if output == "-":
        return None
    if output:
        return Path(output)
    return Path.cwd() / f"{first_input.stem}.chuluc.{fmt}"


def write_result(
    result: RoundResult,
    target: Path | None,
    fmt: str,
    *,
    lang: str,
    force: bool = False,
    inputs: Sequence[Path] = (),
) -> None:
    """Write ``result`` as xlsx, json or csv to ``target`` (``None`` = stdout), atomically."""
    from chuluc_cli.io.atomic import write_atomic

    if fmt == "xlsx":
        from chuluc_cli.io.report_xlsx import write_report

        assert target is not None  # choose_format refuses xlsx to stdout
        write_report(result, target, lang=lang, inputs=inputs, force=force)
    elif fmt == "json":
        if target is None:
            _json_stdout(result, lang)
        else:
            write_atomic(target, lambda path: _json_file(result, path, lang), inputs=inputs,
                         force=force)  # fmt: skip
    elif fmt == "csv":
        from chuluc_cli.io.result_csv import write_csv

        write_csv(result, target, lang=lang, inputs=inputs, force=force)
    else:  # pragma: no cover - the CLI only offers FORMATS
        raise OutputError(msg("errors.output.unknown_format", fmt=fmt))


def _json_stdout(result: RoundResult, lang: str) -> None:
    import os
    import sys

    from chuluc_cli.io.result_json import write_json

    try:
        write_json(result, sys.stdout.write, lang)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader stopped early (`-o - | head`): like any command-line tool, say no more.
        # Point stdout at devnull so that the flush at exit does not fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _json_file(result: RoundResult, path: Path, lang: str) -> None:
    from chuluc_cli.io.result_json import write_json

    # Streamed: a large round's document is never held whole in memory.
    with path.open("w", encoding="utf-8", newline="") as handle:
        write_json(result, handle.write, lang)


def exit_code(result: RoundResult, fail_on: str = "issues") -> ExitCode:
    """1 when what ``fail_on`` names was found (data issues or ties), else 0."""
    from chuluc_cli.data_issues import Severity

    if fail_on == "issues":
        found = any(issue.severity is Severity.ERROR for issue in result.issues)
    elif fail_on == "ties":
        found = any(Flag.TIE in outcome.flags for outcome in result.outcomes)
    else:
        found = False
    return ExitCode.ISSUES if found else ExitCode.OK


def find_product(result: RoundResult, product_id: str) -> Outcome:
    """The outcome of ``product_id``; a clear error with the closest ids if absent."""
    from chuluc_cli.text import closest

    wanted = product_id.strip().casefold()
    for outcome in result.outcomes:
        if outcome.product_id.casefold() == wanted:
            return outcome
    suggestion = closest(product_id, [outcome.product_id for outcome in result.outcomes])
    hint = msg("errors.explain.did_you_mean", suggestion=suggestion) if suggestion else None
    raise ChulucError(msg("errors.explain.no_product", id=product_id), hint=hint)
