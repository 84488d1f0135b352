"""framing: a rule-based media bias and framing annotator for news.

The data path is text -> parsed ``Document`` -> framing mentions -> per-outlet
tables -> report; each stage has one module, and the public API re-exports the
entry points a Python user needs.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

from framing.errors import FramingError, InputError, ModelError
from framing.types import Document, Sentence, Token, Word


def parse(documents: Any, **kwargs: Any) -> Any:
    """Parse text or documents with Stanza; see :func:`framing.parsing.parser.parse`."""
    from framing.parsing.parser import parse as _parse

    return _parse(documents, **kwargs)


def annotate(documents: Any, lexicons: Any = None, **kwargs: Any) -> Any:
    """Annotate text or documents; returns ``AnnotatedDocument``(s).

    ``documents`` is a string, a ``Document`` or an iterable of either;
    ``lexicons`` a list of lexicon folders/files (default: the bundled ones).
    Keyword arguments go to the parser (``model_dir``, ``language``).
    """
    from framing.annotation.annotator import Annotator
    from framing.parsing.parser import get_parser
    from framing.pipeline import annotate_documents

    language = kwargs.get("language", "fr")
    annotator = Annotator.from_paths(lexicons, language)
    parser = get_parser(kwargs.get("model_dir"), language)
    if isinstance(documents, str):
        documents = Document(id="text", text=documents, language=language)
    if isinstance(documents, Document):
        return next(annotate_documents([documents], annotator, parser))
    items = [
        d if isinstance(d, Document) else Document(id=f"text-{i}", text=d, language=language)
        for i, d in enumerate(documents, start=1)
    ]
    return list(annotate_documents(items, annotator, parser))


__all__ = [
    "Document",
    "FramingError",
    "InputError",
    "ModelError",
    "Sentence",
    "Token",
    "Word",
    "__version__",
    "annotate",
    "parse",
]
