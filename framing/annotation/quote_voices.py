"""Quotations: whose words each one is.

Once per document, each outermost quotation is claimed by the speech event
whose words it is (a partial quote inside reported speech, the object of a
speech verb, the scope of "selon X" / "Pour X", the nearest speech verb) or
left as the outlet's scare quote or an unattributed quotation; quotations that
continue another, and headings the body repeats, take its speaker. voice.py
then gives each mention inside a quotation that quotation's voice. The rules
and their reasons are in docs/annotations.md ("How voice is decided").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from framing.annotation.phrases import SpeechEvent, WordKey, speaker_phrase, subtree
from framing.annotation.quotes import Quote
from framing.annotation.rules import SentenceGraph
from framing.annotation.speaker_graph import incise_in_quote, inverted_clitic_cue
from framing.types import DIRECT_QUOTE, SCARE_QUOTE, Document, Sentence, TextSpan, Voice, Word

SCARE_QUOTE_MAX_WORDS = 4
# An inverted subject clitic in a cue ("note-t-il", "a-t-elle ajouté").


@dataclass
class QuoteVoice:
    """A quotation's voice, the speech event it belongs to, and the rule that said so."""

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
                if inverted_clitic_cue(text, event):
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
    group_names: set[tuple[int, int]] | None = None,
) -> dict[Quote, QuoteVoice]:
    """Decide for each outermost quote: direct quote (with its speech event) or scare quote.
    ``group_names`` are the character spans of the neutral actor labels found."""
    result: dict[Quote, QuoteVoice] = {}
    terms = _repeated_terms(document.text, quotes)
    for quote in quotes:
        if quote.depth != 0:
            continue
        words = _quote_words(document, quote)
        # the quoted words, less the punctuation: a stop or comma inside the marks
        # ('« ni d'intrusion. »') hangs on the main verb, outside the clause quoted
        keys = {(s.index, w.id) for s, w in words if w.upos != "PUNCT"} or {
            (s.index, w.id) for s, w in words
        }
        short = len([w for _, w in words if w.upos != "PUNCT"]) <= SCARE_QUOTE_MAX_WORDS
        event, rule = _claiming_event(quote, keys, short, events, graphs or {}, document.text)
        if (
            short
            and _term(document.text, quote) in terms
            and (
                _inner_span(document.text, quote) in (group_names or ())
                or (rule != _INSIDE_SPEECH and not _governed_by_cue(keys, event, graphs or {}))
            )
        ):
            # the outlet quotes this term wherever it uses it ("les « gilets
            # jaunes »"): its own distance, not one speaker's words; a group's
            # name so quoted stays the outlet's even inside reported speech or
            # as a speech verb's object ("a appelé les « gilets jaunes » à …")
            event, rule = None, ""
        if event is not None:
            result[quote] = QuoteVoice(DIRECT_QUOTE, event, rule)
        elif short:
            result[quote] = QuoteVoice(SCARE_QUOTE, None, "quote:scare")
        else:
            result[quote] = QuoteVoice(DIRECT_QUOTE, None, "quote:unattributed")
    _continue_quotes(document.text, result, events)
    _attribute_headings(document.text, result)
    return result


_INSIDE_SPEECH = "quote:inside_reported_speech"


def _inner_span(text: str, quote: Quote) -> tuple[int, int]:
    """The quoted words' offsets, without the spaces inside the marks ("« X »")."""
    inner = text[quote.inner_start : quote.inner_end]
    start = quote.inner_start + len(inner) - len(inner.lstrip())
    return start, quote.inner_start + len(inner.rstrip())


def _term(text: str, quote: Quote) -> str:
    return " ".join(text[quote.inner_start : quote.inner_end].lower().split())


def _governed_by_cue(
    keys: set[WordKey], event: SpeechEvent | None, graphs: dict[int, SentenceGraph]
) -> bool:
    """Whether a quoted word hangs right on the speech verb ("parle d'« attaque »"):
    that verb's words, however often the article quotes the term."""
    if event is None or event.sentence not in graphs:
        return False
    words = graphs[event.sentence].words
    return any(
        s == event.sentence and i in words and words[i].head == event.cue_word for s, i in keys
    )


def _repeated_terms(text: str, quotes: list[Quote]) -> set[str]:
    """Short quoted terms the article quotes more than once."""
    seen: dict[str, int] = {}
    for quote in quotes:
        term = _term(text, quote)
        if quote.depth == 0 and 0 < len(term.split()) <= SCARE_QUOTE_MAX_WORDS:
            seen[term] = seen.get(term, 0) + 1
    return {term for term, count in seen.items() if count > 1}


