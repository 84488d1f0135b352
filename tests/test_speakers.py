"""Document-level speaker resolution, on invented articles parsed by the embedded model.

Each test writes a short article in the shape that misled the sentence-level
rules on real wire copy (a pronoun two sentences after its source, a name in
apposition, a dative before an inverted subject, a participle of speech, a
passive speech verb, sentences glued without a space) and checks the speaker
the annotator writes.
"""

from __future__ import annotations

import pytest

from framing.parsing.glued import open_seams


def _verb(annotated, text):
    hits = [m for m in annotated.mentions if m.category == "reporting_verb" and m.text == text]
    assert hits, f"no reporting verb {text!r} in {[m.text for m in annotated.mentions]}"
    return hits[0]


def test_pronoun_resolves_to_nearest_compatible_source(annotate_text):
    doc = annotate_text(
        "La ministre Claire Dubois a visité la caserne lundi. "
        "Le préfet a ouvert la séance. "
        "« Nous ne céderons pas », a-t-elle ajouté."
    )
    verb = _verb(doc, "a-t-elle ajouté")
    assert verb.speaker is not None and "Dubois" in verb.speaker.text
    assert verb.speaker_pronoun is not None and verb.speaker_pronoun.text == "elle"


def test_pronoun_without_compatible_source_stays_a_pronoun(annotate_text):
    doc = annotate_text("« Nous ne céderons pas », a-t-elle ajouté.")
    verb = _verb(doc, "a-t-elle ajouté")
    assert verb.speaker is not None and verb.speaker.text == "elle"
    assert verb.speaker_pronoun is None


def test_name_in_apposition_is_the_speaker(annotate_text):
    doc = annotate_text(
        "« Le dossier est vide », a affirmé l'avocate de la famille, Maître Louise Garnier."
    )
    verb = _verb(doc, "a affirmé")
    assert verb.speaker is not None and "Garnier" in verb.speaker.text


def test_dative_is_never_the_speaker(annotate_text):
    doc = annotate_text("« Le calme est revenu », a confirmé à la radio le maire de Vernon.")
    verb = _verb(doc, "a confirmé")
    assert verb.speaker is not None
    assert "radio" not in verb.speaker.text
    assert "maire" in verb.speaker.text


def test_time_expression_is_never_the_speaker(annotate_text):
    doc = annotate_text("« Rien ne bouge », a déclaré samedi le porte-parole du syndicat.")
    verb = _verb(doc, "a déclaré")
    assert verb.speaker is not None and "porte-parole" in verb.speaker.text


def test_participle_of_speech_takes_the_main_clause_speaker(annotate_text):
    doc = annotate_text("Le syndicat a dénoncé la réforme, réclamant le retrait immédiat du texte.")
    verb = _verb(doc, "réclamant")
    assert verb.speaker is not None and verb.speaker.text == "Le syndicat"


def test_infinitive_complement_is_reported_speech(annotate_text):
    doc = annotate_text("Le chauffeur affirme avoir été frappé par des émeutiers.")
    label = next(m for m in doc.mentions if m.text == "émeutiers")
    assert label.voice == "indirect_speech"
    assert label.speaker is not None and label.speaker.text == "Le chauffeur"


def test_passive_speech_verb_speaker_is_its_agent_or_nobody(annotate_text):
    doc = annotate_text(
        "Le retrait des troupes a été demandé par le comité. "
        "Le préfet est accusé de mensonge. "
        "Les émeutiers seront jugés demain."
    )
    with_agent, without = sorted(
        (m for m in doc.mentions if m.category == "reporting_verb"), key=lambda m: m.start
    )
    assert with_agent.speaker is not None and with_agent.speaker.text == "le comité"
    assert without.text == "est accusé" and without.speaker is None
    # a passive with neither agent nor what is said is no speech ("jugés": a trial)


@pytest.mark.parametrize(
    ("text", "seams"),
    [
        ("Il est parti.Le maire a parlé.", 1),
        ('Il a dit "non".Le maire a parlé.', 1),
        ('sans tarder"."A ce jour', 1),
        ("Vraiment?Oui!Non.", 2),
        ("M.Dupont a payé 2.5 euros aux U.S.A.", 0),
    ],
)
def test_glued_sentence_ends_are_opened(text, seams):
    opened = open_seams(text)
    assert len(opened.inserted) == seams
    assert opened.text.replace(" ", "") == text.replace(" ", "")
    # every non-inserted character maps back to itself
    for position, char in enumerate(opened.text):
        if position in opened.inserted:
            continue
        assert text[opened.original_offset(position)] == char


