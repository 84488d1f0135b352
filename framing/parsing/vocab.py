"""Stanza's vocabulary look-ups, remembered per distinct unit.

Before every batch the tagger and the parser map each word, character and
tag to its id through ``BaseVocab.map`` (one method call per unit, and for
the features a split and a dict per word), and the tagger turns its
predictions back into strings through ``unmap`` (for the features, one
``"Key=Value"`` string per feature, joined, for every word). A text uses few
distinct units, so here each is looked up once: the stand-ins below call the
vocabulary's own ``unit2id``/``id2unit`` the first time a unit is seen and
remember the answer. The answers are the vocabulary's own, so the ids and
tags are the same (the tests compare them on every unit of a text).

Each memo is bounded (cleared when full), which keeps memory flat on any
corpus. :func:`install` puts them on the tagger's and the parser's
vocabularies (as instance attributes, so ``uninstall`` gives Stanza's methods
back); the lemmatizer's vocabulary grows while it works and is left alone.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import Any

MEMO_LIMIT = 50_000
PROCESSORS = ("pos", "depparse")


def _simple(lookup: Callable[[Any], Any]) -> Callable[[Iterable[Any]], list[Any]]:
    """A memoized ``[lookup(u) for u in units]`` for hashable units and immutable answers."""
    seen: dict[Hashable, Any] = {}

    def learn(unit: Any) -> Any:
        if len(seen) >= MEMO_LIMIT:
            seen.clear()
        answer = seen[unit] = lookup(unit)
        return answer

    def look_up(units: Iterable[Any]) -> list[Any]:
        return [seen[u] if u in seen else learn(u) for u in units]

    return look_up


def _composite(lookup: Callable[[Any], Any]) -> Callable[[Iterable[Any]], list[Any]]:
    """The same for a composite vocabulary: a unit may be a list (a word's feature ids),
    an answer may be a list (ids per feature), returned as a fresh copy."""
    seen: dict[Hashable, Any] = {}

    def one(unit: Any) -> Any:
        key = tuple(unit) if type(unit) is list else unit
        answer = seen.get(key, seen)
        if answer is seen:
            if len(seen) >= MEMO_LIMIT:
                seen.clear()
            answer = seen[key] = lookup(unit)
        return list(answer) if type(answer) is list else answer

    def look_up(units: Iterable[Any]) -> list[Any]:
        return [one(u) for u in units]

    return look_up


def remember(vocab: Any) -> None:
    """Give one vocabulary memoized ``map`` and ``unmap`` (its own answers, remembered)."""
    from stanza.models.common.vocab import CompositeVocab

    memo = _composite if isinstance(vocab, CompositeVocab) else _simple
    vocab.map, vocab.unmap = memo(vocab.unit2id), memo(vocab.id2unit)


def forget(vocab: Any) -> None:
    """Give a vocabulary Stanza's own ``map`` and ``unmap`` back."""
    for name in ("map", "unmap"):
        vars(vocab).pop(name, None)


def _vocabularies(pipeline: Any) -> list[Any]:
    """The tagger's and the parser's vocabularies, and their pretrained word list."""
    found: list[Any] = []
    for name in PROCESSORS:
        processor = pipeline.processors.get(name)
        if processor is None:
            continue
        found.extend(getattr(processor.vocab, "_vocabs", {}).values())
        pretrain = getattr(processor, "pretrain", None)
        if pretrain is not None:
            found.append(pretrain.vocab)
    unique = {id(v): v for v in found if hasattr(v, "unit2id") and hasattr(v, "id2unit")}
    return list(unique.values())


def install(pipeline: Any) -> None:
    """Memoize the look-ups of the tagger's and the parser's vocabularies."""
    for vocab in _vocabularies(pipeline):
        remember(vocab)


def uninstall(pipeline: Any) -> None:
    """Stanza's own look-ups again (to compare the two)."""
    for vocab in _vocabularies(pipeline):
        forget(vocab)
