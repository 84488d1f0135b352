"""Dependency-graph rules as data, in a subset of Grew's pattern syntax.

A rule names nodes with feature constraints and relations between them::

    V [lexicon=reporting_verb];
    S [upos=NOUN|PROPN|PRON];
    V -[nsubj]-> S;

and may add ``without`` clauses that must *not* match (Grew's negative
patterns), e.g. ``V -[obl:agent]-> A``. Rules are compiled once and matched
in-process over each sentence's words.

Node constraints (comma-separated inside ``[...]``):

* ``feat=v1|v2`` one of the values; ``feat<>v1|v2`` none of them;
* ``feat=re"regex"`` a regular expression (full match);
* ``feat`` the feature is present; ``!feat`` it is absent.

Features are ``form``, ``lemma`` (both compared case-insensitively; a verb
the lemmatizer got wrong also offers the regular infinitive of its form, see
``patterns.infinitive_fallback``), ``upos``,
``xpos``, ``deprel`` (relation to the word's head), any morphological feature
(``Mood``, ``VerbForm`` ...), and the lexicon's marks on the word: ``lexicon``
(category), ``entry`` (entry id), ``stance`` and ``hedge_type``.

Relations: ``A -[rel1|rel2]-> B`` (``obl:*`` = obl and all its subtypes),
``A -[^rel]-> B`` any relation but these, ``A -> B`` any relation,
``A ->> B`` B anywhere below A (dominance, at any depth).
Order: ``A << B`` (A before B), ``A < B`` (A immediately before B).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Hashable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import jsonschema

from framing.annotation.families import rule_families
from framing.annotation.lexicon import Problem
from framing.annotation.prefilter import Check, Prefilter, word_lemmas
from framing.annotation.rule_plans import (
    MARK_FEATURES,
    Plan,
    build_plan,
    extend,
    holds,
    index_candidates,
)
from framing.errors import InputError
from framing.io.yamlfile import line_of, load_yaml
from framing.parsing.given import GivenParseError, given_parse
from framing.resources import default_lexicon_dir, load_schema
from framing.types import Document, Sentence, Word

_NODE = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)\s*\[(.*)\]$", re.S)
_EDGE = re.compile(
    r"^([A-Za-z_][A-Za-z0-9_]*)\s*-(?:\[(\^?)([^\]]*)\]-)?>\s*([A-Za-z_][A-Za-z0-9_]*)$"
)
_DOMINANCE = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)\s*->>\s*([A-Za-z_][A-Za-z0-9_]*)$")
_ORDER = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)\s*(<<|<)\s*([A-Za-z_][A-Za-z0-9_]*)$")
_CONSTRAINT = re.compile(
    r'^(!?)([A-Za-z_:][A-Za-z0-9_:\[\]]*)\s*(?:(<>|=)\s*(re"(?:[^"\\]|\\.)*"|.+))?$'
)
_CASE_FOLDED = ("form", "lemma")
_SEEN_LIMIT = 20_000  # values a regex constraint remembers having judged


class RuleSyntaxError(ValueError):
    """A pattern that cannot be parsed."""


@dataclass(frozen=True)
class Constraint:
    feature: str
    values: tuple[str, ...] = ()
    negated: bool = False
    regex: re.Pattern[str] | None = None
    presence: bool | None = None  # True: must exist, False: must be absent
    # The values ``regex`` was tried on across sentences: (accepted, refused).
    # The same forms recur all through a corpus, so a sentence's values are
    # sorted by set operations and only new ones go through the regex.
    seen: tuple[set[str], set[str]] = field(
        default_factory=lambda: (set(), set()), compare=False, repr=False
    )

    def accepts(self, found: frozenset[str]) -> bool:
        """Whether a word whose ``feature`` has the values ``found`` passes."""
        if self.presence is not None:
            return bool(found) == self.presence
        if self.regex is not None:
            hit = any(self.regex.fullmatch(v) for v in found)
        else:
            hit = not found.isdisjoint(self.values)
        return hit != self.negated

    @property
    def selects(self) -> bool:
        """True when only words with certain values can pass (usable with an index)."""
        return self.presence is None and not self.negated

    def test(self, get: Callable[[str], set[str]]) -> bool:
        return self.accepts(frozenset(get(self.feature)))


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    labels: tuple[str, ...] = ()  # empty: any relation
    excluded: bool = False
    dominates: bool = False  # ``A ->> B``: B anywhere below A, at any depth

    def accepts(self, deprel: str | None) -> bool:
        if not self.labels:
            return True
        rel = deprel or ""
        exact, families = self._label_sets
        hit = rel in exact or (bool(families) and rel.partition(":")[0] in families)
        return hit != self.excluded

    @cached_property
    def _label_sets(self) -> tuple[frozenset[str], frozenset[str]]:
        """Exact relations, and the families written ``rel:*`` (any subtype)."""
        exact = frozenset(label for label in self.labels if not label.endswith(":*"))
        families = frozenset(label[:-2] for label in self.labels if label.endswith(":*"))
        return exact, families


@dataclass(frozen=True)
class Order:
    before: str
    after: str
    immediate: bool


@dataclass(frozen=True)
class GraphPattern:
    nodes: dict[str, tuple[Constraint, ...]]
    edges: tuple[Edge, ...]
    orders: tuple[Order, ...]

    def selective(self, name: str) -> tuple[Constraint, ...]:
        """The node's constraints that can drive an index lookup."""
        return self._selective[name]

    @cached_property
    def prechecks(self) -> tuple[Constraint, ...]:
        """Every node's selective constraints, those on lexicon marks first."""
        found = [c for name in self.nodes for c in self.selective(name)]
        return tuple(
            sorted(found, key=lambda c: (c.feature not in MARK_FEATURES, c.regex is not None))
        )

    @cached_property
    def mark_constraints(self) -> tuple[tuple[str, Constraint], ...]:
        """(node, constraint) for the selective constraints on lexicon marks."""
        return tuple(
            (name, c)
            for name in self.nodes
            for c in self.selective(name)
            if c.feature in MARK_FEATURES
        )

    @cached_property
    def node_set(self) -> frozenset[str]:
        """The pattern's node names (what its negative patterns find bound)."""
        return frozenset(self.nodes)

    @cached_property
    def node_order(self) -> tuple[str, ...]:
        """The pattern's node names in pattern order (a binding's key order)."""
        return tuple(self.nodes)

    @cached_property
    def plans(self) -> dict[tuple[frozenset[str], str | None], Plan]:
        """Match plans by (nodes bound before, anchor), built on first use
        (see :mod:`framing.annotation.rule_plans`)."""
        return {}

    def plan(self, bound: frozenset[str], anchor: str | None) -> Plan:
        """The plan binding this pattern's other nodes, ``anchor`` first."""
        key = (bound, anchor)
        found = self.plans.get(key)
        if found is None:
            found = self.plans[key] = build_plan(self, bound, anchor)
        return found

    def anchor(self, graph: SentenceGraph) -> str:
        """The node to bind first in this sentence: the one with the fewest
        candidates by a lexicon mark, else by any indexed constraint (pattern
        order among equals); every word is a candidate of a node without one."""
        best: tuple[str, int] | None = None
        for name, constraint in self.mark_constraints:
            size = len(graph.words_passing(constraint))
            if best is None or size < best[1]:
                best = (name, size)
        if best is not None:
            return best[0]
        for name, constraints in self.nodes.items():
            size = len(index_candidates(graph, constraints))
            if best is None or size < best[1]:
                best = (name, size)
                if not size:
                    break
        assert best is not None
        return best[0]

    @cached_property
    def _selective(self) -> dict[str, tuple[Constraint, ...]]:
        return {
            name: tuple(c for c in constraints if c.selects)
            for name, constraints in self.nodes.items()
        }


