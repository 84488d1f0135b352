"""Inverted incises the tokenizer leaves in one piece ("», ajoute-t-elle",
"», conclut-elle", "», dit-il"): the tagger reads such a token as a pronoun or
a noun, so no speech verb is found. Over the OrangeSum sample about a hundred
incises are lost this way. Each such token after a comma or a closing quote
is read again as a present-tense verb, its lemma guessed from the form, and
hung as an inserted clause; the clitic inside it is the speaker
(speakers.py, pronouns.py).
"""

from __future__ import annotations

import re
from dataclasses import replace

from framing.types import Word

# "ajoute-t-elle", "dit-il", "poursuivent-ils": a verb form glued to its clitic.
GLUED_INCISE = re.compile(
    r"^(?P<verb>[^\W\d_][\w']*[^\W\d_])(?:-t)?-(?P<clitic>il|elle|ils|elles|on)$", re.IGNORECASE
)
# Forms of speech verbs that are no -er verbs, with their lemma.
_IRREGULAR = {
    "dit": "dire",
    "disent": "dire",
    "conclut": "conclure",
    "concluent": "conclure",
    "poursuit": "poursuivre",
    "poursuivent": "poursuivre",
    "reconnait": "reconnaître",
    "reconnaît": "reconnaître",
    "reconnaissent": "reconnaître",
    "admet": "admettre",
    "écrit": "écrire",
    "écrivent": "écrire",
    "répond": "répondre",
    "répondent": "répondre",
    "reprend": "reprendre",
    "reprennent": "reprendre",
    "décrit": "décrire",
    "promet": "promettre",
    "avertit": "avertir",
    "prévient": "prévenir",
    "soutient": "soutenir",
    "maintient": "maintenir",
    "convient": "convenir",
}
# Only after these, where French inverts the subject of an inserted verb.
_INCISE_OPENERS = frozenset({",", "»", '"', "”", "“"})


def glued_incises(words: list[Word]) -> list[Word]:
    """The words, with each glued inverted incise read as a finite verb (the
    same list when there is none, as in nearly every sentence: no copy)."""
    out: list[Word] | None = None
    for index, word in enumerate(words):
        if "-" not in word.text:  # cheaper than the regex, and true of most words
            continue
        match = GLUED_INCISE.match(word.text)
        if match is None or index == 0 or words[index - 1].text not in _INCISE_OPENERS:
            continue
        lemma = guess_lemma(match.group("verb"))
        if lemma is None:
            continue
        number = "Plur" if match.group("clitic").casefold() in ("ils", "elles") else "Sing"
        if out is None:
            out = list(words)
        out[index] = replace(
            word,
            lemma=lemma,
            upos="VERB",
            feats=f"Mood=Ind|Number={number}|Person=3|Tense=Pres|VerbForm=Fin",
            deprel="parataxis:insert" if word.head else word.deprel,
        )
    return words if out is None else out


def guess_lemma(form: str) -> str | None:
    """The infinitive of a present-tense form: the irregular table, else the
    -er verb ("ajoute", "expliquent", "martèle" -> "marteler"); None for a
    form that is neither (an auxiliary, a modal: "est-il", "peut-il")."""
    lowered = form.casefold()
    if lowered in _IRREGULAR:
        return _IRREGULAR[lowered]
    stem = lowered[:-2] if lowered.endswith("ent") else lowered
    if not stem.endswith("e") or len(stem) < 4:
        return None
    stem = stem[:-1]
    if "è" in stem[-3:]:
        # "martèle" -> "marteler", "s'inquiète" -> "inquiéter": both are tried
        # by the lexicon through its tagger-lemma alternatives; take the é form
        # for -éter/-érer verbs, the plain e otherwise
        index = stem.rindex("è")
        accent = "é" if stem[index + 1 :] in ("t", "r", "g", "d") else "e"
        stem = stem[:index] + accent + stem[index + 1 :]
    return stem.removeprefix("s'") + "er"
