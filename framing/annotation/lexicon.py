"""Lexicons: YAML entries a linguist edits, validated, compiled and matched.

Loading does three kinds of checks and reports each problem as
``file:line: message``: the JSON Schema (structure), the closed vocabularies of
``lexicons/inventory.yaml`` (frames, referents, stances ...), and semantic
checks across files (duplicate ids, the same match in two entries, patterns
that do not compile). ``validate_lexicon`` returns every problem; ``load_lexicon``
raises on the first errors so a run never starts on a broken lexicon.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import chain
from operator import itemgetter
from pathlib import Path
from typing import Any

import jsonschema

from framing.annotation.patterns import (
    Glob,
    Pattern,
    PatternError,
    SentenceView,
    Span,
    TokenSpec,
    WordKey,
    compile_match,
    dotted_i,
    index_keys,
    key_word,
    match_at,
    offers,
    offers_each,
    word_strings,
)
from framing.errors import InputError
from framing.io.yamlfile import line_of, load_yaml
from framing.resources import default_lexicon_dir, inventory_path, load_schema
from framing.types import (
    LABEL_CATEGORIES,
    REFERENCE_CATEGORY,
    TRIGGER_ONLY_CATEGORIES,
    Sentence,
)

# re-exported for the annotator and the tools
__all__ = ["LABEL_CATEGORIES", "REFERENCE_CATEGORY", "TRIGGER_ONLY_CATEGORIES"]
# Distinct words remembered (candidate entries, one-word verdicts); small enough
# that peak memory stays flat over a corpus (docs/scaling.md), large enough that
# a hundred articles' words (about 10,000) do not empty it: every clearing
# makes the frequent words' plans be built again (8,000 cost 30% of lookup).
_MEMO_LIMIT = 20_000
_CATEGORY_FIELDS = {
    "reporting_verb": "stance",
    "hedge": "hedge_type",
    **dict.fromkeys((*LABEL_CATEGORIES, REFERENCE_CATEGORY), "referent"),
}
UPOS_TAGS = frozenset(
    [
        "ADJ",
        "ADP",
        "ADV",
        "AUX",
        "CCONJ",
        "DET",
        "INTJ",
        "NOUN",
        "NUM",
        "PART",
        "PRON",
        "PROPN",
        "PUNCT",
        "SCONJ",
        "SYM",
        "VERB",
        "X",
    ]
)


@dataclass(frozen=True)
class Problem:
    """One finding of validation, printable as ``file:line: severity: message``."""

    file: str
    line: int
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.severity}: {self.message}"

    @classmethod
    def from_error(cls, file: str, exc: InputError) -> Problem:
        """A reader's ``file:line: message`` error as a problem, keeping its line."""
        text = str(exc)
        location, _, message = text.partition(": ")
        number = location.rsplit(":", 1)[-1]
        return cls(file, int(number) if number.isdigit() else 1, message or text)


@dataclass(frozen=True)
class Entry:
    """One compiled lexicon entry."""

    id: str
    category: str
    frame: str
    valence: str
    pattern: Pattern
    referent: str | None = None
    stance: str | None = None
    hedge_type: str | None = None
    examples_match: tuple[str, ...] = ()
    examples_no_match: tuple[str, ...] = ()
    notes: str | None = None
    sources: tuple[str, ...] = ()
    file: str = ""
    line: int = 0
    order: int = 0


@dataclass(frozen=True)
class Inventory:
    """The closed vocabularies from ``inventory.yaml``."""

    categories: frozenset[str]
    frames: frozenset[str]
    valences: frozenset[str]
    referents: frozenset[str]
    stances: frozenset[str]
    hedge_types: frozenset[str]

    @classmethod
    def load(cls, path: Path | None = None) -> Inventory:
        path = path or inventory_path()
        data = load_yaml(path)
        try:
            return cls(**{key: frozenset(data.get(key) or {}) for key in cls.__annotations__})
        except AttributeError as exc:
            raise InputError(f"{path}:1: inventory must be a mapping of lists") from exc


@dataclass(frozen=True)
class LexiconMatch:
    """An entry found in a sentence."""

    entry: Entry
    span: Span


