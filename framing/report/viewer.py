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

import base64
import hashlib
import html
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from framing.errors import FramingError
from framing.io.filenames import safe_filename
from framing.report.palette import CATEGORY_COLOURS
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


def _e(value: object) -> str:
    """Escape anything for HTML text or a double-quoted attribute."""
    return html.escape("" if value is None else str(value), quote=True)


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


def _csp_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _csp(style: str, script: str | None) -> str:
    """A policy that allows exactly our inline style and script and nothing else."""
    script_src = _csp_hash(script) if script is not None else "'none'"
    return (
        f"default-src 'none'; style-src {_csp_hash(style)}; script-src {script_src}; "
        "img-src 'none'; base-uri 'none'; form-action 'none'"
    )


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

_SCRIPT = """(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) { return; }
  var boxes = form.querySelectorAll("input[type=checkbox]");
  var marks = document.querySelectorAll("mark[data-mention]");
  var rows = document.querySelectorAll("tr[data-mention]");
  var status = document.getElementById("filter-status");
  function hiddenBy(off, el) {
    return off.has("category\\u0000" + el.dataset.category) ||
      off.has("voice\\u0000" + el.dataset.voice);
  }
  function apply() {
    var off = new Set();
    boxes.forEach(function (box) {
      if (!box.checked) { off.add(box.name + "\\u0000" + box.value); }
    });
    var shown = new Set();
    marks.forEach(function (mark) {
      var hide = hiddenBy(off, mark);
      mark.classList.toggle("off", hide);
      if (mark.hasAttribute("data-first")) { mark.tabIndex = hide ? -1 : 0; }
      if (!hide) { shown.add(mark.dataset.mention); }
    });
    rows.forEach(function (row) { row.hidden = hiddenBy(off, row); });
    if (status) {
      status.textContent = shown.size + " of " + form.dataset.total +
        " highlighted mentions shown";
    }
  }
  function activate(event, on) {
    var target = event.target.closest ? event.target.closest("mark[data-mention]") : null;
    if (!target) { return; }
    var id = target.dataset.mention;
    marks.forEach(function (m) {
      if (m.dataset.mention === id) { m.classList.toggle("active", on); }
    });
  }
  boxes.forEach(function (box) { box.disabled = false; });
  form.addEventListener("change", apply);
  document.addEventListener("focusin", function (e) { activate(e, true); });
  document.addEventListener("focusout", function (e) { activate(e, false); });
  document.addEventListener("mouseover", function (e) { activate(e, true); });
  document.addEventListener("mouseout", function (e) { activate(e, false); });
  apply();
}());"""


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


def _open_tag(
    span: _Span, part: int, mentions: Sequence[Mention], boilerplate: Sequence[dict[str, Any]]
) -> str:
    if span.kind == "boilerplate":
        pattern = boilerplate[span.index].get("pattern")
        title = f"boilerplate ({pattern})" if pattern else "boilerplate"
        return f'<span class="boilerplate" title="{_e(title)}">'
    mention = mentions[span.index]
    classes = ["m", _category_class(mention.category), _voice_class(mention.voice)]
    if mention.boilerplate:
        classes.append("bp")
    attrs = [
        f'class="{" ".join(classes)}"',
        f'data-mention="{span.index}"',
        f'data-category="{_e(mention.category)}"',
        f'data-voice="{_e(mention.voice)}"',
        f'data-entry="{_e(mention.entry)}"',
        f'data-tip="{_e(_tip(span.index, mention))}"',
    ]
    if part == 1:
        attrs += [
            f'id="m{span.index}"',
            "data-first",
            'tabindex="0"',
            f'aria-label="{_e(_label(span.index, mention))}"',
            f'aria-describedby="row{span.index}"',
        ]
    else:
        attrs.append(f'data-part="{part}"')
    return "<mark " + " ".join(attrs) + ">"


def render_text(
    text: str, mentions: Sequence[Mention], boilerplate: Sequence[dict[str, Any]] = ()
) -> tuple[str, list[int]]:
    """The article as escaped HTML with nested ``<mark>``s; also the unplaceable mentions.

    A mention whose offsets fall outside the text (or are empty) cannot be highlighted; its
    index is returned so the page can list it rather than silently drop it.
    """
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
    starts: dict[int, list[_Span]] = {}
    for span in spans:
        starts.setdefault(span.start, []).append(span)
    points = sorted({0, len(text)} | {s.start for s in spans} | {s.end for s in spans})
    parts: dict[_Span, int] = {}
    stack: list[_Span] = []
    out: list[str] = []

    def close(span: _Span) -> None:
        out.append("</span>" if span.kind == "boilerplate" else "</mark>")

    def open_(span: _Span) -> None:
        parts[span] = parts.get(span, 0) + 1
        out.append(_open_tag(span, parts[span], mentions, boilerplate))

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
                stack.append(span)
        for span in starts.get(here, []):
            open_(span)
            stack.append(span)
        if after > here:
            out.append(html.escape(text[here:after], quote=False))
    for span in reversed(stack):  # only spans ending at len(text) remain; close them
        close(span)
    return "".join(out), unplaced


