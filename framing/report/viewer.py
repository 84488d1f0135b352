"""Annotated-article viewer: one self-contained HTML page per article, plus an index.

The report says *how often* outlets frame things one way; the viewer lets a reader check
*each* mention in its context. Pages are static files that fetch nothing (no external
assets, a strict Content-Security-Policy), so they can be mailed, archived or opened from
a report folder offline.

Design choices, and why:

- Mentions may overlap or nest (a hedge over a passive, an evaluative inside a label), and
  HTML elements must nest properly. Spans are therefore rendered with a stack: a span that
  ends while shorter spans are still open closes them and reopens them right after, so a
  mention may be cut into several ``<mark>`` fragments. Every fragment carries the same
  ``data-mention`` index, so grouping ``mark[data-mention]`` by that index gives exactly one
  group per placed mention, with the mention's category and voice.
- Details (speaker, cue, target, flags, entry, rules) sit in a ``data-tip`` attribute shown
  by CSS (``attr()``) on hover *and* on focus, so they work with JavaScript disabled and
  never add text to the article's DOM text. The first fragment of each mention is the
  one keyboard stop (``tabindex="0"``, ``aria-label``, ``aria-describedby`` pointing at
  the mention's row in the table under the article).
- The only script is a constant (it reads the DOM, never data), so its CSP hash is fixed
  and no article text can ever reach a script context. Filters just add a class that
  removes a highlight's styling; without JavaScript every highlight stays visible.
"""

from __future__ import annotations

import os
import tempfile
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from markupsafe import Markup

from framing.errors import FramingError
from framing.io.filenames import safe_filename
from framing.report.palette import CATEGORY_COLOURS
from framing.report.templating import content_security_policy, environment, viewer_html
from framing.types import AnnotatedDocument, Mention

VOICE_STYLES: dict[str, tuple[str, str]] = {
    "authorial": ("none", "plain: the outlet's own wording"),
    "direct_quote": ("solid", "solid underline: inside a quotation"),
    "indirect_speech": ("dashed", "dashed underline: reported speech"),
    "scare_quote": ("wavy", "wavy underline: scare quotes"),
}
"""How each voice is drawn (CSS ``text-decoration-style``) and how the legend explains it."""

OTHER_COLOUR = "#9d9d9d"


# -- small helpers -----------------------------------------------------------------------


