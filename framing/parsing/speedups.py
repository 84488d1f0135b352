"""framing's replacements for parts of Stanza's code, put on or taken off a pipeline together.

Each replacement gives Stanza's own output (each module's tests compare
them); together they are "after" in ``benchmarks/parse_speed.py`` and Stanza's
code is "before":

* ``framing.parsing.depparse``: the compiled tree decoder and relation labels
  scored only where they are read;
* ``framing.parsing.vocab``: the tagger's and the parser's vocabulary
  look-ups, remembered per distinct unit;
* ``framing.parsing.chars``: the character models run once per distinct word
  of a batch;
* ``framing.parsing.dictionaries``: the MWT expander's seq2seq skipped when its
  dictionary expands every multi-word token, and the lemmatizer's unread
  ``DataLoader`` not built;
* ``framing.parsing.tensors``: the padded id tensors of the tagger's, the
  parser's and the lemmatizer's batches filled in one step;
* ``framing.parsing.seq2seq``: the lemmatizer's (and MWT expander's) greedy
  decoder reading each step's letters at once;
* ``framing.parsing.tokenizer``: the tokenizer's character ids and features
  computed once per distinct character.

``FRAMING_STANZA_DECODER=1`` (or ``Parser(fast_decode=False)``) keeps Stanza's
own code for all of them. ``tensors`` and ``tokenizer`` replace a function of a
Stanza module and a method of a Stanza class, so while installed they serve
every pipeline of the process (their output is Stanza's all the same).
"""

from __future__ import annotations

import os
from typing import Any

STANZA_DECODER_ENV = "FRAMING_STANZA_DECODER"


def wanted() -> bool:
    """Whether the replacements should be used (not turned off by the environment)."""
    return os.environ.get(STANZA_DECODER_ENV, "").strip() not in ("1", "true", "yes")


def install(pipeline: Any) -> bool:
    """Put every replacement on ``pipeline``; False if the depparse model's kind is not handled
    (the other replacements are on all the same)."""
    from framing.parsing import (  # numpy and Stanza: only when parsing
        chars,
        depparse,
        dictionaries,
        seq2seq,
        tensors,
        tokenizer,
        vocab,
    )

    tensors.install()
    tokenizer.install()
    seq2seq.install(pipeline)
    vocab.install(pipeline)
    chars.install(pipeline)
    dictionaries.install(pipeline)
    return depparse.install(pipeline)


def uninstall(pipeline: Any) -> None:
    """Stanza's own code again, everywhere."""
    from framing.parsing import chars, depparse, dictionaries, seq2seq, tensors, tokenizer, vocab

    tensors.uninstall()
    tokenizer.uninstall()
    seq2seq.uninstall(pipeline)
    vocab.uninstall(pipeline)
    chars.uninstall(pipeline)
    dictionaries.uninstall(pipeline)
    depparse.uninstall(pipeline)
