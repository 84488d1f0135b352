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

from dataclasses import dataclass

from framing.annotation.phrases import (
    INVERTED_CLITIC,
    SpeechEvent,
    char_span,
    phrase_span,
    speaker_span,
    subtree,
)
from framing.annotation.quotes import Quote
from framing.annotation.rules import SentenceGraph
from framing.types import TextSpan, Word

# Nouns that name a time, never a speaker ("a annoncé samedi le ministre").
TIME_LEMMAS = frozenset(
    [
        "lundi",
        "mardi",
        "mercredi",
        "jeudi",
        "vendredi",
        "samedi",
        "dimanche",
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
        "matin",
        "matinée",
        "soir",
        "soirée",
        "nuit",
        "midi",
        "après-midi",
        "jour",
        "journée",
        "semaine",
        "mois",
        "année",
        "an",
        "heure",
        "minute",
        "veille",
        "lendemain",
        "week-end",
        "weekend",
        "hier",
        "aujourd'hui",
        "demain",
        "fois",
        "début",
        "fin",
        "moment",
        "date",
    ]
)
# Nouns of idioms with "pour" that name no source ("pour sa part", "pour
# l'instant", "pour exemple").
_IDIOM_NOUNS = frozenset({"part", "instant", "exemple", "mémoire", "rappel", "comparaison"})
# A case marker other than these makes a phrase an oblique ("à l'AFP", "dans un
# communiqué"), which is never the speaker; "par" introduces the agent of a
# passive speech verb, which is.
_SPEAKER_CASES = frozenset({"par"})
_PERSONAL = {"il": ("Masc", "Sing"), "elle": ("Fem", "Sing"), "ils": ("Masc", "Plur")}
_PERSONAL["elles"] = ("Fem", "Plur")
# Demonstratives that point back to the last-named source ("celui-ci", "ce dernier").
_DEMONSTRATIVES = {
    "celui-ci": ("Masc", "Sing"),
    "celle-ci": ("Fem", "Sing"),
    "ceux-ci": ("Masc", "Plur"),
    "celles-ci": ("Fem", "Plur"),
}
_DERNIER = {"dernier": ("Masc", "Sing"), "dernière": ("Fem", "Sing")}
_DERNIER |= {"derniers": ("Masc", "Plur"), "dernières": ("Fem", "Plur")}
# How far back (in sentences) a pronoun looks for its antecedent.
PRONOUN_WINDOW = 6
# Relations under which an inverted subject may hang on the speech verb when
# the parser misreads it.
_INVERTED_RELATIONS = frozenset(
    {"nsubj", "nsubj:pass", "obj", "obl", "obl:arg", "obl:mod", "iobj", "nmod", "appos", "dep"}
)
# Relations by which a participle or gerund of speech hangs on its main clause.
_PARTICIPLE_LINKS = frozenset({"advcl", "acl", "conj", "xcomp", "parataxis", "parataxis:insert"})
# Titles that open a person's name ("Me" for lawyers, "Dr", "Pr").
_NAME_TITLES = frozenset({"me", "maître", "m.", "mme", "dr", "pr", "mgr", "mlle"})
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


class SpeakerContext:
    """The document as the speaker pass needs it: text, sentence graphs, quotes."""

    def __init__(self, text: str, graphs: dict[int, SentenceGraph], quotes: list[Quote]):
        self.text = text
        self.graphs = graphs
        self.inner = [(q.inner_start, q.inner_end) for q in quotes]
        # (description, name) pairs read from appositions: one source, two names
        self.aliases: list[tuple[str, str]] = []

    def start_of(self, graph: SentenceGraph, word: Word) -> int:
        return graph.sentence.token_of(word).start

    def quote_of(self, graph: SentenceGraph, word: Word) -> tuple[int, int] | None:
        """The innermost quotation span holding the word, if any."""
        token = graph.sentence.token_of(word)
        holding = [q for q in self.inner if q[0] <= token.start and token.end <= q[1]]
        return min(holding, key=lambda q: q[1] - q[0]) if holding else None


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
        for event in sorted(sentence_events, key=lambda e: _is_participle_event(graph, e)):
            if event.kind == "selon" and _names_no_source(event.speaker_word):
                dropped.add(id(event))  # "Pour la première fois", "pour sa part"
            elif event.kind != "selon":
                _repair_speaker(context, graph, event, sentence_events)
            if _is_first_or_second_person(event):
                dropped.add(id(event))  # "nous saluons": a speaker on their own speech
            elif event.speaker is not None:
                _apposition(context, graph, event)
        sentence_sources = _sources_of(context, graph, by_sentence.get(index, []))
        for event in sorted(
            (e for e in sentence_events if e.speaker is not None), key=lambda e: e.speaker.start
        ):
            earlier = [s for s in sources + sentence_sources if s.start < event.speaker.start]
            resolved = _resolve_pronoun(context, graph, event, earlier)
            if resolved is not None:
                sentence_sources.append(resolved)
        sources.extend(sentence_sources)
        sources = [s for s in sources if index - s.sentence <= PRONOUN_WINDOW]
    return [e for e in events if id(e) not in dropped]


