"""Score each product: derived values, eligibility gates and criterion points, all explained.

Scoring is pure (no I/O) so that a round can be re-run and audited from its
inputs alone. Every number a report shows is decided here: points are
``Decimal`` values rounded half away from zero to the criteria's ``rounding``
exactly once, and group totals and the total are sums of those rounded points,
so the columns of a report always add up.

Every criterion result carries a :class:`~chuluc_cli.i18n.Message` saying, in
the reader's terms, which value gave which points. A blank or unusable value
scores 0 with "no data: <field>", traced back through derived values to the
field that was blank; an expression that fails at run time (a date compared
with a number) is noted as "cannot compute" for that product and never stops
the round. Rejections found here (gates, data issues, duplicate ids,
minimums) become :class:`~chuluc_cli.results.Reason` values; the pass mark,
ranking, quotas and tiers belong to :mod:`chuluc_cli.selection`.
"""

from __future__ import annotations

import datetime as dt
import math
import operator
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import Any

from chuluc_cli.criteria.expressions import DIVISION_BY_ZERO, EvaluationError, Missing
from chuluc_cli.criteria.model import BandStep, Criteria, Criterion, FieldSpec, FieldType, Gate
from chuluc_cli.criteria.references import compiled
from chuluc_cli.data_issues import DataIssue, IssueCode, Severity
from chuluc_cli.i18n import Localized, Message, Num, format_number, msg, t
from chuluc_cli.nominations import Nomination, Nominations, Value
from chuluc_cli.results import CriterionResult, Flag, GateResult, Reason, ScoreCard

VALUE_DIGITS = 4  # decimals shown for input values in explanations
LIMIT_DIGITS = 6  # decimals shown for a criterion's max and min
ZERO = Decimal(0)
_TRAILING_UNIT = re.compile(r"\s*(\([^()]*\)|\[[^\[\]]*\])\s*$")


# --- public API ---------------------------------------------------------------------------


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
    found = [issue for issue in errors if issue.severity is Severity.ERROR]
    duplicate = duplicate or any(issue.code is IssueCode.DUPLICATE_ID for issue in found)
    data_issues = [issue for issue in found if issue.code is not IssueCode.DUPLICATE_ID]
    product = _Product(criteria, nomination, {issue.field for issue in data_issues if issue.field})
    gates = tuple(_gate(product, gate) for gate in criteria.eligibility)
    results = tuple(
        _criterion(product, group.id, criterion)
        for group in criteria.groups
        for criterion in group.criteria
    )
    groups = {
        group.id: sum((r.points for r in results if r.group == group.id), ZERO)
        for group in criteria.groups
    }
    reasons = [
        *([_duplicate_reason(nomination)] if duplicate else []),
        *_data_reasons(criteria, data_issues),
        *(
            Reason(gate.id, gate.explanation)
            for gate in gates
            if not gate.passed and gate.explanation
        ),
        *_minimum_reasons(criteria, results, groups),
    ]
    return ScoreCard(
        nomination=nomination,
        gates=gates,
        criteria=results,
        groups=groups,
        total=sum(groups.values(), ZERO),
        derived=dict(product.derived),
        reasons=tuple(reasons),
        flags=_flags(results, errors),
    )


def issues_by_row(nominations: Nominations) -> dict[int, list[DataIssue]]:
    """The data issues of every severity of one input, grouped by Excel row."""
    grouped: dict[int, list[DataIssue]] = {}
    for issue in nominations.issues:
        if issue.row is not None:
            grouped.setdefault(issue.row, []).append(issue)
    return grouped


def round_points(value: Decimal | float | int, digits: int) -> Decimal:
    """Round half away from zero on the decimal text of ``value``: 2.675 -> 2.68, never -0."""
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    rounded = number.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    return rounded if rounded else abs(rounded)  # abs() turns -0.00 into 0.00


def describe_value(criteria: Criteria, name: str, value: Any) -> Localized:
    """A value as its reader knows it: ``12,5 tỷ đồng``, ``32%``, ``Có``, ``15/03/2019``."""
    spec = criteria.fields.get(name)
    return Localized(_show(spec, value, "vi"), _show(spec, value, "en"))


