"""The corpus: every input, read lazily, with duplicates and bad records set aside.

A corpus may be far larger than memory, so ``Corpus`` is a re-iterable stream:
each pass re-reads the inputs and keeps only what is needed to spot duplicates
(ids and a 16-byte digest per text). What was not read, and why, accumulates in
``skipped`` as the pass proceeds and ends up in ``ingest_summary.json``, so a
skipped article is never silently missing from a study.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from framing.errors import InputError
from framing.ingest import formats
from framing.ingest.html import read_html
from framing.ingest.manifest import read_folder, read_manifest
from framing.ingest.options import EXTENSIONS, IngestOptions, check_options, format_of
from framing.ingest.records import Item, Skipped, where
from framing.types import Document

SUMMARY_FILE = "ingest_summary.json"

Reader = Callable[[Path, IngestOptions], Iterator["Item | Skipped"]]

_READERS: dict[str, Reader] = {
    "folder": read_folder,
    "text": formats.read_text,
    "manifest": read_manifest,
    "jsonl": formats.read_jsonl,
    "csv": lambda path, options: formats.read_delimited(path, options, ","),
    "tsv": lambda path, options: formats.read_delimited(path, options, "\t"),
    "parquet": formats.read_parquet,
    "html": read_html,
    "conllu": formats.read_conllu_documents,
}


@dataclass
class _Pass:
    """Counters and duplicate memory for one iteration over the corpus."""

    skipped: list[Skipped] = field(default_factory=list)
    records: int = 0
    kept: int = 0
    outlets: Counter[str] = field(default_factory=Counter)
    ids: dict[str, str] = field(default_factory=dict)
    texts: dict[bytes, tuple[str, str]] = field(default_factory=dict)
    complete: bool = False

    def duplicate(self, item: Item) -> Skipped | None:
        """A skip for an id or a text seen before (the first one is kept), else None."""
        document = item.document
        digest = hashlib.blake2b(
            document.text.encode("utf-8", "surrogatepass"), digest_size=16
        ).digest()
        first = self.ids.get(document.id)
        if first is not None:
            reason = f'duplicate id "{document.id}" (first read at {first})'
            return Skipped(item.source, item.location, reason, "duplicate id")
        if digest in self.texts:
            other, at = self.texts[digest]
            reason = f'duplicate text: same as "{other}" (first read at {at})'
            return Skipped(item.source, item.location, reason, "duplicate text")
        here = where(item.source, item.location)
        self.ids[document.id] = here
        self.texts[digest] = (document.id, here)
        return None


class Corpus:
    """Documents from the inputs, read lazily; iterate again to re-read.

    ``skipped`` lists what the current (or last) pass set aside, in reading
    order. With ``options.strict`` the first such problem raises ``InputError``
    instead; documents already yielded stay valid either way.
    """

    def __init__(self, plan: Sequence[tuple[Path, str]], options: IngestOptions) -> None:
        self._plan = list(plan)
        self.options = options
        self._pass = _Pass()
        self._passes = 0
        self.skipped: list[Skipped] = self._pass.skipped

    @property
    def inputs(self) -> list[Path]:
        return [path for path, _ in self._plan]

    def __iter__(self) -> Iterator[Document]:
        state = _Pass()
        self._pass = state
        self._passes += 1
        self.skipped = state.skipped
        for path, fmt in self._plan:
            for item in self._items(path, fmt):
                if isinstance(item, Skipped):
                    state.records += 1 if item.location else 0
                    self._skip(state, item)
                    continue
                state.records += 1
                duplicate = state.duplicate(item)
                if duplicate is not None:
                    self._skip(state, duplicate)
                    continue
                state.kept += 1
                state.outlets[item.document.outlet or "(none)"] += 1
                yield item.document
        state.complete = True

    def _items(self, path: Path, fmt: str) -> Iterator[Item | Skipped]:
        """The reader's items; an ``InputError`` for the whole file becomes one Skipped.

        ``next`` is called inside ``try`` and the item yielded outside it, so an
        error raised by the consumer is never mistaken for a bad file.
        """
        reader = _READERS[fmt](path, self.options)
        while True:
            try:
                item = next(reader)
            except StopIteration:
                return
            except InputError as exc:
                if self.options.strict:
                    raise
                yield Skipped.from_error(exc, str(path))
                return
            yield item

    def _skip(self, state: _Pass, item: Skipped) -> None:
        if self.options.strict:
            raise InputError(item.message)
        state.skipped.append(item)

    def summary(self) -> dict[str, Any]:
        """Counts of the last pass (one is run if none has been), JSON-ready and ordered.

        ``records`` counts records seen (kept + skipped ones); whole files that
        could not be read are counted in ``files_skipped``.
        """
        if self._passes == 0:
            for _ in self:
                pass
        state = self._pass
        by_reason = Counter(item.kind for item in state.skipped)
        return {
            "complete": state.complete,
            "inputs": [str(path) for path in self.inputs],
            "options": self.options.as_record(),
            "records": state.records,
            "kept": state.kept,
            "kept_by_outlet": dict(sorted(state.outlets.items())),
            "skipped": len(state.skipped),
            "files_skipped": sum(1 for item in state.skipped if not item.location),
            "skipped_by_reason": dict(sorted(by_reason.items())),
            "skipped_items": [item.as_record() for item in state.skipped],
        }

    def write_summary(self, out_dir: Path) -> Path:
        """Write ``ingest_summary.json`` (sorted keys) into ``out_dir``; return its path."""
        out_dir.mkdir(parents=True, exist_ok=True)
        target = out_dir / SUMMARY_FILE
        tmp = target.with_name(target.name + ".tmp")
        text = json.dumps(self.summary(), ensure_ascii=False, sort_keys=True, indent=2)
        tmp.write_text(text + "\n", encoding="utf-8")
        tmp.replace(target)
        return target


def _plan_input(path: Path, options: IngestOptions) -> list[tuple[Path, str]]:
    if not path.exists():
        raise InputError(f"{path}: no such file or folder")
    if not path.is_dir():
        return [(path, format_of(path, options))]
    if options.format in (None, "text", "manifest"):
        return [(path, "folder")]
    suffixes = [ext for ext, fmt in EXTENSIONS.items() if fmt == options.format]
    files = sorted(p for p in path.iterdir() if p.suffix.lower() in suffixes and p.is_file())
    if not files:
        raise InputError(
            f"{path}: no {options.format} files ({', '.join(suffixes)}) in this folder"
        )
    return [(file, options.format) for file in files]


def read_corpus(inputs: Sequence[str | Path], options: IngestOptions | None = None) -> Corpus:
    """A lazy corpus over files and folders, each read by its format.

    Usage mistakes (no inputs, a missing path, an unknown file type, bad
    options) raise ``InputError`` now; problems inside the inputs surface while
    iterating, as ``Corpus.skipped`` entries (or ``InputError`` when strict).
    """
    options = options or IngestOptions()
    check_options(options)
    if not inputs:
        raise InputError("no inputs given")
    plan: list[tuple[Path, str]] = []
    for raw in inputs:
        plan.extend(_plan_input(Path(raw), options))
    return Corpus(plan, options)
