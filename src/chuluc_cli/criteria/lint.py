"""Warnings about criteria that load but cannot do what they appear to.

The loader refuses a file that cannot work at all (an error); lint finds rules
that work but are very likely mistakes: a band step no value can reach, a gate
no product can pass, a pass mark above the best possible total, a field that is
declared and never read. Each finding is a value with a code, a message and
the YAML line, so ``chuluc check`` can list them and ``--strict`` fail on them.

Only decidable cases are reported, so a finding is never a guess: band steps
are compared exactly (see :func:`_probes`), and a gate is "never passes" only
when it is constant false, compares a field with a bound its min/max rules
out, or tests membership in ``[]``.
"""

from __future__ import annotations

import ast
import itertools
import math
import operator
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from chuluc_cli.criteria.expressions import EvaluationError, ExpressionError, Missing
from chuluc_cli.criteria.loader import load_criteria_with_positions
from chuluc_cli.criteria.model import (
    IDENTITY_FIELDS,
    NUMERIC_TYPES,
    BandStep,
    Criteria,
    Criterion,
    FieldType,
    RuleKind,
)
from chuluc_cli.criteria.references import compiled
from chuluc_cli.criteria.summary import StepCondition, ValueRange
from chuluc_cli.criteria.yaml_source import YamlDocument
from chuluc_cli.i18n import Message, Num, msg

YamlPath = tuple[str | int, ...]
Bounds = tuple[float | None, float | None]
UNIQUE_KEY = "product_id"  # the only field whose values the reader guarantees unique


class LintCode(StrEnum):
    """Every kind of lint warning; the catalogue key is ``criteria.lint.<code>``."""

    UNREACHABLE_STEP = "unreachable_step"
    PASS_MARK_UNREACHABLE = "pass_mark_unreachable"
    GATE_NEVER_PASSES = "gate_never_passes"
    TIE_BREAK_NOT_UNIQUE = "tie_break_not_unique"
    TIE_BREAK_KEY_UNUSED = "tie_break_key_unused"
    UNUSED_FIELD = "unused_field"
    UNUSED_DERIVED = "unused_derived"
    BAND_POINTS_ABOVE_MAX = "band_points_above_max"
    MAP_POINTS_ABOVE_MAX = "map_points_above_max"
    QUOTA_ON_OPTIONAL_FIELD = "quota_on_optional_field"


@dataclass(frozen=True)
class LintFinding:
    """One warning: its code, its message, the YAML path and line it is about."""

    code: str
    message: Message
    path: YamlPath
    line: int | None

    def render(self, lang: str = "vi") -> str:
        """The message in ``lang``."""
        return self.message.render(lang)

    def one_line(self, lang: str = "vi", source: str | None = None) -> str:
        """``FILE:LINE: code: message``, the form ``chuluc check`` prints."""
        place = ":".join(str(part) for part in (source, self.line) if part is not None)
        text = f"{self.code}: {self.render(lang)}"
        return f"{place}: {text}" if place else text


def lint(criteria: Criteria, document_positions: YamlDocument | None = None) -> list[LintFinding]:
    """Every warning about ``criteria``, in file order when positions are given.

    ``document_positions`` is the YAML document from
    :func:`~chuluc_cli.criteria.loader.load_criteria_with_positions`; without it,
    findings have ``line=None``.
    """
    found = [
        *_unused(criteria),
        *_gates(criteria),
        *_bands_and_maps(criteria),
        *_selection(criteria),
    ]
    findings = [
        LintFinding(code.value, message, path, _line(document_positions, path))
        for code, message, path in found
    ]
    return sorted(findings, key=lambda finding: finding.line or 0)


def lint_file(source: str | Path) -> tuple[Criteria, list[LintFinding]]:
    """Load ``source`` (a path or shipped ruleset name) and lint it, with line numbers."""
    criteria, document = load_criteria_with_positions(source)
    return criteria, lint(criteria, document)


Found = tuple[LintCode, Message, YamlPath]


def _line(document: YamlDocument | None, path: YamlPath) -> int | None:
    return document.locate(path)[0] if document is not None else None


# ---------------------------------------------------------------- unused names


