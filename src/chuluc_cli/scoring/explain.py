"""How scoring shows values and explanations to a reader, rendered only when asked.

Every criterion and gate explanation names values as the committee knows them
(``12,5 tỷ đồng``, ``32%``, ``Có``); :class:`Shown` and :class:`NamedValues`
hold such values and render them in the language a report asks for, so a round
of 100,000 products never writes texts nobody reads. :class:`Explanation` is a
usual criterion's explanation written on demand from its rule's templates
(:func:`template`), and :class:`Unusual` the note of a case explained at once.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from chuluc_cli.criteria.model import Criteria, Criterion, FieldSpec, FieldType
from chuluc_cli.i18n import LIMIT_DIGITS as LIMIT_DIGITS  # re-exported for the scoring modules
from chuluc_cli.i18n import Localized, Message, catalog, format_number, t
from chuluc_cli.scoring.points import is_number

if TYPE_CHECKING:
    from chuluc_cli.scoring.card import Scored
    from chuluc_cli.scoring.compiled_rules import Rule

VALUE_DIGITS = 4  # decimals shown for input values in explanations
_TRAILING_UNIT = re.compile(r"\s*(\([^()]*\)|\[[^\[\]]*\])\s*$")
MARKS = {"value": "\0v\0", "values": "\0s\0", "result": "\0r\0", "points": "\0p\0"}


def describe_value(criteria: Criteria, name: str, value: Any) -> Localized:
    """A value as its reader knows it: ``12,5 tỷ đồng``, ``32%``, ``Có``, ``15/03/2019``."""
    spec = criteria.fields.get(name)
    return Localized(show(spec, value, "vi"), show(spec, value, "en"))


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
        return show(self.spec, self.value, lang)


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


def subject_label(criteria: Criteria, name: str, criterion: Criterion) -> Localized:
    """What a value is called in an explanation: the field's label, else the criterion's title."""
    spec = criteria.fields.get(name)
    if spec is None:  # a derived value has no label of its own
        return Localized(criterion.title, criterion.title_en)
    if spec.title:
        return Localized(spec.title, spec.title_en)
    # A header's unit in brackets is dropped: the value is shown with its unit already.
    header = _TRAILING_UNIT.sub("", spec.headers[0]) or spec.headers[0]
    return Localized(header, spec.title_en)


@dataclass(frozen=True, slots=True)
class Unusual:
    """The note of a criterion scored through an unusual case: its full message, made at once.

    Many products share one note (every product whose last year's revenue is blank),
    so its text is rendered once per language, not once per product and report.
    """

    message: Message
    missing: tuple[str, ...]
    texts: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def text(self, lang: str) -> str:
        """The message in ``lang``, rendered on first use."""
        text = self.texts.get(lang)
        if text is None:
            text = self.texts[lang] = self.message.render(lang)
        return text


def template(key: str, lang: str, fixed: dict[str, Any]) -> str | None:
    """The catalogue text of ``key`` with ``fixed`` filled in and a mark for every other param."""
    rendered = {name: value.render(lang) if hasattr(value, "render") else value
                for name, value in fixed.items()}  # fmt: skip
    if any("\0" in str(value) for value in rendered.values()):
        return None
    vi, en = catalog()[key]
    return (en if lang == "en" else vi).format(**{**MARKS, **rendered})


class Explanation:
    """The explanation of one usual criterion result; renders like its :class:`Message`."""

    __slots__ = ("lazy", "note", "points", "rule")

    def __init__(self, rule: Rule, lazy: Scored, points: Decimal, note: Any) -> None:
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


def both(render: Callable[[str], str]) -> Localized:
    return Localized(render("vi"), render("en"))


def show(spec: FieldSpec | None, value: Any, lang: str) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return t("common.yes" if value else "common.no", lang)
    if is_number(value):
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
