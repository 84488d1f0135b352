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
from framing.annotation.complements import close_que_gap, dedupe_events, extend_content
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
from framing.annotation.phrases import (
    SpeechEvent,
    char_span,
    children,
    phrase_span,
    span_head,
    speaker_span,
    speech_verb_group,
    subtree,
    verb_group,
)
from framing.annotation.quotes import find_quotes
from framing.annotation.rules import Rule, RuleSet, SentenceGraph, load_rules
from framing.annotation.scope import (
    drop_false_sources,
    mark_objects,
    widen_final_selon,
    widen_incise_scope,
)
from framing.annotation.source_names import assign_sources
from framing.annotation.sources import split_sources
from framing.annotation.speakers import SpeakerContext, resolve_speakers
from framing.annotation.voice import (
    DocumentVoices,
    assign_voice,
    classify_quotes,
    trim_unbalanced,
)
from framing.errors import InputError
from framing.types import (
    AnnotatedDocument,
    Document,
    Mention,
    Sentence,
    TextSpan,
    Word,
)

_CLAUSE_RELATIONS = {
    "ccomp",
    "advcl",
    "acl:relcl",
    "parataxis",
    "parataxis:insert",
    "csubj",
    "root",
}
# A reporting-verb entry becomes a mention only when an attribution rule finds
# the speech it introduces ("seront jugés" is no reporting verb).
EVENT_REQUIRED_CATEGORIES = ("reporting_verb",)


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
    # (speech verb id, complement id): more of what the verb reports
    complements: list[tuple[int, int]] = field(default_factory=list)
    # cue ids of "selon X" / "Pour X" phrases whose X speaks for no one
    no_source: set[int] = field(default_factory=set)
    not_speech: set[int] = field(default_factory=set)  # cue ids vetoed by not_speech rules


@dataclass
class _SentenceReading:
    """What the first pass found in one sentence, before the document-level passes."""

    graph: SentenceGraph
    found: list[tuple[Mention, list[Word]]] = field(default_factory=list)
    facts: _SentenceFacts = field(default_factory=_SentenceFacts)
    events: list[SpeechEvent] = field(default_factory=list)


def _annotated(
    document: Document, mentions: list[Mention], boiler: list[BoilerplateSpan]
) -> AnnotatedDocument:
    """The annotation stage's output for one document."""
    text = document.text
    boiler_words = (
        sum(
            len(t.words)
            for s in document.sentences
            for t in s.tokens
            if any(b.start <= t.start and t.end <= b.end for b in boiler)
        )
        if boiler  # most documents have none: no pass over their tokens
        else 0
    )
    return AnnotatedDocument(
        id=document.id,
        outlet=document.outlet,
        date=document.date,
        title=document.title,
        language=document.language,
        tokens=sum(len(s.tokens) for s in document.sentences),
        words=document.word_count,
        mentions=mentions,
        boilerplate=[_boiler_json(text, b) for b in boiler],
        boilerplate_words=boiler_words,
        text=text,
        metadata=dict(document.metadata),
    )


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
        rule_families()  # the family registry is read with the rest, not at the first rule match
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
        """Annotate a parsed document: read each sentence, then fix speakers and
        voices across the document, then place each mention."""
        text = document.text
        quotes = find_quotes(text)
        boiler = find_boilerplate(text, self.boilerplate)
        readings = {s.index: self._read_sentence(text, s) for s in document.sentences}
        graphs = {index: reading.graph for index, reading in readings.items()}
        events = dedupe_events([e for r in readings.values() for e in r.events])
        no_source = {(i, cue) for i, r in readings.items() for cue in r.facts.no_source}
        events = drop_false_sources(graphs, events, no_source)
        speaker_context = SpeakerContext(text, graphs, quotes)
        events = resolve_speakers(speaker_context, events)
        spoken = [e for e in events if e.speaker is not None]
        for reading in readings.values():
            # an agentless "est accusé d'avoir tué" is a charge the outlet reports
            extend_content(reading.graph, spoken, reading.facts.complements)
            close_que_gap(reading.graph, spoken)
        widen_incise_scope(graphs, events)
        widen_final_selon(graphs, [e for e in events if (e.sentence, e.cue_word) not in no_source])
        mark_objects(graphs, events)
        quotes = trim_unbalanced(text, quotes, events)
        voices = DocumentVoices(
            text,
            quotes,
            classify_quotes(document, quotes, events, graphs, _group_names(readings)),
            events,
        )
        cues = {(e.sentence, e.cue_word) for e in events}
        mentions: list[Mention] = []
        for index, reading in readings.items():
            for mention, words in reading.found:
                head = span_head(words)
                if mention.category in EVENT_REQUIRED_CATEGORIES and (index, head.id) not in cues:
                    continue  # a speech verb that introduces no one's speech here
                keys = {(index, w.id) for w in words}
                assign_voice(mention, keys, voices)
                _apply_facts(mention, reading.graph, head, reading.facts, events)
                mention.boilerplate = any(
                    b.start < mention.end and mention.start < b.end for b in boiler
                )
                mentions.append(mention)
        mentions.sort(key=lambda m: (m.start, m.end, m.category, m.entry))
        assign_sources(mentions, speaker_context.aliases)
        return _annotated(document, mentions, boiler)

    def _read_sentence(self, text: str, sentence: Sentence) -> _SentenceReading:
        """One sentence: its lexicon mentions, and what its rules found."""
        view = SentenceView(sentence)
        matches, marks = self.lexicon_marks(view)
        graph = SentenceGraph(sentence, marks, view.words, view.keys)
        graph.phrases = {
            span_head(words).id: tuple(w.id for w in _without_trailing_particles(words))
            for match in matches
            if match.entry.category == "reporting_verb" and match.span.end - match.span.start > 1
            for words in ([view.words[i] for i in range(match.span.start, match.span.end)],)
        }
        reading = _SentenceReading(graph)
        for match in matches:
            category = match.entry.category
            if category in TRIGGER_ONLY_CATEGORIES or (
                category == REFERENCE_CATEGORY and not self.include_references
            ):
                continue
            words = [view.words[i] for i in range(match.span.start, match.span.end)]
            if category == "reporting_verb":
                words = speech_verb_group(graph, span_head(words))
            reading.found.append((_new_mention(text, sentence, words, match), words))
        for rule, binding in self.rule_set.matches(graph):
            event = _apply_rule(rule, binding, graph, text, reading.facts)
            if event is not None:
                reading.events.append(event)
        reading.events = [e for e in reading.events if e.cue_word not in reading.facts.not_speech]
        for verb_id, rule_id in reading.facts.passives:
            found = _passive_mention(text, graph, verb_id, rule_id, matches, view)
            if found is not None:
                reading.found.append(found)
        for verb_id, rule_ids in reading.facts.conditionals.items():
            reading.found.append(_conditional_mention(text, graph, verb_id, rule_ids))
        return reading

    def lexicon_marks(
        self, view: SentenceView
    ) -> tuple[list[LexiconMatch], dict[int, dict[str, set[str]]]]:
        """Lexicon matches of a sentence (overlaps resolved) and the marks they put on words."""
        matches = _resolve_overlaps(self.lexicon.find(view))
        marks: dict[int, dict[str, set[str]]] = {}
        for match in matches:
            words = [view.words[i] for i in range(match.span.start, match.span.end)]
            _add_marks(marks, span_head(words).id, match)
        return matches, marks

    def rule_bindings(self, sentence: Sentence) -> list[tuple[Rule, dict[str, int]]]:
        """Every rule match in a sentence, for explanations and rule examples."""
        view = SentenceView(sentence)
        _, marks = self.lexicon_marks(view)
        graph = SentenceGraph(sentence, marks, view.words, view.keys)
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


