"""Load a criteria file into a validated :class:`Criteria`, or fail on one clear line.

Every mistake is reported as ``FILE:LINE:COLUMN: place: what is wrong``, where
LINE and COLUMN are the YAML position of the offending key or value, so a
committee secretary can open the file at that line. All mistakes are
collected (``CriteriaError.details``); the message shows the first.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from types import UnionType
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from chuluc_cli.criteria.model import SCHEMA_V1, Criteria
from chuluc_cli.criteria.references import find_problems
from chuluc_cli.criteria.rulesets import resolve_criteria
from chuluc_cli.criteria.yaml_source import YamlDocument, YamlProblem, parse_yaml
from chuluc_cli.errors import CriteriaError

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
        raise CriteriaError(f"{name}:{problem.line}:{problem.column}: {problem.message}") from None
    data = document.data
    if data is None:
        raise CriteriaError(f"{name}:1:1: the file is empty; a criteria file starts with 'schema'")
    if not isinstance(data, dict):
        raise CriteriaError(
            f"{name}:1:1: a criteria file must be a mapping of keys (schema, id, ...)"
        )
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
        raise CriteriaError(
            f"{name}:{line}:{column}: not UTF-8 text (byte {error.start}); save the file as UTF-8"
        ) from None


def _read(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise CriteriaError(
                f"{path}: larger than {MAX_FILE_BYTES:,} bytes; not a criteria file"
            )
        return path.read_bytes()
    except OSError as error:
        raise CriteriaError(f"{path}: cannot read ({error.strerror})") from None


def _check_schema(data: dict[str, Any], document: YamlDocument, name: str) -> None:
    schema = data.get("schema")
    if schema != SCHEMA_V1:
        line, column = document.locate(("schema",))
        found = f"'{schema}'" if schema is not None else "missing"
        raise CriteriaError(
            f"{name}:{line}:{column}: schema: expected '{SCHEMA_V1}', found {found}"
        )


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
        text = f"{name}:{line}:{column}: {_dotted(problem.path)}: {problem.message}"
        located.append((0, line, column, text))
    if located:
        raise _error(located)


def _error(located: list[tuple[int, int, int, str]]) -> CriteriaError:
    details = [text for *_, text in sorted(located)]
    more = f" (and {len(details) - 1} more)" if len(details) > 1 else ""
    return CriteriaError(details[0] + more, details=details)


def _describe_error(item: Any, document: YamlDocument, name: str) -> tuple[int, int, int, str]:
    path = _data_path(item["loc"], document.data)
    line, column = document.locate(path)
    kind, message = item["type"], item["msg"]
    if kind == "extra_forbidden" and path:
        message = f"unknown key '{path[-1]}'{_suggest_key(path)}"
    elif kind == "missing" and path:
        message = f"missing key '{path[-1]}'"
    elif message.startswith("Value error, "):
        message = message.removeprefix("Value error, ")
    # An unknown key is listed first: a "missing key" is often the same typo seen twice.
    priority = 0 if kind == "extra_forbidden" else 1
    return priority, line, column, f"{name}:{line}:{column}: {_dotted(path) or 'file'}: {message}"


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


def _suggest_key(path: tuple[Any, ...]) -> str:
    from chuluc_cli.text import closest

    suggestion = closest(str(path[-1]), _keys_at(path[:-1]))
    return f"; did you mean '{suggestion}'?" if suggestion else ""


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
