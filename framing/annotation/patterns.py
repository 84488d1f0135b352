"""Token patterns: the ``match`` of a lexicon entry, compiled and run over words.

A pattern is a sequence of token specs (form/lemma globs, UPOS, features) and
gaps, matched against the syntactic words of one sentence. The phrase
shorthand ``"forces <0-2> de maintien de la paix"`` compiles to the same
structure. Matching is deterministic: for a given start, the first success in
the order "shortest gap first, optional spec taken before skipped" wins.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from typing import Any

from framing.annotation.glued_incises import glued_incises, guess_verb
from framing.annotation.stative_participles import stative_participles
from framing.types import Sentence, Word

APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'"})
_GAP = re.compile(r"^<(\d+)(?:-(\d+))?>$")
_ELISION = re.compile(r"(?<=['’])(?=\S)")


class PatternError(ValueError):
    """A ``match`` value that cannot be compiled."""


EXACT_KEY = "="  # marks an index key that is a whole normalized form or lemma
PREFIX_KEY_LENGTH = 5  # globs are indexed by up to this many leading literal letters


@lru_cache(maxsize=1 << 13)
def normalize(text: str, case_sensitive: bool = False) -> str:
    """Fold apostrophes (and case unless sensitive) for comparisons."""
    text = text.translate(APOSTROPHES)
    return text if case_sensitive else text.casefold()


_BRACES = re.compile(r"\{([^{}]*)\}")


def expand_braces(source: str) -> list[str]:
    """Expand shell-style alternatives: ``apparent{,e,s,es}`` -> apparent, apparente, ...

    Globs alone cannot say "these endings and no others" (``apparent*`` also
    takes "apparentement"); alternatives can. Several groups multiply out;
    groups do not nest.
    """
    depth = 0
    for char in source:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth not in (0, 1):
            raise PatternError(f"unbalanced or nested braces in {source!r}")
    if depth:
        raise PatternError(f"unbalanced or nested braces in {source!r}")
    return _expand(source)


def _expand(source: str) -> list[str]:
    found = _BRACES.search(source)
    if found is None:
        return [source]
    head, tail = source[: found.start()], source[found.end() :]
    return [
        expanded
        for choice in found.group(1).split(",")
        for expanded in _expand(head + choice + tail)
    ]


# Characters whose case-insensitive regex match differs from casefold equality
# ("ß" casefolds to "ss", the dotted "İ" to "i" + a dot, "µ" to a Greek mu ...).
_SPECIAL_CASE = frozenset("ßſıİµ")


def _simple_case(text: str) -> bool:
    """Whether casefold comparison and the regex's IGNORECASE agree on ``text``:
    Latin letters up to Latin Extended-B, less the few with special foldings.
    Other text goes through the glob's regex, so the set and prefix shortcuts
    never change what a glob matches."""
    return text.isascii() or all(ord(c) < 0x250 and c not in _SPECIAL_CASE for c in text)


@dataclass(frozen=True)
class Glob:
    """A shell-style glob over normalized text, compiled once.

    Besides ``*``, ``?`` and ``[...]``, a ``{a,b}`` group lists alternatives.
    """

    source: str
    case_sensitive: bool = False
    # For a glob without wildcards: the normalized text it equals (a string
    # comparison is much cheaper than a regex on the hot path).
    literal: str | None = field(init=False, compare=False, repr=False)
    # The compiled regex, made on first use (``regex``): a compiled annotator
    # holds some 4,000 globs, and compiling them all when it is unpickled cost
    # about a second of every command's start, most of them never used by a
    # one-sentence ``framing explain``. Never pickled (``__getstate__``).
    _regex: re.Pattern[str] | None = field(init=False, compare=False, repr=False, default=None)

    # Brace alternatives with no wildcard ("am{er,ère,ers,ères}"): the set of
    # normalized words the glob equals; alternatives that each end in a single
    # "*" and have no other wildcard ("émeutier*"): their normalized prefixes.
    # Most lexicon globs are one or the other and never need their regex.
    words: frozenset[str] | None = field(init=False, compare=False, repr=False, default=None)
    prefixes: tuple[str, ...] | None = field(init=False, compare=False, repr=False, default=None)

    def __post_init__(self) -> None:
        alternatives = expand_braces(self.source)  # refuses unbalanced or nested braces
        literal = normalize(self.source, self.case_sensitive) if self.is_literal else None
        object.__setattr__(self, "literal", literal)
        if literal is not None or not _simple_case(self.source):
            return
        if not any(re.search(r"[*?\[]", a) for a in alternatives):
            words = frozenset(normalize(a, self.case_sensitive) for a in alternatives)
            object.__setattr__(self, "words", words)
        elif all(a.endswith("*") and not re.search(r"[*?\[]", a[:-1]) for a in alternatives):
            prefixes = tuple(
                dict.fromkeys(normalize(a[:-1], self.case_sensitive) for a in alternatives)
            )
            object.__setattr__(self, "prefixes", prefixes)

    @property
    def regex(self) -> re.Pattern[str]:
        """The glob as a regex over normalized text, compiled the first time it is asked for."""
        if self._regex is None:
            flags = 0 if self.case_sensitive else re.IGNORECASE
            alternatives = expand_braces(normalize(self.source, True))
            translated = "|".join(fnmatch.translate(alternative) for alternative in alternatives)
            object.__setattr__(self, "_regex", re.compile(translated, flags))
        return self._regex  # type: ignore[return-value]

    def __getstate__(self) -> dict[str, object]:
        state = dict(self.__dict__)
        state["_regex"] = None
        return state

    def matches(self, text: str | None) -> bool:
        if text is None:
            return False
        if self.literal is not None:
            return normalize(text, self.case_sensitive) == self.literal
        if self.words is not None and _simple_case(text):
            return normalize(text, self.case_sensitive) in self.words
        if self.prefixes is not None and _simple_case(text):
            return normalize(text, self.case_sensitive).startswith(self.prefixes)
        return self.regex.match(normalize(text, True)) is not None

    @property
    def literal_prefix(self) -> str:
        """Leading characters before any wildcard (used to index entries)."""
        prefix = re.split(r"[*?\[{]", self.source, maxsplit=1)[0]
        return normalize(prefix)

    @property
    def literal_prefixes(self) -> tuple[str, ...]:
        """The literal prefix of each ``{a,b}`` alternative: the keys the glob is indexed under.

        ``{scandaleu,honteu}x`` has no common prefix, but each alternative has
        one ("scandaleux", "honteux"); without them the glob could not be
        indexed and its entry would be tried at every word of every sentence.
        An empty string among them means some alternative starts with a
        wildcard (or the glob does), so the glob cannot be indexed.
        """
        alternatives = expand_braces(self.source)
        return tuple(
            dict.fromkeys(normalize(re.split(r"[*?\[]", a, maxsplit=1)[0]) for a in alternatives)
        )

    @property
    def is_literal(self) -> bool:
        return not re.search(r"[*?\[{]", self.source)


_PARTICIPLE_AGREEMENT = re.compile(r"(?:e|s|es)$")


def participle_infinitive(word: Word) -> str | None:
    """The infinitive of a past participle whose lemma the lemmatizer left as the form.

    A frequent lemmatizer error ("a résumé" -> lemma "résumé", "a démenti" ->
    "démenti") would hide verbs that entries name by lemma. For a VERB/AUX
    participle whose lemma is not an infinitive, the regular infinitive is
    rebuilt: -é(e)(s) -> -er, -i(e)(s) -> -ir. Other endings give None.
    """
    if word.upos not in ("VERB", "AUX") or word.feat("VerbForm") != "Part":
        return None
    lemma = (word.lemma or word.text).casefold()
    if lemma.endswith(("er", "ir", "re")):
        return None
    stem = word.text.casefold()
    if not stem.endswith(("é", "i")):
        stem = _PARTICIPLE_AGREEMENT.sub("", stem)
    if stem.endswith("é"):
        return stem[:-1] + "er"
    if stem.endswith("i"):
        return stem + "r"
    return None


def finite_infinitive(word: Word) -> str | None:
    """The -er infinitive of a finite verb form whose lemma the lemmatizer got wrong.

    On words it does not know the lemmatizer returns the form ("objecte",
    "soupire", "cingle", "tance") or a wrong infinitive ("réitère" ->
    "réiter", "relativise" -> "relativer"), which hides the verbs that
    entries name by lemma; over the OrangeSum sample about one incise verb in
    three hundred is lost this way. For a VERB that is no participle and no
    infinitive (the tagger calls "parie" an infinitive) the present or
    imperfect -er infinitive is rebuilt from the
    form (``glued_incises.guess_verb``) and offered beside the tagger's
    lemma; a form that is no -er present or imperfect gives None, and so
    does a guess equal to the lemma.
    """
    if word.upos != "VERB" or word.feat("VerbForm") == "Part":
        return None
    if word.text.casefold().endswith(("er", "ir")):
        # an infinitive (the tagger's VerbForm is no help on unknown forms);
        # "-re" is left in, for "déclare", "exaspère" ("dire" guesses no -er verb)
        return None
    guessed = guess_verb(word.text)
    if guessed is None:
        return None
    infinitive = guessed[0]
    return None if infinitive == (word.lemma or "").casefold() else infinitive


def infinitive_fallback(word: Word) -> str | None:
    """The infinitive to try when the tagger's lemma of a verb matches no entry:
    :func:`participle_infinitive` for a participle, :func:`finite_infinitive`
    for a finite form. Memoized by what it reads, since token specs ask it
    for every verb whose lemma they do not match."""
    if word.upos not in ("VERB", "AUX"):
        return None
    return _verb_infinitive(word.text, word.lemma, word.upos, word.feats)


@lru_cache(maxsize=1 << 12)
def _verb_infinitive(
    text: str, lemma: str | None, upos: str | None, feats: str | None
) -> str | None:
    word = Word(0, text, lemma, upos, None, feats)
    return participle_infinitive(word) or finite_infinitive(word)


def head_word(words: Sequence[Word], word: Word) -> Word | None:
    """The syntactic head of ``word`` among the sentence's ``words`` (None for the root)."""
    if not word.head or word.head > len(words):
        return None
    return words[word.head - 1]