def _group_names(readings: dict[int, _SentenceReading]) -> set[tuple[int, int]]:
    """The character spans of the neutral actor labels found: the ordinary names of
    groups, which a quotation around them does not make anyone's words ("les «
    gilets jaunes »"); a loaded label ("d'« émeutiers »") may be."""
    return {
        (mention.start, mention.end)
        for reading in readings.values()
        for mention, _ in reading.found
        if mention.category == "actor_label" and mention.valence == "neutral"
    }


def _without_trailing_particles(words: list[Word]) -> list[Word]:
    """A speech verb phrase without the preposition or adverb that ends it: the
    verb group is written "without a following de", and without an adverb after
    a simple tense (CONVENTIONS.md): "parle" of "parle même de"."""
    end = len(words)
    while end > 1 and words[end - 1].upos in ("ADP", "ADV", "SCONJ"):
        end -= 1
    return words[:end]


def _add_marks(marks: dict[int, dict[str, set[str]]], word_id: int, match: LexiconMatch) -> None:
    entry = match.entry
    slot = marks.setdefault(word_id, {})
    slot.setdefault("lexicon", set()).add(entry.category)
    slot.setdefault("entry", set()).add(entry.id)
    for key in ("stance", "hedge_type", "referent", "frame", "valence"):
        value = getattr(entry, key)
        if value:
            slot.setdefault(key, set()).add(value)


def _new_mention(text: str, sentence: Sentence, words: list[Word], match: LexiconMatch) -> Mention:
    span = char_span(text, sentence, words)
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


# -- rules ------------------------------------------------------------------------


def _apply_rule(
    rule: Rule, binding: dict[str, int], graph: SentenceGraph, text: str, facts: _SentenceFacts
) -> SpeechEvent | None:
    """A rule match becomes a speech event (attribution, selon, qualify) or a
    fact about the sentence (negation, hedge, passive, target)."""
    roles = {role: binding[node] for role, node in rule.roles.items()}
    if rule_families()[rule.family].speech_event:
        return _speech_event(rule, roles, graph, text)
    if rule.family == "negation":
        _add_rule(facts.negated, roles["scope"], rule.id)
    elif rule.family == "hedge":
        _add_rule(facts.hedged, roles["scope"], rule.id)
        if rule.params.get("mention"):
            _add_rule(facts.conditionals, roles["hedge"], rule.id)
    elif rule.family == "not_speech":
        facts.not_speech.add(roles["cue"])
    elif rule.family == "passive":
        facts.passives.append((roles["verb"], rule.id))
    elif rule.family == "scope":
        facts.complements.append((roles["cue"], roles["content"]))
    elif rule.family == "no_source":
        facts.no_source.add(roles["cue"])
    elif rule.family == "target":
        span = char_span(text, graph.sentence, [graph.words[roles["target"]]])
        facts.targets.setdefault(roles["word"], (span, rule.id))
    return None