@dataclass(frozen=True)
class Rule:
    """A compiled rule: a pattern, negative patterns, and the roles it binds."""

    id: str
    family: str
    pattern: GraphPattern
    without: tuple[GraphPattern, ...]
    roles: dict[str, str]
    description: str = ""
    params: dict[str, Any] = field(default_factory=dict)
    examples_match: tuple[str, ...] = ()
    examples_no_match: tuple[str, ...] = ()
    # example sentence -> the hand-written parse it is to be tested on
    # (see framing.parsing.given), for rules written around a parser's misreading
    example_parses: dict[str, Document] = field(default_factory=dict)
    file: str = ""
    line: int = 0


def _example_parses(
    rule_id: str, examples: dict[str, Any], file: str, line: int
) -> tuple[dict[str, Document], list[Problem]]:
    """The given parses of a rule's examples, built once; each must belong to an
    example sentence and line up with it."""
    parses: dict[str, Document] = {}
    problems = []
    sentences = {*(examples.get("match") or ()), *(examples.get("no_match") or ())}
    for sentence, rows in (examples.get("parses") or {}).items():
        if sentence not in sentences:
            problems.append(
                Problem(
                    file,
                    line,
                    f"{rule_id}: a parse is given for a sentence that is not one of its examples: {sentence!r}",
                )
            )
            continue
        try:
            parses[sentence] = given_parse(sentence, rows)
        except GivenParseError as exc:
            problems.append(Problem(file, line, f"{rule_id}: given parse of {sentence!r}: {exc}"))
    return parses, problems


