"""Sentence ends glued to the next sentence, opened up before tokenizing.

Scraped news text often loses the line break between paragraphs, leaving
"... a été reportée.Le maire a dénoncé ..." or "... sans délai"."Le préfet ...".
The tokenizer then reads two sentences as one (".Le" becomes a token), and
every later stage pays: the parser hangs one sentence's subject on the other's
verb, and a speech verb's speaker is looked for in the wrong sentence. In the
OrangeSum sample 1,552 of 2,009 articles hold at least one such seam.

The repair gives the tokenizer a copy of the text with characters inserted at
each seam, and maps every offset the tokenizer returns back to the original
text, so ``text[start:end]`` still holds for every token. Four kinds of seam:

* a sentence-final mark (. ? !) right after a lower-case letter, a digit or a
  closing mark, and right before an upper-case letter (possibly behind an
  opening quote): one space is inserted. "M.Dupont", "2.5" or "U.S.A" are not
  seams;
* the same mark right after an acronym of two or more capitals and before a
  capitalised word ("a-t-il dit à l'AFP.La police", "9H00 GMT.Les"): one space.
  The tokenizer otherwise makes ".La" a proper noun glued to the acronym. A
  single capital ("M.Dupont") is still no seam, nor is an acronym followed by
  capitals ("U.S.A.", "O.N.U");
* a subheading that lost both its line break and any stop ("Un apéro qui
  dégénèreSelon l'avocat, ..."): a lower-case word running straight into a
  capitalised word that opens French sentences (a determiner, a preposition,
  a subject pronoun, a connective, an elided "L'" / "C'" / "Qu'" ...; the
  closed list ``_OPENERS``) followed by a space or an apostrophe. Brand names
  such as "TikTok" or "AstraZeneca" run into open-class words and stay whole.
  Here a paragraph break (two newlines) is inserted, since there is no stop to
  end the sentence on;
* a quoted subheading or a quotation without a stop whose closing mark runs
  straight into the next sentence ('... "Des soupçons persistants"Selon
  l'avocat, ...', '... de la rue"L'homme a fui'): a closing mark right after a
  lower-case letter or a digit, before one of the same sentence openers. A
  paragraph break is inserted after the mark. A straight mark there may also
  open a quotation that a stopless subheading runs into ('Un départ
  annoncé"Je pars demain"'): where the straight marks since the last stop
  leave none open, the break goes before the mark instead (in the OrangeSum
  sample, about 100 seams of the first kind and 40 of the second). Texts
  holding one get a parse cache key of their own (``QUOTE_SEAM_VERSION``), so
  no parse made before the repair is reused.

The first kind is version 1 of the repair; texts that hold only seams of that
kind keep the parse cache key they always had (``later_seams``).

The opposite slip is repaired here too: a dash that opens or closes a
parenthesis inside a sentence ("trois employés et deux bénévoles - le gardien
et un cuisinier - ont été blessés", "le voisin - qui souhaite garder
l'anonymat - raconte") made the tokenizer end the sentence there, cutting a
subject from its verb and a "selon X" from what it scopes over (316 such dashes in 156 of the 2,009
OrangeSum articles). The tokenizer reads a comma in their place, one character
for one, so no offset moves; the token keeps the dash as its surface. Only a
spaced dash between a word (or a number, a closing mark) and a lower-case word
counts: a subheading's dash follows a stop or precedes a capital ("- Baby boom
en Indonésie -L'agence"), a range joins digits ("2019 - 2020"). Texts holding
one get a parse cache key of their own (``DASH_VERSION``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

# Bump when the seam pattern changes: it is part of the parse cache key.
GLUED_VERSION = 1
# Bump when the seams added after version 1 change: a text holding one of them
# gets a key of its own (``later_seams``), so no parse made before is reused for it.
LATER_SEAMS_VERSION = 1

_SEAM = re.compile(r"(?<=[a-zà-ÿœæ0-9%)\]»\"”’'])[.?!](?=[\"«“]?[A-ZÀ-ÝŒÆ])")
_ACRONYM_SEAM = re.compile(r"(?<=[A-ZÀ-ÝŒÆ]{2})[.?!](?=[\"«“]?[A-ZÀ-ÝŒÆ][a-zà-ÿœæ'’])")

_OPENERS = (
    "Le|La|Les|Un|Une|Des|Du|De|Ce|Cet|Cette|Ces|Son|Sa|Ses|Leur|Leurs|"
    "Selon|Pour|Dans|En|Sur|Au|Aux|Après|Avant|Avec|Depuis|Lors|Parmi|Par|Chez|"
    "Malgré|Face|Mais|Et|Car|Alors|Ainsi|Pourtant|Quant|Déjà|Même|Plus|Pas|"
    "Il|Ils|Elle|Elles|On|Nous|Je|Si|Comme|Plusieurs|Deux|Trois|Quatre|Cinq|"
    "Lundi|Mardi|Mercredi|Jeudi|Vendredi|Samedi|Dimanche|Contacté|Contactée|"
    "Interrogé|Interrogée"
)
# What follows a seam with no stop: a sentence opener, whole or elided.
_OPENER_AHEAD = r"(?:(?:" + _OPENERS + r")\s|(?:L|D|C|S|N|J|Qu)['’][a-zà-ÿA-ZÀ-Ý])"
_HEADLINE_SEAM = re.compile(r"(?<=[a-zà-ÿœæ]{3})(?=" + _OPENER_AHEAD + ")")
_PARAGRAPH = "\n\n"
# A closing quotation mark glued to the opener of the next sentence.
_QUOTE_SEAM = re.compile(r"(?<=[a-zà-ÿœæ0-9%)])[\"»”](?=" + _OPENER_AHEAD + ")")
# Bump when the quote seam changes: texts holding one get their own cache key.
QUOTE_SEAM_VERSION = 1
# How far back a straight mark's sentence is read to tell whether it closes.
MAX_SENTENCE_CHARS = 2000
# A spaced dash (or double hyphen) inside a sentence, before a lower-case word.
_DASH_SEAM = re.compile(
    r"(?<=[A-Za-zÀ-ÿœæŒÆ0-9)\]»\"”%])[ \u00a0](--|-|–|—)(?=[ \u00a0][\"«“]?[ \u00a0]?[a-zà-ÿœæ])"
)
# Any spaced dash, and a sentence stop: how far a parenthesis opened by a dash may run.
_ANY_DASH = re.compile(r"[ \u00a0](--|-|–|—)(?=[ \u00a0])")
_STOP = re.compile(r"[.!?](?=\s|$)")
# Bump when the dash repair changes: texts holding such a dash get their own cache key.
DASH_VERSION = 1


@dataclass(frozen=True)
class OpenedText:
    """A text with characters inserted at seams, and the way back to the original."""

    text: str
    # Positions in ``text`` of the inserted characters, ascending.
    inserted: tuple[int, ...]

    def original_offset(self, offset: int) -> int:
        """The original offset of a position in the opened text (a token edge)."""
        return offset - bisect_right(self.inserted, offset - 1)


def _seams(text: str) -> list[tuple[int, str]]:
    """(original position, what to insert there) for every seam, in text order."""
    found = {m.end(): " " for m in _SEAM.finditer(text)}
    for match in _ACRONYM_SEAM.finditer(text):
        found.setdefault(match.end(), " ")
    for match in _HEADLINE_SEAM.finditer(text):
        found.setdefault(match.end(), _PARAGRAPH)
    for match in _QUOTE_SEAM.finditer(text):
        # a straight mark that opens is a stopless heading glued to a quotation
        # ('Un départ annoncé"Je pars', with the break before the mark)
        cut = match.end() if _closes(text, match.start()) else match.start()
        found.setdefault(cut, _PARAGRAPH)
    return sorted(found.items())


def _closes(text: str, index: int) -> bool:
    """Whether the quotation mark at ``index`` closes a quotation: always for
    » and ”; for a straight mark, when the marks since the last sentence stop
    leave one open. A straight mark glued to that stop and followed by
    no letter ('."" ', '." ') closed the quotation before it and is not counted."""
    if text[index] != '"':
        return True
    window = text[max(0, index - MAX_SENTENCE_CHARS) : index]
    segment = window[max(window.rfind(stop) for stop in ".!?…") + 1 :]
    if segment.startswith('"') and not segment[1:2].isalnum():
        segment = segment[1:]
    return segment.count('"') % 2 == 1


def quote_seams(text: str) -> bool:
    """Whether ``text`` holds a closing quotation mark glued to the next sentence."""
    return _QUOTE_SEAM.search(text) is not None


def inner_dashes(text: str) -> bool:
    """Whether ``text`` holds a dash the tokenizer reads as a comma (module docstring)."""
    return _DASH_SEAM.search(text) is not None


def _commas_for_dashes(text: str) -> str:
    """``text`` with each parenthesis dash replaced by a comma (padded with
    spaces to the dash's length), so that every offset stays where it was. A
    dash that opens a parenthesis also changes the next spaced dash of its
    sentence, which closes it whatever follows ("- avant la conférence - Paul
    Morel")."""
    spans: list[tuple[int, int]] = []
    position = 0
    while (opening := _DASH_SEAM.search(text, position)) is not None:
        spans.append(opening.span(1))
        position = opening.end(1)
        closing = _ANY_DASH.search(text, position)
        stop = _STOP.search(text, position)
        if closing is not None and (stop is None or closing.start() < stop.start()):
            spans.append(closing.span(1))
            position = closing.end(1)
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        chars[start:end] = ",".ljust(end - start)
    return "".join(chars)


def later_seams(text: str) -> bool:
    """Whether ``text`` holds a seam of a kind added after version 1 of the repair."""
    return _ACRONYM_SEAM.search(text) is not None or _HEADLINE_SEAM.search(text) is not None


def open_seams(text: str) -> OpenedText:
    """Insert a break at every glued sentence end, and read a comma for every
    parenthesis dash (see the module docstring)."""
    text = _commas_for_dashes(text)
    seams = _seams(text)
    if not seams:
        return OpenedText(text, ())
    pieces: list[str] = []
    inserted: list[int] = []
    last = 0
    for cut, insert in seams:
        pieces.append(text[last:cut])
        for _ in insert:
            inserted.append(cut + len(inserted))
        pieces.append(insert)
        last = cut
    pieces.append(text[last:])
    return OpenedText("".join(pieces), tuple(inserted))
