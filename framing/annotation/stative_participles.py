"""Predicate adjectives the tagger reads otherwise: participles left active, and
adjectives after "qualifier de" tagged as nouns.

Entries asking for ``/ADJ`` also take a participle tagged VERB with
``Voice=Pass`` (``patterns.adjectival_participle``): "la situation reste
tendue", "des habitants indignés". Two predicative uses come out of the tagger
without that feature, so judgements in them were missed:

* "être" read as a tense auxiliary (``aux:tense``, as in "il est venu") on a
  verb that does not form its compound tenses with "être": "Je suis
  scandalisé", "nous sommes écœurés". A verb that does ("venir", "tomber", the
  other unaccusatives below) or a pronominal one ("elle s'est indignée") is a
  real compound tense and is left alone.
* "être" read as the passive auxiliary (``aux:pass``) while the participle
  itself was left without the feature: "Je suis scandalisé de voir ...".
* a participle that is the secondary predicate (``xcomp``) of another verb,
  with no auxiliary of its own: "ils se disent affolés", "elle semble
  dépassée".

Both are stative passives in UD's sense, so ``Voice=Pass`` is added to them:
pattern matching and rules then see them as they see "ils sont indignés".
The other way round, a pronominal verb's compound tense ("Paris s'était
agacé", "elle s'est indignée") is active even where the tagger marks it
passive: the feature is taken off, so such a verb is read as the speech or
action verb it is, not as an adjective.

Last, the adjective of "X qualifie Z d'irresponsable" / "taxe Z d'incompétent"
comes out as a bare NOUN (``xcomp`` with "de" as case): the "de" makes the
tagger read a noun. Such a word gets ``ADJ_READING`` so that ``/ADJ`` entries
take it as well (its tag stays NOUN, so noun entries still see "qualifiés de
casseurs").

A participle placed before its noun ("le vénéré roi", "la regrettée
chanteuse") is also read as a NOUN, with the real noun hanging from it as a
bare ``nmod``: such a word (a determiner of its own, a -é/-ée/-és/-ées form, the
next word a NOUN that depends on it without a preposition) gets
``ADJ_READING`` too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from framing.types import Word

# Verbs whose compound tenses take "être" (and their common prefixed forms):
# "il est venu" is a past tense, not a state.
UNACCUSATIVE = frozenset(
    [
        "aller",
        "venir",
        "revenir",
        "devenir",
        "redevenir",
        "parvenir",
        "intervenir",
        "survenir",
        "provenir",
        "advenir",
        "convenir",
        "arriver",
        "partir",
        "repartir",
        "naître",
        "renaître",
        "mourir",
        "décéder",
        "rester",
        "demeurer",
        "tomber",
        "retomber",
        "entrer",
        "rentrer",
        "sortir",
        "ressortir",
        "monter",
        "remonter",
        "descendre",
        "redescendre",
        "retourner",
        "passer",
        "repasser",
        "apparaître",
        "disparaître",
        "accourir",
        "éclore",
        "échoir",
        "ressusciter",
    ]
)
_REFLEXIVE = frozenset({"se", "me", "te", "nous", "vous", "soi"})
# Verbs whose "de" complement is a predicate of their object ("qualifier Z de Y").
QUALIFYING = frozenset({"qualifier", "taxer", "traiter"})
ADJ_READING = "AdjReading=Yes"  # a private feature: also read as ADJ by /ADJ specs


def _children(words: Sequence[Word]) -> dict[int, list[Word]]:
    found: dict[int, list[Word]] = {}
    for word in words:
        if word.head:
            found.setdefault(word.head, []).append(word)
    return found


def _is_stative(word: Word, children: list[Word]) -> bool:
    """Whether a past participle without ``Voice=Pass`` is predicative (see the module doc)."""
    auxiliaries = [c for c in children if c.deprel in ("aux", "aux:tense", "aux:pass")]
    if word.deprel == "xcomp" and not auxiliaries:
        return True
    if any(c.deprel == "aux:pass" for c in auxiliaries):
        return not _pronominal(children)  # passive by the parse; only the feature is missing
    if not auxiliaries or any(c.lemma != "être" for c in auxiliaries):
        return False
    if (word.lemma or "").casefold() in UNACCUSATIVE:
        return False
    return not _pronominal(children)


def _pronominal(children: list[Word]) -> bool:
    """A compound tense of a pronominal verb: "être" and a reflexive clitic depend
    on the participle ("s'est indignée", "s'était agacé"; not "se disent
    indignés", where the parse may hang "se" on the participle)."""
    if not any(c.lemma == "être" and (c.deprel or "").startswith("aux") for c in children):
        return False
    return any(
        (c.deprel or "").startswith("expl")
        or (c.upos == "PRON" and (c.lemma in _REFLEXIVE or c.feat("Reflex") == "Yes"))
        for c in children
        if c.deprel not in ("nsubj", "nsubj:pass")
    )


def _with_voice(word: Word, passive: bool) -> Word:
    kept = [f for f in (word.feats or "").split("|") if f and f != "Voice=Pass"]
    return replace(word, feats="|".join(sorted([*kept, "Voice=Pass"] if passive else kept)) or None)


def _predicate_noun(word: Word, children: list[Word], words: Sequence[Word]) -> bool:
    """A bare NOUN after "de" that predicates of a qualifying verb's object."""
    if word.upos != "NOUN" or word.deprel != "xcomp" or not word.head:
        return False
    head = words[word.head - 1] if word.head <= len(words) else None
    if head is None or (head.lemma or "").casefold() not in QUALIFYING:
        return False
    return any(c.deprel == "case" and c.lemma == "de" for c in children) and not any(
        c.deprel == "det" for c in children
    )


_PARTICIPLE_ENDINGS = ("é", "ée", "és", "ées")


def _prenominal_participle(word: Word, children: list[Word], words: Sequence[Word]) -> bool:
    """A participle before its noun, tagged NOUN with the noun as its bare nmod."""
    if word.upos != "NOUN" or not (word.text or "").casefold().endswith(_PARTICIPLE_ENDINGS):
        return False
    if word.id >= len(words):
        return False
    nxt = words[word.id]  # the next word (ids are 1-based)
    if nxt.upos != "NOUN" or nxt.head != word.id or nxt.deprel != "nmod":
        return False
    if any(c.deprel == "case" for c in children.get(nxt.id, [])):
        return False
    own = children.get(word.id, [])
    return any(c.deprel == "det" for c in own) and not any(
        c.deprel == "case" and c.id > word.id for c in own
    )


def _verbless_exclamation(words: list[Word]) -> int | None:
    """The index of a capitalized first word the tagger took for a name, heading
    a sentence with no verb ("Impensable pour la ministre.", "« Écœurant »"):
    an adjective set down as a judgement, which the /ADJ specs may read."""
    first = next((i for i, w in enumerate(words) if w.upos != "PUNCT"), None)
    if first is None:
        return None
    word = words[first]
    if word.upos != "PROPN" or word.deprel != "root" or not word.text[:1].isupper():
        return None
    if word.text.isupper() or (first + 1 < len(words) and words[first + 1].text == ":"):
        return None  # a rubric ("INSOLITE - …", "Insolite : …"), not a judgement
    if any(w.upos in ("VERB", "AUX") for w in words):
        return None
    return first


def _bare(children: list[Word]) -> bool:
    """No name parts, article, number or apposition hang on the word: "Juste"
    alone, not "Juste Leblanc" nor "le Grand Palais"."""
    return not any(
        c.deprel in ("flat", "flat:name", "det", "nummod", "appos", "compound") for c in children
    )


def _with_feature(word: Word, feature: str) -> Word:
    feats = sorted({f for f in (word.feats or "").split("|") if f} | {feature})
    return replace(word, feats="|".join(feats))


def stative_participles(words: list[Word]) -> list[Word]:
    """``words`` with the voice of past participles set from their own dependents:
    ``Voice=Pass`` added to predicative ones, and taken off the compound tense
    of a pronominal verb ("Paris s'était agacé": a past tense whose subject
    acts, often a speech verb, not a state); and ``ADJ_READING`` on the bare
    predicate of "qualifier Z de Y"."""
    participles = [
        i
        for i, w in enumerate(words)
        if w.upos == "VERB" and w.feat("VerbForm") == "Part" and w.feat("Tense") == "Past"
    ]
    nouns = [i for i, w in enumerate(words) if w.upos == "NOUN"]
    exclamation = _verbless_exclamation(words)
    if not participles and not nouns and exclamation is None:
        return words
    children = _children(words)
    changed: dict[int, Word] = {
        i: _with_feature(words[i], ADJ_READING)
        for i in nouns
        if _predicate_noun(words[i], children.get(words[i].id, []), words)
        or _prenominal_participle(words[i], children, words)
    }
    if exclamation is not None and _bare(children.get(words[exclamation].id, [])):
        changed[exclamation] = _with_feature(words[exclamation], ADJ_READING)
    for i in participles:
        word, own = words[i], children.get(words[i].id, [])
        if word.feat("Voice") == "Pass":
            if _pronominal(own):
                changed[i] = _with_voice(word, False)
        elif _is_stative(word, own):
            changed[i] = _with_voice(word, True)
    if not changed:
        return words
    return [changed.get(i, w) for i, w in enumerate(words)]