def test_glued_sentences_parse_as_two_with_exact_offsets(annotate_text):
    text = "Les manifestants ont été dispersés.Le ministre a déploré des violences."
    doc = annotate_text(text)
    verb = _verb(doc, "a déploré")
    assert verb.speaker is not None and verb.speaker.text == "Le ministre"
    for mention in doc.mentions:
        assert text[mention.start : mention.end] == mention.text


def test_sentence_final_incise_reports_the_whole_clause(annotate_text):
    doc = annotate_text(
        "Les émeutiers ont incendié trois voitures près de la gare, a indiqué la préfecture."
    )
    label = next(m for m in doc.mentions if m.text == "émeutiers")
    assert label.voice == "indirect_speech"
    assert label.speaker is not None and label.speaker.text == "la préfecture"


def test_pour_x_opening_a_sentence_is_reported_speech(annotate_text):
    doc = annotate_text("Pour le syndicat, les émeutiers ont été payés par l'opposition.")
    label = next(m for m in doc.mentions if m.text == "émeutiers")
    assert label.voice == "indirect_speech"
    assert label.speaker is not None and label.speaker.text == "le syndicat"


def test_continued_quote_keeps_its_speaker(annotate_text):
    doc = annotate_text(
        "« Nous ne reculerons pas », a déclaré le maire. "
        "« Les casseurs seront poursuivis jusqu'au dernier, et les dégâts seront payés. »"
    )
    label = next(m for m in doc.mentions if m.text == "casseurs")
    assert label.voice == "direct_quote"
    assert label.speaker is not None and label.speaker.text == "le maire"


@pytest.mark.parametrize(
    ("sentence", "adjective", "speaker"),
    [
        # the adjective on the noun, "par X" under it
        (
            "Des mesures jugées insuffisantes par le président de la commission des lois, "
            "Paul Vidal.",
            "insuffisantes",
            "Paul Vidal",
        ),
        # the adjective the participle's complement, "par X" under it
        (
            "Le syndicat a rendu publiques des revendications jugées aujourd'hui "
            "irréalistes par la direction de l'usine.",
            "irréalistes",
            "la direction de l'usine",
        ),
        (
            "Le préfet a annoncé des aides jugées aujourd'hui insuffisantes par la "
            "présidente du syndicat, Claire Morin.",
            "insuffisantes",
            "Claire Morin",
        ),
    ],
    ids=["amod", "xcomp", "xcomp-apposed-name"],
)
def test_agent_hung_on_the_judged_adjective_is_the_speaker(
    annotate_text, sentence, adjective, speaker
):
    """'jugées insuffisantes par X': the parser hangs 'par X' on the adjective; X judges."""
    doc = annotate_text(sentence)
    verb = _verb(doc, "jugées")
    assert verb.speaker is not None and verb.speaker.text == speaker
    judged = next(m for m in doc.mentions if m.text == adjective)
    assert judged.voice == "indirect_speech" and judged.speaker.text == speaker


@pytest.mark.parametrize("insertion", ["de son côté", "pour sa part", "à son tour", "pour l'heure"])
def test_compound_tense_split_by_an_insertion_keeps_its_subject(annotate_text, insertion):
    """'X a de son côté dénoncé': the parser makes 'a' the main verb; X still speaks."""
    doc = annotate_text(f"Le ministre a {insertion} dénoncé des pressions inacceptables.")
    verb = _verb(doc, "dénoncé")
    assert verb.speaker is not None and verb.speaker.text == "Le ministre"


@pytest.mark.parametrize(
    ("sentence", "verb_text", "speaker"),
    [
        (
            "« Nous ne céderons pas », a de son côté expliqué Marc Dubois.",
            "expliqué",
            "Marc Dubois",
        ),
        (
            "« La grève continue », a pour sa part assuré l'avocat du syndicat.",
            "assuré",
            "l'avocat du syndicat",
        ),
        (
            "« Rien ne justifie ces violences », a au contraire estimé la maire.",
            "estimé",
            "la maire",
        ),
        (
            "« Aucun incident n'a été signalé », a pour sa part indiqué lundi à la radio le directeur du port.",
            "indiqué",
            "le directeur du port",
        ),
    ],
)
def test_inverted_subject_after_a_split_compound_tense(annotate_text, sentence, verb_text, speaker):
    """'», a de son côté déclaré X': the parser reads X as the participle's
    object (or as an object of 'a'); X is the speaker and the quotation is
    theirs, never the time word or the dative before X."""
    doc = annotate_text(sentence)
    verb = _verb(doc, verb_text)
    assert verb.speaker is not None and verb.speaker.text == speaker
    quoted = [m for m in doc.mentions if m.voice == "direct_quote"]
    assert all(m.speaker is not None and m.speaker.text == speaker for m in quoted)


