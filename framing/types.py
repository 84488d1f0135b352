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
from typing import Any, Final, Literal, get_args

# -- closed vocabularies ------------------------------------------------------------
#
# The values the annotator emits and every later stage reads. They are declared
# here once; lexicons/inventory.yaml and schemas/annotations.schema.json repeat
# them for linguists and validators, and a test keeps the three equal.

Category = Literal[
    "actor_label",
    "event_label",
    "intervention_label",
    "evaluative",
    "reporting_verb",
    "hedge",
    "agentless_passive",
]
CATEGORIES: Final[tuple[Category, ...]] = get_args(Category)
"""Every mention category, in the order reports list them."""
LabelCategory = Literal["actor_label", "event_label", "intervention_label"]
LABEL_CATEGORIES: Final[tuple[LabelCategory, ...]] = get_args(LabelCategory)
"""How people, events and interventions are named: one category group in overlaps."""
TRIGGER_ONLY_CATEGORIES: Final[tuple[Category, ...]] = ("agentless_passive",)
ReferenceCategory = Literal["actor_reference"]
REFERENCE_CATEGORY: Final[ReferenceCategory] = "actor_reference"
"""Plain institutional names, outside the spec's seven: written only on request."""
"""Entries that only mark trigger words; a rule decides whether they become mentions."""

Voice = Literal["authorial", "direct_quote", "indirect_speech", "scare_quote"]
VOICES: Final[tuple[Voice, ...]] = get_args(Voice)
"""Whose words a mention is: the outlet's own, or someone it quotes or reports."""
AUTHORIAL: Final[Voice] = "authorial"
DIRECT_QUOTE: Final[Voice] = "direct_quote"
INDIRECT_SPEECH: Final[Voice] = "indirect_speech"
SCARE_QUOTE: Final[Voice] = "scare_quote"

Valence = Literal["delegitimizing", "neutral", "legitimizing"]
VALENCES: Final[tuple[Valence, ...]] = get_args(Valence)


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
        feats = self.feats
        # most words lack most features: a substring test turns them away first
        if not feats or name not in feats:
            return None
        for pair in feats.split("|"):
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
        return sum(len(token.words) for sentence in self.sentences for token in sentence.tokens)

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


# --- The annotation stage's output: framing mentions, and their JSON form.
#
# ``AnnotatedDocument.to_record()`` produces exactly the object the spec
# (``shared/spec/ANNOTATION.md``) defines for one line of ``annotations.jsonl``,
# plus a few documented extra fields (``boilerplate``, ``referent``, ``stance``,
# ``hedge_type``, ``quote``, ``speaker.pronoun``). ``from_record`` reads it back,
# so later stages (reporter, viewer, evaluation) work from the file alone.


@dataclass(frozen=True)
class TextSpan:
    """A stretch of article text with its offsets (``text == article[start:end]``)."""

    text: str
    start: int
    end: int

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> TextSpan | None:
        if data is None:
            return None
        return cls(data["text"], data["start"], data["end"])


