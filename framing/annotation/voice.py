"""Voice: whose wording a mention is, and who speaks it.

The annotator finds speech events (who says what through which cue) and the
quotations of the text; this module decides, for each mention, whether its
wording is the outlet's own (authorial), a quotation of a speaker
(direct_quote), the content of reported speech (indirect_speech) or a short
quotation nobody utters in context (scare_quote). Quotations are classified
once per document (``classify_quotes``); each mention then takes the voice of
its outermost quotation, else of the smallest speech event whose content
holds it (``assign_voice``). The rules of thumb and their reasons are in
docs/annotations.md ("How voice is decided").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from framing.annotation.phrases import SpeechEvent, WordKey, speaker_phrase
from framing.annotation.quotes import Quote, outermost_quote
from framing.annotation.rules import SentenceGraph
from framing.types import (
    DIRECT_QUOTE,
    INDIRECT_SPEECH,
    SCARE_QUOTE,
    Document,
    Mention,
    Sentence,
    TextSpan,
    Voice,
    Word,
)

SCARE_QUOTE_MAX_WORDS = 4
# An inverted subject clitic in a cue ("note-t-il", "a-t-elle ajouté").
_INVERTED = re.compile(r"-(?:t-)?(?:il|elle|ils|elles|on)\b", re.IGNORECASE)
# An editor's mark inside brackets in a quotation.
_EDITOR = re.compile(r"\bn\.?\s?d\.?\s?l\.?\s?r\b", re.IGNORECASE)
# A bracketed insertion this short is the editor's clarification ("(les
# policiers)", "(de grève)"); a longer one is the speaker's own aside unless
# it carries "NDLR" or spells out the acronym before it.
EDITORIAL_MAX_WORDS = 4


@dataclass
class QuoteVoice:
    voice: Voice
    event: SpeechEvent | None
    rule: str


def _quote_words(document: Document, quote: Quote) -> list[tuple[Sentence, Word]]:
    found = []
    for sentence in document.sentences:
        if sentence.end < quote.inner_start or sentence.start > quote.inner_end:
            continue
        for token in sentence.tokens:
            if quote.inner_start <= token.start and token.end <= quote.inner_end:
                found.extend((sentence, w) for w in token.words)
    return found


def trim_unbalanced(text: str, quotes: list[Quote], events: list[SpeechEvent]) -> list[Quote]:
    """An unclosed quotation ends before the inserted speech verb that reports
    it ('doit "limiter leur capacité, a expliqué la société.'): the closing
    mark was lost before the comma, and the verb is the outlet's."""
    trimmed = []
    for quote in quotes:
        if not quote.balanced:
            for event in sorted(events, key=lambda e: e.cue.start):
                if event.kind != "attribution" or not quote.contains(
                    event.cue.start, event.cue.end
                ):
                    continue
                if _INVERTED.search(event.cue.text):
                    break  # "« P, note-t-il. Q": an incise inside the speaker's words
                before = text[quote.inner_start : event.cue.start].rstrip()
                if before.endswith(","):
                    end = quote.inner_start + len(before) - 1
                    quote = replace(quote, end=end, inner_end=end)
                    break
        trimmed.append(quote)
    return trimmed


def classify_quotes(
    document: Document,
    quotes: list[Quote],
    events: list[SpeechEvent],
    graphs: dict[int, SentenceGraph] | None = None,
) -> dict[Quote, QuoteVoice]:
    """Decide for each outermost quote: direct quote (with its speech event) or scare quote."""
    result: dict[Quote, QuoteVoice] = {}
    for quote in quotes:
        if quote.depth != 0:
            continue
        words = _quote_words(document, quote)
        keys = {(s.index, w.id) for s, w in words}
        short = len([w for _, w in words if w.upos != "PUNCT"]) <= SCARE_QUOTE_MAX_WORDS
        event, rule = _claiming_event(quote, keys, short, events, graphs or {})
        if event is not None:
            result[quote] = QuoteVoice(DIRECT_QUOTE, event, rule)
        elif short:
            result[quote] = QuoteVoice(SCARE_QUOTE, None, "quote:scare")
        else:
            result[quote] = QuoteVoice(DIRECT_QUOTE, None, "quote:unattributed")
    _continue_quotes(result, events)
    return result