def _light(colour: str, share: float = 0.32) -> str:
    """Blend a colour with white: a background light enough for dark text to stay readable."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    mix = [round(255 - (255 - c) * share) for c in (r, g, b)]
    return "#" + "".join(f"{c:02x}" for c in mix)


def _category_class(category: str) -> str:
    """A CSS class from the fixed list only: data never becomes a class name or CSS."""
    return f"c-{category}" if category in CATEGORY_COLOURS else "c-other"


def _voice_class(voice: str) -> str:
    return f"v-{voice}" if voice in VOICE_STYLES else "v-other"


def _page_names(documents: Sequence[AnnotatedDocument]) -> list[str]:
    """Distinct page names, in document order.

    Two ids can map to the same safe id ("a/b" and "a_b"), and the same id can come from
    two annotation files; later ones get ``-2``, ``-3``... instead of overwriting a page.
    """
    names: list[str] = []
    used: set[str] = set()
    for document in documents:
        base = safe_filename(document.id)
        name, n = base, 1
        while name.lower() in used:  # case-insensitive file systems too
            n += 1
            name = f"{base}-{n}"
        used.add(name.lower())
        names.append(name)
    return names


def _counted(mentions: Iterable[Mention]) -> Counter[str]:
    """Mentions per category, boilerplate left out (as in the report)."""
    return Counter(m.category for m in mentions if not m.boilerplate)


# -- CSS and script (constants, so their CSP hashes are fixed) ---------------------------


def _build_css() -> str:
    rules = [
        "body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:72rem;"
        "padding:0 1rem;color:#222;line-height:1.5}",
        "table{border-collapse:collapse;margin:.5rem 0 1rem}"
        "td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}",
        "th{background:#f3f3f3}.muted{color:#666}td.num,th.num{text-align:right}",
        ".note{background:#fff4d6;border-left:4px solid #e0a800;padding:.5rem 1rem}",
        "a{color:#1f4e8c}a:focus-visible,input:focus-visible{outline:3px solid #1a1a1a;"
        "outline-offset:2px}",
        ".meta{color:#555;margin-top:-.5rem}",
        ".legend{display:flex;flex-wrap:wrap;gap:1rem 2rem;margin:1rem 0}",
        ".legend fieldset{border:1px solid #ccc;border-radius:4px;padding:.4rem .8rem}",
        ".legend label{display:inline-flex;align-items:center;gap:.3rem;margin:.15rem .6rem"
        " .15rem 0;white-space:nowrap}",
        ".legend .count{color:#666;font-size:.85em}",
        ".swatch{display:inline-block;padding:0 .3rem;border-radius:2px}",
        ".sample{padding:0 .2rem;text-decoration-thickness:2px;text-underline-offset:3px}",
        ".article{white-space:pre-wrap;font-family:Georgia,serif;font-size:1.05rem;"
        "line-height:1.9;border:1px solid #ddd;border-radius:4px;padding:1rem 1.2rem;"
        "background:#fff}",
        # Outer highlights are taller than the ones nested in them, so both colours show.
        "mark.m{color:#111;padding:.22em 0;border-radius:2px;position:relative;"
        "text-decoration-thickness:2px;text-underline-offset:3px;"
        "text-decoration-color:#222}",
        "mark.m mark.m{padding:.1em 0}mark.m mark.m mark.m{padding:0}",
        "mark.m.v-direct_quote,mark.m.v-indirect_speech,mark.m.v-scare_quote"
        "{text-decoration-line:underline}",
    ]
    for voice, (style, _) in VOICE_STYLES.items():
        if style != "none":
            rules.append(f".v-{voice}{{text-decoration-style:{style}}}")
            rules.append(f".sample.v-{voice}{{text-decoration-line:underline}}")
    for category, colour in {**CATEGORY_COLOURS, "other": OTHER_COLOUR}.items():
        rules.append(
            f".c-{category}{{background:{_light(colour)};box-shadow:inset 0 -2px 0 {colour}}}"
        )
        rules.append(f"th.c-{category}{{background:{_light(colour)}}}")
    rules += [
        "mark.m.active{outline:2px solid #222}",
        "mark.m[tabindex]:focus{outline:3px solid #1a1a1a;outline-offset:2px}",
        "mark.m.bp{opacity:.75}",
        "mark.m.off{background:transparent;box-shadow:none;text-decoration:none;"
        "color:inherit;opacity:1}",
        "mark.m:not(.off):focus::after,"
        "mark.m:not(.off):hover:not(:has(mark.m:not(.off):hover))::after"
        "{content:attr(data-tip);position:absolute;left:0;top:100%;margin-top:.35rem;"
        "z-index:10;width:max-content;max-width:26rem;white-space:pre-line;"
        "background:#222;color:#fff;font:normal .8rem/1.35 system-ui,sans-serif;"
        "padding:.4rem .6rem;border-radius:4px;pointer-events:none;"
        "box-shadow:0 2px 6px rgba(0,0,0,.3)}",
        ".boilerplate{color:#8a8a8a;background:#f1f1f1}",
        ".boilerplate mark.m{color:#666}",
        "tr[hidden]{display:none}",
        ".mentions{width:100%}.mentions td{font-size:.9rem}td.code{overflow-wrap:anywhere}",
        ".index{width:100%}.index td.title{min-width:16rem}.nowrap{white-space:nowrap}",
        ".index th.num{font-size:.8rem}",
        "nav{margin-bottom:1rem}",
    ]
    return "\n".join(rules)


_CSS = _build_css()

_ENV = environment(viewer_html)
_SCRIPT = _ENV.loader.get_source(_ENV, "viewer.js")[0].rstrip("\n")  # type: ignore[union-attr]
"""The page script: constant (it reads the DOM, never data), so its CSP hash is fixed."""
_MACROS = _ENV.get_template("_viewer_macros.html.j2").module


# -- article text with highlights -------------------------------------------------------


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    kind: str  # "boilerplate" or "mention"
    index: int


def _tip(index: int, mention: Mention) -> str:
    """The details shown on hover and focus (one fact a line, plain text)."""
    lines = [f"#{index} {mention.category} · {mention.voice}"]
    if mention.speaker is not None:
        lines.append(f"speaker: {mention.speaker.text}")
    if mention.cue is not None:
        lines.append(f"cue: {mention.cue.text}")
    if mention.target is not None:
        lines.append(f"target: {mention.target.text}")
    flags = [name for name in ("negated", "hedged") if getattr(mention, name)]
    if flags:
        lines.append("flags: " + ", ".join(flags))
    lines.append(f"frame: {mention.frame} · valence: {mention.valence}")
    lines.append(f"entry: {mention.entry}")
    if mention.rules:
        lines.append("rules: " + ", ".join(mention.rules))
    if mention.boilerplate:
        lines.append("boilerplate: not counted")
    return "\n".join(lines)


def _label(index: int, mention: Mention) -> str:
    """A short accessible name: the words, what they are, whose they are."""
    parts = [
        f"«{mention.text}»",
        mention.category.replace("_", " "),
        mention.voice.replace("_", " "),
    ]
    if mention.speaker is not None:
        parts.append(f"speaker {mention.speaker.text}")
    if mention.negated:
        parts.append("negated")
    if mention.hedged:
        parts.append("hedged")
    if mention.boilerplate:
        parts.append("boilerplate")
    return f"mention {index}: " + ", ".join(parts)


def _placeable(start: Any, end: Any, length: int) -> bool:
    return isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= length


@dataclass(frozen=True)
class _Mark:
    """What every ``<mark>`` fragment of one mention carries (computed once per mention)."""

    classes: str
    category: str
    voice: str
    entry: str
    tip: str
    label: str


def _mark(index: int, mention: Mention) -> _Mark:
    classes = ["m", _category_class(mention.category), _voice_class(mention.voice)]
    if mention.boilerplate:
        classes.append("bp")
    return _Mark(
        " ".join(classes),
        mention.category,
        mention.voice,
        mention.entry,
        _tip(index, mention),
        _label(index, mention),
    )


def _block_title(block: dict[str, Any]) -> str:
    pattern = block.get("pattern")
    return f"boilerplate ({pattern})" if pattern else "boilerplate"


@dataclass(frozen=True)
class _Piece:
    """One step of the article body: a span opens (``part`` counts fragments), a span
    closes, or a run of text."""

    kind: Literal["open", "close", "text"]
    boilerplate: bool = False
    index: int = -1
    part: int = 0
    text: str = ""


def _spans(
    text: str, mentions: Sequence[Mention], boilerplate: Sequence[dict[str, Any]]
) -> tuple[list[_Span], list[int]]:
    """Placeable spans, outer first; and the indices of mentions that cannot be placed."""
    spans: list[_Span] = []
    for i, block in enumerate(boilerplate):
        if _placeable(block.get("start"), block.get("end"), len(text)):
            spans.append(_Span(block["start"], block["end"], "boilerplate", i))
    unplaced: list[int] = []
    for i, mention in enumerate(mentions):
        if _placeable(mention.start, mention.end, len(text)):
            spans.append(_Span(mention.start, mention.end, "mention", i))
        else:
            unplaced.append(i)
    # Outer first: earlier start, then longer, boilerplate around mentions, then file order.
    spans.sort(key=lambda s: (s.start, -s.end, s.kind != "boilerplate", s.index))
    return spans, unplaced


def _pieces(text: str, spans: Sequence[_Span]) -> list[_Piece]:
    """Open, close and text steps that nest properly however the spans overlap.

    A span that ends while shorter spans are still open closes them and reopens them right
    after, so one mention may become several fragments (``part`` 1, 2, ...).
    """
    starts: dict[int, list[_Span]] = {}
    for span in spans:
        starts.setdefault(span.start, []).append(span)
    points = sorted({0, len(text)} | {s.start for s in spans} | {s.end for s in spans})
    parts: dict[_Span, int] = {}
    stack: list[_Span] = []
    out: list[_Piece] = []

    def open_(span: _Span) -> None:
        parts[span] = parts.get(span, 0) + 1
        out.append(_Piece("open", span.kind == "boilerplate", span.index, parts[span]))
        stack.append(span)

    def close(span: _Span) -> None:
        out.append(_Piece("close", span.kind == "boilerplate", span.index))

    for here, after in zip(points, [*points[1:], len(text)], strict=True):
        ending = [i for i, s in enumerate(stack) if s.end == here]
        if ending:
            lowest = ending[0]
            for span in reversed(stack[lowest:]):
                close(span)
            survivors = [s for s in stack[lowest:] if s.end != here]
            del stack[lowest:]
            for span in survivors:  # reopened as continuation fragments, same nesting order
                open_(span)
        for span in starts.get(here, []):
            open_(span)
        if after > here:
            out.append(_Piece("text", text=text[here:after]))
    for span in reversed(stack):  # only spans ending at len(text) remain; close them
        close(span)
    return out


def render_text(
    text: str, mentions: Sequence[Mention], boilerplate: Sequence[dict[str, Any]] = ()
) -> tuple[str, list[int]]:
    """The article as escaped HTML with nested ``<mark>``s; also the unplaceable mentions.

    A mention whose offsets fall outside the text (or are empty) cannot be highlighted; its
    index is returned so the page can list it rather than silently drop it.
    """
    spans, unplaced = _spans(text, mentions, boilerplate)
    body = _MACROS.article_body(
        _pieces(text, spans),
        [_mark(i, m) for i, m in enumerate(mentions)],
        [_block_title(block) for block in boilerplate],
    )
    return str(body), unplaced


# -- pages -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Box:
    """One filter checkbox of the legend, labelled with the colour or line it controls."""

    group: Literal["category", "voice"]
    value: str
    ident: str
    count: int
    name: str
    css_class: str
    meaning: str


def _boxes(group: Literal["category", "voice"], counts: Counter[str]) -> list[_Box]:
    known: dict[str, Any] = CATEGORY_COLOURS if group == "category" else VOICE_STYLES
    values = list(known) + sorted(set(counts) - set(known))
    boxes = []
    for position, value in enumerate(values):
        # Known values name the id; others (never trusted in an id) get their position.
        ident = f"f-{group}-{value}" if value in known else f"f-{group}-other{position}"
        if group == "category":
            css_class, meaning = _category_class(value), ""
        else:
            css_class, meaning = (
                _voice_class(value),
                VOICE_STYLES.get(value, ("", "drawn plain"))[1],
            )
        name = value.replace("_", " ")
        boxes.append(_Box(group, value, ident, counts[value], name, css_class, meaning))
    return boxes


@dataclass(frozen=True)
class _Row:
    """One row of the mentions table under an article."""

    index: int
    mention: Mention
    placed: bool
    flags: list[str]
    css_class: str


def _rows(document: AnnotatedDocument, unplaced: set[int]) -> list[_Row]:
    rows = []
    for i, m in enumerate(document.mentions):
        flags = [f for f in ("negated", "hedged", "boilerplate") if getattr(m, f)]
        if i in unplaced:
            flags.append("not placed")
        rows.append(_Row(i, m, i not in unplaced, flags, _category_class(m.category)))
    return rows


def render_article(document: AnnotatedDocument) -> str:
    """One article's page: header, legend and filters, highlighted text, mentions table."""
    title = document.title or document.id
    mentions = document.mentions
    body: str | None = None
    if document.text is None:
        unplaced = set(range(len(mentions)))
    else:
        body, missing = render_text(document.text, mentions, document.boilerplate)
        unplaced = set(missing)
    placed = set(range(len(mentions))) - unplaced
    by_category = Counter(mentions[i].category for i in placed)
    by_voice = Counter(mentions[i].voice for i in placed)
    return _ENV.get_template("viewer_article.html.j2").render(
        page_title=f"{title} — framing viewer",
        csp=content_security_policy(_CSS, _SCRIPT),
        css=Markup(_CSS),
        script=Markup(_SCRIPT),
        doc=document,
        title=title,
        counted=sum(_counted(mentions).values()),
        unplaced=len(unplaced),
        categories=_boxes("category", by_category),
        voices=_boxes("voice", by_voice),
        placed=len(placed),
        body=Markup(body or ""),
        rows=_rows(document, unplaced),
    )


