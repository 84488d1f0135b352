"""The fast depparse decoding gives Stanza's own trees and relations.

Its scores equal Stanza's to float32 rounding (bit for bit where BLAS takes the
same path for both shapes); the trees and relations read from them are the same.
"""

from __future__ import annotations

import numpy as np
import pytest

from framing.parsing import depparse
from framing.parsing.cache import encode_parse
from framing.types import Document

TEXT = (
    "Oui. Il pleut ! "
    "« Nous ne céderons pas devant ces menaces », a déclaré mardi la ministre, "
    "qui s'exprimait devant les députés réunis à Paris pour un débat que l'opposition "
    "jugeait inutile, tandis que les syndicats, dont la colère ne faiblit pas, "
    "annonçaient une nouvelle journée de grève pour le mois prochain. "
    "Selon le maire, les travaux du pont seront achevés avant l'été. "
    "Le chat que le chien a poursuivi dort."
)


def _random_scores(rng: np.random.Generator, size: int) -> np.ndarray:
    """Log-softmax rows over heads, the self-loops excluded, as Stanza's scorer gives."""
    raw = rng.normal(size=(size, size)) * 3
    raw[np.arange(size), np.arange(size)] = -np.inf
    return (raw - np.logaddexp.reduce(raw, axis=1, keepdims=True)).astype(np.float32)


def test_compiled_decoder_gives_stanzas_trees_with_one_root():
    from stanza.models.common.chuliu_edmonds import chuliu_edmonds_one_root

    rng = np.random.default_rng(23)
    for size in [2, 3, 5, 12, 40, 90] * 20:
        scores = _random_scores(rng, size)
        tree = depparse.one_root_tree(scores)
        assert tree.tolist() == chuliu_edmonds_one_root(scores).tolist()
        assert int((tree[1:] == 0).sum()) == 1


@pytest.fixture(scope="module")
def stanza_batches(parser):
    """Stanza's own scores for the batches of TEXT, and what the fast path sees."""
    import torch
    from stanza.models.depparse.data import DataLoader
    from stanza.models.depparse.trainer import unpack_batch

    pipeline = parser.load()._pipeline
    processor = pipeline.processors["depparse"]
    model = processor.trainer.model
    tagged = pipeline.process(TEXT, processors="tokenize,mwt,pos,lemma")
    loader = DataLoader(
        tagged,
        processor.config["batch_size"],
        processor.config,
        processor.pretrain,
        vocab=processor.vocab,
        evaluation=True,
    )
    out = []
    model.eval()
    with torch.no_grad():
        for batch in loader:
            inputs, _, word_orig_idx, sentlens, wordlens, text = unpack_batch(batch, "cpu")
            args = (*inputs, word_orig_idx, sentlens, wordlens, text)
            _, preds = model(*args)
            lstm = model.embed(*args)
            out.append((model, args, preds, lstm))
    return out


# The fast scores are the same products on fewer rows, but BLAS may pick another
# kernel (another summation order) for another shape on another CPU: on an AMD
# EPYC the relation log-probabilities differ from Stanza's by about one float32
# step of the raw scores (7.6e-6 = 2**-17, the step between 64 and 128, here;
# 1.1e-5 at most over 200 OrangeSum articles), on the machine where the test was
# written by nothing. The tolerance allows a few such steps; a wrong computation
# (a missing bias, another row) moves them by far more.
RTOL, ATOL = 1e-5, 3e-5


def test_arc_and_relation_scores_are_stanzas_within_rounding_with_its_decisions(
    stanza_batches,
):
    """Stanza's scores to float32 rounding, and the same heads, trees and relations.

    The smallest margin between the two best relations of a pair in TEXT is
    4e-4 and between the two best heads of a word 0.17, over ten times the
    tolerance, so the decisions must not move with the rounding.
    """
    from stanza.models.common.chuliu_edmonds import chuliu_edmonds_one_root

    pairs = 0
    for model, args, preds, lstm in stanza_batches:
        sentlens = args[12]
        rows = depparse.PaddedRows(list(sentlens), lstm.shape[0], lstm.shape[1])
        padding = [lstm[n, length:] for n, length in enumerate(sentlens) if length < lstm.shape[1]]
        assert padding and all(not p.any() for p in padding), "padding rows are zero"
        arcs = depparse._arc_log_probs(model, rows.take(lstm), rows, args[0], args[9])
        own = preds[0]
        assert arcs.shape == own.shape
        assert np.allclose(arcs, own, rtol=RTOL, atol=ATOL)
        scorer = depparse.RelationScorer(model.deprel, rows.take(lstm), rows)
        for i, length in enumerate(sentlens):
            fast_arcs, own_arcs = arcs[i, :length, :length], own[i, :length, :length]
            assert fast_arcs[1:].argmax(1).tolist() == own_arcs[1:].argmax(1).tolist()
            tree = depparse.one_root_tree(fast_arcs)
            assert tree.tolist() == chuliu_edmonds_one_root(own_arcs).tolist()
            labels = depparse.ArcLabels(scorer, i, length, model.num_relations)
            for dep in range(1, length):
                for head in range(length):
                    fast, stanza = labels[dep, head], preds[2][i][dep, head]
                    assert np.allclose(fast, stanza, rtol=RTOL, atol=ATOL), (i, dep, head)
                    assert np.argmax(fast) == np.argmax(stanza), (i, dep, head)
                    pairs += 1
    assert pairs > 1000


