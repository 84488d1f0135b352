"""Every precheck of a rule set decided at once per sentence, as bits of an int.

A rule waits for cheap evidence before its search: a word for each of its
nodes' selective constraints (a lexicon mark, a lemma, ``Mood=Cnd`` ...) and
a word bearing each relation its edges name. :class:`rules.RuleSet` used to
test those checks one by one, each through a substring test on a string of
the sentence or an index built for it: about 30 tests per sentence, a third
of the time of all rule matching.

Here each check is a bit. What a word offers to the checks on its form,
lemma, tag and features (regular expressions on the form included) depends
only on the word's key, the (form, lemma, tag, features ...) tuple the
lexicon looks it up by, and the same keys recur all through a corpus: so the
bits a key passes are worked out once, from tables value -> bits filed when
the rule set is compiled, and remembered. A sentence passes the union of its
words' bits, plus those of its relations and lexicon marks (set
intersections per sentence). A rule is searched only if all of its bits are
set. The verdicts are exactly those of the one-by-one tests: a check passes
when some word of the sentence has one of its values.

Checks that fit no table (a regular expression on anything but the form, a
constraint of a kind added later) are still tested one by one with the
graph's own methods, so the verdicts stay the same whatever a rule file holds.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from functools import lru_cache, reduce
from operator import or_
from typing import TYPE_CHECKING

from framing.annotation.patterns import infinitive_fallback
from framing.annotation.rule_plans import MARK_FEATURES
from framing.types import Word

if TYPE_CHECKING:
    from framing.annotation.rules import Constraint, SentenceGraph

# Checks decided by the word alone (form, lemma, upos, feats) are memoized
# per word key; these per sentence.
_SENTENCE_FEATURES = ("xpos", "deprel")
_MEMO_LIMIT = 20_000  # word keys remembered; bounded so memory stays flat (lexicon.py)


@dataclass(frozen=True)
class Check:
    """One precheck: its constraint, and for a relation check the labels
    written ``rel:*`` (any subtype), which only the relation's family shows."""

    constraint: Constraint
    families: tuple[str, ...] = ()


class Prefilter:
    """The checks of a rule set, compiled into tables value -> bits."""

    def __init__(self, checks: Sequence[Check]) -> None:
        self.size = len(checks)
        # feature -> value -> bits of the checks that value satisfies
        self._tables: dict[str, dict[str, int]] = {}
        self._families: dict[str, int] = {}  # relation family ("obl") -> bits
        self._marks: dict[tuple[str, str], int] = {}  # (mark feature, value) -> bits
        self._form_regexes: list[tuple[int, Constraint]] = []
        self._other: list[tuple[int, Constraint]] = []  # tested one by one
        for position, check in enumerate(checks):
            self._file(1 << position, check)
        # word key -> bits its word passes
        self._word_bits = _WordBits(self._tables, self._form_regexes)

    def _file(self, bit: int, check: Check) -> None:
        constraint = check.constraint
        feature = "form" if constraint.feature == "text" else constraint.feature
        if not constraint.selects:  # prechecks are selective; anything else, as it was
            self._other.append((bit, constraint))
        elif constraint.regex is not None:
            target = self._form_regexes if feature == "form" else self._other
            target.append((bit, constraint))
        elif feature in MARK_FEATURES:
            for value in constraint.values:
                key = (feature, value)
                self._marks[key] = self._marks.get(key, 0) | bit
        else:
            # a word attribute, or a morphological feature filed as "Name=Value"
            # among the pairs of FEATS
            plain = feature in ("form", "lemma", "upos", *_SENTENCE_FEATURES)
            table = self._tables.setdefault(feature if plain else "feats", {})
            for value in constraint.values:
                key = value if plain else f"{feature}={value}"
                table[key] = table.get(key, 0) | bit
            for family in check.families:
                self._families[family] = self._families.get(family, 0) | bit

    def passed(self, graph: SentenceGraph) -> int:
        """The bits of the checks that some word of the sentence satisfies."""
        words = graph.word_list
        memo = self._word_bits
        if len(memo) >= _MEMO_LIMIT:
            memo.clear()  # bounded over any corpus; frequent words return
        found = reduce(or_, map(memo.__getitem__, graph.word_keys), 0)
        relations: set[str] | None = None
        for feature in _SENTENCE_FEATURES:
            table = self._tables.get(feature)
            if table:
                offered = _offered(words, feature)
                if feature == "deprel":
                    relations = offered
                found = reduce(or_, map(table.__getitem__, table.keys() & offered), found)
        if self._families:
            if relations is None:
                relations = _offered(words, "deprel")
            families = {relation.partition(":")[0] for relation in relations}
            found = reduce(
                or_, map(self._families.__getitem__, self._families.keys() & families), found
            )
        if self._marks and graph.marks:
            offered_marks = {
                (feature, value)
                for slot in graph.marks.values()
                for feature, values in slot.items()
                for value in values
            }
            found = reduce(
                or_, map(self._marks.__getitem__, self._marks.keys() & offered_marks), found
            )
        for bit, constraint in self._other:
            if graph.words_passing(constraint):
                found |= bit
        return found


