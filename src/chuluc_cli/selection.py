"""Selection: pass mark, ranking with tie-break, quotas, limit and tiers.

Selection is pure (no I/O) and works on score cards only, so the same cards
always give the same outcomes. Its rules, in order:

1. A card rejected while scoring (gates, data, duplicate id, minimums) stays
   rejected; an eligible card below the pass mark is rejected with
   ``PASS_MARK``. Rejected products get no rank and never influence others.
2. Passing products are ranked 1..n by the criteria's tie-break keys. Products
   the keys do not separate keep their input order and are all flagged
   ``TIE``: a tie is never broken silently, the committee decides.
3. The ranking is walked once: a product is selected while the limit and
   every quota allow it, otherwise it stays ``PASSED`` with ``QUOTA:<id>``
   and/or ``LIMIT``.
4. Tiers label products, first matching tier wins (see :func:`select`).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter
from collections.abc import Callable, Sequence
from decimal import Decimal
from functools import cmp_to_key
from typing import Any

from chuluc_cli.criteria.model import Criteria, Quota, TieKey, Tier
from chuluc_cli.i18n import Localized, Num, msg
from chuluc_cli.results import Flag, Outcome, Reason, ScoreCard, Status
from chuluc_cli.scoring import LIMIT_DIGITS, describe_value, field_label

MINIMUM_PREFIXES = ("GROUP_MIN:", "CRITERION_MIN:")


def select(criteria: Criteria, cards: Sequence[ScoreCard]) -> list[Outcome]:
    """Decide every product's status, rank and tier; outcomes come back in input order.

    Tiers, first match wins: a ``top: N`` tier labels the first N *selected*
    products in rank order; a ``min_total`` tier labels every product whose
    total reaches it and that was not rejected by a gate, a data issue or a
    duplicate id, so products below the pass mark, below a minimum or cut by a
    quota still get their rating (OCOP stars label every rated product). A tier
    with both keys needs both.
    """
    pass_mark = _decimal(criteria.selection.pass_mark)
    extra: dict[int, list[Reason]] = {}
    passing = []
    below: dict[Decimal, Reason] = {}  # one reason per total: thousands of products share it
    for index, card in enumerate(cards):
        if not card.eligible:
            continue
        if card.total < pass_mark:
            reason = below.get(card.total)
            if reason is None:
                reason = below[card.total] = _pass_mark_reason(criteria, card.total)
            extra[index] = [reason]
        else:
            passing.append(index)
    order, tied = rank(criteria, cards, passing)
    selected = _walk(criteria, cards, order, extra)
    position = {index: place for place, index in enumerate(selected, start=1)}
    ranks = {index: place for place, index in enumerate(order, start=1)}
    tier = _tier_chooser(criteria)
    outcomes = []
    for index, card in enumerate(cards):
        more = extra.get(index)
        outcomes.append(
            Outcome(
                card=card,
                status=_status(index, ranks, position),
                rank=ranks.get(index),
                tier=tier(card, position.get(index)),
                reasons=(card.reasons + tuple(more)) if more else card.reasons,
                flags=(*card.flags, Flag.TIE) if index in tied else card.flags,
            )
        )
    return outcomes


def rank(
    criteria: Criteria, cards: Sequence[ScoreCard], indexes: Sequence[int]
) -> tuple[list[int], set[int]]:
    """Sort ``indexes`` of ``cards`` by the tie-break keys (stable: input order on ties).

    Returns the indexes in rank order and the set of indexes the keys do not
    separate from a neighbour. ``None`` values sort last in either direction.
    """
    keys = _rank_keys(criteria, cards, indexes)
    if keys is None:  # a key without one plain order (NaN, mixed types): compare pairs
        return _rank_compared(criteria, cards, indexes)
    # Sorting by a tuple of ints per card gives the order the comparison gives, without its
    # 400,000 calls (and a getter call per key in each) at 100,000 cards.
    places = sorted(range(len(indexes)), key=keys.__getitem__)
    tied: set[int] = set()
    for before, after in itertools.pairwise(places):
        if keys[before] == keys[after]:
            tied.update((indexes[before], indexes[after]))
    return [indexes[place] for place in places], tied


def _rank_compared(
    criteria: Criteria, cards: Sequence[ScoreCard], indexes: Sequence[int]
) -> tuple[list[int], set[int]]:
    """:func:`rank` by the comparison function itself: the one definition of the order."""
    compare_cards = _card_comparison(criteria)

    def compare(a: int, b: int) -> int:  # a typed def, not a lambda: mypy cannot infer one
        return compare_cards(cards[a], cards[b])

    order = sorted(indexes, key=cmp_to_key(compare))
    tied: set[int] = set()
    for before, after in itertools.pairwise(order):
        if compare_cards(cards[before], cards[after]) == 0:
            tied.update((before, after))
    return order, tied


# Value types that ``<`` and ``==`` order totally (NaN aside), together or one type alone.
_NUMBERS: frozenset[type] = frozenset({bool, int, float, Decimal})
_ALONE: tuple[frozenset[type], ...] = (frozenset({str}), frozenset({dt.date}))


def _rank_keys(
    criteria: Criteria, cards: Sequence[ScoreCard], indexes: Sequence[int]
) -> list[tuple[int, ...]] | None:
    """Each card's tie-break values as places in their column; None if a column has no order."""
    columns = []
    for key in criteria.tie_keys():
        get = _getter(criteria, key)
        places = _places([get(cards[index]) for index in indexes], key.descending)
        if places is None:
            return None
        columns.append(places)
    return list(zip(*columns, strict=True))


