"""From one raw source record to a checked ``Document``, or a reason why not.

Every reader funnels its records through ``make_document`` so that all formats
obey the same rules (required fields, ``schemas/document.schema.json``, id
normalization) and word their complaints the same way. Problems with one record
are values (``Skipped``), not exceptions, so one bad record never stops a file.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import jsonschema

from framing.errors import InputError
from framing.ingest.options import FIELDS, IngestOptions
from framing.resources import load_schema, matches_schema
from framing.types import Document

_LINE = re.compile(r"^line (\d+)$")
_LINE_COLUMN = re.compile(r"^:(\d+):(\d+): ")
_DATETIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}")


def where(source: str, location: str) -> str:
    """``a.jsonl:3`` for a line, ``b.parquet, row 5`` otherwise, ``a.txt`` for a whole file."""
    if not location:
        return source
    match = _LINE.match(location)
    if match:
        return f"{source}:{match.group(1)}"
    return f"{source}, {location}"


@dataclass(frozen=True)
class Skipped:
    """A record or a whole file that was not read, and why (one sentence).

    ``kind`` groups reasons for the summary ("duplicate id", "malformed", ...);
    ``message`` is the one-line error, the same text ``strict`` mode raises.
    """

    source: str
    location: str
    reason: str
    kind: str = "invalid"
    message: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        if not self.message:
            object.__setattr__(
                self, "message", f"{where(self.source, self.location)}: {self.reason}"
            )

    @classmethod
    def from_error(cls, error: InputError, source: str) -> Skipped:
        """A whole-file skip from an ``InputError`` (e.g. ``textfile``'s), keeping its message."""
        message = str(error)
        reason = message
        if message.startswith(source):
            rest = message[len(source) :]
            match = _LINE_COLUMN.match(rest)
            if match:
                reason = f"line {match.group(1)}, column {match.group(2)}: {rest[match.end() :]}"
            elif rest.startswith(": "):
                reason = rest[2:]
        return cls(source, "", reason, classify(message), message)

    def as_record(self) -> dict[str, str]:
        return {
            "source": self.source,
            "location": self.location,
            "reason": self.reason,
            "kind": self.kind,
        }


def classify(message: str) -> str:
    """The summary group of a whole-file error raised by ``framing.io.textfile`` or a reader."""
    for needle, kind in (
        ("binary content", "binary"),
        ("UTF-16", "encoding"),
        ("not valid", "encoding"),
        ("unknown encoding", "encoding"),
        ("-byte limit", "too large"),
        ("no such file", "missing file"),
        ("file is empty", "empty"),
        ("only whitespace", "empty"),
        ("no records", "empty"),
        ("no rows", "empty"),
        ("no article text", "empty"),
        ("Parquet", "malformed"),
        ("column", "malformed"),
        ("expected", "malformed"),
        ("YAML", "malformed"),
        ("cannot read", "unreadable"),
    ):
        if needle in message:
            return kind
    return "unreadable"


@dataclass(frozen=True)
class Item:
    """A document and where it was read, for duplicate reports and strict errors."""

    document: Document
    source: str
    location: str


class RecordError(Exception):
    """One record is unusable; the reader turns it into a ``Skipped``."""

    def __init__(self, reason: str, kind: str = "invalid") -> None:
        super().__init__(reason)
        self.reason = reason
        self.kind = kind


@cache
def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(load_schema("document"))


def validate_document_record(record: Mapping[str, Any]) -> str | None:
    """The first schema violation as ``"field" must be ...``, or None.

    Errors are taken in field order so the message is the same on every run.
    """
    if matches_schema(record, "document"):
        return None
    schema = _validator().schema
    order = {name: i for i, name in enumerate((*FIELDS, "metadata"))}
    errors = sorted(
        _validator().iter_errors(record),
        key=lambda e: (order.get(str(e.path[0]) if e.path else "", 99), e.message),
    )
    if not errors:
        return None
    error = errors[0]
    name = str(error.path[0]) if error.path else None
    description = schema["properties"].get(name, {}).get("description") if name else None
    if name is None or description is None:
        return f"does not match the document schema ({error.message})"
    return f'"{name}" must be {description}, got {short_repr(record.get(name))}'


def short_repr(value: Any, limit: int = 40) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def json_ready(value: Any) -> Any:
    """Metadata values as JSON can hold them (Parquet and YAML give dates, bytes, ...)."""
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, (_dt.date, _dt.time)):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): json_ready(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value, key=repr) if isinstance(value, (set, frozenset)) else value
        return [json_ready(v) for v in items]
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).decode("utf-8", errors="replace")
    return str(value)


