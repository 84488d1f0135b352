"""Document-level speaker resolution: who is speaking, read across the article.

A sentence-level rule binds a speech verb to the word the parser hung on it as
subject. On real wire copy that word is often not the speaker: the parser
takes a time expression, a dative ("a confirmé à la radio le Dr X"), or a word of
the quotation for the subject of an inverted incise; a participle that
introduces speech ("..., ajoutant que P") has no subject of its own; a name
stands in apposition to a description ("l'avocate de la famille, Me Louise Garnier");
and "il", "elle" or "ce dernier" stand for a source named earlier in the
article. This pass runs after every sentence has its speech events and fixes
the speaker of each, in reading order, so a resolved pronoun can serve as the
antecedent of the next one ("still the one speaking").

The conventions followed are those of the project's gold annotations: a
speaker is never a time expression, a place or dative, a quote fragment or a
span crossing a quotation mark; a pronoun resolves to the nearest earlier
non-pronominal mention of a compatible source; a name in apposition is the
speaker.
"""

from __future__ import annotations

from dataclasses import replace

from framing.annotation.appositions import apposition
from framing.annotation.glued_incises import GLUED_INCISE
from framing.annotation.participles import (
    is_participle_event,
    main_clause_subject,
    repair_participle,
    repair_passive,
)
from framing.annotation.phrases import (
    INVERTED_CLITIC,
    NAME_TITLES,
    SpeechEvent,
    speaker_span,
    subtree,
    verb_group,
)
from framing.annotation.pronouns import (
    PRONOUN_WINDOW,
    Source,
    first_name_gender,
    resolve_pronoun,
    sources_of,
    subject_pronoun_sources,
)
from framing.annotation.relatives import (
    coordinated_relative_antecedent,
    misattached_relative_antecedent,
    relative_antecedent_by_number,
)
from framing.annotation.rules import SentenceGraph
from framing.annotation.speaker_graph import (
    SpeakerContext,
    follows_quote,
    has_function_word,
    has_oblique_case,
    is_incise,
    is_object,
    is_participle_cue,
    is_time,
    name_head,
    nominal_head,
    opens_after_comma,
    quote_fragment,
    set_speaker,
    split_auxiliary,
    trim_speaker,
    valid_speaker,
    word_before_auxiliaries,
)
from framing.types import TextSpan, Word

__all__ = ["SpeakerContext", "resolve_speakers"]


# Nouns of idioms with "pour" that name no source ("pour sa part", "pour
# l'instant", "pour exemple").
_IDIOM_NOUNS = frozenset({"part", "instant", "exemple", "mémoire", "rappel", "comparaison"})


# Relations under which an inverted subject may hang on the speech verb when
# the parser misreads it.
_INVERTED_RELATIONS = frozenset(
    {"nsubj", "nsubj:pass", "obj", "obl", "obl:arg", "obl:mod", "iobj", "nmod", "appos", "dep"}
)


def resolve_speakers(context: SpeakerContext, events: list[SpeechEvent]) -> list[SpeechEvent]:
    """Fix each event's speaker in reading order (see the module docstring);
    returns the events that remain speech events (a "pour" + time phrase is
    not one)."""
    dropped: set[int] = set()
    sources: list[Source] = []
    by_sentence: dict[int, list[SpeechEvent]] = {}
    for event in events:
        by_sentence.setdefault(event.sentence, []).append(event)
    for index in sorted(context.graphs):
        graph = context.graphs[index]
        sentence_events = by_sentence.get(index, [])
        for event in sorted(sentence_events, key=lambda e: is_participle_event(graph, e)):
            if event.kind == "selon" and _names_no_source(event.speaker_word):
                dropped.add(id(event))  # "Pour la première fois", "pour sa part"
            elif event.kind != "selon":
                _repair_speaker(context, graph, event, sentence_events)
            if _is_first_or_second_person(event) or _quoted_on(context, graph, event):
                dropped.add(id(event))  # "nous saluons": a speaker on their own speech
            elif event.speaker is not None:
                if graph.words.get(event.speaker_word.id) is event.speaker_word:
                    # not a speaker carried over from the sentence before ("Et
                    # d'évoquer P, estimant que Q": the participle goes on with
                    # the infinitive's speaker, already whole)
                    apposition(context, graph, event)
                    event.speaker = trim_speaker(
                        context.text, graph, event.speaker_word, event.speaker
                    )
            else:
                _continue_previous(
                    graph,
                    event,
                    by_sentence.get(index - 1, []),
                    context,
                    context.graphs.get(index - 1),
                )
        sentence_sources = sources_of(context, graph, by_sentence.get(index, []))
        for event in sorted(
            (e for e in sentence_events if _speaker_in(graph, e)), key=lambda e: e.speaker.start
        ):
            earlier = [s for s in sources + sentence_sources if s.start < event.speaker.start]
            resolved = resolve_pronoun(context, graph, event, earlier)
            if resolved is not None:
                sentence_sources.append(resolved)
        spoken = {e.pronoun.start for e in sentence_events if e.pronoun is not None}
        sentence_sources += subject_pronoun_sources(context, graph, sources, spoken)
        sources.extend(sentence_sources)
        sources = [s for s in sources if index - s.sentence <= PRONOUN_WINDOW]
    kept = [e for e in events if id(e) not in dropped]
    _reduced_passives_in_content(context, kept)
    return kept


