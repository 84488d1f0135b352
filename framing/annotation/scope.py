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
from framing.types import Word

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
    if graph.words[first].feat("PronType") == "Rel":
        return None  # "… aux manifestants, qu'il a qualifiés de P": a relative clause
    if _participle(graph, cue.id):
        return None  # "..., revendiquant la neutralisation de ...": no incise
    if (
        cue.feat("VerbForm") == "Part"
        and len(group) == 1
        and not any(c.deprel.startswith("nsubj") for c in graph.children.get(cue.id, []))
    ):
        return None  # "... du préfet, accusé de laxisme": a reduced passive, no incise
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
        if child.id > cue.id and (
            child.deprel in _TRAILING_RELATIONS
            or child.upos == "PUNCT"
            or _speaker_apposition(graph, cue.id, child)
        ):
            trailing |= subtree(graph, child.id)
    rest = [w for w in graph.word_list if w.id > first and w.upos != "PUNCT"]
    if any(w.id not in trailing for w in rest):
        return None  # the sentence goes on after the incise
    return comma.id


def _speaker_apposition(graph: SentenceGraph, cue_id: int, child: Word) -> bool:
    """A participle or noun phrase after the incise and a comma, which the parser
    hung on the speech verb: "..., a déclaré le ministre, arrivé sur place peu
    après" describes the speaker, "..., a-t-il ajouté, confirmant une
    information du journal" is more of the speaker's act; the sentence does not
    go on."""
    if child.deprel not in (
        "advcl",
        "acl",
        "appos",
        "parataxis",
        "parataxis:insert",
        "conj",
        "xcomp",
    ):
        return False
    if not (child.feat("VerbForm") == "Part" or child.upos in ("NOUN", "PROPN")):
        return False
    first = min(subtree(graph, child.id))
    after_comma = any(graph.words[i].text == "," for i in (first, first - 1) if i in graph.words)
    if _participle(graph, child.id):
        return after_comma
    subjects = [
        c.id
        for c in graph.children.get(cue_id, [])
        if c.deprel in ("nsubj", "nsubj:pass") and cue_id < c.id < child.id
    ]
    return bool(subjects) and after_comma


def _subject_before(graph: SentenceGraph, cue_id: int) -> bool:
    """Whether the verb has a nominal subject before it ("certains manifestants
    crient"), as an inserted verb never has ("», a déclaré X", "affirme-t-il")."""
    return any(
        c.deprel in ("nsubj", "nsubj:pass") and c.id < cue_id and c.upos in ("NOUN", "PROPN")
        for c in graph.children.get(cue_id, [])
    )


def _participle(graph: SentenceGraph, word_id: int) -> bool:
    """Whether the word is a present participle or gerund ("ajoutant", "en
    affirmant"): it reports its own complement, never the clause it hangs on."""
    word = graph.words.get(word_id)
    return word is not None and (
        word.feat("VerbForm") == "Ger"
        or (word.feat("VerbForm") == "Part" and word.feat("Tense") == "Pres")
    )


_OBJECT_RELATIONS = frozenset({"obj", "obl:arg", "iobj", "xcomp", "obl"})


def mark_objects(graphs: dict[int, SentenceGraph], events: list[SpeechEvent]) -> None:
    """Record the words of each speech verb's objects after it, so a quotation
    inside them ("parle d'« attaque »") is read as the speaker's words."""
    for event in events:
        graph = graphs.get(event.sentence)
        if graph is None or event.kind == "selon":
            continue
        relations = _OBJECT_RELATIONS
        if _lost_object(graph, event.cue_word):
            # "a réclamé mardi au cours d'un point presse une « fermeté
            # totale »": the parser hung the object on a circumstance
            relations = relations | {"obl:mod", "advmod"}
        for child in graph.children.get(event.cue_word, []):
            if child.id > event.cue_word and child.deprel in relations:
                event.objects |= {(event.sentence, i) for i in subtree(graph, child.id)}


def _lost_object(graph: SentenceGraph, cue_id: int) -> bool:
    """Whether an active transitive-looking speech verb has no object or clause
    of its own (a passive, "promis par X", has its object as subject)."""
    cue = graph.words.get(cue_id)
    if cue is None or cue.deprel in ("acl", "acl:relcl") or cue.feat("Voice") == "Pass":
        return False
    kids = graph.children.get(cue_id, [])
    return not any(c.deprel in ("obj", "ccomp", "xcomp", "aux:pass", "obl:agent") for c in kids)


