"""A name in apposition is the speaker ("la porte-parole du parti, Claire
Dubois, a dit" -> "Claire Dubois"), as the gold conventions ask; the
description it stands beside is kept as another name of the same source.
"""

from __future__ import annotations

from framing.annotation.phrases import (
    NAME_TITLES,
    SpeechEvent,
    char_span,
    subtree,
    title_before,
)
from framing.annotation.rules import SentenceGraph
from framing.annotation.speaker_graph import SpeakerContext, is_time, name_head
from framing.types import Word


def apposition(context: SpeakerContext, graph: SentenceGraph, event: SpeechEvent) -> None:
    """A name in apposition to a descriptive speaker is the speaker."""
    word = event.speaker_word
    if word.upos == "PRON" and word.feat("PronType") == "Ind":
        # "», a indiqué à l'AFP Hélène Garnier, l'une des porte-paroles": the
        # name before "l'une des ..." is who that one is
        name = _name_before_description(graph, word)
        if name is not None:
            _set_name(context, graph, event, name)
        return
    if word.upos != "NOUN":
        return
    head = graph.words.get(word.head or 0)
    if word.deprel == "appos" and head is not None and head.upos == "PROPN" and head.id < word.id:
        _set_name(context, graph, event, head)
        return
    for child in graph.children.get(word.id, []):
        opened = graph.words.get(child.id - 1)
        if (opened is not None and opened.text == "(") or _is_acronym(child):
            continue  # "l'Armée de libération (ALB)", "le député LFI": not the name
        if any(graph.words[i].text[:1] in (".", "!", "?") for i in range(word.id + 1, child.id)):
            continue  # 'le maire.- "Flammes à dix mètres"': a heading glued after the stop
        if child.deprel == "appos" and child.upos == "PROPN" and child.id > word.id:
            _set_name(context, graph, event, child)
            return
    for inner in sorted(subtree(graph, word.id, {"acl:relcl", "parataxis", "advcl"})):
        found = graph.words[inner]
        before = graph.words.get(inner - 1)
        if (
            found.deprel == "appos"
            and found.upos == "PROPN"
            and found.id > word.id
            and before is not None
            and before.text == ","
        ):
            # "le délégué régional à la Sécurité routière, Paul Vidal": the
            # name closes the description, whatever word it was hung on
            _set_name(context, graph, event, found)
            return
        if (
            found.deprel == "appos"
            and found.upos == "PROPN"
            and found.id > word.id
            and any(c.deprel == "conj" and c.id < found.id for c in graph.children.get(word.id, []))
            and _ends_before_verb(graph, found, event.cue_word)
        ):
            # "Sa compatriote et star du tennis Coco Gauff a réagi": a
            # coordinated description, cut at "et" by the speaker phrase,
            # closed by the name right before the verb
            _set_name(context, graph, event, found)
            return
    name = (
        _titled_name_after(graph, word)
        or _name_after_description(graph, word)
        or _name_before_description(graph, word)
    )
    if name is not None:
        _set_name(context, graph, event, name)


def _ends_before_verb(graph: SentenceGraph, name: Word, cue_id: int) -> bool:
    """Whether the name (with its flat parts) runs up to the cue's verb group."""
    last = max(subtree(graph, name.id, {"acl:relcl", "acl", "nmod", "appos", "punct"}))
    after = graph.words.get(last + 1)
    while after is not None and after.deprel.startswith("aux") and after.id < cue_id:
        after = graph.words.get(after.id + 1)
    return after is not None and after.id == cue_id


def _set_name(
    context: SpeakerContext, graph: SentenceGraph, event: SpeechEvent, name: Word
) -> None:
    """The speaker is this name, with the words of the name itself only; the
    description it stood beside is remembered as another name of the source."""
    description = event.speaker.text if event.speaker is not None else None
    words = [name] + [
        c for c in graph.children.get(name.id, []) if c.deprel in ("flat:name", "flat")
    ]
    title = title_before(graph, name)
    if title is not None:
        words.append(title)  # "Me Claire Dumont": the title is part of the name
    event.speaker = char_span(context.text, graph.sentence, words)
    event.speaker_word = name
    if description and description != event.speaker.text:
        pair = (" ".join(description.split()), " ".join(event.speaker.text.split()))
        context.aliases.append(pair)


# Words a description may hold before the comma that closes it ("le secrétaire
# américain à la Sécurité intérieure, Jean Dupont").
_DESCRIPTION_UPOS = frozenset({"NOUN", "ADJ", "ADP", "DET", "PROPN", "NUM"})
# What may follow the name: the end of the apposition.
_NOT_NAME = {"nmod", "appos", "acl", "acl:relcl", "amod", "punct", "conj", "cc", "det", "case"}
_NAME_END = frozenset({",", ".", ")", ";", ":"})


