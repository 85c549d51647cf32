"""Score one product into its :class:`~chuluc_cli.results.ScoreCard`, or every row of an input.

:func:`score_product` ties the parts together: the plan, the gates, the
criterion rules and the reasons. A card keeps only its points and a tiny note
per criterion; :class:`Scored` and ``_Gates`` build the full criterion and gate
results (with their explanations) when a report asks for them.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Any, Literal

from chuluc_cli.criteria.model import Criteria
from chuluc_cli.data_issues import DataIssue, IssueCode, Severity
from chuluc_cli.nominations import Nomination, Nominations, Value
from chuluc_cli.results import CriterionResult, GateResult, Reason, ScoreCard
from chuluc_cli.scoring.explain import Explanation, Unusual
from chuluc_cli.scoring.plan import Plan, Product, compiled_plan
from chuluc_cli.scoring.points import ZERO
from chuluc_cli.scoring.reasons import data_reasons, duplicate_reason, flags, minimum_reasons

_NOTHING: frozenset[str] = frozenset()


def score_all(
    criteria: Criteria, nominations: Nominations | Sequence[Nominations]
) -> list[ScoreCard]:
    """Score every row of one or several inputs; cards come back in input order."""
    inputs = [nominations] if isinstance(nominations, Nominations) else list(nominations)
    cards: list[ScoreCard] = []
    for one in inputs:
        issues = issues_by_row(one)
        cards.extend(score_product(criteria, row, issues.get(row.row, ())) for row in one.rows)
    return cards


def score_product(
    criteria: Criteria,
    nomination: Nomination,
    errors: Sequence[DataIssue] = (),
    duplicate: bool = False,
) -> ScoreCard:
    """Score one product.

    ``errors`` are the data issues of the product's row: error-level ones reject
    it with ``DATA:<field>`` (a ``DUPLICATE_ID`` issue with ``DUPLICATE``), and
    warnings add the ``DATA_WARNING`` flag. ``duplicate`` is set by the round
    when the product id occurs on another row. A rejected product is still
    scored as far as its data allows, so the committee sees its points.
    """
    plan = compiled_plan(criteria)
    data_issues: list[DataIssue] = []
    unusable = _NOTHING
    if errors:  # most rows have no issue: skip the work
        for issue in errors:
            if issue.severity is Severity.ERROR:
                if issue.code is IssueCode.DUPLICATE_ID:
                    duplicate = True
                else:
                    data_issues.append(issue)
        unusable = frozenset(issue.field for issue in data_issues if issue.field) or _NOTHING
    product = Product(criteria, nomination, unusable, plan)
    gates = tuple([rule.check(product) for rule in plan.gates])
    if gates == plan.all_passed:
        gates = plan.all_passed  # one tuple for every eligible product
    points, notes = zip(*[rule.score(product) for rule in plan.rules], strict=True)
    groups = plan.group_totals(points)
    lazy = Scored(plan, nomination.values, product.derived, unusable, points, notes)
    reasons: tuple[Reason, ...] = ()
    if duplicate or data_issues or gates is not plan.all_passed:
        reasons = (
            *([duplicate_reason(nomination)] if duplicate else []),
            *(data_reasons(criteria, data_issues) if data_issues else []),
            *(Reason(g.id, g.explanation) for g in gates if g is not True and g.explanation),
        )
    if plan.has_minimums and (below := minimum_reasons(plan, points, groups)):
        reasons += tuple(below)
    return ScoreCard(
        nomination=nomination,
        gates=_Gates(lazy, gates) if gates else (),
        criteria=lazy,
        groups=groups,
        total=plan.intern(sum(groups.values(), ZERO)),  # nearly one per product: not remembered
        derived=product.derived,
        reasons=reasons,
        flags=flags(plan, errors) if errors else plan.flags,
    )


def issues_by_row(nominations: Nominations) -> dict[int, list[DataIssue]]:
    """The data issues of every severity of one input, grouped by Excel row."""
    grouped: dict[int, list[DataIssue]] = {}
    for issue in nominations.issues:
        if issue.row is not None:
            grouped.setdefault(issue.row, []).append(issue)
    return grouped


class Scored(Sequence[CriterionResult]):
    """The criterion results of one card: its points, one note each, and the values they read.

    A :class:`CriterionResult` (with its explanation) is built when it is asked for;
    reports use :meth:`cells`, which writes the explanations without building them.
    """

    __slots__ = ("derived", "notes", "plan", "points", "unusable", "values")

    def __init__(
        self,
        plan: Plan,
        values: dict[str, Value],
        derived: dict[str, Value],
        unusable: frozenset[str],
        points: tuple[Decimal, ...],
        notes: tuple[Any, ...],
    ) -> None:
        self.plan, self.values, self.derived, self.unusable = plan, values, derived, unusable
        self.points, self.notes = points, notes

    def get(self, name: str) -> Value:
        """The value a rule read: derived, blank when unusable, else the nomination's."""
        if name in self.derived:
            return self.derived[name]
        return None if name in self.unusable else self.values.get(name)

    def __len__(self) -> int:
        return len(self.points)

    def __iter__(self) -> Iterator[CriterionResult]:
        return (self._result(index) for index in range(len(self.points)))

    def __getitem__(self, index: int) -> CriterionResult:  # type: ignore[override]
        if isinstance(index, slice):
            return tuple(self)[index]
        return self._result(range(len(self.points))[index])

    def __repr__(self) -> str:
        return f"_Scored({dict(zip(self.plan.ids, self.points, strict=True))})"

    def _result(self, index: int) -> CriterionResult:
        rule, points, note = self.plan.rules[index], self.points[index], self.notes[index]
        if isinstance(note, Unusual):
            explanation: Any = note.message
            missing = note.missing
        else:
            explanation, missing = Explanation(rule, self, points, note), ()
        inputs = {name: self.get(name) for name in rule.inputs}
        return CriterionResult(
            rule.id, rule.group, points, rule.max, explanation, inputs, missing, rule.awaiting
        )

    @property
    def ids(self) -> list[str]:
        """The criterion ids, in order."""
        return self.plan.ids

    def points_of(self, criterion_id: str) -> Decimal:
        """The points of one criterion."""
        return self.points[self.plan.index[criterion_id]]

    def cells(
        self, ids: Sequence[str], lang: str
    ) -> tuple[list[Decimal | None], list[str | None]] | None:
        """Points and explanation texts for ``ids``; None unless they are the plan's ids."""
        if list(ids) != self.plan.ids:
            return None
        rules, points, notes = self.plan.rules, self.points, self.notes
        texts: list[str | None] = [
            rule.text(self, p, note, lang)
            for rule, p, note in zip(rules, points, notes)  # noqa: B905
        ]
        return list(points), texts


class _Gates(Sequence[GateResult]):
    """The gate results of one card: a met gate is only ``True`` until it is asked for."""

    __slots__ = ("entries", "lazy")

    def __init__(self, lazy: Scored, entries: tuple[Literal[True] | GateResult, ...]) -> None:
        self.lazy, self.entries = lazy, entries

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[GateResult]:
        return (self[index] for index in range(len(self.entries)))

    def __getitem__(self, index: int) -> GateResult:  # type: ignore[override]
        if isinstance(index, slice):
            return tuple(self)[index]
        entry = self.entries[index]
        if entry is True:
            return self.lazy.plan.gates[range(len(self.entries))[index]].passed(self.lazy)
        return entry

    def __repr__(self) -> str:
        return f"_Gates({[entry is True for entry in self.entries]})"