def test_fast_and_stanza_decoding_give_the_same_parse(parser):
    pipeline = parser.load()._pipeline
    document = Document(id="t", text=TEXT)
    try:
        assert depparse.install(pipeline)
        fast = parser.parse(document)
        depparse.uninstall(pipeline)
        own = parser.parse(document)
    finally:
        if parser.fast_decode:
            depparse.install(pipeline)
    assert encode_parse(fast) == encode_parse(own)
    assert len(fast.sentences) >= 5


class _FixedScorer:
    """Relation log-probabilities from a dense array, to drive the repair by hand."""

    def __init__(self, table: np.ndarray) -> None:
        self.table = table

    def log_probs(
        self, sentence: int, length: int, dependents: np.ndarray, heads: np.ndarray
    ) -> np.ndarray:
        return self.table[dependents, heads]


def test_lazy_labels_give_the_repair_the_same_answer_as_a_dense_array():
    """Two subjects on one head: Stanza's repair reads rows beyond the chosen heads."""
    from stanza.models.depparse.head_constraints import (
        find_head_constraint_violations,
        resolve_head_constraint_violations,
    )

    class Vocab:
        units = ("<PAD>", "<UNK>", "<EMPTY>", "<ROOT>", "nsubj", "obj", "root", "obl")

        def unmap(self, ids: list[int]) -> list[str]:
            return [self.units[i] for i in ids]

    rng = np.random.default_rng(5)
    size, relations = 5, 4  # root + 4 words; relations nsubj, obj, root, obl
    raw = rng.normal(size=(size, size)) * 0.5
    for dep, head in ((1, 4), (2, 4), (3, 2), (4, 0)):  # words 1 and 2 both under 4
        raw[dep, head] = 5.0
    raw[np.arange(size), np.arange(size)] = -np.inf
    scores = (raw - np.logaddexp.reduce(raw, axis=1, keepdims=True)).astype(np.float32)
    table = np.log(rng.dirichlet(np.ones(relations), size=(size, size))).astype(np.float32)
    tree = depparse.one_root_tree(scores)
    assert tree.tolist() == [0, 4, 4, 2, 0]
    table[:, 0, :] = np.log([0.01, 0.01, 0.97, 0.01])
    table[1, 4, :] = table[2, 4, :] = np.log([0.7, 0.1, 0.1, 0.1])  # two subjects of 4
    chosen = [Vocab.units[int(np.argmax(table[w, tree[w]])) + 4] for w in range(1, size)]
    assert find_head_constraint_violations(tree, chosen), "the case must need a repair"
    labels = depparse.ArcLabels(_FixedScorer(table), 0, size, relations)
    labels.preload(tree)
    lazy = resolve_head_constraint_violations(scores, labels, tree.copy(), Vocab())
    dense = resolve_head_constraint_violations(scores, table, tree.copy(), Vocab())
    assert list(lazy[0]) == list(dense[0])
    assert list(lazy[1]) == list(dense[1])
    assert not find_head_constraint_violations(lazy[0], [Vocab.units[i + 4] for i in lazy[1]])


def test_without_the_compiled_decoder_stanzas_code_stays(monkeypatch):
    import sys
    from types import SimpleNamespace

    monkeypatch.setitem(sys.modules, "ufal.chu_liu_edmonds", None)
    assert depparse.install(SimpleNamespace(processors={})) is False


def test_the_environment_can_keep_stanzas_decoder(monkeypatch):
    monkeypatch.setenv(depparse.STANZA_DECODER_ENV, "1")
    assert not depparse.wanted()
    monkeypatch.setenv(depparse.STANZA_DECODER_ENV, "")
    assert depparse.wanted()