# -- pages -------------------------------------------------------------------------------


def _head(title: str, css: str, script: str | None) -> list[str]:
    return [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_e(_csp(css, script))}">',
        '<meta name="referrer" content="no-referrer">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title>",
        f"<style>{css}</style>",
        "</head><body>",
    ]


def _legend(mentions: Sequence[Mention], placed: set[int]) -> str:
    """Legend and filters in one: each checkbox's label is the colour or line it controls."""
    by_category = Counter(mentions[i].category for i in placed)
    by_voice = Counter(mentions[i].voice for i in placed)
    categories = list(CATEGORY_COLOURS) + sorted(set(by_category) - set(CATEGORY_COLOURS))
    voices = list(VOICE_STYLES) + sorted(set(by_voice) - set(VOICE_STYLES))
    n_boxes = {"category": 0, "voice": 0}

    def box(group: str, value: str, n: int, sample: str) -> str:
        known = CATEGORY_COLOURS if group == "category" else VOICE_STYLES
        # Known values name the id; others (never trusted in an id) get their position.
        ident = f"f-{group}-{value}" if value in known else f"f-{group}-other{n_boxes[group]}"
        n_boxes[group] += 1
        return (
            f'<label for="{_e(ident)}"><input type="checkbox" id="{_e(ident)}" name="{group}" '
            f'value="{_e(value)}" checked disabled>{sample}'
            f' <span class="count">({n})</span></label>'
        )

    cat_boxes = [
        box(
            "category",
            c,
            by_category[c],
            f'<span class="swatch {_category_class(c)}">{_e(c.replace("_", " "))}</span>',
        )
        for c in categories
    ]
    voice_boxes = []
    for v in voices:
        meaning = VOICE_STYLES.get(v, ("none", "drawn plain"))[1]
        sample = (
            f'<span class="sample {_voice_class(v)}" title="{_e(meaning)}">'
            f"{_e(v.replace('_', ' '))}</span>"
        )
        voice_boxes.append(box("voice", v, by_voice[v], sample))
    return (
        f'<form id="filters" class="legend" data-total="{len(placed)}" '
        'aria-describedby="filter-status">'
        "<fieldset><legend>Categories (background colour)</legend>"
        + "".join(cat_boxes)
        + "</fieldset>"
        "<fieldset><legend>Voice (underline)</legend>" + "".join(voice_boxes) + "</fieldset></form>"
        f'<p id="filter-status" class="muted" aria-live="polite">{len(placed)} highlighted '
        "mentions. Untick a box to remove those highlights.</p>"
        '<noscript><p class="note">JavaScript is off: every highlight is shown and the '
        "filters are inactive.</p></noscript>"
    )


def _mentions_table(document: AnnotatedDocument, unplaced: set[int]) -> str:
    """Every mention in a table: the same facts as the tooltips, readable without hovering."""
    header = (
        "<tr><th>#</th><th>text</th><th>category</th><th>voice</th><th>speaker</th>"
        "<th>cue</th><th>target</th><th>flags</th><th>entry</th><th>rules</th></tr>"
    )
    rows = []
    for i, m in enumerate(document.mentions):
        flags = [f for f in ("negated", "hedged", "boilerplate") if getattr(m, f)]
        if i in unplaced:
            flags.append("not placed")
        number = str(i) if i in unplaced else f'<a href="#m{i}">{i}</a>'
        rows.append(
            f'<tr id="row{i}" data-mention="{i}" data-category="{_e(m.category)}" '
            f'data-voice="{_e(m.voice)}">'
            f"<td>{number}</td><td>{_e(m.text)}</td>"
            f'<td class="nowrap"><span class="swatch {_category_class(m.category)}">'
            f"{_e(m.category)}</span></td>"
            f"<td>{_e(m.voice)}</td><td>{_e(m.speaker.text if m.speaker else '–')}</td>"
            f"<td>{_e(m.cue.text if m.cue else '–')}</td>"
            f"<td>{_e(m.target.text if m.target else '–')}</td>"
            f'<td>{_e(", ".join(flags) or "–")}</td><td class="code">{_e(m.entry)}</td>'
            f'<td class="code">{_e(", ".join(m.rules) or "–")}</td></tr>'
        )
    return (
        '<table class="mentions"><caption class="muted">Mentions in file order</caption>'
        f"<thead>{header}</thead><tbody>{''.join(rows)}</tbody></table>"
    )