def _split_clauses(text: str) -> list[str]:
    clauses: list[str] = []
    depth = 0
    current: list[str] = []
    quoted = False
    for char in text:
        if char == '"':
            quoted = not quoted
        if not quoted:
            if char == "[":
                depth += 1
            elif char == "]":
                depth -= 1
            elif char in ";\n" and depth == 0:
                clauses.append("".join(current).strip())
                current = []
                continue
        current.append(char)
    if depth != 0 or quoted:
        opened = "".join(current).strip().splitlines()[0]
        raise RuleSyntaxError(f"unclosed '[' or '\"' in {opened!r}")
    clauses.append("".join(current).strip())
    return [c for c in clauses if c and not c.startswith("%")]


def _parse_constraints(body: str) -> tuple[Constraint, ...]:
    constraints = []
    for raw in _split_commas(body):
        part = raw.strip()
        if not part:
            continue
        found = _CONSTRAINT.match(part)
        if not found:
            raise RuleSyntaxError(f"cannot read constraint {part!r}")
        bang, feature, operator, value = found.groups()
        if operator is None:
            constraints.append(Constraint(feature, presence=not bang))
            continue
        if bang:
            raise RuleSyntaxError(f"'!' goes with a bare feature, not {part!r}")
        negated = operator == "<>"
        value = value.strip()
        if value.startswith('re"'):
            try:
                regex = re.compile(value[3:-1], re.IGNORECASE if feature in _CASE_FOLDED else 0)
            except re.error as exc:
                raise RuleSyntaxError(f"bad regular expression in {part!r}: {exc}") from exc
            constraints.append(Constraint(feature, negated=negated, regex=regex))
        else:
            values = tuple(
                _unquote(v).casefold() if feature in _CASE_FOLDED else _unquote(v)
                for v in value.split("|")
            )
            constraints.append(Constraint(feature, values=values, negated=negated))
    return tuple(constraints)


def _unquote(value: str) -> str:
    """A value may be quoted to hold commas, brackets or spaces: ``form=","``."""
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return value[1:-1]
    return value


def _split_commas(body: str) -> list[str]:
    parts, current, quoted = [], [], False
    for char in body:
        if char == '"':
            quoted = not quoted
        if char == "," and not quoted:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def parse_pattern(text: str, known: Mapping[str, Any] | None = None) -> GraphPattern:
    """Parse a Grew-style pattern body (clauses separated by ';' or newlines)."""
    nodes: dict[str, tuple[Constraint, ...]] = {}
    edges: list[Edge] = []
    orders: list[Order] = []
    for clause in _split_clauses(text):
        if (found := _DOMINANCE.match(clause)) is not None:
            source, target = found.groups()
            edges.append(Edge(source, target, dominates=True))
            for name in (source, target):
                nodes.setdefault(name, ())
        elif (found := _EDGE.match(clause)) is not None:
            source, caret, labels, target = found.groups()
            label_list = tuple(x.strip() for x in (labels or "").split("|") if x.strip())
            edges.append(Edge(source, target, label_list, excluded=bool(caret)))
            for name in (source, target):
                nodes.setdefault(name, ())
        elif (found := _ORDER.match(clause)) is not None:
            before, operator, after = found.groups()
            orders.append(Order(before, after, operator == "<"))
            for name in (before, after):
                nodes.setdefault(name, ())
        elif (found := _NODE.match(clause)) is not None:
            name, body = found.groups()
            nodes[name] = nodes.get(name, ()) + _parse_constraints(body)
        else:
            raise RuleSyntaxError(f"cannot read clause {clause!r}")
    if not nodes:
        raise RuleSyntaxError("empty pattern")
    return GraphPattern(nodes, tuple(edges), tuple(orders))