def _reduced_passives_in_content(context: SpeakerContext, events: list[SpeechEvent]) -> None:
    """A reduced speech participle with no agent inside someone's reported
    words ("… pour exiger le départ du directeur, accusé de négligence", "Pour
    les soignants, … les plans du gouvernement, jugés insuffisants"): the one
    reporting them accuses or judges, so it is their speaker."""
    for event in events:
        graph = context.graphs.get(event.sentence)
        if event.speaker is not None or graph is None:
            continue
        cue = graph.words.get(event.cue_word)
        if cue is None or cue.deprel != "acl" or cue.feat("VerbForm") != "Part":
            continue
        if cue.feat("Tense") != "Past":
            continue
        key = (event.sentence, event.cue_word)
        holding = [
            e for e in events if e is not event and e.speaker is not None and key in e.content
        ]
        if holding:
            outer = min(holding, key=lambda e: len(e.content))
            event.speaker_word, event.speaker, event.pronoun = (
                outer.speaker_word,
                outer.speaker,
                outer.pronoun,
            )


# Relations of what may precede a verb that continues the previous sentence
# ("- et a déclaré", "- tout en se félicitant").
_OPENING = frozenset({"punct", "cc", "mark", "advmod", "aux", "expl"})


def _continue_previous(
    graph: SentenceGraph,
    event: SpeechEvent,
    previous: list[SpeechEvent],
    context: SpeakerContext,
    previous_graph: SentenceGraph | None,
) -> None:
    """A subjectless speech verb opening a sentence that goes on from the one
    before ("... a dénoncé la réforme. - Et a déclaré que P", a seam the
    splitter cut at a dash): the speaker is the one of the previous sentence's
    last speech event. An opening infinitive ("Le maire a visité le quartier.
    Avant d'ajouter : « P »") goes on with the previous sentence's subject
    when that sentence reports no speech."""
    cue = graph.words.get(event.cue_word)
    if cue is None:
        return
    if (cue.deprel != "root" or event.speaker_word.id != cue.id) and not _opening_infinitive(
        graph, cue
    ):
        return
    opening = [w for w in graph.word_list if w.id < cue.id]
    if any(w.deprel.partition(":")[0] not in _OPENING for w in opening):
        return  # something before the verb: not a sentence that goes on
    spoken = [
        e
        for e in previous
        if e.speaker is not None and e.kind == "attribution" and "passive" not in e.rule
    ]  # the agent of a passive ("annoncée par le ministère") is not who goes on
    if spoken:
        last = max(spoken, key=lambda e: e.cue_word)
        event.speaker_word, event.speaker, event.pronoun = (
            last.speaker_word,
            last.speaker,
            last.pronoun,
        )
    elif previous_graph is not None and not previous:
        subject = (
            _root_subject(context, previous_graph) if _opening_infinitive(graph, cue) else None
        )
        if subject is not None:
            # named as an ordinary subject would be: "Le maire de X, Jean
            # Martin, a visité le quartier. Et d'ajouter : « P »" -> the name.
            # The cue is not in that sentence: no word there has id 0.
            there = replace(event, cue_word=0, speaker_word=subject)
            there.speaker = speaker_span(context.text, previous_graph, subject)
            apposition(context, previous_graph, there)
            event.speaker_word = there.speaker_word
            event.speaker = trim_speaker(
                context.text, previous_graph, there.speaker_word, there.speaker
            )


def _root_subject(context: SpeakerContext, graph: SentenceGraph) -> Word | None:
    """The noun or name subject of a sentence's main verb, outside quotations;
    a passive's too ("Le maire a été choqué : « P ». Et d'ajouter : « P »"):
    the one the sentence is about goes on speaking."""
    for word in graph.word_list:
        head = graph.words.get(word.head or 0)
        if (
            word.deprel in ("nsubj", "nsubj:pass")
            and word.upos in ("NOUN", "PROPN")
            and head is not None
            and head.deprel == "root"
            and context.quote_of(graph, word) is None
            and not is_time(word)
        ):
            return word
    return None


def _opening_infinitive(graph: SentenceGraph, cue: Word) -> bool:
    """An infinitive with "de" opening its sentence ("Avant de poursuivre : « P »",
    "Et d'ajouter : « P »"): the speaker of the sentence before goes on."""
    return cue.feat("VerbForm") == "Inf" and has_function_word(graph, cue, "mark", "de")


def _speaker_in(graph: SentenceGraph, event: SpeechEvent) -> bool:
    """Whether the event's speaker is a phrase of this sentence: one carried
    over from the sentence before ("elle a dénoncé P. - Et a ajouté que P")
    was resolved there, if it could be, and its words are not this graph's."""
    return event.speaker is not None and event.speaker.start >= graph.sentence.start


