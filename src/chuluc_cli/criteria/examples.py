"""Run the worked examples of a criteria file as rule tests.

A ruleset is edited every year (points tables, thresholds), and a wrong band is
only noticed when a round has been scored. Each entry of ``examples`` is one
nomination, its values typed as in a spreadsheet cell, and what it must score;
``chuluc check`` runs them all, so a mistake fails CI before a round is scored.

An example is read by the same code as a spreadsheet (a header row of each
field's first header and one data row, through
:func:`~chuluc_cli.io.nominations.nominations_from_rows`) and scored as a round of
one product (:func:`~chuluc_cli.round.run_round`): what an example says is what
a real nomination with those cells would get. A data error in its values is a
failure with the reader's message; warnings (an ambiguous "1.234") are not.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from chuluc_cli.criteria.model import Criteria, Example
from chuluc_cli.criteria.yaml_source import YamlDocument
from chuluc_cli.data_issues import DataIssue, Severity
from chuluc_cli.errors import ChulucError, Text, render_text
from chuluc_cli.i18n import Message, Num, msg
from chuluc_cli.results import Outcome, Status

YamlPath = tuple[str | int, ...]
EXAMPLE_CODE = "EXAMPLE"
_IDENTITY_DEFAULTS = ("product_id", "product", "enterprise")
_DIGITS = 6  # numbers in messages: as many decimals as a ruleset may keep


@dataclass(frozen=True)
class Mismatch:
    """One way an example does not score as it says: where in the YAML, and what differs."""

    path: YamlPath
    line: int | None
    message: Message


@dataclass(frozen=True)
class ExampleResult:
    """One example run: its name, its YAML line and every mismatch (none when it passes)."""

    index: int
    name: str
    line: int | None
    mismatches: tuple[Mismatch, ...]

    @property
    def passed(self) -> bool:
        """True when the example scored exactly as it says."""
        return not self.mismatches


def run_examples(criteria: Criteria, document: YamlDocument | None = None) -> list[ExampleResult]:
    """Score every example of ``criteria`` and compare with its ``expect``.

    ``document`` is the YAML document from
    :func:`~chuluc_cli.criteria.loader.load_criteria_with_positions`; without it,
    results and mismatches have ``line=None``.
    """
    results = []
    for index, example in enumerate(criteria.examples):
        base: YamlPath = ("examples", index)
        found = [
            Mismatch(path, _line(document, path), message)
            for path, message in _run(criteria, example, index)
        ]
        results.append(ExampleResult(index, example.name, _line(document, base), tuple(found)))
    return results


def _line(document: YamlDocument | None, path: YamlPath) -> int | None:
    return document.locate(path)[0] if document is not None else None


Found = tuple[YamlPath, Message]


def _run(criteria: Criteria, example: Example, index: int) -> Iterator[Found]:
    from chuluc_cli.io.nominations import nominations_from_rows
    from chuluc_cli.round import run_round

    path: YamlPath = ("examples", index)
    try:
        nominations = nominations_from_rows(_rows(criteria, example, index), criteria)
    except ChulucError as error:  # a header the reader cannot find: say so, never crash check
        yield path, msg("criteria.example.unreadable", example=example.name, detail=error)
        return
    errors = [issue for issue in nominations.issues if issue.severity is Severity.ERROR]
    if errors:
        yield from _data_errors(example, errors, path)
        return  # a product with unusable values would only add misleading differences
    outcome = run_round(criteria, [nominations]).outcomes[0]
    yield from _compare(criteria, example, outcome, (*path, "expect"))


def _rows(criteria: Criteria, example: Example, index: int) -> list[list[object]]:
    """A header row (each field's first header) and the example's one data row."""
    values: dict[str, Any] = dict(example.values)
    defaults = {"product_id": f"VD-{index + 1}", "product": example.name}
    for name in _IDENTITY_DEFAULTS:
        # The ids and names say nothing about the rules: an example may leave them out.
        if name in criteria.fields and name not in values:
            values[name] = defaults.get(name, example.name)
    names = list(criteria.fields)
    header: list[object] = [criteria.fields[name].headers[0] for name in names]
    return [header, [values.get(name) for name in names]]


@dataclass(frozen=True)
class _IssueText:
    """A data issue's message as a renderable parameter (the issue renders by language)."""

    issue: DataIssue

    def render(self, lang: str = "vi") -> str:
        return self.issue.message(lang)


@dataclass(frozen=True)
class _Listed:
    """Renderable parts said as one list, ``"; "``-separated."""

    parts: tuple[Any, ...]

    def render(self, lang: str = "vi") -> str:
        texts = [render_text(part, lang) for part in self.parts]
        return "; ".join(texts) if texts else "—"


def _data_errors(example: Example, errors: list[DataIssue], path: YamlPath) -> Iterator[Found]:
    for issue in errors:
        field = issue.field or ""
        where = (*path, "values", field) if field in example.values else path
        text = msg(
            "criteria.example.data_issue",
            example=example.name,
            field=field,
            detail=_IssueText(issue),
        )
        yield where, text


def _compare(
    criteria: Criteria, example: Example, outcome: Outcome, path: YamlPath
) -> Iterator[Found]:
    expect, card, name = example.expect, outcome.card, example.name
    gates = list(card.gates)
    failed = [gate for gate in gates if not gate.passed]
    if expect.eligible is not None and expect.eligible != (not failed):
        yield (*path, "eligible"), _eligible(name, expect.eligible, failed)
    if expect.gates_failed is not None and set(expect.gates_failed) != {g.id for g in failed}:
        text = msg(
            "criteria.example.gates_failed",
            example=name,
            expected=", ".join(sorted(expect.gates_failed)) or "—",
            actual=_Listed(tuple(_gate_text(gate) for gate in failed)),
        )
        yield (*path, "gates_failed"), text
    for cid, wanted in (expect.points or {}).items():
        got = card.points(cid)
        if _exact(wanted) != got:
            result = next(item for item in card.criteria if item.id == cid)
            text = msg(
                "criteria.example.points",
                example=name,
                criterion=cid,
                expected=_num(_exact(wanted)),
                actual=_num(got),
                why=result.explanation,
            )
            yield (*path, "points", cid), text
    for gid, wanted in (expect.groups or {}).items():
        got = card.groups[gid]
        if _exact(wanted) != got:
            text = msg(
                "criteria.example.group",
                example=name,
                group=gid,
                expected=_num(_exact(wanted)),
                actual=_num(got),
            )
            yield (*path, "groups", gid), text
    if expect.total is not None and _exact(expect.total) != card.total:
        text = msg(
            "criteria.example.total",
            example=name,
            expected=_num(_exact(expect.total)),
            actual=_num(card.total),
        )
        yield (*path, "total"), text
    if expect.passes is not None:
        passes = outcome.status is not Status.REJECTED
        if expect.passes != passes:
            yield (*path, "passes"), _passes(criteria, name, expect.passes, outcome)


def _exact(value: float) -> Decimal:
    # repr() is the shortest text that reads back as the float: 72.5 in YAML is 72.5 here.
    return Decimal(repr(value))


def _num(value: Decimal) -> Num:
    return Num(float(value), _DIGITS)


def _gate_text(gate: Any) -> Text:
    # A gate's explanation names the gate itself ("G2 No tax debt: ..."): no prefix needed.
    return str(gate.id) if gate.explanation is None else gate.explanation


def _eligible(name: str, expected: bool, failed: Sequence[Any]) -> Message:
    if expected:
        listed = _Listed(tuple(_gate_text(gate) for gate in failed))
        return msg("criteria.example.should_be_eligible", example=name, gates=listed)
    return msg("criteria.example.should_not_be_eligible", example=name)


def _passes(criteria: Criteria, name: str, expected: bool, outcome: Outcome) -> Message:
    if expected:
        reasons = _Listed(tuple(outcome.reasons))
        return msg("criteria.example.should_pass", example=name, reasons=reasons)
    return msg(
        "criteria.example.should_not_pass",
        example=name,
        total=_num(outcome.card.total),
        pass_mark=Num(criteria.selection.pass_mark, _DIGITS),
    )
