"""What every parser offers: ``Parser``, ``ParseCache`` and ``ParseEngine`` alike.

The annotation pipeline takes any of the three (a bare parser in tests, a
cached one for the API, the engine with workers for the CLI); this Protocol
is the contract they share, so callers type against it and never probe an
object for the methods it might have.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from framing.types import Document

if TYPE_CHECKING:
    from framing.parsing.models import ModelInfo
    from framing.parsing.parser import ParseOptions


@runtime_checkable
class ParserLike(Protocol):
    """Something that turns documents into parsed documents."""

    @property
    def language(self) -> str:
        """The language of the model."""
        ...

    @property
    def model(self) -> ModelInfo:
        """The model's identity, for provenance."""
        ...

    @property
    def options(self) -> ParseOptions:
        """The parse options, for provenance and cache keys."""
        ...

    def parse(self, document: Document) -> Document:
        """The document with its sentences filled in (a new object)."""
        ...

    def parse_stream(self, documents: Iterable[Document]) -> Iterator[Document]:
        """Parsed documents in input order; already-parsed or empty ones pass through."""
        ...


class WrapsParser:
    """A parser wrapper (the cache, the engine): its model, options and
    language are the wrapped parser's, stated once here."""

    parser: ParserLike

    @property
    def model(self) -> ModelInfo:
        return self.parser.model

    @property
    def options(self) -> ParseOptions:
        return self.parser.options

    @property
    def language(self) -> str:
        return self.parser.language


def unparsed(document: Document) -> bool:
    """Whether a document still needs a parse: it has text and no sentences yet."""
    return not document.sentences and bool(document.text.strip())
