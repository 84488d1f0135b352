"""Parsed document -> framing mentions: the annotation engine.

Per document, in this order:

1. quotation marks are paired on the raw text and boilerplate lines marked;
2. per sentence, lexicon entries are matched (longest match wins within a
   category) and each match marks its head word (``lexicon``, ``entry``...),
   so rules can refer to it;
3. the dependency rules run; their bindings become *speech events*
   (attribution, ``selon``, ``qualifier de``) and *modifiers* (negation,
   hedges, agentless passives, targets);
4. each mention gets its voice: inside a quote (direct or scare quote), inside
   the content of a speech event (indirect speech), or the outlet's own
   (authorial), with the speaker and cue; pronoun speakers are resolved to the
   last named speaker when that is unambiguous.

Every mention lists the lexicon entry and the rules that shaped it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from framing.annotation.boilerplate import (
    BoilerplatePattern,
    BoilerplateSpan,
    find_boilerplate,
    read_boilerplate,
)
from framing.annotation.families import rule_families
from framing.annotation.lexicon import (
    LABEL_CATEGORIES,
    REFERENCE_CATEGORY,
    TRIGGER_ONLY_CATEGORIES,
    Lexicon,
    LexiconMatch,
    load_lexicon,
)
from framing.annotation.patterns import SentenceView
from framing.annotation.quotes import Quote, find_quotes, outermost_quote
from framing.annotation.rules import Rule, RuleSet, SentenceGraph, load_rules
from framing.annotation.sources import split_sources
from framing.errors import InputError
from framing.types import AnnotatedDocument, Document, Mention, Sentence, TextSpan, Word

WordKey = tuple[int, int]  # (sentence index, word id)
_CLAUSE_RELATIONS = {
    "ccomp",
    "advcl",
    "acl:relcl",
    "parataxis",
    "parataxis:insert",
    "csubj",
    "root",
}
_SPEAKER_CUT = {"acl:relcl", "parataxis", "parataxis:insert", "advcl"}
_SPEAKER_TOP_CUT = _SPEAKER_CUT | {"case", "punct", "conj", "cc", "mark", "cop", "acl"}
_PERSONAL_PRONOUNS = {"il", "elle", "ils", "elles", "lui", "eux"}
# An inverted subject clitic as the tokenizer leaves it: "-t-il", "-elle".
_INVERTED_CLITIC = re.compile(r"^-(?:t-)?(il|elle|ils|elles|on)$", re.IGNORECASE)
# Prepositions that introduce a circumstance, not part of a speaker's name:
# "le ministère ... sur l'application Telegram", "le maire dans un communiqué".
_CIRCUMSTANCE_PREPOSITIONS = {"sur", "dans", "via", "lors", "pendant", "depuis", "durant"}
SCARE_QUOTE_MAX_WORDS = 4
# A reporting-verb entry becomes a mention only when an attribution rule finds
# the speech it introduces ("seront jugés" is no reporting verb).
EVENT_REQUIRED_CATEGORIES = ("reporting_verb",)


@dataclass
class SpeechEvent:
    """Someone (speaker) says something (content) through a cue."""

    sentence: int
    cue_word: int
    cue: TextSpan
    speaker_word: Word
    speaker: TextSpan
    content: set[WordKey]
    rule: str
    kind: str  # attribution | selon | qualify
    pronoun: TextSpan | None = None
    label_word: int | None = None
    target: TextSpan | None = None


@dataclass
class _SentenceFacts:
    """What rules found in one sentence."""

    negated: dict[int, list[str]] = field(default_factory=dict)  # word id -> rules
    hedged: dict[int, list[str]] = field(default_factory=dict)  # scope word id -> rules
    targets: dict[int, tuple[TextSpan, str]] = field(default_factory=dict)
    passives: list[tuple[int, str]] = field(default_factory=list)  # (verb id, rule)
    # verb id -> every rule that read a conditional there: a form rule and the
    # Mood=Cnd rule may both fire on one verb, which is still one hedge mention
    conditionals: dict[int, list[str]] = field(default_factory=dict)


class Annotator:
    """Lexicons + rules + boilerplate patterns, compiled once, applied to documents."""

    def __init__(
        self,
        lexicon: Lexicon,
        rules: list[Rule],
        boilerplate: list[BoilerplatePattern],
        checksums: dict[str, str] | None = None,
        include_references: bool = False,
    ) -> None:
        self.lexicon = lexicon
        # actor_reference entries (plain institutional names) still mark words for
        # the rules, but become mentions only when asked for (docs/frames.md).
        self.include_references = include_references
        self.rules = rules
        self.rule_set = RuleSet(rules)
        self.boilerplate = boilerplate
        self.checksums = dict(sorted((checksums or {}).items()))

    @classmethod
    def from_paths(
        cls,
        paths: Iterable[str | Path] | None = None,
        language: str = "fr",
        include_references: bool = False,
    ) -> Annotator:
        """Load lexicons, rules and boilerplate from folders or files.

        The lexicon root contributes its language folder and inventory; a
        language folder its ``*.yaml`` lexicon files, ``rules/*.yaml`` and
        ``boilerplate/*.yaml``; a file is taken by its kind (top-level key).
        See ``framing.annotation.sources``. Compiled once per checksum of the
        sources (``framing.annotation.compiled``).
        """
        from framing.annotation.compiled import cached

        sources = list(paths) if paths else None
        annotator = cached(sources, language, lambda: cls._build(sources, language))
        # set after loading, never stored with the compiled lexicons: one cached
        # compilation serves both settings
        annotator.include_references = include_references
        return annotator

    @classmethod
    def _build(cls, paths: Iterable[str | Path] | None, language: str) -> Annotator:
        sources = split_sources(paths, language)
        rule_paths, boiler_paths = sources.rules, sources.boilerplate
        lexicon = load_lexicon(sources.lexicons, language, sources.inventory)
        rules, rule_sums = (
            load_rules(rule_paths or None, language) if rule_paths != [] else ([], {})
        )
        if boiler_paths == []:
            patterns, boiler_sums = [], {}
        else:
            patterns, boiler_sums, problems = read_boilerplate(boiler_paths or None, language)
            if problems:
                raise InputError("\n".join(str(p) for p in problems[:20]))
        checksums = {**lexicon.files, **rule_sums, **boiler_sums}
        return cls(lexicon, rules, patterns, checksums)

    # -- public ----------------------------------------------------------------

    def annotate(self, document: Document) -> AnnotatedDocument:
        """Annotate a parsed document."""
        text = document.text
        quotes = find_quotes(text)
        boiler = find_boilerplate(text, self.boilerplate)
        mentions: list[Mention] = []
        events: list[SpeechEvent] = []
        facts: dict[int, _SentenceFacts] = {}
        sentence_mentions: dict[int, list[tuple[Mention, LexiconMatch, list[Word]]]] = {}
        graphs: dict[int, SentenceGraph] = {}
        for sentence in document.sentences:
            view = SentenceView(sentence)
            matches, marks = self.lexicon_marks(view)
            graph = graphs[sentence.index] = SentenceGraph(sentence, marks, view.words)
            found: list[tuple[Mention, LexiconMatch, list[Word]]] = []
            for match in matches:
                if match.entry.category in TRIGGER_ONLY_CATEGORIES or (
                    match.entry.category == REFERENCE_CATEGORY and not self.include_references
                ):
                    continue
                words = [view.words[i] for i in range(match.span.start, match.span.end)]
                if match.entry.category == "reporting_verb":
                    words = _verb_group(graph, _span_head(words))
                mention = _new_mention(text, sentence, words, match)
                found.append((mention, match, words))
            sentence_facts = _SentenceFacts()
            for rule, binding in self.rule_set.matches(graph):
                event = _apply_rule(rule, binding, graph, text, sentence_facts)
                if event is not None:
                    events.append(event)
            facts[sentence.index] = sentence_facts
            for verb_id, rule_id in sentence_facts.passives:
                mention = _passive_mention(text, graph, verb_id, rule_id, matches, view)
                if mention is not None:
                    found.append(mention)
            for verb_id, rule_ids in sentence_facts.conditionals.items():
                found.append(_conditional_mention(text, graph, verb_id, rule_ids))
            sentence_mentions[sentence.index] = found
        events = _dedupe_events(events)
        _resolve_pronouns(events)
        cues = {(e.sentence, e.cue_word) for e in events}
        quote_voices = _classify_quotes(document, quotes, events)
        for sentence in document.sentences:
            for mention, _match, words in sentence_mentions[sentence.index]:
                keys = {(sentence.index, w.id) for w in words}
                head = _span_head(words)
                if (
                    mention.category in EVENT_REQUIRED_CATEGORIES
                    and (sentence.index, head.id) not in cues
                ):
                    continue  # a speech verb that introduces no one's speech here
                _assign_voice(mention, keys, quotes, quote_voices, events)
                _apply_facts(mention, graphs[sentence.index], head, facts[sentence.index], events)
                mention.boilerplate = any(
                    b.start <= mention.start and mention.end <= b.end for b in boiler
                ) or any(b.start < mention.end and mention.start < b.end for b in boiler)
                mentions.append(mention)
        mentions.sort(key=lambda m: (m.start, m.end, m.category, m.entry))
        words = document.word_count
        boiler_words = sum(
            1
            for s in document.sentences
            for t in s.tokens
            if any(b.start <= t.start and t.end <= b.end for b in boiler)
            for _ in t.words
        )
        return AnnotatedDocument(
            id=document.id,
            outlet=document.outlet,
            date=document.date,
            title=document.title,
            language=document.language,
            tokens=sum(len(s.tokens) for s in document.sentences),
            words=words,
            mentions=mentions,
            boilerplate=[_boiler_json(text, b) for b in boiler],
            boilerplate_words=boiler_words,
            text=text,
            metadata=dict(document.metadata),
        )

    def lexicon_marks(
        self, view: SentenceView
    ) -> tuple[list[LexiconMatch], dict[int, dict[str, set[str]]]]:
        """Lexicon matches of a sentence (overlaps resolved) and the marks they put on words."""
        matches = _resolve_overlaps(self.lexicon.find(view))
        marks: dict[int, dict[str, set[str]]] = {}
        for match in matches:
            words = [view.words[i] for i in range(match.span.start, match.span.end)]
            _add_marks(marks, _span_head(words).id, match)
        return matches, marks

    def rule_bindings(self, sentence: Sentence) -> list[tuple[Rule, dict[str, int]]]:
        """Every rule match in a sentence, for explanations and rule examples."""
        view = SentenceView(sentence)
        _, marks = self.lexicon_marks(view)
        graph = SentenceGraph(sentence, marks, view.words)
        return list(self.rule_set.matches(graph))

    def annotate_many(self, documents: Iterable[Document]) -> Iterator[AnnotatedDocument]:
        for document in documents:
            yield self.annotate(document)


def _boiler_json(text: str, span: BoilerplateSpan) -> dict[str, Any]:
    return {
        "start": span.start,
        "end": span.end,
        "text": text[span.start : span.end],
        "pattern": span.pattern,
    }


# -- lexicon matches --------------------------------------------------------------


def _resolve_overlaps(matches: list[LexiconMatch]) -> list[LexiconMatch]:
    """Within a category, keep the longest of overlapping matches (then the most
    literal entry, then the earliest one).

    The three label categories (and actor_reference) count as one: "fauteurs de
    troubles" (an actor) must not also yield "troubles" (an event), nor
    "militaires russes" (an intervention) "militaires" (a plain name).
    """
    by_category: dict[str, list[LexiconMatch]] = {}
    for match in matches:
        group = (
            "label"
            if match.entry.category in (*LABEL_CATEGORIES, REFERENCE_CATEGORY)
            else match.entry.category
        )
        by_category.setdefault(group, []).append(match)
    kept: list[LexiconMatch] = []
    for group in by_category.values():
        group.sort(
            key=lambda m: (
                -(m.span.end - m.span.start),
                m.span.start,
                m.entry.pattern.wildcards,
                m.entry.order,
            )
        )
        taken: set[int] = set()
        for match in group:
            positions = set(range(match.span.start, match.span.end))
            if positions & taken:
                continue
            taken |= positions
            kept.append(match)
    kept.sort(key=lambda m: (m.span.start, m.span.end, m.entry.order))
    return kept


def _span_head(words: list[Word]) -> Word:
    """The word of the span whose governor lies outside it (first such word)."""
    ids = {w.id for w in words}
    for word in words:
        if word.head not in ids:
            return word
    return words[0]


def _add_marks(marks: dict[int, dict[str, set[str]]], word_id: int, match: LexiconMatch) -> None:
    entry = match.entry
    slot = marks.setdefault(word_id, {})
    slot.setdefault("lexicon", set()).add(entry.category)
    slot.setdefault("entry", set()).add(entry.id)
    for key in ("stance", "hedge_type", "referent", "frame", "valence"):
        value = getattr(entry, key)
        if value:
            slot.setdefault(key, set()).add(value)


def _char_span(text: str, sentence: Sentence, words: Iterable[Word]) -> TextSpan:
    word_list = list(words)
    start = min(sentence.token_of(w).start for w in word_list)
    end = max(sentence.token_of(w).end for w in word_list)
    return TextSpan(text[start:end], start, end)


def _new_mention(text: str, sentence: Sentence, words: list[Word], match: LexiconMatch) -> Mention:
    span = _char_span(text, sentence, words)
    entry = match.entry
    return Mention(
        start=span.start,
        end=span.end,
        text=span.text,
        sentence=sentence.index,
        category=entry.category,
        frame=entry.frame,
        valence=entry.valence,
        entry=entry.id,
        referent=entry.referent,
        stance=entry.stance,
        hedge_type=entry.hedge_type,
        rules=[f"lexicon:{entry.id}"],
    )


def _children(graph: SentenceGraph, word_id: int) -> list[Word]:
    return graph.children.get(word_id, [])


def _verb_group(graph: SentenceGraph, verb: Word) -> list[Word]:
    """The verb with its auxiliaries and its reflexive pronoun ("a déclaré", "auraient
    été tués", "s'est indigné")."""
    group = [verb] + [
        w
        for w in _children(graph, verb.id)
        if w.deprel in ("aux", "aux:pass", "aux:tense")
        or (w.id < verb.id and w.upos == "PRON" and w.feat("Reflex") == "Yes")
    ]
    return sorted(group, key=lambda w: w.id)


def _subtree(graph: SentenceGraph, root: int, cut: set[str] | None = None) -> set[int]:
    """Word ids under ``root`` (inclusive), not descending into ``cut`` relations."""
    children = graph.children
    found = {root}
    stack = [root]
    while stack:
        current = stack.pop()
        for child in children.get(current, []):
            if cut and child.deprel in cut:
                continue
            if child.id not in found:
                found.add(child.id)
                stack.append(child.id)
    return found


def _contiguous(ids: set[int], anchor: int) -> set[int]:
    """The run of consecutive ids around ``anchor``."""
    run = {anchor}
    low = anchor - 1
    while low in ids:
        run.add(low)
        low -= 1
    high = anchor + 1
    while high in ids:
        run.add(high)
        high += 1
    return run


def _phrase_span(
    text: str,
    graph: SentenceGraph,
    head: Word,
    cut: set[str],
    top_cut: set[str] | None = None,
    pruned_words: set[int] | None = None,
) -> TextSpan:
    """The contiguous phrase under ``head``: ``cut`` relations are never followed,
    ``top_cut`` ones only among the head's own dependents (e.g. the "selon" of
    "selon le ministère"); the subtrees of ``pruned_words`` are left out."""
    ids = {head.id}
    for child in _children(graph, head.id):
        if child.deprel in (top_cut or cut) or child.deprel in cut:
            continue
        ids |= _subtree(graph, child.id, cut)
    for pruned in pruned_words or ():
        if pruned in ids:
            ids -= _subtree(graph, pruned)
    ids = _contiguous(ids, head.id)
    words = [graph.words[i] for i in sorted(ids)]
    while len(words) > 1 and words[-1].upos == "PUNCT":
        words.pop()
    while len(words) > 1 and words[0].upos == "PUNCT":
        words.pop(0)
    return _char_span(text, graph.sentence, words)


def _speaker_span(text: str, graph: SentenceGraph, word: Word) -> TextSpan:
    """The speaker's phrase, without circumstances ("sur Telegram"); a clitic's pronoun alone."""
    clitic = _INVERTED_CLITIC.match(word.text)
    if clitic:
        token = graph.sentence.token_of(word)
        found = token.text.casefold().rfind(clitic.group(1).casefold())
        if found >= 0:
            start = token.start + found
            end = start + len(clitic.group(1))
            return TextSpan(text[start:end], start, end)
    circumstances = {
        case.head
        for case in graph.word_list
        if case.deprel == "case" and (case.lemma or "").casefold() in _CIRCUMSTANCE_PREPOSITIONS
    }
    pruned = {
        candidate.id
        for candidate in graph.word_list
        if candidate.id in circumstances
        and candidate.id != word.id
        and candidate.deprel in ("nmod", "obl", "obl:mod")
    }
    return _phrase_span(text, graph, word, _SPEAKER_CUT, _SPEAKER_TOP_CUT, pruned_words=pruned)


# -- rules ------------------------------------------------------------------------


def _apply_rule(
    rule: Rule, binding: dict[str, int], graph: SentenceGraph, text: str, facts: _SentenceFacts
) -> SpeechEvent | None:
    sentence = graph.sentence
    roles = {role: binding[node] for role, node in rule.roles.items()}
    family = rule.family
    if rule_families()[family].speech_event:
        cue_word = graph.words[roles["cue"]]
        speaker_word = _antecedent(graph, graph.words[roles["speaker"]], cue_word)
        speaker = _speaker_span(text, graph, speaker_word)
        if family == "selon":
            cue_words = [cue_word] + [
                w for w in _children(graph, cue_word.id) if w.deprel == "fixed"
            ]
            if "marker" in roles and graph.words[roles["marker"]] not in cue_words:
                # the rest of a compound preposition the parser did not join with
                # "fixed" ("d'" + "après", each a case of the speaker)
                cue_words.append(graph.words[roles["marker"]])
            cue = _char_span(text, sentence, cue_words)
            scope = roles.get("scope")
            content_ids = (
                _subtree(graph, scope) - _subtree(graph, speaker_word.id) if scope else set()
            )
        else:
            group = _verb_group(graph, cue_word)
            if family == "qualify" and "marker" in roles:
                marker = graph.words[roles["marker"]]
                if marker.id == cue_word.id + 1:
                    group = [*group, marker]
            cue = _char_span(text, sentence, group)
            content_ids = set()
            if "content" in roles:
                content_ids = _subtree(graph, roles["content"])
                if cue_word.id in content_ids:
                    content_ids -= _subtree(graph, cue_word.id)
                content_ids -= _speaker_ids(graph, speaker_word, cue_word)
            if family == "qualify" and "label" in roles:
                label_ids = _subtree(graph, roles["label"])
                if "target" in roles and roles["target"] in label_ids:
                    # the parser hung the target under the label ("de tentative de
                    # coup d'État les émeutes"): the target is what is labelled, in
                    # the outlet's words, not part of the label
                    label_ids -= _subtree(graph, roles["target"])
                content_ids |= label_ids
        event = SpeechEvent(
            sentence=sentence.index,
            cue_word=cue_word.id,
            cue=cue,
            speaker_word=speaker_word,
            speaker=speaker,
            content={(sentence.index, i) for i in content_ids},
            rule=rule.id,
            kind=family,
        )
        if family == "qualify" and "target" in roles:
            target_word = graph.words[roles["target"]]
            event.target = _phrase_span(
                text, graph, target_word, {"punct", "acl:relcl", "parataxis"}
            )
            event.label_word = roles.get("label")
        return event
    if family == "negation":
        _add_rule(facts.negated, roles["scope"], rule.id)
    elif family == "hedge":
        _add_rule(facts.hedged, roles["scope"], rule.id)
        if rule.params.get("mention"):
            rule_ids = facts.conditionals.setdefault(roles["hedge"], [])
            if rule.id not in rule_ids:
                rule_ids.append(rule.id)
    elif family == "passive":
        facts.passives.append((roles["verb"], rule.id))
    elif family == "target":
        target_word = graph.words[roles["target"]]
        span = _char_span(text, sentence, [target_word])
        facts.targets.setdefault(roles["word"], (span, rule.id))
    return None


def _speaker_ids(graph: SentenceGraph, speaker: Word, cue: Word) -> set[int]:
    """The words of the speaker's phrase, to keep out of the content. When the
    speaker is the antecedent of the relative clause holding the cue ("le
    ministre, qui a déclaré que P"), that clause, and so P, is not the speaker's."""
    return _subtree(graph, speaker.id) - _subtree(graph, cue.id)


def _antecedent(graph: SentenceGraph, speaker: Word, cue: Word) -> Word:
    """For a relative pronoun subject, the word the relative clause hangs on: "le
    ministre, qui a déclaré", also when the speech verb is an infinitive under the
    clause's verb ("la ministre, qui doit annoncer"), when the clause is a
    conjunct of another ("le préfet qui appelle et qui dit") and in a cleft ("c'est
    lui qui a annoncé"). Found from the pronoun's own governor, not from the cue."""
    if speaker.feat("PronType") != "Rel" or not speaker.head:
        return speaker
    clause = graph.words.get(speaker.head)
    while clause is not None and clause.deprel == "conj" and clause.head:
        clause = graph.words.get(clause.head)
    if clause is not None and clause.deprel in ("acl:relcl", "advcl:cleft") and clause.head:
        return graph.words[clause.head]
    return speaker


def _passive_mention(
    text: str,
    graph: SentenceGraph,
    verb_id: int,
    rule_id: str,
    matches: list[LexiconMatch],
    view: SentenceView,
) -> tuple[Mention, LexiconMatch, list[Word]] | None:
    verb = graph.words[verb_id]
    trigger = None
    for match in matches:
        if match.entry.category in TRIGGER_ONLY_CATEGORIES:
            words = [view.words[i] for i in range(match.span.start, match.span.end)]
            if _span_head(words).id == verb_id:
                trigger = match
                break
    if trigger is None:
        return None
    words = _verb_group(graph, verb)
    mention = _new_mention(text, graph.sentence, words, trigger)
    mention.add_rule(rule_id)
    return mention, trigger, words


def _conditional_mention(
    text: str, graph: SentenceGraph, verb_id: int, rule_ids: list[str]
) -> tuple[Mention, LexiconMatch, list[Word]]:
    sentence = graph.sentence
    verb = graph.words[verb_id]
    words = _verb_group(graph, verb)
    span = _char_span(text, sentence, words)
    mention = Mention(
        start=span.start,
        end=span.end,
        text=span.text,
        sentence=sentence.index,
        category="hedge",
        frame="epistemic",
        valence="neutral",
        entry="hedge.conditional",
        hedge_type="conditional",
        rules=list(rule_ids),
    )
    return mention, None, words  # type: ignore[return-value]


def _dedupe_events(events: list[SpeechEvent]) -> list[SpeechEvent]:
    """One event per (sentence, cue, kind): the one with the most content wins."""
    best: dict[tuple[int, int, str], SpeechEvent] = {}
    for event in events:
        key = (event.sentence, event.cue_word, event.kind)
        current = best.get(key)
        if current is None or len(event.content) > len(current.content):
            best[key] = event
    return sorted(best.values(), key=lambda e: (e.sentence, e.cue.start))


def _is_named(word: Word) -> bool:
    return word.upos in ("PROPN", "NOUN")


def _resolve_pronouns(events: list[SpeechEvent]) -> None:
    """Replace a pronoun speaker by the most recent compatible named speaker.

    Unambiguous means: among the named speakers of the preceding three
    sentences, exactly one distinct name agrees with the pronoun in gender and
    number (when the parse gives them).
    """
    for index, event in enumerate(events):
        word = event.speaker_word
        if word.upos != "PRON" or _pronoun_of(word) not in _PERSONAL_PRONOUNS:
            continue
        candidates: dict[str, SpeechEvent] = {}
        for earlier in reversed(events[:index]):
            if event.sentence - earlier.sentence > 3:
                break
            if earlier.pronoun is not None or not _is_named(earlier.speaker_word):
                continue
            if not _agrees(word, earlier.speaker_word):
                continue
            candidates.setdefault(earlier.speaker.text, earlier)
        if len(candidates) == 1:
            (named,) = candidates.values()
            event.pronoun = event.speaker
            event.speaker = named.speaker
            event.speaker_word = named.speaker_word


def _pronoun_of(word: Word) -> str:
    """The pronoun a word stands for: "il" for "il", "-t-il" or "-il"."""
    clitic = _INVERTED_CLITIC.match(word.text)
    return (clitic.group(1) if clitic else word.text).casefold()


def _agrees(pronoun: Word, name: Word) -> bool:
    for feature in ("Gender", "Number"):
        a, b = pronoun.feat(feature), name.feat(feature)
        if a and b and a != b:
            return False
    return True


# -- voice ------------------------------------------------------------------------


@dataclass
class _QuoteVoice:
    voice: str
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


def _classify_quotes(
    document: Document, quotes: list[Quote], events: list[SpeechEvent]
) -> dict[Quote, _QuoteVoice]:
    """Decide for each outermost quote: direct quote (with its speech event) or scare quote."""
    result: dict[Quote, _QuoteVoice] = {}
    for quote in quotes:
        if quote.depth != 0:
            continue
        words = _quote_words(document, quote)
        content_words = [w for _, w in words if w.upos != "PUNCT"]
        keys = {(s.index, w.id) for s, w in words}
        sentences = {s.index for s, _ in words}
        event = None
        rule = ""
        # 1. a partial quote inside reported speech (or the label of "qualifier de")
        containing = [e for e in events if keys and keys <= e.content and e.kind != "selon"]
        if containing:
            event = min(containing, key=lambda e: len(e.content))
            rule = "quote:inside_reported_speech"
        # 2. the nearest speech verb outside the quote, in the same or an adjacent sentence
        if event is None and sentences:
            low, high = min(sentences) - 1, max(sentences) + 1
            nearby = [
                e
                for e in events
                if low <= e.sentence <= high
                and e.kind != "selon"
                and not (quote.start <= e.cue.start < quote.end)
            ]
            if nearby:
                event = min(nearby, key=lambda e: _distance(e.cue, quote))
                rule = "quote:nearest_speech_verb"
        short = len(content_words) <= SCARE_QUOTE_MAX_WORDS
        far = event is not None and _distance(event.cue, quote) > 40
        if short and far and rule == "quote:nearest_speech_verb":
            # A short quoted word near, but not reported by, a speech verb.
            event, rule = None, ""
        if event is not None:
            result[quote] = _QuoteVoice("direct_quote", event, rule)
        elif short:
            result[quote] = _QuoteVoice("scare_quote", None, "quote:scare")
        else:
            result[quote] = _QuoteVoice("direct_quote", None, "quote:unattributed")
    return result


def _distance(span: TextSpan, quote: Quote) -> int:
    if span.end <= quote.start:
        return quote.start - span.end
    if span.start >= quote.end:
        return span.start - quote.end
    return 0


def _assign_voice(
    mention: Mention,
    keys: set[WordKey],
    quotes: list[Quote],
    quote_voices: dict[Quote, _QuoteVoice],
    events: list[SpeechEvent],
) -> None:
    if mention.category == "reporting_verb":
        for event in events:
            if (
                event.sentence == mention.sentence
                and event.cue.start <= mention.start < event.cue.end
            ):
                _set_speaker(mention, event)
                mention.cue = event.cue
                mention.add_rule(event.rule)
                break
        return
    quote = outermost_quote(quotes, mention.start, mention.end)
    if quote is not None and quote in quote_voices:
        voice = quote_voices[quote]
        mention.voice = voice.voice
        mention.add_rule(voice.rule)
        if voice.event is not None:
            _set_speaker(mention, voice.event)
            mention.cue = voice.event.cue
            mention.add_rule(voice.event.rule)
        return
    containing = [e for e in events if keys and keys <= e.content]
    if containing:
        event = min(containing, key=lambda e: len(e.content))
        mention.voice = "indirect_speech"
        _set_speaker(mention, event)
        mention.cue = event.cue
        mention.add_rule(event.rule)


def _set_speaker(mention: Mention, event: SpeechEvent) -> None:
    mention.speaker = event.speaker
    mention.speaker_pronoun = event.pronoun


def _add_rule(found: dict[int, list[str]], word_id: int, rule_id: str) -> None:
    """Record that ``rule_id`` fired on ``word_id``: a mention lists every rule behind it."""
    rules = found.setdefault(word_id, [])
    if rule_id not in rules:
        rules.append(rule_id)


def _apply_facts(
    mention: Mention,
    graph: SentenceGraph,
    head: Word,
    facts: _SentenceFacts,
    events: list[SpeechEvent],
) -> None:
    if head.id in facts.negated:
        mention.negated = True
        for rule_id in facts.negated[head.id]:
            mention.add_rule(rule_id)
    for word_id in _clause_path(graph, head):
        if word_id in facts.hedged and not (
            mention.category == "hedge"
            and word_id == head.id
            and mention.entry == "hedge.conditional"
        ):
            mention.hedged = True
            for rule_id in facts.hedged[word_id]:
                mention.add_rule(rule_id)
            break
    if head.id in facts.targets and mention.category in (
        "evaluative",
        "actor_label",
        "event_label",
        "intervention_label",
    ):
        span, rule = facts.targets[head.id]
        mention.target = span
        mention.add_rule(rule)
    for event in events:
        if (
            event.kind == "qualify"
            and event.sentence == mention.sentence
            and event.label_word == head.id
        ):
            mention.target = event.target
            mention.add_rule(event.rule)


def _clause_path(graph: SentenceGraph, word: Word) -> list[int]:
    """The word, then its governors up to and including its clause head."""
    path = [word.id]
    current = word
    seen = {word.id}
    while current.head and current.deprel not in _CLAUSE_RELATIONS:
        current = graph.words[current.head]
        if current.id in seen:
            break
        seen.add(current.id)
        path.append(current.id)
    return path
