"""Text to parsed documents: the one stage that talks to Stanza.

Documents are parsed one at a time (the outer loop streams them in batches for
I/O), so a parse depends only on the text and the model: the same input gives
the same output whatever else is in the batch, the number of worker
processes, or the cache state.

Two guards keep huge inputs from crashing or exhausting memory:

* a text longer than ``max_chunk_chars`` is cut into chunks at paragraph,
  line or sentence-like boundaries and tokenized chunk by chunk;
* a sentence longer than ``max_sentence_words`` is cut into pieces before
  tagging and parsing (the biaffine parser is quadratic in sentence length).

Both emit a ``ParseWarning`` naming the document.
"""

from __future__ import annotations

import logging
import re
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from framing.errors import ModelError
from framing.parsing import speedups
from framing.parsing import threads as thread_policy
from framing.parsing.fastload import fast_loading
from framing.parsing.glued import GLUED_VERSION, OpenedText, open_seams
from framing.parsing.inference import without_optimizers
from framing.parsing.lazy import defer_unused
from framing.parsing.models import ModelInfo, resolve_model
from framing.parsing.morphology import MORPHOLOGY_VERSION, repair_features
from framing.parsing.protocol import unparsed
from framing.parsing.textview import TextView, text_view
from framing.types import Document, Sentence, Token, Word

_STUB_RESOURCES = Path(__file__).parent.parent / "data" / "stanza_resources_stub.json"
_CUT_PATTERNS = (
    re.compile(r"\n[ \t\r\f\v]*\n"),  # paragraph break
    re.compile(r"\n"),  # line break
    re.compile(r"[.!?…»\"]\s"),  # end of a sentence-like run
    re.compile(r"\s"),  # any whitespace
)


# Version of the sentence-boundary repairs applied after the tokenizer (see
# ``merge_orphan_punctuation``); part of the parse cache key.
REPAIRS_VERSION = 2


class ParseWarning(UserWarning):
    """A document was altered to fit the parser's limits (split chunks or sentences)."""


@dataclass(frozen=True)
class ParseOptions:
    """Limits that keep parsing safe on arbitrary input."""

    max_chunk_chars: int = 50_000
    max_sentence_words: int = 250
    # Re-attach sentences made only of quote marks or brackets (the tokenizer
    # sometimes ends a sentence right after an opening "«").
    merge_orphan_punctuation: bool = True
    # Add the features the tagger misses and the spelling proves (the French
    # conditional; see ``framing.parsing.morphology``) before the parser reads them.
    repair_features: bool = True
    # Open sentence ends glued to the next sentence ("reportée.Le maire") before
    # tokenizing; offsets stay on the original text (``framing.parsing.glued``).
    open_glued_sentences: bool = True

    def as_dict(self) -> dict[str, Any]:
        glued = {"glued_version": GLUED_VERSION} if self.open_glued_sentences else {}
        return {
            **glued,
            "max_chunk_chars": self.max_chunk_chars,
            "max_sentence_words": self.max_sentence_words,
            "merge_orphan_punctuation": self.merge_orphan_punctuation,
            "repair_features": self.repair_features,
            "morphology_version": MORPHOLOGY_VERSION,
            # Bump when the post-tokenizer repairs change, so cached parses made
            # by older code are not taken for new ones.
            "repairs_version": REPAIRS_VERSION,
        }


