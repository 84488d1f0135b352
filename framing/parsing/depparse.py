"""Stanza's graph parser with a compiled tree decoder and labels scored at the heads only.

Stanza stays the parser and its model files are unchanged; only what it does
after the network has scored the arcs is replaced, because a profile of the
parse showed where the time went:

* its Chu-Liu-Edmonds decoder is pure Python (``tarjan``/``strong_connect``),
  about a quarter of the whole parse. Here the tree comes from the compiled
  decoder of ``ufal.chu_liu_edmonds``, given the same reweighted scores as
  Stanza's ``chuliu_edmonds_one_root`` (every arc from the root lowered by the
  lowest score times the sentence length, so one root wins), which makes the
  maximum spanning tree, and so the tree, the same;
* Stanza scores every relation for every pair of words, normalizes all of them
  and copies them out of torch, then reads one row per word. Here the
  relation scores are computed only where they are read: at the chosen head of
  each word, and for the rare word whose head Stanza's subject/object repair
  (``resolve_head_constraint_violations``) reconsiders, the row of every head.

The arc scores, the relation scorer's first product and the repair are
Stanza's own code and the relation scores equal Stanza's to float32 rounding,
so the trees and relations are those Stanza gives (short of two relations
closer than the rounding); the tests and ``benchmarks/parse_speed.py`` check
it. ``FRAMING_STANZA_DECODER=1`` (or ``Parser(fast_decode=False)``) keeps
Stanza's own decoding.
"""

from __future__ import annotations

import types
from typing import Any

import numpy as np

from framing.parsing.speedups import STANZA_DECODER_ENV, wanted

__all__ = ["STANZA_DECODER_ENV", "install", "one_root_tree", "uninstall", "wanted"]


def one_root_tree(scores: np.ndarray) -> np.ndarray:
    """The maximum spanning tree with one root, as Stanza's ``chuliu_edmonds_one_root``.

    ``scores[d, h]`` scores head ``h`` for word ``d`` (row and column 0: the
    root). Returns the head of each position, ``tree[0] == 0``.
    """
    from ufal.chu_liu_edmonds import chu_liu_edmonds

    weighted = scores.astype(np.float64)
    finite = np.isfinite(weighted)
    weighted[:, 0] += weighted[finite].min() * weighted.shape[0]
    weighted[~np.isfinite(weighted)] = np.nan  # ufal: NaN is "no arc"
    np.fill_diagonal(weighted, np.nan)
    weighted[0] = np.nan
    heads, _ = chu_liu_edmonds(weighted)
    tree = np.asarray(heads, dtype=np.int64)
    tree[0] = 0
    return tree


def install(pipeline: Any) -> bool:
    """Give the pipeline's depparse model the fast ``predict``; False if its kind is not handled.

    Handled: Stanza's single ``GraphParser`` with the deep biaffine relation
    scorer (the embedded model and Stanza's French models), in a Stanza that
    has the head-constraint repair (1.15). Anything else keeps Stanza's own code.
    """
    try:  # the Stanza surface this was written against (1.15) and the decoder
        import ufal.chu_liu_edmonds  # noqa: F401
        from stanza.models.depparse.head_constraints import (  # noqa: F401
            resolve_head_constraint_violations,
        )
        from stanza.models.depparse.model import GraphParser
    except ImportError:
        return False
    processor = pipeline.processors.get("depparse")
    model = getattr(getattr(processor, "trainer", None), "model", None)
    if type(model) is not GraphParser or model.args.get("use_arc_embedding"):
        return False
    model.predict = types.MethodType(_predict, model)
    return True


def uninstall(pipeline: Any) -> None:
    """Give the depparse model back Stanza's own ``predict`` (to compare the two)."""
    processor = pipeline.processors.get("depparse")
    model = getattr(getattr(processor, "trainer", None), "model", None)
    if model is not None and "predict" in vars(model):
        del model.predict


class PaddedRows:
    """Row-wise work on a padded batch, done for its real rows and one padding row.

    The parser's LSTM output is zero at every padding position, so every
    row-wise step after it (the scorers' hidden layers, the bilinear first
    product) gives all padding rows the same result. Stanza computes them all;
    here the real rows and one padding row are computed (at least
    ``_MIN_ROWS`` rows, as BLAS takes another path below that) and
    :meth:`expand` copies the padding row's result to every padding position.
    """

    _MIN_ROWS = 4

    def __init__(self, sentlens: list[int], batch: int, width: int) -> None:
        import torch

        real = [n * width + p for n, length in enumerate(sentlens) for p in range(length)]
        taken = set(real)
        spare = [r for r in range(batch * width) if r not in taken]
        rows = real + spare[: max(1, self._MIN_ROWS - len(real))]
        self.real = len(real)
        self.rows = torch.as_tensor(rows)
        where = {row: k for k, row in enumerate(rows)}
        padding = where[spare[0]] if spare else 0
        self.index = torch.as_tensor([where.get(r, padding) for r in range(batch * width)])
        self.position = where
        self.shape = (batch, width)

    def take(self, padded: Any) -> Any:
        """The computed rows of a ``[batch, width, ...]`` tensor, as ``[rows, ...]``."""
        return padded.reshape(self.shape[0] * self.shape[1], *padded.shape[2:])[self.rows]

    def expand(self, rows: Any) -> Any:
        """``[rows, ...]`` results back to ``[batch, width, ...]``."""
        return rows[self.index].view(*self.shape, *rows.shape[1:])


