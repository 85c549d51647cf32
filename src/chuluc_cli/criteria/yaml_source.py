"""Safe YAML reading that remembers where every key and value stood.

``yaml.safe_load`` loses positions, so a criteria mistake could not name its
line. Here the document is *composed* into nodes by PyYAML's safe composer
and then built into plain Python values by hand, recording the line and
column of every path (``("groups", 0, "criteria", 1, "max")``). Building by
hand also makes the safety rules explicit: only the standard scalar tags are
accepted (no ``!!python/object``), duplicate keys are errors, merge keys are
refused, ``.inf``/``.nan`` are refused, and aliases are bounded by counting
every node built, so an alias bomb stops after ``MAX_NODES`` instead of
exhausting memory.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import yaml

from chuluc_cli.i18n import Message, Num, msg

MAX_NODES = 50_000
MAX_DEPTH = 40
MAX_BYTES = 2_000_000
_COLLECTION_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}
_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}

Path = tuple[str | int, ...]


class YamlProblem(ValueError):
    """A YAML document that is not acceptable; line and column are 1-based.

    ``text`` is the catalogue message (``errors.criteria.yaml_*``) that the loader
    shows in the user's language; ``message`` is its English line.
    """

    def __init__(self, key: str, line: int, column: int, **params: Any) -> None:
        self.text: Message = msg(f"errors.criteria.yaml_{key}", **params)
        self.message = self.text.render("en")
        super().__init__(self.message)
        self.line = line
        self.column = column


@dataclass
class YamlDocument:
    """The built value and the (line, column) of each path, 1-based."""

    data: Any
    positions: dict[Path, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def locate(self, path: Path) -> tuple[int, int]:
        """Position of ``path``, or of its nearest ancestor that exists."""
        for end in range(len(path), -1, -1):
            prefix = path[:end]
            if prefix in self.key_positions:
                return self.key_positions[prefix]
            if prefix in self.positions:
                return self.positions[prefix]
        return (1, 1)

    def value_position(self, path: Path) -> tuple[int, int]:
        """Position of the value at ``path`` (for a column inside an expression)."""
        return self.positions.get(path) or self.locate(path)


def parse_yaml(text: str) -> YamlDocument:
    """Compose and build ``text``; raise YamlProblem with the place of any mistake."""
    if len(text) > MAX_BYTES:
        raise YamlProblem("too_large", 1, 1, limit=Num(MAX_BYTES, 0))
    node = _compose(text)
    document = YamlDocument(data=None)
    if node is None:
        return document
    builder = _Builder(document)
    document.data = builder.build(node, (), 0)
    return document


def _compose(text: str) -> yaml.Node | None:
    """The node tree of ``text``, composed by libyaml when PyYAML was built with it.

    The C composer is about 10x faster than the pure-Python one (0.08 s of every
    run for the shipped Hanoi ruleset) and keeps the same marks. Its error texts
    differ, so a document it refuses is composed again by the Python loader,
    whose messages (and their line/column) are the ones users and tests know.
    """
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None:
        try:
            _check_depth(text, fast)
            return yaml.compose(text, Loader=fast)
        except yaml.YAMLError:
            pass  # the Python loader below says what is wrong, in its own words
    return _compose_with(text, yaml.SafeLoader)


def _compose_with(text: str, loader: type) -> yaml.Node | None:
    try:
        _check_depth(text, loader)
        return yaml.compose(text, Loader=loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise _syntax_problem(error, line, column) from None
    except yaml.reader.ReaderError as error:
        line, column = _line_column(text, error.position)
        raise YamlProblem("reader", line, column, detail=_reader_message(error)) from None
    except yaml.YAMLError as error:
        raise YamlProblem("reader", 1, 1, detail=str(error).splitlines()[0]) from None


def _check_depth(text: str, loader: type) -> None:
    """Refuse nesting deeper than MAX_DEPTH before composing.

    PyYAML's composer recurses once per level, so ``[[[[...]]]]`` 5,000 deep would
    exhaust Python's stack (and libyaml's composer the C stack); both parsers are
    state machines, so reading the events first is safe and cheap.
    """
    depth = 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                mark = event.start_mark
                line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
                raise YamlProblem("too_deep", line, column, limit=Num(MAX_DEPTH, 0))
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _line_column(text: str, position: int) -> tuple[int, int]:
    """1-based line and column of the character at ``position`` in ``text``."""
    line = text.count("\n", 0, position) + 1
    return line, position - (text.rfind("\n", 0, position) + 1) + 1


def _reader_message(error: yaml.reader.ReaderError) -> str:
    """PyYAML's message about a character it refuses, on one line (its own takes three)."""
    character = error.character
    code = ord(character) if isinstance(character, str) else character
    return f"character #x{code:04x} is not allowed in YAML ({error.reason})"


def _syntax_problem(error: yaml.MarkedYAMLError, line: int, column: int) -> YamlProblem:
    """PyYAML's problem, with where the unfinished construct began and a hint for tabs."""
    detail = str(error.problem or error)
    start = error.context_mark
    # "found unexpected end of stream" alone hides the opening quote that was never closed.
    if error.context and start is not None and start is not error.problem_mark:
        detail += f" ({error.context} at line {start.line + 1}, column {start.column + 1})"
    return YamlProblem("tabs" if "'\\t'" in detail else "syntax", line, column, detail=detail)


class _Builder:
    """Walks composed nodes into Python values while counting and locating them."""

    def __init__(self, document: YamlDocument) -> None:
        self.document = document
        self.count = 0
        self.constructor = yaml.SafeLoader("")

    def build(self, node: yaml.Node, path: Path, depth: int) -> Any:
        self.count += 1
        line, column = node.start_mark.line + 1, node.start_mark.column + 1
        if self.count > MAX_NODES:
            raise YamlProblem("too_many", line, column, limit=Num(MAX_NODES, 0))
        if depth > MAX_DEPTH:
            raise YamlProblem("too_deep", line, column, limit=Num(MAX_DEPTH, 0))
        self.document.positions.setdefault(path, (line, column))
        if not isinstance(node, yaml.ScalarNode) and node.tag not in _COLLECTION_TAGS:
            # `!!python/object/apply:os.system [...]` is a tagged sequence, not a scalar.
            raise YamlProblem("tag", line, column, tag=node.tag)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        return self._scalar(node, line, column)

    def _mapping(self, node: yaml.MappingNode, path: Path, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            line, column = key_node.start_mark.line + 1, key_node.start_mark.column + 1
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise YamlProblem("merge", line, column)
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlProblem("complex_key", line, column)
            key = str(key_node.value)
            if key in result:
                raise YamlProblem("duplicate_key", line, column, name=key)
            self.document.key_positions[(*path, key)] = (line, column)
            result[key] = self.build(value_node, (*path, key), depth + 1)
        return result

    def _scalar(self, node: yaml.Node, line: int, column: int) -> Any:
        if node.tag == "tag:yaml.org,2002:timestamp":
            return str(node.value)  # dates stay text: the schema decides what they mean
        if node.tag not in _SCALAR_TAGS:
            raise YamlProblem("tag", line, column, tag=node.tag)
        value = self.constructor.construct_object(node, deep=True)
        if isinstance(value, float) and not math.isfinite(value):
            raise YamlProblem("non_finite", line, column, value=node.value)
        return value
