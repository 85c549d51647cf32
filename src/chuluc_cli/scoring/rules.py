"""The criterion rules (bands, linear, when, map, formula, judged): points and what they say.

These functions are the one reference of what each kind of rule gives and how
its explanation reads: they build every unusual case (no data, cannot
compute...) directly and every usual one as a :class:`~chuluc_cli.i18n.Message`.
The compiled rules of :mod:`chuluc_cli.scoring.compiled_rules` score large
rounds faster and must say the same; a test checks that they do.
"""

from __future__ import annotations

import datetime as dt
import operator
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from chuluc_cli.criteria.expressions import Expression
from chuluc_cli.criteria.model import BandStep, Criteria, Criterion
from chuluc_cli.criteria.references import compiled
from chuluc_cli.i18n import Num, msg
from chuluc_cli.nominations import Value
from chuluc_cli.results import CriterionResult
from chuluc_cli.scoring.explain import LIMIT_DIGITS, VALUE_DIGITS, Shown, subject_label
from chuluc_cli.scoring.points import ZERO, decimal, is_number, round_points

if TYPE_CHECKING:
    from chuluc_cli.scoring.plan import Product, Read


@lru_cache(maxsize=4096)
def names_in(source: str) -> tuple[str, ...]:
    names = compiled(source).names
    return tuple(sorted(names, key=lambda name: (_position(source, name), name)))


def _position(source: str, name: str) -> int:
    match = re.search(rf"\b{re.escape(name)}\b", source)
    return match.start() if match else len(source)


# --- gates --------------------------------------------------------------------------------


def bare_name(expression: Expression) -> str | None:
    """The name an expression is made of alone (``in_hanoi``), else None."""
    return expression.source if expression.source in expression.names else None


def truthy(value: Any) -> bool | None:
    """Whether a gate or ``when`` value counts as true; None when it is not a yes/no value."""
    if isinstance(value, bool | int | float | str | list):
        return bool(value)
    return None


@dataclass(frozen=True, slots=True)
class Raw:
    """A rule's unrounded points and the message explaining them (without points/max yet)."""

    points: Decimal
    key: str
    params: dict[str, Any]
    inputs: dict[str, Value] = field(default_factory=dict)
    missing: tuple[str, ...] = ()
    awaiting: bool = False


def _criterion(product: Product, group_id: str, criterion: Criterion) -> CriterionResult:
    raw = RULES[rule_name(criterion)](product, criterion)
    digits = product.criteria.rounding
    highest = decimal(criterion.max)
    # Clamp first (huge band points cannot overflow the rounding), then make sure rounding up
    # does not lift points above the max (a max of 2.675 with rounding 2 allows 2.67).
    cap = highest.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_DOWN)
    points = min(round_points(min(max(raw.points, ZERO), highest), digits), cap)
    params = {
        **raw.params,
        "points": Num(float(points), digits),
        "max": Num(criterion.max, LIMIT_DIGITS),
    }
    return CriterionResult(
        id=criterion.id,
        group=group_id,
        points=points,
        max=criterion.max,
        explanation=msg(raw.key, **params),
        inputs=raw.inputs,
        missing=raw.missing,
        awaiting=raw.awaiting,
    )


def _absent(product: Product, read: Read, inputs: dict[str, Value], source: str) -> Raw:
    """Zero points for a value that is blank or cannot be computed."""
    if read.error is not None:
        return Raw(ZERO, "scoring.not_computable", {"detail": read.error}, inputs, (source,))
    names = product.missing_text(read.missing)
    return Raw(ZERO, "scoring.no_data", {"names": names}, inputs, read.missing)


def _of_rule(product: Product, criterion: Criterion, name: str) -> tuple[Read, dict[str, Any]]:
    """Read the ``of`` value of a bands/linear/map rule and the explanation's subject/value."""
    read = product.read(name)
    params = {
        "subject": subject_label(product.criteria, name, criterion),
        "value": Shown(read.value, product.criteria.fields.get(name)),
    }
    return read, params


def _bands(product: Product, criterion: Criterion) -> Raw:
    rule = criterion.bands
    assert rule is not None
    read, params = _of_rule(product, criterion, rule.of)
    inputs = product.values([rule.of])
    if not read.usable:
        return _absent(product, read, inputs, rule.of)
    for step in rule.steps:
        params.update(op=step.operator, threshold=shown_threshold(product.criteria, rule.of, step))
        try:
            matched = _matches(step, read.value)
        except TypeError:
            return Raw(ZERO, "scoring.bands.not_comparable", params, inputs, (rule.of,))
        if matched:
            key = "scoring.bands.equals" if step.equals is not None else "scoring.bands.match"
            if step.points > criterion.max:
                key, params["band"] = "scoring.bands.capped", Num(step.points, LIMIT_DIGITS)
            return Raw(decimal(step.points), key, params, inputs)
    return Raw(ZERO, "scoring.bands.none", params, inputs)