def refused_dependent(spec: TokenSpec, words: Sequence[Word], position: int) -> Word | None:
    """The first dependent of the word at ``position`` that ``spec`` matches, if any."""
    for word in words:
        if word.head == position + 1 and spec.matches_word(word):
            return word
    return None


def adjectival_participle(word: Word) -> bool:
    """A past participle that UD French tags VERB where the word works as an adjective.

    The French treebanks tag most participles VERB even when they describe a
    noun or follow "être": in GSD's dev file, -é forms modifying a noun are
    238 times VERB (acl) for 65 times ADJ (amod), and after "être" 145 times
    VERB (aux:pass) for 7 times ADJ (cop). Their mark is ``Voice=Pass``, which
    the treebanks never put on the participle of an active compound tense
    ("a tendu la main"). So a spec asking for ADJ also accepts this reading,
    or "un discours mesuré" and "la situation reste tendue" would be missed
    whenever the tagger follows its training data.
    """
    return word.upos == "VERB" and word.feat("VerbForm") == "Part" and word.feat("Voice") == "Pass"


@dataclass(frozen=True)
class TokenSpec:
    """Constraints on one syntactic word."""

    form: Glob | None = None
    lemma: Glob | None = None
    upos: frozenset[str] = frozenset()
    feats: tuple[tuple[str, str], ...] = ()
    optional: bool = False
    participle: bool = True  # ADJ also accepts an adjectival participle tagged VERB
    # The word's syntactic head must match this spec ("mesuré" describing
    # "discours" or "ton"): a one-word entry whose sense depends on what it
    # describes. Checked in the sentence, so such entries are not memoized.
    head: TokenSpec | None = None
    # The word's head must not match this spec ("tendu" except under "fil",
    # "main"): where the literal senses are the few heads to leave out and
    # the evaluative ones too many to list (a root or "reste" for "la
    # situation reste tendue"). A word with no head passes.
    head_not: TokenSpec | None = None
    # No syntactic dependent of the word may match this spec ("colère" but not
    # "en colère", "crise" but not "crise sanitaire"): where one dependent
    # marks the sense to refuse, whatever the word's head.
    dependent_not: TokenSpec | None = None
    # Some syntactic dependent of the word must match this spec ("présence"
    # only with "forces" or "troupes" under it): where the wanted sense is
    # marked by a dependent that the span must not include.
    dependent: TokenSpec | None = None

    def matches_in(self, words: Sequence[Word], position: int) -> bool:
        """The word at ``position`` matches, its head satisfies ``head`` and ``head_not``,
        none of its dependents matches ``dependent_not`` and one matches ``dependent``."""
        word = words[position]
        if not self.matches_word(word):
            return False
        refused = self.dependent_not
        if refused is not None and refused_dependent(refused, words, position):
            return False
        wanted = self.dependent
        if wanted is not None and refused_dependent(wanted, words, position) is None:
            return False
        if self.head is None and self.head_not is None:
            return True
        governor = head_word(words, word)
        if self.head is not None and (governor is None or not self.head.matches_word(governor)):
            return False
        return not (
            self.head_not is not None
            and governor is not None
            and self.head_not.matches_word(governor)
        )

    def matches_word(self, word: Word) -> bool:
        # the tag first: a set lookup that turns most words away before any glob
        if self.upos and word.upos not in self.upos and not self.adjective_reading(word):
            return False
        if self.form and not self.form.matches(word.text):
            return False
        if self.lemma and not self.lemma.matches(word.lemma):
            infinitive = infinitive_fallback(word)
            if infinitive is None or not self.lemma.matches(infinitive):
                return False
        return all(word.feat(name) == value for name, value in self.feats)

    @property
    def needs_sentence(self) -> bool:
        """Whether the spec looks beyond the word itself (so a verdict cannot be memoized)."""
        return (
            self.head is not None
            or self.head_not is not None
            or self.dependent_not is not None
            or self.dependent is not None
        )

    def adjective_reading(self, word: Word) -> bool:
        """An ADJ spec accepting a participle the tagger (following the treebanks) tagged
        VERB, or the predicate of "qualifier Z de Y" it tagged NOUN (stative_participles.py)."""
        if "ADJ" not in self.upos:
            return False
        return (self.participle and adjectival_participle(word)) or word.feat("AdjReading") == "Yes"

    def matches_surface(self, surface: str) -> bool:
        """A form-only spec may match a whole multiword token ("du", "aux")."""
        return (
            self.form is not None
            and not self.needs_sentence
            and self.lemma is None
            and not self.upos
            and not self.feats
            and self.form.matches(surface)
        )

    def describe(self) -> str:
        parts = []
        if self.form:
            parts.append(f"form={self.form.source}")
        if self.lemma:
            parts.append(f"lemma={self.lemma.source}")
        if self.upos:
            parts.append("upos=" + "|".join(sorted(self.upos)))
        parts.extend(f"{k}={v}" for k, v in self.feats)
        if not self.participle:
            parts.append("participle=no")
        if self.head is not None:
            parts.append("head=" + self.head.describe())
        if self.head_not is not None:
            parts.append("head_not=" + self.head_not.describe())
        if self.dependent_not is not None:
            parts.append("dependent_not=" + self.dependent_not.describe())
        if self.dependent is not None:
            parts.append("dependent=" + self.dependent.describe())
        return "[" + ", ".join(parts) + ("]?" if self.optional else "]")


