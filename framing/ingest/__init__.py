"""Turning any corpus shape into ``Document``s whose text is exactly what was read.

Inputs are folders (``.txt`` files, with or without ``manifest.csv``/``.yaml``),
plain-text files, JSONL, CSV/TSV, Parquet, HTML pages (main text extracted by
trafilatura; see ``framing.ingest.html``) and CoNLL-U. ``text`` is the decoded
file content with only a UTF-8 byte-order mark removed (CRLF and no-break spaces
kept), so every character offset computed later points into the source.

Bad records and bad files are set aside with a one-sentence reason
(``Corpus.skipped``, ``ingest_summary.json``) instead of stopping the run, unless
``IngestOptions.strict``; duplicate ids and duplicate texts keep the first.

    corpus = read_corpus(["examples/steppe"])
    for document in corpus:          # lazy; iterating again re-reads
        ...
    corpus.write_summary(out_dir)
"""

from __future__ import annotations

from framing.ingest.corpus import SUMMARY_FILE, Corpus, read_corpus
from framing.ingest.options import FIELDS, FORMATS, IngestOptions
from framing.ingest.records import Skipped

__all__ = [
    "FIELDS",
    "FORMATS",
    "SUMMARY_FILE",
    "Corpus",
    "IngestOptions",
    "Skipped",
    "read_corpus",
]
