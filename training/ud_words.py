"""Reading the syntactic words of a CoNLL-U file, shared by the training scripts."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path


def read_conllu_words(path: Path) -> Iterator[list[str]]:
    """Yield the ten columns of each syntactic word (no multiword-token or empty-node lines)."""
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if "-" in cols[0] or "." in cols[0]:
                continue
            yield cols
