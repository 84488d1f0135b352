"""Jinja2 environments for the report and viewer pages, and their escaping policy.

Every ``{{ value }}`` in a template is escaped unless it is already markup (a macro's
output). HTML environments run with autoescape on and a ``finalize`` that escapes with
``html.escape`` semantics (quotes as ``&quot;`` and ``&#x27;``), so pages match what the
hand-written renderers produced byte for byte. The Markdown environment runs the same
way with the Markdown policy in its ``finalize``: autoescape only marks macro output as
already escaped, so nothing is escaped twice.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from collections.abc import Callable, Iterable
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup


def fmt(value: Any) -> str:
    """A report number or value as people read it: floats to three decimals, None as –."""
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.3f}".rstrip("0").rstrip(".") if value != int(value) else f"{value:.0f}"
    return str(value)


_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_JSON_UNSAFE = re.compile(r"[<>&\x7f-\x9f]")

# C0 controls but tab, line feed and carriage return; DEL; the C1 controls.
_CONTROLS = {c: 0x2400 + c for c in range(0x20) if c not in (0x09, 0x0A, 0x0D)}
_CONTROLS[0x7F] = 0x2421
_CONTROLS.update({c: 0xFFFD for c in range(0x80, 0xA0)})


def visible(text: str) -> str:
    """Control characters shown, not obeyed: C0 and DEL as their Unicode control pictures
    (BEL as ␇, ESC as ␛, NUL as ␀), C1 as U+FFFD.

    Stored data keeps them (offsets and checksums depend on it); pages, Markdown and
    terminals must not: NUL is invalid in HTML, ESC drives terminals, and a C1 character is
    usually text decoded with the wrong encoding. One character for one, so positions in a
    rendered run of text stay where they were.
    """
    return text.translate(_CONTROLS)


def _is_markup(value: Any) -> bool:
    return hasattr(value, "__html__")


def report_html(value: Any) -> Any:
    """The report's HTML policy: format like :func:`fmt`, then escape."""
    if _is_markup(value):
        return value
    return Markup(html.escape(visible(fmt(value)), quote=True))


def viewer_html(value: Any) -> Any:
    """The viewer's HTML policy: text as is (None as nothing), then escape."""
    if _is_markup(value):
        return value
    return Markup(html.escape(visible("" if value is None else str(value)), quote=True))


def html_text(value: str) -> Markup:
    """Article text between tags: quotes need no escaping there."""
    return Markup(html.escape(visible(value), quote=False))


def markdown_value(value: Any) -> Any:
    """The Markdown policy for any value written into report.md: control characters made
    visible, and ``&``, ``<``, ``>`` as entities, because Markdown renderers (code hosts,
    notebooks) pass inline HTML through, so data must never become a tag."""
    if _is_markup(value):
        return value
    return Markup(html.escape(visible(fmt(value)), quote=False))


def markdown_cell(value: Any) -> str:
    """A table cell: pipes escaped and line breaks joined, so the row stays one row."""
    return _LINE_BREAK.sub(" ", fmt(value).replace("|", "\\|"))


def markdown_json(record: Any) -> Markup:
    """A record as JSON for a fenced block in report.md.

    Entities mean nothing inside a code fence, so instead ``<``, ``>``, ``&`` and the
    characters :func:`visible` replaces are written as JSON ``\\u`` escapes (which JSON
    readers decode to the same data); they can only occur inside JSON strings. Indented
    lines that start with ``"``, ``{``, ``}``, ``[`` or ``]`` cannot close the fence.
    """
    text = json.dumps(record, ensure_ascii=False, sort_keys=True, indent=2)
    return Markup(_JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text))


def markdown_code(value: Any) -> str:
    """Text shown next to inline code: backticks would open a code span."""
    return fmt(value).replace("`", "'")


def joined(values: Iterable[Any], separator: str) -> str:
    """Join as plain text, left for the policy to escape (Jinja's ``join`` escapes its own
    way under autoescape, which would bypass the policy)."""
    return separator.join(str(v) for v in values)


def environment(finalize: Callable[[Any], Any]) -> Environment:
    """An environment over the package's templates with the given escaping policy."""
    env = Environment(
        loader=PackageLoader("framing.report", "templates"),
        autoescape=True,
        finalize=finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(text=html_text, cell=markdown_cell, code=markdown_code, joined=joined)
    return env


def _csp_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def content_security_policy(style: str, script: str | None) -> str:
    """A policy that allows exactly our inline style and script and nothing else."""
    script_src = _csp_hash(script) if script is not None else "'none'"
    return (
        f"default-src 'none'; style-src {_csp_hash(style)}; script-src {script_src}; "
        "img-src 'none'; base-uri 'none'; form-action 'none'"
    )
