"""The antecedent of a relative "qui" that speaks ("la mère des deux étudiants,
qui ont affirmé que P"): the parser hangs the relative clause on one noun of
a "N de N" chain, not always the right one, and the speaker pass would climb
from a "de" phrase to the noun above it. The finite verb's number picks the
noun: "ont affirmé" the plural "étudiants", "affirme" the singular
"militant" in "les proches du militant, qui affirme".
"""

from __future__ import annotations

from framing.annotation.rules import SentenceGraph
from framing.annotation.speaker_graph import is_time, name_head
from framing.types import Word

_NOUNS = ("NOUN", "PROPN")
# Nouns of a measure phrase ("âgé de 34 ans", "long de 3 kilomètres").
_MEASURES = frozenset(
    {"an", "année", "mois", "jour", "semaine", "heure", "minute", "mètre", "kilomètre", "euro"}
)


def _subject_relative_clause(
    graph: SentenceGraph, cue: Word
) -> tuple[Word, list[Word], Word] | None:
    """The relative clause the cue belongs to (climbing conjuncts and xcomps),
    its dependents and its subject "qui"; None when the cue is in no relative
    clause with a relative pronoun as subject."""
    clause = cue
    while clause.deprel in ("conj", "xcomp") and clause.head:
        clause = graph.words[clause.head]
    if clause.deprel != "acl:relcl" or not clause.head:
        return None
    kids = graph.children.get(clause.id, [])
    relative = next(
        (c for c in kids if c.deprel.startswith("nsubj") and c.feat("PronType") == "Rel"), None
    )
    return None if relative is None else (clause, kids, relative)


def relative_antecedent_by_number(graph: SentenceGraph, cue: Word) -> Word | None:
    """The noun a subject "qui" of the cue's relative clause stands for, chosen
    by the verb's number among the nouns of the "N de N" chain it hangs on;
    None when the cue is not in such a clause."""
    found = _subject_relative_clause(graph, cue)
    if found is None:
        return None
    clause, kids, relative = found
    antecedent = graph.words[clause.head]
    if antecedent.upos not in _NOUNS:
        return None
    number = _verb_number(clause, kids)
    if number is None or antecedent.feat("Number") in (None, number):
        return antecedent if _de_phrase(graph, antecedent) else None
    chain = _chain(graph, antecedent, relative.id)
    agreeing = [w for w in chain if w.feat("Number") == number]
    return max(agreeing, key=lambda w: w.id) if agreeing else None


def _de_phrase(graph: SentenceGraph, noun: Word) -> bool:
    """A "de" phrase inside a noun phrase ("la mère des deux étudiants"), which
    the speaker pass would leave for the noun above; not a measure ("âgé de 34
    ans", where the noun above is the speaker)."""
    kids = graph.children.get(noun.id, [])
    return (
        noun.deprel == "nmod"
        and any(c.deprel == "case" and (c.lemma or "").casefold() == "de" for c in kids)
        and (noun.lemma or noun.text).casefold() not in _MEASURES
        and not is_time(noun)
    )


def _verb_number(clause: Word, kids: list[Word]) -> str | None:
    """The number of the clause's finite verb or of its finite auxiliary."""
    if clause.feat("VerbForm") == "Fin":
        return clause.feat("Number")
    finite = [c for c in kids if c.deprel.startswith("aux") and c.feat("VerbForm") == "Fin"]
    return finite[0].feat("Number") if finite else None


def _chain(graph: SentenceGraph, antecedent: Word, before: int) -> list[Word]:
    """The nouns of the "N de N" chain around the antecedent, before the "qui":
    the nouns it depends on and the nouns that depend on it."""
    chain = [antecedent]
    current = antecedent
    while current.deprel == "nmod" and current.head:
        current = graph.words[current.head]
        if current.upos in _NOUNS:
            chain.append(current)
    stack = [antecedent]
    while stack:
        word = stack.pop()
        for child in graph.children.get(word.id, []):
            if child.deprel == "nmod" and child.upos in _NOUNS and child.id < before:
                chain.append(child)
                stack.append(child)
    return chain


