"""The Grew-style rule language: syntax, constraints, relations, negative patterns."""

from __future__ import annotations

import pytest

from framing.annotation.rules import (
    Rule,
    RuleSet,
    RuleSyntaxError,
    SentenceGraph,
    match_rule,
    parse_pattern,
)
from tests.helpers import conllu_doc

# "Selon la police, vingt manifestants ont été tués par l'armée ."
SENTENCE = conllu_doc(
    [
        ("Selon", "selon", "ADP", 3, "case"),
        ("la", "le", "DET", 3, "det"),
        ("police", "police", "NOUN", 9, "obl:mod", "_", True),
        (",", ",", "PUNCT", 3, "punct"),
        ("vingt", "vingt", "NUM", 6, "nummod"),
        ("manifestants", "manifestant", "NOUN", 9, "nsubj:pass"),
        ("ont", "avoir", "AUX", 9, "aux:tense"),
        ("été", "être", "AUX", 9, "aux:pass"),
        ("tués", "tuer", "VERB", 0, "root", "Gender=Masc|Number=Plur|Tense=Past|VerbForm=Part"),
        ("par", "par", "ADP", 12, "case"),
        ("l'", "le", "DET", 12, "det", "_", True),
        ("armée", "armée", "NOUN", 9, "obl:agent", "_", True),
        (".", ".", "PUNCT", 9, "punct"),
    ]
).sentences[0]


def _rule(pattern: str, without=(), roles=None) -> Rule:
    graph = parse_pattern(pattern)
    return Rule(
        id="test.rule",
        family="target",
        pattern=graph,
        without=tuple(parse_pattern(w) for w in without),
        roles=roles or {name: name for name in graph.nodes},
    )


def _words(rule: Rule, marks=None) -> list[dict[str, str]]:
    graph = SentenceGraph(SENTENCE, marks)
    return [
        {name: SENTENCE.word(word_id).text for name, word_id in binding.items()}
        for binding in match_rule(rule, graph)
    ]


def test_edge_and_feature_constraints():
    rule = _rule("V [upos=VERB, VerbForm=Part]; V -[nsubj:pass]-> S")
    assert _words(rule) == [{"V": "tués", "S": "manifestants"}]


def test_negative_pattern_blocks_agentive_passive():
    rule = _rule("V [lemma=tuer]; V -[aux:pass]-> A", without=["V -[obl:agent]-> G"])
    assert _words(rule) == []
    assert _words(_rule("V [lemma=tuer]; V -[aux:pass]-> A")) == [{"V": "tués", "A": "été"}]


def test_subtype_wildcard_and_alternatives():
    assert [b["X"] for b in _words(_rule("V -[obl:*]-> X"))] == ["police", "armée"]
    assert [b["X"] for b in _words(_rule("V -[nsubj:pass|obl:mod]-> X"))] == [
        "police",
        "manifestants",
    ]


def test_excluded_relation_and_any_relation():
    subjects = _words(_rule("V [upos=VERB]; V -[^punct|aux:tense|aux:pass]-> X"))
    assert [b["X"] for b in subjects] == ["police", "manifestants", "armée"]
    assert len(_words(_rule("P [lemma=selon]; X -[case]-> P; H -> X"))) == 1


def test_negated_value_regex_and_absence():
    assert [b["X"] for b in _words(_rule("X [upos=NOUN, lemma<>police|armée]"))] == ["manifestants"]
    assert [b["X"] for b in _words(_rule('X [lemma=re"man.*"]'))] == ["manifestants"]
    assert "tués" not in [b["X"] for b in _words(_rule("X [upos=VERB|AUX, !VerbForm]"))]


def test_order_constraints():
    assert _words(_rule("A [lemma=avoir]; B [lemma=être]; A < B")) == [{"A": "ont", "B": "été"}]
    assert _words(_rule("A [lemma=être]; B [lemma=avoir]; A << B")) == []


def test_lexicon_marks_are_features():
    marks = {6: {"lexicon": {"actor_label"}, "entry": {"actor.manifestant"}}}
    assert _words(_rule("X [lexicon=actor_label]"), marks) == [{"X": "manifestants"}]
    assert _words(_rule('X [entry=re"actor\\..*"]'), marks) == [{"X": "manifestants"}]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("V [upos=VERB", "unclosed"),
        ("V -[nsubj]=> S", "cannot read clause"),
        ('V [lemma=re"(unclosed"]', "bad regular expression"),
        ("", "empty pattern"),
        ("V [!upos=VERB]", "'!' goes with a bare feature"),
    ],
)
def test_syntax_errors(text, message):
    with pytest.raises(RuleSyntaxError, match=message):
        parse_pattern(text)