def _batched_linear(linear: Any, rows: Any) -> Any:
    """``linear`` as torch applies it to Stanza's 3-D padded batch: a product, then the bias.

    On a 2-D input ``nn.Linear`` adds the bias inside the product (``addmm``),
    which rounds differently; on the padded batch it multiplies, then adds.
    """
    import torch

    return torch.matmul(rows, linear.weight.t()) + linear.bias


def _hidden(scorer: Any, lstm_rows: Any) -> tuple[Any, Any]:
    """A deep biaffine scorer's two hidden layers, each with its column of ones, per row."""
    import torch

    left = scorer.hidden_func(_batched_linear(scorer.W1, lstm_rows))
    right = scorer.hidden_func(_batched_linear(scorer.W2, lstm_rows))
    ones = left.new_ones(*left.size()[:-1], 1)
    return torch.cat([left, ones], left.dim() - 1), torch.cat([right, ones], right.dim() - 1)


def _pairwise(scorer: Any, lstm_rows: Any, rows: PaddedRows) -> Any:
    """Stanza's ``DeepBiaffineScorer`` (pairwise) on the padded batch: ``[batch, width, width, O]``."""
    import torch

    bilinear = scorer.scorer.W_bilin
    left, right = _hidden(scorer, lstm_rows)
    intermediate = rows.expand(torch.einsum("KI,IJO->KJO", left, bilinear.weight))
    output = torch.einsum("NLJO,NMJ->NLMO", intermediate, rows.expand(right))
    return output + bilinear.bias.expand(output.shape)


def _arc_log_probs(
    model: Any, lstm_rows: Any, rows: PaddedRows, word: Any, head: Any
) -> np.ndarray:
    """Stanza's ``forward_scores`` for the arcs alone, then its log-softmax over heads."""
    import torch
    import torch.nn.functional as F

    scores = _pairwise(model.unlabeled, lstm_rows, rows).squeeze(3)
    offset = None
    if model.args["linearization"] or model.args["distance"]:
        positions = torch.arange(word.size(1), device=head.device)
        offset = positions.view(1, 1, -1).expand(word.size(0), -1, -1) - positions.view(
            1, -1, 1
        ).expand(word.size(0), -1, -1)
    if model.args["linearization"]:
        lin = _pairwise(model.linearization, lstm_rows, rows).squeeze(3)
        scores += F.logsigmoid(lin * torch.sign(offset).float()).detach()
    if model.args["distance"]:
        dist = _pairwise(model.distance, lstm_rows, rows).squeeze(3)
        predicted = 1 + F.softplus(dist)
        scores += (-torch.log((torch.abs(offset).float() - predicted) ** 2 / 2 + 1)).detach()
    diag = torch.eye(head.size(-1) + 1, dtype=torch.bool, device=head.device).unsqueeze(0)
    scores.masked_fill_(diag, -float("inf"))
    return F.log_softmax(scores, 2).detach().cpu().numpy()


class RelationScorer:
    """Relation log-probabilities of chosen arcs, from Stanza's deep biaffine scorer.

    Stanza computes the relation scores of every (word, head) pair of the
    padded batch, padding rows and columns included. Here the hidden layers
    and the first product (hidden vector times the weight tensor) are taken
    for the real words only (and one padding row, see :class:`PaddedRows`),
    with the weight's last two axes swapped once per model so that each word's
    ``[relation, hidden]`` block is contiguous; the second product is taken per
    sentence, for its real words against only the heads asked for. These are
    the same dot products on fewer rows and columns, so the log-probabilities
    are Stanza's to float32 rounding: bit for bit where BLAS takes the same path
    for both shapes (as where this was measured), one float32 step of the raw
    scores apart for some pairs on an AMD EPYC (1.1e-5 at most). The tests compare every
    pair with Stanza's within that rounding and check that the same relation
    wins; ``benchmarks/parse_speed.py`` compares the trees. Only the rows asked
    for are normalized.
    """

    _MIN_ROWS = 4  # fewer rows (or columns) take another BLAS path, with other roundings

    def __init__(self, scorer: Any, lstm_rows: Any, rows: PaddedRows) -> None:
        import torch

        bilinear = scorer.scorer.W_bilin
        left, right = _hidden(scorer, lstm_rows)
        self._right = rows.expand(right)
        self._first = rows.position
        self._width = rows.shape[1]
        # [rows, relations, hidden]: the same products as Stanza's "KI,IJO->KJO"
        self._intermediate = torch.einsum("KI,IOJ->KOJ", left, _relation_major(bilinear))
        self._bias = bilinear.bias

    def _heads(self, sentence: int, heads: np.ndarray) -> tuple[Any, np.ndarray]:
        """The distinct heads asked for (at least ``_MIN_ROWS`` where the batch has them),
        and where each asked head is among them."""
        import torch

        distinct, where = np.unique(heads, return_inverse=True)
        columns = distinct.tolist()
        if len(columns) < self._MIN_ROWS:
            present = set(columns)
            columns += [c for c in range(self._width) if c not in present][
                : self._MIN_ROWS - len(columns)
            ]
        return self._right[sentence][torch.as_tensor(columns)], where

    def log_probs(
        self, sentence: int, length: int, dependents: np.ndarray, heads: np.ndarray
    ) -> np.ndarray:
        """``[k, relations]`` log-probabilities of the arcs ``heads[k] -> dependents[k]``."""
        import torch
        import torch.nn.functional as F

        start = self._first[sentence * self._width]
        # at least _MIN_ROWS rows (a short sentence takes its neighbours'), then pick
        first = max(0, min(start, len(self._intermediate) - self._MIN_ROWS))
        block = self._intermediate[first : max(start + length, first + self._MIN_ROWS)]
        right, where = self._heads(sentence, heads)
        relations, hidden = block.shape[1], block.shape[2]
        scores = torch.mm(block.reshape(-1, hidden), right.t()).view(len(block), relations, -1)
        picked = scores[torch.as_tensor(dependents + (start - first)), :, torch.as_tensor(where)]
        return F.log_softmax(picked + self._bias, 1).detach().cpu().numpy()


