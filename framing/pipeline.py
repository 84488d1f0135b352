"""Wiring the stages together: documents -> parses -> annotated documents.

The CLI and the Python API both go through these functions, so a command
and its API call do exactly the same work.
"""

from __future__ import annotations

import gc
import hashlib
import json
import platform
import subprocess
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from framing import __version__
from framing.annotation.annotator import Annotator
from framing.errors import InputError
from framing.ingest import Corpus, IngestOptions, read_corpus
from framing.io.annotations import ANNOTATIONS_FILE, META_FILE, write_json
from framing.parsing.parser import ParseOptions, Parser
from framing.parsing.protocol import ParserLike, unparsed
from framing.progress import Progress
from framing.types import AnnotatedDocument, Document

if TYPE_CHECKING:
    from framing.parsing.engine import ParseEngine


def open_corpus(inputs: Iterable[str | Path], language: str, settings: Mapping[str, Any]) -> Corpus:
    """The corpus behind INPUT paths, through the ingest readers."""
    paths = [Path(p) for p in inputs]
    for path in paths:
        if not path.exists():
            raise InputError(f"{path}: no such file or folder")
    options = IngestOptions(
        format=settings.get("format"),
        encoding=settings.get("encoding"),
        strict=bool(settings.get("strict", False)),
        columns=dict(settings.get("columns") or {}),
        language=language,
        allow_outside=bool(settings.get("allow_outside", False)),
        **({"max_bytes": _max_bytes(settings["max_bytes"])} if "max_bytes" in settings else {}),
    )
    return read_corpus(paths, options)


def _max_bytes(value: Any) -> int | None:
    """``max_bytes`` from settings or a study file: None or 0 mean no limit."""
    return int(value) if value else None


def annotate_documents(
    documents: Iterable[Document], annotator: Annotator, parser: ParserLike | None = None
) -> Iterator[AnnotatedDocument]:
    """Parse (unless already parsed) and annotate each document, lazily, in order.

    Without a parser, one is loaded for the first document that needs it.
    """
    parsed = parser.parse_stream(documents) if parser is not None else parsed_lazily(documents)
    for document in parsed:
        yield annotator.annotate(document)


def parsed_lazily(
    documents: Iterable[Document], model_dir: Path | None = None, language: str | None = None
) -> Iterator[Document]:
    """Documents parsed by a parser (for their language unless ``language`` is given),
    loaded only when the first one needs it: parses read from CoNLL-U need no model."""
    parser: Parser | None = None
    for document in documents:
        if unparsed(document):
            parser = parser or Parser(model_dir=model_dir, language=language or document.language)
            document = parser.parse(document)
        yield document


def make_engine(
    model_dir: Path | None,
    language: str,
    cache_dir: Path | None,
    no_cache: bool,
    jobs: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    package: str | None = None,
    options: ParseOptions | None = None,
) -> ParseEngine:
    """The parse engine: a parser, the parse cache (unless ``no_cache``), workers."""
    from framing.parsing.cache import ParseCache, default_cache_dir
    from framing.parsing.engine import ParseEngine

    parser = Parser(model_dir=model_dir, language=language, package=package, options=options)
    cache = None if no_cache else ParseCache(cache_dir or default_cache_dir(), parser)
    return ParseEngine(parser, cache, jobs=jobs, engine=engine, scheduler=scheduler)


