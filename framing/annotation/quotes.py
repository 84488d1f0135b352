"""Pairing quotation marks in raw article text, robustly.

Scraped news text is messy: guillemets with or without no-break spaces,
straight quotes used both ways, a closing » used as an opener
(``d' »effrontées »``), quotes that run over several sentences, nested quotes
of another kind, and marks that are never closed. This module never fails on
such text: it decides each mark's role from its neighbours, pairs marks of the
same family with a stack, and closes whatever is left open at the end of its
paragraph (flagged ``balanced=False``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# mark -> (family, role): role is "open", "close" or "both" (ambidextrous)
_MARKS = {
    "«": ("guillemet", "open"),
    "»": ("guillemet", "close"),
    "‹": ("single_guillemet", "open"),
    "›": ("single_guillemet", "close"),
    "“": ("curly", "open"),
    "”": ("curly", "close"),
    "„": ("curly", "open"),
    '"': ("straight", "both"),
}
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v\u00a0]*\n")
_OPEN_CONTEXT = set("([{'’-–—/") | {"", "\u00a0", "\u202f"}
MAX_QUOTE_CHARS = 5000
# An opener never closed in its paragraph runs at most this far, then to the
# end of the sentence it is in: a stray mark must not swallow a whole page.
UNBALANCED_MAX_CHARS = 400
_SENTENCE_END = re.compile(r"[.!?…](?=\s)")


@dataclass(frozen=True)
class Quote:
    """A paired quotation: marks at ``start`` and ``end - 1``; content inside."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    mark: str
    depth: int
    balanced: bool

    def contains(self, start: int, end: int) -> bool:
        return self.inner_start <= start and end <= self.inner_end


def _role(
    text: str, index: int, family: str, default: str, stack: list[tuple[str, int, str]]
) -> str:
    """Decide whether the mark at ``index`` opens or closes a quote."""
    before = text[index - 1] if index > 0 else ""
    after = text[index + 1] if index + 1 < len(text) else ""
    space_before = before == "" or before.isspace() or before in _OPEN_CONTEXT
    space_after = after == "" or after.isspace() or not after.isalnum()
    open_same = any(f == family for f, _, _ in stack)
    if default == "both":
        if open_same and not (space_before and not space_after):
            return "close"
        if space_before and not space_after:
            return "open"
        if not space_before and space_after:
            # shaped as a closer ('tiré" et'): with nothing open it is a stray
            # closing mark (its opener lost in scraping), never an opener that
            # would swallow the text up to the next quotation
            return "close"
        if not open_same and before.isalpha() and after.isupper():
            # a closer glued to the next sentence ('plombs"Dans'), its opener
            # lost: a stray mark, not an opener
            return "close"
        return "close" if open_same else "open"
    if default == "close" and not open_same and space_before and after.isalnum():
        return "open"  # a closing mark used as an opener: d' »effrontées »
    if default == "open" and open_same and not space_before and space_after:
        return "close"  # an opening mark used as a closer
    return default


def find_quotes(text: str) -> list[Quote]:
    """All quotations in ``text``, outer before inner, in order of start."""
    quotes: list[Quote] = []
    stack: list[tuple[str, int, str]] = []  # (family, position, mark)
    paragraph_ends = [m.start() for m in _PARAGRAPH_BREAK.finditer(text)] + [len(text)]
    paragraph = 0

    def close_unbalanced(limit: int) -> None:
        while stack:
            _family, position, mark = stack.pop()
            end = limit
            if end - position > UNBALANCED_MAX_CHARS:
                found = _SENTENCE_END.search(text, position, end)
                end = found.end() if found else end
            quotes.append(Quote(position, end, position + 1, end, mark, len(stack), False))

    for index, char in enumerate(text):
        while index >= paragraph_ends[paragraph]:
            close_unbalanced(_rstrip_end(text, paragraph_ends[paragraph]))
            paragraph += 1
        if char not in _MARKS:
            continue
        family, default = _MARKS[char]
        role = _role(text, index, family, default, stack)
        if role == "open":
            if stack and index - stack[0][1] > MAX_QUOTE_CHARS:
                close_unbalanced(index)
            stack.append((family, index, char))
            continue
        for depth in range(len(stack) - 1, -1, -1):
            if stack[depth][0] == family:
                # Anything opened inside and never closed ends here.
                while len(stack) > depth + 1:
                    _inner_family, position, mark = stack.pop()
                    quotes.append(
                        Quote(position, index, position + 1, index, mark, len(stack), False)
                    )
                _, position, mark = stack.pop()
                quotes.append(Quote(position, index + 1, position + 1, index, mark, depth, True))
                break
        # A closer with no opener is a stray mark: ignored.
    close_unbalanced(_rstrip_end(text, len(text)))
    quotes.sort(key=lambda q: (q.start, -q.end))
    return quotes


def _rstrip_end(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def innermost_quote(quotes: list[Quote], start: int, end: int) -> Quote | None:
    """The deepest quote whose content contains the span, if any."""
    best = None
    for quote in quotes:
        if quote.contains(start, end) and (best is None or quote.depth >= best.depth):
            best = quote
    return best


def outermost_quote(quotes: list[Quote], start: int, end: int) -> Quote | None:
    for quote in quotes:
        if quote.contains(start, end):
            return quote
    return None
