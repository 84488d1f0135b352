"""Robustness rules on the parses they were written for, built by hand.

Several rules exist because the tagger or parser reads a construction in a
particular wrong (or unusual) way. Their examples in the rule files depend on
the embedded model making that reading; here the reading is fixed, so the rules
are tested whatever model ships.
"""

from __future__ import annotations

from tests.helpers import conllu_doc

PART = "Tense=Past|VerbForm=Part"


def _mentions(annotator, rows):
    return annotator.annotate(conllu_doc(rows)).mentions


def _one(mentions, text, category):
    hits = [m for m in mentions if m.text == text and m.category == category]
    assert len(hits) == 1, [(m.text, m.category, m.rules) for m in mentions]
    return hits[0]


def test_qualifier_with_partitive_de_labels_and_keeps_the_target_authorial(annotator):
    # "de" read as the partitive determiner of the label, the label as object,
    # the target hung under the label: the target stays in the outlet's voice
    mentions = _mentions(
        annotator,
        [
            ("Le", "le", "DET", 2, "det"),
            ("chef", "chef", "NOUN", 4, "nsubj"),
            ("a", "avoir", "AUX", 4, "aux:tense"),
            ("qualifié", "qualifier", "VERB", 0, "root", PART),
            ("de", "un", "DET", 6, "det"),
            ("tentative", "tentative", "NOUN", 4, "obj"),
            ("de", "de", "ADP", 8, "case"),
            ("coup", "coup", "NOUN", 6, "nmod"),
            ("d'", "de", "ADP", 10, "case", "_", True),
            ("État", "état", "NOUN", 8, "nmod"),
            ("les", "le", "DET", 12, "det"),
            ("émeutes", "émeute", "NOUN", 10, "nmod"),
            ("qui", "qui", "PRON", 15, "nsubj"),
            ("ont", "avoir", "AUX", 15, "aux:tense"),
            ("fait", "faire", "VERB", 12, "acl:relcl", PART),
            ("des", "un", "DET", 17, "det"),
            ("morts", "mort", "NOUN", 15, "obj", "_", True),
            (".", ".", "PUNCT", 4, "punct"),
        ],
    )
    label = _one(mentions, "tentative de coup d'État", "event_label")
    assert label.voice == "indirect_speech"
    assert label.speaker.text == "Le chef"
    assert label.target.text.startswith("les émeutes")
    assert "qualify.label_first" in label.rules
    assert _one(mentions, "émeutes", "event_label").voice == "authorial"
    # "des morts" as the object of "faire" is a death toll, a figure: no actor label
    assert not [m for m in mentions if m.text == "morts"]


def test_pronominal_speech_verb_read_as_pronominal_passive_keeps_its_speaker(annotator):
    mentions = _mentions(
        annotator,
        [
            ("Les", "le", "DET", 2, "det"),
            ("syndicats", "syndicat", "NOUN", 5, "nsubj:pass"),
            ("se", "soi", "PRON", 5, "expl:pass", "Person=3|PronType=Prs|Reflex=Yes"),
            ("sont", "être", "AUX", 5, "aux:pass"),
            ("insurgés", "insurger", "VERB", 0, "root", PART + "|Voice=Pass"),
            ("contre", "contre", "ADP", 8, "case"),
            ("la", "le", "DET", 8, "det"),
            ("réforme", "réforme", "NOUN", 5, "obl:mod", "_", True),
            (".", ".", "PUNCT", 5, "punct"),
        ],
    )
    verb = _one(mentions, "se sont insurgés", "reporting_verb")
    assert verb.speaker.text == "Les syndicats"
    assert "attribution.pronominal_verb" in verb.rules


def test_same_parse_of_an_ordinary_speech_verb_is_a_pronominal_passive(annotator):
    # "Ce chiffre s'explique par la crise": no speaker, no reporting-verb mention
    mentions = _mentions(
        annotator,
        [
            ("Ce", "ce", "DET", 2, "det"),
            ("chiffre", "chiffre", "NOUN", 4, "nsubj:pass"),
            ("s'", "soi", "PRON", 4, "expl:pass", "Person=3|PronType=Prs|Reflex=Yes", True),
            ("explique", "expliquer", "VERB", 0, "root", "Mood=Ind|Person=3|VerbForm=Fin"),
            ("par", "par", "ADP", 7, "case"),
            ("la", "le", "DET", 7, "det"),
            ("crise", "crise", "NOUN", 4, "obl:mod", "_", True),
            (".", ".", "PUNCT", 4, "punct"),
        ],
    )
    assert not [m for m in mentions if m.category == "reporting_verb"]