@dataclass(frozen=True)
class Shown:
    """A message parameter: one value shown as by :func:`describe_value`, rendered on demand.

    Explanations hold thousands of these; rendering only the language asked for
    keeps a 10,000-product round fast.
    """

    value: Any
    spec: FieldSpec | None = None

    def render(self, lang: str = "vi") -> str:
        """The value in ``lang``."""
        return _show(self.spec, self.value, lang)


@dataclass(frozen=True)
class NamedValues:
    """A message parameter: ``revenue = 12,5 tỷ đồng; iso_9001 = Có``, rendered on demand."""

    items: tuple[tuple[str, Shown], ...]

    def render(self, lang: str = "vi") -> str:
        """The list in ``lang``; an em dash when it is empty."""
        return "; ".join(f"{name} = {shown.render(lang)}" for name, shown in self.items) or "—"


def field_label(criteria: Criteria, name: str) -> Localized:
    """The label of a field (its title, else its first header) or a derived value's name."""
    spec = criteria.fields.get(name)
    if spec is None:
        return Localized(name)
    return Localized(spec.label(name, "vi"), spec.label(name, "en"))


# --- one product's values -----------------------------------------------------------------


@dataclass(frozen=True)
class _Read:
    """What a name or an expression gave for one product: a value, missing names or an error."""

    value: Any = None
    missing: tuple[str, ...] = ()
    error: str | None = None

    @property
    def usable(self) -> bool:
        return not self.missing and self.error is None


class _Product:
    """One product's field and derived values, and why any of them is absent."""

    def __init__(self, criteria: Criteria, nomination: Nomination, unusable: set[str]) -> None:
        self.criteria = criteria
        # A field with an error-level issue is scored as blank, whatever the reader kept.
        self.env: dict[str, Any] = dict(nomination.values)
        self.env.update(dict.fromkeys(unusable))
        self.origins: dict[str, tuple[str, ...]] = {}  # missing derived value -> blank fields
        self.causes: dict[str, Message] = {}  # name or expression -> why it has no value
        self.derived: dict[str, Value] = {}
        for name, source in criteria.derived.items():
            self._derive(name, source)

    def _derive(self, name: str, source: str) -> None:
        # In file order, so a derived value can use the earlier ones.
        read = self.evaluate(source, label=name)
        if read.error is not None:
            self.causes[name] = msg("scoring.cause.error", detail=read.error)
            read = _Read(missing=(name,))
        if read.missing:
            self.origins[name] = read.missing
        self.env[name] = self.derived[name] = read.value if read.usable else None

    def evaluate(self, source: str, label: str | None = None) -> _Read:
        """Evaluate an expression; ``label`` names it when a division by zero empties it."""
        label = label or source
        try:
            value = compiled(source).evaluate(self.env)
        except EvaluationError as error:
            return _Read(error=str(error))
        if isinstance(value, Missing):
            return _Read(missing=self._expand(value.names, label))
        if isinstance(value, float) and not math.isfinite(value):
            self.causes[label] = msg("scoring.cause.not_finite")
            return _Read(missing=(label,))
        return _Read(value=value)

    def read(self, name: str) -> _Read:
        """The value of one field or derived value."""
        value = self.env.get(name)
        return (
            _Read(value=value) if value is not None else _Read(missing=self._expand((name,), name))
        )

    def _expand(self, names: tuple[str, ...], label: str) -> tuple[str, ...]:
        """Replace missing derived values by the blank fields they came from."""
        found: list[str] = []
        for name in names:
            if name == DIVISION_BY_ZERO:
                self.causes[label] = msg("scoring.cause.division_by_zero")
                found.append(label)
            else:
                found.extend(self.origins.get(name, (name,)))
        return tuple(dict.fromkeys(found))

    def names_in(self, source: str) -> list[str]:
        """The names an expression reads, in the order they appear in it."""
        return list(_names_in(source))

    def values(self, names: list[str]) -> dict[str, Value]:
        """The current values of ``names`` (``None`` when blank)."""
        return {name: self.env.get(name) for name in names}

    def values_text(self, names: list[str]) -> NamedValues:
        """``revenue = 12,5 tỷ đồng; iso_9001 = Có``, for a message."""
        fields = self.criteria.fields
        return NamedValues(tuple((n, Shown(self.env.get(n), fields.get(n))) for n in names))

    def missing_text(self, names: tuple[str, ...]) -> Localized:
        """``revenue_prev`` or ``growth (chia cho 0)``: the names without data and why."""

        def render(lang: str) -> str:
            parts = (
                f"{name} ({self.causes[name].render(lang)})" if name in self.causes else name
                for name in names
            )
            return ", ".join(parts)

        return _both(render)


