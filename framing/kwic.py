"""Keyword in context: a mention with the text either side, for people to read.

Coverage review lines, evaluation misses and report evidence all show a span
of an article with some context around it; they differ only in how wide the
context is and whether a word cut in half at its edge is dropped. One
function cuts the context so that the three agree on what a context is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Context:
    """The text left of a span, the span, and the text right of it; whitespace runs
    in the context are one space (line breaks would break a one-line display)."""

    left: str
    keyword: str
    right: str

    def line(self) -> str:
        """``left[keyword]right`` on one line, trimmed, single-spaced."""
        return " ".join(f"{self.left}[{self.keyword}]{self.right}".split())


def context(text: str, start: int, end: int, width: int, whole_words: bool = False) -> Context:
    """Up to ``width`` characters of ``text`` either side of ``text[start:end]``.

    With ``whole_words`` a word cut at the edge of the window is left out (half a
    word only distracts), unless it is the only word there.
    """
    low, high = max(0, start - width), end + width
    left, right = text[low:start], text[end:high]
    if whole_words:
        if low > 0 and not text[low - 1].isspace() and len(left.split()) > 1:
            left = left.split(None, 1)[1] if not left[0].isspace() else left
        if high < len(text) and not text[high].isspace() and len(right.split()) > 1:
            right = right.rsplit(None, 1)[0] if not right[-1].isspace() else right
    return Context(_WHITESPACE.sub(" ", left), text[start:end], _WHITESPACE.sub(" ", right))
