"""Which speech-verb occurrences introduce speech, and who speaks: the sense
filters (``not_speech`` rules) and the subject misreadings of the attribution
rules, and the speaker repairs of the document-level pass, on invented
sentences parsed by the embedded model."""

from __future__ import annotations

import pytest


def _verbs(annotated):
    return [m for m in annotated.mentions if m.category == "reporting_verb"]


def _verb(annotated, text):
    hits = [m for m in _verbs(annotated) if m.text == text]
    assert hits, f"no reporting verb {text!r} in {[m.text for m in _verbs(annotated)]}"
    return hits[0]


def _speaker(annotated, text):
    verb = _verb(annotated, text)
    return verb.speaker.text if verb.speaker is not None else None


# -- senses that are no speech ----------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Il est déclaré mort à deux heures du matin.",  # a status pronounced
        "Le club lyonnais s'est qualifié pour la finale de la coupe.",  # qualifying
        "Vers minuit, la voisine appelle la police.",  # a phone call
        "Le candidat a salué une foule de partisans depuis son bus.",  # a greeting
        "Des centaines de personnes ont protesté dimanche contre la fermeture de l'usine.",
        "Des empreintes ont été relevées sur la portière du véhicule.",  # a trace taken
        "Il conteste les faits qui lui sont reprochés.",  # the charges
        "L'application prévient les usagers dès qu'une alerte est lancée.",  # a device
        "C'est une réponse à ceux qui pensent que tout s'achète.",  # people in general
        "Le contenu du texte, qui n'a pas été révélé, sera débattu lundi.",  # no speech act
        "Deux gendarmes, qui assurent la surveillance du site, patrouillent.",  # a task
        "L'entreprise utilise et développe ses capacités en matière de robots.",  # building
        "Un jeune joueur promis à un bel avenir a signé son premier contrat.",  # destined
        "Il en prend deux chaque matin.",  # taking some
        "Les gendarmes ont interrogé le chauffeur pendant trois heures.",  # questioning
        "Les petits ont été réveillés en pleurant, criant, puis sont venus me voir.",
        "Le blocage de la raffinerie se poursuit depuis lundi.",  # going on
        "Les pourparlers se sont poursuivis tard dans la soirée.",
        "Après l'incendie, le village devra se relever seul.",  # getting back up
        "Il convient cependant de rester prudent sur ces estimations.",  # advisable
        "La blogueuse Anong Saetang, dite « Lotus », a été interpellée.",  # a nickname
        "La préfecture a publié des images de la manifestation.",  # pictures
        "Le nouveau moteur développe 420 chevaux.",  # power
        "Le kit garantit une puissance accrue au cabriolet.",  # a product's promise
        "Un prêt garanti par l'État sera versé à l'usine.",  # a loan guarantee
        "Trouver un médecin traitant devient difficile dans le canton.",  # handling
        "Le nouveau service répond aux besoins des familles.",  # meeting a need
        "Ces camions ne répondent plus aux normes de sécurité.",  # a standard
        # a speaker's own first-person verbs (CONVENTIONS.md)
        "« Je crois que le pont tiendra encore longtemps. »",
        "« Au début, je me suis dit que la digue tiendrait. »",
        "« Nous considérons que cette taxe est injuste. »",
    ],
)
def test_no_speech_sense(annotate_text, text):
    doc = annotate_text(text)
    wrong = [m.text for m in _verbs(doc) if m.text not in ("conteste",)]
    assert wrong == [], f"{text!r}: {wrong}"


@pytest.mark.parametrize(
    ("text", "verb"),
    [
        ("Le syndicat appelle les salariés à la grève.", "appelle"),
        ("Le candidat a salué la décision du tribunal.", "a salué"),
        ("Le syndicat a protesté contre la décision du préfet.", "a protesté"),
        ("Le ministre a assuré que la surveillance du site serait renforcée.", "a assuré"),
        ("La candidate a développé ses propositions devant la presse.", "a développé"),
        ("La sénatrice s'en prend également au directeur de l'agence.", "s'en prend"),
        ("Les infirmiers s'inquiètent d'un calendrier trop serré.", "s'inquiètent"),
        ("La sénatrice s'interroge sur le coût réel du projet.", "s'interroge"),
        ("Le policier qui s'en était pris aux lycéens a été identifié.", "s'en était pris"),
        ("Ils couraient dans la rue en criant « liberté ».", "criant"),
        ("Le collectif remet en cause les chiffres du ministère.", "remet en cause"),
        ("« Nous tiendrons jusqu'au bout », a-t-il développé.", "a-t-il développé"),
        ("La députée développe : « Au début, j'ai eu peur. »", "développe"),
        ("Le ministre a garanti que les salaires seraient versés.", "a garanti"),
        ("Les internautes traitant le chanteur de « fou » se sont multipliés.", "traitant"),
        ("Le ministre a répondu aux questions des sénateurs.", "a répondu"),
        # first person as object, or in the quotation before the incise
        ("« Il nous a dit que rien n'était décidé. »", "a dit"),
        ("« Nous en avons assez », a poursuivi le capitaine de l'équipe.", "a poursuivi"),
        ("Me Louis Carrel a relevé « un point de déception ».", "a relevé"),
        ("« Nous avons été mis en cause par le ministre. »", "avons été mis en cause"),
    ],
)
def test_speech_sense_kept(annotate_text, text, verb):
    _verb(annotate_text(text), verb)