# -- repairing the speaker word ---------------------------------------------------


def _names_no_source(word: Word) -> bool:
    """A "pour"/"selon" phrase that is an idiom or a time, not a source."""
    return _is_time(word) or (word.lemma or word.text).casefold() in _IDIOM_NOUNS


def _is_first_or_second_person(event: SpeechEvent) -> bool:
    word = event.speaker_word
    return (
        event.speaker is not None
        and word.upos == "PRON"
        and word.feat("Person") in ("1", "2")
        and event.kind == "attribution"
    )


def _is_time(word: Word) -> bool:
    lemma = (word.lemma or word.text).casefold()
    return lemma in TIME_LEMMAS or (word.deprel or "").endswith(":tmod")


def _has_oblique_case(graph: SentenceGraph, word: Word) -> bool:
    return any(
        child.deprel == "case" and (child.lemma or child.text).casefold() not in _SPEAKER_CASES
        for child in graph.children.get(word.id, [])
    )


def valid_speaker(context: SpeakerContext, graph: SentenceGraph, word: Word, cue: Word) -> bool:
    """Whether a word may head a speaker phrase for this cue."""
    if word.upos not in ("NOUN", "PROPN", "PRON", "NUM", "X"):
        return False
    if word.feat("PronType") == "Rel" or _is_time(word) or _has_oblique_case(graph, word):
        return False
    if any((c.lemma or c.text).casefold() == "dont" for c in graph.children.get(word.id, [])):
        return False  # "dont plusieurs membres": inside a relative clause of another noun
    quote = context.quote_of(graph, word)
    return quote is None or quote == context.quote_of(graph, cue)


def _is_participle_event(graph: SentenceGraph, event: SpeechEvent) -> bool:
    cue = graph.words.get(event.cue_word)
    return cue is not None and _is_participle_cue(graph, cue)


def _repair_speaker(
    context: SpeakerContext,
    graph: SentenceGraph,
    event: SpeechEvent,
    sentence_events: list[SpeechEvent],
) -> None:
    """Replace a speaker word that cannot be one (see the module docstring)."""
    cue = graph.words.get(event.cue_word)
    if cue is None or _repair_passive(context, graph, event, cue):
        return
    clitic = _adjacent_clitic(graph, cue)
    if clitic is not None:
        _set(context, graph, event, clitic)
        return
    if _repair_participle(context, graph, event, cue, sentence_events):
        return
    speaker = event.speaker_word
    replacement = _better_speaker(context, graph, speaker, cue)
    if replacement is not None:
        _set(context, graph, event, replacement)
    elif speaker.id == cue.id or _quote_fragment(context, graph, speaker, cue):
        event.speaker = None  # no phrase here can be the speaker


def _adjacent_clitic(graph: SentenceGraph, cue: Word) -> Word | None:
    """An inverted clitic right after the verb ("souligne-t-il"), wherever the
    parser hung it: always the subject."""
    for offset in (1, 2):
        word = graph.words.get(cue.id + offset)
        if word is None:
            return None
        if INVERTED_CLITIC.match(word.text):
            return word
        if word.text.casefold() != "-t":
            return None
    return None