def _names_no_source(word: Word) -> bool:
    """A "pour"/"selon" phrase that is an idiom or a time, not a source."""
    return is_time(word) or (word.lemma or word.text).casefold() in _IDIOM_NOUNS


def _is_first_or_second_person(event: SpeechEvent) -> bool:
    word = event.speaker_word
    return (
        event.speaker is not None
        and word.upos == "PRON"
        and word.feat("Person") in ("1", "2")
        and event.kind == "attribution"
    )


def _quoted_on(context: SpeakerContext, graph: SentenceGraph, event: SpeechEvent) -> bool:
    """ "on" speaking inside a quotation ("« Les violences qu'on évoque ont
    plusieurs formes »", "« on ne l'annonce pas »"): the quoted speaker and
    their side ("nous") or people in general, never a source the outlet
    reports; outside a quotation "on" may stand for one ("», assure-t-on à
    l'Élysée")."""
    word = event.speaker_word
    cue = graph.words.get(event.cue_word)
    return (
        event.kind == "attribution"
        and event.speaker is not None
        and cue is not None
        and word.upos == "PRON"
        and word.text.casefold() == "on"
        and context.quote_of(graph, cue) is not None
        and context.quote_of(graph, word) == context.quote_of(graph, cue)
    )


def _repair_speaker(
    context: SpeakerContext,
    graph: SentenceGraph,
    event: SpeechEvent,
    sentence_events: list[SpeechEvent],
) -> None:
    """Replace a speaker word that cannot be one (see the module docstring)."""
    cue = graph.words.get(event.cue_word)
    if cue is None or repair_passive(context, graph, event, cue):
        return
    glued = GLUED_INCISE.match(cue.text) if cue.upos == "VERB" else None
    if glued is not None:
        # "», ajoute-t-elle": the clitic inside the verb's token is the speaker
        start = graph.sentence.token_of(cue).start + glued.start("clitic")
        event.speaker_word = cue
        event.speaker = TextSpan(glued.group("clitic"), start, start + len(glued.group("clitic")))
        return
    clitic = _adjacent_clitic(graph, cue)
    if clitic is not None:
        set_speaker(context, graph, event, clitic)
        return
    if repair_participle(context, graph, event, cue, sentence_events):
        return
    controller = _object_controller(graph, cue)
    if controller is not None and not is_time(controller):
        set_speaker(context, graph, event, controller)
        return
    antecedent = coordinated_relative_antecedent(graph, cue)
    antecedent = antecedent or relative_antecedent_by_number(graph, cue)
    antecedent = antecedent or misattached_relative_antecedent(graph, cue)
    if antecedent is not None:
        set_speaker(context, graph, event, antecedent)
        return
    speaker = event.speaker_word
    replacement = _closest_subject(context, graph, speaker, cue)
    replacement = replacement or _better_speaker(context, graph, speaker, cue)
    if replacement is not None:
        set_speaker(context, graph, event, replacement)
    elif (speaker.id == cue.id or quote_fragment(context, graph, speaker, cue)) and (
        named := _described_name_before(context, graph, cue)
    ):
        # "A Lyon, où …, Marc Dubois, infirmier et élu CGT, a prévenu :": the
        # parser read "A" as an auxiliary and left the verb with no subject
        set_speaker(context, graph, event, named)
    elif speaker.id == cue.id and (hung := _subject_hung_on_content(context, graph, cue)):
        set_speaker(context, graph, event, hung)
    elif speaker.id == cue.id and (timed := _name_under_fronted_time(graph, cue)):
        set_speaker(context, graph, event, timed)
    elif speaker.id == cue.id or quote_fragment(context, graph, speaker, cue):
        event.speaker = None  # no phrase here can be the speaker
    elif not nominal_head(graph, speaker):
        # "éclatant en pleurs, Karim a confié": the parser's subject is no noun;
        # the name right before the verb is, else no one
        before = word_before_auxiliaries(graph, cue)
        if before is not None and valid_speaker(context, graph, before, cue):
            set_speaker(context, graph, event, name_head(graph, before))
        else:
            event.speaker = None


def _subject_hung_on_content(
    context: SpeakerContext, graph: SentenceGraph, cue: Word
) -> Word | None:
    """The subject of a speech verb that the parser hung on a verb of the
    clause it reports, leaving the speech verb none: the first noun subject
    before the verb whose verb comes after it ("Le gérant du magasin rappelle
    qu'il y a deux ans, un enfant y avait trouvé la mort": "gérant" hung on
    "trouvé"), else the name right before the verb group after a fronted
    clause ("Pendant que la crise fait rage, Paul Morel a affirmé que P":
    "Morel" hung on "fait")."""
    content = subtree(graph, cue.id) - {cue.id}
    subjects = [
        w
        for w in graph.word_list
        if w.id < cue.id
        and w.deprel in ("nsubj", "nsubj:pass")
        and w.upos in ("NOUN", "PROPN")
        and w.head in content
        and valid_speaker(context, graph, w, cue)
    ]
    for word in subjects:
        if (word.head or 0) > cue.id:
            return word
    before = word_before_auxiliaries(graph, cue)
    before = name_head(graph, before) if before is not None else None
    if before is None or before not in subjects:
        return None
    comma = graph.words.get(min(subtree(graph, before.id)) - 1)
    return before if comma is not None and comma.text == "," else None


