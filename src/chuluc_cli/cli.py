"""The ``chuluc`` command: parse arguments, call the core, render the result.

No scoring happens here. Every command runs inside :func:`_boundary`, the one
place where exceptions become exit codes: a :class:`ChulucError` is one red
line and its documented code, Ctrl-C is 130, anything else is an internal
error (3) whose traceback only ``--debug`` shows. Heavy modules (the readers,
the writers, pydantic models) are imported inside the commands so that
``chuluc --help`` starts fast.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from chuluc_cli import __version__
from chuluc_cli.collector import collector_paused
from chuluc_cli.errors import ChulucError, ExitCode

if TYPE_CHECKING:
    from chuluc_cli.runner import ReadOptions

app = typer.Typer(
    name="chuluc",
    help=(
        "Reproducible, auditable selection of nominated products "
        "(xét chọn sản phẩm công nghiệp chủ lực, OCOP, CNNT).\n\n"
        "Example: chuluc score sample_data/hanoi-2025.xlsx --criteria hanoi-spcncl"
    ),
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    add_completion=False,
    rich_markup_mode=None,
)
criteria_app = typer.Typer(
    help="List and show criteria rulesets (bộ tiêu chí).", no_args_is_help=True
)
app.add_typer(criteria_app, name="criteria")

_state = {"debug": False}
F = TypeVar("F", bound=Callable[..., Any])


class OutputFormat(StrEnum):
    """Formats of ``chuluc score`` results."""

    XLSX = "xlsx"
    JSON = "json"
    CSV = "csv"


class CheckFormat(StrEnum):
    """Formats of ``chuluc check`` and ``criteria show`` output."""

    TABLE = "table"
    JSON = "json"


class Lang(StrEnum):
    """Report languages."""

    VI = "vi"
    EN = "en"


class FailOn(StrEnum):
    """What makes ``chuluc score`` exit non-zero besides unusable input."""

    ISSUES = "issues"
    TIES = "ties"
    NONE = "none"


class Decimal(StrEnum):
    """How an ambiguous number such as 1.234 is read."""

    AUTO = "auto"
    COMMA = ","
    DOT = "."


def _boundary(command: F) -> F:
    """Turn every exception of ``command`` into one line and a documented exit code."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        # render (and rich with it) is imported only to say something: `score --quiet`
        # in CI has nothing to show, and importing rich is a tenth of a small run.
        try:
            return command(*args, **kwargs)
        except typer.Exit:
            raise
        except ChulucError as error:
            if _state["debug"]:
                raise
            from chuluc_cli import render

            lang = _error_lang(kwargs)
            render.error_line(error.render(lang), lang)
            raise typer.Exit(int(error.exit_code)) from None
        except KeyboardInterrupt:
            from chuluc_cli import render
            from chuluc_cli.i18n import t

            lang = _error_lang(kwargs)
            render.error_line(t("cli.interrupted", lang), lang)
            raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
        except Exception as error:
            if _state["debug"]:
                raise
            from chuluc_cli import render
            from chuluc_cli.i18n import t

            lang = _error_lang(kwargs)
            detail = f"{type(error).__name__}: {error}"  # Python's own words, for the bug report
            render.error_line(t("cli.internal", lang, detail=detail), lang)
            raise typer.Exit(int(ExitCode.INTERNAL)) from None

    return wrapper  # type: ignore[return-value]


def _error_lang(arguments: dict[str, Any]) -> str:
    """The language of an error line: the command's --lang, else Vietnamese.

    Not the criteria's language: the error may be that the criteria cannot be read.
    """
    lang = arguments.get("lang")
    return lang.value if isinstance(lang, Lang) else "vi"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"chuluc {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    debug: Annotated[
        bool, typer.Option("--debug", help="Show the full traceback of an error.")
    ] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """chuluc: gate, score, rank and select nominated products from spreadsheets."""
    _state["debug"] = debug


CriteriaOption = Annotated[
    str,
    typer.Option(
        "--criteria",
        "-c",
        help="Criteria file, or the name of a shipped ruleset (chuluc criteria list).",
    ),
]
LangOption = Annotated[
    Lang | None,
    typer.Option(
        "--lang", "-l", help="Language of messages and reports (default: the criteria's)."
    ),
]
SheetOption = Annotated[
    str | None,
    typer.Option("--sheet", help="Sheet name or 0-based index (default: first matching sheet)."),
]
DecimalOption = Annotated[
    Decimal,
    typer.Option(
        "--decimal",
        help="Decimal separator for ambiguous numbers like 1.234 (auto = Vietnamese: 1234).",
    ),
]
MaxRowsOption = Annotated[
    int, typer.Option("--max-rows", min=1, help="Refuse inputs with more data rows than this.")
]
MaxCellsOption = Annotated[
    int, typer.Option("--max-cells", min=1, help="Refuse sheets with more cells than this.")
]
MaxFileSizeOption = Annotated[
    int,
    typer.Option("--max-file-size", min=1, help="Refuse spreadsheets larger than this many MB."),
]
ForceOption = Annotated[
    bool, typer.Option("--force", "-f", help="Replace an existing output file.")
]