def _used_names(criteria: Criteria) -> set[str]:
    used = set(IDENTITY_FIELDS)
    sources = [*criteria.derived.values(), *(gate.require for gate in criteria.eligibility)]
    for _, criterion in criteria.criteria_by_id.values():
        rule = getattr(criterion, criterion.kind.value)
        if criterion.kind in (RuleKind.WHEN, RuleKind.FORMULA):
            sources.append(rule)
        elif criterion.kind is not RuleKind.JUDGED:
            used.add(rule.of)
    for source in sources:
        used |= compiled(source).names
    used |= {quota.per for quota in criteria.selection.quotas}
    used |= {key.name for key in criteria.tie_keys()}
    return used


def _unused(criteria: Criteria) -> Iterator[Found]:
    used = _used_names(criteria)
    for name in criteria.fields:
        if name not in used:
            message = msg("criteria.lint.unused_field", field=name)
            yield LintCode.UNUSED_FIELD, message, ("fields", name)
    for name in criteria.derived:
        if name not in used:
            message = msg("criteria.lint.unused_derived", name=name)
            yield LintCode.UNUSED_DERIVED, message, ("derived", name)


# ---------------------------------------------------------------- gates


def _gates(criteria: Criteria) -> Iterator[Found]:
    bounds = _field_bounds(criteria)
    for index, gate in enumerate(criteria.eligibility):
        tree = ast.parse(gate.require.strip(), mode="eval").body
        reason = _never_true(tree, bounds)
        if reason is not None:
            message = msg(
                "criteria.lint.gate_never_passes", gate=gate.id, require=gate.require, reason=reason
            )
            yield LintCode.GATE_NEVER_PASSES, message, ("eligibility", index, "require")


def _field_bounds(criteria: Criteria) -> dict[str, Bounds]:
    """The declared min/max of numeric fields: values outside are data issues, never scored."""
    return {
        name: (spec.min, spec.max)
        for name, spec in criteria.fields.items()
        if spec.type in NUMERIC_TYPES and (spec.min is not None or spec.max is not None)
    }


def _never_true(node: ast.expr, bounds: dict[str, Bounds]) -> Message | None:
    """Why ``node`` can never be true, or None if that cannot be decided simply."""
    if _is_constant(node):
        return msg("criteria.lint.reason.always_false") if _constant_false(node) else None
    if isinstance(node, ast.BoolOp):
        reasons = [_never_true(value, bounds) for value in node.values]
        if isinstance(node.op, ast.And):
            return next((reason for reason in reasons if reason is not None), None)
        return reasons[0] if all(reason is not None for reason in reasons) else None
    if isinstance(node, ast.Compare):
        pairs = zip([node.left, *node.comparators], node.ops, node.comparators, strict=False)
        for left, op, right in pairs:
            reason = _impossible_pair(left, op, right, bounds)
            if reason is not None:
                return reason
    return None


def _is_constant(node: ast.expr) -> bool:
    try:
        return not compiled(ast.unparse(node)).names
    except ExpressionError:
        return False


def _constant_false(node: ast.expr) -> bool:
    try:
        value = compiled(ast.unparse(node)).evaluate({})
    except EvaluationError:
        return True  # it fails for every product alike
    if isinstance(value, Missing):
        return True  # division by zero: a gate with no value fails
    return isinstance(value, bool | int | float | str) and not value


# `x OP c` is impossible when the field's range lies wholly on the wrong side of c.
_IMPOSSIBLE: dict[type, Callable[[float | None, float | None, float], bool]] = {
    ast.GtE: lambda low, high, c: high is not None and high < c,
    ast.Gt: lambda low, high, c: high is not None and high <= c,
    ast.LtE: lambda low, high, c: low is not None and low > c,
    ast.Lt: lambda low, high, c: low is not None and low >= c,
    ast.Eq: lambda low, high, c: (high is not None and high < c) or (low is not None and low > c),
}
_FLIPPED = {ast.GtE: ast.LtE, ast.Gt: ast.Lt, ast.LtE: ast.GtE, ast.Lt: ast.Gt, ast.Eq: ast.Eq}