def _claiming_event(
    quote: Quote,
    keys: set[WordKey],
    short: bool,
    events: list[SpeechEvent],
    graphs: dict[int, SentenceGraph],
    text: str = "",
) -> tuple[SpeechEvent | None, str]:
    """The speech event whose words the quotation is, and the rule that says so."""
    if not keys:
        return None, ""
    # 1. a partial quote inside reported speech (or the label of "qualifier de")
    containing = [e for e in events if keys <= e.content and e.kind != "selon"]
    if containing:
        return min(containing, key=lambda e: len(e.content)), _INSIDE_SPEECH
    # the outlet's incise set inside the quotation marks ("« P, confie-t-il. Q »",
    # "« P, explique Paul Morel. Q »"): the quotation is that speaker's, both
    # sides of the incise
    if text:
        inserted = [
            e
            for e in events
            if e.speaker is not None
            and quote.start <= e.cue.start < quote.end
            and incise_in_quote(text, e)
            and not _infinitive_cue(e, graphs)  # "P, poursuivre les explications"
        ]
        if inserted:
            return inserted[0], "quote:incise_inside"
    objects = [e for e in events if keys <= e.objects and e.speaker is not None]
    if objects:
        return min(objects, key=lambda e: len(e.objects)), "quote:object_of_speech_verb"
    # the noun a reduced speech participle with its agent describes ("le « plan
    # massif » promis par X"): X's words, even inside another source's scope
    described = _described_by_participle(keys, events, graphs)
    if described is not None:
        return described, "quote:described_by_participle"
    # 2. inside the scope of "selon X, ..." or "Pour X, ...": X's words, however
    # short ("Selon lui, il avait le profil d'un « déséquilibré »")
    sources = [e for e in events if e.kind == "selon" and keys <= e.content and e.speaker]
    if sources:
        return min(sources, key=lambda e: len(e.content)), "quote:inside_source_scope"
    # a "selon X" right after the closing mark ('« P », selon le maire.'): X's
    # words, whatever part of P the parser hung the "selon" on
    if text:
        after = [
            e
            for e in events
            if e.kind == "selon"
            and e.speaker is not None
            and e.cue.start > quote.end
            and _only_punctuation(text[quote.end : e.cue.start])
        ]
        if after:
            return after[0], "quote:inside_source_scope"
    # 3. a person's name and a colon right before the quotation ("parmi
    # lesquels le député Paul Morel : « P »"): the name's words, whatever verb
    # comes nearer after the quotation
    named = _name_before_colon(quote, graphs, text) if text else None
    if named is not None:
        return named, "quote:name_colon"
    # 4. the nearest speech verb outside the quote, in the same or an adjacent sentence
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
    # the incise right after the closing mark ('« P », a-t-il ajouté') reports the
    # quotation, however near a verb ends before it opens ('a-t-il précisé. « P »')
    incise = [
        e
        for e in nearby
        if e.cue.start >= quote.end
        and _only_punctuation(text[quote.end : e.cue.start])
        and e.speaker is not None
        and (e.speaker.start >= e.cue.end or inverted_clitic_cue(text, e))
    ]  # an inverted subject or clitic: not the sentence's own verb ('…, a été salué')
    event = min(incise or nearby, key=lambda e: _distance(e.cue, quote))
    if short and _distance(event.cue, quote) > 40:
        return None, ""  # a short quoted word near, but not reported by, a speech verb
    return event, "quote:nearest_speech_verb"


def _infinitive_cue(event: SpeechEvent, graphs: dict[int, SentenceGraph]) -> bool:
    graph = graphs.get(event.sentence)
    cue = graph.words.get(event.cue_word) if graph is not None else None
    return cue is not None and cue.feat("VerbForm") == "Inf"


def _described_by_participle(
    keys: set[WordKey], events: list[SpeechEvent], graphs: dict[int, SentenceGraph]
) -> SpeechEvent | None:
    """The event of a reduced speech participle with a "par" agent ("promis par
    X", "annoncée par X") whose noun phrase, the participle aside, holds the
    quotation."""
    for event in events:
        graph = graphs.get(event.sentence)
        if graph is None or event.kind != "attribution" or event.speaker is None:
            continue
        cue = graph.words.get(event.cue_word)
        if cue is None or cue.deprel != "acl" or not cue.head:
            continue
        agent = event.speaker_word
        if agent.deprel != "obl:agent" or agent.head != cue.id:
            continue
        phrase = subtree(graph, cue.head) - subtree(graph, cue.id)
        if keys <= {(event.sentence, i) for i in phrase}:
            return event
    return None


def _name_before_colon(
    quote: Quote, graphs: dict[int, SentenceGraph], text: str
) -> SpeechEvent | None:
    """A speech event for "Prénom Nom : « P »": a first and last name (not
    inside another quotation) ending right before a colon that opens the
    quotation; None otherwise. The colon is the event's cue; it makes no
    reporting-verb mention."""
    for graph in graphs.values():
        sentence = graph.sentence
        if not (sentence.start <= quote.start <= sentence.end):
            continue
        for word in graph.word_list:
            token = sentence.token_of(word)
            if token.start >= quote.start or word.text != ":":
                continue
            if quote.start - token.end > 2 or token.start < quote.start - 4:
                continue  # the colon right before the opening mark
            name = graph.words.get(word.id - 1)
            while name is not None and name.deprel == "flat:name" and name.head:
                name = graph.words.get(name.head)
            if name is None or name.upos != "PROPN":
                return None
            parts = [name] + [c for c in graph.children.get(name.id, []) if c.deprel == "flat:name"]
            if len(parts) < 2 or max(p.id for p in parts) != word.id - 1:
                return None
            return SpeechEvent(
                sentence=sentence.index,
                cue_word=word.id,
                cue=TextSpan(":", token.start, token.end),
                speaker_word=name,
                speaker=_span_of(text, sentence, parts),
                content=set(),
                rule="quote:name_colon",
                kind="attribution",
            )
    return None