def _optional_string(value: Any) -> Any:
    """Empty cells mean "not given"; dates from YAML/Parquet become ISO strings."""
    if isinstance(value, str) and not value.strip():
        return None
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    return value


def _split_fields(
    raw: Mapping[str, Any], columns: IngestOptions
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The record's document fields (by their source names), and the rest as metadata
    (a nested ``metadata`` object merged in)."""
    rest = dict(raw)
    values: dict[str, Any] = {}
    for name in FIELDS:
        key = columns.source_key(name)
        if key in rest:
            values[name] = rest.pop(key)
    extra: dict[str, Any] = {}
    if "metadata" in rest:
        nested = rest.pop("metadata")
        if isinstance(nested, Mapping):
            extra.update(nested)
        elif nested is not None:
            raise RecordError(
                f'"metadata" must be an object, got {short_repr(nested)}', "invalid field"
            )
    extra.update(rest)
    return values, extra


def _check_size(text: Any, max_bytes: int | None) -> None:
    """Refuse a record whose text alone is over the size limit.

    The limit is checked per file on reading; one record of a JSONL, CSV or
    Parquet file can be as large (a 5 MB "article" is usually a mistake, and
    parses for hours), so it is checked per text too.
    """
    if max_bytes is None or not isinstance(text, str) or len(text) * 4 <= max_bytes:
        return
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > max_bytes:
        raise RecordError(
            f"text is {size:,} bytes, over the {max_bytes:,}-byte limit "
            "(raise it with --max-bytes)",
            "too large",
        )


def make_document(
    raw: Mapping[str, Any],
    options: IngestOptions,
    *,
    mapped: bool = True,
    metadata: Mapping[str, Any] | None = None,
) -> Document:
    """Build and check a document from a source record; raise ``RecordError`` if unusable.

    ``mapped``: apply ``options.columns`` (record formats) or take the field names
    as they are (manifests, text files). Keys that are not document fields go
    into ``metadata`` (a ``metadata`` object in the record is merged in).
    Normalizations, all of metadata and none of the text: an integer id becomes
    a string, an empty optional value becomes null, a timestamp
    ``2024-01-05T10:00...`` keeps its date, a missing language takes
    ``options.language``.
    """
    columns = options if mapped else IngestOptions(language=options.language)
    values, extra = _split_fields(raw, columns)
    extra.update(metadata or {})
    doc_id = values.get("id")
    if isinstance(doc_id, int) and not isinstance(doc_id, bool):
        doc_id = str(doc_id)
    if doc_id is None or (isinstance(doc_id, str) and not doc_id):
        raise RecordError(f"record has no {columns.label('id')}", "missing field")
    text = values.get("text")
    if text is None:
        raise RecordError(f"record has no {columns.label('text')}", "missing field")
    if isinstance(text, str) and not text.strip():
        raise RecordError(f"record has an empty {columns.label('text')}", "empty")
    _check_size(text, options.max_bytes)

    record: dict[str, Any] = {"id": doc_id, "text": text}
    for name in ("outlet", "date", "title", "url"):
        record[name] = _optional_string(values.get(name))
    if isinstance(record["date"], str):
        match = _DATETIME.match(record["date"])
        if match:
            record["date"] = match.group(1)
    language = _optional_string(values.get("language"))
    record["language"] = options.language if language is None else language
    record["metadata"] = json_ready(extra)
    problem = validate_document_record(record)
    if problem is not None:
        name = problem.split('"')[1] if problem.startswith('"') else ""
        if name in FIELDS and columns.source_key(name) != name:
            problem = problem.replace(f'"{name}"', columns.label(name), 1)
        raise RecordError(problem, "invalid field")

    if record["url"] is not None:
        record["metadata"]["url"] = record["url"]
    return Document(
        id=record["id"],
        text=text,
        outlet=record["outlet"],
        date=record["date"],
        title=record["title"],
        language=record["language"],
        metadata=record["metadata"],
    )
