"""How far reported speech reaches when the parse does not say.

An inserted speech verb at the end of a sentence ("Les forces de l'ordre ont vu
deux personnes au sol, a déclaré le ministre.") reports everything before its
comma, but the parser often hangs the verb on one word of that clause, or on a
clause inside it, so the rule's content misses most of the sentence. When the
speech verb, its speaker and what modifies them end the sentence, the content
is every word before the comma that opens the incise.
"""

from __future__ import annotations

from framing.annotation.phrases import SpeechEvent, subtree
from framing.annotation.rules import SentenceGraph

_TRAILING_RELATIONS = frozenset(
    {"nsubj", "nsubj:pass", "obl", "obl:arg", "obl:mod", "obl:agent", "obj", "iobj", "advmod"}
)


def widen_incise_scope(graphs: dict[int, SentenceGraph], events: list[SpeechEvent]) -> None:
    """Give a sentence-final inserted speech verb the whole clause before it."""
    for event in events:
        if event.kind != "attribution":
            continue
        graph = graphs.get(event.sentence)
        if graph is None:
            continue
        comma = _incise_comma(graph, event.cue_word)
        if comma is None:
            continue
        before = {w.id for w in graph.word_list if w.id < comma and w.upos != "PUNCT"}
        event.content |= {(event.sentence, i) for i in before}


def _incise_comma(graph: SentenceGraph, cue_id: int) -> int | None:
    """The id of the comma opening a sentence-final incise at ``cue_id``, or None."""
    cue = graph.words.get(cue_id)
    if cue is None:
        return None
    group = [cue.id] + [
        c.id
        for c in graph.children.get(cue.id, [])
        if c.deprel.startswith("aux") or (c.id < cue.id and c.upos == "PRON")
    ]
    first = min(group)
    if any(
        c.id < first and c.deprel in ("nsubj", "nsubj:pass", "expl:subj")
        for c in graph.children.get(cue.id, [])
    ):
        return None  # "Le mouvement, qualifié de ..., a revendiqué": a subject, not an incise
    comma = graph.words.get(first - 1)
    if comma is None or comma.text != "," or first - 1 <= 1:
        return None
    trailing: set[int] = set(group)
    for child in graph.children.get(cue.id, []):
        if child.id > cue.id and (child.deprel in _TRAILING_RELATIONS or child.upos == "PUNCT"):
            trailing |= subtree(graph, child.id)
    rest = [w for w in graph.word_list if w.id > first and w.upos != "PUNCT"]
    if any(w.id not in trailing for w in rest):
        return None  # the sentence goes on after the incise
    return comma.id


_OBJECT_RELATIONS = frozenset({"obj", "obl:arg", "iobj", "xcomp", "obl"})


def mark_objects(graphs: dict[int, SentenceGraph], events: list[SpeechEvent]) -> None:
    """Record the words of each speech verb's objects after it, so a quotation
    inside them ("parle d'« attaque »") is read as the speaker's words."""
    for event in events:
        graph = graphs.get(event.sentence)
        if graph is None or event.kind == "selon":
            continue
        for child in graph.children.get(event.cue_word, []):
            if child.id > event.cue_word and child.deprel in _OBJECT_RELATIONS:
                event.objects |= {(event.sentence, i) for i in subtree(graph, child.id)}
