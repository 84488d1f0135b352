"""Voice attribution on invented articles parsed by the embedded model.

Each test writes a short invented text in a shape that misled the voice
decision on real wire copy and checks the voice (and speaker) the annotator
writes for one mention.
"""

from __future__ import annotations

import pytest


def _mention(annotated, text, category=None):
    hits = [
        m
        for m in annotated.mentions
        if m.text == text and (category is None or m.category == category)
    ]
    assert hits, f"no mention {text!r} in {[(m.text, m.category) for m in annotated.mentions]}"
    return hits[0]


def test_reporting_verb_inside_a_quote_is_the_speakers_words(annotate_text):
    doc = annotate_text(
        "« Les agents constatent que rien ne change », a déclaré le délégué syndical."
    )
    verb = _mention(doc, "constatent", "reporting_verb")
    assert verb.voice == "direct_quote"
    outer = _mention(doc, "a déclaré", "reporting_verb")
    assert outer.voice == "authorial"


def test_selon_is_the_outlets_cue_even_inside_reported_speech(annotate_text):
    doc = annotate_text(
        "Les deux hommes étaient armés, selon des images de surveillance, "
        "a déclaré le préfet de police."
    )
    selon = _mention(doc, "selon", "hedge")
    assert selon.voice == "authorial"


def test_bracketed_insertion_inside_a_quote_is_authorial(annotate_text):
    doc = annotate_text(
        "« Je salue le courage de sa mère (dont le fils a été tué par des terroristes, NDLR), "
        "une femme courageuse », a déclaré le député."
    )
    assert _mention(doc, "terroristes", "actor_label").voice == "authorial"
    assert _mention(doc, "courageuse").voice == "direct_quote"


def test_infinitive_complement_of_a_speech_verb_is_reported_speech(annotate_text):
    doc = annotate_text(
        "Le comité a appelé le gouvernement à cesser la répression contre les manifestants."
    )
    assert _mention(doc, "manifestants", "actor_label").voice == "indirect_speech"


def test_compound_infinitive_after_reprocher_is_reported_speech(annotate_text):
    doc = annotate_text("La sénatrice a reproché au préfet d'avoir cédé face aux émeutiers.")
    label = _mention(doc, "émeutiers", "actor_label")
    assert label.voice == "indirect_speech"
    assert label.speaker is not None and "sénatrice" in label.speaker.text


def test_agentless_accusation_stays_the_outlets_account(annotate_text):
    doc = annotate_text("Un jeune homme est accusé d'avoir blessé un passant pendant les émeutes.")
    assert _mention(doc, "émeutes", "event_label").voice == "authorial"


def test_subject_before_comma_is_no_incise(annotate_text):
    doc = annotate_text(
        "Les émeutiers, critiqués par la mairie, ont dénoncé samedi la présence de la police."
    )
    assert _mention(doc, "émeutiers", "actor_label").voice == "authorial"


def test_sentence_final_selon_after_a_comma_covers_the_sentence(annotate_text):
    doc = annotate_text(
        "Le nombre de manifestants a doublé samedi sur la place, où ils étaient "
        "plus de 3.000, selon la préfecture."
    )
    label = _mention(doc, "manifestants", "actor_label")
    assert label.voice == "indirect_speech"
    assert label.speaker is not None and label.speaker.text == "la préfecture"


def test_fronted_scene_setting_stays_authorial_under_final_selon(annotate_text):
    doc = annotate_text(
        "Après trois nuits d'émeutes dans la ville, le nombre de manifestants a doublé "
        "samedi, selon la préfecture."
    )
    assert _mention(doc, "émeutes", "event_label").voice == "authorial"
    assert _mention(doc, "manifestants", "actor_label").voice == "indirect_speech"


def test_selon_pictures_is_no_speaker(annotate_text):
    doc = annotate_text(
        "Des centaines de manifestants ont bloqué le pont samedi, selon des images amateur."
    )
    assert _mention(doc, "manifestants", "actor_label").voice == "authorial"


def test_pour_inside_a_clause_is_no_attribution(annotate_text):
    doc = annotate_text(
        "Sa réélection pour un cinquième mandat a déclenché des émeutes dans la capitale."
    )
    assert _mention(doc, "émeutes", "event_label").voice == "authorial"


