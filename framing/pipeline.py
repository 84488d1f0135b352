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
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from framing import __version__
from framing.annotation.annotator import Annotator
from framing.errors import InputError
from framing.parsing.parser import Parser
from framing.types import AnnotatedDocument, Document


def open_corpus(inputs: Iterable[str | Path], language: str, settings: dict[str, Any]) -> Any:
    """The corpus behind INPUT paths, through the ingest readers."""
    from framing.ingest import IngestOptions, read_corpus

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
    documents: Iterable[Document], annotator: Annotator, parser: Any = None
) -> Iterator[AnnotatedDocument]:
    """Parse (unless already parsed) and annotate each document, lazily, in order."""
    if parser is not None and hasattr(parser, "parse_stream"):
        for parsed in parser.parse_stream(documents):
            yield annotator.annotate(parsed)
        return
    for document in documents:
        if not document.sentences and document.text.strip():
            if parser is None:
                parser = Parser(language=document.language)
            document = parser.parse(document)
        yield annotator.annotate(document)


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
    parser: Any,
    path: Path,
    run_fingerprint: str,
    include_text: bool = True,
    progress: Any = None,
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
    parser: Any, annotator: Annotator | None, options: dict[str, Any] | None = None
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