def fingerprint(*parts: Any) -> str:
    """A stable digest of a run's inputs and options (for resuming)."""
    payload = json.dumps(parts, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def input_fingerprint(paths: Iterable[Path]) -> list[tuple[str, int, int]]:
    """Paths with size and modification time: cheap change detection for resume."""
    out = []
    for path in paths:
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            stat = file.stat()
            out.append((str(file), stat.st_size, stat.st_mtime_ns))
    return out


@contextmanager
def batch_gc() -> Iterator[None]:
    """Garbage collection tuned for a long batch run, restored afterwards.

    A run allocates many short-lived objects (words, tokens, mentions) around
    a large, permanent lexicon; with the default settings the collector keeps
    walking the lexicon and fires every 700 allocations, which cost about as
    much as reading the cached parse. The objects that exist now (the lexicon,
    the rules) are frozen out of collection and the young generation may grow
    to 10,000 objects; documents hold no reference cycles, so they are freed
    as soon as they are written either way.
    """
    threshold = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(max(threshold[0], 10_000), *threshold[1:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


def annotate_to_file(
    documents: Iterable[Document],
    annotator: Annotator,
    parser: ParserLike | None,
    path: Path,
    run_fingerprint: str,
    include_text: bool = True,
    progress: Progress | None = None,
) -> int:
    """Annotate a stream into ``path``, resuming an interrupted run with the same fingerprint.

    Returns the number of documents written (including those from before a resume).
    """
    from framing.io.annotations import ResumableWriter

    writer = ResumableWriter(path, run_fingerprint, include_text)
    done = list(writer.done)

    def remaining() -> Iterator[Document]:
        for index, document in enumerate(documents):
            if index < len(done):
                if document.id != done[index]:
                    raise _Misaligned
                if progress is not None:
                    progress(None)
                continue
            yield document

    try:
        with batch_gc():
            try:
                for annotated in annotate_documents(remaining(), annotator, parser):
                    writer.write(annotated)
                    if progress is not None:
                        progress(annotated)
            except _Misaligned:
                writer.restart()
                for annotated in annotate_documents(documents, annotator, parser):
                    writer.write(annotated)
                    if progress is not None:
                        progress(annotated)
    except BaseException:
        writer.suspend()
        raise
    writer.close()
    return writer.count


class _Misaligned(Exception):
    """The documents done before no longer match the inputs' order."""


def git_commit(path: Path) -> str | None:
    """The commit of the checkout at ``path``, if it is one (for provenance)."""
    if not (path / ".git").exists():  # an installed package: no git, no subprocess
        return None
    try:
        result = subprocess.run(
            ["git", "-C", str(path), "rev-parse", "HEAD"],
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    commit = result.stdout.strip()
    return commit if result.returncode == 0 and len(commit) == 40 else None


def provenance(
    parser: ParserLike | None, annotator: Annotator | None, options: dict[str, Any] | None = None
) -> dict[str, Any]:
    """What produced an output: versions, model identity, data checksums, options.

    The package's own metadata and the checksums of every data file identify
    the code and data; the git commit is added only when framing runs from a
    checkout (an installed wheel has none, and site-packages may sit inside
    an unrelated repository).
    """
    from framing.parsing.models import stanza_version
    from framing.resources import REPO_ROOT, runs_from_checkout

    record: dict[str, Any] = {
        "framing_version": __version__,
        "git_commit": git_commit(REPO_ROOT) if runs_from_checkout() else None,
        "python_version": platform.python_version(),
        "stanza_version": stanza_version(),
        "options": options or {},
    }
    if parser is not None:
        record["model"] = parser.model.identity()
        record["parse_options"] = parser.options.as_dict()
    if annotator is not None:
        record["lexicon_files"] = {
            _relative(path): digest for path, digest in annotator.checksums.items()
        }
    return record


def _relative(path: str) -> str:
    """A data file's name as recorded: relative to the folder holding its lexicon
    root (``lexicons/fr/actors.yaml`` from a checkout and an installed wheel alike)."""
    from framing.resources import bundled_dir, lexicon_root

    resolved = Path(path).resolve()
    for root in (bundled_dir("lexicons"), lexicon_root()):
        try:
            return resolved.relative_to(root.resolve().parent).as_posix()
        except ValueError:
            continue
    return str(path)


# -- one annotation run ------------------------------------------------------------


@dataclass(frozen=True)
class AnnotateSettings:
    """What an annotation run reads and keeps: all of it goes into the run's
    fingerprint, so a restarted run resumes only when none of it changed."""

    inputs: tuple[Path, ...]
    language: str = "fr"
    lexicons: tuple[Path, ...] = ()
    ingest: Mapping[str, Any] = field(default_factory=dict)
    include_text: bool = True
    references: bool = False  # also write actor_reference mentions (institutional names)


@dataclass(frozen=True)
class AnnotateOutcome:
    """Where the annotations went, how many documents, the corpus they came from
    (its ``skipped`` records and ``summary()``) and where its summary was written."""

    path: Path
    documents: int
    corpus: Corpus
    summary_path: Path


def annotate_corpus(
    settings: AnnotateSettings,
    out_dir: Path,
    parser: ParserLike,
    progress: Progress | None = None,
) -> AnnotateOutcome:
    """Open the corpus, annotate it into ``out_dir/annotations.jsonl`` (resuming an
    interrupted run), and write the provenance and the ingest summary beside it.

    ``framing annotate``, ``framing run`` and study files all go through here.
    """
    corpus = open_corpus(settings.inputs, settings.language, settings.ingest)
    annotator = Annotator.from_paths(
        settings.lexicons or None, settings.language, settings.references
    )
    out_dir.mkdir(parents=True, exist_ok=True)
    run_id = fingerprint(
        input_fingerprint(settings.inputs),
        dict(settings.ingest),
        settings.language,
        not settings.include_text,
        annotator.checksums,
        *(["references"] if settings.references else []),
    )
    if progress is not None and progress.enabled and progress.total is None:
        progress.total = sum(1 for _ in corpus)
    path = out_dir / ANNOTATIONS_FILE
    count = annotate_to_file(
        corpus, annotator, parser, path, run_id, settings.include_text, progress
    )
    if progress is not None:
        progress.close()
    options = {
        "language": settings.language,
        "include_text": settings.include_text,
        "include_references": settings.references,
        "ingest": dict(settings.ingest),
    }
    meta = provenance(parser, annotator, options)
    meta["documents"] = count
    write_json(out_dir / META_FILE, meta)
    summary_path = corpus.write_summary(out_dir)
    return AnnotateOutcome(path, count, corpus, summary_path)
