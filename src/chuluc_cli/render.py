"""Terminal rendering for the CLI with rich: tables, summaries, score cards, errors.

Only the CLI imports this module. Results go to stdout, errors and progress to
stderr, so ``chuluc score ... -o - | jq`` stays clean. Consoles use
``soft_wrap`` so an error stays one line however narrow the terminal.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from chuluc_cli.i18n import DEFAULT_LANG, LIMIT_DIGITS, format_number, t

if TYPE_CHECKING:
    from chuluc_cli.checking import CheckReport
    from chuluc_cli.results import Outcome, RoundResult

TOP_ROWS = 10


def _out() -> Console:
    return Console(file=sys.stdout, highlight=False, soft_wrap=True)


def _err() -> Console:
    return Console(file=sys.stderr, highlight=False, soft_wrap=True)


def error_line(message: str, lang: str = "en") -> None:
    """One red line on stderr: ``lỗi: <message>`` (``error: <message>`` in English)."""
    _err().print(f"[bold red]{t('cli.error', lang)}:[/bold red] {escape(message)}")


def written(path: Path, lang: str) -> None:
    """Say where an output was written (stderr)."""
    _err().print(t("cli.written", lang, path=escape(str(path))))


def echo_json(data: Any) -> None:
    """JSON to stdout, UTF-8, stable order as given."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _num(value: Any, lang: str) -> str:
    if value is None:
        return "—"
    return format_number(float(value), lang)


def _limit(value: float, lang: str) -> str:
    """A max or a pass mark as the ruleset gives it (2.675 stays 2.675): 12,5 in Vietnamese."""
    return format_number(value, lang, LIMIT_DIGITS)


def ruleset_list(rulesets: Mapping[str, Path], *, as_json: bool, lang: str = DEFAULT_LANG) -> None:
    """The shipped rulesets: JSON (both titles, plain numbers) or a table in ``lang``."""
    rows = [ruleset_facts(name, path) for name, path in rulesets.items()]
    if as_json:
        echo_json(rows)
        return
    headers = ("cli.list.name", "cli.list.version", "cli.list.title", "cli.max", "cli.pass_mark")
    table = Table(*(t(key, lang) for key in headers))
    for row in rows:
        title = row["title_en"] if lang == "en" and row["title_en"] else row["title"]
        table.add_row(
            row["name"],
            row["version"],
            escape(title),
            _limit(row["max_total"], lang),
            _limit(row["pass_mark"], lang),
        )
    _out().print(table)


def ruleset_facts(name: str, path: Path) -> dict[str, Any]:
    """Name, version, titles, max total and pass mark of one ruleset, as its full load gives them.

    The shipped rulesets are checked by the test suite, so listing them only needs
    these few keys: read with libyaml's C parser, without the position-keeping
    loader and the pydantic models (0.5 s for three files, against 0.02 s). Anything
    unexpected falls back to the full load, which says what is wrong.
    """
    try:
        return _quick_facts(name, path)
    except Exception:  # the full load below reports the problem properly
        from chuluc_cli.criteria.loader import load_criteria

        loaded = load_criteria(path)
        return {
            "name": name,
            "version": loaded.version,
            "title": loaded.title,
            "title_en": loaded.title_en,
            "max_total": loaded.max_total,
            "pass_mark": loaded.selection.pass_mark,
        }


def _quick_facts(name: str, path: Path) -> dict[str, Any]:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    if data.get("schema") != "chuluc/criteria-v1":
        raise ValueError("not a criteria file")
    version = data["version"]
    title_en = data.get("title_en")
    # As the models read them: a number as version is text, texts are stripped, points floats.
    return {
        "name": name,
        "version": str(version).strip(),
        "title": _text(data["title"]),
        "title_en": None if title_en is None else _text(title_en),
        "max_total": sum(
            sum(_points(criterion["max"]) for criterion in group["criteria"])
            for group in data["groups"]
        ),
        "pass_mark": _points(data["selection"]["pass_mark"]),
    }


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("not a text")
    return value.strip()