def _impossible_pair(
    left: ast.expr, op: ast.cmpop, right: ast.expr, bounds: dict[str, Bounds]
) -> Message | None:
    if isinstance(op, ast.In) and isinstance(right, ast.List | ast.Tuple) and not right.elts:
        return msg("criteria.lint.reason.empty_list")
    kind = type(op)
    if isinstance(right, ast.Name) and _number(left) is not None:
        left, right, kind = right, left, _FLIPPED.get(kind, kind)
    constant = _number(right)
    if not isinstance(left, ast.Name) or left.id not in bounds or constant is None:
        return None
    low, high = bounds[left.id]
    check = _IMPOSSIBLE.get(kind)
    if check is None or not check(low, high, constant):
        return None
    return msg("criteria.lint.reason.out_of_range", field=left.id, range=ValueRange(low, high))


def _number(node: ast.expr) -> float | None:
    """The value of a numeric literal such as ``20`` or ``-1.5``, else None."""
    sign = 1.0
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        sign = -1.0 if isinstance(node.op, ast.USub) else 1.0
        node = node.operand
    value = node.value if isinstance(node, ast.Constant) else None
    if type(value) is int or type(value) is float:  # not bool; spelled so mypy narrows
        return sign * value
    return None


# ---------------------------------------------------------------- bands and maps


def _bands_and_maps(criteria: Criteria) -> Iterator[Found]:
    for g, group in enumerate(criteria.groups):
        for c, criterion in enumerate(group.criteria):
            path: YamlPath = ("groups", g, "criteria", c)
            if criterion.kind is RuleKind.BANDS:
                yield from _steps(criteria, criterion, path)
            elif criterion.kind is RuleKind.MAP:
                yield from _map_points(criterion, path)


def _steps(criteria: Criteria, criterion: Criterion, path: YamlPath) -> Iterator[Found]:
    assert criterion.bands is not None
    steps = criterion.bands.steps
    spec = criteria.fields.get(criterion.bands.of)
    bounds: Bounds = (spec.min, spec.max) if spec is not None else (None, None)
    integers = spec is not None and spec.type is FieldType.INTEGER
    for index, step in enumerate(steps):
        step_path = (*path, "bands", "steps", index)
        message = _unreachable(criterion, steps, index, bounds, integers)
        if message is not None:
            yield LintCode.UNREACHABLE_STEP, message, step_path
        if step.points > criterion.max:
            message = msg(
                "criteria.lint.band_points_above_max",
                criterion=criterion.id,
                step=index + 1,
                points=Num(step.points, 6),
                max=Num(criterion.max, 6),
            )
            yield LintCode.BAND_POINTS_ABOVE_MAX, message, (*step_path, "points")


def _unreachable(
    criterion: Criterion, steps: list[BandStep], index: int, bounds: Bounds, integers: bool
) -> Message | None:
    """Why step ``index`` can never be the first to match, or None if it can."""
    step = steps[index]
    base = {"criterion": criterion.id, "step": index + 1, "condition": StepCondition(step)}
    if not _is_numeric(step.threshold):
        earlier = next((i for i in range(index) if _same(steps[i].threshold, step.threshold)), None)
        return _covered_by(base, steps, earlier) if earlier is not None else None
    numeric = [i for i in range(index) if _is_numeric(steps[i].threshold)]
    probes = _probes([steps[i].threshold for i in (*numeric, index)], bounds, integers)
    values = [value for value in probes if _matches(step, value)]
    if not values:
        assert criterion.bands is not None
        field, values_range = criterion.bands.of, ValueRange(*bounds)
        return msg("criteria.lint.step_outside_range", **base, field=field, range=values_range)
    for i in numeric:
        if all(_matches(steps[i], value) for value in values):
            return _covered_by(base, steps, i)
    if all(any(_matches(steps[i], value) for i in numeric) for value in values):
        return msg("criteria.lint.unreachable_step_union", **base)
    return None


def _covered_by(base: dict[str, Any], steps: list[BandStep], earlier: int) -> Message:
    condition = StepCondition(steps[earlier])
    return msg(
        "criteria.lint.unreachable_step", **base, earlier=earlier + 1, earlier_condition=condition
    )