def test_infinitive_inside_a_speech_verb_is_its_content(annotate_text):
    doc = annotate_text("Le président a promis de réagir avec fermeté.")
    assert [m.text for m in _verbs(doc)] == ["a promis"]


def test_on_inside_a_quotation_is_no_source(annotate_text):
    doc = annotate_text(
        '"Les violences qu\'on évoque ont plusieurs formes", a déclaré le ministre.'
    )
    assert [m.text for m in _verbs(doc)] == ["a déclaré"]


# -- speech the parser's misreadings hid --------------------------------------


def test_pronoun_read_as_impersonal_is_the_speaker(annotate_text):
    doc = annotate_text(
        "Le maire Paul Morel est arrivé à midi. Il a indiqué que de nouvelles mesures "
        "seraient prises lundi."
    )
    assert _speaker(doc, "a indiqué") == "Le maire Paul Morel"


def test_pronoun_read_as_impersonal_speaks_for_its_participle(annotate_text):
    doc = annotate_text(
        "Le sénateur Luc Blanc a voté contre. Il a depuis fait volte-face, affirmant "
        "que les trottinettes devraient être tolérées."
    )
    assert _speaker(doc, "affirmant") == "Le sénateur Luc Blanc"


def test_active_subject_read_as_passive(annotate_text):
    doc = annotate_text("Oslo a aussitôt mis en garde Madrid contre un décret jugé risqué.")
    assert _speaker(doc, "a aussitôt mis en garde") == "Oslo"


def test_subject_named_in_quotation_marks(annotate_text):
    doc = annotate_text(
        'La fête a eu lieu, bien que des "bonnets rouges" avaient appelé sur Twitter '
        "à boycotter le festival."
    )
    assert _speaker(doc, "avaient appelé") == "bonnets rouges"


def test_faire_remarquer_incise(annotate_text):
    doc = annotate_text(
        '"Les dons arrivent de partout", fait remarquer la présidente de l\'association.'
    )
    verb = next(m for m in _verbs(doc) if "remarquer" in m.text)
    assert verb.speaker is not None and "présidente" in verb.speaker.text


def test_mettre_en_cause_passive(annotate_text):
    doc = annotate_text("L'efficacité du dispositif avait été mise en cause après l'attentat.")
    verb = _verb(doc, "avait été mise en cause")
    assert verb.entry == "verb.mettre_en_cause" and verb.speaker is None


def test_mettre_en_garde_with_an_adverb(annotate_text):
    doc = annotate_text(
        '"Rien n\'est réglé", a prévenu le maire, mettant toutefois en garde contre tout '
        "excès d'optimisme."
    )
    assert _speaker(doc, "mettant toutefois en garde") == "le maire"


def test_accused_participle_has_no_speaker(annotate_text):
    doc = annotate_text("Accusé d'avoir menti aux enquêteurs, le maire se défend.")
    assert _verb(doc, "Accusé").speaker is None


def test_purpose_infinitive_under_a_verb_read_as_passive(annotate_text):
    doc = annotate_text("Des habitants sont descendus dans la rue pour exprimer leur colère.")
    assert _speaker(doc, "exprimer") == "Des habitants"


def test_incise_hung_as_adverbial_clause(annotate_text):
    doc = annotate_text(
        '"Il n\'y aura pas de rassemblement, pas de prière, pas de marché", a déclaré à '
        "l'AFP Paul Morel, un responsable local."
    )
    assert _speaker(doc, "a déclaré") == "Paul Morel"


# -- speaker repairs ---------------------------------------------------------


def test_subject_that_disagrees_with_the_incise(annotate_text):
    doc = annotate_text(
        "Tous ces supporters, dont trois mineurs, étaient mardi matin au commissariat, a "
        "précisé une source policière."
    )
    assert _speaker(doc, "a précisé") == "une source policière"


def test_name_after_a_rank(annotate_text):
    doc = annotate_text(
        '"Cette opération était risquée", a commenté le chef d\'état-major, le général Paul Morel.'
    )
    assert _speaker(doc, "a commenté") == "Paul Morel"