def split_into_chunks(text: str, max_chars: int) -> list[tuple[int, int]]:
    """Cut ``text`` into ``(start, end)`` spans of at most ``max_chars``.

    Prefers a paragraph break, then a line break, then a sentence end, then any
    whitespace in the second half of the window; cuts hard only as a last resort.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    length = len(text)
    while length - start > max_chars:
        window_end = start + max_chars
        cut = None
        for pattern in _CUT_PATTERNS:
            matches = [m.end() for m in pattern.finditer(text, start + max_chars // 2, window_end)]
            if matches:
                cut = matches[-1]
                break
        if cut is None or cut <= start:
            cut = window_end
        spans.append((start, cut))
        start = cut
    spans.append((start, length))
    return spans


class ChunkStore(Protocol):
    """Keeps parses by text: ``framing.parsing.cache.ParseCache`` is one."""

    def get(self, document: Document) -> Document | None: ...

    def put(self, parsed: Document) -> None: ...


class Parser:
    """A loaded Stanza pipeline plus the conversion to the document model.

    Build one per process and reuse it: loading the models is the slow part.
    """

    def __init__(
        self,
        model_dir: str | Path | None = None,
        language: str = "fr",
        package: str | None = None,
        options: ParseOptions | None = None,
        model: ModelInfo | None = None,
        threads: int | None = None,
        fast_decode: bool | None = None,
    ) -> None:
        self.options = options or ParseOptions()
        # Torch threads; None: decided when the model loads (framing.parsing.threads).
        self.threads = threads
        # Decode trees with framing.parsing.depparse (same trees as Stanza's, faster);
        # None: unless FRAMING_STANZA_DECODER=1.
        self.fast_decode = speedups.wanted() if fast_decode is None else fast_decode
        self.model = model or resolve_model(model_dir, language=language, package=package)
        self.language = self.model.language
        self._loaded: Any = None
        self.chunk_store: ChunkStore | None = None
        """Where the chunks of long texts are kept (the parse cache sets itself here)."""
        self.on_chunk: Callable[[str, int, int], None] | None = None
        """Called with (document id, chunks done, chunks) while a long text is parsed."""

    @property
    def _pipeline(self) -> Any:
        """The Stanza pipeline, loaded on first use (a warm cache never needs it)."""
        if self._loaded is None:
            self._loaded = self._build_pipeline()
        return self._loaded

    def load(self) -> Parser:
        """Load the models now (to fail early on a bad model, or before forking)."""
        _ = self._pipeline
        return self

    def _build_pipeline(self) -> Any:
        count = thread_policy.prepare(threads=self.threads)  # before torch is imported
        defer_unused()
        import stanza
        import torch

        thread_policy.apply(count)
        torch.manual_seed(0)
        common: dict[str, Any] = {
            "lang": self.model.language,
            "processors": "tokenize,mwt,pos,lemma,depparse",
            "download_method": None,
            "use_gpu": False,
            "logging_level": "ERROR",
        }
        if self.model.kind == "framing":
            paths = {
                f"{proc}_model_path": str(self.model.file_path(name))
                for proc, name in self.model.processors.items()
            }
            if self.model.pretrain:
                pretrain = str(self.model.file_path(self.model.pretrain))
                paths["pos_pretrain_path"] = pretrain
                paths["depparse_pretrain_path"] = pretrain
            kwargs = {
                **common,
                **paths,
                "dir": str(self.model.directory),
                "resources_filepath": str(_STUB_RESOURCES),
                "allow_unknown_language": True,
            }
        else:
            kwargs = {**common, "dir": str(self.model.directory), "package": self.model.package}
        try:
            with without_optimizers(), fast_loading():
                pipeline = stanza.Pipeline(**kwargs)
        except Exception as exc:  # Stanza raises many types for a bad model file
            first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise ModelError(
                f"{self.model.directory}: cannot load the {self.model.name} model ({first[:200]})"
            ) from exc
        if self.fast_decode:
            speedups.install(pipeline)
        return pipeline

    # -- public API -------------------------------------------------------

    def parse(self, document: Document) -> Document:
        """Return ``document`` with its sentences filled in (a new object)."""
        result = document.without_parse()
        if not document.text.strip():
            return result
        view = text_view(document.text)
        source = view.text if view is not None else document.text
        spans = split_into_chunks(source, self.options.max_chunk_chars)
        if len(spans) > 1:
            warnings.warn(
                ParseWarning(
                    f"document {document.id!r}: {len(document.text):,} characters, "
                    f"parsed in {len(spans)} chunks of at most "
                    f"{self.options.max_chunk_chars:,} characters"
                ),
                stacklevel=2,
            )
        sentences: list[Sentence] = []
        if len(spans) > 1:
            sentences = self._parse_chunks(document, source, spans)
        elif source.strip():
            sentences = self._parse_chunk(document, source, 0)
        if view is not None:
            _map_to_original(sentences, view)
        for index, sentence in enumerate(sentences):
            sentence.index = index
            sentence.sent_id = f"{document.id}-{index + 1}"
        _fill_space_after(sentences, document.text)
        result.sentences = sentences
        result.check_offsets()
        return result

    def parse_many(self, documents: Iterable[Document]) -> Iterator[Document]:
        """Parse a stream of documents lazily, in input order."""
        for document in documents:
            yield self.parse(document)

    def parse_stream(self, documents: Iterable[Document]) -> Iterator[Document]:
        """Parsed documents in input order; already-parsed or empty ones pass through."""
        for document in documents:
            yield self.parse(document) if unparsed(document) else document

    # -- internals --------------------------------------------------------

    def _parse_chunks(
        self, document: Document, source: str, spans: list[tuple[int, int]]
    ) -> list[Sentence]:
        """A long text chunk by chunk, each chunk kept as soon as it is parsed.

        Each chunk is parsed as a document of its own (exactly what the loop
        over chunks did before) and stored in ``chunk_store`` when there is
        one, so a run interrupted inside a long document finds its finished
        chunks again; ``on_chunk`` hears of each chunk done, for progress.
        """
        sentences: list[Sentence] = []
        for number, (start, end) in enumerate(spans, start=1):
            chunk = source[start:end]
            if chunk.strip():
                piece = Document(id=document.id, text=chunk, language=document.language)
                parsed = self.chunk_store.get(piece) if self.chunk_store is not None else None
                if parsed is None:
                    parsed = self.parse(piece)
                    if self.chunk_store is not None:
                        self.chunk_store.put(parsed)
                for sentence in parsed.sentences:
                    for token in sentence.tokens:
                        token.start += start
                        token.end += start
                sentences.extend(parsed.sentences)
            if self.on_chunk is not None:
                self.on_chunk(document.id, number, len(spans))
        return sentences

    def _parse_chunk(self, document: Document, chunk: str, offset: int) -> list[Sentence]:
        from stanza.models.common.doc import Document as StanzaDocument

        opened = open_seams(chunk) if self.options.open_glued_sentences else OpenedText(chunk, ())
        chunk = opened.text
        stanza_doc = self._pipeline.process(chunk, processors="tokenize,mwt")
        sentences_dicts = stanza_doc.to_dict()
        if self.options.merge_orphan_punctuation:
            merged = merge_orphan_punctuation(sentences_dicts, chunk)
            if merged is not sentences_dicts:
                sentences_dicts = merged
                stanza_doc = StanzaDocument(merged, text=chunk)
        pieces = _split_long_sentences(sentences_dicts, self.options.max_sentence_words)
        if len(pieces) != len(sentences_dicts):
            warnings.warn(
                ParseWarning(
                    f"document {document.id!r}: sentences over "
                    f"{self.options.max_sentence_words} words were cut into "
                    f"{len(pieces) - len(sentences_dicts) + 1}+ pieces before parsing"
                ),
                stacklevel=3,
            )
            stanza_doc = StanzaDocument(pieces, text=chunk)
        stanza_doc = tag_and_parse(
            self._pipeline, stanza_doc, self.language, self.options.repair_features
        )
        return [_convert_sentence(s, offset, opened) for s in stanza_doc.sentences]


def tag_and_parse(pipeline: Any, stanza_doc: Any, language: str, repair: bool = True) -> Any:
    """Tag and lemmatize a tokenized Stanza document, repair its features, then parse it.

    The repairs (``framing.parsing.morphology``) run between tagging and parsing so that
    the parser reads them too. ``benchmarks/parser_accuracy.py`` calls this as well.
    """
    stanza_doc = pipeline.process(stanza_doc, processors="pos,lemma")
    if repair:
        repair_features((w for s in stanza_doc.sentences for w in s.words), language)
    return pipeline.process(stanza_doc, processors="depparse")


_OPENING_MARKS = frozenset("«“‹„‚([{")
_CLOSING_MARKS = frozenset("»”›)]}")
_AMBIGUOUS_MARKS = frozenset("\"'")
_CONTINUATION_MARKS = frozenset((",", ";"))  # no sentence starts with these


def merge_orphan_punctuation(
    sentences: list[list[dict[str, Any]]], text: str
) -> list[list[dict[str, Any]]]:
    """Move quote marks and brackets cut off from their sentence back to it.

    The tokenizer sometimes ends a sentence right after an opening "«" or
    starts one with the closing "»" of the previous quote; left alone, a
    quote's words lose their mark, or a mark becomes a one-token sentence.
    Closing marks at the start of a sentence go back to the previous one,
    opening marks at its end go on to the next one, a sentence that starts with
    a comma or semicolon joins the previous one, and a sentence left with no
    word joins a neighbour (the next one if it opens, else the previous one).
    A straight quote opens when a non-space follows it. Works on Stanza's
    ``Document.to_dict()`` form; word ids are renumbered.
    """
    if len(sentences) < 2:
        return sentences
    out: list[list[list[dict[str, Any]]]] = []  # token groups per sentence
    pending: list[list[dict[str, Any]]] = []  # marks waiting for the next sentence
    changed = False
    for sentence in sentences:
        groups = pending + _token_groups(sentence)
        changed = changed or bool(pending)
        pending = []
        if out and groups[0][0]["text"] in _CONTINUATION_MARKS:
            out[-1].extend(groups)  # "« ... ! »" | ", raille un élu ." is one sentence
            changed = True
            continue
        while out and groups and _is_mark(groups[0]) and not _opens(groups[0][0], text):
            out[-1].append(groups.pop(0))
            changed = True
        while groups and _is_mark(groups[-1]) and _opens(groups[-1][0], text):
            pending.insert(0, groups.pop())
            changed = True
        if not groups:
            continue
        if not any(not _is_mark(g) and _has_word(g) for g in groups):
            if out and not _opens(groups[0][0], text):
                out[-1].extend(groups)
            else:
                pending = groups + pending
            changed = True
            continue
        out.append(groups)
    if pending:
        if out:
            out[-1].extend(pending)
        else:
            out.append(pending)
    if not changed:
        return sentences
    return [_renumber(groups) for groups in out]


def _has_word(group: list[dict[str, Any]]) -> bool:
    return any(ch.isalnum() for ch in group[0]["text"])


def _is_mark(group: list[dict[str, Any]]) -> bool:
    mark = group[0]["text"]
    return len(mark) == 1 and mark in (_OPENING_MARKS | _CLOSING_MARKS | _AMBIGUOUS_MARKS)


def _opens(token: dict[str, Any], text: str) -> bool:
    mark = token["text"]
    if mark[:1] in _OPENING_MARKS:
        return True
    if mark[:1] in _AMBIGUOUS_MARKS:
        end = token.get("end_char")
        return end is not None and end < len(text) and not text[end].isspace()
    return False


def _split_long_sentences(
    sentences: list[list[dict[str, Any]]], max_words: int
) -> list[list[dict[str, Any]]]:
    """Cut over-long tokenized sentences, renumbering word ids in each piece.

    Works on Stanza's ``Document.to_dict()`` form, where a multiword token is an
    entry with a ``(first, last)`` id followed by its word entries. Cuts fall
    only between tokens, never inside a multiword token.
    """
    out: list[list[dict[str, Any]]] = []
    for sentence in sentences:
        groups = _token_groups(sentence)
        word_count = sum(_words_in(group) for group in groups)
        if word_count <= max_words:
            out.append(sentence)
            continue
        piece: list[list[dict[str, Any]]] = []
        piece_words = 0
        for group in groups:
            if piece and piece_words + _words_in(group) > max_words:
                out.append(_renumber(piece))
                piece, piece_words = [], 0
            piece.append(group)
            piece_words += _words_in(group)
        if piece:
            out.append(_renumber(piece))
    return out


def _token_groups(sentence: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Group entries per surface token: a range entry plus its words, or one word."""
    groups: list[list[dict[str, Any]]] = []
    remaining = 0
    for entry in sentence:
        if remaining:
            groups[-1].append(entry)
            remaining -= 1
        elif isinstance(entry["id"], tuple) and len(entry["id"]) == 2:
            groups.append([entry])
            remaining = entry["id"][1] - entry["id"][0] + 1
        else:
            groups.append([entry])
    return groups