def _consistent(graph: SentenceGraph, pattern, binding) -> bool:
    """Every edge and order of the pattern whose two ends are bound holds:
    written out here, apart from the engine's plans, as the oracle's own check."""
    for edge in pattern.edges:
        if edge.source not in binding or edge.target not in binding:
            continue
        if edge.dominates:
            if binding[edge.source] not in graph.ancestors(binding[edge.target]):
                return False
            continue
        child = graph.words[binding[edge.target]]
        if child.head != binding[edge.source] or not edge.accepts(child.deprel):
            return False
    for order in pattern.orders:
        if order.before not in binding or order.after not in binding:
            continue
        a, b = binding[order.before], binding[order.after]
        if not (b == a + 1 if order.immediate else a < b):
            return False
    return True


def _brute_force(rule: Rule, marks) -> list[dict[str, int]]:
    """Every binding found by trying all assignments: the reference for the indexed search."""
    from itertools import permutations

    graph = SentenceGraph(SENTENCE, marks)
    names = list(rule.pattern.nodes)
    found = []
    for ids in permutations(graph.order, len(names)):
        binding = dict(zip(names, ids, strict=True))
        if not all(
            c.test(lambda f, i=binding[n]: set(graph.features(i, f)))
            for n in names
            for c in rule.pattern.nodes[n]
        ):
            continue
        if not _consistent(graph, rule.pattern, binding):
            continue
        if any(_brute_force_extends(graph, negative, binding, marks) for negative in rule.without):
            continue
        found.append(binding)
    return sorted(found, key=lambda b: tuple(b[n] for n in names))


def _brute_force_extends(graph, pattern, binding, marks) -> bool:
    from itertools import permutations

    extra = [n for n in pattern.nodes if n not in binding]
    free_ids = [i for i in graph.order if i not in binding.values()]
    for ids in permutations(free_ids, len(extra)):
        full = {**binding, **dict(zip(extra, ids, strict=True))}
        if all(
            c.test(lambda f, i=full[n]: set(graph.features(i, f)))
            for n in pattern.nodes
            for c in pattern.nodes[n]
        ) and _consistent(graph, pattern, full):
            return True
    return False


SEARCH_CASES = [
    ('V -[aux|aux:tense|aux:pass]-> A; A [form=re"(ont|été)"]', ()),
    ('P [form=","]; P < A; V -> A', ()),
    ("A [upos=AUX]; B [upos=AUX]; A < B", ()),
    ("A [upos=AUX]; B [upos=AUX]; B < A", ()),
    ("X [lexicon=actor_label]; V -[nsubj:pass]-> X; V -[aux:pass]-> A", ()),
    ("X [lexicon=actor_label|event_label]; V -> X; X << V", ()),
    ("X [upos=NOUN]; Y [upos=NOUN]; X << Y", ("V -[obl:agent]-> Y",)),
    ("H -> X; X -[case]-> C; C [lemma=selon|par]", ()),
    ("V ->> X; X [upos=DET]; V [upos=VERB]", ()),
    ("D [upos=DET]; X ->> D", ("X -[case]-> C",)),
    ("X [upos<>PUNCT]; X -[det]-> D", ()),
    ("V [!Number]; V -[punct]-> P", ("V -[nsubj:pass]-> S; S [lemma=manifestant]",)),
    ('X [lemma=re"m.*"]; X < Y', ()),
    # plans reach a node through its head, the word before it, or the words above it
    ("A [upos=DET]; N -[det]-> A; N < P; H ->> N", ()),
    ("X [upos=NOUN]; V -> X; V [upos=VERB]", ("X -[det]-> D; D < X",)),
    # a negative pattern's constraint on a node the rule has bound is checked
    ("V -[obl:*]-> X", ("X [lemma=police]",)),
]


@pytest.mark.parametrize(("pattern", "without"), SEARCH_CASES)
def test_indexed_search_finds_exactly_what_brute_force_finds(pattern, without):
    marks = {6: {"lexicon": {"actor_label"}, "entry": {"actor.manifestant"}}}
    rule = _rule(pattern, without=without)
    expected = _brute_force(rule, marks)
    assert match_rule(rule, SentenceGraph(SENTENCE, marks)) == expected
    assert expected  # every pattern here matches somewhere, so the comparison means something


def test_negative_constraint_on_a_bound_node_blocks_only_its_words():
    rule = _rule("V -[obl:*]-> X", without=["X [lemma=police]"])
    assert [b["X"] for b in _words(rule)] == ["armée"]