def coordinated_relative_antecedent(graph: SentenceGraph, cue: Word) -> Word | None:
    """ "Paul Morel, président de l'association des amis du parc et qui
    réclame P": a relative clause joined by "et" to the description before it
    describes the one that description describes, the top of the chain of
    "de" phrases, conjuncts and appositions the parser hung it under, not the
    noun it is hung on ("parc"). None when the clause opens with no "et"."""
    found = _subject_relative_clause(graph, cue)
    if found is None:
        return None
    clause, kids, relative = found
    joined = any(
        c.deprel == "cc" and (c.lemma or c.text).casefold() in ("et", "mais", "ou")
        for c in kids
        if c.id < relative.id
    )
    if not joined:
        return None
    shared = _earlier_relative_antecedent(graph, clause)
    if shared is not None:
        return shared
    current = graph.words[clause.head]
    for _ in range(8):
        head = graph.words.get(current.head or 0)
        if current.deprel not in ("nmod", "conj", "appos") or head is None:
            break
        if head.upos not in _NOUNS:
            break
        current = head
    if any(c.deprel == "case" for c in graph.children.get(current.id, [])):
        # "Paul Morel, figure du mouvement et président de ..., et qui": the
        # parser read "figure" as a verb; the name before the comma is the one
        return _name_before_comma(graph, current)
    return current if current.upos in _NOUNS and current.id != clause.head else None


def _earlier_relative_antecedent(graph: SentenceGraph, clause: Word) -> Word | None:
    """ "toute personne qui a les signes de la grippe ou qui indique P": a
    relative clause joined to an earlier "qui" clause, hung on a noun inside
    it, shares that clause's antecedent."""
    hung_on = graph.words[clause.head]
    current = hung_on
    for _ in range(6):
        head = graph.words.get(current.head or 0)
        if head is None:
            return None
        if head.deprel == "acl:relcl" and head.id < clause.id:
            kids = graph.children.get(head.id, [])
            if any(c.deprel.startswith("nsubj") and c.feat("PronType") == "Rel" for c in kids):
                antecedent = graph.words.get(head.head or 0)
                if antecedent is not None and antecedent.upos in _NOUNS:
                    return antecedent
            return None
        current = head
    return None


def _name_before_comma(graph: SentenceGraph, word: Word) -> Word | None:
    """The name ending right before the comma that opens the phrase of ``word``."""
    for index in range(word.id - 1, max(0, word.id - 5), -1):
        found = graph.words.get(index)
        if found is not None and found.text == ",":
            name = graph.words.get(index - 1)
            name = name_head(graph, name) if name is not None else None
            return name if name is not None and name.upos == "PROPN" else None
    return None


def misattached_relative_antecedent(graph: SentenceGraph, cue: Word) -> Word | None:
    """ "Selon la radio, qui a confirmé P, ...": a subject "qui" right after a
    comma whose clause the parser hung on the main verb (an adverbial clause,
    a conjunct) rather than on a noun stands for the noun or name just before
    the comma. None when the clause is a proper relative clause or the word
    before the comma is no noun."""
    clause = cue
    while clause.deprel in ("conj", "xcomp") and clause.head:
        clause = graph.words[clause.head]
    if clause.deprel == "acl:relcl":
        return None
    relative = next(
        (
            c
            for c in graph.children.get(cue.id, [])
            if c.deprel.startswith("nsubj")
            and c.feat("PronType") == "Rel"
            and (c.lemma or c.text).casefold() == "qui"
        ),
        None,
    )
    if relative is None:
        return None
    comma = graph.words.get(relative.id - 1)
    if comma is None or comma.text != ",":
        return None
    noun = graph.words.get(relative.id - 2)
    noun = name_head(graph, noun) if noun is not None else None
    if noun is None or noun.upos not in _NOUNS or is_time(noun):
        return None
    return noun