@dataclass(frozen=True)
class Gap:
    """Between ``low`` and ``high`` arbitrary words."""

    low: int
    high: int

    def describe(self) -> str:
        return f"<{self.low}-{self.high}>"


Element = TokenSpec | Gap


@dataclass(frozen=True)
class Pattern:
    """A compiled ``match``: elements in order."""

    elements: tuple[Element, ...]
    source: str

    @property
    def specs(self) -> list[TokenSpec]:
        return [e for e in self.elements if isinstance(e, TokenSpec)]

    def anchor_keys(self) -> list[str] | None:
        """Index keys for the first spec, from its form/lemma.

        A literal form or lemma gives an exact key (``"=manifestant"``), a glob
        the first letters of its literal prefix (``"effro"`` for ``effronté*``),
        one per ``{a,b}`` alternative (``"scand"``, ``"honte"`` for
        ``{scandaleu,honteu}x``); a word offers both kinds (see ``index_keys``).
        ``None`` means the pattern cannot be anchored (it starts with a gap or an
        optional spec, or a glob with no literal prefix) and must be tried at
        every position.
        """
        first = self.elements[0]
        if not isinstance(first, TokenSpec) or first.optional:
            return None
        for glob in (first.form, first.lemma):
            if glob is not None and glob.is_literal:
                return [EXACT_KEY + normalize(glob.source)]
        keys = []
        for glob in (first.form, first.lemma):
            if glob is not None:
                prefixes = glob.literal_prefixes
                if not all(prefixes):
                    return None
                keys.extend(prefix[:PREFIX_KEY_LENGTH] for prefix in prefixes)
        return list(dict.fromkeys(keys)) or None

    @cached_property
    def wildcards(self) -> int:
        """How many of the pattern's words are globs rather than literal words.

        Among overlapping matches of equal length, the more literal entry wins
        ("effrontément" over "effronté*").
        """
        return sum(
            1
            for spec in self.specs
            if any(g is not None and not g.is_literal for g in (spec.form, spec.lemma))
        )

    @cached_property
    def required_strings(self) -> tuple[str, ...]:
        """Normalized words that a matching sentence must offer (as a form,
        lemma or multiword surface), one per required literal spec.

        Lets a pattern skip sentences that lack one of its literal words: "?tat
        d'urgence" without "urgence", "de grande ampleur" without "ampleur".
        """
        found = []
        for spec in self.specs:
            if spec.optional:
                continue
            for glob in (spec.form, spec.lemma):
                if glob is not None and glob.is_literal:
                    found.append(normalize(glob.source))
                    break
        return tuple(found)

    @cached_property
    def required_groups(self) -> tuple[frozenset[str], ...]:
        """For each required spec whose form or lemma is a list of literal
        words (``{manière,façon}``) rather than one, those words normalized:
        a matching sentence offers one of each list (see :func:`offers`).

        Lets "de {manière,façon} {abusive,...}" skip the sentences without
        "manière" or "façon" instead of being tried at every "de". Only lists
        of letters whose case-insensitive match agrees with casefolding are
        kept, so that the test never refuses a sentence the match would take.
        """
        found = []
        for spec in self.specs:
            if spec.optional:
                continue
            for glob in (spec.form, spec.lemma):
                if glob is None or glob.is_literal:
                    continue
                alternatives = expand_braces(glob.source)
                if all(_SAFE_LETTERS.issuperset(normalize(a)) for a in alternatives):
                    found.append(frozenset(normalize(a) for a in alternatives))
                    break
        return tuple(found)

    def describe(self) -> str:
        return " ".join(e.describe() for e in self.elements)


