"""What a speech verb's complements cover, beyond the content its rule gave.

Attribution rules bind one content word per speech event (a que-clause, an
inserted quotation), and a verb matched by several rules keeps one event. A
speech verb often reports through another complement: an infinitive ("X a
appelé les autorités à cesser P", "X a reproché à Y d'avoir abdiqué face à
P"), a label ("qualifié de groupe terroriste", "ce qu'il considère comme P"),
or a que-clause and an infinitive at once ("X dit connaître Z : « ... »").
Rules of the ``scope`` family (lexicons/fr/rules/voice.yaml) name such a
complement; this module adds its words to every event at that cue, and merges
the contents of the events one verb gives, so no complement is lost to the
choice of one event.
"""

from __future__ import annotations

from framing.annotation.phrases import SpeechEvent, speaker_phrase, subtree
from framing.annotation.rules import SentenceGraph


def extend_content(
    graph: SentenceGraph, events: list[SpeechEvent], complements: list[tuple[int, int]]
) -> None:
    """Add each (cue word, complement word) subtree to the events at that cue,
    without the speaker's own phrase."""
    sentence = graph.sentence.index
    for cue, word in complements:
        words = subtree(graph, word)
        for event in events:
            if event.sentence == sentence and event.cue_word == cue:
                speaker = speaker_phrase(graph, event.speaker_word, cue)
                event.content |= {(sentence, i) for i in words - speaker}


def dedupe_events(events: list[SpeechEvent]) -> list[SpeechEvent]:
    """One event per (sentence, cue, kind): the one whose rule gave the most
    content wins, and takes the content of the others (a verb with a
    que-clause and an infinitive reports both)."""
    best: dict[tuple[int, int, str], SpeechEvent] = {}
    union: dict[tuple[int, int, str], set[tuple[int, int]]] = {}
    for event in events:
        key = (event.sentence, event.cue_word, event.kind)
        union.setdefault(key, set()).update(event.content)
        current = best.get(key)
        if current is None or len(event.content) > len(current.content):
            best[key] = event
    for key, event in best.items():
        event.content = union[key]
    return sorted(best.values(), key=lambda e: (e.sentence, e.cue.start))


def close_que_gap(graph: SentenceGraph, events: list[SpeechEvent]) -> None:
    """A que-clause starts at its "que": when the parser hung the clause's first
    words elsewhere ("a assuré au cours d'un point presse que les grévistes,
    qui ..., étaient rentrés", with "les grévistes" read as part of the press
    briefing), every word from the "que" after the speech
    verb to the end of the content the rule found is added to it."""
    sentence = graph.sentence.index
    for event in events:
        if event.sentence != sentence or event.kind != "attribution":
            continue
        inside = [i for s, i in event.content if s == sentence and i > event.cue_word]
        if not inside:
            continue
        start, end = min(inside), max(inside)
        que = [
            w.id
            for w in graph.word_list
            if event.cue_word < w.id <= start and w.lemma == "que" and w.upos == "SCONJ"
        ]
        if que:
            speaker = speaker_phrase(graph, event.speaker_word, event.cue_word)
            gap = set(range(que[0], end + 1)) - speaker
            event.content |= {(sentence, i) for i in gap}
