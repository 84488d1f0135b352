"""Stanza's padded id tensors, filled in one step.

Before each batch the tagger, the parser and the lemmatizer turn lists of ids
(a sentence's word ids, a word's letter ids) into a padded ``LongTensor``
with ``stanza.models.common.data.get_long_tensor``, which makes one small
tensor per row and copies it into place: for the letters of a document's
words, a thousand tensors per batch, about 8 ms where one step takes 0.4 ms.
:func:`long_tensor` builds the same tensor (same shape, dtype and values: the
ids, then the padding id) from one flat array. It handles a list of lists of
ids; anything else (a list of lists of lists, an empty batch) goes to
Stanza's own function. :func:`install` puts it in the modules of the three
processors that call it, :func:`uninstall` gives them Stanza's back.
"""

from __future__ import annotations

import importlib
from itertools import chain
from typing import Any

MODULES = ("stanza.models.pos.data", "stanza.models.depparse.data", "stanza.models.lemma.data")


def _stanzas() -> Any:
    from stanza.models.common.data import get_long_tensor

    return get_long_tensor


def long_tensor(tokens_list: Any, batch_size: int, pad_id: int | None = None) -> Any:
    """``get_long_tensor(tokens_list, batch_size, pad_id)``: the same tensor, built at once."""
    import numpy as np
    import torch
    from stanza.models.common import seq2seq_constant as constant

    own = _stanzas()
    pad = constant.PAD_ID if pad_id is None else pad_id
    rows = len(tokens_list) if type(tokens_list) is list else -1
    if rows <= 0 or batch_size < rows or any(type(row) is not list for row in tokens_list):
        return own(tokens_list, batch_size, pad)
    lengths = np.fromiter(map(len, tokens_list), dtype=np.int64, count=rows)
    total = int(lengths.sum())
    if not total:  # Stanza's own raises then
        return own(tokens_list, batch_size, pad)
    try:  # a row holding lists (a third axis) is not an id: Stanza's own then
        ids = np.fromiter(chain.from_iterable(tokens_list), dtype=np.int64, count=total)
    except (TypeError, ValueError):
        return own(tokens_list, batch_size, pad)
    width = int(lengths.max())
    padded = np.full((batch_size, width), pad, dtype=np.int64)
    padded[:rows][np.arange(width) < lengths[:, None]] = ids
    return torch.from_numpy(padded)


def install() -> None:
    """Use :func:`long_tensor` in the tagger's, the parser's and the lemmatizer's batches."""
    for name in MODULES:
        module = importlib.import_module(name)
        if module.get_long_tensor is _stanzas():
            module.get_long_tensor = long_tensor


def uninstall() -> None:
    """Stanza's own ``get_long_tensor`` again."""
    for name in MODULES:
        module = importlib.import_module(name)
        if module.get_long_tensor is long_tensor:
            module.get_long_tensor = _stanzas()