def test_name_after_a_description_before_the_verb(annotate_text):
    doc = annotate_text("Le ministre de l'Intérieur, Jean Castel a salué la mémoire du gendarme.")
    assert _speaker(doc, "a salué") == "Jean Castel"


def test_relative_joined_by_et_describes_the_person(annotate_text):
    doc = annotate_text(
        '"Nous ne céderons pas", a déclaré Paul Vidal, président de l\'association des '
        "amis du parc et qui réclame une enquête."
    )
    assert _speaker(doc, "réclame") == "Paul Vidal"


def test_named_person_beside_a_description_is_an_antecedent(annotate_text):
    doc = annotate_text(
        "Les apiculteurs ont reçu l'aide de la présidente du conseil départemental "
        'de la Lozère Claire Dubois. "La forêt restera muette", a-t-elle écrit.'
    )
    assert _speaker(doc, "a-t-elle écrit") == "Claire Dubois"


def test_narrative_infinitive(annotate_text):
    doc = annotate_text(
        "Et la ministre des Sports de considérer que ce projet nourrit la méfiance."
    )
    assert _speaker(doc, "considérer") == "la ministre des Sports"


def test_causative_incise_read_as_participle(annotate_text):
    doc = annotate_text(
        "\"C'est incroyable, nous recevons des lettres de partout, même du "
        'Canada", fait remarquer la trésorière du club.'
    )
    assert _speaker(doc, "fait remarquer") == "la trésorière du club"


def test_pronominal_agacer_is_speech_transitive_is_not(annotate_text):
    doc = annotate_text("Paris s'était ouvertement agacé d'un soutien trop timide.")
    assert _speaker(doc, "s'était ouvertement agacé") == "Paris"
    assert _verbs(annotate_text("Cette décision a agacé les élus de la majorité.")) == []


def test_mettre_en_doute_passive_with_agent(annotate_text):
    doc = annotate_text("Sa fiabilité a été mise en doute par plusieurs experts.")
    verb = _verb(doc, "a été mise en doute")
    assert verb.entry == "verb.mettre_en_doute" and verb.speaker.text == "plusieurs experts"


def test_incise_inside_the_quotation_marks_is_the_outlets(annotate_text):
    doc = annotate_text(
        "Le maire Alain Roux réclame une enquête. \"Je souhaite qu'on n'en parle plus, "
        "lance Eric Martin, un éleveur dont trois chèvres ont disparu depuis mars. C'est un "
        'dossier très délicat". "Cette prime est une honte", peste-t-il.'
    )
    lance = _verb(doc, "lance")
    assert lance.voice == "authorial" and lance.speaker.text == "Eric Martin"
    assert _speaker(doc, "peste-t-il") == "Eric Martin"


def test_inverted_subject_after_a_dative_with_des(annotate_text):
    doc = annotate_text(
        '"Le téléphone était actif au moment de l\'intervention", ont affirmé lundi à '
        "l'AFP des sources proches du dossier, confirmant une information du journal local."
    )
    assert _speaker(doc, "ont affirmé") == "des sources proches du dossier"
    assert _speaker(doc, "confirmant") == "des sources proches du dossier"


def test_participle_after_an_object_speaks_for_it(annotate_text):
    doc = annotate_text(
        "Beaucoup brandissaient des pancartes suggérant que les nouvelles règles servaient "
        'à "surveiller les habitants".'
    )
    assert _speaker(doc, "suggérant") == "des pancartes"


def test_subject_pronouns_carry_the_source_through_sentences(annotate_text):
    doc = annotate_text(
        "Le maire Paul Morel a dénoncé la fermeture de l'usine. Il a visité le site lundi. "
        "Il a rencontré les salariés. Il a déjeuné avec les délégués. Il a visité la cantine. "
        "Il a rencontré le directeur. Il a quitté le site vers midi. Il a pris le train pour "
        'Paris. "Nous ne lâcherons rien", a-t-il ajouté.'
    )
    assert _speaker(doc, "a-t-il ajouté") == "Le maire Paul Morel"


def test_source_of_selon_gives_way_to_the_subject_going_on(annotate_text):
    doc = annotate_text(
        '"La confiance est essentielle", a tweeté le Premier ministre Jean Castel. À la '
        "caserne, il a discuté longuement avec des pompiers, selon Matignon. "
        "Il a ensuite rappelé la détermination du gouvernement."
    )
    assert _speaker(doc, "a ensuite rappelé") == "le Premier ministre Jean Castel"


def test_conjunct_of_a_pronominal_verb_shares_its_subject(annotate_text):
    doc = annotate_text(
        "Les syndicats policiers s'alarment depuis des semaines du manque de masques et "
        "s'offusquent des règles fixées par la direction."
    )
    assert _speaker(doc, "s'offusquent") == "Les syndicats policiers"
    assert _verbs(annotate_text("Les documents ont été saisis et critiqués.")) == []


