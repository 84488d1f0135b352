"""Web pages: trafilatura keeps the article and drops the page around it.

For HTML the stored ``Document.text`` is trafilatura's extracted main text, not
the markup: that extracted text is what was "read", it is stored as such, and
every later offset refers to it. The page's own metadata (title, date, site
name) fills the fields the caller did not give; a manifest row wins over it.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from framing.errors import InputError
from framing.ingest.formats import read_file_bytes
from framing.ingest.options import IngestOptions
from framing.ingest.records import Item, RecordError, Skipped, make_document
from framing.io.textfile import decode_text

_LANGUAGE = re.compile(r"^[a-z]{2,3}$")


def _trafilatura() -> Any:
    try:
        import trafilatura
    except ImportError as exc:  # e.g. lxml without its separate html-clean package
        raise InputError(f"HTML input needs trafilatura, which cannot be imported ({exc})") from exc
    return trafilatura


PARSER_DEPTH_LIMIT = 255
"""libxml2 (under lxml, under trafilatura) stops building the tree at this depth."""

_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)


_SELF_CLOSING_SIBLINGS = frozenset(["p", "li", "dt", "dd", "tr", "td", "th", "option"])


class _DepthCounter(HTMLParser):
    """The deepest stack of open elements, approximately (end tags close their match)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.stack: list[str] = []
        self.deepest = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in _SELF_CLOSING_SIBLINGS and self.stack and self.stack[-1] == tag:
            self.stack.pop()  # "<p>a<p>b": the second <p> ends the first
        if tag not in _VOID:
            self.stack.append(tag)
            self.deepest = max(self.deepest, len(self.stack))

    def handle_endtag(self, tag: str) -> None:
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass


def nesting_depth(content: str | bytes) -> int:
    """How deep the page nests its elements; only asked when no text was found.

    A page nested past ``PARSER_DEPTH_LIMIT`` loses everything below that depth
    in the parser, so "no article text" would be the wrong explanation.
    """
    if isinstance(content, bytes):
        content = content.decode("utf-8", errors="replace")
    if content.count("<") < PARSER_DEPTH_LIMIT:
        return 0
    counter = _DepthCounter()
    counter.feed(content)
    return counter.deepest


def extract_html(path: Path, options: IngestOptions) -> dict[str, Any]:
    """Main text and metadata of one page, as a raw record for ``make_document``.

    Without ``options.encoding`` the bytes go to trafilatura, which honours the
    page's ``<meta charset>``; binary content is refused as for text files.
    """
    data = read_file_bytes(path, options)
    if options.encoding is not None or b"\x00" in data[:8192]:
        content: str | bytes = decode_text(data, str(path), options.encoding)
    else:
        content = data
    trafilatura = _trafilatura()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = trafilatura.bare_extraction(content, with_metadata=True)
    if result is not None and not isinstance(result, dict):
        result = result.as_dict()
    text = (result or {}).get("text")
    if not text or not text.strip():
        depth = nesting_depth(content)
        if depth >= PARSER_DEPTH_LIMIT:
            raise InputError(
                f"{path}: HTML elements nested {depth} levels deep, past the HTML parser's "
                f"limit of {PARSER_DEPTH_LIMIT}: the article text sits beyond it and cannot "
                "be extracted (flatten the page, or extract its text another way)"
            )
        raise InputError(f"{path}: no article text found in the HTML")
    metadata = {
        key: result[key]
        for key in ("author", "sitename", "hostname", "description", "categories", "tags")
        if result.get(key)
    }
    record: dict[str, Any] = {
        "id": path.stem,
        "text": text,
        "title": result.get("title"),
        "date": result.get("date"),
        "outlet": result.get("sitename") or result.get("author"),
        "url": result.get("url"),
        "metadata": metadata,
    }
    language = result.get("language")
    if isinstance(language, str) and _LANGUAGE.match(language):
        record["language"] = language
    return record


def read_html(path: Path, options: IngestOptions) -> Iterator[Item | Skipped]:
    """One page is one document, id = the file's stem."""
    record = extract_html(path, options)
    try:
        document = make_document(record, options, mapped=False, metadata={"source": str(path)})
    except RecordError as exc:
        yield Skipped(str(path), "", exc.reason, exc.kind)
        return
    yield Item(document, str(path), "")
