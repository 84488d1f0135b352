"""One source, one name: grouping the ways an article names the same speaker.

Wire copy names a source several ways: "le secrétaire d'État américain Antony
Blinken", then "M. Blinken", "Blinken", and "il" (resolved to one of those).
"le ministère russe des Affaires étrangères" comes back as "le ministère". A
researcher counting who is quoted wants one row per source, with the variants
kept as evidence. This module decides which speaker texts are one source and
what the source is called; the annotator writes that name as ``speaker.source``
on every mention with a speaker, and the report groups by it (and, across an
outlet's articles, by :func:`source_key`).

Two variants are one source when both carry a personal name and the names
share their last word ("Antony Blinken" / "M. Blinken"), or, for descriptions
without a name, when the shorter one's words end the longer one's or are all
in it ("des affaires étrangères" / "le ministère russe des Affaires
étrangères"). A source is called by its longest name made only of name words
("Antony Blinken"), else by its longest variant.
"""

from __future__ import annotations

import unicodedata

from framing.types import Mention

# Words that open a description or a title, never part of a name's key.
_FUNCTION_WORDS = frozenset(
    [
        "le",
        "la",
        "les",
        "l'",
        "un",
        "une",
        "des",
        "du",
        "de",
        "d'",
        "au",
        "aux",
        "à",
        "et",
        "en",
        "sur",
        "pour",
        "par",
        "son",
        "sa",
        "ses",
        "leur",
        "leurs",
        "ce",
        "cet",
        "cette",
        "ces",
        "m.",
        "mme",
        "mmes",
        "mlle",
        "me",
        "dr",
        "pr",
        "mgr",
    ]
)
# A capitalised run after these complements a noun ("ministre de l'Intérieur").
_COMPLEMENT_WORDS = frozenset(
    {"de", "du", "des", "d'", "à", "au", "aux", "en", "sur", "pour", "par"}
)
_ARTICLES = frozenset({"l'", "la", "le", "les"})
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'"})


def _words(text: str) -> list[str]:
    """Words, with elided articles split off ("d'État" -> "d'", "État") and
    commas kept as their own word (they end a name)."""
    folded = unicodedata.normalize("NFC", text).translate(_APOSTROPHES)
    words: list[str] = []
    for raw in folded.replace("(", " ").replace(")", " ").replace(",", " , ").split():
        head, apostrophe, rest = raw.partition("'")
        if apostrophe and rest:
            words.extend([head + "'", rest])
        else:
            words.append(raw)
    return words


def _content(text: str) -> list[str]:
    return [w.casefold() for w in _words(text) if w.casefold() not in _FUNCTION_WORDS | {","}]


def _name_words(text: str) -> list[str]:
    """The last run of capitalised words that names someone ("Antony Blinken",
    "M. Blinken"); a run that complements a noun ("le ministre de l'Intérieur")
    is part of a description, not a name."""
    words = _words(text)
    runs: list[list[str]] = []
    index = 0
    while index < len(words):
        if not _is_capital(words[index]):
            index += 1
            continue
        end = index
        while end < len(words) and _is_capital(words[end]):
            end += 1
        before = [w.casefold() for w in words[:index] if w.casefold() not in _ARTICLES]
        if not before or before[-1] not in _COMPLEMENT_WORDS:
            runs.append(words[index:end])
        index = end
    return runs[-1] if runs else []


def _is_capital(word: str) -> bool:
    return word[:1].isupper() and word.casefold() not in _FUNCTION_WORDS


def source_key(text: str) -> str:
    """A key shared by the variants of one source: a name's last word, or a
    description's content words."""
    names = _name_words(text)
    if names:
        return names[-1].casefold()
    return " ".join(_content(text))


_Reading = tuple[list[str], list[str]]  # a variant's name words and content words


def _reading(text: str) -> _Reading:
    return _name_words(text), _content(text)


def _same_source(a: str, b: str) -> bool:
    return _same_reading(_reading(a), _reading(b))


def _same_reading(a: _Reading, b: _Reading) -> bool:
    """:func:`_same_source` on variants read once: grouping compares every pair."""
    (names_a, content_a), (names_b, content_b) = a, b
    if names_a and names_b:
        return names_a[-1].casefold() == names_b[-1].casefold()
    if not content_a or not content_b:
        return False
    short, long = sorted((content_a, content_b), key=len)
    return long[-len(short) :] == short or (len(short) > 1 and set(short) <= set(long))


def canonical_name(variants: list[str]) -> str:
    """What a group of variants is called (see the module docstring)."""
    named = [v for v in variants if v.split() and all(_is_capital(w) for w in _words(v))]
    pool = named or variants
    return sorted(pool, key=lambda v: (-len(v), v))[0]


def group_sources(texts: list[str], aliases: list[tuple[str, str]] | None = None) -> dict[str, str]:
    """Speaker text -> canonical source name, for the texts of one article.

    Texts are taken longest first, so a short variant joins the fullest source
    it fits; each text joins the first group it is the same source as.
    ``aliases`` are pairs the text itself equates (a description and the name
    in apposition to it: "le porte-parole du ministère, Jean Dupont").
    """
    paired = {frozenset(pair) for pair in aliases or []}
    groups: list[list[str]] = []
    readings = {text: _reading(text) for text in set(texts)}
    for text in sorted(readings, key=lambda t: (-len(t), t)):
        reading = readings[text]
        for group in groups:
            if any(
                _same_reading(reading, readings[member]) or frozenset((text, member)) in paired
                for member in group
            ):
                group.append(text)
                break
        else:
            groups.append([text])
    result: dict[str, str] = {}
    for group in groups:
        name = canonical_name(group)
        for member in group:
            result[member] = name
    return result


def assign_sources(mentions: list[Mention], aliases: list[tuple[str, str]] | None = None) -> None:
    """Set ``speaker_source`` on every mention of one article that has a speaker."""
    texts = [" ".join(m.speaker.text.split()) for m in mentions if m.speaker is not None]
    names = group_sources(texts, aliases)
    for mention in mentions:
        if mention.speaker is not None:
            mention.speaker_source = names[" ".join(mention.speaker.text.split())]