def _words_in(group: list[dict[str, Any]]) -> int:
    return len(group) - 1 if len(group) > 1 else 1


def _renumber(groups: list[list[dict[str, Any]]]) -> list[dict[str, Any]]:
    next_id = 1
    entries: list[dict[str, Any]] = []
    for group in groups:
        if len(group) > 1:
            head = dict(group[0])
            head["id"] = (next_id, next_id + len(group) - 2)
            entries.append(head)
            words = group[1:]
        else:
            words = group
        for entry in words:
            word = dict(entry)
            word["id"] = next_id
            next_id += 1
            entries.append(word)
    return entries


def _convert_sentence(
    stanza_sentence: Any, offset: int, opened: OpenedText | None = None
) -> Sentence:
    """Stanza sentence -> our Sentence, with offsets shifted into the document
    (and mapped back from the opened text the tokenizer read, if any)."""
    back = opened.original_offset if opened is not None else (lambda position: position)
    sentence = Sentence(index=0)
    for stanza_token in stanza_sentence.tokens:
        token = Token(
            index=len(sentence.tokens),
            text=stanza_token.text,
            start=back(stanza_token.start_char) + offset,
            end=back(stanza_token.end_char) + offset,
        )
        for w in stanza_token.words:
            token.words.append(
                Word(
                    id=int(w.id),
                    text=w.text,
                    lemma=w.lemma,
                    upos=w.upos,
                    xpos=w.xpos,
                    feats=w.feats,
                    head=w.head,
                    deprel=w.deprel,
                    token=token.index,
                )
            )
        sentence.tokens.append(token)
    return sentence


