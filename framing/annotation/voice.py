"""Voice: whose wording a mention is, and who speaks it.

The annotator finds speech events (who says what through which cue) and the
quotations of the text; this module decides, for each mention, whether its
wording is the outlet's own (authorial), a quotation of a speaker
(direct_quote), the content of reported speech (indirect_speech) or a short
quotation nobody utters in context (scare_quote). Quotations are classified
once per document (``classify_quotes``, in quote_voices.py); each mention
then takes the voice of its outermost quotation, else of the smallest speech
event whose content holds it (``assign_voice``). The rules of thumb and their reasons are in
docs/annotations.md ("How voice is decided").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from framing.annotation.phrases import SpeechEvent, WordKey
from framing.annotation.quote_voices import (
    SCARE_QUOTE_MAX_WORDS,
    QuoteVoice,
    classify_quotes,
    trim_unbalanced,
)
from framing.annotation.quotes import Quote, outermost_quote
from framing.annotation.speaker_graph import incise_in_quote
from framing.types import DIRECT_QUOTE, INDIRECT_SPEECH, Mention

__all__ = [
    "SCARE_QUOTE_MAX_WORDS",
    "DocumentVoices",
    "QuoteVoice",
    "assign_voice",
    "classify_quotes",
    "trim_unbalanced",
]

# An editor's mark inside brackets in a quotation.
_EDITOR = re.compile(r"\bn\.?\s?d\.?\s?l\.?\s?r\b", re.IGNORECASE)
# A bracketed insertion this short is the editor's clarification ("(les
# policiers)", "(de grève)"); a longer one is the speaker's own aside unless
# it carries "NDLR" or spells out the acronym before it.
EDITORIAL_MAX_WORDS = 4


@dataclass
class DocumentVoices:
    """What voice assignment reads for every mention of one document."""

    text: str
    quotes: list[Quote]
    quote_voices: dict[Quote, QuoteVoice]
    events: list[SpeechEvent]


def assign_voice(mention: Mention, keys: set[WordKey], voices: DocumentVoices) -> None:
    """Set the mention's voice, speaker and cue (see the module docstring)."""
    quote = outermost_quote(voices.quotes, mention.start, mention.end)
    if quote is not None and _editorial_insertion(voices.text, quote, mention):
        mention.add_rule("quote:editorial_insertion")
        _quoted_in_insertion(mention, keys, quote, voices)
        return  # "(ndlr)", "(les policiers)": the outlet's words inside a quote
    quoted = voices.quote_voices.get(quote) if quote is not None else None
    own = _own_event(mention, voices.events)
    if own is not None or mention.category == "reporting_verb":
        # The cue itself (a reporting verb, "selon") is the outlet's choice of
        # words, unless it sits inside someone's quotation.
        if own is not None:
            _set_speaker(mention, own)
            mention.cue = own.cue
            mention.add_rule(own.rule)
        inserted = own is not None and incise_in_quote(voices.text, own)
        if quoted is not None and quoted.voice == DIRECT_QUOTE and not inserted:
            mention.voice = DIRECT_QUOTE
            mention.add_rule(quoted.rule)
        return
    if quoted is not None:
        mention.voice = quoted.voice
        mention.add_rule(quoted.rule)
        if quoted.event is not None:
            _set_speaker(mention, quoted.event)
            mention.cue = quoted.event.cue
            mention.add_rule(quoted.event.rule)
        return
    containing = [e for e in voices.events if keys and keys <= e.content]
    if containing:
        event = min(containing, key=lambda e: len(e.content))
        mention.voice = INDIRECT_SPEECH
        _set_speaker(mention, event)
        mention.cue = event.cue
        mention.add_rule(event.rule)


def _quoted_in_insertion(
    mention: Mention, keys: set[WordKey], quote: Quote, voices: DocumentVoices
) -> None:
    """A quotation inside the editor's insertion ("(mère d'une victime, qui a
    estimé qu'« on est trop naïf », NDLR)") is the words of whoever the
    insertion reports, not the outlet's."""
    inner = [
        q for q in voices.quotes if q.depth > quote.depth and q.contains(mention.start, mention.end)
    ]
    if not inner:
        return
    mention.voice = DIRECT_QUOTE
    containing = [e for e in voices.events if keys and keys <= e.content]
    if containing:
        event = min(containing, key=lambda e: len(e.content))
        _set_speaker(mention, event)
        mention.cue = event.cue
        mention.add_rule(event.rule)


def _own_event(mention: Mention, events: list[SpeechEvent]) -> SpeechEvent | None:
    """The speech event whose cue the mention is: a reporting verb, or an
    attribution hedge ("selon", "d'après") as the cue of a selon event."""
    if mention.category == "hedge" and mention.hedge_type == "attribution":
        kinds: tuple[str, ...] = ("selon",)
    elif mention.category == "reporting_verb":
        kinds = ("attribution", "qualify", "selon")
    else:
        return None
    for event in events:
        if (
            event.sentence == mention.sentence
            and event.kind in kinds
            and event.cue.start <= mention.start < event.cue.end
        ):
            return event
    return None


def _editorial_insertion(text: str, quote: Quote, mention: Mention) -> bool:
    """Whether the mention sits in an editor's brackets inside the quotation:
    "(les policiers)", "(de grève)", "(mère d'une victime, NDLR)", "la BRAV
    (Brigades de répression ...)"; not the speaker's own longer aside."""
    before = text[quote.inner_start : mention.start]
    after = text[mention.end : quote.inner_end]
    for opener, closer in (("(", ")"), ("[", "]")):
        start = before.rfind(opener)
        if start <= before.rfind(closer) or closer not in after:
            continue
        close_at = after.index(closer)
        if opener in after[:close_at]:
            continue
        inside = before[start + 1 :] + mention.text + after[:close_at]
        if opener == "[" or _EDITOR.search(inside):
            return True
        if len(inside.split()) <= EDITORIAL_MAX_WORDS:
            return True
        ahead = before[:start].split()
        return bool(ahead) and ahead[-1].isupper() and len(ahead[-1]) > 1
    return False


def _set_speaker(mention: Mention, event: SpeechEvent) -> None:
    mention.speaker = event.speaker
    mention.speaker_pronoun = event.pronoun