def _conditional_rows(mood: str):
    return [
        ("Les", "le", "DET", 2, "det"),
        ("insurgés", "insurgé", "NOUN", 3, "nsubj"),
        ("occuperaient", "occuper", "VERB", 0, "root", f"Mood={mood}|Person=3|VerbForm=Fin"),
        ("la", "le", "DET", 5, "det"),
        ("mairie", "mairie", "NOUN", 3, "obj", "_", True),
        (".", ".", "PUNCT", 3, "punct"),
    ]


def test_conditional_read_from_the_form_when_the_tagger_misses_it(annotator):
    mentions = _mentions(annotator, _conditional_rows("Ind"))
    hedge = _one(mentions, "occuperaient", "hedge")
    assert hedge.rules == ["hedge.conditional_form"]
    assert _one(mentions, "insurgés", "actor_label").hedged


def test_conditional_read_both_ways_is_one_mention_listing_both_rules(annotator):
    mentions = _mentions(annotator, _conditional_rows("Cnd"))
    hedge = _one(mentions, "occuperaient", "hedge")
    assert sorted(hedge.rules) == ["hedge.conditional", "hedge.conditional_form"]
    # the mentions the conditional governs list both rules too, not the first only
    actor = _one(mentions, "insurgés", "actor_label")
    assert actor.hedged
    assert {"hedge.conditional", "hedge.conditional_form"} <= set(actor.rules)


def test_imperfect_is_no_conditional(annotator):
    rows = _conditional_rows("Ind")
    rows[2] = ("occupaient", "occuper", "VERB", 0, "root", "Mood=Ind|Person=3|VerbForm=Fin")
    assert not [m for m in _mentions(annotator, rows) if m.category == "hedge"]


def test_conditional_in_a_que_clause_the_parser_attached_elsewhere_is_no_hedge(annotator):
    # "Il a été annoncé par le ministère que les écoles resteraient fermées",
    # the "que" clause hung on "ministère" as a relative clause
    mentions = _mentions(
        annotator,
        [
            ("Il", "il", "PRON", 4, "nsubj:pass"),
            ("a", "avoir", "AUX", 4, "aux:tense"),
            ("été", "être", "AUX", 4, "aux:pass"),
            ("annoncé", "annoncer", "VERB", 0, "root", PART + "|Voice=Pass"),
            ("par", "par", "ADP", 7, "case"),
            ("le", "le", "DET", 7, "det"),
            ("ministère", "ministère", "NOUN", 4, "obl:agent"),
            ("que", "que", "SCONJ", 11, "mark"),
            ("les", "le", "DET", 10, "det"),
            ("écoles", "école", "NOUN", 11, "nsubj"),
            ("resteraient", "rester", "VERB", 7, "acl:relcl", "Mood=Cnd|Person=3|VerbForm=Fin"),
            ("fermées", "fermer", "ADJ", 11, "xcomp", "_", True),
            (".", ".", "PUNCT", 4, "punct"),
        ],
    )
    assert not [m for m in mentions if m.category == "hedge"]


def test_que_clause_read_as_a_conjunct_is_still_the_speech_content(annotator):
    # "Le gouverneur a confirmé que 40 habitants ont été tués", the clause hung
    # on the verb as a conjunct instead of ccomp
    mentions = _mentions(
        annotator,
        [
            ("Le", "le", "DET", 2, "det"),
            ("gouverneur", "gouverneur", "NOUN", 4, "nsubj"),
            ("a", "avoir", "AUX", 4, "aux:tense"),
            ("confirmé", "confirmer", "VERB", 0, "root", PART),
            ("que", "que", "SCONJ", 10, "mark"),
            ("40", "40", "NUM", 7, "nummod"),
            ("habitants", "habitant", "NOUN", 10, "nsubj:pass"),
            ("ont", "avoir", "AUX", 10, "aux:tense"),
            ("été", "être", "AUX", 10, "aux:pass"),
            ("tués", "tuer", "VERB", 4, "conj", PART + "|Voice=Pass", True),
            (".", ".", "PUNCT", 4, "punct"),
        ],
    )
    verb = _one(mentions, "a confirmé", "reporting_verb")
    assert verb.speaker.text == "Le gouverneur"
    assert "attribution.subject_que" in verb.rules
    killed = _one(mentions, "ont été tués", "agentless_passive")
    assert killed.voice == "indirect_speech"
    assert killed.speaker.text == "Le gouverneur"


