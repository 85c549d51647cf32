"""The criterion rules compiled once per ruleset: fast points, explanations from templates.

A round may hold 100,000 products, so each :class:`Rule` scores a product with a
few comparisons and keeps only a tiny note (which band matched, ...). Its
explanation is written when a report asks for it, from catalogue templates
pre-filled with everything that never changes (labels, thresholds, max). Unusual
cases go through the reference functions of :mod:`chuluc_cli.scoring.rules`,
which remain the one definition of what an explanation says.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import ROUND_DOWN, Decimal
from typing import TYPE_CHECKING, Any

from chuluc_cli.criteria.expressions import EvaluationError, Expression, Missing
from chuluc_cli.criteria.model import Criterion
from chuluc_cli.criteria.references import compiled
from chuluc_cli.i18n import Localized, Message, Num, format_number, msg
from chuluc_cli.scoring.explain import (
    LIMIT_DIGITS,
    MARKS,
    VALUE_DIGITS,
    Unusual,
    show,
    subject_label,
    template,
)
from chuluc_cli.scoring.points import ONE, ZERO, decimal, finite, is_number, round_points
from chuluc_cli.scoring.rules import (
    COMPARISONS,
    RULES,
    Raw,
    bare_name,
    map_key,
    names_in,
    rule_name,
    shown_threshold,
    truthy,
)

if TYPE_CHECKING:
    from chuluc_cli.scoring.card import Scored
    from chuluc_cli.scoring.plan import Plan, Product

_SEEN_LIMIT = 4_096  # values remembered per linear or formula rule (the first ones)
# The exact types of plain numbers (bool excluded): a value of one of them takes the short way.
_NUMBERS = (int, float)


class Rule:
    """One criterion compiled. ``score`` gives the points and a small note; ``text`` explains.

    The usual cases note only what varies (which band matched); their text is a
    template pre-filled with everything else (labels, thresholds, max) per language.
    The unusual ones go through the reference rule functions at once (``_unusual``).
    """

    inputs: tuple[str, ...] = ()
    awaiting = False
    blank: Unusual | None = None  # the shared note of a blank input field, if any

    def __init__(self, plan: Plan, group_id: str, criterion: Criterion, index: int) -> None:
        self.plan, self.criteria, self.criterion = plan, plan.criteria, criterion
        self.id, self.group, self.max, self.index = criterion.id, group_id, criterion.max, index
        self.kind = rule_name(criterion)
        self.digits = plan.criteria.rounding
        self.highest = decimal(criterion.max)
        self.cap = self.highest.quantize(ONE.scaleb(-self.digits), rounding=ROUND_DOWN)
        self.zero = self.finish(ZERO)
        self.max_text = Num(criterion.max, LIMIT_DIGITS)
        self._templates: dict[str, dict[Any, str | None]] = {}
        self.texts: dict[str, dict[Any, str]] = {}  # lang -> remembered texts (_remembered)
        self._no_data_notes: dict[tuple[str, ...], Unusual] = {}  # see _no_data

    def finish(self, raw: Decimal) -> Decimal:
        """Clamp and round as :func:`rules._criterion` does (one shared object per value)."""
        # Clamp first (huge band points cannot overflow the rounding), then make sure rounding
        # up does not lift points above the max (a max of 2.675 with rounding 2 allows 2.67).
        points = min(round_points(min(max(raw, ZERO), self.highest), self.digits), self.cap)
        return self.plan.intern(points)

    def score(self, product: Product) -> tuple[Decimal, Any]:
        """The points of ``product`` and the note its explanation needs."""
        raise NotImplementedError

    def _no_data(self, product: Product, names: tuple[str, ...]) -> tuple[Decimal, Unusual]:
        """Zero and the note of a value missing for want of ``names`` (derived ones traced back).

        When they all come down to blank fields, the note is what the reference says
        ("no data: revenue_prev") and is shared by every product missing the same fields;
        any other cause (a division by zero, an error) takes the reference path.
        """
        causes, origins, fields = product.causes, product.origins, self.criteria.fields
        found: list[str] = []
        for name in names:
            found.extend(origins.get(name, (name,)))
        missing = tuple(dict.fromkeys(found))
        if not all(name in fields and name not in causes for name in missing):
            return self._unusual(product)
        note = self._no_data_notes.get(missing)
        if note is None:
            if missing == self.inputs and self.blank is not None:
                note = self.blank  # the one note _remembered recognises
            else:
                text = ", ".join(missing)
                params = {
                    "names": Localized(text, text),
                    "points": Num(float(self.zero), self.digits),
                }
                note = Unusual(msg("scoring.no_data", **params, max=self.max_text), missing)
            if len(self._no_data_notes) < _NOTES_LIMIT:
                self._no_data_notes[missing] = note
        return self.zero, note

    def _unusual(self, product: Product) -> tuple[Decimal, Unusual]:
        raw = RULES[self.kind](product, self.criterion)
        points = self.finish(raw.points)
        return points, Unusual(self._message(raw, points), raw.missing)

    def _message(self, raw: Raw, points: Decimal) -> Message:
        params = {**raw.params, "points": Num(float(points), self.digits), "max": self.max_text}
        return msg(raw.key, **params)

    def message(self, lazy: Scored, points: Decimal) -> Message:
        """The explanation as a :class:`Message`, built by the reference rule function."""
        # Imported here: the plan module imports this one to compile its rules.
        from chuluc_cli.scoring.plan import Product

        raw = RULES[self.kind](Product.again(self.criteria, lazy), self.criterion)
        return self._message(raw, points)

    def text(self, lazy: Scored, points: Decimal, note: Any, lang: str) -> str:
        """The explanation in ``lang``."""
        if isinstance(note, Unusual):
            return note.text(lang)
        return self._written(lazy, points, note, lang)

    def _written(self, lazy: Scored, points: Decimal, note: Any, lang: str) -> str:
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

    def _variant(self, lazy: Scored, note: Any) -> Any:
        return note

    def _fill(self, template: str, lazy: Scored, points: Decimal, note: Any, lang: str) -> str:
        raise NotImplementedError

    def _fill_templates(self, lang: str) -> dict[Any, str | None]:
        return {
            variant: template(key, lang, {**fixed, "max": self.max_text})
            for variant, (key, fixed) in self._variants().items()
        }

    def _show(self, name: str, lazy: Scored, lang: str) -> str:
        return show(self.criteria.fields.get(name), lazy.get(name), lang)

    def _values_text(self, names: Sequence[str], lazy: Scored, lang: str) -> str:
        fields = self.criteria.fields
        shown = (f"{name} = {show(fields.get(name), lazy.get(name), lang)}" for name in names)
        return "; ".join(shown) or "—"


_TEXTS_LIMIT = 16_384  # explanation texts remembered per rule and language (the first ones)
_NOTES_LIMIT = 256  # shared "no data" notes per rule: one per set of blank fields


def _remembered(rule: Rule, name: str, lazy: Scored, points: Decimal, note: Any, lang: str) -> str:
    """``rule``'s text for a product, remembered by its note and the one value it shows.

    Such a text depends on nothing else (the points follow from the value), and
    the same values recur: a sector, a count of employees, 12.5%, a blank field.
    """
    if isinstance(note, Unusual):
        if note is not rule.blank:  # one product's own case: nothing to share
            return note.text(lang)
        key: Any = note  # the shared note of every blank value
    else:
        value = lazy.get(name)
        key = (note, type(value), value)  # the type: True, 1 and 1.0 are written differently
    texts = rule.texts.get(lang)
    if texts is None:
        texts = rule.texts[lang] = {}
    try:
        text = texts.get(key)
    except TypeError:  # a value that cannot be a key (a list from a derived value)
        return Rule.text(rule, lazy, points, note, lang)
    if text is None:
        text = Rule.text(rule, lazy, points, note, lang)
        if len(texts) < _TEXTS_LIMIT:  # a value shown once per product (a revenue) fills it
            texts[key] = text
    return text


def _blank_note(rule: Rule, name: str) -> Unusual | None:
    """The note of a rule whose one input, the field ``name``, is blank: the same for all.

    As :func:`_absent` says it (a blank field has no other cause to name), made once
    per rule rather than once per product with a blank cell. None for a derived value.
    """
    if name not in rule.criteria.fields:
        return None
    params = {"names": Localized(name, name), "points": Num(float(rule.zero), rule.digits)}
    return Unusual(msg("scoring.no_data", **params, max=rule.max_text), (name,))


class _OfRule(Rule):
    """A rule on one value (``of``): bands, linear, map."""

    def __init__(self, plan: Plan, group_id: str, criterion: Criterion, index: int) -> None:
        super().__init__(plan, group_id, criterion, index)
        rule = getattr(criterion, self.kind)
        self.of: str = rule.of
        self.inputs = (self.of,)
        self.subject = subject_label(self.criteria, self.of, criterion)
        self.blank = _blank_note(self, self.of)

    def _absent(self, product: Product) -> tuple[Decimal, Unusual]:
        """The points and note of a product without a value to score."""
        if self.blank is not None:
            return self.zero, self.blank
        return self._no_data(product, self.inputs)  # a derived value: traced to blank fields

    def text(self, lazy: Scored, points: Decimal, note: Any, lang: str) -> str:
        """The explanation in ``lang``, remembered per value: the text depends on nothing else."""
        return _remembered(self, self.of, lazy, points, note, lang)

    def _fill(self, template: str, lazy: Scored, points: Decimal, note: Any, lang: str) -> str:
        # The value (the enterprise's text) last, so a mark inside it is never replaced.
        text = template.replace(MARKS["points"], self.plan.points_text(points, lang))
        return text.replace(MARKS["value"], self._show(self.of, lazy, lang))


class _BandsRule(_OfRule):
    def __init__(self, plan: Plan, group_id: str, criterion: Criterion, index: int) -> None:
        super().__init__(plan, group_id, criterion, index)
        assert criterion.bands is not None
        self.steps = criterion.bands.steps
        self.tests = []
        for step in self.steps:
            (key, threshold), *_ = step.conditions().items()
            self.tests.append((COMPARISONS[key], threshold, key == "equals"))
        self.points = [self.finish(decimal(step.points)) for step in self.steps]
        # For a plain number no comparison can fail: the steps and what each one gives.
        self.numeric = [
            (compare, threshold, (self.points[index], index))
            for index, (compare, threshold, _) in enumerate(self.tests)
        ]
        self.miss = (self.zero, -1)

    def score(self, product: Product) -> tuple[Decimal, Any]:
        value = product.env.get(self.of)
        if type(value) in _NUMBERS:
            for compare, threshold, hit in self.numeric:
                if compare(value, threshold):
                    return hit
            return self.miss
        if value is None:
            return self._absent(product)
        number = is_number(value)
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
                "threshold": shown_threshold(self.criteria, self.of, step),
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
    def __init__(self, plan: Plan, group_id: str, criterion: Criterion, index: int) -> None:
        super().__init__(plan, group_id, criterion, index)
        assert criterion.linear is not None
        self.rule = criterion.linear
        self.zero_at, self.full_at = decimal(self.rule.zero_at), decimal(self.rule.full_at)
        self.span = self.full_at - self.zero_at
        # Points per value already scored: the same figures recur (12.5%, 30%) in a large file.
        self._seen: dict[Any, Decimal] = {}
        self.ends = self._ends()

    def _ends(self) -> tuple[float, tuple[Decimal, None], float, tuple[Decimal, None]] | None:
        """The lower and upper end of the ramp, each with what a value there or beyond gets.

        Beyond an end the share is clamped to 0 or 1, so the points are those of the end
        itself: no Decimal arithmetic for them. A number compares with an end as its
        decimal text does only if the end is an exact binary fraction (0.5, 15, not 0.1):
        otherwise None, and every value takes the Decimal path.
        """
        ends = (self.rule.zero_at, self.rule.full_at)
        if self.span == 0 or any(
            not math.isfinite(end) or Decimal(end) != decimal(end) for end in ends
        ):
            return None
        low, high = sorted(ends)
        return low, (self._points(low), None), high, (self._points(high), None)

    def _points(self, value: Any) -> Decimal:
        # Decimal arithmetic keeps 2.675 exactly 2.675 before rounding (as in _linear).
        share = (decimal(value) - self.zero_at) / self.span
        return self.finish(min(max(share, ZERO), ONE) * self.highest)

    def score(self, product: Product) -> tuple[Decimal, Any]:
        # Any: ``type(value) in _NUMBERS`` is a narrowing mypy does not follow.
        value: Any = product.env.get(self.of)
        if type(value) in _NUMBERS:
            if self.ends is not None:
                low, at_low, high, at_high = self.ends
                if value <= low:
                    return at_low
                if value >= high:
                    return at_high
        elif value is None:
            return self._absent(product)
        elif not is_number(value):
            return self._unusual(product)
        points = self._seen.get(value)
        if points is None:
            points = self._points(value)
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
    def __init__(self, plan: Plan, group_id: str, criterion: Criterion, index: int) -> None:
        super().__init__(plan, group_id, criterion, index)
        assert criterion.map is not None
        self.table = {key: self.finish(decimal(p)) for key, p in criterion.map.points.items()}
        self.hits = {key: (points, True) for key, points in self.table.items()}
        self.miss = (self.zero, False)

    def score(self, product: Product) -> tuple[Decimal, Any]:
        value = product.env.get(self.of)
        if value is None:
            return self._absent(product)
        # A text is its own key (map_key); other values are written as keys first.
        return self.hits.get(value if type(value) is str else map_key(value), self.miss)

    def _variants(self) -> dict[Any, tuple[str, dict[str, Any]]]:
        return {
            True: ("scoring.map.match", {"subject": self.subject}),
            False: ("scoring.map.other", {"subject": self.subject}),
        }


class _ExpressionRule(Rule):
    """A rule on an expression: when, formula."""

    def __init__(self, plan: Plan, group_id: str, criterion: Criterion, index: int) -> None:
        super().__init__(plan, group_id, criterion, index)
        self.source: str = getattr(criterion, self.kind)
        self.expression: Expression = compiled(self.source)
        self.inputs = names_in(self.source)

    def evaluate(self, product: Product) -> Any:
        """The value: a :class:`Missing` as it is, ``_UNUSUAL`` when not finite or an error."""
        try:
            value = self.expression.evaluate(product.env)
        except EvaluationError:
            return _UNUSUAL
        return value if finite(value) else _UNUSUAL


_UNUSUAL = object()


class _WhenRule(_ExpressionRule):
    def __init__(self, plan: Plan, group_id: str, criterion: Criterion, index: int) -> None:
        super().__init__(plan, group_id, criterion, index)
        self.on_field = self.source in self.criteria.fields
        self.full = self.finish(self.highest)
        self.name = bare_name(self.expression)
        self.blank = _blank_note(self, self.name) if self.name is not None else None
        self.yes, self.no = (self.full, True), (self.zero, False)

    def score(self, product: Product) -> tuple[Decimal, Any]:
        if self.name is not None:  # "when: iso_9001": the value itself, no evaluation
            value = product.env.get(self.name)
            if value is True or value is False:  # a yes/no field: the usual case
                return self.yes if value else self.no
            if value is None:
                if self.blank is not None:
                    return self.zero, self.blank
                return self._no_data(product, self.inputs)  # a derived value
            value = value if finite(value) else _UNUSUAL
        else:
            value = self.evaluate(product)
            if isinstance(value, Missing):
                return self._no_data(product, value.names)
        truth = None if value is _UNUSUAL else truthy(value)
        if truth is None:
            return self._unusual(product)
        return (self.full if truth else self.zero), truth

    def _variant(self, lazy: Scored, note: Any) -> Any:
        return "field" if self.on_field else note

    def text(self, lazy: Scored, points: Decimal, note: Any, lang: str) -> str:
        """The explanation in ``lang``; on a bare field, remembered per value."""
        if self.on_field:
            return _remembered(self, self.source, lazy, points, note, lang)
        return super().text(lazy, points, note, lang)

    def _variants(self) -> dict[Any, tuple[str, dict[str, Any]]]:
        if self.on_field:
            subject = subject_label(self.criteria, self.source, self.criterion)
            return {"field": ("scoring.when.field", {"subject": subject})}
        return {
            True: ("scoring.when.true", {"condition": self.source}),
            False: ("scoring.when.false", {"condition": self.source}),
        }

    def _fill(self, template: str, lazy: Scored, points: Decimal, note: Any, lang: str) -> str:
        text = template.replace(MARKS["points"], self.plan.points_text(points, lang))
        if self.on_field:
            return text.replace(MARKS["value"], self._show(self.source, lazy, lang))
        return text.replace(MARKS["values"], self._values_text(self.inputs, lazy, lang))


class _FormulaRule(_ExpressionRule):
    def __init__(self, plan: Plan, group_id: str, criterion: Criterion, index: int) -> None:
        super().__init__(plan, group_id, criterion, index)
        # Points per plain number: 1 and 1.0 give the same points; True is not a key here.
        self._seen: dict[int | float, Decimal] = {}

    def score(self, product: Product) -> tuple[Decimal, Any]:
        value = self.evaluate(product)
        if type(value) in _NUMBERS:
            points = self._seen.get(value)
            if points is None:
                points = self.finish(min(max(decimal(value), ZERO), self.highest))
                if len(self._seen) < _SEEN_LIMIT:
                    self._seen[value] = points
            return points, value
        if isinstance(value, Missing):
            return self._no_data(product, value.names)
        if value is _UNUSUAL or (not is_number(value) and not isinstance(value, bool)):
            return self._unusual(product)
        return self.finish(min(max(decimal(value), ZERO), self.highest)), value

    def _variant(self, lazy: Scored, note: Any) -> Any:
        value = decimal(note)
        return min(max(value, ZERO), self.highest) == value

    def _variants(self) -> dict[Any, tuple[str, dict[str, Any]]]:
        return {
            True: ("scoring.formula", {"formula": self.source}),
            False: ("scoring.formula.clamped", {"formula": self.source}),
        }

    def _fill(self, template: str, lazy: Scored, points: Decimal, note: Any, lang: str) -> str:
        text = template.replace(MARKS["points"], self.plan.points_text(points, lang))
        result = format_number(float(decimal(note)), lang, VALUE_DIGITS)
        text = text.replace(MARKS["result"], result)
        return text.replace(MARKS["values"], self._values_text(self.inputs, lazy, lang))


class _JudgedRule(Rule):
    awaiting = True

    def score(self, product: Product) -> tuple[Decimal, Any]:
        # Members' scores are filled in by a later step; until then the criterion gives 0.
        return self.zero, None

    def _variants(self) -> dict[Any, tuple[str, dict[str, Any]]]:
        return {None: ("scoring.judged.awaiting", {})}

    def _fill(self, template: str, lazy: Scored, points: Decimal, note: Any, lang: str) -> str:
        return template.replace(MARKS["points"], self.plan.points_text(points, lang))


RULE_CLASSES: dict[str, type[Rule]] = {
    "bands": _BandsRule,
    "linear": _LinearRule,
    "map": _MapRule,
    "when": _WhenRule,
    "formula": _FormulaRule,
    "judged": _JudgedRule,
}