def _sort_key(document: AnnotatedDocument) -> tuple[str, str, str]:
    return (document.date or "", document.title or "", document.id)


@dataclass(frozen=True)
class _IndexRow:
    doc: AnnotatedDocument
    name: str
    counts: Counter[str]
    total: int


@dataclass(frozen=True)
class _Group:
    outlet: str
    rows: list[_IndexRow]


@dataclass(frozen=True)
class _Column:
    key: str
    name: str
    css_class: str


def render_index(documents: Sequence[AnnotatedDocument], names: Sequence[str]) -> str:
    """Articles grouped by outlet, each with date, title, id and counts by category."""
    grouped: dict[str, list[tuple[AnnotatedDocument, str]]] = {}
    for document, name in zip(documents, names, strict=True):
        grouped.setdefault(document.outlet or "", []).append((document, name))
    groups = []
    for outlet in sorted(grouped):
        rows = []
        for document, name in sorted(grouped[outlet], key=lambda item: _sort_key(item[0])):
            counts = _counted(document.mentions)
            rows.append(_IndexRow(document, name, counts, sum(counts.values())))
        groups.append(_Group(outlet, rows))
    extra = sorted({m.category for d in documents for m in d.mentions} - set(CATEGORY_COLOURS))
    columns = [
        _Column(c, c.replace("_", " "), _category_class(c)) for c in [*CATEGORY_COLOURS, *extra]
    ]
    return _ENV.get_template("viewer_index.html.j2").render(
        csp=content_security_policy(_CSS, None),
        css=Markup(_CSS),
        total=len(documents),
        groups=groups,
        categories=columns,
    )


