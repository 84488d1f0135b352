"""Speech verbs with no subject of their own: participles and gerunds
("..., ajoutant que P", "en jugeant"), whose speaker is the one already
speaking in the sentence or the main clause's subject, and passive speech
verbs ("est accusé par X"), whose speaker is the agent or nobody.
"""

from __future__ import annotations

from collections.abc import Iterator

from framing.annotation.phrases import SpeechEvent, verb_group
from framing.annotation.rules import SentenceGraph
from framing.annotation.speaker_graph import (
    SpeakerContext,
    has_function_word,
    is_participle_cue,
    is_time,
    set_speaker,
    split_auxiliary,
    valid_speaker,
)
from framing.types import Word

# Relations by which a participle or gerund of speech hangs on its main clause.
_PARTICIPLE_LINKS = frozenset({"advcl", "acl", "conj", "xcomp", "parataxis", "parataxis:insert"})


def is_participle_event(graph: SentenceGraph, event: SpeechEvent) -> bool:
    cue = graph.words.get(event.cue_word)
    return cue is not None and is_participle_cue(graph, cue)


def repair_participle(
    context: SpeakerContext,
    graph: SentenceGraph,
    event: SpeechEvent,
    cue: Word,
    sentence_events: list[SpeechEvent],
) -> bool:
    """A participle or gerund of speech: the noun it describes, the speaker of
    the speech verb it hangs on, or its main clause's subject."""
    speaker = event.speaker_word
    # an article read as the subject is the object clitic ("…, les qualifiant de X")
    own_subject = (
        speaker.head == cue.id
        and speaker.deprel in ("nsubj", "nsubj:pass")
        and speaker.upos != "DET"
    )
    if not is_participle_cue(graph, cue) or (own_subject and speaker.id < cue.id):
        return False
    noun = graph.words.get(cue.head or 0)
    if noun is not None and is_time(noun):
        # "des articles parus la veille remettant en cause P": the parser hung
        # the participle on the time word; it describes the noun above
        above = graph.words.get(noun.head or 0)
        if above is not None and above.deprel == "acl":
            noun = graph.words.get(above.head or 0)
    before = _word_before_gerund(graph, cue)
    after_comma = before is not None and before.text == ","
    if (
        cue.deprel == "acl"
        and not after_comma
        and noun is not None
        and noun.upos in ("NOUN", "PROPN")
        and not is_time(noun)
    ):
        # "une pétition demandant que P": the participle says what the noun says
        set_speaker(context, graph, event, noun)
        return True
    carrier = _object_right_before(graph, cue, before)
    if carrier is not None:
        # "brandissaient des banderoles suggérant que P", the participle hung
        # on the verb: it still describes the object right before it
        set_speaker(context, graph, event, carrier)
        return True
    governing = _governing_event(graph, cue, sentence_events)
    if governing is None and after_comma:
        governing = _previous_event(cue, sentence_events)
    if governing is not None:
        event.speaker_word, event.speaker = governing.speaker_word, governing.speaker
        event.pronoun = governing.pronoun
        return True
    found = main_clause_subject(graph, cue)
    if found is not None and valid_speaker(context, graph, found, cue):
        set_speaker(context, graph, event, found)
        return True
    return False


def repair_passive(
    context: SpeakerContext, graph: SentenceGraph, event: SpeechEvent, cue: Word
) -> bool:
    """A passive speech verb ("est accusé par X", "a été demandé"): its agent is
    the speaker, and without one there is none (the subject is who is spoken of)."""
    kids = graph.children.get(cue.id, [])
    # not a "sera" that a comma cuts off ("Le texte sera, a-t-il promis, P": the
    # incise is active, whatever voice the parse gave the participle)
    group = verb_group(graph, cue)
    if not any(c.deprel == "aux:pass" for c in group) and (
        cue.feat("Voice") != "Pass"
        or any(c.deprel == "aux:tense" and c.lemma == "avoir" for c in group)
    ):
        return False
    if cue.feat("VerbForm") == "Fin":
        return False  # "accuse d'être des agitateurs": the "être" is the complement's
    if any(c.feat("Reflex") == "Yes" or c.deprel in ("expl:pass", "expl:pv") for c in kids):
        return False  # "se sont insurgés": a pronominal verb, its subject speaks
    if _shares_active_auxiliary(graph, cue, kids):
        return False
    if (
        cue.text.casefold().endswith("it")
        and not any(c.deprel.startswith(("aux", "cop")) for c in kids)
        and any(c.deprel == "nsubj" for c in kids)
    ):
        # "», renchérit Paul Morel", "Le candidat décrit P": a present in -it
        # the tagger read as a participle (a participle in -é never is one); no
        # auxiliary, and an active subject
        return False
    if event.rule.startswith("attribution.judged_participle_of_object"):
        return True  # "X dénonce des plans jugés insuffisants": X judges (the rule's speaker)
    if event.rule == "attribution.conj_elided_auxiliary":
        return True  # "X a condamné P et annoncé Q": the "a" of X's verb is this one's too
    if (split := split_auxiliary(graph, cue)) is not None:
        # "X a de son côté dénoncé", "», a pour sa part assuré X": an active
        # compound tense the parser split. The subject of its "a" speaks ("X a,
        # à plusieurs reprises, défendu Y", where a rule read Y as an inverted
        # subject); else the rule's speaker stands, and one the rule left to
        # the document-level pass is found there
        subject = next(
            (
                c
                for c in graph.children.get(split.id, [])
                if c.deprel == "nsubj" and c.id < split.id and c.upos in ("NOUN", "PROPN", "PRON")
            ),
            None,
        )
        if subject is not None:
            set_speaker(context, graph, event, subject)
            return True
        return event.speaker_word.id != cue.id
    agents = sorted(
        (
            c
            for c in kids
            if c.deprel == "obl:agent" and not has_function_word(graph, c, "case", "de")
        ),
        key=lambda c: not has_function_word(graph, c, "case", "par"),
    )  # "qualifié de groupe terroriste par X": the "par" phrase, not the label;
    # "la mainmise jugée croissante de Pékin": a "de" phrase is no agent
    if not agents:
        agents = _agent_on_judged_adjective(graph, cue)
    if agents:
        set_speaker(context, graph, event, agents[0])
    else:
        event.speaker = None
    return True