def test_dominance_reaches_any_depth():
    below = _words(_rule("V [lemma=tuer]; V ->> X; X [upos=DET]"))
    assert [b["X"] for b in below] == ["la", "l'"]
    above = _words(_rule("D [form=la]; X ->> D"))
    assert [b["X"] for b in above] == ["police", "tués"]
    assert _words(_rule("X [form=police]; X ->> Y; Y [lemma=armée]")) == []


def test_rule_set_equals_each_rule_on_its_own():
    """Shared prechecks only skip rules that cannot match: a RuleSet yields the
    bindings of each rule in turn, as match_rule does, including rules whose
    prechecks fail here (a lemma, a mark, a feature value the sentence lacks)."""
    marks = {6: {"lexicon": {"actor_label"}, "entry": {"actor.manifestant"}}}
    rules = [_rule(p, without=w) for p, w in SEARCH_CASES]
    rules += [
        _rule("X [lemma=qualifier]; X -> Y"),
        _rule("X [lexicon=reporting_verb]; X -[nsubj]-> S"),
        _rule("V [Mood=Cnd]"),
        _rule("V [VerbForm=Part, Tense=Past]; V -[aux:pass]-> A"),
        _rule("V [upos=VERB]; V -[nsubj:pass]-> S; S [upos=NOUN]"),
    ]
    graph = SentenceGraph(SENTENCE, marks)
    expected = [(r, b) for r in rules for b in match_rule(r, SentenceGraph(SENTENCE, marks))]
    assert list(RuleSet(rules).matches(graph)) == expected
    matched = {id(r) for r, _ in expected}
    assert len(matched) == len(rules) - 3  # three of the extra rules cannot match here


def test_regex_verdicts_remembered_across_sentences_change_nothing():
    """A regex constraint keeps the values it judged (framing/annotation/rules.py,
    Constraint.seen); meeting them again in another sentence gives what a
    fresh constraint gives."""
    other = conllu_doc(
        [
            ("Les", "le", "DET", 2, "det"),
            ("maires", "maire", "NOUN", 3, "nsubj"),
            ("manifestent", "manifester", "VERB", 0, "root"),
            (".", ".", "PUNCT", 3, "punct"),
        ]
    ).sentences[0]
    pattern = 'X [form=re"ma.*"]'
    used = _rule(pattern)
    for sentence in (SENTENCE, other, SENTENCE, other):
        fresh = _rule(pattern)
        assert match_rule(used, SentenceGraph(sentence)) == match_rule(
            fresh, SentenceGraph(sentence)
        )
    assert [SENTENCE.word(b["X"]).text for b in match_rule(used, SentenceGraph(SENTENCE))] == [
        "manifestants"
    ]


@pytest.mark.parametrize(
    ("pattern", "passes"),
    [
        ("X [lemma=tuer]", True),
        ("X [lemma=qualifier]", False),
        ("X [lemma=tuer|dire]", True),
        ("X [form=MANIFESTANTS]", True),  # constraint values are casefolded
        ("X [form=Police]", True),
        ("X [upos=VERB]", True),
        ("X [upos=ADV]", False),
        ("X [VerbForm=Part]", True),
        ("X [Mood=Cnd]", False),
        ("X [xpos=VPP]", False),
        ('X [form=re"manif.*"]', True),
        ('X [form=re"ma"]', False),
        ('X [lemma=re"ar.*"]', True),  # a regex off the form: tested by the graph
        ("X [lexicon=actor_label]", True),
        ("X [entry=actor.manifestant|actor.policier]", True),
        ("X [lexicon=reporting_verb]", False),
        ("X -[nsubj:pass]-> Y", True),
        ("X -[nsubj]-> Y", False),
        ("X -[obl:*]-> Y", True),  # a relation family: obl:mod, obl:agent
        ("X -[iobj|ccomp:*]-> Y", False),
    ],
)
def test_the_prefilter_passes_a_check_when_some_word_satisfies_it(pattern, passes):
    """framing/annotation/prefilter.py decides all prechecks at once per
    sentence, from per-word memos and set intersections: a check is passed
    exactly when some word has one of its values, as testing it alone says."""
    from framing.annotation.prefilter import Check, Prefilter
    from framing.annotation.rules import relation_check

    marks = {6: {"lexicon": {"actor_label"}, "entry": {"actor.manifestant"}}}
    graph_pattern = parse_pattern(pattern)
    checks = [Check(c) for c in graph_pattern.prechecks]
    checks += [c for c in map(relation_check, graph_pattern.edges) if c is not None]
    assert len(checks) == 1
    prefilter = Prefilter([Check(parse_pattern("Z [upos=NOUN]").prechecks[0]), *checks])
    for _ in range(2):  # the second time from the per-word memo
        bits = prefilter.passed(SentenceGraph(SENTENCE, marks))
        assert bits & 1  # the other check, beside it
        assert bool(bits & 2) is passes