def _speech_event(
    rule: Rule, roles: dict[str, int], graph: SentenceGraph, text: str
) -> SpeechEvent:
    """Who says what through which cue, as the rule's roles give them."""
    sentence = graph.sentence
    cue_word = graph.words[roles["cue"]]
    speaker_word = _antecedent(graph, graph.words[roles["speaker"]], cue_word)
    if rule.family == "selon":
        cue, content_ids = _selon_cue_and_scope(roles, graph, text, cue_word, speaker_word)
    else:
        cue, content_ids = _verb_cue_and_content(rule, roles, graph, text, cue_word, speaker_word)
    event = SpeechEvent(
        sentence=sentence.index,
        cue_word=cue_word.id,
        cue=cue,
        speaker_word=speaker_word,
        speaker=speaker_span(text, graph, speaker_word),
        content={(sentence.index, i) for i in content_ids},
        rule=rule.id,
        kind=rule.family,
    )
    if rule.family == "qualify" and "target" in roles:
        target_word = graph.words[roles["target"]]
        event.target = phrase_span(text, graph, target_word, {"punct", "acl:relcl", "parataxis"})
        event.label_word = roles.get("label")
    return event


def _selon_cue_and_scope(
    roles: dict[str, int], graph: SentenceGraph, text: str, cue_word: Word, speaker_word: Word
) -> tuple[TextSpan, set[int]]:
    """ "selon X" / "d'après X": the preposition as cue, the clause it modifies as scope."""
    cue_words = [cue_word] + [w for w in children(graph, cue_word.id) if w.deprel == "fixed"]
    if "marker" in roles and graph.words[roles["marker"]] not in cue_words:
        # the rest of a compound preposition the parser did not join with
        # "fixed" ("d'" + "après", each a case of the speaker)
        cue_words.append(graph.words[roles["marker"]])
    scope = roles.get("scope")
    content = subtree(graph, scope) - subtree(graph, speaker_word.id) if scope else set()
    return char_span(text, graph.sentence, cue_words), content


def _verb_cue_and_content(
    rule: Rule,
    roles: dict[str, int],
    graph: SentenceGraph,
    text: str,
    cue_word: Word,
    speaker_word: Word,
) -> tuple[TextSpan, set[int]]:
    """A speech verb's group as cue; its content clause (and a qualify label) as content."""
    group = speech_verb_group(graph, cue_word)
    if rule.family == "qualify" and "marker" in roles:
        marker = graph.words[roles["marker"]]
        if marker.id == cue_word.id + 1:
            group = [*group, marker]
    content: set[int] = set()
    if "content" in roles:
        content = subtree(graph, roles["content"])
        if cue_word.id in content:
            content -= subtree(graph, cue_word.id)
        content -= _speaker_ids(graph, speaker_word, cue_word)
    if rule.family == "qualify" and "label" in roles:
        label = subtree(graph, roles["label"])
        if "target" in roles and roles["target"] in label:
            # the parser hung the target under the label ("de tentative de coup
            # d'État les émeutes"): the target is what is labelled, in the
            # outlet's words, not part of the label
            label -= subtree(graph, roles["target"])
        content |= label
    return char_span(text, graph.sentence, group), content


def _speaker_ids(graph: SentenceGraph, speaker: Word, cue: Word) -> set[int]:
    """The words of the speaker's phrase, to keep out of the content. When the
    speaker is the antecedent of the relative clause holding the cue ("le
    ministre, qui a déclaré que P"), that clause, and so P, is not the speaker's."""
    return subtree(graph, speaker.id) - subtree(graph, cue.id)


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
) -> tuple[Mention, list[Word]] | None:
    verb = graph.words[verb_id]
    trigger = None
    for match in matches:
        if match.entry.category in TRIGGER_ONLY_CATEGORIES:
            words = [view.words[i] for i in range(match.span.start, match.span.end)]
            if span_head(words).id == verb_id:
                trigger = match
                break
    if trigger is None:
        return None
    words = verb_group(graph, verb)
    mention = _new_mention(text, graph.sentence, words, trigger)
    mention.add_rule(rule_id)
    return mention, words


def _conditional_mention(
    text: str, graph: SentenceGraph, verb_id: int, rule_ids: list[str]
) -> tuple[Mention, list[Word]]:
    sentence = graph.sentence
    verb = graph.words[verb_id]
    words = verb_group(graph, verb)
    span = char_span(text, sentence, words)
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
    return mention, words


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
