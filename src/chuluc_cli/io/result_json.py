"""A round's result as plain data (``result_to_dict``) and as JSON text (``dumps``).

The JSON document is the machine-readable record of a round (schema
``chuluc/result-v1``, documented field by field in docs/result-json.md); the
CLI's ``--json`` prints exactly :func:`dumps`. It has to be reproducible: the
same result gives the same bytes, so keys keep their documented order (not
sorted), and numbers are written by this module rather than by ``json``:
Python writes ``0.00001`` as ``1e-05``, a surprise for readers of a score, while
points here never have more decimals than the criteria's ``rounding``.

The small helpers below (``number``, ``text_value``, ``summary_counts``) are the
plain values every other report (workbook, CSV) shows, so they all agree.

Large rounds: :func:`write_json` streams the document product by product (a
100,000-product result is about 300 MB of text, never held whole), and
:func:`to_json` appends pieces to one list instead of building a string per
level, with the C string encoder of the ``json`` module.
"""

from __future__ import annotations

import datetime as dt
import enum
import math
from collections.abc import Callable, Iterator, Mapping
from dataclasses import replace
from decimal import Decimal
from json.encoder import encode_basestring as _encode_basestring
from pathlib import PurePath
from typing import Any

from chuluc_cli import __version__
from chuluc_cli.data_issues import DataIssue, Severity
from chuluc_cli.i18n import DEFAULT_LANG
from chuluc_cli.nominations import Nominations
from chuluc_cli.results import Flag, Outcome, RoundResult, Status, criterion_cells

SCHEMA = "chuluc/result-v1"
TOOL = "chuluc"


def result_to_dict(result: RoundResult, lang: str = DEFAULT_LANG) -> dict[str, Any]:
    """The whole result as JSON-ready values (dicts, lists, str, int, float, bool, None)."""
    return {
        **_head(result, lang),
        "products": list(_products(result, lang)),
        "issues": [issue_to_dict(issue, lang) for issue in located_issues(result)],
    }


def _head(result: RoundResult, lang: str) -> dict[str, Any]:
    """Every key of the document before ``products``, in the documented order."""
    criteria = result.criteria
    return {
        "schema": SCHEMA,
        "tool": {"name": TOOL, "version": __version__},
        "language": lang,
        "criteria": {
            "id": criteria.id,
            "version": criteria.version,
            "sha256": criteria.sha256,
            "title": criteria.label(lang),
            "path": criteria.source_path,
            "pass_mark": number(criteria.selection.pass_mark),
            "max_total": number(criteria.max_total),
            "rounding": criteria.rounding,
        },
        "inputs": [_input(nominations) for nominations in result.inputs],
        "options": plain(result.options),
        "summary": summary_counts(result),
    }


def _products(result: RoundResult, lang: str) -> Iterator[dict[str, Any]]:
    ids = list(result.criteria.criteria_by_id)
    group_ids = [group.id for group in result.criteria.groups]
    for outcome in result.outcomes:
        yield _product(outcome, ids, group_ids, lang)


def dumps(result: RoundResult, lang: str = DEFAULT_LANG) -> str:
    """The result as JSON text: indent 2, documented key order, final newline; no \\u escapes."""
    parts: list[str] = []
    write_json(result, parts.append, lang)
    return "".join(parts)


def write_json(result: RoundResult, write: Callable[[str], Any], lang: str = DEFAULT_LANG) -> None:
    """Write :func:`dumps` of ``result`` piece by piece with ``write`` (a file's ``write``).

    The same text as ``to_json(result_to_dict(result, lang)) + "\\n"``, without ever
    holding the whole document: one product at a time.
    """
    head = _head(result, lang)
    write("{\n")
    write(",\n".join(f"  {_quote(key)}: {to_json(value, 1)}" for key, value in head.items()))
    _write_list(write, "products", _products(result, lang))
    issues = (issue_to_dict(issue, lang) for issue in located_issues(result))
    _write_list(write, "issues", issues)
    write("\n}\n")


def _write_list(write: Callable[[str], Any], key: str, items: Iterator[Any]) -> None:
    """``,\\n  "key": [...]`` at level 1, as :func:`to_json` writes it, one item at a time."""
    write(f",\n  {_quote(key)}: ")
    first = True
    for item in items:
        write("[\n    " if first else ",\n    ")
        write(to_json(item, 2))
        first = False
    write("[]" if first else "\n  ]")


def summary_counts(result: RoundResult) -> dict[str, int]:
    """Products by status, flags and data issues by severity: the ``summary`` object."""
    severities = [issue.severity for issue in result.issues]
    return {
        "products": len(result.outcomes),
        "selected": result.count(Status.SELECTED),
        "passed": result.count(Status.PASSED),
        "rejected": result.count(Status.REJECTED),
        "awaiting_scores": _flagged(result.outcomes, Flag.AWAITING_SCORES),
        "ties": _flagged(result.outcomes, Flag.TIE),
        "data_errors": severities.count(Severity.ERROR),
        "data_warnings": severities.count(Severity.WARNING),
    }


