"""Marking site furniture (navigation, teasers, bylines) as boilerplate.

The patterns are data (``lexicons/<lang>/boilerplate/*.yaml``), matched line by
line on the raw text. The text itself is never removed, so offsets stay valid;
the annotator flags mentions that fall inside a boilerplate span, and reports
do not count them.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import jsonschema

from framing.annotation.lexicon import Problem
from framing.errors import InputError
from framing.io.yamlfile import line_of, load_yaml
from framing.resources import default_lexicon_dir, load_schema

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\n|\r|$)")


@dataclass(frozen=True)
class BoilerplatePattern:
    id: str
    regex: re.Pattern[str]
    following_lines: int = 0
    scope: str = "line"
    description: str = ""
    examples_match: tuple[str, ...] = ()
    examples_no_match: tuple[str, ...] = ()
    file: str = ""
    line: int = 0


@dataclass(frozen=True)
class BoilerplateSpan:
    start: int
    end: int
    pattern: str


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line's content, line breaks excluded."""
    spans = []
    for found in _LINE.finditer(text):
        if found.start() == len(text) and found.group() == "":
            break
        content = found.group().rstrip("\r\n")
        spans.append((found.start(), found.start() + len(content)))
    return spans


def find_boilerplate(text: str, patterns: list[BoilerplatePattern]) -> list[BoilerplateSpan]:
    """Boilerplate spans in ``text``, in order, one per matching line."""
    spans: list[BoilerplateSpan] = []
    lines = _lines(text)
    taken: set[int] = set()
    for index, (start, end) in enumerate(lines):
        if index in taken:
            continue
        line = text[start:end]
        if not line.strip():
            continue
        for pattern in patterns:
            found = pattern.regex.search(line)
            if not found:
                continue
            if pattern.scope == "prefix":
                spans.append(
                    BoilerplateSpan(start + found.start(), start + found.end(), pattern.id)
                )
                break
            last = min(index + pattern.following_lines, len(lines) - 1)
            taken.update(range(index, last + 1))
            spans.append(BoilerplateSpan(start, lines[last][1], pattern.id))
            break
    return spans


def read_boilerplate(
    paths: list[str | Path] | None = None, language: str = "fr"
) -> tuple[list[BoilerplatePattern], dict[str, str], list[Problem]]:
    """Load boilerplate pattern files (a folder's ``boilerplate/*.yaml``)."""
    files: list[Path] = []
    for raw_path in paths or [default_lexicon_dir(language)]:
        path = Path(raw_path)
        if path.is_dir():
            folder = path / "boilerplate" if (path / "boilerplate").is_dir() else path
            files.extend(sorted(folder.glob("*.yaml")))
        elif path.is_file():
            files.append(path)
        else:
            raise InputError(f"{path}: no such boilerplate file or folder")
    validator = jsonschema.Draft202012Validator(load_schema("boilerplate"))
    patterns: list[BoilerplatePattern] = []
    problems: list[Problem] = []
    checksums: dict[str, str] = {}
    for file_path in files:
        file = str(file_path)
        checksums[file] = hashlib.sha256(file_path.read_bytes()).hexdigest()
        data = load_yaml(file_path)
        errors = list(validator.iter_errors(data))
        for error in errors:
            where = "/".join(str(p) for p in error.path) or "top level"
            problems.append(
                Problem(file, line_of(data, list(error.path)), f"{where}: {error.message}")
            )
        if errors:
            continue
        for raw in data["patterns"]:
            line = getattr(raw, "line", 1)
            try:
                regex = re.compile(raw["line"], re.IGNORECASE)
            except re.error as exc:
                problems.append(Problem(file, line, f"{raw['id']}: bad regular expression: {exc}"))
                continue
            examples = raw["examples"]
            patterns.append(
                BoilerplatePattern(
                    id=raw["id"],
                    regex=regex,
                    following_lines=int(raw.get("following_lines", 0)),
                    scope=raw.get("scope", "line"),
                    description=raw.get("description", ""),
                    examples_match=tuple(examples.get("match") or ()),
                    examples_no_match=tuple(examples.get("no_match") or ()),
                    file=file,
                    line=line,
                )
            )
    return patterns, checksums, problems
