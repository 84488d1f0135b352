"""The annotation stage's output: framing mentions, and their JSON form.

``AnnotatedDocument.to_record()`` produces exactly the object the spec
(``shared/spec/ANNOTATION.md``) defines for one line of ``annotations.jsonl``,
plus a few documented extra fields (``boilerplate``, ``referent``, ``stance``,
``hedge_type``, ``quote``, ``speaker.pronoun``). ``from_record`` reads it back,
so later stages (reporter, viewer, evaluation) work from the file alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


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
    category: str
    frame: str
    valence: str
    entry: str
    voice: str = "authorial"
    speaker: TextSpan | None = None
    speaker_pronoun: TextSpan | None = None
    cue: TextSpan | None = None
    target: TextSpan | None = None
    negated: bool = False
    hedged: bool = False
    boilerplate: bool = False
    referent: str | None = None
    stance: str | None = None
    hedge_type: str | None = None
    rules: list[str] = field(default_factory=list)

    def add_rule(self, rule: str) -> None:
        if rule not in self.rules:
            self.rules.append(rule)

    def to_json(self) -> dict[str, Any]:
        speaker = self.speaker.to_json() if self.speaker else None
        if speaker is not None and self.speaker_pronoun is not None:
            speaker["pronoun"] = self.speaker_pronoun.to_json()
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
            "cue_span": self.cue.to_json() if self.cue else None,
            "target": self.target.to_json() if self.target else None,
            "negated": self.negated,
            "hedged": self.hedged,
            "boilerplate": self.boilerplate,
            "entry": self.entry,
            "rules": list(self.rules),
        }
        for key in ("referent", "stance", "hedge_type"):
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
