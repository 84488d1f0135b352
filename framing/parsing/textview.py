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
from array import array
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


class _Blocks:
    """Stretches of the view, in four parallel arrays (a long text may have millions).

    Each stretch is copied one to one from the original, or composed from an
    original run, in which case each of its view characters maps to the whole run.
    """

    def __init__(self) -> None:
        self.view_starts = array("q")
        self.original_starts = array("q")
        self.original_lengths = array("q")
        self.one_to_one = bytearray()

    def add(self, view_start: int, original_start: int, length: int, one_to_one: bool) -> None:
        self.view_starts.append(view_start)
        self.original_starts.append(original_start)
        self.original_lengths.append(length)
        self.one_to_one.append(one_to_one)


@dataclass(frozen=True)
class TextView:
    """The parser's text, and where each of its stretches came from in the original."""

    text: str
    blocks: _Blocks

    def _where(self, index: int, end: bool) -> int:
        blocks = self.blocks
        block = bisect_right(blocks.view_starts, index) - 1
        if blocks.one_to_one[block]:
            return blocks.original_starts[block] + index - blocks.view_starts[block] + end
        return blocks.original_starts[block] + (blocks.original_lengths[block] if end else 0)

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The original ``(start, end)`` of the view's ``text[start:end]`` (non-empty)."""
        return self._where(start, False), self._where(end - 1, True)


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
    blocks = _Blocks()
    view_length = 0
    position = 0
    for match in _special().finditer(text):
        start, end = match.span()
        if start > position and match.group().strip(SOFT_HYPHEN):
            start -= 1  # the base character the marks belong to (soft hyphens skipped)
        if start > position:
            blocks.add(view_length, position, start - position, True)
            parts.append(text[position:start])
            view_length += start - position
        composed = unicodedata.normalize("NFC", text[start:end].replace(SOFT_HYPHEN, ""))
        if composed:
            blocks.add(view_length, start, end - start, len(composed) == end - start)
            parts.append(composed)
            view_length += len(composed)
        position = end
    if position < len(text) or not blocks.view_starts:
        blocks.add(view_length, position, len(text) - position, True)
        parts.append(text[position:])
    view = "".join(parts)
    if view == text:
        return None
    return TextView(view, blocks)