def _read_options(
    sheet: str | None, decimal: Decimal, max_rows: int, max_cells: int, max_file_size: int
) -> ReadOptions:
    """The reading options shared by ``score``, ``explain`` and ``check``."""
    from chuluc_cli.runner import ReadOptions

    return ReadOptions(sheet, decimal.value, max_rows, max_cells, max_file_size * 2**20)


@app.command()
@_boundary
def check(
    files: Annotated[
        list[str],
        typer.Argument(
            help=(
                "A criteria file (or shipped ruleset name), then optionally nomination "
                "spreadsheets to check against it; or several criteria files to lint."
            )
        ),
    ],
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 on lint warnings too.")] = False,
    output_format: Annotated[
        CheckFormat, typer.Option("--format", help="table for people, json for CI.")
    ] = CheckFormat.TABLE,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the data issues to this .xlsx workbook."),
    ] = None,
    sheet: SheetOption = None,
    decimal: DecimalOption = Decimal.AUTO,
    max_rows: MaxRowsOption = 1_100_000,
    max_cells: MaxCellsOption = 50_000_000,
    max_file_size: MaxFileSizeOption = 500,
    lang: LangOption = None,
    force: ForceOption = False,
) -> None:
    """Lint criteria files and, if given, check nomination spreadsheets against one.

    Exit 0 when clean, 1 on data issues, a failing example of the criteria
    file (rule tests, see docs/criteria.md) or, with --strict, lint warnings;
    2 when the criteria or a spreadsheet cannot be used.

    Example: chuluc check hanoi-spcncl sample_data/hanoi-2025.xlsx -o issues.xlsx
    """
    from chuluc_cli import checking, render, runner

    criteria_files, nominations = checking.split_arguments(files)
    read = _read_options(sheet, decimal, max_rows, max_cells, max_file_size)
    reports = [checking.check(criteria, nominations, read) for criteria in criteria_files]
    language = (lang.value if lang else None) or reports[0].criteria.language
    if output is not None:
        protected = runner.criteria_inputs(criteria_files[0])
        checking.write_issues_workbook(
            reports[0], output, lang=language, force=force, protect=protected
        )
    if output_format is CheckFormat.JSON:
        documents = [checking.report_to_dict(report, language) for report in reports]
        render.echo_json(documents[0] if len(documents) == 1 else documents)
    else:
        for report in reports:
            render.check_report(report, language, output)
    raise typer.Exit(max(int(checking.exit_code(report, strict=strict)) for report in reports))


@criteria_app.command("list")
@_boundary
def criteria_list(
    output_format: Annotated[
        CheckFormat, typer.Option("--format", help="table or json.")
    ] = CheckFormat.TABLE,
    lang: Annotated[
        Lang, typer.Option("--lang", "-l", help="Language of the table (JSON has both titles).")
    ] = Lang.VI,
) -> None:
    """List the rulesets shipped with chuluc.

    Example: chuluc criteria list --lang en
    """
    from chuluc_cli import render
    from chuluc_cli.criteria.rulesets import shipped_rulesets

    as_json = output_format is CheckFormat.JSON
    render.ruleset_list(shipped_rulesets(), as_json=as_json, lang=lang.value)


@criteria_app.command("show")
@_boundary
def criteria_show(
    name: Annotated[str, typer.Argument(help="Shipped ruleset name or criteria file.")],
    output_format: Annotated[
        CheckFormat, typer.Option("--format", help="table or json.")
    ] = CheckFormat.TABLE,
    lang: LangOption = None,
) -> None:
    """Show a readable summary of a ruleset: fields, gates, groups, points, selection.

    Example: chuluc criteria show ocop-2023 --lang en
    """
    from chuluc_cli import render
    from chuluc_cli.criteria.loader import load_criteria
    from chuluc_cli.criteria.summary import describe

    loaded = load_criteria(name)
    language = lang.value if lang else loaded.language
    summary = describe(loaded, language)
    if output_format is CheckFormat.JSON:
        render.echo_json(summary)
    else:
        render.criteria_summary(summary, language)