_EMPTY: frozenset[str] = frozenset()
_WORD_ATTRIBUTES = frozenset(("form", "text", "lemma", "upos", "xpos", "deprel"))


def relation_check(edge: Edge) -> Check | None:
    """The precheck that some word can be the target of ``edge``: a word
    bearing one of its relations (``nsubj``, an ``obl:*`` subtype ...); None
    for an edge any relation satisfies (no labels, ``^`` exclusions,
    dominance). A rule that needs a relation no word of the sentence bears is
    skipped without a search."""
    if not edge.labels or edge.excluded or edge.dominates:
        return None
    exact, families = edge._label_sets
    return Check(Constraint("deprel", tuple(sorted(exact))), tuple(sorted(families)))


class SentenceGraph:
    """Index of one sentence for rule matching: words by id, children, features.

    Feature values are computed once per (word, feature) and indexed by value
    on first use, so a rule whose anchor node needs, say, ``lexicon=hedge``
    looks up the few words carrying that mark instead of testing every word.
    """

    def __init__(
        self,
        sentence: Sentence,
        marks: Mapping[int, Mapping[str, set[str]]] | None = None,
        words: list[Word] | None = None,
        keys: Sequence[Hashable] | None = None,
    ):
        self.sentence = sentence
        self.word_list: list[Word] = sentence.words if words is None else words
        # per word, a key fixing its form, lemma, tag and features (the lexicon's
        # ``patterns.WordKey``), under which the rule prechecks remember its verdicts
        self.word_keys: Sequence[Hashable] = (
            [(w.text, w.lemma, w.upos, w.feats) for w in self.word_list] if keys is None else keys
        )
        self.words: dict[int, Word] = {w.id: w for w in self.word_list}
        self.order = sorted(self.words)
        self.marks = marks or {}
        # the words of each multiword reporting-verb entry, by its head ("fait
        # valoir", "mis en garde"): set by the annotator, read by speech_verb_group
        self.phrases: dict[int, tuple[int, ...]] = {}
        self.children: dict[int, list[Word]] = {}
        for word in self.words.values():
            if word.head is not None:
                self.children.setdefault(word.head, []).append(word)
        self._values: dict[tuple[int, str], frozenset[str]] = {}
        self._indexes: dict[str, dict[str, list[int]]] = {}
        self._node_tests: dict[tuple[int, int], bool] = {}
        self._regex_hits: dict[int, list[int]] = {}
        self._lookups: dict[tuple[str, tuple[str, ...]], list[int]] = {}

    def features(self, word_id: int, feature: str) -> frozenset[str]:
        key = (word_id, feature)
        found = self._values.get(key)
        if found is None:
            found = self._values[key] = self._compute(word_id, feature)
        return found

    def _compute(self, word_id: int, feature: str) -> frozenset[str]:
        if feature in MARK_FEATURES:
            mark = self.marks.get(word_id, {}).get(feature)
            return frozenset(mark) if mark else _EMPTY
        word = self.words[word_id]
        if feature in ("form", "text"):
            return frozenset((word.text.casefold(),))
        if feature == "lemma":
            return frozenset(word_lemmas(word))
        if feature in ("upos", "xpos", "deprel"):
            value = getattr(word, feature)
            return frozenset((value,)) if value else _EMPTY
        value = word.feat(feature)
        return frozenset((value,)) if value else _EMPTY

    def _index_of(self, feature: str) -> dict[str, list[int]]:
        """Word ids by value of one feature (lexicon mark, word attribute or
        morphological feature), built on first use: most rules need only a few."""
        index = self._indexes.get(feature)
        if index is not None:
            return index
        index = {}
        words = self.word_list
        if feature in MARK_FEATURES:  # only marked words carry them
            for word_id in sorted(self.marks):
                for value in self.features(word_id, feature):
                    index.setdefault(value, []).append(word_id)
        elif feature in ("form", "text"):
            for word in words:
                index.setdefault(word.text.casefold(), []).append(word.id)
        elif feature == "lemma":
            for word in words:
                for lemma in word_lemmas(word):
                    index.setdefault(lemma, []).append(word.id)
        elif feature in ("upos", "xpos", "deprel"):
            for word in words:
                value = getattr(word, feature)
                if value:
                    index.setdefault(value, []).append(word.id)
        else:  # morphological features: all indexed in one pass over FEATS
            morph: dict[str, dict[str, list[int]]] = {}
            for word in words:
                if word.feats:
                    for pair in word.feats.split("|"):
                        name, _, value = pair.partition("=")
                        if value and name not in _WORD_ATTRIBUTES:
                            morph.setdefault(name, {}).setdefault(value, []).append(word.id)
            for name, values in morph.items():
                self._indexes.setdefault(name, values)
            index = morph.get(feature, {})
        self._indexes[feature] = index
        return index

    def may_match(self, pattern: GraphPattern) -> bool:
        """False when some node's indexed constraint has no word at all: a cheap
        test that lets most rules skip most sentences without a search (the
        cheapest constraints, lexicon marks, are tried first)."""
        return all(self.words_passing(c) for c in pattern.prechecks)

    def words_with(self, feature: str, values: tuple[str, ...]) -> list[int]:
        """Ids of the words whose ``feature`` takes one of ``values``, in order."""
        key = (feature, values)
        found = self._lookups.get(key)
        if found is None:
            found = self._lookups[key] = self._words_with(feature, values)
        return found

    def _words_with(self, feature: str, values: tuple[str, ...]) -> list[int]:
        index = self._index_of(feature)
        if len(values) == 1:
            return index.get(values[0], [])
        return sorted({i for v in values for i in index.get(v, ())})

    def ancestors(self, word_id: int) -> list[int]:
        """The word's head, its head's head ... up to the root (cycles cut)."""
        found: list[int] = []
        current = self.words[word_id].head
        while current in self.words and current not in found and current != word_id:
            found.append(current)
            current = self.words[current].head
        return found

    def descendants(self, word_id: int) -> list[int]:
        """Every word below ``word_id`` in the tree, in sentence order."""
        found: set[int] = set()
        stack = [word_id]
        while stack:
            for child in self.children.get(stack.pop(), []):
                if child.id not in found and child.id != word_id:
                    found.add(child.id)
                    stack.append(child.id)
        return sorted(found)

    def words_passing(self, constraint: Constraint) -> list[int]:
        """Ids of the words a selective constraint accepts (equality or regex)."""
        if constraint.regex is None:
            return self.words_with(constraint.feature, constraint.values)
        found = self._regex_hits.get(id(constraint))
        if found is None:
            found = self._regex_passing(constraint)
            self._regex_hits[id(constraint)] = found
        return found

    def _regex_passing(self, constraint: Constraint) -> list[int]:
        """Ids of the words whose value the constraint's regex accepts: values
        already judged in other sentences are sorted out by set operations."""
        index = self._index_of(constraint.feature)
        accepted, refused = constraint.seen
        if len(accepted) + len(refused) > _SEEN_LIMIT:  # bounded: memory stays flat
            accepted.clear()
            refused.clear()
        values = index.keys()
        fullmatch = constraint.regex.fullmatch  # type: ignore[union-attr]
        for value in values - accepted - refused:
            (accepted if fullmatch(value) else refused).add(value)
        return sorted({i for value in values & accepted for i in index[value]})

    def node_ok(self, constraints: tuple[Constraint, ...], word_id: int) -> bool:
        key = (id(constraints), word_id)
        found = self._node_tests.get(key)
        if found is None:
            found = True
            for c in constraints:  # a loop, not all() over a generator: a hot path
                if not c.accepts(self.features(word_id, c.feature)):
                    found = False
                    break
            self._node_tests[key] = found
        return found


