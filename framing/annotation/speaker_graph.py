"""What the speaker pass asks of one sentence's graph: which words may be a
speaker, where an inserted speech verb ("», a dit X") opens, and how a chosen
word becomes the event's speaker span.

Kept apart from the decisions (speakers.py, participles.py, appositions.py,
pronouns.py) so each of them reads one predicate, defined once: a speaker is
never a time expression, an oblique ("à l'AFP", "dans un communiqué") or a
word of a quotation its verb is outside of.
"""

from __future__ import annotations

import re

from framing.annotation.phrases import (
    SpeechEvent,
    char_span,
    speaker_span,
    verb_group,
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


# A case marker other than these makes a phrase an oblique ("à l'AFP", "dans un
# communiqué"), which is never the speaker; "par" introduces the agent of a
# passive speech verb, which is.
_SPEAKER_CASES = frozenset({"par"})


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
        if not self.inner:  # an article without quotations: asked for every subject
            return None
        token = graph.sentence.token_of(word)
        holding = [q for q in self.inner if q[0] <= token.start and token.end <= q[1]]
        return min(holding, key=lambda q: q[1] - q[0]) if holding else None


def is_time(word: Word) -> bool:
    """A noun naming a time ("samedi", "au soir", "la veille"). French writes
    these in lower case, so a capitalized one inside the sentence is part of a
    name, mostly a newspaper's ("rapporte Le Soir", "selon Midi Libre",
    "20 Minutes", "La Dernière Heure", "cité par Le Matin")."""
    if word.id > 1 and word.text[:1].isupper():
        return False
    lemma = (word.lemma or word.text).casefold()
    if lemma.startswith("mi-"):
        lemma = lemma[3:]  # "Mi-juin, les avocates avaient dénoncé …"
    return lemma in TIME_LEMMAS or (word.deprel or "").endswith(":tmod")


_DERNIER = frozenset({"dernier", "dernière", "derniers", "dernières"})


def is_ce_dernier(graph: SentenceGraph, word: Word) -> bool:
    """ "ce dernier", "cette dernière": the tagger reads "dernier" as an
    adjective, yet it stands for a person as a pronoun would."""
    return (
        word.upos == "ADJ"
        and word.text.casefold() in _DERNIER
        and any(
            c.deprel == "det" and c.text.casefold() in ("ce", "cet", "cette", "ces")
            for c in graph.children.get(word.id, [])
        )
    )


def has_function_word(graph: SentenceGraph, word: Word, deprel: str, *forms: str) -> bool:
    """Whether the word has a dependent of this relation whose lemma (or form)
    is one of ``forms``: a preposition (``case``: "par", "à") or a
    complementizer (``mark``: "de") that decides what the word is."""
    return any(
        c.deprel == deprel and (c.lemma or c.text).casefold() in forms
        for c in graph.children.get(word.id, [])
    )


def has_oblique_case(graph: SentenceGraph, word: Word) -> bool:
    return any(
        child.deprel == "case" and (child.lemma or child.text).casefold() not in _SPEAKER_CASES
        for child in graph.children.get(word.id, [])
    )


def name_head(graph: SentenceGraph, word: Word) -> Word:
    """The first word of the name ``word`` belongs to ("Morel" in "Paul
    Morel" gives "Paul"): up the ``flat:name`` / ``flat`` relations."""
    while word.deprel in ("flat:name", "flat") and word.head:
        word = graph.words[word.head]
    return word


def valid_speaker(context: SpeakerContext, graph: SentenceGraph, word: Word, cue: Word) -> bool:
    """Whether a word may head a speaker phrase for this cue."""
    if not nominal_head(graph, word):
        return False
    if word.feat("PronType") == "Rel" or is_time(word) or has_oblique_case(graph, word):
        return False
    if word.upos == "NUM" and any(is_time(c) for c in graph.children.get(word.id, [])):
        return False  # a date ("a déclaré le 6 janvier Paul Morel": "le 6")
    if _after_en(graph, word):
        return False
    if any((c.lemma or c.text).casefold() == "dont" for c in graph.children.get(word.id, [])):
        return False  # "dont plusieurs membres": inside a relative clause of another noun
    quote = context.quote_of(graph, word)
    return (
        quote is None
        or quote == context.quote_of(graph, cue)
        or _quoted_name(context, graph, word, cue, quote)
    )


# Adjectives that, with an article, name people ("un autre", "un proche de X",
# "le principal intéressé", "un responsable du parti").
_PERSON_ADJECTIVES = frozenset({"autre", "proche", "intéressé", "responsable"})


def nominal_head(graph: SentenceGraph, word: Word) -> bool:
    """Whether the word can head a noun phrase that names someone: a noun, a
    name, a pronoun, a number, "ce dernier", or an adjective used as a noun."""
    return (
        word.upos in ("NOUN", "PROPN", "PRON", "NUM", "X")
        or is_ce_dernier(graph, word)
        or _nominal_adjective(graph, word)
    )


def _nominal_adjective(graph: SentenceGraph, word: Word) -> bool:
    """An adjective or participle used as a noun in subject position, with
    its determiner: a participle ("l'ancienne élue", "le prévenu"), one of
    ``_PERSON_ADJECTIVES`` ("», commentait un autre", "explique un proche de
    X") or a superlative ("les plus virulents ont dénoncé"), and "tous"
    standing alone. Not an ordinal or "seul" ("la première", "la seule à avoir
    répondu"), which more often stand beside the speaker than for them."""
    if word.upos not in ("ADJ", "VERB") or not (word.deprel or "").startswith("nsubj"):
        return False
    if word.text.casefold() in ("tous", "toutes"):
        return True  # "Tous ont appelé à P": the pronoun the tagger read as an adjective
    kids = graph.children.get(word.id, [])
    # the article may hang on an adjective before the word ("l'ancienne élue")
    articles = [c for k in kids if k.deprel == "amod" for c in graph.children.get(k.id, [])]
    if not any(c.deprel == "det" for c in kids + articles):
        return False
    if word.upos == "VERB":
        # a participle with its article: "», a précisé l'ancienne élue", "le
        # prévenu a affirmé"
        return word.feat("VerbForm") == "Part"
    superlative = any(c.deprel == "advmod" and c.text.casefold() == "plus" for c in kids)
    if (word.lemma or "").casefold() in _PERSON_ADJECTIVES or superlative:
        return True
    # a person noun the tagger read as an adjective ("», explique le
    # quinquagénaire"); imported here, pronouns.py builds on this module
    from framing.annotation.pronouns import person_noun

    return person_noun(word)


def _after_en(graph: SentenceGraph, word: Word) -> bool:
    """A noun right after "en", however the parser hung the two: an adverbial
    ("comme le souligne en effet X", "en revanche", "en réalité") or a
    prepositional phrase, never a subject."""
    before = graph.words.get(word.id - 1)
    return (
        word.upos == "NOUN"
        and before is not None
        and before.text.casefold() == "en"
        and before.upos in ("ADP", "ADV")
    )


def quote_fragment(context: SpeakerContext, graph: SentenceGraph, word: Word, cue: Word) -> bool:
    """A word of a quotation the speech verb is outside of: never a speaker."""
    quote = context.quote_of(graph, word)
    return (
        quote is not None
        and quote != context.quote_of(graph, cue)
        and not _quoted_name(context, graph, word, cue, quote)
    )


# The most words a quoted name may have ("des « gilets jaunes » ont appelé").
_QUOTED_NAME_WORDS = 4


def _quoted_name(
    context: SpeakerContext, graph: SentenceGraph, word: Word, cue: Word, quote: tuple[int, int]
) -> bool:
    """A subject whose name the outlet put in quotation marks ('des « gilets
    jaunes » avaient appelé à ...'): a short quotation of a few words inside the
    subject before the verb, not quoted speech, so not a quote fragment. A
    quotation followed by a comma before the verb ("« Non », a dit X") is speech."""
    if not (word.head == cue.id and word.deprel.startswith("nsubj") and word.id < cue.id):
        return False
    inner = context.text[quote[0] : quote[1]]
    if len(inner.split()) > _QUOTED_NAME_WORDS or any(p in inner for p in ".!?,;:"):
        return False
    between = [
        w for w in graph.word_list if w.id < cue.id and graph.sentence.token_of(w).start >= quote[1]
    ]
    return not any(w.text == "," for w in between)


# Closing quotation marks an incise may follow ("», lui a demandé X").
_CLOSING_MARKS = frozenset({"»", '"', "”"})


def word_before_auxiliaries(graph: SentenceGraph, cue: Word) -> Word | None:
    """The word before the cue's verb group (its auxiliaries, a causative "fait"
    and its reflexive pronoun): a comma or a quote mark there marks an inserted
    verb ("», a déclaré X", "», s'est exclamé mercredi X", "», fait valoir X").
    The group is ``verb_group``'s, so an auxiliary an incise cuts off ("Les
    pavillons seront, assure Y, P") is left out and "X a, lui aussi, dénoncé"
    keeps its "a". Object clitics of the cue before the group are passed over
    right after a quotation ("», lui a demandé X", "», leur lance X"), not
    elsewhere ("quelqu'un, m'a répondu P": the subject is before the comma)."""
    first = verb_group(graph, cue, causative=True)[0]
    before = graph.words.get(first.id - 1)
    word = before
    while (
        word is not None
        and word.upos == "PRON"
        and word.head == cue.id
        and word.deprel in ("obj", "iobj")
        and word.feat("PronType") == "Prs"
    ):
        word = graph.words.get(word.id - 1)
    if word is not before and word is not None and word.text == ",":
        mark = graph.words.get(word.id - 1)
        if mark is None or mark.text in _CLOSING_MARKS:
            return word  # "», lui a demandé X", or its comma opening the sentence
    return before


def opens_after_comma(graph: SentenceGraph, cue: Word) -> bool:
    """Whether the cue's verb group comes right after a comma."""
    before = word_before_auxiliaries(graph, cue)
    return before is not None and before.text == ","


def follows_quote(context: SpeakerContext, graph: SentenceGraph, cue: Word) -> bool:
    """Whether a quotation opens and closes in this sentence before the cue (one
    that opened in the sentence before and closes at its seam, glued to this
    one, does not count)."""
    start = graph.sentence.token_of(cue).start
    return any(graph.sentence.start <= begin and end <= start for begin, end in context.inner)


def is_object(word: Word, cue: Word) -> bool:
    """An object of the speech verb after it: what is said or blamed, not who says it."""
    return (
        word.head == cue.id
        and word.deprel in ("obj", "iobj", "obl", "obl:arg")
        and word.id > cue.id
    )


# The nouns of the fixed insertions that split "a" from its participle ("a de
# son côté", "a pour sa part", "a à son tour", "a au contraire", "a pour
# l'heure"): the parser makes "a" a verb of its own and the participle a
# modifier, often tagged passive.
_INSERTION_NOUNS = frozenset({"côté", "part", "tour", "contraire", "heure", "instant", "moment"})
# How the parser hangs the participle on an "avoir" it took for the verb.
_SPLIT_PARTICIPLE_RELATIONS = frozenset(
    {"advcl", "xcomp", "ccomp", "conj", "parataxis", "parataxis:insert"}
)


def split_auxiliary(graph: SentenceGraph, cue: Word) -> Word | None:
    """The "avoir" of a participle right after the noun of a fixed insertion
    that hangs on it ("a de son côté dénoncé", "n'a pour l'instant pas
    réagi"), or of a participle after a phrase set off by commas that the
    parser hung on that "avoir" ("a, quant à elle, indiqué", "a, lui aussi,
    dénoncé"), else None: an active compound tense whatever the tagger says
    of its voice, whose verb group opens at "a"."""
    if cue.feat("VerbForm") != "Part":
        return None
    head = graph.words.get(cue.head or 0)
    if (
        head is not None
        and head.lemma == "avoir"
        and head.upos == "VERB"
        and cue.deprel in _SPLIT_PARTICIPLE_RELATIONS
        and (after := graph.words.get(head.id + 1)) is not None
        and after.text == ","
        and (before := graph.words.get(cue.id - 1)) is not None
        and before.text == ","
        and after.id < before.id
    ):
        return head
    noun = graph.words.get(cue.id - 1)
    while noun is not None and noun.upos == "ADV":  # "a pour l'instant pas réagi"
        noun = graph.words.get(noun.id - 1)
    if noun is None or noun.lemma not in _INSERTION_NOUNS or not noun.head:
        return None
    auxiliary = graph.words.get(noun.head)
    if auxiliary is None or auxiliary.lemma != "avoir" or auxiliary.id > noun.id:
        return None
    return auxiliary


def is_incise(graph: SentenceGraph, cue: Word) -> bool:
    """Whether the cue's verb group opens right after a comma or a closing quote
    (or starts the sentence), where French inverts the subject ("», a dit X")."""
    split = split_auxiliary(graph, cue)
    before = graph.words.get(split.id - 1) if split else word_before_auxiliaries(graph, cue)
    return before is None or (before.upos == "PUNCT" and before.text not in ("(", "["))


def set_speaker(
    context: SpeakerContext, graph: SentenceGraph, event: SpeechEvent, word: Word
) -> None:
    """The event's speaker is this word's phrase; a name part the parser glued
    onto the word before it ("à l'AFP Me Jean Dupont", "à l'AFP Jeanne Roux")
    starts a name that runs to the end of that glued name."""
    event.speaker_word = word
    if word.deprel == "flat:name" and word.head:
        name = [word] + [
            w
            for w in graph.children.get(word.head, []) + graph.children.get(word.id, [])
            if w.deprel == "flat:name" and w.id > word.id
        ]
        event.speaker = char_span(context.text, graph.sentence, name)
    else:
        event.speaker = speaker_span(context.text, graph, word)


def is_participle_cue(graph: SentenceGraph, cue: Word) -> bool:
    """A present participle or gerund with no auxiliary ("ajoutant", "en affirmant");
    an object clitic the parser read as an auxiliary is none (", la qualifiant
    de X", with "la" an article under aux:tense)."""
    if cue.feat("VerbForm") != "Part" or cue.feat("Tense") != "Pres":
        return False
    return not any(
        c.deprel.startswith("aux") and c.upos in ("AUX", "VERB")
        for c in graph.children.get(cue.id, [])
    )


# A sentence end glued to the next sentence ("le JDD.La suite"): a full stop
# between a word and a capitalised word, with no space.
_GLUED_SEAM = re.compile(r"(?<=\w\w)\.(?=[A-ZÀ-Ý][a-zà-ÿ])")


def trim_speaker(text: str, graph: SentenceGraph, word: Word, span: TextSpan) -> TextSpan:
    """A speaker span without what follows its name or noun and is no part of
    it: a comma and what comes after a name ("Gulnara, 52 ans" gives
    "Gulnara"), a time word hung on the noun ("le préfet lundi" gives "le
    préfet"). Offsets stay exact."""
    if graph.sentence.token_of(word).start < span.start:
        return span  # the word is not where the phrase starts from: leave it
    end = span.end
    for other in graph.word_list:
        token = graph.sentence.token_of(other)
        if not (span.start <= token.start < end) or other.id <= word.id:
            continue
        name_ends = (other.text == "," and word.upos == "PROPN") or (
            other.text[:1] in (".", "!", "?") and other.upos == "PUNCT"
        )  # 'le maire d'Anglet.- "Flammes"': a heading glued after the stop
        time_word = (
            is_time(other)
            and other.head == word.id
            and other.deprel == "nmod"
            and not any(c.deprel in ("case", "nummod") for c in graph.children.get(other.id, []))
        )  # "le préfet lundi", not "un homme de 63 ans"
        if name_ends or time_word:
            end = token.start
            break
    seam = _GLUED_SEAM.search(text, span.start + 1, end)
    if seam is not None:
        end = seam.start() + 1  # "le JDD.La perspective": a sentence end glued on
    trimmed = _close_bracket(text, span.start, text[span.start : end].rstrip(" ,."))
    after = span.start + len(trimmed)
    if (
        trimmed
        and text[after : after + 1] == "."
        and trimmed[-1].isupper()
        and (len(trimmed) == 1 or not trimmed[-2].isalpha())
    ):
        trimmed += "."  # an initial keeps its stop: "Jean-Luc B."
    if not trimmed or len(trimmed) == len(span.text):
        return span
    return TextSpan(trimmed, span.start, span.start + len(trimmed))


def _close_bracket(text: str, start: int, span_text: str) -> str:
    """A span that stops inside a bracket ("l'Observatoire des libertés (OL",
    the parser hung the closing bracket elsewhere) takes the bracket in: the
    acronym is the source's short name, which the gold spans keep."""
    opened = span_text.rfind("(")
    end = start + len(span_text)
    if opened >= 0 and span_text.find(")", opened) < 0 and text[end : end + 1] == ")":
        return span_text + ")"
    return _close_title_quote(text, end, span_text)


# A quoted title inside a speaker phrase: its opening mark, and the mark that closes it.
_TITLE_QUOTES = {"«": "»", "“": "”", '"': '"'}
_TITLE_MAX = 60  # characters a cut title may still run on for


def _close_title_quote(text: str, end: int, span_text: str) -> str:
    """A span that stops inside a quoted title ('le présentateur de "Salut les
    terriens', the closing mark and a "!" hung elsewhere) runs on to the mark
    that closes the title, when it comes soon and no sentence ends before."""
    for opening, closing in _TITLE_QUOTES.items():
        at = span_text.rfind(opening)
        if at < 0 or (opening == '"' and span_text.count('"') % 2 == 0):
            continue
        if opening != '"' and closing in span_text[at:]:
            continue
        found = text.find(closing, end, end + _TITLE_MAX)
        if (
            found < 0
            or any(c in text[end:found] for c in ".;\n")
            or '"' in text[end:found].replace(closing, "")
        ):
            continue
        return span_text + text[end : found + 1]
    return span_text


def incise_in_quote(text: str, event: SpeechEvent) -> bool:
    """An inserted verb with its named subject inside the quotation marks
    ('"J'espère qu'on ne saura jamais, lance Paul Morel, un éleveur. C'est un
    sujet sensible"'): the outlet's words, set inside the quoted speech it
    reports, not a verb the quoted speaker utters. The verb follows a comma
    and its subject, a noun or a name, follows the verb, or an inverted clitic
    does ("« P, note-t-il. Q »", however the tokenizer cut it)."""
    if event.kind != "attribution" or event.speaker is None:
        return False
    if not text[: event.cue.start].rstrip().endswith(","):
        return False
    if inverted_clitic_cue(text, event):
        return True  # "« P, note-t-il. Q »": the inverted clitic, whoever it stands for
    return event.speaker_word.upos in ("NOUN", "PROPN") and event.speaker.start >= event.cue.end


def inverted_clitic_cue(text: str, event: SpeechEvent) -> bool:
    """Whether the cue carries an inverted subject clitic, inside its token
    ("note-t-il") or split off right after it ("note" "-t" "-il"): an incise."""
    return bool(
        _CLITIC_IN_CUE.search(event.cue.text) or _CLITIC_AFTER_CUE.match(text, event.cue.end)
    )


_CLITIC_IN_CUE = re.compile(r"-(?:t-)?(?:il|elle|ils|elles|on)\b", re.IGNORECASE)
_CLITIC_AFTER_CUE = re.compile(r"\s?-(?:t-?)?-?(?:il|elle|ils|elles|on)\b", re.IGNORECASE)
