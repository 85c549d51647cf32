"""A ruleset compiled once into a plan, and the values of the one product being scored.

:func:`compiled_plan` turns a ruleset into a :class:`Plan` (compiled derived
values, one gate rule per gate, one :class:`~chuluc_cli.scoring.compiled_rules.Rule`
per criterion, the minimums to check) the first time it is used, so scoring a
product costs a few comparisons. :class:`Product` holds one product's field and
derived values while it is scored, and why any of them is absent.
"""

from __future__ import annotations

import math
from collections.abc import Set
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

from chuluc_cli.criteria.expressions import DIVISION_BY_ZERO, EvaluationError, Missing
from chuluc_cli.criteria.model import Criteria
from chuluc_cli.criteria.references import compiled
from chuluc_cli.i18n import Localized, Message, format_number, msg
from chuluc_cli.nominations import Nomination, Value
from chuluc_cli.results import Flag
from chuluc_cli.scoring.compiled_rules import RULE_CLASSES, Rule
from chuluc_cli.scoring.explain import NamedValues, Shown, both
from chuluc_cli.scoring.gates import GateRule
from chuluc_cli.scoring.points import ZERO, decimal
from chuluc_cli.scoring.rules import names_in, rule_name

if TYPE_CHECKING:
    from chuluc_cli.scoring.card import Scored

_PLANS: dict[int, tuple[Criteria, Plan]] = {}
_SUMS_LIMIT = 16_384  # sums remembered per plan (the first combinations of points seen)


def compiled_plan(criteria: Criteria) -> Plan:
    """The plan of ``criteria``, compiled once per ruleset object (a few rulesets are kept)."""
    found = _PLANS.get(id(criteria))
    if found is not None and found[0] is criteria:
        return found[1]
    plan = Plan(criteria)
    if len(_PLANS) >= 8:
        _PLANS.pop(next(iter(_PLANS)))
    _PLANS[id(criteria)] = (criteria, plan)
    return plan


class Plan:
    """A ruleset made ready to score: compiled expressions and one :class:`Rule` per criterion."""

    def __init__(self, criteria: Criteria) -> None:
        self.criteria = criteria
        self._decimals: dict[Decimal, Decimal] = {}
        self._sums: dict[tuple[Decimal, ...], Decimal] = {}
        self._points_texts: dict[str, dict[Decimal, str]] = {"vi": {}, "en": {}}
        self.derived = [
            (name, source, compiled(source)) for name, source in criteria.derived.items()
        ]
        self.gates = [GateRule(criteria, gate) for gate in criteria.eligibility]
        passed: tuple[Literal[True]] = (True,)  # annotated: mypy would widen True to bool
        self.all_passed = passed * len(self.gates)
        self.rules: list[Rule] = []
        self.group_spans: list[tuple[str, int, int]] = []
        for group in criteria.groups:
            first = len(self.rules)
            for criterion in group.criteria:
                kind = RULE_CLASSES[rule_name(criterion)]
                self.rules.append(kind(self, group.id, criterion, len(self.rules)))
            self.group_spans.append((group.id, first, len(self.rules)))
        self.ids = [rule.id for rule in self.rules]
        self.index = {rule.id: rule.index for rule in self.rules}
        self.awaiting = any(rule.awaiting for rule in self.rules)
        self.flags = (Flag.AWAITING_SCORES,) if self.awaiting else ()  # of a row without issues
        # The minimums to check, group by group: (group, its min, [(rule, the rule's min)]).
        self.minimums = [
            (
                group,
                None if group.min is None else decimal(group.min),
                [
                    (rule, decimal(rule.criterion.min))
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

    def group_totals(self, points: tuple[Decimal, ...]) -> dict[str, Decimal]:
        """Each group's total: the sum of its points, interned, remembered per combination.

        Decimal additions are slow (each one looks up the thread's context), and the
        same combinations recur: a group of bands and yes/no criteria has a few dozen.
        Points are interned, so a combination is hashed and compared cheaply.
        """
        sums, totals = self._sums, {}
        for group_id, first, last in self.group_spans:
            part = points[first:last]
            total = sums.get(part)
            if total is None:
                total = self.intern(sum(part, ZERO))
                if len(sums) < _SUMS_LIMIT:
                    sums[part] = total
            totals[group_id] = total
        return totals

    def points_text(self, points: Decimal, lang: str) -> str:
        """``Num(float(points), rounding)`` rendered, remembered per value."""
        texts = self._points_texts.setdefault(lang, {})
        text = texts.get(points)
        if text is None:
            text = texts[points] = format_number(float(points), lang, self.criteria.rounding)
        return text


@dataclass(frozen=True, slots=True)
class Read:
    """What a name or an expression gave for one product: a value, missing names or an error."""

    value: Any = None
    missing: tuple[str, ...] = ()
    error: str | None = None

    @property
    def usable(self) -> bool:
        return not self.missing and self.error is None


class Product:
    """One product's field and derived values, and why any of them is absent.

    Only lives while its product is scored (or one explanation is rebuilt): the
    card keeps the nomination's values, the derived values and the unusable fields.
    """

    __slots__ = ("causes", "criteria", "derived", "env", "origins")

    def __init__(
        self,
        criteria: Criteria,
        nomination: Nomination,
        unusable: Set[str],
        plan: Plan | None = None,
    ) -> None:
        self.criteria = criteria
        # A field with an error-level issue is scored as blank, whatever the reader kept.
        self.env: dict[str, Any] = dict(nomination.values)
        if unusable:
            self.env.update(dict.fromkeys(unusable))
        self.origins: dict[str, tuple[str, ...]] = {}  # missing derived value -> blank fields
        self.causes: dict[str, Message] = {}  # name or expression -> why it has no value
        self.derived: dict[str, Value] = {}
        env, derived = self.env, self.derived
        for name, source, expression in (plan or compiled_plan(criteria)).derived:
            try:
                value = expression.evaluate(env)
            except EvaluationError:
                value = None
            if (
                value is None
                or isinstance(value, Missing)
                or (isinstance(value, float) and not math.isfinite(value))
            ):
                self._derive(name, source)  # the unusual cases say why the value is absent
            else:
                env[name] = derived[name] = value

    @classmethod
    def again(cls, criteria: Criteria, lazy: Scored) -> Product:
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
            read = Read(missing=(name,))
        if read.missing:
            self.origins[name] = read.missing
        self.env[name] = self.derived[name] = read.value if read.usable else None

    def evaluate(self, source: str, label: str | None = None) -> Read:
        """Evaluate an expression; ``label`` names it when a division by zero empties it."""
        label = label or source
        try:
            value = compiled(source).evaluate(self.env)
        except EvaluationError as error:
            return Read(error=str(error))
        if isinstance(value, Missing):
            return Read(missing=self._expand(value.names, label))
        if isinstance(value, float) and not math.isfinite(value):
            self.causes[label] = msg("scoring.cause.not_finite")
            return Read(missing=(label,))
        return Read(value=value)

    def read(self, name: str) -> Read:
        """The value of one field or derived value."""
        value = self.env.get(name)
        return Read(value=value) if value is not None else Read(missing=self._expand((name,), name))

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
        return list(names_in(source))

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

        return both(render)
