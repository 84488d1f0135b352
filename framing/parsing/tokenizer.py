"""The tokenizer's per-character inputs, computed once per distinct character.

Before its LSTM reads a paragraph, Stanza's tokenizer turns every character
into an id and a row of features (``TokenizationDataset.para_to_sentences``):
for each character it calls one small function per feature (a space before
it, a capital, a digit pattern) and the vocabulary, then adds the position
features (first and last character of the paragraph). A paragraph of 3,000
characters uses about a hundred distinct ones, and a character's id and
per-character features depend on the character alone, so here they are
computed once per distinct character and the rows are assembled from them,
with the position features where Stanza puts them (after the per-character
ones, "end of paragraph" before "start of paragraph"). The arrays are the
same (values, shapes and dtypes; the tests compare them).

Only the case Stanza's French tokenizer takes at prediction time is handled
(evaluation, no dictionary features, no window-based structural features,
known feature names, a non-empty paragraph); anything else runs Stanza's own
method. :func:`install` puts the replacement on the class (the tokenizer
builds a new dataset per text), :func:`uninstall` gives Stanza's back.
"""

from __future__ import annotations

from typing import Any

_ORIGINAL: dict[str, Any] = {}


def _para_to_sentences(self: Any, para: Any) -> Any:
    """Replaces ``TokenizationDataset.para_to_sentences``: the same list of arrays."""
    import numpy as np
    from stanza.models.tokenization import data

    own = _ORIGINAL["para_to_sentences"]
    names = self.args["feat_funcs"]
    if (
        not self.eval
        or self.args["use_dictionary"]
        or not para
        or any(
            name not in data.PER_CHAR_FEAT_FUNCS and name not in data.POSITION_FEAT_FUNCS
            for name in names
        )
    ):
        return own(self, para)
    funcs = [data.PER_CHAR_FEAT_FUNCS[name] for name in names if name in data.PER_CHAR_FEAT_FUNCS]
    unit2id = self.vocab.unit2id
    known: dict[Any, tuple[int, list[int]]] = {}
    ids: list[int] = []
    rows: list[list[int]] = []
    units: list[Any] = []
    labels: list[Any] = []
    for unit, label in para:
        seen = known.get(unit)
        if seen is None:
            seen = known[unit] = (unit2id(unit), [f(unit) for f in funcs])
        ids.append(seen[0])
        rows.append(list(seen[1]))
        units.append(unit)
        labels.append(label)
    if "end_of_para" in names:
        for row in rows:
            row.append(0)
        rows[-1][-1] = 1
    if "start_of_para" in names:
        for row in rows:
            row.append(0)
        rows[0][-1] = 1
    return [(np.array(ids), np.array(labels), np.array(rows), units)]


def install() -> None:
    """Use :func:`_para_to_sentences` for every tokenization dataset."""
    from stanza.models.tokenization.data import TokenizationDataset

    current = TokenizationDataset.__dict__["para_to_sentences"]
    if current is not _para_to_sentences:
        _ORIGINAL["para_to_sentences"] = current
        TokenizationDataset.para_to_sentences = _para_to_sentences


def uninstall() -> None:
    """Stanza's own ``para_to_sentences`` again."""
    from stanza.models.tokenization.data import TokenizationDataset

    if TokenizationDataset.__dict__["para_to_sentences"] is _para_to_sentences:
        TokenizationDataset.para_to_sentences = _ORIGINAL["para_to_sentences"]
