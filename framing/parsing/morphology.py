"""Morphological features the tagger misses, restored from the form and the lemma.

The embedded tagger almost never predicts ``Mood=Cnd``: on the development
files it gives 6 of 31 gold conditionals, reading "pourrait", "devraient",
"seraient" as present indicatives. The conditional is what the reporting-hedge
rules look for, and the parser reads the features too. Yet French spells the
conditional regularly: the verb's future stem (the infinitive, less the final
"e" of "-re" verbs, or one of a closed list of irregular stems: "aur-",
"pourr-", "viendr-" ...) followed by an imperfect ending ("-ais", "-ait",
"-ions", "-iez", "-aient"). No imperfect shares that spelling (imperfects are
built on another stem: "tirait" / "tirerait", "courait" / "courrait"), so given
the right lemma the form decides, and a wrong lemma simply finds no stem.

:func:`repair_features` runs between tagging and parsing (see
``framing.parsing.parser``). It only adds features the spelling proves; it never
takes a feature away. ``benchmarks/parser_accuracy.py`` measures it on the
held-out files (system ``stanza+repairs``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Protocol

# Bump when a repair changes what it writes: part of the parse cache key.
MORPHOLOGY_VERSION = 1


class TaggedWord(Protocol):
    """What a repair reads and writes: Stanza's ``Word`` has these attributes."""

    text: str
    lemma: str | None
    upos: str | None
    feats: str | None


# Future stems that are not the infinitive's. Looked up by the whole lemma.
_IRREGULAR_STEMS: dict[str, tuple[str, ...]] = {
    "être": ("ser",),
    "avoir": ("aur",),
    "aller": ("ir",),
    "pouvoir": ("pourr",),
    "vouloir": ("voudr",),
    "devoir": ("devr",),
    "savoir": ("saur",),
    "falloir": ("faudr",),
    "pleuvoir": ("pleuvr",),
    "mourir": ("mourr",),
    "prévoir": ("prévoir",),
    "pourvoir": ("pourvoir",),
    "dépourvoir": ("dépourvoir",),
    "surseoir": ("surseoir",),
}

# Irregular stems that their prefixed compounds share ("revenir" -> "reviendr",
# "satisfaire" -> "satisfer"). Looked up by the longest ending of the lemma;
# only endings that no unrelated verb has ("aller" is not here: "installer").
_COMPOUND_STEMS: dict[str, tuple[str, ...]] = {
    "faire": ("fer",),
    "voir": ("verr",),
    "venir": ("viendr",),
    "tenir": ("tiendr",),
    "courir": ("courr",),
    "quérir": ("querr",),
    "cueillir": ("cueiller",),
    "envoyer": ("enverr",),
    "cevoir": ("cevr",),
    "mouvoir": ("mouvr",),
    "valoir": ("vaudr",),
    "asseoir": ("assiér", "assoir", "asseyer"),
}

_VOWELS = "aeiouyàâäéèêëîïôöùûü"
# "mener" -> "mèner-", "céder" -> "cèder-" (1990 spelling), "appeler" ->
# "appeller-", "nettoyer" -> "nettoier-": alternative stems of "-er" verbs.
_GRAVE_E = re.compile(rf"^(.*)[eé]([^{_VOWELS}]+)er$")
_DOUBLED = re.compile(r"^(.*)e([lt])er$")
_YER = re.compile(r"^(.*)yer$")

# Conditional endings: Number, and Person where the ending decides it.
_ENDINGS: tuple[tuple[str, str, str | None], ...] = (
    ("aient", "Plur", "3"),
    ("ions", "Plur", "1"),
    ("iez", "Plur", "2"),
    ("ais", "Sing", None),  # first or second person: the tagger's, else first
    ("ait", "Sing", "3"),
)


def future_stems(lemma: str) -> tuple[str, ...]:
    """The future (and conditional) stems of a French verb, from its infinitive.

    Returns ``()`` for a lemma that is no infinitive (a noun the lemmatizer
    produced). Extra stems are harmless: no imperfect spells any of them.
    """
    lemma = lemma.lower()
    if lemma in _IRREGULAR_STEMS:
        return _IRREGULAR_STEMS[lemma]
    for ending in sorted(_COMPOUND_STEMS, key=len, reverse=True):
        if lemma.endswith(ending):
            prefix = lemma[: -len(ending)]
            return tuple(prefix + stem for stem in _COMPOUND_STEMS[ending])
    if lemma.endswith("er"):
        stems = [lemma]
        for pattern, replacement in (
            (_GRAVE_E, r"\1è\2er"),
            (_DOUBLED, r"\1e\2\2er"),
            (_YER, r"\1ier"),
        ):
            if pattern.match(lemma):
                stems.append(pattern.sub(replacement, lemma))
        return tuple(stems)
    if lemma.endswith("ir") or lemma.endswith("ïr"):
        return (lemma,)
    if lemma.endswith("re"):
        return (lemma[:-1],)
    return ()


def conditional_person_number(form: str, lemma: str) -> tuple[str, str | None] | None:
    """``(Number, Person)`` when ``form`` spells the conditional of ``lemma``, else None.

    Person is None for "-ais", which is the first or the second person singular.
    """
    form = form.lower()
    stems = future_stems(lemma)
    for ending, number, person in _ENDINGS:
        if form.endswith(ending) and form[: -len(ending)] in stems:
            return number, person
    return None


def parse_feats(feats: str | None) -> dict[str, str]:
    """``"Mood=Ind|Tense=Pres"`` -> ``{"Mood": "Ind", "Tense": "Pres"}``."""
    if not feats or feats == "_":
        return {}
    return dict(item.split("=", 1) for item in feats.split("|") if "=" in item)


def format_feats(features: dict[str, str]) -> str | None:
    """The UD FEATS string, features sorted case-insensitively as CoNLL-U wants."""
    if not features:
        return None
    return "|".join(f"{k}={features[k]}" for k in sorted(features, key=str.lower))


def repair_french_conditional(word: TaggedWord) -> bool:
    """Give a French conditional verb ``Mood=Cnd|Tense=Pres``; True when it changed."""
    if word.upos not in ("VERB", "AUX") or not word.lemma:
        return False
    found = conditional_person_number(word.text, word.lemma)
    if found is None:
        return False
    number, person = found
    features = parse_feats(word.feats)
    if person is None:
        person = features.get("Person") if features.get("Person") in ("1", "2") else "1"
    wanted = {"Mood": "Cnd", "Tense": "Pres", "VerbForm": "Fin", "Number": number, "Person": person}
    repaired = {k: v for k, v in features.items() if k != "Gender"}
    repaired.update(wanted)
    new = format_feats(repaired)
    if new == word.feats:
        return False
    word.feats = new
    return True


# Repairs per language, applied in order to every word.
REPAIRS: dict[str, tuple[Callable[[TaggedWord], bool], ...]] = {
    "fr": (repair_french_conditional,),
}


def repair_features(words: Iterable[TaggedWord], language: str) -> int:
    """Apply the language's repairs to ``words`` in place; return how many changed."""
    repairs = REPAIRS.get(language, ())
    changed = 0
    for word in words:
        for repair in repairs:
            changed += repair(word)
    return changed