def _name_after_description(graph: SentenceGraph, word: Word) -> Word | None:
    """A name that closes a description after a comma, wherever the parser hung
    it: "la présidente du comité, l'Autrichienne Anna Weber, a démenti", "a
    répondu le secrétaire à la Santé, Paul Morel, sur une radio", "a commenté
    le chef d'état-major, le général Paul Morel". The words up to the comma
    hold no verb, and the name is followed by the end of the apposition (a
    comma, a full stop) or by the verb, not by "et" (a list of sources)."""
    current = graph.words.get(word.id + 1)
    for _ in range(12):
        if current is None or current.text == ",":
            break
        if current.upos not in _DESCRIPTION_UPOS:
            return None
        current = graph.words.get(current.id + 1)
    if current is None or current.text != ",":
        return None
    name = graph.words.get(current.id + 1)
    if name is not None and name.upos == "DET":
        name = graph.words.get(name.id + 1)
    if name is not None and name.text.casefold() in NAME_TITLES:
        # "l'avocate de la famille, Me Claire Dumont": the tagger reads "Me" as
        # a pronoun and hangs the name elsewhere; the name follows the title
        name = graph.words.get(name.id + 1)
    if name is not None and name.upos == "NOUN" and name.text.islower():
        # "le chef d'état-major, le général Paul Morel": a rank before the name
        rank, name = name, graph.words.get(name.id + 1)
        if name is not None and name.head != rank.id:
            return None
    if name is None or name.upos != "PROPN" or name.deprel in ("flat:name", "flat"):
        return None
    last = max(subtree(graph, name.id, _NOT_NAME))
    after = graph.words.get(last + 1)
    if after is not None and after.text not in _NAME_END and not _verb_group(after):
        return None
    return name


def _titled_name_after(graph: SentenceGraph, word: Word) -> Word | None:
    """A title and name right after the description, with no comma ("a estimé
    son avocate Me Claire Roux", "selon le porte-parole M. Paul Morel"): the
    tagger often reads the title as a pronoun and makes the name a second
    subject; the name is the speaker."""
    title = graph.words.get(word.id + 1)
    if title is None or title.text.casefold() not in NAME_TITLES:
        return None
    name = graph.words.get(title.id + 1)
    if name is None or name.upos != "PROPN" or name.deprel in ("flat:name", "flat"):
        return None
    return name


def _verb_group(word: Word) -> bool:
    """A verb or auxiliary right after a name: the name ends the subject ("le
    ministre de l'Intérieur, Paul Morel a salué")."""
    return word.upos in ("AUX", "VERB") and word.deprel not in ("acl", "acl:relcl")


def _name_before_description(graph: SentenceGraph, word: Word) -> Word | None:
    """A name the description follows after a comma, wherever the parser hung
    them: "», abondait Karim, un voisin de 34 ans" gives "Karim". The
    description opens with its determiner right after the comma."""
    dets = [c for c in graph.children.get(word.id, []) if c.deprel == "det" and c.id < word.id]
    first = min([word.id] + [d.id for d in dets])
    if not dets or not all(
        graph.words.get(i) and graph.words[i].upos == "ADJ" for i in range(first + 1, word.id)
    ):
        return None
    comma = graph.words.get(first - 1)
    name = graph.words.get(first - 2)
    if comma is None or comma.text != "," or name is None or name.upos != "PROPN":
        return None
    name = name_head(graph, name)
    glued = graph.words.get(name.id + 1)
    if (
        _is_acronym(name)
        and glued is not None
        and glued.head == name.id
        and glued.deprel in ("flat:name", "flat")
        and glued.text[:1].isupper()
    ):
        return glued  # "à l'AFP Hélène Garnier, l'une des ...": the name glued onto the dative
    if is_time(name) or (name.deprel or "").startswith(("obl", "advmod")):
        return None  # "Mercredi, la justice a annoncé P": when, not who
    holder = graph.words.get(name.head or 0) if name.deprel == "nmod" else None
    if any(
        c.deprel == "case"
        for w in (name, holder)
        if w is not None
        for c in graph.children.get(w.id, [])
    ):
        return None  # "Sur son compte Twitter, la préfecture annonce": a circumstance
    return name if name.upos == "PROPN" else None


def _is_acronym(word: Word) -> bool:
    """An all-capitals word ("LFI", "CGT", "AFP"): the organisation a person
    belongs to or speaks to, not the person's name."""
    return len(word.text) > 1 and word.text.isupper()
