"""The document model shared by every stage: text in, parsed sentences out.

Offsets are the contract that holds the project together: every ``Token`` knows
its character span in ``Document.text`` exactly as it was read (after decoding,
before any cleaning), so that any later mark can be traced back to the source
with ``text[start:end]``. A ``Word`` is a syntactic word in the Universal
Dependencies sense; French contractions ("du" = de + le, "auxquels" = à +
lesquels) are one ``Token`` holding several ``Word``s, and each such word points
back to its token by index.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class Word:
    """A syntactic word (one CoNLL-U word line).

    ``id`` is the 1-based position in the sentence, ``head`` the ``id`` of the
    governor (0 for the root), ``token`` the 0-based index of the surface token
    in ``Sentence.tokens`` that this word belongs to.
    """

    id: int
    text: str
    lemma: str | None = None
    upos: str | None = None
    xpos: str | None = None
    feats: str | None = None
    head: int | None = None
    deprel: str | None = None
    deps: str | None = None
    misc: str | None = None
    token: int = 0

    def feat(self, name: str) -> str | None:
        """Value of one morphological feature ("Mood" -> "Cnd"), or None."""
        if not self.feats:
            return None
        for pair in self.feats.split("|"):
            key, _, value = pair.partition("=")
            if key == name:
                return value
        return None


@dataclass(slots=True)
class Token:
    """A surface token: the span of text the tokenizer cut out.

    ``start``/``end`` are Python string offsets into ``Document.text``;
    ``text`` always equals ``document.text[start:end]``. ``words`` holds the
    syntactic words (one, or several for a multiword token such as "du").
    ``space_after`` is the exact text between this token and the next one in the
    document (usually " " or ""), so the document text can be rebuilt exactly.
    """

    index: int
    text: str
    start: int
    end: int
    words: list[Word] = field(default_factory=list)
    space_after: str = " "

    @property
    def is_multiword(self) -> bool:
        return len(self.words) > 1

    @property
    def word_ids(self) -> tuple[int, ...]:
        return tuple(word.id for word in self.words)


@dataclass
class Sentence:
    """One sentence: its tokens, and through them its words."""

    index: int
    tokens: list[Token] = field(default_factory=list)
    sent_id: str | None = None

    @property
    def words(self) -> list[Word]:
        return [word for token in self.tokens for word in token.words]

    @property
    def start(self) -> int:
        return self.tokens[0].start if self.tokens else 0

    @property
    def end(self) -> int:
        return self.tokens[-1].end if self.tokens else 0

    def text_in(self, document_text: str) -> str:
        """The sentence as it stands in the document, inner whitespace included."""
        return document_text[self.start : self.end]

    def word(self, word_id: int) -> Word:
        """The word with this 1-based id."""
        for token in self.tokens:
            for word in token.words:
                if word.id == word_id:
                    return word
        raise KeyError(f"sentence {self.index} has no word {word_id}")

    def token_of(self, word: Word) -> Token:
        """The surface token a word belongs to (and so its character span)."""
        return self.tokens[word.token]


@dataclass
class Document:
    """An article: metadata, the text exactly as read, and (once parsed) sentences."""

    id: str
    text: str
    outlet: str | None = None
    date: str | None = None
    title: str | None = None
    language: str = "fr"
    metadata: dict[str, Any] = field(default_factory=dict)
    sentences: list[Sentence] = field(default_factory=list)

    @property
    def is_parsed(self) -> bool:
        return bool(self.sentences) or not self.text.strip()

    def tokens(self) -> Iterator[Token]:
        for sentence in self.sentences:
            yield from sentence.tokens

    def words(self) -> Iterator[tuple[Sentence, Word]]:
        for sentence in self.sentences:
            for word in sentence.words:
                yield sentence, word

    @property
    def word_count(self) -> int:
        return sum(len(sentence.words) for sentence in self.sentences)

    def check_offsets(self) -> None:
        """Raise ``ValueError`` if any token's span disagrees with the text.

        Cheap enough to run after every parse or load; it is the invariant all
        later stages rely on.
        """
        previous_end = 0
        for token in self.tokens():
            if self.text[token.start : token.end] != token.text:
                raise ValueError(
                    f"document {self.id!r}: token {token.text!r} at {token.start}:{token.end} "
                    f"does not match the text there ({self.text[token.start : token.end]!r})"
                )
            if token.start < previous_end:
                raise ValueError(
                    f"document {self.id!r}: token {token.text!r} at {token.start} overlaps "
                    f"the previous token"
                )
            previous_end = token.end

    def without_parse(self) -> Document:
        """The same document with no sentences (e.g. to parse again)."""
        return Document(
            id=self.id,
            text=self.text,
            outlet=self.outlet,
            date=self.date,
            title=self.title,
            language=self.language,
            metadata=dict(self.metadata),
        )