def test_split_compound_tense_with_negation_keeps_its_subject(annotate_text):
    doc = annotate_text("Le député de la circonscription n'a pour l'instant pas réagi.")
    verb = _verb(doc, "réagi")
    assert verb.speaker is not None and verb.speaker.text == "Le député de la circonscription"


@pytest.mark.parametrize(
    ("second", "verb_text"),
    [
        ("Et d'ajouter que la ville manquait cruellement de moyens.", "ajouter"),
        ("Puis de préciser : « Nous reconstruirons l'école. »", "préciser"),
        ("Et de conclure, amer : « Tout passe. »", "conclure"),
        ("Avant de déplorer que la ville manque de moyens.", "déplorer"),
    ],
)
def test_opening_narrative_infinitive_goes_on_with_the_last_speaker(
    annotate_text, second, verb_text
):
    """'Et d'ajouter que P' with no noun: the speaker of the sentence before goes on."""
    doc = annotate_text(f"La maire Sophie Renard a salué le courage des pompiers. {second}")
    verb = _verb(doc, verb_text)
    assert verb.speaker is not None and verb.speaker == _verb(doc, "a salué").speaker
    assert verb.speaker.text == "Sophie Renard"


def test_opening_infinitive_of_time_is_no_speech(annotate_text):
    doc = annotate_text(
        "La maire a salué les pompiers. Avant de lancer les travaux, elle a consulté les habitants."
    )
    assert not [m for m in doc.mentions if m.text == "lancer"]


def test_a_continued_speaker_is_not_trimmed_against_the_wrong_sentence(annotate_text):
    """A participle going on with a speaker carried from the sentence before
    ('Et d'évoquer P, estimant que Q') keeps that speaker whole."""
    doc = annotate_text(
        "« Le parcours est semblable », fait valoir le directeur Paul Morel. "
        "Et d'évoquer aussi « sa ténacité », estimant que ces qualités comptent."
    )
    verb = _verb(doc, "estimant")
    assert verb.speaker is not None and "Paul Morel" in verb.speaker.text


def test_speaker_stops_at_a_glued_sentence_end(annotate_text):
    doc = annotate_text(
        "« Le froid ne nous aide guère », a de son côté regretté le maire de Vernon.- « Routes gelées »"
    )
    verb = _verb(doc, "regretté")
    assert verb.speaker is not None and verb.speaker.text == "le maire de Vernon"


@pytest.mark.parametrize(
    ("sentence", "verb_text", "speaker"),
    [
        ("« Ce lieu permet des rencontres », s'amuse-t-elle.", "s'amuse-t-elle", "elle"),
        (
            "« Le territoire du possible », s'enthousiasme Claire Petit, une retraitée.",
            "s'enthousiasme",
            "Claire Petit",
        ),
        (
            "« Elles vont vivre un calvaire », se lamente la présidente de l'association.",
            "se lamente",
            "la présidente de l'association",
        ),
    ],
)
def test_pronominal_incise_after_a_quote(annotate_text, sentence, verb_text, speaker):
    """A pronominal speech verb inverted after a quotation, glued to its
    clitic or parsed as the sentence's root, is an incise with its speaker."""
    doc = annotate_text(sentence)
    verb = _verb(doc, verb_text)
    assert verb.speaker is not None and verb.speaker.text == speaker


@pytest.mark.parametrize(
    ("sentence", "verb_text", "speaker"),
    [
        (
            "« La ville a changé », précise au Monde Jean Dupuis, professeur.",
            "précise",
            "Jean Dupuis",
        ),
        (
            "« Nous manquons de tout », explique dans La Dépêche Marc Girard.",
            "explique",
            "Marc Girard",
        ),
    ],
)
def test_first_name_glued_to_a_newspaper_title_starts_the_speaker(
    annotate_text, sentence, verb_text, speaker
):
    """'précise au Monde Jean Dupuis': the parser reads one name 'Monde Jean
    Dupuis'; the known first name starts the person, the title is the medium."""
    doc = annotate_text(sentence)
    verb = _verb(doc, verb_text)
    assert verb.speaker is not None and verb.speaker.text == speaker