def test_event_as_subject_of_proof_is_no_source(annotate_text):
    doc = annotate_text("La situation exige une réponse rapide du gouvernement.")
    assert _verbs(doc) == []
    _verb(annotate_text("Le rapport prouve que les effectifs manquaient."), "prouve")


def test_attribute_of_se_dire_is_reported_speech(annotate_text):
    doc = annotate_text(
        "Accusé de pressions sur une policière, le ministre Paul Morel se dit victime d'une "
        "campagne de rumeurs et a promis de répondre."
    )
    victim = next(m for m in doc.mentions if m.text == "victime")
    assert victim.voice == "indirect_speech" and victim.speaker.text == "le ministre Paul Morel"


def test_accusing_verb_gives_its_object_the_infinitive(annotate_text):
    doc = annotate_text("L'opposition reproche au ministre de s'en prendre aux syndicats.")
    assert "ministre" in (_speaker(doc, "s'en prendre") or "")


def test_judged_participle_is_speech_with_the_judge_of_the_speech_verb(annotate_text):
    doc = annotate_text("Les infirmiers dénoncent des horaires jugés intenables.")
    assert _speaker(doc, "jugés") == "Les infirmiers"
    adjective = [m for m in doc.mentions if m.text == "intenables"]
    assert not adjective or adjective[0].voice == "indirect_speech"


def test_judged_participle_without_a_judge_has_no_speaker(annotate_text):
    doc = annotate_text("Une taxe jugée injuste a été adoptée hier soir.")
    assert _speaker(doc, "jugée") is None


def test_court_verdict_participle_is_no_speech(annotate_text):
    doc = annotate_text("Un homme jugé coupable de vol a été libéré.")
    assert [m.text for m in _verbs(doc)] == []


def test_participle_hung_on_a_time_word_describes_the_noun_above(annotate_text):
    doc = annotate_text(
        "Des articles parus la veille remettant en cause son témoignage ont été retirés."
    )
    assert _speaker(doc, "remettant en cause") == "Des articles"


@pytest.mark.parametrize(
    ("text", "verb"),
    [
        ("« La lutte continue », poursuit la porte-parole.", "poursuit"),
        ("Le préfet a convenu que le dispositif était insuffisant.", "a convenu"),
        ("La blogueuse a dit qu'elle ne quitterait pas le pays.", "a dit"),
    ],
)
def test_speech_senses_beside_the_non_speech_ones(annotate_text, text, verb):
    _verb(annotate_text(text), verb)


def test_se_defendre_de_is_denying(annotate_text):
    doc = annotate_text(
        "La mairie, qui se défend d'avoir cédé aux pressions, maintient le projet. "
        "C'est une accusation dont le gouvernement se défend."
    )
    speakers = [m.speaker.text if m.speaker else None for m in _verbs(doc) if m.text == "se défend"]
    assert speakers == ["La mairie", "le gouvernement"]


def test_se_defendre_alone_is_no_speech(annotate_text):
    doc = annotate_text("Le gardien s'est défendu avec un bâton.")
    assert _verbs(doc) == []


def test_adresser_a_message_is_speech(annotate_text):
    doc = annotate_text("Le syndicat a adressé une lettre ouverte au ministre de la Santé.")
    assert _speaker(doc, "a adressé") == "Le syndicat"


def test_avant_de_speech_verb_before_a_colon_speaks_with_the_main_subject(annotate_text):
    doc = annotate_text(
        "La maire a remercié les pompiers, avant d'ajouter : « Nous reconstruirons l'école. »"
    )
    assert _speaker(doc, "ajouter") == "La maire"


@pytest.mark.parametrize(
    ("text", "verb", "speaker"),
    [
        pytest.param(
            "La mairie a condamné « le déferlement de haine » visant son adjoint et annoncé "
            "des poursuites.",
            "annoncé",
            "La mairie",
            id="participle-after-et-shares-the-main-auxiliary",
        ),
        pytest.param(
            "Le ministère a confirmé que des soldats avaient été blessés sans en préciser le "
            "nombre et annoncé que des renforts arrivaient.",
            "préciser",
            "Le ministère",
            id="sans-infinitive-on-a-reported-passive",
        ),
        pytest.param(
            "Le ministère a confirmé que des soldats avaient été blessés sans en préciser le "
            "nombre et annoncé que des renforts arrivaient.",
            "annoncé",
            "Le ministère",
            id="participle-after-et-under-a-sans-infinitive",
        ),
    ],
)
def test_elided_auxiliary_and_sans_infinitive_speak_for_the_main_subject(
    annotate_text, text, verb, speaker
):
    assert _speaker(annotate_text(text), verb) == speaker