def _places(values: list[Any], descending: bool) -> list[int] | None:
    """Each value's place among the distinct values, as :func:`_compare` orders them.

    Equal values share a place and a blank comes after all; None when the values are
    not of one ordered kind (then :func:`_compare` orders mixed types by name and text).
    """
    try:
        distinct = set(values)
    except TypeError:  # a list (from a derived value) has no hash
        return None
    distinct.discard(None)
    kinds = {type(value) for value in distinct}
    if not (kinds <= _NUMBERS or kinds in _ALONE) or any(v != v for v in distinct):  # NaN
        return None
    ordered = sorted(distinct, reverse=descending)
    place = {value: number for number, value in enumerate(ordered)}
    blank = len(ordered)
    return [blank if value is None else place[value] for value in values]


def tie_groups(criteria: Criteria, outcomes: Sequence[Outcome]) -> list[list[Outcome]]:
    """The groups of ranked products that the tie-break keys do not separate, in rank order."""
    ranked = sorted((o for o in outcomes if o.rank is not None), key=lambda o: o.rank or 0)
    compare_cards = _card_comparison(criteria)
    groups: list[list[Outcome]] = []
    for before, after in itertools.pairwise(ranked):
        if compare_cards(before.card, after.card) == 0:
            if groups and groups[-1][-1] is before:
                groups[-1].append(after)
            else:
                groups.append([before, after])
    return groups


def _card_comparison(criteria: Criteria) -> Callable[[ScoreCard, ScoreCard], int]:
    """A cmp function ordering two cards by the tie-break keys (0: not separated)."""
    keys = criteria.tie_keys()
    getters = [(_getter(criteria, key), key.descending) for key in keys]

    def compare(left: ScoreCard, right: ScoreCard) -> int:
        for get, descending in getters:
            result = _compare(get(left), get(right), descending)
            if result:
                return result
        return 0

    return compare


def _getter(criteria: Criteria, key: TieKey) -> Callable[[ScoreCard], Any]:
    """How to read one tie-break key from a card: total, group, criterion, field or derived."""
    name = key.name
    if name == "total":
        return lambda card: card.total
    if any(group.id == name for group in criteria.groups):
        return lambda card: card.groups.get(name)
    if name in criteria.criteria_by_id:
        return lambda card: card.points(name)
    if name in criteria.fields:
        return lambda card: card.nomination.values.get(name)
    return lambda card: card.derived.get(name)


