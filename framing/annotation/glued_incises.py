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
# Imperfect forms of the irregular verbs above ("disait-il", "reprenait-elle").
_IRREGULAR_IMPERFECT_STEMS = {
    "dis": "dire",
    "conclu": "conclure",
    "poursuiv": "poursuivre",
    "reconnaiss": "reconnaître",
    "admett": "admettre",
    "écriv": "écrire",
    "répond": "répondre",
    "repren": "reprendre",
    "décriv": "décrire",
    "promett": "promettre",
    "avertiss": "avertir",
    "préven": "prévenir",
    "souten": "soutenir",
    "mainten": "maintenir",
    "conven": "convenir",
}
# Imperfect stems of auxiliaries, modals and other non-speech verbs that invert
# after a quote ("avait-il", "était-elle", "pouvait-on", "semblait-il").
_AUXILIARY_IMPERFECT_STEMS = frozenset(
    {
        "av",
        "ét",
        "aur",
        "ser",
        "pouv",
        "pourr",
        "dev",
        "devr",
        "fais",
        "fer",
        "all",
        "ir",
        "voul",
        "voudr",
        "sav",
        "saur",
        "fall",
        "faudr",
        "sembl",
        "par",
        "paraiss",
    }
)
# Only after these, where French inverts the subject of an inserted verb.
_INCISE_OPENERS = frozenset({",", "»", '"', "”", "“"})


# The reflexive clitic of a pronominal incise ("», s'amuse-t-elle", "», se
# lamente-t-il").
_REFLEXIVES = frozenset({"s'", "s’", "se"})


# The clitic subject of an incise the tokenizer did split ("insistaient" "-ils").
SPLIT_CLITIC = re.compile(r"^(?:-t)?-(?P<clitic>il|elle|ils|elles|on)$", re.IGNORECASE)


def glued_incises(words: list[Word]) -> list[Word]:
    """The words, with each inverted incise the tagger missed read as a finite verb:
    a verb glued to its clitic ("ajoute-t-elle"), or a verb split from it but
    tagged as a noun or adjective ("insistaient" "-ils"). The same list when
    there is none, as in nearly every sentence: no copy."""
    out: list[Word] | None = None
    for index, word in enumerate(words):
        before = index - 1
        if before > 0 and words[before].text.casefold() in _REFLEXIVES:
            before -= 1  # "», s'amuse-t-elle": a pronominal verb
        if index == 0 or words[before].text not in _INCISE_OPENERS:
            continue
        match = GLUED_INCISE.match(word.text)
        if match is not None:
            verb, clitic = match.group("verb"), match.group("clitic")
        elif word.upos in ("NOUN", "ADJ", "ADV", "PROPN") and index + 1 < len(words):
            after = index + 1
            if words[after].text.casefold() == "-t" and after + 1 < len(words):
                after += 1  # "soupire" "-t" "-il": the euphonic t split off too
            split = SPLIT_CLITIC.match(words[after].text)
            if split is not None:
                verb, clitic = word.text, split.group("clitic")
            elif _noun_read_incise(words, index, before):
                # "», objecte Paul Morel": the verb read as a noun, its subject after it
                verb, clitic = word.text, ("ils" if word.text.casefold().endswith("ent") else "il")
            else:
                continue
        else:
            continue
        guessed = guess_verb(verb)
        if guessed is None:
            continue
        lemma, tense = guessed
        number = "Plur" if clitic.casefold() in ("ils", "elles") else "Sing"
        if out is None:
            out = list(words)
        out[index] = replace(
            word,
            lemma=lemma,
            upos="VERB",
            feats=f"Mood=Ind|Number={number}|Person=3|Tense={tense}|VerbForm=Fin",
            deprel="parataxis:insert" if word.head else word.deprel,
        )
    return words if out is None else out


# Words that open an inverted subject after an incise verb.
_SUBJECT_OPENERS = frozenset(
    {"le", "la", "les", "l'", "l’", "un", "une", "ce", "cet", "cette", "son", "sa", "ses", "leur"}
)
_CLOSING_QUOTES = frozenset({"»", '"', "”"})


def _noun_read_incise(words: list[Word], index: int, before: int) -> bool:
    """A present-tense incise the tagger read as a noun or adjective: right
    after a closing quotation mark and a comma, in lower case, with no
    determiner of its own, and followed by its inverted subject (a name, a
    title or a determiner).
    Whatever the parser hung it on: "», objecte Erik Lie" comes out as the
    object of the quoted verb, "», soupire M. Roux" as an apposition. A noun
    with a determiner ("», la veille Paul Morel") is no verb; a form that is
    no -er present finds no lemma (``guess_verb``) and is left alone."""
    word = words[index]
    if words[before].text != "," or before == 0 or words[before - 1].text not in _CLOSING_QUOTES:
        return False
    if not word.text[:1].islower():
        return False  # "», Michèle Rubirola préconise": a name opens the clause
    if any(w.head == word.id and w.deprel == "det" for w in words):
        return False
    # the titles a name may open with ("», soupire M. Roux"), read as nouns by
    # the tagger; imported here, since phrases.py sits above this module
    from framing.annotation.phrases import NAME_TITLES

    following = words[index + 1]
    opener = following.text.casefold()
    return following.upos == "PROPN" or opener in _SUBJECT_OPENERS or opener in NAME_TITLES


def guess_verb(form: str) -> tuple[str, str] | None:
    """The infinitive and tense (``Pres`` or ``Imp``) of an incise verb form:
    "ajoute" -> ("ajouter", "Pres"), "expliquait" -> ("expliquer", "Imp"),
    "disaient" -> ("dire", "Imp"); None for anything else ("avait-il",
    "était-il", "pouvait-il", "aurait-il" are no speech verbs)."""
    lowered = form.casefold()
    if lowered.endswith(("ait", "aient")):
        imperfect = _imperfect_lemma(lowered)
        return None if imperfect is None else (imperfect, "Imp")
    present = guess_lemma(form)
    return None if present is None else (present, "Pres")


def _imperfect_lemma(lowered: str) -> str | None:
    """The infinitive of an imperfect third-person form, or None."""
    for ending in ("aient", "ait"):
        if lowered.endswith(ending):
            stem = lowered[: -len(ending)]
            break
    else:
        return None
    if stem in _IRREGULAR_IMPERFECT_STEMS:
        return _IRREGULAR_IMPERFECT_STEMS[stem]
    # -er verbs only: never an auxiliary or modal ("avait-il", "pouvait-il") or
    # a conditional ("déclarerait": its stem ends in -er)
    if stem in _AUXILIARY_IMPERFECT_STEMS or stem.endswith("er") or not stem[-1:].isalpha():
        return None
    if stem.endswith("ge"):  # "jugeait" -> "juger"
        stem = stem[:-1]
    if len(stem) < 3:
        return None
    if stem.endswith("ç"):  # "annonçait" -> "annoncer"
        stem = stem[:-1] + "c"
    return stem.removeprefix("s'") + "er"


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