def test_incise_with_split_euphonic_t_after_a_glued_quote(annotate_text):
    """'…", soupire-t-il.' tokenized as 'soupire' '-t' '-il' and tagged as a
    noun: still an incise, and its pronoun is not the subject inside the quote
    but the nearest mention of the one quoted, the description after his name
    (CONVENTIONS.md, Speakers)."""
    doc = annotate_text(
        "Paul Morel porte une écharpe verte. A 52 ans, cet agent du port est un habitué "
        "des cortèges.\"Chacun s'indigne de ce drame, mais la foule oublie vite et passe "
        'à autre chose", soupire-t-il.'
    )
    verb = _verb(doc, "soupire-t-il")  # the inverted clitic is part of the verb group
    assert verb.speaker is not None and verb.speaker.text == "cet agent du port"
    assert verb.speaker_pronoun is not None and verb.speaker_pronoun.text == "il"


def test_pronoun_after_a_long_quote_counts_from_where_the_quote_opens(annotate_text):
    """A described subject right before a quotation of three sentences is
    still close to the incise that closes it."""
    doc = annotate_text(
        "Claire et Julie tiennent des banderoles. Les deux lycéennes n'avaient jamais défilé. "
        "Le décès du jeune homme les a bouleversées. « Il fallait venir. Ici, le problème est "
        "ancien. Nous voulons que cela change », disent-elles."
    )
    verb = _verb(doc, "disent-elles")
    assert verb.speaker is not None and verb.speaker.text == "Les deux lycéennes"


def test_title_and_name_right_after_the_description_is_the_speaker(annotate_text):
    doc = annotate_text("« C'est une peine sévère », a estimé son avocate Me Claire Roux.")
    verb = _verb(doc, "a estimé")
    assert verb.speaker is not None and verb.speaker.text == "Me Claire Roux"


def test_person_a_verbless_judgement_is_given_for_may_go_on_speaking(annotate_text):
    """'Impensable pour la ministre. « P », explique-t-elle': the 'pour' noun
    of the verbless judgement is the pronoun's antecedent, without 'pour'."""
    doc = annotate_text(
        "La proposition du député Paul Morel fait débat. Impensable pour la ministre de la "
        "Justice. « Je suis pour faire participer les citoyens », explique-t-elle au député."
    )
    verb = next(m for m in doc.mentions if m.category == "reporting_verb" and "expli" in m.text)
    assert verb.speaker is not None and verb.speaker.text == "la ministre de la Justice"


@pytest.mark.parametrize(
    ("text", "verb_text", "speaker"),
    [
        ("« Ce sont des monuments », objecte Paul Morel.", "objecte", "Paul Morel"),
        ("« C'est un exercice délicat », a tenu à préciser le général.", "préciser", "le général"),
        (
            "Le ministère a confirmé la mort de deux gendarmes sans en révéler l'identité et "
            "ajouté que le parquet serait saisi.",
            "ajouté",
            "Le ministère",
        ),
        (
            "Le maire a visité le quartier. Avant d'ajouter, fataliste : « Tout sera démoli. »",
            "ajouter",
            "Le maire",
        ),
    ],
)
def test_more_speech_constructions(annotate_text, text, verb_text, speaker):
    """An incise verb the tagger read as a noun; a speech infinitive under
    'tenir à' with the subject after it; a participle coordinated after a
    'sans' infinitive, sharing the main verb's 'a'; 'Avant d'ajouter : « P »'
    after a sentence with no speech, going on with its subject."""
    doc = annotate_text(text)
    verb = _verb(doc, verb_text)
    assert verb.speaker is not None and verb.speaker.text == speaker


@pytest.mark.parametrize(
    ("text", "verb_text", "speaker"),
    [
        (
            "Le maire de Saint-Pierre, Jean Martin, a visité le quartier. "
            "Et d'ajouter : « Tout sera reconstruit. »",
            "ajouter",
            "Jean Martin",
        ),
        (
            "Le maire de Saint-Pierre, Jean Martin, a été choqué : « C'est inhumain. » "
            "Et de lancer : « Je veux qu'on retrouve les coupables. C'est condamnable. »",
            "lancer",
            "Jean Martin",
        ),
    ],
)
def test_an_opening_infinitive_goes_on_with_the_named_subject(
    annotate_text, text, verb_text, speaker
):
    """'Et d'ajouter : « P »' after a sentence with no speech goes on with its
    subject as an ordinary subject would be named: the name in apposition, and
    a passive's subject too ('a été choqué')."""
    doc = annotate_text(text)
    verb = _verb(doc, verb_text)
    assert verb.speaker is not None and verb.speaker.text == speaker
    quoted = [m for m in doc.mentions if m.voice == "direct_quote" and m.start > verb.start]
    assert all(m.speaker is not None and m.speaker.text == speaker for m in quoted)
    if verb_text == "lancer":  # the quotation's second sentence speaks for him too
        assert [m.text for m in quoted] == ["condamnable"]


