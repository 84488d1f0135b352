"""The greedy decoder of Stanza's seq2seq models with its bookkeeping done per step.

The lemmatizer (and the MWT expander, when its dictionary does not decide)
decodes words letter by letter with ``Seq2SeqModel.predict_greedy``. After
each step, Stanza reads the predicted letter of every word of the batch with
one tensor index and ``.item()`` per word (about 0.5 ms per step for a batch
of 100 words, several times the step's bookkeeping). Here the step's letters
are read with one ``tolist()``; the torch operations are Stanza's own, in the
same order, so the letters, the edit scores and the lemmas are the same (the
tests compare them).
"""

from __future__ import annotations

import types
from typing import Any

PROCESSORS = ("lemma", "mwt")


def _predict_greedy(
    self: Any,
    src: Any,
    src_mask: Any,
    pos: Any = None,
    raw: Any = None,
    never_decode_unk: bool = False,
) -> tuple[list[list[int]], Any]:
    """Replaces ``Seq2SeqModel.predict_greedy``: same inputs, same output."""
    from stanza.models.common import seq2seq_constant as constant
    from stanza.models.common.seq2seq_constant import UNK_ID

    enc_inputs, batch_size, src_lens, src_mask = self.embed(src, src_mask, pos, raw)
    h_in, (hn, cn) = self.encode(enc_inputs, src_lens)
    edit_logits = self.edit_clf(hn) if self.edit else None

    dec_inputs = self.embedding(self.SOS_tensor)
    dec_inputs = dec_inputs.expand(batch_size, dec_inputs.size(0), dec_inputs.size(1))

    done = [False] * batch_size
    total_done = 0
    max_len = 0
    output_seqs: list[list[int]] = [[] for _ in range(batch_size)]
    eos = constant.EOS_ID
    while total_done < batch_size and max_len < self.max_dec_len:
        log_probs, (hn, cn) = self.decode(
            dec_inputs, hn, cn, h_in, src_mask, src=src, never_decode_unk=never_decode_unk
        )
        assert log_probs.size(1) == 1, "Output must have 1-step of output."
        _, preds = log_probs.squeeze(1).max(1, keepdim=True)
        dec_inputs = preds.clone()
        dec_inputs[dec_inputs >= self.vocab_size] = UNK_ID
        dec_inputs = self.embedding(dec_inputs)
        max_len += 1
        for i, token in enumerate(preds.view(-1).tolist()):
            if not done[i]:
                if token == eos:
                    done[i] = True
                    total_done += 1
                else:
                    output_seqs[i].append(token)
    return output_seqs, edit_logits


def _models(pipeline: Any) -> list[Any]:
    """The seq2seq models of the lemmatizer and the MWT expander (Stanza's class only)."""
    try:
        from stanza.models.common.seq2seq_model import Seq2SeqModel
    except ImportError:
        return []
    found = []
    for name in PROCESSORS:
        processor = pipeline.processors.get(name)
        model = getattr(getattr(processor, "trainer", None), "model", None)
        if type(model) is Seq2SeqModel:
            found.append(model)
    return found


def install(pipeline: Any) -> None:
    """Give the lemmatizer's and the MWT expander's seq2seq models the greedy decoder above."""
    for model in _models(pipeline):
        model.predict_greedy = types.MethodType(_predict_greedy, model)


def uninstall(pipeline: Any) -> None:
    """Stanza's own greedy decoder again."""
    for model in _models(pipeline):
        vars(model).pop("predict_greedy", None)