def _map_to_original(sentences: list[Sentence], view: TextView) -> None:
    """Move token offsets from the parsed view onto the original text (see ``textview``)."""
    for sentence in sentences:
        for token in sentence.tokens:
            token.start, token.end = view.original_span(token.start, token.end)


def _fill_space_after(sentences: list[Sentence], text: str) -> None:
    """Set each token's exact text up to the next token, and trust the offsets."""
    tokens = [t for s in sentences for t in s.tokens]
    for i, token in enumerate(tokens):
        token.text = text[token.start : token.end]
        next_start = tokens[i + 1].start if i + 1 < len(tokens) else len(text)
        token.space_after = text[token.end : next_start]


_DEFAULT_PARSERS: dict[tuple[str | None, str, str | None], Parser] = {}


def get_parser(
    model_dir: str | Path | None = None, language: str = "fr", package: str | None = None
) -> Parser:
    """A process-wide parser per model, so API callers load models once."""
    key = (str(model_dir) if model_dir else None, language, package)
    if key not in _DEFAULT_PARSERS:
        _DEFAULT_PARSERS[key] = Parser(model_dir=model_dir, language=language, package=package)
    return _DEFAULT_PARSERS[key]


def parse(
    documents: str | Document | Iterable[Document | str],
    model_dir: str | Path | None = None,
    language: str = "fr",
    parser: Parser | None = None,
) -> Document | list[Document]:
    """Parse text or documents; returns a ``Document`` or a list of them.

    A plain string becomes a document with id ``"text"``; a list of strings
    gets ids ``text-1``, ``text-2``, ...
    """
    parser = parser or get_parser(model_dir, language)
    if isinstance(documents, str):
        return parser.parse(Document(id="text", text=documents, language=language))
    if isinstance(documents, Document):
        return parser.parse(documents)
    items = [
        d if isinstance(d, Document) else Document(id=f"text-{i}", text=d, language=language)
        for i, d in enumerate(documents, start=1)
    ]
    return list(parser.parse_many(items))


logging.getLogger("stanza").setLevel(logging.ERROR)
