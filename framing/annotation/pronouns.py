"""Pronoun speakers ("il", "a-t-elle ajouté", "celui-ci", "ce dernier")
resolved to the nearest earlier compatible source: gender and number agree,
and the source is still the one speaking. The pronoun's own span is kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from framing.annotation.glued_incises import GLUED_INCISE
from framing.annotation.participles import main_clause_subject
from framing.annotation.phrases import (
    INVERTED_CLITIC,
    SpeechEvent,
    char_span,
    comma_between,
    phrase_span,
    subtree,
)
from framing.annotation.rules import SentenceGraph
from framing.annotation.speaker_graph import (
    SpeakerContext,
    has_function_word,
    has_oblique_case,
    incise_in_quote,
    is_participle_cue,
    is_time,
)
from framing.types import TextSpan, Word

_PERSONAL = {
    "il": ("Masc", "Sing"),
    "elle": ("Fem", "Sing"),
    "ils": ("Masc", "Plur"),
    "elles": ("Fem", "Plur"),
    # stressed forms, the speaker of "selon lui", "pour eux"
    "lui": ("Masc", "Sing"),
    "eux": ("Masc", "Plur"),
}
# Demonstratives that point back to the last-named person or thing ("celui-ci",
# "ce dernier"): unlike "il", not to the source still speaking.
_DEMONSTRATIVES = {
    "celui-ci": ("Masc", "Sing"),
    "celle-ci": ("Fem", "Sing"),
    "ceux-ci": ("Masc", "Plur"),
    "celles-ci": ("Fem", "Plur"),
}
_DERNIER = {
    "dernier": ("Masc", "Sing"),
    "dernière": ("Fem", "Sing"),
    "derniers": ("Masc", "Plur"),
    "dernières": ("Fem", "Plur"),
}
# Relations of a noun that a demonstrative may point back to.
_MENTIONED = frozenset({"nsubj", "nsubj:pass", "obj", "appos", "obl:agent", "iobj"})
# Common first names with their gender (package data).
_FIRST_NAMES = "first_names_fr.yaml"
# Common nouns that name a person (package data).
_PERSON_NOUNS = "person_nouns_fr.yaml"
# How far back (in sentences) a pronoun looks for its antecedent.
PRONOUN_WINDOW = 6


# Titles that give a name its gender ("M. Blinken", "Mme Marin").
_TITLES = {"m.": "Masc", "mme": "Fem", "mmes": "Fem", "mgr": "Masc", "mlle": "Fem"}


@dataclass(frozen=True)
class Source:
    """A non-pronominal mention of a possible source, with what agreement needs."""

    sentence: int
    start: int
    word: Word
    span: TextSpan
    gender: str | None
    number: str | None
    spoke: bool = False
    quote: tuple[int, int] | None = None  # the quotation it was found in, if any
    # how it was found: "selon" (the source of "selon X"), "chain" (a subject
    # pronoun where no one speaks, subject_pronoun_sources), "addressee" (the
    # person a speech verb accuses or calls on, _addressees), "described" (a
    # main-clause subject named by a description, _described_subjects), "named"
    # (a person named beside a description, neither subject nor speaker,
    # _named_person), else ""
    kind: str = ""
    # for an addressee: the gender and number of the one who spoke to them
    speaker_features: tuple[str | None, str | None] | None = None


def _agreement(graph: SentenceGraph, word: Word) -> tuple[str | None, str | None]:
    """Gender and number of a source. A name has none of its own in the parse:
    its title gives it ("Mme Roux"), else the noun it stands beside ("la
    ministre Anne Roux", "Anne Roux, la porte-parole"), so that "elle" does not
    go to the nearest man."""
    gender, number = word.feat("Gender"), word.feat("Number")
    article = False
    for child in graph.children.get(word.id, []):
        title = _TITLES.get(child.text.casefold())
        if title and gender is None:
            gender = title
        if word.upos == "NOUN" and child.deprel == "det" and child.feat("Gender"):
            gender = child.feat("Gender")  # "la porte-parole": the article decides
            article = True
    if word.upos == "NOUN" and not article:
        # an elided article ("l'ancienne ministre déléguée à …") has no gender:
        # an adjective or participle agreeing with the noun decides, since
        # the tagger calls epicene nouns ("ministre", "élue") masculine
        gender = _agreeing_modifier_gender(graph, word) or gender
    if word.upos == "PROPN" and gender is None:
        gender = _gender_beside(graph, word) or first_name_gender(word.text)
    if word.upos == "PROPN" and number is None:
        number = "Sing"
    return gender, number


def _agreeing_modifier_gender(graph: SentenceGraph, noun: Word) -> str | None:
    """The gender of the first adjective or past participle that modifies a
    noun ("ancienne" in "l'ancienne ministre"), None when none shows it."""
    for child in graph.children.get(noun.id, []):
        adjective = child.deprel == "amod" and child.upos == "ADJ"
        participle = child.deprel == "acl" and child.feat("VerbForm") == "Part"
        if (adjective or participle) and child.feat("Gender"):
            return child.feat("Gender")
    return None


@cache
def _first_names() -> dict[str, str]:
    """Read on the first name met in a run."""
    data = _package_yaml(_FIRST_NAMES)
    return {name: gender for gender, names in data.items() for name in names}


def _package_yaml(name: str) -> Any:
    """A YAML file of framing/data, read with libyaml's parser where PyYAML has it
    (same safe constructors, a quarter of the time), else the pure-Python one."""
    text = resources.files("framing.data").joinpath(name).read_text("utf-8")
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def first_name_gender(name: str) -> str | None:
    """The gender a common first name gives ("Christophe" Masc, "Anne" Fem),
    from framing/data/first_names_fr.yaml; None for any other word."""
    return _first_names().get(name)


def _gender_beside(graph: SentenceGraph, name: Word) -> str | None:
    """The gender of the common noun a name is in apposition with."""
    beside = [c for c in graph.children.get(name.id, []) if c.deprel == "appos"]
    head = graph.words.get(name.head or 0)
    if head is not None and head.id == name.id - 1 and name.deprel in ("appos", "nmod"):
        beside.append(head)  # "la ministre Anne Roux", not "le porte-parole de Anne Roux"
    for noun in beside:
        if noun.upos != "NOUN" or noun.feat("Number") == "Plur":
            continue
        # the determiner, not the noun: "la porte-parole", "la ministre" are
        # epicene nouns the tagger often calls masculine
        for det in graph.children.get(noun.id, []):
            if det.deprel == "det" and det.feat("Gender"):
                return det.feat("Gender")
    return None


def sources_of(
    context: SpeakerContext, graph: SentenceGraph, events: list[SpeechEvent]
) -> list[Source]:
    """Possible antecedents in one sentence: named subjects, and every speaker
    that is not itself a pronoun."""
    found: dict[int, Source] = {}
    acronyms: set[int] = set()
    for event in events:
        word = event.speaker_word
        if event.speaker is None:
            continue
        if _is_bare_acronym(graph, word):
            acronyms.add(word.id)  # "…, précise BFM TV": nor a subject below
            continue
        if word.upos in ("NOUN", "PROPN") and event.pronoun is None:
            cited = _cited_person(graph, event)
            if cited is not None:
                # "cette conductrice citée par la chaîne … « P », a-t-elle dit":
                # the person quoted goes on speaking, not the outlet that cites her
                word = cited
                if word.id in found or context.quote_of(graph, word) is not None:
                    continue
                found[word.id] = _mentioned_source(context, graph, word)
                continue
            cue = graph.words.get(event.cue_word)
            if (
                cue is not None
                and is_participle_cue(graph, cue)
                and word.deprel in ("nmod", "obj", "obl", "obl:mod")
            ):
                # "Ses partisans forment un mélange de personnes se qualifiant
                # de X. Ils …": a noun inside an object that a participle
                # describes is no topic; the clause's subject stays one
                subject = main_clause_subject(graph, cue)
                if (
                    subject is not None
                    and subject.upos in ("NOUN", "PROPN")
                    and subject.id not in found
                    and context.quote_of(graph, subject) is None
                ):
                    found[subject.id] = _mentioned_source(context, graph, subject)
                continue
            gender, number = _agreement(graph, word)
            # a speech verb inside a quotation: someone the quoted speaker
            # cites, an antecedent only inside that quotation
            quote = context.quote_of(graph, graph.words[event.cue_word])
            if incise_in_quote(context.text, event):
                quote = None  # "« P, lance Paul Morel, un éleveur. Q »": the outlet's incise
            joined = _coordinated(context, graph, word, event.speaker)
            if joined is not None:
                # "ont annoncé le diocèse et la mairie. … ont-ils ajouté": the
                # pair speaks together, an antecedent for "ils" or "elles" (the
                # first member stays one for "il")
                span, pair_gender, plural = joined
                found[-word.id] = Source(
                    graph.sentence.index,
                    span.start,
                    word,
                    span,
                    pair_gender,
                    plural,
                    True,
                    quote,
                    "selon" if event.kind == "selon" else "",
                )
            found[word.id] = Source(
                graph.sentence.index,
                event.speaker.start,
                word,
                event.speaker,
                gender,
                number,
                True,
                quote,
                "selon" if event.kind == "selon" else "",
            )
    for word in graph.word_list:
        if word.id in found or word.id in acronyms:
            continue
        subject = word.deprel in ("nsubj", "nsubj:pass")
        if not subject and not _named_person(graph, word):
            continue
        named = _name_in_apposition(graph, word)
        if named is not None and named.id not in found:
            # "L'avocat de Karen Levy, Arié Alimi, représente …": the name
            # in apposition is the source (CONVENTIONS.md, Speakers)
            word = named
        elif word.upos != "PROPN" and not _names_someone(graph, word):
            continue
        if context.quote_of(graph, word) is not None or has_oblique_case(graph, word):
            continue
        span = _source_span(context, graph, word)
        if any(s.span.start <= span.start and span.end <= s.span.end for s in found.values()):
            continue  # "La chanteuse Anne Roy": the name inside a source already found
        gender, number = _agreement(graph, word)
        found[word.id] = Source(
            graph.sentence.index,
            span.start,
            word,
            span,
            gender,
            number,
            kind="" if subject else "named",
        )
    for source in _addressees(context, graph, events):
        found.setdefault(source.word.id, source)
    for source in _described_subjects(context, graph):
        found.setdefault(source.word.id, source)
    return sorted(found.values(), key=lambda s: s.start)


# How far back (in sentences) a pronoun with no source may go to a described subject.
_DESCRIBED_WINDOW = 2


def _described_subjects(context: SpeakerContext, graph: SentenceGraph) -> list[Source]:
    """Main-clause subjects that a description names ("Le chanteur clarifie sa
    position. … il dénonce P", "La dirigeante est la bête noire de Pékin car
    elle considère que P"): antecedents only for a pronoun that no source fits
    (see resolve_pronoun), since such a subject may be a thing."""
    found = []
    for word in graph.word_list:
        if word.upos != "NOUN" or is_time(word):
            continue
        judging = _judged_for(graph, word)
        if not judging and (
            word.deprel not in ("nsubj", "nsubj:pass") or not _main_clause(graph, word)
        ):
            continue
        if not any(c.deprel == "det" for c in graph.children.get(word.id, [])):
            continue
        if context.quote_of(graph, word) is not None:
            continue
        if not judging and has_oblique_case(graph, word):
            continue
        gender, number = _agreement(graph, word)
        span = _source_span(context, graph, word)
        found.append(
            Source(graph.sentence.index, span.start, word, span, gender, number, kind="described")
        )
    return found


# Speech verbs whose object is a person spoken to or about ("accusé la
# ministre de P", "a interpellé le préfet"): someone who may answer next.
_ADDRESSING = frozenset(
    {
        "accuser",
        "interpeller",
        "remercier",
        "féliciter",
        "traiter",
        "soupçonner",
        "suspecter",
        "exhorter",
        "sommer",
        "implorer",
        "supplier",
    }
)


def _addressees(
    context: SpeakerContext, graph: SentenceGraph, events: list[SpeechEvent]
) -> list[Source]:
    """The person a speech verb accuses or calls on, named or described with an
    article that gives its gender ("Et accusé la ministre de P. … « Q »,
    fustige-t-elle"): an antecedent only for a pronoun that cannot be the one
    who spoke to them (see resolve_pronoun)."""
    found = []
    for event in events:
        cue = graph.words.get(event.cue_word)
        if cue is None or cue.lemma not in _ADDRESSING or event.speaker is None:
            continue
        speaker = event.speaker_word
        features = pronoun_features(speaker) or (speaker.feat("Gender"), speaker.feat("Number"))
        for word in graph.children.get(cue.id, []):
            if word.deprel != "obj" or word.upos not in ("NOUN", "PROPN"):
                continue
            if context.quote_of(graph, word) is not None or is_time(word):
                continue
            gender, number = _agreement(graph, word)
            if gender is None:
                continue
            if word.upos == "PROPN":
                # the name alone, not what it is accused of ("accusé Paul Morel de P")
                parts = [word] + [
                    c for c in graph.children.get(word.id, []) if c.deprel == "flat:name"
                ]
                span = char_span(context.text, graph.sentence, parts)
            else:
                span = _source_span(context, graph, word)
            found.append(
                Source(
                    graph.sentence.index,
                    span.start,
                    word,
                    span,
                    gender,
                    number,
                    kind="addressee",
                    speaker_features=features,
                )
            )
    return found


def _mentioned_source(context: SpeakerContext, graph: SentenceGraph, word: Word) -> Source:
    """A source found at a noun of this sentence, mentioned as a speaker."""
    span = _source_span(context, graph, word)
    gender, number = _agreement(graph, word)
    return Source(graph.sentence.index, span.start, word, span, gender, number, True)


def _agrees(source: Source, gender: str | None, number: str | None) -> bool:
    """Whether a pronoun of this gender and number may stand for the source
    (a plural pronoun may gather sources of either gender)."""
    return not (source.gender and source.gender != gender and number != "Plur") and not (
        source.number and source.number != number
    )


# Participles by which an outlet cites a person ("citée par la radio").
_CITING = frozenset({"citer", "interroger", "interviewer", "joindre", "contacter"})


def _cited_person(graph: SentenceGraph, event: SpeechEvent) -> Word | None:
    """The noun a "cité(e) par X" participle modifies ("cette conductrice
    citée par la chaîne"), when the event's speaker is the agent X; else None."""
    cue = graph.words.get(event.cue_word)
    if cue is None or cue.lemma not in _CITING or cue.deprel != "acl":
        return None
    if event.speaker_word.deprel != "obl:agent" or event.speaker_word.head != cue.id:
        return None
    head = graph.words.get(cue.head or 0)
    if head is None or head.upos not in ("NOUN", "PROPN"):
        return None
    return head


def _named_person(graph: SentenceGraph, word: Word) -> bool:
    """A person named by first and last name beside a description ("le soutien
    de la présidente du conseil départemental Claire Dubois"): someone the
    next "elle" may stand for, though no subject. A common first name says it
    is a person; a name that is the object of a verb is left out. The name
    starts at the first name when the parser glued it onto a place ("de
    l'Ariège Claire Dubois"). A first name alone with a description after it
    ("Samira, aide-soignante") is a person too, wherever the parser hung it."""
    if word.upos != "PROPN" or first_name_gender(word.text) is None:
        return False
    kids = graph.children.get(word.id, [])
    if any(c.deprel == "appos" and c.upos == "NOUN" and c.id > word.id for c in kids):
        return True  # "Samira, aide-soignante, …": a first name and what she does
    if not any(c.deprel == "flat:name" for c in kids):
        return False
    if word.deprel in ("appos", "nmod"):
        return True
    # "de l'Ariège Claire Dubois": the parser glued the name onto the place
    # before it; a first name starts a name of its own
    head = graph.words.get(word.head or 0)
    return word.deprel == "flat:name" and head is not None and head.id == word.id - 1


def _is_bare_acronym(graph: SentenceGraph, word: Word) -> bool:
    """An all-capitals name with no determiner ("selon CNN", "à l'AFP" aside):
    how wire copy cites media and agencies, which "il" does not go on to mean."""
    return (
        word.upos == "PROPN"
        and len(word.text) > 1
        and word.text.isupper()
        and not any(c.deprel == "det" for c in graph.children.get(word.id, []))
    )


def _source_span(context: SpeakerContext, graph: SentenceGraph, word: Word) -> TextSpan:
    """A subject as a source: a name with its title, or a noun with the name it carries."""
    if word.upos == "NOUN":
        names = [
            c for c in graph.children.get(word.id, []) if c.upos == "PROPN" and c.id == word.id + 1
        ]
        if names:
            words = [c for c in graph.children.get(word.id, []) if c.deprel == "det"] + [word]
            words += [names[0]] + [
                c for c in graph.children.get(names[0].id, []) if c.deprel in ("flat", "flat:name")
            ]
            return char_span(context.text, graph.sentence, words)
    cut = {"punct", "acl:relcl", "appos", "acl"}
    # not its own preposition or conjunction: "pour la ministre", "proche de X
    # et Philippe Roux"; nor an "à" phrase hung on a noun inside it, the verb's
    # second argument misattached ("oppose le chef du parti aux policiers";
    # "l'adjoint au maire", on the head itself, stays)
    pruned = {
        w.id
        for inner in subtree(graph, word.id) - {word.id}
        for w in graph.children.get(inner, [])
        if w.deprel == "nmod" and has_function_word(graph, w, "case", "à")
    }
    return phrase_span(context.text, graph, word, cut, cut | {"case", "cc"}, pruned_words=pruned)


def _name_in_apposition(graph: SentenceGraph, word: Word) -> Word | None:
    """A person's name (first and last) in apposition to a noun subject,
    between commas ("L'avocat de la famille, Paul Morel, représente …")."""
    if word.upos != "NOUN":
        return None
    for child in graph.children.get(word.id, []):
        if child.deprel != "appos" or child.upos != "PROPN" or child.id < word.id:
            continue
        comma = graph.words.get(child.id - 1)
        if comma is None or comma.text != ",":
            continue
        if any(c.deprel == "flat:name" for c in graph.children.get(child.id, [])):
            return child
    return None


def _names_someone(graph: SentenceGraph, word: Word) -> bool:
    """A noun subject that carries a name ("la ministre Claire Dubois")."""
    return word.upos == "NOUN" and any(
        c.upos == "PROPN"
        and c.deprel in ("appos", "flat", "flat:name", "nmod")
        and c.id == word.id + 1
        for c in graph.children.get(word.id, [])
    )


def pronoun_features(word: Word) -> tuple[str, str] | None:
    """Gender and number a pronoun speaker asks of its antecedent, or None when
    the word is no anaphoric pronoun ("on", "nous", a name)."""
    text = word.text.casefold()
    clitic = INVERTED_CLITIC.match(word.text)
    if clitic:
        text = clitic.group(1).casefold()
    if (word.upos == "PRON" or clitic) and text in _PERSONAL:
        return _PERSONAL[text]
    glued = GLUED_INCISE.match(word.text) if word.upos == "VERB" else None
    if glued is not None:  # "ajoute-t-elle" read as one verb (glued_incises.py)
        return _PERSONAL.get(glued.group("clitic").casefold())
    if text in _DEMONSTRATIVES:
        return _DEMONSTRATIVES[text]
    if text in _DERNIER and word.upos in ("ADJ", "NOUN"):
        return _DERNIER[text]
    return None


def resolve_pronoun(
    context: SpeakerContext, graph: SentenceGraph, event: SpeechEvent, earlier: list[Source]
) -> Source | None:
    """Replace a pronoun speaker by the nearest earlier compatible source; the
    pronoun's span is kept. Returns the source, now mentioned at the pronoun."""
    wanted = pronoun_features(event.speaker_word)
    if wanted is None or event.pronoun is not None or event.speaker is None:
        return None
    gender, number = wanted
    if _is_demonstrative(event.speaker_word):
        earlier = earlier + _mentioned_nouns(context, graph, event.speaker.start)
    quote = context.quote_of(graph, event.speaker_word)
    if quote is None:
        ahead = _cataphoric_subject(context, graph, event.speaker_word, gender, number)
        if ahead is not None:
            earlier = [ahead]  # the one named right after the clause, not someone before
    if quote is not None and incise_in_quote(context.text, event):
        # "« P, explique-t-elle. Q »": the outlet's incise inside the quotation
        # stands for the one quoted, who is outside it, not for someone she names
        quote = None
    agreeing = [
        s
        for s in earlier
        if s.quote in (None, quote)
        and _agrees(s, gender, number)
        and (s.kind != "addressee" or _not_the_accuser(s, gender, number))
    ]
    described = [s for s in agreeing if s.kind == "described"]
    agreeing = [s for s in agreeing if s.kind != "described"]
    if agreeing and quote is None:
        agreeing = _description_after(context, graph, event, agreeing, described)
    if not agreeing and quote is None:
        # no source fits: the nearest described subject close by may ("Le
        # chanteur clarifie sa position. … il dénonce P"); not for a pronoun
        # inside a quotation, whose speaker talks of someone the outlet may not name
        reference = _quote_opening_sentence(context, graph, event)
        agreeing = [s for s in described if reference - s.sentence <= _DESCRIBED_WINDOW]
        people = [s for s in agreeing if person_noun(s.word)]
        if people:
            # a person before a nearer thing: "Le ministre a présenté son plan.
            # Le texte sera, a-t-il promis, P" (the speaker is no "texte")
            agreeing = people
        if not agreeing:
            # still none: a person named earlier in the sentence, as an object
            # too ("la dispute qui oppose le chef du parti aux policiers, qu'il
            # a qualifiés de brutes")
            agreeing = [
                s
                for s in _mentioned_nouns(context, graph, event.speaker.start)
                if s.sentence == graph.sentence.index
                and person_noun(s.word)
                and _agrees(s, gender, number)
            ]
    if not agreeing and quote is not None:
        # a pronoun inside a quotation that no source fits: a person the quoted
        # speaker named before it in the same quotation ("« Mes clients ont
        # paniqué. Ils ont jeté ce qu'ils avaient, ce qu'ils reconnaissent »")
        agreeing = [
            s
            for s in _mentioned_nouns(context, graph, event.speaker.start, quote)
            if person_noun(s.word) and _agrees(s, gender, number)
        ]
        # a subject first, not the object ("les policiers observent leurs homologues, ils")
        subjects = [s for s in agreeing if s.word.deprel.startswith("nsubj")]
        agreeing = subjects or agreeing
    if not agreeing and event.kind == "selon":
        # no source fits: the description heading the sentence may ("La gauche
        # attaque …, devenue selon elle …"); never ahead of a source, since a
        # noun subject may be a thing ("La pollution a baissé, selon elle")
        subject = _sentence_subject(context, graph, event, gender, number)
        agreeing = [subject] if subject is not None else []
    nearest_first = _subject_before_named(sorted(agreeing, key=lambda s: s.start, reverse=True))
    if quote is None:  # inside a quotation the speaker talks of whom they like
        nearest_first = _main_before_embedded(context, nearest_first)
    for source in _topic_first(nearest_first):
        event.pronoun = event.speaker
        event.speaker = source.span
        event.speaker_word = source.word
        return Source(
            graph.sentence.index,
            event.pronoun.start,
            source.word,
            source.span,
            source.gender,
            source.number,
            True,
        )
    return None


def _description_after(
    context: SpeakerContext,
    graph: SentenceGraph,
    event: SpeechEvent,
    agreeing: list[Source],
    described: list[Source],
) -> list[Source]:
    """The candidates, with a described subject naming a person put first when
    it stands in a sentence between the nearest of them and the pronoun ("Paul
    Morel porte un maillot bleu. À 46 ans, cet employé de la mairie est un
    habitué des cortèges. « P », soupire-t-il": the speaker is "cet employé de
    la mairie", the nearest mention of the one speaking, as CONVENTIONS.md
    asks; so is "le Premier ministre" after "Édouard Philippe"). Not a thing
    ("Ce texte prévoit …"); and only in a later sentence than the nearest
    candidate, so neither a description in apposition to a name ("Pour Paul
    Morel, le directeur du service, P") nor a subject inside the words a
    "selon lui" of that sentence reports."""
    nearest = max(agreeing, key=lambda s: s.start)
    reference = _quote_opening_sentence(context, graph, event)
    after = [
        s
        for s in described
        if s.sentence > nearest.sentence  # not "Pour Paul Morel, le directeur du service, P"
        and reference - s.sentence <= _DESCRIBED_WINDOW
        and _described_person(context.graphs.get(s.sentence), s.word)
    ]
    if not after:
        return agreeing
    return [max(after, key=lambda s: s.start), *agreeing]


def _described_person(graph: SentenceGraph | None, word: Word) -> bool:
    """One person named by a description: a person noun with the definite
    article ("le général", "la chanteuse de 47 ans") or a demonstrative ("cet
    employé"); with a demonstrative, a capitalized noun ("cet Italien") or one
    with an age ("cette femme de 38 ans") too. Not "ce texte", nor "l'oncle et
    la tante"."""
    if graph is None or word.upos != "NOUN":
        return False
    kids = graph.children.get(word.id, [])
    if any(c.deprel == "conj" for c in kids):
        return False
    if any(c.deprel == "det" and c.feat("Definite") == "Def" for c in kids):
        return person_noun(word)
    if not any(c.deprel == "det" and c.feat("PronType") == "Dem" for c in kids):
        return False
    return person_noun(word) or word.text[:1].isupper() or _aged(graph, kids)


def _aged(graph: SentenceGraph, kids: list[Word]) -> bool:
    """Whether a noun carries an age ("cette femme de 38 ans")."""
    return any(
        c.lemma == "an"
        and any(n.deprel == "nummod" for n in graph.children.get(c.id, []))
        and any(n.deprel == "case" and n.lemma == "de" for n in graph.children.get(c.id, []))
        for c in kids
    )


@cache
def _person_nouns() -> tuple[frozenset[str], tuple[str, ...], frozenset[str]]:
    """Read on the first description met in a run."""
    data = _package_yaml(_PERSON_NOUNS)
    return frozenset(data["nouns"]), tuple(data["suffixes"]), frozenset(data["not"])


def person_noun(word: Word) -> bool:
    """Whether a common noun names a person in nearly every use ("employé",
    "soignante", "sociologue"), from framing/data/person_nouns_fr.yaml."""
    nouns, suffixes, refused = _person_nouns()
    form = word.text.casefold()
    # the form too: the lemmatizer reads some nouns as participles ("employé":
    # "employer"), and a plural by its singular
    names = {(word.lemma or form).casefold(), form, form.removesuffix("s")}
    # a feminine the lemmatizer kept ("professeure", "députée", "lycéenne")
    names |= {_masculine(name) for name in names if name not in refused}
    return any(name in nouns or (name.endswith(suffixes) and name not in refused) for name in names)


def _masculine(name: str) -> str:
    """The masculine of a feminine person noun, by its regular endings."""
    for feminine, masculine in (("enne", "en"), ("euse", "eur"), ("trice", "teur"), ("ère", "er")):
        if name.endswith(feminine):
            return name[: -len(feminine)] + masculine
    return name.removesuffix("e")


def _quote_opening_sentence(
    context: SpeakerContext, graph: SentenceGraph, event: SpeechEvent
) -> int:
    """The sentence a pronoun's distance to a described subject counts from:
    where the quotation that its incise closes opens ("Les deux jeunes filles
    … « P. Q. R », disent-elles": the quotation, however long, stands right
    after them), else the pronoun's own sentence."""
    cue = graph.words.get(event.cue_word)
    if cue is None or not context.inner:
        return graph.sentence.index
    start = context.start_of(graph, cue)
    closing = [
        q for q in context.inner if q[1] <= start and not context.text[q[1] : start].strip(_GAP)
    ]
    if not closing:
        return graph.sentence.index
    opening = max(closing, key=lambda q: q[1])[0]
    for index, other in context.graphs.items():
        tokens = other.sentence.tokens
        if tokens and tokens[0].start <= opening <= tokens[-1].end:
            return index
    return graph.sentence.index


# What may stand between a closing quotation mark and its incise ('», ', '", ').
_GAP = " ,\u00a0\"»”'’"


def _not_the_accuser(addressee: Source, gender: str | None, number: str | None) -> bool:
    """Whether a pronoun cannot stand for the one who accused or called on the
    addressee (their gender or number differs), so that it may be the
    addressee answering: "Il a accusé la ministre de P. … », fustige-t-elle"."""
    if addressee.speaker_features is None:
        return False
    spoke_gender, spoke_number = addressee.speaker_features
    return (spoke_number is not None and spoke_number != number) or (
        number == "Sing" and spoke_gender is not None and spoke_gender != gender
    )


def _sentence_subject(
    context: SpeakerContext,
    graph: SentenceGraph,
    event: SpeechEvent,
    gender: str | None,
    number: str | None,
) -> Source | None:
    """The noun subject of the sentence's main clause before a "selon lui" /
    "pour eux" inside the sentence ("La gauche attaque sur la pollution,
    devenue selon elle le « point noir » du mandat"): the one whose view the
    sentence gives, when it is a description ("La gauche") that no source
    matches. A "Selon elle" opening its sentence looks back instead."""
    pronoun = event.speaker_word
    if not any(w.id < pronoun.id and w.upos not in ("ADP", "PUNCT") for w in graph.word_list):
        return None
    root = next((w for w in graph.word_list if w.deprel == "root"), None)
    if root is None:
        return None
    subject = next(
        (
            c
            for c in graph.children.get(root.id, [])
            if c.deprel in ("nsubj", "nsubj:pass") and c.id < pronoun.id
        ),
        None,
    )
    if (
        subject is None
        or subject.upos not in ("NOUN", "PROPN")
        or is_time(subject)
        or _is_bare_acronym(graph, subject)
        or context.quote_of(graph, subject) is not None
    ):
        return None
    if subject.upos == "NOUN" and not any(
        c.deprel == "det" for c in graph.children.get(subject.id, [])
    ):
        return None
    span = _source_span(context, graph, subject)
    subject_gender, subject_number = _agreement(graph, subject)
    source = Source(graph.sentence.index, span.start, subject, span, subject_gender, subject_number)
    return source if _agrees(source, gender, number) else None


def _subject_before_named(nearest_first: list[Source]) -> list[Source]:
    """The candidates, nearest first, except that a person merely named in a
    sentence gives way to that sentence's subject or speaker: "L'avocat de la
    famille, Paul Morel, défend aussi le fils de l'agriculteur Marc Lenoir.
    Il réclame …": the "il" goes on with the subject. A named person stays the
    antecedent where no one else in their sentence agrees."""
    if not nearest_first or nearest_first[0].kind != "named":
        return nearest_first
    sentence = nearest_first[0].sentence
    for i, source in enumerate(nearest_first):
        if source.sentence != sentence:
            break
        if source.kind in ("", "chain"):
            return [source, *nearest_first[:i], *nearest_first[i + 1 :]]
    return nearest_first


def _main_before_embedded(context: SpeakerContext, nearest_first: list[Source]) -> list[Source]:
    """The candidates, nearest first, except that the subject of a clause that a
    sentence reports or sets beside its own gives way to that sentence's speaker,
    or to its main subject when the clause is its complement: "Le candidat, Paul
    Morel, est persuadé que Marc Lenoir lui restera fidèle. « P », a-t-il
    déclaré", "X a jugé P, estimant qu'Uber avait compris. « Q », a-t-elle
    reconnu": the pronoun goes on with the one the sentence is about, not with
    the one their words are about. Only from a complement or adverbial clause:
    not past a relative clause ("L'ouvrage évoque une étudiante avec qui Paul
    aurait eu une aventure. Il …": Paul stays) or an incise."""
    if not nearest_first or nearest_first[0].kind != "" or nearest_first[0].spoke:
        return nearest_first
    first = nearest_first[0]
    graph = context.graphs.get(first.sentence)
    if graph is None or first.word.deprel not in ("nsubj", "nsubj:pass"):
        return nearest_first
    clause = graph.words.get(first.word.head or 0)
    if clause is None or clause.deprel not in ("ccomp", "advcl"):
        return nearest_first  # a relative clause, an incise, a clause beside the main one
    complement = clause.deprel == "ccomp" and _is_root(graph, clause.head)
    for i, source in enumerate(nearest_first[1:], 1):
        if source.sentence != first.sentence:
            break
        if source.kind == "" and (
            source.spoke or (complement and _main_clause_of_name(graph, source.word))
        ):
            return [source, *nearest_first[:i], *nearest_first[i + 1 :]]
    return nearest_first


def _is_root(graph: SentenceGraph, word_id: int | None) -> bool:
    word = graph.words.get(word_id or 0)
    return word is not None and word.deprel == "root"


def _main_clause_of_name(graph: SentenceGraph, word: Word) -> bool:
    """Whether the word is a main-clause subject, or a name in apposition to one
    ("Le candidat, Paul Morel, est persuadé …")."""
    if word.deprel in ("nsubj", "nsubj:pass"):
        return _main_clause(graph, word)
    head = graph.words.get(word.head or 0)
    return (
        word.deprel == "appos"
        and head is not None
        and head.deprel in ("nsubj", "nsubj:pass")
        and _main_clause(graph, head)
    )


def _topic_first(nearest_first: list[Source]) -> list[Source]:
    """The candidates, nearest first, except that the source of a "selon X"
    gives way to a subject pronoun just before it: "Philippe a tweeté P. Au
    commissariat, il a fait le point, selon Matignon. Il s'est ensuite rendu …":
    the "il" goes on with the subject that the sentence before kept talking
    about, not with the source it cites for a detail."""
    leading = 0
    while leading < len(nearest_first) and nearest_first[leading].kind == "selon":
        leading += 1
    if leading == 0 or leading == len(nearest_first):
        return nearest_first
    chained = nearest_first[leading]
    if chained.kind != "chain" or nearest_first[0].sentence - chained.sentence > 0:
        return nearest_first
    return [chained, *nearest_first[:leading], *nearest_first[leading + 1 :]]


def _is_demonstrative(word: Word) -> bool:
    text = word.text.casefold()
    return text in _DEMONSTRATIVES or (text in _DERNIER and word.upos in ("ADJ", "NOUN"))


def _mentioned_nouns(
    context: SpeakerContext,
    graph: SentenceGraph,
    before: int,
    quote: tuple[int, int] | None = None,
) -> list[Source]:
    """Nouns a demonstrative ("celui-ci", "ce dernier") may point back to, in its
    sentence and the one before: subjects and objects with a determiner ("un
    jeune homme"), not a measure ("30 km"), a time or an oblique; outside
    quotations, or with ``quote`` inside that one only."""
    found = []
    for index in (graph.sentence.index - 1, graph.sentence.index):
        other = context.graphs.get(index)
        if other is None:
            continue
        for word in other.word_list:
            kids = other.children.get(word.id, [])
            if (
                word.upos not in ("NOUN", "PROPN")
                or word.deprel not in _MENTIONED
                or not (word.upos == "PROPN" or any(c.deprel == "det" for c in kids))
                or any(c.deprel == "nummod" for c in kids)
                or is_time(word)
                or has_oblique_case(other, word)
                or context.quote_of(other, word) != quote
            ):
                continue
            span = _source_span(context, other, word)
            if span.start < before:
                gender, number = _agreement(other, word)
                found.append(Source(index, span.start, word, span, gender, number))
    return found


# Subject pronouns that carry a source on through sentences where it does not speak.
_SUBJECT_PRONOUNS = frozenset({"il", "elle", "ils", "elles"})


def subject_pronoun_sources(
    context: SpeakerContext, graph: SentenceGraph, earlier: list[Source], spoken: set[int]
) -> list[Source]:
    """The subject pronouns of a sentence that no speech verb has, resolved as a
    pronoun speaker would be ("Philippe a tweeté P. Au commissariat, il a fait
    le point …, selon Matignon. Il s'est ensuite rendu … pour rappeler P": the
    second "il" goes on with the first, not with Matignon). Each one is a
    mention of its source, so the source stays the nearest for the next
    pronoun. A pronoun inside a quotation is the quoted speaker's, left alone."""
    found: list[Source] = []
    for word in graph.word_list:
        if word.upos != "PRON" or word.text.casefold() not in _SUBJECT_PRONOUNS:
            continue
        if word.deprel not in ("nsubj", "nsubj:pass"):
            continue  # "il s'agit", "il faut": an impersonal "il" stands for no one
        if not _main_clause(graph, word):
            continue  # "a rappelé qu'il est inutile de": reported content, or impersonal
        start = context.start_of(graph, word)
        if start in spoken or context.quote_of(graph, word) is not None:
            continue
        gender, number = _PERSONAL[word.text.casefold()]
        agreeing = [
            s
            for s in earlier + found
            if s.start < start
            and s.quote is None
            and s.kind not in ("selon", "addressee", "described")
            and _agrees(s, gender, number)
        ]
        if not agreeing:
            continue
        # a subject pronoun where no one speaks goes on with a subject or a
        # speaker, not with the source a "selon" cites (left out above)
        source = max(agreeing, key=lambda s: s.start)
        found.append(
            Source(
                graph.sentence.index,
                start,
                source.word,
                source.span,
                source.gender,
                source.number,
                source.spoke,
                None,
                "chain",
            )
        )
    return found


def _judged_for(graph: SentenceGraph, word: Word) -> bool:
    """The person a verbless judgement is given for ("Impensable pour la
    ministre.", "Inacceptable pour les syndicats."): a "pour" noun on an
    adjective that heads its sentence, who may go on speaking ("« P »,
    explique-t-elle")."""
    head = graph.words.get(word.head or 0)
    return (
        head is not None
        and head.deprel == "root"
        and (head.upos == "ADJ" or head.feat("AdjReading") == "Yes")
        and word.deprel.startswith("obl")
        and has_function_word(graph, word, "case", "pour")
    )


def _main_clause(graph: SentenceGraph, word: Word) -> bool:
    """Whether the word is the subject of the sentence's main verb (or of a verb
    conjoined to it), where a pronoun carries the article's topic on."""
    head = graph.words.get(word.head or 0)
    while head is not None and head.deprel == "conj":
        head = graph.words.get(head.head or 0)
    return head is not None and head.deprel == "root"


# Conjunctions of a clause put ahead of the main one whose subject pronoun
# stands for the main clause's subject, named only after it ("S'il reconnaît
# P, le ministre estime Q", "Si elle a salué P, la maire a dénoncé Q").
_FRONTED_MARKS = frozenset({"si", "lorsque", "quand", "bien", "alors", "même"})
_POSSESSIVES = frozenset({"son", "sa", "ses", "leur", "leurs"})


def _cataphoric_subject(
    context: SpeakerContext,
    graph: SentenceGraph,
    pronoun: Word,
    gender: str | None,
    number: str | None,
) -> Source | None:
    """The subject a pronoun looks ahead to: the pronoun is the subject of a
    concessive or conditional clause opening its sentence ("S'il n'a pas nié
    les violences, Paul Morel a en revanche affirmé P"), and the main clause's
    subject after it names a person or a described one. Wire copy writes the
    pronoun first and the name after; CONVENTIONS wants the name as speaker.
    Not a possessive description ("S'il a reconnu les faits, son avocat …":
    the "son" is the pronoun's own referent), not a thing or a time."""
    if pronoun.deprel not in ("nsubj", "nsubj:pass", "expl:subj"):
        return None  # "S'il n'a pas nié": the tagger reads some "il" as expletive
    clause = graph.words.get(pronoun.head or 0)
    if clause is None:
        return None
    main = _main_after_fronted(graph, clause)
    if main is None:
        return None
    kids = graph.children.get(clause.id, [])
    marks = [c for c in kids if c.deprel == "mark" and c.id < pronoun.id]
    if not marks or (marks[0].lemma or "").casefold() not in _FRONTED_MARKS:
        return None
    if any(w.id < marks[0].id and w.upos not in ("PUNCT", "CCONJ", "ADV") for w in graph.word_list):
        return None  # the clause does not open the sentence
    subject = next(
        (
            c
            for c in graph.children.get(main.id, [])
            if c.deprel in ("nsubj", "nsubj:pass") and c.id > clause.id
        ),
        None,
    )
    if subject is None or subject.upos not in ("NOUN", "PROPN") or is_time(subject):
        return None
    determiners = [c for c in graph.children.get(subject.id, []) if c.deprel == "det"]
    if any((d.text or "").casefold() in _POSSESSIVES for d in determiners):
        return None
    if subject.upos == "NOUN" and not (person_noun(subject) or _names_someone(graph, subject)):
        return None
    if context.quote_of(graph, subject) is not None:
        return None
    name = _name_in_apposition(graph, subject)
    word = name if name is not None else subject
    span = _source_span(context, graph, word)
    subject_gender, subject_number = _agreement(graph, word)
    source = Source(graph.sentence.index, span.start, word, span, subject_gender, subject_number)
    return source if _agrees(source, gender, number) else None


def _main_after_fronted(graph: SentenceGraph, clause: Word) -> Word | None:
    """The main clause's verb after a fronted clause: its head, or, where the
    parser made the fronted clause the root, the finite verb it hangs after a
    comma ("S'il soutient P, le duc condamne Q": "condamne" read as an insert)."""
    if clause.deprel == "advcl":
        head = graph.words.get(clause.head or 0)
        return head if head is not None and head.id > clause.id else None
    if clause.deprel != "root":
        return None
    for child in graph.children.get(clause.id, []):
        if (
            child.id > clause.id
            and child.upos == "VERB"
            and child.deprel.startswith(("parataxis", "conj"))
            and child.feat("VerbForm") == "Fin"
            and comma_between(graph, clause.id, child.id)
        ):
            return child
    return None


def _coordinated(
    context: SpeakerContext, graph: SentenceGraph, word: Word, span: TextSpan
) -> tuple[TextSpan, str | None, str] | None:
    """A speaker coordinated with "et" ("le diocèse et la mairie", "Paul Morel
    et Claire Dubois"): the whole coordination as one plural source, masculine
    unless every member is feminine. None for a single speaker."""
    members = [
        c
        for c in graph.children.get(word.id, [])
        if c.deprel == "conj" and _names_a_party(graph, c) and c.id > word.id
    ]
    if (
        not members
        or not _names_a_party(graph, word)
        or not any(
            k.deprel == "cc" and k.lemma == "et" for k in graph.children.get(members[-1].id, [])
        )
        or context.quote_of(graph, members[-1]) is not None
    ):
        return None
    last = _source_span(context, graph, members[-1])
    if last.end <= span.end:
        return None
    text = context.text[span.start : last.end]
    genders = {_agreement(graph, w)[0] for w in (word, *members)}
    gender = "Fem" if genders == {"Fem"} else "Masc"
    return TextSpan(text, span.start, last.end), gender, "Plur"


def _names_a_party(graph: SentenceGraph, word: Word) -> bool:
    """A name, or a noun with its article: what a coordinated speaker is made
    of ("le diocèse et la mairie"), not a bare noun of a description
    ("costume noir et masque", "marié et père de deux enfants")."""
    if word.upos == "PROPN":
        return True
    return word.upos == "NOUN" and any(c.deprel == "det" for c in graph.children.get(word.id, []))