def _span_of(text: str, sentence: Sentence, words: list[Word]) -> TextSpan:
    start = min(sentence.token_of(w).start for w in words)
    end = max(sentence.token_of(w).end for w in words)
    return TextSpan(text[start:end], start, end)


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


def _continue_quotes(text: str, result: dict[Quote, QuoteVoice], events: list[SpeechEvent]) -> None:
    """A long quote with no speech verb of its own continues the quote before
    it when no other speech verb comes between them: same speaker, same cue
    ("« P1 », a dit X. « P2 »"); so does a short one that follows the quote
    before with only punctuation between ('« P1 », « alors on abdique »')."""
    previous: QuoteVoice | None = None
    previous_end = -1
    for quote in sorted(result, key=lambda q: q.start):
        voice = result[quote]
        glued = voice.rule == "quote:scare" and _only_punctuation(text[previous_end : quote.start])
        if (voice.rule == "quote:unattributed" or glued) and previous is not None:
            between = [
                e for e in events if previous_end <= e.cue.start < quote.start and e.kind != "selon"
            ]
            if not between or between == [previous.event]:
                voice = result[quote] = QuoteVoice(DIRECT_QUOTE, previous.event, "quote:continued")
        if voice.event is not None and voice.voice == DIRECT_QUOTE:
            previous, previous_end = voice, quote.end


# how a quotation was attributed when nothing in its own sentence said whose it is
_GUESSES = frozenset(
    {"quote:scare", "quote:unattributed", "quote:nearest_speech_verb", "quote:continued"}
)


def _attribute_headings(text: str, result: dict[Quote, QuoteVoice]) -> None:
    """A quoted heading that a later quotation of the body repeats ('- « Lourd
    tribut » -' ... '« Ce lourd tribut payé par la Légion … », a dit la
    ministre') is that speaker's words, rather than a guess from a nearby verb."""
    quoted = sorted(
        (q for q, v in result.items() if v.voice == DIRECT_QUOTE and v.event is not None),
        key=lambda q: q.start,
    )
    for quote, voice in list(result.items()):
        if voice.rule not in _GUESSES or not _is_heading(text, quote):
            continue
        term = _term(text, quote)
        later = [q for q in quoted if q.start > quote.end and term in _term(text, q)]
        # else the quotation the heading picks up from above ('…, mettant en
        # garde contre toute « solution miracle ». - Pas de « solution
        # miracle » -')
        earlier = [q for q in quoted if q.end < quote.start and term in _term(text, q)]
        repeated = later[:1] or earlier[-1:]
        if term and repeated:
            event = result[repeated[0]].event
            result[quote] = QuoteVoice(DIRECT_QUOTE, event, "quote:heading_attributed")


# A heading between dashes with a few words around its quotation ('.- Pas de
# « solution miracle » -', '.- Confiance « érodée » -').
_DASH_HEADING_BEFORE = re.compile(r"\s*[-–—]\s[^.!?:;\"«»]{0,40}$")
_DASH_HEADING_AFTER = re.compile(r"[^.!?:;\"«»]{0,25}?\s[-–—]")


def _is_heading(text: str, quote: Quote) -> bool:
    """Whether the quotation stands alone between sentences ('improvisé.- « Lourd
    tribut » -Ces dernières semaines'): no words before it in its sentence, a
    capital after it; or it sits with a few words in a heading between dashes
    ('.- Pas de « solution miracle » -')."""
    before = text[max(0, quote.start - 80) : quote.start]
    cut = max(before.rfind(c) for c in ".!?\n►")
    if cut < 0:
        return False
    if any(c.isalnum() for c in before[cut + 1 :]):
        return bool(
            _DASH_HEADING_BEFORE.fullmatch(before[cut + 1 :])
            and _DASH_HEADING_AFTER.match(text, quote.end)
        )
    after = text[quote.end : quote.end + 40].lstrip(" -–—►\u00a0")
    return not after or after[0].isupper()


def _only_punctuation(gap: str) -> bool:
    return bool(gap) and len(gap) <= 4 and all(c.isspace() or c in ",;:-–" for c in gap)


def _distance(span: TextSpan, quote: Quote) -> int:
    if span.end <= quote.start:
        return quote.start - span.end
    if span.start >= quote.end:
        return span.start - quote.end
    return 0