@lru_cache(maxsize=4096)
def _names_in(source: str) -> tuple[str, ...]:
    names = compiled(source).names
    return tuple(sorted(names, key=lambda name: (_position(source, name), name)))


def _position(source: str, name: str) -> int:
    match = re.search(rf"\b{re.escape(name)}\b", source)
    return match.start() if match else len(source)


# --- gates --------------------------------------------------------------------------------


def _gate(product: _Product, gate: Gate) -> GateResult:
    names = product.names_in(gate.require)
    read = product.evaluate(gate.require)
    params: dict[str, Any] = {"id": gate.id, "title": Localized(gate.title, gate.title_en)}
    values = product.values_text(names)
    passed = False
    if read.error is not None:
        key, params["detail"] = "scoring.gate.not_computable", read.error
    elif read.missing:
        key, params["names"] = "scoring.gate.no_data", product.missing_text(read.missing)
    elif (truth := _truthy(read.value)) is None:
        key, params["result"], params["values"] = "scoring.gate.not_yes_no", str(read.value), values
    else:
        passed = truth
        key = "scoring.gate.passed" if passed else "scoring.gate.failed"
        params.update(values=values, condition=gate.require)
    return GateResult(gate.id, passed, product.values(names), read.missing, msg(key, **params))


def _truthy(value: Any) -> bool | None:
    """Whether a gate or ``when`` value counts as true; None when it is not a yes/no value."""
    if isinstance(value, bool | int | float | str | list):
        return bool(value)
    return None


# --- criteria -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Raw:
    """A rule's unrounded points and the message explaining them (without points/max yet)."""

    points: Decimal
    key: str
    params: dict[str, Any]
    inputs: dict[str, Value] = field(default_factory=dict)
    missing: tuple[str, ...] = ()
    awaiting: bool = False


def _criterion(product: _Product, group_id: str, criterion: Criterion) -> CriterionResult:
    raw = _RULES[_rule_name(criterion)](product, criterion)
    digits = product.criteria.rounding
    highest = _decimal(criterion.max)
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


def _absent(product: _Product, read: _Read, inputs: dict[str, Value], source: str) -> _Raw:
    """Zero points for a value that is blank or cannot be computed."""
    if read.error is not None:
        return _Raw(ZERO, "scoring.not_computable", {"detail": read.error}, inputs, (source,))
    names = product.missing_text(read.missing)
    return _Raw(ZERO, "scoring.no_data", {"names": names}, inputs, read.missing)


def _of_rule(product: _Product, criterion: Criterion, name: str) -> tuple[_Read, dict[str, Any]]:
    """Read the ``of`` value of a bands/linear/map rule and the explanation's subject/value."""
    read = product.read(name)
    params = {
        "subject": _subject(product.criteria, name, criterion),
        "value": Shown(read.value, product.criteria.fields.get(name)),
    }
    return read, params


def _bands(product: _Product, criterion: Criterion) -> _Raw:
    rule = criterion.bands
    assert rule is not None
    read, params = _of_rule(product, criterion, rule.of)
    inputs = product.values([rule.of])
    if not read.usable:
        return _absent(product, read, inputs, rule.of)
    for step in rule.steps:
        params.update(op=step.operator, threshold=_threshold(product.criteria, rule.of, step))
        try:
            matched = _matches(step, read.value)
        except TypeError:
            return _Raw(ZERO, "scoring.bands.not_comparable", params, inputs, (rule.of,))
        if matched:
            key = "scoring.bands.equals" if step.equals is not None else "scoring.bands.match"
            if step.points > criterion.max:
                key, params["band"] = "scoring.bands.capped", Num(step.points, LIMIT_DIGITS)
            return _Raw(_decimal(step.points), key, params, inputs)
    return _Raw(ZERO, "scoring.bands.none", params, inputs)


