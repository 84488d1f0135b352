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

Features are ``form``, ``lemma`` (both compared case-insensitively), ``upos``,
``xpos``, ``deprel`` (relation to the word's head), any morphological feature
(``Mood``, ``VerbForm`` ...), and the lexicon's marks on the word: ``lexicon``
(category), ``entry`` (entry id), ``stance`` and ``hedge_type``.

Relations: ``A -[rel1|rel2]-> B`` (``obl:*`` = obl and all its subtypes),
``A -[^rel]-> B`` any relation but these, ``A -> B`` any relation.
Order: ``A << B`` (A before B), ``A < B`` (A immediately before B).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jsonschema

from framing.document import Sentence, Word
from framing.errors import InputError
from framing.lexicon import Problem
from framing.resources import default_lexicon_dir, load_schema
from framing.yamlio import line_of, load_yaml

_NODE = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)\s*\[(.*)\]$", re.S)
_EDGE = re.compile(
    r"^([A-Za-z_][A-Za-z0-9_]*)\s*-(?:\[(\^?)([^\]]*)\]-)?>\s*([A-Za-z_][A-Za-z0-9_]*)$"
)
_ORDER = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)\s*(<<|<)\s*([A-Za-z_][A-Za-z0-9_]*)$")
_CONSTRAINT = re.compile(
    r'^(!?)([A-Za-z_:][A-Za-z0-9_:\[\]]*)\s*(?:(<>|=)\s*(re"(?:[^"\\]|\\.)*"|.+))?$'
)
_CASE_FOLDED = ("form", "lemma")
FAMILIES = ("attribution", "selon", "qualify", "negation", "hedge", "passive", "target")


class RuleSyntaxError(ValueError):
    """A pattern that cannot be parsed."""


@dataclass(frozen=True)
class Constraint:
    feature: str
    values: tuple[str, ...] = ()
    negated: bool = False
    regex: re.Pattern[str] | None = None
    presence: bool | None = None  # True: must exist, False: must be absent

    def test(self, get: Callable[[str], set[str]]) -> bool:
        found = get(self.feature)
        if self.presence is not None:
            return bool(found) == self.presence
        if self.regex is not None:
            hit = any(self.regex.fullmatch(v) for v in found)
        else:
            hit = bool(found.intersection(self.values))
        return hit != self.negated


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    labels: tuple[str, ...] = ()  # empty: any relation
    excluded: bool = False

    def accepts(self, deprel: str | None) -> bool:
        if not self.labels:
            return True
        rel = deprel or ""
        hit = any(
            rel == label or (label.endswith(":*") and rel.split(":")[0] == label[:-2])
            for label in self.labels
        )
        return hit != self.excluded


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
    file: str = ""
    line: int = 0


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
        if (found := _EDGE.match(clause)) is not None:
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


WordFeatures = Callable[[int, str], set[str]]


class SentenceGraph:
    """Index of one sentence for rule matching: words by id, children, features."""

    def __init__(
        self, sentence: Sentence, marks: Mapping[int, Mapping[str, set[str]]] | None = None
    ):
        self.sentence = sentence
        self.words: dict[int, Word] = {w.id: w for w in sentence.words}
        self.order = sorted(self.words)
        self.marks = marks or {}
        self.children: dict[int, list[Word]] = {}
        for word in self.words.values():
            if word.head is not None:
                self.children.setdefault(word.head, []).append(word)

    def features(self, word_id: int, feature: str) -> set[str]:
        word = self.words[word_id]
        if feature in ("form", "text"):
            return {word.text.casefold()}
        if feature == "lemma":
            return {word.lemma.casefold()} if word.lemma else set()
        if feature in ("upos", "xpos", "deprel"):
            value = getattr(word, feature)
            return {value} if value else set()
        mark = self.marks.get(word_id, {}).get(feature)
        if mark is not None:
            return set(mark)
        value = word.feat(feature)
        return {value} if value else set()


def _node_ok(graph: SentenceGraph, constraints: tuple[Constraint, ...], word_id: int) -> bool:
    return all(c.test(lambda f: graph.features(word_id, f)) for c in constraints)