def _name_under_fronted_time(graph: SentenceGraph, cue: Word) -> Word | None:
    """A subjectless verb right after a person's name that the parser hung on
    the time words before it ("Mardi soir Jair Bolsonaro a rappelé que P"):
    the name is the subject."""
    if any(c.deprel.startswith("nsubj") for c in graph.children.get(cue.id, [])):
        return None
    name = word_before_auxiliaries(graph, cue)
    name = name_head(graph, name) if name is not None else None
    if name is None or not _person_name(graph, name) or name.deprel != "nmod":
        return None
    current = graph.words.get(name.head or 0)
    for _ in range(3):
        if current is None or not is_time(current):
            return None
        if current.head == cue.id:
            return name
        current = graph.words.get(current.head or 0)
    return None


# How a description hangs on the name before it: an apposition, a noun or
# adjective phrase, or a relative or participle clause ("Claire Dubois, qui a
# pris la direction du service en mai, a souligné").
_DESCRIPTION_RELATIONS = frozenset(
    {"appos", "conj", "flat:name", "amod", "nmod", "acl", "acl:relcl"}
)


def _described_name_before(context: SpeakerContext, graph: SentenceGraph, cue: Word) -> Word | None:
    """A subjectless verb right after "Name, description," ("Marc Dubois,
    infirmier et élu CGT, a prévenu"): the name the description hangs on,
    when the parser hung that name elsewhere. None when the verb has a
    subject or the comma closes no such description."""
    if any(c.deprel.startswith("nsubj") for c in graph.children.get(cue.id, [])):
        return None
    comma = word_before_auxiliaries(graph, cue)
    if comma is None or comma.text != ",":
        return None
    current = graph.words.get(comma.head or 0)
    if current is None or current.id >= comma.id:
        # the parser hung the comma on the verb: climb from the description's
        # last word instead ("Choqué par P, Paul Morel, adjoint au maire, dénonce")
        current = graph.words.get(comma.id - 1)
    for _ in range(6):
        if current is None or current.id >= comma.id:
            return None
        if current.upos == "PROPN" and current.deprel != "flat:name":
            break
        if current.deprel not in _DESCRIPTION_RELATIONS:
            return None
        current = graph.words.get(current.head or 0)
    else:
        return None
    if current is None or context.quote_of(graph, current) is not None:
        return None
    if not any(c.deprel == "flat:name" for c in graph.children.get(current.id, [])):
        return None  # a first and last name, not a place or an acronym
    opening = graph.words.get(current.id - 1)
    if (
        opening is not None
        and opening.text not in (",", ":")
        and not (opening.upos == "NOUN" and first_name_gender(current.text) is not None)
    ):
        # '« P » : Jean-Luc B., 29 ans, a reconnu' opens on a colon; a known
        # first name may follow the circumstance it was glued to ("lors d'une
        # conférence de presse Claude Martin, préfet, a assuré")
        return None
    return current


# Verbs whose object (or à-object) does what their de-infinitive says: "X
# accuse Y de s'en prendre aux élus", "X reproche à Y de mentir".
_OBJECT_CONTROL = frozenset({"accuser", "reprocher", "soupçonner", "suspecter"})


def _object_controller(graph: SentenceGraph, cue: Word) -> Word | None:
    """The object of an accusing verb whose "de" infinitive the cue is ("X a
    accusé Y de s'en prendre aux élus": Y speaks, not X); None otherwise."""
    if cue.feat("VerbForm") != "Inf" or cue.deprel not in ("xcomp", "advcl", "ccomp"):
        return None
    if not has_function_word(graph, cue, "mark", "de", "d'"):
        return None
    governor = graph.words.get(cue.head or 0)
    if governor is None or (governor.lemma or "").casefold() not in _OBJECT_CONTROL:
        return None
    for child in graph.children.get(governor.id, []):
        if child.id > cue.id or child.upos not in ("NOUN", "PROPN", "PRON"):
            continue
        if child.deprel == "obj" and child.feat("PronType") != "Rel":
            return child
        if child.deprel == "iobj" or (
            child.deprel == "obl:arg" and has_function_word(graph, child, "case", "à")
        ):
            return child
    return None


def _closest_subject(
    context: SpeakerContext, graph: SentenceGraph, speaker: Word, cue: Word
) -> Word | None:
    """Of two subjects before the verb, the one next to it ("éclatant en
    sanglots, Karim a confié", where the parser took the participle for a
    first subject; "- une quinzaine, dont la CFDT - ils se disent inquiets",
    where a verbless aside lent the verb its noun)."""
    before = [
        c
        for c in graph.children.get(cue.id, [])
        if c.deprel == "nsubj" and c.id < cue.id and valid_speaker(context, graph, c, cue)
    ]
    if not before or speaker.id == before[-1].id:
        return None
    nearest = before[-1]
    if _clitic_subject(graph, nearest, cue):
        return nearest
    bare = speaker.upos != "PROPN" and not any(
        c.deprel == "det" for c in graph.children.get(speaker.id, [])
    )  # no determiner: a participle or adjective the tagger called a noun
    return nearest if bare and len(before) > 1 and speaker in before else None


