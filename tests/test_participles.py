"""Predicative past participles read as adjectives (framing/annotation/stative_participles.py).

The parses are hand-made in the shapes the tagger gives (invented sentences).
"""

from __future__ import annotations

from framing.annotation.patterns import SentenceView, compile_match, find_all
from tests.helpers import conllu_doc

PART = "Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part"
SCANDALISE = compile_match("scandalis{é,ée,és,ées}/ADJ")


def _found(rows, pattern=SCANDALISE) -> list[str]:
    doc = conllu_doc(rows)
    view = SentenceView(doc.sentences[0])
    return [view.words[span.start].text for span in find_all(pattern, view)]


def test_etre_read_as_a_tense_auxiliary_gives_a_state():
    """ "Je suis scandalisé": "être" tagged aux:tense, no Voice=Pass on the participle."""
    rows = [
        ("Je", "moi", "PRON", 3, "nsubj"),
        ("suis", "être", "AUX", 3, "aux:tense"),
        ("scandalisé", "scandaliser", "VERB", 0, "root", PART),
        (".", ".", "PUNCT", 3, "punct"),
    ]
    assert _found(rows) == ["scandalisé"]


def test_a_passive_auxiliary_without_the_feature_gives_a_state():
    rows = [
        ("Nous", "nous", "PRON", 3, "nsubj"),
        ("sommes", "être", "AUX", 3, "aux:pass"),
        ("scandalisés", "scandaliser", "VERB", 0, "root", PART),
    ]
    assert _found(rows) == ["scandalisés"]


def test_a_secondary_predicate_is_a_state():
    """ "Les élus se disent scandalisés": the participle is the xcomp of "dire"."""
    rows = [
        ("Les", "le", "DET", 2, "det"),
        ("élus", "élu", "NOUN", 4, "nsubj"),
        ("se", "soi", "PRON", 4, "expl:pv"),
        ("disent", "dire", "VERB", 0, "root"),
        ("scandalisés", "scandaliser", "VERB", 4, "xcomp", PART),
    ]
    assert _found(rows) == ["scandalisés"]


def test_a_verb_conjugated_with_etre_stays_a_past_tense():
    """ "Il est tombé" is a compound tense: "tombé" gets no adjective reading."""
    rows = [
        ("Il", "lui", "PRON", 3, "nsubj"),
        ("est", "être", "AUX", 3, "aux:tense"),
        ("tombé", "tomber", "VERB", 0, "root", PART),
    ]
    assert _found(rows, compile_match("tombé/ADJ")) == []


def test_a_pronominal_compound_tense_is_active_even_if_tagged_passive():
    """ "Le maire s'est scandalisé": a past tense of "se scandaliser" (a speech
    verb here), not a state, even where the tagger put Voice=Pass on it."""
    rows = [
        ("Le", "le", "DET", 2, "det"),
        ("maire", "maire", "NOUN", 5, "nsubj:pass"),
        ("s'", "soi", "PRON", 5, "expl:pv"),
        ("est", "être", "AUX", 5, "aux:pass"),
        ("scandalisé", "scandaliser", "VERB", 0, "root", PART + "|Voice=Pass"),
    ]
    assert _found(rows) == []


def test_an_active_compound_tense_with_avoir_is_left_alone():
    rows = [
        ("Il", "lui", "PRON", 3, "nsubj"),
        ("a", "avoir", "AUX", 3, "aux:tense"),
        ("scandalisé", "scandaliser", "VERB", 0, "root", PART),
        ("ses", "son", "DET", 5, "det"),
        ("voisins", "voisin", "NOUN", 3, "obj"),
    ]
    assert _found(rows) == []


def test_the_predicate_of_qualifier_de_is_read_as_an_adjective_too():
    """ "Le maire a qualifié d'irresponsable la décision": the tagger reads the bare
    word after "de" as a NOUN; /ADJ entries take it, and its tag stays NOUN."""
    rows = [
        ("Le", "le", "DET", 2, "det"),
        ("maire", "maire", "NOUN", 4, "nsubj"),
        ("a", "avoir", "AUX", 4, "aux:tense"),
        ("qualifié", "qualifier", "VERB", 0, "root", PART),
        ("d'", "de", "ADP", 6, "case"),
        ("irresponsable", "irresponsable", "NOUN", 4, "xcomp", "Number=Sing"),
        ("la", "le", "DET", 8, "det"),
        ("décision", "décision", "NOUN", 4, "obj"),
    ]
    assert _found(rows, compile_match("irresponsable{,s}/ADJ")) == ["irresponsable"]
    assert _found(rows, compile_match("irresponsable{,s}/NOUN")) == ["irresponsable"]


def test_a_noun_with_its_determiner_after_de_stays_a_noun():
    rows = [
        ("Il", "lui", "PRON", 2, "nsubj"),
        ("traite", "traiter", "VERB", 0, "root"),
        ("le", "le", "DET", 4, "det"),
        ("dossier", "dossier", "NOUN", 2, "obj"),
        ("d'", "de", "ADP", 7, "case"),
        ("une", "un", "DET", 7, "det"),
        ("urgence", "urgence", "NOUN", 2, "xcomp"),
    ]
    assert _found(rows, compile_match("urgence/ADJ")) == []
