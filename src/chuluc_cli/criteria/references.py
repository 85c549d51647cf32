"""Cross-reference checks of a criteria file, each located by its YAML path.

pydantic checks each part's shape; this module checks that the parts agree:
every name an expression reads exists, ``derived`` values only read fields or
earlier derived values (so there is no cycle), ids are unique, map keys are
declared choices, tie-break keys and quota fields exist, and the examples (rule
tests) name only declared fields, gates, criteria and groups. Each problem carries
the path of the offending key so the loader can name its line.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Set
from dataclasses import dataclass
from functools import lru_cache

from chuluc_cli.criteria.expressions import (
    CONSTANTS,
    FUNCTIONS,
    Expression,
    ExpressionError,
    compile_expression,
)
from chuluc_cli.criteria.model import (
    NUMERIC_TYPES,
    Criteria,
    Criterion,
    FieldType,
    MapRule,
    RuleKind,
)
from chuluc_cli.i18n import Message, msg

YamlPath = tuple[str | int, ...]


@dataclass(frozen=True)
class ReferenceProblem:
    """One cross-reference mistake: where (YAML path) and what (an ``errors.criteria.ref`` text)."""

    path: YamlPath
    message: Message
    column_offset: int | None = None  # column inside an expression string


@lru_cache(maxsize=4096)
def compiled(source: str) -> Expression:
    """Compile ``source`` once per process (criteria are re-used across products)."""
    return compile_expression(source)


def find_problems(criteria: Criteria) -> list[ReferenceProblem]:
    """Every cross-reference problem, in file order."""
    return list(_problems(criteria))


def _problems(criteria: Criteria) -> Iterator[ReferenceProblem]:
    yield from _reserved_names(criteria)
    known = set(criteria.fields)
    for name, source in criteria.derived.items():
        later = set(criteria.derived) - known
        yield from _expression(source, known, ("derived", name), later)
        known.add(name)
    for index, gate in enumerate(criteria.eligibility):
        yield from _expression(gate.require, known, ("eligibility", index, "require"))
    yield from _duplicate_ids(criteria)
    for g, group in enumerate(criteria.groups):
        for c, criterion in enumerate(group.criteria):
            yield from _rule(criteria, criterion, known, ("groups", g, "criteria", c))
    yield from _selection(criteria, known)
    yield from _examples(criteria)


def _reserved_names(criteria: Criteria) -> Iterator[ReferenceProblem]:
    reserved = set(FUNCTIONS) | set(CONSTANTS) | {"present", "total"}
    for section in ("fields", "derived"):
        for name in getattr(criteria, section):
            if name in reserved:
                yield ReferenceProblem((section, name), _ref("reserved_name", name=name))
    for name in criteria.derived:
        if name in criteria.fields:
            yield ReferenceProblem(("derived", name), _ref("already_field", name=name))


def _expression(
    source: str, known: set[str], path: YamlPath, later: Set[str] = frozenset()
) -> Iterator[ReferenceProblem]:
    try:
        expression = compiled(source)
    except ExpressionError as error:
        yield ReferenceProblem(path, _ref("expression", detail=error.text), error.offset)
        return
    for name in sorted(expression.names - known):
        offset = source.find(name)
        message = _later_derived(name) if name in later else _unknown_name(name, known)
        yield ReferenceProblem(path, message, offset if offset >= 0 else None)


def _ref(key: str, /, **params: object) -> Message:
    return msg(f"errors.criteria.ref.{key}", **params)


def _later_derived(name: str) -> Message:
    # Said apart from "unknown": the name exists, only its order (or a cycle) is wrong.
    return _ref("later_derived", name=name)


def _unknown_name(name: str, known: set[str]) -> Message:
    from chuluc_cli.text import closest

    suggestion = closest(name, known)
    hint = msg("errors.criteria.did_you_mean", suggestion=suggestion) if suggestion else ""
    return _ref("unknown_name", name=name, suggestion=hint)


def _duplicate_ids(criteria: Criteria) -> Iterator[ReferenceProblem]:
    seen: dict[str, str] = {}
    places: list[tuple[str, YamlPath]] = [
        (gate.id, ("eligibility", i, "id")) for i, gate in enumerate(criteria.eligibility)
    ]
    for g, group in enumerate(criteria.groups):
        places.append((group.id, ("groups", g, "id")))
        places.extend(
            (criterion.id, ("groups", g, "criteria", c, "id"))
            for c, criterion in enumerate(group.criteria)
        )
    for identifier, path in places:
        if identifier in seen:
            also = seen[identifier]
            yield ReferenceProblem(path, _ref("duplicate_id", id=identifier, other=also))
        else:
            seen[identifier] = _describe_path(path)
    for quota_index, quota in enumerate(criteria.selection.quotas):
        if quota.id in seen:
            path = ("selection", "quotas", quota_index, "id")
            yield ReferenceProblem(path, _ref("duplicate_quota_id", id=quota.id))
        seen[quota.id] = _describe_path(("selection", "quotas", quota_index))


def _describe_path(path: YamlPath) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def _rule(
    criteria: Criteria, criterion: Criterion, known: set[str], path: YamlPath
) -> Iterator[ReferenceProblem]:
    kind = criterion.kind
    if kind in (RuleKind.WHEN, RuleKind.FORMULA):
        source = criterion.when if kind is RuleKind.WHEN else criterion.formula
        assert source is not None  # ``kind`` is a rule the criterion has
        yield from _expression(source, known, (*path, kind.value))
    elif kind in (RuleKind.BANDS, RuleKind.LINEAR, RuleKind.MAP):
        rule = getattr(criterion, kind.value)
        if rule.of not in known:
            yield ReferenceProblem((*path, kind.value, "of"), _unknown_name(rule.of, known))
        elif kind is RuleKind.MAP:
            yield from _map_keys(criteria, rule, (*path, "map", "points"))
        elif kind is RuleKind.LINEAR:
            yield from _numeric_of(criteria, rule.of, (*path, "linear", "of"))


def _numeric_of(criteria: Criteria, name: str, path: YamlPath) -> Iterator[ReferenceProblem]:
    spec = criteria.fields.get(name)
    if spec is not None and spec.type not in NUMERIC_TYPES:
        yield ReferenceProblem(path, _ref("not_numeric", name=name, type=spec.type.value))


def _map_keys(criteria: Criteria, rule: MapRule, path: YamlPath) -> Iterator[ReferenceProblem]:
    spec = criteria.fields.get(rule.of)
    if spec is None:
        return  # a derived value: any key may match
    if spec.type is FieldType.CHOICE:
        allowed = set(spec.choices or {})
    elif spec.type is FieldType.BOOL:
        allowed = {"true", "false"}
    else:
        return
    for key in rule.points:
        if key not in allowed:
            listed = ", ".join(sorted(allowed))
            message = _ref("not_a_choice", name=key, field=rule.of, listed=listed)
            yield ReferenceProblem((*path, key), message)


def _selection(criteria: Criteria, known: set[str]) -> Iterator[ReferenceProblem]:
    scores = {"total"} | {g.id for g in criteria.groups} | set(criteria.criteria_by_id)
    for index, key in enumerate(criteria.tie_keys()):
        if key.name not in scores and key.name not in known:
            message = _ref("tie_break_unknown", name=key.name)
            yield ReferenceProblem(("selection", "tie_break", index), message)
    for index, quota in enumerate(criteria.selection.quotas):
        if quota.per not in criteria.fields:
            path = ("selection", "quotas", index, "per")
            yield ReferenceProblem(path, _unknown_name(quota.per, set(criteria.fields)))


def _examples(criteria: Criteria) -> Iterator[ReferenceProblem]:
    """Names in ``examples``: values are fields, expectations name gates, criteria, groups."""
    # Lists, not sets: closest() gives ties to the earliest name, so suggestions are stable.
    gates = [gate.id for gate in criteria.eligibility]
    groups = [group.id for group in criteria.groups]
    for index, example in enumerate(criteria.examples):
        path: YamlPath = ("examples", index)
        for name in example.values:
            if name not in criteria.fields:
                yield _example_unknown(
                    example.name, "field", name, criteria.fields, (*path, "values", name)
                )
        expect = example.expect
        for position, gate in enumerate(expect.gates_failed or []):
            if gate not in gates:
                where = (*path, "expect", "gates_failed", position)
                yield _example_unknown(example.name, "gate", gate, gates, where)
        for name in expect.points or {}:
            if name not in criteria.criteria_by_id:
                where = (*path, "expect", "points", name)
                yield _example_unknown(
                    example.name, "criterion", name, criteria.criteria_by_id, where
                )
        for name in expect.groups or {}:
            if name not in groups:
                yield _example_unknown(
                    example.name, "group", name, groups, (*path, "expect", "groups", name)
                )


def _example_unknown(
    example: str, kind: str, name: str, known: Iterable[str], path: YamlPath
) -> ReferenceProblem:
    from chuluc_cli.text import closest

    suggestion = closest(name, list(known))
    hint = msg("errors.criteria.did_you_mean", suggestion=suggestion) if suggestion else ""
    message = _ref(f"example_unknown_{kind}", example=example, name=name, suggestion=hint)
    return ReferenceProblem(path, message)