def _points(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError("not a number")
    return float(value)


def criteria_summary(summary: Mapping[str, Any], lang: str) -> None:
    """A readable summary of one ruleset (from ``criteria.summary.describe``)."""
    console = _out()
    console.print(f"[bold]{escape(str(summary.get('title', '')))}[/bold]")
    console.print(
        f"{summary.get('id')} {summary.get('version')} — {escape(str(summary.get('source') or ''))}"
    )
    gates = Table(t("cli.gate", lang), t("cli.title", lang), t("cli.condition", lang))
    for gate in summary.get("gates", []):
        gates.add_row(gate["id"], escape(gate["title"]), escape(gate["require"]))
    if summary.get("gates"):
        console.print(gates)
    groups = Table(
        t("cli.criterion", lang), t("cli.title", lang), t("cli.max", lang), t("cli.rule", lang)
    )
    for group in summary.get("groups", []):
        groups.add_row(
            f"[bold]{group['id']}[/bold]",
            f"[bold]{escape(group['title'])}[/bold]",
            f"[bold]{_limit(group['max'], lang)}[/bold]",
            "",
        )
        for criterion in group.get("criteria", []):
            groups.add_row(
                criterion["id"],
                escape(criterion["title"]),
                _limit(criterion["max"], lang),
                escape(str(criterion.get("description") or criterion.get("rule", ""))),
            )
    console.print(groups)
    selection = summary.get("selection", {})
    console.print(
        f"{t('cli.max_total', lang)}: {_limit(summary.get('max_total', 0), lang)} · "
        f"{t('cli.pass_mark', lang)}: {_limit(selection.get('pass_mark', 0), lang)}"
    )


def check_report(report: CheckReport, lang: str, output: Path | None) -> None:
    """Lint findings, per-file read summaries and the data issues as tables."""
    console = _out()
    name = report.criteria.source_path or report.criteria.id
    if report.findings:
        table = Table(t("cli.line", lang), t("cli.code", lang), t("cli.message", lang))
        for finding in report.findings:
            table.add_row(
                str(finding.line or ""), finding.code, escape(finding.message.render(lang))
            )
        console.print(table)
    else:
        ok = t("cli.criteria_ok", lang)
        if report.examples:  # on the same line: one ✓ per clean file
            ok += "; " + _examples_pass(report.examples_passed, lang)
        console.print(f"[green]✓[/green] {escape(name)}: {escape(ok)}")
    if report.findings:
        _examples_line(report, lang)
    for nominations in report.nominations:
        console.print(
            t(
                "cli.read_summary",
                lang,
                path=escape(nominations.path),
                sheet=escape(nominations.sheet),
                rows=len(nominations.rows),
                header=nominations.header_row,
                blank=nominations.blank_rows,
            )
        )
    issues = report.issues
    if issues:
        _issues_table(issues, lang)
    elif report.nominations:
        console.print(f"[green]✓[/green] {t('cli.no_issues', lang)}")
    if output is not None:
        console.print(t("cli.written", lang, path=escape(str(output))))


def _examples_line(report: CheckReport, lang: str) -> None:
    """How many worked examples pass and fail, under the findings; nothing without examples."""
    if not report.examples:
        return
    passed, failed = report.examples_passed, report.examples_failed
    if not failed:
        _out().print(f"[green]✓[/green] {escape(_examples_pass(passed, lang))}")
        return
    text = t("cli.examples_fail", lang, failed=failed, count=len(report.examples))
    if passed:
        text += "; " + _examples_pass(passed, lang)
    _out().print(f"[red]✗[/red] {escape(text)}")


def _issues_table(issues: list[Any], lang: str, limit: int = 200) -> None:
    table = Table(
        t("cli.product", lang),
        t("cli.place", lang),
        t("cli.header", lang),
        t("cli.value", lang),
        t("cli.message", lang),
    )
    for issue in issues[:limit]:
        style = "red" if issue.severity.value == "error" else "yellow"
        table.add_row(
            escape(issue.product_id or ""),
            escape(issue.place),
            escape(issue.header or ""),
            escape((issue.value or "")[:40]),
            f"[{style}]{escape(issue.message(lang))}[/{style}]",
        )
    console = _out()
    console.print(table)
    if len(issues) > limit:
        console.print(t("cli.more_issues", lang, count=len(issues) - limit))


@contextmanager
def phase_progress(lang: str, enabled: bool = True) -> Iterator[Any]:
    """A progress bar over the phases read -> score -> write, on an interactive stderr.

    Yields the observer callback for ``runner.score_files`` (``None`` when the
    terminal is not interactive or ``enabled`` is false, so CI logs stay clean).
    """
    console = _err()
    if not enabled or not console.is_terminal:
        yield None
        return
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("", total=len(PHASES))

        def observe(phase: str, detail: str) -> None:
            done = PHASES.index(phase) if phase in PHASES else 0
            label = f"{t('cli.phase.' + phase, lang)} {escape(Path(detail).name)}"
            progress.update(task, completed=done, description=label)

        yield observe


PHASES = ("read", "score", "write")


def score_summary(result: RoundResult, lang: str, target: Path | None) -> None:
    """Counts by status, the top of the shortlist and the most common reasons (stderr)."""
    from chuluc_cli.results import Status

    console = _err()
    console.print(f"[bold]{escape(result.criteria.label(lang))}[/bold] ({result.criteria.version})")
    counts = {status: result.count(status) for status in Status}
    console.print(
        t(
            "cli.counts",
            lang,
            products=len(result.outcomes),
            selected=counts[Status.SELECTED],
            passed=counts[Status.PASSED],
            rejected=counts[Status.REJECTED],
        )
    )
    _shortlist_table(result, lang, console)
    reasons = result.reason_counts().most_common(5)
    if reasons:
        console.print(
            t("cli.top_reasons", lang)
            + ": "
            + ", ".join(f"{escape(code)} ×{count}" for code, count in reasons)
        )
    _committee_notes(result, lang, console)
    if target is not None:
        console.print(t("cli.written", lang, path=escape(str(target))))


def _shortlist_table(result: RoundResult, lang: str, console: Console) -> None:
    ranked = result.ranked()[:TOP_ROWS]
    if not ranked:
        return
    wide = console.width >= 110  # the enterprise column only where it fits
    ids = max(len(outcome.product_id) for outcome in ranked)
    tiers = max((len(o.tier.text(lang)) for o in ranked if o.tier), default=0)
    statuses = max(len(t(f"cli.status.{o.status.value}", lang)) for o in ranked)
    table = Table(title=t("cli.shortlist_top", lang, count=len(ranked)), title_justify="left")

    def fixed(header: str, width: int, **options: Any) -> None:
        table.add_column(header, no_wrap=True, min_width=max(width, len(header)), **options)

    fixed("#", 2, justify="right")
    fixed(t("cli.product_id", lang), ids)
    table.add_column(t("cli.product", lang), overflow="ellipsis", no_wrap=True, max_width=30)
    if wide:
        table.add_column(t("cli.enterprise", lang), overflow="ellipsis", no_wrap=True, max_width=36)
    fixed(t("cli.total", lang), 6, justify="right")
    fixed(t("cli.tier", lang), tiers)
    fixed(t("cli.status", lang), statuses)
    for outcome in ranked:
        values = outcome.card.nomination.values
        cells = [
            str(outcome.rank),
            escape(outcome.product_id),
            escape(str(values.get("product") or "")),
        ]
        if wide:
            cells.append(escape(str(values.get("enterprise") or "")))
        cells += [
            _num(outcome.card.total, lang),
            escape(outcome.tier.text(lang)) if outcome.tier else "",
            t(f"cli.status.{outcome.status.value}", lang),
        ]
        table.add_row(*cells)
    console.print(table)


def _committee_notes(result: RoundResult, lang: str, console: Console) -> None:
    from chuluc_cli.data_issues import Severity
    from chuluc_cli.results import Flag

    ties = [o.product_id for o in result.outcomes if Flag.TIE in o.flags]
    awaiting = sum(1 for o in result.outcomes if Flag.AWAITING_SCORES in o.flags)
    errors = sum(1 for issue in result.issues if issue.severity is Severity.ERROR)
    if ties:
        console.print(f"[yellow]{t('cli.note_ties', lang, products=', '.join(ties[:20]))}[/yellow]")
    if awaiting:
        console.print(f"[yellow]{t('cli.note_awaiting', lang, count=awaiting)}[/yellow]")
    if errors:
        console.print(f"[yellow]{t('cli.note_issues', lang, count=errors)}[/yellow]")


def explain_card(result: RoundResult, outcome: Outcome, lang: str) -> None:
    """The full score card of one product."""
    console = _out()
    card = outcome.card
    values = card.nomination.values
    console.print(
        f"[bold]{escape(outcome.product_id)}[/bold] — {escape(str(values.get('product') or ''))}"
        f" ({escape(str(values.get('enterprise') or ''))}), "
        f"{t('cli.row', lang)} {card.nomination.row}"
    )
    status = t(f"cli.status.{outcome.status.value}", lang)
    rank = f" · {t('cli.rank', lang)} {outcome.rank}" if outcome.rank else ""
    tier = f" · {escape(outcome.tier.text(lang))}" if outcome.tier else ""
    console.print(f"{t('cli.status', lang)}: [bold]{status}[/bold]{rank}{tier}")
    _gates_table(result, outcome, lang, console)
    _criteria_table(result, outcome, lang, console)
    for reason in outcome.reasons:
        console.print(f"[red]• {escape(reason.code)}[/red] {escape(reason.render(lang))}")
    _what_it_needs(result, outcome, lang, console)


def _gates_table(result: RoundResult, outcome: Outcome, lang: str, console: Console) -> None:
    gates = {gate.id: gate for gate in result.criteria.eligibility}
    if not outcome.card.gates:
        return
    table = Table(
        t("cli.gate", lang), t("cli.title", lang), t("cli.result", lang), t("cli.values", lang)
    )
    for gate in outcome.card.gates:
        spec = gates.get(gate.id)
        mark = "[green]✓[/green]" if gate.passed else "[red]✗[/red]"
        shown = ", ".join(f"{k} = {_value(v, lang)}" for k, v in gate.values.items())
        table.add_row(gate.id, escape(spec.label(lang) if spec else ""), mark, escape(shown))
    console.print(table)


def _value(value: Any, lang: str) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return t("common.yes" if value else "common.no", lang)
    if isinstance(value, int | float):
        return format_number(value, lang)
    return str(value)


def _criteria_table(result: RoundResult, outcome: Outcome, lang: str, console: Console) -> None:
    table = Table(t("cli.criterion", lang), t("cli.points", lang), t("cli.explanation", lang))
    by_group: dict[str, list[Any]] = {}
    for criterion in outcome.card.criteria:
        by_group.setdefault(criterion.group, []).append(criterion)
    for group in result.criteria.groups:
        got = outcome.card.groups.get(group.id)
        table.add_row(
            f"[bold]{group.id} {escape(group.label(lang))}[/bold]",
            f"[bold]{_num(got, lang)}/{_limit(group.max_points, lang)}[/bold]",
            "",
        )
        for criterion in by_group.get(group.id, []):
            spec = result.criteria.criteria_by_id[criterion.id][1]
            table.add_row(
                f"  {criterion.id} {escape(spec.label(lang))}",
                f"{_num(criterion.points, lang)}/{_limit(criterion.max, lang)}",
                escape(criterion.explanation.render(lang)),
            )
    table.add_row(
        f"[bold]{t('cli.total', lang)}[/bold]",
        f"[bold]{_num(outcome.card.total, lang)}/{_limit(result.criteria.max_total, lang)}[/bold]",
        "",
    )
    console.print(table)


def _what_it_needs(result: RoundResult, outcome: Outcome, lang: str, console: Console) -> None:
    pass_mark = result.criteria.selection.pass_mark
    short = float(pass_mark) - float(outcome.card.total)
    if short <= 0:
        return
    console.print(
        t(
            "cli.points_short",
            lang,
            short=format_number(short, lang),
            pass_mark=format_number(pass_mark, lang),
        )
    )
    for group in result.criteria.groups:
        room = group.max_points - float(outcome.card.groups.get(group.id, 0))
        if room > 0:
            console.print(
                "  "
                + t(
                    "cli.group_room",
                    lang,
                    group=f"{group.id} {group.label(lang)}",
                    room=format_number(room, lang),
                )
            )


def _examples_pass(count: int, lang: str) -> str:
    """'3 examples pass', '1 example passes' (Vietnamese has one form)."""
    if count == 1:
        return t("cli.example_passes", lang)
    return t("cli.examples_pass", lang, count=count)