def test_pour_x_opening_a_sentence_is_x_speaking(annotate_text):
    doc = annotate_text("Pour le syndicat, les émeutiers ont été laissés libres d'agir.")
    label = _mention(doc, "émeutiers", "actor_label")
    assert label.voice == "indirect_speech"
    assert label.speaker is not None and label.speaker.text == "le syndicat"


def test_pour_x_with_a_bracketed_acronym_in_its_apposition_is_x_speaking(annotate_text):
    doc = annotate_text(
        "Pour Claire Dubois, vice-présidente de l'Association des élus (ADE), les émeutiers "
        "ont été laissés libres d'agir. « Nous déplorons cette situation », a-t-elle affirmé."
    )
    label = _mention(doc, "émeutiers", "actor_label")
    assert label.voice == "indirect_speech"
    assert label.speaker is not None and label.speaker.text == "Claire Dubois"
    verb = _mention(doc, "a-t-elle affirmé", "reporting_verb")
    assert verb.speaker is not None and verb.speaker.text == "Claire Dubois"


def test_inverted_incise_with_a_speaker_apposition_covers_the_clause(annotate_text):
    doc = annotate_text(
        "Les forces de l'ordre ont trouvé deux blessés au sol, a déclaré le préfet, "
        "arrivé sur place peu après."
    )
    assert _mention(doc, "forces de l'ordre", "actor_label").voice == "indirect_speech"


def test_quote_in_the_speakers_own_phrase_is_not_their_words(annotate_text):
    doc = annotate_text(
        "L'ancien conseiller mis en examen pour « violences aggravées » a justifié son geste "
        "par la volonté d'aider les policiers."
    )
    assert _mention(doc, "violences", "event_label").voice == "scare_quote"


def test_long_quote_in_a_selon_sentence_is_the_sources(annotate_text):
    doc = annotate_text(
        "Selon le syndicat, les agents ont affronté « des émeutiers venus pour en découdre "
        "avec la police » samedi soir."
    )
    label = _mention(doc, "émeutiers", "actor_label")
    assert label.voice == "direct_quote"
    assert label.speaker is not None and label.speaker.text == "le syndicat"


def test_present_participle_reports_its_object_not_its_clause(annotate_text):
    doc = annotate_text(
        "Les manifestants distribuaient des tracts dans la gare, dénonçant la réforme."
    )
    assert _mention(doc, "manifestants", "actor_label").voice == "authorial"


def test_short_quote_in_a_misparsed_object_of_the_verb_is_the_speakers(annotate_text):
    doc = annotate_text(
        "Le ministre a réclamé mardi au cours d'un point presse une « riposte brutale » "
        "contre les casseurs."
    )
    quoted = _mention(doc, "brutale", "evaluative")
    assert quoted.voice == "direct_quote"
    assert quoted.speaker is not None and quoted.speaker.text == "Le ministre"
    assert _mention(doc, "casseurs", "actor_label").voice == "authorial"


def test_unclosed_quote_ends_before_its_inserted_verb(annotate_text):
    doc = annotate_text(
        'Le réseau doit "freiner les groupes violents, a déclaré la société. Le calme est revenu.'
    )
    verb = _mention(doc, "a déclaré", "reporting_verb")
    assert verb.voice == "authorial"


def test_que_clause_starts_at_its_que_whatever_the_parse(annotate_text):
    doc = annotate_text(
        "Li Wen, une responsable de la communication de la police, a affirmé lors d'une "
        "réunion publique que les émeutiers, qui restaient jusqu'alors dans la cour de "
        "la gare, étaient allés sur le quai."
    )
    label = _mention(doc, "émeutiers", "actor_label")
    assert label.voice == "indirect_speech"


def test_final_selon_with_a_pronoun_resolved_to_an_earlier_name(annotate_text):
    doc = annotate_text(
        "Le maire Paul Durand a visité la gare lundi. "
        "Les casseurs étaient déjà partis à son arrivée, selon lui."
    )
    label = _mention(doc, "casseurs", "actor_label")
    assert label.voice == "indirect_speech"


def test_long_aside_in_brackets_is_the_speakers_own(annotate_text):
    doc = annotate_text(
        "« Les conséquences peuvent être lourdes (des violences répétées contre les "
        "soignants, des départs en série), et nous le disons depuis longtemps », "
        "a déclaré la directrice."
    )
    assert _mention(doc, "violences", "event_label").voice == "direct_quote"


