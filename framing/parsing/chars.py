"""The character model of the tagger and the parser, run once per distinct word of a batch.

Stanza's tagger and parser each read every word letter by letter with an
LSTM (``CharacterModel``) before the word-level network: a tenth of the
parse. A news text repeats its words ("de", "la", "le gouvernement"), and the
character model's answer for a word depends on its letters alone, so here
each distinct spelling of a batch goes through the LSTM once and its vector is
copied to every occurrence. The distinct words keep the batch's order
(longest first, as packing needs), and the LSTM's rows do not depend on the
other rows of the batch, so the vectors are Stanza's to float32 rounding: BLAS
may sum a smaller batch in another order (bit for bit where it was measured;
one float32 step apart for some values on an AMD EPYC). The tests compare the
vectors within that rounding and the parse with and without this module, and
``benchmarks/parse_speed.py`` whole parses with Stanza's.
"""

from __future__ import annotations

import types
from typing import Any

PROCESSORS = ("pos", "depparse")
_MIN_WORDS = 4  # fewer rows may take another BLAS path: keep Stanza's own batch then


def _distinct(chars: Any, wordlens: list[int]) -> tuple[list[int], list[int]]:
    """Row of the first occurrence of each distinct word, and each row's distinct index."""
    seen: dict[tuple[int, ...], int] = {}
    first: list[int] = []
    inverse: list[int] = []
    for row, (letters, length) in enumerate(zip(chars.tolist(), wordlens, strict=True)):
        key = tuple(letters[:length])
        index = seen.get(key)
        if index is None:
            index = seen[key] = len(first)
            first.append(row)
        inverse.append(index)
    return first, inverse


def _word_vectors(model: Any, chars: Any, wordlens: list[int]) -> Any:
    """Stanza's ``CharacterModel.forward`` up to the per-word vectors (attention pooling)."""
    import torch
    from torch.nn.utils.rnn import PackedSequence, pack_padded_sequence, pad_packed_sequence

    embs = model.dropout(model.char_emb(chars))
    batch_size = embs.size(0)
    embs = pack_padded_sequence(embs, wordlens, batch_first=True)
    layers = model.num_dir * model.args["char_num_layers"]
    hidden = model.args["char_hidden_dim"]
    output = model.charlstm(
        embs,
        wordlens,
        hx=(
            model.charlstm_h_init.expand(layers, batch_size, hidden).contiguous(),
            model.charlstm_c_init.expand(layers, batch_size, hidden).contiguous(),
        ),
    )
    char_reps = output[0]
    weights = torch.sigmoid(model.char_attn(model.dropout(char_reps.data)))
    char_reps = PackedSequence(char_reps.data * weights, char_reps.batch_sizes)
    char_reps, _ = pad_packed_sequence(char_reps, batch_first=True)
    return char_reps.sum(1)


def _forward(
    self: Any, chars: Any, chars_mask: Any, word_orig_idx: Any, sentlens: Any, wordlens: Any
) -> Any:
    """Replaces ``CharacterModel.forward``: same inputs, same packed (or padded) output."""
    from stanza.models.common.utils import tensor_unsort
    from torch.nn.utils.rnn import pack_sequence, pad_packed_sequence

    lengths = [int(n) for n in wordlens]
    first, inverse = _distinct(chars, lengths)
    if len(first) < max(_MIN_WORDS, 1) or len(first) == len(lengths):
        vectors = _word_vectors(self, chars, lengths)
    else:
        import torch

        rows = torch.as_tensor(first)
        distinct = _word_vectors(self, chars[rows], [lengths[r] for r in first])
        vectors = distinct[torch.as_tensor(inverse)]
    res = tensor_unsort(vectors, word_orig_idx)
    res = pack_sequence(res.split(sentlens))
    if self.pad:
        res = pad_packed_sequence(res, batch_first=True)[0]
    return res


def _models(pipeline: Any) -> list[Any]:
    """The character models (attention pooling, no language model) of the tagger and parser."""
    found = []
    for name in PROCESSORS:
        processor = pipeline.processors.get(name)
        model = getattr(getattr(processor, "trainer", None), "model", None)
        charmodel = getattr(model, "charmodel", None)
        if charmodel is not None and getattr(charmodel, "attn", False):
            found.append(charmodel)
    return found


def install(pipeline: Any) -> None:
    """Run the character models once per distinct word of a batch."""
    for charmodel in _models(pipeline):
        charmodel.forward = types.MethodType(_forward, charmodel)


def uninstall(pipeline: Any) -> None:
    """Stanza's own character models again."""
    for charmodel in _models(pipeline):
        vars(charmodel).pop("forward", None)