@dataclass
class Mention:
    """One framing mention, as the spec defines it."""

    start: int
    end: int
    text: str
    sentence: int
    category: Category | ReferenceCategory
    frame: str
    valence: Valence
    entry: str
    voice: Voice = AUTHORIAL
    speaker: TextSpan | None = None
    speaker_pronoun: TextSpan | None = None
    # The source this speaker is one name of, per article (framing.annotation.source_names).
    speaker_source: str | None = None
    cue: TextSpan | None = None
    target: TextSpan | None = None
    negated: bool = False
    hedged: bool = False
    boilerplate: bool = False
    referent: str | None = None
    stance: str | None = None
    hedge_type: str | None = None
    rules: list[str] = field(default_factory=list)
    note: str | None = None

    @property
    def span(self) -> TextSpan:
        """The mention's own text and offsets, as the span type its speaker, cue and
        target use."""
        return TextSpan(self.text, self.start, self.end)

    def add_rule(self, rule: str) -> None:
        if rule not in self.rules:
            self.rules.append(rule)

    def to_json(self) -> dict[str, Any]:
        speaker = self.speaker.to_json() if self.speaker else None
        if speaker is not None and self.speaker_pronoun is not None:
            speaker["pronoun"] = self.speaker_pronoun.to_json()
        if speaker is not None and self.speaker_source is not None:
            speaker["source"] = self.speaker_source
        record: dict[str, Any] = {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "sentence": self.sentence,
            "category": self.category,
            "frame": self.frame,
            "valence": self.valence,
            "voice": self.voice,
            "speaker": speaker,
            "cue": self.cue.text if self.cue else None,
            # a cue read without offsets (start -1, from a gold file) has no span to write
            "cue_span": self.cue.to_json() if self.cue and self.cue.start >= 0 else None,
            "target": self.target.to_json() if self.target else None,
            "negated": self.negated,
            "hedged": self.hedged,
            "boilerplate": self.boilerplate,
            "entry": self.entry,
            "rules": list(self.rules),
        }
        for key in ("referent", "stance", "hedge_type", "note"):
            value = getattr(self, key)
            if value is not None:
                record[key] = value
        return record

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Mention:
        speaker = data.get("speaker")
        return cls(
            start=data["start"],
            end=data["end"],
            text=data["text"],
            sentence=data["sentence"],
            category=data["category"],
            frame=data["frame"],
            valence=data["valence"],
            entry=data["entry"],
            voice=data["voice"],
            speaker=TextSpan.from_json(speaker),
            speaker_pronoun=TextSpan.from_json((speaker or {}).get("pronoun")),
            speaker_source=(speaker or {}).get("source"),
            cue=TextSpan.from_json(data.get("cue_span"))
            or (TextSpan(data["cue"], -1, -1) if data.get("cue") else None),
            target=TextSpan.from_json(data.get("target")),
            negated=bool(data.get("negated")),
            hedged=bool(data.get("hedged")),
            boilerplate=bool(data.get("boilerplate")),
            referent=data.get("referent"),
            stance=data.get("stance"),
            hedge_type=data.get("hedge_type"),
            rules=list(data.get("rules") or []),
            note=data.get("note"),
        )


@dataclass
class AnnotatedDocument:
    """A document's metadata, size and mentions: one line of annotations.jsonl."""

    id: str
    outlet: str | None
    date: str | None
    title: str | None
    language: str
    tokens: int
    words: int
    mentions: list[Mention]
    boilerplate: list[dict[str, Any]] = field(default_factory=list)
    boilerplate_words: int = 0
    text: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)

    def to_record(self, include_text: bool = True) -> dict[str, Any]:
        record: dict[str, Any] = {
            "id": self.id,
            "outlet": self.outlet,
            "date": self.date,
            "title": self.title,
            "language": self.language,
            "tokens": self.tokens,
            "words": self.words,
            "boilerplate_words": self.boilerplate_words,
            "annotations": [m.to_json() for m in self.mentions],
            "boilerplate": [dict(b) for b in self.boilerplate],
        }
        if self.metadata:
            record["metadata"] = self.metadata
        if include_text and self.text is not None:
            record["text"] = self.text
        return record

    @classmethod
    def from_record(cls, data: dict[str, Any]) -> AnnotatedDocument:
        return cls(
            id=data["id"],
            outlet=data.get("outlet"),
            date=data.get("date"),
            title=data.get("title"),
            language=data.get("language") or "fr",
            tokens=data["tokens"],
            words=data.get("words", data["tokens"]),
            mentions=[Mention.from_json(m) for m in data["annotations"]],
            boilerplate=[dict(b) for b in data.get("boilerplate") or []],
            boilerplate_words=data.get("boilerplate_words", 0),
            text=data.get("text"),
            metadata=data.get("metadata") or {},
        )
