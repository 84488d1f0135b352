"""Speaker repairs of the document-level pass (issue #21 items 2-4), on invented
sentences parsed by the embedded model: an inverted subject the parser hung
on a time word or an oblique, a participle that goes on with the speaker
before it, a name closing a description after a comma."""

from __future__ import annotations


def _verb(annotated, text):
    hits = [m for m in annotated.mentions if m.category == "reporting_verb" and m.text == text]
    assert hits, f"no reporting verb {text!r} in {[m.text for m in annotated.mentions]}"
    return hits[0]


def test_inverted_subject_after_time_words(annotate_text):
    doc = annotate_text(
        "« Le suspect a été arrêté et je m'en félicite », a annoncé dimanche matin "
        "Paul Morel sur une radio régionale."
    )
    verb = _verb(doc, "a annoncé")
    assert verb.speaker is not None and "Morel" in verb.speaker.text


def test_participle_after_an_incise_goes_on_with_its_speaker(annotate_text):
    doc = annotate_text(
        "« Les images sont claires », a souligné le chercheur Marc Olivier, "
        "estimant qu'il reste difficile de connaître les commanditaires."
    )
    verb = _verb(doc, "estimant")
    assert verb.speaker is not None and "Olivier" in verb.speaker.text


def test_name_closing_a_description_is_the_speaker(annotate_text):
    doc = annotate_text(
        "« Nous ne reculerons pas », a répliqué le secrétaire d'État à la Mer, "
        "Jean Castel, sur une chaîne publique."
    )
    verb = _verb(doc, "a répliqué")
    assert verb.speaker is not None and "Castel" in verb.speaker.text


def test_demonstrative_points_to_the_last_mentioned_noun(annotate_text):
    doc = annotate_text(
        "Le tribunal de Nantes a condamné deux gardiens. Ils avaient enfermé un jeune "
        "livreur dans une cave, où celui-ci affirme avoir été battu."
    )
    verb = _verb(doc, "affirme")
    assert verb.speaker is not None and "livreur" in verb.speaker.text
    assert verb.speaker_pronoun is not None and verb.speaker_pronoun.text == "celui-ci"


def test_speaker_cited_inside_a_quote_is_no_antecedent(annotate_text):
    doc = annotate_text(
        "Le chercheur Paul Arnaud a étudié les réseaux. « Ce procédé montre que les "
        "groupes manquent d'armes », souligne-t-il."
    )
    verb = next(m for m in doc.mentions if m.category == "reporting_verb")
    assert verb.speaker is not None and "Arnaud" in verb.speaker.text


def test_selon_lui_resolves(annotate_text):
    doc = annotate_text(
        "Le maire Henri Vasseur a reçu les habitants. Selon lui, des émeutiers ont "
        "incendié la mairie."
    )
    label = next(m for m in doc.mentions if m.text == "émeutiers")
    assert label.voice == "indirect_speech"
    assert label.speaker is not None and "Vasseur" in label.speaker.text


def test_not_speech_rule_removes_the_reporting_verb(annotate_text):
    doc = annotate_text(
        "Le tribunal de Nantes condamne deux gardiens. Le maire a condamné l'attaque."
    )
    verbs = [m.text for m in doc.mentions if m.category == "reporting_verb"]
    assert verbs == ["a condamné"]


def test_bare_participle_conjoined_to_an_active_verb_keeps_its_speaker(annotate_text):
    doc = annotate_text(
        "Le porte-parole, Jean Morel, a rejeté les critiques portées contre son ministère, "
        "et assuré que le calendrier serait tenu."
    )
    verb = _verb(doc, "assuré")
    assert verb.speaker is not None and "Morel" in verb.speaker.text


def test_finite_speech_verb_is_never_passive(annotate_text):
    doc = annotate_text(
        "Face à la police se trouve une coalition encore plus hétéroclite que le sénateur "
        "Paul Roche regroupe sous le mot « radicaux » et accuse d'être des « casseurs »."
    )
    verb = _verb(doc, "accuse")
    assert verb.speaker is not None and "Roche" in verb.speaker.text


def test_present_incise_read_as_a_noun(annotate_text):
    doc = annotate_text(
        "« Il y a de simples voyous et des gens qui veulent vraiment se battre », "
        "juge Marc Delorme de l'Institut Arago."
    )
    verb = _verb(doc, "juge")
    assert verb.speaker is not None and "Delorme" in verb.speaker.text
    quoted = next(m for m in doc.mentions if m.text == "voyous")
    assert quoted.speaker is not None and "Delorme" in quoted.speaker.text


def test_noun_reading_elsewhere_is_no_speech(annotate_text):
    doc = annotate_text("Le juge a été nommé en 2015. Une note interne circule.")
    assert not [m for m in doc.mentions if m.category == "reporting_verb"]