# Characters a word of a ``{a,b}`` list may hold for :attr:`Pattern.required_groups`:
# a text character matches one of them case-insensitively only if it casefolds
# to it, except the Turkish dotted and dotless i (see :func:`offers`).
_SAFE_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzàâäçéèêëîïôöùûüÿœæ0123456789'- ")
# casefolded forms of İ and ı hold one of these: where a sentence has them, the
# lists are not relied on
_DOTTED_I = ("\u0307", "\u0131")


def offers(present: set[str], groups: tuple[frozenset[str], ...]) -> bool:
    """Whether a sentence whose words offer the strings ``present`` (normalized
    forms, lemmas, multiword surfaces, infinitives) may match a pattern with
    these :attr:`Pattern.required_groups`: it holds one word of each, or it
    has a Turkish dotted or dotless i, which ``re.IGNORECASE`` matches with
    "i" though it casefolds otherwise (see :func:`dotted_i`)."""
    return offers_each(present, groups) or dotted_i(present)


def offers_each(present: set[str], groups: tuple[frozenset[str], ...]) -> bool:
    """Whether ``present`` holds one word of each group."""
    for group in groups:  # noqa: SIM110 - a loop: no generator per call on this hot path
        if present.isdisjoint(group):
            return False
    return True


def dotted_i(present: set[str]) -> bool:
    """Whether some string of ``present`` holds a casefolded Turkish İ or ı, for
    which the word lists of :attr:`Pattern.required_groups` are not relied on."""
    joined = "".join(present)
    return any(char in joined for char in _DOTTED_I)


