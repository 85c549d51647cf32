"""The criteria language, version 1, as typed pydantic models.

A criteria file is untrusted input: every model forbids unknown keys and the
shapes are checked here. Cross-references between parts of the file (names
in expressions, map keys, tie-break keys) are checked by
``chuluc_cli.criteria.references`` so that each mistake can point to its
YAML line. See docs/criteria.md for the language reference.
"""

from __future__ import annotations

import re
from enum import StrEnum
from functools import cached_property
from re import _constants as _re_constants  # type: ignore[attr-defined]
from re import _parser as _re_parser  # type: ignore[attr-defined]
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator

from chuluc_cli.i18n import LIMIT_DIGITS, Message, Num, msg

SCHEMA_V1 = "chuluc/criteria-v1"
IDENTIFIER = r"^[A-Za-z][A-Za-z0-9_.-]{0,63}$"
FIELD_NAME = r"^[a-z_][a-z0-9_]{0,63}$"
IDENTITY_FIELDS = ("product_id", "product", "enterprise")
MAX_PATTERN_LENGTH = 500
_REPEATS = (_re_constants.MAX_REPEAT, _re_constants.MIN_REPEAT, _re_constants.POSSESSIVE_REPEAT)


def _nested_repeat(pattern: str) -> bool:
    """True if a group repeated more than once holds a repeat of varying length or ``|``.

    ``(a+)+``, ``(\\d{1,3},?)*`` or ``(a|ab)*`` backtrack exponentially on a cell that
    almost matches (Python's ``re`` has no time limit), so one long cell could stop a
    whole round. Safe forms such as ``(ab|cd)+`` are refused too: criteria patterns
    (tax codes, ids) never need them. Uses the parser of the ``re`` module, private
    but unchanged since Python 3.11.
    """
    return _repeat_inside(_re_parser.parse(pattern), outer=False)


def _repeat_inside(items: Any, *, outer: bool) -> bool:
    """True if ``items`` hold a varying repeat or ``|`` inside a repeat (``outer``: in one)."""
    for op, arg in items:
        if outer and op is _re_constants.BRANCH:
            return True
        if op in _REPEATS:
            low, high, body = arg
            if outer and low != high:
                return True
            if _repeat_inside(body, outer=outer or high > 1):
                return True
        elif any(_repeat_inside(child, outer=outer) for child in _children(op, arg)):
            return True
    return False


def _children(op: Any, arg: Any) -> list[Any]:
    """The sub-patterns of a group, alternation, look-around or conditional."""
    if op is _re_constants.SUBPATTERN:
        return [arg[-1]]
    if op is _re_constants.BRANCH:
        return list(arg[1])
    if op is _re_constants.ATOMIC_GROUP:
        return [arg]
    if op in (_re_constants.ASSERT, _re_constants.ASSERT_NOT):
        return [arg[1]]
    if op is _re_constants.GROUPREF_EXISTS:
        return [part for part in arg[1:] if part is not None]
    return []


class SchemaProblem(ValueError):
    """A check of a validator below failed; ``key`` names its text in ``errors.criteria.model``.

    pydantic wraps it as a ``value_error`` and keeps the instance, so the loader can
    show ``text`` in the user's language; ``str()`` is the English text.
    """

    def __init__(self, key: str, /, **params: Any) -> None:
        self.text = msg(f"errors.criteria.model.{key}", **params)
        super().__init__(self.text.render("en"))