_COMPARISONS: dict[str, Callable[[Any, Any], bool]] = {
    "at_least": operator.ge,
    "above": operator.gt,
    "at_most": operator.le,
    "below": operator.lt,
    "equals": operator.eq,
}


def _matches(step: BandStep, value: Any) -> bool:
    (key, threshold), *_ = step.conditions().items()
    if key != "equals" and not _is_number(value):
        raise TypeError(f"{value!r} is not a number")
    return bool(_COMPARISONS[key](value, threshold))


def _threshold(criteria: Criteria, name: str, step: BandStep) -> Any:
    threshold = step.threshold
    if _is_number(threshold):
        return Num(threshold, VALUE_DIGITS)
    return Shown(threshold, criteria.fields.get(name))


def _linear(product: _Product, criterion: Criterion) -> _Raw:
    rule = criterion.linear
    assert rule is not None
    read, params = _of_rule(product, criterion, rule.of)
    inputs = product.values([rule.of])
    if not read.usable:
        return _absent(product, read, inputs, rule.of)
    if not _is_number(read.value):
        return _Raw(ZERO, "scoring.not_number", params, inputs, (rule.of,))
    zero_at, full_at = _decimal(rule.zero_at), _decimal(rule.full_at)
    # Decimal arithmetic keeps 2.675 exactly 2.675 before rounding; works when zero_at > full_at.
    share = min(max((_decimal(read.value) - zero_at) / (full_at - zero_at), ZERO), Decimal(1))
    params.update(zero_at=Num(rule.zero_at, VALUE_DIGITS), full_at=Num(rule.full_at, VALUE_DIGITS))
    return _Raw(share * _decimal(criterion.max), "scoring.linear", params, inputs)


def _map(product: _Product, criterion: Criterion) -> _Raw:
    rule = criterion.map
    assert rule is not None
    read, params = _of_rule(product, criterion, rule.of)
    inputs = product.values([rule.of])
    if not read.usable:
        return _absent(product, read, inputs, rule.of)
    key = _map_key(read.value)
    if key in rule.points:
        return _Raw(_decimal(rule.points[key]), "scoring.map.match", params, inputs)
    return _Raw(ZERO, "scoring.map.other", params, inputs)