@dataclass(frozen=True)
class Span:
    """A match: word positions ``start``..``end`` (exclusive) in ``Sentence.words``."""

    start: int
    end: int
    matched: tuple[int, ...]  # positions consumed by specs (not by gaps)


def _spec_from_mapping(data: dict[str, Any], default_case: str) -> TokenSpec:
    case_sensitive = (data.get("case") or default_case) == "sensitive"
    upos = data.get("upos")
    upos_set = frozenset([upos] if isinstance(upos, str) else (upos or []))
    feats = tuple(sorted((str(k), str(v)) for k, v in (data.get("feats") or {}).items()))
    return TokenSpec(
        form=Glob(str(data["form"]), case_sensitive) if data.get("form") is not None else None,
        lemma=Glob(str(data["lemma"]), case_sensitive) if data.get("lemma") is not None else None,
        upos=upos_set,
        feats=feats,
        optional=bool(data.get("optional", False)),
        participle=bool(data.get("participle", True)),
        head=_head_spec(data, "head", default_case),
        head_not=_head_spec(data, "head_not", default_case),
        dependent_not=_head_spec(data, "dependent_not", default_case),
        dependent=_head_spec(data, "dependent", default_case),
    )


def _head_spec(data: dict[str, Any], key: str, default_case: str) -> TokenSpec | None:
    """``head``, ``head_not``, ``dependent_not`` or ``dependent`` of a token spec: a spec for one
    neighbour in the tree (the governor or a dependent), one level deep."""
    spec = data.get(key)
    if spec is None:
        return None
    if not isinstance(spec, dict):
        raise PatternError(f"{key} must be a token spec mapping, not {spec!r}")
    for inner in ("head", "head_not", "dependent_not", "dependent", "optional"):
        if inner in spec:
            raise PatternError(f"a {key} spec cannot have its own {inner!r}")
    return _spec_from_mapping(spec, default_case)