class StrictModel(BaseModel):
    """Base of every criteria model: unknown keys are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Titled(StrictModel):
    """Anything with a Vietnamese and/or English title."""

    title: str = Field(min_length=1, max_length=500)
    title_en: str | None = Field(default=None, max_length=500)

    def label(self, lang: str) -> str:
        """The title in ``lang``, falling back to ``title``."""
        return self.title_en if lang == "en" and self.title_en else self.title


class FieldType(StrEnum):
    """How a nomination column is read."""

    ID = "id"
    TEXT = "text"
    NUMBER = "number"
    INTEGER = "integer"
    PERCENT = "percent"
    BOOL = "bool"
    DATE = "date"
    CHOICE = "choice"


NUMERIC_TYPES = (FieldType.NUMBER, FieldType.INTEGER, FieldType.PERCENT)


class FieldSpec(StrictModel):
    """One nomination column: its type, accepted headers and checks."""

    type: FieldType
    headers: list[str] = Field(min_length=1)
    required: bool = True
    title: str | None = None
    title_en: str | None = None
    description: str | None = None
    unit: str | None = None
    min: float | None = None
    max: float | None = None
    pattern: str | None = None
    choices: dict[str, list[str]] | None = None

    @field_validator("headers")
    @classmethod
    def _headers_not_blank(cls, headers: list[str]) -> list[str]:
        if any(not header.strip() for header in headers):
            raise SchemaProblem("blank_header")
        return headers

    @field_validator("pattern")
    @classmethod
    def _pattern_compiles(cls, pattern: str | None) -> str | None:
        if pattern is not None:
            if len(pattern) > MAX_PATTERN_LENGTH:
                raise SchemaProblem("pattern_too_long", limit=MAX_PATTERN_LENGTH)
            try:
                re.compile(pattern)
            except re.error as error:
                raise SchemaProblem("invalid_regex", detail=str(error)) from None
            if _nested_repeat(pattern):
                raise SchemaProblem("nested_repeat")
        return pattern

    @model_validator(mode="after")
    def _type_specific_keys(self) -> FieldSpec:
        if self.type is FieldType.CHOICE and not self.choices:
            raise SchemaProblem("choice_needs_choices")
        if self.type is not FieldType.CHOICE and self.choices is not None:
            raise SchemaProblem("choices_only_for_choice", type=self.type.value)
        if (self.min is not None or self.max is not None) and self.type not in NUMERIC_TYPES:
            raise SchemaProblem("min_max_only_numeric")
        if self.pattern is not None and self.type not in (FieldType.TEXT, FieldType.ID):
            raise SchemaProblem("pattern_only_text")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise SchemaProblem("min_above_max")
        return self

    def label(self, name: str, lang: str) -> str:
        """A human label for the field: its title, else its first header."""
        if lang == "en" and self.title_en:
            return self.title_en
        return self.title or self.headers[0]


class Gate(Titled):
    """A hard eligibility condition: a product failing it is rejected."""

    id: str = Field(pattern=IDENTIFIER)
    require: str = Field(min_length=1)


class BandStep(StrictModel):
    """One step of a ``bands`` rule: a condition on the value and the points it gives."""

    at_least: float | None = None
    above: float | None = None
    at_most: float | None = None
    below: float | None = None
    equals: str | float | bool | None = None
    points: float = Field(ge=0)

    @model_validator(mode="after")
    def _one_condition(self) -> BandStep:
        if len(self.conditions()) != 1:
            raise SchemaProblem("step_one_condition")
        return self

    def conditions(self) -> dict[str, Any]:
        """The condition keys that are set (exactly one once validated)."""
        keys = ("at_least", "above", "at_most", "below", "equals")
        return {key: getattr(self, key) for key in keys if getattr(self, key) is not None}

    @property
    def operator(self) -> str:
        """The condition as a symbol: >=, >, <=, < or =."""
        key = next(iter(self.conditions()))
        return {"at_least": "≥", "above": ">", "at_most": "≤", "below": "<", "equals": "="}[key]

    @property
    def threshold(self) -> Any:
        """The value the condition compares with."""
        return next(iter(self.conditions().values()))


class Bands(StrictModel):
    """Points by steps of a value; the first matching step wins, none gives 0."""

    of: str
    steps: list[BandStep] = Field(min_length=1, max_length=200)


class Linear(StrictModel):
    """Points growing linearly from 0 at ``zero_at`` to max at ``full_at``, clamped."""

    of: str
    zero_at: float
    full_at: float

    @model_validator(mode="after")
    def _distinct_ends(self) -> Linear:
        if self.zero_at == self.full_at:
            raise SchemaProblem("linear_same_ends")
        return self


class MapRule(StrictModel):
    """Points per choice key (or true/false for a bool field); other values give 0."""

    of: str
    points: dict[str, float] = Field(min_length=1)

    @field_validator("points")
    @classmethod
    def _non_negative(cls, points: dict[str, float]) -> dict[str, float]:
        for key, value in points.items():
            if value < 0:
                raise SchemaProblem("negative_points", name=key)
        return points


class RuleKind(StrEnum):
    """The scoring rules a criterion can use (exactly one)."""

    BANDS = "bands"
    LINEAR = "linear"
    WHEN = "when"
    MAP = "map"
    FORMULA = "formula"
    JUDGED = "judged"


class Criterion(Titled):
    """One scored criterion with exactly one scoring rule."""

    id: str = Field(pattern=IDENTIFIER)
    description: str | None = None
    max: float = Field(gt=0)
    min: float | None = Field(default=None, ge=0)
    bands: Bands | None = None
    linear: Linear | None = None
    when: str | None = None
    map: MapRule | None = None
    formula: str | None = None
    judged: bool = False

    @model_validator(mode="after")
    def _exactly_one_rule(self) -> Criterion:
        rules = self.rules()
        if len(rules) != 1:
            found: str | Message = ", ".join(rules) if rules else msg("errors.criteria.none")
            names = ", ".join(kind.value for kind in RuleKind)
            raise SchemaProblem("one_rule", names=names, found=found)
        if self.min is not None and self.min > self.max:
            raise SchemaProblem("min_above_max")
        return self

    def rules(self) -> list[str]:
        """The rule keys present on this criterion."""
        present = [kind.value for kind in RuleKind if kind is not RuleKind.JUDGED]
        found = [key for key in present if getattr(self, key) is not None]
        return [*found, "judged"] if self.judged else found

    @property
    def kind(self) -> RuleKind:
        """The one scoring rule of this criterion."""
        return RuleKind(self.rules()[0])


class Group(Titled):
    """A group of criteria; its max is the sum of its criteria's max."""

    id: str = Field(pattern=IDENTIFIER)
    max: float | None = None
    min: float | None = Field(default=None, ge=0)
    criteria: list[Criterion] = Field(min_length=1)

    @model_validator(mode="after")
    def _max_is_sum(self) -> Group:
        total = self.max_points
        if self.max is not None and abs(self.max - total) > 1e-9:
            raise SchemaProblem(
                "group_max_not_sum",
                max=Num(self.max, LIMIT_DIGITS),
                total=Num(total, LIMIT_DIGITS),
            )
        if self.min is not None and self.min > total:
            raise SchemaProblem(
                "group_min_above_max",
                min=Num(self.min, LIMIT_DIGITS),
                total=Num(total, LIMIT_DIGITS),
            )
        return self

    @property
    def max_points(self) -> float:
        """The sum of the criteria's max points."""
        return sum(criterion.max for criterion in self.criteria)


