"""YAML loading that remembers line numbers, for ``file:line: message`` errors.

Linguists edit YAML by hand; when something is wrong they need the line, not a
JSON path. Every mapping and list loaded here is a ``dict``/``list`` subclass
carrying the 1-based line where it starts.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from framing.errors import InputError


class LineDict(dict):  # type: ignore[type-arg]
    """A mapping that knows the line it was written on."""

    line: int = 0


class LineList(list):  # type: ignore[type-arg]
    """A sequence that knows the line it was written on."""

    line: int = 0


class _LineLoader(yaml.SafeLoader):
    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> LineDict:
        # PyYAML keeps the last of repeated keys silently; a linguist who
        # writes "notes:" twice would lose the first without a word.
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            try:
                first = seen.setdefault(key, line)
            except TypeError:  # an unhashable key: PyYAML reports it itself
                continue
            if first != line:
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    f"duplicate key {key!r} (first on line {first})",
                    key_node.start_mark,
                )
        mapping = LineDict(super().construct_mapping(node, deep=True))
        mapping.line = node.start_mark.line + 1
        return mapping

    def construct_sequence(self, node: yaml.SequenceNode, deep: bool = False) -> LineList:
        sequence = LineList(super().construct_sequence(node, deep=True))
        sequence.line = node.start_mark.line + 1
        return sequence


_LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _LineLoader.construct_mapping
)
_LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _LineLoader.construct_sequence
)


def load_yaml(path: Path) -> Any:
    """Parse a YAML file; syntax errors become ``InputError('file:line: ...')``."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not valid UTF-8 (byte {exc.start})") from exc
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from exc
    if not text.strip():
        raise InputError(f"{path}:1: file is empty")
    try:
        return yaml.load(text, Loader=_LineLoader)
    except yaml.MarkedYAMLError as exc:
        raise InputError(_syntax_error(path, exc)) from exc
    except yaml.YAMLError as exc:
        raise InputError(f"{path}:1: YAML error: {exc}") from exc


def _syntax_error(path: Path, exc: yaml.MarkedYAMLError) -> str:
    """``file:line: ...`` for a YAML syntax error, at the line a person must fix.

    PyYAML reports where it gave up; for a quote left open that is the end of
    the file or the next quote, far below the mistake, so the line where the
    quoted value starts is named instead.
    """
    if exc.context == "while scanning a quoted scalar" and exc.context_mark is not None:
        found = exc.problem_mark.line + 1 if exc.problem_mark else None
        line = exc.context_mark.line + 1
        after = f" ({exc.problem} at line {found})" if found and found != line else ""
        return f"{path}:{line}: YAML syntax error: a quote opened on this line is not closed{after}"
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 1
    problem = exc.problem or exc.context or "invalid YAML"
    return f"{path}:{line}: YAML syntax error: {problem}"


def line_of(data: Any, path: Sequence[Any]) -> int:
    """The line of the deepest line-aware container along a JSON path."""
    line = getattr(data, "line", 1) or 1
    node = data
    for key in path:
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            break
        line = getattr(node, "line", line) or line
    return line