@app.command()
@_boundary
def score(
    nominations: Annotated[
        list[Path], typer.Argument(help="Nomination spreadsheets (.xlsx .xlsm .xls .ods .csv).")
    ],
    criteria: CriteriaOption = "hanoi-spcncl",
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            help="Output file; '-' writes JSON/CSV to stdout. Default: <input>.chuluc.<format>.",
        ),
    ] = None,
    output_format: Annotated[
        OutputFormat | None,
        typer.Option("--format", help="xlsx, json or csv (default: from -o, else xlsx)."),
    ] = None,
    lang: LangOption = None,
    sheet: SheetOption = None,
    decimal: DecimalOption = Decimal.AUTO,
    max_rows: MaxRowsOption = 1_100_000,
    max_cells: MaxCellsOption = 50_000_000,
    max_file_size: MaxFileSizeOption = 500,
    fail_on: Annotated[
        FailOn,
        typer.Option("--fail-on", help="Exit 1 on data issues (default), on ties, or never."),
    ] = FailOn.ISSUES,
    force: ForceOption = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No summary or progress (for CI).")
    ] = False,
) -> None:
    """Gate, score, rank and select nominations; write the ranked shortlist and every reason.

    Exit 0 on success, 1 when data issues were found (results are still
    written; see --fail-on), 2 when an input or the criteria cannot be used.

    Example: chuluc score sample_data/hanoi-2025.xlsx -o ketqua.xlsx
    """
    from chuluc_cli import runner

    fmt = runner.choose_format(output, output_format.value if output_format else None)
    # One pause of the cyclic collector for the whole round, not one per phase: between
    # phases it would walk the millions of objects read and scored (0.3-0.8 s at 100k).
    with _progress(lang.value if lang else "vi", quiet) as progress, collector_paused():
        result = runner.score_files(
            nominations,
            criteria,
            read=_read_options(sheet, decimal, max_rows, max_cells, max_file_size),
            lang=lang.value if lang else None,
            progress=progress,
        )
        language = lang.value if lang else result.criteria.language
        target = runner.output_path(output, nominations[0], fmt)
        if progress:
            progress("write", str(target or "-"))
        protected = [*nominations, *runner.criteria_inputs(criteria)]
        runner.write_result(result, target, fmt, lang=language, force=force, inputs=protected)
    if not quiet:
        from chuluc_cli import render

        render.score_summary(result, language, target)
    raise typer.Exit(int(runner.exit_code(result, fail_on.value)))


def _progress(lang: str, quiet: bool) -> AbstractContextManager[Any]:
    """The progress display of a long command; nothing (and no rich import) when quiet."""
    if quiet:
        return nullcontext(None)
    from chuluc_cli import render

    return render.phase_progress(lang)


@app.command()
@_boundary
def explain(
    nominations: Annotated[list[Path], typer.Argument(help="Nomination spreadsheets.")],
    product: Annotated[str, typer.Option("--product", "-p", help="The product id to explain.")],
    criteria: CriteriaOption = "hanoi-spcncl",
    lang: LangOption = None,
    sheet: SheetOption = None,
    decimal: DecimalOption = Decimal.AUTO,
    max_rows: MaxRowsOption = 1_100_000,
    max_cells: MaxCellsOption = 50_000_000,
    max_file_size: MaxFileSizeOption = 500,
) -> None:
    """Show the full score card of one product: gates, every point, rank, what it lacks.

    Example: chuluc explain sample_data/hanoi-2025.xlsx --product HN-2025-001
    """
    from chuluc_cli import render, runner

    read = _read_options(sheet, decimal, max_rows, max_cells, max_file_size)
    result = runner.score_files(nominations, criteria, read=read)
    language = lang.value if lang else result.criteria.language
    outcome = runner.find_product(result, product)
    render.explain_card(result, outcome, language)


@app.command()
@_boundary
def template(
    criteria: Annotated[str, typer.Argument(help="Criteria file or shipped ruleset name.")],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The blank nominations workbook to write.")
    ] = Path("mau-ho-so.xlsx"),
    lang: LangOption = None,
    rows: Annotated[
        int, typer.Option("--rows", min=1, help="Rows with input checks (dropdowns, ranges).")
    ] = 200,
    force: ForceOption = False,
) -> None:
    """Write a blank nominations form for a ruleset, to send to enterprises.

    Its columns are the ruleset's fields, with dropdowns for choices and yes/no,
    ranges for numbers and an instructions sheet; a filled form reads cleanly.

    Example: chuluc template hanoi-spcncl -o mau-ho-so.xlsx
    """
    from chuluc_cli import render
    from chuluc_cli.criteria.loader import load_criteria
    from chuluc_cli.io.template_xlsx import write_template

    loaded = load_criteria(criteria)
    language = lang.value if lang else loaded.language
    write_template(loaded, output, lang=language, force=force, rows=rows)
    render.written(output, language)


def main(argv: list[str] | None = None) -> None:
    """Run the typer app (the console script enters through :mod:`chuluc_cli.entry`)."""
    if argv is not None:
        sys.argv = ["chuluc", *argv]
    app(prog_name="chuluc")