COMPARISONS: dict[str, Callable[[Any, Any], bool]] = {
    "at_least": operator.ge,
    "above": operator.gt,
    "at_most": operator.le,
    "below": operator.lt,
    "equals": operator.eq,
}


def _matches(step: BandStep, value: Any) -> bool:
    (key, threshold), *_ = step.conditions().items()
    if key != "equals" and not is_number(value):
        raise TypeError(f"{value!r} is not a number")
    return bool(COMPARISONS[key](value, threshold))


def shown_threshold(criteria: Criteria, name: str, step: BandStep) -> Any:
    threshold = step.threshold
    if is_number(threshold):
        return Num(threshold, VALUE_DIGITS)
    return Shown(threshold, criteria.fields.get(name))


def _linear(product: Product, criterion: Criterion) -> Raw:
    rule = criterion.linear
    assert rule is not None
    read, params = _of_rule(product, criterion, rule.of)
    inputs = product.values([rule.of])
    if not read.usable:
        return _absent(product, read, inputs, rule.of)
    if not is_number(read.value):
        return Raw(ZERO, "scoring.not_number", params, inputs, (rule.of,))
    zero_at, full_at = decimal(rule.zero_at), decimal(rule.full_at)
    # Decimal arithmetic keeps 2.675 exactly 2.675 before rounding; works when zero_at > full_at.
    share = min(max((decimal(read.value) - zero_at) / (full_at - zero_at), ZERO), Decimal(1))
    params.update(zero_at=Num(rule.zero_at, VALUE_DIGITS), full_at=Num(rule.full_at, VALUE_DIGITS))
    return Raw(share * decimal(criterion.max), "scoring.linear", params, inputs)


def _map(product: Product, criterion: Criterion) -> Raw:
    rule = criterion.map
    assert rule is not None
    read, params = _of_rule(product, criterion, rule.of)
    inputs = product.values([rule.of])
    if not read.usable:
        return _absent(product, read, inputs, rule.of)
    key = map_key(read.value)
    if key in rule.points:
        return Raw(decimal(rule.points[key]), "scoring.map.match", params, inputs)
    return Raw(ZERO, "scoring.map.other", params, inputs)


def map_key(value: Any) -> str:
    """The points-table key of a value: a choice key, ``true``/``false``, ``3`` for 3.0."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _expression(
    product: Product, source: str | None
) -> tuple[str, list[str], dict[str, Value], Read]:
    """What ``when`` and ``formula`` start from: the source, its names, their values, the read."""
    assert source is not None
    names = product.names_in(source)
    return source, names, product.values(names), product.evaluate(source)


def _when(product: Product, criterion: Criterion) -> Raw:
    source, names, inputs, read = _expression(product, criterion.when)
    if not read.usable:
        return _absent(product, read, inputs, source)
    params: dict[str, Any] = {"condition": source, "values": product.values_text(names)}
    truth = truthy(read.value)
    if truth is None:
        params["result"] = str(read.value)
        return Raw(ZERO, "scoring.when.not_yes_no", params, inputs, (source,))
    points = decimal(criterion.max) if truth else ZERO
    if source in product.criteria.fields:
        # "ISO 9001 = Có → 5/5" reads better than repeating a bare field name as a condition.
        _, params = _of_rule(product, criterion, source)
        return Raw(points, "scoring.when.field", params, inputs)
    return Raw(points, "scoring.when.true" if truth else "scoring.when.false", params, inputs)


def _formula(product: Product, criterion: Criterion) -> Raw:
    source, names, inputs, read = _expression(product, criterion.formula)
    if not read.usable:
        return _absent(product, read, inputs, source)
    params: dict[str, Any] = {"formula": source, "values": product.values_text(names)}
    if not is_number(read.value) and not isinstance(read.value, bool):
        params["result"] = str(read.value)
        return Raw(ZERO, "scoring.formula.not_number", params, inputs, (source,))
    value = decimal(read.value)
    params["result"] = Num(float(value), VALUE_DIGITS)
    clamped = min(max(value, ZERO), decimal(criterion.max))
    key = "scoring.formula" if clamped == value else "scoring.formula.clamped"
    return Raw(clamped, key, params, inputs)


def _judged(product: Product, criterion: Criterion) -> Raw:
    # Members' scores are filled in by a later step; until then the criterion gives 0.
    return Raw(ZERO, "scoring.judged.awaiting", {}, awaiting=True)


RULES: dict[str, Callable[[Product, Criterion], Raw]] = {
    "bands": _bands,
    "linear": _linear,
    "when": _when,
    "map": _map,
    "formula": _formula,
    "judged": _judged,
}


def rule_name(criterion: Criterion) -> str:
    # Same answer as ``criterion.kind``, without its enum walk: this runs for every point given.
    return next((name for name in _RULE_KEYS if getattr(criterion, name) is not None), "judged")


_RULE_KEYS = ("bands", "linear", "when", "map", "formula")
