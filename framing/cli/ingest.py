"""``framing ingest``: any supported input -> one ``corpus.jsonl`` + ``ingest_summary.json``.

Normalizing once lets a study freeze exactly which articles it used (with the
reasons others were left out) and lets later commands read one simple format.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from framing.cli.common import friendly_errors, hold_output
from framing.errors import InputError
from framing.ingest.corpus import Corpus, read_corpus
from framing.ingest.options import FORMATS, IngestOptions
from framing.ingest.records import validate_document_record
from framing.io.textfile import DEFAULT_MAX_BYTES
from framing.types import Document

CORPUS_FILE = "corpus.jsonl"


def document_record(document: Document) -> dict[str, Any]:
    """The corpus.jsonl line for a document (the url, if any, lives in metadata)."""
    return {
        "id": document.id,
        "outlet": document.outlet,
        "date": document.date,
        "title": document.title,
        "language": document.language,
        "text": document.text,
        "metadata": document.metadata,
    }


def parse_columns(items: tuple[str, ...]) -> dict[str, str]:
    """``("text=body", ...)`` -> ``{"text": "body"}``; fields are checked by read_corpus."""
    mapping: dict[str, str] = {}
    for item in items:
        name, sep, column = item.partition("=")
        if not sep or not name or not column:
            raise InputError(f"--column {item!r}: expected FIELD=COLUMN")
        mapping[name] = column
    return mapping


def write_corpus(corpus: Corpus, target: Path) -> int:
    """Stream the documents into ``target`` through a temporary file; return the count.

    Each line is checked against ``schemas/document.schema.json`` before it is
    written. On any error the temporary file is removed and ``target`` is left
    as it was.
    """
    tmp = target.with_name(target.name + ".tmp")
    count = 0
    try:
        with tmp.open("w", encoding="utf-8", newline="\n") as handle:
            for document in corpus:
                record = document_record(document)
                problem = validate_document_record(record)
                if problem is not None:  # pragma: no cover - readers validate already
                    raise InputError(f"document {document.id!r}: {problem}")
                handle.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
                count += 1
        tmp.replace(target)
    finally:
        tmp.unlink(missing_ok=True)
    return count


def report(summary: dict[str, Any], corpus: Corpus) -> None:
    """Kept/skipped counts and each skipped item, one line each, on stderr."""
    reasons = ", ".join(f"{n} {kind}" for kind, n in summary["skipped_by_reason"].items())
    line = f"ingest: {summary['kept']} documents kept, {summary['skipped']} skipped"
    click.echo(line + (f" ({reasons})" if reasons else ""), err=True)
    for item in corpus.skipped:
        click.echo(f"skipped: {item.message}", err=True)


@click.command("ingest")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for corpus.jsonl and ingest_summary.json.",
)
@click.option(
    "--format",
    "input_format",
    type=click.Choice(FORMATS),
    default=None,
    help="Input format (default: by file type; a folder is read as .txt files + manifest).",
)
@click.option("--encoding", default=None, help="Text encoding of the inputs (default UTF-8).")
@click.option(
    "--max-bytes",
    type=click.IntRange(0),
    default=DEFAULT_MAX_BYTES,
    show_default=True,
    help="Largest input file accepted, in bytes (0: no limit).",
)
@click.option("--strict", is_flag=True, help="Stop at the first bad record, file or duplicate.")
@click.option(
    "--allow-outside", is_flag=True, help="Let a manifest name files outside its own folder."
)
@click.option(
    "--column",
    "columns",
    multiple=True,
    metavar="FIELD=COLUMN",
    help="Map a document field to a source column or key (JSONL/CSV/TSV/Parquet); repeatable.",
)
@click.option(
    "--language", default="fr", show_default=True, help="Language of records without one."
)
@friendly_errors
def ingest_command(
    inputs: tuple[Path, ...],
    out_dir: Path,
    input_format: str | None,
    encoding: str | None,
    max_bytes: int,
    strict: bool,
    allow_outside: bool,
    columns: tuple[str, ...],
    language: str,
) -> None:
    """Normalize INPUT files and folders into DIR/corpus.jsonl, with a summary of what was skipped.

    Exits 1 on fatal errors only (a missing input, bad options, --strict and a
    bad record, or no document at all); skipped records are reported, not fatal.
    """
    options = IngestOptions(
        format=input_format,
        encoding=encoding,
        max_bytes=max_bytes or None,
        strict=strict,
        columns=parse_columns(columns),
        language=language,
        allow_outside=allow_outside,
    )
    corpus = read_corpus(inputs, options)
    hold_output(out_dir)
    try:
        count = write_corpus(corpus, out_dir / CORPUS_FILE)
    finally:
        summary_path = corpus.write_summary(out_dir)
    summary = corpus.summary()
    report(summary, corpus)
    if count == 0:
        raise InputError(f"no documents kept from the inputs; see {summary_path}")
    click.echo(f"{out_dir / CORPUS_FILE}\t{count} documents")
