"""What a caller may ask of the readers, checked once before anything is read.

Bad options (an unknown format, a misspelled field in ``--column``) are the
caller's mistake, not the corpus's: they fail at once with one line, instead of
turning every record into a skipped one.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from framing.errors import InputError
from framing.io.textfile import DEFAULT_MAX_BYTES

FORMATS = ("text", "manifest", "jsonl", "csv", "tsv", "parquet", "html", "conllu")
"""Names accepted by ``IngestOptions.format`` (and ``--format``)."""

FIELDS = ("id", "text", "outlet", "date", "title", "url", "language")
"""Document fields a source column or key can be mapped onto."""

EXTENSIONS = {
    ".txt": "text",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".html": "html",
    ".htm": "html",
    ".conllu": "conllu",
    ".yaml": "manifest",
    ".yml": "manifest",
}
"""File type by extension, used when ``IngestOptions.format`` is None."""

MANIFEST_NAMES = ("manifest.csv", "manifest.yaml", "manifest.yml")
"""A file with one of these names is a manifest, whatever its extension says."""

LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")


@dataclass(frozen=True)
class IngestOptions:
    """How to read the inputs; the defaults suit a folder of UTF-8 French articles."""

    format: str | None = None
    """None: by file type (extension, or manifest name); else one of ``FORMATS``."""
    encoding: str | None = None
    """None: UTF-8, with or without a byte-order mark."""
    max_bytes: int | None = DEFAULT_MAX_BYTES
    """Per input file; None for no limit (files are read whole, so this bounds memory)."""
    strict: bool = False
    """Raise ``InputError`` at the first bad record, bad file or duplicate."""
    columns: Mapping[str, str] = field(default_factory=dict)
    """Our field -> source column or key (JSONL, CSV, TSV, Parquet), e.g. {"text": "body"}."""
    language: str = "fr"
    """Language of records that do not name one."""
    allow_outside: bool = False
    """Let a manifest name files outside its own folder (absolute or ``../`` paths)."""

    def source_key(self, name: str) -> str:
        """The column or key that holds field ``name`` in the source."""
        return self.columns.get(name, name)

    def label(self, name: str) -> str:
        """How errors name a field: by its source key, with our name when mapped."""
        key = self.source_key(name)
        return f'"{key}"' if key == name else f'"{key}" (mapped to {name})'

    def as_record(self) -> dict[str, object]:
        """JSON-ready description, for the ingest summary (``allow_outside`` only when set)."""
        record: dict[str, object] = {
            "format": self.format,
            "encoding": self.encoding,
            "max_bytes": self.max_bytes,
            "strict": self.strict,
            "columns": dict(sorted(self.columns.items())),
            "language": self.language,
        }
        if self.allow_outside:
            record["allow_outside"] = True
        return record


def check_options(options: IngestOptions) -> None:
    """Raise ``InputError`` for options that cannot work, before reading anything."""
    if options.format is not None and options.format not in FORMATS:
        raise InputError(
            f"unknown input format {options.format!r} (expected one of: {', '.join(FORMATS)})"
        )
    if options.encoding is not None:
        try:
            codecs.lookup(options.encoding)
        except LookupError:
            raise InputError(f"unknown encoding {options.encoding!r}") from None
    if options.max_bytes is not None and options.max_bytes < 1:
        raise InputError(f"max_bytes must be at least 1, got {options.max_bytes}")
    if not LANGUAGE_CODE.match(options.language or ""):
        raise InputError(
            f"language {options.language!r} is not a 2- or 3-letter lowercase code such as fr"
        )
    for name, column in options.columns.items():
        if name not in FIELDS:
            raise InputError(
                f"--column {name}={column}: unknown field {name!r} (fields: {', '.join(FIELDS)})"
            )
        if not isinstance(column, str) or not column:
            raise InputError(f"--column {name}=: the column name is empty")


def format_of(path: Path, options: IngestOptions) -> str:
    """The format to read a single file with: the option, else its name or extension."""
    if options.format is not None:
        return options.format
    if path.name.lower() in MANIFEST_NAMES:
        return "manifest"
    fmt = EXTENSIONS.get(path.suffix.lower())
    if fmt is None:
        kind = f"file type {path.suffix!r}" if path.suffix else "file type (no extension)"
        raise InputError(f"{path}: unknown {kind}; pass --format (one of: {', '.join(FORMATS)})")
    return fmt
