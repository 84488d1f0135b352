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
from dataclasses import dataclass, replace

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
# every mark, found in one C-level scan: the text between marks needs no look
_MARK_CHARS = re.compile("[" + re.escape("".join(_MARKS)) + "]")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v\u00a0]*\n")
_OPEN_CONTEXT = set("([{'’-–—/") | {"", "\u00a0", "\u202f"}
MAX_QUOTE_CHARS = 5000
# An opener never closed in its paragraph runs at most this far, then to the
# end of the sentence it is in: a stray mark must not swallow a whole page.
UNBALANCED_MAX_CHARS = 400
_SENTENCE_END = re.compile(r"[.!?…](?=\s|[A-ZÀ-ÖØ-Þ])")
# where a sentence starts: after a sentence end and its spaces
_SENTENCE_START = re.compile(r"[.!?…][\s\u00a0]*(?=[A-ZÀ-ÖØ-Þ])")


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
    scanner = _Scanner(text)
    # Only the marks are visited: the paragraphs ending before a mark are
    # closed on reaching it, in the order a walk over every character would
    # close them (that walk cost a call per character, 3% of re-annotation).
    for found in _MARK_CHARS.finditer(text):
        index = found.start()
        scanner.advance_paragraph(index)
        if not _doubled(text, index):
            scanner.mark(index, found.group())
    if text:
        scanner.advance_paragraph(len(text) - 1)
    scanner.end_paragraph(len(text))
    quotes = scanner.quotes
    quotes.sort(key=lambda q: (q.start, -q.end))
    return quotes


def _doubled(text: str, index: int) -> bool:
    """A straight quote typed twice after a space (' ""C\'est'): the first of the
    two is a slip. Glued to the text before ('science.""Donc'), the pair closes
    one quotation and opens the next."""
    before = text[index - 1] if index > 0 else ""
    return (
        text[index] == '"'
        and text[index + 1 : index + 2] == '"'
        and (before == "" or before.isspace())
    )


def _glued(text: str, index: int) -> bool:
    """A mark between a letter and a capital ('police"Avec', 'plombs"Dans'): it
    closes a quotation whose opener was lost, or opens one after a heading."""
    before = text[index - 1] if index > 0 else ""
    after = text[index + 1] if index + 1 < len(text) else ""
    return before.isalpha() and after.isupper()


class _Scanner:
    """Pairs marks of one text: a stack of open marks per paragraph."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.quotes: list[Quote] = []
        self.stack: list[tuple[str, int, str]] = []  # (family, position, mark)
        self.paragraph_ends = [m.start() for m in _PARAGRAPH_BREAK.finditer(text)] + [len(text)]
        self.paragraph = 0
        self.paragraph_start = 0
        # a glued straight mark seen with nothing open: an opener if a closer
        # follows in its paragraph, else the closer of a lost opener
        self.pending: int | None = None
        # open straight quote position -> where a straight quote nested in it opened
        self.nested: dict[int, int] = {}

    def advance_paragraph(self, index: int) -> None:
        while index >= self.paragraph_ends[self.paragraph]:
            self.end_paragraph(self.paragraph_ends[self.paragraph])
            self.paragraph_start = self.paragraph_ends[self.paragraph]
            self.paragraph += 1

    def end_paragraph(self, end: int) -> None:
        self._resolve_pending()
        self._close_unbalanced(_rstrip_end(self.text, end), 0)

    def mark(self, index: int, char: str) -> None:
        family, default = _MARKS[char]
        role = _role(self.text, index, family, default, self.stack)
        open_same = any(f == family for f, _, _ in self.stack)
        if role == "open":
            if self.stack and index - self.stack[0][1] > MAX_QUOTE_CHARS:
                self._close_unbalanced(index, 0)
            if default == "both" and any(f == family for f, _, _ in self.stack):
                self.nested.setdefault(self._top(family), index)
            self._resolve_pending()
            self.stack.append((family, index, char))
        elif open_same and self._never_closed(index, family):
            # 'engagé "dans une mission et "de fouille", selon l'armée."Le
            # convoi': the outer straight quote was never closed; it ends
            # before the straight quote nested in it, and this mark opens
            depth = max(i for i, (f, _, _) in enumerate(self.stack) if f == family)
            cut = self.nested.pop(self.stack[depth][1])
            self._close_unbalanced(cut, depth)
            self.quotes = [
                replace(q, depth=q.depth - 1) if q.start >= cut and q.depth > depth else q
                for q in self.quotes
            ]
            self.stack.append((family, index, char))
        elif open_same:
            self._close(index, family)
        elif default == "both" and _glued(self.text, index):
            if self.pending is None:
                self.pending = index
            else:
                self._pair_pending(index)
        elif default == "both" and self.pending is not None:
            self._pair_pending(index)
        # Any other closer with no opener is a stray mark: ignored.

    def _top(self, family: str) -> int:
        """The position of the innermost open mark of ``family``."""
        return max(p for f, p, _ in self.stack if f == family)

    def _never_closed(self, index: int, family: str) -> bool:
        """Whether a straight mark that could close the open straight quote rather
        opens a new one: a straight quote already closed inside the open one
        (straight quotes rarely nest), and the mark glued to the next word."""
        after = self.text[index + 1 : index + 2]
        return family == "straight" and self._top(family) in self.nested and after.isalnum()

    def _close(self, index: int, family: str) -> None:
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][0] == family:
                # Anything opened inside and never closed ends here.
                self._close_unbalanced(index, depth + 1)
                _, position, mark = self.stack.pop()
                self.quotes.append(
                    Quote(position, index + 1, position + 1, index, mark, depth, True)
                )
                return

    def _pair_pending(self, index: int) -> None:
        assert self.pending is not None
        position, self.pending = self.pending, None
        mark = self.text[position]
        self.quotes.append(
            Quote(position, index + 1, position + 1, index, mark, len(self.stack), True)
        )

    def _resolve_pending(self) -> None:
        """A glued mark nothing closed: the closer of a quotation whose opener was
        lost, taken to start with its sentence ('... motifs. C\'est un mec qui a
        craqué"Dans')."""
        if self.pending is None:
            return
        index, self.pending = self.pending, None
        floor = max(
            [self.paragraph_start, index - UNBALANCED_MAX_CHARS]
            + [q.end for q in self.quotes if q.end <= index]
        )
        starts = [m.end() for m in _SENTENCE_START.finditer(self.text, floor, index)]
        start = starts[-1] if starts else floor
        while start < index and self.text[start].isspace():
            start += 1
        if start < index:
            self.quotes.append(Quote(start, index + 1, start, index, '"', len(self.stack), False))

    def _close_unbalanced(self, limit: int, depth: int) -> None:
        """Close every mark open above ``depth`` at ``limit``, or, when that is
        further than UNBALANCED_MAX_CHARS, at the end of its first sentence (a
        stray mark must not swallow the page)."""
        while len(self.stack) > depth:
            _family, position, mark = self.stack.pop()
            end = limit
            if end - position > UNBALANCED_MAX_CHARS:
                found = _SENTENCE_END.search(self.text, position, end)
                end = found.end() if found else end
            self.quotes.append(
                Quote(position, end, position + 1, end, mark, len(self.stack), False)
            )


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