def _write(path: Path, content: str) -> None:
    """Write via a temporary file so a page is never half-written."""
    tmp = path.with_name(path.name + ".tmp")
    try:
        tmp.write_text(content, encoding="utf-8", newline="\n")
        os.replace(tmp, path)
    except OSError as exc:
        raise FramingError(f"{path}: cannot write ({exc.strerror or exc})") from exc


def write_viewer(documents: Iterable[AnnotatedDocument], out_dir: Path) -> Path:
    """Write ``out_dir/index.html`` and ``out_dir/articles/<safe-id>.html``; return the index.

    Output is deterministic (no timestamps), so a regenerated viewer is byte-identical.
    """
    docs = list(documents)
    out_dir = Path(out_dir)
    articles = out_dir / "articles"
    try:
        articles.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FramingError(f"{articles}: cannot create folder ({exc.strerror or exc})") from exc
    names = _page_names(docs)
    for document, name in zip(docs, names, strict=True):
        _write(articles / f"{name}.html", render_article(document))
    index = out_dir / "index.html"
    _write(index, render_index(docs, names))
    return index


def _files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def compare_viewer(
    documents: Sequence[AnnotatedDocument], viewer_dir: Path
) -> list[tuple[str, bool]]:
    """Regenerate the viewer in a temporary folder; (``viewer/<page>``, identical) pairs.

    A page present on only one side is reported as differing: a stale page left by an
    earlier run, or a page the inputs now give that the folder lacks.
    """
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp)
        write_viewer(documents, fresh)
        old, new = _files(viewer_dir), _files(fresh)
        results = []
        for name in sorted(old | new):
            same = (
                name in old
                and name in new
                and (viewer_dir / name).read_bytes() == (fresh / name).read_bytes()
            )
            results.append((f"viewer/{name}", same))
    return results