def test_quote_inside_an_editors_insertion_is_quoted_speech(annotate_text):
    doc = annotate_text(
        "« Je salue sa mère (qui a estimé hier que « la haine a gagné », NDLR), une femme "
        "courageuse », a déclaré le député."
    )
    assert _mention(doc, "haine").voice == "direct_quote"


def test_unclosed_quote_runs_past_an_inverted_incise(annotate_text):
    doc = annotate_text('"Le manque de moyens est réel, note-t-il. Les émeutiers le savent bien.')
    assert _mention(doc, "émeutiers", "actor_label").voice == "direct_quote"


def test_incise_followed_by_a_participle_still_covers_its_clause(annotate_text):
    doc = annotate_text(
        "Les enquêteurs cherchent encore l'origine précise du drame survenu au port, "
        "a-t-il ajouté, confirmant une information du quotidien local."
    )
    assert _mention(doc, "drame").voice == "indirect_speech"


def test_term_the_outlet_quotes_throughout_is_a_scare_quote(annotate_text):
    doc = annotate_text(
        "Les « casseurs » sont revenus samedi. Pour le syndicat, la mobilisation des "
        "« casseurs » a épuisé les forces de l'ordre."
    )
    labels = [m for m in doc.mentions if m.text == "casseurs"]
    assert labels and all(m.voice == "scare_quote" for m in labels)


def test_passive_speech_verb_does_not_claim_a_quote_in_its_circumstances(annotate_text):
    doc = annotate_text(
        "Le débat promis par le gouvernement en réponse à la colère des « émeutiers » "
        "n'a pas eu lieu."
    )
    assert _mention(doc, "émeutiers", "actor_label").voice == "scare_quote"


def test_pour_with_a_reason_is_no_attribution(annotate_text):
    doc = annotate_text("Pour cette raison, les émeutiers ont été dispersés avant la nuit.")
    assert _mention(doc, "émeutiers", "actor_label").voice == "authorial"


def test_term_quoted_throughout_stays_the_speakers_when_the_verb_takes_it(annotate_text):
    doc = annotate_text(
        "Le ministre parle d'« émeutiers ». Les « émeutiers » sont repartis samedi."
    )
    first = next(m for m in doc.mentions if m.text == "émeutiers")
    assert first.voice == "direct_quote"


def test_short_quote_in_a_selon_sentence_is_the_sources(annotate_text):
    doc = annotate_text("Selon le préfet, les « casseurs » venaient de la banlieue.")
    label = _mention(doc, "casseurs", "actor_label")
    assert label.voice == "direct_quote"
    assert label.speaker is not None and label.speaker.text == "le préfet"


def test_short_quote_glued_to_the_previous_one_continues_it(annotate_text):
    doc = annotate_text(
        "L'ancien ministre a déclaré dimanche : « Quand on invite toujours les mêmes "
        "provocateurs sur cette antenne depuis des années et des années », "
        "« alors on abdique »."
    )
    verb = _mention(doc, "abdique")
    assert verb.voice == "direct_quote"


def test_verb_after_its_own_subject_is_no_incise(annotate_text):
    doc = annotate_text(
        "Après une nuit d'émeutes, le quartier est calme. Certains manifestants crient "
        "« Démission ! » devant la mairie."
    )
    assert _mention(doc, "émeutes", "event_label").voice == "authorial"


def test_quoted_heading_repeated_in_a_later_quote_is_that_speakers(annotate_text):
    doc = annotate_text(
        "Le convoi a été attaqué lundi.- « Lourd tribut » -Depuis janvier, douze soldats "
        "sont morts. « Ce lourd tribut payé par nos troupes ne les arrête pas », a déclaré "
        "la ministre."
    )
    heading = next(m for m in doc.mentions if m.text == "Lourd tribut")
    assert heading.voice == "direct_quote"
    assert heading.speaker is not None and heading.speaker.text == "la ministre"