def render_article(document: AnnotatedDocument) -> str:
    """One article's page: header, legend and filters, highlighted text, mentions table."""
    title = document.title or document.id
    out = _head(f"{title} — framing viewer", _CSS, _SCRIPT)
    out.append('<nav><a href="../index.html">← All articles</a></nav>')
    out.append(f'<h1 lang="{_e(document.language)}">{_e(title)}</h1>')
    meta = [
        f"outlet: {_e(document.outlet or '–')}",
        f"date: {_e(document.date or '–')}",
        f"id: <code>{_e(document.id)}</code>",
        f"{document.words} words",
        f"{sum(_counted(document.mentions).values())} mentions counted",
    ]
    out.append(f'<p class="meta">{" · ".join(meta)}</p>')
    mentions = document.mentions
    if document.text is None:
        unplaced = set(range(len(mentions)))
        out.append(
            '<p class="note">The annotations were written without the article text '
            "(<code>--no-text</code>), so only the list of mentions can be shown.</p>"
        )
        out.append(_legend(mentions, set()))
    else:
        body, missing = render_text(document.text, mentions, document.boilerplate)
        unplaced = set(missing)
        if unplaced:
            out.append(
                f'<p class="note">{len(unplaced)} mention(s) have offsets outside the text '
                "and are listed below only (flagged “not placed”).</p>"
            )
        if document.boilerplate:
            out.append(
                '<p class="muted">Grey text is site furniture (boilerplate): kept for the '
                "offsets, not counted in reports.</p>"
            )
        out.append(_legend(mentions, set(range(len(mentions))) - unplaced))
        out.append('<h2 id="text-heading">Article text</h2>')
        out.append(
            f'<div class="article" lang="{_e(document.language)}" '
            f'aria-labelledby="text-heading">{body}</div>'
        )
        out.append(
            '<p class="muted">Hover over or tab to a highlight for its speaker, cue, target, '
            "flags, lexicon entry and rules.</p>"
        )
    out.append("<h2>Mentions</h2>")
    out.append(_mentions_table(document, unplaced))
    out.append(f"<script>{_SCRIPT}</script>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def _sort_key(document: AnnotatedDocument) -> tuple[str, str, str]:
    return (document.date or "", document.title or "", document.id)


def render_index(documents: Sequence[AnnotatedDocument], names: Sequence[str]) -> str:
    """Articles grouped by outlet, each with date, title, id and counts by category."""
    out = _head("Annotated articles — framing viewer", _CSS, None)
    out.append("<h1>Annotated articles</h1>")
    out.append(
        f'<p class="meta">{len(documents)} articles. Counts leave out boilerplate mentions, '
        "as the report does. Open an article to see every mention in its context.</p>"
    )
    groups: dict[str, list[tuple[AnnotatedDocument, str]]] = {}
    for document, name in zip(documents, names, strict=True):
        groups.setdefault(document.outlet or "", []).append((document, name))
    extra = sorted({m.category for d in documents for m in d.mentions} - set(CATEGORY_COLOURS))
    categories = list(CATEGORY_COLOURS) + extra
    head = (
        "<tr><th>date</th><th>title</th><th>id</th>"
        + "".join(
            f'<th class="num {_category_class(c)}">{_e(c.replace("_", " "))}</th>'
            for c in categories
        )
        + '<th class="num">total</th></tr>'
    )
    for outlet in sorted(groups):
        items = sorted(groups[outlet], key=lambda item: _sort_key(item[0]))
        out.append(
            f"<h2>{_e(outlet or '(no outlet)')} "
            f'<span class="muted">({len(items)} article{"s" if len(items) != 1 else ""})</span></h2>'
        )
        rows = []
        for document, name in items:
            counts = _counted(document.mentions)
            cells = "".join(f'<td class="num">{counts.get(c, 0)}</td>' for c in categories)
            rows.append(
                f'<tr><td class="nowrap">{_e(document.date or "–")}</td>'
                f'<td class="title"><a href="articles/{_e(name)}.html">{_e(document.title or document.id)}</a>'
                f"</td><td><code>{_e(document.id)}</code></td>{cells}"
                f'<td class="num">{sum(counts.values())}</td></tr>'
            )
        out.append(
            f'<table class="index"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>'
        )
    out.append("</body></html>")
    return "\n".join(out) + "\n"


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