def _repair_participle(
    context: SpeakerContext,
    graph: SentenceGraph,
    event: SpeechEvent,
    cue: Word,
    sentence_events: list[SpeechEvent],
) -> bool:
    """A participle or gerund of speech: the noun it describes, the speaker of
    the speech verb it hangs on, or its main clause's subject."""
    speaker = event.speaker_word
    own_subject = speaker.head == cue.id and speaker.deprel in ("nsubj", "nsubj:pass")
    if not _is_participle_cue(graph, cue) or (own_subject and speaker.id < cue.id):
        return False
    noun = graph.words.get(cue.head or 0)
    before = graph.words.get(cue.id - 1)
    after_comma = before is not None and before.text == ","
    if (
        cue.deprel == "acl"
        and not after_comma
        and noun is not None
        and noun.upos in ("NOUN", "PROPN")
    ):
        # "une pétition demandant que P": the participle says what the noun says
        _set(context, graph, event, noun)
        return True
    governing = _governing_event(graph, cue, sentence_events)
    if governing is not None:
        event.speaker_word, event.speaker = governing.speaker_word, governing.speaker
        return True
    found = _main_clause_subject(graph, cue)
    if found is not None and valid_speaker(context, graph, found, cue):
        _set(context, graph, event, found)
        return True
    return False


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
    if valid_speaker(context, graph, speaker, cue) and not _is_object(speaker, cue):
        return _reordered_subject(context, graph, speaker, cue)
    climbed = _climb_to_valid(context, graph, speaker, cue)
    if climbed is not None:
        return climbed
    for candidate in _own_subjects(graph, cue):
        if candidate.id != speaker.id and valid_speaker(context, graph, candidate, cue):
            return candidate
    if valid_speaker(context, graph, speaker, cue) and _is_incise(graph, cue):
        return None  # an inverted subject read as the object ("», a déclaré le maire")
    found = _inverted_subject(context, graph, cue) if _is_incise(graph, cue) else None
    if found is None and cue.deprel == "conj":
        found = _main_clause_subject(graph, cue)
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
        and _opens_after_comma(graph, cue)
        and _follows_quote(context, graph, cue)
    ):
        inverted = _inverted_subject(context, graph, cue)
        return inverted if inverted is not None and inverted.head == cue.id else None
    if speaker.id < cue.id and _opens_after_comma(graph, cue):
        # ", a constaté une journaliste": the parser's own subject after an
        # inserted verb is the speaker, the phrase before the comma is not
        inserted = (cue.deprel or "").startswith("parataxis")
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
    if speaker.id > cue.id and not _is_incise(graph, cue):
        before = [c for c in _own_subjects(graph, cue) if c.id < cue.id]
        for candidate in reversed(before):
            if valid_speaker(context, graph, candidate, cue):
                return candidate
    return None


def _relative_antecedent(graph: SentenceGraph, speaker: Word, cue: Word) -> Word | None:
    """ "les associations, dont certaines dénoncent": the speakers are the noun the
    relative clause describes."""
    if not any(
        (c.lemma or c.text).casefold() == "dont" for c in graph.children.get(speaker.id, [])
    ):
        return None
    clause = cue
    while clause.deprel == "conj" and clause.head:
        clause = graph.words[clause.head]
    noun = graph.words.get(clause.head or 0) if clause.deprel == "acl:relcl" else None
    return noun if noun is not None and noun.upos in ("NOUN", "PROPN") else None


def _climb_to_valid(
    context: SpeakerContext, graph: SentenceGraph, speaker: Word, cue: Word
) -> Word | None:
    """ "un retraité de 70 ans qui dit": a measure or time noun the relative
    clause was hung on stands for the noun it modifies."""
    current = speaker
    for _ in range(3):
        if not _is_time(current) or current.deprel not in ("nmod", "appos") or not current.head:
            return None
        current = graph.words[current.head]
        if current.upos in ("NOUN", "PROPN") and valid_speaker(context, graph, current, cue):
            return current
    return None


def _quote_fragment(context: SpeakerContext, graph: SentenceGraph, word: Word, cue: Word) -> bool:
    """A word of a quotation the speech verb is outside of: never a speaker."""
    quote = context.quote_of(graph, word)
    return quote is not None and quote != context.quote_of(graph, cue)


def _repair_passive(
    context: SpeakerContext, graph: SentenceGraph, event: SpeechEvent, cue: Word
) -> bool:
    """A passive speech verb ("est accusé par X", "a été demandé"): its agent is
    the speaker, and without one there is none (the subject is who is spoken of)."""
    kids = graph.children.get(cue.id, [])
    if not any(c.deprel == "aux:pass" for c in kids) and cue.feat("Voice") != "Pass":
        return False
    if any(c.feat("Reflex") == "Yes" or c.deprel in ("expl:pass", "expl:pv") for c in kids):
        return False  # "se sont insurgés": a pronominal verb, its subject speaks
    agents = [c for c in kids if c.deprel == "obl:agent"]
    if agents:
        _set(context, graph, event, agents[0])
    else:
        event.speaker = None
    return True


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


def _word_before_auxiliaries(graph: SentenceGraph, cue: Word) -> Word | None:
    """The word before the cue and its auxiliaries: a comma or a quote mark there
    marks an inserted verb ("», a déclaré X")."""
    auxiliaries = [c.id for c in graph.children.get(cue.id, []) if c.deprel.startswith("aux")]
    return graph.words.get(min([cue.id, *auxiliaries]) - 1)