def _compare(left: Any, right: Any, descending: bool) -> int:
    if left is None or right is None:
        return (left is None) - (right is None)  # blanks last, whatever the direction
    try:
        if left == right:
            return 0
        result = -1 if left < right else 1
    except TypeError:  # mixed types in one column: order them by type, then text
        pair = (type(left).__name__, str(left)), (type(right).__name__, str(right))
        if pair[0] == pair[1]:
            return 0
        result = -1 if pair[0] < pair[1] else 1
    return -result if descending else result


def _walk(
    criteria: Criteria, cards: Sequence[ScoreCard], order: list[int], extra: dict[int, list[Reason]]
) -> list[int]:
    """Select down the ranking while the limit and quotas allow; record why others are cut."""
    limit, quotas = criteria.selection.limit, criteria.selection.quotas
    counts: dict[str, Counter[Any]] = {quota.id: Counter() for quota in quotas}
    selected: list[int] = []
    for index in order:
        values = cards[index].nomination.values
        # A blank value counts alone (key None): it never fills nor meets a quota.
        keys = {quota.id: _quota_key(values.get(quota.per)) for quota in quotas}
        cuts = [
            _quota_reason(criteria, quota, values.get(quota.per))
            for quota in quotas
            if keys[quota.id] is not None and counts[quota.id][keys[quota.id]] >= quota.max
        ]
        if limit is not None and len(selected) >= limit:
            cuts.append(Reason("LIMIT", msg("scoring.reason.limit", limit=limit)))
        if cuts:
            extra[index] = cuts
            continue
        selected.append(index)
        for quota_id, key in keys.items():
            if key is not None:
                counts[quota_id][key] += 1
    return selected


def _quota_key(value: Any) -> Any:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return value.strip() if isinstance(value, str) else value


def _quota_reason(criteria: Criteria, quota: Quota, value: Any) -> Reason:
    name = Localized(quota.title, quota.title_en) if quota.title else Localized(quota.id)
    message = msg(
        "scoring.reason.quota",
        quota=name,
        max=quota.max,
        field=field_label(criteria, quota.per),
        value=describe_value(criteria, quota.per, value),
    )
    return Reason(f"QUOTA:{quota.id}", message)


def _pass_mark_reason(criteria: Criteria, total: Decimal) -> Reason:
    pass_mark = _decimal(criteria.selection.pass_mark)
    digits = criteria.rounding
    message = msg(
        "scoring.reason.pass_mark",
        total=Num(float(total), digits),
        pass_mark=Num(criteria.selection.pass_mark, LIMIT_DIGITS),
        short=Num(float(pass_mark - total), LIMIT_DIGITS),
    )
    return Reason("PASS_MARK", message)


def _status(index: int, ranks: dict[int, int], position: dict[int, int]) -> Status:
    if index not in ranks:
        return Status.REJECTED
    return Status.SELECTED if index in position else Status.PASSED


def _tier_chooser(criteria: Criteria) -> Callable[[ScoreCard, int | None], Tier | None]:
    """How to find a product's tier, the thresholds read once (rules: see :func:`select`).

    The function returned takes the card and its position among the selected
    products (None if not selected), and gives the first tier whose conditions it meets.
    """
    tiers = [
        (tier, tier.top, None if tier.min_total is None else _decimal(tier.min_total))
        for tier in criteria.selection.tiers
    ]

    def tier_of(card: ScoreCard, position: int | None) -> Tier | None:
        # Rated: not rejected by a gate, a data issue or a duplicate id (minimums allowed).
        reasons = card.reasons
        rated = not reasons or all(reason.code.startswith(MINIMUM_PREFIXES) for reason in reasons)
        for tier, top, min_total in tiers:
            if top is not None and (position is None or position > top):
                continue
            if min_total is not None and (not rated or card.total < min_total):
                continue
            return tier
        return None

    return tier_of


def _decimal(value: float) -> Decimal:
    return Decimal(str(value))


__all__ = ["rank", "select", "tie_groups"]
