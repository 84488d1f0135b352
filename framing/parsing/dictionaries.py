"""The MWT expander and the lemmatizer without the work their dictionaries overrule.

Both of Stanza's processors pair a dictionary with a character seq2seq model
(``ensemble_dict``), and the dictionary wins wherever it has an answer:

* the MWT expander runs its seq2seq over every multi-word token of a document
  ("du", "au", "des", batches of 50) and then replaces each prediction by the
  dictionary's expansion where there is one (``Trainer.ensemble``). In French
  news nearly every such token is in the dictionary (198 of the first 200
  OrangeSum articles have no other), and then no prediction is read. Here, when
  the dictionary expands every multi-word token of the document, its expansions
  are set directly; otherwise Stanza's own ``process`` runs, on the same
  batches, so that a prediction that is read is computed exactly as Stanza
  computes it;
* the lemmatizer builds a ``DataLoader`` over every word of the document (its
  characters mapped, its edit type computed) and reads only the document back
  from it; the words its seq2seq lemmatizes come from a second ``DataLoader``
  that skips the words the dictionary knows. Here only that second one is
  built (the same call, so the same batches and vocabulary), and the document's
  words and tags are read once.

The outputs are those of Stanza's code by construction (the tests compare the
two on texts with unknown words and with multi-word tokens outside the
dictionary, and ``benchmarks/parse_speed.py`` every word of its corpora). Any
other configuration (dictionary only, no dictionary, stored results,
contextual lemmatizers) keeps Stanza's own ``process``.
"""

from __future__ import annotations

import types
from typing import Any


def _mwt_process(self: Any, document: Any) -> Any:
    """Replaces ``MWTProcessor.process``: the dictionary's expansions when it has them all."""
    config, trainer = self.config, self.trainer
    if config.get("dict_only") or not config.get("ensemble_dict", False):
        return type(self).process(self, document)
    tokens = document.get_mwt_expansions(evaluation=True)
    expansions = [trainer.dict_expansion(token) for token in tokens]
    if not tokens or any(expansion is None for expansion in expansions):
        return type(self).process(self, document)
    document.set_mwt_expansions(expansions, process_manual_expanded=False)
    return document


def _plain_ensemble(self: Any) -> bool:
    """Whether the lemmatizer takes the path :func:`_lemma_process` reproduces."""
    config = self.config
    return (
        not self.use_identity
        and not config.get("dict_only", False)
        and config.get("ensemble_dict", False)
        and not self.store_results
        and not self.trainer.has_contextual_lemmatizers()
    )


def _lemma_process(self: Any, document: Any) -> Any:
    """Replaces ``LemmaProcessor.process``: Stanza's steps less the unread ``DataLoader``."""
    if not _plain_ensemble(self):
        return type(self).process(self, document)
    import torch
    from stanza.models.common.doc import LEMMA, TEXT, UPOS
    from stanza.models.lemma.data import DataLoader

    config, trainer = self.config, self.trainer
    word_tags = document.get([TEXT, UPOS])
    skip = trainer.skip_seq2seq(word_tags)
    batches = DataLoader(
        document,
        config["batch_size"],
        config,
        vocab=self.vocab,
        evaluation=True,
        skip=skip,
        expand_unk_vocab=True,
    )
    predicted: list[Any] = []
    edits: list[Any] = []
    with torch.no_grad():
        for batch in batches:
            lemmas, edit = trainer.predict(batch, config["beam_size"], batches.vocab)
            predicted += lemmas
            if edit is not None:
                edits += edit
    words = [pair[0] for pair in word_tags]
    predicted = trainer.postprocess(
        [word for word, skipped in zip(words, skip, strict=True) if not skipped],
        predicted,
        edits=edits,
    )
    unread = iter(predicted)
    every = ["" if skipped else next(unread) for skipped in skip]
    lemmas = trainer.ensemble(word_tags, every)
    document.set([LEMMA], [max([(len(x), x), (0, "_")])[1] for x in lemmas])
    return document


_REPLACEMENTS = {"mwt": _mwt_process, "lemma": _lemma_process}


def install(pipeline: Any) -> None:
    """Put the replacements on the pipeline's MWT expander and lemmatizer."""
    for name, process in _REPLACEMENTS.items():
        processor = pipeline.processors.get(name)
        if processor is not None:
            processor.process = types.MethodType(process, processor)


def uninstall(pipeline: Any) -> None:
    """Stanza's own ``process`` again."""
    for name in _REPLACEMENTS:
        processor = pipeline.processors.get(name)
        if processor is not None:
            vars(processor).pop("process", None)
