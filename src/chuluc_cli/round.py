"""A whole selection round: duplicate ids, scoring, selection, and the counts reports show.

A round may read several input files (one per district, one per batch), so a
product id can repeat across files that the reader checked one at a time.
Here every row whose id occurs more than once, in any input, is rejected with
``DUPLICATE``: the committee must settle which record is right, and no copy
may quietly take the place of the other. Pure, like scoring and selection.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from chuluc_cli.collector import collector_paused
from chuluc_cli.criteria.model import Criteria
from chuluc_cli.nominations import Nomination, Nominations
from chuluc_cli.results import Flag, RoundResult, ScoreCard, Status
from chuluc_cli.scoring import issues_by_row, score_product
from chuluc_cli.selection import select, tie_groups


def run_round(
    criteria: Criteria, inputs: Sequence[Nominations], options: dict[str, Any] | None = None
) -> RoundResult:
    """Score and select every row of ``inputs``; outcomes come back in input order.

    ``options`` (how the inputs were read, the report language...) are kept
    in the result for the record; they do not change the outcome.
    """
    inputs = tuple(inputs)
    ids = [[_id_key(row) for row in nominations.rows] for nominations in inputs]
    repeated = _repeated(ids)
    cards: list[ScoreCard] = []
    with collector_paused():
        for nominations, keys in zip(inputs, ids, strict=True):
            issues = issues_by_row(nominations)
            for row, key in zip(nominations.rows, keys, strict=True):
                duplicate = key in repeated
                cards.append(score_product(criteria, row, issues.get(row.row, ()), duplicate))
        outcomes = select(criteria, cards)
    return RoundResult(criteria, inputs, tuple(outcomes), dict(options or {}))


def duplicate_ids(inputs: Sequence[Nominations]) -> set[str]:
    """Product ids found on more than one row of all ``inputs`` together (blank ids excluded)."""
    return _repeated([[_id_key(row) for row in nominations.rows] for nominations in inputs])


def _repeated(ids: list[list[str | None]]) -> set[str]:
    counts = Counter(key for keys in ids for key in keys)
    return {key for key, count in counts.items() if key is not None and count > 1}


def _id_key(row: Nomination) -> str | None:
    # The reader already strips ids; strip again so "SP01" and "SP01 " are one product.
    value = row.values.get("product_id")
    text = str(value).strip() if value is not None else ""
    return text or None


def summary(result: RoundResult) -> dict[str, Any]:
    """Counts of a round for reports and the CLI, as plain JSON-ready data.

    Keys: ``products``; ``by_status`` (every status, 0 included); ``by_reason``
    (reason code -> products, most frequent first); ``by_sector`` (sector value
    -> counts by status, ``""`` for blank; ``None`` when the criteria have no
    ``sector`` field); ``awaiting`` (products waiting for members' scores);
    ``ties`` (products flagged TIE) and ``tie_groups`` (groups of products the
    tie-break keys do not separate).
    """
    outcomes = result.outcomes
    reasons = result.reason_counts()
    return {
        "products": len(outcomes),
        "by_status": {status.value: result.count(status) for status in Status},
        "by_reason": dict(sorted(reasons.items(), key=lambda item: (-item[1], item[0]))),
        "by_sector": _by_sector(result) if "sector" in result.criteria.fields else None,
        "awaiting": sum(1 for o in outcomes if Flag.AWAITING_SCORES in o.flags),
        "ties": sum(1 for o in outcomes if Flag.TIE in o.flags),
        "tie_groups": len(tie_groups(result.criteria, outcomes)),
    }


def _by_sector(result: RoundResult) -> dict[str, dict[str, int]]:
    sectors: dict[str, dict[str, int]] = {}
    for outcome in result.outcomes:
        value = outcome.card.nomination.values.get("sector")
        counts = sectors.setdefault("" if value is None else str(value), _zero_counts())
        counts[outcome.status.value] += 1
        counts["total"] += 1
    return dict(sorted(sectors.items()))


def _zero_counts() -> dict[str, int]:
    return {**{status.value: 0 for status in Status}, "total": 0}


__all__ = ["duplicate_ids", "run_round", "summary"]