def test_dash_heading_picking_up_an_earlier_quote_is_that_speakers(annotate_text):
    # a few words around the quotation, and the quote it repeats comes before it
    doc = annotate_text(
        "« Nous mettons des moyens », a insisté le maire, mettant en garde contre toute "
        "« solution magique ».- Pas de « solution magique » -Devant les élus, le maire a "
        "encore parlé des horaires de la piscine."
    )
    heading = [m for m in doc.mentions if m.text == "magique"][-1]
    assert heading.voice == "direct_quote"
    assert heading.speaker is not None and heading.speaker.text == "le maire"


def test_quote_right_before_selon_is_the_sources(annotate_text):
    # not the speaker of the sentence before, whatever part the parser hung "selon" on
    doc = annotate_text(
        "Le congé « n'est possible qu'en cas de danger grave », a répondu leur ministre. "
        "\"S'agissant des gendarmes, ils ne peuvent s'en prévaloir puisque leur mission "
        'est par nature dangereuse, ils le savent", selon Paul Vidal.'
    )
    word = _mention(doc, "dangereuse")
    assert word.voice == "direct_quote"
    assert word.speaker is not None and word.speaker.text == "Paul Vidal"


def test_quoted_heading_continuing_an_earlier_quote_goes_to_its_later_speaker(annotate_text):
    doc = annotate_text(
        "Selon lui, il avait le profil d'un « déséquilibré ». Ce n'est pas un terroriste, "
        "c'est un homme qui a craqué\"Dans le quartier, les voisins sont inquiets. "
        "« On dit n'importe quoi, ce n'est pas un terroriste, c'est un homme qui a craqué », "
        "a estimé Paul, un voisin."
    )
    first = next(m for m in doc.mentions if m.text == "terroriste")
    assert first.voice == "direct_quote"
    assert first.speaker is not None and "Paul" in first.speaker.text


def test_quote_after_a_name_and_a_colon_is_that_persons(annotate_text):
    doc = annotate_text(
        "Plusieurs élus ont partagé la même vidéo, parmi lesquels le député Paul Morel : "
        "« Comme d'habitude, la fête a été gâchée par des voyous ». Un terme repris "
        "également par la présidente de la région, Anne Roux."
    )
    voyous = _mention(doc, "voyous")
    assert voyous.voice == "direct_quote"
    assert voyous.speaker is not None and voyous.speaker.text == "Paul Morel"


def test_quote_on_the_noun_of_a_speech_participle_is_the_agents(annotate_text):
    doc = annotate_text(
        "Pour les soignants, le « plan massif » annoncé par la ministre Anne Roux "
        "en mars n'a jamais vu le jour."
    )
    massif = _mention(doc, "massif")
    assert massif.voice == "direct_quote"
    assert massif.speaker is not None and "Roux" in massif.speaker.text


def test_fronted_alors_que_clause_is_not_the_speech_verbs_content(annotate_text):
    doc = annotate_text(
        "Alors que le débat sur les violences policières est revenu au coeur de "
        "l'actualité, elle déplore que le nom de son fils soit oublié."
    )
    assert _mention(doc, "violences").voice == "authorial"


def test_reduced_passive_after_a_comma_is_no_incise_over_the_clause(annotate_text):
    doc = annotate_text(
        "Les manifestants exigent le départ du directeur, accusé d'inaction depuis des mois."
    )
    assert _mention(doc, "manifestants", "actor_label").voice == "authorial"


def test_judged_adjective_hung_on_the_noun_is_the_agents_judgement(annotate_text):
    doc = annotate_text(
        "Des règles jugées aujourd'hui insuffisantes par la présidente du syndicat "
        "ont été adoptées."
    )
    judged = _mention(doc, "insuffisantes", "evaluative")
    assert judged.voice == "indirect_speech"
    assert judged.speaker is not None and judged.speaker.text == "la présidente du syndicat"


def test_quote_after_a_colon_belongs_to_the_clause_subject(annotate_text):
    doc = annotate_text(
        "Le chanteur Paul Morel est revenu sur la polémique. Il a présenté ses excuses avec "
        'émotion : "J\u2019ai compris que ça avait pu choquer. C\u2019était nul."'
    )
    quoted = _mention(doc, "choquer", "evaluative")
    assert quoted.voice == "direct_quote"
    assert quoted.speaker is not None and quoted.speaker.text.endswith("Paul Morel")


