"""A content-addressed cache of parses, so each text is parsed once per model.

The key is the sha256 of the text together with the model's identity (its
files' sha256), the Stanza version and the parse options: change any of them
and the cache misses. An entry is the parse as gzip-compressed JSON, written
atomically (temporary file, then rename): for each sentence its tokens as
``[start, end, space_after, words]``, each word as its ten CoNLL-U columns
(the form ``null`` when it equals the token's text). The text itself is not
stored, it is the key. JSON rather than CoNLL-U because re-annotation after a
lexicon edit reads every entry, and JSON decodes in C. On read the parse must
decompress, decode and rebuild the text exactly; anything else is a corrupt
entry, which is reported, parsed again and overwritten.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import tempfile
import warnings
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from framing.parsing.glued import (
    DASH_VERSION,
    LATER_SEAMS_VERSION,
    QUOTE_SEAM_VERSION,
    inner_dashes,
    later_seams,
    quote_seams,
)
from framing.parsing.parser import Parser
from framing.parsing.protocol import WrapsParser, unparsed
from framing.parsing.textview import VIEW_VERSION, needs_view
from framing.types import Document, Sentence, Token, Word

try:  # an optional speed-up of reading entries, never required
    import orjson as _orjson
except ImportError:  # pragma: no cover - depends on the environment
    _orjson = None  # type: ignore[assignment]

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


FORMAT = 2  # of the entries; part of the key, so a new format never reads an old entry


def encode_parse(document: Document) -> bytes:
    """The parse of ``document`` as compact JSON (see the module docstring)."""
    sentences = [
        [
            [
                token.start,
                token.end,
                token.space_after,
                [
                    [
                        word.id,
                        None if word.text == token.text else word.text,
                        word.lemma,
                        word.upos,
                        word.xpos,
                        word.feats,
                        word.head,
                        word.deprel,
                        word.deps,
                        word.misc,
                    ]
                    for word in token.words
                ],
            ]
            for token in sentence.tokens
        ]
        for sentence in document.sentences
    ]
    payload = {"format": FORMAT, "sentences": sentences}
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _json_loads(data: bytes) -> Any:
    """JSON decoded by orjson where it is installed (about three times faster
    than the standard library on these entries), else by ``json``; an entry
    orjson refuses is given to ``json``, which has the last word."""
    if _orjson is not None:
        try:
            return _orjson.loads(data)
        except _orjson.JSONDecodeError:
            pass
    return json.loads(data)


def decompress(data: bytes) -> bytes:
    """A gzip file's content: one member (as :meth:`ParseCache.put` writes it)
    is inflated by zlib directly, without the gzip module's Python header
    parsing; anything else goes through ``gzip.decompress``, which decides."""
    inflater = zlib.decompressobj(31)
    try:
        found = inflater.decompress(data)
    except zlib.error:
        return gzip.decompress(data)
    if not inflater.eof or inflater.unused_data:
        return gzip.decompress(data)
    return found


def decode_parse(data: bytes, text: str) -> list[Sentence]:
    """Sentences from :func:`encode_parse` output, checked against ``text``.

    Raises ``ValueError`` (or the error of the malformed part) unless the
    tokens and the spaces between them rebuild ``text`` exactly.
    """
    payload = _json_loads(data)
    if payload.get("format") != FORMAT:
        raise ValueError(f"format {payload.get('format')!r}, expected {FORMAT}")
    sentences: list[Sentence] = []
    position: int | None = None  # where the next token must start
    for sentence_index, rows in enumerate(payload["sentences"]):
        if not rows:
            raise ValueError(f"sentence {sentence_index} has no tokens")
        if position is None:
            position = rows[0][0]  # the text before the first token is not a token
        tokens, position = _decode_tokens(rows, text, position)
        sentences.append(Sentence(sentence_index, tokens))
    if (position or 0) != len(text) and text.strip():
        raise ValueError(f"the tokens end at {position}, the text at {len(text)}")
    return sentences


def _decode_tokens(rows: list[Any], text: str, position: int) -> tuple[list[Token], int]:
    """One sentence's tokens, each checked to start where the text says, and
    where the next token must start."""
    tokens: list[Token] = []
    for token_index, (start, end, space_after, words) in enumerate(rows):
        surface = text[start:end]
        if start != position or len(surface) != end - start or not surface:
            raise ValueError(f"token at {start}:{end} does not follow the text at {position}")
        if not text.startswith(space_after, end):
            raise ValueError(f"the space after the token at {start}:{end} is not in the text")
        position = end + len(space_after)
        built = []
        for w in words:
            if len(w) != 10:
                raise ValueError(f"a word of the token at {start}:{end} has {len(w)} columns")
            if w[1] is None:
                w[1] = surface
            built.append(Word(*w, token_index))
        tokens.append(Token(token_index, surface, start, end, built, space_after))
    return tokens, position


class ParseCache(WrapsParser):
    """Parses stored under ``directory/<2 hex>/<key>.json.gz``."""

    def __init__(self, directory: Path, parser: Parser) -> None:
        self.directory = Path(directory)
        self.parser = parser
        if parser.chunk_store is None:  # long texts keep their parsed chunks here too
            parser.chunk_store = self
        self.stats = CacheStats()
        identity = {
            "model": parser.model.identity(),
            "options": parser.options.as_dict(),
            "format": FORMAT,
        }
        self._opens_seams = parser.options.open_glued_sentences
        self._salt = hashlib.sha256(
            json.dumps(identity, sort_keys=True).encode("utf-8")
        ).hexdigest()
        self.writable = True
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self._read_only(exc)

    def key(self, text: str) -> str:
        digest = hashlib.sha256()
        digest.update(self._salt.encode("ascii"))
        if needs_view(text):  # parsed through a normalized view: never an older entry
            digest.update(f"view{VIEW_VERSION}".encode("ascii"))
        if self._opens_seams and later_seams(text):  # a seam version 1 left glued
            digest.update(f"seams{LATER_SEAMS_VERSION}".encode("ascii"))
        if self._opens_seams and inner_dashes(text):  # read with commas for its dashes
            digest.update(f"dashes{DASH_VERSION}".encode("ascii"))
        if self._opens_seams and quote_seams(text):  # a quotation glued to the next sentence
            digest.update(f"quoteseams{QUOTE_SEAM_VERSION}".encode("ascii"))
        digest.update(text.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json.gz"

    def _read_only(self, exc: OSError) -> None:
        """Go on without storing parses: a cache is a speed-up, never a reason to abort."""
        if self.writable:
            self.writable = False
            warnings.warn(
                CacheWarning(
                    f"cache folder {self.directory} cannot be written ({exc.strerror}); "
                    f"parsing without storing parses (give --cache another folder, or --no-cache)"
                ),
                stacklevel=3,
            )

    def get(self, document: Document) -> Document | None:
        path = self.path(self.key(document.text))
        try:
            if not path.is_file():
                return None
        except OSError:  # an unreadable cache folder is an empty one
            return None
        try:
            sentences = decode_parse(decompress(path.read_bytes()), document.text)
        except Exception as exc:  # any failure means the entry cannot be trusted
            self.stats.corrupt += 1
            warnings.warn(
                CacheWarning(f"corrupt cache entry {path} ({type(exc).__name__}); parsing again"),
                stacklevel=2,
            )
            return None
        result = document.without_parse()
        result.sentences = sentences
        for sentence in result.sentences:
            sentence.sent_id = f"{document.id}-{sentence.index + 1}"
        return result

    def put(self, parsed: Document) -> None:
        if not self.writable:
            return
        path = self.path(self.key(parsed.text))
        data = gzip.compress(encode_parse(parsed), mtime=0)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".gz")
        except OSError as exc:
            self._read_only(exc)
            return
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(tmp, path)
        except OSError as exc:  # e.g. the disk is full
            Path(tmp).unlink(missing_ok=True)
            self._read_only(exc)
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

    def parse_stream(self, documents: Iterable[Document]) -> Iterator[Document]:
        """Parsed documents in input order; already-parsed or empty ones pass through."""
        for document in documents:
            yield self.parse(document) if unparsed(document) else document


# Format 1 entries (gzip CoNLL-U) are never read again, but still ours to clear.
_ENTRY_NAME = re.compile(r"^[0-9a-f]{64}\.(json|conllu)\.gz$")
_LEFTOVER_NAME = re.compile(r"^\.tmp-.*\.gz$")  # an interrupted atomic write


@dataclass
class CacheSummary:
    directory: Path
    entries: int
    bytes: int
    leftovers: int


def _cache_files(directory: Path) -> tuple[list[Path], list[Path]]:
    """Entry files and interrupted writes, found by the cache's own layout only
    (``<2 hex>/<64 hex>.json.gz``), so nothing else in the folder is touched."""
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
