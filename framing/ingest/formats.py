"""Readers for single files: plain text, JSONL, CSV/TSV, Parquet and CoNLL-U.

Each reader is a generator of ``Item`` (a document) or ``Skipped`` (a record it
could not use), so a bad record costs only itself. A problem with the whole file
(missing, empty, binary, wrongly encoded, oversized, not Parquet) is raised as
``InputError``; the corpus turns that into one skipped entry for the file.

Files are read whole, capped by ``max_bytes``, and decoded by
``framing.io.textfile`` so that decoding errors name the line and column; records
are then produced one at a time, and the corpus is never held in memory.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from framing.errors import InputError
from framing.ingest.options import IngestOptions
from framing.ingest.records import (
    Item,
    RecordError,
    Skipped,
    make_document,
    validate_document_record,
)
from framing.io.conllu import read_conllu
from framing.io.textfile import decode_text, read_bytes

Result = Iterator["Item | Skipped"]

_PARQUET_BATCH_ROWS = 256


def read_file_bytes(path: Path, options: IngestOptions) -> bytes:
    """The file's bytes; missing, oversized and empty files are errors."""
    data = read_bytes(path, options.max_bytes)
    if not data or data == b"\xef\xbb\xbf":
        raise InputError(f"{path}: file is empty")
    return data


def read_file_text(path: Path, options: IngestOptions) -> str:
    """The file decoded exactly (``textfile.decode_text``); empty files are errors."""
    return decode_text(read_file_bytes(path, options), str(path), options.encoding)


def document_text(path: Path, options: IngestOptions) -> str:
    """A one-document text file's content, refusing files with nothing to annotate."""
    text = read_file_text(path, options)
    if not text.strip():
        raise InputError(f"{path}: file has only whitespace, no text")
    return text


def lines(text: str) -> Iterator[tuple[int, str]]:
    """(1-based number, line with its ending) on ``\\n`` only.

    ``str.splitlines`` would also split on U+2028 and friends, which JSON strings
    may contain raw; this keeps line numbers equal to what an editor shows.
    """
    start = 0
    number = 1
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end + 1
        yield number, text[start:end]
        start = end
        number += 1


def read_text(path: Path, options: IngestOptions) -> Result:
    """A plain-text file is one document; its id is the file's stem."""
    text = document_text(path, options)
    try:
        document = make_document(
            {"id": path.stem, "text": text}, options, mapped=False, metadata={"source": str(path)}
        )
    except RecordError as exc:
        yield Skipped(str(path), "", exc.reason, exc.kind)
        return
    yield Item(document, str(path), "")


def _json_problem(exc: json.JSONDecodeError) -> str:
    message = exc.msg
    if message.endswith(" at"):  # "Unterminated string starting at"
        return f"{message} column {exc.colno}"
    return f"{message}, column {exc.colno}"


def _json_type(value: Any) -> str:
    names = {list: "a list", str: "a string", bool: "a boolean", type(None): "null"}
    return names.get(type(value), "a number")


def read_jsonl(path: Path, options: IngestOptions) -> Result:
    """One JSON object per line: ``id`` and ``text`` required, other keys to metadata.

    A last line cut mid-object (a truncated download) is reported as truncated;
    blank lines are ignored.
    """
    source = str(path)
    text = read_file_text(path, options)
    records = 0
    for number, line in lines(text):
        if not line.strip():
            continue
        records += 1
        location = f"line {number}"
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as exc:
            # The data ran out: the error is at the end, or a string never closes.
            at_end = exc.pos >= len(line.rstrip()) or exc.msg.startswith("Unterminated string")
            if at_end and not line.endswith("\n"):
                reason = f"truncated JSON: the file ends inside this record ({_json_problem(exc)})"
                yield Skipped(source, location, reason, "truncated")
            else:
                yield Skipped(
                    source, location, f"malformed JSON ({_json_problem(exc)})", "malformed"
                )
            continue
        if not isinstance(raw, dict):
            reason = f"record is {_json_type(raw)}, not a JSON object"
            yield Skipped(source, location, reason, "malformed")
            continue
        try:
            yield Item(make_document(raw, options), source, location)
        except RecordError as exc:
            yield Skipped(source, location, exc.reason, exc.kind)
    if records == 0:
        raise InputError(f"{path}: no records (only blank lines)")


def csv_rows(
    path: Path, text: str, delimiter: str, required: tuple[str, ...]
) -> Iterator[tuple[str, dict[str, str] | Skipped]]:
    """(location, row as a dict, or a Skipped) for each record after the header.

    The location is the line where the record starts (a quoted cell may span
    lines). ``required``: columns whose absence makes the whole file unusable.
    """
    limit = csv.field_size_limit()
    # A whole article is one cell; the default 128 KiB cap would cut long ones.
    csv.field_size_limit(max(limit, min(len(text) + 1, 2**31 - 1)))
    try:
        yield from _csv_records(path, text, delimiter, required)
    finally:
        csv.field_size_limit(limit)