@dataclass
class Lexicon:
    """All entries of a run, indexed for fast matching."""

    entries: list[Entry]
    files: dict[str, str] = field(default_factory=dict)  # path -> sha256
    _index: dict[str, list[Entry]] = field(default_factory=dict, repr=False)
    _unanchored: list[Entry] = field(default_factory=list, repr=False)
    _memo: dict[tuple[str, ...], tuple[Entry, ...]] = field(default_factory=dict, repr=False)
    # word key -> (its index strings, its plan): one lookup per word
    _plans: dict[WordKey, tuple[tuple[str, ...], tuple[tuple[Entry, int | None], ...]]] = field(
        default_factory=dict, repr=False
    )

    def __post_init__(self) -> None:
        index: dict[str, list[Entry]] = defaultdict(list)
        for entry in self.entries:
            keys = entry.pattern.anchor_keys()
            if keys is None:
                self._unanchored.append(entry)
            else:
                for key in set(keys):
                    index[key].append(entry)
        self._index = dict(index)
        self._shapes = {entry.id: _shape(entry.pattern) for entry in self.entries}
        # Entries without an index key: those whose first word can be judged
        # alone join every word's plan (which keeps them only where that word
        # fits); the others ("[selon]? [des]? sources concordantes": an
        # optional first word) are tried per sentence, and only in a sentence
        # holding their literal words.
        ordered = sorted(self._unanchored, key=lambda e: e.order)
        self._unanchored_only = tuple(e for e in ordered if self._shapes[e.id][0] is not None)
        self._floating = tuple(e for e in ordered if self._shapes[e.id][0] is None)
        self.by_id = {entry.id: entry for entry in self.entries}

    def find(self, sentence: Sentence | SentenceView) -> list[LexiconMatch]:
        """All entry matches in a sentence, before any overlap resolution."""
        view = sentence if isinstance(sentence, SentenceView) else SentenceView(sentence)
        found: list[LexiconMatch] = []
        # The whole words of the sentence: a longer pattern is tried only if
        # each of its literal words is among them ("de grande ampleur" is not
        # tried at every "de").
        keys = view.keys
        known = list(map(self._plans.get, keys))  # one C-level pass over the memo
        if None in known:  # words not met before
            for position, key in enumerate(keys):
                if known[position] is None:
                    known[position] = self._plan(key)
        present = set(chain.from_iterable(map(itemgetter(0), known)))
        floating = [
            (entry, None)
            for entry in self._floating
            if present.issuperset(entry.pattern.required_strings)
            and (
                not entry.pattern.required_groups or offers(present, entry.pattern.required_groups)
            )
        ]
        dotted: bool | None = None  # whether the sentence has a Turkish İ or ı (see offers)
        for position, (_, plan) in enumerate(known):
            if floating:  # rare: merged in lexicon order, as the plan is
                plan = tuple(sorted((*plan, *floating), key=lambda item: item[0].order))
            elif not plan:  # most words
                continue
            for entry, width in plan:
                if width is None:
                    pattern = entry.pattern
                    required = pattern.required_strings
                    if required and not present.issuperset(required):
                        continue
                    groups = pattern.required_groups
                    if groups and not offers_each(present, groups):
                        if dotted is None:  # once per sentence, and only if asked
                            dotted = dotted_i(present)
                        if not dotted:
                            continue
                    span = match_at(pattern, view, position)
                    if span is None:
                        continue
                else:
                    span = Span(
                        position, position + width, tuple(range(position, position + width))
                    )
                found.append(LexiconMatch(entry, span))
        return found

    def _plan(self, key: WordKey) -> tuple[tuple[str, ...], tuple[tuple[Entry, int | None], ...]]:
        """A word's index strings (which the sentence's literal-word test
        needs), and its candidate entries in lexicon order, with one-word
        entries already decided: ``(entry, width)`` for those that match (width
        in words: a whole multiword token such as "du" counts its words), and
        ``(entry, None)`` for longer patterns, which need the sentence. A
        verdict on the word alone depends only on its key, so it is memoized:
        one-word entries, and the first word of longer ones (a pattern whose
        first word cannot be this one is left out, so that an entry without an
        index key is not searched at every word of every sentence)."""
        strings = word_strings(key)
        plan: list[tuple[Entry, int | None]] = []
        candidates = self._candidates(strings)
        surface, width = key[4], key[5]
        # most words have no candidate: no stand-in word is built for them
        word = key_word(key) if candidates else None
        shapes = self._shapes
        for entry in candidates:
            first, single, surface_glob = shapes[entry.id]
            if first is None:
                plan.append((entry, None))  # decided in the sentence
            elif surface is not None and surface_glob is not None and surface_glob.matches(surface):
                plan.append((entry, width if single else None))
            elif first.matches_word(word):  # type: ignore[arg-type]
                plan.append((entry, 1 if single else None))
        found = (strings, tuple(plan))
        if len(self._plans) >= _MEMO_LIMIT:
            self._plans.clear()  # bounded memory over any corpus; frequent words return
        self._plans[key] = found
        return found

    def _candidates(self, strings: tuple[str, ...]) -> tuple[Entry, ...]:
        """Entries whose index key a word offers, and those without an index
        key, in lexicon order; memoized per word, since the same words recur
        across a corpus."""
        found = self._memo.get(strings)
        if found is None:
            index = self._index
            # one C-level intersection, empty for most words
            entries = {
                entry.id: entry
                for key in index.keys() & index_keys(strings)
                for entry in index[key]
            }
            if entries:
                entries.update((entry.id, entry) for entry in self._unanchored_only)
                found = tuple(sorted(entries.values(), key=lambda e: e.order))
            else:  # most words: no entry is filed under them
                found = self._unanchored_only
            if len(self._memo) >= _MEMO_LIMIT:
                self._memo.clear()  # bounded memory over any corpus; frequent words return
            self._memo[strings] = found
        return found


