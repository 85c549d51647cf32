"""A readable summary of a ruleset, as plain data, for ``chuluc criteria show``.

A committee checks a ruleset against its decision text before a round: which
columns are read, which gates reject, how each criterion gives points. The
summary is JSON-serialisable data (the CLI renders it with rich, ``--json``
prints it as is), with each rule described in one short line in ``lang``:
``bands on revenue: ≥500→15, ≥100→10, ≥20→5``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, assert_never

from chuluc_cli.criteria.model import BandStep, Criteria, Criterion, FieldSpec, RuleKind
from chuluc_cli.i18n import format_number, t


@dataclass(frozen=True)
class StepCondition:
    """A band step's condition, rendered ``≥ 500`` with numbers written the ``lang`` way."""

    step: BandStep

    def render(self, lang: str = "vi") -> str:
        """``≥500``, ``<10``, ``=co_khi``."""
        return f"{self.step.operator}{_value_text(self.step.threshold, lang)}"


@dataclass(frozen=True)
class ValueRange:
    """The values a field accepts (its min/max), in words: ``from 0 to 100``."""

    low: float | None
    high: float | None

    def render(self, lang: str = "vi") -> str:
        """The range in ``lang``; an unbounded side is left out."""
        low = _num(self.low, lang) if self.low is not None else None
        high = _num(self.high, lang) if self.high is not None else None
        if low is not None and high is not None:
            return t("criteria.range.between", lang, low=low, high=high)
        if low is not None:
            return t("criteria.range.at_least", lang, low=low)
        return t("criteria.range.at_most", lang, high=high)


def describe(criteria: Criteria, lang: str = "vi") -> dict[str, Any]:
    """The whole ruleset as JSON-ready data, titles and rule descriptions in ``lang``."""
    return {
        "id": criteria.id,
        "version": criteria.version,
        "title": criteria.label(lang),
        "source": criteria.source,
        "language": criteria.language,
        "file": criteria.source_path,
        "sha256": criteria.sha256,
        "fields": [_field(name, spec, lang) for name, spec in criteria.fields.items()],
        "derived": [{"name": name, "expression": text} for name, text in criteria.derived.items()],
        "gates": [
            {"id": gate.id, "title": gate.label(lang), "require": gate.require}
            for gate in criteria.eligibility
        ],
        "groups": [
            {
                "id": group.id,
                "title": group.label(lang),
                "max": _plain(group.max_points),
                "min": _plain(group.min),
                "criteria": [_criterion(criterion, lang) for criterion in group.criteria],
            }
            for group in criteria.groups
        ],
        "max_total": _plain(criteria.max_total),
        "selection": _selection(criteria, lang),
    }


def describe_rule(criterion: Criterion, lang: str = "vi") -> str:
    """One line saying how ``criterion`` gives points, e.g. ``linear on growth: 0 at 0, ...``."""
    kind = criterion.kind
    if kind is RuleKind.BANDS:
        assert criterion.bands is not None
        steps = [
            f"{StepCondition(step).render(lang)}→{_num(step.points, lang)}"
            for step in criterion.bands.steps
        ]
        return t("criteria.rule.bands", lang, of=criterion.bands.of, steps=_join(steps, lang))
    if kind is RuleKind.LINEAR:
        assert criterion.linear is not None
        rule = criterion.linear
        zero_at, full_at = _num(rule.zero_at, lang), _num(rule.full_at, lang)
        return t("criteria.rule.linear", lang, of=rule.of, zero_at=zero_at, full_at=full_at)
    if kind is RuleKind.MAP:
        assert criterion.map is not None
        points = [f"{key}→{_num(value, lang)}" for key, value in criterion.map.points.items()]
        return t("criteria.rule.map", lang, of=criterion.map.of, points=_join(points, lang))
    if kind is RuleKind.WHEN:
        return t("criteria.rule.when", lang, condition=criterion.when)
    if kind is RuleKind.FORMULA:
        return t("criteria.rule.formula", lang, formula=criterion.formula)
    if kind is RuleKind.JUDGED:
        return t("criteria.rule.judged", lang)
    assert_never(kind)


def _field(name: str, spec: FieldSpec, lang: str) -> dict[str, Any]:
    return {
        "name": name,
        "title": spec.label(name, lang),
        "type": spec.type.value,
        "required": spec.required,
        "headers": list(spec.headers),
        "unit": spec.unit,
        "min": _plain(spec.min),
        "max": _plain(spec.max),
        "pattern": spec.pattern,
        "choices": list(spec.choices) if spec.choices else None,
    }


def _criterion(criterion: Criterion, lang: str) -> dict[str, Any]:
    return {
        "id": criterion.id,
        "title": criterion.label(lang),
        "max": _plain(criterion.max),
        "min": _plain(criterion.min),
        "rule": criterion.kind.value,
        "description": describe_rule(criterion, lang),
    }


def _selection(criteria: Criteria, lang: str) -> dict[str, Any]:
    selection = criteria.selection
    return {
        "pass_mark": _plain(selection.pass_mark),
        "limit": selection.limit,
        "quotas": [
            {
                "id": quota.id,
                "title": (quota.title_en if lang == "en" and quota.title_en else quota.title),
                "per": quota.per,
                "max": quota.max,
            }
            for quota in selection.quotas
        ],
        # Directions resolved: "revenue" alone is shown as "revenue asc".
        "tie_break": [
            f"{key.name} {'desc' if key.descending else 'asc'}" for key in criteria.tie_keys()
        ],
        "tiers": [
            {"label": tier.text(lang), "top": tier.top, "min_total": _plain(tier.min_total)}
            for tier in selection.tiers
        ],
    }


def _value_text(value: Any, lang: str) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return _num(value, lang)
    return str(value)


def _num(value: float, lang: str) -> str:
    # Thresholds like 0.125 must not be shown rounded to 0.13.
    return format_number(value, lang, 6)


def _join(items: list[str], lang: str) -> str:
    return t("criteria.list_separator", lang).join(items)


def _plain(value: float | None) -> float | int | None:
    """A whole float as an int, so JSON and tables show ``15`` rather than ``15.0``."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