def _offered(words: Sequence[Word], feature: str) -> set[str]:
    """The distinct values of a word attribute in the sentence ("" for none)."""
    offered = {getattr(w, feature) for w in words}
    if None in offered:
        offered.discard(None)
        offered.add("")
    return offered  # type: ignore[return-value]


class _WordBits(dict[Hashable, int]):
    """Word key -> the bits of the checks its word passes by its form, lemma,
    tag and features, worked out on first sight of the key (``__missing__``,
    so that a sentence's keys are looked up in one C-level pass). A key starts
    with the word's (form, lemma, UPOS, FEATS), as ``patterns.WordKey`` does."""

    def __init__(
        self, tables: dict[str, dict[str, int]], form_regexes: list[tuple[int, Constraint]]
    ) -> None:
        super().__init__()
        self.forms = tables.get("form", {})
        self.lemmas = tables.get("lemma", {})
        self.tags = tables.get("upos", {})
        self.pairs = tables.get("feats", {})  # "Name=Value" of FEATS
        self.form_regexes = form_regexes

    def __missing__(self, key: Hashable) -> int:
        text, lemma, upos, feats = key[:4]  # type: ignore[index]
        form = text.casefold()
        found = self.forms.get(form, 0) | self.tags.get(upos or "", 0)
        if self.lemmas:
            for value in key_lemmas(text, lemma, upos, feats):
                found |= self.lemmas.get(value, 0)
        if self.pairs and feats:
            for pair in feats.split("|"):
                found |= self.pairs.get(pair, 0)
        for bit, constraint in self.form_regexes:
            if constraint.regex.fullmatch(form):  # type: ignore[union-attr]
                found |= bit
        self[key] = found
        return found


def word_lemmas(word: Word) -> tuple[str, ...]:
    """The word's lemma casefolded, plus the infinitive of a participle the
    lemmatizer missed (``patterns.infinitive_fallback``)."""
    return key_lemmas(word.text, word.lemma, word.upos, word.feats)


def key_lemmas(
    text: str, lemma: str | None, upos: str | None, feats: str | None
) -> tuple[str, ...]:
    """:func:`word_lemmas` of the word with these form, lemma, UPOS and FEATS."""
    if upos in ("VERB", "AUX"):
        return verb_lemmas(text, lemma, upos, feats)
    return (lemma.casefold(),) if lemma else ()


@lru_cache(maxsize=1 << 12)
def verb_lemmas(
    text: str, lemma: str | None, upos: str | None, feats: str | None
) -> tuple[str, ...]:
    """:func:`word_lemmas` of a verb, memoized by what it reads."""
    found = [lemma.casefold()] if lemma else []
    infinitive = infinitive_fallback(Word(0, text, lemma, upos, None, feats))
    if infinitive and infinitive not in found:
        found.append(infinitive)
    return tuple(found)