def _d_apres_rows(apres_head: int, apres_rel: str) -> list[tuple]:
    """ "D'après la police, la manifestation a dégénéré." with "après" attached as given."""
    return [
        ("D'", "de", "ADP", 4, "case", "_", True),
        ("après", "après", "ADP", apres_head, apres_rel),
        ("la", "le", "DET", 4, "det"),
        ("police", "police", "NOUN", 9, "obl:mod", "_", True),
        (",", ",", "PUNCT", 4, "punct"),
        ("la", "le", "DET", 7, "det"),
        ("manifestation", "manifestation", "NOUN", 9, "nsubj"),
        ("a", "avoir", "AUX", 9, "aux:tense"),
        ("dégénéré", "dégénérer", "VERB", 0, "root", PART, True),
        (".", ".", "PUNCT", 9, "punct"),
    ]


def test_d_apres_in_both_treebank_annotations_gives_the_same_source(annotator):
    # Sequoia and GSD: "après" fixed on "d'"; ParisStories: both words case of X
    for rows in (_d_apres_rows(1, "fixed"), _d_apres_rows(4, "case")):
        event = _one(_mentions(annotator, rows), "manifestation", "event_label")
        assert event.voice == "indirect_speech"
        assert event.speaker.text == "la police"
        assert event.cue.text == "D'après"
        assert "selon.d_apres" in event.rules


def test_hedge_word_read_as_the_noun_still_hedges_the_noun_after_it(annotator):
    # "Les prétendus manifestants ont été arrêtés." with "prétendus" read as the
    # noun and "manifestants" hung below it
    mentions = _mentions(
        annotator,
        [
            ("Les", "le", "DET", 2, "det"),
            ("prétendus", "prétendu", "NOUN", 6, "nsubj:pass", "Gender=Masc|Number=Plur"),
            ("manifestants", "manifestant", "NOUN", 2, "appos", "Number=Plur"),
            ("ont", "avoir", "AUX", 6, "aux:tense"),
            ("été", "être", "AUX", 6, "aux:pass"),
            ("arrêtés", "arrêter", "VERB", 0, "root", PART + "|Voice=Pass", True),
            (".", ".", "PUNCT", 6, "punct"),
        ],
    )
    label = _one(mentions, "manifestants", "actor_label")
    assert label.hedged
    assert "hedge.modifier_read_as_noun" in label.rules
    assert _one(mentions, "prétendus", "hedge").entry == "hedge.pretendu"


def test_relative_pronoun_speaker_of_an_infinitive_is_the_noun_the_clause_hangs_on(annotator):
    # "La ministre, qui doit annoncer un plan, est arrivée."
    mentions = _mentions(
        annotator,
        [
            ("La", "le", "DET", 2, "det"),
            ("ministre", "ministre", "NOUN", 11, "nsubj", "_", True),
            (",", ",", "PUNCT", 5, "punct"),
            ("qui", "qui", "PRON", 5, "nsubj", "PronType=Rel"),
            ("doit", "devoir", "VERB", 2, "acl:relcl", "Mood=Ind|Person=3|VerbForm=Fin"),
            ("annoncer", "annoncer", "VERB", 5, "xcomp", "VerbForm=Inf"),
            ("un", "un", "DET", 8, "det"),
            ("plan", "plan", "NOUN", 6, "obj", "_", True),
            (",", ",", "PUNCT", 5, "punct"),
            ("est", "être", "AUX", 11, "aux:tense"),
            ("arrivée", "arriver", "VERB", 0, "root", PART, True),
            (".", ".", "PUNCT", 11, "punct"),
        ],
    )
    verb = _one(mentions, "annoncer", "reporting_verb")
    assert verb.speaker.text == "La ministre"
    assert "attribution.controlled_infinitive" in verb.rules