def _shape(pattern: Pattern) -> tuple[TokenSpec | None, bool, Glob | None]:
    """What :meth:`Lexicon._plan` asks of an entry's pattern, worked out once:
    its first spec if a word can be judged by it alone (None when the
    sentence decides: an optional first spec, or one with ``head``), whether
    the pattern is that one spec, and the form a whole multiword token
    ("du", "aux") may match (see ``TokenSpec.matches_surface``)."""
    first = pattern.elements[0]
    if not isinstance(first, TokenSpec) or first.optional or first.needs_sentence:
        return None, False, None
    form_only = first.lemma is None and not first.upos and not first.feats
    return first, len(pattern.elements) == 1, first.form if form_only else None


def _lexicon_files(paths: Sequence[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.glob("*.yaml") if p.is_file()))
        elif path.is_file():
            files.append(path)
        else:
            raise InputError(f"{path}: no such lexicon file or folder")
    return files


def _schema_problems(data: Any, file: str) -> tuple[list[Problem], set[int] | None]:
    """Schema problems, and the positions of the entries they concern.

    The second value is None when the file as a whole is unusable (a problem
    outside ``entries``), so that one bad entry does not hide the checks of
    the others.
    """
    validator = jsonschema.Draft202012Validator(load_schema("lexicon"))
    problems = []
    bad_entries: set[int] | None = set()
    for error in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.path))):
        path = list(error.path)
        if len(path) >= 2 and path[0] == "entries" and isinstance(path[1], int):
            if bad_entries is not None:
                bad_entries.add(path[1])
        else:
            bad_entries = None
        where = "/".join(str(p) for p in error.path) or "top level"
        message = error.message
        if error.validator == "oneOf" and "match" in [str(p) for p in error.path]:
            message = "match must be a phrase string, a token spec or a list of specs and gaps"
        problems.append(Problem(file, line_of(data, list(error.path)), f"{where}: {message}"))
    return problems, bad_entries


def _check_vocab(
    entry: dict[str, Any], inventory: Inventory, file: str, line: int
) -> list[Problem]:
    problems = []
    checks = (
        ("category", inventory.categories),
        ("frame", inventory.frames),
        ("valence", inventory.valences),
        ("referent", inventory.referents),
        ("stance", inventory.stances),
        ("hedge_type", inventory.hedge_types),
    )
    for key, allowed in checks:
        value = entry.get(key)
        if value is not None and value not in allowed:
            problems.append(Problem(file, line, f"{entry['id']}: unknown {key} {value!r}"))
    for key in ("category", "frame", "valence"):
        if entry.get(key) is None:
            problems.append(Problem(file, line, f"{entry['id']}: no {key} (set it or a default)"))
    required = _CATEGORY_FIELDS.get(entry.get("category", ""))
    if required and entry.get(required) is None:
        problems.append(
            Problem(file, line, f"{entry['id']}: {entry['category']} entries need a {required}")
        )
    return problems


def _check_upos(pattern: Pattern, entry_id: str, file: str, line: int) -> list[Problem]:
    unknown = sorted({tag for spec in pattern.specs for tag in spec.upos} - UPOS_TAGS)
    return [Problem(file, line, f"{entry_id}: unknown UPOS tag {tag!r}") for tag in unknown]


def _check_indexable(pattern: Pattern, entry_id: str, file: str, line: int) -> list[Problem]:
    """A warning for an entry whose first word cannot be indexed.

    Such an entry ("?tat", "*isme", "{*a,b}") is tried at every word of every
    sentence, and while one is in the lexicon every sentence takes the slow
    path of ``Lexicon.find``. Give the word a literal start or list the forms
    as ``{a,b}`` alternatives. A pattern that starts with an optional word is
    left alone: it may start at the next word, so no one key can file it.
    """
    first = pattern.elements[0]
    if not isinstance(first, TokenSpec) or first.optional or pattern.anchor_keys() is not None:
        return []
    message = (
        f"{entry_id}: its first word cannot be indexed (a glob that starts with a wildcard):"
        " it is tried at every word; give it a literal start or {a,b} alternatives"
    )
    return [Problem(file, line, message, "warning")]