# Verbs of judging whose reduced participle takes an adjective ("jugé trop lent").
_JUDGING = frozenset({"juger", "estimer", "considérer"})


def _agent_on_judged_adjective(graph: SentenceGraph, cue: Word) -> list[Word]:
    """The "par" phrase the parser hung on the judged adjective instead of the
    participle ("des mesures jugées insuffisantes par le président du Sénat":
    "par le président" under "insuffisantes"): still who judges. Only for the
    adjective of a reduced participle of judging: its complement ("jugées
    aujourd'hui insuffisantes par X"), or one on the same noun, after it."""
    if not (cue.deprel == "acl" and cue.head and cue.lemma in _JUDGING):
        return []
    adjectives = [
        word
        for word in graph.children.get(cue.id, [])
        if word.deprel == "xcomp" and word.upos == "ADJ"
    ] + [
        word
        for word in graph.children.get(cue.head, [])
        if word.deprel == "amod" and word.upos == "ADJ" and word.id > cue.id
    ]
    return [
        agent
        for adjective in adjectives
        for agent in graph.children.get(adjective.id, [])
        if agent.deprel in ("obl:arg", "obl:agent", "obl")
        and agent.upos in ("NOUN", "PROPN")
        and has_function_word(graph, agent, "case", "par")
    ][:1]


def _governing_event(
    graph: SentenceGraph, cue: Word, sentence_events: list[SpeechEvent]
) -> SpeechEvent | None:
    """The speech event whose verb a participle hangs on ("a-t-il ajouté,
    confirmant que"): the participle is the same speaker's."""
    by_cue = {e.cue_word: e for e in sentence_events if e.kind == "attribution"}
    for current in _clauses_above(graph, cue):
        found = by_cue.get(current.id)
        if found is not None and found.speaker is not None:
            return found
    return None


def _clauses_above(graph: SentenceGraph, cue: Word) -> Iterator[Word]:
    """The verbs a participle hangs on, nearest first, climbing participle links
    ("X a dit, ajoutant que P, précisant que Q") at most six levels."""
    current = cue
    for _ in range(6):
        if current.deprel not in _PARTICIPLE_LINKS or not current.head:
            return
        current = graph.words[current.head]
        yield current


def _shares_active_auxiliary(graph: SentenceGraph, cue: Word, kids: list[Word]) -> bool:
    """ "X a balayé les accusations et assuré que P": a bare participle conjoined
    to a verb with "avoir" (or to an infinitive hanging on one) shares that
    auxiliary, so it is active whatever the tagger says of its voice (it often
    says Pass)."""
    if cue.deprel != "conj" or any(c.deprel == "aux:pass" for c in kids) or not cue.head:
        return False
    first = graph.words[cue.head]
    if first.feat("VerbForm") == "Inf" and first.deprel in ("advcl", "xcomp") and first.head:
        # "X a confirmé P sans en révéler Q et ajouté que R": conjoined to an
        # infinitive of manner, the participle shares the main verb's "a"
        first = graph.words[first.head]
    first_kids = graph.children.get(first.id, [])
    return any(c.deprel == "aux:tense" for c in first_kids) and not any(
        c.deprel == "aux:pass" for c in first_kids
    )


