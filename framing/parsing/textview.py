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

import unicodedata
from dataclasses import dataclass

SOFT_HYPHEN = "\u00ad"

VIEW_VERSION = 1
"""Mixed into the parse cache key of texts that have a view (only those)."""


def needs_view(text: str) -> bool:
    """Whether the parser reads something other than ``text`` itself (cheap: C-level checks)."""
    return SOFT_HYPHEN in text or not unicodedata.is_normalized("NFC", text)


@dataclass(frozen=True)
class TextView:
    """The parser's text, and for each of its characters the original span it came from."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The original ``(start, end)`` of the view's ``text[start:end]`` (non-empty)."""
        return self.starts[start], self.ends[end - 1]


def _segments(text: str) -> list[tuple[int, int]]:
    """Runs of one base character and the combining marks after it."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for index in range(1, len(text) + 1):
        if index == len(text) or not unicodedata.combining(text[index]):
            bounds.append((start, index))
            start = index
    return bounds


def text_view(text: str) -> TextView | None:
    """The view of ``text`` the parser reads, or None when it is ``text`` itself.

    Each base character and its combining marks are composed together; when
    composition changes their number, every view character of that run maps
    to the whole run, so a token can never start or end inside a composed
    character. Soft hyphens are dropped: the original span of the token around
    one still covers it.
    """
    if not needs_view(text):
        return None
    parts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for start, end in _segments(text):
        run = text[start:end].replace(SOFT_HYPHEN, "")
        if not run:
            continue
        composed = unicodedata.normalize("NFC", run)
        parts.append(composed)
        if composed == text[start:end]:
            starts.extend(range(start, end))
            ends.extend(range(start + 1, end + 1))
        else:
            starts.extend([start] * len(composed))
            ends.extend([end] * len(composed))
    view = "".join(parts)
    if view == text:
        return None
    return TextView(view, tuple(starts), tuple(ends))
