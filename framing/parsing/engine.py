"""Running the parse stage at scale: worker processes, bounded memory, order kept.

Documents stream through in windows: each window's cache hits are read in the
main process, its misses are parsed by ``jobs`` worker processes (each loads
the model once), and the window is yielded in input order. Because every
document is parsed on its own, the output never depends on ``jobs``, on the
window size or on what was cached.

The Dask engine (``engine="dask"``) sends the same per-document work to a Dask
cluster: partitions of each window go to the workers and come back in order.
"""

from __future__ import annotations

import dataclasses
import itertools
import multiprocessing
import multiprocessing.pool
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from framing.errors import FramingError
from framing.parsing.cache import ParseCache
from framing.parsing.parser import ParseOptions, Parser
from framing.parsing.protocol import WrapsParser, unparsed
from framing.parsing.threads import thread_count
from framing.types import Document


@dataclass(frozen=True)
class ParserSpec:
    """What a worker needs to build the same parser as the main process."""

    model_dir: str | None
    language: str
    package: str | None
    options: ParseOptions
    chunk_cache: str | None = None
    """The parse cache folder, so workers keep the chunks of long texts there too."""

    @classmethod
    def of(cls, parser: Parser) -> ParserSpec:
        store = parser.chunk_store
        cache = str(store.directory) if isinstance(store, ParseCache) and store.writable else None
        return cls(
            str(parser.model.directory),
            parser.language,
            parser.model.package,
            parser.options,
            cache,
        )

    def build(self, threads: int | None = None) -> Parser:
        parser = Parser(
            model_dir=self.model_dir,
            language=self.language,
            package=self.package,
            options=self.options,
            threads=threads,
        )
        if self.chunk_cache is not None:
            ParseCache(Path(self.chunk_cache), parser)
        return parser


_WORKER_PARSER: Parser | None = None


def _init_worker(spec: ParserSpec) -> None:
    """Load the model once per worker process; one torch thread per worker."""
    global _WORKER_PARSER
    _WORKER_PARSER = spec.build(threads=thread_count(workers=2)).load()


def _parse_in_worker(document: Document) -> Document:
    assert _WORKER_PARSER is not None
    return _WORKER_PARSER.parse(document)


def _windows(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    iterator = iter(documents)
    while window := list(itertools.islice(iterator, size)):
        yield window


class ParseEngine(WrapsParser):
    """Parses a stream of documents with a cache, locally or on Dask."""

    def __init__(
        self,
        parser: Parser,
        cache: ParseCache | None = None,
        jobs: int = 1,
        engine: str = "local",
        scheduler: str | None = None,
        window: int | None = None,
    ) -> None:
        if jobs < 1:
            raise FramingError(f"--jobs must be at least 1, not {jobs}")
        if engine not in ("local", "dask"):
            raise FramingError(f"unknown engine {engine!r} (local or dask)")
        self.parser = parser
        self.cache = cache
        self.jobs = jobs
        self.engine = engine
        self.scheduler = scheduler
        self.window = window or max(16, 8 * jobs)
        self._pool: multiprocessing.pool.Pool | None = None
        self._client: Any = None
        self._cluster: Any = None

    # -- life cycle ---------------------------------------------------------------

    def __enter__(self) -> ParseEngine:
        return self

    def __exit__(self, *_: Any) -> None:
        self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool.join()
            self._pool = None
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None

    # -- parsing ------------------------------------------------------------------

    def parse(self, document: Document) -> Document:
        return next(self.parse_stream([document]))

    def parse_stream(self, documents: Iterable[Document]) -> Iterator[Document]:
        """Parsed documents, in input order; already-parsed ones pass through."""
        for window in _windows(documents, self.window):
            results: list[Document | None] = [None] * len(window)
            todo: list[int] = []
            for position, document in enumerate(window):
                if not unparsed(document):
                    results[position] = document
                    continue
                cached = self.cache.get(document) if self.cache else None
                if cached is not None:
                    self.cache.stats.hits += 1  # type: ignore[union-attr]
                    results[position] = cached
                else:
                    todo.append(position)
            parsed = self._parse_many([window[i] for i in todo])
            for position, document in zip(todo, parsed, strict=True):
                if self.cache is not None:
                    self.cache.stats.misses += 1
                    self.cache.put(document)
                results[position] = document
            yield from (r for r in results if r is not None)

    def _parse_many(self, documents: list[Document]) -> list[Document]:
        if not documents:
            return []
        if self.engine == "dask":
            return self._parse_dask(documents)
        if self.jobs == 1 or len(documents) == 1:
            return [self.parser.parse(d) for d in documents]
        if self._pool is None:
            context = multiprocessing.get_context("spawn" if os.name == "nt" else "forkserver")
            self._pool = context.Pool(
                self.jobs, initializer=_init_worker, initargs=(ParserSpec.of(self.parser),)
            )
        return self._pool.map(_parse_in_worker, documents, chunksize=1)

    def _parse_dask(self, documents: list[Document]) -> list[Document]:
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError as exc:
            raise FramingError(
                "the dask engine needs dask.distributed: pip install 'framing[dask]'"
            ) from exc
        if self._client is None:
            if self.scheduler:
                self._client = Client(self.scheduler)
            else:
                self._cluster = LocalCluster(
                    n_workers=self.jobs,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                )
                self._client = Client(self._cluster)
        spec = ParserSpec.of(self.parser)
        if self.scheduler:  # a remote cluster's workers do not share this machine's cache folder
            spec = dataclasses.replace(spec, chunk_cache=None)
        futures = self._client.map(_parse_on_dask, documents, spec=spec, pure=False)
        return self._client.gather(futures)


def _parse_on_dask(document: Document, spec: ParserSpec) -> Document:
    """Dask task: a per-worker cached parser, built on first use."""
    global _WORKER_PARSER
    if _WORKER_PARSER is None or ParserSpec.of(_WORKER_PARSER) != spec:
        _WORKER_PARSER = spec.build(threads=thread_count(workers=2)).load()
    return _WORKER_PARSER.parse(document)


def model_dir_of(parser: Parser) -> Path:
    return parser.model.directory
