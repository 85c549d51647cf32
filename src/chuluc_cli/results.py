"""The computed results of a round: score cards, outcomes and the round as a whole.

These are frozen values produced by ``scoring`` (one ScoreCard per product)
and ``selection`` (one Outcome per product, in input order) and consumed by
every report. Texts are kept as :class:`~chuluc_cli.i18n.Message` values (or
values that render like one) so the same result can be reported in Vietnamese
or English. Points are ``Decimal`` values already rounded half away from zero
to the criteria's ``rounding``: reports must never round again.

A round of 100,000 products holds a million criterion results, so every class
here has ``__slots__``, and scoring hands over the gates and criteria of a card
as compact sequences that build their result objects only when asked (see
:func:`criterion_cells` for the reports' shortcut).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol

from chuluc_cli.i18n import Message
from chuluc_cli.nominations import Nomination, Nominations, Value

if TYPE_CHECKING:
    from chuluc_cli.criteria.model import Criteria, Tier


class Renderable(Protocol):
    """A text not yet rendered: a :class:`~chuluc_cli.i18n.Message` or anything like it."""

    def render(self, lang: str = ...) -> str:
        """The text in ``lang``."""
        ...


class Status(StrEnum):
    """The one final status of every product."""

    SELECTED = "selected"
    PASSED = "passed"  # met every condition but was cut by a quota or the limit
    REJECTED = "rejected"


class Flag(StrEnum):
    """Things the committee should look at, which do not change the status by themselves."""

    TIE = "TIE"  # the tie-break keys did not separate it from a neighbour
    AWAITING_SCORES = "AWAITING_SCORES"  # a judged criterion has no members' scores yet
    DATA_WARNING = "DATA_WARNING"  # a warning-level data issue on its row


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a product was rejected or cut: a stable code and a message.

    Codes: a gate id (``E1``), ``DATA:<field>``, ``DUPLICATE``, ``PASS_MARK``,
    ``GROUP_MIN:<group>``, ``CRITERION_MIN:<criterion>``, ``QUOTA:<quota>``, ``LIMIT``.
    """

    code: str
    message: Message | Renderable

    def render(self, lang: str) -> str:
        """The reason in words."""
        return self.message.render(lang)


@dataclass(frozen=True, slots=True)
class GateResult:
    """One eligibility gate evaluated for one product."""

    id: str
    passed: bool
    values: dict[str, Value]  # the values the gate read
    missing: tuple[str, ...] = ()  # names without data (the gate then fails)
    explanation: Message | Renderable | None = None


@dataclass(frozen=True, slots=True)
class CriterionResult:
    """The points of one criterion for one product, with why."""

    id: str
    group: str
    points: Decimal
    max: float
    explanation: Message | Renderable
    inputs: dict[str, Value] = field(default_factory=dict)
    missing: tuple[str, ...] = ()
    awaiting: bool = False  # judged criterion without members' scores


@dataclass(frozen=True, slots=True)
class ScoreCard:
    """Everything computed for one product before ranking."""

    nomination: Nomination
    gates: Sequence[GateResult]  # a tuple, or scoring's compact sequence
    criteria: Sequence[CriterionResult]  # in criteria order; same
    groups: dict[str, Decimal]
    total: Decimal
    derived: dict[str, Value]
    reasons: tuple[Reason, ...]  # rejections found while scoring (gates, data, minimums)
    flags: tuple[Flag, ...] = ()

    @property
    def eligible(self) -> bool:
        """True when nothing found while scoring rejects the product."""
        return not self.reasons

    def criteria_ids(self) -> list[str]:
        """The ids of the criteria scored on this card, in order."""
        ids = getattr(self.criteria, "ids", None)
        return list(ids) if ids is not None else [item.id for item in self.criteria]

    def points(self, criterion_id: str) -> Decimal:
        """The points of one criterion."""
        points_of = getattr(self.criteria, "points_of", None)
        if points_of is not None:  # scoring's compact sequence: no result objects built
            return points_of(criterion_id)
        return next(result.points for result in self.criteria if result.id == criterion_id)


def criterion_points(card: ScoreCard, ids: Sequence[str]) -> list[Decimal | None]:
    """The points of ``card`` for the criteria ``ids`` (None if absent), no result built."""
    points_of = getattr(card.criteria, "points_of", None)
    if points_of is not None and set(ids) <= set(card.criteria_ids()):
        return [points_of(cid) for cid in ids]
    by_id = {item.id: item.points for item in card.criteria}
    return [by_id.get(cid) for cid in ids]


def criterion_cells(
    card: ScoreCard, ids: Sequence[str], lang: str
) -> tuple[list[Decimal | None], list[str | None]]:
    """The points and explanation texts of ``card`` for the criteria ``ids`` (None if absent).

    What every report shows per product; a card made by scoring answers without
    building a result object per criterion, which is most of a large report's cost.
    """
    cells = getattr(card.criteria, "cells", None)
    if cells is not None:
        found = cells(ids, lang)
        if found is not None:
            return found
    by_id = {item.id: item for item in card.criteria}
    points = [by_id[cid].points if cid in by_id else None for cid in ids]
    texts = [by_id[cid].explanation.render(lang) if cid in by_id else None for cid in ids]
    return points, texts


@dataclass(frozen=True, slots=True)
class Outcome:
    """The final word on one product: status, rank, tier and every reason."""

    card: ScoreCard
    status: Status
    rank: int | None  # 1..n over passing products in tie-break order; None if rejected
    tier: Tier | None
    reasons: tuple[Reason, ...]
    flags: tuple[Flag, ...]

    @property
    def product_id(self) -> str:
        """The product id (or "row N" when blank)."""
        return self.card.nomination.product_id


@dataclass(frozen=True, slots=True)
class RoundResult:
    """A whole round: the rules, the inputs, and one outcome per product in input order."""

    criteria: Criteria
    inputs: tuple[Nominations, ...]
    outcomes: tuple[Outcome, ...]
    options: dict[str, Any] = field(default_factory=dict)

    def count(self, status: Status) -> int:
        """How many products ended with ``status``."""
        return sum(1 for outcome in self.outcomes if outcome.status is status)

    def ranked(self) -> list[Outcome]:
        """Passing products (selected and passed) in rank order."""
        ranked = [outcome for outcome in self.outcomes if outcome.rank is not None]
        return sorted(ranked, key=lambda outcome: outcome.rank or 0)

    def reason_counts(self) -> Counter[str]:
        """How often each reason code occurs, over all products."""
        return Counter(reason.code for outcome in self.outcomes for reason in outcome.reasons)

    @property
    def issues(self) -> list[Any]:
        """Every data issue of every input, in report order."""
        found = [issue for nominations in self.inputs for issue in nominations.issues]
        return sorted(found, key=lambda issue: issue.sort_key())