@pytest.mark.parametrize(
    "sentence",
    [
        "Le ministre a appelé les « gilets jaunes » au calme.",  # a speech verb's object
        "Le préfet a estimé que les « gilets jaunes » resteraient chez eux.",  # reported speech
    ],
)
def test_group_name_the_article_quotes_again_stays_a_scare_quote(annotate_text, sentence):
    """A group's name the outlet puts in quotation marks wherever it uses it is its
    own distance, not a speaker's words, even inside what a speaker says."""
    doc = annotate_text(f"Les « gilets jaunes » ont défilé samedi. {sentence}")
    labels = [m for m in doc.mentions if m.text == "gilets jaunes"]
    assert len(labels) == 2
    assert [m.voice for m in labels] == ["scare_quote", "scare_quote"]
    assert all(m.speaker is None for m in labels)


def test_relative_speech_verb_after_a_comma_is_no_incise(annotate_text):
    """'… aux manifestants, qu'il a qualifiés de « voyous »': a relative clause,
    not an inverted incise over the clause before it."""
    doc = annotate_text(
        "La querelle oppose le maire aux manifestants, qu'il a qualifiés de « voyous »."
    )
    label = next(m for m in doc.mentions if m.text == "manifestants")
    assert label.voice == "authorial" and label.speaker is None


def test_capitalized_verbless_judgement_is_an_adjective_in_its_holders_voice(annotate_text):
    """'"…"Impensable pour la préfète.': the tagger takes the capitalized first
    word of a verbless sentence for a name; it is read as the adjective it is
    (an evaluative mention) and given for the préfète (her view)."""
    doc = annotate_text('"Nous voulons un référendum local."Impensable pour la préfète.')
    mention = next(m for m in doc.mentions if m.text == "Impensable")
    assert mention.category == "evaluative"
    assert mention.voice == "indirect_speech"
    assert mention.speaker is not None and mention.speaker.text == "la préfète"


@pytest.mark.parametrize(
    "text",
    [
        "Paul Morel revient chaque été au village. « Quel bonheur de revenir ici, "
        "confie-t-il. Je refuse toute cette violence. »",
        "« Il va falloir faire preuve de fermeté, explique Paul Morel. Mais la violence ne "
        "passera pas. »",
    ],
)
def test_incise_inside_a_quotation_gives_it_its_speaker(annotate_text, text):
    """'« P, confie-t-il. Q »': the outlet's incise inside the quotation marks makes
    the whole quotation, both sides of it, that speaker's words."""
    doc = annotate_text(text)
    quoted = [m for m in doc.mentions if m.voice == "direct_quote"]
    assert quoted and all(m.text in ("bonheur", "violence", "fermeté") for m in quoted)
    assert all(m.speaker is not None and m.speaker.text == "Paul Morel" for m in quoted)


def test_incise_after_the_closing_mark_reports_the_quotation(annotate_text):
    """'… », a-t-il précisé. « P (...) Q », a-t-il ajouté': the incise right after
    the closing mark reports the quotation, however near the verb before it ends."""
    doc = annotate_text(
        "Les deux jeunes veulent être entendus. « Ils veulent être reconnus comme "
        "victimes », a-t-il précisé. « Mes clients ne sont pas des casseurs (...) Ils "
        "n'étaient pas venus se battre », a-t-il ajouté."
    )
    label = next(m for m in doc.mentions if m.text == "casseurs")
    assert label.cue is not None and label.cue.text == "a-t-il ajouté"
    first = next(m for m in doc.mentions if m.text == "victimes")
    assert first.cue is not None and first.cue.text == "a-t-il précisé"


def test_stop_inside_the_marks_keeps_a_partial_quote_in_its_reported_speech(annotate_text):
    """'… estimant qu'il n'y avait eu « ni violences ni pillages. »': the stop inside
    the marks hangs on the main verb, but the quoted words are the participle's
    reported speech, not the next sentence's speaker's."""
    doc = annotate_text(
        "La chaîne a diffusé le témoignage d'un voisin estimant qu'il n'y avait eu « ni "
        "violences ni pillages. » Le maire conteste cette version."
    )
    for text in ("violences", "pillages"):
        mention = next(m for m in doc.mentions if m.text == text)
        assert mention.cue is not None and mention.cue.text == "estimant"
        assert mention.speaker is not None and mention.speaker.text == "un voisin"
