"""The text the parser reads: NFC, without soft hyphens, mapped back to the original.

Offsets are indices into the article exactly as it was read (the spec), but a
text with decomposed accents ("e" + U+0301 for "é") or soft hyphens
("disper\u00adsés") hides its words from the tagger and the lexicon. So the
parse stage reads a *view* of the text, composed to NFC and without U+00AD,
and maps every token's offsets back onto the original; the token keeps the
original characters as its surface (``text == article[start:end]`` still
holds) while its words carry the view's spelling, which is what the lexicon
and the rules match.

A text that is already NFC and has no soft hyphen (nearly all of them) has no
view: it is parsed exactly as before, with the same parse cache entry.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache

SOFT_HYPHEN = "\u00ad"

VIEW_VERSION = 1
"""Mixed into the parse cache key of texts that have a view (only those)."""


def needs_view(text: str) -> bool:
    """Whether the parser reads something other than ``text`` itself (cheap: C-level checks)."""
    return SOFT_HYPHEN in text or not unicodedata.is_normalized("NFC", text)


@cache
def _special() -> re.Pattern[str]:
    """A run of soft hyphens and of characters NFC may change or join to the one before them.

    Built on first use only (it scans every code point once, under a second):
    texts that need a view are rare. The class is written as ranges, which
    ``re`` matches far faster than thousands of single characters.
    """
    codes = [
        code
        for code in range(sys.maxunicode + 1)
        if not 0xD800 <= code <= 0xDFFF
        and code != 0xAD
        and (
            unicodedata.combining(chr(code)) or unicodedata.normalize("NFC", chr(code)) != chr(code)
        )
    ]
    ranges: list[tuple[int, int]] = []
    for code in codes:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1] = (ranges[-1][0], code)
        else:
            ranges.append((code, code))
    marks = "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
        for a, b in ranges
    )
    return re.compile(f"[\u00ad{marks}]+")


@dataclass(frozen=True)
class _Block:
    """A stretch of the view: copied one to one, or composed from an original run."""

    view_start: int
    original_start: int
    original_length: int
    one_to_one: bool


@dataclass(frozen=True)
class TextView:
    """The parser's text, and where each of its stretches came from in the original."""

    text: str
    blocks: tuple[_Block, ...]
    starts: tuple[int, ...]
    """Each block's ``view_start``, for bisecting."""

    def _block(self, index: int) -> _Block:
        return self.blocks[bisect_right(self.starts, index) - 1]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The original ``(start, end)`` of the view's ``text[start:end]`` (non-empty)."""
        first, last = self._block(start), self._block(end - 1)
        if first.one_to_one:
            start = first.original_start + start - first.view_start
        else:
            start = first.original_start
        if last.one_to_one:
            end = last.original_start + end - last.view_start
        else:
            end = last.original_start + last.original_length
        return start, end


def text_view(text: str) -> TextView | None:
    """The view of ``text`` the parser reads, or None when it is ``text`` itself.

    Only the places that change are touched: a soft hyphen is dropped (the
    original span of the token around it still covers it); a base character
    with the marks after it is composed, and when that changes their number,
    the whole run maps to each of its view characters, so a token can never
    start or end inside a composed character.
    """
    if not needs_view(text):
        return None
    parts: list[str] = []
    blocks: list[_Block] = []
    view_length = 0
    position = 0
    for match in _special().finditer(text):
        start, end = match.span()
        if start > position and match.group().strip(SOFT_HYPHEN):
            start -= 1  # the base character the marks belong to (soft hyphens skipped)
        if start > position:
            blocks.append(_Block(view_length, position, start - position, True))
            parts.append(text[position:start])
            view_length += start - position
        composed = unicodedata.normalize("NFC", text[start:end].replace(SOFT_HYPHEN, ""))
        if composed:
            one_to_one = len(composed) == end - start
            blocks.append(_Block(view_length, start, end - start, one_to_one))
            parts.append(composed)
            view_length += len(composed)
        position = end
    if position < len(text) or not blocks:
        blocks.append(_Block(view_length, position, len(text) - position, True))
        parts.append(text[position:])
    view = "".join(parts)
    if view == text:
        return None
    return TextView(view, tuple(blocks), tuple(block.view_start for block in blocks))