def _parse_gap(value: Any) -> Gap:
    if isinstance(value, int):
        return Gap(value, value)
    found = re.fullmatch(r"(\d+)-(\d+)", str(value))
    if not found:
        raise PatternError(f"gap {value!r} must be a number or 'low-high'")
    low, high = int(found.group(1)), int(found.group(2))
    if low > high:
        raise PatternError(f"gap {value!r}: low is above high")
    return Gap(low, high)


def _phrase_elements(phrase: str, default_case: str) -> list[Element]:
    elements: list[Element] = []
    case_sensitive = default_case == "sensitive"
    for piece in phrase.split():
        gap = _GAP.match(piece)
        if gap:
            low = int(gap.group(1))
            high = int(gap.group(2)) if gap.group(2) is not None else low
            if low > high:
                raise PatternError(f"gap {piece!r}: low is above high")
            elements.append(Gap(low, high))
            continue
        upos: frozenset[str] = frozenset()
        if "/" in piece and piece.rsplit("/", 1)[1].isupper():
            piece, tag = piece.rsplit("/", 1)
            upos = frozenset(tag.split("|"))
        parts = [p for p in _ELISION.split(piece) if p]
        for index, part in enumerate(parts):
            last = index == len(parts) - 1
            elements.append(
                TokenSpec(form=Glob(part, case_sensitive), upos=upos if last else frozenset())
            )
    return elements


def compile_match(match: Any, default_case: str = "insensitive") -> Pattern:
    """Compile a lexicon ``match`` value (string, mapping or list)."""
    if isinstance(match, str):
        elements = _phrase_elements(match, default_case)
        source = match
    elif isinstance(match, dict):
        elements = [_spec_from_mapping(match, default_case)]
        source = _describe_source(match)
    elif isinstance(match, list):
        elements = []
        for item in match:
            if not isinstance(item, dict):
                raise PatternError(f"list items must be mappings, not {item!r}")
            if "gap" in item:
                elements.append(_parse_gap(item["gap"]))
            else:
                elements.append(_spec_from_mapping(item, default_case))
        source = " ".join(_describe_source(item) for item in match)
    else:
        raise PatternError(f"match must be a string, a mapping or a list, not {match!r}")
    if not any(isinstance(e, TokenSpec) and not e.optional for e in elements):
        raise PatternError("a pattern needs at least one required word")
    if isinstance(elements[0], Gap) or isinstance(elements[-1], Gap):
        raise PatternError("a pattern cannot start or end with a gap")
    return Pattern(tuple(elements), source)


def _describe_source(item: dict[str, Any]) -> str:
    if "gap" in item:
        return f"<{item['gap']}>"
    return "[" + ", ".join(f"{k}={v}" for k, v in item.items()) + "]"


def _without_voice_pass(feats: str) -> str | None:
    kept = [f for f in feats.split("|") if f != "Voice=Pass"]
    return "|".join(kept) or None


