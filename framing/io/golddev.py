"""Reading hand-annotated gold in the gold-dev layout: one ``<id>.json`` per article.

A gold-dev file is ``{"id", "text_sha256", "mentions": [...]}``; a mention has
``start``, ``end``, ``text``, ``category``, ``voice``, ``speaker`` (``{text,
start, end}`` or null), ``cue`` (a string or null) and, for hard calls, a
``note``. The files carry no article text (it belongs to its publisher), only
the sha256 of its UTF-8 bytes, so that a scorer can prove the predictions were
made on the very text the offsets index: :func:`check_texts` does that once the
predicted documents (which store their text) are known.

Every problem is reported as one line naming the file and the mention (index
and field), because these files are written by hand.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from framing.errors import InputError
from framing.types import AnnotatedDocument, Mention, TextSpan

CATEGORIES = (
    "actor_label",
    "event_label",
    "intervention_label",
    "evaluative",
    "reporting_verb",
    "hedge",
    "agentless_passive",
)
VOICES = ("authorial", "direct_quote", "indirect_speech", "scare_quote")
SOURCE_KEY = "gold_file"
SHA_KEY = "text_sha256"


def text_sha256(text: str) -> str:
    """The sha256 of a text's UTF-8 bytes, as gold-dev files record it."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def is_gold_folder(path: Path) -> bool:
    """Whether ``path`` is a folder of gold-dev ``<id>.json`` files (not an annotations.jsonl)."""
    return path.is_dir() and not (path / "annotations.jsonl").exists() and any(path.glob("*.json"))


def read_gold_folder(folder: str | Path) -> list[AnnotatedDocument]:
    """Every ``<id>.json`` in ``folder``, sorted by file name, as annotated documents.

    The sha256 and the file path are kept in each document's ``metadata`` (for
    :func:`check_texts` and its error messages); the text itself is None.
    """
    folder = Path(folder)
    files = sorted(folder.glob("*.json"))
    if not files:
        raise InputError(f"{folder}: no <id>.json gold files in this folder")
    return [read_gold_file(path) for path in files]


def read_gold_file(path: Path) -> AnnotatedDocument:
    """One gold-dev file, checked field by field."""
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{path}:{exc.lineno}: malformed JSON ({exc.msg}, column {exc.colno})"
        ) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot be read ({exc})") from exc
    if not isinstance(data, dict):
        raise InputError(f"{path}: top level: expected an object with id, text_sha256, mentions")
    doc_id = _field(data, "id", str, path, "top level")
    sha = _field(data, SHA_KEY, str, path, "top level")
    raw_mentions = _field(data, "mentions", list, path, "top level")
    if doc_id != path.stem:
        raise InputError(f"{path}: id {doc_id!r} differs from the file name {path.stem!r}")
    mentions = [_mention(raw, path, f"mentions[{i}]") for i, raw in enumerate(raw_mentions)]
    return AnnotatedDocument(
        id=doc_id,
        outlet=None,
        date=None,
        title=None,
        language="fr",
        tokens=0,
        words=0,
        mentions=mentions,
        metadata={SHA_KEY: sha, SOURCE_KEY: str(path)},
    )


def _field(
    data: dict[str, Any], key: str, kind: type | tuple[type, ...], path: Path, where: str
) -> Any:
    if key not in data:
        raise InputError(f"{path}: {where}: missing field {key!r}")
    value = data[key]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise InputError(f"{path}: {where}.{key}: expected {names}, got {value!r}")
    return value


def _mention(raw: Any, path: Path, where: str) -> Mention:
    """A gold mention; fields the gold does not carry (frame, entry...) are left empty."""
    if not isinstance(raw, dict):
        raise InputError(f"{path}: {where}: expected an object, got {raw!r}")
    start = _field(raw, "start", int, path, where)
    end = _field(raw, "end", int, path, where)
    if not 0 <= start < end:
        raise InputError(f"{path}: {where}: start {start} and end {end} are not a span")
    category = _field(raw, "category", str, path, where)
    voice = _field(raw, "voice", str, path, where)
    for key, value, allowed in (("category", category, CATEGORIES), ("voice", voice, VOICES)):
        if value not in allowed:
            raise InputError(f"{path}: {where}.{key}: {value!r} is not one of {', '.join(allowed)}")
    cue = _field(raw, "cue", (str, type(None)), path, where)
    note = raw.get("note")
    if note is not None and not isinstance(note, str):
        raise InputError(f"{path}: {where}.note: expected str, got {note!r}")
    return Mention(
        start=start,
        end=end,
        text=_field(raw, "text", str, path, where),
        sentence=0,
        category=category,
        frame="",
        valence="neutral",
        entry="",
        voice=voice,
        speaker=_speaker(raw, path, where),
        cue=TextSpan(cue, -1, -1) if cue else None,
        boilerplate=raw.get("boilerplate") is True,
        note=note,
    )


def _speaker(raw: dict[str, Any], path: Path, where: str) -> TextSpan | None:
    speaker = _field(raw, "speaker", (dict, type(None)), path, where)
    if speaker is None:
        return None
    at = f"{where}.speaker"
    start = _field(speaker, "start", int, path, at)
    end = _field(speaker, "end", int, path, at)
    if not 0 <= start < end:
        raise InputError(f"{path}: {at}: start {start} and end {end} are not a span")
    return TextSpan(_field(speaker, "text", str, path, at), start, end)


def check_texts(gold: Iterable[AnnotatedDocument], pred: Iterable[AnnotatedDocument]) -> None:
    """Check each gold-dev document against its predicted document's text, when stored.

    The sha256 must match, and then every gold mention's (and speaker's) text
    must be the text at its offsets; otherwise the offsets index another
    version of the article and every score would be meaningless.
    """
    texts = {doc.id: doc.text for doc in pred if doc.text is not None}
    for doc in gold:
        sha = doc.metadata.get(SHA_KEY)
        text = texts.get(doc.id)
        if sha is None or text is None:
            continue
        source = doc.metadata.get(SOURCE_KEY, doc.id)
        if text_sha256(text) != sha:
            raise InputError(
                f"{source}: text_sha256 {sha[:12]}... differs from the sha256 of the predicted "
                f"text of {doc.id!r} ({text_sha256(text)[:12]}...): not the same article text"
            )
        for index, mention in enumerate(doc.mentions):
            spans = [("", mention.start, mention.end, mention.text)]
            if mention.speaker is not None:
                s = mention.speaker
                spans.append((".speaker", s.start, s.end, s.text))
            for suffix, start, end, expected in spans:
                if text[start:end] != expected:
                    raise InputError(
                        f"{source}: mentions[{index}]{suffix}: text {expected!r} is not the "
                        f"article text at {start}-{end} ({text[start:end]!r})"
                    )