def _claiming_event(
    quote: Quote,
    keys: set[WordKey],
    short: bool,
    events: list[SpeechEvent],
    graphs: dict[int, SentenceGraph],
) -> tuple[SpeechEvent | None, str]:
    """The speech event whose words the quotation is, and the rule that says so."""
    if not keys:
        return None, ""
    # 1. a partial quote inside reported speech (or the label of "qualifier de")
    containing = [e for e in events if keys <= e.content and e.kind != "selon"]
    if containing:
        return min(containing, key=lambda e: len(e.content)), "quote:inside_reported_speech"
    objects = [e for e in events if keys <= e.objects and e.speaker is not None]
    if objects:
        return min(objects, key=lambda e: len(e.objects)), "quote:object_of_speech_verb"
    # 2. inside the scope of "Pour X, ...", or a long quote in that of "selon X"
    sources = [
        e
        for e in events
        if e.kind == "selon"
        and keys <= e.content
        and e.speaker is not None
        and (e.rule == "selon.pour" or not short)
    ]
    if sources:
        return min(sources, key=lambda e: len(e.content)), "quote:inside_source_scope"
    # 3. the nearest speech verb outside the quote, in the same or an adjacent sentence
    sentences = {s for s, _ in keys}
    low, high = min(sentences) - 1, max(sentences) + 1
    nearby = [
        e
        for e in events
        if low <= e.sentence <= high
        and e.kind != "selon"
        and not (quote.start <= e.cue.start < quote.end)
        and not _in_speaker_phrase(keys, e, graphs)
    ]
    if not nearby:
        return None, ""
    event = min(nearby, key=lambda e: _distance(e.cue, quote))
    if short and _distance(event.cue, quote) > 40:
        return None, ""  # a short quoted word near, but not reported by, a speech verb
    return event, "quote:nearest_speech_verb"


def _in_speaker_phrase(
    keys: set[WordKey], event: SpeechEvent, graphs: dict[int, SentenceGraph]
) -> bool:
    """Whether the quotation sits in the phrase that names the speaker ("l'ancien
    collaborateur, mis en examen pour « violences en réunion », a justifié"):
    words about the speaker, not words the speaker says."""
    graph = graphs.get(event.sentence)
    if graph is None or event.speaker_word.id == event.cue_word:
        return False
    phrase = speaker_phrase(graph, event.speaker_word, event.cue_word)
    return keys <= {(event.sentence, i) for i in phrase}


def _continue_quotes(result: dict[Quote, QuoteVoice], events: list[SpeechEvent]) -> None:
    """A long quote with no speech verb of its own continues the quote before
    it when no other speech verb comes between them: same speaker, same cue
    ("« P1 », a dit X. « P2 »")."""
    previous: QuoteVoice | None = None
    previous_end = -1
    for quote in sorted(result, key=lambda q: q.start):
        voice = result[quote]
        if voice.rule == "quote:unattributed" and previous is not None:
            between = [
                e for e in events if previous_end <= e.cue.start < quote.start and e.kind != "selon"
            ]
            if not between or between == [previous.event]:
                voice = result[quote] = QuoteVoice(DIRECT_QUOTE, previous.event, "quote:continued")
        if voice.event is not None and voice.voice == DIRECT_QUOTE:
            previous, previous_end = voice, quote.end


def _distance(span: TextSpan, quote: Quote) -> int:
    if span.end <= quote.start:
        return quote.start - span.end
    if span.start >= quote.end:
        return span.start - quote.end
    return 0


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
        if quoted is not None and quoted.voice == DIRECT_QUOTE:
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