def located_issues(result: RoundResult) -> list[DataIssue]:
    """Every data issue in report order, each naming its file (``source``) when it did not."""
    found = [
        issue if issue.source else replace(issue, source=PurePath(nominations.path).name)
        for nominations in result.inputs
        for issue in nominations.issues
    ]
    return sorted(found, key=lambda issue: issue.sort_key())


def number(value: Decimal | float | int) -> int | float:
    """Points as a JSON number: ``int`` when integral (15, not 15.0), else ``float``."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return int(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return float(value)


def text_value(value: Any) -> str | None:
    """A nomination value shown as text (the product name, the enterprise); None if blank."""
    if value is None or value == "":
        return None
    return value if isinstance(value, str) else str(value)


def plain(value: Any) -> Any:
    """``value`` made of JSON types: paths and dates become text, sets sorted lists."""
    if value is None or isinstance(value, bool | int | str):
        return value.value if isinstance(value, enum.Enum) else value
    if isinstance(value, float | Decimal):
        return number(value)
    if isinstance(value, enum.Enum):
        return plain(value.value)
    if isinstance(value, PurePath):
        return str(value)
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, set | frozenset):
        return sorted((plain(item) for item in value), key=str)
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    return str(value)


def to_json(value: Any, level: int = 0) -> str:
    """JSON text as ``json.dumps(value, ensure_ascii=False, indent=2)``, but never ``1e-05``."""
    parts: list[str] = []
    _append_json(value, level, parts.append)
    return "".join(parts)


def _append_json(value: Any, level: int, out: Callable[[str], Any]) -> None:
    if value is None or isinstance(value, bool):
        out(_CONSTANTS[value])
    elif isinstance(value, str):
        out(_quote(value))
    elif isinstance(value, int):
        out(str(value))
    elif isinstance(value, float | Decimal):
        out(_number_text(value))
    elif isinstance(value, Mapping):
        if not value:
            out("{}")
            return
        inner = "\n" + "  " * (level + 1)
        separator = "{" + inner
        for key, item in value.items():
            out(separator)
            out(_quote(str(key)))
            out(": ")
            _append_json(item, level + 1, out)
            separator = "," + inner
        out("\n" + "  " * level + "}")
    elif isinstance(value, list | tuple):
        if not value:
            out("[]")
            return
        inner = "\n" + "  " * (level + 1)
        separator = "[" + inner
        for item in value:
            out(separator)
            _append_json(item, level + 1, out)
            separator = "," + inner
        out("\n" + "  " * level + "]")
    else:
        raise TypeError(f"cannot write {type(value).__name__} as JSON")


_CONSTANTS = {None: "null", True: "true", False: "false"}


def _quote(text: str) -> str:
    # json.dumps(text, ensure_ascii=False) without building an encoder per string.
    return _encode_basestring(text)


def _number_text(value: float | Decimal) -> str:
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"{value} is not a JSON number")
    text = repr(value) if isinstance(value, float) else str(value)
    if "e" not in text.lower():
        return text
    # Decimal(repr(x)) keeps the shortest digits of x; "f" spells them without exponent.
    if isinstance(value, Decimal):
        return format(value, "f")
    text = format(Decimal(repr(value)), "f")
    return text if "." in text else text + ".0"  # 1e+16 stays a float when read back


def _flagged(outcomes: tuple[Outcome, ...], flag: Flag) -> int:
    return sum(1 for outcome in outcomes if flag in outcome.flags)


def _input(nominations: Nominations) -> dict[str, Any]:
    return {
        "path": nominations.path,
        "sha256": nominations.sha256,
        "sheet": nominations.sheet,
        "header_row": nominations.header_row,
        "rows": len(nominations.rows),
    }


def _product(outcome: Outcome, ids: list[str], group_ids: list[str], lang: str) -> dict[str, Any]:
    card = outcome.card
    nomination = card.nomination
    points, texts = criterion_cells(card, ids, lang)
    groups = card.groups
    return {
        "id": outcome.product_id,
        "row": nomination.row,
        "source": nomination.source,
        "product": text_value(nomination.values.get("product")),
        "enterprise": text_value(nomination.values.get("enterprise")),
        "status": outcome.status.value,
        "rank": outcome.rank,
        "total": number(card.total),
        "tier": outcome.tier.text(lang) if outcome.tier else None,
        "groups": {gid: number(groups[gid]) if gid in groups else None for gid in group_ids},
        "criteria": {
            cid: None if value is None else number(value)
            for cid, value in zip(ids, points, strict=True)
        },
        "explanations": dict(zip(ids, texts, strict=True)),
        "reasons": [{"code": r.code, "message": r.render(lang)} for r in outcome.reasons],
        "flags": [flag.value for flag in outcome.flags],
    }


def issue_to_dict(issue: DataIssue, lang: str = DEFAULT_LANG) -> dict[str, Any]:
    """One data issue as an ``issues[]`` object (also used by ``chuluc check --json``)."""
    return {
        "code": issue.code.value,
        "severity": issue.severity.value,
        "source": issue.source,
        "sheet": issue.sheet,
        "row": issue.row,
        "column": issue.column,
        "header": issue.header,
        "field": issue.field,
        "value": issue.value,
        "product_id": issue.product_id,
        "message": issue.message(lang),
    }