_RELATION_MAJOR: dict[int, tuple[Any, Any]] = {}


def _relation_major(bilinear: Any) -> Any:
    """The bilinear weight ``[in, hidden, relations]`` as ``[in, relations, hidden]``, once per model."""
    weight = bilinear.weight
    kept = _RELATION_MAJOR.get(id(bilinear))
    if kept is None or kept[0] is not weight:
        kept = (weight, weight.detach().permute(0, 2, 1).contiguous())
        _RELATION_MAJOR[id(bilinear)] = kept
    return kept[1]


class ArcLabels:
    """A lazy stand-in for Stanza's ``[dep, head, relation]`` label log-probability array.

    Stanza's head-constraint repair reads it by ``[dep, head]`` rows (and
    ``[dep, head, relation]`` cells); rows are computed on first read, the
    whole row of heads of a word at once.
    """

    def __init__(self, scorer: RelationScorer, sentence: int, length: int, relations: int) -> None:
        self._scorer = scorer
        self._sentence = sentence
        self._rows: dict[tuple[int, int], np.ndarray] = {}
        self.shape = (length, length, relations)

    def preload(self, tree: np.ndarray) -> None:
        """Score every word at its head in ``tree`` in one product."""
        dependents = np.arange(1, len(tree))
        if len(dependents):
            rows = self._scorer.log_probs(self._sentence, self.shape[0], dependents, tree[1:])
            for dep, head, row in zip(dependents, tree[1:], rows, strict=True):
                self._rows[(int(dep), int(head))] = row

    def __getitem__(self, key: tuple[int, ...]) -> Any:
        dep, head = int(key[0]), int(key[1])
        if (dep, head) not in self._rows:
            heads = np.arange(self.shape[1])
            rows = self._scorer.log_probs(
                self._sentence, self.shape[0], np.full_like(heads, dep), heads
            )
            for other, row in zip(heads, rows, strict=True):
                self._rows.setdefault((dep, int(other)), row)
        row = self._rows[(dep, head)]
        return row if len(key) == 2 else row[key[2]]


def _predict(
    self: Any, *inputs: Any, resolve_head_constraints: bool = False
) -> list[list[list[Any]]]:
    """Replaces ``GraphParser.predict``: same inputs, same ``[[head, deprel], ...]`` output."""
    from stanza.models.common.vocab import VOCAB_PREFIX_SIZE
    from stanza.models.depparse.head_constraints import resolve_head_constraint_violations

    word, head, sentlens = inputs[0], inputs[9], inputs[12]
    lstm = self.embed(*inputs)  # eval mode: Stanza's dropout is the identity
    rows = PaddedRows(list(sentlens), lstm.shape[0], lstm.shape[1])
    lstm_rows = rows.take(lstm)
    arc_log_probs = _arc_log_probs(self, lstm_rows, rows, word, head)
    relations = RelationScorer(self.deprel, lstm_rows, rows)
    vocab = self.vocab["deprel"]
    out: list[list[list[Any]]] = []
    for i, length in enumerate(sentlens):
        scores = arc_log_probs[i][:length, :length]
        tree = one_root_tree(scores)
        labels = ArcLabels(relations, i, length, self.num_relations)
        labels.preload(tree)
        if resolve_head_constraints:
            tree, raw_ids = resolve_head_constraint_violations(scores, labels, tree, vocab)
        else:
            raw_ids = [int(np.argmax(labels[j, tree[j]])) for j in range(1, length)]
        deprels = vocab.unmap([r + VOCAB_PREFIX_SIZE for r in raw_ids])
        out.append([[tree[j + 1], deprels[j]] for j in range(length - 1)])
    return out