def _opens_after_comma(graph: SentenceGraph, cue: Word) -> bool:
    """Whether the cue's verb group comes right after a comma."""
    before = _word_before_auxiliaries(graph, cue)
    return before is not None and before.text == ","


def _follows_quote(context: SpeakerContext, graph: SentenceGraph, cue: Word) -> bool:
    """Whether a quotation closes in this sentence before the cue."""
    start = graph.sentence.token_of(cue).start
    return any(graph.sentence.start <= end <= start for _, end in context.inner)


def _is_object(word: Word, cue: Word) -> bool:
    """An object of the speech verb after it: what is said or blamed, not who says it."""
    return (
        word.head == cue.id
        and word.deprel in ("obj", "iobj", "obl", "obl:arg")
        and word.id > cue.id
    )


def _is_incise(graph: SentenceGraph, cue: Word) -> bool:
    """Whether the cue's verb group opens right after a comma or a closing quote
    (or starts the sentence), where French inverts the subject ("», a dit X")."""
    before = _word_before_auxiliaries(graph, cue)
    return before is None or (before.upos == "PUNCT" and before.text not in ("(", "["))


def _set(context: SpeakerContext, graph: SentenceGraph, event: SpeechEvent, word: Word) -> None:
    event.speaker_word = word
    if word.deprel == "flat:name" and word.head and word.text.casefold() in _NAME_TITLES:
        name = [word] + [
            w
            for w in graph.children.get(word.head, []) + graph.children.get(word.id, [])
            if w.deprel == "flat:name" and w.id > word.id
        ]
        event.speaker = char_span(context.text, graph.sentence, name)
    else:
        event.speaker = speaker_span(context.text, graph, word)


def _is_participle_cue(graph: SentenceGraph, cue: Word) -> bool:
    """A present participle or gerund with no auxiliary ("ajoutant", "en affirmant")."""
    if cue.feat("VerbForm") != "Part" or cue.feat("Tense") != "Pres":
        return False
    return not any(c.deprel.startswith("aux") for c in graph.children.get(cue.id, []))


def _governing_event(
    graph: SentenceGraph, cue: Word, sentence_events: list[SpeechEvent]
) -> SpeechEvent | None:
    """The speech event whose verb a participle hangs on ("a-t-il ajouté,
    confirmant que"): the participle is the same speaker's."""
    by_cue = {e.cue_word: e for e in sentence_events if e.kind == "attribution"}
    current = cue
    for _ in range(6):
        if current.deprel not in _PARTICIPLE_LINKS or not current.head:
            return None
        current = graph.words[current.head]
        found = by_cue.get(current.id)
        if found is not None and found.speaker is not None:
            return found
    return None


def _main_clause_subject(graph: SentenceGraph, cue: Word) -> Word | None:
    """The subject of the clause a participle hangs on ("X a dit, ajoutant que")."""
    current = cue
    for _ in range(6):
        if current.deprel not in _PARTICIPLE_LINKS or not current.head:
            return None
        current = graph.words[current.head]
        subjects = [
            c for c in graph.children.get(current.id, []) if c.deprel in ("nsubj", "nsubj:pass")
        ]
        if subjects:
            return subjects[0]
    return None


def _inverted_subject(context: SpeakerContext, graph: SentenceGraph, cue: Word) -> Word | None:
    """The first noun phrase after the cue that may be a speaker: the inverted
    subject of "», a confirmé à l'AFP le Dr X" or "a demandé samedi le syndicat"."""
    after = [w for w in graph.word_list if w.id > cue.id]
    for word in after:
        if word.upos == "PUNCT" and word.text in (".", ";", "«", "»", '"', "“", "”"):
            break
        if word.upos not in ("NOUN", "PROPN"):
            continue
        if word.deprel in ("flat", "flat:name", "fixed", "compound"):
            continue
        if word.head != cue.id and word.deprel not in ("appos", "nsubj", "obj"):
            continue
        if word.head == cue.id and word.deprel not in _INVERTED_RELATIONS:
            continue
        if valid_speaker(context, graph, word, cue):
            return word
        titled = _titled_name(graph, word)
        if titled is not None:
            return titled
    return None


def _titled_name(graph: SentenceGraph, word: Word) -> Word | None:
    """A title and name the parser glued onto the dative before them ("à l'AFP
    Me Jean Dupont" read as one name): the title starts the speaker."""
    for child in graph.children.get(word.id, []):
        if child.deprel == "flat:name" and child.text.casefold() in _NAME_TITLES:
            return child
    return None