def read_lexicon(
    paths: Iterable[str | Path] | None = None,
    language: str = "fr",
    inventory: Inventory | None = None,
) -> tuple[Lexicon, list[Problem]]:
    """Load lexicon files and return the compiled lexicon with every problem found."""
    path_list = [Path(p) for p in paths] if paths else [default_lexicon_dir(language)]
    reading = _LexiconReading(inventory or Inventory.load())
    checksums: dict[str, str] = {}
    for file_path in _lexicon_files(path_list):
        file = str(file_path)
        checksums[file] = hashlib.sha256(file_path.read_bytes()).hexdigest()
        try:
            data = load_yaml(file_path)
        except InputError as exc:
            reading.problems.append(Problem.from_error(file, exc))
            continue
        schema_problems, bad_entries = _schema_problems(data, file)
        reading.problems.extend(schema_problems)
        if bad_entries is None or not isinstance(data, dict):
            continue
        defaults = dict(data.get("defaults") or {})
        source_ids = {s.get("id") for s in data.get("sources") or [] if s.get("id")}
        for position, raw in enumerate(data["entries"]):
            if position not in bad_entries:
                reading.add({**defaults, **raw}, file, getattr(raw, "line", 1), source_ids)
    return Lexicon(reading.entries, checksums), reading.problems


class _LexiconReading:
    """The entries read so far across files, to find duplicates, and the problems."""

    def __init__(self, inventory: Inventory) -> None:
        self.inventory = inventory
        self.problems: list[Problem] = []
        self.entries: list[Entry] = []
        self.seen_ids: dict[str, tuple[str, int]] = {}
        self.seen_matches: dict[tuple[str, str], tuple[str, str, int]] = {}

    def add(self, merged: dict[str, Any], file: str, line: int, source_ids: set[Any]) -> None:
        """Check one entry (defaults applied) and keep it unless it cannot be compiled."""
        entry_id = merged["id"]
        problems = self.problems
        problems.extend(_check_vocab(merged, self.inventory, file, line))
        if entry_id in self.seen_ids:
            other_file, other_line = self.seen_ids[entry_id]
            message = f"duplicate id {entry_id!r} (first at {other_file}:{other_line})"
            problems.append(Problem(file, line, message))
            return
        self.seen_ids[entry_id] = (file, line)
        problems += [
            Problem(file, line, f"{entry_id}: source {source_id!r} is not listed in sources")
            for source_id in merged.get("sources") or []
            if source_id not in source_ids
        ]
        try:
            pattern = compile_match(merged["match"], merged.get("case") or "insensitive")
        except PatternError as exc:
            problems.append(Problem(file, line, f"{entry_id}: bad match: {exc}"))
            return
        problems.extend(_check_upos(pattern, entry_id, file, line))
        problems.extend(_check_indexable(pattern, entry_id, file, line))
        match_key = (merged.get("category", ""), pattern.describe())
        if match_key in self.seen_matches:
            other_id, other_file, other_line = self.seen_matches[match_key]
            message = f"{entry_id}: same match as {other_id} ({other_file}:{other_line})"
            problems.append(Problem(file, line, message))
        else:
            self.seen_matches[match_key] = (entry_id, file, line)
        self.entries.append(_entry(merged, pattern, file, line, len(self.entries)))


def _entry(merged: dict[str, Any], pattern: Pattern, file: str, line: int, order: int) -> Entry:
    examples = merged["examples"]
    return Entry(
        id=merged["id"],
        category=merged.get("category", ""),
        frame=merged.get("frame", ""),
        valence=merged.get("valence", ""),
        pattern=pattern,
        referent=merged.get("referent"),
        stance=merged.get("stance"),
        hedge_type=merged.get("hedge_type"),
        examples_match=tuple(examples.get("match") or ()),
        examples_no_match=tuple(examples.get("no_match") or ()),
        notes=merged.get("notes"),
        sources=tuple(merged.get("sources") or ()),
        file=file,
        line=line,
        order=order,
    )


def load_lexicon(
    paths: Iterable[str | Path] | None = None,
    language: str = "fr",
    inventory_file: Path | None = None,
) -> Lexicon:
    """Load and check lexicons; raise ``InputError`` listing the errors, if any.

    ``inventory_file`` is the inventory of a lexicon root named on the command
    line (default: the bundled or ``$FRAMING_LEXICON_DIR`` one).
    """
    inventory = Inventory.load(inventory_file) if inventory_file else None
    lexicon, problems = read_lexicon(paths, language, inventory)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        shown = "\n".join(str(p) for p in errors[:20])
        more = f"\n... and {len(errors) - 20} more" if len(errors) > 20 else ""
        raise InputError(f"lexicon has {len(errors)} error(s):\n{shown}{more}")
    return lexicon


def find_matches(lexicon: Lexicon, sentence: Sentence) -> list[LexiconMatch]:
    """Convenience: all raw matches of ``lexicon`` in ``sentence``."""
    return lexicon.find(sentence)