def _clitic_subject(graph: SentenceGraph, word: Word, cue: Word) -> bool:
    """A personal subject pronoun right before the verb, with at most other
    clitics and "ne" between ("ils s'inquiètent", "elle ne le dit pas"): the
    verb's subject, whatever else the parser made one."""
    if word.upos != "PRON" or word.feat("PronType") != "Prs" or word.feat("Person") != "3":
        return False
    between = [graph.words[i] for i in range(word.id + 1, cue.id) if i in graph.words]
    return all(
        w.upos == "PRON" or w.text.casefold() in ("ne", "n'", "n’") or w.deprel.startswith("aux")
        for w in between
    )


def _adjacent_clitic(graph: SentenceGraph, cue: Word) -> Word | None:
    """An inverted clitic right after the verb ("souligne-t-il"), wherever the
    parser hung it: always the subject."""
    before = graph.words.get(cue.id - 1)
    if (
        before is not None
        and before.text.casefold().startswith("t-")
        and INVERTED_CLITIC.match(before.text)
    ):
        return before  # "a t-elle commenté": the clitic between auxiliary and verb
    between = cue.id - 1
    while between > cue.id - 3 and (word := graph.words.get(between)) is not None:
        if word.upos != "ADV" or INVERTED_CLITIC.match(word.text):
            break
        between -= 1  # "a-t-elle encore avancé": adverbs before the participle
    # "a-t-elle encore avancé", and "sera, a-t-il promis" where the parser gave
    # the participle a second subject before the comma
    clitic = graph.words.get(between)
    auxiliary = graph.words.get(between - 1)
    if (
        clitic is not None
        and INVERTED_CLITIC.match(clitic.text)
        and auxiliary is not None
        and auxiliary.upos == "AUX"
        and auxiliary.head == cue.id
    ):
        return clitic
    for offset in (1, 2):
        word = graph.words.get(cue.id + offset)
        if word is None:
            return None
        if INVERTED_CLITIC.match(word.text):
            return word
        if word.text.casefold() != "-t":
            return None
    return None


def _better_speaker(
    context: SpeakerContext, graph: SentenceGraph, speaker: Word, cue: Word
) -> Word | None:
    """A better speaker word than the rule's, or None to keep it."""
    relative = _relative_antecedent(graph, speaker, cue)
    if relative is not None:
        return relative
    after_dash = _after_dash(graph, speaker, cue)
    if after_dash is not None:
        return after_dash  # "Économie – Paris annonce": a heading before a dash
    own = speaker.id != cue.id  # a rule that left the speaker to this pass names the cue
    if own and valid_speaker(context, graph, speaker, cue) and not is_object(speaker, cue):
        return _reordered_subject(context, graph, speaker, cue)
    climbed = _climb_to_valid(context, graph, speaker, cue)
    if climbed is not None:
        return climbed
    for candidate in _own_subjects(graph, cue):
        if candidate.id != speaker.id and valid_speaker(context, graph, candidate, cue):
            return _reordered_subject(context, graph, candidate, cue) or candidate
    if own and valid_speaker(context, graph, speaker, cue) and is_incise(graph, cue):
        return None  # an inverted subject read as the object ("», a déclaré le maire")
    inverted = is_incise(graph, cue) and not is_participle_cue(graph, cue)
    found = _inverted_subject(context, graph, cue) if inverted else None
    if found is None and cue.deprel == "conj":
        found = main_clause_subject(graph, cue)
        if found is not None and not valid_speaker(context, graph, found, cue):
            found = None
    return found


def _own_subjects(graph: SentenceGraph, cue: Word) -> list[Word]:
    """The cue's subjects and inverted clitics, clitics first, then in order."""
    own = [
        c
        for c in graph.children.get(cue.id, [])
        if c.deprel in ("nsubj", "nsubj:pass", "expl:subj") or INVERTED_CLITIC.match(c.text)
    ]
    return sorted(own, key=lambda c: (not INVERTED_CLITIC.match(c.text), c.id))