class Quota(StrictModel):
    """At most ``max`` selected products sharing the same value of field ``per``."""

    id: str = Field(pattern=IDENTIFIER)
    per: str
    max: int = Field(ge=1)
    title: str | None = None
    title_en: str | None = None


class Tier(StrictModel):
    """A label for products: the ``top`` N selected, or all with ``min_total`` or more."""

    label: str = Field(min_length=1)
    label_en: str | None = None
    top: int | None = Field(default=None, ge=1)
    min_total: float | None = None

    @model_validator(mode="after")
    def _has_condition(self) -> Tier:
        if self.top is None and self.min_total is None:
            raise SchemaProblem("tier_condition")
        return self

    def text(self, lang: str) -> str:
        """The tier label in ``lang``."""
        return self.label_en if lang == "en" and self.label_en else self.label


class TieKey(StrictModel):
    """One parsed tie-break key: a name and a direction."""

    name: str
    descending: bool


class Selection(StrictModel):
    """How passing products are ranked and selected."""

    pass_mark: float = Field(ge=0)
    limit: int | None = Field(default=None, ge=1)
    quotas: list[Quota] = Field(default_factory=list)
    tie_break: list[str] = Field(default_factory=lambda: ["total desc", "product_id asc"])
    tiers: list[Tier] = Field(default_factory=list)

    @field_validator("tie_break")
    @classmethod
    def _tie_break_syntax(cls, keys: list[str]) -> list[str]:
        for key in keys:
            parts = key.split()
            if not 1 <= len(parts) <= 2 or (len(parts) == 2 and parts[1] not in ("asc", "desc")):
                raise SchemaProblem("tie_break_syntax", name=key)
        return keys