def _csv_records(
    path: Path, text: str, delimiter: str, required: tuple[str, ...]
) -> Iterator[tuple[str, dict[str, str] | Skipped]]:
    source = str(path)
    reader = csv.reader((line for _, line in lines(text)), delimiter=delimiter, strict=True)
    try:
        header = next(reader)
    except StopIteration:
        raise InputError(f"{path}: file is empty") from None
    except csv.Error as exc:
        raise InputError(f"{path}:1: malformed header ({exc})") from None
    if len(set(header)) != len(header):
        twice = sorted({name for name in header if header.count(name) > 1})
        raise InputError(f"{path}:1: column {twice[0]!r} appears twice in the header")
    for name in required:
        if name not in header:
            raise InputError(
                f"{path}: no {name!r} column (columns: {', '.join(header)}); map one with --column"
            )
    rows = 0
    while True:
        start = reader.line_num + 1
        location = f"line {start}"
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            rows += 1
            if "unexpected end of data" in str(exc):
                reason = "truncated: the file ends inside a quoted cell"
                yield location, Skipped(source, location, reason, "truncated")
            else:
                yield location, Skipped(source, location, f"malformed row ({exc})", "malformed")
            continue
        if not cells or cells == [""]:
            continue
        rows += 1
        if len(cells) != len(header):
            reason = f"row has {len(cells)} cells, the header has {len(header)}"
            yield location, Skipped(source, location, reason, "malformed")
            continue
        yield location, dict(zip(header, cells, strict=True))
    if rows == 0:
        raise InputError(f"{path}: no rows after the header")


def read_delimited(path: Path, options: IngestOptions, delimiter: str) -> Result:
    """CSV or TSV with a header row; ``options.columns`` maps fields onto columns.

    Empty cells count as "not given". Quoting follows the usual CSV rules (as
    pandas and spreadsheets write it) for TSV too.
    """
    source = str(path)
    text = read_file_text(path, options)
    required = (options.source_key("id"), options.source_key("text"))
    for location, row in csv_rows(path, text, delimiter, required):
        if isinstance(row, Skipped):
            yield row
            continue
        raw = {key: value for key, value in row.items() if value != "" or key in required}
        try:
            yield Item(make_document(raw, options), source, location)
        except RecordError as exc:
            yield Skipped(source, location, exc.reason, exc.kind)


def read_parquet(path: Path, options: IngestOptions) -> Result:
    """A Parquet table, read batch by batch; one row is one document."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    source = str(path)
    data = read_file_bytes(path, options)
    try:
        table = pq.ParquetFile(pa.BufferReader(data))
    except (pa.ArrowException, OSError, ValueError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(f"{path}: not a valid Parquet file ({first})") from None
    names = table.schema_arrow.names
    for field in ("id", "text"):
        key = options.source_key(field)
        if key not in names:
            raise InputError(
                f"{path}: no {key!r} column (columns: {', '.join(names)}); map one with --column"
            )
    number = 0
    batches = table.iter_batches(batch_size=_PARQUET_BATCH_ROWS)
    while True:
        try:
            batch = next(batches)
        except StopIteration:
            break
        except (pa.ArrowException, OSError, ValueError) as exc:
            first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise InputError(
                f"{path}: unreadable Parquet data after row {number} ({first})"
            ) from None
        for raw in batch.to_pylist():
            number += 1
            location = f"row {number}"
            try:
                yield Item(make_document(raw, options), source, location)
            except RecordError as exc:
                yield Skipped(source, location, exc.reason, exc.kind)
    if number == 0:
        raise InputError(f"{path}: no rows in the table")


def read_conllu_documents(path: Path, options: IngestOptions) -> Result:
    """Already parsed documents (``framing.io.conllu``), with their sentences.

    Decoding goes through ``textfile`` (so ``encoding`` and ``max_bytes`` apply)
    and the parsing through ``framing.io.conllu.read_conllu``, the function behind
    ``read_conllu_file``.
    """
    source = str(path)
    documents = read_conllu(read_file_text(path, options), source=source)
    if not documents:
        raise InputError(f"{path}: no records (no sentences in the file)")
    for number, document in enumerate(documents, start=1):
        location = f"document {number}"
        record = {
            "id": document.id,
            "text": document.text,
            "outlet": document.outlet,
            "date": document.date,
            "title": document.title,
            "language": document.language,
            "metadata": document.metadata,
        }
        problem = validate_document_record(record)
        if problem is not None:
            yield Skipped(source, location, problem, "invalid field")
        else:
            yield Item(document, source, location)