_NOTHING_BOUND: frozenset[str] = frozenset()


def match_rule(rule: Rule, graph: SentenceGraph, prechecked: bool = False) -> list[dict[str, int]]:
    """Every binding of the rule's nodes to word ids, in sentence order (each
    binding's nodes in pattern order).

    ``prechecked`` says the caller has already found a word for each of the
    rule's prechecks in this sentence (as :class:`RuleSet` does). The search
    follows the rule's match plans (:mod:`framing.annotation.rule_plans`).
    """
    pattern = rule.pattern
    if not prechecked and not graph.may_match(pattern):
        return []
    found: list[dict[str, int]] = []
    extend(graph, pattern.plan(_NOTHING_BOUND, pattern.anchor(graph)).steps, 0, {}, found)
    if not found:  # most searches
        return found
    if rule.without:
        bound = pattern.node_set
        negatives = [negative.plan(bound, None) for negative in rule.without]
        found = [
            binding
            for binding in found
            if not any(
                holds(graph, plan, binding) and extend(graph, plan.steps, 0, binding, None)
                for plan in negatives
            )
        ]
    order = pattern.node_order
    results = [{name: binding[name] for name in order} for binding in found]
    results.sort(key=lambda b: tuple(b.values()))
    return results


# -- loading --------------------------------------------------------------