def _previous_event(cue: Word, sentence_events: list[SpeechEvent]) -> SpeechEvent | None:
    """The last speech event before a participle that follows a comma: "», a
    souligné X, estimant que P" and "Pour X, citant Y, P" go on with X's words,
    whatever the parser hung the participle on (often the quoted clause)."""
    before = [
        e
        for e in sentence_events
        if e.cue_word < cue.id and e.speaker is not None and e.kind in ("attribution", "selon")
    ]
    return max(before, key=lambda e: e.cue_word) if before else None


def main_clause_subject(graph: SentenceGraph, cue: Word) -> Word | None:
    """The subject of the clause a participle hangs on ("X a dit, ajoutant que")."""
    for current in _clauses_above(graph, cue):
        subjects = [
            c
            for c in graph.children.get(current.id, [])
            if c.deprel in ("nsubj", "nsubj:pass") or _personal_expletive(graph, current, c)
        ]
        relative = subjects and subjects[0].feat("PronType") == "Rel"
        if relative and current.head and current.deprel.startswith("acl"):
            # "X, qui suit les groupes, en jugeant que P": the relative's
            # subject is the noun the relative clause describes
            return graph.words[current.head]
        if subjects:
            return subjects[0]
    return None


# Subject pronouns the parser may read as an impersonal "il" (expl:subj).
_PERSONAL_SUBJECTS = frozenset({"il", "elle", "ils", "elles"})


def _personal_expletive(graph: SentenceGraph, verb: Word, word: Word) -> bool:
    """ "Il a depuis fait marche arrière, affirmant que P": a subject pronoun
    the parser read as expl:subj before an active verb with "avoir", which
    has no impersonal reading, so the pronoun is the subject."""
    if word.deprel != "expl:subj" or word.text.casefold() not in _PERSONAL_SUBJECTS:
        return False
    kids = graph.children.get(verb.id, [])
    return (
        word.id < verb.id
        and any(c.deprel == "aux:tense" and (c.lemma or "") == "avoir" for c in kids)
        and not any(c.deprel in ("aux:pass", "nsubj", "nsubj:pass") for c in kids)
        and (verb.lemma or "").casefold() not in ("falloir", "avoir", "agir", "manquer", "suffire")
    )


def _object_right_before(graph: SentenceGraph, cue: Word, before: Word | None) -> Word | None:
    """The object noun right before a participle with no comma or "en" between
    that the parser hung on the object's verb instead of on the noun; or a
    noun further down that object ("des témoignages de « riverains »
    estimant que P", "un mélange de personnes se qualifiant de X"), with
    only a closing quotation mark or "se" between."""
    if before is None or before.id != cue.id - 1 or before.upos != "NOUN":
        return _noun_inside_object_before(graph, cue)
    if cue.deprel not in ("advcl", "xcomp") or before.head != cue.head or before.deprel != "obj":
        return _noun_inside_object_before(graph, cue)
    return before


_CLOSING = frozenset({'"', "»", "”", "se", "s'"})


def _noun_inside_object_before(graph: SentenceGraph, cue: Word) -> Word | None:
    """See _object_right_before: the noun right before the participle (past a
    closing quotation mark or "se"), inside a phrase of the verb the parser
    hung the participle on."""
    if cue.deprel not in ("advcl", "xcomp", "conj"):
        return None
    index = cue.id - 1
    while index > 0 and graph.words[index].text.casefold() in _CLOSING:
        index -= 1
    noun = graph.words.get(index)
    if noun is not None and noun.upos == "ADJ" and noun.deprel == "amod":
        noun = graph.words.get(noun.head or 0)  # "de « gilets jaunes » estimant"
    if noun is None or noun.upos != "NOUN" or noun.deprel not in ("nmod", "obj", "obl:mod", "obl"):
        return None
    if noun.feat("Number") != "Plur" or is_time(noun):
        return None  # people speaking: "des riverains", "des personnes"
    current = noun
    for _ in range(4):
        head = graph.words.get(current.head or 0)
        if head is None:
            return None
        if head.id == cue.head:
            return noun if current.deprel in ("obj", "obl", "obl:mod") else None
        if current.deprel != "nmod":
            return None
        current = head
    return None


# Relations of the clitics before a participle ("s'", "les", "lui"; an object
# clitic the parser may read as an article under aux).
_CLITIC_RELATIONS = ("expl", "obj", "iobj", "aux")


def _word_before_gerund(graph: SentenceGraph, cue: Word) -> Word | None:
    """The word before a participle or before the "en" / "tout en" that makes
    it a gerund, and its clitics: ", en jugeant que P", ", s'inquiétant de
    P", ", les qualifiant de X" follow a comma as ", jugeant que P" does."""
    marks = [
        c.id
        for c in graph.children.get(cue.id, [])
        if c.deprel in ("mark", "advmod")
        or (c.id < cue.id and c.upos in ("PRON", "DET") and c.deprel.startswith(_CLITIC_RELATIONS))
    ]
    first = cue.id
    while first - 1 in marks:
        first -= 1
    return graph.words.get(first - 1)