def _map_key(value: Any) -> str:
    """The points-table key of a value: a choice key, ``true``/``false``, ``3`` for 3.0."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _when(product: _Product, criterion: Criterion) -> _Raw:
    source = criterion.when
    assert source is not None
    names = product.names_in(source)
    inputs = product.values(names)
    read = product.evaluate(source)
    if not read.usable:
        return _absent(product, read, inputs, source)
    params: dict[str, Any] = {"condition": source, "values": product.values_text(names)}
    truth = _truthy(read.value)
    if truth is None:
        params["result"] = str(read.value)
        return _Raw(ZERO, "scoring.when.not_yes_no", params, inputs, (source,))
    points = _decimal(criterion.max) if truth else ZERO
    if source in product.criteria.fields:
        # "ISO 9001 = Có → 5/5" reads better than repeating a bare field name as a condition.
        _, params = _of_rule(product, criterion, source)
        return _Raw(points, "scoring.when.field", params, inputs)
    return _Raw(points, "scoring.when.true" if truth else "scoring.when.false", params, inputs)


def _formula(product: _Product, criterion: Criterion) -> _Raw:
    source = criterion.formula
    assert source is not None
    names = product.names_in(source)
    inputs = product.values(names)
    read = product.evaluate(source)
    if not read.usable:
        return _absent(product, read, inputs, source)
    params: dict[str, Any] = {"formula": source, "values": product.values_text(names)}
    if not _is_number(read.value) and not isinstance(read.value, bool):
        params["result"] = str(read.value)
        return _Raw(ZERO, "scoring.formula.not_number", params, inputs, (source,))
    value = _decimal(read.value)
    params["result"] = Num(float(value), VALUE_DIGITS)
    clamped = min(max(value, ZERO), _decimal(criterion.max))
    key = "scoring.formula" if clamped == value else "scoring.formula.clamped"
    return _Raw(clamped, key, params, inputs)


def _judged(product: _Product, criterion: Criterion) -> _Raw:
    # Members' scores are filled in by a later step; until then the criterion gives 0.
    return _Raw(ZERO, "scoring.judged.awaiting", {}, awaiting=True)


_RULES: dict[str, Callable[[_Product, Criterion], _Raw]] = {
    "bands": _bands,
    "linear": _linear,
    "when": _when,
    "map": _map,
    "formula": _formula,
    "judged": _judged,
}


def _rule_name(criterion: Criterion) -> str:
    # Same answer as ``criterion.kind``, without its enum walk: this runs for every point given.
    return next((name for name in _RULE_KEYS if getattr(criterion, name) is not None), "judged")


_RULE_KEYS = ("bands", "linear", "when", "map", "formula")


def _subject(criteria: Criteria, name: str, criterion: Criterion) -> Localized:
    """What a value is called in an explanation: the field's label, else the criterion's title."""
    spec = criteria.fields.get(name)
    if spec is None:  # a derived value has no label of its own
        return Localized(criterion.title, criterion.title_en)
    if spec.title:
        return Localized(spec.title, spec.title_en)
    # A header's unit in brackets is dropped: the value is shown with its unit already.
    header = _TRAILING_UNIT.sub("", spec.headers[0]) or spec.headers[0]
    return Localized(header, spec.title_en)


# --- reasons and flags --------------------------------------------------------------------


def _duplicate_reason(nomination: Nomination) -> Reason:
    return Reason("DUPLICATE", msg("scoring.reason.duplicate", id=nomination.product_id))


def _data_reasons(criteria: Criteria, issues: list[DataIssue]) -> list[Reason]:
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


def _minimum_reasons(
    criteria: Criteria, results: tuple[CriterionResult, ...], groups: dict[str, Decimal]
) -> list[Reason]:
    by_id = {result.id: result for result in results}
    reasons = []
    for group in criteria.groups:
        for criterion in group.criteria:
            result = by_id[criterion.id]
            # A judged criterion without scores is not below its minimum: it is not scored yet.
            if (
                criterion.min is not None
                and not result.awaiting
                and result.points < _decimal(criterion.min)
            ):
                message = _minimum_message(
                    "scoring.reason.criterion_min",
                    criterion,
                    result.points,
                    criterion.min,
                    criteria.rounding,
                )
                reasons.append(Reason(f"CRITERION_MIN:{criterion.id}", message))
        if group.min is not None and groups[group.id] < _decimal(group.min):
            message = _minimum_message(
                "scoring.reason.group_min", group, groups[group.id], group.min, criteria.rounding
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


def _flags(results: tuple[CriterionResult, ...], issues: Sequence[DataIssue]) -> tuple[Flag, ...]:
    flags = []
    if any(result.awaiting for result in results):
        flags.append(Flag.AWAITING_SCORES)
    if any(issue.severity is Severity.WARNING for issue in issues):
        flags.append(Flag.DATA_WARNING)
    return tuple(flags)


# --- small helpers ------------------------------------------------------------------------


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def _decimal(value: Any) -> Decimal:
    """A number as the Decimal of its shortest text (0.1 -> 0.1, not 0.1000000000000000055)."""
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _both(render: Callable[[str], str]) -> Localized:
    return Localized(render("vi"), render("en"))


def _show(spec: FieldSpec | None, value: Any, lang: str) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return t("common.yes" if value else "common.no", lang)
    if _is_number(value):
        text = format_number(value, lang, VALUE_DIGITS)
        unit = (spec.unit if spec else None) or (
            "%" if spec and spec.type is FieldType.PERCENT else None
        )
        return f"{text}%" if unit == "%" else (f"{text} {unit}" if unit else text)
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y") if lang == "vi" else value.isoformat()
    if spec is not None and spec.choices and value in spec.choices:
        return spec.choices[value][0]
    return str(value)


__all__ = [
    "NamedValues",
    "Shown",
    "describe_value",
    "field_label",
    "issues_by_row",
    "round_points",
    "score_all",
    "score_product",
]