def _probes(thresholds: list[float], bounds: Bounds, integers: bool) -> list[float]:
    """Values that stand for every value a set of step conditions can tell apart.

    Each condition is a ray or a point whose end is one of ``thresholds``, so on
    each open stretch between consecutive thresholds (and beyond the outer ones)
    every condition is either always or never true: one value per stretch, plus
    the thresholds themselves, decides every question about which steps match.
    For an integer field, only integers are probed, so ``above: 4`` covers
    ``at_least: 5``. Values outside the field's min/max are never scored.
    """
    low, high = bounds
    points = sorted({*thresholds, *(bound for bound in bounds if bound is not None)})
    if integers:
        points = sorted({f(point) for point in points for f in (math.floor, math.ceil)})
        probes = {point + shift for point in points for shift in (-1, 0, 1)}
    else:
        middles = [(a + b) / 2 for a, b in itertools.pairwise(points)]
        probes = {points[0] - 1, *points, *middles, points[-1] + 1}
    low = math.ceil(low) if integers and low is not None else low
    high = math.floor(high) if integers and high is not None else high
    return sorted(
        value
        for value in probes
        if (low is None or value >= low) and (high is None or value <= high)
    )


_STEP_TESTS: dict[str, Callable[[Any, Any], bool]] = {
    "at_least": operator.ge,
    "above": operator.gt,
    "at_most": operator.le,
    "below": operator.lt,
    "equals": operator.eq,
}


def _matches(step: BandStep, value: float) -> bool:
    key, threshold = next(iter(step.conditions().items()))
    return _STEP_TESTS[key](value, threshold)


def _same(a: Any, b: Any) -> bool:
    # Python says True == 1.0; a step's `equals: true` and `equals: 1` are different steps.
    return type(a) is type(b) and a == b


def _is_numeric(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _map_points(criterion: Criterion, path: YamlPath) -> Iterator[Found]:
    assert criterion.map is not None
    for key, points in criterion.map.points.items():
        if points > criterion.max:
            message = msg(
                "criteria.lint.map_points_above_max",
                criterion=criterion.id,
                choice=key,
                points=Num(points, 6),
                max=Num(criterion.max, 6),
            )
            yield LintCode.MAP_POINTS_ABOVE_MAX, message, (*path, "map", "points", key)


# ---------------------------------------------------------------- selection


def _selection(criteria: Criteria) -> Iterator[Found]:
    selection, best = criteria.selection, criteria.max_total
    if selection.pass_mark > best + 1e-9:
        message = msg(
            "criteria.lint.pass_mark_unreachable",
            pass_mark=Num(selection.pass_mark, 6),
            max_total=Num(best, 6),
        )
        yield LintCode.PASS_MARK_UNREACHABLE, message, ("selection", "pass_mark")
    for index, quota in enumerate(selection.quotas):
        spec = criteria.fields.get(quota.per)
        if spec is not None and not spec.required:
            message = msg("criteria.lint.quota_on_optional_field", quota=quota.id, field=quota.per)
            yield LintCode.QUOTA_ON_OPTIONAL_FIELD, message, ("selection", "quotas", index, "per")
    yield from _tie_break(criteria)
    for index, tier in enumerate(selection.tiers):
        if tier.min_total is not None and tier.min_total > best + 1e-9:
            message = msg(
                "criteria.lint.tier_unreachable",
                tier=tier.label,
                min_total=Num(tier.min_total, 6),
                max_total=Num(best, 6),
            )
            path = ("selection", "tiers", index, "min_total")
            yield LintCode.PASS_MARK_UNREACHABLE, message, path


def _tie_break(criteria: Criteria) -> Iterator[Found]:
    names = [key.name for key in criteria.tie_keys()]
    if UNIQUE_KEY not in names:
        path: YamlPath = ("selection", "tie_break", len(names) - 1)
        message = msg("criteria.lint.tie_break_not_unique")
        yield LintCode.TIE_BREAK_NOT_UNIQUE, message, path
        return
    first_after = names.index(UNIQUE_KEY) + 1
    for index in range(first_after, len(names)):
        message = msg("criteria.lint.tie_break_key_unused", name=names[index])
        yield LintCode.TIE_BREAK_KEY_UNUSED, message, ("selection", "tie_break", index)