def test_relative_pronoun_speaker_in_a_conjoined_relative_clause(annotator):
    # "Le préfet, qui appelle et qui affirme que tout va bien, repart."
    mentions = _mentions(
        annotator,
        [
            ("Le", "le", "DET", 2, "det"),
            ("préfet", "préfet", "NOUN", 14, "nsubj", "_", True),
            (",", ",", "PUNCT", 5, "punct"),
            ("qui", "qui", "PRON", 5, "nsubj", "PronType=Rel"),
            ("appelle", "appeler", "VERB", 2, "acl:relcl", "Mood=Ind|Person=3|VerbForm=Fin"),
            ("et", "et", "CCONJ", 8, "cc"),
            ("qui", "qui", "PRON", 8, "nsubj", "PronType=Rel"),
            ("affirme", "affirmer", "VERB", 5, "conj", "Mood=Ind|Person=3|VerbForm=Fin"),
            ("que", "que", "SCONJ", 11, "mark"),
            ("tout", "tout", "PRON", 11, "nsubj"),
            ("va", "aller", "VERB", 8, "ccomp", "Mood=Ind|Person=3|VerbForm=Fin"),
            ("bien", "bien", "ADV", 11, "advmod", "_", True),
            (",", ",", "PUNCT", 5, "punct"),
            ("repart", "repartir", "VERB", 0, "root", "Mood=Ind|Person=3|VerbForm=Fin", True),
            (".", ".", "PUNCT", 14, "punct"),
        ],
    )
    verb = _one(mentions, "affirme", "reporting_verb")
    assert verb.speaker.text == "Le préfet"


def test_content_of_a_speech_verb_in_a_relative_clause_stays_reported_speech(annotator):
    # "Le ministre, qui a déclaré que les émeutiers sont partis, est rentré.": the
    # speaker is the antecedent, whose phrase holds the relative clause; the
    # content is still the speaker's reported speech, not the outlet's words
    mentions = _mentions(
        annotator,
        [
            ("Le", "le", "DET", 2, "det"),
            ("ministre", "ministre", "NOUN", 15, "nsubj", "_", True),
            (",", ",", "PUNCT", 6, "punct"),
            ("qui", "qui", "PRON", 6, "nsubj", "PronType=Rel"),
            ("a", "avoir", "AUX", 6, "aux:tense"),
            ("déclaré", "déclarer", "VERB", 2, "acl:relcl", PART),
            ("que", "que", "SCONJ", 11, "mark"),
            ("les", "le", "DET", 9, "det"),
            ("émeutiers", "émeutier", "NOUN", 11, "nsubj"),
            ("sont", "être", "AUX", 11, "aux:tense"),
            ("partis", "partir", "VERB", 6, "ccomp", PART, True),
            (",", ",", "PUNCT", 6, "punct"),
            ("est", "être", "AUX", 15, "aux:tense"),
            ("rentré", "rentrer", "VERB", 0, "root", PART, True),
            (".", ".", "PUNCT", 15, "punct"),
        ],
    )
    label = _one(mentions, "émeutiers", "actor_label")
    assert label.voice == "indirect_speech"
    assert label.speaker.text == "Le ministre"


def _passive_by(noun_rows):
    """ "Deux passants ont été blessés par ..." with the "par" phrase read as obl:agent."""
    return [
        ("Deux", "deux", "NUM", 2, "nummod"),
        ("passants", "passant", "NOUN", 5, "nsubj:pass"),
        ("ont", "avoir", "AUX", 5, "aux:tense"),
        ("été", "être", "AUX", 5, "aux:pass"),
        ("blessés", "blesser", "VERB", 0, "root", "Tense=Past|VerbForm=Part|Voice=Pass"),
        ("par", "par", "ADP", 5 + len(noun_rows), "case"),
        *noun_rows,
        (".", ".", "PUNCT", 5, "punct"),
    ]


def test_bare_noun_read_as_agent_is_a_means_and_the_passive_stays_agentless(annotator):
    mentions = _mentions(annotator, _passive_by([("balles", "balle", "NOUN", 5, "obl:agent")]))
    assert _one(mentions, "ont été blessés", "agentless_passive")


def test_agent_with_a_number_or_a_name_makes_the_passive_agentive(annotator):
    for noun_rows in (
        [("trois", "trois", "NUM", 8, "nummod"), ("policiers", "policier", "NOUN", 5, "obl:agent")],
        [("Moscou", "Moscou", "PROPN", 5, "obl:agent")],
    ):
        mentions = _mentions(annotator, _passive_by(noun_rows))
        assert not [m for m in mentions if m.category == "agentless_passive"], noun_rows
