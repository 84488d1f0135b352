"""Rules compiled to match plans: the order in which a pattern's nodes are
bound, fixed once, and what gives each node its candidate words.

The first search (``rules._solve``) chose the next node at every step of every
sentence by building the candidate list of each free node and keeping the
shortest; over a corpus that choice cost more than the search itself. A plan
makes it once per rule: after the first node (the anchor, still chosen per
sentence from the indexes, since which constraint is rarest depends on the
sentence) each node is reached from one already bound, by the cheapest link
its pattern offers: the head of a bound word or the word beside it (one
candidate), the children of a bound word, the words above or below it, and
only when nothing links it, an index or every word.

The bindings found are exactly the same set: every node constraint, relation
and order is checked as soon as both its ends are bound, the words of a
binding stay distinct, and :func:`rules.match_rule` sorts what it returns, so
the order of the search does not show. Negative patterns (``without``) get a
plan of their own with the positive nodes already bound; they only need to
know whether one extension exists.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from framing.annotation.rules import Constraint, Edge, GraphPattern, Order, SentenceGraph

# Features set by lexicon matches on a word's head (see Annotator.lexicon_marks).
MARK_FEATURES = frozenset(
    ("lexicon", "entry", "stance", "hedge_type", "referent", "frame", "valence")
)

# How a step finds its candidates, cheapest first (the greedy order's costs).
HEAD, NEXT, CHILDREN, ABOVE, BELOW, INDEX, EVERY = range(7)


@dataclass(frozen=True, slots=True)
class Step:
    """Bind ``node``: candidates by ``kind`` (from the bound node ``link``
    through ``edge``, or ``offset`` words away), then its constraints, then
    the relations and orders this binding completes."""

    node: str
    constraints: tuple[Constraint, ...]
    kind: int
    link: str  # "" for INDEX and EVERY
    edge: Edge | None
    offset: int
    edges: tuple[Edge, ...]
    orders: tuple[Order, ...]


@dataclass(frozen=True, slots=True)
class Plan:
    """Steps in order, and the checks among the nodes bound before the first
    step: their constraints in this pattern (a negative pattern may add some:
    ``without: ["V [Mood=Cnd]"]``), relations and orders."""

    steps: tuple[Step, ...]
    edges: tuple[Edge, ...]
    orders: tuple[Order, ...]
    bound: tuple[tuple[str, tuple[Constraint, ...]], ...] = ()


def _link(pattern: GraphPattern, name: str, bound: set[str]) -> tuple[int, str, Edge | None, int]:
    """The cheapest way to reach ``name`` from the bound nodes: (kind, link, edge, offset)."""
    best: tuple[int, str, Edge | None, int] = (
        INDEX if pattern.selective(name) else EVERY,
        "",
        None,
        0,
    )
    for edge in pattern.edges:
        if edge.target == name and edge.source in bound and edge.source != name:
            option = (BELOW if edge.dominates else CHILDREN, edge.source, edge, 0)
        elif edge.source == name and edge.target in bound and edge.target != name:
            option = (ABOVE if edge.dominates else HEAD, edge.target, edge, 0)
        else:
            continue
        if option[0] < best[0]:
            best = option
    for order in pattern.orders:
        if not order.immediate:
            continue
        if order.before == name and order.after in bound and order.after != name:
            option = (NEXT, order.after, None, -1)
        elif order.after == name and order.before in bound and order.before != name:
            option = (NEXT, order.before, None, 1)
        else:
            continue
        if option[0] < best[0]:
            best = option
    return best


def build_plan(pattern: GraphPattern, bound: frozenset[str], anchor: str | None) -> Plan:
    """The plan binding the nodes of ``pattern`` not in ``bound``, ``anchor`` first.

    Greedy: each next node is the free one with the cheapest link (pattern
    order among equals). The link a step's candidates come from already holds
    for each of them (a child by that relation, the word just before), so it
    is not checked again, except dominance, which is checked in full.
    """
    done = set(bound)
    free = [name for name in pattern.nodes if name not in done]
    edges = tuple(e for e in pattern.edges if e.source in done and e.target in done)
    orders = tuple(o for o in pattern.orders if o.before in done and o.after in done)
    steps: list[Step] = []
    while free:
        options = [
            (_link(pattern, name, done), position, name) for position, name in enumerate(free)
        ]
        if anchor is not None and not steps and anchor in free:
            chosen = next(option for option in options if option[2] == anchor)
        else:
            chosen = min(options, key=lambda option: (option[0][0], option[1]))
        (kind, link, via, offset), _, name = chosen
        done.add(name)
        free.remove(name)
        checks = tuple(
            e
            for e in pattern.edges
            if name in (e.source, e.target)
            and e.source in done
            and e.target in done
            and (e is not via or e.dominates)
        )
        order_checks = tuple(
            o
            for o in pattern.orders
            if name in (o.before, o.after)
            and o.before in done
            and o.after in done
            and not (kind == NEXT and o.immediate and link in (o.before, o.after))
        )
        steps.append(Step(name, pattern.nodes[name], kind, link, via, offset, checks, order_checks))
    constrained = tuple((name, pattern.nodes[name]) for name in bound if pattern.nodes.get(name))
    return Plan(tuple(steps), edges, orders, constrained)


def _edge_holds(graph: SentenceGraph, edge: Edge, binding: Mapping[str, int]) -> bool:
    if edge.dominates:
        return binding[edge.source] in graph.ancestors(binding[edge.target])
    child = graph.words[binding[edge.target]]
    return child.head == binding[edge.source] and edge.accepts(child.deprel)


def _order_holds(order: Order, binding: Mapping[str, int]) -> bool:
    a, b = binding[order.before], binding[order.after]
    return b == a + 1 if order.immediate else a < b


def holds(graph: SentenceGraph, plan: Plan, binding: Mapping[str, int]) -> bool:
    """Whether the constraints, relations and orders on the nodes bound
    before the plan hold."""
    return (
        all(graph.node_ok(constraints, binding[name]) for name, constraints in plan.bound)
        and all(_edge_holds(graph, e, binding) for e in plan.edges)
        and all(_order_holds(o, binding) for o in plan.orders)
    )


def candidates(
    graph: SentenceGraph, step: Step, binding: Mapping[str, int]
) -> list[int] | tuple[int, ...]:
    """The words a step tries, in sentence order where it matters to nobody."""
    kind = step.kind
    if kind >= INDEX:
        return index_candidates(graph, step.constraints)
    bound = binding[step.link]
    if kind == NEXT:
        found = bound + step.offset
        return (found,) if found in graph.words else ()
    if kind == BELOW:
        return graph.descendants(bound)
    if kind == ABOVE:
        return graph.ancestors(bound)
    edge = step.edge
    assert edge is not None
    if kind == CHILDREN:
        return [w.id for w in graph.children.get(bound, ()) if edge.accepts(w.deprel)]
    child = graph.words[bound]  # HEAD
    head = child.head
    return (
        (head,) if head is not None and head in graph.words and edge.accepts(child.deprel) else ()
    )


def index_candidates(graph: SentenceGraph, constraints: tuple[Constraint, ...]) -> list[int]:
    """The shortest list an indexed constraint of the node gives, or every word.

    A lexicon mark, when the node has one, settles it: marks are rare and
    their index costs nothing, while a word attribute or feature would index
    the whole sentence only to be longer."""
    best: list[int] | None = None
    for marks_only in (True, False):
        for constraint in constraints:
            if constraint.selects and (constraint.feature in MARK_FEATURES) == marks_only:
                found = graph.words_passing(constraint)
                if best is None or len(found) < len(best):
                    best = found
        if best is not None:
            return best
    return graph.order


def extend(
    graph: SentenceGraph,
    steps: tuple[Step, ...],
    index: int,
    binding: dict[str, int],
    found: list[dict[str, int]] | None,
) -> bool:
    """Bind ``steps[index:]`` every way the sentence allows, appending each full
    binding to ``found``; with ``found`` None, stop at the first and return True.

    A module function rather than a closure calling itself: such a closure is
    a reference cycle that keeps every sentence alive until a collection.
    """
    if index == len(steps):
        if found is None:
            return True
        found.append(dict(binding))
        return False
    step = steps[index]
    node = step.node
    for word_id in candidates(graph, step, binding):
        if word_id in binding.values() or not graph.node_ok(step.constraints, word_id):
            continue
        binding[node] = word_id
        if _step_holds(graph, step, binding) and extend(graph, steps, index + 1, binding, found):
            del binding[node]
            return True
        del binding[node]
    return False


def _step_holds(graph: SentenceGraph, step: Step, binding: Mapping[str, int]) -> bool:
    """The relations and orders a step's binding completes (loops, not ``all``
    over generators: this runs for every candidate of every search)."""
    for edge in step.edges:
        if not _edge_holds(graph, edge, binding):
            return False
    for order in step.orders:  # noqa: SIM110 - see the docstring
        if not _order_holds(order, binding):
            return False
    return True