def test_clitic_incise_inside_a_quotation_is_the_outlets(annotate_text):
    """'"P, note-t-il. Q"': the incise is the outlet's words (authorial), the
    quotation around it the speaker's."""
    doc = annotate_text(
        "Le commissaire Paul Morel a fait le point. \"C'est une vraie difficulté, note-t-il. "
        'Les émeutiers le savent."'
    )
    verb = _verb(doc, "note-t-il")
    assert verb.voice == "authorial"
    label = next(m for m in doc.mentions if m.text == "émeutiers")
    assert label.voice == "direct_quote"


def test_name_closing_a_coordinated_description_is_the_speaker(annotate_text):
    """'Sa compatriote et star du tennis Coco Martin a réagi': the speaker
    phrase stops at 'et'; the name right before the verb is the speaker."""
    doc = annotate_text("Sa compatriote et star du tennis Coco Martin a réagi dans une vidéo.")
    verb = _verb(doc, "a réagi")
    assert verb.speaker is not None and verb.speaker.text == "Coco Martin"


def test_a_weekday_before_a_described_subject_is_no_name_in_apposition(annotate_text):
    doc = annotate_text("Mercredi, la justice a annoncé l'ouverture d'une enquête sur le club.")
    verb = _verb(doc, "a annoncé")
    assert verb.speaker is not None and verb.speaker.text == "la justice"


def test_en_effet_is_no_inverted_subject(annotate_text):
    doc = annotate_text(
        "Comme le souligne en effet le quotidien régional, le château accueille peu de visiteurs."
    )
    verb = _verb(doc, "souligne")
    assert verb.speaker is not None and verb.speaker.text == "le quotidien régional"


def test_a_relative_speaker_leaves_out_the_fused_preposition(annotate_text):
    doc = annotate_text("Le témoin a été confronté au voisin qui affirme qu'il a reçu des menaces.")
    verb = _verb(doc, "affirme")
    assert verb.speaker is not None and verb.speaker.text == "voisin"


def test_pronominal_incise_finds_the_name_after_a_weekday(annotate_text):
    doc = annotate_text(
        "« Où est la morale ? », s'est interrogé mercredi Paul Morel, président de l'union."
    )
    verb = _verb(doc, "s'est interrogé")
    assert verb.speaker is not None and verb.speaker.text == "Paul Morel"


def test_titled_name_after_a_circumstance_is_the_inverted_subject(annotate_text):
    doc = annotate_text(
        "« Nous n'avons pas parlé de la campagne », a déclaré sur la radio Mme Morel. "
        "« On parle politique », a-t-elle dit."
    )
    assert _verb(doc, "a déclaré").speaker.text == "Mme Morel"
    assert _verb(doc, "a-t-elle dit").speaker.text == "Mme Morel"


def test_first_name_with_a_description_is_an_antecedent_wherever_it_hangs(annotate_text):
    doc = annotate_text(
        "À Nantes (Loire-Atlantique), Samira, aide-soignante, est confrontée au même problème. "
        "« Tout va mal », raconte-t-elle."
    )
    verb = _verb(doc, "raconte-t-elle")
    assert verb.speaker is not None and verb.speaker.text == "Samira"


def test_present_in_it_read_as_a_participle_keeps_its_subject(annotate_text):
    doc = annotate_text(
        "« C'est un désastre écologique », renchérit Karel Zeïnov, à la tête du centre. "
        "Le candidat de 45 ans décrit « des trottoirs encombrés », mais admet qu'aucun vol "
        "n'a été signalé."
    )
    assert _verb(doc, "renchérit").speaker.text == "Karel Zeïnov"
    assert _verb(doc, "décrit").speaker.text == "Le candidat de 45 ans"


def test_comme_le_rapporte_with_the_clitic_read_as_an_article(annotate_text):
    doc = annotate_text("Comme le rapporte Paris Match, le président n'a pas hésité à partir.")
    assert _verb(doc, "rapporte").speaker.text == "Paris Match"


