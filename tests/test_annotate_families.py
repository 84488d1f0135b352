"""Rule families on sentences written for the tests, parsed by the embedded model."""

from __future__ import annotations


def _find(annotated, text, category=None):
    hits = [
        m
        for m in annotated.mentions
        if m.text == text and (category is None or m.category == category)
    ]
    assert hits, f"no mention {text!r} in {[(m.text, m.category) for m in annotated.mentions]}"
    return hits[0]


def test_inverted_speech_verb_with_direct_quote(annotate_text):
    doc = annotate_text("« Les émeutiers seront punis », a déclaré le ministre de l'Intérieur.")
    label = _find(doc, "émeutiers", "actor_label")
    assert label.voice == "direct_quote"
    assert label.speaker.text == "le ministre de l'Intérieur"
    verb = _find(doc, "a déclaré", "reporting_verb")
    assert verb.voice == "authorial" and verb.speaker.text == "le ministre de l'Intérieur"


def test_selon_makes_indirect_speech(annotate_text):
    doc = annotate_text("Selon le ministère, des terroristes ont attaqué la mairie.")
    label = _find(doc, "terroristes", "actor_label")
    assert label.voice == "indirect_speech"
    assert label.speaker.text == "le ministère"
    assert label.cue.text == "Selon"


def test_ccomp_content_is_indirect_speech(annotate_text):
    doc = annotate_text("Le président a affirmé que les émeutiers étaient payés par l'étranger.")
    label = _find(doc, "émeutiers", "actor_label")
    assert label.voice == "indirect_speech"
    assert label.speaker.text == "Le président"
    assert label.cue.text == "a affirmé"


def test_partial_quote_inside_reported_speech(annotate_text):
    doc = annotate_text(
        "Le président a déclaré qu'il avait ordonné de tirer sans sommation sur les « terroristes »."
    )
    label = _find(doc, "terroristes", "actor_label")
    assert label.voice == "direct_quote"
    assert label.speaker.text == "Le président"


def test_scare_quote_without_speaker(annotate_text):
    doc = annotate_text("Les « terroristes » étaient surtout des étudiants sans emploi.")
    label = _find(doc, "terroristes", "actor_label")
    assert label.voice == "scare_quote"
    assert label.speaker is None


def test_nested_and_unbalanced_quotes_do_not_crash(annotate_text):
    doc = annotate_text(
        "Il a dit « les “casseurs” sont partis » puis « rien.\n\nAutre paragraphe » ici."
    )
    assert _find(doc, "casseurs", "actor_label").voice == "direct_quote"


def test_negation(annotate_text):
    doc = annotate_text("Ces jeunes ne sont pas des terroristes.")
    assert _find(doc, "terroristes", "actor_label").negated is True
    doc = annotate_text("Ces jeunes sont des terroristes.")
    assert _find(doc, "terroristes", "actor_label").negated is False


def test_reporting_conditional_hedges(annotate_text):
    doc = annotate_text("Une centaine de manifestants auraient été tués dans la nuit.")
    hedge = _find(doc, "auraient été tués", "hedge")
    assert hedge.entry == "hedge.conditional"
    passive = _find(doc, "auraient été tués", "agentless_passive")
    assert passive.hedged is True


def test_agentless_vs_agentive_passive(annotate_text):
    doc = annotate_text("Vingt manifestants ont été tués pendant la nuit.")
    assert _find(doc, "ont été tués", "agentless_passive").entry == "passive.tuer"
    doc = annotate_text("Vingt manifestants ont été tués par la police pendant la nuit.")
    assert not [m for m in doc.mentions if m.category == "agentless_passive"]


def test_multiword_entry_with_gap(annotate_text):
    doc = annotate_text("Les forces russes de maintien de la paix sont arrivées à l'aéroport.")
    mention = _find(doc, "forces russes de maintien de la paix", "intervention_label")
    assert mention.referent == "foreign_troops"


def test_lemma_vs_form_matching(annotate_text):
    doc = annotate_text("Les ministres déplorent la violence des heurts.")
    assert _find(doc, "déplorent", "reporting_verb").stance == "critical"
    assert _find(doc, "heurts", "event_label").entry == "event.heurts"


def test_qualifier_de_gives_label_target_and_speaker(annotate_text):
    doc = annotate_text(
        "Le président a qualifié mardi de tentative de coup d'État les émeutes de janvier."
    )
    label = _find(doc, "tentative de coup d'État", "event_label")
    assert label.voice == "indirect_speech"
    assert label.speaker.text == "Le président"
    assert label.target.text.startswith("les émeutes")


def test_evaluative_target(annotate_text):
    doc = annotate_text("Le pays sort de violentes émeutes.")
    evaluative = _find(doc, "violentes", "evaluative")
    assert evaluative.target.text == "émeutes"


def test_pronoun_speaker_resolves_to_last_named_speaker(annotate_text):
    doc = annotate_text(
        "Le ministre Paul Durand a dénoncé les pillages. « Ces casseurs seront jugés », a-t-il ajouté."
    )
    label = _find(doc, "casseurs", "actor_label")
    assert label.speaker.text == "Le ministre Paul Durand"
    assert label.speaker_pronoun.text == "il"


def test_every_offset_points_at_its_text(annotate_text):
    text = "Selon l’OTSC, les « terroristes » d'État auraient été arrêtés.\r\nFin."
    doc = annotate_text(text)
    for mention in doc.mentions:
        assert text[mention.start : mention.end] == mention.text
        for span in (mention.speaker, mention.target, mention.cue):
            if span is not None:
                assert text[span.start : span.end] == span.text


def test_pronominal_speech_verb_keeps_its_reflexive_and_speaker(annotate_text):
    doc = annotate_text("« Les casseurs ont tout pillé », s'est indigné le maire.")
    verb = _find(doc, "s'est indigné", "reporting_verb")
    assert verb.speaker.text == "le maire"
    label = _find(doc, "casseurs", "actor_label")
    assert label.voice == "direct_quote" and label.speaker.text == "le maire"


def test_speaker_leaves_out_the_channel(annotate_text):
    # In both sentences the parser hangs "sur la radio/chaîne" inside the subject phrase.
    doc = annotate_text(
        "« Nous resterons », a déclaré le porte-parole du gouvernement sur la radio publique."
    )
    assert _find(doc, "a déclaré").speaker.text == "le porte-parole du gouvernement"
    doc = annotate_text(
        "Le ministre des Finances sur la chaîne publique a déclaré que la crise était finie."
    )
    assert _find(doc, "a déclaré").speaker.text == "Le ministre des Finances"


def test_par_phrase_is_an_agent_whatever_its_label(annotate_text):
    for text in (
        "Trois journalistes ont été arrêtés par la police militaire.",
        "Trois journalistes ont été arrêtés par Moscou.",
    ):
        doc = annotate_text(text)
        assert not [m for m in doc.mentions if m.category == "agentless_passive"], text
    doc = annotate_text("Deux passants ont été blessés par balles.")
    assert _find(doc, "ont été blessés", "agentless_passive")
