"""framing: a rule-based media bias and framing annotator for news.

The data path is text -> parsed ``Document`` -> framing mentions -> per-outlet
tables -> report; each stage has one module, and the public API re-exports the
entry points a Python user needs.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

from framing.document import Document, Sentence, Token, Word
from framing.errors import FramingError, InputError, ModelError


def parse(documents: Any, **kwargs: Any) -> Any:
    """Parse text or documents with Stanza; see :func:`framing.parse.parse`."""
    from framing.parse import parse as _parse

    return _parse(documents, **kwargs)


__all__ = [
    "Document",
    "FramingError",
    "InputError",
    "ModelError",
    "Sentence",
    "Token",
    "Word",
    "__version__",
    "parse",
]
