"""A content-addressed cache of parses, so each text is parsed once per model.

The key is the sha256 of the text together with the model's identity (its
files' sha256), the Stanza version and the parse options: change any of them
and the cache misses. An entry is the parse as gzip-compressed CoNLL-U in our
lossless form, written atomically (temporary file, then rename). On read the
parse must decompress, read back and line up with the text exactly; anything
else is a corrupt entry, which is reported, parsed again and overwritten.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path

from framing.conllu import document_to_conllu, read_conllu
from framing.document import Document
from framing.errors import FramingError
from framing.parsing import Parser

CACHE_DIR_ENV = "FRAMING_CACHE_DIR"


class CacheWarning(UserWarning):
    """A cache entry was unreadable and has been replaced."""


def default_cache_dir() -> Path:
    base = os.environ.get(CACHE_DIR_ENV)
    if base:
        return Path(base)
    root = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(root) / "framing" / "parses"


@dataclass
class CacheStats:
    hits: int = 0
    misses: int = 0
    corrupt: int = 0


class ParseCache:
    """Parses stored under ``directory/<2 hex>/<key>.conllu.gz``."""

    def __init__(self, directory: Path, parser: Parser) -> None:
        self.directory = Path(directory)
        self.parser = parser
        self.stats = CacheStats()
        identity = {
            "model": parser.model.identity(),
            "options": parser.options.as_dict(),
            "format": 1,
        }
        self._salt = hashlib.sha256(
            json.dumps(identity, sort_keys=True).encode("utf-8")
        ).hexdigest()
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise FramingError(
                f"cache folder {self.directory} cannot be created ({exc.strerror})"
            ) from exc

    @property
    def model(self):
        return self.parser.model

    @property
    def options(self):
        return self.parser.options

    @property
    def language(self) -> str:
        return self.parser.language

    def key(self, text: str) -> str:
        digest = hashlib.sha256()
        digest.update(self._salt.encode("ascii"))
        digest.update(text.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.conllu.gz"

    def get(self, document: Document) -> Document | None:
        path = self.path(self.key(document.text))
        if not path.is_file():
            return None
        try:
            content = gzip.decompress(path.read_bytes()).decode("utf-8")
            (cached,) = read_conllu(content, source=str(path))
            if cached.text != document.text:
                raise ValueError("text differs")
            cached.check_offsets()
        except Exception as exc:  # any failure means the entry cannot be trusted
            self.stats.corrupt += 1
            warnings.warn(
                CacheWarning(f"corrupt cache entry {path} ({type(exc).__name__}); parsing again"),
                stacklevel=2,
            )
            return None
        result = document.without_parse()
        result.sentences = cached.sentences
        for sentence in result.sentences:
            sentence.sent_id = f"{document.id}-{sentence.index + 1}"
        return result

    def put(self, parsed: Document) -> None:
        path = self.path(self.key(parsed.text))
        path.parent.mkdir(parents=True, exist_ok=True)
        stored = parsed.without_parse()
        stored.id = "cached"
        stored.metadata = {}
        stored.outlet = stored.date = stored.title = None
        stored.sentences = parsed.sentences
        data = gzip.compress(document_to_conllu(stored).encode("utf-8"), mtime=0)
        handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".gz")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def parse(self, document: Document) -> Document:
        """The cached parse of ``document``, parsing (and storing) on a miss."""
        if not document.text.strip():
            return self.parser.parse(document)
        cached = self.get(document)
        if cached is not None:
            self.stats.hits += 1
            return cached
        self.stats.misses += 1
        parsed = self.parser.parse(document)
        self.put(parsed)
        return parsed


_ENTRY_NAME = re.compile(r"^[0-9a-f]{64}\.conllu\.gz$")
_LEFTOVER_NAME = re.compile(r"^\.tmp-.*\.gz$")  # an interrupted atomic write


@dataclass
class CacheSummary:
    directory: Path
    entries: int
    bytes: int
    leftovers: int


def _cache_files(directory: Path) -> tuple[list[Path], list[Path]]:
    """Entry files and interrupted writes, found by the cache's own layout only
    (``<2 hex>/<64 hex>.conllu.gz``), so nothing else in the folder is touched."""
    entries: list[Path] = []
    leftovers: list[Path] = []
    if not directory.is_dir():
        return entries, leftovers
    for sub in sorted(directory.iterdir()):
        if not (sub.is_dir() and re.fullmatch(r"[0-9a-f]{2}", sub.name)):
            continue
        for path in sorted(sub.iterdir()):
            if _ENTRY_NAME.match(path.name) and path.name.startswith(sub.name):
                entries.append(path)
            elif _LEFTOVER_NAME.match(path.name):
                leftovers.append(path)
    return entries, leftovers


def cache_summary(directory: Path | None = None) -> CacheSummary:
    """How many parses the cache folder holds and how much space they take."""
    folder = Path(directory) if directory else default_cache_dir()
    entries, leftovers = _cache_files(folder)
    size = sum(p.stat().st_size for p in entries + leftovers)
    return CacheSummary(folder, len(entries), size, len(leftovers))


def clear_cache(directory: Path | None = None) -> int:
    """Delete every cached parse (and interrupted writes); return how many files went.

    Entries of older models or options are never read again but are not
    removed automatically; this is how to reclaim the space. Only files with
    the cache's own names are deleted, then the sub-folders left empty.
    """
    folder = Path(directory) if directory else default_cache_dir()
    entries, leftovers = _cache_files(folder)
    for path in entries + leftovers:
        path.unlink(missing_ok=True)
    for sub in {p.parent for p in entries + leftovers}:
        if sub.is_dir() and not any(sub.iterdir()):
            sub.rmdir()
    return len(entries) + len(leftovers)