def _rule_files(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            rules_dir = path / "rules" if (path / "rules").is_dir() else path
            files.extend(sorted(rules_dir.glob("*.yaml")))
        elif path.is_file():
            files.append(path)
        else:
            raise InputError(f"{path}: no such rule file or folder")
    return files


def read_rules(
    paths: list[str | Path] | None = None, language: str = "fr"
) -> tuple[list[Rule], dict[str, str], list[Problem]]:
    """Load rule files; return rules, file checksums and problems found."""
    path_list = [Path(p) for p in paths] if paths else [default_lexicon_dir(language)]
    rules: list[Rule] = []
    problems: list[Problem] = []
    checksums: dict[str, str] = {}
    seen: dict[str, str] = {}
    for file_path in _rule_files(path_list):
        file = str(file_path)
        checksums[file] = hashlib.sha256(file_path.read_bytes()).hexdigest()
        try:
            data = load_yaml(file_path)
        except InputError as exc:
            problems.append(Problem.from_error(file, exc))
            continue
        bad_rules = _schema_problems(data, file, problems)
        if bad_rules is None:
            continue
        for position, raw in enumerate(data["rules"]):
            if position in bad_rules:
                continue
            line = getattr(raw, "line", 1)
            rule_id = raw["id"]
            if rule_id in seen:
                problems.append(
                    Problem(file, line, f"duplicate rule id {rule_id!r} (first in {seen[rule_id]})")
                )
                continue
            seen[rule_id] = file
            rule = _compile_rule(raw, file, line, problems)
            if rule is not None:
                rules.append(rule)
    return rules, checksums, problems


def _schema_problems(data: Any, file: str, problems: list[Problem]) -> set[int] | None:
    """Add the file's schema problems; return the positions of the rules they
    concern, or None when the file as a whole is unusable."""
    validator = jsonschema.Draft202012Validator(load_schema("rules"))
    bad_rules: set[int] | None = set()
    for error in validator.iter_errors(data):
        path = list(error.path)
        where = "/".join(str(p) for p in path) or "top level"
        problems.append(Problem(file, line_of(data, path), f"{where}: {error.message}"))
        if len(path) >= 2 and path[0] == "rules" and isinstance(path[1], int):
            if bad_rules is not None:
                bad_rules.add(path[1])
        else:
            bad_rules = None
    return bad_rules


def _family_problems(
    raw: Mapping[str, Any], line: int, pattern: GraphPattern
) -> list[tuple[int, str]]:
    """(line, message) for each way the rule's roles and params break its family's
    declaration in the registry, or name nodes the pattern lacks."""
    roles = raw.get("roles") or {}
    params = raw.get("params") or {}
    roles_line = getattr(roles, "line", line)
    found = [
        (roles_line, f"role {role!r} names unknown node {node!r}")
        for role, node in roles.items()
        if node not in pattern.nodes
    ]
    family = rule_families().get(raw["family"])
    if family is None:
        known = ", ".join(rule_families())
        return [*found, (line, f"unknown family {raw['family']!r} (known: {known})")]
    found += [(roles_line, m) for m in family.role_problems(roles)]
    found += [(getattr(params, "line", line), m) for m in family.param_problems(roles, params)]
    return found


def _compile_rule(
    raw: Mapping[str, Any], file: str, line: int, problems: list[Problem]
) -> Rule | None:
    """The compiled rule, or None after adding what is wrong with it to ``problems``."""
    rule_id = raw["id"]
    try:
        pattern = parse_pattern(raw["pattern"])
        without = tuple(parse_pattern(w) for w in raw.get("without") or [])
    except RuleSyntaxError as exc:
        problems.append(Problem(file, line, f"{rule_id}: rule syntax error: {exc}"))
        return None
    roles = dict(raw.get("roles") or {})
    params = dict(raw.get("params") or {})
    found = _family_problems(raw, line, pattern)
    problems += [Problem(file, where, f"{rule_id}: {message}") for where, message in found]
    examples = raw.get("examples") or {}
    example_parses, parse_problems = _example_parses(rule_id, examples, file, line)
    problems += parse_problems
    if found or parse_problems:
        return None
    return Rule(
        id=rule_id,
        family=raw["family"],
        pattern=pattern,
        without=without,
        roles=roles,
        description=raw.get("description", ""),
        params=params,
        examples_match=tuple(examples.get("match") or ()),
        examples_no_match=tuple(examples.get("no_match") or ()),
        example_parses=example_parses,
        file=file,
        line=line,
    )


def load_rules(
    paths: list[str | Path] | None = None, language: str = "fr"
) -> tuple[list[Rule], dict[str, str]]:
    rules, checksums, problems = read_rules(paths, language)
    if problems:
        shown = "\n".join(str(p) for p in problems[:20])
        raise InputError(f"rules have {len(problems)} error(s):\n{shown}")
    return rules, checksums


class RuleSet:
    """Rules applied together, so that the prechecks they share run once per sentence.

    Many rules wait for the same cheap evidence (a reporting-verb mark, the
    lemma "de", Mood=Cnd). Each distinct precheck is one bit of a
    :class:`prefilter.Prefilter`, which decides them all at once per
    sentence, and a rule whose bits are not all set is skipped without a
    search: most rules skip most sentences.
    """

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.rules = tuple(rules)
        checks: dict[tuple, int] = {}
        found: list[Check] = []
        needs: list[int] = []
        for rule in self.rules:
            wanted = [Check(constraint) for constraint in rule.pattern.prechecks]
            # then the relations the rule needs
            wanted += [c for c in map(relation_check, rule.pattern.edges) if c is not None]
            bits = 0
            for check in wanted:
                constraint = check.constraint
                key = (
                    constraint.feature,
                    constraint.values,
                    constraint.regex.pattern if constraint.regex is not None else None,
                    check.families,
                )
                if key not in checks:
                    checks[key] = len(found)
                    found.append(check)
                bits |= 1 << checks[key]
            needs.append(bits)
        self._prefilter = Prefilter(found)
        self._rule_needs = tuple(zip(self.rules, needs, strict=True))  # (rule, its bits)

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    def matches(self, graph: SentenceGraph) -> Iterator[tuple[Rule, dict[str, int]]]:
        """Every (rule, binding) in the sentence: rules in order, bindings in sentence order."""
        missing = ~self._prefilter.passed(graph)  # the checks no word passes
        for rule in [rule for rule, needs in self._rule_needs if not needs & missing]:
            for binding in match_rule(rule, graph, prechecked=True):
                yield rule, binding