def consistent_words(sentence: Sentence) -> list[Word]:
    """The sentence's words, with two tagger slips undone (the second in
    :func:`_outside_auxiliaries`): ``Voice=Pass`` on the
    participle of an active compound tense.

    The tagger sometimes marks "a-t-il ajouté", "avait annoncé" as passive
    (on the OrangeSum sample, 626 of 13,551 participles with "avoir" as their
    auxiliary and no passive auxiliary; every one of 40 read by hand was
    active). The parse's own auxiliaries say otherwise, and entries rely on
    ``Voice=Pass`` to keep the passive apart ("cité par l'agence" from "a cité
    par erreur"), as does the ADJ reading of participles. So where the word
    has "avoir" as aux and no aux:pass, the feature is dropped. Other words are
    the sentence's own objects.
    """
    words = _outside_auxiliaries(sentence.words)
    active: set[int] = set()
    passive: set[int] = set()
    for word in words:
        if word.head and word.deprel in ("aux", "aux:tense") and word.lemma == "avoir":
            active.add(word.head)
        elif word.head and word.deprel == "aux:pass":
            passive.add(word.head)
    active -= passive
    if not active:
        return words
    slips = {
        i
        for i, word in enumerate(words)
        if word.id in active and word.feats and "Voice=Pass" in word.feats.split("|")
    }
    if not slips:
        return words
    return [
        replace(word, feats=_without_voice_pass(word.feats or "")) if i in slips else word
        for i, word in enumerate(words)
    ]


_QUOTE_MARKS = frozenset({'"', "«", "»", "“", "”"})


def _outside_auxiliaries(words: list[Word]) -> list[Word]:
    """The words, with a second tagger slip undone: an "auxiliary" that a
    quotation mark and a comma separate from its verb ('« … cet été », écrit
    le conseil': the noun "été" read as the passive auxiliary of "écrit"). No
    auxiliary stands outside a quotation its verb follows, so the word loses
    the relation (``dep``) and the verb is read as active."""
    if _QUOTE_MARKS.isdisjoint(w.text for w in words):
        return words  # most sentences: no quotation mark, nothing to look at
    by_id = {w.id: i for i, w in enumerate(words)}
    slips: set[int] = set()
    for i, word in enumerate(words):
        if word.deprel not in ("aux", "aux:tense", "aux:pass") or not word.head:
            continue
        verb = by_id.get(word.head)
        if verb is None or verb <= i:
            continue
        between = {w.text for w in words[i + 1 : verb]}
        if "," in between and between & _QUOTE_MARKS:
            slips.add(i)
    if not slips:
        return words
    return [replace(w, deprel="dep") if i in slips else w for i, w in enumerate(words)]


class SentenceView:
    """A sentence's words with the per-word facts patterns need, computed once."""

    def __init__(self, sentence: Sentence) -> None:
        self.sentence = sentence
        # predicative participles read as adjectives too (stative_participles.py)
        words: list[Word] = stative_participles(glued_incises(consistent_words(sentence)))
        self.words = words
        # For multiword tokens: position of the first word -> (surface, n words).
        multiword: dict[int, tuple[str, int]] = {}
        # Per word, everything a one-word pattern can test at its position
        # (form, lemma, tag, features, and on the first word of a multiword
        # token its surface and width), so that the lexicon can memoize its
        # verdicts per key; one pass over the tokens builds both.
        keys: list[WordKey] = []
        position = 0
        for token in sentence.tokens:
            count = len(token.words)
            if count == 1:
                word = words[position]
                keys.append((word.text, word.lemma, word.upos, word.feats, None, 1))
            elif count > 1:
                multiword[position] = (token.text, count)
                word = words[position]
                keys.append((word.text, word.lemma, word.upos, word.feats, token.text, count))
                for word in words[position + 1 : position + count]:
                    keys.append((word.text, word.lemma, word.upos, word.feats, None, 1))
            position += count
        self.multiword = multiword
        self.keys = keys

    @cached_property
    def strings(self) -> list[tuple[str, ...]]:
        """Per word: its normalized form, lemma, multiword surface and (for a
        participle the lemmatizer missed) infinitive, which index lookups use.
        The lexicon keeps them with its per-word plans and does not ask here."""
        memo = _STRINGS_MEMO
        return [memo.get(key) or _word_strings(key) for key in self.keys]