def widen_final_selon(graphs: dict[int, SentenceGraph], events: list[SpeechEvent]) -> None:
    """A "selon X" / "d'après X" that ends the sentence after a comma ("Le
    nombre de manifestants a augmenté, où ils étaient 5.000, selon la police.")
    reports the whole sentence, wherever the parser hung it. Without the comma
    ("3.000 départs selon les autorités") it stays on the phrase it attaches to."""
    for event in events:
        graph = graphs.get(event.sentence)
        if graph is None or event.kind != "selon" or event.rule == "selon.pour":
            continue
        source = _source_word(graph, event)
        if source is None:
            continue
        phrase = subtree(graph, source.id) | {event.cue_word}
        first = min(i for i in phrase if graph.words[i].upos != "PUNCT")
        comma = graph.words.get(first - 1)
        if comma is None or comma.text != ",":
            continue
        rest = [w for w in graph.word_list if w.id > first and w.upos != "PUNCT"]
        if any(w.id not in phrase for w in rest):
            continue  # "…, selon X, P": the clause the phrase attaches to
        before = {w.id for w in graph.word_list if w.id < comma.id and w.upos != "PUNCT"}
        event.content = {(event.sentence, i) for i in before - _fronted_frame(graph)}


_FRAME_RELATIONS = frozenset({"obl", "obl:mod", "advcl", "advmod", "obl:arg"})


def _fronted_frame(graph: SentenceGraph) -> set[int]:
    """The words of a comma-separated phrase fronted before the main clause's
    subject ("Mais après dix week-ends de manifestations, le nombre de
    manifestants a augmenté, selon la police"): the outlet's setting of the
    scene, not the source's figure."""
    root = next((w for w in graph.word_list if w.head == 0), None)
    if root is None:
        return set()
    subjects = [c.id for c in graph.children.get(root.id, []) if c.deprel.startswith("nsubj")]
    if not subjects:
        return set()
    frame: set[int] = set()
    for child in graph.children.get(root.id, []):
        if child.deprel in _FRAME_RELATIONS and child.id < min(subjects):
            words = subtree(graph, child.id)
            after = graph.words.get(max(words) + 1)
            if graph.words[max(words)].text == "," or (after is not None and after.text == ","):
                frame |= words
    return frame


def _source_word(graph: SentenceGraph, event: SpeechEvent) -> Word | None:
    """The noun or pronoun that "selon" / "d'après" / "pour" introduces in its own
    sentence (the event's speaker may since have been resolved to a name in
    another sentence: "selon lui")."""
    cue = graph.words.get(event.cue_word)
    return graph.words.get(cue.head) if cue is not None and cue.head else None


_OPENING_WORDS = frozenset({"CCONJ", "ADV", "PUNCT"})


# marks that close a bracket or a quotation inside the phrase of "Pour X"
_CLOSING = frozenset({")", "]", "»", '"', "”"})


def is_opening_pour(graph: SentenceGraph, event: SpeechEvent) -> bool:
    """Whether a "Pour X" event opens its sentence and X's phrase ends at a
    comma: "Pour le syndicat, P" is X's view; "a été réélu pour un sixième
    mandat en août a déclenché P" is not. A bracket or quotation mark closing
    the phrase comes before that comma ("Pour Claire Roux, porte-parole de
    l'Association des élus (ADE), P")."""
    before = [w for w in graph.word_list if w.id < event.cue_word]
    if any(w.upos not in _OPENING_WORDS for w in before):
        return False
    source = _source_word(graph, event)
    if source is None:
        return False
    phrase = subtree(graph, source.id)
    following = max(i for i in phrase if graph.words[i].upos != "PUNCT") + 1
    while (closing := graph.words.get(following)) is not None and closing.text in _CLOSING:
        following += 1
    after = graph.words.get(following)
    return after is not None and after.text == ","


def drop_false_sources(
    graphs: dict[int, SentenceGraph],
    events: list[SpeechEvent],
    no_source: set[tuple[int, int]] | None = None,
) -> list[SpeechEvent]:
    """Drop the events of a "Pour X" that is not "Pour X, …" opening a sentence,
    or whose X speaks for no one; a "selon X" whose X speaks for no one
    (``no_source``: (sentence, cue) pairs, rule family no_source) reports
    nothing but keeps its speaker for the "selon" hedge."""
    kept = []
    for event in events:
        silent = (event.sentence, event.cue_word) in (no_source or set())
        if event.rule == "selon.pour" and (
            silent
            or not (event.sentence in graphs and is_opening_pour(graphs[event.sentence], event))
        ):
            continue
        if silent:
            event.content = set()
        graph = graphs.get(event.sentence)
        if (
            graph is not None
            and "incise" in event.rule
            and (_participle(graph, event.cue_word) or _subject_before(graph, event.cue_word))
        ):
            # "des prospectus expliquant leur mouvement", "certains manifestants
            # crient « P »": a participle, or a verb after its own subject, hung
            # on a clause is no inserted verb reporting that clause
            event.content = set()
        kept.append(event)
    return kept