def test_un_autre_speaks(annotate_text):
    doc = annotate_text(
        "« Il faut partir », a écrit un internaute. « Je reste », a répondu un autre."
    )
    assert _verb(doc, "a répondu").speaker.text == "un autre"


def test_a_participle_with_its_article_speaks(annotate_text):
    doc = annotate_text("« Il faut qu'on avance », a précisé l'ancienne élue.")
    verb = _verb(doc, "a précisé")
    assert verb.speaker is not None and verb.speaker.text == "l'ancienne élue"


def test_an_auxiliary_outside_the_quotation_is_no_auxiliary(annotate_text):
    doc = annotate_text(
        '"La situation reste fragile cet été", écrit le conseil scientifique dans son avis.'
    )
    verb = _verb(doc, "écrit")
    assert verb.speaker is not None and verb.speaker.text == "le conseil scientifique"


def test_a_parenthesis_between_dashes_keeps_subject_and_verb_together(annotate_text):
    doc = annotate_text(
        "Joint par la radio, le voisin - qui souhaite garder l'anonymat - raconte que le bus "
        "était plein."
    )
    verb = _verb(doc, "raconte")
    assert verb.speaker is not None and verb.speaker.text == "le voisin"


def test_un_proche_de_x_speaks(annotate_text):
    doc = annotate_text("« Il n'y a pas lieu de conclure », explique un proche de Laurent Dubois.")
    assert _verb(doc, "explique").speaker.text == "un proche de Laurent Dubois"


def test_titled_name_after_lors_de_is_the_inverted_subject(annotate_text):
    doc = annotate_text("« Le budget est tenu », a assuré lors d'une réunion publique M. Garnier.")
    assert _verb(doc, "a assuré").speaker.text == "M. Garnier"


def test_name_hung_on_fronted_time_words_is_the_subject(annotate_text):
    doc = annotate_text(
        "Mardi soir Jair Bolsonaro a rappelé que le président avait annoncé un traitement."
    )
    assert _verb(doc, "a rappelé").speaker.text == "Jair Bolsonaro"


def test_participle_after_an_incise_with_its_object_clitic(annotate_text):
    doc = annotate_text(
        'Les trois sauveteurs seront décorés, a annoncé le président, les qualifiant de "héros".'
    )
    assert _verb(doc, "qualifiant").speaker.text == "le président"


def test_first_name_glued_to_a_medium_after_its_preposition(annotate_text):
    doc = annotate_text(
        "« Quelle occasion manquée », a aussi déploré mardi sur Facebook Julien Marchand, "
        "dont le livre paraît demain."
    )
    assert _verb(doc, "a aussi déploré").speaker.text == "Julien Marchand"


def test_name_and_description_after_a_fronted_participle_phrase(annotate_text):
    doc = annotate_text(
        '"Choqué par la sévérité" de la sanction, Paul Morel, adjoint au maire, dénonce une '
        '"justice spectacle".'
    )
    assert _verb(doc, "dénonce").speaker.text == "Paul Morel"


def test_name_after_a_quote_and_colon_keeps_its_initial(annotate_text):
    doc = annotate_text(
        '"J’étais pris dans un engrenage": Jean-Luc B., 29 ans, a reconnu mardi qu’il '
        "n’était pas au concert."
    )
    assert _verb(doc, "a reconnu").speaker.text == "Jean-Luc B."


def test_a_speaker_phrase_runs_to_the_end_of_a_quoted_title(annotate_text):
    doc = annotate_text(
        "« Ce n'était pas une bonne idée », a révélé le présentateur de « Salut les amis ! » "
        "sur la chaîne."
    )
    assert _verb(doc, "a révélé").speaker.text == "le présentateur de « Salut les amis ! »"


def test_tous_alone_heads_a_speaker(annotate_text):
    doc = annotate_text(
        "Trois médecins ont témoigné devant les élus. Tous ont appelé les habitants à porter "
        "un masque."
    )
    assert _verb(doc, "ont appelé").speaker.text == "Tous"


def test_name_glued_to_a_fronted_circumstance_with_a_description(annotate_text):
    doc = annotate_text(
        "Ce mercredi lors d'une conférence de presse Paul Martin, préfet de la région, a assuré "
        "que l'édifice était entretenu."
    )
    assert _verb(doc, "a assuré").speaker.text == "Paul Martin"