_STRINGS_LIMIT = 20_000  # distinct words remembered; bounded so memory stays flat (lexicon.py)


# (form, lemma, UPOS, FEATS, multiword surface or None, words in that token)
WordKey = tuple[str, str | None, str | None, str | None, str | None, int]


def key_word(key: WordKey) -> Word:
    """A stand-in word with the attributes a token spec can test."""
    return Word(0, key[0], key[1], key[2], None, key[3])


def word_strings(key: WordKey) -> tuple[str, ...]:
    """The strings a word offers to the lexicon index: its normalized form,
    lemma, multiword surface and, for a verb, the infinitive of its form."""
    text, lemma, upos, _feats, surface, _width = key
    strings = [normalize(text)]
    if lemma:
        strings.append(normalize(lemma))
    if surface is not None:
        strings.append(normalize(surface))
    if upos in ("VERB", "AUX"):
        infinitive = infinitive_fallback(key_word(key))  # verbs only have one
        if infinitive:
            strings.append(normalize(infinitive))
    return tuple(dict.fromkeys(strings))


def _word_strings(key: WordKey) -> tuple[str, ...]:
    """:func:`word_strings`, memoized: the same (form, lemma, tag, features)
    recur all through a corpus."""
    found = _STRINGS_MEMO.get(key)
    if found is None:
        found = word_strings(key)
        if len(_STRINGS_MEMO) >= _STRINGS_LIMIT:
            _STRINGS_MEMO.clear()  # bounded over any corpus; frequent words return
        _STRINGS_MEMO[key] = found
    return found


_STRINGS_MEMO: dict[WordKey, tuple[str, ...]] = {}


def index_keys(strings: tuple[str, ...]) -> set[str]:
    """The keys a word offers to the lexicon index: each string whole (``"=..."``)
    and its prefixes of 1 to ``PREFIX_KEY_LENGTH`` letters (a glob is filed under
    its literal prefix cut to that length: "éc*urant*" under "éc", "manifestant*"
    under "manif")."""
    keys = {EXACT_KEY + s for s in strings}
    for s in strings:  # slices past a short string's end repeat it whole: the set keeps one
        keys.update(map(s.__getitem__, _PREFIX_SLICES))
    keys.discard("")  # an empty string offers no prefix
    return keys


_PREFIX_SLICES = tuple(slice(0, n) for n in range(1, PREFIX_KEY_LENGTH + 1))


def match_at(pattern: Pattern, view: SentenceView, start: int) -> Span | None:
    """Match ``pattern`` starting exactly at word ``start``; first success wins."""
    return _step(pattern.elements, view, start, 0, start, ())


def _step(
    elements: tuple[Element, ...],
    view: SentenceView,
    start: int,
    ei: int,
    wi: int,
    matched: tuple[int, ...],
) -> Span | None:
    """Match ``elements[ei:]`` from word ``wi`` (a module function, not a closure
    that calls itself: such a closure is a reference cycle that would keep every
    sentence alive until the garbage collector runs)."""
    if ei == len(elements):
        return Span(start, wi, matched) if matched else None
    element = elements[ei]
    n = len(view.words)
    if isinstance(element, Gap):
        for size in range(element.low, element.high + 1):
            if wi + size > n:
                break
            found = _step(elements, view, start, ei + 1, wi + size, matched)
            if found:
                return found
        return None
    if wi < n:
        if wi in view.multiword and element.matches_surface(view.multiword[wi][0]):
            width = view.multiword[wi][1]
            found = _step(
                elements, view, start, ei + 1, wi + width, matched + tuple(range(wi, wi + width))
            )
            if found:
                return found
        if element.matches_in(view.words, wi):
            found = _step(elements, view, start, ei + 1, wi + 1, (*matched, wi))
            if found:
                return found
    if element.optional:
        return _step(elements, view, start, ei + 1, wi, matched)
    return None


def find_all(
    pattern: Pattern, view: SentenceView, starts: Sequence[int] | None = None
) -> list[Span]:
    """Every match of ``pattern`` in the sentence (one per start position)."""
    positions = range(len(view.words)) if starts is None else starts
    spans = []
    for start in positions:
        span = match_at(pattern, view, start)
        if span is not None:
            spans.append(span)
    return spans