ExampleValue = str | bool | int | float | None


class ExampleExpectation(StrictModel):
    """What a worked example must score; every key is optional, unset keys are not checked."""

    eligible: bool | None = None  # every eligibility gate passes
    gates_failed: list[str] | None = None  # exactly these gates fail (order ignored)
    points: dict[str, float] | None = None  # criterion id -> points
    groups: dict[str, float] | None = None  # group id -> group total
    total: float | None = None
    passes: bool | None = None  # eligible, minimums met and total >= the pass mark


class Example(StrictModel):
    """A rule test: one nomination's values as typed in cells, and what it must score.

    ``chuluc check`` scores every example (see ``chuluc_cli.criteria.examples``), so a
    wrong band or threshold is caught when the file is edited, before a round is scored.
    """

    name: str = Field(min_length=1, max_length=500)
    values: dict[str, ExampleValue] = Field(default_factory=dict)
    expect: ExampleExpectation


class Criteria(StrictModel):
    """A whole ruleset: fields, derived values, gates, scored groups and selection."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    schema_: Literal["chuluc/criteria-v1"] = Field(alias="schema")
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_.-]{0,63}$")
    version: str = Field(min_length=1, max_length=50)
    title: str = Field(min_length=1, max_length=500)
    title_en: str | None = None
    source: str | None = None
    language: Literal["vi", "en"] = "vi"
    rounding: int = Field(default=2, ge=0, le=6)
    fields: dict[str, FieldSpec] = Field(min_length=1)
    derived: dict[str, str] = Field(default_factory=dict)
    eligibility: list[Gate] = Field(default_factory=list)
    groups: list[Group] = Field(min_length=1)
    selection: Selection
    examples: list[Example] = Field(default_factory=list)

    _source_path: str | None = PrivateAttr(default=None)
    _sha256: str | None = PrivateAttr(default=None)

    @field_validator("version", mode="before")
    @classmethod
    def _version_as_text(cls, version: Any) -> Any:
        # `version: 2025.1` is a float to YAML; it is meant as text.
        return str(version) if isinstance(version, int | float) else version

    @field_validator("fields", "derived")
    @classmethod
    def _valid_names(cls, mapping: dict[str, Any]) -> dict[str, Any]:
        for name in mapping:
            if not re.match(FIELD_NAME, name):
                raise SchemaProblem("invalid_name", name=name)
        return mapping

    def label(self, lang: str) -> str:
        """The ruleset title in ``lang``."""
        return self.title_en if lang == "en" and self.title_en else self.title

    @property
    def source_path(self) -> str | None:
        """The file this ruleset was loaded from, if any."""
        return self._source_path

    @property
    def sha256(self) -> str | None:
        """The sha256 of the file's bytes, recorded in every result for audit."""
        return self._sha256

    @cached_property
    def criteria_by_id(self) -> dict[str, tuple[Group, Criterion]]:
        """Every criterion by id, with its group."""
        return {c.id: (g, c) for g in self.groups for c in g.criteria}

    @property
    def max_total(self) -> float:
        """The highest total a product can reach."""
        return sum(group.max_points for group in self.groups)

    def tie_keys(self) -> list[TieKey]:
        """The tie-break keys parsed; a key without direction is desc for scores, asc else."""
        keys = []
        for text in self.selection.tie_break:
            parts = text.split()
            if len(parts) == 2:
                descending = parts[1] == "desc"
            else:
                # Scores rank high first; product values (fields, derived) low first.
                descending = parts[0] not in self.fields and parts[0] not in self.derived
            keys.append(TieKey(name=parts[0], descending=descending))
        return keys
