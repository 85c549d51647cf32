"""Load a criteria file into a validated :class:`Criteria`, or fail on one clear line.

Every mistake is reported as ``FILE:LINE:COLUMN: place: what is wrong``, where
LINE and COLUMN are the YAML position of the offending key or value, so a
committee secretary can open the file at that line. All mistakes are
collected (``CriteriaError.details``); the message shows the first.

"What is wrong" is an ``errors.criteria.*`` message, so the CLI says it in the
user's language: pydantic's errors are translated by their ``type`` (with the
numbers of their ``ctx``), the model's own checks carry their message
(:class:`~chuluc_cli.criteria.model.SchemaProblem`), and so do the YAML reader's
problems (:class:`~chuluc_cli.criteria.yaml_source.YamlProblem`). An unknown
pydantic error keeps pydantic's English words inside a Vietnamese frame, and a
YAML syntax error PyYAML's own description.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path
from types import UnionType
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from chuluc_cli.criteria.model import SCHEMA_V1, Criteria, SchemaProblem
from chuluc_cli.criteria.references import find_problems
from chuluc_cli.criteria.rulesets import resolve_criteria
from chuluc_cli.criteria.yaml_source import YamlDocument, YamlProblem, parse_yaml
from chuluc_cli.errors import CriteriaError, Text, joined, render_text
from chuluc_cli.i18n import Localized, Message, Num, msg, os_reason, t

MAX_FILE_BYTES = 2_000_000


def load_criteria(source: str | Path) -> Criteria:
    """Load, validate and cross-check a criteria file given by path or shipped name."""
    return load_criteria_with_positions(source)[0]


def load_criteria_with_positions(source: str | Path) -> tuple[Criteria, YamlDocument]:
    """Like :func:`load_criteria`, also returning the YAML positions (for lint's line numbers)."""
    path = resolve_criteria(source)
    raw = _read(path)
    # A shipped ruleset is named by its file name, not by where pip installed it, so
    # reports of the same round are identical on every machine.
    shipped = not Path(source).is_file()
    return parse_criteria_with_positions(raw, path.name if shipped else str(path))


def parse_criteria(raw: bytes, name: str = "<criteria>") -> Criteria:
    """Validate criteria given as bytes; ``name`` is used in messages."""
    return parse_criteria_with_positions(raw, name)[0]


def parse_criteria_with_positions(
    raw: bytes, name: str = "<criteria>"
) -> tuple[Criteria, YamlDocument]:
    """Like :func:`parse_criteria`, also returning the YAML positions of every path."""
    text = _decode(raw, name)
    try:
        document = parse_yaml(text)
    except YamlProblem as problem:
        place = f"{name}:{problem.line}:{problem.column}: "
        raise CriteriaError(joined(place, problem.text)) from None
    data = document.data
    if data is None:
        raise CriteriaError(msg("errors.criteria.empty", place=f"{name}:1:1"))
    if not isinstance(data, dict):
        raise CriteriaError(msg("errors.criteria.not_mapping", place=f"{name}:1:1"))
    _check_schema(data, document, name)
    criteria = _validate(data, document, name)
    _cross_check(criteria, document, name)
    criteria._source_path = name
    criteria._sha256 = hashlib.sha256(raw).hexdigest()
    return criteria, document


def _decode(raw: bytes, name: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        text = msg("errors.criteria.not_utf8", place=f"{name}:{line}:{column}", byte=error.start)
        raise CriteriaError(text) from None


def _read(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            limit = Num(MAX_FILE_BYTES, 0)
            raise CriteriaError(msg("errors.criteria.too_large", path=path, limit=limit))
        return path.read_bytes()
    except OSError as error:
        reason = os_reason(error)
        raise CriteriaError(msg("errors.criteria.unreadable", path=path, reason=reason)) from None


def _check_schema(data: dict[str, Any], document: YamlDocument, name: str) -> None:
    schema = data.get("schema")
    if schema != SCHEMA_V1:
        line, column = document.locate(("schema",))
        place = f"{name}:{line}:{column}"
        if schema is None:
            text = msg("errors.criteria.schema_missing", place=place, expected=SCHEMA_V1)
        else:
            text = msg(
                "errors.criteria.schema_wrong", place=place, expected=SCHEMA_V1, found=schema
            )
        raise CriteriaError(text)


def _validate(data: dict[str, Any], document: YamlDocument, name: str) -> Criteria:
    try:
        return Criteria.model_validate(data)
    except ValidationError as error:
        located = [_describe_error(item, document, name) for item in error.errors()]
        raise _error(located) from None


def _cross_check(criteria: Criteria, document: YamlDocument, name: str) -> None:
    located = []
    for problem in find_problems(criteria):
        line, column = document.locate(problem.path)
        if problem.column_offset is not None and problem.path in document.positions:
            line, column = document.value_position(problem.path)
        text = joined(f"{name}:{line}:{column}: {_dotted(problem.path)}: ", problem.message)
        located.append((0, line, column, text))
    if located:
        raise _error(located)


Located = tuple[int, int, int, Text]  # priority, line, column, the located line


def _error(located: Sequence[Located]) -> CriteriaError:
    # Sorted by place; the English text only breaks ties, so the order never depends on language.
    ordered = sorted(located, key=lambda item: (*item[:3], render_text(item[3], "en")))
    details = [text for *_, text in ordered]
    if len(details) == 1:
        return CriteriaError(details[0], details=details)
    more = msg("errors.criteria.and_more", count=len(details) - 1)
    return CriteriaError(joined(details[0], more), details=details)


def _describe_error(item: Any, document: YamlDocument, name: str) -> Located:
    path = _data_path(item["loc"], document.data)
    line, column = document.locate(path)
    where: Text = _dotted(path) or msg("errors.criteria.whole_file")
    text = joined(f"{name}:{line}:{column}: ", where, ": ", _pydantic_problem(item, path))
    # An unknown key is listed first: a "missing key" is often the same typo seen twice.
    priority = 0 if item["type"] == "extra_forbidden" else 1
    return priority, line, column, text


# --- What is wrong, as a catalogue message --------------------------------------------
_PYDANTIC = "errors.criteria.pydantic."
# pydantic error types whose message is in the catalogue; their ctx are the parameters.
_TRANSLATED = frozenset(
    {
        "string_type", "string_too_short", "string_too_long", "string_pattern_mismatch",
        "int_type", "int_parsing", "int_from_float", "float_type", "float_parsing",
        "finite_number", "bool_type", "bool_parsing", "enum", "literal_error",
        "greater_than", "greater_than_equal", "less_than", "less_than_equal",
        "too_short", "too_long", "dict_type", "list_type", "model_type",
        "model_attributes_type",
    }
)  # fmt: skip
_FIELD_TYPES = {"List": "list", "Dictionary": "dict"}


def _pydantic_problem(item: Any, path: tuple[Any, ...]) -> Text:
    """What a pydantic error says, as a message in the catalogue when its type is known."""
    kind, ctx = item["type"], item.get("ctx") or {}
    if kind == "extra_forbidden" and path:
        return msg(_PYDANTIC + kind, name=path[-1], suggestion=_suggest_key(path))
    if kind == "missing" and path:
        return msg(_PYDANTIC + kind, name=path[-1])
    if kind == "value_error":
        error = ctx.get("error")
        if isinstance(error, SchemaProblem):
            return error.text
        return msg(_PYDANTIC + "other", detail=item["msg"].removeprefix("Value error, "))
    if kind in _TRANSLATED:
        return msg(_PYDANTIC + kind, **_pydantic_params(kind, ctx))
    return msg(_PYDANTIC + "other", detail=item["msg"])


def _pydantic_params(kind: str, ctx: dict[str, Any]) -> dict[str, Any]:
    """pydantic's ctx as our templates need them: numbers as pydantic writes them, words."""
    params: dict[str, Any] = {key: _number(value) for key, value in ctx.items()}
    if "expected" in params:  # "'vi' or 'en'": the last "or" is a word to translate
        head, _, last = str(params["expected"]).rpartition(" or ")
        vi = f"{head} {t('errors.criteria.or', 'vi')} {last}" if head else last
        params["expected"] = Localized(vi=vi, en=str(params["expected"]))
    if "field_type" in params:
        name = _FIELD_TYPES.get(str(params["field_type"]), "other")
        label = t(f"errors.criteria.field_type.{name}", "vi")
        params["field_type"] = Localized(vi=label, en=str(params["field_type"]))
    count = params.get("min_length", params.get("max_length"))
    if kind in ("string_too_short", "string_too_long"):
        params["unit"] = _unit("character", count)
    elif kind in ("too_short", "too_long"):
        params["unit"] = _unit("item", count)
    return params


def _number(value: Any) -> Any:
    # pydantic writes ge=0.0 as "0"; so do we, to say the same thing in English.
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _unit(noun: str, count: Any) -> Message:
    return msg(f"errors.criteria.unit.{noun}" + ("" if count == 1 else "s"))


def _data_path(loc: tuple[Any, ...], data: Any) -> tuple[Any, ...]:
    """The path in the YAML data of a pydantic error location, without its type tags.

    pydantic puts the branch of a union ("function-after[...]", "int") in the
    location; those are the parts the data does not have. The last part is kept even
    when absent (a missing key). Walking the data, rather than guessing from the text,
    keeps a user's key such as "0[d" as it is.
    """
    path: list[Any] = []
    here = data
    for index, part in enumerate(loc):
        if _has(here, part):
            here = here[part]
        elif index < len(loc) - 1 or _is_type_tag(part):
            continue
        path.append(part)
    return tuple(path)


def _has(container: Any, part: Any) -> bool:
    if isinstance(container, dict):
        return part in container
    return isinstance(container, list) and isinstance(part, int) and 0 <= part < len(container)


def _is_type_tag(part: Any) -> bool:
    return isinstance(part, str) and ("[" in part or part in {"str", "float", "bool", "int"})


def _dotted(path: tuple[Any, ...]) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _suggest_key(path: tuple[Any, ...]) -> Text:
    from chuluc_cli.text import closest

    suggestion = closest(str(path[-1]), _keys_at(path[:-1]))
    return msg("errors.criteria.did_you_mean", suggestion=suggestion) if suggestion else ""


def _keys_at(path: tuple[Any, ...]) -> list[str]:
    """The keys accepted by the model at ``path``, in model order (closest() prefers earlier)."""
    annotation: Any = Criteria
    for part in path:
        annotation = _unwrap_optional(annotation)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            field = _model_field(annotation, str(part))
            if field is None:
                return []
            annotation = field.annotation
        elif get_origin(annotation) in (list, dict):
            annotation = get_args(annotation)[-1]  # list item or dict value
        else:
            return []
    annotation = _unwrap_optional(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [info.alias or key for key, info in annotation.model_fields.items()]
    return []


def _model_field(model: type[BaseModel], key: str) -> Any:
    for name, info in model.model_fields.items():
        if key in (name, info.alias):
            return info
    return None


def _unwrap_optional(annotation: Any) -> Any:
    if get_origin(annotation) in (Union, UnionType):
        members = [arg for arg in get_args(annotation) if arg is not type(None)]
        return members[0] if len(members) == 1 else annotation
    return annotation