def _edge_ok(graph: SentenceGraph, edge: Edge, binding: Mapping[str, int]) -> bool:
    if edge.source not in binding or edge.target not in binding:
        return True
    child = graph.words[binding[edge.target]]
    return child.head == binding[edge.source] and edge.accepts(child.deprel)


def _order_ok(order: Order, binding: Mapping[str, int]) -> bool:
    if order.before not in binding or order.after not in binding:
        return True
    a, b = binding[order.before], binding[order.after]
    return b == a + 1 if order.immediate else a < b


def _solve(
    graph: SentenceGraph, pattern: GraphPattern, binding: dict[str, int]
) -> Iterator[dict[str, int]]:
    free = [name for name in pattern.nodes if name not in binding]
    if not free:
        if all(_edge_ok(graph, e, binding) for e in pattern.edges) and all(
            _order_ok(o, binding) for o in pattern.orders
        ):
            yield dict(binding)
        return
    name = free[0]
    candidates = _candidates(graph, pattern, binding, name)
    for word_id in candidates:
        if word_id in binding.values():
            continue
        if not _node_ok(graph, pattern.nodes[name], word_id):
            continue
        binding[name] = word_id
        if all(_edge_ok(graph, e, binding) for e in pattern.edges) and all(
            _order_ok(o, binding) for o in pattern.orders
        ):
            yield from _solve(graph, pattern, binding)
        del binding[name]


def _candidates(
    graph: SentenceGraph, pattern: GraphPattern, binding: Mapping[str, int], name: str
) -> list[int]:
    """Narrow the search with a bound neighbour when there is one."""
    for edge in pattern.edges:
        if edge.target == name and edge.source in binding:
            return [w.id for w in graph.children.get(binding[edge.source], [])]
        if edge.source == name and edge.target in binding:
            head = graph.words[binding[edge.target]].head
            return [head] if head in graph.words else []
    return graph.order


def match_rule(rule: Rule, graph: SentenceGraph) -> list[dict[str, int]]:
    """Every binding of the rule's nodes to word ids, in sentence order."""
    results = []
    for binding in _solve(graph, rule.pattern, {}):
        if any(next(_solve(graph, neg, dict(binding)), None) is not None for neg in rule.without):
            continue
        results.append(binding)
    results.sort(key=lambda b: tuple(b[n] for n in rule.pattern.nodes))
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
    import hashlib

    path_list = [Path(p) for p in paths] if paths else [default_lexicon_dir(language)]
    validator = jsonschema.Draft202012Validator(load_schema("rules"))
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
            problems.append(Problem(file, 1, str(exc).split(": ", 1)[-1]))
            continue
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
            try:
                pattern = parse_pattern(raw["pattern"])
                without = tuple(parse_pattern(w) for w in raw.get("without") or [])
            except RuleSyntaxError as exc:
                problems.append(Problem(file, line, f"{rule_id}: rule syntax error: {exc}"))
                continue
            roles = dict(raw.get("roles") or {})
            for role, node in roles.items():
                if node not in pattern.nodes:
                    problems.append(
                        Problem(file, line, f"{rule_id}: role {role!r} names unknown node {node!r}")
                    )
            examples = raw.get("examples") or {}
            rules.append(
                Rule(
                    id=rule_id,
                    family=raw["family"],
                    pattern=pattern,
                    without=without,
                    roles=roles,
                    description=raw.get("description", ""),
                    params=dict(raw.get("params") or {}),
                    examples_match=tuple(examples.get("match") or ()),
                    examples_no_match=tuple(examples.get("no_match") or ()),
                    file=file,
                    line=line,
                )
            )
    return rules, checksums, problems


def load_rules(
    paths: list[str | Path] | None = None, language: str = "fr"
) -> tuple[list[Rule], dict[str, str]]:
    rules, checksums, problems = read_rules(paths, language)
    if problems:
        shown = "\n".join(str(p) for p in problems[:20])
        raise InputError(f"rules have {len(problems)} error(s):\n{shown}")
    return rules, checksums