def _reordered_subject(
    context: SpeakerContext, graph: SentenceGraph, speaker: Word, cue: Word
) -> Word | None:
    """A valid subject on the wrong side of the verb. After a quotation the
    subject of an inserted verb follows it ("« P », le directeur de X, a asséné
    Y": the phrase before the comma belongs to the quoted material); outside an
    incise it precedes it ("X, dans un communiqué, a revendiqué l'incendie",
    where the parser took the object for a second subject)."""
    if (
        speaker.id < cue.id
        and speaker.upos != "PRON"
        and opens_after_comma(graph, cue)
        and follows_quote(context, graph, cue)
    ):
        inverted = _inverted_subject(context, graph, cue)
        return inverted if inverted is not None and inverted.head == cue.id else None
    if (
        speaker.id < cue.id
        and opens_after_comma(graph, cue)
        and not _closes_subject_insertion(graph, speaker, cue)
    ):
        # ", a constaté une journaliste": the parser's own subject after an
        # inserted verb is the speaker, the phrase before the comma is not
        inserted = (
            (cue.deprel or "").startswith("parataxis")
            or _disagrees(graph, speaker, cue)
            or _conjoined_incise(graph, cue)
        )
        for candidate in graph.children.get(cue.id, []):
            subject = candidate.deprel.startswith("nsubj") or (
                inserted and candidate.deprel == "obj"
            )
            if (
                candidate.id > cue.id
                and subject
                and candidate.upos in ("NOUN", "PROPN")
                and valid_speaker(context, graph, candidate, cue)
            ):
                return candidate
    if speaker.id > cue.id and not is_incise(graph, cue):
        before = [c for c in _own_subjects(graph, cue) if c.id < cue.id]
        for candidate in reversed(before):
            if valid_speaker(context, graph, candidate, cue):
                return candidate
    return None


_PARTICIPLE_ENDINGS = ("é", "ée", "és", "ées", "i", "is", "u", "ue", "us")


# How far after the subject's head the comma that opens an insertion may come:
# the rest of a noun phrase ("La présidente du conseil régional, Claire
# Dubois, a félicité"), not a clause the parser hung on the noun.
_INSERTION_OPENS_WITHIN = 6


def _closes_subject_insertion(graph: SentenceGraph, speaker: Word, cue: Word) -> bool:
    """Whether the comma before the verb closes a phrase inserted in the subject
    ("Un second rapport, rendu public jeudi, affirme l'inverse"): the subject
    and its insertion come before a plain verb, which is no incise, and a noun
    after it is its object, however the parser labelled it."""
    before = word_before_auxiliaries(graph, cue)
    if before is None or before.text != "," or speaker.deprel != "nsubj":
        return False
    if speaker.head != cue.id:
        return False
    if speaker.upos == "PRON" or _disagrees(graph, speaker, cue):
        return False  # "Tous ces supporters, dont …, étaient …, a précisé une source"
    phrase = subtree(graph, speaker.id)
    if any(w.upos in ("VERB", "AUX") for w in graph.word_list if w.id < min(phrase)):
        return False  # a clause before the subject: "Ils ont saisi X, Y, a indiqué Z"
    relatives = set().union(
        *(subtree(graph, i) for i in phrase if graph.words[i].deprel == "acl:relcl")
    )
    between = range(speaker.id + 1, before.id)
    # everything between the subject and the comma belongs to the subject (the
    # closing comma itself may hang on the verb), a comma opens the insertion,
    # and no finite verb outside a relative clause ("L'usure dissémine P,
    # précise le quotidien": a clause, not an insertion)
    commas = [i for i in between if graph.words[i].text == ","]
    return (
        all(i in phrase for i in between)
        and bool(commas)
        and commas[0] - speaker.id <= _INSERTION_OPENS_WITHIN
        and not any(
            graph.words[i].feat("VerbForm") == "Fin" and i not in relatives for i in between
        )
    )


def _conjoined_incise(graph: SentenceGraph, cue: Word) -> bool:
    """An inserted verb the parser conjoined, with no "et", to the finite verb
    of the clause before its comma ("Plusieurs parents ont prévu de porter
    plainte, rapportent plusieurs médias", "Il « craint » pour P, a assuré la
    ministre"): the noun after it is its inverted subject, not an object."""
    kids = graph.children.get(cue.id, [])
    if cue.deprel != "conj" or any(c.deprel == "cc" or INVERTED_CLITIC.match(c.text) for c in kids):
        return False  # "et a dénoncé": a second verb; "avait-il affirmé": the clitic speaks
    head = graph.words.get(cue.head or 0)
    if head is None:
        return False
    auxiliary = any(c.deprel.startswith("aux") for c in graph.children.get(head.id, []))
    # a bare past participle the tagger called finite ("le ministre, parti en
    # vacances, avait annoncé le lancement de P") heads no clause of its own
    finite = auxiliary or (
        head.feat("VerbForm") == "Fin" and not head.text.endswith(_PARTICIPLE_ENDINGS)
    )
    return finite and any(
        c.deprel.startswith("nsubj") and c.id < head.id for c in graph.children.get(head.id, [])
    )


def _disagrees(graph: SentenceGraph, subject: Word, cue: Word) -> bool:
    """A subject before the comma whose number the verb does not share ("Toutes
    ces personnes étaient en garde à vue, a précisé une source": "a" is
    singular): the verb is an incise whose subject follows it."""
    finite = [  # not an auxiliary a comma cuts off ("Les pavillons seront, assure Y, P")
        c
        for c in verb_group(graph, cue)
        if c.deprel.startswith("aux") and c.feat("VerbForm") == "Fin"
    ]
    verb = finite[0] if finite else cue
    number, own = verb.feat("Number"), subject.feat("Number")
    return (
        verb.feat("VerbForm") == "Fin"
        and subject.upos == "NOUN"
        and number is not None
        and own is not None
        and number != own
    )