# -- apposition --------------------------------------------------------------------


def _apposition(context: SpeakerContext, graph: SentenceGraph, event: SpeechEvent) -> None:
    """A name in apposition to a descriptive speaker is the speaker."""
    word = event.speaker_word
    if word.upos != "NOUN":
        return
    head = graph.words.get(word.head or 0)
    if word.deprel == "appos" and head is not None and head.upos == "PROPN" and head.id < word.id:
        _set_name(context, graph, event, head)
        return
    for child in graph.children.get(word.id, []):
        if child.deprel == "appos" and child.upos == "PROPN" and child.id > word.id:
            _set_name(context, graph, event, child)
            return
    for inner in sorted(subtree(graph, word.id, {"acl:relcl", "parataxis", "advcl"})):
        found = graph.words[inner]
        before = graph.words.get(inner - 1)
        if (
            found.deprel == "appos"
            and found.upos == "PROPN"
            and found.id > word.id
            and before is not None
            and before.text == ","
        ):
            # "le délégué régional à la Sécurité routière, Paul Vidal": the
            # name closes the description, whatever word it was hung on
            _set_name(context, graph, event, found)
            return


def _set_name(
    context: SpeakerContext, graph: SentenceGraph, event: SpeechEvent, name: Word
) -> None:
    """The speaker is this name, with the words of the name itself only; the
    description it stood beside is remembered as another name of the source."""
    description = event.speaker.text if event.speaker is not None else None
    words = [name] + [
        c for c in graph.children.get(name.id, []) if c.deprel in ("flat:name", "flat")
    ]
    event.speaker = char_span(context.text, graph.sentence, words)
    event.speaker_word = name
    if description and description != event.speaker.text:
        pair = (" ".join(description.split()), " ".join(event.speaker.text.split()))
        context.aliases.append(pair)


# -- pronouns ------------------------------------------------------------------------


def _agreement(graph: SentenceGraph, word: Word) -> tuple[str | None, str | None]:
    gender, number = word.feat("Gender"), word.feat("Number")
    for child in graph.children.get(word.id, []):
        title = _TITLES.get(child.text.casefold())
        if title and gender is None:
            gender = title
    if word.upos == "PROPN" and number is None:
        number = "Sing"
    return gender, number


def _sources_of(
    context: SpeakerContext, graph: SentenceGraph, events: list[SpeechEvent]
) -> list[Source]:
    """Possible antecedents in one sentence: named subjects, and every speaker
    that is not itself a pronoun."""
    found: dict[int, Source] = {}
    for event in events:
        word = event.speaker_word
        if event.speaker is None or _is_bare_acronym(graph, word):
            continue
        if word.upos in ("NOUN", "PROPN") and event.pronoun is None:
            gender, number = _agreement(graph, word)
            found[word.id] = Source(
                graph.sentence.index, event.speaker.start, word, event.speaker, gender, number, True
            )
    for word in graph.word_list:
        if word.id in found or word.deprel not in ("nsubj", "nsubj:pass"):
            continue
        if word.upos != "PROPN" and not _names_someone(graph, word):
            continue
        if context.quote_of(graph, word) is not None or _has_oblique_case(graph, word):
            continue
        span = _source_span(context, graph, word)
        gender, number = _agreement(graph, word)
        found[word.id] = Source(graph.sentence.index, span.start, word, span, gender, number)
    return sorted(found.values(), key=lambda s: s.start)


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
    return phrase_span(context.text, graph, word, {"punct", "acl:relcl", "appos", "acl"})


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
    if word.upos == "PRON" and text in _PERSONAL:
        return _PERSONAL[text]
    if text in _DEMONSTRATIVES:
        return _DEMONSTRATIVES[text]
    if text in _DERNIER and word.upos in ("ADJ", "NOUN"):
        return _DERNIER[text]
    return None


def _resolve_pronoun(
    context: SpeakerContext, graph: SentenceGraph, event: SpeechEvent, earlier: list[Source]
) -> Source | None:
    """Replace a pronoun speaker by the nearest earlier compatible source; the
    pronoun's span is kept. Returns the source, now mentioned at the pronoun."""
    wanted = pronoun_features(event.speaker_word)
    if wanted is None or event.pronoun is not None or event.speaker is None:
        return None
    gender, number = wanted
    agreeing = [
        s
        for s in earlier
        if not (s.gender and s.gender != gender and number != "Plur")
        and not (s.number and s.number != number)
    ]
    for source in sorted(agreeing, key=lambda s: s.start, reverse=True):
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
