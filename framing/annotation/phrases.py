"""Phrases in a dependency graph: heads, subtrees, verb groups, speaker phrases.

The annotator and the document-level speaker pass both turn words into
character spans; these helpers are the one place that decides how (which
relations a phrase follows, what a verb group holds, where a speaker's name
stops), so the two cannot drift apart.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from framing.annotation.rules import SentenceGraph
from framing.types import Sentence, TextSpan, Word

WordKey = tuple[int, int]  # (sentence index, word id)
_SPEAKER_CUT = {"acl:relcl", "parataxis", "parataxis:insert", "advcl"}
_SPEAKER_TOP_CUT = _SPEAKER_CUT | {"case", "punct", "conj", "cc", "mark", "cop", "acl"}
# An inverted subject clitic as the tokenizer leaves it: "-t-il", "-elle", and
# "t-il" as wire copy sometimes writes it ("», explique t-il", "a t-elle dit").
INVERTED_CLITIC = re.compile(r"^(?:-(?:t-)?|t-)(il|elle|ils|elles|on)$", re.IGNORECASE)
# Prepositions that introduce a circumstance, not part of a speaker's name:
# "le ministère ... sur l'application Telegram", "le maire dans un communiqué".
_CIRCUMSTANCE_PREPOSITIONS = {"sur", "dans", "via", "lors", "pendant", "depuis", "durant"}


@dataclass
class SpeechEvent:
    """Someone (speaker) says something (content) through a cue."""

    sentence: int
    cue_word: int
    cue: TextSpan
    speaker_word: Word
    speaker: TextSpan | None  # None: no phrase in the text can be the speaker
    content: set[WordKey]
    rule: str
    kind: str  # attribution | selon | qualify
    pronoun: TextSpan | None = None
    label_word: int | None = None
    target: TextSpan | None = None
    # The words of the verb's object ("dénonce des « lenteurs »"): a quotation
    # there is the speaker's words, while the rest of the object stays the outlet's.
    objects: set[WordKey] = field(default_factory=set)


def span_head(words: list[Word]) -> Word:
    """The word of the span whose governor lies outside it (first such word)."""
    ids = {w.id for w in words}
    for word in words:
        if word.head not in ids:
            return word
    return words[0]


# "à" fused with the article: always a preposition, unlike "du" and "des"
_FUSED_A = frozenset({"au", "aux"})


# Punctuation the tokenizer sometimes leaves on the end of a word.
_GLUED_PUNCTUATION = frozenset(":;,")


def char_span(text: str, sentence: Sentence, words: Iterable[Word]) -> TextSpan:
    """The characters of ``words``, from their first token to their last. A
    first token that fuses "à" the words leave out with an article they hold
    ("au" = "à" + "le" in "face au cousin qui assure") cannot be cut in two:
    the span starts after it ("cousin"), not on the preposition. "du" and
    "des" stay: the tagger also splits the plain article that way ("des
    sources proches du dossier")."""
    word_list = list(words)
    tokens = sorted({w.token for w in word_list})
    first = sentence.tokens[tokens[0]]
    if (
        len(tokens) > 1
        and first.text.casefold() in _FUSED_A
        and first.words[0].id not in {w.id for w in word_list}
    ):
        first = sentence.tokens[tokens[1]]
    start = first.start
    end = max(sentence.token_of(w).end for w in word_list)
    while end - 1 > start and text[end - 1] in _GLUED_PUNCTUATION:
        end -= 1  # "avait tweeté:" cut as one token: the colon is no part of the verb
    return TextSpan(text[start:end], start, end)


def children(graph: SentenceGraph, word_id: int) -> list[Word]:
    return graph.children.get(word_id, [])


_AUXILIARY_RELATIONS = frozenset({"aux", "aux:pass", "aux:tense"})
_WITH_CAUSATIVE = _AUXILIARY_RELATIONS | {"aux:caus"}


def verb_group(graph: SentenceGraph, verb: Word, *, causative: bool = False) -> list[Word]:
    """The verb with its auxiliaries and its reflexive pronoun ("a déclaré", "auraient
    été tués", "s'est indigné"; with ``causative``, a causative "fait" too: "fait
    valoir"). Only words before it ("accuse d'être": no auxiliary), and not an
    auxiliary that a comma cuts off from a nearer one ("Cette loi sera, a-t-il
    promis, P") or from a verb the tagger calls finite ("Les mesures ont, disent
    ses détracteurs, P"); "a, lui, dénoncé" keeps its "a"."""
    before = [w for w in children(graph, verb.id) if w.id < verb.id]
    reflexive = [w for w in before if w.upos == "PRON" and w.feat("Reflex") == "Yes"]
    relations = _WITH_CAUSATIVE if causative else _AUXILIARY_RELATIONS
    auxiliaries: list[Word] = []
    finite = verb.feat("VerbForm") == "Fin"
    # an object clitic the parser read as an article under aux:tense (", la
    # qualifiant de X") is no auxiliary
    found = (w for w in before if w.deprel in relations and w.upos != "DET")
    for aux in sorted(found, key=lambda w: -w.id):
        nearest = auxiliaries[-1].id if auxiliaries else verb.id
        if (auxiliaries or finite) and comma_between(graph, aux.id, nearest):
            break
        auxiliaries.append(aux)
    return sorted([verb, *auxiliaries, *reflexive], key=lambda w: w.id)


def comma_between(graph: SentenceGraph, first: int, last: int) -> bool:
    """Whether a comma stands strictly between two word ids."""
    return any(graph.words[i].text == "," for i in range(first + 1, last) if i in graph.words)


# The spellings of a reflexive "se" elided before a vowel, which the tagger may
# read as the "si" of "s'il" when a verb follows ("s'alarme").
_ELIDED_SE = frozenset({"s'", "s’"})


def speech_verb_group(graph: SentenceGraph, verb: Word) -> list[Word]:
    """What a reporting verb's mention and its events' cue cover, as CONVENTIONS.md
    spans it: the verb group, the rest of the lexicon phrase the verb heads ("a
    fait valoir", "a mis en garde"), an inverted subject clitic right after the
    verb ("soupire-t-il", however the tokenizer cut it) and an elided reflexive
    the tagger took for "si" ("s'alarme"). One decision, for both."""
    ids = {w.id for w in verb_group(graph, verb)} | set(graph.phrases.get(verb.id, ()))
    clitics = []
    after = max(ids) + 1
    while (word := graph.words.get(after)) is not None and word.text.startswith("-"):
        clitics.append(word)
        after += 1
    if clitics and all(_clitic_part(w) for w in clitics):
        ids.update(w.id for w in clitics)  # not "-il." with the stop the tokenizer left on it
    before = graph.words.get(min(ids) - 1)
    if before is not None and before.text.casefold() in _ELIDED_SE and min(ids) == verb.id:
        ids.add(before.id)
    ids |= _negation(graph, verb, ids)
    return [graph.words[i] for i in sorted(ids)]


# The second part of a negation that stays with a simple-tense verb ("ne
# précise pas"); after a compound tense it sits inside the group already.
_NEGATION_AFTER = frozenset({"pas", "jamais", "plus", "guère", "point"})


def _negation(graph: SentenceGraph, verb: Word, ids: set[int]) -> set[int]:
    """The "ne" right before a negated group, and with a simple tense the "pas"
    right after it, as the conventions span them: "n'a pas nié", "ne s'est
    pas exprimé", "ne précise pas"."""
    ne = graph.words.get(min(ids) - 1)
    if (
        ne is None
        or ne.text.casefold() not in ("ne", "n'", "n’")
        or ne.head != verb.id
        or ne.upos != "ADV"
    ):
        return set()
    found = {ne.id}
    after = graph.words.get(max(ids) + 1)
    if (
        after is not None
        and after.text.casefold() in _NEGATION_AFTER
        and after.head == verb.id
        and not any(graph.words[i].deprel.startswith("aux") for i in ids)
    ):
        found.add(after.id)
    return found


def _clitic_part(word: Word) -> bool:
    """An inverted subject clitic, or its "-t" when the tokenizer cut it in two
    (the tagger may call that "-t" anything)."""
    return INVERTED_CLITIC.match(word.text) is not None or word.text.casefold() == "-t"


def subtree(graph: SentenceGraph, root: int, cut: set[str] | None = None) -> set[int]:
    """Word ids under ``root`` (inclusive), not descending into ``cut`` relations."""
    children = graph.children
    found = {root}
    stack = [root]
    while stack:
        current = stack.pop()
        for child in children.get(current, []):
            if cut and child.deprel in cut:
                continue
            if child.id not in found:
                found.add(child.id)
                stack.append(child.id)
    return found


def contiguous(ids: set[int], anchor: int) -> set[int]:
    """The run of consecutive ids around ``anchor``."""
    run = {anchor}
    low = anchor - 1
    while low in ids:
        run.add(low)
        low -= 1
    high = anchor + 1
    while high in ids:
        run.add(high)
        high += 1
    return run


def phrase_span(
    text: str,
    graph: SentenceGraph,
    head: Word,
    cut: set[str],
    top_cut: set[str] | None = None,
    pruned_words: set[int] | None = None,
) -> TextSpan:
    """The contiguous phrase under ``head``: ``cut`` relations are never followed,
    ``top_cut`` ones only among the head's own dependents (e.g. the "selon" of
    "selon le ministère"); the subtrees of ``pruned_words`` are left out."""
    ids = {head.id}
    for child in children(graph, head.id):
        if child.deprel in (top_cut or cut) or child.deprel in cut:
            continue
        ids |= subtree(graph, child.id, cut)
    for pruned in pruned_words or ():
        if pruned in ids:
            ids -= subtree(graph, pruned)
    ids = contiguous(ids, head.id)
    words = [graph.words[i] for i in sorted(ids)]
    while len(words) > 1 and words[-1].upos == "PUNCT":
        words.pop()
    while len(words) > 1 and words[0].upos == "PUNCT":
        words.pop(0)
    return char_span(text, graph.sentence, words)


# Titles that open a person's name ("Me" for lawyers, "Dr", "Pr").
NAME_TITLES = frozenset({"me", "maître", "m.", "mme", "dr", "pr", "mgr", "mlle"})

# How a name's further parts may hang beside it when the parser split it
# ("jeudi 4 juin Omar Sy": "Omar" and "Sy" both under "juin").
_NAME_PART_RELATIONS = frozenset({"nmod", "flat", "flat:name", "appos", "obl:mod"})


def speaker_span(text: str, graph: SentenceGraph, word: Word) -> TextSpan:
    """The speaker's phrase, without circumstances ("sur Telegram"); a clitic's pronoun alone."""
    clitic = INVERTED_CLITIC.match(word.text)
    if clitic:
        token = graph.sentence.token_of(word)
        found = token.text.casefold().rfind(clitic.group(1).casefold())
        if found >= 0:
            start = token.start + found
            end = start + len(clitic.group(1))
            return TextSpan(text[start:end], start, end)
    circumstances = {
        case.head
        for case in graph.word_list
        if case.deprel == "case" and (case.lemma or "").casefold() in _CIRCUMSTANCE_PREPOSITIONS
    }
    pruned = {
        candidate.id
        for candidate in graph.word_list
        if candidate.id in circumstances
        and candidate.id != word.id
        and candidate.deprel in ("nmod", "obl", "obl:mod")
    }
    # "ce dont le gouvernement se défend": the parser hangs "dont" on the
    # subject; the relative pronoun is no part of the speaker
    pruned |= {
        c.id
        for c in graph.children.get(word.id, [])
        if c.feat("PronType") == "Rel" and c.id < word.id
    }
    if word.upos == "PROPN":
        # "(le président) tchadien Paul Moussa": an adjective the parser hung
        # on the name belongs to the title before it, not to the name
        pruned |= {
            c.id for c in graph.children.get(word.id, []) if c.deprel == "amod" and c.id < word.id
        }
    span = phrase_span(text, graph, word, _SPEAKER_CUT, _SPEAKER_TOP_CUT, pruned_words=pruned)
    return _whole_name(text, graph, word, span) if word.upos == "PROPN" else span


def title_before(graph: SentenceGraph, name: Word) -> Word | None:
    """The title right before a name ("Me", "Mme", "Dr"), which the gold
    conventions keep in the speaker's span."""
    before = graph.words.get(name.id - 1)
    if before is not None and before.text.casefold() in NAME_TITLES:
        return before
    return None


def _whole_name(text: str, graph: SentenceGraph, word: Word, span: TextSpan) -> TextSpan:
    """A name's span with the title right before it that the parser hung on
    it as something else ("Me Florand", "Me" read as a pronoun under case),
    and the name's next parts that it hung beside it rather than under it
    ("Omar Sy" with both under a date)."""
    start, end = span.start, span.end
    title = title_before(graph, word)
    if title is not None and title.head == word.id and graph.sentence.token_of(title).end < start:
        start = graph.sentence.token_of(title).start
    last = max(w.id for w in graph.word_list if graph.sentence.token_of(w).end <= end)
    following = graph.words.get(last + 1)
    while (
        following is not None
        and following.upos == "PROPN"
        and following.head == word.head
        and following.deprel in _NAME_PART_RELATIONS
        and not text[end : graph.sentence.token_of(following).start].strip()
    ):
        end = graph.sentence.token_of(following).end
        following = graph.words.get(following.id + 1)
    if (start, end) == (span.start, span.end):
        return span
    return TextSpan(text[start:end], start, end)


def speaker_phrase(graph: SentenceGraph, speaker: Word, cue_id: int) -> set[int]:
    """The word ids of the speaker's phrase. When the speaker is the antecedent
    of the relative clause holding the cue ("le ministre, qui a déclaré que P"),
    that clause, and so P, is not part of it."""
    if graph.words.get(speaker.id) is not speaker:
        return set()  # a speaker resolved to a name in another sentence ("selon lui")
    phrase = subtree(graph, speaker.id)
    if cue_id in phrase and cue_id != speaker.id:
        phrase -= subtree(graph, cue_id)
    return phrase