def _relative_antecedent(graph: SentenceGraph, speaker: Word, cue: Word) -> Word | None:
    """ "les associations, dont certaines dénoncent": the speakers are the noun the
    relative clause describes."""
    holders = [speaker.id]
    if speaker.upos == "PRON" and speaker.feat("PronType") == "Ind":
        holders.append(cue.id)  # "dont certains menacent": "dont" hung on the verb
    if not any(
        (c.lemma or c.text).casefold() == "dont"
        for holder in holders
        for c in graph.children.get(holder, [])
    ):
        return None
    clause = cue
    while clause.deprel == "conj" and clause.head:
        clause = graph.words[clause.head]
    noun = graph.words.get(clause.head or 0) if clause.deprel == "acl:relcl" else None
    return noun if noun is not None and noun.upos in ("NOUN", "PROPN") else None


# Relations a measure noun hangs by, up to the noun it describes ("de 34 ans"
# under "âgé", "âgé" under "éducateur").
_CLIMB = frozenset({"nmod", "appos", "obl", "amod", "acl"})


def _climb_to_valid(
    context: SpeakerContext, graph: SentenceGraph, speaker: Word, cue: Word
) -> Word | None:
    """ "un retraité de 70 ans qui dit", "un éducateur âgé de 34 ans qui vit ici
    et dit": a measure or time noun the relative clause was hung on stands for
    the noun it modifies, through the adjective or participle between them."""
    relative = any(
        c.deprel.startswith("nsubj") and c.feat("PronType") == "Rel"
        for c in graph.children.get(cue.id, [])
    )
    if not (is_time(speaker) or (relative and has_oblique_case(graph, speaker))):
        return None  # "des femmes encore en vie qui ont décrit": "vie" is no antecedent
    current = speaker
    for _ in range(4):
        if current.deprel.partition(":")[0] not in _CLIMB or not current.head:
            return None
        current = graph.words[current.head]
        if current.upos in ("NOUN", "PROPN") and valid_speaker(context, graph, current, cue):
            return current
    return None


def _after_dash(graph: SentenceGraph, speaker: Word, cue: Word) -> Word | None:
    """The noun phrase between a dash and the cue, when the speaker precedes the dash."""
    if speaker.id >= cue.id:
        return None
    between = [w for w in graph.word_list if speaker.id < w.id < cue.id]
    dashes = [w.id for w in between if w.text in ("–", "—", "-")]
    if not dashes:
        return None
    after = [
        w
        for w in between
        if w.id > dashes[-1] and w.upos in ("NOUN", "PROPN") and w.head in (speaker.id, cue.id)
    ]
    return after[0] if after else None


def _inverted_subject(context: SpeakerContext, graph: SentenceGraph, cue: Word) -> Word | None:
    """The first noun phrase after the cue that may be a speaker: the inverted
    subject of "», a confirmé à l'AFP le Dr X" or "a demandé samedi le syndicat"."""
    after = [w for w in graph.word_list if w.id > cue.id]
    for word in after:
        if word.upos == "PUNCT" and word.text in (".", ";", "«", "»", '"', "“", "”"):
            break
        if word.upos not in ("NOUN", "PROPN") and not _determined_indefinite(graph, word):
            continue
        if word.deprel in ("flat", "flat:name", "fixed", "compound"):
            continue
        titled = _titled_name(graph, word)
        if titled is not None and has_oblique_case(graph, word):
            return titled  # "à l'AFP Jeanne Roux": the name glued to the dative
        if _indefinite_after_dative(graph, word, cue) or _indefinite_after_cue(graph, word, cue):
            return word
        glued = _glued_to_circumstance(graph, word, cue)
        if word.head != cue.id and word.deprel not in ("appos", "nsubj", "obj") and not glued:
            continue
        if word.head != cue.id and _under_other_verb(graph, word, cue):
            continue  # ", confirmant une information de X": another verb's object
        if word.head == cue.id and word.deprel not in _INVERTED_RELATIONS:
            continue
        if valid_speaker(context, graph, word, cue):
            return word
        titled = _titled_name(graph, word)
        if titled is not None:
            return titled
    return None


