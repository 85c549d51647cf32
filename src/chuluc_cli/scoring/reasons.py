"""Rejections found while scoring (data issues, duplicate ids, minimums) and card flags.

Gate failures are reasons too (see :mod:`chuluc_cli.scoring.gates`); the pass
mark, quotas and the limit belong to :mod:`chuluc_cli.selection`.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from chuluc_cli.criteria.model import Criteria
from chuluc_cli.data_issues import DataIssue, Severity
from chuluc_cli.i18n import Localized, Message, Num, msg
from chuluc_cli.nominations import Nomination
from chuluc_cli.results import Flag, Reason
from chuluc_cli.scoring.explain import LIMIT_DIGITS, field_label

if TYPE_CHECKING:
    from chuluc_cli.scoring.plan import Plan


def duplicate_reason(nomination: Nomination) -> Reason:
    return Reason("DUPLICATE", msg("scoring.reason.duplicate", id=nomination.product_id))


def data_reasons(criteria: Criteria, issues: list[DataIssue]) -> list[Reason]:
    """One ``DATA:<field>`` reason per field, showing the first issue found in it."""
    first: dict[str, DataIssue] = {}
    for issue in issues:
        first.setdefault(issue.field or "row", issue)
    reasons = []
    for name, issue in first.items():
        place = f"{issue.source}: {issue.place}" if issue.source else issue.place
        text = Message(f"reading.issue.{issue.code.value}", dict(issue.params))
        label = field_label(criteria, name) if issue.field else Localized("dòng", "row")
        message = msg("scoring.reason.data", place=place, field=label, issue=text)
        reasons.append(Reason(f"DATA:{name}", message))
    return reasons


def minimum_reasons(
    plan: Plan, points: tuple[Decimal, ...], groups: dict[str, Decimal]
) -> list[Reason]:
    digits = plan.criteria.rounding
    reasons = []
    for group, minimum, rules in plan.minimums:
        for rule, criterion_minimum in rules:
            scored = points[rule.index]
            # A judged criterion without scores is not below its minimum: it is not scored yet.
            if scored < criterion_minimum:
                criterion = rule.criterion
                message = _minimum_message(
                    "scoring.reason.criterion_min", criterion, scored, criterion.min or 0, digits
                )
                reasons.append(Reason(f"CRITERION_MIN:{criterion.id}", message))
        if minimum is not None and groups[group.id] < minimum:
            message = _minimum_message(
                "scoring.reason.group_min", group, groups[group.id], group.min or 0, digits
            )
            reasons.append(Reason(f"GROUP_MIN:{group.id}", message))
    return reasons


def _minimum_message(key: str, part: Any, points: Decimal, minimum: float, digits: int) -> Message:
    return msg(
        key,
        id=part.id,
        title=Localized(part.title, part.title_en),
        points=Num(float(points), digits),
        min=Num(minimum, LIMIT_DIGITS),
    )


def flags(plan: Plan, issues: Sequence[DataIssue]) -> tuple[Flag, ...]:
    awaiting = (Flag.AWAITING_SCORES,) if plan.awaiting else ()
    if any(issue.severity is Severity.WARNING for issue in issues):
        return (*awaiting, Flag.DATA_WARNING)
    return awaiting
