"""framing: a rule-based media bias and framing annotator for news.

The data path is text -> parsed ``Document`` -> framing mentions -> per-outlet
tables -> report; each stage has one module, and the public API re-exports the
entry points a Python user needs.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, overload

__version__ = "0.1.0"

from framing.errors import FramingError, InputError, ModelError
from framing.types import AnnotatedDocument, Document, Sentence, Token, Word

if TYPE_CHECKING:
    from framing.parsing.parser import Parser


@overload
def parse(
    documents: str | Document,
    model_dir: str | Path | None = ...,
    language: str = ...,
    parser: Parser | None = ...,
) -> Document: ...
@overload
def parse(
    documents: Iterable[Document | str],
    model_dir: str | Path | None = ...,
    language: str = ...,
    parser: Parser | None = ...,
) -> list[Document]: ...
def parse(
    documents: str | Document | Iterable[Document | str],
    model_dir: str | Path | None = None,
    language: str = "fr",
    parser: Parser | None = None,
) -> Document | list[Document]:
    """Parse text or documents with Stanza; see :func:`framing.parsing.parser.parse`.

    A string or a ``Document`` gives one ``Document``; an iterable gives a list.
    """
    from framing.parsing.parser import parse as _parse

    return _parse(documents, model_dir=model_dir, language=language, parser=parser)


@overload
def annotate(
    documents: str | Document,
    lexicons: Iterable[str | Path] | None = ...,
    model_dir: str | Path | None = ...,
    language: str = ...,
) -> AnnotatedDocument: ...
@overload
def annotate(
    documents: Iterable[Document | str],
    lexicons: Iterable[str | Path] | None = ...,
    model_dir: str | Path | None = ...,
    language: str = ...,
) -> list[AnnotatedDocument]: ...
def annotate(
    documents: str | Document | Iterable[Document | str],
    lexicons: Iterable[str | Path] | None = None,
    model_dir: str | Path | None = None,
    language: str = "fr",
) -> AnnotatedDocument | list[AnnotatedDocument]:
    """Annotate text or documents; returns ``AnnotatedDocument``(s).

    ``documents`` is a string, a ``Document`` (one result) or an iterable of
    either (a list); ``lexicons`` a list of lexicon folders/files (default: the
    bundled ones); ``model_dir`` and ``language`` choose the parser.
    """
    from framing.annotation.annotator import Annotator
    from framing.parsing.parser import get_parser
    from framing.pipeline import annotate_documents

    annotator = Annotator.from_paths(lexicons, language)
    parser = get_parser(model_dir, language)
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
    "AnnotatedDocument",
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