def _glued_to_circumstance(graph: SentenceGraph, word: Word, cue: Word) -> bool:
    """Whether the parser hung an inverted subject on the circumstance before
    it: "a annoncé dimanche matin Jean Dupont" (the name under the time
    words), "estime dans un rapport le Centre d'études" (the subject under
    the oblique). The word has no preposition of its own, and every word
    between it and the cue is a time word or an oblique; through an oblique
    only a determined phrase counts ("à la radio France Info" is one name), or
    a person named with a title or a known first name ("a déclaré sur la
    radio Mme Morel", "a raconté sur son blog Claire Dubois")."""
    if any(c.deprel == "case" for c in graph.children.get(word.id, [])):
        return False
    # a determined phrase, or a person's name, may come through an oblique
    determined = any(c.deprel == "det" for c in graph.children.get(word.id, [])) or _person_name(
        graph, word
    )
    current = word
    for _ in range(4):
        head = graph.words.get(current.head or 0)
        if head is None:
            return False
        if head.id == cue.id:
            return current.id != word.id
        through_adverb = head.upos == "ADV" and head.deprel == "advmod" and head.head == cue.id
        # the day of a date ("dimanche 6 janvier Paul Morel": the name under
        # "janvier", under "6", under "dimanche")
        date_number = head.upos == "NUM" and current.upos == "NOUN" and is_time(current)
        if not (
            is_time(head)
            or through_adverb
            or date_number
            or (has_oblique_case(graph, head) and determined)
        ):
            return False  # through_adverb: "lors d'une conférence de presse M. Séba"
        current = head
    return False


def _person_name(graph: SentenceGraph, word: Word) -> bool:
    """A name that says it is a person's: a title ("Mme Morel", "Me Roux") or
    a known first name ("Claire Dubois") heading a name of two words or more."""
    kids = graph.children.get(word.id, [])
    if word.text.casefold() in NAME_TITLES:
        # "M. Séba", whatever the tagger made of the title and its name
        return any(c.id == word.id + 1 and c.upos == "PROPN" for c in kids)
    if word.upos != "PROPN" or not any(c.deprel == "flat:name" for c in kids):
        return False
    return first_name_gender(word.text) is not None


def _determined_indefinite(graph: SentenceGraph, word: Word) -> bool:
    """ "proclamait l'une des affiches", "a dit l'un d'eux": an indefinite
    pronoun with its article, a phrase that names a source."""
    return (
        word.upos == "PRON"
        and word.feat("PronType") == "Ind"
        and any(c.deprel == "det" for c in graph.children.get(word.id, []))
    )


def _under_other_verb(graph: SentenceGraph, word: Word, cue: Word) -> bool:
    """Whether the word's own head is a verb other than the cue and its
    infinitive ("a fait valoir le chef de l'État": "valoir" is the cue's)."""
    head = graph.words.get(word.head or 0)
    if head is None or head.id == cue.id or head.upos != "VERB":
        return False
    if head is split_auxiliary(graph, cue):
        return False  # "», a pour sa part indiqué lundi X": "a" is the cue's auxiliary
    return not (head.head == cue.id and head.deprel == "xcomp")


def _indefinite_after_dative(graph: SentenceGraph, word: Word, cue: Word) -> bool:
    """ "a affirmé à Radio Nord des sources policières": the parser read
    the plural article "des" (de + les) as a preposition and hung the inverted
    subject on the name of the dative before it; a name takes no such "de"
    phrase, so the noun is the subject."""
    head = graph.words.get(word.head or 0)
    if head is None or word.deprel != "nmod" or head.upos != "PROPN" or head.head != cue.id:
        return False
    if not has_oblique_case(graph, head):
        return False
    return _des_read_as_preposition(graph, word) is not None


def _indefinite_after_cue(graph: SentenceGraph, word: Word, cue: Word) -> bool:
    """ "», soulignent toutefois des chercheurs": the plural article "des" read
    as a preposition right after the inserted verb (adverbs between), so the
    inverted subject became an oblique of the verb."""
    if word.head != cue.id or not (word.deprel or "").startswith("obl"):
        return False
    article = _des_read_as_preposition(graph, word)
    if article is None:
        return False
    between = [w for w in graph.word_list if cue.id < w.id < article.id]
    return all(w.upos == "ADV" or w.text.startswith("-") for w in between)


def _des_read_as_preposition(graph: SentenceGraph, word: Word) -> Word | None:
    """The "de" of a "des" token the parser gave the noun as its preposition
    (the plural article "des" is "de" + "les" in the treebanks), if any."""
    token = graph.sentence.token_of(word)
    for child in graph.children.get(word.id, []):
        outer = graph.sentence.token_of(child)
        if child.deprel == "case" and outer != token and outer.text.casefold() == "des":
            return child
    return None


def _titled_name(graph: SentenceGraph, word: Word) -> Word | None:
    """A title and name the parser glued onto the dative before them ("à l'AFP
    Me Jean Dupont" read as one name): the title starts the speaker; after an
    acronym ("à l'AFP Jeanne Roux"), so does the first name."""
    acronym = len(word.text) > 1 and word.text.isupper()
    for child in graph.children.get(word.id, []):
        if child.deprel != "flat:name" or child.id != word.id + 1:
            continue
        if child.text.casefold() in NAME_TITLES or (acronym and child.text[:1].isupper()):
            return child
        # "au Monde Jean Dupuis", "dans La Dépêche Marc Girard": a known first
        # name after a capitalised title with its article or preposition
        # starts the person
        titled_medium = any(
            c.deprel in ("det", "case") for c in graph.children.get(word.id, [])
        )  # "sur Twitter François Ozon": a medium after its preposition
        if titled_medium and first_name_gender(child.text) and first_name_gender(word.text) is None:
            return child
    return None
