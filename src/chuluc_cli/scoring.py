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

Speed and memory (a round may hold 100,000 products): each ruleset is compiled
once into a :class:`_Plan` whose rules score a product with a few comparisons,
and a card keeps only its points and a tiny note per criterion (which band
matched, ...). The explanation of a criterion is written when a report asks
for it, from pre-filled templates (:class:`_Rule`); the rule functions below
(``_bands``, ``_linear``...) remain the one reference of what an explanation
says: they build every unusual case (no data, cannot compute...) directly and
every usual one on demand as a :class:`~chuluc_cli.i18n.Message`, and a test
checks that the templates give the same text.
"""

from __future__ import annotations

import datetime as dt
import math
import operator
import re
from collections.abc import Callable, Iterator, Sequence, Set
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import Any

from chuluc_cli.criteria.expressions import DIVISION_BY_ZERO, EvaluationError, Expression, Missing
from chuluc_cli.criteria.model import BandStep, Criteria, Criterion, FieldSpec, FieldType, Gate
from chuluc_cli.criteria.references import compiled
from chuluc_cli.data_issues import DataIssue, IssueCode, Severity
from chuluc_cli.i18n import Localized, Message, Num, catalog, format_number, msg, t
from chuluc_cli.nominations import Nomination, Nominations, Value
from chuluc_cli.results import CriterionResult, Flag, GateResult, Reason, ScoreCard

VALUE_DIGITS = 4  # decimals shown for input values in explanations
LIMIT_DIGITS = 6  # decimals shown for a criterion's max and min
ZERO = Decimal(0)
ONE = Decimal(1)
_NOTHING: frozenset[str] = frozenset()
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
    plan = compiled_plan(criteria)
    data_issues: list[DataIssue] = []
    for issue in errors:
        if issue.severity is Severity.ERROR:
            if issue.code is IssueCode.DUPLICATE_ID:
                duplicate = True
            else:
                data_issues.append(issue)
    unusable = frozenset(issue.field for issue in data_issues if issue.field) or _NOTHING
    product = _Product(criteria, nomination, unusable)
    gates = tuple(rule.check(product) for rule in plan.gates)
    if gates == plan.all_passed:
        gates = plan.all_passed  # one tuple for every eligible product
    points, notes = zip(*[rule.score(product) for rule in plan.rules], strict=True)
    groups = {
        group_id: plan.intern(sum(points[first:last], ZERO))
        for group_id, first, last in plan.group_spans
    }
    lazy = _Scored(plan, nomination.values, product.derived, unusable, points, notes)
    reasons: tuple[Reason, ...] = ()
    if duplicate or data_issues or gates is not plan.all_passed:
        reasons = (
            *([_duplicate_reason(nomination)] if duplicate else []),
            *(_data_reasons(criteria, data_issues) if data_issues else []),
            *(Reason(g.id, g.explanation) for g in gates if g is not True and g.explanation),
        )
    if plan.has_minimums:
        reasons += tuple(_minimum_reasons(plan, points, groups))
    return ScoreCard(
        nomination=nomination,
        gates=_Gates(lazy, gates) if gates else (),
        criteria=lazy,
        groups=groups,
        total=plan.intern(sum(groups.values(), ZERO)),
        derived=product.derived,
        reasons=reasons,
        flags=_flags(plan, errors),
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


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
class _Read:
    """What a name or an expression gave for one product: a value, missing names or an error."""

    value: Any = None
    missing: tuple[str, ...] = ()
    error: str | None = None

    @property
    def usable(self) -> bool:
        return not self.missing and self.error is None


class _Product:
    """One product's field and derived values, and why any of them is absent.

    Only lives while its product is scored (or one explanation is rebuilt): the
    card keeps the nomination's values, the derived values and the unusable fields.
    """

    __slots__ = ("causes", "criteria", "derived", "env", "origins")

    def __init__(self, criteria: Criteria, nomination: Nomination, unusable: Set[str]) -> None:
        self.criteria = criteria
        # A field with an error-level issue is scored as blank, whatever the reader kept.
        self.env: dict[str, Any] = dict(nomination.values)
        if unusable:
            self.env.update(dict.fromkeys(unusable))
        self.origins: dict[str, tuple[str, ...]] = {}  # missing derived value -> blank fields
        self.causes: dict[str, Message] = {}  # name or expression -> why it has no value
        self.derived: dict[str, Value] = {}
        env = self.env
        for name, source, expression in compiled_plan(criteria).derived:
            try:
                value = expression.evaluate(env)
            except EvaluationError:
                value = None
            if value is None or isinstance(value, Missing) or not _finite(value):
                self._derive(name, source)  # the unusual cases say why the value is absent
            else:
                env[name] = self.derived[name] = value

    @classmethod
    def again(cls, criteria: Criteria, lazy: _Scored) -> _Product:
        """The product of a card, rebuilt to explain one criterion at length."""
        product = cls.__new__(cls)
        product.criteria = criteria
        product.env = {**lazy.values, **dict.fromkeys(lazy.unusable), **lazy.derived}
        product.origins, product.causes, product.derived = {}, {}, lazy.derived
        return product

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


@dataclass(frozen=True, slots=True)
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


# --- the compiled plan: how every product of a ruleset is scored and explained -------------

_SEEN_LIMIT = 4_096  # values remembered per linear rule (the first ones)
_MARKS = {"value": "\0v\0", "values": "\0s\0", "result": "\0r\0", "points": "\0p\0"}
_PLANS: dict[int, tuple[Criteria, _Plan]] = {}


def compiled_plan(criteria: Criteria) -> _Plan:
    """The plan of ``criteria``, compiled once per ruleset object (a few rulesets are kept)."""
    found = _PLANS.get(id(criteria))
    if found is not None and found[0] is criteria:
        return found[1]
    plan = _Plan(criteria)
    if len(_PLANS) >= 8:
        _PLANS.pop(next(iter(_PLANS)))
    _PLANS[id(criteria)] = (criteria, plan)
    return plan


class _Plan:
    """A ruleset made ready to score: compiled expressions and one :class:`_Rule` per criterion."""

    def __init__(self, criteria: Criteria) -> None:
        self.criteria = criteria
        self._decimals: dict[Decimal, Decimal] = {}
        self._points_texts: dict[str, dict[Decimal, str]] = {"vi": {}, "en": {}}
        self.derived = [
            (name, source, compiled(source)) for name, source in criteria.derived.items()
        ]
        self.gates = [_GateRule(criteria, gate) for gate in criteria.eligibility]
        self.all_passed = (True,) * len(self.gates)
        self.rules: list[_Rule] = []
        self.group_spans: list[tuple[str, int, int]] = []
        for group in criteria.groups:
            first = len(self.rules)
            for criterion in group.criteria:
                kind = _RULE_CLASSES[_rule_name(criterion)]
                self.rules.append(kind(self, group.id, criterion, len(self.rules)))
            self.group_spans.append((group.id, first, len(self.rules)))
        self.ids = [rule.id for rule in self.rules]
        self.index = {rule.id: rule.index for rule in self.rules}
        self.awaiting = any(rule.awaiting for rule in self.rules)
        # The minimums to check, group by group: (group, its min, [(rule, the rule's min)]).
        self.minimums = [
            (
                group,
                None if group.min is None else _decimal(group.min),
                [
                    (rule, _decimal(rule.criterion.min))
                    for rule in self.rules[first:last]
                    if rule.criterion.min is not None and not rule.awaiting
                ],
            )
            for group, (_, first, last) in zip(criteria.groups, self.group_spans, strict=True)
        ]
        self.minimums = [item for item in self.minimums if item[1] is not None or item[2]]
        self.has_minimums = bool(self.minimums)

    def intern(self, number: Decimal) -> Decimal:
        """One object per distinct points value: a million cells share a few thousand."""
        return self._decimals.setdefault(number, number)

    def points_text(self, points: Decimal, lang: str) -> str:
        """``Num(float(points), rounding)`` rendered, remembered per value."""
        texts = self._points_texts.setdefault(lang, {})
        text = texts.get(points)
        if text is None:
            text = texts[points] = format_number(float(points), lang, self.criteria.rounding)
        return text


class _GateRule:
    """One gate compiled: a passed gate costs one evaluation and keeps no message."""

    def __init__(self, criteria: Criteria, gate: Gate) -> None:
        self.criteria, self.gate = criteria, gate
        self.expression = compiled(gate.require)
        self.names = list(_names_in(gate.require))
        self.name = _bare_name(self.expression)

    def check(self, product: _Product) -> bool | GateResult:
        """True when the gate is met, else its full result (with the message saying why)."""
        if self.name is not None:  # "require: in_hanoi": the value itself, no evaluation
            value = product.env.get(self.name)
            if value is None:
                return _gate(product, self.gate)
        else:
            try:
                value = self.expression.evaluate(product.env)
            except EvaluationError:
                return _gate(product, self.gate)
        if _finite(value) and _truthy(value) is True:
            return True
        return _gate(product, self.gate)

    def passed(self, lazy: _Scored) -> GateResult:
        """The result of a met gate, as :func:`_gate` gives it."""
        fields, gate = self.criteria.fields, self.gate
        values = NamedValues(tuple((n, Shown(lazy.get(n), fields.get(n))) for n in self.names))
        message = msg(
            "scoring.gate.passed",
            id=gate.id,
            title=Localized(gate.title, gate.title_en),
            values=values,
            condition=gate.require,
        )
        return GateResult(gate.id, True, {n: lazy.get(n) for n in self.names}, (), message)


@dataclass(frozen=True, slots=True)
class _Unusual:
    """The note of a criterion scored through an unusual case: its full message, made at once."""

    message: Message
    missing: tuple[str, ...]


class _Rule:
    """One criterion compiled. ``score`` gives the points and a small note; ``text`` explains.

    The usual cases note only what varies (which band matched); their text is a
    template pre-filled with everything else (labels, thresholds, max) per language.
    The unusual ones go through the reference rule functions at once (``_unusual``).
    """

    inputs: tuple[str, ...] = ()
    awaiting = False
    blank: _Unusual | None = None  # the shared note of a blank input field, if any

    def __init__(self, plan: _Plan, group_id: str, criterion: Criterion, index: int) -> None:
        self.plan, self.criteria, self.criterion = plan, plan.criteria, criterion
        self.id, self.group, self.max, self.index = criterion.id, group_id, criterion.max, index
        self.kind = _rule_name(criterion)
        self.digits = plan.criteria.rounding
        self.highest = _decimal(criterion.max)
        self.cap = self.highest.quantize(ONE.scaleb(-self.digits), rounding=ROUND_DOWN)
        self.zero = self.finish(ZERO)
        self.max_text = Num(criterion.max, LIMIT_DIGITS)
        self._templates: dict[str, dict[Any, str | None]] = {}
        self.texts: dict[str, dict[Any, str]] = {}  # lang -> remembered texts (_remembered)

    def finish(self, raw: Decimal) -> Decimal:
        """Clamp and round as :func:`_criterion` does (one shared object per value)."""
        # Clamp first (huge band points cannot overflow the rounding), then make sure rounding
        # up does not lift points above the max (a max of 2.675 with rounding 2 allows 2.67).
        points = min(round_points(min(max(raw, ZERO), self.highest), self.digits), self.cap)
        return self.plan.intern(points)

    def score(self, product: _Product) -> tuple[Decimal, Any]:
        """The points of ``product`` and the note its explanation needs."""
        raise NotImplementedError

    def _unusual(self, product: _Product) -> tuple[Decimal, _Unusual]:
        raw = _RULES[self.kind](product, self.criterion)
        points = self.finish(raw.points)
        return points, _Unusual(self._message(raw, points), raw.missing)

    def _message(self, raw: _Raw, points: Decimal) -> Message:
        params = {**raw.params, "points": Num(float(points), self.digits), "max": self.max_text}
        return msg(raw.key, **params)

    def message(self, lazy: _Scored, points: Decimal) -> Message:
        """The explanation as a :class:`Message`, built by the reference rule function."""
        raw = _RULES[self.kind](_Product.again(self.criteria, lazy), self.criterion)
        return self._message(raw, points)

    def text(self, lazy: _Scored, points: Decimal, note: Any, lang: str) -> str:
        """The explanation in ``lang``."""
        if isinstance(note, _Unusual):
            return note.message.render(lang)
        return self._written(lazy, points, note, lang)

    def _written(self, lazy: _Scored, points: Decimal, note: Any, lang: str) -> str:
        templates = self._templates.get(lang)
        if templates is None:
            templates = self._templates[lang] = self._fill_templates(lang)
        template = templates.get(self._variant(lazy, note))
        if template is None:  # a label with a NUL character: let the reference path say it
            return self.message(lazy, points).render(lang)
        return self._fill(template, lazy, points, note, lang)

    # The parts that differ per kind of rule.

    def _variants(self) -> dict[Any, tuple[str, dict[str, Any]]]:
        """Every usual variant: its catalogue key and the params that never change."""
        raise NotImplementedError

    def _variant(self, lazy: _Scored, note: Any) -> Any:
        return note

    def _fill(self, template: str, lazy: _Scored, points: Decimal, note: Any, lang: str) -> str:
        raise NotImplementedError

    def _fill_templates(self, lang: str) -> dict[Any, str | None]:
        return {
            variant: _template(key, lang, {**fixed, "max": self.max_text})
            for variant, (key, fixed) in self._variants().items()
        }

    def _show(self, name: str, lazy: _Scored, lang: str) -> str:
        return _show(self.criteria.fields.get(name), lazy.get(name), lang)

    def _values_text(self, names: Sequence[str], lazy: _Scored, lang: str) -> str:
        fields = self.criteria.fields
        shown = (f"{name} = {_show(fields.get(name), lazy.get(name), lang)}" for name in names)
        return "; ".join(shown) or "—"


_TEXTS_LIMIT = 2_048  # explanation texts remembered per rule and language (the first ones)


def _remembered(
    rule: _Rule, name: str, lazy: _Scored, points: Decimal, note: Any, lang: str
) -> str:
    """``rule``'s text for a product, remembered by its note and the one value it shows.

    Such a text depends on nothing else (the points follow from the value), and
    the same values recur: a sector, a count of employees, 12.5%, a blank field.
    """
    if isinstance(note, _Unusual):
        if note is not rule.blank:  # one product's own case: nothing to share
            return note.message.render(lang)
        key: Any = note  # the shared note of every blank value
    else:
        value = lazy.get(name)
        key = (note, type(value), value)  # the type: True, 1 and 1.0 are written differently
    texts = rule.texts.setdefault(lang, {})
    try:
        text = texts.get(key)
    except TypeError:  # a value that cannot be a key (a list from a derived value)
        return _Rule.text(rule, lazy, points, note, lang)
    if text is None:
        text = _Rule.text(rule, lazy, points, note, lang)
        if len(texts) < _TEXTS_LIMIT:  # a value shown once per product (a revenue) fills it
            texts[key] = text
    return text


def _bare_name(expression: Expression) -> str | None:
    """The name an expression is made of alone (``in_hanoi``), else None."""
    return expression.source if expression.source in expression.names else None


def _blank_note(rule: _Rule, name: str) -> _Unusual | None:
    """The note of a rule whose one input, the field ``name``, is blank: the same for all.

    As :func:`_absent` says it (a blank field has no other cause to name), made once
    per rule rather than once per product with a blank cell. None for a derived value.
    """
    if name not in rule.criteria.fields:
        return None
    params = {"names": Localized(name, name), "points": Num(float(rule.zero), rule.digits)}
    return _Unusual(msg("scoring.no_data", **params, max=rule.max_text), (name,))


def _template(key: str, lang: str, fixed: dict[str, Any]) -> str | None:
    """The catalogue text of ``key`` with ``fixed`` filled in and a mark for every other param."""
    rendered = {name: value.render(lang) if hasattr(value, "render") else value
                for name, value in fixed.items()}  # fmt: skip
    if any("\0" in str(value) for value in rendered.values()):
        return None
    vi, en = catalog()[key]
    return (en if lang == "en" else vi).format(**{**_MARKS, **rendered})


class _OfRule(_Rule):
    """A rule on one value (``of``): bands, linear, map."""

    def __init__(self, plan: _Plan, group_id: str, criterion: Criterion, index: int) -> None:
        super().__init__(plan, group_id, criterion, index)
        rule = getattr(criterion, self.kind)
        self.of: str = rule.of
        self.inputs = (self.of,)
        self.subject = _subject(self.criteria, self.of, criterion)
        self.blank = _blank_note(self, self.of)

    def _absent(self, product: _Product) -> tuple[Decimal, _Unusual]:
        """The points and note of a product without a value to score."""
        return (self.zero, self.blank) if self.blank is not None else self._unusual(product)

    def text(self, lazy: _Scored, points: Decimal, note: Any, lang: str) -> str:
        """The explanation in ``lang``, remembered per value: the text depends on nothing else."""
        return _remembered(self, self.of, lazy, points, note, lang)

    def _fill(self, template: str, lazy: _Scored, points: Decimal, note: Any, lang: str) -> str:
        # The value (the enterprise's text) last, so a mark inside it is never replaced.
        text = template.replace(_MARKS["points"], self.plan.points_text(points, lang))
        return text.replace(_MARKS["value"], self._show(self.of, lazy, lang))


class _BandsRule(_OfRule):
    def __init__(self, plan: _Plan, group_id: str, criterion: Criterion, index: int) -> None:
        super().__init__(plan, group_id, criterion, index)
        assert criterion.bands is not None
        self.steps = criterion.bands.steps
        self.tests = []
        for step in self.steps:
            (key, threshold), *_ = step.conditions().items()
            self.tests.append((_COMPARISONS[key], threshold, key == "equals"))
        self.points = [self.finish(_decimal(step.points)) for step in self.steps]

    def score(self, product: _Product) -> tuple[Decimal, Any]:
        value = product.env.get(self.of)
        if value is None:
            return self._absent(product)
        number = _is_number(value)
        for index, (compare, threshold, equals) in enumerate(self.tests):
            if not equals and not number:
                return self._unusual(product)
            try:
                matched = compare(value, threshold)
            except TypeError:
                return self._unusual(product)
            if matched:
                return self.points[index], index
        return self.zero, -1

    def _variants(self) -> dict[Any, tuple[str, dict[str, Any]]]:
        variants: dict[Any, tuple[str, dict[str, Any]]] = {}
        fixed: dict[str, Any] = {}
        for index, step in enumerate(self.steps):
            fixed = {
                "subject": self.subject,
                "op": step.operator,
                "threshold": _threshold(self.criteria, self.of, step),
                "points": Num(float(self.points[index]), self.digits),
            }
            key = "scoring.bands.equals" if step.equals is not None else "scoring.bands.match"
            if step.points > self.criterion.max:
                key, fixed["band"] = "scoring.bands.capped", Num(step.points, LIMIT_DIGITS)
            variants[index] = (key, fixed)
        variants[-1] = (
            "scoring.bands.none",
            {**fixed, "points": Num(float(self.zero), self.digits)},
        )
        return variants


class _LinearRule(_OfRule):
    def __init__(self, plan: _Plan, group_id: str, criterion: Criterion, index: int) -> None:
        super().__init__(plan, group_id, criterion, index)
        assert criterion.linear is not None
        self.rule = criterion.linear
        self.zero_at, self.full_at = _decimal(self.rule.zero_at), _decimal(self.rule.full_at)
        # Points per value already scored: the same figures recur (12.5%, 30%) in a large file.
        self._seen: dict[Any, Decimal] = {}

    def score(self, product: _Product) -> tuple[Decimal, Any]:
        value = product.env.get(self.of)
        if value is None:
            return self._absent(product)
        if not _is_number(value):
            return self._unusual(product)
        points = self._seen.get(value)
        if points is None:
            # Decimal arithmetic keeps 2.675 exactly 2.675 before rounding (as in _linear).
            share = (_decimal(value) - self.zero_at) / (self.full_at - self.zero_at)
            points = self.finish(min(max(share, ZERO), ONE) * self.highest)
            if len(self._seen) < _SEEN_LIMIT:  # values that never recur stop being remembered
                self._seen[value] = points
        return points, None

    def _variants(self) -> dict[Any, tuple[str, dict[str, Any]]]:
        fixed = {
            "subject": self.subject,
            "zero_at": Num(self.rule.zero_at, VALUE_DIGITS),
            "full_at": Num(self.rule.full_at, VALUE_DIGITS),
        }
        return {None: ("scoring.linear", fixed)}


class _MapRule(_OfRule):
    def __init__(self, plan: _Plan, group_id: str, criterion: Criterion, index: int) -> None:
        super().__init__(plan, group_id, criterion, index)
        assert criterion.map is not None
        self.table = {key: self.finish(_decimal(p)) for key, p in criterion.map.points.items()}

    def score(self, product: _Product) -> tuple[Decimal, Any]:
        value = product.env.get(self.of)
        if value is None:
            return self._absent(product)
        points = self.table.get(_map_key(value))
        return (self.zero, False) if points is None else (points, True)

    def _variants(self) -> dict[Any, tuple[str, dict[str, Any]]]:
        return {
            True: ("scoring.map.match", {"subject": self.subject}),
            False: ("scoring.map.other", {"subject": self.subject}),
        }


class _ExpressionRule(_Rule):
    """A rule on an expression: when, formula."""

    def __init__(self, plan: _Plan, group_id: str, criterion: Criterion, index: int) -> None:
        super().__init__(plan, group_id, criterion, index)
        self.source: str = getattr(criterion, self.kind)
        self.expression: Expression = compiled(self.source)
        self.inputs = _names_in(self.source)

    def evaluate(self, product: _Product) -> Any:
        """The value, or ``_UNUSUAL`` when it is missing, not finite or cannot be computed."""
        try:
            value = self.expression.evaluate(product.env)
        except EvaluationError:
            return _UNUSUAL
        if isinstance(value, Missing) or not _finite(value):
            return _UNUSUAL
        return value


_UNUSUAL = object()


class _WhenRule(_ExpressionRule):
    def __init__(self, plan: _Plan, group_id: str, criterion: Criterion, index: int) -> None:
        super().__init__(plan, group_id, criterion, index)
        self.on_field = self.source in self.criteria.fields
        self.full = self.finish(self.highest)
        self.name = _bare_name(self.expression)
        self.blank = _blank_note(self, self.name) if self.name is not None else None

    def score(self, product: _Product) -> tuple[Decimal, Any]:
        if self.name is not None:  # "when: iso_9001": the value itself, no evaluation
            value = product.env.get(self.name)
            if value is None and self.blank is not None:
                return self.zero, self.blank
            value = _UNUSUAL if value is None or not _finite(value) else value
        else:
            value = self.evaluate(product)
        truth = None if value is _UNUSUAL else _truthy(value)
        if truth is None:
            return self._unusual(product)
        return (self.full if truth else self.zero), truth

    def _variant(self, lazy: _Scored, note: Any) -> Any:
        return "field" if self.on_field else note

    def text(self, lazy: _Scored, points: Decimal, note: Any, lang: str) -> str:
        """The explanation in ``lang``; on a bare field, remembered per value."""
        if self.on_field:
            return _remembered(self, self.source, lazy, points, note, lang)
        return super().text(lazy, points, note, lang)

    def _variants(self) -> dict[Any, tuple[str, dict[str, Any]]]:
        if self.on_field:
            subject = _subject(self.criteria, self.source, self.criterion)
            return {"field": ("scoring.when.field", {"subject": subject})}
        return {
            True: ("scoring.when.true", {"condition": self.source}),
            False: ("scoring.when.false", {"condition": self.source}),
        }

    def _fill(self, template: str, lazy: _Scored, points: Decimal, note: Any, lang: str) -> str:
        text = template.replace(_MARKS["points"], self.plan.points_text(points, lang))
        if self.on_field:
            return text.replace(_MARKS["value"], self._show(self.source, lazy, lang))
        return text.replace(_MARKS["values"], self._values_text(self.inputs, lazy, lang))


class _FormulaRule(_ExpressionRule):
    def score(self, product: _Product) -> tuple[Decimal, Any]:
        value = self.evaluate(product)
        if value is _UNUSUAL or (not _is_number(value) and not isinstance(value, bool)):
            return self._unusual(product)
        return self.finish(min(max(_decimal(value), ZERO), self.highest)), value

    def _variant(self, lazy: _Scored, note: Any) -> Any:
        value = _decimal(note)
        return min(max(value, ZERO), self.highest) == value

    def _variants(self) -> dict[Any, tuple[str, dict[str, Any]]]:
        return {
            True: ("scoring.formula", {"formula": self.source}),
            False: ("scoring.formula.clamped", {"formula": self.source}),
        }

    def _fill(self, template: str, lazy: _Scored, points: Decimal, note: Any, lang: str) -> str:
        text = template.replace(_MARKS["points"], self.plan.points_text(points, lang))
        result = format_number(float(_decimal(note)), lang, VALUE_DIGITS)
        text = text.replace(_MARKS["result"], result)
        return text.replace(_MARKS["values"], self._values_text(self.inputs, lazy, lang))


class _JudgedRule(_Rule):
    awaiting = True

    def score(self, product: _Product) -> tuple[Decimal, Any]:
        # Members' scores are filled in by a later step; until then the criterion gives 0.
        return self.zero, None

    def _variants(self) -> dict[Any, tuple[str, dict[str, Any]]]:
        return {None: ("scoring.judged.awaiting", {})}

    def _fill(self, template: str, lazy: _Scored, points: Decimal, note: Any, lang: str) -> str:
        return template.replace(_MARKS["points"], self.plan.points_text(points, lang))


_RULE_CLASSES: dict[str, type[_Rule]] = {
    "bands": _BandsRule,
    "linear": _LinearRule,
    "map": _MapRule,
    "when": _WhenRule,
    "formula": _FormulaRule,
    "judged": _JudgedRule,
}


# --- a card's compact gates and criteria -----------------------------------------------------


class _Scored(Sequence[CriterionResult]):
    """The criterion results of one card: its points, one note each, and the values they read.

    A :class:`CriterionResult` (with its explanation) is built when it is asked for;
    reports use :meth:`cells`, which writes the explanations without building them.
    """

    __slots__ = ("derived", "notes", "plan", "points", "unusable", "values")

    def __init__(
        self,
        plan: _Plan,
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
            return tuple(self)[index]  # type: ignore[return-value]
        return self._result(range(len(self.points))[index])

    def __repr__(self) -> str:
        return f"_Scored({dict(zip(self.plan.ids, self.points, strict=True))})"

    def _result(self, index: int) -> CriterionResult:
        rule, points, note = self.plan.rules[index], self.points[index], self.notes[index]
        if isinstance(note, _Unusual):
            explanation: Any = note.message
            missing = note.missing
        else:
            explanation, missing = _Explanation(rule, self, points, note), ()
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


class _Explanation:
    """The explanation of one usual criterion result; renders like its :class:`Message`."""

    __slots__ = ("lazy", "note", "points", "rule")

    def __init__(self, rule: _Rule, lazy: _Scored, points: Decimal, note: Any) -> None:
        self.rule, self.lazy, self.points, self.note = rule, lazy, points, note

    def render(self, lang: str = "vi") -> str:
        """The explanation in ``lang``."""
        return self.rule.text(self.lazy, self.points, self.note, lang)

    @property
    def message(self) -> Message:
        """The same explanation as a :class:`Message` (catalogue key and params)."""
        return self.rule.message(self.lazy, self.points)

    @property
    def key(self) -> str:
        """The catalogue key of the message."""
        return self.message.key

    @property
    def params(self) -> dict[str, Any]:
        """The params of the message."""
        return self.message.params

    def __repr__(self) -> str:
        return f"_Explanation({self.render()!r})"


class _Gates(Sequence[GateResult]):
    """The gate results of one card: a met gate is only ``True`` until it is asked for."""

    __slots__ = ("entries", "lazy")

    def __init__(self, lazy: _Scored, entries: tuple[bool | GateResult, ...]) -> None:
        self.lazy, self.entries = lazy, entries

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[GateResult]:
        return (self[index] for index in range(len(self.entries)))

    def __getitem__(self, index: int) -> GateResult:  # type: ignore[override]
        if isinstance(index, slice):
            return tuple(self)[index]  # type: ignore[return-value]
        entry = self.entries[index]
        if entry is True:
            return self.lazy.plan.gates[range(len(self.entries))[index]].passed(self.lazy)
        return entry  # type: ignore[return-value]

    def __repr__(self) -> str:
        return f"_Gates({[entry is True for entry in self.entries]})"


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
    plan: _Plan, points: tuple[Decimal, ...], groups: dict[str, Decimal]
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


def _flags(plan: _Plan, issues: Sequence[DataIssue]) -> tuple[Flag, ...]:
    awaiting = (Flag.AWAITING_SCORES,) if plan.awaiting else ()
    if any(issue.severity is Severity.WARNING for issue in issues):
        return (*awaiting, Flag.DATA_WARNING)
    return awaiting


# --- small helpers ------------------------------------------------------------------------


def _finite(value: Any) -> bool:
    return not isinstance(value, float) or math.isfinite(value)


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
