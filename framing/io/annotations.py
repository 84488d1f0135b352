"""Reading and writing ``annotations.jsonl``, always schema-checked.

Every record is validated against ``schemas/annotations.schema.json`` before
it is written, so a file on disk is known to be in the spec's shape. A
``annotations.meta.json`` beside it records the provenance (framing version,
model identity, lexicon and rule checksums, options) that the reporter copies
into its own provenance block.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import IO, Any

import jsonschema

from framing.errors import FramingError, InputError
from framing.resources import load_schema, matches_schema
from framing.types import AnnotatedDocument

ANNOTATIONS_FILE = "annotations.jsonl"
META_FILE = "annotations.meta.json"


class SchemaViolation(FramingError):
    """The tool was about to write something that breaks its own schema."""


@cache
def _validator(name: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(load_schema(name))


def dumps(record: dict[str, Any]) -> str:
    """Canonical JSON: sorted keys, no ASCII escaping, compact separators."""
    return json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def validate_record(record: dict[str, Any], schema: str = "annotations") -> None:
    if matches_schema(record, schema):
        return
    error = next(iter(_validator(schema).iter_errors(record)), None)
    if error is not None:
        where = "/".join(str(p) for p in error.path) or "top level"
        raise SchemaViolation(
            f"record {record.get('id')!r} does not match schemas/{schema}.schema.json at {where}: "
            f"{error.message}"
        )


class AnnotationWriter:
    """Writes records one by one to a temporary file, renamed into place on close."""

    def __init__(self, path: Path, include_text: bool = True) -> None:
        self.path = path
        self.include_text = include_text
        self.tmp = path.with_name(path.name + ".tmp")
        path.parent.mkdir(parents=True, exist_ok=True)
        self._handle: IO[str] | None = self.tmp.open("w", encoding="utf-8", newline="\n")
        self.count = 0

    def write(self, document: AnnotatedDocument) -> None:
        record = document.to_record(include_text=self.include_text)
        validate_record(record)
        assert self._handle is not None
        self._handle.write(dumps(record) + "\n")
        self.count += 1

    def close(self) -> None:
        if self._handle is not None:
            self._handle.flush()
            os.fsync(self._handle.fileno())
            self._handle.close()
            self._handle = None
            self.tmp.replace(self.path)

    def abort(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None
            self.tmp.unlink(missing_ok=True)

    def __enter__(self) -> AnnotationWriter:
        return self

    def __exit__(self, exc_type: Any, *_: Any) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()


def write_annotations(
    documents: Iterable[AnnotatedDocument], path: Path, include_text: bool = True
) -> int:
    with AnnotationWriter(path, include_text) as writer:
        for document in documents:
            writer.write(document)
    return writer.count


def write_json(path: Path, data: Any) -> None:
    """Deterministic pretty JSON, written atomically."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(
        json.dumps(data, ensure_ascii=False, sort_keys=True, indent=2) + "\n", encoding="utf-8"
    )
    tmp.replace(path)


def read_annotations(path: str | Path) -> Iterator[AnnotatedDocument]:
    """Stream annotated documents from a JSONL file, checking each line."""
    path = Path(path)
    if path.is_dir():
        path = path / ANNOTATIONS_FILE
    if not path.is_file():
        raise InputError(f"{path}: no such annotations file")
    validator = _validator("annotations")
    with path.open(encoding="utf-8-sig") as handle:
        for line_no, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(
                    f"{path}:{line_no}: malformed JSON ({exc.msg}, column {exc.colno})"
                ) from exc
            if matches_schema(record, "annotations"):
                yield AnnotatedDocument.from_record(record)
                continue
            error = next(iter(validator.iter_errors(record)), None)
            if error is not None:
                where = "/".join(str(p) for p in error.path) or "top level"
                raise InputError(f"{path}:{line_no}: {where}: {error.message}")
            yield AnnotatedDocument.from_record(record)


class ResumableWriter:
    """Appends records to ``<path>.partial`` so an interrupted run can continue.

    A run is identified by a fingerprint (inputs and options). Restarted with
    the same fingerprint, the writer keeps every complete line already written
    (a line cut by a kill is dropped), reports the ids done, and appends the
    rest; at the end the partial file is renamed to ``path``. A different
    fingerprint starts from scratch.
    """

    SYNC_EVERY = 10

    def __init__(self, path: Path, fingerprint: str, include_text: bool = True) -> None:
        self.path = path
        self.include_text = include_text
        self.partial = path.with_name(path.name + ".partial")
        self.state = path.with_name(path.name + ".partial.json")
        self.fingerprint = fingerprint
        path.parent.mkdir(parents=True, exist_ok=True)
        self.done: list[str] = self._recover()
        self._handle: IO[bytes] | None = self.partial.open("ab")
        self.count = len(self.done)

    def _recover(self) -> list[str]:
        if self.partial.exists() and self.state.exists():
            try:
                state = json.loads(self.state.read_text(encoding="utf-8"))
            except (OSError, json.JSONDecodeError):
                state = {}
            if state.get("fingerprint") == self.fingerprint:
                return self._complete_lines()
        self.partial.write_bytes(b"")
        self.state.write_text(
            json.dumps({"fingerprint": self.fingerprint}) + "\n", encoding="utf-8"
        )
        return []

    def _complete_lines(self) -> list[str]:
        done: list[str] = []
        good = 0
        with self.partial.open("rb") as handle:
            for line in handle:
                if not line.endswith(b"\n"):
                    break
                try:
                    done.append(json.loads(line)["id"])
                except (ValueError, KeyError):
                    break
                good += len(line)
        with self.partial.open("r+b") as handle:
            handle.truncate(good)
        return done

    def restart(self) -> None:
        """Forget what was done (the inputs no longer line up with it)."""
        assert self._handle is not None
        self._handle.close()
        self.partial.write_bytes(b"")
        self.done = []
        self.count = 0
        self._handle = self.partial.open("ab")

    def write(self, document: AnnotatedDocument) -> None:
        record = document.to_record(include_text=self.include_text)
        validate_record(record)
        assert self._handle is not None
        self._handle.write((dumps(record) + "\n").encode("utf-8"))
        self._handle.flush()
        self.count += 1
        if self.count % self.SYNC_EVERY == 0:
            os.fsync(self._handle.fileno())

    def close(self) -> None:
        """Finish: the partial file becomes the output."""
        if self._handle is not None:
            self._handle.flush()
            os.fsync(self._handle.fileno())
            self._handle.close()
            self._handle = None
            self.partial.replace(self.path)
            self.state.unlink(missing_ok=True)

    def suspend(self) -> None:
        """Stop without finishing (e.g. on Ctrl-C): keep the partial file for a resume."""
        if self._handle is not None:
            self._handle.flush()
            os.fsync(self._handle.fileno())
            self._handle.close()
            self._handle = None
